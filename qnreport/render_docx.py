"""Render a :class:`~qnreport.document.Report` as a Word file laid out by NĐ 30/2020.

Typography (fonts, sizes, bold/italic of each component, spacing, indents) comes from
the paragraph styles of a *style document* (``templates/styles/bao-cao.docx``), so a clerk
can restyle the report in Word without touching code. The renderer only decides
structure and geometry: which style each line gets, the header and signature tables,
line lengths, sections and page numbers. ``make_style_document`` writes that style
document; regenerate it with ``python -m qnreport.render_docx <path>``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from qnreport import nd30
from qnreport.document import (
    Appendix,
    Block,
    Heading,
    Letterhead,
    Paragraph,
    Report,
    Row,
    Signer,
    Table,
)
from qnreport.errors import ConfigError
from qnreport.vntext import date_line, doc_number, upper_vi

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


class S:
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

_C = WD_ALIGN_PARAGRAPH.CENTER
_J = WD_ALIGN_PARAGRAPH.JUSTIFY
_L = WD_ALIGN_PARAGRAPH.LEFT


@dataclass(frozen=True)
class _Spec:
    """One paragraph style of the style document; ``None`` means inherit."""

    name: str
    base: str | None = S.NORMAL
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
    _Spec(S.BODY, align=_J, first_line=BODY_INDENT, after=BODY_AFTER, line=BODY_LINE),
    _Spec(S.BODY_FLUSH, base=S.BODY, first_line=Emu(0)),
    *(
        _Spec(
            name,
            base=S.BODY,
            bold=bold,
            italic=italic,
            before=6,
            keep_next=True,
            next_style=S.BODY,
            outline=level,
        )
        for level, (name, bold, italic) in enumerate(
            zip(S.HEADINGS, HEADING_BOLD, HEADING_ITALIC, strict=True)
        )
    ),
    _Spec(S.HEADER, size=14, align=_C),
    _Spec(S.PARENT, size=13, align=_C),
    _Spec(S.ISSUER, size=13, bold=True, align=_C),
    _Spec(S.NUMBER, size=13, align=_C, before=6),
    _Spec(S.NATIONAL, size=13, bold=True, align=_C),
    _Spec(S.MOTTO, size=14, bold=True, align=_C),
    _Spec(S.DATE, size=14, italic=True, align=_C, before=6),
    _Spec(S.RULE, size=1, align=_C, before=2, exact_line=1.5),
    _Spec(S.DOC_TYPE, size=14, bold=True, align=_C, before=24, keep_next=True),
    _Spec(S.SUBJECT, size=14, bold=True, align=_C, keep_next=True),
    _Spec(S.RECIPIENT, size=14, align=_L, before=12, after=12, contextual=True),
    _Spec(S.CAPTION, size=14, bold=True, align=_C, before=6, after=6, keep_next=True),
    _Spec(S.TABLE, size=12, align=_L, before=2, after=2),
    _Spec(S.TABLE_HEAD, base=S.TABLE, bold=True, align=_C),
    _Spec(S.AFTER_TABLE, size=6),
    _Spec(S.DIST_LABEL, size=12, bold=True, italic=True, align=_L, before=12),
    _Spec(S.DIST_LIST, size=11, align=_L),
    _Spec(S.SIGNER, size=14, bold=True, align=_C, before=12, keep_next=True, contextual=True),
    _Spec(S.SIGN_SPACE, size=14, align=_C, exact_line=80, keep_next=True),
    _Spec(S.SIGNER_NAME, size=14, bold=True, align=_C),
    _Spec(S.APPX_NUMBER, size=14, bold=True, align=_C, keep_next=True),
    _Spec(S.APPX_TITLE, size=14, bold=True, align=_C, keep_next=True),
    _Spec(S.APPX_REF, size=14, italic=True, align=_C, after=12),
)

# Word's built-in styles among ours: name -> canonical styleId.
_BUILTIN_IDS = {
    S.BODY: "BodyText",
    S.HEADER: "Header",
    **{name: name.replace(" ", "") for name in S.HEADINGS},
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

    normal = styles[S.NORMAL]
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
        if spec.name in (S.HEADER, S.RULE, S.SIGN_SPACE, S.AFTER_TABLE):
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
    return [S.NORMAL, *(spec.name for spec in _SPECS)]


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


class _Renderer:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.margins = nd30.Margins.of(doc.sections[0])
        self._styles: dict[str, Any] = {}

    def st(self, name: str) -> Any:
        """The style object for ``name``: python-docx searches the styles part by XPath on
        every lookup by name, which was a sixth of a province build."""
        if name not in self._styles:
            self._styles[name] = self.doc.styles[name]
        return self._styles[name]

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
        if doc.paragraphs:
            # The closing sentence travels with the signature block, never alone.
            doc.paragraphs[-1].paragraph_format.keep_with_next = True
        self.signature(report.signer, report.distribution, width)
        for appendix in report.appendices:
            self.appendix(appendix)
        for section in doc.sections:
            nd30.page_number_header(section, S.HEADER)
        props = doc.core_properties
        props.title = report.letterhead.subject
        props.subject = f"{report.letterhead.doc_type} {_number_line(report.letterhead)}"
        props.language = nd30.LANG
        props.author = report.letterhead.issuing_agency
        now = dt.datetime.now().replace(microsecond=0)
        props.created = props.modified = now

    def para(self, container: Any, text: str, style: str) -> Any:
        """A paragraph in ``container``; reuses a fresh cell's initial empty paragraph."""
        paragraphs = container.paragraphs if isinstance(container, _Cell) else []
        if len(paragraphs) == 1 and not paragraphs[0].runs:
            p = paragraphs[0]
            p.style = self.st(style)
            if text:
                p.add_run(text)
            return p
        return container.add_paragraph(text, self.st(style))

    def rule(self, container: Any, *, width: Length, available: Length) -> None:
        nd30.make_rule(self.para(container, "", S.RULE), width=width, available=available)

    def layout_table(self, rows: int, widths: Sequence[Length]) -> Any:
        table = self.doc.add_table(rows=rows, cols=len(widths))
        nd30.set_table_borders(table, "nil")
        nd30.set_cell_margins(table, left=Emu(0), right=Emu(0))
        nd30.set_column_widths(table, widths)
        return table

    # ---- ô 1-5, 9a

    def letterhead(self, lh: Letterhead, width: Length) -> None:
        left_w = Emu(min(int(LEFT_COLUMN), int(width) // 2))
        right_w = Emu(int(width) - int(left_w))
        table = self.layout_table(2, (left_w, right_w))
        top_left, top_right = table.rows[0].cells
        if lh.parent_agency:
            self.para(top_left, upper_vi(lh.parent_agency), S.PARENT)
        issuer = upper_vi(lh.issuing_agency)
        self.para(top_left, issuer, S.ISSUER)
        issuer_w = min(int(self.width_of(issuer, S.ISSUER)), int(left_w))  # may wrap
        self.rule(top_left, width=Emu(round(issuer_w * ISSUER_RULE_RATIO)), available=left_w)
        self.para(top_right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", S.NATIONAL)
        motto = "Độc lập - Tự do - Hạnh phúc"
        self.para(top_right, motto, S.MOTTO)
        self.rule(top_right, width=self.width_of(motto, S.MOTTO), available=right_w)
        bottom_left, bottom_right = table.rows[1].cells
        self.para(bottom_left, _number_line(lh), S.NUMBER)
        year = lh.date.year if lh.date is not None else dt.date.today().year
        self.para(bottom_right, date_line(lh.place, lh.date, year=year), S.DATE)

        self.doc.add_paragraph(upper_vi(lh.doc_type), self.st(S.DOC_TYPE))
        self.doc.add_paragraph(lh.subject, self.st(S.SUBJECT))
        subject_w = min(int(self.width_of(lh.subject, S.SUBJECT)), int(width))
        self.rule(self.doc, width=Emu(round(subject_w * SUBJECT_RULE_RATIO)), available=width)
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
        label_w = int(self.width_of(label, S.RECIPIENT)) + int(LABEL_GAP)
        # 3 % slack: the metrics are estimates, and a wrapped recipient looks worse
        # than a block a hair off centre.
        longest = max(int(self.width_of(line, S.RECIPIENT)) for line in lines) * 103 // 100
        start = max(0, (int(width) - label_w - longest) // 2)
        hang = Emu(start + label_w)
        for i, line in enumerate(lines):
            p = self.doc.add_paragraph(style=self.st(S.RECIPIENT))
            fmt = p.paragraph_format
            fmt.left_indent = hang
            if i == 0:
                fmt.first_line_indent = Emu(-label_w)
                fmt.tab_stops.add_tab_stop(hang)
                p.add_run(f"{label}\t{line}")
            else:
                fmt.first_line_indent = Emu(0)
                p.add_run(line)

    # ---- ô 6

    def blocks(self, blocks: Sequence[Block], width: Length) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, Table):
                self.table(block, width)
            else:  # pragma: no cover - Block is a closed union
                raise TypeError(f"unknown block {block!r}")

    def heading(self, h: Heading) -> None:
        level = min(max(h.level, 1), len(S.HEADINGS))
        text = upper_vi(h.text) if level == 1 else h.text
        label = f"{h.number} {text}" if h.number else text
        self.doc.add_paragraph(label, self.st(S.HEADINGS[level - 1]))

    def paragraph(self, block: Paragraph) -> None:
        p = self.doc.add_paragraph(style=self.st(S.BODY if block.indent else S.BODY_FLUSH))
        for run in block.runs:
            r = p.add_run(run.text)
            if run.bold:
                r.bold = True
            if run.italic:
                r.italic = True

    def table(self, block: Table, width: Length) -> None:
        if block.caption:
            self.doc.add_paragraph(block.caption, self.st(S.CAPTION))
        ncols = len(block.columns)
        widths: list[Length] = [Mm(c.width_mm) for c in block.columns]
        total = sum(int(w) for w in widths)
        if total > int(width):  # never run into the margins: shrink proportionally
            widths = [Emu(int(w) * int(width) // total) for w in widths]
        table = self.doc.add_table(rows=1 + len(block.rows), cols=ncols)
        nd30.set_table_borders(table, "single")
        nd30.set_cell_margins(table, left=DATA_CELL_PADDING, right=DATA_CELL_PADDING)
        nd30.set_column_widths(table, widths, centred=True)
        size = None if block.font_size == DEFAULT_TABLE_FONT else Pt(block.font_size)

        head = table.rows[0]
        nd30.repeat_header_row(head)
        nd30.keep_row_together(head)
        for cell, column in zip(head.cells, block.columns, strict=True):
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            self.cell_text(cell, column.title, S.TABLE_HEAD, size=size)
        for row, data in zip(table.rows[1:], block.rows, strict=True):
            nd30.keep_row_together(row)
            self.table_row(row, data, block, size)
        self.doc.add_paragraph(style=self.st(S.AFTER_TABLE))

    def table_row(self, row: Any, data: Row, block: Table, size: Length | None) -> None:
        if data.group:
            cell = nd30.merge_row(row)
            title = next((c for c in data.cells if c), "")
            self.cell_text(cell, title, S.TABLE, bold=True, size=size)
            return
        for cell, text, column in zip(row.cells, data.cells, block.columns, strict=False):
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            p = self.cell_text(cell, text, S.TABLE, bold=data.bold, size=size)
            if column.align == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif column.align == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def cell_text(
        self, cell: Any, text: str, style: str, *, bold: bool = False, size: Length | None = None
    ) -> Any:
        p = self.para(cell, "", style)
        run = p.add_run(text)
        if bold:
            run.bold = True
        if size is not None:
            run.font.size = size
        return p

    # ---- ô 7, 9b

    def signature(self, signer: Signer, distribution: Sequence[str], width: Length) -> None:
        left_w = Emu(min(int(LEFT_COLUMN), int(width) // 2))
        right_w = Emu(int(width) - int(left_w))
        table = self.layout_table(1, (left_w, right_w))
        row = table.rows[0]
        nd30.keep_row_together(row)
        left, right = row.cells
        if distribution:
            self.para(left, "Nơi nhận:", S.DIST_LABEL)
            for line in _listed(distribution):
                self.para(left, line, S.DIST_LIST)
        else:
            self.para(left, "", S.DIST_LIST)
        lines = [upper_vi(signer.authority)] if signer.authority.strip() else []
        lines.append(upper_vi(signer.title))
        for line in lines:
            self.para(right, line, S.SIGNER)
        self.para(right, "", S.SIGN_SPACE)
        self.para(right, signer.name, S.SIGNER_NAME)

    # ---- phụ lục

    def appendix(self, appendix: Appendix) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _shrink_break_paragraph(self.doc)
        nd30.set_page(section, self.margins, landscape=appendix.landscape)
        nd30.restart_page_numbers(section)
        width = nd30.text_width_of(section)
        self.doc.add_paragraph(f"Phụ lục {appendix.number}".strip(), self.st(S.APPX_NUMBER))
        self.doc.add_paragraph(upper_vi(appendix.title), self.st(S.APPX_TITLE))
        if appendix.reference:
            self.doc.add_paragraph(appendix.reference, self.st(S.APPX_REF))
        self.blocks(appendix.blocks, width)


def _shrink_break_paragraph(doc: Any) -> None:
    """The empty paragraph that carries a section break is made 1 pt high, so that it can
    never spill onto a page of its own after a table that ends at the foot of a page."""
    body = doc.element.body
    for p in reversed(body.findall(qn("w:p"))):
        ppr = p.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            para = DocxParagraph(p, doc)
            fmt = para.paragraph_format
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
    """Regenerate the style document: ``python -m qnreport.render_docx [path]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0]) if args else Path("templates/styles/bao-cao.docx")
    make_style_document(target)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
