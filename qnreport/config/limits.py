"""Limits on submitted files, set by the clerk in ``templates/limits.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files import read_toml


@dataclass(frozen=True)
class Limits:
    """Documented in the README and set in ``templates/limits.toml``."""

    max_file_bytes: int = 20 * 2**20
    max_unzipped_bytes: int = 200 * 2**20
    max_ratio: float = 200
    max_parts: int = 2000
    max_cells: int = 200_000

    @classmethod
    def load(cls, path: Path) -> Limits:
        if not path.is_file():
            return cls()
        data = read_toml(path)
        return cls(
            max_file_bytes=int(float(data.get("max_file_mb", 20)) * 2**20),
            max_unzipped_bytes=int(float(data.get("max_unzipped_mb", 200)) * 2**20),
            max_ratio=float(data.get("max_ratio", 200)),
            max_parts=int(data.get("max_parts", 2000)),
            max_cells=int(data.get("max_cells", 200_000)),
        )
