"""Reads every row and cell of the first worksheet of an XLSX with one of the Python tools
people use, as `muster inspect` does with Muster's reader.

    python bench/peer_xlsx.py openpyxl|calamine|polars FILE.xlsx

openpyxl in read-only mode (its streaming reader, the fast way to read a large sheet),
python-calamine row by row, polars' `read_excel` (its default engine, calamine through
fastexcel) into a DataFrame. Prints the rows and cells seen.
"""

import sys


def openpyxl_rows(path: str) -> tuple[int, int]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = cells = 0
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows += 1
        cells += sum(value is not None for value in row)
    book.close()
    return rows, cells


def calamine_rows(path: str) -> tuple[int, int]:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    rows = cells = 0
    for row in sheet.iter_rows():
        rows += 1
        cells += sum(value != "" for value in row)
    return rows, cells


def polars_rows(path: str) -> tuple[int, int]:
    import polars as pl

    frame = pl.read_excel(path)
    cells = frame.height * frame.width - sum(frame.null_count().row(0))
    return frame.height + 1, cells


TOOLS = {"openpyxl": openpyxl_rows, "calamine": calamine_rows, "polars": polars_rows}

if __name__ == "__main__":
    rows, cells = TOOLS[sys.argv[1]](sys.argv[2])
    print(f"{rows} rows (header included), {cells} cells with a value")
