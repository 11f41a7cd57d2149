"""Blank Excel templates that agencies fill in, made from the outline.

Each workbook holds only what its agency reports (its indicators, its tasks), with every
input named (see ``contract.py``), guarded by data validation, and unlocked under a sheet
protection without password. List sections are Excel tables on unprotected sheets so
that they grow when a row is added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__
from ..config import contract
from ..config.contract import INFO_FIELDS, SHEET_CHOICES, SHEET_META
from ..config.outline import Indicator, ListColumn, ListSection, Outline, Section, Task
from ..config.project import Project
from ..config.registry import Agency
from ..config.rounds import RoundContext, list_rounds, open_round
from ..errors import ConfigError, UsageError
from ..files import atomic_write, make_reproducible, read_toml
from ..vntext import format_number, short_date
from ..xlsx import print_landscape, wrapped_lines

FONT = "Times New Roman"
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
LIST_ROWS = 10  # empty rows a list table starts with
VALIDATED_ROWS = 500  # list rows that keep their validation when the table grows


def date_validation() -> DataValidation:
    """Dates from 2000 to 2100; a warning, not a refusal, so a date typed as text is kept
    for the reader, which understands more forms than Excel does."""
    return DataValidation(
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="DATE(2100,12,31)",
        allow_blank=True,
        errorStyle="warning",
        promptTitle="Ngày",
        prompt="Nhập ngày dạng 08/12/2023.",
        errorTitle="Ngày không hợp lệ",
        error="Hãy nhập một ngày dạng ngày/tháng/năm, ví dụ 08/12/2023.",
    )


GUIDE_FILE = "huong-dan.toml"  # in templates/text/


def guide_lines(
    ctx: RoundContext, agency: Agency, *, carried: bool = False
) -> list[tuple[str, bool]]:
    """The guide sheet's lines (text, bold) from ``templates/text/huong-dan.toml``, filled
    with the round's dates and the agency: a clerk rewords the guide without code. A line
    with ``when = "carried"`` is shown only when last year's figures are pre-filled."""
    path = ctx.project.templates / "text" / GUIDE_FILE
    r = ctx.round
    values = {
        "title": ctx.outline.short_title.upper(),
        "agency": agency.name,
        "request_number": r.request_number,
        "request_date": short_date(r.request_date),
        "deadline": short_date(r.deadline),
        "due": r.due_words,
        "period_start": short_date(r.period_start),
        "period_end": short_date(r.period_end),
        "contact": r.contact,
        "sheet_info": contract.SHEET_INFO,
        "sheet_indicators": contract.SHEET_INDICATORS,
        "sheet_tasks": contract.SHEET_TASKS,
        "yes": contract.YES,
        "previous_year": ctx.outline.year - 1,
        "filename": template_filename(r.id, agency.code),
    }
    lines = []
    for number, line in enumerate(read_toml(path).get("line", []), start=1):
        if line.get("when") == "carried" and not carried:
            continue
        try:
            lines.append((str(line.get("text", "")).format(**values), bool(line.get("bold"))))
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(f"{path}: dòng {number} có chỗ điền sai ({exc}).") from None
    return lines


def carried_note(ctx: RoundContext) -> str:
    """The note on a pre-filled "last year" cell (``carried_note`` in huong-dan.toml)."""
    path = ctx.project.templates / "text" / GUIDE_FILE
    text = str(read_toml(path).get("carried_note", ""))
    try:
        return text.format(previous_year=ctx.outline.year - 1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(f"{path}: carried_note có chỗ điền sai ({exc}).") from None


def template_filename(round_id: str, agency_code: str) -> str:
    return f"{round_id}_{agency_code}.xlsx"


def write_template(ctx: RoundContext, agency: Agency, out_dir: Path) -> Path:
    """Write ``agency``'s blank workbook into ``out_dir`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / template_filename(ctx.round.id, agency.code)
    workbook = build_template(ctx, agency)
    with atomic_write(path) as tmp:
        workbook.save(tmp)
        make_reproducible(tmp, ctx.round.request_date)
    return path


def build_template(ctx: RoundContext, agency: Agency) -> Workbook:
    wb = Workbook()
    normal = wb._named_styles["Normal"]  # the default font of every cell typed later
    normal.font = Font(name=FONT, size=12)
    # ...and of cells without a style of their own (the default cell format points at the
    # first font, which openpyxl makes Calibri).
    wb._fonts = IndexedList([Font(name=FONT, size=12)])
    builder = _Builder(wb, ctx, agency)
    builder.guide(wb.active)
    builder.info(wb.create_sheet(contract.SHEET_INFO))
    indicators = ctx.outline.indicators_for(agency.code)
    if indicators:
        builder.indicators(wb.create_sheet(contract.SHEET_INDICATORS), indicators)
    builder.tasks(wb.create_sheet(contract.SHEET_TASKS))
    for section in ctx.outline.lists:
        builder.list_sheet(wb.create_sheet(section.sheet), section)
    builder.choices(wb.create_sheet(SHEET_CHOICES))
    builder.meta(wb.create_sheet(SHEET_META))
    # Opens on the guide: what to fill, where, and how to send the file back.
    wb.active = 0
    return wb


@dataclass
class _Builder:
    wb: Workbook
    ctx: RoundContext
    agency: Agency

    # ------------------------------------------------------------------ helpers
    def name(self, name: str, ws: Worksheet, ref: str) -> None:
        col = "".join(c for c in ref if c.isalpha())
        row = "".join(c for c in ref if c.isdigit())
        self.wb.defined_names[name] = DefinedName(
            name, attr_text=f"{quote_sheetname(ws.title)}!${col}${row}"
        )

    @staticmethod
    def setup(ws: Worksheet, widths: Iterable[float], header_row: int) -> None:
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        print_landscape(ws, header_row)
        ws.page_margins.left = ws.page_margins.right = 0.5

    @staticmethod
    def protect(ws: Worksheet) -> None:
        """Lock labels, leave inputs editable; no password, so a clerk can lift it."""
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.formatCells = False

    @staticmethod
    def title(ws: Worksheet, text: str, subtitle: str = "", span: int = 4) -> None:
        ws.cell(row=1, column=1, value=text).font = Font(name=FONT, size=14, bold=True)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=span)
        if subtitle:
            cell = ws.cell(row=2, column=1, value=subtitle)
            cell.font = Font(name=FONT, size=11, italic=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=span)
            ws.row_dimensions[2].height = 32

    @staticmethod
    def header(ws: Worksheet, row: int, titles: Iterable[str]) -> None:
        for col, text in enumerate(titles, start=1):
            cell = ws.cell(row=row, column=col, value=text)
            cell.font = Font(name=FONT, size=12, bold=True)
            cell.fill = HEADER_FILL
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")

    @staticmethod
    def label(
        ws: Worksheet,
        row: int,
        col: int,
        value: object,
        *,
        bold: bool = False,
        center: bool = False,
    ) -> None:
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = Font(name=FONT, size=12, bold=bold)
        cell.alignment = CENTER if center else WRAP
        cell.border = BOX

    @staticmethod
    def input(ws: Worksheet, row: int, col: int, number_format: str = "@") -> str:
        cell = ws.cell(row=row, column=col)
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL
        cell.border = BOX
        cell.alignment = WRAP
        cell.font = Font(name=FONT, size=12)
        cell.number_format = number_format
        return str(cell.coordinate)

    @staticmethod
    def validate(ws: Worksheet, dv: DataValidation, ref: str) -> None:
        dv.showErrorMessage = True
        dv.showInputMessage = True
        ws.add_data_validation(dv)
        dv.add(ref)

    # ------------------------------------------------------------------ sheets
    def guide(self, ws: Worksheet) -> None:
        ws.title = contract.SHEET_GUIDE
        lines = guide_lines(self.ctx, self.agency, carried=self.carries())
        for row, (text, bold) in enumerate(lines, start=1):
            cell = ws.cell(row=row, column=1, value=text)
            cell.font = Font(name=FONT, size=14 if row == 1 else 12, bold=bold)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = 17 * wrapped_lines(text, 130)
        ws.column_dimensions["A"].width = 120
        print_landscape(ws, header_rows=0)  # the guide prints whole, never cut at the right
        ws.protection.sheet = True

    def carries(self) -> bool:
        """Whether this agency's sheet has a pre-filled figure of last year."""
        carried = self.ctx.round.carried
        return any(
            i.code in carried and i.consolidate != "sum"
            for i in self.ctx.outline.indicators_for(self.agency.code)
        )

    def info(self, ws: Worksheet) -> None:
        self.title(ws, "THÔNG TIN CHUNG", "Thông tin về văn bản báo cáo và người liên hệ.", span=3)
        self.header(ws, 3, ("Nội dung", "Thông tin", "Ghi chú"))
        for row, field in enumerate(INFO_FIELDS, start=4):
            self.label(ws, row, 1, field.label, bold=True)
            self.label(ws, row, 3, field.hint)
            ws.row_dimensions[row].height = 17 * wrapped_lines(field.hint, 60)
            if field.type == "prefilled":
                value = self.agency.name if field.key == "agency_name" else self.agency.code
                self.label(ws, row, 2, value)
                ref = f"B{row}"
            else:
                ref = self.input(ws, row, 2, "DD/MM/YYYY" if field.type == "date" else "@")
                self.validate(ws, self.info_validation(field), ref)
            self.name(field.name, ws, ref)
        self.setup(ws, (38, 60, 55), header_row=3)
        self.protect(ws)

    @staticmethod
    def info_validation(field: contract.InfoField) -> DataValidation:
        if field.type == "date":
            return date_validation()
        if field.type == "choice":
            return DataValidation(
                type="list",
                formula1=f'"{contract.YES},{contract.NO}"',
                allow_blank=True,
                promptTitle="Chọn",
                prompt=f'Chọn "{contract.YES}" hoặc "{contract.NO}".',
                errorTitle="Giá trị không hợp lệ",
                error=f'Chỉ chọn "{contract.YES}" hoặc "{contract.NO}" trong danh sách.',
            )
        return DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(field.max),
            allow_blank=True,
            promptTitle=field.label[:32],
            prompt=field.hint or field.label,
            errorTitle="Quá dài",
            error=f"Tối đa {field.max} ký tự.",
        )

    def indicators(self, ws: Worksheet, indicators: list[Indicator]) -> None:
        o = self.ctx.outline
        year = o.year
        targets = list(o.target_columns)
        titles = [
            "STT",
            "Mã",
            "Chỉ tiêu",
            "Đơn vị tính",
            *(f"Mục tiêu {t}" for t in targets),
            f"Thực hiện năm {year - 1}",
            f"Thực hiện năm {year}",
            f"Kế hoạch năm {year + 1}",
            "Ghi chú, nguồn số liệu",
        ]
        span = len(titles)
        self.title(
            ws,
            f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {year}",
            "Tỷ lệ, tốc độ tăng nhập số phần trăm (8,5 là 8,5%). Chưa có số liệu: để trống "
            'hoặc ghi "chưa có số liệu".',
            span=span,
        )
        self.header(ws, 3, titles)
        first_input = 5 + len(targets)
        row = 4
        for section_id in dict.fromkeys(i.section for i in indicators):
            section = o.section(section_id)
            self.group_row(ws, row, f"{section.number} {section.title}", span)
            row += 1
            for number, ind in enumerate((i for i in indicators if i.section == section_id), 1):
                self.label(ws, row, 1, number, center=True)
                self.label(ws, row, 2, ind.code, center=True)
                self.label(ws, row, 3, ind.label)
                self.label(ws, row, 4, ind.unit, center=True)
                for offset, period in enumerate(targets):
                    target = ind.targets.get(period)
                    self.label(ws, row, 5 + offset, target.text if target else "")
                for offset, (suffix, _key) in enumerate(contract.INDICATOR_INPUTS):
                    col = first_input + offset
                    is_note = suffix == "GHI_CHU"
                    ref = self.input(ws, row, col, "@" if is_note else self.number_format(ind))
                    if suffix == "NAM_TRUOC":
                        self.carry(ws[ref], ind)
                    self.name(contract.indicator_name(ind.code, suffix), ws, ref)
                    dv = self.note_validation() if is_note else self.number_validation(ind, ref)
                    self.validate(ws, dv, ref)
                ws.row_dimensions[row].height = 48
                row += 1
        widths = [6, 9, 55, 12, *([16] * len(targets)), 15, 15, 15, 40]
        self.setup(ws, widths, header_row=3)
        # The code is ours, not the plan's: agencies see the plan's numbering and words; the
        # column stays (hidden) for the clerk and for annotated copies that cite it.
        ws.column_dimensions["B"].hidden = True
        ws.row_dimensions[3].height = 48
        self.protect(ws)

    def carry(self, cell: Cell, ind: Indicator) -> None:
        """Last year's consolidated figure, pre-filled in italics and left editable; only
        for figures one agency gives for the province (a summed total is nobody's part)."""
        value = self.ctx.round.carried.get(ind.code)
        if value is None or ind.consolidate == "sum":
            return
        cell.value = value
        cell.font = Font(name=FONT, size=12, italic=True)
        cell.comment = Comment(carried_note(self.ctx), "Sở Công Thương", width=260, height=90)

    def number_format(self, ind: Indicator) -> str:
        return "#,##0" if ind.kind == "count" else "#,##0.0#"

    def number_validation(self, ind: Indicator, ref: str) -> DataValidation:
        """Numbers in the outline's range, or an explicit "no data" marker."""
        low, high = self.ctx.outline.rules.ranges[ind.kind]
        whole = f"INT({ref})={ref}," if ind.kind == "count" else ""
        formula = (
            f"OR(AND(ISNUMBER({ref}),{whole}{ref}>={low},{ref}<={high}),"
            f'{ref}="-",{ref}="chưa có số liệu")'
        )
        unit = f" ({ind.unit})" if ind.unit else ""
        kind_text = "số nguyên" if ind.kind == "count" else "số"
        return DataValidation(
            type="custom",
            formula1=formula,
            allow_blank=True,
            promptTitle=f"Số liệu{unit}"[:32],
            prompt=(
                f"Nhập {kind_text} từ {format_number(low)} đến {format_number(high)}"
                f'{unit}, hoặc "chưa có số liệu".'
            ),
            errorTitle="Số liệu không hợp lệ",
            error=(
                f"Cần {kind_text} từ {format_number(low)} đến {format_number(high)}{unit}. "
                'Nếu chưa có số liệu, ghi "chưa có số liệu" hoặc để trống.'
            ),
        )

    def note_validation(self) -> DataValidation:
        return DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1="1000",
            allow_blank=True,
            prompt="Ghi chú, nguồn số liệu (tối đa 1.000 ký tự).",
            errorTitle="Quá dài",
            error="Ghi chú tối đa 1.000 ký tự.",
        )

    def text_validation(self) -> DataValidation:
        limit = self.ctx.outline.rules.text_max
        return DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(limit),
            allow_blank=True,
            errorStyle="warning",
            promptTitle="Kết quả thực hiện",
            prompt="Viết kết quả thực hiện; Alt+Enter để xuống dòng.",
            errorTitle="Nội dung dài",
            error=f"Nội dung dài hơn {format_number(limit)} ký tự; nên viết gọn để báo cáo dễ đọc.",
            showErrorMessage=True,
            showInputMessage=True,
        )

    def group_row(self, ws: Worksheet, row: int, text: str, span: int) -> None:
        for col in range(1, span + 1):
            cell = ws.cell(row=row, column=col)
            cell.fill = GROUP_FILL
            cell.border = BOX
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(vertical="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)

    def tasks(self, ws: Worksheet) -> None:
        o = self.ctx.outline
        self.title(
            ws,
            f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP NĂM {o.year}",
            "Viết kết quả vào cột D theo từng đề mục; đề mục không có nội dung thì để trống.",
            span=4,
        )
        self.header(ws, 3, ("Đề mục", "Nội dung", "Tình trạng", f"Kết quả thực hiện năm {o.year}"))
        tasks = o.tasks_for(self.agency.code)
        row = 4
        text_validation = self.text_validation()
        ws.add_data_validation(text_validation)
        status = DataValidation(
            type="list",
            formula1=f'"{",".join(contract.TASK_STATUSES)}"',
            allow_blank=True,
            promptTitle="Tình trạng",
            prompt="Chọn tình trạng thực hiện nhiệm vụ.",
            errorTitle="Không hợp lệ",
            error="Chọn một tình trạng trong danh sách.",
            showErrorMessage=True,
            showInputMessage=True,
        )
        ws.add_data_validation(status)
        for section in self.task_sections(o, tasks):
            if section.content == "none":
                self.group_row(ws, row, f"{section.number} {section.title}", 4)
                row += 1
                continue
            self.label(ws, row, 1, section.number, bold=True)
            self.label(ws, row, 2, section.title, bold=True)
            if section.content == "text":
                self.label(ws, row, 3, "")
                ref = self.input(ws, row, 4)
                self.name(contract.section_name(section.name_key), ws, ref)
                text_validation.add(ref)
                ws.row_dimensions[row].height = 90
                row += 1
                continue
            for col in (3, 4):
                self.label(ws, row, col, "")
            row += 1
            for task in (t for t in tasks if t.section == section.id):
                self.label(ws, row, 1, task.number or task.code)  # the plan's numbering
                self.label(ws, row, 2, self.task_label(task))
                status.add(self.input(ws, row, 3))
                self.name(contract.task_status_name(task.code), ws, f"C{row}")
                ref = self.input(ws, row, 4)
                self.name(contract.task_result_name(task.code), ws, ref)
                text_validation.add(ref)
                ws.row_dimensions[row].height = 90
                row += 1
        self.setup(ws, (9, 60, 17, 90), header_row=3)
        self.protect(ws)

    @staticmethod
    def task_sections(o: Outline, tasks: list[Task]) -> list[Section]:
        """Headings agencies write under: free-text headings, task headings that hold at
        least one task of this agency, and the headings that group them."""
        wanted = {t.section for t in tasks}
        leaves = [
            s
            for s in o.sections
            if s.content == "text" or (s.content == "tasks" and s.id in wanted)
        ]
        return [
            s
            for s in o.sections
            if s in leaves
            or (s.content == "none" and any(x.id.startswith(s.id + ".") for x in leaves))
        ]

    def task_label(self, task: Task) -> str:
        parts = [task.title]
        role = "Chủ trì" if self.agency.code in task.lead else "Phối hợp"
        extra = [f"Vai trò: {role}"]
        if task.period:
            extra.append(f"thời gian trình: {task.period}")
        if task.authority:
            extra.append(f"cấp thẩm quyền ban hành: {task.authority}")
        parts.append("(" + "; ".join(extra) + ")")
        return "\n".join(parts)

    def list_sheet(self, ws: Worksheet, section: ListSection) -> None:
        cols = section.columns
        self.title(
            ws,
            section.title.upper(),
            "Mỗi dòng một nội dung. Gõ tiếp ngay dưới dòng cuối của bảng, bảng tự mở rộng.",
            span=len(cols),
        )
        header_row = 3
        for col_index, column in enumerate(cols, start=1):
            cell = ws.cell(row=header_row, column=col_index, value=column.title)
            cell.font = Font(name=FONT, size=12, bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            if column.required:
                cell.comment = Comment("Bắt buộc điền khi có dòng nội dung.", "qnreport")
            letter = get_column_letter(col_index)
            for row in range(header_row + 1, header_row + 1 + LIST_ROWS):
                target = ws.cell(row=row, column=col_index)
                target.alignment = WRAP
                target.font = Font(name=FONT, size=12)
                target.border = BOX
                target.fill = INPUT_FILL  # "Chỉ nhập vào các ô nền vàng", as the guide says
                if column.type == "date":
                    target.number_format = "DD/MM/YYYY"
            rows = f"{letter}{header_row + 1}:{letter}{header_row + VALIDATED_ROWS}"
            self.validate(
                ws, self.column_validation(section, column, f"{letter}{header_row + 1}"), rows
            )
        last = get_column_letter(len(cols))
        table = Table(
            displayName=section.table,
            ref=f"A{header_row}:{last}{header_row + LIST_ROWS}",
        )
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
        self.setup(ws, [c.width for c in cols], header_row=header_row)
        ws.row_dimensions[header_row].height = 36

    def column_validation(
        self, section: ListSection, column: ListColumn, first: str
    ) -> DataValidation:
        if column.type in ("choice", "heading"):
            source = self.choice_range(section, column)
            return DataValidation(
                type="list",
                formula1=source,
                allow_blank=True,
                promptTitle=column.title[:32],
                prompt="Chọn trong danh sách.",
                errorTitle="Không có trong danh sách",
                error="Hãy chọn một giá trị trong danh sách thả xuống.",
            )
        if column.type == "number":
            return DataValidation(
                type="custom",
                formula1=f'OR(AND(ISNUMBER({first}),{first}>=0),{first}="-")',
                allow_blank=True,
                promptTitle=column.title[:32],
                prompt="Nhập số, ví dụ 1.234,5.",
                errorTitle="Cần một số",
                error="Hãy nhập một số không âm, ví dụ 1.234,5.",
            )
        if column.type == "date":
            return date_validation()
        limit = column.max or 3000
        return DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(limit),
            allow_blank=True,
            errorStyle="warning",
            promptTitle=column.title[:32],
            prompt=f"Tối đa {format_number(limit)} ký tự.",
            errorTitle="Nội dung dài",
            error=f"Nội dung dài hơn {format_number(limit)} ký tự.",
        )

    def choice_range(self, section: ListSection, column: ListColumn) -> str:
        """Dropdown sources live on a hidden sheet: Excel limits inline lists to 255 chars."""
        values = (
            self.ctx.outline.heading_choices(column.parent)
            if column.type == "heading"
            else list(column.choices)
        )
        key = f"{section.key}.{column.key}"
        self._choices[key] = values
        index = list(self._choices).index(key) + 1
        letter = get_column_letter(index)
        return f"{quote_sheetname(SHEET_CHOICES)}!${letter}$2:${letter}${len(values) + 1}"

    def __post_init__(self) -> None:
        self._choices: dict[str, list[str]] = {}

    def choices(self, ws: Worksheet) -> None:
        for col, (key, values) in enumerate(self._choices.items(), start=1):
            ws.cell(row=1, column=col, value=key)
            for row, value in enumerate(values, start=2):
                ws.cell(row=row, column=col, value=value)
        ws.sheet_state = "hidden"
        ws.protection.sheet = True

    def meta(self, ws: Worksheet) -> None:
        o = self.ctx.outline
        values = {
            "round": self.ctx.round.id,
            "outline": o.id,
            "outline_version": o.version,
            "outline_digest": o.digest,
            "agency": self.agency.code,
            "format": contract.FORMAT,
            "generator": f"qnreport {__version__}",
        }
        for row, key in enumerate(contract.META_KEYS, start=1):
            ws.cell(row=row, column=1, value=key)
            ws.cell(row=row, column=2, value=values[key])
        ws.sheet_state = "hidden"
        ws.protection.sheet = True


def write_all(
    ctx: RoundContext,
    out_dir: Path,
    agencies: Iterable[Agency] | None = None,
    progress: Callable[[Agency], None] | None = None,
) -> list[Path]:
    """One blank workbook per agency (every agency of the registry by default)."""
    written = []
    for agency in agencies if agencies is not None else ctx.registry:
        written.append(write_template(ctx, agency, out_dir))
        if progress:
            progress(agency)
    return written


@dataclass(frozen=True)
class TemplateJob:
    """The templates of one round: which agencies, written where."""

    ctx: RoundContext
    agencies: list[Agency]
    out_dir: Path


def plan_templates(
    project: Project,
    round_id: str | None,
    codes: Sequence[str] | None,
    output: Path | None = None,
) -> list[TemplateJob]:
    """What ``qnreport template`` writes: for the round given (every round by default), the
    agencies named by ``codes`` (every agency when None), into ``output`` or
    ``outputs/<round>/bieu-mau/`` (``output/<round>`` when several rounds share it)."""
    round_ids = [round_id] if round_id else list_rounds(project)
    jobs = []
    for rid in round_ids:
        ctx = open_round(project, rid)
        unknown = [code for code in codes or () if ctx.registry.canonical(code) is None]
        if unknown:
            raise UsageError(
                f"Không có cơ quan mã {', '.join(unknown)} trong danh sách cơ quan "
                f"({ctx.registry.source})."
            )
        agencies = (
            list(ctx.registry)
            if codes is None
            else [ctx.registry.get(ctx.registry.canonical(c) or c) for c in codes]
        )
        out_dir = output or project.outputs / rid / "bieu-mau"
        if output and len(round_ids) > 1:
            out_dir = output / rid
        jobs.append(TemplateJob(ctx, agencies, out_dir))
    return jobs
