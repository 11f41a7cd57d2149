"""Page set-up and row sizing shared by every workbook qnreport writes: blank templates,
annotated copies and the summary, so that all of them print and read alike."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def print_landscape(ws: Worksheet, header_rows: int = 1) -> None:
    """A4 landscape, every column on the page width, the header rows (if any) on every
    page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"


def wrapped_lines(text: str, width: int) -> int:
    """Lines ``text`` takes wrapped at ``width`` characters, for row heights: LibreOffice
    does not grow rows to fit wrapped text by itself, and Excel not merged or sized ones."""
    return max(1, sum(-(-len(part) // width) or 1 for part in text.split("\n")))
