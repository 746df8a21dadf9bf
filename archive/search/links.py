"""Facet values for the search page, and the chips of the active filters.

Each facet is counted over the current results with every other active
filter applied, not its own: choosing a second outlet adds to the first
(values of one facet combine with OR), so the counts beside the outlets
must not already be narrowed to the first. Only published articles are
counted, because only they are searched. The counting itself is
archive.search.engine's (one pass over the matches for all facets); here
the counts become the links that add or remove each value, each labelled
as its facet's declaration (archive.search.facets) says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote_plus

from django.db import connections, router
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

from archive.models import Article, Outlet
from archive.search import engine, facets, queries
from archive.search.filters import ArticleFilter

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


def build(data: QueryDict, counted: engine.Counted, active: dict[str, list]) -> list[Facet]:
    """The facets of a counted search, each value with its link."""
    built = []
    toggle = _toggler(data)
    kinds = facets.counted()
    labels = _value_labels_of({kind.name: [value for value, _ in counted.facets.get(kind.name, [])] for kind in kinds})
    for kind in kinds:
        chosen = {str(v) for v in active.get(kind.name, [])}
        facet = Facet(kind.name, kind.label)
        for value, count in counted.facets.get(kind.name, []):
            is_active = value in chosen
            shown = labels[kind.name].get(value, value)
            facet.values.append(FacetValue(value, shown, count, is_active, toggle(kind.name, value, is_active)))
        built.append(facet)
    return built


def compute(data: QueryDict, query: queries.Query | None = None) -> list[Facet]:
    """Count and build the facets of a search given as request parameters."""
    filterset = ArticleFilter(_without(data, *NOT_FILTERS), queryset=Article.objects.published())
    if not filterset.is_valid():
        return []
    active = filterset.values()
    # The facets only: the results' order, which ranks them, is not needed.
    counted = engine.count(query if query is not None else filterset.query, active, filterset.sort_order, order=False)
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
        kind = facets.named(name)
        if kind is None:
            continue
        names = _chip_labels(kind, values)
        for value in values:
            if value:
                found.append(Chip(kind.label, names.get(value, value), _toggle(data, name, value, True)))
    return found


def _chip_labels(kind: facets.Kind, values: list[str]) -> dict[str, str]:
    labels = kind.chip_labels(values)
    return labels if labels is not None else _value_labels_of({kind.name: values})[kind.name]


def _value_labels_of(values: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """The label of each value of each facet; the records' names in one
    query for all the facets."""
    labels: dict[str, dict[str, str]] = {name: {} for name in values}
    parts, params = [], []
    for kind in facets.declared():
        if kind.name not in values:
            continue
        asked = kind.label_query(values[kind.name])
        if asked is not None:
            parts.append(asked[0])
            params += asked[1]
        else:
            labels[kind.name] = kind.labels(values.get(kind.name, []))
    if parts:
        with connections[router.db_for_read(Outlet)].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for name, pk, label in cursor.fetchall():
                labels[name][str(pk)] = label
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
