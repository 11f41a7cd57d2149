"""The clerk's own edits of the report, carried across rebuilds.

The renderer bookmarks every part the clerk may rewrite (``qn_…``: the opening, each
heading's body, the conclusion). When the report in the output folder is not the one the
last build wrote, it was edited: each region whose text differs from what that build
generated is the clerk's and is kept, with its formatting, in the new report; the others
are regenerated from the new data. Word's and LibreOffice's habits are taken as they come:
runs split anywhere, proofing marks, tracked changes (read as accepted), comments.

When the data under a kept region changed since the clerk edited it, the clerk's text is
still kept, and a Word comment on the region says what changed; ``build --accept-review``
clears it once the clerk has looked. A kept region whose heading left the outline goes to
the end of the report under "Nội dung đã biên tập không còn vị trí": nothing the clerk
wrote is ever lost (and the edited file itself goes to ``history/`` first).
"""

from __future__ import annotations

import copy
import hashlib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.text.paragraph import Paragraph
from lxml import etree

from ..report.render_docx import REGION_PREFIX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _T, _TAB, _BR = (f"{{{W}}}{t}" for t in ("p", "tbl", "t", "tab", "br"))
_START, _END = f"{{{W}}}bookmarkStart", f"{{{W}}}bookmarkEnd"
_NAME, _ID = f"{{{W}}}name", f"{{{W}}}id"
# What a saved editor adds that is not the text: dropped from the regions carried over.
_DROPPED = tuple(
    f"{{{W}}}{t}"
    for t in (
        "del",
        "moveFrom",
        "proofErr",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
        "pPrChange",
        "rPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
    )
)
_UNWRAPPED = (f"{{{W}}}ins", f"{{{W}}}moveTo")
ORPHANS_TITLE = "Nội dung đã biên tập không còn vị trí"
REVIEW_AUTHOR = "qnreport"


@dataclass(frozen=True)
class Region:
    """One bookmarked part of a report: its body-level elements and its text."""

    name: str  # the bookmark, "qn_II_4_1"
    elements: tuple[Any, ...]  # paragraphs and tables, tracked changes accepted
    text: str
    tracked: bool  # the clerk's version had tracked changes (read as accepted)

    @property
    def digest(self) -> str:
        return text_digest(self.text)


def text_digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


def body_of(path: Path) -> Any | None:
    """The ``w:body`` of a .docx, or None when the file cannot be read as one."""
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("word/document.xml")
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=False))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    return root.find(f"{{{W}}}body")


def read_regions(body: Any) -> dict[str, Region]:
    """Every ``qn_`` region of a document body, by bookmark name."""
    open_at: dict[str, str] = {}  # bookmark id → name, for the regions open now
    members: dict[str, list[Any]] = {}
    order: list[str] = []
    for element in body:
        if element.tag not in (_P, _TBL):
            continue
        starts = [
            (b.get(_ID), b.get(_NAME))
            for b in element.iter(_START)
            if (b.get(_NAME) or "").startswith(REGION_PREFIX)
        ]
        for bid, name in starts:
            open_at[str(bid)] = str(name)
            members.setdefault(str(name), [])
            order.append(str(name))
        for name in set(open_at.values()):
            members[name].append(element)
        for end in element.iter(_END):
            open_at.pop(str(end.get(_ID)), None)
    regions = {}
    for name in order:
        elements = [_accepted(e) for e in members[name]]
        tracked = any(
            next(e.iter(*_UNWRAPPED, f"{{{W}}}del"), None) is not None for e in members[name]
        )
        text = "\n".join(paragraph_text(p) for e in elements for p in _paragraphs(e))
        regions[name] = Region(name, tuple(elements), text.strip(), bool(tracked))
    return regions


def _paragraphs(element: Any) -> Iterable[Any]:
    return [element] if element.tag == _P else element.iter(_P)


def paragraph_text(p: Any) -> str:
    parts = []
    for node in p.iter(_T, _TAB, _BR):
        parts.append(node.text or "" if node.tag == _T else ("\t" if node.tag == _TAB else "\n"))
    return "".join(parts)


def _accepted(element: Any) -> Any:
    """A copy of ``element`` as it reads with its tracked changes accepted, without
    comments, proofing marks or bookmarks (the new report sets its own)."""
    element = copy.deepcopy(element)
    for node in list(element.iter(*_DROPPED, _START, _END)):
        node.getparent().remove(node)
    for node in list(element.iter(*_UNWRAPPED)):
        parent = node.getparent()
        index = parent.index(node)
        for child in reversed(list(node)):
            parent.insert(index, child)
        parent.remove(node)
    return element


def outside_text(body: Any) -> str:
    """The text of a body outside its regions (header, signer block, appendices)."""
    # The elements are kept in a list while their ids are compared: lxml makes a new proxy,
    # with a new id, for an element no Python object refers to any more.
    members = [e for name in read_regions(body) for e in _originals(body, name)]
    inside = {id(e) for e in members}
    return "\n".join(
        paragraph_text(p)
        for e in body
        if e.tag in (_P, _TBL) and id(e) not in inside
        for p in _paragraphs(e)
    )


def _originals(body: Any, name: str) -> list[Any]:
    """The body elements of the region ``name`` as they are (not copies)."""
    inside, found, bid = False, [], None
    for element in body:
        if element.tag not in (_P, _TBL):
            continue
        for b in element.iter(_START):
            if b.get(_NAME) == name:
                inside, bid = True, b.get(_ID)
        if inside:
            found.append(element)
            if any(e.get(_ID) == bid for e in element.iter(_END)):
                break
    return found


def replace_region(body: Any, name: str, region: Region, bookmark_id: int) -> bool:
    """Put the clerk's ``region`` where the region ``name`` of ``body`` is; False when the
    body has no such region. An emptied region stays empty: one empty paragraph holds its
    bookmark."""
    old = _originals(body, name)
    if not old:
        return False
    anchor = old[0]
    new = [parse_xml(etree.tostring(e)) for e in region.elements] or [OxmlElement("w:p")]
    for element in new:
        anchor.addprevious(element)
    for element in old:
        body.remove(element)
    paragraphs = [p for e in new for p in _paragraphs(e)]
    if not paragraphs:  # only tables: a paragraph after them holds the bookmark
        paragraphs = [OxmlElement("w:p")]
        new[-1].addnext(paragraphs[0])
    start = OxmlElement("w:bookmarkStart", {_ID: str(bookmark_id), _NAME: name})
    first = paragraphs[0]
    ppr = first.find(f"{{{W}}}pPr")
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    paragraphs[-1].append(OxmlElement("w:bookmarkEnd", {_ID: str(bookmark_id)}))
    return True


def append_orphans(body: Any, regions: Iterable[tuple[str, Region]]) -> None:
    """Regions whose place left the outline, at the end of the body on a page of their
    own, each under the title it had."""
    sect_pr = body.find(f"{{{W}}}sectPr")
    regions = list(regions)
    if not regions:
        return

    def paragraph(text: str, *, bold: bool = False, page_break: bool = False) -> Any:
        p = OxmlElement("w:p")
        if page_break:
            run = OxmlElement("w:r")
            run.append(OxmlElement("w:br", {f"{{{W}}}type": "page"}))
            p.append(run)
        run = OxmlElement("w:r")
        if bold:
            props = OxmlElement("w:rPr")
            props.append(OxmlElement("w:b"))
            run.append(props)
        t = OxmlElement("w:t")
        t.text = text
        run.append(t)
        p.append(run)
        return p

    placed = [paragraph(ORPHANS_TITLE.upper(), bold=True, page_break=True)]
    for title, region in regions:
        placed.append(paragraph(title, bold=True))
        placed.extend(parse_xml(etree.tostring(e)) for e in region.elements)
    for element in placed:
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            body.append(element)


def max_bookmark_id(body: Any) -> int:
    ids = [int(b.get(_ID)) for b in body.iter(_START) if (b.get(_ID) or "").isdigit()]
    return max(ids, default=0)


@dataclass
class Carried:
    """What a rebuild did with the clerk's edits, for the terminal, the journal and the
    manifest."""

    kept: list[str]  # titles of regions kept as the clerk wrote them
    review: list[str]  # titles of kept regions whose data changed: commented
    orphans: list[str]  # titles of kept regions moved to the end (heading left the outline)
    lost_marks: list[str]  # regions whose bookmark the clerk deleted: regenerated
    tracked: list[str]  # kept regions that had tracked changes (read as accepted)
    outside_changed: bool  # edits outside the regions, which cannot be kept
    state: dict[str, dict[str, Any]]  # per kept region: the data it was written against

    def lines(self) -> list[str]:
        out = [f"- Giữ phần đã biên tập: {t}." for t in self.kept]
        out += [f"- Cần xem lại (số liệu đã thay đổi sau khi biên tập): {t}." for t in self.review]
        out += [f"- Đưa vào phần “{ORPHANS_TITLE}”: {t}." for t in self.orphans]
        out += [f"- Có thay đổi được theo dõi, đã đọc như đã chấp nhận: {t}." for t in self.tracked]
        out += [
            f"- Dấu đề mục đã bị xóa khỏi báo cáo, phần này được lập lại từ số liệu: {t}."
            for t in self.lost_marks
        ]
        if self.outside_changed:
            out.append(
                "- Chỉnh sửa ngoài các đề mục (tiêu đề, khối chữ ký, phụ lục) không giữ được "
                "khi lập lại; bản đã sửa được lưu trong thư mục history/."
            )
        return out


@dataclass(frozen=True)
class Generated:
    """What a build generated, for the next build to tell edits from its own text."""

    regions: dict[str, str]  # bookmark → digest of the generated text
    outside: str  # digest of the text outside the regions


def generated(path: Path) -> Generated:
    body = body_of(path)
    if body is None:
        return Generated({}, "")
    return Generated(
        {name: r.digest for name, r in read_regions(body).items()},
        text_digest(outside_text(body)),
    )


def carry_edits(
    staged: Path,
    clerk: Any,
    before: Generated,
    earlier_state: dict[str, dict[str, Any]],
    titles: dict[str, str],
    notes_for: Any,
    *,
    accept_review: bool,
) -> Carried:
    """Put the clerk's edited regions (from the body ``clerk``) into the newly rendered
    report at ``staged``. ``before`` is what the last build generated; ``earlier_state``
    the kept regions' data as of their edit; ``titles`` names each region for people;
    ``notes_for(bookmark)`` gives the change lines that concern a region."""
    now = generated(staged)
    regions = read_regions(clerk)

    def title(name: str) -> str:
        return titles.get(name, name)

    edits = {
        n: r for n, r in regions.items() if n in before.regions and r.digest != before.regions[n]
    }
    carried = Carried([], [], [], [], [], False, {})
    carried.lost_marks = [title(n) for n in before.regions if n not in regions and n in now.regions]
    carried.outside_changed = bool(before.outside) and (
        text_digest(outside_text(clerk)) != before.outside
    )
    if not edits:
        return carried
    doc = docx.Document(str(staged))
    body = doc.element.body
    next_id = max_bookmark_id(body) + 1
    orphans = []
    for name, region in edits.items():
        earlier = earlier_state.get(name, {})
        base = str(earlier.get("base") or before.regions[name])
        notes = list(earlier.get("notes", []))
        if region.tracked:
            carried.tracked.append(title(name))
        if name not in now.regions:
            orphans.append((title(name), region))
            carried.orphans.append(title(name))
            continue
        replace_region(body, name, region, next_id)
        next_id += 1
        carried.kept.append(title(name))
        if accept_review:
            base, notes = now.regions[name], []
        elif now.regions[name] != base:
            notes += [n for n in notes_for(name) if n not in notes]
            _comment(doc, body, name, notes)
            carried.review.append(title(name))
        carried.state[name] = {"base": base, "notes": notes}
    append_orphans(body, orphans)
    doc.save(str(staged))
    return carried


def _comment(doc: Any, body: Any, name: str, notes: list[str]) -> None:
    """A Word comment on the first paragraph of the region, saying what changed."""
    start = next(b for b in body.iter(_START) if b.get(_NAME) == name)
    paragraph = Paragraph(start.getparent(), doc._body)
    runs = paragraph.runs or [paragraph.add_run("")]
    text = (
        "Số liệu, nội dung của đề mục này đã thay đổi sau khi được biên tập: "
        + (" ".join(n.lstrip("- ") for n in notes) or "dữ liệu các cơ quan gửi đã đổi.")
        + " Nội dung biên tập được giữ nguyên; hãy xem lại, rồi chạy "
        "qnreport build --accept-review để bỏ đánh dấu."
    )
    doc.add_comment(runs[0], text=text, author=REVIEW_AUTHOR, initials="QN")
