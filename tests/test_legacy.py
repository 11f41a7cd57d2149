"""Tests for qnreport.legacy: TCVN3/VNI tables, font names, syllables, guessing, voting.

The encoders below are written from the published tables (libiconv ``lib/tcvn.h``,
xvnkb ``vni.h``) in a different shape than the module's, so a typo on either side shows.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qnreport.read.legacy import (
    TCVN3_TABLE,
    Encoding,
    Guess,
    decode,
    decode_tcvn3,
    decode_vni,
    encoding_from_font,
    guess,
    looks_vietnamese,
    vote,
)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def words(s: str) -> list[str]:
    return s.split()


TONES = {
    "none": "",
    "huyen": "\u0300",
    "hoi": "\u0309",
    "nga": "\u0303",
    "sac": "\u0301",
    "nang": "\u0323",
}
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]

# --- TCVN3 encoder, from libiconv tcvn.h (tcvn_2uni_2), one row per vowel --------------
# Order: none, huyền, hỏi, ngã, sắc, nặng.
TCVN3_ROWS = {
    "a": [0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9],
    "ă": [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
    "â": [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB],
    "e": [0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
    "ê": [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6],
    "i": [0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
    "o": [0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4],
    "ô": [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
    "ơ": [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE],
    "u": [0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
    "ư": [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9],
    "y": [0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
}
TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}
TCVN3_SMALL_D = 0xAE


def _tcvn3_encoder() -> dict[str, str]:
    enc: dict[str, str] = {"đ": chr(TCVN3_SMALL_D)}
    enc.update({cap: chr(code) for cap, code in TCVN3_CAPITALS.items()})
    for vowel, codes in TCVN3_ROWS.items():
        for tone, code in zip(TONES.values(), codes, strict=True):
            if code < 0x80:
                continue  # plain ASCII vowel, both cases
            small = nfc(vowel + tone)
            enc[small] = chr(code)
            # No toned capitals in TCVN3: they share the small letter's code.
            enc.setdefault(small.upper(), chr(code))
    return enc


TCVN3_ENC = _tcvn3_encoder()


def to_tcvn3(text: str) -> str:
    return "".join(TCVN3_ENC.get(ch, ch) for ch in nfc(text))


# --- VNI encoder, from xvnkb vni.h: base letter + mark byte(s) -----------------------
PLAIN_MARKS = {"none": "", "sac": "ù", "huyen": "ø", "hoi": "û", "nga": "õ", "nang": "ï"}
CIRC_MARKS = {"none": "â", "sac": "á", "huyen": "à", "hoi": "å", "nga": "ã", "nang": "ä"}
BREVE_MARKS = {"none": "ê", "sac": "é", "huyen": "è", "hoi": "ú", "nga": "ü", "nang": "ë"}
I_FORMS = {"none": "i", "sac": "í", "huyen": "ì", "hoi": "æ", "nga": "ó", "nang": "ò"}


def _vni_encoder() -> dict[str, str]:
    enc = {"đ": "ñ", "Đ": "Ñ"}
    shapes = {  # vowel -> (VNI base, marks for each tone)
        "a": ("a", PLAIN_MARKS),
        "ă": ("a", BREVE_MARKS),
        "â": ("a", CIRC_MARKS),
        "e": ("e", PLAIN_MARKS),
        "ê": ("e", CIRC_MARKS),
        "o": ("o", PLAIN_MARKS),
        "ô": ("o", CIRC_MARKS),
        "ơ": ("ô", PLAIN_MARKS),
        "u": ("u", PLAIN_MARKS),
        "ư": ("ö", PLAIN_MARKS),
        "y": ("y", PLAIN_MARKS),
    }
    for vowel, (base, marks) in shapes.items():
        for tone, combining in TONES.items():
            small = nfc(vowel + combining)
            enc[small] = base + marks[tone]
            enc[small.upper()] = (base + marks[tone]).upper()
    for tone, combining in TONES.items():
        enc[nfc("i" + combining)] = I_FORMS[tone]
        enc[nfc("I" + combining)] = I_FORMS[tone].upper()
    enc[nfc("y\u0323")], enc[nfc("Y\u0323")] = "î", "Î"  # ỵ has a byte of its own
    return enc


VNI_ENC = _vni_encoder()


def to_vni(text: str) -> str:
    return "".join(VNI_ENC.get(ch, ch) for ch in nfc(text))


LETTERS = [(v, t) for v in VOWELS for t in TONES]


# --- tables ----------------------------------------------------------------------------


def test_tcvn3_table_is_the_vn3_subset() -> None:
    codes = sorted(ord(c) for c in TCVN3_TABLE)
    assert len(codes) == 74
    assert all(0xA1 <= c <= 0xFF for c in codes)
    assert not any(0xB0 <= c <= 0xB4 for c in codes)  # combining marks stay as they are
    capitals = {u for u in TCVN3_TABLE.values() if u.isupper()}
    assert capitals == set(TCVN3_CAPITALS)


def test_tcvn3_table_agrees_with_the_encoder_rows() -> None:
    small_or_own = {
        uni: code
        for uni, code in TCVN3_ENC.items()
        if not code.isascii() and (uni.islower() or uni in TCVN3_CAPITALS)
    }
    assert {code: uni for uni, code in small_or_own.items()} == TCVN3_TABLE


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs iconv")
def test_tcvn3_table_matches_glibc() -> None:
    for code, uni in TCVN3_TABLE.items():
        out = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
            input=code.encode("latin-1"),
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert out == uni, hex(ord(code))


def test_vn1_and_cp1252_punctuation_are_left_alone() -> None:
    # Full TCVN 5712 (VN1) would turn these into Ỏ Ặ Õ; cp1252 shows them as punctuation.
    text = "\u201c\u2026\u201d \u2013 \u2014 \u2122 \x01\x02\x17"
    assert decode_tcvn3(text) == text
    assert decode_tcvn3("\xb0\xb1\xb2\xb3\xb4") == "\xb0\xb1\xb2\xb3\xb4"  # ° ± ² ³ ´


# --- every letter, every tone, both cases -------------------------------------------------


@pytest.mark.parametrize(("vowel", "tone"), LETTERS)
def test_tcvn3_small_letters_round_trip(vowel: str, tone: str) -> None:
    letter = nfc(vowel + TONES[tone])
    legacy = chr(TCVN3_ROWS[vowel][list(TONES).index(tone)])
    assert to_tcvn3(letter) == legacy
    assert decode_tcvn3(legacy) == letter
    assert decode_tcvn3("b" + legacy + "n") == nfc("b" + letter + "n")


@pytest.mark.parametrize(("vowel", "tone"), LETTERS)
def test_tcvn3_capital_letters(vowel: str, tone: str) -> None:
    capital = nfc(vowel + TONES[tone]).upper()
    legacy = to_tcvn3(capital)
    if tone == "none":
        assert decode_tcvn3(legacy) == capital  # A..Y, Ă Â Ê Ô Ơ Ư have codes of their own
    else:
        assert decode_tcvn3(legacy) == capital.lower()  # same code as the small letter
    assert decode_tcvn3(legacy, capital_font=True) == capital  # only the H fonts restore it


def test_tcvn3_d_bar() -> None:
    assert decode_tcvn3("\xae") == "đ"
    assert decode_tcvn3("\xa7") == "Đ"
    assert decode_tcvn3("\xae", capital_font=True) == "Đ"


@pytest.mark.parametrize(("vowel", "tone"), LETTERS)
@pytest.mark.parametrize("case", ["lower", "upper"])
def test_vni_letters_round_trip(vowel: str, tone: str, case: str) -> None:
    letter = nfc(vowel + TONES[tone])
    letter = letter.upper() if case == "upper" else letter
    legacy = to_vni(letter)
    assert decode_vni(legacy) == letter
    assert decode_vni("b" + legacy + "n") == nfc("b" + letter + "n")


def test_vni_d_bar_and_longest_match() -> None:
    assert decode_vni("ñ") == "đ"
    assert decode_vni("Ñ") == "Đ"
    assert decode_vni("OÂ") == "Ô"  # two bytes beat "O" then a lone mark
    assert decode_vni("Ô") == "Ơ"
    assert decode_vni("ÔÙ") == "Ớ"
    assert decode_vni("öôù") == "ướ"


# --- the examples of vietnamese.md ---------------------------------------------------------

EXAMPLES = [
    ("Sở Công Thương", "Së C«ng Th\xad¬ng", "Sôû Coâng Thöông"),
    ("Ủy ban nhân dân", "ñy ban nh©n d©n", "UÛy ban nhaân daân"),
    (
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Céng hßa x· héi chñ nghÜa ViÖt Nam",
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    ),
    (
        "Độc lập - Tự do - Hạnh phúc",
        "§éc lËp - Tù do - H¹nh phóc",
        "Ñoäc laäp - Töï do - Haïnh phuùc",
    ),
    ("ngày 28 tháng 12 năm 2023", "ngµy 28 th¸ng 12 n¨m 2023", "ngaøy 28 thaùng 12 naêm 2023"),
]
# TCVN3 has no "Ủ": without an H font the capital comes back small.
TCVN3_EXPECTED = {"Ủy ban nhân dân": "ủy ban nhân dân"}


def test_example_bytes() -> None:
    raw = bytes.fromhex("53 eb 20 43 ab 6e 67 20 54 68 ad ac 6e 67")
    assert raw.decode("cp1252", errors="strict") == EXAMPLES[0][1]


@pytest.mark.parametrize(("uni", "tcvn3", "vni"), EXAMPLES)
def test_examples_encode_as_documented(uni: str, tcvn3: str, vni: str) -> None:
    assert to_tcvn3(uni) == tcvn3
    assert to_vni(uni) == vni


@pytest.mark.parametrize(("uni", "tcvn3", "vni"), EXAMPLES)
def test_examples_decode(uni: str, tcvn3: str, vni: str) -> None:
    assert decode_tcvn3(tcvn3) == TCVN3_EXPECTED.get(uni, uni)
    assert decode_vni(vni) == uni
    assert decode(tcvn3, "tcvn3") == decode_tcvn3(tcvn3)
    assert decode(vni, "vni") == uni


@pytest.mark.parametrize(("uni", "tcvn3", "vni"), EXAMPLES)
def test_examples_are_guessed_without_font(uni: str, tcvn3: str, vni: str) -> None:
    assert guess(tcvn3) == Guess("tcvn3", TCVN3_EXPECTED.get(uni, uni), True)
    assert guess(vni) == Guess("vni", uni, True)
    assert guess(uni) == Guess(None, uni, True)


def test_doc_prototype_cases() -> None:
    assert guess("Toång coäng") == Guess("vni", "Tổng cộng", True)
    short = guess("Tæng céng")  # TCVN3 "Tổng cộng" or VNI "Tỉng ...": too little to go on
    assert short == Guess(None, "Tæng céng", False)


# --- TCVN3 soft hyphen and the capital fonts ---------------------------------------------


def test_soft_hyphen_is_u_horn_and_hyphen_stays() -> None:
    assert decode_tcvn3("\xad") == "ư"
    assert decode_tcvn3("Th\xad¬ng") == "Thương"
    assert decode_tcvn3("§éc lËp - Tù do") == "Độc lập - Tự do"
    assert decode_tcvn3("a-b - c") == "a-b - c"
    assert decode_tcvn3("\xad-\xad") == "ư-ư"


def test_capital_font_upper_cases() -> None:
    assert decode_tcvn3("ñy ban nh©n d©n", capital_font=True) == "ỦY BAN NHÂN DÂN"
    assert decode_tcvn3("Céng hßa x· héi", capital_font=True) == "CỘNG HÒA XÃ HỘI"
    assert guess("ñy ban nh©n d©n", ".VnTimeH") == Guess("tcvn3", "ỦY BAN NHÂN DÂN", True)
    assert guess("ñy ban nh©n d©n", "ABCDEF+.VnArialH") == Guess("tcvn3", "ỦY BAN NHÂN DÂN", True)
    assert guess("ñy ban nh©n d©n", ".VnTime") == Guess("tcvn3", "ủy ban nhân dân", True)


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        (".VnTime", ("tcvn3", False)),
        (".VnTimeH", ("tcvn3", True)),
        (".VnArial", ("tcvn3", False)),
        (".VnArialH", ("tcvn3", True)),
        (".VnArial NarrowH", ("tcvn3", True)),
        ("ABCDEF+.VnTimeH", ("tcvn3", True)),
        ("ABCDEF+.VnTime,Bold", ("tcvn3", False)),
        (".VnTimeH-Bold", ("tcvn3", True)),
        (".VNTIME", ("tcvn3", False)),
        (".VNTIMEH", ("tcvn3", True)),
        (".vntimeh", ("tcvn3", True)),
        ("  .VnTime  ", ("tcvn3", False)),
        ("VNI-Times", ("vni", False)),
        ("vni-times", ("vni", False)),
        ("VNI-Helve", ("vni", False)),
        ("QWERTY+VNI-Times,Bold", ("vni", False)),
        ("Times New Roman", (None, False)),
        ("Arial", (None, False)),
        ("Vni", ("vni", False)),
        (".Vn", (None, False)),
        ("", (None, False)),
        (None, (None, False)),
    ],
)
def test_encoding_from_font(font: str | None, expected: tuple[str | None, bool]) -> None:
    assert encoding_from_font(font) == expected


# --- fonts decide, within reason -----------------------------------------------------------


def test_font_decides_short_cells() -> None:
    assert guess("Tæng céng", ".VnTime") == Guess("tcvn3", "Tổng cộng", True)
    assert guess("Toång coäng", "VNI-Times") == Guess("vni", "Tổng cộng", True)
    assert guess("STT", ".VnTime") == Guess("tcvn3", "STT", True)


def test_unicode_in_a_legacy_font_cell_is_kept() -> None:
    # ơ/ư/ạ... are not cp1252 characters, so no legacy byte produced them.
    assert guess("Tổng cộng", ".VnTime") == Guess(None, "Tổng cộng", True)
    assert guess("Sở Công Thương", "VNI-Times") == Guess(None, "Sở Công Thương", True)
    # Latin-1-only Unicode that TCVN3 would break ("Cỏc" is no syllable): unsure, kept.
    assert guess("Các xã", ".VnTime") == Guess(None, "Các xã", False)


def test_symbols_outside_cp1252_do_not_block_conversion() -> None:
    assert guess("Tû lÖ ≥ 50%", ".VnTime") == Guess("tcvn3", "Tỷ lệ ≥ 50%", True)
    assert guess("Tû lÖ ≥ 50% → ®¹t") == Guess("tcvn3", "Tỷ lệ ≥ 50% → đạt", True)


# --- never corrupt ordinary text -----------------------------------------------------------

ORDINARY = [
    "Où est la gare?",
    "Año nuevo, señor",
    "Müller GmbH, Köln",
    "© 2023 µg/l",
    "25 °C",
    "±5%",
    "Sở Công Thương Quảng Ngãi",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Tổng cộng",
    "Các xã, thị trấn",
    "có không",
    "Hello world",
    "Crème brûlée, pâté, façade, naïve",
    "¿Dónde está la estación?",
    "Grüße aus München",
    "São Paulo, ação",
    "Price: £20, €15, ¥3000",
    "½ cup, ¼ tsp",
    "Section § 3, ¶ 2",
    "« Bonjour »",
    "“Quoted” – dash…",
    "",
    "   ",
    "12.345,6",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert guess(text) == Guess(None, text, True)


def test_nfd_unicode_is_untouched() -> None:
    text = unicodedata.normalize("NFD", "Các xã có dân")
    assert guess(text) == Guess(None, text, True)


# --- syllables ---------------------------------------------------------------------------

REAL_SYLLABLES = words(
    """
một hai ba bốn năm sáu bảy tám chín mười trăm nghìn triệu tỷ đồng ngày tháng
sở công thương ủy ban nhân dân cộng hòa hoà xã hội chủ nghĩa việt nam độc lập tự do
hạnh phúc tổng kế hoạch phát triển nghiệp tỉnh quảng ngãi huyện thành phố thị trấn
báo cáo thực hiện giá trị sản xuất doanh thu lao động vốn đầu tư dự án khu cụm nhà máy
điện nước đơn vị tính số lượng chỉ tiêu ước kỳ cùng so sánh tăng giảm phần ghi chú
người lập biểu thủ trưởng giám đốc phó phòng kinh tế hạ tầng quản lý bình sơn tịnh
trà bồng minh long hành mộ đức phổ tơ hà tây khuya khuỷu thuở khoẻ khỏe thuỷ thủy
quý quốc giữa gì giường nghiêng ươm yêu yếu oai ngoài xoay xoắn quyết chuyện huỳnh
huých hoặc xoăn tuần xuân có không các là và của cho với được này đó những trong
ra vào lên xuống trên dưới cá bán mà tôi anh em chị ông bà cháu con cái cửa đường
làng xóm ô tô ý ở ấy ạ à gạo muối rượu bia than đá cát sỏi gỗ tre mía đường sắt thép
"""
)


@pytest.mark.parametrize("word", REAL_SYLLABLES)
def test_real_syllables_are_valid(word: str) -> None:
    assert looks_vietnamese(word) == 1.0
    assert looks_vietnamese(word.upper()) == 1.0
    assert looks_vietnamese(word.capitalize()) == 1.0


@pytest.mark.parametrize(
    "word",
    [
        "fở",  # f
        "jam",
        "wifi",
        "zô",
        "nghiêngg",  # more than 7 letters
        "hóà",  # two tones
        "càc",  # stop final needs sắc or nặng
        "tiê",  # "iê" needs a final
        "aỉ",  # tone off the main vowel (VNI "AØ" read as TCVN3)
        "nhaỉ",
        "qúa",  # the "u" of "qu" never takes the tone
        "ănm",
        "str",
        "Müller",
        "Köln",
        "señor",
    ],
)
def test_invalid_words(word: str) -> None:
    assert looks_vietnamese(word) == 0.0


def test_looks_vietnamese_share() -> None:
    assert looks_vietnamese("") == 0.0
    assert looks_vietnamese("123 - 456") == 0.0
    assert looks_vietnamese("Sở Công Thương") == 1.0
    assert looks_vietnamese("Công ty Müller") == pytest.approx(2 / 3)
    assert looks_vietnamese("Së C«ng Th\xad¬ng") == 0.0


# --- voting ------------------------------------------------------------------------------

TCVN3_COLUMN = [t for _, t, _ in EXAMPLES]
VNI_COLUMN = [v for _, _, v in EXAMPLES]


def test_vote_settles_a_short_tcvn3_cell() -> None:
    column = ["STT", "", *TCVN3_COLUMN, "Tæng céng", "1.234"]
    encoding = vote(column)
    assert encoding == "tcvn3"
    assert guess("Tæng céng").confident is False
    assert decode("Tæng céng", encoding) == "Tổng cộng"


def test_vote_on_a_vni_column() -> None:
    assert vote([*VNI_COLUMN, "Toång coäng"]) == "vni"


def test_vote_needs_a_clear_majority() -> None:
    unicode_column = [u for u, _, _ in EXAMPLES]
    assert vote([*unicode_column, TCVN3_COLUMN[0], "Tæng céng"]) is None
    assert vote(TCVN3_COLUMN[:2] + VNI_COLUMN[:2]) is None
    assert vote([TCVN3_COLUMN[0], "Tæng céng"]) is None  # one clear cell is not enough
    assert vote(["Tæng céng", "Tæng céng", "STT"]) is None
    assert vote([]) is None


# --- properties --------------------------------------------------------------------------

syllables = st.sampled_from(REAL_SYLLABLES)
cased = st.tuples(syllables, st.sampled_from([str.lower, str.capitalize, str.upper])).map(
    lambda pair: pair[1](pair[0])
)
separators = st.sampled_from([" ", "  ", ", ", " - ", ": ", "\n", " (", ") ", "; ", ". "])
numbers = st.integers(min_value=0, max_value=100_000).map(str)


@st.composite
def vietnamese_texts(draw: st.DrawFn, *, with_numbers: bool = True) -> str:
    parts = draw(st.lists(cased | numbers if with_numbers else cased, min_size=1, max_size=12))
    out = parts[0]
    for part in parts[1:]:
        out += draw(separators) + part
    return nfc(out)


@settings(max_examples=400)
@given(vietnamese_texts())
def test_unicode_vietnamese_is_never_changed(text: str) -> None:
    assert guess(text) == Guess(None, text, True)


@settings(max_examples=300)
@given(vietnamese_texts(with_numbers=False))
def test_legacy_guess_is_never_wrong(text: str) -> None:
    """Legacy text is either converted correctly or left as it is, never misread."""
    cases: list[tuple[Encoding, str, str]] = [
        ("vni", to_vni(text), text),
        ("tcvn3", to_tcvn3(text.lower()), text.lower()),
    ]
    for encoding, encoded, expected in cases:
        result = guess(encoded)
        if result.encoding is None:
            assert result.converted == encoded
        else:
            assert result == Guess(encoding, expected, True)


@given(vietnamese_texts())
def test_decoders_invert_the_encoders(text: str) -> None:
    assert decode_vni(to_vni(text)) == text
    assert decode_tcvn3(to_tcvn3(text.lower())) == text.lower()
    assert decode_tcvn3(to_tcvn3(text), capital_font=True) == text.upper()
