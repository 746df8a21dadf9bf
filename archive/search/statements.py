"""Searching who said what: the statements of published articles, by their
words and by speaker.

Choices:
- The statements' own index (Statement.search, built like the articles'
  by archive.search.indexing from the statement's words and its speaker as
  written) and the articles' query parser (archive.search.queries): a
  researcher's «الهول» or "Tillerson" reads the same here as on the search
  page, spelling variants included.
- Plain SQL through the ORM rather than the search page's in-memory engine
  (archive.search.engine): a statement has five facts where an article has
  eleven facets, and one GROUP BY over the matching statements counts the
  speakers. A speaker is one value, its kind and key together:
  "person-<id>", "collective-<kind>" or "government-<ISO code>".
- The page, /statements.csv and /statements.json take one FilterSet, so an
  export holds exactly the statements the page lists, in the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear

from archive.editorial import merging
from archive.models import Collective, Country, Person, SpeakerKind, Statement
from archive.search import queries
from archive.search.filters import QUERY_MAX_LENGTH, bounded_words

# The event's date: its meeting's, else its article's publication (copied onto the statement).
EVENT_DATE = F("event_date")
_SPEAKER = re.compile(r"^(?:person-(?P<person>\d{1,12})|collective-(?P<kind>[a-z]{1,16})|government-(?P<iso>[A-Z]{2}))$")
SPEAKER_FACET_SIZE = 30


def published() -> QuerySet[Statement]:
    """Every public statement, newest event first, in the order of its article."""
    return (
        Statement.objects.public()
        .select_related("article__meeting", "article__outlet", "person", "country")
        .annotate(when=EVENT_DATE)
        .order_by(F("when").desc(nulls_last=True), "-article_id", "position")
    )


def _speaker_value(value: str) -> None:
    match = _SPEAKER.match(value)
    if match is None or (match["kind"] and match["kind"] not in Collective.values):
        raise ValidationError(
            "قيمة المتحدث غير صحيحة: person-<رقم> أو collective-<الجهة> أو government-<رمز الدولة>.", code="speaker"
        )


def speaker_q(value: str) -> Q:
    """The statements of one speaker value; a person merged away since the
    link was made is followed to the person kept."""
    match = _SPEAKER.match(value)
    if match is None:
        return Q(pk__in=[])
    if match["person"]:
        pk = int(match["person"])
        if not Person.objects.filter(pk=pk).exists():
            pk = merging.kept_pk(Person, pk) or pk
        return Q(person_id=pk)
    if match["iso"]:
        return Q(collective=Collective.GOVERNMENT, country__iso_code=match["iso"])
    return Q(speaker_kind=SpeakerKind.COLLECTIVE, collective=match["kind"])


def country_q(iso: str) -> Q:
    """The statements spoken for a state: by its government or its people."""
    return Q(collective=Collective.GOVERNMENT, country__iso_code=iso) | Q(person__country__iso_code=iso)


class StatementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="البحث في التصريحات", method="filter_words", max_length=QUERY_MAX_LENGTH, strip=True,
        validators=[bounded_words],
    )
    speaker = django_filters.CharFilter(label="المتحدث", method="filter_speaker", validators=[_speaker_value])
    meeting = django_filters.NumberFilter(label="الاجتماع", field_name="article__meeting_id", min_value=1)
    country = django_filters.CharFilter(label="الدولة", method="filter_country", max_length=2, min_length=2)
    year = django_filters.NumberFilter(label="السنة", method="filter_year", min_value=2000, max_value=2100)
    quote = django_filters.BooleanFilter(label="اقتباس مباشر فقط", field_name="is_quote")

    class Meta:
        model = Statement
        fields: list[str] = []

    def filter_words(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        query = queries.parse(value)
        return queryset if query.is_empty else queryset.matching(query.tsquery())

    def filter_speaker(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(speaker_q(value))

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country_q(value.upper()))

    def filter_year(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.annotate(event_year=ExtractYear(EVENT_DATE)).filter(event_year=int(value))

    def without(self, name: str) -> QuerySet:
        """The filtered statements but for one filter: what that filter's
        facet counts, so that another of its values can be chosen."""
        data = self.data.copy()
        data.pop(name, None)
        other = StatementFilter(data, queryset=self.queryset)
        return other.qs if other.is_valid() else self.queryset.none()


@dataclass(frozen=True)
class SpeakerCount:
    value: str
    label: str
    count: int
    kind: str


def speaker_counts(queryset: QuerySet[Statement], size: int = SPEAKER_FACET_SIZE) -> list[SpeakerCount]:
    """The speakers of these statements, the most frequent first."""
    rows = (
        queryset.order_by()
        .values("speaker_kind", "person_id", "collective", "country__iso_code")
        .annotate(count=Count("pk"))
        .order_by("-count")
    )
    counted: dict[str, int] = {}
    for row in rows:
        value = _value_of(row)
        if value:
            counted[value] = counted.get(value, 0) + row["count"]
    top = sorted(counted.items(), key=lambda item: -item[1])[:size]
    labels = speaker_labels([value for value, _ in top])
    return [SpeakerCount(value, labels.get(value, value), count, value.split("-", 1)[0]) for value, count in top]


def year_counts(queryset: QuerySet[Statement]) -> list[tuple[int, int]]:
    """The years of these statements (their meeting's, else their article's
    publication), the latest first, with their counts."""
    rows = (
        queryset.order_by().annotate(event_year=ExtractYear(EVENT_DATE)).values("event_year")
        .annotate(count=Count("pk")).order_by("-event_year")
    )
    return [(row["event_year"], row["count"]) for row in rows if row["event_year"]]


def _value_of(row: dict) -> str:
    if row["speaker_kind"] == SpeakerKind.PERSON:
        return f"person-{row['person_id']}" if row["person_id"] else ""
    if row["collective"] == Collective.GOVERNMENT and row["country__iso_code"]:
        return f"government-{row['country__iso_code']}"
    return f"collective-{row['collective']}"


def speaker_labels(values: list[str]) -> dict[str, str]:
    """How each speaker value reads: the person's name, «حكومة <الدولة>», the
    collective's label."""
    people = {f"person-{pk}": name for pk, name in Person.objects.filter(
        pk__in=[int(v.split("-")[1]) for v in values if v.startswith("person-")]).values_list("pk", "name")}
    states = {f"government-{iso}": f"حكومة {name}" for iso, name in Country.objects.filter(
        iso_code__in=[v.split("-")[1] for v in values if v.startswith("government-")]).values_list("iso_code", "name")}
    kinds = {f"collective-{value}": str(label) for value, label in Collective.choices}
    return {value: people.get(value) or states.get(value) or kinds.get(value, value) for value in values}
