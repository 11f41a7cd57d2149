"""A reply made for the agency: the "no assigned task" letter, as its own filled template.

The portal offers it as one click (the letter's number and date, and why); what it
produces is the agency's blank template filled through the named-cell contract, so that it
is read, checked and consolidated like any workbook the agency sends.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..config import contract
from ..config.registry import Agency
from ..config.rounds import RoundContext
from .fill import fill_workbook, save_filled
from .workbook import build_template


def no_task_reply(
    ctx: RoundContext,
    agency: Agency,
    path: Path,
    *,
    letter_number: str,
    letter_date: dt.date,
    reason: str = "",
    signer: str = "",
) -> Path:
    """Write the agency's template answering "no assigned task" to ``path``, dated by its
    letter (the same answer gives the same bytes)."""
    wb = build_template(ctx, agency)
    values: dict[str, object] = {
        "VB_SO": letter_number,
        "VB_NGAY": dt.datetime.combine(letter_date, dt.time()),
        "KHONG_NHIEM_VU": contract.YES,
        "LY_DO_KHONG_NV": reason or None,
    }
    if signer:
        values["NGUOI_KY"] = signer
    fill_workbook(wb, values)
    return save_filled(wb, path, dt.datetime.combine(letter_date, dt.time(8)))
