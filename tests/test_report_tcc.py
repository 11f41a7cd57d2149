"""The Kế hoạch 222 report read back as its signer reads it: true as of its date, in the
plan's words and numbering, cited as the administration cites, with nothing that reads
the wrong way round.

The round (report dated 05/12/2024): the Sở's own part; Sở KH&ĐT replies on 04/12; the
Ban Dân tộc has no task and says why; the Cục Thống kê's letter is dated 06/12, after the
report, so it is neither counted nor used.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import WorkbookFactory, signed_config
from libreoffice import run_tool

from qnreport.build import BuildOptions, build
from qnreport.config import contract
from qnreport.config.project import Project

ROUND = "tcc-222-2024"
TODAY = dt.date(2024, 12, 5)
REASON = (
    "qua rà soát, Ban Dân tộc không được giao nhiệm vụ tại Kế hoạch số 222/KH-UBND nên "
    "không có nội dung báo cáo"
)


def _ct(code: str, previous: float, actual: float) -> dict[str, float]:
    return {
        contract.indicator_name(code, "NAM_TRUOC"): previous,
        contract.indicator_name(code, "NAM_NAY"): actual,
    }


@pytest.fixture(scope="module")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the round's build, with the PDF when LibreOffice is here."""
    folder = tmp_path_factory.mktemp("nop-tcc")
    make = WorkbookFactory(project, folder)
    make(
        "SCT",
        ROUND,
        values={
            "VB_NGAY": dt.datetime(2024, 12, 4),
            **_ct("TCC03", 8.5, 9.3),
            **_ct("TCC06", 1012.6, 1068),
            **_ct("TCC07", 14.5, 15.8),
            **_ct("TCC08", 1, 1.1),
            contract.task_status_name("PL04"): "Chưa thực hiện",
            contract.task_result_name("PL04"): "Đang chờ Chiến lược được phê duyệt.",
            # PL12 is led by the Sở NN&PTNT, which has not replied; the Sở says nothing yet
            contract.task_status_name("PL12"): None,
            contract.task_result_name("PL12"): None,
        },
        rows={
            "kien_nghi": [
                {"noi_nhan": "Các Bộ, ngành Trung ương", "noi_dung": "Sớm ban hành Đề án."}
            ]
        },
    )
    make("SKHDT", ROUND, values={"VB_NGAY": dt.datetime(2024, 12, 4)})
    make(
        "BDT",
        ROUND,
        blank=True,
        values={
            "VB_SO": "12/BDT-CSDT",
            "VB_NGAY": dt.datetime(2024, 12, 2),
            "NGUOI_KY": "Nguyễn Thế Nhân",
            "KHONG_NHIEM_VU": "Có",
            "LY_DO_KHONG_NV": REASON,
        },
    )
    make("CTK", ROUND, values={"VB_NGAY": dt.datetime(2024, 12, 6)})
    out = tmp_path_factory.mktemp("ket-qua-tcc")
    options = BuildOptions(
        round_id=ROUND,
        input_dir=folder,
        output_dir=out,
        config=signed_config(project, ROUND, out.parent / "cfg-tcc"),
        date=TODAY,
        number="5",
        pdf=shutil.which("soffice") is not None,
    )
    build(project, options, echo=lambda _: None)
    return out


@pytest.fixture(scope="module")
def doc(built: Path) -> Any:
    return docx.Document(str(built / f"bao-cao-{ROUND}.docx"))


@pytest.mark.libreoffice
def test_printed_nothing_breaks_where_a_reader_trips(built: Path) -> None:
    """In the PDF a "%" stays with its number, a symbol and a period of years on one
    line; and what the report says about tasks not yet due survives the layout."""
    pdf = built / f"bao-cao-{ROUND}.pdf"
    if not pdf.is_file() or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler-utils (pdftotext) is not on PATH")
    text = run_tool("pdftotext", str(pdf), "-")
    # a line broken inside a cell or a paragraph (a blank line is the next cell)
    assert not re.search(r"(\d|điểm)[ \u00a0]*\n[ \u00a0]*%", text)
    assert not re.search(r"\d+/[A-ZĐ]+-\s*\n", text)  # 222/KH- | UBND
    assert not re.search(r"\b20\d\d ?- ?\n ?20\d\d", text)  # 2024- | 2025
    flat = " ".join(text.split())
    assert "Chưa đến hạn (theo lộ trình 2024-2025)" in flat
    assert "đạt 41,9% mục tiêu năm 2030" in flat


def _texts(doc: Any) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _cells(doc: Any) -> list[str]:
    return [c.text for t in doc.tables for row in t.rows for c in row.cells]


def _rows(doc: Any, *header: str) -> list[list[str]]:
    """The data rows of every table whose header row starts with ``header``."""
    return [
        [c.text for c in row.cells]
        for t in doc.tables
        if [c.text for c in t.rows[0].cells][: len(header)] == list(header)
        for row in t.rows[1:]
    ]


def test_the_subject_and_the_opening_cite_the_plan_as_the_administration_does(doc: Any) -> None:
    texts = _texts(doc)
    subject = (
        "Kết quả thực hiện năm 2024 Kế hoạch Tái cơ cấu ngành Công Thương tỉnh Quảng Ngãi "
        "giai đoạn đến năm 2030"
    )
    assert subject in texts
    assert next(t for t in texts if t.startswith("Thực hiện ")) == (
        "Thực hiện Kế hoạch số 222/KH-UBND ngày 28/12/2023 của UBND tỉnh về tái cơ cấu ngành "
        "Công Thương tỉnh Quảng Ngãi giai đoạn đến năm 2030; trên cơ sở báo cáo của 1 cơ "
        "quan, đơn vị theo đề nghị tại Công văn số 2389/SCT-QLCN ngày 20/11/2024 của Sở Công "
        "Thương (tính đến ngày 05/12/2024; tình hình gửi báo cáo tại Phụ lục II), "
        "Sở Công Thương báo cáo kết quả thực hiện "
        "năm 2024 Kế hoạch Tái cơ cấu ngành Công Thương tỉnh Quảng Ngãi giai đoạn đến năm "
        "2030 như sau:"
    )
    assert not any("văn bản số 222" in t for t in texts)


def test_no_word_is_said_twice(doc: Any) -> None:
    everything = " ".join(_texts(doc) + _cells(doc))
    assert not re.search(r"bình quân/?\s?năm năm|năm 2030 năm 2024", everything)
    assert "Tốc độ tăng trưởng giá trị gia tăng công nghiệp năm 2024 ước đạt 9,3%, tăng 0,8 " in (
        everything
    )


def test_a_target_for_2030_is_progress_not_a_failure(doc: Any) -> None:
    texts = _texts(doc)
    assert (
        "Tổng công suất của các nguồn điện năm 2024 ước đạt 1.068 MW, bằng 105,5% so với năm "
        "2023; đạt 41,9% mục tiêu năm 2030 (2.550 MW)."
    ) in texts
    renewables = next(t for t in texts if t.startswith("Tỷ lệ các nguồn năng lượng tái tạo"))
    assert renewables == (
        "Tỷ lệ các nguồn năng lượng tái tạo trong tổng cung năng lượng sơ cấp năm 2024 ước đạt "
        "15,8%, tăng 1,3 điểm phần trăm so với năm 2023; đạt 79,0% mục tiêu năm 2030 (20% vào "
        "năm 2030)."
    )
    b2c = next(t for t in texts if t.startswith("Tốc độ tăng trưởng doanh số thương mại"))
    assert b2c.endswith(
        "năm 2024 ước đạt 8,6%, tăng 0,7 điểm phần trăm so với năm 2023; mục tiêu 17% vào năm "
        "2025 chưa đến hạn đánh giá."
    )
    annex = {r[1]: r for r in _rows(doc, "STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu 2021-2025")}
    for name in ("Tổng công suất của các nguồn điện", "Tỷ lệ các nguồn năng lượng tái tạo"):
        row = next(r for n, r in annex.items() if n.startswith(name))
        assert row[8] == "Chưa đến hạn"
    power = annex["Tổng công suất của các nguồn điện"]
    assert power[3:5] == ["", "2.550 MW"]  # the 2030 target stays in its own column
    assert "Chưa đạt mục tiêu giai đoạn 2021-2030" not in " ".join(_texts(doc) + _cells(doc))


def test_percent_figures_keep_one_decimal_down_a_column(doc: Any) -> None:
    annex = _rows(doc, "STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu 2021-2025")
    figures = [r[5:7] for r in annex if len(r) > 6 and r[2] == "%"]
    assert figures and all(re.fullmatch(r"-?\d+,\d%", f) for row in figures for f in row)
    assert ["1,0%", "1,1%"] in figures  # the energy row: 1% and 1,1% as 1,0% and 1,1%


def test_a_decrease_indicator_reads_the_right_way(doc: Any) -> None:
    sentence = next(t for t in _texts(doc) if t.startswith("Mức tiêu hao năng lượng"))
    assert sentence == (
        "Mức tiêu hao năng lượng tính trên GDP năm 2024 ước giảm 1,1%, năm 2023 giảm 1%; đạt "
        "mục tiêu giai đoạn 2021-2025 (1 - 1,2%)."
    )
    # an index grows ("tăng"), it does not reach a percentage ("đạt")
    iip = next(t for t in _texts(doc) if t.startswith("Chỉ số sản xuất công nghiệp (IIP)"))
    assert iip.startswith("Chỉ số sản xuất công nghiệp (IIP) năm 2024 ước tăng ")


def test_tasks_keep_the_plans_numbers_and_are_not_due_before_their_period(doc: Any) -> None:
    texts = _texts(doc)
    pl04 = texts.index(
        "4. Kế hoạch thực hiện Chiến lược phát triển công nghiệp và thương mại giai đoạn đến "
        "năm 2030, tầm nhìn đến năm 2045 (chủ trì: Sở Công Thương; thời gian trình: "
        "2024-2025; cấp thẩm quyền ban hành: UBND tỉnh):"
    )
    assert texts[pl04 + 1] == (
        "- Sở Công Thương: Chưa đến hạn (theo lộ trình 2024-2025). Đang chờ Chiến lược được "
        "phê duyệt."
    )
    pl12 = next(i for i, t in enumerate(texts) if t.startswith("12. Kế hoạch thực hiện Đề án"))
    assert texts[pl12 + 1] == "Chưa đến hạn (theo lộ trình 2024-2025)."  # nobody reported
    assert not any(re.match(r"^[a-zđ]\) ", t) for t in texts)  # no letters a)–o)
    vi10 = next(t for t in texts if t.startswith("Mục VI.10: "))
    assert vi10.endswith("(chủ trì: Sở Giáo dục và Đào tạo, Sở Lao động - Thương binh và Xã hội):")
    assert "Chưa thực hiện" not in " ".join(texts)
    # ... nor counted as such in the body ("7 chưa thực hiện" was)
    summary = next(t for t in texts if t.startswith("Trong 14 nhiệm vụ được giao: "))
    assert "chưa đến hạn" in summary and "chưa thực hiện" not in summary


def test_the_solution_groups_of_muc_v_are_reported_on(doc: Any) -> None:
    texts = _texts(doc)
    assert (
        "6. Tiếp tục hoàn thiện thể chế, chính sách và môi trường kinh doanh trở thành động "
        "lực cho thực hiện đổi mới mô hình tăng trưởng, đẩy mạnh công nghiệp hóa, hiện đại "
        "hóa và số hóa nhằm nâng cao năng suất, chất lượng của ngành Công Thương"
    ) in texts


def test_an_addressee_is_not_capitalised_mid_phrase(doc: Any) -> None:
    texts = _texts(doc)
    assert "1. Đối với các Bộ, ngành Trung ương" in texts
    assert not any("Đối với Các" in t for t in texts)


def test_phu_luc_ii_as_of_the_report_date_in_plain_words(doc: Any) -> None:
    rows = {r[1]: r[2:] for r in _rows(doc, "STT", "Cơ quan, đơn vị") if r[0].isdigit()}
    assert "Sở Công Thương" not in rows  # the issuer does not report to itself
    assert rows["Ban Dân tộc"] == [
        "Không được giao nhiệm vụ",
        "Số 12/BDT-CSDT ngày 02/12/2024",
        REASON[:1].upper() + REASON[1:],
    ]
    assert rows["Cục Thống kê"] == ["Chưa gửi", "", ""]  # its letter is dated 06/12
    everything = " ".join(_texts(doc) + _cells(doc))
    for jargon in ("tệp", "có lỗi", "không dùng"):
        assert jargon not in everything.lower()
    # the no-task reason is in the appendix only, never in the body as a result
    assert sum(REASON in t for t in _texts(doc)) == 0


def test_the_indicators_are_counted_as_the_plan_counts_them(doc: Any) -> None:
    """The plan's "05 chỉ tiêu" has a sixth row, "Trong đó: ...", a part of the first:
    the assessment under it counts five, not six."""
    texts = _texts(doc)
    heading = texts.index("1. Về phát triển công nghiệp: 05 chỉ tiêu")
    assert texts[heading + 1].startswith("Trong 5 chỉ tiêu: ")
    assert texts[heading + 1].endswith(" (chi tiết tại Phụ lục I).")
    # and its sentence reads as the part it is
    part = next(t for t in texts if "công nghiệp chế biến chế tạo trong GRDP năm" in t)
    assert part.startswith("Trong đó, tỷ trọng công nghiệp chế biến chế tạo trong GRDP năm ")


def test_a_report_dated_within_its_year_gives_that_years_figures_as_estimates(doc: Any) -> None:
    """Dated 05/12/2024, the report cannot state 2024 as done: "ước đạt", and Phụ lục I's
    column says "Ước thực hiện năm 2024"; last year's figures are final."""
    cells = _cells(doc)
    assert "Ước thực hiện năm 2024" in cells
    assert "Thực hiện năm 2023" in cells and "Thực hiện năm 2024" not in cells
    sentences = [t for t in _texts(doc) if re.search(r" năm 2024 ước (đạt|tăng|giảm) ", t)]
    assert len(sentences) >= 10
    assert not [t for t in _texts(doc) if re.search(r" năm 2024 (đạt|tăng|giảm) ", t)]
    # the Sở's own figures, in its own report, carry no "(nguồn: Sở Công Thương)"
    assert not [t for t in sentences if "(nguồn: Sở Công Thương)" in t]
