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

from dataclasses import dataclass, field

from django.http import QueryDict

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
    for name, label in LABELS.items():
        chosen = {str(v) for v in active.get(name, [])}
        counts = counted.facets.get(name, [])
        # A resolution's facet value is its number as it is; its chip says S/RES/.
        labels = {} if name == "resolution" else _value_labels(name, [value for value, _ in counts])
        facet = Facet(name, label)
        for value, count in counts:
            is_active = value in chosen
            facet.values.append(
                FacetValue(value, labels.get(value, value), count, is_active, _toggle(data, name, value, is_active))
            )
        facets.append(facet)
    return facets


def compute(data: QueryDict, query: search.Query | None = None) -> list[Facet]:
    """Count and build the facets of a search given as request parameters."""
    filterset = ArticleFilter(_without(data, *NOT_FILTERS), queryset=Article.objects.published())
    if not filterset.is_valid():
        return []
    active = filterset.values()
    counted = columns.count(query if query is not None else filterset.query, active, filterset.sort_order)
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
