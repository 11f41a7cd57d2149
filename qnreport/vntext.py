"""Vietnamese text and numbers as an official document writes them.

Numbers follow CLDR ``vi`` through Babel (decimal comma, thousands dot); dates and
document numbers follow Nghị định 30/2020/NĐ-CP, which no CLDR pattern expresses, so
they are built by hand. Sorting is done without ICU (not installed, and glibc's vi_VN
locale sorts wrongly), by a key that reproduces ICU's ``vi`` order.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, localcontext

from babel.numbers import format_decimal

__all__ = [
    "NBSP",
    "NO_BREAK_HYPHEN",
    "date_line",
    "doc_number",
    "format_number",
    "format_percent",
    "format_range",
    "nfc",
    "short_date",
    "sort_key",
    "strip_tones",
    "typeset",
    "upper_vi",
    "xml_safe",
]

_LOCALE = "vi"
_DEFAULT_DECIMALS = 2

# Blank used by drafts for the day and month the signer fills in by hand.
_DRAFT_BLANK = " " * 6


def nfc(s: str) -> str:
    """Precomposed form: TCVN 6909 text and the only form safe to compare."""
    return unicodedata.normalize("NFC", s)


# Characters XML 1.0 cannot hold, so neither can .docx nor .xlsx: C0 controls except tab,
# line feed and carriage return (Word's field marks U+0013-U+0015 come in with copied
# text), lone surrogates, U+FFFE and U+FFFF. Vertical tab and form feed are Word's line
# and page breaks: they become line breaks; the rest carries nothing and is dropped.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_AS_BREAK = {"\x0b": "\n", "\x0c": "\n"}


def xml_safe(text: str) -> str:
    """``text`` without what an XML file cannot store: what reaches a .docx or .xlsx from
    an agency must never stop the build (lxml and openpyxl refuse such characters)."""
    if CONTROL_CHARS.search(text) is None:
        return text
    return CONTROL_CHARS.sub(lambda m: _AS_BREAK.get(m.group(), ""), text)


# --- numbers -------------------------------------------------------------------


def _to_decimal(value: Decimal | int | float) -> Decimal:
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        # repr gives the shortest text that round-trips, not the binary expansion.
        d = Decimal(repr(value))
    else:
        raise TypeError(f"not a number: {value!r}")
    if not d.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return d


def _prec_for(d: Decimal, decimals: int) -> int:
    # Enough digits that quantize never rounds the integer part or raises.
    return max(28, d.adjusted() + decimals + 3)


def _format(d: Decimal, decimals: int | None) -> str:
    places = _DEFAULT_DECIMALS if decimals is None else decimals
    if places < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    with localcontext() as ctx:
        ctx.prec = _prec_for(d, places)
        ctx.Emax, ctx.Emin = MAX_EMAX, MIN_EMIN
        # Half-up, as people and Excel round; Babel alone would round half-even.
        q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if q.is_zero():
            q = abs(q)  # never print "-0"
        frac = "#" * places if decimals is None else "0" * places
        pattern = "#,##0" + ("." + frac if places else "")
        # Babel quantizes again in the current context: keep it wide enough.
        return str(format_decimal(q, format=pattern, locale=_LOCALE))


def format_number(value: Decimal | int | float, decimals: int | None = None) -> str:
    """``1.234,5``; ``decimals=None`` shows up to two decimals and drops trailing zeros."""
    return _format(_to_decimal(value), decimals)


def format_percent(value: Decimal | int | float, decimals: int | None = None) -> str:
    """``8,5%`` for a value already in percent units (no space, as CLDR vi and usage)."""
    # Not Babel's format_percent: its default pattern drops decimals and it scales by 100.
    return format_number(value, decimals) + "%"


def format_range(
    low: Decimal | int | float,
    high: Decimal | int | float,
    *,
    percent: bool,
    decimals: int | None = None,
) -> str:
    """``8,5-9,5%`` (the sign written once, after the range) or ``1.000-1.200``."""
    text = f"{format_number(low, decimals)}-{format_number(high, decimals)}"
    return text + "%" if percent else text


# --- dates and document numbers -----------------------------------------------------


def _month(m: int) -> str:
    # NĐ 30/2020: leading zero for months 1 and 2 only ("tháng 01", "tháng 3").
    return f"{m:02d}" if m <= 2 else str(m)


def date_line(place: str, date: datetime.date | None, *, year: int | None = None) -> str:
    """``Quảng Ngãi, ngày 05 tháng 01 năm 2024``; without a date, the draft's blanks.

    ``year`` fills the year of a draft whose day is not known yet; a given ``date``
    wins over it.
    """
    place = nfc(place).strip()
    if date is not None:
        when = f"ngày {date.day:02d} tháng {_month(date.month)} năm {date.year}"
    else:
        year_text = str(year) if year is not None else "...."
        when = f"ngày{_DRAFT_BLANK}tháng{_DRAFT_BLANK}năm {year_text}"
    return f"{place}, {when}" if place else when


def short_date(d: datetime.date) -> str:
    """``08/12/2023``, as dates are written in the body of a document."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def doc_number(n: int | str | None) -> str:
    """``05`` for 5, ``3006`` as is, ``""`` for a draft without a number yet."""
    if n is None:
        return ""
    if isinstance(n, int):
        if n < 0:
            raise ValueError(f"document number cannot be negative: {n}")
        return f"{n:02d}"
    text = nfc(n).strip()
    if text.isascii() and text.isdigit():
        return f"{int(text):02d}"
    return text  # "12a" and the like: keep what the clerk wrote


# --- case and sorting -------------------------------------------------------------


def upper_first(text: str) -> str:
    """The first letter in upper case: a clause opening a sentence."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter in lower case: a title or a clause read on mid-sentence."""
    return text[:1].lower() + text[1:]


def upper_vi(s: str) -> str:
    """Upper case for headings; NFC on both sides so combining marks cannot survive."""
    return nfc(nfc(s).upper())


# Tone marks in ICU vi secondary order: none < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a separate letter (ă â ê ô ơ ư), not a tone.
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")
# Vietnamese alphabet with the foreign letters f j w z in their Latin places.
_ALPHABET = {c: i for i, c in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}

_SPACE, _OTHER, _DIGIT, _LATIN, _LETTER = range(5)


def strip_tones(s: str) -> str:
    """Remove the five tone marks, keeping ă â đ ê ô ơ ư: ``Quảng Ngãi`` -> ``Quang Ngai``."""
    return nfc("".join(c for c in unicodedata.normalize("NFD", s) if c not in _TONES))


def _primary(base: str, marks: str) -> tuple[int, int]:
    if base.isspace():
        return (_SPACE, 0)
    if base.isdigit():
        return (_DIGIT, unicodedata.digit(base, 0))
    if base.isalpha():
        lower = nfc(base + "".join(m for m in marks if m in _LETTER_MARKS)).lower()
        if lower in _ALPHABET:
            return (_LATIN, _ALPHABET[lower])
        plain = base.lower()  # other marks (ö, ç) are left to the tie-break
        if plain in _ALPHABET:
            return (_LATIN, _ALPHABET[plain])
        return (_LETTER, ord(plain[0]))
    return (_OTHER, ord(base))


def sort_key(s: str) -> tuple[object, ...]:
    """Key for ``sorted`` giving ICU's Vietnamese order without ICU.

    Levels as ICU compares them: letters (ă â đ ê ô ơ ư are letters of their own;
    spaces < punctuation < digits < letters), then tones, then case (lower first).
    The tone of each word counts, not the letter carrying it, so ``hoà`` and ``hòa``,
    ``thuỷ`` and ``thủy`` compare equal (both placements are in official use). The last
    level is the toneless text itself, so only such pairs get equal keys and the order
    of everything else does not depend on the input order.
    """
    text = nfc(s)
    primary: list[tuple[int, int]] = []
    tertiary: list[int] = []
    words: list[tuple[int, ...]] = []
    word: list[int] = []
    decomposed = unicodedata.normalize("NFD", text)
    i = 0
    while i < len(decomposed):
        base = decomposed[i]
        j = i + 1
        while j < len(decomposed) and unicodedata.combining(decomposed[j]):
            j += 1
        marks = decomposed[i + 1 : j]
        if unicodedata.combining(base):
            # A mark with no base letter (text starting with one): tone level only.
            marks, base_is_letter = base + marks, False
        else:
            weight = _primary(base, marks)
            primary.append(weight)
            tertiary.append(1 if base.isupper() else 0)
            base_is_letter = weight[0] in (_LATIN, _LETTER)
        if not base_is_letter:
            words.append(tuple(word))
            word = []
        word.extend(_TONES[m] for m in marks if m in _TONES)
        i = j
    words.append(tuple(word))
    return (tuple(primary), tuple(words), tuple(tertiary), strip_tones(text))


# ---------------------------------------------------------------------- line breaking

NBSP = "\u00a0"
NO_BREAK_HYPHEN = "\u2011"
_PERCENT_AFTER_NUMBER = re.compile(r"(?<=\d)[ \u00a0]+%")
_PERCENT_AFTER_WORD = re.compile(r"(?<=\S) %")
_NUMBER_BEFORE_POINTS = re.compile(r"(?<=\d) (?=điểm\u00a0%)")
_TOKEN = re.compile(r"\d[\w./-]*\w")
_YEARS = re.compile(r"(?<=\b\d{4})-(?=\d{4}\b)")  # "2024-2025"
_YEARS_SPACED = re.compile(r"(?<=\b\d{4}) - (?=\d{4}\b)")  # "2025 - 2030"


def _symbol(match: re.Match[str]) -> str:
    token = match.group(0)
    is_symbol = "/" in token and "-" in token and any(c.isupper() for c in token)
    return token.replace("-", NO_BREAK_HYPHEN) if is_symbol else token


def typeset(text: str) -> str:
    """Text as an administrative document prints it, without breaks a reader would trip
    on: no space between a number and "%" ("Trên 40 % vào năm 2025" as some sources
    type it), a no-break space before a "%" that follows a word ("điểm %", kept with its
    number too), and non-breaking hyphens inside document symbols ("2792/SKHĐT‑KTN",
    "222/KH‑UBND", "23‑NQ/TW") and periods of years ("2024‑2025", "2025 - 2030"),
    whose halves must stay on one line."""
    text = _PERCENT_AFTER_NUMBER.sub("%", text)
    text = _PERCENT_AFTER_WORD.sub(NBSP + "%", text)
    text = _NUMBER_BEFORE_POINTS.sub(NBSP, text)
    text = _YEARS_SPACED.sub(NBSP + "-" + NBSP, text)
    text = _YEARS.sub(NO_BREAK_HYPHEN, text)
    return _TOKEN.sub(_symbol, text)
