"""The round's công văn: the request letter and the reminders, in the NĐ 30/2020 format.

Both are :class:`~qnreport.report.document.Report` models rendered by the report's own
renderer, so they share its header, signature block, fonts and margins; a công văn has
no tên loại and carries its trích yếu as "V/v …" under its number. The wording is Jinja
in ``templates/text/`` (paragraphs separated by a blank line); who signs and who receives
a copy comes from ``[letter]`` of ``templates/reports/<round>.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config.outline import Section
from ..config.registry import Agency
from ..config.rounds import RoundContext
from ..errors import ConfigError, QnreportError
from ..files import atomic_write, make_reproducible, read_toml
from ..report.compose import ReportConfig, Texts, task_facts
from ..report.document import (
    Appendix,
    Block,
    Heading,
    Letterhead,
    Paragraph,
    Report,
    Run,
    Signer,
    para,
)
from ..report.render_docx import render_report
from ..vntext import lower_first, short_date, upper_vi
from .new import DEFAULT_SYMBOL, letter_number, letter_symbol
from .status import AgencyReply, Problem, RoundStatus

#: How the administration addresses a whole group of agencies in "Kính gửi".
GROUP_ADDRESS = {
    "so-nganh": "Các sở, ban, ngành tỉnh",
    "huyen": "UBND các huyện, thị xã, thành phố",
}
#: Tên loại of the documents a round may answer (NĐ 30/2020, Phụ lục III); none: công văn.
DOC_TYPES = {"KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị", "TB": "Thông báo"}
REQUEST_TEXT = "cong-van-de-nghi.j2"
REMINDER_TEXT = "cong-van-don-doc.j2"
MAX_PROBLEMS = 8  # cells listed per agency in a letter to several; the rest are counted


class NothingToRemind(QnreportError):
    """Every expected agency has replied with usable figures: no reminder is due."""


class NotDueYet(QnreportError):
    """The deadline has not passed on the date asked about: nobody is late yet."""


@dataclass(frozen=True)
class LetterConfig:
    """Who issues and signs the round's letters, from the report configuration."""

    report: ReportConfig
    symbol: str
    basis: str
    distribution: tuple[str, ...]
    signer: Signer
    about: str = ""

    @classmethod
    def load(cls, path: Path) -> LetterConfig:
        if not path.is_file():
            raise ConfigError(f"Không có cấu hình báo cáo {path} (cần cho phần đầu, phần ký).")
        report = ReportConfig.load(path)
        letter = read_toml(path).get("letter", {})
        signer = letter.get("signer")
        return cls(
            report,
            str(letter.get("symbol", DEFAULT_SYMBOL)),
            str(letter.get("basis", "")),
            tuple(str(x) for x in letter.get("distribution", ("Như trên", "Lưu: VT, QLCN"))),
            Signer(str(signer["authority"]), str(signer["title"]), str(signer["name"]))
            if isinstance(signer, dict)
            else report.signer,
            str(letter.get("about", "")),
        )


@dataclass(frozen=True)
class Letter:
    """One letter to write: its file name (without folder) and its content."""

    name: str
    report: Report


def _subject(ctx: RoundContext, cfg: LetterConfig) -> str:
    """ "báo cáo tình hình … năm 2024 …": the matter of the round, from the outline (or
    the letter's own ``about``, where ``{year}`` is the round's year)."""
    if cfg.about:
        return cfg.about.format(year=ctx.outline.year)
    return lower_first(ctx.outline.title)


_CITED = re.compile(r"\b(Kế hoạch|Quyết định|Chương trình|Công văn|Nghị quyết) số (\S+)")


def _named_again(basis: str) -> str:
    """The documents of ``basis`` named again later in the letter: "Kế hoạch số
    222/KH-UBND" for one, "các văn bản nêu trên" for several."""
    cited = _CITED.findall(basis)
    if len(cited) == 1:
        return f"{cited[0][0]} số {cited[0][1]}"
    return "các văn bản nêu trên"


def _after_basis(subject: str, basis: str) -> str:
    """The subject as the body says it after citing ``basis`` in full: a document already
    cited is named by its kind alone ("… thực hiện Kế hoạch năm 2024"), and a parenthesis
    that only repeated its number goes."""
    for kind, number in _CITED.findall(basis):
        subject = re.sub(rf"\s*\({kind} số {re.escape(number)}\)", "", subject)
        subject = subject.replace(f"{kind} số {number}", kind)
    return subject


def cite(number: str, date: dt.date, cfg: LetterConfig) -> str:
    """ "Công văn số 3006/SCT-QLCN ngày 08/12/2023 của Sở Công Thương", "Kế hoạch số
    222/KH-UBND ngày 28/12/2023 của UBND tỉnh": a document named as the body names it."""
    symbol = letter_symbol(number)
    parts = symbol.split("-")
    kind = DOC_TYPES.get(parts[0], "Công văn")
    issuer = parts[1] if kind != "Công văn" and len(parts) > 1 else parts[0]
    own = cfg.symbol.split("-")[0]
    by = {"UBND": "UBND tỉnh", own: cfg.report.issuing_agency_name}.get(issuer, "")
    return f"{kind} số {number} ngày {short_date(date)}" + (f" của {by}" if by else "")


def addressed(agencies: Sequence[Agency], everyone: Sequence[Agency]) -> tuple[str, ...]:
    """ "Kính gửi" lines: a group named as a whole when every member of it is addressed,
    otherwise each agency by name, in registry order."""
    lines: list[str] = []
    chosen = {a.code for a in agencies}
    done: set[str] = set()
    for agency in everyone:
        if agency.code not in chosen or agency.code in done:
            continue
        group = [a for a in everyone if a.group == agency.group]
        if (
            agency.group in GROUP_ADDRESS
            and len(group) > 1
            and all(a.code in chosen for a in group)
        ):
            lines.append(GROUP_ADDRESS[agency.group])
            done.update(a.code for a in group)
        else:
            lines.append(agency.name)
            done.add(agency.code)
    return tuple(lines)


# A document symbol ("3006/SCT-QLCN", "09/2019/NĐ-CP") never breaks at its hyphens.
_SYMBOL = re.compile(r"\d+(?:/[\w&]+)+(?:-[\w&]+)+|\d+-[\w&]+/[\w&]+")


def unbreakable(text: str) -> str:
    """Non-breaking hyphens (U+2011) inside document symbols, so a line never ends in
    "856/CTK-" with "TH" on the next."""
    return _SYMBOL.sub(lambda m: m.group(0).replace("-", "\u2011"), text)


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blank-line separated paragraphs of a rendered template, whitespace folded."""
    chunks = (unbreakable(" ".join(chunk.split())) for chunk in text.split("\n\n"))
    return tuple(para(chunk) for chunk in chunks if chunk)


def _render(texts: Texts, template: str, **values: object) -> tuple[Paragraph, ...]:
    try:
        text = texts.env.get_template(template).render(**values)
    except Exception as exc:  # jinja2 errors of a clerk's edit: say which file
        raise ConfigError(f"Mẫu câu templates/text/{template} có lỗi: {exc}") from None
    return _paragraphs(text)


def _common(ctx: RoundContext, cfg: LetterConfig) -> dict[str, object]:
    rnd = ctx.round
    recipients = cfg.report.recipients
    return {
        "round_id": rnd.id,
        "year": rnd.year,
        "subject": _after_basis(_subject(ctx, cfg), cfg.basis),
        "issuer": cfg.report.issuing_agency_name,
        "report_to": recipients[0] if recipients else "",
        "deadline": short_date(rnd.deadline),
        "due": rnd.due_words,
        "period_start": short_date(rnd.period_start),
        "period_end": short_date(rnd.period_end),
        "contact": rnd.contact.strip().rstrip("."),
        "basis": cfg.basis.strip().rstrip(".;"),
        "basis_short": _named_again(cfg.basis),
    }


def _letterhead(
    cfg: LetterConfig,
    number: str,
    date: dt.date | None,
    about: str,
    recipients: tuple[str, ...],
) -> Letterhead:
    r = cfg.report
    return Letterhead(
        r.parent_agency,
        r.issuing_agency,
        number,
        cfg.symbol,
        r.place,
        date,
        doc_type="",
        subject="",
        recipients=recipients,
        about=unbreakable(f"V/v {about}"),
    )


def _own_number(ctx: RoundContext, cfg: LetterConfig) -> str:
    """The request letter's number when the round records it under the letters' own
    symbol; "" (a draft) while it is the placeholder or the round answers a plan."""
    rnd = ctx.round
    if letter_symbol(rnd.request_number) != cfg.symbol:
        return ""
    return letter_number(rnd.request_number)


def request_letter(ctx: RoundContext, cfg: LetterConfig, texts: Texts, issuer: str) -> Letter:
    """The công văn asking every expected agency to report, with the outline attached."""
    rnd = ctx.round
    number = _own_number(ctx, cfg)
    date = rnd.request_date  # as the round records it, proposed until the letter is signed
    expected = [a for a in ctx.registry if a.code != issuer]
    carried = sorted(
        code for code in rnd.carried if any(i.code == code for i in ctx.outline.indicators)
    )
    body = _render(texts, REQUEST_TEXT, **_common(ctx, cfg), carried=bool(carried))
    reference = (
        f"(Kèm theo Công văn số {number or '      '}/{cfg.symbol} ngày {short_date(date)} "
        f"của {cfg.report.issuing_agency_name})"
    )
    outline = outline_appendix(ctx, texts, unbreakable(reference))
    report = Report(
        _letterhead(cfg, number, date, _subject(ctx, cfg), addressed(expected, expected)),
        body,
        cfg.signer,
        cfg.distribution,
        (outline,),
    )
    return Letter(f"cong-van-de-nghi-{rnd.id}.docx", report)


def outline_appendix(ctx: RoundContext, texts: Texts, reference: str) -> Appendix:
    """ "Đề cương báo cáo": the outline's headings in its own numbering, with what each
    heading asks for (indicators, tasks, a table of the Excel template)."""
    outline = ctx.outline
    blocks: list[Block] = []
    for section in outline.sections:
        level = min(section.id.count(".") + 1, 4)
        asks = [para(unbreakable(text)) for text in _asked(ctx, texts, section)]
        if asks or outline.children(section.id):
            blocks.append(Heading(level, section.number, unbreakable(section.title)))
        else:  # a heading kept with the next would chain a run of bare headings together
            blocks.append(_heading_line(level, section))
        blocks.extend(asks)
    title = f"Đề cương {lower_first(outline.title)}"
    return Appendix("", title, reference, tuple(blocks))


def _heading_line(level: int, section: Section) -> Paragraph:
    """A heading with nothing under it, printed as its level prints, as a plain line."""
    title = unbreakable(section.title)
    text = f"{section.number} {upper_vi(title) if level == 1 else title}"
    bold, italic = level < 4, level >= 3
    return Paragraph((Run(text, bold=bold, italic=italic),))


def _asked(ctx: RoundContext, texts: Texts, section: Section) -> list[str]:
    """What a heading asks for: its indicators, its tasks (with who leads them and the
    plan's own deadline, so that each agency sees its own), or the template's table."""
    outline = ctx.outline
    if section.content == "indicators":
        return [
            f"- {i.name}" + (f" ({i.unit})." if i.unit else ".")
            for i in outline.indicators
            if i.section == section.id
        ]
    if section.content == "tasks":
        facts = (task_facts(t, ctx.registry, texts.labels) for t in outline.tasks)
        return [
            f"- {t.title}" + (f" ({said})." if said else ".")
            for t, said in zip(outline.tasks, facts, strict=True)
            if t.section == section.id
        ]
    key = section.list_key
    if key is None:
        return []
    listed = outline.list_section(key)
    return [f'(Báo cáo theo bảng "{listed.title}" tại trang "{listed.sheet}" của biểu mẫu.)']


def reminder_letters(
    ctx: RoundContext,
    cfg: LetterConfig,
    texts: Texts,
    status: RoundStatus,
    *,
    each: bool = False,
    until: dt.date | None = None,
) -> list[Letter]:
    """Công văn đôn đốc to the agencies with no reply, or no usable one, as of the
    status date: one to all of them, or one each. Refuses when nobody is missing."""
    rnd = ctx.round
    if status.as_of <= rnd.deadline:
        raise NotDueYet(
            f"Hạn gửi báo cáo của đợt {rnd.id}: {rnd.due_label}; đến ngày "
            f"{short_date(status.as_of)} chưa quá hạn nên chưa đôn đốc. Chọn --date sau hạn gửi."
        )
    due = status.to_remind
    if not due:
        raise NothingToRemind(
            f"Tính đến ngày {short_date(status.as_of)}, cả {status.expected} cơ quan, đơn vị "
            f"của đợt {rnd.id} đã gửi báo cáo hợp lệ; không cần công văn đôn đốc."
        )
    if not letter_number(rnd.request_number):
        raise ConfigError(
            f"Chưa ghi số công văn đề nghị báo cáo của đợt {rnd.id} (request_number trong "
            f"inputs/{rnd.id}/round.toml): công văn đôn đốc phải dẫn số văn bản đó."
        )
    groups = [[reply] for reply in due] if each else [due]
    stamp = status.as_of.strftime("%Y%m%d")
    letters = []
    for group in groups:
        agencies = [r.agency for r in group]
        body = _render(
            texts,
            REMINDER_TEXT,
            **_common(ctx, cfg),
            request=cite(rnd.request_number, rnd.request_date, cfg),
            as_of=short_date(status.as_of),
            until=short_date(until) if until else "",
            single=len(group) == 1,
            missing=any(r.state == "chua-gui" for r in group),
            faulty=any(r.state == "co-loi" for r in group),
            items=[_missing_item(r, full=each) for r in group],
        )
        recipients = (
            addressed(agencies, [r.agency for r in status.replies])
            if len(group) > 1
            else (agencies[0].name,)
        )
        head = _letterhead(cfg, "", status.as_of, f"đôn đốc {_subject(ctx, cfg)}", recipients)
        report = Report(head, body, cfg.signer, cfg.distribution)
        suffix = f"-{agencies[0].code}" if each else ""
        letters.append(Letter(f"cong-van-don-doc-{rnd.id}-{stamp}{suffix}.docx", report))
    return letters


def _missing_item(reply: AgencyReply, *, full: bool) -> dict[str, object]:
    """What one agency still owes: nothing received, or which entries to correct."""
    problems = reply.problems if full else reply.problems[:MAX_PROBLEMS]
    cells = "; ".join(_cell(p) for p in problems)
    more = len(reply.problems) - len(problems)
    if more:
        cells += f"; và {more} nội dung khác"
    letter = reply.letter.replace("Số", "văn bản số", 1) if reply.letter_number else ""
    return {
        "name": reply.agency.name,
        "missing": reply.state == "chua-gui",
        "letter": letter,
        "cells": cells,
    }


def _cell(problem: Problem) -> str:
    """ "Tốc độ tăng trưởng … - kế hoạch năm 2024 (trang "Chỉ tiêu", ô H5)": which entry,
    and where; the finding's own wording speaks to the person typing, not to the agency."""
    where = f'trang "{problem.sheet}"' + (f", ô {problem.cell}" if problem.cell else "")
    if not problem.sheet:
        return problem.message.rstrip(".")
    return f"{problem.label or problem.message.rstrip('.')} ({where})"


def draft_notes(ctx: RoundContext, cfg: LetterConfig) -> list[str]:
    """What still marks a letter as a draft, for the clerk to see before it is signed."""
    notes = []
    if not _own_number(ctx, cfg):
        notes.append(
            "Công văn đề nghị chưa có số (văn thư cấp khi ký); ngày công văn theo request_date "
            f"của inputs/{ctx.round.id}/round.toml."
        )
    if re.search(r"x{3,}|…|\.\.\.", ctx.round.contact):
        notes.append(f'Thông tin liên hệ còn chỗ chưa điền: "{ctx.round.contact}".')
    if not cfg.signer.name.strip():
        notes.append("Chưa có họ tên người ký ([signer] trong cấu hình báo cáo của đợt).")
    return notes


def write_letter(letter: Letter, style: Path, out_dir: Path, when: dt.date) -> Path:
    """Render ``letter`` into ``out_dir`` atomically, stamped with ``when`` so the same
    letter gives the same bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / letter.name
    with atomic_write(path) as tmp:
        render_report(letter.report, style, tmp)
        make_reproducible(tmp, when)
    return path
