"""Facet counts for the search page, and the chips of the active filters.

Each facet is counted over the current results with every other active
filter applied, not its own: choosing a second outlet adds to the first
(values of one facet combine with OR), so the counts beside the outlets
must not already be narrowed to the first. One GROUP BY per facet, on the
filtered article ids, with the ordering cleared; the top values only, and
the active ones always. Only published articles are counted, because only
they are searched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import QueryDict

from archive.filters import EVENT_YEAR, ArticleFilter
from archive.models import (
    Article,
    Citation,
    Country,
    CountryMention,
    Meeting,
    MeetingFormat,
    MeetingKind,
    Outlet,
    Person,
    PersonMention,
    Resolution,
)

TOP_VALUES = 10
TOP_YEARS = 40
# Parameters that are not filters: dropped from a facet's own filtering
# and from the links it makes.
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


def compute(data: QueryDict, published: QuerySet[Article], query=None) -> list[Facet]:
    """`query`: the search already parsed for the page, so that it is not
    parsed (and its forms looked up) again for every facet."""
    facets = []
    for name, label in LABELS.items():
        params = _without(data, name, *NOT_FILTERS)
        filterset = ArticleFilter(params, queryset=published)
        if not filterset.is_valid():
            continue
        if query is not None:
            filterset._query = query
        ids = filterset.qs.order_by().values("pk")
        active = data.getlist(name)
        counts = _COUNTERS[name](ids, active)
        facet = Facet(name, label)
        for value, value_label, count in counts:
            value = str(value)
            is_active = value in active
            facet.values.append(FacetValue(value, value_label, count, is_active, _toggle(data, name, value, is_active)))
        facets.append(facet)
    return facets


def _years(ids, active) -> list[tuple]:
    rows = (
        Article.objects.filter(pk__in=ids)
        .annotate(event_year=EVENT_YEAR)
        .exclude(event_year=None)
        .values("event_year")
        .annotate(n=Count("pk"))
        .order_by("-event_year")[:TOP_YEARS]
    )
    return [(row["event_year"], str(row["event_year"]), row["n"]) for row in rows]


def _choices(field: str, choices):
    labels = dict(choices)

    def count(ids, active) -> list[tuple]:
        rows = (
            Article.objects.filter(pk__in=ids)
            .exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(n=Count("pk"))
            .order_by("-n", field)
        )
        return [(row[field], str(labels.get(row[field], row[field])), row["n"]) for row in rows]

    return count


def _related(model, link: str, label_field: str, through=None, value_field: str = "pk"):
    """Counts of articles per related record: through a mention table
    (people, countries, resolutions) or a foreign key on the article."""

    def count(ids, active) -> list[tuple]:
        if through is None:
            rows = Article.objects.filter(pk__in=ids).exclude(**{f"{link}__isnull": True})
            group = link
            counted = Count("pk")
        else:
            rows = through.objects.filter(article__in=ids)
            group = link
            counted = Count("article", distinct=True)
        value_path = f"{group}__{value_field}" if value_field != "pk" else group
        label_path = f"{group}__{label_field}"
        grouped = rows.values(value_path, label_path).annotate(n=counted).order_by("-n", label_path)
        top = list(grouped[:TOP_VALUES])
        shown = {str(row[value_path]) for row in top}
        missing = [value for value in active if value not in shown]
        if missing:
            # An active value outside the top stays visible, so it can be removed.
            lookup = f"{value_path}__in"
            top += list(grouped.filter(**{lookup: missing}))
        return [(row[value_path], str(row[label_path]), row["n"]) for row in top]

    return count


_COUNTERS = {
    "year": _years,
    "format": _choices("meeting__format", MeetingFormat.choices),
    "kind": _choices("meeting__kind", MeetingKind.choices),
    "outlet": _related(Outlet, "outlet", "name"),
    "meeting": _related(Meeting, "meeting", "name"),
    "person": _related(Person, "person", "name", through=PersonMention),
    "country": _related(Country, "country", "name", through=CountryMention),
    "resolution": _related(Resolution, "resolution", "number", through=Citation, value_field="number"),
}


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
