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
    # Bytes of the sheets actually read and of the shared strings they use: a parsed tree
    # costs about 2.5 times its XML, and this keeps a file's reading within ~300 MB.
    max_read_bytes: int = 60 * 2**20

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
            max_read_bytes=int(float(data.get("max_read_mb", 60)) * 2**20),
        )
