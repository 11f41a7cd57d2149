"""What changed since the last build, in Vietnamese lines for ``changes.md``.

A build keeps a snapshot of its consolidated figures and texts (in the manifest); the
next build compares its own snapshot with it.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from ..report.consolidate import Consolidation
from ..vntext import format_number


def _fmt(value: str | None) -> str:
    return "trống" if value is None else format_number(Decimal(value))


def snapshot(cons: Consolidation) -> dict[str, Any]:
    """Consolidated figures and who wrote what, in a form that survives JSON."""
    return {
        "agencies": {s.agency.code: s.submission.digest for s in cons.contributors if s.submission},
        "files": {s.agency.code: s.file for s in cons.contributors},
        "indicators": {
            r.indicator.code: None if r.actual is None else str(r.actual) for r in cons.indicators
        },
        "names": {r.indicator.code: r.indicator.label for r in cons.indicators},
        "texts": {
            f"{sid}|{e.agency.code}": hashlib.sha256(e.text.encode()).hexdigest()[:16]
            for sid, entries in cons.sections.items()
            for e in entries
        },
    }


def change_log(old: dict[str, Any] | None, new: dict[str, Any], cons: Consolidation) -> list[str]:
    """Vietnamese lines: files added/replaced/withdrawn, figures moved, texts changed."""
    if not old:
        return ["Lần lập đầu tiên của đợt này."]
    registry, outline = cons.ctx.registry, cons.outline
    lines: list[str] = []

    def name(code: str) -> str:
        agency = registry.find(code)
        return agency.name if agency else code

    before, after = old.get("agencies", {}), new["agencies"]
    for code in sorted(set(before) | set(after), key=registry.rank):
        if code not in before:
            lines.append(f"- Thêm: {name(code)} ({new['files'].get(code, '')}).")
        elif code not in after:
            lines.append(f"- Rút khỏi báo cáo: {name(code)}.")
        elif before[code] != after[code]:
            lines.append(f"- Thay tệp: {name(code)} ({new['files'].get(code, '')}).")
    old_values = old.get("indicators", {})
    for code, value in new["indicators"].items():
        if code in old_values and old_values[code] != value:
            label = f"{code} ({new['names'][code]})"
            lines.append(f"- Chỉ tiêu {label}: {_fmt(old_values[code])} → {_fmt(value)}.")
    old_texts, new_texts = old.get("texts", {}), new["texts"]
    changed: dict[str, list[str]] = {}
    for key in sorted(set(old_texts) | set(new_texts)):
        if old_texts.get(key) != new_texts.get(key):
            sid, code = key.split("|")
            changed.setdefault(sid, []).append(name(code))
    for sid, names in changed.items():
        section = next((s for s in outline.sections if s.id == sid), None)
        label = f"{section.number} {section.title}" if section else sid
        lines.append(f"- Nội dung đề mục {label}: thay đổi ở {', '.join(names)}.")
    return lines or ["Không có thay đổi về số liệu và nội dung."]
