"""Blank templates: what an agency clerk opens, and the named-cell contract readers use."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from libreoffice import soffice_convert
from openpyxl.utils import range_boundaries

from qnreport import __version__
from qnreport.cli import cli
from qnreport.config import contract
from qnreport.config.project import Project
from qnreport.config.rounds import RoundContext
from qnreport.errors import ConfigError
from qnreport.template.workbook import (
    GUIDE_FILE,
    INPUT_FILL,
    LIST_ROWS,
    guide_lines,
    template_filename,
    write_template,
)

LIST_SHEETS = {
    "cn-2023": ["Dự án", "Chính sách", "Tồn tại", "Kiến nghị", "Kế hoạch 2024"],
    "tcc-222-2024": ["Tồn tại", "Kiến nghị", "Kế hoạch 2025"],
}


@pytest.fixture(scope="module")
def rounds(cn_round: RoundContext, tcc_round: RoundContext) -> dict[str, RoundContext]:
    return {"cn-2023": cn_round, "tcc-222-2024": tcc_round}


Template = Callable[[str, str], Any]


@pytest.fixture(scope="module")
def template(rounds: dict[str, RoundContext], tmp_path_factory: pytest.TempPathFactory) -> Template:
    """The template as saved and opened again (what agencies and readers get), made once
    per round and agency; tests only read it."""
    folder = tmp_path_factory.mktemp("bieu-mau")
    cache: dict[tuple[str, str], Any] = {}

    def get(round_id: str, agency: str) -> Any:
        if (round_id, agency) not in cache:
            ctx = rounds[round_id]
            path = write_template(ctx, ctx.registry.get(agency), folder)
            cache[round_id, agency] = openpyxl.load_workbook(path, rich_text=True)
        return cache[round_id, agency]

    return get


def _destination(wb: Any, name: str) -> tuple[str, str]:
    ((sheet, ref),) = list(wb.defined_names[name].destinations)
    return sheet, ref.replace("$", "")


def _expected_names(ctx: RoundContext, agency: str) -> set[str]:
    o = ctx.outline
    names = {f.name for f in contract.INFO_FIELDS}
    for ind in o.indicators_for(agency):
        names |= {contract.indicator_name(ind.code, s) for s, _ in contract.INDICATOR_INPUTS}
    names |= {contract.section_name(s.name_key) for s in o.text_sections}
    for task in o.tasks_for(agency):
        names |= {contract.task_status_name(task.code), contract.task_result_name(task.code)}
    return names


def _input_cells(ctx: RoundContext, wb: Any, agency: str) -> Iterator[tuple[str, str]]:
    """Every cell the agency types into: named inputs and the rows of the list tables."""
    prefilled = {f.name for f in contract.INFO_FIELDS if f.type == "prefilled"}
    for name in sorted(_expected_names(ctx, agency) - prefilled):
        yield _destination(wb, name)
    for section in ctx.outline.lists:
        ws = wb[section.sheet]
        min_col, header, max_col, max_row = range_boundaries(ws.tables[section.table].ref)
        for row in ws.iter_rows(
            min_row=header + 1, max_row=max_row, min_col=min_col, max_col=max_col
        ):
            for cell in row:
                yield section.sheet, cell.coordinate


CASES = [
    ("cn-2023", "SCT"),
    ("cn-2023", "BDT"),
    ("cn-2023", "HBS"),
    ("tcc-222-2024", "CTK"),
    ("tcc-222-2024", "SKHCN"),
    ("tcc-222-2024", "SCT"),
]


@pytest.mark.parametrize(("round_id", "agency"), CASES)
def test_sheets_in_order_with_hidden_metadata(
    rounds: dict[str, RoundContext], template: Template, round_id: str, agency: str
) -> None:
    ctx = rounds[round_id]
    wb = template(round_id, agency)
    indicators = [contract.SHEET_INDICATORS] if ctx.outline.indicators_for(agency) else []
    assert wb.sheetnames == [
        contract.SHEET_GUIDE,
        contract.SHEET_INFO,
        *indicators,
        contract.SHEET_TASKS,
        *LIST_SHEETS[round_id],
        contract.SHEET_CHOICES,
        contract.SHEET_META,
    ]
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"]
    assert hidden == [contract.SHEET_CHOICES, contract.SHEET_META]
    assert wb.active.title == contract.SHEET_GUIDE  # opens on what to do and how to send it


@pytest.mark.parametrize(("round_id", "agency"), CASES)
def test_the_guide_prints_whole_and_list_rows_are_yellow_as_it_says(
    rounds: dict[str, RoundContext], template: Template, round_id: str, agency: str
) -> None:
    wb = template(round_id, agency)
    guide = wb[contract.SHEET_GUIDE]
    assert (guide.page_setup.fitToWidth, guide.sheet_properties.pageSetUpPr.fitToPage) == (
        1,
        True,
    )
    assert any("nền vàng" in str(c.value) for c in guide["A"])
    for name in LIST_SHEETS[round_id]:
        first_input = wb[name].cell(row=4, column=1)
        assert first_input.fill.fgColor.rgb.endswith(INPUT_FILL.fgColor.rgb[-6:]), name


@pytest.mark.parametrize(("round_id", "agency"), CASES)
def test_every_contract_name_resolves_to_one_cell(
    rounds: dict[str, RoundContext], template: Template, round_id: str, agency: str
) -> None:
    ctx = rounds[round_id]
    wb = template(round_id, agency)
    assert set(wb.defined_names) == _expected_names(ctx, agency)
    info = {f.name for f in contract.INFO_FIELDS}
    homes = {
        "CT": contract.SHEET_INDICATORS,
        "DM": contract.SHEET_TASKS,
        "NV": contract.SHEET_TASKS,
    }
    seen: set[tuple[str, str]] = set()
    for name in wb.defined_names:
        sheet, ref = _destination(wb, name)
        assert ":" not in ref
        assert sheet == (contract.SHEET_INFO if name in info else homes[name[:2]]), name
        seen.add((sheet, ref))
    assert len(seen) == len(wb.defined_names)  # no two names share a cell
    assert wb[contract.SHEET_INFO][_destination(wb, "CQ_MA")[1]].value == agency
    assert wb[contract.SHEET_INFO][_destination(wb, "CQ_TEN")[1]].value == (
        ctx.registry.get(agency).name
    )


@pytest.mark.parametrize("round_id", ["cn-2023", "tcc-222-2024"])
def test_list_tables_with_their_headers(
    rounds: dict[str, RoundContext], template: Template, round_id: str
) -> None:
    ctx = rounds[round_id]
    wb = template(round_id, "SCT")
    for section in ctx.outline.lists:
        ws = wb[section.sheet]
        assert list(ws.tables) == [section.table]
        min_col, header, max_col, max_row = range_boundaries(ws.tables[section.table].ref)
        titles = [ws.cell(header, c).value for c in range(min_col, max_col + 1)]
        assert titles == [c.title for c in section.columns]
        assert (min_col, max_row - header) == (1, LIST_ROWS)
        assert ws.freeze_panes == f"A{header + 1}"


def test_dropdowns_list_the_outline_choices(cn_round: RoundContext, template: Template) -> None:
    wb = template("cn-2023", "SCT")
    choices = wb[contract.SHEET_CHOICES]
    for key, column_key, expected in [
        (
            "kien_nghi",
            "noi_nhan",
            list(cn_round.outline.list_section("kien_nghi").columns[0].choices),
        ),
        ("ke_hoach", "de_muc", cn_round.outline.heading_choices("II")),
    ]:
        section = cn_round.outline.list_section(key)
        ws = wb[section.sheet]
        letter = "ABCDEF"[[c.key for c in section.columns].index(column_key)]
        (dv,) = [d for d in ws.data_validations.dataValidation if f"{letter}4" in d.sqref]
        assert dv.type == "list"
        sheet, cells = dv.formula1.split("!")
        assert sheet == f"'{contract.SHEET_CHOICES}'"
        values = [c.value for row in choices[cells.replace("$", "")] for c in row]
        assert values == expected
    assert cn_round.outline.heading_choices("II")[:2] == [
        "1. Công tác thông tin, tuyên truyền",
        "2. Nhóm nhiệm vụ về phân bố không gian và chuyển dịch cơ cấu ngành công nghiệp",
    ]


def _rows(ws: Any, column: str, start: int = 4) -> list[Any]:
    return [c.value for c in ws[column][start - 1 :] if c.value is not None]


def test_ctk_gets_its_four_indicators_with_targets(
    tcc_round: RoundContext, template: Template
) -> None:
    wb = template("tcc-222-2024", "CTK")
    ws = wb[contract.SHEET_INDICATORS]
    assert _rows(ws, "B") == ["TCC01", "TCC01a", "TCC04", "TCC11"]
    assert ws.column_dimensions["B"].hidden  # our codes, not the plan's: not shown
    row = int(_destination(wb, "CT_TCC01_NAM_NAY")[1][1:])
    assert [ws.cell(row, c).value for c in range(2, 7)] == [
        "TCC01",
        "Tỷ trọng công nghiệp trong GRDP",
        "%",
        "Trên 40 % vào năm 2025",
        "Trên 45% vào năm 2030",
    ]
    headers = [c.value for c in ws[3]]
    assert headers[6:9] == ["Thực hiện năm 2023", "Thực hiện năm 2024", "Kế hoạch năm 2025"]
    # CTK has no task in Kế hoạch 222: its task sheet holds the free-text headings only.
    assert not any(name.startswith("NV_") for name in wb.defined_names)


def test_tasks_are_the_agencys_own(tcc_round: RoundContext, template: Template) -> None:
    wb = template("tcc-222-2024", "SKHCN")
    ws = wb[contract.SHEET_TASKS]
    numbers = ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "12."]
    assert _rows(ws, "A")[1:] == [*numbers, "VI.5.a", "VI.5.b"]  # the plan's numbering
    assert _rows(ws, "A")[0] == "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP TÁI CƠ CẤU"
    row = int(_destination(wb, "NV_VI5a_KQ")[1][1:])
    assert ws.cell(row, 2).value == (
        "Chủ trì, phối hợp với Sở Công Thương xác định danh mục nhiệm vụ khoa học và công "
        "nghệ để tham mưu UBND tỉnh đặt hàng các nhiệm vụ khoa học và công nghệ có liên quan "
        "đến nội dung tái cơ cấu ngành Công Thương, tạo cơ sở cho đột phá phát triển mới"
        "\n(Vai trò: Chủ trì)"
    )
    sct = template("tcc-222-2024", "SCT")
    sct_tasks = {n[3:-3] for n in sct.defined_names if n.startswith("NV_") and n.endswith("_KQ")}
    assert sct_tasks == {t.code for t in tcc_round.outline.tasks_for("SCT")}
    # 13 led in Phụ lục II + PL12 (coordinating) + VI.1.a, VI.1.b + VI.2.c (with Sở Tài
    # chính, the Sở KH&ĐT coordinating) + VI.7.a (the Sở NN&PTNT coordinating)
    assert len(sct_tasks) == 18
    row = int(_destination(sct, "NV_PL12_KQ")[1][1:])
    assert (
        sct[contract.SHEET_TASKS]
        .cell(row, 2)
        .value.endswith(
            "(Vai trò: Phối hợp; thời gian trình: 2024-2025; cấp thẩm quyền ban hành: UBND tỉnh)"
        )
    )


def test_bdt_gets_no_indicator_sheet(cn_round: RoundContext, template: Template) -> None:
    wb = template("cn-2023", "BDT")
    assert contract.SHEET_INDICATORS not in wb.sheetnames
    assert not any(name.startswith("CT_") for name in wb.defined_names)
    assert cn_round.outline.indicators_for("HBS")  # districts report CN06 and CN07
    hbs = template("cn-2023", "HBS")
    assert _rows(hbs[contract.SHEET_INDICATORS], "B") == ["CN06", "CN07"]


@pytest.mark.parametrize(("round_id", "agency"), CASES)
def test_data_validation_on_every_input(
    rounds: dict[str, RoundContext], template: Template, round_id: str, agency: str
) -> None:
    ctx = rounds[round_id]
    wb = template(round_id, agency)
    for sheet, ref in _input_cells(ctx, wb, agency):
        found = [d for d in wb[sheet].data_validations.dataValidation if ref in d.sqref]
        assert len(found) == 1, (sheet, ref)
        dv = found[0]
        assert (dv.showErrorMessage, dv.showInputMessage, dv.allow_blank) == (True, True, True)
        assert dv.prompt and dv.error and dv.errorTitle, (sheet, ref)


def test_validation_kinds(cn_round: RoundContext, template: Template) -> None:
    wb = template("cn-2023", "SCT")

    def validation(name: str) -> Any:
        sheet, ref = _destination(wb, name)
        (dv,) = [d for d in wb[sheet].data_validations.dataValidation if ref in d.sqref]
        return dv

    ref = _destination(wb, "CT_CN08_NAM_NAY")[1]
    count = validation("CT_CN08_NAM_NAY")
    assert (count.type, count.formula1) == (
        "custom",
        f'OR(AND(ISNUMBER({ref}),INT({ref})={ref},{ref}>=0,{ref}<=1000000),{ref}="-",'
        f'{ref}="chưa có số liệu")',
    )
    assert count.error == (
        "Cần số nguyên từ 0 đến 1.000.000 (cụm). "
        'Nếu chưa có số liệu, ghi "chưa có số liệu" hoặc để trống.'
    )
    growth = validation("CT_CN01_NAM_NAY")
    assert "-100" in growth.formula1 and "1000" in growth.formula1
    assert (validation("VB_NGAY").type, validation("KHONG_NHIEM_VU").formula1) == (
        "date",
        '"Có,Không"',
    )
    assert (validation("VB_SO").type, validation("VB_SO").formula1) == ("textLength", "60")
    assert validation("DM_II_1_KQ").formula1 == "5000"


@pytest.mark.parametrize(("round_id", "agency"), [("cn-2023", "SCT"), ("tcc-222-2024", "SCT")])
def test_protection_locks_labels_and_leaves_inputs_editable(
    rounds: dict[str, RoundContext], template: Template, round_id: str, agency: str
) -> None:
    ctx = rounds[round_id]
    wb = template(round_id, agency)
    inputs = set(_input_cells(ctx, wb, agency))
    for sheet in (contract.SHEET_INFO, contract.SHEET_INDICATORS, contract.SHEET_TASKS):
        ws = wb[sheet]
        assert (ws.protection.sheet, ws.protection.password) == (True, None)
        for row in ws.iter_rows():
            for cell in row:
                if (sheet, cell.coordinate) in inputs:
                    assert cell.protection.locked is False, (sheet, cell.coordinate)
                elif cell.value is not None:
                    assert cell.protection.locked is True, (sheet, cell.coordinate)
    for sheet in LIST_SHEETS[round_id]:  # tables only grow on unprotected sheets
        assert wb[sheet].protection.sheet is False
    assert wb[contract.SHEET_GUIDE].protection.sheet is True
    locked_label = wb[contract.SHEET_INFO]["A6"]
    assert (locked_label.value, locked_label.protection.locked) == (
        "Số, ký hiệu văn bản báo cáo",
        True,
    )


def test_print_setup(cn_round: RoundContext, template: Template) -> None:
    wb = template("cn-2023", "SCT")
    for ws in wb.worksheets[:-2]:
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9), ws.title
    ws = wb[contract.SHEET_INDICATORS]
    assert (ws.freeze_panes, ws.print_title_rows) == ("A4", "$1:$3")
    assert ws.column_dimensions["C"].width == 55


@pytest.mark.parametrize(("round_id", "agency"), [("cn-2023", "SKHCN"), ("tcc-222-2024", "HLS")])
def test_metadata_sheet(
    rounds: dict[str, RoundContext], template: Template, round_id: str, agency: str
) -> None:
    ctx = rounds[round_id]
    wb = template(round_id, agency)
    meta = {row[0]: row[1] for row in wb[contract.SHEET_META].iter_rows(values_only=True)}
    assert meta == {
        "round": round_id,
        "outline": ctx.outline.id,
        "outline_version": ctx.outline.version,
        "outline_digest": ctx.outline.digest,
        "agency": agency,
        "format": contract.FORMAT,
        "generator": f"qnreport {__version__}",
    }
    assert len(ctx.outline.digest) == 16


def test_guide_states_the_request_deadline_and_contact(
    tcc_round: RoundContext, template: Template
) -> None:
    wb = template("tcc-222-2024", "SNGV")
    lines = _rows(wb[contract.SHEET_GUIDE], "A", start=1)
    assert lines[1:4] == [
        "Cơ quan báo cáo: Sở Ngoại vụ",
        # Mục VII.1 KH 222 words it "trước ngày 10/12": the guide says so, not "ngày 09/12"
        "Theo văn bản số 2389/SCT-QLCN ngày 20/11/2024; hạn gửi báo cáo: trước ngày 10/12/2024.",
        "Thời gian chốt số liệu: từ ngày 15/12/2023 đến ngày 14/12/2024.",
    ]
    assert lines[-1] == f"Đầu mối hướng dẫn: {tcc_round.round.contact}"


def test_guide_wording_is_the_clerks(tcc_round: RoundContext, tmp_path: Path) -> None:
    (tmp_path / "templates" / "text").mkdir(parents=True)
    guide = tmp_path / "templates" / "text" / GUIDE_FILE
    guide.write_text(
        '[[line]]\ntext = "Kính gửi {agency}"\nbold = true\n\n'
        '[[line]]\ntext = "Hạn gửi: {deadline}."\n',
        encoding="utf-8",
    )
    ctx = dataclasses.replace(tcc_round, project=Project(tmp_path))
    agency = tcc_round.registry.get("SNGV")
    assert guide_lines(ctx, agency) == [
        ("Kính gửi Sở Ngoại vụ", True),
        ("Hạn gửi: 09/12/2024.", False),  # {deadline}: the last on-time day
    ]
    guide.write_text('[[line]]\ntext = "Hạn {han_gui}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"dòng 1 có chỗ điền sai \('han_gui'\)"):
        guide_lines(ctx, agency)


def _all_text(wb: Any) -> Iterator[tuple[str, str]]:
    for ws in wb.worksheets:
        yield ws.title, ws.title
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield f"{ws.title}!{cell.coordinate}", cell.value
        for dv in ws.data_validations.dataValidation:
            for text in (dv.prompt, dv.promptTitle, dv.error, dv.errorTitle, dv.formula1):
                if text:
                    yield f"{ws.title} {dv.sqref}", text


@pytest.mark.parametrize(("round_id", "agency"), [("cn-2023", "SCT"), ("tcc-222-2024", "SCT")])
def test_times_new_roman_and_nfc_everywhere(template: Template, round_id: str, agency: str) -> None:
    wb = template(round_id, agency)
    for where, text in _all_text(wb):
        assert unicodedata.is_normalized("NFC", text), where
    fonts = {
        cell.font.name
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None or cell.protection.locked is False
    }
    assert fonts == {"Times New Roman"}
    # Cells typed later (below a table, in LibreOffice) get the default font too.
    assert wb["Tồn tại"]["A40"].font.name == "Times New Roman"
    assert all(name.isascii() for name in wb.defined_names)


# ------------------------------------------------------------------ the command


def test_cli_template_all_writes_one_file_per_agency(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "bieu-mau"
    result = CliRunner().invoke(
        cli,
        ["--project", str(project.root), "template", "--all", "--round", "cn-2023", "-o", str(out)],
        prog_name="qnreport",
    )
    assert (result.exit_code, result.stdout) == (
        0,
        f"Đợt cn-2023: đã tạo 27 biểu mẫu trong {out}\n",
    )
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 27
    assert names[:3] == ["cn-2023_BDT.xlsx", "cn-2023_BQLKKT.xlsx", "cn-2023_CQLTT.xlsx"]
    assert "cn-2023_SKHCN.xlsx" in names and "cn-2023_HLS.xlsx" in names
    assert template_filename("cn-2023", "SKHCN") == "cn-2023_SKHCN.xlsx"
    meta = openpyxl.load_workbook(out / "cn-2023_HLS.xlsx")[contract.SHEET_META]
    assert meta["B5"].value == "HLS"


@pytest.mark.libreoffice
def test_libreoffice_converts_a_template(tcc_round: RoundContext, tmp_path: Path) -> None:
    source = write_template(tcc_round, tcc_round.registry.get("SCT"), tmp_path / "in")
    for target in ("pdf", "xlsx"):
        converted = soffice_convert(source, target, tmp_path / target)
        assert converted.stat().st_size > 1000
    assert (tmp_path / "pdf" / f"{source.stem}.pdf").read_bytes().startswith(b"%PDF")
    wb = openpyxl.load_workbook(tmp_path / "xlsx" / source.name)
    assert contract.SHEET_META in wb.sheetnames
    assert _destination(wb, "CT_TCC14_NAM_NAY")[0] == contract.SHEET_INDICATORS
