"""Merging the used submissions of a round into one body of facts, by the outline's rules.

Additive indicators are summed over the agencies that report them; rates and shares are
taken from the responsible agency, and a different figure from another agency is listed
as a conflict. Achievement is judged against the target's shape. A missing figure stays
missing ("chưa có số liệu"), never zero.

The facts are those true as of the report's date: a letter dated later was held back by
the batch (:class:`..check.batch.Cutoff`) and is only named for the clerk; a letter with
errors is a letter received, used without its invalid cells and incomplete rows; a file
that is not this round's form is a letter received in the wrong form; the issuing Sở's
own contribution is used but not counted as a reply; a task or target whose year has not
come is not yet due.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..check.results import Batch, FileReport
from ..config.outline import Indicator, ListSection, Outline, Target, Task
from ..config.registry import Agency, Registry
from ..config.rounds import RoundContext
from ..findings import Finding
from ..read.submission import ListRow, Submission, TaskResult

Verdict = Literal["vượt", "đạt", "chưa đạt", "chưa đến hạn", "không có mục tiêu", "chưa có số liệu"]
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
    #: Agencies that gave a figure, and those the outline asks for one.
    reported: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()
    target_period: str = ""  # the key of ``target`` in the indicator's targets
    due_year: int | None = None  # the year the target is for; None for a yearly rate
    year: int = 0  # the report's year

    @property
    def partial(self) -> bool:
        """A sum over fewer than all the agencies expected to report it."""
        return self.indicator.consolidate == "sum" and bool(set(self.expected) - set(self.reported))

    @property
    def not_due(self) -> bool:
        """The target is for a later year: the figure is progress towards it, and missing
        it now is no failure."""
        return self.due_year is not None and self.due_year > self.year

    @property
    def progress(self) -> Decimal | None:
        """The figure as a percent of a target for a later year ("đạt 41,9% mục tiêu năm
        2030"); None for a yearly rate or a target already due."""
        t = self.target
        if self.verdict != "chưa đến hạn" or self.actual is None or t is None or t.low == 0:
            return None
        if self.indicator.kind == "growth":
            return None
        return self.actual / t.low * 100

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
class Letter:
    """A letter as the report cites it: "văn bản số … ngày …"."""

    number: str
    date: dt.date | None
    file: str


@dataclass(frozen=True)
class AgencyStatus:
    """Where one agency's reply stands as of the report's date. ``superseded`` are the
    files of earlier letters the used one replaces (``replaced``, as letters);
    ``refused`` the files received that are not this round's form; ``invalid`` the errors
    of the used letter (its cells not used); ``later`` the letters dated after the report
    (not counted); ``excluded`` the files the clerk left out."""

    agency: Agency
    status: Status
    submission: Submission | None = None
    file: str = ""
    superseded: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    replaced: tuple[Letter, ...] = ()
    invalid: tuple[Finding, ...] = ()
    later: tuple[Letter, ...] = ()
    excluded: tuple[str, ...] = ()

    @property
    def wrong_form(self) -> bool:
        """Received, but nothing in it could be read as this round's form."""
        return self.submission is None and bool(self.refused)


@dataclass(frozen=True)
class TaskLine:
    """One agency's result on a task, with the status the report gives it."""

    agency: Agency
    result: TaskResult
    status: str


@dataclass(frozen=True)
class TaskState:
    """A task of the plan as of the report's year. ``not_due``: its period ends after
    the report's year, so "not done yet" is "not yet due" unless progress is reported."""

    task: Task
    lines: tuple[TaskLine, ...]
    not_due: bool

    @property
    def status(self) -> str:
        """The task's own standing when nobody reported on it."""
        return NOT_DUE if self.not_due else ""


NOT_DUE = "Chưa đến hạn"
_NOT_STARTED = ("", "Chưa thực hiện")


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
    #: The issuing Sở's own contribution: used, never counted among the replies.
    own: AgencyStatus | None = None
    as_of: dt.date | None = None
    task_states: dict[str, TaskState] = field(default_factory=dict)

    @property
    def outline(self) -> Outline:
        return self.ctx.outline

    @property
    def used(self) -> list[AgencyStatus]:
        """The replies whose content is used (the issuer's own work is not a reply)."""
        return [s for s in self.statuses if s.submission is not None]

    @property
    def contributors(self) -> list[AgencyStatus]:
        """Everyone whose content is used: the issuing Sở's own part, then the replies."""
        own = [self.own] if self.own is not None and self.own.submission is not None else []
        return own + self.used

    @property
    def received(self) -> list[AgencyStatus]:
        """Agencies whose letter was received as of the report's date, in any form."""
        return [s for s in self.statuses if s.submission is not None or s.refused]

    @property
    def reported(self) -> list[AgencyStatus]:
        """The letters received that report results: a reply that the agency has no task
        under the plan is received, but no report the consolidated one rests on."""
        return [s for s in self.received if s.status != "không được giao nhiệm vụ"]

    @property
    def later(self) -> list[AgencyStatus]:
        """Agencies with a letter dated after the report: not counted, named for the clerk."""
        everyone = [*self.statuses, *([self.own] if self.own else [])]
        return [s for s in everyone if s.later]

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


def consolidate(ctx: RoundContext, batch: Batch, *, as_of: dt.date | None = None) -> Consolidation:
    """The facts of the round as of ``as_of`` (the report's date; the batch already held
    back the letters dated after it)."""
    registry, outline = ctx.registry, ctx.outline
    used = {s.agency: s for s in batch.used() if s.round == ctx.round.id}
    everyone = _statuses(ctx, batch, used)
    # A "no assigned task" reply is listed with its reason in the status appendix only.
    used = {code: sub for code, sub in used.items() if not sub.no_task}
    own = next((s for s in everyone if s.agency.code == registry.issuer), None)
    statuses = [s for s in everyone if s is not own]
    ordered = [registry.get(code) for code in sorted(used, key=registry.rank)]

    results: list[IndicatorResult] = []
    conflicts: list[Conflict] = []
    for ind in outline.indicators:
        contributions = tuple(
            Contribution(registry.get(code), v.previous, v.actual, v.next_target, v.note)
            for code in ind.reporters
            if code in used and (v := used[code].indicators.get(ind.code)) is not None
        )
        result, found = _indicator(ind, contributions, outline, registry)
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
    states = {
        task.code: _task_state(task, tasks[task.code], outline.year) for task in outline.tasks
    }
    lists = {
        section.key: [
            (a, row)
            for a in ordered
            for row in used[a.code].lists.get(section.key, [])
            if _complete(row, section)
        ]
        for section in outline.lists
    }
    return Consolidation(
        ctx, results, sections, tasks, lists, statuses, conflicts, own, as_of, states
    )


def _complete(row: ListRow, section: ListSection) -> bool:
    """A row missing a required value (or holding an invalid one, read as empty) is not
    used: the agency is asked to complete it."""
    return all(row.values.get(c.key) not in (None, "") for c in section.columns if c.required)


def _task_state(task: Task, results: list[tuple[Agency, TaskResult]], year: int) -> TaskState:
    due = task.due_year
    not_due = due is not None and due > year
    lines = tuple(
        TaskLine(a, r, NOT_DUE if not_due and r.status in _NOT_STARTED else r.status)
        for a, r in results
    )
    return TaskState(task, lines, not_due)


def _indicator(
    ind: Indicator,
    contributions: tuple[Contribution, ...],
    outline: Outline,
    registry: Registry,
) -> tuple[IndicatorResult, list[Conflict]]:
    period = (
        outline.evaluate_target
        if outline.evaluate_target in ind.targets
        else next(iter(ind.targets), "")
    )
    target = ind.targets.get(period)
    conflicts: list[Conflict] = []
    if ind.consolidate == "sum":

        def total(key: str) -> Decimal | None:
            values = [getattr(c, key) for c in contributions if getattr(c, key) is not None]
            return sum(values, Decimal(0)) if values else None

        previous, actual, next_target = total("previous"), total("actual"), total("next_target")
        reporting = [c for c in contributions if c.actual is not None]
        source = _sum_source([c.agency.code for c in reporting], ind.reporters, registry, outline)
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
    due_year = ind.due_year(period) if period else None
    if verdict == "chưa đạt" and due_year is not None and due_year > outline.year:
        verdict = "chưa đến hạn"  # a target for a later year is not missed yet
    return (
        IndicatorResult(
            ind,
            previous,
            actual,
            next_target,
            contributions,
            source,
            target,
            verdict,
            reported=tuple(c.agency.code for c in contributions if c.actual is not None),
            expected=ind.reporters,
            target_period=period,
            due_year=due_year,
            year=outline.year,
        ),
        conflicts,
    )


def _sum_source(
    reported: list[str], expected: tuple[str, ...], registry: Registry, outline: Outline
) -> str:
    """Who a sum comes from, saying when it is partial: "tổng hợp từ 6/13 huyện, thị xã,
    thành phố đã báo cáo"; a whole group is counted, a single agency named."""
    if not reported:
        return ""
    if len(reported) == 1 and set(reported) >= set(expected):
        return registry.get(reported[0]).name
    parts: list[str] = []
    for group in dict.fromkeys(registry.get(c).group for c in expected):
        members = [c for c in expected if registry.get(c).group == group]
        done = [c for c in members if c in reported]
        if not done:
            continue
        if len(members) == 1:
            parts.append(registry.get(done[0]).name)
        elif group == "huyen":
            parts.append(f"{len(done)}/{len(members)} huyện, thị xã, thành phố")
        else:
            parts.append(f"{len(done)}/{len(members)} cơ quan, đơn vị")
    complete = set(reported) >= set(expected)
    return "tổng hợp từ " + ", ".join(parts) + ("" if complete else " đã báo cáo")


def _letter(sub: Submission) -> Letter:
    return Letter(sub.letter_number, sub.letter_date, sub.file)


_TOKEN = re.compile(r"[A-Za-z0-9]+")


def _owner(report: FileReport, registry: Registry) -> str:
    """The agency a file comes from: its form says so, or, when the form cannot be read,
    its name does (templates are named ``<round>_<CODE>.xlsx``); "" when unknown."""
    if report.submission is not None:
        return report.submission.agency
    codes = {t.upper() for t in _TOKEN.findall(report.path.stem)} & {a.code for a in registry}
    return codes.pop() if len(codes) == 1 else ""


def _statuses(ctx: RoundContext, batch: Batch, used: dict[str, Submission]) -> list[AgencyStatus]:
    registry = ctx.registry
    superseded: dict[str, list[FileReport]] = {}
    refused: dict[str, list[str]] = {}
    later: dict[str, list[Letter]] = {}
    excluded: dict[str, list[str]] = {}
    invalid: dict[str, tuple[Finding, ...]] = {}
    for r in batch.reports:
        code = _owner(r, registry)
        if not code:
            continue
        sub = r.submission
        if r.held == "excluded":
            excluded.setdefault(code, []).append(r.display)
        elif r.held == "later" and sub is not None:
            later.setdefault(code, []).append(_letter(sub))
        elif sub is None or sub.round != ctx.round.id:
            refused.setdefault(code, []).append(r.display)
        elif not r.used:
            superseded.setdefault(code, []).append(r)
        elif r.usable:
            invalid[code] = tuple(f for f in r.findings if f.is_error)
    statuses: list[AgencyStatus] = []
    for agency in registry:
        code = agency.code
        sub = used.get(code)
        status: Status
        if sub is None:
            status = "đã gửi" if code in refused else "chưa gửi"
        elif sub.no_task:
            status = "không được giao nhiệm vụ"
        elif isinstance(sub.letter_date, dt.date) and sub.letter_date > ctx.round.deadline:
            status = "gửi sau hạn"
        else:
            status = "đã gửi"
        older = superseded.get(code, [])
        statuses.append(
            AgencyStatus(
                agency,
                status,
                sub,
                sub.file if sub else "",
                tuple(r.display for r in older),
                tuple(refused.get(code, ())),
                replaced=tuple(_letter(r.submission) for r in older if r.submission),
                invalid=invalid.get(code, ()) if sub else (),
                later=tuple(later.get(code, ())),
                excluded=tuple(excluded.get(code, ())),
            )
        )
    return statuses
