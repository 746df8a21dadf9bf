"""What the browse pages show: meetings, people, countries, resolutions and
outlets, each with the published articles that speak of them.

Only published articles count, here as in search: a meeting known only from
an article under review has no public page yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from django.db.models import Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _

from archive.search import engine
from archive.search import statements as statement_search
from archive.models import (
    Article,
    ArticleStatus,
    Citation,
    Country,
    Meeting,
    Outlet,
    Participation,
    Person,
    PersonMention,
    Resolution,
)

# The date of the article a mention or citation belongs to: its meeting's,
# else its publication's.
EVENT_DATE_OF_ARTICLE = Coalesce("article__meeting__date", "article__published_on")
UN_DOCUMENT = "https://undocs.org/S/RES/{number}({year})"
UN_DOCUMENT_NO_YEAR = "https://undocs.org/S/RES/{number}"
# The latest statements a person's, meeting's or country's page lists; the
# link below them opens all of them in the statements search.
STATEMENTS_SHOWN = 20


# A record's page lists its newest articles; the search lists them all. At
# 100,000 articles a country's page listed 958 KB of them (issue 24).
ARTICLES_SHOWN = 50


@dataclass
class Latest:
    """The newest of one record's statements, articles or citations, their
    number, and the search (statements or articles) that lists them all."""

    latest: list
    count: int
    search: str  # the query string of the search page that lists them all

    @property
    def more(self) -> bool:
        return self.count > len(self.latest)


def statements_where(condition: Q, search: str) -> Latest:
    found = statement_search.published().filter(condition)
    return Latest(list(found[:STATEMENTS_SHOWN]), statement_search.count(found), search)


def articles_where(found: QuerySet, search: str, count: int | None = None) -> Latest:
    """The newest of these articles and their number (counted here unless
    the caller knows it: the search engine's copy counts a person's or a
    country's articles without a query). The list shows titles, outlets and
    dates, never the texts (Article.TEXT_FIELDS); found is of articles, or
    of rows with their article (a resolution's citations)."""
    prefix = "" if found.model is Article else "article__"
    shown = found.defer(*(prefix + name for name in Article.TEXT_FIELDS))
    return Latest(list(shown[:ARTICLES_SHOWN]), found.count() if count is None else count, search)


def published_articles() -> QuerySet[Article]:
    # The event's date as the article row keeps it (its facet column,
    # indexing.refresh_facets), so that the order is an index's.
    return Article.objects.published().select_related("outlet", "meeting").order_by(
        F("event_date").desc(nulls_last=True), "-id"
    )


# The published articles of each kind of record: its page lists them, its
# feed (archive.public.feeds) follows them.


def meeting_articles(meeting: Meeting) -> QuerySet[Article]:
    return published_articles().filter(meeting=meeting)


# The people and countries an article names, as its row keeps them (its
# facet columns): one indexed condition instead of a join per row.


def person_articles(person: Person) -> QuerySet[Article]:
    return published_articles().filter(person_ids__contains=[person.pk])


def country_articles(country: Country) -> QuerySet[Article]:
    return published_articles().filter(country_ids__contains=[country.pk])


def resolution_articles(resolution: Resolution) -> QuerySet[Article]:
    return published_articles().filter(Exists(Citation.objects.filter(article=OuterRef("pk"), resolution=resolution)))


# People and countries, counted -------------------------------------------------


class Counted(engine.Results):
    """The records published articles name, most named first, then by
    name, each with its article_count; the counts are the search engine's
    (engine.article_counts), and a page of records is read by id in one
    query, as a paginator asks for it (engine.Results)."""

    CHUNK = 500

    def __init__(self, records: QuerySet, column: str) -> None:
        self.records, self.counts = records, engine.article_counts(column)
        names = records.filter(pk__in=list(self.counts)).values_list("pk", "name")
        ids = [pk for pk, _ in sorted(names, key=lambda row: (-self.counts[row[0]], row[1]))]
        super().__init__(np.array(ids, dtype=np.int64), self._read)

    def _read(self, ids: list[int]) -> list:
        found = self.records.in_bulk(ids)
        for record in found.values():
            record.article_count = self.counts[record.pk]
        return [found[pk] for pk in ids if pk in found]

    def __iter__(self) -> Iterator:
        for start in range(0, len(self.ids), self.CHUNK):
            yield from self[start : start + self.CHUNK]


def counted(records: QuerySet, column: str, **lookup):
    """The one record of these that the lookup names, with its
    article_count, if published articles name it; else None."""
    record = records.filter(**lookup).first()
    if record is None:
        return None
    record.article_count = engine.article_counts(column).get(record.pk, 0)
    return record if record.article_count else None


# Meetings ------------------------------------------------------------------


MEETINGS_COLUMN = "meeting_id"


def public_meetings(counts: dict[int, int] | None = None) -> QuerySet[Meeting]:
    """The public meetings: the coalition's calendar, which the archive
    ships checked against published sources, and every meeting a published
    article reports (the search engine's copy says which: counts, if the
    caller has read them)."""
    reported = engine.article_counts(MEETINGS_COLUMN) if counts is None else counts
    return Meeting.objects.filter(Q(origin=Meeting.Origin.CALENDAR) | Q(pk__in=list(reported)))


def _count_of(key_sql: str, counts: dict[int, int]) -> RawSQL:
    """A record's count, by its key, as SQL: the counts as two arrays, a
    record's taken by its place among the keys. As a CASE of one branch a
    record, compiling the meetings' query took 35 ms of every list at 400
    meetings."""
    return RawSQL(
        f"COALESCE((%s::integer[])[array_position(%s::integer[], {key_sql}::integer)], 0)",
        [list(counts.values()), list(counts)], output_field=IntegerField(),
    )


def meetings() -> QuerySet[Meeting]:
    """The public meetings with their published articles counted, newest
    first, undated last. The counts are the search engine's, written into
    the query: counting the articles in SQL took 0.15 s a list at 100,000
    articles, twice a page (the list and its timeline)."""
    counts = engine.article_counts(MEETINGS_COLUMN)
    count = _count_of("archive_meeting.id", counts)
    return public_meetings(counts).annotate(article_count=count).order_by(F("date").desc(nulls_last=True), "name")


@dataclass
class MeetingPage:
    meeting: Meeting
    chairs: list[Participation]
    by_country: list[tuple[str, list[Participation]]]
    articles: Latest
    statements: Latest


def meeting_page(meeting: Meeting) -> MeetingPage:
    participations = list(
        meeting.participations.select_related("person", "country").order_by("-is_chair", "country__name", "person__name")
    )
    grouped: dict[str, list[Participation]] = defaultdict(list)
    for participation in participations:
        grouped[participation.country.name if participation.country else _("دولة غير مذكورة")].append(participation)
    return MeetingPage(
        meeting=meeting,
        chairs=[p for p in participations if p.is_chair],
        by_country=sorted(grouped.items()),
        articles=articles_where(meeting_articles(meeting), f"meeting={meeting.pk}"),
        statements=statements_where(Q(article__meeting=meeting), f"meeting={meeting.pk}"),
    )


# People ---------------------------------------------------------------------


PEOPLE_COLUMN = "person_ids"
COUNTRIES_COLUMN = "country_ids"


def people(records: QuerySet[Person] | None = None) -> Counted:
    """The people published articles name (of these records), most named first."""
    records = Person.objects.all() if records is None else records
    return Counted(records.select_related("country").prefetch_related("aliases"), PEOPLE_COLUMN)


def person(pk: int) -> Person | None:
    return counted(Person.objects.select_related("country"), PEOPLE_COLUMN, pk=pk)


@dataclass
class Role:
    role: str
    country: str
    first: object  # date or None
    last: object


@dataclass
class PersonPage:
    person: Person
    roles: list[Role]
    meetings: list[Participation]
    articles: Latest
    statements: Latest


def person_page(person: Person) -> PersonPage:
    # Each role once, with the first and last dates it was written: counted
    # in SQL, where reading every mention with its article took 0.1-0.3 s
    # for a person named in thousands of articles (100,000 generated).
    spans = (
        PersonMention.objects.filter(person=person, article__status=ArticleStatus.PUBLISHED)
        .exclude(role="")
        .values("role", "country__name")
        .annotate(first=Min(EVENT_DATE_OF_ARTICLE), last=Max(EVENT_DATE_OF_ARTICLE))
        .order_by(F("first").asc(nulls_last=True), "role", "country__name")
    )
    roles = [Role(span["role"], span["country__name"] or "", span["first"], span["last"]) for span in spans]
    meetings_attended = list(
        Participation.objects.filter(person=person)
        .filter(Exists(Article.objects.published().filter(meeting=OuterRef("meeting"))))
        .select_related("meeting")
        .order_by("-meeting__date")
    )
    articles = articles_where(person_articles(person), f"person={person.pk}", getattr(person, "article_count", None))
    said = statements_where(Q(person=person), f"speaker=person-{person.pk}")
    return PersonPage(person, roles, meetings_attended, articles, said)


# Countries ----------------------------------------------------------------------


def countries() -> Counted:
    """The countries published articles name, most named first."""
    return Counted(Country.objects.all(), COUNTRIES_COLUMN)


def country(iso: str) -> Country | None:
    return counted(Country.objects.all(), COUNTRIES_COLUMN, iso_code=iso)


@dataclass
class CountryPage:
    country: Country
    people: list[Person]
    meetings: list[Meeting]
    articles: Latest
    statements: Latest


def country_page(country: Country) -> CountryPage:
    meeting_ids = Participation.objects.filter(country=country).values("meeting")
    return CountryPage(
        country=country,
        people=list(people(Person.objects.filter(country=country))),
        meetings=list(meetings().filter(pk__in=meeting_ids)),
        articles=articles_where(country_articles(country), f"country={country.pk}", getattr(country, "article_count", None)),
        # What its government and its people said.
        statements=statements_where(statement_search.country_q(country.iso_code), f"country={country.iso_code}"),
    )


# Resolutions ----------------------------------------------------------------------


RESOLUTIONS_COLUMN = "resolution_numbers"


def resolutions() -> QuerySet[Resolution]:
    """The resolutions published articles cite, each with citation_count:
    the published articles citing it (an article cites a resolution once,
    Citation's constraint), read off the search engine's copy. Counting the
    citations of published articles in SQL took 122 ms a list at 100,000
    articles."""
    counts = engine.article_counts(RESOLUTIONS_COLUMN)
    return (
        Resolution.objects.filter(number__in=list(counts))
        .annotate(citation_count=_count_of("archive_resolution.number", counts))
        .order_by("number")
    )


@dataclass
class ResolutionPage:
    resolution: Resolution
    un_url: str
    citations: Latest  # its citations, each with its article
    per_year: list[tuple[int, int]]


def resolution_page(resolution: Resolution) -> ResolutionPage:
    citations = articles_where(
        Citation.objects.filter(resolution=resolution, article__status=ArticleStatus.PUBLISHED)
        .select_related("article__outlet", "article__meeting")
        .annotate(when=EVENT_DATE_OF_ARTICLE)
        .order_by("-when", "-article_id"),
        f"resolution={resolution.number}",
        getattr(resolution, "citation_count", None),
    )
    per_year = (
        Citation.objects.filter(resolution=resolution, article__status=ArticleStatus.PUBLISHED)
        .annotate(year=ExtractYear(EVENT_DATE_OF_ARTICLE))
        .exclude(year=None)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return ResolutionPage(resolution, un_url(resolution), citations, [(row["year"], row["n"]) for row in per_year])


def un_url(resolution: Resolution) -> str:
    if resolution.year:
        return UN_DOCUMENT.format(number=resolution.number, year=resolution.year)
    return UN_DOCUMENT_NO_YEAR.format(number=resolution.number)


# Outlets -------------------------------------------------------------------------


OUTLETS_COLUMN = "outlet_id"


def outlets() -> QuerySet[Outlet]:
    """The outlets of published articles, the most published first, each
    with article_count read off the search engine's copy (counting in SQL
    took 72 ms a list at 100,000 articles)."""
    counts = engine.article_counts(OUTLETS_COLUMN)
    return (
        Outlet.objects.filter(pk__in=list(counts))
        .annotate(article_count=_count_of("archive_outlet.id", counts))
        .order_by("-article_count", "name")
    )


# Pictures' data ----------------------------------------------------------------------


def timeline_meetings() -> list[Meeting]:
    return list(meetings().exclude(date=None).order_by("date"))

