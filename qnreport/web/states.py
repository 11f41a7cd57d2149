"""Where each agency stands in a round, for the clerk's dashboard.

A small function of the uploads alone, so that it can be replaced by the round status of
``qnreport.round.status`` once that lands (same inputs: the registry, the deadline, the
replies; same states). Rates are the ones DHIS2 reports: replies received over replies
expected, and replies on time over replies expected. A "không được giao nhiệm vụ" reply is
a reply like any other (DHIS2 counts a report whatever it says): received, and on time
when it came by the deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..check.batch import choose_latest
from ..check.results import FileReport
from ..config.registry import Agency
from ..findings import Catalogue
from ..read.submission import Submission
from .store import RETURNED, Upload, input_name

#: The province's time (UTC+7, no daylight saving): a deadline is a local calendar day.
LOCAL = dt.timezone(dt.timedelta(hours=7))

NOT_SENT = "chưa gửi"
ON_TIME = "đúng hạn"
LATE = "sau hạn"
NO_TASK = "không có nhiệm vụ"
HAS_ERRORS = "có lỗi"
RETURNED_STATE = "trả lại"
STATES = (NOT_SENT, ON_TIME, LATE, NO_TASK, HAS_ERRORS, RETURNED_STATE)
#: The states of an agency whose reply counts as received.
REPLIED = (ON_TIME, LATE, NO_TASK)


@dataclass(frozen=True)
class AgencyState:
    agency: Agency
    state: str
    upload: Upload | None  # the upload the state is about (None when nothing was sent)
    count: int  # uploads received from the agency in this round
    on_time: bool = False  # its reply (whatever it says) came by the deadline

    @property
    def accepted(self) -> bool:
        """The clerk has accepted the upload the state is about."""
        return self.upload is not None and self.upload.accepted is not None


@dataclass(frozen=True)
class Counts:
    expected: int
    by_state: dict[str, int]
    accepted: int = 0  # of the received, how many the clerk has accepted
    on_time: int = 0  # replies received by the deadline, "không có nhiệm vụ" included

    @property
    def received(self) -> int:
        return sum(self.by_state[state] for state in REPLIED)

    def rate(self, part: int) -> float:
        return part / self.expected if self.expected else 0.0


def local_day(when: dt.datetime) -> dt.date:
    return when.astimezone(LOCAL).date()


def in_build(up: Upload) -> bool:
    """The upload's copy is one of the files ``qnreport build`` reads: without errors
    (so copied into ``inputs/``) and not returned (returned ones are excluded)."""
    return up.errors == 0 and up.state != RETURNED


# choose_latest words a finding for each file it leaves out; only the choice matters here.
_LEFT_OUT = Catalogue(
    {code: {"level": "warning", "message": code} for code in ("SUPERSEDED", "DUPLICATE_FILE")}
)


def superseded_by(uploads: Sequence[Upload]) -> dict[int, Upload]:
    """Each upload the build leaves out because a later reply of the same agency is in,
    with the upload that replaces it. Decided by the CLI's own rule
    (:func:`qnreport.check.batch.choose_latest`: the latest letter by date, then number,
    then the file's time, which for a portal copy is the upload's time) over the files
    the build reads."""
    pairs: list[tuple[FileReport, Upload]] = []
    for up in uploads:
        if not in_build(up):
            continue
        name = up.input_name or input_name(up.round, up.agency, up.id, up.stored_path)
        sub = Submission(
            file=name,
            digest=up.sha256,
            round=up.round,
            outline="",
            outline_version="",
            agency=up.agency,
            letter_number=up.letter_number,
            letter_date=up.letter_date,
            modified=up.uploaded_at.timestamp(),
        )
        pairs.append((FileReport(Path(name), name, sub), up))
    choose_latest([report for report, _up in pairs], _LEFT_OUT)
    used = {(up.round, up.agency): up for report, up in pairs if report.used}
    return {up.id: used[(up.round, up.agency)] for report, up in pairs if not report.used}


def agency_states(
    agencies: Iterable[Agency], uploads: Sequence[Upload], deadline: dt.date
) -> list[AgencyState]:
    """One row per agency: the upload the build uses (see :func:`superseded_by`) decides
    on time, late or no task; without one, its latest upload says returned or has errors;
    without any, not sent."""
    mine: dict[str, list[Upload]] = {}
    for up in uploads:
        mine.setdefault(up.agency, []).append(up)
    replaced = superseded_by(uploads)
    rows = []
    for agency in agencies:
        sent = sorted(mine.get(agency.code, []), key=lambda u: u.id)
        usable = [u for u in sent if in_build(u) and u.id not in replaced]
        in_time = False
        if usable:
            shown = usable[-1]
            in_time = local_day(shown.uploaded_at) <= deadline
            state = NO_TASK if shown.no_task else ON_TIME if in_time else LATE
        elif sent:
            shown = sent[-1]
            state = RETURNED_STATE if shown.state == RETURNED else HAS_ERRORS
        else:
            shown, state = None, NOT_SENT
        rows.append(AgencyState(agency, state, shown, len(sent), in_time))
    return rows


def count_states(rows: Sequence[AgencyState]) -> Counts:
    by_state = dict.fromkeys(STATES, 0)
    for row in rows:
        by_state[row.state] += 1
    return Counts(
        len(rows),
        by_state,
        accepted=sum(1 for row in rows if row.accepted),
        on_time=sum(1 for row in rows if row.on_time),
    )
