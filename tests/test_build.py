"""``qnreport build`` end to end: filled workbooks in, the NĐ 30 report and the summary out.

The round is small and computed by hand (see ``ROUND``): the report's figures must be
those sums and choices, and the report must say what the round holds, where the outline
puts it. How NĐ 30/2020 Phụ lục I lays a report out (page, fonts, sizes, alignment) is
pinned once, in test_render_docx.py; here, what the build puts into that layout. Two
tests (``libreoffice`` marker) print the report through ``build --pdf``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import DEFAULT_INFO, SIGNER_NAME, WorkbookFactory, signed_config
from docx.enum.section import WD_ORIENT
from docx_helpers import body_texts, eff_toggle, find, look
from libreoffice import pdf_pages, pdf_text, require, run_tool

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


# ------------------------------------------------------------------ reading the report


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


# ------------------------------------------------------------------------ the header
#
# The NĐ 30 layout itself (page, fonts, sizes, alignment, lines, page numbers) is pinned
# once, by test_render_docx.py on a sample report; here, what the build put into it.


def test_letterhead_names_the_agency_number_and_date(doc: Any) -> None:
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ CÔNG THƯƠNG",
    ]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    number_cell, date_cell = doc.tables[0].rows[1].cells
    assert number_cell.paragraphs[0].text == "Số: 05/BC-SCT"
    assert date_cell.paragraphs[0].text == "Quảng Ngãi, ngày 05 tháng 01 năm 2024"


def test_title_subject_and_recipient(doc: Any) -> None:
    texts = body_texts(doc)
    i = texts.index("BÁO CÁO")
    assert texts[i + 1].startswith("Tình hình triển khai thực hiện các chính sách")
    assert texts[i + 2] == ""  # the line under the subject
    assert "Kính gửi:\tỦy ban nhân dân tỉnh Quảng Ngãi." in texts


# -------------------------------------------------------------------------- the body


def test_composed_paragraphs_are_indented_body_text(doc: Any) -> None:
    """The opening, agency lines, figure sentences, the "nobody wrote" line and the closing
    are body paragraphs, whose NĐ 30 format test_render_docx.py pins."""
    checked = [
        p
        for p in doc.paragraphs
        if p.text.startswith(("Thực hiện văn bản số", "- Sở Công Thương: ", "Tốc độ tăng"))
        or p.text in (EMPTY_LINE, "Đoạn hai của Sở Công Thương.")
        or p.text.startswith("Trên đây là báo cáo")
    ]
    assert len(checked) >= 8, body_texts(doc)
    assert {p.style.name for p in checked} == {"Body Text"}


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
    plan = texts.index(
        "V. XÂY DỰNG KẾ HOẠCH THỰC HIỆN NHIỆM VỤ ĐẨY MẠNH PHÁT TRIỂN CÔNG NGHIỆP NĂM 2024"
    )
    assert texts[plan + 1] == (
        "Các chỉ tiêu kế hoạch năm 2024 tại Phụ lục III; nhiệm vụ, giải pháp chủ yếu như sau:"
    )
    # a heading that only groups others has no such line
    group = "4. Huy động và sử dụng hiệu quả nguồn nhân lực; đẩy mạnh nghiên cứu, ứng dụng"
    i = next(i for i, t in enumerate(texts) if t.startswith(group))
    assert texts[i + 1].startswith("4.1. ")
    # the heading over the tasks cites the appendix of the agencies' own texts
    i = texts.index("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
    assert texts[i + 1].endswith("(nội dung báo cáo của từng cơ quan, đơn vị tại Phụ lục IV):")


def test_the_body_states_each_point_once_in_the_departments_voice(doc: Any) -> None:
    lines = after(body_texts(doc), "1. Công tác thông tin, tuyên truyền")
    shared = (
        "Năm 2023, cơ quan đã tổ chức quán triệt, triển khai kế hoạch đến các phòng, đơn vị "
        "trực thuộc; phối hợp với Sở Công Thương rà soát các dự án trọng điểm và tháo gỡ khó "
        "khăn về mặt bằng sản xuất cho doanh nghiệp"
    )
    assert lines == [
        # written alike by four agencies: once, most raised first, attributed
        f"{shared} (Sở Kế hoạch và Đầu tư, Sở Tài chính, Ban Quản lý Khu kinh tế Dung Quất và "
        "các khu công nghiệp Quảng Ngãi, Cục Thống kê, UBND thành phố Quảng Ngãi).",
        "Đoạn một của Sở Công Thương.",  # it names itself: no "(Sở Công Thương)" after it
    ]
    # one point of one agency under a heading (templates/merge.toml body_points): its
    # second paragraph is read in the appendix of the agencies' texts
    assert "Đoạn hai của Sở Công Thương (Sở Công Thương)." not in lines
    assert not [line for line in lines if re.match(r"^- [^:]+: ", line)]  # no "- Sở X: …"


def test_agency_contributions_in_registry_order(doc: Any) -> None:
    texts = body_texts(doc)
    appendix = texts.index("TỔNG HỢP NỘI DUNG BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ")
    lines = after(texts[appendix:], "1. Công tác thông tin, tuyên truyền")
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
        f"- {TO_MINISTRY.rstrip('.')} (Ban Quản lý Khu kinh tế Dung Quất và các khu công "
        "nghiệp Quảng Ngãi)."
    )
    assert part[2] == "2. Đối với UBND tỉnh"
    assert part[3:] == [  # six agencies asked the same: once, attributed
        f"- {TO_PROVINCE.rstrip('.')} (5 sở, ngành và UBND thành phố Quảng Ngãi)."
    ]
    assert look(doc, find(doc, "2. Đối với UBND tỉnh"))[0]


def test_numbers_agree_with_the_hand_consolidation(doc: Any) -> None:
    table = table_with(doc, "STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu 2021-2025")
    rows = {
        (row.cells[1].text, row.cells[2].text): [c.text for c in row.cells]
        for row in table.rows[1:]
    }
    growth = rows["Tốc độ tăng trưởng giá trị gia tăng công nghiệp", "%"]
    assert growth[2:8] == [
        "%",
        "8-9%",
        "7,9%",
        "8,5%",
        "+0,6\u00a0điểm\u00a0%",  # the "%" never breaks from its number
        "Đạt mục tiêu",
    ]
    # No source gives this indicator a target (KH 222's "Trên 40%" is industry's alone).
    share = rows["Tỷ trọng công nghiệp - dịch vụ trong GRDP", "%"]
    assert share[3] == "" and share[5:8] == ["40,5%", "+2,3\u00a0điểm\u00a0%", "Không có mục tiêu"]
    investment = (
        "Thu hút đầu tư vào Khu kinh tế Dung Quất và các Khu công nghiệp, các cụm công nghiệp"
    )
    projects = rows[f"{investment} (số dự án)", "dự án"]
    # HLS's 500 projects are in a letter dated after the report: not in the sum.
    assert projects[2:7] == ["dự án", "", "2.000", "2.230", "111,5%"]
    capital = rows[f"{investment} (vốn đăng ký)", "tỷ đồng"]
    assert capital[4:7] == ["2.501", "2.960", "118,4%"]
    # The body: a short assessment citing the appendix, no table of its own.
    texts = body_texts(doc)
    summary = next(t for t in texts if t.startswith("Trong ") and "chỉ tiêu:" in t)
    assert summary.endswith("(chi tiết tại Phụ lục I).")
    assert "vượt mục tiêu" in summary
    # The plans are cited as the administration cites them; the count is of the reports
    # received as of the report's date (not the Sở's own part, HLS's later letter, nor
    # SKHCN's reply that it has no task).
    assert texts[texts.index("BÁO CÁO") + 4] == (
        "Thực hiện Kế hoạch số 136/KH-UBND ngày 16/11/2020 của UBND tỉnh về việc triển khai "
        "thực hiện Nghị quyết số 124/NQ-CP ngày 03/9/2020 của Chính phủ và Chương trình hành "
        "động số 37-CTr/TU ngày 26/3/2019 của Tỉnh ủy Quảng Ngãi thực hiện Nghị quyết số "
        "23-NQ/TW ngày 22/3/2018 của Bộ Chính trị về định hướng xây dựng chính sách phát "
        "triển công nghiệp quốc gia đến năm 2030, tầm nhìn đến năm 2045 trên địa bàn tỉnh "
        "Quảng Ngãi và Quyết định số 998/QĐ-UBND ngày 07/7/2021 của Chủ tịch UBND tỉnh Quảng "
        "Ngãi về việc ban hành Kế hoạch phát triển công nghiệp tỉnh Quảng Ngãi giai đoạn "
        "2021-2025; trên cơ sở báo cáo của 6 cơ quan, đơn vị theo đề nghị tại Công văn số "
        "3006/SCT-QLCN ngày 08/12/2023 của Sở Công Thương (tính đến ngày 05/01/2024; tình "
        "hình gửi báo cáo tại Phụ lục II), Sở Công Thương báo cáo tình hình triển khai thực "
        "hiện các chính sách và kế hoạch phát triển công nghiệp năm 2023 trên địa bàn tỉnh "
        "Quảng Ngãi như sau:"
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
        f"- {NEXT_YEAR_TASK.rstrip('.')} (Ban Quản lý Khu kinh tế Dung Quất và các khu công "
        "nghiệp Quảng Ngãi)."
    )


def test_list_rows_keep_planted_text_literally(doc: Any) -> None:
    lines = after(body_texts(doc), "III. TỒN TẠI HẠN CHẾ")
    assert "- =1+1 (nguyên nhân: @SUM(A1)) (UBND thành phố Quảng Ngãi)." in lines


# --------------------------------------------------------------- signer, Nơi nhận


def test_signer_and_distribution(doc: Any) -> None:
    table = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "Nơi nhận:",
        "- Như trên;",
        "- Bộ Công Thương (b/c);",
        "- Giám đốc, các Phó Giám đốc Sở;",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các huyện, thị xã, thành phố;",
        "- Lưu: VT, QLCN.",
    ]
    signer = [p.text for p in right.paragraphs if p.text]
    assert signer == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", SIGNER_NAME]


# ------------------------------------------------------------------------ appendices


def test_appendix_headings_and_landscape_phu_luc_i(doc: Any) -> None:
    reference = "(Kèm theo Báo cáo số 05/BC-SCT ngày 05/01/2024 của Sở Công Thương)"
    texts = body_texts(doc)
    for number, title in (
        ("Phụ lục I", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"),
        ("Phụ lục II", "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ"),
        ("Phụ lục III", "CHỈ TIÊU KẾ HOẠCH NĂM 2024"),
        ("Phụ lục IV", "TỔNG HỢP NỘI DUNG BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ"),
    ):
        i = texts.index(number)
        assert texts[i + 1 : i + 3] == [title, reference]
        assert doc.paragraphs[i].style.name == "Appendix Number"
    landscape = section_of(doc, "Phụ lục I")
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert landscape.page_width > landscape.page_height
    assert section_of(doc, "Phụ lục II").orientation == WD_ORIENT.PORTRAIT
    assert len(doc.sections) == 5


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
        "Tổng số 26 cơ quan, đơn vị. Đã gửi đúng hạn: 5; gửi sau hạn: 1; "
        "không được giao nhiệm vụ: 1; chưa gửi: 19."
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
        # ...that prints readably: its name on top of each page, page numbers, cell lines
        assert (ws.oddHeader.center.text, ws.oddFooter.center.text) == (ws.title, "Trang &P/&N")
        lines = {c.border.left.style for row in ws.iter_rows() for c in row if c.value is not None}
        assert lines == {"thin"}, ws.title
    totals = {r[0]: r for r in wb["Chỉ tiêu tổng hợp"].iter_rows(min_row=2, values_only=True)}
    # each figure as the Vietnamese read it, then as a number (hidden twin column)
    assert totals["CN06"][5:9] == ("2.000", 2000, "2.230", 2230)
    assert totals["CN01"][7:9] == ("8,5", 8.5) and totals["CN01"][12] == "Sở Công Thương"
    breakdown = [
        (r[0], r[2], r[5], r[6])
        for r in wb["Chỉ tiêu theo cơ quan"].iter_rows(min_row=2, values_only=True)
        if r[0] == "CN06"
    ]
    assert breakdown == [
        (
            "CN06",
            "Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi",
            "2.000",
            2000,
        ),
        ("CN06", "Ủy ban nhân dân thành phố Quảng Ngãi", "230", 230),
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


@pytest.fixture(scope="module")
def pdf(project: Project, inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require("soffice", "pdftotext", "pdfinfo")
    run = run_build(
        project, inputs, tmp_path_factory.mktemp("pdf"), date=TODAY, number="5", pdf=True
    )
    path = run.out / "bao-cao-cn-2023.pdf"
    assert f"Đã ghi: {path}" in run.lines
    return path


@pytest.mark.libreoffice
def test_libreoffice_pdf_of_the_report(pdf: Path) -> None:
    """``--pdf`` prints the built report (the printing itself: test_render_docx.py)."""
    assert pdf_pages(pdf) > 1
    first = pdf_text(pdf, 1, layout=True)
    for text in (
        "SỞ CÔNG THƯƠNG",
        "Số: 05/BC-SCT",
        "BÁO CÁO",
        "Quảng Ngãi, ngày 05 tháng 01 năm 2024",
    ):
        assert text in first, text


@pytest.mark.libreoffice
def test_libreoffice_pdf_never_breaks_a_percent_or_a_symbol(pdf: Path) -> None:
    """Printed, a "%" stays on the line of its number ("+2,3 điểm %" in one piece) and
    a document symbol on one line ("3006/SCT-QLCN")."""
    text = run_tool("pdftotext", str(pdf), "-")
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
    pages = pdf_pages(pdf)
    for page in range(1, pages + 1):
        words = [w for w in pdf_text(pdf, page).split() if not w.isdigit()]
        assert words, f"page {page} of {pages} is blank"
