"""The outlines quote their source documents word for word.

Every indicator name, unit and target, every heading the outline takes from a plan, every
task title with its lead and coordinating agencies, is looked up in the source texts the
outline names (``templates/sources/``). Only whitespace and Unicode composition (NFC) are
normalised, plus the markdown emphasis (``*``) of the stored texts and the numbering that
stands before an item ("4.1.", "a)", "- ").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from qnreport.config.outline import Outline, Task
from qnreport.config.registry import Registry
from qnreport.config.rounds import RoundContext

ROOT = Path(__file__).parents[1]

#: Headings an outline writes itself (a part of the report, not a quotation).
OWN_HEADINGS = {
    "cn-2023": set(),
    "tcc-222": {"I", "II", "II.11", "II.12", "III", "IV", "V"},
}
_LABEL = re.compile(r"^(?:[-+]\s*)?(?:(?:[IVX]+|\d+(?:\.\d+)*)\.|[a-zđ]\))?\s*")


def _lines(text: str) -> list[str]:
    """The source's lines, whitespace collapsed; a line the source wrapped (the next one
    starts in lower case) is joined to it."""
    lines: list[str] = []
    for raw in unicodedata.normalize("NFC", text).replace("*", "").splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if lines and line[:1].islower() and not lines[-1].endswith("."):
            lines.append(lines[-1] + " " + line)  # both forms stay candidates
        lines.append(line)
    return lines


def _forms(line: str) -> set[str]:
    """What a line may be quoted as: without its numbering, without the final full stop,
    the part after a "Subject:" lead-in, the part before "; trong đó:"."""
    body = _LABEL.sub("", line, count=1)
    forms = {line, body}
    forms |= {body[m.end() :] for m in re.finditer(r": ", body)}
    forms |= {f.removesuffix("; trong đó:") for f in forms}
    forms |= {f[:-1] for f in forms if f.endswith(".") and not f.endswith("...")}
    return forms


@cache
def _source_lines(file: str) -> tuple[str, ...]:
    return tuple(_lines((ROOT / "templates" / file).read_text(encoding="utf-8")))


def _files(outline: Outline, key: str | None = None) -> list[str]:
    found = [
        m.group(1)
        for k, v in outline.sources.items()
        if key is None or k == key
        for m in [re.search(r"\((sources/[^)]+\.txt)\)", v)]
        if m
    ]
    assert found, f"{outline.id}: source {key or '(any)'} names no file under sources/"
    return found


def _quoted(text: str, files: list[str]) -> bool:
    return any(text in _forms(line) for f in files for line in _source_lines(f))


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(params=["cn_round", "tcc_round"])
def ctx(request: pytest.FixtureRequest) -> RoundContext:
    context: RoundContext = request.getfixturevalue(request.param)
    return context


def test_every_outline_names_its_sources_and_they_are_stored(ctx: RoundContext) -> None:
    for file in _files(ctx.outline):
        assert (ROOT / "templates" / file).is_file(), file


def test_indicator_names_are_the_sources_words(ctx: RoundContext) -> None:
    outline = ctx.outline
    wrong = [i.name for i in outline.indicators if not _quoted(i.name, _files(outline))]
    assert wrong == []


def test_targets_are_quoted_from_the_source_they_name_with_their_unit(
    ctx: RoundContext,
) -> None:
    outline = ctx.outline
    problems = []
    for ind in outline.indicators:
        for period, target in ind.targets.items():
            files = _files(outline, ind.target_source)
            if not _quoted(target.text, files):
                problems.append(f"{ind.code} {period}: '{target.text}' not in {files}")
            if ind.unit not in target.text:
                problems.append(f"{ind.code} {period}: unit {ind.unit} not in '{target.text}'")
    assert problems == []


def test_headings_taken_from_the_plans_are_its_words(ctx: RoundContext) -> None:
    outline = ctx.outline
    own = OWN_HEADINGS[outline.id]
    wrong = [
        f"{s.id} {s.title}"
        for s in outline.sections
        if s.id not in own and not _quoted(s.title, _files(outline))
    ]
    assert wrong == []


def test_task_titles_are_the_plans_words(tcc_round: RoundContext) -> None:
    outline = tcc_round.outline
    wrong = [t.code for t in outline.tasks if not _quoted(t.title, _files(outline))]
    assert wrong == []


def _after(lines: tuple[str, ...], marker: str) -> list[str]:
    return list(lines[lines.index(marker) :])


def _names(codes: tuple[str, ...], registry: Registry) -> str:
    return ", ".join(registry.get(c).name for c in codes)


def test_phu_luc_i_agencies_are_the_reporters(tcc_round: RoundContext) -> None:
    """The "Cơ quan đầu mối theo dõi, báo cáo" cell of each row ("---nt---": as above)."""
    annex = _after(_source_lines(_files(tcc_round.outline)[0]), "PHỤ LỤC I")
    registry = tcc_round.registry
    found: dict[str, str] = {}
    previous = ""
    for ind in tcc_round.outline.indicators:
        row = annex.index(ind.name)
        cell = next(x for x in annex[row + 1 : row + 5] if x == "---nt---" or "Sở" in x)
        previous = previous if cell == "---nt---" else cell
        found[ind.code] = previous
    assert found == {i.code: _names(i.reporters, registry) for i in tcc_round.outline.indicators}


def test_phu_luc_ii_rows_give_lead_coordinators_period_and_authority(
    tcc_round: RoundContext,
) -> None:
    annex = _after(_source_lines(_files(tcc_round.outline)[0]), "PHỤ LỤC II")
    tasks = [t for t in tcc_round.outline.tasks if t.code.startswith("PL")]
    assert [t.number for t in tasks] == [str(n) for n in range(1, 15)]
    for task in tasks:
        row = next(i for i, x in enumerate(annex) if task.title in _forms(x))
        lead, coordinators, period, authority = annex[row + 1 : row + 5]
        assert (task.code, lead, task.coordinators_text, task.period, task.authority) == (
            task.code,
            _names(task.lead, tcc_round.registry),
            coordinators,
            period,
            authority,
        )
        for code in task.coordinators:
            assert tcc_round.registry.get(code).name in coordinators


def _item(section_vi: list[str], number: int) -> list[str]:
    start = next(i for i, x in enumerate(section_vi) if x.startswith(f"{number}. "))
    end = next(
        (i for i, x in enumerate(section_vi) if x.startswith(f"{number + 1}. ")),
        len(section_vi),
    )
    return section_vi[start:end]


def _named(code: str, text: str, registry: Registry) -> bool:
    agency = registry.get(code)
    if agency.group == "huyen":
        return "các huyện, thị xã, thành phố" in text
    subject = _LABEL.sub("", text).split(":")[0]
    return (
        agency.name in text
        or agency.name.removeprefix("Sở ") in text
        or (len(subject) > 20 and agency.name.startswith(subject))
    )


def _subject(task: Task, item: list[str]) -> str:
    """The words before the task's title that say whom the plan assigns it to."""
    line = next(x for x in item if task.title in _forms(x) or task.title in x)
    before = line[: line.find(task.title)] if task.title in line else ""
    return before if _LABEL.sub("", before).strip(" :") else item[0]


def test_muc_vi_tasks_go_to_the_agencies_the_plan_names(tcc_round: RoundContext) -> None:
    """The agency an item of Mục VI is addressed to leads it ("Chủ trì …"), or coordinates
    with the agencies named after "Phối hợp với …", who then lead."""
    lines = _source_lines(_files(tcc_round.outline)[0])
    start = lines.index("VI. TỔ CHỨC THỰC HIỆN")
    section_vi = list(lines[start : lines.index("VII. CHẾ ĐỘ BÁO CÁO")])
    registry = tcc_round.registry
    problems = []
    for task in (t for t in tcc_round.outline.tasks if t.code.startswith("VI")):
        item = _item(section_vi, int(task.number.split(".")[1].split()[0]))
        if not any(task.title in _forms(x) for x in item):
            problems.append(f"{task.code}: title not in item {task.number}")
            continue
        subject = _subject(task, item)
        assigned = task.coordinators if task.title.startswith("Phối hợp") else task.lead
        partners = task.lead if task.title.startswith("Phối hợp") else ()
        for code in assigned:
            if not _named(code, subject, registry):
                problems.append(f"{task.code}: {code} is not whom '{subject}' names")
        for code in partners:
            if not _named(code, task.title, registry):
                problems.append(f"{task.code}: lead {code} not named in the title")
    assert problems == []


def test_vi_10_has_two_leads_and_the_missing_items_are_there(tcc_round: RoundContext) -> None:
    tasks = {t.number: t for t in tcc_round.outline.tasks}
    assert tasks["VI.10"].lead == ("SGDDT", "SLDTBXH")
    assert tasks["VI.10"].coordinators == ()
    assert tasks["VI.2.c"].coordinators == ("SKHDT",)
    assert tasks["VI.7.b"].lead == ("SNNPTNT",)
    assert tasks["VI.1.b"].title.startswith("Tổng hợp, đánh giá hàng năm")
    assert [n for n in tasks if n.startswith("VI.4 (")] == [f"VI.4 (ý {i})" for i in range(1, 6)]


def test_the_ban_quan_ly_is_the_plans_agency_by_its_full_name(tcc_round: RoundContext) -> None:
    name = tcc_round.registry.get("BQLKKT").name
    assert name == "Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi"
    plan = _source_lines(_files(tcc_round.outline)[0])
    assert "4. Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp" in plan
    assert name.startswith(_nfc("Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp"))


def test_the_cn_outline_quotes_no_target_that_belongs_to_another_indicator(
    cn_round: RoundContext,
) -> None:
    targets = {
        i.code: {p: t.text for p, t in i.targets.items()} for i in cn_round.outline.indicators
    }
    assert targets["CN02"] == {} and targets["CN05"] == {}
    assert {i.code: i.target_source for i in cn_round.outline.indicators if i.targets} == {
        "CN01": "KH222",
        "CN04": "KH222",
    }
