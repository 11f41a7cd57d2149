"""The ``qnreport`` command as a clerk meets it: exact Vietnamese on stdout and stderr, and
the exit code (0 done, 1 the data or project is wrong, 2 the command is used wrongly).

Where click still speaks English today, the test pins the Vietnamese it should print and
is marked ``xfail(strict=True)``: when click's messages are translated it passes, and the
strict mark makes the suite fail until the mark is removed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner, Result
from conftest import WorkbookFactory, signed_config

from qnreport import __version__
from qnreport.cli import cli
from qnreport.config.project import Project

ROOT = Path(__file__).resolve().parents[1]

#: click's own English that must never reach a clerk.
ENGLISH = (
    "Invalid value",
    "No such command",
    "No such option",
    "Missing argument",
    "Did you mean",
    "is not one of",
    "is a file",
    "is not in the range",
    "[default:",
    "<=x<=",
    "Usage:",
    "Error:",
)

VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")

ROOT_HELP = (
    "Cách dùng: qnreport [TÙY CHỌN] LỆNH [THAM SỐ]...\n"
    "\n"
    "  Tổng hợp báo cáo thực hiện kế hoạch phát triển công nghiệp của Sở Công Thương\n"
    "  Quảng Ngãi.\n"
    "\n"
    "  Một đợt báo cáo: tạo đợt (round new), công văn đề nghị báo cáo (letter\n"
    "  request), biểu mẫu Excel cho từng cơ quan (template), kiểm tra biểu mẫu đã\n"
    "  nhận (validate), theo dõi tình hình gửi (status), đôn đốc (letter remind),\n"
    "  tổng hợp thành báo cáo Word theo Nghị định 30/2020/NĐ-CP (build). Cơ quan trả\n"
    "  lời bằng công văn Word/PDF: chuyển vào biểu mẫu bằng lệnh import. Cổng thông\n"
    "  tin để các cơ quan gửi biểu mẫu qua mạng: serve, tài khoản: users.\n"
    "\n"
    "Tùy chọn:\n"
    "  --version          Hiện phiên bản rồi thoát.\n"
    "  --project THƯ_MỤC  Thư mục dự án (chứa templates/, inputs/). Mặc định: thư mục\n"
    "                     hiện tại.\n"
    "  -h, --help         Hiện hướng dẫn này rồi thoát.\n"
    "\n"
    "Các lệnh:\n"
    "  round     Đợt báo cáo: tạo đợt mới từ đợt năm trước.\n"
    "  letter    Công văn của đợt: đề nghị báo cáo và đôn đốc báo cáo (Nghị định\n"
    "            30/2020/NĐ-CP).\n"
    "  template  Tạo biểu mẫu Excel trống cho cơ quan báo cáo.\n"
    "  import    Chuyển công văn trả lời (.docx, .doc, .pdf) vào biểu mẫu Excel của\n"
    "            cơ quan.\n"
    "  validate  Kiểm tra các biểu mẫu đã điền (tệp hoặc thư mục).\n"
    "  status    Tình hình gửi báo cáo của từng cơ quan: đúng hạn, sau hạn, có lỗi,\n"
    "            chưa gửi.\n"
    "  build     Tổng hợp các biểu mẫu hợp lệ thành báo cáo Word và bảng tổng hợp\n"
    "            Excel.\n"
    "  serve     Chạy cổng tiếp nhận báo cáo: cơ quan tải biểu mẫu, gửi tệp, xem kết\n"
    "            quả kiểm tra.\n"
    "  users     Tài khoản của cổng tiếp nhận báo cáo (qnreport serve).\n"
)


def qnreport(*args: str, project: Path | None = ROOT) -> Result:
    """Run ``qnreport [--project ROOT] args`` as a clerk types it."""
    head = ["--project", str(project)] if project is not None else []
    return CliRunner().invoke(cli, [*head, *args], prog_name="qnreport")


def said(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


def _hint(command: str) -> str:
    return f"Xem hướng dẫn: {' '.join(('qnreport', command)).strip()} --help\n"


def usage_error(command: str, message: str) -> tuple[int, str, str]:
    """What a usage error looks like: nothing on stdout, the message and where to read on."""
    return 2, "", f"Lỗi cách dùng: {message}\n{_hint(command)}"


def assert_usage_frame(result: Result, command: str, pieces: tuple[str, ...]) -> str:
    """A usage error whatever its words: exit 2, stderr only, our frame, naming ``pieces``."""
    code, out, err = said(result)
    assert (code, out) == (2, "")
    assert err.startswith("Lỗi cách dùng: ") and err.endswith(f"\n{_hint(command)}")
    for piece in pieces:
        assert piece in err
    return err


# ------------------------------------------------------------------- help and version


def test_no_arguments_prints_the_help() -> None:
    assert said(qnreport(project=None)) == (0, ROOT_HELP, "")


def test_help() -> None:
    assert said(qnreport("--help", project=None)) == (0, ROOT_HELP, "")
    assert said(qnreport("-h", project=None)) == (0, ROOT_HELP, "")


def test_version() -> None:
    assert said(qnreport("--version", project=None)) == (
        0,
        f"qnreport, phiên bản {__version__}\n",
        "",
    )


def test_template_help() -> None:
    assert said(qnreport("template", "--help")) == (
        0,
        "Cách dùng: qnreport template [TÙY CHỌN]\n"
        "\n"
        "  Tạo biểu mẫu Excel trống cho cơ quan báo cáo.\n"
        "\n"
        "Tùy chọn:\n"
        "  --round ĐỢT           Mã đợt báo cáo, ví dụ cn-2023. Mặc định: mọi đợt trong\n"
        "                        inputs/.\n"
        "  --agency MÃ           Mã cơ quan (có thể lặp lại), ví dụ SKHCN.\n"
        "  --all                 Mọi cơ quan trong danh sách cơ quan.\n"
        "  -o, --output THƯ_MỤC  Thư mục ghi biểu mẫu. Mặc định: outputs/<đợt>/bieu-mau/.\n"
        "  -h, --help            Hiện hướng dẫn này rồi thoát.\n",
        "",
    )


@pytest.mark.parametrize("command", ["validate", "build"])
def test_help_suffixes_in_vietnamese(command: str) -> None:
    code, out, err = said(qnreport(command, "--help"))
    assert (code, err) == (0, "")
    assert not [e for e in ENGLISH if e in out], out
    assert "[từ 1 đến 64]" in out
    if command == "validate":
        assert "[mặc định: text]" in out


# --------------------------------------------------------------------------- template


def test_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = qnreport(
        "template", "--round", "tcc-222-2024", "--agency", "SKHCN", "--agency", "CTK", "-o", "bm"
    )
    assert said(result) == (
        0,
        "Đợt tcc-222-2024: đã tạo 2 biểu mẫu trong bm\n",
        "Đợt tcc-222-2024: tạo biểu mẫu\n",  # the progress bar's label, off a terminal
    )
    assert sorted(p.name for p in (tmp_path / "bm").iterdir()) == [
        "tcc-222-2024_CTK.xlsx",
        "tcc-222-2024_SKHCN.xlsx",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--round", "cn-2023"], "Cần chọn cơ quan: --agency MÃ hoặc --all."),
        (
            ["--round", "cn-2023", "--agency", "SXYZ"],
            "Không có cơ quan mã SXYZ trong danh sách cơ quan ({templates}/agencies.toml).",
        ),
    ],
)
def test_template_usage_errors(
    project: Project, tmp_path: Path, args: list[str], message: str
) -> None:
    result = qnreport("template", *args, "-o", str(tmp_path / "x"))
    assert said(result) == usage_error("template", message.format(templates=project.templates))
    assert not (tmp_path / "x").exists()


# --------------------------------------------------------------------------- validate


def test_validate(
    filled_workbook: WorkbookFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_workbook("SCT", name="SCT.xlsx")
    monkeypatch.chdir(tmp_path)
    assert said(qnreport("validate", "nop")) == (
        0,
        "nop/SCT.xlsx: HỢP LỆ\n"
        "  Cơ quan: SCT; văn bản số 125/BC-SCT, ngày 15/12/2023\n"
        "\n"
        "Tổng cộng: 1 tệp; hợp lệ: 1; có cảnh báo: 0; có lỗi: 0; "
        "không dùng (đã có tệp mới hơn): 0.\n",
        "",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["khong-co.xlsx"], "Không có tệp hoặc thư mục: khong-co.xlsx"),
        (["trong"], "Không tìm thấy tệp Excel (.xlsx) nào trong các thư mục đã cho."),
    ],
)
def test_validate_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    (tmp_path / "trong").mkdir()
    monkeypatch.chdir(tmp_path)
    assert said(qnreport("validate", *args)) == usage_error("validate", message)


# ------------------------------------------------------------------------------ build


def test_build(
    filled_workbook: WorkbookFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_workbook("SCT", name="SCT.xlsx")
    filled_workbook("STC", name="STC.xlsx", values={"VB_NGAY": None})  # required date missing
    monkeypatch.chdir(tmp_path)
    config = signed_config(Project(ROOT), "cn-2023", tmp_path / "cau-hinh")
    result = qnreport(
        "build", "nop", "--round", "cn-2023", "-o", "kq", "--date", "05/01/2024", "--number", "5",
        "--config", str(config),
    )  # fmt: skip
    assert said(result) == (
        0,
        "Đợt cn-2023: Tình hình thực hiện chính sách, kế hoạch phát triển công nghiệp năm 2023\n"
        "  SCT      phần của Sở: dùng SCT.xlsx\n"
        "  STC      đã gửi: dùng STC.xlsx (bỏ 1 ô, dòng chưa hợp lệ, xem kiem-tra-cn-2023.txt)\n"
        "  Chưa gửi (25): SKHDT, BQLKKT, SKHCN, STNMT, SNNPTNT, SNGV, NHNN, SGDDT, "
        "SLDTBXH, CQLTT, CTK, BDT, TPQN, TXDP, HBS, HSTI, HTN, HNH, HMD, HBT, HML, HSH, "
        "HSTA, HTB, HLS\n"
        "Đã đọc 2 tệp.\n"
        "Thay đổi so với lần lập trước:\n"
        "  Lần lập đầu tiên của đợt này.\n"
        "Đã ghi: kq/bao-cao-cn-2023.docx\n"
        "Đã ghi: kq/tong-hop-cn-2023.xlsx\n"
        "Đã ghi: kq/kiem-tra-cn-2023.txt\n"
        "Đã ghi: kq/nhat-ky.md\n",
        "",
    )
    number_cell, date_cell = docx.Document("kq/bao-cao-cn-2023.docx").tables[0].rows[1].cells
    assert number_cell.paragraphs[0].text == "Số: 05/BC-SCT"
    assert date_cell.paragraphs[0].text == "Quảng Ngãi, ngày 05 tháng 01 năm 2024"


ALL_ALONE = "--all không dùng cùng THƯ_MỤC_ĐẦU_VÀO, --round, --config, -o."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["khong-co"], "Không có thư mục: khong-co"),
        (["--all", "nop"], ALL_ALONE),
        (["--all", "--round", "cn-2023"], ALL_ALONE),
    ],
)
def test_build_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    (tmp_path / "nop").mkdir()
    monkeypatch.chdir(tmp_path)
    assert said(qnreport("build", *args)) == usage_error("build", message)
    assert list(tmp_path.iterdir()) == [tmp_path / "nop"]  # nothing written


# ------------------------------------------------------------- the project, the round


def test_no_project_here(tmp_path: Path) -> None:
    """Run outside a project: a plain Vietnamese error naming the way out, exit 1."""
    assert said(qnreport("validate", ".", project=tmp_path)) == (
        1,
        "",
        "Lỗi: Không tìm thấy thư mục dự án (thư mục chứa templates/agencies.toml) tại "
        f"{tmp_path} hoặc các thư mục cha. Hãy chạy lệnh trong thư mục dự án, hoặc dùng "
        "--project.\n",
    )


@pytest.mark.parametrize("args", [["template", "--agency", "SCT"], ["build"]], ids=lambda a: a[0])
def test_unknown_round_is_a_usage_error(args: list[str], tmp_path: Path) -> None:
    result = qnreport(*args, "--round", "xx", "-o", str(tmp_path / "kq"))
    assert said(result) == usage_error(
        args[0], "Không có đợt báo cáo 'xx' (các đợt hiện có: cn-2023, tcc-222-2024)."
    )


# ------------------------------------------------------------- click's own messages


#: id: (arguments, the command the hint names, what the message must still name,
#:      the Vietnamese it should read)
_CLICK_ERRORS: dict[str, tuple[list[str], str, tuple[str, ...], str]] = {
    "no-such-command": (["nope"], "", ("'nope'",), "Không có lệnh 'nope'."),
    "did-you-mean": (
        ["buid"], "", ("'buid'", "'build'"), "Không có lệnh 'buid'. Có phải ý bạn là 'build'?"
    ),
    "no-such-option": (
        ["template", "--bogus"], "template", ("--bogus",), "Không có tùy chọn '--bogus'."
    ),
    "missing-argument": (
        ["validate"], "validate", ("ĐƯỜNG_DẪN",), "Thiếu tham số 'ĐƯỜNG_DẪN...'.",
    ),
    "not-a-choice": (
        ["validate", "--format", "xml", "."], "validate", ("--format", "xml", "text", "json"),
        "Giá trị của '--format' không hợp lệ: 'xml' không hợp lệ; chọn một trong: 'text', "
        "'json'.",
    ),
    "out-of-range": (
        ["validate", "--jobs", "0", "."], "validate", ("--jobs", "64"),
        "Giá trị của '--jobs' không hợp lệ: 0 không nằm trong khoảng từ 1 đến 64.",
    ),
    "bad-date": (
        ["build", "--date", "32/13/2024"], "build",
        ('ngày "32/13/2024" không hợp lệ; viết dạng 05/01/2024.',),
        "Giá trị của '--date' không hợp lệ: ngày \"32/13/2024\" không hợp lệ; viết dạng "
        "05/01/2024.",
    ),
    "project-is-a-file": (
        ["--project", "README.md", "build"], "", ("README.md",),
        "Giá trị của '--project' không hợp lệ: 'README.md' là một tệp, không phải thư mục.",
    ),
}  # fmt: skip
CLICK_ERRORS = [pytest.param(*row[:3], id=key) for key, row in _CLICK_ERRORS.items()]
CLICK_ERRORS_IN_VIETNAMESE = [pytest.param(*row, id=key) for key, row in _CLICK_ERRORS.items()]


def _invoke_in_root(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(ROOT)
    return qnreport(*args, project=None if args[0] == "--project" else ROOT)


@pytest.mark.parametrize(("args", "command", "pieces"), CLICK_ERRORS)
def test_click_usage_errors_exit_2_in_our_frame(
    args: list[str], command: str, pieces: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever click says, it says it inside our frame, on stderr, with exit 2."""
    assert_usage_frame(_invoke_in_root(args, monkeypatch), command, pieces)


@pytest.mark.parametrize(("args", "command", "pieces", "message"), CLICK_ERRORS_IN_VIETNAMESE)
def test_click_messages_in_vietnamese(
    args: list[str],
    command: str,
    pieces: tuple[str, ...],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = assert_usage_frame(_invoke_in_root(args, monkeypatch), command, pieces)
    assert not [e for e in ENGLISH if e in err], err
    assert err.splitlines()[0] == f"Lỗi cách dùng: {message}"


# ------------------------------------------------------------------------ help texts


def _commands(group: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(group, click.Group):
        for name, sub in group.commands.items():
            yield from _commands(sub, (*path, name))


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


def _is_vietnamese(text: str | None) -> bool:
    """Non-empty, NFC, and written with at least one Vietnamese letter."""
    if not text:
        return False
    return text == unicodedata.normalize("NFC", text) and any(c in VIETNAMESE for c in text.lower())


COMMANDS = list(_commands(cli))


def test_every_command_is_walked() -> None:
    """The commands a clerk has; a new one joins here and so gets the checks below."""
    assert COMMANDS == [
        (),
        ("template",),
        ("validate",),
        ("import",),
        ("build",),
        ("round",),
        ("round", "new"),
        ("status",),
        ("letter",),
        ("letter", "request"),
        ("letter", "remind"),
        ("users",),
        ("users", "add"),
        ("users", "list"),
        ("users", "reset"),
        ("serve",),
    ]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "qnreport")
def test_every_command_and_option_has_vietnamese_help(path: tuple[str, ...]) -> None:
    command = _command(path)
    assert _is_vietnamese(command.help), command.name
    options = [p for p in command.params if isinstance(p, click.Option)]
    assert options
    lacking = [o.name for o in options if not _is_vietnamese(o.help)]
    assert lacking == []


@pytest.mark.parametrize(
    "path",
    [p for p in COMMANDS if any(isinstance(a, click.Argument) for a in _command(p).params)],
    ids=" ".join,
)
def test_every_argument_has_vietnamese_help(path: tuple[str, ...]) -> None:
    arguments = [p for p in _command(path).params if isinstance(p, click.Argument)]
    assert arguments and all(_is_vietnamese(a.help) for a in arguments)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "qnreport")
def test_help_of_every_command_exits_0(path: tuple[str, ...]) -> None:
    code, out, err = said(qnreport(*path, "--help", project=None))
    assert (code, err) == (0, "")
    assert out.startswith(f"Cách dùng: {' '.join(('qnreport', *path))} [TÙY CHỌN]")
    assert "\nTùy chọn:\n" in out
