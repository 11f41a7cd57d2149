"""Problems found in users' data, as values that travel to the clerk and the report.

A finding is never raised: readers and checks return them, and the CLI, the annotated
copy and the build decide what to do with them. Exceptions are kept for bugs and the
environment (see ``errors.py``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .vntext import xml_safe


class Level(enum.Enum):
    """ERROR keeps a file out of the report; WARNING lets it in but asks for a look."""

    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Finding:
    """One problem in one file, located as precisely as the file allows.

    ``code`` is stable, for tools (``VALUE_NOT_NUMBER``); ``message`` is the Vietnamese
    sentence for people: what is wrong and how to fix it.
    """

    level: Level
    code: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    label: str = ""

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def located(self, file: str) -> Finding:
        return replace(self, file=file)

    def as_dict(self) -> dict[str, str]:
        return {
            "level": self.level.name.lower(),
            "level_vi": self.level.value,
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "label": self.label,
            "message": self.message,
        }


def error(code: str, message: str, **where: str) -> Finding:
    return Finding(Level.ERROR, code, message, **where)


def warning(code: str, message: str, **where: str) -> Finding:
    return Finding(Level.WARNING, code, message, **where)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


class Catalogue:
    """Finding wording and levels from ``templates/findings.toml``, so a clerk can reword a
    message or downgrade a rule without touching code."""

    def __init__(self, entries: dict[str, dict[str, str]]) -> None:
        self._entries = entries

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        from .errors import ConfigError
        from .files import read_toml

        data = read_toml(path)
        for code, entry in data.items():
            if entry.get("level") not in ("error", "warning") or not entry.get("message"):
                raise ConfigError(f"{path}: mục [{code}] cần 'level' (error/warning) và 'message'.")
        return cls(data)

    def make(
        self, code: str, *, sheet: str = "", cell: str = "", label: str = "", **values: object
    ) -> Finding:
        entry = self._entries.get(code)
        if entry is None:
            raise KeyError(f"finding code {code} is not in the catalogue")
        level = Level.ERROR if entry["level"] == "error" else Level.WARNING
        message = entry["message"].format_map(
            _Defaulting({"label": label, "sheet": sheet, **values})
        )
        # A message quotes cells: it goes into annotated copies and reports as it is.
        message = xml_safe(message)
        return Finding(level, code, message, sheet=sheet, cell=cell, label=label)


class _Defaulting(dict[str, object]):
    """A missing placeholder shows as "?" rather than failing the whole validation."""

    def __missing__(self, key: str) -> object:
        return "?"
