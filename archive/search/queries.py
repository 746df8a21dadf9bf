"""What a researcher types, turned into a query over the index that
archive.search.indexing builds.

The query syntax is the web's: words (all must match), "exact phrase" (also
in «» or “”), OR between words, -word to exclude. It is parsed here, not by
PostgreSQL, so every word goes through the same normalization and clitic
expansion as the index (archive.text), and whatever else is typed (SQL,
tsquery operators, markup) is just text. The tsquery is built from
normalized words only, quoted, and sent as a parameter.

A word also matches the other spellings the archive knows for a name:
spellings on record for the same person (aliases), and name words whose
transliteration skeleton is the same (بلنكن finds بلينكن). Snippets are cut
and highlighted in Python from the same normalization (archive.search.snippets).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connections, router, transaction

from archive import text, versions
from archive.search.indexing import STRIPPED, pair_lexemes
from archive.importing import names
from archive.models import Article, Person, PersonAlias


_QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”", "„": "“"}
_OR_WORDS = {"or", "أو", "او"}
_RESOLUTION_SYMBOL = re.compile(r"(?i)-?s/res/(?P<number>\d{1,4})(?:\(\d{4}\))?")


@dataclass(frozen=True)
class Term:
    """One word of a query, with every form that may match it."""

    word: str
    forms: tuple[str, ...]


@dataclass
class Query:
    """A parsed query: groups of alternatives (all groups must match),
    phrases, and excluded terms."""

    text: str
    groups: list[list[Term | tuple[Term, ...]]] = field(default_factory=list)  # OR inside, AND between
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded

    def highlight_forms(self) -> frozenset[str]:
        forms = set()
        for group in self.groups:
            for item in group:
                for term in item if isinstance(item, tuple) else (item,):
                    forms.update(term.forms)
        return frozenset(forms)

    def tsquery(self, positive_only: bool = False, positional: bool = False) -> str:
        """The query in PostgreSQL's tsquery syntax; without its excluded
        words if asked (archive.search.engine takes them away itself). Phrases
        are looked up by their word pairs (archive.search.indexing's PAIR
        lexemes), position by position only where that is not exact;
        `positional` keeps them position by position, which ranking needs
        (pair lexemes carry no positions or weights)."""
        parts = []
        for group in self.groups:
            alternatives = [
                _phrase(item, positional) if isinstance(item, tuple) else _alternatives(item) for item in group
            ]
            parts.append("(" + " | ".join(alternatives) + ")" if len(alternatives) > 1 else alternatives[0])
        if not positive_only:
            parts += ["!" + _alternatives(term) for term in self.excluded]
        return " & ".join(parts)


def _alternatives(term: Term) -> str:
    # Each form as written, or as what is left of a longer word once its
    # clitics are taken off (archive.search.indexing marks those).
    return "(" + " | ".join(f"{_quote(form)} | {_quote(STRIPPED + form)}" for form in term.forms) + ")"


# A pair of words with more spellings between them than this is checked by
# position: each spelling is one more index lookup.
MAX_PAIR_LEXEMES = 64


def _phrase(terms: tuple[Term, ...], positional: bool = False) -> str:
    by_position = "(" + " <-> ".join(_alternatives(term) for term in terms) + ")"
    if positional or len(terms) < 2:
        return by_position
    pairs = [pair_lexemes(a.forms, b.forms) for a, b in zip(terms, terms[1:])]
    lookups = ["(" + " | ".join(_quote(lexeme) for lexeme in pair) + ")" for pair in pairs if len(pair) <= MAX_PAIR_LEXEMES]
    if not lookups:
        return by_position
    if len(lookups) == len(pairs) == 1:
        # Two words: the pair lexeme is the phrase (up to clitics, as each
        # word's own lookup is).
        return lookups[0]
    # Longer: an article may hold every pair but not in one run, so the
    # positions are still checked, but only in articles holding every pair.
    return "(" + " & ".join([*lookups, by_position]) + ")"


def _quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def parse(raw: str, variants: bool = True) -> Query:
    """The query a researcher typed, read the way search engines read it."""
    query = Query(raw)
    known = name_words() if variants and text.words(raw) else None  # read once for all words
    pending_or = False
    for token, kind in tokens(raw):
        if kind == "or":
            pending_or = bool(query.groups)
            continue
        if kind == "phrase":
            terms = tuple(_term(word) for word in text.words(token))
            if not terms:
                continue
            item: Term | tuple[Term, ...] = terms if len(terms) > 1 else terms[0]
        else:
            excluded = token.startswith("-") and len(token) > 1
            words = text.words(token[1:] if excluded else token)
            if not words:
                continue
            if excluded:
                query.excluded += [_term(word) for word in words]
                pending_or = False
                continue
            # "بلينكن-كيري" or "S/RES/2254": one typed token, several words,
            # all of which must be there, next to each other.
            terms = tuple(_term(word, known) for word in words)
            item = terms[0] if len(terms) == 1 else terms
        if pending_or and query.groups:
            query.groups[-1].append(item)
        else:
            query.groups.append([item])
        pending_or = False
    return query


def tokens(raw: str) -> Iterable[tuple[str, str]]:
    """The query as the researcher typed it, in (token, kind) pairs: a
    quoted phrase, OR, an excluded word, a word. The peer translates the
    same syntax for its engine (archive.devtools.peers)."""
    i = 0
    while i < len(raw):
        char = raw[i]
        if char.isspace():
            i += 1
            continue
        if char in _QUOTE_PAIRS:
            end = raw.find(_QUOTE_PAIRS[char], i + 1)
            end = len(raw) if end < 0 else end
            yield raw[i + 1 : end], "phrase"
            i = end + 1
            continue
        j = i
        while j < len(raw) and not raw[j].isspace() and raw[j] not in _QUOTE_PAIRS:
            j += 1
        token = raw[i:j]
        resolution = _RESOLUTION_SYMBOL.fullmatch(token)
        if resolution:
            token = resolution["number"]  # "S/RES/2254 (2015)" is resolution 2254
        yield token, "or" if token.casefold() in _OR_WORDS else "word"
        i = j


def _term(word: str, known: NameWords | None = None) -> Term:
    """A word and its forms; with the archive's name words, also the forms
    of the other spellings of a name."""
    forms = list(text.word_forms(word))
    if known is not None:
        for spelling in name_variants(word, known):
            for form in text.word_forms(spelling):
                if form not in forms:
                    forms.append(form)
    return Term(word, tuple(forms))


# Names -----------------------------------------------------------------------


@dataclass(frozen=True)
class NameWords:
    """Every word of every spelling of the archive's people, grouped by
    person, and by transliteration skeleton."""

    by_word: dict[str, frozenset[str]]  # a name word → the words of the same person's other spellings
    by_skeleton: dict[str, frozenset[str]]  # skeleton → name words
    canonical: frozenset[str]  # words of the names people are filed under (not aliases)
    # Latin queries: a word of a person's English name or Latin alias → the
    # words in the same place of their Arabic spellings; and the Arabic name
    # words by the skeleton a Latin spelling would give them.
    by_latin: dict[str, frozenset[str]] = field(default_factory=dict)
    by_cross_skeleton: dict[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _name_words(version: tuple[int, ...]) -> NameWords:
    spellings: dict[int, list[str]] = {}
    canonical: set[str] = set()
    for person_id, name, name_en in Person.objects.values_list("pk", "name", "name_en"):
        spellings.setdefault(person_id, []).append(name)
        if name_en:
            spellings[person_id].append(name_en)
        canonical.update(names.name_words(name))
    for person_id, name in PersonAlias.objects.values_list("person_id", "name"):
        spellings.setdefault(person_id, []).append(name)
    by_word: dict[str, set[str]] = {}
    by_skeleton: dict[str, set[str]] = {}
    by_latin: dict[str, set[str]] = {}
    by_cross: dict[str, set[str]] = {}
    for person_spellings in spellings.values():
        spelled = [words for words in map(names.name_words, person_spellings) if words]
        _add_spellings([words for words in spelled if not all(map(_is_latin, words))], by_word, by_skeleton)
        _add_latin(spelled, by_latin, by_cross)
    return NameWords(
        {k: frozenset(v) for k, v in by_word.items()},
        {k: frozenset(v) for k, v in by_skeleton.items()},
        frozenset(canonical),
        {k: frozenset(v) for k, v in by_latin.items()},
        {k: frozenset(v) for k, v in by_cross.items()},
    )


def _add_spellings(spelled: list[list[str]], by_word: dict[str, set[str]], by_skeleton: dict[str, set[str]]) -> None:
    """One person's Arabic spellings, as name words. The same position in
    each spelling: surnames go with surnames, and given names with given
    names that sound alike (مايك, مايكل). The articles' index holds a
    person's name as filed and as each article writes it, not their aliases
    (archive.search.indexing.entities_of), so this is how a search for
    another spelling finds all of them."""
    surnames = {words[-1] for words in spelled}
    for word in surnames:
        by_word.setdefault(word, set()).update(surnames - {word})
    given = {words[0] for words in spelled if len(words) > 1}
    for word in given:
        alike = {other for other in given if other != word and _alike(word, other)}
        if alike:
            by_word.setdefault(word, set()).update(alike)
    for words in spelled:
        for word in words:
            by_skeleton.setdefault(names.skeleton_word(word), set()).add(word)


def _is_latin(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _add_latin(spelled: list[list[str]], by_latin: dict[str, set[str]], by_cross: dict[str, set[str]]) -> None:
    """One person's spellings, as name words: each Latin surname and given
    name leads to the Arabic ones in its place; each Arabic name word is
    filed under its cross-script skeleton."""
    arabic = [words for words in spelled if not all(map(_is_latin, words))]
    latin = [names.latin_name_words(" ".join(words)) for words in spelled if all(map(_is_latin, words))]
    latin = [words for words in latin if words]
    for words in latin:
        by_latin.setdefault(words[-1], set()).update(w[-1] for w in arabic)
        if len(words) > 1:
            by_latin.setdefault(words[0], set()).update(w[0] for w in arabic if len(w) > 1)
    for words in arabic:
        for word in words:
            # ألباريس is Albares, الجعفري al-Jaafari: a leading ال is filed
            # both ways, letters and article.
            for skeleton in {names.cross_skeleton(word), names.cross_skeleton(word, article=False)}:
                if len(skeleton) >= names.MIN_CROSS_SKELETON:
                    by_cross.setdefault(skeleton, set()).add(word)


def _alike(a: str, b: str) -> bool:
    """Two given names that are one name spelled twice: one is the other
    cut short (مايك, مايكل), or they sound the same but for a letter.
    Given names that merely share a person (عبد, الملك) are not."""
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return names.edit_distance(names.skeleton_word(a), names.skeleton_word(b)) <= 1


def name_words() -> NameWords:
    """Cached until a person or an alias changes (the people's version,
    archive.versions)."""
    alias = router.db_for_read(Person)
    return _name_words((alias, versions.current(alias).people))


def name_variants(word: str, known: NameWords | None = None) -> set[str]:
    """Other spellings of a name word the archive knows: the same person's
    other spellings, and name words with the same transliteration skeleton
    (five letters at least: short Arabic names that differ by a vowel are
    different names)."""
    if len(word) >= 4 and _is_latin(word):
        return latin_variants(word, known or name_words())
    if len(word) < 4 or not re.search("[\u0600-\u06ff]", word):
        return set()
    known = known or name_words()
    found = set(known.by_word.get(word, ()))
    if len(word) >= 5:
        found |= {w for w in known.by_skeleton.get(names.skeleton_word(word), ()) if w != word}
    return found


def latin_variants(word: str, known: NameWords) -> set[str]:
    """The Arabic name words a Latin word stands for: those of the people
    whose English name has it, and those its skeleton sounds like
    ("tillerson" → تيلرسون, curated or not)."""
    found = set(known.by_latin.get(word, ()))
    skeleton = names.latin_skeleton(word)
    if len(skeleton) >= names.MIN_CROSS_SKELETON:
        found |= known.by_cross_skeleton.get(skeleton, set())
    return found


# How many of a query's words "did you mean" corrects: names are a few words.
DID_YOU_MEAN_WORDS = 6


def did_you_mean(query: Query) -> str | None:
    """The query with each word the archive spells otherwise replaced by the
    archive's spelling, when that changes anything. A word the articles
    use is never replaced: "الكويت" is a word of the archive, not a
    misspelling of "كيري", whatever their skeletons share."""
    known = name_words()
    replaced = []
    changed = False
    for index, word in enumerate(text.words(query.text)):
        # Each unknown word is compared with every name word: a long query
        # of made-up words would take seconds, outside any statement timeout.
        if word in known.by_word or len(word) < 5 or index >= DID_YOU_MEAN_WORDS or _in_articles(word):
            replaced.append(word)
            continue
        candidates = known.by_skeleton.get(names.skeleton_word(word), frozenset()) - {word}
        if not candidates:
            candidates = frozenset(_near_words(word, known)) or frozenset(_trigram_words(word))
        if candidates:
            # The spelling the person is filed under, before any alias.
            replaced.append(sorted(candidates, key=lambda w: (w not in known.canonical, w))[0])
            changed = True
        else:
            replaced.append(word)
    return " ".join(replaced) if changed else None


# Trigram similarity (pg_trgm) below this is noise for names this short.
TRIGRAM_THRESHOLD = 0.5


def _trigram_words(word: str) -> Iterable[str]:
    """Name words that share most of their trigrams with the word: the last
    resort, for misspellings the skeleton does not bring together."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    seen: set[str] = set()
    for model in (Person, PersonAlias):
        names_found = (
            model.objects.annotate(similarity=TrigramWordSimilarity(word, "key"))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .order_by("-similarity")
            .values_list("key", flat=True)[:5]
        )
        for name in names_found:
            best = max(names.name_words(name), key=lambda w: _trigram_overlap(w, word), default=None)
            if best and best != word and best not in seen:
                seen.add(best)  # a name and its alias often share the word
                yield best


def _trigram_overlap(a: str, b: str) -> int:
    def grams(word: str) -> set[str]:
        padded = f"  {word} "
        return {padded[i : i + 3] for i in range(len(padded) - 2)}

    return len(grams(a) & grams(b))


def _near_words(word: str, known: NameWords) -> Iterable[str]:
    skeleton = names.skeleton_word(word)
    for other, group in known.by_skeleton.items():
        if abs(len(other) - len(skeleton)) <= 1 and names.edit_distance(other, skeleton) == 1:
            yield from group


# Keeping stripped forms honest ---------------------------------------------------


def prune(query: Query) -> Query:
    """Drop the forms a query word would lose a clitic to, unless the archive
    uses that form as a word of its own: "والعراق" keeps "العراق" (a word in
    many articles), "وزير" drops "زير" (found only inside وزير and الزير,
    which would make a search for ministers find a television series). The
    typed word and the name spellings always stay. One indexed lookup per
    form, remembered until the articles change."""
    cache = _surface_words()

    def keep(term: Term, known_names: set[str]) -> Term:
        forms = [term.forms[0]]
        for form in term.forms[1:]:
            if form in known_names or form in text.word_forms(term.word)[:1]:
                forms.append(form)
                continue
            if _used_as_word(form, cache):
                forms.append(form)
        return Term(term.word, tuple(forms))

    known = name_words() if query.groups else None

    def variants(term: Term) -> set[str]:
        found = set()
        for spelling in name_variants(term.word, known):
            found.update(text.word_forms(spelling))
        return found

    pruned = Query(query.text, excluded=query.excluded)
    for group in query.groups:
        new_group: list[Term | tuple[Term, ...]] = []
        for item in group:
            if isinstance(item, tuple):
                new_group.append(tuple(keep(term, set()) for term in item))
            else:
                new_group.append(keep(item, variants(item)))
        pruned.groups.append(new_group)
    return pruned


_SURFACE: dict[tuple[str, int], dict[str, bool]] = {}


def _surface_words() -> dict[str, bool]:
    """Forms already looked up, for as long as the articles are unchanged
    (the articles' version, archive.versions): a form is a word of its own until
    an article changes."""
    alias = router.db_for_read(Article)
    key = (alias, versions.version(alias))
    if key not in _SURFACE:
        _SURFACE.clear()
        _SURFACE[key] = {}
    return _SURFACE[key]


def _in_articles(word: str) -> bool:
    """Whether some article uses this word as written."""
    return _used_as_word(text.word_forms(word)[0], _surface_words())


def _used_as_word(form: str, cache: dict[str, bool]) -> bool:
    """One indexed lookup per form, remembered until the articles change."""
    if form not in cache:
        cache[form] = _is_surface_word(form)
    return cache[form]


def _is_surface_word(form: str) -> bool:
    """Whether some article has this word as written, not only as what is
    left of a longer word: the unmarked lexeme, looked up in the GIN index
    (for a word that is nowhere, a scan would read every vector)."""
    with connections[router.db_for_read(Article)].cursor() as cursor:
        # archive_any_match (migration 0016) rules out the scan.
        cursor.execute("SELECT archive_any_match(%s::tsquery)", [_quote(form)])
        return cursor.fetchone()[0]


def record_zero_result(raw: str) -> None:
    """Count a search that found nothing, by its normalized text only."""
    from archive.models import ZeroResultQuery

    query = text.key(raw)[:300]
    if not query:
        return
    table = ZeroResultQuery._meta.db_table
    alias = router.db_for_write(ZeroResultQuery)
    # One statement, whoever counted the query first; and not waited for on
    # disk (synchronous_commit off for this transaction only): a count lost
    # to a crash is harmless, and the flush was most of a search page that
    # found nothing.
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            f"INSERT INTO {table} (query, count, first_seen, last_seen) VALUES (%s, 1, now(), now())"
            f" ON CONFLICT (query) DO UPDATE SET count = {table}.count + 1, last_seen = now()",
            [query],
        )
