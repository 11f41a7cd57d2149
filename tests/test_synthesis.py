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


def test_a_paragraph_districts_copied_reads_as_one_paragraph_again(synthesis: Synthesis) -> None:
    """Both sentences of the paragraph TPQN and HTB copied are merged, then put back
    together, so that "của cụm" still follows the sentence that names the clusters."""
    point = next(
        p for p in synthesis.sections["II.5.2"] if p.text.startswith("Hạ tầng các cụm công")
    )
    assert (point.text, point.attribution, point.named) == (
        "Hạ tầng các cụm công nghiệp Tịnh Ấn Tây, Trà Bình tại các xã Tịnh Ấn Tây, Trà Bình tiếp "
        "tục được đầu tư hoàn thiện: năm 2023 hoàn thành hệ thống cấp nước và chiếu sáng, đang "
        "thi công trạm xử lý nước thải công suất từ 404 đến 634 m3/ngày đêm. Tỷ lệ lấp đầy của "
        "cụm đạt từ 67,1% đến 80,3%, với 32 doanh nghiệp đang hoạt động, giải quyết việc "
        "làm cho hơn 3.777 lao động",
        "UBND thành phố Quảng Ngãi và huyện Trà Bồng",
        False,
    )


def test_a_point_that_names_its_districts_is_not_attributed_again(synthesis: Synthesis) -> None:
    point = next(p for p in synthesis.sections["II.6.1"] if p.text.startswith("Môi trường đầu"))
    assert point.text.startswith(
        "Môi trường đầu tư, kinh doanh trên địa bàn thành phố Quảng Ngãi và huyện Bình Sơn tiếp "
        "tục được cải thiện; lãnh đạo địa phương duy trì gặp mặt"
    )
    assert "kịp thời tháo gỡ 17 kiến nghị" in point.text
    assert "có thêm 48 doanh nghiệp thành lập mới" in point.text
    assert point.named


def test_the_body_shows_the_shared_points_and_a_few_of_each_agency(
    synthesis: Synthesis,
) -> None:
    """Under a heading (or in a group of a list): every point several agencies share, at
    most body_points (list_points) of one agency alone and heading_points of single
    agencies in all, the issuing Sở's first; the rest only in the appendix."""
    groups = [(RULES.body_points, ps) for ps in synthesis.sections.values()]
    groups += [(RULES.list_points, ps) for gs in synthesis.lists.values() for ps in gs.values()]
    left_out = 0
    for per_agency, points in groups:
        assert all(p.in_body for p in points if len(p.item.agencies) > 1)
        singles = [p.item.agencies[0] for p in points if p.in_body and len(p.item.agencies) == 1]
        assert len(singles) <= RULES.heading_points
        assert all(singles.count(a) <= per_agency for a in singles)
        issuer_out = [
            p for p in points if not p.in_body and p.item.agencies[0].name == "Sở Công Thương"
        ]
        if issuer_out and len(singles) == RULES.heading_points:
            assert any(a.name == "Sở Công Thương" for a in singles)
        left_out += sum(not p.in_body for p in points)
    assert left_out > 0  # the sample round is long enough to need it
