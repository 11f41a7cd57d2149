"""Creating portal accounts and resetting their passwords: one set of rules for the
``qnreport users`` command and the clerk's accounts page.

A new password is random, returned once to be handed to its user, and only its argon2
hash is kept. Each refusal is an :class:`AccountError` whose ``kind`` lets each shell say
it in its own words (the command names its options, the page its fields).
"""

from __future__ import annotations

from ..config.registry import Registry, load_registry
from .security import hash_password, new_password
from .store import ROLES, Store

#: Kinds of :class:`AccountError`.
UNKNOWN_AGENCY = "unknown-agency"  # an agency account without a known agency code
CLERK_WITH_AGENCY = "clerk-with-agency"
EXISTS = "exists"
NO_SUCH_ACCOUNT = "no-such-account"
BAD_USERNAME = "bad-username"

USERNAME_MAX = 64  # the width of qn_accounts.username


class AccountError(Exception):
    def __init__(self, kind: str, subject: str) -> None:
        super().__init__(f"{kind}: {subject}")
        self.kind = kind
        self.subject = subject


def agencies(store: Store) -> Registry:
    """The agencies an account may belong to: the project's registry."""
    return load_registry(store.project.templates / "agencies.toml")


def create_account(store: Store, username: str, role: str, agency: str | None) -> str:
    """Add an account; returns its password (shown once, never stored)."""
    if not username or len(username) > USERNAME_MAX or any(c.isspace() for c in username):
        raise AccountError(BAD_USERNAME, username)
    if role not in ROLES:
        raise ValueError(f"role {role!r}")
    if role == "agency":
        if not agency or agency not in agencies(store):
            raise AccountError(UNKNOWN_AGENCY, agency or "")
    elif agency:
        raise AccountError(CLERK_WITH_AGENCY, agency)
    if store.account(username) is not None:
        raise AccountError(EXISTS, username)
    password = new_password()
    store.add_account(username, role, agency if role == "agency" else None, hash_password(password))
    return password


def reset_password(store: Store, username: str) -> str:
    """Give an account a new password (returned once); its open sessions end."""
    password = new_password()
    if not store.set_password(username, hash_password(password)):
        raise AccountError(NO_SUCH_ACCOUNT, username)
    return password
