"""``qnreport users`` and ``qnreport serve``: thin commands over the portal's store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_support import portal_project

from qnreport.cli import cli
from qnreport.config.project import Project
from qnreport.web.security import verify_password
from qnreport.web.store import Store, database_url


@pytest.fixture
def portal(tmp_path: Path) -> Project:
    return portal_project(tmp_path / "project")


def run(portal: Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(portal.root), *args])
    return result.exit_code, result.output


def password_of(output: str) -> str:
    found = re.search(r"^Mật khẩu: (\S+)$", output, re.M)
    assert found, output
    return found.group(1)


def test_accounts_are_added_listed_and_reset_with_printed_passwords(portal: Project) -> None:
    code, out = run(portal, "users", "add", "sct", "--agency", "SCT")
    assert code == 0 and out.startswith("Đã tạo tài khoản sct (agency SCT).\n")
    first = password_of(out)
    code, out = run(portal, "users", "add", "van-thu", "--role", "clerk")
    assert code == 0
    assert run(portal, "users", "list") == (0, "sct\tagency\tSCT\nvan-thu\tclerk\t\n")
    code, out = run(portal, "users", "reset", "sct")
    assert code == 0 and out.startswith("Đã đặt lại mật khẩu của sct.\n")
    second = password_of(out)
    store = Store(portal, database_url(portal, None))
    acct = store.account("sct")
    assert acct is not None and second != first
    assert verify_password(acct.password_hash, second) and not verify_password(
        acct.password_hash, first
    )
    assert (portal.outputs / "web" / "portal.db").is_file()


def test_account_mistakes_are_usage_errors_in_vietnamese(portal: Project, tmp_path: Path) -> None:
    db = str(tmp_path / "khac.db")
    code, out = run(portal, "users", "add", "x", "--agency", "KHONGCO", "--db", db)
    assert code == 2 and "Cần --agency là một mã trong danh sách cơ quan (có: KHONGCO)." in out
    code, out = run(portal, "users", "add", "c", "--role", "clerk", "--agency", "SCT", "--db", db)
    assert code == 2 and "Tài khoản clerk không gắn với cơ quan: bỏ --agency." in out
    assert run(portal, "users", "add", "sct", "--agency", "SCT", "--db", db)[0] == 0
    code, out = run(portal, "users", "add", "sct", "--agency", "SCT", "--db", db)
    assert code == 2 and "Đã có tài khoản sct; dùng 'users reset' để đặt lại mật khẩu." in out
    code, out = run(portal, "users", "reset", "ai-do", "--db", db)
    assert code == 2 and "Không có tài khoản ai-do." in out
    assert not (portal.outputs / "web" / "portal.db").exists()


def test_serve_and_users_help_are_in_vietnamese(portal: Project) -> None:
    code, out = run(portal, "serve", "--help")
    assert code == 0
    for line in (
        "Chạy cổng tiếp nhận báo cáo",
        "--host TEXT",
        "Địa chỉ lắng nghe.",
        "--db CSDL",
        "--secure-cookie",
        "Hiện hướng dẫn này rồi thoát.",
    ):
        assert line in out
    code, out = run(portal, "users", "--help")
    assert code == 0 and "add" in out and "Tạo tài khoản" in out and "Các lệnh" in out
