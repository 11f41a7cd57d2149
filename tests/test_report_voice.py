"""The sample report read as the Director reads it: one voice, each point once, every
appendix cited, nothing the Sở asked of itself forwarded upward."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from qnreport.build import BuildOptions, BuildResult, build, output_names
from qnreport.config.project import Project

ROOT = Path(__file__).parents[1]
CN = "cn-2023"
TO_THE_SO = "Hướng dẫn UBND thị xã Đức Phổ thủ tục mở rộng Cụm công nghiệp Phổ Phong"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    root = tmp_path_factory.mktemp("du-an")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "inputs" / CN, root / "inputs" / CN)
    project = Project(root)
    result = build(project, BuildOptions(CN, jobs=1), echo=lambda _line: None)
    return project, result


def body_and_appendices(project: Project) -> tuple[list[str], list[str]]:
    path = project.outputs / CN / output_names(CN)["report"]
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    first = texts.index("Phụ lục I")
    return texts[:first], texts[first:]


def test_every_appendix_is_cited_in_the_body(built: tuple[Project, BuildResult]) -> None:
    body, appendices = body_and_appendices(built[0])
    numbers = [t.split()[-1] for t in appendices if re.fullmatch(r"Phụ lục [IVX]+", t)]
    assert numbers == ["I", "II", "III", "IV", "V", "VI"]
    cited = set(re.findall(r"Phụ lục ([IVX]+)\b", " ".join(body)))
    assert cited == set(numbers)


def test_no_agency_is_echoed_and_no_point_repeated(built: tuple[Project, BuildResult]) -> None:
    body, _ = body_and_appendices(built[0])
    cons = built[1].consolidation
    assert cons is not None
    names = [a.name for a in cons.ctx.registry] + [a.short for a in cons.ctx.registry]
    assert not [t for t in body if any(t.startswith(f"- {name}: ") for name in names)]
    raised = [t for t in body if "về vai trò của công nghiệp trong phát triển kinh tế" in t]
    assert len(raised) == 1  # four districts wrote it; the report says it once
    assert raised[0].endswith(
        "(UBND thành phố Quảng Ngãi và các huyện Bình Sơn, Sơn Tịnh, Mộ Đức)."
    )


def test_recommendations_to_the_so_stay_with_it(built: tuple[Project, BuildResult]) -> None:
    project, _ = built
    body, _ = body_and_appendices(project)
    assert not [t for t in body if TO_THE_SO in t]
    assert "Đối với Sở Công Thương" not in " ".join(body)
    summary = openpyxl.load_workbook(project.outputs / CN / output_names(CN)["summary"])
    follow_up = [[c.value for c in row] for row in summary["Kiến nghị gửi Sở"].iter_rows()]
    assert follow_up[0] == [
        "Ý trong báo cáo",
        "Nguồn ghi trong báo cáo",
        "Nội dung cơ quan báo cáo",
    ]
    assert [row[:2] for row in follow_up[1:]] == [
        [
            "Thống nhất với Cục Thống kê phương pháp ước tính các chỉ tiêu chưa có trong hệ "
            "thống chỉ tiêu thống kê cấp tỉnh trước khi tổng hợp báo cáo",
            "Cục Thống kê",
        ],
        [f"{TO_THE_SO} và lựa chọn chủ đầu tư xây dựng hạ tầng", "UBND thị xã Đức Phổ"],
    ]


def test_the_summary_shows_the_statements_behind_every_point(
    built: tuple[Project, BuildResult],
) -> None:
    project, result = built
    summary = openpyxl.load_workbook(project.outputs / CN / output_names(CN)["summary"])
    rows = [[c.value for c in row] for row in summary["Nguồn các ý tổng hợp"].iter_rows()][1:]
    works = "Phổ Thạnh, Bình Nguyên, Thạch Trụ, Trà Bình"
    point = f"Các cụm công nghiệp {works} chưa có hệ thống xử lý nước thải tập trung"
    behind = sorted((r[4], r[5]) for r in rows if r[2] == point)
    assert [agency for agency, _ in behind] == sorted(
        ["UBND TX Đức Phổ", "UBND huyện Bình Sơn", "UBND huyện Mộ Đức", "UBND huyện Trà Bồng"]
    )
    assert all(
        original.endswith("chưa có hệ thống xử lý nước thải tập trung.") for _, original in behind
    )
    # every row of a list the agencies sent is behind exactly one point
    cons = result.consolidation
    assert cons is not None
    problems = [r for r in rows if r[0] == "Tồn tại, hạn chế và nguyên nhân"]
    assert len(problems) == len(cons.lists["ton_tai"])


def test_the_appendix_holds_every_problem_the_body_leaves_out(
    built: tuple[Project, BuildResult],
) -> None:
    """The body states the shared problems and a few of each agency's own; the appendix
    of the agencies' texts has all of them, agency by agency, with their causes, and
    nothing the Sở was asked itself."""
    body, appendices = body_and_appendices(built[0])
    start = body.index("III. TỒN TẠI HẠN CHẾ")
    assert body[start + 1] == (
        "Những nội dung chủ yếu như sau (nội dung của từng cơ quan, đơn vị tại Phụ lục IV):"
    )
    texts = appendices[appendices.index("TỔNG HỢP NỘI DUNG BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ") :]
    problems = texts[texts.index("III. TỒN TẠI HẠN CHẾ") : texts.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")]
    assert problems[1:4] == [
        "- Sở Công Thương: Tiến độ đầu tư hạ tầng nhiều cụm công nghiệp còn chậm; một số cụm "
        "công nghiệp đã có doanh nghiệp hoạt động nhưng chưa có hệ thống xử lý nước thải tập "
        "trung (nguyên nhân: ngân sách hỗ trợ còn hạn chế; chủ đầu tư hạ tầng năng lực tài chính "
        "yếu; vướng mắc trong bồi thường, giải phóng mặt bằng).",
        "Công nghiệp hỗ trợ phát triển chậm, tỷ lệ cung ứng linh kiện, phụ tùng của doanh nghiệp "
        "địa phương cho doanh nghiệp FDI còn thấp (nguyên nhân: doanh nghiệp địa phương chủ yếu "
        "nhỏ và vừa, thiếu vốn, công nghệ, chưa đáp ứng tiêu chuẩn chất lượng của doanh nghiệp "
        "đầu chuỗi).",
        "Kinh phí khuyến công chưa đáp ứng nhu cầu của cơ sở công nghiệp nông thôn; nhiều đề án "
        "đăng ký chưa được hỗ trợ (nguyên nhân: nguồn kinh phí khuyến công địa phương hằng năm "
        "còn thấp so với số đề án đăng ký).",
    ]
    left_out = "Công nghiệp hỗ trợ phát triển chậm, tỷ lệ cung ứng linh kiện"
    assert not [t for t in body if left_out in t]
    assert "Đối với Sở Công Thương" not in texts
    assert not [t for t in texts if TO_THE_SO in t]


def test_the_appendix_of_texts_numbers_as_the_outline_does(
    built: tuple[Project, BuildResult],
) -> None:
    """Its headings never jump: "II." above "1.", "4." above "4.1.", as in the body."""
    _, appendices = body_and_appendices(built[0])
    texts = appendices[appendices.index("TỔNG HỢP NỘI DUNG BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ") :]
    first = texts.index("1. Công tác thông tin, tuyên truyền")
    assert texts[first - 1] == "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"
    plan = texts[texts.index(next(t for t in texts if t.startswith("V. XÂY DỰNG KẾ HOẠCH"))) :]
    sub = next(i for i, t in enumerate(plan) if t.startswith("4.1. "))
    assert any(t.startswith("4. Huy động và sử dụng hiệu quả nguồn nhân lực") for t in plan[:sub])
