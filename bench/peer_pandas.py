"""The work of `muster validate --profile bench/lms-core-profile.toml`, written as a
consultant would write it with pandas: read the HR export, leave out inactive people, map
the columns onto the LMS fields (trims, lower-case emails, dates in two formats normalised
to DD.MM.YYYY, yes/no to 1/0), check required fields, email syntax, dates, duplicate ids and
emails and manager references, and write every issue to a CSV (row, column, field,
severity, code, message, value).

    python bench/peer_pandas.py INPUT.csv ISSUES.csv

Rows are numbered as a spreadsheet shows them when no record spans lines (the header is
row 1); pandas does not count the line breaks inside quoted cells, Muster does.
"""

import sys

import pandas as pd

from lms_fields import COLUMNS, EMAIL, REQUIRED, SOURCES

def main(source: str, out: str) -> None:
    raw = pd.read_csv(source, dtype=str, keep_default_na=False)
    raw["row"] = raw.index + 2
    raw = raw[raw["Active"].str.strip().str.lower() != "no"]

    email = raw["Email"].str.strip().str.lower()
    df = pd.DataFrame(
        {
            "row": raw["row"],
            "uid": raw["Employee ID"].str.strip(),
            "firstname": raw["First Name"].str.strip(),
            "secondname": raw["Last Name"].str.strip(),
            "email": email,
            "login": email,
            "department": raw["Department"],
            "position": raw["Job Title"].str.strip(),
            "manager_uid": raw["Manager ID"],
            "is_active": raw["Active"].map({"yes": "1", "no": "0"}).fillna(raw["Active"]),
        }
    )
    found = []

    def report(mask, field, severity, code, message):
        hits = df.loc[mask]
        found.append(
            pd.DataFrame(
                {
                    "row": hits["row"],
                    "column": SOURCES[field],
                    "field": field,
                    "severity": severity,
                    "code": code,
                    "message": message(hits) if callable(message) else message,
                    "value": hits[field],
                }
            )
        )

    for field, column in [("birth_date", "Birth Date"), ("date_of_employment", "Hire Date")]:
        text = raw[column].str.strip()
        iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        dotted = pd.to_datetime(text, format="%d.%m.%Y", errors="coerce")
        date = iso.fillna(dotted)
        df[field] = date.dt.strftime("%d.%m.%Y").where(date.notna(), text)
        report(
            (text != "") & date.isna(),
            field,
            "error",
            "date_invalid",
            lambda hits, f=field: '"' + hits[f] + '" is not a date (YYYY-MM-DD or DD.MM.YYYY).',
        )

    for field in REQUIRED:
        report(
            df[field] == "",
            field,
            "error",
            "required_missing",
            f'column "{SOURCES[field]}" is empty, but lms requires "{field}".',
        )

    report(
        (df["email"] != "") & ~df["email"].str.match(EMAIL),
        "email",
        "error",
        "email_invalid",
        lambda hits: '"' + hits["email"] + '" is not an email address.',
    )
    report(
        (df["is_active"] != "") & ~df["is_active"].isin(["0", "1"]),
        "is_active",
        "error",
        "boolean_invalid",
        lambda hits: '"' + hits["is_active"] + '" is not 1 or 0.',
    )
    report(
        df["position"] == "",
        "position",
        "warning",
        "lms_position_missing",
        'position is empty in column "Job Title".',
    )

    for field, code in [("uid", "duplicate_identifier"), ("email", "duplicate_email")]:
        first = df.groupby(field)["row"].transform("first")
        report(
            (df[field] != "") & df[field].duplicated(),
            field,
            "error",
            code,
            lambda hits, f=field, first=first: '"'
            + hits[f]
            + '" is already the '
            + f
            + " of row "
            + first[hits.index].astype(str)
            + ".",
        )

    manager = df["manager_uid"].str.strip()
    ids = df.loc[df["uid"] != "", "uid"]
    report(
        (manager != "") & (manager == df["uid"]),
        "manager_uid",
        "warning",
        "manager_self",
        lambda hits: 'the record names itself ("' + hits["manager_uid"] + '") as its own manager.',
    )
    report(
        (manager != "") & (manager != df["uid"]) & ~manager.isin(ids),
        "manager_uid",
        "warning",
        "manager_unknown",
        lambda hits: 'the manager "' + hits["manager_uid"] + '" is not the uid of any record in this file.',
    )

    issues = pd.concat(found).sort_values("row", kind="stable")
    issues[COLUMNS].to_csv(out, index=False)
    print(f"{len(df)} records, {len(issues)} issues")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
