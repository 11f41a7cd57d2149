"""Vietnamese output formatting and ICU-compatible sorting without ICU."""

from __future__ import annotations

import datetime
import itertools
import random
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qnreport.vntext import (
    date_line,
    doc_number,
    format_number,
    format_percent,
    format_range,
    nfc,
    short_date,
    sort_key,
    strip_tones,
    typeset,
    upper_vi,
)

D = Decimal


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def test_nfc() -> None:
    assert nfc(nfd("Việt Nam")) == "Việt Nam"
    assert len(nfc(nfd("Việt Nam"))) == 8
    assert nfc("Vi\u00ea\u0323t") == "Việt"  # UniKey "Unicode tổ hợp" / cp1258 output


# --- numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (D("1234.5"), None, "1.234,5"),
        (2230, None, "2.230"),
        (2230.0, None, "2.230"),
        (D("8.50"), None, "8,5"),
        (8.5, None, "8,5"),
        (D("8.125"), None, "8,13"),  # half up, not Babel's half even
        (D("8.135"), None, "8,14"),
        (D("0.004"), None, "0"),
        (D("-0.004"), None, "0"),  # never "-0"
        (-2.1, None, "-2,1"),
        (D("-1234567.891"), None, "-1.234.567,89"),
        (274.65999999999997, None, "274,66"),
        (1e20, None, "100.000.000.000.000.000.000"),  # never scientific
        (D("1E+30"), None, "1.000.000.000.000.000.000.000.000.000.000"),
        (
            D("12345678901234567890123456789012.5"),
            1,
            "12.345.678.901.234.567.890.123.456.789.012,5",
        ),
        (D("1E-7"), None, "0"),
        (0, None, "0"),
        (D("8.5"), 2, "8,50"),
        (D("8"), 1, "8,0"),
        (D("1234.5678"), 3, "1.234,568"),
        (D("2.5"), 0, "3"),
        (D("0.5"), 0, "1"),
        (D("-2.5"), 0, "-3"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
    ],
)
def test_format_number(value: Decimal | int | float, decimals: int | None, expected: str) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), D("NaN"), D("-Infinity")])
def test_format_number_refuses_non_finite(bad: Decimal | float) -> None:
    with pytest.raises(ValueError):
        format_number(bad)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (8.5, None, "8,5%"),
        (D("8.5"), None, "8,5%"),
        (D("0.085"), None, "0,09%"),
        (12.5, None, "12,5%"),
        (40, None, "40%"),
        (D("10.5"), 1, "10,5%"),
        (D("9.5"), 0, "10%"),
        (-1.2, None, "-1,2%"),
        (1500, None, "1.500%"),
    ],
)
def test_format_percent(value: Decimal | int | float, decimals: int | None, expected: str) -> None:
    assert format_percent(value, decimals) == expected


@pytest.mark.parametrize(
    ("low", "high", "percent", "expected"),
    [
        (8.5, 9.5, True, "8,5-9,5%"),
        (8, 9, True, "8-9%"),
        (D("6.5"), 7, True, "6,5-7%"),
        (1000, 1200, False, "1.000-1.200"),
        (D("1"), D("1.2"), True, "1-1,2%"),
    ],
)
def test_format_range(low: object, high: object, percent: bool, expected: str) -> None:
    assert format_range(low, high, percent=percent) == expected  # type: ignore[arg-type]


def test_format_range_with_fixed_decimals() -> None:
    assert format_range(8, 9, percent=True, decimals=1) == "8,0-9,0%"


# --- dates and numbers of documents ---------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2024, 1, 5), "Quảng Ngãi, ngày 05 tháng 01 năm 2024"),
        (datetime.date(2023, 2, 8), "Quảng Ngãi, ngày 08 tháng 02 năm 2023"),
        (datetime.date(2024, 3, 2), "Quảng Ngãi, ngày 02 tháng 3 năm 2024"),
        (datetime.date(2023, 12, 28), "Quảng Ngãi, ngày 28 tháng 12 năm 2023"),
        (datetime.date(2023, 10, 10), "Quảng Ngãi, ngày 10 tháng 10 năm 2023"),
        (datetime.datetime(2023, 12, 8, 9, 30), "Quảng Ngãi, ngày 08 tháng 12 năm 2023"),
    ],
)
def test_date_line(date: datetime.date, expected: str) -> None:
    assert date_line("Quảng Ngãi", date) == expected


def test_date_line_draft() -> None:
    assert date_line("Quảng Ngãi", None, year=2024) == "Quảng Ngãi, ngày      tháng      năm 2024"
    assert date_line("Quảng Ngãi", None) == "Quảng Ngãi, ngày      tháng      năm ...."
    # A known date wins over the draft year.
    assert date_line("Quảng Ngãi", datetime.date(2023, 12, 28), year=2024).endswith("năm 2023")


def test_date_line_place() -> None:
    assert date_line(nfd(" Quảng Ngãi "), datetime.date(2024, 1, 5)) == (
        "Quảng Ngãi, ngày 05 tháng 01 năm 2024"
    )
    assert date_line("", datetime.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"


@given(st.dates(), st.sampled_from(["Quảng Ngãi", "Hà Nội"]))
def test_date_line_shape(date: datetime.date, place: str) -> None:
    line = date_line(place, date)
    _, day, _, month, _, year = line.split(", ", 1)[1].split(" ")
    assert int(day) == date.day and len(day) == 2
    assert int(month) == date.month and len(month) == (
        2 if date.month <= 2 else len(str(date.month))
    )
    assert int(year) == date.year


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2023, 12, 8), "08/12/2023"),
        (datetime.date(2024, 1, 5), "05/01/2024"),
        (datetime.date(2021, 7, 7), "07/07/2021"),
    ],
)
def test_short_date(date: datetime.date, expected: str) -> None:
    assert short_date(date) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (5, "05"),
        (10, "10"),
        (222, "222"),
        (3006, "3006"),
        (None, ""),
        ("", ""),
        ("  ", ""),
        ("5", "05"),
        ("05", "05"),
        (" 3006 ", "3006"),
        ("12a", "12a"),
    ],
)
def test_doc_number(n: int | str | None, expected: str) -> None:
    assert doc_number(n) == expected
    assert f"Số: {doc_number(n)}/BC-SCT".startswith("Số: ")


def test_doc_number_negative_is_a_bug() -> None:
    with pytest.raises(ValueError):
        doc_number(-1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đồng bằng", "ĐỒNG BẰNG"),
        ("Sở Công Thương", "SỞ CÔNG THƯƠNG"),
        (nfd("báo cáo"), "BÁO CÁO"),
        ("cộng hòa xã hội chủ nghĩa việt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ],
)
def test_upper_vi(text: str, expected: str) -> None:
    assert upper_vi(text) == expected
    assert unicodedata.is_normalized("NFC", upper_vi(text))


# --- sorting ---------------------------------------------------------------------

# vietnamese.md §3, ICU 72.1 "vi" output (the elided parts left out).
ICU_ORDER = [
    "an",
    "An Giang",
    "ay",
    "Ăn",
    "Âm",
    "ấm",
    "Bà Rịa",
    "Bạc Liêu",
    "Bắc Ninh",
    "Dak Lak",
    "Đà Nẵng",
    "ma",
    "mà",
    "mả",
    "mã",
    "má",
    "mạ",
    "mai",
    "me",
    "mê",
    "oi",
    "Ô Môn",
    "ốc",
    "Ơ",
    "ở",
    "Uông Bí",
    "Ư",
    "Yên Bái",
]

# The 13 district-level units of Quảng Ngãi in 2023, by name, in Vietnamese order.
DISTRICTS = [
    "Ba Tơ",
    "Bình Sơn",
    "Đức Phổ",
    "Lý Sơn",
    "Minh Long",
    "Mộ Đức",
    "Nghĩa Hành",
    "Quảng Ngãi",
    "Sơn Hà",
    "Sơn Tây",
    "Sơn Tịnh",
    "Trà Bồng",
    "Tư Nghĩa",
]

DISTRICTS_FULL = [
    "Huyện Ba Tơ",
    "Huyện Bình Sơn",
    "Huyện Lý Sơn",
    "Huyện Minh Long",
    "Huyện Mộ Đức",
    "Huyện Nghĩa Hành",
    "Huyện Sơn Hà",
    "Huyện Sơn Tây",
    "Huyện Sơn Tịnh",
    "Huyện Trà Bồng",
    "Huyện Tư Nghĩa",
    "Thành phố Quảng Ngãi",
    "Thị xã Đức Phổ",
]


@pytest.mark.parametrize("expected", [ICU_ORDER, DISTRICTS, DISTRICTS_FULL])
@pytest.mark.parametrize("seed", range(5))
def test_sorting_matches_icu(expected: list[str], seed: int) -> None:
    shuffled = expected[:]
    random.Random(seed).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == expected
    assert sorted(map(nfd, shuffled), key=sort_key) == list(map(nfd, expected))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Hà Nội", "Hải Phòng"),  # spaces count
        ("2023", "a"),  # digits before letters
        ("1", "9"),
        (" a", "a"),
        ("Đà Nẵng", "Đăk Lăk"),
        ("dz", "đa"),  # đ is a letter after d
        ("az", "ăa"),
        ("ăz", "âa"),
        ("ez", "êa"),
        ("oz", "ôa"),
        ("ôz", "ơa"),
        ("uz", "ưa"),
        ("ưz", "va"),
        ("a", "á"),  # tone after letters
        ("à", "ả"),
        ("ả", "ã"),
        ("ã", "á"),
        ("á", "ạ"),
        ("ạ", "ab"),
        ("a", "A"),  # case last: lower first
        ("ma", "Mà"),
        ("Ma", "mà"),
        ("Sở Công Thương", "Sở Kế hoạch và Đầu tư"),
        ("Sở Tài chính", "Sở Tài nguyên và Môi trường"),
    ],
)
def test_sort_pairs(before: str, after: str) -> None:
    assert sort_key(before) < sort_key(after)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hòa", "hoà"),
        ("Thủy", "Thuỷ"),
        ("khỏe", "khoẻ"),
        ("thúy", "thuý"),
        ("Hòa Bình", "Hoà Bình"),
    ],
)
def test_tone_placement_is_folded(old: str, new: str) -> None:
    assert sort_key(old) == sort_key(new)
    assert sort_key(nfd(old)) == sort_key(new)


def test_strip_tones() -> None:
    assert strip_tones("Quảng Ngãi") == "Quang Ngai"
    assert strip_tones("Sở Công Thương") == "Sơ Công Thương"
    assert strip_tones(nfd("Đức Phổ")) == "Đưc Phô"


vietnamese_words = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ09-,.",
    max_size=12,
)
any_text = st.one_of(st.text(max_size=12), vietnamese_words)


@given(any_text)
def test_sort_key_ignores_normal_form(s: str) -> None:
    assert sort_key(nfd(s)) == sort_key(s) == sort_key(nfc(s))


@given(st.lists(any_text, max_size=8))
def test_sort_key_total_order(words: list[str]) -> None:
    keys = [sort_key(w) for w in words]
    for (a, ka), (b, kb) in itertools.product(zip(words, keys, strict=True), repeat=2):
        # Exactly one of <, ==, > (comparing must never raise on mixed content).
        assert [ka < kb, ka == kb, ka > kb].count(True) == 1
        if nfc(a) == nfc(b):
            assert ka == kb
        if ka == kb:  # only tone placement may differ between equal keys
            assert strip_tones(nfc(a)) == strip_tones(nfc(b))
    in_order = sorted(words, key=sort_key)
    reverse = sorted(reversed(words), key=sort_key)
    assert [sort_key(w) for w in in_order] == [sort_key(w) for w in reverse]


@given(any_text, any_text, any_text)
def test_sort_key_transitive(a: str, b: str, c: str) -> None:
    x, y, z = sorted([a, b, c], key=sort_key)
    assert sort_key(x) <= sort_key(y) <= sort_key(z)
    assert sort_key(x) <= sort_key(z)


@given(st.decimals(allow_nan=False, allow_infinity=False), st.one_of(st.none(), st.integers(0, 6)))
def test_format_number_never_scientific(value: Decimal, decimals: int | None) -> None:
    text = format_number(value, decimals)
    assert "E" not in text and "e" not in text
    assert text == nfc(text) and text != "-0"


# ------------------------------------------------------------------- line breaking


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Trên 40 % vào năm 2025", "Trên 40% vào năm 2025"),  # as the plan typed it
        ("Khoảng 10 % vào năm 2025", "Khoảng 10% vào năm 2025"),
        ("+0,8 điểm %", "+0,8\u00a0điểm\u00a0%"),
        ("Số 2792/SKHĐT-KTN ngày 05/01/2024", "Số 2792/SKHĐT\u2011KTN ngày 05/01/2024"),
        ("Nghị quyết số 23-NQ/TW", "Nghị quyết số 23\u2011NQ/TW"),
        ("Chương trình hành động số 37-CTr/TU", "Chương trình hành động số 37\u2011CTr/TU"),
        ("Số: 05/BC-SCT", "Số: 05/BC\u2011SCT"),
        # a period of years stays on one line
        ("thời gian trình: 2024-2025", "thời gian trình: 2024\u20112025"),
        ("giai đoạn 2025 - 2030", "giai đoạn 2025\u00a0-\u00a02030"),
        # ranges of figures and dates keep their ordinary hyphens and slashes
        ("8,5 - 9%", "8,5 - 9%"),
        ("ngày 05/01/2024", "ngày 05/01/2024"),
        ("Kinh tế - xã hội", "Kinh tế - xã hội"),
    ],
)
def test_typeset_keeps_percent_and_symbols_unbroken(text: str, printed: str) -> None:
    assert typeset(text) == printed
