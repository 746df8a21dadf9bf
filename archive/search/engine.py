"""The search page's results, counts and facets at any size: PostgreSQL
finds the matches, this module counts and orders them.

Measured at 10,000 generated articles, PostgreSQL spent 40 ms counting one
array facet (unnest and GROUP BY, about 0.6 µs per element) and, for a word
in every article, chose to test the query against each article's vector in
turn (70 µs each: the vector is kilobytes, stored compressed out of line)
instead of reading the GIN index. Both grow with the number of matches, so a
broad query at 100,000 articles took seconds.

So the work is split. PostgreSQL answers one question per query, read from
the GIN index only (a sequential scan is ruled out for that statement): the
ids of the articles that match, and of those whose title or entities match.
Everything else is counted here, over a columnar copy of the published
articles' facets (the columns archive.search.indexing.refresh_facets keeps on each
article), held in numpy arrays in each app process: every filter is a mask,
each facet one bincount, the total a sum, the order one sort. The copy is
brought up to date when the archive changes: statement triggers on the
article table advance a counter in the same transaction and log the
articles each statement touched (migrations 0009 and 0030), so a copy
reads again only the articles changed since its version, read with them
in one statement. Reading every article again took 1.5 s at 100,000
articles (0.3 s since each column comes as one value, _aggregates), and
while an import ran every search paid it (1.1-1.7 s a page against 25-30
ms: issue 24).

Every facet and filter is a declaration of archive.search.facets, which
says what column to load, how a value filters and how a facet counts; the
rules here are those of all of them: several values of one filter combine
with OR, a facet counts with every filter but its own. Relevance ranks a
window of matches by ts_rank, the rest follow newest first
(archive.search.ranking). The exports take this module's ordered ids, so
the page and its files cannot disagree.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import connections, router

from archive.models import Article
from archive.search import facets, queries, ranking
from archive.search.facets import NO_DATE
from archive.versions import VERSION_TABLE, version

# How much of each app process the remembered matches may take. A query's
# matches are a bit per article (12.5 KB at 100,000 articles), so this
# keeps the last 2,500 or so lookups.
MATCH_CACHE_BYTES = 32 * 2**20


class _Matches:
    """The matches of recent lookups in one copy of the facets, a bit per
    row, least recently used forgotten first. A researcher's next request
    is most often the same query with a facet chosen, the next page or
    another order, and a common word's lookup is the dearest part of a
    search (PostgreSQL hands over the id of every article holding it).
    Kept with the copy, so a change to the articles forgets them all."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.found: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str], rows: int) -> np.ndarray | None:
        with self.lock:
            packed = self.found.get(key)
            if packed is None:
                return None
            self.found.move_to_end(key)
        return np.unpackbits(packed, count=rows).view(bool)

    def put(self, key: tuple[str, str], mask: np.ndarray) -> None:
        packed = np.packbits(mask)
        if packed.nbytes > self.limit:
            return
        with self.lock:
            if key in self.found:
                return
            self.found[key] = packed
            self.size += packed.nbytes
            while self.size > self.limit:
                _, dropped = self.found.popitem(last=False)
                self.size -= dropped.nbytes

    def clear(self) -> None:
        with self.lock:
            self.found.clear()
            self.size = 0


@dataclass
class Snapshot:
    """The articles' facets, one row per article, by id: each column a
    facet declaration reads (archive.search.facets), by column name."""

    version: int
    ids: np.ndarray  # sorted
    published_on: np.ndarray  # days since 1970, NO_DATE when unknown
    columns: dict[str, object]  # an array, or facets.Many for several values per article
    # Made once per copy, so that a search costs no sort and no search of
    # its matches' ids: each id's row (-1 for none), and every row in the
    # two orders of the results.
    row_of_id: np.ndarray = None
    newest: np.ndarray = None  # newest first (unknown dates last), then highest id
    oldest: np.ndarray = None  # oldest first (unknown dates last), then lowest id
    matches: _Matches = None
    # Read with nothing uncommitted in it: only such a copy is brought up
    # to date by the change log; another is read again whole.
    committed: bool = False

    def __post_init__(self) -> None:
        self.matches = _Matches(MATCH_CACHE_BYTES)
        size = len(self.ids)
        self.row_of_id = np.full(int(self.ids[-1]) + 1 if size else 0, -1, dtype=np.int32)
        self.row_of_id[self.ids] = np.arange(size, dtype=np.int32)
        self.newest = np.lexsort((-self.ids, -self.published_on.astype(np.int64)))
        published = self.published_on.astype(np.int64)
        published[published == NO_DATE] = np.iinfo(np.int64).max
        self.oldest = np.lexsort((self.ids, published))

    def __len__(self) -> int:
        return len(self.ids)

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """A mask of the rows holding these ids (ids not in the copy drop out)."""
        mask = np.zeros(len(self.ids), dtype=bool)
        ids = ids[ids < len(self.row_of_id)]
        rows = self.row_of_id[ids]
        mask[rows[rows >= 0]] = True
        return mask

    def in_order(self, mask: np.ndarray, order: np.ndarray) -> np.ndarray:
        """The rows of a mask, in one of the precomputed orders."""
        return order[mask[order]]


_LOADED: dict[tuple[str, bool], Snapshot] = {}
_LOCK = threading.Lock()


def snapshot(everything: bool = False) -> Snapshot:
    """The current copy of the published articles (or, for an editor's
    export, of every article) for the database reads go to, read again if
    the archive has changed since it was made."""
    key = (router.db_for_read(Article), everything)
    version_ = version(key[0])
    loaded = _LOADED.get(key)
    if loaded is not None and loaded.version == version_:
        return loaded
    with _LOCK:
        loaded = _LOADED.get(key)
        if loaded is None or loaded.version != version_:
            loaded = _brought_up_to_date(loaded, *key) if loaded is not None and loaded.committed else _load(*key)
            _LOADED[key] = loaded
    return loaded


def warm() -> None:
    """Read the copies a first search needs (the published articles' columns,
    the name words of "did you mean"), so that a server's worker reads them
    before it takes traffic (gunicorn.conf.py) rather than on a researcher's
    first request: 0.3 s at 100,000 articles (1.5 s when read as rows,
    issue 24)."""
    snapshot()
    queries.name_words()


def article_counts(column: str) -> dict[int, int]:
    """How many published articles name each record of a facet's column
    (person_ids, country_ids, meeting_id), read off the copy: what the
    browse lists show beside each record, without counting mentions in SQL
    (0.5-0.9 s a list at 100,000 articles: issue 24)."""
    values = snapshot().columns[column]
    if isinstance(values, facets.Many):
        counts = values.everywhere
    else:
        counts = np.bincount(values[values > 0]) if len(values) else np.zeros(0, dtype=np.int64)
    found = np.flatnonzero(counts)
    return dict(zip(found.tolist(), counts[found].tolist()))


def forget() -> None:
    """Forget every copy: the facet declarations changed."""
    with _LOCK:
        _LOADED.clear()


facets.on_change(forget)


def _aggregates(loaders: dict[str, facets.Kind]) -> str:
    """The copy's columns, each as one value: every article's integer in
    four bytes, laid end to end; for a kind of many values, how many each
    article has, then the values themselves (array_send's elements, each
    after its length, past the array's 20-byte header; an empty array has
    no elements and a shorter header). Every aggregate takes the same rows
    in the same pass, so the columns line up; the order is made afterwards.

    Read as a row an article, 100,000 articles took 1.43 s to load, nearly
    all of it building and unpacking Python values; as these bytes, which
    numpy reads as they are, 0.29-0.34 s, the same arrays (issue 21: a
    command-line export loads the copy to take its ordered ids, and a
    server's worker loads it before its first search)."""
    parts = [_AGGREGATE.format("int8send(a.id)"), _AGGREGATE.format(f"int4send({facets.days_sql('a.published_on')})")]
    for kind in loaders.values():
        if kind.many:
            parts.append(_AGGREGATE.format(f"int4send(cardinality({kind.select()}))"))
            parts.append(_AGGREGATE.format(f"substring(array_send({kind.select()}::integer[]) FROM 21)"))
        else:
            parts.append(_AGGREGATE.format(f"int4send(({kind.select()})::integer)"))
    return ", ".join(parts)


_AGGREGATE = "string_agg({}, ''::bytea)"
# The articles a copy holds: the published (an editor's export: every one).
_PUBLISHED = f" AND a.status = '{Article.Status.PUBLISHED.value}'"


def _unpacked(values: Sequence, loaders: dict[str, facets.Kind]) -> tuple[np.ndarray, np.ndarray, dict]:
    """The ids, dates and columns of _aggregates' values, in the order of the ids."""
    values = iter(values)

    def integers(width: int = 4) -> np.ndarray:
        found = next(values)
        return np.frombuffer(bytes(found or b""), dtype=f">i{width}").astype(np.int64 if width == 8 else np.int32)

    ids, published_on = integers(8), integers()
    order = np.argsort(ids, kind="stable")
    columns = {}
    for column, kind in loaders.items():
        if kind.many:
            lengths = integers()
            columns[column] = kind.load(integers()[1::2], lengths).reordered(order)
        else:
            columns[column] = kind.load(integers()[order])
    return ids[order], published_on[order], columns


def _load(alias: str, everything: bool) -> Snapshot:
    loaders = facets.columns()
    with connections[alias].cursor() as cursor:
        # The version in the same statement as the rows: the same snapshot.
        # A copy read by a transaction that has written (an import, a test)
        # may hold what is later rolled back: it is never brought up to
        # date, only read again.
        cursor.execute(
            f"SELECT v.number, {_COMMITTED}, rows.* FROM {VERSION_TABLE} AS v, LATERAL"
            f" (SELECT {_aggregates(loaders)} FROM archive_article AS a WHERE true{'' if everything else _PUBLISHED}) AS rows"
        )
        version_, committed, *values = cursor.fetchone()
    ids, published_on, columns = _unpacked(values, loaders)
    return Snapshot(version=version_, ids=ids, published_on=published_on, columns=columns, committed=committed)


# More than this share of a copy's articles changed, and it is read again
# whole: merging is then no cheaper.
WHOLE_FROM_SHARE = 0.25
# The change log's "every article" (a TRUNCATE, migration 0030).
EVERY_ARTICLE = 0
# Nothing written by the reading transaction: what it sees is committed.
_COMMITTED = "txid_current_if_assigned() IS NULL"
_CHANGES_SQL = """
WITH changed AS (SELECT DISTINCT article_id FROM archive_article_change WHERE version > %s)
SELECT v.number, v.logged_after, {committed}, (SELECT array_agg(article_id) FROM changed), rows.*
FROM {versions} AS v,
LATERAL (SELECT {aggregates} FROM archive_article AS a WHERE a.id IN (SELECT article_id FROM changed){published}) AS rows
"""


def _brought_up_to_date(old: Snapshot, alias: str, everything: bool) -> Snapshot:
    """The copy with the articles changed since its version read again
    (migration 0030's log); read whole when the log no longer reaches back
    to it, or when much changed."""
    loaders = facets.columns()
    sql = _CHANGES_SQL.format(
        aggregates=_aggregates(loaders), versions=VERSION_TABLE, committed=_COMMITTED,
        published="" if everything else _PUBLISHED,
    )
    with connections[alias].cursor() as cursor:
        # One statement: the version, the log and the rows of one snapshot.
        cursor.execute(sql, [old.version])
        version_, logged_after, committed, changed, *values = cursor.fetchone()
    changed = np.array(changed or [], dtype=np.int64)
    # A version below the copy's: the copy was read inside a transaction
    # since rolled back.
    stale = version_ < old.version or old.version < logged_after or EVERY_ARTICLE in changed
    if stale or len(changed) > WHOLE_FROM_SHARE * max(len(old), 1):
        return _load(alias, everything)
    return _merged(old, version_, committed, changed, _unpacked(values, loaders))


def _merged(old: Snapshot, version_: int, committed: bool, changed: np.ndarray, fresh: tuple) -> Snapshot:
    fresh_ids, fresh_published_on, fresh_columns = fresh
    keep = ~np.isin(old.ids, changed)
    ids = np.concatenate([old.ids[keep], fresh_ids])
    order = np.argsort(ids, kind="stable")
    columns = {}
    for column, previous in old.columns.items():
        if isinstance(previous, facets.Many):
            columns[column] = previous.joined(keep, fresh_columns[column], order)
        else:
            columns[column] = np.concatenate([previous[keep], fresh_columns[column]])[order]
    published_on = np.concatenate([old.published_on[keep], fresh_published_on])[order]
    return Snapshot(version=version_, ids=ids[order], published_on=published_on, columns=columns, committed=committed)


# Matching --------------------------------------------------------------------------


def matching_rows(data: Snapshot, query: queries.Query, column: str = "document") -> np.ndarray:
    """A mask of the published articles whose index matches the query, read
    from the GIN index: the planner does not know that testing a row means
    decompressing its whole vector, and for a broad query would rather do
    that for every row. The ids come as one string of integers, which numpy
    reads as it is.

    Excluded words are looked up on their own and taken away here: inside
    the tsquery a NOT makes PostgreSQL test every candidate's vector."""
    if query.groups:
        mask = _rows(data, query.tsquery(positive_only=True), column)
    else:
        mask = np.ones(len(data), dtype=bool)
    for term in query.excluded:
        mask &= ~_rows(data, queries.Query(query.text, groups=[[term]]).tsquery(), column)
    return mask


def _rows(data: Snapshot, tsquery: str, column: str) -> np.ndarray:
    """A mask of the rows matching one tsquery: remembered, or looked up."""
    mask = data.matches.get((column, tsquery), len(data))
    if mask is None:
        mask = data.rows_of(_ids(tsquery, column))
        data.matches.put((column, tsquery), mask)
    return mask


def forget_matches() -> None:
    """Forget the remembered matches of every copy in this process (the
    benchmark measures lookups from nothing too)."""
    for loaded in list(_LOADED.values()):
        loaded.matches.clear()


def _ids(tsquery: str, column: str) -> np.ndarray:
    # One call of archive_match_ids (migration 0016): the ids as a width
    # byte, then each id in that many bytes.
    alias = router.db_for_read(Article)
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT archive_match_ids(%s::tsquery, %s)", [tsquery, column == "head"])
        (found,) = cursor.fetchone()
    found = bytes(found)
    # Each article once (the table's key), in no particular order: none is needed.
    return np.frombuffer(found, dtype=f">i{found[0]}", offset=1).astype(np.int64)


# Filters and facets ----------------------------------------------------------------


@dataclass
class Counted:
    """What the page shows for one search: the ordered ids, and the counts."""

    ids: np.ndarray  # every result, in page order
    facets: dict[str, list[tuple[str, int]]]  # name → (value, count), in display order

    def __len__(self) -> int:
        return len(self.ids)


def count(query: queries.Query, active: dict[str, list], sort: str, order: bool = True, everything: bool = False) -> Counted:
    """The results of a search, in page order (or none, if not asked: only
    the counts), and every facet's counts."""
    data = snapshot(everything)
    matched = np.ones(len(data), dtype=bool) if query.is_empty else matching_rows(data, query)
    masks = {}
    for name, values in active.items():
        kind = facets.named(name)
        masks[name] = kind.mask(data.columns[kind.column], values, len(data))
    selected = matched.copy()
    for mask in masks.values():
        selected &= mask
    counts = {}
    # Facets under the same other filters count over the same rows (all of
    # them when no filter is chosen, all but one when one is): those rows
    # are found once, not once a facet.
    rows_under: dict[frozenset[str], np.ndarray] = {}
    for kind in facets.counted():
        others = frozenset(other for other in masks if other != kind.name)
        rows = rows_under.get(others)
        if rows is None:
            base = matched.copy()
            for other in others:
                base &= masks[other]
            rows = rows_under[others] = np.flatnonzero(base)
        counts[kind.name] = _facet(data, kind, rows, [str(v) for v in active.get(kind.name, [])])
    ordered = _order(data, query, selected, sort) if order else data.ids[selected]
    return Counted(ordered, counts)


def _facet(data: Snapshot, kind: facets.Kind, rows: np.ndarray, chosen: list[str]) -> list[tuple[str, int]]:
    found, counts = kind.counts(data.columns[kind.column], rows, len(data))
    order = kind.order(found, counts)
    if kind.top is not None:
        top = list(order[: kind.top])
        # An active value outside the top stays visible, so it can be removed.
        if chosen:  # (the values beyond the top are thousands: a person facet)
            top += [i for i in order[kind.top :] if kind.value(found[i]) in chosen]
        order = top
    return [(kind.value(found[i]), int(counts[i])) for i in order]


# Order -------------------------------------------------------------------------------


def _order(data: Snapshot, query: queries.Query, selected: np.ndarray, sort: str) -> np.ndarray:
    if sort == ranking.SORT_OLDEST:
        return data.ids[data.in_order(selected, data.oldest)]
    newest = data.in_order(selected, data.newest)
    if sort == ranking.SORT_NEWEST or query.is_empty or not len(newest):
        return data.ids[newest]
    window_rows = newest[: ranking.RANK_WINDOW]
    if len(newest) > ranking.RANK_WINDOW:
        # Every result is in the window already when there are this few.
        head = selected & matching_rows(data, queries.Query(query.text, groups=query.groups), "head")
        window_rows = np.union1d(window_rows, data.in_order(head, data.newest)[: ranking.RANK_WINDOW])
    ranks = ranking.ranks(query, data.ids[window_rows])
    rank = np.array([ranks.get(int(i), 0.0) for i in data.ids[window_rows]], dtype=np.float64)
    # Highest rank first, then newest, then highest id.
    ranked = window_rows[np.lexsort((-data.ids[window_rows], -data.published_on[window_rows].astype(np.int64), -rank))]
    in_window = np.zeros(len(data), dtype=bool)
    in_window[window_rows] = True
    rest = newest[~in_window[newest]]
    return data.ids[np.concatenate([ranked, rest])]


class Results(Sequence):
    """The ordered results as the paginator takes them: their number without
    a query, and a page's articles read by id in one query (`read`, which
    gives them in the order asked, leaving out any no longer published)."""

    def __init__(self, ids: np.ndarray, read: Callable[[list[int]], list]) -> None:
        self.ids = ids
        self.read = read

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:  # what Paginator asks first
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return self.read([int(i) for i in self.ids[index]])
