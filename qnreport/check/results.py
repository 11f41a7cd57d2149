"""What checking gives: one :class:`FileReport` per file, a :class:`Batch` per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..read.submission import Submission


@dataclass
class FileReport:
    path: Path
    display: str
    submission: Submission | None = None
    findings: list[Finding] = field(default_factory=list)
    used: bool = True
    #: Why a letter of the round is left out of this report although it was read: "later"
    #: (dated after the report) or "excluded" (the clerk's choice in round.toml).
    held: str = ""

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)

    @property
    def verdict(self) -> str:
        if self.held:
            return self.held
        if not self.used:
            return "superseded"
        if self.has_errors:
            return "errors"
        return "warnings" if self.findings else "valid"

    @property
    def usable(self) -> bool:
        """A letter received is used even with errors: its invalid cells were read as no
        figure, and its valid content counts (the errors are listed for follow-up)."""
        return self.submission is not None and self.used and not self.held


@dataclass
class Batch:
    reports: list[FileReport]

    @property
    def has_errors(self) -> bool:
        return any(r.has_errors for r in self.reports)

    def counts(self) -> dict[str, int]:
        counts = {
            "files": len(self.reports),
            "valid": 0,
            "warnings": 0,
            "errors": 0,
            "superseded": 0,
            "later": 0,
            "excluded": 0,
        }
        for r in self.reports:
            counts[r.verdict] += 1
        return counts

    def used(self) -> list[Submission]:
        return [r.submission for r in self.reports if r.usable and r.submission is not None]


@dataclass(frozen=True)
class Addressee:
    """Who an annotated copy goes back to and by when: the agency and the round's deadline."""

    agency: str = ""
    #: "chậm nhất ngày 20/12/2023" or "trước ngày 10/12/2024" (``Round.due_words``).
    due: str = ""
