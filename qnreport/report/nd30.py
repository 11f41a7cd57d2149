"""Low-level OOXML helpers for the Nghị định 30/2020 layout.

python-docx covers most of WordprocessingML but not all of what ND30 needs (fonts for
every script, w:lang, paragraph borders, PAGE fields, page-number restart, repeated table
header rows), and its object API is too slow for the thousands of paragraphs and cells of a
report body, which is built here element by element. Every raw XML edit of the project
lives here, behind a small typed API, so ``render_docx`` only speaks in styles, lengths and
blocks.

Lengths are python-docx ``Length`` values (EMU ints); build them with ``Mm``/``Pt``/``Cm``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm
from docx.text.parfmt import ParagraphFormat
from lxml import etree

from ..vntext import NO_BREAK_HYPHEN, typeset, xml_safe

FONT = "Times New Roman"
LANG = "vi-VN"
A4_SHORT = Mm(210)
A4_LONG = Mm(297)
_ZERO = Emu(0)

# Children of w:rPr / w:pPr / w:sectPr that must come *after* the element being inserted
# (the schema fixes the order; Word rejects files that break it).
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_PPR_AFTER_CONTEXTUAL = _PPR_AFTER_PBDR[_PPR_AFTER_PBDR.index("w:mirrorIndents") :]
_PPR_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_SECTPR_AFTER_PGNUM = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# --------------------------------------------------------------------------- fonts, lang


def set_fonts(rpr: Any, name: str = FONT) -> None:
    """Name the font for all four scripts of a ``w:rPr`` and drop theme-font overrides.

    Word picks ascii/hAnsi/eastAsia/cs per character class; Vietnamese letters with
    diacritics fall in hAnsi, but a theme attribute (``asciiTheme``) would beat an explicit
    name, so those are removed too.
    """
    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def set_lang(rpr: Any, lang: str = LANG) -> None:
    """Mark text as ``lang`` (all three slots), so Word's proofing and hyphenation use it."""
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.insert_element_before(el, *_RPR_AFTER_LANG)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)


def set_doc_defaults(styles_element: Any, *, font: str, size_pt: float, lang: str) -> None:
    """Rewrite ``w:docDefaults`` so anything without a style still gets ND30 font/lang.

    Paragraph defaults are reset to no spacing and single line spacing; styles carry the
    real values.
    """
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    for child in list(defaults):
        defaults.remove(child)
    rpr_default = OxmlElement("w:rPrDefault")
    rpr = OxmlElement("w:rPr")
    rpr_default.append(rpr)
    defaults.append(rpr_default)
    set_fonts(rpr, font)
    half_points = str(round(size_pt * 2))
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), half_points)
        rpr.append(el)
    set_lang(rpr, lang)
    ppr_default = OxmlElement("w:pPrDefault")
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    ppr_default.append(ppr)
    defaults.append(ppr_default)


def set_theme_font_lang(settings_element: Any, lang: str = LANG) -> None:
    """Tell Word the document's language for theme fonts (it defaults to en-US)."""
    el = settings_element.find(qn("w:themeFontLang"))
    if el is not None:
        for attr in list(el.attrib):
            del el.attrib[attr]
        el.set(qn("w:val"), lang)


def mark_builtin(style: Any, style_id: str) -> None:
    """Make a style Word's own built-in one (heading 1, header, Body Text...).

    python-docx flags every added style as custom; Word would then keep a second,
    unrelated "Heading 1" and lose the outline/navigation behaviour.
    """
    element = style.element
    element.attrib.pop(qn("w:customStyle"), None)
    element.set(qn("w:styleId"), style_id)


def set_outline_level(ppr: Any, level: int) -> None:
    """Outline level 0-based: headings appear in Word's navigation pane and TOC."""
    el = ppr.find(qn("w:outlineLvl"))
    if el is None:
        el = OxmlElement("w:outlineLvl")
        ppr.insert_element_before(el, *_PPR_AFTER_OUTLINE)
    el.set(qn("w:val"), str(level))


def set_contextual_spacing(ppr: Any) -> None:
    """Word's "don't add space between paragraphs of the same style": a block of lines
    (recipients, signer titles) keeps its space before/after but none inside."""
    if ppr.find(qn("w:contextualSpacing")) is None:
        ppr.insert_element_before(OxmlElement("w:contextualSpacing"), *_PPR_AFTER_CONTEXTUAL)


# ------------------------------------------------------------------------- text metrics

# Advance widths (1/1000 em) of Times New Roman, read from Liberation Serif 2.1 (metric
# compatible), for ASCII 32..126 followed by Đ đ Ơ ơ Ư ư. Vietnamese tone marks, breve
# and circumflex do not change a letter's advance; the horn does, hence the extra six.
_METRIC_CHARS = "".join(chr(c) for c in range(32, 127)) + "ĐđƠơƯư"
_REGULAR = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 "
    "500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 "
    "611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 "
    "500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 "
    "500 500 444 480 200 480 541 722 500 722 529 776 542"
)
_BOLD = (
    "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 "
    "500 500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 "
    "667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 "
    "556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 "
    "500 500 444 394 220 394 520 722 556 778 554 796 600"
)
_WIDTHS = {
    False: dict(zip(_METRIC_CHARS, map(int, _REGULAR.split()), strict=True)),
    True: dict(zip(_METRIC_CHARS, map(int, _BOLD.split()), strict=True)),
}


def _metric_key(ch: str) -> str:
    if ch == "\u00a0":  # a no-break space is as wide as a space
        return " "
    decomposed = unicodedata.normalize("NFD", ch)
    if "\u031b" in decomposed:  # horn: ơ ư and their toned forms
        return unicodedata.normalize("NFC", decomposed[0] + "\u031b")
    return decomposed[0]


def text_width(text: str, size_pt: float, *, bold: bool = False) -> Length:
    """Printed width of one line of Times New Roman text, for sizing the ND30 rules.

    Unknown characters count as half an em; accurate to a few per cent, which is what a
    line "1/3 to 1/2 of the text" needs.
    """
    table = _WIDTHS[bold]
    units = sum(table.get(_metric_key(ch), 500) for ch in text)
    return Emu(round(units * size_pt * 12700 / 1000))


# ------------------------------------------------------------------- paragraph helpers


def set_bottom_border(p: Any, *, size_eighths: int = 6, space_pt: int = 0) -> None:
    """Solid line under a ``w:p``, spanning its indents (ND30's "đường kẻ ngang")."""
    ppr = p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(pbdr, *_PPR_AFTER_PBDR)
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), str(space_pt))
    bottom.set(qn("w:color"), "000000")
    pbdr.append(bottom)


def make_rule(p: Any, *, width: Length, available: Length) -> None:
    """Turn an empty ``w:p`` into a centred solid line ``width`` long.

    The line is the paragraph's bottom border; equal left/right indents shrink the
    paragraph to ``width`` inside a column ``available`` wide. This renders the same in
    Word and LibreOffice, unlike floating shapes.
    """
    width = Emu(min(int(width), int(available)))
    side = Emu(max(0, (int(available) - int(width)) // 2))
    fmt = ParagraphFormat(p)
    fmt.left_indent = side
    fmt.right_indent = side
    fmt.first_line_indent = Emu(0)
    set_bottom_border(p)


def add_page_field(paragraph: Any, placeholder: str = "2") -> None:
    """Append a PAGE field (complex-field form, which Word and LibreOffice both update)."""

    def run_with(child: Any) -> None:
        r = paragraph.add_run()._r
        r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# -------------------------------------------------------------------- element builders

# A province report holds thousands of paragraphs and table cells. Built through
# python-docx's proxies (a style lookup by XPath per paragraph, row and cell property
# walks per table) rendering took seconds, so the body is built here with lxml: the same
# elements, attributes and order python-docx wrote. ``new_*`` return a detached element
# for the caller to place; ``add_*`` append to the element given.


def _w(name: str) -> str:
    return qn(f"w:{name}")


# Names used per paragraph, run and cell, computed once.
_PPR, _PSTYLE, _JC, _R, _RPR, _B, _I, _SZ, _T, _TAB, _BR = map(
    _w, ("pPr", "pStyle", "jc", "r", "rPr", "b", "i", "sz", "t", "tab", "br")
)
_TRPR, _CANT_SPLIT, _TBL_HEADER, _TCPR, _TCW, _GRID_SPAN, _VALIGN = map(
    _w, ("trPr", "cantSplit", "tblHeader", "tcPr", "tcW", "gridSpan", "vAlign")
)
_VAL, _WIDTH, _TYPE = _w("val"), _w("w"), _w("type")
_XML_SPACE = qn("xml:space")
_BREAKS = re.compile(r"([\t\r\n\u2011])")
_NO_BREAK_HYPHEN = _w("noBreakHyphen")
_KEEP_NEXT = _w("keepNext")

BorderStyle = Literal["single", "nil"]


def _add(parent: Any, name: str, **attrs: str) -> Any:
    """Append ``w:<name>`` with ``w:`` attributes, in the order given."""
    return etree.SubElement(parent, _w(name), {_w(key): value for key, value in attrs.items()})


def _twips(*widths: Length) -> str:
    """Widths in twips, each rounded as python-docx rounds it, then summed."""
    return str(sum(Emu(width).twips for width in widths))


def new_paragraph(style_id: str | None = None, *, align: str | None = None) -> Any:
    """A ``w:p`` in paragraph style ``style_id`` (None: the default style), aligned by
    ``align`` (a ``w:jc`` value such as "center") or by its style."""
    p = OxmlElement("w:p")
    if style_id is not None or align is not None:
        ppr = etree.SubElement(p, _PPR)
        if style_id is not None:
            etree.SubElement(ppr, _PSTYLE, {_VAL: style_id})
        if align is not None:
            etree.SubElement(ppr, _JC, {_VAL: align})
    return p


def add_run(
    p: Any, text: str, *, bold: bool = False, italic: bool = False, size: Length | None = None
) -> Any:
    """Append a ``w:r`` of ``text``; direct formatting only where asked, styles do the rest."""
    r = etree.SubElement(p, _R)
    if bold or italic or size is not None:
        rpr = etree.SubElement(r, _RPR)
        if bold:
            etree.SubElement(rpr, _B)
        if italic:
            etree.SubElement(rpr, _I)
        if size is not None:  # half-points, truncated as python-docx does
            etree.SubElement(rpr, _SZ, {_VAL: str(int(Emu(size).pt * 2))})
    add_text(r, text)
    return r


def add_text(r: Any, text: str) -> None:
    """Append ``text`` to a run, typeset (:func:`..vntext.typeset`): a tab becomes
    ``w:tab``, a line break ``w:br``, a hyphen that must not break ``w:noBreakHyphen``
    (Word and LibreOffice both honour it; a U+2011 glyph is missing from many fonts), the
    rest ``w:t`` (space-preserving when it starts or ends with whitespace). Characters XML
    cannot hold are dropped here too, whatever path the text came by."""
    text = typeset(text)
    plain = text.isprintable() and NO_BREAK_HYPHEN not in text  # tabs are unprintable
    pieces = (text,) if plain else _BREAKS.split(xml_safe(text))
    for piece in pieces:
        if piece == "\t":
            etree.SubElement(r, _TAB)
        elif piece in ("\r", "\n"):
            etree.SubElement(r, _BR)
        elif piece == NO_BREAK_HYPHEN:
            etree.SubElement(r, _NO_BREAK_HYPHEN)
        elif piece:
            t = etree.SubElement(r, _T)
            t.text = piece
            if piece.strip() != piece:
                t.set(_XML_SPACE, "preserve")


def keep_with_next(p: Any) -> None:
    """Keep ``p`` on the page of the next paragraph (in a table: the next row's)."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    if ppr.find(_KEEP_NEXT) is None:
        keep = etree.Element(_KEEP_NEXT)
        style = ppr.find(_PSTYLE)
        if style is not None:
            style.addnext(keep)
        else:
            ppr.insert(0, keep)


def new_table(
    widths: Sequence[Length], *, borders: BorderStyle, padding: Length, centred: bool
) -> Any:
    """A fixed-layout ``w:tbl`` with exact column widths and no rows yet.

    All six borders are ``single`` (data tables) or ``nil`` (layout tables, which also get
    no padding so text widths add up). Word reads ``tcW``, LibreOffice reads ``gridCol``:
    the grid is written here and :func:`new_cell` writes the same widths.
    """
    tbl = OxmlElement("w:tbl")
    tblpr = _add(tbl, "tblPr")
    _add(tblpr, "tblW", type="dxa", w=str(round(sum(int(w) for w in widths) / 635)))
    _add(tblpr, "jc", val="center" if centred else "left")
    edges = _add(tblpr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if borders == "nil":
            _add(edges, side, val="nil")
        else:
            _add(edges, side, val="single", sz="4", space="0", color="000000")  # ½ pt
    _add(tblpr, "tblLayout", type="fixed")
    margins = _add(tblpr, "tblCellMar")
    for side, value in (("top", _ZERO), ("left", padding), ("bottom", _ZERO), ("right", padding)):
        _add(margins, side, w=str(round(int(value) / 635)), type="dxa")
    _add(  # python-docx's default look
        tblpr, "tblLook", firstColumn="1", firstRow="1", lastColumn="0", lastRow="0",
        noHBand="0", noVBand="1", val="04A0",
    )  # fmt: skip
    grid = _add(tbl, "tblGrid")
    for width in widths:
        _add(grid, "gridCol", w=_twips(width))
    return tbl


def new_row(*, keep_together: bool, header: bool = False) -> Any:
    """A ``w:tr``. ``keep_together`` forbids a page break inside it (a split signer block
    or header cell is ugly); a ``header`` row repeats at the top of every page of the table.
    """
    tr = OxmlElement("w:tr")
    if keep_together or header:
        trpr = etree.SubElement(tr, _TRPR)
        if keep_together:
            etree.SubElement(trpr, _CANT_SPLIT)
        if header:
            etree.SubElement(trpr, _TBL_HEADER)
    return tr


def new_cell(*widths: Length, centred: bool = False) -> Any:
    """An empty ``w:tc`` over the columns ``widths``: one, or several merged (a group title
    row); ``centred`` vertically. The caller adds its paragraphs (Word needs at least one).

    A merged cell is as wide as its columns' twips added up, as python-docx's merge made
    it, so it matches the grid exactly.
    """
    tc = OxmlElement("w:tc")
    tcpr = etree.SubElement(tc, _TCPR)
    etree.SubElement(tcpr, _TCW, {_TYPE: "dxa", _WIDTH: _twips(*widths)})
    if len(widths) > 1:
        etree.SubElement(tcpr, _GRID_SPAN, {_VAL: str(len(widths))})
    if centred:
        etree.SubElement(tcpr, _VALIGN, {_VAL: "center"})
    return tc


# --------------------------------------------------------------------- section helpers


@dataclass(frozen=True)
class Margins:
    """Page margins and header distance, as read from the style document."""

    top: Length
    bottom: Length
    left: Length
    right: Length
    header: Length
    footer: Length

    @classmethod
    def of(cls, section: Any) -> Margins:
        return cls(
            top=section.top_margin,
            bottom=section.bottom_margin,
            left=section.left_margin,
            right=section.right_margin,
            header=section.header_distance,
            footer=section.footer_distance,
        )


def set_page(section: Any, margins: Margins, *, landscape: bool = False) -> None:
    """A4 page, portrait or landscape, with the given margins (kept on the same edges)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = A4_LONG if landscape else A4_SHORT
    section.page_height = A4_SHORT if landscape else A4_LONG
    section.top_margin = margins.top
    section.bottom_margin = margins.bottom
    section.left_margin = margins.left
    section.right_margin = margins.right
    section.header_distance = margins.header
    section.footer_distance = margins.footer
    section.gutter = Emu(0)


def text_width_of(section: Any) -> Length:
    """Width between the side margins of a section."""
    return Emu(int(section.page_width) - int(section.left_margin) - int(section.right_margin))


def restart_page_numbers(section: Any, start: int = 1) -> None:
    """Page numbering of this section starts again at ``start`` (ND30: each phụ lục)."""
    sectpr = section._sectPr
    el = sectpr.find(qn("w:pgNumType"))
    if el is None:
        el = OxmlElement("w:pgNumType")
        sectpr.insert_element_before(el, *_SECTPR_AFTER_PGNUM)
    el.set(qn("w:start"), str(start))
    el.set(qn("w:fmt"), "decimal")


def clear_story(container: Any) -> None:
    """Remove all paragraphs and tables from a document body, header or footer.

    The body's final ``w:sectPr`` (the page setup read from the style document) stays.
    """
    element = getattr(container, "_body", container)._element
    for child in list(element):
        if child.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt")):
            element.remove(child)


def page_number_header(section: Any, style: str) -> None:
    """Centred PAGE field in the section's header, nothing on the section's first page.

    Both headers are defined explicitly (not linked to the previous section), which keeps
    LibreOffice from dropping or duplicating them across orientation changes.
    """
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    clear_story(header)
    add_page_field(header.add_paragraph(style=style))
    first = section.first_page_header
    first.is_linked_to_previous = False
    clear_story(first)
    first.add_paragraph(style=style)


def bookmark(first: Any, last: Any, name: str, bookmark_id: int) -> None:
    """Bookmark the paragraphs from ``first`` to ``last`` (the same paragraph for one):
    the start after ``first``'s properties, the end as ``last``'s final child. Inside the
    paragraphs, not between them, where Word, LibreOffice and WPS all keep a bookmark."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = first.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    last.append(end)
