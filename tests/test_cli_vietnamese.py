"""Everything the command line says is Vietnamese, click's own words included: the clerk
who mistypes an option reads what went wrong and what to type instead."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import WorkbookFactory

from qnreport import clickvi
from qnreport.check.batch import Validator
from qnreport.cli import cli
from qnreport.config.project import Project

# Words of click's English that must never reach the screen.
ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Error|Invalid|Missing|No such|Did you mean|default|"
    r"is a file|is not|does not|Try)\b"
)


def qnreport(project: Project, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--project", str(project.root), *args], prog_name="qnreport")


def test_bare_command_prints_the_help_once_and_succeeds(project: Project) -> None:
    result = CliRunner().invoke(cli, [], prog_name="qnreport")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.count("Cách dùng: qnreport [TÙY CHỌN] LỆNH [THAM SỐ]...") == 1
    assert "Các lệnh:" in result.stdout and "Lỗi" not in result.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("validate", "--format", "csv", "x"),
            "Giá trị của '--format' không hợp lệ: 'csv' không hợp lệ; chọn một trong: "
            "'text', 'json'.\nXem hướng dẫn: qnreport validate --help",
        ),
        (
            ("validate",),
            "Thiếu tham số 'ĐƯỜNG_DẪN...'.\nXem hướng dẫn: qnreport validate --help",
        ),
        (
            ("buid",),
            "Không có lệnh 'buid'. Có phải ý bạn là 'build'?\nXem hướng dẫn: qnreport --help",
        ),
        (
            ("validate", "--strcit", "x"),
            "Không có tùy chọn '--strcit'. Có phải ý bạn là '--strict'?\n"
            "Xem hướng dẫn: qnreport validate --help",
        ),
        (
            ("build", "README.md"),
            "Giá trị của '[THƯ_MỤC_ĐẦU_VÀO]' không hợp lệ: 'README.md' là một tệp, không phải "
            "thư mục.\nXem hướng dẫn: qnreport build --help",
        ),
        (
            ("build", "--jobs", "100"),
            "Giá trị của '--jobs' không hợp lệ: 100 không nằm trong khoảng từ 1 đến 64.\n"
            "Xem hướng dẫn: qnreport build --help",
        ),
        (
            ("build", "--jobs", "nhiều"),
            "Giá trị của '--jobs' không hợp lệ: 'nhiều' không phải là một số hợp lệ.\n"
            "Xem hướng dẫn: qnreport build --help",
        ),
        (
            ("build", "--round", "cn-2023", "thừa", "hai"),
            "Thừa tham số (hai).\nXem hướng dẫn: qnreport build --help",
        ),
    ],
)
def test_usage_errors_in_vietnamese_exit_2(
    project: Project, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], said: str
) -> None:
    monkeypatch.chdir(project.root)
    result = qnreport(project, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Lỗi cách dùng: {said}\n"


@pytest.mark.parametrize("command", ["validate", "build", "template"])
def test_help_has_no_english(project: Project, command: str) -> None:
    result = qnreport(project, command, "--help")
    assert result.exit_code == 0
    assert ENGLISH.search(result.stdout) is None, result.stdout


def test_help_suffixes_are_vietnamese(project: Project) -> None:
    text = " ".join(qnreport(project, "validate", "--help").stdout.split())
    assert "[mặc định: text]" in text
    assert "[từ 1 đến 64]" in text
    # Arguments are in the usage line, not listed among the options with no help.
    assert "Tùy chọn: --format" in text


def test_every_translation_keeps_the_placeholders() -> None:
    """A translation may drop a placeholder (Vietnamese needs no "file"/"directory" word)
    but never invent one: click formats it with its own names."""

    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)", text))

    for english, vietnamese in clickvi.MESSAGES.items():
        assert fields(vietnamese) <= fields(english), english
    for (singular, plural), vietnamese in clickvi.PLURALS.items():
        assert fields(vietnamese) <= fields(singular) | fields(plural), singular


def test_a_file_that_is_no_zip_is_said_in_vietnamese(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    (finding,) = Validator(project).validate_file(path).findings
    assert finding.message == (
        "Tệp Excel bị hỏng hoặc không đầy đủ (tệp nén hỏng: không phải tệp nén zip: tệp bị "
        "cắt cụt hoặc không phải tệp Excel). Hãy mở lại bằng Excel, lưu lại và gửi lại."
    )


def test_a_damaged_part_is_said_in_vietnamese(
    project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    source = filled_workbook("SCT")
    damaged = tmp_path / "sai-xml.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(damaged, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"</workbook>", b"<workbook>")
            out.writestr(info, data)
    (finding,) = Validator(project).validate_file(damaged).findings
    assert finding.code == "FILE_CORRUPT"
    assert "phần xl/workbook.xml không phải XML hợp lệ, dòng " in finding.message
    assert ENGLISH.search(finding.message) is None
