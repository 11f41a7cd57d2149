"""The summary workbook the clerk works from: every figure and every line, filterable.

Text from agencies is written as text, always: a cell starting with =, +, - or @ is
marked so that no spreadsheet program runs it as a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from .compose import verdict_text
from .consolidate import Consolidation

FONT = "Times New Roman"
FORMULA_START = ("=", "+", "-", "@")
# Shared style objects: building two per cell was a tenth of a province build.
CELL_FONT = Font(name=FONT, size=11)
HEADER_FONT = Font(name=FONT, size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Decimal):
        cell.value = float(value)
        cell.number_format = "#,##0.0#"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, str):
        cell.value = value
        if value.startswith(FORMULA_START):
            cell.data_type = "s"  # never a formula
            cell.quotePrefix = True
    else:
        cell.value = value
    cell.font = CELL_FONT
    cell.alignment = WRAP


def _sheet(
    wb: Workbook,
    title: str,
    table: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
) -> None:
    ws = wb.create_sheet(title[:31])
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        _put(ws, 1, col, header)
        ws.cell(row=1, column=col).font = HEADER_FONT
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value)
    last = get_column_letter(len(headers))
    end = max(2, len(rows) + 1)
    tab = Table(displayName=table, ref=f"A1:{last}{end}")
    tab.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(tab)
    ws.freeze_panes = "A2"


def build_summary(cons: Consolidation) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    o, y = cons.outline, cons.outline.year
    _sheet(
        wb,
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


def write_summary(cons: Consolidation, path: Path) -> None:
    build_summary(cons).save(path)
