"""Passwords and sign-in throttling of the portal."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from qnreport.web import security
from qnreport.web.security import LoginThrottle, hash_password, new_password, verify_password


def test_passwords_are_argon2_hashes_checked_against_the_right_password() -> None:
    password = new_password()
    stored = hash_password(password)
    assert stored.startswith("$argon2id$") and password not in stored
    assert verify_password(stored, password)
    assert not verify_password(stored, password + "x")
    assert not verify_password("not a hash", password)
    assert len(password) == 12 and not set(password) & set("0O1lI")


def test_at_most_two_password_checks_run_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each argon2 check takes 64 MiB: a burst of sign-ins must not take 64 MiB each."""
    running, peak, lock = [0], [0], threading.Lock()

    class SlowHasher:
        @staticmethod
        def verify(_stored: str, _password: str) -> bool:
            return slow_verify()

    def slow_verify() -> bool:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return True

    monkeypatch.setattr(security, "_HASHER", SlowHasher())
    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(lambda _i: verify_password("h", "p"), range(8)))
    assert peak[0] == 2


def test_throttle_counts_failures_in_a_sliding_window() -> None:
    throttle = LoginThrottle(attempts=3, window=60)
    keys = ["user:sct"]
    for t in (0.0, 10.0, 20.0):
        assert throttle.wait_seconds(keys, now=t) == 0
        throttle.failed(keys, now=t)
    assert throttle.wait_seconds(keys, now=30.0) == 30.0  # the first failure ages out at 60
    assert throttle.wait_seconds(keys, now=61.0) == 0
    throttle.failed(keys, now=61.0)
    throttle.succeeded(keys)
    assert throttle.wait_seconds(keys, now=62.0) == 0
