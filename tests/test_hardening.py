"""What damaged input and a hostile environment do to the tool: a Vietnamese finding or
message, never a traceback, and previous outputs kept.

Control characters come from Word (field marks U+0013-U+0015, line and page breaks as
U+000B/U+000C); a workbook stores them as ``_xHHHH_``, which openpyxl writes literally.
"""

from __future__ import annotations

import datetime as dt
import errno
import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import Submit, WorkbookFactory, signed_config
from docx.oxml import OxmlElement
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.writer.excel import ExcelWriter
from test_validate import with_big_sheet

from qnreport.build import BuildOptions, build, pipeline
from qnreport.check.batch import Validator
from qnreport.check.findings_table import file_block
from qnreport.cli import cli
from qnreport.config.project import Project
from qnreport.errors import BuildError
from qnreport.findings import Level
from qnreport.read.probe import open_workbook
from qnreport.read.sheetbook import Sheetbook
from qnreport.report import nd30, summary
from qnreport.vntext import xml_safe

ROOT = Path(__file__).resolve().parents[1]
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
        BuildOptions(
            round_id="cn-2023",
            input_dir=inputs,
            output_dir=out,
            date=TODAY,
            config=signed_config(project, "cn-2023", out.parent / "cau-hinh"),
        ),
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
from qnreport.errors import BuildError, LockedError
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
    with pytest.raises(BuildError) as raised:
        build(proj, BuildOptions("cn-2023", pdf=True, jobs=1), echo=lambda _line: None)
    assert raised.value.format_message() == (
        "Báo cáo đã được lập, nhưng chưa có bản PDF. Không tạo được PDF: không tìm thấy "
        "LibreOffice (chương trình soffice). Cài LibreOffice, hoặc đặt biến môi trường "
        "QNREPORT_SOFFICE là đường dẫn tới soffice, rồi chạy lại với --pdf."
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


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _built_once(proj: Project, submit: Submit) -> tuple[Path, dict[str, bytes]]:
    """A first build of SCT's workbook: the output folder and what it holds."""
    submit("SCT")
    assert _build_cli(proj).exit_code == 0
    folder = proj.outputs / "cn-2023"
    return folder, _outputs(folder)


def test_read_only_disk_even_when_nothing_changed(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, before = _built_once(proj, submit)
    _refuse_under(monkeypatch, folder, errno.EROFS)
    result = _build_cli(proj)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Lỗi: Không ghi được vào thư mục {folder}: ổ đĩa chỉ cho đọc. Hãy chép thư mục "
        "dự án sang ổ ghi được (hoặc chọn thư mục kết quả khác). Các tệp kết quả trước đó "
        "vẫn giữ nguyên.\n"
    )
    assert _outputs(folder) == before


def test_disk_full_while_saving_the_summary(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, before = _built_once(proj, submit)
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
    assert _outputs(folder) == before
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
    assert (  # a letter received, which the clerk must get again: said with the reason
        "             văn bản gửi không đúng biểu mẫu: inputs/cn-2023/CTK.xlsx (Không mở được "
        "tệp để đọc (không có quyền truy cập). Hãy kiểm tra quyền truy cập hoặc chép lại tệp.)"
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


# ============================================================ what a clerk hits


def test_a_workbook_of_another_round_is_named_not_dropped(
    proj: Project, submit: Submit, filled_workbook: WorkbookFactory
) -> None:
    submit("SCT")
    stray = proj.inputs / "cn-2023" / "tcc-sct.xlsx"
    # dated before the cn-2023 report (05/01/2024), so that build weighs it and does not
    # hold it back as sent after the report; in its own round the date is on time
    early = {"VB_NGAY": dt.datetime(2024, 1, 4)}
    filled_workbook.workbook("SCT", "tcc-222-2024", values=early).save(stray)
    said = (
        "Biểu mẫu này thuộc đợt tcc-222-2024, không phải đợt cn-2023 của thư mục đang xét, "
        "nên không được dùng cho báo cáo đợt cn-2023. Nếu tệp để nhầm chỗ, hãy chuyển sang "
        "thư mục inputs/tcc-222-2024/."
    )
    report = Validator(proj).validate_file(stray)
    assert [(f.level, f.code, f.message) for f in report.findings] == [
        (Level.ERROR, "ROUND_OTHER_FOLDER", said)
    ]
    built = _build_cli(proj)
    assert built.exit_code == 0, built.output
    assert f"  (đợt khác) inputs/cn-2023/tcc-sct.xlsx: {said}" in built.stdout.splitlines()
    table = (proj.outputs / "cn-2023" / "kiem-tra-cn-2023.txt").read_text(encoding="utf-8")
    assert "inputs/cn-2023/tcc-sct.xlsx: CÓ LỖI" in table
    # In its own folder the same file is valid: where a file lies is never cached.
    moved = proj.inputs / "tcc-222-2024" / "tcc-sct.xlsx"
    stray.rename(moved)
    assert Validator(proj).validate_file(moved).findings == []


def test_build_without_round_asks_which_one(proj: Project) -> None:
    marked = proj.inputs / "cn-2023" / "round.toml"
    text = marked.read_text(encoding="utf-8")
    marked.write_text(text.replace("current = true", "current = false"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(proj.root), "build"], prog_name="qnreport")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Lỗi cách dùng: Dự án có 2 đợt báo cáo: cn-2023, tcc-222-2024. Hãy chọn một đợt bằng "
        "--round, ví dụ --round tcc-222-2024 (hoặc --all để lập mọi đợt).\n"
        "Xem hướng dẫn: qnreport build --help\n"
    )


def test_build_without_round_builds_the_current_one(proj: Project, submit: Submit) -> None:
    submit("SCT", "tcc-222-2024")
    for rid, flag in (("cn-2023", "false"), ("tcc-222-2024", "true")):
        path = proj.inputs / rid / "round.toml"
        text = re.sub(r"(?m)^current = \w+\n", "", path.read_text(encoding="utf-8"))
        path.write_text(text + f"current = {flag}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(proj.root), "build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Đợt tcc-222-2024: ")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("build", "--round", "cn-2019"),
            "Lỗi cách dùng: Không có đợt báo cáo 'cn-2019' (các đợt hiện có: cn-2023, "
            "tcc-222-2024).\nXem hướng dẫn: qnreport build --help",
        ),
        (
            ("template", "--round", "cn-2019", "--all"),
            "Lỗi cách dùng: Không có đợt báo cáo 'cn-2019' (các đợt hiện có: cn-2023, "
            "tcc-222-2024).\nXem hướng dẫn: qnreport template --help",
        ),
        (
            ("template", "--round", "cn-2023", "--agency", "SXYZ"),
            "Lỗi cách dùng: Không có cơ quan mã SXYZ trong danh sách cơ quan ({agencies}).\n"
            "Xem hướng dẫn: qnreport template --help",
        ),
    ],
)
def test_a_round_or_agency_that_does_not_exist_is_a_usage_error(
    proj: Project, args: tuple[str, ...], said: str
) -> None:
    result = CliRunner().invoke(cli, ["--project", str(proj.root), *args], prog_name="qnreport")
    assert (result.exit_code, result.stdout) == (2, "")
    agencies = proj.templates / "agencies.toml"
    assert result.stderr == said.format(agencies=agencies) + "\n"


def test_agency_codes_are_case_insensitive(proj: Project, tmp_path: Path) -> None:
    args = ["template", "--round", "cn-2023", "--agency", "skhcn", "-o", str(tmp_path / "mau")]
    result = CliRunner().invoke(cli, ["--project", str(proj.root), *args])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "mau").iterdir()] == ["cn-2023_SKHCN.xlsx"]


def test_a_typo_in_the_agency_list_stops_validate_with_one_message(
    proj: Project, submit: Submit, tmp_path: Path
) -> None:
    submit("SCT")
    submit("CTK")
    agencies = proj.templates / "agencies.toml"
    text = agencies.read_text(encoding="utf-8")
    agencies.write_text(text.replace('code = "STC"', "code = STC", 1), encoding="utf-8")
    line = text[: text.index('code = "STC"')].count("\n") + 1
    args = ["validate", "--annotate", str(tmp_path / "ban-sao"), str(proj.inputs / "cn-2023")]
    result = CliRunner().invoke(cli, ["--project", str(proj.root), *args, "--jobs", "1"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Lỗi: Tệp {agencies} sai cú pháp TOML, dòng {line}, cột 8: giá trị không hợp lệ "
        "(chuỗi cần đặt trong dấu nháy kép).\n"
    )
    assert not (tmp_path / "ban-sao").exists()


def test_no_task_out_of_the_list_is_refused(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook(values={"KHONG_NHIEM_VU": 12345}))
    assert [(f.code, f.label, f.message) for f in report.findings] == [
        (
            "CHOICE_INVALID",
            "Không được giao nhiệm vụ",
            'Giá trị "12.345" không có trong danh sách chọn (Có; Không). Hãy chọn trong danh '
            "sách thả xuống.",
        )
    ]
    for typed in ("Có", "không", "KHÔNG", ""):
        kept = validator.validate_file(filled_workbook(values={"KHONG_NHIEM_VU": typed or None}))
        assert "CHOICE_INVALID" not in [f.code for f in kept.findings], typed


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_is_refused_at_once(project: Project, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bao-cao.xlsx"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    args = ["--project", str(project.root), "validate", "--jobs", "1", str(path)]
    done = subprocess.run(
        [sys.executable, "-c", "from qnreport.cli import main; main()", *args],
        capture_output=True,
        encoding="utf-8",
        timeout=60,  # the old reader waited for ever
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "(FILE_NOT_REGULAR)" in done.stdout
    what = "một ống dẫn (FIFO)" if kind == "fifo" else "một thiết bị (hoặc liên kết tới thiết bị)"
    assert f"Đường dẫn này là {what}, không phải một tệp" in " ".join(done.stdout.split())


def test_the_cell_limit_gives_one_verdict_with_or_without_dimension(
    filled_workbook: WorkbookFactory, validator: Validator, tmp_path: Path
) -> None:
    source = filled_workbook("SCT")
    verdicts = {
        (side, dimension): [
            f.code
            for f in validator.validate_file(
                with_big_sheet(
                    source, tmp_path / f"{side}-{dimension}.xlsx", dimension=dimension, side=side
                )
            ).findings
        ]
        for side in (440, 450)  # 193.600 and 202.500 cells; the limit is 200.000
        for dimension in (True, False)
    }
    assert verdicts == {
        (440, True): [],
        (440, False): [],
        (450, True): ["FILE_TOO_MANY_CELLS"],
        (450, False): ["FILE_TOO_MANY_CELLS"],
    }


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [  # a .pdf, .docx or .doc is read as a reply letter (qnreport import, test_letter.py)
        ("CV 856-CTK.rtf", b"{\\rtf1\n", "văn bản RTF"),
        ("Công văn 856.odt", b"PK\x03\x04", "văn bản OpenDocument"),
    ],
)
def test_a_covering_letter_is_called_what_it_is(
    validator: Validator, tmp_path: Path, name: str, head: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(head + bytes(2000))
    (finding,) = validator.validate_file(path).findings
    assert (finding.code, finding.message) == (
        "FILE_DOCUMENT",
        f'Tệp "{name}" là {kind}, không phải biểu mẫu Excel (có lẽ là công văn gửi kèm). '
        "Chương trình chỉ đọc biểu mẫu Excel (.xlsx): hãy đề nghị cơ quan gửi kèm tệp biểu "
        "mẫu đã điền.",
    )


def test_a_phone_typed_as_a_number_keeps_its_leading_zero(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook(values={"LIEN_HE_DT": 2553822123}))
    assert report.submission is not None
    assert report.submission.phone == "02553822123"
    assert [(f.level, f.code) for f in report.findings] == [(Level.WARNING, "PHONE_AS_NUMBER")]
    assert '"02553822123"' in report.findings[0].message


@pytest.mark.parametrize(
    ("typed", "warned"),
    [
        ("ttbinh@quangngai", True),
        ("ttbinh.quangngai.gov.vn", True),
        ("ttbinh@@quangngai.gov.vn", True),
        ("ttbinh@quangngai.gov.vn; sct@quangngai.gov.vn", False),
        ("ttbinh@quangngai.gov.vn", False),
    ],
)
def test_an_impossible_email_is_warned(
    filled_workbook: WorkbookFactory, validator: Validator, typed: str, warned: bool
) -> None:
    report = validator.validate_file(filled_workbook(values={"LIEN_HE_EMAIL": typed}))
    assert [f.code for f in report.findings] == (["EMAIL_INVALID"] if warned else [])
    assert report.usable


def test_a_letter_without_date_is_said_once(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook(values={"VB_NGAY": None}))
    assert "văn bản số 125/BC-SCT, chưa ghi ngày" in file_block(report)


def test_force_says_how_many_files_were_read_again(proj: Project, submit: Submit) -> None:
    submit("SCT")
    submit("CTK")
    first = _build_cli(proj)
    assert "Đã đọc 2 tệp." in first.stdout.splitlines()
    forced = _build_cli(proj, "--force")
    assert (
        "Không phải đọc lại tệp nào: 2 tệp có nội dung như lần đọc trước."
        in forced.stdout.splitlines()
    )


def test_progress_on_a_terminal_only(
    project: Project, filled_workbook: WorkbookFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(filled_workbook(agency)) for agency in ("SCT", "CTK")]
    quiet = CliRunner().invoke(cli, ["--project", str(project.root), "validate", *files])
    assert "Đang kiểm tra" not in quiet.stderr
    monkeypatch.setattr("qnreport.cli._is_terminal", lambda: True)
    shown = CliRunner().invoke(cli, ["--project", str(project.root), "validate", *files])
    assert "Đang kiểm tra" in shown.stderr
    assert shown.stdout == quiet.stdout


# ============================================================ memory on hostile files


def _rewritten(source: Path, target: Path, **parts: bytes) -> Path:
    """``source`` with some parts replaced (or added), as a new zip."""
    with zipfile.ZipFile(source) as src:
        data = {i.filename: src.read(i) for i in src.infolist()}
    data.update({name.replace("__", "/").replace("_dot_", "."): v for name, v in parts.items()})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, blob in data.items():
            out.writestr(name, blob)
    return target


def _with_unused_strings(source: Path, target: Path, n: int) -> Path:
    """The workbook with ``n`` shared strings appended that no cell references."""
    with zipfile.ZipFile(source) as src:
        names = src.namelist()
        sst = (
            src.read("xl/sharedStrings.xml")
            if "xl/sharedStrings.xml" in names
            else b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>'
        )
    extra = "".join(f"<si><t>chuỗi thừa {i}</t></si>" for i in range(n)).encode()
    return _rewritten(
        source, target, xl__sharedStrings_dot_xml=sst.replace(b"</sst>", extra + b"</sst>")
    )


def _peak_rss_mb(path: Path) -> tuple[float, str]:
    """The benchmark's own measure (benchmarks/hostile.py), so RESULTS.md and this test
    agree: peak RSS of ``qnreport validate --jobs 1 path`` in a process of its own, and
    the finding codes it printed ("HỢP LỆ" for none)."""
    spec = importlib.util.spec_from_file_location("hostile", ROOT / "benchmarks" / "hostile.py")
    assert spec is not None and spec.loader is not None
    hostile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hostile)
    peak, verdict = hostile.peak_mb(path)
    return float(peak), str(verdict)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="VmHWM is Linux's")
def test_a_million_unused_shared_strings_are_not_kept(
    filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    """They took 2,1 GB for four million; only the strings cells use are kept now."""
    path = _with_unused_strings(filled_workbook("SCT"), tmp_path / "chuoi.xlsx", 1_000_000)
    peak, verdict = _peak_rss_mb(path)
    assert verdict == "HỢP LỆ"
    assert peak < 150, f"{peak:.0f} MB"


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="VmHWM is Linux's")
def test_cells_under_a_false_dimension_are_refused_before_any_tree(
    filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    source = filled_workbook("SCT")
    with zipfile.ZipFile(source) as src:
        sheet = src.read("xl/worksheets/sheet3.xml")
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{c}{r}"><v>{r % 97}</v></c>' for c in "ABCDEFGHIJ")
        + "</row>"
        for r in range(1000, 1000 + 100_000)
    ).encode()
    path = _rewritten(
        source,
        tmp_path / "o.xlsx",
        xl__worksheets__sheet3_dot_xml=sheet.replace(b"</sheetData>", rows + b"</sheetData>"),
    )
    peak, verdict = _peak_rss_mb(path)
    assert verdict == "FILE_TOO_MANY_CELLS"
    assert peak < 150, f"{peak:.0f} MB"


def test_shared_strings_asked_for_out_of_order_are_all_found(
    project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    """The stream restarts for a string it passed over before a later sheet needed it."""
    validator = Validator(project)
    path = filled_workbook("SCT")
    report = validator.validate_file(path)
    wb = open_workbook(path, validator.catalogue)
    assert isinstance(wb, Sheetbook)
    # Sheets read in the reverse of the template's order read the same texts.
    first_and_last = [wb.sheet_names[-1], wb.sheet_names[0]]
    seen = {
        s: [wb.cell(s, f"{c}{r}").value for c in "ABCD" for r in range(1, 12)]
        for s in first_and_last
    }
    again = open_workbook(path, validator.catalogue)
    assert isinstance(again, Sheetbook)
    for s in reversed(first_and_last):
        assert [again.cell(s, f"{c}{r}").value for c in "ABCD" for r in range(1, 12)] == seen[s]
    assert report.verdict == "valid"


def test_the_reading_budget_refuses_too_much_data(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    limits = proj.templates / "limits.toml"
    limits.write_text(
        limits.read_text(encoding="utf-8").replace("max_read_mb = 60", "max_read_mb = 0.01"),
        encoding="utf-8",
    )
    path = submit("SCT")
    (finding,) = Validator(proj).validate_file(path).findings
    assert finding.code == "FILE_TOO_MUCH_DATA"
    assert finding.message.startswith("Tệp chứa quá nhiều dữ liệu để đọc an toàn (trang ")
    assert "giới hạn 0,0 MB" in finding.message


def test_pdf_note_when_libreoffice_cannot_convert(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit("SCT")
    broken = proj.root / "soffice"
    broken.write_bytes(b"not a program")  # found, but cannot run
    monkeypatch.setenv("QNREPORT_SOFFICE", str(broken))
    with pytest.raises(BuildError) as raised:
        build(proj, BuildOptions("cn-2023", pdf=True, jobs=1), echo=lambda _line: None)
    assert raised.value.format_message() == (
        f"Báo cáo đã được lập, nhưng chưa có bản PDF. Không tạo được PDF: LibreOffice "
        f"({broken}) không chuyển được báo cáo. Hãy đóng các cửa sổ LibreOffice đang mở rồi "
        "chạy lại với --pdf."
    )


def test_output_redirected_on_windows_is_utf8(project: Project) -> None:
    """A Windows console redirected to a file is cp1252: Vietnamese used to stop the command."""
    done = subprocess.run(
        [sys.executable, "-c", "from qnreport.cli import main; main()", "--help"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "Tổng hợp báo cáo thực hiện kế hoạch" in done.stdout.decode("utf-8")


@pytest.mark.parametrize("command", ["template", "validate"])
def test_templates_and_annotated_copies_into_a_refusing_folder(
    project: Project,
    filled_workbook: WorkbookFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    folder = tmp_path / "ra"
    folder.mkdir()
    source = filled_workbook("CTK", values={"VB_NGAY": None})  # an error: a copy is due
    _refuse_under(monkeypatch, folder, errno.EACCES)
    args = (
        ["template", "--round", "cn-2023", "--agency", "SCT", "-o", str(folder)]
        if command == "template"
        else ["validate", "--annotate", str(folder), str(source)]
    )
    result = CliRunner().invoke(cli, ["--project", str(project.root), *args])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Lỗi: Không có quyền ghi vào thư mục {folder}. Hãy xin quyền ghi hoặc chọn thư mục "
        "khác. Các tệp kết quả trước đó vẫn giữ nguyên.\n"
    )
    assert list(folder.iterdir()) == []
