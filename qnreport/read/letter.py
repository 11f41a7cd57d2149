"""Reading a reply that arrives as a công văn (Word or PDF) instead of a workbook.

Many agencies answer the Sở's request with a letter in the Nghị định 30/2020 layout: the
header table (agency | Quốc hiệu, số | date, V/v), "Kính gửi", a body that follows the
đề cương more or less, "Nơi nhận" and the signature. :func:`read_letter` turns such a
file into a :class:`LetterReading`: who wrote it and when, which request it answers,
whether the agency says it had no task, and the body placed under the outline's
headings, every piece with where it came from so the clerk can check it. Anything that
cannot be placed goes to ``notes`` with a finding; nothing here raises on a user's file.

The file becomes a list of :class:`Block` (one per paragraph or header fragment) by
:func:`docx_blocks` or :func:`pdf_blocks`; the rest works on blocks, so .docx, .doc
(converted by LibreOffice) and PDF read the same way. The wording the reader looks for
("không được giao nhiệm vụ", abbreviations, other names of headings) is data, in
``templates/letters.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ..config.limits import Limits
from ..config.outline import Indicator, ListSection, Outline, Section
from ..config.registry import Registry
from ..config.rounds import RoundContext
from ..files import read_toml
from ..findings import Catalogue, Finding
from ..vntext import format_number, nfc, short_date, strip_tones, upper_first
from .probe import OLE_MAGIC
from .values import State, read_number

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: A heading fuzzy-matches an outline title at this score (0-100) or above.
HEADING_SCORE = 86
#: An agency name in the header matches the registry at this score or above.
AGENCY_SCORE = 92


# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class Block:
    """One paragraph of the letter (or one column of a header line), and where it is:
    "đoạn 12", "bảng 1, dòng 2, cột 1", "trang 2, dòng 14"."""

    text: str
    where: str
    #: A data table of a Word letter (cell texts by row, header first); ``text`` is then
    #: its header row.
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Placed:
    """A paragraph as read, with its place in the letter."""

    text: str
    where: str


@dataclass(frozen=True)
class Identity:
    """The letter's ND30 header and signature. ``number`` is "" when the số is left
    blank (a draft sent before registration); ``date`` is None when the day is blank,
    ``month``/``year`` still read."""

    agency: str = ""
    agency_text: str = ""
    number: str = ""
    symbol: str = ""
    date: dt.date | None = None
    month: int | None = None
    year: int | None = None
    subject: str = ""
    signer: str = ""
    signer_title: str = ""
    request_number: str = ""
    request_date: dt.date | None = None

    @property
    def letter_number(self) -> str:
        """ "125/SKHCN-QLKH", or "/BDT-CSDT" when the number is blank."""
        return self.number + self.symbol


@dataclass(frozen=True)
class ListItem:
    """One row for a list table of the template (column key -> text)."""

    values: dict[str, str] = field(hash=False)
    where: str = ""


@dataclass(frozen=True)
class Figure:
    """An indicator's figure for the report year, read from a sentence that names the
    indicator and states exactly one figure in its unit."""

    code: str
    value: Decimal
    sentence: str
    where: str


@dataclass(frozen=True)
class LetterReading:
    """What a reply letter says, placed on the round's outline. ``sections`` holds the
    paragraphs under each heading (by outline id), ``lists`` the rows of list headings,
    ``notes`` what matched no heading. ``readable`` is False when the file could not be
    read at all (the findings say why)."""

    file: str
    kind: str
    readable: bool = True
    identity: Identity = field(default_factory=Identity)
    no_task: bool = False
    no_task_reason: str = ""
    no_task_where: str = ""
    sections: dict[str, tuple[Placed, ...]] = field(default_factory=dict, hash=False)
    lists: dict[str, tuple[ListItem, ...]] = field(default_factory=dict, hash=False)
    figures: dict[str, Figure] = field(default_factory=dict, hash=False)
    #: Paragraphs about each assigned task (by task code), under a heading of tasks; an
    #: empty text is the paragraph that named the task as a sub-heading.
    tasks: dict[str, tuple[Placed, ...]] = field(default_factory=dict, hash=False)
    notes: tuple[Placed, ...] = ()
    findings: tuple[Finding, ...] = ()


# ---------------------------------------------------------------- vocabulary


def _fold(text: str) -> str:
    """Compare form: NFC, lower case, no tone marks, punctuation as spaces."""
    text = strip_tones(nfc(text)).casefold()
    return " ".join(re.sub(r"[^\w&]+", " ", text).split())


@dataclass(frozen=True)
class Vocabulary:
    """The wording of ``templates/letters.toml``, folded for comparison."""

    no_task: tuple[str, ...]
    closing: tuple[str, ...]
    signer_titles: tuple[str, ...]
    abbreviations: dict[str, str] = field(hash=False)
    headings: dict[str, tuple[str, ...]] = field(hash=False)
    indicators: dict[str, tuple[str, ...]] = field(hash=False, default_factory=dict)

    @classmethod
    def load(cls, path: Path, outline: Outline) -> Vocabulary:
        data: dict[str, Any] = read_toml(path) if path.is_file() else {}
        year = str(outline.year)
        nxt = str(outline.next_year)

        def written(titles: list[str]) -> tuple[str, ...]:
            return tuple(nfc(t.replace("{year}", year).replace("{next_year}", nxt)) for t in titles)

        aliases = data.get("headings", {}).get(outline.id, {})
        names = data.get("indicators", {}).get(outline.id, {})
        return cls(
            no_task=tuple(_fold(p) for p in data.get("no_task", ["không được giao nhiệm vụ"])),
            closing=tuple(nfc(p).casefold() for p in data.get("closing", ["./."])),
            signer_titles=tuple(_fold(t) for t in data.get("signer_titles", [])),
            abbreviations={_fold(k): _fold(v) for k, v in data.get("abbreviations", {}).items()},
            headings={sid: written(titles) for sid, titles in aliases.items()},
            indicators={code: written(titles) for code, titles in names.items()},
        )

    def expand(self, text: str) -> str:
        """Folded, with abbreviations written out: "UBND huyện" = "ủy ban nhân dân huyện"."""
        words = _fold(text).split()
        return " ".join(self.abbreviations.get(w, w) for w in words)


# ---------------------------------------------------------------- files to blocks


class _Unreadable(Exception):
    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def _space(text: str) -> str:
    return " ".join(nfc(text).split())


def _para_text(p: Any) -> str:
    """A paragraph's visible text: runs, inserted text, tabs and line breaks; not deleted
    text, field codes, nor the paragraphs of text boxes anchored in it."""
    parts: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if any(a.tag in (f"{_W}del", f"{_W}txbxContent", _MC_FALLBACK) for a in _ancestors(el, p)):
            continue
        tag = el.tag
        parts.append(el.text or "" if tag == f"{_W}t" else "\n" if tag != f"{_W}tab" else " ")
    return "".join(parts)


def _ancestors(el: Any, stop: Any) -> Iterator[Any]:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.getparent()


def docx_blocks(path: Path) -> list[Block]:
    """The paragraphs of a .docx in reading order, table cells and text boxes included;
    a paragraph with line breaks (Shift+Enter, as in header cells) gives one block per
    line."""
    import docx  # heavy: only when a letter is read

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise _Unreadable("LETTER_CORRUPT", reason=_reason(exc)) from None
    blocks: list[Block] = []
    counter = {"p": 0, "tbl": 0}

    def add(p: Any, where: str) -> None:
        for line in _para_text(p).split("\n"):
            text = _space(line)
            if text:
                blocks.append(Block(text, where))
        for box in p.iter(f"{_W}txbxContent"):
            if not any(a.tag == _MC_FALLBACK for a in _ancestors(box, p)):
                walk(box, "khung chữ")

    def walk(parent: Any, prefix: str) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                counter["p"] += 1
                add(child, prefix or f"đoạn {counter['p']}")
            elif child.tag == f"{_W}tbl":
                counter["tbl"] += 1
                table = counter["tbl"]
                rows = _table_rows(child)
                if not prefix and (len(rows) >= 3 or max(map(len, rows), default=0) >= 3):
                    blocks.append(Block(" | ".join(rows[0]), f"bảng {table}", tuple(rows)))
                    continue
                for r, row in enumerate(child.iterchildren(f"{_W}tr"), start=1):
                    for c, cell in enumerate(row.iterchildren(f"{_W}tc"), start=1):
                        walk(cell, prefix or f"bảng {table}, dòng {r}, cột {c}")
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                walk(child, prefix)

    walk(document.element.body, "")
    return blocks


def _table_rows(tbl: Any) -> list[tuple[str, ...]]:
    """Cell texts of a table, row by row; rows without text are left out. Tables that
    are not the ND30 layout (header, signature: two columns, one or two rows) hold data."""
    rows = []
    for row in tbl.iterchildren(f"{_W}tr"):
        cells = tuple(
            _space(" ".join(_para_text(p) for p in cell.iter(f"{_W}p")))
            for cell in row.iterchildren(f"{_W}tc")
        )
        if any(cells):
            rows.append(cells)
    return rows


def _reason(exc: BaseException) -> str:
    return (type(exc).__name__ + ": " + str(exc))[:160]


_COLUMN_GAP = re.compile(r"\s{6,}")
_JOIN_NEXT = re.compile(r"(?:Số\s*:|ngày|tháng|năm)\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-–+•*]\s|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s|[a-zđ]\)\s)")


def _fragments(line: str) -> list[str]:
    """A -layout line cut at wide gaps into its columns; a blank số or day ("Số:      /",
    "ngày      tháng") is a gap inside one column, not between two."""
    parts = [p for p in _COLUMN_GAP.split(line.strip()) if p]
    joined: list[str] = []
    for part in parts:
        if joined and (_JOIN_NEXT.search(joined[-1]) or part.startswith("/")):
            joined[-1] += " " + part
        else:
            joined.append(part)
    return joined


def pdf_blocks(path: Path) -> list[Block]:
    """The text layer of a PDF through poppler's ``pdftotext -layout``: columns of the
    header and signature lines apart, body lines joined back into paragraphs (a new one
    at an indented, bulleted or numbered line, or after a short line)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise _Unreadable("LETTER_TOOL_MISSING", tool="pdftotext (poppler-utils)")
    done = subprocess.run(
        [tool, "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace")
        if "password" in err.lower():
            raise _Unreadable("LETTER_ENCRYPTED")
        raise _Unreadable("LETTER_CORRUPT", reason=_space(err)[:160] or "pdftotext")
    text = done.stdout.decode("utf-8", "replace")
    return [b for n, page in enumerate(text.split("\f"), 1) for b in _page_blocks(page, n)]


def _page_blocks(page: str, page_no: int) -> list[Block]:
    """One page of ``pdftotext -layout`` output as blocks."""
    lines = page.rstrip().split("\n")
    filled = [ln for ln in lines if ln.strip()]
    if not filled:
        return []
    left = min(len(ln) - len(ln.lstrip()) for ln in filled)
    width = max(len(ln.rstrip()) for ln in filled if len(_fragments(ln)) == 1)
    numbered = {i for i in (0, len(lines) - 1) if lines[i].strip().isdigit()}
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for line_no, line in enumerate(lines, start=1):
        text = line.strip()
        columns = _fragments(line) if text else []
        indent = len(line) - len(line.lstrip())
        breaks = (
            not text
            or line_no - 1 in numbered  # a page number
            or len(columns) > 1
            or indent >= left + 3
            or bool(_BULLET.match(text))
        )
        if breaks and current:
            blocks.append(Block(_space(" ".join(current)), f"trang {page_no}, dòng {start}"))
            current = []
        if not text or line_no - 1 in numbered:
            continue
        if len(columns) > 1:
            blocks.extend(Block(_space(c), f"trang {page_no}, dòng {line_no}") for c in columns)
            continue
        if not current:
            start = line_no
        current.append(text)
        if len(line.rstrip()) < 0.8 * width:  # the last line of a justified paragraph
            blocks.append(Block(_space(" ".join(current)), f"trang {page_no}, dòng {start}"))
            current = []
    if current:
        blocks.append(Block(_space(" ".join(current)), f"trang {page_no}, dòng {start}"))
    return blocks


def _doc_to_docx(path: Path, kind: str, work: Path) -> Path:
    """A Word 97-2003 or RTF file converted by LibreOffice, with a profile of its own so that
    a running LibreOffice (or another conversion) does not block it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise _Unreadable("LETTER_TOOL_MISSING", tool="LibreOffice (soffice)")
    source = work / f"letter.{kind}"  # named by what it is: the name it came with may lie
    shutil.copyfile(path, source)
    try:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(work),
                str(source),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _Unreadable("LETTER_CORRUPT", reason="LibreOffice không chuyển đổi được") from None
    made = work / "letter.docx"
    if not made.is_file():
        raise _Unreadable("LETTER_CORRUPT", reason="LibreOffice không chuyển đổi được")
    return made


def letter_kind(path: Path) -> str:
    """ "docx", "doc", "rtf", "pdf" by content (the name may lie: Word saves RTF under
    .doc too), or "" for anything else."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return ""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(b"PK"):
        return "docx"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return ""


def file_blocks(path: Path, limits: Limits | None = None) -> tuple[str, list[Block]]:
    """The kind of letter and its blocks; :class:`_Unreadable` for a file that is not a
    readable letter (the code and values of its finding)."""
    limits = limits or Limits()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _Unreadable("FILE_UNREADABLE", reason=exc.strerror or type(exc).__name__) from None
    if size == 0:
        raise _Unreadable("FILE_EMPTY")
    if size > limits.max_file_bytes:
        raise _Unreadable("LETTER_TOO_LARGE", size=f"{size / 2**20:.1f} MB".replace(".", ","))
    kind = letter_kind(path)
    if kind == "pdf":
        return kind, pdf_blocks(path)
    if kind == "doc":
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise _Unreadable("LETTER_ENCRYPTED")
        if "WordDocument".encode("utf-16-le") not in data:
            raise _Unreadable("LETTER_CORRUPT", reason="tệp Office cũ nhưng không phải Word")
    if kind in ("doc", "rtf"):
        with tempfile.TemporaryDirectory(prefix="qnreport-letter-") as work:
            return kind, docx_blocks(_doc_to_docx(path, kind, Path(work)))
    if kind == "docx":
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                total = sum(i.file_size for i in zf.infolist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise _Unreadable("LETTER_CORRUPT", reason=_reason(exc)) from None
        if "word/document.xml" not in names:
            raise _Unreadable("LETTER_NOT_WORD")
        if total > limits.max_unzipped_bytes:
            raise _Unreadable(
                "LETTER_TOO_LARGE", size=f"{total / 2**20:.1f} MB (giải nén)".replace(".", ",")
            )
        return kind, docx_blocks(path)
    raise _Unreadable("LETTER_NOT_WORD")


# ---------------------------------------------------------------- header and signature

_NUMBER = re.compile(r"\bSố\s*:\s*(?P<num>[0-9][0-9A-Za-z.]*)?\s*(?P<sym>/\s*[^\s,;]+)?", re.I)
_DATE = re.compile(
    r"(?P<place>[^\d,:;]{2,40}),\s*ngày\s*(?P<d>\d{1,2})?[\s.…]*tháng\s*(?P<m>\d{1,2})?[\s.…]*"
    r"năm\s*(?P<y>\d{4})",
    re.I,
)
_REQUEST = re.compile(
    r"(?P<kind>Công văn|văn bản|CV|Kế hoạch)\s+số\s+(?P<num>\d+[\w./&-]*/[\w.&-]+)\s+ngày\s+"
    r"(?P<d>\d{1,2})(?:[/.-]|\s+tháng\s+)(?P<m>\d{1,2})(?:[/.-]|\s+năm\s+)(?P<y>\d{4})",
    re.I,
)
_MOTTO = tuple(_fold(m) for m in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do"))
_SIGN_PREFIX = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S")
_RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?", re.I)
#: What stands between the title and the name on a copy: "(Đã ký)", "Ký bởi: …".
_SIGNED = re.compile(r"^\(?\s*(?:đã ký|ký bởi|ký thay|ký, đóng dấu|ký và ghi rõ)\b", re.I)
_SALUTATION = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.I)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and not _is_upper(text)
        and all(w[0].isupper() and w.replace("-", "").isalpha() for w in words)
    )


def _date(d: int, m: int, y: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def match_agency(lines: Sequence[str], registry: Registry, vocab: Vocabulary) -> tuple[str, str]:
    """The registry code of the issuing agency named in the header lines ("UBND TỈNH
    QUẢNG NGÃI" / "BAN DÂN TỘC"; "ỦY BAN NHÂN DÂN" / "HUYỆN BÌNH SƠN") and the name as
    written, or ("", ""). The lowest line that matches wins: the parent agency is written
    above the issuer. A name wrapped over two lines is tried joined."""
    province = (_fold("tỉnh Quảng Ngãi"), _fold("Quảng Ngãi"))
    names = [(a.code, vocab.expand(n)) for a in registry for n in {a.name, a.short}]
    candidates: list[str] = []
    for i, line in enumerate(lines):
        candidates.append(line)
        if i + 1 < len(lines):
            candidates.append(line + " " + lines[i + 1])
    found = ("", "")
    for cand in candidates:
        text = vocab.expand(cand)
        for suffix in province:
            if text.endswith(" " + suffix):
                text = text[: -len(suffix) - 1]
        best = max(names, key=lambda n: fuzz.ratio(n[1], text))
        if fuzz.ratio(best[1], text) >= AGENCY_SCORE:
            found = (best[0], cand)
    return found


@dataclass
class _Header:
    agency_lines: list[str] = field(default_factory=list)
    number: str = ""
    symbol: str = ""
    number_seen: str = ""
    date: dt.date | None = None
    month: int | None = None
    year: int | None = None
    date_seen: str = ""
    subject: list[str] = field(default_factory=list)
    end: int = 0


def _read_header(blocks: Sequence[Block]) -> _Header:
    """The ND30 header: everything before "Kính gửi" (or, in a báo cáo, before the first
    paragraph of the body)."""
    head = _Header()
    salutation = next((i for i, b in enumerate(blocks) if _SALUTATION.match(b.text)), None)
    limit = salutation if salutation is not None else min(len(blocks), 20)
    in_subject = False
    last_header = -1
    for i, block in enumerate(blocks[:limit]):
        text = block.text
        folded = _fold(text)
        number = _NUMBER.search(text)
        date = _DATE.search(text)
        if any(folded.startswith(m) for m in _MOTTO):
            last_header = i
            continue
        if number and not head.number_seen:
            head.number_seen = number.group(0).strip()
            head.number = (number["num"] or "").strip()
            head.symbol = re.sub(r"\s+", "", number["sym"] or "")
            last_header = i
            in_subject = False
            continue
        if date and not head.date_seen:
            head.date_seen = date.group(0).strip()
            head.month = int(date["m"]) if date["m"] else None
            head.year = int(date["y"])
            if date["d"] and head.month:
                head.date = _date(int(date["d"]), head.month, head.year)
            last_header = i
            continue
        if re.match(r"^V/v\b", text, re.I):
            head.subject = [re.sub(r"^V/v\s*", "", text, flags=re.I)]
            in_subject = True
            last_header = i
            continue
        if in_subject and not _BULLET.match(text) and len(text) < 120:
            head.subject.append(text)
            last_header = i
            continue
        in_subject = False
        if not head.number_seen and not head.date_seen and len(text) < 120:
            head.agency_lines.append(text)  # in capitals as ND30 wants, or not
            last_header = i
    if salutation is not None:
        end = salutation + 1
        first = _SALUTATION.match(blocks[salutation].text)
        if first and not first["rest"].strip():  # recipients on the following lines
            while end < len(blocks) and re.match(r"^[-–]\s", blocks[end].text):
                end += 1
        head.end = end
    else:
        head.end = last_header + 1
        if head.end < len(blocks) and _fold(blocks[head.end].text) == _fold("BÁO CÁO"):
            head.end += 1
            while head.end < len(blocks) and len(blocks[head.end].text) < 150:
                if _BULLET.match(blocks[head.end].text) or _is_body(blocks[head.end].text):
                    break
                head.subject.append(blocks[head.end].text)
                head.end += 1
    return head


def _is_preamble(text: str) -> bool:
    """The opening paragraph that cites the request or the grounds of the report, or
    announces it ("Cục Thống kê báo cáo như sau:")."""
    lead_in = len(text) < 300 and text.rstrip().endswith(":")
    return lead_in or bool(_REQUEST.search(text)) or _is_body(text)


def _is_body(text: str) -> bool:
    return bool(re.match(r"^(?:Thực hiện|Căn cứ|Theo đề nghị|Phúc đáp)\b", text, re.I))


@dataclass
class _Signature:
    start: int
    title: list[str] = field(default_factory=list)
    signer: str = ""
    end: int = 0


def _read_signature(blocks: Sequence[Block], begin: int, vocab: Vocabulary) -> _Signature:
    """Where the body ends ("Nơi nhận" or the signer's title), the title lines and the
    name; the columns may come interleaved (a PDF line holds both)."""
    recip = next((i for i in range(begin, len(blocks)) if _RECIPIENTS.match(blocks[i].text)), None)

    def is_title(text: str) -> bool:
        if not _is_upper(text):
            return False
        return bool(_SIGN_PREFIX.match(text)) or _fold(text) in vocab.signer_titles

    title_at = next((i for i in range(begin, len(blocks)) if is_title(blocks[i].text)), None)
    starts = [i for i in (recip, title_at) if i is not None]
    sig = _Signature(start=min(starts) if starts else len(blocks), end=len(blocks))
    if title_at is None:
        return sig
    i = title_at
    while i < len(blocks):
        text = blocks[i].text
        if _RECIPIENTS.match(text) or re.match(r"^[-–+]\s?", text) or _SIGNED.match(text):
            i += 1
            continue
        if _is_upper(text):
            sig.title.append(text)
            i += 1
            continue
        if _is_name(text):
            sig.signer = text
            sig.end = i + 1
        break
    return sig


# ---------------------------------------------------------------- body onto the outline

_NUMBERING = re.compile(
    r"^(?:(?P<roman>[IVXLC]+)|(?P<arabic>\d+(?:\.\d+)*)|(?P<letter>[a-zđ]))\s*[.)]\s+(?=\w)"
)
_ITEM_MARK = re.compile(r"^(?:[-–+•*]|\d+[.)]|[a-zđ]\))\s*")
_ADDRESSEE = re.compile(
    r"^(?:[-–+•*]\s*|\d+[.)]\s*|[a-zđ]\)\s*)?(?:Đối với|Kiến nghị với|Đề nghị với)\s+"
    r"(?P<who>[^:]+?)\s*:\s*(?P<rest>.*)$",
    re.I,
)
_CAUSE = re.compile(r"^(?:[-–+•*]\s*)?(?:\*\s*)?Nguyên nhân\b\s*:?\s*(?P<rest>.*)$", re.I)


def _numbering(text: str) -> tuple[str, str]:
    """("II", "KẾT QUẢ ...") for "II. KẾT QUẢ ..."; ("", text) when unnumbered."""
    match = _NUMBERING.match(text)
    if not match:
        return "", text
    return match.group(0).strip().rstrip(".)"), text[match.end() :]


class _Headings:
    """The outline's headings (and their other names) for fuzzy matching."""

    def __init__(self, outline: Outline, vocab: Vocabulary) -> None:
        self.outline = outline
        self.titles: list[tuple[Section, str]] = []
        for section in outline.sections:
            self.titles.append((section, _fold(section.title)))
            self.titles.extend((section, _fold(t)) for t in vocab.headings.get(section.id, ()))

    def match(self, text: str, within: str | None = None) -> Section | None:
        """The heading ``text`` names (numbering stripped), or None. ``within`` limits
        the search to one part of the outline ("II" for the kế hoạch's groups)."""
        number, rest = _numbering(text)
        for candidate in (rest, rest.split(":", 1)[0]):
            title = _fold(candidate)
            if not title or len(title) > 300:
                continue
            scored = [
                (max(fuzz.ratio(title, t), fuzz.token_sort_ratio(title, t)), s)
                for s, t in self.titles
                if within is None or s.id.startswith(within + ".")
            ]
            scored = [(score, s) for score, s in scored if score >= HEADING_SCORE]
            if scored:
                best = max(score for score, _ in scored)
                tied = [s for score, s in scored if score == best]
                same_number = [s for s in tied if s.number.rstrip(".)") == number]
                return (same_number or tied)[0]
        return None


def _header_columns(header: Sequence[str], listing: ListSection) -> dict[int, str]:
    """Which list column each header cell names (index -> column key); "TT", "Ghi chú"
    and other cells that name no column are left out."""
    found: dict[int, str] = {}
    for i, cell in enumerate(header):
        title = _fold(cell)
        scored = [(fuzz.token_set_ratio(title, _fold(c.title)), c.key) for c in listing.columns]
        score, key = max(scored)
        if title and score >= HEADING_SCORE and key not in found.values():
            found[i] = key
    return found


def _inline_rest(text: str, section: Section) -> str:
    """Text after a heading on its own line ("1. Công tác thông tin, tuyên truyền: Đã
    tổ chức ..."), or ""."""
    _, rest = _numbering(text)
    if ":" not in rest:
        return ""
    head, tail = rest.split(":", 1)
    return tail.strip() if fuzz.ratio(_fold(head), _fold(section.title)) >= HEADING_SCORE else ""


def _clean_item(text: str) -> str:
    return re.sub(r"[\s;,.]+$", "", _ITEM_MARK.sub("", text, count=1)).strip()


@dataclass
class _Body:
    sections: dict[str, list[Placed]] = field(default_factory=dict)
    lists: dict[str, list[ListItem]] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    tasks: dict[str, list[Placed]] = field(default_factory=dict)
    notes: list[Placed] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    headings_found: int = 0


class _Mapper:
    """Walks the body paragraphs, following the outline's headings, and puts each
    paragraph under the heading it belongs to."""

    def __init__(self, ctx: RoundContext, vocab: Vocabulary, cat: Catalogue, agency: str) -> None:
        self.outline = ctx.outline
        self.vocab = vocab
        self.cat = cat
        self.headings = _Headings(ctx.outline, vocab)
        indicators = ctx.outline.indicators_for(agency) if agency else []
        self.indicators = list(indicators or ctx.outline.indicators)
        self.tasks = ctx.outline.tasks_for(agency) if agency else list(ctx.outline.tasks)
        self.task = ""
        self.body = _Body()
        self.current: Section | None = None
        self.unmatched = False
        self.group = ""

    def run(self, paragraphs: Sequence[Block]) -> _Body:
        for block in paragraphs:
            self.paragraph(block)
        return self.body

    def to_notes(self, block: Block) -> None:
        self.body.notes.append(Placed(block.text, block.where))
        text = _space(block.text)
        start = text if len(text) <= 60 else text[:57].rstrip() + " …"
        self.body.findings.append(
            self.cat.make("LETTER_TO_NOTES", label=block.where, start=start, where=block.where)
        )

    def paragraph(self, block: Block) -> None:
        if block.rows:
            self.table(block)
            return
        text = block.text
        section = self.current
        listing = (
            self.outline.list_section(section.list_key) if section and section.list_key else None
        )
        if listing is not None and self.group_heading(listing, block):
            return
        found = self.headings.match(text)
        if found is not None and not (
            section and found.id == section.id and not _NUMBERING.match(text)
        ):
            self.open(found)
            rest = _inline_rest(text, found)
            if rest:
                self.place(Block(rest, block.where))
            return
        number, _ = _numbering(text)
        if self.starts_unmatched(number, text):
            self.unmatched = True
            self.to_notes(block)
            return
        if self.current is None and not self.unmatched and _is_preamble(text):
            return  # "Thực hiện Công văn số 3006/SCT-QLCN ...": the request, read apart
        if self.unmatched or self.current is None:
            self.to_notes(block)
            return
        self.place(block)

    def starts_unmatched(self, number: str, text: str) -> bool:
        """A numbered heading that names no heading of the outline: a Roman one always,
        an Arabic one at the depth of the current heading ("9." after "8.")."""
        if not number or len(text) > 200 or text.rstrip().endswith("."):
            return False
        if re.fullmatch(r"[IVXLC]+", number):
            return True
        current = self.current
        if current is None or current.content != "text" or not number[0].isdigit():
            return False  # lists and tasks number their items; "a)" is a point, not a heading
        return number.count(".") + 1 == current.level - 1 and current.level > 1

    def open(self, section: Section) -> None:
        self.body.headings_found += 1
        self.unmatched = False
        self.group = ""
        self.task = ""
        children = self.outline.children(section.id)
        # A grouping heading with one child ("I." holding only "1."): its text is the child's.
        self.current = children[0] if section.content == "none" and len(children) == 1 else section
        if self.current.content != "none":
            self.body.sections.setdefault(self.current.id, [])

    def place(self, block: Block) -> None:
        section = self.current
        assert section is not None
        if section.content == "none":
            self.to_notes(block)
            return
        self.body.sections.setdefault(section.id, []).append(Placed(block.text, block.where))
        if section.content == "indicators":
            self.figure(block)
        elif section.content == "tasks":
            self.task_text(section, block)
        elif section.list_key:
            self.item(self.outline.list_section(section.list_key), block)

    # -- tasks ------------------------------------------------------------------------

    def task_text(self, section: Section, block: Block) -> None:
        """A paragraph about an assigned task: one that names the task ("- Kế hoạch phát
        triển kinh tế số ...: Đã trình UBND tỉnh") starts it, the next ones continue it;
        with one task under the heading, every paragraph is about it."""
        tasks = [t for t in self.tasks if t.section == section.id]
        text = _ITEM_MARK.sub("", block.text, count=1)
        head, _, rest = text.partition(":")
        scored = [
            (
                fuzz.partial_ratio(
                    _fold(t.title), _fold(head if rest else text[: len(t.title) + 10])
                ),
                t,
            )
            for t in tasks
        ]
        best = max(scored, key=lambda x: x[0], default=(0, None))
        if best[1] is not None and best[0] >= HEADING_SCORE:
            self.task = best[1].code
            if not rest.strip() and len(text) <= len(best[1].title) + 20:
                text = ""  # the task's name alone, as a sub-heading: only where it is
            else:
                text = rest.strip() or text
        elif len(tasks) == 1:
            self.task = tasks[0].code
        if self.task:
            self.body.tasks.setdefault(self.task, []).append(Placed(text, block.where))

    # -- lists ------------------------------------------------------------------------

    def table(self, block: Block) -> None:
        """A table whose header names the columns of a list ("Tên dự án", "Chủ đầu tư",
        "Tình trạng" ...) gives that list's rows; any other table goes to the notes."""
        header, *rows = block.rows
        candidates = [
            (
                _header_columns(header, x),
                int(self.current is not None and self.current.list_key == x.key),
                x,
            )
            for x in self.outline.lists
        ]
        columns, _, listing = max(
            candidates, key=lambda c: (len(c[0]), c[1]), default=({}, 0, None)
        )
        if listing is None or len(columns) < 2:
            self.to_notes(Block("\n".join(" | ".join(r) for r in block.rows), block.where))
            return
        heading = next(s for s in self.outline.sections if s.list_key == listing.key)
        self.body.sections.setdefault(heading.id, []).append(Placed(block.text, block.where))
        for number, cells in enumerate(rows, start=2):
            values = {
                key: self.cell_value(listing, key, cells[i])
                for i, key in columns.items()
                if i < len(cells) and cells[i]
            }
            if not values or all(re.fullmatch(r"\(?\d+\)?", v) for v in values.values()):
                continue  # an empty row, or the "(1) (2) (3)" row under a header
            where = f"{block.where}, dòng {number}"
            self.body.lists.setdefault(listing.key, []).append(ListItem(values, where))

    def cell_value(self, listing: ListSection, key: str, text: str) -> str:
        column = listing.column(key)
        if column.type == "choice":
            return self.choice(text, column.choices)
        if column.type == "heading":
            found = self.headings.match(text, within=column.parent)
            return f"{found.number} {found.title}" if found else text
        return text

    def group_heading(self, listing: ListSection, block: Block) -> bool:
        """A sub-heading that groups the rows of a list: "Đối với UBND tỉnh:" for the
        kiến nghị, a heading of mục II for the kế hoạch."""
        if not listing.group_by:
            return False
        column = listing.column(listing.group_by)
        if column.type == "heading":
            found = self.headings.match(block.text, within=column.parent)
            if found is None:
                return False
            self.group = f"{found.number} {found.title}"
            self.body.sections.setdefault(self.current.id, []).append(  # type: ignore[union-attr]
                Placed(block.text, block.where)
            )
            rest = _inline_rest(block.text, found)
            if rest:
                self.item(listing, Block(rest, block.where))
            return True
        match = _ADDRESSEE.match(block.text)
        if match is None or column.type != "choice":
            return False
        self.group = self.choice(match["who"], column.choices)
        self.body.sections.setdefault(self.current.id, []).append(  # type: ignore[union-attr]
            Placed(block.text, block.where)
        )
        if match["rest"].strip():
            self.item(listing, Block(match["rest"], block.where))
        return True

    def choice(self, who: str, choices: Sequence[str]) -> str:
        """The choice ``who`` names ("UBND tỉnh" for "Ủy ban nhân dân tỉnh")."""
        text = self.vocab.expand(who)
        scored = [(fuzz.token_set_ratio(self.vocab.expand(c), text), c) for c in choices]
        score, best = max(scored, key=lambda x: x[0])
        # Not one of the choices: kept as written, the checker asks the clerk to choose.
        return best if score >= HEADING_SCORE else _space(who)

    def named_choice(self, text: str, choices: Sequence[str]) -> str:
        """The choice an item names near its start ("Đề nghị UBND tỉnh bố trí ..."), or ""."""
        start = self.vocab.expand(text)[:80]
        found = [(pos, c) for c in choices if (pos := start.find(self.vocab.expand(c))) >= 0]
        return min(found)[1] if found else ""

    def item(self, listing: ListSection, block: Block) -> None:
        text = block.text
        if text.rstrip().endswith(":") and not _ITEM_MARK.match(text):
            return  # a lead-in ("Một số tồn tại như sau:"), kept in the section's text
        cause = _CAUSE.match(text)
        main = next(c.key for c in listing.columns if c.type == "text")
        keys = {c.key for c in listing.columns}
        if cause and "nguyen_nhan" in keys:
            self.body.notes.append(Placed(text, block.where))
            self.body.findings.append(
                self.cat.make("LETTER_CAUSES_TO_NOTES", label=block.where, where=block.where)
            )
            return
        values = {main: _clean_item(text)}
        inline_cause = re.search(r"\.\s*Nguyên nhân\s*:\s*", values[main])
        if inline_cause and "nguyen_nhan" in keys:
            values["nguyen_nhan"] = _clean_item(values[main][inline_cause.end() :])
            values[main] = values[main][: inline_cause.start()].strip()
        if listing.group_by:
            column = listing.column(listing.group_by)
            named = self.named_choice(values[main], column.choices) if column.choices else ""
            values[listing.group_by] = self.group or named
        if values[main]:
            self.body.lists.setdefault(listing.key, []).append(ListItem(values, block.where))

    # -- indicators ---------------------------------------------------------------------

    def figure(self, block: Block) -> None:
        """Indicator figures, only where the sentence names the indicator clearly and
        states one figure in its unit; a sentence naming a family of indicators ("Thu hút
        đầu tư ...: 3 dự án, vốn đăng ký 245,5 tỷ đồng") is read unit by unit. A figure
        that cannot be told apart is a finding that leaves it to the clerk."""
        text = _ITEM_MARK.sub("", block.text, count=1)
        named = self.named_indicators(text)
        units = [i.unit for i in named]
        for indicator in named:
            numbers = _unit_numbers(text, indicator)
            clear = len(numbers) == 1 and units.count(indicator.unit) == 1
            if clear and indicator.code not in self.body.figures:
                reading = read_number(numbers[0], kind=_unit_kind(indicator))
                if reading.state is State.VALUE and isinstance(reading.value, Decimal):
                    self.body.figures[indicator.code] = Figure(
                        indicator.code, reading.value, block.text, block.where
                    )
                    continue
            if numbers:
                self.body.findings.append(
                    self.cat.make(
                        "LETTER_FIGURE_UNSURE",
                        label=block.where,
                        indicator=indicator.name,
                        where=block.where,
                        count=len(numbers),
                    )
                )

    def named_indicators(self, text: str) -> list[Indicator]:
        """The indicator the sentence starts by naming, or the few it names equally well."""
        head = _fold(re.split(r"\d", text, maxsplit=1)[0])
        if not head:
            return []
        scored = sorted(
            (
                (max(fuzz.partial_ratio(_fold(n), head) for n in (i.name, *names)), i)
                for i in self.indicators
                for names in [self.vocab.indicators.get(i.code, ())]
            ),
            key=lambda x: -x[0],
        )
        if not scored or scored[0][0] < HEADING_SCORE:
            return []
        return [i for score, i in scored if score >= scored[0][0] - 3]


_FIGURE = r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"


def _unit_kind(indicator: Indicator) -> Any:
    return "percent" if indicator.is_percent else indicator.kind


def _unit_numbers(text: str, indicator: Indicator) -> list[str]:
    """The figures stated in the indicator's unit ("9,3%", "14 dự án", "245,5 tỷ đồng")."""
    unit = "%" if indicator.is_percent else re.escape(indicator.unit)
    pattern = _FIGURE + r"\s*" + (unit if unit == "%" else r"(?:" + unit + r")\b")
    return [m.group(1) for m in re.finditer(pattern, text, re.I)]


# ---------------------------------------------------------------- the letter


_CONNECTIVE = re.compile(r"^(?:theo đó|do đó|vì vậy|như vậy)\s*,\s*", re.I)


def _no_task(paragraphs: Sequence[Block], vocab: Vocabulary) -> tuple[str, str]:
    """The clause that says the agency had no task (after "theo đó,"), and where."""
    for block in paragraphs:
        folded = _fold(block.text)
        if not any(p in folded for p in vocab.no_task):
            continue
        sentences = re.split(r"(?<=[.;])\s+", block.text)
        for sentence in sentences:
            if any(p in _fold(sentence) for p in vocab.no_task):
                clause = _CONNECTIVE.sub("", sentence).strip()
                return upper_first(clause), block.where
    return "", ""


def _is_closing(text: str, vocab: Vocabulary) -> bool:
    low = nfc(text).casefold()
    return text.rstrip().endswith("./.") or (
        len(text) < 250 and any(p in low for p in vocab.closing)
    )


def read_letter(
    path: Path, ctx: RoundContext, cat: Catalogue, limits: Limits | None = None
) -> LetterReading:
    """Everything a reply letter says that the round can use, never raising on the
    file: an unreadable file is a reading with ``readable`` False and its finding."""
    kind = letter_kind(path)
    try:
        kind, blocks = file_blocks(path, limits)
    except _Unreadable as exc:
        return LetterReading(
            path.name, kind, readable=False, findings=(cat.make(exc.code, **exc.values),)
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return LetterReading(
            path.name,
            kind,
            readable=False,
            findings=(cat.make("LETTER_CORRUPT", reason=_reason(exc)),),
        )
    if not blocks:
        code = "LETTER_SCANNED" if kind == "pdf" else "LETTER_EMPTY"
        return LetterReading(path.name, kind, readable=False, findings=(cat.make(code),))
    vocab = Vocabulary.load(ctx.project.templates / "letters.toml", ctx.outline)
    return _read_blocks(path.name, kind, blocks, ctx, vocab, cat)


def _read_blocks(
    name: str,
    kind: str,
    blocks: Sequence[Block],
    ctx: RoundContext,
    vocab: Vocabulary,
    cat: Catalogue,
) -> LetterReading:
    findings: list[Finding] = []
    head = _read_header(blocks)
    sig = _read_signature(blocks, head.end, vocab)
    body = list(blocks[head.end : sig.start])
    annex = list(blocks[sig.end :]) if sig.signer else []
    if annex and _fold(annex[0].text).startswith(_fold("ĐỀ CƯƠNG")):
        findings.append(cat.make("LETTER_OUTLINE_ANNEX", where=annex[0].where))
        annex = []
    paragraphs = [*body, *annex]

    agency, agency_text = match_agency(head.agency_lines, ctx.registry, vocab)
    subject = Block(_space(" ".join(head.subject)), "trích yếu")
    request = _request(ctx, [subject, *paragraphs])
    identity = Identity(
        agency=agency,
        agency_text=agency_text or " / ".join(head.agency_lines),
        number=head.number,
        symbol=head.symbol,
        date=head.date,
        month=head.month,
        year=head.year,
        subject=subject.text,
        signer=sig.signer,
        signer_title=" / ".join(sig.title),
        request_number=request["num"] if request else "",
        request_date=_date(int(request["d"]), int(request["m"]), int(request["y"]))
        if request
        else None,
    )
    findings.extend(_identity_findings(identity, head, ctx, cat))

    reason, reason_where = _no_task(paragraphs, vocab)
    if reason:
        findings.append(cat.make("LETTER_NO_TASK", reason=reason, where=reason_where))
    content = [b for b in paragraphs if not _is_closing(b.text, vocab) and b.where != reason_where]
    mapped = _Mapper(ctx, vocab, cat, agency).run(content)
    if not mapped.headings_found and not reason:
        findings.append(cat.make("LETTER_NO_STRUCTURE", count=len(mapped.notes)))
        mapped.findings = [f for f in mapped.findings if f.code != "LETTER_TO_NOTES"]
    findings.extend(mapped.findings)
    for code, fig in mapped.figures.items():
        indicator = next(i for i in ctx.outline.indicators if i.code == code)
        findings.append(
            cat.make(
                "LETTER_FIGURE_READ",
                indicator=indicator.name,
                value=format_number(fig.value) + ("%" if indicator.unit == "%" else ""),
                unit="" if indicator.unit == "%" else " " + indicator.unit,
                where=fig.where,
            )
        )
    return LetterReading(
        file=name,
        kind=kind,
        identity=identity,
        no_task=bool(reason),
        no_task_reason=reason,
        no_task_where=reason_where,
        sections={k: tuple(v) for k, v in mapped.sections.items()},
        lists={k: tuple(v) for k, v in mapped.lists.items()},
        figures=dict(mapped.figures),
        tasks={k: tuple(v) for k, v in mapped.tasks.items()},
        notes=tuple(mapped.notes),
        findings=tuple(findings),
    )


def _request(ctx: RoundContext, blocks: Sequence[Block]) -> re.Match[str] | None:
    """The citation of the round's request ("Công văn số 3006/SCT-QLCN ngày 08/12/2023"),
    or else the first công văn cited (then a mismatch to report); plans cited as grounds
    ("Kế hoạch số 136/KH-UBND") count only when they are the round's request."""
    cited = [m for b in blocks for m in _REQUEST.finditer(b.text)]
    own = [m for m in cited if m["num"] == ctx.round.request_number]
    letters = [m for m in cited if m["kind"].casefold() != "kế hoạch"]
    return next(iter(own or letters), None)


def _identity_findings(
    identity: Identity, head: _Header, ctx: RoundContext, cat: Catalogue
) -> Iterator[Finding]:
    if not identity.agency:
        yield cat.make("LETTER_AGENCY_UNKNOWN", text=identity.agency_text or "trống")
    if not head.number_seen:
        yield cat.make("LETTER_NUMBER_MISSING")
    elif not identity.number:
        yield cat.make("LETTER_NUMBER_BLANK", seen=head.number_seen)
    if not head.date_seen:
        yield cat.make("LETTER_DATE_MISSING")
    elif identity.date is None:
        month = f"{identity.month:02d}/{identity.year}" if identity.month else str(identity.year)
        yield cat.make("LETTER_DATE_NO_DAY", seen=head.date_seen, month=month)
    if not identity.signer:
        yield cat.make("LETTER_SIGNER_MISSING")
    rnd = ctx.round
    if not identity.request_number:
        yield cat.make("LETTER_REQUEST_MISSING", request=rnd.request_number)
    elif identity.request_number != rnd.request_number or identity.request_date != rnd.request_date:
        yield cat.make(
            "LETTER_REQUEST_MISMATCH",
            seen=identity.request_number
            + (f" ngày {short_date(identity.request_date)}" if identity.request_date else ""),
            request=f"{rnd.request_number} ngày {short_date(rnd.request_date)}",
        )
