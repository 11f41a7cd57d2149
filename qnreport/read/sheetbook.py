"""Looking cells up in a submitted workbook by the template's names.

Once a file is open (:func:`.probe.open_workbook`), :class:`Sheetbook` answers "what is in
the cell named X" and "what are the rows of table Y", following merged cells and formulas.

Submissions are read with lxml straight from the parts validation needs (workbook,
styles, shared strings, the sheets actually asked for, their tables), in one pass: the
cached value of a formula comes from the same parse as the formula. openpyxl's object
model cost 10-15 times the parse itself and needed a second load for cached values
(``benchmarks/RESULTS.md``); it stays the tool for *writing* workbooks.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config.limits import Limits

# What inflating a damaged zip part can raise (zlib.error: a corrupt deflate stream).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError)


def zip_problem(exc: BaseException) -> str:
    """What is wrong with a zip, in Vietnamese: zipfile and zlib say it in English."""
    text = str(exc)
    if isinstance(exc, zipfile.BadZipFile):
        if "not a zip file" in text:
            return "không phải tệp nén zip: tệp bị cắt cụt hoặc không phải tệp Excel"
        if "CRC" in text:
            return "dữ liệu bị sai lệch (sai mã kiểm tra CRC)"
        if "Overlapped" in text:
            return "các phần trong tệp nén chồng lên nhau"
        return "tệp nén bị cắt cụt hoặc sai cấu trúc"
    if isinstance(exc, zlib.error | EOFError):
        return "dữ liệu nén bị cắt cụt hoặc hỏng"
    if isinstance(exc, RuntimeError) and "encrypted" in text:
        return "tệp nén có mật khẩu"
    if isinstance(exc, NotImplementedError):
        return "tệp nén dùng kiểu nén không được hỗ trợ"
    return "cấu trúc tệp nén không đúng"


def megabytes(n: float) -> str:
    return f"{n / 2**20:.1f} MB".replace(".", ",")


def count_text(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def column_number(letters: bytes | str) -> int:
    n = 0
    for ch in letters.encode() if isinstance(letters, str) else letters:
        n = n * 26 + ch - 64
    return n


MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_ROW, _C, _V, _F, _IS, _T, _R = (MAIN + t for t in ("row", "c", "v", "f", "is", "t", "r"))

# Excel's built-in number formats that matter for reading (dates, percentages, text).
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
    11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm",
    17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
    22: "m/d/yy h:mm", 37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)", 40: "#,##0.00_);[Red](#,##0.00)", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip
# How Excel (and openpyxl) decide that a number format shows a date or a duration.
_FORMAT_NOISE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DURATION = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_DEFINED = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SHIFTABLE = re.compile(r"(?<![A-Za-z_\d.!'\"])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])")
_SMALL_PART = 4 * 2**20  # parts up to this size are inflated whole, then parsed (faster)
_MERGE_INDEXED = 10_000  # merged ranges up to this many cells are indexed cell by cell
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


class Unreadable(Exception):
    """A workbook part that cannot be read: becomes the file's one finding."""

    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code, values)
        self.code = code
        self.values = values


def _parser() -> Any:
    from lxml import etree

    # No entity expansion, no network, no DTD; a part declaring a DTD is refused outright.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class _Parts:
    """The zip's parts, inflated (and CRC-checked) on demand, parsed without a DTD."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        from lxml import etree

        self.zf = zf
        self.names = {name.lower(): name for name in zf.namelist()}
        self.read: set[str] = set()
        self._etree = etree
        self._parser = _parser()

    def xml(self, name: str) -> Any | None:
        """The root element of part ``name`` (case-insensitive, as Excel treats it)."""
        real = self.names.get(name.lower())
        if real is None:
            return None
        self.read.add(real)
        try:
            if self.zf.getinfo(real).file_size <= _SMALL_PART:
                root = self._etree.fromstring(self.zf.read(real), self._parser)
            else:  # parsed as it is inflated: its bytes and its tree are never both held
                with self.zf.open(real) as fh:
                    root = self._etree.parse(fh, self._parser).getroot()
        except ZIP_ERRORS as exc:
            raise Unreadable("FILE_CORRUPT", reason=f"phần {real}: {zip_problem(exc)}") from None
        except self._etree.XMLSyntaxError as exc:
            line = f", dòng {exc.lineno}" if exc.lineno else ""
            reason = f"phần {real} không phải XML hợp lệ{line}"
            raise Unreadable("FILE_CORRUPT", reason=reason) from None
        if root.getroottree().docinfo.internalDTD is not None:  # parsed, never expanded
            raise Unreadable("FILE_CORRUPT", reason=f"phần {real} có khai báo DTD")
        return root

    def rels(self, part: str) -> dict[str, str]:
        """Relationship id -> target part, for the part ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(f"{folder}/_rels/{base}.rels")
        targets: dict[str, str] = {}
        for rel in root.iter(PKG_REL) if root is not None else ():
            target = rel.get("Target", "")
            targets[rel.get("Id", "")] = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        return targets


def _book(parts: _Parts) -> Any:
    """The root of xl/workbook.xml, which every workbook has."""
    book = parts.xml("xl/workbook.xml")
    if book is None:
        raise Unreadable("FILE_CORRUPT", reason="thiếu phần xl/workbook.xml")
    return book


def _sheet_parts(parts: _Parts, book: Any) -> dict[str, str]:
    """Sheet name -> its part, in workbook order."""
    targets = parts.rels("xl/workbook.xml")
    return {
        s.get("name", ""): targets[s.get(REL_ID, "")]
        for s in book.iter(MAIN + "sheet")
        if s.get(REL_ID, "") in targets
    }


def _unescape(text: str) -> str:
    """OOXML writes characters XML cannot hold as ``_xHHHH_`` (``_x005F_`` is ``_``)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _rich(node: Any) -> str | tuple[tuple[str, str | None, bool], ...]:
    """An ``<si>`` or ``<is>``: plain text, or its runs as (text, font, has own format)."""
    t = node.find(_T)
    if t is not None:
        return _unescape(t.text or "")
    runs = []
    for r in node.iterchildren(_R):
        rt = r.find(_T)
        text = _unescape(rt.text or "") if rt is not None else ""
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


def _is_date_format(fmt: str) -> bool:
    return _DATE_CODE.search(_FORMAT_NOISE.sub("", fmt.split(";")[0])) is not None


def _from_serial(value: float, date1904: bool, duration: bool) -> Any:
    """A date serial as Excel shows it (openpyxl's rules, including the 1900 leap bug)."""
    if duration:
        return dt.timedelta(days=value)
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        return (dt.datetime.min + diff).time()
    if 0 < value < 60 and not date1904:
        day += 1
    return (_EPOCH_1904 if date1904 else _EPOCH_1900) + dt.timedelta(days=day) + diff


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _split_ref(ref: str) -> tuple[int, int]:
    """ "B12" -> (row 12, column 2)."""
    match = _REF.match(ref)
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match[2]), column_number(match[1])


def _bounds(ref: str) -> tuple[int, int, int, int]:
    """ "B3:D9" -> (first column, first row, last column, last row)."""
    first, _, last = ref.partition(":")
    r1, c1 = _split_ref(first)
    r2, c2 = _split_ref(last or first)
    return c1, r1, c2, r2


def _shift(formula: str, rows: int, cols: int) -> str:
    """A shared formula as it reads in another cell: relative references moved."""

    def move(m: re.Match[str]) -> str:
        col = m[2] if m[1] else _letters(max(1, column_number(m[2]) + cols))
        row = m[4] if m[3] else str(max(1, int(m[4]) + rows))
        return f"{m[1]}{col}{m[3]}{row}"

    return _SHIFTABLE.sub(move, formula)


class _Budget:
    """What reading a workbook may hold in memory, counted as it is taken: the XML of the
    sheets it parses and the shared strings they use (Limits.max_read_bytes), and their
    cells (Limits.max_cells, for all the sheets read together: each parsed cell costs
    some 350 bytes, and ten sheets at the limit each took 1,4 GB)."""

    def __init__(self, limits: Limits) -> None:
        self.limit = limits.max_read_bytes
        self.cell_limit = limits.max_cells
        self.spent = 0
        self.cells = 0

    def spend(self, size: int, where: str = "") -> None:
        self.spent += size
        if self.spent > self.limit:
            raise Unreadable(
                "FILE_TOO_MUCH_DATA",
                sheet=where or "các trang biểu mẫu",
                size=megabytes(self.spent),
                limit=megabytes(self.limit),
            )

    def count(self, cells: int, where: str) -> None:
        self.cells += cells
        if self.cells > self.cell_limit:
            raise Unreadable(
                "FILE_TOO_MUCH_DATA",
                sheet=where,
                size=f"tổng cộng {count_text(self.cells)} ô",
                limit=f"{count_text(self.cell_limit)} ô",
            )


class _SharedStrings:
    """The shared strings, streamed from their part as cells ask for them, keeping only
    those the loaded sheets use: a file within the byte limits can hold millions that no
    cell references, and a tree of them took gigabytes.

    One forward pass serves every question; a string passed over before a later sheet
    asked for it restarts the pass (rare: the template's sheets are loaded early)."""

    def __init__(self, parts: _Parts, budget: _Budget) -> None:
        self.parts = parts
        self.budget = budget
        self.wanted: set[int] = set()
        self.kept: dict[int, Any] = {}
        self._stream: Iterator[Any] | None = None
        self._next = 0  # index of the next <si> the stream gives
        self._done = False

    def want(self, indices: Iterator[int]) -> None:
        self.wanted.update(indices)

    def get(self, index: int) -> Any:
        if index in self.kept:
            return self.kept[index]
        self.wanted.add(index)
        if self._stream is None or index < self._next:
            self._stream, self._next, self._done = self._open(), 0, False
        while not self._done and self._next <= index:
            si = next(self._stream, None)
            if si is None:
                self._done = True
                break
            if self._next in self.wanted:
                kept = self.kept[self._next] = _rich(si)
                self.budget.spend(len(kept) if isinstance(kept, str) else len(str(kept)))
            self._next += 1
            si.clear(keep_tail=False)
            while si.getprevious() is not None:  # the elements passed over, freed
                del si.getparent()[0]
        if index not in self.kept:
            raise Unreadable("FILE_CORRUPT", reason=f"chuỗi dùng chung số {index} không có")
        return self.kept[index]

    def _open(self) -> Iterator[Any]:
        real = self.parts.names.get("xl/sharedstrings.xml")
        if real is None:
            return iter(())
        return self._elements(real)

    def _elements(self, real: str) -> Iterator[Any]:
        from lxml import etree

        try:
            with self.parts.zf.open(real) as fh:
                events = etree.iterparse(
                    fh,
                    events=("end",),
                    tag=MAIN + "si",
                    resolve_entities=False,
                    no_network=True,
                    load_dtd=False,
                    huge_tree=False,
                )
                for _event, si in events:
                    if si.getroottree().docinfo.internalDTD is not None:
                        raise Unreadable("FILE_CORRUPT", reason=f"phần {real} có khai báo DTD")
                    yield si
            self.parts.read.add(real)  # inflated to its end: its CRC was checked
        except ZIP_ERRORS as exc:
            raise Unreadable("FILE_CORRUPT", reason=f"phần {real}: {zip_problem(exc)}") from None
        except etree.XMLSyntaxError as exc:
            line = f", dòng {exc.lineno}" if exc.lineno else ""
            reason = f"phần {real} không phải XML hợp lệ{line}"
            raise Unreadable("FILE_CORRUPT", reason=reason) from None


class _Sheet:
    """One worksheet, parsed the first time a cell of it is asked for. Cells are indexed
    as elements and decoded only when read: most cells of a sheet never are."""

    def __init__(self, title: str, part: str) -> None:
        self.title = title
        self.part = part
        self.loaded = False
        self.cells: dict[str, Any] = {}  # "B12" -> its <c> element
        self.merged: dict[str, str] = {}  # cell of a merged range -> the range's first cell
        self.wide_merges: dict[int, list[tuple[int, int, int, int]]] = {}  # row -> ranges
        self._shared: dict[str, tuple[int, int, str]] | None = None  # formula id -> master
        self.tables: dict[str, str] = {}
        self.max_row = 1

    def load(self, parts: _Parts, max_cells: int, budget: _Budget, known: dict[str, int]) -> None:
        """Parse the sheet and index its cells; refused before its tree is built when the
        sheets read so far and this one pass the reading budget."""
        real = parts.names.get(self.part.lower())
        counted = known.get(real or "")
        if real is not None:
            budget.spend(parts.zf.getinfo(real).file_size, f'trang "{self.title}"')
        if counted is not None:
            budget.count(counted, f'trang "{self.title}"')
        root = parts.xml(self.part)
        if root is None:
            raise Unreadable("FILE_CORRUPT", reason=f"thiếu phần {self.part}")
        self.root = root
        cells = self.cells
        row_number = max_row = 0
        data = root.find(MAIN + "sheetData")
        for row in data.iterchildren(_ROW) if data is not None else ():
            r = row.get("r")
            row_number = int(r) if r else row_number + 1
            ref = ""
            for c in row.iterchildren(_C):
                given = c.get("r")
                if given:
                    ref = given
                else:  # optional in the format: the cell after the previous one
                    col = _split_ref(ref)[1] + 1 if ref else 1
                    ref = f"{_letters(col)}{row_number}"
                cells[ref] = c
                max_row = row_number
            if len(cells) > max_cells:
                raise Unreadable(
                    "FILE_TOO_MANY_CELLS",
                    sheet=self.title,
                    cells=f"hơn {count_text(max_cells)}",
                    limit=count_text(max_cells),
                )
        if counted is None:
            budget.count(len(cells), f'trang "{self.title}"')
        merge = root.find(MAIN + "mergeCells")
        for m in merge.iterchildren(MAIN + "mergeCell") if merge is not None else ():
            with _quiet():
                c1, r1, c2, r2 = _bounds(m.get("ref", ""))
                if (c2 - c1 + 1) * (r2 - r1 + 1) <= _MERGE_INDEXED:
                    first = f"{_letters(c1)}{r1}"
                    for col in range(c1, c2 + 1):
                        letters = _letters(col)
                        for row_no in range(r1, r2 + 1):
                            self.merged[f"{letters}{row_no}"] = first
                else:  # a whole block merged: indexed by row, not cell by cell
                    for row_no in range(r1, min(r2, r1 + max_cells) + 1):
                        self.wide_merges.setdefault(row_no, []).append((c1, r1, c2, r2))
        table_parts = root.find(MAIN + "tableParts")
        if table_parts is not None:
            targets = parts.rels(self.part)
            for tp in table_parts.iterchildren(MAIN + "tablePart"):
                table = parts.xml(targets.get(tp.get(REL_ID, ""), ""))
                if table is not None and table.get("ref"):
                    self.tables[table.get("name") or table.get("displayName", "")] = table.get(
                        "ref", ""
                    )
        self.max_row = max_row or 1
        self.loaded = True

    def string_indices(self) -> Iterator[int]:
        """The shared strings this sheet's cells use."""
        for c in self.cells.values():
            if c.get("t") == "s":
                v = c.findtext(_V)
                if v and v.isdigit():
                    yield int(v)

    def shared_formula(self, si: str) -> tuple[int, int, str] | None:
        """(row, column, text) of the cell that holds shared formula ``si``'s text."""
        if self._shared is None:
            self._shared = {}
            for ref, c in self.cells.items():
                f = c.find(_F)
                if f is not None and f.get("t") == "shared" and f.text and f.get("si"):
                    self._shared[f.get("si", "")] = (*_split_ref(ref), f.text)
        return self._shared.get(si)

    def anchor(self, ref: str) -> str:
        """The cell whose value ``ref`` shows: the first cell of its merged range."""
        first = self.merged.get(ref)
        if first is not None or not self.wide_merges:
            return first or ref
        row, col = _split_ref(ref)
        for c1, r1, c2, _ in self.wide_merges.get(row, ()):
            if c1 <= col <= c2:
                return f"{_letters(c1)}{r1}"
        return ref


class _quiet:
    """Skip one malformed entry (a merged range with a bad ref) instead of the file."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> bool:
        return kind is not None and issubclass(kind, ValueError)


@dataclass(slots=True)  # not frozen: a frozen __init__ was 3% of reading a workbook
class Cell:
    """A cell as read: raw value (formula resolved where possible), its font and format."""

    sheet: str
    ref: str
    value: Any
    font: str | None = None
    number_format: str = "General"
    runs: tuple[tuple[str, str | None], ...] = ()  # (text, font) for rich-text cells
    formula: str = ""  # the formula when the value came from (or is missing for) one


class Sheetbook:
    """Named cells and tables of a submitted workbook."""

    def __init__(
        self,
        zf: zipfile.ZipFile,
        path: Path,
        limits: Limits | None = None,
        cells: dict[str, int] | None = None,
    ) -> None:
        """``cells``: how many cells each sheet part holds, when the probe counted them."""
        self.path = path
        limits = limits or Limits()
        self.max_cells = limits.max_cells
        self._budget = _Budget(limits)
        self._cells = cells or {}
        self.parts = _Parts(zf)
        book = _book(self.parts)
        self.sheets = {
            title: _Sheet(title, part) for title, part in _sheet_parts(self.parts, book).items()
        }
        pr = book.find(MAIN + "workbookPr")
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self.defined: dict[str, str] = {
            d.get("name", ""): (d.text or "").strip()
            for d in book.iter(MAIN + "definedName")
            if d.get("localSheetId") is None
        }
        self._read_styles()
        # Decoded when a cell uses them: most belong to the instructions and the lists.
        self._strings = _SharedStrings(self.parts, self._budget)

    def _read_styles(self) -> None:
        self.fonts: list[str | None] = []
        self.formats: list[str] = []
        self.font_ids: list[int] = []
        self.date_styles: dict[int, bool] = {}  # style -> is a duration
        root = self.parts.xml("xl/styles.xml")
        if root is None:
            return
        custom = {
            int(n.get("numFmtId", -1)): n.get("formatCode", "General")
            for n in root.iter(MAIN + "numFmt")
        }
        fonts = root.find(MAIN + "fonts")
        for f in fonts.iterchildren(MAIN + "font") if fonts is not None else ():
            name = f.find(MAIN + "name")
            self.fonts.append(name.get("val") if name is not None else None)
        xfs = root.find(MAIN + "cellXfs")
        for index, xf in enumerate(xfs.iterchildren(MAIN + "xf") if xfs is not None else ()):
            fid = int(xf.get("numFmtId") or 0)
            fmt = custom.get(fid) or BUILTIN_FORMATS.get(fid, "General")
            self.formats.append(fmt)
            self.font_ids.append(int(xf.get("fontId") or 0))
            if _is_date_format(fmt):
                self.date_styles[index] = _DURATION.search(fmt.split(";")[0]) is not None

    def verify(self) -> None:
        """Check the CRC of every part not read: a damaged part nobody looks at still
        means Excel will not open the file as it was sent. (``testzip`` would inflate
        the parts already read a second time: a seventh of reading a workbook.)"""
        zf = self.parts.zf
        for info in zf.infolist():
            if info.filename not in self.parts.read and not info.is_dir():
                try:
                    with zf.open(info) as fh:
                        while fh.read(1 << 20):
                            pass
                except ZIP_ERRORS:
                    raise Unreadable(
                        "FILE_CORRUPT", reason=f"phần {info.filename} bị hỏng"
                    ) from None

    def font_of(self, style: int) -> str | None:
        fid = self.font_ids[style] if style < len(self.font_ids) else 0
        return self.fonts[fid] if fid < len(self.fonts) else None

    def _sheet(self, name: str) -> _Sheet:
        ws = self.sheets[name]
        if not ws.loaded:
            ws.load(self.parts, self.max_cells, self._budget, self._cells)
            self._strings.want(ws.string_indices())
        return ws

    # ---------------------------------------------------------------- the questions

    @property
    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def meta(self, sheet: str) -> dict[str, str] | None:
        """The key/value pairs of columns A:B of a sheet (the hidden ``_meta``)."""
        if sheet not in self.sheets:
            return None
        values: dict[str, str] = {}
        for _, (key, val) in self.values(sheet, 1, 50, 2):
            if key is not None:
                values[str(key).strip()] = "" if val is None else str(val).strip()
        return values

    def destination(self, name: str) -> tuple[str, str] | None:
        """(sheet, reference) that defined name ``name`` points at, as written; None when
        the workbook has no such name."""
        text = self.defined.get(name)
        if text is None:
            return None
        match = _DEFINED.match(text.split(",")[0])
        if not match:
            return (text, "") if text.startswith("#REF") else None
        sheet = match[1].replace("''", "'") if match[1] is not None else match[2]
        return sheet, match[3]

    def named(self, name: str) -> Cell | None:
        """The cell an Excel defined name points at, or None when the name is gone."""
        target = self.destination(name)
        if target is None:
            return None
        sheet, ref = target
        ref = ref.split(":")[0].replace("$", "")
        if sheet not in self.sheets or "#REF" in ref or not _REF.match(ref):
            return None
        return self.cell(sheet, ref)

    def cell(self, sheet: str, ref: str) -> Cell:
        ws = self._sheet(sheet)
        return self._read(ws, ws.anchor(ref))

    def _read(self, ws: _Sheet, ref: str) -> Cell:
        c = ws.cells.get(ref)
        if c is None:  # a cell the file does not hold: Excel's default style
            return Cell(ws.title, ref, None, self.font_of(0), self._format(0))
        kind = c.get("t", "n")
        style = int(c.get("s") or 0)
        value: Any = None
        if kind == "inlineStr":
            inline = c.find(_IS)
            value = _rich(inline) if inline is not None else None
        else:
            v = c.findtext(_V)
            if v:
                value = self._typed(kind, style, v)
        runs: tuple[tuple[str, str | None], ...] = ()
        font = self.font_of(style)
        if isinstance(value, tuple):
            runs = tuple((text, own if has_format else font) for text, own, has_format in value)
            value = "".join(text for text, _ in runs)
        formula = ""
        f = c.find(_F)
        if f is not None:
            formula = "=" + self._formula_text(ws, ref, f)
            if value is None:
                computed = evaluate(formula, lambda r: self._number_at(ws, r))
                value = UNRESOLVED if computed is None else Computed(computed)
        elif isinstance(value, str) and value.startswith("="):
            formula = value  # text that reads as a formula: a spreadsheet would run it
        return Cell(ws.title, ref, value, font, self._format(style), runs, formula)

    def _format(self, style: int) -> str:
        return self.formats[style] if style < len(self.formats) else "General"

    def _typed(self, kind: str, style: int, v: str) -> Any:
        if kind == "s":
            try:
                index = int(v)
            except ValueError:
                raise Unreadable(
                    "FILE_CORRUPT", reason=f"chuỗi dùng chung số {v} không có"
                ) from None
            return self._strings.get(index)
        if kind == "n":
            try:
                number: float | int = float(v) if ("." in v or "E" in v or "e" in v) else int(v)
            except ValueError:
                return v
            if style in self.date_styles:
                try:
                    return _from_serial(number, self.date1904, self.date_styles[style])
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "b":
            return v.strip() in ("1", "true")
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(v.rstrip("Z"))
            except ValueError:
                return v
        return v  # "str" (a formula's text result) and "e" (#DIV/0! and the like)

    def _formula_text(self, ws: _Sheet, ref: str, f: Any) -> str:
        if f.text or f.get("t") != "shared":
            return str(f.text or "")
        master = ws.shared_formula(f.get("si", ""))
        if master is None:
            return ""
        row, col = _split_ref(ref)
        return _shift(master[2], row - master[0], col - master[1])

    def _number_at(self, ws: _Sheet, ref: str) -> float | None:
        value = self._read(ws, ws.anchor(ref)).value
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
        """(sheet, first column, header row, last column, last row) of table ``name``,
        on whichever sheet it is now."""
        order = [sheet, *(t for t in self.sheets if t != sheet)] if sheet in self.sheets else []
        for title in order or self.sheets:
            ws = self._sheet(title)
            if name in ws.tables:
                c1, r1, c2, r2 = _bounds(ws.tables[name].replace("$", ""))
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

    def values(
        self, sheet: str, first_row: int, last_row: int, last_col: int
    ) -> Iterator[tuple[int, list[Any]]]:
        """Plain values of columns A to ``last_col``, merged cells empty as in Excel's
        grid, for scanning (a header row, ``_meta``)."""
        ws = self._sheet(sheet)
        for row in range(first_row, last_row + 1):
            refs = [f"{_letters(col)}{row}" for col in range(1, last_col + 1)]
            yield row, [self._read(ws, ref).value if ref in ws.cells else None for ref in refs]

    def max_row(self, sheet: str) -> int:
        return self._sheet(sheet).max_row


class _Unresolved:
    def __repr__(self) -> str:
        return "UNRESOLVED"


UNRESOLVED = _Unresolved()


@dataclass(frozen=True)
class Computed:
    """A value qnreport computed from a formula the file did not compute."""

    value: float


_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(\$?[A-Z]{1,3}\$?\d+)|([-+*/()]))")


def evaluate(formula: str, lookup: Any) -> float | None:
    """Simple arithmetic over cells of one sheet (``=B5+B6*2``, ``=(C4-C3)/C3*100``) and
    ``SUM(B2:B9)``; anything else gives None rather than a guess."""
    text = formula.lstrip("=").strip().upper()
    text = re.sub(
        r"SUM\((\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3}\$?\d+)\)", lambda m: _expand_sum(m), text
    )
    tokens: list[str] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            return None
        number, ref, op = match.groups()
        if ref:
            value = lookup(ref.replace("$", ""))
            if value is None:
                return None
            tokens.append(repr(float(value)))
        else:
            tokens.append(number or op)
        pos = match.end()
    try:
        result = _arith(tokens)
    except (ZeroDivisionError, IndexError, ValueError):
        return None
    return result


def _expand_sum(match: re.Match[str]) -> str:
    min_col, min_row, max_col, max_row = _bounds(f"{match.group(1)}:{match.group(2)}")
    if (max_col - min_col + 1) * (max_row - min_row + 1) > 1000:
        return "?"
    refs = [
        f"{_letters(c)}{r}"
        for r in range(min_row, max_row + 1)
        for c in range(min_col, max_col + 1)
    ]
    return "(" + "+".join(refs) + ")"


def _arith(tokens: list[str]) -> float:
    """A tiny recursive-descent evaluator: no eval() of anything users typed."""
    pos = 0

    def expr() -> float:
        nonlocal pos
        value = term()
        while pos < len(tokens) and tokens[pos] in "+-":
            op = tokens[pos]
            pos += 1
            value = value + term() if op == "+" else value - term()
        return value

    def term() -> float:
        nonlocal pos
        value = factor()
        while pos < len(tokens) and tokens[pos] in "*/":
            op = tokens[pos]
            pos += 1
            value = value * factor() if op == "*" else value / factor()
        return value

    def factor() -> float:
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "-":
            return -factor()
        if token == "+":
            return factor()
        if token == "(":
            value = expr()
            if tokens[pos] != ")":
                raise ValueError("unbalanced")
            pos += 1
            return value
        return float(token)

    result = expr()
    if pos != len(tokens):
        raise ValueError("trailing tokens")
    return result


def sheet_titles(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part ("xl/worksheets/sheet4.xml") -> the sheet's name as people see it."""
    try:
        parts = _Parts(zf)
        return {part: title for title, part in _sheet_parts(parts, _book(parts)).items()}
    except Exception:  # a damaged index only costs the friendly name
        return {}
