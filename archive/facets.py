"""Facet counts for the search page, and the chips of the active filters.

Each facet is counted over the current results with every other active
filter applied, not its own: choosing a second outlet adds to the first
(values of one facet combine with OR), so the counts beside the outlets
must not already be narrowed to the first. Only published articles are
counted, because only they are searched.

All facets are counted in one statement. The articles matching the search
(before any filter) are read once into a materialized CTE, one row each
with the facts copied onto it (archive.indexing.refresh_facets); each facet
is then one GROUP BY over that set, with the other filters as plain tests
on those columns: no join, and the full-text match is made once, not once
per facet. The top values only, and the active ones always; labels are
joined in the same statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.http import QueryDict

from archive import search
from archive.filters import ArticleFilter
from archive.models import Article, Country, Meeting, MeetingFormat, MeetingKind, Outlet, Person

TOP_VALUES = 10
TOP_YEARS = 40
# Parameters that are not filters: dropped from the links facets make.
NOT_FILTERS = ("page",)
# The matched set of a broad query is held in memory, not spilled to disk.
WORK_MEM = "64MB"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool
    url: str  # the current search with this value added, or removed if active


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class Chip:
    label: str
    value: str
    remove_url: str


LABELS = {
    "year": "السنة",
    "format": "صيغة الاجتماع",
    "kind": "نوع الاجتماع",
    "outlet": "المصدر",
    "meeting": "الاجتماع",
    "person": "الأشخاص",
    "country": "الدول",
    "resolution": "قرارات مجلس الأمن",
}

# Each filter as a test on the matched set's columns: the same tests the
# FilterSet makes on the article (archive.filters), which a test holds them to.
FACET_CONDITIONS = {
    "year": "m.event_year = ANY(%s)",
    "date_from": "m.event_date >= %s",
    "date_to": "m.event_date <= %s",
    "format": "m.meeting_format = ANY(%s)",
    "kind": "m.meeting_kind = ANY(%s)",
    "outlet": "m.outlet_id = ANY(%s)",
    "meeting": "m.meeting_id = ANY(%s)",
    "person": "m.person_ids && %s::integer[]",
    "country": "m.country_ids && %s::integer[]",
    "resolution": "m.resolution_numbers && %s::integer[]",
}
_SCALAR = ("date_from", "date_to")
MATCHED_COLUMNS = (
    "event_year", "event_date", "meeting_format", "meeting_kind", "outlet_id", "meeting_id", "person_ids",
    "country_ids", "resolution_numbers",
)


@dataclass(frozen=True)
class _Counted:
    """How one facet is counted: the value of a matched row (a column, or
    each element of an array), the table its label comes from, and how
    its values are ordered."""

    value: str
    array: bool = False
    label_table: str | None = None
    label_column: str = "name"
    by_value: bool = False  # years: newest first, not most frequent
    limit: int | None = TOP_VALUES
    empty: str = "IS NOT NULL"


_FACETS = {
    "year": _Counted("m.event_year", by_value=True, limit=TOP_YEARS),
    "format": _Counted("m.meeting_format", limit=None, empty="<> ''"),
    "kind": _Counted("m.meeting_kind", limit=None, empty="<> ''"),
    "outlet": _Counted("m.outlet_id", label_table=Outlet._meta.db_table),
    "meeting": _Counted("m.meeting_id", label_table=Meeting._meta.db_table),
    "person": _Counted("m.person_ids", array=True, label_table=Person._meta.db_table),
    "country": _Counted("m.country_ids", array=True, label_table=Country._meta.db_table),
    "resolution": _Counted("m.resolution_numbers", array=True),
}
_CHOICE_LABELS = {"format": dict(MeetingFormat.choices), "kind": dict(MeetingKind.choices)}


def compute(data: QueryDict, published: QuerySet[Article], query: search.Query | None = None) -> list[Facet]:
    """`query`: the search already parsed for the page, so that it is not
    parsed (and its forms looked up) again."""
    filterset = ArticleFilter(_without(data, *NOT_FILTERS), queryset=published)
    if not filterset.is_valid():
        return []
    query = query if query is not None else filterset.query
    active = filterset.values()
    matched = search.matching(published, query).order_by().values("id", *MATCHED_COLUMNS)
    rows = _count(matched, active)
    facets = []
    for name, label in LABELS.items():
        chosen = [str(v) for v in active.get(name, [])]
        facet = Facet(name, label)
        seen = set()
        for value, value_label, count in rows.get(name, []):
            value = str(value)
            if value in seen:
                continue
            seen.add(value)
            if name in _CHOICE_LABELS:
                value_label = str(_CHOICE_LABELS[name].get(value, value))
            is_active = value in chosen
            facet.values.append(FacetValue(value, str(value_label), count, is_active, _toggle(data, name, value, is_active)))
        facets.append(facet)
    return facets


def _count(matched: QuerySet, active: dict[str, list]) -> dict[str, list[tuple]]:
    """Every facet's (value, label, count) rows, in one statement."""
    matched_sql, matched_params = matched.query.sql_with_params()
    parts: list[str] = []
    params: list = list(matched_params)
    for name, counted in _FACETS.items():
        others = [(other, values) for other, values in active.items() if other != name]
        conditions = [FACET_CONDITIONS[other] for other, _ in others]
        condition_params = [values[0] if other in _SCALAR else values for other, values in others]
        if counted.array:
            source, value = f"m CROSS JOIN LATERAL unnest({counted.value}) AS v(value)", "v.value"
        else:
            source, value = "m", counted.value
            conditions.append(f"{value} {counted.empty}")
        where = " AND ".join(conditions) or "TRUE"
        order = f"{value} DESC" if counted.by_value else f"count(*) DESC, {value}"
        limit = f" LIMIT {int(counted.limit)}" if counted.limit else ""
        selections = [(f"SELECT {value} AS value, count(*) AS n FROM {source} WHERE {where} GROUP BY {value} "
                       f"ORDER BY {order}{limit}", condition_params)]
        chosen = active.get(name)
        if chosen and counted.limit:
            # An active value outside the top stays visible, so it can be removed.
            selections.append((f"SELECT {value} AS value, count(*) AS n FROM {source} WHERE {where} "
                               f"AND {value}::text = ANY(%s) GROUP BY {value}", [*condition_params, [str(v) for v in chosen]]))
        for sql, sql_params in selections:
            if counted.label_table:
                label = f"(SELECT l.{counted.label_column} FROM {counted.label_table} AS l WHERE l.id = f.value)"
            else:
                label = "f.value::text"
            parts.append(f"(SELECT %s AS facet, f.value::text, {label} AS label, f.n FROM ({sql}) AS f)")
            params += [name, *sql_params]
    statement = f"WITH m AS MATERIALIZED ({matched_sql}) " + " UNION ALL ".join(parts)
    alias = router.db_for_read(Article)
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(statement, params)
        fetched = cursor.fetchall()
    rows: dict[str, list[tuple]] = {}
    for name, value, label, count in fetched:
        rows.setdefault(name, []).append((value, label, count))
    return rows


def per_year(facets_: list[Facet]) -> list[tuple[int, int]]:
    """Articles per year among the results, oldest first: the year facet's
    counts (every other filter applied), kept to the chosen years if any."""
    for facet in facets_:
        if facet.name == "year":
            chosen = [v for v in facet.values if v.active]
            return sorted((int(v.value), v.count) for v in (chosen or facet.values))
    return []


def chips(data: QueryDict) -> list[Chip]:
    """The active filters, each with the link that removes it."""
    found = []
    for name, values in data.lists():
        if name in ("q", "sort", "page"):
            continue
        label = LABELS.get(name) or {"date_from": "من تاريخ", "date_to": "إلى تاريخ"}.get(name)
        if label is None:
            continue
        names = _value_labels(name, values)
        for value in values:
            if value:
                found.append(Chip(label, names.get(value, value), _toggle(data, name, value, True)))
    return found


def _value_labels(name: str, values: list[str]) -> dict[str, str]:
    models = {"outlet": Outlet, "meeting": Meeting, "person": Person, "country": Country}
    if name in models:
        ids = [v for v in values if v.isdigit()]
        return {str(pk): str(label) for pk, label in models[name].objects.filter(pk__in=ids).values_list("pk", "name")}
    if name == "format":
        return {k: str(v) for k, v in MeetingFormat.choices}
    if name == "kind":
        return {k: str(v) for k, v in MeetingKind.choices}
    if name == "resolution":
        return {v: f"S/RES/{v}" for v in values}
    return {}


def _without(data: QueryDict, *names: str) -> QueryDict:
    params = data.copy()
    for name in names:
        params.pop(name, None)
    return params


def _toggle(data: QueryDict, name: str, value: str, active: bool) -> str:
    params = _without(data, "page")
    values = [v for v in params.getlist(name) if v != value]
    if not active:
        values.append(value)
    params.setlist(name, values)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
