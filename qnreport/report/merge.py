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
    min_common_share: float = 0.75  # ... or this share of the shorter statement's words
    body_sentences: int = 2
    body_points: int = 2
    list_points: int = 2  # the same for the points of a list (problems, recommendations)
    #: At most this many points of single agencies under one heading or group (0: any).
    heading_points: int = 0
    bullets: tuple[str, ...] = ("-", "+", "•", "*", "–", "▪")
    additive_units: tuple[str, ...] = ()
    #: Beginnings of names that keep their capital mid-sentence ("Ủy ban nhân dân").
    proper_starts: tuple[str, ...] = ()
    #: Words that are never part of a name: "đã" against "chưa" is no name to list.
    never_names: frozenset[str] = frozenset()
    entities: tuple[Entity, ...] = ()
    #: What a bare kind of place becomes when places of several kinds are merged
    #: ("ngân sách thị xã" + "ngân sách huyện" = "ngân sách địa phương"); "" never merges.
    generic_place: str = ""
    generic_kinds: frozenset[str] = frozenset({"thành phố", "thị xã", "huyện"})
    #: Different rates of different places: "từ {low} đến {high}".
    range: str = "từ {low} đến {high}"
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
                min_common_share=float(data.get("min_common_share", 0.75)),
                body_sentences=int(data.get("body_sentences", 2)),
                body_points=int(data.get("body_points", 2)),
                list_points=int(data.get("list_points", data.get("body_points", 2))),
                heading_points=int(data.get("heading_points", 0)),
                bullets=tuple(str(b) for b in data.get("bullets", cls.bullets)),
                additive_units=tuple(_fold(str(u)) for u in data.get("additive_units", ())),
                proper_starts=tuple(_fold(str(u)) for u in data.get("proper_starts", ())),
                never_names=frozenset(_fold(str(w)) for w in data.get("never_names", ())),
                entities=tuple(
                    Entity(_fold(str(e["singular"])), str(e["plural"]))
                    for e in data.get("entity", ())
                ),
                generic_place=str(data.get("generic_place", "")),
                generic_kinds=frozenset(
                    _fold(str(k)) for k in data.get("generic_kinds", cls.generic_kinds)
                ),
                range=str(data.get("range", cls.range)),
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

    def entity_at_start(self, words: Sequence[str]) -> tuple[Entity, int] | None:
        """The entity ``words`` begin with ("thị xã Đức Phổ"), longest first, and its word
        count."""
        folded = [_fold(w) for w in words]
        for entity in sorted(self.entities, key=lambda e: -len(e.singular.split())):
            n = len(entity.singular.split())
            if folded[:n] == entity.singular.split():
                return entity, n
        return None

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
# "TP.", "TX.", "Tp.", "ThS." end no sentence; a capitalised word ("Đồng Dinh.") does.
_ABBREVIATION = re.compile(r"(?:\b[A-ZĐ]{1,4}|\bv\.v|\bThS|\bTp|\bTx|\bTt|\bPGS)\.$")


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
        # The same words from several agencies: each did it, so its counts add up ("24
        # doanh nghiệp thành lập mới" on each district's territory).
        times = len({s.agency.code for s in group})
        text = joined(_times(spaced(_bare(group[0].text)), times, rules))
        items.append(_item(text, group, "single" if len(group) == 1 else "same"))
    items = _merge_slots(items, rules)
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


# ------------------------------------------------------------------ one sentence, many agencies
def _number(token: str) -> Decimal | None:
    """A figure as Vietnamese texts write it: "." groups thousands, "," is the decimal."""
    if not _NUMBER.fullmatch(token):
        return None
    try:
        return Decimal(token.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


Words = list[tuple[str, str]]
Span = tuple[int, int]


@dataclass
class _Cluster:
    """Statements that are one sentence with a few places changed ("slots"): the first
    statement's words, the spans of them that differ, and each member's words there."""

    words: Words
    spans: list[Span] = field(default_factory=list)
    members: list[tuple[MergedItem, dict[Span, Words]]] = field(default_factory=list)

    def values(self, span: Span) -> list[Words]:
        return [own.get(span, self.words[span[0] : span[1]]) for _, own in self.members]


def _differences(sa: Words, sb: Words, rules: MergeRules) -> dict[Span, Words] | None:
    """Where ``sb`` differs from ``sa`` by a few replaced words, or None when it is not the
    same sentence: spans of ``sa`` and the words of ``sb`` in each.

    Runs of two or more equal words anchor the alignment; what lies between two anchors is
    a slot, widened to take in a kind of place or work just before it ("huyện Bình Sơn"
    against "thị xã Đức Phổ"). A figure differs alone ("05" against "03"), never inside a
    longer change."""
    a, b = [_fold(w) for w, _ in sa], [_fold(w) for w, _ in sb]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    anchors = [m for m in matcher.get_matching_blocks() if m.size >= 2 or m.size == 0]
    found: dict[Span, Words] = {}
    i = j = 0
    for m in anchors:
        i2, j2 = m.a, m.b
        if (m.a - i) or (m.b - j):
            i1, j1 = i, j
            if (i2 - i1) and (j2 - j1) and _number(sa[i1][0]) is None:
                # a name is changed whole: "Bình Sơn" against "Lý Sơn", not "Bình" / "Lý"
                while (
                    i1
                    and j1
                    and _capital(sa[i1][0])
                    and _capital(sb[j1][0])
                    and a[i1 - 1] == b[j1 - 1]
                    and _capital(sa[i1 - 1][0])
                ):
                    i1, j1 = i1 - 1, j1 - 1
                while (
                    i2 < len(a)
                    and j2 < len(b)
                    and _capital(sa[i2 - 1][0])
                    and _capital(sb[j2 - 1][0])
                    and a[i2] == b[j2]
                    and _capital(sa[i2][0])
                ):
                    i2, j2 = i2 + 1, j2 + 1
            while (i2 - i1) and (j2 - j1) and (hit := rules.entity_of([w for w, _ in sa[:i1]])):
                n = hit[1]
                if j1 < n or b[j1 - n : j1] != a[i1 - n : i1]:
                    break
                i1, j1 = i1 - n, j1 - n
            ours, theirs = sa[i1:i2], sb[j1:j2]
            figures = [w for w, _ in (*ours, *theirs) if _number(w) is not None]
            if figures and (len(ours) != 1 or len(theirs) != 1 or len(figures) != 2):
                return None  # a figure changes only on its own
            if max(len(ours), len(theirs)) - _entity_words(ours, rules) > rules.max_slot_words:
                return None
            if found and max(found)[1] > i1:
                return None  # two changes run into each other
            found[(i1, i2)] = theirs
        i, j = max(m.a + m.size, i2), max(m.b + m.size, j2)
    common = sum(m.size for m in anchors)
    # a short statement (a cause: "ngân sách huyện hạn hẹp") shares fewer words, but most
    short = common >= 3 and common >= rules.min_common_share * min(len(a), len(b))
    if not found or (common < rules.min_common_words and not short):
        return None
    return found


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _entity_words(words: Sequence[tuple[str, str]], rules: MergeRules) -> int:
    """How many of the leading ``words`` name a kind of place or work ("thị xã": 2)."""
    found = rules.entity_at_start([w for w, _ in words])
    return found[1] if found else 0


def _kind(c: _Cluster, span: Span, rules: MergeRules) -> str | None:
    """How one slot's values are combined, or None when they may not be:

    * "sum": counts of one named kind ("5 hội nghị"), added up;
    * "range": another figure (a rate, an amount per place), given as "từ … đến …", only in
      a sentence that is about different places (see :func:`_joinable`);
    * "names": names, listed the administration's way;
    * "generic": a bare kind of place ("thành phố" / "huyện"), said as ``generic_place``;
    * "variant": a few words of a name present in some texts only ("Phòng Kinh tế [và Hạ
      tầng]"), written as most agencies wrote it.
    A year, a date or a document number, and words that are not names, never change."""
    values = [[w for w, _ in v] for v in c.values(span)]
    if any(_number(w) is not None for v in values for w in v):
        if not all(len(v) == 1 and _number(v[0]) is not None for v in values):
            return None
        if span[0] and _fold(c.words[span[0] - 1][0]) in _NOT_COUNTS:
            return None
        return "sum" if _counted(c.words, *span, rules) else "range"
    if any(_fold(w) in rules.never_names for v in values for w in v):
        return None
    if all(" ".join(_fold(w) for w in v) in rules.generic_kinds for v in values):
        return "generic" if rules.generic_place else None
    if any(not v for v in values):
        named = all(any(w[:1].isupper() for w in v) for v in values if v)
        return "variant" if named else None
    for v in values:
        bare = v[_entity_words([(w, "") for w in v], rules) :]
        if not bare or not bare[0][:1].isupper():
            return None  # "đã" against "chưa" is no name
    return "names"


def _joinable(c: _Cluster, rules: MergeRules) -> bool:
    kinds = [_kind(c, span, rules) for span in c.spans]
    if None in kinds or sum(k not in ("sum", "range") for k in kinds) > rules.max_slots:
        return False  # figures, one word each, do not count against max_slots
    # Different rates are combined only for different places: named in the sentence, or
    # each district speaking of its own without naming anything. For one and the same
    # thing they are a disagreement the clerk must see, not a range.
    if "range" not in kinds or {"names", "generic"} & set(kinds):
        return True
    agencies = [a for item, _ in c.members for a in item.agencies]
    own = all(a.group == "huyen" for a in agencies) and len({a.code for a in agencies}) == len(
        agencies
    )
    return own and not _names(joined(c.words))


def _join(c: _Cluster, item: MergedItem, words: Words, rules: MergeRules) -> bool:
    """Adds ``item`` to the cluster when it is the same sentence with a few slots changed,
    the same slots as the others' or new ones apart from them."""
    found = _differences(c.words, words, rules)
    if found is None:
        return False
    spans = list(c.spans)
    for span in found:
        if span in spans:
            continue
        if any(_overlap(span, other) for other in spans):
            return False  # overlaps a slot of different bounds
        spans.append(span)
    trial = _Cluster(c.words, sorted(spans), [*c.members, (item, found)])
    if not _joinable(trial, rules):
        return False
    c.spans, c.members = trial.spans, trial.members
    return True


def _overlap(x: Span, y: Span) -> bool:
    """Whether two spans share a word, an empty one (words inserted) counting as the place
    where it is."""
    (a1, a2), (b1, b2) = x, y
    if a1 == a2:
        return b1 <= a1 < b2 or b1 == b2 == a1
    if b1 == b2:
        return a1 <= b1 < a2
    return a1 < b2 and b1 < a2


def _merge_slots(items: list[MergedItem], rules: MergeRules) -> list[MergedItem]:
    clusters: list[_Cluster] = []
    for item in sorted(items, key=lambda i: _fold(i.text)):
        words = spaced(item.text)
        if not any(_join(c, item, words, rules) for c in clusters):
            clusters.append(_Cluster(words, [], [(item, {})]))
    out: list[MergedItem] = []
    for c in clusters:
        if len(c.members) == 1:
            out.append(c.members[0][0])
            continue
        kinds = {_kind(c, span, rules) for span in c.spans}
        how = "names" if kinds & {"names", "generic", "variant"} else "summed"
        sources = [s for item, _ in c.members for s in item.sources]
        out.append(_item(_combined(c, rules), sources, how))
    return out


def _combined(c: _Cluster, rules: MergeRules) -> str:
    """The shared sentence with each slot filled in for all members, and every count of a
    named kind added up over the members (also where they all wrote the same figure:
    "03 nhà đầu tư" from two districts are 06)."""
    c.members.sort(key=lambda m: (m[0].agencies[0].order, _fold(m[0].text)))
    words: Words = []
    at = 0
    ends = [*c.spans, (len(c.words), len(c.words))]
    for n, (i1, i2) in enumerate(ends):
        words.extend(_times(c.words, len(c.members), rules, at, i1))
        if n == len(c.spans):
            break
        # an empty slot (words some agencies did not write) takes the space of what follows
        space = c.words[i1][1] if i1 < len(c.words) else " "
        kind = _kind(c, (i1, i2), rules)
        if text := _slot_text(c, (i1, i2), kind, rules):
            if kind == "range" and words and _fold(words[-1][0]) == "khoảng":
                space = words.pop()[1]  # "khoảng từ 56,2% đến 65,9%": the range says it
            words.append((text, space or " "))
        at = i2
    text = joined(words)
    return upper_first(text) if c.words[0][0][:1].isupper() else text


def _times(
    words: Words, n: int, rules: MergeRules, start: int = 0, end: int | None = None
) -> Words:
    """``words[start:end]`` with every count of a named kind in them taken ``n`` times."""
    end = len(words) if end is None else end
    out = []
    for k in range(start, end):
        word, space = words[k]
        if n > 1 and _number(word) is not None and _counted(words, k, k + 1, rules):
            word = _sum_text([word] * n)
        out.append((word, space))
    return out


def _counted(words: Words, i1: int, i2: int, rules: MergeRules) -> bool:
    """Whether the figure at ``words[i1:i2]`` counts things of a named kind ("5 hội
    nghị"), so that figures of several agencies add up; not after "năm", "số" …"""
    before = _fold(words[i1 - 1][0]) if i1 else ""
    after = " ".join(_fold(w) for w, _ in words[i2 : i2 + 4])
    return before not in _NOT_COUNTS and any(
        after == u or after.startswith(u + " ") for u in rules.additive_units
    )


def _sum_text(figures: Sequence[str]) -> str:
    """The total of counts, zero-padded to two digits when the agencies wrote "05"."""
    total = format_number(sum((_number(f) or Decimal(0)) for f in figures))
    padded = any(len(f) == 2 and f.startswith("0") for f in figures)
    return total.zfill(2) if padded and total.isdigit() else total


def _slot_text(c: _Cluster, span: Span, kind: str | None, rules: MergeRules) -> str:
    texts = [joined(v) for v in c.values(span)]
    if kind == "sum":
        return _sum_text(texts)
    if kind == "range":
        low = min(texts, key=lambda t: _number(t) or Decimal(0))
        high = max(texts, key=lambda t: _number(t) or Decimal(0))
        percent = span[1] < len(c.words) and c.words[span[1]] == ("%", "")
        return rules.range.format(low=low + ("%" if percent else ""), high=high)
    if kind == "generic":
        return rules.generic_place
    if kind == "variant":
        counts: dict[str, int] = {}
        for t in texts:
            counts[t] = counts.get(t, 0) + 1
        return max(counts, key=lambda t: (counts[t], -texts.index(t)))
    listed: list[str] = []
    for t in texts:
        for name in _names_of_kind(t, rules):
            if name not in listed:
                listed.append(name)
    text = _places(listed, rules)
    plural = span[0] and _fold(c.words[span[0] - 1][0]) == "các"
    return text.removeprefix("các ") if plural else text  # "các cụm công nghiệp A, B"


def _names_of_kind(value: str, rules: MergeRules) -> list[str]:
    """ "cụm công nghiệp Phổ Thạnh và Phổ Phong" → each work with its kind, to be listed
    with the others' ("các cụm công nghiệp Phổ Thạnh, Phổ Phong, Trà Bình"). A value
    without a kind before it is one name ("Phòng Kinh tế và Hạ tầng")."""
    n = _entity_words([(w, "") for w in value.split()], rules)
    if not n:
        return [value]
    words = value.split()
    kind, rest = " ".join(words[:n]), " ".join(words[n:])
    names = [x for x in re.split(r",\s*|\s+và\s+", rest) if x]
    if not names or not all(x[:1].isupper() for x in names):
        return [value]
    return [f"{kind} {x}" for x in names]


def _places(values: list[str], rules: MergeRules) -> str:
    """Names that carry their own kind ("huyện Bình Sơn", "thị xã Đức Phổ") listed the
    administration's way: "thị xã Đức Phổ và các huyện Bình Sơn, Mộ Đức"."""
    by_kind: dict[str, list[str]] = {}
    plain: list[str] = []
    order = {e.singular: n for n, e in enumerate(rules.entities)}
    for value in values:
        words = value.split()
        found = rules.entity_at_start(words)
        if found is not None and len(words) > found[1]:  # a kind and a name after it
            by_kind.setdefault(found[0].singular, []).append(" ".join(words[found[1] :]))
        else:
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
def named_in(text: str, agencies: Sequence[Agency], rules: MergeRules) -> bool:
    """Whether ``text`` itself names the agencies that said it ("Hoạt động thương mại trên
    địa bàn thị xã Đức Phổ và huyện Bình Sơn …", "Năm 2023, Sở Khoa học và Công nghệ tổ
    chức …"): the report then does not echo them in parentheses."""
    places = [a for a in agencies if a.group == "huyen"]
    departments = [a for a in agencies if a.group != "huyen"]
    if not agencies or not all(a.name in text for a in departments):
        return False
    return not places or _places([_place_of(a, rules) for a in places], rules) in text


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
            listed = _places([_place_of(a, rules) for a in places], rules)
            parts.append(f"{rule.get('places_prefix', 'UBND')} {listed}")
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
