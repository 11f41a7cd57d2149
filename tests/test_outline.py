"""Outlines, the agency registry and rounds load; broken files are rejected by name."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from qnreport.cli import cli
from qnreport.config.outline import load_outline, parse_target
from qnreport.config.project import Project
from qnreport.config.registry import GROUPS, load_registry
from qnreport.config.rounds import RoundContext, list_rounds, load_round, open_round
from qnreport.errors import ConfigError, UsageError

D = Decimal


# ------------------------------------------------------------------ what ships


def test_registry_holds_every_agency_with_thirteen_districts(project: Project) -> None:
    registry = load_registry(project.templates / "agencies.toml")
    groups = [a.group for a in registry]
    assert (len(registry), groups.count("so-nganh"), groups.count("huyen")) == (27, 14, 13)
    assert [a.code for a in registry][:3] == ["SCT", "SKHDT", "STC"]
    assert registry.get("BDT").name == "Ban Dân tộc"
    assert registry.get("HLS").name == "Ủy ban nhân dân huyện Lý Sơn"
    assert registry.expand(["@huyen"])[0] == "TPQN"
    assert len(registry.expand(["SCT", "@huyen", "SCT"])) == 14
    assert set(groups) <= set(GROUPS)


def test_rounds_of_the_sample_project(project: Project) -> None:
    assert list_rounds(project) == ["cn-2023", "tcc-222-2024"]
    rnd = load_round(project.inputs / "cn-2023")
    assert (rnd.outline_id, rnd.year, rnd.request_number) == ("cn-2023", 2023, "3006/SCT-QLCN")
    assert (rnd.request_date, rnd.deadline) == (dt.date(2023, 12, 8), dt.date(2023, 12, 20))
    assert (rnd.period_start, rnd.period_end) == (dt.date(2022, 12, 15), dt.date(2023, 12, 14))


def test_cn_2023_outline(cn_round: RoundContext) -> None:
    o = cn_round.outline
    assert (o.id, o.version, o.year, len(o.indicators), len(o.tasks)) == (
        "cn-2023", "2023.2", 2023, 9, 0,
    )  # fmt: skip
    assert [s.id for s in o.children(None)] == ["I", "II", "III", "IV", "V"]
    assert [s.id for s in o.text_sections] == [
        "II.1", "II.2", "II.3", "II.4.1", "II.4.2", "II.5.1", "II.5.2", "II.6.1", "II.6.2",
    ]  # fmt: skip
    assert [(s.id, s.number) for s in o.sections if s.id in ("I", "II.4", "II.4.1")] == [
        ("I", "I."), ("II.4", "4."), ("II.4.1", "4.1."),
    ]  # fmt: skip
    assert [x.key for x in o.lists] == ["du_an", "chinh_sach", "ton_tai", "kien_nghi", "ke_hoach"]
    assert o.list_section("ke_hoach").sheet == "Kế hoạch 2024"
    assert o.section("V").title.endswith("năm 2024")
    cn06 = next(i for i in o.indicators if i.code == "CN06")
    assert (cn06.kind, cn06.consolidate, len(cn06.reporters)) == ("count", "sum", 14)
    assert [i.code for i in o.indicators_for("SCT")] == ["CN01", "CN04", "CN08"]
    assert o.indicators_for("BDT") == []


def test_tcc_222_outline(tcc_round: RoundContext) -> None:
    o = tcc_round.outline
    assert (o.id, len(o.indicators), len(o.tasks)) == ("tcc-222", 15, 39)
    assert o.target_columns == ("2021-2025", "2021-2030")
    codes = [i.code for i in o.indicators]
    assert codes[:2] == ["TCC01", "TCC01a"] and codes[-1] == "TCC14"
    assert next(i.name for i in o.indicators if i.code == "TCC01a").startswith("Trong đó")
    # Mục IV's 5 task groups, then Mục V's 5 solution groups, then the tasks
    assert [s.id for s in o.children("II")] == [f"II.{n}" for n in range(1, 13)]
    assert o.section("II.10").title.startswith("Nâng cấp, hoàn thiện hệ thống thông tin")
    annex_ii = [t for t in o.tasks if t.section == "II.11"]
    assert (len(annex_ii), {t.code[:2] for t in annex_ii}) == (14, {"PL"})
    pl12 = next(t for t in o.tasks if t.code == "PL12")
    assert (pl12.lead, pl12.coordinators, pl12.period) == (("SNNPTNT",), ("SCT",), "2024-2025")
    assert [t.code for t in o.tasks_for("SKHCN")] == ["VI5a", "VI5b"]
    assert [t.code for t in o.tasks_for("HBS")] == ["VI13a", "VI13b", "VI13c"]
    assert [i.code for i in o.indicators_for("CTK")] == ["TCC01", "TCC01a", "TCC04", "TCC11"]


def test_targets_of_the_plan_are_parsed(tcc_round: RoundContext) -> None:
    targets = {i.code: i.targets for i in tcc_round.outline.indicators}
    t = targets["TCC01"]["2021-2025"]
    assert (t.shape, t.low, t.high, t.unit, t.year) == ("floor", D(40), D(40), "%", 2025)
    t = targets["TCC06"]["2021-2030"]
    assert (t.shape, t.low, t.unit) == ("plain", D(2550), "MW")
    assert "2021-2025" not in targets["TCC06"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trên 40 % vào năm 2025", ("floor", D(40), D(40), "%", 2025)),
        ("trên 40%", ("floor", D(40), D(40), "%", None)),
        ("Khoảng 10 % vào năm 2025", ("approx", D(10), D(10), "%", 2025)),
        ("Khoảng 25%", ("approx", D(25), D(25), "%", None)),
        ("8,5-9,5%", ("range", D("8.5"), D("9.5"), "%", None)),
        ("Từ 6,5-7%", ("range", D("6.5"), D(7), "%", None)),
        ("8 - 8,5%", ("range", D(8), D("8.5"), "%", None)),
        ("2.550 MW", ("plain", D(2550), D(2550), "MW", None)),
        ("20% vào năm 2030", ("plain", D(20), D(20), "%", 2030)),
    ],
)
def test_parse_target_shapes(text: str, expected: tuple[object, ...]) -> None:
    t = parse_target(text)
    assert (t.shape, t.low, t.high, t.unit, t.year) == expected
    assert t.text == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tăng mạnh", "không đọc được mục tiêu 'tăng mạnh'"),
        ("", "không đọc được mục tiêu ''"),
        ("9-8%", "khoảng mục tiêu '9-8%' có cận trên nhỏ hơn cận dưới"),
    ],
)
def test_parse_target_refuses_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_target(text)
    assert str(exc.value) == message


# ------------------------------------------------------------------ broken files


def _broken_copy(source: Path, folder: Path, *edits: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old  # the edit must hit, or the test proves nothing
        text = text.replace(old, new, 1)
    target = folder / source.name
    target.write_text(text, encoding="utf-8")
    return target


def _outline_error(project: Project, tmp_path: Path, name: str, *edits: tuple[str, str]) -> str:
    registry = load_registry(project.templates / "agencies.toml")
    path = _broken_copy(project.templates / "outlines" / name, tmp_path, *edits)
    with pytest.raises(ConfigError) as exc:
        load_outline(path, registry, year=2023)
    return exc.value.message


def test_outline_unknown_agency_in_reporters(project: Project, tmp_path: Path) -> None:
    message = _outline_error(
        project,
        tmp_path,
        "cn-2023.toml",
        ('reporters = ["SCT", "CTK"]', 'reporters = ["SCT", "SXD"]'),
    )
    assert message == (
        f"Đề cương {tmp_path / 'cn-2023.toml'} có lỗi:\n"
        "- chỉ tiêu 'CN01': mã cơ quan không có trong danh sách: SXD"
    )


def test_outline_unknown_agency_in_task_lead(project: Project, tmp_path: Path) -> None:
    message = _outline_error(
        project, tmp_path, "tcc-222.toml", ('lead = "SKHCN"', 'lead = "SKHCNN"')
    )
    assert message.splitlines()[1:] == [
        "- nhiệm vụ 'VI5a': cơ quan chủ trì/phối hợp không hợp lệ: ['SKHCNN']"
    ]


def test_outline_duplicate_indicator_code(project: Project, tmp_path: Path) -> None:
    message = _outline_error(project, tmp_path, "cn-2023.toml", ('code = "CN02"', 'code = "CN01"'))
    assert message.splitlines()[1:] == ["- chỉ tiêu 'CN01': mã chỉ tiêu bị trùng"]


def test_outline_unreadable_target(project: Project, tmp_path: Path) -> None:
    message = _outline_error(
        project, tmp_path, "tcc-222.toml", ('"2021-2030" = "2.550 MW"', '"2021-2030" = "nhiều MW"')
    )
    assert message.splitlines()[1:] == ["- chỉ tiêu 'TCC06': không đọc được mục tiêu 'nhiều MW'"]


def test_outline_lists_every_problem_at_once(project: Project, tmp_path: Path) -> None:
    message = _outline_error(
        project,
        tmp_path,
        "cn-2023.toml",
        ('code = "CN02"', 'code = "CN01"'),
        ('heading = "I.1"\n# Mục VI.1.a', 'heading = "I.9"\n# Mục VI.1.a'),
        ('content = "list:ton_tai"', 'content = "list:ton_tai_x"'),
    )
    assert message.splitlines()[1:] == [
        "- đề mục III: danh sách 'ton_tai_x' chưa được khai báo",
        "- chỉ tiêu 'CN01': mã chỉ tiêu bị trùng",
        "- chỉ tiêu 'CN08': đề mục 'I.9' không có trong đề cương",
    ]


def test_outline_toml_syntax_error_names_the_file(project: Project, tmp_path: Path) -> None:
    message = _outline_error(
        project, tmp_path, "cn-2023.toml", ('version = "2023.2"', "version = 2023.2.1")
    )
    assert message == (
        f"Tệp {tmp_path / 'cn-2023.toml'} sai cú pháp TOML, dòng 9, cột 17: còn chữ thừa sau "
        "giá trị trên cùng dòng."
    )


def _registry_error(project: Project, tmp_path: Path, *edits: tuple[str, str]) -> str:
    path = _broken_copy(project.templates / "agencies.toml", tmp_path, *edits)
    with pytest.raises(ConfigError) as exc:
        load_registry(path)
    return exc.value.message


def test_registry_bad_group(project: Project, tmp_path: Path) -> None:
    message = _registry_error(
        project,
        tmp_path,
        (
            'code = "STC"\nname = "Sở Tài chính"\nshort = "Sở Tài chính"\ngroup = "so-nganh"',
            'code = "STC"\nname = "Sở Tài chính"\nshort = "Sở Tài chính"\ngroup = "so"',
        ),
    )
    assert message == (
        f"Danh sách cơ quan {tmp_path / 'agencies.toml'} có lỗi:\n"
        "- cơ quan thứ 3 (STC): nhóm 'so' không hợp lệ (chọn: so-nganh, huyen, khac)"
    )


def test_registry_duplicate_code(project: Project, tmp_path: Path) -> None:
    message = _registry_error(project, tmp_path, ('code = "STC"', 'code = "SKHDT"'))
    assert message.splitlines()[1:] == ["- cơ quan thứ 3 (SKHDT): mã 'SKHDT' bị trùng"]


def test_registry_missing_keys_and_bad_code(project: Project, tmp_path: Path) -> None:
    message = _registry_error(
        project, tmp_path, ('code = "STC"', 'code = "Sở TC"'), ("order = 2\n", "")
    )
    assert message.splitlines()[1:] == [
        "- cơ quan thứ 2 (SKHDT): thiếu order",
        "- cơ quan thứ 3 (Sở TC): mã 'Sở TC' phải là chữ in hoa không dấu và chữ số",
    ]


def test_registry_toml_syntax_error(project: Project, tmp_path: Path) -> None:
    message = _registry_error(
        project, tmp_path, ('[[agency]]\ncode = "STC"', '[[agency]\ncode = "STC"')
    )
    assert message == (
        f"Tệp {tmp_path / 'agencies.toml'} sai cú pháp TOML, dòng 32, cột 9: thiếu dấu ]] ở "
        "cuối tên bảng."
    )


def _project_copy(project: Project, tmp_path: Path) -> Project:
    root = tmp_path / "duan"
    shutil.copytree(project.templates, root / "templates")
    for rid in list_rounds(project):
        (root / "inputs" / rid).mkdir(parents=True)
        shutil.copy(project.inputs / rid / "round.toml", root / "inputs" / rid / "round.toml")
    return Project(root)


def test_open_round_unknown_and_missing_outline(project: Project, tmp_path: Path) -> None:
    copy = _project_copy(project, tmp_path)
    with pytest.raises(UsageError) as exc:  # the clerk typed a round that does not exist
        open_round(copy, "cn-2019")
    assert exc.value.message == (
        "Không có đợt báo cáo 'cn-2019' (các đợt hiện có: cn-2023, tcc-222-2024)."
    )
    (copy.templates / "outlines" / "tcc-222.toml").unlink()
    with pytest.raises(ConfigError) as exc:
        open_round(copy, "tcc-222-2024")
    assert exc.value.message == (
        "Đợt 'tcc-222-2024' dùng đề cương 'tcc-222' nhưng không có "
        f"{copy.templates / 'outlines' / 'tcc-222.toml'}."
    )


def test_cli_reports_a_broken_outline_without_traceback(project: Project, tmp_path: Path) -> None:
    copy = _project_copy(project, tmp_path)
    _broken_copy(
        copy.templates / "outlines" / "cn-2023.toml",
        copy.templates / "outlines",
        ('code = "CN02"', 'code = "CN01"'),
    )
    result = CliRunner().invoke(
        cli,
        ["--project", str(copy.root), "template", "--round", "cn-2023", "--agency", "SCT",
         "-o", str(tmp_path / "out")],
        prog_name="qnreport",
    )  # fmt: skip
    assert (result.exit_code, result.output) == (
        1,
        f"Lỗi: Đề cương {copy.templates / 'outlines' / 'cn-2023.toml'} có lỗi:\n"
        "- chỉ tiêu 'CN01': mã chỉ tiêu bị trùng\n",
    )
    assert not (tmp_path / "out").exists()
