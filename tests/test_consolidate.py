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
from conftest import WorkbookFactory

from qnreport.check.batch import Cutoff, Validator
from qnreport.check.results import Batch, FileReport
from qnreport.config.outline import parse_target
from qnreport.config.project import Project
from qnreport.config.rounds import RoundContext
from qnreport.findings import error
from qnreport.read.submission import IndicatorValue, ListRow, Submission, TaskResult
from qnreport.report.compose import Composer, Labels, ReportConfig, Texts, change_text
from qnreport.report.consolidate import (
    Consolidation,
    IndicatorResult,
    Letter,
    consolidate,
    judge,
)
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
        outline_version="2023.2",
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
    # HBS replied without the figure: the sum covers 1 of the 13 districts, and says so.
    assert r.source == (
        "tổng hợp từ Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi, "
        "1/13 huyện, thị xã, thành phố đã báo cáo"
    )
    assert r.partial and r.reported == ("BQLKKT", "TPQN")
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
    assert zero.source == "tổng hợp từ 1/13 huyện, thị xã, thành phố đã báo cáo"


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
    assert r.verdict == "không có mục tiêu"  # no source gives one
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
    assert result(cons, "CN05").verdict == "không có mục tiêu"  # no source gives one
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


def test_statuses_as_of_the_report_date(cn_round: RoundContext) -> None:
    """A letter with errors is received; a file that is not this round's form is received
    in the wrong form; the issuing Sở is not among those who reported to it."""
    old = submission("SKHDT", number="5/BC", letter_date=dt.date(2023, 12, 10), file="kh-1.xlsx")
    new = submission("SKHDT", number="9/BC", letter_date=dt.date(2023, 12, 18), file="kh-2.xlsx")
    with_errors = submission("TPQN", value("CN06", "5"), file="tpqn.xlsx")
    other_round = submission("STC", round_id="tcc-222-2024", file="stc.xlsx")
    unreadable = FileReport(
        Path("cn-2023_HBS.xlsx"), "cn-2023_HBS.xlsx", None, [error("FILE_CORRUPT", "x")]
    )
    batch = Batch(
        [
            report(submission("SCT")),
            report(old, used=False),
            report(new),
            report(submission("CTK", letter_date=dt.date(2023, 12, 22))),  # late
            report(submission("SLDTBXH", letter_date=dt.date(2023, 12, 20))),  # deadline day
            report(submission("SKHCN", no_task=True)),
            report(with_errors, refused=True),
            report(other_round),
            unreadable,
            FileReport(Path("rac.xlsx"), "rac.xlsx", None, [error("NOT_TEMPLATE", "x")]),
        ]
    )
    cons = consolidate(cn_round, batch)
    by_code = {s.agency.code: s for s in cons.statuses}
    assert [s.agency.code for s in cons.statuses] == [
        a.code for a in cn_round.registry if a.code != "SCT"
    ]
    assert cons.own is not None and cons.own.agency.code == "SCT"
    assert cons.own.submission is not None  # its content is used all the same
    assert by_code["SKHDT"].status == "đã gửi"
    assert by_code["SKHDT"].file == "kh-2.xlsx"
    assert by_code["SKHDT"].submission is new
    assert by_code["SKHDT"].superseded == ("kh-1.xlsx",)
    assert by_code["SKHDT"].replaced == (Letter("5/BC", dt.date(2023, 12, 10), "kh-1.xlsx"),)
    assert by_code["CTK"].status == "gửi sau hạn"
    assert by_code["SLDTBXH"].status == "đã gửi"
    assert by_code["SKHCN"].status == "không được giao nhiệm vụ"
    tpqn = by_code["TPQN"]
    assert (tpqn.status, tpqn.submission, tpqn.refused) == ("đã gửi", with_errors, ())
    assert [f.code for f in tpqn.invalid] == ["REQUIRED_MISSING"]
    assert result(cons, "CN06").actual == D("5")  # its valid figures are used
    stc, hbs = by_code["STC"], by_code["HBS"]
    assert (stc.status, stc.submission, stc.refused, stc.wrong_form) == (
        "đã gửi",
        None,
        ("stc.xlsx",),
        True,
    )
    assert (hbs.status, hbs.refused, hbs.wrong_form) == ("đã gửi", ("cn-2023_HBS.xlsx",), True)
    assert (by_code["HLS"].status, by_code["HLS"].file, by_code["HLS"].submission) == (
        "chưa gửi",
        "",
        None,
    )
    counts = {
        s: cons.count(s)  # type: ignore[arg-type]
        for s in ("đã gửi", "gửi sau hạn", "không được giao nhiệm vụ", "chưa gửi")
    }
    total = len(cn_round.registry) - 1
    assert counts == {
        "đã gửi": 5,
        "gửi sau hạn": 1,
        "không được giao nhiệm vụ": 1,
        "chưa gửi": total - 7,
    }
    assert [s.agency.code for s in cons.used] == ["SKHDT", "SKHCN", "SLDTBXH", "CTK", "TPQN"]
    assert [s.agency.code for s in cons.received] == [
        "SKHDT",
        "STC",
        "SKHCN",
        "SLDTBXH",
        "CTK",
        "TPQN",
        "HBS",
    ]


def test_letters_dated_after_the_report_are_held_back_before_the_latest_is_chosen(
    project: Project, cn_round: RoundContext, filled_workbook: WorkbookFactory
) -> None:
    """SKHDT wrote on 14/12 and again on 08/01; a report dated 05/01 uses the first, the
    second is named (not counted, not listed as received); a file excluded in round.toml
    is not used at all."""
    first = filled_workbook(
        "SKHDT",
        name="cn-2023_SKHDT_lan1.xlsx",
        values={"VB_SO": "12/SKHDT", "VB_NGAY": dt.datetime(2023, 12, 14), "CT_CN09_NAM_NAY": 7},
    )
    filled_workbook(
        "SKHDT",
        name="cn-2023_SKHDT.xlsx",
        values={"VB_SO": "30/SKHDT", "VB_NGAY": dt.datetime(2024, 1, 8), "CT_CN09_NAM_NAY": 9},
    )
    filled_workbook(
        "HBS",
        name="cn-2023_HBS.xlsx",
        values={"VB_NGAY": dt.datetime(2024, 1, 8), "CT_CN06_NAM_NAY": 4},
    )
    filled_workbook("TPQN", name="cn-2023_TPQN.xlsx", values={"CT_CN06_NAM_NAY": 3})
    validator = Validator(project)
    cutoff = Cutoff(dt.date(2024, 1, 5), frozenset({"cn-2023_TPQN.xlsx"}))
    batch = validator.validate_paths([first.parent], cutoff=cutoff)
    assert sorted((Path(r.display).name, r.verdict) for r in batch.reports) == [
        ("cn-2023_HBS.xlsx", "later"),
        ("cn-2023_SKHDT.xlsx", "later"),
        ("cn-2023_SKHDT_lan1.xlsx", "valid"),
        ("cn-2023_TPQN.xlsx", "excluded"),
    ]
    cons = consolidate(cn_round, batch, as_of=dt.date(2024, 1, 5))
    by_code = {s.agency.code: s for s in cons.statuses}
    skhdt = by_code["SKHDT"]
    assert (skhdt.status, skhdt.superseded) == ("đã gửi", ())
    assert skhdt.submission is not None and skhdt.submission.letter_number == "12/SKHDT"
    assert [(x.number, x.date) for x in skhdt.later] == [("30/SKHDT", dt.date(2024, 1, 8))]
    assert result(cons, "CN09").actual == D("7")
    assert (by_code["HBS"].status, by_code["TPQN"].status) == ("chưa gửi", "chưa gửi")
    assert by_code["TPQN"].excluded and by_code["TPQN"].submission is None
    assert result(cons, "CN06").actual is None  # neither held-back figure is summed
    assert [s.agency.code for s in cons.later] == ["SKHDT", "HBS"]


def test_incomplete_list_rows_are_not_used(cn_round: RoundContext) -> None:
    rows = [
        ListRow({"noi_dung": "Thiếu vốn.", "nguyen_nhan": ""}, 5),
        ListRow({"noi_dung": "", "nguyen_nhan": "Chưa rõ."}, 6),  # required text missing
    ]
    cons = run(cn_round, submission("CTK", lists={"ton_tai": rows}))
    assert [r.row for _, r in cons.lists["ton_tai"]] == [5]


def test_a_no_task_reply_is_listed_with_its_reason_and_its_content_is_not_used(
    cn_round: RoundContext,
) -> None:
    reply = dataclasses.replace(
        submission("BDT", no_task=True, sections={"II.1": "Ban không được giao nhiệm vụ."}),
        no_task_reason="không được giao nhiệm vụ chủ trì",
    )
    cons = run(cn_round, reply, submission("SKHCN", sections={"II.1": "Sở đã tuyên truyền."}))
    bdt = next(s for s in cons.statuses if s.agency.code == "BDT")
    assert bdt.status == "không được giao nhiệm vụ"
    assert bdt.submission is not None
    assert bdt.submission.no_task_reason == "không được giao nhiệm vụ chủ trì"
    assert [e.agency.code for e in cons.sections["II.1"]] == ["SKHCN"]


# ------------------------------------------------------------------- timing, direction


def test_tasks_not_yet_due_unless_progress_is_reported(tcc_round: RoundContext) -> None:
    tasks = {
        "PL04": TaskResult("PL04", "Chưa thực hiện", "Đang chờ Chiến lược được phê duyệt."),
        "PL01": TaskResult("PL01", "Đang thực hiện", "Đang xây dựng dự thảo."),
    }
    sub = dataclasses.replace(
        submission("SCT", round_id="tcc-222-2024"), outline="tcc-222", tasks=tasks
    )
    cons = run(tcc_round, sub)
    pl04, pl01, pl12 = (cons.task_states[c] for c in ("PL04", "PL01", "PL12"))
    assert (pl04.task.number, pl04.task.period, pl04.not_due) == ("4", "2024-2025", True)
    assert [(line.agency.code, line.status) for line in pl04.lines] == [("SCT", "Chưa đến hạn")]
    assert [line.status for line in pl01.lines] == ["Đang thực hiện"]  # progress reported
    assert (pl12.lines, pl12.status) == ((), "Chưa đến hạn")  # nobody reported yet
    later = dataclasses.replace(tcc_round.outline, year=2025)
    due = run(dataclasses.replace(tcc_round, outline=later), sub).task_states["PL04"]
    assert [line.status for line in due.lines] == ["Chưa thực hiện"]  # 2025: it is due


def test_long_horizon_targets_are_progress_before_their_year(tcc_round: RoundContext) -> None:
    sub = submission(
        "SCT",
        value("TCC06", "1068", "1012.6"),
        value("TCC07", "15.8"),
        value("TCC03", "7"),
        round_id="tcc-222-2024",
    )
    cons = run(tcc_round, dataclasses.replace(sub, outline="tcc-222"))
    power, renewables, growth = (result(cons, c) for c in ("TCC06", "TCC07", "TCC03"))
    assert (power.target_period, power.due_year, power.not_due) == ("2021-2030", 2030, True)
    assert power.progress is not None and round(power.progress, 1) == D("41.9")
    assert (renewables.due_year, renewables.not_due) == (2030, True)
    assert renewables.progress == D("79")
    # a yearly rate is judged every year
    assert (growth.due_year, growth.not_due, growth.progress) == (None, False, None)
    assert growth.verdict == "chưa đạt"


def test_a_decrease_indicator_says_so(tcc_round: RoundContext) -> None:
    energy = next(i for i in tcc_round.outline.indicators if i.code == "TCC08")
    assert (energy.direction, energy.higher_is_better) == ("decrease", True)
    others = {i.direction for i in tcc_round.outline.indicators if i.code != "TCC08"}
    assert others == {"increase"}


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
    total = len(cn_round.registry) - 1  # the issuing Sở does not reply to itself
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
    # replies that they have no task are letters received, but no reports of results
    assert "chưa có cơ quan, đơn vị báo cáo kết quả thực hiện theo đề nghị tại Công văn" in texts[0]
    assert "trên cơ sở báo cáo của" not in texts[0]
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
        f"Tổng số {total} cơ quan, đơn vị. Đã gửi đúng hạn: 0; gửi sau hạn: 0; "
        f"không được giao nhiệm vụ: {total}; chưa gửi: 0."
    )
    table = next(b for b in status.blocks if isinstance(b, Table))
    rows = [r for r in table.rows if not r.group]
    assert len(rows) == total
    assert {r.cells[2] for r in rows} == {"Không được giao nhiệm vụ"}
