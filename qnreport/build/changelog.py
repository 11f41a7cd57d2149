"""What changed since the last build: Vietnamese lines, kept in a running journal.

A build keeps a snapshot of what the report says (figures with their units, list rows,
texts by agency and heading, the letters used and refused, the report's number, date and
signer) in its manifest; the next build compares its own snapshot with it. Every build that
writes something adds one dated entry at the top of ``nhat-ky.md``; earlier entries are
kept as they were, so the journal is the round's whole history of corrections.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..report.consolidate import Consolidation
from ..vntext import format_number

JOURNAL_TITLE = "# Nhật ký thay đổi báo cáo đợt {round_id}"
FIRST_BUILD = "Lần lập đầu tiên của đợt này."
FIGURES = (("previous", "năm trước"), ("actual", "thực hiện"), ("next_target", "kế hoạch"))


def _digest(value: object) -> str:
    blob = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def snapshot(cons: Consolidation, document: dict[str, str] | None = None) -> dict[str, Any]:
    """What the report says, in a form that survives JSON: enough to name every change."""
    lists: dict[str, dict[str, str]] = {}
    for key, rows in cons.lists.items():
        first = cons.outline.list_section(key).columns
        label_key = next((c.key for c in first if c.type == "text"), first[0].key)
        for agency, row in rows:
            row_id = f"{agency.code}|{_digest(row.values)}"
            lists.setdefault(key, {})[row_id] = _clip(str(row.values.get(label_key) or ""))
    return {
        "agencies": {s.agency.code: s.submission.digest for s in cons.contributors if s.submission},
        "files": {s.agency.code: s.file for s in cons.contributors},
        "refused": {s.agency.code: list(s.refused) for s in cons.statuses if s.refused},
        "indicators": {
            r.indicator.code: None if r.actual is None else str(r.actual) for r in cons.indicators
        },
        "figures": {
            r.indicator.code: {
                field: None if getattr(r, field) is None else str(getattr(r, field))
                for field, _ in FIGURES
            }
            for r in cons.indicators
        },
        "names": {r.indicator.code: r.indicator.label for r in cons.indicators},
        "units": {r.indicator.code: r.indicator.unit for r in cons.indicators},
        "lists": lists,
        "texts": {
            f"{sid}|{e.agency.code}": hashlib.sha256(e.text.encode()).hexdigest()[:16]
            for sid, entries in cons.sections.items()
            for e in entries
        },
        "document": dict(document or {}),
    }


def _figure(value: str | None, unit: str) -> str:
    if value is None:
        return "trống"
    number = format_number(Decimal(value))
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def change_log(old: dict[str, Any] | None, new: dict[str, Any], cons: Consolidation) -> list[str]:
    """Vietnamese lines, one per change: letters added, replaced, withdrawn or refused;
    every figure old → new with its unit; list rows added and removed; texts changed by
    heading and agency; the report's number, date and signer."""
    if not old:
        return [FIRST_BUILD]
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
    old_refused, new_refused = old.get("refused", {}), new.get("refused", {})
    for code in sorted(new_refused, key=registry.rank):
        for file in new_refused[code]:
            if file not in old_refused.get(code, []):
                lines.append(f"- Không dùng được (có lỗi): {name(code)} ({file}).")
    lines.extend(_figure_lines(old, new))
    lines.extend(_list_lines(old, new, cons, name))
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
    lines.extend(_document_lines(old.get("document", {}), new.get("document", {})))
    return lines or ["Không có thay đổi về số liệu và nội dung."]


def _figure_lines(old: dict[str, Any], new: dict[str, Any]) -> Iterable[str]:
    units = new.get("units", {})
    if "figures" not in old:  # a manifest from before figures were kept: actual values only
        old_values = old.get("indicators", {})
        for code, value in new["indicators"].items():
            if code in old_values and old_values[code] != value:
                unit = units.get(code, "")
                label = f"{code} ({new['names'][code]})"
                old_text, new_text = _figure(old_values[code], unit), _figure(value, unit)
                yield f"- Chỉ tiêu {label}: {old_text} → {new_text}."
        return
    for code, figures in new["figures"].items():
        previous = old["figures"].get(code)
        if previous is None:
            continue
        unit = units.get(code, "")
        for field, label in FIGURES:
            if previous.get(field) != figures.get(field):
                old_text = _figure(previous.get(field), unit)
                new_text = _figure(figures[field], unit)
                title = f"{code} ({new['names'][code]})"
                what = "" if field == "actual" else f", {label}"
                yield f"- Chỉ tiêu {title}{what}: {old_text} → {new_text}."


def _list_lines(
    old: dict[str, Any], new: dict[str, Any], cons: Consolidation, name: Any
) -> Iterable[str]:
    old_lists, new_lists = old.get("lists"), new.get("lists", {})
    if old_lists is None:
        return
    for spec in cons.outline.lists:
        before, after = old_lists.get(spec.key, {}), new_lists.get(spec.key, {})
        title = spec.title
        for row_id in sorted(set(before) - set(after), key=lambda r: (r, before[r])):
            yield f'- {title}: bỏ dòng "{before[row_id]}" ({name(row_id.split("|")[0])}).'
        for row_id in sorted(set(after) - set(before), key=lambda r: (r, after[r])):
            yield f'- {title}: thêm dòng "{after[row_id]}" ({name(row_id.split("|")[0])}).'


_DOCUMENT = (("number", "Số báo cáo"), ("date", "Ngày ban hành"), ("signer", "Người ký"))


def _document_lines(old: dict[str, str], new: dict[str, str]) -> Iterable[str]:
    for key, label in _DOCUMENT:
        if old.get(key, "") != new.get(key, ""):
            yield f"- {label}: {old.get(key) or 'chưa có'} → {new.get(key) or 'chưa có'}."


def journal(round_id: str, when: str, changes: list[str], earlier: str | None) -> str:
    """The journal with this build's entry on top; ``earlier`` is the journal as it was
    (its entries are kept word for word)."""
    title = JOURNAL_TITLE.format(round_id=round_id)
    entry = f"## Lập ngày {when}\n\n" + "\n".join(changes) + "\n"
    previous = ""
    if earlier and earlier.startswith(title):
        previous = earlier[len(title) :].strip("\n")
    return f"{title}\n\n{entry}" + (f"\n{previous}\n" if previous else "")
