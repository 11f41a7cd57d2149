"""Tolerant readers of what people type into workbook cells.

Agencies fill the workbooks by hand, in Vietnamese (``2.230``, ``8,5%``) or English
(``1,234.5``) habits, in number or text cells, and mark missing data in a dozen ways.
Each reader returns a :class:`Reading` and never raises on cell content: a wrong value
is a finding for the clerk, not a crash. A reading names its finding by code and the
values to quote; the wording and the level are in ``templates/findings.toml``. No openpyxl
here, so both openpyxl and python-calamine values can be read and everything is testable
without workbooks.
"""

from __future__ import annotations

import datetime
import enum
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Literal

from ..findings import Note
from ..vntext import format_number, nfc, short_date

__all__ = [
    "Reading",
    "State",
    "UnitKind",
    "clean_text",
    "is_no_data",
    "read_date",
    "read_number",
]


class State(enum.Enum):
    VALUE = "value"
    EMPTY = "empty"
    NO_DATA = "no_data"  # the person says there is no figure; unlike 0
    INVALID = "invalid"


@dataclass(frozen=True)
class Reading:
    """What a cell says: a value, nothing, an explicit "no data", or a finding.

    ``notes`` are set for INVALID and for a usable VALUE that the person should check;
    the catalogue words them into one finding whose code is the first note's.
    """

    state: State
    value: Decimal | datetime.date | None = None
    notes: tuple[Note, ...] = ()

    @property
    def code(self) -> str:
        """The code of the finding this reading makes, "" when it makes none."""
        return self.notes[0].code if self.notes else ""


UnitKind = Literal["percent", "count", "amount"]

_EMPTY = Reading(State.EMPTY)
_NO_DATA = Reading(State.NO_DATA)

_MAX_SHOWN = 60  # characters of a cell quoted in a message


def _invalid(code: str, variant: str = "", **values: str) -> Reading:
    return Reading(State.INVALID, notes=(Note(code, values, variant),))


# --- text -------------------------------------------------------------------------

_MANY_NEWLINES = re.compile(r"\n{3,}")
# Invisible characters that only carry noise from Word/web copies. The soft hyphen is
# kept: it is TCVN3's "ư" and must reach the legacy-encoding converter intact.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def clean_text(raw: object) -> str:
    """Cell text as one would print it: NFC, trimmed, single spaces, paragraphs kept."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        text = raw
    elif isinstance(raw, bool):
        text = "TRUE" if raw else "FALSE"
    elif isinstance(raw, datetime.datetime):
        text = short_date(raw.date())
        if raw.time() != datetime.time():
            text += raw.strftime(" %H:%M")
    elif isinstance(raw, datetime.date):
        text = short_date(raw)
    elif isinstance(raw, float) and math.isfinite(raw):
        # A number in a text column (a year, a document number): no grouping.
        text = format(_from_float(raw), "f")
    elif isinstance(raw, int):
        text = format(Decimal(raw), "f")  # str() refuses ints over 4300 digits
    else:
        text = str(raw)
    text = nfc(text)
    # Searched for before being replaced: str.translate walks every character of long
    # Vietnamese texts and was a fifth of reading a workbook.
    for invisible in _INVISIBLE:
        if invisible in text:
            text = text.replace(invisible, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def _shown(raw: object) -> str:
    """The cell as quoted in a message: one line, not too long."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, datetime.datetime | datetime.date):
        return clean_text(raw)
    if isinstance(raw, datetime.time):
        return raw.strftime("%H:%M")
    if isinstance(raw, int | float | Decimal):
        number = _to_decimal(raw)
        if number is not None:
            return _show_decimal(number)
    text = " ".join(clean_text(raw).split())
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _shown_serial(raw: object) -> str:
    """A number meant as a date, quoted without thousands dots ("45268", not "45.268")."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return clean_text(raw)
    return _shown(raw)


def _fold(text: str) -> str:
    """Lower case without diacritics, for matching words people type either way."""
    text = unicodedata.normalize("NFD", nfc(text).casefold().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


# --- no-data markers ---------------------------------------------------------------

# Folded, with all whitespace removed.
_NO_DATA_WORDS = frozenset(
    {
        "x",
        "khong",
        "khongco",
        "khongcosolieu",
        "chuaco",
        "chuacosolieu",
        "n/a",
        "na",
        "k/c",
        "kc",
    }
)
_NO_DATA_MARKS = re.compile(r"[-\u2010-\u2015\u2212]+|\.{2,}|\u2026")


def is_no_data(raw: object) -> bool:
    """True for the ways people write "no figure": ``-``, ``x``, ``không``, ``n/a``, ``...``."""
    if not isinstance(raw, str):
        return False
    key = "".join(_fold(raw).split())
    if _NO_DATA_MARKS.fullmatch(key):
        return True
    return key.rstrip(".") in _NO_DATA_WORDS


# --- numbers ----------------------------------------------------------------------

# Excel keeps 15 significant digits; past that a float's digits are binary noise.
_EXCEL_DIGITS = Context(prec=15, rounding=ROUND_HALF_UP)
_MAX_DECIMALS = 10

_NUMBER = re.compile(
    r"""
    (?P<sign>[-+\u2212\u2013])?\s*
    (?P<body>[0-9][0-9.,\s]*[0-9]|[0-9]|[.,][0-9]+)\s*
    (?P<pct>%|\uff05|phần\s*trăm)?\s*
    (?P<per>/\s*năm)?\s*
    (?P<unit>\(?[^\W\d_][^\d,;:%]*)?  # "MW", "triệu USD", "(ước tính)"
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SPACE_GROUPED = re.compile(r"([0-9]{1,3}(?:\s[0-9]{3})+)([.,][0-9]+)?")
_FORMULA_ERROR = re.compile(r"#(?:DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!)")


def _exponent(d: Decimal) -> int:
    exponent = d.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0  # NaN/inf never get this far


def _wide_context(d: Decimal) -> Context:
    # Enough digits that arithmetic never rounds nor raises, whatever the magnitude.
    digits = len(d.as_tuple().digits) + max(_exponent(d), 0) + _MAX_DECIMALS + 4
    return Context(prec=max(28, digits), Emax=MAX_EMAX, Emin=MIN_EMIN)


def _tidy(d: Decimal) -> Decimal:
    """Same value, no trailing zeros, no exponent notation: 8.50 -> 8.5, 2.23E+3 -> 2230."""
    if d.is_zero():
        return Decimal(0)  # also turns -0 into 0
    with localcontext(_wide_context(d)):
        d = d.normalize()
        if _exponent(d) > 0:
            d = d.quantize(Decimal(1))
    return d


def _from_float(f: float) -> Decimal:
    """274.65999999999997 -> 274.66: what Excel shows, not the binary approximation."""
    d = _EXCEL_DIGITS.create_decimal(repr(f))
    if _exponent(d) < -_MAX_DECIMALS:
        with localcontext(_wide_context(d)):
            d = d.quantize(Decimal(1).scaleb(-_MAX_DECIMALS), rounding=ROUND_HALF_UP)
    return _tidy(d)


def _to_decimal(raw: int | float | Decimal) -> Decimal | None:
    """A number cell as Decimal, or None when it is not a finite number."""
    if isinstance(raw, float):
        return _from_float(raw) if math.isfinite(raw) else None
    d = Decimal(raw)
    return _tidy(d) if d.is_finite() else None


def _percent_units(d: Decimal) -> Decimal:
    """0.085 -> 8.5, exactly (the default 28-digit context would round big values)."""
    with localcontext(_wide_context(d)):
        return _tidy(d.scaleb(2))


def _show_decimal(d: Decimal) -> str:
    return format_number(d, decimals=max(0, -_exponent(d)))


@dataclass(frozen=True)
class _Parsed:
    value: Decimal
    other: Decimal | None = None  # the English reading when the text is ambiguous
    thousands_first: bool = False  # whether ``value`` is the reading as thousands


def _parse_body(body: str) -> _Parsed | None:
    """Digits with separators -> value(s); None when no reading makes sense."""
    grouped = _SPACE_GROUPED.fullmatch(body)
    if grouped:
        # Space grouping ("1 234,5"): whatever separator remains is the decimal one.
        integer = "".join(grouped.group(1).split())
        fraction = (grouped.group(2) or "")[1:]
        return _Parsed(Decimal(f"{integer}.{fraction}" if fraction else integer))
    if re.search(r"\s", body):
        return None
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_sep = "," if body.rfind(",") > body.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        g, dsep = re.escape(group_sep), re.escape(decimal_sep)
        if not re.fullmatch(rf"[0-9]{{1,3}}(?:{g}[0-9]{{3}})*{dsep}[0-9]+", body):
            return None
        return _Parsed(Decimal(body.replace(group_sep, "").replace(decimal_sep, ".")))
    if not dots and not commas:
        return _Parsed(Decimal(body))
    sep = "." if dots else ","
    if dots + commas > 1:
        # Repeated separator: only grouping makes sense ("1.234.567", "1,234,567").
        s = re.escape(sep)
        if not re.fullmatch(rf"[0-9]{{1,3}}(?:{s}[0-9]{{3}})+", body):
            return None
        return _Parsed(Decimal(body.replace(sep, "")))
    integer, fraction = body.split(sep)
    as_decimal = Decimal(f"{integer or '0'}.{fraction}")
    if re.fullmatch(r"[1-9][0-9]{0,2}", integer) and len(fraction) == 3:
        # "2.230", "1,234": thousands or decimals, the text alone cannot tell.
        as_thousands = Decimal(integer + fraction)
        if sep == ".":  # Vietnamese: the dot groups thousands
            return _Parsed(as_thousands, as_decimal, thousands_first=True)
        return _Parsed(as_decimal, as_thousands, thousands_first=False)
    return _Parsed(as_decimal)


def _not_number(raw: object) -> Reading:
    if isinstance(raw, datetime.time):
        variant = "time"
    elif isinstance(raw, datetime.date):
        variant = "date"
    else:
        variant = "boolean" if isinstance(raw, bool) else ""
    return _invalid("VALUE_NOT_NUMBER", variant, shown=_shown(raw))


def _unit_mismatch(shown: str, kind: UnitKind) -> Reading:
    return _invalid("VALUE_UNIT_MISMATCH", "count" if kind == "count" else "", shown=shown)


def _finish(raw: object, value: Decimal, kind: UnitKind, notes: list[Note]) -> Reading:
    """Common last step: whole-number check for counts, then the warning if any."""
    value = _tidy(value)
    if kind == "count" and value != value.to_integral_value():
        return _invalid("VALUE_NOT_WHOLE", shown=_shown(raw))
    return Reading(State.VALUE, value, tuple(notes))


def read_number(raw: object, *, kind: UnitKind, percent_format: bool = False) -> Reading:
    """Read a number cell or a number typed as text.

    ``kind`` is the unit of the indicator: it decides how "1.234" is read and whether a
    "%" is welcome. ``percent_format`` says the cell has a % number format, under which
    Excel stores 8,5% as 0.085.
    """
    if raw is None:
        return _EMPTY
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        return _not_number(raw)
    if not isinstance(raw, str):
        number = _to_decimal(raw)
        if number is None:
            return _not_number(raw)
        if percent_format:
            if kind != "percent":
                return _unit_mismatch(_show_decimal(_percent_units(number)) + "%", kind)
            number = _percent_units(number)
        return _finish(raw, number, kind, [])
    return _read_number_text(raw, kind)


def _read_number_text(raw: str, kind: UnitKind) -> Reading:
    text = clean_text(raw)
    if not text:
        return _EMPTY
    if _FORMULA_ERROR.fullmatch(text.upper()):
        return _invalid("VALUE_FORMULA_ERROR", shown=text)
    if is_no_data(text):
        return _NO_DATA
    match = _NUMBER.fullmatch(text)
    parsed = _parse_body(match.group("body")) if match else None
    if match is None or parsed is None:
        return _not_number(text)
    if match.group("pct") and kind != "percent":
        return _unit_mismatch(_shown(text), kind)
    negative = match.group("sign") not in (None, "+")

    def signed(d: Decimal) -> Decimal:
        return d.copy_negate() if negative else d

    notes: list[Note] = []
    value = signed(parsed.value)
    if parsed.other is not None:
        first, second = signed(parsed.value), signed(parsed.other)
        thousands, decimal = (first, second) if parsed.thousands_first else (second, first)
        if kind == "count":
            value = thousands  # a count has no decimals: "1,234" can only be 1234
        else:
            # Read the Vietnamese way, unless that makes an implausible percentage.
            implausible = kind == "percent" and first.copy_abs() > 1000
            if implausible:
                value = second
            other = decimal if value == thousands else thousands
            notes.append(
                Note(
                    "NUMBER_AMBIGUOUS",
                    {
                        "shown": _shown(text),
                        "thousands": _show_decimal(thousands),
                        "decimal": _show_decimal(decimal),
                        "value": _show_decimal(value),
                        "other": _show_decimal(other),
                    },
                    "percent" if implausible else "",
                )
            )
    unit = (match.group("unit") or "").strip()
    if unit:
        shown = {"value": _show_decimal(value), "shown": _shown(text), "unit": unit}
        notes.append(Note("NUMBER_HAS_UNIT", shown))
    return _finish(text, value, kind, notes)


# --- dates ------------------------------------------------------------------------

_EXCEL_MAX_SERIAL = 2958465  # 31/12/9999
_EXCEL_FAKE_LEAP_DAY = 60  # Excel's 29/02/1900, kept for Lotus 1-2-3 compatibility
_EARLIEST_LIKELY = datetime.date(1945, 9, 2)  # no document of this state is older

_TIME = r"(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
_DATE_LONG = re.compile(
    r"(?:[^,0-9]*,\s*)?(?:ngay\s*)?([0-9]{1,2})\s*thang\s*([0-9]{1,2})\s*nam\s*([0-9]{1,4})"
)
_DATE_DMY = re.compile(
    r"(?:ngay\s*)?([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,4})" + _TIME
)
_DATE_ISO = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})" + _TIME)


def _not_date(raw: object) -> Reading:
    variant = "time" if isinstance(raw, datetime.time) else ""
    return _invalid("DATE_NOT_DATE", variant, shown=_shown_serial(raw))


def _from_serial(raw: int | float) -> Reading:
    if isinstance(raw, float) and not math.isfinite(raw):
        return _not_date(raw)
    serial = math.floor(raw)  # the fraction is the time of day
    if not 1 <= serial <= _EXCEL_MAX_SERIAL:
        return _not_date(raw)
    if serial == _EXCEL_FAKE_LEAP_DAY:
        return _invalid("DATE_INVALID", "excel_leap_day", shown=_shown_serial(raw))
    # Serials after the fake leap day are one day ahead of the real calendar.
    epoch = datetime.date(1899, 12, 31 if serial < _EXCEL_FAKE_LEAP_DAY else 30)
    date = epoch + datetime.timedelta(days=serial)
    if date < _EARLIEST_LIKELY:
        shown = {"shown": _shown_serial(raw), "date": short_date(date)}
        return Reading(State.VALUE, date, (Note("DATE_UNLIKELY", shown),))
    return Reading(State.VALUE, date)


def _make_date(shown: str, day: int, month: int, year_text: str) -> Reading:
    if len(year_text) == 2:
        return _invalid("DATE_YEAR_AMBIGUOUS", shown=shown)
    year = int(year_text)
    if len(year_text) != 4 or year < 1:
        return _invalid("DATE_INVALID", "year", shown=shown)
    if not 1 <= month <= 12:
        if 1 <= day <= 12 and month <= 31:
            swapped = f"{month:02d}/{day:02d}/{year}"
            return _invalid(
                "DATE_INVALID", "month_swapped", shown=shown, month=str(month), swapped=swapped
            )
        return _invalid("DATE_INVALID", "month", shown=shown, month=str(month))
    try:
        return Reading(State.VALUE, datetime.date(year, month, day))
    except ValueError:
        return _invalid("DATE_INVALID", shown=shown, day=str(day), month=str(month), year=str(year))


def read_date(raw: object) -> Reading:
    """Read a date cell, an Excel serial number, or a date typed as text (day first)."""
    if raw is None:
        return _EMPTY
    if isinstance(raw, datetime.datetime):
        return Reading(State.VALUE, raw.date())
    if isinstance(raw, datetime.date):
        return Reading(State.VALUE, raw)
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        return _not_date(raw)
    if not isinstance(raw, str):
        return _from_serial(raw)
    text = clean_text(raw)
    if not text:
        return _EMPTY
    if is_no_data(text):
        return _NO_DATA
    shown = _shown(text)
    folded = " ".join(_fold(text).split()).rstrip(".")
    iso = _DATE_ISO.fullmatch(folded)
    if iso:
        return _make_date(shown, int(iso.group(4)), int(iso.group(3)), iso.group(1))
    dmy = _DATE_DMY.fullmatch(folded) or _DATE_LONG.fullmatch(folded)
    if dmy:
        return _make_date(shown, int(dmy.group(1)), int(dmy.group(2)), dmy.group(3))
    return _not_date(text)
