"""Reports a rebuild replaces are kept in ``history/``, never thrown away."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..files import sha256_file


def keep_history(report: Path, history: Path, built_at: str) -> Path | None:
    """Move the report a rebuild replaces into history/, named by build time and hash."""
    if not report.is_file():
        return None
    history.mkdir(parents=True, exist_ok=True)
    stamp = re.sub(r"[^0-9T]", "", built_at)[:15] or "truoc"
    target = history / f"{stamp}_{sha256_file(report)[:12]}_{report.name}"
    if not target.exists():
        shutil.copy2(report, target)
    return target
