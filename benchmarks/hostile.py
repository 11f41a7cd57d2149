"""Peak memory of ``qnreport validate --jobs 1 FILE`` on hostile files within every byte
limit (issue 13). Run by hand (Linux: the peak is the child's VmHWM):

    python benchmarks/hostile.py [--out benchmarks/RESULTS.md]

The files are made from the real blank template of SCT, in the system's temporary folder:

- 3 million cells appended under the sheet's small ``<dimension>`` (it took 1,95 GB);
- 4 million shared strings no cell references (2,1 GB, and read as valid);
- 175 MB of long texts in a sheet the checks read;
- the 200.000-cell limit reached in every sheet at once.

Target: at most 300 MB each. The section between the ``hostile`` markers of RESULTS.md is
replaced; everything else in it is kept.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from qnreport.config.project import Project
from qnreport.config.rounds import open_round
from qnreport.template.workbook import build_template

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
TARGET_MB = 300
SHEET = "xl/worksheets/sheet3.xml"  # the tasks sheet, which the checks read
_PROBE = (
    "import re, sys\n"
    "from pathlib import Path\n"
    "from qnreport.cli import main\n"
    "try:\n    main()\n"
    "finally:\n"
    "    status = Path('/proc/self/status').read_text(encoding='ascii')\n"
    "    print('@@', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
)


def letters(n: int) -> list[str]:
    out = []
    for col in range(1, n + 1):
        name = ""
        while col:
            col, rem = divmod(col - 1, 26)
            name = chr(65 + rem) + name
        out.append(name)
    return out


def rewrite(base: Path, target: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(base) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    edit(parts)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return target


def rows(first: int, count: int, cells: Callable[[int], Iterator[str]]) -> bytes:
    return "".join(
        f'<row r="{r}">{"".join(cells(r))}</row>' for r in range(first, first + count)
    ).encode()


def three_million_cells(parts: dict[str, bytes]) -> None:
    rng, cols = random.Random(1), letters(1000)
    extra = rows(
        1000, 3000, lambda r: (f'<c r="{c}{r}"><v>{rng.randrange(100)}</v></c>' for c in cols)
    )
    parts[SHEET] = parts[SHEET].replace(b"</sheetData>", extra + b"</sheetData>")


def four_million_strings(parts: dict[str, bytes]) -> None:
    items = "".join(f"<si><t>{i}</t></si>" for i in range(4_000_000)).encode()
    sst = parts.get(
        "xl/sharedStrings.xml",
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>',
    )
    parts["xl/sharedStrings.xml"] = sst.replace(b"</sst>", items + b"</sst>")


def long_texts(parts: dict[str, bytes]) -> None:
    rng, cols = random.Random(2), letters(100)
    words = [
        "".join(rng.choice("abcdeghiklmnopqrstuvxyăâđêôơư") for _ in range(5)) for _ in range(3000)
    ]
    paragraphs = [" ".join(rng.choice(words) for _ in range(180)) for _ in range(12)]
    extra = rows(
        1000,
        1500,
        lambda r: (
            f'<c r="{c}{r}" t="inlineStr"><is><t>{rng.choice(paragraphs)}</t></is></c>'
            for c in cols
        ),
    )
    parts[SHEET] = parts[SHEET].replace(b"</sheetData>", extra + b"</sheetData>")


def every_sheet_full(parts: dict[str, bytes]) -> None:
    rng, cols = random.Random(3), letters(200)
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        extra = rows(
            2000, 980, lambda r: (f'<c r="{c}{r}"><v>{rng.randrange(100)}</v></c>' for c in cols)
        )
        parts[name] = parts[name].replace(b"</sheetData>", extra + b"</sheetData>")


CASES = {
    "3 triệu ô dưới một `<dimension>` sai": three_million_cells,
    "4 triệu chuỗi dùng chung không ô nào dùng": four_million_strings,
    "175 MB chữ dài trong trang được đọc": long_texts,
    "mọi trang đủ 200.000 ô": every_sheet_full,
}


def peak_mb(path: Path) -> tuple[float, str]:
    argv = [
        sys.executable,
        "-c",
        _PROBE,
        "--project",
        str(PROJECT_ROOT),
        "validate",
        "--jobs",
        "1",
        str(path),
    ]
    done = subprocess.run(
        argv, capture_output=True, encoding="utf-8", check=False, cwd=PROJECT_ROOT
    )
    codes = re.findall(r"\(([A-Z_]+)\)$", done.stdout, re.M)
    verdict = ", ".join(sorted(set(codes))) or "HỢP LỆ"
    return int(done.stderr.rsplit("@@", 1)[1].split()[0]) / 1024, verdict


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    project = Project(PROJECT_ROOT)
    ctx = open_round(project, "cn-2023")
    lines = [
        "## Hostile files (issue 13): peak memory of `qnreport validate --jobs 1 FILE`",
        "",
        "| file | size | unzipped | verdict | peak RSS | ≤ 300 MB |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as work:
        base = Path(work) / "base.xlsx"
        build_template(ctx, ctx.registry.get("SCT")).save(base)
        for index, (label, edit) in enumerate(CASES.items()):
            path = rewrite(base, Path(work) / f"hostile-{index}.xlsx", edit)
            with zipfile.ZipFile(path) as zf:
                unzipped = sum(i.file_size for i in zf.infolist())
            peak, verdict = peak_mb(path)
            ok = "đạt" if peak <= TARGET_MB else "KHÔNG ĐẠT"
            lines.append(
                f"| {label} | {path.stat().st_size / 2**20:.1f} MB | {unzipped / 2**20:.0f} MB "
                f"| {verdict} | {peak:.0f} MB | {ok} |"
            )
            print(lines[-1])
    lines += [
        "",
        "Before issue 13 (commit c517366), measured the same way on the same machine: the "
        "first file peaked at 1,95 GB (9,8 s) before FILE_TOO_MANY_CELLS, the second at "
        "1,84 GB (7,4 s) and read as valid. Now every sheet's cells are counted while it is "
        "inflated, shared strings are streamed and only those used are kept, and the sheets "
        "read share one budget (`max_read_mb`, `max_cells`).",
    ]
    text = "\n".join(lines)
    start, end = "<!-- hostile -->", "<!-- /hostile -->"
    current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    block = f"{start}\n{text}\n{end}"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        current = before + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    args.out.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
