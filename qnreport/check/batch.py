"""Checking many files: the process pool, the cache, and which letter of an agency is used.

One file gives one :class:`FileReport` (see :mod:`.filecheck`); a batch also decides, per
agency and round, which file is used when an agency sent several. Nothing here raises on
bad data.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..config.project import Project
from ..config.rounds import ROUND_FILE
from ..errors import QnreportError
from ..files import sha256_file
from ..findings import Catalogue
from ..read.probe import LETTER_SUFFIXES, WORKBOOK_SUFFIXES
from ..vntext import short_date
from .cache import Cache
from .filecheck import CheckRules, FileCheck
from .results import Addressee, Batch, FileReport


class Validator:
    """Validates files of any round of a project; round contexts are loaded once."""

    def __init__(
        self,
        project: Project,
        cache: Cache | None = None,
        base: Path | None = None,
        round_id: str | None = None,
    ) -> None:
        self.project = project
        self.cache = cache
        self.base = base
        # The round the files were gathered for (a build's); else each file's round folder.
        self.round_id = round_id
        self.reads = 0  # files actually parsed (not answered from the cache)
        self.rules = CheckRules.of(project)
        self.catalogue = self.rules.catalogue

    def validate_file(
        self, path: Path, display: str | None = None, digest: str | None = None
    ) -> FileReport:
        report = FileReport(path, display or _display(path, self.base))
        if digest is None:
            digest = file_digest(path)
        if not self._from_cache(report, digest):
            self._read(report, digest)
        self._check_folder(report)
        return report

    def _read(self, report: FileReport, digest: str) -> None:
        self.reads += 1
        try:
            FileCheck(self.rules, report, digest).run()
        except QnreportError:
            raise  # our configuration is broken, not the agency's file: stop, say where
        except Exception as exc:  # a bug must not cost the clerk the rest of the batch
            if os.environ.get("QNREPORT_DEBUG"):
                traceback.print_exc(file=sys.stderr)
            report.submission = None
            report.findings.append(
                self.catalogue.make("READ_FAILED", reason=f"{type(exc).__name__}: {exc}"[:200])
            )
        report.findings = [f.located(report.display) for f in report.findings]
        if self.cache is not None and digest:
            self.cache.put(digest, report.submission, report.findings)

    def _check_folder(self, report: FileReport) -> None:
        """A workbook of another round where this round's files are gathered is named, not
        silently left out (where a file lies is not part of its content: never cached)."""
        sub = report.submission
        expected = self.round_id or _round_folder(self.project, report.path)
        if sub is not None and expected and sub.round != expected:
            finding = self.catalogue.make("ROUND_OTHER_FOLDER", round=expected, other=sub.round)
            report.findings.append(finding.located(report.display))

    def _from_cache(self, report: FileReport, digest: str) -> bool:
        """Fill ``report`` from the cache entry of the file's content, if there is one."""
        hit = self.cache.get(digest) if self.cache is not None and digest else None
        if hit is None:
            return False
        sub, findings = hit
        if sub is not None:
            sub = replace(sub, file=report.display, modified=report.path.stat().st_mtime)
        report.submission = sub
        report.findings = [f.located(report.display) for f in findings]
        return True

    def addressee(self, report: FileReport) -> Addressee:
        """Who must correct ``report``'s file, and by when (the round's deadline)."""
        sub = report.submission
        ctx = self.rules.rounds.get(sub.round) if sub is not None else None
        if sub is None or ctx is None:
            return Addressee()
        agency = ctx.registry.find(sub.agency)
        return Addressee(agency.name if agency else sub.agency, ctx.round.due_words)

    def validate_paths(
        self,
        paths: Sequence[Path],
        jobs: int = 1,
        *,
        keep_content: bool = True,
        on_done: Callable[[], None] | None = None,
        cutoff: Cutoff | None = None,
    ) -> Batch:
        """Every workbook under ``paths`` (see :meth:`validate_files`)."""
        return self.validate_files(
            expand_paths(paths), jobs, keep_content=keep_content, on_done=on_done, cutoff=cutoff
        )

    def validate_files(
        self,
        files: Sequence[Path],
        jobs: int = 1,
        *,
        keep_content: bool = True,
        digests: Mapping[Path, str] | None = None,
        on_done: Callable[[], None] | None = None,
        cutoff: Cutoff | None = None,
    ) -> Batch:
        """The files given; with ``jobs`` > 1 they are read in parallel processes, and the
        result is the same as a serial run. ``digests`` are their sha256 when the caller
        already hashed them (a build does, once). With ``keep_content`` False, only a
        submission that can still be used keeps its figures and texts (the others keep
        their letter details): memory stays flat over thousands of files. ``on_done`` is
        called after each file (a progress bar). A build's ``cutoff`` holds back the letters
        its report may not use, before the latest letter of each agency is chosen among the
        others."""
        known = dict(digests) if digests is not None else {p: file_digest(p) for p in files}
        cut = cutoff or Cutoff()
        stream: Iterator[FileReport] = (
            cut.apply(r, self.catalogue) for r in self._stream(list(files), known, jobs)
        )
        if on_done is not None:
            stream = _counted(stream, on_done)
        reports = list(stream) if keep_content else _dropping_unused_content(stream)
        choose_latest(reports, self.catalogue)
        return Batch(reports)

    def _stream(
        self, files: list[Path], digests: dict[Path, str], jobs: int
    ) -> Iterator[FileReport]:
        """Reports in file order; files the cache knows are answered here, the others are
        read, by a pool of processes when there are several (a rebuild after one fix
        starts none)."""
        cache = self.cache
        cached = {p for p in files if cache is not None and digests[p] in cache}
        todo = [(p, digests[p]) for p in files if p not in cached]
        if jobs > 1 and len(todo) > 1:
            read = self._parallel(todo, jobs)
        else:
            read = (self.validate_file(p, digest=d) for p, d in todo)
        for path in files:  # a cache entry found broken now is read here instead
            yield self.validate_file(path, digest=digests[path]) if path in cached else next(read)

    def _parallel(self, files: list[tuple[Path, str]], jobs: int) -> Iterator[FileReport]:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=jobs,
            initializer=_init_worker,
            initargs=(self.project, self.cache, self.base, self.round_id),
        ) as pool:
            for report, read in pool.map(
                _validate_in_worker, *zip(*files, strict=True), chunksize=4
            ):
                self.reads += read
                yield report


def _counted(stream: Iterable[FileReport], on_done: Callable[[], None]) -> Iterator[FileReport]:
    for report in stream:
        on_done()
        yield report


def _dropping_unused_content(stream: Iterable[FileReport]) -> list[FileReport]:
    """The reports as they come, each submission cut to its letter details as soon as it
    cannot be the one used: it is held back, or a later letter of its agency is in."""
    latest: dict[tuple[str, str], FileReport] = {}
    reports: list[FileReport] = []
    for report in stream:
        reports.append(report)
        sub = report.submission
        if sub is None:
            continue
        if report.held:
            report.submission = sub.letter_only()
            continue
        key = (sub.round, sub.agency)
        rival = latest.get(key)
        if rival is not None and _recency(rival) > _recency(report):
            loser: FileReport | None = report
        else:
            latest[key], loser = report, rival
        if loser is not None and loser.submission is not None:
            loser.submission = loser.submission.letter_only()
    return reports


_WORKER: Validator | None = None


def _init_worker(
    project: Project, cache: Cache | None, base: Path | None, round_id: str | None
) -> None:
    global _WORKER
    _WORKER = Validator(project, cache, base, round_id)


def _validate_in_worker(path: Path, digest: str) -> tuple[FileReport, int]:
    assert _WORKER is not None
    before = _WORKER.reads
    report = _WORKER.validate_file(path, digest=digest)
    return report, _WORKER.reads - before


def file_digest(path: Path) -> str:
    """The file's sha256, or "" when it cannot be read or is no regular file (a FIFO or a
    device would block or never end): the probe then names the problem."""
    if not path.is_file():
        return ""
    try:
        return sha256_file(path)
    except OSError:
        return ""


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every workbook under the folders given (recursively, sorted);
    Office lock files (~$x.xlsx) and our own temporary files are skipped. Letters (.docx,
    .pdf) are listed too, so that the clerk is told to import them."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and (p.suffix.lower() in WORKBOOK_SUFFIXES or p.suffix.lower() in LETTER_SUFFIXES)
                and not p.name.startswith(("~$", "."))
            )
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _round_folder(project: Project, path: Path) -> str | None:
    """The round whose input folder (``inputs/<round>/``) holds ``path``, if any."""
    try:
        parts = path.resolve().relative_to(project.inputs.resolve()).parts
    except ValueError:
        return None
    if len(parts) < 2 or not (project.inputs / parts[0] / ROUND_FILE).is_file():
        return None
    return parts[0]


def _display(path: Path, base: Path | None = None) -> str:
    """How a file is named in findings and reports: relative to ``base`` (the build's
    project, so outputs do not depend on the working directory) or to the cwd."""
    try:
        return path.resolve().relative_to((base or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Cutoff:
    """What a report may use: letters dated on or before its date (a later one is not yet
    received as of that date), except the files the clerk excluded (names or paths
    relative to the round's folder, from round.toml)."""

    as_of: dt.date | None = None
    excluded: frozenset[str] = frozenset()

    def reason(self, report: FileReport) -> str:
        display = report.display
        if any(
            x in (report.path.name, display) or display.endswith("/" + x) for x in self.excluded
        ):
            return "excluded"
        sub = report.submission
        if self.as_of and sub is not None and sub.letter_date and sub.letter_date > self.as_of:
            return "later"
        return ""

    def apply(self, report: FileReport, cat: Catalogue) -> FileReport:
        """Mark ``report`` held back, with the finding that tells the clerk why."""
        report.held = self.reason(report)
        sub = report.submission
        if report.held == "later" and sub is not None and sub.letter_date and self.as_of:
            finding = cat.make(
                "AFTER_REPORT_DATE",
                date=short_date(sub.letter_date),
                as_of=short_date(self.as_of),
            )
            report.findings.append(finding.located(report.display))
        elif report.held == "excluded":
            report.findings.append(cat.make("EXCLUDED").located(report.display))
        return report


def choose_latest(reports: list[FileReport], cat: Catalogue) -> None:
    """Per round and agency, use the latest letter (date, then number, then file time);
    the others stay listed as superseded. A letter with errors is a letter received: it
    competes like the others. Held-back letters do not compete."""
    groups: dict[tuple[str, str], list[FileReport]] = {}
    for r in reports:
        if r.submission is not None and not r.held:
            groups.setdefault((r.submission.round, r.submission.agency), []).append(r)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=_recency, reverse=True)
        winner = group[0]
        assert winner.submission is not None
        when = short_date(winner.submission.letter_date) if winner.submission.letter_date else "?"
        for loser in group[1:]:
            loser.used = False
            code = (
                "DUPLICATE_FILE"
                if loser.submission and loser.submission.digest == winner.submission.digest
                else "SUPERSEDED"
            )
            finding = cat.make(code, newer=winner.display, other=winner.display, date=when)
            loser.findings.append(finding.located(loser.display))


def _recency(r: FileReport) -> tuple[dt.date, int, float, str]:
    sub = r.submission
    assert sub is not None
    number = re.match(r"\s*(\d+)", sub.letter_number or "")
    return (
        sub.letter_date or dt.date.min,
        int(number.group(1)) if number else -1,
        sub.modified,
        r.display,
    )
