"""The summary workbook's sheets, cell by cell: types, number formats, fonts, the table,
and text that looks like a formula kept as text (the whole workbook of a built round is
checked in test_build.py)."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl import Workbook

from qnreport.report.summary import DATE_FORMAT, FONT, NUMBER_FORMAT, _Looks, _sheet, save

TITLE = "Một trang có tên dài hơn ba mươi mốt ký tự"
HEADERS = ("Mã", "Số liệu", "Ngày văn bản", "Ghi chú")
ROWS = [
    ("CN01", Decimal("1234.5"), dt.date(2023, 12, 8), "=1+1"),
    ("CN02", None, None, "@SUM(A1)"),
    ("+84 255 3822", Decimal("0"), dt.date(2024, 1, 5), "-giảm"),
    ("CN04", 7, None, "Tăng trưởng khá"),
    ("CN05", None, None, "#N/A"),
]


def saved_sheet(tmp_path: Path, rows: list[tuple[object, ...]]) -> openpyxl.Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, _Looks(), TITLE, "Bang", HEADERS, rows, (9, 14, 14, 30))
    path = tmp_path / "tong-hop.xlsx"
    save(wb, path)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_DEFLATED}
    return openpyxl.load_workbook(path)


def test_cells_keep_their_type_format_and_look(tmp_path: Path) -> None:
    ws = saved_sheet(tmp_path, ROWS).worksheets[0]
    assert ws.title == TITLE[:31]  # Excel's limit
    cells = list(ws.iter_rows())
    assert [[c.value for c in row] for row in cells] == [
        list(HEADERS),
        ["CN01", 1234.5, dt.datetime(2023, 12, 8), "=1+1"],
        ["CN02", None, None, "@SUM(A1)"],
        ["+84 255 3822", 0, dt.datetime(2024, 1, 5), "-giảm"],
        ["CN04", 7, None, "Tăng trưởng khá"],
        ["CN05", None, None, "#N/A"],
    ]
    for r, row in enumerate(cells, start=1):
        for cell in row:
            assert (cell.font.name, cell.font.sz, cell.font.b) == (FONT, 11, r == 1), cell
            assert (cell.alignment.wrap_text, cell.alignment.vertical) == (True, "top"), cell
            formula_like = isinstance(cell.value, str) and cell.value[0] in "=+-@"
            assert cell.quotePrefix is formula_like, cell
            assert cell.data_type != "f", cell
    assert [c.number_format for c in cells[1]] == ["General", NUMBER_FORMAT, DATE_FORMAT, "General"]
    assert cells[2][1].number_format == "General"  # an empty figure: no format of its own
    assert (cells[1][2].data_type, cells[1][3].data_type) == ("d", "s")
    assert cells[5][3].data_type == "s"  # typed text, not Excel's error value


def test_every_sheet_is_a_frozen_filterable_table_with_set_widths(tmp_path: Path) -> None:
    ws = saved_sheet(tmp_path, ROWS).worksheets[0]
    assert ws.freeze_panes == "A2"
    assert [ws.column_dimensions[c].width for c in "ABCD"] == [9, 14, 14, 30]
    (table,) = ws.tables.values()
    assert (table.displayName, table.ref, table.autoFilter.ref) == ("Bang", "A1:D6", "A1:D6")
    assert [c.name for c in table.tableColumns] == list(HEADERS)
    assert table.tableStyleInfo.name == "TableStyleLight9"

    empty = saved_sheet(tmp_path, []).worksheets[0]
    (table,) = empty.tables.values()
    assert table.ref == "A1:D2"  # a table needs a row under its headers


def test_rows_are_tall_enough_for_their_wrapped_text_and_print_landscape(
    tmp_path: Path,
) -> None:
    """LibreOffice shows a row one line high unless told otherwise: long texts overlapped."""
    note = "Tăng trưởng khá nhờ các dự án lớn đi vào hoạt động. " * 8  # ~420 characters
    ws = saved_sheet(tmp_path, [*ROWS, ("CN06", None, None, note)]).worksheets[0]
    heights = [ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)]
    assert heights[1] == heights[2] < heights[-1]
    assert heights[-1] >= 15 * len(note) / (30 * 1.2)  # column D is 30 wide
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.print_title_rows) == (
        "landscape",
        1,
        "$1:$1",
    )
