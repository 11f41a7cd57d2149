"""A full round: every agency of the registry replies, with the realistic texts of the
sample generator (districts copy each other's sentences with their own names and figures,
departments write their own). The body of the consolidated report stays within 12 pages
of the LibreOffice print; the appendices carry the rest, and the body cites them."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from libreoffice import pdf_pages, pdf_text, require

from qnreport.cli import cli
from qnreport.config.project import Project
from qnreport.config.rounds import open_round

ROOT = Path(__file__).parents[1]
MAX_BODY_PAGES = 12
ROUNDS = sorted(p.parent.name for p in (ROOT / "inputs").glob("*/round.toml"))


def _full_round(tmp: Path, round_id: str) -> Path:
    """A project with the real templates and every agency's filled workbook."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from samples import sample_spec, write_sample
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    shutil.copytree(ROOT / "templates", tmp / "templates")
    folder = tmp / "inputs" / round_id
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "inputs" / round_id / "round.toml", folder / "round.toml")
    ctx = open_round(Project(tmp), round_id)
    for n, agency in enumerate(ctx.registry):
        issued = ctx.round.request_date + dt.timedelta(days=3 + n % 5)
        write_sample(ctx, sample_spec(ctx, agency.code, issued=min(issued, ctx.round.deadline)))
    return tmp


@pytest.mark.libreoffice
@pytest.mark.parametrize("round_id", ROUNDS)
def test_a_full_round_gives_a_body_of_at_most_twelve_pages(tmp_path: Path, round_id: str) -> None:
    require("soffice", "pdftotext", "pdfinfo")
    project = _full_round(tmp_path, round_id)
    result = CliRunner().invoke(
        cli, ["--project", str(project), "build", "--round", round_id, "--pdf"]
    )
    assert result.exit_code == 0, result.output
    pdf = next((project / "outputs" / round_id).glob("bao-cao-*.pdf"))
    pages = [pdf_text(pdf, n) for n in range(1, pdf_pages(pdf) + 1)]
    body = next(n for n, text in enumerate(pages) if text.lstrip().startswith("Phụ lục"))
    assert body <= MAX_BODY_PAGES, f"{round_id}: {body} trang thân báo cáo"
    text = " ".join(" ".join(pages[:body]).split())
    assert "Phụ lục IV" in text or "Phụ lục V" in text  # the agencies' texts, cited
    # every agency replied, and the round's report says so
    registry = open_round(Project(project), round_id).registry
    assert f"báo cáo của {len(list(registry)) - 1} cơ quan, đơn vị" in text
