"""``qnreport round new``: next year's round from this year's, never over an existing one.

The new round gets the previous round's outline, contact and report configuration with
the year, the data period (Nghị định 09/2019, Điều 12: 15/12 of the year before to 14/12)
and the proposed dates moved on a year, and last year's consolidated figures from the
previous round's build record (``outputs/<round>/build.json``), not re-read from files.
What only the clerk can know (the letter's number, the signer) is listed, not invented.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit

from ..config.outline import Outline, load_outline
from ..config.project import Project
from ..config.registry import load_registry
from ..config.rounds import ROUND_FILE, Round, list_rounds, open_round
from ..errors import ConfigError, UsageError
from ..files import write_text_atomic
from ..vntext import format_number, short_date, upper_first

_ROUND_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")
PLACEHOLDER = "…"  # a number the văn thư gives when the letter is signed
DEFAULT_SYMBOL = "SCT-QLCN"
LETTER_DISTRIBUTION = ("Như trên", "Giám đốc, các Phó Giám đốc Sở (b/c)", "Lưu: VT, QLCN")


@dataclass(frozen=True)
class NewRound:
    """What ``round new`` wrote, and what the clerk must still fill in."""

    round_id: str
    year: int
    outline_id: str
    period_start: dt.date
    period_end: dt.date
    request_date: dt.date
    deadline: dt.date
    round_file: Path
    report_file: Path
    carried: dict[str, Decimal] = field(default_factory=dict)
    todo: tuple[str, ...] = ()


def data_period(year: int) -> tuple[dt.date, dt.date]:
    """Nghị định 09/2019, Điều 12 khoản 4: a yearly report's figures run from 15/12 of
    the year before to 14/12 of the report year."""
    return dt.date(year - 1, 12, 15), dt.date(year, 12, 14)


def next_year(date: dt.date, years: int = 1) -> dt.date:
    """The same day ``years`` later; 29/02 becomes 28/02."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def letter_symbol(number: str) -> str:
    """ "SCT-QLCN" of "3006/SCT-QLCN"; "" when there is no "/"."""
    return number.split("/", 1)[1].strip() if "/" in number else ""


def letter_number(number: str) -> str:
    """ "3006" of "3006/SCT-QLCN"; "" while it is still the placeholder."""
    head = number.split("/", 1)[0].strip() if "/" in number else number.strip()
    return "" if not head.strip(PLACEHOLDER + ". ") else head


def new_round(
    project: Project,
    round_id: str,
    *,
    previous: str | None = None,
    outline: str | None = None,
    year: int | None = None,
) -> NewRound:
    """Create ``inputs/<round_id>/round.toml`` and ``templates/reports/<round_id>.toml``."""
    if not _ROUND_ID.match(round_id):
        raise UsageError(
            f"Mã đợt '{round_id}' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và "
            "dấu gạch ngang, ví dụ cn-2024."
        )
    folder = project.inputs / round_id
    report_file = project.templates / "reports" / f"{round_id}.toml"
    for existing in (folder / ROUND_FILE, report_file):
        if existing.exists():
            raise UsageError(
                f"Đợt '{round_id}' đã có ({existing.relative_to(project.root)}); không ghi đè. "
                "Chọn mã đợt khác, hoặc sửa trực tiếp tệp đó."
            )
    if previous is None:
        return _first_round(project, round_id, outline, year, report_file)
    if previous not in list_rounds(project):
        known = ", ".join(list_rounds(project)) or "không có"
        raise UsageError(f"Không có đợt '{previous}' để tạo tiếp (các đợt hiện có: {known}).")
    prev = open_round(project, previous)
    new_year = year or prev.round.year + 1
    if new_year <= prev.round.year:
        raise UsageError(f"Năm của đợt mới ({new_year}) phải sau năm {prev.round.year}.")
    years = new_year - prev.round.year
    outline_id = outline or prev.round.outline_id
    new_outline = _outline(project, outline_id, new_year)
    # Last year's column holds the year before the new one: only the round just before
    # has its figures.
    carried, source = _carried(project, prev.round, new_outline) if years == 1 else ({}, "")
    request_date = next_year(prev.round.request_date, years)
    deadline = next_year(prev.round.deadline, years)
    # a plan's "trước ngày 10/12" stays worded so in the next year's round
    due_before = next_year(prev.round.due_before, years) if prev.round.due_before else None
    if due_before is not None:
        deadline = due_before - dt.timedelta(days=1)
    prev_report = project.templates / "reports" / f"{previous}.toml"
    report_doc = _report_config(prev_report, prev.round, new_year)
    symbol = str(report_doc["letter"]["symbol"])
    todo = _todo(
        round_id,
        request_date,
        due_before or deadline,
        report_file,
        project,
        symbol,
        key="due_before" if due_before else "deadline",
    )
    if re.search(r"x{3,}", prev.round.contact):
        todo.append(f"Thông tin liên hệ còn chỗ chưa điền (contact): {prev.round.contact}")
    if years > 1:
        todo.append(
            f"Không điền sẵn cột năm {new_year - 1}: đợt {previous} là năm {prev.round.year}. "
            f"Có thể ghi tay vào bảng [nam_truoc] của {ROUND_FILE}."
        )
    elif not carried:
        todo.append(
            f"Chưa có số liệu năm {prev.round.year} để điền sẵn: đợt {previous} chưa lập báo "
            f"cáo (thiếu outputs/{previous}/build.json) hoặc không có chỉ tiêu do một cơ quan "
            f"chịu trách nhiệm. Có thể ghi tay vào bảng [nam_truoc] của {ROUND_FILE}."
        )
    report_text = _comments_renamed(tomlkit.dumps(report_doc), previous, round_id)
    return _create(
        project,
        report_file,
        report_text,
        round_id=round_id,
        outline=new_outline,
        request_date=request_date,
        deadline=deadline,
        due_before=due_before,
        symbol=symbol,
        contact=prev.round.contact,
        previous=previous,
        carried=carried,
        source=source,
        todo=todo,
    )


def _first_round(
    project: Project,
    round_id: str,
    outline_id: str | None,
    year: int | None,
    report_file: Path,
) -> NewRound:
    """A round with no previous one: the outline and the year must be given."""
    if not outline_id:
        raise UsageError("Đợt đầu tiên (không có --from) cần --outline: mã đề cương báo cáo.")
    found = re.search(r"(\d{4})$", round_id)
    year = year or (int(found.group(1)) if found else None)
    if year is None:
        raise UsageError("Cần --year: năm báo cáo (mã đợt không kết thúc bằng năm).")
    new_outline = _outline(project, outline_id, year)
    request_date, deadline = dt.date(year, 12, 8), dt.date(year, 12, 20)
    report = tomlkit.document()
    report.add(tomlkit.comment(f"Cấu hình báo cáo tổng hợp của đợt {round_id}."))
    for key, value in (
        ("parent_agency", "UBND TỈNH QUẢNG NGÃI"),
        ("issuing_agency", "SỞ CÔNG THƯƠNG"),
        ("issuing_agency_name", "Sở Công Thương"),
        ("symbol", "BC-SCT"),
        ("number", ""),
        ("place", "Quảng Ngãi"),
        ("doc_type", "BÁO CÁO"),
        ("subject", upper_first(new_outline.title.removeprefix("Báo cáo "))),
        ("recipients", ["Ủy ban nhân dân tỉnh Quảng Ngãi"]),
        ("distribution", ["Như trên", "Lưu: VT, QLCN"]),
    ):
        report[key] = value
    signer = tomlkit.table()
    signer.update({"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": ""})
    report["signer"] = signer
    report["letter"] = _letter_table(DEFAULT_SYMBOL)
    todo = _todo(round_id, request_date, deadline, report_file, project, DEFAULT_SYMBOL)
    todo.append(f"Người liên hệ của Sở (khóa contact trong inputs/{round_id}/{ROUND_FILE}).")
    todo.append(f"Người ký báo cáo và công văn ([signer] trong {_rel(report_file, project)}).")
    return _create(
        project,
        report_file,
        tomlkit.dumps(report),
        round_id=round_id,
        outline=new_outline,
        request_date=request_date,
        deadline=deadline,
        symbol=DEFAULT_SYMBOL,
        contact="",
        previous="",
        carried={},
        source="",
        todo=todo,
    )


def _create(
    project: Project,
    report_file: Path,
    report_text: str,
    *,
    round_id: str,
    outline: Outline,
    request_date: dt.date,
    deadline: dt.date,
    symbol: str,
    contact: str,
    previous: str,
    carried: dict[str, Decimal],
    source: str,
    todo: list[str],
    due_before: dt.date | None = None,
) -> NewRound:
    """Write the round's two files and say what was made."""
    start, end = data_period(outline.year)
    round_doc = _round_document(
        round_id=round_id,
        outline_id=outline.id,
        title=outline.short_title,
        year=outline.year,
        request_number=f"{PLACEHOLDER}/{symbol}",
        request_date=request_date,
        deadline=deadline,
        due_before=due_before,
        period=(start, end),
        contact=contact,
        previous=previous,
        carried=carried,
        source=source,
    )
    folder = project.inputs / round_id
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(folder / ROUND_FILE, round_doc)
    report_file.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(report_file, report_text)
    return NewRound(
        round_id,
        outline.year,
        outline.id,
        start,
        end,
        request_date,
        deadline,
        folder / ROUND_FILE,
        report_file,
        carried,
        tuple(todo),
    )


def _outline(project: Project, outline_id: str, year: int) -> Outline:
    path = project.templates / "outlines" / f"{outline_id}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in path.parent.glob("*.toml"))) or "không có"
        raise UsageError(f"Không có đề cương '{outline_id}' (các đề cương hiện có: {known}).")
    return load_outline(path, load_registry(project.templates / "agencies.toml"), year=year)


def _carried(project: Project, prev: Round, outline: Outline) -> tuple[dict[str, Decimal], str]:
    """Last year's consolidated figures of the indicators one agency gives for the whole
    province, from the previous round's build record; and where they come from."""
    record = project.outputs / prev.id / "build.json"
    try:
        data: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
        figures = data["snapshot"]["indicators"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}, ""
    wanted = {i.code for i in outline.indicators if i.consolidate != "sum"}
    carried = {
        code: Decimal(value)
        for code, value in figures.items()
        if code in wanted and isinstance(value, str)
    }
    options = data.get("options", {})
    built = str(data.get("built_at", ""))[:10]
    with contextlib.suppress(ValueError):
        built = short_date(dt.date.fromisoformat(built))
    source = f"báo cáo đợt {prev.id}"
    if options.get("number"):
        source += f" số {options['number']}"
    if options.get("date"):
        source += f" ngày {short_date(dt.date.fromisoformat(options['date']))}"
    if built:
        source += f", lập lúc {built}"
    return carried, source


def _report_config(path: Path, prev: Round, year: int) -> tomlkit.TOMLDocument:
    """The previous report configuration, as a draft of the new year's: no number, no
    date, the year in the subject moved on; comments and everything else kept."""
    if not path.is_file():
        raise ConfigError(f"Không có cấu hình báo cáo {path} của đợt {prev.id} để chép.")
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    doc["number"] = ""
    if "date" in doc:
        del doc["date"]
    doc["subject"] = str(doc.get("subject", "")).replace(f"năm {prev.year}", f"năm {year}")
    letter = doc.get("letter")
    if letter is None:
        symbol = letter_symbol(prev.request_number)
        if not symbol.startswith(str(doc.get("symbol", "")).rsplit("-", 1)[-1]):
            symbol = DEFAULT_SYMBOL  # the previous round answered a plan, not a letter
        doc["letter"] = _letter_table(symbol)
    elif "about" in letter:
        letter["about"] = str(letter["about"]).replace(f"năm {prev.year}", f"năm {year}")
    return doc


def _letter_table(symbol: str) -> Any:
    table = tomlkit.table()
    table.add(
        tomlkit.comment("Công văn đề nghị báo cáo và công văn đôn đốc (lệnh qnreport letter).")
    )
    table.add("symbol", symbol)
    table.add("distribution", list(LETTER_DISTRIBUTION))
    return table


def _comments_renamed(text: str, old: str, new: str) -> str:
    """Comment lines that name the previous round name the new one."""
    return "\n".join(
        line.replace(old, new) if line.lstrip().startswith("#") else line
        for line in text.split("\n")
    )


def _round_document(
    *,
    round_id: str,
    outline_id: str,
    title: str,
    year: int,
    request_number: str,
    request_date: dt.date,
    deadline: dt.date,
    due_before: dt.date | None,
    period: tuple[dt.date, dt.date],
    contact: str,
    previous: str,
    carried: dict[str, Decimal],
    source: str,
) -> str:
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Đợt báo cáo: {title}."))
    doc.add("id", round_id)
    doc.add("outline", outline_id)
    doc.add("year", year)
    doc.add(tomlkit.comment("Công văn đề nghị báo cáo: văn thư cấp số khi ký; ghi số vào đây."))
    doc.add("request_number", request_number)
    doc.add(tomlkit.comment("Ngày công văn và hạn gửi báo cáo: dự kiến, sửa theo công văn đã ký."))
    doc.add("request_date", request_date)
    if due_before is not None:
        doc.add(
            tomlkit.comment('Hạn gửi như văn bản ghi "trước ngày ...": ngày này đã là sau hạn.')
        )
        doc.add("due_before", due_before)
    else:
        doc.add("deadline", deadline)
    doc.add(
        tomlkit.comment("Thời gian chốt số liệu (Nghị định 09/2019/NĐ-CP, Điều 12): 15/12-14/12.")
    )
    doc.add("period_start", period[0])
    doc.add("period_end", period[1])
    doc.add("contact", contact)
    if previous:
        doc.add(tomlkit.comment("Đợt năm trước: số tổng hợp của đợt này điền sẵn cột năm trước."))
        doc.add("previous", previous)
    if carried:
        table = tomlkit.table()
        table.add(tomlkit.comment(f"Số tổng hợp năm {year - 1} theo {source}."))
        table.add(
            tomlkit.comment("Sửa được; xóa một dòng thì cột năm trước của chỉ tiêu đó để trống.")
        )
        for code, value in carried.items():
            table.add(code, tomlkit.item(float(value)) if value != int(value) else int(value))
        doc.add(tomlkit.nl())
        doc.add("nam_truoc", table)
    return tomlkit.dumps(doc)


def _todo(
    round_id: str,
    request_date: dt.date,
    deadline: dt.date,
    report_file: Path,
    project: Project,
    symbol: str,
    key: str = "deadline",
) -> list[str]:
    """The fields a clerk must still decide, in Vietnamese, one line each."""
    lines = [
        f"Số công văn đề nghị báo cáo: hiện là '{PLACEHOLDER}/{symbol}'; văn thư cấp số khi ký, "
        f"ghi vào request_number trong inputs/{round_id}/{ROUND_FILE} trước khi phát biểu mẫu.",
        f"Ngày công văn (dự kiến {short_date(request_date)}) và hạn gửi báo cáo (dự kiến "
        f"{'trước ngày ' if key == 'due_before' else ''}{short_date(deadline)}"
        f"{_weekend(deadline)}): sửa request_date, {key} nếu khác.",
        f"Số và ngày báo cáo tổng hợp, người ký: {_rel(report_file, project)} (number, date, "
        "[signer]); hoặc --number, --date khi lập báo cáo.",
    ]
    return lines


def _weekend(date: dt.date) -> str:
    day = {5: "thứ Bảy", 6: "Chủ nhật"}.get(date.weekday())
    return f", rơi vào {day}" if day else ""


def _rel(path: Path, project: Project) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


def describe(result: NewRound) -> list[str]:
    """What ``round new`` prints: what was made, then what is left to fill in."""
    lines = [
        f"Đã tạo đợt {result.round_id} (năm {result.year}, đề cương {result.outline_id}):",
        f"- {result.round_file}",
        f"- {result.report_file}",
        f"Thời gian chốt số liệu: từ ngày {short_date(result.period_start)} đến ngày "
        f"{short_date(result.period_end)}.",
    ]
    if result.carried:
        figures = ", ".join(f"{c} = {format_number(v)}" for c, v in result.carried.items())
        lines.append(f"Số năm {result.year - 1} điền sẵn vào biểu mẫu: {figures}.")
    lines.append("Cần điền thêm:")
    lines.extend(f"- {line}" for line in result.todo)
    return lines
