"""Validation results as people and tools read them: a terminal table, and JSON.

The build saves the same text table beside the report, so the clerk sees one format.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from ..read.submission import to_json_value
from .results import Batch, FileReport

VERDICTS = {
    "valid": "HỢP LỆ",
    "warnings": "HỢP LỆ, CÓ CẢNH BÁO",
    "errors": "CÓ LỖI - CHỈ DÙNG CÁC Ô, CÁC DÒNG HỢP LỆ; CẦN ĐỀ NGHỊ BỔ SUNG",
    "superseded": "KHÔNG DÙNG - ĐÃ CÓ TỆP MỚI HƠN",
    "later": "CHƯA TÍNH - VĂN BẢN CÓ SAU NGÀY CỦA BÁO CÁO",
    "excluded": "KHÔNG DÙNG - LOẠI THEO CẤU HÌNH ĐỢT (round.toml)",
}
#: A file with errors that could not be read as this round's form at all.
UNREADABLE = "KHÔNG ĐỌC ĐƯỢC THEO BIỂU MẪU - KHÔNG ĐƯA VÀO BÁO CÁO"


def summary_line(batch: Batch) -> str:
    c = batch.counts()
    held = "".join(
        f"; {label}: {c[key]}"
        for key, label in (
            ("later", "chưa tính (sau ngày báo cáo)"),
            ("excluded", "loại theo cấu hình"),
        )
        if c[key]
    )
    return (
        f"Tổng cộng: {c['files']} tệp; hợp lệ: {c['valid']}; có cảnh báo: {c['warnings']}; "
        f"có lỗi: {c['errors']}; không dùng (đã có tệp mới hơn): {c['superseded']}{held}."
    )


def verdict_label(report: FileReport) -> str:
    if report.verdict == "errors" and report.submission is None:
        return UNREADABLE
    return VERDICTS[report.verdict]


def file_block(report: FileReport, width: int = 100) -> str:
    lines = [f"{report.display}: {verdict_label(report)}"]
    sub = report.submission
    if sub is not None:
        date = f"ngày {sub.letter_date:%d/%m/%Y}" if sub.letter_date else "chưa ghi ngày"
        lines.append(
            f"  Cơ quan: {sub.agency}; văn bản số {sub.letter_number or '(trống)'}, {date}"
        )
    for f in report.findings:
        where = f"{f.sheet}!{f.cell}" if f.cell else (f.sheet or "(tệp)")
        head = f"  [{f.level.value}] {where}"
        if f.label:
            head += f" - {f.label}"
        lines.append(head)
        lines.extend(
            textwrap.wrap(
                f"{f.message} ({f.code})",
                width=width,
                initial_indent="      ",
                subsequent_indent="      ",
            )
        )
    return "\n".join(lines)


def text_table(batch: Batch) -> str:
    blocks = [file_block(r) for r in batch.reports]
    return "\n\n".join([*blocks, summary_line(batch)]) + "\n"


def json_document(batch: Batch) -> str:
    """Documented in the README ("Định dạng JSON")."""
    files: list[dict[str, Any]] = []
    for r in batch.reports:
        files.append(
            {
                "file": r.display,
                "verdict": r.verdict,
                "used": r.usable,
                "findings": [f.as_dict() for f in r.findings],
                "submission": to_json_value(r.submission) if r.submission else None,
            }
        )
    return (
        json.dumps(
            {"summary": batch.counts(), "files": files},
            ensure_ascii=False,
            indent=2,
            sort_keys=False,
        )
        + "\n"
    )
