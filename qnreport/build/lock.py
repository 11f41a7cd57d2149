"""One build per round at a time: a second one is refused with a clear message."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import LockedError


@contextlib.contextmanager
def round_lock(folder: Path, round_id: str) -> Iterator[None]:
    """One build per round at a time; the second is refused with a clear message."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".lock"
    fh: IO[str] = path.open("a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise LockedError(
                f"Đợt {round_id} đang được lập bởi một tiến trình khác (PID {holder}). "
                "Hãy đợi tiến trình đó xong rồi chạy lại."
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.close()
