"""The Word renderer: what NĐ 30/2020 requires, read back from the written .docx.

Formatting lives in styles, so every check resolves the effective value the way Word
does (run -> paragraph style chain -> document defaults; see docx_helpers.py) instead of
trusting direct formatting. One test renders through LibreOffice to check what is
actually printed. This is the one home of the NĐ 30 layout rules; test_build.py checks
what a build puts into this layout.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx_helpers import (
    all_paragraphs,
    eff_attr,
    eff_pf,
    eff_size,
    eff_toggle,
    find,
    look,
)
from libreoffice import pdf_font_families, pdf_pages, pdf_text, require, soffice_convert

from qnreport.errors import ConfigError
from qnreport.report import nd30
from qnreport.report.document import (
    Appendix,
    Column,
    Heading,
    Letterhead,
    Paragraph,
    Report,
    Row,
    Run,
    Signer,
    Table,
    para,
)
from qnreport.report.nd30 import text_width
from qnreport.report.render_docx import fit_columns, make_style_document, render_report

STYLE_DOC = Path(__file__).resolve().parents[1] / "templates" / "styles" / "bao-cao.docx"

# ------------------------------------------------------------------------------ fixture


# One row per line, cells separated by "|"; "#" marks a group row, "*" a bold row.
_INDICATORS = """
# I. Về phát triển công nghiệp
* 1|Giá trị SXCN (giá SS 2010)|Tỷ đồng|151.234,5|158.000,0|160.512,8|101,6|106,1|Sở Công Thương|
a|Công nghiệp khai khoáng|Tỷ đồng|1.052,3|1.100,0|1.087,4|98,9|103,3|Sở Công Thương|
b|Công nghiệp chế biến, chế tạo|Tỷ đồng|144.870,1|151.300,0|153.902,6|101,7|106,2|Sở Công Thương|
2|Chỉ số sản xuất công nghiệp (IIP)|%|106,3|107,0|105,8|98,9|—|Cục Thống kê|Ước
3|Số cụm công nghiệp được thành lập|Cụm|23|25|24|96,0|104,3|UBND các huyện|
# II. Về thương mại và xuất khẩu
4|Kim ngạch xuất khẩu|Triệu USD|2.230,0|2.400,0|2.512,7|104,7|112,7|Sở Công Thương|
5|Tổng mức bán lẻ hàng hóa|Tỷ đồng|62.418,9|66.000,0|68.104,2|103,2|109,1|Cục Thống kê|
"""


def _row(line: str) -> Row:
    if line.startswith("# "):
        return Row((line[2:],), group=True)
    bold = line.startswith("* ")
    return Row(tuple(line.removeprefix("* ").split("|")), bold=bold)


def _indicator_table(caption: str = "") -> Table:
    columns = (
        Column("TT", 8, "center"),
        Column("Chỉ tiêu", 33),
        Column("Đơn vị tính", 13, "center"),
        Column("Thực hiện năm 2022", 19, "right"),
        Column("Kế hoạch năm 2023", 19, "right"),
        Column("Ước thực hiện năm 2023", 19, "right"),
        Column("So với kế hoạch (%)", 13, "right"),
        Column("So với cùng kỳ (%)", 13, "right"),
        Column("Cơ quan báo cáo", 18),
        Column("Ghi chú", 10),
    )
    rows = [_row(line) for line in _INDICATORS.strip().splitlines()]
    return Table(columns=columns, rows=tuple(rows), caption=caption)


LONG_PARAGRAPH = (
    "Năm 2023, trong bối cảnh kinh tế thế giới phục hồi chậm, lạm phát và lãi suất ở mức "
    "cao, thị trường tiêu thụ thu hẹp, hoạt động sản xuất công nghiệp trên địa bàn tỉnh "
    "Quảng Ngãi gặp nhiều khó khăn. Tuy nhiên, với sự chỉ đạo quyết liệt của Tỉnh ủy, Ủy "
    "ban nhân dân tỉnh, sự phối hợp chặt chẽ của các sở, ban, ngành, Ủy ban nhân dân các "
    "huyện, thị xã, thành phố và sự nỗ lực của cộng đồng doanh nghiệp, giá trị sản xuất "
    "công nghiệp (giá so sánh 2010) ước đạt 160.512,8 tỷ đồng, tăng 6,1% so với cùng kỳ và "
    "đạt 101,6% kế hoạch năm; chỉ số sản xuất công nghiệp (IIP) tăng 5,8%. Một số sản phẩm "
    "chủ lực như sản phẩm lọc hóa dầu, thép, bột giấy, đường, bia, tinh bột mì tiếp tục "
    "giữ vai trò động lực, đóng góp phần lớn vào tăng trưởng của toàn ngành."
)


def sample_report(
    *,
    number: str = "05",
    date: dt.date | None = dt.date(2023, 12, 28),
    recipients: tuple[str, ...] = ("Ủy ban nhân dân tỉnh Quảng Ngãi",),
) -> Report:
    """A realistic year-end report: two heading levels, long paragraphs, a 10-column
    indicator table with group rows, agency paragraphs and two appendices."""
    agencies = (
        (
            "Sở Khoa học và Công nghệ",
            "đã hỗ trợ 12 doanh nghiệp đổi mới công nghệ, ứng dụng "
            "tiến bộ khoa học kỹ thuật vào sản xuất, với tổng kinh phí hỗ trợ 3.450 triệu đồng.",
        ),
        (
            "Sở Tài nguyên và Môi trường",
            "đã thẩm định 08 báo cáo đánh giá tác động môi trường "
            "của các dự án công nghiệp; kiểm tra, hướng dẫn 15 cơ sở sản xuất thực hiện các quy "
            "định về bảo vệ môi trường.",
        ),
        (
            "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
            "đã cấp mới "
            "17 dự án với tổng vốn đăng ký 4.215 tỷ đồng; tỷ lệ lấp đầy các khu công nghiệp "
            "đạt 68,5%.",
        ),
        (
            "Ủy ban nhân dân huyện Bình Sơn",
            "tiếp tục đẩy nhanh công tác bồi thường, giải phóng "
            "mặt bằng Cụm công nghiệp Bình Nguyên và Cụm công nghiệp Bình Long.",
        ),
    )
    body: list[Any] = [
        Heading(1, "I.", "Kết quả thực hiện kế hoạch năm 2023"),
        Heading(2, "1.", "Tình hình sản xuất công nghiệp"),
        para(LONG_PARAGRAPH),
        Paragraph(
            (
                Run("Kết quả cụ thể của các chỉ tiêu chủ yếu được tổng hợp tại "),
                Run("Phụ lục I", bold=True),
                Run(" kèm theo; danh mục dự án tại "),
                Run("Phụ lục II", italic=True),
                Run("."),
            )
        ),
        _indicator_table("Bảng 1. Một số chỉ tiêu chủ yếu năm 2023"),
        Heading(2, "2.", "Kết quả thực hiện của các cơ quan, đơn vị"),
        *(Paragraph((Run(f"- {name}: "), Run(text)), indent=True) for name, text in agencies),
        Heading(3, "2.1.", "Về phát triển cụm công nghiệp"),
        para(LONG_PARAGRAPH),
        Heading(4, "a)", "Công tác quy hoạch"),
        Paragraph(
            (Run("- Đã trình phê duyệt điều chỉnh quy hoạch 03 cụm công nghiệp;"),), indent=False
        ),
        Paragraph((Run("- Đang lập quy hoạch chi tiết 05 cụm công nghiệp."),), indent=False),
        Heading(1, "II.", "Nhiệm vụ, giải pháp năm 2024"),
        para(LONG_PARAGRAPH),
        para("Sở Công Thương kính báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo./."),
    ]
    projects = Table(
        columns=(
            Column("TT", 10, "center"),
            Column("Tên dự án", 90),
            Column("Địa điểm", 40),
            Column("Vốn đăng ký (tỷ đồng)", 30, "right"),
        ),
        rows=tuple(
            Row(
                (
                    str(i),
                    f"Nhà máy chế biến nông sản số {i}",
                    "Khu kinh tế Dung Quất",
                    f"{100 + 17 * i:,}".replace(",", "."),
                )
            )
            for i in range(1, 13)
        ),
        font_size=11,
    )
    reference = "(Kèm theo Báo cáo số 05/BC-SCT ngày 28/12/2023 của Sở Công Thương)"
    return Report(
        letterhead=Letterhead(
            parent_agency="UBND TỈNH QUẢNG NGÃI",
            issuing_agency="SỞ CÔNG THƯƠNG",
            number=number,
            symbol="BC-SCT",
            place="Quảng Ngãi",
            date=date,
            doc_type="BÁO CÁO",
            subject="Kết quả thực hiện Kế hoạch phát triển công nghiệp năm 2023",
            recipients=recipients,
        ),
        body=tuple(body),
        signer=Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"),
        distribution=(
            "Như trên",
            "Bộ Công Thương (b/c)",
            "Chủ tịch, các PCT UBND tỉnh",
            "Các sở, ban, ngành tỉnh",
            "UBND các huyện, thị xã, thành phố",
            "Giám đốc, các PGĐ Sở",
            "Lưu: VT, QLCN",
        ),
        appendices=(
            Appendix(
                "I",
                "Một số chỉ tiêu chủ yếu năm 2023",
                reference,
                (_indicator_table(),),
                landscape=True,
            ),
            Appendix("II", "Danh mục dự án công nghiệp cấp mới năm 2023", reference, (projects,)),
        ),
    )


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "bao-cao.docx"
    render_report(sample_report(), STYLE_DOC, out)
    return out


@pytest.fixture(scope="module")
def doc(rendered: Path) -> Any:
    return docx.Document(str(rendered))


# -------------------------------------------------------------------------------- tests


def test_style_document_is_current(tmp_path: Path) -> None:
    """The committed style document is what make_style_document writes today."""
    fresh = tmp_path / "bao-cao.docx"
    make_style_document(fresh)
    with zipfile.ZipFile(STYLE_DOC) as old, zipfile.ZipFile(fresh) as new:
        for part in ("word/styles.xml", "word/document.xml", "word/settings.xml"):
            assert old.read(part) == new.read(part), f"{part}: run make_style_document"


def test_style_document_page_and_styles() -> None:
    sd = docx.Document(str(STYLE_DOC))
    sec = sd.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    names = {s.name for s in sd.styles}
    for name in (
        "Normal",
        "Body Text",
        "Heading 1",
        "Heading 4",
        "Header",
        "Table Text",
        "Distribution Label",
        "Signer Title",
        "Appendix Number",
    ):
        assert name in names
    assert "Title" not in names and "List Bullet" not in names  # stock styles removed
    for part in ("word/styles.xml",):
        xml = zipfile.ZipFile(STYLE_DOC).read(part).decode()
        assert "Theme" not in re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", xml)


def test_style_document_missing_style(tmp_path: Path) -> None:
    """A clerk who deleted a style gets a Vietnamese message, not a KeyError."""
    broken = tmp_path / "broken.docx"
    sd = docx.Document(str(STYLE_DOC))
    sd.styles["Signer Name"].delete()
    sd.save(str(broken))
    with pytest.raises(ConfigError, match="Signer Name"):
        render_report(sample_report(), broken, tmp_path / "out.docx")


def test_page_setup_within_decree(doc: Any) -> None:
    for section in doc.sections:
        short, long = sorted((section.page_width, section.page_height))
        assert (round(short.mm), round(long.mm)) == (210, 297)
        assert Mm(20) - 1000 <= section.top_margin <= Mm(25) + 1000
        assert Mm(20) - 1000 <= section.bottom_margin <= Mm(25) + 1000
        assert Mm(30) - 1000 <= section.left_margin <= Mm(35) + 1000
        assert Mm(15) - 1000 <= section.right_margin <= Mm(20) + 1000
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_every_run_times_new_roman_vietnamese(doc: Any, rendered: Path) -> None:
    count = 0
    for p in all_paragraphs(doc):
        for r in p.runs:
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                assert eff_attr(doc, p, r, "w:rFonts", attr) == "Times New Roman", (p.text, attr)
            assert eff_attr(doc, p, r, "w:lang", "w:val") == "vi-VN"
            count += 1
    assert count > 100
    with zipfile.ZipFile(rendered) as z:
        styles = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    styles = re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", styles)
    for xml in (styles, body):  # a theme font would beat the explicit name
        assert "Theme=" not in xml and "cstheme" not in xml


def test_header_table(doc: Any) -> None:
    table = doc.tables[0]
    assert not table._tbl.xpath(".//w:tblBorders/*[@w:val!='nil']")
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["UBND TỈNH QUẢNG NGÃI", "SỞ CÔNG THƯƠNG"]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    parent, issuer = (p for p in left.paragraphs if p.text)
    national, motto = (p for p in right.paragraphs if p.text)
    assert look(doc, parent) == (False, False, 13)
    assert look(doc, issuer) == (True, False, 13)
    assert look(doc, national)[:2] == (True, False) and 12 <= look(doc, national)[2] <= 13
    assert look(doc, motto)[:2] == (True, False) and 13 <= look(doc, motto)[2] <= 14
    for p in (parent, issuer, national, motto):
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    # the solid lines: issuer 1/3..1/2 of its text, motto as long as its text
    issuer_rule = left.paragraphs[-1]
    motto_rule = right.paragraphs[-1]
    for rule, text, cell_w, lo, hi in (
        (issuer_rule, issuer.text, left.width, 1 / 3, 1 / 2),
        (motto_rule, motto.text, right.width, 0.95, 1.05),
    ):
        assert rule.text == ""
        assert rule._p.xpath("./w:pPr/w:pBdr/w:bottom[@w:val='single']")
        line = cell_w - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
        size = look(doc, issuer if rule is issuer_rule else motto)[2]
        text_w = nd30.text_width(text, size, bold=True)
        assert lo <= line / text_w <= hi
    widths = [c.width for c in table.rows[0].cells]
    assert abs(widths[0] - Mm(67.5)) < Mm(1)
    assert sum(widths) <= Mm(210 - 30 - 15) + Mm(1)


def test_number_and_date_line(doc: Any) -> None:
    number_cell, date_cell = doc.tables[0].rows[1].cells
    number = number_cell.paragraphs[0]
    assert number.text == "Số: 05/BC-SCT"
    assert look(doc, number) == (False, False, 13)
    date = date_cell.paragraphs[0]
    assert date.text == "Quảng Ngãi, ngày 28 tháng 12 năm 2023"
    bold, italic, size = look(doc, date)
    assert italic and not bold and 13 <= size <= 14


def test_date_line_leading_zero_for_january_february(tmp_path: Path) -> None:
    out = tmp_path / "feb.docx"
    render_report(sample_report(number="7", date=dt.date(2024, 2, 5)), STYLE_DOC, out)
    number_cell, date_cell = docx.Document(str(out)).tables[0].rows[1].cells
    assert number_cell.paragraphs[0].text == "Số: 07/BC-SCT"
    assert date_cell.paragraphs[0].text == "Quảng Ngãi, ngày 05 tháng 02 năm 2024"


def test_draft_number_and_several_recipients(tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    report = sample_report(
        number="", date=None, recipients=("Bộ Công Thương", "Ủy ban nhân dân tỉnh Quảng Ngãi")
    )
    render_report(report, STYLE_DOC, out)
    d = docx.Document(str(out))
    number_cell, date_cell = d.tables[0].rows[1].cells
    assert number_cell.paragraphs[0].text == "Số:      /BC-SCT"
    assert re.fullmatch(r"Quảng Ngãi, ngày +tháng +năm \d{4}", date_cell.paragraphs[0].text)
    texts = [p.text for p in d.paragraphs]
    i = texts.index("Kính gửi:\t- Bộ Công Thương;")
    assert texts[i + 1] == "- Ủy ban nhân dân tỉnh Quảng Ngãi."
    first, second = d.paragraphs[i], d.paragraphs[i + 1]
    # the dashes line up: first line hangs the label, the second starts at the tab stop
    assert first.paragraph_format.left_indent == second.paragraph_format.left_indent
    assert first.paragraph_format.first_line_indent < 0
    assert not look(d, first)[0] and 13 <= look(d, first)[2] <= 14


def test_title_subject_and_single_recipient(doc: Any) -> None:
    texts = [p.text for p in doc.paragraphs]
    i = texts.index("BÁO CÁO")
    title, subject, rule = doc.paragraphs[i : i + 3]
    assert subject.text == "Kết quả thực hiện Kế hoạch phát triển công nghiệp năm 2023"
    for p in (title, subject):
        assert look(doc, p) == (True, False, 14)
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert rule.text == "" and rule._p.xpath("./w:pPr/w:pBdr/w:bottom")
    assert "Kính gửi:\tỦy ban nhân dân tỉnh Quảng Ngãi." in texts


def test_page_number_header(doc: Any) -> None:
    for section in doc.sections:
        assert section.different_first_page_header_footer  # titlePg: none on page 1
        header = section.header
        assert not header.is_linked_to_previous
        instr = header._element.xpath(".//w:instrText")
        assert [t.text.strip() for t in instr] == ["PAGE"]
        p = header.paragraphs[0]
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert 13 <= eff_size(doc, p, p.runs[0]) <= 14
        assert not eff_toggle(doc, p, p.runs[-1], "w:i")
        first = section.first_page_header
        assert not first._element.xpath(".//w:instrText")
        assert all(not p.text for p in first.paragraphs)


def test_body_paragraph_format(doc: Any) -> None:
    body = [p for p in doc.paragraphs if p.text.startswith("Năm 2023, trong bối cảnh")]
    assert body
    agency = next(p for p in doc.paragraphs if p.text.startswith("- Sở Khoa học và Công nghệ: "))
    for p in [*body, agency]:
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert Cm(1) - 1000 <= eff_pf(p, "first_line_indent") <= Cm(1.27) + 1000
        assert eff_pf(p, "space_after") >= Pt(6)
        spacing = eff_pf(p, "line_spacing")
        assert isinstance(spacing, float) and 1.0 <= spacing <= 1.5
        assert eff_pf(p, "line_spacing_rule") in (None, WD_LINE_SPACING.MULTIPLE)
        assert look(doc, p) == (False, False, 14)
    flush = find(doc, "- Đang lập quy hoạch chi tiết 05 cụm công nghiệp.")
    assert not eff_pf(flush, "first_line_indent")
    mixed = next(p for p in doc.paragraphs if p.text.startswith("Kết quả cụ thể"))
    bold = [r.text for r in mixed.runs if eff_toggle(doc, mixed, r, "w:b")]
    italic = [r.text for r in mixed.runs if eff_toggle(doc, mixed, r, "w:i")]
    assert (bold, italic) == (["Phụ lục I"], ["Phụ lục II"])


def test_headings(doc: Any) -> None:
    expected = {
        "I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2023": (True, False),
        "1. Tình hình sản xuất công nghiệp": (True, False),
        "2.1. Về phát triển cụm công nghiệp": (True, True),
        "a) Công tác quy hoạch": (False, True),
    }
    for text, (bold, italic) in expected.items():
        p = find(doc, text)
        assert look(doc, p) == (bold, italic, 14)
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert Cm(1) - 1000 <= eff_pf(p, "first_line_indent") <= Cm(1.27) + 1000
        assert eff_pf(p, "keep_with_next")
    assert find(doc, "I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2023").style.name == "Heading 1"


def test_data_table(doc: Any) -> None:
    table = doc.tables[1]
    assert table._tbl.xpath("./w:tblPr/w:tblBorders/w:insideH[@w:val='single']")
    head = table.rows[0]
    assert head._tr.xpath("./w:trPr/w:tblHeader")
    assert [c.text for c in head.cells][:3] == ["TT", "Chỉ tiêu", "Đơn vị tính"]
    for cell in head.cells:
        p = cell.paragraphs[0]
        assert look(doc, p)[0] and look(doc, p)[2] == 12
    group = table.rows[1]
    assert group._tr.xpath("./w:tc/w:tcPr/w:gridSpan[@w:val='10']")
    assert look(doc, group.cells[0].paragraphs[0])[:1] == (True,)
    data = table.rows[3]
    number = data.cells[3].paragraphs[0]
    assert number.text == "1.052,3"
    assert eff_pf(number, "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
    assert look(doc, number) == (False, False, 12)
    # Sized by content within the composer's total: no word is wider than its column.
    widths = [c.width for c in data.cells]
    assert round(Emu(sum(widths)).mm) == 165
    for i, width in enumerate(widths):
        rows = [r for r in table.rows if not r._tr.xpath("./w:tc/w:tcPr/w:gridSpan")]
        words = {w for row in rows for w in row.cells[i].text.split()}
        longest = max((text_width(w, 12, bold=True) for w in words), default=Emu(0))
        assert longest < width, (i, longest.mm, width.mm)
    caption = find(doc, "Bảng 1. Một số chỉ tiêu chủ yếu năm 2023")
    assert eff_pf(caption, "keep_with_next")


def test_columns_are_sized_by_their_content(tmp_path: Path) -> None:
    """A place column the composer made narrow still gets its longest word, and a long
    text column takes the room that is left."""
    places = "Khu kinh tế Dung Quất, xã Bình Thuận, huyện Bình Sơn"
    table = Table(
        columns=(
            Column("STT", 10, "center"),
            Column("Tên dự án", 60),
            Column("Địa điểm", 14.5),
            Column("Vốn", 16, "right"),
        ),
        rows=(
            Row(("1", "Nhà máy sản xuất tấm pin năng lượng mặt trời", places, "1.250,5")),
            Row(("2", "Nhà máy chế biến gỗ", "Cụm công nghiệp Tịnh Ấn Tây", "80")),
        ),
    )
    widths = [round(w.mm, 1) for w in fit_columns(table, Mm(100.5))]
    assert round(sum(widths)) == 100
    # the room goes where the text is: both text columns, not the narrow figures
    assert widths[1] > 30 and widths[2] > 30 and widths[0] < 12 and widths[3] < 20
    # and the two wrap alike, neither on one line while the other takes four
    cells = table.rows[0].cells
    lines = [
        math.ceil(text_width(t, 12).mm / (w - 2.6)) for t, w in zip(cells, widths, strict=True)
    ]
    assert lines[1] == lines[2] == 3
    for width, word in zip(widths, ("STT", "tấm", "Quất,", "1.250,5"), strict=True):
        assert text_width(word, 12, bold=True).mm < width


def test_table_rows_from_model(tmp_path: Path) -> None:
    """Data rows are copies of one model row per table: each keeps its own text, bold and
    column alignment; a short row leaves its other cells empty, extra texts are dropped, a
    group cell spans the grid exactly; run text keeps tabs, line breaks and outer spaces."""
    table = Table(
        columns=(Column("TT", 10, "center"), Column("Tên", 60), Column("Số", 30, "right")),
        rows=(
            Row(("1", " a\tb\nc ", "5"), bold=True),
            Row(("2",)),
            Row(("Nhóm",), group=True),
            Row(("3", "x", "7", "thừa")),
        ),
    )
    out = tmp_path / "rows.docx"
    render_report(dataclasses.replace(sample_report(), body=(table,)), STYLE_DOC, out)
    d = docx.Document(str(out))
    rendered = d.tables[1]
    bold, short, group, extra = rendered.rows[1:]
    assert [c.text for c in bold.cells] == ["1", " a\tb\nc ", "5"]
    assert [c.text for c in short.cells] == ["2", "", ""]
    assert [c.text for c in extra.cells] == ["3", "x", "7"]
    t = bold.cells[1].paragraphs[0].runs[0]._r.find(qn("w:t"))
    assert t.get(qn("xml:space")) == "preserve"
    for row, is_bold in ((bold, True), (short, False), (extra, False)):
        first = row.cells[0].paragraphs[0]
        assert look(d, first)[0] is is_bold
        assert eff_pf(first, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert eff_pf(extra.cells[2].paragraphs[0], "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
    for cell in short.cells[1:]:
        assert len(cell.paragraphs) == 1 and not cell.paragraphs[0].runs
    (tc,) = group._tr.xpath("./w:tc")
    assert tc.xpath("./w:tcPr/w:gridSpan/@w:val") == ["3"]
    grid = rendered._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")
    assert tc.xpath("./w:tcPr/w:tcW/@w:w") == [str(sum(int(w) for w in grid))]
    assert look(d, group.cells[0].paragraphs[0])[0]


def test_signature_and_distribution(doc: Any) -> None:
    sign = next(t for t in doc.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    assert not sign._tbl.xpath(".//w:tblBorders/*[@w:val!='nil']")
    left, right = sign.rows[0].cells
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert look(doc, label) == (True, True, 12)
    items = [p for p in left.paragraphs[1:] if p.text]
    assert items[0].text == "- Như trên;"
    assert items[-1].text == "- Lưu: VT, QLCN."
    assert all(p.text.endswith(";") for p in items[:-1])
    for p in items:
        assert look(doc, p) == (False, False, 11)
        assert eff_pf(p, "alignment") in (None, WD_ALIGN_PARAGRAPH.LEFT)
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    for p in lines:
        assert look(doc, p) == (True, False, 14)
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    elements = [p._p for p in right.paragraphs]
    title_at, name_at = elements.index(lines[1]._p), elements.index(lines[2]._p)
    gap = right.paragraphs[title_at + 1 : name_at]  # room for signature and seal
    assert gap and sum(eff_pf(p, "line_spacing") for p in gap) >= Pt(50)


def test_appendices(doc: Any) -> None:
    sections = doc.sections
    assert len(sections) == 3
    landscape, portrait = sections[1], sections[2]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert landscape.page_width > landscape.page_height
    assert portrait.orientation == WD_ORIENT.PORTRAIT
    for section in sections:
        start = section._sectPr.xpath("./w:pgNumType/@w:start")
        assert start == ["1"]
    for number, title in (
        ("Phụ lục I", "MỘT SỐ CHỈ TIÊU CHỦ YẾU NĂM 2023"),
        ("Phụ lục II", "DANH MỤC DỰ ÁN CÔNG NGHIỆP CẤP MỚI NĂM 2023"),
    ):
        p = find(doc, number)
        assert look(doc, p) == (True, False, 14)
        assert eff_pf(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        t = find(doc, title)
        assert look(doc, t)[:2] == (True, False)
        assert eff_pf(t, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    ref = find(doc, "(Kèm theo Báo cáo số 05/BC-SCT ngày 28/12/2023 của Sở Công Thương)")
    assert look(doc, ref) == (False, True, 14)
    # the appendix tables: repeated headers, and the 11 pt one keeps its size
    projects = doc.tables[-1]
    assert projects.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    cell = projects.rows[1].cells[1].paragraphs[0]
    assert look(doc, cell)[2] == 11


@pytest.mark.libreoffice
def test_libreoffice_pdf(rendered: Path, tmp_path: Path) -> None:
    """What is printed: the letterhead on page 1, the page number atop page 2, and only
    Liberation Serif (LibreOffice's Times New Roman) embedded, no fallback font."""
    require("pdftotext", "pdffonts", "pdfinfo")
    pdf = soffice_convert(rendered, "pdf", tmp_path / "pdf")
    assert pdf_pages(pdf) > 1
    page1 = pdf_text(pdf, 1, layout=True)
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ CÔNG THƯƠNG",
        "Số: 05/BC-SCT",
    ):
        assert text in page1
    assert pdf_text(pdf, 2).strip().splitlines()[0].strip() == "2"  # page number on top
    assert pdf_font_families(pdf) == {"LiberationSerif"}
