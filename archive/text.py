"""Arabic text normalization: pure functions, no Django.

One normalization serves the index, the query, and name matching, so that
what a researcher types and what the archive stores meet in the same form:
أحمد / احمد / إحمد, مصطفى / مصطفي, مكتبة / مكتبه, سوریا (Persian ی) / سوريا,
٢٢٥٤ / 2254, with tashkeel and tatweel gone.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Sequence

import pyarabic.araby as araby

# Harakat, Quranic annotation marks and the superscript alef: marks a reader
# may or may not type, never a difference between two words in this archive.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")

_HAMZA_SEATS = str.maketrans({"\u0624": "\u0621", "\u0626": "\u0621"})  # ؤ ئ → ء
_LETTERS = str.maketrans(
    {
        "\u0671": "\u0627",  # ٱ alef wasla → ا
        "\u0649": "\u064a",  # ى alef maqsura → ي
        "\u0629": "\u0647",  # ة teh marbuta → ه
        "\u06cc": "\u064a",  # ی Persian yeh → ي
        "\u06d2": "\u064a",  # ے yeh barree → ي
        "\u06a9": "\u0643",  # ک keheh → ك
        "\u06c1": "\u0647",  # ہ heh goal → ه
        "\u06be": "\u0647",  # ھ heh doachashmee → ه
        "\u06c0": "\u0647",  # ۀ heh with yeh above → ه
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)

# Punctuation of both scripts and typographic quotes, read as word breaks.
_PUNCTUATION = re.compile(r"[\u060c\u061b\u061f\u066a-\u066d\u06d4«»“”„‟‘’‚‛\"'`´]|[^\w\s]")
_SPACE = re.compile(r"\s+")


def _latin_accents() -> dict[int, str]:
    """é → e, ç → c: Latin letters without their accents (Wilmès, Wilmes)."""
    table = {}
    for codepoint in range(0x00C0, 0x0250):
        char = chr(codepoint)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base and base != char and base.isascii():
            table[codepoint] = base
    return table


_LATIN = str.maketrans(_latin_accents())


def normalize(text: str) -> str:
    """Fold spelling variants that Arabic writers use interchangeably.

    Letters are kept in place (no punctuation handling): the result is for
    comparing and indexing words, and reads as the same Arabic text.
    """
    # NFKC turns presentation forms (ﻻ, ﷲ's parts, full-width digits) into
    # the letters a keyboard types.
    text = unicodedata.normalize("NFKC", text)
    text = _MARKS.sub("", text)
    text = araby.strip_tatweel(text)
    # A hamza's seat is the writer's choice: مسؤول and مسئول, شؤون and شئون
    # are one word to a reader (Egyptian outlets seat it on ya, others on
    # waw), so ؤ and ئ both become the bare ء before pyarabic folds the
    # rest. method="tasheel" maps أ إ آ → ا; the default method would turn
    # أ into ء instead.
    text = text.translate(_HAMZA_SEATS)
    text = araby.normalize_hamza(text, method="tasheel")
    return text.translate(_LETTERS).translate(_LATIN)


def key(text: str) -> str:
    """A comparison key for names and short phrases: normalized, lower case,
    punctuation as spaces, white space collapsed."""
    text = normalize(text).casefold()
    text = _PUNCTUATION.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


# NFKC leaves the Arabic decimal and thousands separators alone; numbers
# read with them ("٣٫٥", "١٬٠٠٠") need the Latin ones.
_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ","})


def _fold_char(char: str) -> str:
    # Format characters (ZWNJ, RLM, LRM, direction embeddings, BOM) sit
    # inside words and numbers in copied web text; they separate nothing.
    if unicodedata.category(char) == "Cf":
        return ""
    return normalize(char).translate(_SEPARATORS)


class _FoldTable(dict[int, str]):
    """A str.translate table computing each character's folding on first sight."""

    def __init__(self) -> None:
        super().__init__()
        # Characters whose folding is not exactly one character (tashkeel,
        # tatweel, format characters, ligatures): only texts with one of them
        # need an offset map. Replaced, never mutated, so readers need no lock.
        self.reshaping: frozenset[str] = frozenset()
        self.reshaping_pattern = re.compile("(?!)")
        self._lock = threading.Lock()

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        folded = _fold_char(char)
        if len(folded) != 1:
            with self._lock:
                if char not in self.reshaping:
                    reshaping = self.reshaping | {char}
                    self.reshaping_pattern = re.compile("[" + "".join(map(re.escape, sorted(reshaping))) + "]")
                    self.reshaping = reshaping
        self[codepoint] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_with_origin(text: str) -> tuple[str, Sequence[int]]:
    """`normalize`, one character at a time, with the offset in `text` of every
    character of the result (marks and tatweel vanish, NFKC may turn one
    character into several).

    Each character also loses invisible format characters (category Cf) and
    has ٫ and ٬ read as "." and ",". No case folding: callers that need it
    apply it to the result.
    """
    table = _FOLD_TABLE
    folded = text.translate(table)
    # Read after translate: it has recorded every character of this text.
    reshaping = table.reshaping
    if len(folded) == len(text) and reshaping.isdisjoint(text):
        return folded, range(len(text))
    pattern = table.reshaping_pattern
    origin: list[int] = []
    done = 0
    for match in pattern.finditer(text):
        index = match.start()
        origin.extend(range(done, index))
        origin.extend([index] * len(table[ord(text[index])]))
        done = index + 1
    origin.extend(range(done, len(text)))
    return folded, origin


# Words are what the search index and the query are made of: runs of letters
# and digits of the normalized text. Latin words count too (names typed in
# Latin script find the English names stored on people and countries).
_WORD = re.compile(r"[^\W_]+")

# Clitics Arabic writes onto a word, in the order they attach: a conjunction
# (و ف), then a preposition (ب ل ك), then the article (ال; after ل it is
# written ل: للعراق = ل + العراق).
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_ARTICLE = "ال"
# What is left after a clitic must still be a word: three letters at least,
# so وفد, بها, لدى stay whole.
MIN_STEM = 3


def words(text: str) -> list[str]:
    """The normalized, lower-case words of a text, in order."""
    return _WORD.findall(key(text))


@functools.lru_cache(maxsize=262144)
def word_forms(word: str) -> tuple[str, ...]:
    """A normalized word and every form of it without attached clitics,
    longest first: "والعراق" → (والعراق, العراق, عراق); "للعراق" → (للعراق,
    العراق, عراق); "لداعش" → (لداعش, داعش). Each clitic slot is used once,
    in order, so "لبنان" gives (لبنان, بنان) and never "نان"."""
    forms = [word]

    def add(form: str) -> None:
        if len(form) >= MIN_STEM and form not in forms:
            forms.append(form)

    def after_preposition(rest: str) -> None:
        if rest.startswith(_ARTICLE):
            add(rest[len(_ARTICLE):])

    def after_conjunction(rest: str) -> None:
        for preposition in _PREPOSITIONS:
            if rest.startswith(preposition + _ARTICLE) and len(rest) > 3:
                add(rest[1:])  # بالعراق → العراق
                after_preposition(rest[1:])
            elif preposition == "ل" and rest.startswith("لل") and len(rest) > 3:
                add(_ARTICLE + rest[2:])  # للعراق → العراق
                add(rest[2:])
            elif rest.startswith(preposition) and len(rest) - 1 >= MIN_STEM:
                add(rest[1:])  # لداعش → داعش
        after_preposition(rest)

    if word[:1] in _CONJUNCTIONS and len(word) - 1 >= MIN_STEM:
        add(word[1:])
        after_conjunction(word[1:])
    after_conjunction(word)
    return tuple(forms)


# Finding a folded word in raw text -----------------------------------------------------------

# The characters archive text is made of (Arabic, Persian and Latin letters,
# digits, marks, format characters, presentation forms), grouped by what they
# fold to: enough to find a folded word in raw text with one regular
# expression, without folding the text first.
_SCANNED = [
    *range(0x20, 0x250), *range(0x600, 0x700), *range(0x750, 0x780), *range(0x8A0, 0x900),
    *range(0x2000, 0x2070), *range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00),
]


@functools.lru_cache(maxsize=1)
def _inverse_fold() -> tuple[dict[str, str], str, re.Pattern]:
    sources: dict[str, list[str]] = {}
    vanishing = []
    known = []
    for codepoint in _SCANNED:
        char = chr(codepoint)
        folded = _fold_char(char).casefold()
        if folded == "":
            vanishing.append(char)
        elif len(folded) == 1:
            sources.setdefault(folded, []).append(char)
        else:
            continue  # a ligature: texts holding one are folded the slow way
        known.append(char)
    classes = {target: _class_body(set(chars) | {target}) for target, chars in sources.items()}
    ignorable = _class_body(vanishing)
    other = re.compile("[^" + re.escape("".join(known)) + r"\s]")
    return classes, ignorable, other


def _class_body(chars) -> str:
    """The inside of a character class holding these characters, runs of
    neighbouring code points written as ranges: a letter's presentation
    forms come four in a row, and a query's pattern compiled in a quarter
    of the time it took with every character spelled out."""
    codepoints = sorted(set(map(ord, chars)))
    parts = []
    start = 0
    while start < len(codepoints):
        end = start
        while end + 1 < len(codepoints) and codepoints[end + 1] == codepoints[end] + 1:
            end += 1
        first, last = re.escape(chr(codepoints[start])), re.escape(chr(codepoints[end]))
        parts.append(first if end == start else f"{first}{last}" if end == start + 1 else f"{first}-{last}")
        start = end + 1
    return "".join(parts)


@functools.lru_cache(maxsize=4096)
def raw_pattern(word: str) -> re.Pattern:
    """A pattern that finds, in raw text, every stretch whose fold contains
    this folded word: each letter as any character that folds to it, marks
    and tatweel allowed between letters."""
    classes, ignorable, _ = _inverse_fold()
    gap = f"[{ignorable}]*" if ignorable else ""
    parts = [f"[{classes.get(letter) or re.escape(letter)}]" for letter in word]
    return re.compile(gap.join(parts))


@functools.lru_cache(maxsize=1024)
def raw_pattern_any(words: frozenset[str]) -> re.Pattern:
    """raw_pattern of any of these words, one pattern: scanning a body
    once for the first of them, instead of finding every occurrence of
    each (a snippet needs only the first that is a whole matching word).
    The snippet passes the fewest words that do it (archive.search's
    _needles: none holding another), so the pattern compiles in half the
    time."""
    return re.compile("|".join(raw_pattern(word).pattern for word in sorted(words, key=lambda w: (-len(w), w))))


def foldable_by_pattern(text: str) -> bool:
    """Whether raw_pattern finds everything in this text: no character in it
    folds in a way the patterns do not know (ligatures, unusual scripts)."""
    return _inverse_fold()[2].search(text) is None
