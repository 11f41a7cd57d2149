"""The portal killed in the middle of a burst of uploads: nothing acknowledged is lost, no
half-written file is left where anyone reads, and the next start repairs what it can."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx2 as httpx
from conftest import WorkbookFactory
from web_support import PASSWORD, add_accounts, portal_project

from qnreport.files import sha256_file
from qnreport.web.store import RECEIVED, Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_server_killed_mid_upload_loses_nothing_acknowledged(
    tmp_path: Path, filled_workbook: WorkbookFactory
) -> None:
    project = portal_project(tmp_path / "project", deadline="2099-12-31")
    db = f"sqlite:///{tmp_path / 'portal.db'}"
    add_accounts(Store(project, db), "SCT")
    files = [filled_workbook("SCT"), filled_workbook("SCT", values={"NGUOI_KY": None})]
    port = free_port()
    command = [sys.executable, "-c", "from qnreport.cli import main; main()"]
    command += ["--project", str(project.root), "serve", "--port", str(port), "--db", db]
    server = subprocess.Popen(
        [*command, "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes its workers too
    )
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[int] = []
    failures: list[str] = []

    def agency() -> None:
        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as c:
            for _ in range(100):
                try:
                    token = re.findall(r'name="csrf" value="([^"]+)"', c.get("/dang-nhap").text)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            data = {"username": "sct", "password": PASSWORD, "csrf": token[0]}
            page = c.post("/dang-nhap", data=data).text
            token = re.findall(r'name="csrf" value="([^"]+)"', page)
            for n in range(400):
                path = files[n % 2]
                try:
                    with path.open("rb") as fh:
                        reply = c.post(
                            "/dot/cn-2023/gui",
                            data={"csrf": token[0]},
                            files={"file": (path.name, fh)},
                        )
                except httpx.TransportError as exc:
                    failures.append(type(exc).__name__)
                    return
                found = re.search(r"/tep/(\d+)$", str(reply.url))
                if reply.status_code == 200 and found:
                    acknowledged.append(int(found.group(1)))

    sender = threading.Thread(target=agency)
    sender.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 6 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(10)
    sender.join(30)
    assert len(acknowledged) >= 6 and failures, "the kill did not interrupt the uploads"

    store = Store(project, db)  # what the next start sees
    store.sweep(older_than=0)
    store.restore_inputs()
    recorded = {u.id: u for u in store.uploads_of("cn-2023")}
    assert set(acknowledged) <= set(recorded)
    for up in recorded.values():
        assert sha256_file(store.path_of(up.stored_path)) == up.sha256
    expected = {u.input_name for u in recorded.values() if not u.errors and u.state == RECEIVED}
    visible = {p.name for p in (project.inputs / "cn-2023").iterdir()} - {"round.toml"}
    assert visible == expected
    for name in expected:
        assert sha256_file(project.inputs / "cn-2023" / str(name)) == sha256_file(files[0])
    leftovers = [p for p in store.files.rglob("*") if p.suffix in (".part", ".tmp")]
    leftovers += list(project.inputs.glob("*/.*"))
    assert leftovers == []
