"""The package's layout rule: one room per pipeline stage, imports pointing one way.

    cli → web → build / round → report → check → read / template → config → base

A module may import the base modules, any module of its own room, and the rooms below
its own; never a room beside it or above it. Every import counts, also the ones made
inside a function or under ``TYPE_CHECKING``: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "qnreport"

# Rank of each room; "" is the base (the top-level modules other than the shells).
RANKS = {
    "": 0,
    "config": 1,
    "read": 2,
    "template": 2,
    "check": 3,
    "report": 4,
    "build": 5,
    "round": 5,
    "cli": 7,
    "web": 6,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    """``qnreport.check.batch`` → ``check``; ``qnreport.files`` → "" (base)."""
    parts = module.split(".")
    if len(parts) == 1:
        return ""
    if (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return parts[1] if parts[1] in RANKS else ""


def imports_of(path: Path) -> set[str]:
    """Every qnreport module ``path`` imports, resolved to its full name."""
    name = module_name(path)
    source = path.read_text(encoding="utf-8")
    return imports_in(source, name, is_package=path.name == "__init__.py")


def imports_in(source: str, name: str, *, is_package: bool = False) -> set[str]:
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("qnreport"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("qnreport"):
                continue
            for alias in node.names:  # "from . import nd30" imports a module
                sub = f"{target}.{alias.name}"
                found.add(sub if _is_module(sub) else target)
    found.discard(name)
    return found


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").is_file() or (PACKAGE / rel).is_dir()


@functools.cache
def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_room_has_a_rank_and_a_docstring_saying_what_it_may_import() -> None:
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()):
        assert folder.name in RANKS, f"{folder.name}: new room, give it a rank here"
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, f"{folder.name}/__init__.py"


def wrong_way(module: str, targets: set[str]) -> list[str]:
    """The imports of ``module`` that go to a room beside or above its own."""
    mine = room(module)
    return [t for t in sorted(targets) if room(t) != mine and RANKS[room(t)] >= RANKS[mine]]


@pytest.mark.parametrize("module", sorted(graph()))
def test_imports_point_down_the_pipeline(module: str) -> None:
    assert wrong_way(module, graph()[module]) == [], f"{module} imports a room beside or above"


def find_cycle(deps: dict[str, set[str]]) -> list[str] | None:
    """A cycle of imports, as the list of modules around it, or None.

    Importing a package runs its ``__init__``, which may re-export its own modules: an edge
    from a module to its own package is not a cycle of meaning and is skipped."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(deps.get(node, ())):
            if node.startswith(nxt + "."):
                continue
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(deps):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycle() -> None:
    assert find_cycle(graph()) is None


def test_a_cycle_is_found_and_named() -> None:
    deps = {"q.a": {"q.b"}, "q.b": {"q.c"}, "q.c": {"q.a"}, "q.d": {"q"}, "q": {"q.d"}}
    assert find_cycle(deps) == ["q.a", "q.b", "q.c", "q.a"]
    assert find_cycle({"q.d": {"q"}, "q": {"q.d"}}) is None


def test_the_rule_sees_upward_sideways_and_lazy_imports() -> None:
    source = (
        "from ..report import consolidate\n"
        "from ..template.workbook import build_template\n"
        "from .values import read_number\n"
        "def later():\n"
        "    from qnreport.build import pipeline\n"
    )
    targets = imports_in(source, "qnreport.read.sheetbook")
    assert targets == {
        "qnreport.report.consolidate",
        "qnreport.template.workbook",
        "qnreport.read.values",
        "qnreport.build.pipeline",
    }
    assert wrong_way("qnreport.read.sheetbook", targets) == [
        "qnreport.build.pipeline",
        "qnreport.report.consolidate",
        "qnreport.template.workbook",
    ]
