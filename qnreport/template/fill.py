"""Fill a blank template the way a person does, through the named-cell contract only.

Single inputs are reached by their Excel defined names (``VB_SO``, ``CT_CN01_NAM_NAY``),
lists by their Excel table and the titles in its header row; never by row or column
positions, so filling a workbook also proves that the template can be filled. Used to make
the sample rounds, the test fixtures and the benchmark's workbooks, and to write a template
filled from an agency's letter.

A library piece: it raises ``KeyError``/``ValueError`` on a name or column the workbook
lacks (a bug of the caller) and never speaks to a clerk.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook

from ..config.outline import ListSection, Outline
from ..files import atomic_write, make_reproducible

#: A list row: values by column key (with an outline) or header title, or in column order.
Row = Mapping[str, object] | Sequence[object]

_LINE_POINTS = 15.75  # one line of Times New Roman 12 in Excel
_MAX_ROW_POINTS = 409.0  # Excel's tallest row
_DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters


def named_cell(wb: Workbook, name: str) -> Cell:
    """The cell an Excel defined name points at (``VB_SO`` -> Thông tin chung!B6); the top
    left cell when the name covers a range."""
    defined = wb.defined_names.get(name)
    if defined is None:
        raise KeyError(f"the workbook has no defined name {name!r}")
    destinations = list(defined.destinations)
    if len(destinations) != 1:
        raise ValueError(f"defined name {name!r} points at {len(destinations)} ranges, not one")
    sheet, ref = destinations[0]
    return wb[sheet][ref.replace("$", "").split(":")[0]]


def fill_workbook(
    wb: Workbook,
    values: Mapping[str, object],
    lists: Mapping[str, Iterable[Row]] | None = None,
    *,
    outline: Outline | None = None,
    fit_rows: bool = True,
) -> None:
    """Type ``values`` into the named cells, then append ``lists`` rows to the list tables.

    ``values`` maps Excel names to what a person types: numbers, dates, or text (written as
    is, mistakes included; ``None`` clears the cell). ``lists`` maps a table name
    (``tbl_TonTai``) or, with ``outline``, a list key (``ton_tai``) to rows (see
    :func:`append_rows`). ``fit_rows`` grows row heights to the text, as Excel does while
    one types, so that a filled workbook opens readable.
    """
    for name, value in values.items():
        cell = named_cell(wb, name)
        cell.value = value
        if fit_rows and isinstance(value, str):
            fit_row_height(cell)
    for key, rows in (lists or {}).items():
        append_rows(wb, key, rows, outline=outline, fit_rows=fit_rows)


def append_rows(
    wb: Workbook,
    table: str,
    rows: Iterable[Row],
    *,
    outline: Outline | None = None,
    fit_rows: bool = True,
) -> list[int]:
    """Write ``rows`` below the last filled row of an Excel table and return their row
    numbers. Past the table's end the table (and its filter) grows and the new rows take the
    last row's look, as when one types just below a table in Excel.

    A row is a mapping keyed by header title or, with ``outline``, by column key (a missing
    key leaves its cell empty), or a sequence of values in column order.
    """
    ws, tbl, section = _find_table(wb, table, outline)
    min_col, header, max_col, max_row = range_boundaries(tbl.ref)
    titles = [ws.cell(row=header, column=c).value for c in range(min_col, max_col + 1)]
    keys = [c.key for c in section.columns] if section is not None else []
    last_filled = header
    for r in range(header + 1, max_row + 1):
        if any(
            ws.cell(row=r, column=c).value not in (None, "") for c in range(min_col, max_col + 1)
        ):
            last_filled = r
    written: list[int] = []
    row_number = last_filled
    for row in rows:
        row_number += 1
        if row_number > max_row:
            for column in range(min_col, max_col + 1):
                source = ws.cell(row=max_row, column=column)
                if source.has_style:
                    ws.cell(row=row_number, column=column)._style = copy(source._style)
        for index, value in _row_cells(row, titles, keys).items():
            cell = ws.cell(row=row_number, column=min_col + index, value=value)
            if fit_rows and isinstance(value, str):
                fit_row_height(cell)
        written.append(row_number)
    if written and written[-1] > max_row:
        tbl.ref = f"{get_column_letter(min_col)}{header}:{get_column_letter(max_col)}{written[-1]}"
        if tbl.autoFilter is not None:
            tbl.autoFilter.ref = tbl.ref
    return written


def _find_table(
    wb: Workbook, key: str, outline: Outline | None
) -> tuple[Any, Any, ListSection | None]:
    """The sheet, the Excel table and (with ``outline``) the list section of ``key``."""
    section = None
    if outline is not None:
        section = next((x for x in outline.lists if key in (x.key, x.table)), None)
    name = section.table if section is not None else key
    for ws in wb.worksheets:
        if name in ws.tables:
            return ws, ws.tables[name], section
    raise KeyError(f"the workbook has no list table {key!r}")


def _row_cells(row: Row, titles: list[Any], keys: list[str]) -> dict[int, object]:
    """Column offset -> value for one row."""
    if isinstance(row, Mapping):
        cells: dict[int, object] = {}
        for key, value in row.items():
            if key in keys:
                cells[keys.index(key)] = value
            elif key in titles:
                cells[titles.index(key)] = value
            else:
                raise KeyError(f"no column {key!r} in this table (columns: {titles})")
        return cells
    if isinstance(row, str) or len(row) > len(titles):
        raise ValueError(f"a row needs at most {len(titles)} values in column order")
    return dict(enumerate(row))


def fit_row_height(cell: Cell) -> None:
    """Grow the cell's row to show its wrapped text, never shrink it (Excel's autofit)."""
    ws = cell.parent
    width = ws.column_dimensions[cell.column_letter].width or _DEFAULT_WIDTH
    per_line = max(1, int(width))
    lines = sum(max(1, -(-len(part) // per_line)) for part in str(cell.value).split("\n"))
    needed = min(_MAX_ROW_POINTS, lines * _LINE_POINTS + 4)
    dim = ws.row_dimensions[cell.row]
    if dim.height is None or dim.height < needed:
        dim.height = needed


def save_filled(wb: Workbook, path: Path, stamp: dt.datetime, *, author: str = "qnreport") -> Path:
    """Save ``wb`` to ``path`` atomically, dated ``stamp`` instead of the clock (document
    properties, zip entries and the file's modification time), so that the same filling
    gives the same bytes on any day; the file time is when the agency sent it."""
    props = wb.properties
    props.created = props.modified = stamp
    props.lastModifiedBy = props.creator = author
    with atomic_write(path) as tmp:
        wb.save(tmp)
        make_reproducible(tmp, stamp, mode=None)
    seconds = stamp.timestamp()
    os.utime(path, (seconds, seconds))
    return path
