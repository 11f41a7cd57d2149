"""What makes rebuilds trustworthy: reproducible files, a cache of parsed submissions, a
manifest of what a build used, the change log, the history of replaced reports, a lock.

Decisions are made on content hashes, never on file times.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import LockedError
from .findings import Finding, Level
from .safeio import atomic_write, write_text_atomic
from .submission import Submission, from_dict, to_dict
from .vntext import format_number

if TYPE_CHECKING:
    from .consolidate import Consolidation

CACHE_FORMAT = 1
MANIFEST = "build.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- reproducible zips
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
_CORE = "docProps/core.xml"
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., file name and extra lengths


def make_reproducible(path: Path, when: dt.date) -> None:
    """Rewrite an Office zip with fixed entry times and document dates, so the same inputs
    give the same bytes on any day and machine.

    Only the headers and docProps/core.xml depend on the clock: every other deflated part
    is copied as it is, never inflated and deflated again (that was most of the time);
    parts stored uncompressed are deflated."""
    stamp = dt.datetime(when.year, when.month, when.day, 8, 0, 0)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    blob = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(blob)) as src:
        infos = src.infolist()
        parts = {
            info.filename: src.read(info)
            for info in infos
            if info.filename == _CORE or info.compress_type != zipfile.ZIP_DEFLATED
        }
    with atomic_write(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            if info.filename in parts:
                data = parts[info.filename]
                if info.filename == _CORE:
                    data = _CORE_DATES.sub(lambda m: m.group(1) + iso + m.group(3), data)
                out.writestr(fixed, data, compresslevel=6)
            else:
                fixed.CRC, fixed.file_size = info.CRC, info.file_size
                _write_deflated(out, fixed, _deflated_bytes(blob, info))


def _deflated_bytes(blob: bytes, info: zipfile.ZipInfo) -> bytes:
    """The compressed data of ``info`` as it lies in the zip ``blob``."""
    signature, name_len, extra_len = _LOCAL_HEADER.unpack_from(blob, info.header_offset)
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{info.filename}: không thấy phần đầu của tệp trong gói zip")
    start = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len
    data = blob[start : start + info.compress_size]
    if len(data) != info.compress_size:
        raise zipfile.BadZipFile(f"{info.filename}: gói zip bị cắt cụt")
    return data


def _write_deflated(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    """Add an entry whose deflated bytes are known (``info`` holds its CRC and size).

    zipfile has no public way to do this (python/cpython#113924): these are the steps of
    its own ``ZipFile.mkdir``, with the data written after the header."""
    assert out.fp is not None
    info.compress_size = len(data)
    out.fp.seek(out.start_dir)
    info.header_offset = out.fp.tell()
    out.fp.write(info.FileHeader())
    out.fp.write(data)
    out.filelist.append(info)
    out.NameToInfo[info.filename] = info
    out.start_dir = out.fp.tell()


# ---------------------------------------------------------------- cache of submissions
class Cache:
    """Parsed submissions by content hash, as JSON (never pickle: the files come from
    outside). Anything unreadable or from another version is ignored and rebuilt."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key  # outline digest + qnreport version: a change invalidates entries

    def _path(self, digest: str) -> Path:
        return self.folder / f"{digest}.json"

    def __contains__(self, digest: str) -> bool:
        return bool(digest) and self._path(digest).is_file()

    def get(self, digest: str) -> tuple[Submission | None, list[Finding]] | None:
        path = self._path(digest)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT or data.get("key") != self.key:
                return None
            sub = from_dict(data["submission"]) if data["submission"] is not None else None
            if sub is not None and sub.digest != digest:
                return None  # another file's entry (copied or renamed): not this file's
            findings = [
                Finding(
                    Level[f["level"].upper()],
                    f["code"],
                    f["message"],
                    "",
                    f["sheet"],
                    f["cell"],
                    f["label"],
                )
                for f in data["findings"]
            ]
        except Exception:  # whatever the damage (bad decimal, deep nesting...): a miss
            return None
        return sub, findings

    def put(self, digest: str, sub: Submission | None, findings: list[Finding]) -> None:
        data = {
            "format": CACHE_FORMAT,
            "key": self.key,
            "submission": to_dict(sub) if sub is not None else None,
            "findings": [f.as_dict() for f in findings],
        }
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self._path(digest), json.dumps(data, ensure_ascii=False))


# ---------------------------------------------------------------- lock
@contextlib.contextmanager
def round_lock(folder: Path, round_id: str) -> Iterator[None]:
    """One build per round at a time; the second is refused with a clear message."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".lock"
    fh: IO[str] = path.open("a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise LockedError(
                f"Đợt {round_id} đang được lập bởi một tiến trình khác (PID {holder}). "
                "Hãy đợi tiến trình đó xong rồi chạy lại."
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.close()


# ---------------------------------------------------------------- manifest and changes
@dataclass
class Manifest:
    """What one build used and produced, and a snapshot of its figures for the change log."""

    inputs: dict[str, str]
    templates: dict[str, str]
    version: str
    options: dict[str, str]
    outputs: dict[str, str]
    snapshot: dict[str, Any]
    built_at: str = ""

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None

    def save(self, path: Path) -> None:
        write_text_atomic(
            path, json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True)
        )

    def same_sources(self, other: Manifest) -> bool:
        return (
            self.inputs == other.inputs
            and self.templates == other.templates
            and self.version == other.version
            and self.options == other.options
        )


def hash_tree(files: list[Path], root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)) if p.is_relative_to(root) else str(p): sha256_file(p)
        for p in sorted(files)
    }


def template_files(templates: Path) -> list[Path]:
    return sorted(
        p for p in templates.rglob("*") if p.is_file() and not p.name.startswith((".", "~$"))
    )


def _fmt(value: str | None) -> str:
    return "trống" if value is None else format_number(Decimal(value))


def snapshot(cons: Consolidation) -> dict[str, Any]:
    """Consolidated figures and who wrote what, in a form that survives JSON."""
    return {
        "agencies": {s.agency.code: s.submission.digest for s in cons.used if s.submission},
        "files": {s.agency.code: s.file for s in cons.used},
        "indicators": {
            r.indicator.code: None if r.actual is None else str(r.actual) for r in cons.indicators
        },
        "names": {r.indicator.code: r.indicator.name for r in cons.indicators},
        "texts": {
            f"{sid}|{e.agency.code}": hashlib.sha256(e.text.encode()).hexdigest()[:16]
            for sid, entries in cons.sections.items()
            for e in entries
        },
    }


def change_log(old: dict[str, Any] | None, new: dict[str, Any], cons: Consolidation) -> list[str]:
    """Vietnamese lines: files added/replaced/withdrawn, figures moved, texts changed."""
    if not old:
        return ["Lần lập đầu tiên của đợt này."]
    registry, outline = cons.ctx.registry, cons.outline
    lines: list[str] = []

    def name(code: str) -> str:
        agency = registry.find(code)
        return agency.name if agency else code

    before, after = old.get("agencies", {}), new["agencies"]
    for code in sorted(set(before) | set(after), key=registry.rank):
        if code not in before:
            lines.append(f"- Thêm: {name(code)} ({new['files'].get(code, '')}).")
        elif code not in after:
            lines.append(f"- Rút khỏi báo cáo: {name(code)}.")
        elif before[code] != after[code]:
            lines.append(f"- Thay tệp: {name(code)} ({new['files'].get(code, '')}).")
    old_values = old.get("indicators", {})
    for code, value in new["indicators"].items():
        if code in old_values and old_values[code] != value:
            label = f"{code} ({new['names'][code]})"
            lines.append(f"- Chỉ tiêu {label}: {_fmt(old_values[code])} → {_fmt(value)}.")
    old_texts, new_texts = old.get("texts", {}), new["texts"]
    changed: dict[str, list[str]] = {}
    for key in sorted(set(old_texts) | set(new_texts)):
        if old_texts.get(key) != new_texts.get(key):
            sid, code = key.split("|")
            changed.setdefault(sid, []).append(name(code))
    for sid, names in changed.items():
        section = next((s for s in outline.sections if s.id == sid), None)
        label = f"{section.number} {section.title}" if section else sid
        lines.append(f"- Nội dung đề mục {label}: thay đổi ở {', '.join(names)}.")
    return lines or ["Không có thay đổi về số liệu và nội dung."]


def keep_history(report: Path, history: Path, built_at: str) -> Path | None:
    """Move the report a rebuild replaces into history/, named by build time and hash."""
    if not report.is_file():
        return None
    history.mkdir(parents=True, exist_ok=True)
    stamp = re.sub(r"[^0-9T]", "", built_at)[:15] or "truoc"
    target = history / f"{stamp}_{sha256_file(report)[:12]}_{report.name}"
    if not target.exists():
        shutil.copy2(report, target)
    return target


def now_iso() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()
