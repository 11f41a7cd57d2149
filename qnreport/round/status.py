"""Who has replied to a round as of a date: per agency, and counted as DHIS2 counts.

A letter dated after the date asked about has not arrived yet as far as that date is
concerned; a file round.toml excludes is left out, as builds leave it out. Every reply is
read and checked as ``validate`` reads it; the latest usable letter of an agency counts,
the ones it replaces are listed as superseded. Plain data, so the terminal table,
``--format json`` and a web page show the same thing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from ..check.batch import Cutoff, Validator, choose_latest, expand_paths
from ..check.results import FileReport
from ..config.project import Project
from ..config.registry import Agency
from ..config.rounds import RoundContext, open_round
from ..report.compose import ReportConfig
from ..vntext import format_number, short_date

State = Literal["dung-han", "sau-han", "khong-nhiem-vu", "co-loi", "chua-gui"]
STATES: dict[State, str] = {
    "dung-han": "Đúng hạn",
    "sau-han": "Sau hạn",
    "khong-nhiem-vu": "Không được giao nhiệm vụ",
    "co-loi": "Đã nhận, có lỗi cần sửa",
    "chua-gui": "Chưa gửi",
}


@dataclass(frozen=True)
class Problem:
    """A cell the agency must correct (an error finding of its reply)."""

    sheet: str
    cell: str
    label: str
    message: str

    def describe(self) -> str:
        where = f'trang "{self.sheet}"' if self.sheet else ""
        if self.cell:
            where += f", ô {self.cell}"
        label = f" ({self.label})" if self.label else ""
        return f"{where}{label}: {self.message}" if where else self.message


@dataclass(frozen=True)
class AgencyReply:
    """One expected agency as of the date: its state and the letter that counts."""

    agency: Agency
    state: State
    letter_number: str = ""
    letter_date: dt.date | None = None
    file: str = ""
    days_late: int = 0
    problems: tuple[Problem, ...] = ()
    superseded: tuple[str, ...] = ()
    contact: str = ""
    phone: str = ""
    email: str = ""

    @property
    def label(self) -> str:
        if self.state == "sau-han":
            return f"Sau hạn {self.days_late} ngày"
        return STATES[self.state]

    @property
    def received(self) -> bool:
        return self.state != "chua-gui"

    @property
    def needs_reminder(self) -> bool:
        """No letter yet, or a letter whose figures cannot be used until corrected."""
        return self.state in ("chua-gui", "co-loi")

    @property
    def letter(self) -> str:
        """ "Số 125/SKHCN-QLKH ngày 18/12/2024" as the letter is cited."""
        text = f"Số {self.letter_number}" if self.letter_number else ""
        if self.letter_date is not None:
            text += f"{' ' if text else ''}ngày {short_date(self.letter_date)}"
        return text


@dataclass(frozen=True)
class RoundStatus:
    round_id: str
    title: str
    as_of: dt.date
    deadline: dt.date
    replies: tuple[AgencyReply, ...]
    later: tuple[str, ...] = ()  # files whose letter is dated after ``as_of``
    issuer: str = ""  # the Sở collecting the replies: not expected to reply to itself
    due: str = ""  # the deadline as worded after "hạn gửi:" (Round.due_label)

    def count(self, *states: State) -> int:
        return sum(1 for r in self.replies if r.state in states)

    @property
    def expected(self) -> int:
        return len(self.replies)

    @property
    def received(self) -> int:
        return sum(1 for r in self.replies if r.received)

    @property
    def on_time(self) -> int:
        """Received by the deadline, whatever they say (DHIS2's "on time")."""
        return sum(
            1
            for r in self.replies
            if r.received and r.letter_date is not None and r.letter_date <= self.deadline
        )

    @property
    def rate(self) -> Decimal:
        return _percent(self.received, self.expected)

    @property
    def on_time_rate(self) -> Decimal:
        return _percent(self.on_time, self.expected)

    @property
    def to_remind(self) -> list[AgencyReply]:
        return [r for r in self.replies if r.needs_reminder]

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round_id,
            "as_of": self.as_of.isoformat(),
            "deadline": self.deadline.isoformat(),
            "counts": {
                "expected": self.expected,
                "received": self.received,
                "on_time": self.on_time,
                "rate": str(self.rate),
                "on_time_rate": str(self.on_time_rate),
                **{state: self.count(state) for state in STATES},
            },
            "agencies": [
                {
                    "code": r.agency.code,
                    "name": r.agency.name,
                    "state": r.state,
                    "label": r.label,
                    "letter_number": r.letter_number,
                    "letter_date": r.letter_date.isoformat() if r.letter_date else None,
                    "days_late": r.days_late,
                    "file": r.file,
                    "superseded": list(r.superseded),
                    "problems": [p.__dict__ for p in r.problems],
                    "contact": r.contact,
                    "phone": r.phone,
                    "email": r.email,
                }
                for r in self.replies
            ],
            "later": list(self.later),
        }


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def issuer_code(ctx: RoundContext) -> str:
    """The registry code of the Sở that issues the round's report (matched by name in
    ``templates/reports/<round>.toml``); "" when there is no such configuration."""
    path = ctx.project.templates / "reports" / f"{ctx.round.id}.toml"
    if not path.is_file():
        return ""
    name = ReportConfig.load(path).issuing_agency_name.casefold()
    return next((a.code for a in ctx.registry if a.name.casefold() == name), "")


def round_status(
    project: Project, round_id: str, as_of: dt.date, files: Sequence[Path] | None = None
) -> RoundStatus:
    """Every expected agency's state on ``as_of``, from the files of the round's folder
    (or ``files``)."""
    ctx = open_round(project, round_id)
    validator = Validator(project, base=project.root)
    paths = expand_paths([ctx.round.folder]) if files is None else list(files)
    reports: list[FileReport] = []
    later: list[str] = []
    excluded = Cutoff(excluded=frozenset(ctx.round.exclude))  # as builds leave them out
    for path in paths:
        report = validator.validate_file(path)
        sub = report.submission
        if (sub is not None and sub.round != round_id) or excluded.reason(report):
            continue
        if _reply_date(report) > as_of:
            later.append(report.display)
            continue
        reports.append(report)
    choose_latest(reports, validator.catalogue)
    issuer = issuer_code(ctx)
    by_agency: dict[str, list[FileReport]] = {}
    for report in reports:
        code = _agency_of(report, round_id)
        if code:
            by_agency.setdefault(code, []).append(report)
    replies = tuple(
        _reply(agency, by_agency.get(agency.code, []), ctx.round.deadline)
        for agency in ctx.registry
        if agency.code != issuer
    )
    return RoundStatus(
        round_id,
        ctx.outline.short_title,
        as_of,
        ctx.round.deadline,
        replies,
        tuple(later),
        issuer,
        ctx.round.due_label,
    )


def _reply_date(report: FileReport) -> dt.date:
    """The letter's date, or the day the file was saved when the date cannot be read."""
    sub = report.submission
    if sub is not None and isinstance(sub.letter_date, dt.date):
        return sub.letter_date
    try:
        return dt.date.fromtimestamp(report.path.stat().st_mtime)
    except OSError:
        return dt.date.min


def _agency_of(report: FileReport, round_id: str) -> str:
    """The agency a reply comes from: its own sheet says, else the file name the template
    was sent with (``<round>_<CODE>.xlsx``) for a file that cannot be read."""
    if report.submission is not None:
        return report.submission.agency
    found = re.match(rf"{re.escape(round_id)}_([A-Z][A-Z0-9]+)", report.path.name)
    return found.group(1) if found else ""


def _reply(agency: Agency, reports: list[FileReport], deadline: dt.date) -> AgencyReply:
    contact = (agency.contact, agency.phone, agency.email)
    # A letter with errors is received (its valid part counts in the report) but asks the
    # agency for a correction: only a letter without errors settles the reply.
    used = next((r for r in reports if r.usable and not r.has_errors), None)
    superseded = tuple(r.display for r in reports if r.submission and not r.used)
    chosen = used or max(reports, key=_reply_date, default=None)
    if chosen is None:
        return AgencyReply(
            agency, "chua-gui", contact=contact[0], phone=contact[1], email=contact[2]
        )
    sub = chosen.submission
    if sub is not None:  # the agency's own words fill an empty registry field
        contact = (contact[0] or sub.contact, contact[1] or sub.phone, contact[2] or sub.email)
    when = _reply_date(chosen)
    days_late = max(0, (when - deadline).days)
    state: State
    problems: tuple[Problem, ...] = ()
    if used is None:
        state = "co-loi"
        problems = tuple(
            Problem(f.sheet, f.cell, f.label, f.message) for f in chosen.findings if f.is_error
        )
    elif sub is not None and sub.no_task:
        state = "khong-nhiem-vu"
    else:
        state = "sau-han" if days_late else "dung-han"
    return AgencyReply(
        agency,
        state,
        sub.letter_number if sub else "",
        sub.letter_date if sub else None,
        chosen.display,
        days_late,
        problems,
        superseded,
        *contact,
    )


# ------------------------------------------------------------------------- showing it


def summary_line(status: RoundStatus) -> str:
    """The DHIS2 counts in one Vietnamese sentence."""
    return (
        f"Dự kiến {status.expected} cơ quan, đơn vị; đã nhận {status.received} "
        f"({format_number(status.rate)}%), trong đó đúng hạn {status.on_time} "
        f"({format_number(status.on_time_rate)}%); sau hạn {status.count('sau-han')}; "
        f"không được giao nhiệm vụ {status.count('khong-nhiem-vu')}; có lỗi cần sửa "
        f"{status.count('co-loi')}; chưa gửi {status.count('chua-gui')}."
    )


def text_table(status: RoundStatus) -> str:
    """The terminal table: one agency a line, then the counts."""
    head = (
        f"Đợt {status.round_id}: {status.title}\n"
        f"Tình hình gửi báo cáo tính đến ngày {short_date(status.as_of)} "
        f"(hạn gửi: {status.due or short_date(status.deadline)})\n\n"
    )
    rows = [("STT", "Cơ quan, đơn vị", "Tình trạng", "Văn bản", "Liên hệ")]
    for number, r in enumerate(status.replies, start=1):
        contact = ", ".join(x for x in (r.contact, r.phone, r.email) if x)
        state = r.label + (f" (thay {len(r.superseded)} văn bản trước)" if r.superseded else "")
        rows.append((str(number), r.agency.short, state, r.letter, contact))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    out = head + "\n".join(lines) + "\n\n" + summary_line(status) + "\n"
    for r in status.replies:
        if r.problems:
            out += f"\n{r.agency.name} ({r.file}) cần sửa:\n"
            out += "".join(f"  - {p.describe()}\n" for p in r.problems)
    if status.later:
        out += (
            f"\nVăn bản ghi ngày sau ngày {short_date(status.as_of)} (chưa tính): "
            + ", ".join(status.later)
            + "\n"
        )
    return out


def json_document(status: RoundStatus) -> str:
    return json.dumps(status.to_dict(), ensure_ascii=False, indent=1) + "\n"
