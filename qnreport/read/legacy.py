"""Legacy 8-bit Vietnamese (TCVN3/ABC and VNI-Windows) found in xlsx cells.

Old workbooks keep Vietnamese as bytes meant for a legacy font; an xlsx shows those bytes
as cp1252/Latin-1 characters (``"Së C«ng Th\\xad¬ng"``). We turn them into Unicode: by the
cell's font when there is one, otherwise only when the content clearly asks for it, because
corrupting ordinary text is worse than leaving a legacy cell alone.

Tables (public, not guessed):

* TCVN3 = the VN3 subset of TCVN 5712:1993: GNU libiconv ``lib/tcvn.h`` (``tcvn_2uni_2``)
  and glibc ``iconv -f TCVN5712-1``, restricted to the 74 characters 0xA1-0xFF that VN3
  fonts use. Never 0x01-0x17 or 0x80-0x9F (VN1 capitals: they would eat cp1252
  punctuation), never 0xB0-0xB4 (combining marks) nor the toned capitals of VN1.
* VNI-Windows: lamdao/xvnkb ``vni.h`` (base letter, then sắc, huyền, hỏi, ngã, nặng).
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ENCODINGS",
    "TCVN3_TABLE",
    "VNI_TABLE",
    "Encoding",
    "Guess",
    "decode",
    "decode_tcvn3",
    "decode_vni",
    "encoding_from_font",
    "guess",
    "looks_vietnamese",
    "vote",
]

log = logging.getLogger(__name__)

Encoding = Literal["tcvn3", "vni"]
ENCODINGS: tuple[Encoding, ...] = ("tcvn3", "vni")

# --- TCVN3 -----------------------------------------------------------------------------

# Runs of consecutive legacy codes (as their Latin-1 characters) and what they stand for,
# copied from libiconv tcvn.h and checked against glibc TCVN5712-1.
_TCVN3_ROWS: tuple[tuple[str, str], ...] = (
    ("\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae", "ĂÂÊÔƠƯĐăâêôơưđ"),
    ("\xb5\xb6\xb7\xb8\xb9", "àảãáạ"),
    ("\xbb\xbc\xbd\xbe", "ằẳẵắ"),
    ("\xc6\xc7\xc8\xc9\xca\xcb\xcc", "ặầẩẫấậè"),
    ("\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8", "ẻẽéẹềểễếệìỉ"),
    ("\xdc\xdd\xde\xdf", "ĩíịò"),
    ("\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef", "ỏõóọồổỗốộờởỡớợù"),
    ("\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe", "ủũúụừửữứựỳỷỹýỵ"),
)
TCVN3_TABLE: dict[str, str] = {
    code: uni for codes, unis in _TCVN3_ROWS for code, uni in zip(codes, unis, strict=True)
}
_TCVN3_TRANSLATE = {ord(code): uni for code, uni in TCVN3_TABLE.items()}

# --- VNI-Windows -------------------------------------------------------------------------

# Tone order of every row below, as in vni.h: none, sắc, huyền, hỏi, ngã, nặng.
_VNI_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
# (Unicode base letter, its six VNI spellings), copied from lamdao/xvnkb vni.h.
_VNI_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("A", ("A", "AÙ", "AØ", "AÛ", "AÕ", "AÏ")),
    ("Â", ("AÂ", "AÁ", "AÀ", "AÅ", "AÃ", "AÄ")),
    ("Ă", ("AÊ", "AÉ", "AÈ", "AÚ", "AÜ", "AË")),
    ("E", ("E", "EÙ", "EØ", "EÛ", "EÕ", "EÏ")),
    ("Ê", ("EÂ", "EÁ", "EÀ", "EÅ", "EÃ", "EÄ")),
    ("O", ("O", "OÙ", "OØ", "OÛ", "OÕ", "OÏ")),
    ("Ô", ("OÂ", "OÁ", "OÀ", "OÅ", "OÃ", "OÄ")),
    ("Ơ", ("Ô", "ÔÙ", "ÔØ", "ÔÛ", "ÔÕ", "ÔÏ")),
    ("U", ("U", "UÙ", "UØ", "UÛ", "UÕ", "UÏ")),
    ("Ư", ("Ö", "ÖÙ", "ÖØ", "ÖÛ", "ÖÕ", "ÖÏ")),
    ("I", ("I", "Í", "Ì", "Æ", "Ó", "Ò")),
    ("Y", ("Y", "YÙ", "YØ", "YÛ", "YÕ", "Î")),
    ("Đ", ("Ñ",)),
    ("a", ("a", "aù", "aø", "aû", "aõ", "aï")),
    ("â", ("aâ", "aá", "aà", "aå", "aã", "aä")),
    ("ă", ("aê", "aé", "aè", "aú", "aü", "aë")),
    ("e", ("e", "eù", "eø", "eû", "eõ", "eï")),
    ("ê", ("eâ", "eá", "eà", "eå", "eã", "eä")),
    ("o", ("o", "où", "oø", "oû", "oõ", "oï")),
    ("ô", ("oâ", "oá", "oà", "oå", "oã", "oä")),
    ("ơ", ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï")),
    ("u", ("u", "uù", "uø", "uû", "uõ", "uï")),
    ("ư", ("ö", "öù", "öø", "öû", "öõ", "öï")),
    ("i", ("i", "í", "ì", "æ", "ó", "ò")),
    ("y", ("y", "yù", "yø", "yû", "yõ", "î")),
    ("đ", ("ñ",)),
)
VNI_TABLE: dict[str, str] = {
    spelling: unicodedata.normalize("NFC", base + tone)
    for base, spellings in _VNI_ROWS
    for spelling, tone in zip(spellings, _VNI_TONES, strict=False)
    if spelling != base
}
# Mark bytes that only make sense right after a vowel; one left over after a VNI pass
# says the text was not VNI (French "où", German "Müller", Unicode "dân").
_VNI_MARKS = frozenset(s[1] for s in VNI_TABLE if len(s) == 2)

# --- decoding ----------------------------------------------------------------------------


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def decode_tcvn3(text: str, *, capital_font: bool = False) -> str:
    """Convert TCVN3 text (cp1252 view of the bytes) to NFC Unicode.

    One character at a time: TCVN3 is a single-byte code. U+00AD (soft hyphen) is "ư",
    an ASCII "-" stays a hyphen. TCVN3 has no toned capitals; the "H" fonts (.VnTimeH)
    draw the small codes as capitals, hence ``capital_font`` upper-cases the result.
    """
    out = _nfc(text.translate(_TCVN3_TRANSLATE))
    return _nfc(out.upper()) if capital_font else out


def _vni_scan(text: str) -> tuple[str, int]:
    """Decode VNI, longest sequence first; also count mark bytes no vowel took."""
    out: list[str] = []
    stray = 0
    i, n = 0, len(text)
    while i < n:
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in VNI_TABLE:
            out.append(VNI_TABLE[pair])
            i += 2
            continue
        ch = text[i]
        stray += ch in _VNI_MARKS
        out.append(VNI_TABLE.get(ch, ch))
        i += 1
    return _nfc("".join(out)), stray


def decode_vni(text: str) -> str:
    """Convert VNI-Windows text (cp1252 view) to NFC Unicode, longest sequence first.

    A letter may take two bytes (base + mark), so "OÂ" must win over "O" and "Ô" (= Ơ).
    """
    return _vni_scan(text)[0]


def decode(text: str, encoding: Encoding, *, capital_font: bool = False) -> str:
    """Convert with a known encoding (e.g. the one :func:`vote` settled for a column)."""
    if encoding == "tcvn3":
        return decode_tcvn3(text, capital_font=capital_font)
    return decode_vni(text)


# --- fonts -------------------------------------------------------------------------------

_SUBSET_TAG = re.compile(r"^[A-Za-z]{6}\+")
_STYLE_SUFFIX = re.compile(
    r"[\s,-]+(?:bold|italic|oblique|regular|bolditalic|boldoblique|bd|it|bi)$", re.IGNORECASE
)


@functools.lru_cache(maxsize=512)  # a workbook names a handful of fonts, thousands of times
def encoding_from_font(font_name: str | None) -> tuple[Encoding | None, bool]:
    """Tell the legacy encoding and "capital font" flag from a font name.

    ".Vn..." fonts are TCVN3 (those ending in "H" draw capitals), "VNI-..." fonts are VNI.
    A PDF subset tag ("ABCDEF+") and a style suffix (",Bold") are ignored.
    """
    if not font_name:
        return None, False
    name = _SUBSET_TAG.sub("", font_name.strip())
    while True:
        stripped = _STYLE_SUFFIX.sub("", name).rstrip()
        if stripped == name:
            break
        name = stripped
    low = name.lower()
    if low.startswith(".vn") and len(low) > 3:
        # When the case is lost (".VNTIMEH", ".vntimeh") any final h counts; in a mixed-case
        # name only a capital H does (".VnTimeH", not a family that happens to end in "h").
        mixed = name != name.lower() and name != name.upper()
        capital = name.endswith("H") if mixed else low.endswith("h")
        return "tcvn3", capital
    if low == "vni" or (low.startswith("vni") and low[3:4] in ("-", " ", "_")):
        return "vni", False
    return None, False


# --- Vietnamese syllables ----------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SAC, _NANG = "\u0301", "\u0323"
_LETTERS = frozenset("aăâbcdđeêghiklmnoôơpqrstuưvxy")
_VOWELS = frozenset("aeiouy")
_MODIFIED_VOWELS = frozenset("ăâêôơư")
_MAX_LETTERS = 7
_INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "")
_STOP_FINALS = frozenset({"c", "ch", "p", "t"})
# Vowel nuclei (glides included), each "open" (no final), "closed" (final required) or
# "both": "iê" needs a final because without one it is written "ia", and so on. The loan
# nucleus "oo" (xoong) is left out: it is how VNI's "oâ" (ô) reads in TCVN3.
_NUCLEI: dict[str, str] = {
    **dict.fromkeys(["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"], "both"),
    **dict.fromkeys(["oa", "oe", "uê", "uy"], "both"),
    **dict.fromkeys(["ă", "â", "oă", "uâ", "iê", "yê", "uô", "ươ", "uyê"], "closed"),
    **dict.fromkeys(
        ["ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua",
         "ưa", "ui", "ưi", "ưu", "uơ", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây",
         "uôi", "ươi", "ươu", "uya", "uyu"],
        "open",
    ),
}  # fmt: skip


def _tone_positions(nucleus: str, final: str) -> frozenset[int]:
    """Where the tone may sit in ``nucleus``: the main vowel, in old or new style."""
    if len(nucleus) == 1:
        return frozenset({0})
    if final:
        return frozenset({len(nucleus) - 1})  # toán, tuấn, tiếng, chuyện, huỳnh
    modified = [i for i, ch in enumerate(nucleus) if ch in _MODIFIED_VOWELS]
    if modified:
        return frozenset({modified[-1]})  # câu, tuổi, người, thuở, kiểu
    if nucleus in ("oa", "oe", "uy"):
        return frozenset({0, 1})  # hòa/hoà, khỏe/khoẻ, thủy/thuỷ
    if len(nucleus) == 3:
        return frozenset({1})  # ngoài, xoáy, khuỷu
    return frozenset({0})  # hài, cáo, của, kìa


def _is_syllable(word: str) -> bool:
    """True when ``word`` spells one Vietnamese syllable, tone on a proper vowel."""
    word = _nfc(word.lower())
    if len(word) > _MAX_LETTERS:
        return False
    tone, tone_at = "", -1
    plain = ""
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        marks = [m for m in parts if m in _TONE_MARKS]
        if marks:
            if tone or len(marks) > 1 or parts[0] not in _VOWELS:
                return False
            tone, tone_at = marks[0], len(plain)
            ch = _nfc(parts.replace(marks[0], ""))
        if ch not in _LETTERS:
            return False
        plain += ch
    if not plain:
        return False
    for initial in _INITIALS:
        if not plain.startswith(initial):
            continue
        rest = plain[len(initial) :]
        for final in _FINALS:
            if not rest.endswith(final):
                continue
            nucleus = rest[: len(rest) - len(final)]
            kind = _NUCLEI.get(nucleus)
            if kind is None or (final and kind == "open") or (not final and kind == "closed"):
                continue
            if final in _STOP_FINALS and tone not in (_SAC, _NANG):
                continue
            if final in ("ch", "nh") and nucleus[-1] not in "aêiy":
                continue
            if tone and tone_at - len(initial) not in _tone_positions(nucleus, final):
                continue
            return True
    return False


def looks_vietnamese(text: str) -> float:
    """Share (0..1) of the alphabetic words of ``text`` that are valid Vietnamese syllables.

    A syllable is initial + legal vowel cluster + final with at most one tone, on the main
    vowel (old and new style both accepted); words with f/j/w/z or more than 7 letters
    never are. 0.0 when there is no word at all.
    """
    words = _WORD.findall(_nfc(text))
    if not words:
        return 0.0
    return sum(1 for w in words if _is_syllable(w)) / len(words)


# --- guessing ----------------------------------------------------------------------------

# Every character a legacy byte can become in an xlsx: Latin-1 plus cp1252's 0x80-0x9F.
_LEGACY_VIEW = frozenset(map(chr, range(256))) | frozenset(
    bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
)
_MIN_EVIDENCE = 2  # words that must read as Vietnamese only after conversion
_CLEAR_RATIO = 2  # how much the winner must outweigh the rest (evidence vs noise/rival)


def _has_unicode_letters(text: str) -> bool:
    """True for letters or marks no legacy byte can become (ơ, ư, ạ, đ, NFD accents...).

    Symbols outside cp1252 (≥, →) do not count: Excel's "Insert Symbol" puts them into
    legacy-font cells too.
    """
    return any(ch not in _LEGACY_VIEW and unicodedata.category(ch)[0] in "LM" for ch in text)


@dataclass(frozen=True)
class Guess:
    """What :func:`guess` decided for one text.

    ``encoding`` None means "leave the text as it is"; ``confident`` is False when the
    content suggests legacy text but the evidence is too weak or fits both encodings,
    so a column-level :func:`vote` or a human should settle it.
    """

    encoding: Encoding | None
    converted: str
    confident: bool


@dataclass(frozen=True)
class _Evidence:
    """Per-chunk tally for one encoding: chunks it fixes, and chunks it breaks."""

    fixed: int
    broken: int

    @property
    def strength(self) -> int:
        return self.fixed - self.broken


def _evidence(text: str, encoding: Encoding) -> _Evidence:
    """Count whitespace chunks that become Vietnamese only once converted, and the
    chunks the conversion leaves invalid. Chunks valid both ways prove nothing."""
    fixed = broken = 0
    for chunk in text.split():
        if encoding == "vni":
            converted, leftover = _vni_scan(chunk)
        else:
            converted, leftover = decode_tcvn3(chunk), 0
        if converted == chunk:
            broken += leftover > 0
            continue
        words = _WORD.findall(converted)
        if sum(map(len, words)) < 2:  # a lone symbol ("©" -> "â") proves nothing
            continue
        if leftover or not all(map(_is_syllable, words)):
            broken += 1
            continue
        before = _WORD.findall(_nfc(chunk))
        if before and all(map(_is_syllable, before)):
            continue  # e.g. Unicode "tôi" reads "tơi" in VNI: both are syllables
        fixed += 1
    return _Evidence(fixed, broken)


def _is_clear(ev: _Evidence, rival: _Evidence) -> bool:
    return (
        ev.fixed >= _MIN_EVIDENCE
        and ev.fixed >= _CLEAR_RATIO * ev.broken
        and ev.strength >= _CLEAR_RATIO * max(rival.strength, 0)
        and ev.strength > 0
    )


def guess(text: str, font_name: str | None = None) -> Guess:
    """Decide whether ``text`` is TCVN3, VNI or Unicode, and convert it.

    A legacy font name decides, unless the text cannot be legacy bytes at all (it holds
    characters outside cp1252) or reads as Vietnamese only before conversion. Without a
    font, convert only when one encoding clearly turns the words into Vietnamese and the
    other does not; otherwise keep the text and say how sure we are.
    """
    encoding, capital = encoding_from_font(font_name)
    if _has_unicode_letters(text):
        return Guess(None, text, True)
    if encoding is not None:
        converted = decode(text, encoding, capital_font=capital)
        ev = _evidence(text, encoding)
        if ev.fixed == 0 and ev.broken > 0 and looks_vietnamese(converted) < looks_vietnamese(text):
            log.debug("legacy font %r on text that reads as Unicode: %r", font_name, text)
            return Guess(None, text, False)
        return Guess(encoding, converted, True)
    if text.isascii():
        return Guess(None, text, True)
    evidence = {enc: _evidence(text, enc) for enc in ENCODINGS}
    tcvn3, vni = evidence["tcvn3"], evidence["vni"]
    original = looks_vietnamese(text)
    candidates: tuple[tuple[Encoding, _Evidence, _Evidence], ...] = (
        ("tcvn3", tcvn3, vni),
        ("vni", vni, tcvn3),
    )
    for enc, ev, rival in candidates:
        if _is_clear(ev, rival):
            converted = decode(text, enc)
            if looks_vietnamese(converted) > original:
                return Guess(enc, converted, True)
    if tcvn3.fixed or vni.fixed:
        log.debug("possibly legacy text left as is (tcvn3 %s, vni %s): %r", tcvn3, vni, text)
        return Guess(None, text, False)
    return Guess(None, text, True)


_MAJORITY = 2 / 3
_MIN_VOTES = 2


def vote(texts: Sequence[str]) -> Encoding | None:
    """The encoding a clear majority of a column's cells decode to, else None.

    Cells without non-ASCII characters are trivial and do not vote; unsure cells abstain
    (they are what the vote settles); confident Unicode cells vote against conversion.
    The winner needs at least two votes and two thirds of them.
    """
    ballots: Counter[Encoding | None] = Counter()
    for text in texts:
        if not isinstance(text, str) or text.isascii():
            continue
        result = guess(text)
        if result.encoding is None and not result.confident:
            continue
        ballots[result.encoding] += 1
    total = sum(ballots.values())
    for encoding in ENCODINGS:
        count = ballots[encoding]
        if count >= _MIN_VOTES and count >= _MAJORITY * total:
            return encoding
    return None
