"""Shared fixtures: the repository's project, its two rounds, and filled workbooks.

Filled workbooks are made the way an agency clerk makes them: from the real blank
template, by typing into the cells the template's Excel names point at and into the rows
of its list tables (``qnreport.template.fill``). Tests then damage them the way people do.
"""

from __future__ import annotations

import os
import sys

if os.environ.get("QNREPORT_HIDE_FCNTL"):
    # CI runs the suite once as on Windows, where there is no fcntl: nothing Unix-only may
    # slip back in. (filelock then falls back to its portable soft lock.)
    sys.modules["fcntl"] = None  # type: ignore[assignment]

import datetime as dt
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from qnreport.config import contract
from qnreport.config.outline import Indicator
from qnreport.config.project import Project
from qnreport.config.rounds import RoundContext, open_round
from qnreport.template.fill import fill_workbook, named_cell
from qnreport.template.workbook import build_template

ROOT = Path(__file__).parents[1]

#: Plausible figures per kind: (last year, this year, next year's plan).
FIGURES: dict[str, tuple[float, float, float]] = {
    "share": (38.2, 40.5, 42.0),
    "growth": (7.9, 8.6, 9.0),
    "count": (12, 14, 15),
    "amount": (1250.5, 1480.0, 1600.0),
}

RESULT_TEXT = (
    "Năm 2023, cơ quan đã tổ chức quán triệt, triển khai kế hoạch đến các phòng, đơn vị "
    "trực thuộc; phối hợp với Sở Công Thương rà soát các dự án trọng điểm và tháo gỡ khó "
    "khăn về mặt bằng sản xuất cho doanh nghiệp."
)

#: The letter date of a clean reply: this many days before the round's last on-time day
#: (15/12/2023 in cn-2023, 04/12/2024 in tcc-222-2024), so it is on time and in the round.
DAYS_BEFORE_DEADLINE = 5

#: A reply's first sheet; VB_NGAY is cn-2023's (``fill_defaults`` dates it by the round).
DEFAULT_INFO: dict[str, Any] = {
    "VB_SO": "125/BC-SCT",
    "VB_NGAY": dt.datetime(2023, 12, 15),
    "NGUOI_KY": "Nguyễn Văn An",
    "CHUC_VU_KY": "Phó Giám đốc",
    "LIEN_HE_TEN": "Trần Thị Bình",
    "LIEN_HE_DT": "0255 3822 123",
    "LIEN_HE_EMAIL": "ttbinh@quangngai.gov.vn",
}

DEFAULT_ROWS: dict[str, list[dict[str, Any]]] = {
    "ton_tai": [
        {
            "noi_dung": "Tiến độ giải phóng mặt bằng các cụm công nghiệp còn chậm.",
            "nguyen_nhan": "Kinh phí bồi thường chưa được bố trí kịp thời.",
        }
    ],
    "kien_nghi": [
        {
            "noi_nhan": "UBND tỉnh",
            "noi_dung": "Bố trí vốn đầu tư hạ tầng cụm công nghiệp Bình Nguyên.",
        }
    ],
}


def named_ref(wb: Workbook, name: str) -> tuple[str, str]:
    cell = named_cell(wb, name)
    return cell.parent.title, cell.coordinate


def fill_defaults(wb: Workbook, ctx: RoundContext, agency: str) -> None:
    """A complete, clean reply: letter, signer, contact, every indicator and task of the
    agency, the first free-text heading, and one row of tồn tại and kiến nghị."""
    outline = ctx.outline
    values: dict[str, Any] = dict(DEFAULT_INFO)
    on_time = ctx.round.deadline - dt.timedelta(days=DAYS_BEFORE_DEADLINE)
    values["VB_NGAY"] = dt.datetime.combine(on_time, dt.time())
    for ind in outline.indicators_for(agency):
        for (suffix, _key), value in zip(contract.INDICATOR_INPUTS, figures(ind), strict=True):
            values[contract.indicator_name(ind.code, suffix)] = value
    first = outline.text_sections[0]
    values[contract.section_name(first.name_key)] = RESULT_TEXT
    for task in outline.tasks_for(agency):
        values[contract.task_status_name(task.code)] = "Đang thực hiện"
        values[contract.task_result_name(task.code)] = RESULT_TEXT
    fill_workbook(wb, values, DEFAULT_ROWS, outline=outline)


def figures(ind: Indicator) -> tuple[float, float, float, str]:
    previous, actual, plan = FIGURES[ind.kind]
    return previous, actual, plan, "Cục Thống kê tỉnh"


class WorkbookFactory:
    """``filled_workbook(agency, round_id, values=..., rows=..., edit=...)`` -> saved path.

    ``values`` sets cells by Excel name after the default fill (None clears a cell);
    ``rows`` types more rows into list tables; ``edit`` gets the openpyxl workbook last,
    for damage no name can express; ``blank`` skips the default fill.
    """

    def __init__(self, project: Project, folder: Path) -> None:
        self.project = project
        self.folder = folder
        self._rounds: dict[str, RoundContext] = {}
        self._count = 0

    def context(self, round_id: str) -> RoundContext:
        if round_id not in self._rounds:
            self._rounds[round_id] = open_round(self.project, round_id)
        return self._rounds[round_id]

    def workbook(
        self,
        agency: str = "SCT",
        round_id: str = "cn-2023",
        *,
        values: Mapping[str, Any] | None = None,
        rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        blank: bool = False,
        edit: Callable[[Workbook], None] | None = None,
    ) -> Workbook:
        ctx = self.context(round_id)
        wb = build_template(ctx, ctx.registry.get(agency))
        if not blank:
            fill_defaults(wb, ctx, agency)
        fill_workbook(wb, values or {}, rows, outline=ctx.outline)
        if edit is not None:
            edit(wb)
        return wb

    def __call__(
        self,
        agency: str = "SCT",
        round_id: str = "cn-2023",
        *,
        name: str = "",
        folder: Path | None = None,
        **kwargs: Any,
    ) -> Path:
        """Save into ``folder`` (default: ``nop/`` under the test's tmp_path) as ``name``."""
        wb = self.workbook(agency, round_id, **kwargs)
        self._count += 1
        path = (folder or self.folder) / (name or f"{round_id}_{agency}_{self._count}.xlsx")
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
        return path

    @staticmethod
    def ref(path: Path, name: str) -> tuple[str, str]:
        """(sheet, A1 reference) of a named cell in a saved workbook."""
        return named_ref(openpyxl.load_workbook(path), name)


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def cn_round(project: Project) -> RoundContext:
    return open_round(project, "cn-2023")


@pytest.fixture(scope="session")
def tcc_round(project: Project) -> RoundContext:
    return open_round(project, "tcc-222-2024")


@pytest.fixture
def filled_workbook(project: Project, tmp_path: Path) -> WorkbookFactory:
    return WorkbookFactory(project, tmp_path / "nop")


@pytest.fixture
def proj(tmp_path: Path) -> Project:
    """A project of its own: the repository's templates (with the signer named, as a clerk
    leaves them) and round definitions, no workbooks and no outputs yet."""
    root = tmp_path / "du-an"
    shutil.copytree(ROOT / "templates", root / "templates")
    sign_configs(root / "templates")
    for round_file in sorted((ROOT / "inputs").glob("*/round.toml")):
        target = root / "inputs" / round_file.parent.name / "round.toml"
        target.parent.mkdir(parents=True)
        shutil.copyfile(round_file, target)
    return Project(root)


Submit = Callable[..., Path]


@pytest.fixture
def submit(proj: Project, filled_workbook: WorkbookFactory) -> Submit:
    """``submit(agency, round_id, values=..., name=...)`` saves a filled workbook into the
    round's input folder of ``proj``, as an agency's e-mail attachment lands there."""

    def make(agency: str, round_id: str = "cn-2023", *, name: str = "", **kwargs: Any) -> Path:
        wb = filled_workbook.workbook(agency, round_id, **kwargs)
        path = proj.inputs / round_id / (name or f"{agency}.xlsx")
        wb.save(path)
        return path

    return make


SIGNER_NAME = "Nguyễn Văn Minh"


def signed_config(project: Project, round_id: str, folder: Path) -> Path:
    """The round's report config as the clerk leaves it once the signer is named: the
    shipped one is a placeholder, and official builds (--number, --date) refuse it."""
    text = (project.templates / "reports" / f"{round_id}.toml").read_text(encoding="utf-8")
    assert "placeholder = true\n" in text and 'name = ""' in text
    text = text.replace("placeholder = true\n", "").replace('name = ""', f'name = "{SIGNER_NAME}"')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{round_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def sign_configs(templates: Path) -> None:
    """Name the signer in every report config under ``templates``, as a clerk does before
    the first official build (the shipped configs are placeholders)."""
    for config in (templates / "reports").glob("*.toml"):
        text = config.read_text(encoding="utf-8").replace("placeholder = true\n", "")
        config.write_text(text.replace('name = ""', f'name = "{SIGNER_NAME}"'), encoding="utf-8")
