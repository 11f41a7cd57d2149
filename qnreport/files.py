"""Files as the pipeline handles them, whatever the stage: content hashes, outputs written
atomically (a crash never leaves half a file, and inputs are never touched), Office zips
made reproducible, and the TOML data files a clerk edits."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import io
import os
import re
import struct
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ConfigError, OutputError

# ---------------------------------------------------------------- the system's refusals
# Why the system refused, in Vietnamese: its own strerror is English (or the Windows
# language), and a clerk reads the message.
_REASONS = {
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp trên ổ đĩa",
    errno.ENOENT: "không tìm thấy",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EBUSY: "đang bị chương trình khác dùng",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
    errno.ENAMETOOLONG: "đường dẫn quá dài",
    errno.ELOOP: "liên kết vòng quanh",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENXIO: "thiết bị không sẵn sàng",
    errno.ETIMEDOUT: "hết thời gian chờ (ổ mạng?)",
}
_SHARING_VIOLATION = 32  # Windows: the file is open in another program (Excel, Word)


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese (never its English ``strerror``)."""
    if getattr(exc, "winerror", None) == _SHARING_VIOLATION:
        return "tệp đang được mở bằng chương trình khác"
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno else type(exc).__name__
    return f"lỗi hệ thống {code}"


def write_failure(exc: OSError, path: Path) -> str:
    """What to tell the clerk when ``path`` (an output, or the folder of outputs) could not
    be written; whatever was there before is intact."""
    kept = "Các tệp kết quả trước đó vẫn giữ nguyên."
    folder = path if path.is_dir() else path.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"Không ghi được {path}: {os_reason(exc)}. "
            f"Hãy giải phóng chỗ trống trên ổ đĩa rồi chạy lại. {kept}"
        )
    if exc.errno == errno.EROFS:
        return (
            f"Không ghi được vào thư mục {folder}: ổ đĩa chỉ cho đọc. "
            f"Hãy chép thư mục dự án sang ổ ghi được (hoặc chọn thư mục kết quả khác). {kept}"
        )
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        if path.is_file():
            return (
                f"Không thay được tệp {path}: tệp đang được mở bằng chương trình khác "
                f"(Excel, Word...) hoặc không có quyền ghi. Hãy đóng tệp rồi chạy lại. {kept}"
            )
        return (
            f"Không có quyền ghi vào thư mục {folder}. "
            f"Hãy xin quyền ghi hoặc chọn thư mục khác. {kept}"
        )
    return f"Không ghi được {path}: {os_reason(exc)}. {kept}"


def system_failure(exc: OSError) -> str:
    """Any refusal of the system the commands did not foresee, said in Vietnamese."""
    if exc.filename is not None:
        target = Path(os.fsdecode(exc.filename))
        return f"{target}: {os_reason(exc)}."
    return f"Hệ thống từ chối thao tác: {os_reason(exc)}."


# ---------------------------------------------------------------- atomic outputs
@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success.
    Any refusal of the system (rights, full or read-only disk, the file open in Excel)
    becomes an :class:`OutputError` in Vietnamese, and the old file stays."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(write_failure(exc, path)) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(write_failure(exc, path)) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with atomic_write(path) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


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


def make_reproducible(path: Path, when: dt.date, *, mode: int | None = 0o644) -> None:
    """Rewrite an Office zip with fixed entry times and document dates, so the same inputs
    give the same bytes on any day and machine: ``when`` at 08:00, or at its own time when it
    is a datetime; every entry recorded with the permission bits ``mode`` (``None`` keeps
    each entry's own, as the program that wrote the zip set them).

    Only the headers and docProps/core.xml depend on the clock: every other deflated part
    is copied as it is, never inflated and deflated again (that was most of the time);
    parts stored uncompressed are deflated."""
    stamp = (
        when.replace(microsecond=0, tzinfo=None)
        if isinstance(when, dt.datetime)
        else dt.datetime(when.year, when.month, when.day, 8, 0, 0)
    )
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
            fixed.external_attr = info.external_attr if mode is None else mode << 16
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


# The TOML parser's messages (English) by their opening words, in Vietnamese.
_TOML_PROBLEMS = (
    ("Cannot declare", "một bảng [..] được khai báo hai lần"),
    ("Cannot overwrite", "một khóa được gán giá trị hai lần"),
    ("Duplicate inline table key", "một khóa lặp lại trong bảng { }"),
    ("Cannot mutate", "khóa trùng với một bảng đã có"),
    ("Cannot redefine", "khóa trùng với một bảng đã có"),
    ("Expected '=' after a key", "thiếu dấu = sau tên khóa"),
    ("Expected ']' at the end", "thiếu dấu ] ở cuối tên bảng"),
    ("Expected ']]' at the end", "thiếu dấu ]] ở cuối tên bảng"),
    ("Expected newline or end of document", "còn chữ thừa sau giá trị trên cùng dòng"),
    ("Unterminated string", "thiếu dấu nháy đóng chuỗi"),
    ("Unclosed array", "thiếu dấu ] đóng danh sách"),
    ("Unclosed inline table", "thiếu dấu } đóng bảng"),
    ("Unescaped", "dấu \\ trong chuỗi cần viết thành \\\\"),
    ("Invalid date", "ngày giờ không hợp lệ"),
    ("Invalid initial character for a key", "tên khóa bắt đầu bằng ký tự không hợp lệ"),
    ("Invalid value", "giá trị không hợp lệ (chuỗi cần đặt trong dấu nháy kép)"),
    ("Invalid statement", "dòng không đúng dạng khóa = giá trị"),
    ("Illegal character", "có ký tự không được phép"),
    ("Found invalid character", "có ký tự không được phép"),
)
_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    """Where and what the TOML parser found wrong, in Vietnamese ("dòng 3, cột 7: ...")."""
    text = str(exc)
    what = next((vi for en, vi in _TOML_PROBLEMS if text.startswith(en)), "sai cú pháp TOML")
    where = _TOML_WHERE.search(text)
    if where is None:
        return what
    if where.group(1) is None:
        return f"cuối tệp: {what}"
    return f"dòng {where.group(1)}, cột {where.group(2)}: {what}"


def read_toml(path: Path) -> dict[str, Any]:
    """Load a TOML data file, turning syntax errors into a message naming the file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"Không tìm thấy tệp cấu hình: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Tệp {path} sai cú pháp TOML, {toml_problem(exc)}.") from None
    except OSError as exc:
        raise ConfigError(f"Không đọc được tệp {path}: {os_reason(exc)}.") from None
