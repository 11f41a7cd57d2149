"""The ``qnreport`` command: a thin click shell over the library functions.

Heavy libraries (openpyxl, python-docx) are imported inside the commands that need them,
so ``qnreport --help`` and ``qnreport validate`` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .errors import QnreportError, UsageError


class _Vietnamese:
    """Click's own words (usage, options, errors) in Vietnamese."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Cách dùng: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            r
            for p in self.get_params(ctx)  # type: ignore[attr-defined]
            if (r := p.get_help_record(ctx)) is not None
        ]
        if rows:
            with formatter.section("Tùy chọn"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [
                (name, cmd.get_short_help_str(70))
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
        except click.UsageError as exc:
            hint = f"\nXem hướng dẫn: {exc.ctx.command_path} --help" if exc.ctx else ""
            click.echo(f"Lỗi cách dùng: {exc.format_message()}{hint}", err=True)
            sys.exit(2)
        except QnreportError as exc:
            click.echo(f"Lỗi: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
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


class Group(_Vietnamese, click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)


HELP = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _help_option(f: Any) -> Any:
    return click.help_option("-h", "--help", help="Hiện hướng dẫn này rồi thoát.")(f)


def _jobs_option(f: Any) -> Any:
    return click.option(
        "--jobs",
        type=click.IntRange(1, 64),
        default=None,
        metavar="N",
        help="Số tiến trình đọc biểu mẫu song song. Mặc định: số lõi CPU.",
    )(f)


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

    Quy trình: phát biểu mẫu Excel cho từng cơ quan (template), kiểm tra các biểu mẫu đã
    điền (validate), tổng hợp thành báo cáo Word theo Nghị định 30/2020/NĐ-CP (build).
    """
    ctx.obj = project


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
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục ghi biểu mẫu. Mặc định: outputs/<đợt>/bieu-mau/.",
)
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
    try:
        jobs = plan_templates(_project(ctx), round_id, codes, output)
    except UsageError as exc:
        raise click.UsageError(exc.format_message()) from None
    for job in jobs:
        rid = job.ctx.round.id
        with click.progressbar(
            length=len(job.agencies), label=f"Đợt {rid}: tạo biểu mẫu", file=sys.stderr
        ) as bar:
            paths = write_all(job.ctx, job.out_dir, job.agencies, lambda _a: bar.update(1))
        click.echo(f"Đợt {rid}: đã tạo {len(paths)} biểu mẫu trong {job.out_dir}")


@cli.command(add_help_option=False)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="ĐƯỜNG_DẪN..."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Dạng kết quả: bảng dễ đọc (text) hoặc JSON cho công cụ khác.",
)
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
    import os

    batch = Validator(_project(ctx)).validate_paths(
        list(paths), jobs=jobs or os.cpu_count() or 1, keep_content=fmt == "json"
    )
    if not batch.reports:
        raise click.UsageError("Không tìm thấy tệp Excel nào trong các thư mục đã chỉ.")
    click.echo(json_document(batch) if fmt == "json" else text_table(batch), nl=False)
    if annotate:
        from .check.annotate import write_annotated

        written = [p for r in batch.reports if (p := write_annotated(r, annotate))]
        click.echo(f"Đã ghi {len(written)} bản sao có đánh dấu vào {annotate}", err=True)
    warned = any(r.findings for r in batch.reports)
    ctx.exit(1 if batch.has_errors or (strict and warned) else 0)


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
)
@click.option(
    "--round",
    "round_id",
    metavar="ĐỢT",
    help="Mã đợt báo cáo. Mặc định: đợt mẫu đầu tiên trong inputs/.",
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
            round_id, input_dir, output, config, date, number, pdf, force, workers
        )
        run_build(project, options, echo=click.echo)
        return
    if input_dir or round_id or config or output:
        raise click.UsageError("--all không dùng cùng THƯ_MỤC_ĐẦU_VÀO, --round, --config, -o.")
    from .config.rounds import list_rounds

    options = BuildOptions(None, None, None, None, date, number, pdf, force, workers)
    rounds = list_rounds(project)
    with click.progressbar(length=len(rounds), label="Lập báo cáo các đợt", file=sys.stderr) as bar:
        outcomes = build_all(project, options, rounds, on_done=lambda _rid: bar.update(1))
    for outcome in outcomes:
        click.echo(f"{outcome.round_id}: {outcome.describe()}")
    ctx.exit(1 if any(o.error for o in outcomes) else 0)


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
@click.argument("username", metavar="TÊN_ĐĂNG_NHẬP")
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
    from .config.registry import load_registry
    from .web.security import hash_password, new_password

    store = _portal_store(ctx, db)
    if role == "agency":
        known = load_registry(store.project.templates / "agencies.toml")
        if not agency or agency not in known:
            raise click.UsageError(
                f"Cần --agency là một mã trong danh sách cơ quan (có: {agency})."
            )
    elif agency:
        raise click.UsageError("Tài khoản clerk không gắn với cơ quan: bỏ --agency.")
    if store.account(username) is not None:
        raise click.UsageError(
            f"Đã có tài khoản {username}; dùng 'users reset' để đặt lại mật khẩu."
        )
    password = new_password()
    store.add_account(username, role, agency, hash_password(password))
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
@click.argument("username", metavar="TÊN_ĐĂNG_NHẬP")
@_db_option
@_help_option
@click.pass_context
def users_reset(ctx: click.Context, username: str, db: str | None) -> None:
    """Đặt mật khẩu mới (in ra một lần); các phiên đăng nhập cũ hết hiệu lực."""
    from .web.security import hash_password, new_password

    password = new_password()
    if not _portal_store(ctx, db).set_password(username, hash_password(password)):
        raise click.UsageError(f"Không có tài khoản {username}.")
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
    app = create_app(project, database_url(project, db), workers=workers, https_only=secure_cookie)
    click.echo(f"Cổng tiếp nhận báo cáo: http://{host}:{port}/ (Ctrl+C để dừng)", err=True)
    uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="warning")


def main() -> None:
    cli()
