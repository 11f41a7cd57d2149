"""Consolidation rules on small rounds computed by hand.

Submissions are built directly (no Excel): the rules are about figures, not reading.
The round is the real cn-2023 one, so indicator codes, responsible agencies and targets
are those of the outline:

- CN01 growth, responsible SCT, reporters SCT and CTK, target "8-9%" (range);
- CN02 share, responsible CTK, reporters SKHDT (listed before CTK) and CTK, "Trên 40%";
- CN05 share, responsible BQLKKT, target "100%" (plain);
- CN06 count, summed over BQLKKT and the districts, no target.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from qnreport.check.results import Batch, FileReport
from qnreport.config.outline import parse_target
from qnreport.config.project import Project
from qnreport.config.rounds import RoundContext
from qnreport.findings import error
from qnreport.read.submission import IndicatorValue, ListRow, Submission
from qnreport.report.compose import Composer, Labels, ReportConfig, Texts, change_text
from qnreport.report.consolidate import Consolidation, IndicatorResult, consolidate, judge
from qnreport.report.document import Paragraph, Table

ON_TIME = dt.date(2023, 12, 15)  # the round's deadline is 20/12/2023
EMPTY_LINE = "Chưa có cơ quan, đơn vị báo cáo nội dung này."


def D(text: str) -> Decimal:
    return Decimal(text)


def value(
    code: str,
    actual: str | None = None,
    previous: str | None = None,
    next_target: str | None = None,
) -> IndicatorValue:
    def num(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return IndicatorValue(code, num(previous), num(actual), num(next_target))


def submission(
    agency: str,
    *values: IndicatorValue,
    letter_date: dt.date | None = ON_TIME,
    number: str = "10/BC",
    no_task: bool = False,
    round_id: str = "cn-2023",
    file: str = "",
    sections: dict[str, str] | None = None,
    lists: dict[str, list[ListRow]] | None = None,
) -> Submission:
    return Submission(
        file=file or f"{agency}.xlsx",
        digest=file or agency,
        round=round_id,
        outline="cn-2023",
        outline_version="2023.1",
        agency=agency,
        letter_number=number,
        letter_date=letter_date,
        signer="Nguyễn Văn A",
        no_task=no_task,
        indicators={v.code: v for v in values},
        sections=sections or {},
        lists=lists or {},
    )


def report(sub: Submission, *, used: bool = True, refused: bool = False) -> FileReport:
    findings = [error("REQUIRED_MISSING", "Chưa điền ngày.")] if refused else []
    return FileReport(Path(sub.file), sub.file, sub, findings, used)


def run(ctx: RoundContext, *subs: Submission) -> Consolidation:
    return consolidate(ctx, Batch([report(s) for s in subs]))


def result(cons: Consolidation, code: str) -> IndicatorResult:
    return next(r for r in cons.indicators if r.indicator.code == code)


def with_target(ctx: RoundContext, code: str, target: str, tolerance: str = "") -> RoundContext:
    """The round with one indicator's evaluated target replaced (and the tolerance)."""
    outline = ctx.outline
    indicators = tuple(
        dataclasses.replace(i, targets={outline.evaluate_target: parse_target(target)})
        if i.code == code
        else i
        for i in outline.indicators
    )
    rules = outline.rules
    if tolerance:
        rules = dataclasses.replace(rules, approx_tolerance=Decimal(tolerance))
    return dataclasses.replace(
        ctx, outline=dataclasses.replace(outline, indicators=indicators, rules=rules)
    )


@pytest.fixture(scope="module")
def config(project: Project) -> ReportConfig:
    return ReportConfig.load(project.templates / "reports" / "cn-2023.toml")


def composer(project: Project, cons: Consolidation, config: ReportConfig) -> Composer:
    return Composer(cons, config, Texts(project.templates / "text"))


# ------------------------------------------------------------------------------ sums


def test_sum_over_the_agencies_that_report(cn_round: RoundContext) -> None:
    cons = run(
        cn_round,
        submission("BQLKKT", value("CN06", "2000", "1800", "2100")),
        submission("TPQN", value("CN06", "230", "200")),
        submission("HBS", value("CN06")),  # sent a reply, left the figure empty
    )
    r = result(cons, "CN06")
    assert (r.previous, r.actual, r.next_target) == (D("2000"), D("2230"), D("2100"))
    assert [c.agency.code for c in r.contributions] == ["BQLKKT", "TPQN", "HBS"]
    assert r.source == "tổng hợp từ 2 cơ quan, đơn vị"
    assert r.verdict == "không có mục tiêu"
    assert cons.conflicts == []  # summed figures never conflict


def test_sum_is_none_when_nobody_reported_and_zero_when_zero_was_reported(
    cn_round: RoundContext,
) -> None:
    nobody = run(cn_round, submission("BQLKKT", value("CN06")), submission("SCT"))
    r = result(nobody, "CN06")
    assert r.actual is None and r.previous is None and r.next_target is None
    assert r.source == ""
    assert r.verdict == "chưa có số liệu"
    zero = result(run(cn_round, submission("TPQN", value("CN06", "0"))), "CN06")
    assert zero.actual == 0 and zero.actual is not None
    assert zero.source == "Ủy ban nhân dân thành phố Quảng Ngãi"  # one reporter: named


# ------------------------------------------------------------- responsible agency


def test_responsible_agency_value_used_and_the_other_listed_as_conflict(
    cn_round: RoundContext,
) -> None:
    # CN02: SKHDT comes first in the registry, but CTK is responsible.
    cons = run(
        cn_round,
        submission("SKHDT", value("CN02", "41", "39")),
        submission("CTK", value("CN02", "40.5", "38.2")),
    )
    r = result(cons, "CN02")
    assert (r.actual, r.previous) == (D("40.5"), D("38.2"))
    assert r.source == "Cục Thống kê"
    assert r.verdict == "đạt"  # Trên 40%
    (conflict,) = cons.conflicts
    assert conflict.indicator.code == "CN02"
    assert conflict.used.agency.code == "CTK" and conflict.used.actual == D("40.5")
    assert conflict.other.agency.code == "SKHDT" and conflict.other.actual == D("41")


def test_equal_figures_are_no_conflict(cn_round: RoundContext) -> None:
    cons = run(
        cn_round,
        submission("SCT", value("CN01", "8.5")),
        submission("CTK", value("CN01", "8.50")),
    )
    assert result(cons, "CN01").actual == D("8.5")
    assert cons.conflicts == []


def test_fallback_when_the_responsible_agency_gave_nothing(cn_round: RoundContext) -> None:
    empty = run(
        cn_round,
        submission("SKHDT", value("CN02", "41", "39")),
        submission("CTK", value("CN02")),  # replied without the figure
    )
    absent = run(cn_round, submission("SKHDT", value("CN02", "41", "39")))
    for cons in (empty, absent):
        r = result(cons, "CN02")
        assert (r.actual, r.previous) == (D("41"), D("39"))
        assert r.source == "Sở Kế hoạch và Đầu tư"  # the report says whose figure it is
        assert cons.conflicts == []
    nobody = result(run(cn_round, submission("CTK", value("CN02"))), "CN02")
    assert nobody.actual is None and nobody.verdict == "chưa có số liệu"


# --------------------------------------------------------------------- target shapes


@pytest.mark.parametrize(
    ("target", "actual", "verdict"),
    [
        # floor: "trên" is strict, "tối thiểu" is met at the value
        ("Trên 40%", "40.1", "đạt"),
        ("Trên 40%", "40", "chưa đạt"),
        ("Trên 40%", "39.9", "chưa đạt"),
        ("Tối thiểu 40%", "40", "đạt"),
        ("Tối thiểu 40%", "39.9", "chưa đạt"),
        # approx: ±10 % of the value, boundaries included
        ("Khoảng 25%", "25", "đạt"),
        ("Khoảng 25%", "27.5", "đạt"),
        ("Khoảng 25%", "22.5", "đạt"),
        ("Khoảng 25%", "27.51", "vượt"),
        ("Khoảng 25%", "22.49", "chưa đạt"),
        # range: inclusive
        ("8-9%", "7.99", "chưa đạt"),
        ("8-9%", "8", "đạt"),
        ("8-9%", "8.5", "đạt"),
        ("8-9%", "9", "đạt"),
        ("8-9%", "9.01", "vượt"),
        ("8,5-9,5%", "9.6", "vượt"),
        # plain value
        ("2.550 MW", "2550", "đạt"),
        ("2.550 MW", "2600", "vượt"),
        ("2.550 MW", "2549", "chưa đạt"),
        ("100%", "100", "đạt"),
        ("100%", "99.5", "chưa đạt"),
    ],
)
def test_every_target_shape(target: str, actual: str, verdict: str) -> None:
    assert judge(D(actual), parse_target(target), tolerance=D("0.10")) == verdict


def test_shapes_are_read_from_the_plan_wording() -> None:
    shapes = {
        "Trên 40%": "floor",
        "Tối thiểu 40%": "floor",
        "Khoảng 25%": "approx",
        "8-9%": "range",
        "Từ 6,5-7%": "range",
        "2.550 MW": "plain",
    }
    assert {t: parse_target(t).shape for t in shapes} == shapes


def test_missing_value_or_target() -> None:
    assert judge(None, parse_target("8-9%"), tolerance=D("0.1")) == "chưa có số liệu"
    assert judge(None, None, tolerance=D("0.1")) == "chưa có số liệu"
    assert judge(D("0"), None, tolerance=D("0.1")) == "không có mục tiêu"
    assert judge(D("0"), parse_target("8-9%"), tolerance=D("0.1")) == "chưa đạt"


def test_lower_is_better() -> None:
    band = parse_target("1 - 1,2%")
    assert judge(D("1.3"), band, tolerance=D("0.1"), higher_is_better=False) == "chưa đạt"
    assert judge(D("0.9"), band, tolerance=D("0.1"), higher_is_better=False) == "vượt"
    assert judge(D("1.1"), band, tolerance=D("0.1"), higher_is_better=False) == "đạt"


def test_consolidation_judges_with_the_outline_target_and_tolerance(
    cn_round: RoundContext,
) -> None:
    cons = run(
        cn_round,
        submission("SCT", value("CN01", "8.5"), value("CN04", "6.4")),
        submission("BQLKKT", value("CN05", "100")),
    )
    assert result(cons, "CN01").verdict == "đạt"  # 8-9%
    assert result(cons, "CN04").verdict == "chưa đạt"  # Từ 6,5-7%
    assert result(cons, "CN05").verdict == "đạt"  # 100%
    assert result(cons, "CN01").target is not None
    assert result(cons, "CN01").target.text == "8-9%"  # type: ignore[union-attr]
    # approx target, the outline's tolerance (10 %) then a tighter one (5 %)
    ctx = with_target(cn_round, "CN01", "Khoảng 10%")
    sub = submission("SCT", value("CN01", "11"))
    assert result(run(ctx, sub), "CN01").verdict == "đạt"
    tight = with_target(cn_round, "CN01", "Khoảng 10%", tolerance="0.05")
    assert result(run(tight, sub), "CN01").verdict == "vượt"
    assert result(run(tight, submission("SCT", value("CN01", "10.5"))), "CN01").verdict == "đạt"


def test_missing_value_reads_chua_co_so_lieu_never_zero(
    project: Project, cn_round: RoundContext, config: ReportConfig
) -> None:
    cons = run(cn_round, submission("SCT", value("CN01", previous="7.9")))
    r = result(cons, "CN01")
    assert r.actual is None and r.verdict == "chưa có số liệu"
    assert r.change is None
    c = composer(project, cons, config)
    sentence = c.indicator_sentence(r)
    assert sentence == (
        "Tốc độ tăng trưởng giá trị gia tăng công nghiệp năm 2023: chưa có số liệu "
        "(mục tiêu giai đoạn 2021-2025: 8-9%)."
    )
    table = c.indicator_table([r], compact=True)
    (row,) = table.rows
    assert row.cells[5] == "Chưa có số liệu"
    assert row.cells[8] == "Chưa có số liệu"
    assert all(cell not in ("0", "0%", "0,0%") for cell in row.cells)


# ---------------------------------------------------------------------------- change


def test_change_in_points_for_rates_and_percent_of_last_year_for_amounts(
    cn_round: RoundContext,
) -> None:
    cons = run(
        cn_round,
        submission("SCT", value("CN01", "8.5", "7.9"), value("CN04", "6.4", "6.7")),
        submission("CTK", value("CN02", "40.5", "40.5")),
        submission("BQLKKT", value("CN06", "2000", "1800"), value("CN07", "150", "0")),
        submission("TPQN", value("CN06", "230", "200")),
    )
    rate, down, same = result(cons, "CN01"), result(cons, "CN04"), result(cons, "CN02")
    count, from_zero = result(cons, "CN06"), result(cons, "CN07")
    labels = Labels.load(cn_round.project.templates / "text")
    assert rate.change == D("0.6")
    assert change_text(rate, 2023, labels) == "tăng 0,6 điểm phần trăm so với năm 2022"
    assert down.change == D("-0.3")
    assert change_text(down, 2023, labels) == "giảm 0,3 điểm phần trăm so với năm 2022"
    assert change_text(same, 2023, labels) == "bằng năm 2022"
    assert count.change == D("111.5")  # 2230 / 2000
    assert change_text(count, 2023, labels) == "bằng 111,5% so với năm 2022"
    assert from_zero.change is None and change_text(from_zero, 2023, labels) == ""


# -------------------------------------------------------------------------- statuses


def test_statuses_with_superseded_and_refused_files(cn_round: RoundContext) -> None:
    old = submission("SKHDT", number="5/BC", letter_date=dt.date(2023, 12, 10), file="kh-1.xlsx")
    new = submission("SKHDT", number="9/BC", letter_date=dt.date(2023, 12, 18), file="kh-2.xlsx")
    bad_only = submission("TPQN", file="tpqn.xlsx")
    bad = submission("BQLKKT", file="bql-loi.xlsx")
    good = submission("BQLKKT", file="bql.xlsx")
    other_round = submission("STC", round_id="tcc-222-2023", file="stc.xlsx")
    batch = Batch(
        [
            report(submission("SCT")),
            report(old, used=False),
            report(new),
            report(submission("CTK", letter_date=dt.date(2023, 12, 22))),  # late
            report(submission("SLDTBXH", letter_date=dt.date(2023, 12, 20))),  # deadline day
            report(submission("SKHCN", no_task=True)),
            report(bad_only, refused=True),
            report(bad, refused=True),
            report(good),
            report(other_round),
            FileReport(Path("rac.xlsx"), "rac.xlsx", None, [error("NOT_TEMPLATE", "x")]),
        ]
    )
    cons = consolidate(cn_round, batch)
    by_code = {s.agency.code: s for s in cons.statuses}
    assert [s.agency.code for s in cons.statuses] == [a.code for a in cn_round.registry]
    assert by_code["SCT"].status == "đã gửi"
    assert by_code["SKHDT"].status == "đã gửi"
    assert by_code["SKHDT"].file == "kh-2.xlsx"
    assert by_code["SKHDT"].submission is new
    assert by_code["SKHDT"].superseded == ("kh-1.xlsx",)
    assert by_code["CTK"].status == "gửi sau hạn"
    assert by_code["SLDTBXH"].status == "đã gửi"
    assert by_code["SKHCN"].status == "không được giao nhiệm vụ"
    assert by_code["TPQN"].status == "chưa gửi"
    assert by_code["TPQN"].refused == ("tpqn.xlsx",)
    assert by_code["TPQN"].submission is None
    assert by_code["BQLKKT"].status == "đã gửi"
    assert by_code["BQLKKT"].refused == ("bql-loi.xlsx",)
    assert by_code["BQLKKT"].file == "bql.xlsx"
    assert by_code["STC"].status == "chưa gửi"  # its file belongs to another round
    assert (by_code["HLS"].status, by_code["HLS"].file, by_code["HLS"].submission) == (
        "chưa gửi",
        "",
        None,
    )
    counts = {
        s: cons.count(s)  # type: ignore[arg-type]
        for s in ("đã gửi", "gửi sau hạn", "không được giao nhiệm vụ", "chưa gửi")
    }
    total = len(cn_round.registry)
    assert counts == {
        "đã gửi": 4,
        "gửi sau hạn": 1,
        "không được giao nhiệm vụ": 1,
        "chưa gửi": total - 6,
    }
    assert [s.agency.code for s in cons.used] == [
        "SCT",
        "SKHDT",
        "BQLKKT",
        "SKHCN",
        "SLDTBXH",
        "CTK",
    ]


def test_refused_file_figures_are_not_used(cn_round: RoundContext) -> None:
    batch = Batch(
        [
            report(submission("BQLKKT", value("CN06", "999")), refused=True),
            report(submission("TPQN", value("CN06", "5"))),
        ]
    )
    assert result(consolidate(cn_round, batch), "CN06").actual == D("5")


# --------------------------------------------------------------- text, lists, order


def test_contributions_in_registry_order(cn_round: RoundContext) -> None:
    kien_nghi = "kien_nghi"
    cons = run(
        cn_round,
        submission(
            "TPQN",
            sections={"II.1": "Thành phố đã tuyên truyền."},
            lists={kien_nghi: [ListRow({"noi_nhan": "UBND tỉnh", "noi_dung": "B"})]},
        ),
        submission(
            "SKHCN",
            sections={"II.1": "Sở đã tuyên truyền."},
            lists={kien_nghi: [ListRow({"noi_nhan": "Bộ Công Thương", "noi_dung": "A"})]},
        ),
        submission("SCT", sections={"II.4.1": "Đào tạo nghề."}),
    )
    assert [(e.agency.code, e.text) for e in cons.sections["II.1"]] == [
        ("SKHCN", "Sở đã tuyên truyền."),
        ("TPQN", "Thành phố đã tuyên truyền."),
    ]
    assert [e.agency.code for e in cons.sections["II.4.1"]] == ["SCT"]
    assert cons.sections["II.2"] == []
    assert [(a.code, r.values["noi_dung"]) for a, r in cons.lists[kien_nghi]] == [
        ("SKHCN", "A"),
        ("TPQN", "B"),
    ]


# ------------------------------------------------------------ every agency: no task


def test_round_where_every_agency_replied_no_task(
    project: Project, cn_round: RoundContext, config: ReportConfig
) -> None:
    subs = [submission(a.code, no_task=True) for a in cn_round.registry]
    cons = run(cn_round, *reversed(subs))
    total = len(cn_round.registry)
    assert cons.count("không được giao nhiệm vụ") == total
    assert cons.count("chưa gửi") == cons.count("đã gửi") == cons.count("gửi sau hạn") == 0
    assert len(cons.used) == total
    assert all(r.actual is None and r.verdict == "chưa có số liệu" for r in cons.indicators)
    assert all(entries == [] for entries in cons.sections.values())
    assert all(rows == [] for rows in cons.lists.values())
    assert cons.conflicts == []

    report_ = composer(project, cons, config).report()
    texts = [b.text for b in report_.body if isinstance(b, Paragraph)]
    # every heading that takes content says nobody wrote under it
    assert texts.count(EMPTY_LINE) == len(cn_round.outline.text_sections) + len(
        cn_round.outline.lists
    )
    assert f"trên cơ sở báo cáo của {total} cơ quan, đơn vị" in texts[0]
    assert not [b for b in report_.body if isinstance(b, Table)]  # the table is Phụ lục I
    total_indicators = len(cn_round.outline.indicators)
    assert (
        f"Trong {total_indicators} chỉ tiêu: {total_indicators} chưa có số liệu "
        "(chi tiết tại Phụ lục I)."
    ) in texts
    table = next(a for a in report_.appendices if a.number == "I").blocks[0]
    assert isinstance(table, Table)
    assert {row.cells[5] for row in table.rows if not row.group} == {"Chưa có số liệu"}
    status = next(a for a in report_.appendices if a.number == "II")
    summary = next(b for b in status.blocks if isinstance(b, Paragraph))
    assert summary.text == (
        f"Tổng số {total} cơ quan, đơn vị. Đã gửi đúng hạn: 0; Gửi sau hạn: 0; "
        f"Không được giao nhiệm vụ: {total}; Chưa gửi: 0."
    )
    table = next(b for b in status.blocks if isinstance(b, Table))
    rows = [r for r in table.rows if not r.group]
    assert len(rows) == total
    assert {r.cells[2] for r in rows} == {"Không được giao nhiệm vụ"}
