"""What the portal keeps: accounts, uploads and their history, and the files themselves.

The database is SQLite by default (one file) or PostgreSQL (``postgresql://…``) so that
several server processes share a round; the tables are SQLAlchemy Core. The schema is
versioned by a one-row table and a list of steps run in order at start-up (see
:data:`MIGRATIONS`): two small steps do not need Alembic's script folder yet.

Files are kept content-addressed (``store/ab/abcd….xlsx``), checked against their sha256,
never overwritten or deleted. An upload without errors is also copied atomically into
``inputs/<round>/<round>_<AGENCY>_<n>.xlsx``, where ``qnreport build`` reads it; a
returned upload's copy stays there (no command deletes an input file) and is named in the
round's ``exclude`` list of round.toml, which every build honours. History rows are only
ever added.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from filelock import FileLock, Timeout
from sqlalchemy.engine import Connection, Engine

from ..config.project import Project
from ..config.rounds import exclude_file
from ..errors import OutputError, QnreportError
from ..files import atomic_write, sha256_file, system_failure

ROLES = ("agency", "clerk")
RECEIVED = "received"
RETURNED = "returned"
ACCEPTED = "accepted"  # the clerk has looked and takes the upload as it is

metadata = sa.MetaData()

schema_version = sa.Table(
    "qn_schema_version", metadata, sa.Column("version", sa.Integer, nullable=False)
)

settings = sa.Table(
    "qn_settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

accounts = sa.Table(
    "qn_accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("agency", sa.String(16)),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

uploads = sa.Table(
    "qn_uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("round", sa.String(64), nullable=False, index=True),
    sa.Column("agency", sa.String(16), nullable=False, index=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("original_name", sa.Text, nullable=False),
    sa.Column("stored_path", sa.Text, nullable=False),
    sa.Column("verdict", sa.String(16), nullable=False),
    sa.Column("errors", sa.Integer, nullable=False),
    sa.Column("warnings", sa.Integer, nullable=False),
    sa.Column("findings", sa.Text, nullable=False),
    sa.Column("letter_number", sa.Text, nullable=False, server_default=""),
    sa.Column("letter_date", sa.Date),
    sa.Column("annotated_path", sa.Text),
    sa.Column("input_name", sa.Text),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("uploaded_by", sa.String(64), nullable=False),
    # Schema 2: the reply says "không được giao nhiệm vụ" (the one-click reply, or a
    # workbook filled that way).
    sa.Column("no_task", sa.Boolean, nullable=False, server_default=sa.false()),
)

changes = sa.Table(
    "qn_state_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("upload_id", sa.Integer, sa.ForeignKey("qn_uploads.id"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("by", sa.String(64), nullable=False),
    sa.Column("from_state", sa.String(16)),
    sa.Column("to_state", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[settings, accounts, uploads, changes])
    conn.execute(settings.insert().values(key="secret", value=secrets.token_urlsafe(48)))


def _v2(conn: Connection) -> None:
    """Uploads say whether the reply is "không được giao nhiệm vụ" (false for the older).
    A database made by version 1 of this module gets the column; a fresh one already has
    it (step 1 creates the tables as they are now)."""
    if "no_task" in {c["name"] for c in sa.inspect(conn).get_columns(uploads.name)}:
        return
    false = "0" if conn.dialect.name == "sqlite" else "false"
    conn.execute(
        sa.text(f"ALTER TABLE {uploads.name} ADD COLUMN no_task BOOLEAN NOT NULL DEFAULT {false}")
    )


#: Schema steps in order; step i brings the schema from version i to i + 1.
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(when: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; every time stored is UTC."""
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    role: str
    agency: str | None
    password_hash: str

    @property
    def is_clerk(self) -> bool:
        return self.role == "clerk"


@dataclass(frozen=True)
class Change:
    upload_id: int
    at: dt.datetime
    by: str
    from_state: str | None
    to_state: str
    reason: str


@dataclass(frozen=True)
class Upload:
    id: int
    round: str
    agency: str
    sha256: str
    size: int
    original_name: str
    stored_path: str
    verdict: str
    errors: int
    warnings: int
    findings: list[dict[str, str]]
    letter_number: str
    letter_date: dt.date | None
    annotated_path: str | None
    input_name: str | None
    uploaded_at: dt.datetime
    uploaded_by: str
    history: tuple[Change, ...] = ()
    no_task: bool = False

    @property
    def state(self) -> str:
        return self.history[-1].to_state if self.history else RECEIVED

    @property
    def returned(self) -> Change | None:
        return self.history[-1] if self.state == RETURNED else None

    @property
    def accepted(self) -> Change | None:
        return self.history[-1] if self.state == ACCEPTED else None


@dataclass(frozen=True)
class NewUpload:
    """What a checked upload brings to :meth:`Store.add_upload`."""

    round: str
    agency: str
    original_name: str
    verdict: str
    findings: list[dict[str, str]]
    letter_number: str = ""
    letter_date: dt.date | None = None
    no_task: bool = False


class StoreError(Exception):
    """The file store cannot be written (full disk, no permission): the page says so."""


def input_name(round_id: str, agency: str, upload_id: int, relative: str) -> str:
    """The name of an accepted upload in ``inputs/<round>/``, from the portal's own data."""
    return f"{round_id}_{agency}_{upload_id}{Path(relative).suffix}"


def database_url(project: Project, db: str | None) -> str:
    """``--db`` as SQLAlchemy wants it: a path or nothing means SQLite, ``postgresql://``
    is driven by psycopg 3."""
    if not db:
        path = project.outputs / "web" / "portal.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if db.startswith("postgresql://"):
        return "postgresql+psycopg://" + db.removeprefix("postgresql://")
    if "://" in db:
        return db
    Path(db).parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{db}"


class Store:
    """The portal's database and files for one project."""

    def __init__(self, project: Project, url: str, files: Path | None = None) -> None:
        self.project = project
        self.files = files or project.outputs / "web" / "store"
        sqlite = url.startswith("sqlite")
        # A ping before each use finds a PostgreSQL connection the server closed; a SQLite
        # file has no connection to lose.
        self.engine: Engine = sa.create_engine(url, future=True, pool_pre_ping=not sqlite)
        self._write_turn: contextlib.AbstractContextManager[Any] = (
            threading.Lock() if sqlite else contextlib.nullcontext()
        )
        if sqlite:
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> int:
        """Bring the schema up to date; returns the version now in place."""
        with self.engine.begin() as conn:
            metadata.create_all(conn, tables=[schema_version])
            row = conn.execute(sa.select(schema_version.c.version)).first()
            version = row[0] if row else 0
            for step in MIGRATIONS[version:]:
                step(conn)
            if row is None:
                conn.execute(schema_version.insert().values(version=len(MIGRATIONS)))
            else:
                conn.execute(schema_version.update().values(version=len(MIGRATIONS)))
        return len(MIGRATIONS)

    def secret(self) -> str:
        """The key that signs session cookies, shared by every server on this database."""
        with self.engine.connect() as conn:
            return str(
                conn.execute(
                    sa.select(settings.c.value).where(settings.c.key == "secret")
                ).scalar_one()
            )

    # ------------------------------------------------------------------ accounts

    def add_account(
        self, username: str, role: str, agency: str | None, password_hash: str
    ) -> Account:
        if role not in ROLES:
            raise ValueError(f"role {role!r}")
        with self._writing() as conn:
            new_id = conn.execute(
                accounts.insert().values(
                    username=username,
                    role=role,
                    agency=agency if role == "agency" else None,
                    password_hash=password_hash,
                    created_at=utcnow(),
                )
            ).inserted_primary_key
        assert new_id is not None
        return Account(
            int(new_id[0]), username, role, agency if role == "agency" else None, password_hash
        )

    def account(self, username: str) -> Account | None:
        with self.engine.connect() as conn:
            row = conn.execute(accounts.select().where(accounts.c.username == username)).first()
        return _account(row) if row else None

    def account_by_id(self, account_id: int) -> Account | None:
        with self.engine.connect() as conn:
            row = conn.execute(accounts.select().where(accounts.c.id == account_id)).first()
        return _account(row) if row else None

    def list_accounts(self) -> list[Account]:
        with self.engine.connect() as conn:
            rows = conn.execute(accounts.select().order_by(accounts.c.role, accounts.c.username))
            return [_account(r) for r in rows]

    def set_password(self, username: str, password_hash: str) -> bool:
        with self._writing() as conn:
            done = conn.execute(
                accounts.update()
                .where(accounts.c.username == username)
                .values(password_hash=password_hash)
            )
        return bool(done.rowcount)

    # ------------------------------------------------------------------ files

    def keep_file(self, source: Path, suffix: str) -> tuple[str, int, str]:
        """Copy ``source`` into the content-addressed store; (sha256, size, stored path
        relative to the store). A file already there is checked, never rewritten."""
        digest = sha256_file(source)
        relative = f"{digest[:2]}/{digest}{suffix}"
        target = self.files / relative
        try:
            if target.is_file() and sha256_file(target) == digest:
                return digest, target.stat().st_size, relative
            with atomic_write(target) as tmp:
                shutil.copyfile(source, tmp)
            if sha256_file(target) != digest:
                raise StoreError(f"{target}: checksum differs after writing")
        except OutputError as exc:
            raise StoreError(exc.format_message()) from exc
        except OSError as exc:
            raise StoreError(f"{target}: {exc}") from exc
        return digest, target.stat().st_size, relative

    def sweep(self, older_than: float = 3600.0) -> list[Path]:
        """Remove what a killed server left half-written: received files not yet kept and
        temporary files of writes never renamed into place (in the store and inputs/).
        Only those older than ``older_than`` seconds, so that servers sharing the store
        keep their writes in flight. The files kept are never touched."""
        cutoff = time.time() - older_than
        places = [(self.files, ".incoming/*"), (self.files, "**/.*.tmp")]
        places.append((self.project.inputs, "*/.*.tmp"))  # qnreport itself never writes inputs
        leftovers = [
            p
            for folder, pattern in places
            for p in folder.glob(pattern)
            if p.is_file() and p.stat().st_mtime <= cutoff
        ]
        for path in leftovers:
            path.unlink(missing_ok=True)
        return leftovers

    def path_of(self, relative: str) -> Path:
        return self.files / relative

    # ------------------------------------------------------------------ uploads

    def add_upload(
        self,
        new: NewUpload,
        stored: tuple[str, int, str],
        annotated: str | None,
        by: str,
    ) -> Upload:
        """Record a checked upload; one without errors goes into the round's inputs.

        The copy is written first as a hidden temporary file of ``inputs/<round>/``, the
        rows are committed, and the copy is renamed into place after: a crash in between
        leaves a recorded upload whose copy :meth:`restore_inputs` makes again (and a
        temporary file :meth:`sweep` removes), never a file in ``inputs/`` that the portal
        does not know. No file is written while the database is locked for writing."""
        digest, size, relative = stored
        errors = sum(1 for f in new.findings if f["level"] == "error")
        now = utcnow()
        pending = None if errors else self._pending_copy(new.round, relative, now)
        # the row as stored, and as :meth:`upload` would read it back
        row: dict[str, Any] = {
            "round": new.round,
            "agency": new.agency,
            "sha256": digest,
            "size": size,
            "original_name": new.original_name,
            "stored_path": relative,
            "verdict": new.verdict,
            "errors": errors,
            "warnings": len(new.findings) - errors,
            "letter_number": new.letter_number,
            "letter_date": new.letter_date,
            "annotated_path": annotated,
            "uploaded_at": now,
            "uploaded_by": by,
            "no_task": new.no_task,
        }
        findings = json.dumps(new.findings, ensure_ascii=False)
        try:
            with self._writing() as conn:
                key = conn.execute(
                    uploads.insert().values(**row, findings=findings, input_name=None)
                ).inserted_primary_key
                assert key is not None
                upload_id = int(key[0])
                conn.execute(
                    changes.insert().values(
                        upload_id=upload_id, at=now, by=by, from_state=None, to_state=RECEIVED
                    )
                )
                name = input_name(new.round, new.agency, upload_id, relative)
                if pending is not None:
                    conn.execute(
                        uploads.update().where(uploads.c.id == upload_id).values(input_name=name)
                    )
            if pending is not None:
                self._name_copy(pending, new.round, name)
                pending = None
        finally:
            if pending is not None:
                pending.unlink(missing_ok=True)
        return Upload(
            id=upload_id,
            **row,
            findings=json.loads(findings),
            input_name=None if errors else name,
            history=(Change(upload_id, now, by, None, RECEIVED, ""),),
        )

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction. On SQLite the server's threads take turns here: SQLite lets
        one writer in at a time, and a writer that finds the database locked sleeps and
        retries (1, 2, 5 … 100 ms), which made a burst of uploads wait far longer than the
        writes themselves take."""
        with self._write_turn, self.engine.begin() as conn:
            yield conn

    def _pending_copy(self, round_id: str, relative: str, uploaded_at: dt.datetime) -> Path:
        """A kept file copied (and synced) as a hidden temporary file of the round's
        inputs, not yet named. The copy's time is the upload's: the CLI orders two letters
        of the same date and number by their files' times."""
        folder = self.project.inputs / round_id
        tmp: Path | None = None
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{round_id}_", suffix=".tmp", dir=folder)
            os.close(fd)
            tmp = Path(tmp_name)
            shutil.copyfile(self.path_of(relative), tmp)
            with tmp.open("rb+") as out:
                os.fsync(out.fileno())
            stamp = _aware(uploaded_at).timestamp()
            os.utime(tmp, (stamp, stamp))
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        except OSError as exc:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            raise StoreError(f"inputs/{round_id}: {system_failure(exc)}") from exc
        return tmp

    def _name_copy(self, pending: Path, round_id: str, name: str) -> None:
        try:
            os.replace(pending, self.project.inputs / round_id / name)
        except OSError as exc:
            raise StoreError(f"inputs/{round_id}/{name}: {system_failure(exc)}") from exc

    def _into_inputs(
        self, round_id: str, name: str, relative: str, uploaded_at: dt.datetime
    ) -> None:
        """Copy a kept file into the round's inputs under its name."""
        pending = self._pending_copy(round_id, relative, uploaded_at)
        try:
            self._name_copy(pending, round_id, name)
        finally:
            pending.unlink(missing_ok=True)

    def restore_inputs(self) -> list[str]:
        """Copy again into ``inputs/`` every upload without errors, not returned, whose copy
        is missing (a server stopped between recording it and naming its copy)."""
        with self.engine.connect() as conn:
            rows = conn.execute(uploads.select().where(uploads.c.input_name.is_not(None))).all()
        restored = []
        for row in rows:
            target = self.project.inputs / row.round / row.input_name
            if target.exists():
                continue
            found = self.upload(row.id)
            if found is not None and found.state != RETURNED:
                self._into_inputs(row.round, row.input_name, row.stored_path, row.uploaded_at)
                restored.append(f"{row.round}/{row.input_name}")
        return restored

    def return_upload(self, upload_id: int, by: str, reason: str) -> Upload | None:
        """Send an upload back: kept in the store, the history and ``inputs/``, out of the
        build (its copy is excluded in round.toml before the state changes)."""
        found = self.upload(upload_id)
        if found is None or found.state == RETURNED:
            return found
        if found.input_name:
            self._exclude(found.round, found.input_name)
        self._change_state(found, by, RETURNED, reason)
        return self.upload(upload_id)

    def _exclude(self, round_id: str, name: str) -> None:
        """List an inputs copy in round.toml's ``exclude``; one server at a time edits it."""
        try:
            self.files.mkdir(parents=True, exist_ok=True)
            with FileLock(self.files / ".round-toml.lock", timeout=30):
                exclude_file(self.project.inputs / round_id, name)
        except QnreportError as exc:
            raise StoreError(exc.format_message()) from exc
        except (OSError, Timeout) as exc:
            raise StoreError(f"inputs/{round_id}/round.toml: {exc}") from exc

    def accept_upload(self, upload_id: int, by: str) -> Upload | None:
        """The clerk takes an upload without errors as it is: kept in the history; an upload
        with errors or returned cannot be accepted (it is the agency's to correct)."""
        found = self.upload(upload_id)
        if found is None or found.state != RECEIVED or found.errors:
            return found
        self._change_state(found, by, ACCEPTED, "")
        return self.upload(upload_id)

    def _change_state(self, upload: Upload, by: str, state: str, reason: str) -> None:
        """An upload's state changes only by a new row of its history, never in place."""
        with self._writing() as conn:
            conn.execute(
                changes.insert().values(
                    upload_id=upload.id,
                    at=utcnow(),
                    by=by,
                    from_state=upload.state,
                    to_state=state,
                    reason=reason,
                )
            )

    def upload(self, upload_id: int) -> Upload | None:
        rows = self._uploads(uploads.c.id == upload_id)
        return rows[0] if rows else None

    def uploads_of(self, round_id: str, agency: str | None = None) -> list[Upload]:
        """A round's uploads (one agency's, when given), oldest first."""
        where = uploads.c.round == round_id
        if agency is not None:
            where = sa.and_(where, uploads.c.agency == agency)
        return self._uploads(where)

    def _uploads(self, where: Any) -> list[Upload]:
        with self.engine.connect() as conn:
            rows = conn.execute(uploads.select().where(where).order_by(uploads.c.id)).all()
            ids = [r.id for r in rows]
            history: dict[int, list[Change]] = {i: [] for i in ids}
            for chunk in _chunks(ids, 500):
                query = changes.select().where(changes.c.upload_id.in_(chunk))
                for c in conn.execute(query.order_by(changes.c.id)):
                    history[c.upload_id].append(
                        Change(c.upload_id, _aware(c.at), c.by, c.from_state, c.to_state, c.reason)
                    )
        return [_upload(r, tuple(history[r.id])) for r in rows]


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _account(row: Any) -> Account:
    return Account(row.id, row.username, row.role, row.agency, row.password_hash)


def _upload(row: Any, history: tuple[Change, ...]) -> Upload:
    return Upload(
        id=row.id,
        round=row.round,
        agency=row.agency,
        sha256=row.sha256,
        size=row.size,
        original_name=row.original_name,
        stored_path=row.stored_path,
        verdict=row.verdict,
        errors=row.errors,
        warnings=row.warnings,
        findings=json.loads(row.findings),
        letter_number=row.letter_number,
        letter_date=row.letter_date,
        annotated_path=row.annotated_path,
        input_name=row.input_name,
        uploaded_at=_aware(row.uploaded_at),
        uploaded_by=row.uploaded_by,
        history=history,
        no_task=bool(row.no_task),
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """WAL lets pages read while an upload is written; foreign keys are checked."""
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
