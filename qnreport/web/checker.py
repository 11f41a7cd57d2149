"""Checking an upload with the CLI's own checks, in a worker process with a time limit.

A hostile workbook (a zip bomb the probe misses, a sheet that takes minutes) costs a
worker, never the server: past the time limit the worker is killed and the upload gets
a finding saying the file could not be checked. The worker also caps its own memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..check.annotate import annotated_name, can_annotate, write_annotated
from ..check.batch import Validator
from ..config.project import Project
from ..findings import Catalogue, Finding

WORKER_MEMORY_BYTES = 2 * 2**30


@dataclass
class Checked:
    """A worker's answer, plain data that crosses the process boundary."""

    verdict: str
    findings: list[dict[str, str]]
    agency: str = ""
    round: str = ""
    letter_number: str = ""
    letter_date: dt.date | None = None
    annotated: str | None = None
    extra: list[dict[str, str]] = field(default_factory=list)
    no_task: bool = False  # the reply says the agency was given no task in the plan


_VALIDATOR: Validator | None = None


def _init(root: str) -> None:
    global _VALIDATOR
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))
    _VALIDATOR = Validator(Project(Path(root)))


def _ready() -> bool:
    return _VALIDATOR is not None


def check_file(path: str, display: str) -> Checked:
    """Validate one stored file as ``qnreport validate`` does. The annotated copy is only
    named here (see :func:`annotate_file`): most are never downloaded, and writing one
    costs several times the check itself."""
    assert _VALIDATOR is not None
    report = _VALIDATOR.validate_file(Path(path), display=display)
    sub = report.submission
    return Checked(
        verdict=report.verdict,
        findings=[f.as_dict() for f in report.findings],
        agency=sub.agency if sub else "",
        round=sub.round if sub else "",
        letter_number=(sub.letter_number or "") if sub else "",
        letter_date=sub.letter_date if sub else None,
        annotated=annotated_name(Path(path)) if can_annotate(report) else None,
        no_task=bool(sub and sub.no_task),
    )


def annotate_file(path: str, display: str, annotated_dir: str, day: dt.date) -> str | None:
    """Write the annotated copy of a stored file, checked again as at upload, dated the
    day of the upload; its name, or None when no copy can be made. Once per content: the
    store never rewrites a file."""
    assert _VALIDATOR is not None
    target = Path(annotated_dir) / annotated_name(Path(path))
    if target.is_file():
        return target.name
    report = _VALIDATOR.validate_file(Path(path), display=display)
    made = write_annotated(report, Path(annotated_dir), checked=day)
    return made.name if made is not None else None


class Checker:
    """A small pool of worker processes that validate uploads."""

    def __init__(self, project: Project, workers: int = 1, timeout: float = 60.0) -> None:
        self.project = project
        self.workers = workers
        self.timeout = timeout
        self.catalogue = Catalogue.load(project.templates / "findings.toml")
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Not forked from the server: a fork would copy its threads' state and inherit
            # every open descriptor (sockets, pipes of other child processes).
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_init,
                initargs=(str(self.project.root),),
            )
        return self._pool

    async def warm(self) -> None:
        """Start every worker now (process, imports, the project's templates read), so that
        the first uploads do not wait for it."""
        loop = asyncio.get_running_loop()
        pool = self._executor()
        await asyncio.gather(*(loop.run_in_executor(pool, _ready) for _ in range(self.workers)))

    def _kill(self) -> None:
        """Stop the pool at once, a stuck worker included; the next upload starts a new one."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    async def check(self, path: Path, display: str) -> Checked:
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor(), check_file, str(path), display)
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self._kill()
            return self._aborted(f"quá {self.timeout:g} giây")
        except BrokenProcessPool:
            self._kill()
            return self._aborted("tiến trình kiểm tra bị dừng (tệp cần quá nhiều bộ nhớ)")

    async def annotate(
        self, path: Path, display: str, annotated_dir: Path, day: dt.date
    ) -> Path | None:
        """The annotated copy of a stored file, written by a worker the first time it is
        asked for; None when none can be made (or the worker gave up on the file)."""
        target = annotated_dir / annotated_name(path)
        if target.is_file():
            return target
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(
                self._executor(), annotate_file, str(path), display, str(annotated_dir), day
            )
            made = await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self._kill()
            return None
        except BrokenProcessPool:
            self._kill()
            return None
        return annotated_dir / made if made else None

    def _aborted(self, reason: str) -> Checked:
        finding = self.catalogue.make("CHECK_ABORTED", reason=reason)
        return Checked("errors", [finding.as_dict()])

    def against_account(self, checked: Checked, round_id: str, agency: str) -> Checked:
        """A file of another agency or round sent from this page is refused with a finding
        (the CLI cannot know who sent a file; the portal does)."""
        extra: list[Finding] = []
        if checked.agency and checked.agency != agency:
            extra.append(
                self.catalogue.make("UPLOAD_OTHER_AGENCY", found=checked.agency, expected=agency)
            )
        if checked.round and checked.round != round_id:
            extra.append(
                self.catalogue.make("UPLOAD_OTHER_ROUND", found=checked.round, expected=round_id)
            )
        if not extra:
            return checked
        added = [f.as_dict() for f in extra]
        return replace(checked, verdict="errors", findings=[*added, *checked.findings], extra=added)


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1) // 2))
