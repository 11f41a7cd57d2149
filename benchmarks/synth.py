"""Synthetic filled workbooks for the benchmark, made from the real blank templates.

Each agency's blank template (``qnreport.template.workbook.build_template``) is filled
through the named-cell contract only (``qnreport.template.fill``): Excel defined names for
single inputs, rows in the ``tbl_*`` tables for lists. Sizes follow issue 6: every
indicator of the agency, every free-text heading with 300-3,000 characters of Vietnamese
text, 5-15 rows in each list. The text is random but deterministic (seeded); it is not
meant to read well, only to weigh like the real thing (NFC Vietnamese, paragraphs, numbers
written the Vietnamese way).

Workbooks are generated once per cache folder (under /tmp, never in the repository) and
copied byte for byte to make the larger scales.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

from qnreport import __version__
from qnreport.config import contract
from qnreport.config.outline import ListSection, Outline
from qnreport.config.rounds import RoundContext, open_round
from qnreport.template.fill import fill_workbook, named_cell
from qnreport.template.workbook import build_template

ROUND = "cn-2023"
PER_PROVINCE = 40
SCALES = {"province": 1, "ten": 10, "country": 63}  # provinces per scale
GENERATOR = "4"  # bump when the generated content changes
ALTERNATES = 3  # changed versions of one workbook, for the rebuild measurement

_WORDS = (
    "công nghiệp", "phát triển", "dự án", "nhà máy", "khu kinh tế Dung Quất", "đầu tư",
    "hạ tầng", "cụm công nghiệp", "doanh nghiệp", "sản xuất", "chế biến nông sản",
    "lọc hóa dầu", "thép", "điện", "năng lượng tái tạo", "tiến độ", "kế hoạch",
    "tỉnh Quảng Ngãi", "Ủy ban nhân dân", "thực hiện", "hoàn thành", "giải ngân", "vốn",
    "tỷ đồng", "giá trị sản xuất", "tăng trưởng", "lao động", "đào tạo", "khoa học",
    "công nghệ", "chuyển đổi số", "môi trường", "khoáng sản", "xúc tiến", "thu hút",
    "hỗ trợ", "khó khăn", "vướng mắc", "giải phóng mặt bằng", "thủ tục", "đất đai",
    "kiến nghị", "triển khai", "kiểm tra", "giám sát", "tổ chức", "hội nghị", "tuyên truyền",
    "người dân", "huyện", "thị xã", "thành phố", "phối hợp", "các sở, ban, ngành",
    "liên quan", "chủ đầu tư", "nhà đầu tư", "quy hoạch", "điều chỉnh", "phê duyệt",
    "cấp phép", "xây dựng", "vận hành thương mại", "sản phẩm chủ lực", "thị trường",
    "xuất khẩu", "nguồn nhân lực", "chất lượng cao", "ứng dụng", "tiến bộ kỹ thuật",
    "tiết kiệm", "hiệu quả", "an toàn thực phẩm", "chính sách", "khuyến công",
    "hợp tác xã", "làng nghề truyền thống", "của", "và", "đã", "đang", "được", "trong",
)  # fmt: skip
_OPENERS = (
    "Trong năm",
    "Bên cạnh đó,",
    "Tuy nhiên,",
    "Đến nay,",
    "Nhìn chung,",
    "Đồng thời,",
    "Theo báo cáo của các đơn vị,",
    "Trên cơ sở kế hoạch được giao,",
)
_NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Minh Cường",
    "Phạm Thị Dung",
    "Huỳnh Văn Em",
    "Võ Thị Hạnh",
    "Đặng Quốc Huy",
    "Bùi Thị Lan",
)


def _number(rng: random.Random) -> str:
    whole = rng.randint(1, 9999)
    text = f"{whole:,}".replace(",", ".")
    return text + (f",{rng.randint(1, 9)}" if rng.random() < 0.5 else "")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 28))]
    if rng.random() < 0.4:
        words.insert(rng.randint(1, len(words) - 1), _number(rng))
        words.append(rng.choice(("tỷ đồng", "%", "doanh nghiệp", "lao động", "ha")))
    if rng.random() < 0.5:
        words.insert(0, rng.choice(_OPENERS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def vietnamese_text(rng: random.Random, low: int, high: int) -> str:
    """Paragraphs of Vietnamese text, between ``low`` and ``high`` characters long."""
    target = rng.randint(low, high)
    paragraphs: list[str] = []
    current: list[str] = []
    length = 0
    while length < target:
        sentence = _sentence(rng)
        current.append(sentence)
        length += len(sentence) + 1
        if rng.random() < 0.25:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    text = "\n".join(paragraphs)
    if len(text) > high:
        cut = text.rfind(".", 0, high)
        text = text[: cut + 1] if cut >= low else text[:high]
    return unicodedata.normalize("NFC", text)


def _indicator_values(kind: str, rng: random.Random) -> tuple[float | int, ...]:
    if kind == "count":
        prev = rng.randint(2, 40)
        return prev, prev + rng.randint(0, 10), prev + rng.randint(5, 20)
    if kind == "amount":
        prev = rng.randint(1000, 50000) / 10
        return prev, round(prev * rng.uniform(0.9, 1.4), 1), round(prev * rng.uniform(1.2, 1.6), 1)
    if kind == "growth":
        return tuple(rng.randint(50, 120) / 10 for _ in range(3))
    prev = rng.randint(200, 600) / 10
    return prev, round(prev + rng.randint(2, 15) / 10, 1), round(prev + rng.randint(15, 30) / 10, 1)


def _list_row(
    outline: Outline, section: ListSection, rng: random.Random, year: int
) -> dict[str, object]:
    row: dict[str, object] = {}
    for column in section.columns:
        if column.type == "number":
            row[column.key] = rng.randint(10, 90000) / 10
        elif column.type == "date":
            row[column.key] = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
        elif column.type == "choice":
            row[column.key] = rng.choice(column.choices)
        elif column.type == "heading":
            row[column.key] = rng.choice(outline.heading_choices(column.parent))
        elif column.max and column.max <= 80:
            row[column.key] = f"{rng.randint(10, 999)}/QĐ-UBND"
        else:
            limit = column.max or 3000
            row[column.key] = vietnamese_text(rng, min(80, limit), min(700, limit))
    return row


def filled_workbook(
    ctx: RoundContext,
    agency_code: str,
    seed: str,
    letter: tuple[str, dt.date],
    formula: bool = False,
) -> bytes:
    """The agency's blank template filled at the benchmark's sizes; returns xlsx bytes.
    With ``formula``, the first indicator's plan is typed as a formula over its actual
    figure (``=G5+1``), as some clerks do."""
    rng = random.Random(seed)
    outline = ctx.outline
    wb = build_template(ctx, ctx.registry.get(agency_code))
    number, date = letter
    values: dict[str, object] = {
        "VB_SO": number,
        "VB_NGAY": date,
        "NGUOI_KY": rng.choice(_NAMES),
        "CHUC_VU_KY": rng.choice(("Giám đốc", "Phó Giám đốc", "Phó Chủ tịch")),
        "LIEN_HE_TEN": rng.choice(_NAMES),
        "LIEN_HE_DT": f"0255 38{rng.randint(10, 99)} {rng.randint(100, 999)}",
        "LIEN_HE_EMAIL": f"vanthu.{agency_code.lower()}@quangngai.gov.vn",
        "KHONG_NHIEM_VU": contract.NO,
    }
    for ind in outline.indicators_for(agency_code):
        previous, actual, plan = _indicator_values(ind.kind, rng)
        values[contract.indicator_name(ind.code, "NAM_TRUOC")] = previous
        values[contract.indicator_name(ind.code, "NAM_NAY")] = actual
        values[contract.indicator_name(ind.code, "KE_HOACH")] = plan
        values[contract.indicator_name(ind.code, "GHI_CHU")] = vietnamese_text(rng, 40, 200)
    for section in outline.text_sections:
        values[contract.section_name(section.name_key)] = vietnamese_text(rng, 300, 3000)
    for task in outline.tasks_for(agency_code):
        values[contract.task_status_name(task.code)] = rng.choice(contract.TASK_STATUSES)
        values[contract.task_result_name(task.code)] = vietnamese_text(rng, 300, 3000)
    indicators = outline.indicators_for(agency_code)
    if formula and indicators:
        actual = named_cell(wb, contract.indicator_name(indicators[0].code, "NAM_NAY"))
        values[contract.indicator_name(indicators[0].code, "KE_HOACH")] = f"={actual.coordinate}+1"
    lists: dict[str, list[dict[str, object]]] = {}
    for section in outline.lists:
        count = rng.randint(5, 15)
        lists[section.key] = [_list_row(outline, section, rng, outline.year) for _ in range(count)]
    # Row heights stay as the template has them, as in the workbooks measured so far.
    fill_workbook(wb, values, lists, outline=outline, fit_rows=False)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _province_plan(ctx: RoundContext) -> list[tuple[str, str, tuple[str, dt.date], str]]:
    """40 submissions: every agency of the round once (the final letter), and the first
    13 agencies once more with an earlier letter (superseded by the final one). Every
    fourth workbook holds a formula (``filled_workbook``)."""
    agencies = [a.code for a in ctx.registry]
    start = ctx.round.request_date + dt.timedelta(days=2)
    plan = []
    for i in range(PER_PROVINCE):
        code = agencies[i % len(agencies)]
        earlier = i >= len(agencies)
        version = 1 if earlier else 2
        day = start + dt.timedelta(days=(i % len(agencies)) % 6 + (0 if earlier else 3))
        number = f"{100 + i * 7 + (0 if earlier else 500)}/{code}-VP"
        name = f"{ROUND}_{code}" + ("_lan1" if earlier else "") + ".xlsx"
        plan.append((name, code, (number, day), f"{code}/{version}"))
    return plan


def _stamp(ctx: RoundContext) -> str:
    return json.dumps(
        {
            "generator": GENERATOR,
            "qnreport": __version__,
            "outline": ctx.outline.digest,
            "per_province": PER_PROVINCE,
        },
        sort_keys=True,
    )


def ensure_province(project: Any, root: Path, echo: Any = print) -> tuple[Path, list[Path]]:
    """The province set (``root/province``) and alternates of its first workbook
    (``root/alt``), generated unless the cache already holds this generator's output."""
    ctx = open_round(project, ROUND)
    folder, alt = root / "province", root / "alt"
    stamp = _stamp(ctx)
    marker = root / "province.json"
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return folder, sorted(alt.glob("*.xlsx"))
    for path in (folder, alt):
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
    plan = _province_plan(ctx)
    raw = root / "openpyxl"
    shutil.rmtree(raw, ignore_errors=True)
    (raw / "province").mkdir(parents=True)
    (raw / "alt").mkdir()
    for index, (name, code, letter, seed) in enumerate(plan):
        data = filled_workbook(ctx, code, seed, letter, formula=index % 4 == 1)
        (raw / "province" / name).write_bytes(data)
        echo(f"  generated {index + 1}/{len(plan)} {name} ({len(data) // 1024} KiB)")
    name, code, letter, seed = plan[0]
    for k in range(ALTERNATES):
        data = filled_workbook(ctx, code, f"{seed}/changed{k}", letter)
        (raw / "alt" / f"{k}_{name}").write_bytes(data)
    saved_by = "openpyxl (LibreOffice not found)"
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office and all(
        _resave(office, raw / sub, dest, root / "lo-profile", echo)
        for sub, dest in (("province", folder), ("alt", alt))
    ):
        version = subprocess.run([office, "--version"], capture_output=True, encoding="utf-8")
        saved_by = "LibreOffice " + " ".join(version.stdout.split()[1:2])
    else:
        for sub, dest in (("province", folder), ("alt", alt)):
            for path in (raw / sub).glob("*.xlsx"):
                shutil.copy2(path, dest / path.name)
    for name, _code, letter, _seed in plan:
        when = dt.datetime.combine(letter[1], dt.time(16, 0)).timestamp()
        os.utime(folder / name, (when, when))
    (root / "saved_by.txt").write_text(saved_by, encoding="utf-8")
    marker.write_text(stamp, encoding="utf-8")
    return folder, sorted(alt.glob("*.xlsx"))


def saved_by(root: Path) -> str:
    path = root / "saved_by.txt"
    return path.read_text(encoding="utf-8") if path.is_file() else "?"


def _resave(office: str, source: Path, dest: Path, profile: Path, echo: Any) -> bool:
    """Open and save every workbook of ``source`` in LibreOffice, as a clerk's spreadsheet
    program would (shared strings, cached formula values), into ``dest``."""
    echo(f"  saving {source.name} workbooks through LibreOffice...")
    files = sorted(source.glob("*.xlsx"))
    try:
        subprocess.run(
            [
                office,
                f"-env:UserInstallation={profile.resolve().as_uri()}",
                "--headless",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(dest),
                *map(str, files),
            ],
            check=False,
            capture_output=True,
            timeout=1200,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return all((dest / f.name).is_file() for f in files)


def ensure_scale(province: Path, root: Path, scale: str) -> Path:
    """``root/<scale>/pNN/`` for every province of the scale, each a byte copy of the
    province set. The province scale is the province set itself."""
    if scale == "province":
        return province
    count = SCALES[scale]
    folder = root / scale
    stamp = (root / "province.json").read_text()
    marker = folder / "scale.json"
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    sources = sorted(province.glob("*.xlsx"))
    for p in range(1, count + 1):
        target = folder / f"p{p:02d}"
        target.mkdir(parents=True)
        for source in sources:
            shutil.copy2(source, target / source.name)
    marker.write_text(stamp, encoding="utf-8")
    return folder
