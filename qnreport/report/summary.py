"""The summary workbook the clerk works from: every figure and every line, filterable.

Text from agencies is written as text, always: a cell starting with =, +, - or @ is
marked so that no spreadsheet program runs it as a formula. Sheet names and headings
are the clerk's, in ``templates/text/nhan.toml`` (``[summary]``).

Figures read the Vietnamese way ("1.234,5") on any machine. A number format cannot
promise that: Excel always shows a number with the separators of the machine's regional
settings (or of its "Use system separators" option), whatever locale tag the format
carries; LibreOffice honours the tag ``[$-42A]`` (Vietnamese) but misreads ``[$-vi-VN]``
(no grouping). So a column of figures is written twice: as text in the Vietnamese format
where the clerk reads and prints it, and right after it as numbers (to sort, filter and
sum), in a hidden column of an outline group that the "+" above the sheet opens. The
numbers carry ``[$-42A]``, which LibreOffice shows as 1.234,5 whatever its locale.
Dates are written with a literal "/" for the same reason ("/" in a format is the machine's
date separator: 10.12.2024 on a German machine).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..vntext import format_number, xml_safe
from ..xlsx import print_landscape, wrapped_lines
from .compose import Labels, verdict_text
from .consolidate import Consolidation
from .synthesis import Synthesis, sources_rows

FONT = "Times New Roman"
FORMULA_START = ("=", "+", "-", "@")
CELL_FONT = Font(name=FONT, size=11)
HEADER_FONT = Font(name=FONT, size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
FIGURE = Alignment(wrap_text=True, vertical="top", horizontal="right")
# Cell borders of their own: LibreOffice prints no table style, and a grid without lines
# is hard to read on paper.
THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NUMBER_FORMAT = "[$-42A]#,##0.0#"
DATE_FORMAT = "DD\\/MM\\/YYYY"
# zlib level 3 deflates the sheets (4 MB of XML for a province) nearly three times faster
# than openpyxl's default level 6, for a file about a sixth larger.
COMPRESS_LEVEL = 3
# Row heights for wrapped text: characters of 11 pt Times New Roman per unit of column
# width, points per line, and Excel's largest row.
CHARS_PER_WIDTH = 1.15
LINE_HEIGHT = 15
MAX_ROW_HEIGHT = 409

# How a cell looks: header (bold), number format, quote prefix, a figure written as text
# (aligned right, as numbers are).
Look = tuple[bool, str | None, bool, bool]


class _Looks:
    """The few styles of one workbook's cells, each made once with openpyxl's setters and
    then given to every cell that looks the same. Setting a font and an alignment on each
    cell looks them up by hash every time: that was most of the time spent building."""

    def __init__(self, number_header: Callable[[str], str] = "{} (giá trị số)".format) -> None:
        self._made: dict[Look, StyleArray] = {}
        #: The heading of the numbers' twin of a column of figures, from its heading.
        self.number_header = number_header

    def get(self, ws: Worksheet, look: Look) -> StyleArray:
        if look not in self._made:
            header, number_format, quoted, figure = look
            model = Cell(ws)  # never placed in the sheet: only its style is kept
            model.font = CELL_FONT
            model.alignment = FIGURE if figure else WRAP
            model.border = GRID
            if header:
                model.font = HEADER_FONT
            if number_format:
                model.number_format = number_format
            if quoted:
                model.quotePrefix = True
            self._made[look] = model._style
        return self._made[look]


def _is_figure(value: object) -> bool:
    return isinstance(value, Decimal | int | float) and not isinstance(value, bool)


def _places(values: Sequence[object]) -> int:
    """Decimals shown for the figures of one row: as many as the most precise has, at most
    two, so that a row reads "6,8 7,1 7,0" and a count "54 61 62"."""
    places = [
        max(0, -int(Decimal(str(v)).normalize().as_tuple().exponent))
        for v in values
        if _is_figure(v)
    ]
    return min(max(places, default=0), 2)


def _figure_text(value: object, places: int) -> object:
    """A figure as the Vietnamese write it ("1.234,5"); anything else as it is."""
    if _is_figure(value):
        assert isinstance(value, Decimal | int | float)
        return format_number(value, places)
    return value


def _cell(
    ws: Worksheet, looks: _Looks, value: Any, header: bool = False, figure: bool = False
) -> Cell:
    number_format = None
    if _is_figure(value):
        value, number_format = float(value), NUMBER_FORMAT
    elif isinstance(value, dt.date):
        number_format = DATE_FORMAT
    elif isinstance(value, str):
        value = xml_safe(value)  # openpyxl refuses control characters: never stop the build
    quoted = isinstance(value, str) and value.startswith(FORMULA_START)
    # The style goes in first, so that a date never gets openpyxl's default format.
    look = (header, number_format, quoted, figure and not header)
    cell = Cell(ws, value=value, style_array=looks.get(ws, look))
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, nor an error code such as "#N/A"
    return cell


def _with_twins(values: Sequence[Any], figures: set[int]) -> list[Any]:
    """A row with each figure column as text, then as the number."""
    places = _places([values[i] for i in figures])
    return [
        v
        for i, value in enumerate(values)
        for v in ((_figure_text(value, places), value) if i in figures else (value,))
    ]


def _sheet(
    wb: Workbook,
    looks: _Looks,
    title: str,
    table: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
) -> None:
    """One sheet: a header row and ``rows`` as a filterable table. A column holding any
    figure is written as text in the Vietnamese format, followed by a hidden twin column
    of the numbers, headed ``looks.number_header(its header)``."""
    figures = {i for i in range(len(headers)) if any(_is_figure(r[i]) for r in rows)}
    headers = [
        h
        for i, name in enumerate(headers)
        for h in (name, looks.number_header(name))[: 1 + (i in figures)]
    ]
    twins = [i + 1 + sum(1 for f in figures if f < i) for i in sorted(figures)]
    widths = [w for i, width in enumerate(widths) for w in (width,) * (1 + (i in figures))]
    rows = [_with_twins(values, figures) for values in rows]
    hidden = set(twins)
    as_text = {t - 1 for t in twins}
    ws = wb.create_sheet(title[:31])
    ws.append([_cell(ws, looks, name, header=True) for name in headers])
    for values in rows:
        ws.append([_cell(ws, looks, value, figure=i in as_text) for i, value in enumerate(values)])
    # Heights set here: LibreOffice shows rows of wrapped text one line high otherwise.
    chars = [int(width * CHARS_PER_WIDTH) for width in widths]
    for row, values in enumerate([headers, *rows], start=1):
        texts = (
            wrapped_lines(v, n) for v, n in zip(values, chars, strict=True) if isinstance(v, str)
        )
        lines = max(texts, default=1)
        ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 3)
    for col, (_, width) in enumerate(zip(headers, widths, strict=True), start=1):
        dimension = ws.column_dimensions[get_column_letter(col)]
        dimension.width = width
        if col - 1 in hidden:  # the numbers: one click on "+" shows them
            dimension.hidden = True
            dimension.outlineLevel = 1
    last = get_column_letter(len(headers))
    end = max(2, len(rows) + 1)
    tab = Table(displayName=table, ref=f"A1:{last}{end}")
    tab.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(tab)
    ws.freeze_panes = "A2"
    print_landscape(ws)


def build_summary(cons: Consolidation, labels: Labels) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    looks = _Looks(lambda name: labels("summary.number_column", name=name))
    o, y = cons.outline, cons.outline.year
    years = (  # the figures' columns: last year, this year, next year's plan
        labels("summary.actual_of", year=y - 1),
        labels("summary.actual_of", year=y),
        labels("summary.plan_of", year=y + 1),
    )
    _sheet(
        wb,
        looks,
        labels("summary.indicators_sheet"),
        "ChiTieuTongHop",
        (
            labels("summary.code"),
            labels("summary.indicator"),
            labels("summary.unit"),
            labels("summary.method"),
            labels("summary.target"),
            *years,
            labels("summary.verdict"),
            labels("summary.source"),
        ),
        [
            (
                r.indicator.code,
                r.indicator.name,
                r.indicator.unit,
                labels(
                    "summary.method_sum"
                    if r.indicator.consolidate == "sum"
                    else "summary.method_responsible"
                ),
                r.target.text if r.target else "",
                r.previous,
                r.actual,
                r.next_target,
                verdict_text(r, labels),
                r.source,
            )
            for r in cons.indicators
        ],
        (9, 50, 12, 18, 20, 14, 14, 14, 18, 30),
    )
    _sheet(
        wb,
        looks,
        labels("summary.by_agency_sheet"),
        "ChiTieuTheoCoQuan",
        (
            labels("summary.code"),
            labels("summary.indicator"),
            labels("summary.agency"),
            *years,
            labels("summary.notes"),
            labels("summary.used"),
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
                labels(
                    "summary.used_yes"
                    if r.indicator.consolidate == "sum" or c.agency.name == r.source
                    else "summary.used_no"
                ),
            )
            for r in cons.indicators
            for c in r.contributions
        ],
        (9, 45, 40, 14, 14, 14, 30, 10),
    )
    _sheet(
        wb,
        looks,
        labels("summary.status_sheet"),
        "TinhHinhGui",
        (
            labels("summary.code"),
            labels("summary.agency_full"),
            labels("summary.status"),
            labels("summary.letter_number"),
            labels("summary.letter_date"),
            labels("summary.file_used"),
            labels("summary.files_superseded"),
            labels("summary.files_refused"),
            labels("summary.invalid"),
            labels("summary.later"),
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
                # the cells not used, for the follow-up letter asking for them
                "\n".join(f"{f.sheet}!{f.cell}: {f.message}" for f in s.invalid),
                "; ".join(x.file for x in s.later),
            )
            for s in cons.statuses
        ],
        (8, 34, 16, 14, 11, 22, 18, 18, 30, 16),  # ≈ 180 characters: readable on A4
    )
    _sheet(
        wb,
        looks,
        labels("summary.content_sheet"),
        "NoiDung",
        (
            labels("summary.section"),
            labels("summary.title"),
            labels("summary.agency"),
            labels("summary.content"),
        ),
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
        (10, 40, 30, 100),
    )
    for index, spec in enumerate(o.lists, start=1):
        _sheet(
            wb,
            looks,
            spec.sheet,
            f"DanhSach{index}",
            (labels("summary.agency"), *(c.title for c in spec.columns)),
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
            labels("summary.conflicts_sheet"),
            "XungDot",
            (
                labels("summary.code"),
                labels("summary.indicator"),
                labels("summary.used_agency"),
                labels("summary.used_value"),
                labels("summary.other_agency"),
                labels("summary.other_value"),
            ),
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


def add_sources(wb: Workbook, synthesis: Synthesis, cons: Consolidation, labels: Labels) -> None:
    """Every point of the report with the statements behind it, so the clerk can check any
    sentence; and the recommendations addressed to the Sở itself, its own follow-up list."""
    looks = _Looks(lambda name: labels("summary.number_column", name=name))
    o = cons.outline
    titles = {s.id: f"{s.number} {s.title}" for s in o.sections}
    titles.update({spec.key: spec.title for spec in o.lists})
    _sheet(
        wb,
        looks,
        labels("summary.sources_sheet"),
        "NguonTongHop",
        (
            labels("summary.where"),
            labels("summary.point_number"),
            labels("summary.point"),
            labels("summary.attribution"),
            labels("summary.agency"),
            labels("summary.original"),
        ),
        list(sources_rows(synthesis, titles)),
        (26, 6, 55, 26, 16, 55),
    )
    _sheet(
        wb,
        looks,
        labels("summary.follow_up_sheet"),
        "KienNghiGuiSo",
        (labels("summary.point"), labels("summary.attribution"), labels("summary.original")),
        [
            (p.text, p.attribution, "\n".join(s.text for s in p.item.sources))
            for p in synthesis.follow_up
        ],
        (70, 35, 70),
    )


def write_summary(cons: Consolidation, path: Path, synthesis: Synthesis | None = None) -> None:
    """The summary workbook; with the report's ``synthesis``, also where each point of the
    report came from."""
    labels = Labels.load(cons.ctx.project.templates / "text")
    wb = build_summary(cons, labels)
    if synthesis is not None:
        add_sources(wb, synthesis, cons, labels)
    for ws in wb.worksheets:  # on paper each page says what it is and where it stands
        ws.oddHeader.center.text = ws.title
        ws.oddFooter.center.text = labels("summary.page")
    save(wb, path)
