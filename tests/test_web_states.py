"""Where each agency stands on the clerk's dashboard, and the DHIS2-style rates."""

from __future__ import annotations

import datetime as dt

from qnreport.config.registry import Agency
from qnreport.web.states import (
    HAS_ERRORS,
    LATE,
    NO_TASK,
    NOT_SENT,
    ON_TIME,
    RETURNED_STATE,
    agency_states,
    count_states,
)
from qnreport.web.store import RECEIVED, RETURNED, Change, Upload

DEADLINE = dt.date(2023, 12, 20)
AGENCIES = [Agency(code, code, code, "so-nganh", i) for i, code in enumerate("ABCDEF")]


def upload(
    n: int, agency: str, at: str, errors: int = 0, returned: bool = False, no_task: bool = False
) -> Upload:
    when = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC)
    history = [Change(n, when, agency, None, RECEIVED, "")]
    if returned:
        history.append(Change(n, when, "clerk", RECEIVED, RETURNED, "sai số liệu"))
    return Upload(
        n, "cn-2023", agency, "0" * 64, 1, "x.xlsx", "x", "errors" if errors else "valid",
        errors, 0, [], "", None, None, None, when, agency, tuple(history), no_task,
    )  # fmt: skip


def test_each_state_from_the_uploads() -> None:
    uploads = [
        # 16:59 UTC on the deadline is 23:59 in Quảng Ngãi: on time; 17:00 is the next day.
        upload(1, "A", "2023-12-20T16:59:00"),
        upload(2, "B", "2023-12-20T17:00:00"),
        upload(3, "C", "2023-12-10T08:00:00", errors=2),
        upload(4, "D", "2023-12-10T08:00:00", returned=True),
        # A usable reply stays the reply when a later one has errors.
        upload(5, "E", "2023-12-11T08:00:00"),
        upload(6, "E", "2023-12-12T08:00:00", errors=1),
    ]
    rows = agency_states(AGENCIES, uploads, DEADLINE)
    assert [(r.agency.code, r.state, r.upload.id if r.upload else None, r.count) for r in rows] == [
        ("A", ON_TIME, 1, 1),
        ("B", LATE, 2, 1),
        ("C", HAS_ERRORS, 3, 1),
        ("D", RETURNED_STATE, 4, 1),
        ("E", ON_TIME, 5, 2),
        ("F", NOT_SENT, None, 0),
    ]


def test_counts_and_rates() -> None:
    uploads = [upload(1, "A", "2023-12-19T01:00:00"), upload(2, "B", "2023-12-24T01:00:00")]
    counts = count_states(agency_states(AGENCIES, uploads, DEADLINE))
    assert counts.by_state == {
        NOT_SENT: 4, ON_TIME: 1, LATE: 1, NO_TASK: 0, HAS_ERRORS: 0, RETURNED_STATE: 0
    }  # fmt: skip
    assert (counts.expected, counts.received, counts.on_time) == (6, 2, 1)
    assert round(counts.rate(counts.received), 3) == 0.333
    assert round(counts.rate(counts.by_state[ON_TIME]), 3) == 0.167


def test_a_no_task_reply_is_its_own_state_and_counts_as_a_reply() -> None:
    uploads = [
        upload(1, "A", "2023-12-19T01:00:00"),
        upload(2, "B", "2023-12-18T01:00:00", no_task=True),
        upload(3, "C", "2023-12-24T01:00:00", no_task=True),  # after the deadline
        upload(4, "D", "2023-12-18T01:00:00", no_task=True, returned=True),
        # A later workbook with figures replaces an earlier "no task" reply.
        upload(5, "E", "2023-12-10T01:00:00", no_task=True),
        upload(6, "E", "2023-12-11T01:00:00"),
    ]
    rows = agency_states(AGENCIES, uploads, DEADLINE)
    assert [(r.agency.code, r.state, r.upload.id if r.upload else None) for r in rows] == [
        ("A", ON_TIME, 1),
        ("B", NO_TASK, 2),
        ("C", NO_TASK, 3),
        ("D", RETURNED_STATE, 4),
        ("E", ON_TIME, 6),
        ("F", NOT_SENT, None),
    ]
    counts = count_states(rows)
    assert counts.by_state == {
        NOT_SENT: 1, ON_TIME: 2, LATE: 0, NO_TASK: 2, HAS_ERRORS: 0, RETURNED_STATE: 1
    }  # fmt: skip
    # DHIS2: a report received is counted whatever it says; on time by its arrival.
    assert (counts.expected, counts.received, counts.on_time) == (6, 4, 3)
    assert round(counts.rate(counts.received), 3) == 0.667
    assert NO_TASK == "không có nhiệm vụ"
