"""The lxml reader: what other spreadsheet programs write reads the same as openpyxl's
files, and damage deep inside a workbook still ends as one finding."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import WorkbookFactory

from qnreport.check.batch import Validator
from qnreport.check.results import FileReport
from qnreport.config.project import Project
from qnreport.read.sheetbook import _shift
from qnreport.read.submission import to_dict


@pytest.fixture(scope="module")
def validator(project: Project) -> Validator:
    return Validator(project)


def edit_part(path: Path, part: str, change: Callable[[str], str]) -> None:
    """Rewrite one XML part of a saved workbook, as another program would have written it."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info)) for info in src.infolist()]
    assert part in {info.filename for info, _ in items}, part
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename == part:
                new = change(data.decode("utf-8"))
                assert new != data.decode("utf-8"), f"{part} unchanged"
                data = new.encode("utf-8")
            dst.writestr(info, data)


def sheet_part(path: Path, sheet: str) -> str:
    return f"xl/worksheets/sheet{openpyxl.load_workbook(path).sheetnames.index(sheet) + 1}.xml"


def outcome(report: FileReport) -> tuple[object, list[tuple[str, str, str, str]]]:
    sub = to_dict(report.submission) if report.submission else None
    if sub:
        for key in ("digest", "file", "modified"):
            sub.pop(key, None)
    return sub, [(f.code, f.sheet, f.cell, f.message) for f in report.findings]


def test_shared_formula_moves_its_relative_references() -> None:
    assert _shift("F5+$G$5*2+SUM(A1:B2)-G$3+$H4", 1, 1) == "G6+$G$5*2+SUM(B2:C3)-H$3+$H5"
    assert _shift("LOG10(F5)", 2, 0) == "LOG10(F7)"


def test_a_shared_formula_filled_down_reads_like_two_typed_formulas(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """Excel stores a formula filled down as one master and children with no text."""
    typed = filled_workbook("CTK", values={"CT_CN01_NAM_NAY": "=F5+0.7"})
    sheet, ref = filled_workbook.ref(typed, "CT_CN01_NAM_NAY")
    below = f"{ref[0]}{int(ref[1:]) + 1}"
    shared = filled_workbook(
        "CTK",
        values={"CT_CN01_NAM_NAY": "=F5+0.7"},
        edit=lambda wb: wb[sheet][below].__setattr__("value", "=F6+0.7"),
    )
    reference = filled_workbook(
        "CTK",
        values={"CT_CN01_NAM_NAY": "=F5+0.7"},
        edit=lambda wb: wb[sheet][below].__setattr__("value", "=F6+0.7"),
    )

    def share(xml: str) -> str:
        xml = xml.replace("<f>F5+0.7</f>", f'<f t="shared" ref="{ref}:{below}" si="0">F5+0.7</f>')
        return xml.replace("<f>F6+0.7</f>", '<f t="shared" si="0"/>')

    edit_part(shared, sheet_part(shared, sheet), share)
    expected = validator.validate_file(reference)
    assert any(f.code == "FORMULA_COMPUTED" and f.cell == below for f in expected.findings)
    assert outcome(validator.validate_file(shared)) == outcome(expected)


def test_cells_written_without_their_reference_are_placed_by_position(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """The spec lets a writer omit ``r`` on cells; ``_meta`` fills columns A and B."""
    path = filled_workbook("CTK")
    expected = outcome(validator.validate_file(path))
    edit_part(path, sheet_part(path, "_meta"), lambda xml: re.sub(r'<c r="[A-Z]+\d+"', "<c", xml))
    assert outcome(validator.validate_file(path)) == expected


def test_escaped_characters_in_strings_are_decoded(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """Excel writes a carriage return typed in a cell as ``_x000D_``, and a literal
    ``_x`` sequence with its underscore escaped as ``_x005F_``."""
    path = filled_workbook("CTK", values={"CT_CN01_GHI_CHU": "tạm"})
    sheet, ref = filled_workbook.ref(path, "CT_CN01_GHI_CHU")
    edit_part(
        path,
        sheet_part(path, sheet),
        lambda xml: re.sub(
            rf'(<c r="{ref}"[^>]*><is>)<t>[^<]*</t>',
            r'\1<t xml:space="preserve">Dòng một_x000D_\nDòng hai_x005F_x0041_</t>',
            xml,
        ),
    )
    report = validator.validate_file(path)
    assert report.submission is not None
    assert report.submission.indicators["CN01"].note == "Dòng một\nDòng hai_x0041_"


def test_an_iso_date_cell_reads_as_a_date(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """Strict-mode writers store dates as ``t="d"`` ISO text instead of serials."""
    path = filled_workbook("CTK", values={"VB_NGAY": dt.datetime(2023, 12, 8)})
    sheet, ref = filled_workbook.ref(path, "VB_NGAY")
    edit_part(
        path,
        sheet_part(path, sheet),
        lambda xml: re.sub(
            rf'<c r="{ref}"([^>]*?)(?: t="n")?><v>[^<]*</v></c>',
            rf'<c r="{ref}"\1 t="d"><v>2023-12-08T00:00:00</v></c>',
            xml,
        ),
    )
    report = validator.validate_file(path)
    assert report.submission is not None and report.submission.letter_date == dt.date(2023, 12, 8)
    assert report.findings == []


def test_a_part_declaring_entities_is_refused_not_expanded(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    path = filled_workbook("CTK")
    laughs = '<!DOCTYPE sst [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    edit_part(path, "xl/styles.xml", lambda xml: laughs + xml)
    report = validator.validate_file(path)
    assert report.submission is None
    assert [(f.code, f.is_error) for f in report.findings] == [("FILE_CORRUPT", True)]
    assert "DTD" in report.findings[0].message


def test_a_sheet_broken_inside_gives_one_finding_and_no_submission(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """The zip is sound (so the probe passes); the tasks sheet's XML is cut short."""
    path = filled_workbook("CTK")
    edit_part(path, sheet_part(path, "Nhiệm vụ"), lambda xml: xml[: len(xml) // 2])
    report = validator.validate_file(path)
    assert report.submission is None
    assert [(f.code, f.is_error) for f in report.findings] == [("FILE_CORRUPT", True)]


def test_percent_format_and_number_types_come_from_the_styles(
    filled_workbook: WorkbookFactory, validator: Validator
) -> None:
    """A share typed as 0.085 in a cell formatted as a percentage is 8.5 %."""
    path = filled_workbook(
        "CTK",
        values={"CT_CN01_NAM_NAY": 0.086},
        edit=lambda wb: None,
    )
    wb = openpyxl.load_workbook(path)
    sheet, ref = filled_workbook.ref(path, "CT_CN01_NAM_NAY")
    wb[sheet][ref].number_format = "0.0%"
    wb.save(path)
    report = validator.validate_file(path)
    assert report.submission is not None
    assert report.submission.indicators["CN01"].actual == Decimal("8.6")
