"""Readers of hand-typed cells: every form agencies use, and properties over any input.

Messages are worded through the real ``templates/findings.toml``, as a check would.
"""

from __future__ import annotations

import datetime
import re
import string
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from qnreport.findings import Catalogue, Level
from qnreport.read.values import Reading, State, clean_text, is_no_data, read_date, read_number
from qnreport.vntext import format_number, format_percent

D = Decimal
# A Vietnamese sentence has at least one letter outside ASCII.
_VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
CATALOGUE = Catalogue.load(Path(__file__).parents[1] / "templates" / "findings.toml")


def said(r: Reading) -> str:
    """The message a check shows for this reading ("" when it says nothing)."""
    return CATALOGUE.make_from(r.notes).message if r.notes else ""


def warns(r: Reading) -> bool:
    return bool(r.notes) and CATALOGUE.make_from(r.notes).level is Level.WARNING


def assert_consistent(r: Reading, value_type: type) -> None:
    """The contract callers rely on: state, value, code and message agree."""
    assert isinstance(r, Reading)
    message = said(r)
    if r.state is State.VALUE:
        assert isinstance(r.value, value_type)
        if value_type is datetime.date:
            assert not isinstance(r.value, datetime.datetime)
        assert bool(r.code) == warns(r) == bool(message)
    else:
        assert r.value is None
        assert not warns(r)
    if r.state is State.INVALID:
        assert re.fullmatch(r"[A-Z]+(?:_[A-Z]+)+", r.code)
        assert _VIETNAMESE.search(message.lower())
    for note in r.notes:  # every placeholder of the wording is given a value
        wording = CATALOGUE.wording(note.code, note.variant)
        assert {name for _, name, _, _ in string.Formatter().parse(wording) if name} <= set(
            note.values
        )
    if r.state in (State.EMPTY, State.NO_DATA):
        assert r.code == "" and message == ""
    assert message == unicodedata.normalize("NFC", message)


def value(raw: object, kind: str = "amount", percent_format: bool = False) -> Reading:
    r = read_number(raw, kind=kind, percent_format=percent_format)  # type: ignore[arg-type]
    assert_consistent(r, Decimal)
    return r


# --- numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        # Vietnamese style
        ("2.230", "count", D("2230")),
        ("8,5", "amount", D("8.5")),
        ("8,5%", "percent", D("8.5")),
        ("8.5 %", "percent", D("8.5")),
        (" 9 ", "count", D("9")),
        ("1.234,5", "amount", D("1234.5")),
        ("1.234.567,89", "amount", D("1234567.89")),
        ("1.234.567", "count", D("1234567")),
        ("-2,1", "percent", D("-2.1")),
        ("−2,1", "percent", D("-2.1")),  # U+2212 minus sign
        ("– 2,1", "percent", D("-2.1")),  # en dash as minus, space after it
        ("+3,5", "percent", D("3.5")),
        ("12,5%/năm", "percent", D("12.5")),
        ("12,5 % / năm", "percent", D("12.5")),
        ("8,5 phần trăm", "percent", D("8.5")),
        ("0,085", "amount", D("0.085")),  # leading 0 cannot start a thousands group
        (",5", "amount", D("0.5")),
        ("007", "count", D("7")),
        # English style
        ("1,234.5", "amount", D("1234.5")),
        ("1,234,567", "count", D("1234567")),
        ("8.5", "percent", D("8.5")),
        ("2.23", "amount", D("2.23")),
        ("1234.567", "amount", D("1234.567")),  # 4 leading digits: not a group
        # space grouping: normal, no-break, thin, narrow no-break
        ("1 234,5", "amount", D("1234.5")),
        ("1\u00a0234,5", "amount", D("1234.5")),
        ("1\u2009234,5", "amount", D("1234.5")),
        ("1\u202f234\u202f567", "count", D("1234567")),
        ("1 234.5", "amount", D("1234.5")),
        # zero is a value, not "no data"
        ("0", "count", D("0")),
        ("0,0", "percent", D("0")),
        ("12,0", "count", D("12")),
        # NFD input
        (unicodedata.normalize("NFD", "12,5%/năm"), "percent", D("12.5")),
    ],
)
def test_number_text(raw: str, kind: str, expected: Decimal) -> None:
    r = value(raw, kind)
    assert (r.state, r.value, r.code) == (State.VALUE, expected, "")


@pytest.mark.parametrize(
    ("raw", "kind", "percent_format", "expected"),
    [
        (8, "count", False, D("8")),
        (8.5, "percent", False, D("8.5")),
        (0.085, "percent", True, D("8.5")),
        (1, "percent", True, D("100")),
        (0.125, "percent", True, D("12.5")),
        (274.65999999999997, "amount", False, D("274.66")),
        (0.1 + 0.2, "amount", False, D("0.3")),
        (2230.0, "count", False, D("2230")),
        (12.0, "count", False, D("12")),
        (-0.0, "amount", False, D("0")),
        (0, "count", False, D("0")),
        (1e-12, "amount", False, D("0")),  # past 10 decimals is float noise
        (123456789012, "amount", False, D("123456789012")),
        (D("8.50"), "percent", False, D("8.5")),
        ("8,5%", "percent", True, D("8.5")),  # text in a %-formatted cell is read as text
        ("8,5", "percent", True, D("8.5")),
    ],
)
def test_number_cells(raw: object, kind: str, percent_format: bool, expected: Decimal) -> None:
    r = value(raw, kind, percent_format)
    assert (r.state, r.value, r.code) == (State.VALUE, expected, "")


def test_float_noise_gives_tidy_decimal() -> None:
    r = value(274.65999999999997)
    assert str(r.value) == "274.66"
    assert str(value(2230.0, "count").value) == "2230"  # no exponent notation


@pytest.mark.parametrize(
    ("raw", "kind", "expected", "other"),
    [
        ("2.230", "amount", D("2230"), "2,230"),
        ("1.234", "amount", D("1234"), "1,234"),
        ("1,234", "amount", D("1.234"), "1.234"),
        ("-1.234", "amount", D("-1234"), "-1,234"),
        ("1.234", "percent", D("1.234"), "1.234"),  # 1234% is implausible
        ("2.500%", "percent", D("2.5"), "2.500"),
        ("1,234", "percent", D("1.234"), "1.234"),
        ("8,125%", "percent", D("8.125"), "8.125"),
        ("1.000", "percent", D("1000"), "1,000"),  # 1000 is still <= 1000
    ],
)
def test_ambiguous_numbers_warn(raw: str, kind: str, expected: Decimal, other: str) -> None:
    r = value(raw, kind)
    assert (r.state, r.value, r.code, warns(r)) == (
        State.VALUE,
        expected,
        "NUMBER_AMBIGUOUS",
        True,
    )
    assert f'"{raw}"' in said(r)
    assert other in said(r)  # names the reading it did not take


@pytest.mark.parametrize("raw", ["2.230", "1,234", "1.000", "-1.234"])
def test_counts_read_thousands_without_warning(raw: str) -> None:
    r = value(raw, "count")
    assert r.state is State.VALUE and not warns(r)
    assert r.value == D(raw.replace(".", "").replace(",", ""))


@pytest.mark.parametrize(
    ("raw", "kind", "expected", "code"),
    [
        ("2.550 MW", "count", D("2550"), "NUMBER_HAS_UNIT"),
        ("12 dự án", "count", D("12"), "NUMBER_HAS_UNIT"),
        ("2.230,5 triệu USD", "amount", D("2230.5"), "NUMBER_HAS_UNIT"),
        ("1.000 tỷ đồng/năm", "count", D("1000"), "NUMBER_HAS_UNIT"),
        ("8,5 (ước tính)", "percent", D("8.5"), "NUMBER_HAS_UNIT"),
        ("2.550 MW", "amount", D("2550"), "NUMBER_AMBIGUOUS"),  # both: ambiguity wins
    ],
)
def test_trailing_unit_is_read_with_warning(
    raw: str, kind: str, expected: Decimal, code: str
) -> None:
    r = value(raw, kind)
    assert (r.state, r.value, r.code, warns(r)) == (State.VALUE, expected, code, True)
    unit = raw.split(" ", 1)[1]
    assert f'"{unit}"' in said(r)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "\u00a0",
        "\n\t",
    ],
)
def test_empty(raw: object) -> None:
    assert value(raw).state is State.EMPTY


NO_DATA = [
    "-",
    "—",
    "–",
    "--",
    "x",
    "X",
    " x ",
    "không",
    "Không",
    "KHÔNG",
    "khong",
    "không có",
    "Không  có",
    "chưa có số liệu",
    "Chưa có số liệu.",
    "chua co so lieu",
    "chưa có",
    "n/a",
    "N/A",
    "n / a",
    "k/c",
    "K/C",
    "...",
    "…",
    unicodedata.normalize("NFD", "Chưa có"),
]


@pytest.mark.parametrize("raw", NO_DATA)
def test_no_data_markers(raw: str) -> None:
    assert is_no_data(raw)
    assert value(raw).state is State.NO_DATA
    assert value(raw, "count").state is State.NO_DATA
    assert read_date(raw).state is State.NO_DATA


@pytest.mark.parametrize("raw", ["0", 0, 0.0, "---nt---", "xx", "có", ".", None, 5, "khô"])
def test_not_no_data(raw: object) -> None:
    assert not is_no_data(raw)


@pytest.mark.parametrize(
    ("raw", "kind", "code"),
    [
        ("tám phẩy năm", "amount", "VALUE_NOT_NUMBER"),
        ("8,5,3", "amount", "VALUE_NOT_NUMBER"),
        ("1.2.3,4,5", "amount", "VALUE_NOT_NUMBER"),
        ("abc", "amount", "VALUE_NOT_NUMBER"),
        ("8 5", "count", "VALUE_NOT_NUMBER"),
        ("1,2.3", "amount", "VALUE_NOT_NUMBER"),
        ("8-9%", "percent", "VALUE_NOT_NUMBER"),
        ("khoảng 25%", "percent", "VALUE_NOT_NUMBER"),
        ("8,", "amount", "VALUE_NOT_NUMBER"),
        ("8,5 và 9", "amount", "VALUE_NOT_NUMBER"),
        ("---nt---", "amount", "VALUE_NOT_NUMBER"),
        (True, "amount", "VALUE_NOT_NUMBER"),
        (False, "count", "VALUE_NOT_NUMBER"),
        (float("nan"), "amount", "VALUE_NOT_NUMBER"),
        (float("inf"), "amount", "VALUE_NOT_NUMBER"),
        (datetime.date(2023, 12, 8), "amount", "VALUE_NOT_NUMBER"),
        (datetime.datetime(2023, 12, 8, 9, 0), "count", "VALUE_NOT_NUMBER"),
        (datetime.time(8, 30), "percent", "VALUE_NOT_NUMBER"),
        ("#DIV/0!", "amount", "VALUE_FORMULA_ERROR"),
        ("#N/A", "percent", "VALUE_FORMULA_ERROR"),
        ("#VALUE!", "count", "VALUE_FORMULA_ERROR"),
        ("8,5%", "amount", "VALUE_UNIT_MISMATCH"),
        ("8,5%", "count", "VALUE_UNIT_MISMATCH"),
        ("12 phần trăm", "count", "VALUE_UNIT_MISMATCH"),
        ("8,5", "count", "VALUE_NOT_WHOLE"),
        (8.5, "count", "VALUE_NOT_WHOLE"),
        ("2.5", "count", "VALUE_NOT_WHOLE"),
        ("1.234,5", "count", "VALUE_NOT_WHOLE"),
    ],
)
def test_invalid_numbers(raw: object, kind: str, code: str) -> None:
    r = value(raw, kind)
    assert (r.state, r.code) == (State.INVALID, code)


@pytest.mark.parametrize(("raw", "kind"), [(0.085, "amount"), (12, "count"), (0.5, "count")])
def test_percent_format_on_other_kinds_is_a_mismatch(raw: object, kind: str) -> None:
    r = value(raw, kind, percent_format=True)
    assert (r.state, r.code) == (State.INVALID, "VALUE_UNIT_MISMATCH")


def test_invalid_number_message_quotes_the_cell() -> None:
    r = value("abc")
    assert said(r) == 'Ô này cần một số, nhưng đang có "abc". Hãy nhập số, ví dụ 8,5 hoặc 2.230.'
    assert '"8,5"' in said(value(8.5, "count"))  # numbers quoted Vietnamese-style
    assert '"8,5%"' in said(value(0.085, "count", percent_format=True))


def test_long_cell_is_shortened_in_message() -> None:
    r = value("số liệu " * 30)
    assert r.state is State.INVALID
    assert len(said(r)) < 200 and "…" in said(r)


# --- dates -----------------------------------------------------------------------

DEC_8 = datetime.date(2023, 12, 8)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (DEC_8, DEC_8),
        (datetime.datetime(2023, 12, 8, 14, 30), DEC_8),
        (45268, DEC_8),
        (45268.75, DEC_8),  # the fraction is the time
        (2958465, datetime.date(9999, 12, 31)),
        ("08/12/2023", DEC_8),
        ("8/12/2023", DEC_8),
        ("08-12-2023", DEC_8),
        ("08.12.2023", DEC_8),
        ("08 / 12 / 2023", DEC_8),
        (" 08/12/2023. ", DEC_8),
        ("2023-12-08", DEC_8),
        ("2023-12-08 00:00:00", DEC_8),
        ("ngày 08 tháng 12 năm 2023", DEC_8),
        ("Ngày 8 tháng 12 năm 2023", DEC_8),
        ("  ngày  8   tháng 12\u00a0 năm 2023 ", DEC_8),
        ("NGÀY 08 THÁNG 12 NĂM 2023", DEC_8),
        ("ngay 8 thang 12 nam 2023", DEC_8),
        ("Quảng Ngãi, ngày 08 tháng 12 năm 2023", DEC_8),
        (unicodedata.normalize("NFD", "ngày 08 tháng 12 năm 2023"), DEC_8),
        ("05/01/2024", datetime.date(2024, 1, 5)),  # day first, always
        ("29/02/2024", datetime.date(2024, 2, 29)),
    ],
)
def test_dates(raw: object, expected: datetime.date) -> None:
    r = read_date(raw)
    assert_consistent(r, datetime.date)
    assert (r.state, r.value, r.code) == (State.VALUE, expected, "")


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, datetime.date(1900, 1, 1)),
        (59, datetime.date(1900, 2, 28)),
        (61, datetime.date(1900, 3, 1)),  # after Excel's fake 29/02/1900
        (2023, datetime.date(1905, 7, 15)),  # a year typed into a date cell
    ],
)
def test_old_serial_dates_warn(serial: int, expected: datetime.date) -> None:
    r = read_date(serial)
    assert_consistent(r, datetime.date)
    assert (r.state, r.value, r.code, warns(r)) == (
        State.VALUE,
        expected,
        "DATE_UNLIKELY",
        True,
    )
    assert f'"{serial}"' in said(r)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("31/02/2023", "DATE_INVALID"),
        ("29/02/2023", "DATE_INVALID"),
        ("00/12/2023", "DATE_INVALID"),
        ("12/31/2023", "DATE_INVALID"),  # month first
        ("ngày 32 tháng 1 năm 2024", "DATE_INVALID"),
        ("2023-02-30", "DATE_INVALID"),
        ("08/12/202", "DATE_INVALID"),
        ("08/12/0000", "DATE_INVALID"),
        (60, "DATE_INVALID"),  # Excel's 29/02/1900
        ("08/12/23", "DATE_YEAR_AMBIGUOUS"),
        ("8-12-23", "DATE_YEAR_AMBIGUOUS"),
        ("ngày 8 tháng 12 năm 23", "DATE_YEAR_AMBIGUOUS"),
        ("abc", "DATE_NOT_DATE"),
        ("45268", "DATE_NOT_DATE"),
        ("tháng 12/2023", "DATE_NOT_DATE"),
        ("08/12", "DATE_NOT_DATE"),
        (0, "DATE_NOT_DATE"),
        (-1, "DATE_NOT_DATE"),
        (0.5, "DATE_NOT_DATE"),
        (2958466, "DATE_NOT_DATE"),
        (float("nan"), "DATE_NOT_DATE"),
        (True, "DATE_NOT_DATE"),
        (datetime.time(14, 30), "DATE_NOT_DATE"),
        (datetime.timedelta(days=3), "DATE_NOT_DATE"),
    ],
)
def test_invalid_dates(raw: object, code: str) -> None:
    r = read_date(raw)
    assert_consistent(r, datetime.date)
    assert (r.state, r.code) == (State.INVALID, code)


def test_date_messages() -> None:
    assert said(read_date("31/02/2023")).startswith('Ngày "31/02/2023" không có thật')
    assert "31/12/2023" in said(read_date("12/31/2023"))  # suggests the swap
    assert "bốn chữ số" in said(read_date("08/12/23"))
    assert '"45268"' in said(read_date("45268"))


_CHECK = "Hãy kiểm tra đơn vị này đúng với đơn vị của chỉ tiêu; trong ô chỉ nên ghi số."
_AS_NUMBER = "nên nhập vào ô kiểu Số (Number) của Excel."


@pytest.mark.parametrize(
    ("reading", "code", "level", "message"),
    [
        (
            read_number(datetime.date(2023, 12, 8), kind="amount"),
            "VALUE_NOT_NUMBER",
            Level.ERROR,
            'Ô này cần một số, nhưng Excel đang lưu ngày "08/12/2023" (ô có thể đang định dạng '
            "kiểu Ngày). Hãy đổi định dạng ô sang Số (Number) rồi nhập lại số, ví dụ 8,5 hoặc "
            "2.230.",
        ),
        (
            read_number(datetime.time(8, 30), kind="percent"),
            "VALUE_NOT_NUMBER",
            Level.ERROR,
            'Ô này cần một số, nhưng Excel đang lưu giờ "08:30" (ô có thể đang định dạng kiểu '
            "Giờ). Hãy đổi định dạng ô sang Số (Number) rồi nhập lại số, ví dụ 8,5 hoặc 2.230.",
        ),
        (
            read_number(True, kind="amount"),
            "VALUE_NOT_NUMBER",
            Level.ERROR,
            'Ô này cần một số, nhưng đang có giá trị đúng/sai "TRUE". Hãy nhập số, ví dụ 8,5 '
            "hoặc 2.230.",
        ),
        (
            read_number("#DIV/0!", kind="amount"),
            "VALUE_FORMULA_ERROR",
            Level.ERROR,
            'Ô này đang báo lỗi công thức "#DIV/0!". Hãy sửa công thức hoặc nhập trực tiếp số.',
        ),
        (
            read_number("8,5%", kind="amount"),
            "VALUE_UNIT_MISMATCH",
            Level.ERROR,
            'Chỉ tiêu này tính bằng giá trị, không phải phần trăm, nhưng ô đang có "8,5%". Hãy '
            "bỏ dấu % (hoặc định dạng phần trăm của ô) và nhập số theo đơn vị của chỉ tiêu.",
        ),
        (
            read_number(0.085, kind="count", percent_format=True),
            "VALUE_UNIT_MISMATCH",
            Level.ERROR,
            'Chỉ tiêu này tính bằng số lượng, không phải phần trăm, nhưng ô đang có "8,5%". Hãy '
            "bỏ dấu % (hoặc định dạng phần trăm của ô) và nhập số theo đơn vị của chỉ tiêu.",
        ),
        (
            read_number("8,5", kind="count"),
            "VALUE_NOT_WHOLE",
            Level.ERROR,
            'Ô này cần một số nguyên (số lượng), nhưng đang có "8,5". Hãy nhập số nguyên, ví dụ '
            "12 hoặc 2.230.",
        ),
        (
            read_number("1.234", kind="percent"),
            "NUMBER_AMBIGUOUS",
            Level.WARNING,
            'Số "1.234" có hai cách hiểu: 1.234 hoặc 1,234. Đã đọc là 1,234 (vì tỷ lệ phần '
            "trăm khó vượt quá 1.000%). Nếu ý bạn là 1.234, hãy sửa lại ô; để tránh nhầm, "
            + _AS_NUMBER,
        ),
        (
            read_number("2.550 MW", kind="count"),
            "NUMBER_HAS_UNIT",
            Level.WARNING,
            f'Đã đọc số 2.550 trong "2.550 MW" và bỏ qua chữ "MW". {_CHECK}',
        ),
        (  # two things to say about one cell: one finding, the ambiguity first
            read_number("2.550 MW", kind="amount"),
            "NUMBER_AMBIGUOUS",
            Level.WARNING,
            'Số "2.550 MW" có hai cách hiểu: 2.550 hoặc 2,550. Đã đọc là 2.550 (theo cách viết '
            "Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy ngăn cách phần thập phân). Nếu ý "
            f"bạn là 2,550, hãy sửa lại ô; để tránh nhầm, {_AS_NUMBER} "
            f'Đã đọc số 2.550 trong "2.550 MW" và bỏ qua chữ "MW". {_CHECK}',
        ),
        (
            read_date(datetime.time(14, 30)),
            "DATE_NOT_DATE",
            Level.ERROR,
            'Ô này cần một ngày, nhưng đang có giờ "14:30". Hãy nhập ngày theo thứ tự '
            "ngày/tháng/năm, ví dụ 08/12/2023.",
        ),
        (
            read_date("31/02/2023"),
            "DATE_INVALID",
            Level.ERROR,
            'Ngày "31/02/2023" không có thật: tháng 2 năm 2023 không có ngày 31. Hãy kiểm tra '
            "lại ngày và tháng (viết theo thứ tự ngày/tháng/năm).",
        ),
        (
            read_date("08/12/202"),
            "DATE_INVALID",
            Level.ERROR,
            'Năm trong "08/12/202" không hợp lệ. Hãy ghi năm đủ bốn chữ số, ví dụ 08/12/2023.',
        ),
        (
            read_date("13/13/2023"),
            "DATE_INVALID",
            Level.ERROR,
            'Ngày "13/13/2023" không hợp lệ: tháng phải từ 1 đến 12 nhưng đang là 13. Ngày phải '
            "viết theo thứ tự ngày/tháng/năm.",
        ),
        (
            read_date("12/31/2023"),
            "DATE_INVALID",
            Level.ERROR,
            'Ngày "12/31/2023" không hợp lệ: tháng phải từ 1 đến 12 nhưng đang là 31. Ngày phải '
            "viết theo thứ tự ngày/tháng/năm. Có thể ngày và tháng bị đảo chỗ: hãy viết "
            "31/12/2023.",
        ),
        (
            read_date(60),
            "DATE_INVALID",
            Level.ERROR,
            'Số "60" là ngày 29/02/1900 của Excel, một ngày không có thật. Hãy nhập lại ngày, '
            "ví dụ 08/12/2023.",
        ),
        (
            read_date("08/12/23"),
            "DATE_YEAR_AMBIGUOUS",
            Level.ERROR,
            'Năm trong "08/12/23" chỉ có hai chữ số nên không rõ là năm nào. Hãy ghi năm đủ bốn '
            "chữ số, ví dụ 08/12/2023.",
        ),
        (
            read_date(2023),
            "DATE_UNLIKELY",
            Level.WARNING,
            'Ô này đang có số "2023", Excel hiểu là ngày 15/07/1905. Nếu đó không phải ngày '
            "đúng, hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 08/12/2023.",
        ),
    ],
)
def test_each_wording_from_the_catalogue(
    reading: Reading, code: str, level: Level, message: str
) -> None:
    finding = CATALOGUE.make_from(reading.notes, sheet="Chỉ tiêu", cell="D7", label="GRDP")
    assert (finding.code, finding.level, finding.message) == (code, level, message)
    assert (finding.sheet, finding.cell, finding.label) == ("Chỉ tiêu", "D7", "GRDP")


@pytest.mark.parametrize("raw", [None, "", "  ", "\t\n"])
def test_empty_dates(raw: object) -> None:
    assert read_date(raw).state is State.EMPTY


# --- text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  Sở  Công\tThương  ", "Sở Công Thương"),
        ("a\u00a0\u00a0b", "a b"),
        ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
        ("đoạn 1\n\n\n\n\nđoạn 2", "đoạn 1\n\nđoạn 2"),
        ("đoạn 1\n  \n \t\nđoạn 2", "đoạn 1\n\nđoạn 2"),
        ("  dòng 1  \n  dòng 2  ", "dòng 1\ndòng 2"),
        ("\n\nđầu\n\n", "đầu"),
        (unicodedata.normalize("NFD", "Việt Nam"), "Việt Nam"),
        ("a\u200bb\ufeff", "ab"),
        ("Th\xadng", "Th\xadng"),  # soft hyphen is TCVN3 "ư": left for the converter
        (2023, "2023"),
        (2023.0, "2023"),
        (8.5, "8.5"),
        (DEC_8, "08/12/2023"),
    ],
)
def test_clean_text(raw: object, expected: str) -> None:
    assert clean_text(raw) == expected


# --- properties ------------------------------------------------------------------

number_like = st.from_regex(
    r"[-+−–]?\s?[0-9., \u00a0\u2009]{0,14}\s?(%|/năm|%/năm|phần trăm)?\s?[a-zA-Zđư ]{0,6}",
    fullmatch=True,
)
cells = st.one_of(
    st.none(),
    st.text(),
    number_like,
    st.sampled_from(NO_DATA),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.decimals(),
)
kinds = st.sampled_from(["percent", "count", "amount"])


@given(cells, kinds, st.booleans())
@example("2.230", "amount", False)
@example(1e308, "percent", True)
@example("9" * 60, "amount", False)
def test_read_number_never_raises(raw: object, kind: str, percent_format: bool) -> None:
    value(raw, kind, percent_format)


@given(
    st.integers(0, 4).flatmap(
        lambda k: st.tuples(st.just(k), st.decimals(-(10**15), 10**15, places=k))
    )
)
def test_format_then_read_round_trips(case: tuple[int, Decimal]) -> None:
    decimals, number = case
    r = value(format_number(number, decimals), "amount")
    assert r.state is State.VALUE and r.value == number


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6), st.integers(0, 4))
def test_format_then_read_gives_rounded_value(number: Decimal, decimals: int) -> None:
    r = value(format_number(number, decimals), "amount")
    with localcontext() as ctx:
        ctx.prec = 100  # the default 28 digits cannot hold every generated number
        expected = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert r.value == expected


@given(st.decimals(-1000, 1000, places=2))
def test_format_percent_then_read_round_trips(number: Decimal) -> None:
    r = value(format_percent(number, 2), "percent")
    assert r.state is State.VALUE and r.value == number


@given(
    st.one_of(
        st.none(),
        st.text(),
        st.from_regex(
            r"(ngày )?[0-9]{1,3}[/.\- ]{1,2}[0-9]{1,3}[/.\- ]{1,2}[0-9]{0,5}", fullmatch=True
        ),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.dates(),
        st.datetimes(),
        st.times(),
    )
)
def test_read_date_never_raises(raw: object) -> None:
    assert_consistent(read_date(raw), datetime.date)


@given(st.dates())
def test_short_date_text_reads_back(day: datetime.date) -> None:
    assert read_date(f"{day.day:02d}/{day.month:02d}/{day.year:04d}").value == day
    assert read_date(f"ngày {day.day} tháng {day.month} năm {day.year:04d}").value == day


@given(st.one_of(st.none(), st.text(), st.integers(), st.floats(), st.dates()))
def test_clean_text_is_idempotent_nfc(raw: object) -> None:
    text = clean_text(raw)
    assert clean_text(text) == text
    assert text == unicodedata.normalize("NFC", text)
    assert "\r" not in text and "\n\n\n" not in text and text == text.strip()
