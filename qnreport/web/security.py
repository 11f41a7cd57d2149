"""Passwords, sign-in throttling and form tokens for the portal."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
import threading
import time
from collections import deque

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
# Each check of an argon2 hash takes its memory cost (64 MiB by default): a burst of 30
# sign-ins at once took 1.7 GB. At most two checks run at a time; the others wait.
_CHECKS = threading.BoundedSemaphore(2)
# Easy to read aloud or type from paper: no 0/O, 1/l/I.
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        with _CHECKS:
            return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_password(length: int = 12) -> str:
    """A random password the clerk hands to an agency (printed once, never stored)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def password_stamp(password_hash: str) -> str:
    """A short tag of the current password kept in the session: resetting a password
    ends the sessions opened with the old one."""
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str | None, given: object) -> bool:
    return (
        isinstance(expected, str)
        and isinstance(given, str)
        and bool(expected)
        and hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
    )


class LoginThrottle:
    """At most ``attempts`` failed sign-ins per user name and per address within
    ``window`` seconds (kept in memory: per server process)."""

    def __init__(self, attempts: int = 5, window: float = 600.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def wait_seconds(self, keys: list[str], now: float | None = None) -> float:
        """0 when a sign-in may be tried; otherwise how long until it may."""
        now = time.monotonic() if now is None else now
        waits = [
            self.window - (now - times[0])
            for key in keys
            if len(times := self._recent(key, now)) >= self.attempts
        ]
        return max(waits, default=0.0)

    def failed(self, keys: list[str], now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for key in keys:
            self._recent(key, now).append(now)

    def succeeded(self, keys: list[str]) -> None:
        for key in keys:
            self._failures.pop(key, None)
