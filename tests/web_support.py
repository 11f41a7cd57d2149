"""Helpers for the portal's tests: a project of its own, a server on it, signed-in clients.

The portal writes into ``inputs/<round>/``: every test gets a copy of the project's
templates and of one round's ``round.toml`` (without the sample replies), so the round
folder holds exactly what the portal accepted.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from starlette.testclient import TestClient

from qnreport.config.project import Project
from qnreport.web.security import hash_password
from qnreport.web.store import Store

ROOT = Path(__file__).parents[1]
PASSWORD = "mat-khau-thu"


def portal_project(folder: Path, round_id: str = "cn-2023", deadline: str | None = None) -> Project:
    """A project with the repository's templates and one empty round (its deadline
    replaced when given, as ``2099-12-31``)."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    round_dir = folder / "inputs" / round_id
    round_dir.mkdir(parents=True)
    text = (ROOT / "inputs" / round_id / "round.toml").read_text(encoding="utf-8")
    if deadline:
        text = re.sub(r"(?m)^deadline = .*$", f"deadline = {deadline}", text)
    (round_dir / "round.toml").write_text(text, encoding="utf-8")
    return Project(folder)


def add_accounts(store: Store, *agencies: str) -> None:
    """One clerk ("clerk") and one account per agency code, named by the code in lower case."""
    store.add_account("clerk", "clerk", None, hash_password(PASSWORD))
    for code in agencies:
        store.add_account(code.lower(), "agency", code, hash_password(PASSWORD))


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "page without a CSRF field"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in and return the CSRF token of the page reached."""
    token = csrf_of(client.get("/dang-nhap").text)
    reply = client.post(
        "/dang-nhap", data={"username": username, "password": password, "csrf": token}
    )
    assert reply.status_code == 200, reply.text
    return csrf_of(reply.text)


def page_text(html: str) -> str:
    """The words of a page as a person reads them (tags dropped, spaces collapsed)."""
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
