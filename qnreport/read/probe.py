"""Opening a submitted file safely: everything that can be wrong with it as a file.

Not a workbook, corrupt, encrypted, too large, a decompression bomb: :func:`probe` and
:func:`_check_zip` find it before anything is parsed, and it comes back as one finding.
:func:`open_workbook` is the one way in: a :class:`Sheetbook`, or the finding.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..config.limits import Limits
from ..findings import Catalogue, Finding
from .sheetbook import (
    ZIP_ERRORS,
    Sheetbook,
    Unreadable,
    column_number,
    count_text,
    sheet_titles,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xltx")


def _mb(n: float) -> str:
    return f"{n / 2**20:.1f} MB".replace(".", ",")


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def probe(path: Path, limits: Limits, cat: Catalogue) -> Finding | None:
    """The one finding that stops a file before its zip is opened (what kind of file it
    really is, its size), or None; the zip's own checks are :func:`_check_zip`'s."""
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
        return cat.make("FILE_NOT_EXCEL", variant="pdf")
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            return cat.make("FILE_ENCRYPTED")
        if "WordDocument".encode("utf-16-le") in data:
            return cat.make("FILE_NOT_EXCEL", variant="doc")
        return cat.make("FILE_XLS")
    if not head.startswith(b"PK"):
        if suffix not in WORKBOOK_SUFFIXES:
            return cat.make("FILE_TYPE_UNSUPPORTED", suffix=suffix or path.name)
        if head.lstrip().startswith(b"<"):
            return cat.make("FILE_NOT_EXCEL", variant="html")
        return cat.make("FILE_CORRUPT", reason="không phải tệp nén Office Open XML")
    return None


def _check_zip(zf: zipfile.ZipFile, path: Path, limits: Limits, cat: Catalogue) -> Finding | None:
    """What the zip is, and whether it is safe to inflate: before any part is parsed.
    CRCs are checked as parts are read (:meth:`Sheetbook.verify` for the rest)."""
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if "mimetype" in names:
        mimetype = zf.read("mimetype")[:100]
        if b"spreadsheet" in mimetype:
            return cat.make("FILE_ODS", name=path.name)
        return cat.make("FILE_NOT_EXCEL", variant="opendocument")
    if "word/document.xml" in names:
        return cat.make("FILE_NOT_EXCEL", variant="docx")
    if "ppt/presentation.xml" in names:
        return cat.make("FILE_NOT_EXCEL", variant="pptx")
    if "xl/workbook.xml" not in names:
        return cat.make("FILE_CORRUPT", reason="thiếu phần xl/workbook.xml")
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / i.compress_size for i in infos if i.compress_size > 0), default=0)
    if (
        len(infos) > limits.max_parts
        or total > limits.max_unzipped_bytes
        or (worst > limits.max_ratio and total > 2**20)
    ):
        return cat.make("FILE_ZIP_BOMB", size=_mb(total), limit=_mb(limits.max_unzipped_bytes))
    for info in infos:
        if info.filename.startswith("xl/worksheets/sheet"):
            with zf.open(info) as fh:
                start = fh.read(4096)
            match = _DIMENSION.search(start)
            if match and match.group(3):
                cols = column_number(match.group(3)) - column_number(match.group(1)) + 1
                rows = int(match.group(4)) - int(match.group(2)) + 1
                if cols * rows > limits.max_cells:
                    return cat.make(
                        "FILE_TOO_MANY_CELLS",
                        sheet=sheet_titles(zf).get(info.filename, info.filename),
                        cells=count_text(cols * rows),
                        limit=count_text(limits.max_cells),
                    )
    return None


def open_workbook(path: Path, cat: Catalogue, limits: Limits | None = None) -> Sheetbook | Finding:
    """The workbook ready for questions, or the one finding that says why it cannot be:
    the file read once, its zip directory parsed once, checked before any part is."""
    limits = limits or Limits()
    stop = probe(path, limits, cat)
    if stop is not None:
        return stop
    try:
        zf = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        return _check_zip(zf, path, limits, cat) or Sheetbook(zf, path, limits)
    except Unreadable as exc:
        return cat.make(exc.code, **exc.values)
    except zipfile.BadZipFile as exc:
        return cat.make("FILE_CORRUPT", reason=f"tệp nén hỏng: {exc}")
    except (*ZIP_ERRORS, KeyError, ValueError) as exc:
        return cat.make("FILE_CORRUPT", reason=type(exc).__name__ + ": " + str(exc)[:120])
