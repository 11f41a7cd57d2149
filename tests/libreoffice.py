"""Printing and converting through LibreOffice, and reading the PDF back with poppler.

Each helper skips the test, with the reason, when the tool it needs is not installed:
those tests carry the ``libreoffice`` marker and are optional on a developer's machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def require(*tools: str) -> None:
    """Skip the calling test unless every command-line tool is on PATH."""
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not on PATH (LibreOffice / poppler-utils)")


def run_tool(*args: str, timeout: float = 180) -> str:
    """stdout of a command-line tool; its stderr in the failure when it fails."""
    done = subprocess.run(args, capture_output=True, encoding="utf-8", timeout=timeout, check=False)
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr}{done.stdout}"
    return done.stdout


def soffice_convert(source: Path, target: str, out_dir: Path) -> Path:
    """Convert ``source`` with ``soffice --convert-to target`` into ``out_dir``, with a
    LibreOffice profile of the test's own beside it (a running LibreOffice or the user's
    settings do not interfere; conversions into sibling folders share it)."""
    require("soffice")
    profile = out_dir.parent / ".lo-profile"
    run_tool(
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(source),
    )
    converted = out_dir / f"{source.stem}.{target.split(':')[0]}"
    assert converted.is_file(), f"soffice wrote no {converted.name}"
    return converted


def pdf_pages(pdf: Path) -> int:
    match = re.search(r"Pages:\s+(\d+)", run_tool("pdfinfo", str(pdf)))
    assert match is not None, pdf
    return int(match.group(1))


def pdf_text(pdf: Path, page: int, *, layout: bool = False) -> str:
    """The text of one page, as poppler's pdftotext reads it."""
    mode = ["-layout"] if layout else []
    return run_tool("pdftotext", "-f", str(page), "-l", str(page), *mode, str(pdf), "-")


def pdf_font_families(pdf: Path) -> set[str]:
    """Embedded font families, subset prefix and style dropped: {"LiberationSerif"}."""
    lines = run_tool("pdffonts", str(pdf)).splitlines()[2:]
    return {line.split()[0].split("+")[-1].split("-")[0] for line in lines if line.strip()}
