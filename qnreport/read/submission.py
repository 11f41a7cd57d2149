"""What an agency reported, typed: the result of reading one workbook.

Submissions are plain data (JSON-able through :func:`to_dict` / :func:`from_dict`) so that
``validate --format json`` can print them and rebuilds can cache them by content hash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator row. ``None`` means no figure: empty or "chưa có số liệu", never 0."""

    code: str
    previous: Decimal | None = None
    actual: Decimal | None = None
    next_target: Decimal | None = None
    note: str = ""
    cell: str = ""  # where "actual" was typed, for findings raised later (conflicts)


@dataclass(frozen=True)
class TaskResult:
    code: str
    status: str = ""
    text: str = ""


@dataclass(frozen=True)
class ListRow:
    values: dict[str, Any]
    row: int = 0  # Excel row, for findings


@dataclass(frozen=True)
class Submission:
    file: str
    digest: str
    round: str
    outline: str
    outline_version: str
    agency: str
    letter_number: str = ""
    letter_date: dt.date | None = None
    signer: str = ""
    signer_title: str = ""
    contact: str = ""
    phone: str = ""
    email: str = ""
    no_task: bool = False
    no_task_reason: str = ""  # why the agency has no task, in its own words
    indicators: dict[str, IndicatorValue] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    tasks: dict[str, TaskResult] = field(default_factory=dict)
    lists: dict[str, list[ListRow]] = field(default_factory=dict)
    modified: float = 0.0

    def letter_only(self) -> Submission:
        """Who sent which letter when, without the content: what a superseded or refused
        file still needs to be listed."""
        return replace(self, indicators={}, sections={}, tasks={}, lists={})

    @property
    def has_content(self) -> bool:
        return bool(
            any(
                v.actual is not None or v.previous is not None or v.next_target is not None
                for v in self.indicators.values()
            )
            or any(self.sections.values())
            or any(t.text or t.status for t in self.tasks.values())
            or any(self.lists.values())
        )


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$decimal"}:
            return Decimal(value["$decimal"])
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


def to_dict(sub: Submission) -> dict[str, Any]:
    """A JSON-able form; decimals and dates are tagged so they come back exactly."""
    result: dict[str, Any] = _plain(asdict(sub))
    return result


def to_json_value(sub: Submission) -> dict[str, Any]:
    """A JSON form for other tools: numbers as strings of the exact decimal, ISO dates."""

    def simple(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: simple(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [simple(v) for v in value]
        return value

    result: dict[str, Any] = simple(asdict(sub))
    return result


def from_dict(data: dict[str, Any]) -> Submission:
    raw = _typed(data)
    return Submission(
        **{
            **raw,
            "indicators": {k: IndicatorValue(**v) for k, v in raw["indicators"].items()},
            "tasks": {k: TaskResult(**v) for k, v in raw["tasks"].items()},
            "lists": {k: [ListRow(**r) for r in rows] for k, rows in raw["lists"].items()},
        }
    )
