"""The consolidated report's content: from the consolidation to a :class:`document.Report`.

Wording comes from ``templates/text/`` (a clerk edits it without touching Python): Jinja2
templates for the sentences, ``nhan.toml`` for table headings, verdicts and short pieces;
header, signer and Nơi nhận from ``templates/reports/<round>.toml``.
Numbers and dates are formatted here, the Vietnamese way, once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from ..config.outline import Indicator, Section
from ..config.registry import GROUPS
from ..errors import ConfigError
from ..files import read_toml
from ..vntext import doc_number, format_number, format_percent, short_date, upper_vi
from .consolidate import Consolidation, IndicatorResult
from .document import (
    Appendix,
    Block,
    Column,
    Heading,
    Letterhead,
    Paragraph,
    Report,
    Row,
    Run,
    Signer,
    Table,
    para,
)


@dataclass(frozen=True)
class ReportConfig:
    """What the clerk sets per round in ``templates/reports/<round>.toml``."""

    parent_agency: str
    issuing_agency: str
    issuing_agency_name: str
    symbol: str
    number: str
    place: str
    date: dt.date | None
    doc_type: str
    subject: str
    recipients: tuple[str, ...]
    distribution: tuple[str, ...]
    signer: Signer

    @classmethod
    def load(cls, path: Path) -> ReportConfig:
        data = read_toml(path)
        missing = [
            k
            for k in ("parent_agency", "issuing_agency", "symbol", "place", "subject", "signer")
            if k not in data
        ]
        if missing:
            raise ConfigError(f"Cấu hình báo cáo {path} thiếu: {', '.join(missing)}.")
        signer = data["signer"]
        date = data.get("date")
        if date is not None and not isinstance(date, dt.date):
            raise ConfigError(f"{path}: 'date' phải là ngày dạng 2024-01-05.")
        distribution = tuple(str(x).strip().rstrip(";.") for x in data.get("distribution", []))
        if not distribution or not distribution[-1].startswith("Lưu"):
            distribution = (*distribution, "Lưu: VT, QLCN")
        return cls(
            parent_agency=str(data["parent_agency"]),
            issuing_agency=str(data["issuing_agency"]),
            issuing_agency_name=str(data.get("issuing_agency_name", data["issuing_agency"])),
            symbol=str(data["symbol"]),
            number=str(data.get("number", "")),
            place=str(data["place"]),
            date=date,
            doc_type=str(data.get("doc_type", "BÁO CÁO")),
            subject=str(data["subject"]),
            recipients=tuple(str(x) for x in data.get("recipients", [])),
            distribution=distribution,
            signer=Signer(
                str(signer.get("authority", "")),
                str(signer.get("title", "")),
                str(signer.get("name", "")),
            ),
        )


LABELS_FILE = "nhan.toml"


class Labels:
    """Table headings, verdicts and short pieces of sentences from ``templates/text/nhan.toml``,
    looked up as ``"group.name"``; ``{placeholders}`` are filled with ``str.format``. Strict
    like the sentence templates: a missing label or placeholder is a configuration error."""

    def __init__(self, entries: dict[str, Any], path: Path) -> None:
        self._entries = entries
        self._path = path

    @classmethod
    def load(cls, folder: Path) -> Labels:
        path = folder / LABELS_FILE
        return cls(read_toml(path), path)

    def __call__(self, key: str, /, **values: object) -> str:
        group, _, name = key.partition(".")
        text = self._entries.get(group, {}).get(name)
        if not isinstance(text, str):
            raise ConfigError(f"{self._path}: thiếu nhãn '{name}' trong mục [{group}].")
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(f"{self._path}: nhãn '{key}' có chỗ điền sai ({exc}).") from None


class Texts:
    """The Jinja2 sentence templates, strict: a misspelt variable is an error, not a gap;
    and the labels beside them."""

    def __init__(self, folder: Path) -> None:
        self.labels = Labels.load(folder)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
        )

    def render(self, template: str, /, **values: object) -> str:
        try:
            text = self.env.get_template(template).render(**values)
        except jinja2.TemplateError as exc:
            raise ConfigError(f"Mẫu câu templates/text/{template} có lỗi: {exc}") from None
        return " ".join(text.split())


def _num(value: Decimal | None, ind: Indicator) -> str:
    if value is None:
        return ""
    return format_percent(value) if ind.unit == "%" else format_number(value)


def _with_unit(value: Decimal, ind: Indicator) -> str:
    return format_percent(value) if ind.unit == "%" else f"{format_number(value)} {ind.unit}"


def change_text(result: IndicatorResult, year: int, labels: Labels) -> str:
    change = result.change
    if change is None:
        return ""
    if result.indicator.is_percent:
        if change == 0:
            return labels("sentences.same_as_year", year=year - 1)
        key = "sentences.points_up" if change > 0 else "sentences.points_down"
        return labels(key, points=format_number(abs(change)), year=year - 1)
    return labels("sentences.percent_of_year", percent=format_percent(change, 1), year=year - 1)


def _points(gap: Decimal, labels: Labels) -> str:
    return labels("cells.points", points=("+" if gap > 0 else "") + format_number(gap))


def versus_target(result: IndicatorResult, labels: Labels) -> str:
    """Additive figures as a percent of the target; rates as the distance to it in points
    (zero inside a range)."""
    t, actual = result.target, result.actual
    if result.of_target is not None:
        return format_percent(result.of_target, 1)
    if t is None or actual is None or not result.indicator.is_percent:
        return ""
    if t.shape == "range" and t.low <= actual <= t.high:
        return labels("cells.in_range")
    reference = t.high if t.shape == "range" and actual > t.high else t.low
    return _points(actual - reference, labels)


def verdict_text(result: IndicatorResult, labels: Labels) -> str:
    return labels("verdicts." + result.verdict)


class Composer:
    """Builds the report's blocks from one consolidation, worded by the round's config and
    the text templates."""

    def __init__(self, cons: Consolidation, config: ReportConfig, texts: Texts) -> None:
        self.cons = cons
        self.outline = cons.outline
        self.cfg = config
        self.texts = texts
        self.label = texts.labels
        self.year = self.outline.year
        self.appendix_numbers = {"indicators": "I", "status": "II", "next": "III"}

    # ------------------------------------------------------------------ top
    def report(self) -> Report:
        cfg = self.cfg
        letterhead = Letterhead(
            parent_agency=cfg.parent_agency,
            issuing_agency=cfg.issuing_agency,
            number=cfg.number,
            symbol=cfg.symbol,
            place=cfg.place,
            date=cfg.date,
            doc_type=cfg.doc_type,
            subject=cfg.subject,
            recipients=cfg.recipients,
        )
        body: list[Block] = [self.intro()]
        for section in self.outline.children(None):
            body.extend(self.section(section))
        body.append(para(self.closing()))
        return Report(letterhead, tuple(body), cfg.signer, cfg.distribution, self.appendices())

    def intro(self) -> Paragraph:
        rnd = self.cons.ctx.round
        request = self.label(
            "sentences.request", number=rnd.request_number, date=short_date(rnd.request_date)
        )
        return para(
            self.texts.render(
                "mo-dau.j2",
                request_text=request,
                used_count=len(self.cons.used),
                as_of=short_date(self.cfg.date or rnd.deadline),
                issuer=self.cfg.issuing_agency_name,
                subject_lower=_lower_first(self.cfg.subject),
            )
        )

    def closing(self) -> str:
        recipients = ", ".join(self.cfg.recipients) or self.label("sentences.recipients_default")
        return self.texts.render(
            "ket-luan.j2",
            subject_lower=_lower_first(self.cfg.subject),
            issuer=self.cfg.issuing_agency_name,
            recipients_text=recipients,
        )

    def section(self, section: Section) -> list[Block]:
        title = upper_vi(section.title) if section.level == 1 else section.title
        blocks: list[Block] = [Heading(min(section.level, 4), section.number, title)]
        content = section.content
        if content == "indicators":
            blocks.extend(self.indicators(section))
        elif content == "text":
            blocks.extend(self.entries(section.id))
        elif content == "tasks":
            blocks.extend(self.tasks(section))
        elif section.list_key:
            blocks.extend(self.list_section(section.list_key, section))
        for child in self.outline.children(section.id):
            blocks.extend(self.section(child))
        return blocks

    # ------------------------------------------------------------------ content
    def empty(self) -> Paragraph:
        return para(self.texts.render("de-muc-trong.j2"))

    def agency_paragraphs(self, name: str, text: str, lead: str = "") -> list[Paragraph]:
        """ "- Sở X: first paragraph", then the agency's further paragraphs as they wrote them."""
        parts = [p.strip() for p in text.split("\n") if p.strip()]
        first = parts[0] if parts else ""
        runs = [Run("- "), Run(name, italic=True), Run(": " + lead + first)]
        return [Paragraph(tuple(runs)), *(para(p) for p in parts[1:])]

    def entries(self, section_id: str) -> list[Block]:
        found = self.cons.sections.get(section_id, [])
        if not found:
            return [self.empty()]
        blocks: list[Block] = []
        for entry in found:
            blocks.extend(self.agency_paragraphs(entry.agency.name, entry.text))
        return blocks

    def indicators(self, section: Section) -> list[Block]:
        results = [r for r in self.cons.indicators if r.indicator.section == section.id]
        if not results:
            return [self.empty()]
        blocks: list[Block] = [self.indicator_table(results, compact=True)]
        for r in results:
            blocks.append(para(self.indicator_sentence(r)))
        return blocks

    def indicator_sentence(self, r: IndicatorResult) -> str:
        ind = r.indicator
        period = (
            self.outline.evaluate_target
            if self.outline.evaluate_target in ind.targets
            else (next(iter(ind.targets), ""))
        )
        return self.texts.render(
            "chi-tieu.j2",
            name=ind.name,
            year=self.year,
            actual=None if r.actual is None else _num(r.actual, ind),
            previous=None if r.previous is None else _num(r.previous, ind),
            unit_text="" if ind.unit == "%" else f" {ind.unit}",
            verdict=r.verdict,
            target=r.target.text if r.target else "",
            target_period=self.label("sentences.target_period", period=period) if period else "",
            change_text=change_text(r, self.year, self.label),
            source=r.source or self.label("sentences.no_source"),
            next_target=None if r.next_target is None else _num(r.next_target, ind),
        )

    def indicator_table(self, results: list[IndicatorResult], *, compact: bool) -> Table:
        y = self.year
        target_cols = (
            [self.outline.evaluate_target] if compact else list(self.outline.target_columns)
        )
        label = self.label
        if compact:
            columns = [
                Column(label("columns.number"), 10, "center"),
                Column(label("columns.indicator"), 40),
                Column(label("columns.unit"), 14, "center"),
                Column(label("columns.target"), 20, "center"),
                Column(label("columns.actual_of", year=y - 1), 16, "right"),
                Column(label("columns.actual_of", year=y), 16, "right"),
                Column(label("columns.versus_last_year"), 17, "right"),
                Column(label("columns.versus_target"), 16, "center"),
                Column(label("columns.verdict"), 16, "center"),
            ]
        else:
            columns = [
                Column(label("columns.number"), 12, "center"),
                Column(label("columns.indicator"), 68),
                Column(label("columns.unit"), 16, "center"),
                *(Column(label("columns.target_of", period=p), 24, "center") for p in target_cols),
                Column(label("columns.actual_of", year=y - 1), 20, "right"),
                Column(label("columns.actual_of", year=y), 20, "right"),
                Column(label("columns.versus_last_year"), 20, "right"),
                Column(label("columns.verdict"), 22, "center"),
                Column(label("columns.data_source"), 40),
            ]
        rows: list[Row] = []
        group = None
        for number, r in enumerate(results, start=1):
            ind = r.indicator
            if not compact and ind.section != group:
                group = ind.section
                s = self.outline.section(group)
                rows.append(Row((f"{s.number} {s.title}",), bold=True, group=True))
            targets = []
            for p in target_cols:
                t = ind.targets.get(p)
                targets.append(t.text if t else "")
            change = r.change
            change_cell = ""
            if change is not None:
                change_cell = (
                    _points(change, label) if ind.is_percent else format_percent(change, 1)
                )
            actual = _num(r.actual, ind) if r.actual is not None else label("cells.no_data")
            lead = (str(number), ind.name, ind.unit, *targets, _num(r.previous, ind), actual)
            verdict = verdict_text(r, label)
            tail = (versus_target(r, label), verdict) if compact else (verdict, r.source)
            cells = (*lead, change_cell, *tail)
            rows.append(Row(cells))
        return Table(tuple(columns), tuple(rows), font_size=11 if compact else 12)

    def tasks(self, section: Section) -> list[Block]:
        tasks = [t for t in self.outline.tasks if t.section == section.id]
        blocks: list[Block] = []
        registry = self.cons.ctx.registry
        for number, task in enumerate(tasks, start=1):
            lead = ", ".join(registry.get(code).name for code in task.lead[:3])
            if len(task.lead) > 3:
                lead = self.label("tasks.many_leads")
            facts = [self.label("tasks.lead", lead=lead)]
            if task.period:
                facts.append(self.label("tasks.period", period=task.period))
            if task.authority:
                facts.append(self.label("tasks.authority", authority=task.authority))
            blocks.append(
                Paragraph(
                    (
                        Run(f"{_letter(number)}) "),
                        Run(task.title, bold=False, italic=True),
                        Run(f" ({'; '.join(facts)}):"),
                    )
                )
            )
            results = self.cons.tasks.get(task.code, [])
            if not results:
                blocks.append(para(self.label("tasks.no_result")))
            for agency, res in results:
                lead_text = f"{res.status}. " if res.status else ""
                blocks.extend(self.agency_paragraphs(agency.name, res.text or "", lead_text))
        return blocks or [self.empty()]

    def list_section(self, key: str, section: Section) -> list[Block]:
        rows = self.cons.lists.get(key, [])
        spec = self.outline.list_section(key)
        if not rows:
            return [self.empty()]
        if spec.group_by:
            return self.grouped(key, section)
        if key in ("du_an", "chinh_sach") or len(spec.columns) > 2:
            return [self.list_table(key)]
        blocks: list[Block] = []
        first, *rest = spec.columns
        for agency, row in rows:
            text = str(row.values.get(first.key) or "").rstrip(".")
            extra = "; ".join(
                f"{c.title.lower()}: {str(row.values[c.key]).rstrip('. ')}"
                for c in rest
                if row.values.get(c.key)
            )
            line = f"- {text}" + (f" ({extra})" if extra else "") + f" ({agency.short})."
            blocks.append(Paragraph((Run(line),)))
        return blocks

    def list_table(self, key: str) -> Table:
        spec = self.outline.list_section(key)
        # The outline's widths are Excel's (characters): scaled to the page, except that a
        # date ("05/12/2023" at 11 pt) or a number keeps the room it needs on one line.
        room = 165 - 10 - 26
        fixed = {i: _MIN_WIDTH[c.type] for i, c in enumerate(spec.columns) if c.type in _MIN_WIDTH}
        free = sum(c.width for i, c in enumerate(spec.columns) if i not in fixed)
        scale = (room - sum(fixed.values())) / free if free else 0
        columns = [Column(self.label("columns.number"), 10, "center")]
        for i, c in enumerate(spec.columns):
            align = (
                "right"
                if c.type == "number"
                else ("center" if c.type in ("date", "choice") else "left")
            )
            width = fixed.get(i, round(c.width * scale, 1))
            columns.append(Column(c.title, width, align))  # type: ignore[arg-type]
        columns.append(Column(self.label("columns.reported_by"), 26))
        rows = []
        for number, (agency, row) in enumerate(self.cons.lists.get(key, []), start=1):
            cells = [str(number)]
            for c in spec.columns:
                value = row.values.get(c.key)
                if isinstance(value, Decimal):
                    cells.append(format_number(value))
                elif isinstance(value, dt.date):
                    cells.append(short_date(value))
                else:
                    cells.append("" if value is None else str(value))
            cells.append(agency.short)
            rows.append(Row(tuple(cells)))
        return Table(tuple(columns), tuple(rows), font_size=11)

    def grouped(self, key: str, section: Section) -> list[Block]:
        """Kiến nghị by addressee, next year's tasks by heading: a numbered sub-heading per
        group, in the order of the choices (or of the outline's headings)."""
        spec = self.outline.list_section(key)
        column = spec.column(spec.group_by)
        text_column = next(c for c in spec.columns if c.key != spec.group_by)
        rows = self.cons.lists.get(key, [])
        if column.type == "heading":
            order = [s.id for s in self.outline.text_sections]
            title_of = {s.id: f"{s.title}" for s in self.outline.text_sections}
            number_of = {s.id: s.number for s in self.outline.text_sections}
        else:
            order = list(column.choices)
            title_of = {c: self.label("lists.addressee", choice=c) for c in order}
            number_of = {}
        blocks: list[Block] = []
        counter = 0
        for value in order:
            members = [(a, r) for a, r in rows if r.values.get(spec.group_by) == value]
            if not members:
                continue
            counter += 1
            number = number_of.get(value, f"{counter}.")
            level = (
                min(section.level + number.count("."), 4)
                if column.type == "heading"
                else section.level + 1
            )
            blocks.append(Heading(level, number, title_of[value]))
            for agency, row in members:
                blocks.extend(
                    self.agency_paragraphs(agency.name, str(row.values.get(text_column.key) or ""))
                )
        return blocks

    # ------------------------------------------------------------------ appendices
    def reference(self) -> str:
        date = self.cfg.date
        date_text = short_date(date) if date else "..."
        return self.texts.render(
            "phu-luc-tham-chieu.j2",
            number=doc_number(self.cfg.number),
            symbol=self.cfg.symbol,
            date_text=date_text,
            issuer=self.cfg.issuing_agency_name,
        )

    def appendices(self) -> tuple[Appendix, ...]:
        ref = self.reference()
        y = self.year
        status = self.status_appendix(ref)
        indicators = Appendix(
            "I",
            self.label("appendices.indicators", year=y),
            ref,
            (self.indicator_table(self.cons.indicators, compact=False),)
            if self.cons.indicators
            else (self.empty(),),
            landscape=True,
        )
        next_year = Appendix(
            "III",
            self.label("appendices.next_year", year=y + 1),
            ref,
            (self.next_year_table(),),
            landscape=False,
        )
        return (indicators, status, next_year)

    def status_appendix(self, ref: str) -> Appendix:
        label = self.label
        columns = (
            Column(label("columns.number"), 10, "center"),
            Column(label("columns.agency"), 62),
            Column(label("columns.status"), 30, "center"),
            Column(label("columns.letter"), 36, "center"),
            Column(label("columns.notes"), 27),
        )
        rows: list[Row] = []
        number = 0
        for group, title in GROUPS.items():
            members = [s for s in self.cons.statuses if s.agency.group == group]
            if not members:
                continue
            rows.append(Row((title,), bold=True, group=True))
            for s in members:
                number += 1
                sub = s.submission
                letter = ""
                if sub is not None:
                    letter = (
                        label(
                            "cells.letter_dated",
                            number=sub.letter_number,
                            date=short_date(sub.letter_date),
                        )
                        if sub.letter_date
                        else label("cells.letter", number=sub.letter_number)
                    )
                notes = []
                if s.superseded:
                    notes.append(label("status.superseded", count=len(s.superseded)))
                if s.refused:
                    notes.append(label("status.refused", count=len(s.refused)))
                rows.append(
                    Row((str(number), s.agency.name, _capital(s.status), letter, "; ".join(notes)))
                )
        counts = "; ".join(
            f"{label(name)}: {self.cons.count(key)}"  # type: ignore[arg-type]
            for key, name in (
                ("đã gửi", "status.on_time"),
                ("gửi sau hạn", "status.late"),
                ("không được giao nhiệm vụ", "status.no_task"),
                ("chưa gửi", "status.missing"),
            )
        )
        summary = para(label("status.total", count=len(self.cons.statuses), counts=counts))
        return Appendix(
            "II",
            label("appendices.status"),
            ref,
            (Table(columns, tuple(rows), font_size=11), summary),
        )

    def next_year_table(self) -> Table:
        y = self.year
        label = self.label
        columns = (
            Column(label("columns.number"), 10, "center"),
            Column(label("columns.indicator"), 62),
            Column(label("columns.unit"), 18, "center"),
            Column(label("columns.actual_of", year=y), 22, "right"),
            Column(label("columns.plan_of", year=y + 1), 22, "right"),
            Column(label("columns.source"), 31),
        )
        rows = []
        for number, r in enumerate(self.cons.indicators, start=1):
            ind = r.indicator
            planned = (
                _num(r.next_target, ind) if r.next_target is not None else label("cells.no_data")
            )
            rows.append(
                Row(
                    (
                        str(number),
                        ind.name,
                        ind.unit,
                        _num(r.actual, ind),
                        planned,
                        _short_source(r, label),
                    )
                )
            )
        return Table(columns, tuple(rows), font_size=11)


_MIN_WIDTH = {"date": 21.0, "number": 16.0}  # mm


def _short_source(r: IndicatorResult, labels: Labels) -> str:
    if r.indicator.consolidate == "sum":
        return labels("cells.summed")
    return next((c.agency.short for c in r.contributions if c.agency.name == r.source), "")


def _letter(n: int) -> str:
    letters = "abcdđeghiklmnopqrstuvxy"
    return letters[(n - 1) % len(letters)] if n <= len(letters) else str(n)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def compose(cons: Consolidation, config: ReportConfig, text_folder: Path) -> Report:
    return Composer(cons, config, Texts(text_folder)).report()


def override(
    config: ReportConfig, *, date: dt.date | None = None, number: str | None = None
) -> ReportConfig:
    """``--date`` and ``--number`` for one build, without editing the config file."""
    return replace(
        config,
        date=date if date is not None else config.date,
        number=number if number is not None else config.number,
    )
