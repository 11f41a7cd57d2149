"""The round before the report: next year's round, carried figures, who replied, letters.

A copy of the project is built once as the clerk would (cn-2023 built with its number and
date), then cn-2024 is created from it; replies are made from the real templates.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from conftest import DEFAULT_INFO, ROOT, WorkbookFactory, named_cell, sign_configs
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx_helpers import eff_pf, look

from qnreport.build import BuildOptions, build
from qnreport.check.batch import Validator
from qnreport.cli import cli
from qnreport.config.project import Project
from qnreport.config.rounds import RoundContext, open_round
from qnreport.errors import ConfigError, UsageError
from qnreport.files import read_toml
from qnreport.report.compose import Texts
from qnreport.report.document import Paragraph
from qnreport.round.letters import (
    LetterConfig,
    NotDueYet,
    NothingToRemind,
    addressed,
    reminder_letters,
    request_letter,
    unbreakable,
    write_letter,
)
from qnreport.round.new import describe, new_round
from qnreport.round.status import issuer_code, round_status, text_table
from qnreport.template.workbook import build_template

D = dt.date(2024, 12, 24)  # the day the clerk looks, four days after the deadline
NBH = "\u2011"  # the non-breaking hyphen document symbols are written with


def said(blocks: Any) -> list[str]:
    """Paragraph texts with the non-breaking hyphens read as hyphens."""
    return [b.text.replace(NBH, "-") for b in blocks]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A project with cn-2023 built (Báo cáo số 05 ngày 05/01/2024) and cn-2024 made from
    it, its agencies given contacts."""
    root = tmp_path_factory.mktemp("du-an")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "inputs" / "cn-2023", root / "inputs" / "cn-2023")
    registry = root / "templates" / "agencies.toml"
    text = registry.read_text(encoding="utf-8").replace(
        'code = "SKHCN"\n',
        'code = "SKHCN"\ncontact = "Bùi Văn Khoa"\nphone = "0255 3822 111"\n'
        'email = "bvkhoa@quangngai.gov.vn"\n',
    )
    registry.write_text(text, encoding="utf-8")
    sign_configs(root / "templates")
    project = Project(root)
    options = BuildOptions(round_id="cn-2023", number="05", date=dt.date(2024, 1, 5))
    build(project, options, echo=lambda _line: None)
    new_round(project, "cn-2024", previous="cn-2023")
    return project


def consolidated_2023(project: Project) -> dict[str, str]:
    record = json.loads((project.outputs / "cn-2023" / "build.json").read_text(encoding="utf-8"))
    return dict(record["snapshot"]["indicators"])


# ------------------------------------------------------------------------ round new


def test_round_from_cn_2023_is_2024_with_its_data_period(lab: Project) -> None:
    rnd = open_round(lab, "cn-2024").round
    assert (rnd.year, rnd.outline_id, rnd.previous) == (2024, "cn-2023", "cn-2023")
    assert (rnd.period_start, rnd.period_end) == (dt.date(2023, 12, 15), dt.date(2024, 12, 14))
    assert (rnd.request_date, rnd.deadline) == (dt.date(2024, 12, 8), dt.date(2024, 12, 20))
    assert rnd.request_number == "…/SCT-QLCN"
    config = read_toml(lab.templates / "reports" / "cn-2024.toml")
    assert config["subject"] == (
        "Tình hình triển khai thực hiện các chính sách và kế hoạch phát triển công nghiệp "
        "năm 2024 trên địa bàn tỉnh Quảng Ngãi"
    )
    assert config["number"] == "" and "date" not in config
    assert config["letter"]["symbol"] == "SCT-QLCN"
    assert config["letter"]["basis"].startswith("Kế hoạch số 136/KH-UBND ngày 16/11/2020")


def test_round_new_says_what_is_left_to_fill_in(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "inputs" / "cn-2023", root / "inputs" / "cn-2023")
    result = CliRunner().invoke(
        cli, ["--project", str(root), "round", "new", "cn-2024", "--from", "cn-2023"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Đã tạo đợt cn-2024 (năm 2024, đề cương cn-2023):"
    assert "Thời gian chốt số liệu: từ ngày 15/12/2023 đến ngày 14/12/2024." in lines
    assert "Cần điền thêm:" in lines
    todo = lines[lines.index("Cần điền thêm:") + 1 :]
    assert todo[0].startswith("- Số công văn đề nghị báo cáo: hiện là '…/SCT-QLCN'")
    assert todo[1] == (
        "- Ngày công văn (dự kiến 08/12/2024) và hạn gửi báo cáo (dự kiến 20/12/2024): "
        "sửa request_date, deadline nếu khác."
    )
    # cn-2023 was never built in this copy: nothing to carry, and it says so
    assert any(line.startswith("- Chưa có số liệu năm 2023 để điền sẵn") for line in todo)


def test_round_new_never_overwrites(lab: Project) -> None:
    before = (lab.inputs / "cn-2024" / "round.toml").read_bytes()
    with pytest.raises(UsageError) as refused:
        new_round(lab, "cn-2024", previous="cn-2023")
    assert refused.value.format_message() == (
        "Đợt 'cn-2024' đã có (inputs/cn-2024/round.toml); không ghi đè. "
        "Chọn mã đợt khác, hoặc sửa trực tiếp tệp đó."
    )
    assert (lab.inputs / "cn-2024" / "round.toml").read_bytes() == before
    with pytest.raises(UsageError, match="cần --outline"):
        new_round(lab, "cn-moi-2025")


def test_first_round_without_previous(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(ROOT / "templates", root / "templates")
    project = Project(root)
    # the repository's templates already hold tcc-222-2024: start the plan's next year afresh
    result = new_round(project, "tcc-222-2025", outline="tcc-222")
    rnd = open_round(project, "tcc-222-2025").round
    assert (rnd.year, rnd.period_start, rnd.period_end) == (
        2025,
        dt.date(2024, 12, 15),
        dt.date(2025, 12, 14),
    )
    assert rnd.carried == {} and rnd.previous == ""
    assert any("[signer]" in line for line in result.todo)


# ------------------------------------------------------------------------ carry-over


def test_last_years_consolidated_figures_are_carried(lab: Project) -> None:
    figures = consolidated_2023(lab)
    rnd = open_round(lab, "cn-2024").round
    assert rnd.carried["CN01"] == Decimal(figures["CN01"])
    assert rnd.carried["CN02"] == Decimal(figures["CN02"])
    # summed indicators are the province's total, nobody's own last-year figure
    assert "CN06" not in rnd.carried and "CN07" not in rnd.carried
    # a round two years on would put 2023's figures under "Thực hiện năm 2024": not carried
    skipped = new_round(lab, "cn-2025", previous="cn-2023", year=2025)
    assert skipped.carried == {}
    assert (
        "- Không điền sẵn cột năm 2024: đợt cn-2023 là năm 2023. Có thể ghi tay vào bảng "
        "[nam_truoc] của round.toml."
    ) in describe(skipped)


def test_new_template_prefills_last_years_cn01_editable(lab: Project) -> None:
    ctx = open_round(lab, "cn-2024")
    wb = build_template(ctx, ctx.registry.get("SCT"))
    cell = named_cell(wb, "CT_CN01_NAM_TRUOC")
    assert Decimal(str(cell.value)) == Decimal(consolidated_2023(lab)["CN01"])
    assert cell.protection.locked is False and cell.font.i
    assert "số tổng hợp năm 2023" in cell.comment.text
    assert wb["Chỉ tiêu"].cell(3, 6).value == "Thực hiện năm 2023"
    assert named_cell(wb, "CT_CN01_NAM_NAY").value is None
    assert named_cell(wb, "CT_CN08_NAM_TRUOC").value is None  # summed: not carried
    guide = [c.value for c in wb["Hướng dẫn"]["A"] if c.value]
    assert any(str(v).startswith('7. Cột "Thực hiện năm 2023" đã điền sẵn') for v in guide)


def test_a_different_last_year_figure_is_a_warning_with_both_figures(
    lab: Project, tmp_path: Path
) -> None:
    ctx = open_round(lab, "cn-2024")
    carried = ctx.round.carried["CN02"]
    make = WorkbookFactory(lab, tmp_path)
    values: dict[str, Any] = {"VB_NGAY": dt.datetime(2024, 12, 16), "CT_CN02_NAM_NAY": 75.1}
    for ind in ctx.outline.indicators_for("CTK"):  # every other figure as carried
        if ind.code in ctx.round.carried:
            values[f"CT_{ind.code}_NAM_TRUOC"] = float(ctx.round.carried[ind.code])
    differs = make("CTK", "cn-2024", values={**values, "CT_CN02_NAM_TRUOC": 70})
    agrees = make("CTK", "cn-2024", values={**values, "CT_CN02_NAM_TRUOC": float(carried)})
    validator = Validator(lab)
    report = validator.validate_file(differs)
    found = [f for f in report.findings if f.code == "PREVIOUS_DIFFERS"]
    assert [(f.sheet, f.cell, f.is_error) for f in found] == [
        ("Chỉ tiêu", WorkbookFactory.ref(differs, "CT_CN02_NAM_TRUOC")[1], False)
    ]
    assert found[0].message.startswith(
        f"Năm trước báo 70%, số tổng hợp năm 2023 là {str(carried).replace('.', ',')}%."
    )
    assert not report.has_errors
    assert not [f for f in validator.validate_file(agrees).findings if f.code == "PREVIOUS_DIFFERS"]


# ------------------------------------------------------------------------ status


@pytest.fixture(scope="module")
def replies(lab: Project, tmp_path_factory: pytest.TempPathFactory) -> Project:
    """cn-2024 replies: on time, late, no task, one with an error, one superseded, and one
    letter dated after D."""
    folder = lab.inputs / "cn-2024"
    make = WorkbookFactory(lab, folder)

    def reply(agency: str, name: str, number: str, day: dt.date, **values: Any) -> None:
        info = {"VB_SO": number, "VB_NGAY": dt.datetime.combine(day, dt.time())}
        make(agency, "cn-2024", name=f"cn-2024_{name}.xlsx", values={**info, **values})

    reply("SKHCN", "SKHCN", "140/SKHCN-QLKH", dt.date(2024, 12, 13))
    reply("STC", "STC", "3500/STC-TCĐT", dt.date(2024, 12, 23))
    reply("SKHDT", "SKHDT_lan1", "2790/SKHĐT-KTN", dt.date(2024, 12, 12))
    reply("SKHDT", "SKHDT", "2801/SKHĐT-KTN", dt.date(2024, 12, 19))
    reply("CTK", "CTK", "860/CTK-TH", dt.date(2024, 12, 18), CT_CN02_NAM_NAY="bảy mươi")
    reply("SGDDT", "SGDDT", "3300/SGDĐT-KHTC", dt.date(2024, 12, 27))
    make(
        "BDT",
        "cn-2024",
        name="cn-2024_BDT.xlsx",
        blank=True,
        values={**DEFAULT_INFO, "VB_SO": "790/BDT-CSDT", "VB_NGAY": dt.datetime(2024, 12, 11)}
        | {"KHONG_NHIEM_VU": "Có"},
    )
    return lab


def test_status_as_of_a_date(replies: Project) -> None:
    status = round_status(replies, "cn-2024", D)
    by_code = {r.agency.code: r for r in status.replies}
    assert status.issuer == "SCT" and "SCT" not in by_code  # the Sở does not reply to itself
    assert [(by_code[c].state, by_code[c].label) for c in ("SKHCN", "STC", "BDT", "CTK")] == [
        ("dung-han", "Đúng hạn"),
        ("sau-han", "Sau hạn 3 ngày"),
        ("khong-nhiem-vu", "Không được giao nhiệm vụ"),
        ("co-loi", "Đã nhận, có lỗi cần sửa"),
    ]
    assert by_code["SKHDT"].letter == "Số 2801/SKHĐT-KTN ngày 19/12/2024"
    assert by_code["SKHDT"].superseded == ("inputs/cn-2024/cn-2024_SKHDT_lan1.xlsx",)
    assert by_code["SGDDT"].state == "chua-gui"  # its letter is dated 27/12, after D
    assert status.later == ("inputs/cn-2024/cn-2024_SGDDT.xlsx",)
    assert [(p.sheet, p.label) for p in by_code["CTK"].problems] == [
        ("Chỉ tiêu", "Tỷ trọng công nghiệp - dịch vụ trong GRDP - thực hiện năm 2024")
    ]
    assert (by_code["SKHCN"].contact, by_code["SKHCN"].phone) == ("Bùi Văn Khoa", "0255 3822 111")
    expected = len(open_round(replies, "cn-2024").registry) - 1
    assert (status.expected, status.received, status.on_time) == (expected, 5, 4)
    assert status.rate == (Decimal(500) / expected).quantize(Decimal("0.1"))
    table = text_table(status)
    assert "Tình hình gửi báo cáo tính đến ngày 24/12/2024 (hạn gửi: 20/12/2024)" in table
    assert f"Dự kiến {expected} cơ quan, đơn vị; đã nhận 5 (" in table


def test_status_cli_json(replies: Project) -> None:
    result = CliRunner().invoke(
        cli,
        ["--project", str(replies.root), "status", "--round", "cn-2024", "--date", "24/12/2024"],
    )
    assert result.exit_code == 0, result.output
    assert "Sở KH&CN" in result.output and "Bùi Văn Khoa" in result.output
    result = CliRunner().invoke(
        cli,
        [
            "--project",
            str(replies.root),
            "status",
            "--round",
            "cn-2024",
            "--date",
            "24/12/2024",
            "--format",
            "json",
        ],
    )
    data = json.loads(result.output)
    assert data["as_of"] == "2024-12-24" and data["counts"]["received"] == 5
    states = {a["code"]: a["state"] for a in data["agencies"]}
    assert states["STC"] == "sau-han" and states["SGDDT"] == "chua-gui"


# ------------------------------------------------------------------------ letters


def letter_setup(project: Project, round_id: str) -> tuple[RoundContext, LetterConfig, Texts]:
    ctx = open_round(project, round_id)
    cfg = LetterConfig.load(project.templates / "reports" / f"{round_id}.toml")
    return ctx, cfg, Texts(project.templates / "text")


def test_reminder_lists_exactly_the_agencies_missing_as_of_d(replies: Project) -> None:
    ctx, cfg, texts = letter_setup(replies, "cn-2024")
    status = round_status(replies, "cn-2024", D)
    replied = {"SKHCN", "STC", "SKHDT", "BDT"}  # usable replies dated by D
    due = [a for a in ctx.registry if a.code not in replied | {"SCT"}]
    assert [r.agency.code for r in status.to_remind] == [a.code for a in due]
    with pytest.raises(ConfigError, match=r"^Chưa ghi số công văn đề nghị báo cáo"):
        reminder_letters(ctx, cfg, texts, status)
    # the request letter has been signed and numbered
    ctx = replace(ctx, round=replace(ctx.round, request_number="3120/SCT-QLCN"))
    (letter,) = reminder_letters(ctx, cfg, texts, status, until=dt.date(2024, 12, 27))
    lh = letter.report.letterhead
    assert lh.recipients == addressed(due, [r.agency for r in status.replies])
    assert lh.about.startswith("V/v đôn đốc báo cáo tình hình triển khai thực hiện")
    assert lh.date == D and lh.number == "" and lh.symbol == "SCT-QLCN"
    assert f"3120/SCT{NBH}QLCN" in letter.report.body[0].text  # never split at the hyphen
    body = said(letter.report.body)
    assert body[0] == (
        "Theo Công văn số 3120/SCT-QLCN ngày 08/12/2024 của Sở Công Thương, các cơ quan, đơn vị "
        "báo cáo tình hình triển khai thực hiện các chính sách và kế hoạch phát triển công "
        "nghiệp năm 2024 trên địa bàn tỉnh Quảng Ngãi gửi về Sở Công Thương chậm nhất ngày "
        "20/12/2024."
    )
    assert body[1] == (
        "Đến ngày 24/12/2024, Sở Công Thương chưa nhận được báo cáo, hoặc đã nhận nhưng số "
        "liệu chưa hợp lệ, của các cơ quan, đơn vị sau:"
    )
    items = [t for t in body if t.startswith("- ")]
    assert [t[2:].split(":")[0] for t in items] == [a.name for a in due]
    ctk = next(t for t in items if t.startswith("- Cục Thống kê"))
    assert ctk.startswith(
        "- Cục Thống kê: văn bản số 860/CTK-TH ngày 18/12/2024 có số liệu chưa hợp lệ, đề nghị "
        "chỉnh sửa: Tỷ trọng công nghiệp - dịch vụ trong GRDP - thực hiện năm 2024 "
        '(trang "Chỉ tiêu", ô '
    )
    assert "- Sở Giáo dục và Đào tạo: chưa gửi báo cáo." in items
    assert body[-3] == (
        "Để kịp tổng hợp, báo cáo Ủy ban nhân dân tỉnh Quảng Ngãi theo quy định, Sở Công Thương "
        "đề nghị các cơ quan, đơn vị nêu trên khẩn trương gửi báo cáo hoặc chỉnh sửa, bổ sung số "
        "liệu theo nội dung nêu trên, gửi về Sở Công Thương chậm nhất ngày 27/12/2024."
    )
    each = reminder_letters(ctx, cfg, texts, status, each=True)
    assert [x.report.letterhead.recipients for x in each] == [(a.name,) for a in due]
    assert each[0].name == f"cong-van-don-doc-cn-2024-20241224-{due[0].code}.docx"
    # a letter to one agency speaks to it, without a list of one
    to_ctk = next(x for x in each if x.report.letterhead.recipients == ("Cục Thống kê",))
    assert said(to_ctk.report.body)[1].startswith(
        "Đến ngày 24/12/2024, Sở Công Thương đã nhận được văn bản số 860/CTK-TH ngày 18/12/2024 "
        "của Quý cơ quan, đơn vị nhưng một số số liệu chưa hợp lệ, cần chỉnh sửa: Tỷ trọng công "
        'nghiệp - dịch vụ trong GRDP - thực hiện năm 2024 (trang "Chỉ tiêu", ô '
    )
    to_sgddt = next(
        x for x in each if x.report.letterhead.recipients == ("Sở Giáo dục và Đào tạo",)
    )
    assert said(to_sgddt.report.body)[1:3] == [
        "Đến ngày 24/12/2024, Sở Công Thương chưa nhận được báo cáo của Quý cơ quan, đơn vị.",
        "Để kịp tổng hợp, báo cáo Ủy ban nhân dân tỉnh Quảng Ngãi theo quy định, Sở Công Thương "
        "đề nghị Quý cơ quan, đơn vị khẩn trương gửi báo cáo về Sở Công Thương trong thời gian "
        "sớm nhất.",
    ]


def test_remind_refuses_when_everyone_replied(replies: Project) -> None:
    ctx, cfg, texts = letter_setup(replies, "cn-2024")
    status = round_status(replies, "cn-2024", D)
    everyone = type(status)(
        status.round_id,
        status.title,
        status.as_of,
        status.deadline,
        tuple(r for r in status.replies if not r.needs_reminder),
    )
    with pytest.raises(NothingToRemind) as caught:
        reminder_letters(ctx, cfg, texts, everyone)
    assert caught.value.format_message() == (
        f"Tính đến ngày 24/12/2024, cả {everyone.expected} cơ quan, đơn vị của đợt cn-2024 "
        "đã gửi báo cáo hợp lệ; không cần công văn đôn đốc."
    )
    early = round_status(replies, "cn-2024", dt.date(2024, 12, 20))  # the deadline itself
    with pytest.raises(NotDueYet) as not_yet:
        reminder_letters(ctx, cfg, texts, early)
    assert not_yet.value.format_message() == (
        "Hạn gửi báo cáo của đợt cn-2024: 20/12/2024; đến ngày 20/12/2024 chưa quá hạn nên "
        "chưa đôn đốc. Chọn --date sau hạn gửi."
    )


def test_request_letter_content(lab: Project) -> None:
    ctx, cfg, texts = letter_setup(lab, "cn-2024")
    letter = request_letter(ctx, cfg, texts, issuer_code(ctx))
    lh = letter.report.letterhead
    assert lh.recipients == ("Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố")
    assert lh.number == "" and lh.date == dt.date(2024, 12, 8) and lh.doc_type == ""
    body = said(letter.report.body)
    assert body[0].startswith("Thực hiện Kế hoạch số 136/KH-UBND ngày 16/11/2020 của UBND tỉnh")
    assert (
        "- Thời gian chốt số liệu: từ ngày 15/12/2023 đến ngày 14/12/2024, theo quy định tại "
        "Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ quy định về chế độ báo cáo "
        "của cơ quan hành chính nhà nước."
    ) in body
    assert any(t.startswith("- Số liệu thực hiện năm 2023 của các chỉ tiêu") for t in body)
    assert (
        "- Thời hạn gửi báo cáo: văn bản báo cáo gửi về Sở Công Thương chậm nhất ngày "
        "20/12/2024, đồng thời gửi tệp biểu mẫu đã điền qua thư điện tử để tổng hợp."
    ) in body
    assert body[-1] == "Rất mong nhận được sự quan tâm phối hợp của Quý cơ quan, đơn vị./."
    (appendix,) = letter.report.appendices
    assert appendix.title.startswith("Đề cương báo cáo tình hình triển khai thực hiện")
    assert (
        appendix.reference
        == "(Kèm theo Công văn số       /SCT-QLCN ngày 08/12/2024 của Sở Công Thương)"
    )
    outline = ctx.outline
    texts_in = said(b for b in appendix.blocks if isinstance(b, Paragraph))
    for ind in outline.indicators:
        assert f"- {ind.name} ({ind.unit})." in texts_in


# ------------------------------------------------- both letters read back, NĐ 30/2020


@pytest.fixture(scope="module")
def letter_docs(replies: Project, tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    out = tmp_path_factory.mktemp("cong-van")
    ctx, cfg, texts = letter_setup(replies, "cn-2024")
    style = replies.templates / "styles" / "bao-cao.docx"
    request = request_letter(ctx, cfg, texts, issuer_code(ctx))
    status = round_status(replies, "cn-2023", dt.date(2023, 12, 22))
    ctx23, cfg23, _ = letter_setup(replies, "cn-2023")
    (remind,) = reminder_letters(ctx23, cfg23, texts, status)
    paths = [
        write_letter(request, style, out, dt.date(2024, 12, 8)),
        write_letter(remind, style, out, dt.date(2023, 12, 22)),
    ]
    again = write_letter(request, style, out / "lai", dt.date(2024, 12, 8))
    assert again.read_bytes() == paths[0].read_bytes()  # the same letter, the same bytes
    return [docx.Document(str(p)) for p in paths]


def test_letters_follow_nd30(letter_docs: list[Any]) -> None:
    request, remind = letter_docs
    for doc, number, date_text in (
        (request, "Số:      /SCT-QLCN", "Quảng Ngãi, ngày 08 tháng 12 năm 2024"),
        (remind, "Số:      /SCT-QLCN", "Quảng Ngãi, ngày 22 tháng 12 năm 2023"),
    ):
        for section in doc.sections:
            slack = Mm(0.1)  # margins are stored in twips
            assert Mm(20) - slack <= section.top_margin <= Mm(25) + slack
            assert Mm(20) - slack <= section.bottom_margin <= Mm(25) + slack
            assert Mm(30) - slack <= section.left_margin <= Mm(35) + slack
            assert Mm(15) - slack <= section.right_margin <= Mm(20) + slack
            assert section.different_first_page_header_footer
            instr = [t.text.strip() for t in section.header._element.xpath(".//w:instrText")]
            assert instr == ["PAGE"]
        left, right = doc.tables[0].rows[1].cells
        number_p, about_p = left.paragraphs
        assert number_p.text == number and look(doc, number_p) == (False, False, 13)
        assert about_p.text.startswith("V/v ")
        bold, italic, size = look(doc, about_p)
        assert not bold and not italic and 12 <= size <= 13
        assert eff_pf(about_p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert eff_pf(about_p, "space_before").pt == 6
        (date_p,) = right.paragraphs
        assert date_p.text == date_text and look(doc, date_p)[1]  # italic
        texts = [p.text for p in doc.paragraphs]
        assert "BÁO CÁO" not in texts  # a công văn has no tên loại
        kinh_gui = next(p for p in doc.paragraphs if p.text.startswith("Kính gửi:\t- "))
        assert kinh_gui.text.endswith(";")
        sign_left, sign_right = doc.tables[1].rows[0].cells
        label, *copies = (p for p in sign_left.paragraphs if p.text)
        assert label.text == "Nơi nhận:" and look(doc, label) == (True, True, 12)
        assert copies[0].text == "- Như trên;" and copies[-1].text == "- Lưu: VT, QLCN."
        assert all(look(doc, p) == (False, False, 11) for p in copies)
        titles = [p.text for p in sign_right.paragraphs if p.text]
        assert titles[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    texts = [p.text for p in request.paragraphs]
    assert texts[texts.index("Phụ lục") + 1].startswith("ĐỀ CƯƠNG BÁO CÁO TÌNH HÌNH TRIỂN KHAI")
    assert len(request.sections) == 2  # the appendix has its own page numbering
    assert request.sections[1]._sectPr.xpath("./w:pgNumType[@w:start='1']")


def test_letter_commands_write_docx_and_refuse_in_vietnamese(
    replies: Project, tmp_path: Path
) -> None:
    root = str(replies.root)
    out = tmp_path / "cv"
    runner = CliRunner()
    made = runner.invoke(
        cli, ["--project", root, "letter", "request", "--round", "cn-2024", "-o", str(out)]
    )
    assert made.exit_code == 0, made.output
    assert (out / "cong-van-de-nghi-cn-2024.docx").is_file()
    assert "Lưu ý: Công văn đề nghị chưa có số (văn thư cấp khi ký)" in made.stderr
    # the request letter of cn-2024 has no number yet: a reminder cannot cite it
    refused = runner.invoke(
        cli,
        ["--project", root, "letter", "remind", "--round", "cn-2024", "--date", "24/12/2024"],
    )
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Lỗi: Chưa ghi số công văn đề nghị báo cáo của đợt cn-2024")
    reminded = runner.invoke(
        cli,
        [
            *("--project", root, "letter", "remind", "--round", "cn-2023"),
            *("--date", "22/12/2023", "--each", "-o", str(out)),
        ],
    )
    assert reminded.exit_code == 0, reminded.output
    written = sorted(p.name for p in out.glob("cong-van-don-doc-cn-2023-20231222-*.docx"))
    due = round_status(replies, "cn-2023", dt.date(2023, 12, 22)).to_remind
    assert written == sorted(f"cong-van-don-doc-cn-2023-20231222-{r.agency.code}.docx" for r in due)


def test_a_change_to_round_toml_rebuilds_and_rereads(replies: Project) -> None:
    """The checks read round.toml (deadline, last year's figures): editing it is a change."""
    options = BuildOptions(round_id="cn-2024")
    build(replies, options, echo=lambda _line: None)
    assert build(replies, options, echo=lambda _line: None).unchanged
    path = replies.inputs / "cn-2024" / "round.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# đã sửa\n", encoding="utf-8")
    again = build(replies, options, echo=lambda _line: None)
    assert not again.unchanged and again.reads > 0


def test_a_reminder_to_late_agencies_only_does_not_list_its_addressees_again(
    project: Project,
) -> None:
    """When every agency reminded has simply not replied, "Kính gửi" names them: the body
    does not list them a second time, nor say "chưa gửi báo cáo" ten times over."""
    ctx, cfg, texts = letter_setup(project, "tcc-222-2024")
    # after the plan's "trước ngày 10/12"; HSH's late letter (16/12) is not in yet
    status = round_status(project, "tcc-222-2024", dt.date(2024, 12, 15))
    assert len(status.to_remind) > 1 and all(r.state == "chua-gui" for r in status.to_remind)
    (letter,) = reminder_letters(ctx, cfg, texts, status)
    assert letter.report.letterhead.recipients == tuple(r.agency.name for r in status.to_remind)
    body = said(letter.report.body)
    assert body[1] == (
        "Đến ngày 15/12/2024, Sở Công Thương chưa nhận được báo cáo của Quý cơ quan, đơn vị."
    )
    assert not [t for t in body if t.startswith("- ")]
    assert body[2] == (
        "Để kịp tổng hợp, báo cáo Ủy ban nhân dân tỉnh Quảng Ngãi theo quy định, Sở Công Thương "
        "đề nghị Quý cơ quan, đơn vị khẩn trương gửi báo cáo về Sở Công Thương trong thời gian "
        "sớm nhất."
    )


# ------------------------------------------------------------ "trước ngày 10/12" (KH 222)


def test_a_deadline_worded_before_a_day_makes_that_day_late(
    project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    """KH 222, Mục VII.1: report "trước ngày 10/12". A letter of 09/12/2024 is on time, one
    of 10/12/2024 is late; the letters and the guide say "trước ngày 10/12/2024", never
    "chậm nhất ngày 10/12/2024" nor "ngày 09/12/2024"."""
    rid = "tcc-222-2024"
    ctx, cfg, texts = letter_setup(project, rid)
    rnd = ctx.round
    assert (rnd.due_before, rnd.deadline) == (dt.date(2024, 12, 10), dt.date(2024, 12, 9))
    assert (rnd.due_words, rnd.due_label) == ("trước ngày 10/12/2024",) * 2

    on_time = filled_workbook("SKHCN", rid, values={"VB_NGAY": dt.datetime(2024, 12, 9)})
    late = filled_workbook("SKHDT", rid, values={"VB_NGAY": dt.datetime(2024, 12, 10)})
    validator = Validator(project)
    assert validator.validate_file(on_time).findings == []
    assert [(f.code, f.message) for f in validator.validate_file(late).findings] == [
        ("LATE", "Văn bản ngày 10/12/2024 gửi sau hạn gửi báo cáo (trước ngày 10/12/2024).")
    ]
    status = round_status(project, rid, dt.date(2024, 12, 16), files=[on_time, late])
    states = {r.agency.code: r.state for r in status.replies}
    assert (states["SKHCN"], states["SKHDT"]) == ("dung-han", "sau-han")
    assert "(hạn gửi: trước ngày 10/12/2024)" in text_table(status)

    body = said(request_letter(ctx, cfg, texts, issuer_code(ctx)).report.body)
    assert (
        "- Thời hạn gửi báo cáo: văn bản báo cáo gửi về Sở Công Thương trước ngày "
        "10/12/2024, đồng thời gửi tệp biểu mẫu đã điền qua thư điện tử để tổng hợp."
    ) in body
    guide = [str(c.value) for c in build_template(ctx, ctx.registry.get("SKHCN"))["Hướng dẫn"]["A"]]
    assert any(
        line.startswith("- Gửi tệp kèm văn bản báo cáo trước ngày 10/12/2024 ") for line in guide
    )

    # 09/12 is still on time: no reminder yet; from 10/12 on, the reminder recalls the wording
    with pytest.raises(NotDueYet) as not_yet:
        reminder_letters(ctx, cfg, texts, round_status(project, rid, dt.date(2024, 12, 9), []))
    assert not_yet.value.format_message() == (
        "Hạn gửi báo cáo của đợt tcc-222-2024: trước ngày 10/12/2024; đến ngày 09/12/2024 chưa "
        "quá hạn nên chưa đôn đốc. Chọn --date sau hạn gửi."
    )
    (reminder,) = reminder_letters(
        ctx, cfg, texts, round_status(project, rid, dt.date(2024, 12, 10), [])
    )
    assert said(reminder.report.body)[0].endswith("gửi về Sở Công Thương trước ngày 10/12/2024.")


def test_next_years_round_keeps_the_plans_wording(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "inputs" / "tcc-222-2024").mkdir(parents=True)
    shutil.copyfile(
        ROOT / "inputs" / "tcc-222-2024" / "round.toml",
        root / "inputs" / "tcc-222-2024" / "round.toml",
    )
    project = Project(root)
    made = new_round(project, "tcc-222-2025", previous="tcc-222-2024")
    rnd = open_round(project, "tcc-222-2025").round
    assert (rnd.due_before, rnd.deadline) == (dt.date(2025, 12, 10), dt.date(2025, 12, 9))
    written = read_toml(root / "inputs" / "tcc-222-2025" / "round.toml")
    assert written["due_before"] == dt.date(2025, 12, 10) and "deadline" not in written
    assert any(
        "hạn gửi báo cáo (dự kiến trước ngày 10/12/2025" in line and "due_before" in line
        for line in made.todo
    )
    # one way of saying it, not both: a clerk who adds "deadline" is told to choose
    path = root / "inputs" / "tcc-222-2025" / "round.toml"
    path.write_text(path.read_text(encoding="utf-8") + "deadline = 2025-12-20\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="chỉ ghi một trong hai khóa 'deadline'"):
        open_round(project, "tcc-222-2025")


def test_a_request_letter_names_a_plan_it_cited_in_full_by_its_kind_alone() -> None:
    """ "Thực hiện Kế hoạch số 222/KH-UBND ngày 28/12/2023 …; để có cơ sở tổng hợp, báo cáo
    kết quả thực hiện Kế hoạch năm 2024": not the number again, nor "(Kế hoạch số …)"."""
    project = Project(ROOT)
    ctx, cfg, texts = letter_setup(project, "tcc-222-2024")
    letter = request_letter(ctx, cfg, texts, issuer_code(ctx))
    assert letter.report.letterhead.about == unbreakable(
        "V/v báo cáo kết quả thực hiện Kế hoạch số 222/KH-UBND năm 2024"
    )
    opening = said(letter.report.body)[0]
    assert opening.startswith(
        "Thực hiện Kế hoạch số 222/KH-UBND ngày 28/12/2023 của UBND tỉnh về tái cơ cấu ngành "
        "Công Thương tỉnh Quảng Ngãi giai đoạn đến năm 2030; để có cơ sở tổng hợp, báo cáo kết "
        "quả thực hiện Kế hoạch năm 2024 gửi Ủy ban nhân dân tỉnh Quảng Ngãi, "
    )
    assert opening.count("222/KH-UBND") == 1


def test_the_outline_in_the_request_tells_each_agency_which_tasks_it_leads() -> None:
    """The attached outline gives each task of the plan with its lead and the plan's own
    columns ("thời gian trình", not a "thời gian thực hiện" the plan does not say), and a
    single plan cited is named again by its number."""
    project = Project(ROOT)
    ctx, cfg, texts = letter_setup(project, "tcc-222-2024")
    letter = request_letter(ctx, cfg, texts, issuer_code(ctx))
    body = said(letter.report.body)
    assert any(
        t.startswith("- Cơ quan, đơn vị không được giao nhiệm vụ tại Kế hoạch số 222/KH-UBND ")
        for t in body
    )
    (outline,) = letter.report.appendices
    asked = said(tuple(b for b in outline.blocks if isinstance(b, Paragraph)))
    assert (
        unbreakable(
            "- Kế hoạch phát triển kinh tế số ngành Công Thương tỉnh Quảng Ngãi, đến năm 2030 "
            "(chủ trì: Sở Công Thương; thời gian trình: 2023 - 2024; cấp thẩm quyền ban hành: "
            "UBND tỉnh)."
        )
        in asked
    )
    assert not any("thời gian thực hiện" in t for t in asked)
