"""Reading filled workbooks back: tolerant of how people type, strict about what is wrong.

Every fixture is a real template filled through its names and tables (``filled_workbook``),
then damaged the way people damage workbooks. Findings are compared as tuples
(code, sheet, cell) so a failure shows exactly which finding moved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import time
import unicodedata
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import DEFAULT_ROWS, RESULT_TEXT, WorkbookFactory, named_cell
from hypothesis import given, settings
from hypothesis import strategies as st
from libreoffice import soffice_convert
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, range_boundaries

from qnreport.check import annotate
from qnreport.check.batch import Validator
from qnreport.check.results import FileReport
from qnreport.cli import cli
from qnreport.config import contract
from qnreport.config.project import Project
from qnreport.findings import Level
from qnreport.read.submission import ListRow, TaskResult, to_dict
from qnreport.read.values import clean_text, is_no_data

D = Decimal
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module")
def validator(project: Project) -> Validator:
    return Validator(project)


def where(report: FileReport) -> list[tuple[str, str, str]]:
    return [(f.code, f.sheet, f.cell) for f in report.findings]


def codes(report: FileReport) -> list[str]:
    return [f.code for f in report.findings]


def set_meta(key: str, value: str) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        ws = wb[contract.SHEET_META]
        (row,) = [r for r in ws.iter_rows() if r[0].value == key]
        row[1].value = value

    return edit


# ================================================================== a clean reply


def test_clean_workbook_is_valid_with_typed_values(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook("SCT"))
    assert (report.verdict, report.findings, report.usable) == ("valid", [], True)
    sub = report.submission
    assert sub is not None
    assert (sub.round, sub.outline, sub.outline_version, sub.agency) == (
        "cn-2023", "cn-2023", "2023.2", "SCT",
    )  # fmt: skip
    assert (sub.letter_number, sub.letter_date, sub.signer, sub.signer_title) == (
        "125/BC-SCT", dt.date(2023, 12, 15), "Nguyễn Văn An", "Phó Giám đốc",
    )  # fmt: skip
    assert (sub.contact, sub.phone, sub.email, sub.no_task) == (
        "Trần Thị Bình", "0255 3822 123", "ttbinh@quangngai.gov.vn", False,
    )  # fmt: skip
    assert {
        code: (v.previous, v.actual, v.next_target, v.note, v.cell)
        for code, v in sub.indicators.items()
    } == {
        "CN01": (D("7.9"), D("8.6"), D(9), "Cục Thống kê tỉnh", "Chỉ tiêu!G5"),
        "CN04": (D("7.9"), D("8.6"), D(9), "Cục Thống kê tỉnh", "Chỉ tiêu!G6"),
        "CN08": (D(12), D(14), D(15), "Cục Thống kê tỉnh", "Chỉ tiêu!G7"),
    }
    assert sub.sections == {"II.1": RESULT_TEXT}
    assert sub.tasks == {}
    assert sub.lists == {
        "ton_tai": [ListRow(DEFAULT_ROWS["ton_tai"][0], 4)],
        "kien_nghi": [ListRow(DEFAULT_ROWS["kien_nghi"][0], 4)],
    }
    assert report.submission.digest == hashlib.sha256(report.path.read_bytes()).hexdigest()


def test_clean_tcc_workbook_reads_tasks_and_both_targets(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook("SCT", "tcc-222-2024"))
    assert (report.verdict, report.findings) == ("valid", [])
    sub = report.submission
    assert sub is not None and len(sub.indicators) == 15
    assert len(sub.tasks) == 18
    assert sub.tasks["PL12"] == TaskResult("PL12", "Đang thực hiện", RESULT_TEXT)
    ctk = validator.validate_file(filled_workbook("CTK", "tcc-222-2024"))
    assert ctk.submission is not None
    assert (ctk.verdict, list(ctk.submission.indicators)) == (
        "valid", ["TCC01", "TCC01a", "TCC04", "TCC11"],
    )  # fmt: skip


# ================================================================== tolerant reading

# CTK reports CN01 (growth, %) and CN02 (share, %) without being responsible for them,
# BQLKKT reports CN06 (count) and CN07 (amount, tỷ đồng).
NUMBERS = [
    ("CTK", "CN01", "2.230", None, D("2.23"), ["NUMBER_AMBIGUOUS"]),
    ("BQLKKT", "CN07", "2.230", None, D(2230), ["NUMBER_AMBIGUOUS"]),
    ("BQLKKT", "CN06", "20", None, D(20), []),
    ("BQLKKT", "CN07", "1.234,5", None, D("1234.5"), []),
    ("CTK", "CN01", "8,5", None, D("8.5"), []),
    ("CTK", "CN01", "8,5%", None, D("8.5"), []),
    ("CTK", "CN01", "8.5 %", None, D("8.5"), []),
    ("CTK", "CN01", " 9 ", None, D(9), []),
    ("CTK", "CN01", "-2,1", None, D("-2.1"), ["SIGN_FLIP"]),
    ("CTK", "CN01", 0.085, "0.0%", D("8.5"), []),
    ("CTK", "CN02", 0.405, "0.00%", D("40.5"), []),
    ("CTK", "CN02", 40.5, None, D("40.5"), []),
    ("CTK", "CN01", 0, None, D(0), []),
    ("CTK", "CN01", "0", None, D(0), []),
    ("CTK", "CN01", "-", None, None, []),
    ("CTK", "CN01", "—", None, None, []),
    ("CTK", "CN01", "x", None, None, []),
    ("CTK", "CN01", "không", None, None, []),
    ("CTK", "CN01", "chưa có số liệu", None, None, []),
    ("CTK", "CN01", None, None, None, []),
    ("CTK", "CN01", "tăng nhẹ", None, None, ["VALUE_NOT_NUMBER"]),
    ("BQLKKT", "CN07", "8,5%", None, None, ["VALUE_UNIT_MISMATCH"]),
    ("BQLKKT", "CN06", "12,5", None, None, ["VALUE_NOT_WHOLE"]),
    ("CTK", "CN02", "150", None, None, ["VALUE_OUT_OF_RANGE"]),
]


@pytest.mark.parametrize(
    ("agency", "code", "typed", "number_format", "expected", "found"),
    NUMBERS,
    ids=[f"{a}-{c}-{t!r}" for a, c, t, *_ in NUMBERS],
)
def test_numbers_as_people_type_them(
    filled_workbook: WorkbookFactory,
    validator: Validator,
    agency: str,
    code: str,
    typed: object,
    number_format: str | None,
    expected: Decimal | None,
    found: list[str],
) -> None:
    name = contract.indicator_name(code, "NAM_NAY")

    def edit(wb: Any) -> None:
        cell = named_cell(wb, name)
        cell.value = typed
        if number_format:
            cell.number_format = number_format

    path = filled_workbook(agency, edit=edit)
    report = validator.validate_file(path)
    assert report.submission is not None
    assert report.submission.indicators[code].actual == expected
    sheet, ref = filled_workbook.ref(path, name)
    assert where(report) == [(f, sheet, ref) for f in found]
    levels = {f.level for f in report.findings}
    assert levels <= ({Level.ERROR} if expected is None else {Level.WARNING})


def test_no_data_is_not_zero(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    zero = validator.validate_file(filled_workbook("CTK", values={"CT_CN01_NAM_NAY": 0}))
    none = validator.validate_file(filled_workbook("CTK", values={"CT_CN01_NAM_NAY": "-"}))
    assert zero.submission is not None and none.submission is not None
    assert (
        zero.submission.indicators["CN01"].actual,
        none.submission.indicators["CN01"].actual,
    ) == (
        D(0),
        None,
    )
    as_json = to_dict(none.submission)["indicators"]["CN01"]
    assert (as_json["actual"], as_json["previous"]) == (None, {"$decimal": "7.9"})


def test_responsible_agency_without_figure_is_warned(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(
        filled_workbook("SCT", values={"CT_CN01_NAM_NAY": "chưa có số liệu"})
    )
    assert (where(report), report.verdict) == (
        [("RESPONSIBLE_NO_DATA", "Chỉ tiêu", "G5")],
        "warnings",
    )


DATES = [
    dt.datetime(2023, 12, 8),
    45268,  # the serial Excel keeps when a date cell loses its format
    "08/12/2023",
    "8/12/2023",
    "08-12-2023",
    " 08/12/2023 ",
    "ngày 08 tháng 12 năm 2023",
    "Ngày 8 tháng 12 năm 2023",
]


@pytest.mark.parametrize("typed", DATES[:3] + DATES[-2:-1], ids=repr)
def test_letter_dates_as_people_type_them(
    filled_workbook: WorkbookFactory, validator: Validator, typed: object
) -> None:
    report = validator.validate_file(filled_workbook(values={"VB_NGAY": typed}))
    assert report.submission is not None
    assert (report.submission.letter_date, report.findings) == (dt.date(2023, 12, 8), [])


def test_every_date_form_in_a_list_column(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """One policy per way of typing 08/12/2023 (the letter date takes the same reader)."""
    rows = [
        {"so_ky_hieu": f"{n}/2023/QĐ-UBND", "ngay": typed, "trich_yeu": "Quy định",
         "tinh_trang": "Đã ban hành"}
        for n, typed in enumerate(DATES, start=1)
    ]  # fmt: skip
    report = validator.validate_file(filled_workbook(rows={"chinh_sach": rows}))
    assert report.findings == []
    assert report.submission is not None
    dates = [r.values["ngay"] for r in report.submission.lists["chinh_sach"]]
    assert dates == [dt.date(2023, 12, 8)] * len(DATES)


def test_month_first_date_is_one_error_not_a_missing_field(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook(values={"VB_NGAY": "12/31/2023"}))
    assert where(report) == [("DATE_INVALID", "Thông tin chung", "B7")]
    assert "12/31/2023" in report.findings[0].message


def test_list_date_column(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    rows = [
        {"so_ky_hieu": "12/2023/QĐ-UBND", "ngay": "05/6/2023", "trich_yeu": "Quy định A",
         "tinh_trang": "Đã ban hành"},
        {"so_ky_hieu": "15/2023/QĐ-UBND", "ngay": "31/02/2023", "trich_yeu": "Quy định B",
         "tinh_trang": "Đã ban hành"},
    ]  # fmt: skip
    report = validator.validate_file(filled_workbook(rows={"chinh_sach": rows}))
    assert where(report) == [("DATE_INVALID", "Chính sách", "B5")]
    assert report.submission is not None
    policies = report.submission.lists["chinh_sach"]
    assert [(r.row, r.values["ngay"]) for r in policies] == [(4, dt.date(2023, 6, 5)), (5, None)]


def test_decomposed_text_spaces_and_line_breaks_are_normalised(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    signer = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    result = unicodedata.normalize("NFD", "Đoạn một:  tuyên truyền  \r\nĐoạn hai. ")
    report = validator.validate_file(
        filled_workbook(values={"NGUOI_KY": f"  {signer} ", "DM_II_2_KQ": result})
    )
    assert report.findings == []
    assert report.submission is not None
    assert report.submission.signer == "Nguyễn Thị Ánh Tuyết"
    assert report.submission.sections["II.2"] == "Đoạn một: tuyên truyền\nĐoạn hai."


def test_tcvn3_text_in_a_vntime_cell_is_converted_with_a_warning(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    def edit(wb: Any) -> None:
        cell = named_cell(wb, "NGUOI_KY")
        cell.value = "NguyÔn V¨n An"
        cell.font = Font(name=".VnTime", size=12)

    report = validator.validate_file(filled_workbook(edit=edit))
    assert report.submission is not None and report.submission.signer == "Nguyễn Văn An"
    assert where(report) == [("LEGACY_CONVERTED", "Thông tin chung", "B8")]
    assert report.findings[0].level is Level.WARNING
    assert '"Nguyễn Văn An"' in report.findings[0].message


def test_tcvn3_typed_without_its_font_is_converted_by_content(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    typed = "Tæ chøc tuyªn truyÒn, phæ biÕn chÝnh s¸ch ph¸t triÓn c«ng nghiÖp"
    report = validator.validate_file(filled_workbook(values={"DM_II_1_KQ": typed}))
    assert report.submission is not None
    assert report.submission.sections["II.1"] == (
        "Tổ chức tuyên truyền, phổ biến chính sách phát triển công nghiệp"
    )
    assert where(report) == [("LEGACY_CONVERTED", "Nhiệm vụ", "D5")]


def test_rich_text_with_one_legacy_run(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    def edit(wb: Any) -> None:
        named_cell(wb, "DM_II_1_KQ").value = CellRichText(
            [
                TextBlock(InlineFont(rFont="Times New Roman"), "Kết quả: "),
                TextBlock(InlineFont(rFont=".VnTime"), "Tæ chøc tuyªn truyÒn"),
            ]
        )

    report = validator.validate_file(filled_workbook(edit=edit))
    assert report.submission is not None
    assert report.submission.sections["II.1"] == "Kết quả: Tổ chức tuyên truyền"
    assert codes(report) == ["LEGACY_CONVERTED"]


def test_ordinary_text_with_symbols_is_left_alone(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    note = "Nồng độ bụi 50 µg/m³ (± 5 %) — theo Café Müller & Cie"
    report = validator.validate_file(filled_workbook("CTK", values={"CT_CN01_GHI_CHU": note}))
    assert report.findings == []
    assert report.submission is not None and report.submission.indicators["CN01"].note == note


def _with_cached_value(path: Path, sheet_index: int, ref: str, value: str) -> None:
    """What Excel writes and openpyxl cannot: a formula with its computed result."""
    part = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info)) for info in src.infolist()]
    pattern = re.compile(
        rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*>\s*</v>|(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename == part:
                text, n = pattern.subn(
                    lambda m: f"{m.group(1) or m.group(2)}<v>{value}</v>", data.decode()
                )
                assert n == 1
                data = text.encode()
            dst.writestr(info, data)


def test_formula_with_cached_value(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    path = filled_workbook("CTK", values={"CT_CN01_NAM_NAY": "=VLOOKUP(B5,Z1:Z9,1,FALSE)"})
    sheet, ref = filled_workbook.ref(path, "CT_CN01_NAM_NAY")
    _with_cached_value(path, openpyxl.load_workbook(path).sheetnames.index(sheet) + 1, ref, "8.6")
    report = validator.validate_file(path)
    assert report.submission is not None
    assert (report.submission.indicators["CN01"].actual, report.findings) == (D("8.6"), [])


def test_formula_without_cached_value_is_computed_with_a_warning(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    path = filled_workbook(
        "CTK", values={"CT_CN01_NAM_NAY": "=F5+0.7", "CT_CN01_KE_HOACH": "=SUM(F5:G5)/2"}
    )
    report = validator.validate_file(path)
    assert report.submission is not None
    assert (
        report.submission.indicators["CN01"].actual,
        report.submission.indicators["CN01"].next_target,
    ) == (
        D("8.6"),
        D("8.25"),
    )
    assert where(report) == [
        ("FORMULA_COMPUTED", "Chỉ tiêu", "G5"),
        ("FORMULA_COMPUTED", "Chỉ tiêu", "H5"),
    ]
    assert report.findings[0].message == (
        "Ô có công thức =F5+0.7 chưa được tính trong tệp; đã tự tính ra 8,6. Hãy kiểm tra lại."
    )


def test_formula_that_cannot_be_computed_names_the_cell(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    formula = "=VLOOKUP(B5,'Nguồn'!A1:C9,2,FALSE)"
    report = validator.validate_file(filled_workbook("CTK", values={"CT_CN01_NAM_NAY": formula}))
    assert where(report) == [("FORMULA_NO_VALUE", "Chỉ tiêu", "G5")]
    assert report.findings[0].is_error and formula in report.findings[0].message
    assert report.submission is not None and report.submission.indicators["CN01"].actual is None


# ------------------------------------------------------------------ list tables


def _table(wb: Any, name: str) -> tuple[Any, Any]:
    ws = next(ws for ws in wb.worksheets if name in ws.tables)
    return ws, ws.tables[name]


def test_rows_inserted_inside_a_table_and_blank_rows(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    def edit(wb: Any) -> None:
        ws, table = _table(wb, "tbl_TonTai")
        ws["A8"] = "Dòng sau ba dòng trống"
        ws.insert_rows(5, 2)  # Excel: "Insert table rows above" grows the table
        _, header, _, last = range_boundaries(table.ref)
        table.ref = f"A{header}:B{last + 2}"
        ws["A5"], ws["B5"] = "Dòng chèn thêm", "  "
        ws["A6"] = "   "

    report = validator.validate_file(filled_workbook(edit=edit))
    assert report.findings == []
    assert report.submission is not None
    assert [(r.row, r.values["noi_dung"]) for r in report.submission.lists["ton_tai"]] == [
        (4, DEFAULT_ROWS["ton_tai"][0]["noi_dung"]),
        (5, "Dòng chèn thêm"),
        (10, "Dòng sau ba dòng trống"),
    ]


def test_row_typed_just_below_the_table(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """LibreOffice does not grow Excel tables: the row lands below the table's range."""

    def edit(wb: Any) -> None:
        ws, table = _table(wb, "tbl_TonTai")
        last = range_boundaries(table.ref)[3]
        ws.cell(last + 1, 1, "Thiếu lao động kỹ thuật")
        ws.cell(last + 1, 2, "Đào tạo chưa gắn với nhu cầu")

    report = validator.validate_file(filled_workbook(edit=edit))
    assert report.submission is not None and report.findings == []
    assert [r.row for r in report.submission.lists["ton_tai"]] == [4, 14]
    assert report.submission.lists["ton_tai"][1].values == {
        "noi_dung": "Thiếu lao động kỹ thuật",
        "nguyen_nhan": "Đào tạo chưa gắn với nhu cầu",
    }


def test_merged_cells_give_their_value_to_every_row(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    def edit(wb: Any) -> None:
        ws, _ = _table(wb, "tbl_TonTai")
        ws["A5"] = "Hạ tầng giao thông kết nối chưa đồng bộ"
        ws["B5"], ws["B6"] = "Thiếu vốn", "Vướng mặt bằng"
        ws.merge_cells("A5:A6")

    report = validator.validate_file(filled_workbook(edit=edit))
    assert report.submission is not None and report.findings == []
    assert [(r.row, tuple(r.values.values())) for r in report.submission.lists["ton_tai"][1:]] == [
        (5, ("Hạ tầng giao thông kết nối chưa đồng bộ", "Thiếu vốn")),
        (6, ("Hạ tầng giao thông kết nối chưa đồng bộ", "Vướng mặt bằng")),
    ]


def test_a_long_list_with_merged_rows_and_a_merged_block(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """1.000 rows, every two merged in column A, and the causes of the last 700 rows
    merged into one block wider than the reader indexes cell by cell."""

    def edit(wb: Any) -> None:
        ws, table = _table(wb, "tbl_TonTai")
        for row in range(5, 1005):
            ws.cell(row, 1, f"Tồn tại số {row}")
            ws.cell(row, 2, f"Nguyên nhân {row}")
        for row in range(5, 1005, 2):
            ws.merge_cells(f"A{row}:A{row + 1}")
        ws.merge_cells("B305:Q1004")  # 16 columns x 700 rows: 11.200 cells
        table.ref = "A3:B1004"

    report = validator.validate_file(filled_workbook(edit=edit))
    assert report.submission is not None and report.findings == []
    rows = report.submission.lists["ton_tai"]
    assert len(rows) == 1001
    assert (rows[2].row, rows[2].values) == (
        6,
        {"noi_dung": "Tồn tại số 5", "nguyen_nhan": "Nguyên nhân 6"},
    )
    assert (rows[-1].row, rows[-1].values) == (
        1004,
        {"noi_dung": "Tồn tại số 1003", "nguyen_nhan": "Nguyên nhân 305"},
    )


def test_table_turned_back_into_a_range_is_still_read(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    def edit(wb: Any) -> None:
        ws, _ = _table(wb, "tbl_TonTai")
        del ws.tables["tbl_TonTai"]

    report = validator.validate_file(filled_workbook(edit=edit))
    assert report.findings == []
    assert report.submission is not None
    assert [r.row for r in report.submission.lists["ton_tai"]] == [4]


def test_sheet_renamed_in_excel_keeps_its_names(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """Excel and Calc carry the defined names along when a sheet is renamed, and tables
    are found by name: the data is still read, nothing is lost."""

    def edit(wb: Any) -> None:
        wb[contract.SHEET_INDICATORS].title = "CT 2023"
        wb["Tồn tại"].title = "Ton tai"
        for defined in wb.defined_names.values():
            defined.attr_text = defined.attr_text.replace("'Chỉ tiêu'!", "'CT 2023'!")

    report = validator.validate_file(filled_workbook(edit=edit))
    assert report.findings == []
    assert report.submission is not None
    assert (report.submission.indicators["CN01"].cell, len(report.submission.lists["ton_tai"])) == (
        "CT 2023!G5",
        1,
    )


def test_headings_picked_or_typed_by_number(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    rows = [
        {"de_muc": "4.1. Huy động và sử dụng hiệu quả nguồn nhân lực cho ngành công nghiệp",
         "noi_dung": "Đào tạo 500 lao động"},
        {"de_muc": "5.2", "noi_dung": "Hoàn thiện hạ tầng cụm công nghiệp"},
        {"de_muc": "Mục khác", "noi_dung": "Nội dung"},
    ]  # fmt: skip
    report = validator.validate_file(filled_workbook(rows={"ke_hoach": rows}))
    assert where(report) == [("CHOICE_INVALID", "Kế hoạch 2024", "A6")]
    assert report.submission is not None
    assert [r.values["de_muc"] for r in report.submission.lists["ke_hoach"]] == [
        "II.4.1",
        "II.5.2",
        "",
    ]


# ================================================================== rules


def test_required_fields(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    report = validator.validate_file(filled_workbook(values={"VB_NGAY": None, "NGUOI_KY": " "}))
    assert where(report) == [
        ("REQUIRED_MISSING", "Thông tin chung", "B7"),
        ("REQUIRED_MISSING", "Thông tin chung", "B8"),
    ]
    assert report.findings[1].message == (
        'Chưa điền "Người ký văn bản (họ và tên)". Đây là thông tin bắt buộc.'
    )
    # A letter with errors is still a letter received: what is valid in it is used.
    assert report.verdict == "errors" and report.usable


NO_TASK = {"VB_NGAY": dt.datetime(2023, 12, 12), "NGUOI_KY": "Lê Văn Cường"}


def test_no_task_reply_is_valid_with_everything_empty(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(
        filled_workbook("BDT", blank=True, values={**NO_TASK, "KHONG_NHIEM_VU": "Có"})
    )
    assert (report.verdict, report.findings) == ("valid", [])
    assert report.submission is not None
    assert (report.submission.no_task, report.submission.has_content) == (True, False)


BDT_REASON = (
    "qua rà soát nhiệm vụ được giao tại Kế hoạch số 136/KH-UBND ngày 16/11/2020 của UBND "
    "tỉnh, Ban Dân tộc không được giao nhiệm vụ chủ trì tham mưu các nhiệm vụ cụ thể liên "
    "quan đến lĩnh vực công nghiệp, phát triển công nghiệp"
)


def test_no_task_reply_says_why_in_its_own_cell(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """The reason has a cell of its own under the choice: no heading cell is misused, no
    finding is raised, and a template made before the cell existed still reads."""
    values = {**NO_TASK, "KHONG_NHIEM_VU": "Có", "LY_DO_KHONG_NV": BDT_REASON}
    path = filled_workbook("BDT", blank=True, values=values)
    assert filled_workbook.ref(path, "LY_DO_KHONG_NV") == ("Thông tin chung", "B14")
    report = validator.validate_file(path)
    assert (report.verdict, report.findings) == ("valid", [])
    assert report.submission is not None
    assert (report.submission.no_task, report.submission.no_task_reason) == (True, BDT_REASON)

    def older_template(wb: Any) -> None:
        del wb.defined_names["LY_DO_KHONG_NV"]

    old = filled_workbook(
        "BDT", blank=True, values={**NO_TASK, "KHONG_NHIEM_VU": "Có"}, edit=older_template
    )
    assert validator.validate_file(old).verdict == "valid"


def test_no_task_with_content_is_warned(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook("BDT", values={"KHONG_NHIEM_VU": "Có"}))
    assert where(report) == [("NO_TASK_WITH_CONTENT", "Thông tin chung", "B13")]


def test_nothing_reported(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    report = validator.validate_file(filled_workbook("BDT", blank=True, values=NO_TASK))
    assert where(report) == [("NOTHING_REPORTED", "Thông tin chung", "B13")]


def test_agency_mismatch(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    report = validator.validate_file(filled_workbook("SCT", values={"CQ_MA": "SKHCN"}))
    assert where(report) == [("AGENCY_MISMATCH", "Thông tin chung", "B5")]
    assert '("SKHCN")' in report.findings[0].message and '("SCT")' in report.findings[0].message


@pytest.mark.parametrize(
    ("key", "value", "code", "message"),
    [
        (
            "round",
            "cn-2019",
            "ROUND_UNKNOWN",
            'Biểu mẫu thuộc đợt báo cáo "cn-2019" không có trong hệ thống '
            "(các đợt hiện có: cn-2023, tcc-222-2024).",
        ),
        (
            "agency",
            "SXYZ",
            "AGENCY_UNKNOWN",
            'Mã cơ quan "SXYZ" không có trong danh sách cơ quan. '
            "Hãy dùng biểu mẫu đúng của cơ quan mình.",
        ),
        (
            "agency",
            "",
            "META_INVALID",
            'Trang thông tin ẩn "_meta" thiếu "agency". '
            "Hãy điền vào biểu mẫu gốc, không sao chép sang tệp khác.",
        ),
    ],
)
def test_metadata_that_points_nowhere(
    filled_workbook: WorkbookFactory,
    validator: Validator,
    key: str,
    value: str,
    code: str,
    message: str,
) -> None:
    report = validator.validate_file(filled_workbook(edit=set_meta(key, value)))
    assert [(f.code, f.sheet, f.message) for f in report.findings] == [(code, "_meta", message)]
    assert report.submission is None


def test_older_outline_version_is_one_error_not_a_cascade(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    def older(wb: Any) -> None:
        set_meta("outline_version", "2022.1")(wb)
        del wb.defined_names["VB_NGAY"]  # an older layout: names and sheets differ
        del wb["Tồn tại"]

    report = validator.validate_file(filled_workbook(edit=older))
    assert [(f.code, f.level) for f in report.findings] == [("OUTLINE_VERSION", Level.ERROR)]
    assert report.findings[0].message == (
        'Biểu mẫu lập theo đề cương "cn-2023" phiên bản 2022.1, nhưng đợt báo cáo dùng phiên '
        "bản cn-2023 2023.2. Hãy tải biểu mẫu mới và chép nội dung sang."
    )


def test_edited_outline_of_same_version_is_a_warning(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook(edit=set_meta("outline_digest", "0" * 16)))
    assert (codes(report), report.verdict) == (["TEMPLATE_CHANGED"], "warnings")


def test_out_of_range_and_large_change(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(
        filled_workbook(
            "CTK",
            values={"CT_CN02_NAM_NAY": 140, "CT_CN01_NAM_TRUOC": 1.5, "CT_CN01_NAM_NAY": 9},
        )
    )
    assert [(f.code, f.level, f.cell) for f in report.findings] == [
        ("CHANGE_LARGE", Level.WARNING, "G5"),
        ("VALUE_OUT_OF_RANGE", Level.ERROR, "G6"),
    ]
    assert report.findings[1].message == (
        "Giá trị 140 nằm ngoài khoảng hợp lý 0 đến 100 %. Hãy kiểm tra lại số liệu và đơn vị tính."
    )
    assert report.submission is not None
    assert report.submission.indicators["CN02"].actual is None
    assert report.submission.indicators["CN01"].actual == D(9)


def test_large_change_alone_keeps_the_file(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(
        filled_workbook(values={"CT_CN08_NAM_TRUOC": 2, "CT_CN08_NAM_NAY": 20})
    )
    assert (where(report), report.verdict, report.usable) == (
        [("CHANGE_LARGE", "Chỉ tiêu", "G7")],
        "warnings",
        True,
    )


def test_long_text_warning(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    text = ("Tiếp tục rà soát, tháo gỡ khó khăn cho doanh nghiệp. " * 100).strip()
    report = validator.validate_file(filled_workbook(values={"DM_II_3_KQ": text}))
    assert where(report) == [("TEXT_TOO_LONG", "Nhiệm vụ", "D7")]
    assert len(text) == 5299
    assert report.findings[0].message == (
        "Nội dung dài 5.299 ký tự, vượt mức 5.000 ký tự; nên viết gọn để báo cáo dễ đọc."
    )
    assert report.usable and report.submission is not None
    assert report.submission.sections["II.3"] == text


def test_late_letter_is_warned(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    report = validator.validate_file(filled_workbook(values={"VB_NGAY": "28/12/2023"}))
    assert [(f.code, f.message) for f in report.findings] == [
        ("LATE", "Văn bản ngày 28/12/2023 gửi sau hạn gửi báo cáo (20/12/2023).")
    ]


def test_list_required_column(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    rows = [{"noi_dung": "Hỗ trợ vốn cho cụm công nghiệp Bình Nguyên"}]
    report = validator.validate_file(filled_workbook(rows={"kien_nghi": rows}))
    assert [(f.code, f.sheet, f.cell, f.message) for f in report.findings] == [
        (
            "LIST_REQUIRED",
            "Kiến nghị",
            "A5",
            'Dòng 5 của bảng "Đề xuất, kiến nghị" thiếu "Kiến nghị với".',
        )
    ]


def test_invalid_choice_is_one_error(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    rows = [{"noi_nhan": "Bộ Tài chính", "noi_dung": "Hỗ trợ vốn"}]
    report = validator.validate_file(filled_workbook(rows={"kien_nghi": rows}))
    assert where(report) == [("CHOICE_INVALID", "Kiến nghị", "A5")]
    assert report.findings[0].message.startswith(
        'Giá trị "Bộ Tài chính" không có trong danh sách chọn (Chính phủ; Bộ Công Thương;'
    )


def test_task_status_choice(filled_workbook: WorkbookFactory, validator: Validator) -> None:
    path = filled_workbook(
        "SKHCN",
        "tcc-222-2024",
        values={"NV_VI5a_TT": "  đang thực hiện ", "NV_VI5b_TT": "Xong rồi"},
    )
    report = validator.validate_file(path)
    assert where(report) == [("CHOICE_INVALID", *filled_workbook.ref(path, "NV_VI5b_TT"))]
    assert report.submission is not None
    assert report.submission.tasks["VI5a"].status == "Đang thực hiện"
    assert report.submission.tasks["VI5b"] == TaskResult("VI5b", "", RESULT_TEXT)


# ================================================================== several files


def _letter(
    folder: Path, factory: WorkbookFactory, name: str, number: str, day: int, **values: Any
) -> Path:
    return factory(
        folder=folder,
        name=name,
        values={"VB_SO": number, "VB_NGAY": dt.datetime(2023, 12, day), **values},
    )


def test_the_latest_letter_is_used_even_with_errors(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    folder = tmp_path / "dot"
    later = _letter(folder, filled_workbook, "a_lan2.xlsx", "131/BC-SCT", 18)
    earlier = _letter(folder, filled_workbook, "b_lan1.xlsx", "120/BC-SCT", 12)
    broken = _letter(
        folder, filled_workbook, "c_lan3.xlsx", "140/BC-SCT", 19, CT_CN01_NAM_NAY="x,y"
    )
    batch = validator.validate_paths([folder])
    by_path = {r.path: r for r in batch.reports}
    assert [(r.path.name, r.verdict) for r in batch.reports] == [
        ("a_lan2.xlsx", "superseded"),
        ("b_lan1.xlsx", "superseded"),
        ("c_lan3.xlsx", "errors"),
    ]
    superseded = by_path[earlier].findings
    assert [(f.code, f.level) for f in superseded] == [("SUPERSEDED", Level.WARNING)]
    assert superseded[0].message == (
        "Tệp không được dùng: đã có tệp mới hơn của cùng cơ quan "
        f"({by_path[broken].display}, văn bản ngày 19/12/2023)."
    )
    assert codes(by_path[broken]) == ["VALUE_NOT_NUMBER"]
    assert [s.file for s in batch.used()] == [by_path[broken].display]
    # the invalid cell reads as no figure; the rest of the letter counts
    used = batch.used()[0]
    assert used.indicators["CN01"].actual is None and used.letter_number == "140/BC-SCT"
    assert batch.counts() == {
        "files": 3,
        "valid": 0,
        "warnings": 0,
        "errors": 1,
        "superseded": 2,
        "later": 0,
        "excluded": 0,
    }
    assert by_path[later].usable is False


def test_a_large_batch_keeps_content_only_for_the_files_it_can_use(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    """Thousands of workbooks must not all stay in memory: superseded and refused files
    keep only their letter details, whatever order they arrive in."""
    folder = tmp_path / "dot"
    _letter(folder, filled_workbook, "a_lan1.xlsx", "120/BC-SCT", 12)
    _letter(folder, filled_workbook, "b_lan3.xlsx", "140/BC-SCT", 19, CT_CN01_NAM_NAY="x,y")
    _letter(folder, filled_workbook, "c_lan2.xlsx", "131/BC-SCT", 18)
    _letter(folder, filled_workbook, "d_lan0.xlsx", "101/BC-SCT", 2)
    full = validator.validate_paths([folder])
    slim = validator.validate_paths([folder], jobs=2, keep_content=False)
    assert [(r.display, r.verdict, r.findings) for r in slim.reports] == [
        (r.display, r.verdict, r.findings) for r in full.reports
    ]
    assert slim.used() == full.used() and slim.used()[0].indicators
    for report in slim.reports:
        assert report.submission is not None
        assert bool(report.submission.indicators) == report.usable
        assert report.submission.letter_number == next(
            r.submission.letter_number
            for r in full.reports
            if r.path == report.path and r.submission is not None
        )


def test_same_date_then_letter_number_decides(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    folder = tmp_path / "dot"
    _letter(folder, filled_workbook, "x.xlsx", "98/BC-SCT", 15)
    _letter(folder, filled_workbook, "y.xlsx", "102/BC-SCT", 15)
    batch = validator.validate_paths([folder])
    assert [(r.path.name, r.verdict) for r in batch.reports] == [
        ("x.xlsx", "superseded"),
        ("y.xlsx", "valid"),
    ]


def test_identical_copies_are_reported_as_duplicates(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    first = filled_workbook(folder=tmp_path / "dot", name="SCT.xlsx")
    copy = first.with_name("SCT - Copy.xlsx")
    shutil.copy(first, copy)
    os.utime(copy, (1_700_000_000, 1_700_000_000))  # the copy is older: file time decides
    batch = validator.validate_paths([first.parent])
    assert [(r.path.name, r.verdict, codes(r)) for r in batch.reports] == [
        ("SCT - Copy.xlsx", "superseded", ["DUPLICATE_FILE"]),
        ("SCT.xlsx", "valid", []),
    ]
    assert batch.reports[0].findings[0].message == (
        f"Tệp trùng nội dung với tệp {batch.reports[1].display}; chỉ dùng một tệp."
    )
    assert [s.file for s in batch.used()] == [batch.reports[1].display]


# ================================================================== bad files


def _pdf(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "bao-cao.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    return path


def _docx(f: WorkbookFactory, folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Báo cáo tình hình thực hiện kế hoạch năm 2023")
    path = folder / "bao-cao-word.xlsx"
    document.save(str(path))
    return path


def _truncated(f: WorkbookFactory, folder: Path) -> Path:
    data = f().read_bytes()
    path = folder / "dut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _bad_crc(f: WorkbookFactory, folder: Path) -> Path:
    good = f()
    path = folder / "hong.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.find(b"<sheetData>")
    data[at + 1 : at + 6] = b"XXXXX"  # a flipped stretch: the part's CRC no longer matches
    path.write_bytes(bytes(data))
    return path


def _encrypted(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "mat-khau.xlsx"
    stream = "EncryptionInfo".encode("utf-16-le")
    path.write_bytes(OLE_MAGIC + bytes(504) + stream + bytes(2048))
    return path


def _xls(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "cu.xls"
    path.write_bytes(OLE_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(2048))
    return path


def _ods(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "calc.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    return path


def _bomb(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr(
            "xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (20 * 2**20) + b"</worksheet>"
        )
    assert path.stat().st_size < 2**20 // 10
    return path


def with_big_sheet(path: Path, target: Path, *, dimension: bool, side: int = 450) -> Path:
    """``path`` with a sheet "Nháp" of ``side`` × ``side`` filled cells, unread by the
    checks, with or without the <dimension> element that announces its size."""
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    sheets = [n for n in parts if n.startswith("xl/worksheets/sheet")]
    name = f"xl/worksheets/sheet{len(sheets) + 1}.xml"
    letters = [get_column_letter(c) for c in range(1, side + 1)]
    rows = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{col}{r}"><v>{r * 7919 + c * 104729}</v></c>' for c, col in enumerate(letters)
        )
        + "</row>"
        for r in range(1, side + 1)
    )
    head = f'<dimension ref="A1:{letters[-1]}{side}"/>' if dimension else ""
    parts[name] = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{head}<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    rid = "rIdNhap"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="worksheets/{name.rsplit("/", 1)[1]}"/>'
        "</Relationships>".encode(),
    )
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>",
        f'<sheet name="Nháp" sheetId="99" r:id="{rid}" xmlns:r="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships"/></sheets>'.encode(),
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)
    return target


def _too_many_cells(f: WorkbookFactory, folder: Path) -> Path:
    return with_big_sheet(f(folder=folder), folder / "xa.xlsx", dimension=False)


def _plain(f: WorkbookFactory, folder: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Báo cáo của Sở Công Thương"
    path = folder / "tu-lam.xlsx"
    wb.save(path)
    return path


def _no_meta(f: WorkbookFactory, folder: Path) -> Path:
    def edit(wb: Any) -> None:
        del wb[contract.SHEET_META]

    return f(edit=edit, folder=folder, name="mat-meta.xlsx")


def _renamed(f: WorkbookFactory, folder: Path) -> Path:
    """The names still say 'Chỉ tiêu' (a copy-paste into a new sheet, or an older tool)."""

    def edit(wb: Any) -> None:
        wb[contract.SHEET_INDICATORS].title = "Chi tieu"

    return f(edit=edit, folder=folder, name="doi-ten.xlsx")


def _deleted_in_excel(f: WorkbookFactory, folder: Path) -> Path:
    """Excel turns every name of a deleted sheet into #REF!."""

    def edit(wb: Any) -> None:
        del wb[contract.SHEET_INDICATORS]
        for defined in wb.defined_names.values():
            if defined.attr_text.startswith(f"'{contract.SHEET_INDICATORS}'!"):
                defined.attr_text = "#REF!" + defined.attr_text.split("!")[1]

    return f(edit=edit, folder=folder, name="xoa-trang.xlsx")


def _empty(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "rong.xlsx"
    path.write_bytes(b"")
    return path


def _broken_link(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "lien-ket.xlsx"
    path.symlink_to(folder / "khong-co.xlsx")
    return path


def _html(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "web.xlsx"
    path.write_text(
        "<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="ascii"
    )
    return path


def _huge(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "qua-lon.xlsx"
    with path.open("wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(21 * 2**20)  # sparse: over the 20 MB limit without writing it
    return path


def _csv(f: WorkbookFactory, folder: Path) -> Path:
    path = folder / "so-lieu.csv"
    path.write_text("Chỉ tiêu;Năm 2023\nCN01;8,6\n", encoding="utf-8")
    return path


BAD_FILES = [
    (_pdf, "FILE_NOT_EXCEL", "tệp PDF"),
    (_docx, "FILE_NOT_EXCEL", "văn bản Word (.docx)"),
    (_html, "FILE_NOT_EXCEL", "trang HTML/XML"),
    (_truncated, "FILE_CORRUPT", "tệp nén hỏng"),
    (_bad_crc, "FILE_CORRUPT", "bị hỏng"),
    (_encrypted, "FILE_ENCRYPTED", "mật khẩu"),
    (_xls, "FILE_XLS", "Lưu thành > Sổ làm việc Excel (.xlsx)"),
    (_ods, "FILE_ODS", 'soffice --headless --convert-to xlsx "calc.ods"'),
    (_bomb, "FILE_ZIP_BOMB", "20,0 MB"),
    (_too_many_cells, "FILE_TOO_MANY_CELLS", 'Trang "Nháp" có khoảng hơn 200.000 ô'),
    (_plain, "NOT_TEMPLATE", '"_meta"'),
    (_no_meta, "NOT_TEMPLATE", '"_meta"'),
    (_renamed, "SHEET_MISSING", 'Không có trang "Chỉ tiêu"'),
    (_deleted_in_excel, "SHEET_MISSING", 'Không có trang "Chỉ tiêu"'),
    (_empty, "FILE_EMPTY", "0 byte"),
    (_huge, "FILE_TOO_LARGE", "Tệp quá lớn (21,0 MB); giới hạn là 20,0 MB."),
    (_csv, "FILE_TYPE_UNSUPPORTED", 'loại tệp ".csv"'),
    (_broken_link, "FILE_UNREADABLE", "Không mở được tệp để đọc (không tìm thấy)"),
]


@pytest.mark.parametrize(
    ("make", "code", "says"), BAD_FILES, ids=[m.__name__.strip("_") for m, *_ in BAD_FILES]
)
def test_bad_file_gives_one_error_and_the_batch_goes_on(
    filled_workbook: WorkbookFactory,
    validator: Validator,
    tmp_path: Path,
    make: Callable[[WorkbookFactory, Path], Path],
    code: str,
    says: str,
) -> None:
    folder = tmp_path / "lo"
    folder.mkdir()
    bad = make(filled_workbook, folder)
    good = filled_workbook("CTK", folder=folder, name="tot.xlsx")
    batch = validator.validate_paths([bad, good])
    first, second = batch.reports
    assert [(f.code, f.level) for f in first.findings] == [(code, Level.ERROR)]
    assert says in first.findings[0].message
    # A workbook missing a sheet is still read for what it holds; a file that is no form
    # of this round gives nothing.
    assert (first.verdict, first.usable) == ("errors", code == "SHEET_MISSING")
    assert (second.path, second.verdict) == (good, "valid")


def test_unreadable_directory_named_like_a_workbook(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    folder = tmp_path / "bao-cao.xlsx"
    folder.mkdir()
    report = validator.validate_file(folder)
    assert [(f.code, f.message) for f in report.findings] == [
        (
            "FILE_NOT_REGULAR",
            "Đường dẫn này là một thư mục, không phải một tệp nên không đọc. Hãy chỉ tới tệp "
            "biểu mẫu Excel đã điền.",
        )
    ]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root đọc được cả tệp chmod 000; trường hợp này đã có liên kết hỏng và thư mục",
)
def test_file_without_read_permission(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    path = filled_workbook()
    path.chmod(0)
    try:
        assert codes(validator.validate_file(path)) == ["FILE_UNREADABLE"]
    finally:
        path.chmod(0o644)


def _as_xlsm(path: Path) -> Path:
    """A macro-enabled copy, as Excel writes it: macro content type and a VBA project."""
    target = path.with_suffix(".xlsm")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"</Types>",
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVBA" Target="vbaProject.bin" Type="http://schemas.'
                    b'microsoft.com/office/2006/relationships/vbaProject"/></Relationships>',
                )
            dst.writestr(info, data)
        dst.writestr("xl/vbaProject.bin", OLE_MAGIC + b'Sub Auto_Open()\nShell "calc"\nEnd Sub')
    return target


def test_xlsm_is_read_and_its_annotated_copy_is_a_sound_zip(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    xlsx = filled_workbook("CTK", values={"CT_CN01_NAM_NAY": "tăng"})
    xlsm = _as_xlsm(xlsx)
    report = validator.validate_file(xlsm)
    assert report.submission is not None and report.submission.agency == "CTK"
    assert (
        where(report)
        == where(validator.validate_file(xlsx))
        == [("VALUE_NOT_NUMBER", "Chỉ tiêu", "G5")]
    )
    copy = annotate.write_annotated(report, tmp_path / "tra-lai")
    assert copy is not None and copy.name == f"{xlsx.stem}_kiem-tra.xlsm"
    with zipfile.ZipFile(copy) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    assert len(names) == len(set(names))  # no part written twice
    assert "xl/vbaProject.bin" in names
    again = validator.validate_file(copy)
    assert where(again) == where(report)


# ================================================================== annotate and the CLI


def _digests(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }


def test_annotate_marks_cells_and_never_touches_originals(
    filled_workbook: WorkbookFactory,
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "nop"
    filled_workbook(
        "CTK", name="CTK.xlsx", values={"CT_CN01_NAM_NAY": "tăng", "CT_CN02_NAM_NAY": 140}
    )
    filled_workbook("SCT", name="SCT.xlsx")
    _as_xlsm(filled_workbook("SKHCN", name="SKHCN.xlsx", values={"NGUOI_KY": None}))
    _pdf(filled_workbook, folder)
    _bomb(filled_workbook, folder)
    before = _digests(folder)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli,
        ["--project", str(project.root), "validate", "nop", "--annotate", "tra-lai"],
        prog_name="qnreport",
    )
    assert result.exit_code == 1
    assert _digests(folder) == before  # same names, bytes and times: nothing touched
    assert result.stderr == "Đã ghi 3 bản sao có đánh dấu vào tra-lai\n"
    assert sorted(p.name for p in (tmp_path / "tra-lai").iterdir()) == [
        "CTK_kiem-tra.xlsx",
        "SKHCN_kiem-tra.xlsm",
        "SKHCN_kiem-tra.xlsx",
    ]
    copy = openpyxl.load_workbook(tmp_path / "tra-lai" / "CTK_kiem-tra.xlsx")
    assert copy.sheetnames[0] == annotate.SHEET and copy.active.title == annotate.SHEET
    sheet = copy[annotate.SHEET]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "KẾT QUẢ KIỂM TRA BIỂU MẪU BÁO CÁO"
    assert rows[1][0] == "Cơ quan: Cục Thống kê"
    assert rows[3][0].startswith("Có 2 lỗi (ô tô đỏ) và 0 cảnh báo (ô tô cam).")
    # the round's deadline, a last day in cn-2023 ("trước ngày" would make 20/12 late)
    assert "gửi lại biểu mẫu chậm nhất ngày 20/12/2023." in rows[3][0]
    table = rows[annotate.HEADER_ROW - 1 :]
    assert [row[:3] for row in table] == [
        ["Mức", "Trang", "Ô"],
        ["Lỗi", "Chỉ tiêu", "G5"],
        ["Lỗi", "Chỉ tiêu", "G6"],
    ]
    assert not [v for row in rows for v in row if isinstance(v, str) and "VALUE_" in v]
    link = sheet.cell(annotate.HEADER_ROW + 1, 3).hyperlink
    assert link is not None and link.location == "'Chỉ tiêu'!G5"
    flagged = copy["Chỉ tiêu"]["G5"]
    assert flagged.comment is not None and flagged.comment.text.startswith(
        '[Lỗi] Ô này cần một số, nhưng đang có "tăng".'
    )
    assert flagged.fill.fgColor.rgb.endswith("FFC7CE")
    assert copy["Chỉ tiêu"]["H5"].comment is None


def test_copies_only_for_files_their_agencies_must_correct(
    filled_workbook: WorkbookFactory, project: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "nop"
    filled_workbook("CTK", name="CTK.xlsx", values={"CT_CN01_NAM_NAY": "tăng"})
    filled_workbook("SCT", name="SCT-loi.xlsx", values={"CT_CN01_NAM_NAY": "tăng"})
    later = dt.datetime(2023, 12, 20)
    filled_workbook("SCT", name="SCT-sua.xlsx", values={"VB_NGAY": later})  # fixed since
    filled_workbook("SKHCN", name="SKHCN.xlsx", values={"LIEN_HE_EMAIL": "khong-phai-email"})
    validator = Validator(project)
    batch = validator.validate_paths([folder])
    assert sorted(r.path.name for r in annotate.must_correct(batch)) == ["CTK.xlsx"]
    written = annotate.write_copies(batch, tmp_path / "tra-lai", validator.addressee)
    assert [p.name for p in written] == ["CTK_kiem-tra.xlsx"]


def test_a_warning_is_marked_orange_never_the_yellow_of_cells_to_fill(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    from qnreport.template.workbook import INPUT_FILL

    path = filled_workbook("SCT", values={"CT_CN01_NAM_NAY": "tăng", "LIEN_HE_EMAIL": "x@"})
    copy = annotate.write_annotated(validator.validate_file(path), tmp_path / "tra-lai")
    assert copy is not None
    wb = openpyxl.load_workbook(copy)
    warned = [
        c
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.fill.fgColor.rgb and c.fill.fgColor.rgb.endswith("F8CBAD")
    ]
    assert warned  # the e-mail cell
    assert not annotate.WARNING_FILL.fgColor.rgb.endswith(INPUT_FILL.fgColor.rgb[-6:])


def test_an_agency_fixes_the_annotated_copy(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    report = validator.validate_file(filled_workbook("CTK", values={"CT_CN01_NAM_NAY": "tăng"}))
    copy = annotate.write_annotated(report, tmp_path / "tra-lai")
    assert copy is not None
    assert where(validator.validate_file(copy)) == where(report)
    wb = openpyxl.load_workbook(copy)
    named_cell(wb, "CT_CN01_NAM_NAY").value = 8.6
    wb.save(copy)
    fixed = validator.validate_file(copy)
    assert (fixed.verdict, fixed.submission and fixed.submission.indicators["CN01"].actual) == (
        "valid",
        D("8.6"),
    )


def test_annotate_never_opens_a_refused_file(
    filled_workbook: WorkbookFactory,
    validator: Validator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "lo"
    folder.mkdir()
    reports = [
        validator.validate_file(make(filled_workbook, folder)) for make in (_bomb, _too_many_cells)
    ]
    assert [codes(r) for r in reports] == [["FILE_ZIP_BOMB"], ["FILE_TOO_MANY_CELLS"]]

    opened: list[object] = []
    monkeypatch.setattr(annotate, "load_workbook", lambda path, **_: opened.append(path))
    assert [annotate.write_annotated(r, tmp_path / "out") for r in reports] == [None, None]
    assert (opened, (tmp_path / "out").exists()) == ([], False)


def _invoke(project: Project, *args: str) -> Any:
    return CliRunner().invoke(
        cli, ["--project", str(project.root), "validate", *args], prog_name="qnreport"
    )


def test_cli_errors_exit_1_with_every_finding(
    filled_workbook: WorkbookFactory,
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    filled_workbook("CTK", name="CTK.xlsx", values={"CT_CN01_NAM_NAY": "abc"})
    filled_workbook("SCT", name="SCT.xlsx", values={"CT_CN08_NAM_TRUOC": 2, "CT_CN08_NAM_NAY": 20})
    (tmp_path / "nop" / "rong.xlsx").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    result = _invoke(project, "nop")
    assert (result.exit_code, result.output) == (
        1,
        "nop/CTK.xlsx: CÓ LỖI - CHỈ DÙNG CÁC Ô, CÁC DÒNG HỢP LỆ; CẦN ĐỀ NGHỊ BỔ SUNG\n"
        "  Cơ quan: CTK; văn bản số 125/BC-SCT, ngày 15/12/2023\n"
        "  [lỗi] Chỉ tiêu!G5 - Tốc độ tăng trưởng giá trị gia tăng công nghiệp"
        " - thực hiện năm 2023\n"
        '      Ô này cần một số, nhưng đang có "abc". Hãy nhập số, ví dụ 8,5 hoặc 2.230.'
        " (VALUE_NOT_NUMBER)\n"
        "\n"
        "nop/SCT.xlsx: HỢP LỆ, CÓ CẢNH BÁO\n"
        "  Cơ quan: SCT; văn bản số 125/BC-SCT, ngày 15/12/2023\n"
        "  [cảnh báo] Chỉ tiêu!G7 - Xây dựng cụm liên kết ngành công nghiệp, doanh nghiệp"
        " công nghiệp (cụm liên kết ngành công nghiệp) - thực hiện năm 2023\n"
        "      Thực hiện năm nay (20) chênh lệch hơn 5 lần so với năm trước (2)."
        " Hãy kiểm tra lại số liệu.\n"
        "      (CHANGE_LARGE)\n"
        "\n"
        "nop/rong.xlsx: KHÔNG ĐỌC ĐƯỢC THEO BIỂU MẪU - KHÔNG ĐƯA VÀO BÁO CÁO\n"
        "  [lỗi] (tệp)\n"
        "      Tệp rỗng (0 byte). Hãy gửi lại tệp biểu mẫu đã điền. (FILE_EMPTY)\n"
        "\n"
        "Tổng cộng: 3 tệp; hợp lệ: 0; có cảnh báo: 1; có lỗi: 2; "
        "không dùng (đã có tệp mới hơn): 0.\n",
    )


def test_cli_reads_in_parallel_with_the_same_table(
    filled_workbook: WorkbookFactory,
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    filled_workbook("CTK", name="CTK.xlsx", values={"CT_CN01_NAM_NAY": "abc"})
    filled_workbook("SCT", name="SCT.xlsx")
    filled_workbook("SCT", name="SCT_cu.xlsx", values={"VB_NGAY": dt.datetime(2023, 12, 1)})
    (tmp_path / "nop" / "rong.xlsx").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    serial, parallel = (
        _invoke(project, "nop", "--jobs", "1"),
        _invoke(project, "nop", "--jobs", "2"),
    )
    assert (parallel.exit_code, parallel.output) == (serial.exit_code, serial.output)
    assert serial.exit_code == 1 and "không dùng (đã có tệp mới hơn): 1." in serial.output


def test_cli_strict_fails_on_warnings(
    filled_workbook: WorkbookFactory, project: Project, tmp_path: Path
) -> None:
    path = filled_workbook("SCT", values={"CT_CN08_NAM_TRUOC": 2, "CT_CN08_NAM_NAY": 20})
    assert [
        _invoke(project, str(path)).exit_code,
        _invoke(project, "--strict", str(path)).exit_code,
    ] == [0, 1]


def test_cli_json(
    filled_workbook: WorkbookFactory,
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    filled_workbook("CTK", name="CTK.xlsx", values={"CT_CN01_NAM_NAY": "abc"})
    filled_workbook("SCT", name="SCT.xlsx")
    (tmp_path / "nop" / "x.xlsx").write_bytes(b"%PDF-1.4")
    monkeypatch.chdir(tmp_path)
    result = _invoke(project, "--format", "json", "nop")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert list(doc) == ["summary", "files"]
    assert doc["summary"] == {
        "files": 3,
        "valid": 1,
        "warnings": 0,
        "errors": 2,
        "superseded": 0,
        "later": 0,
        "excluded": 0,
    }
    assert [(f["file"], f["verdict"], f["used"]) for f in doc["files"]] == [
        ("nop/CTK.xlsx", "errors", True),
        ("nop/SCT.xlsx", "valid", True),
        ("nop/x.xlsx", "errors", False),
    ]
    ctk, sct, pdf = doc["files"]
    assert ctk["findings"] == [
        {
            "level": "error",
            "level_vi": "lỗi",
            "code": "VALUE_NOT_NUMBER",
            "file": "nop/CTK.xlsx",
            "sheet": "Chỉ tiêu",
            "cell": "G5",
            "label": "Tốc độ tăng trưởng giá trị gia tăng công nghiệp - thực hiện năm 2023",
            "message": 'Ô này cần một số, nhưng đang có "abc". Hãy nhập số, ví dụ 8,5 hoặc 2.230.',
        }
    ]
    submission = sct["submission"]
    assert (submission["agency"], submission["letter_date"], submission["no_task"]) == (
        "SCT", "2023-12-15", False,
    )  # fmt: skip
    assert submission["indicators"]["CN01"]["actual"] == "8.6"
    assert submission["lists"]["kien_nghi"][0]["values"]["noi_nhan"] == "UBND tỉnh"
    assert (pdf["submission"], [f["code"] for f in pdf["findings"]]) == (None, ["FILE_NOT_EXCEL"])


# ================================================================== properties and real clients

_TYPED = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"))
        | st.sampled_from("\n\t"),
        max_size=30,
    ),
    st.from_regex(r"[-+−–]? ?[0-9]{1,7}([.,][0-9]{1,4}){0,3} ?%?", fullmatch=True),
    st.sampled_from(
        ["chưa có số liệu", "—", "1.234,5", "=F5*2", "=1/0", "=", "#DIV/0!", "08/12/2023"]
    ),
)


@pytest.fixture(scope="module")
def typing_target(project: Project, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """One filled CTK workbook whose CN01 actual each example retypes (saves a rebuild)."""
    factory = WorkbookFactory(project, tmp_path_factory.mktemp("go-phim"))
    return factory.workbook("CTK"), factory.folder / "thu.xlsx"


@settings(max_examples=30, deadline=None)
@given(typed=_TYPED)
def test_anything_typed_in_an_indicator_gives_a_value_or_a_finding(
    typing_target: tuple[Any, Path], validator: Validator, typed: str
) -> None:
    wb, path = typing_target
    named_cell(wb, "CT_CN01_NAM_NAY").value = typed
    path.parent.mkdir(exist_ok=True)
    wb.save(path)
    report = validator.validate_file(path)
    assert "READ_FAILED" not in codes(report)
    assert report.submission is not None
    actual = report.submission.indicators["CN01"].actual
    on_cell = [f for f in report.findings if (f.sheet, f.cell) == ("Chỉ tiêu", "G5")]
    if actual is None:
        text = clean_text(typed)
        assert not text or is_no_data(text) or any(f.is_error for f in on_cell), on_cell
    else:
        assert isinstance(actual, Decimal) and D(-100) <= actual <= D(1000)
    assert all(f.code != "RESPONSIBLE_NO_DATA" for f in report.findings)  # CTK is not responsible


@pytest.mark.libreoffice
def test_a_workbook_saved_by_libreoffice_reads_the_same(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    source = filled_workbook(
        "SCT",
        "tcc-222-2024",
        values={"DM_II_1_KQ": "Dòng một\nDòng hai", "CT_TCC06_NAM_NAY": "2.550"},
        rows={
            "ke_hoach": [{"de_muc": "1. Về tái cơ cấu ngành công nghiệp", "noi_dung": "Nội dung"}]
        },
    )
    saved = soffice_convert(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "calc")
    ours, theirs = validator.validate_file(source), validator.validate_file(saved)
    ambiguous = ("NUMBER_AMBIGUOUS", *filled_workbook.ref(source, "CT_TCC06_NAM_NAY"))
    assert where(theirs) == where(ours) == [ambiguous]
    assert ours.submission is not None and theirs.submission is not None
    plain = {
        k: v for k, v in to_dict(ours.submission).items() if k not in ("file", "digest", "modified")
    }
    other = {
        k: v
        for k, v in to_dict(theirs.submission).items()
        if k not in ("file", "digest", "modified")
    }
    assert other == plain


def test_the_same_file_checked_on_the_same_day_gives_the_same_annotated_copy(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    path = filled_workbook("SCT", values={"CT_CN01_NAM_NAY": "tăng"})
    day = dt.date(2023, 12, 21)
    first = annotate.write_annotated(validator.validate_file(path), tmp_path / "a", checked=day)
    time.sleep(2.1)  # a zip records times to two seconds: the clock must have moved on
    second = annotate.write_annotated(validator.validate_file(path), tmp_path / "b", checked=day)
    assert first is not None and second is not None
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("round_id", ["cn-2023", "tcc-222-2024"])
def test_the_sample_workbooks_are_made_from_the_outline_as_it_is(round_id: str) -> None:
    """An outline changed without `python scripts/make_samples.py` leaves samples whose
    recorded digest is stale: every one of them would warn TEMPLATE_CHANGED."""
    from conftest import ROOT

    project = Project(ROOT)
    batch = Validator(project).validate_paths([ROOT / "inputs" / round_id])
    stale = [r.path.name for r in batch.reports for f in r.findings if f.code == "TEMPLATE_CHANGED"]
    assert stale == []
