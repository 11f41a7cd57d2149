"""Uploads are checked by the CLI's own checks, in a worker process with a time limit."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import WorkbookFactory

from qnreport.check.batch import Validator
from qnreport.config.project import Project
from qnreport.web.checker import Checked, Checker


@pytest.fixture
def checker(project: Project) -> Iterator[Checker]:
    found = Checker(project, workers=1, timeout=60)
    yield found
    found.close()


def run(checker: Checker, path: Path) -> Checked:
    return asyncio.run(checker.check(path, path.name))


def cli_findings(project: Project, path: Path) -> list[tuple[str, str, str, str]]:
    report = Validator(project).validate_file(path, display=path.name)
    return [(f.sheet, f.cell, f.code, f.message) for f in report.findings]


def test_findings_are_the_cli_findings_and_the_annotated_copy_is_written_when_asked_for(
    checker: Checker, project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    path = filled_workbook("SCT", values={"NGUOI_KY": None})
    checked = run(checker, path)
    assert [(f["sheet"], f["cell"], f["code"], f["message"]) for f in checked.findings] == (
        cli_findings(project, path)
    )
    assert [(f["cell"], f["code"]) for f in checked.findings if f["level"] == "error"] == [
        ("B8", "REQUIRED_MISSING")
    ]
    assert (checked.verdict, checked.agency, checked.round) == ("errors", "SCT", "cn-2023")
    assert checked.annotated == f"{path.stem}_kiem-tra.xlsx"
    # named at once, written by a worker when first asked for (most are never downloaded)
    target = tmp_path / "annotated" / checked.annotated
    assert not target.exists()
    day = dt.date(2023, 12, 18)
    made = asyncio.run(checker.annotate(path, path.name, tmp_path / "annotated", day))
    assert made == target and target.is_file()
    marked = openpyxl.load_workbook(target)
    assert marked.sheetnames[0] == "Kết quả kiểm tra"
    assert marked["Thông tin chung"]["B8"].comment is not None
    assert "kiểm tra ngày 18/12/2023" in str(marked["Kết quả kiểm tra"]["A3"].value)
    inode = target.stat().st_ino
    assert asyncio.run(checker.annotate(path, path.name, tmp_path / "annotated", day)) == target
    assert target.stat().st_ino == inode  # never written twice


def test_a_clean_workbook_is_valid_and_brings_its_letter(
    checker: Checker, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    checked = run(checker, filled_workbook("SCT"))
    assert (checked.verdict, checked.findings, checked.annotated) == ("valid", [], None)
    assert (checked.letter_number, str(checked.letter_date)) == ("125/BC-SCT", "2023-12-15")


def test_a_file_that_is_no_workbook_gets_the_cli_finding(
    checker: Checker, project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"%PDF-1.7 not a workbook")
    checked = run(checker, path)
    assert [(f["code"], f["message"]) for f in checked.findings] == [
        (code, message) for _s, _c, code, message in cli_findings(project, path)
    ]
    assert checked.verdict == "errors"


def test_another_agencys_or_rounds_file_is_refused_with_a_finding(
    checker: Checker, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    checked = run(checker, filled_workbook("STC"))
    refused = checker.against_account(checked, "tcc-222-2024", "SCT")
    assert refused.verdict == "errors"
    assert [(f["code"], f["message"]) for f in refused.extra] == [
        (
            "UPLOAD_OTHER_AGENCY",
            'Tệp này là biểu mẫu của cơ quan "STC", không phải của cơ quan "SCT" đang đăng nhập. '
            "Hãy tải biểu mẫu của cơ quan mình tại trang này, điền rồi gửi lại.",
        ),
        (
            "UPLOAD_OTHER_ROUND",
            'Tệp này thuộc đợt báo cáo "cn-2023", không phải đợt "tcc-222-2024". '
            "Hãy dùng biểu mẫu của đợt này.",
        ),
    ]
    assert refused.findings[:2] == refused.extra
    assert checker.against_account(checked, "cn-2023", "STC") is checked


def test_a_check_past_the_time_limit_is_stopped_and_the_next_one_runs(
    project: Project, filled_workbook: WorkbookFactory, tmp_path: Path
) -> None:
    path = filled_workbook("SCT")
    slow = Checker(project, workers=1, timeout=0.001)
    try:
        checked = run(slow, path)
        assert checked.verdict == "errors"
        assert [(f["code"], f["message"]) for f in checked.findings] == [
            (
                "CHECK_ABORTED",
                "Không kiểm tra được tệp (quá 0.001 giây). Hãy kiểm tra lại tệp (có thể tệp "
                "quá lớn hoặc bị hỏng) rồi gửi lại.",
            )
        ]
        slow.timeout = 60
        assert run(slow, path).verdict == "valid"
    finally:
        slow.close()


def test_a_served_portal_starts_its_workers_before_the_first_upload(tmp_path: Path) -> None:
    from starlette.testclient import TestClient
    from web_support import portal_project

    from qnreport.web.app import create_app

    project = portal_project(tmp_path / "p")
    app = create_app(project, f"sqlite:///{tmp_path / 'db'}", workers=2, warm=True)
    with TestClient(app):
        pool = app.state.portal.checker._pool
        assert pool is not None and len(pool._processes) == 2
        assert all(p.is_alive() for p in pool._processes.values())
