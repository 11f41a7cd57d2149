"""The summary workbook's sheets, cell by cell: types, number formats, fonts, the table,
and text that looks like a formula kept as text (the whole workbook of a built round is
checked in test_build.py)."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from libreoffice import pdf_text, require, soffice_convert
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
    # A column of figures reads the Vietnamese way as text, whatever the machine's locale;
    # its numbers follow in a hidden twin column, to sort, filter and sum.
    assert [[c.value for c in row] for row in cells] == [
        ["Mã", "Số liệu", "Số liệu (giá trị số)", "Ngày văn bản", "Ghi chú"],
        ["CN01", "1.234,5", 1234.5, dt.datetime(2023, 12, 8), "=1+1"],
        ["CN02", None, None, None, "@SUM(A1)"],
        ["+84 255 3822", "0", 0, dt.datetime(2024, 1, 5), "-giảm"],
        ["CN04", "7", 7, None, "Tăng trưởng khá"],
        ["CN05", None, None, None, "#N/A"],
    ]
    for r, row in enumerate(cells, start=1):
        for cell in row:
            assert (cell.font.name, cell.font.sz, cell.font.b) == (FONT, 11, r == 1), cell
            assert (cell.alignment.wrap_text, cell.alignment.vertical) == (True, "top"), cell
            formula_like = isinstance(cell.value, str) and cell.value[0] in "=+-@"
            assert cell.quotePrefix is formula_like, cell
            assert cell.data_type != "f", cell
    assert [c.number_format for c in cells[1]] == [
        "General",
        "General",
        NUMBER_FORMAT,
        DATE_FORMAT,
        "General",
    ]
    assert NUMBER_FORMAT == "[$-42A]#,##0.0#"  # Vietnamese: LibreOffice shows 1.234,5
    assert DATE_FORMAT == "DD\\/MM\\/YYYY"  # a literal "/", not the machine's separator
    assert [c.data_type for c in cells[1][1:4]] == ["s", "n", "d"]
    assert cells[2][2].number_format == "General"  # an empty figure: no format of its own
    assert [c.alignment.horizontal for c in cells[1]] == [None, "right", None, None, None]
    assert cells[0][1].alignment.horizontal is None  # the heading is not a figure
    assert cells[5][4].data_type == "s"  # typed text, not Excel's error value


def test_a_row_of_figures_shares_its_decimals(tmp_path: Path) -> None:
    rows = [
        ("CN04", Decimal("6.8"), Decimal("7.1"), Decimal("7")),
        ("CN06", Decimal("54"), Decimal("61"), 62),
        ("CN07", Decimal("11426.2"), Decimal("13533.4"), Decimal("14058.25")),
        ("CN08", None, Decimal("0.125"), None),
    ]
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, _Looks(), "Chỉ tiêu", "Bang", ("Mã", "2022", "2023", "2024"), rows, (9, 9, 9, 9))
    path = tmp_path / "tong-hop.xlsx"
    save(wb, path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    texts = [[ws.cell(r, c).value for c in (2, 4, 6)] for r in range(2, 6)]
    assert texts == [
        ["6,8", "7,1", "7,0"],
        ["54", "61", "62"],
        ["11.426,20", "13.533,40", "14.058,25"],
        [None, "0,13", None],
    ]
    assert [ws.cell(r, 7).value for r in range(2, 6)] == [7, 62, 14058.25, None]


def test_the_numbers_twin_columns_are_hidden_in_an_outline_group(tmp_path: Path) -> None:
    ws = saved_sheet(tmp_path, ROWS).worksheets[0]
    dims = ws.column_dimensions
    assert [(c, dims[c].hidden, dims[c].outlineLevel) for c in "ABCDE"] == [
        ("A", False, 0),
        ("B", False, 0),
        ("C", True, 1),
        ("D", False, 0),
        ("E", False, 0),
    ]
    assert [dims[c].width for c in "ABCDE"] == [9, 14, 14, 14, 30]


@pytest.mark.libreoffice
def test_figures_print_the_vietnamese_way_under_an_english_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clerk's machine set to English (or German) still prints 1.234,5 and 10/12/2024:
    LibreOffice converts the workbook under LANG=en_US.UTF-8 and poppler reads it back."""
    require("soffice", "pdftotext")
    wb = Workbook()
    wb.remove(wb.active)
    rows = [("CN07", Decimal("1234.5"), dt.date(2024, 12, 10)), ("CN06", 61, None)]
    _sheet(wb, _Looks(), "Chỉ tiêu", "Bang", ("Mã", "Số liệu", "Ngày"), rows, (12, 20, 20))
    path = tmp_path / "tong-hop.xlsx"
    save(wb, path)
    texts = {}
    for lang in ("en_US.UTF-8", "de_DE.UTF-8"):
        out = tmp_path / lang
        monkeypatch.setenv("LANG", lang)
        monkeypatch.setenv("LC_ALL", lang)
        pdf = soffice_convert(path, "pdf", out)
        texts[lang] = " ".join(pdf_text(pdf, 1, layout=True).split())
    for lang, text in texts.items():
        assert "CN07 1.234,5 10/12/2024" in text, (lang, text)
        assert "CN06 61" in text, (lang, text)
        assert "1,234.5" not in text and "giá trị số" not in text, lang  # the twin is hidden


def test_every_sheet_is_a_frozen_filterable_table_with_set_widths(tmp_path: Path) -> None:
    ws = saved_sheet(tmp_path, ROWS).worksheets[0]
    assert ws.freeze_panes == "A2"
    assert [ws.column_dimensions[c].width for c in "ABCDE"] == [9, 14, 14, 14, 30]
    (table,) = ws.tables.values()
    assert (table.displayName, table.ref, table.autoFilter.ref) == ("Bang", "A1:E6", "A1:E6")
    assert [c.name for c in table.tableColumns] == [
        "Mã",
        "Số liệu",
        "Số liệu (giá trị số)",
        "Ngày văn bản",
        "Ghi chú",
    ]
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
    assert heights[-1] >= 15 * len(note) / (30 * 1.2)  # column E is 30 wide
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.print_title_rows) == (
        "landscape",
        1,
        "$1:$1",
    )
