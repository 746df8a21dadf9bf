"""When two spellings of a person's name are one person.

Arabic press transliterates foreign names freely: بلينكن / بلنكن (a long
vowel dropped), ويليامز / ويلميس (Wilmès: vowels moved, s heard as z),
مايك / مايكل بومبيو (a short and a long first name), دي مايو / دى مايو,
آشتون / اشتون. Normalization (archive.text.key) already joins hamza and
alef maqsura spellings; the skeleton below also drops the long vowels and
folds the consonants transliteration confuses, so the spellings of one name
share a skeleton while different names keep different ones.

Pure functions, no Django: the pipeline feeds them the archive's people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from archive import text

# Letters that stand for the same foreign sound in different transliterations.
_SOUND_CLASSES = str.maketrans(
    {
        "ز": "س", "ص": "س", "ث": "س",  # s / z / th
        "ط": "ت",
        "ض": "د", "ذ": "د", "ظ": "د",
        "ق": "ك",  # k / q
        "غ": "ج",  # g is written ج, غ or ق
        "ء": "",
    }
)
_VOWELS = frozenset("اويى")
# Below this many letters a name word is not compared by skeleton: حسن and
# حسين are two Arabic names. A known person from a country whose names are
# not Arabic is compared from four letters: "مارك اسبير" is "مارك إسبر".
_MIN_TRANSLITERATED = 5
_MIN_FOREIGN = 4
# The Arab League's members (ISO codes): their people's names are Arabic
# names, never transliterations.
ARABIC_NAMED = frozenset({
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY",
    "TN", "AE", "YE",
})
# Particles inside names: they are written, dropped or glued at will.
_PARTICLES = frozenset(text.key(word) for word in ("بن", "ابن", "آل", "دي", "دى", "دو", "دا", "فون", "فان", "لا", "ال"))


@lru_cache(maxsize=65536)
def skeleton_word(word: str, article: bool = True) -> str:
    """A word's consonants as transliteration hears them: the first letter
    kept, later long vowels and a final ه dropped, doubled letters single;
    a leading "ال" dropped as the article unless article=False."""
    word = text.key(word).replace(" ", "")
    if article and word.startswith("ال") and len(word) > 4:
        word = word[2:]
    if not word:
        return ""
    word = word.translate(_SOUND_CLASSES)
    # "Mc" before a g: ماكغورك, ماكجورك and ماكورك are one McGurk.
    word = word.replace("كج", "ك")
    if len(word) > 2 and word.endswith("ه"):
        word = word[:-1]
    letters = [word[0]] + [char for char in word[1:] if char not in _VOWELS]
    collapsed = [char for index, char in enumerate(letters) if index == 0 or char != letters[index - 1]]
    return "".join(collapsed)


# Across scripts ------------------------------------------------------------------------
#
# A Latin query ("Tillerson") finds an Arabic name (تيلرسون) that nobody
# gave an English name: both sides become one skeleton. The Latin word is
# written in the letters the Arabic press uses for each sound (the table,
# longest spelling first), then both go through skeleton_word; what the
# Latin alphabet does not write (ع, ء) is dropped, and ح is heard as h.

_LATIN_LETTERS: tuple[tuple[str, str], ...] = (
    ("john", "جون"), ("sch", "ش"), ("kh", "خ"), ("gh", "غ"), ("sh", "ش"), ("ch", "ش"), ("th", "ث"), ("dh", "ذ"), ("ph", "ف"),
    ("ck", "ك"), ("ou", "و"), ("oo", "و"), ("ee", "ي"),
    ("a", "ا"), ("e", "ا"), ("i", "ي"), ("o", "و"), ("u", "و"), ("y", "ي"), ("w", "و"),
    ("b", "ب"), ("p", "ب"), ("t", "ت"), ("j", "ج"), ("g", "ج"), ("h", "ه"), ("d", "د"), ("r", "ر"), ("z", "ز"),
    ("s", "س"), ("c", "ك"), ("k", "ك"), ("q", "ق"), ("f", "ف"), ("v", "ف"), ("l", "ل"), ("m", "م"), ("n", "ن"),
    ("x", "كس"),
)
_LATIN_PATTERN = re.compile("|".join(latin for latin, _ in _LATIN_LETTERS))
_LATIN_SOUNDS = dict(_LATIN_LETTERS)
_UNWRITTEN_IN_LATIN = str.maketrans({"ع": "", "ء": "", "ح": "ه"})
_LATIN_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# "al-Jaafari", "el Sisi": the article, apart from the name (Allen keeps its al).
_LATIN_ARTICLE = re.compile(r"^(?:al|el) (?=[a-z])")
# Below this many consonants a skeleton matches too much ("كر": Kerry, Karim…).
MIN_CROSS_SKELETON = 3


def cross_skeleton(word: str, article: bool = True) -> str:
    """An Arabic name word's skeleton as a Latin spelling would give it;
    article=False for a word whose "ال" is letters (Allen, اللن)."""
    word = text.key(word).replace(" ", "")
    if article and word.startswith("ال") and len(word) > 4:
        word = word[2:]
    if word[:1] in ("ع", "ء"):
        word = "ا" + word[1:]  # عبادي / Abadi: the initial ain is a vowel to Latin
    return skeleton_word(word.translate(_UNWRITTEN_IN_LATIN), article=False)


def latin_skeleton(word: str) -> str:
    """A Latin name word's skeleton, comparable with cross_skeleton's; "" for
    a word with letters outside a-z. An initial vowel is written on alef, as
    Arabic writes it (Obama, أوباما)."""
    word = _LATIN_ARTICLE.sub("", text.key(word)).replace(" ", "")
    if not word or not word.isascii() or not word.isalpha():
        return ""
    arabic = _LATIN_PATTERN.sub(lambda m: _LATIN_SOUNDS[m.group(0)], word)
    if word[0] in "aeiou":
        arabic = "ا" + arabic[1:].lstrip("اوي") if len(arabic) > 1 else "ا"
    return cross_skeleton(arabic, article=False)


def latin_name_words(name: str) -> list[str]:
    """The words of a Latin name that identify it: initials ("J.") and
    generational suffixes (Jr, III) left out."""
    return [word for word in name_words(name) if len(word) > 1 and word not in _LATIN_SUFFIXES]


def name_words(name: str) -> list[str]:
    """The words of a name that identify it: particles left out."""
    return list(_name_words(name))


@lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(word for word in text.key(name).split() if word not in _PARTICLES)


def skeleton(name: str) -> str:
    return " ".join(skeleton_word(word) for word in name_words(name))


class Likeness(Enum):
    SAME = "same"  # one person, safe to link
    POSSIBLE = "possible"  # maybe one person: an editor decides
    DIFFERENT = "different"


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings (name skeletons, a few
    letters): the textbook row-by-row table, kept here rather than a
    dependency for words this short; the search's spelling suggestions use
    it too."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _words_same(a: str, b: str, shortest: int = _MIN_TRANSLITERATED) -> bool:
    """Two words of names, as keys: equal, or long enough to be a foreign
    name's transliterations with one skeleton. Short Arabic names that differ
    only by a long vowel are different names (حسن / حسين, محمد / محمود)."""
    return a == b or (min(len(a), len(b)) >= shortest and skeleton_word(a) == skeleton_word(b))


def same_word(written: str, known: str) -> bool:
    """A word of a text and a word of a known foreign name: one word, or
    one transliterated twice ("بلينكين", "بلينكن")."""
    return _words_same(text.key(written), text.key(known), _MIN_FOREIGN)


def _first_names_agree(a: str, b: str, shortest: int = _MIN_TRANSLITERATED) -> bool:
    # Mike / Michael: one first name the short form of the other.
    return _words_same(a, b, shortest) or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)))


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def compare(a: str, b: str, foreign: bool = False) -> Likeness:
    """How likely two written names are one person's, from the names alone;
    `foreign` when the names are known to be transliterated (a known
    person from a country outside ARABIC_NAMED)."""
    if text.key(a) == text.key(b):
        return Likeness.SAME
    words_a, words_b = name_words(a), name_words(b)
    if not words_a or not words_b:
        return Likeness.DIFFERENT
    shortest = _MIN_FOREIGN if foreign else _MIN_TRANSLITERATED
    if len(words_a) == len(words_b) and all(_words_same(x, y, shortest) for x, y in zip(words_a, words_b)):
        return Likeness.SAME
    if _words_same(words_a[-1], words_b[-1], shortest):
        if len(words_a) == 1 or len(words_b) == 1:
            # "بلينكن" alone: the same surname, nothing to contradict it.
            return Likeness.POSSIBLE
        return Likeness.SAME if _first_names_agree(words_a[0], words_b[0], shortest) else Likeness.DIFFERENT
    shorter, longer = sorted((words_a, words_b), key=len)
    if len(shorter) >= 2 and all(_words_same(x, y, shortest) for x, y in zip(shorter, longer)):
        # فيصل بن فرحان / فيصل بن فرحان آل سعود: the longer adds a family name.
        return Likeness.SAME
    if len(shorter) >= 2 and _words_same(shorter[0], longer[0]):
        # "صباح الخالد" for "صباح خالد الحمد الصباح": the short form keeps
        # words of the long one, the article aside.
        rest = {_without_article(word) for word in longer[1:]}
        if all(_without_article(word) in rest for word in shorter[1:]):
            return Likeness.POSSIBLE
    joined_a = "".join(map(skeleton_word, words_a))
    joined_b = "".join(map(skeleton_word, words_b))
    if min(len(joined_a), len(joined_b)) >= 5 and edit_distance(joined_a, joined_b) == 1:
        return Likeness.POSSIBLE
    return Likeness.DIFFERENT


@dataclass(frozen=True)
class Known:
    """A person the archive knows, with every spelling on record."""

    id: int
    names: tuple[str, ...]
    country: str | None = None  # ISO code of the country most mentions give


@dataclass(frozen=True)
class Match:
    person: Known
    likeness: Likeness
    spelling: str  # the archive's spelling that matched


class Directory:
    """The archive's people, indexed by normalized name and surname skeleton."""

    def __init__(self, people: list[Known] | tuple[Known, ...] = ()) -> None:
        self._people: dict[int, Known] = {}
        self._joined: dict[int, set[str]] = {}  # each spelling's skeleton, words joined
        self._by_surname: dict[str, set[int]] = {}
        self._by_key: dict[str, set[int]] = {}
        # Each joined skeleton under itself and under every form of it one
        # letter shorter: two skeletons one edit apart share a key, so near
        # misses are found by lookups, not by a scan of everyone (at 5,000
        # people the scan took most of an import's time).
        self._by_deletion: dict[str, set[int]] = {}
        self._surname_lengths: dict[int, set[int]] = {}
        for person in people:
            self.add(person)

    def add(self, person: Known) -> None:
        """Add a person, or more spellings and a country for a known one."""
        known = self._people.get(person.id)
        if known is not None:
            person = Known(person.id, tuple(dict.fromkeys(known.names + person.names)), person.country or known.country)
        self._people[person.id] = person
        for spelling in person.names:
            words = name_words(spelling)
            joined = "".join(map(skeleton_word, words))
            self._joined.setdefault(person.id, set()).add(joined)
            for variant in _deletions(joined):
                self._by_deletion.setdefault(variant, set()).add(person.id)
            if words:
                self._by_surname.setdefault(skeleton_word(words[-1]), set()).add(person.id)
                self._surname_lengths.setdefault(person.id, set()).add(len(skeleton_word(words[-1])))
            self._by_key.setdefault(text.key(spelling), set()).add(person.id)

    def find(self, name: str, country: str | None = None) -> Match | None:
        """The best match for a name, or None. A known person from another
        country is never the same person."""
        ids = set(self._by_key.get(text.key(name), ()))
        words = name_words(name)
        if words:
            ids |= self._by_surname.get(skeleton_word(words[-1]), set())
            joined = "".join(skeleton_word(word) for word in words)
            if len(joined) >= 5:
                # One letter off: the near misses an editor confirms. A scan,
                # but of surname skeletons, a few thousand at most.
                surname = len(skeleton_word(words[-1]))
                candidates = set().union(*(self._by_deletion.get(v, ()) for v in _deletions(joined)))
                ids |= {
                    i for i in candidates
                    if any(abs(length - surname) <= 1 for length in self._surname_lengths.get(i, ()))
                    and self._near(i, joined)
                }
        best: Match | None = None
        for person_id in sorted(ids):
            person = self._people[person_id]
            if country and person.country and country != person.country:
                continue
            foreign = person.country is not None and person.country not in ARABIC_NAMED
            for spelling in person.names:
                likeness = compare(name, spelling, foreign)
                if likeness is Likeness.DIFFERENT:
                    continue
                if best is None or _rank(likeness) > _rank(best.likeness):
                    best = Match(person, likeness, spelling)
        return best

    def _near(self, person_id: int, joined: str) -> bool:
        return any(_one_edit(candidate, joined) for candidate in self._joined[person_id])


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one letter taken out."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Whether the edit distance of a and b is exactly one."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _rank(likeness: Likeness) -> int:
    return {Likeness.SAME: 2, Likeness.POSSIBLE: 1, Likeness.DIFFERENT: 0}[likeness]
