"""Reply letters typeset the way agencies typeset them, for the letter reader's tests.

An agency's clerk writes a công văn in Word from the ND30 template: a borderless
two-column table for the header (agency | Quốc hiệu, số | date, V/v under the số), the
"Kính gửi" line, a justified body, and a second borderless table with "Nơi nhận" on the
left and the signature on the right. :func:`typeset` does the same with python-docx;
:func:`soffice_convert` passes the result through LibreOffice (a .doc, a PDF, a
round trip), as when the letter was saved by another office suite.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Letter:
    """What a clerk types into the ND30 template. Body lines starting with "#" are
    headings (bold, no indent); "- " lines are list items; others are paragraphs."""

    parent: str
    agency: str
    number_line: str
    date_line: str
    subject: str
    recipient: str
    body: Sequence[str | Rows]
    title: str = "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"
    signer: str = "Nguyễn Thế Nhân"
    recipients: Sequence[str] = ("- Như trên;", "- Lãnh đạo Ban;", "- Lưu: VT.")
    annex: Sequence[str | Rows] = field(default_factory=tuple)


#: The Ban Dân tộc's reply to công văn 3006/SCT-QLCN, word for word from the seed.
SEED_REASON = (
    "Theo đề nghị của Sở Công Thương tại Công văn số 3006/SCT-QLCN ngày 08/12/2023 về việc "
    "báo cáo tình hình triển khai thực hiện các Chính sách và Kế hoạch phát triển công "
    "nghiệp năm 2023 trên địa bàn tỉnh Quảng Ngãi; qua rà soát nhiệm vụ được giao tại Kế "
    "hoạch số 136/KH-UBND ngày 16/11/2020 của UBND tỉnh về việc Triển khai thực hiện Nghị "
    "quyết số 124/NQ-CP ngày 03/9/2020 của Chính phủ và Chương trình hành động số 37-CTr/TU "
    "ngày 26/3/2019 của Tỉnh ủy Quảng Ngãi thực hiện Nghị quyết số 23-NQ/TW ngày 22/3/2018 "
    "của Bộ Chính trị về định hướng xây dựng chính sách phát triển công nghiệp quốc gia đến "
    "năm 2030, tầm nhìn đến năm 2045 trên địa bàn tỉnh Quảng Ngãi và Quyết định số "
    "998/QĐ-UBND ngày 07/7/2021 của Chủ tịch UBND tỉnh Quảng Ngãi về việc ban hành Kế hoạch "
    "phát triển công nghiệp tỉnh Quảng Ngãi giai đoạn 2021-2025; theo đó, Ban Dân tộc không "
    "được giao nhiệm vụ chủ trì tham mưu các nhiệm vụ cụ thể liên quan đến lĩnh vực công "
    "nghiệp, phát triển công nghiệp."
)

#: The clause of the seed letter that says the Ban had no task: the reason kept.
SEED_NO_TASK = (
    "Ban Dân tộc không được giao nhiệm vụ chủ trì tham mưu các nhiệm vụ cụ thể liên quan "
    "đến lĩnh vực công nghiệp, phát triển công nghiệp."
)

SEED_LETTER = Letter(
    parent="UBND TỈNH QUẢNG NGÃI",
    agency="BAN DÂN TỘC",
    number_line="Số:      /BDT-CSDT",
    date_line="Quảng Ngãi, ngày      tháng 12 năm 2023",
    subject=(
        "V/v báo cáo tình hình triển khai thực hiện các Chính sách và Kế hoạch phát triển "
        "công nghiệp năm 2023 trên địa bàn tỉnh Quảng Ngãi"
    ),
    recipient="Kính gửi: Sở Công Thương.",
    body=(SEED_REASON, "Ban Dân tộc tỉnh báo cáo đề Sở Công Thương tổng hợp./."),
    recipients=("- Như trên;", "- Lãnh đạo Ban;", "- Các Phòng thuộc Ban;", "- Lưu: VT, Thời."),
    # The Ban sent the Sở's đề cương back after its signature, as in the seed.
    annex=(
        "^ĐỀ CƯƠNG\nBÁO CÁO TÌNH HÌNH TRIỂN KHAI THỰC HIỆN\nCÁC CHÍNH SÁCH VÀ KẾ HOẠCH PHÁT "
        "TRIỂN CÔNG NGHIỆP NĂM 2023\nTRÊN ĐỊA BÀN TỈNH QUẢNG NGÃI",
        "# I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "# 1. Kết quả thực hiện các chỉ tiêu phát triển công nghiệp",
        "- Tốc độ tăng trưởng giá trị gia tăng công nghiệp.",
        "- Tỷ trọng công nghiệp - dịch vụ trong GRDP.",
        "# II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
        "# 1. Công tác thông tin, tuyên truyền",
        "# III. Tồn tại hạn chế",
        "# IV. Đề xuất, kiến nghị",
        "# V. Xây dựng Kế hoạch thực hiện nhiệm vụ đẩy mạnh phát triển công nghiệp năm 2024",
        "Xây dựng các chỉ tiêu, nhiệm vụ, giải pháp đẩy mạnh phát triển công nghiệp năm 2024 "
        "của từng ngành, địa phương theo các đề mục tại mục II.",
    ),
)


def _borderless(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _line(
    p: Paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float = 13
) -> Paragraph:
    """A run per line of ``text``, joined by line breaks (Shift+Enter), as in cells."""
    for i, part in enumerate(text.split("\n")):
        run = p.add_run(part)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        if i < len(text.split("\n")) - 1:
            run.add_break()
    return p


def _cell_lines(cell: object, lines: Sequence[tuple[str, dict[str, object]]]) -> None:
    first = True
    for text, style in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        first = False
        p.alignment = style.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
        _line(p, text, **style)  # type: ignore[arg-type]


def typeset(letter: Letter, path: Path) -> Path:
    """The letter as a .docx laid out like the ND30 công văn template."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)

    head = doc.add_table(rows=2, cols=2)
    _borderless(head)
    head.columns[0].width, head.columns[1].width = Cm(6.8), Cm(9.5)
    _cell_lines(
        head.cell(0, 0),
        [(letter.parent, {"size": 13}), (letter.agency, {"bold": True, "size": 13})],
    )
    _cell_lines(
        head.cell(0, 1),
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True, "size": 12}),
            ("Độc lập - Tự do - Hạnh phúc", {"bold": True}),
        ],
    )
    _cell_lines(head.cell(1, 0), [(letter.number_line, {}), (letter.subject, {"size": 12})])
    _cell_lines(head.cell(1, 1), [(letter.date_line, {"italic": True})])

    doc.add_paragraph()
    recipient = doc.add_paragraph()
    recipient.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(recipient, letter.recipient, size=14)
    _body(doc, letter.body)

    sign = doc.add_table(rows=1, cols=2)
    _borderless(sign)
    recipients_text = "\n".join(letter.recipients)
    _cell_lines(
        sign.cell(0, 0),
        [
            (
                "Nơi nhận:",
                {"bold": True, "italic": True, "size": 12, "align": WD_ALIGN_PARAGRAPH.LEFT},
            ),
            (recipients_text, {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT}),
        ],
    )
    _cell_lines(
        sign.cell(0, 1),
        [
            (letter.title, {"bold": True, "size": 14}),
            ("\n\n\n", {}),
            (letter.signer, {"bold": True, "size": 14}),
        ],
    )
    doc.add_paragraph()  # Word keeps a paragraph after a table that ends the document
    if letter.annex:
        doc.add_page_break()
        _body(doc, letter.annex)
    doc.save(str(path))
    return path


def _body(doc: Any, lines: Sequence[str | Rows]) -> None:
    for text in lines:
        if not isinstance(text, str):  # a table with a grid, header row first
            table = doc.add_table(rows=len(text), cols=len(text[0]))
            table.style = doc.styles["Table Grid"]
            for r, row in enumerate(text):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            continue
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(6)
        if text.startswith("#"):
            _line(p, text.lstrip("# "), bold=True, size=14)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            continue
        if text.startswith("^"):  # a centred title (an annex's name)
            _line(p, text[1:], bold=True, size=14)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.27)
        _line(p, text, size=14)


def soffice_convert(source: Path, fmt: str, out_dir: Path) -> Path:
    """``source`` converted by LibreOffice to ``fmt`` ("pdf", "doc", "docx:MS Word 2007
    XML"), with a profile of its own so parallel runs do not share one."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) không có trên máy")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(out_dir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    made = out_dir / (source.stem + "." + fmt.split(":")[0])
    assert made.is_file(), f"LibreOffice did not write {made.name}"
    return made


#: A full reply from the Cục Thống kê following the đề cương, written the way agencies
#: write: headings in other case, punctuation and wording, a list of kiến nghị under
#: "Đối với …" sub-headings, indicator sentences, the kế hoạch grouped by mục II.
FULL_BODY: tuple[str, ...] = (
    "Thực hiện Công văn số 3006/SCT-QLCN ngày 08/12/2023 của Sở Công Thương về việc báo cáo "
    "tình hình triển khai thực hiện các chính sách và kế hoạch phát triển công nghiệp năm "
    "2023, Cục Thống kê báo cáo như sau:",
    "# I. Kết quả thực hiện các chỉ tiêu",
    "# 1. Kết quả thực hiện các chỉ tiêu phát triển công nghiệp",
    "- Tốc độ tăng trưởng giá trị gia tăng công nghiệp năm 2023 ước đạt 9,3%.",
    "- Tỷ trọng công nghiệp - dịch vụ trong GRDP đạt 41,2%, tăng 0,8% so với năm 2022.",
    "- Tỷ lệ lao động trong khu vực công nghiệp, xây dựng và dịch vụ đạt 68,5%.",
    "# II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
    "# 1. Công tác thông tin tuyên truyền",
    "Cục Thống kê đã công bố số liệu chỉ số sản xuất công nghiệp hằng tháng trên Cổng thông "
    "tin điện tử và gửi các sở, ngành, địa phương để phục vụ công tác chỉ đạo, điều hành.",
    "# 2. Nhiệm vụ về phân bố không gian và chuyển dịch cơ cấu ngành công nghiệp",
    "Phối hợp với Sở Kế hoạch và Đầu tư đánh giá chuyển dịch cơ cấu kinh tế, trong đó khu "
    "vực công nghiệp - xây dựng chiếm tỷ trọng lớn nhất.",
    "# 4. Huy động và sử dụng hiệu quả nguồn nhân lực, đẩy mạnh nghiên cứu, ứng dụng khoa "
    "học, công nghệ cho phát triển công nghiệp",
    "# 4.1. Huy động, sử dụng hiệu quả nguồn nhân lực cho ngành công nghiệp",
    "Tổng hợp số liệu lao động trong các doanh nghiệp công nghiệp phục vụ đánh giá năng "
    "suất lao động.",
    "# III. Tồn tại hạn chế",
    "- Số liệu thống kê công nghiệp cấp huyện còn chậm;",
    "- Doanh nghiệp chưa báo cáo đầy đủ. Nguyên nhân: chưa quen phần mềm báo cáo trực tuyến.",
    "# IV. Kiến nghị, đề xuất",
    "1. Đối với Bộ Công Thương:",
    "- Sớm ban hành hướng dẫn thống kê ngành công nghiệp hỗ trợ.",
    "2. Đối với UBND tỉnh:",
    "- Chỉ đạo các huyện cung cấp số liệu đúng hạn;",
    "- Bố trí kinh phí điều tra doanh nghiệp công nghiệp.",
    "# V. Kế hoạch năm 2024",
    "1. Công tác thông tin, tuyên truyền",
    "- Tiếp tục phổ biến số liệu thống kê công nghiệp hằng quý.",
    "- Xây dựng cơ sở dữ liệu doanh nghiệp công nghiệp trên địa bàn tỉnh.",
)

#: The rows the full reply gives for the list tables, as the clerk would type them.
FULL_ROWS: dict[str, list[dict[str, str]]] = {
    "ton_tai": [
        {"noi_dung": "Số liệu thống kê công nghiệp cấp huyện còn chậm"},
        {
            "noi_dung": "Doanh nghiệp chưa báo cáo đầy đủ",
            "nguyen_nhan": "chưa quen phần mềm báo cáo trực tuyến",
        },
    ],
    "kien_nghi": [
        {
            "noi_nhan": "Bộ Công Thương",
            "noi_dung": "Sớm ban hành hướng dẫn thống kê ngành công nghiệp hỗ trợ",
        },
        {"noi_nhan": "UBND tỉnh", "noi_dung": "Chỉ đạo các huyện cung cấp số liệu đúng hạn"},
        {"noi_nhan": "UBND tỉnh", "noi_dung": "Bố trí kinh phí điều tra doanh nghiệp công nghiệp"},
    ],
    "ke_hoach": [
        {
            "de_muc": "1. Công tác thông tin, tuyên truyền",
            "noi_dung": "Tiếp tục phổ biến số liệu thống kê công nghiệp hằng quý",
        },
        {
            "de_muc": "1. Công tác thông tin, tuyên truyền",
            "noi_dung": "Xây dựng cơ sở dữ liệu doanh nghiệp công nghiệp trên địa bàn tỉnh",
        },
    ],
}

FULL_CLOSING = "Cục Thống kê kính báo cáo Sở Công Thương tổng hợp./."

EXTRA_SECTION: tuple[str, ...] = (
    "# VI. CÁC NỘI DUNG KHÁC",
    "Ngoài ra, Cục Thống kê đề nghị Sở Công Thương chia sẻ danh sách doanh nghiệp công "
    "nghiệp mới thành lập để cập nhật dàn mẫu điều tra.",
)

FULL_LETTER = Letter(
    parent="TỔNG CỤC THỐNG KÊ",
    agency="CỤC THỐNG KÊ TỈNH QUẢNG NGÃI",
    number_line="Số: 512/CTK-TKKT",
    date_line="Quảng Ngãi, ngày 18 tháng 12 năm 2023",
    subject="V/v báo cáo tình hình thực hiện kế hoạch phát triển công nghiệp năm 2023",
    recipient="Kính gửi: Sở Công Thương Quảng Ngãi.",
    body=(*FULL_BODY, FULL_CLOSING),
    title="KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG",
    signer="Trần Văn Hùng",
)


#: A huyện's reply written as a BÁO CÁO (no "Kính gửi"), signed for the People's
#: Committee: headings with their text on the same line, an indicator family in one
#: sentence, kiến nghị that name their addressee inline.
HUYEN_LETTER = Letter(
    parent="ỦY BAN NHÂN DÂN",
    agency="HUYỆN BÌNH SƠN",
    number_line="Số: 245/BC-UBND",
    date_line="Bình Sơn, ngày 05 tháng 01 năm 2024",
    subject="",
    recipient="BÁO CÁO\nKết quả thực hiện chính sách, kế hoạch phát triển công nghiệp năm 2023",
    body=(
        "Thực hiện Công văn số 3006/SCT-QLCN ngày 08/12/2023 của Sở Công Thương, Ủy ban nhân "
        "dân huyện Bình Sơn báo cáo kết quả như sau:",
        "# I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "Thu hút đầu tư vào các cụm công nghiệp: 03 dự án, tổng vốn đăng ký 245,5 tỷ đồng.",
        "# II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
        "1. Công tác thông tin, tuyên truyền: Tổ chức 02 hội nghị phổ biến chính sách khuyến "
        "công cho doanh nghiệp trên địa bàn huyện.",
        "# III. TỒN TẠI, HẠN CHẾ",
        "Tiến độ giải phóng mặt bằng cụm công nghiệp Bình Nguyên còn chậm.",
        "# IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "- Đề nghị UBND tỉnh bố trí vốn đầu tư hạ tầng cụm công nghiệp Bình Nguyên.",
        "- Đề nghị Sở Công Thương hướng dẫn thủ tục điều chỉnh quy hoạch cụm công nghiệp.",
        "Trên đây là báo cáo của Ủy ban nhân dân huyện Bình Sơn./.",
    ),
    title="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    signer="Lê Văn Tám",
    recipients=("- Sở Công Thương;", "- TT Huyện ủy, HĐND huyện;", "- Lưu: VT, KT."),
)


#: Mục 7 written as a table with the template's columns, and a table that is no list.
PROJECT_TABLE: tuple[str | Rows, ...] = (
    "# 7. Kết quả, tiến độ thực hiện các dự án theo Phụ lục số 2, 3 kèm theo Quyết định số "
    "998/QĐ-UBND ngày 07/7/2021 của Chủ tịch UBND tỉnh",
    (
        ("TT", "Tên dự án", "Chủ đầu tư", "Tổng vốn đầu tư (tỷ đồng)", "Tình trạng", "Ghi chú"),
        ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"),
        ("1", "Nhà máy thép Hòa Phát Dung Quất 2", "Công ty CP Thép Hòa Phát Dung Quất",
         "85.000", "Đang triển khai", ""),
        ("2", "Hạ tầng cụm công nghiệp Bình Nguyên", "UBND huyện Bình Sơn", "120,5",
         "chậm tiến độ", "Vướng giải phóng mặt bằng"),
    ),
    (
        ("Chỉ tiêu", "Năm 2022", "Năm 2023"),
        ("Chỉ số sản xuất công nghiệp (%)", "108,2", "109,1"),
        ("Số cơ sở công nghiệp", "1.204", "1.236"),
    ),
)  # fmt: skip
