"""The portal's pages through Starlette's test client: what an agency officer and the clerk
see, and what they may not see or do."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import WorkbookFactory
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient
from web_support import PASSWORD, add_accounts, csrf_of, page_text, portal_project, sign_in

from qnreport.build.pipeline import BuildOptions, build
from qnreport.check.batch import Validator
from qnreport.config.project import Project
from qnreport.files import sha256_file
from qnreport.round.status import round_status
from qnreport.web.app import STORE_MESSAGE, create_app
from qnreport.web.store import Store


def make_app(project: Project, **kwargs: object) -> Starlette:
    return create_app(project, f"sqlite:///{project.root / 'portal.db'}", workers=1, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def portal(tmp_path: Path) -> Project:
    return portal_project(tmp_path / "project", deadline="2099-12-31")


@pytest.fixture
def app(portal: Project) -> Iterator[Starlette]:
    application = make_app(portal)
    add_accounts(store_of(application), "SCT", "STC")
    yield application
    application.state.portal.checker.close()


def store_of(app: Starlette) -> Store:
    found: Store = app.state.portal.store
    return found


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def other_client(app: Starlette) -> TestClient:
    return TestClient(app)


def send(client: TestClient, token: str, path: Path, round_id: str = "cn-2023") -> object:
    with path.open("rb") as fh:
        return client.post(
            f"/dot/{round_id}/gui", data={"csrf": token}, files={"file": (path.name, fh)}
        )


def findings_rows(html: str) -> list[tuple[str, str, str, str]]:
    """(sheet heading, level, cell, message) of the findings tables of an upload page."""
    rows = []
    for section in re.findall(r'<section class="box findings">(.*?)</section>', html, re.S):
        sheet = page_text(re.search(r"<h2>(.*?)</h2>", section, re.S).group(1))  # type: ignore[union-attr]
        for row in re.findall(r'<tr class="(?:error|warning)">(.*?)</tr>', section, re.S):
            level, cell, _label, message = (
                page_text(c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)
            )
            rows.append((sheet, level, cell, message))
    return rows


# ---------------------------------------------------------------------- an agency's round


def test_the_round_page_shows_the_request_and_the_agencys_own_template(
    client: TestClient, portal: Project
) -> None:
    sign_in(client, "sct")
    text = page_text(client.get("/dot/cn-2023").text)
    assert "Văn bản đề nghị Số 3006/SCT-QLCN ngày 08/12/2023" in text
    assert "Hạn gửi báo cáo 31/12/2099" in text
    assert "Liên hệ Phòng Quản lý công nghiệp, Sở Công Thương Quảng Ngãi" in text
    assert "Cơ quan chưa gửi tệp nào trong đợt này." in text
    reply = client.get("/dot/cn-2023/bieu-mau")
    assert reply.headers["content-disposition"] == 'attachment; filename="cn-2023_SCT.xlsx"'
    wb = openpyxl.load_workbook(io.BytesIO(reply.content))
    assert "Thông tin chung" in wb.sheetnames


def test_no_assigned_task_is_one_click_and_is_read_like_any_workbook(
    client: TestClient, app: Starlette, portal: Project
) -> None:
    token = sign_in(client, "stc")
    reason = "Qua rà soát, Sở Tài chính không được giao chủ trì nhiệm vụ nào của kế hoạch"
    form = {
        "csrf": token,
        "so_van_ban": "125/STC-QLNS",
        "ngay": "18/12/2023",
        "nguoi_ky": "Lê Văn Tài",
        "ly_do": reason,
    }
    reply = client.post("/dot/cn-2023/khong-nhiem-vu", data=form)
    assert reply.status_code == 200
    assert "Đã nhận, hợp lệ" in page_text(reply.text)
    (up,) = store_of(app).uploads_of("cn-2023", "STC")
    (copied,) = [f for f in (portal.inputs / "cn-2023").iterdir() if f.suffix == ".xlsx"]
    sub = Validator(portal).validate_file(copied).submission
    assert sub is not None and sub.agency == "STC" and sub.no_task
    assert (sub.letter_number, sub.letter_date) == ("125/STC-QLNS", dt.date(2023, 12, 18))
    assert (up.letter_number, up.errors, up.no_task) == ("125/STC-QLNS", 0, True)
    with TestClient(app) as clerk:
        sign_in(clerk, "clerk")
        table = page_text(clerk.get("/quan-ly/cn-2023/bang").text)
        assert "Sở Tài chính không có nhiệm vụ" in table
        assert "Đã gửi hợp lệ: 1/" in table and "không có nhiệm vụ: 1" in table
        assert "Số 125/STC-QLNS ngày 18/12/2023" in table
        html = clerk.get("/quan-ly/cn-2023/bang", params={"trang-thai": "không có nhiệm vụ"})
        assert html.text.count("/quan-ly/cn-2023/co-quan/") == 1


def test_no_assigned_task_without_a_date_is_asked_again_in_vietnamese(
    client: TestClient, app: Starlette
) -> None:
    token = sign_in(client, "stc")
    form = {"csrf": token, "so_van_ban": "125/STC-QLNS", "ngay": "hôm qua", "nguoi_ky": "X"}
    reply = client.post("/dot/cn-2023/khong-nhiem-vu", data=form)
    assert reply.status_code == 400
    assert (
        "Cần ghi số văn bản, ngày văn bản (dạng 18/12/2024) và người ký của công văn trả "
        'lời "không được giao nhiệm vụ".'
    ) in page_text(reply.text)
    assert store_of(app).uploads_of("cn-2023", "STC") == []


def test_an_upload_with_errors_shows_the_cli_findings_by_sheet_then_the_fix_is_valid(
    client: TestClient, app: Starlette, portal: Project, filled_workbook: WorkbookFactory
) -> None:
    token = sign_in(client, "sct")
    broken = filled_workbook("SCT", values={"NGUOI_KY": None, "VB_NGAY": "31/02/2023"})
    reply = send(client, token, broken)
    assert reply.status_code == 200  # type: ignore[attr-defined]
    html = reply.text  # type: ignore[attr-defined]
    assert "Đã nhận, còn 2 lỗi cần sửa" in page_text(html)
    assert "Cơ quan Sở Công Thương Đợt cn-2023" in page_text(html)
    cli = Validator(portal).validate_file(broken).findings
    expected = [
        (f.sheet or "Toàn tệp", f.level.value, f.cell, f.message)
        for f in sorted(cli, key=lambda f: not f.is_error)
    ]
    assert sorted(findings_rows(html)) == sorted(expected)
    assert findings_rows(html)[:2] == [
        (s, lv, c, m) for s, lv, c, m in expected if lv == "lỗi" and s == "Thông tin chung"
    ]
    annotated = client.get(re.search(r'href="(/tep/\d+/danh-dau)"', html).group(1))  # type: ignore[union-attr]
    marked = openpyxl.load_workbook(io.BytesIO(annotated.content))
    assert marked.sheetnames[0] == "Kết quả kiểm tra"
    assert marked["Thông tin chung"]["B8"].comment is not None
    assert sorted(p.name for p in (portal.inputs / "cn-2023").iterdir()) == ["round.toml"]

    fixed = filled_workbook("SCT")
    html = send(client, token, fixed).text  # type: ignore[attr-defined]
    assert "Đã nhận, hợp lệ" in page_text(html) and findings_rows(html) == []
    (up,) = [u for u in store_of(app).uploads_of("cn-2023", "SCT") if not u.errors]
    inputs = sorted(p.name for p in (portal.inputs / "cn-2023").iterdir())
    assert inputs == [f"cn-2023_SCT_{up.id}.xlsx", "round.toml"]
    assert sha256_file(portal.inputs / "cn-2023" / inputs[0]) == sha256_file(fixed)
    history = page_text(client.get("/dot/cn-2023").text)
    assert "Đã nhận, còn 2 lỗi cần sửa" in history and "Đã nhận, hợp lệ" in history


def test_an_upload_a_later_letter_replaces_is_marked_as_the_cli_decides(
    client: TestClient, app: Starlette, portal: Project, filled_workbook: WorkbookFactory
) -> None:
    """Three valid letters of STC: 15/12, then 16/12, then 14/12 sent last. The CLI uses
    the latest letter (16/12); the two others say which upload replaced them."""
    token = sign_in(client, "stc")
    for day in ("15/12/2023", "16/12/2023", "14/12/2023"):
        send(client, token, filled_workbook("STC", values={"VB_NGAY": day}))
    first, used, last = store_of(app).uploads_of("cn-2023", "STC")
    when = used.uploaded_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    words = f"Đã được thay thế bằng lần gửi ngày {when:%d/%m/%Y} lúc {when:%H:%M}"
    rows = re.findall(r"<tr>(.*?)</tr>", client.get("/dot/cn-2023").text, re.S)
    states = {page_text(r).split()[2]: page_text(r) for r in rows}
    assert states[first.original_name].endswith(words)
    assert states[last.original_name].endswith(words)
    assert states[used.original_name].endswith("Đã nhận, hợp lệ Đã nhận")
    status = round_status(portal, "cn-2023", dt.date(2099, 1, 1))
    (reply,) = [r for r in status.replies if r.agency.code == "STC"]
    assert reply.file == f"inputs/cn-2023/{used.input_name}"
    assert sorted(reply.superseded) == sorted(
        f"inputs/cn-2023/{u.input_name}" for u in (first, last)
    )
    with TestClient(app) as clerk:
        sign_in(clerk, "clerk")
        assert "Số 125/BC-SCT ngày 16/12/2023" in page_text(clerk.get("/quan-ly/cn-2023/bang").text)
        assert f"{words} (không dùng khi lập báo cáo)." in page_text(
            clerk.get("/quan-ly/cn-2023/co-quan/STC").text
        )


def test_another_agencys_workbook_is_refused_with_a_finding(
    client: TestClient, filled_workbook: WorkbookFactory, portal: Project
) -> None:
    token = sign_in(client, "sct")
    html = send(client, token, filled_workbook("STC")).text  # type: ignore[attr-defined]
    assert "Đã nhận, còn 1 lỗi cần sửa" in page_text(html)
    assert 'Tệp này là biểu mẫu của cơ quan "STC", không phải của cơ quan "SCT"' in page_text(html)
    assert sorted(p.name for p in (portal.inputs / "cn-2023").iterdir()) == ["round.toml"]


def test_no_file_name_from_the_agency_reaches_the_file_system(
    client: TestClient, app: Starlette, filled_workbook: WorkbookFactory
) -> None:
    token = sign_in(client, "sct")
    path = filled_workbook("SCT")
    client.post(
        "/dot/cn-2023/gui",
        data={"csrf": token},
        files={"file": ("../../../etc/bao cáo.xlsx", path.read_bytes())},
    )
    (up,) = store_of(app).uploads_of("cn-2023")
    assert up.original_name == "bao cáo.xlsx"
    assert up.stored_path == f"{up.sha256[:2]}/{up.sha256}.xlsx"
    names = {p.name for p in store_of(app).files.rglob("*")}
    assert not any("bao" in n or "etc" in n for n in names)


def test_an_oversized_upload_is_refused_before_it_is_stored(
    tmp_path: Path, filled_workbook: WorkbookFactory
) -> None:
    project = portal_project(tmp_path / "small", deadline="2099-12-31")
    (project.templates / "limits.toml").write_text("max_file_mb = 0.01\n", encoding="utf-8")
    app = make_app(project)
    add_accounts(store_of(app), "SCT")
    with TestClient(app) as client:
        token = sign_in(client, "sct")
        reply = send(client, token, filled_workbook("SCT"))
    assert reply.status_code == 413  # type: ignore[attr-defined]
    assert "Tệp quá lớn: tối đa 0.01 MB. Tệp chưa được nhận." in page_text(reply.text)  # type: ignore[attr-defined]
    assert store_of(app).uploads_of("cn-2023") == []
    assert not [p for p in store_of(app).files.rglob("*") if p.is_file()]


def test_an_unwritable_store_gives_a_clear_message_and_a_log_line(
    tmp_path: Path, filled_workbook: WorkbookFactory, caplog: pytest.LogCaptureFixture
) -> None:
    project = portal_project(tmp_path / "p", deadline="2099-12-31")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = create_app(
        project, f"sqlite:///{tmp_path / 'db.sqlite'}", files=blocker / "store", workers=1
    )
    add_accounts(store_of(app), "SCT")
    with TestClient(app) as client, caplog.at_level(logging.ERROR, "qnreport.web"):
        token = sign_in(client, "sct")
        reply = send(client, token, filled_workbook("SCT"))
    assert reply.status_code == 503  # type: ignore[attr-defined]
    assert STORE_MESSAGE in page_text(reply.text)  # type: ignore[attr-defined]
    assert any("store not writable for sct" in r.getMessage() for r in caplog.records)
    assert store_of(app).uploads_of("cn-2023") == []


def test_an_upload_without_a_file_is_asked_again(client: TestClient) -> None:
    token = sign_in(client, "sct")
    reply = client.post("/dot/cn-2023/gui", data={"csrf": token})
    assert reply.status_code == 400
    assert "Chưa chọn tệp. Hãy chọn tệp Excel đã điền." in page_text(reply.text)


# ---------------------------------------------------------------------- the clerk


def test_the_clerk_sees_the_dashboard_change_and_returns_a_file_with_a_reason(
    app: Starlette, portal: Project, filled_workbook: WorkbookFactory
) -> None:
    with TestClient(app) as agency, TestClient(app) as clerk:
        token = sign_in(agency, "sct")
        sign_in(clerk, "clerk")
        table = page_text(clerk.get("/quan-ly/cn-2023/bang").text)
        assert "Đã gửi hợp lệ: 0/" in table and "Sở Công Thương chưa gửi" in table
        send(agency, token, filled_workbook("SCT"))
        table = page_text(clerk.get("/quan-ly/cn-2023/bang").text)
        assert "Đã gửi hợp lệ: 1/" in table and "Sở Công Thương đúng hạn" in table
        assert "Số 125/BC-SCT ngày 15/12/2023" in table

        (up,) = store_of(app).uploads_of("cn-2023", "SCT")
        page = clerk.get("/quan-ly/cn-2023/co-quan/SCT").text
        empty = clerk.post(f"/tep/{up.id}/tra-lai", data={"csrf": csrf_of(page), "reason": "  "})
        assert empty.status_code == 400
        assert "Cần ghi lý do trả lại để cơ quan biết cần sửa gì." in page_text(empty.text)
        reason = "Số liệu chỉ tiêu tăng trưởng chưa khớp với Cục Thống kê."
        clerk.post(f"/tep/{up.id}/tra-lai", data={"csrf": csrf_of(page), "reason": reason})
        assert (portal.inputs / "cn-2023" / str(up.input_name)).is_file()  # never deleted
        assert "Sở Công Thương trả lại" in page_text(clerk.get("/quan-ly/cn-2023/bang").text)
        assert f"Bị trả lại: {reason}" in page_text(agency.get("/dot/cn-2023").text)
        assert f"Lý do: {reason}" in page_text(agency.get(f"/tep/{up.id}").text)
        history = page_text(clerk.get("/quan-ly/cn-2023/co-quan/SCT").text)
        assert f"clerk: trả lại ({reason})" in history and "sct: nhận tệp" in history
        assert "Đã nhận, hợp lệ - đã trả lại" in history and "trong inputs" not in history


def test_a_returned_file_stays_in_inputs_and_the_build_and_status_leave_it_out(
    app: Starlette, portal: Project, filled_workbook: WorkbookFactory
) -> None:
    with TestClient(app) as stc, TestClient(app) as clerk:
        token = sign_in(stc, "stc")
        send(stc, token, filled_workbook("STC", values={"VB_NGAY": "14/12/2023"}))
        send(stc, token, filled_workbook("STC", values={"VB_NGAY": "16/12/2023"}))
        kept, returned = store_of(app).uploads_of("cn-2023", "STC")
        sign_in(clerk, "clerk")
        token = csrf_of(clerk.get("/quan-ly/cn-2023/co-quan/STC").text)
        clerk.post(f"/tep/{returned.id}/tra-lai", data={"csrf": token, "reason": "Sai số liệu."})
    copy = portal.inputs / "cn-2023" / str(returned.input_name)
    assert sha256_file(copy) == returned.sha256
    result = build(portal, BuildOptions(round_id="cn-2023"), lambda _line: None)
    assert result.batch is not None
    used = {Path(sub.file).name for sub in result.batch.used()}
    assert used == {kept.input_name}
    (held,) = [r for r in result.batch.reports if r.path.name == returned.input_name]
    assert held.held == "excluded"
    status = round_status(portal, "cn-2023", dt.date(2099, 1, 1))
    (reply,) = [r for r in status.replies if r.agency.code == "STC"]
    assert reply.file == f"inputs/cn-2023/{kept.input_name}"


def test_the_clerk_accepts_one_upload_or_every_valid_one_and_the_history_keeps_it(
    app: Starlette, filled_workbook: WorkbookFactory
) -> None:
    with TestClient(app) as sct, TestClient(app) as stc, TestClient(app) as clerk:
        send(sct, sign_in(sct, "sct"), filled_workbook("SCT"))
        stc_token = sign_in(stc, "stc")
        send(stc, stc_token, filled_workbook("STC", values={"NGUOI_KY": None}))  # errors
        sign_in(clerk, "clerk")
        (up,) = store_of(app).uploads_of("cn-2023", "SCT")
        # an agency cannot accept, not even its own upload
        refused = sct.post(f"/tep/{up.id}/duyet", data={"csrf": csrf_of(sct.get("/").text)})
        assert refused.status_code == 403
        page = clerk.get("/quan-ly/cn-2023").text
        assert "Đã duyệt: 0" in page_text(clerk.get("/quan-ly/cn-2023/bang").text)
        clerk.post("/quan-ly/cn-2023/duyet", data={"csrf": csrf_of(page)})
        assert store_of(app).upload(up.id).state == "accepted"  # type: ignore[union-attr]
        (bad,) = store_of(app).uploads_of("cn-2023", "STC")
        assert store_of(app).upload(bad.id).state == "received"  # type: ignore[union-attr]
        table = page_text(clerk.get("/quan-ly/cn-2023/bang").text)
        assert "Đã duyệt: 1" in table and "Sở Công Thương đúng hạn" in table
        history = page_text(clerk.get("/quan-ly/cn-2023/co-quan/SCT").text)
        assert "clerk: duyệt" in history and "Đã nhận, hợp lệ - đã duyệt" in history
        assert "Duyệt tệp này" not in history  # done once


def test_the_dashboard_filters_by_state(app: Starlette) -> None:
    with TestClient(app) as clerk:
        sign_in(clerk, "clerk")
        html = clerk.get("/quan-ly/cn-2023/bang", params={"trang-thai": "đúng hạn"}).text
        assert "<tbody>" in html and "/co-quan/" not in html
        html = clerk.get("/quan-ly/cn-2023", params={"trang-thai": "chưa gửi"}).text
        assert html.count("/quan-ly/cn-2023/co-quan/") == len(
            app.state.portal.rounds.get("cn-2023").registry
        )


def test_the_clerk_builds_the_report_from_the_page_and_downloads_it(
    app: Starlette, filled_workbook: WorkbookFactory
) -> None:
    with TestClient(app) as agency, TestClient(app) as clerk:
        send(agency, sign_in(agency, "sct"), filled_workbook("SCT"))
        sign_in(clerk, "clerk")
        page = clerk.get("/quan-ly/cn-2023/lap-bao-cao").text
        reply = clerk.post("/quan-ly/cn-2023/lap-bao-cao", data={"csrf": csrf_of(page)})
        assert reply.status_code == 200, page_text(reply.text)
        assert "bao-cao-cn-2023.docx" in page_text(reply.text)
        docx = clerk.get("/quan-ly/cn-2023/ket-qua/report")
        assert docx.content[:2] == b"PK"
        journal = clerk.get("/quan-ly/cn-2023/ket-qua/findings")
        assert "cn-2023_SCT_1.xlsx: HỢP LỆ" in journal.text
        assert clerk.get("/quan-ly/cn-2023/ket-qua/..%2Fportal.db").status_code == 404


def test_without_libreoffice_the_build_page_says_there_is_no_pdf(
    app: Starlette,
    filled_workbook: WorkbookFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("QNREPORT_SOFFICE", str(tmp_path / "khong-co-soffice"))
    with TestClient(app) as agency, TestClient(app) as clerk:
        send(agency, sign_in(agency, "sct"), filled_workbook("SCT"))
        sign_in(clerk, "clerk")
        page = clerk.get("/quan-ly/cn-2023/lap-bao-cao").text
        assert (
            "Máy chủ chưa cài LibreOffice (chương trình soffice) nên chưa tạo được bản PDF."
            in page_text(page)
        )
        reply = clerk.post("/quan-ly/cn-2023/lap-bao-cao", data={"csrf": csrf_of(page), "pdf": "1"})
        assert reply.status_code == 200
        text = page_text(reply.text)
        assert (
            "Chưa tạo được bản PDF: máy chủ chưa cài LibreOffice (chương trình soffice). Báo cáo "
            "Word và bảng tổng hợp Excel vẫn được lập; để có bản PDF, cài LibreOffice trên máy "
            "chủ rồi lập lại báo cáo."
        ) in text
        assert "Báo cáo (Word): bao-cao-cn-2023.docx" in text and ".pdf" not in text
        assert clerk.get("/quan-ly/cn-2023/ket-qua/pdf").status_code == 404


@pytest.mark.libreoffice
def test_the_build_page_makes_the_pdf_with_the_builds_libreoffice_conversion(
    app: Starlette, filled_workbook: WorkbookFactory
) -> None:
    from libreoffice import require

    require("soffice")
    with TestClient(app) as agency, TestClient(app) as clerk:
        send(agency, sign_in(agency, "sct"), filled_workbook("SCT"))
        sign_in(clerk, "clerk")
        page = clerk.get("/quan-ly/cn-2023/lap-bao-cao").text
        reply = clerk.post("/quan-ly/cn-2023/lap-bao-cao", data={"csrf": csrf_of(page), "pdf": "1"})
        assert reply.status_code == 200, page_text(reply.text)
        text = page_text(reply.text)
        assert "Báo cáo (PDF): bao-cao-cn-2023.pdf" in text and "Chưa tạo được" not in text
        assert clerk.get("/quan-ly/cn-2023/ket-qua/pdf").content[:5] == b"%PDF-"
        # built again without a change: the PDF is still there, not made again
        again = clerk.post("/quan-ly/cn-2023/lap-bao-cao", data={"csrf": csrf_of(page), "pdf": "1"})
        assert "Báo cáo (PDF): bao-cao-cn-2023.pdf" in page_text(again.text)


def issued_password(html: str) -> str:
    found = re.search(r'<p class="password"><code>([^<]+)</code></p>', html)
    assert found, page_text(html)
    return found.group(1)


def test_the_clerk_creates_an_agency_account_and_resets_its_password(app: Starlette) -> None:
    with TestClient(app) as clerk, TestClient(app) as officer:
        sign_in(clerk, "clerk")
        page = clerk.get("/tai-khoan")
        assert page.headers["cache-control"] == "no-store"
        assert "Sở Kế hoạch và Đầu tư (SKHDT)" in page_text(page.text)
        token = csrf_of(page.text)
        made = clerk.post(
            "/tai-khoan", data={"csrf": token, "username": "skhdt", "agency": "SKHDT"}
        )
        assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
        first = issued_password(made.text)
        assert "Mật khẩu chỉ hiện một lần này: hãy ghi lại và trao cho cơ quan." in page_text(
            made.text
        )
        assert "http://testserver/dang-nhap" in made.text
        acct = store_of(app).account("skhdt")
        assert acct is not None and (acct.role, acct.agency) == ("agency", "SKHDT")
        assert first not in clerk.get("/tai-khoan").text  # shown once
        sign_in(officer, "skhdt", first)
        assert officer.get("/dot/cn-2023", follow_redirects=False).status_code == 200

        again = clerk.post("/tai-khoan", data={"csrf": token, "username": "skhdt", "agency": "SCT"})
        assert again.status_code == 400
        assert (
            'Đã có tài khoản skhdt. Để cấp mật khẩu mới, bấm "Cấp mật khẩu mới" ở dòng của tài '
            "khoản đó."
        ) in page_text(again.text)
        unknown = clerk.post("/tai-khoan", data={"csrf": token, "username": "x", "agency": "KHONG"})
        assert "Hãy chọn một cơ quan trong danh sách." in page_text(unknown.text)
        spaced = clerk.post("/tai-khoan", data={"csrf": token, "username": "a b", "agency": "SCT"})
        assert "Tên đăng nhập cần từ 1 đến 64 ký tự, không có dấu cách." in page_text(spaced.text)
        assert store_of(app).account("x") is None and store_of(app).account("a b") is None

        reset = clerk.post("/tai-khoan/dat-lai", data={"csrf": token, "username": "skhdt"})
        second = issued_password(reset.text)
        assert second != first
        # the officer's session opened with the old password has ended
        assert officer.get("/dot/cn-2023", follow_redirects=False).status_code == 303
        sign_in(officer, "skhdt", second)
        nobody = clerk.post("/tai-khoan/dat-lai", data={"csrf": token, "username": "ai-do"})
        assert "Không có tài khoản ai-do." in page_text(nobody.text)
        own = clerk.post("/tai-khoan/dat-lai", data={"csrf": token, "username": "clerk"})
        assert (
            "Mật khẩu của tài khoản cán bộ tổng hợp chỉ đặt lại bằng lệnh qnreport users reset "
            "trên máy chủ."
        ) in page_text(own.text)
        forged = clerk.post("/tai-khoan", data={"csrf": "x", "username": "y", "agency": "SCT"})
        assert forged.status_code == 403 and store_of(app).account("y") is None


# ---------------------------------------------------------------------- who may see what

AGENCY_ROUTES = {
    "/dot/{round_id}",
    "/dot/{round_id}/bieu-mau",
    "/dot/{round_id}/gui",
    "/dot/{round_id}/khong-nhiem-vu",
}
UPLOAD_ROUTES = {
    "/tep/{upload_id:int}",
    "/tep/{upload_id:int}/goc",
    "/tep/{upload_id:int}/danh-dau",
}
CLERK_ROUTES = {
    "/quan-ly/{round_id}",
    "/quan-ly/{round_id}/bang",
    "/quan-ly/{round_id}/co-quan/{code}",
    "/quan-ly/{round_id}/lap-bao-cao",
    "/quan-ly/{round_id}/ket-qua/{key}",
    "/tep/{upload_id:int}/tra-lai",
    "/tep/{upload_id:int}/duyet",
    "/quan-ly/{round_id}/duyet",
    "/tai-khoan",
    "/tai-khoan/dat-lai",
}
OPEN_ROUTES = {"/", "/dang-nhap", "/dang-xuat"}


def concrete(path: str, upload_id: int) -> str:
    return (
        path.replace("{round_id}", "cn-2023")
        .replace("{upload_id:int}", str(upload_id))
        .replace("{code}", "SCT")
        .replace("{key}", "report")
    )


def routes(app: Starlette) -> list[tuple[str, str]]:
    return sorted(
        (r.path, method)
        for r in app.routes
        if isinstance(r, Route)
        for method in sorted(r.methods or ())
        if method != "HEAD"
    )


def test_every_route_is_in_one_access_table(app: Starlette) -> None:
    paths = {path for path, _m in routes(app)}
    assert paths == AGENCY_ROUTES | UPLOAD_ROUTES | CLERK_ROUTES | OPEN_ROUTES


def test_an_agency_never_sees_another_agencys_files_or_the_clerk_pages(
    app: Starlette, filled_workbook: WorkbookFactory
) -> None:
    """STC tries every route on SCT's upload (with errors, so every download exists)."""
    with TestClient(app) as sct, TestClient(app) as stc:
        send(sct, sign_in(sct, "sct"), filled_workbook("SCT", values={"NGUOI_KY": None}))
        (up,) = store_of(app).uploads_of("cn-2023", "SCT")
        assert sct.get(f"/tep/{up.id}/danh-dau").status_code == 200
        token = sign_in(stc, "stc")
        seen = {}
        for path, method in routes(app):
            if path in {"/dang-nhap", "/dang-xuat"}:
                continue
            url = concrete(path, up.id)
            data = {"csrf": token, "reason": "x"} if method == "POST" else None
            reply = stc.request(method, url, data=data, follow_redirects=False)
            seen[(path, method)] = reply.status_code
            assert up.original_name not in reply.text and "sct" not in page_text(reply.text).split()
        for (path, _method), status in seen.items():
            if path in UPLOAD_ROUTES:
                assert status == 404, path
            elif path in CLERK_ROUTES:
                assert status == 403, path
        assert seen[("/dot/{round_id}", "GET")] == 200
        assert "Cơ quan chưa gửi tệp nào trong đợt này." in page_text(stc.get("/dot/cn-2023").text)
        assert store_of(app).upload(up.id).state == "received"  # type: ignore[union-attr]


def test_without_signing_in_every_page_leads_to_the_sign_in_page(app: Starlette) -> None:
    with TestClient(app) as anonymous:
        token = csrf_of(anonymous.get("/dang-nhap").text)
        for path, method in routes(app):
            if path in {"/dang-nhap", "/dang-xuat"}:
                continue
            data = {"csrf": token} if method == "POST" else None
            reply = anonymous.request(method, concrete(path, 1), data=data, follow_redirects=False)
            assert (reply.status_code, reply.headers.get("location")) == (303, "/dang-nhap"), path


def test_the_clerk_has_no_agency_pages(app: Starlette) -> None:
    with TestClient(app) as clerk:
        sign_in(clerk, "clerk")
        assert clerk.get("/dot/cn-2023").status_code == 403
        assert clerk.get("/dot/khong-co").status_code == 403
        assert clerk.get("/quan-ly/khong-co").status_code == 404


# ---------------------------------------------------------------------- security


def test_session_cookie_is_signed_http_only_and_same_site(app: Starlette) -> None:
    with TestClient(app) as client:
        token = csrf_of(client.get("/dang-nhap").text)
        reply = client.post(
            "/dang-nhap",
            data={"username": "sct", "password": PASSWORD, "csrf": token},
            follow_redirects=False,
        )
    cookie = reply.headers["set-cookie"].lower()
    assert cookie.startswith("qnreport_session=") and "httponly" in cookie
    assert "samesite=lax" in cookie
    assert reply.headers["x-frame-options"] == "DENY"


def test_forms_without_or_with_a_forged_token_are_refused_in_vietnamese(
    client: TestClient, filled_workbook: WorkbookFactory
) -> None:
    reply = client.post("/dang-nhap", data={"username": "sct", "password": PASSWORD})
    assert reply.status_code == 403
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi thao tác lại." in (
        page_text(reply.text)
    )
    sign_in(client, "sct")
    forged = send(client, "forged", filled_workbook("SCT"))
    assert forged.status_code == 403  # type: ignore[attr-defined]


def test_sign_in_is_throttled_after_five_failures(client: TestClient) -> None:
    token = csrf_of(client.get("/dang-nhap").text)
    for _ in range(5):
        reply = client.post(
            "/dang-nhap", data={"username": "sct", "password": "sai", "csrf": token}
        )
        assert reply.status_code == 400
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in page_text(reply.text)
    reply = client.post("/dang-nhap", data={"username": "sct", "password": PASSWORD, "csrf": token})
    assert reply.status_code == 429
    assert "Đăng nhập sai quá nhiều lần. Hãy thử lại sau 10 phút." in page_text(reply.text)


def test_a_password_reset_ends_the_sessions_opened_before(app: Starlette) -> None:
    from qnreport.web.security import hash_password

    with TestClient(app) as client:
        sign_in(client, "sct")
        assert client.get("/dot/cn-2023", follow_redirects=False).status_code == 200
        store_of(app).set_password("sct", hash_password("moi"))
        reply = client.get("/dot/cn-2023", follow_redirects=False)
        assert reply.headers["location"] == "/dang-nhap"


def test_every_request_is_logged_with_its_account(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, "qnreport.web"):
        sign_in(client, "sct")
        client.get("/dot/cn-2023")
        client.get("/quan-ly/cn-2023")
    lines = [r.getMessage() for r in caplog.records if r.name == "qnreport.web"]
    assert any(re.fullmatch(r"- GET /dang-nhap 200 \d+ms", line) for line in lines)
    assert any(re.fullmatch(r"sct GET /dot/cn-2023 200 \d+ms", line) for line in lines)
    assert any(re.fullmatch(r"sct GET /quan-ly/cn-2023 403 \d+ms", line) for line in lines)


def test_the_pdf_is_made_under_the_rounds_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clerks building one round: the second is told it is being built, never writes
    the same PDF at the same time as the first."""
    from qnreport.build.lock import round_lock
    from qnreport.config.project import Project
    from qnreport.errors import LockedError
    from qnreport.web import app as web_app

    monkeypatch.setattr(web_app, "build", lambda *args, **kwargs: None)
    monkeypatch.setattr(web_app, "find_soffice", lambda: "soffice")
    project = Project(tmp_path)
    out = project.outputs / "cn-2023"
    out.mkdir(parents=True)
    (out / "bao-cao-cn-2023.docx").write_bytes(b"PK")
    with round_lock(out, "cn-2023"), pytest.raises(LockedError, match="đang được lập"):
        web_app.build_with_pdf(project, "cn-2023", True, lambda _line: None)


def test_the_agency_page_tells_the_cells_to_fill_as_the_template_does(app: Starlette) -> None:
    """The template's guide says "Chỉ nhập vào các ô nền vàng": the page says yellow too."""
    with TestClient(app) as agency:
        sign_in(agency, "sct")
        text = page_text(agency.get("/dot/cn-2023").text)
        assert "Chỉ điền vào các ô nền vàng của biểu mẫu" in text
        assert "ô trắng" not in text
