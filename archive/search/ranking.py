"""The orders of the results: relevance, newest first, oldest first.

Ranking reads an article's words at their positions (its search document,
archive.models.SearchDocument), which for a long article is kilobytes to read:
for every match of a broad query that is seconds. So ranking has two
passes (archive.search.engine makes them). The first is free: the newest
matches, and the newest articles whose title or entities match (the head,
a small index of its own). The second ranks those, at most twice
RANK_WINDOW, by ts_rank over their words; they come first, the other
matches follow newest first. A query with fewer matches than RANK_WINDOW
is ranked entirely.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, router

from archive.models import Article
from archive.search.queries import Query

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"
# ts_rank weights for {D, C, B, A}: a form without its clitics, the body,
# the entities, the title.
RANK_WEIGHTS = [0.1, 0.4, 0.7, 1.0]
RANK_WINDOW = 50


def ranks(query: Query, ids: Sequence[int]) -> dict[int, float]:
    """The rank of each of these articles for the query."""
    alias = router.db_for_read(Article)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            # ts_rank reads only the query's lexemes: the pairs in the
            # document change no rank (archive.search.indexing).
            "SELECT article_id, ts_rank(%s::real[], document, %s::tsquery) FROM archive_searchdocument"
            " WHERE article_id = ANY(%s)",
            [RANK_WEIGHTS, query.tsquery(positional=True), [int(i) for i in ids]],
        )
        return dict(cursor.fetchall())
