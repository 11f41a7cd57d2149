"""``qnreport build`` end to end: filled workbooks in, the NĐ 30 report and the summary out.

The round is small and computed by hand (see ``ROUND``): the report's figures must be
those sums and choices, and the .docx must keep every rule of NĐ 30/2020 Phụ lục I that
can be read from the file. Formatting is resolved the way Word does (run, then the
paragraph style chain, then the document defaults), never taken from direct formatting
alone. One test (``libreoffice`` marker) prints the report through LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import DEFAULT_INFO, SIGNER_NAME, WorkbookFactory, signed_config
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from qnreport.build import BuildOptions, BuildResult, build
from qnreport.cli import cli
from qnreport.config.project import Project
from qnreport.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
EMPTY_LINE = "Chưa có cơ quan, đơn vị báo cáo nội dung này."
REPORT = "bao-cao-cn-2023.docx"
SUMMARY = "tong-hop-cn-2023.xlsx"
FINDINGS = "kiem-tra-cn-2023.txt"
TODAY = dt.date(2024, 1, 5)

# ----------------------------------------------------------------------- the round
#
# Hand consolidation of the files below (defaults of conftest.fill_defaults: shares
# 38,2 -> 40,5 %, growth 7,9 -> 8,6 %, counts 12 -> 14, amounts 1.250,5 -> 1.480):
#   CN01 growth, SCT responsible: SCT 8,5 (7,9 last year), CTK 8,2 -> 8,5%, conflict.
#   CN02 share, CTK responsible: CTK 40,5, SKHDT 41 (newer file) -> 40,5%, conflict.
#   CN06 count, summed: BQLKKT 2.000 (1.800) + TPQN 230 (200) = 2.230 (2.000): 111,5%.
#   CN07 amount, summed: BQLKKT 1.480 + TPQN 1.480 = 2.960 (2.501): 118,4%.
# Statuses: SKHDT, BQLKKT, TPQN đã gửi; STC's only file lacks its date (an error: still a
# letter received, its content used); SNGV's file is no workbook (received, wrong form);
# CTK after the 20/12 deadline; SKHCN no task; SKHDT's older file is superseded; HLS's
# letter is dated 08/01/2024, after the report (05/01): not counted, not used, not listed.
# SCT is the issuing Sở: its part is used, never counted or listed among the replies.

TWO_PARAGRAPHS = "Đoạn một của Sở Công Thương.\nĐoạn hai của Sở Công Thương."
TO_MINISTRY = "Hướng dẫn cơ chế hỗ trợ cụm liên kết ngành."
TO_PROVINCE = "Bố trí vốn đầu tư hạ tầng cụm công nghiệp Bình Nguyên."  # conftest's row
NEXT_YEAR_TASK = "Phối hợp đào tạo 500 lao động cho các dự án trong Khu kinh tế."
PLANTED = ("=1+1", "@SUM(A1)", "+84 255 3822", "-giảm")


def _as_text(wb: Any) -> None:
    """What Excel stores when a clerk types '=1+1 (a leading apostrophe): a string."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "=1+1":
                    cell.data_type = "s"


def write_round(project: Project, folder: Path) -> Path:
    make = WorkbookFactory(project, folder)
    make(
        "SCT",
        values={"CT_CN01_NAM_NAY": 8.5, "CT_CN01_NAM_TRUOC": 7.9, "DM_II_1_KQ": TWO_PARAGRAPHS},
    )
    make(
        "CTK",
        values={
            "CT_CN01_NAM_NAY": 8.2,
            "CT_CN02_NAM_NAY": 40.5,
            "VB_SO": "88/CTK-TH",
            "VB_NGAY": dt.datetime(2023, 12, 22),
        },
    )
    make(
        "BQLKKT",
        values={"CT_CN06_NAM_NAY": 2000, "CT_CN06_NAM_TRUOC": 1800},
        rows={
            "kien_nghi": [{"noi_nhan": "Bộ Công Thương", "noi_dung": TO_MINISTRY}],
            "ke_hoach": [{"de_muc": "4.1", "noi_dung": NEXT_YEAR_TASK}],
        },
    )
    make(
        "TPQN",
        values={"CT_CN06_NAM_NAY": 230, "CT_CN06_NAM_TRUOC": 200},
        rows={
            "ton_tai": [
                {"noi_dung": PLANTED[0], "nguyen_nhan": PLANTED[1]},
                {"noi_dung": PLANTED[2], "nguyen_nhan": PLANTED[3]},
            ]
        },
        edit=_as_text,
    )
    make("SKHCN", blank=True, values={**DEFAULT_INFO, "KHONG_NHIEM_VU": "Có"})
    make(
        "SKHDT",
        name="skhdt-cu.xlsx",
        values={"VB_SO": "5/SKHDT", "VB_NGAY": dt.datetime(2023, 12, 10), "CT_CN02_NAM_NAY": 39},
    )
    make(
        "SKHDT",
        name="skhdt-moi.xlsx",
        values={"VB_SO": "9/SKHDT", "VB_NGAY": dt.datetime(2023, 12, 14), "CT_CN02_NAM_NAY": 41},
    )
    make("STC", name="stc-loi.xlsx", values={"VB_NGAY": None})  # required date missing
    make(
        "HLS",
        name="cn-2023_HLS.xlsx",
        values={"VB_NGAY": dt.datetime(2024, 1, 8), "CT_CN06_NAM_NAY": 500},
    )
    (folder / "cn-2023_SNGV.xlsx").write_bytes(b"Kinh gui So Cong Thuong")
    return folder


@dataclass
class Built:
    result: BuildResult
    lines: list[str]
    out: Path

    @property
    def report(self) -> Path:
        return self.out / REPORT


def run_build(project: Project, inputs: Path, out: Path, **options: Any) -> Built:
    """An official build (dated, numbered) uses the config with the signer named."""
    if options.get("date") or options.get("number"):
        options.setdefault("config", signed_config(project, "cn-2023", out.parent / "cfg"))
    lines: list[str] = []
    result = build(
        project,
        BuildOptions(round_id="cn-2023", input_dir=inputs, output_dir=out, **options),
        echo=lines.append,
    )
    return Built(result, lines, out)


@pytest.fixture(scope="module")
def inputs(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_round(project, tmp_path_factory.mktemp("nop"))


@pytest.fixture(scope="module")
def built(project: Project, inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("ket-qua")
    return run_build(project, inputs, out, date=TODAY, number="5")


@pytest.fixture(scope="module")
def doc(built: Built) -> Any:
    return docx.Document(str(built.report))


# ------------------------------------------------------------- effective formatting


def _style_chain(paragraph: Any) -> Iterator[Any]:
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _rpr_chain(doc: Any, paragraph: Any, run: Any) -> list[Any]:
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    chain = [run._r.rPr, *(s.element.rPr for s in _style_chain(paragraph)), defaults]
    return [r for r in chain if r is not None]


def eff_attr(doc: Any, paragraph: Any, run: Any, tag: str, attr: str) -> str | None:
    for rpr in _rpr_chain(doc, paragraph, run):
        el = rpr.find(qn(tag))
        if el is not None and el.get(qn(attr)) is not None:
            return str(el.get(qn(attr)))
    return None


def eff_toggle(doc: Any, paragraph: Any, run: Any, tag: str) -> bool:
    for rpr in _rpr_chain(doc, paragraph, run):
        el = rpr.find(qn(tag))
        if el is not None:
            return el.get(qn("w:val")) not in ("0", "false", "off")
    return False


def eff_size(doc: Any, paragraph: Any, run: Any) -> float:
    val = eff_attr(doc, paragraph, run, "w:sz", "w:val")
    assert val is not None, paragraph.text
    return int(val) / 2


def eff_pf(paragraph: Any, name: str) -> Any:
    value = getattr(paragraph.paragraph_format, name)
    for style in _style_chain(paragraph):
        if value is not None:
            break
        value = getattr(style.paragraph_format, name)
    return value


def look(doc: Any, paragraph: Any) -> tuple[bool, bool, float]:
    """(bold, italic, size) of a paragraph's text; all its runs must agree."""
    runs = [r for r in paragraph.runs if r.text]
    assert runs, paragraph.text
    seen = {
        (
            eff_toggle(doc, paragraph, r, "w:b"),
            eff_toggle(doc, paragraph, r, "w:i"),
            eff_size(doc, paragraph, r),
        )
        for r in runs
    }
    assert len(seen) == 1, (paragraph.text, seen)
    return seen.pop()


def all_paragraphs(doc: Any) -> Iterator[Any]:
    def walk(container: Any) -> Iterator[Any]:
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(doc)
    for section in doc.sections:
        for header in (section.header, section.first_page_header):
            yield from walk(header)


def find(doc: Any, text: str) -> Any:
    for p in all_paragraphs(doc):
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def body_texts(doc: Any) -> list[str]:
    return [p.text for p in doc.paragraphs]


def after(texts: list[str], heading: str) -> list[str]:
    """The paragraphs under ``heading`` up to the next heading-like line."""
    start = texts.index(heading) + 1
    out: list[str] = []
    for text in texts[start:]:
        if re.match(r"^([IVX]+|\d+(\.\d+)*)\. ", text) or not text:
            break
        out.append(text)
    return out


def table_with(doc: Any, *titles: str) -> Any:
    for table in doc.tables:
        head = [c.text for c in table.rows[0].cells]
        if head[: len(titles)] == list(titles):
            return table
    raise AssertionError(f"no table headed {titles}")


def section_of(doc: Any, text: str) -> Any:
    """The document section holding the body paragraph ``text``."""
    index = 0
    for p in doc.paragraphs:
        if p.text == text:
            return doc.sections[index]
        if p._p.xpath("./w:pPr/w:sectPr"):
            index += 1
    raise AssertionError(f"no paragraph {text!r}")


# -------------------------------------------------------------------- the build run


def test_build_writes_the_outputs_and_says_what_it_used(built: Built, inputs: Path) -> None:
    out = built.out
    for name in (REPORT, SUMMARY, FINDINGS):
        assert (out / name).is_file()
        assert f"Đã ghi: {out / name}" in built.lines
    assert not list(out.glob(".*.tmp"))
    text = "\n".join(built.lines)
    assert re.search(r"SCT +phần của Sở: dùng \S*cn-2023_SCT_1\.xlsx", text)
    assert re.search(r"CTK +gửi sau hạn: dùng ", text)
    assert re.search(r"SKHCN +không được giao nhiệm vụ: dùng ", text)
    assert re.search(r"SKHDT +đã gửi: dùng \S*skhdt-moi\.xlsx", text)
    assert re.search(r"không dùng \(có văn bản mới hơn\): \S*skhdt-cu\.xlsx", text)
    assert re.search(r"STC +đã gửi: dùng \S*stc-loi\.xlsx \(bỏ 1 ô, dòng chưa hợp lệ", text)
    assert re.search(r"SNGV +đã gửi\n +văn bản gửi không đúng biểu mẫu: \S*cn-2023_SNGV", text)
    assert re.search(
        r"HLS +chưa gửi\n +chưa tính \(văn bản số 125/BC-SCT ngày 08/01/2024 có sau ngày "
        r"báo cáo\): \S*cn-2023_HLS\.xlsx",
        text,
    )
    assert (
        "Có 1 cơ quan gửi văn bản sau ngày báo cáo 05/01/2024: đổi ngày báo cáo (--date) "
        "hoặc lập lại sau để đưa vào."
    ) in text
    assert "Chưa gửi (19): STNMT, SNNPTNT" in text
    assert "Số liệu khác nhau - CN01: dùng số của Sở Công Thương (8,5), Cục Thống kê báo 8,2" in (
        line.strip() for line in built.lines
    )
    assert "Số liệu khác nhau - CN02: dùng số của Cục Thống kê (40,5), Sở KH&ĐT báo 41" in (
        line.strip() for line in built.lines
    )
    findings = (out / FINDINGS).read_text(encoding="utf-8")
    assert "stc-loi.xlsx: CÓ LỖI - CHỈ DÙNG CÁC Ô, CÁC DÒNG HỢP LỆ; CẦN ĐỀ NGHỊ BỔ SUNG" in findings
    assert "REQUIRED_MISSING" in findings
    assert "cn-2023_HLS.xlsx: CHƯA TÍNH - VĂN BẢN CÓ SAU NGÀY CỦA BÁO CÁO" in findings
    assert (
        "Văn bản ngày 08/01/2024 có sau ngày của báo cáo (05/01/2024): không tính, không "
        "dùng, không ghi là đã nhận trong báo cáo này."
    ) in " ".join(findings.split())


def test_cli_build_exit_0(project: Project, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    args = ["--project", str(ROOT), "build", str(inputs), "--round", "cn-2023", "-o", str(out)]
    config = str(signed_config(project, "cn-2023", tmp_path / "cfg"))
    result = CliRunner().invoke(
        cli, [*args, "--date", "05/01/2024", "--number", "5", "--config", config]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Đợt cn-2023: ")
    for name in (REPORT, SUMMARY, FINDINGS):
        assert f"Đã ghi: {out / name}" in lines
    number_cell = docx.Document(str(out / REPORT)).tables[0].rows[1].cells[0]
    assert number_cell.paragraphs[0].text == "Số: 05/BC-SCT"


# ------------------------------------------------------------------ page and fonts


def test_page_a4_portrait_and_margins(doc: Any) -> None:
    tolerance = Mm(0.1)
    for section in doc.sections:
        short, long = sorted((section.page_width, section.page_height))
        assert abs(short - Mm(210)) < Mm(0.5) and abs(long - Mm(297)) < Mm(0.5)
        assert Mm(20) - tolerance <= section.top_margin <= Mm(25) + tolerance
        assert Mm(20) - tolerance <= section.bottom_margin <= Mm(25) + tolerance
        assert Mm(30) - tolerance <= section.left_margin <= Mm(35) + tolerance
        assert Mm(15) - tolerance <= section.right_margin <= Mm(20) + tolerance
    first = doc.sections[0]
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert first.page_width < first.page_height


def test_every_run_times_new_roman_and_vietnamese(doc: Any) -> None:
    runs = 0
    for p in all_paragraphs(doc):
        for r in p.runs:
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                assert eff_attr(doc, p, r, "w:rFonts", attr) == "Times New Roman", (p.text, attr)
            assert eff_attr(doc, p, r, "w:lang", "w:val") == "vi-VN", p.text
            runs += 1
    assert runs > 300
    # no theme font anywhere that would beat the explicit name
    assert not doc.styles.element.xpath(".//w:rFonts[@w:asciiTheme or @w:hAnsiTheme]")
    assert not doc.element.body.xpath(".//w:rFonts[@w:asciiTheme or @w:hAnsiTheme]")


# ------------------------------------------------------------------------ the header


def test_header_table(doc: Any) -> None:
    table = doc.tables[0]
    assert not table._tbl.xpath(".//w:tblBorders/*[@w:val!='nil']")  # borderless
    left, right = table.rows[0].cells
    parent, issuer = (p for p in left.paragraphs if p.text)
    national, motto = (p for p in right.paragraphs if p.text)
    assert (parent.text, issuer.text) == ("UBND TỈNH QUẢNG NGÃI", "SỞ CÔNG THƯƠNG")
    assert (national.text, motto.text) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
    bold, italic, size = look(doc, parent)
    assert (bold, italic) == (False, False) and 12 <= size <= 13
    bold, italic, size = look(doc, issuer)
    assert (bold, italic) == (True, False) and 12 <= size <= 13
    bold, italic, size = look(doc, national)
    assert (bold, italic) == (True, False) and 12 <= size <= 13
    bold, italic, size = look(doc, motto)
    assert (bold, italic) == (True, False) and 13 <= size <= 14
    for p in (parent, issuer, national, motto):
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    # solid lines under the issuer and the motto
    for cell in (left, right):
        assert cell.paragraphs[-1].text == ""
        assert cell.paragraphs[-1]._p.xpath("./w:pPr/w:pBdr/w:bottom[@w:val='single']")

    number_cell, date_cell = table.rows[1].cells
    number = number_cell.paragraphs[0]
    assert number.text == "Số: 05/BC-SCT"
    assert look(doc, number) == (False, False, 13)
    date = date_cell.paragraphs[0]
    assert date.text == "Quảng Ngãi, ngày 05 tháng 01 năm 2024"
    bold, italic, size = look(doc, date)
    assert italic and not bold and 13 <= size <= 14


def test_title_subject_and_recipient(doc: Any) -> None:
    texts = body_texts(doc)
    i = texts.index("BÁO CÁO")
    title, subject, rule = doc.paragraphs[i : i + 3]
    assert subject.text.startswith("Tình hình triển khai thực hiện các chính sách")
    for p in (title, subject):
        bold, italic, size = look(doc, p)
        assert bold and not italic and 13 <= size <= 14
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert rule.text == "" and rule._p.xpath("./w:pPr/w:pBdr/w:bottom[@w:val='single']")
    assert "Kính gửi:\tỦy ban nhân dân tỉnh Quảng Ngãi." in texts


def test_page_number_field_in_header_not_on_first_page(doc: Any) -> None:
    for section in doc.sections:
        assert section.different_first_page_header_footer  # w:titlePg
        assert section._sectPr.xpath("./w:titlePg")
        header = section.header
        instr = [t.text.strip() for t in header._element.xpath(".//w:instrText")]
        assert instr == ["PAGE"]
        p = next(p for p in header.paragraphs if p.runs)
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert 13 <= eff_size(doc, p, p.runs[-1]) <= 14
        first = section.first_page_header
        assert not first._element.xpath(".//w:instrText")
        assert all(not p.text for p in first.paragraphs)


# -------------------------------------------------------------------------- the body


def test_body_paragraph_format(doc: Any) -> None:
    texts = body_texts(doc)
    checked = [
        p
        for p in doc.paragraphs
        if p.text.startswith(("Thực hiện văn bản số", "- Sở Công Thương: ", "Tốc độ tăng"))
        or p.text in (EMPTY_LINE, "Đoạn hai của Sở Công Thương.")
        or p.text.startswith("Trên đây là báo cáo")
    ]
    assert len(checked) >= 8, texts
    for p in checked:
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text
        assert Cm(1) - 1000 <= eff_pf(p, "first_line_indent") <= Cm(1.27) + 1000, p.text
        assert eff_pf(p, "space_after") >= Pt(6), p.text
        spacing = eff_pf(p, "line_spacing")
        assert eff_pf(p, "line_spacing_rule") in (None, WD_LINE_SPACING.MULTIPLE)
        assert isinstance(spacing, float) and 1.0 <= spacing <= 1.5, p.text
        sizes = {eff_size(doc, p, r) for r in p.runs if r.text}
        assert sizes and all(13 <= s <= 14 for s in sizes), p.text


def test_headings_follow_the_outline_numbering(doc: Any) -> None:
    texts = body_texts(doc)
    expected = [
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "1. Kết quả thực hiện các chỉ tiêu phát triển công nghiệp",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
        "1. Công tác thông tin, tuyên truyền",
        "4.1. Huy động và sử dụng hiệu quả nguồn nhân lực cho ngành công nghiệp",
        "III. TỒN TẠI HẠN CHẾ",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "V. XÂY DỰNG KẾ HOẠCH THỰC HIỆN NHIỆM VỤ ĐẨY MẠNH PHÁT TRIỂN CÔNG NGHIỆP NĂM 2024",
    ]
    positions = [texts.index(t) for t in expected]
    assert positions == sorted(positions)
    for text in expected:
        assert look(doc, find(doc, text))[0]  # bold


def test_heading_nobody_wrote_under_says_so(doc: Any) -> None:
    texts = body_texts(doc)
    for heading in (
        "2. Nhóm nhiệm vụ về phân bố không gian và chuyển dịch cơ cấu ngành công nghiệp",
        "4.2. Đẩy mạnh nghiên cứu, ứng dụng khoa học, công nghệ cho phát triển công nghiệp",
    ):
        assert texts[texts.index(heading) + 1] == EMPTY_LINE
    # a heading that only groups others has no such line
    group = "4. Huy động và sử dụng hiệu quả nguồn nhân lực; đẩy mạnh nghiên cứu, ứng dụng"
    i = next(i for i, t in enumerate(texts) if t.startswith(group))
    assert texts[i + 1].startswith("4.1. ")


def test_agency_contributions_in_registry_order(doc: Any) -> None:
    lines = after(body_texts(doc), "1. Công tác thông tin, tuyên truyền")
    assert lines[:2] == [
        "- Sở Công Thương: Đoạn một của Sở Công Thương.",
        "Đoạn hai của Sở Công Thương.",  # a second paragraph stays a paragraph
    ]
    names = [m.group(1) for line in lines if (m := re.match(r"^- ([^:]+): ", line))]
    assert names == [
        "Sở Công Thương",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",  # its letter lacks a date: still received, its text used
        "Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi",
        "Cục Thống kê",
        "Ủy ban nhân dân thành phố Quảng Ngãi",
    ]
    assert "Ủy ban nhân dân huyện Lý Sơn" not in " ".join(lines)  # dated after the report
    first = find(doc, lines[0])
    italic = [r.text for r in first.runs if eff_toggle(doc, first, r, "w:i")]
    assert italic == ["Sở Công Thương"]
    assert "Sở Khoa học và Công nghệ" not in " ".join(lines)  # no task: nothing written


def test_kien_nghi_grouped_by_addressee(doc: Any) -> None:
    texts = body_texts(doc)
    start = texts.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")
    end = next(i for i, t in enumerate(texts) if t.startswith("V. XÂY DỰNG"))
    part = texts[start + 1 : end]
    assert part[0] == "1. Đối với Bộ Công Thương"
    assert part[1] == (
        f"- Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi: {TO_MINISTRY}"
    )
    assert part[2] == "2. Đối với UBND tỉnh"
    assert part[3:] == [
        f"- {name}: {TO_PROVINCE}"
        for name in (
            "Sở Công Thương",
            "Sở Kế hoạch và Đầu tư",
            "Sở Tài chính",
            "Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi",
            "Cục Thống kê",
            "Ủy ban nhân dân thành phố Quảng Ngãi",
        )
    ]
    assert look(doc, find(doc, "2. Đối với UBND tỉnh"))[0]


def test_numbers_agree_with_the_hand_consolidation(doc: Any) -> None:
    table = table_with(doc, "STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu")
    rows = {
        (row.cells[1].text, row.cells[2].text): [c.text for c in row.cells]
        for row in table.rows[1:]
    }
    growth = rows["Tốc độ tăng trưởng giá trị gia tăng công nghiệp", "%"]
    assert growth[2:] == [
        "%",
        "8-9%",
        "7,9%",
        "8,5%",
        "+0,6\u00a0điểm\u00a0%",  # the "%" never breaks from its number
        "Trong khoảng",
        "Đạt mục tiêu",
    ]
    # No source gives this indicator a target (KH 222's "Trên 40%" is industry's alone).
    share = rows["Tỷ trọng công nghiệp - dịch vụ trong GRDP", "%"]
    assert share[3] == "" and share[5:] == [
        "40,5%",
        "+2,3\u00a0điểm\u00a0%",
        "",
        "Không có mục tiêu",
    ]
    investment = (
        "Thu hút đầu tư vào Khu kinh tế Dung Quất và các Khu công nghiệp, các cụm công nghiệp"
    )
    projects = rows[f"{investment} (số dự án)", "dự án"]
    # HLS's 500 projects are in a letter dated after the report: not in the sum.
    assert projects[2:8] == ["dự án", "", "2.000", "2.230", "111,5%", ""]
    capital = rows[f"{investment} (vốn đăng ký)", "tỷ đồng"]
    assert capital[4:7] == ["2.501", "2.960", "118,4%"]
    texts = body_texts(doc)
    assert (
        "Tốc độ tăng trưởng giá trị gia tăng công nghiệp năm 2023 đạt 8,5%, tăng 0,6 điểm "
        "phần trăm so với năm 2022; đạt mục tiêu giai đoạn 2021-2025 (8-9%) "
        "(nguồn: Sở Công Thương)."
    ) in texts
    assert (
        f"{investment}: số dự án năm 2023 đạt 2.230 dự án, bằng 111,5% so với năm 2022 "
        "(nguồn: tổng hợp từ Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng "
        "Ngãi, 1/13 huyện, thị xã, thành phố đã báo cáo)."
    ) in texts
    # The plans are cited as the administration cites them; the count is of the letters
    # received as of the report's date (the Sở's own part and HLS's later letter are not).
    assert texts[texts.index("BÁO CÁO") + 4] == (
        "Thực hiện Kế hoạch số 136/KH-UBND ngày 16/11/2020 của UBND tỉnh về việc Triển khai "
        "thực hiện Nghị quyết số 124/NQ-CP ngày 03/9/2020 của Chính phủ và Chương trình hành "
        "động số 37-CTr/TU ngày 26/3/2019 của Tỉnh ủy Quảng Ngãi thực hiện Nghị quyết số "
        "23-NQ/TW ngày 22/3/2018 của Bộ Chính trị về định hướng xây dựng chính sách phát "
        "triển công nghiệp quốc gia đến năm 2030, tầm nhìn đến năm 2045 trên địa bàn tỉnh "
        "Quảng Ngãi và Quyết định số 998/QĐ-UBND ngày 07/7/2021 của Chủ tịch UBND tỉnh Quảng "
        "Ngãi về việc ban hành Kế hoạch phát triển công nghiệp tỉnh Quảng Ngãi giai đoạn "
        "2021-2025; trên cơ sở báo cáo của 7 cơ quan, đơn vị theo đề nghị tại Công văn số "
        "3006/SCT-QLCN ngày 08/12/2023 của Sở Công Thương (tính đến ngày 05/01/2024), Sở "
        "Công Thương báo cáo tình hình "
        "triển khai thực hiện các chính sách và kế hoạch phát triển công nghiệp năm 2023 "
        "trên địa bàn tỉnh Quảng Ngãi như sau:"
    )


def test_next_years_tasks_under_their_numbered_headings_with_no_jump(doc: Any) -> None:
    texts = body_texts(doc)
    part = texts[next(i for i, t in enumerate(texts) if t.startswith("V. XÂY DỰNG")) :]
    parent = (
        "4. Huy động và sử dụng hiệu quả nguồn nhân lực; đẩy mạnh nghiên cứu, ứng dụng khoa "
        "học, công nghệ cho phát triển công nghiệp"
    )
    child = "4.1. Huy động và sử dụng hiệu quả nguồn nhân lực cho ngành công nghiệp"
    assert part.index(parent) + 1 == part.index(child)
    assert part[part.index(child) + 1] == (
        f"- Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi: {NEXT_YEAR_TASK}"
    )


def test_list_rows_keep_planted_text_literally(doc: Any) -> None:
    lines = after(body_texts(doc), "III. TỒN TẠI HẠN CHẾ")
    assert "- =1+1 (nguyên nhân: @SUM(A1)) (UBND TP Quảng Ngãi)." in lines


# --------------------------------------------------------------- signer, Nơi nhận


def test_signer_and_distribution(doc: Any) -> None:
    table = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    assert not table._tbl.xpath(".//w:tblBorders/*[@w:val!='nil']")
    left, right = table.rows[0].cells
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert look(doc, label) == (True, True, 12)
    items = [p for p in left.paragraphs[1:] if p.text]
    assert [p.text for p in items] == [
        "- Như trên;",
        "- Bộ Công Thương (b/c);",
        "- Giám đốc, các Phó Giám đốc Sở;",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các huyện, thị xã, thành phố;",
        "- Lưu: VT, QLCN.",
    ]
    for p in items:
        assert look(doc, p) == (False, False, 11)
        assert eff_pf(p, "alignment") in (None, WD_ALIGN_PARAGRAPH.LEFT)
    signer = [p for p in right.paragraphs if p.text]
    assert [p.text for p in signer] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", SIGNER_NAME]
    for p in signer:
        bold, italic, size = look(doc, p)
        assert bold and not italic and 13 <= size <= 14
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert signer[0].text == signer[0].text.upper() and signer[1].text == signer[1].text.upper()


# ------------------------------------------------------------------------ appendices


def test_appendix_headings_and_landscape_phu_luc_i(doc: Any) -> None:
    reference = "(Kèm theo Báo cáo số 05/BC-SCT ngày 05/01/2024 của Sở Công Thương)"
    texts = body_texts(doc)
    for number, title in (
        ("Phụ lục I", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"),
        ("Phụ lục II", "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ"),
        ("Phụ lục III", "CHỈ TIÊU KẾ HOẠCH NĂM 2024"),
    ):
        i = texts.index(number)
        assert texts[i + 1 : i + 3] == [title, reference]
        heading, title_p, ref_p = doc.paragraphs[i : i + 3]
        assert look(doc, heading) == (True, False, 14)
        assert look(doc, title_p)[:2] == (True, False)
        assert look(doc, ref_p)[:2] == (False, True)
        for p in (heading, title_p, ref_p):
            assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        # each appendix starts a section numbered from 1 again
        section = section_of(doc, number)
        assert section._sectPr.xpath("./w:pgNumType/@w:start") == ["1"]
    landscape = section_of(doc, "Phụ lục I")
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert landscape.page_width > landscape.page_height
    assert section_of(doc, "Phụ lục II").orientation == WD_ORIENT.PORTRAIT
    assert len(doc.sections) == 4


def test_phu_luc_ii_lists_every_agency_with_status_and_counts(doc: Any, built: Built) -> None:
    table = table_with(doc, "STT", "Cơ quan, đơn vị", "Tình trạng")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    data = [r for r in rows if r[0].isdigit()]
    registry = built.result.ctx.registry
    # The issuing Sở does not report to itself: it is not listed.
    assert [r[1] for r in data] == [a.name for a in registry if a.code != "SCT"]
    assert [r[0] for r in data] == [str(n) for n in range(1, len(registry))]
    by_name = {r[1]: r[2:] for r in data}
    # Plain administrative notes: what a letter replaces, what is still asked for.
    assert by_name["Sở Kế hoạch và Đầu tư"] == [
        "Đã gửi",
        "Số 9/SKHDT ngày 14/12/2023",
        "Thay thế văn bản số 5/SKHDT ngày 10/12/2023",
    ]
    assert by_name["Sở Tài chính"] == [
        "Đã gửi",
        "Số 125/BC-SCT",
        "Một số số liệu chưa hợp lệ, đang đề nghị bổ sung",
    ]
    assert by_name["Sở Ngoại vụ"] == ["Đã gửi", "", "Văn bản gửi không đúng biểu mẫu"]
    assert by_name["Sở Khoa học và Công nghệ"][0] == "Không được giao nhiệm vụ"
    assert by_name["Cục Thống kê"][:2] == ["Gửi sau hạn", "Số 88/CTK-TH ngày 22/12/2023"]
    assert by_name["Ủy ban nhân dân huyện Lý Sơn"] == ["Chưa gửi", "", ""]  # dated 08/01
    groups = [r[0] for r in rows if not r[0].isdigit()]
    assert groups == ["Sở, ban, ngành", "UBND huyện, thị xã, thành phố"]
    assert (
        "Tổng số 26 cơ quan, đơn vị. Đã gửi đúng hạn: 5; Gửi sau hạn: 1; "
        "Không được giao nhiệm vụ: 1; Chưa gửi: 19."
    ) in body_texts(doc)


# ------------------------------------------------------------------ summary workbook


def test_summary_workbook(built: Built) -> None:
    wb = openpyxl.load_workbook(built.out / SUMMARY)
    assert wb.sheetnames[:4] == [
        "Chỉ tiêu tổng hợp",
        "Chỉ tiêu theo cơ quan",
        "Tình hình gửi báo cáo",
        "Nội dung theo đề mục",
    ]
    assert {"Tồn tại", "Kiến nghị", "Số liệu khác nhau"} <= set(wb.sheetnames)
    for ws in wb.worksheets:
        assert ws.tables, ws.title  # every sheet is a filterable table
    totals = {r[0]: r for r in wb["Chỉ tiêu tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert totals["CN06"][5:7] == (2000, 2230)
    assert totals["CN01"][6] == 8.5 and totals["CN01"][9] == "Sở Công Thương"
    breakdown = [
        (r[0], r[2], r[4])
        for r in wb["Chỉ tiêu theo cơ quan"].iter_rows(min_row=2, values_only=True)
        if r[0] == "CN06"
    ]
    assert breakdown == [
        ("CN06", "Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi", 2000),
        ("CN06", "Ủy ban nhân dân thành phố Quảng Ngãi", 230),
    ]
    statuses = {
        r[0]: r[2] for r in wb["Tình hình gửi báo cáo"].iter_rows(min_row=2, values_only=True)
    }
    assert len(statuses) == 26 and "SCT" not in statuses
    assert statuses["CTK"] == "gửi sau hạn" and statuses["HLS"] == "chưa gửi"
    rows = {r[0]: r for r in wb["Tình hình gửi báo cáo"].iter_rows(min_row=2, values_only=True)}
    # the cells not used, to ask the agency for them; the letter not yet counted
    assert rows["STC"][8] == (
        'Thông tin chung!B7: Chưa điền "Ngày văn bản báo cáo". Đây là thông tin bắt buộc.'
    )
    assert str(rows["HLS"][9]).endswith("cn-2023_HLS.xlsx")
    conflicts = [r[0] for r in wb["Số liệu khác nhau"].iter_rows(min_row=2, values_only=True)]
    assert conflicts == ["CN01", "CN02"]


def test_summary_stores_formula_like_text_as_text(built: Built) -> None:
    wb = openpyxl.load_workbook(built.out / SUMMARY)
    ws = wb["Tồn tại"]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if c.value}
    for planted in PLANTED:
        assert planted in cells, planted
        assert cells[planted].data_type == "s", planted
    # and none of the sheets holds a formula at all
    for sheet in wb.worksheets:
        assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


# ------------------------------------------------------------ failures, overrides


def test_round_without_valid_file_raises_and_keeps_the_previous_report(
    project: Project, tmp_path: Path
) -> None:
    good = WorkbookFactory(project, tmp_path / "tot")
    good("SCT")
    out = tmp_path / "ket-qua"
    run_build(project, tmp_path / "tot", out, date=TODAY)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert REPORT in before

    # Nothing readable as this round's form: a file that is no workbook, and a letter
    # dated after the report.
    bad = WorkbookFactory(project, tmp_path / "loi")
    bad("SKHDT", values={"VB_NGAY": dt.datetime(2024, 2, 1)})
    (tmp_path / "loi" / "ghi-chu.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(BuildError, match="Không có biểu mẫu hợp lệ nào của đợt cn-2023"):
        run_build(project, tmp_path / "loi", out, date=TODAY)
    after_ = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after_ == before

    empty = tmp_path / "trong"
    empty.mkdir()
    args = ["--project", str(ROOT), "build", str(empty), "--round", "cn-2023", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "Lỗi: Không có biểu mẫu hợp lệ nào của đợt cn-2023" in result.stderr
    assert "Đã ghi" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_cli_usage_error_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co"
    result = CliRunner().invoke(cli, ["--project", str(ROOT), "build", str(missing)])
    assert result.exit_code == 2
    assert "Lỗi cách dùng" in result.stderr


def test_draft_without_number_and_march_date(
    project: Project, inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "du-thao"
    args = ["--project", str(ROOT), "build", str(inputs), "--round", "cn-2023", "-o", str(out)]
    config = str(signed_config(project, "cn-2023", tmp_path / "cfg"))
    result = CliRunner().invoke(cli, [*args, "--date", "02/03/2024", "--config", config])
    assert result.exit_code == 0, result.output
    d = docx.Document(str(out / REPORT))
    number_cell, date_cell = d.tables[0].rows[1].cells
    assert re.fullmatch(r"Số: +/BC-SCT", number_cell.paragraphs[0].text)
    assert date_cell.paragraphs[0].text == "Quảng Ngãi, ngày 02 tháng 3 năm 2024"
    texts = body_texts(d)
    assert texts[texts.index("Phụ lục I") + 2] == (
        "(Kèm theo Báo cáo số .../BC-SCT ngày 02/03/2024 của Sở Công Thương)"
    )


# ----------------------------------------------------------------------- LibreOffice


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


@pytest.fixture(scope="module")
def pdf(project: Project, inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not on PATH: the PDF cannot be made")
    for tool in ("pdftotext", "pdffonts", "pdfinfo"):
        if shutil.which(tool) is None:
            pytest.skip(f"poppler-utils ({tool}) is not on PATH: the PDF cannot be read")
    run = run_build(
        project, inputs, tmp_path_factory.mktemp("pdf"), date=TODAY, number="5", pdf=True
    )
    path = run.out / "bao-cao-cn-2023.pdf"
    assert f"Đã ghi: {path}" in run.lines
    return path


@pytest.mark.libreoffice
def test_libreoffice_pdf(pdf: Path) -> None:
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    assert pages > 1
    first = _run("pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-")
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ CÔNG THƯƠNG",
        "Số: 05/BC-SCT",
        "BÁO CÁO",
        "Quảng Ngãi, ngày 05 tháng 01 năm 2024",
    ):
        assert text in first, text
    second = _run("pdftotext", "-f", "2", "-l", "2", str(pdf), "-")
    assert second.strip().splitlines()[0].strip() == "2"  # page number at the top
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts if line.strip()}
    assert names and {n.split("-")[0] for n in names} == {"LiberationSerif"}, names
    assert not any("DejaVu" in n for n in names)


@pytest.mark.libreoffice
def test_libreoffice_pdf_never_breaks_a_percent_or_a_symbol(pdf: Path) -> None:
    """Printed, a "%" stays on the line of its number ("+2,3 điểm %" in one piece) and
    a document symbol on one line ("3006/SCT-QLCN")."""
    text = _run("pdftotext", str(pdf), "-")
    assert "3006/SCT-QLCN" in text
    # a line broken inside a cell or a paragraph (a blank line is the next cell)
    assert not re.search(r"(\d|điểm)[ \u00a0]*\n[ \u00a0]*%", text)
    assert not re.search(r"\d+/[A-ZĐ]+-\s*\n", text)
    assert not re.search(r"\d \s*%", text.replace("\u00a0", " ").replace("điểm %", ""))


def test_symbols_hold_no_break_hyphens_and_percent_no_space(doc: Any) -> None:
    intro = next(p for p in doc.paragraphs if "3006/SCT-QLCN" in p.text)
    hyphens = intro._p.xpath(".//w:noBreakHyphen")
    # 136/KH-UBND, 124/NQ-CP, 37-CTr/TU, 23-NQ/TW, 998/QĐ-UBND, 3006/SCT-QLCN and the
    # period 2021-2025: one each, read back by python-docx as "-"
    assert len(hyphens) == 7
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Khoảng 10 %" not in " ".join(cells)
    assert any(c.endswith("\u00a0điểm\u00a0%") for c in cells)


@pytest.mark.libreoffice
def test_libreoffice_no_blank_page(pdf: Path) -> None:
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    for page in range(1, pages + 1):
        text = _run("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-")
        words = [w for w in text.split() if not w.isdigit()]
        assert words, f"page {page} of {pages} is blank"
