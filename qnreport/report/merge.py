"""Merging what several agencies wrote into the Sở's own statements, explainably.

Agencies describe the same problem, the same recommendation, the same activity: districts
copy each other's sentences with their own names, departments say one thing in slightly
different words. The report states each point once, attributed in parentheses:

* identical statements become one;
* statements that differ only in figures that count something ("1 hội nghị" and "3 hội
  nghị") become one with the figures added, never a rate, a year or a document number;
* statements that differ only in a few names ("Cụm công nghiệp Tịnh Sơn" / "… Thạch Trụ")
  become one sentence listing the names ("các cụm công nghiệp Tịnh Sơn, Thạch Trụ");
* statements at least ``similarity`` alike (rapidfuzz's token-sort ratio, which ignores word
  order) and naming the same places) become one, in the words most agencies used.

Every output item keeps the statements it came from, so the clerk can check any sentence
(the summary workbook lists them). The same statements, in any order, give the same words.
Thresholds and the names of things live in ``templates/merge.toml``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ..config.registry import Agency
from ..errors import ConfigError
from ..files import read_toml
from ..vntext import format_number, lower_first, upper_first

# A number as agencies write it (1.234,5 or 1234.5 or 12), or a word, or one other character.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NOT_COUNTS = frozenset({"năm", "ngày", "tháng", "số", "giai", "đoạn", "quý", "khoản", "điều"})


@dataclass(frozen=True)
class Entity:
    singular: str
    plural: str


@dataclass(frozen=True)
class MergeRules:
    """What counts as the same statement and how groups are named: templates/merge.toml."""

    similarity: float = 90
    max_slot_words: int = 4
    max_slots: int = 2
    min_common_words: int = 6
    body_sentences: int = 2
    body_points: int = 2
    bullets: tuple[str, ...] = ("-", "+", "•", "*", "–", "▪")
    additive_units: tuple[str, ...] = ()
    #: Beginnings of names that keep their capital mid-sentence ("Ủy ban nhân dân").
    proper_starts: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    attribution: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> MergeRules:
        data = read_toml(path)
        try:
            return cls(
                similarity=float(data.get("similarity", 90)),
                max_slot_words=int(data.get("max_slot_words", 4)),
                max_slots=int(data.get("max_slots", 2)),
                min_common_words=int(data.get("min_common_words", 6)),
                body_sentences=int(data.get("body_sentences", 2)),
                body_points=int(data.get("body_points", 2)),
                bullets=tuple(str(b) for b in data.get("bullets", cls.bullets)),
                additive_units=tuple(_fold(str(u)) for u in data.get("additive_units", ())),
                proper_starts=tuple(_fold(str(u)) for u in data.get("proper_starts", ())),
                entities=tuple(
                    Entity(_fold(str(e["singular"])), str(e["plural"]))
                    for e in data.get("entity", ())
                ),
                attribution=dict(data.get("attribution", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"Tệp {path} có mục không hợp lệ: {exc}") from None

    def mid_sentence(self, text: str) -> str:
        """``text`` as it reads after a colon or a semicolon: "(nguyên nhân: một số hộ dân
        ...)". A name keeps its capital: an acronym ("UBND"), a word followed by another
        capitalised one ("Sở Công Thương"), or a beginning listed in proper_starts."""
        words = text.split(maxsplit=2)
        if not words or not words[0][:1].isupper() or not words[0][1:].islower():
            return text
        if len(words) > 1 and words[1][:1].isupper():
            return text
        folded = _fold(text)
        if any(folded == p or folded.startswith(p + " ") for p in self.proper_starts):
            return text
        return lower_first(text)

    def entity_of(self, words: Sequence[str]) -> tuple[Entity, int] | None:
        """The entity whose name ``words`` end with (longest first), and its word count."""
        folded = [_fold(w) for w in words]
        for entity in sorted(self.entities, key=lambda e: -len(e.singular.split())):
            n = len(entity.singular.split())
            if n <= len(folded) and folded[-n:] == entity.singular.split():
                return entity, n
        return None


@dataclass(frozen=True)
class Statement:
    """One point one agency made; ``ref`` says where (heading, list row) for tracing."""

    text: str
    agency: Agency
    ref: str = ""


@dataclass(frozen=True)
class MergedItem:
    """One point of the report and the statements behind it."""

    text: str
    sources: tuple[Statement, ...]
    how: str  # "single", "same", "similar", "names", "summed"

    @property
    def agencies(self) -> tuple[Agency, ...]:
        seen: dict[str, Agency] = {}
        for s in sorted(self.sources, key=lambda s: s.agency.order):
            seen.setdefault(s.agency.code, s.agency)
        return tuple(seen.values())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def spaced(text: str) -> list[tuple[str, str]]:
    """Tokens with the white space before each, so a sentence rebuilt from them keeps its
    own spacing ("2024-2025" stays as written)."""
    text = unicodedata.normalize("NFC", text)
    out, at = [], 0
    for m in _TOKEN.finditer(text):
        out.append((m.group(), " " if text[at : m.start()] else ""))
        at = m.end()
    return out


def joined(words: Sequence[tuple[str, str]]) -> str:
    return "".join(space + word for word, space in words).strip()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ABBREVIATION = re.compile(r"(?:\b[A-ZĐ][A-Za-zĐđ]{0,3}|\bv\.v|\bThS|\bTS|\bPGS)\.$")


def split_statements(text: str, rules: MergeRules) -> list[str]:
    """A free text cut into its points: lines, a bullet mark at the start of a line, and
    sentences within a paragraph ("TP. Quảng Ngãi" and other abbreviations do not end
    one); each point without its bullet mark and closing punctuation."""
    points: list[str] = []
    marks = "".join(re.escape(b) for b in rules.bullets)
    bullet = re.compile(rf"^\s*[{marks}]\s+") if marks else None
    for line in unicodedata.normalize("NFC", text).splitlines():
        if bullet is not None:
            line = bullet.sub("", line)
        sentence = ""
        for part in _SENTENCE_END.split(line):
            sentence = f"{sentence} {part}" if sentence else part
            if _ABBREVIATION.search(sentence.rstrip()) or not part[:1].isupper():
                continue  # "TP." is no sentence end, nor a full stop before lower case
            if point := _bare(sentence):
                points.append(point)
            sentence = ""
        if point := _bare(sentence):
            points.append(point)
    return points


def merge(statements: Iterable[Statement], rules: MergeRules) -> list[MergedItem]:
    """The statements as report items: merged, ordered by how many agencies raised each
    (then by the registry's order), every statement in exactly one item."""
    pending = sorted(statements, key=_canonical)
    items: list[MergedItem] = []
    for group in _groups(pending, key=lambda s: tuple(_fold(t) for t in tokens(_bare(s.text)))):
        items.append(_item(_bare(group[0].text), group, "single" if len(group) == 1 else "same"))
    items = _merge_sums(items, rules)
    items = _merge_names(items, rules)
    items = _merge_similar(items, rules)
    return sorted(
        items,
        key=lambda i: (
            -len(i.agencies),
            i.agencies[0].order,
            min(s.ref for s in i.sources),  # an agency's own points in the order it wrote them
            _fold(i.text),
        ),
    )


def _bare(text: str) -> str:
    """The statement without its closing punctuation: the report punctuates."""
    return " ".join(text.split()).rstrip(" .;")


def _canonical(s: Statement) -> tuple[str, int, str, str, str]:
    return (_fold(" ".join(tokens(_bare(s.text)))), s.agency.order, s.agency.code, s.ref, s.text)


def _groups(items: Sequence[Any], key: Callable[[Any], Any]) -> list[list[Any]]:
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.values())


def _item(text: str, sources: Iterable[Statement], how: str) -> MergedItem:
    return MergedItem(text, tuple(sorted(sources, key=_canonical)), how)


# ------------------------------------------------------------------------ figures added up
def _number(token: str) -> Decimal | None:
    """A figure as Vietnamese texts write it: "." groups thousands, "," is the decimal."""
    if not _NUMBER.fullmatch(token):
        return None
    try:
        return Decimal(token.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _merge_sums(items: list[MergedItem], rules: MergeRules) -> list[MergedItem]:
    def masked(item: MergedItem) -> tuple[str, ...]:
        return tuple("#" if _number(t) is not None else _fold(t) for t in tokens(item.text))

    out: list[MergedItem] = []
    for group in _groups(items, masked):
        words = [tokens(i.text) for i in group]
        differing = {k for k in range(len(words[0])) if len({w[k] for w in words}) > 1}
        if len(group) < 2 or not _numbers_add_up(words[0], rules, differing):
            out.extend(group)
            continue
        totals = [
            (format_number(sum((_number(tokens(i.text)[k]) or Decimal(0)) for i in group)), sp)
            if k in differing
            else (w, sp)
            for k, (w, sp) in enumerate(spaced(group[0].text))
        ]
        out.append(_item(joined(totals), [s for i in group for s in i.sources], "summed"))
    return out


def _numbers_add_up(words: Sequence[str], rules: MergeRules, differing: set[int]) -> bool:
    """Every figure that differs between the agencies (at the positions ``differing``)
    counts things of one named kind ("5 hội nghị"), so that the same sentence from several
    agencies may be summed; a rate, a year, a document number or an unnamed figure may not.
    Figures all agencies share ("năm 2023") stay as they are."""
    found = False
    for k, w in enumerate(words):
        if _number(w) is None or k not in differing:
            continue
        before = _fold(words[k - 1]) if k else ""
        after = " ".join(_fold(x) for x in words[k + 1 : k + 4])
        if before in _NOT_COUNTS or not any(
            after == u or after.startswith(u + " ") for u in rules.additive_units
        ):
            return False
        found = True
    return found


# ------------------------------------------------------------------------ names listed
@dataclass
class _NameCluster:
    words: list[tuple[str, str]]  # the first statement's: the sentence others align to
    slots: list[tuple[int, int]]  # spans of ``words`` that differ between members
    members: list[tuple[MergedItem, list[str]]]  # each item and its text in each slot


def _slots(
    sa: list[tuple[str, str]], sb: list[tuple[str, str]], rules: MergeRules
) -> list[tuple[int, int, str]]:
    """Where ``sb`` differs from ``sa`` by a few replaced words only, or [] when it does not.

    Runs of two or more equal words anchor the alignment; what lies between two anchors on
    both sides is a slot, widened to take in a kind of place or work just before it ("huyện
    Bình Sơn" against "thị xã Đức Phổ"), so that every member of a group differs from the
    first at the same spans."""
    a, b = [_fold(w) for w, _ in sa], [_fold(w) for w, _ in sb]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    anchors = [m for m in matcher.get_matching_blocks() if m.size >= 2 or m.size == 0]
    slots = []
    i = j = 0
    for m in anchors:
        if (m.a - i) or (m.b - j):
            if not (m.a - i) or not (m.b - j):
                return []  # words only added or only dropped: not the same sentence
            i1, j1 = i, j
            while (found := rules.entity_of([w for w, _ in sa[:i1]])) is not None:
                n = found[1]
                if j1 < n or b[j1 - n : j1] != a[i1 - n : i1]:
                    break
                i1, j1 = i1 - n, j1 - n
            if max(m.a - i1, m.b - j1) > rules.max_slot_words + 3:
                return []
            if any(_number(w) is not None for w, _ in (*sa[i1 : m.a], *sb[j1 : m.b])):
                return []  # different figures are not names
            slots.append((i1, m.a, joined(sb[j1 : m.b])))
        i, j = m.a + m.size, m.b + m.size
    common = sum(m.size for m in anchors)
    if not slots or len(slots) > rules.max_slots or common < rules.min_common_words:
        return []
    if any(i2 - i1 - _entity_words(sa[i1:i2], rules) > rules.max_slot_words for i1, i2, _ in slots):
        return []
    return slots


def _entity_words(words: Sequence[tuple[str, str]], rules: MergeRules) -> int:
    """How many of the leading ``words`` name a kind of place or work ("thị xã": 2)."""
    folded = [_fold(w) for w, _ in words]
    for e in rules.entities:
        n = len(e.singular.split())
        if folded[:n] == e.singular.split():
            return n
    return 0


def _merge_names(items: list[MergedItem], rules: MergeRules) -> list[MergedItem]:
    clusters: list[_NameCluster] = []
    out: list[MergedItem] = []
    for item in sorted(items, key=lambda i: _fold(i.text)):
        words = spaced(item.text)
        for c in clusters:
            found = _slots(c.words, words, rules)
            spans = [(i1, i2) for i1, i2, _ in found]
            if found and (not c.slots or spans == c.slots):
                c.slots = spans
                c.members.append((item, [values for _, _, values in found]))
                break
        else:
            clusters.append(_NameCluster(words, [], [(item, [])]))
    for c in clusters:
        if len(c.members) == 1:
            out.append(c.members[0][0])
            continue
        first = c.members[0][0]
        c.members[0] = (first, [joined(c.words[i1:i2]) for i1, i2 in c.slots])
        c.members.sort(key=lambda m: (m[0].agencies[0].order, _fold(m[0].text)))
        out.append(
            _item(
                _listed_sentence(c, rules),
                [s for item, _ in c.members for s in item.sources],
                "names",
            )
        )
    return out


def _listed_sentence(c: _NameCluster, rules: MergeRules) -> str:
    """The shared sentence with each differing span replaced by the list of its values."""
    words: list[tuple[str, str]] = []
    at = 0
    for n, (i1, i2) in enumerate(c.slots):
        values: list[str] = []
        for _, slot_values in c.members:
            if slot_values[n] not in values:
                values.append(slot_values[n])
        words.extend(c.words[at:i1])
        words.append((_places(values, rules), c.words[i1][1]))
        at = i2
    words.extend(c.words[at:])
    text = joined(words)
    return upper_first(text) if c.words[0][0][:1].isupper() else text


def _places(values: list[str], rules: MergeRules) -> str:
    """Names that carry their own kind ("huyện Bình Sơn", "thị xã Đức Phổ") listed the
    administration's way: "thị xã Đức Phổ và các huyện Bình Sơn, Mộ Đức"."""
    by_kind: dict[str, list[str]] = {}
    plain: list[str] = []
    order = {e.singular: n for n, e in enumerate(rules.entities)}
    for value in values:
        words = value.split()
        kind = None
        for e in sorted(rules.entities, key=lambda e: -len(e.singular.split())):
            n = len(e.singular.split())
            if [_fold(w) for w in words[:n]] == e.singular.split() and len(words) > n:
                kind = e
                by_kind.setdefault(e.singular, []).append(" ".join(words[n:]))
                break
        if kind is None:
            plain.append(value)
    parts = []
    for singular in sorted(by_kind, key=lambda k: order[k]):
        names = by_kind[singular]
        entity = next(e for e in rules.entities if e.singular == singular)
        label = entity.plural if len(names) > 1 else singular
        parts.append(f"{label} {', '.join(names)}")
    if not parts:
        return ", ".join(plain)
    return join_list([*parts, *plain], rules)


def join_list(values: Sequence[str], rules: MergeRules) -> str:
    """ "a", "a và b", "a, b và c"."""
    word = str(rules.attribution.get("and", "và"))
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} {word} {values[-1]}"


# ------------------------------------------------------------------------ alike in meaning
def _merge_similar(items: list[MergedItem], rules: MergeRules) -> list[MergedItem]:
    """Statements alike in words (not in figures) become one, in the wording of the item
    most agencies used (the earliest canonical text on a tie)."""
    ordered = sorted(items, key=lambda i: (-len(i.sources), _fold(i.text)))
    groups: list[list[MergedItem]] = []
    for item in ordered:
        figures = sorted(t for t in tokens(item.text) if _number(t) is not None)
        for group in groups:
            head = group[0]
            if (
                sorted(t for t in tokens(head.text) if _number(t) is not None) == figures
                and _names(head.text) == _names(item.text)
                and fuzz.token_sort_ratio(_fold(head.text), _fold(item.text)) >= rules.similarity
            ):
                group.append(item)
                break
        else:
            groups.append([item])
    return [
        g[0] if len(g) == 1 else _item(g[0].text, [s for i in g for s in i.sources], "similar")
        for g in groups
    ]


def _names(text: str) -> set[str]:
    """Capitalised words after the first: the proper names a merge must never drop."""
    return {w for w in tokens(text)[1:] if w[:1].isupper()}


# ------------------------------------------------------------------------ attribution
def attribution(agencies: Sequence[Agency], registry: Iterable[Agency], rules: MergeRules) -> str:
    """Who said it, as the administration writes it: "Sở Kế hoạch và Đầu tư, Sở Tài chính",
    "UBND thị xã Đức Phổ và các huyện Bình Sơn, Mộ Đức", "các sở, ngành và 9/13 địa
    phương"."""
    rule = rules.attribution
    everyone = list(registry)
    departments = [a for a in agencies if a.group != "huyen"]
    places = [a for a in agencies if a.group == "huyen"]
    parts = []
    if departments:
        all_departments = [a for a in everyone if a.group != "huyen"]
        if len(departments) <= int(rule.get("max_named", 4)):
            parts.append(", ".join(a.name for a in departments))
        elif len(departments) == len(all_departments):
            parts.append(str(rule.get("all_departments", "các sở, ngành")))
        else:
            parts.append(
                str(rule.get("many_departments", "{n} sở, ngành")).format(n=len(departments))
            )
    if places:
        total = sum(1 for a in everyone if a.group == "huyen")
        if len(places) <= int(rule.get("max_named_places", 5)):
            names = [_place_of(a, rules) for a in places]
            prefix = str(rule.get("places_prefix", "UBND"))
            parts.append(f"{prefix} {_places(names, rules)}")
        elif len(places) == total:
            parts.append(str(rule.get("all_places", "các địa phương")))
        else:
            parts.append(
                str(rule.get("many_places", "{n}/{total} địa phương")).format(
                    n=len(places), total=total
                )
            )
    if len(parts) == 2 and len(departments) > int(rule.get("max_named", 4)):
        return join_list(parts, rules)  # "các sở, ngành và 9/13 địa phương"
    return ", ".join(parts)


def _place_of(agency: Agency, rules: MergeRules) -> str:
    """ "Ủy ban nhân dân huyện Bình Sơn" → "huyện Bình Sơn"."""
    name = agency.name
    for prefix in ("Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
