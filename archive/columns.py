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
articles' facets (the columns archive.indexing.refresh_facets keeps on each
article), held in numpy arrays in each app process: every filter is a mask,
each facet one bincount, the total a sum, the order one sort. The copy is
read again when the archive changes: a statement trigger on the article
table advances a counter in the same transaction (migration 0009), read
with the copy in one statement: the copy's version.

The rules are archive.filters' and archive.search's (tests hold the two to
the same results): several values of one filter combine with OR; a facet
counts with every filter but its own; relevance ranks a window of matches
by ts_rank, the rest follow newest first.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import connections, router

from archive import search
from archive.versions import VERSION_TABLE, version
from archive.models import Article, MeetingFormat, MeetingKind

_EPOCH = datetime.date(1970, 1, 1)
_NO_DATE = np.iinfo(np.int32).min  # sorts last among dates newest first


def _counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values and how often each occurs: a bincount, since the
    values are ids and years (small non-negative integers); no sort."""
    if not len(values):
        return values[:0], values[:0]
    counts = np.bincount(values)
    found = np.flatnonzero(counts)
    return found, counts[found]


@dataclass
class _Many:
    """One list of values per article (CSR): values[starts[i]:starts[i+1]]."""

    values: np.ndarray  # int32
    rows: np.ndarray  # the article row of each value
    starts: np.ndarray  # where each row's values start, and where the last ends
    everywhere: np.ndarray = None  # how often each value occurs in all rows

    def __post_init__(self) -> None:
        self.everywhere = np.bincount(self.values) if len(self.values) else np.zeros(0, dtype=np.int64)

    def any_of(self, chosen: Sequence[int], size: int) -> np.ndarray:
        hit = _equal_to_any(self.values, chosen)
        return np.bincount(self.rows[hit], minlength=size) > 0

    def counts(self, rows: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
        """The values of these rows (of `size`) and how often each occurs.
        Only the smaller side is read: these rows' values, or, when most
        rows are among them (a broad query), the others', taken from all
        rows' counts; so a facet costs what the fewer rows hold, not every
        value."""
        if len(rows) * 2 <= size:
            return _counts(self._values_of(rows, size))
        others = np.ones(size, dtype=bool)
        others[rows] = False
        counts = self.everywhere - np.bincount(self._values_of(np.flatnonzero(others), size), minlength=len(self.everywhere))
        found = np.flatnonzero(counts)
        return found, counts[found]

    def _values_of(self, rows: np.ndarray, size: int) -> np.ndarray:
        if len(rows) * 5 > size:
            # From a fifth of the rows on, one pass over every value is cheaper.
            mask = np.zeros(size, dtype=bool)
            mask[rows] = True
            return self.values[mask[self.rows]]
        firsts = self.starts[rows]
        lengths = self.starts[rows + 1] - firsts
        # Each row's run of positions, the runs laid end to end.
        positions = np.repeat(firsts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))
        return self.values[positions]


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
    """The published articles' facets, one row per article, by id."""

    version: int
    ids: np.ndarray  # sorted
    published_on: np.ndarray  # days since 1970, _NO_DATE when unknown
    event_date: np.ndarray
    event_year: np.ndarray  # 0 when unknown
    format: np.ndarray  # codes into formats
    kind: np.ndarray
    outlet: np.ndarray  # 0 when none
    meeting: np.ndarray
    person: _Many
    country: _Many
    resolution: _Many
    formats: list[str]
    kinds: list[str]
    # Made once per copy, so that a search costs no sort and no search of
    # its matches' ids: each id's row (-1 for none), and every row in the
    # two orders of the results.
    row_of_id: np.ndarray = None
    newest: np.ndarray = None  # newest first (unknown dates last), then highest id
    oldest: np.ndarray = None  # oldest first (unknown dates last), then lowest id
    matches: _Matches = None

    def __post_init__(self) -> None:
        self.matches = _Matches(MATCH_CACHE_BYTES)
        size = len(self.ids)
        self.row_of_id = np.full(int(self.ids[-1]) + 1 if size else 0, -1, dtype=np.int32)
        self.row_of_id[self.ids] = np.arange(size, dtype=np.int32)
        self.newest = np.lexsort((-self.ids, -self.published_on.astype(np.int64)))
        published = self.published_on.astype(np.int64)
        published[published == _NO_DATE] = np.iinfo(np.int64).max
        self.oldest = np.lexsort((self.ids, published))

    def __len__(self) -> int:
        return len(self.ids)

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """A mask of the rows holding these ids (unpublished ids drop out)."""
        mask = np.zeros(len(self.ids), dtype=bool)
        ids = ids[ids < len(self.row_of_id)]
        rows = self.row_of_id[ids]
        mask[rows[rows >= 0]] = True
        return mask

    def in_order(self, mask: np.ndarray, order: np.ndarray) -> np.ndarray:
        """The rows of a mask, in one of the precomputed orders."""
        return order[mask[order]]


_LOADED: dict[str, Snapshot] = {}
_LOCK = threading.Lock()


def snapshot() -> Snapshot:
    """The current copy for the database reads go to, read again if the
    archive has changed since it was made."""
    alias = router.db_for_read(Article)
    version_ = version(alias)
    loaded = _LOADED.get(alias)
    if loaded is not None and loaded.version == version_:
        return loaded
    with _LOCK:
        loaded = _LOADED.get(alias)
        if loaded is None or loaded.version != version_:
            loaded = _load(alias)
            _LOADED[alias] = loaded
    return loaded


def _load(alias: str) -> Snapshot:
    with connections[alias].cursor() as cursor:
        # The version in the same statement as the rows: the same snapshot.
        cursor.execute(
            f"SELECT (SELECT number FROM {VERSION_TABLE}), id, published_on, event_date, COALESCE(event_year, 0), meeting_format, meeting_kind,"
            " COALESCE(outlet_id, 0), COALESCE(meeting_id, 0), person_ids, country_ids, resolution_numbers"
            " FROM archive_article WHERE status = 'published' ORDER BY id"
        )
        rows = cursor.fetchall()
        if not rows:
            cursor.execute(f"SELECT number FROM {VERSION_TABLE}")
            rows_version = cursor.fetchone()[0]
    size = len(rows)
    formats, kinds = [""] + list(MeetingFormat.values), [""] + list(MeetingKind.values)
    version = rows[0][0] if rows else rows_version
    columns = list(zip(*rows))[1:] if rows else [()] * 11

    def days(values) -> np.ndarray:
        return np.fromiter(((v - _EPOCH).days if v else _NO_DATE for v in values), dtype=np.int32, count=size)

    def many(lists) -> _Many:
        lengths = np.fromiter((len(v) for v in lists), dtype=np.int64, count=size)
        values = np.fromiter((x for v in lists for x in v), dtype=np.int32, count=int(lengths.sum()))
        return _Many(values, np.repeat(np.arange(size), lengths), np.concatenate(([0], np.cumsum(lengths))))

    return Snapshot(
        version=version,
        ids=np.fromiter(columns[0], dtype=np.int64, count=size),
        published_on=days(columns[1]),
        event_date=days(columns[2]),
        event_year=np.fromiter(columns[3], dtype=np.int32, count=size),
        format=np.fromiter((formats.index(v) if v in formats else 0 for v in columns[4]), dtype=np.int8, count=size),
        kind=np.fromiter((kinds.index(v) if v in kinds else 0 for v in columns[5]), dtype=np.int8, count=size),
        outlet=np.fromiter(columns[6], dtype=np.int32, count=size),
        meeting=np.fromiter(columns[7], dtype=np.int32, count=size),
        person=many(columns[8]),
        country=many(columns[9]),
        resolution=many(columns[10]),
        formats=formats,
        kinds=kinds,
    )


# Matching --------------------------------------------------------------------------


def matching_rows(data: Snapshot, query: search.Query, column: str = "document") -> np.ndarray:
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
        mask &= ~_rows(data, search.Query(query.text, groups=[[term]]).tsquery(), column)
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


def _equal_to_any(column: np.ndarray, values: Sequence) -> np.ndarray:
    """np.isin for the few values a filter chooses: one comparison each,
    where isin sorts the whole column (a millisecond at 100,000 rows)."""
    if len(values) > 8:
        return np.isin(column, np.asarray(values, dtype=np.int64))
    mask = np.zeros(len(column), dtype=bool)
    for value in values:
        mask |= column == value
    return mask


def _filter_mask(data: Snapshot, name: str, values: list) -> np.ndarray:
    size = len(data)
    if name == "year":
        return _equal_to_any(data.event_year, values)
    if name == "date_from":
        return data.event_date >= (values[0] - _EPOCH).days
    if name == "date_to":
        return (data.event_date <= (values[0] - _EPOCH).days) & (data.event_date != _NO_DATE)
    if name == "format":
        return _equal_to_any(data.format, [data.formats.index(v) for v in values if v in data.formats])
    if name == "kind":
        return _equal_to_any(data.kind, [data.kinds.index(v) for v in values if v in data.kinds])
    if name == "outlet":
        return _equal_to_any(data.outlet, values)
    if name == "meeting":
        return _equal_to_any(data.meeting, values)
    many = {"person": data.person, "country": data.country, "resolution": data.resolution}[name]
    return many.any_of(values, size)


@dataclass
class Counted:
    """What the page shows for one search: the ordered ids, and the counts."""

    ids: np.ndarray  # every result, in page order
    facets: dict[str, list[tuple[str, int]]]  # name → (value, count), in display order

    def __len__(self) -> int:
        return len(self.ids)


TOP_VALUES = 10
TOP_YEARS = 40
FACET_NAMES = ("year", "format", "kind", "outlet", "meeting", "person", "country", "resolution")


def count(query: search.Query, active: dict[str, list], sort: str, order: bool = True) -> Counted:
    """The results of a search, in page order (or none, if not asked: only
    the counts), and every facet's counts."""
    data = snapshot()
    size = len(data)
    if query.is_empty:
        matched = np.ones(size, dtype=bool)
    else:
        matched = matching_rows(data, query)
    masks = {name: _filter_mask(data, name, values) for name, values in active.items()}
    selected = matched.copy()
    for mask in masks.values():
        selected &= mask
    facets = {}
    # Facets under the same other filters count over the same rows (all of
    # them when no filter is chosen, all but one when one is): those rows
    # are found once, not once a facet.
    rows_under: dict[frozenset[str], np.ndarray] = {}
    for name in FACET_NAMES:
        others = frozenset(other for other in masks if other != name)
        rows = rows_under.get(others)
        if rows is None:
            base = matched.copy()
            for other in others:
                base &= masks[other]
            rows = rows_under[others] = np.flatnonzero(base)
        facets[name] = _facet(data, name, rows, [str(v) for v in active.get(name, [])])
    ordered = _order(data, query, selected, sort) if order else data.ids[selected]
    return Counted(ordered, facets)


def _facet(data: Snapshot, name: str, rows: np.ndarray, chosen: list[str]) -> list[tuple[str, int]]:
    if name in ("person", "country", "resolution"):
        found, counts = getattr(data, name).counts(rows, len(data))
    else:
        column = {"year": data.event_year, "format": data.format, "kind": data.kind, "outlet": data.outlet,
                  "meeting": data.meeting}[name]
        found, counts = _counts(column[rows].astype(np.int64))
        keep = found != 0
        found, counts = found[keep], counts[keep]
    if name == "year":
        order = np.argsort(-found, kind="stable")[:TOP_YEARS]
    else:
        order = np.lexsort((found, -counts))
        if name not in ("format", "kind"):
            top = list(order[:TOP_VALUES])
            # An active value outside the top stays visible, so it can be removed.
            if chosen:  # (the values beyond the top are thousands: a person facet)
                top += [i for i in order[TOP_VALUES:] if _value(data, name, found[i]) in chosen]
            order = top
    return [(_value(data, name, found[i]), int(counts[i])) for i in order]


def _value(data: Snapshot, name: str, raw) -> str:
    if name == "format":
        return data.formats[int(raw)]
    if name == "kind":
        return data.kinds[int(raw)]
    return str(int(raw))


# Order -------------------------------------------------------------------------------


def _order(data: Snapshot, query: search.Query, selected: np.ndarray, sort: str) -> np.ndarray:
    if sort == search.SORT_OLDEST:
        return data.ids[data.in_order(selected, data.oldest)]
    newest = data.in_order(selected, data.newest)
    if sort == search.SORT_NEWEST or query.is_empty or not len(newest):
        return data.ids[newest]
    window_rows = newest[: search.RANK_WINDOW]
    if len(newest) > search.RANK_WINDOW:
        # Every result is in the window already when there are this few.
        head = selected & matching_rows(data, search.Query(query.text, groups=query.groups), "head")
        window_rows = np.union1d(window_rows, data.in_order(head, data.newest)[: search.RANK_WINDOW])
    ranks = _ranks(query, data.ids[window_rows])
    rank = np.array([ranks.get(int(i), 0.0) for i in data.ids[window_rows]], dtype=np.float64)
    # Highest rank first, then newest, then highest id.
    ranked = window_rows[np.lexsort((-data.ids[window_rows], -data.published_on[window_rows].astype(np.int64), -rank))]
    in_window = np.zeros(len(data), dtype=bool)
    in_window[window_rows] = True
    rest = newest[~in_window[newest]]
    return data.ids[np.concatenate([ranked, rest])]


def _ranks(query: search.Query, ids: np.ndarray) -> dict[int, float]:
    alias = router.db_for_read(Article)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            # The words without their pairs (archive.models.RankVector): a
            # fifth of the pages to read for the same rank.
            "SELECT article_id, ts_rank(%s::real[], words, %s::tsquery) FROM archive_rankvector"
            " WHERE article_id = ANY(%s)",
            [search.RANK_WEIGHTS, query.tsquery(positional=True), [int(i) for i in ids]],
        )
        return dict(cursor.fetchall())


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
