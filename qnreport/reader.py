"""Opening submitted files safely, and looking cells up by the template's names.

Everything that can be wrong with a file as a file (not a workbook, corrupt, encrypted,
too large, a decompression bomb) is found here, before openpyxl fills memory, and comes
back as one finding. Once open, :class:`Sheetbook` answers "what is in the cell named X"
and "what are the rows of table Y", following merged cells and formulas.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .findings import Catalogue, Finding
from .project import read_toml

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xltx")


@dataclass(frozen=True)
class Limits:
    """Documented in the README and set in ``templates/limits.toml``."""

    max_file_bytes: int = 20 * 2**20
    max_unzipped_bytes: int = 200 * 2**20
    max_ratio: float = 200
    max_parts: int = 2000
    max_cells: int = 200_000

    @classmethod
    def load(cls, path: Path) -> Limits:
        if not path.is_file():
            return cls()
        data = read_toml(path)
        return cls(
            max_file_bytes=int(float(data.get("max_file_mb", 20)) * 2**20),
            max_unzipped_bytes=int(float(data.get("max_unzipped_mb", 200)) * 2**20),
            max_ratio=float(data.get("max_ratio", 200)),
            max_parts=int(data.get("max_parts", 2000)),
            max_cells=int(data.get("max_cells", 200_000)),
        )


def _mb(n: float) -> str:
    return f"{n / 2**20:.1f} MB".replace(".", ",")


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def probe(path: Path, limits: Limits, cat: Catalogue) -> Finding | None:
    """The one finding that stops a file before it is parsed, or None when it may be opened."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return cat.make("FILE_UNREADABLE", reason=exc.strerror or type(exc).__name__)
    if size == 0:
        return cat.make("FILE_EMPTY")
    if size > limits.max_file_bytes:
        return cat.make("FILE_TOO_LARGE", size=_mb(size), limit=_mb(limits.max_file_bytes))
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return cat.make("FILE_NOT_EXCEL", kind="tệp PDF")
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            return cat.make("FILE_ENCRYPTED")
        if "WordDocument".encode("utf-16-le") in data:
            return cat.make("FILE_NOT_EXCEL", kind="văn bản Word 97-2003 (.doc)")
        return cat.make("FILE_XLS")
    if not head.startswith(b"PK"):
        if suffix not in WORKBOOK_SUFFIXES:
            return cat.make("FILE_TYPE_UNSUPPORTED", suffix=suffix or path.name)
        if head.lstrip().startswith(b"<"):
            return cat.make("FILE_NOT_EXCEL", kind="trang HTML/XML")
        return cat.make("FILE_CORRUPT", reason="không phải tệp nén Office Open XML")
    return _probe_zip(path, limits, cat)


def _probe_zip(path: Path, limits: Limits, cat: Catalogue) -> Finding | None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "mimetype" in names:
                mimetype = zf.read("mimetype")[:100]
                if b"spreadsheet" in mimetype:
                    return cat.make("FILE_ODS", name=path.name)
                return cat.make("FILE_NOT_EXCEL", kind="tệp OpenDocument khác")
            if "word/document.xml" in names:
                return cat.make("FILE_NOT_EXCEL", kind="văn bản Word (.docx)")
            if "ppt/presentation.xml" in names:
                return cat.make("FILE_NOT_EXCEL", kind="bản trình chiếu PowerPoint")
            if "xl/workbook.xml" not in names:
                return cat.make("FILE_CORRUPT", reason="thiếu phần xl/workbook.xml")
            total = sum(i.file_size for i in infos)
            worst = max(
                (i.file_size / i.compress_size for i in infos if i.compress_size > 0), default=0
            )
            if (
                len(infos) > limits.max_parts
                or total > limits.max_unzipped_bytes
                or (worst > limits.max_ratio and total > 2**20)
            ):
                return cat.make(
                    "FILE_ZIP_BOMB", size=_mb(total), limit=_mb(limits.max_unzipped_bytes)
                )
            for info in infos:
                if info.filename.startswith("xl/worksheets/sheet"):
                    with zf.open(info) as fh:
                        start = fh.read(4096)
                    match = _DIMENSION.search(start)
                    if match and match.group(3):
                        cols = _column_number(match.group(3)) - _column_number(match.group(1)) + 1
                        rows = int(match.group(4)) - int(match.group(2)) + 1
                        if cols * rows > limits.max_cells:
                            return cat.make(
                                "FILE_TOO_MANY_CELLS",
                                sheet=_sheet_titles(zf).get(info.filename, info.filename),
                                cells=f"{cols * rows:,}".replace(",", "."),
                                limit=f"{limits.max_cells:,}".replace(",", "."),
                            )
            bad = zf.testzip()
            if bad is not None:
                return cat.make("FILE_CORRUPT", reason=f"phần {bad} bị hỏng")
    except zipfile.BadZipFile as exc:
        return cat.make("FILE_CORRUPT", reason=f"tệp nén hỏng: {exc}")
    except (OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        return cat.make("FILE_CORRUPT", reason=str(exc) or type(exc).__name__)
    return None


def _sheet_titles(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part ("xl/worksheets/sheet4.xml") -> the sheet's name as people see it."""
    from defusedxml import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        targets: dict[str | None, str] = {}
        for r in rels:
            target = r.get("Target", "")
            absolute = target.startswith("/")
            targets[r.get("Id")] = (
                target.lstrip("/") if absolute else posixpath.normpath(posixpath.join("xl", target))
            )
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        return {
            targets[s.get(rel)]: s.get("name", "")
            for s in book.iter(f"{main}sheet")
            if s.get(rel) in targets
        }
    except Exception:  # a damaged index only costs the friendly name
        return {}


def open_workbook(path: Path, cat: Catalogue) -> tuple[Any, Finding | None]:
    """openpyxl's workbook (formulas kept, rich text for legacy fonts), or the finding."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=False, rich_text=True, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged XML
        return None, cat.make("FILE_CORRUPT", reason=type(exc).__name__ + ": " + str(exc)[:120])
    return wb, None


@dataclass(frozen=True)
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
    """Named cells and tables of an open workbook."""

    def __init__(self, wb: Any, path: Path) -> None:
        self.wb = wb
        self.path = path
        self._cached: Any = None
        self._merges: dict[str, dict[str, str]] = {}

    @property
    def sheet_names(self) -> list[str]:
        return list(self.wb.sheetnames)

    def meta(self, sheet: str) -> dict[str, str] | None:
        if sheet not in self.wb.sheetnames:
            return None
        ws = self.wb[sheet]
        values: dict[str, str] = {}
        for row in ws.iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
            if row and row[0] is not None:
                values[str(row[0]).strip()] = "" if row[1] is None else str(row[1]).strip()
        return values

    def named(self, name: str) -> Cell | None:
        """The cell an Excel defined name points at, or None when the name is gone."""
        defined = self.wb.defined_names.get(name)
        if defined is None:
            return None
        try:
            destinations = list(defined.destinations)
        except Exception:
            return None
        if not destinations:
            return None
        sheet, ref = destinations[0]
        if sheet not in self.wb.sheetnames or "#REF" in ref:
            return None
        return self.cell(sheet, ref.replace("$", "").split(":")[0])

    def cell(self, sheet: str, ref: str) -> Cell:
        from openpyxl.cell.cell import MergedCell

        ws = self.wb[sheet]
        c = ws[ref]
        if isinstance(c, MergedCell):  # inside a merged range: its value is the first cell's
            start = self._merge_starts(ws).get(c.coordinate)
            if start:
                c = ws[start]
        return self._read(ws, c)

    def _merge_starts(self, ws: Any) -> dict[str, str]:
        """Cell -> first cell of its merged range, built once per sheet (looking through
        every range for every cell made a long list with merged rows take minutes)."""
        starts = self._merges.get(ws.title)
        if starts is None:
            starts = {}
            for merged in ws.merged_cells.ranges:
                first = merged.start_cell.coordinate
                for row, col in merged.cells:
                    starts.setdefault(f"{_letter(col)}{row}", first)
            self._merges[ws.title] = starts
        return starts

    def _read(self, ws: Any, c: Any) -> Cell:
        from openpyxl.cell.rich_text import CellRichText, TextBlock

        value = c.value
        font = c.font.name if c.font is not None else None
        runs: tuple[tuple[str, str | None], ...] = ()
        formula = ""
        if isinstance(value, CellRichText):
            runs = tuple(
                (part.text, part.font.rFont if part.font is not None else font)
                if isinstance(part, TextBlock)
                else (str(part), font)
                for part in value
            )
            value = "".join(text for text, _ in runs)
        elif isinstance(value, str) and value.startswith("="):
            formula = value
            value = self._formula_value(ws, c.coordinate, formula)
        elif value is not None and type(value).__name__ == "ArrayFormula":
            formula = str(getattr(value, "text", ""))
            value = self._formula_value(ws, c.coordinate, formula)
        return Cell(
            ws.title, c.coordinate, value, font, c.number_format or "General", runs, formula
        )

    def _formula_value(self, ws: Any, ref: str, formula: str) -> Any:
        """The value Excel cached for a formula; else the value of simple arithmetic over
        cells of the sheet; else :data:`UNRESOLVED`."""
        if self._cached is None:
            import openpyxl

            try:
                self._cached = openpyxl.load_workbook(self.path, data_only=True, read_only=False)
            except Exception:
                self._cached = False
        if self._cached:
            cached = self._cached[ws.title][ref].value
            if cached is not None:
                return cached
        computed = evaluate(formula, lambda r: self._number_at(ws, r))
        return UNRESOLVED if computed is None else Computed(computed)

    def _number_at(self, ws: Any, ref: str) -> float | None:
        cell = self._read(ws, ws[ref])
        value = cell.value
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
        """(sheet, first column, header row, last column, last row) of table ``name``."""
        from openpyxl.utils.cell import range_boundaries

        for ws in self.wb.worksheets:
            if name in ws.tables:
                min_col, min_row, max_col, max_row = range_boundaries(ws.tables[name].ref)
                return ws.title, min_col, min_row, max_col, max_row
        return None

    def rows(
        self, sheet: str, first_col: int, last_col: int, start: int, stop: int
    ) -> Iterator[tuple[int, list[Cell]]]:
        for row in range(start, stop + 1):
            yield (
                row,
                [
                    self.cell(sheet, f"{_letter(col)}{row}")
                    for col in range(first_col, last_col + 1)
                ],
            )

    def max_row(self, sheet: str) -> int:
        return int(self.wb[sheet].max_row)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


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
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(
        f"{match.group(1)}:{match.group(2)}".replace("$", "")
    )
    if (max_col - min_col + 1) * (max_row - min_row + 1) > 1000:
        return "?"
    refs = [
        f"{_letter(c)}{r}" for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
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
