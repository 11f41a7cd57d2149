"""``qnreport import``: a reply letter becomes the agency's filled template, which the
checker then reads like any workbook; what could not be placed is in the "Ghi chú" sheet.
A letter left in a round folder is shown by ``validate`` with the command to run."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from letterdoc import (
    EXTRA_SECTION,
    FULL_BODY,
    FULL_CLOSING,
    FULL_LETTER,
    FULL_ROWS,
    PROJECT_TABLE,
    SEED_LETTER,
    SEED_NO_TASK,
    typeset,
)

from qnreport.check.batch import Validator
from qnreport.check.letters import NOTES_SHEET, UNPLACED, import_letter
from qnreport.cli import cli
from qnreport.config import contract
from qnreport.config.project import Project
from qnreport.config.rounds import RoundContext
from qnreport.files import sha256_file
from qnreport.findings import Catalogue
from qnreport.read.submission import ListRow


@pytest.fixture(scope="module")
def cat(project: Project) -> Catalogue:
    return Catalogue.load(project.templates / "findings.toml")


@pytest.fixture(scope="module")
def validator(project: Project) -> Validator:
    return Validator(project)


def notes_rows(path: Path) -> list[tuple[str, str, str]]:
    ws = openpyxl.load_workbook(path)[NOTES_SHEET]
    return [tuple(r) for r in ws.iter_rows(min_row=5, max_col=3, values_only=True)]  # type: ignore[misc]


def test_the_seed_letter_becomes_a_no_task_template_that_only_lacks_its_date(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue, validator: Validator
) -> None:
    letter = typeset(SEED_LETTER, tmp_path / "bdt.docx")

    result = import_letter(letter, cn_round, cat, tmp_path / "out")

    assert result.path == tmp_path / "out" / "cn-2023_BDT.xlsx"
    report = validator.validate_file(result.path)
    sub = report.submission
    assert sub is not None
    assert (sub.agency, sub.letter_number, sub.letter_date, sub.no_task) == (
        "BDT",
        "/BDT-CSDT",
        None,
        True,
    )
    assert (sub.signer, sub.signer_title) == ("Nguyễn Thế Nhân", "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN")
    # The blank day of the letter is the one thing the clerk has to type.
    assert [(f.sheet, f.cell, f.code) for f in report.findings] == [
        (contract.SHEET_INFO, "B7", "REQUIRED_MISSING")
    ]
    wb = openpyxl.load_workbook(result.path)
    meta = {r[0]: r[1] for r in wb[contract.SHEET_META].iter_rows(values_only=True)}
    assert (meta["converted_from"], meta["converted_digest"]) == ("bdt.docx", sha256_file(letter))
    assert wb.properties.description == (
        "Chuyển tự động từ công văn bdt.docx bằng qnreport import; cần kiểm tra lại."
    )
    assert notes_rows(result.path) == [
        (SEED_NO_TASK, "Không được giao nhiệm vụ (lý do)", "đoạn 10"),
        ("/BDT-CSDT", "Thông tin chung: Số, ký hiệu văn bản báo cáo", "phần đầu văn bản"),
        ("Nguyễn Thế Nhân", "Thông tin chung: Người ký văn bản (họ và tên)", "chữ ký"),
        ("KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN", "Thông tin chung: Chức vụ người ký", "chữ ký"),
        (SEED_NO_TASK, "Thông tin chung: Không được giao nhiệm vụ", "đoạn 10"),
    ]
    assert [f.code for f in result.findings][-1] == "LETTER_IMPORTED"
    assert result.findings[-1].message == (
        "Đã chuyển công văn bdt.docx vào biểu mẫu cn-2023_BDT.xlsx: 4 nội dung đã ghi vào "
        'biểu mẫu, 0 đoạn chưa ghi được (xem trang "Ghi chú"). Hãy mở biểu mẫu, kiểm tra, '
        "sửa rồi đặt vào thư mục đợt báo cáo."
    )


def test_a_full_reply_fills_the_cells_and_tables_the_checker_reads(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue, validator: Validator
) -> None:
    letter = typeset(FULL_LETTER, tmp_path / "ctk.docx")

    result = import_letter(letter, cn_round, cat, tmp_path)

    assert result.path is not None
    report = validator.validate_file(result.path)
    sub = report.submission
    assert sub is not None
    assert (sub.agency, sub.letter_number, sub.letter_date, sub.signer) == (
        "CTK",
        "512/CTK-TKKT",
        dt.date(2023, 12, 18),
        "Trần Văn Hùng",
    )
    assert {k: v.actual for k, v in sub.indicators.items() if v.actual is not None} == {
        "CN01": Decimal("9.3"),
        "CN03": Decimal("68.5"),
    }
    assert {k: v for k, v in sub.sections.items() if v} == {
        "II.1": FULL_BODY[8],
        "II.2": FULL_BODY[10],
        "II.4.1": FULL_BODY[13],
    }
    # Read back as typed, but for the reader's own forms: an empty cell is "", and the
    # dropdown label "1. Công tác thông tin, tuyên truyền" is the heading II.1.
    assert {k: [r.values for r in rows] for k, rows in sub.lists.items() if rows} == {
        **FULL_ROWS,
        "ton_tai": [{"nguyen_nhan": "", **row} for row in FULL_ROWS["ton_tai"]],
        "ke_hoach": [{**row, "de_muc": "II.1"} for row in FULL_ROWS["ke_hoach"]],
    }
    assert all(isinstance(r, ListRow) for rows in sub.lists.values() for r in rows)
    assert not report.has_errors
    # The sentence with two figures stays for the clerk, in the notes sheet.
    unplaced = [row for row in notes_rows(result.path) if row[1] == UNPLACED]
    assert unplaced == [(FULL_BODY[4], UNPLACED, "đoạn 14")]
    assert (
        "LETTER_TEXT_UNPLACED",
        'Đoạn "- Tỷ trọng công nghiệp - dịch vụ trong GRDP đạt 41,2%, tă …" (đoạn 14) thuộc '
        'đề mục "1. Kết quả thực hiện các chỉ tiêu phát triển công nghiệp" nhưng biểu mẫu của '
        "cơ quan không có ô cho nội dung này: đã đưa vào mục Ghi chú.",
    ) in [(f.code, f.message) for f in result.findings]


def test_an_unmatched_section_is_listed_in_the_notes_sheet(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    letter = replace(FULL_LETTER, body=(*FULL_BODY, *EXTRA_SECTION, FULL_CLOSING))

    result = import_letter(typeset(letter, tmp_path / "ctk.docx"), cn_round, cat, tmp_path)

    assert result.path is not None
    assert [row for row in notes_rows(result.path) if row[2] in ("đoạn 37", "đoạn 38")] == [
        ("VI. CÁC NỘI DUNG KHÁC", UNPLACED, "đoạn 37"),
        (EXTRA_SECTION[1], UNPLACED, "đoạn 38"),
    ]
    assert (
        'Đoạn "Ngoài ra, Cục Thống kê đề nghị Sở Công Thương chia sẻ dan …" (đoạn 38) không '
        "khớp đề mục nào: đã đưa vào mục Ghi chú."
    ) in [f.message for f in result.findings]


def test_numbers_of_a_letters_table_are_typed_as_numbers(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue, validator: Validator
) -> None:
    body = (*FULL_BODY[:14], *PROJECT_TABLE, *FULL_BODY[14:], FULL_CLOSING)
    letter = typeset(replace(FULL_LETTER, body=body), tmp_path / "ctk.docx")

    result = import_letter(letter, cn_round, cat, tmp_path)

    assert result.path is not None
    report = validator.validate_file(result.path)
    assert report.submission is not None
    assert [
        (r.values["ten"], r.values["von"], r.values["tinh_trang"])
        for r in report.submission.lists["du_an"]
    ] == [
        ("Nhà máy thép Hòa Phát Dung Quất 2", Decimal("85000"), "Đang triển khai"),
        ("Hạ tầng cụm công nghiệp Bình Nguyên", Decimal("120.5"), "Chậm tiến độ"),
    ]
    assert [f.code for f in report.findings] == ["RESPONSIBLE_NO_DATA"]


def test_paragraphs_about_assigned_tasks_go_to_each_tasks_result(
    tmp_path: Path, tcc_round: RoundContext, cat: Catalogue, validator: Validator
) -> None:
    done = "Đã phê duyệt 03 nhiệm vụ khoa học và công nghệ cấp tỉnh về cơ khí chế tạo."
    more = "Đang xây dựng danh mục nhiệm vụ năm 2024."
    letter = replace(
        FULL_LETTER,
        parent="UBND TỈNH QUẢNG NGÃI",
        agency="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        body=(
            "# II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP TÁI CƠ CẤU",
            "# 12. Thực hiện nhiệm vụ được giao tại Mục VI Kế hoạch số 222/KH-UBND",
            "a) Chủ trì, phối hợp với Sở Công Thương xác định danh mục nhiệm vụ khoa học và "
            "công nghệ để tham mưu UBND tỉnh đặt hàng các nhiệm vụ khoa học và công nghệ",
            done,
            more,
            "b) Xây dựng và phát triển nhãn hiệu đối với các sản phẩm của tỉnh: Đã hỗ trợ "
            "05 sản phẩm đăng ký nhãn hiệu chứng nhận.",
            FULL_CLOSING,
        ),
    )

    result = import_letter(typeset(letter, tmp_path / "skhcn.docx"), tcc_round, cat, tmp_path)

    assert result.path is not None
    sub = validator.validate_file(result.path).submission
    assert sub is not None and sub.agency == "SKHCN"
    assert {code: t.text for code, t in sub.tasks.items()} == {
        "VI5a": f"{done}\n{more}",
        "VI5b": "Đã hỗ trợ 05 sản phẩm đăng ký nhãn hiệu chứng nhận.",
    }
    assert UNPLACED not in [row[1] for row in notes_rows(result.path)]


def test_the_command_writes_the_template_and_says_what_it_did(
    tmp_path: Path, project: Project
) -> None:
    letter = typeset(SEED_LETTER, tmp_path / "bdt.docx")
    out = tmp_path / "out"

    result = CliRunner().invoke(
        cli,
        ["--project", str(project.root), "import", str(letter), "--round", "cn-2023",
         "-o", str(out)],
        prog_name="qnreport",
    )  # fmt: skip

    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == f"Đã ghi biểu mẫu: {out / 'cn-2023_BDT.xlsx'}"
    assert "(LETTER_DATE_NO_DAY)" in result.stdout


def test_the_command_refuses_a_letter_it_cannot_read(tmp_path: Path, project: Project) -> None:
    broken = tmp_path / "bdt.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")

    result = CliRunner().invoke(
        cli,
        ["--project", str(project.root), "import", str(broken), "--round", "cn-2023",
         "-o", str(tmp_path / "out")],
        prog_name="qnreport",
    )  # fmt: skip

    assert result.exit_code == 1
    assert result.stdout.startswith("[lỗi] Không đọc được văn bản: tệp bị hỏng")
    assert not (tmp_path / "out").exists()


def test_an_unknown_agency_can_be_named_on_the_command_line(
    tmp_path: Path, cn_round: RoundContext, cat: Catalogue
) -> None:
    letter = typeset(replace(SEED_LETTER, agency="BAN TÔN GIÁO"), tmp_path / "btg.docx")

    refused = import_letter(letter, cn_round, cat, tmp_path)
    named = import_letter(letter, cn_round, cat, tmp_path, agency="BDT")

    assert refused.path is None
    assert "LETTER_AGENCY_UNKNOWN" in [f.code for f in refused.findings]
    assert named.path == tmp_path / "cn-2023_BDT.xlsx"
    assert "LETTER_AGENCY_UNKNOWN" not in [f.code for f in named.findings]


def test_a_letter_in_the_round_folder_points_to_import(
    tmp_path: Path, project: Project, validator: Validator
) -> None:
    folder = tmp_path / "inputs" / "cn-2023"
    folder.mkdir(parents=True)
    (folder / "round.toml").write_text('id = "cn-2023"\n', encoding="utf-8")
    letter = typeset(SEED_LETTER, folder / "BDT tra loi.docx")

    report = validator.validate_file(letter)

    assert [(f.code, f.message) for f in report.findings] == [
        (
            "LETTER_FILE",
            "Tệp BDT tra loi.docx là văn bản Word (.docx), không phải biểu mẫu Excel. Nếu đây "
            'là công văn trả lời, hãy chạy: qnreport import "inputs/cn-2023/BDT tra loi.docx" '
            "--round cn-2023 để chuyển nội dung vào biểu mẫu, kiểm tra lại rồi đặt biểu mẫu "
            "vào thư mục đợt báo cáo.",
        )
    ]


def test_a_folder_scan_lists_letters_beside_workbooks(tmp_path: Path) -> None:
    from qnreport.check.batch import expand_paths

    for name in ("a.xlsx", "b.docx", "c.pdf", "d.doc", "e.txt", "~$f.docx"):
        (tmp_path / name).write_bytes(b"x")

    assert [p.name for p in expand_paths([tmp_path])] == ["a.xlsx", "b.docx", "c.pdf", "d.doc"]
