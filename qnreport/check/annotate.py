"""The copy a clerk sends back to an agency: its own workbook with the problems marked.

Offending cells are filled (red for errors, orange for warnings: unlike the pale yellow of
the cells to fill in) and carry a comment with the message; a first sheet says what was
checked and what to do by when, and lists every finding with a link to its cell. Copies are
written only for the files an agency must correct. The input file is read, never written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from ..files import atomic_write, make_reproducible
from ..findings import Finding
from ..xlsx import print_landscape, wrapped_lines
from .results import Addressee, Batch, FileReport

SHEET = "Kết quả kiểm tra"
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="F8CBAD")  # orange: never the input's yellow
FONT = "Times New Roman"
HEADER_ROW = 6  # the findings table starts under the title block


def annotated_name(path: Path) -> str:
    suffix = path.suffix if path.suffix.lower() in (".xlsx", ".xlsm") else ".xlsx"
    return f"{path.stem}_kiem-tra{suffix}"


def can_annotate(report: FileReport) -> bool:
    """A marked-up copy is made of a file with findings that was opened as a workbook: not
    of one refused before parsing (a bomb, too many cells...), which is never opened."""
    return bool(report.findings) and not any(f.code.startswith("FILE_") for f in report.findings)


def write_annotated(
    report: FileReport,
    out_dir: Path,
    addressee: Addressee | None = None,
    checked: dt.date | None = None,
) -> Path | None:
    """Write the marked-up copy; None when the file itself cannot be opened as a workbook
    (its one finding already says why)."""
    addressee = addressee or Addressee()
    checked = checked or dt.date.today()
    if not can_annotate(report):
        return None
    try:
        wb = load_workbook(report.path, keep_vba=report.path.suffix.lower() == ".xlsm")
    except Exception:
        return None
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        if f.sheet in wb.sheetnames and f.cell:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    for (sheet, ref), found in by_cell.items():
        cell = wb[sheet][ref]
        error = any(f.is_error for f in found)
        cell.fill = ERROR_FILL if error else WARNING_FILL
        text = "\n".join(f"[{f.level.value.capitalize()}] {f.message}" for f in found)
        comment = Comment(text, "qnreport")
        comment.width = 320
        comment.height = min(60 + 18 * len(text) // 45, 400)
        cell.comment = comment
    ws = wb.create_sheet(SHEET, 0)
    errors = sum(1 for f in report.findings if f.is_error)
    warnings = len(report.findings) - errors
    when = f" {addressee.due}" if addressee.due else ""
    title = [
        ("KẾT QUẢ KIỂM TRA BIỂU MẪU BÁO CÁO", True),
        (f"Cơ quan: {addressee.agency}" if addressee.agency else "", False),
        (f"Tệp: {report.path.name}; kiểm tra ngày {checked:%d/%m/%Y}.", False),
        (
            f"Có {errors} lỗi (ô tô đỏ) và {warnings} cảnh báo (ô tô cam). Đề nghị quý cơ quan "
            f"sửa các ô có lỗi, xem lại các ô có cảnh báo và gửi lại biểu mẫu{when}. Bấm vào "
            'ô ở cột "Ô" để đến ô cần sửa.',
            False,
        ),
    ]
    for row, (text, bold) in enumerate(title, start=1):
        c = ws.cell(row=row, column=1, value=text)
        c.font = Font(name=FONT, bold=bold, size=13 if row == 1 else 11)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    ws.row_dimensions[4].height = 15 * wrapped_lines(title[3][0], 150) + 3
    headers = ("Mức", "Trang", "Ô", "Nội dung", "Việc cần làm")
    for col, header in enumerate(headers, start=1):
        c = ws.cell(row=HEADER_ROW, column=col, value=header)
        c.font = Font(name=FONT, bold=True)
    ordered = sorted(report.findings, key=lambda f: (not f.is_error, f.sheet, f.cell))
    for row, f in enumerate(ordered, start=HEADER_ROW + 1):
        values = (f.level.value.capitalize(), f.sheet, f.cell, f.label, f.message)
        for col, value in enumerate(values, start=1):
            c = ws.cell(row=row, column=col, value=value)
            c.font = Font(name=FONT, color="9C0006" if f.is_error and col == 1 else None)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        if f.sheet in wb.sheetnames and f.cell:
            link = ws.cell(row=row, column=3)
            # A link inside the workbook (a location, not an address): Excel and Calc go there.
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{f.sheet}'!{f.cell}")
            link.font = Font(name=FONT, color="0563C1", underline="single")
    widths = (10, 16, 8, 40, 90)
    for letter, width in zip("ABCDE", widths, strict=True):
        ws.column_dimensions[letter].width = width
    for row, f in enumerate(ordered, start=HEADER_ROW + 1):
        lines = max(wrapped_lines(f.label, 38), wrapped_lines(f.message, 86))
        ws.row_dimensions[row].height = 15 * lines + 3
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    print_landscape(ws, header_rows=HEADER_ROW)
    wb.active = 0
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    if wb.vba_archive is not None:
        # With macros kept, openpyxl reuses the source's comment drawings by their part names
        # and numbers new ones from 1, writing one part twice (a damaged zip): let it number
        # every comment drawing afresh.
        for sheet in wb.worksheets:
            sheet.legacy_drawing = None
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / annotated_name(report.path)
    with atomic_write(target) as tmp:
        wb.save(tmp)
    # the same file checked on the same day gives the same bytes (openpyxl stamps the time)
    make_reproducible(target, checked, mode=None)
    return target


def must_correct(batch: Batch) -> list[FileReport]:
    """The files their agencies must correct: with errors, and not already replaced by a
    letter of the same agency that can be used (a warning alone, or a superseded letter,
    asks nothing of the agency)."""
    usable = {  # agencies with a letter in that can be used as it is
        (r.submission.round, r.submission.agency)
        for r in batch.reports
        if r.usable and not r.has_errors and r.submission is not None
    }
    return [
        r
        for r in batch.reports
        if r.has_errors
        and (r.submission is None or (r.submission.round, r.submission.agency) not in usable)
    ]


def write_copies(
    batch: Batch, out_dir: Path, addressee_of: Callable[[FileReport], Addressee]
) -> list[Path]:
    """An annotated copy of every file its agency must correct (see :func:`must_correct`)."""
    return [p for r in must_correct(batch) if (p := write_annotated(r, out_dir, addressee_of(r)))]
