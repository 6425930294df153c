"""The work of `muster validate --profile bench/lms-core-profile.toml`, written as a
consultant would write it with polars (lazy, so polars plans and parallelises the whole
query): read the HR export, leave out inactive people, map the columns onto the LMS fields
(trims, lower-case emails, dates in two formats normalised to DD.MM.YYYY, yes/no to 1/0),
check required fields, email syntax, dates, duplicate ids and emails and manager
references, and write every issue to a CSV (row, column, field, severity, code, message,
value).

    python bench/peer_polars.py INPUT.csv ISSUES.csv

Rows are numbered as a spreadsheet shows them when no record spans lines (the header is
row 1); polars does not count the line breaks inside quoted cells, Muster does.
"""

import sys

import polars as pl

from lms_fields import EMAIL, REQUIRED, SOURCES

def date(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.coalesce(
        text.str.to_date("%Y-%m-%d", strict=False),
        text.str.to_date("%d.%m.%Y", strict=False),
    )


def issue(frame: pl.LazyFrame, when: pl.Expr, field: str, severity: str, code: str, message: pl.Expr) -> pl.LazyFrame:
    return frame.filter(when).select(
        pl.col("row"),
        pl.lit(SOURCES[field]).alias("column"),
        pl.lit(field).alias("field"),
        pl.lit(severity).alias("severity"),
        pl.lit(code).alias("code"),
        message.alias("message"),
        pl.col(field).alias("value"),
    )


def quoted(field: str, then: str) -> pl.Expr:
    return pl.concat_str(pl.lit('"'), pl.col(field), pl.lit(then))


def main(source: str, out: str) -> None:
    raw = (
        pl.scan_csv(source, infer_schema=False, empty_string_is_null=False)
        .with_row_index("row", offset=2)
        .filter(pl.col("Active").str.strip_chars().str.to_lowercase() != "no")
    )
    email = pl.col("Email").str.strip_chars().str.to_lowercase()
    mapped = raw.select(
        pl.col("row"),
        pl.col("Employee ID").str.strip_chars().alias("uid"),
        pl.col("First Name").str.strip_chars().alias("firstname"),
        pl.col("Last Name").str.strip_chars().alias("secondname"),
        email.alias("email"),
        email.alias("login"),
        pl.col("Department").alias("department"),
        pl.col("Job Title").str.strip_chars().alias("position"),
        pl.col("Manager ID").str.strip_chars().alias("manager_uid"),
        pl.col("Active").replace({"yes": "1", "no": "0"}).alias("is_active"),
        date("Birth Date").alias("birth_day"),
        date("Hire Date").alias("hire_day"),
        pl.col("Birth Date").str.strip_chars().alias("birth_text"),
        pl.col("Hire Date").str.strip_chars().alias("hire_text"),
    ).with_columns(
        pl.col("birth_day").dt.strftime("%d.%m.%Y").fill_null(pl.col("birth_text")).alias("birth_date"),
        pl.col("hire_day").dt.strftime("%d.%m.%Y").fill_null(pl.col("hire_text")).alias("date_of_employment"),
        pl.col("row").first().over("uid").alias("uid_first"),
        pl.col("row").first().over("email").alias("email_first"),
        (pl.col("uid").is_first_distinct().not_() & (pl.col("uid") != "")).alias("uid_repeated"),
        (pl.col("email").is_first_distinct().not_() & (pl.col("email") != "")).alias("email_repeated"),
    )
    ids = mapped.filter(pl.col("uid") != "").select(pl.col("uid").alias("manager_uid"), pl.lit(True).alias("known")).unique("manager_uid")
    mapped = mapped.join(ids, on="manager_uid", how="left").cache()

    found = [
        issue(mapped, (pl.col(text) != "") & pl.col(day).is_null(), field, "error", "date_invalid", quoted(field, '" is not a date (YYYY-MM-DD or DD.MM.YYYY).'))
        for field, text, day in [("birth_date", "birth_text", "birth_day"), ("date_of_employment", "hire_text", "hire_day")]
    ]
    found += [
        issue(mapped, pl.col(field) == "", field, "error", "required_missing", pl.lit(f'column "{SOURCES[field]}" is empty, but lms requires "{field}".'))
        for field in REQUIRED
    ]
    found += [
        issue(mapped, (pl.col("email") != "") & ~pl.col("email").str.contains(EMAIL), "email", "error", "email_invalid", quoted("email", '" is not an email address.')),
        issue(mapped, (pl.col("is_active") != "") & ~pl.col("is_active").is_in(["0", "1"]), "is_active", "error", "boolean_invalid", quoted("is_active", '" is not 1 or 0.')),
        issue(mapped, pl.col("position") == "", "position", "warning", "lms_position_missing", pl.lit('position is empty in column "Job Title".')),
    ]
    found += [
        issue(
            mapped,
            pl.col(f"{field}_repeated"),
            field,
            "error",
            code,
            pl.concat_str(pl.lit('"'), pl.col(field), pl.lit(f'" is already the {field} of row '), pl.col(f"{field}_first").cast(pl.String), pl.lit(".")),
        )
        for field, code in [("uid", "duplicate_identifier"), ("email", "duplicate_email")]
    ]
    manager = pl.col("manager_uid")
    found += [
        issue(mapped, (manager != "") & (manager == pl.col("uid")), "manager_uid", "warning", "manager_self", quoted("manager_uid", '" names the record itself as its own manager.')),
        issue(mapped, (manager != "") & (manager != pl.col("uid")) & pl.col("known").is_null(), "manager_uid", "warning", "manager_unknown", quoted("manager_uid", '" is not the uid of any record in this file.')),
    ]
    issues = pl.concat(found).sort("row", maintain_order=True).collect()
    issues.write_csv(out)
    print(f"{len(issues)} issues")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
