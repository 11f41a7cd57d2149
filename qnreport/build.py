"""``qnreport build``: validate a round's workbooks, consolidate, write the report.

The build reads like its steps: validate → consolidate → compose → render → write. Every
output is first written to a temporary file beside its target and renamed into place only
when all of them were made, so a failed build leaves the previous outputs as they were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .compose import ReportConfig, compose, override
from .consolidate import Consolidation, consolidate
from .errors import BuildError, ConfigError
from .findings_table import text_table
from .project import Project
from .render_docx import render_report
from .rounds import RoundContext, open_round
from .summary import write_summary
from .validate import Batch, Validator
from .vntext import format_number


@dataclass
class BuildOptions:
    round_id: str | None = None
    input_dir: Path | None = None
    output_dir: Path | None = None
    config: Path | None = None
    date: dt.date | None = None
    number: str | None = None
    pdf: bool = False


@dataclass
class BuildResult:
    ctx: RoundContext
    batch: Batch
    consolidation: Consolidation
    outputs: dict[str, Path]
    notes: list[str] = field(default_factory=list)


def output_names(round_id: str) -> dict[str, str]:
    return {
        "report": f"bao-cao-{round_id}.docx",
        "summary": f"tong-hop-{round_id}.xlsx",
        "findings": f"kiem-tra-{round_id}.txt",
        "pdf": f"bao-cao-{round_id}.pdf",
    }


def build(
    project: Project, options: BuildOptions, echo: Callable[[str], None] = print
) -> BuildResult:
    ctx = open_round(project, options.round_id)
    rid = ctx.round.id
    input_dir = options.input_dir or ctx.round.folder
    out_dir = options.output_dir or project.outputs / rid
    config_path = options.config or project.templates / "reports" / f"{rid}.toml"
    if not config_path.is_file():
        raise ConfigError(f"Không có cấu hình báo cáo {config_path} cho đợt {rid}.")
    config = override(ReportConfig.load(config_path), date=options.date, number=options.number)

    batch = Validator(project).validate_paths([input_dir])
    batch = Batch([r for r in batch.reports if r.submission is None or r.submission.round == rid])
    cons = consolidate(ctx, batch)
    if not cons.used:
        raise BuildError(
            f"Không có biểu mẫu hợp lệ nào của đợt {rid} trong {input_dir}; "
            "không tạo báo cáo, các tệp đã có trong thư mục kết quả được giữ nguyên."
        )
    report = compose(cons, config, project.templates / "text")

    names = output_names(rid)
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: dict[str, Path] = {}
    try:
        for key in ("report", "summary", "findings"):
            fd, name = tempfile.mkstemp(prefix=f".{names[key]}.", suffix=".tmp", dir=out_dir)
            os.close(fd)
            staged[key] = Path(name)
        render_report(report, project.templates / "styles" / "bao-cao.docx", staged["report"])
        write_summary(cons, staged["summary"])
        staged["findings"].write_text(text_table(batch), encoding="utf-8")
        outputs = {}
        for key, tmp in staged.items():
            os.chmod(tmp, 0o644)
            target = out_dir / names[key]
            os.replace(tmp, target)
            outputs[key] = target
    finally:
        for tmp in staged.values():
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    result = BuildResult(ctx, batch, cons, outputs)
    if options.pdf:
        pdf = convert_to_pdf(outputs["report"], out_dir)
        if pdf is None:
            result.notes.append(
                "Không tạo được PDF: máy chưa cài LibreOffice (lệnh soffice). "
                "Cài LibreOffice rồi chạy lại với --pdf."
            )
        else:
            outputs["pdf"] = pdf
    for line in describe(result):
        echo(line)
    return result


def convert_to_pdf(docx: Path, out_dir: Path) -> Path | None:
    """LibreOffice's rendering of the report, beside it; None when LibreOffice is absent."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(docx),
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
        made = Path(work) / (docx.stem + ".pdf")
        if not made.is_file():
            return None
        target = out_dir / (docx.stem + ".pdf")
        shutil.copyfile(made, target.with_suffix(".pdf.tmp"))
        os.replace(target.with_suffix(".pdf.tmp"), target)
        return target


def _figure(value: Decimal | None) -> str:
    return "trống" if value is None else format_number(value)


def describe(result: BuildResult) -> list[str]:
    """What the build used, per agency, for the terminal and the clerk's record."""
    cons = result.consolidation
    lines = [f"Đợt {result.ctx.round.id}: {result.ctx.outline.short_title}"]
    for s in cons.statuses:
        if s.submission is None and not s.refused:
            continue
        line = f"  {s.agency.code:8} {s.status}"
        if s.file:
            line += f": dùng {s.file}"
        for old in s.superseded:
            line += f"\n  {'':8}   không dùng (có tệp mới hơn): {old}"
        for bad in s.refused:
            line += f"\n  {'':8}   bị loại vì có lỗi: {bad}"
        lines.append(line)
    unread = [r for r in result.batch.reports if r.submission is None]
    for r in unread:
        first = r.findings[0].message if r.findings else ""
        lines.append(f"  (không đọc được) {r.display}: {first}")
    missing = [s.agency.code for s in cons.statuses if s.status == "chưa gửi"]
    if missing:
        lines.append(f"  Chưa gửi ({len(missing)}): {', '.join(missing)}")
    for k in cons.conflicts:
        lines.append(
            f"  Số liệu khác nhau - {k.indicator.code}: dùng số của {k.used.agency.short} "
            f"({_figure(k.used.actual)}), {k.other.agency.short} báo {_figure(k.other.actual)}"
        )
    for key in ("report", "summary", "findings", "pdf"):
        if key in result.outputs:
            lines.append(f"Đã ghi: {result.outputs[key]}")
    lines.extend(result.notes)
    return lines
