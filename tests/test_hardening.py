"""What damaged input and a hostile environment do to the tool: a Vietnamese finding or
message, never a traceback, and previous outputs kept.

Control characters come from Word (field marks U+0013-U+0015, line and page breaks as
U+000B/U+000C); a workbook stores them as ``_xHHHH_``, which openpyxl writes literally.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from conftest import WorkbookFactory
from docx.oxml import OxmlElement
from hypothesis import given, settings
from hypothesis import strategies as st

from qnreport.build import BuildOptions, build
from qnreport.check.batch import Validator
from qnreport.config.project import Project
from qnreport.findings import Level
from qnreport.report import nd30, summary
from qnreport.vntext import xml_safe

TODAY = dt.date(2024, 1, 5)
# What a field code copied from Word leaves in a cell, plus a manual line break.
WORD_FIELD = "Xem _x0013_ HYPERLINK _x0014_Cổng thông tin_x0015_ của Sở_x000B_Dòng hai_x0007_"
WORD_FIELD_CLEAN = "Xem HYPERLINK Cổng thông tin của Sở\nDòng hai"
CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))


@pytest.fixture(scope="module")
def validator(project: Project) -> Validator:
    return Validator(project)


def _build(project: Project, inputs: Path, out: Path) -> list[str]:
    lines: list[str] = []
    build(
        project,
        BuildOptions(round_id="cn-2023", input_dir=inputs, output_dir=out, date=TODAY),
        echo=lines.append,
    )
    return lines


# ============================================================ control characters


def test_xml_safe_drops_controls_and_keeps_breaks_as_lines() -> None:
    assert xml_safe(f"a{CONTROLS}b\tc\nd\re") == "a\n\nb\tc\nd\re"
    assert xml_safe("Bình thường, không đổi") == "Bình thường, không đổi"
    assert xml_safe("x\ud800y\ufffe\uffffz") == "xyz"


def test_word_field_marks_are_cleaned_with_a_warning(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    report = validator.validate_file(filled_workbook(values={"DM_II_1_KQ": WORD_FIELD}))
    assert report.submission is not None
    assert report.submission.sections["II.1"] == WORD_FIELD_CLEAN
    assert [(f.level, f.code, f.sheet, f.cell) for f in report.findings] == [
        (Level.WARNING, "TEXT_CONTROL_CHARS", "Nhiệm vụ", "D5")
    ]
    assert report.findings[0].message == (
        "Ô có ký tự điều khiển không hiển thị được (thường do chép từ Word: mã trường, "
        "ngắt dòng, ngắt trang); chương trình đã bỏ các ký tự này. Hãy kiểm tra lại nội "
        'dung: "Xem HYPERLINK Cổng thông tin của Sở Dòng hai".'
    )
    assert report.verdict == "warnings"


def test_build_with_control_characters_writes_the_report_twice(
    project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    """The first build used to stop in the renderer and the cached reading kept every later
    build failing: both builds now go through and the text reads cleanly."""
    filled_workbook(
        "SCT",
        values={"DM_II_1_KQ": WORD_FIELD},
        rows={"kien_nghi": [{"noi_nhan": "Bộ Công Thương", "noi_dung": "Hỗ trợ_x0001_ vốn"}]},
    )
    out = tmp_path / "ket-qua"
    _build(project, tmp_path / "nop", out)
    (out / "bao-cao-cn-2023.docx").unlink()
    _build(project, tmp_path / "nop", out)  # from the cache this time
    text = "\n".join(p.text for p in docx.Document(str(out / "bao-cao-cn-2023.docx")).paragraphs)
    assert "Xem HYPERLINK Cổng thông tin của Sở\nDòng hai" in text
    cells = [
        c.value
        for ws in openpyxl.load_workbook(out / "tong-hop-cn-2023.xlsx").worksheets
        for row in ws.iter_rows()
        for c in row
    ]
    assert WORD_FIELD_CLEAN in cells
    assert "Hỗ trợ vốn" in cells


def test_stale_cache_entries_with_control_characters_are_read_again(
    project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    filled_workbook("SCT", values={"DM_II_1_KQ": WORD_FIELD})
    out = tmp_path / "ket-qua"
    _build(project, tmp_path / "nop", out)
    (entry,) = (out / ".cache").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["format"] = 1
    data["submission"]["sections"]["II.1"] = "Cũ\u0013 từ phiên bản trước"
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (out / "bao-cao-cn-2023.docx").unlink()
    _build(project, tmp_path / "nop", out)
    text = "\n".join(p.text for p in docx.Document(str(out / "bao-cao-cn-2023.docx")).paragraphs)
    assert "Cũ" not in text and "Cổng thông tin của Sở" in text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_the_renderers_take_any_string(text: str) -> None:
    run = OxmlElement("w:r")
    nd30.add_text(run, text)
    wb = openpyxl.Workbook()
    cell = summary._cell(wb.active, summary._Looks(), text)
    assert cell.value == xml_safe(text)


def test_renderers_keep_tabs_and_breaks(tmp_path: Path) -> None:
    run: Any = OxmlElement("w:r")
    nd30.add_text(run, f"một\ttwo{CONTROLS}\nba")
    tags = [child.tag.rsplit("}", 1)[1] for child in run]
    assert tags == ["t", "tab", "t", "br", "br", "br", "t"]
    assert [child.text for child in run if child.text] == ["một", "two", "ba"]
