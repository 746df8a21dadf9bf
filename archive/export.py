"""Exporting filtered articles as CSV that spreadsheets open correctly.

Rows are produced lazily from a server-side iterator and written one by one,
so an export of any size streams with flat memory.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from archive import search
from archive.models import Article, PersonMention

COLUMNS = [
    "id",
    "url",
    "title",
    "outlet",
    "published_on",
    "meeting",
    "meeting_date",
    "meeting_place",
    "meeting_format",
    "meeting_kind",
    "member_count",
    "persons",
    "chairs",
    "countries",
    "resolutions",
    "snippet",
    "source_file",
    "body",
]
JOIN = " | "
CHUNK_SIZE = 1000
# Excel and LibreOffice read a file as UTF-8 only when it starts with a BOM.
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_queryset(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.select_related("outlet", "meeting").prefetch_related(
        Prefetch("person_mentions", queryset=PersonMention.objects.select_related("person").order_by("id")),
        "country_mentions__country",
        "citations__resolution",
    )


def row(article: Article, absolute_url: Callable[[str], str], query: search.Query | None = None) -> list[object]:
    meeting = article.meeting
    mentions = list(article.person_mentions.all())
    return [
        article.pk,
        absolute_url(article.get_absolute_url()),
        article.title,
        article.outlet.name if article.outlet else "",
        _date(article.published_on),
        meeting.name if meeting else "",
        _date(meeting.date) if meeting else "",
        meeting.place if meeting else "",
        meeting.format if meeting else "",
        meeting.kind if meeting else "",
        meeting.member_count if meeting and meeting.member_count is not None else "",
        JOIN.join(m.person.name for m in mentions),
        JOIN.join(m.person.name for m in mentions if m.is_chair),
        JOIN.join(sorted(m.country.name for m in article.country_mentions.all())),
        JOIN.join(str(n) for n in sorted(c.resolution.number for c in article.citations.all())),
        search.snippet(article.body, query).plain() if query is not None and not query.is_empty else "",
        article.source_name,
        article.body,
    ]


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


class _Echo:
    """A file-like object whose write returns the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    articles: Iterable[Article], absolute_url: Callable[[str], str], query: search.Query | None = None
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(COLUMNS)
    for article in articles:
        yield writer.writerow([neutralize(value) for value in row(article, absolute_url, query)])


def iterate(queryset: QuerySet[Article]) -> Iterator[Article]:
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def file_name(query_text: str, today: datetime.date, extension: str = "csv") -> str:
    """coalition-archive[-<query>]-YYYY-MM-DD.csv: the name says what it holds."""
    words = re.sub(r"[^\w]+", "-", query_text, flags=re.UNICODE).strip("-_")[:60]
    parts = ["coalition-archive"] + ([words] if words else []) + [today.isoformat()]
    return "-".join(parts) + "." + extension
