"""Countries named in an article: the gazetteer and a matcher over it.

Pure Python, no Django: the import pipeline and the tests use it as is, and
the editors' own spellings (CountryAlias rows) come in as plain pairs.

Matching works on the folded form of the text (archive.text's folding, one
character at a time) and reports offsets in the original text, so the review
page can highlight exactly what the press wrote: "وبلجيكا" yields "بلجيكا",
"سوریا" with a Persian yeh yields SY, "سورياوالعراق" yields two countries.
English names are for lookup() only: Latin words in an Arabic article are
URLs and agency names far more often than countries.

Ambiguity decisions, made once here rather than guessed per article:

- Bare "عمان" is Amman, Jordan's capital, far more often than Oman in this
  archive's sources; Oman is matched as "سلطنة عمان" or through its
  adjective (العماني، العمانية).
- "مالي" is also the adjective "financial" (دعم مالي) and "بنين" also means
  "sons" (مدارس بنين): they count as countries only after a word that cannot
  take an adjective (في مالي، شمال مالي، حكومة مالي) or inside a list of
  countries (النيجر ومالي وبوركينا فاسو). Mali's adjectives are left out of
  the gazetteer altogether (المالية is "the financial").
- Bare "الكونغو" and "كوريا" could be either of two states, so they are not
  in the gazetteer; the full names and "الكونغو الديمقراطية"، "كوريا
  الجنوبية" and the like are.
- A few phrases contain a country's name without naming it (أمريكا
  اللاتينية، المحيط الهندي، ولاية جورجيا): they are read and dropped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from archive import text as arabic

_DATA_PACKAGE = "archive.importing"
_DATA_FILE = "data/countries.json"


@dataclass(frozen=True)
class CountryEntry:
    iso: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()


@cache
def _read_gazetteer() -> tuple[CountryEntry, ...]:
    raw = resources.files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text(encoding="utf-8")
    return tuple(
        CountryEntry(
            iso=item["iso"],
            name=item["name"],
            name_en=item["name_en"],
            aliases=tuple(item.get("aliases", ())),
            adjectives=tuple(item.get("adjectives", ())),
        )
        for item in json.loads(raw)
    )


def load_gazetteer() -> list[CountryEntry]:
    """Every UN member state, Palestine, the Holy See and Kosovo, by ISO code."""
    # A new list each time: the cached entries are shared and must not change.
    return list(_read_gazetteer())


@dataclass(frozen=True)
class FoundCountry:
    iso: str
    start: int
    end: int
    surface: str
    via: str  # "name" | "alias" | "adjective"


@dataclass(frozen=True)
class _Ambiguity:
    # Words that, right before the form, leave only the country reading.
    after: frozenset[str]
    # Whether standing in a list of countries ("X وY") settles it.
    in_lists: bool


def _keys(*words: str) -> frozenset[str]:
    return frozenset(arabic.key(word) for word in words)


# "مالي" (financial) and "بنين" (sons) cannot follow a preposition, a compass
# point or a feminine or plural noun: after these words they are the country.
_AFTER_PREPOSITIONS_AND_PLACES = _keys(
    "في", "إلى", "شمال", "جنوب", "وسط", "شرق", "غرب", "دولة", "حكومة", "عاصمة", "سلطات", "حدود"
)
_AMBIGUOUS: dict[str, _Ambiguity] = {
    arabic.key("عمان"): _Ambiguity(after=frozenset(), in_lists=False),
    arabic.key("مالي"): _Ambiguity(after=_AFTER_PREPOSITIONS_AND_PLACES, in_lists=True),
    arabic.key("بنين"): _Ambiguity(after=_AFTER_PREPOSITIONS_AND_PLACES, in_lists=True),
}

# Phrases that contain a country's name or adjective but name no country.
_NOT_COUNTRIES = (
    "أمريكا اللاتينية", "أميركا اللاتينية", "أمريكا الجنوبية", "أميركا الجنوبية",
    "أمريكا الشمالية", "أميركا الشمالية", "أمريكا الوسطى", "أميركا الوسطى",
    "المحيط الهندي", "الهند الصينية", "الهنود الحمر",
    "المغرب العربي", "صلاة المغرب",
    "نهر الأردن",
    "ولاية جورجيا",
    # The Republic of China is Taiwan, which the gazetteer does not list;
    # "جمهورية الصين الشعبية" is longer and still matches.
    "جمهورية الصين",
)

# Clitics that attach to the front of a word: conjunctions و ف, prepositions
# ب ل ك, and a conjunction followed by a preposition.
_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_MIN_STEM = 2

_WORD = re.compile(r"\w+")
# What stands between two list items once words are gone: a comma, or the
# "و" of a glued pair (النيجرومالي).
_LIST_JOINS = frozenset("،,و")


def _fold(text: str) -> tuple[str, Sequence[int]]:
    """archive.text.fold_with_origin, then case folded: names match in any
    case. str.casefold works char by char; when it lengthens one (ß → ss),
    the offset map is rebuilt so both chars point at the original one."""
    folded, origin = arabic.fold_with_origin(text)
    lowered = folded.casefold()
    if len(lowered) == len(folded):
        return lowered, origin
    expanded: list[int] = []
    for char, index in zip(folded, origin):
        expanded.extend([index] * len(char.casefold()))
    return lowered, expanded


@lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[tuple[str, int], ...]:
    """The word as written, then without each clitic it may carry, each with
    the number of folded chars the clitic takes up."""
    readings = [(word, 0)]
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= _MIN_STEM:
            readings.append((word[len(clitic) :], len(clitic)))
    # ل before the article drops its alef: ل + العراق is written للعراق. The
    # name starts at the article's lam.
    for conjunction in ("", "و", "ف"):
        fused = conjunction + "لل"
        if word.startswith(fused) and len(word) - len(fused) >= _MIN_STEM:
            readings.append(("ال" + word[len(fused) :], len(conjunction) + 1))
    return tuple(readings)


class _Target(NamedTuple):
    iso: str | None  # None: a phrase that names no country
    via: str
    ambiguity: _Ambiguity | None = None


class _Token(NamedTuple):
    word: str
    start: int  # offsets in the folded text
    end: int
    joined: bool  # only white space since the previous token: may continue a name


class _Hit(NamedTuple):
    target: _Target
    first: int  # token indexes
    last: int
    clitic: int  # folded chars of clitic before the name in the first token


class CountryMatcher:
    """Finds the countries an Arabic text names, by name, alias or adjective.

    One dictionary from folded token sequences to countries serves every
    entry; a text is read token by token, trying the longest sequence first.
    """

    def __init__(self, entries: Iterable[CountryEntry], extra_aliases: Iterable[tuple[str, str]] = ()) -> None:
        self._targets: dict[tuple[str, ...], _Target] = {}
        self._english: dict[str, str] = {}
        for phrase in _NOT_COUNTRIES:
            self._add(phrase, _Target(None, ""))
        for entry in entries:
            # Later forms win: an entry's name over its alias over its adjective.
            for via, forms in (("adjective", entry.adjectives), ("alias", entry.aliases), ("name", (entry.name,))):
                for form in forms:
                    self._add(form, _Target(entry.iso, via, _AMBIGUOUS.get(arabic.key(form))))
            self._english[_latin_key(entry.name_en)] = entry.iso
        # An editor's alias is a deliberate decision: it overrides the
        # gazetteer and needs no confirming context.
        for iso, spelling in extra_aliases:
            self._add(spelling, _Target(iso, "alias"))

        forms = list(self._targets)
        self._first = frozenset(form[0] for form in forms)
        self._last = frozenset(form[-1] for form in self._country_forms())
        self._vocabulary = frozenset(word for form in forms for word in form)
        self._longest = max((len(form) for form in forms), default=1)
        # An article repeats its words; each distinct word is analysed once.
        self._pieces = lru_cache(maxsize=65536)(self._split_word)
        self._starts = lru_cache(maxsize=65536)(self._starting_readings)

    def _add(self, form: str, target: _Target) -> None:
        words = tuple(arabic.key(form).split())
        if words:
            self._targets[words] = target

    def _country_forms(self) -> list[tuple[str, ...]]:
        return [form for form, target in self._targets.items() if target.iso is not None]

    def lookup(self, name: str) -> str | None:
        """The ISO code for one name, alias or adjective (Arabic, in any of
        the spellings the folding joins), or an English short name."""
        target = self._targets.get(tuple(arabic.key(name).split()))
        if target is not None and target.iso is not None:
            return target.iso
        return self._english.get(_latin_key(name))

    def find(self, text: str) -> list[FoundCountry]:
        """Every mention, in order, none overlapping, the longest name winning."""
        folded, origin = _fold(text)
        tokens = self._tokenize(folded)
        hits = self._settle(self._scan(tokens), tokens, folded)
        return [self._found(hit, tokens, text, origin) for hit in hits]

    def _tokenize(self, folded: str) -> list[_Token]:
        tokens: list[_Token] = []
        previous_end = 0
        for match in _WORD.finditer(folded):
            word, start = match.group(), match.start()
            joined = bool(tokens) and folded[previous_end:start].isspace()
            previous_end = match.end()
            pieces = self._pieces(word)
            if pieces is None:
                tokens.append(_Token(word, start, match.end(), joined))
                continue
            for number, (piece_start, piece_end) in enumerate(pieces):
                tokens.append(
                    _Token(word[piece_start:piece_end], start + piece_start, start + piece_end, joined and number == 0)
                )
        return tokens

    def _split_word(self, word: str) -> list[tuple[int, int]] | None:
        if any(reading in self._vocabulary for reading, _ in _readings(word)):
            return None
        return self._unglue(word)

    def _starting_readings(self, word: str) -> tuple[tuple[str, int], ...]:
        return tuple((reading, clitic) for reading, clitic in _readings(word) if reading in self._first)

    def _unglue(self, word: str) -> list[tuple[int, int]] | None:
        """Split a word at "و" where press copy lost the space before it
        ("سورياوالعراق"): only when the part before ends a country's name and
        the part after begins one, so ordinary words stay whole."""
        stop = len(word) - _MIN_STEM
        cut = word.find("و", _MIN_STEM, stop)
        while cut != -1:
            if self._ends_name(word[:cut]):
                rest = word[cut + 1 :]
                if any(reading in self._first for reading, _ in _readings(rest)):
                    return [(0, cut), (cut + 1, len(word))]
                pieces = self._unglue(rest)
                if pieces is not None:
                    return [(0, cut)] + [(cut + 1 + start, cut + 1 + end) for start, end in pieces]
            cut = word.find("و", cut + 1, stop)
        return None

    def _ends_name(self, part: str) -> bool:
        return any(reading in self._last for reading, _ in _readings(part))

    def _scan(self, tokens: Sequence[_Token]) -> list[_Hit]:
        hits: list[_Hit] = []
        index = 0
        while index < len(tokens):
            hit = self._longest_at(tokens, index)
            if hit is None:
                index += 1
                continue
            if hit.target.iso is not None:
                hits.append(hit)
            index = hit.last + 1
        return hits

    def _longest_at(self, tokens: Sequence[_Token], index: int) -> _Hit | None:
        readings = self._starts(tokens[index].word)
        if not readings:
            return None
        span = 1
        while span < self._longest and index + span < len(tokens) and tokens[index + span].joined:
            span += 1
        for length in range(span, 0, -1):
            rest = tuple(token.word for token in tokens[index + 1 : index + length])
            for reading, clitic in readings:
                target = self._targets.get((reading, *rest))
                if target is not None:
                    return _Hit(target, index, index + length - 1, clitic)
        return None

    def _settle(self, hits: list[_Hit], tokens: Sequence[_Token], folded: str) -> list[_Hit]:
        """Keep an ambiguous form only where its context makes it a country."""
        kept: list[_Hit] = []
        for number, hit in enumerate(hits):
            ambiguity = hit.target.ambiguity
            if ambiguity is None or self._confirmed(hit, ambiguity, hits, number, tokens, folded):
                kept.append(hit)
        return kept

    @staticmethod
    def _confirmed(
        hit: _Hit, ambiguity: _Ambiguity, hits: list[_Hit], number: int, tokens: Sequence[_Token], folded: str
    ) -> bool:
        if hit.first > 0 and hit.clitic == 0:
            before = tokens[hit.first - 1].word
            if before in ambiguity.after or (before[:1] in ("و", "ف") and before[1:] in ambiguity.after):
                return True
        if not ambiguity.in_lists:
            return False
        neighbours = []
        if number > 0 and hits[number - 1].last == hit.first - 1:
            neighbours.append((hits[number - 1], hit))
        if number + 1 < len(hits) and hits[number + 1].first == hit.last + 1:
            neighbours.append((hit, hits[number + 1]))
        for earlier, later in neighbours:
            other = later if earlier is hit else earlier
            # An adjective next to "مالي" is no list: "دعم سعودي ومالي".
            if other.target.ambiguity is not None or other.target.via == "adjective":
                continue
            if _listed(earlier, later, tokens, folded):
                return True
        return False

    @staticmethod
    def _found(hit: _Hit, tokens: Sequence[_Token], text: str, origin: Sequence[int]) -> FoundCountry:
        start = origin[tokens[hit.first].start + hit.clitic]
        end = origin[tokens[hit.last].end - 1] + 1
        # Marks after the last letter (العراقِ) belong to the word.
        while end < len(text) and not arabic.fold_with_origin(text[end])[0]:
            end += 1
        assert hit.target.iso is not None
        return FoundCountry(hit.target.iso, start, end, text[start:end], hit.target.via)


def _listed(earlier: _Hit, later: _Hit, tokens: Sequence[_Token], folded: str) -> bool:
    """Two adjacent mentions joined as list items: by a comma or by "و"."""
    gap = folded[tokens[earlier.last].end : tokens[later.first].start]
    joined_by_and = later.clitic > 0 and tokens[later.first].word.startswith("و")
    return joined_by_and or any(char in _LIST_JOINS for char in gap)


def _latin_key(name: str) -> str:
    """English names compared without case, accents or punctuation:
    "Côte d'Ivoire" and "cote d ivoire" meet."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(_WORD.findall(letters))
