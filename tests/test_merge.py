"""The merging engine: what agencies wrote, stated once in the Sở's voice, traceably."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qnreport.config.registry import Agency, Registry, load_registry
from qnreport.report.merge import (
    MergedItem,
    MergeRules,
    Statement,
    attribution,
    merge,
    split_statements,
)

ROOT = Path(__file__).parents[1]
REGISTRY: Registry = load_registry(ROOT / "templates" / "agencies.toml")
RULES = MergeRules.load(ROOT / "templates" / "merge.toml")


def agency(code: str) -> Agency:
    return REGISTRY.get(code)


def said(*pairs: tuple[str, str]) -> list[Statement]:
    return [Statement(text, agency(code), f"r{n}") for n, (code, text) in enumerate(pairs)]


def texts(items: list[MergedItem]) -> list[tuple[str, str]]:
    return [(i.text, attribution(i.agencies, REGISTRY, RULES)) for i in items]


def test_identical_statements_become_one_attributed_to_all() -> None:
    items = merge(
        said(
            ("STC", "Nguồn vốn hỗ trợ đầu tư hạ tầng cụm công nghiệp còn hạn chế."),
            ("SKHDT", "Nguồn vốn hỗ trợ đầu tư hạ tầng cụm công nghiệp còn hạn chế"),
        ),
        RULES,
    )
    assert texts(items) == [
        (
            "Nguồn vốn hỗ trợ đầu tư hạ tầng cụm công nghiệp còn hạn chế",
            "Sở Kế hoạch và Đầu tư, Sở Tài chính",
        )
    ]
    assert items[0].how == "same"


def test_statements_differing_in_names_list_the_names_the_administration_way() -> None:
    items = merge(
        said(
            (
                "HBS",
                "Thu hút đầu tư vào các cụm công nghiệp trên địa bàn huyện Bình Sơn còn hạn chế",
            ),
            (
                "TXDP",
                "Thu hút đầu tư vào các cụm công nghiệp trên địa bàn thị xã Đức Phổ còn hạn chế",
            ),
            ("HMD", "Thu hút đầu tư vào các cụm công nghiệp trên địa bàn huyện Mộ Đức còn hạn chế"),
        ),
        RULES,
    )
    assert texts(items) == [
        (
            "Thu hút đầu tư vào các cụm công nghiệp trên địa bàn thị xã Đức Phổ và các huyện "
            "Bình Sơn, Mộ Đức còn hạn chế",
            "UBND thị xã Đức Phổ và các huyện Bình Sơn, Mộ Đức",
        )
    ]
    assert items[0].how == "names"


def test_a_named_work_is_put_in_the_plural_and_keeps_its_capital_at_the_start() -> None:
    items = merge(
        said(
            ("HBS", "Cụm công nghiệp Bình Nguyên chưa có hệ thống xử lý nước thải tập trung"),
            ("HMD", "Cụm công nghiệp Thạch Trụ chưa có hệ thống xử lý nước thải tập trung"),
            ("HTB", "Cụm công nghiệp Trà Bình chưa có hệ thống xử lý nước thải tập trung"),
        ),
        RULES,
    )
    assert [i.text for i in items] == [
        "Các cụm công nghiệp Bình Nguyên, Thạch Trụ, Trà Bình chưa có hệ thống xử lý nước "
        "thải tập trung"
    ]


def test_counts_of_the_same_kind_are_added() -> None:
    items = merge(
        said(
            ("HBS", "Tổ chức 1 hội nghị tuyên truyền chính sách khuyến công cho 108 lượt cơ sở"),
            ("HMD", "Tổ chức 3 hội nghị tuyên truyền chính sách khuyến công cho 142 lượt cơ sở"),
            ("HTB", "Tổ chức 1 hội nghị tuyên truyền chính sách khuyến công cho 119 lượt cơ sở"),
        ),
        RULES,
    )
    assert [(i.text, i.how) for i in items] == [
        ("Tổ chức 5 hội nghị tuyên truyền chính sách khuyến công cho 369 lượt cơ sở", "summed")
    ]


@pytest.mark.parametrize(
    "sentence, first, second",
    [
        # rates are never added
        ("Tỷ lệ lấp đầy cụm công nghiệp Tịnh Phong đạt {}% diện tích", 60, 75),
        # a year is not a count
        ("Hoàn thành hạ tầng cụm công nghiệp Phổ Phong trong năm {} theo kế hoạch", 2024, 2025),
        # a figure without a counted kind after it
        ("Giá trị sản xuất công nghiệp tăng {} so với cùng kỳ năm trước trên địa bàn", 12, 9),
    ],
)
def test_figures_of_other_kinds_are_never_added_nor_merged(
    sentence: str, first: int, second: int
) -> None:
    first_text, second_text = sentence.format(first), sentence.format(second)
    items = merge(said(("HBS", first_text), ("HMD", second_text)), RULES)
    assert sorted(i.text for i in items) == sorted([first_text, second_text])


def test_statements_alike_in_words_become_one_in_the_majority_wording() -> None:
    thin = "Bộ máy quản lý nhà nước về công nghiệp còn mỏng"
    items = merge(
        said(
            ("HBS", f"{thin}, cán bộ kiêm nhiệm nhiều việc"),
            ("HMD", f"{thin}, cán bộ kiêm nhiệm nhiều việc"),
            ("HTB", f"{thin}; cán bộ phải kiêm nhiệm nhiều việc"),
        ),
        RULES,
    )
    assert [(i.text, i.how, len(i.sources)) for i in items] == [
        (f"{thin}, cán bộ kiêm nhiệm nhiều việc", "similar", 3)
    ]


def test_different_statements_are_kept_in_the_agencies_own_words_most_raised_first() -> None:
    items = merge(
        said(
            ("SKHCN", "Hoạt động nghiên cứu, phát triển trong doanh nghiệp chưa được chú trọng"),
            ("HBS", "Thu hút đầu tư vào cụm công nghiệp còn khó khăn do thiếu quỹ đất sạch"),
            ("HMD", "Thu hút đầu tư vào cụm công nghiệp còn khó khăn do thiếu quỹ đất sạch"),
        ),
        RULES,
    )
    assert texts(items) == [
        (
            "Thu hút đầu tư vào cụm công nghiệp còn khó khăn do thiếu quỹ đất sạch",
            "UBND các huyện Bình Sơn, Mộ Đức",
        ),
        (
            "Hoạt động nghiên cứu, phát triển trong doanh nghiệp chưa được chú trọng",
            "Sở Khoa học và Công nghệ",
        ),
    ]


def test_a_merge_never_drops_a_proper_name() -> None:
    items = merge(
        said(
            ("HBS", "Đẩy nhanh giải phóng mặt bằng Cụm công nghiệp Bình Chánh và Bình Nguyên"),
            ("HMD", "Đẩy nhanh giải phóng mặt bằng Cụm công nghiệp Quán Lát"),
        ),
        RULES,
    )
    assert len(items) == 2


def test_attribution_summarises_many_agencies() -> None:
    departments = [a for a in REGISTRY if a.group != "huyen"]
    places = [a for a in REGISTRY if a.group == "huyen"]
    assert attribution([*departments, *places[:9]], REGISTRY, RULES) == (
        f"các sở, ngành và 9/{len(places)} địa phương"
    )
    assert attribution(departments[:5], REGISTRY, RULES) == "5 sở, ngành"
    assert attribution(places, REGISTRY, RULES) == "các địa phương"
    assert attribution([agency("TPQN")], REGISTRY, RULES) == "UBND thành phố Quảng Ngãi"


def test_a_free_text_is_split_into_its_points() -> None:
    text = (
        "- Tổ chức 2 hội nghị tuyên truyền;\n"
        "- Hỗ trợ 3 đề án khuyến công.\n"
        "Phối hợp Trung tâm Văn hóa - Thông tin - Thể thao huyện thực hiện 29 tin, bài. "
        "Qua đó, nhận thức về công nghiệp tại TP. Quảng Ngãi được nâng lên."
    )
    assert split_statements(text, RULES) == [
        "Tổ chức 2 hội nghị tuyên truyền",
        "Hỗ trợ 3 đề án khuyến công",
        "Phối hợp Trung tâm Văn hóa - Thông tin - Thể thao huyện thực hiện 29 tin, bài",
        "Qua đó, nhận thức về công nghiệp tại TP. Quảng Ngãi được nâng lên",
    ]


# ------------------------------------------------------------------------ properties
POOL = [
    "Thu hút đầu tư vào các cụm công nghiệp trên địa bàn {place} còn hạn chế",
    "Cụm công nghiệp {work} chưa có hệ thống xử lý nước thải tập trung",
    "Tổ chức {n} hội nghị tuyên truyền chính sách khuyến công cho {m} lượt cơ sở",
    "Bộ máy quản lý nhà nước về công nghiệp ở cấp huyện còn mỏng",
    "Nguồn kinh phí khuyến công địa phương còn thấp so với nhu cầu",
    "Tỷ lệ lấp đầy các cụm công nghiệp đạt {n}% diện tích",
]
PLACES = ["huyện Bình Sơn", "thị xã Đức Phổ", "huyện Mộ Đức", "thành phố Quảng Ngãi"]
WORKS = ["Bình Nguyên", "Thạch Trụ", "Trà Bình", "Phổ Phong"]
CODES = [a.code for a in REGISTRY]

statements = st.lists(
    st.builds(
        lambda template, place, work, n, m, code, ref: Statement(
            template.format(place=place, work=work, n=n, m=m), agency(code), ref
        ),
        st.sampled_from(POOL),
        st.sampled_from(PLACES),
        st.sampled_from(WORKS),
        st.integers(1, 20),
        st.integers(1, 300),
        st.sampled_from(CODES),
        st.text("abc", min_size=1, max_size=3),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(statements, st.randoms(use_true_random=False))
def test_the_order_of_the_statements_does_not_change_the_words(
    items: list[Statement], rnd: object
) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert texts(merge(items, RULES)) == texts(merge(shuffled, RULES))


@settings(max_examples=60, deadline=None)
@given(statements)
def test_every_statement_is_traceable_to_exactly_one_item(items: list[Statement]) -> None:
    merged = merge(items, RULES)
    traced = [s for item in merged for s in item.sources]
    assert sorted(traced, key=repr) == sorted(items, key=repr)


@pytest.mark.parametrize(
    ("cause", "after_colon"),
    [
        ("Một số hộ dân chưa đồng thuận", "một số hộ dân chưa đồng thuận"),
        ("Ngân sách huyện hạn hẹp", "ngân sách huyện hạn hẹp"),
        ("UBND huyện chậm bố trí vốn", "UBND huyện chậm bố trí vốn"),
        ("Sở Công Thương chưa hướng dẫn", "Sở Công Thương chưa hướng dẫn"),
        ("Ủy ban nhân dân tỉnh chưa phê duyệt", "Ủy ban nhân dân tỉnh chưa phê duyệt"),
        ("Ngân hàng Nhà nước chưa có hướng dẫn", "Ngân hàng Nhà nước chưa có hướng dẫn"),
        ("Chính phủ chưa ban hành nghị định", "Chính phủ chưa ban hành nghị định"),
        ("thiếu lao động có tay nghề", "thiếu lao động có tay nghề"),
    ],
)
def test_a_cause_reads_on_after_its_colon_but_a_name_keeps_its_capital(
    cause: str, after_colon: str
) -> None:
    assert RULES.mid_sentence(cause) == after_colon
