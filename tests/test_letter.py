"""Reply letters read as a clerk reads them: the Ban Dân tộc's real answer to công văn
3006/SCT-QLCN, and a full reply following the đề cương, typeset in Word the way agencies
do it, saved again by LibreOffice, as .doc and as PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from letterdoc import (
    EXTRA_SECTION,
    FULL_BODY,
    FULL_CLOSING,
    FULL_LETTER,
    FULL_ROWS,
    HUYEN_LETTER,
    PROJECT_TABLE,
    SEED_LETTER,
    SEED_NO_TASK,
    soffice_convert,
    typeset,
)

from qnreport.config.rounds import RoundContext
from qnreport.findings import Catalogue
from qnreport.read.letter import (
    Identity,
    LetterReading,
    Vocabulary,
    match_agency,
    read_letter,
)
from qnreport.read.probe import OLE_MAGIC


@pytest.fixture(scope="module")
def cat(cn_round: RoundContext) -> Catalogue:
    return Catalogue.load(cn_round.project.templates / "findings.toml")


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed letter and the full reply, typeset once for the module."""
    folder = tmp_path_factory.mktemp("letters")
    typeset(SEED_LETTER, folder / "bdt.docx")
    typeset(FULL_LETTER, folder / "ctk.docx")
    return folder


def as_pdf(path: Path, tmp: Path) -> Path:
    return soffice_convert(path, "pdf", tmp / "pdf")


def as_doc(path: Path, tmp: Path) -> Path:
    return soffice_convert(path, "doc", tmp / "doc")


def saved_by_libreoffice(path: Path, tmp: Path) -> Path:
    return soffice_convert(path, "docx:MS Word 2007 XML", tmp / "lo")


def as_rtf_named_doc(path: Path, tmp: Path) -> Path:
    """Word's "Rich Text" saved under a .doc name, as older offices send it."""
    rtf = soffice_convert(path, "rtf", tmp / "rtf")
    return rtf.rename(rtf.with_suffix(".doc"))


def as_typed(path: Path, tmp: Path) -> Path:
    return path


def codes(reading: LetterReading) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in reading.findings]


def content(reading: LetterReading) -> dict[str, Any]:
    """What the letter says, without where each piece was found (a PDF counts pages and
    lines, Word paragraphs)."""
    return {
        "identity": reading.identity,
        "no_task": (reading.no_task, reading.no_task_reason),
        "sections": {k: [p.text for p in v] for k, v in reading.sections.items()},
        "lists": {k: [i.values for i in v] for k, v in reading.lists.items()},
        "figures": {k: (f.value, f.sentence) for k, f in reading.figures.items()},
        "notes": [p.text for p in reading.notes],
        "findings": [f.code for f in reading.findings],
    }


# ---------------------------------------------------------------- the seed letter

SEED_FORMS = [
    as_typed,
    pytest.param(saved_by_libreoffice, marks=pytest.mark.libreoffice),
    pytest.param(as_doc, marks=pytest.mark.libreoffice),
    pytest.param(as_rtf_named_doc, marks=pytest.mark.libreoffice),
    pytest.param(as_pdf, marks=pytest.mark.libreoffice),
]


@pytest.mark.parametrize("form", SEED_FORMS)
def test_the_ban_dan_toc_reply_is_read_with_its_blanks_and_its_reason(
    form: Any, letters: Path, cn_round: RoundContext, cat: Catalogue, tmp_path: Path
) -> None:
    reading = read_letter(form(letters / "bdt.docx", tmp_path), cn_round, cat)

    assert reading.identity == Identity(
        agency="BDT",
        agency_text="BAN DÂN TỘC",
        number="",
        symbol="/BDT-CSDT",
        date=None,
        month=12,
        year=2023,
        subject="báo cáo tình hình triển khai thực hiện các Chính sách và Kế hoạch phát "
        "triển công nghiệp năm 2023 trên địa bàn tỉnh Quảng Ngãi",
        signer="Nguyễn Thế Nhân",
        signer_title="KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN",
        request_number="3006/SCT-QLCN",
        request_date=dt.date(2023, 12, 8),
    )
    assert reading.identity.letter_number == "/BDT-CSDT"
    assert (reading.no_task, reading.no_task_reason) == (True, SEED_NO_TASK)
    # The đề cương sent back after the signature is not content.
    assert (reading.sections, reading.lists, reading.figures, reading.notes) == ({}, {}, {}, ())
    assert [c for c, _ in codes(reading)] == [
        "LETTER_OUTLINE_ANNEX",
        "LETTER_NUMBER_BLANK",
        "LETTER_DATE_NO_DAY",
        "LETTER_NO_TASK",
    ]
    messages = dict(codes(reading))
    assert messages["LETTER_NUMBER_BLANK"] == (
        'Văn bản chưa ghi số ("Số: /BDT-CSDT"): có thể là bản chưa đăng ký phát hành. '
        "Hãy ghi số văn bản đã phát hành vào biểu mẫu."
    )
    assert messages["LETTER_DATE_NO_DAY"] == (
        'Văn bản để trống ngày ("Quảng Ngãi, ngày tháng 12 năm 2023"): chỉ đọc được tháng '
        "12/2023. Hãy ghi ngày văn bản vào biểu mẫu."
    )
    assert messages["LETTER_NO_TASK"].endswith(f': "{SEED_NO_TASK}"')


def test_a_letter_answering_another_request_is_flagged(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    body = (
        SEED_LETTER.body[0].replace(
            "3006/SCT-QLCN ngày 08/12/2023", "2950/SCT-QLCN ngày 01/12/2023"
        ),
    )
    path = typeset(replace(SEED_LETTER, body=body, annex=()), tmp_path / "other.docx")

    reading = read_letter(path, cn_round, cat)

    assert (
        "LETTER_REQUEST_MISMATCH",
        "Văn bản trả lời công văn số 2950/SCT-QLCN ngày "
        "01/12/2023, không phải công văn 3006/SCT-QLCN ngày 08/12/2023 của đợt báo cáo "
        "này. Hãy kiểm tra lại.",
    ) in codes(reading)


# ---------------------------------------------------------------- a full reply

FULL_SECTIONS = {
    "I.1": [
        "- Tốc độ tăng trưởng giá trị gia tăng công nghiệp năm 2023 ước đạt 9,3%.",
        "- Tỷ trọng công nghiệp - dịch vụ trong GRDP đạt 41,2%, tăng 0,8% so với năm 2022.",
        "- Tỷ lệ lao động trong khu vực công nghiệp, xây dựng và dịch vụ đạt 68,5%.",
    ],
    "II.1": [FULL_BODY[8]],
    "II.2": [FULL_BODY[10]],
    "II.4.1": [FULL_BODY[13]],
    "III": [FULL_BODY[15], FULL_BODY[16]],
    "IV": list(FULL_BODY[18:23]),
    "V": list(FULL_BODY[24:27]),
}


def test_a_full_reply_puts_every_paragraph_under_its_heading(
    letters: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    reading = read_letter(letters / "ctk.docx", cn_round, cat)

    assert reading.identity == Identity(
        agency="CTK",
        agency_text="CỤC THỐNG KÊ TỈNH QUẢNG NGÃI",
        number="512",
        symbol="/CTK-TKKT",
        date=dt.date(2023, 12, 18),
        month=12,
        year=2023,
        subject="báo cáo tình hình thực hiện kế hoạch phát triển công nghiệp năm 2023",
        signer="Trần Văn Hùng",
        signer_title="KT. CỤC TRƯỞNG / PHÓ CỤC TRƯỞNG",
        request_number="3006/SCT-QLCN",
        request_date=dt.date(2023, 12, 8),
    )
    assert not reading.no_task
    assert {k: [p.text for p in v] for k, v in reading.sections.items()} == FULL_SECTIONS
    assert {k: [i.values for i in v] for k, v in reading.lists.items()} == FULL_ROWS
    assert reading.notes == ()
    # One figure per sentence in the indicator's unit is read; "41,2%, tăng 0,8%" is not.
    assert {k: (f.value, f.where) for k, f in reading.figures.items()} == {
        "CN01": (Decimal("9.3"), "đoạn 13"),
        "CN03": (Decimal("68.5"), "đoạn 15"),
    }
    assert codes(reading) == [
        (
            "LETTER_FIGURE_UNSURE",
            'Câu nói về chỉ tiêu "Tỷ trọng công nghiệp - dịch vụ trong GRDP" (đoạn 14) có 2 '
            "số liệu cùng đơn vị hoặc không rõ số nào là kết quả năm báo cáo: chưa đọc số, "
            "hãy nhập tay.",
        ),
        (
            "LETTER_FIGURE_READ",
            'Chỉ tiêu "Tốc độ tăng trưởng giá trị gia tăng công nghiệp": đã đọc 9,3% từ văn '
            "bản (đoạn 13). Hãy kiểm tra lại.",
        ),
        (
            "LETTER_FIGURE_READ",
            'Chỉ tiêu "Tỷ lệ lao động trong khu vực công nghiệp, xây dựng và dịch vụ": đã '
            "đọc 68,5% từ văn bản (đoạn 15). Hãy kiểm tra lại.",
        ),
    ]


@pytest.mark.parametrize(
    ("subject", "opening"),
    [
        (
            FULL_LETTER.subject,
            "Phúc đáp Công văn số 3006/SCT-QLCN ngày 08 tháng 12 năm 2023 của Sở Công Thương, "
            "Cục Thống kê báo cáo như sau:",
        ),
        (
            "V/v trả lời Công văn số 3006/SCT-QLCN ngày 08/12/2023 của Sở Công Thương",
            "Cục Thống kê báo cáo kết quả như sau:",
        ),
    ],
)
def test_the_request_is_found_however_it_is_cited(
    subject: str, opening: str, tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    letter = replace(FULL_LETTER, subject=subject, body=(opening, *FULL_BODY[1:], FULL_CLOSING))

    reading = read_letter(typeset(letter, tmp_path / "ctk.docx"), cn_round, cat)

    ident = reading.identity
    assert (ident.request_number, ident.request_date) == ("3006/SCT-QLCN", dt.date(2023, 12, 8))
    assert reading.notes == ()
    assert not {"LETTER_REQUEST_MISSING", "LETTER_REQUEST_MISMATCH"} & {
        f.code for f in reading.findings
    }


def test_the_rounds_request_is_told_from_the_plans_cited_as_grounds(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    opening = (
        "Căn cứ Kế hoạch số 136/KH-UBND ngày 16/11/2020 của UBND tỉnh; thực hiện Công văn "
        "số 3006/SCT-QLCN ngày 08/12/2023 của Sở Công Thương, Cục Thống kê báo cáo như sau:"
    )
    letter = replace(FULL_LETTER, body=(opening, *FULL_BODY[1:], FULL_CLOSING))

    reading = read_letter(typeset(letter, tmp_path / "ctk.docx"), cn_round, cat)

    assert reading.identity.request_number == "3006/SCT-QLCN"
    assert "LETTER_REQUEST_MISMATCH" not in [f.code for f in reading.findings]


def test_a_paragraph_citing_another_letter_stays_under_its_heading(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    cited = (
        "Thực hiện Công văn số 1250/UBND-KT ngày 12/5/2023 của UBND tỉnh, Cục Thống kê đã rà "
        "soát số liệu chuyển dịch cơ cấu ngành công nghiệp."
    )
    body = (*FULL_BODY[:10], cited, *FULL_BODY[11:], FULL_CLOSING)

    reading = read_letter(
        typeset(replace(FULL_LETTER, body=body), tmp_path / "c.docx"), cn_round, cat
    )

    assert [p.text for p in reading.sections["II.2"]] == [cited]
    assert reading.identity.request_number == "3006/SCT-QLCN"


def test_a_section_the_outline_does_not_have_goes_to_the_notes(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    letter = replace(FULL_LETTER, body=(*FULL_BODY, *EXTRA_SECTION, FULL_CLOSING))
    reading = read_letter(typeset(letter, tmp_path / "extra.docx"), cn_round, cat)

    assert [(p.text, p.where) for p in reading.notes] == [
        (EXTRA_SECTION[0].lstrip("# "), "đoạn 37"),
        (EXTRA_SECTION[1], "đoạn 38"),
    ]
    assert {k: [p.text for p in v] for k, v in reading.sections.items()} == FULL_SECTIONS
    assert [m for c, m in codes(reading) if c == "LETTER_TO_NOTES"] == [
        'Đoạn "VI. CÁC NỘI DUNG KHÁC" (đoạn 37) không khớp đề mục nào: đã đưa vào mục Ghi chú.',
        'Đoạn "Ngoài ra, Cục Thống kê đề nghị Sở Công Thương chia sẻ dan …" (đoạn 38) không '
        "khớp đề mục nào: đã đưa vào mục Ghi chú.",
    ]


def test_a_table_with_the_columns_of_a_list_gives_its_rows(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    body = (*FULL_BODY[:14], *PROJECT_TABLE, *FULL_BODY[14:], FULL_CLOSING)
    reading = read_letter(
        typeset(replace(FULL_LETTER, body=body), tmp_path / "t.docx"), cn_round, cat
    )

    assert [(i.values, i.where) for i in reading.lists["du_an"]] == [
        (
            {
                "ten": "Nhà máy thép Hòa Phát Dung Quất 2",
                "chu_dau_tu": "Công ty CP Thép Hòa Phát Dung Quất",
                "von": "85.000",
                "tinh_trang": "Đang triển khai",
            },
            "bảng 2, dòng 3",
        ),
        (
            {
                "ten": "Hạ tầng cụm công nghiệp Bình Nguyên",
                "chu_dau_tu": "UBND huyện Bình Sơn",
                "von": "120,5",
                "tinh_trang": "Chậm tiến độ",
            },
            "bảng 2, dòng 4",
        ),
    ]
    # The figures table matches no list: it is kept, whole, for the clerk.
    assert [(p.text, p.where) for p in reading.notes] == [
        (
            "Chỉ tiêu | Năm 2022 | Năm 2023\n"
            "Chỉ số sản xuất công nghiệp (%) | 108,2 | 109,1\n"
            "Số cơ sở công nghiệp | 1.204 | 1.236",
            "bảng 3",
        )
    ]
    assert {k: [p.text for p in v] for k, v in reading.sections.items()} == {
        **FULL_SECTIONS,
        "II.7": [" | ".join(PROJECT_TABLE[1][0])],
    }


@pytest.mark.libreoffice
def test_the_same_letter_as_pdf_reads_to_the_same_content(
    letters: Path, cn_round: RoundContext, cat: Catalogue, tmp_path: Path
) -> None:
    from_word = read_letter(letters / "ctk.docx", cn_round, cat)
    from_pdf = read_letter(as_pdf(letters / "ctk.docx", tmp_path), cn_round, cat)

    assert from_pdf.kind == "pdf"
    assert content(from_pdf) == content(from_word)
    assert from_pdf.figures["CN01"].where == "trang 1, dòng 21"


@pytest.mark.parametrize("form", [as_typed, pytest.param(as_pdf, marks=pytest.mark.libreoffice)])
def test_a_huyen_report_without_kinh_gui_reads_the_same_way(
    form: Any, tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    docx = typeset(HUYEN_LETTER, tmp_path / "hbs.docx")
    reading = read_letter(form(docx, tmp_path), cn_round, cat)

    ident = reading.identity
    assert (ident.agency, ident.agency_text, ident.letter_number, ident.date) == (
        "HBS",
        "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN",
        "245/BC-UBND",
        dt.date(2024, 1, 5),
    )
    assert ident.subject == (
        "Kết quả thực hiện chính sách, kế hoạch phát triển công nghiệp năm 2023"
    )
    assert (ident.signer, ident.signer_title) == (
        "Lê Văn Tám",
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    )
    # One sentence, two indicators told apart by their units.
    assert {k: f.value for k, f in reading.figures.items()} == {
        "CN06": Decimal("3"),
        "CN07": Decimal("245.5"),
    }
    assert {k: [p.text for p in v] for k, v in reading.sections.items()} == {
        "I.1": [HUYEN_LETTER.body[2]],
        "II.1": [
            "Tổ chức 02 hội nghị phổ biến chính sách khuyến công cho doanh nghiệp trên địa "
            "bàn huyện."
        ],
        "III": [HUYEN_LETTER.body[6]],
        "IV": [HUYEN_LETTER.body[8], HUYEN_LETTER.body[9]],
    }
    assert {k: [i.values for i in v] for k, v in reading.lists.items()} == {
        "ton_tai": [
            {"noi_dung": "Tiến độ giải phóng mặt bằng cụm công nghiệp Bình Nguyên còn chậm"}
        ],
        "kien_nghi": [
            {
                "noi_dung": "Đề nghị UBND tỉnh bố trí vốn đầu tư hạ tầng cụm công nghiệp "
                "Bình Nguyên",
                "noi_nhan": "UBND tỉnh",
            },
            {
                "noi_dung": "Đề nghị Sở Công Thương hướng dẫn thủ tục điều chỉnh quy hoạch cụm "
                "công nghiệp",
                "noi_nhan": "Sở Công Thương",
            },
        ],
    }
    assert (reading.notes, reading.no_task) == ((), False)
    assert [f.code for f in reading.findings] == ["LETTER_FIGURE_READ", "LETTER_FIGURE_READ"]


def test_a_copy_marked_as_signed_still_gives_the_signer(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    letter = replace(SEED_LETTER, signer="(Đã ký)\nNguyễn Thế Nhân", annex=())

    reading = read_letter(typeset(letter, tmp_path / "ban-sao.docx"), cn_round, cat)

    assert (reading.identity.signer, reading.identity.signer_title) == (
        "Nguyễn Thế Nhân",
        "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN",
    )


# ---------------------------------------------------------------- the agency's name


def test_a_header_typed_in_normal_case_names_the_agency_too(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    letter = replace(SEED_LETTER, parent="Ủy ban nhân dân tỉnh Quảng Ngãi", agency="Ban Dân tộc")

    reading = read_letter(typeset(letter, tmp_path / "thuong.docx"), cn_round, cat)

    assert (reading.identity.agency, reading.identity.agency_text) == ("BDT", "Ban Dân tộc")


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (["UBND TỈNH QUẢNG NGÃI", "BAN DÂN TỘC"], "BDT"),
        (["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH SƠN"], "HBS"),
        (["UỶ BAN NHÂN DÂN HUYỆN BÌNH SƠN"], "HBS"),
        (["UBND HUYỆN BÌNH SƠN"], "HBS"),
        (["Ủy ban nhân dân huyện Sơn Tịnh"], "HSTI"),
        (["UBND TỈNH QUẢNG NGÃI", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"], "SKHDT"),
        (["UBND TỈNH QUẢNG NGÃI", "BAN QUẢN LÝ KKT DUNG QUẤT", "VÀ CÁC KCN QUẢNG NGÃI"], "BQLKKT"),
        (["UBND TỈNH QUẢNG NGÃI", "SỞ TƯ PHÁP"], ""),
    ],
)
def test_the_agency_is_found_however_its_name_is_written(
    lines: list[str], code: str, cn_round: RoundContext
) -> None:
    vocab = Vocabulary.load(cn_round.project.templates / "letters.toml", cn_round.outline)
    assert match_agency(lines, cn_round.registry, vocab)[0] == code


# ---------------------------------------------------------------- files that are not letters


def _empty_docx(folder: Path) -> Path:
    path = folder / "trong.docx"
    Document().save(str(path))
    return path


def _renamed_zip(folder: Path) -> Path:
    path = folder / "nen.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("bao-cao.txt", "không phải văn bản Word")
    return path


def _encrypted(folder: Path) -> Path:
    # Word saves a password-protected .docx as an OLE container holding EncryptionInfo.
    path = folder / "mat-khau.docx"
    path.write_bytes(OLE_MAGIC + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(2048))
    return path


def _scanned(folder: Path) -> Path:
    """A one-page PDF with a drawing and no text, as a scanner's PDF without OCR."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 36 >>\nstream\n0.5 g 100 100 300 400 re f\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path = folder / "scan.pdf"
    path.write_bytes(bytes(out))
    return path


def _not_a_letter(folder: Path) -> Path:
    path = folder / "ghi-chu.docx"
    path.write_text("Báo cáo gửi sau.", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (_empty_docx, "LETTER_EMPTY", "Văn bản không có chữ nào. Hãy xin cơ quan gửi lại văn bản."),
        (
            _renamed_zip,
            "LETTER_NOT_WORD",
            "Tệp không phải văn bản Word hay PDF (có thể là tệp nén bị đổi tên). Hãy xin cơ "
            "quan gửi lại văn bản dạng .docx, .doc hoặc .pdf.",
        ),
        (
            _encrypted,
            "LETTER_ENCRYPTED",
            "Văn bản được đặt mật khẩu nên không đọc được. Hãy xin cơ quan gỡ mật khẩu "
            "(Tệp > Thông tin > Bảo vệ tài liệu) rồi gửi lại.",
        ),
        (
            _scanned,
            "LETTER_SCANNED",
            "Tệp PDF không có lớp chữ (văn bản dạng ảnh quét), cần nhập vào biểu mẫu.",
        ),
        (
            _not_a_letter,
            "LETTER_NOT_WORD",
            "Tệp không phải văn bản Word hay PDF (có thể là tệp nén bị đổi tên). Hãy xin cơ "
            "quan gửi lại văn bản dạng .docx, .doc hoặc .pdf.",
        ),
    ],
)
def test_a_file_that_is_no_readable_letter_is_one_finding(
    make: Any, code: str, message: str, tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    if code == "LETTER_SCANNED" and shutil.which("pdftotext") is None:
        pytest.skip("poppler (pdftotext) không có trên máy")
    reading = read_letter(make(tmp_path), cn_round, cat)

    assert not reading.readable
    assert codes(reading) == [(code, message)]


@pytest.mark.libreoffice
def test_a_pdf_with_an_opening_password_is_one_finding(
    letters: Path, cn_round: RoundContext, cat: Catalogue, tmp_path: Path
) -> None:
    locked = soffice_convert(
        letters / "bdt.docx",
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"mat-khau"}}',
        tmp_path,
    )

    reading = read_letter(locked, cn_round, cat)

    assert (reading.readable, [f.code for f in reading.findings]) == (False, ["LETTER_ENCRYPTED"])


def test_a_letter_without_any_heading_of_the_outline_is_unknown_structure(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    body = ("Năm 2023, Cục Thống kê đã thực hiện tốt các nhiệm vụ được giao.",)
    path = typeset(replace(FULL_LETTER, body=(FULL_BODY[0], *body)), tmp_path / "tho.docx")

    reading = read_letter(path, cn_round, cat)

    assert [p.text for p in reading.notes] == list(body)
    assert codes(reading) == [
        (
            "LETTER_NO_STRUCTURE",
            "Không nhận ra đề mục nào của đề cương trong văn bản (1 đoạn): toàn bộ nội dung đã "
            "đưa vào mục Ghi chú, cần nhập vào đúng đề mục của biểu mẫu.",
        )
    ]
