"""The report's labels (``templates/text/nhan.toml``) and the code agree: every label the
code asks for exists, every label there is asked for, and a missing one is a clear error.
"""

from __future__ import annotations

import ast
import string
import typing
import unicodedata
from pathlib import Path

import pytest

from qnreport.errors import ConfigError
from qnreport.files import read_toml
from qnreport.report.compose import LABELS_FILE, Labels
from qnreport.report.consolidate import Verdict

ROOT = Path(__file__).parents[1]
TEXT = ROOT / "templates" / "text"
ENTRIES = read_toml(TEXT / LABELS_FILE)
DEFINED = {f"{group}.{name}" for group, names in ENTRIES.items() for name in names}


def _asked_for() -> set[str]:
    """ "group.name" literals in the report package, where labels are looked up."""
    keys: set[str] = set()
    for path in sorted((ROOT / "qnreport" / "report").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                group, dot, name = node.value.partition(".")
                if dot and group in ENTRIES and name.isidentifier():
                    keys.add(node.value)
    return keys


ASKED = _asked_for()


def test_every_label_asked_for_exists() -> None:
    assert sorted(ASKED - DEFINED) == []


def test_every_label_is_used() -> None:
    # Verdicts are looked up by the consolidation's verdict, not by a literal.
    verdicts = {f"verdicts.{v}" for v in typing.get_args(Verdict)}
    assert {k for k in DEFINED if k.startswith("verdicts.")} == verdicts
    assert sorted(DEFINED - ASKED - verdicts) == []


@pytest.mark.parametrize("key", sorted(DEFINED))
def test_label_is_vietnamese_text(key: str) -> None:
    group, _, name = key.partition(".")
    text = ENTRIES[group][name]
    assert isinstance(text, str) and text.strip() == text and text
    assert text == unicodedata.normalize("NFC", text)
    for _, field, spec, _ in string.Formatter().parse(text):
        assert field is None or (field.isidentifier() and not spec), key


def test_labels_fill_their_placeholders() -> None:
    labels = Labels.load(TEXT)
    assert labels("columns.actual_of", year=2022) == "Thực hiện năm 2022"
    assert labels("verdicts.chưa đạt") == "Chưa đạt mục tiêu"


def test_a_missing_label_or_value_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / LABELS_FILE).write_text('[columns]\nactual_of = "Năm {nam}"\n', encoding="utf-8")
    labels = Labels.load(tmp_path)
    with pytest.raises(ConfigError, match=r"thiếu nhãn 'number' trong mục \[columns\]"):
        labels("columns.number")
    with pytest.raises(ConfigError, match=r"nhãn 'columns.actual_of' có chỗ điền sai \('nam'\)"):
        labels("columns.actual_of", year=2023)
