"""The portal's pages: Starlette routes over the store, the checker and the library.

Agencies see only their own round pages and uploads (another agency's upload is "not
found", not "forbidden": its existence is not told); clerk pages answer 403 to agencies.
Every form carries the session's CSRF token; sessions are signed, HttpOnly, SameSite
cookies; every request is logged with the account that made it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import tempfile
import time
import unicodedata
from collections.abc import AsyncIterator, Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..build.lock import round_lock
from ..build.pipeline import BuildOptions, build, convert_to_pdf, find_soffice, output_names
from ..config.limits import Limits
from ..config.project import Project
from ..config.rounds import RoundContext, RoundIndex
from ..errors import OutputError, QnreportError
from ..read.probe import WORKBOOK_SUFFIXES
from ..read.values import State, read_date
from ..template.reply import no_task_reply
from ..template.workbook import template_filename, write_template
from ..vntext import short_date
from . import accounts
from .checker import Checker, default_workers
from .security import (
    LoginThrottle,
    new_csrf_token,
    password_stamp,
    same_token,
    verify_password,
)
from .states import LOCAL, STATES, agency_states, count_states, superseded_by
from .store import RECEIVED, NewUpload, Store, StoreError, Upload

HERE = Path(__file__).parent
log = logging.getLogger("qnreport.web")

#: Room for the multipart envelope and the form's small fields around the file.
FORM_OVERHEAD = 64 * 1024
SESSION_SECONDS = 8 * 3600

MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    403: "Bạn không có quyền xem trang này.",
    404: "Không tìm thấy trang hoặc tệp này.",
    413: "Tệp quá lớn.",
    429: "Đăng nhập sai quá nhiều lần. Hãy thử lại sau ít phút.",
    500: "Máy chủ gặp lỗi. Hãy thử lại; nếu vẫn lỗi, hãy báo Sở Công Thương.",
}
CSRF_MESSAGE = "Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi thao tác lại."
STORE_MESSAGE = (
    "Máy chủ chưa ghi được tệp (ổ đĩa đầy hoặc không có quyền ghi). Tệp CHƯA được nhận; "
    "hãy gửi lại sau ít phút hoặc báo Sở Công Thương."
)

RETURN_FAILED = (
    "Chưa trả lại được tệp: máy chủ không ghi được danh sách tệp loại trừ (exclude) trong "
    "round.toml của đợt (tệp đang mở hoặc không có quyền ghi). Hãy thử lại sau ít phút."
)

STORE_MESSAGE_ANNOTATED = (
    "Máy chủ chưa ghi được bản có đánh dấu (ổ đĩa đầy hoặc không có quyền ghi). Hãy thử lại "
    "sau ít phút hoặc báo Sở Công Thương."
)
NO_ANNOTATED = (
    "Không tạo được bản có đánh dấu của tệp này; các lỗi vẫn ghi đầy đủ trên trang kết quả."
)


class LoginRequired(Exception):
    """Raised by a page that needs an account; answered with the sign-in page."""


@dataclass
class Portal:
    """What every route needs, built once per server."""

    project: Project
    store: Store
    checker: Checker
    limits: Limits
    rounds: RoundIndex
    templates: Jinja2Templates
    user_throttle: LoginThrottle
    address_throttle: LoginThrottle

    def round(self, round_id: str) -> RoundContext:
        ctx = self.rounds.get(round_id) if round_id in self.rounds.known() else None
        if ctx is None:
            raise HTTPException(404)
        return ctx


def portal(request: Request) -> Portal:
    found: Portal = request.app.state.portal
    return found


# ---------------------------------------------------------------------- helpers


def account_of(request: Request) -> Any:
    """The signed-in account, or None; a password reset ends older sessions."""
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        return None
    acct = portal(request).store.account_by_id(uid)
    if acct is None or request.session.get("stamp") != password_stamp(acct.password_hash):
        request.session.clear()
        return None
    request.state.account = acct.username
    return acct


def need_account(request: Request) -> Any:
    acct = account_of(request)
    if acct is None:
        raise LoginRequired
    return acct


def need_agency(request: Request) -> tuple[Any, RoundContext]:
    acct = need_account(request)
    if acct.is_clerk or not acct.agency:
        raise HTTPException(403)
    return acct, portal(request).round(request.path_params["round_id"])


def need_clerk(request: Request) -> Any:
    acct = need_account(request)
    if not acct.is_clerk:
        raise HTTPException(403)
    return acct


def clerk_round(request: Request) -> tuple[Any, RoundContext]:
    return need_clerk(request), portal(request).round(request.path_params["round_id"])


def visible_upload(request: Request) -> tuple[Any, Upload]:
    """The upload of the path, if the account may see it: the clerk any, an agency its own."""
    acct = need_account(request)
    up = portal(request).store.upload(request.path_params["upload_id"])
    if up is None or not (acct.is_clerk or up.agency == acct.agency):
        raise HTTPException(404)
    return acct, up


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = request.session["csrf"] = new_csrf_token()
    return token


async def checked_form(request: Request, **limits: int) -> FormData:
    form = await request.form(**limits)
    if not same_token(request.session.get("csrf"), form.get("csrf")):
        raise HTTPException(403, CSRF_MESSAGE)
    return form


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    acct = context.pop("account", None) or account_of(request)
    base = {"account": acct, "csrf": csrf_token(request), "rounds": portal(request).rounds.known()}
    return portal(request).templates.TemplateResponse(
        request, name, {**base, **context}, status_code=status
    )


def local_time(when: Any) -> str:
    return when.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M") if when else ""


def replaced_text(by: Upload) -> str:
    """What an upload left out for a later one says (the later one's time of sending)."""
    when = by.uploaded_at.astimezone(LOCAL)
    return f"Đã được thay thế bằng lần gửi ngày {when:%d/%m/%Y} lúc {when:%H:%M}"


def vn_date(day: Any) -> str:
    return short_date(day) if day else ""


def verdict_text(up: Upload) -> str:
    if up.errors:
        return f"Đã nhận, còn {up.errors} lỗi cần sửa"
    if up.warnings:
        return f"Đã nhận, hợp lệ (có {up.warnings} cảnh báo nên xem lại)"
    return "Đã nhận, hợp lệ"


def grouped(findings: list[dict[str, str]]) -> list[tuple[str, list[dict[str, str]]]]:
    """Findings by sheet (sheets with errors first), errors first within each sheet."""
    groups: dict[str, list[dict[str, str]]] = {}
    for f in findings:
        groups.setdefault(f.get("sheet") or "", []).append(f)
    ordered = sorted(groups.items(), key=lambda kv: not any(f["level"] == "error" for f in kv[1]))
    return [
        (sheet or "Toàn tệp", sorted(items, key=lambda f: f["level"] != "error"))
        for sheet, items in ordered
    ]


def max_mb(limits: Limits) -> str:
    return f"{round(limits.max_file_bytes / 2**20, 2):g}"


def clean_name(filename: str | None) -> str:
    """The name the agency's computer gave the file, as text only (never a path here)."""
    raw = filename or ""
    base = PureWindowsPath(PurePosixPath(raw).name).name
    text = "".join(c for c in unicodedata.normalize("NFC", base) if c.isprintable())
    return text[:200] or "(không tên)"


def stored_suffix(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if suffix in WORKBOOK_SUFFIXES else ".bin"


# ---------------------------------------------------------------------- sign-in


async def home(request: Request) -> Response:
    acct = need_account(request)
    rounds = portal(request).rounds.known()
    if len(rounds) == 1:
        target = f"/quan-ly/{rounds[0]}" if acct.is_clerk else f"/dot/{rounds[0]}"
        return RedirectResponse(target, status_code=303)
    return page(request, "home.html", account=acct)


async def login_page(request: Request) -> Response:
    return page(request, "login.html", account=None, error="")


async def login(request: Request) -> Response:
    p = portal(request)
    form = await checked_form(request, max_files=0, max_fields=6)
    username = str(form.get("username") or "").strip()
    password = str(form.get("password") or "")
    address = request.client.host if request.client else "?"
    user_keys, address_keys = [f"user:{username.lower()}"], [f"ip:{address}"]
    wait = max(
        p.user_throttle.wait_seconds(user_keys), p.address_throttle.wait_seconds(address_keys)
    )
    if wait:
        minutes = int(wait // 60) + 1
        error = f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút."
        log.warning("sign-in throttled for %r from %s", username, address)
        return page(request, "login.html", 429, account=None, error=error)
    acct = await run_in_threadpool(p.store.account, username) if username else None
    ok = acct is not None and await run_in_threadpool(verify_password, acct.password_hash, password)
    if not ok or acct is None:
        p.user_throttle.failed(user_keys)
        p.address_throttle.failed(address_keys)
        log.info("sign-in failed for %r from %s", username, address)
        error = "Tên đăng nhập hoặc mật khẩu không đúng."
        return page(request, "login.html", 400, account=None, error=error)
    p.user_throttle.succeeded(user_keys)
    request.session.clear()  # a fresh session: no fixation from before the sign-in
    request.session.update(
        uid=acct.id, stamp=password_stamp(acct.password_hash), csrf=new_csrf_token()
    )
    request.state.account = acct.username
    return RedirectResponse("/", status_code=303)


async def logout(request: Request) -> Response:
    await checked_form(request, max_files=0, max_fields=2)
    request.session.clear()
    return RedirectResponse("/dang-nhap", status_code=303)


# ---------------------------------------------------------------------- agency pages


async def agency_round(request: Request, error: str = "", status: int = 200) -> Response:
    acct, ctx = need_agency(request)
    p = portal(request)
    mine = p.store.uploads_of(ctx.round.id, acct.agency)
    return page(
        request,
        "agency_round.html",
        status,
        account=acct,
        ctx=ctx,
        agency=ctx.registry.find(acct.agency),
        uploads=list(reversed(mine)),
        replaced=superseded_by(mine),
        error=error,
        max_mb=max_mb(p.limits),
    )


async def agency_template(request: Request) -> Response:
    acct, ctx = need_agency(request)
    agency = ctx.registry.find(acct.agency)
    if agency is None:
        raise HTTPException(404)
    folder = portal(request).store.files / "blank" / ctx.round.id
    path = await run_in_threadpool(write_template, ctx, agency, folder)
    return FileResponse(path, filename=template_filename(ctx.round.id, agency.code))


async def agency_upload(request: Request) -> Response:
    acct, ctx = need_agency(request)
    p = portal(request)
    too_big = f"Tệp quá lớn: tối đa {max_mb(p.limits)} MB. Tệp chưa được nhận."
    try:
        form = await checked_form(request, max_files=1, max_fields=3)
    except HTTPException as exc:
        if exc.status_code == 413:
            return await agency_round(request, too_big, 413)
        raise
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return await agency_round(request, "Chưa chọn tệp. Hãy chọn tệp Excel đã điền.", 400)
    if upload.size is None or upload.size > p.limits.max_file_bytes:
        return await agency_round(request, too_big, 413)
    name = clean_name(upload.filename)
    try:
        stored = await _keep(p.store, upload, stored_suffix(name))
    except StoreError as exc:
        log.error("store not writable for %s: %s", acct.username, exc)
        return await agency_round(request, STORE_MESSAGE, 503)
    return await _received(request, acct, ctx, stored, name)


async def _received(
    request: Request, acct: Any, ctx: RoundContext, stored: tuple[str, int, str], name: str
) -> Response:
    """Check a kept file as ``validate`` does and record it: the same path for a workbook
    sent and for a reply made here."""
    p = portal(request)
    checked = await p.checker.check(p.store.path_of(stored[2]), name)
    checked = p.checker.against_account(checked, ctx.round.id, acct.agency)
    new = NewUpload(
        ctx.round.id,
        acct.agency,
        name,
        checked.verdict,
        checked.findings,
        checked.letter_number,
        checked.letter_date,
        checked.no_task,
    )
    annotated = f"annotated/{checked.annotated}" if checked.annotated else None
    try:
        up = await run_in_threadpool(p.store.add_upload, new, stored, annotated, acct.username)
    except StoreError as exc:
        log.error("inputs not writable for %s: %s", acct.username, exc)
        return await agency_round(request, STORE_MESSAGE, 503)
    log.info("upload %d by %s: %s, %d errors", up.id, acct.username, up.verdict, up.errors)
    return RedirectResponse(f"/tep/{up.id}", status_code=303)


async def agency_no_task(request: Request) -> Response:
    """ "Không được giao nhiệm vụ" in one click: the letter's number, date and reason become
    the agency's own template, filled, then checked and received like any upload."""
    acct, ctx = need_agency(request)
    p = portal(request)
    form = await checked_form(request, max_files=0, max_fields=6)
    number = " ".join(str(form.get("so_van_ban") or "").split())
    reason = " ".join(str(form.get("ly_do") or "").split())
    signer = " ".join(str(form.get("nguoi_ky") or "").split())
    date = read_date(str(form.get("ngay") or ""))
    agency = ctx.registry.find(acct.agency)
    if agency is None:
        raise HTTPException(404)
    if (
        not number
        or not signer
        or date.state is not State.VALUE
        or not isinstance(date.value, dt.date)
    ):
        message = (
            "Cần ghi số văn bản, ngày văn bản (dạng 18/12/2024) và người ký của công văn trả "
            'lời "không được giao nhiệm vụ".'
        )
        return await agency_round(request, message, 400)
    name = f"{ctx.round.id}_{agency.code}_khong-nhiem-vu.xlsx"
    spool = p.store.files / ".incoming"
    made = spool / f".{acct.username}-{dt.datetime.now().timestamp():.0f}.xlsx"
    try:
        spool.mkdir(parents=True, exist_ok=True)
        await run_in_threadpool(
            no_task_reply,
            ctx,
            agency,
            made,
            letter_number=number,
            letter_date=date.value,
            reason=reason,
            signer=signer,
        )
        stored = await run_in_threadpool(p.store.keep_file, made, ".xlsx")
    except (OSError, StoreError, OutputError) as exc:
        log.error("store not writable for %s: %s", acct.username, exc)
        return await agency_round(request, STORE_MESSAGE, 503)
    finally:
        with contextlib.suppress(OSError):
            made.unlink(missing_ok=True)
    return await _received(request, acct, ctx, stored, name)


async def _keep(store: Store, upload: UploadFile, suffix: str) -> tuple[str, int, str]:
    """Copy the received file into the store through a temporary file of ours."""
    spool = store.files / ".incoming"
    try:
        spool.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=spool, suffix=".part", delete=False) as tmp:
            tmp_path = Path(tmp.name)
            while chunk := await upload.read(1 << 20):
                tmp.write(chunk)
    except OSError as exc:
        raise StoreError(str(exc)) from exc
    try:
        return await run_in_threadpool(store.keep_file, tmp_path, suffix)
    finally:
        tmp_path.unlink(missing_ok=True)


async def upload_page(request: Request) -> Response:
    acct, up = visible_upload(request)
    ctx = portal(request).rounds.get(up.round)
    agency = ctx.registry.find(up.agency) if ctx is not None else None
    return page(
        request,
        "upload.html",
        account=acct,
        up=up,
        agency_name=agency.name if agency is not None else up.agency,
        verdict=verdict_text(up),
        groups=grouped(up.findings),
    )


async def upload_original(request: Request) -> Response:
    _acct, up = visible_upload(request)
    suffix = PurePosixPath(up.stored_path).suffix
    name = f"{up.round}_{up.agency}_{up.id}{suffix}"
    return FileResponse(portal(request).store.path_of(up.stored_path), filename=name)


async def upload_annotated(request: Request) -> Response:
    """The annotated copy, made by a checking worker the first time it is asked for."""
    _acct, up = visible_upload(request)
    if not up.annotated_path:
        raise HTTPException(404)
    p = portal(request)
    path = p.store.path_of(up.annotated_path)
    if not path.is_file():
        try:
            made = await p.checker.annotate(
                p.store.path_of(up.stored_path),
                up.original_name,
                path.parent,
                up.uploaded_at.astimezone(LOCAL).date(),
            )
        except (OSError, QnreportError) as exc:  # the store refuses the write
            log.error("annotated copy of upload %d not written: %s", up.id, exc)
            raise HTTPException(503, STORE_MESSAGE_ANNOTATED) from exc
        if made is None or made != path:
            raise HTTPException(404, NO_ANNOTATED)
    name = f"{up.round}_{up.agency}_{up.id}_kiem-tra.xlsx"
    return FileResponse(path, filename=name)


# ---------------------------------------------------------------------- clerk pages


def dashboard_rows(request: Request, ctx: RoundContext) -> dict[str, Any]:
    rows = agency_states(
        ctx.registry, portal(request).store.uploads_of(ctx.round.id), ctx.round.deadline
    )
    counts = count_states(rows)
    wanted = request.query_params.get("trang-thai", "")
    if wanted in STATES:
        rows = [r for r in rows if r.state == wanted]
    order = request.query_params.get("xep", "")
    if order == "trang-thai":
        rows.sort(key=lambda r: STATES.index(r.state))
    elif order == "thoi-gian":
        rows.sort(key=lambda r: (r.upload is None, -(r.upload.id if r.upload else 0)))
    return {"rows": rows, "counts": counts, "wanted": wanted, "order": order, "states": STATES}


async def dashboard(request: Request) -> Response:
    """The whole page, or with ``/bang`` only its table (what htmx swaps in place)."""
    acct, ctx = clerk_round(request)
    template = "_table.html" if request.url.path.endswith("/bang") else "dashboard.html"
    return page(request, template, account=acct, ctx=ctx, **dashboard_rows(request, ctx))


async def clerk_agency(request: Request, error: str = "", status: int = 200) -> Response:
    acct, ctx = clerk_round(request)
    agency = ctx.registry.find(request.path_params["code"])
    if agency is None:
        raise HTTPException(404)
    ups = portal(request).store.uploads_of(ctx.round.id, agency.code)
    return page(
        request,
        "clerk_agency.html",
        status,
        account=acct,
        ctx=ctx,
        agency=agency,
        uploads=list(reversed(ups)),
        replaced=superseded_by(ups),
        error=error,
    )


async def return_upload(request: Request) -> Response:
    acct = need_clerk(request)
    form = await checked_form(request, max_files=0, max_fields=3)
    p = portal(request)
    up = p.store.upload(request.path_params["upload_id"])
    if up is None:
        raise HTTPException(404)
    reason = " ".join(str(form.get("reason") or "").split())
    if not reason:
        request.scope["path_params"] = {"round_id": up.round, "code": up.agency}
        return await clerk_agency(request, "Cần ghi lý do trả lại để cơ quan biết cần sửa gì.", 400)
    try:
        await run_in_threadpool(p.store.return_upload, up.id, acct.username, reason[:1000])
    except StoreError as exc:
        log.error("upload %d not returned (round.toml not writable): %s", up.id, exc)
        request.scope["path_params"] = {"round_id": up.round, "code": up.agency}
        return await clerk_agency(request, RETURN_FAILED, 503)
    log.info("upload %d returned by %s", up.id, acct.username)
    return RedirectResponse(f"/quan-ly/{up.round}/co-quan/{up.agency}", status_code=303)


async def accept_upload(request: Request) -> Response:
    """The clerk accepts one upload without errors (it stays in the build, now checked)."""
    acct = need_clerk(request)
    await checked_form(request, max_files=0, max_fields=2)
    p = portal(request)
    up = p.store.upload(request.path_params["upload_id"])
    if up is None:
        raise HTTPException(404)
    await run_in_threadpool(p.store.accept_upload, up.id, acct.username)
    log.info("upload %d accepted by %s", up.id, acct.username)
    return RedirectResponse(f"/quan-ly/{up.round}/co-quan/{up.agency}", status_code=303)


async def accept_all(request: Request) -> Response:
    """Bulk: accept every agency's latest upload that has no errors and is not yet accepted."""
    acct, ctx = clerk_round(request)
    await checked_form(request, max_files=0, max_fields=2)
    p = portal(request)
    rows = agency_states(ctx.registry, p.store.uploads_of(ctx.round.id), ctx.round.deadline)
    for row in rows:
        if row.upload is not None and not row.upload.errors and row.upload.state == RECEIVED:
            await run_in_threadpool(p.store.accept_upload, row.upload.id, acct.username)
            log.info("upload %d accepted by %s (bulk)", row.upload.id, acct.username)
    return RedirectResponse(f"/quan-ly/{ctx.round.id}", status_code=303)


ACCOUNT_WORDS = {
    accounts.UNKNOWN_AGENCY: "Hãy chọn một cơ quan trong danh sách.",
    accounts.EXISTS: 'Đã có tài khoản {subject}. Để cấp mật khẩu mới, bấm "Cấp mật khẩu mới" '
    "ở dòng của tài khoản đó.",
    accounts.BAD_USERNAME: "Tên đăng nhập cần từ 1 đến 64 ký tự, không có dấu cách.",
    accounts.NO_SUCH_ACCOUNT: "Không có tài khoản {subject}.",
}
CLERK_RESET_WORDS = (
    "Mật khẩu của tài khoản cán bộ tổng hợp chỉ đặt lại bằng lệnh qnreport users reset "
    "trên máy chủ."
)


def accounts_view(
    request: Request, acct: Any, error: str = "", issued: dict[str, str] | None = None
) -> Response:
    """The accounts page; a password just issued is shown in this answer only (never
    kept in the session, never cached)."""
    p = portal(request)
    registry = accounts.agencies(p.store)
    status = 400 if error else 200
    reply = page(
        request,
        "accounts.html",
        status,
        account=acct,
        accounts=p.store.list_accounts(),
        registry=registry,
        error=error,
        issued=issued,
        sign_in_url=str(request.url_for("login_page")),
    )
    reply.headers["cache-control"] = "no-store"
    return reply


async def accounts_page(request: Request) -> Response:
    return accounts_view(request, need_clerk(request))


def _form_text(form: FormData, key: str) -> str:
    return unicodedata.normalize("NFC", str(form.get(key) or "").strip())


async def account_add(request: Request) -> Response:
    """Create an agency account with the same rules as ``qnreport users add``."""
    acct = need_clerk(request)
    form = await checked_form(request, max_files=0, max_fields=4)
    username, code = _form_text(form, "username"), _form_text(form, "agency")
    p = portal(request)
    try:
        password = await run_in_threadpool(
            accounts.create_account, p.store, username, "agency", code
        )
    except accounts.AccountError as exc:
        return accounts_view(request, acct, ACCOUNT_WORDS[exc.kind].format(subject=exc.subject))
    log.info("account %s (agency %s) created by %s", username, code, acct.username)
    return accounts_view(request, acct, issued={"username": username, "password": password})


async def account_reset(request: Request) -> Response:
    """A new password for an agency account, as ``qnreport users reset`` gives it."""
    acct = need_clerk(request)
    form = await checked_form(request, max_files=0, max_fields=3)
    username = _form_text(form, "username")
    p = portal(request)
    target = p.store.account(username)
    if target is not None and target.is_clerk:
        return accounts_view(request, acct, CLERK_RESET_WORDS)
    try:
        password = await run_in_threadpool(accounts.reset_password, p.store, username)
    except accounts.AccountError as exc:
        return accounts_view(request, acct, ACCOUNT_WORDS[exc.kind].format(subject=exc.subject))
    log.info("password of %s reset by %s", username, acct.username)
    return accounts_view(request, acct, issued={"username": username, "password": password})


def outputs_of(project: Project, round_id: str) -> list[tuple[str, str]]:
    folder = project.outputs / round_id
    return [
        (key, name) for key, name in output_names(round_id).items() if (folder / name).is_file()
    ]


NO_LIBREOFFICE = (
    "Chưa tạo được bản PDF: máy chủ chưa cài LibreOffice (chương trình soffice). Báo cáo "
    "Word và bảng tổng hợp Excel vẫn được lập; để có bản PDF, cài LibreOffice trên máy chủ "
    "rồi lập lại báo cáo."
)
PDF_FAILED = (
    "Chưa tạo được bản PDF: LibreOffice không chuyển được báo cáo. Báo cáo Word và bảng "
    "tổng hợp Excel vẫn được lập; hãy lập lại sau ít phút."
)
OUTPUT_LABELS = {
    "report": "Báo cáo (Word)",
    "pdf": "Báo cáo (PDF)",
    "summary": "Bảng tổng hợp (Excel)",
    "findings": "Kết quả kiểm tra các tệp",
    "changes": "Nhật ký lập báo cáo",
}


def build_view(
    request: Request, ctx: RoundContext, lines: list[str], error: str = "", notice: str = ""
) -> Response:
    outputs = outputs_of(portal(request).project, ctx.round.id)
    order = list(OUTPUT_LABELS)
    outputs.sort(key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    context = {
        "ctx": ctx,
        "lines": lines,
        "error": error,
        "notice": notice,
        "outputs": outputs,
        "labels": OUTPUT_LABELS,
        "has_soffice": find_soffice() is not None,
    }
    return page(request, "build.html", 409 if error else 200, **context)


async def build_page(request: Request) -> Response:
    _acct, ctx = clerk_round(request)
    return build_view(request, ctx, [])


def build_with_pdf(project: Project, round_id: str, pdf: bool, echo: Callable[[str], None]) -> str:
    """``qnreport build`` of the round, then its PDF by the build's own LibreOffice
    conversion when asked for; returns what the page says about the PDF ("" when made or
    not asked for). The build keeps an existing PDF in step with the report (made again
    or removed), so a PDF present after it is current."""
    build(project, BuildOptions(round_id=round_id), echo)
    names = output_names(round_id)
    report = project.outputs / round_id / names["report"]  # also when nothing changed
    if not pdf or not report.is_file() or (report.parent / names["pdf"]).is_file():
        return ""
    soffice = find_soffice()
    if soffice is None:
        return NO_LIBREOFFICE
    # under the round's lock, as the build itself: two clerks never write one PDF at once
    with round_lock(report.parent, round_id):
        made = convert_to_pdf(report, report.parent, soffice)
    return "" if made is not None else PDF_FAILED


async def build_report(request: Request) -> Response:
    acct, ctx = clerk_round(request)
    form = await checked_form(request, max_files=0, max_fields=3)
    lines: list[str] = []
    try:
        notice = await run_in_threadpool(
            build_with_pdf,
            portal(request).project,
            ctx.round.id,
            bool(form.get("pdf")),
            lines.append,
        )
    except QnreportError as exc:
        log.warning("build of %s by %s failed: %s", ctx.round.id, acct.username, exc)
        return build_view(request, ctx, lines, exc.format_message())
    if notice:
        log.warning("build of %s by %s: no PDF (%s)", ctx.round.id, acct.username, notice)
    return build_view(request, ctx, lines, notice=notice)


async def build_output(request: Request) -> Response:
    _acct, ctx = clerk_round(request)
    name = output_names(ctx.round.id).get(request.path_params["key"])
    path = portal(request).project.outputs / ctx.round.id / (name or "")
    if not name or not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, filename=name)


# ---------------------------------------------------------------------- errors, logging


async def login_required(request: Request, _exc: Exception) -> Response:
    if request.headers.get("hx-request"):
        return Response(status_code=401, headers={"HX-Redirect": "/dang-nhap"})
    return RedirectResponse("/dang-nhap", status_code=303)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = exc.status_code
    message = (
        exc.detail
        if exc.detail and exc.detail != _default_detail(code)
        else MESSAGES.get(code, MESSAGES[400])
    )
    try:
        return page(request, "error.html", code, message=message)
    except Exception:  # no session (a route-less 404 before the middleware): plain text
        return Response(message, status_code=code, media_type="text/plain; charset=utf-8")


def _default_detail(code: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(code).phrase


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("server error on %s %s", request.method, request.url.path, exc_info=exc)
    return Response(MESSAGES[500], status_code=500, media_type="text/plain; charset=utf-8")


class RequestLog:
    """One log line per request with the account; safe headers on every answer."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = [500]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            who = scope.get("state", {}).get("account", "-")
            ms = (time.perf_counter() - start) * 1000
            log.info("%s %s %s %d %.0fms", who, scope["method"], scope["path"], status[0], ms)


# ---------------------------------------------------------------------- the app


def create_app(
    project: Project,
    db_url: str,
    *,
    files: Path | None = None,
    workers: int | None = None,
    timeout: float = 60.0,
    https_only: bool = False,
    warm: bool = False,
) -> Starlette:
    store = Store(project, db_url, files)
    for left in store.sweep():
        log.warning("removed a file left half-written by a stopped server: %s", left)
    for name in store.restore_inputs():
        log.warning("copied again into inputs/ (the server had stopped before): %s", name)
    limits = Limits.load(project.templates / "limits.toml")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters.update(
        local_time=local_time, vn_date=vn_date, verdict=verdict_text, replaced=replaced_text
    )
    state = Portal(
        project=project,
        store=store,
        checker=Checker(project, workers or default_workers(), timeout),
        limits=limits,
        rounds=RoundIndex(project),
        templates=templates,
        user_throttle=LoginThrottle(5, 600),
        address_throttle=LoginThrottle(50, 600),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if warm:  # the server's first uploads do not wait for the workers to start
            try:
                await asyncio.wait_for(state.checker.warm(), timeout)
            except (TimeoutError, BrokenProcessPool, OSError) as exc:  # started on demand
                log.warning("checking workers not started ahead: %s", exc)
        yield
        state.checker.close()

    body_limit = limits.max_file_bytes + FORM_OVERHEAD
    get: list[str] = ["GET"]
    post: list[str] = ["POST"]
    routes = [
        Route("/", home, methods=get),
        Route("/dang-nhap", login_page, methods=get),
        Route("/dang-nhap", login, methods=post, max_body_size=FORM_OVERHEAD),
        Route("/dang-xuat", logout, methods=post, max_body_size=FORM_OVERHEAD),
        Route("/dot/{round_id}", agency_round, methods=get),
        Route("/dot/{round_id}/bieu-mau", agency_template, methods=get),
        Route("/dot/{round_id}/gui", agency_upload, methods=post, max_body_size=body_limit),
        Route(
            "/dot/{round_id}/khong-nhiem-vu",
            agency_no_task,
            methods=post,
            max_body_size=FORM_OVERHEAD,
        ),
        Route("/tep/{upload_id:int}", upload_page, methods=get),
        Route("/tep/{upload_id:int}/goc", upload_original, methods=get),
        Route("/tep/{upload_id:int}/danh-dau", upload_annotated, methods=get),
        Route(
            "/tep/{upload_id:int}/tra-lai", return_upload, methods=post, max_body_size=FORM_OVERHEAD
        ),
        Route(
            "/tep/{upload_id:int}/duyet", accept_upload, methods=post, max_body_size=FORM_OVERHEAD
        ),
        Route("/quan-ly/{round_id}/duyet", accept_all, methods=post, max_body_size=FORM_OVERHEAD),
        Route("/quan-ly/{round_id}", dashboard, methods=get),
        Route("/quan-ly/{round_id}/bang", dashboard, methods=get),
        Route("/quan-ly/{round_id}/co-quan/{code}", clerk_agency, methods=get),
        Route("/quan-ly/{round_id}/lap-bao-cao", build_page, methods=get),
        Route(
            "/quan-ly/{round_id}/lap-bao-cao",
            build_report,
            methods=post,
            max_body_size=FORM_OVERHEAD,
        ),
        Route("/quan-ly/{round_id}/ket-qua/{key}", build_output, methods=get),
        Route("/tai-khoan", accounts_page, methods=get),
        Route("/tai-khoan", account_add, methods=post, max_body_size=FORM_OVERHEAD),
        Route("/tai-khoan/dat-lai", account_reset, methods=post, max_body_size=FORM_OVERHEAD),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    handlers: dict[Any, Callable[..., Any]] = {
        LoginRequired: login_required,
        HTTPException: http_error,
        Exception: server_error,
    }
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(RequestLog),
            Middleware(
                SessionMiddleware,
                secret_key=store.secret(),
                session_cookie="qnreport_session",
                max_age=SESSION_SECONDS,
                same_site="lax",
                https_only=https_only,
            ),
        ],
        exception_handlers=handlers,
        lifespan=lifespan,
    )
    app.state.portal = state
    return app
