"""qnreport against the physical floor (issue 6). Run by hand; never a timed test in CI.

    python benchmarks/bench.py [--scale province|ten|country] [--out benchmarks/RESULTS.md]

Generates synthetic filled workbooks from the real blank templates (``synth.py``; cached
in the system's temporary directory, never in the repository), then measures in one run,
on the same files:

(a) the floor: open each workbook's zip and parse every XML part with lxml, nothing else;
(b) openpyxl's read_only load of the same files, iterating every cell;
(c) qnreport's read + validate of each workbook (``Validator.validate_file``);
(d) a full ``qnreport build`` of one province (fresh output folder, no cache);
(e) a rebuild after one workbook changed (cache warm);
(f) ``qnreport validate one.xlsx`` as a fresh process, beside ``python -c pass``, and
    which heavy libraries ``qnreport --help`` imports;
(g) the national read: ``qnreport validate FOLDER --jobs 2`` over every workbook of the
    scale, in a child process; its wall time and peak memory (RSS).

The machine is shared: per-file figures keep the fastest of ``--repeat`` runs of each
file, measures are interleaved file by file, and ratios are taken within the run.
The section of RESULTS.md for the scale is replaced; everything else in it is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import synth
from lxml import etree

import qnreport.check.batch as qvalidate
from qnreport import __version__
from qnreport.build import BuildOptions, build
from qnreport.config.project import Project

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
XML_PARTS = (".xml", ".rels", ".vml")
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
TARGETS = {
    "ratio_floor": 4.0,  # (c) <= 4x (a)
    "country_wall": 20.0,  # s, 2,520 workbooks with jobs=2
    "country_rss": 500.0,  # MB
    "validate_one": 0.4,  # s, fresh process
    "build": 2.0,  # s, one province, no PDF
    "rebuild_share": 0.25,  # (e) <= 25% of (d)
}


# ================================================================== the measured reads


def floor_read(path: Path) -> None:
    """(a): the zip opened, every XML part inflated and parsed by lxml; nothing else."""
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.endswith(XML_PARTS):
                etree.fromstring(zf.read(info), PARSER)


def openpyxl_read(path: Path) -> None:
    """(b): openpyxl's own read_only load, touching every cell's value."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                _ = cell.value
    wb.close()


def calamine_read(path: Path) -> None:
    """Reference only: python-calamine (Rust) reading every sheet's values."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
    wb.close()


# ================================================================== helpers


def now() -> float:
    return time.perf_counter()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:,.2f} s"


def verdict(measured: float, target: float) -> str:
    factor = measured / target
    if factor <= 1:
        return f"met ({factor:.2f}× the target)"
    return f"**missed by {factor:.2f}×**" if factor < 2 else f"**missed by {factor:.1f}×**"


def tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KiB (Linux /proc)."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text(encoding="utf-8").splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text(encoding="ascii").split()
                stack.extend(int(c) for c in children)
        except (OSError, ValueError):
            continue
    return total


@dataclass
class Figures:
    scale: str
    files: int
    per_file_files: int
    repeat: int
    per_file: dict[str, list[float]] = field(default_factory=dict)
    builds: dict[str, float] = field(default_factory=dict)
    build_reads: dict[str, Any] = field(default_factory=dict)
    cli: dict[str, Any] = field(default_factory=dict)
    national: dict[str, Any] = field(default_factory=dict)
    profiles: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def mean(self, key: str) -> float:
        return statistics.fmean(self.per_file[key])

    def total(self, key: str) -> float:
        return sum(self.per_file[key])


# ================================================================== (a) (b) (c)


def per_file(
    project: Project, files: list[Path], repeat: int, echo: Callable
) -> dict[str, list[float]]:
    """Each measure on each file, interleaved (a, b, c on file 1, then file 2...), the
    fastest of ``repeat`` runs kept per file."""
    validator = qvalidate.Validator(project)
    measures: dict[str, Callable[[Path], Any]] = {
        "a": floor_read,
        "b": openpyxl_read,
        "c": validator.validate_file,
    }
    try:
        import python_calamine  # noqa: F401

        measures["b_calamine"] = calamine_read
    except ImportError:
        pass
    for fn in measures.values():  # warm-up: imports, round context, caches
        fn(files[0])
    best = {key: [float("inf")] * len(files) for key in measures}
    for i, path in enumerate(files):
        for r in range(repeat):
            keys = list(measures)
            keys = keys[r % len(keys) :] + keys[: r % len(keys)]  # rotate the order
            for key in keys:
                start = now()
                measures[key](path)
                best[key][i] = min(best[key][i], now() - start)
        if (i + 1) % 20 == 0 or i + 1 == len(files):
            echo(f"  per-file measures: {i + 1}/{len(files)}")
    return best


# ================================================================== (d) (e) builds


def timed_build(
    project: Project, inputs: Path, out: Path, jobs: int, force: bool
) -> tuple[float, int]:
    options = BuildOptions(
        round_id=synth.ROUND, input_dir=inputs, output_dir=out, force=force, jobs=jobs
    )
    start = now()
    result = build(project, options, echo=lambda _line: None)
    return now() - start, result.reads


def digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def builds(
    project: Project,
    province: Path,
    alternates: list[Path],
    work: Path,
    echo: Callable,
) -> tuple[dict[str, float], dict[str, Any]]:
    """(d) full build and (e) rebuilds after one changed workbook, jobs=1 and jobs=2.
    Each (e) swaps in a different changed version, so the changed file is never cached.
    Also returns the files read and the digests of the outputs (report, summary)."""
    times: dict[str, float] = {}
    info: dict[str, Any] = {}
    changed = province / alternates[0].name.split("_", 1)[1]
    for jobs in (1, 2):
        inputs = work / f"in-j{jobs}"
        out = work / f"out-j{jobs}"
        shutil.rmtree(inputs, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(province, inputs)
        t, n = timed_build(project, inputs, out, jobs, force=True)
        times[f"d_j{jobs}"], info[f"d_j{jobs}"] = t, n
        info[f"outputs_j{jobs}"] = {p.name: digest(p) for p in sorted(out.glob("*-cn-2023.*"))}
        echo(f"  (d) build jobs={jobs}: {secs(t)} ({n} files read)")
        rebuilds = []
        for alt in alternates[:2]:
            shutil.copyfile(alt, inputs / changed.name)
            t, n = timed_build(project, inputs, out, jobs, force=False)
            rebuilds.append(t)
            info[f"e_j{jobs}"] = n
        times[f"e_j{jobs}"] = min(rebuilds)
        echo(f"  (e) rebuild jobs={jobs}: {secs(min(rebuilds))} ({n} files read)")
    return times, info


# ================================================================== (f) fresh processes

_MODULES_PROBE = """
import json, sys
from qnreport.cli import main
sys.argv = ["qnreport", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = ("openpyxl", "docx", "lxml", "jinja2", "babel", "python_calamine")
print("@@" + json.dumps({m: m in sys.modules for m in heavy}))
"""


# Children run with bytecode caching on, as after `pip install .` (pip compiles every
# module): with PYTHONDONTWRITEBYTECODE set (as on this machine) an editable install would
# compile qnreport from source in every process, ~0.1 s that no user pays.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_wall(argv: list[str], cwd: Path) -> float:
    start = now()
    subprocess.run(argv, cwd=cwd, capture_output=True, check=False, env=CHILD_ENV)
    return now() - start


def fresh_processes(one: Path, repeat: int, echo: Callable) -> dict[str, Any]:
    # The console script pip installs beside this Python, not a version manager's shim
    # (pyenv's adds a bash start-up to every call).
    beside = Path(sys.executable).with_name("qnreport")
    exe = str(beside) if beside.is_file() else shutil.which("qnreport") or ""
    py = sys.executable
    commands = {
        "validate": [exe, "validate", str(one)]
        if exe
        else [py, "-c", "from qnreport.cli import main; main()", "validate", str(one)],
        "pass": [py, "-c", "pass"],
        "help": [exe, "--help"],
    }
    walls: dict[str, list[float]] = {k: [] for k in commands}
    for argv in commands.values():  # warm-up: bytecode caches written, files in page cache
        run_wall(argv, PROJECT_ROOT)
    for _ in range(repeat):
        for key, argv in commands.items():  # interleaved, so noise hits all alike
            walls[key].append(run_wall(argv, PROJECT_ROOT))
    out: dict[str, Any] = {k: statistics.median(v) for k, v in walls.items()}
    out["all"] = walls
    for key, script, args in (
        ("help_modules", _MODULES_PROBE, ["--help"]),
        ("validate_modules", _MODULES_PROBE, ["validate", str(one)]),
    ):
        proc = subprocess.run(
            [py, "-c", script, *args],
            cwd=PROJECT_ROOT,
            capture_output=True,
            encoding="utf-8",
            env=CHILD_ENV,
        )
        line = next((x for x in proc.stdout.splitlines() if x.startswith("@@")), "@@{}")
        out[key] = json.loads(line[2:])
    proc = subprocess.run(
        [py, "-X", "importtime", "-c", _MODULES_PROBE, "validate", str(one)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        encoding="utf-8",
        env=CHILD_ENV,
    )
    out["importtime"] = top_imports(proc.stderr)
    echo(
        f"  (f) validate one: {secs(out['validate'])}, python -c pass: {secs(out['pass'])}, "
        f"--help: {secs(out['help'])}"
    )
    return out


def top_imports(stderr: str, top: int = 8) -> list[tuple[str, float]]:
    """Top-level imports by cumulative time (python -X importtime)."""
    rows = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match[3]) <= 1:
            rows.append((match[4], int(match[2]) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:top]


# ================================================================== (g) the national read

_NATIONAL = """
import contextlib, io, json, re, resource, sys, time
start = time.perf_counter()
from qnreport.cli import main
sys.argv = ["qnreport", "validate", sys.argv[1], "--jobs", sys.argv[2]]
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main()
    except SystemExit:
        pass
wall = time.perf_counter() - start
total = re.search(r"Tổng cộng: (\\d+) tệp", out.getvalue())
print("@@" + json.dumps({{
    "wall_inside": wall,
    "counts": {{"files": int(total.group(1)) if total else 0}},
    "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}}))
"""


def national_read(folder: Path, jobs: int) -> dict[str, Any]:
    """``qnreport validate FOLDER --jobs N`` over every workbook in a child process (its
    findings table kept in memory, not printed); wall time, the peak RSS of each process
    (ru_maxrss) and of the whole process tree (sampled)."""
    argv = [sys.executable, "-c", _NATIONAL.format(), str(folder), str(jobs)]
    peak = 0
    start = now()
    proc = subprocess.Popen(
        argv, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, encoding="utf-8", env=CHILD_ENV
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    wall = now() - start
    done.set()
    sampler.join()
    line = next((x for x in stdout.splitlines() if x.startswith("@@")), None)
    if line is None:
        raise RuntimeError(f"national read failed (exit {proc.returncode})")
    data = json.loads(line[2:])
    data["wall"] = wall
    data["tree_peak_kb"] = peak
    data["max_process_kb"] = max(data["self_kb"], data["children_kb"])
    return data


# ================================================================== profiles


def _starts(*prefixes: str) -> Callable[[str], bool]:
    return lambda key: key.startswith(prefixes)


COST_GROUPS: dict[str, list[tuple[str, Callable[[str], bool]]]] = {
    "read": [
        ("zip: open, inflate and CRC-check parts (`zipfile`)", lambda k: "zipfile.py" in k),
        ("XML parse of the parts read (`_Parts.xml`)", _starts("xml (qnreport/reader.py")),
        ("sheet cell index (`_Sheet.load`)", _starts("load (qnreport/reader.py")),
        ("cell decoding (`Sheetbook._read`)", _starts("_read (qnreport/reader.py")),
        ("`clean_text` (NFC, invisible characters, spaces)", _starts("clean_text")),
        ("legacy TCVN3/VNI checks (`legacy.py`)", lambda k: "qnreport/legacy.py" in k),
        (
            "`probe` + `_check_zip`: file kind, size, zip directory limits",
            _starts("probe (", "_check_zip ("),
        ),
        ("`Sheetbook.verify`: CRC of the parts not read", _starts("verify (")),
        ("hashing the file (`sha256_file`)", _starts("sha256_file (")),
    ],
    "build": [
        ("validation of the workbooks (`validate_paths`)", _starts("validate_paths (")),
        ("Word report (`render_report`)", _starts("render_report (")),
        ("summary workbook (`write_summary`)", _starts("write_summary (")),
        ("composing the report text (`compose`)", _starts("compose (qnreport/compose.py")),
        ("consolidation (`consolidate`)", _starts("consolidate (qnreport/consolidate.py")),
        ("re-zipping outputs (`make_reproducible`)", _starts("make_reproducible (")),
        ("hashing inputs and templates (`hash_tree`)", _starts("hash_tree (")),
        ("change log and snapshot", _starts("change_log (", "snapshot (")),
    ],
}


def profile(fn: Callable[[], Any], groups: str, interval: float = 0.001) -> dict[str, Any] | None:
    """pyinstrument over ``fn``: total; the share of each cost group; top frames by own
    time; top frames by inclusive time, leaving out pass-through wrappers."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    profiler = Profiler(interval=interval)
    profiler.start()
    fn()
    profiler.stop()
    root = profiler.last_session.root_frame()
    if root is None:
        return None
    total = root.time
    own: dict[str, float] = {}
    inclusive: dict[str, float] = {}
    passing: dict[str, bool] = {}
    group_list = COST_GROUPS[groups]
    group_time = [0.0] * len(group_list)

    def label(frame: Any) -> str:
        path = frame.file_path or ""
        path = re.sub(r"^.*site-packages/", "", path).replace(str(PROJECT_ROOT) + "/", "")
        path = re.sub(r"^.*/lib/python3\.\d+/", "", path)  # the standard library, no machine path
        path = path.replace(str(HERE) + "/", "")
        return f"{frame.function} ({path}:{frame.line_no})"

    def walk(frame: Any, stack: frozenset[str], inside: frozenset[int]) -> None:
        if frame.is_synthetic:
            return
        key = label(frame)
        own[key] = own.get(key, 0.0) + frame.total_self_time
        if key not in stack:
            inclusive[key] = inclusive.get(key, 0.0) + frame.time
        biggest = max((c.time for c in frame.children), default=0.0)
        passing[key] = passing.get(key, True) and biggest >= 0.95 * frame.time
        matched = set(inside)
        for i, (_name, test) in enumerate(group_list):
            if i not in inside and test(key):
                group_time[i] += frame.time
                matched.add(i)
        for child in frame.children:
            walk(child, stack | {key}, frozenset(matched))

    walk(root, frozenset(), frozenset())
    top_self = sorted(own.items(), key=lambda kv: -kv[1])[:5]
    top_incl = [
        (k, v)
        for k, v in sorted(inclusive.items(), key=lambda kv: -kv[1])
        if v < 0.9 * total and not passing.get(k)
    ][:6]
    return {
        "total": total,
        "groups": [
            (name, t / total) for (name, _), t in zip(group_list, group_time, strict=True) if t
        ],
        "self": [(k, v / total) for k, v in top_self],
        "inclusive": [(k, v / total) for k, v in top_incl],
        "text": profiler.output_text(unicode=False, color=False),
    }


# ================================================================== report


def machine() -> dict[str, Any]:
    import lxml
    import openpyxl

    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "openpyxl": openpyxl.__version__,
        "lxml": lxml.__version__,
        "qnreport": __version__,
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


def section(fig: Figures, info: dict[str, Any], sizes: dict[str, Any]) -> str:
    a, b, c = fig.mean("a"), fig.mean("b"), fig.mean("c")
    d1, d2 = fig.builds["d_j1"], fig.builds["d_j2"]
    e1, e2 = fig.builds["e_j1"], fig.builds["e_j2"]
    n = fig.national
    cli = fig.cli
    lines = [
        f"## Scale: {fig.scale} ({fig.files:,} workbooks)",
        "",
        f"Run {info['date']} on {info['cores']} cores (`os.cpu_count()`), {info['platform']}, "
        f"Python {info['python']}, qnreport {info['qnreport']}, openpyxl {info['openpyxl']}, "
        f"lxml {info['lxml']}. Load average {info['load_before']} at the start, "
        f"{info['load_after']} at the end (the machine is shared: compare ratios, not "
        "absolute times, across runs).",
        "",
        f"Workbooks: {sizes['distinct']} distinct (round {synth.ROUND}: the 27 agencies + 13 "
        f"earlier letters that the later ones supersede), mean {sizes['kib']:.0f} KiB, "
        f"{sizes['chars']:,} characters of cell text on average, saved by {sizes['saved_by']}; "
        f"the {fig.scale} set is {synth.SCALES[fig.scale]} province folder(s) of byte copies. "
        f"Per-workbook figures (a)-(c): {fig.per_file_files} workbooks, fastest of "
        f"{fig.repeat} interleaved run(s) per workbook.",
        "",
        "| figure | total | per workbook |",
        "| --- | ---: | ---: |",
        f"| (a) floor: zip + lxml parse of every XML part | {secs(fig.total('a'))} | {ms(a)} |",
        f"| (b) openpyxl read_only load, every cell | {secs(fig.total('b'))} | {ms(b)} |",
    ]
    if "b_calamine" in fig.per_file:
        lines.append(
            f"| (b') python-calamine, every sheet's values (reference) | "
            f"{secs(fig.total('b_calamine'))} | {ms(fig.mean('b_calamine'))} |"
        )
    lines += [
        f"| (c) qnreport read + validate | {secs(fig.total('c'))} | {ms(c)} |",
        f"| (d) full build of one province, jobs=1 | {secs(d1)} | {ms(d1 / synth.PER_PROVINCE)} |",
        f"| (d) full build of one province, jobs=2 (CLI default here) | {secs(d2)} | "
        f"{ms(d2 / synth.PER_PROVINCE)} |",
        f"| (e) rebuild after one workbook changed, jobs=1 ({fig.build_reads['e_j1']} read) | "
        f"{secs(e1)} | |",
        f"| (e) rebuild after one workbook changed, jobs=2 | {secs(e2)} | |",
        f"| (f) `qnreport validate one.xlsx`, fresh process (median of {len(cli['all']['pass'])}) "
        f"| {secs(cli['validate'])} | |",
        f"| (f) `python -c pass` beside it | {secs(cli['pass'])} | |",
        f"| (f) `qnreport --help` | {secs(cli['help'])} | |",
        f"| (g) national read: `qnreport validate` of {n['counts']['files']:,} workbooks, "
        f"--jobs 2, wall | "
        f"{secs(n['wall'])} | {ms(n['wall'] / n['counts']['files'])} |",
        f"| (g) peak RSS, largest single process (ru_maxrss; see note) | "
        f"{n['max_process_kb'] / 1024:,.0f} MB | |",
        f"| (g) peak RSS, whole process tree (sampled every 0.1 s) | "
        f"{n['tree_peak_kb'] / 1024:,.0f} MB | |",
        "",
        f"Ratios: **(c)/(a) = {c / a:.1f}**, **(c)/(b) = {c / b:.2f}**, "
        f"**(e)/(d) = {e1 / d1:.2f}** (jobs=1), {e2 / d2:.2f} (jobs=2).",
        "",
        "`qnreport --help` imports: "
        + ", ".join(f"{m} {'yes' if v else 'no'}" for m, v in cli["help_modules"].items())
        + ". `qnreport validate one.xlsx` imports: "
        + ", ".join(f"{m} {'yes' if v else 'no'}" for m, v in cli["validate_modules"].items())
        + ". Slowest top-level imports of `validate` (`-X importtime`, cumulative): "
        + ", ".join(f"{name} {t * 1000:.0f} ms" for name, t in cli["importtime"][:6])
        + ".",
        "",
        "### Targets",
        "",
        "| target | measured | verdict |",
        "| --- | --- | --- |",
        f"| read + validate ≤ 4× the floor | (c)/(a) = {c / a:.1f}× | "
        f"{verdict(c / a, TARGETS['ratio_floor'])} |",
    ]
    country = fig.scale == "country"
    scale_up = synth.SCALES["country"] * synth.PER_PROVINCE / n["counts"]["files"]
    wall = n["wall"] if country else n["wall"] * scale_up
    label = "" if country else f" (extrapolated ×{scale_up:.1f} from {n['counts']['files']})"
    lines.append(
        f"| country (2,520) read + validated, jobs=2, ≤ 20 s | {secs(wall)}{label} | "
        f"{verdict(wall, TARGETS['country_wall'])} |"
    )
    rss = n["tree_peak_kb"] / 1024
    if country:
        rss_text = f"{rss:,.0f} MB (process tree)"
    else:
        rss_text = f"{rss:,.0f} MB at {n['counts']['files']:,} workbooks (see the country run)"
    lines.append(f"| peak memory ≤ 500 MB | {rss_text} | {verdict(rss, TARGETS['country_rss'])} |")
    lines += [
        f"| `qnreport validate one.xlsx` ≤ 0.4 s | {secs(cli['validate'])} | "
        f"{verdict(cli['validate'], TARGETS['validate_one'])} |",
        "| `qnreport --help` imports no Excel or Word library | "
        f"openpyxl {'yes' if cli['help_modules']['openpyxl'] else 'no'}, "
        f"docx {'yes' if cli['help_modules']['docx'] else 'no'} | "
        + (
            "**missed**"
            if cli["help_modules"]["openpyxl"] or cli["help_modules"]["docx"]
            else "met"
        )
        + " |",
        f"| province build ≤ 2 s (jobs=2, the CLI default) | {secs(d2)} | "
        f"{verdict(d2, TARGETS['build'])} |",
        f"| rebuild ≤ 25% of the build | {e2 / d2:.0%} of (d), {secs(e2)} | "
        f"{verdict(e2 / d2, TARGETS['rebuild_share'])}; against the 2 s target: "
        f"{verdict(e2, TARGETS['build'] * TARGETS['rebuild_share'])} |",
    ]
    for key, title in (
        ("c", "(c) read + validate of the province set"),
        ("d", "(d) full build, jobs=1"),
        ("e", "(e) rebuild after one change, jobs=1"),
    ):
        prof = fig.profiles.get(key)
        if not prof:
            continue
        lines += [
            "",
            f"### Profile: {title} — pyinstrument, {secs(prof['total'])} recorded",
            "",
            "Where the time goes (inclusive shares; '…' lines are part of the line above):",
            "",
            *[f"- {name}: {share:.0%}" for name, share in prof["groups"]],
            "",
            "Top frames by own time: "
            + "; ".join(f"`{name}` {share:.0%}" for name, share in prof["self"])
            + ".",
            "",
            "Top frames by inclusive time (below 90%): "
            + "; ".join(f"`{name}` {share:.0%}" for name, share in prof["inclusive"])
            + ".",
        ]
    fig.notes.append(
        "ru_maxrss of the child includes the benchmark process's own size when it was "
        "forked (Linux keeps the high-water mark across exec), so below ~150 MB it shows "
        "the benchmark, not qnreport; the sampled process-tree figure is the one judged."
    )
    if fig.notes:
        lines += ["", *[f"- {note}" for note in fig.notes]]
    return "\n".join(lines)


HEADER = """# qnreport benchmark results

Produced by `python benchmarks/bench.py --scale SCALE` (see the README, "Performance").
Each scale's section below is rewritten by its run; the analysis at the end is kept.
Generated workbooks live in the system's temporary directory (`--cache`), never in the
repository.
"""


def write_results(out: Path, scale: str, text: str) -> None:
    start, end = f"<!-- scale:{scale} -->", f"<!-- /scale:{scale} -->"
    block = f"{start}\n{text}\n{end}"
    current = out.read_text(encoding="utf-8") if out.is_file() else HEADER
    if start in current and end in current:
        before, rest = current.split(start, 1)
        _, after = rest.split(end, 1)
        current = before + block + after
    else:
        # keep scales in order: before the first later scale's block, else before analysis
        order = list(synth.SCALES)
        later = [f"<!-- scale:{s} -->" for s in order[order.index(scale) + 1 :]]
        anchors = [m for m in [*later, "<!-- analysis -->"] if m in current]
        if anchors:
            head, tail = current.split(anchors[0], 1)
            current = head + block + "\n\n" + anchors[0] + tail
        else:
            current = current.rstrip() + "\n\n" + block + "\n"
    out.write_text(current, encoding="utf-8")


# ================================================================== main


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=list(synth.SCALES), default="province")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "qnreport-bench"
    )
    parser.add_argument("--repeat", type=int, default=0, help="runs per workbook (default: auto)")
    parser.add_argument("--per-file-limit", type=int, default=400)
    parser.add_argument("--cli-repeat", type=int, default=7)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)

    def echo(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    project = Project.find(PROJECT_ROOT)
    info = machine()
    info["load_before"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    echo(f"qnreport benchmark, scale {args.scale}, cache {args.cache}")
    province, alternates = synth.ensure_province(project, args.cache, echo)
    folder = synth.ensure_scale(province, args.cache, args.scale)
    everything = qvalidate.expand_paths([folder])
    distinct = sorted(province.glob("*.xlsx"))
    sample = everything[: args.per_file_limit]
    repeat = args.repeat or max(1, 120 // len(sample))
    fig = Figures(args.scale, len(everything), len(sample), repeat)

    echo(f"(a)(b)(c) on {len(sample)} workbooks, {repeat} run(s) each")
    fig.per_file = per_file(project, sample, repeat, echo)

    work = args.cache / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    echo("(d)(e) builds of one province")
    fig.builds, fig.build_reads = builds(project, province, alternates, work, echo)

    echo("(f) fresh processes")
    one = province / f"{synth.ROUND}_SCT.xlsx"
    fig.cli = fresh_processes(one, args.cli_repeat, echo)

    echo(f"(g) national read of {len(everything)} workbooks, jobs=2")
    fig.national = national_read(folder, 2)
    echo(f"  wall {secs(fig.national['wall'])}, tree RSS {fig.national['tree_peak_kb'] // 1024} MB")

    if not args.no_profile:
        echo("profiles (pyinstrument)")
        validator = qvalidate.Validator(project)

        def read_all() -> None:
            for path in distinct:
                validator.validate_file(path)

        fig.profiles["c"] = profile(read_all, "read")
        inputs, out = work / "prof-in", work / "prof-out"
        shutil.copytree(province, inputs)
        fig.profiles["d"] = profile(lambda: timed_build(project, inputs, out, 1, True), "build")
        shutil.copyfile(alternates[-1], inputs / alternates[-1].name.split("_", 1)[1])
        fig.profiles["e"] = profile(lambda: timed_build(project, inputs, out, 1, False), "build")
        for key, prof in fig.profiles.items():
            if prof:
                (args.cache / f"profile-{args.scale}-{key}.txt").write_text(
                    prof["text"], encoding="utf-8"
                )
        if fig.profiles["c"] is None:
            fig.notes.append(
                "pyinstrument is not installed: no profiles (pip install pyinstrument)."
            )
        else:
            fig.notes.append(
                f"Full profiles: profile-{args.scale}-*.txt in the --cache folder "
                "(not in the repository)."
            )

    chars = []
    for path in distinct[:10]:
        sub = qvalidate.Validator(project).validate_file(path).submission
        if sub is not None:
            chars.append(
                sum(len(t) for t in sub.sections.values())
                + sum(
                    len(str(v))
                    for rows in sub.lists.values()
                    for r in rows
                    for v in r.values.values()
                )
            )
    sizes = {
        "distinct": len(distinct),
        "kib": statistics.fmean(p.stat().st_size for p in distinct) / 1024,
        "chars": int(statistics.fmean(chars)) if chars else 0,
        "saved_by": synth.saved_by(args.cache),
    }
    info["load_after"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    text = section(fig, info, sizes)
    print(text)
    write_results(args.out, args.scale, text)
    (args.cache / f"figures-{args.scale}.json").write_text(
        json.dumps(
            {
                "per_file_mean": {k: fig.mean(k) for k in fig.per_file},
                "builds": fig.builds,
                "cli": {k: v for k, v in fig.cli.items()},
                "national": fig.national,
                "resource_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            },
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )
    echo(f"written: {args.out}")


if __name__ == "__main__":
    main()
