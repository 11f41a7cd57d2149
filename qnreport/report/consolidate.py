"""Merging the used submissions of a round into one body of facts, by the outline's rules.

Additive indicators are summed over the agencies that report them; rates and shares are
taken from the responsible agency, and a different figure from another agency is listed
as a conflict. Achievement is judged against the target's shape. A missing figure stays
missing ("chưa có số liệu"), never zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..check.results import Batch
from ..config.outline import Indicator, Outline, Target
from ..config.registry import Agency
from ..config.rounds import RoundContext
from ..read.submission import ListRow, Submission, TaskResult

Verdict = Literal["vượt", "đạt", "chưa đạt", "không có mục tiêu", "chưa có số liệu"]
Status = Literal["đã gửi", "gửi sau hạn", "không được giao nhiệm vụ", "chưa gửi"]


@dataclass(frozen=True)
class Contribution:
    agency: Agency
    previous: Decimal | None
    actual: Decimal | None
    next_target: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class Conflict:
    indicator: Indicator
    used: Contribution
    other: Contribution


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    previous: Decimal | None
    actual: Decimal | None
    next_target: Decimal | None
    contributions: tuple[Contribution, ...]
    source: str  # who the figure comes from, in words
    target: Target | None
    verdict: Verdict

    @property
    def change(self) -> Decimal | None:
        """Percentage points for rates and shares, percent of last year for amounts."""
        if self.actual is None or self.previous is None:
            return None
        if self.indicator.is_percent:
            return self.actual - self.previous
        if self.previous == 0:
            return None
        return self.actual / self.previous * 100

    @property
    def of_target(self) -> Decimal | None:
        """Actual as a percent of a plain additive target (e.g. 2.550 MW)."""
        t = self.target
        if self.actual is None or t is None or self.indicator.is_percent or t.low == 0:
            return None
        return self.actual / t.low * 100


@dataclass(frozen=True)
class AgencyStatus:
    agency: Agency
    status: Status
    submission: Submission | None = None
    file: str = ""
    superseded: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """Something one agency wrote, kept with the agency for the "- Sở X: ..." lines."""

    agency: Agency
    text: str


@dataclass
class Consolidation:
    ctx: RoundContext
    indicators: list[IndicatorResult]
    sections: dict[str, list[Entry]]
    tasks: dict[str, list[tuple[Agency, TaskResult]]]
    lists: dict[str, list[tuple[Agency, ListRow]]]
    statuses: list[AgencyStatus]
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def outline(self) -> Outline:
        return self.ctx.outline

    @property
    def used(self) -> list[AgencyStatus]:
        return [s for s in self.statuses if s.submission is not None]

    def count(self, status: Status) -> int:
        return sum(1 for s in self.statuses if s.status == status)


def judge(
    actual: Decimal | None,
    target: Target | None,
    *,
    tolerance: Decimal,
    higher_is_better: bool = True,
) -> Verdict:
    """Achievement against the target's shape: floor, approximate value, range, plain."""
    if actual is None:
        return "chưa có số liệu"
    if target is None:
        return "không có mục tiêu"
    sign = 1 if higher_is_better else -1
    if target.shape == "floor":
        # "Trên 40%" asks for more than 40; "Tối thiểu 40%", "Ít nhất 40%" are met at 40.
        strict = target.text.casefold().startswith("trên")
        gap = sign * (actual - target.low)
        return "đạt" if gap > 0 or (gap == 0 and not strict) else "chưa đạt"
    if target.shape == "approx":
        margin = abs(target.low) * tolerance
        if abs(actual - target.low) <= margin:
            return "đạt"
        return "vượt" if sign * (actual - target.low) > 0 else "chưa đạt"
    if target.shape == "range":
        if target.low <= actual <= target.high:
            return "đạt"
        above = actual > target.high
        return "vượt" if above == higher_is_better else "chưa đạt"
    if actual == target.low:
        return "đạt"
    return "vượt" if sign * (actual - target.low) > 0 else "chưa đạt"


def consolidate(ctx: RoundContext, batch: Batch) -> Consolidation:
    registry, outline = ctx.registry, ctx.outline
    used = {s.agency: s for s in batch.used() if s.round == ctx.round.id}
    statuses = _statuses(ctx, batch, used)
    ordered = [registry.get(code) for code in sorted(used, key=registry.rank)]

    results: list[IndicatorResult] = []
    conflicts: list[Conflict] = []
    for ind in outline.indicators:
        contributions = tuple(
            Contribution(registry.get(code), v.previous, v.actual, v.next_target, v.note)
            for code in ind.reporters
            if code in used and (v := used[code].indicators.get(ind.code)) is not None
        )
        result, found = _indicator(ind, contributions, outline)
        results.append(result)
        conflicts.extend(found)

    sections: dict[str, list[Entry]] = {}
    for section in outline.text_sections:
        sections[section.id] = [
            Entry(a, used[a.code].sections[section.id])
            for a in ordered
            if section.id in used[a.code].sections
        ]
    tasks = {
        task.code: [
            (a, used[a.code].tasks[task.code]) for a in ordered if task.code in used[a.code].tasks
        ]
        for task in outline.tasks
    }
    lists = {
        section.key: [(a, row) for a in ordered for row in used[a.code].lists.get(section.key, [])]
        for section in outline.lists
    }
    return Consolidation(ctx, results, sections, tasks, lists, statuses, conflicts)


def _indicator(
    ind: Indicator, contributions: tuple[Contribution, ...], outline: Outline
) -> tuple[IndicatorResult, list[Conflict]]:
    target = ind.targets.get(outline.evaluate_target) or next(iter(ind.targets.values()), None)
    conflicts: list[Conflict] = []
    if ind.consolidate == "sum":

        def total(key: str) -> Decimal | None:
            values = [getattr(c, key) for c in contributions if getattr(c, key) is not None]
            return sum(values, Decimal(0)) if values else None

        previous, actual, next_target = total("previous"), total("actual"), total("next_target")
        reporting = [c for c in contributions if c.actual is not None]
        source = (
            ""
            if not reporting
            else reporting[0].agency.name
            if len(reporting) == 1
            else f"tổng hợp từ {len(reporting)} cơ quan, đơn vị"
        )
    else:
        chosen = next((c for c in contributions if c.agency.code == ind.responsible), None)
        if chosen is None or chosen.actual is None:
            # The responsible agency gave no figure: fall back on another reporter's, said so.
            chosen = next((c for c in contributions if c.actual is not None), chosen)
        previous = chosen.previous if chosen else None
        actual = chosen.actual if chosen else None
        next_target = chosen.next_target if chosen else None
        source = chosen.agency.name if chosen else ""
        if chosen is not None:
            conflicts = [
                Conflict(ind, chosen, c)
                for c in contributions
                if c is not chosen
                and c.actual is not None
                and chosen.actual is not None
                and c.actual != chosen.actual
            ]
    verdict = judge(
        actual,
        target,
        tolerance=outline.rules.approx_tolerance,
        higher_is_better=ind.higher_is_better,
    )
    return (
        IndicatorResult(ind, previous, actual, next_target, contributions, source, target, verdict),
        conflicts,
    )


def _statuses(ctx: RoundContext, batch: Batch, used: dict[str, Submission]) -> list[AgencyStatus]:
    superseded: dict[str, list[str]] = {}
    refused: dict[str, list[str]] = {}
    for r in batch.reports:
        sub = r.submission
        if sub is None or sub.round != ctx.round.id:
            continue
        if r.has_errors:
            refused.setdefault(sub.agency, []).append(r.display)
        elif not r.used:
            superseded.setdefault(sub.agency, []).append(r.display)
    statuses: list[AgencyStatus] = []
    for agency in ctx.registry:
        sub = used.get(agency.code)
        status: Status
        if sub is None:
            status = "chưa gửi"
        elif sub.no_task:
            status = "không được giao nhiệm vụ"
        elif isinstance(sub.letter_date, dt.date) and sub.letter_date > ctx.round.deadline:
            status = "gửi sau hạn"
        else:
            status = "đã gửi"
        statuses.append(
            AgencyStatus(
                agency,
                status,
                sub,
                sub.file if sub else "",
                tuple(superseded.get(agency.code, ())),
                tuple(refused.get(agency.code, ())),
            )
        )
    return statuses
