"""Reading one filled workbook into a typed submission, and checking it cell by cell.

The file is opened safely (:mod:`..read.probe`), its named cells and tables looked up
(:mod:`..read.sheetbook`) and every value read tolerantly (:mod:`..read.values`); each
problem becomes a finding located by sheet and cell. Nothing here raises on bad data.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..config import contract
from ..config.limits import Limits
from ..config.outline import Indicator, ListColumn, ListSection
from ..config.project import Project
from ..config.rounds import RoundIndex
from ..files import sha256_file
from ..findings import Catalogue, Finding, Note
from ..read import legacy
from ..read.probe import open_workbook
from ..read.sheetbook import UNRESOLVED, Cell, Computed, Sheetbook, Unreadable
from ..read.submission import IndicatorValue, ListRow, Submission, TaskResult
from ..read.values import Reading, State, clean_text, read_date, read_number
from ..vntext import CONTROL_CHARS, format_number, format_percent, short_date
from .results import FileReport

YES_WORDS = {"có", "co", "x", "yes", "true", "1", "đúng", "không được giao nhiệm vụ"}
NO_WORDS = {"không", "khong", "no", "false", "0", "sai"}
# An address a mail server could take: one @, a dot in the domain, no spaces.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")


@dataclass(frozen=True)
class CheckRules:
    """What checking a file needs from the project: the finding catalogue, the limits on
    files, and the rounds a file may belong to (each loaded once)."""

    catalogue: Catalogue
    limits: Limits
    rounds: RoundIndex

    @classmethod
    def of(cls, project: Project) -> CheckRules:
        return cls(
            Catalogue.load(project.templates / "findings.toml"),
            Limits.load(project.templates / "limits.toml"),
            RoundIndex(project),
        )


class FileCheck:
    """The reading and the checks of one file, sharing where findings go."""

    def __init__(self, rules: CheckRules, report: FileReport, digest: str) -> None:
        self.rules = rules
        self.digest = digest
        self.cat = rules.catalogue
        self.report = report
        self.findings = report.findings

    def add(self, code: str, cell: Cell | None = None, label: str = "", **values: object) -> None:
        """``sheet_name`` (or a ``sheet`` message value) locates a finding that has no cell."""
        where = values.pop("sheet_name", values.get("sheet", ""))
        values.pop("sheet", None)  # the message's {sheet} is the located sheet
        self.findings.append(
            self.cat.make_from(
                (Note(code, values),),
                sheet=cell.sheet if cell else str(where),
                cell=cell.ref if cell else "",
                label=label,
            )
        )

    def run(self) -> None:
        book = open_workbook(self.report.path, self.cat, self.rules.limits)
        if isinstance(book, Finding):
            self.findings.append(book)
            return
        self.book: Sheetbook = book
        try:
            self.check()
            book.verify()
        except Unreadable as exc:  # a damaged sheet met half-way: the file's one finding
            self.findings[:] = [self.cat.make(exc.code, **exc.values)]
            self.report.submission = None

    def check(self) -> None:
        meta = self.book.meta(contract.SHEET_META)
        if meta is None:
            self.add("NOT_TEMPLATE")
            return
        for key in ("round", "outline_version", "agency"):
            if not meta.get(key):
                self.add("META_INVALID", key=key, sheet_name=contract.SHEET_META)
                return
        ctx = self.rules.rounds.get(meta["round"])
        if ctx is None:
            known = ", ".join(self.rules.rounds.known()) or "không có"
            self.add(
                "ROUND_UNKNOWN", round=meta["round"], known=known, sheet_name=contract.SHEET_META
            )
            return
        outline = ctx.outline
        if (
            meta["outline_version"] != outline.version
            or meta.get("outline", outline.id) != outline.id
        ):
            self.add(
                "OUTLINE_VERSION",
                outline=meta.get("outline", outline.id),
                found=meta["outline_version"],
                expected=f"{outline.id} {outline.version}",
                sheet_name=contract.SHEET_META,
            )
            return
        if meta.get("outline_digest") and meta["outline_digest"] != outline.digest:
            self.add("TEMPLATE_CHANGED", outline=outline.id, version=outline.version)
        agency = meta["agency"]
        if agency not in ctx.registry:
            self.add("AGENCY_UNKNOWN", agency=agency, sheet_name=contract.SHEET_META)
            return
        self.ctx = ctx
        self.outline = outline
        self.agency = agency
        self.missing_sheets: set[str] = set()
        self.report.submission = self.read_submission(meta)

    # ---------------------------------------------------------------- cells
    def named(self, name: str, label: str, home: str) -> Cell | None:
        """The cell of ``name``; ``home`` is the template sheet it lives on, named in the
        finding when Excel turned the name into #REF! because the sheet was deleted."""
        cell = self.book.named(name)
        if cell is None:
            target = self.book.destination(name)
            sheet = target[0] if target else None
            if sheet and sheet.startswith("#REF"):
                sheet = home
            if sheet and sheet not in self.book.sheet_names:
                if sheet not in self.missing_sheets:
                    self.missing_sheets.add(sheet)
                    self.add("SHEET_MISSING", sheet=sheet, sheet_name=sheet)
            elif not self.missing_sheets:
                self.add("NAME_MISSING", label=label, name=name)
        return cell

    def resolved(self, cell: Cell, label: str) -> Any:
        """The value to read: formulas resolved, or a finding and None."""
        if cell.value is UNRESOLVED:
            self.add("FORMULA_NO_VALUE", cell, label, formula=cell.formula)
            return None
        if isinstance(cell.value, Computed):
            self.add(
                "FORMULA_COMPUTED",
                cell,
                label,
                formula=cell.formula,
                value=format_number(cell.value.value),
            )
            return cell.value.value
        return cell.value

    def text(self, cell: Cell | None, label: str, vote: legacy.Encoding | None = None) -> str:
        if cell is None:
            return ""
        raw = self.resolved(cell, label)
        if raw is None:
            return ""
        if isinstance(raw, dt.datetime | dt.date):
            return short_date(raw if isinstance(raw, dt.date) else raw.date())
        if not isinstance(raw, str):
            return clean_text(format_number(raw) if isinstance(raw, int | float) else raw)
        parts = cell.runs or ((raw, cell.font),)
        converted: list[str] = []
        used: set[str] = set()
        for text, font in parts:
            guess = legacy.guess(text, font)
            if guess.encoding and guess.confident:
                converted.append(guess.converted)
                used.add(guess.encoding)
            elif vote and not guess.confident and _maybe_legacy(text):
                decoded = legacy.decode_tcvn3(text) if vote == "tcvn3" else legacy.decode_vni(text)
                converted.append(decoded)
                used.add(vote)
            elif guess.encoding:
                converted.append(text)
                self.add("LEGACY_UNSURE", cell, label, text=_clip(text))
            else:
                converted.append(text)
        result = clean_text("".join(converted))
        if CONTROL_CHARS.search(raw):
            self.add("TEXT_CONTROL_CHARS", cell, label, text=_clip(result))
        if used:
            names = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
            self.add(
                "LEGACY_CONVERTED",
                cell,
                label,
                encoding=", ".join(names[u] for u in sorted(used)),
                converted=_clip(result),
            )
        return result

    def number(self, cell: Cell | None, label: str, ind_kind: str) -> Decimal | None:
        if cell is None:
            return None
        raw = self.resolved(cell, label)
        if raw is None and cell.value is UNRESOLVED:
            return None
        if isinstance(raw, str):
            raw = self.text(replace(cell, value=raw, formula=""), label)
        unit_kind = "percent" if ind_kind in ("share", "growth") else ind_kind
        reading = read_number(raw, kind=unit_kind, percent_format="%" in cell.number_format)  # type: ignore[arg-type]
        value = self.reading_value(reading, cell, label)
        return value if isinstance(value, Decimal) else None

    def reading_value(self, reading: Reading, cell: Cell, label: str) -> Any:
        """The value a reading gives, worded into a finding when it says something."""
        if reading.notes:
            self.findings.append(
                self.cat.make_from(reading.notes, sheet=cell.sheet, cell=cell.ref, label=label)
            )
        return reading.value if reading.state is State.VALUE else None

    # ---------------------------------------------------------------- submission
    def read_submission(self, meta: dict[str, str]) -> Submission:
        info: dict[str, Any] = {}
        cells: dict[str, Cell | None] = {}
        for f in contract.INFO_FIELDS:
            if f.optional:
                cell = self.book.named(f.name)
            else:
                cell = self.named(f.name, f.label, contract.SHEET_INFO)
            cells[f.key] = cell
            if f.type == "date":
                if cell is not None:
                    value = self.resolved(cell, f.label)
                    if isinstance(value, str):
                        value = self.text(replace(cell, value=value, formula=""), f.label)
                    info[f.key] = self.reading_value(read_date(value), cell, f.label)
            elif f.key == "phone":
                info[f.key] = self.phone(cell, f.label)
            else:
                info[f.key] = self.text(cell, f.label)
        self.check_email(info.get("email", ""), cells.get("email"))
        no_task_cell = cells.get("no_task")
        typed = info.get("no_task", "")
        if typed and not _is_yes(typed) and _fold(typed) not in NO_WORDS:
            self.choice(
                typed, (contract.YES, contract.NO), no_task_cell, "Không được giao nhiệm vụ"
            )
        if cells["agency"] is not None and info["agency"] and info["agency"] != self.agency:
            self.add(
                "AGENCY_MISMATCH",
                cells["agency"],
                "Mã cơ quan",
                found=info["agency"],
                expected=self.agency,
            )
        for key in self.outline.rules.required:
            field_def = contract.INFO_BY_KEY.get(key)
            cell = cells.get(key)
            # A value that was typed but could not be read already has its own error.
            if field_def and cell is not None and not info.get(key) and not self.flagged(cell):
                self.add("REQUIRED_MISSING", cell, field_def.label)
        no_task = _is_yes(info.get("no_task", ""))
        indicators = self.read_indicators()
        sections = self.read_sections()
        tasks = self.read_tasks()
        lists = self.read_lists()
        path = self.report.path
        sub = Submission(
            file=self.report.display,
            digest=self.digest or sha256_file(path),
            round=self.ctx.round.id,
            outline=self.outline.id,
            outline_version=self.outline.version,
            agency=self.agency,
            letter_number=info.get("letter_number", ""),
            letter_date=info.get("letter_date"),
            signer=info.get("signer", ""),
            signer_title=info.get("signer_title", ""),
            contact=info.get("contact", ""),
            phone=info.get("phone", ""),
            email=info.get("email", ""),
            no_task=no_task,
            no_task_reason=info.get("no_task_reason", ""),
            indicators=indicators,
            sections=sections,
            tasks=tasks,
            lists=lists,
            modified=path.stat().st_mtime,
        )
        self.check_content(sub, cells)
        return sub

    def check_content(self, sub: Submission, cells: dict[str, Cell | None]) -> None:
        no_task_cell = cells.get("no_task")
        if sub.no_task and sub.has_content:
            self.add("NO_TASK_WITH_CONTENT", no_task_cell, "Không được giao nhiệm vụ")
        elif not sub.no_task and not sub.has_content and not self.missing_sheets:
            self.add("NOTHING_REPORTED", no_task_cell, "Không được giao nhiệm vụ")
        date = sub.letter_date
        if isinstance(date, dt.date):
            rnd = self.ctx.round
            if date > rnd.deadline:
                self.add(
                    "LATE",
                    cells.get("letter_date"),
                    "Ngày văn bản báo cáo",
                    date=short_date(date),
                    deadline=rnd.due_label,
                )
            if not (rnd.year <= date.year <= rnd.year + 1):
                self.add(
                    "DATE_OUT_OF_ROUND",
                    cells.get("letter_date"),
                    "Ngày văn bản báo cáo",
                    date=short_date(date),
                    year=rnd.year,
                    next_year=rnd.year + 1,
                )

    def read_indicators(self) -> dict[str, IndicatorValue]:
        result: dict[str, IndicatorValue] = {}
        year = self.outline.year
        for ind in self.outline.indicators_for(self.agency):
            labels = {
                "previous": f"{ind.label} - thực hiện năm {year - 1}",
                "actual": f"{ind.label} - thực hiện năm {year}",
                "next_target": f"{ind.label} - kế hoạch năm {year + 1}",
                "note": f"{ind.label} - ghi chú",
            }
            values: dict[str, Any] = {}
            cells: dict[str, Cell | None] = {}
            for suffix, key in contract.INDICATOR_INPUTS:
                cell = self.named(
                    contract.indicator_name(ind.code, suffix),
                    labels[key],
                    contract.SHEET_INDICATORS,
                )
                cells[key] = cell
                if key == "note":
                    values[key] = self.text(cell, labels[key])
                else:
                    value = self.number(cell, labels[key], ind.kind)
                    values[key] = self.in_range(value, ind, cell, labels[key])
            self.check_change(ind, values, cells.get("actual"), labels["actual"])
            self.check_carried(ind, values["previous"], cells.get("previous"), labels["previous"])
            actual_cell = cells.get("actual")
            if (
                values["actual"] is None
                and ind.responsible == self.agency
                and actual_cell is not None
                and not self.flagged(actual_cell)
            ):
                self.add(
                    "RESPONSIBLE_NO_DATA",
                    cells["actual"],
                    labels["actual"],
                    indicator=ind.label,
                    year=year,
                )
            result[ind.code] = IndicatorValue(
                code=ind.code,
                previous=values["previous"],
                actual=values["actual"],
                next_target=values["next_target"],
                note=values["note"],
                cell=f"{actual_cell.sheet}!{actual_cell.ref}" if actual_cell else "",
            )
        return result

    def flagged(self, cell: Cell) -> bool:
        return any(
            f.sheet == cell.sheet and f.cell == cell.ref and f.is_error for f in self.findings
        )

    def in_range(
        self, value: Decimal | None, ind: Indicator, cell: Cell | None, label: str
    ) -> Decimal | None:
        if value is None or cell is None:
            return value
        low, high = self.outline.rules.ranges[ind.kind]
        if not low <= value <= high:
            self.add(
                "VALUE_OUT_OF_RANGE",
                cell,
                label,
                value=format_number(value),
                low=format_number(low),
                high=format_number(high),
                unit=ind.unit,
            )
            return None
        return value

    def check_change(
        self, ind: Indicator, values: dict[str, Any], cell: Cell | None, label: str
    ) -> None:
        previous, actual = values.get("previous"), values.get("actual")
        if previous is None or actual is None or cell is None:
            return
        if ind.is_percent and previous * actual < 0:
            self.add(
                "SIGN_FLIP",
                cell,
                label,
                actual=format_number(actual),
                previous=format_number(previous),
            )
            return
        factor = self.outline.rules.change_factor
        a, p = abs(actual), abs(previous)
        if (p > 0 and a > p * factor) or (a > 0 and p > a * factor):
            self.add(
                "CHANGE_LARGE",
                cell,
                label,
                actual=format_number(actual),
                previous=format_number(previous),
                factor=format_number(factor),
            )

    def check_carried(
        self, ind: Indicator, previous: Decimal | None, cell: Cell | None, label: str
    ) -> None:
        """Last year's figure as the agency gives it against last year's consolidated one
        (``[nam_truoc]`` of the round): a difference is worth a look, not a refusal. Summed
        indicators are skipped: the total is not any one agency's part."""
        carried = self.ctx.round.carried.get(ind.code)
        if carried is None or previous is None or cell is None or ind.consolidate == "sum":
            return
        if previous != carried:
            self.add(
                "PREVIOUS_DIFFERS",
                cell,
                label,
                reported=_with_unit(previous, ind),
                consolidated=_with_unit(carried, ind),
                year=self.outline.year - 1,
            )

    def long_text(self, text: str, cell: Cell | None, label: str, limit: int | None = None) -> None:
        """TEXT_TOO_LONG past ``limit`` (default: the outline's limit for a result)."""
        limit = limit or self.outline.rules.text_max
        if len(text) > limit and cell is not None:
            self.add(
                "TEXT_TOO_LONG",
                cell,
                label,
                length=format_number(len(text)),
                limit=format_number(limit),
            )

    def read_sections(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for section in self.outline.text_sections:
            label = f"{section.number} {section.title}"
            cell = self.named(contract.section_name(section.name_key), label, contract.SHEET_TASKS)
            text = self.text(cell, _clip(label, 60))
            self.long_text(text, cell, _clip(label, 60))
            if text:
                result[section.id] = text
        return result

    def read_tasks(self) -> dict[str, TaskResult]:
        result: dict[str, TaskResult] = {}
        for task in self.outline.tasks_for(self.agency):
            label = _clip(f"Nhiệm vụ {task.code}: {task.title}", 60)
            status_cell = self.named(
                contract.task_status_name(task.code), label, contract.SHEET_TASKS
            )
            status = self.choice(
                self.text(status_cell, label), contract.TASK_STATUSES, status_cell, label
            )
            cell = self.named(contract.task_result_name(task.code), label, contract.SHEET_TASKS)
            text = self.text(cell, label)
            self.long_text(text, cell, label)
            if status or text:
                result[task.code] = TaskResult(task.code, status, text)
        return result

    def phone(self, cell: Cell | None, label: str) -> str:
        """A phone number as typed. One stored as a number lost its leading 0 (and would
        show as 2.553.822.123): it is read back as digits, the 0 restored, with a warning."""
        raw = cell.value if cell is not None else None
        if cell is None or isinstance(raw, bool) or not isinstance(raw, int | float):
            return self.text(cell, label)
        digits = format(Decimal(str(raw)).normalize(), "f") if math.isfinite(raw) else ""
        if digits.isdigit() and 8 <= len(digits) <= 10:
            digits = "0" + digits
        self.add("PHONE_AS_NUMBER", cell, label, phone=digits or "?")
        return digits

    def check_email(self, text: str, cell: Cell | None) -> None:
        """Each address of the contact must at least look like one (name@domain.vn)."""
        if not text or cell is None:
            return
        bad = [a for a in re.split(r"[;,\s]+", text) if a and not _EMAIL.fullmatch(a)]
        if bad:
            self.add("EMAIL_INVALID", cell, "Thư điện tử người liên hệ", email=_clip(text, 60))

    def choice(self, value: str, choices: Sequence[str], cell: Cell | None, label: str) -> str:
        if not value:
            return ""
        match = _match_choice(value, choices)
        if match is None and cell is not None:
            self.add(
                "CHOICE_INVALID", cell, label, value=_clip(value, 60), choices="; ".join(choices)
            )
            return ""
        return match or ""

    def read_lists(self) -> dict[str, list[ListRow]]:
        result: dict[str, list[ListRow]] = {}
        for section in self.outline.lists:
            rows = self.read_list(section)
            if rows:
                result[section.key] = rows
        return result

    def read_list(self, section: ListSection) -> list[ListRow]:
        located = self.book.table(section.sheet, section.table)
        if located is None:
            located = self.find_header(section)
            if located is None:
                if section.sheet not in self.book.sheet_names:
                    self.add("SHEET_MISSING", sheet=section.sheet, sheet_name=section.sheet)
                else:
                    self.add(
                        "TABLE_MISSING",
                        title=section.title,
                        sheet=section.sheet,
                        sheet_name=section.sheet,
                    )
                return []
        sheet, first_col, header_row, last_col, last_row = located
        headers = {
            _fold(str(c.value or "")): i
            for i, c in enumerate(
                next(self.book.rows(sheet, first_col, last_col, header_row, header_row))[1]
            )
        }
        positions: dict[str, int] = {}
        for column in section.columns:
            index = headers.get(_fold(column.title))
            if index is None:
                self.add(
                    "TABLE_COLUMN_MISSING",
                    title=section.title,
                    column=column.title,
                    sheet_name=sheet,
                )
            else:
                positions[column.key] = index
        if len(positions) < len(section.columns):
            return []
        # LibreOffice does not grow Excel tables: rows typed just below the table count too.
        stop = max(last_row, self.book.max_row(sheet))
        raw_rows = list(
            self.book.rows(sheet, first_col, last_col, header_row + 1, min(stop, header_row + 5000))
        )
        votes = {
            column.key: legacy.vote(
                [
                    str(cells[positions[column.key]].value)
                    for _, cells in raw_rows
                    if isinstance(cells[positions[column.key]].value, str)
                ]
            )
            for column in section.columns
            if column.type == "text"
        }
        rows: list[ListRow] = []
        for row_number, cells in raw_rows:
            if all(_blank(c.value) for c in cells):
                continue
            values: dict[str, Any] = {}
            for column in section.columns:
                cell = cells[positions[column.key]]
                values[column.key] = self.list_value(section, column, cell, votes.get(column.key))
            if all(v in (None, "") for v in values.values()):
                continue
            for column in section.columns:
                cell = cells[positions[column.key]]
                if (
                    column.required
                    and values.get(column.key) in (None, "")
                    and not self.flagged(cell)
                ):
                    self.add(
                        "LIST_REQUIRED",
                        cell,
                        column.title,
                        row=row_number,
                        title=section.title,
                        column=column.title,
                    )
            rows.append(ListRow(values, row_number))
        return rows

    def list_value(
        self, section: ListSection, column: ListColumn, cell: Cell, vote: legacy.Encoding | None
    ) -> Any:
        label = column.title
        if column.type == "number":
            return self.number(cell, label, column.kind)
        if column.type == "date":
            value = self.resolved(cell, label)
            if isinstance(value, str):
                value = self.text(replace(cell, value=value, formula=""), label)
            return self.reading_value(read_date(value), cell, label)
        text = self.text(cell, label, vote)
        if column.type == "choice":
            return self.choice(text, column.choices, cell, label)
        if column.type == "heading":
            return self.heading_choice(text, column, cell, label)
        if column.max:
            self.long_text(text, cell, label, column.max)
        return text

    def heading_choice(self, text: str, column: ListColumn, cell: Cell, label: str) -> str:
        """A heading picked from the dropdown, or typed as its number ("4.1") or title."""
        if not text:
            return ""
        candidates = [
            s
            for s in self.outline.text_sections
            if s.id == column.parent or s.id.startswith(column.parent + ".")
        ]
        folded = _fold(text)
        number = re.match(r"^\s*(\d+(?:\.\d+)*)\.?(?:\s|$)", text)
        for s in candidates:
            if folded in (_fold(f"{s.number} {s.title}"), _fold(s.title)):
                return s.id
            if number and s.number.rstrip(".") == number.group(1):
                return s.id
        self.add(
            "CHOICE_INVALID",
            cell,
            label,
            value=_clip(text, 60),
            choices="các đề mục của mục " + column.parent,
        )
        return ""

    def find_header(self, section: ListSection) -> tuple[str, int, int, int, int] | None:
        """A list whose Excel table was removed (converted to a range) but whose header row
        is still there."""
        if section.sheet not in self.book.sheet_names:
            return None
        titles = [_fold(c.title) for c in section.columns]
        for header, values in self.book.values(section.sheet, 1, 30, len(titles) + 5):
            found = [_fold(str(value or "")) for value in values]
            if titles[0] in found:
                start = found.index(titles[0])
                if found[start : start + len(titles)] == titles:
                    first = start + 1
                    return section.sheet, first, header, first + len(titles) - 1, header
        return None


def _with_unit(value: Decimal, ind: Indicator) -> str:
    """ "8,5%", "61 dự án": a figure as the message shows it."""
    if ind.unit == "%":
        return format_percent(value)
    return f"{format_number(value)} {ind.unit}".strip()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("*", " ")
    return " ".join(text.casefold().split())


def _match_choice(value: str, choices: Sequence[str]) -> str | None:
    folded = _fold(value)
    for choice in choices:
        if _fold(choice) == folded:
            return choice
    return None


def _is_yes(value: str) -> bool:
    return _fold(value) in YES_WORDS


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _maybe_legacy(text: str) -> bool:
    return any(ord(ch) > 127 for ch in text)


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
