"""Problems found in users' data, as values that travel to the clerk and the report.

A finding is never raised: readers and checks return them, and the CLI, the annotated
copy and the build decide what to do with them. Exceptions are kept for bugs and the
environment (see ``errors.py``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path


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


@dataclass(frozen=True)
class Note:
    """A finding before it is worded: its code, the values its message quotes, and which
    of the code's wordings fits (``variant``, "" for the main one). Readers that know no
    catalogue (``read.values``) return notes; the catalogue words them into findings."""

    code: str
    values: Mapping[str, object] = field(default_factory=dict, hash=False)
    variant: str = ""


class Catalogue:
    """Finding wording and levels from ``templates/findings.toml``, so a clerk can reword a
    message or downgrade a rule without touching code.

    An entry may have ``variants``: other wordings of the same code, for cases that need a
    different sentence (a date where a number should be) but the same code for tools.
    """

    def __init__(self, entries: dict[str, dict[str, object]]) -> None:
        self._entries = entries

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        from .errors import ConfigError
        from .files import read_toml

        data = read_toml(path)
        for code, entry in data.items():
            variants = entry.get("variants", {})
            if (
                entry.get("level") not in ("error", "warning")
                or not entry.get("message")
                or not isinstance(variants, dict)
                or not all(isinstance(v, str) and v for v in variants.values())
            ):
                raise ConfigError(
                    f"{path}: mục [{code}] cần 'level' (error/warning) và 'message'"
                    " (và các 'variants' nếu có phải là câu chữ)."
                )
        return cls(data)

    def codes(self) -> list[str]:
        return list(self._entries)

    def variants(self, code: str) -> dict[str, str]:
        """The other wordings of ``code`` by name (empty for most codes)."""
        variants = self._entry(code).get("variants", {})
        assert isinstance(variants, dict)
        return variants

    def level(self, code: str) -> Level:
        return Level.ERROR if self._entry(code)["level"] == "error" else Level.WARNING

    def make(
        self,
        code: str,
        *,
        sheet: str = "",
        cell: str = "",
        label: str = "",
        variant: str = "",
        **values: object,
    ) -> Finding:
        note = Note(code, values, variant)
        return self.make_from((note,), sheet=sheet, cell=cell, label=label)

    def make_from(
        self, notes: Sequence[Note], *, sheet: str = "", cell: str = "", label: str = ""
    ) -> Finding:
        """One finding for all that is said about one cell: the first note gives the code
        and the level, and the messages follow one another in order."""
        message = " ".join(self._word(note, sheet, label) for note in notes)
        code = notes[0].code
        return Finding(self.level(code), code, message, sheet=sheet, cell=cell, label=label)

    def _entry(self, code: str) -> dict[str, object]:
        entry = self._entries.get(code)
        if entry is None:
            raise KeyError(f"finding code {code} is not in the catalogue")
        return entry

    def wording(self, code: str, variant: str = "") -> str:
        """The message of ``code`` with its ``{placeholders}`` still in."""
        if variant:
            return self.variants(code)[variant]
        return str(self._entry(code)["message"])

    def _word(self, note: Note, sheet: str, label: str) -> str:
        text = self.wording(note.code, note.variant)
        return text.format_map(_Defaulting({"label": label, "sheet": sheet, **note.values}))


class _Defaulting(dict[str, object]):
    """A missing placeholder shows as "?" rather than failing the whole validation."""

    def __missing__(self, key: str) -> object:
        return "?"
