"""Parsed submissions by content hash, so a rebuild reads only the files that changed.

Entries are JSON (never pickle: the files come from outside), keyed by the file's sha256
and by the templates and version that read it. Anything unreadable or from another version
is ignored and read again.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from ..files import write_text_atomic
from ..findings import Finding, Level
from ..read.submission import Submission, from_dict, to_dict

CACHE_FORMAT = 2  # 2: text without control characters (format 1 entries may hold them)


class Cache:
    """Parsed submissions by content hash, as JSON (never pickle: the files come from
    outside). Anything unreadable or from another version is ignored and rebuilt."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key  # outline digest + qnreport version: a change invalidates entries

    def _path(self, digest: str) -> Path:
        return self.folder / f"{digest}.json"

    def __contains__(self, digest: str) -> bool:
        return bool(digest) and self._path(digest).is_file()

    def get(self, digest: str) -> tuple[Submission | None, list[Finding]] | None:
        path = self._path(digest)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT or data.get("key") != self.key:
                return None
            sub = from_dict(data["submission"]) if data["submission"] is not None else None
            if sub is not None and sub.digest != digest:
                return None  # another file's entry (copied or renamed): not this file's
            findings = [
                Finding(
                    Level[f["level"].upper()],
                    f["code"],
                    f["message"],
                    "",
                    f["sheet"],
                    f["cell"],
                    f["label"],
                )
                for f in data["findings"]
            ]
        except Exception:  # whatever the damage (bad decimal, deep nesting...): a miss
            return None
        return sub, findings

    def put(self, digest: str, sub: Submission | None, findings: list[Finding]) -> None:
        data = {
            "format": CACHE_FORMAT,
            "key": self.key,
            "submission": to_dict(sub) if sub is not None else None,
            "findings": [f.as_dict() for f in findings],
        }
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self._path(digest), json.dumps(data, ensure_ascii=False))
