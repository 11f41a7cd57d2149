"""Filled sample workbooks: the way a user fills a blank template, with illustrative content.

Used by ``scripts/make_samples.py`` only, to regenerate ``inputs/<round>/*.xlsx`` from the
real blank templates. Filling goes through ``qnreport.template.fill`` (the filler the test
fixtures and the benchmark use too): Excel defined names for single inputs, Excel tables
for lists, never row or column positions, so filling a sample also proves that the template
can be filled.

This module is code only. What the samples say lives in ``scripts/sample-data/`` (UTF-8):
``people.toml`` (signers, contacts, districts), ``figures.toml`` (headings' themes,
indicator figures and notes), ``scenarios.toml`` (each round's special cases), ``rows.toml``
(projects and policy documents) and the text banks ``*.txt`` (results, tasks, tồn tại,
kiến nghị, next year's plans; their format is in each file's header).

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
from qnreport.files import read_toml
from qnreport.template.fill import fill_workbook, save_filled
from qnreport.template.workbook import build_template, template_filename
from qnreport.vntext import format_number, lower_first

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


#: A district in texts: its name, two industrial clusters, two communes.
_District = tuple[str, tuple[str, str], tuple[str, str]]


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
    scenario = _SCENARIOS.get(o.id)
    rng = _rng(seed, scenario.seed_round if scenario and scenario.seed_round else r.id, agency)
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
    figures = _OWN_FIGURES.get(ind.code, {}).get(agency.code, figures)
    if figures is None:
        figures = _made_up(ind, agency, rng)
    previous, actual, target = figures
    known = _NOTES.get(ind.code, {})
    notes = known.get(agency.code) or known.get("*") or _GENERIC_NOTES
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
    heading = lower_first(heading)
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
        heading = lower_first(target.title)
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
            spec.notes.append(f"gửi muộn (hạn {ctx.round.due_label})")
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
    seed_round: str = ""  # the round id the draws are keyed by, when not the round's own


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
    line separates paragraphs, other lines are joined with spaces (so that the file's lines
    stay short), lines starting with ``#`` are comments."""
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
        if line.startswith("#"):
            continue
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


# ============================================================================ sample data
# The people, figures, scenarios and texts live in scripts/sample-data/ (UTF-8 files).

_DATA = Path(__file__).resolve().parent / "sample-data"


def _read_bank(name: str) -> dict[str, list[list[str]]]:
    return _bank((_DATA / f"{name}.txt").read_text(encoding="utf-8"))


def _people() -> tuple[dict[str, _Who], tuple[str, ...], dict[str, _District]]:
    data = read_toml(_DATA / "people.toml")
    styles = {
        code: _Who(w["symbol"], w["signer"], w["title"], w["contact"], tuple(w["numbers"]))
        for code, w in data["signers"].items()
    }
    districts = {
        code: (d["place"], tuple(d["clusters"]), tuple(d["communes"]))
        for code, d in data["districts"].items()
    }
    return styles, tuple(data["spare_names"]), districts


def _scenarios() -> tuple[dict[str, _Scenario], dict[str, list[dict[str, object]]]]:
    data = read_toml(_DATA / "scenarios.toml")
    mistake_rows = data.pop("mistake_rows")
    scenarios = {
        outline_id: _Scenario(
            entries=tuple(
                _Entry(e["agency"], e["issued"], e.get("special", "")) for e in s["entries"]
            ),
            conflicts=s["conflicts"],
            mistakes=_Mistakes(
                text_numbers=s["mistakes"]["text_numbers"],
                invalid=s["mistakes"]["invalid"],
                date_text=s["mistakes"]["date_text"],
                broken_name=tuple(s["mistakes"]["broken_name"]),
                empty_required=tuple(s["mistakes"]["empty_required"]),
            ),
            corrections={code: _Correction(**c) for code, c in s["corrections"].items()},
            seed_round=s.get("seed_round", ""),
        )
        for outline_id, s in data.items()
    }
    return scenarios, mistake_rows


_STYLES, _SPARE_NAMES, _DISTRICTS = _people()
_FIGURE_DATA = read_toml(_DATA / "figures.toml")
#: (outline id, section id) -> theme of the heading, the key of its texts and plans.
_TOPICS: dict[tuple[str, str], str] = {
    (outline_id, section): topic
    for outline_id, topics in _FIGURE_DATA["topics"].items()
    for section, topic in topics.items()
}
_FIGURES: dict[str, list[float]] = _FIGURE_DATA["province"]
_OWN_FIGURES: dict[str, dict[str, list[float]]] = _FIGURE_DATA["own"]
_NOTES: dict[str, dict[str, list[str]]] = _FIGURE_DATA["notes"]
_GENERIC_NOTES: list[str] = _NOTES.pop("generic")
_SCENARIOS, _MISTAKE_ROWS = _scenarios()
_ROW_BANKS: dict[str, dict[str, list[dict[str, object]]]] = read_toml(_DATA / "rows.toml")
_TEXTS = _read_bank("texts")  # results under section-II headings: [agency/topic]
_TASKS = _read_bank("tasks")  # task results: the first paragraph is the status
_PROBLEMS = _read_bank("problems")  # tồn tại: the shortcoming, then its cause
_PROPOSALS = _read_bank("proposals")  # kiến nghị: the addressee, then the proposal
_PLANS = _read_bank("plans")  # next year's tasks: the heading's theme, then the task
