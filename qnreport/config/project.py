"""Where a qnreport project keeps its data: templates/, inputs/, outputs/.

Commands run from the project folder (the one holding ``templates/``); ``--project`` or
the ``QNREPORT_HOME`` environment variable point elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest folder at or above ``start`` that holds ``templates/agencies.toml``."""
        env = os.environ.get("QNREPORT_HOME")
        if start is None and env:
            start = Path(env)
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "templates" / "agencies.toml").is_file():
                return cls(folder)
        raise ConfigError(
            f"Không tìm thấy thư mục dự án (thư mục chứa templates/agencies.toml) tại {here} "
            "hoặc các thư mục cha. Hãy chạy lệnh trong thư mục dự án, hoặc dùng --project."
        )
