"""The clerk rewrites parts of the report in Word or LibreOffice; rebuilds keep them."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from libreoffice import soffice_convert

from qnreport.build import BuildOptions, BuildResult, build, output_names
from qnreport.build.edits import ORPHANS_TITLE, body_of, read_regions
from qnreport.cli import cli
from qnreport.config import contract
from qnreport.config.project import Project

CN = "cn-2023"
Submit = Callable[..., Path]
II_1 = contract.section_name("II_1")
II_2 = contract.section_name("II_2")
CN04 = contract.indicator_name("CN04", "NAM_NAY")
OWN = "Sở Công Thương đã chủ trì tuyên truyền chính sách công nghiệp trên các báo, đài của tỉnh."


def run(proj: Project, **kw: Any) -> BuildResult:
    kw.setdefault("jobs", 1)
    return build(proj, BuildOptions(CN, **kw), echo=lambda _line: None)


def report_path(proj: Project) -> Path:
    return proj.outputs / CN / output_names(CN)["report"]


def region_texts(path: Path) -> dict[str, str]:
    body = body_of(path)
    assert body is not None
    return {name: r.text for name, r in read_regions(body).items()}


def first_paragraph(document: Any, bookmark: str) -> Any:
    start = next(
        b
        for b in document.element.body.iter(qn("w:bookmarkStart"))
        if b.get(qn("w:name")) == bookmark
    )
    return start.getparent()


def rewrite_like_word(path: Path, bookmark: str, text: str) -> None:
    """What Word leaves after a clerk retypes a region's first paragraph and deletes the
    others: the text in several runs with rsids, a proofing mark, the bookmark kept."""
    document = docx.Document(str(path))
    first = first_paragraph(document, bookmark)
    end = next(
        e for e in document.element.body.iter(qn("w:bookmarkEnd"))
        if e.get(qn("w:id")) == next(first.iter(qn("w:bookmarkStart"))).get(qn("w:id"))
    )  # fmt: skip
    last = end.getparent()
    others = []  # the region's paragraphs and tables after the first
    element = first
    while element is not last:
        element = element.getnext()
        others.append(element)
    if last is not first:
        first.append(end)
    for element in others:
        element.getparent().remove(element)
    for run in first.findall(qn("w:r")):
        first.remove(run)
    half = len(text) // 2
    for n, piece in enumerate((text[:half], text[half:])):
        run = OxmlElement("w:r", {qn("w:rsidR"): f"00A1B2C{n}"})
        t = OxmlElement("w:t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        t.text = piece
        run.append(t)
        end.addprevious(run)
        if n == 0:
            end.addprevious(OxmlElement("w:proofErr", {qn("w:type"): "spellStart"}))
    document.save(str(path))


@pytest.fixture
def built(proj: Project, submit: Submit) -> Project:
    for agency in ("SCT", "CTK"):
        submit(agency)
    run(proj)
    return proj


def test_regions_are_bookmarked_for_the_opening_each_heading_and_the_conclusion(
    built: Project,
) -> None:
    names = list(region_texts(report_path(built)))
    assert names[0] == "qn_mo_dau" and names[-1] == "qn_ket_luan"
    assert {"qn_II_1", "qn_II_2", "qn_III", "qn_IV"} <= set(names)


def test_an_edited_region_survives_a_rebuild_and_the_others_take_the_new_data(
    built: Project, submit: Submit
) -> None:
    rewrite_like_word(report_path(built), "qn_II_2", OWN)
    before = region_texts(report_path(built))
    submit("SCT", values={II_1: "Tổ chức 3 hội nghị tuyên truyền cho 150 lượt cơ sở."})
    result = run(built)
    after = region_texts(report_path(built))
    assert after["qn_II_2"] == OWN  # the clerk's words, run splits and all
    assert set(after) == set(before)  # every region is still there
    assert "Tổ chức 3 hội nghị tuyên truyền cho 150 lượt cơ sở" in after["qn_II_1"]
    assert after["qn_II_1"] != before["qn_II_1"]
    assert "- Giữ phần đã biên tập: 2. " in "\n".join(result.changes)
    assert not any("thay đổi được theo dõi" in c or "Dấu đề mục" in c for c in result.changes)
    assert not any("ngoài các đề mục" in c for c in result.changes)
    history = list((built.outputs / CN / "history").iterdir())
    assert any(OWN in region_texts(h).get("qn_II_2", "") for h in history)  # nothing lost


def test_an_edited_region_whose_data_changed_is_kept_and_marked_until_accepted(
    built: Project, submit: Submit
) -> None:
    rewrite_like_word(report_path(built), "qn_II_1", OWN)
    submit("SCT", values={II_1: "Tổ chức 5 hội nghị tuyên truyền cho 369 lượt cơ sở."})
    result = run(built)
    assert region_texts(report_path(built))["qn_II_1"] == OWN
    comments = comments_of(report_path(built))
    assert len(comments) == 1
    assert comments[0].startswith("Số liệu, nội dung của đề mục này đã thay đổi sau khi được")
    assert "Nội dung đề mục 1. " in comments[0] and "Sở Công Thương" in comments[0]
    assert any(line.startswith("- Cần xem lại") for line in result.changes)

    assert run(built).unchanged  # nothing new: the clerk's file is left alone
    accepted = run(built, accept_review=True)
    assert not accepted.unchanged
    assert region_texts(report_path(built))["qn_II_1"] == OWN
    assert comments_of(report_path(built)) == []


def comments_of(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        if "word/comments.xml" not in zf.namelist():
            return []
        root = docx.oxml.parse_xml(zf.read("word/comments.xml"))
    return ["".join(t.text or "" for t in c.iter(qn("w:t"))) for c in root.iter(qn("w:comment"))]


def test_tracked_changes_are_read_as_accepted_and_said_so(built: Project, submit: Submit) -> None:
    path = report_path(built)
    document = docx.Document(str(path))
    p = first_paragraph(document, "qn_II_2")
    for run_ in p.findall(qn("w:r")):
        deleted = OxmlElement("w:del", {qn("w:id"): "901", qn("w:author"): "Chuyên viên"})
        run_.addprevious(deleted)
        deleted.append(run_)
        for t in run_.iter(qn("w:t")):
            t.tag = qn("w:delText")
    inserted = OxmlElement("w:ins", {qn("w:id"): "902", qn("w:author"): "Chuyên viên"})
    new_run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "Nội dung viết lại, chưa chấp nhận thay đổi."
    new_run.append(t)
    inserted.append(new_run)
    p.append(inserted)
    document.save(str(path))
    submit("SCT", values={CN04: 9.9})
    result = run(built)
    kept = region_texts(path)["qn_II_2"]
    assert kept.startswith("Nội dung viết lại, chưa chấp nhận thay đổi.")
    assert any("thay đổi được theo dõi" in line for line in result.changes)


def test_a_deleted_bookmark_falls_back_to_the_new_text_and_says_so(
    built: Project, submit: Submit
) -> None:
    path = report_path(built)
    document = docx.Document(str(path))
    start = next(
        b for b in document.element.body.iter(qn("w:bookmarkStart"))
        if b.get(qn("w:name")) == "qn_II_2"
    )  # fmt: skip
    start.getparent().remove(start)
    document.save(str(path))
    submit("SCT", values={CN04: 9.9})
    result = run(built)
    assert "qn_II_2" in region_texts(path)
    assert any(line.startswith("- Dấu đề mục đã bị xóa") for line in result.changes)


def test_an_emptied_region_stays_empty(built: Project, submit: Submit) -> None:
    rewrite_like_word(report_path(built), "qn_II_2", "")
    submit("SCT", values={CN04: 9.9})
    run(built)
    assert region_texts(report_path(built))["qn_II_2"] == ""


def test_a_kept_region_whose_heading_left_the_outline_goes_to_the_end(
    built: Project, submit: Submit
) -> None:
    rewrite_like_word(report_path(built), "qn_II_8", OWN)
    outline = built.templates / "outlines" / "cn-2023.toml"
    text = outline.read_text(encoding="utf-8")
    start = text.index('[[heading]]\nid = "II.8"')
    end = text.index("[[heading]]", start + 5)
    outline.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run(built)
    document = docx.Document(str(report_path(built)))
    texts = [p.text for p in document.paragraphs]
    assert ORPHANS_TITLE.upper() in texts
    assert OWN in texts[texts.index(ORPHANS_TITLE.upper()) :]
    assert any(ORPHANS_TITLE in line for line in result.changes)


@pytest.mark.libreoffice
def test_an_edit_saved_by_libreoffice_writer_survives(
    built: Project, submit: Submit, tmp_path: Path
) -> None:
    path = report_path(built)
    rewrite_like_word(path, "qn_II_2", OWN)
    saved = soffice_convert(path, "docx:MS Word 2007 XML", tmp_path / "writer")
    shutil.copyfile(saved, path)  # the clerk saved it in Writer
    assert region_texts(path)["qn_II_2"] == OWN  # Writer kept the bookmarks
    submit("SCT", values={II_1: "Tổ chức 3 hội nghị tuyên truyền cho 150 lượt cơ sở."})
    run(built)
    after = region_texts(path)
    assert after["qn_II_2"] == OWN
    assert "150 lượt cơ sở" in after["qn_II_1"]


def test_accept_review_is_a_build_option_with_vietnamese_help() -> None:
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert "--accept-review" in result.output and "bỏ các ghi chú đánh dấu" in result.output
