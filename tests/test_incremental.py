"""Batch regeneration (issue 5): reproducible bytes, incremental rebuilds, the change log,
history, atomic outputs, the cache, ``build --all``, ``--jobs`` and the round lock.

Every test works on a copy of the repository's templates/ and rounds in ``tmp_path``, with
workbooks filled by the clerk-like fixture of conftest (``filled_workbook``), so nothing
in the repository is built or touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import struct
import time
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import Submit

import qnreport.build.pipeline as build_module
from qnreport.build import BuildOptions, BuildResult, build, output_names
from qnreport.build.changelog import snapshot
from qnreport.build.lock import round_lock
from qnreport.build.manifest import MANIFEST, now_iso
from qnreport.check.batch import Validator
from qnreport.check.cache import Cache
from qnreport.check.results import FileReport
from qnreport.cli import cli
from qnreport.config import contract
from qnreport.config.project import Project
from qnreport.config.rounds import open_round
from qnreport.errors import LockedError
from qnreport.files import make_reproducible
from qnreport.findings import Finding, Level
from qnreport.read.submission import (
    IndicatorValue,
    ListRow,
    Submission,
    TaskResult,
    from_dict,
    to_dict,
)
from qnreport.vntext import format_number

ROOT = Path(__file__).parents[1]
CN = "cn-2023"
TCC = "tcc-222-2024"
AGENCIES = ("SCT", "CTK")  # two agencies of cn-2023; SCT alone reports CN04
CN04 = contract.indicator_name("CN04", "NAM_NAY")
CN08 = contract.indicator_name("CN08", "NAM_NAY")
OUTPUT_KEYS = ("report", "summary", "findings", "changes")


# ------------------------------------------------------------------------------ helpers
# The fixtures proj (a project of its own) and submit (a workbook into its round folder)
# are conftest's.


def submit_round(submit: Submit, round_id: str = CN, agencies: tuple[str, ...] = AGENCIES) -> None:
    for agency in agencies:
        submit(agency, round_id)


def run(proj: Project, round_id: str = CN, echo: list[str] | None = None, **kw: Any) -> BuildResult:
    kw.setdefault("jobs", 1)
    sink = echo if echo is not None else []
    return build(proj, BuildOptions(round_id, **kw), echo=sink.append)


def figures(result: BuildResult) -> dict[str, Any]:
    """The consolidated figures, files and texts a build used (what the change log compares)."""
    assert result.consolidation is not None
    return snapshot(result.consolidation)


def file_reports(result: BuildResult) -> list[FileReport]:
    assert result.batch is not None
    return result.batch.reports


def out_dir(proj: Project, round_id: str = CN) -> Path:
    return proj.outputs / round_id


def outputs_of(folder: Path, round_id: str = CN) -> dict[str, bytes]:
    """The outputs' bytes; the journal without its entries' dates, the one thing in the
    outputs that depends on when a build ran (the report and summary never do)."""
    names = output_names(round_id)
    made = {key: (folder / names[key]).read_bytes() for key in OUTPUT_KEYS}
    made["changes"] = re.sub(rb"(?m)^## L\xe1\xba\xadp ng\xc3\xa0y .*$", b"## ...", made["changes"])
    return made


def files_state(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under ``folder``: (inode, mtime in ns, sha256). A file rewritten in place
    changes its mtime, one renamed into place changes its inode."""
    state = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[path.relative_to(folder).as_posix()] = (st.st_ino, st.st_mtime_ns, digest)
    return state


def hashes(*folders: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# ------------------------------------------------------------------------- a frozen clock
_REAL_DATETIME = dt.datetime


class _DelegatingMeta(type):
    """Makes a stand-in for ``datetime.datetime`` that behaves as the real class for
    everything but its clock: constructors, isinstance and class attributes delegate."""

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, _REAL_DATETIME)

    def __subclasscheck__(cls, sub: type) -> bool:
        return issubclass(sub, _REAL_DATETIME)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return _REAL_DATETIME(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(_REAL_DATETIME, name)


@pytest.fixture
def clock() -> Iterator[Callable[[dt.datetime, str], None]]:
    """``clock(moment, tz)`` freezes every clock a build could read at ``moment`` (an aware
    datetime), in the POSIX time zone ``tz``: ``datetime.datetime.now/utcnow/today`` (as
    used by qnreport, python-docx and openpyxl), ``date.today`` and ``time.time`` /
    ``localtime`` / ``gmtime`` (as used by zipfile for entry times)."""
    patch = pytest.MonkeyPatch()
    real_localtime, real_gmtime = time.localtime, time.gmtime

    def freeze(moment: dt.datetime, tz: str) -> None:
        patch.setenv("TZ", tz)
        time.tzset()
        epoch = moment.timestamp()

        class FrozenDatetime(metaclass=_DelegatingMeta):
            @staticmethod
            def now(tz: dt.tzinfo | None = None) -> dt.datetime:
                return _REAL_DATETIME.fromtimestamp(epoch, tz)

            @staticmethod
            def today() -> dt.datetime:
                return _REAL_DATETIME.fromtimestamp(epoch)

            @staticmethod
            def utcnow() -> dt.datetime:
                return _REAL_DATETIME.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)

        patch.setattr(dt, "datetime", FrozenDatetime)
        patch.setattr(time, "time", lambda: epoch)
        patch.setattr(time, "time_ns", lambda: int(epoch * 1_000_000_000))
        patch.setattr(time, "localtime", lambda s=None: real_localtime(epoch if s is None else s))
        patch.setattr(time, "gmtime", lambda s=None: real_gmtime(epoch if s is None else s))

    yield freeze
    patch.undo()
    time.tzset()


# ------------------------------------------------------------------------ reproducibility
def test_same_inputs_give_byte_identical_files_whatever_the_clock_and_folder(
    proj: Project,
    submit: Submit,
    clock: Callable[[dt.datetime, str], None],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    submit_round(submit)
    builds = [
        # (working directory, output folder, moment, time zone)
        ("a", "ket-qua-1", dt.datetime(2024, 1, 9, 7, 15, 3, tzinfo=dt.UTC), "UTC0"),
        ("b/c", "khac/ket-qua-2", dt.datetime(2031, 7, 30, 22, 59, 58, tzinfo=dt.UTC), "ICT-7"),
    ]
    made = []
    for cwd, out, moment, tz in builds:
        (tmp_path / cwd).mkdir(parents=True)
        monkeypatch.chdir(tmp_path / cwd)
        clock(moment, tz)
        # The freeze reaches the library: without it this test could pass by luck.
        assert now_iso() == moment.astimezone().replace(tzinfo=None).isoformat()
        result = run(proj, output_dir=tmp_path / out)
        assert not result.unchanged and result.reads == len(AGENCIES)
        manifest = json.loads((tmp_path / out / MANIFEST).read_text(encoding="utf-8"))
        assert manifest["built_at"] == now_iso()  # the clocks did differ between builds
        made.append(tmp_path / out)

    first, second = (outputs_of(folder) for folder in made)
    for key in OUTPUT_KEYS:
        assert first[key] == second[key], f"{key} differs between the two builds"

    # The fixed stamps are the report's date (templates/reports/cn-2023.toml: 2024-01-05),
    # neither of the frozen clocks.
    config_date = (2024, 1, 5, 8, 0, 0)
    for key in ("report", "summary"):
        with zipfile.ZipFile(made[0] / output_names(CN)[key]) as zf:
            assert {info.date_time for info in zf.infolist()} == {config_date}
            core = zf.read("docProps/core.xml").decode()
        assert "2024-01-05T08:00:00Z" in core
        assert "2031" not in core and "2024-01-09" not in core


CORE_XML = (
    '<cp:coreProperties xmlns:cp="cp" xmlns:dcterms="dcterms" xmlns:xsi="xsi">'
    '<dc:creator>openpyxl</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{0}'
    '</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{0}</dcterms:modified>'
    "</cp:coreProperties>"
)
PARTS = {
    "[Content_Types].xml": b'<Types><Default Extension="xml"/></Types>',
    "docProps/core.xml": b"",  # written with the moment of each zip
    "word/document.xml": "<w:t>Sở Công Thương tỉnh Quảng Ngãi</w:t>".encode() * 500,
    "word/media/ảnh.png": bytes(range(256)) * 12,  # stored, as a writer may leave a picture
}


def office_zip(path: Path, moment: tuple[int, int, int, int, int, int]) -> None:
    """A zip as Word, python-docx or openpyxl leave it, with the clock at ``moment`` in
    the entries' times, in an extended timestamp field and in docProps/core.xml."""
    when = dt.datetime(*moment)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in PARTS.items():
            info = zipfile.ZipInfo(name, date_time=moment)
            if name.endswith(".png"):
                info.compress_type = zipfile.ZIP_STORED
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                info.extra = struct.pack("<HHBl", 0x5455, 5, 1, int(when.timestamp()))
            if name == "docProps/core.xml":
                data = CORE_XML.format(when.isoformat() + "Z").encode()
            zf.writestr(info, data)


def test_make_reproducible_fixes_the_clock_and_keeps_every_part(tmp_path: Path) -> None:
    early, late = tmp_path / "sang.docx", tmp_path / "chieu.docx"
    office_zip(early, (2024, 1, 9, 7, 15, 2))
    office_zip(late, (2031, 7, 30, 22, 59, 58))
    for path in (early, late):
        make_reproducible(path, dt.date(2024, 1, 5))
    assert early.read_bytes() == late.read_bytes()

    stamp = (2024, 1, 5, 8, 0, 0)
    with zipfile.ZipFile(early) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == list(PARTS)
        for info in zf.infolist():
            assert (info.date_time, info.compress_type) == (stamp, zipfile.ZIP_DEFLATED)
            assert info.external_attr == 0o644 << 16
            expected = PARTS[info.filename] or CORE_XML.format("2024-01-05T08:00:00Z").encode()
            assert zf.read(info) == expected, info.filename

    # The same bytes as inflating and deflating every part again (level 6, as the writers
    # do), which is what earlier versions did: their outputs stay the same.
    again = tmp_path / "lai.docx"
    with zipfile.ZipFile(early) as src, zipfile.ZipFile(again, "w") as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            out.writestr(fixed, src.read(info), compresslevel=6)
    assert again.read_bytes() == early.read_bytes()
    make_reproducible(again, dt.date(2024, 1, 5))
    assert again.read_bytes() == early.read_bytes()


# ---------------------------------------------------------------------- incremental builds
def test_rebuild_after_one_corrected_workbook_reads_one_file_and_logs_the_change(
    proj: Project, submit: Submit
) -> None:
    submit_round(submit)
    first = run(proj)
    assert first.reads == len(AGENCIES)
    assert first.changes == ["Lần lập đầu tiên của đợt này."]
    names = output_names(CN)
    old_report = (out_dir(proj) / names["report"]).read_bytes()

    # SCT corrects two figures: CN04 (growth, reported by SCT alone) and CN08 (a count).
    submit("SCT", values={CN04: 9.25, CN08: 1250})
    echo: list[str] = []
    second = run(proj, echo=echo)

    assert second.reads == 1
    assert not second.unchanged
    sct = open_round(proj, CN).registry.get("SCT").name
    replaced = [c for c in second.changes if c.startswith("- Thay tệp:")]
    assert replaced == [f"- Thay tệp: {sct} (inputs/{CN}/SCT.xlsx)."]
    moved = {c.split(" ")[3]: c for c in second.changes if c.startswith("- Chỉ tiêu")}
    assert set(moved) == {"CN04", "CN08"}
    assert moved["CN04"].endswith(": 8,6% → 9,25%.")
    assert moved["CN08"].endswith(": 14 cụm → 1.250 cụm.")
    assert format_number(Decimal("1250")) == "1.250"  # the Vietnamese form, not 1,250

    log = (out_dir(proj) / names["changes"]).read_text(encoding="utf-8")
    for line in second.changes:
        assert line in log.splitlines()
    assert any("8,6% → 9,25%" in line for line in echo)  # printed for the clerk too
    assert any(sct in line for line in echo)

    # The replaced report is kept, byte for byte, in history/; the new one differs.
    history = sorted((out_dir(proj) / "history").iterdir())
    assert len(history) == 1
    assert history[0].read_bytes() == old_report
    assert history[0].name.endswith(names["report"])
    assert (out_dir(proj) / names["report"]).read_bytes() != old_report


def test_rebuild_with_nothing_changed_writes_nothing_and_force_rebuilds(
    proj: Project, submit: Submit
) -> None:
    submit_round(submit)
    run(proj)
    folder = out_dir(proj)
    # .lock and .lock-pid (the running build's PID) are the lock, not outputs.
    before = {k: v for k, v in files_state(folder).items() if not k.startswith(".lock")}

    echo: list[str] = []
    again = run(proj, echo=echo)

    assert again.unchanged
    assert again.reads == 0
    assert again.outputs == {}
    assert {k: v for k, v in files_state(folder).items() if not k.startswith(".lock")} == before
    assert not (folder / "history").exists()
    assert any(line.startswith("Không có thay đổi") for line in echo)

    forced = run(proj, force=True)
    assert not forced.unchanged
    assert set(forced.outputs) == set(OUTPUT_KEYS)
    after = files_state(folder)
    report = output_names(CN)["report"]
    assert after[report][:2] != before[report][:2]  # written again ...
    assert after[report][2] == before[report][2]  # ... to the same bytes
    assert not (folder / "history").exists()  # an identical report is not kept twice


@pytest.mark.parametrize("failing", ["write_summary", "journal"])
def test_an_interrupted_build_leaves_the_previous_outputs_and_the_next_one_completes(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    submit_round(submit)
    run(proj)
    folder = out_dir(proj)
    before = files_state(folder)

    submit("SCT", values={CN04: 9.25})  # so that the next build has new outputs to write

    def boom(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("mất điện giữa chừng")

    # write_summary runs once the report is staged; journal once all others are.
    monkeypatch.setattr(build_module, failing, boom)
    with pytest.raises(RuntimeError, match="mất điện"):
        run(proj)
    monkeypatch.undo()

    after = files_state(folder)
    assert temporaries(folder) == []

    # Only the cache learnt something (the parsed corrected workbook) and the lock holds
    # the last PID; every output and the manifest are exactly as the first build left them.
    def kept(state: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in state.items() if not k.startswith((".lock", ".cache/"))}

    assert kept(after) == kept(before)
    assert not (folder / "history").exists()

    result = run(proj)
    assert not result.unchanged
    assert any(c.endswith(": 8,6% → 9,25%.") for c in result.changes)
    assert temporaries(folder) == []
    history = list((folder / "history").iterdir())
    report = output_names(CN)["report"]
    assert [hashlib.sha256(h.read_bytes()).hexdigest() for h in history] == [before[report][2]]
    assert run(proj).unchanged  # and the manifest it wrote is complete


def test_a_damaged_manifest_is_not_trusted_and_the_replaced_report_is_still_kept(
    proj: Project, submit: Submit
) -> None:
    submit_round(submit)
    run(proj)
    folder = out_dir(proj)
    old_report = (folder / output_names(CN)["report"]).read_bytes()
    (folder / MANIFEST).write_text('{"inputs": {"inputs/cn-2023/SCT.xl', encoding="utf-8")
    submit("SCT", values={CN04: 9.25})

    result = run(proj)

    assert not result.unchanged and result.reads == 1
    # Without a trustworthy record of the last build there is no change log to compare
    # against, but the report being replaced is still not lost.
    assert [h.read_bytes() for h in (folder / "history").iterdir()] == [old_report]
    assert run(proj).unchanged  # the manifest is whole again


# ------------------------------------------------------------------------------ the cache
def _entry(folder: Path, workbook: Path) -> Path:
    return folder / ".cache" / f"{hashlib.sha256(workbook.read_bytes()).hexdigest()}.json"


def test_corrupt_cache_entries_are_ignored_and_rebuilt(proj: Project, submit: Submit) -> None:
    submit_round(submit)
    first = run(proj)
    folder = out_dir(proj)
    sct, ctk = proj.inputs / CN / "SCT.xlsx", proj.inputs / CN / "CTK.xlsx"
    entry, ctk_entry = _entry(folder, sct), _entry(folder, ctk)
    good, ctk_good = entry.read_text(encoding="utf-8"), ctk_entry.read_text(encoding="utf-8")
    data = json.loads(good)

    def validator() -> Validator:
        return Validator(proj, Cache(folder / ".cache", data["key"]), proj.root)

    # The control: a sound entry is used, so each miss below is the entry's damage.
    control = validator()
    assert control.validate_file(sct).submission is not None and control.reads == 0

    def edited(change: Callable[[dict[str, Any]], None]) -> str:
        copy = json.loads(good)
        change(copy)
        return json.dumps(copy, ensure_ascii=False)

    some_indicator = next(iter(data["submission"]["indicators"]))
    variants: dict[str, str | bytes] = {
        "garbage": b"\x00\xff\xfe garbage {{{",
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "not an object": "[1, 2, 3]",
        "too deep": "[" * 100_000 + "]" * 100_000,
        "wrong format": edited(lambda d: d.update(format=999)),
        "wrong key": edited(lambda d: d.update(key="0.0.0:ffffffffffffffff")),
        "no findings": edited(lambda d: d.pop("findings")),
        "bad level": edited(lambda d: d.update(findings=[{"level": "nặng"}])),
        "submission of another shape": edited(lambda d: d.update(submission={"file": "x"})),
        "bad date": edited(lambda d: d["submission"].update(letter_date={"$date": "2023-13-45"})),
        "bad decimal": edited(
            lambda d: d["submission"]["indicators"][some_indicator].update(
                actual={"$decimal": "mười"}
            )
        ),
        "another file's entry": ctk_good,
    }
    (read_first,) = [r.submission for r in file_reports(first) if r.path == sct]
    assert read_first is not None
    expected = to_dict(read_first)
    for variant, content in variants.items():
        if isinstance(content, bytes):
            entry.write_bytes(content)
        else:
            entry.write_text(content, encoding="utf-8")
        v = validator()
        report = v.validate_file(sct)
        assert v.reads == 1, variant
        assert report.submission is not None, variant
        assert to_dict(report.submission) == expected, variant
        assert json.loads(entry.read_text(encoding="utf-8")) == data, variant  # rebuilt

    # And through a build: two damaged entries, two files read, the same report.
    outputs = {k: v for k, v in outputs_of(folder).items() if k != "changes"}
    entry.write_bytes(b"\x00\xff\xfe garbage {{{")
    ctk_entry.write_text(good, encoding="utf-8")  # SCT's entry under CTK's content hash
    result = run(proj, force=True)
    assert result.reads == 2
    assert figures(result) == figures(first)
    assert result.changes == ["Không có thay đổi về số liệu và nội dung."]
    assert {k: v for k, v in outputs_of(folder).items() if k != "changes"} == outputs
    assert entry.read_text(encoding="utf-8") == good
    assert ctk_entry.read_text(encoding="utf-8") == ctk_good


def test_a_parsed_submission_round_trips_through_the_cache_exactly(
    proj: Project, submit: Submit, tmp_path: Path
) -> None:
    # One read for real (figures, texts, letter date, list rows)...
    path = submit("SCT")
    report = Validator(proj).validate_file(path)
    real = report.submission
    assert real is not None and real.indicators and any(real.lists.values())
    # ... and one made by hand with the values that JSON loses when handled carelessly.
    made = Submission(
        file="inputs/x.xlsx",
        digest="ab" * 32,
        round=CN,
        outline=CN,
        outline_version="1",
        agency="SCT",
        letter_date=dt.date(2023, 12, 15),
        indicators={
            "A": IndicatorValue("A", Decimal("0.10"), Decimal("-1234567.125"), Decimal("1E+3")),
            "B": IndicatorValue("B", None, Decimal("0"), None, note="chưa có số liệu"),
        },
        sections={"I.1": "Dòng một\nDòng hai — “trích dẫn”"},
        tasks={"NV1": TaskResult("NV1", "Đang thực hiện", "Kết quả")},
        lists={
            "du_an": [
                ListRow({"ngay": dt.date(2024, 2, 29), "von": Decimal("12.50"), "ten": "A"}, 7),
                ListRow({"ngay": None, "von": None, "ten": ""}, 8),
            ],
            "ton_tai": [],
        },
        modified=1702632600.25,
    )
    findings = [Finding(Level.WARNING, "X", "Cảnh báo", "tệp.xlsx", "Chỉ tiêu", "E7", "Nhãn")]
    cache = Cache(tmp_path / "cache", "khoa")
    for sub in (real, made):
        back = from_dict(json.loads(json.dumps(to_dict(sub))))
        assert back == sub
        assert to_dict(back) == to_dict(sub)  # Decimal("0.10") stays 0.10, not 0.1
        cache.put(sub.digest, sub, findings)
        hit = cache.get(sub.digest)
        assert hit is not None
        cached, cached_findings = hit
        assert cached == sub and to_dict(cached) == to_dict(sub)
        # The file is set again from where it lies on every hit; the rest is exact.
        assert [f.as_dict() | {"file": ""} for f in cached_findings] == [
            f.as_dict() | {"file": ""} for f in findings
        ]
    again = cache.get(made.digest)
    assert again is not None and again[0] is not None
    sub = again[0]
    assert type(sub.letter_date) is dt.date
    assert str(sub.indicators["A"].previous) == "0.10"
    assert str(sub.indicators["A"].next_target) == "1E+3"
    assert isinstance(sub.lists["du_an"], list) and isinstance(sub.lists["du_an"][0], ListRow)
    assert sub.lists["du_an"][0].values["ngay"] == dt.date(2024, 2, 29)
    assert type(sub.lists["du_an"][0].values["von"]) is Decimal


# ----------------------------------------------------------------------- --all and --jobs
def test_build_all_builds_every_round_with_one_line_each(proj: Project, submit: Submit) -> None:
    submit_round(submit, CN, ("SCT",))
    submit_round(submit, TCC, ("SCT",))
    runner = CliRunner()
    args = ["--project", str(proj.root), "build", "--all", "--jobs", "2"]

    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines() == [f"{CN}: đã lập lần đầu", f"{TCC}: đã lập lần đầu"]
    for rid in (CN, TCC):
        for key in OUTPUT_KEYS:
            assert (out_dir(proj, rid) / output_names(rid)[key]).is_file()

    submit("SCT", TCC, values={contract.indicator_name("TCC01", "NAM_NAY"): 55.5})
    second = runner.invoke(cli, args)
    assert second.exit_code == 0, second.output
    lines = second.stdout.splitlines()
    assert lines[0] == f"{CN}: không có thay đổi"
    assert lines[1].startswith(f"{TCC}: đã lập (") and len(lines) == 2


def test_build_all_reports_a_failing_round_and_exits_1(proj: Project, submit: Submit) -> None:
    submit_round(submit, CN, ("SCT",))
    (proj.inputs / TCC / "ghi-chu.txt").write_text("chưa có biểu mẫu", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(proj.root), "build", "--all", "--jobs", "1"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{CN}: đã lập lần đầu"
    assert lines[1].startswith(f"{TCC}: LỖI: Không có biểu mẫu hợp lệ nào")
    assert len(lines) == 2
    assert not (out_dir(proj, TCC) / output_names(TCC)["report"]).exists()


def test_two_jobs_give_the_same_result_and_bytes_as_one(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit_round(submit)
    submit("SCT", name="SCT-lan-2.xlsx", values={"VB_NGAY": dt.datetime(2023, 12, 18), CN04: 9})
    parallel_calls: list[int] = []
    original = Validator._parallel

    def spy(self: Validator, files: list[tuple[Path, str]], jobs: int) -> Any:
        parallel_calls.append(jobs)
        return original(self, files, jobs)

    monkeypatch.setattr(Validator, "_parallel", spy)
    serial = run(proj, output_dir=proj.root / "mot", jobs=1)
    assert parallel_calls == []
    parallel = run(proj, output_dir=proj.root / "hai", jobs=2)
    assert parallel_calls == [2]  # the parallel path really ran

    assert serial.reads == parallel.reads == len(AGENCIES) + 1
    assert figures(serial) == figures(parallel)
    assert [(r.display, r.used, r.findings) for r in file_reports(serial)] == [
        (r.display, r.used, r.findings) for r in file_reports(parallel)
    ]
    assert serial.changes == parallel.changes
    assert outputs_of(proj.root / "mot") == outputs_of(proj.root / "hai")
    # The later letter of SCT won in both.
    assert figures(parallel)["files"]["SCT"] == f"inputs/{CN}/SCT-lan-2.xlsx"


# ------------------------------------------------------------------------------ the lock
def test_a_second_build_of_a_locked_round_is_refused_in_vietnamese(
    proj: Project, submit: Submit
) -> None:
    submit_round(submit, CN, ("SCT",))
    folder = out_dir(proj)
    with round_lock(folder, CN):
        with pytest.raises(LockedError) as refused:
            run(proj)
        message = refused.value.format_message()
        assert f"Đợt {CN} đang được lập bởi một tiến trình khác (PID {os.getpid()})" in message
        assert not (folder / output_names(CN)["report"]).exists()
        cli_run = CliRunner().invoke(
            cli, ["--project", str(proj.root), "build", "--round", CN, "--jobs", "1"]
        )
        assert cli_run.exit_code == 1
        assert "Lỗi: Đợt cn-2023 đang được lập" in cli_run.stderr
    result = run(proj)
    assert not result.unchanged
    assert (folder / output_names(CN)["report"]).is_file()


# ------------------------------------------------------------------------------ the inputs
def test_inputs_and_templates_are_never_modified(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit_round(submit)
    submit_round(submit, TCC, ("SCT",))
    before = hashes(proj.inputs, proj.templates)

    run(proj)
    run(proj)  # unchanged
    monkeypatch.setattr(build_module, "write_summary", lambda *_a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run(proj, force=True)
    monkeypatch.undo()
    result = CliRunner().invoke(
        cli, ["--project", str(proj.root), "build", "--all", "--force", "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output

    assert hashes(proj.inputs, proj.templates) == before


# --------------------------------------------------------------------- as a clerk would do
def test_a_clerk_corrects_one_agency_and_rebuilds(proj: Project, submit: Submit) -> None:
    """Issue 5, "Done when": build, replace one agency's workbook by a corrected one
    (a later letter beside the first), build again, then once more with nothing changed."""
    submit_round(submit)
    runner = CliRunner()
    args = ["--project", str(proj.root), "build", "--round", CN, "--jobs", "1"]

    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "Đã đọc 2 tệp" in first.stdout

    submit(
        "CTK",
        name="CTK-sua.xlsx",
        values={"VB_NGAY": dt.datetime(2023, 12, 19), "VB_SO": "130/BC-CTK"},
    )
    second = runner.invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert "Đã đọc 1 tệp" in second.stdout
    ctk = open_round(proj, CN).registry.get("CTK").name
    assert f"Thay tệp: {ctk} (inputs/{CN}/CTK-sua.xlsx)" in second.stdout
    assert len(list((out_dir(proj) / "history").iterdir())) == 1

    third = runner.invoke(cli, args)
    assert third.exit_code == 0, third.output
    assert "Không có thay đổi" in third.stdout
    assert "Đã ghi" not in third.stdout
    assert len(list((out_dir(proj) / "history").iterdir())) == 1


# ------------------------------------------------------------------------------ the journal
def journal_entries(proj: Project) -> list[str]:
    text = (out_dir(proj) / output_names(CN)["changes"]).read_text(encoding="utf-8")
    assert text.startswith(f"# Nhật ký thay đổi báo cáo đợt {CN}\n\n## Lập ngày ")
    return ["## " + e for e in text.split("\n## ")[1:]]


def test_the_journal_keeps_every_build_newest_first(
    proj: Project, submit: Submit, clock: Callable[[dt.datetime, str], None]
) -> None:
    submit_round(submit)
    clock(dt.datetime(2024, 1, 3, 2, 10, tzinfo=dt.UTC), "UTC0")
    run(proj)
    first = journal_entries(proj)
    assert first == ["## Lập ngày 03/01/2024 lúc 02:10\n\nLần lập đầu tiên của đợt này.\n"]

    submit("SCT", values={CN04: 9.25})
    clock(dt.datetime(2024, 1, 4, 9, 30, tzinfo=dt.UTC), "UTC0")
    second = run(proj)
    entries = journal_entries(proj)
    assert entries[0].startswith("## Lập ngày 04/01/2024 lúc 09:30\n\n")
    assert entries[0].splitlines()[2:] == second.changes
    assert entries[1:] == first  # the earlier entry, word for word
    assert run(proj).unchanged and journal_entries(proj) == entries  # nothing new: no entry


def test_every_kind_of_change_is_named_with_its_unit(proj: Project, submit: Submit) -> None:
    submit_round(submit)
    run(proj, number="04")
    next_year = contract.indicator_name("CN04", "KE_HOACH")
    problem = {"noi_dung": "Thiếu mặt bằng sạch cho dự án mới", "nguyen_nhan": "Chậm bồi thường"}
    submit("SCT", values={next_year: 9.5}, rows={"ton_tai": [problem]})
    result = run(proj, number="05", date=dt.date(2024, 1, 6))
    sct = open_round(proj, CN).registry.get("SCT").name
    assert [c for c in result.changes if "kế hoạch:" in c] == [
        "- Chỉ tiêu CN04 (Tốc độ tăng năng suất lao động công nghiệp), kế hoạch: 9% → 9,5%."
    ]
    assert f'- Tồn tại, hạn chế và nguyên nhân: thêm dòng "{problem["noi_dung"]}" ({sct}).' in (
        result.changes
    )
    assert "- Số báo cáo: 04 → 05." in result.changes
    assert "- Ngày ban hành: 05/01/2024 → 06/01/2024." in result.changes


def test_a_pdf_is_never_left_beside_a_newer_report(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit_round(submit)
    run(proj)
    pdf = out_dir(proj) / output_names(CN)["pdf"]
    pdf.write_bytes(b"%PDF-1.4 an old rendering")
    monkeypatch.setattr(build_module, "convert_to_pdf", lambda *_a: None)  # no LibreOffice
    submit("SCT", values={CN04: 9.25})
    result = run(proj)
    assert not pdf.exists()
    assert any("Không tạo được PDF" in note for note in result.notes)


def test_pdf_asked_for_without_libreoffice_exits_1_in_vietnamese(
    proj: Project, submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit_round(submit)
    monkeypatch.setattr(build_module, "convert_to_pdf", lambda *_a: None)
    result = CliRunner().invoke(
        cli, ["--project", str(proj.root), "build", "--round", CN, "--pdf", "--jobs", "1"]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        "Lỗi: Báo cáo đã được lập, nhưng chưa có bản PDF. Không tạo được PDF: "
    )
    assert (out_dir(proj) / output_names(CN)["report"]).is_file()


# ------------------------------------------------------- the clerk's choices, the signer
def test_a_file_excluded_in_round_toml_is_left_out_and_named(proj: Project, submit: Submit) -> None:
    submit_round(submit)
    submit("CTK", name="CTK-lan-2.xlsx", values={"VB_NGAY": dt.datetime(2023, 12, 19)})
    round_toml = proj.inputs / CN / "round.toml"
    text = round_toml.read_text(encoding="utf-8")
    round_toml.write_text(text + 'exclude = ["CTK-lan-2.xlsx"]\n', encoding="utf-8")
    echo: list[str] = []
    result = run(proj, echo=echo)
    assert figures(result)["files"]["CTK"] == f"inputs/{CN}/CTK.xlsx"  # the earlier letter
    assert f"  {'':8}   loại theo round.toml (exclude): inputs/{CN}/CTK-lan-2.xlsx" in "\n".join(
        echo
    )
    findings = (proj.outputs / CN / output_names(CN)["findings"]).read_text(encoding="utf-8")
    assert f"inputs/{CN}/CTK-lan-2.xlsx: KHÔNG DÙNG - LOẠI THEO CẤU HÌNH ĐỢT (round.toml)" in (
        findings
    )


def test_an_official_build_is_refused_while_the_signer_is_the_placeholder(
    proj: Project, submit: Submit
) -> None:
    submit_round(submit)
    config = proj.templates / "reports" / f"{CN}.toml"  # as shipped: the signer a placeholder
    config.write_text((ROOT / "templates" / "reports" / f"{CN}.toml").read_text("utf-8"), "utf-8")
    for options in (["--number", "05"], ["--date", "05/01/2024"]):
        result = CliRunner().invoke(
            cli, ["--project", str(proj.root), "build", "--round", CN, *options]
        )
        assert result.exit_code == 1
        assert " ".join(result.stderr.split()) == (
            f"Lỗi: Người ký trong {proj.templates / 'reports' / (CN + '.toml')} vẫn là mẫu "
            "chưa điền (khối [signer] có placeholder = true hoặc chưa có họ tên): không lập "
            "bản chính thức có số, ngày. Hãy điền quyền hạn, chức vụ, họ tên người ký và "
            "xóa dòng placeholder = true; hoặc lập bản dự thảo, không dùng --number, --date."
        )
        assert not (proj.outputs / CN / output_names(CN)["report"]).exists()
    draft = CliRunner().invoke(cli, ["--project", str(proj.root), "build", "--round", CN])
    assert draft.exit_code == 0, draft.output
    text = config.read_text(encoding="utf-8").replace("placeholder = true\n", "")
    config.write_text(text.replace('name = ""', 'name = "Trần Văn Ký"'), encoding="utf-8")
    signed = CliRunner().invoke(
        cli, ["--project", str(proj.root), "build", "--round", CN, "--number", "05"]
    )
    assert signed.exit_code == 0, signed.output
