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
- The counts are remembered while the statements stand (grouped, under the
  statements' version of migration 0033), rather than kept as columns in
  memory like the articles' facets: one GROUP BY needs no copy to bring up
  to date, and what repeats is the same filters, page after page and with
  a speaker or a year chosen.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from archive import versions
from archive.editorial import merging
from archive.models import Article, Collective, Country, Person, SpeakerKind, Statement
from archive.search import queries
from archive.search.filters import QUERY_MAX_LENGTH, bounded_words

# The event's date: its meeting's, else its article's publication (copied onto the statement).
EVENT_DATE = F("event_date")
_SPEAKER = re.compile(r"^(?:person-(?P<person>\d{1,12})|collective-(?P<kind>[a-z]{1,16})|government-(?P<iso>[A-Z]{2}))$")
SPEAKER_FACET_SIZE = 30


def published() -> QuerySet[Statement]:
    """Every public statement, newest event first, in the order of its
    article; without its index or its article's texts, which no list or
    export of statements shows (Article.TEXT_FIELDS)."""
    return (
        Statement.objects.public()
        .select_related("article__meeting", "article__outlet", "person", "country")
        .defer("search", *(f"article__{name}" for name in Article.TEXT_FIELDS))
        .annotate(when=EVENT_DATE)
        .order_by(F("when").desc(nulls_last=True), "-article_id", "position")
    )


def _speaker_value(value: str) -> None:
    match = _SPEAKER.match(value)
    if match is None or (match["kind"] and match["kind"] not in Collective.values):
        raise ValidationError(
            _("قيمة المتحدث غير صحيحة: person-<رقم> أو collective-<الجهة> أو government-<رمز الدولة>."), code="speaker"
        )


def resolved(value: str) -> str:
    """A speaker value with a person merged away since the link was made
    followed to the person kept; "" for no value."""
    match = _SPEAKER.match(value or "")
    if match is None or not match["person"]:
        return value if match is not None else ""
    pk = int(match["person"])
    if not Person.objects.filter(pk=pk).exists():
        pk = merging.kept_pk(Person, pk) or pk
    return f"person-{pk}"


def speaker_q(value: str) -> Q:
    """The statements of one speaker value (resolved first)."""
    match = _SPEAKER.match(resolved(value))
    if match is None:
        return Q(pk__in=[])
    if match["person"]:
        return Q(person_id=int(match["person"]))
    if match["iso"]:
        return Q(collective=Collective.GOVERNMENT, country__iso_code=match["iso"])
    if match["kind"] == Collective.GOVERNMENT:
        # A government of no known state: those of a state are "government-<ISO>", apart in the facet.
        return Q(speaker_kind=SpeakerKind.COLLECTIVE, collective=Collective.GOVERNMENT, country__isnull=True)
    return Q(speaker_kind=SpeakerKind.COLLECTIVE, collective=match["kind"])


def _speaks(speaker: dict, value: str) -> bool:
    """Whether a statement's speaker (a tally's row) is the one speaker_q
    selects for this resolved value: the same rule, over a row."""
    match = _SPEAKER.match(value)
    if match["person"]:
        return speaker["person_id"] == int(match["person"])
    if match["iso"]:
        return speaker["collective"] == Collective.GOVERNMENT and speaker["iso"] == match["iso"]
    if match["kind"] == Collective.GOVERNMENT and speaker["iso"]:
        return False
    return speaker["speaker_kind"] == SpeakerKind.COLLECTIVE and speaker["collective"] == match["kind"]


def country_q(iso: str) -> Q:
    """The statements spoken for a state: by its government or its people.

    Written with the ids of the country and of its people, read first, so
    that PostgreSQL finds the statements by their indexes: with the joins
    inside the OR it read every statement (0.46 s a country page at
    100,000 articles, 491,288 statements)."""
    countries = list(Country.objects.filter(iso_code=iso).values_list("pk", flat=True))
    people = list(Person.objects.filter(country__iso_code=iso).values_list("pk", flat=True))
    return Q(collective=Collective.GOVERNMENT, country_id__in=countries) | Q(person_id__in=people)


class YearFilter(django_filters.NumberFilter):
    """A year, a whole number: NumberFilter's Decimal could not be written
    into the JSON export's header, which cut every /statements.json?year=…
    off before its first statement."""

    field_class = forms.IntegerField


class StatementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("البحث في التصريحات"), method="filter_words", max_length=QUERY_MAX_LENGTH, strip=True,
        validators=[bounded_words],
    )
    speaker = django_filters.CharFilter(label=_("المتحدث"), method="filter_speaker", validators=[_speaker_value])
    meeting = django_filters.NumberFilter(label=_("الاجتماع"), field_name="article__meeting_id", min_value=1)
    country = django_filters.CharFilter(label=_("الدولة"), method="filter_country", max_length=2, min_length=2)
    year = YearFilter(label=_("السنة"), method="filter_year", min_value=2000, max_value=2100)
    quote = django_filters.BooleanFilter(label=_("اقتباس مباشر فقط"), field_name="is_quote")

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

    def without(self, *names: str) -> QuerySet:
        """The filtered statements but for these filters: what their facets
        count, so that another of their values can be chosen."""
        data = self.data.copy()
        for name in names:
            data.pop(name, None)
        other = StatementFilter(data, queryset=self.queryset)
        return other.qs if other.is_valid() else self.queryset.none()

    def tallies(self, size: int = SPEAKER_FACET_SIZE) -> Tallies:
        """How many statements the filters select, and the speaker and year
        facets, in one pass (see tally)."""
        chosen = self.form.cleaned_data
        return tally(self.without("speaker", "year"), resolved(chosen.get("speaker") or ""), chosen.get("year"), size)


@dataclass(frozen=True)
class SpeakerCount:
    value: str
    label: str
    count: int
    kind: str


@dataclass(frozen=True)
class Tallies:
    total: int
    speakers: list[SpeakerCount]
    years: list[tuple[int, int]]


def tally(
    queryset: QuerySet[Statement], speaker: str = "", year: int | None = None, size: int = SPEAKER_FACET_SIZE,
) -> Tallies:
    """Count, in one GROUP BY over the statements every other filter
    selects, by speaker and year: how many the speaker and the year chosen
    leave (the page's total), the speakers of the chosen year (the speaker
    facet, most frequent first) and the years of the chosen speaker (the
    year facet, latest first). At 100,000 articles a word in a third of the
    491,288 statements took a count, a speaker count and a year count,
    0.4-0.8 s each; the one pass reads the rows once, and is remembered
    (see grouped)."""
    rows = [dict(row) for row in grouped(queryset)]
    iso = dict(Country.objects.filter(pk__in={row["country_id"] for row in rows} - {None}).values_list("pk", "iso_code"))
    total, speakers, years = 0, Counter(), Counter()
    for row in rows:
        row["iso"] = iso.get(row["country_id"])
        in_year, by_speaker = year is None or row["event_year"] == year, not speaker or _speaks(row, speaker)
        if in_year and (value := _value_of(row)):
            speakers[value] += row["count"]
        if by_speaker and row["event_year"]:
            years[row["event_year"]] += row["count"]
        total += row["count"] if in_year and by_speaker else 0
    top = speakers.most_common(size)
    labels = speaker_labels([value for value, _ in top])
    return Tallies(
        total,
        [SpeakerCount(value, labels.get(value, value), count, value.split("-", 1)[0]) for value, count in top],
        sorted(years.items(), reverse=True),
    )


def grouped(queryset: QuerySet[Statement]) -> list[dict]:
    """These statements counted by speaker and year, remembered in the
    "counts" cache under the statements' version (migration 0033) and the
    query's SQL: the same filters ask again on every page of their results,
    with a speaker or a year chosen, and on the plain /statements/ list.
    At 100,000 generated articles the plain list's pass over 491,288
    statements took about 0.34 s. The version is read in the statement that
    counts, so that what is stored is what that number saw, whatever
    committed since the page read its own."""
    counted = (
        queryset.order_by().annotate(event_year=ExtractYear(EVENT_DATE))
        .values("speaker_kind", "person_id", "collective", "country_id", "event_year").annotate(count=Count("pk"))
    )
    alias = router.db_for_read(Statement)
    sql, params = counted.query.sql_with_params()
    key = hashlib.blake2b(repr((alias, sql, params)).encode(), digest_size=16).hexdigest()
    store = caches["counts"]
    rows = store.get(f"statements:{versions.current(alias).statements}:{key}")
    if rows is None:
        rows = list(counted.annotate(seen=RawSQL(f"(SELECT statements_number FROM {versions.VERSION_TABLE})", ())))
        if rows:
            store.set(f"statements:{rows[0]['seen']}:{key}", rows)
    return rows


def count(queryset: QuerySet[Statement]) -> int:
    """How many statements these are, remembered as their counts are
    (grouped): a person's, meeting's or country's page shows the number,
    and its link opens the statements page, which counts the same ones."""
    return sum(row["count"] for row in grouped(queryset))


def warm() -> None:
    """Count the plain /statements/ list, so that a server started after a
    change (a deploy, an import) has it before its first researcher does
    (gunicorn.conf.py): where Redis is, every server then shares it."""
    grouped(published())


def speaker_counts(queryset: QuerySet[Statement], size: int = SPEAKER_FACET_SIZE) -> list[SpeakerCount]:
    """The speakers of these statements, the most frequent first."""
    return tally(queryset, size=size).speakers


def _value_of(row: dict) -> str:
    if row["speaker_kind"] == SpeakerKind.PERSON:
        return f"person-{row['person_id']}" if row["person_id"] else ""
    if row["collective"] == Collective.GOVERNMENT and row["iso"]:
        return f"government-{row['iso']}"
    return f"collective-{row['collective']}"


def speaker_labels(values: list[str]) -> dict[str, str]:
    """How each speaker value reads: the person's name, «حكومة <الدولة>», the
    collective's label."""
    people = {f"person-{pk}": name for pk, name in Person.objects.filter(
        pk__in=[int(v.split("-")[1]) for v in values if v.startswith("person-")]).values_list("pk", "name")}
    states = {f"government-{iso}": _("حكومة %(country)s") % {"country": name} for iso, name in Country.objects.filter(
        iso_code__in=[v.split("-")[1] for v in values if v.startswith("government-")]).values_list("iso_code", "name")}
    kinds = {f"collective-{value}": str(label) for value, label in Collective.choices}
    return {value: people.get(value) or states.get(value) or kinds.get(value, value) for value in values}
