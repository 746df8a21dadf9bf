"""The search index of an article, built in Python and kept current.

PostgreSQL's `arabic` Snowball stemmer over-stems names (وزير → زير,
ويلميس → يلميس), keeps ة and ه apart and leaves وال, فال and a single ل
attached (لداعش). So the index is built here, from archive.text's
normalization, as a tsvector written directly:

- every word at its position, normalized (أحمد = احمد, ة = ه, no tashkeel,
  Latin digits), weighted by where it stands: A title, B the entities
  (people with all their spellings and English names, countries likewise,
  the meeting's place, cited resolution numbers), C the body;
- at the same position, the word's forms without attached clitics
  (والعراق → العراق, عراق), weighted D and marked with a leading "_"
  (STRIPPED), so they are lexemes of their own: a search for العراق
  looks up both 'العراق' and '_العراق' and finds والعراق, an exact
  match still ranks above a form's match, and whether a form is ever
  written as a word of its own is one exact index lookup (archive.search's
  prune), never a recheck of every article's vector;
- one position per word, so "phrases" match across prefixes too;
- every pair of neighbouring words as a lexeme of its own, without
  positions, of the two words' bare forms (bare_form: 'زير خارجيه' for
  «ووزير الخارجية»): a two-word phrase is then one index lookup, and a
  longer one is checked position by position only in the few articles that
  hold all its pairs. A phrase otherwise makes PostgreSQL decompress the
  vector of every article holding both words (seconds at 100,000 articles).

Why one pair of bare forms per neighbour. Pairs of every form of one word
with every form of the other (up to nine a pair) made the search tables 8.9
times the article bodies they index at 100,000 generated articles (issue 24
asks for at most 3). Measured on 400 generated articles (10.4 KB of body
each), the document vector, lz4-compressed: every form's pairs 66.1 KB
(pglz), one pair of bare forms per neighbour 24.0 KB, no pairs at all 13.1
KB. A pair of bare forms finds what every form's pairs found: on the 10,993
words of the repository's real pages, every form of a word has the word's
bare form (17,490 forms checked). Hashing the pairs to short codes saved 3
%: their lexemes are short already. Pairs only between two of the 1,000
commonest words of the dev pages made the tables 2.26 times the bodies at
100,000 articles, but a phrase of other words was checked by position: 0.3
to 0.76 s for «سيادة العراق», «من استخدام», «أربيل وبغداد» (8,000 to 28,000
matches), against 5 ms for a pair, and the search page's p95 went from 55
to 338 ms. Pairing every neighbour keeps every two-word phrase one lookup.

Only the cleaned body is indexed, never the raw file.

The vectors live in a table of their own (archive.models.SearchDocument).
Beside the whole article's, a small vector of the title and the entities
only (the head):
the first pass of ranking a broad query looks there (archive.search), and
it is small enough to be read without decompressing the whole body's. The
second pass ranks at most a hundred articles by their whole vector: with
one pair per neighbour it is less than twice their words alone, so the
separate copy of the words that ranking used to read (a rank vector, 1.5 GB
at 100,000 articles) no longer earns its place.

The index is written in the same transaction as the change
it follows: signals refresh an article when its text or any of its
entities change; bulk work (an import, a merge) defers the refreshes to
the end of its block, still inside the transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

from django.db import connection

from archive import text

# tsvector limits: positions run to 16383, and a lexeme keeps 256 of them.
MAX_POSITION = 16383
MAX_POSITIONS_PER_WORD = 256
# Empty positions between parts, so a phrase never spans title and body.
PART_GAP = 5
# Marks a lexeme as a form with its clitics taken off. Words never hold it
# (archive.text's words are letters and digits).
STRIPPED = "_"
# Joins the two words of a pair lexeme. Words never hold it either.
PAIR = " "


@lru_cache(maxsize=65536)
def bare_form(word: str) -> str:
    """A normalized word with every clitic off: its last form (text.word_forms),
    and that form's last form, until none is left to take off (بلبنان →
    لبنان → بنان). The same for every form of a word, so a pair of bare
    forms matches whatever forms a query writes."""
    while True:
        last = text.word_forms(word)[-1]
        if last == word:
            return word
        word = last


class Vectors(NamedTuple):
    """An article's tsvectors, in PostgreSQL's text form."""

    document: str  # the whole article: its words and their pairs
    head: str  # the title and the entities only


def document(title: str, entities: Iterable[str], body: str) -> str:
    """The tsvector, in PostgreSQL's text form, of an article's parts."""
    return documents(title, entities, body).document


def documents(title: str, entities: Iterable[str], body: str) -> Vectors:
    """The whole article's tsvector and its head's (title and entities)."""
    positions: dict[str, list[str]] = {}
    pairs: dict[str, None] = {}
    position = 0
    head = ""
    for weight, part in (("A", [title]), ("B", list(entities)), ("C", [body])):
        if weight == "C":
            head = _text(positions, pairs)
        for chunk in part:
            previous = ""
            for word in text.words(chunk):
                if position + 1 > MAX_POSITION:
                    # Past the last position every word shares it: no
                    # neighbours any more, for pairs as for PostgreSQL.
                    previous = ""
                position = min(position + 1, MAX_POSITION)
                forms = text.word_forms(word)
                _add(positions, forms[0], position, weight)
                for form in forms[1:]:
                    _add(positions, STRIPPED + form, position, "D")
                bare = bare_form(word)
                if previous:
                    pairs[previous + PAIR + bare] = None
                previous = bare
            position = min(position + PART_GAP, MAX_POSITION)
    return Vectors(_text(positions, pairs), head)


def statement_document(speaker: str, said: str) -> str:
    """A statement's tsvector (archive.models.Statement.search): its words,
    and its speaker as written, as an article's are indexed."""
    return document("", [speaker], said)


def pair_lexemes(first: Iterable[str], second: Iterable[str]) -> list[str]:
    """The pair lexemes that documents() writes for two neighbouring words
    that match these forms of a query's two words."""
    firsts = list(dict.fromkeys(map(bare_form, first)))
    seconds = list(dict.fromkeys(map(bare_form, second)))
    return [a + PAIR + b for a in firsts for b in seconds]


def _text(positions: dict[str, list[str]], pairs: dict[str, None]) -> str:
    words = (f"{_quote(word)}:{','.join(places)}" for word, places in positions.items())
    return " ".join([*words, *(_quote(pair) for pair in pairs)])


def _add(positions: dict[str, list[str]], word: str, position: int, weight: str) -> None:
    places = positions.setdefault(word, [])
    if len(places) < MAX_POSITIONS_PER_WORD:
        places.append(f"{position}{weight}")


def _quote(word: str) -> str:
    # Words are letters and digits only; quoting guards the format anyway.
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def entities_of(names: Iterable[str | None]) -> list[str]:
    """The names an article's facts give it, in order, each once: each
    person as the article writes them, as the archive files them and in
    English; each country with all its names; the meeting's place and
    year, the cited resolution numbers (_ENTITIES_SQL reads them).

    A person's other spellings (aliases) are not written into each of their
    articles: every import that meets a new spelling records one, and
    writing it into every article of a prominent person is hundreds of
    index rows rewritten per file (thousands at a million articles). A
    search finds them at query time instead (archive.search's name_words:
    the same person's other surnames, and names that sound alike)."""
    return [name for name in dict.fromkeys(names) if name]


# Each article's title, body and the names of its facts (entities_of), in
# the order the facts were recorded, in one query: read through the ORM's
# prefetching, the same took five queries and more of an import's time than
# the queries themselves.
_ENTITIES_SQL = """
SELECT a.id, a.title, a.body, ARRAY(
    SELECT entity FROM (
        SELECT 1 AS part, mention.id AS fact, names.place, names.entity
        FROM archive_personmention AS mention
        JOIN archive_person AS person ON person.id = mention.person_id
        CROSS JOIN unnest(ARRAY[mention.name_as_written, person.name, person.name_en]) WITH ORDINALITY AS names (entity, place)
        WHERE mention.article_id = a.id
        UNION ALL
        SELECT 2, mention.id, names.place, names.entity
        FROM archive_countrymention AS mention
        JOIN archive_country AS country ON country.id = mention.country_id
        CROSS JOIN unnest(ARRAY[country.name, country.name_en] || ARRAY(
            SELECT alias.name FROM archive_countryalias AS alias WHERE alias.country_id = country.id ORDER BY alias.id
        )) WITH ORDINALITY AS names (entity, place)
        WHERE mention.article_id = a.id
        UNION ALL
        SELECT 3, 0, 1, meeting.place
        UNION ALL
        -- The meeting's year: «اجتماع الكويت 2018» finds the Kuwait
        -- ministerial's articles that never write the year.
        SELECT 3, 0, 2, to_char(meeting.date, 'YYYY')
        UNION ALL
        SELECT 4, citation.id, 1, resolution.number::text
        FROM archive_citation AS citation
        JOIN archive_resolution AS resolution ON resolution.id = citation.resolution_id
        WHERE citation.article_id = a.id
    ) AS facts
    ORDER BY part, fact, place
)
FROM archive_article AS a
LEFT JOIN archive_meeting AS meeting ON meeting.id = a.meeting_id
WHERE a.id = ANY(%s)
"""


def article_texts(article_ids: Iterable[int]) -> list[tuple[int, str, list[str], str]]:
    """Each of these articles' id, title, entities (entities_of) and body:
    what its index is made of."""
    with connection.cursor() as cursor:
        cursor.execute(_ENTITIES_SQL, [list(article_ids)])
        return [(pk, title, entities_of(names), body) for pk, title, body, names in cursor.fetchall()]


def refresh(article_ids: Iterable[int]) -> None:
    """Rebuild the index of these articles now."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    built = [(pk, documents(title, entities, body)) for pk, title, entities, body in article_texts(ids)]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO archive_searchdocument (article_id, document, head) VALUES (%s, %s::tsvector, %s::tsvector)"
            " ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document, head = EXCLUDED.head"
            # An unchanged index is not written again: a new row version
            # would insert every one of its lexemes into the GIN indexes.
            " WHERE (archive_searchdocument.document, archive_searchdocument.head)"
            " IS DISTINCT FROM (EXCLUDED.document, EXCLUDED.head)",
            [(pk, vectors.document, vectors.head) for pk, vectors in built],
        )
    refresh_facets(ids)


# What the facets count and the filters test, copied onto the article row so
# that counting a facet over a broad query reads one row per article instead
# of joining three mention tables: each facet's column computed from its
# declared source (archive.search.facets: the event date, the meeting's
# format and kind, the sorted ids of the people and countries named and the
# numbers of the resolutions cited); and the lists an export writes
# (archive.public.export.copy_csv).
_EXPORT_COLUMNS = {
    "export_people": "COALESCE(people.everyone, '')",
    "export_chairs": "COALESCE(people.chairs, '')",
    "export_countries": """COALESCE((SELECT string_agg(country.name, ' | ' ORDER BY country.name COLLATE "C")
                  FROM archive_countrymention AS mention
                  JOIN archive_country AS country ON country.id = mention.country_id
                  WHERE mention.article_id = a.id), '')""",
    "export_resolutions": """COALESCE((SELECT string_agg(resolution.number::text, ' | ' ORDER BY resolution.number)
                  FROM archive_citation AS citation
                  JOIN archive_resolution AS resolution ON resolution.id = citation.resolution_id
                  WHERE citation.article_id = a.id), '')""",
}
# Rows whose facts are unchanged are not written: a new row version would
# put the article into every index again (its GIN indexes among them), and
# an import or a merge refreshes many articles whose facts it did not change.
_FACET_COLUMNS_SQL = """
UPDATE archive_article AS article SET {assignments}
FROM (
    SELECT a.id, {sources}
    FROM archive_article AS a
    LEFT JOIN archive_meeting AS meeting ON meeting.id = a.meeting_id
    CROSS JOIN LATERAL (SELECT COALESCE(meeting.date, a.published_on) AS event_date) AS facts
    CROSS JOIN LATERAL (
        SELECT string_agg(person.name, ' | ' ORDER BY mention.id) AS everyone,
               string_agg(person.name, ' | ' ORDER BY mention.id) FILTER (WHERE mention.is_chair) AS chairs
        FROM archive_personmention AS mention JOIN archive_person AS person ON person.id = mention.person_id
        WHERE mention.article_id = a.id) AS people
    WHERE a.id = ANY(%s)
) AS new
WHERE article.id = new.id AND ({old}) IS DISTINCT FROM ({new})
"""


def facet_columns_sql() -> str:
    """The statement that rewrites the copied columns of some articles."""
    # Imported here: the corpus generator's worker processes import this
    # module to build vectors, without Django set up, and the declarations
    # import the models.
    from archive.search import facets

    sources = {column: kind.source for column, kind in facets.columns().items() if kind.source is not None}
    sources.update(_EXPORT_COLUMNS)
    return _FACET_COLUMNS_SQL.format(
        sources=", ".join(f"{source} AS {column}" for column, source in sources.items()),
        assignments=", ".join(f"{column} = new.{column}" for column in sources),
        old=", ".join(f"article.{column}" for column in sources),
        new=", ".join(f"new.{column}" for column in sources),
    )


def refresh_facets(article_ids: Iterable[int]) -> None:
    """Rewrite the facet columns of these articles from their facts, and
    what their statements copy of them."""
    ids = sorted(set(article_ids))
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(facet_columns_sql(), [ids])
        refresh_statement_facts(ids)


# A statement's copy of its article's state: published, and the event's date.
# Rows already right are not written (a new row version re-enters the GIN index).
_STATEMENT_FACTS_SQL = """
UPDATE archive_statement AS statement
SET public = (article.status = %s), event_date = COALESCE(meeting.date, article.published_on)
FROM archive_article AS article LEFT JOIN archive_meeting AS meeting ON meeting.id = article.meeting_id
WHERE statement.article_id = article.id AND article.id = ANY(%s)
  AND (statement.public, statement.event_date)
      IS DISTINCT FROM (article.status = %s, COALESCE(meeting.date, article.published_on))
"""
PUBLISHED = "published"  # archive.models.ArticleStatus.PUBLISHED (this module reads no models)


def refresh_statement_facts(article_ids: Iterable[int]) -> None:
    """Copy onto these articles' statements whether each is published and
    its event's date (archive.models.Statement.public, .event_date)."""
    ids = sorted(set(article_ids))
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(_STATEMENT_FACTS_SQL, [PUBLISHED, ids, PUBLISHED])


_pending = threading.local()


@contextmanager
def deferred():
    """Collect the articles to refresh and refresh them once, at the end of
    the block (an import, a merge). Blocks nest; the outermost refreshes."""
    outer = getattr(_pending, "ids", None)
    if outer is not None:
        yield
        return
    _pending.ids = set()
    try:
        yield
        ids = _pending.ids
    finally:
        _pending.ids = None
    refresh(ids)


def touch(article_ids: Iterable[int]) -> None:
    """Refresh these articles, now or at the end of the deferring block."""
    ids = [pk for pk in article_ids if pk is not None]
    pending = getattr(_pending, "ids", None)
    if pending is not None:
        pending.update(ids)
    else:
        refresh(ids)


REINDEX_BATCH = 500


def refresh_statement_vectors(article_ids: Iterable[int]) -> None:
    """Rebuild the search vectors of these articles' statements (a save
    builds them one at a time, archive.signals; this is for a change to the
    normalization)."""
    from archive.models import Statement

    rows = Statement.objects.filter(article_id__in=list(article_ids)).values_list("pk", "speaker_name", "text")
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE archive_statement SET search = %s::tsvector WHERE id = %s"
            " AND search IS DISTINCT FROM %s::tsvector",
            [(vector, pk, vector) for pk, speaker, said in rows for vector in [statement_document(speaker, said)]],
        )


def refresh_all(progress=None) -> int:
    """Rebuild every article's index and its statements' (after a change to
    the normalization or the index's make-up); return how many articles
    were rebuilt."""
    from archive.models import Article

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), REINDEX_BATCH):
        refresh(ids[start : start + REINDEX_BATCH])
        refresh_statement_vectors(ids[start : start + REINDEX_BATCH])
        if progress is not None:
            progress(min(start + REINDEX_BATCH, len(ids)), len(ids))
    return len(ids)
