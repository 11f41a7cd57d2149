"""The sample round cn-2023 merged into the Sở's points: no echoes, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from qnreport.check.batch import Validator
from qnreport.config.project import Project
from qnreport.config.rounds import open_round
from qnreport.report.consolidate import Consolidation, consolidate
from qnreport.report.merge import MergeRules, split_statements
from qnreport.report.synthesis import (
    Synthesis,
    in_our_voice,
    names_of,
    synthesise,
    unechoed,
)

ROOT = Path(__file__).parents[1]
RULES = MergeRules.load(ROOT / "templates" / "merge.toml")


@pytest.fixture(scope="module")
def cons() -> Consolidation:
    project = Project(ROOT)
    ctx = open_round(project, "cn-2023")
    return consolidate(ctx, Validator(project).validate_paths([ctx.round.folder]))


@pytest.fixture(scope="module")
def synthesis(cons: Consolidation) -> Synthesis:
    return synthesise(cons, RULES, "Sở Công Thương")


def test_an_agency_naming_itself_is_dropped_and_the_point_capitalised(
    cons: Consolidation,
) -> None:
    agency = cons.ctx.registry.get("TXDP")
    assert unechoed("UBND thị xã Đức Phổ đã ban hành kế hoạch", agency) == "Ban hành kế hoạch"
    assert unechoed("- Ủy ban nhân dân thị xã Đức Phổ: Tổ chức", agency) == "- Tổ chức"
    assert unechoed("Phối hợp UBND thị xã Đức Phổ", agency) == "Phối hợp UBND thị xã Đức Phổ"
    sct = cons.ctx.registry.get("SCT")
    assert unechoed("Sở đã phối hợp với Báo Quảng Ngãi", sct) == "Phối hợp với Báo Quảng Ngãi"
    assert "Sở" in names_of(sct)
    stc = cons.ctx.registry.get("STC")
    assert in_our_voice("Trong năm, Sở đã thẩm tra 17 dự án", stc, "Sở Công Thương") == (
        "Trong năm, Sở Tài chính đã thẩm tra 17 dự án"
    )
    assert in_our_voice("Phối hợp với Sở Xây dựng", stc, "Sở Công Thương") == (
        "Phối hợp với Sở Xây dựng"
    )
    assert in_our_voice("Trong năm, Sở đã tổ chức", sct, "Sở Công Thương") == (
        "Trong năm, Sở đã tổ chức"
    )


def test_no_point_starts_with_the_name_of_an_agency_behind_it(synthesis: Synthesis) -> None:
    points = [p for ps in synthesis.sections.values() for p in ps]
    points += [p for groups in synthesis.lists.values() for ps in groups.values() for p in ps]
    for point in points:
        for agency in point.item.agencies:
            for name in names_of(agency):
                assert not point.text.startswith(name + " "), (name, point.text)


def test_every_statement_of_every_agency_is_in_exactly_one_point(
    cons: Consolidation, synthesis: Synthesis
) -> None:
    for sid, entries in cons.sections.items():
        expected = sorted(
            (e.agency.code, in_our_voice(p, e.agency, "Sở Công Thương"))
            for e in entries
            for p in split_statements(e.text, RULES)
        )
        traced = sorted(
            (s.agency.code, s.text) for p in synthesis.sections[sid] for s in p.item.sources
        )
        assert traced == expected, sid


def test_problems_copied_by_districts_are_stated_once_with_their_names(
    synthesis: Synthesis,
) -> None:
    problems = {p.text: p.attribution for p in synthesis.lists["ton_tai"][""]}
    works = "Phổ Thạnh, Bình Nguyên, Thạch Trụ, Trà Bình"
    text = f"Các cụm công nghiệp {works} chưa có hệ thống xử lý nước thải tập trung"
    assert problems[text] == "UBND thị xã Đức Phổ và các huyện Bình Sơn, Mộ Đức, Trà Bồng"
    # 36 rows, 18 of them in 4 groups of copies: 36 - 18 + 4 points.
    points = synthesis.lists["ton_tai"][""]
    assert (len(points), sum(len(p.item.agencies) > 2 for p in points)) == (22, 4)


def test_recommendations_to_the_issuing_department_stay_with_it(synthesis: Synthesis) -> None:
    assert "Sở Công Thương" not in synthesis.lists["kien_nghi"]
    assert [(p.text, p.attribution) for p in synthesis.follow_up] == [
        (
            "Thống nhất với Cục Thống kê phương pháp ước tính các chỉ tiêu chưa có trong hệ "
            "thống chỉ tiêu thống kê cấp tỉnh trước khi tổng hợp báo cáo",
            "Cục Thống kê",
        ),
        (
            "Hướng dẫn UBND thị xã Đức Phổ thủ tục mở rộng Cụm công nghiệp Phổ Phong và lựa chọn "
            "chủ đầu tư xây dựng hạ tầng",
            "UBND thị xã Đức Phổ",
        ),
    ]
