"""The summary workbook the clerk works from: every figure and every line, filterable.

Text from agencies is written as text, always: a cell starting with =, +, - or @ is
marked so that no spreadsheet program runs it as a formula.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..vntext import xml_safe
from ..xlsx import print_landscape, wrapped_lines
from .compose import verdict_text
from .consolidate import Consolidation

FONT = "Times New Roman"
FORMULA_START = ("=", "+", "-", "@")
CELL_FONT = Font(name=FONT, size=11)
HEADER_FONT = Font(name=FONT, size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER_FORMAT = "#,##0.0#"
DATE_FORMAT = "DD/MM/YYYY"
# zlib level 3 deflates the sheets (4 MB of XML for a province) nearly three times faster
# than openpyxl's default level 6, for a file about a sixth larger.
COMPRESS_LEVEL = 3
# Row heights for wrapped text: characters of 11 pt Times New Roman per unit of column
# width, points per line, and Excel's largest row.
CHARS_PER_WIDTH = 1.15
LINE_HEIGHT = 15
MAX_ROW_HEIGHT = 409

# How a cell looks: header (bold), number format, quote prefix.
Look = tuple[bool, str | None, bool]


class _Looks:
    """The few styles of one workbook's cells, each made once with openpyxl's setters and
    then given to every cell that looks the same. Setting a font and an alignment on each
    cell looks them up by hash every time: that was most of the time spent building."""

    def __init__(self) -> None:
        self._made: dict[Look, StyleArray] = {}

    def get(self, ws: Worksheet, look: Look) -> StyleArray:
        if look not in self._made:
            header, number_format, quoted = look
            model = Cell(ws)  # never placed in the sheet: only its style is kept
            model.font = CELL_FONT
            model.alignment = WRAP
            if header:
                model.font = HEADER_FONT
            if number_format:
                model.number_format = number_format
            if quoted:
                model.quotePrefix = True
            self._made[look] = model._style
        return self._made[look]


def _cell(ws: Worksheet, looks: _Looks, value: Any, header: bool = False) -> Cell:
    number_format = None
    if isinstance(value, Decimal):
        value, number_format = float(value), NUMBER_FORMAT
    elif isinstance(value, dt.date):
        number_format = DATE_FORMAT
    elif isinstance(value, str):
        value = xml_safe(value)  # openpyxl refuses control characters: never stop the build
    quoted = isinstance(value, str) and value.startswith(FORMULA_START)
    # The style goes in first, so that a date never gets openpyxl's default format.
    cell = Cell(ws, value=value, style_array=looks.get(ws, (header, number_format, quoted)))
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, nor an error code such as "#N/A"
    return cell


def _sheet(
    wb: Workbook,
    looks: _Looks,
    title: str,
    table: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
) -> None:
    ws = wb.create_sheet(title[:31])
    ws.append([_cell(ws, looks, name, header=True) for name in headers])
    for values in rows:
        ws.append([_cell(ws, looks, value) for value in values])
    # Heights set here: LibreOffice shows rows of wrapped text one line high otherwise.
    chars = [int(width * CHARS_PER_WIDTH) for width in widths]
    for row, values in enumerate([headers, *rows], start=1):
        texts = (
            wrapped_lines(v, n) for v, n in zip(values, chars, strict=True) if isinstance(v, str)
        )
        lines = max(texts, default=1)
        ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 3)
    for col, (_, width) in enumerate(zip(headers, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    last = get_column_letter(len(headers))
    end = max(2, len(rows) + 1)
    tab = Table(displayName=table, ref=f"A1:{last}{end}")
    tab.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(tab)
    ws.freeze_panes = "A2"
    print_landscape(ws)


def build_summary(cons: Consolidation) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    looks = _Looks()
    o, y = cons.outline, cons.outline.year
    _sheet(
        wb,
        looks,
        "Chỉ tiêu tổng hợp",
        "ChiTieuTongHop",
        (
            "Mã",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Cách tổng hợp",
            "Mục tiêu",
            f"Thực hiện {y - 1}",
            f"Thực hiện {y}",
            f"Kế hoạch {y + 1}",
            "Đánh giá",
            "Nguồn",
        ),
        [
            (
                r.indicator.code,
                r.indicator.name,
                r.indicator.unit,
                "Cộng các cơ quan"
                if r.indicator.consolidate == "sum"
                else "Cơ quan chịu trách nhiệm",
                r.target.text if r.target else "",
                r.previous,
                r.actual,
                r.next_target,
                verdict_text(r),
                r.source,
            )
            for r in cons.indicators
        ],
        (9, 50, 12, 18, 20, 14, 14, 14, 18, 30),
    )
    _sheet(
        wb,
        looks,
        "Chỉ tiêu theo cơ quan",
        "ChiTieuTheoCoQuan",
        (
            "Mã",
            "Chỉ tiêu",
            "Cơ quan",
            f"Thực hiện {y - 1}",
            f"Thực hiện {y}",
            f"Kế hoạch {y + 1}",
            "Ghi chú",
            "Được dùng",
        ),
        [
            (
                r.indicator.code,
                r.indicator.name,
                c.agency.name,
                c.previous,
                c.actual,
                c.next_target,
                c.note,
                "Có" if r.indicator.consolidate == "sum" or c.agency.name == r.source else "Không",
            )
            for r in cons.indicators
            for c in r.contributions
        ],
        (9, 45, 40, 14, 14, 14, 30, 10),
    )
    _sheet(
        wb,
        looks,
        "Tình hình gửi báo cáo",
        "TinhHinhGui",
        (
            "Mã",
            "Cơ quan, đơn vị",
            "Tình trạng",
            "Số văn bản",
            "Ngày văn bản",
            "Tệp được dùng",
            "Tệp cũ hơn (không dùng)",
            "Tệp có lỗi",
        ),
        [
            (
                s.agency.code,
                s.agency.name,
                s.status,
                s.submission.letter_number if s.submission else "",
                s.submission.letter_date if s.submission else None,
                s.file,
                "; ".join(s.superseded),
                "; ".join(s.refused),
            )
            for s in cons.statuses
        ],
        (10, 45, 22, 18, 14, 40, 40, 40),
    )
    _sheet(
        wb,
        looks,
        "Nội dung theo đề mục",
        "NoiDung",
        ("Đề mục", "Tiêu đề", "Cơ quan", "Nội dung"),
        [
            (o.section(sid).id, o.section(sid).title, e.agency.name, e.text)
            for sid, entries in cons.sections.items()
            for e in entries
        ]
        + [
            (t.code, t.title, a.name, (f"[{res.status}] " if res.status else "") + res.text)
            for t in o.tasks
            for a, res in cons.tasks.get(t.code, [])
        ],
        (10, 45, 35, 100),
    )
    for index, spec in enumerate(o.lists, start=1):
        _sheet(
            wb,
            looks,
            spec.sheet,
            f"DanhSach{index}",
            ("Cơ quan", *(c.title for c in spec.columns)),
            [
                (a.name, *(row.values.get(c.key) for c in spec.columns))
                for a, row in cons.lists.get(spec.key, [])
            ],
            (35, *(c.width for c in spec.columns)),
        )
    if cons.conflicts:
        _sheet(
            wb,
            looks,
            "Số liệu khác nhau",
            "XungDot",
            ("Mã", "Chỉ tiêu", "Cơ quan được dùng", "Số được dùng", "Cơ quan khác", "Số khác"),
            [
                (
                    k.indicator.code,
                    k.indicator.name,
                    k.used.agency.name,
                    k.used.actual,
                    k.other.agency.name,
                    k.other.actual,
                )
                for k in cons.conflicts
            ],
            (9, 45, 35, 14, 35, 14),
        )
    return wb


def save(workbook: Workbook, path: Path) -> None:
    """What ``Workbook.save`` does, at our compression level."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zf:
        ExcelWriter(workbook, zf).save()


def write_summary(cons: Consolidation, path: Path) -> None:
    save(build_summary(cons), path)
