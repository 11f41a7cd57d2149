"""Render a :class:`~qnreport.report.document.Report` as a Word file laid out by NĐ 30/2020.

Typography (fonts, sizes, bold/italic of each component, spacing, indents) comes from
the paragraph styles of a *style document* (``templates/styles/bao-cao.docx``), so a clerk
can restyle the report in Word without touching code. The renderer only decides
structure and geometry: which style each line gets, the header and signature tables,
line lengths, sections and page numbers. ``make_style_document`` writes that style
document; regenerate it with ``python -m qnreport.report.render_docx <path>``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Mm, Pt
from docx.text.parfmt import ParagraphFormat

from ..errors import ConfigError
from ..vntext import date_line, doc_number, typeset, upper_vi
from . import nd30
from .document import (
    Appendix,
    Block,
    Heading,
    Letterhead,
    Paragraph,
    RegionStart,
    Report,
    Row,
    Signer,
    Table,
)

# ---------------------------------------------------------------------------- constants

# Page: A4 portrait; margins inside ND30's ranges (top/bottom 20-25, left 30-35, right
# 15-20 mm). The lower bounds give the most text width for wide indicator tables.
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
HEADER_DISTANCE = Mm(10)  # the page number sits in the 20 mm top margin
FOOTER_DISTANCE = Mm(10)

# Header table: left column width measured in the decree's own template (Mẫu 1.4,
# 3829 twips); the right column takes the rest of the text width. The signature table
# uses the same split so the signer is centred under the Quốc hiệu.
LEFT_COLUMN = Mm(67.5)

ISSUER_RULE_RATIO = 0.4  # ND30: 1/3 to 1/2 of the text above it
SUBJECT_RULE_RATIO = 0.4
DEFAULT_TABLE_FONT = 12.0  # Table.font_size default: defer to the "Table Text" style
DATA_CELL_PADDING = Mm(1)
LABEL_GAP = Mm(1.5)  # between "Kính gửi:" and the recipients
ABOUT_SIZE = Pt(12)  # ND30 ô 5b: the "V/v" line of a công văn, 12-13 pt


class StyleName:
    """Style names (as a clerk sees them in Word's style list)."""

    NORMAL = "Normal"
    BODY = "Body Text"
    BODY_FLUSH = "Body Text No Indent"
    HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
    HEADER = "Header"
    PARENT = "Letterhead Parent Agency"
    ISSUER = "Letterhead Issuing Agency"
    NUMBER = "Letterhead Number"
    NATIONAL = "National Title"
    MOTTO = "National Motto"
    DATE = "Place and Date"
    RULE = "Rule Line"
    DOC_TYPE = "Document Type"
    SUBJECT = "Document Subject"
    RECIPIENT = "Recipient"
    CAPTION = "Table Caption"
    TABLE = "Table Text"
    TABLE_HEAD = "Table Heading"
    AFTER_TABLE = "After Table"  # empty line closing a table: the gap to the next text
    DIST_LABEL = "Distribution Label"
    DIST_LIST = "Distribution List"
    SIGNER = "Signer Title"
    SIGN_SPACE = "Signature Space"
    SIGNER_NAME = "Signer Name"
    APPX_NUMBER = "Appendix Number"
    APPX_TITLE = "Appendix Title"
    APPX_REF = "Appendix Reference"


# ------------------------------------------------------------------ the style document

CENTRE = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


@dataclass(frozen=True)
class _Spec:
    """One paragraph style of the style document; ``None`` means inherit."""

    name: str
    base: str | None = StyleName.NORMAL
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: Any = None
    first_line: Length | None = None
    before: float | None = None
    after: float | None = None
    line: float | None = None  # multiple of single spacing
    exact_line: float | None = None  # points
    keep_next: bool | None = None
    contextual: bool = False  # no space between consecutive paragraphs of this style
    next_style: str | None = None
    outline: int | None = None


BODY_SIZE = 14.0
BODY_INDENT = Cm(1.27)
BODY_AFTER = 6.0
BODY_LINE = 1.2
# document.Heading: I. upper bold; 1. bold; 4.1. bold italic; a) italic.
HEADING_BOLD = (True, True, True, False)
HEADING_ITALIC = (False, False, True, True)

_SPECS: tuple[_Spec, ...] = (
    _Spec(StyleName.BODY, align=JUSTIFY, first_line=BODY_INDENT, after=BODY_AFTER, line=BODY_LINE),
    _Spec(StyleName.BODY_FLUSH, base=StyleName.BODY, first_line=Emu(0)),
    *(
        _Spec(
            name,
            base=StyleName.BODY,
            bold=bold,
            italic=italic,
            before=6,
            keep_next=True,
            next_style=StyleName.BODY,
            outline=level,
        )
        for level, (name, bold, italic) in enumerate(
            zip(StyleName.HEADINGS, HEADING_BOLD, HEADING_ITALIC, strict=True)
        )
    ),
    _Spec(StyleName.HEADER, size=14, align=CENTRE),
    _Spec(StyleName.PARENT, size=13, align=CENTRE),
    _Spec(StyleName.ISSUER, size=13, bold=True, align=CENTRE),
    _Spec(StyleName.NUMBER, size=13, align=CENTRE, before=6),
    _Spec(StyleName.NATIONAL, size=13, bold=True, align=CENTRE),
    _Spec(StyleName.MOTTO, size=14, bold=True, align=CENTRE),
    _Spec(StyleName.DATE, size=14, italic=True, align=CENTRE, before=6),
    _Spec(StyleName.RULE, size=1, align=CENTRE, before=2, exact_line=1.5),
    _Spec(StyleName.DOC_TYPE, size=14, bold=True, align=CENTRE, before=24, keep_next=True),
    _Spec(StyleName.SUBJECT, size=14, bold=True, align=CENTRE, keep_next=True),
    _Spec(StyleName.RECIPIENT, size=14, align=LEFT, before=12, after=12, contextual=True),
    _Spec(StyleName.CAPTION, size=14, bold=True, align=CENTRE, before=6, after=6, keep_next=True),
    _Spec(StyleName.TABLE, size=12, align=LEFT, before=2, after=2),
    _Spec(StyleName.TABLE_HEAD, base=StyleName.TABLE, bold=True, align=CENTRE),
    _Spec(StyleName.AFTER_TABLE, size=6),
    _Spec(StyleName.DIST_LABEL, size=12, bold=True, italic=True, align=LEFT, before=12),
    _Spec(StyleName.DIST_LIST, size=11, align=LEFT),
    _Spec(
        StyleName.SIGNER,
        size=14,
        bold=True,
        align=CENTRE,
        before=12,
        keep_next=True,
        contextual=True,
    ),
    _Spec(StyleName.SIGN_SPACE, size=14, align=CENTRE, exact_line=80, keep_next=True),
    _Spec(StyleName.SIGNER_NAME, size=14, bold=True, align=CENTRE),
    _Spec(StyleName.APPX_NUMBER, size=14, bold=True, align=CENTRE, keep_next=True),
    _Spec(StyleName.APPX_TITLE, size=14, bold=True, align=CENTRE, keep_next=True),
    _Spec(StyleName.APPX_REF, size=14, italic=True, align=CENTRE, after=12),
)

# Word's built-in styles among ours: name -> canonical styleId.
_BUILTIN_IDS = {
    StyleName.BODY: "BodyText",
    StyleName.HEADER: "Header",
    **{name: name.replace(" ", "") for name in StyleName.HEADINGS},
}

# Styles of python-docx's default template that Word needs and we keep (by styleId).
_KEEP_STYLE_IDS = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}


def _apply_spec(styles: Any, style: Any, spec: _Spec) -> None:
    if spec.base is not None:
        style.base_style = styles[spec.base]
    font = style.font
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    fmt = style.paragraph_format
    if spec.align is not None:
        fmt.alignment = spec.align
    if spec.first_line is not None:
        fmt.first_line_indent = spec.first_line
    if spec.before is not None:
        fmt.space_before = Pt(spec.before)
    if spec.after is not None:
        fmt.space_after = Pt(spec.after)
    if spec.line is not None:
        fmt.line_spacing = spec.line
    if spec.exact_line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.exact_line)
    if spec.keep_next is not None:
        fmt.keep_with_next = spec.keep_next
    fmt.widow_control = True
    if spec.contextual:
        nd30.set_contextual_spacing(style.element.get_or_add_pPr())
    if spec.outline is not None:
        nd30.set_outline_level(style.element.get_or_add_pPr(), spec.outline)
    style.quick_style = True
    style.hidden = False
    style.unhide_when_used = False


def make_style_document(path: Path) -> None:
    """Write the style document: ND30 page setup, Times New Roman/vi-VN, named styles.

    Built from python-docx's default template with every stock style except the four
    Word requires removed, so the style list a clerk sees is exactly the report's. The
    body holds one specimen line per style (the renderer clears it).
    """
    doc = docx.Document()
    styles = doc.styles
    root = styles.element
    for style_el in root.findall(qn("w:style")):
        if style_el.get(qn("w:styleId")) not in _KEEP_STYLE_IDS:
            root.remove(style_el)
    nd30.set_doc_defaults(root, font=nd30.FONT, size_pt=BODY_SIZE, lang=nd30.LANG)

    normal = styles[StyleName.NORMAL]
    for tag in ("w:pPr", "w:rPr"):
        old = normal.element.find(qn(tag))
        if old is not None:
            normal.element.remove(old)
    rpr = normal.element.get_or_add_rPr()
    nd30.set_fonts(rpr)
    normal.font.size = Pt(BODY_SIZE)
    nd30.set_lang(rpr)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True

    for spec in _SPECS:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        if spec.name in _BUILTIN_IDS:
            nd30.mark_builtin(style, _BUILTIN_IDS[spec.name])
        _apply_spec(styles, style, spec)
    for spec in _SPECS:
        if spec.next_style is not None:
            styles[spec.name].next_paragraph_style = styles[spec.next_style]

    nd30.set_theme_font_lang(doc.settings.element)
    _drop_part_rels(doc)
    section = doc.sections[0]
    nd30.set_page(
        section,
        nd30.Margins(
            MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, HEADER_DISTANCE, FOOTER_DISTANCE
        ),
    )
    props = doc.core_properties
    props.author = "qnreport"
    props.last_modified_by = "qnreport"
    props.title = "Mẫu định dạng báo cáo (Nghị định 30/2020/NĐ-CP)"
    props.language = nd30.LANG
    props.comments = "Sửa kiểu (style) trong Word để đổi định dạng của báo cáo."
    props.revision = 1
    props.created = props.modified = dt.datetime(2024, 1, 1)

    nd30.clear_story(doc)
    for spec in _SPECS:
        if spec.name in (
            StyleName.HEADER,
            StyleName.RULE,
            StyleName.SIGN_SPACE,
            StyleName.AFTER_TABLE,
        ):
            continue
        doc.add_paragraph(f"{spec.name}: Mẫu chữ tiếng Việt — Sở Công Thương Quảng Ngãi", spec.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def _drop_part_rels(doc: Any) -> None:
    """Drop the template's Word 2010 styles copy and thumbnail: they show Calibri styles."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    pkg_rels = doc.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg_rels.pop(rid)


# ------------------------------------------------------------------------- the renderer


_BREAKABLE = re.compile(r"[ \t\r\n]+")


def fit_columns(block: Table, total: Length) -> list[Length]:
    """Column widths that add up to ``total``, sized by the content: no column is narrower
    than its longest word (no word is cut, no line starts with a comma torn from its
    word), and every column is as wide as its longest cell needs to take no more than
    the same number of lines, the fewest that fit in the room; what is left goes to the
    columns that still wrap. The composer's widths only set the total. Line counts are
    estimated from the font's advance widths."""
    size = block.font_size
    pad = 2 * int(DATA_CELL_PADDING) + int(Mm(0.6))  # the padding and a hair for the border
    header = [typeset(c.title) for c in block.columns]
    body = [[typeset(t) for t in r.cells] for r in block.rows if not r.group]
    n = len(block.columns)
    # each row's cells as (one-line width, longest word), the header in bold
    rows = [
        [
            (int(nd30.text_width(t, size, bold=bold)), _longest_word(t, size))
            for t in (list(cells) + [""] * n)[:n]
        ]
        for cells, bold in [(header, True), *((b, False) for b in body)]
    ]
    least = [pad + max(row[i][1] for row in rows) for i in range(n)]
    room = int(total)
    if sum(least) >= room:  # even the words do not fit: shrink them all alike
        return [Emu(w * room // sum(least)) for w in least]

    def widths_for(lines: int) -> list[int]:
        # 8 % for the words that do not fill a line to its end
        return [
            max(least[i], pad + max(-(-row[i][0] * 108 // (100 * lines)) for row in rows))
            for i in range(n)
        ]

    lines = 1
    while sum(widths := widths_for(lines)) > room:
        lines += 1
    # what is left goes to the columns whose cells still wrap (a heading may), in proportion
    # to what they lack
    lacking = [
        max(0, pad + max((row[i][0] for row in rows[1:]), default=0) - widths[i]) for i in range(n)
    ]
    weights = lacking if sum(lacking) else widths
    spare = room - sum(widths)
    widths = [w + spare * k // sum(weights) for w, k in zip(widths, weights, strict=True)]
    widths[-1] += room - sum(widths)  # the rounding, so the table meets the margins
    return [Emu(w) for w in widths]


def _longest_word(text: str, size: float) -> int:
    words = _BREAKABLE.split(text)
    return max((int(nd30.text_width(w, size, bold=True)) for w in words if w), default=0)


def render_report(report: Report, style_path: Path, out_path: Path) -> None:
    """Write ``report`` to ``out_path`` using the styles and page setup of ``style_path``."""
    doc = docx.Document(str(style_path))
    present = {style.name for style in doc.styles}
    missing = [name for name in _required_styles() if name not in present]
    if missing:
        raise ConfigError(
            f"Tệp mẫu định dạng {style_path} thiếu kiểu (style): {', '.join(missing)}. "
            "Hãy khôi phục tệp mẫu hoặc thêm lại các kiểu này trong Word."
        )
    _Renderer(doc).render(report)
    doc.save(str(out_path))


def _required_styles() -> list[str]:
    return [StyleName.NORMAL, *(spec.name for spec in _SPECS)]


def _number_line(letterhead: Letterhead) -> str:
    """'Số: 05/BC-SCT'; a draft keeps room for the number the văn thư writes in."""
    number = doc_number(letterhead.number)
    if not number:
        return f"Số:      /{letterhead.symbol}"
    return f"Số: {number}/{letterhead.symbol}"


def _listed(lines: Sequence[str]) -> list[str]:
    """'- a;' ... '- z.' as ND30 writes lists of recipients."""
    out = []
    for i, line in enumerate(lines):
        text = line.strip().rstrip(";.").strip()
        out.append(f"- {text}{'.' if i == len(lines) - 1 else ';'}")
    return out


# Column.align -> w:jc of its data cells; "left" is the Table Text style's own.
_CELL_ALIGN = {"right": "right", "center": "center"}
_RUN, _CELL, _PARAGRAPH = qn("w:r"), qn("w:tc"), qn("w:p")


class _Renderer:
    """Builds the report into the style document's body.

    Paragraphs, runs and tables are built as WordprocessingML elements (``nd30.new_*``):
    python-docx's object API spent seconds on a province report's thousands of them.
    python-docx still opens the document, lays out sections and headers and fills the
    core properties.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.body = doc.element.body
        self.sect_pr = self.body.get_or_add_sectPr()  # the body ends with it
        self.margins = nd30.Margins.of(doc.sections[0])
        self._styles: dict[str, Any] = {}
        self._style_ids: dict[str, str | None] = {}
        self.bookmarks = 0  # bookmark ids given so far

    def st(self, name: str) -> Any:
        """The style object for ``name``: python-docx searches the styles part by XPath on
        every lookup by name."""
        if name not in self._styles:
            self._styles[name] = self.doc.styles[name]
        return self._styles[name]

    def style_id(self, name: str) -> str | None:
        """The ``w:pStyle`` value for style ``name``, by python-docx's rule (None for the
        default paragraph style), resolved once per document."""
        if name not in self._style_ids:
            style = self.st(name)
            self._style_ids[name] = self.doc.styles.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        return self._style_ids[name]

    # ---- style lookups: sizes and weights are read, never assumed

    def _style_attr(self, name: str, attr: str) -> Any:
        style = self.st(name)
        while style is not None:
            value = getattr(style.font, attr)
            if value is not None:
                return value
            style = style.base_style
        return None

    def font_size(self, name: str) -> float:
        size = self._style_attr(name, "size")
        if size is not None:
            return float(size.pt)
        sz = self.doc.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:sz')}")
        return int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0

    def is_bold(self, name: str) -> bool:
        return bool(self._style_attr(name, "bold"))

    def width_of(self, text: str, style: str) -> Length:
        return nd30.text_width(text, self.font_size(style), bold=self.is_bold(style))

    # ---- document

    def render(self, report: Report) -> None:
        doc = self.doc
        nd30.clear_story(doc)
        first = doc.sections[0]
        nd30.set_page(first, self.margins)
        nd30.restart_page_numbers(first)
        width = nd30.text_width_of(first)
        self.letterhead(report.letterhead, width)
        self.blocks(report.body, width)
        last = next(self.body.iterchildren(qn("w:p"), reversed=True), None)
        if last is not None:
            # The closing sentence travels with the signature block, never alone.
            ParagraphFormat(last).keep_with_next = True
        self.signature(report.signer, report.distribution, width)
        for appendix in report.appendices:
            self.appendix(appendix)
        for section in doc.sections:
            nd30.page_number_header(section, StyleName.HEADER)
        props = doc.core_properties
        lh = report.letterhead
        props.title = lh.subject or lh.about
        props.subject = f"{lh.doc_type or 'CÔNG VĂN'} {_number_line(lh)}"
        props.language = nd30.LANG
        props.author = report.letterhead.issuing_agency
        now = dt.datetime.now().replace(microsecond=0)
        props.created = props.modified = now

    def place(self, block: Any) -> None:
        """Add a paragraph or table at the end of the body, before its final sectPr."""
        self.sect_pr.addprevious(block)

    def para(self, text: str, style: str, cell: Any = None) -> Any:
        """A paragraph at the end of ``cell``, or of the body."""
        p = nd30.new_paragraph(self.style_id(style))
        if text:
            nd30.add_run(p, text)
        if cell is None:
            self.place(p)
        else:
            cell.append(p)
        return p

    def rule(self, *, width: Length, available: Length, cell: Any = None) -> None:
        nd30.make_rule(self.para("", StyleName.RULE, cell), width=width, available=available)

    def layout_table(
        self, widths: Sequence[Length], rows: int, *, keep_together: bool = False
    ) -> list[list[Any]]:
        """A borderless, unpadded table in the body; its empty cells, row by row."""
        table = nd30.new_table(widths, borders="nil", padding=Emu(0), centred=False)
        cells = []
        for _ in range(rows):
            row = nd30.new_row(keep_together=keep_together)
            cells.append([nd30.new_cell(w) for w in widths])
            row.extend(cells[-1])
            table.append(row)
        self.place(table)
        return cells

    # ---- ô 1-5, 9a

    def letterhead(self, lh: Letterhead, width: Length) -> None:
        left_w = Emu(min(int(LEFT_COLUMN), int(width) // 2))
        right_w = Emu(int(width) - int(left_w))
        (top_left, top_right), (bottom_left, bottom_right) = self.layout_table((left_w, right_w), 2)
        if lh.parent_agency:
            self.para(upper_vi(lh.parent_agency), StyleName.PARENT, top_left)
        issuer = upper_vi(lh.issuing_agency)
        self.para(issuer, StyleName.ISSUER, top_left)
        issuer_w = min(int(self.width_of(issuer, StyleName.ISSUER)), int(left_w))  # may wrap
        self.rule(width=Emu(round(issuer_w * ISSUER_RULE_RATIO)), available=left_w, cell=top_left)
        self.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", StyleName.NATIONAL, top_right)
        motto = "Độc lập - Tự do - Hạnh phúc"
        self.para(motto, StyleName.MOTTO, top_right)
        self.rule(width=self.width_of(motto, StyleName.MOTTO), available=right_w, cell=top_right)
        self.para(_number_line(lh), StyleName.NUMBER, bottom_left)
        if lh.about:  # ô 5b: a công văn's trích yếu, centred under the number, 6 pt below
            nd30.add_run(self.para("", StyleName.NUMBER, bottom_left), lh.about, size=ABOUT_SIZE)
        year = lh.date.year if lh.date is not None else dt.date.today().year
        self.para(date_line(lh.place, lh.date, year=year), StyleName.DATE, bottom_right)

        if lh.doc_type:  # a công văn has no tên loại and no trích yếu line of its own
            self.para(upper_vi(lh.doc_type), StyleName.DOC_TYPE)
            self.para(lh.subject, StyleName.SUBJECT)
            subject_w = min(int(self.width_of(lh.subject, StyleName.SUBJECT)), int(width))
            self.rule(width=Emu(round(subject_w * SUBJECT_RULE_RATIO)), available=width)
        if lh.recipients:
            self.recipients(lh.recipients, width)

    def recipients(self, recipients: Sequence[str], width: Length) -> None:
        """'Kính gửi:' with one recipient on its line, or several as '- …;' lines whose
        dashes line up after the colon; the block is centred on the page."""
        label = "Kính gửi:"
        if len(recipients) == 1:
            lines = [recipients[0].strip().rstrip(";.").strip() + "."]
        else:
            lines = _listed(recipients)
        label_w = int(self.width_of(label, StyleName.RECIPIENT)) + int(LABEL_GAP)
        # 3 % slack: the metrics are estimates, and a wrapped recipient looks worse
        # than a block a hair off centre.
        longest = max(int(self.width_of(line, StyleName.RECIPIENT)) for line in lines) * 103 // 100
        start = max(0, (int(width) - label_w - longest) // 2)
        hang = Emu(start + label_w)
        for i, line in enumerate(lines):
            p = self.para("", StyleName.RECIPIENT)
            fmt = ParagraphFormat(p)
            fmt.left_indent = hang
            if i == 0:
                fmt.first_line_indent = Emu(-label_w)
                fmt.tab_stops.add_tab_stop(hang)
                nd30.add_run(p, f"{label}\t{line}")
            else:
                fmt.first_line_indent = Emu(0)
                nd30.add_run(p, line)

    # ---- ô 6

    def blocks(self, blocks: Sequence[Block], width: Length) -> None:
        # A region runs from its RegionStart to the outline headings that open the next
        # one (a heading's own sub-headings, such as "1. Đối với Chính phủ", stay inside).
        region: tuple[str, Any] | None = None  # the open region and the element before it
        before_headings: Any = None  # the last element before the current run of headings
        in_headings = False
        for block in blocks:
            last = self.sect_pr.getprevious()
            if isinstance(block, RegionStart):
                if region is not None:
                    self.mark_region(*region, before_headings if in_headings else last)
                region, in_headings = (block.name, last), False
                continue
            if isinstance(block, Heading):
                if not in_headings:
                    before_headings, in_headings = last, True
                self.heading(block)
                continue
            in_headings = False
            if isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, Table):
                self.table(block, width)
            else:  # pragma: no cover - Block is a closed union
                raise TypeError(f"unknown block {block!r}")
        if region is not None:
            self.mark_region(*region, self.sect_pr.getprevious())

    def mark_region(self, name: str, before: Any, end: Any) -> None:
        """Bookmark the paragraphs after ``before`` up to ``end`` as the region ``name``; a
        region with no paragraph of its own is not marked (there is nothing to rewrite)."""
        paragraphs = []
        element = before.getnext() if before is not None else self.body[0]
        while element is not None and element is not self.sect_pr:
            if element.tag == qn("w:p"):
                paragraphs.append(element)
            if element is end:
                break
            element = element.getnext()
        if paragraphs and end is not before:
            self.bookmarks += 1
            nd30.bookmark(paragraphs[0], paragraphs[-1], region_bookmark(name), self.bookmarks)

    def heading(self, h: Heading) -> None:
        level = min(max(h.level, 1), len(StyleName.HEADINGS))
        text = upper_vi(h.text) if level == 1 else h.text
        label = f"{h.number} {text}" if h.number else text
        self.para(label, StyleName.HEADINGS[level - 1])

    def paragraph(self, block: Paragraph) -> None:
        p = self.para("", StyleName.BODY if block.indent else StyleName.BODY_FLUSH)
        for run in block.runs:
            nd30.add_run(p, run.text, bold=run.bold, italic=run.italic)

    def table(self, block: Table, width: Length) -> None:
        if block.caption:
            self.para(block.caption, StyleName.CAPTION)
        total = min(sum(int(Mm(c.width_mm)) for c in block.columns), int(width))
        widths = fit_columns(block, Emu(total))  # never into the margins, sized by content
        size = None if block.font_size == DEFAULT_TABLE_FONT else Pt(block.font_size)
        table = nd30.new_table(widths, borders="single", padding=DATA_CELL_PADDING, centred=True)
        head = nd30.new_row(keep_together=True, header=True)
        for column, w in zip(block.columns, widths, strict=True):
            head.append(self.cell(column.title, StyleName.TABLE_HEAD, w, size=size))
        table.append(head)
        # Data rows differ only in their text: a model row, plain and bold, is built once
        # per table and copied for every row, a fraction of the cost of building each.
        models = {bold: self.model_row(block, widths, size, bold=bold) for bold in (False, True)}
        for i, data in enumerate(block.rows):
            row = self.table_row(data, widths, models[data.bold], size)
            if i == len(block.rows) - 2:
                # The row before the last keeps with it: no row alone on a page.
                for p in row.iter(_PARAGRAPH):
                    nd30.keep_with_next(p)
            table.append(row)
        self.place(table)
        self.para("", StyleName.AFTER_TABLE)

    def model_row(
        self, block: Table, widths: Sequence[Length], size: Length | None, *, bold: bool
    ) -> Any:
        """A data row whose cells hold one empty run each, aligned as their column."""
        row = nd30.new_row(keep_together=True)
        for column, w in zip(block.columns, widths, strict=True):
            align = _CELL_ALIGN.get(column.align)
            row.append(self.cell("", StyleName.TABLE, w, bold=bold, size=size, align=align))
        return row

    def table_row(
        self, data: Row, widths: Sequence[Length], model: Any, size: Length | None
    ) -> Any:
        if data.group:
            row = nd30.new_row(keep_together=True)
            title = next((c for c in data.cells if c), "")
            row.append(
                self.cell(title, StyleName.TABLE, *widths, centred=False, bold=True, size=size)
            )
            return row
        row = copy.deepcopy(model)
        # One run per cell; texts beyond the columns are dropped.
        for run, text in zip(row.iter(_RUN), data.cells, strict=False):
            nd30.add_text(run, text)
        if len(data.cells) < len(widths):  # a short row: the other cells stay empty
            cells = list(row.iterchildren(_CELL))
            for cell, w in zip(cells[len(data.cells) :], widths[len(data.cells) :], strict=True):
                empty = nd30.new_cell(w)
                empty.append(nd30.new_paragraph())
                row.replace(cell, empty)
        return row

    def cell(
        self,
        text: str,
        style: str,
        *widths: Length,
        centred: bool = True,
        bold: bool = False,
        size: Length | None = None,
        align: str | None = None,
    ) -> Any:
        """A data table cell across ``widths``: one paragraph holding one run of ``text``."""
        cell = nd30.new_cell(*widths, centred=centred)
        p = nd30.new_paragraph(self.style_id(style), align=align)
        nd30.add_run(p, text, bold=bold, size=size)
        cell.append(p)
        return cell

    # ---- ô 7, 9b

    def signature(self, signer: Signer, distribution: Sequence[str], width: Length) -> None:
        left_w = Emu(min(int(LEFT_COLUMN), int(width) // 2))
        right_w = Emu(int(width) - int(left_w))
        ((left, right),) = self.layout_table((left_w, right_w), 1, keep_together=True)
        if distribution:
            self.para("Nơi nhận:", StyleName.DIST_LABEL, left)
            for line in _listed(distribution):
                self.para(line, StyleName.DIST_LIST, left)
        else:
            self.para("", StyleName.DIST_LIST, left)
        lines = [upper_vi(signer.authority)] if signer.authority.strip() else []
        lines.append(upper_vi(signer.title))
        for line in lines:
            self.para(line, StyleName.SIGNER, right)
        self.para("", StyleName.SIGN_SPACE, right)
        self.para(signer.name, StyleName.SIGNER_NAME, right)

    # ---- phụ lục

    def appendix(self, appendix: Appendix) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _shrink_break_paragraph(self.doc)
        nd30.set_page(section, self.margins, landscape=appendix.landscape)
        nd30.restart_page_numbers(section)
        width = nd30.text_width_of(section)
        self.para(f"Phụ lục {appendix.number}".strip(), StyleName.APPX_NUMBER)
        self.para(upper_vi(appendix.title), StyleName.APPX_TITLE)
        if appendix.reference:
            self.para(appendix.reference, StyleName.APPX_REF)
        self.blocks(appendix.blocks, width)


REGION_PREFIX = "qn_"


def region_bookmark(name: str) -> str:
    """The bookmark of a region: "II.4.1" → "qn_II_4_1" (letters, digits and _ only, as
    Word requires, and well under its 40 characters)."""
    return REGION_PREFIX + re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_")


def _shrink_break_paragraph(doc: Any) -> None:
    """The empty paragraph that carries a section break is made 1 pt high, so that it can
    never spill onto a page of its own after a table that ends at the foot of a page."""
    body = doc.element.body
    for p in body.iterchildren(qn("w:p"), reversed=True):
        ppr = p.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            fmt = ParagraphFormat(p)
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing = Pt(1)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.first_line_indent = Pt(0)
            mark = ppr.find(qn("w:rPr"))
            if mark is None:
                mark = OxmlElement("w:rPr")
                ppr.find(qn("w:sectPr")).addprevious(mark)
            size = OxmlElement("w:sz")
            size.set(qn("w:val"), "2")
            mark.append(size)
            return


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the style document: ``python -m qnreport.report.render_docx [path]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0]) if args else Path("templates/styles/bao-cao.docx")
    make_style_document(target)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
