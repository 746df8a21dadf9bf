"""Exporting filtered articles, and the browse lists, as CSV and JSON.

Rows come lazily from a server-side iterator and are written one by one, so
an export of any size streams with flat memory and no limit: every row the
search counts is in the file. CSV opens right in Excel and LibreOffice (a
byte-order mark, a header row, formula-like cells neutralized); JSON holds
the same rows with structure, after a header that says what was exported
and from which search.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db import transaction
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
# Only in editors' exports of every status (export_articles --status all).
STATUS_COLUMN = "status"
JOIN = " | "
CHUNK_SIZE = 1000
# Excel and LibreOffice read a file as UTF-8 only when it starts with a BOM.
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

AbsoluteUrl = Callable[[str], str]


def neutralize(value: object) -> object:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_queryset(queryset: QuerySet[Article]) -> QuerySet[Article]:
    # The raw file and the index are never exported: not reading them halves
    # what each row costs.
    return queryset.defer("raw_text", "search_index").select_related("outlet", "meeting").prefetch_related(
        Prefetch(
            "person_mentions",
            queryset=PersonMention.objects.select_related("person", "country").order_by("id"),
        ),
        "country_mentions__country",
        "citations__resolution",
    )


def record(article: Article, absolute_url: AbsoluteUrl, query: search.Query | None = None) -> dict:
    """One article as the JSON export holds it; the CSV flattens the same."""
    meeting = article.meeting
    mentions = list(article.person_mentions.all())
    return {
        "id": article.pk,
        "url": absolute_url(article.get_absolute_url()),
        "status": article.status,
        "title": article.title,
        "outlet": article.outlet.name if article.outlet else None,
        "published_on": _date(article.published_on) or None,
        "meeting": None
        if meeting is None
        else {
            "id": meeting.pk,
            "name": meeting.name,
            "date": _date(meeting.date) or None,
            "place": meeting.place or None,
            "format": meeting.format,
            "kind": meeting.kind,
            "member_count": meeting.member_count,
            "url": absolute_url(meeting.get_absolute_url()),
        },
        "persons": [
            {
                "name": m.person.name,
                "role": m.role or None,
                "country": m.country.name if m.country else None,
                "is_chair": m.is_chair,
            }
            for m in mentions
        ],
        "countries": sorted(m.country.name for m in article.country_mentions.all()),
        "resolutions": sorted(c.resolution.number for c in article.citations.all()),
        "snippet": search.snippet(article.body, query).plain() if query is not None and not query.is_empty else None,
        "source_file": article.source_name,
        "body": article.body,
    }


def row(article: Article, absolute_url: AbsoluteUrl, query: search.Query | None = None) -> list[object]:
    data = record(article, absolute_url, query)
    meeting = data["meeting"] or {}
    return [
        data["id"],
        data["url"],
        data["title"],
        data["outlet"] or "",
        data["published_on"] or "",
        meeting.get("name", ""),
        meeting.get("date") or "",
        meeting.get("place") or "",
        meeting.get("format", ""),
        meeting.get("kind", ""),
        "" if meeting.get("member_count") is None else meeting["member_count"],
        JOIN.join(p["name"] for p in data["persons"]),
        JOIN.join(p["name"] for p in data["persons"] if p["is_chair"]),
        JOIN.join(data["countries"]),
        JOIN.join(str(n) for n in data["resolutions"]),
        data["snippet"] or "",
        data["source_file"],
        data["body"],
    ]


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


class _Echo:
    """A file-like object whose write returns the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    articles: Iterable[Article],
    absolute_url: AbsoluteUrl,
    query: search.Query | None = None,
    with_status: bool = False,
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(COLUMNS + ([STATUS_COLUMN] if with_status else []))
    for article in articles:
        values = row(article, absolute_url, query) + ([article.status] if with_status else [])
        yield writer.writerow([neutralize(value) for value in values])


def json_chunks(
    articles: Iterable[Article],
    absolute_url: AbsoluteUrl,
    header: dict,
    query: search.Query | None = None,
    with_status: bool = False,
) -> Iterator[str]:
    """{"export": {...}, "articles": [...]}, one article per chunk."""
    yield '{"export": ' + json.dumps(header, ensure_ascii=False) + ', "articles": ['
    first = True
    for article in articles:
        data = record(article, absolute_url, query)
        if not with_status:
            del data["status"]
        yield ("" if first else ",") + "\n" + json.dumps(data, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def header(query_text: str, filters: dict, total: int, search_url: str, now: datetime.datetime) -> dict:
    """What a JSON export says about itself: enough to find its search again."""
    return {
        "query": query_text or None,
        "filters": filters,
        "total": total,
        "exported_at": now.isoformat(timespec="seconds"),
        "search_url": search_url,
        "limit": None,  # every matching row is exported
    }


def iterate(queryset: QuerySet[Article]) -> Iterator[Article]:
    """Rows in chunks from a server-side cursor, inside a transaction: in
    autocommit mode Django declares the cursor WITH HOLD, and PostgreSQL
    then computes and stores the whole result before the first row comes."""
    with transaction.atomic():
        yield from queryset.iterator(chunk_size=CHUNK_SIZE)


def file_name(query_text: str, today: datetime.date, extension: str = "csv", subject: str = "") -> str:
    """coalition-archive[-<subject>][-<query>]-YYYY-MM-DD.csv: the name says what it holds."""
    words = re.sub(r"[^\w]+", "-", query_text, flags=re.UNICODE).strip("-_")[:60]
    parts = ["coalition-archive"] + ([subject] if subject else []) + ([words] if words else []) + [today.isoformat()]
    return "-".join(parts) + "." + extension


# Lists of meetings, people and resolutions ------------------------------------------


def table_csv(columns: Sequence[str], rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(columns)
    for data in rows:
        yield writer.writerow([neutralize(_cell(data.get(column))) for column in columns])


def table_json(name: str, header_data: dict, rows: Iterable[dict]) -> Iterator[str]:
    yield '{"export": ' + json.dumps(header_data, ensure_ascii=False) + f', "{name}": ['
    first = True
    for data in rows:
        yield ("" if first else ",") + "\n" + json.dumps(data, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list):
        return JOIN.join(_cell(item) if not isinstance(item, dict) else _person_cell(item) for item in value)
    return value


def _person_cell(item: dict) -> str:
    details = ", ".join(str(v) for k, v in item.items() if k != "name" and v not in (None, "", False))
    return f"{item.get('name', '')} ({details})" if details else str(item.get("name", ""))


MEETING_COLUMNS = ["id", "url", "name", "date", "place", "format", "kind", "member_count", "participant_count",
                   "chairs", "participants", "articles"]
PERSON_COLUMNS = ["id", "url", "name", "name_en", "country", "aliases", "roles", "articles"]
RESOLUTION_COLUMNS = ["number", "url", "year", "citations", "un_document"]


def meeting_rows(meetings, absolute_url: AbsoluteUrl) -> Iterator[dict]:
    for meeting in meetings:
        participations = list(meeting.participations.all())
        yield {
            "id": meeting.pk,
            "url": absolute_url(meeting.get_absolute_url()),
            "name": meeting.name,
            "date": _date(meeting.date) or None,
            "place": meeting.place or None,
            "format": meeting.format,
            "kind": meeting.kind,
            "member_count": meeting.member_count,
            "participant_count": meeting.participant_count,
            "chairs": [p.person.name for p in participations if p.is_chair],
            "participants": [
                {"name": p.person.name, "role": p.role or None, "country": p.country.name if p.country else None,
                 "is_chair": p.is_chair}
                for p in participations
            ],
            "articles": meeting.article_count,
        }


def person_rows(people, absolute_url: AbsoluteUrl) -> Iterator[dict]:
    for person in people:
        roles = sorted({m.role for m in person.mentions.all() if m.role and m.article.status == "published"})
        yield {
            "id": person.pk,
            "url": absolute_url(person.get_absolute_url()),
            "name": person.name,
            "name_en": person.name_en or None,
            "country": person.country.name if person.country else None,
            "aliases": [alias.name for alias in person.aliases.all()],
            "roles": roles,
            "articles": person.article_count,
        }


def resolution_rows(resolutions, absolute_url: AbsoluteUrl, un_url: Callable) -> Iterator[dict]:
    for resolution in resolutions:
        yield {
            "number": resolution.number,
            "url": absolute_url(resolution.get_absolute_url()),
            "year": resolution.year,
            "citations": resolution.citation_count,
            "un_document": un_url(resolution),
        }


FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def articles_stream(
    filterset,
    fmt: str,
    absolute_url: AbsoluteUrl,
    search_url: str,
    now: datetime.datetime,
    with_status: bool = False,
) -> Iterator[str]:
    """The export of a valid ArticleFilter: the web's and the command line's."""
    queryset = export_queryset(filterset.qs)
    if fmt == "csv":
        return csv_lines(iterate(queryset), absolute_url, filterset.query, with_status)
    data = filterset.data
    filters = {name: data.getlist(name) for name in data if name not in ("q", "page") and any(data.getlist(name))}
    head = header(filterset.query_text, filters, filterset.qs.count(), search_url, now)
    return json_chunks(iterate(queryset), absolute_url, head, filterset.query, with_status)
