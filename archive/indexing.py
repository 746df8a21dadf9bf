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
  (والعراق → العراق, عراق), weighted D: a search for العراق finds
  والعراق, and an exact match still ranks above a form's match;
- one position per word, so "phrases" match across prefixes too.

Only the cleaned body is indexed, never the raw file.

The index is a plain column written in the same transaction as the change
it follows: signals refresh an article when its text or any of its
entities change; bulk work (an import, a merge) defers the refreshes to
the end of its block, still inside the transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection

from archive import text

# tsvector limits: positions run to 16383, and a lexeme keeps 256 of them.
MAX_POSITION = 16383
MAX_POSITIONS_PER_WORD = 256
# Empty positions between parts, so a phrase never spans title and body.
PART_GAP = 5


def document(title: str, entities: Iterable[str], body: str) -> str:
    """The tsvector, in PostgreSQL's text form, of an article's parts."""
    positions: dict[str, list[str]] = {}
    position = 0
    for weight, part in (("A", [title]), ("B", list(entities)), ("C", [body])):
        for chunk in part:
            for word in text.words(chunk):
                position = min(position + 1, MAX_POSITION)
                forms = text.word_forms(word)
                _add(positions, forms[0], position, weight)
                for form in forms[1:]:
                    _add(positions, form, position, "D")
            position = min(position + PART_GAP, MAX_POSITION)
    return " ".join(f"{_quote(word)}:{','.join(places)}" for word, places in positions.items())


def _add(positions: dict[str, list[str]], word: str, position: int, weight: str) -> None:
    places = positions.setdefault(word, [])
    if len(places) < MAX_POSITIONS_PER_WORD:
        places.append(f"{position}{weight}")


def _quote(word: str) -> str:
    # Words are letters and digits only; quoting guards the format anyway.
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def entities_of(article) -> list[str]:
    """The names an article's facts give it: each person and country with
    all their spellings and English names, the meeting's place, the cited
    resolution numbers."""
    names: list[str] = []
    for mention in article.person_mentions.all():
        person = mention.person
        names += [mention.name_as_written, person.name, person.name_en, *(a.name for a in person.aliases.all())]
    for mention in article.country_mentions.all():
        country = mention.country
        names += [country.name, country.name_en, *(a.name for a in country.aliases.all())]
    if article.meeting is not None and article.meeting.place:
        names.append(article.meeting.place)
    names += [str(citation.resolution.number) for citation in article.citations.all()]
    return [name for name in dict.fromkeys(names) if name]


def refresh(article_ids: Iterable[int]) -> None:
    """Rebuild the index of these articles now."""
    from archive.models import Article

    ids = sorted(set(article_ids))
    if not ids:
        return
    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("meeting")
        .prefetch_related(
            "person_mentions__person__aliases", "country_mentions__country__aliases", "citations__resolution"
        )
        .only("pk", "title", "body", "meeting__place")
    )
    rows = [(document(a.title, entities_of(a), a.body), a.pk) for a in articles]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {Article._meta.db_table} SET search_index = %s::tsvector WHERE id = %s", rows)


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


def refresh_all(progress=None) -> int:
    """Rebuild every article's index (after a change to the normalization
    or the index's make-up); return how many were rebuilt."""
    from archive.models import Article

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), REINDEX_BATCH):
        refresh(ids[start : start + REINDEX_BATCH])
        if progress is not None:
            progress(min(start + REINDEX_BATCH, len(ids)), len(ids))
    return len(ids)
