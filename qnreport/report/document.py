"""The consolidated report as content, independent of Word.

Consolidation and the Jinja2 text templates produce a :class:`Report`; ``render_docx``
turns it into a .docx laid out by Nghị định 30/2020. Keeping the two apart lets the
content be tested without opening Word files, and the layout without building a round.
All text here is final Vietnamese text (NFC, numbers already formatted).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with its own emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified, first-line indent, body size.

    ``runs`` holds the text; use :func:`para` for a plain one. ``indent=False`` drops the
    first-line indent (used for lines in a list that carry their own dash).
    """

    runs: tuple[Run, ...]
    indent: bool = True

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def para(text: str, *, bold: bool = False, italic: bool = False) -> Paragraph:
    return Paragraph((Run(text, bold=bold, italic=italic),))


@dataclass(frozen=True)
class Heading:
    """An outline heading. ``level`` 1 is "I. KẾT QUẢ ..." (upper case, bold), 2 is
    "1. ..." (bold), 3 is "4.1. ..." (bold italic), 4 is "a) ..." (italic).
    ``number`` is the printed label without trailing space ("I.", "1.", "4.1.", "a)")."""

    level: int
    number: str
    text: str


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    align: Literal["left", "center", "right"] = "left"


@dataclass(frozen=True)
class Row:
    """A table row. ``group`` rows are one merged cell across the table (a group title
    such as "I. Về phát triển công nghiệp"), printed bold."""

    cells: tuple[str, ...]
    bold: bool = False
    group: bool = False


@dataclass(frozen=True)
class Table:
    """A bordered table whose header row repeats on every page it spans."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    font_size: float = 12.0
    caption: str = ""


@dataclass(frozen=True)
class RegionStart:
    """Where a part the clerk may rewrite begins (the opening, a heading's body, the
    conclusion); it runs to the next RegionStart or to the end of the body. The renderer
    marks it with a bookmark, so that a rebuild can find and keep the clerk's own text."""

    name: str  # stable across builds: "mo-dau", "II.4.1", "ket-luan"
    title: str  # how the clerk knows it: "II.4.1. Phát triển nguồn nhân lực"


Block = Heading | Paragraph | Table | RegionStart


@dataclass(frozen=True)
class Appendix:
    """A Phụ lục: its own section, numbered from 1 again, optionally landscape."""

    number: str  # Roman: "I", "II"
    title: str  # upper case
    reference: str  # "(Kèm theo Báo cáo số .../BC-SCT ngày ... của Sở Công Thương)"
    blocks: tuple[Block, ...]
    landscape: bool = False


@dataclass(frozen=True)
class Signer:
    authority: str  # "KT. GIÁM ĐỐC" (may be empty when the head signs)
    title: str  # "PHÓ GIÁM ĐỐC"
    name: str  # "Nguyễn Văn A"


@dataclass(frozen=True)
class Letterhead:
    """The header block (ô 1–5 of Phụ lục I, NĐ 30/2020)."""

    parent_agency: str  # "UBND TỈNH QUẢNG NGÃI"
    issuing_agency: str  # "SỞ CÔNG THƯƠNG"
    number: str  # "05" or "" for a draft
    symbol: str  # "BC-SCT"
    place: str  # "Quảng Ngãi"
    date: dt.date | None  # None leaves day and month blank for a draft
    doc_type: str  # "BÁO CÁO"; "" for a công văn, which has no tên loại
    subject: str  # trích yếu, normal case
    recipients: tuple[str, ...] = ()  # "Kính gửi"; empty for none
    about: str = ""  # công văn only: "V/v …" (ô 5b), under the number


@dataclass(frozen=True)
class Report:
    letterhead: Letterhead
    body: tuple[Block, ...]
    signer: Signer
    distribution: tuple[str, ...]  # Nơi nhận lines without the dash, last is "Lưu: VT, QLCN"
    appendices: tuple[Appendix, ...] = field(default=())
