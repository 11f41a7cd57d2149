"""What the province did, per heading of the outline: the agencies' texts merged into the
Sở's own points (see :mod:`.merge`), each with its attribution and its sources.

Free texts are cut into points and stripped of the agency naming itself ("UBND thị xã Đức
Phổ đã …"): the report attributes in parentheses instead. List rows merge on their first
column; the other columns of the rows merged into one point (a problem's causes) are kept
once each. Recommendations addressed to the issuing Sở itself are not forwarded upward:
they form the Sở's own follow-up list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..config.outline import ListSection
from ..config.registry import Agency, Registry
from ..vntext import upper_first
from .consolidate import Consolidation
from .merge import (
    MergedItem,
    MergeRules,
    Statement,
    attribution,
    merge,
    named_in,
    split_statements,
)


@dataclass(frozen=True)
class Point:
    """One point of the report: the merged item, who raised it, and what goes with it."""

    item: MergedItem
    attribution: str
    details: tuple[str, ...] = ()  # e.g. the causes of a problem, each once
    in_body: bool = True  # False: beyond what the body shows of one agency (see _capped)
    named: bool = False  # the text itself names who said it: no attribution in the body

    @property
    def text(self) -> str:
        return self.item.text


@dataclass(frozen=True)
class Synthesis:
    sections: dict[str, list[Point]]  # text heading id → points
    lists: dict[str, dict[str, list[Point]]]  # list key → group ("" when ungrouped) → points
    follow_up: list[Point]  # recommendations to the issuing Sở: its own to-do list


def synthesise(cons: Consolidation, rules: MergeRules, issuer: str) -> Synthesis:
    """The merged points of every text heading and list of the round; ``issuer`` is the
    name of the Sở that issues the report (its recommendations are not forwarded)."""
    registry = cons.ctx.registry
    sections = {
        sid: _capped(
            _rejoined(
                _points(
                    [
                        Statement(
                            in_our_voice(point, e.agency, issuer),
                            e.agency,
                            f"{sid}|{n:03d}|{k:03d}",
                        )
                        for e in entries
                        for n, line in enumerate(e.text.splitlines())
                        for k, point in enumerate(split_statements(line, rules))
                    ],
                    registry,
                    rules,
                ),
                rules.body_sentences,
            ),
            rules.body_points,
            rules.heading_points,
            issuer,
        )
        for sid, entries in cons.sections.items()
    }
    lists: dict[str, dict[str, list[Point]]] = {}
    follow_up: list[Point] = []
    for key, rows in cons.lists.items():
        spec = cons.outline.list_section(key)
        if not is_listed(spec):
            continue  # tables: listed in an appendix, not merged into sentences
        groups: dict[str, list[tuple[Agency, dict[str, object]]]] = {}
        for agency, row in rows:
            group = str(row.values.get(spec.group_by) or "") if spec.group_by else ""
            groups.setdefault(group, []).append((agency, row.values))
        merged_groups: dict[str, list[Point]] = {}
        for group, members in groups.items():
            statements, details = [], {}
            for n, (agency, values) in enumerate(members):
                ref = f"{key}:{group}:{n}"
                text = in_our_voice(str(values.get(spec.text_key) or ""), agency, issuer)
                statements.append(Statement(text, agency, ref))
                details[ref] = [str(values[c]) for c in spec.detail_keys if values.get(c)]
            points = _points(statements, registry, rules, details)
            if spec.group_by and same_name(group, issuer):
                follow_up.extend(points)
            else:
                merged_groups[group] = _capped(
                    points, rules.list_points, rules.heading_points, issuer
                )
        lists[key] = merged_groups
    return Synthesis(sections, lists, follow_up)


def _points(
    statements: list[Statement],
    registry: Registry,
    rules: MergeRules,
    details: dict[str, list[str]] | None = None,
) -> list[Point]:
    points = []
    for item in merge(statements, rules):
        # The details of the rows merged into one point (a problem's causes), merged in
        # turn: "Ngân sách huyện hạn hẹp" and "Ngân sách thị xã hạn hẹp" are one cause.
        parts = [
            Statement(part, source.agency, f"{source.ref}|{n}")
            for source in item.sources
            for text in (details or {}).get(source.ref, [])
            for n, part in enumerate(re.split(r"\s*;\s*", text))
            if part.strip(" .;")
        ]
        merged = sorted(merge(parts, rules), key=lambda i: min(s.ref for s in i.sources))
        extra = tuple(rules.mid_sentence(i.text) for i in merged)
        by = attribution(item.agencies, registry, rules)
        points.append(Point(item, by, extra, named=named_in(item.text, item.agencies, rules)))
    return points


_CONNECTIVE = re.compile(r"^(?:Qua đó|Nhờ đó|Từ đó|Do đó|Vì vậy|Bên cạnh đó|Ngoài ra),\s*", re.I)


def _paragraphs(item: MergedItem) -> frozenset[tuple[str, str]]:
    """The agencies' paragraphs a point's sentences come from."""
    return frozenset((s.agency.code, s.ref.rsplit("|", 1)[0]) for s in item.sources)


def _rejoined(points: list[Point], limit: int) -> list[Point]:
    """Sentences are merged one by one, then put back together: consecutive sentences of
    the same paragraphs (one agency's, or the same few agencies' merged) read as one
    paragraph again ("Tỷ lệ lấp đầy của cụm …" needs the sentence before it); a merged
    sentence that is not the first of its paragraph loses the link word that tied it to a
    sentence it no longer follows ("Qua đó, …"). The body shows at most ``limit``
    sentences of one agency's paragraph; the whole of it is in the appendix of the
    agencies' texts."""
    out: list[Point] = []
    sentences: list[int] = []  # how many sentences each point of ``out`` holds
    results: list[Point] = []
    for point in points:
        previous = out[-1] if out else None
        single = point.item.how == "single"
        if (
            previous is not None
            and single == (previous.item.how == "single")
            and _paragraphs(previous.item) == _paragraphs(point.item)
        ):
            shown = not single or sentences[-1] < limit  # the rest is read in the appendix
            text = f"{previous.text}. {upper_first(point.text)}" if shown else previous.text
            how = previous.item.how
            item = MergedItem(text, (*previous.item.sources, *point.item.sources), how)
            out[-1] = replace(previous, item=item)
            sentences[-1] += 1
            continue
        if not single and (m := _CONNECTIVE.match(point.text)):
            rest = point.text[m.end() :]
            item = MergedItem(upper_first(rest), point.item.sources, point.item.how)
            results.append(replace(point, item=item))
            continue
        out.append(point)
        sentences.append(1)
    return out + results  # what came "thereby" follows what was done


def is_listed(spec: ListSection) -> bool:
    """Whether a list's rows are merged into points (problems, recommendations, next
    year's tasks), not printed as a table in an appendix of their own (projects)."""
    return spec.key not in ("du_an", "chinh_sach") and len(spec.columns) <= 2 + bool(spec.group_by)


def _capped(points: list[Point], limit: int, total: int = 0, issuer: str = "") -> list[Point]:
    """At most ``limit`` points of one agency alone under a heading (or in a group of a
    list) go to the body (the first ones it wrote), and at most ``total`` such points in
    all (0: any), the issuer's own first, then in the registry's order; the others stay
    here, for the summary's sources, and in the appendix of the agencies' texts. Points
    several agencies share always go to the body."""
    seen: dict[str, int] = {}
    kept = []
    for point in points:
        if len(point.item.agencies) == 1:
            code = point.item.agencies[0].code
            seen[code] = seen.get(code, 0) + 1
            if seen[code] > limit:
                point = replace(point, in_body=False)
        kept.append(point)
    singles = [p for p in kept if p.in_body and len(p.item.agencies) == 1]
    if total and len(singles) > total:
        first = sorted(singles, key=lambda p: (p.item.agencies[0].name != issuer,))
        dropped = {id(p) for p in first[total:]}
        kept = [replace(p, in_body=False) if id(p) in dropped else p for p in kept]
    return kept


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def names_of(agency: Agency) -> list[str]:
    """The ways an agency names itself at the start of its own text, longest first."""
    names = {agency.name, agency.short}
    for long, short in (("Ủy ban nhân dân", "UBND"), ("Uỷ ban nhân dân", "UBND")):
        if agency.name.startswith(long):
            names.add(short + agency.name[len(long) :])
    for generic in ("Sở", "Ban Quản lý", "Cục", "Ban"):  # "Sở đã phối hợp …": itself
        if agency.name.startswith(generic + " "):
            names.add(generic)
            break
    return sorted(names, key=len, reverse=True)


def unechoed(text: str, agency: Agency) -> str:
    """The agency's own text without it naming itself at the start of a point: "UBND thị xã
    Đức Phổ đã ban hành …" → "Ban hành …", since the report names it in parentheses."""
    pattern = "|".join(re.escape(n) for n in names_of(agency))
    lead = re.compile(rf"^(\s*(?:[-+•*–▪]\s*)?)(?:{pattern})\s*(?:đã\s+|:\s*|,\s*)?", re.I)

    def strip(line: str) -> str:
        m = lead.match(line)
        if not m or m.end() == len(line):
            return line
        rest = line[m.end() :]
        return m.group(1) + upper_first(rest)

    return "\n".join(strip(line) for line in text.splitlines())


_BARE_SO = re.compile(r"\bSở(?= (?:đã |đang |sẽ |cũng )?[a-zà-ỹđ])")


def in_our_voice(text: str, agency: Agency, issuer: str) -> str:
    """An agency's text as the issuing Sở quotes it: without the agency naming itself at
    the start (:func:`unechoed`), and with another department's bare "Sở" inside a
    sentence ("Trong năm, Sở đã thẩm tra …") given its name, since in the issuer's report
    "Sở" alone means the issuer."""
    text = unechoed(text, agency)
    if agency.name.startswith("Sở ") and agency.name != issuer:
        text = _BARE_SO.sub(agency.name, text)
    return text


def sources_rows(synthesis: Synthesis, titles: dict[str, str]) -> Iterable[tuple[str, ...]]:
    """For the summary workbook: every point with each statement behind it, so the clerk
    can check any sentence of the report against what the agencies wrote."""
    for sid, points in synthesis.sections.items():
        yield from _rows(titles.get(sid, sid), points)
    for key, groups in synthesis.lists.items():
        for group, points in groups.items():
            where = titles.get(key, key) + (f" – {group}" if group else "")
            yield from _rows(where, points)
    yield from _rows("Kiến nghị gửi Sở (Sở tiếp thu, giải quyết)", synthesis.follow_up)


def _rows(where: str, points: list[Point]) -> Iterable[tuple[str, ...]]:
    for number, point in enumerate(points, start=1):
        for source in point.item.sources:
            yield (where, str(number), point.text, point.attribution, source.agency.short,
                   source.text)  # fmt: skip
