"""Facet values for the search page, and the chips of the active filters.

Each facet is counted over the current results with every other active
filter applied, not its own: choosing a second outlet adds to the first
(values of one facet combine with OR), so the counts beside the outlets
must not already be narrowed to the first. Only published articles are
counted, because only they are searched. The counting itself is
archive.columns' (one pass over the matches for all facets); here the
counts become the links that add or remove each value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote_plus

from django.db import connections, router
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

from archive import columns, search
from archive.filters import ArticleFilter
from archive.models import Article, Country, Meeting, MeetingFormat, MeetingKind, Outlet, Person

# Parameters that are not filters: dropped from the links facets make.
NOT_FILTERS = ("page",)


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

    def values_html(self) -> SafeString:
        """The facet's list items. Written here rather than in the template:
        a page shows up to eighty values, and the template engine's loop
        over them was a fifth of the page's time outside the database; and
        with the standard library's escape rather than format_html's, which
        asks of each of the 560 values whether it is safe already."""
        name = escape(self.name)
        return mark_safe(  # noqa: S308 - every value is escaped
            "\n".join(
                f'<li{_ACTIVE_CLASS if value.active else ""}><a href="{escape(value.url)}" data-facet="{name}"'
                f' data-value="{escape(value.value)}"{_ACTIVE_CURRENT if value.active else ""}>'
                f'<span class="facet-label"><bdi>{escape(value.label)}</bdi></span>'
                f' <span class="facet-count">{int(value.count)}</span></a></li>'
                for value in self.values
            )
        )


_ACTIVE_CLASS = mark_safe(' class="active"')
_ACTIVE_CURRENT = mark_safe(' aria-current="true"')


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


def build(data: QueryDict, counted: columns.Counted, active: dict[str, list]) -> list[Facet]:
    """The facets of a counted search, each value with its link."""
    facets = []
    toggle = _toggler(data)
    labels = _value_labels_of({name: [value for value, _ in counted.facets.get(name, [])] for name in LABELS})
    for name, label in LABELS.items():
        chosen = {str(v) for v in active.get(name, [])}
        facet = Facet(name, label)
        for value, count in counted.facets.get(name, []):
            is_active = value in chosen
            # A resolution's facet value is its number as it is; its chip says S/RES/.
            shown = value if name == "resolution" else labels[name].get(value, value)
            facet.values.append(FacetValue(value, shown, count, is_active, toggle(name, value, is_active)))
        facets.append(facet)
    return facets


def compute(data: QueryDict, query: search.Query | None = None) -> list[Facet]:
    """Count and build the facets of a search given as request parameters."""
    filterset = ArticleFilter(_without(data, *NOT_FILTERS), queryset=Article.objects.published())
    if not filterset.is_valid():
        return []
    active = filterset.values()
    # The facets only: the results' order, which ranks them, is not needed.
    counted = columns.count(query if query is not None else filterset.query, active, filterset.sort_order, order=False)
    return build(data, counted, active)


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


_NAMED = {"outlet": Outlet, "meeting": Meeting, "person": Person, "country": Country}
# A meeting's label carries its date and place: several meetings share a name
# ("الاجتماع الوزاري للتحالف الدولي ضد داعش في واشنطن").
_LABEL_SQL = {
    "meeting": "name || ' (' || coalesce(to_char(date, 'YYYY-MM-DD'), 'بلا تاريخ')"
    " || coalesce(' · ' || nullif(place, ''), '') || ')'",
}


def _value_labels(name: str, values: list[str]) -> dict[str, str]:
    return _value_labels_of({name: values})[name]


def _value_labels_of(values: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """The label of each value of each facet; the records' names in one
    query for all the facets."""
    labels: dict[str, dict[str, str]] = {name: {} for name in values}
    parts, params = [], []
    for name, chosen in values.items():
        ids = [int(v) for v in chosen if v.isdigit() and int(v) < 2**63]
        if name in _NAMED and ids:
            label = _LABEL_SQL.get(name, "name")
            parts.append(f"SELECT %s, id, {label} FROM {_NAMED[name]._meta.db_table} WHERE id = ANY(%s)")
            params += [name, ids]
    if parts:
        with connections[router.db_for_read(Outlet)].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for name, pk, label in cursor.fetchall():
                labels[name][str(pk)] = label
    for name, chosen in values.items():
        if name == "format":
            labels[name] = {k: str(v) for k, v in MeetingFormat.choices}
        elif name == "kind":
            labels[name] = {k: str(v) for k, v in MeetingKind.choices}
        elif name == "resolution":
            labels[name] = {v: f"S/RES/{v}" for v in chosen}
    return labels


def _without(data: QueryDict, *names: str) -> QueryDict:
    params = data.copy()
    for name in names:
        params.pop(name, None)
    return params


def _toggle(data: QueryDict, name: str, value: str, active: bool) -> str:
    return _toggler(data)(name, value, active)


def _toggler(data: QueryDict) -> Callable[[str, str, bool], str]:
    """The link that adds a value to the current search, or removes it if
    active (and goes back to the first page): the parameters are read and
    encoded once for all of a page's links rather than for each (eighty
    links, each of the same few parameters)."""
    lists = [(key, values) for key, values in data.lists() if key not in NOT_FILTERS]

    def encode(key: str, value: str) -> str:
        return f"{quote_plus(key)}={quote_plus(value)}"

    encoded = {(key, value): encode(key, value) for key, values in lists for value in values}

    def pair(key: str, value: str) -> str:
        return encoded.get((key, value)) or encode(key, value)

    def toggle(name: str, value: str, active: bool) -> str:
        pairs = []
        for key, values in lists:
            if key == name:
                values = [v for v in values if v != value]
            pairs += [encoded[key, v] for v in values]
            if key == name and not active:
                pairs.append(pair(name, value))
        if not active and all(key != name for key, _ in lists):
            pairs.append(pair(name, value))
        return "?" + "&".join(pairs)

    return toggle
