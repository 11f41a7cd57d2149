"""``qnreport build``: validate a round's workbooks, consolidate, write the report.

The build reads like its steps: validate → consolidate → compose → render → write. Every
output is first written to a temporary file beside its target and renamed into place only
when all of them were made, so a failed build leaves the previous outputs as they were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from .. import __version__
from ..check.batch import Cutoff, Validator, expand_paths, file_digest
from ..check.cache import Cache
from ..check.findings_table import text_table
from ..check.results import Batch
from ..config.project import Project
from ..config.rounds import RoundContext, open_round
from ..errors import BuildError, ConfigError, QnreportError
from ..files import make_reproducible, sha256_file
from ..report.compose import ReportConfig, compose, override
from ..report.consolidate import Consolidation, Letter, consolidate
from ..report.render_docx import render_report
from ..report.summary import write_summary
from ..vntext import format_number, short_date
from .changelog import change_log, snapshot
from .history import keep_history
from .lock import round_lock
from .manifest import MANIFEST, Manifest, keyed_by_path, now_iso, template_digests


@dataclass
class BuildOptions:
    round_id: str | None = None
    input_dir: Path | None = None
    output_dir: Path | None = None
    config: Path | None = None
    date: dt.date | None = None
    number: str | None = None
    pdf: bool = False
    force: bool = False
    jobs: int = 1


@dataclass
class BuildResult:
    ctx: RoundContext
    batch: Batch | None
    consolidation: Consolidation | None
    outputs: dict[str, Path]
    notes: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    unchanged: bool = False
    reads: int = 0


def output_names(round_id: str) -> dict[str, str]:
    return {
        "report": f"bao-cao-{round_id}.docx",
        "summary": f"tong-hop-{round_id}.xlsx",
        "findings": f"kiem-tra-{round_id}.txt",
        "changes": "changes.md",
        "pdf": f"bao-cao-{round_id}.pdf",
    }


def build(
    project: Project, options: BuildOptions, echo: Callable[[str], None] = print
) -> BuildResult:
    ctx = open_round(project, options.round_id)
    rid = ctx.round.id
    out_dir = options.output_dir or project.outputs / rid
    with round_lock(out_dir, rid):
        result = _build_locked(project, ctx, options, out_dir)
    for line in describe(result):
        echo(line)
    return result


@dataclass
class RoundOutcome:
    """One round of ``build --all``: its result, or the error that stopped it."""

    round_id: str
    result: BuildResult | None = None
    error: QnreportError | None = None

    def describe(self) -> str:
        if self.error is not None:
            return f"LỖI: {self.error.format_message()}"
        assert self.result is not None
        if self.result.unchanged:
            return "không có thay đổi"
        return f"đã lập ({len(self.result.changes)} thay đổi)"


def build_all(
    project: Project,
    options: BuildOptions,
    rounds: Sequence[str],
    on_done: Callable[[str], None] | None = None,
) -> list[RoundOutcome]:
    """Build each round with the same options; one round's failure does not stop the rest."""
    outcomes = []
    for rid in rounds:
        outcome = RoundOutcome(rid)
        try:
            outcome.result = build(project, replace(options, round_id=rid), echo=lambda _: None)
        except QnreportError as exc:
            outcome.error = exc
        outcomes.append(outcome)
        if on_done:
            on_done(rid)
    return outcomes


def _build_locked(
    project: Project, ctx: RoundContext, options: BuildOptions, out_dir: Path
) -> BuildResult:
    rid = ctx.round.id
    input_dir = options.input_dir or ctx.round.folder
    # Under the lock, a leftover temporary file can only come from a build that was killed.
    for stale in out_dir.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    config_path = options.config or project.templates / "reports" / f"{rid}.toml"
    if not config_path.is_file():
        raise ConfigError(f"Không có cấu hình báo cáo {config_path} cho đợt {rid}.")
    config = override(ReportConfig.load(config_path), date=options.date, number=options.number)
    if (options.date or options.number) and config.signer_placeholder:
        raise ConfigError(
            f"Người ký trong {config_path} vẫn là mẫu chưa điền (khối [signer] có "
            "placeholder = true hoặc chưa có họ tên): không lập bản chính thức có số, ngày. "
            "Hãy điền quyền hạn, chức vụ, họ tên người ký và xóa dòng placeholder = true; "
            "hoặc lập bản dự thảo, không dùng --number, --date."
        )
    names = output_names(rid)

    files = expand_paths([input_dir])  # the folder is scanned once, each file hashed once
    digests = {path: file_digest(path) for path in files}
    templates = template_digests(project)
    sources = Manifest(
        inputs=keyed_by_path(digests, input_dir),
        templates=templates,
        version=__version__,
        options={
            "config": sha256_file(config_path),
            "date": config.date.isoformat() if config.date else "",
            "number": config.number,
        },
        outputs={},
        snapshot={},
    )
    manifest_path = out_dir / MANIFEST
    previous = Manifest.load(manifest_path)
    if (
        not options.force
        and previous is not None
        and previous.same_sources(sources)
        and previous.outputs_intact(out_dir, names)
        and (not options.pdf or (out_dir / names["pdf"]).is_file())
    ):
        return BuildResult(ctx, None, None, {}, unchanged=True)

    cache_key = hashlib.sha256(json.dumps(templates, sort_keys=True).encode()).hexdigest()[:16]
    base = project.root if input_dir.resolve().is_relative_to(project.root.resolve()) else input_dir
    validator = Validator(project, Cache(out_dir / ".cache", f"{__version__}:{cache_key}"), base)
    # Letters dated after the report are not yet received as of its date; the clerk may
    # leave whole files out (round.toml "exclude").
    cutoff = Cutoff(config.date, frozenset(ctx.round.exclude))
    batch = validator.validate_files(
        files, options.jobs, keep_content=False, digests=digests, cutoff=cutoff
    )
    cons = consolidate(ctx, batch, as_of=config.date)
    if not cons.used and (cons.own is None or cons.own.submission is None):
        raise BuildError(
            f"Không có biểu mẫu hợp lệ nào của đợt {rid} trong {input_dir}; "
            "không tạo báo cáo, các tệp đã có trong thư mục kết quả được giữ nguyên."
        )
    report = compose(cons, config, project.templates / "text")
    new_snapshot = snapshot(cons)
    changes = change_log(previous.snapshot if previous else None, new_snapshot, cons)
    stamp_date = config.date or ctx.round.deadline

    out_dir.mkdir(parents=True, exist_ok=True)
    staged: dict[str, Path] = {}
    outputs: dict[str, Path] = {}
    try:
        for key in ("report", "summary", "findings", "changes"):
            fd, name = tempfile.mkstemp(prefix=f".{names[key]}.", suffix=".tmp", dir=out_dir)
            os.close(fd)
            staged[key] = Path(name)
        render_report(report, project.templates / "styles" / "bao-cao.docx", staged["report"])
        write_summary(cons, staged["summary"])
        make_reproducible(staged["report"], stamp_date)
        make_reproducible(staged["summary"], stamp_date)
        staged["findings"].write_text(text_table(batch), encoding="utf-8")
        staged["changes"].write_text(_changes_md(ctx, changes), encoding="utf-8")
        current = out_dir / names["report"]
        if current.is_file() and sha256_file(current) != sha256_file(staged["report"]):
            keep_history(current, out_dir / "history", previous.built_at if previous else "")
        for key, tmp in staged.items():
            os.chmod(tmp, 0o644)
            target = out_dir / names[key]
            os.replace(tmp, target)
            outputs[key] = target
    finally:
        for tmp in staged.values():
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    result = BuildResult(ctx, batch, cons, outputs, changes=changes, reads=validator.reads)
    if options.pdf:
        pdf = convert_to_pdf(outputs["report"], out_dir)
        if pdf is None:
            result.notes.append(
                "Không tạo được PDF: máy chưa cài LibreOffice (lệnh soffice). "
                "Cài LibreOffice rồi chạy lại với --pdf."
            )
        else:
            outputs["pdf"] = pdf
    sources.outputs = {k: sha256_file(p) for k, p in outputs.items() if k != "pdf"}
    sources.snapshot = new_snapshot
    sources.built_at = now_iso()
    sources.save(manifest_path)
    return result


def _changes_md(ctx: RoundContext, changes: list[str]) -> str:
    title = f"# Thay đổi của báo cáo đợt {ctx.round.id}\n\n"
    return title + "\n".join(changes) + "\n"


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


def _letter_text(letter: Letter) -> str:
    date = f" ngày {short_date(letter.date)}" if letter.date else ""
    return f"số {letter.number or '(trống)'}{date}"


def describe(result: BuildResult) -> list[str]:
    """What the build used, per agency, for the terminal and the clerk's record."""
    names = output_names(result.ctx.round.id)
    cons = result.consolidation
    lines = [f"Đợt {result.ctx.round.id}: {result.ctx.outline.short_title}"]
    if result.unchanged or cons is None or result.batch is None:
        return [*lines, "Không có thay đổi: báo cáo hiện có đã đúng với dữ liệu, không ghi lại."]
    own = [cons.own] if cons.own is not None else []
    for s in [*own, *cons.statuses]:
        if s.submission is None and not (s.refused or s.later or s.excluded):
            continue
        line = f"  {s.agency.code:8} {s.status if s is not cons.own else 'phần của Sở'}"
        if s.file:
            line += f": dùng {s.file}"
        if s.invalid:
            line += f" (bỏ {len(s.invalid)} ô, dòng chưa hợp lệ, xem {names['findings']})"
        for old in s.superseded:
            line += f"\n  {'':8}   không dùng (có văn bản mới hơn): {old}"
        for bad in s.refused:
            line += f"\n  {'':8}   văn bản gửi không đúng biểu mẫu: {bad}"
        for letter in s.later:
            line += (
                f"\n  {'':8}   chưa tính (văn bản {_letter_text(letter)} có sau ngày báo cáo): "
                f"{letter.file}"
            )
        for skipped in s.excluded:
            line += f"\n  {'':8}   loại theo round.toml (exclude): {skipped}"
        lines.append(line)
    unread = [r for r in result.batch.reports if r.submission is None]
    owned = {f for s in [*own, *cons.statuses] for f in s.refused}
    for r in unread:
        if r.display in owned:
            continue
        first = r.findings[0].message if r.findings else ""
        lines.append(f"  (không đọc được, không rõ cơ quan) {r.display}: {first}")
    if cons.later:
        lines.append(
            f"  Có {len(cons.later)} cơ quan gửi văn bản sau ngày báo cáo "
            f"{short_date(cons.as_of) if cons.as_of else ''}: đổi ngày báo cáo (--date) "
            "hoặc lập lại sau để đưa vào."
        )
    missing = [s.agency.code for s in cons.statuses if s.status == "chưa gửi"]
    if missing:
        lines.append(f"  Chưa gửi ({len(missing)}): {', '.join(missing)}")
    for k in cons.conflicts:
        lines.append(
            f"  Số liệu khác nhau - {k.indicator.code}: dùng số của {k.used.agency.short} "
            f"({_figure(k.used.actual)}), {k.other.agency.short} báo {_figure(k.other.actual)}"
        )
    lines.append(f"Đã đọc {result.reads} tệp (các tệp khác lấy từ bộ nhớ đệm theo nội dung).")
    lines.append("Thay đổi so với lần lập trước:")
    lines.extend(f"  {c}" for c in result.changes)
    for key in ("report", "summary", "findings", "changes", "pdf"):
        if key in result.outputs:
            lines.append(f"Đã ghi: {result.outputs[key]}")
    lines.extend(result.notes)
    return lines
