"""The ``qnreport`` command: a thin click shell over the library functions.

Heavy libraries (openpyxl, python-docx) are imported inside the commands that need them,
so ``qnreport --help`` and ``qnreport validate`` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__, clickvi
from .errors import QnreportError, UsageError

clickvi.install()


# What click raises for a group called with nothing (click >= 8.2); older click exits 0.
_NO_ARGS_IS_HELP: type[click.UsageError] = getattr(
    click.exceptions, "NoArgsIsHelpError", type("_Never", (click.UsageError,), {})
)


class _Range(click.IntRange):
    """Help and errors say "từ 1 đến 64" rather than click's "1<=x<=64"."""

    def _describe_range(self) -> str:
        return f"từ {self.min} đến {self.max}"


class _Vietnamese:
    """Click's own words (usage, options, errors) in Vietnamese."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Cách dùng: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            r
            for p in self.get_params(ctx)  # type: ignore[attr-defined]
            if isinstance(p, click.Option) and (r := p.get_help_record(ctx)) is not None
        ]
        if rows:
            with formatter.section("Tùy chọn"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [
                (name, cmd.get_short_help_str(90))
                for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden
            ]
            if commands:
                with formatter.section("Các lệnh"):
                    formatter.write_dl(commands)

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)  # type: ignore[misc]
        except _NO_ARGS_IS_HELP as exc:  # the bare command: its help, once, and success
            assert exc.ctx is not None
            click.echo(exc.ctx.get_help())
            sys.exit(0)
        except click.UsageError as exc:
            hint = f"\nXem hướng dẫn: {exc.ctx.command_path} --help" if exc.ctx else ""
            click.echo(f"Lỗi cách dùng: {exc.format_message()}{hint}", err=True)
            sys.exit(2)
        except QnreportError as exc:
            click.echo(f"Lỗi: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # the environment refused something no command foresaw
            from .files import system_failure

            click.echo(f"Lỗi: {system_failure(exc)}", err=True)
            sys.exit(1)
        except click.Abort:
            click.echo("Đã dừng.", err=True)
            sys.exit(1)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Đã dừng.", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


class Command(_Vietnamese, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """A library usage error (an unknown round or agency) is shown as click's own, with
        the command's help named and exit code 2."""
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(exc.format_message(), ctx) from None


class Group(_Vietnamese, click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """In the order of a round's calendar, not A to Z."""
        return sorted(self.commands, key=lambda n: CALENDAR.index(n) if n in CALENDAR else 99)


# The commands in the order a clerk meets them during a round.
CALENDAR = (
    "round",
    "letter",
    "template",
    "import",
    "validate",
    "status",
    "build",
    "serve",
    "users",
)
F = TypeVar("F", bound=Callable[..., Any])
HELP = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _help_option(f: Any) -> Any:
    return click.help_option("-h", "--help", help="Hiện hướng dẫn này rồi thoát.")(f)


def _jobs_option(f: Any) -> Any:
    return click.option(
        "--jobs",
        type=_Range(1, 64),
        default=None,
        metavar="N",
        help="Số tiến trình đọc biểu mẫu song song. Mặc định: số lõi CPU.",
    )(f)


def _format_option(f: Any) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="Dạng kết quả: bảng dễ đọc (text) hoặc JSON cho công cụ khác.",
    )(f)


def _template_dir_option(folder: str) -> Callable[[F], F]:
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="THƯ_MỤC",
        help=f"Thư mục ghi biểu mẫu. Mặc định: outputs/<đợt>/{folder}/.",
    )


@click.group(cls=Group, context_settings=HELP, add_help_option=False)
@click.version_option(
    __version__,
    "--version",
    prog_name="qnreport",
    message="%(prog)s, phiên bản %(version)s",
    help="Hiện phiên bản rồi thoát.",
)
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục dự án (chứa templates/, inputs/). Mặc định: thư mục hiện tại.",
)
@_help_option
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """Tổng hợp báo cáo thực hiện kế hoạch phát triển công nghiệp của Sở Công Thương Quảng Ngãi.

    Một đợt báo cáo: tạo đợt (round new), công văn đề nghị báo cáo (letter request),
    biểu mẫu Excel cho từng cơ quan (template), kiểm tra biểu mẫu đã nhận (validate), theo
    dõi tình hình gửi (status), đôn đốc (letter remind), tổng hợp thành báo cáo Word theo
    Nghị định 30/2020/NĐ-CP (build). Cơ quan trả lời bằng công văn Word/PDF: chuyển vào
    biểu mẫu bằng lệnh import. Cổng thông tin để các cơ quan gửi biểu mẫu qua mạng: serve,
    tài khoản: users.
    """
    ctx.obj = project


def _is_terminal() -> bool:
    return sys.stderr.isatty()


def _project(ctx: click.Context) -> Any:
    from .config.project import Project

    return Project.find(ctx.find_root().obj)


@cli.command(add_help_option=False)
@click.option(
    "--round",
    "round_id",
    metavar="ĐỢT",
    help="Mã đợt báo cáo, ví dụ cn-2023. Mặc định: mọi đợt trong inputs/.",
)
@click.option(
    "--agency",
    "agencies",
    multiple=True,
    metavar="MÃ",
    help="Mã cơ quan (có thể lặp lại), ví dụ SKHCN.",
)
@click.option("--all", "all_agencies", is_flag=True, help="Mọi cơ quan trong danh sách cơ quan.")
@_template_dir_option("bieu-mau")
@_help_option
@click.pass_context
def template(
    ctx: click.Context,
    round_id: str | None,
    agencies: Sequence[str],
    all_agencies: bool,
    output: Path | None,
) -> None:
    """Tạo biểu mẫu Excel trống cho cơ quan báo cáo."""
    from .template.workbook import plan_templates, write_all

    if not agencies and not all_agencies:
        raise click.UsageError("Cần chọn cơ quan: --agency MÃ hoặc --all.")
    codes = None if all_agencies else agencies
    jobs = plan_templates(_project(ctx), round_id, codes, output)
    for job in jobs:
        rid = job.ctx.round.id
        with click.progressbar(
            length=len(job.agencies), label=f"Đợt {rid}: tạo biểu mẫu", file=sys.stderr
        ) as bar:
            paths = write_all(job.ctx, job.out_dir, job.agencies, lambda _a: bar.update(1))
        click.echo(f"Đợt {rid}: đã tạo {len(paths)} biểu mẫu trong {job.out_dir}")


@cli.command(add_help_option=False)
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    metavar="ĐƯỜNG_DẪN...",
    help="Các tệp biểu mẫu, hoặc thư mục chứa biểu mẫu (đọc cả thư mục con).",
)
@_format_option
@click.option(
    "--annotate",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Ghi bản sao có đánh dấu ô lỗi (để gửi lại cơ quan) vào thư mục này.",
)
@click.option("--strict", is_flag=True, help="Coi cảnh báo như lỗi (mã thoát 1).")
@_jobs_option
@_help_option
@click.pass_context
def validate(
    ctx: click.Context,
    paths: Sequence[Path],
    fmt: str,
    annotate: Path | None,
    strict: bool,
    jobs: int | None,
) -> None:
    """Kiểm tra các biểu mẫu đã điền (tệp hoặc thư mục).

    Mã thoát: 0 khi không tệp nào có lỗi, 1 khi có tệp có lỗi, 2 khi sai cách dùng.
    """
    from .check.batch import Validator
    from .check.findings_table import json_document, text_table

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"Không có tệp hoặc thư mục: {', '.join(missing)}")
    import contextlib
    import os

    from .check.batch import expand_paths

    validator = Validator(_project(ctx))
    files = expand_paths(list(paths))
    # Progress only for a person watching a terminal: never in a pipe, a file or a log.
    bar: Any = (
        click.progressbar(length=len(files), label="Đang kiểm tra", file=sys.stderr)
        if len(files) > 1 and _is_terminal()
        else contextlib.nullcontext()
    )
    with bar:
        batch = validator.validate_files(
            files,
            jobs=jobs or os.cpu_count() or 1,
            keep_content=fmt == "json",
            on_done=(lambda: bar.update(1)) if hasattr(bar, "update") else None,
        )
    if not batch.reports:
        raise click.UsageError("Không tìm thấy tệp Excel (.xlsx) nào trong các thư mục đã cho.")
    click.echo(json_document(batch) if fmt == "json" else text_table(batch), nl=False)
    if annotate:
        from .check.annotate import write_copies

        written = write_copies(batch, annotate, validator.addressee)
        click.echo(f"Đã ghi {len(written)} bản sao có đánh dấu vào {annotate}", err=True)
    warned = any(r.findings for r in batch.reports)
    ctx.exit(1 if batch.has_errors or (strict and warned) else 0)


@cli.command("import", add_help_option=False)
@click.argument(
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="TỆP",
    help="Công văn trả lời của cơ quan (.docx, .doc hoặc .pdf có lớp chữ).",
)
@click.option(
    "--round", "round_id", metavar="ĐỢT", help="Mã đợt báo cáo, ví dụ cn-2023 (bắt buộc)."
)
@click.option(
    "--agency",
    metavar="MÃ",
    help="Mã cơ quan gửi công văn, khi không nhận ra được từ phần đầu văn bản.",
)
@_template_dir_option("tu-cong-van")
@_help_option
@click.pass_context
def import_(
    ctx: click.Context, file: Path, round_id: str, agency: str | None, output: Path | None
) -> None:
    """Chuyển công văn trả lời (.docx, .doc, .pdf) vào biểu mẫu Excel của cơ quan.

    Đọc số, ngày, người ký, công văn được trả lời và nội dung theo đề cương; ghi biểu mẫu
    đã điền kèm trang "Ghi chú" nói rõ nội dung nào lấy từ đâu, đoạn nào chưa ghi được.
    Hãy mở biểu mẫu, kiểm tra, sửa rồi đặt vào thư mục đợt báo cáo.

    Mã thoát: 0 khi đã ghi biểu mẫu, 1 khi không đọc được công văn, 2 khi sai cách dùng.
    """
    import textwrap

    from .check.letters import import_letter
    from .config.rounds import open_round
    from .findings import Catalogue

    if not round_id:
        raise click.UsageError("Cần chọn đợt báo cáo: --round ĐỢT (ví dụ --round cn-2023).")
    project = _project(ctx)
    rctx = open_round(project, round_id)
    if agency is not None and agency not in rctx.registry:
        raise click.UsageError(f"Không có cơ quan mã '{agency}' trong danh sách cơ quan.")
    cat = Catalogue.load(project.templates / "findings.toml")
    out_dir = output or project.outputs / rctx.round.id / "tu-cong-van"
    result = import_letter(file, rctx, cat, out_dir, agency=agency)
    for f in result.findings:
        click.echo(
            textwrap.fill(
                f"[{f.level.value}] {f.message} ({f.code})", width=100, subsequent_indent="    "
            )
        )
    if result.path is None:
        click.echo(f"Không ghi được biểu mẫu từ {file.name}.", err=True)
        ctx.exit(1)
    click.echo(f"Đã ghi biểu mẫu: {result.path}")


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from .read.values import State, read_date

    reading = read_date(value)
    if reading.state is not State.VALUE:
        raise click.BadParameter(f'ngày "{value}" không hợp lệ; viết dạng 05/01/2024.')
    return reading.value


@cli.command(add_help_option=False)
@click.argument(
    "input_dir",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="[THƯ_MỤC_ĐẦU_VÀO]",
    help="Thư mục biểu mẫu đã nhận. Mặc định: inputs/<đợt>/.",
)
@click.option(
    "--round",
    "round_id",
    metavar="ĐỢT",
    help="Mã đợt báo cáo. Mặc định: đợt có current = true trong round.toml, hoặc đợt duy nhất.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục kết quả. Mặc định: outputs/<đợt>/.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="TỆP",
    help="Tệp cấu hình báo cáo. Mặc định: templates/reports/<đợt>.toml.",
)
@click.option(
    "--date",
    callback=_date,
    metavar="NGÀY",
    help="Ngày ban hành báo cáo (ghi đè cấu hình), ví dụ 05/01/2024.",
)
@click.option("--number", metavar="SỐ", help="Số báo cáo (ghi đè cấu hình), ví dụ 05.")
@click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF (cần LibreOffice).")
@click.option("--force", is_flag=True, help="Lập lại toàn bộ dù dữ liệu không đổi.")
@click.option(
    "--accept-review",
    is_flag=True,
    help="Đã xem lại các phần biên tập được đánh dấu cần xem lại: bỏ các ghi chú đánh dấu.",
)
@click.option(
    "--all", "all_rounds", is_flag=True, help="Lập mọi đợt có trong inputs/ (đợt nào cần)."
)
@_jobs_option
@_help_option
@click.pass_context
def build(
    ctx: click.Context,
    input_dir: Path | None,
    round_id: str | None,
    output: Path | None,
    config: Path | None,
    date: Any,
    number: str | None,
    pdf: bool,
    force: bool,
    accept_review: bool,
    all_rounds: bool,
    jobs: int | None,
) -> None:
    """Tổng hợp các biểu mẫu hợp lệ thành báo cáo Word và bảng tổng hợp Excel.

    Mã thoát: 0 khi đã ghi báo cáo, 1 khi không ghi được (báo cáo cũ giữ nguyên), 2 khi sai
    cách dùng.
    """
    import os

    from .build import BuildOptions, build_all
    from .build import build as run_build

    if input_dir is not None and not input_dir.is_dir():
        raise click.UsageError(f"Không có thư mục: {input_dir}")
    workers = jobs or os.cpu_count() or 1
    project = _project(ctx)
    if not all_rounds:
        options = BuildOptions(
            round_id, input_dir, output, config, date, number, pdf, force, workers, accept_review
        )
        run_build(project, options, echo=click.echo)
        return
    if input_dir or round_id or config or output:
        raise click.UsageError("--all không dùng cùng THƯ_MỤC_ĐẦU_VÀO, --round, --config, -o.")
    from .config.rounds import list_rounds

    options = BuildOptions(None, None, None, None, date, number, pdf, force, workers, accept_review)
    rounds = list_rounds(project)
    with click.progressbar(length=len(rounds), label="Lập báo cáo các đợt", file=sys.stderr) as bar:
        outcomes = build_all(project, options, rounds, on_done=lambda _rid: bar.update(1))
    for outcome in outcomes:
        click.echo(f"{outcome.round_id}: {outcome.describe()}")
    ctx.exit(1 if any(o.error for o in outcomes) else 0)


# ------------------------------------------------------------------ the round's calendar


@cli.group(name="round", cls=Group, add_help_option=False)
@_help_option
def round_group() -> None:
    """Đợt báo cáo: tạo đợt mới từ đợt năm trước."""


@round_group.command(name="new", add_help_option=False)
@click.argument("round_id", metavar="MÃ_ĐỢT", help="Mã đợt mới, ví dụ cn-2024.")
@click.option(
    "--from",
    "previous",
    metavar="ĐỢT_TRƯỚC",
    help="Đợt năm trước để chép cấu hình và điền sẵn số năm trước, ví dụ cn-2023.",
)
@click.option(
    "--outline",
    metavar="ĐỀ_CƯƠNG",
    help="Mã đề cương (tệp templates/outlines/<mã>.toml). Mặc định: đề cương của đợt trước.",
)
@click.option(
    "--year",
    type=int,
    metavar="NĂM",
    help="Năm báo cáo. Mặc định: năm sau năm của đợt trước (hoặc năm ở cuối mã đợt).",
)
@_help_option
@click.pass_context
def round_new(
    ctx: click.Context,
    round_id: str,
    previous: str | None,
    outline: str | None,
    year: int | None,
) -> None:
    """Tạo đợt báo cáo mới (không ghi đè đợt đã có) và liệt kê những gì còn phải điền."""
    from .round.new import describe, new_round

    result = new_round(_project(ctx), round_id, previous=previous, outline=outline, year=year)
    click.echo("\n".join(describe(result)))


def _today(_ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    import datetime as dt

    return _date(_ctx, param, value) or dt.date.today()


def _as_of_option(f: Any) -> Any:
    return click.option(
        "--date",
        "as_of",
        callback=_today,
        metavar="NGÀY",
        help="Tính đến ngày này, ví dụ 22/12/2024. Mặc định: hôm nay.",
    )(f)


def _needed_round(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    if not value:  # click's own "required" would print an English "[required]" in --help
        raise click.UsageError("Cần chọn đợt: --round ĐỢT, ví dụ --round cn-2024.")
    return value


def _round_option(f: Any) -> Any:
    return click.option(
        "--round",
        "round_id",
        callback=_needed_round,
        metavar="ĐỢT",
        help="Mã đợt báo cáo (bắt buộc), ví dụ cn-2024.",
    )(f)


@cli.command(add_help_option=False)
@_round_option
@_as_of_option
@_format_option
@_help_option
@click.pass_context
def status(ctx: click.Context, round_id: str, as_of: Any, fmt: str) -> None:
    """Tình hình gửi báo cáo của từng cơ quan: đúng hạn, sau hạn, có lỗi, chưa gửi."""
    from .round.status import json_document, round_status, text_table

    result = round_status(_project(ctx), round_id, as_of)
    click.echo(json_document(result) if fmt == "json" else text_table(result), nl=False)


@cli.group(name="letter", cls=Group, add_help_option=False)
@_help_option
def letter_group() -> None:
    """Công văn của đợt: đề nghị báo cáo và đôn đốc báo cáo (Nghị định 30/2020/NĐ-CP)."""


def _letter_outputs(f: Any) -> Any:
    f = click.option("--pdf", is_flag=True, help="Tạo thêm bản PDF (cần LibreOffice).")(f)
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="THƯ_MỤC",
        help="Thư mục ghi công văn. Mặc định: outputs/<đợt>/cong-van/.",
    )(f)


def _write_letters(
    ctx: click.Context, letters: Any, output: Path | None, pdf: bool, when: Any
) -> None:
    from .build.pipeline import SOFFICE_VARIABLE, convert_to_pdf, find_soffice
    from .round.letters import write_letter

    project = _project(ctx)
    rid = ctx.params["round_id"]
    out_dir = output or project.outputs / rid / "cong-van"
    style = project.templates / "styles" / "bao-cao.docx"
    for letter in letters:
        path = write_letter(letter, style, out_dir, when)
        click.echo(f"Đã ghi: {path}")
        if pdf:
            soffice = find_soffice()
            made = convert_to_pdf(path, out_dir, soffice) if soffice else None
            if made is None:
                raise QnreportError(
                    "Không tạo được PDF: không tìm thấy LibreOffice (chương trình soffice), "
                    f"hoặc LibreOffice không chuyển được công văn. Đặt biến {SOFFICE_VARIABLE} "
                    "là đường dẫn tới soffice nếu đã cài ở nơi khác."
                )
            click.echo(f"Đã ghi: {made}")


def _letter_context(ctx: click.Context, round_id: str) -> Any:
    from .config.rounds import open_round
    from .report.compose import Texts
    from .round.letters import LetterConfig

    project = _project(ctx)
    rctx = open_round(project, round_id)
    cfg = LetterConfig.load(project.templates / "reports" / f"{round_id}.toml")
    return project, rctx, cfg, Texts(project.templates / "text")


@letter_group.command(name="request", add_help_option=False)
@_round_option
@_letter_outputs
@_help_option
@click.pass_context
def letter_request(ctx: click.Context, round_id: str, output: Path | None, pdf: bool) -> None:
    """Công văn đề nghị các cơ quan báo cáo, kèm Đề cương báo cáo."""
    from .round.letters import draft_notes, request_letter
    from .round.status import issuer_code

    _, rctx, cfg, texts = _letter_context(ctx, round_id)
    letter = request_letter(rctx, cfg, texts, issuer_code(rctx))
    for note in draft_notes(rctx, cfg):
        click.echo(f"Lưu ý: {note}", err=True)
    _write_letters(ctx, [letter], output, pdf, rctx.round.request_date)


@letter_group.command(name="remind", add_help_option=False)
@_round_option
@_as_of_option
@click.option(
    "--until",
    callback=_date,
    metavar="NGÀY",
    help="Hạn mới ghi trong công văn, ví dụ 27/12/2024. Mặc định: đề nghị gửi sớm nhất.",
)
@click.option("--each", is_flag=True, help="Mỗi cơ quan một công văn riêng.")
@_letter_outputs
@_help_option
@click.pass_context
def letter_remind(
    ctx: click.Context,
    round_id: str,
    as_of: Any,
    until: Any,
    each: bool,
    output: Path | None,
    pdf: bool,
) -> None:
    """Công văn đôn đốc các cơ quan chưa gửi báo cáo, hoặc gửi số liệu chưa hợp lệ."""
    from .round.letters import reminder_letters
    from .round.status import round_status

    project, rctx, cfg, texts = _letter_context(ctx, round_id)
    result = round_status(project, round_id, as_of)
    letters = reminder_letters(rctx, cfg, texts, result, each=each, until=until)
    _write_letters(ctx, letters, output, pdf, as_of)


# ---------------------------------------------------------------- web portal (qnreport.web)


def _db_option(f: Any) -> Any:
    return click.option(
        "--db",
        metavar="CSDL",
        help="Cơ sở dữ liệu của cổng: đường dẫn tệp SQLite hoặc postgresql://… "
        "Mặc định: outputs/web/portal.db.",
    )(f)


def _portal_store(ctx: click.Context, db: str | None) -> Any:
    from .web.store import Store, database_url

    project = _project(ctx)
    return Store(project, database_url(project, db))


@cli.group(cls=Group, add_help_option=False)
@_help_option
def users() -> None:
    """Tài khoản của cổng tiếp nhận báo cáo (qnreport serve)."""


@users.command("add", add_help_option=False)
@click.argument("username", metavar="TÊN_ĐĂNG_NHẬP", help="Tên đăng nhập của tài khoản.")
@click.option(
    "--role",
    type=click.Choice(["agency", "clerk"]),
    default="agency",
    show_default=True,
    help="Vai trò: cơ quan báo cáo (agency) hoặc cán bộ tổng hợp của Sở (clerk).",
)
@click.option("--agency", metavar="MÃ", help="Mã cơ quan của tài khoản (bắt buộc với agency).")
@_db_option
@_help_option
@click.pass_context
def users_add(
    ctx: click.Context, username: str, role: str, agency: str | None, db: str | None
) -> None:
    """Tạo tài khoản; mật khẩu ngẫu nhiên được in ra một lần để trao cho người dùng."""
    from .web import accounts

    try:
        password = accounts.create_account(_portal_store(ctx, db), username, role, agency)
    except accounts.AccountError as exc:
        words = {
            accounts.UNKNOWN_AGENCY: "Cần --agency là một mã trong danh sách cơ quan "
            f"(có: {exc.subject or None}).",
            accounts.CLERK_WITH_AGENCY: "Tài khoản clerk không gắn với cơ quan: bỏ --agency.",
            accounts.EXISTS: f"Đã có tài khoản {username}; dùng 'users reset' để đặt lại mật khẩu.",
            accounts.BAD_USERNAME: "Tên đăng nhập cần từ 1 đến 64 ký tự, không có dấu cách.",
        }
        raise click.UsageError(words[exc.kind]) from None
    click.echo(f"Đã tạo tài khoản {username} ({role}{' ' + agency if agency else ''}).")
    click.echo(f"Mật khẩu: {password}")


@users.command("list", add_help_option=False)
@_db_option
@_help_option
@click.pass_context
def users_list(ctx: click.Context, db: str | None) -> None:
    """Liệt kê các tài khoản."""
    accounts = _portal_store(ctx, db).list_accounts()
    if not accounts:
        click.echo("Chưa có tài khoản nào.")
    for acct in accounts:
        click.echo(f"{acct.username}\t{acct.role}\t{acct.agency or ''}")


@users.command("reset", add_help_option=False)
@click.argument("username", metavar="TÊN_ĐĂNG_NHẬP", help="Tên đăng nhập của tài khoản.")
@_db_option
@_help_option
@click.pass_context
def users_reset(ctx: click.Context, username: str, db: str | None) -> None:
    """Đặt mật khẩu mới (in ra một lần); các phiên đăng nhập cũ hết hiệu lực."""
    from .web import accounts

    try:
        password = accounts.reset_password(_portal_store(ctx, db), username)
    except accounts.AccountError:
        raise click.UsageError(f"Không có tài khoản {username}.") from None
    click.echo(f"Đã đặt lại mật khẩu của {username}.")
    click.echo(f"Mật khẩu: {password}")


@cli.command(add_help_option=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ lắng nghe.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Cổng."
)
@_db_option
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=None,
    metavar="N",
    help="Số tiến trình kiểm tra tệp song song. Mặc định: nửa số lõi CPU (tối đa 4).",
)
@click.option(
    "--secure-cookie",
    is_flag=True,
    help="Chỉ gửi cookie đăng nhập qua HTTPS (bật khi chạy sau proxy HTTPS).",
)
@_help_option
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    db: str | None,
    workers: int | None,
    secure_cookie: bool,
) -> None:
    """Chạy cổng tiếp nhận báo cáo: cơ quan tải biểu mẫu, gửi tệp, xem kết quả kiểm tra."""
    import logging

    import uvicorn

    from .web.app import create_app
    from .web.store import database_url

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    project = _project(ctx)
    app = create_app(
        project, database_url(project, db), workers=workers, https_only=secure_cookie, warm=True
    )
    click.echo(f"Cổng tiếp nhận báo cáo: http://{host}:{port}/ (Ctrl+C để dừng)", err=True)
    uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="warning")


def main() -> None:
    _utf8_output()
    cli()


def _utf8_output() -> None:
    """Vietnamese on any console: Windows gives a redirected output (``> ketqua.txt``) or
    an old console cp1252, which cannot hold "Ọ" and stopped every command with
    UnicodeEncodeError. UTF-8 is what Notepad and Excel read back."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
