"""The portal in a real browser (Debian's chromium driven by Playwright) against a real
server on loopback: the agency's round from sign-in to a valid file, then the clerk's.

Screenshots of each page go to ``$QNREPORT_SCREENSHOTS`` when set (else the test's tmp
folder). Skipped with the reason when Playwright or /usr/bin/chromium is missing.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import WorkbookFactory
from web_support import PASSWORD, add_accounts, portal_project

from qnreport.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not CHROMIUM.is_file():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A uvicorn server on loopback over a project of its own; (base URL, project root)."""
    import uvicorn

    project = portal_project(tmp_path / "project", deadline="2099-12-31")
    app = create_app(project, f"sqlite:///{tmp_path / 'portal.db'}", workers=1)
    add_accounts(app.state.portal.store, "SCT")
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", project.root
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("QNREPORT_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_an_agency_sends_a_file_fixes_it_and_the_clerk_returns_it_and_builds(
    server: tuple[str, Path],
    browser: object,
    filled_workbook: WorkbookFactory,
    tmp_path: Path,
) -> None:
    base, root = server
    out = shots(tmp_path)
    broken = filled_workbook("SCT", values={"NGUOI_KY": None})
    fixed = filled_workbook("SCT")
    later = filled_workbook("SCT", values={"VB_NGAY": "16/12/2023"})

    agency = browser.new_context(
        accept_downloads=True, viewport={"width": 1200, "height": 900}, locale="vi-VN"
    )  # type: ignore[attr-defined]
    page = agency.new_page()
    page.goto(base + "/")
    page.screenshot(path=out / "1-dang-nhap.png", full_page=True)
    page.fill("input[name=username]", "sct")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(base + "/dot/cn-2023")
    assert "Hạn gửi báo cáo" in page.inner_text("main")
    page.screenshot(path=out / "2-trang-co-quan.png", full_page=True)

    with page.expect_download() as download:
        page.click("text=Tải biểu mẫu Excel")
    assert download.value.suggested_filename == "cn-2023_SCT.xlsx"
    blank = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "Thông tin chung" in blank.sheetnames

    page.set_input_files("input[type=file]", str(broken))
    page.click("button:has-text('Gửi và kiểm tra')")
    page.wait_for_url(re.compile(r".*/tep/\d+$"))
    assert page.inner_text(".verdict") == "Đã nhận, còn 1 lỗi cần sửa"
    first = page.locator("section.findings").first
    assert first.locator("h2").inner_text() == "Thông tin chung"
    row = first.locator("tr.error").first.inner_text()
    assert row.split("\t")[:2] == ["lỗi", "B8"] and "Chưa điền" in row
    page.screenshot(path=out / "3-ket-qua-co-loi.png", full_page=True)
    with page.expect_download() as download:
        page.click("text=Tải bản có đánh dấu ô lỗi")
    marked = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert marked.sheetnames[0] == "Kết quả kiểm tra"

    page.click("text=Về trang của đợt")
    page.set_input_files("input[type=file]", str(fixed))
    page.click("button:has-text('Gửi và kiểm tra')")
    page.wait_for_url(re.compile(r".*/tep/\d+$"))
    assert page.inner_text(".verdict") == "Đã nhận, hợp lệ"
    page.screenshot(path=out / "4-ket-qua-hop-le.png", full_page=True)

    clerk = browser.new_context(
        accept_downloads=True, viewport={"width": 1200, "height": 900}, locale="vi-VN"
    )  # type: ignore[attr-defined]
    desk = clerk.new_page()
    desk.goto(base + "/dang-nhap")
    desk.fill("input[name=username]", "clerk")
    desk.fill("input[name=password]", PASSWORD)
    desk.click("button:has-text('Đăng nhập')")
    desk.wait_for_url(base + "/quan-ly/cn-2023")
    sct_row = desk.locator("table.dashboard tr", has_text="Sở Công Thương")
    assert "đúng hạn" in sct_row.inner_text()
    desk.screenshot(path=out / "5-theo-doi.png", full_page=True)

    desk.select_option("select[name=trang-thai]", "đúng hạn")  # htmx swaps the table in place
    desk.wait_for_function("document.querySelectorAll('table.dashboard tbody tr').length === 1")

    desk.click("table.dashboard a:has-text('Sở Công Thương')")
    desk.locator("input[name=reason]").first.fill("Chỉ tiêu tăng trưởng chưa khớp Cục Thống kê.")
    desk.locator("button:has-text('Trả lại tệp')").first.click()
    desk.wait_for_selector("text=trả lại (Chỉ tiêu tăng trưởng chưa khớp Cục Thống kê.)")
    assert "Đã nhận, hợp lệ - đã trả lại" in desk.inner_text("main")
    desk.screenshot(path=out / "6-tra-lai.png", full_page=True)
    page.goto(base + "/dot/cn-2023")
    assert "Bị trả lại: Chỉ tiêu tăng trưởng chưa khớp Cục Thống kê." in page.inner_text("main")
    page.screenshot(path=out / "7-co-quan-thay-tra-lai.png", full_page=True)
    page.set_input_files("input[type=file]", str(fixed))  # sent again after the call
    page.click("button:has-text('Gửi và kiểm tra')")
    page.wait_for_url(re.compile(r".*/tep/\d+$"))
    assert page.inner_text(".verdict") == "Đã nhận, hợp lệ"

    desk.goto(base + "/quan-ly/cn-2023/lap-bao-cao")
    desk.click("button:has-text('Lập báo cáo')")
    desk.wait_for_selector("text=Tải kết quả", timeout=120_000)
    desk.screenshot(path=out / "8-lap-bao-cao.png", full_page=True)
    with desk.expect_download() as download:
        desk.click("a:has-text('bao-cao-cn-2023.docx')")
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"
    assert (root / "outputs" / "cn-2023" / "bao-cao-cn-2023.docx").is_file()
    if shutil.which("soffice"):  # the box "Kèm bản PDF" is ticked when LibreOffice is there
        with desk.expect_download() as download:
            desk.click("a:has-text('bao-cao-cn-2023.pdf')")
        assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"

    # A later letter replaces the one in the build; the history says so.
    page.goto(base + "/dot/cn-2023")
    page.set_input_files("input[type=file]", str(later))
    page.click("button:has-text('Gửi và kiểm tra')")
    page.wait_for_url(re.compile(r".*/tep/\d+$"))
    assert "Cơ quan\nSở Công Thương\n" in page.inner_text("dl.facts")
    page.goto(base + "/dot/cn-2023")
    assert "Đã được thay thế bằng lần gửi ngày" in page.inner_text("main")
    page.screenshot(path=out / "9-lich-su-thay-the.png", full_page=True)

    # The clerk makes an account for STC, which replies "không được giao nhiệm vụ".
    desk.goto(base + "/tai-khoan")
    desk.fill("input[name=username]", "stc")
    desk.select_option("select[name=agency]", "STC")
    desk.click("button:has-text('Tạo tài khoản')")
    password = desk.inner_text("p.password").strip()
    assert "Mật khẩu chỉ hiện một lần này" in desk.inner_text("main")
    desk.screenshot(path=out / "10-tai-khoan.png", full_page=True)
    stc = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN").new_page()  # type: ignore[attr-defined]
    stc.goto(base + "/dang-nhap")
    stc.fill("input[name=username]", "stc")
    stc.fill("input[name=password]", password)
    stc.click("button:has-text('Đăng nhập')")
    stc.wait_for_url(base + "/dot/cn-2023")
    stc.fill("input[name=so_van_ban]", "125/STC-QLNS")
    stc.fill("input[name=ngay]", "18/12/2023")
    stc.fill("input[name=nguoi_ky]", "Lê Văn Tài")
    stc.click("button:has-text('Gửi trả lời')")
    stc.wait_for_url(re.compile(r".*/tep/\d+$"))
    assert stc.inner_text(".verdict") == "Đã nhận, hợp lệ"
    desk.goto(base + "/quan-ly/cn-2023")
    stc_row = desk.locator("table.dashboard tr", has_text="Sở Tài chính")
    assert "không có nhiệm vụ" in stc_row.inner_text()
    desk.screenshot(path=out / "11-theo-doi-khong-nhiem-vu.png", full_page=True)
