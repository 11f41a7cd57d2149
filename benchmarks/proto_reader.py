"""PROTOTYPE - used by the benchmark only, never by qnreport itself.

A drop-in for ``qnreport.reader.open_workbook`` + ``Sheetbook`` that reads a workbook with
one lxml pass over the parts validation needs, instead of openpyxl's full object model
(loaded twice when a formula is present: ``data_only=False`` then ``data_only=True``).
It exists to measure what such a reader would gain (issue 6); ``bench.py`` swaps it in
for one measurement and checks that every file gives the same submission and findings
as the real reader.

What it reads, and why that is enough for ``validate.py``:

* ``xl/workbook.xml``: sheet names and order, global defined names, the 1904 flag;
* ``xl/styles.xml``: per cell style, the font name (legacy TCVN3/VNI detection) and the
  number format (dates, percentages);
* ``xl/sharedStrings.xml``: strings, with the font of each rich-text run;
* each worksheet, parsed on first use: cells (value, type, style, formula and the value
  Excel cached for it - so no second load), merged ranges, the tables it holds.

Not covered (falls back to nothing, so a real implementation would need them): shared
formulas without cached values, array formulas' refs, ``t="d"`` ISO cells.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from qnreport.reader import UNRESOLVED, Cell, Computed, evaluate

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
# openpyxl.styles.numbers.is_date_format / is_timedelta_format, copied to avoid its import.
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_DEFINED = re.compile(
    r"^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$"
)


def _is_date(fmt: str) -> bool:
    fmt = _STRIP.sub("", fmt.split(";")[0])
    return re.search(r"(?<![_\\])[dmhysDMHYS]", fmt) is not None


def _from_excel(value: float, date1904: bool, timedelta: bool) -> Any:
    if timedelta:
        return dt.timedelta(days=value)
    epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        return (dt.datetime.min + diff).time()
    if 0 < value < 60 and not date1904:
        day += 1
    return epoch + dt.timedelta(days=day) + diff


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _bounds(ref: str) -> tuple[int, int, int, int]:
    first, _, last = ref.replace("$", "").partition(":")
    last = last or first
    a, b = _REF.match(first), _REF.match(last)
    assert a and b, ref
    return _col(a[1]), int(a[2]), _col(b[1]), int(b[2])


def _text(node: Any) -> tuple[Any, ...] | str:
    """A ``<si>`` or ``<is>``: plain text, or rich-text runs ``(text, font, has_rPr)``."""
    t = node.find(MAIN + "t")
    if t is not None and t.text:
        return t.text.replace("x005F_", "")
    runs = []
    for r in node.iterchildren(MAIN + "r"):
        rt = r.find(MAIN + "t")
        text = (rt.text or "").replace("x005F_", "") if rt is not None else ""
        rpr = r.find(MAIN + "rPr")
        if rpr is None:
            runs.append((text, None, False))
        else:
            font = rpr.find(MAIN + "rFont")
            runs.append((text, font.get("val") if font is not None else None, True))
    if not runs:
        return ""
    if len(runs) == 1 and not runs[0][2]:
        return runs[0][0]
    return tuple(runs)


class _Defined:
    """What validate.py reads of an openpyxl DefinedName."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.attr_text = text

    @property
    def destinations(self) -> Iterator[tuple[str, str]]:
        match = _DEFINED.match(self.attr_text.strip())
        if match:
            sheet = match[1].replace("''", "'") if match[1] is not None else match[2]
            yield sheet, match[3]


class _Sheet:
    def __init__(self, book: ProtoBook, title: str, part: str) -> None:
        self.book = book
        self.title = title
        self.part = part
        self._cells: dict[str, tuple[str, int, str | None, Any, Any]] | None = None
        self.merged: list[tuple[int, int, int, int, str]] = []
        self.tables: dict[str, str] = {}
        self.max_row = 1

    @property
    def cells(self) -> dict[str, tuple[str, int, str | None, Any, Any]]:
        if self._cells is None:
            self._load()
        assert self._cells is not None
        return self._cells

    def _load(self) -> None:
        root = etree.fromstring(self.book.part(self.part), _PARSER)
        cells: dict[str, tuple[str, int, str | None, Any, Any]] = {}
        max_row = 0
        data = root.find(MAIN + "sheetData")
        if data is not None:
            for row in data.iterchildren(MAIN + "row"):
                for c in row.iterchildren(MAIN + "c"):
                    ref = c.get("r")
                    v = c.find(MAIN + "v")
                    f = c.find(MAIN + "f")
                    inline = c.find(MAIN + "is")
                    cells[ref] = (
                        c.get("t", "n"),
                        int(c.get("s", 0)),
                        v.text if v is not None else None,
                        f,
                        inline,
                    )
                    max_row = max(max_row, int(_REF.match(ref)[2]))  # type: ignore[index]
        merge = root.find(MAIN + "mergeCells")
        if merge is not None:
            for m in merge.iterchildren(MAIN + "mergeCell"):
                ref = m.get("ref")
                c1, r1, c2, r2 = _bounds(ref)
                self.merged.append((c1, r1, c2, r2, f"{_letters(c1)}{r1}"))
        parts = root.find(MAIN + "tableParts")
        if parts is not None:
            rels = self.book.rels(self.part)
            for tp in parts.iterchildren(MAIN + "tablePart"):
                target = rels.get(tp.get(REL_ID, ""))
                if target:
                    t = etree.fromstring(self.book.part(target), _PARSER)
                    self.tables[t.get("name") or t.get("displayName")] = t.get("ref")
        self.max_row = max_row or 1
        self._cells = cells

    def value(self, ref: str) -> tuple[Any, str, tuple[tuple[str, str | None], ...], str, int]:
        """(value as openpyxl's formula load shows it, number format, runs, formula, font
        style) of ``ref``; formulas come back with the value Excel cached for them."""
        raw = self.cells.get(ref)
        if raw is None:
            return None, "General", (), "", -1
        t, s, v, f, inline = raw
        book = self.book
        fmt = book.formats[s] if s < len(book.formats) else "General"
        formula = ""
        if f is not None:
            formula = "=" + (f.text or "")
        value: Any = None
        runs: tuple[tuple[str, str | None], ...] = ()
        if t == "inlineStr":
            value = _text(inline) if inline is not None else None
        elif v is not None and v != "":
            if t == "s":
                value = book.strings[int(v)]
            elif t == "n":
                value = float(v) if ("." in v or "E" in v or "e" in v) else int(v)
                if book.date_styles.get(s):
                    value = _from_excel(value, book.date1904, book.date_styles[s] == "td")
            elif t == "b":
                value = bool(int(v))
            else:  # str, e
                value = v
        if isinstance(value, tuple):
            font = book.font_of(s)
            runs = tuple((text, rfont if has_rpr else font) for text, rfont, has_rpr in value)
            value = "".join(text for text, _ in runs)
        elif isinstance(value, str) and value.startswith("=") and not formula:
            formula = value  # typed text that openpyxl would take for a formula
        return value, fmt, runs, formula, s

    # openpyxl-like access for validate.find_header (tables removed by the user)
    def iter_rows(self, min_row: int, max_row: int, max_col: int) -> Iterator[list[Any]]:
        for r in range(min_row, max_row + 1):
            yield [_PlainCell(self.value(f"{_letters(c)}{r}")[0], r) for c in range(1, max_col + 1)]


class _PlainCell:
    def __init__(self, value: Any, row: int) -> None:
        self.value = value
        self.row = row


class _Workbook:
    """The part of openpyxl's Workbook that validate.py touches directly."""

    def __init__(self, book: ProtoBook) -> None:
        self.book = book
        self.defined_names = book.defined
        self.sheetnames = list(book.sheets)

    def __getitem__(self, name: str) -> _Sheet:
        return self.book.sheets[name]


class ProtoBook:
    """Sheetbook's interface over a one-pass lxml read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as zf:
            self._parts = {
                name: zf.read(name)
                for name in zf.namelist()
                if name.startswith("xl/") and name.endswith((".xml", ".rels"))
            }
        book = etree.fromstring(self._parts["xl/workbook.xml"], _PARSER)
        pr = book.find(MAIN + "workbookPr")
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        targets = self.rels("xl/workbook.xml")
        self.sheets: dict[str, _Sheet] = {}
        sheets = book.find(MAIN + "sheets")
        for s in sheets.iterchildren(MAIN + "sheet") if sheets is not None else ():
            part = targets.get(s.get(REL_ID, ""))
            if part:
                self.sheets[s.get("name")] = _Sheet(self, s.get("name"), part)
        self.defined: dict[str, _Defined] = {}
        names = book.find(MAIN + "definedNames")
        for d in names.iterchildren(MAIN + "definedName") if names is not None else ():
            if d.get("localSheetId") is None:
                self.defined[d.get("name")] = _Defined(d.get("name"), d.text or "")
        self._styles()
        self.strings: list[Any] = []
        shared = next((p for p in self._parts if p.lower() == "xl/sharedstrings.xml"), None)
        if shared:
            root = etree.fromstring(self._parts[shared], _PARSER)
            self.strings = [_text(si) for si in root.iterchildren(MAIN + "si")]
        self.wb = _Workbook(self)
        self._cached = None

    def part(self, name: str) -> bytes:
        return self._parts[name]

    def rels(self, part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        data = self._parts.get(f"{folder}/_rels/{base}.rels")
        if data is None:
            return {}
        out = {}
        for r in etree.fromstring(data, _PARSER).iterchildren(PKG_REL + "Relationship"):
            target = r.get("Target", "")
            out[r.get("Id")] = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        return out

    def _styles(self) -> None:
        self.fonts: list[str | None] = []
        self.formats: list[str] = []
        self.font_ids: list[int] = []
        self.date_styles: dict[int, str] = {}
        data = self._parts.get("xl/styles.xml")
        if data is None:
            return
        root = etree.fromstring(data, _PARSER)
        custom: dict[int, str] = {}
        numfmts = root.find(MAIN + "numFmts")
        for n in numfmts.iterchildren(MAIN + "numFmt") if numfmts is not None else ():
            custom[int(n.get("numFmtId"))] = n.get("formatCode", "General")
        fonts = root.find(MAIN + "fonts")
        for f in fonts.iterchildren(MAIN + "font") if fonts is not None else ():
            name = f.find(MAIN + "name")
            self.fonts.append(name.get("val") if name is not None else None)
        xfs = root.find(MAIN + "cellXfs")
        for index, xf in enumerate(xfs.iterchildren(MAIN + "xf") if xfs is not None else ()):
            fid = int(xf.get("numFmtId", 0))
            fmt = custom.get(fid) or BUILTIN_FORMATS.get(fid, "General")
            self.formats.append(fmt)
            self.font_ids.append(int(xf.get("fontId", 0)))
            if _is_date(fmt):
                self.date_styles[index] = "td" if _TIMEDELTA.search(fmt.split(";")[0]) else "d"

    def font_of(self, style: int) -> str | None:
        if style < 0:  # a cell the file does not hold: openpyxl's default style
            return self.fonts[0] if self.fonts else None
        fid = self.font_ids[style] if style < len(self.font_ids) else 0
        return self.fonts[fid] if fid < len(self.fonts) else None

    # ------------------------------------------------------------------ Sheetbook API
    @property
    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def meta(self, sheet: str) -> dict[str, str] | None:
        if sheet not in self.sheets:
            return None
        ws = self.sheets[sheet]
        values: dict[str, str] = {}
        for r in range(1, 51):
            key = ws.value(f"A{r}")[0]
            if key is not None:
                val = ws.value(f"B{r}")[0]
                values[str(key).strip()] = "" if val is None else str(val).strip()
        return values

    def named(self, name: str) -> Cell | None:
        defined = self.defined.get(name)
        if defined is None:
            return None
        destinations = list(defined.destinations)
        if not destinations:
            return None
        sheet, ref = destinations[0]
        if sheet not in self.sheets or "#REF" in ref:
            return None
        return self.cell(sheet, ref.replace("$", "").split(":")[0])

    def cell(self, sheet: str, ref: str) -> Cell:
        ws = self.sheets[sheet]
        ws.cells  # noqa: B018 - loads the sheet and its merged ranges
        match = _REF.match(ref)
        assert match, ref
        col, row = _col(match[1]), int(match[2])
        for c1, r1, c2, r2, start in ws.merged:
            if c1 <= col <= c2 and r1 <= row <= r2 and ref != start:
                ref = start
                break
        return self._read(ws, ref)

    def _read(self, ws: _Sheet, ref: str) -> Cell:
        value, fmt, runs, formula, style = ws.value(ref)
        font = self.font_of(style)
        if formula and value is None:
            computed = evaluate(formula, lambda r: self._number_at(ws, r))
            value = UNRESOLVED if computed is None else Computed(computed)
        return Cell(ws.title, ref, value, font, fmt or "General", runs, formula)

    def _number_at(self, ws: _Sheet, ref: str) -> float | None:
        value = self._read(ws, ref).value
        if isinstance(value, Computed):
            return value.value
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return float(value)
        if value is None:
            return 0.0
        return None

    def table(self, sheet: str, name: str) -> tuple[str, int, int, int, int] | None:
        for ws in self.sheets.values():
            ws.cells  # noqa: B018 - loading a sheet reads its tables
            if name in ws.tables:
                c1, r1, c2, r2 = _bounds(ws.tables[name])
                return ws.title, c1, r1, c2, r2
        return None

    def rows(
        self, sheet: str, first_col: int, last_col: int, start: int, stop: int
    ) -> Iterator[tuple[int, list[Cell]]]:
        for row in range(start, stop + 1):
            yield (
                row,
                [
                    self.cell(sheet, f"{_letters(col)}{row}")
                    for col in range(first_col, last_col + 1)
                ],
            )

    def max_row(self, sheet: str) -> int:
        ws = self.sheets[sheet]
        ws.cells  # noqa: B018
        return ws.max_row


def open_workbook(path: Path, cat: Any) -> tuple[Any, Any]:
    """Same contract as qnreport.reader.open_workbook, returning a ProtoBook."""
    try:
        return ProtoBook(path), None
    except Exception as exc:
        return None, cat.make("FILE_CORRUPT", reason=type(exc).__name__ + ": " + str(exc)[:120])


def sheetbook(book: ProtoBook, path: Path) -> ProtoBook:
    """Stands in for ``Sheetbook(wb, path)``: the ProtoBook already is one."""
    return book


# ------------------------------------------------------------------ smaller prototypes
# Each replaces one function of qnreport for a measurement; bench.py checks that the
# results stay identical to qnreport's own.

_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def clean_text_fast(raw: object) -> str:
    """qnreport.values.clean_text without ``str.translate`` over every character (slow on
    non-Latin-1 text): invisible characters are removed only when a regex finds one, and
    spaces are collapsed in one pass over the text rather than one pass per line."""
    from qnreport.values import _INLINE_SPACE, _MANY_NEWLINES, clean_text
    from qnreport.vntext import nfc

    if not isinstance(raw, str):
        return clean_text(raw)
    text = nfc(raw)
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    # one regex pass over the whole text instead of one per line (the class excludes \n)
    lines = [line.strip() for line in _INLINE_SPACE.sub(" ", text).split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def probe_without_testzip(path: Path, limits: Any, cat: Any) -> Any:
    """qnreport.reader.probe without its ``testzip()`` pass, which decompresses every part
    once more only to check CRCs: the reader's own reads check the CRC of every part it
    uses (zipfile raises BadZipFile on a mismatch)."""
    from qnreport import reader

    original = zipfile.ZipFile.testzip
    zipfile.ZipFile.testzip = lambda self: None  # type: ignore[method-assign]
    try:
        return reader.probe(path, limits, cat)
    finally:
        zipfile.ZipFile.testzip = original  # type: ignore[method-assign]


def indexed_cell(self: Any, sheet: str, ref: str) -> Any:
    """qnreport.reader.Sheetbook.cell with the merged ranges of a sheet indexed once
    (cell -> top-left cell), instead of testing every range for every cell read."""
    ws = self.wb[sheet]
    index = self.__dict__.setdefault("_merged_index", {})
    starts = index.get(sheet)
    if starts is None:
        starts = {}
        for merged in ws.merged_cells.ranges:
            start = merged.start_cell.coordinate
            for row, col in merged.cells:
                coordinate = f"{_letters(col)}{row}"
                if coordinate != start:
                    starts.setdefault(coordinate, start)
        index[sheet] = starts
    return self._read(ws, ws[starts.get(ref, ref)])


# ------------------------------------------------------------------ build prototypes


def _style_setter() -> Any:
    """python-docx's ``Paragraph.style`` setter, with the style id of each style name
    looked up once per document part instead of by an XPath search over every style (and
    a scan for the default style) on every paragraph and table cell."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.text.paragraph import Paragraph

    original = Paragraph.style
    ids: dict[tuple[int, str], str | None] = {}

    def setter(self: Any, style_or_name: Any) -> None:
        if isinstance(style_or_name, str):
            key = (id(self.part), style_or_name)
            if key not in ids:
                ids[key] = self.part.get_style_id(style_or_name, WD_STYLE_TYPE.PARAGRAPH)
            self._p.style = ids[key]
        else:
            original.fset(self, style_or_name)

    return property(original.fget, setter, doc=original.__doc__)


def _summary_put() -> Any:
    """qnreport.summary._put with one shared Font and Alignment instead of two new style
    objects per cell (openpyxl stores styles by value: the file is the same)."""
    import datetime
    from decimal import Decimal

    from openpyxl.styles import Alignment, Font

    from qnreport import summary

    font = Font(name=summary.FONT, size=11)
    align = Alignment(wrap_text=True, vertical="top")

    def put(ws: Any, row: int, col: int, value: Any) -> None:
        cell = ws.cell(row=row, column=col)
        if isinstance(value, Decimal):
            cell.value = float(value)
            cell.number_format = "#,##0.0#"
        elif isinstance(value, datetime.date):
            cell.value = value
            cell.number_format = "DD/MM/YYYY"
        elif isinstance(value, str):
            cell.value = value
            if value.startswith(summary.FORMULA_START):
                cell.data_type = "s"
                cell.quotePrefix = True
        else:
            cell.value = value
        cell.font = font
        cell.alignment = align

    return put


# ------------------------------------------------------------------ swapping them in


@contextlib.contextmanager
def prototypes(*names: str) -> Iterator[None]:
    """Swap prototype functions into qnreport for the duration (this process only; child
    processes forked inside inherit them)."""
    import qnreport.reader as qreader
    import qnreport.validate as qvalidate

    saved: list[tuple[Any, str, Any]] = []

    def swap(owner: Any, attr: str, value: Any) -> None:
        saved.append((owner, attr, getattr(owner, attr)))
        setattr(owner, attr, value)

    if "merged" in names:
        swap(qreader.Sheetbook, "cell", indexed_cell)
    if "reader" in names:
        swap(qvalidate, "open_workbook", open_workbook)
        swap(qvalidate, "Sheetbook", sheetbook)
    if "clean" in names:
        swap(qvalidate, "clean_text", clean_text_fast)
    if "probe" in names:
        swap(qvalidate, "probe", probe_without_testzip)
    if "styles" in names:
        from docx.text.paragraph import Paragraph

        swap(Paragraph, "style", _style_setter())
    if "summary" in names:
        from qnreport import summary

        swap(summary, "_put", _summary_put())
    try:
        yield
    finally:
        for owner, attr, value in reversed(saved):
            setattr(owner, attr, value)


VARIANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    # key: (label, prototypes swapped in)
    "c": ("(c) qnreport read + validate", ()),
    "p1": ("P1 = (c) + merged ranges indexed once per sheet (openpyxl kept)", ("merged",)),
    "p2": ("P2 = (c) + one-pass lxml reader instead of openpyxl (both loads)", ("reader",)),
    "p3": ("P3 = P2 + clean_text without str.translate", ("reader", "clean")),
    "p4": ("P4 = P3 + no separate testzip() pass", ("reader", "clean", "probe")),
}
