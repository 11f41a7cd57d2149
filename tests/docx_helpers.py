"""Reading a written .docx back the way Word shows it, for the renderer and build tests.

Formatting lives in styles, so a run's font, size, bold and italic, and a paragraph's
alignment and spacing, are resolved as Word resolves them (run, then the paragraph style
chain, then the document defaults), never taken from direct formatting alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn

# ------------------------------------------------------------------ effective formatting


def _style_chain(paragraph: Any) -> Iterator[Any]:
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _rpr_chain(doc: Any, paragraph: Any, run: Any) -> list[Any]:
    """rPr elements from the run outwards, as Word resolves a run's properties."""
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    chain = [run._r.rPr, *(s.element.rPr for s in _style_chain(paragraph)), defaults]
    return [r for r in chain if r is not None]


def eff_attr(doc: Any, paragraph: Any, run: Any, tag: str, attr: str) -> str | None:
    """The effective ``attr`` of the run property ``tag`` (w:rFonts/w:ascii, w:lang/w:val)."""
    for rpr in _rpr_chain(doc, paragraph, run):
        el = rpr.find(qn(tag))
        if el is not None and el.get(qn(attr)) is not None:
            return str(el.get(qn(attr)))
    return None


def eff_toggle(doc: Any, paragraph: Any, run: Any, tag: str) -> bool:
    """w:b / w:i: the nearest definition wins (styles here never toggle twice)."""
    for rpr in _rpr_chain(doc, paragraph, run):
        el = rpr.find(qn(tag))
        if el is not None:
            return el.get(qn("w:val")) not in ("0", "false", "off")
    return False


def eff_size(doc: Any, paragraph: Any, run: Any) -> float:
    """Font size in points."""
    val = eff_attr(doc, paragraph, run, "w:sz", "w:val")
    assert val is not None, paragraph.text
    return int(val) / 2


def eff_pf(paragraph: Any, name: str) -> Any:
    """Effective paragraph-format value: direct, then the style chain."""
    value = getattr(paragraph.paragraph_format, name)
    for style in _style_chain(paragraph):
        if value is not None:
            break
        value = getattr(style.paragraph_format, name)
    return value


def look(doc: Any, paragraph: Any) -> tuple[bool, bool, float]:
    """(bold, italic, size) of a paragraph's text, asserting all its runs agree."""
    runs = [r for r in paragraph.runs if r.text]
    assert runs, paragraph.text
    seen = {
        (
            eff_toggle(doc, paragraph, r, "w:b"),
            eff_toggle(doc, paragraph, r, "w:i"),
            eff_size(doc, paragraph, r),
        )
        for r in runs
    }
    assert len(seen) == 1, (paragraph.text, seen)
    return seen.pop()


# ------------------------------------------------------------------ finding paragraphs


def all_paragraphs(doc: Any) -> Iterator[Any]:
    """Body, table cells and headers: every paragraph a reader sees, each once."""

    def walk(container: Any) -> Iterator[Any]:
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(doc)
    for section in doc.sections:
        for header in (section.header, section.first_page_header):
            if not header.is_linked_to_previous:
                yield from walk(header)


def find(doc: Any, text: str) -> Any:
    """The first paragraph anywhere whose whole text is ``text``."""
    for p in all_paragraphs(doc):
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def body_texts(doc: Any) -> list[str]:
    return [p.text for p in doc.paragraphs]
