"""What damaged input and a hostile environment do to the tool: a Vietnamese finding or
message, never a traceback, and previous outputs kept.

Control characters come from Word (field marks U+0013-U+0015, line and page breaks as
U+000B/U+000C); a workbook stores them as ``_xHHHH_``, which openpyxl writes literally.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import Submit, WorkbookFactory
from docx.oxml import OxmlElement
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.writer.excel import ExcelWriter

from qnreport.build import BuildOptions, build, pipeline
from qnreport.check.batch import Validator
from qnreport.cli import cli
from qnreport.config.project import Project
from qnreport.findings import Level
from qnreport.report import nd30, summary
from qnreport.vntext import xml_safe

TODAY = dt.date(2024, 1, 5)
# What a field code copied from Word leaves in a cell, plus a manual line break.
WORD_FIELD = "Xem _x0013_ HYPERLINK _x0014_Cổng thông tin_x0015_ của Sở_x000B_Dòng hai_x0007_"
WORD_FIELD_CLEAN = "Xem HYPERLINK Cổng thông tin của Sở\nDòng hai"
CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))


@pytest.fixture(scope="module")
def validator(project: Project) -> Validator:
    return Validator(project)


def _build(project: Project, inputs: Path, out: Path) -> list[str]:
    lines: list[str] = []
    build(
        project,
        BuildOptions(round_id="cn-2023", input_dir=inputs, output_dir=out, date=TODAY),
        echo=lines.append,
    )
    return lines


def _build_cli(proj: Project, *more: str) -> Any:
    args = ["--project", str(proj.root), "build", "--round", "cn-2023", "--jobs", "1", *more]
    return CliRunner().invoke(cli, args)


# ============================================================ control characters


def test_xml_safe_drops_controls_and_keeps_breaks_as_lines() -> None:
    assert xml_safe(f"a{CONTROLS}b\tc\nd\re") == "a\n\nb\tc\nd\re"
    assert xml_safe("Bình thường, không đổi") == "Bình thường, không đổi"
    assert xml_safe("x\ud800y\ufffe\uffffz") == "xyz"


def test_word_field_marks_are_cleaned_with_a_warning(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook(values={"DM_II_1_KQ": WORD_FIELD}))
    assert report.submission is not None
    assert report.submission.sections["II.1"] == WORD_FIELD_CLEAN
    assert [(f.level, f.code, f.sheet, f.cell) for f in report.findings] == [
        (Level.WARNING, "TEXT_CONTROL_CHARS", "Nhiệm vụ", "D5")
    ]
    assert report.findings[0].message == (
        "Ô có ký tự điều khiển không hiển thị được (thường do chép từ Word: mã trường, "
        "ngắt dòng, ngắt trang); chương trình đã bỏ các ký tự này. Hãy kiểm tra lại nội "
        'dung: "Xem HYPERLINK Cổng thông tin của Sở Dòng hai".'
    )
    assert report.verdict == "warnings"


def test_build_with_control_characters_writes_the_report_twice(
    project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    """The first build used to stop in the renderer and the cached reading kept every later
    build failing: both builds now go through and the text reads cleanly."""
    filled_workbook(
        "SCT",
        values={"DM_II_1_KQ": WORD_FIELD},
        rows={"kien_nghi": [{"noi_nhan": "Bộ Công Thương", "noi_dung": "Hỗ trợ_x0001_ vốn"}]},
    )
    out = tmp_path / "ket-qua"
    _build(project, tmp_path / "nop", out)
    (out / "bao-cao-cn-2023.docx").unlink()
    _build(project, tmp_path / "nop", out)  # from the cache this time
    text = "\n".join(p.text for p in docx.Document(str(out / "bao-cao-cn-2023.docx")).paragraphs)
    assert "Xem HYPERLINK Cổng thông tin của Sở\nDòng hai" in text
    cells = [
        c.value
        for ws in openpyxl.load_workbook(out / "tong-hop-cn-2023.xlsx").worksheets
        for row in ws.iter_rows()
        for c in row
    ]
    assert WORD_FIELD_CLEAN in cells
    assert "Hỗ trợ vốn" in cells


def test_stale_cache_entries_with_control_characters_are_read_again(
    project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    filled_workbook("SCT", values={"DM_II_1_KQ": WORD_FIELD})
    out = tmp_path / "ket-qua"
    _build(project, tmp_path / "nop", out)
    (entry,) = (out / ".cache").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["format"] = 1
    data["submission"]["sections"]["II.1"] = "Cũ\u0013 từ phiên bản trước"
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (out / "bao-cao-cn-2023.docx").unlink()
    _build(project, tmp_path / "nop", out)
    text = "\n".join(p.text for p in docx.Document(str(out / "bao-cao-cn-2023.docx")).paragraphs)
    assert "Cũ" not in text and "Cổng thông tin của Sở" in text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_the_renderers_take_any_string(text: str) -> None:
    run = OxmlElement("w:r")
    nd30.add_text(run, text)
    wb = openpyxl.Workbook()
    cell = summary._cell(wb.active, summary._Looks(), text)
    assert cell.value == xml_safe(text)


def test_renderers_keep_tabs_and_breaks(tmp_path: Path) -> None:
    run: Any = OxmlElement("w:r")
    nd30.add_text(run, f"một\ttwo{CONTROLS}\nba")
    tags = [child.tag.rsplit("}", 1)[1] for child in run]
    assert tags == ["t", "tab", "t", "br", "br", "br", "t"]
    assert [child.text for child in run if child.text] == ["một", "two", "ba"]


# ============================================================ Windows and macOS


def test_the_fcntl_switch_hides_fcntl() -> None:
    """CI's run with QNREPORT_HIDE_FCNTL set is as on Windows: fcntl cannot be imported."""
    if not os.environ.get("QNREPORT_HIDE_FCNTL"):
        pytest.skip("only in CI's run without fcntl")
    with pytest.raises(ImportError):
        import fcntl  # noqa: F401


def test_every_module_imports_and_locks_without_fcntl(tmp_path: Path) -> None:
    """Windows has no fcntl: every module of the tool must load without it, and the round
    lock must still keep a second build out."""
    probe = f"""
import importlib, pkgutil, sys
sys.modules["fcntl"] = None
import qnreport
for m in pkgutil.walk_packages(qnreport.__path__, "qnreport."):
    importlib.import_module(m.name)
from qnreport.build.lock import round_lock
from qnreport.errors import LockedError
with round_lock(__import__("pathlib").Path({str(tmp_path)!r}), "cn-2023"):
    try:
        with round_lock(__import__("pathlib").Path({str(tmp_path)!r}), "cn-2023"):
            print("TWICE")
    except LockedError as exc:
        print(exc.format_message())
"""
    done = subprocess.run(
        [sys.executable, "-W", "ignore::UserWarning", "-c", probe],
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"Đợt cn-2023 đang được lập bởi một tiến trình khác (PID {done_pid(done.stdout)}). "
        "Hãy đợi tiến trình đó xong rồi chạy lại.\n"
    )


def done_pid(text: str) -> str:
    found = re.search(r"PID (\d+)\)", text)
    return found.group(1) if found else "(không có)"


def test_soffice_named_by_the_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "Libre Office" / "soffice.exe"
    program.parent.mkdir()
    program.write_bytes(b"")
    monkeypatch.setenv("QNREPORT_SOFFICE", f'"{program}"')
    assert pipeline.find_soffice() == str(program)
    monkeypatch.setenv("QNREPORT_SOFFICE", str(tmp_path / "khong-co.exe"))
    assert pipeline.find_soffice() is None


def test_soffice_found_where_the_windows_installer_puts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QNREPORT_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "trong"))
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        monkeypatch.delenv(variable, raising=False)
    assert pipeline.find_soffice() is None
    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert pipeline.find_soffice() == str(program)


def test_pdf_note_names_the_variable_when_libreoffice_is_missing(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit("SCT")
    monkeypatch.setenv("QNREPORT_SOFFICE", str(proj.root / "khong-co" / "soffice"))
    lines: list[str] = []
    build(proj, BuildOptions("cn-2023", pdf=True, jobs=1), echo=lines.append)
    assert lines[-1] == (
        "Không tạo được PDF: không tìm thấy LibreOffice (chương trình soffice). Cài "
        "LibreOffice, hoặc đặt biến môi trường QNREPORT_SOFFICE là đường dẫn tới soffice, "
        "rồi chạy lại với --pdf."
    )


def test_paths_with_spaces_and_vietnamese_letters(
    proj: Project, submit: Submit, tmp_path: Path
) -> None:
    submit("SCT", name="Báo cáo Sở Công Thương (bản cuối).xlsx")
    out = tmp_path / "Kết quả tổng hợp" / "năm 2023"
    result = _build_cli(proj, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "dùng inputs/cn-2023/Báo cáo Sở Công Thương (bản cuối).xlsx" in result.stdout
    assert (out / "bao-cao-cn-2023.docx").is_file()


def test_a_report_held_open_by_word_is_reported_not_a_traceback(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What Windows does when Word has the report open: os.replace is refused."""
    submit("SCT")
    assert _build_cli(proj).exit_code == 0
    report = proj.outputs / "cn-2023" / "bao-cao-cn-2023.docx"
    before = report.read_bytes()
    submit("SCT", values={"CT_CN01_NAM_NAY": 9.1})
    real_replace = os.replace

    def held_open(src: Any, dst: Any) -> None:
        if Path(dst) == report:
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", held_open)
    result = _build_cli(proj)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Lỗi: Không thay được tệp {report}: tệp đang được mở bằng chương trình khác "
        "(Excel, Word...) hoặc không có quyền ghi. Hãy đóng tệp rồi chạy lại. Các tệp kết "
        "quả trước đó vẫn giữ nguyên.\n"
    )
    assert report.read_bytes() == before
    assert not list(report.parent.glob(".*.tmp"))


# ============================================================ environment faults


def _refuse_under(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int) -> None:
    """The system refuses, with ``code``, to open files under ``folder`` for writing: what
    a folder without write permission or a read-only disk does (tests run as root, whom
    chmod does not stop)."""
    real_open = os.open

    def refusing(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and Path(os.fsdecode(path)).is_relative_to(folder):
            raise OSError(code, os.strerror(code), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


def test_output_folder_not_writable(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit("SCT")
    folder = proj.outputs / "cn-2023"
    folder.mkdir(parents=True)
    _refuse_under(monkeypatch, folder, errno.EACCES)
    result = _build_cli(proj)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Lỗi: Không có quyền ghi vào thư mục {folder}. Hãy xin quyền ghi hoặc chọn thư "
        "mục khác. Các tệp kết quả trước đó vẫn giữ nguyên.\n"
    )


def test_read_only_disk_even_when_nothing_changed(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit("SCT")
    assert _build_cli(proj).exit_code == 0
    folder = proj.outputs / "cn-2023"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    _refuse_under(monkeypatch, folder, errno.EROFS)
    result = _build_cli(proj)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Lỗi: Không ghi được vào thư mục {folder}: ổ đĩa chỉ cho đọc. Hãy chép thư mục "
        "dự án sang ổ ghi được (hoặc chọn thư mục kết quả khác). Các tệp kết quả trước đó "
        "vẫn giữ nguyên.\n"
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_disk_full_while_saving_the_summary(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit("SCT")
    assert _build_cli(proj).exit_code == 0
    folder = proj.outputs / "cn-2023"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    submit("SCT", values={"CT_CN01_NAM_NAY": 9.1})
    real_save = ExcelWriter.save

    def full(self: Any) -> None:
        real_save(self)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ExcelWriter, "save", full)
    result = _build_cli(proj)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Lỗi: Không ghi được {folder}: ổ đĩa đã đầy. Hãy giải phóng chỗ trống trên ổ đĩa "
        "rồi chạy lại. Các tệp kết quả trước đó vẫn giữ nguyên.\n"
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert not list(folder.glob(".*.tmp"))


def test_an_unreadable_input_is_a_finding_in_build_and_validate(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit("SCT")
    locked = submit("CTK")
    real_path_open = Path.open

    def path_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_path_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", path_open)
    built = _build_cli(proj)
    assert built.exit_code == 0, built.output
    assert (
        "  (không đọc được) inputs/cn-2023/CTK.xlsx: Không mở được tệp để đọc (không có "
        "quyền truy cập). Hãy kiểm tra quyền truy cập hoặc chép lại tệp."
    ) in built.stdout.splitlines()
    checked = CliRunner().invoke(cli, ["--project", str(proj.root), "validate", str(locked)])
    assert "Permission denied" not in checked.output
    assert "Không mở được tệp để đọc (không có quyền truy cập)" in checked.output


def test_os_errors_no_command_foresaw_are_said_in_vietnamese(
    proj: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_a: Any, **_k: Any) -> None:
        raise OSError(errno.EIO, "Input/output error", "/mnt/o-mang/du-an")

    monkeypatch.setattr("qnreport.config.project.Project.find", broken)
    result = CliRunner().invoke(cli, ["--project", str(proj.root), "build"])
    assert (result.exit_code, result.stderr) == (
        1,
        "Lỗi: /mnt/o-mang/du-an: lỗi đọc ghi của ổ đĩa.\n",
    )
