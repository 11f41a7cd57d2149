"""The consolidated report's content: from the consolidation to a :class:`document.Report`.

Wording comes from ``templates/text/`` (a clerk edits it without touching Python): Jinja2
templates for the sentences, ``nhan.toml`` for table headings, verdicts and short pieces;
header, signer and Nơi nhận from ``templates/reports/<round>.toml``.
Numbers and dates are formatted here, the Vietnamese way, once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from ..config.outline import Indicator, ListColumn, Section, Task
from ..config.registry import GROUPS, Registry
from ..errors import ConfigError
from ..files import read_toml
from ..vntext import (
    doc_number,
    format_number,
    format_percent,
    lower_first,
    short_date,
    upper_first,
    upper_vi,
)
from .consolidate import NOT_DUE, AgencyStatus, Consolidation, IndicatorResult, TaskState
from .document import (
    Appendix,
    Block,
    Column,
    Heading,
    Letterhead,
    Paragraph,
    RegionStart,
    Report,
    Row,
    Run,
    Signer,
    Table,
    para,
)
from .merge import MergeRules, attribution
from .synthesis import Point, Synthesis, is_listed, same_name, synthesise, unechoed


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
    #: The documents the report answers, cited in full ("Kế hoạch số 222/KH-UBND ngày
    #: 28/12/2023 của UBND tỉnh về …"), with their short names ("Kế hoạch 222").
    basis: tuple[tuple[str, str], ...] = ()
    #: The Sở's own request letter, cited in full; "" when the plan itself asks.
    request: str = ""
    #: The signer block is still the shipped sample: official builds are refused.
    signer_placeholder: bool = False

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
            basis=tuple(
                (str(b.get("cite", "")), str(b.get("short", "")))
                for b in data.get("basis", [])
                if isinstance(b, dict) and b.get("cite")
            ),
            request=str(data.get("request", "")),
            signer_placeholder=bool(signer.get("placeholder"))
            or not str(signer.get("name", "")).strip(),
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
        self.folder = folder
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


def _cell(value: Decimal | None, ind: Indicator, decimals: int) -> str:
    """A figure in a table: percent figures all with one decimal, an indicator's other
    figures with as many as its most precise one, so a column reads alike."""
    if value is None:
        return ""
    if ind.unit == "%":
        return format_percent(value, 1)
    return format_number(value, decimals)


def _decimals(*values: Decimal | None) -> int:
    places = [max(0, -int(v.normalize().as_tuple().exponent)) for v in values if v is not None]
    return min(max(places, default=0), 2)


_PER_YEAR = re.compile(r"\s*bình quân(?:/| )năm")


def task_facts(task: Task, registry: Registry, label: Labels) -> str:
    """What the plan says of a task besides its title: "chủ trì: Sở Công Thương; thời
    gian trình: 2024-2025; cấp thẩm quyền ban hành: UBND tỉnh" (the plan's own columns)."""
    lead = ", ".join(registry.get(code).name for code in task.lead[:3])
    if len(task.lead) > 3:
        lead = label("tasks.many_leads")
    facts = [label("tasks.lead", lead=lead)] if lead else []
    if task.period:
        facts.append(label("tasks.period", period=task.period))
    if task.authority:
        facts.append(label("tasks.authority", authority=task.authority))
    return "; ".join(facts)


def sentence_name(ind: Indicator) -> str:
    """An indicator as the subject of a sentence about one year: a single year's figure
    is no yearly average ("… bình quân/năm năm 2023" says the year twice), and "Trong
    đó:" belongs to the table."""
    name = _PER_YEAR.sub("", ind.name).removeprefix("Trong đó: ")
    name = upper_first(name)
    return f"{name}: {ind.measure}" if ind.measure else name


def _with_unit(value: Decimal, ind: Indicator) -> str:
    return format_percent(value) if ind.unit == "%" else f"{format_number(value)} {ind.unit}"


def change_text(result: IndicatorResult, year: int, labels: Labels) -> str:
    change = result.change
    if change is None:
        return ""
    if result.indicator.direction == "decrease" and result.previous is not None:
        # The figure is the size of a fall: "tăng 0,1 điểm" would read as a rise.
        previous = _num(result.previous, result.indicator)
        return labels("sentences.decrease_last_year", previous=previous, year=year - 1)
    if result.indicator.is_percent:
        if change == 0:
            return labels("sentences.same_as_year", year=year - 1)
        key = "sentences.points_up" if change > 0 else "sentences.points_down"
        return labels(key, points=format_number(abs(change)), year=year - 1)
    return labels("sentences.percent_of_year", percent=format_percent(change, 1), year=year - 1)


def _points(gap: Decimal, labels: Labels) -> str:
    # one decimal always, so "+1,0" and "-1,8" read alike down the column
    return labels("cells.points", points=("+" if gap > 0 else "") + format_number(gap, 1))


def versus_target(result: IndicatorResult, labels: Labels) -> str:
    """Additive figures as a percent of the target; rates as the distance to it in points
    (zero inside a range)."""
    t, actual = result.target, result.actual
    if result.progress is not None:
        return labels(
            "cells.progress", percent=format_percent(result.progress, 1), year=result.due_year
        )
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
        self.rules = MergeRules.load(texts.folder.parent / "merge.toml")
        self.synthesis = synthesise(cons, self.rules, config.issuing_agency_name)
        self.appendix_numbers = self._number_appendices()

    def _number_appendices(self) -> dict[str, str]:
        """The appendices this report has, numbered in order: the body cites them."""
        keys = ["indicators", "status", "next"]
        if self.outline.tasks:
            keys.append("tasks")
        listed = (
            rows for k, rows in self.cons.lists.items() if is_listed(self.outline.list_section(k))
        )
        if any(self.cons.sections.values()) or any(listed):
            keys.append("texts")
        keys += [k for k in ("du_an", "chinh_sach") if self.cons.lists.get(k)]
        return {key: _roman(n) for n, key in enumerate(keys, start=1)}

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
        body: list[Block] = [RegionStart("mo-dau", "Phần mở đầu"), self.intro()]
        for section in self.outline.children(None):
            body.extend(self.section(section))
        body.extend([RegionStart("ket-luan", "Phần kết luận"), para(self.closing())])
        return Report(letterhead, tuple(body), cfg.signer, cfg.distribution, self.appendices())

    def intro(self) -> Paragraph:
        """The documents cited as the administration cites them (type, number, date,
        issuer, subject); the count of replies received as of the report's date."""
        rnd = self.cons.ctx.round
        basis = [cite for cite, _ in self.cfg.basis] or [
            self.label(
                "sentences.request", number=rnd.request_number, date=short_date(rnd.request_date)
            )
        ]
        date = self.cfg.date
        return para(
            self.texts.render(
                "mo-dau.j2",
                basis=basis,
                request=self.cfg.request,
                received_count=len(self.cons.reported),
                as_of=short_date(date) if date else "",
                issuer=self.cfg.issuing_agency_name,
                subject_lower=lower_first(self.cfg.subject),
                status_appendix=self.appendix_numbers["status"],
            )
        )

    def closing(self) -> str:
        recipients = ", ".join(self.cfg.recipients) or self.label("sentences.recipients_default")
        return self.texts.render(
            "ket-luan.j2",
            subject_lower=lower_first(self.cfg.subject),
            issuer=self.cfg.issuing_agency_name,
            recipients_text=recipients,
        )

    def section(self, section: Section) -> list[Block]:
        title = upper_vi(section.title) if section.level == 1 else section.title
        blocks: list[Block] = [
            Heading(min(section.level, 4), section.number, title),
            RegionStart(section.id, f"{section.number} {section.title}"),
        ]
        content = section.content
        children = self.outline.children(section.id)
        plan = next((x for x in self.outline.lists if x.key == section.list_key), None)
        if plan is not None and any(c.type == "heading" for c in plan.columns):
            # next year's tasks by heading: the plan's figures are in their own appendix
            # with the appendix of the agencies' texts when the body shows the main tasks only
            cited = bool(self.list_lead(plan.key))
            blocks.append(
                para(
                    self.label(
                        "sentences.next_year_in_appendices"
                        if cited
                        else "sentences.next_year_in_appendix",
                        year=self.year + 1,
                        appendix=self.appendix_numbers["next"],
                        texts=self.appendix_numbers.get("texts", ""),
                    )
                )
            )
        if (
            section.level == 1
            and "texts" in self.appendix_numbers
            and any(c.content == "text" for c in children)
        ):
            blocks.append(
                para(
                    self.label(
                        "sentences.texts_in_appendix", appendix=self.appendix_numbers["texts"]
                    )
                )
            )
        if content == "indicators":
            blocks.extend(self.indicators(section))
        elif content == "text":
            blocks.extend(self.entries(section.id))
        elif content == "tasks":
            blocks.extend(self.tasks(section))
        elif section.list_key:
            blocks.extend(self.list_section(section.list_key, section))
        for child in children:
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
        """What the province did under one heading, in the Sở's voice: the agencies'
        points merged, each once, attributed in parentheses (their own texts are in the
        appendix)."""
        points = [p for p in self.synthesis.sections.get(section_id, []) if p.in_body]
        if not points:
            return [self.empty()]
        return [para(self.point_sentence(p)) for p in points]

    def point_sentence(self, point: Point, bullet: str = "") -> str:
        details = ""
        if point.details:
            details = " " + self.label("lists.details", details="; ".join(point.details))
        text = upper_first(point.text)
        by = "" if point.named else f" ({point.attribution})"
        return f"{bullet}{text}{details}{by}."

    def indicators(self, section: Section) -> list[Block]:
        """A short assessment: how many indicators exceed, meet or miss their targets (or are
        not due yet), then a sentence for each one measured against a target; the full table
        is Phụ lục I, cited here."""
        results = [r for r in self.cons.indicators if r.indicator.section == section.id]
        if not results:
            return [self.empty()]
        # Counted as the plan counts its indicators: a "Trong đó" part is not one more.
        counted = [r for r in results if not r.indicator.is_part] or results
        count = {v: sum(1 for r in counted if r.verdict == v) for v in VERDICTS}
        parts = [
            self.label(key, count=count[verdict])
            for verdict, key in VERDICTS.items()
            if count[verdict]
        ]
        summary = self.label(
            "assessment.summary",
            total=len(counted),
            parts=", ".join(parts),
            appendix=self.appendix_numbers["indicators"],
        )
        # Each figure measured against a target is said in a sentence; the others counted.
        notable = [r for r in results if r.verdict in ("vượt", "đạt", "chưa đạt", "chưa đến hạn")]
        return [para(summary), *(para(self.indicator_sentence(r)) for r in notable)]

    @property
    def estimated(self) -> bool:
        """A report dated within the year it reports on gives that year's figures as
        estimates ("ước đạt"): the year is not over on the report's date."""
        as_of = self.cons.as_of
        return as_of is not None and as_of.year <= self.year

    def this_year_column(self) -> str:
        key = "columns.estimate_of" if self.estimated else "columns.actual_of"
        return self.label(key, year=self.year)

    def indicator_sentence(self, r: IndicatorResult) -> str:
        ind = r.indicator
        period = r.target_period
        progress = r.progress
        name, verb = sentence_name(ind), ind.verb
        if ind.direction == "decrease" and name.startswith("Giảm "):
            # "Giảm mức tiêu hao … đạt 1,1%" → "Mức tiêu hao … giảm 1,1%"
            name, verb = upper_first(name.removeprefix("Giảm ")), "giảm"
        if ind.is_part:  # "Trong đó, tỷ trọng công nghiệp chế biến, chế tạo …": the row above's
            name = self.label("sentences.part_of", name=lower_first(name))
        return self.texts.render(
            "chi-tieu.j2",
            name=name,
            due_year=r.due_year if r.not_due else None,
            progress=None if progress is None else format_percent(progress, 1),
            year=self.year,
            estimated=self.estimated,
            verb=verb,
            actual=None if r.actual is None else _num(r.actual, ind),
            previous=None if r.previous is None else _num(r.previous, ind),
            unit_text="" if ind.unit == "%" else f" {ind.unit}",
            verdict=r.verdict,
            # the plan's "Trên 40 % vào năm 2025" inside a sentence: "(trên 40% vào năm 2025)"
            target=lower_first(r.target.text) if r.target else "",
            target_period=self.label("sentences.target_period", period=period) if period else "",
            change_text=change_text(r, self.year, self.label),
            # the Sở's own figure needs no "(nguồn: Sở Công Thương)" in its own report
            source=""
            if same_name(r.source, self.cfg.issuing_agency_name)
            else r.source or self.label("sentences.no_source"),
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
                Column(self.this_year_column(), 16, "right"),
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
                Column(self.this_year_column(), 20, "right"),
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
                if compact and t is None and r.target is not None:
                    # only a target for a later period: shown with its period, not blank
                    t_text = label("cells.target_of", target=r.target.text, period=r.target_period)
                    targets.append(t_text)
                else:
                    targets.append(t.text if t else "")
            change = r.change
            change_cell = ""
            if change is not None:
                change_cell = (
                    _points(change, label) if ind.is_percent else format_percent(change, 1)
                )
            places = _decimals(r.previous, r.actual)
            actual = (
                _cell(r.actual, ind, places) if r.actual is not None else label("cells.no_data")
            )
            previous = _cell(r.previous, ind, places)
            lead = (str(number), ind.label, ind.unit, *targets, previous, actual)
            verdict = verdict_text(r, label)
            tail = (versus_target(r, label), verdict) if compact else (verdict, r.source)
            cells = (*lead, change_cell, *tail)
            rows.append(Row(cells))
        return Table(tuple(columns), tuple(rows), font_size=11 if compact else 12)

    def tasks(self, section: Section) -> list[Block]:
        """How far the assigned tasks have come, counted; each task with what its agencies
        reported is in the tasks appendix, cited here."""
        tasks = [t for t in self.outline.tasks if t.section == section.id]
        if not tasks:
            return [self.empty()]
        states = [self.task_state(t) for t in tasks]
        parts = [
            self.label("tasks.count", count=states.count(state), state=state.lower())
            for state in dict.fromkeys(states)
        ]
        return [
            para(
                self.label(
                    "tasks.summary",
                    total=len(tasks),
                    parts=", ".join(parts),
                    appendix=self.appendix_numbers["tasks"],
                )
            )
        ]

    def task_state(self, task: Task) -> str:
        """One state for a task from what its agencies reported, as of the report's year:
        done when every one says done, not started when every one says so ("not yet due"
        when its period has not come), under way otherwise."""
        state = self.cons.task_states.get(task.code)
        if state is not None:
            reported = {line.status for line in state.lines if line.status}
        else:
            reported = {res.status for _, res in self.cons.tasks.get(task.code, []) if res.status}
        if not reported:
            return (state.status if state else "") or self.label("tasks.not_reported")
        if len(reported) == 1:
            return next(iter(reported))
        return self.label("tasks.under_way")

    def tasks_appendix_blocks(self) -> list[Block]:
        """Every assigned task, by group: what the plan asks, who leads, and what each
        agency reported."""
        blocks: list[Block] = []
        for section in self.outline.sections:
            if section.content == "tasks":
                blocks.append(Heading(min(section.level, 4), section.number, section.title))
                blocks.extend(self.task_details(section))
        return blocks

    def task_details(self, section: Section) -> list[Block]:
        tasks = [t for t in self.outline.tasks if t.section == section.id]
        blocks: list[Block] = []
        registry = self.cons.ctx.registry
        for number, task in enumerate(tasks, start=1):
            state = self.cons.task_states.get(task.code)
            facts = task_facts(task, registry, self.label)
            # The plan's own numbering (1-14 of Phụ lục II, VI.1.a), never internal codes.
            if task.number.isdigit():
                label = self.label("tasks.number", number=task.number) + " "
            elif task.number:
                label = self.label("tasks.number_in_plan", number=task.number) + " "
            else:
                label = f"{_letter(number)}) "
            blocks.append(
                Paragraph(
                    (
                        Run(label),
                        Run(task.title, bold=False, italic=True),
                        Run(f" ({facts}):"),
                    )
                )
            )
            blocks.extend(self.task_results(state))
        return blocks or [self.empty()]

    def task_status(self, status: str, state: TaskState) -> str:
        if status == NOT_DUE:
            return self.label("tasks.not_due", period=state.task.period)
        return status

    def task_results(self, state: TaskState | None) -> list[Block]:
        """What each agency reported, its status first; a task whose period has not come
        is "Chưa đến hạn (theo lộ trình …)", not "not done"."""
        if state is None or not state.lines:
            if state is not None and state.not_due:
                return [para(self.task_status(NOT_DUE, state) + ".")]
            return [para(self.label("tasks.no_result"))]
        blocks: list[Block] = []
        for line in state.lines:
            status = self.task_status(line.status, state)
            lead_text = f"{status}. " if status else ""
            text = unechoed(line.result.text, line.agency)
            blocks.extend(self.agency_paragraphs(line.agency.name, text, lead_text))
        return blocks

    def list_section(self, key: str, section: Section) -> list[Block]:
        rows = self.cons.lists.get(key, [])
        spec = self.outline.list_section(key)
        if not rows:
            return [self.empty()]
        if spec.group_by:
            return self.grouped(key, section)
        if key in self.appendix_numbers:  # a table: counted here, listed in its appendix
            agencies = list(dict.fromkeys(a for a, _ in sorted(rows, key=lambda r: r[0].order)))
            return [
                para(
                    self.label(
                        {"du_an": "lists.du_an_summary", "chinh_sach": "lists.chinh_sach_summary"}[
                            key
                        ],
                        count=len(rows),
                        by=attribution(agencies, self.cons.ctx.registry, self.rules),
                        appendix=self.appendix_numbers[key],
                    )
                )
            ]
        if len(spec.columns) > 2:
            return [self.list_table(key)]
        points = self.synthesis.lists.get(key, {}).get("", [])
        shown = [para(self.point_sentence(p, "- ")) for p in points if p.in_body]
        return [*self.list_lead(key), *shown] or [self.empty()]

    def list_lead(self, key: str) -> list[Block]:
        """When the body leaves out some of an agency's own points of a list, a sentence
        saying where they are read in full."""
        groups = self.synthesis.lists.get(key, {}).values()
        if "texts" not in self.appendix_numbers or all(p.in_body for ps in groups for p in ps):
            return []
        return [para(self.label("lists.in_appendix", appendix=self.appendix_numbers["texts"]))]

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
        listed = self.cons.lists.get(key, [])
        # a column of figures keeps one number of decimals ("145,6" and "1.120,0")
        places = {
            c.key: _decimals(
                *(v for _, r in listed if isinstance(v := r.values.get(c.key), Decimal))
            )
            for c in spec.columns
        }
        for number, (agency, row) in enumerate(listed, start=1):
            cells = [str(number)]
            for c in spec.columns:
                value = row.values.get(c.key)
                if isinstance(value, Decimal):
                    cells.append(format_number(value, places[c.key]))
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
        order, titles = self.group_titles(column)
        merged = self.synthesis.lists.get(key, {})
        # next year's tasks: the section's own first sentence cites the appendices
        blocks: list[Block] = [] if column.type == "heading" else self.list_lead(key)
        counter = 0
        opened: set[str] = set()
        for value in order:
            points = [p for p in merged.get(value, []) if p.in_body]
            if not points:  # nothing, or only recommendations to the Sở itself
                continue
            counter += 1
            number = titles[value][0] or f"{counter}."
            if column.type == "heading":
                blocks.extend(self.parent_headings(value, column.parent, section, opened))
            level = (
                min(section.level + number.count("."), 4)
                if column.type == "heading"
                else section.level + 1
            )
            blocks.append(Heading(level, number, titles[value][1]))
            blocks.extend(para(self.point_sentence(p, "- ")) for p in points)
        return blocks or [self.empty()]

    def group_titles(self, column: ListColumn) -> tuple[list[str], dict[str, tuple[str, str]]]:
        """The groups of a grouped list in order, each with its number and title: the
        outline's headings ("4.1.", …) or the choices, as a sentence writes them ("Đối
        với các Bộ, ngành Trung ương"), unnumbered."""
        if column.type == "heading":
            sections = self.outline.text_sections
            return [s.id for s in sections], {s.id: (s.number, s.title) for s in sections}
        choices = list(column.choices)
        return choices, {
            c: ("", self.label("lists.addressee", choice=column.in_sentence.get(c, c)))
            for c in choices
        }

    def parent_headings(
        self, section_id: str, top: str, section: Section, opened: set[str]
    ) -> list[Heading]:
        """The headings above ``section_id`` not printed yet ("4." before "4.1."), so the
        numbering never jumps."""
        parents: list[Section] = []
        parent = self.outline.section(section_id).parent
        while parent and parent != top and parent not in opened:
            parents.insert(0, self.outline.section(parent))
            opened.add(parent)
            parent = self.outline.section(parent).parent
        return [
            Heading(min(section.level + s.number.count("."), 4), s.number, s.title) for s in parents
        ]

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
        extra = []
        if "tasks" in self.appendix_numbers:
            extra.append(
                Appendix(
                    self.appendix_numbers["tasks"],
                    self.label("appendices.tasks"),
                    ref,
                    tuple(self.tasks_appendix_blocks()),
                )
            )
        if "texts" in self.appendix_numbers:
            extra.append(self.texts_appendix(ref))
        for key in ("du_an", "chinh_sach"):
            if key in self.appendix_numbers:
                spec = self.outline.list_section(key)
                extra.append(
                    Appendix(
                        self.appendix_numbers[key],
                        upper_vi(spec.title),
                        ref,
                        (self.list_table(key),),
                        landscape=True,
                    )
                )
        return (indicators, status, next_year, *extra)

    def texts_appendix(self, ref: str) -> Appendix:
        """Each agency's own text under each heading, in the registry's order: the detail
        behind the merged body, for whoever wants to read an agency's reply in full."""
        blocks: list[Block] = []
        opened: set[str] = set()
        for section in self.outline.text_sections:
            entries = sorted(self.cons.sections.get(section.id, []), key=lambda e: e.agency.order)
            if not entries:
                continue
            # the headings above it first ("II. …" before "1.", "4." before "4.1."), once
            parents: list[Section] = []
            parent = section.parent
            while parent and parent not in opened:
                parents.insert(0, self.outline.section(parent))
                opened.add(parent)
                parent = self.outline.section(parent).parent
            blocks.extend(Heading(min(p.level, 4), p.number, p.title) for p in parents)
            blocks.append(Heading(min(section.level, 4), section.number, section.title))
            for entry in entries:
                # "- Sở X: Rà soát …", not "- Sở X: Sở X rà soát …"
                text = unechoed(entry.text, entry.agency)
                blocks.extend(self.agency_paragraphs(entry.agency.name, text))
        for section in self.outline.sections:
            if section.list_key and is_listed(self.outline.list_section(section.list_key)):
                blocks.extend(self.list_appendix(section))
        return Appendix(
            self.appendix_numbers["texts"],
            self.label("appendices.texts"),
            ref,
            tuple(blocks),
        )

    def list_appendix(self, section: Section) -> list[Block]:
        """A list's rows (problems and their causes, recommendations, next year's tasks)
        agency by agency, in the registry's order, under the list's heading and, for a
        grouped list, its group: all of them, where the body shows the main ones."""
        spec = self.outline.list_section(section.list_key or "")
        rows = sorted(self.cons.lists.get(spec.key, []), key=lambda r: r[0].order)
        if not rows:
            return []

        def line(values: dict[str, object]) -> str:
            causes = "; ".join(
                self.rules.mid_sentence(str(values[c]).strip().rstrip(" .;"))
                for c in spec.detail_keys
                if values.get(c)
            )
            extra = " " + self.label("lists.details", details=causes) if causes else ""
            return f"{str(values.get(spec.text_key) or '').strip().rstrip(' .;')}{extra}."

        groups: dict[str, list[tuple[Any, dict[str, object]]]] = {}
        for agency, row in rows:
            group = str(row.values.get(spec.group_by) or "") if spec.group_by else ""
            if group and same_name(group, self.cfg.issuing_agency_name):
                continue  # recommendations to the Sở itself: its own follow-up, not forwarded
            groups.setdefault(group, []).append((agency, row.values))
        column = spec.column(spec.group_by) if spec.group_by else None
        order, titles = self.group_titles(column) if column is not None else ([""], {})
        blocks: list[Block] = [Heading(min(section.level, 4), section.number, section.title)]
        opened: set[str] = set()
        for value in [*order, *sorted(set(groups) - set(order))]:
            members = groups.get(value, [])
            if not members:
                continue
            if column is not None and column.type == "heading":
                # the headings above a group first ("4." before "4.1."), as in the body
                for parent in self.parent_headings(value, column.parent, section, opened):
                    blocks.append(para(f"{parent.number} {parent.text}", italic=True))
            if value:
                number, title = titles.get(value, ("", value))
                blocks.append(para(f"{number} {title}".strip(), italic=True))
            by_agency: dict[str, tuple[Any, list[str]]] = {}
            for agency, values in members:
                by_agency.setdefault(agency.code, (agency, []))[1].append(line(values))
            for agency, lines in by_agency.values():
                blocks.extend(self.agency_paragraphs(agency.name, "\n".join(lines)))
        return blocks

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
                rows.append(
                    Row(
                        (
                            str(number),
                            s.agency.name,
                            upper_first(s.status),
                            letter,
                            "; ".join(self.status_notes(s)),
                        )
                    )
                )
        states = (
            ("đã gửi", "status.on_time"),
            ("gửi sau hạn", "status.late"),
            ("không được giao nhiệm vụ", "status.no_task"),
            ("chưa gửi", "status.missing"),
        )
        # "Đã gửi đúng hạn: 15; gửi sau hạn: 0; …": the sentence reads on after a ";"
        counts = "; ".join(
            f"{label(name) if n == 0 else lower_first(label(name))}: {self.cons.count(key)}"  # type: ignore[arg-type]
            for n, (key, name) in enumerate(states)
        )
        summary = para(label("status.total", count=len(self.cons.statuses), counts=counts))
        return Appendix(
            "II",
            label("appendices.status"),
            ref,
            (summary, Table(columns, tuple(rows), font_size=11)),
        )

    def status_notes(self, s: AgencyStatus) -> list[str]:
        """Plain administrative notes: why a reply is in the wrong form, that some figures
        are still asked for, which earlier letter it replaces; no file talk."""
        label = self.label
        sub = s.submission
        notes: list[str] = []
        if sub is not None and sub.no_task and sub.no_task_reason:
            notes.append(upper_first(sub.no_task_reason.strip().rstrip(".")))
        if s.wrong_form:
            notes.append(label("status.wrong_form"))
        if s.invalid:
            notes.append(label("status.invalid"))
        for old in s.replaced:
            date = short_date(old.date) if old.date else ""
            key = "status.replaces_dated" if date else "status.replaces"
            notes.append(label(key, number=old.number, date=date))
        return notes

    def next_year_table(self) -> Table:
        y = self.year
        label = self.label
        columns = (
            Column(label("columns.number"), 10, "center"),
            Column(label("columns.indicator"), 62),
            Column(label("columns.unit"), 18, "center"),
            Column(self.this_year_column(), 22, "right"),
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
                        ind.label,
                        ind.unit,
                        _num(r.actual, ind),
                        planned,
                        _short_source(r, label),
                    )
                )
            )
        return Table(columns, tuple(rows), font_size=11)


_MIN_WIDTH = {"date": 21.0, "number": 16.0}  # mm


# The verdicts counted in an indicators assessment, and their label keys.
VERDICTS = {
    "vượt": "assessment.exceeded",
    "đạt": "assessment.met",
    "chưa đạt": "assessment.missed",
    "chưa đến hạn": "assessment.not_due",
    "không có mục tiêu": "assessment.no_target",
    "chưa có số liệu": "assessment.no_data",
}


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _short_source(r: IndicatorResult, labels: Labels) -> str:
    if r.indicator.consolidate == "sum":
        return labels("cells.summed")
    return next((c.agency.short for c in r.contributions if c.agency.name == r.source), "")


def _letter(n: int) -> str:
    letters = "abcdđeghiklmnopqrstuvxy"
    return letters[(n - 1) % len(letters)] if n <= len(letters) else str(n)


def compose(cons: Consolidation, config: ReportConfig, text_folder: Path) -> Report:
    return Composer(cons, config, Texts(text_folder)).report()


def compose_with_sources(
    cons: Consolidation, config: ReportConfig, text_folder: Path
) -> tuple[Report, Synthesis]:
    """The report, and the merged points it states with their sources (for the summary)."""
    composer = Composer(cons, config, Texts(text_folder))
    return composer.report(), composer.synthesis


def override(
    config: ReportConfig, *, date: dt.date | None = None, number: str | None = None
) -> ReportConfig:
    """``--date`` and ``--number`` for one build, without editing the config file."""
    return replace(
        config,
        date=date if date is not None else config.date,
        number=number if number is not None else config.number,
    )
