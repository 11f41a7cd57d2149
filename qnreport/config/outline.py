"""Report outlines (đề cương) as data: sections, indicators, tasks, list sections, rules.

An outline file in ``templates/outlines/`` describes one kind of report. Loading checks it
against the agency registry and rejects a broken file with every problem named, so a
clerk's typo never turns into a wrong template.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from ..errors import ConfigError
from ..files import read_toml
from .registry import Registry

Kind = Literal["share", "growth", "count", "amount"]
KINDS: tuple[Kind, ...] = ("share", "growth", "count", "amount")
Shape = Literal["floor", "approx", "range", "plain"]
CONTENTS = ("none", "text", "indicators", "tasks")
COLUMN_TYPES = ("text", "number", "date", "choice", "heading")
_ID = re.compile(r"^[IVX]+(\.\d+)*(\.[a-zđ])?$")


@dataclass(frozen=True)
class Target:
    """A target as the plan writes it, with its shape for judging achievement."""

    text: str
    shape: Shape
    low: Decimal
    high: Decimal
    unit: str
    year: int | None = None


_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_TARGET = re.compile(
    rf"^(?P<prefix>trên|tối thiểu|ít nhất|khoảng|xấp xỉ|từ|đạt)?\s*"
    rf"(?P<low>{_NUM})\s*(?:%\s*)?(?:(?:-|–|đến)\s*(?P<high>{_NUM}))?\s*(?P<unit>%|\S.*)?$",
    re.IGNORECASE,
)
_TARGET_YEAR = re.compile(r"\s*(?:vào\s+)?năm\s+(?P<year>\d{4})\s*$", re.IGNORECASE)


def _plan_number(text: str) -> Decimal:
    """Numbers as plans print them: "2.550", "8,5", and the odd "10.5"."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return Decimal(text.replace(",", "."))


def parse_target(text: str) -> Target:
    """Read "Trên 40 % vào năm 2025", "Khoảng 25%", "8,5-9,5%", "2.550 MW"."""
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    year_match = _TARGET_YEAR.search(clean)
    match = _TARGET.match(clean[: year_match.start()] if year_match else clean)
    if not match:
        raise ValueError(f"không đọc được mục tiêu '{text}'")
    try:
        low = _plan_number(match["low"])
        high = _plan_number(match["high"]) if match["high"] else low
    except InvalidOperation:
        raise ValueError(f"không đọc được số trong mục tiêu '{text}'") from None
    if high < low:
        raise ValueError(f"khoảng mục tiêu '{text}' có cận trên nhỏ hơn cận dưới")
    prefix = (match["prefix"] or "").lower()
    unit = (match["unit"] or ("%" if "%" in clean else "")).strip()
    shape: Shape
    if match["high"]:
        shape = "range"
    elif prefix in ("trên", "tối thiểu", "ít nhất"):
        shape = "floor"
    elif prefix in ("khoảng", "xấp xỉ"):
        shape = "approx"
    else:
        shape = "plain"
    year = int(year_match["year"]) if year_match else None
    return Target(clean, shape, low, high, unit, year)


def _last_year(text: str) -> int | None:
    """The last four-digit year in ``text`` ("2021-2030" → 2030), None without one."""
    years = re.findall(r"\d{4}", text)
    return int(years[-1]) if years else None


@dataclass(frozen=True)
class Section:
    """A heading of the outline. ``id`` is its path ("II.4.1"); ``content`` says what
    agencies write under it: free ``text``, ``indicators``, assigned ``tasks``, a list
    (``list:ton_tai``) or ``none`` for a heading that only groups others."""

    id: str
    title: str
    content: str

    @property
    def level(self) -> int:
        return self.id.count(".") + 1

    @property
    def number(self) -> str:
        """The printed label: "I.", "1.", "4.1.", "a)"."""
        parts = self.id.split(".")
        if self.level == 1:
            return parts[0] + "."
        if parts[-1].isalpha():
            return parts[-1] + ")"
        return ".".join(parts[1:]) + "."

    @property
    def parent(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if "." in self.id else None

    @property
    def list_key(self) -> str | None:
        return self.content.removeprefix("list:") if self.content.startswith("list:") else None

    @property
    def name_key(self) -> str:
        """The id as it appears in Excel names ("II_4_1")."""
        return self.id.replace(".", "_")


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    name: str
    unit: str
    kind: Kind
    consolidate: Literal["sum", "responsible"]
    responsible: str
    reporters: tuple[str, ...]
    targets: dict[str, Target] = field(hash=False)
    higher_is_better: bool = True
    #: The outline's source document the targets are quoted from (a key of its sources).
    target_source: str = ""
    #: "decrease" when the figure is the size of a fall ("Giảm mức tiêu hao năng lượng"):
    #: a larger figure is a larger fall, and sentences about its change must say so.
    direction: Literal["increase", "decrease"] = "increase"
    #: What is counted when one item of the source is measured twice ("số dự án", "vốn
    #: đăng ký"): the name stays the source's own words.
    measure: str = ""
    #: How a sentence gives this year's figure: "đạt 9,3%", or "tăng 9,8%" for the growth
    #: of an index ("Chỉ số sản xuất công nghiệp (IIP) tăng 9,8%").
    verb: str = "đạt"

    @property
    def label(self) -> str:
        """The name with its measure, where one item of the source gives two figures."""
        return f"{self.name} ({self.measure})" if self.measure else self.name

    @property
    def is_percent(self) -> bool:
        return self.kind in ("share", "growth")

    @property
    def is_part(self) -> bool:
        """A part of the indicator above it ("Trong đó: Tỷ trọng ..."): the plan does not
        count it among its indicators ("05 chỉ tiêu" over six rows)."""
        return self.name.casefold().startswith("trong đó")

    def due_year(self, period: str) -> int | None:
        """The year the target of ``period`` is for: "Trên 40% vào năm 2025" names it; a
        level or an amount ("2.550 MW", "97%") is due at the end of its period; a yearly
        rate ("8-9%", growth) is due every year (None)."""
        target = self.targets.get(period)
        if target is None:
            return None
        if target.year is not None:
            return target.year
        if self.kind == "growth":
            return None
        return _last_year(period)


@dataclass(frozen=True)
class Task:
    """A task a plan assigns to named agencies (lead and coordinating)."""

    code: str
    section: str
    title: str
    lead: tuple[str, ...]
    coordinators: tuple[str, ...] = ()
    coordinators_text: str = ""
    period: str = ""
    authority: str = ""
    #: The plan's own number ("1" to "14" of Phụ lục II, "VI.1.a"), shown instead of codes.
    number: str = ""

    def concerns(self, agency: str) -> bool:
        return agency in self.lead or agency in self.coordinators

    @property
    def due_year(self) -> int | None:
        """The last year of the task's period ("2024-2025" → 2025), None without one."""
        return _last_year(self.period)


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str
    type: str
    width: float = 20
    required: bool = False
    max: int = 0
    choices: tuple[str, ...] = ()
    kind: Kind = "amount"
    parent: str = ""
    #: A choice as a sentence writes it ("Đối với các Bộ, ngành Trung ương").
    in_sentence: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ListSection:
    """A list the agency grows row by row (an Excel table in the template)."""

    key: str
    sheet: str
    table: str
    title: str
    columns: tuple[ListColumn, ...]
    group_by: str = ""

    def column(self, key: str) -> ListColumn:
        return next(c for c in self.columns if c.key == key)

    @property
    def text_key(self) -> str:
        """The column a row is about (a problem, a recommendation), the first but the group."""
        return next(c.key for c in self.columns if c.key != self.group_by)

    @property
    def detail_keys(self) -> list[str]:
        """The row's other columns (a problem's causes)."""
        return [c.key for c in self.columns if c.key not in (self.text_key, self.group_by)]


@dataclass(frozen=True)
class Rules:
    """Validation rules that travel with the outline, so a new report brings its own."""

    ranges: dict[str, tuple[Decimal, Decimal]] = field(hash=False)
    change_factor: Decimal = Decimal(5)
    approx_tolerance: Decimal = Decimal("0.10")
    text_max: int = 5000
    required: tuple[str, ...] = ("agency", "letter_date", "signer")


@dataclass(frozen=True)
class Outline:
    id: str
    version: str
    digest: str
    year: int
    title: str
    short_title: str
    evaluate_target: str
    target_columns: tuple[str, ...]
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    tasks: tuple[Task, ...]
    lists: tuple[ListSection, ...]
    rules: Rules
    source: Path
    #: The documents the outline quotes, by key: {"KH222": "Kế hoạch số 222/KH-UBND ..."}.
    sources: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def next_year(self) -> int:
        return self.year + 1

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def children(self, section_id: str | None) -> list[Section]:
        return [s for s in self.sections if s.parent == section_id]

    @property
    def text_sections(self) -> list[Section]:
        """Headings under which agencies write free text (one row each in the template)."""
        return [s for s in self.sections if s.content == "text"]

    def list_section(self, key: str) -> ListSection:
        return next(x for x in self.lists if x.key == key)

    def indicators_for(self, agency: str) -> list[Indicator]:
        return [i for i in self.indicators if agency in i.reporters]

    def tasks_for(self, agency: str) -> list[Task]:
        return [t for t in self.tasks if t.concerns(agency)]

    def heading_choices(self, parent: str) -> list[str]:
        """Labels of the text headings under ``parent``, for a dropdown ("4.1. Huy động ...")."""
        return [
            f"{s.number} {s.title}"
            for s in self.text_sections
            if s.id == parent or s.id.startswith(parent + ".")
        ]


def _fmt(text: str, year: int) -> str:
    return unicodedata.normalize("NFC", text.replace("{year}", str(year))).replace(
        "{next_year}", str(year + 1)
    )


class _Problems:
    """Collects every problem of a file so the clerk sees them all at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.items.append(f"{where}: {what}")

    def raise_if_any(self) -> None:
        if self.items:
            raise ConfigError(f"Đề cương {self.path} có lỗi:\n- " + "\n- ".join(self.items))


def load_outline(path: Path, registry: Registry, *, year: int) -> Outline:
    raw = path.read_bytes() if path.is_file() else b""
    data = read_toml(path)
    problems = _Problems(path)
    for key in ("id", "version", "title", "heading"):
        if key not in data:
            problems.add("đề cương", f"thiếu khóa '{key}'")
    problems.raise_if_any()

    sections = _load_sections(data.get("heading", []), year, problems)
    section_ids = {s.id for s in sections}
    lists = _load_lists(data.get("list", []), year, section_ids, problems)
    list_keys = {x.key for x in lists}
    for s in sections:
        if s.list_key and s.list_key not in list_keys:
            problems.add(f"đề mục {s.id}", f"danh sách '{s.list_key}' chưa được khai báo")
    sources = {str(k): str(v) for k, v in dict(data.get("sources", {})).items()}
    indicators = _load_indicators(
        data.get("indicator", []), registry, section_ids, sources, problems
    )
    tasks = _load_tasks(data.get("task", []), registry, section_ids, problems)
    rules = _load_rules(data.get("rules", {}), problems)
    problems.raise_if_any()
    return Outline(
        id=str(data["id"]),
        version=str(data["version"]),
        digest=hashlib.sha256(raw).hexdigest()[:16],
        year=year,
        title=_fmt(str(data["title"]), year),
        short_title=_fmt(str(data.get("short_title", data["title"])), year),
        evaluate_target=str(data.get("evaluate_target", "")),
        target_columns=tuple(data.get("target_columns", [])),
        sections=tuple(sections),
        indicators=tuple(indicators),
        tasks=tuple(tasks),
        lists=tuple(lists),
        rules=rules,
        source=path,
        sources=sources,
    )


def _load_sections(rows: list[dict[str, Any]], year: int, problems: _Problems) -> list[Section]:
    ids = [str(r.get("id", "")) for r in rows]
    sections: list[Section] = []
    for row, sid in zip(rows, ids, strict=True):
        where = f"đề mục '{sid}'"
        if not _ID.match(sid):
            problems.add(where, "mã đề mục phải có dạng I, II.1, II.4.1 hoặc II.1.a")
            continue
        if ids.count(sid) > 1:
            problems.add(where, "bị trùng")
        has_children = any(other.startswith(sid + ".") for other in ids)
        content = str(row.get("content", "none" if has_children else "text"))
        if content not in CONTENTS and not content.startswith("list:"):
            problems.add(where, f"nội dung '{content}' không hợp lệ")
        if has_children and content != "none":
            problems.add(where, "đề mục có đề mục con thì không nhận nội dung riêng")
        parent = sid.rsplit(".", 1)[0] if "." in sid else None
        if parent and parent not in ids:
            problems.add(where, f"đề mục cha '{parent}' không có")
        if not str(row.get("title", "")).strip():
            problems.add(where, "thiếu tiêu đề")
        sections.append(Section(sid, _fmt(str(row.get("title", "")), year), content))
    return sections


def _load_indicators(
    rows: list[dict[str, Any]],
    registry: Registry,
    section_ids: set[str],
    sources: dict[str, str],
    problems: _Problems,
) -> list[Indicator]:
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for row in rows:
        code = str(row.get("code", ""))
        where = f"chỉ tiêu '{code}'"
        if not _row_is_placed(
            row, "chỉ tiêu", r"[A-Za-z][A-Za-z0-9]{1,15}", seen, section_ids, problems
        ):
            continue
        kind = row.get("kind")
        if kind not in KINDS:
            problems.add(where, f"loại '{kind}' không hợp lệ (chọn: {', '.join(KINDS)})")
            continue
        consolidate = row.get("consolidate", "responsible")
        if consolidate not in ("sum", "responsible"):
            problems.add(where, "cách tổng hợp phải là 'sum' hoặc 'responsible'")
            continue
        refs = list(row.get("reporters", []))
        unknown = [r for r in [*refs, row.get("responsible", "")] if not registry.is_known_ref(r)]
        if unknown:
            problems.add(where, f"mã cơ quan không có trong danh sách: {', '.join(unknown)}")
            continue
        targets: dict[str, Target] = {}
        for period, text in dict(row.get("targets", {})).items():
            try:
                targets[str(period)] = parse_target(str(text))
            except ValueError as exc:
                problems.add(where, str(exc))
        direction = row.get("direction", "increase")
        if direction not in ("increase", "decrease"):
            problems.add(where, "'direction' phải là 'increase' hoặc 'decrease'")
            continue
        target_source = str(row.get("target_source", ""))
        if targets and target_source not in sources:
            # A target nobody can find in a document is an invented one.
            problems.add(
                where,
                "mục tiêu phải trích từ một văn bản nguồn: ghi 'target_source' là một khóa "
                f"của bảng 'sources' ({', '.join(sources) or 'chưa khai báo văn bản nào'})",
            )
        indicators.append(
            Indicator(
                code=code,
                section=str(row["heading"]),
                name=unicodedata.normalize("NFC", str(row.get("name", "")).strip()),
                unit=unicodedata.normalize("NFC", str(row.get("unit", ""))),
                kind=kind,
                consolidate=consolidate,
                responsible=str(row["responsible"]),
                reporters=tuple(registry.expand(refs)),
                targets=targets,
                higher_is_better=bool(row.get("higher_is_better", True)),
                target_source=target_source,
                direction=direction,
                measure=unicodedata.normalize("NFC", str(row.get("measure", "")).strip()),
                verb=unicodedata.normalize("NFC", str(row.get("verb", "đạt")).strip()) or "đạt",
            )
        )
    return indicators


def _row_is_placed(
    row: dict[str, Any],
    what: str,
    code_pattern: str,
    seen: set[str],
    section_ids: set[str],
    problems: _Problems,
) -> bool:
    """An indicator's or a task's code and heading, checked alike; False when the code is
    unusable and the row must be skipped (a duplicate or a stray heading is only reported)."""
    code = str(row.get("code", ""))
    where = f"{what} '{code}'"
    if not re.fullmatch(code_pattern, code):
        problems.add(where, f"mã {what} phải là chữ và số, không dấu")
        return False
    if code in seen:
        problems.add(where, f"mã {what} bị trùng")
    seen.add(code)
    if row.get("heading") not in section_ids:
        problems.add(where, f"đề mục '{row.get('heading')}' không có trong đề cương")
    return True


def _load_tasks(
    rows: list[dict[str, Any]], registry: Registry, section_ids: set[str], problems: _Problems
) -> list[Task]:
    tasks: list[Task] = []
    seen: set[str] = set()
    for row in rows:
        code = str(row.get("code", ""))
        where = f"nhiệm vụ '{code}'"
        if not _row_is_placed(row, "nhiệm vụ", r"[A-Za-z0-9]{1,16}", seen, section_ids, problems):
            continue
        lead = row.get("lead", [])
        lead_refs = [lead] if isinstance(lead, str) else list(lead)
        coord_refs = list(row.get("coordinators", []))
        unknown = [r for r in lead_refs + coord_refs if not registry.is_known_ref(r)]
        if unknown or not lead_refs:
            problems.add(where, f"cơ quan chủ trì/phối hợp không hợp lệ: {unknown or 'trống'}")
            continue
        tasks.append(
            Task(
                code=code,
                section=str(row["heading"]),
                title=unicodedata.normalize("NFC", str(row.get("title", "")).strip()),
                lead=tuple(registry.expand(lead_refs)),
                coordinators=tuple(registry.expand(coord_refs)),
                coordinators_text=str(row.get("coordinators_text", "")),
                period=str(row.get("period", "")),
                authority=str(row.get("authority", "")),
                number=str(row.get("number", "")),
            )
        )
    return tasks


def _load_lists(
    rows: list[dict[str, Any]], year: int, section_ids: set[str], problems: _Problems
) -> list[ListSection]:
    lists: list[ListSection] = []
    for row in rows:
        key = str(row.get("key", ""))
        where = f"danh sách '{key}'"
        table = str(row.get("table", ""))
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,60}", table):
            problems.add(where, f"tên bảng Excel '{table}' không hợp lệ")
        columns: list[ListColumn] = []
        for col in row.get("columns", []):
            ctype = col.get("type", "text")
            if ctype not in COLUMN_TYPES:
                problems.add(where, f"cột '{col.get('key')}' có kiểu '{ctype}' không hợp lệ")
            if ctype == "choice" and not col.get("choices"):
                problems.add(where, f"cột '{col.get('key')}' kiểu choice cần 'choices'")
            if ctype == "heading" and col.get("parent") not in section_ids:
                problems.add(where, f"cột '{col.get('key')}' cần 'parent' là một đề mục")
            columns.append(
                ListColumn(
                    key=str(col.get("key", "")),
                    title=_fmt(str(col.get("title", "")), year),
                    type=ctype,
                    width=float(col.get("width", 20)),
                    required=bool(col.get("required", False)),
                    max=int(col.get("max", 0)),
                    choices=tuple(_fmt(str(c), year) for c in col.get("choices", [])),
                    kind=col.get("kind", "amount"),
                    parent=str(col.get("parent", "")),
                    in_sentence={
                        _fmt(str(k), year): _fmt(str(v), year)
                        for k, v in dict(col.get("in_sentence", {})).items()
                    },
                )
            )
        if not columns:
            problems.add(where, "không có cột nào")
        group_by = str(row.get("group_by", ""))
        if group_by and group_by not in {c.key for c in columns}:
            problems.add(where, f"group_by '{group_by}' không phải là một cột")
        lists.append(
            ListSection(
                key=key,
                sheet=_fmt(str(row.get("sheet", key)), year)[:31],
                table=table,
                title=_fmt(str(row.get("title", "")), year),
                columns=tuple(columns),
                group_by=group_by,
            )
        )
    return lists


def _load_rules(row: dict[str, Any], problems: _Problems) -> Rules:
    ranges: dict[str, tuple[Decimal, Decimal]] = {}
    for kind in KINDS:
        low, high = row.get(kind, [None, None])
        if low is None or high is None or low > high:
            problems.add("quy tắc", f"khoảng giá trị cho '{kind}' phải là [nhỏ nhất, lớn nhất]")
            continue
        ranges[kind] = (Decimal(str(low)), Decimal(str(high)))
    return Rules(
        ranges=ranges,
        change_factor=Decimal(str(row.get("change_factor", 5))),
        approx_tolerance=Decimal(str(row.get("approx_tolerance", "0.10"))),
        text_max=int(row.get("text_max", 5000)),
        required=tuple(row.get("required", ("agency", "letter_date", "signer"))),
    )
