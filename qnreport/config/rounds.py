"""A reporting round: a folder of ``inputs/`` with its ``round.toml``.

The round names its outline and year, the request letter it answers, the deadline and
the data period. :func:`open_round` loads everything a command needs about one round.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import ConfigError, UsageError
from ..files import read_toml, write_text_atomic
from ..vntext import short_date
from .outline import Outline, load_outline
from .project import Project
from .registry import Registry, load_registry

ROUND_FILE = "round.toml"


@dataclass(frozen=True)
class Round:
    id: str
    outline_id: str
    year: int
    request_number: str
    request_date: dt.date
    #: The last day a reply counts as on time.
    deadline: dt.date
    period_start: dt.date
    period_end: dt.date
    contact: str
    folder: Path
    # The round this one follows, and last year's consolidated figures by indicator code
    # (``[nam_truoc]``, copied from that round's build record by ``qnreport round new``).
    previous: str = ""
    carried: dict[str, Decimal] = field(default_factory=dict, hash=False, compare=False)
    #: Files of the folder the clerk leaves out of the report as a whole (names or paths
    #: relative to the folder): a reply withdrawn, or sent to the wrong round.
    exclude: tuple[str, ...] = ()
    #: When the governing document words its deadline "trước ngày 10/12" (KH 222, Mục
    #: VII.1): that date, which is itself late (``deadline`` is the day before). None when
    #: the round's deadline is a last day ("chậm nhất ngày 20/12/2023").
    due_before: dt.date | None = None

    @property
    def due_words(self) -> str:
        """The deadline as the round's letters and templates word it: "chậm nhất ngày
        20/12/2023", or the plan's own "trước ngày 10/12/2024"."""
        if self.due_before is not None:
            return f"trước ngày {short_date(self.due_before)}"
        return f"chậm nhất ngày {short_date(self.deadline)}"

    @property
    def due_label(self) -> str:
        """The deadline after "hạn gửi:": "20/12/2023", or "trước ngày 10/12/2024"."""
        return self.due_words if self.due_before is not None else short_date(self.deadline)


@dataclass(frozen=True)
class RoundContext:
    """Everything about one round that templates, validation and builds read."""

    project: Project
    round: Round
    registry: Registry
    outline: Outline


def _date(data: dict[str, object], key: str, path: Path) -> dt.date:
    value = data.get(key)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ConfigError(f"{path}: '{key}' phải là một ngày, viết dạng 2023-12-08 (năm-tháng-ngày).")


def load_round(folder: Path) -> Round:
    path = folder / ROUND_FILE
    data = read_toml(path)
    for key in ("id", "outline", "year"):
        if key not in data:
            raise ConfigError(f"{path}: thiếu khóa '{key}'.")
    year = int(data["year"])
    # Nghị định 09/2019, Điều 12: a yearly report covers 15/12 of the previous year to 14/12.
    data.setdefault("period_start", dt.date(year - 1, 12, 15))
    data.setdefault("period_end", dt.date(year, 12, 14))
    due_before = _due_before(data, path)
    if due_before is not None:
        data["deadline"] = due_before - dt.timedelta(days=1)
    return Round(
        id=str(data["id"]),
        outline_id=str(data["outline"]),
        year=year,
        request_number=str(data.get("request_number", "")),
        request_date=_date(data, "request_date", path),
        deadline=_date(data, "deadline", path),
        period_start=_date(data, "period_start", path),
        period_end=_date(data, "period_end", path),
        contact=str(data.get("contact", "")),
        folder=folder,
        previous=str(data.get("previous", "")),
        carried=_carried(data.get("nam_truoc", {}), path),
        exclude=_names(data, "exclude", path),
        due_before=due_before,
    )


def _due_before(data: dict[str, object], path: Path) -> dt.date | None:
    """``due_before``: the deadline as a plan words it, "trước ngày ..."; the round's last
    on-time day is the day before. One of ``deadline`` and ``due_before``, not both."""
    if "due_before" not in data:
        return None
    if "deadline" in data:
        raise ConfigError(
            f"{path}: chỉ ghi một trong hai khóa 'deadline' (hạn gửi là ngày cuối, \"chậm "
            f'nhất ngày ...") và \'due_before\' (văn bản ghi "trước ngày ...").'
        )
    return _date(data, "due_before", path)


def _carried(table: object, path: Path) -> dict[str, Decimal]:
    """``[nam_truoc]``: indicator code = last year's consolidated figure (a number)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: 'nam_truoc' phải là một bảng [nam_truoc].")
    values: dict[str, Decimal] = {}
    for code, value in table.items():
        try:
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise InvalidOperation
            values[str(code)] = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            raise ConfigError(
                f"{path}: [nam_truoc] {code} = {value!r} không phải là một số."
            ) from None
    return values


def _names(data: dict[str, object], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{path}: '{key}' phải là danh sách tên tệp, ví dụ [\"CTK_lan1.xlsx\"].")
    return tuple(x.strip() for x in value if x.strip())


EXCLUDE_COMMENT = "# Tệp không dùng khi lập báo cáo (tệp bị trả lại, gửi nhầm đợt...)."


def exclude_file(folder: Path, name: str) -> bool:
    """Add ``name`` to the ``exclude`` list of the round's round.toml, so that builds leave
    that file out (it stays in the folder); the rest of the file, comments included, is
    kept as the clerk wrote it. False when the name was already listed."""
    import tomlkit

    path = folder / ROUND_FILE
    text = path.read_text(encoding="utf-8")
    before = tomllib.loads(text)
    listed = _names(before, "exclude", path)
    if name in listed:
        return False
    doc = tomlkit.parse(text)
    if "exclude" in doc:
        doc["exclude"].append(name)
        new = tomlkit.dumps(doc)
    else:
        new = _with_exclude(text, name)
    expected = {**before, "exclude": [*before.get("exclude", []), name]}
    if tomllib.loads(new) != expected:  # a layout the line edit misread: tomlkit decides
        doc = tomlkit.parse(text)
        doc["exclude"] = [name]
        new = tomlkit.dumps(doc)
    write_text_atomic(path, new)
    return True


def _with_exclude(text: str, name: str) -> str:
    """``text`` with an ``exclude`` line added among the top-level keys: before the first
    table and the comments that introduce it, or at the end."""
    lines = text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
    while at > 0 and lines[at - 1].startswith("#"):
        at -= 1
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    added = [EXCLUDE_COMMENT + "\n", f"exclude = [{_toml_string(name)}]\n"]
    if at < len(lines):
        added.append("\n")
    return "".join(lines[:at] + added + lines[at:])


def _toml_string(value: str) -> str:
    import tomlkit

    return tomlkit.string(value).as_string()


def list_rounds(project: Project) -> list[str]:
    if not project.inputs.is_dir():
        return []
    return sorted(p.parent.name for p in project.inputs.glob(f"*/{ROUND_FILE}"))


def default_round(project: Project) -> str:
    """The project's only round, or the one its round.toml marks ``current = true``; with
    several and none marked, the clerk must say which (never a guess)."""
    rounds = list_rounds(project)
    if not rounds:
        raise ConfigError(
            f"Không có đợt báo cáo nào trong {project.inputs} (cần inputs/<đợt>/round.toml)."
        )
    current = [r for r in rounds if read_toml(project.inputs / r / ROUND_FILE).get("current")]
    if len(current) == 1:
        return current[0]
    if len(rounds) > 1:
        raise UsageError(
            f"Dự án có {len(rounds)} đợt báo cáo: {', '.join(rounds)}. Hãy chọn một đợt bằng "
            f"--round, ví dụ --round {rounds[-1]} (hoặc --all để lập mọi đợt)."
        )
    return rounds[0]


def open_round(project: Project, round_id: str | None = None) -> RoundContext:
    round_id = round_id or default_round(project)
    folder = project.inputs / round_id
    if not (folder / ROUND_FILE).is_file():
        known = ", ".join(list_rounds(project)) or "không có"
        raise UsageError(f"Không có đợt báo cáo '{round_id}' (các đợt hiện có: {known}).")
    rnd = load_round(folder)
    registry = load_registry(project.templates / "agencies.toml")
    outline_path = project.templates / "outlines" / f"{rnd.outline_id}.toml"
    if not outline_path.is_file():
        raise ConfigError(
            f"Đợt '{round_id}' dùng đề cương '{rnd.outline_id}' nhưng không có {outline_path}."
        )
    outline = load_outline(outline_path, registry, year=rnd.year)
    return RoundContext(project, rnd, registry, outline)


class RoundIndex:
    """The rounds of a project, each opened once when first asked for: checking a batch
    meets the same round in every file."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._known: list[str] | None = None
        self._contexts: dict[str, RoundContext | None] = {}

    def known(self) -> list[str]:
        if self._known is None:
            self._known = list_rounds(self.project)
        return self._known

    def get(self, round_id: str) -> RoundContext | None:
        """The round's context, or None when the project has no such round."""
        if round_id not in self._contexts:
            self._contexts[round_id] = (
                open_round(self.project, round_id) if round_id in self.known() else None
            )
        return self._contexts[round_id]
