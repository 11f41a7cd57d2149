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
from ..config.rounds import ROUND_FILE, RoundContext, open_round
from ..errors import BuildError, ConfigError, OutputError, QnreportError
from ..files import atomic_write, make_reproducible, sha256_file, write_failure
from ..report.compose import ReportConfig, compose_with_sources, override
from ..report.consolidate import Consolidation, Letter, consolidate
from ..report.document import RegionStart, Report
from ..report.render_docx import region_bookmark, render_report
from ..report.summary import write_summary
from ..vntext import format_number, short_date
from .changelog import FIRST_BUILD, change_log, journal, snapshot
from .edits import Generated, body_of, carry_edits, generated
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
    accept_review: bool = False  # the clerk has looked at the regions marked for review


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
    pdf_missing: str = ""  # why the PDF --pdf asked for could not be made


def output_names(round_id: str) -> dict[str, str]:
    return {
        "report": f"bao-cao-{round_id}.docx",
        "summary": f"tong-hop-{round_id}.xlsx",
        "findings": f"kiem-tra-{round_id}.txt",
        "changes": "nhat-ky.md",
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
    if result.pdf_missing:
        raise BuildError(f"Báo cáo đã được lập, nhưng chưa có bản PDF. {result.pdf_missing}")
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
        if self.result.changes == [FIRST_BUILD]:
            return "đã lập lần đầu"
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
    # round.toml is read by checks too (deadline, last year's figures): a change to it
    # rebuilds and re-reads like a change to templates/.
    round_file = ctx.round.folder / ROUND_FILE
    templates = {
        **template_digests(project),
        **keyed_by_path({round_file: sha256_file(round_file)}, project.root),
    }
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
    current = out_dir / names["report"]
    clerk = None  # the body of the report as the clerk edited it
    recorded = previous.outputs.get("report") if previous is not None else None
    edited = recorded and current.is_file() and sha256_file(current) != recorded
    if edited or (previous is not None and previous.edited and current.is_file()):
        clerk = body_of(current)  # edited now, or holding edits an earlier build kept
    if (
        not options.force
        and previous is not None
        and previous.same_sources(sources)
        and previous.outputs_intact(out_dir, names, edited=("report",) if edited else ())
        and (not options.pdf or (out_dir / names["pdf"]).is_file())
        and not (options.accept_review and previous.edited)
    ):
        return BuildResult(ctx, None, None, {}, unchanged=True)

    cache_key = hashlib.sha256(json.dumps(templates, sort_keys=True).encode()).hexdigest()[:16]
    base = project.root if input_dir.resolve().is_relative_to(project.root.resolve()) else input_dir
    cache = Cache(out_dir / ".cache", f"{__version__}:{cache_key}")
    validator = Validator(project, cache, base, round_id=rid)
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
    report, synthesis = compose_with_sources(cons, config, project.templates / "text")
    signer = config.signer
    document = {
        "number": config.number,
        "date": short_date(config.date) if config.date else "",
        "signer": " ".join(x for x in (signer.authority, signer.title, signer.name) if x),
    }
    new_snapshot = snapshot(cons, document)
    changes = change_log(previous.snapshot if previous else None, new_snapshot, cons)
    stamp_date = config.date or ctx.round.deadline
    built_at = now_iso()
    journal_path = out_dir / names["changes"]
    earlier = journal_path.read_text(encoding="utf-8") if journal_path.is_file() else None

    staged: dict[str, Path] = {}
    outputs: dict[str, Path] = {}
    target = out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for key in ("report", "summary", "findings", "changes"):
            fd, name = tempfile.mkstemp(prefix=f".{names[key]}.", suffix=".tmp", dir=out_dir)
            os.close(fd)
            staged[key] = Path(name)
        render_report(report, project.templates / "styles" / "bao-cao.docx", staged["report"])
        made = generated(staged["report"])
        carried = None
        if clerk is not None and previous is not None:
            carried = carry_edits(
                staged["report"],
                clerk,
                Generated(previous.regions, previous.outside),
                previous.edited,
                region_titles(report),
                lambda name: _concerning(name, changes, cons),
                accept_review=options.accept_review,
            )
            changes = [c for c in changes if not c.startswith("Không có thay đổi")]
            changes += carried.lines() or ["Không có thay đổi về số liệu và nội dung."]
        write_summary(cons, staged["summary"], synthesis)
        make_reproducible(staged["report"], stamp_date)
        make_reproducible(staged["summary"], stamp_date)
        staged["findings"].write_text(text_table(batch), encoding="utf-8")
        entry = journal(rid, _when(built_at), changes, earlier)
        staged["changes"].write_text(entry, encoding="utf-8")
        current = out_dir / names["report"]
        report_changed = not current.is_file() or sha256_file(current) != sha256_file(
            staged["report"]
        )
        if current.is_file() and report_changed:
            keep_history(current, out_dir / "history", previous.built_at if previous else "")
        for key, tmp in staged.items():
            os.chmod(tmp, 0o644)
            target = out_dir / names[key]
            os.replace(tmp, target)
            outputs[key] = target
    except OSError as exc:  # rights, a full or read-only disk, a file open in Excel
        raise OutputError(write_failure(exc, target)) from exc
    finally:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                tmp.unlink()

    result = BuildResult(ctx, batch, cons, outputs, changes=changes, reads=validator.reads)
    pdf_path = out_dir / names["pdf"]
    no_pdf = None
    if options.pdf or (pdf_path.is_file() and report_changed):
        # A PDF is never left beside a newer .docx: made again, or removed.
        soffice = find_soffice()
        pdf = convert_to_pdf(outputs["report"], out_dir, soffice) if soffice else None
        if pdf is None:
            with contextlib.suppress(FileNotFoundError):
                pdf_path.unlink()
            if soffice is None:
                no_pdf = (
                    "Không tạo được PDF: không tìm thấy LibreOffice (chương trình soffice). "
                    f"Cài LibreOffice, hoặc đặt biến môi trường {SOFFICE_VARIABLE} là đường "
                    "dẫn tới soffice, rồi chạy lại với --pdf."
                )
            else:
                no_pdf = (
                    f"Không tạo được PDF: LibreOffice ({soffice}) không chuyển được báo cáo. "
                    "Hãy đóng các cửa sổ LibreOffice đang mở rồi chạy lại với --pdf."
                )
            if not options.pdf:  # asked for: said as the command's error instead
                result.notes.append(no_pdf)
        else:
            outputs["pdf"] = pdf
    sources.outputs = {k: sha256_file(p) for k, p in outputs.items() if k != "pdf"}
    sources.snapshot = new_snapshot
    sources.built_at = built_at
    sources.regions, sources.outside = made.regions, made.outside
    sources.edited = carried.state if carried is not None else {}
    if carried is not None:
        result.notes.extend(line.lstrip("- ") for line in carried.lines())
    sources.save(manifest_path)
    result.pdf_missing = no_pdf if no_pdf and options.pdf else ""
    return result


def region_titles(report: Report) -> dict[str, str]:
    """Each region's bookmark → how the clerk knows it ("II.4.1. Phát triển nguồn …")."""
    return {region_bookmark(b.name): b.title for b in report.body if isinstance(b, RegionStart)}


def _concerning(bookmark: str, changes: list[str], cons: Consolidation) -> list[str]:
    """The change lines that concern a region: its heading's texts, its indicators."""
    section = next((s for s in cons.outline.sections if region_bookmark(s.id) == bookmark), None)
    if section is None:
        return []
    label = f"{section.number} {section.title}"
    codes = {i.code for i in cons.outline.indicators if i.section == section.id}
    return [
        c
        for c in changes
        if label in c or any(c.startswith(f"- Chỉ tiêu {code} ") for code in codes)
    ]


def _when(built_at: str) -> str:
    """ "2026-11-29T15:20:07" → "29/11/2026 lúc 15:20", as the journal's entries say it."""
    try:
        stamp = dt.datetime.fromisoformat(built_at)
    except ValueError:
        return built_at
    return f"{short_date(stamp.date())} lúc {stamp:%H:%M}"


#: Names the LibreOffice program when it is installed somewhere unusual.
SOFFICE_VARIABLE = "QNREPORT_SOFFICE"


def _install_places() -> list[Path]:
    """Where the LibreOffice installers put soffice on Windows and macOS (not on PATH)."""
    places = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        root = os.environ.get(variable)
        if root:
            places.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    places.append(Path(r"C:\Program Files\LibreOffice\program\soffice.exe"))
    return places


def find_soffice() -> str | None:
    """LibreOffice's program: named by QNREPORT_SOFFICE, on PATH, or where installed."""
    named = os.environ.get(SOFFICE_VARIABLE, "").strip().strip('"')
    if named:
        return named if Path(named).is_file() else shutil.which(named)
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in _install_places() if p.is_file()), None)


def convert_to_pdf(docx: Path, out_dir: Path, soffice: str) -> Path | None:
    """LibreOffice's rendering of the report, beside it; None when it made none."""
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"
        argv = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
        argv += ["--convert-to", "pdf", "--outdir", work, str(docx)]
        try:
            subprocess.run(argv, check=False, capture_output=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired):  # not a program, or hung: no PDF
            return None
        made = Path(work) / (docx.stem + ".pdf")
        if not made.is_file():
            return None
        target = out_dir / (docx.stem + ".pdf")
        try:
            with atomic_write(target) as tmp:
                shutil.copyfile(made, tmp)
        except OutputError as exc:  # most often: the PDF is open in a reader on Windows
            raise OutputError(f"Đã lập báo cáo nhưng chưa ghi được bản PDF. {exc.message}") from exc
        return target


def _figure(value: Decimal | None) -> str:
    return "trống" if value is None else format_number(value)


def _reads_line(reads: int, total: int) -> str:
    """How many files were read: the others' readings came back from the cache, which
    --force does not empty (a file's reading depends only on its content)."""
    if reads == total:
        return f"Đã đọc {reads} tệp."
    if reads == 0:
        return f"Không phải đọc lại tệp nào: {total} tệp có nội dung như lần đọc trước."
    return f"Đã đọc {reads} tệp; {total - reads} tệp có nội dung như lần đọc trước."


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
    reports = result.batch.reports
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
            why = next(
                (r.findings[0].message for r in reports if r.display == bad and r.findings), ""
            )
            line += f"\n  {'':8}   văn bản gửi không đúng biểu mẫu: {bad}" + (
                f" ({why})" if why else ""
            )
        for letter in s.later:
            line += (
                f"\n  {'':8}   chưa tính (văn bản {_letter_text(letter)} có sau ngày báo cáo): "
                f"{letter.file}"
            )
        for skipped in s.excluded:
            line += f"\n  {'':8}   loại theo round.toml (exclude): {skipped}"
        lines.append(line)
    rid = result.ctx.round.id
    owned = {f for s in [*own, *cons.statuses] for f in s.refused}
    for r in result.batch.reports:
        if r.submission is None:
            if r.display in owned:
                continue
            first = r.findings[0].message if r.findings else ""
            lines.append(f"  (không đọc được, không rõ cơ quan) {r.display}: {first}")
        elif r.submission.round != rid:
            other = next((f.message for f in r.findings if f.code == "ROUND_OTHER_FOLDER"), "")
            lines.append(f"  (đợt khác) {r.display}: {other}")
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
    lines.append(_reads_line(result.reads, len(result.batch.reports)))
    lines.append("Thay đổi so với lần lập trước:")
    lines.extend(f"  {c}" for c in result.changes)
    for key in ("report", "summary", "findings", "changes", "pdf"):
        if key in result.outputs:
            lines.append(f"Đã ghi: {result.outputs[key]}")
    lines.extend(result.notes)
    return lines
