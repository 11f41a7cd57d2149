"""The portal's storage, on SQLite and on PostgreSQL: accounts, uploads with their history
never overwritten, files kept by content and copied into the round's inputs."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from web_support import portal_project

from qnreport.config.rounds import load_round
from qnreport.files import sha256_file
from qnreport.web.store import (
    RECEIVED,
    RETURNED,
    NewUpload,
    Store,
    StoreError,
    changes,
    schema_version,
)

POSTGRES_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

ERROR = {"level": "error", "code": "REQUIRED_MISSING", "sheet": "Thông tin chung", "cell": "B8"}


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database on each back end; PostgreSQL gets a database of its own, dropped
    afterwards (skipped when no server answers on 127.0.0.1:5432)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'portal.db'}"
        return
    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            name = f"qnreport_test_{uuid.uuid4().hex[:12]}"
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.skip(f"no PostgreSQL server at 127.0.0.1:5432 ({type(exc).__name__})")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    project = portal_project(tmp_path / "project")
    st = Store(project, db_url)
    yield st
    st.engine.dispose()


def sent(tmp_path: Path, content: bytes, name: str = "nop.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_schema_is_made_once_and_the_session_key_kept(store: Store) -> None:
    key = store.secret()
    again = Store(store.project, store.engine.url.render_as_string(hide_password=False))
    assert again.migrate() == 2
    assert again.secret() == key and len(key) >= 48
    again.engine.dispose()


def test_a_version_1_database_is_brought_to_version_2_and_keeps_its_uploads(
    store: Store, tmp_path: Path
) -> None:
    stored = store.keep_file(sent(tmp_path, b"valid workbook"), ".xlsx")
    old = store.add_upload(NewUpload("cn-2023", "SCT", "x.xlsx", "valid", []), stored, None, "sct")
    with store.engine.begin() as conn:  # the schema as version 1 of the store made it
        conn.execute(sa.text("ALTER TABLE qn_uploads DROP COLUMN no_task"))
        conn.execute(schema_version.update().values(version=1))
    url = store.engine.url.render_as_string(hide_password=False)
    store.engine.dispose()
    again = Store(store.project, url)
    with again.engine.connect() as conn:
        assert conn.execute(sa.select(schema_version.c.version)).scalar_one() == 2
    assert again.upload(old.id) == old and not old.no_task
    reply = NewUpload("cn-2023", "STC", "y.xlsx", "valid", [], "125/STC", None, no_task=True)
    new = again.add_upload(reply, stored, None, "stc")
    assert again.upload(new.id).no_task  # type: ignore[union-attr]
    again.engine.dispose()


def test_a_no_task_reply_is_recorded_as_such(store: Store, tmp_path: Path) -> None:
    stored = store.keep_file(sent(tmp_path, b"no task reply"), ".xlsx")
    reply = NewUpload("cn-2023", "STC", "y.xlsx", "valid", [], "125/STC", None, no_task=True)
    up = store.add_upload(reply, stored, None, "stc")
    assert up.no_task and store.uploads_of("cn-2023", "STC")[0].no_task
    plain = store.add_upload(NewUpload("cn-2023", "SCT", "x.xlsx", "valid", []), stored, None, "s")
    assert not plain.no_task


def test_accounts_are_added_listed_and_their_password_reset(store: Store) -> None:
    store.add_account("sct", "agency", "SCT", "hash-1")
    store.add_account("clerk", "clerk", "SCT", "hash-2")
    assert [(a.username, a.role, a.agency) for a in store.list_accounts()] == [
        ("sct", "agency", "SCT"),
        ("clerk", "clerk", None),
    ]
    assert store.set_password("sct", "hash-3")
    assert not store.set_password("nobody", "hash-4")
    found = store.account("sct")
    assert found is not None and found.password_hash == "hash-3"
    with pytest.raises(sa.exc.IntegrityError):
        store.add_account("sct", "agency", "STC", "hash-5")


def test_files_are_kept_by_content_and_never_rewritten(store: Store, tmp_path: Path) -> None:
    first = store.keep_file(sent(tmp_path, b"PK\x03\x04 one"), ".xlsx")
    digest, size, relative = first
    kept = store.path_of(relative)
    assert relative == f"{digest[:2]}/{digest}.xlsx" and size == 8
    assert sha256_file(kept) == digest
    inode = kept.stat().st_ino
    assert store.keep_file(sent(tmp_path, b"PK\x03\x04 one", "again.xlsx"), ".xlsx") == first
    assert kept.stat().st_ino == inode


def test_an_upload_without_errors_goes_into_the_round_inputs(store: Store, tmp_path: Path) -> None:
    stored = store.keep_file(sent(tmp_path, b"valid workbook"), ".xlsx")
    up = store.add_upload(
        NewUpload(
            "cn-2023", "SCT", "Báo cáo SCT.xlsx", "valid", [], "12/BC-SCT", dt.date(2023, 12, 15)
        ),
        stored,
        None,
        "sct",
    )
    assert up.input_name == f"cn-2023_SCT_{up.id}.xlsx"
    assert store.upload(up.id) == up  # the upload returned is the one recorded
    copy = store.project.inputs / "cn-2023" / up.input_name
    assert sha256_file(copy) == up.sha256
    assert (up.state, up.letter_number, up.letter_date) == (
        RECEIVED,
        "12/BC-SCT",
        dt.date(2023, 12, 15),
    )
    assert up.original_name == "Báo cáo SCT.xlsx"
    assert up.uploaded_at.tzinfo is not None


def test_an_upload_with_errors_is_kept_but_not_put_into_inputs(
    store: Store, tmp_path: Path
) -> None:
    stored = store.keep_file(sent(tmp_path, b"broken workbook"), ".xlsx")
    warning = {**ERROR, "level": "warning", "code": "LATE"}
    up = store.add_upload(
        NewUpload("cn-2023", "SCT", "x.xlsx", "errors", [ERROR, warning]), stored, None, "sct"
    )
    assert (up.errors, up.warnings, up.input_name) == (1, 1, None)
    assert store.upload(up.id) == up
    assert up.findings == [ERROR, warning]
    assert sorted(p.name for p in (store.project.inputs / "cn-2023").iterdir()) == ["round.toml"]
    assert store.path_of(up.stored_path).is_file()


def test_a_returned_upload_stays_in_inputs_excluded_and_its_history_is_only_added_to(
    store: Store, tmp_path: Path
) -> None:
    stored = store.keep_file(sent(tmp_path, b"valid workbook"), ".xlsx")
    up = store.add_upload(NewUpload("cn-2023", "SCT", "x.xlsx", "valid", []), stored, None, "sct")
    assert up.input_name is not None
    back = store.return_upload(up.id, "clerk", "Số liệu chỉ tiêu 3 chưa khớp với Cục Thống kê.")
    assert back is not None and back.state == RETURNED
    # no command deletes an input file: the copy stays, excluded from every build
    assert sha256_file(store.project.inputs / "cn-2023" / up.input_name) == up.sha256
    assert load_round(store.project.inputs / "cn-2023").exclude == (up.input_name,)
    assert store.path_of(up.stored_path).is_file()
    assert [(c.by, c.from_state, c.to_state, c.reason) for c in back.history] == [
        ("sct", None, RECEIVED, ""),
        ("clerk", RECEIVED, RETURNED, "Số liệu chỉ tiêu 3 chưa khớp với Cục Thống kê."),
    ]
    store.return_upload(up.id, "clerk", "lần hai")
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(changes)).scalar_one() == 2


def test_uploads_of_a_round_and_of_one_agency(store: Store, tmp_path: Path) -> None:
    for agency, content in (("SCT", b"a"), ("STC", b"b"), ("SCT", b"c")):
        stored = store.keep_file(sent(tmp_path, content), ".xlsx")
        store.add_upload(
            NewUpload("cn-2023", agency, "x.xlsx", "errors", [ERROR]), stored, None, agency
        )
    assert [u.agency for u in store.uploads_of("cn-2023")] == ["SCT", "STC", "SCT"]
    assert [u.sha256 for u in store.uploads_of("cn-2023", "SCT")] == [
        sha256_file(sent(tmp_path, b"a")),
        sha256_file(sent(tmp_path, b"c")),
    ]
    assert store.uploads_of("tcc-222-2024") == []


def test_a_copy_lost_between_recording_and_naming_is_made_again(
    store: Store, tmp_path: Path
) -> None:
    kept = store.keep_file(sent(tmp_path, b"valid workbook"), ".xlsx")
    up = store.add_upload(NewUpload("cn-2023", "SCT", "x.xlsx", "valid", []), kept, None, "sct")
    back = store.add_upload(NewUpload("cn-2023", "STC", "y.xlsx", "valid", []), kept, None, "stc")
    store.return_upload(back.id, "clerk", "sai cơ quan")
    copy = store.project.inputs / "cn-2023" / str(up.input_name)
    copy.unlink()  # the server stopped after the commit, before the rename
    assert store.restore_inputs() == [f"cn-2023/{up.input_name}"]
    assert sha256_file(copy) == up.sha256
    assert store.restore_inputs() == []
    assert load_round(store.project.inputs / "cn-2023").exclude == (back.input_name,)


def test_an_inputs_copy_that_cannot_be_written_records_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = store.keep_file(sent(tmp_path, b"valid workbook"), ".xlsx")

    def disk_full(_source: Path, _target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(StoreError):
        store.add_upload(NewUpload("cn-2023", "SCT", "x.xlsx", "valid", []), kept, None, "sct")
    assert store.uploads_of("cn-2023") == []
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(changes)).scalar_one() == 0
    assert [p.name for p in (store.project.inputs / "cn-2023").glob(".*")] == []


def test_leftovers_of_a_stopped_server_are_swept_and_kept_files_are_not(
    store: Store, tmp_path: Path
) -> None:
    _digest, _size, relative = store.keep_file(sent(tmp_path, b"kept"), ".xlsx")
    incoming = store.files / ".incoming" / "tmpab12.part"
    incoming.parent.mkdir(parents=True, exist_ok=True)
    incoming.write_bytes(b"half")
    half = store.files / relative[:2] / ".abc.xlsx.x1y2.tmp"
    half.write_bytes(b"half")
    copy = store.project.inputs / "cn-2023" / ".cn-2023_SCT_1.xlsx.k3j4.tmp"
    copy.write_bytes(b"half")
    assert store.sweep(older_than=3600) == []  # maybe still being written by another server
    assert sorted(store.sweep(older_than=0)) == sorted([incoming, half, copy])
    assert store.path_of(relative).is_file() and not incoming.exists() and not half.exists()


def test_a_return_that_cannot_write_round_toml_changes_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = store.keep_file(sent(tmp_path, b"valid workbook"), ".xlsx")
    up = store.add_upload(NewUpload("cn-2023", "SCT", "x.xlsx", "valid", []), stored, None, "sct")
    before = (store.project.inputs / "cn-2023" / "round.toml").read_bytes()

    def disk_full(_source: object, _target: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", disk_full)
        with pytest.raises(StoreError):
            store.return_upload(up.id, "clerk", "sai số liệu")
    assert store.upload(up.id).state == RECEIVED  # type: ignore[union-attr]
    assert (store.project.inputs / "cn-2023" / "round.toml").read_bytes() == before
