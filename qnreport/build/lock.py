"""One build per round at a time: a second one is refused with a clear message.

``filelock`` takes the lock the way the system allows (``flock`` on Linux and macOS,
``LockFileEx`` on Windows), so the tool runs where the clerks work. Windows locks the
lock file's first byte against reading too, so the holder's PID is kept beside it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import LockedError, OutputError
from ..files import write_failure

LOCK = ".lock"
HOLDER = ".lock-pid"


@contextlib.contextmanager
def round_lock(folder: Path, round_id: str) -> Iterator[None]:
    """One build per round at a time; the second is refused with a clear message."""
    lock = FileLock(folder / LOCK, timeout=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        try:
            holder = (folder / HOLDER).read_text(encoding="ascii").strip() or "?"
        except (OSError, UnicodeDecodeError):
            holder = "?"
        raise LockedError(
            f"Đợt {round_id} đang được lập bởi một tiến trình khác (PID {holder}). "
            "Hãy đợi tiến trình đó xong rồi chạy lại."
        ) from None
    except OSError as exc:  # the folder cannot be written: say so before any work is done
        raise OutputError(write_failure(exc, folder)) from exc
    try:
        with contextlib.suppress(OSError):  # only a courtesy for the one who waits
            (folder / HOLDER).write_text(str(os.getpid()), encoding="ascii")
        yield
    finally:
        lock.release()
