"""The word lists the people reader decides by, kept as data files.

Each list is a file in data/lexicons/: one entry per line as written
(hamza, alef maqsura and all), "#" starting a comment. Entries are matched
after normalization (archive.text.key), so "الأمن" and "الامن" are one
entry, and writing both is a duplicate, not a second spelling.

Choices:
- Plain text files rather than JSON or a Python module: an editor or a
  linguist can add a word with any text editor and review the change as a
  one-line diff, and a list never hides inside control flow.
- Some lists must never share a word, or a word would both end a name and
  continue it: DISJOINT declares those pairs, and `problems()` (run by the
  tests) names every duplicate and every conflict by file and line.
- Two-column files ("deputies") map a word to what it stands for.

- Tables ("statement_verbs": a lemma and its forms) are one line per
  head: "head = entry | entry | …".

One entry point per shape: words(name), pairs(name), table(name);
problems() for the tests.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from archive import text

# Pairs of lists that must not share an entry, and why.
DISJOINT: tuple[tuple[str, str, str], ...] = (
    ("stops", "name_particles", "a particle continues a name; a stop ends it"),
    ("stops", "names_with_waw", "a name word cannot also end a name"),
    ("stops", "given_names", "a given name cannot also end a name"),
    ("not_names", "given_names", "a given name cannot be a word that is never a name"),
    ("not_names", "name_particles", "a particle cannot be a word that is never a name"),
    ("not_names", "names_with_waw", "a name word cannot be a word that is never a name"),
    ("honorifics", "heads", "an honorific is how a person is addressed, not their office"),
    ("honorifics", "name_particles", "an honorific is never inside a name"),
    ("heads", "given_names", "an office word cannot start a name"),
    ("title_words", "given_names", "a title word cannot start a name"),
    ("chair_breaks", "chair_cues", "a word cannot both begin and end the chairs' list"),
)


class LexiconError(ValueError):
    """A lexicon file is missing or malformed."""


def _lines(name: str) -> list[tuple[int, str]]:
    try:
        raw = resources.files("archive.importing").joinpath("data", "lexicons", f"{name}.txt").read_text("utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"data/lexicons/{name}.txt: no such lexicon") from exc
    found = []
    for number, line in enumerate(raw.splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if entry:
            found.append((number, entry))
    return found


@cache
def words(name: str) -> frozenset[str]:
    """The list's entries in their normalized (key) form."""
    return frozenset(text.key(entry) for _, entry in _lines(name))


@cache
def pairs(name: str) -> dict[str, str]:
    """A two-column list: the first word's key → the second word as written."""
    mapping = {}
    for number, entry in _lines(name):
        parts = entry.split()
        if len(parts) != 2:
            raise LexiconError(f"data/lexicons/{name}.txt, line {number}: two words expected, found «{entry}»")
        mapping[text.key(parts[0])] = parts[1]
    return mapping


@cache
def table(name: str) -> dict[str, str]:
    """A table: each entry's key → the head of its line as written."""
    mapping = {}
    for number, entry in _lines(name):
        head, sep, rest = entry.partition("=")
        entries = [part.strip() for part in rest.split("|") if part.strip()]
        if not sep or not head.strip() or not entries:
            raise LexiconError(f"data/lexicons/{name}.txt, line {number}: «head = entry | …» expected, found «{entry}»")
        for item in entries:
            mapping[text.key(item)] = head.strip()
    return mapping


def _is_table(name: str) -> bool:
    """Whether the list is written as a table ("head = entry | entry"), read off its lines."""
    lines = _lines(name)
    return bool(lines) and all("=" in entry for _, entry in lines)


def _table_entries(name: str) -> list[tuple[int, str]]:
    return [
        (number, item.strip())
        for number, entry in _lines(name)
        for item in entry.partition("=")[2].split("|") if item.strip()
    ]


def names() -> list[str]:
    folder = resources.files("archive.importing").joinpath("data", "lexicons")
    return sorted(entry.name.removesuffix(".txt") for entry in folder.iterdir() if entry.name.endswith(".txt"))


def duplicates(name: str, lines: list[tuple[int, str]]) -> list[str]:
    """The entries of one list that repeat an earlier one, in any spelling."""
    found, seen = [], {}
    for number, entry in lines:
        key = text.key(entry)
        if key in seen:
            found.append(f"data/lexicons/{name}.txt, line {number}: «{entry}» repeats line {seen[key]}")
        seen.setdefault(key, number)
    return found


def problems() -> list[str]:
    """Every duplicate within a list and every conflict between lists that
    DISJOINT keeps apart, each naming the file and line."""
    found = []
    for name in names():
        # A table's duplicates are its entries, not its lines.
        found += duplicates(name, _table_entries(name) if _is_table(name) else _lines(name))
    for first, second, reason in DISJOINT:
        for key in sorted(words(first) & words(second)):
            found.append(f"data/lexicons/{first}.txt and {second}.txt both hold «{key}»: {reason}")
    return found
