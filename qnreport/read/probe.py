"""Opening a submitted file safely: everything that can be wrong with it as a file.

Not a workbook, corrupt, encrypted, too large, a decompression bomb: :func:`probe` and
:func:`_check_zip` find it before anything is parsed, and it comes back as one finding.
:func:`open_workbook` is the one way in: a :class:`Sheetbook`, or the finding.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from pathlib import Path

from ..config.limits import Limits
from ..config.rounds import ROUND_FILE
from ..files import os_reason
from ..findings import Catalogue, Finding
from .sheetbook import (
    ZIP_ERRORS,
    Sheetbook,
    Unreadable,
    count_text,
    megabytes,
    sheet_titles,
    zip_problem,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Files sent beside the workbook, named for what they are (the covering letter).
DOCUMENT_SUFFIXES = {
    ".pdf": "tệp PDF",
    ".docx": "văn bản Word",
    ".doc": "văn bản Word 97-2003",
    ".odt": "văn bản OpenDocument",
    ".rtf": "văn bản RTF",
}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xltx")
#: Replies sent as letters: ``qnreport import`` turns them into workbooks.
LETTER_SUFFIXES = {
    ".docx": "văn bản Word (.docx)",
    ".doc": "văn bản Word 97-2003 (.doc)",
    ".pdf": "tệp PDF",
}


def _kind_of(mode: int) -> str:
    """What a path that is no regular file is (a link is followed to what it names)."""
    if stat.S_ISDIR(mode):
        return "một thư mục"
    if stat.S_ISFIFO(mode):
        return "một ống dẫn (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một thiết bị (hoặc liên kết tới thiết bị)"
    return "một đối tượng đặc biệt của hệ thống"


def probe(path: Path, limits: Limits, cat: Catalogue) -> Finding | None:
    """The one finding that stops a file before its zip is opened (what kind of file it
    really is, its size), or None; the zip's own checks are :func:`_check_zip`'s."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
            return cat.make("FILE_NOT_REGULAR", kind=_kind_of(st.st_mode))
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return cat.make("FILE_UNREADABLE", reason=os_reason(exc))
    size = st.st_size
    if size == 0:
        return cat.make("FILE_EMPTY")
    if size > limits.max_file_bytes:
        return cat.make(
            "FILE_TOO_LARGE", size=megabytes(size), limit=megabytes(limits.max_file_bytes)
        )
    suffix = path.suffix.lower()
    if suffix in LETTER_SUFFIXES:
        # The command to run from the project folder: inputs/<round>/<file> --round <round>.
        in_round = (path.parent / ROUND_FILE).is_file()
        in_inputs = in_round and path.parent.parent.name == "inputs"
        return cat.make(
            "LETTER_FILE",
            name=path.name,
            path=f"inputs/{path.parent.name}/{path.name}" if in_inputs else path.name,
            kind=LETTER_SUFFIXES[suffix],
            round=path.parent.name if in_round else "<mã đợt>",
        )
    if suffix in DOCUMENT_SUFFIXES:  # other documents sent beside the workbook
        return cat.make("FILE_DOCUMENT", kind=DOCUMENT_SUFFIXES[suffix], name=path.name)
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


def _check_zip(
    zf: zipfile.ZipFile, path: Path, limits: Limits, cat: Catalogue, cells: dict[str, int]
) -> Finding | None:
    """What the zip is, and whether it is safe to inflate: before any part is parsed.
    CRCs are checked as parts are read (:meth:`Sheetbook.verify` for the rest). The cells
    of each sheet are counted into ``cells`` (by part name)."""
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
        return cat.make(
            "FILE_ZIP_BOMB", size=megabytes(total), limit=megabytes(limits.max_unzipped_bytes)
        )
    for info in infos:
        if not info.filename.startswith("xl/worksheets/sheet"):
            continue
        cells[info.filename] = _count_cells(zf, info, limits.max_cells)
        if cells[info.filename] > limits.max_cells:
            return cat.make(
                "FILE_TOO_MANY_CELLS",
                sheet=sheet_titles(zf).get(info.filename, info.filename),
                cells=f"hơn {count_text(limits.max_cells)}",
                limit=count_text(limits.max_cells),
            )
    return None


# A cell element, with or without a namespace prefix; never <col>, <cfRule> and the like.
_CELL = re.compile(rb"<(?:\w{1,10}:)?c[\s/>]")
_CELL_SPAN = 14  # the longest match: a tail this long may hold the start of a cell tag


def _count_cells(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> int:
    """The cells a sheet really holds, counted while inflating it (a <dimension> can be
    missing or false), stopping past ``limit``: one verdict whatever the sheet claims,
    and nothing built in memory."""
    count = 0
    carry = b""
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            data = carry + chunk
            cut = len(data) - _CELL_SPAN
            count += sum(1 for m in _CELL.finditer(data, 0, len(data)) if m.start() < cut)
            carry = data[cut:]
            if count > limit:
                return count
    return count + len(_CELL.findall(carry))


def open_workbook(path: Path, cat: Catalogue, limits: Limits | None = None) -> Sheetbook | Finding:
    """The workbook ready for questions, or the one finding that says why it cannot be:
    the file read once, its zip directory parsed once, checked before any part is."""
    limits = limits or Limits()
    stop = probe(path, limits, cat)
    if stop is not None:
        return stop
    try:
        zf = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        cells: dict[str, int] = {}
        return _check_zip(zf, path, limits, cat, cells) or Sheetbook(zf, path, limits, cells)
    except Unreadable as exc:
        return cat.make(exc.code, **exc.values)
    except (*ZIP_ERRORS, KeyError, ValueError) as exc:
        return cat.make("FILE_CORRUPT", reason=f"tệp nén hỏng: {zip_problem(exc)}")
