"""The consolidated report's content: from the consolidation to a :class:`document.Report`.

Wording comes from Jinja2 templates in ``templates/text/`` (a clerk edits sentences
without touching Python); header, signer and Nơi nhận from ``templates/reports/<round>.toml``.
Numbers and dates are formatted here, the Vietnamese way, once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

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
    RegionStart,
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


class Texts:
    """The Jinja2 sentence templates, strict: a misspelt variable is an error, not a gap."""

    def __init__(self, folder: Path) -> None:
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


def change_text(result: IndicatorResult, year: int) -> str:
    change = result.change
    if change is None:
        return ""
    if result.indicator.is_percent:
        if change == 0:
            return f"bằng năm {year - 1}"
        word = "tăng" if change > 0 else "giảm"
        return f"{word} {format_number(abs(change))} điểm phần trăm so với năm {year - 1}"
    return f"bằng {format_percent(change, 1)} so với năm {year - 1}"


def versus_target(result: IndicatorResult) -> str:
    """Additive figures as a percent of the target; rates as the distance to it in points
    (zero inside a range)."""
    t, actual = result.target, result.actual
    if result.of_target is not None:
        return format_percent(result.of_target, 1)
    if t is None or actual is None or not result.indicator.is_percent:
        return ""
    if t.shape == "range" and t.low <= actual <= t.high:
        return "Trong khoảng"
    reference = t.high if t.shape == "range" and actual > t.high else t.low
    gap = actual - reference
    return ("+" if gap > 0 else "") + format_number(gap) + " điểm %"


def verdict_text(result: IndicatorResult) -> str:
    return {
        "vượt": "Vượt mục tiêu",
        "đạt": "Đạt mục tiêu",
        "chưa đạt": "Chưa đạt mục tiêu",
        "không có mục tiêu": "Không có mục tiêu",
        "chưa có số liệu": "Chưa có số liệu",
    }[result.verdict]


class Composer:
    def __init__(self, cons: Consolidation, config: ReportConfig, texts: Texts) -> None:
        self.c = cons
        self.o = cons.outline
        self.cfg = config
        self.t = texts
        self.year = self.o.year
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
        body: list[Block] = [RegionStart("mo-dau", "Phần mở đầu"), self.intro()]
        for section in self.o.children(None):
            body.extend(self.section(section))
        body.extend([RegionStart("ket-luan", "Phần kết luận"), para(self.closing())])
        return Report(letterhead, tuple(body), cfg.signer, cfg.distribution, self.appendices())

    def intro(self) -> Paragraph:
        rnd = self.c.ctx.round
        request = f"văn bản số {rnd.request_number} ngày {short_date(rnd.request_date)}"
        return para(
            self.t.render(
                "mo-dau.j2",
                request_text=request,
                used_count=len(self.c.used),
                as_of=short_date(self.cfg.date or rnd.deadline),
                issuer=self.cfg.issuing_agency_name,
                subject_lower=_lower_first(self.cfg.subject),
            )
        )

    def closing(self) -> str:
        recipients = ", ".join(self.cfg.recipients) or "cấp có thẩm quyền"
        return self.t.render(
            "ket-luan.j2",
            subject_lower=_lower_first(self.cfg.subject),
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
        if content == "indicators":
            blocks.extend(self.indicators(section))
        elif content == "text":
            blocks.extend(self.entries(section.id))
        elif content == "tasks":
            blocks.extend(self.tasks(section))
        elif section.list_key:
            blocks.extend(self.list_section(section.list_key, section))
        for child in self.o.children(section.id):
            blocks.extend(self.section(child))
        return blocks

    # ------------------------------------------------------------------ content
    def empty(self) -> Paragraph:
        return para(self.t.render("de-muc-trong.j2"))

    def agency_paragraphs(self, name: str, text: str, lead: str = "") -> list[Paragraph]:
        """ "- Sở X: first paragraph", then the agency's further paragraphs as they wrote them."""
        parts = [p.strip() for p in text.split("\n") if p.strip()]
        first = parts[0] if parts else ""
        runs = [Run("- "), Run(name, italic=True), Run(": " + lead + first)]
        return [Paragraph(tuple(runs)), *(para(p) for p in parts[1:])]

    def entries(self, section_id: str) -> list[Block]:
        found = self.c.sections.get(section_id, [])
        if not found:
            return [self.empty()]
        blocks: list[Block] = []
        for entry in found:
            blocks.extend(self.agency_paragraphs(entry.agency.name, entry.text))
        return blocks

    def indicators(self, section: Section) -> list[Block]:
        results = [r for r in self.c.indicators if r.indicator.section == section.id]
        if not results:
            return [self.empty()]
        blocks: list[Block] = [self.indicator_table(results, compact=True)]
        for r in results:
            blocks.append(para(self.indicator_sentence(r)))
        return blocks

    def indicator_sentence(self, r: IndicatorResult) -> str:
        ind = r.indicator
        period = (
            self.o.evaluate_target
            if self.o.evaluate_target in ind.targets
            else (next(iter(ind.targets), ""))
        )
        return self.t.render(
            "chi-tieu.j2",
            name=ind.name,
            year=self.year,
            actual=None if r.actual is None else _num(r.actual, ind),
            previous=None if r.previous is None else _num(r.previous, ind),
            unit_text="" if ind.unit == "%" else f" {ind.unit}",
            verdict=r.verdict,
            target=r.target.text if r.target else "",
            target_period=f"giai đoạn {period}" if period else "",
            change_text=change_text(r, self.year),
            source=r.source or "chưa có cơ quan báo cáo",
            next_target=None if r.next_target is None else _num(r.next_target, ind),
        )

    def indicator_table(self, results: list[IndicatorResult], *, compact: bool) -> Table:
        y = self.year
        target_cols = [self.o.evaluate_target] if compact else list(self.o.target_columns)
        if compact:
            columns = [
                Column("STT", 10, "center"),
                Column("Chỉ tiêu", 40),
                Column("Đơn vị tính", 14, "center"),
                Column("Mục tiêu", 20, "center"),
                Column(f"Thực hiện năm {y - 1}", 16, "right"),
                Column(f"Thực hiện năm {y}", 16, "right"),
                Column("So với cùng kỳ", 17, "right"),
                Column("So với kế hoạch", 16, "center"),
                Column("Đánh giá", 16, "center"),
            ]
        else:
            columns = [
                Column("STT", 12, "center"),
                Column("Chỉ tiêu", 68),
                Column("Đơn vị tính", 16, "center"),
                *(Column(f"Mục tiêu {p}", 24, "center") for p in target_cols),
                Column(f"Thực hiện năm {y - 1}", 20, "right"),
                Column(f"Thực hiện năm {y}", 20, "right"),
                Column("So với cùng kỳ", 20, "right"),
                Column("Đánh giá", 22, "center"),
                Column("Nguồn số liệu", 40),
            ]
        rows: list[Row] = []
        group = None
        for number, r in enumerate(results, start=1):
            ind = r.indicator
            if not compact and ind.section != group:
                group = ind.section
                s = self.o.section(group)
                rows.append(Row((f"{s.number} {s.title}",), bold=True, group=True))
            targets = []
            for p in target_cols:
                t = ind.targets.get(p)
                targets.append(t.text if t else "")
            change = r.change
            change_cell = ""
            if change is not None:
                change_cell = (
                    ("+" if change > 0 else "") + format_number(change) + " điểm %"
                    if ind.is_percent
                    else format_percent(change, 1)
                )
            actual = _num(r.actual, ind) if r.actual is not None else "Chưa có số liệu"
            lead = (str(number), ind.name, ind.unit, *targets, _num(r.previous, ind), actual)
            tail = (versus_target(r), verdict_text(r)) if compact else (verdict_text(r), r.source)
            cells = (*lead, change_cell, *tail)
            rows.append(Row(cells))
        return Table(tuple(columns), tuple(rows), font_size=11 if compact else 12)

    def tasks(self, section: Section) -> list[Block]:
        tasks = [t for t in self.o.tasks if t.section == section.id]
        blocks: list[Block] = []
        registry = self.c.ctx.registry
        for number, task in enumerate(tasks, start=1):
            lead = ", ".join(registry.get(code).name for code in task.lead[:3])
            if len(task.lead) > 3:
                lead = "UBND các huyện, thị xã, thành phố"
            facts = [f"chủ trì: {lead}"]
            if task.period:
                facts.append(f"thời gian trình: {task.period}")
            if task.authority:
                facts.append(f"cấp ban hành: {task.authority}")
            blocks.append(
                Paragraph(
                    (
                        Run(f"{_letter(number)}) "),
                        Run(task.title, bold=False, italic=True),
                        Run(f" ({'; '.join(facts)}):"),
                    )
                )
            )
            results = self.c.tasks.get(task.code, [])
            if not results:
                blocks.append(para("Chưa có báo cáo kết quả thực hiện."))
            for agency, res in results:
                lead_text = f"{res.status}. " if res.status else ""
                blocks.extend(self.agency_paragraphs(agency.name, res.text or "", lead_text))
        return blocks or [self.empty()]

    def list_section(self, key: str, section: Section) -> list[Block]:
        rows = self.c.lists.get(key, [])
        spec = self.o.list_section(key)
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
        spec = self.o.list_section(key)
        # The outline's widths are Excel's (characters): scaled to the page, except that a
        # date ("05/12/2023" at 11 pt) or a number keeps the room it needs on one line.
        room = 165 - 10 - 26
        fixed = {i: _MIN_WIDTH[c.type] for i, c in enumerate(spec.columns) if c.type in _MIN_WIDTH}
        free = sum(c.width for i, c in enumerate(spec.columns) if i not in fixed)
        scale = (room - sum(fixed.values())) / free if free else 0
        columns = [Column("STT", 10, "center")]
        for i, c in enumerate(spec.columns):
            align = (
                "right"
                if c.type == "number"
                else ("center" if c.type in ("date", "choice") else "left")
            )
            width = fixed.get(i, round(c.width * scale, 1))
            columns.append(Column(c.title, width, align))  # type: ignore[arg-type]
        columns.append(Column("Cơ quan báo cáo", 26))
        rows = []
        for number, (agency, row) in enumerate(self.c.lists.get(key, []), start=1):
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
        spec = self.o.list_section(key)
        column = spec.column(spec.group_by)
        text_column = next(c for c in spec.columns if c.key != spec.group_by)
        rows = self.c.lists.get(key, [])
        if column.type == "heading":
            order = [s.id for s in self.o.text_sections]
            title_of = {s.id: f"{s.title}" for s in self.o.text_sections}
            number_of = {s.id: s.number for s in self.o.text_sections}
        else:
            order = list(column.choices)
            title_of = {c: f"Đối với {c}" for c in order}
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
        return self.t.render(
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
            f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {y}",
            ref,
            (self.indicator_table(self.c.indicators, compact=False),)
            if self.c.indicators
            else (self.empty(),),
            landscape=True,
        )
        next_year = Appendix(
            "III",
            f"CHỈ TIÊU KẾ HOẠCH NĂM {y + 1}",
            ref,
            (self.next_year_table(),),
            landscape=False,
        )
        return (indicators, status, next_year)

    def status_appendix(self, ref: str) -> Appendix:
        columns = (
            Column("STT", 10, "center"),
            Column("Cơ quan, đơn vị", 62),
            Column("Tình trạng", 30, "center"),
            Column("Văn bản", 36, "center"),
            Column("Ghi chú", 27),
        )
        rows: list[Row] = []
        number = 0
        for group, title in GROUPS.items():
            members = [s for s in self.c.statuses if s.agency.group == group]
            if not members:
                continue
            rows.append(Row((title,), bold=True, group=True))
            for s in members:
                number += 1
                sub = s.submission
                letter = ""
                if sub is not None:
                    date = short_date(sub.letter_date) if sub.letter_date else ""
                    letter = f"Số {sub.letter_number}" + (f" ngày {date}" if date else "")
                notes = []
                if s.superseded:
                    notes.append(f"{len(s.superseded)} tệp cũ hơn không dùng")
                if s.refused:
                    notes.append(f"{len(s.refused)} tệp có lỗi")
                rows.append(
                    Row((str(number), s.agency.name, _capital(s.status), letter, "; ".join(notes)))
                )
        counts = "; ".join(
            f"{label}: {self.c.count(key)}"  # type: ignore[arg-type]
            for key, label in (
                ("đã gửi", "Đã gửi đúng hạn"),
                ("gửi sau hạn", "Gửi sau hạn"),
                ("không được giao nhiệm vụ", "Không được giao nhiệm vụ"),
                ("chưa gửi", "Chưa gửi"),
            )
        )
        summary = para(f"Tổng số {len(self.c.statuses)} cơ quan, đơn vị. {counts}.")
        return Appendix(
            "II",
            "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ",
            ref,
            (Table(columns, tuple(rows), font_size=11), summary),
        )

    def next_year_table(self) -> Table:
        y = self.year
        columns = (
            Column("STT", 10, "center"),
            Column("Chỉ tiêu", 62),
            Column("Đơn vị tính", 18, "center"),
            Column(f"Thực hiện năm {y}", 22, "right"),
            Column(f"Kế hoạch năm {y + 1}", 22, "right"),
            Column("Nguồn", 31),
        )
        rows = []
        for number, r in enumerate(self.c.indicators, start=1):
            ind = r.indicator
            planned = _num(r.next_target, ind) if r.next_target is not None else "Chưa có số liệu"
            rows.append(
                Row(
                    (
                        str(number),
                        ind.name,
                        ind.unit,
                        _num(r.actual, ind),
                        planned,
                        _short_source(r),
                    )
                )
            )
        return Table(columns, tuple(rows), font_size=11)


_MIN_WIDTH = {"date": 21.0, "number": 16.0}  # mm


def _short_source(r: IndicatorResult) -> str:
    if r.indicator.consolidate == "sum":
        return "Tổng hợp"
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
