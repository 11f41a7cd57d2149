"""The finding catalogue and the code agree: every code the package emits has its wording
and level in ``templates/findings.toml``, and every entry there is emitted somewhere.

The package's sources are read as syntax trees, so a code is found where it is passed,
not wherever an upper-case string happens to appear.
"""

from __future__ import annotations

import ast
import re
import string
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from qnreport.errors import ConfigError
from qnreport.findings import Catalogue

ROOT = Path(__file__).parents[1]
CATALOGUE = Catalogue.load(ROOT / "templates" / "findings.toml")
_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
_VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")

# Calls that emit a finding code as their first argument, and where their variant is
# when it is not given as ``variant=``.
# ``add`` counts only as ``self.add`` (the file check's), not a set's or a list's.
_EMITTERS = {"make": None, "add": None, "Unreadable": None, "_invalid": 1, "Note": 2}


def _emitter(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        name = func.id
    elif isinstance(func, ast.Attribute):
        name = func.attr
        if name == "add" and not (isinstance(func.value, ast.Name) and func.value.id == "self"):
            return ""
    else:
        return ""
    return name if name in _EMITTERS and call.args else ""


def _constants(expr: ast.expr, scope: ast.FunctionDef) -> set[str] | None:
    """The strings an argument can be: literals, either side of ``a if c else b``, or what
    the enclosing function assigns to a local name; None when it cannot be told."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        body, orelse = _constants(expr.body, scope), _constants(expr.orelse, scope)
        return None if body is None or orelse is None else body | orelse
    if isinstance(expr, ast.Name):
        found: set[str] = set()
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == expr.id for t in node.targets
            ):
                values = _constants(node.value, scope)
                if values is None:
                    return None
                found |= values
        return found or None
    return None


def _forwarded(expr: ast.expr, scope: ast.FunctionDef) -> bool:
    """``exc.code``, or a parameter of an emitter passed on: checked where it was made."""
    if isinstance(expr, ast.Attribute) and expr.attr == "code":
        return True
    params = {a.arg for a in scope.args.args + scope.args.kwonlyargs}
    return isinstance(expr, ast.Name) and expr.id in params and scope.name in _EMITTERS


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, ast.FunctionDef]]:
    """Every call inside a function, with its innermost function."""

    def visit(
        node: ast.AST, scope: ast.FunctionDef | None
    ) -> Iterator[tuple[ast.Call, ast.FunctionDef]]:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef) else scope
            if isinstance(child, ast.Call) and inner is not None:
                yield child, inner
            yield from visit(child, inner)

    yield from visit(tree, None)


def _emitted() -> Iterator[tuple[str, int, str, set[str] | None, set[str] | None]]:
    """(file, line, call, codes, variants) for every emitting call in the package."""
    for path in sorted((ROOT / "qnreport").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call, scope in _calls(tree):
            name = _emitter(call)
            if not name or _forwarded(call.args[0], scope):
                continue
            codes = _constants(call.args[0], scope)
            at = _EMITTERS[name]
            given = [k.value for k in call.keywords if k.arg == "variant"]
            if at is not None:
                given += call.args[at : at + 1]
            variants: set[str] | None = set()
            if given and not _forwarded(given[0], scope):
                variants = _constants(given[0], scope)
            where = path.relative_to(ROOT).as_posix()
            yield where, call.lineno, name, codes, variants


EMITTED = list(_emitted())
USED = {code for *_, codes, _ in EMITTED for code in codes or ()}


def test_every_code_in_use_has_an_entry() -> None:
    unclear = [(f, line, call) for f, line, call, codes, _ in EMITTED if codes is None]
    assert unclear == [], "finding codes the test cannot read; pass a literal code"
    missing = sorted(
        (code, f"{f}:{line}")
        for f, line, _, codes, _ in EMITTED
        for code in codes or ()
        if code not in CATALOGUE.codes()
    )
    assert missing == []


def test_every_variant_in_use_has_a_wording() -> None:
    missing = []
    for f, line, _, codes, variants in EMITTED:
        assert variants is not None, f"{f}:{line}: variant the test cannot read"
        for code in codes or ():
            missing += [
                (code, v, f"{f}:{line}")
                for v in variants
                if v and v not in CATALOGUE.variants(code)
            ]
    assert missing == []


def test_every_entry_is_used() -> None:
    assert sorted(set(CATALOGUE.codes()) - USED) == []


def test_the_scan_finds_the_readers_and_the_checks() -> None:
    # Guards the scan itself: a code from each kind of emitter is seen.
    assert {"FILE_EMPTY", "FILE_CORRUPT", "NOT_TEMPLATE", "SUPERSEDED", "DUPLICATE_FILE"} <= USED
    assert {"VALUE_NOT_NUMBER", "NUMBER_AMBIGUOUS", "NUMBER_HAS_UNIT", "DATE_UNLIKELY"} <= USED


def test_every_variant_is_used() -> None:
    used = {
        (code, v) for *_, codes, variants in EMITTED for code in codes or () for v in variants or ()
    }
    unused = [
        (code, v)
        for code in CATALOGUE.codes()
        for v in CATALOGUE.variants(code)
        if (code, v) not in used
    ]
    assert unused == []


@pytest.mark.parametrize("code", CATALOGUE.codes())
def test_entry_is_a_leveled_vietnamese_sentence(code: str) -> None:
    assert _CODE.fullmatch(code)
    level = CATALOGUE.level(code)
    assert level.name in ("ERROR", "WARNING")
    for variant in ["", *CATALOGUE.variants(code)]:
        wording = CATALOGUE.wording(code, variant)
        assert _VIETNAMESE.search(wording.lower()), (code, variant)
        assert wording == unicodedata.normalize("NFC", wording)
        assert wording.rstrip().endswith((".", ")", '"')), (code, variant)
        for _, name, spec, _ in string.Formatter().parse(wording):  # well-formed placeholders
            assert name is None or (name.isidentifier() and not spec), (code, variant, name)


@pytest.mark.parametrize(
    "entry",
    [
        'level = "lỗi"\nmessage = "Sai."',
        'level = "error"',
        'level = "error"\nmessage = "Sai."\nvariants.date = ""',
        'level = "error"\nmessage = "Sai."\nvariants = "Sai nữa."',
    ],
)
def test_a_malformed_entry_is_refused_when_loading(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "findings.toml"
    path.write_text(f"[VALUE_NOT_NUMBER]\n{entry}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mục \[VALUE_NOT_NUMBER\] cần 'level'"):
        Catalogue.load(path)
