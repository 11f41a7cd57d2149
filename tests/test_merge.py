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
    named_in,
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


def test_names_sharing_a_word_are_listed_whole() -> None:
    sentence = (
        "Cơ cấu kinh tế của huyện {} tiếp tục chuyển dịch theo hướng tăng tỷ trọng công nghiệp"
    )
    items = merge(
        said(("HBS", sentence.format("Bình Sơn")), ("HLS", sentence.format("Lý Sơn"))), RULES
    )
    assert [i.text for i in items] == [
        "Cơ cấu kinh tế của các huyện Bình Sơn, Lý Sơn tiếp tục chuyển dịch theo hướng tăng tỷ "
        "trọng công nghiệp"
    ]


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


RATE = "Tỷ lệ lấp đầy cụm công nghiệp Tịnh Phong đạt {}% diện tích"
YEAR = "Hoàn thành hạ tầng cụm công nghiệp Phổ Phong trong năm {} theo kế hoạch"
GROWTH = "Giá trị sản xuất công nghiệp tăng {} so với cùng kỳ năm trước trên địa bàn"


@pytest.mark.parametrize(
    "sentence, first, second, who",
    [
        # rates are never added; for the same named place they disagree
        (RATE, 60, 75, ("HBS", "HMD")),
        (RATE, 60, 75, ("SKHDT", "CTK")),
        # a year is not a count
        (YEAR, 2024, 2025, ("HBS", "HMD")),
        (YEAR, 2024, 2025, ("SKHDT", "CTK")),
        # two departments' figures for the same thing disagree
        (GROWTH, 12, 9, ("SKHDT", "CTK")),
    ],
)
def test_figures_of_other_kinds_are_never_added_nor_merged(
    sentence: str, first: int, second: int, who: tuple[str, str]
) -> None:
    """What the clerk must see twice: a disagreement is not a range."""
    first_text, second_text = sentence.format(first), sentence.format(second)
    items = merge(said((who[0], first_text), (who[1], second_text)), RULES)
    assert sorted(i.text for i in items) == sorted([first_text, second_text])


def test_each_district_s_own_rate_becomes_a_range() -> None:
    items = merge(
        said(
            ("HBS", "Giá trị sản xuất công nghiệp tăng 12% so với cùng kỳ năm trước"),
            ("HMD", "Giá trị sản xuất công nghiệp tăng 9,5% so với cùng kỳ năm trước"),
        ),
        RULES,
    )
    assert texts(items) == [
        (
            "Giá trị sản xuất công nghiệp tăng từ 9,5% đến 12% so với cùng kỳ năm trước",
            "UBND các huyện Bình Sơn, Mộ Đức",
        )
    ]


def test_a_sentence_changed_in_names_figures_and_kinds_of_place_becomes_one() -> None:
    """Districts copy each other's sentences and change their names, their figures and
    "thị xã" for "huyện": one sentence, names listed, counts added, the rates a range,
    the bare kind of place "địa phương"; the text names the districts, so no echo."""
    template = (
        "Hoạt động thương mại trên địa bàn {place} ổn định; tổng mức bán lẻ hàng hóa ước "
        "tăng {rate}% so với năm trước, tổ chức {fairs} phiên chợ hàng Việt bằng ngân sách {kind}"
    )
    items = merge(
        said(
            (
                "TXDP",
                template.format(place="thị xã Đức Phổ", rate="9,6", fairs="03", kind="thị xã"),
            ),
            ("HBS", template.format(place="huyện Bình Sơn", rate="7,5", fairs="02", kind="huyện")),
            (
                "HNH",
                template.format(place="huyện Nghĩa Hành", rate="9,9", fairs="02", kind="huyện"),
            ),
        ),
        RULES,
    )
    assert [(i.text, named_in(i.text, i.agencies, RULES)) for i in items] == [
        (
            "Hoạt động thương mại trên địa bàn thị xã Đức Phổ và các huyện Bình Sơn, Nghĩa Hành "
            "ổn định; tổng mức bán lẻ hàng hóa ước tăng từ 7,5% đến 9,9% so với năm trước, tổ "
            "chức 07 phiên chợ hàng Việt bằng ngân sách địa phương",
            True,
        )
    ]


def test_a_count_all_districts_wrote_alike_is_still_added_up() -> None:
    sentence = "Năm 2023, UBND huyện {} đã làm việc với 03 nhà đầu tư tìm hiểu cơ hội đầu tư"
    items = merge(
        said(("HSTI", sentence.format("Sơn Tịnh")), ("HTB", sentence.format("Trà Bồng"))), RULES
    )
    assert [i.text for i in items] == [
        "Năm 2023, UBND các huyện Sơn Tịnh, Trà Bồng đã làm việc với 06 nhà đầu tư tìm hiểu cơ "
        "hội đầu tư"
    ]


def test_the_same_words_from_several_districts_add_their_counts() -> None:
    sentence = "Năm 2023, trên địa bàn có thêm 24 doanh nghiệp thành lập mới"
    items = merge(said(("TPQN", sentence), ("HBS", sentence), ("HBS", sentence)), RULES)
    assert [(i.text, i.how) for i in items] == [
        ("Năm 2023, trên địa bàn có thêm 48 doanh nghiệp thành lập mới", "same")
    ]


def test_words_of_a_name_some_agencies_leave_out_are_written_as_most_wrote_them() -> None:
    sentence = (
        "Chỉ đạo Phòng Kinh tế{} rà soát các cơ sở sản xuất gây ô nhiễm vào Cụm công nghiệp {}"
    )
    items = merge(
        said(
            ("TPQN", sentence.format("", "Tịnh Ấn Tây")),
            ("HBS", sentence.format(" và Hạ tầng", "Bình Nguyên")),
            ("HNH", sentence.format(" và Hạ tầng", "Đồng Dinh")),
        ),
        RULES,
    )
    assert [i.text for i in items] == [
        "Chỉ đạo Phòng Kinh tế và Hạ tầng rà soát các cơ sở sản xuất gây ô nhiễm vào các cụm "
        "công nghiệp Tịnh Ấn Tây, Bình Nguyên, Đồng Dinh"
    ]


def test_words_that_are_not_names_never_change_in_a_merge() -> None:
    first = "Cụm công nghiệp Bình Nguyên đã có hệ thống xử lý nước thải tập trung đạt chuẩn"
    second = "Cụm công nghiệp Thạch Trụ chưa có hệ thống xử lý nước thải tập trung đạt chuẩn"
    items = merge(said(("HBS", first), ("HMD", second)), RULES)
    assert sorted(i.text for i in items) == sorted([first, second])


def test_a_listed_kind_after_cac_is_not_doubled() -> None:
    sentence = "Đề xuất đưa vào Quy hoạch tỉnh các cụm công nghiệp {}, gắn với vùng nguyên liệu"
    items = merge(
        said(
            ("TXDP", sentence.format("Phổ Thạnh và Phổ Phong")), ("HTB", sentence.format("Trà Phú"))
        ),
        RULES,
    )
    assert [i.text for i in items] == [
        "Đề xuất đưa vào Quy hoạch tỉnh các cụm công nghiệp Phổ Thạnh, Phổ Phong, Trà Phú, gắn "
        "với vùng nguyên liệu"
    ]


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
    first = "Đẩy nhanh giải phóng mặt bằng Cụm công nghiệp Bình Chánh"
    second = "Đẩy nhanh công tác giải phóng mặt bằng Cụm công nghiệp Quán Lát"
    items = merge(said(("HBS", first), ("HMD", second)), RULES)
    assert sorted(i.text for i in items) == sorted([first, second])


def test_names_that_are_several_words_are_listed_whole() -> None:
    items = merge(
        said(
            ("HBS", "Đẩy nhanh giải phóng mặt bằng Cụm công nghiệp Bình Chánh và Bình Nguyên"),
            ("HMD", "Đẩy nhanh giải phóng mặt bằng Cụm công nghiệp Quán Lát"),
        ),
        RULES,
    )
    assert [i.text for i in items] == [
        "Đẩy nhanh giải phóng mặt bằng các cụm công nghiệp Bình Chánh, Bình Nguyên, Quán Lát"
    ]


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
        "Qua đó, nhận thức về công nghiệp tại TP. Quảng Ngãi được nâng lên. "
        "Di dời cơ sở vào Cụm công nghiệp Đồng Dinh. Năm 2023, 02 cơ sở được hỗ trợ."
    )
    assert split_statements(text, RULES) == [
        "Tổ chức 2 hội nghị tuyên truyền",
        "Hỗ trợ 3 đề án khuyến công",
        "Phối hợp Trung tâm Văn hóa - Thông tin - Thể thao huyện thực hiện 29 tin, bài",
        "Qua đó, nhận thức về công nghiệp tại TP. Quảng Ngãi được nâng lên",
        "Di dời cơ sở vào Cụm công nghiệp Đồng Dinh",
        "Năm 2023, 02 cơ sở được hỗ trợ",
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


def test_a_short_cause_two_districts_worded_alike_is_one() -> None:
    items = merge(
        said(("TXDP", "Ngân sách thị xã hạn hẹp"), ("HBS", "Ngân sách huyện hạn hẹp")), RULES
    )
    assert [i.text for i in items] == ["Ngân sách địa phương hạn hẹp"]


def test_a_department_naming_itself_is_not_attributed_again() -> None:
    text = "Năm 2023, Sở Khoa học và Công nghệ tổ chức triển khai 19 nhiệm vụ khoa học"
    assert named_in(text, [agency("SKHCN")], RULES)
    assert not named_in(text, [agency("SKHCN"), agency("STC")], RULES)
    assert not named_in("Phối hợp với Sở Công Thương", [agency("SKHCN")], RULES)
