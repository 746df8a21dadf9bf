"""The facets, declared once: what researchers narrow their results by.

One declaration per facet names its request parameter, its label, the
article column it reads, and its kind. The kind says whether an article has
one value or several, how the values are read, shown and counted, and how
a value filters. Every consumer is made from the declarations:

- the page's engine (archive.search.engine) loads each column, filters with
  each mask and counts each facet;
- the filter form (archive.search.filters) takes each kind's form filter;
- the facet links, chips and labels (archive.search.links) take each
  kind's labels;
- the index (archive.search.indexing) writes each column from its source.

Exports take the engine's ordered ids, so no rule has a second, SQL
implementation. Adding a facet is one declaration below, plus its column
and migration (and, for a copied fact, its `source`): tests/search's
AddedFacetTests adds one and finds it on the page, in the form, in the
chips and in the export.

The shape follows Datasette's facets.py: one class per kind, the facets a
registered list. Written here rather than taken from a library: the page
counts in memory (numpy over a columnar copy, see engine), which no facet
library does, and the registry is what holds the page and the form to one
rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import django_filters
import numpy as np
from django.db import models
from django.utils.translation import get_language, gettext_lazy as _

from archive.models import Country, Meeting, MeetingFormat, MeetingKind, Outlet, Person, Resolution

EPOCH = datetime.date(1970, 1, 1)
NO_DATE = np.iinfo(np.int32).min  # sorts last among dates newest first
# Values a facet shows, most frequent first; an active value outside them
# is shown too, so that it can be removed.
TOP_VALUES = 10
YEARS = range(1990, 2101)


def counts_of(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values and how often each occurs: a bincount, since the
    values are ids and years (small non-negative integers); no sort."""
    if not len(values):
        return values[:0], values[:0]
    counts = np.bincount(values)
    found = np.flatnonzero(counts)
    return found, counts[found]


def equal_to_any(column: np.ndarray, values: Sequence) -> np.ndarray:
    """np.isin for the few values a filter chooses: one comparison each,
    where isin sorts the whole column (a millisecond at 100,000 rows)."""
    if len(values) > 8:
        return np.isin(column, np.asarray(values, dtype=np.int64))
    mask = np.zeros(len(column), dtype=bool)
    for value in values:
        mask |= column == value
    return mask


@dataclass
class Many:
    """One list of values per article (CSR): values[starts[i]:starts[i+1]]."""

    values: np.ndarray  # int32
    rows: np.ndarray  # the article row of each value
    starts: np.ndarray  # where each row's values start, and where the last ends
    everywhere: np.ndarray = None  # how often each value occurs in all rows

    def __post_init__(self) -> None:
        self.everywhere = np.bincount(self.values) if len(self.values) else np.zeros(0, dtype=np.int64)

    @classmethod
    def of(cls, lists: Sequence[Sequence[int]]) -> Many:
        lengths = np.fromiter((len(v) for v in lists), dtype=np.int64, count=len(lists))
        return cls.laid_out(np.fromiter((x for v in lists for x in v), dtype=np.int32, count=int(lengths.sum())), lengths)

    @classmethod
    def laid_out(cls, values: np.ndarray, lengths: np.ndarray) -> Many:
        """The rows' values laid end to end, and how many each row has."""
        lengths = lengths.astype(np.int64)
        return cls(values.astype(np.int32), np.repeat(np.arange(len(lengths)), lengths),
                   np.concatenate(([0], np.cumsum(lengths))))

    def reordered(self, order: np.ndarray) -> Many:
        """The same lists, the rows in this order."""
        return Many.laid_out(self.values[self._positions(order)], np.diff(self.starts)[order])

    def joined(self, keep: np.ndarray, other: Many, order: np.ndarray) -> Many:
        """The lists of the rows kept, then other's, put in this order of
        rows (archive.search.engine brings a copy up to date with it)."""
        lengths = np.concatenate([np.diff(self.starts)[keep], np.diff(other.starts)])
        values = np.concatenate([self.values[keep[self.rows]], other.values])
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        values = values[np.argsort(rank[np.repeat(np.arange(len(lengths)), lengths)], kind="stable")]
        lengths = lengths[order]
        return Many(values, np.repeat(np.arange(len(lengths)), lengths), np.concatenate(([0], np.cumsum(lengths))))

    def any_of(self, chosen: Sequence[int], size: int) -> np.ndarray:
        hit = equal_to_any(self.values, chosen)
        return np.bincount(self.rows[hit], minlength=size) > 0

    def counts(self, rows: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
        """The values of these rows (of `size`) and how often each occurs.
        Only the smaller side is read: these rows' values, or, when most
        rows are among them (a broad query), the others', taken from all
        rows' counts; so a facet costs what the fewer rows hold, not every
        value."""
        if len(rows) * 2 <= size:
            return counts_of(self._values_of(rows, size))
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
        return self.values[self._positions(rows)]

    def _positions(self, rows: np.ndarray) -> np.ndarray:
        """Where these rows' values are, row after row."""
        firsts = self.starts[rows]
        lengths = self.starts[rows + 1] - firsts
        # Each row's run of positions, the runs laid end to end.
        return np.repeat(firsts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))


def days_sql(column: str) -> str:
    """A date column as the engine's copy holds it: days since 1970, NO_DATE
    when unknown (read in SQL, the one place dates become days)."""
    return f"COALESCE({column} - DATE '{EPOCH.isoformat()}', {NO_DATE})"


# The kinds ---------------------------------------------------------------------------


class Kind:
    """What every facet kind has; each subclass says what is its own.

    name: the request parameter; label: the facet's heading and its chips';
    column: the article column it reads; source: the SQL that computes that
    column from the article's facts (archive.search.indexing), None for a
    column the article holds itself; counted: shown with counts (a date
    bound only filters)."""

    counted = True
    top: int | None = TOP_VALUES  # values shown; None for all of them
    many = False  # several values per article: select() gives an array

    def __init__(self, name: str, label: str, column: str, source: str | None = None) -> None:
        self.name, self.label, self.column, self.source = name, label, column, source

    # The engine: a column of the columnar copy, a filter's mask, a facet's counts.
    def select(self) -> str:
        """The column as the copy holds it, in SQL: an integer an article (0
        for none), or for a kind of many values an array of integers."""
        return f"COALESCE({self.column}, 0)"

    def load(self, values: np.ndarray, lengths: np.ndarray | None = None):
        """The copy's column from select()'s integers, an article's after
        another (and, for many, how many each article has)."""
        return values

    def mask(self, column, values: list, size: int) -> np.ndarray:
        return equal_to_any(column, values)

    def counts(self, column, rows: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
        found, counts = counts_of(column[rows].astype(np.int64))
        keep = found != 0  # 0: no value
        return found[keep], counts[keep]

    def order(self, found: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Most frequent first, then by value."""
        return np.lexsort((found, -counts))

    def value(self, raw) -> str:
        """A value of the copy as the request gives it."""
        return str(int(raw))

    # The form: its filter, and its cleaned value as the engine's values.
    def form_filter(self) -> django_filters.Filter:
        raise NotImplementedError

    def plain(self, cleaned) -> list:
        return [getattr(item, "pk", item) for item in cleaned]

    # The labels of values (facet links and chips), by value: named by the
    # kind, or by a query (one query names every facet's, archive.search.links).
    def labels(self, values: list[str]) -> dict[str, str]:
        return {}

    def label_query(self, values: list[str]) -> tuple[str, list] | None:
        return None

    def chip_labels(self, values: list[str]) -> dict[str, str] | None:
        """A chip's labels where they differ from the facet's."""
        return None


class Year(Kind):
    """A year: the latest first, up to forty of them."""

    top = 40

    def order(self, found: np.ndarray, counts: np.ndarray) -> np.ndarray:
        return np.argsort(-found, kind="stable")

    def form_filter(self) -> django_filters.Filter:
        # The choices as a callable (a form field takes one): as a list of
        # 111 pairs, copying them with each request's filters and fields was
        # seven tenths of a FilterSet's cost (2.9 ms against 0.4).
        return django_filters.TypedMultipleChoiceFilter(label=self.label, choices=_year_choices, coerce=int)


def _year_choices() -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in YEARS]


class Choice(Kind):
    """One of a few codes (models.TextChoices), every one shown."""

    top = None

    def __init__(self, name: str, label: str, column: str, choices: type[models.TextChoices], source: str | None = None) -> None:
        super().__init__(name, label, column, source)
        self.choices = choices
        self.codes = [""] + list(choices.values)  # 0: no value

    def select(self) -> str:
        # A code's place among the codes; 0 for none, or for a code no
        # longer among the choices.
        codes = ", ".join("'" + code.replace("'", "''") + "'" for code in self.codes)
        return f"COALESCE(array_position(ARRAY[{codes}]::text[], {self.column}::text), 1) - 1"

    def load(self, values: np.ndarray, lengths: np.ndarray | None = None) -> np.ndarray:
        return values.astype(np.int8)

    def mask(self, column, values: list, size: int) -> np.ndarray:
        return equal_to_any(column, [self.codes.index(v) for v in values if v in self.codes])

    def value(self, raw) -> str:
        return self.codes[int(raw)]

    def form_filter(self) -> django_filters.Filter:
        return django_filters.MultipleChoiceFilter(label=self.label, choices=self.choices.choices)

    def labels(self, values: list[str]) -> dict[str, str]:
        return {code: str(label) for code, label in self.choices.choices}


class Record(Kind):
    """One record of a model (a foreign key), named by its label_sql."""

    def __init__(self, name: str, label: str, column: str, model: type[models.Model], form_label: str = "",
                 label_sql: str = "{name}", label_params: Callable[[], list] = list, source: str | None = None) -> None:
        super().__init__(name, label, column, source)
        self.model, self.form_label, self.label_sql = model, form_label or label, label_sql
        self.label_params = label_params

    def form_filter(self) -> django_filters.Filter:
        return django_filters.ModelMultipleChoiceFilter(label=self.form_label, queryset=self.records)

    def records(self, request=None) -> models.QuerySet:
        """The records a value may name, given to the filter as a callable
        (django-filter calls it with the request): each request's filters
        are deep copies of the declared ones, and a queryset is dear to copy."""
        return self.model.objects.all()

    def label_query(self, values: list[str]) -> tuple[str, list] | None:
        ids = [int(v) for v in values if v.isdigit() and int(v) < 2**63]
        if not ids:
            return None
        # The record's English name on the English pages, where it has one.
        name = "COALESCE(NULLIF(name_en, ''), name)" if (get_language() or "").startswith("en") else "name"
        label = self.label_sql.format(name=name)
        return (f"SELECT %s, id, {label} FROM {self.model._meta.db_table} WHERE id = ANY(%s)",
                [self.name, *self.label_params(), ids])


class Records(Record):
    """Several records of a model per article (an array of their ids)."""

    many = True

    def select(self) -> str:
        return f"COALESCE({self.column}, '{{}}')"

    def load(self, values: np.ndarray, lengths: np.ndarray | None = None) -> Many:
        return Many.laid_out(values, lengths)

    def mask(self, column: Many, values: list, size: int) -> np.ndarray:
        return column.any_of(values, size)

    def counts(self, column: Many, rows: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
        return column.counts(rows, size)


class Numbers(Records):
    """Several records per article, known by a number of their own (to_field),
    shown as the number, with its symbol on the chip."""

    def __init__(self, name: str, label: str, column: str, model: type[models.Model], to_field: str, chip: str,
                 form_label: str = "", source: str | None = None) -> None:
        super().__init__(name, label, column, model, form_label, source=source)
        self.to_field, self.chip = to_field, chip

    def form_filter(self) -> django_filters.Filter:
        return django_filters.ModelMultipleChoiceFilter(
            label=self.form_label, queryset=self.records, to_field_name=self.to_field
        )

    def plain(self, cleaned) -> list:
        return [getattr(item, self.to_field) for item in cleaned]

    def label_query(self, values: list[str]) -> None:
        return None  # the number is its own label

    def chip_labels(self, values: list[str]) -> dict[str, str]:
        return {v: self.chip.format(v) for v in values}


class DateBound(Kind):
    """A first or last day of a column of dates: a filter, not a facet."""

    counted = False

    def __init__(self, name: str, label: str, column: str, last: bool, source: str | None = None) -> None:
        super().__init__(name, label, column, source)
        self.last = last

    def select(self) -> str:
        return days_sql(self.column)

    def mask(self, column: np.ndarray, values: list, size: int) -> np.ndarray:
        bound = (values[0] - EPOCH).days
        if self.last:
            return (column <= bound) & (column != NO_DATE)
        return column >= bound

    def form_filter(self) -> django_filters.Filter:
        return django_filters.DateFilter(label=self.label)

    def plain(self, cleaned) -> list:
        return [cleaned]


# The facets --------------------------------------------------------------------------

# An article's date is its meeting's, else its publication's: researchers
# ask when something was said at a meeting, not when a site posted it.
EVENT_DATE_SOURCE = "facts.event_date"
_MENTIONED = "ARRAY(SELECT DISTINCT mention.{key} FROM archive_{table} AS mention WHERE mention.article_id = a.id ORDER BY 1)::integer[]"

DECLARED: list[Kind] = [
    Year("year", _("السنة"), "event_year", source="EXTRACT(YEAR FROM facts.event_date)::integer"),
    DateBound("date_from", _("من تاريخ"), "event_date", last=False, source=EVENT_DATE_SOURCE),
    DateBound("date_to", _("إلى تاريخ"), "event_date", last=True, source=EVENT_DATE_SOURCE),
    Choice("format", _("صيغة الاجتماع"), "meeting_format", MeetingFormat, source="COALESCE(meeting.format, '')"),
    Choice("kind", _("نوع الاجتماع"), "meeting_kind", MeetingKind, source="COALESCE(meeting.kind, '')"),
    Record("outlet", _("المصدر"), "outlet_id", Outlet),
    # A meeting's label carries its date and place: several meetings share a
    # name ("الاجتماع الوزاري للتحالف الدولي ضد داعش في واشنطن").
    Record("meeting", _("الاجتماع"), "meeting_id", Meeting, label_sql="{name} || ' (' || coalesce(to_char(date, 'YYYY-MM-DD'),"
           " %s) || coalesce(' · ' || nullif(place, ''), '') || ')'", label_params=lambda: [str(_("بلا تاريخ"))]),
    Records("person", _("الأشخاص"), "person_ids", Person, form_label=_("الشخص"),
            source=_MENTIONED.format(key="person_id", table="personmention")),
    Records("country", _("الدول"), "country_ids", Country, form_label=_("الدولة"),
            source=_MENTIONED.format(key="country_id", table="countrymention")),
    Numbers("resolution", _("قرارات مجلس الأمن"), "resolution_numbers", Resolution, to_field="number", chip="S/RES/{}",
            form_label=_("القرار"), source="ARRAY(SELECT DISTINCT resolution.number FROM archive_citation AS citation"
            " JOIN archive_resolution AS resolution ON resolution.id = citation.resolution_id"
            " WHERE citation.article_id = a.id ORDER BY 1)::integer[]"),
]

_changed: list[Callable[[], None]] = []


def declared() -> list[Kind]:
    return list(DECLARED)


def counted() -> list[Kind]:
    return [kind for kind in DECLARED if kind.counted]


def named(name: str) -> Kind | None:
    return next((kind for kind in DECLARED if kind.name == name), None)


def columns() -> dict[str, Kind]:
    """Each column the facets read, with the first facet reading it (which
    loads it: date_from and date_to share one)."""
    found: dict[str, Kind] = {}
    for kind in DECLARED:
        found.setdefault(kind.column, kind)
    return found


def on_change(callback: Callable[[], None]) -> None:
    """Call this when the declarations change (a test adding a facet): the
    form's filters and the engine's copy are made from them."""
    _changed.append(callback)


@contextmanager
def added(*kinds: Kind) -> Iterator[None]:
    """These facets declared too, for the length of the block."""
    DECLARED.extend(kinds)
    _announce()
    try:
        yield
    finally:
        for kind in kinds:
            DECLARED.remove(kind)
        _announce()


def _announce() -> None:
    for callback in _changed:
        callback()
