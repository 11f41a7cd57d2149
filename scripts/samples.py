"""Filled sample workbooks: the way a user fills a blank template, with illustrative content.

Two users: ``scripts/make_samples.py`` regenerates ``inputs/<round>/*.xlsx`` from the real
blank templates, and the tests build fixtures with the same code before damaging them.
Everything goes through the named-cell contract (Excel defined names for single inputs,
Excel tables for lists), never through row or column positions, so filling a sample also
proves that the template can be filled.

The content is ILLUSTRATIVE: names, letter numbers, figures and texts are plausible but
invented, not official statistics of Quảng Ngãi. Randomness comes from a seeded generator
and no clock is read (file stamps are the letter dates), so a rerun writes the same content.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from qnreport.config import contract
from qnreport.config.outline import Indicator, ListSection, Outline, Section, Task
from qnreport.config.registry import Agency
from qnreport.config.rounds import RoundContext
from qnreport.template.fill import fill_workbook, save_filled
from qnreport.template.workbook import build_template, template_filename
from qnreport.vntext import format_number, short_date

__all__ = [
    "DEFAULT_SEED",
    "SAMPLE_MARKER",
    "SampleSpec",
    "build_sample",
    "is_sample_file",
    "remove_stale_samples",
    "round_samples",
    "sample_spec",
    "write_round_samples",
    "write_sample",
]

DEFAULT_SEED = 2023
#: Written into the document properties (keywords) of every sample, so that a rerun
#: removes only the files this module made.
SAMPLE_MARKER = "qnreport-sample"
SAMPLE_NOTE = (
    "Dữ liệu mẫu minh họa do qnreport tạo (scripts/make_samples.py); "
    "không phải số liệu thống kê chính thức."
)


# =========================================================================== sample specs


@dataclass
class SampleSpec:
    """One filled workbook: what to type (``values`` by Excel name, ``lists`` by list key
    and column key), the agency, the real letter date (``issued``, even when the clerk
    typed it as text) and a file-name ``suffix`` for an earlier submission."""

    round_id: str
    agency: str
    issued: dt.date
    values: dict[str, object] = field(default_factory=dict)
    lists: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    suffix: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def filename(self) -> str:
        base = template_filename(self.round_id, self.agency)
        return base.removesuffix(".xlsx") + self.suffix + ".xlsx"

    def copy(self, **changes: Any) -> SampleSpec:
        """A deep enough copy to change values and rows without touching the original."""
        fresh: dict[str, Any] = {
            "values": dict(self.values),
            "lists": {k: [dict(r) for r in rows] for k, rows in self.lists.items()},
            "notes": list(self.notes),
        }
        return replace(self, **{**fresh, **changes})


def build_sample(ctx: RoundContext, spec: SampleSpec) -> Any:
    """The agency's real blank template, filled with ``spec``."""
    wb = build_template(ctx, ctx.registry.get(spec.agency))
    fill_workbook(wb, spec.values, spec.lists, outline=ctx.outline)
    wb.properties.keywords = SAMPLE_MARKER
    wb.properties.description = SAMPLE_NOTE
    return wb


def write_sample(ctx: RoundContext, spec: SampleSpec, folder: Path | None = None) -> Path:
    folder = folder if folder is not None else ctx.round.folder
    stamp = dt.datetime.combine(spec.issued, dt.time(16, 30))
    return save_filled(build_sample(ctx, spec), folder / spec.filename, stamp)


def is_sample_file(path: Path) -> bool:
    """True for a workbook this module wrote (its document properties carry the marker)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return SAMPLE_MARKER.encode() in zf.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def remove_stale_samples(folder: Path) -> list[Path]:
    """Delete the ``*.xlsx`` samples an earlier run left in ``folder``; other files stay."""
    removed = []
    for path in sorted(folder.glob("*.xlsx")):
        if is_sample_file(path):
            path.unlink()
            removed.append(path)
    return removed


def write_round_samples(
    ctx: RoundContext, folder: Path | None = None, *, seed: int | str = DEFAULT_SEED
) -> list[tuple[Path, SampleSpec]]:
    """Replace the round's sample workbooks; return each file with the spec it holds."""
    folder = folder if folder is not None else ctx.round.folder
    specs = round_samples(ctx, seed=seed)  # first, so that a failure leaves the old files
    remove_stale_samples(folder)
    return [(write_sample(ctx, spec, folder), spec) for spec in specs]


# ------------------------------------------------------------------------- the generator


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _rng(seed: int | str, *parts: str) -> random.Random:
    # A string seed is hashed with SHA-512 by random, so it does not depend on PYTHONHASHSEED.
    return random.Random("/".join([str(seed), *parts]))


def _one_decimal(rng: random.Random, low: float, high: float) -> float:
    return rng.randint(round(low * 10), round(high * 10)) / 10


_SLOT = re.compile(r"\{([id]):(\d+)-(\d+)\}")


def _render(text: str, rng: random.Random, names: Mapping[str, str]) -> str:
    """Fill ``{i:3-12}`` (whole number), ``{d:60-80}`` (one decimal) and ``{name}`` slots."""

    def slot(match: re.Match[str]) -> str:
        low, high = int(match[2]), int(match[3])
        if match[1] == "i":
            number = rng.randint(low, high)
            # Counts below ten take a leading zero in official texts ("04 phân ngành").
            return f"{number:02d}" if number < 10 else format_number(number)
        return format_number(Decimal(rng.randint(low * 10, high * 10)) / 10, 1)

    return _SLOT.sub(slot, text).format_map(names)


@dataclass(frozen=True)
class _Who:
    """How an agency signs and whom to call: invented people, plausible styles."""

    symbol: str
    signer: str
    title: str
    contact: str
    numbers: tuple[int, int]


def _who(agency: Agency, rng: random.Random) -> _Who:
    known = _STYLES.get(agency.code)
    if known is not None:
        return known
    huyen = agency.group == "huyen"
    return _Who(
        symbol="UBND-KT" if huyen else f"{agency.code}-VP",
        signer=rng.choice(_SPARE_NAMES),
        title="Phó Chủ tịch" if huyen else "Phó Giám đốc",
        contact=rng.choice(_SPARE_NAMES),
        numbers=(1200, 3400) if huyen else (300, 2400),
    )


def _mailbox(name: str, code: str) -> str:
    folded = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    words = "".join(c for c in folded if not unicodedata.combining(c)).lower().split()
    return f"{''.join(w[0] for w in words[:-1])}{words[-1]}.{code.lower()}@quangngai.gov.vn"


def _place(agency: Agency) -> dict[str, str]:
    """Slot values for a district's texts: its name, industrial clusters, communes."""
    known = _DISTRICTS.get(agency.code)
    if known is not None:
        place, clusters, communes = known
    else:
        place = re.sub(r"^(Ủy|Uỷ) ban nhân dân\s+", "", agency.name)
        tail = place.split(" ", 1)[-1]
        clusters, communes = (tail, f"{tail} mở rộng"), (f"xã {tail}", f"xã {tail}")
    cap = place.split(" ")[0] if place.startswith("huyện") else " ".join(place.split(" ")[:2])
    town = not place.startswith("huyện")
    return {
        "place": place,
        "cap": cap,
        "ccn": clusters[0],
        "ccn2": clusters[1],
        "xa": communes[0],
        "xa2": communes[1],
        "phong": "Phòng Kinh tế" if town else "Phòng Kinh tế và Hạ tầng",
        "xa_ph": "xã, phường" if town else "xã, thị trấn",
    }


def _topic(outline: Outline, section: Section) -> str:
    return _TOPICS.get((outline.id, section.id), "")


def _heading_label(outline: Outline, section: Section) -> str:
    """The dropdown text of a section-II heading, exactly as ``heading_choices`` gives it."""
    label = f"{section.number} {section.title}"
    if label not in outline.heading_choices("II"):
        raise ValueError(f"'{label}' is not a heading choice of outline {outline.id}")
    return label


def sample_spec(
    ctx: RoundContext,
    agency: str,
    *,
    issued: dt.date | None = None,
    seed: int | str = DEFAULT_SEED,
    no_task: bool = False,
) -> SampleSpec:
    """A complete, valid filling of ``agency``'s template for the round: general info,
    every indicator the agency reports, texts under the headings that fit it, its tasks
    and 1-5 rows per list. Deterministic for a given seed. Works for any outline and
    registry (unknown agencies and headings get generic but well-formed content)."""
    o, r = ctx.outline, ctx.round
    who_ = ctx.registry.get(agency)
    rng = _rng(seed, r.id, agency)
    names = {
        "agency": who_.name,
        "short": who_.short,
        "year": str(o.year),
        "prev_year": str(o.year - 1),
        "next_year": str(o.next_year),
        **_place(who_),
    }
    issued = issued or min(r.deadline, r.request_date + dt.timedelta(days=7))
    who = _who(who_, rng)
    phone = (
        f"0255 38{rng.randint(10, 99)} {rng.randint(100, 999)}"
        if rng.random() < 0.7
        else f"09{rng.choice('0135')}{rng.randint(1, 9)} {rng.randint(100, 999)} "
        f"{rng.randint(100, 999)}"
    )
    values: dict[str, object] = {
        "VB_SO": f"{rng.randint(*who.numbers)}/{who.symbol}",
        "VB_NGAY": issued,
        "NGUOI_KY": who.signer,
        "CHUC_VU_KY": who.title,
        "LIEN_HE_TEN": who.contact,
        "LIEN_HE_DT": phone,
        "LIEN_HE_EMAIL": _mailbox(who.contact, agency),
    }
    spec = SampleSpec(r.id, agency, issued, values)
    if no_task:
        values["KHONG_NHIEM_VU"] = contract.YES
        spec.notes.append("trả lời không được giao nhiệm vụ")
        return _normalised(spec)
    if rng.random() < 0.5:
        values["KHONG_NHIEM_VU"] = contract.NO
    for ind in o.indicators_for(agency):
        _indicator(values, ind, who_, rng, names)
    sections = _text_sections(o, who_, rng)
    for section in sections:
        values[contract.section_name(section.name_key)] = _section_text(
            o, section, who_, rng, names
        )
    for task in o.tasks_for(agency):
        status, text = _task_result(task, who_, rng, names)
        values[contract.task_status_name(task.code)] = status
        values[contract.task_result_name(task.code)] = text
    for listed in o.lists:
        rows = _list_rows(o, listed, who_, sections, rng, names)
        if rows:
            spec.lists[listed.key] = rows
    return _normalised(spec)


def _normalised(spec: SampleSpec) -> SampleSpec:
    spec.values = {k: _nfc(v) for k, v in spec.values.items()}
    spec.lists = {
        k: [{c: _nfc(v) for c, v in row.items()} for row in rows] for k, rows in spec.lists.items()
    }
    return spec


# ---------------------------------------------------------------------- indicators


def _indicator(
    values: dict[str, object],
    ind: Indicator,
    agency: Agency,
    rng: random.Random,
    names: Mapping[str, str],
) -> None:
    figures = _FIGURES.get(ind.code) if ind.consolidate == "responsible" else None
    figures = _OWN_FIGURES.get((ind.code, agency.code), figures)
    if figures is None:
        figures = _made_up(ind, agency, rng)
    previous, actual, target = figures
    notes = _NOTES.get((ind.code, agency.code)) or _NOTES.get((ind.code, "")) or _GENERIC_NOTES
    cells = {
        "NAM_TRUOC": previous,
        "NAM_NAY": actual,
        "KE_HOACH": target,
        "GHI_CHU": _render(rng.choice(notes), rng, names),
    }
    for suffix, value in cells.items():
        values[contract.indicator_name(ind.code, suffix)] = value


def _made_up(ind: Indicator, agency: Agency, rng: random.Random) -> tuple[float, float, float]:
    """Own figures of a reporter of an additive indicator, or of an unknown indicator."""
    district = agency.group == "huyen"
    if ind.kind == "count":
        most = 6 if district else 40
        before, count = rng.randint(1, most), rng.randint(1, most)
        return before, count, max(count, rng.randint(1, most))
    if ind.kind == "amount":
        low, high = (80, 950) if district else (300, 5000)
        prev, now = _one_decimal(rng, low, high), _one_decimal(rng, low, high)
        return prev, now, round(now * rng.uniform(1.0, 1.2), 1)
    if ind.kind == "growth":
        return _one_decimal(rng, 6, 12), _one_decimal(rng, 6, 12), _one_decimal(rng, 7, 10)
    prev = _one_decimal(rng, 20, 60)
    now = round(prev + _one_decimal(rng, 0.2, 1.5), 1)
    return prev, now, round(now + _one_decimal(rng, 0.2, 1.5), 1)


# ------------------------------------------------------------------- texts and tasks


def _profiles(agency: Agency) -> list[str]:
    return [agency.code, "huyen" if agency.group == "huyen" else "so", "*"]


def _text_sections(o: Outline, agency: Agency, rng: random.Random) -> list[Section]:
    """The headings this agency writes under: those its texts cover, others left empty."""
    own = [s for s in o.text_sections if f"{agency.code}/{_topic(o, s)}" in _TEXTS]
    if own or any(key.startswith(agency.code + "/") for key in _TEXTS):
        return own  # a known agency writes only where it has something to say
    if agency.group == "huyen":
        covered = [s for s in o.text_sections if f"huyen/{_topic(o, s)}" in _TEXTS]
        if covered:
            keep = rng.randint(min(2, len(covered)), len(covered))
            chosen = set(rng.sample(range(len(covered)), keep))
            return [s for i, s in enumerate(covered) if i in chosen]
    pool = list(o.text_sections)
    if not pool:
        return []
    chosen = set(rng.sample(range(len(pool)), min(len(pool), rng.randint(1, 2))))
    return [s for i, s in enumerate(pool) if i in chosen]


def _section_text(
    o: Outline, section: Section, agency: Agency, rng: random.Random, names: Mapping[str, str]
) -> str:
    topic = _topic(o, section)
    for profile in _profiles(agency)[:2]:
        entries = _TEXTS.get(f"{profile}/{topic}")
        if entries:
            return _render("\n".join(rng.choice(entries)), rng, names)
    heading = section.title.removeprefix("Về ")
    heading = heading[0].lower() + heading[1:]
    generic = _TEXTS["*/generic"]
    return _render("\n".join(rng.choice(generic)), rng, {**names, "heading": heading})


def _task_result(
    task: Task, agency: Agency, rng: random.Random, names: Mapping[str, str]
) -> tuple[str, str]:
    role = "lead" if agency.code in task.lead else "coordinator"
    keys = [f"{task.code}/{agency.code}"]
    if agency.group == "huyen":
        keys.append(f"{task.code}/huyen")
    if role == "lead":
        keys.append(task.code)
    entries = next((_TASKS[k] for k in keys if _TASKS.get(k)), _TASKS["*/" + role])
    entry = rng.choice(entries)
    status = (
        entry[0] if entry[0] in contract.TASK_STATUSES else rng.choice(contract.TASK_STATUSES[:2])
    )
    text = _render("\n".join(entry[1:]), rng, {**names, "task": task.title})
    return status, text


# ----------------------------------------------------------------------------- lists


def _pool(bank: Mapping[str, list[list[str]]], agency: Agency) -> list[list[str]]:
    for profile in _profiles(agency):
        if bank.get(profile):
            return bank[profile]
    return []


def _pick(rng: random.Random, pool: Sequence[Any], low: int, high: int) -> list[Any]:
    if not pool:
        return []
    count = rng.randint(min(low, len(pool)), min(high, len(pool)))
    chosen = sorted(rng.sample(range(len(pool)), count))
    return [pool[i] for i in chosen]


def _list_rows(
    o: Outline,
    section: ListSection,
    agency: Agency,
    texts: list[Section],
    rng: random.Random,
    names: Mapping[str, str],
) -> list[dict[str, object]]:
    columns = {c.key for c in section.columns}

    def render(text: str) -> str:
        return _render(text, rng, names)

    if section.key == "ton_tai" and {"noi_dung", "nguyen_nhan"} <= columns:
        return [
            {"noi_dung": render(e[0]), "nguyen_nhan": render(e[1])}
            for e in _pick(rng, _pool(_PROBLEMS, agency), 1, 4)
        ]
    if section.key == "kien_nghi" and {"noi_nhan", "noi_dung"} <= columns:
        choices = section.column("noi_nhan").choices
        return [
            {"noi_nhan": e[0] if e[0] in choices else choices[0], "noi_dung": render(e[1])}
            for e in _pick(rng, _pool(_PROPOSALS, agency), 1, 3)
        ]
    if section.key == "ke_hoach" and {"de_muc", "noi_dung"} <= columns:
        return _plan_rows(o, section, agency, texts, rng, names)
    if section.key == "du_an" and section.key in _ROW_BANKS:
        pool = _project_pool(agency)
        return [_bank_row(row, agency, o.year, rng, names) for row in _pick(rng, pool, 2, 5)]
    if section.key == "chinh_sach":
        pool = _policy_pool(agency)
        return [_bank_row(row, agency, o.year, rng, names) for row in _pick(rng, pool, 1, 3)]
    return _generic_rows(o, section, rng, names) if section.key not in _ROW_BANKS else []


def _bank_row(
    row: Mapping[str, object],
    agency: Agency,
    year: int,
    rng: random.Random,
    names: Mapping[str, str],
) -> dict[str, object]:
    """A project or document row: slots filled, blanks dropped; rows shared by districts
    get their own amounts and dates so that no two districts look copied."""
    district = agency.group == "huyen"
    out: dict[str, object] = {}
    for key, value in row.items():
        if value in ("", None):
            continue
        if isinstance(value, str):
            out[key] = _render(value, rng, names)
        elif district and isinstance(value, int | float):
            out[key] = round(float(value) * rng.uniform(0.6, 1.8), 1)
        elif district and isinstance(value, dt.date):
            out[key] = dt.date(year, rng.randint(2, 5), rng.randint(1, 28))
        else:
            out[key] = value
    return out


def _plan_rows(
    o: Outline,
    section: ListSection,
    agency: Agency,
    texts: list[Section],
    rng: random.Random,
    names: Mapping[str, str],
) -> list[dict[str, object]]:
    """Next year's tasks, each under a section-II heading label the dropdown offers."""
    headings = {_topic(o, s): s for s in o.text_sections if s.id.startswith("II.")}
    own = [e for e in _pool(_PLANS, agency) if e[0] in headings]
    rows: list[dict[str, object]] = [
        {"de_muc": _heading_label(o, headings[e[0]]), "noi_dung": _render(e[1], rng, names)}
        for e in _pick(rng, own, 2, 5)
    ]
    spare = [s for s in texts if s.id.startswith("II.")] or [
        s for s in o.text_sections if s.id.startswith("II.")
    ]
    while len(rows) < 2 and spare:
        target = spare[len(rows) % len(spare)]
        heading = target.title[0].lower() + target.title[1:]
        text = _render(_PLANS["*"][0][1], rng, {**names, "heading": heading})
        rows.append({"de_muc": _heading_label(o, target), "noi_dung": text})
    return rows


def _project_pool(agency: Agency) -> list[dict[str, object]]:
    own = _ROW_BANKS["du_an"].get(agency.code)
    if own is not None:
        return own
    return _ROW_BANKS["du_an"]["huyen"] if agency.group == "huyen" else []


def _policy_pool(agency: Agency) -> list[dict[str, object]]:
    own = _ROW_BANKS["chinh_sach"].get(agency.code)
    if own is not None:
        return own
    return _ROW_BANKS["chinh_sach"]["huyen"] if agency.group == "huyen" else []


def _generic_rows(
    o: Outline, section: ListSection, rng: random.Random, names: Mapping[str, str]
) -> list[dict[str, object]]:
    """Rows for a list this module has no texts for: one plausible value per column type."""
    rows: list[dict[str, object]] = []
    for number in range(1, rng.randint(1, 3) + 1):
        row: dict[str, object] = {}
        for column in section.columns:
            if column.type == "number":
                row[column.key] = _one_decimal(rng, 10, 900)
            elif column.type == "date":
                row[column.key] = dt.date(o.year, rng.randint(2, 11), rng.randint(1, 28))
            elif column.type == "choice":
                row[column.key] = rng.choice(column.choices)
            elif column.type == "heading":
                row[column.key] = rng.choice(o.heading_choices(column.parent))
            else:
                row[column.key] = _render(
                    f"Nội dung thứ {number} về {column.title.lower()} của {{agency}} năm {{year}}.",
                    rng,
                    names,
                )
        rows.append(row)
    return rows


# ============================================================================= scenarios


@dataclass(frozen=True)
class _Entry:
    agency: str
    issued: dt.date
    special: str = ""  # no_task, late, mistakes, correction


def round_samples(ctx: RoundContext, *, seed: int | str = DEFAULT_SEED) -> list[SampleSpec]:
    """The round's sample submissions, special cases included (see ``_SCENARIOS``).
    Rounds of an outline without a scenario get plain submissions of up to 16 agencies."""
    scenario = _SCENARIOS.get(ctx.outline.id)
    entries = (
        [e for e in scenario.entries if e.agency in ctx.registry]
        if scenario is not None
        else _default_entries(ctx)
    )
    specs: list[SampleSpec] = []
    for entry in entries:
        spec = sample_spec(
            ctx, entry.agency, issued=entry.issued, seed=seed, no_task=entry.special == "no_task"
        )
        if scenario is not None:
            for code, delta in scenario.conflicts.get(entry.agency, {}).items():
                name = contract.indicator_name(code, "NAM_NAY")
                value = spec.values.get(name)
                if isinstance(value, float):
                    spec.values[name] = round(value + delta, 1)
                    spec.notes.append(f"số liệu {code} khác cơ quan khác (xung đột)")
        if entry.special == "late":
            spec.notes.append(f"gửi muộn (hạn {short_date(ctx.round.deadline)})")
        if entry.special == "mistakes" and scenario is not None:
            _make_mistakes(spec, scenario.mistakes)
        if entry.special == "correction" and scenario is not None:
            correction = scenario.corrections[entry.agency]
            first = _first_version(spec, correction)
            if correction.with_mistakes:
                _make_mistakes(first, scenario.mistakes)
            specs.append(first)
            spec.notes.append("bản sửa đổi, thay thế bản lần 1")
        specs.append(spec)
    return specs


def _default_entries(ctx: RoundContext) -> list[_Entry]:
    start = ctx.round.request_date + dt.timedelta(days=3)
    span = max(1, (ctx.round.deadline - start).days)
    return [
        _Entry(a.code, start + dt.timedelta(days=i * 3 % span))
        for i, a in enumerate(list(ctx.registry)[:16])
    ]


@dataclass(frozen=True)
class _Mistakes:
    """What a hurried clerk does to one workbook (all readable except ``invalid``)."""

    text_numbers: Mapping[str, str]  # Excel name -> number typed as text
    invalid: Mapping[str, str]  # Excel name -> not a number at all
    date_text: str  # the letter date typed as words
    broken_name: tuple[str, str]  # (Excel name, value with a line break and trailing spaces)
    empty_required: tuple[str, str]  # (list key, column key) left empty on the 2nd row


@dataclass(frozen=True)
class _Correction:
    """The first version of a resubmitted workbook: earlier, another number, other values,
    and with ``with_mistakes`` the scenario's mistakes (the Department sent it back)."""

    issued: dt.date
    number_delta: int
    values: Mapping[str, object]
    with_mistakes: bool = False


@dataclass(frozen=True)
class _Scenario:
    entries: tuple[_Entry, ...]
    conflicts: Mapping[str, Mapping[str, float]]  # agency -> indicator -> delta on "actual"
    mistakes: _Mistakes
    corrections: Mapping[str, _Correction]  # agency -> its first version


def _make_mistakes(spec: SampleSpec, m: _Mistakes) -> None:
    for name, text in m.text_numbers.items():
        if name in spec.values:
            spec.values[name] = text
            spec.notes.append(f"số gõ dạng chữ '{text}' ({name})")
    for name, text in m.invalid.items():
        if name in spec.values:
            spec.values[name] = text
            spec.notes.append(f"giá trị không hợp lệ '{text}' ({name})")
    spec.values["VB_NGAY"] = m.date_text
    spec.notes.append(f"ngày văn bản gõ dạng chữ '{m.date_text}'")
    name, text = m.broken_name
    spec.values[name] = text
    spec.notes.append(f"xuống dòng và dấu cách thừa trong {name}")
    key, column = m.empty_required
    rows = spec.lists.get(key, [])
    if len(rows) < 2 and key in _MISTAKE_ROWS:
        rows.extend(dict(r) for r in _MISTAKE_ROWS[key][: 2 - len(rows)])
        spec.lists[key] = rows
    if len(rows) >= 2:
        rows[1].pop(column, None)
        spec.notes.append(f"dòng 2 danh sách '{key}' thiếu cột bắt buộc '{column}'")


def _first_version(spec: SampleSpec, c: _Correction) -> SampleSpec:
    first = spec.copy(issued=c.issued, suffix="_lan1")
    first.notes = ["bản gửi lần 1, đã được thay thế", *spec.notes]
    number, symbol = str(spec.values["VB_SO"]).split("/", 1)
    first.values["VB_SO"] = f"{int(number) - c.number_delta}/{symbol}"
    first.values["VB_NGAY"] = c.issued
    for name, value in c.values.items():
        if name in first.values:
            first.values[name] = value
            first.notes.append(f"{name} = {value} (bản sửa đổi: {spec.values[name]})")
    return first


# ============================================================================ text banks


def _bank(text: str) -> dict[str, list[list[str]]]:
    """Parse a text bank: ``[key]`` starts a key, ``---`` separates alternatives, a blank
    line separates paragraphs, other lines are joined with spaces (so that source lines
    stay short)."""
    bank: dict[str, list[list[str]]] = {}
    key = ""
    paragraphs: list[str] = []
    lines: list[str] = []

    def close_paragraph() -> None:
        if lines:
            paragraphs.append(" ".join(lines))
            lines.clear()

    def close_entry() -> None:
        close_paragraph()
        if paragraphs:
            bank.setdefault(key, []).append([unicodedata.normalize("NFC", p) for p in paragraphs])
            paragraphs.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            close_entry()
            key = line[1:-1]
        elif line == "---":
            close_entry()
        elif not line:
            close_paragraph()
        else:
            lines.append(line)
    close_entry()
    return bank


# ============================================================================ agency data
# Every person below is invented; symbols follow each agency's usual style.

_STYLES: dict[str, _Who] = {
    "SCT": _Who("SCT-QLCN", "Trần Văn Phúc", "Phó Giám đốc", "Lê Thị Thu Hằng", (2400, 2900)),
    "SKHDT": _Who("SKHĐT-KTN", "Võ Minh Tuấn", "Phó Giám đốc", "Nguyễn Thị Kim Oanh", (2400, 2800)),
    "STC": _Who("STC-TCĐT", "Phạm Quốc Bảo", "Phó Giám đốc", "Đỗ Thị Ngọc Ánh", (3100, 3600)),
    "BQLKKT": _Who("BQL-KHTH", "Huỳnh Tấn Đạt", "Phó Trưởng ban", "Trương Công Minh", (300, 340)),
    "SKHCN": _Who("SKHCN-QLKH", "Đặng Thị Bích Thủy", "Phó Giám đốc", "Bùi Văn Khoa", (110, 140)),
    "STNMT": _Who(
        "STNMT-CCBVMT", "Lương Văn Sơn", "Phó Giám đốc", "Phan Thị Hồng Nhung", (5200, 5800)
    ),
    "SNNPTNT": _Who("SNNPTNT-KHTC", "Nguyễn Đức Thắng", "Phó Giám đốc", "Hồ Thị Mai", (4300, 4900)),
    "SNGV": _Who("SNgV-HTQT", "Trịnh Thị Thanh Vân", "Giám đốc", "Lê Quang Huy", (900, 1100)),
    "NHNN": _Who("QNG-TH", "Đinh Văn Hải", "Phó Giám đốc", "Võ Thị Lan Anh", (500, 700)),
    "SGDDT": _Who(
        "SGDĐT-KHTC", "Phạm Thị Diệu Linh", "Phó Giám đốc", "Nguyễn Văn Tín", (2900, 3300)
    ),
    "SLDTBXH": _Who(
        "SLĐTBXH-GDNN", "Lê Văn Cường", "Phó Giám đốc", "Trần Thị Mỹ Hạnh", (3500, 3900)
    ),
    "CQLTT": _Who("QLTTQNG-NVTH", "Ngô Văn Thành", "Phó Cục trưởng", "Huỳnh Văn Lộc", (1400, 1700)),
    "CTK": _Who("CTK-TH", "Tạ Thị Minh Nguyệt", "Phó Cục trưởng", "Phạm Văn Quang", (700, 900)),
    "BDT": _Who("BDT-CSDT", "Đoàn Văn Ninh", "Phó Trưởng ban", "Phạm Văn Tư", (700, 800)),
    "TPQN": _Who("UBND-KT", "Nguyễn Văn Lâm", "Phó Chủ tịch", "Trần Quốc Việt", (7100, 7600)),
    "TXDP": _Who("UBND-KT", "Bùi Thanh Tùng", "Phó Chủ tịch", "Nguyễn Thị Bảo Trâm", (4100, 4500)),
    "HBS": _Who("UBND-KT", "Võ Văn Nhân", "Phó Chủ tịch", "Lê Văn Thịnh", (2100, 2300)),
    "HSTI": _Who("UBND-KTHT", "Lê Thị Kiều Oanh", "Phó Chủ tịch", "Huỳnh Minh Trí", (3000, 3300)),
    "HTN": _Who("UBND-KTHT", "Trương Văn Hòa", "Phó Chủ tịch", "Phạm Thị Yến", (2700, 3000)),
    "HNH": _Who("UBND-KTHT", "Phan Văn Dũng", "Chủ tịch", "Đỗ Văn Hậu", (2200, 2500)),
    "HMD": _Who("UBND-KTHT", "Nguyễn Thị Thu Sương", "Phó Chủ tịch", "Võ Tấn Phát", (2500, 2800)),
    "HBT": _Who("UBND-KTHT", "Đinh Văn Thanh", "Phó Chủ tịch", "Phạm Thị Hoa", (1900, 2100)),
    "HML": _Who("UBND-KTHT", "Đinh Thị Nhung", "Phó Chủ tịch", "Đinh Văn Rớt", (1300, 1500)),
    "HSH": _Who("UBND-KTHT", "Đinh Văn Thiêm", "Phó Chủ tịch", "Phạm Văn Hùng", (2000, 2200)),
    "HSTA": _Who("UBND-KTHT", "Đinh Văn Lợi", "Phó Chủ tịch", "Hồ Thị Thủy", (1100, 1300)),
    "HTB": _Who("UBND-KTHT", "Hồ Văn Thuận", "Phó Chủ tịch", "Trần Văn Nghĩa", (2300, 2500)),
    "HLS": _Who("UBND-KTHT", "Phạm Thị Hương", "Phó Chủ tịch", "Lê Văn Hải", (1500, 1700)),
}

_SPARE_NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Nam",
    "Phạm Thị Thanh Tâm",
    "Võ Đình Khải",
    "Huỳnh Thị Ngọc Diệp",
    "Đặng Quốc Hưng",
    "Bùi Thị Hồng Vân",
)

# District: (name in texts, two industrial clusters, two communes). Names are illustrative.
_DISTRICTS: dict[str, tuple[str, tuple[str, str], tuple[str, str]]] = {
    "TPQN": (
        "thành phố Quảng Ngãi",
        ("Tịnh Ấn Tây", "Nghĩa Dõng"),
        ("xã Tịnh Ấn Tây", "phường Nghĩa Dõng"),
    ),
    "TXDP": ("thị xã Đức Phổ", ("Phổ Thạnh", "Phổ Phong"), ("phường Phổ Thạnh", "xã Phổ Phong")),
    "HBS": ("huyện Bình Sơn", ("Bình Nguyên", "Bình Chánh"), ("xã Bình Nguyên", "xã Bình Chánh")),
    "HSTI": ("huyện Sơn Tịnh", ("Tịnh Sơn", "Tịnh Bắc"), ("xã Tịnh Sơn", "xã Tịnh Bắc")),
    "HTN": ("huyện Tư Nghĩa", ("La Hà", "Nghĩa Kỳ"), ("thị trấn La Hà", "xã Nghĩa Kỳ")),
    "HNH": ("huyện Nghĩa Hành", ("Đồng Dinh", "Hành Thịnh"), ("xã Hành Đức", "xã Hành Thịnh")),
    "HMD": ("huyện Mộ Đức", ("Thạch Trụ", "Quán Lát"), ("xã Đức Lân", "xã Đức Chánh")),
    "HBT": ("huyện Ba Tơ", ("Ba Động", "Ba Vì"), ("xã Ba Động", "xã Ba Vì")),
    "HML": ("huyện Minh Long", ("Long Hiệp", "Thanh An"), ("xã Long Hiệp", "xã Thanh An")),
    "HSH": ("huyện Sơn Hà", ("Di Lăng", "Sơn Hạ"), ("thị trấn Di Lăng", "xã Sơn Hạ")),
    "HSTA": ("huyện Sơn Tây", ("Sơn Dung", "Sơn Mùa"), ("xã Sơn Dung", "xã Sơn Mùa")),
    "HTB": ("huyện Trà Bồng", ("Trà Bình", "Trà Phú"), ("xã Trà Bình", "xã Trà Phú")),
    "HLS": ("huyện Lý Sơn", ("An Vĩnh", "An Hải"), ("thôn An Vĩnh", "thôn An Hải")),
}

# Section-II headings by theme, so that texts fit the heading they are written under.
_TOPICS: dict[tuple[str, str], str] = {
    ("cn-2023", "II.1"): "tuyen_truyen",
    ("cn-2023", "II.2"): "co_cau",
    ("cn-2023", "II.3"): "gia_tri",
    ("cn-2023", "II.4.1"): "nhan_luc",
    ("cn-2023", "II.4.2"): "khcn",
    ("cn-2023", "II.5.1"): "moi_truong",
    ("cn-2023", "II.5.2"): "ha_tang",
    ("cn-2023", "II.6.1"): "dau_tu",
    ("cn-2023", "II.6.2"): "von",
    ("tcc-222", "II.1"): "tcc_cn",
    ("tcc-222", "II.2"): "tcc_nl",
    ("tcc-222", "II.3"): "tcc_xnk",
    ("tcc-222", "II.4"): "tcc_tt",
    ("tcc-222", "II.5"): "tcc_hn",
}

# Province-wide figures (previous year, this year, next year's plan): every reporter of a
# non-additive indicator gives the same numbers, except the conflicts of the scenarios.
_FIGURES: dict[str, tuple[float, float, float]] = {
    "CN01": (8.5, 9.3, 8.8),
    "CN02": (73.8, 74.5, 75.2),
    "CN03": (61.2, 62.4, 63.5),
    "CN04": (6.8, 7.1, 7.0),
    "CN05": (66.7, 83.3, 100.0),
    "TCC01": (40.8, 41.2, 41.8),
    "TCC01a": (36.9, 37.4, 37.9),
    "TCC02": (6.5, 7.2, 8.0),
    "TCC03": (8.5, 9.3, 8.8),
    "TCC04": (9.1, 9.8, 8.5),
    "TCC05": (6.8, 7.1, 7.0),
    "TCC06": (1012.6, 1068.0, 1150.0),
    "TCC07": (14.5, 15.8, 16.5),
    "TCC08": (1.0, 1.1, 1.1),
    "TCC09": (12.4, 10.6, 11.0),
    "TCC10": (93.8, 94.5, 95.0),
    "TCC11": (9.8, 10.8, 9.0),
    "TCC12": (22.5, 24.1, 26.0),
    "TCC13": (15.2, 16.4, 17.0),
    "TCC14": (3.1, 3.6, 4.2),
}

# Own figures of the reporters of additive indicators (districts are drawn at random).
_OWN_FIGURES: dict[tuple[str, str], tuple[float, float, float]] = {
    ("CN06", "BQLKKT"): (31, 36, 35),
    ("CN07", "BQLKKT"): (8450.0, 9870.5, 10000.0),
    ("CN08", "SCT"): (1, 1, 2),
    ("CN08", "BQLKKT"): (1, 2, 2),
    ("CN09", "SKHDT"): (35, 39, 40),
    ("CN09", "BQLKKT"): (12, 15, 18),
}

_GENERIC_NOTES = ["Số liệu ước thực hiện cả năm {year}", "Số liệu sơ bộ đến ngày 30/11/{year}"]
_NOTES: dict[tuple[str, str], list[str]] = {
    ("CN01", ""): ["Ước thực hiện cả năm {year}, theo giá so sánh 2010"],
    ("CN02", ""): ["Theo giá hiện hành; số năm {year} là số ước tính"],
    ("CN03", ""): ["Theo kết quả điều tra lao động - việc làm", "Số liệu ước tính năm {year}"],
    ("CN04", ""): ["Ước tính theo giá trị tăng thêm và số lao động ngành công nghiệp"],
    ("CN05", "STNMT"): ["Tính trên 05 khu công nghiệp đã có số liệu quan trắc; 04/05 khu đạt"],
    ("CN05", ""): ["05/06 khu công nghiệp đang hoạt động; kế hoạch {next_year}: 06/06 khu"],
    ("CN06", "BQLKKT"): ["Dự án cấp mới trong Khu kinh tế Dung Quất và các khu công nghiệp"],
    ("CN07", "BQLKKT"): ["Vốn đăng ký của dự án cấp mới, chưa tính điều chỉnh tăng vốn"],
    ("CN06", ""): ["Dự án vào các cụm công nghiệp trên địa bàn {place}"],
    ("CN07", ""): ["Vốn đăng ký của các dự án vào cụm công nghiệp {ccn}, {ccn2}"],
    ("CN08", "SCT"): ["Cụm liên kết ngành chế biến gỗ và lâm sản"],
    ("CN08", "BQLKKT"): ["Cụm liên kết lọc hóa dầu - hóa chất; cụm cơ khí - luyện kim"],
    ("CN09", "SKHDT"): ["Doanh nghiệp đăng ký ngành công nghiệp chế biến, chế tạo"],
    ("CN09", "BQLKKT"): ["Doanh nghiệp thành lập mới trong Khu kinh tế và các khu công nghiệp"],
    ("TCC06", ""): ["Theo số liệu của Công ty Điện lực Quảng Ngãi, tính cả điện mặt trời mái nhà"],
    ("TCC09", ""): ["Kim ngạch năm {year} ước đạt, theo báo cáo của doanh nghiệp và Hải quan"],
    ("TCC01", "CTK"): ["Số liệu ước tính, sẽ cập nhật khi có số liệu chính thức"],
    ("TCC01a", "CTK"): ["Số liệu ước tính, sẽ cập nhật khi có số liệu chính thức"],
    ("TCC04", "CTK"): ["Chỉ số năm {year} so với năm {prev_year}"],
    ("TCC11", "CTK"): ["Chưa loại trừ yếu tố giá"],
}

_D = dt.date

# Rows a mistaken workbook needs when its agency wrote fewer than two of them.
_MISTAKE_ROWS: dict[str, list[dict[str, object]]] = {
    "ton_tai": [
        {
            "noi_dung": "Một số chỉ tiêu năm {year} mới là số ước tính.",
            "nguyen_nhan": "Thời điểm báo cáo sớm hơn thời điểm có số liệu chính thức.",
        },
        {
            "noi_dung": "Số liệu của một số ngành chưa đồng bộ.",
            "nguyen_nhan": "Phương pháp tính của các ngành khác nhau; "
            "chưa có cơ sở dữ liệu dùng chung.",
        },
    ],
    "kien_nghi": [
        {
            "noi_nhan": "Sở Công Thương",
            "noi_dung": "Sớm gửi đề cương và biểu mẫu báo cáo năm {next_year} "
            "để chủ động thu thập số liệu.",
        },
        {
            "noi_nhan": "UBND tỉnh",
            "noi_dung": "Chỉ đạo xây dựng cơ sở dữ liệu dùng chung về công nghiệp, thương mại.",
        },
    ],
}

_SCENARIOS: dict[str, _Scenario] = {
    "cn-2023": _Scenario(
        entries=(
            _Entry("SCT", _D(2023, 12, 18)),
            _Entry("SKHDT", _D(2023, 12, 19), "correction"),
            _Entry("STC", _D(2023, 12, 15)),
            _Entry("BQLKKT", _D(2023, 12, 19)),
            _Entry("SKHCN", _D(2023, 12, 13)),
            _Entry("STNMT", _D(2023, 12, 18)),
            _Entry("SNNPTNT", _D(2023, 12, 20)),
            _Entry("SGDDT", _D(2023, 12, 14)),
            _Entry("SLDTBXH", _D(2023, 12, 15)),
            _Entry("CQLTT", _D(2023, 12, 12)),
            _Entry("CTK", _D(2023, 12, 20), "mistakes"),
            _Entry("BDT", _D(2023, 12, 13), "no_task"),
            _Entry("TPQN", _D(2023, 12, 19)),
            _Entry("TXDP", _D(2023, 12, 18)),
            _Entry("HBS", _D(2023, 12, 15)),
            _Entry("HSTI", _D(2023, 12, 20)),
            _Entry("HMD", _D(2023, 12, 14)),
            _Entry("HTB", _D(2024, 1, 3), "late"),
        ),
        conflicts={"STNMT": {"CN05": -3.3}},
        mistakes=_Mistakes(
            text_numbers={"CT_CN01_NAM_TRUOC": "8,5%", "CT_CN02_NAM_NAY": "74,5"},
            invalid={"CT_CN01_KE_HOACH": "tám phẩy năm"},
            date_text="ngày 20 tháng 12 năm 2023",
            broken_name=("NGUOI_KY", "Tạ Thị Minh\nNguyệt   "),
            empty_required=("ton_tai", "noi_dung"),
        ),
        corrections={
            "SKHDT": _Correction(
                issued=_D(2023, 12, 14), number_delta=37, values={"CT_CN02_NAM_NAY": 73.9}
            ),
        },
    ),
    "tcc-222": _Scenario(
        entries=(
            _Entry("SCT", _D(2024, 1, 5), "correction"),
            _Entry("SKHDT", _D(2024, 1, 4)),
            _Entry("STC", _D(2024, 1, 8)),
            _Entry("BQLKKT", _D(2024, 1, 5)),
            _Entry("SKHCN", _D(2024, 1, 3)),
            _Entry("STNMT", _D(2024, 1, 9)),
            _Entry("SNNPTNT", _D(2024, 1, 8)),
            _Entry("SNGV", _D(2024, 1, 4)),
            _Entry("NHNN", _D(2024, 1, 2)),
            _Entry("SGDDT", _D(2024, 1, 9)),
            _Entry("SLDTBXH", _D(2024, 1, 5)),
            _Entry("CQLTT", _D(2024, 1, 3)),
            _Entry("CTK", _D(2024, 1, 8), "correction"),
            _Entry("BDT", _D(2024, 1, 2), "no_task"),
            _Entry("TPQN", _D(2024, 1, 9)),
            _Entry("HBS", _D(2024, 1, 8)),
            _Entry("HNH", _D(2024, 1, 10)),
            _Entry("HSH", _D(2024, 1, 16), "late"),
        ),
        conflicts={"CTK": {"TCC01": 0.3}},
        mistakes=_Mistakes(
            text_numbers={"CT_TCC11_NAM_TRUOC": "9,8%", "CT_TCC06_NAM_NAY": "1.068"},
            invalid={"CT_TCC04_KE_HOACH": "tám phẩy năm"},
            date_text="ngày 03 tháng 01 năm 2024",
            broken_name=("LIEN_HE_TEN", "Lê Thị Thu\nHằng  "),
            empty_required=("kien_nghi", "noi_nhan"),
        ),
        corrections={
            # SCT's first file had a hurried clerk's mistakes; the corrected one is clean.
            "SCT": _Correction(
                issued=_D(2024, 1, 3),
                number_delta=21,
                values={"CT_TCC09_NAM_NAY": 10.2},
                with_mistakes=True,
            ),
            "CTK": _Correction(
                issued=_D(2024, 1, 4), number_delta=12, values={"CT_TCC11_NAM_NAY": 10.2}
            ),
        },
    ),
}

# Results under section-II headings: [agency/topic], alternatives separated by "---".
# Slots: {i:a-b} whole number, {d:a-b} one decimal, {year}, {place}, {ccn}, {phong}...
_TEXTS = _bank("""
[SCT/tuyen_truyen]
Sở Công Thương đã quán triệt, phổ biến Nghị quyết số 23-NQ/TW ngày 22/3/2018 của Bộ Chính trị,
Nghị quyết số 124/NQ-CP ngày 03/9/2020 của Chính phủ, Kế hoạch số 136/KH-UBND ngày 16/11/2020
và Quyết định số 998/QĐ-UBND ngày 07/7/2021 của UBND tỉnh đến toàn thể công chức, viên chức,
người lao động của Sở; đăng tải đầy đủ các văn bản, chính sách về phát triển công nghiệp trên
Cổng thông tin điện tử của Sở để doanh nghiệp, người dân thuận tiện tra cứu, thực hiện.

Trong năm {year}, Sở phối hợp với Báo Quảng Ngãi, Đài Phát thanh - Truyền hình tỉnh thực hiện
{i:18-35} tin, bài, phóng sự về sản xuất công nghiệp, công nghiệp hỗ trợ và hoạt động khuyến
công; tổ chức {i:3-6} hội nghị phổ biến chính sách phát triển cụm công nghiệp, sử dụng năng
lượng tiết kiệm và hiệu quả, an toàn hóa chất cho hơn {i:250-480} lượt đại diện doanh nghiệp,
cơ sở công nghiệp nông thôn.

[SCT/co_cau]
Sản xuất công nghiệp năm {year} tiếp tục tập trung tại Khu kinh tế Dung Quất, các khu công
nghiệp VSIP Quảng Ngãi, Tịnh Phong, Quảng Phú và các cụm công nghiệp, trong đó ngành chế biến,
chế tạo chiếm trên 95% giá trị sản xuất toàn ngành. Các sản phẩm chủ lực như sản phẩm lọc hóa
dầu, thép, bia, đường, tinh bột mì, sợi, giày da tiếp tục giữ vai trò dẫn dắt tăng trưởng.

Sở Công Thương đã thẩm định, tham mưu UBND tỉnh thành lập mới {i:1-2} cụm công nghiệp và
điều chỉnh quy hoạch chi tiết {i:2-3} cụm công nghiệp; đến nay toàn tỉnh có {i:22-26} cụm
công nghiệp được thành lập với tổng diện tích khoảng {i:600-750} ha. Việc bố trí cụm công
nghiệp gắn với vùng nguyên liệu và nguồn lao động tại chỗ, góp phần chuyển dịch lao động nông
thôn sang khu vực công nghiệp, dịch vụ.

[SCT/gia_tri]
Sở Công Thương tập trung hỗ trợ các ngành công nghiệp có lợi thế của tỉnh như lọc hóa dầu,
luyện kim, cơ khí chế tạo, chế biến nông, lâm, thủy sản theo hướng nâng cao giá trị gia tăng.
Chương trình khuyến công địa phương năm {year} được bố trí {i:2500-3800} triệu đồng, hỗ trợ
{i:12-20} đề án ứng dụng máy móc, thiết bị tiên tiến và chuyển giao công nghệ cho cơ sở công
nghiệp nông thôn; bình chọn {i:15-28} sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh.

Về công nghiệp hỗ trợ, Sở đã hướng dẫn doanh nghiệp tiếp cận chính sách theo Nghị định số
111/2015/NĐ-CP của Chính phủ, giới thiệu các doanh nghiệp trong tỉnh tham gia kết nối cung ứng
với doanh nghiệp có vốn đầu tư nước ngoài tại Khu công nghiệp VSIP Quảng Ngãi. Tuy nhiên, số
doanh nghiệp công nghiệp hỗ trợ còn ít, quy mô nhỏ, chủ yếu gia công cơ khí và sản xuất bao bì.

[SCT/ha_tang]
Sở Công Thương đã tham mưu UBND tỉnh phân bổ kinh phí hỗ trợ đầu tư hạ tầng kỹ thuật cho
{i:4-7} cụm công nghiệp từ ngân sách tỉnh; hướng dẫn các địa phương lập hồ sơ thành lập, mở
rộng cụm công nghiệp và lựa chọn chủ đầu tư xây dựng hạ tầng theo Nghị định số 68/2017/NĐ-CP
và Nghị định số 66/2020/NĐ-CP của Chính phủ.

Đến nay, trên địa bàn tỉnh có {i:14-17} cụm công nghiệp đã đi vào hoạt động, tỷ lệ lấp đầy
bình quân khoảng {d:55-68}%; trong đó {i:4-6} cụm công nghiệp đã có hệ thống xử lý nước thải
tập trung. Lưới điện 110 kV, 22 kV phục vụ các khu, cụm công nghiệp tiếp tục được đầu tư, cải
tạo, cơ bản đáp ứng nhu cầu sử dụng điện của doanh nghiệp.

[SCT/dau_tu]
Sở duy trì tiếp nhận, giải quyết 100% thủ tục hành chính thuộc thẩm quyền qua Trung tâm Phục
vụ hành chính công tỉnh; năm {year} đã giải quyết {i:1800-2600} hồ sơ, tỷ lệ hồ sơ giải quyết
trước và đúng hạn đạt {d:98-99}%, không có hồ sơ quá hạn do lỗi chủ quan. Sở tổ chức {i:2-4}
buổi đối thoại với doanh nghiệp sản xuất công nghiệp để nắm bắt, tháo gỡ khó khăn về mặt
bằng, đấu nối điện, thủ tục phòng cháy, chữa cháy; phối hợp với Sở Kế hoạch và Đầu tư xúc
tiến đầu tư vào các cụm công nghiệp đã có hạ tầng.

[SKHDT/co_cau]
Sở Kế hoạch và Đầu tư đã tham mưu UBND tỉnh hoàn thiện hồ sơ Quy hoạch tỉnh Quảng Ngãi thời
kỳ 2021-2030, tầm nhìn đến năm 2050, trong đó xác định công nghiệp là động lực tăng trưởng,
tổ chức không gian phát triển công nghiệp theo ba khu vực: ven biển phía Đông gắn với Khu kinh
tế Dung Quất và các khu công nghiệp; đồng bằng phát triển cụm công nghiệp, chế biến nông sản;
miền núi phát triển chế biến lâm sản, dược liệu gắn với vùng nguyên liệu.

Cơ cấu kinh tế của tỉnh tiếp tục chuyển dịch theo hướng tăng tỷ trọng công nghiệp - dịch vụ;
Sở đã lồng ghép các chỉ tiêu phát triển công nghiệp vào Kế hoạch phát triển kinh tế - xã hội
năm {next_year} trình HĐND tỉnh thông qua tại kỳ họp cuối năm.

[SKHDT/dau_tu]
Trong năm {year}, Sở Kế hoạch và Đầu tư tham mưu UBND tỉnh chấp thuận chủ trương đầu tư cho
{i:18-30} dự án ngoài Khu kinh tế Dung Quất và các khu công nghiệp với tổng vốn đăng ký khoảng
{i:3200-5800} tỷ đồng, trong đó có {i:6-11} dự án sản xuất công nghiệp. Toàn tỉnh có
{i:650-820} doanh nghiệp đăng ký thành lập mới; thời gian cấp giấy chứng nhận đăng ký doanh
nghiệp được rút ngắn còn 02 ngày làm việc.

Sở đã triển khai Kế hoạch cải thiện Chỉ số năng lực cạnh tranh cấp tỉnh (PCI), tổ chức Hội
nghị gặp mặt doanh nghiệp, nhà đầu tư và hỗ trợ {i:15-30} dự án khởi nghiệp đổi mới sáng tạo
tham gia các cuộc thi, sự kiện kết nối đầu tư.

[SKHDT/von]
Kế hoạch đầu tư công năm {year} bố trí khoảng {i:1100-1600} tỷ đồng cho các dự án hạ tầng Khu
kinh tế Dung Quất, các khu công nghiệp, cụm công nghiệp, giao thông kết nối và các khu tái
định cư phục vụ giải phóng mặt bằng. Đến ngày 30/11/{year}, giá trị giải ngân của nhóm dự án
này đạt {d:62-78}% kế hoạch vốn giao.

Các dự án hạ tầng giao thông kết nối cảng Dung Quất và các khu tái định cư phục vụ Khu liên
hợp sản xuất gang thép Hòa Phát Dung Quất tiếp tục được ưu tiên bố trí vốn; Sở đã tham mưu
điều chuyển vốn từ các dự án giải ngân chậm sang các dự án có khả năng giải ngân tốt.

[STC/von]
Sở Tài chính đã tham mưu UBND tỉnh bố trí trong dự toán ngân sách năm {year} kinh phí khuyến
công địa phương, kinh phí hỗ trợ đầu tư hạ tầng cụm công nghiệp và kinh phí xúc tiến đầu tư,
thương mại theo đúng phân cấp; hướng dẫn các địa phương lồng ghép nguồn vốn sự nghiệp kinh tế
để duy tu, sửa chữa hạ tầng cụm công nghiệp.

Trong năm, Sở đã thẩm tra, phê duyệt quyết toán {i:12-24} dự án hoàn thành thuộc lĩnh vực hạ
tầng khu, cụm công nghiệp và giao thông kết nối với tổng giá trị đề nghị quyết toán
{i:420-900} tỷ đồng, giảm trừ {d:1-3}% so với giá trị đề nghị.

[BQLKKT/co_cau]
Khu kinh tế Dung Quất tiếp tục giữ vai trò trung tâm công nghiệp nặng của tỉnh với các ngành
lọc hóa dầu, luyện thép, cơ khí chế tạo, năng lượng; Khu công nghiệp VSIP Quảng Ngãi phát
triển các ngành điện tử, dệt may, chế biến thực phẩm và công nghiệp nhẹ; các khu công nghiệp
Tịnh Phong, Quảng Phú chủ yếu thu hút dự án chế biến nông, thủy sản, vật liệu xây dựng.

Trong năm {year}, Ban Quản lý đã tham mưu UBND tỉnh điều chỉnh cục bộ quy hoạch phân khu xây
dựng {i:2-3} khu chức năng trong Khu kinh tế Dung Quất nhằm bố trí quỹ đất cho các dự án công
nghiệp quy mô lớn và dịch vụ hậu cần cảng biển.

[BQLKKT/gia_tri]
Ban Quản lý tập trung xúc tiến, kêu gọi các dự án công nghệ cao, công nghiệp hỗ trợ, sử dụng
ít lao động phổ thông và thân thiện với môi trường; không tiếp nhận các dự án sử dụng công
nghệ lạc hậu, tiêu tốn nhiều năng lượng. Năm {year} có {i:6-10} dự án có vốn đầu tư nước
ngoài được cấp mới hoặc điều chỉnh tăng vốn tại Khu công nghiệp VSIP Quảng Ngãi, chủ yếu
trong lĩnh vực sản xuất linh kiện điện tử, sợi, bao bì cao cấp.

[BQLKKT/moi_truong]
Đến nay, 05/06 khu công nghiệp đang hoạt động đã có hệ thống xử lý nước thải tập trung đạt
quy chuẩn kỹ thuật môi trường; khu công nghiệp còn lại đang hoàn thiện mô-đun xử lý, dự kiến
vận hành trong năm {next_year}. Ban Quản lý phối hợp với Sở Tài nguyên và Môi trường kiểm tra
việc đấu nối nước thải của {i:30-55} doanh nghiệp, yêu cầu {i:3-7} doanh nghiệp khắc phục tồn
tại về thu gom, tách riêng nước mưa và nước thải.

Đối với Khu kinh tế Dung Quất, Ban Quản lý chỉ đạo rà soát phương án phòng ngừa, ứng phó sự cố
hóa chất, sự cố tràn dầu tại các cơ sở lọc hóa dầu, luyện thép và cảng biển; tổ chức diễn tập
ứng phó sự cố tràn dầu cấp cơ sở.

[BQLKKT/ha_tang]
Hạ tầng Khu kinh tế Dung Quất tiếp tục được đầu tư từ nhiều nguồn vốn; trong năm {year} hoàn
thành đưa vào sử dụng {i:2-4} công trình giao thông, cấp nước phục vụ các khu chức năng. Khu
công nghiệp VSIP Quảng Ngãi đã hoàn thành san nền khoảng {i:80-140} ha của giai đoạn 2.

Ban Quản lý phối hợp với UBND huyện Bình Sơn đẩy nhanh bồi thường, giải phóng mặt bằng, bàn
giao {i:60-150} ha đất sạch cho nhà đầu tư; tuy nhiên một số khu tái định cư chưa hoàn thiện
hạ tầng nên việc di dời các hộ dân còn chậm.

[BQLKKT/dau_tu]
Ban Quản lý thực hiện cơ chế một cửa, một cửa liên thông đối với thủ tục đầu tư, xây dựng, môi
trường, lao động trong Khu kinh tế và các khu công nghiệp; thời gian giải quyết thủ tục cấp
giấy chứng nhận đăng ký đầu tư được rút ngắn còn {i:5-10} ngày làm việc. Năm {year}, Ban đã
tham gia {i:3-6} đoàn xúc tiến đầu tư tại Nhật Bản, Hàn Quốc, Singapore và tiếp, làm việc với
{i:20-35} lượt nhà đầu tư đến tìm hiểu cơ hội đầu tư.

[SKHCN/tuyen_truyen]
Sở Khoa học và Công nghệ duy trì chuyên mục "Khoa học và Công nghệ" trên Báo Quảng Ngãi và
Đài Phát thanh - Truyền hình tỉnh, thực hiện {i:20-30} tin, bài giới thiệu kết quả ứng dụng
tiến bộ khoa học, công nghệ vào sản xuất công nghiệp, các mô hình doanh nghiệp đổi mới công
nghệ, nâng cao năng suất chất lượng; phát hành {i:4-6} số Thông tin Khoa học và Công nghệ với
các chuyên đề về sở hữu trí tuệ, tiêu chuẩn, đo lường, chất lượng.

[SKHCN/khcn]
Năm {year}, Sở Khoa học và Công nghệ tổ chức triển khai {i:18-26} nhiệm vụ khoa học và công
nghệ cấp tỉnh, trong đó {i:4-7} nhiệm vụ phục vụ trực tiếp phát triển công nghiệp như ứng dụng
công nghệ sấy bơm nhiệt trong chế biến nông sản, cơ giới hóa khâu chế biến tinh bột mì, xử lý
chất thải rắn công nghiệp. Sở hỗ trợ {i:10-18} doanh nghiệp áp dụng hệ thống quản lý ISO 9001,
ISO 14001 và các công cụ cải tiến năng suất 5S, Kaizen, Lean.

Về sở hữu trí tuệ, Sở hướng dẫn {i:25-45} tổ chức, cá nhân lập hồ sơ đăng ký bảo hộ nhãn
hiệu, kiểu dáng công nghiệp; hỗ trợ xây dựng, quản lý và phát triển nhãn hiệu chứng nhận cho
{i:2-4} sản phẩm đặc trưng của tỉnh.

[STNMT/moi_truong]
Sở Tài nguyên và Môi trường đã thẩm định báo cáo đánh giá tác động môi trường, cấp giấy phép
môi trường cho {i:25-40} dự án, cơ sở sản xuất công nghiệp theo Luật Bảo vệ môi trường năm
2020; thanh tra, kiểm tra việc chấp hành pháp luật về bảo vệ môi trường tại {i:30-50} cơ sở,
tham mưu xử phạt vi phạm hành chính {i:5-11} trường hợp với tổng số tiền {i:600-1500} triệu
đồng.

Trong quản lý khoáng sản, Sở đã tổ chức đấu giá quyền khai thác {i:3-6} mỏ cát, đất san lấp
phục vụ các dự án trọng điểm; kiểm soát chặt việc khai thác, vận chuyển khoáng sản làm vật
liệu xây dựng thông thường.

Sở tiếp tục cập nhật Kế hoạch hành động ứng phó với biến đổi khí hậu của tỉnh, hướng dẫn các
cơ sở công nghiệp thuộc danh mục phải kiểm kê khí nhà kính chuẩn bị số liệu kiểm kê.

[SNNPTNT/gia_tri]
Sở Nông nghiệp và Phát triển nông thôn đã phối hợp thúc đẩy liên kết giữa doanh nghiệp chế
biến và vùng nguyên liệu: diện tích sắn cung ứng cho các nhà máy tinh bột mì khoảng
{i:17000-19500} ha, diện tích mía nguyên liệu khoảng {i:3200-4100} ha; diện tích rừng trồng
gỗ lớn có chứng chỉ quản lý rừng bền vững tiếp tục tăng, cung cấp nguyên liệu cho chế biến gỗ
xuất khẩu.

Chương trình Mỗi xã một sản phẩm (OCOP) có thêm {i:25-45} sản phẩm đạt từ 3 sao trở lên, phần
lớn là sản phẩm chế biến từ nông sản, thủy sản của địa phương; Sở hỗ trợ {i:8-15} hợp tác xã
đầu tư thiết bị sơ chế, bảo quản và chế biến sau thu hoạch.

[SGDDT/nhan_luc]
Ngành Giáo dục và Đào tạo đã triển khai Đề án giáo dục hướng nghiệp và định hướng phân luồng
học sinh trong giáo dục phổ thông giai đoạn 2018-2025; tổ chức tư vấn hướng nghiệp cho học
sinh lớp 9, lớp 12 tại {i:150-190} trường, phối hợp với các cơ sở giáo dục nghề nghiệp giới
thiệu các ngành, nghề công nghiệp mà thị trường lao động có nhu cầu.

Năm học {prev_year}-{year}, tỷ lệ học sinh tốt nghiệp trung học cơ sở vào học tại các cơ sở
giáo dục nghề nghiệp và giáo dục thường xuyên kết hợp học nghề đạt khoảng {d:18-26}%; nhiều
trường trung học phổ thông đã đưa nội dung giáo dục STEM vào hoạt động trải nghiệm.

[SLDTBXH/nhan_luc]
Sở Lao động - Thương binh và Xã hội chỉ đạo các cơ sở giáo dục nghề nghiệp tuyển sinh, đào tạo
{i:14000-18500} người, trong đó các nghề phục vụ công nghiệp như hàn, cắt gọt kim loại, điện
công nghiệp, vận hành thiết bị hóa dầu chiếm khoảng {d:35-45}%; tỷ lệ lao động qua đào tạo ước
đạt {d:64-68}%. Trung tâm Dịch vụ việc làm tổ chức {i:20-30} phiên giao dịch việc làm, kết nối
cung ứng hơn {i:3000-5200} lao động cho doanh nghiệp tại Khu kinh tế Dung Quất và Khu công
nghiệp VSIP Quảng Ngãi.

Sở đã phối hợp với Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi khảo
sát nhu cầu tuyển dụng của doanh nghiệp, làm cơ sở xây dựng kế hoạch đào tạo năm {next_year}.

[CQLTT/tuyen_truyen]
Cục Quản lý thị trường đã phối hợp với các cơ quan báo chí tuyên truyền quy định pháp luật về
chống buôn lậu, gian lận thương mại, hàng giả; hướng dẫn cơ sở sản xuất công nghiệp, hộ kinh
doanh ghi nhãn hàng hóa, truy xuất nguồn gốc theo quy định. Năm {year}, các Đội Quản lý thị
trường đã kiểm tra {i:520-780} vụ, xử lý {i:380-560} vụ vi phạm, thu nộp ngân sách nhà nước
{i:2100-3600} triệu đồng; tiêu hủy hàng hóa vi phạm trị giá khoảng {i:300-700} triệu đồng.

[CTK/co_cau]
Theo số liệu ước tính của Cục Thống kê, năm {year} cơ cấu kinh tế của tỉnh tiếp tục chuyển
dịch theo hướng tăng tỷ trọng khu vực công nghiệp - xây dựng và dịch vụ; ngành công nghiệp chế
biến, chế tạo vẫn đóng góp lớn nhất vào tăng trưởng, ngành khai khoáng tiếp tục giảm tỷ trọng.

Cục Thống kê đã thực hiện điều tra doanh nghiệp, điều tra cơ sở sản xuất kinh doanh cá thể,
điều tra công nghiệp hằng tháng với {i:280-360} đơn vị mẫu, cung cấp số liệu phục vụ UBND tỉnh
đánh giá tình hình thực hiện kế hoạch phát triển công nghiệp; số liệu năm {year} là số ước
tính và sẽ được cập nhật khi có số liệu chính thức.

[huyen/tuyen_truyen]
UBND {place} đã ban hành văn bản chỉ đạo các cơ quan, đơn vị và UBND các {xa_ph} triển khai
thực hiện Kế hoạch số 136/KH-UBND và Quyết định số 998/QĐ-UBND của UBND tỉnh; giao {phong}
làm đầu mối theo dõi, tổng hợp. Các chính sách phát triển công nghiệp, cụm công nghiệp, khuyến
công được tuyên truyền trên hệ thống truyền thanh cơ sở, Trang thông tin điện tử của {cap} và
tại các cuộc họp dân ở {i:8-20} {xa_ph}.
---
Trong năm {year}, {phong} phối hợp với Trung tâm Văn hóa - Thông tin - Thể thao {cap} thực
hiện {i:12-30} tin, bài về sản xuất tiểu thủ công nghiệp, làng nghề và sản phẩm công nghiệp
nông thôn tiêu biểu của địa phương; tổ chức {i:1-3} hội nghị phổ biến chính sách khuyến công,
hỗ trợ doanh nghiệp nhỏ và vừa cho hơn {i:80-200} lượt cơ sở sản xuất, hộ kinh doanh.

Qua đó, nhận thức của cán bộ, đảng viên và nhân dân về vai trò của công nghiệp trong phát
triển kinh tế - xã hội của địa phương được nâng lên.

[huyen/co_cau]
Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp trên địa bàn {place} năm {year} ước đạt
{i:1800-5200} tỷ đồng, tăng {d:6-12}% so với năm {prev_year}; các ngành chủ yếu là chế biến
nông, lâm, thủy sản, sản xuất vật liệu xây dựng, may mặc và cơ khí nhỏ. UBND {place} đã chỉ
đạo rà soát, đề xuất đưa vào phương án phát triển cụm công nghiệp của Quy hoạch tỉnh các cụm
công nghiệp {ccn} và {ccn2}, gắn với vùng nguyên liệu và nguồn lao động tại chỗ.
---
Cơ cấu kinh tế của {place} tiếp tục chuyển dịch theo hướng tăng tỷ trọng công nghiệp - xây
dựng, ước đạt {d:28-45}% năm {year}. Số lao động nông thôn chuyển sang làm việc tại các cơ sở
công nghiệp trong Cụm công nghiệp {ccn} và các doanh nghiệp trên địa bàn tăng khoảng
{i:300-900} người so với năm trước.

UBND {place} đã làm việc với Sở Công Thương về phương án mở rộng Cụm công nghiệp {ccn2}, ưu
tiên thu hút các dự án chế biến sâu nông sản, sử dụng nhiều lao động địa phương.

[huyen/ha_tang]
Cụm công nghiệp {ccn} đã hoàn thành đầu tư hạ tầng giai đoạn 1 với diện tích {i:20-50} ha, tỷ
lệ lấp đầy khoảng {d:45-80}%; giao thông nội bộ, cấp điện, thoát nước mưa cơ bản hoàn chỉnh
nhưng chưa có trạm xử lý nước thải tập trung. Năm {year}, UBND {place} bố trí {i:3-12} tỷ đồng
từ ngân sách {cap} cùng nguồn hỗ trợ của tỉnh để hoàn thiện tuyến đường vào cụm và hệ thống
thoát nước.

Đối với Cụm công nghiệp {ccn2}, UBND {place} đang hoàn chỉnh hồ sơ lựa chọn chủ đầu tư xây
dựng hạ tầng, đồng thời chỉ đạo kiểm đếm, lập phương án bồi thường, giải phóng mặt bằng tại
{xa2}.
---
Hạ tầng Cụm công nghiệp {ccn} tại {xa} tiếp tục được đầu tư hoàn thiện: năm {year} hoàn thành
hệ thống cấp nước và chiếu sáng, đang thi công trạm xử lý nước thải công suất {i:300-800}
m3/ngày đêm. Tỷ lệ lấp đầy của cụm đạt khoảng {d:50-85}%, với {i:6-18} doanh nghiệp đang hoạt
động, giải quyết việc làm cho hơn {i:600-2500} lao động.

[huyen/dau_tu]
UBND {place} thực hiện tiếp nhận, giải quyết thủ tục hành chính qua Bộ phận Một cửa, bảo đảm
đúng hạn; thành lập Tổ công tác hỗ trợ nhà đầu tư đối với các dự án vào Cụm công nghiệp {ccn}.
Năm {year}, UBND {place} đã làm việc với {i:3-8} nhà đầu tư tìm hiểu cơ hội đầu tư vào cụm
công nghiệp; hỗ trợ doanh nghiệp hoàn thiện thủ tục đất đai, xây dựng, phòng cháy, chữa cháy,
môi trường để sớm đưa dự án vào hoạt động.
---
Môi trường đầu tư, kinh doanh trên địa bàn {place} tiếp tục được cải thiện; lãnh đạo {cap} duy
trì gặp mặt, đối thoại định kỳ với doanh nghiệp, hợp tác xã, kịp thời tháo gỡ {i:5-15} kiến
nghị về mặt bằng sản xuất, đường giao thông và cấp điện. Năm {year}, trên địa bàn có thêm
{i:20-60} doanh nghiệp thành lập mới, phần lớn hoạt động trong lĩnh vực thương mại, xây dựng
và chế biến nông sản.

[SCT/tcc_cn]
Sở Công Thương đã tham mưu UBND tỉnh ban hành Kế hoạch số 222/KH-UBND ngày 28/12/{year} về tái
cơ cấu ngành Công Thương giai đoạn đến năm 2030 và triển khai đến các sở, ngành, địa phương.
Ngành công nghiệp tiếp tục được cơ cấu lại theo hướng giảm dần sự phụ thuộc vào sản phẩm lọc
hóa dầu, tăng tỷ trọng các ngành luyện kim, cơ khí chế tạo, điện tử và chế biến sâu nông, lâm,
thủy sản; ngành chế biến, chế tạo tiếp tục là động lực tăng trưởng chính.

Sở tiếp tục hướng dẫn, hỗ trợ doanh nghiệp tiếp cận chương trình khuyến công, sản xuất sạch
hơn, sử dụng năng lượng tiết kiệm và hiệu quả; rà soát danh mục dự án công nghiệp ưu tiên thu
hút đầu tư để cập nhật vào kế hoạch thực hiện Quy hoạch tỉnh.

[SCT/tcc_nl]
Tổng công suất các nguồn điện đang vận hành trên địa bàn tỉnh tiếp tục tăng, chủ yếu từ thủy
điện vừa và nhỏ, điện mặt trời mái nhà và điện sinh khối của các nhà máy đường; sản lượng điện
thương phẩm năm {year} ước đạt {i:1900-2400} triệu kWh. Sở Công Thương đã tham mưu UBND tỉnh đề
nghị Bộ Công Thương đưa các dự án điện khí, điện gió vào Kế hoạch thực hiện Quy hoạch điện
VIII; kiểm tra an toàn đập, hồ chứa thủy điện trước mùa mưa bão.

Về sử dụng năng lượng tiết kiệm và hiệu quả, Sở đã kiểm tra việc thực hiện kiểm toán năng
lượng tại {i:8-15} cơ sở sử dụng năng lượng trọng điểm, hỗ trợ {i:3-6} doanh nghiệp thay thế
thiết bị có hiệu suất cao.

[SCT/tcc_xnk]
Kim ngạch xuất khẩu hàng hóa năm {year} ước đạt {i:2300-2700} triệu USD; các mặt hàng xuất khẩu
chủ lực là sắt thép, sản phẩm lọc hóa dầu, sợi, dăm gỗ, tinh bột mì, thủy sản, giày da, trong
đó nhóm hàng công nghiệp chế biến, chế tạo chiếm tỷ trọng chủ yếu. Thị trường xuất khẩu tiếp
tục được mở rộng sang các nước thành viên Hiệp định CPTPP và EVFTA.

Sở Công Thương đã tổ chức {i:2-4} hội nghị phổ biến quy tắc xuất xứ, cơ chế tự chứng nhận xuất
xứ và cảnh báo phòng vệ thương mại; hỗ trợ {i:12-25} doanh nghiệp tham gia hội chợ, triển lãm
xúc tiến xuất khẩu trong và ngoài nước.

[SCT/tcc_tt]
Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng năm {year} ước đạt {i:52000-60000} tỷ
đồng; hạ tầng thương mại tiếp tục phát triển với {i:6-9} siêu thị, {i:2-3} trung tâm thương mại
và hơn {i:200-320} cửa hàng tiện lợi. Sở Công Thương đã triển khai chương trình bình ổn thị
trường dịp Tết Nguyên đán, đưa hàng Việt về nông thôn, miền núi với {i:3-5} phiên chợ; phối hợp
với các sàn thương mại điện tử hỗ trợ {i:80-150} cơ sở đưa sản phẩm OCOP, đặc sản của tỉnh lên
kênh bán hàng trực tuyến.

Thương mại điện tử tăng trưởng nhanh nhưng quy mô còn nhỏ so với tổng mức bán lẻ; phần lớn
giao dịch vẫn qua mạng xã hội, chưa qua các sàn đã đăng ký.

[SCT/tcc_hn]
Sở Công Thương tổ chức phổ biến các hiệp định thương mại tự do thế hệ mới (CPTPP, EVFTA, RCEP)
cho doanh nghiệp; cung cấp thông tin thị trường, cảnh báo sớm các vụ việc phòng vệ thương mại
liên quan đến sản phẩm thép, sợi, gỗ của tỉnh. Trong năm, Sở đã tiếp và làm việc với {i:4-8}
đoàn doanh nghiệp, tổ chức xúc tiến thương mại của Nhật Bản, Hàn Quốc, Ấn Độ và các nước ASEAN
tìm hiểu cơ hội hợp tác.

[SKHDT/tcc_cn]
Sở Kế hoạch và Đầu tư đã rà soát, cập nhật danh mục dự án kêu gọi đầu tư của tỉnh, ưu tiên dự
án công nghiệp chế biến sâu, công nghiệp hỗ trợ, công nghệ cao và năng lượng sạch. Năm {year},
Sở hướng dẫn thực hiện Nghị định số 80/2021/NĐ-CP về hỗ trợ doanh nghiệp nhỏ và vừa cho
{i:40-90} lượt doanh nghiệp về tư vấn, đào tạo; phối hợp với Sở Công Thương lồng ghép nội dung
tái cơ cấu ngành Công Thương vào Kế hoạch phát triển kinh tế - xã hội năm {next_year}.

[BQLKKT/tcc_cn]
Ban Quản lý tiếp tục thu hút đầu tư có chọn lọc vào Khu kinh tế Dung Quất và các khu công
nghiệp, ưu tiên dự án quy mô lớn, công nghệ hiện đại, có tác động lan tỏa. Khu liên hợp sản
xuất gang thép Hòa Phát Dung Quất 2 đang được đẩy nhanh tiến độ; dự án nâng cấp, mở rộng Nhà
máy lọc dầu Dung Quất đang hoàn thiện thủ tục đầu tư. Khu công nghiệp VSIP Quảng Ngãi thu hút
thêm {i:5-9} dự án sản xuất linh kiện điện tử, sợi, bao bì, góp phần đa dạng hóa cơ cấu ngành
công nghiệp của tỉnh.

[BQLKKT/tcc_nl]
Ban Quản lý phối hợp với Sở Công Thương, các nhà đầu tư rà soát quỹ đất, hạ tầng đấu nối cho
các dự án điện khí tại Khu kinh tế Dung Quất theo Quy hoạch điện VIII; khuyến khích các doanh
nghiệp trong khu công nghiệp lắp đặt điện mặt trời mái nhà tự sản, tự tiêu, đến nay có
{i:8-15} doanh nghiệp đã lắp đặt với tổng công suất khoảng {i:12-30} MWp.

[SNGV/tcc_hn]
Sở Ngoại vụ tham mưu UBND tỉnh triển khai Kế hoạch hội nhập quốc tế năm {year}; đón tiếp
{i:15-30} đoàn khách quốc tế, trong đó {i:6-12} đoàn tìm hiểu cơ hội đầu tư, thương mại; phối
hợp tổ chức hội nghị xúc tiến đầu tư với doanh nghiệp Hàn Quốc, Nhật Bản và duy trì quan hệ hợp
tác với các địa phương nước ngoài đã ký thỏa thuận.

Sở đã cung cấp thông tin về thị trường, chính sách thu hút đầu tư của các nước cho doanh nghiệp
trong tỉnh qua Cổng thông tin đối ngoại và các hội nghị chuyên đề.

[SNGV/tcc_xnk]
Sở Ngoại vụ phối hợp với các cơ quan đại diện Việt Nam ở nước ngoài cung cấp thông tin thị
trường, nhu cầu nhập khẩu và cảnh báo rào cản kỹ thuật đối với hàng hóa xuất khẩu chủ lực của
tỉnh; giới thiệu {i:5-12} doanh nghiệp tham gia các chương trình kết nối giao thương trực tuyến
với đối tác tại châu Âu, Nhật Bản, Hàn Quốc.

[CQLTT/tcc_tt]
Cục Quản lý thị trường tăng cường kiểm tra, kiểm soát thị trường, tập trung vào các mặt hàng
xăng dầu, phân bón, thực phẩm, mỹ phẩm và hàng hóa kinh doanh trên môi trường thương mại điện
tử. Năm {year}, lực lượng Quản lý thị trường kiểm tra {i:520-780} vụ, xử lý {i:380-560} vụ vi
phạm, trong đó {i:25-60} vụ liên quan đến kinh doanh trực tuyến; phối hợp với các sàn thương
mại điện tử gỡ bỏ các gian hàng vi phạm.

[NHNN/tcc_cn]
Ngân hàng Nhà nước Chi nhánh Quảng Ngãi chỉ đạo các tổ chức tín dụng trên địa bàn triển khai
chương trình kết nối ngân hàng - doanh nghiệp, ưu tiên vốn cho sản xuất công nghiệp, xuất khẩu,
công nghiệp hỗ trợ; đến ngày 30/11/{year}, dư nợ cho vay lĩnh vực công nghiệp - xây dựng đạt
khoảng {i:14000-19000} tỷ đồng, chiếm {d:22-30}% tổng dư nợ.

Các tổ chức tín dụng đã cơ cấu lại thời hạn trả nợ, giữ nguyên nhóm nợ cho khách hàng gặp khó
khăn theo Thông tư số 02/2023/TT-NHNN và giảm lãi suất cho vay đối với khoản vay hiện hữu.

[SNNPTNT/tcc_xnk]
Sở Nông nghiệp và Phát triển nông thôn đã hướng dẫn cấp {i:20-45} mã số vùng trồng và {i:5-12}
mã số cơ sở đóng gói phục vụ xuất khẩu; phối hợp kiểm soát dư lượng thuốc bảo vệ thực vật, bảo
đảm nông, lâm, thủy sản xuất khẩu đáp ứng yêu cầu của thị trường nhập khẩu. Kim ngạch xuất khẩu
nhóm hàng nông, lâm, thủy sản chế biến tiếp tục ổn định, chủ yếu là dăm gỗ, tinh bột mì và
thủy sản đông lạnh.

[SKHCN/tcc_cn]
Sở Khoa học và Công nghệ hỗ trợ doanh nghiệp ngành Công Thương đổi mới công nghệ, áp dụng tiêu
chuẩn, quy chuẩn kỹ thuật và các công cụ nâng cao năng suất chất lượng; năm {year} có
{i:10-18} doanh nghiệp được hỗ trợ theo chính sách của tỉnh. Sở đã đề xuất danh mục nhiệm vụ
khoa học và công nghệ năm {next_year} gắn với tái cơ cấu ngành, tập trung vào chế biến sâu
nông sản, tiết kiệm năng lượng và xử lý chất thải công nghiệp.

[CTK/tcc_tt]
Theo số liệu ước tính của Cục Thống kê, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng
năm {year} tăng khá so với năm trước, trong đó doanh thu bán lẻ hàng hóa chiếm khoảng
{d:70-78}%. Cục Thống kê đã thực hiện điều tra thương mại, dịch vụ hằng tháng với {i:400-520}
cơ sở mẫu; số liệu thương mại điện tử chưa được thống kê chính thức nên chưa tách riêng được
doanh số B2C.

[huyen/tcc_cn]
UBND {place} đã chỉ đạo {phong} phối hợp với Sở Công Thương rà soát các cơ sở sản xuất công
nghiệp - tiểu thủ công nghiệp trên địa bàn, khuyến khích di dời các cơ sở gây ô nhiễm trong
khu dân cư vào Cụm công nghiệp {ccn}. Năm {year}, {i:2-6} cơ sở được hỗ trợ từ chương trình
khuyến công để đầu tư máy móc, thiết bị; ngành chế biến nông, lâm sản và sản xuất vật liệu xây
dựng tiếp tục chiếm tỷ trọng lớn trong giá trị sản xuất công nghiệp của {cap}.

[huyen/tcc_tt]
Hoạt động thương mại trên địa bàn {place} ổn định, hàng hóa phong phú, không xảy ra tình trạng
khan hiếm, sốt giá; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng năm {year} ước tăng
{d:7-12}% so với năm trước. UBND {place} đã phối hợp với Sở Công Thương tổ chức {i:1-3} phiên
chợ hàng Việt, hỗ trợ {i:10-40} hộ kinh doanh, hợp tác xã tham gia bán hàng trên các sàn thương
mại điện tử.

[*/generic]
Trong năm {year}, {agency} đã triển khai các nội dung liên quan đến {heading} theo chức năng,
nhiệm vụ được giao; chủ động phối hợp với Sở Công Thương và các cơ quan liên quan trong quá
trình tổ chức thực hiện, bảo đảm đúng tiến độ và yêu cầu đề ra. Các kết quả chính đã được tổng
hợp, báo cáo định kỳ; những khó khăn, vướng mắc phát sinh đã được kiến nghị cấp có thẩm quyền
xem xét, giải quyết.
""")

# Task results (Kế hoạch 222): the first paragraph of an entry is its status.
_TASKS = _bank("""
[PL01]
Đang thực hiện

Sở Công Thương đã xây dựng đề cương, dự thảo Kế hoạch phát triển kinh tế số ngành Công Thương
tỉnh Quảng Ngãi đến năm 2030; đang lấy ý kiến góp ý của các sở, ngành, địa phương và Hiệp hội
Doanh nghiệp tỉnh, dự kiến trình UBND tỉnh ban hành trong quý II năm {next_year}.

[PL02]
Chưa thực hiện

Theo lộ trình, nhiệm vụ trình HĐND và UBND tỉnh trong năm 2025. Sở Công Thương đã giao Phòng
Quản lý công nghiệp thu thập số liệu về doanh nghiệp công nghiệp hỗ trợ, đánh giá kết quả giai
đoạn trước làm cơ sở xây dựng Chương trình giai đoạn 2025 - 2030.

[PL03]
Chưa thực hiện

Sở Công Thương đang tổng hợp nhu cầu đầu tư hạ tầng của các cụm công nghiệp đã thành lập và
đánh giá hiệu quả chương trình hỗ trợ hiện hành; dự kiến xây dựng dự thảo Chương trình giai
đoạn 2026 - 2030 trong năm 2025.

[PL04]
Đang thực hiện

Sở Công Thương đã nghiên cứu nội dung Chiến lược phát triển công nghiệp và thương mại, xây dựng
đề cương Kế hoạch thực hiện trên địa bàn tỉnh; đang phối hợp với Sở Kế hoạch và Đầu tư để bảo
đảm thống nhất với Quy hoạch tỉnh, dự kiến trình UBND tỉnh trong năm {next_year}.

[PL05]
Chưa thực hiện

Sở Công Thương đang chờ hướng dẫn của Bộ Công Thương về khung kế hoạch thực hiện Chiến lược phát
triển ngành công nghiệp môi trường; đã rà soát danh sách {i:8-15} doanh nghiệp hoạt động trong
lĩnh vực xử lý chất thải, tái chế trên địa bàn tỉnh.

[PL06]
Đang thực hiện

Sở Công Thương đã làm việc với Công ty Cổ phần Thép Hòa Phát Dung Quất và Ban Quản lý Khu kinh
tế Dung Quất và các khu công nghiệp Quảng Ngãi để thu thập thông tin về năng lực sản xuất, kế
hoạch đầu tư giai đoạn 2; dự thảo Kế hoạch thực hiện Chiến lược phát triển ngành thép đang được
hoàn thiện.

[PL07]
Chưa thực hiện

Chương trình khuyến công giai đoạn 2021 - 2025 đang được triển khai; Sở Công Thương sẽ tổng kết,
đánh giá trong năm 2025 làm cơ sở xây dựng Chương trình khuyến công giai đoạn 2025 - 2030 trình
UBND tỉnh phê duyệt.

[PL08]
Chưa thực hiện

Theo lộ trình, nhiệm vụ thực hiện trong năm 2025. Năm {year}, Sở Công Thương tiếp tục triển khai
Chương trình xúc tiến thương mại hiện hành, hỗ trợ {i:40-80} lượt doanh nghiệp tham gia hội chợ,
triển lãm; kết quả này sẽ được đánh giá khi xây dựng Chương trình giai đoạn 2025 - 2030.

[PL09]
Đang thực hiện

Sở Công Thương đã khảo sát nhu cầu của {i:20-40} doanh nghiệp nhỏ và vừa có khả năng tham gia
chuỗi cung ứng của các doanh nghiệp FDI; đang xây dựng dự thảo Kế hoạch, trong đó tập trung vào
đào tạo quản trị, tiêu chuẩn chất lượng và kết nối với doanh nghiệp đầu chuỗi.

[PL10]
Chưa thực hiện

Sở Công Thương đang nghiên cứu Chương trình quốc gia và chờ hướng dẫn của Bộ Công Thương; dự kiến
xây dựng Kế hoạch thực hiện trên địa bàn tỉnh trong năm {next_year}, lồng ghép với Chương trình
phát triển công nghiệp hỗ trợ.

[PL11]
Đang thực hiện

Sở Công Thương đã đánh giá thực trạng hạ tầng thanh toán, logistics phục vụ thương mại điện tử
trên địa bàn; phối hợp với Bưu điện tỉnh và các doanh nghiệp chuyển phát xây dựng dự thảo Kế
hoạch, dự kiến trình UBND tỉnh trong quý III năm {next_year}.

[PL12/SNNPTNT]
Đang thực hiện

Sở Nông nghiệp và Phát triển nông thôn đã phối hợp với Sở Công Thương xây dựng đề cương Kế
hoạch; tổ chức tập huấn về quy tắc xuất xứ, truy xuất nguồn gốc cho {i:30-60} doanh nghiệp, hợp
tác xã nông nghiệp và hướng dẫn cấp mã số vùng trồng cho các vùng nguyên liệu xuất khẩu.

[PL12/SCT]
Đang thực hiện

Sở Công Thương đã cung cấp cho Sở Nông nghiệp và Phát triển nông thôn thông tin về quy tắc xuất
xứ theo các hiệp định thương mại tự do, cử cán bộ tham gia tổ biên tập dự thảo Kế hoạch và phối
hợp tổ chức hội nghị tập huấn cho doanh nghiệp.

[PL13]
Đang thực hiện

Sở Công Thương đã phổ biến các quy định về truy xuất nguồn gốc, chống lẩn tránh phòng vệ thương
mại cho {i:40-70} doanh nghiệp xuất khẩu; đang xây dựng dự thảo Kế hoạch, ưu tiên các ngành thép,
sợi, gỗ là những mặt hàng có nguy cơ bị điều tra phòng vệ thương mại.

[PL14]
Chưa thực hiện

Sở Công Thương đang chờ Đề án xanh hóa công nghiệp được cấp có thẩm quyền phê duyệt để xây dựng
Kế hoạch thực hiện; trước mắt lồng ghép nội dung sản xuất sạch hơn, tiết kiệm năng lượng vào
Chương trình khuyến công năm {next_year}.

[VI1a]
Đã hoàn thành

Sở Công Thương đã tham mưu UBND tỉnh ban hành Kế hoạch số 222/KH-UBND ngày 28/12/{year}; có văn
bản hướng dẫn các sở, ngành, địa phương triển khai thực hiện và báo cáo kết quả năm {year} theo
bộ tiêu chí giám sát, đánh giá tại Phụ lục I của Kế hoạch. Kết quả tổng hợp được báo cáo UBND
tỉnh và Bộ Công Thương.

[VI2a]
Đang thực hiện

Sở Kế hoạch và Đầu tư đã lồng ghép các nhiệm vụ, giải pháp về thu hút đầu tư, phát triển doanh
nghiệp, kinh tế tuần hoàn và tăng trưởng xanh vào Kế hoạch phát triển kinh tế - xã hội năm
{next_year}; hướng dẫn nhà đầu tư lựa chọn công nghệ tiết kiệm tài nguyên khi đề xuất dự án.

[VI2b]
Đã hoàn thành

Sở Kế hoạch và Đầu tư đã tham mưu UBND tỉnh giao kế hoạch đầu tư công năm {next_year}, trong đó
bố trí vốn cho các dự án hạ tầng Khu kinh tế Dung Quất, các khu, cụm công nghiệp và hạ tầng
thương mại theo danh mục của Kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025.

[VI3]
Đang thực hiện

Sở Tài chính đã hướng dẫn các cơ quan, đơn vị lập dự toán kinh phí thực hiện Kế hoạch trong dự
toán ngân sách năm {next_year}; thẩm tra, tham mưu bố trí {i:3-8} tỷ đồng cho các nhiệm vụ khuyến
công, xúc tiến thương mại và xây dựng các kế hoạch, chương trình thuộc Phụ lục II.

[VI4]
Đang thực hiện

Ban Quản lý đã rà soát các khu công nghiệp có điều kiện chuyển đổi theo mô hình khu công nghiệp
sinh thái, lựa chọn Khu công nghiệp VSIP Quảng Ngãi làm thí điểm; phối hợp hỗ trợ nhà đầu tư các
dự án trọng điểm trong Khu kinh tế Dung Quất hoàn thiện thủ tục đất đai, xây dựng, môi trường.

[VI5a]
Đã hoàn thành

Sở Khoa học và Công nghệ đã xác định {i:3-6} nhiệm vụ khoa học và công nghệ cấp tỉnh năm
{next_year} liên quan đến tái cơ cấu ngành Công Thương, được UBND tỉnh phê duyệt trong danh mục
nhiệm vụ đặt hàng, tập trung vào chế biến sâu nông sản và tiết kiệm năng lượng.

[VI5b]
Đang thực hiện

Sở Khoa học và Công nghệ đang hỗ trợ xây dựng, quản lý và phát triển nhãn hiệu chứng nhận cho
{i:2-4} sản phẩm đặc trưng của tỉnh; hướng dẫn {i:20-40} tổ chức, cá nhân đăng ký bảo hộ nhãn
hiệu cho sản phẩm OCOP.

[VI6a]
Đang thực hiện

Sở Tài nguyên và Môi trường đã thẩm định hồ sơ môi trường, tham mưu giao đất, cho thuê đất cho
{i:3-7} dự án hạ tầng khu, cụm công nghiệp; tăng cường kiểm tra việc vận hành hệ thống xử lý
nước thải tập trung tại các khu công nghiệp và các cơ sở có lưu lượng xả thải lớn.

[VI6b]
Đã hoàn thành

Sở Tài nguyên và Môi trường đã lập dự toán kinh phí sự nghiệp môi trường năm {next_year} gửi Sở
Tài chính thẩm định, trong đó có kinh phí quan trắc môi trường tại các khu, cụm công nghiệp và
kiểm kê khí nhà kính.

[VI7a]
Đang thực hiện

Sở Nông nghiệp và Phát triển nông thôn đã phối hợp với Sở Công Thương hỗ trợ phát triển công
nghiệp chế biến thực phẩm, tập trung vào chế biến thủy sản, tinh bột mì và sản phẩm OCOP; kết nối
tiêu thụ nông sản qua {i:3-6} hội chợ và các sàn thương mại điện tử.

[VI8]
Đang thực hiện

Sở Ngoại vụ đã tham mưu UBND tỉnh các hoạt động hội nhập và hợp tác quốc tế; cung cấp thông tin
thị trường nước ngoài và giới thiệu {i:5-12} doanh nghiệp tham gia kết nối giao thương, mở rộng
thị trường xuất nhập khẩu.

[VI9]
Đang thực hiện

Ngân hàng Nhà nước Chi nhánh Quảng Ngãi chỉ đạo các tổ chức tín dụng thực hiện các giải pháp về
lãi suất, cơ cấu lại nợ và chương trình kết nối ngân hàng - doanh nghiệp; ưu tiên vốn tín dụng
cho sản xuất công nghiệp, xuất khẩu, công nghiệp hỗ trợ.

[VI10/SGDDT]
Đang thực hiện

Sở Giáo dục và Đào tạo đã đẩy mạnh giáo dục hướng nghiệp, phân luồng học sinh sau trung học cơ
sở và giáo dục STEM; phối hợp với Sở Lao động - Thương binh và Xã hội định hướng học sinh vào các
ngành, nghề công nghiệp mà doanh nghiệp có nhu cầu.

[VI10/SLDTBXH]
Đang thực hiện

Sở Lao động - Thương binh và Xã hội phối hợp với Sở Giáo dục và Đào tạo tổ chức tư vấn tuyển
sinh giáo dục nghề nghiệp; chỉ đạo các cơ sở giáo dục nghề nghiệp mở thêm {i:2-5} nghề đào tạo
phục vụ công nghiệp chế biến, chế tạo và năng lượng.

[VI11]
Đang thực hiện

Cục Quản lý thị trường đã xây dựng kế hoạch kiểm tra chuyên đề, tập trung vào hàng giả, hàng kém
chất lượng, gian lận thương mại trên nền tảng số; năm {year} xử lý {i:25-60} vụ vi phạm trong
kinh doanh trực tuyến, phối hợp gỡ bỏ các gian hàng vi phạm.

[VI13a/huyen]
Đang thực hiện

UBND {place} đã giao {phong} chủ trì triển khai các nội dung của Kế hoạch trên địa bàn, lồng
ghép vào kế hoạch phát triển kinh tế - xã hội năm {next_year}; bố trí {i:300-900} triệu đồng từ
ngân sách {cap} cho hoạt động khuyến công và xúc tiến thương mại.
---
Đã hoàn thành

UBND {place} đã ban hành kế hoạch triển khai Kế hoạch số 222/KH-UBND trên địa bàn {cap}, phân
công nhiệm vụ cụ thể cho các phòng, ban và UBND các {xa_ph}; cân đối kinh phí thực hiện trong dự
toán ngân sách năm {next_year}.

[VI13b/huyen]
Đang thực hiện

UBND {place} đang kêu gọi nhà đầu tư hạ tầng Cụm công nghiệp {ccn2} theo hình thức xã hội hóa;
đã tiếp và làm việc với {i:2-5} nhà đầu tư thứ cấp quan tâm đến Cụm công nghiệp {ccn}.
---
Chưa thực hiện

Chưa thu hút được nhà đầu tư hạ tầng Cụm công nghiệp {ccn2} do vị trí xa trục giao thông chính,
quỹ đất sạch còn ít; UBND {place} đang đề xuất tỉnh hỗ trợ đầu tư đường vào cụm để tăng sức hút.

[VI13c/huyen]
Đang thực hiện

UBND {place} đã thành lập Hội đồng bồi thường, hỗ trợ và tái định cư cho dự án mở rộng Cụm công
nghiệp {ccn}; đến nay đã kiểm đếm {d:60-95}% diện tích, chi trả cho {i:40-120} hộ dân, phần còn
lại vướng mắc về nguồn gốc đất đang được xem xét, giải quyết.

[*/lead]
Đang thực hiện

{agency} đã triển khai nhiệm vụ theo kế hoạch: xây dựng đề cương, thu thập số liệu và phối hợp
với các cơ quan liên quan; dự kiến hoàn thành và trình cấp có thẩm quyền đúng thời gian quy
định.

[*/coordinator]
Đang thực hiện

{agency} đã phối hợp với cơ quan chủ trì cung cấp thông tin, số liệu thuộc lĩnh vực quản lý và
góp ý dự thảo văn bản khi được đề nghị.
""")

# Tồn tại: first paragraph the shortcoming, second its cause.
_PROBLEMS = _bank("""
[SCT]
Tăng trưởng công nghiệp của tỉnh còn phụ thuộc lớn vào sản phẩm lọc hóa dầu; khi Nhà máy lọc
dầu Dung Quất bảo dưỡng tổng thể, chỉ số sản xuất công nghiệp toàn ngành biến động mạnh.

Cơ cấu ngành công nghiệp chưa đa dạng; các dự án công nghiệp quy mô lớn mới chưa đi vào hoạt
động ổn định.
---
Tiến độ đầu tư hạ tầng nhiều cụm công nghiệp còn chậm; một số cụm công nghiệp đã có doanh
nghiệp hoạt động nhưng chưa có hệ thống xử lý nước thải tập trung.

Ngân sách hỗ trợ còn hạn chế; chủ đầu tư hạ tầng năng lực tài chính yếu; vướng mắc trong bồi
thường, giải phóng mặt bằng.
---
Công nghiệp hỗ trợ phát triển chậm, tỷ lệ cung ứng linh kiện, phụ tùng của doanh nghiệp địa
phương cho doanh nghiệp FDI còn thấp.

Doanh nghiệp địa phương chủ yếu nhỏ và vừa, thiếu vốn, công nghệ, chưa đáp ứng tiêu chuẩn chất
lượng của doanh nghiệp đầu chuỗi.
---
Kinh phí khuyến công chưa đáp ứng nhu cầu của cơ sở công nghiệp nông thôn; nhiều đề án đăng ký
chưa được hỗ trợ.

Nguồn kinh phí khuyến công địa phương hằng năm còn thấp so với số đề án đăng ký.

[SKHDT]
Giải ngân vốn đầu tư công cho một số dự án hạ tầng khu, cụm công nghiệp chưa đạt kế hoạch.

Vướng mắc trong bồi thường, giải phóng mặt bằng, thủ tục điều chỉnh dự án; năng lực một số nhà
thầu còn hạn chế.
---
Thu hút đầu tư vào các cụm công nghiệp ở khu vực miền núi còn khó khăn.

Hạ tầng giao thông kết nối chưa đồng bộ, xa cảng biển, thiếu lao động có tay nghề.

[STC]
Nguồn kinh phí bố trí cho khuyến công, hỗ trợ hạ tầng cụm công nghiệp còn thấp so với nhu cầu.

Ngân sách tỉnh còn khó khăn, phải cân đối cho nhiều nhiệm vụ chi cấp bách khác.
---
Một số dự án hoàn thành chậm lập hồ sơ quyết toán, ảnh hưởng đến việc tất toán nguồn vốn.

Chủ đầu tư chưa quan tâm đúng mức đến công tác quyết toán; hồ sơ thanh toán thiếu chứng từ.

[BQLKKT]
Bồi thường, giải phóng mặt bằng, tái định cư trong Khu kinh tế Dung Quất còn chậm, ảnh hưởng
đến tiến độ bàn giao mặt bằng cho nhà đầu tư.

Nguồn gốc đất phức tạp; một số hộ dân chưa đồng thuận với đơn giá bồi thường; các khu tái định
cư chưa hoàn thiện hạ tầng.
---
Một số dự án trong Khu kinh tế và các khu công nghiệp chậm tiến độ so với cam kết.

Nhà đầu tư gặp khó khăn về tài chính và thị trường tiêu thụ; chi phí nguyên vật liệu tăng cao.
---
Một khu công nghiệp đang hoạt động chưa hoàn thành hệ thống xử lý nước thải tập trung.

Chủ đầu tư hạ tầng chậm bố trí vốn đầu tư mô-đun xử lý nước thải.

[SKHCN]
Số doanh nghiệp đầu tư đổi mới công nghệ, ứng dụng kết quả nghiên cứu vào sản xuất còn ít.

Chi phí đổi mới công nghệ cao; doanh nghiệp nhỏ thiếu thông tin về công nghệ và nguồn lực tài
chính.
---
Hoạt động nghiên cứu, phát triển trong doanh nghiệp công nghiệp chưa được chú trọng.

Doanh nghiệp chưa thành lập Quỹ phát triển khoa học và công nghệ; thiếu nhân lực nghiên cứu.

[STNMT]
Một số cơ sở sản xuất công nghiệp chưa hoàn thành thủ tục về môi trường theo quy định.

Cơ sở chưa nắm rõ quy định mới của Luật Bảo vệ môi trường năm 2020; chi phí lập hồ sơ cao.
---
Nguồn cung cát, đất san lấp cho các dự án trọng điểm có thời điểm chưa đáp ứng nhu cầu.

Thủ tục cấp phép khai thác mỏ kéo dài; trữ lượng các mỏ được cấp phép còn hạn chế.

[SNNPTNT]
Liên kết giữa doanh nghiệp chế biến và người sản xuất nguyên liệu chưa bền vững.

Hợp đồng liên kết chưa chặt chẽ; giá nguyên liệu biến động, tình trạng phá vỡ hợp đồng còn xảy
ra.
---
Tỷ lệ nông sản được chế biến sâu còn thấp, chủ yếu là sơ chế.

Doanh nghiệp chế biến quy mô nhỏ, công nghệ chưa hiện đại.

[SGDDT]
Tỷ lệ học sinh sau trung học cơ sở vào học nghề chưa đạt mục tiêu đề ra.

Tâm lý chuộng bằng cấp của phụ huynh, học sinh; công tác tư vấn hướng nghiệp ở một số trường
còn hình thức.
---
Cơ sở vật chất phục vụ giáo dục STEM ở các trường vùng khó khăn còn thiếu.

Kinh phí đầu tư hạn chế.

[SLDTBXH]
Nguồn nhân lực có kỹ năng cao cho các ngành lọc hóa dầu, luyện kim, cơ khí chế tạo còn thiếu.

Chương trình đào tạo chưa theo kịp công nghệ của doanh nghiệp; liên kết giữa cơ sở đào tạo và
doanh nghiệp chưa chặt chẽ.
---
Tình trạng lao động nghỉ việc, chuyển đổi chỗ làm tại các khu công nghiệp còn cao.

Thu nhập của lao động phổ thông chưa hấp dẫn; thiếu nhà ở xã hội, thiết chế văn hóa cho công
nhân.

[CQLTT]
Vi phạm trong kinh doanh trên môi trường thương mại điện tử diễn biến phức tạp, khó phát hiện.

Đối tượng thường xuyên thay đổi tài khoản, địa chỉ giao hàng; lực lượng chuyên trách còn mỏng.
---
Trang thiết bị phục vụ kiểm tra nhanh chất lượng hàng hóa còn thiếu.

Kinh phí đầu tư trang thiết bị hạn chế.

[CTK]
Một số chỉ tiêu năm {year} mới là số ước tính, chưa phải số liệu chính thức.

Thời điểm báo cáo sớm hơn thời điểm công bố số liệu chính thức của Tổng cục Thống kê.
---
Chưa có số liệu thống kê chính thức về doanh số thương mại điện tử, năng suất lao động theo
ngành cấp tỉnh.

Các chỉ tiêu này chưa thuộc hệ thống chỉ tiêu thống kê cấp tỉnh.

[SNGV]
Hoạt động xúc tiến đầu tư, thương mại với đối tác nước ngoài chưa có nhiều kết quả cụ thể.

Thiếu thông tin về dự án kêu gọi đầu tư được chuẩn bị kỹ; kinh phí đối ngoại hạn chế.

[NHNN]
Một số doanh nghiệp công nghiệp nhỏ và vừa khó tiếp cận vốn tín dụng.

Doanh nghiệp thiếu tài sản bảo đảm, phương án kinh doanh chưa khả thi, báo cáo tài chính chưa
minh bạch.

[huyen]
Cụm công nghiệp {ccn} chưa có hệ thống xử lý nước thải tập trung.

Ngân sách {cap} hạn hẹp; chưa thu hút được nhà đầu tư hạ tầng cụm công nghiệp.
---
Thu hút đầu tư vào các cụm công nghiệp trên địa bàn {place} còn hạn chế.

Hạ tầng kỹ thuật chưa hoàn chỉnh; quỹ đất sạch ít; vị trí xa trục giao thông chính.
---
Bộ máy quản lý nhà nước về công nghiệp ở cấp {cap} còn mỏng, cán bộ phải kiêm nhiệm nhiều việc.

Biên chế hạn chế; chưa có cán bộ chuyên trách theo dõi lĩnh vực công nghiệp.
---
Bồi thường, giải phóng mặt bằng mở rộng Cụm công nghiệp {ccn2} còn chậm.

Một số hộ dân chưa đồng thuận với phương án bồi thường; khu tái định cư chưa hoàn thành.

[so]
Việc phối hợp, chia sẻ thông tin giữa các cơ quan trong triển khai kế hoạch có lúc chưa kịp
thời.

Chưa có cơ sở dữ liệu dùng chung; đầu mối theo dõi ở một số cơ quan thay đổi.
---
Một số nhiệm vụ được giao chưa hoàn thành đúng tiến độ.

Khối lượng công việc lớn trong khi nhân lực có hạn.
""")

# Kiến nghị: first paragraph the addressee (a dropdown choice), second the proposal.
_PROPOSALS = _bank("""
[SCT]
Bộ Công Thương

Sớm ban hành văn bản hướng dẫn chi tiết về quản lý, phát triển cụm công nghiệp; hỗ trợ tỉnh
nguồn kinh phí khuyến công quốc gia cho các đề án điểm về công nghiệp hỗ trợ.
---
UBND tỉnh

Bố trí vốn ngân sách tỉnh giai đoạn {next_year}-2025 hỗ trợ xây dựng hệ thống xử lý nước thải
tập trung cho các cụm công nghiệp đã có tỷ lệ lấp đầy trên 50%.
---
Chính phủ

Xem xét ban hành cơ chế, chính sách đặc thù cho Khu kinh tế Dung Quất để thu hút các dự án công
nghiệp quy mô lớn, công nghệ cao.

[SKHDT]
UBND tỉnh

Chỉ đạo các chủ đầu tư, UBND các huyện, thị xã, thành phố tập trung tháo gỡ vướng mắc giải phóng
mặt bằng, đẩy nhanh giải ngân vốn đầu tư công cho các dự án hạ tầng công nghiệp.
---
Các Bộ, ngành Trung ương

Ưu tiên bố trí vốn ngân sách trung ương cho các dự án hạ tầng giao thông kết nối Khu kinh tế Dung
Quất với cao tốc Bắc - Nam và cảng biển.

[STC]
UBND tỉnh

Tăng mức bố trí kinh phí khuyến công địa phương trong dự toán ngân sách những năm tiếp theo, phù
hợp với khả năng cân đối ngân sách.

[BQLKKT]
Chính phủ

Sớm phê duyệt điều chỉnh Quy hoạch chung xây dựng Khu kinh tế Dung Quất để có cơ sở thu hút các
dự án mới.
---
UBND tỉnh

Chỉ đạo UBND huyện Bình Sơn và các đơn vị liên quan đẩy nhanh bồi thường, giải phóng mặt bằng và
hoàn thiện hạ tầng các khu tái định cư trong Khu kinh tế Dung Quất.
---
Bộ Công Thương

Hỗ trợ kết nối các doanh nghiệp công nghiệp hỗ trợ trong nước với các dự án lọc hóa dầu, luyện
thép tại Khu kinh tế Dung Quất.

[SKHCN]
UBND tỉnh

Tăng nguồn kinh phí hỗ trợ doanh nghiệp đổi mới công nghệ; khuyến khích doanh nghiệp thành lập
Quỹ phát triển khoa học và công nghệ.
---
Các Bộ, ngành Trung ương

Hỗ trợ tỉnh tham gia các chương trình quốc gia về nâng cao năng suất chất lượng và đổi mới công
nghệ.

[STNMT]
UBND tỉnh

Chỉ đạo các chủ đầu tư hạ tầng cụm công nghiệp hoàn thành hệ thống xử lý nước thải tập trung
trước khi tiếp nhận thêm dự án mới.
---
Các Bộ, ngành Trung ương

Sớm ban hành hướng dẫn kiểm kê khí nhà kính đối với cơ sở công nghiệp quy mô vừa và nhỏ.

[SNNPTNT]
UBND tỉnh

Có chính sách hỗ trợ doanh nghiệp đầu tư nhà máy chế biến sâu gắn với vùng nguyên liệu tập
trung.
---
Bộ Công Thương

Tăng cường cung cấp thông tin thị trường, cảnh báo rào cản kỹ thuật đối với nông sản xuất khẩu.

[SGDDT]
UBND tỉnh

Quan tâm bố trí kinh phí đầu tư thiết bị dạy học STEM và phòng thực hành cho các trường trung học.

[SLDTBXH]
UBND tỉnh

Chỉ đạo Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi phối hợp xây dựng cơ
chế đặt hàng đào tạo giữa doanh nghiệp và cơ sở giáo dục nghề nghiệp.
---
Các Bộ, ngành Trung ương

Hỗ trợ đầu tư nâng cấp trường cao đẳng trọng điểm của tỉnh đào tạo các nghề công nghiệp chất
lượng cao.

[CQLTT]
Bộ Công Thương

Hoàn thiện quy định về quản lý hoạt động thương mại điện tử, trách nhiệm của chủ sàn trong cung
cấp thông tin người bán.
---
UBND tỉnh

Bố trí kinh phí mua sắm thiết bị kiểm tra nhanh chất lượng hàng hóa cho lực lượng Quản lý thị
trường.

[CTK]
Sở Công Thương

Thống nhất với Cục Thống kê phương pháp ước tính các chỉ tiêu chưa có trong hệ thống chỉ tiêu
thống kê cấp tỉnh trước khi tổng hợp báo cáo.

[SNGV]
UBND tỉnh

Bố trí kinh phí xây dựng tài liệu xúc tiến đầu tư bằng tiếng nước ngoài, cập nhật danh mục dự án
kêu gọi đầu tư.

[NHNN]
UBND tỉnh

Chỉ đạo các sở, ngành phối hợp với ngân hàng thẩm định phương án kinh doanh, hỗ trợ doanh nghiệp
tiếp cận vốn qua Quỹ bảo lãnh tín dụng.
---
Các Bộ, ngành Trung ương

Tiếp tục có chính sách hỗ trợ lãi suất đối với các khoản vay đầu tư đổi mới công nghệ trong công
nghiệp chế biến, chế tạo.

[huyen]
UBND tỉnh

Hỗ trợ kinh phí đầu tư hệ thống xử lý nước thải và đường giao thông vào Cụm công nghiệp {ccn}.
---
Sở Công Thương

Hướng dẫn UBND {place} thủ tục mở rộng Cụm công nghiệp {ccn2} và lựa chọn chủ đầu tư xây dựng hạ
tầng.
---
UBND tỉnh

Ưu tiên bố trí vốn hỗ trợ bồi thường, giải phóng mặt bằng các cụm công nghiệp tại địa bàn có điều
kiện kinh tế - xã hội khó khăn.

[so]
Sở Công Thương

Sớm gửi đề cương và biểu mẫu báo cáo năm {next_year} để các cơ quan chủ động thu thập số liệu.
---
UBND tỉnh

Chỉ đạo xây dựng cơ sở dữ liệu dùng chung về công nghiệp, thương mại phục vụ theo dõi, đánh giá.
""")

# Kế hoạch năm sau: first paragraph the theme of the section-II heading, second the task.
_PLANS = _bank("""
[SCT]
tuyen_truyen

Tiếp tục tuyên truyền, phổ biến các chính sách phát triển công nghiệp, khuyến công, công nghiệp
hỗ trợ trên các phương tiện thông tin đại chúng và Cổng thông tin điện tử của Sở.
---
co_cau

Tham mưu UBND tỉnh triển khai phương án phát triển cụm công nghiệp trong Quy hoạch tỉnh; thẩm
định thành lập, mở rộng các cụm công nghiệp đủ điều kiện.
---
gia_tri

Triển khai Chương trình khuyến công năm {next_year}, ưu tiên đề án ứng dụng thiết bị tiên tiến,
sản xuất sạch hơn; tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu.
---
ha_tang

Tham mưu bố trí vốn hỗ trợ đầu tư hệ thống xử lý nước thải tập trung cho ít nhất {i:2-3} cụm công
nghiệp.
---
dau_tu

Duy trì đối thoại định kỳ với doanh nghiệp công nghiệp; rút ngắn thời gian giải quyết thủ tục
hành chính thuộc thẩm quyền của Sở.
---
tcc_cn

Trình UBND tỉnh ban hành Kế hoạch phát triển kinh tế số ngành Công Thương và Kế hoạch thực hiện
Chiến lược phát triển ngành thép.
---
tcc_nl

Kiểm tra việc thực hiện kiểm toán năng lượng tại các cơ sở sử dụng năng lượng trọng điểm; theo
dõi tiến độ các dự án nguồn điện trong Quy hoạch điện VIII.
---
tcc_xnk

Tổ chức hội nghị phổ biến quy tắc xuất xứ và cảnh báo phòng vệ thương mại; hỗ trợ doanh nghiệp
tham gia hội chợ xúc tiến xuất khẩu.
---
tcc_tt

Triển khai chương trình bình ổn thị trường, đưa hàng Việt về nông thôn, miền núi; hỗ trợ cơ sở
sản xuất tham gia sàn thương mại điện tử.
---
tcc_hn

Cập nhật thông tin về các hiệp định thương mại tự do cho doanh nghiệp; phối hợp xúc tiến thương
mại với các thị trường Nhật Bản, Hàn Quốc.

[SKHDT]
co_cau

Tham mưu tổ chức thực hiện Quy hoạch tỉnh, ưu tiên bố trí quỹ đất cho phát triển công nghiệp
tại khu vực ven biển phía Đông.
---
dau_tu

Tổ chức Hội nghị xúc tiến đầu tư năm {next_year}; cập nhật danh mục dự án công nghiệp kêu gọi đầu
tư.
---
von

Tham mưu giao kế hoạch vốn đầu tư công năm {next_year} cho các dự án hạ tầng khu, cụm công nghiệp
bảo đảm giải ngân trên 95%.
---
tcc_cn

Lồng ghép nhiệm vụ tái cơ cấu ngành Công Thương vào kế hoạch phát triển kinh tế - xã hội và kế
hoạch đầu tư công năm {next_year}.
---
tcc_cn

Hỗ trợ doanh nghiệp nhỏ và vừa ngành công nghiệp chế biến, chế tạo theo Nghị định số
80/2021/NĐ-CP.

[STC]
von

Tham mưu bố trí kinh phí khuyến công, xúc tiến thương mại trong dự toán ngân sách năm
{next_year}.
---
von

Đẩy nhanh thẩm tra, phê duyệt quyết toán dự án hoàn thành thuộc lĩnh vực hạ tầng công nghiệp.
---
tcc_cn

Thẩm tra, tham mưu bố trí kinh phí xây dựng các kế hoạch, chương trình thuộc Phụ lục II Kế hoạch
số 222/KH-UBND.
---
tcc_tt

Bố trí kinh phí thực hiện chương trình bình ổn thị trường và xúc tiến thương mại năm
{next_year}.

[BQLKKT]
co_cau

Hoàn thành điều chỉnh quy hoạch phân khu các khu chức năng trong Khu kinh tế Dung Quất.
---
gia_tri

Xúc tiến thu hút các dự án công nghệ cao, công nghiệp hỗ trợ vào Khu công nghiệp VSIP Quảng
Ngãi.
---
moi_truong

Đôn đốc chủ đầu tư hoàn thành hệ thống xử lý nước thải tập trung tại khu công nghiệp còn lại;
kiểm tra việc đấu nối nước thải của doanh nghiệp.
---
ha_tang

Phối hợp đẩy nhanh bồi thường, giải phóng mặt bằng; bàn giao mặt bằng cho các dự án trọng điểm.
---
dau_tu

Tiếp tục rút ngắn thời gian giải quyết thủ tục đầu tư; tổ chức các đoàn xúc tiến đầu tư tại
Nhật Bản, Hàn Quốc.
---
tcc_cn

Thí điểm chuyển đổi Khu công nghiệp VSIP Quảng Ngãi theo mô hình khu công nghiệp sinh thái.
---
tcc_nl

Phối hợp chuẩn bị quỹ đất, hạ tầng đấu nối cho các dự án điện khí tại Khu kinh tế Dung Quất.

[SKHCN]
khcn

Triển khai các nhiệm vụ khoa học và công nghệ phục vụ chế biến sâu nông sản và xử lý chất thải
công nghiệp.
---
khcn

Hỗ trợ {i:10-20} doanh nghiệp áp dụng hệ thống quản lý chất lượng và công cụ nâng cao năng suất.
---
tuyen_truyen

Duy trì chuyên mục Khoa học và Công nghệ; giới thiệu mô hình doanh nghiệp đổi mới công nghệ.
---
tcc_cn

Xây dựng, phát triển nhãn hiệu chứng nhận cho các sản phẩm đặc trưng của tỉnh.
---
tcc_cn

Đặt hàng nhiệm vụ khoa học và công nghệ về tiết kiệm năng lượng trong doanh nghiệp công nghiệp.

[STNMT]
moi_truong

Kiểm tra việc chấp hành pháp luật bảo vệ môi trường tại các khu, cụm công nghiệp và cơ sở có
lưu lượng xả thải lớn.
---
moi_truong

Tổ chức đấu giá quyền khai thác khoáng sản làm vật liệu xây dựng phục vụ các dự án trọng điểm.
---
tcc_cn

Tham mưu giao đất, cho thuê đất kịp thời cho các dự án hạ tầng khu, cụm công nghiệp.
---
tcc_nl

Hướng dẫn các cơ sở công nghiệp thuộc danh mục kiểm kê khí nhà kính thực hiện kiểm kê.

[SNNPTNT]
gia_tri

Phát triển vùng nguyên liệu tập trung gắn với nhà máy chế biến tinh bột mì, đường, gỗ.
---
gia_tri

Hỗ trợ các chủ thể OCOP nâng cấp sản phẩm, đầu tư thiết bị chế biến.
---
tcc_xnk

Hướng dẫn cấp mã số vùng trồng, cơ sở đóng gói phục vụ xuất khẩu nông sản.
---
tcc_tt

Kết nối tiêu thụ nông sản, sản phẩm OCOP qua hội chợ và sàn thương mại điện tử.

[SGDDT]
nhan_luc

Đẩy mạnh giáo dục hướng nghiệp, phân luồng học sinh sau trung học cơ sở.
---
nhan_luc

Mở rộng giáo dục STEM trong các trường trung học.
---
tcc_cn

Phối hợp với doanh nghiệp tổ chức hoạt động trải nghiệm nghề nghiệp cho học sinh.
---
tcc_cn

Lồng ghép nội dung kỹ năng số vào hoạt động giáo dục hướng nghiệp.

[SLDTBXH]
nhan_luc

Đào tạo nghề cho {i:14000-18000} người, ưu tiên các nghề phục vụ công nghiệp chế biến, chế tạo.
---
nhan_luc

Tổ chức các phiên giao dịch việc làm tại Khu kinh tế Dung Quất và các khu công nghiệp.
---
tcc_cn

Mở thêm nghề đào tạo phục vụ các ngành năng lượng, luyện kim, điện tử.
---
tcc_cn

Khảo sát nhu cầu tuyển dụng của doanh nghiệp trong khu, cụm công nghiệp.

[CQLTT]
tuyen_truyen

Tuyên truyền pháp luật về chống buôn lậu, gian lận thương mại, hàng giả đến cơ sở sản xuất.
---
tuyen_truyen

Hướng dẫn doanh nghiệp ghi nhãn hàng hóa và truy xuất nguồn gốc theo quy định.
---
tcc_tt

Kiểm tra chuyên đề hàng giả, hàng kém chất lượng trên môi trường thương mại điện tử.
---
tcc_tt

Kiểm soát thị trường xăng dầu, phân bón, thực phẩm dịp cuối năm và Tết Nguyên đán.

[CTK]
co_cau

Cung cấp kịp thời số liệu chính thức năm {year} và số ước tính năm {next_year} về công nghiệp.
---
co_cau

Thực hiện điều tra doanh nghiệp và điều tra công nghiệp hằng tháng theo phương án.
---
tcc_tt

Thực hiện điều tra thương mại, dịch vụ hằng tháng; nghiên cứu ước tính doanh số thương mại điện
tử.
---
tcc_cn

Cung cấp số liệu chỉ số sản xuất công nghiệp hằng tháng cho Sở Công Thương.

[SNGV]
tcc_hn

Tổ chức hội nghị xúc tiến đầu tư với doanh nghiệp Hàn Quốc, Nhật Bản.
---
tcc_xnk

Cung cấp thông tin thị trường nước ngoài cho doanh nghiệp xuất khẩu.
---
dau_tu

Phối hợp xúc tiến đầu tư với các tổ chức nước ngoài.
---
tuyen_truyen

Cập nhật thông tin đối ngoại và hội nhập trên Cổng thông tin của Sở.

[NHNN]
tcc_cn

Triển khai chương trình kết nối ngân hàng - doanh nghiệp, ưu tiên vốn cho sản xuất công nghiệp.
---
tcc_cn

Chỉ đạo các tổ chức tín dụng đơn giản hóa thủ tục cho vay đối với doanh nghiệp nhỏ và vừa.
---
von

Theo dõi tăng trưởng tín dụng đối với lĩnh vực công nghiệp - xây dựng.
---
dau_tu

Tổ chức hội nghị đối thoại giữa ngân hàng và doanh nghiệp.

[huyen]
tuyen_truyen

Tuyên truyền chính sách khuyến công, phát triển cụm công nghiệp trên hệ thống truyền thanh cơ
sở.
---
co_cau

Đề xuất mở rộng Cụm công nghiệp {ccn2} gắn với vùng nguyên liệu của địa phương.
---
ha_tang

Hoàn thiện đường vào và hệ thống thoát nước Cụm công nghiệp {ccn}.
---
ha_tang

Kêu gọi nhà đầu tư hạ tầng Cụm công nghiệp {ccn2}; hoàn thành bồi thường, giải phóng mặt bằng.
---
dau_tu

Duy trì đối thoại với doanh nghiệp, hộ kinh doanh; hỗ trợ thủ tục cho dự án vào cụm công nghiệp.
---
tcc_cn

Hỗ trợ cơ sở công nghiệp nông thôn tham gia chương trình khuyến công năm {next_year}.
---
tcc_cn

Vận động các cơ sở sản xuất gây ô nhiễm trong khu dân cư di dời vào Cụm công nghiệp {ccn}.
---
tcc_tt

Tổ chức phiên chợ hàng Việt; hỗ trợ hộ kinh doanh bán hàng trên sàn thương mại điện tử.
---
tcc_tt

Phối hợp kiểm tra, bình ổn thị trường dịp Tết Nguyên đán.

[*]
*

Tiếp tục triển khai các nhiệm vụ về {heading} theo chức năng, nhiệm vụ được giao; phối hợp với
Sở Công Thương theo dõi, đánh giá kết quả thực hiện.
""")

# Projects (Phụ lục 2, 3 Quyết định 998) and policy documents. Investors, numbers and
# progress are illustrative.
_ROW_BANKS: dict[str, dict[str, list[dict[str, object]]]] = {
    "du_an": {
        "BQLKKT": [
            {
                "ten": "Khu liên hợp sản xuất gang thép Hòa Phát Dung Quất 2",
                "chu_dau_tu": "Công ty Cổ phần Thép Hòa Phát Dung Quất",
                "dia_diem": "Khu kinh tế Dung Quất, huyện Bình Sơn",
                "von": 85000,
                "tinh_trang": "Đang triển khai",
                "tien_do": "Đã hoàn thành san lấp mặt bằng và phần lớn hạng mục móng; đang lắp "
                "đặt thiết bị lò cao số 1, dự kiến vận hành giai đoạn 1 trong năm {next_year}.",
            },
            {
                "ten": "Nâng cấp, mở rộng Nhà máy lọc dầu Dung Quất",
                "chu_dau_tu": "Công ty Cổ phần Lọc hóa dầu Bình Sơn",
                "dia_diem": "Khu kinh tế Dung Quất, huyện Bình Sơn",
                "von": 30500,
                "tinh_trang": "Chậm tiến độ",
                "tien_do": "Đang hoàn thiện báo cáo nghiên cứu khả thi điều chỉnh và lựa chọn "
                "nhà thầu EPC; tiến độ chậm so với kế hoạch ban đầu do thay đổi phương án "
                "tài chính.",
            },
            {
                "ten": "Hạ tầng kỹ thuật Khu công nghiệp VSIP Quảng Ngãi giai đoạn 2",
                "chu_dau_tu": "Công ty TNHH VSIP Quảng Ngãi",
                "dia_diem": "Khu công nghiệp VSIP Quảng Ngãi",
                "von": 1780.5,
                "tinh_trang": "Đang triển khai",
                "tien_do": "Đã hoàn thành san nền và giao thông nội bộ phân khu A; đang thi công "
                "hệ thống thoát nước, cấp nước.",
            },
            {
                "ten": "Nhà máy sản xuất sợi và vải kỹ thuật",
                "chu_dau_tu": "Công ty TNHH Dệt Thiên Ân Quảng Ngãi",
                "dia_diem": "Khu công nghiệp VSIP Quảng Ngãi",
                "von": 1250,
                "tinh_trang": "Đã hoàn thành",
                "tien_do": "Đi vào hoạt động từ tháng 8/{year}, tạo việc làm cho khoảng 900 lao "
                "động.",
            },
            {
                "ten": "Nhà máy chế tạo kết cấu thép và thiết bị siêu trường, siêu trọng",
                "chu_dau_tu": "Công ty TNHH Cơ khí nặng Dung Quất Xanh",
                "dia_diem": "Khu công nghiệp phía Đông Dung Quất",
                "von": 2350,
                "tinh_trang": "Chưa triển khai",
                "tien_do": "Đã được cấp giấy chứng nhận đăng ký đầu tư; đang hoàn thiện thủ tục "
                "thuê đất, dự kiến khởi công quý II/{next_year}.",
            },
        ],
        "SCT": [
            {
                "ten": "Trạm biến áp 110 kV Sơn Tịnh và nhánh rẽ",
                "chu_dau_tu": "Tổng công ty Điện lực miền Trung",
                "dia_diem": "Huyện Sơn Tịnh",
                "von": 145.6,
                "tinh_trang": "Đã hoàn thành",
                "tien_do": "Đã đóng điện vận hành tháng 10/{year}, nâng cao khả năng cấp điện cho "
                "Khu công nghiệp VSIP Quảng Ngãi và các cụm công nghiệp lân cận.",
            },
            {
                "ten": "Nhà máy thủy điện Sơn Tây 2",
                "chu_dau_tu": "Công ty Cổ phần Thủy điện Sơn Tây",
                "dia_diem": "Huyện Sơn Tây",
                "von": 1120,
                "tinh_trang": "Chậm tiến độ",
                "tien_do": "Vướng mắc giải phóng mặt bằng khu vực lòng hồ và thủ tục chuyển mục "
                "đích sử dụng rừng; đã hoàn thành khoảng 45% khối lượng.",
            },
            {
                "ten": "Hạ tầng kỹ thuật Cụm công nghiệp Đồng Dinh (mở rộng)",
                "chu_dau_tu": "Công ty Cổ phần Đầu tư hạ tầng Nghĩa Hành",
                "dia_diem": "Huyện Nghĩa Hành",
                "von": 186.4,
                "tinh_trang": "Đang triển khai",
                "tien_do": "Đã hoàn thành bồi thường 85% diện tích; đang thi công san nền và "
                "đường nội bộ.",
            },
        ],
        "huyen": [
            {
                "ten": "Đầu tư xây dựng hạ tầng kỹ thuật Cụm công nghiệp {ccn}",
                "chu_dau_tu": "Ban Quản lý dự án đầu tư xây dựng {place}",
                "dia_diem": "{xa}, {place}",
                "von": 96.5,
                "tinh_trang": "Đang triển khai",
                "tien_do": "Đã hoàn thành đường trục chính và hệ thống cấp điện; đang thi công hệ "
                "thống thoát nước, dự kiến hoàn thành trong năm {next_year}.",
            },
            {
                "ten": "Mở rộng Cụm công nghiệp {ccn2}",
                "chu_dau_tu": "Công ty Cổ phần Đầu tư hạ tầng {ccn2}",
                "dia_diem": "{xa2}, {place}",
                "von": 215,
                "tinh_trang": "Chưa triển khai",
                "tien_do": "Đang hoàn thiện hồ sơ lựa chọn chủ đầu tư và phương án bồi thường, "
                "giải phóng mặt bằng.",
            },
            {
                "ten": "Nhà máy chế biến gỗ xuất khẩu trong Cụm công nghiệp {ccn}",
                "chu_dau_tu": "Công ty TNHH Lâm sản Miền Trung Xanh",
                "dia_diem": "Cụm công nghiệp {ccn}, {place}",
                "von": 68,
                "tinh_trang": "Đã hoàn thành",
                "tien_do": "Đi vào hoạt động từ quý III/{year}, sử dụng khoảng 250 lao động địa "
                "phương.",
            },
        ],
    },
    "chinh_sach": {
        "SCT": [
            {
                "so_ky_hieu": "45/2023/QĐ-UBND",
                "ngay": _D(2023, 9, 22),
                "co_quan": "UBND tỉnh",
                "trich_yeu": "Ban hành Quy chế phối hợp quản lý cụm công nghiệp trên địa bàn tỉnh "
                "Quảng Ngãi",
                "tinh_trang": "Đã ban hành",
            },
            {
                "so_ky_hieu": "1862/QĐ-UBND",
                "ngay": _D(2023, 11, 28),
                "co_quan": "UBND tỉnh",
                "trich_yeu": "Phê duyệt Kế hoạch khuyến công địa phương năm {next_year}",
                "tinh_trang": "Đã ban hành",
            },
            {
                "so_ky_hieu": "",
                "ngay": None,
                "co_quan": "Sở Công Thương",
                "trich_yeu": "Dự thảo Nghị quyết của HĐND tỉnh quy định chính sách hỗ trợ đầu tư "
                "hạ tầng kỹ thuật cụm công nghiệp giai đoạn {next_year}-2025",
                "tinh_trang": "Đang xây dựng",
            },
        ],
        "SKHDT": [
            {
                "so_ky_hieu": "2471/TTr-SKHĐT",
                "ngay": _D(2023, 12, 5),
                "co_quan": "Sở Kế hoạch và Đầu tư",
                "trich_yeu": "Trình ban hành Danh mục dự án kêu gọi đầu tư tỉnh Quảng Ngãi năm "
                "{next_year}",
                "tinh_trang": "Đã trình",
            },
        ],
        "STC": [
            {
                "so_ky_hieu": "",
                "ngay": None,
                "co_quan": "Sở Tài chính",
                "trich_yeu": "Dự thảo quy định nội dung, mức chi hỗ trợ từ ngân sách tỉnh cho "
                "hoạt động khuyến công",
                "tinh_trang": "Đang xây dựng",
            },
        ],
        "BQLKKT": [
            {
                "so_ky_hieu": "912/QĐ-UBND",
                "ngay": _D(2023, 7, 14),
                "co_quan": "UBND tỉnh",
                "trich_yeu": "Phê duyệt điều chỉnh cục bộ Quy hoạch phân khu xây dựng Khu công "
                "nghiệp phía Đông Dung Quất",
                "tinh_trang": "Đã ban hành",
            },
        ],
        "SKHCN": [
            {
                "so_ky_hieu": "22/2023/QĐ-UBND",
                "ngay": _D(2023, 6, 9),
                "co_quan": "UBND tỉnh",
                "trich_yeu": "Quy định chính sách hỗ trợ doanh nghiệp đổi mới công nghệ, nâng cao "
                "năng suất, chất lượng sản phẩm, hàng hóa",
                "tinh_trang": "Đã ban hành",
            },
        ],
        "STNMT": [
            {
                "so_ky_hieu": "5132/TTr-STNMT",
                "ngay": _D(2023, 11, 20),
                "co_quan": "Sở Tài nguyên và Môi trường",
                "trich_yeu": "Trình ban hành Kế hoạch quản lý chất lượng môi trường không khí "
                "tỉnh Quảng Ngãi giai đoạn {next_year}-2025",
                "tinh_trang": "Đã trình",
            },
        ],
        "huyen": [
            {
                "so_ky_hieu": "{i:120-480}/KH-UBND",
                "ngay": _D(2023, 3, 15),
                "co_quan": "UBND {place}",
                "trich_yeu": "Kế hoạch phát triển công nghiệp - tiểu thủ công nghiệp và làng nghề "
                "năm {year}",
                "tinh_trang": "Đã ban hành",
            },
            {
                "so_ky_hieu": "",
                "ngay": None,
                "co_quan": "UBND {place}",
                "trich_yeu": "Đề án mở rộng Cụm công nghiệp {ccn2} giai đoạn {next_year}-2030",
                "tinh_trang": "Đang xây dựng",
            },
        ],
    },
}
