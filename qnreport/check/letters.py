"""A reply letter turned into the agency's filled template, for the clerk to confirm.

:func:`import_letter` reads the letter (``read.letter``), types what it says into the
agency's blank template through the named-cell contract (``template.fill``), as every
workbook is filled, and adds a "Ghi chú" sheet listing what went where and what could not
be placed. The workbook is marked as converted (``_meta`` and document properties): the
clerk opens it, corrects it, and the round goes on as for any workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.workbook.workbook import Workbook

from ..config import contract
from ..config.limits import Limits
from ..config.outline import ListSection, Outline, Section
from ..config.rounds import RoundContext
from ..files import sha256_file
from ..findings import Catalogue, Finding
from ..read.letter import LetterReading, Placed, read_letter
from ..read.values import State, UnitKind, read_date, read_number
from ..template.fill import fill_workbook, fit_row_height, save_filled
from ..template.workbook import build_template, template_filename
from ..xlsx import print_landscape, wrapped_lines

NOTES_SHEET = "Ghi chú"
#: Extra ``_meta`` keys of a workbook converted from a letter.
META_SOURCE = "converted_from"
META_SOURCE_DIGEST = "converted_digest"
UNPLACED = "Chưa ghi vào biểu mẫu: cần chuyển vào đúng đề mục"


@dataclass(frozen=True)
class Placement:
    """One thing read from the letter (``where``) and the place of the template it went
    to (``target``), for the "Ghi chú" sheet and the clerk's findings."""

    text: str
    target: str
    where: str


@dataclass
class Imported:
    """The outcome of one import: the workbook written (None when the letter could not
    be read or its agency is unknown), what went where, and the findings."""

    reading: LetterReading
    agency: str = ""
    path: Path | None = None
    placements: list[Placement] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _start(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 3].rstrip() + " …"


class _Filling:
    """The named cells, list rows and notes a reading gives, before they are typed."""

    def __init__(
        self, ctx: RoundContext, agency: str, wb: Workbook, reading: LetterReading
    ) -> None:
        self.ctx = ctx
        self.reading = reading
        self.outline: Outline = ctx.outline
        self.agency = agency
        self.names = set(wb.defined_names)
        self.values: dict[str, object] = {}
        self.rows: dict[str, list[dict[str, object]]] = {}
        self.placements: list[Placement] = []
        self.unplaced: list[tuple[str, str, str]] = []  # text, where, heading

    def put(self, name: str, value: object, text: str, target: str, where: str) -> bool:
        if name not in self.names:
            return False
        self.values[name] = value
        self.placements.append(Placement(text, target, where))
        return True

    def identity(self, reading: LetterReading) -> None:
        ident = reading.identity
        info = contract.INFO_BY_KEY
        header = "phần đầu văn bản"
        if ident.letter_number:
            self.put(
                info["letter_number"].name,
                ident.letter_number,
                ident.letter_number,
                f"{contract.SHEET_INFO}: {info['letter_number'].label}",
                header,
            )
        if ident.date:
            self.put(
                info["letter_date"].name,
                dt.datetime.combine(ident.date, dt.time()),
                ident.date.strftime("%d/%m/%Y"),
                f"{contract.SHEET_INFO}: {info['letter_date'].label}",
                header,
            )
        for key, value in (("signer", ident.signer), ("signer_title", ident.signer_title)):
            if value:
                self.put(
                    info[key].name,
                    value,
                    value,
                    f"{contract.SHEET_INFO}: {info[key].label}",
                    "chữ ký",
                )
        if reading.no_task:
            self.put(
                info["no_task"].name,
                contract.YES,
                reading.no_task_reason,
                f"{contract.SHEET_INFO}: {info['no_task'].label}",
                reading.no_task_where,
            )

    def section(self, section: Section, placed: tuple[Placed, ...]) -> None:
        target = f"{contract.SHEET_TASKS}: {section.number} {section.title}"
        text = "\n".join(p.text for p in placed)
        where = ", ".join(dict.fromkeys(p.where for p in placed))
        if section.content == "text":
            if self.put(contract.section_name(section.name_key), text, text, target, where):
                return
        elif section.content == "tasks":
            placed = self.tasks(section, placed)
        self.unplaced.extend((p.text, p.where, f"{section.number} {section.title}") for p in placed)

    def tasks(self, section: Section, placed: tuple[Placed, ...]) -> tuple[Placed, ...]:
        """Each task's paragraphs into its result cell; what is left, unplaced."""
        done: set[str] = set()
        for code, texts in self.reading.tasks.items():
            task = next((t for t in self.outline.tasks if t.code == code), None)
            if task is None or task.section != section.id:
                continue
            text = "\n".join(p.text for p in texts if p.text)
            where = ", ".join(dict.fromkeys(p.where for p in texts if p.text))
            target = f"{contract.SHEET_TASKS}: {task.code} {_start(task.title)}"
            if self.put(contract.task_result_name(code), text, text, target, where):
                done.update(p.where for p in texts)
        return tuple(p for p in placed if p.where not in done)

    def indicators(
        self, reading: LetterReading, section: Section, placed: tuple[Placed, ...]
    ) -> None:
        read = {f.where for f in reading.figures.values()}
        for code, figure in reading.figures.items():
            indicator = next(i for i in self.outline.indicators if i.code == code)
            name = contract.indicator_name(code, "NAM_NAY")
            target = f"{contract.SHEET_INDICATORS}: {indicator.name} (năm {self.outline.year})"
            if not self.put(name, figure.value, figure.sentence, target, figure.where):
                read.discard(figure.where)
        heading = f"{section.number} {section.title}"
        self.unplaced.extend((p.text, p.where, heading) for p in placed if p.where not in read)

    def lists(self, reading: LetterReading) -> None:
        for key, items in reading.lists.items():
            listing = self.outline.list_section(key)
            for item in items:
                row = {k: _typed(listing, k, v) for k, v in item.values.items() if v}
                self.rows.setdefault(key, []).append(row)
                text = " - ".join(v for v in item.values.values() if v)
                self.placements.append(Placement(text, f"{listing.sheet}", item.where))


def _typed(listing: ListSection, key: str, text: str) -> object:
    """A number or date of a letter's table as a typed cell: the letter writes them the
    Vietnamese way ("85.000", "12/3/2023"), which a text cell would leave in doubt."""
    column = listing.column(key)
    reading = None
    if column.type == "number":
        unit: UnitKind = "amount" if column.kind == "amount" else "count"
        reading = read_number(text, kind="percent" if column.kind in ("share", "growth") else unit)
    elif column.type == "date":
        reading = read_date(text)
    # "85.000" is 85 000 in a Vietnamese letter: the doubt a cell would raise does not arise.
    sure = ("", "NUMBER_AMBIGUOUS")
    if reading is not None and reading.state is State.VALUE and reading.code in sure:
        return reading.value
    return text


def import_letter(
    path: Path,
    ctx: RoundContext,
    cat: Catalogue,
    out_dir: Path,
    *,
    agency: str | None = None,
    limits: Limits | None = None,
) -> Imported:
    """Read ``path`` and write the agency's template filled from it into ``out_dir``."""
    reading = read_letter(path, ctx, cat, limits)
    result = Imported(reading, findings=list(reading.findings))
    if not reading.readable:
        return result
    code = agency or reading.identity.agency
    if not code:
        return result
    result.findings = [f for f in result.findings if f.code != "LETTER_AGENCY_UNKNOWN"]
    result.agency = code
    wb = build_template(ctx, ctx.registry.get(code))
    filling = _Filling(ctx, code, wb, reading)
    filling.identity(reading)
    for section_id, placed in reading.sections.items():
        section = ctx.outline.section(section_id)
        if section.content == "indicators":
            filling.indicators(reading, section, placed)
        elif not section.list_key:
            filling.section(section, placed)
    filling.lists(reading)

    fill_workbook(wb, filling.values, filling.rows, outline=ctx.outline)
    unplaced = [*(Placed(t, w) for t, w, _ in filling.unplaced), *reading.notes]
    _notes_sheet(wb, reading, filling.placements, unplaced)
    _mark_converted(wb, path, reading)

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / template_filename(ctx.round.id, code)
    stamp = dt.datetime.combine(reading.identity.date or ctx.round.request_date, dt.time())
    result.path = save_filled(wb, target, stamp, author="qnreport import")
    result.placements = filling.placements
    result.findings.extend(
        cat.make(
            "LETTER_TEXT_UNPLACED",
            label=where,
            start=_start(text),
            where=where,
            heading=heading,
        )
        for text, where, heading in filling.unplaced
    )
    result.findings.extend(
        cat.make("LETTER_PLACED", start=_start(p.text), where=p.where, target=p.target)
        for p in filling.placements
    )
    result.findings.append(
        cat.make(
            "LETTER_IMPORTED",
            name=path.name,
            out=target.name,
            placed=len(filling.placements),
            notes=len(unplaced),
        )
    )
    return result


def _rows(
    reading: LetterReading, placements: list[Placement], unplaced: list[Placed]
) -> Iterator[tuple[str, str, str]]:
    if reading.no_task:
        yield (reading.no_task_reason, "Không được giao nhiệm vụ (lý do)", reading.no_task_where)
    for p in placements:
        yield (p.text, p.target, p.where)
    for n in unplaced:
        yield (n.text, UNPLACED, n.where)


def _notes_sheet(
    wb: Workbook, reading: LetterReading, placements: list[Placement], unplaced: list[Placed]
) -> None:
    """A visible sheet saying what was read from the letter and where it went; what could
    not be placed is listed for the clerk to move by hand."""
    ws = wb.create_sheet(NOTES_SHEET, index=wb.sheetnames.index(contract.SHEET_CHOICES))
    ident = reading.identity
    ws["A1"] = "GHI CHÚ: NỘI DUNG CHUYỂN TỪ CÔNG VĂN"
    ws["A1"].font = Font(bold=True, size=13)
    date = ident.date.strftime("%d/%m/%Y") if ident.date else "chưa ghi ngày"
    ws["A2"] = (
        f"Biểu mẫu được chuyển tự động từ công văn {reading.file} "
        f"(số {ident.letter_number or '?'}, ngày {date}). Hãy kiểm tra, sửa ở các trang "
        f'của biểu mẫu, chuyển các đoạn "{UNPLACED.split(":")[0]}" vào đúng đề mục, rồi '
        "đặt biểu mẫu vào thư mục đợt báo cáo."
    )
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A2:C2")
    ws.row_dimensions[2].height = 16 * wrapped_lines(str(ws["A2"].value), 150) + 4
    for letter, width in zip("ABC", (90, 45, 24), strict=True):
        ws.column_dimensions[letter].width = width
    for col, title in enumerate(
        ("Nội dung trong công văn", "Đã ghi vào", "Vị trí trong công văn"), 1
    ):
        cell = ws.cell(row=4, column=col, value=title)
        cell.font = Font(bold=True)
    for row, values in enumerate(_rows(reading, placements, unplaced), start=5):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            fit_row_height(cell)
    ws.freeze_panes = "A5"
    print_landscape(ws, header_rows=4)
    wb.active = wb.sheetnames.index(NOTES_SHEET)


def _mark_converted(wb: Workbook, source: Path, reading: LetterReading) -> None:
    """The workbook says it came from a letter: in ``_meta`` for tools, in the document
    properties for people (Tệp > Thông tin)."""
    meta = wb[contract.SHEET_META]
    row = meta.max_row + 1
    meta.cell(row=row, column=1, value=META_SOURCE)
    meta.cell(row=row, column=2, value=source.name)
    meta.cell(row=row + 1, column=1, value=META_SOURCE_DIGEST)
    meta.cell(row=row + 1, column=2, value=sha256_file(source))
    props = wb.properties
    props.title = f"Biểu mẫu chuyển từ công văn {reading.file}"
    props.subject = reading.identity.subject or None
    props.description = (
        f"Chuyển tự động từ công văn {reading.file} bằng qnreport import; cần kiểm tra lại."
    )
    props.keywords = "qnreport import; chuyển từ công văn"
