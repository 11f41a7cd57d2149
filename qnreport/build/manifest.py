"""What one build used and produced: ``build.json`` in the round's output folder.

A build whose sources (inputs, templates, options, version) and outputs match the last
manifest writes nothing. Decisions are made on content hashes, never on file times.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config.project import Project
from ..files import sha256_file, write_text_atomic

MANIFEST = "build.json"


@dataclass
class Manifest:
    """What one build used and produced, and a snapshot of its figures for the change log."""

    inputs: dict[str, str]
    templates: dict[str, str]
    version: str
    options: dict[str, str]
    outputs: dict[str, str]
    snapshot: dict[str, Any]
    built_at: str = ""
    # What the last build generated in each region the clerk may edit, and outside them
    # (see build/edits.py), and the kept regions' data as of the clerk's edit.
    regions: dict[str, str] = field(default_factory=dict)
    outside: str = ""
    edited: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None

    def save(self, path: Path) -> None:
        write_text_atomic(
            path, json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True)
        )

    def outputs_intact(
        self, out_dir: Path, names: Mapping[str, str], *, edited: Iterable[str] = ()
    ) -> bool:
        """Every output this manifest recorded is still there, byte for byte; those named
        in ``edited`` (a report the clerk edited) only need to be there."""
        return bool(self.outputs) and all(
            (out_dir / names[key]).is_file()
            and (key in edited or sha256_file(out_dir / names[key]) == digest)
            for key, digest in self.outputs.items()
        )

    def same_sources(self, other: Manifest) -> bool:
        return (
            self.inputs == other.inputs
            and self.templates == other.templates
            and self.version == other.version
            and self.options == other.options
        )


def keyed_by_path(digests: Mapping[Path, str], root: Path) -> dict[str, str]:
    """Digests keyed as the manifest records them: relative to ``root`` where possible."""
    return {
        str(p.relative_to(root)) if p.is_relative_to(root) else str(p): digests[p]
        for p in sorted(digests)
    }


def template_digests(project: Project) -> dict[str, str]:
    """Every file under ``templates/`` that a build reads: a change to any rebuilds."""
    files = sorted(
        p
        for p in project.templates.rglob("*")
        if p.is_file() and not p.name.startswith((".", "~$"))
    )
    return keyed_by_path({p: sha256_file(p) for p in files}, project.root)


def now_iso() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()
