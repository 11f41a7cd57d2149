"""The one filler: what it types through the named-cell contract is what the checker reads
back, in the cells the names and tables point at, and a saved filling depends on no clock."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from qnreport.check.batch import Validator
from qnreport.check.results import FileReport
from qnreport.config.project import Project
from qnreport.config.rounds import RoundContext
from qnreport.template.fill import (
    append_rows,
    fill_workbook,
    fit_row_height,
    named_cell,
    save_filled,
)
from qnreport.template.workbook import build_template

STAMP = dt.datetime(2023, 12, 15, 16, 30)


@pytest.fixture(scope="module")
def validator(project: Project) -> Validator:
    return Validator(project)


def blank(ctx: RoundContext, agency: str = "SCT") -> openpyxl.Workbook:
    return build_template(ctx, ctx.registry.get(agency))


def read_back(validator: Validator, wb: openpyxl.Workbook, path: Path) -> FileReport:
    save_filled(wb, path, STAMP)
    return validator.validate_file(path)


def test_named_inputs_land_in_the_cells_their_names_point_at(
    cn_round: RoundContext, validator: Validator, tmp_path: Path
) -> None:
    wb = blank(cn_round)
    fill_workbook(
        wb,
        {
            "VB_SO": "125/BC-SCT",
            "VB_NGAY": dt.date(2023, 12, 15),
            "NGUOI_KY": "Trần Văn Phúc",
            "CT_CN01_NAM_TRUOC": 8.5,
            "CT_CN01_NAM_NAY": 9.3,
            "CT_CN01_KE_HOACH": 8.8,
            "CT_CN01_GHI_CHU": "Ước thực hiện cả năm 2023",
            "DM_II_1_KQ": "Sở đã quán triệt Nghị quyết số 23-NQ/TW.",
        },
        outline=cn_round.outline,
    )
    path = tmp_path / "cn-2023_SCT.xlsx"
    sub = read_back(validator, wb, path).submission
    assert sub is not None
    assert (sub.letter_number, sub.letter_date, sub.signer) == (
        "125/BC-SCT",
        dt.date(2023, 12, 15),
        "Trần Văn Phúc",
    )
    cn01 = sub.indicators["CN01"]
    assert (cn01.previous, cn01.actual, cn01.next_target, cn01.note, cn01.cell) == (
        Decimal("8.5"),
        Decimal("9.3"),
        Decimal("8.8"),
        "Ước thực hiện cả năm 2023",
        "Chỉ tiêu!G5",
    )
    saved = openpyxl.load_workbook(path)
    assert saved["Thông tin chung"]["B6"].value == "125/BC-SCT"
    assert saved["Nhiệm vụ"]["D5"].value == "Sở đã quán triệt Nghị quyết số 23-NQ/TW."
    assert named_cell(saved, "CT_CN01_NAM_NAY").coordinate == "G5"


def test_more_rows_than_the_template_holds_grow_the_table(
    cn_round: RoundContext, validator: Validator, tmp_path: Path
) -> None:
    wb = blank(cn_round)
    rows = [{"noi_dung": f"Tồn tại thứ {n}", "nguyen_nhan": f"Nguyên nhân {n}"} for n in range(12)]
    written = append_rows(wb, "ton_tai", rows, outline=cn_round.outline)
    assert written == list(range(4, 16))
    ws = wb["Tồn tại"]
    assert ws.tables["tbl_TonTai"].ref == "A3:B15"
    assert ws["A15"].style_id == ws["A13"].style_id  # the new rows look like the table's
    sub = read_back(validator, wb, tmp_path / "cn-2023_SCT.xlsx").submission
    assert sub is not None
    assert [
        (r.row, r.values["noi_dung"], r.values["nguyen_nhan"]) for r in sub.lists["ton_tai"]
    ] == [(4 + n, f"Tồn tại thứ {n}", f"Nguyên nhân {n}") for n in range(12)]


def test_rows_by_header_title_or_column_order_go_below_the_filled_ones(
    cn_round: RoundContext, validator: Validator, tmp_path: Path
) -> None:
    wb = blank(cn_round)
    first = append_rows(
        wb, "tbl_KienNghi", [{"Kiến nghị với": "UBND tỉnh", "Nội dung đề xuất, kiến nghị": "A"}]
    )
    then = append_rows(wb, "tbl_KienNghi", [("Bộ Công Thương", "B"), ("UBND tỉnh",)])
    assert (first, then) == ([4], [5, 6])
    sub = read_back(validator, wb, tmp_path / "cn-2023_SCT.xlsx").submission
    assert sub is not None
    assert [
        (r.row, r.values["noi_nhan"], r.values["noi_dung"]) for r in sub.lists["kien_nghi"]
    ] == [
        (4, "UBND tỉnh", "A"),
        (5, "Bộ Công Thương", "B"),
        (6, "UBND tỉnh", ""),
    ]


def test_a_name_table_or_column_the_workbook_lacks_is_the_callers_bug(
    cn_round: RoundContext,
) -> None:
    wb = blank(cn_round)
    with pytest.raises(KeyError, match="CT_XX99_NAM_NAY"):
        fill_workbook(wb, {"CT_XX99_NAM_NAY": 1})
    with pytest.raises(KeyError, match="tbl_Khong"):
        append_rows(wb, "tbl_Khong", [("a",)])
    with pytest.raises(KeyError, match="ghi_chu"):
        append_rows(wb, "ton_tai", [{"ghi_chu": "x"}], outline=cn_round.outline)
    with pytest.raises(ValueError, match="at most 2 values"):
        append_rows(wb, "tbl_TonTai", [("a", "b", "c")])


def test_rows_grow_to_show_long_text_and_never_shrink(cn_round: RoundContext) -> None:
    wb = blank(cn_round)
    text = "Sở đã quán triệt, phổ biến các nghị quyết về phát triển công nghiệp. " * 12
    cell = named_cell(wb, "DM_II_1_KQ")
    before = cell.parent.row_dimensions[cell.row].height
    fill_workbook(wb, {"DM_II_1_KQ": text})
    grown = cell.parent.row_dimensions[cell.row].height
    assert grown > (before or 0)
    fill_workbook(wb, {"DM_II_1_KQ": "Ngắn."})
    assert cell.parent.row_dimensions[cell.row].height == grown
    other = named_cell(wb, "DM_II_2_KQ")
    untouched = other.parent.row_dimensions[other.row].height
    fill_workbook(wb, {"DM_II_2_KQ": text}, fit_rows=False)
    assert other.parent.row_dimensions[other.row].height == untouched
    fit_row_height(other)
    assert other.parent.row_dimensions[other.row].height == grown


def test_a_saved_filling_carries_its_stamp_not_the_clock(
    cn_round: RoundContext, tmp_path: Path
) -> None:
    def filled() -> openpyxl.Workbook:  # openpyxl saves a workbook once (a 2nd save differs)
        wb = blank(cn_round)
        fill_workbook(wb, {"VB_SO": "125/BC-SCT"})
        return wb

    path = save_filled(filled(), tmp_path / "a.xlsx", STAMP)
    plain = io.BytesIO()
    filled().save(plain)
    with zipfile.ZipFile(path) as stamped, zipfile.ZipFile(plain) as saved:
        assert [i.filename for i in stamped.infolist()] == [i.filename for i in saved.infolist()]
        assert {i.date_time for i in stamped.infolist()} == {(2023, 12, 15, 16, 30, 0)}
        # Only the clock changes: the parts and their permission bits are openpyxl's own.
        assert [i.external_attr for i in stamped.infolist()] == [
            i.external_attr for i in saved.infolist()
        ]
        for info in saved.infolist():
            if info.filename != "docProps/core.xml":
                assert stamped.read(info.filename) == saved.read(info), info.filename
        core = stamped.read("docProps/core.xml").decode("utf-8")
    assert core.count("2023-12-15T16:30:00Z") == 2
    assert os.stat(path).st_mtime == STAMP.timestamp()
    again = save_filled(filled(), tmp_path / "b.xlsx", STAMP)
    assert again.read_bytes() == path.read_bytes()
