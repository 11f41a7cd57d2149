"""The copy a clerk sends back to an agency: its own workbook with the problems marked.

Offending cells are filled (red for errors, yellow for warnings) and carry a comment with
the message; a first sheet lists every finding. The input file is read, never written.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from ..files import atomic_write
from ..findings import Finding
from ..xlsx import print_landscape, wrapped_lines
from .results import FileReport

SHEET = "Kết quả kiểm tra"
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
FONT = "Times New Roman"


def annotated_name(path: Path) -> str:
    suffix = path.suffix if path.suffix.lower() in (".xlsx", ".xlsm") else ".xlsx"
    return f"{path.stem}_kiem-tra{suffix}"


def write_annotated(report: FileReport, out_dir: Path) -> Path | None:
    """Write the marked-up copy; None when the file itself cannot be opened as a workbook
    (its one finding already says why)."""
    if not report.findings:
        return None
    if any(f.code.startswith("FILE_") for f in report.findings):
        return None  # refused before parsing (a bomb, too many cells...): never open it
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
        text = "\n".join(f"[{f.level.value}] {f.message}" for f in found)
        comment = Comment(text, "qnreport")
        comment.width = 320
        comment.height = min(60 + 18 * len(text) // 45, 400)
        cell.comment = comment
    ws = wb.create_sheet(SHEET, 0)
    headers = ("Mức", "Trang", "Ô", "Nội dung", "Thông báo", "Mã")
    for col, title in enumerate(headers, start=1):
        c = ws.cell(row=1, column=col, value=title)
        c.font = Font(name=FONT, bold=True)
    for row, f in enumerate(report.findings, start=2):
        values = (f.level.value, f.sheet, f.cell, f.label, f.message, f.code)
        for col, value in enumerate(values, start=1):
            c = ws.cell(row=row, column=col, value=value)
            c.font = Font(name=FONT, color="9C0006" if f.is_error and col == 1 else None)
            c.alignment = Alignment(wrap_text=True, vertical="top")
    widths = (10, 16, 8, 40, 80, 22)
    for letter, width in zip("ABCDEF", widths, strict=True):
        ws.column_dimensions[letter].width = width
    for row, f in enumerate(report.findings, start=2):
        lines = max(wrapped_lines(f.label, 38), wrapped_lines(f.message, 76))
        ws.row_dimensions[row].height = 15 * lines + 3
    ws.freeze_panes = "A2"
    print_landscape(ws)
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
    return target
