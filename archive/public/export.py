"""Exporting filtered articles, and the browse lists, as CSV and JSON.

The rows are the search engine's (archive.search.engine): its ordered ids,
read a chunk at a time and written one by one, so an export of any size
streams with flat memory and no limit, and holds exactly the rows the page
counts, in the page's order. CSV opens right in Excel and LibreOffice (a
byte-order mark, a header row, formula-like cells neutralized); JSON holds
the same rows with structure, after a header that says what was exported
and from which search.
"""

from __future__ import annotations

import csv
import datetime
import functools
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.urls import reverse

from archive.search import queries, snippets
from archive.ops import guards
from archive.models import Article, Citation, CountryMention, PersonMention

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
    "source_url",
    "body",
]
# Only in editors' exports of every status (export_articles --status all).
STATUS_COLUMN = "status"
JOIN = " | "
CHUNK_SIZE = 1000
# Excel and LibreOffice read a file as UTF-8 only when it starts with a BOM.
BOM = "\ufeff"
logger = logging.getLogger(__name__)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

AbsoluteUrl = Callable[[str], str]


def neutralize(value: object) -> object:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


ARTICLE_VALUES = (
    "id", "title", "body", "published_on", "status", "source_name", "source_url", "outlet__name", "meeting_id", "meeting__name",
    "meeting__date", "meeting__place", "meeting__format", "meeting__kind", "meeting__member_count",
)


def records(ids: Sequence[int], absolute_url: AbsoluteUrl, query: queries.Query | None = None) -> Iterator[dict]:
    """Each article as the JSON export holds it (the CSV flattens the same),
    in the order of the ids, read as plain values a chunk at a time: the
    people, countries and resolutions of a chunk come in three queries, and
    no model instance is built, which is most of an export's cost."""
    for chunk in _chunks_of(ids):
        persons, countries, resolutions = _links_of([row["id"] for row in chunk])
        for row in chunk:
            pk = row["id"]
            yield {
                "id": pk,
                "url": absolute_url(reverse("archive:article", args=[pk])),
                "status": row["status"],
                "title": row["title"],
                "outlet": row["outlet__name"],
                "published_on": _date(row["published_on"]) or None,
                "meeting": _meeting_record(row, absolute_url),
                "persons": persons.get(pk, []),
                "countries": sorted(countries.get(pk, [])),
                "resolutions": sorted(resolutions.get(pk, [])),
                "snippet": snippets.snippet(row["body"], query).plain()
                if query is not None and not query.is_empty
                else None,
                "source_file": row["source_name"],
                "source_url": row["source_url"] or None,
                "body": row["body"],
            }


def _chunks_of(ids: Sequence[int]) -> Iterator[list[dict]]:
    """The articles of the ids as plain values, a chunk at a time, in order."""
    for start in range(0, len(ids), CHUNK_SIZE):
        wanted = [int(pk) for pk in ids[start : start + CHUNK_SIZE]]
        found = {row["id"]: row for row in Article.objects.filter(pk__in=wanted).values(*ARTICLE_VALUES)}
        yield [found[pk] for pk in wanted if pk in found]


def _links_of(ids: list[int]) -> tuple[dict[int, list[dict]], dict[int, list[str]], dict[int, list[int]]]:
    """The people, countries and resolutions of a chunk of articles, by article."""
    persons: dict[int, list[dict]] = {}
    for article_id, name, role, country, is_chair in (
        PersonMention.objects.filter(article_id__in=ids)
        .order_by("id")
        .values_list("article_id", "person__name", "role", "country__name", "is_chair")
    ):
        persons.setdefault(article_id, []).append({"name": name, "role": role or None, "country": country, "is_chair": is_chair})
    countries: dict[int, list[str]] = {}
    for article_id, name in CountryMention.objects.filter(article_id__in=ids).values_list("article_id", "country__name"):
        countries.setdefault(article_id, []).append(name)
    resolutions: dict[int, list[int]] = {}
    for article_id, number in Citation.objects.filter(article_id__in=ids).values_list("article_id", "resolution__number"):
        resolutions.setdefault(article_id, []).append(number)
    return persons, countries, resolutions


def _meeting_record(row: dict, absolute_url: AbsoluteUrl) -> dict | None:
    if row["meeting_id"] is None:
        return None
    return {
        "id": row["meeting_id"],
        "name": row["meeting__name"],
        "date": _date(row["meeting__date"]) or None,
        "place": row["meeting__place"] or None,
        "format": row["meeting__format"],
        "kind": row["meeting__kind"],
        "member_count": row["meeting__member_count"],
        "url": absolute_url(reverse("archive:meeting", args=[row["meeting_id"]])),
    }


def row(data: dict) -> list[object]:
    """A record as a CSV row, in COLUMNS order."""
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
        data["source_url"] or "",
        data["body"],
    ]


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


class _Echo:
    """A file-like object whose write returns the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _article_writer():
    # Lines end as PostgreSQL's COPY ends them, so both ways of writing an
    # articles' export (csv_lines, copy_csv) give the same file.
    return csv.writer(_Echo(), lineterminator="\n")


def csv_lines(records_: Iterable[dict], with_status: bool = False) -> Iterator[str]:
    writer = _article_writer()
    yield BOM + writer.writerow(COLUMNS + ([STATUS_COLUMN] if with_status else []))
    for data in records_:
        values = row(data) + ([data["status"]] if with_status else [])
        yield writer.writerow([neutralize(value) for value in values])


def json_chunks(records_: Iterable[dict], header_data: dict, with_status: bool = False) -> Iterator[str]:
    """{"export": {...}, "articles": [...]}, one article per chunk."""
    yield '{"export": ' + json.dumps(header_data, ensure_ascii=False) + ', "articles": ['
    first = True
    for data in records_:
        if not with_status:
            data = {key: value for key, value in data.items() if key != "status"}
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


def iterate(queryset: QuerySet) -> Iterator:
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


MEETING_COLUMNS = ["id", "url", "name", "name_en", "date", "end_date", "place", "format", "kind", "ordinal",
                   "member_count", "participant_count", "chairs", "participants", "articles", "origin", "unverified",
                   "statement_url", "sources"]
PERSON_COLUMNS = ["id", "url", "name", "name_en", "country", "aliases", "roles", "articles"]
RESOLUTION_COLUMNS = ["number", "url", "year", "adopted_on", "subject_en", "topic_en", "citations", "un_document"]


def meeting_rows(meetings, absolute_url: AbsoluteUrl) -> Iterator[dict]:
    for meeting in meetings:
        participations = list(meeting.participations.all())
        yield {
            "id": meeting.pk,
            "url": absolute_url(meeting.get_absolute_url()),
            "name": meeting.name,
            "name_en": meeting.name_en or None,
            "date": _date(meeting.date) or None,
            "end_date": _date(meeting.end_date) or None,
            "place": meeting.place or None,
            "format": meeting.format,
            "kind": meeting.kind,
            "ordinal": meeting.ordinal,
            "member_count": meeting.member_count,
            "participant_count": meeting.participant_count,
            "chairs": [p.person.name for p in participations if p.is_chair],
            "participants": [
                {"name": p.person.name, "role": p.role or None, "country": p.country.name if p.country else None,
                 "is_chair": p.is_chair}
                for p in participations
            ],
            "articles": meeting.article_count,
            # Where the coalition's calendar stands behind the facts, and on what.
            "origin": meeting.origin,
            "unverified": meeting.unverified,
            "statement_url": meeting.statement_url or None,
            "sources": [url for url, _ in meeting.source_list],
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
            "adopted_on": resolution.adopted_on.isoformat() if resolution.adopted_on else None,
            "subject_en": resolution.subject_en,
            "topic_en": resolution.topic_en,
            "citations": resolution.citation_count,
            "un_document": un_url(resolution),
        }


# Statements ----------------------------------------------------------------------------

STATEMENT_COLUMNS = [
    "id", "url", "speaker", "speaker_kind", "collective", "speaker_url", "country", "verb", "text", "quote",
    "date", "article_title", "article_url", "outlet", "meeting", "meeting_url", "start", "end",
]


# How many pages' addresses an export keeps once made: its statements come
# their article's together, and name a few thousand people and meetings.
_ADDRESSES_KEPT = 8192


def addresses(absolute_url: AbsoluteUrl) -> Callable[[str, object], str]:
    """The absolute address of a page by its URL name and key, each made
    once in a while rather than once a row: four reverses a statement were
    40% of the statements' CSV at 100,000 generated articles (149,242 for
    39,317 rows)."""

    @functools.lru_cache(maxsize=_ADDRESSES_KEPT)
    def address(name: str, key) -> str:
        return absolute_url(reverse(name, args=[key]))

    return address


def statement_rows(statements, absolute_url: AbsoluteUrl) -> Iterator[dict]:
    """One record per statement: who, what, and where it was said and read."""
    address = addresses(absolute_url)
    for statement in statements:
        article, meeting = statement.article, statement.article.meeting
        article_url = address("archive:article", article.pk)
        speaker_url = address("archive:person", statement.person_id) if statement.person_id else (
            address("archive:country", statement.country.iso_code) if statement.country_id else None
        )
        yield {
            "id": statement.pk,
            "url": f"{article_url}#statement-{statement.pk}",  # Statement.get_absolute_url
            "speaker": statement.speaker,
            "speaker_kind": statement.speaker_kind,
            "collective": statement.collective or None,
            "speaker_url": speaker_url,
            "country": statement.country.name if statement.country_id else None,
            "verb": statement.verb,
            "text": statement.text,
            "quote": statement.is_quote,
            "date": _date(statement.when) or None,
            "article_title": article.title,
            "article_url": article_url,
            "outlet": article.outlet.name if article.outlet_id else None,
            "meeting": meeting.name if meeting else None,
            "meeting_url": address("archive:meeting", meeting.pk) if meeting else None,
            "start": statement.start,
            "end": statement.end,
        }


FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def articles_stream(
    filterset,
    fmt: str,
    absolute_url: AbsoluteUrl,
    search_url: str,
    now: datetime.datetime,
    with_status: bool = False,
) -> Iterator[bytes]:
    """The export of a valid ArticleFilter, in UTF-8: the web's and the
    command line's: the engine's results, in its order."""
    ids = filterset.results().ids
    # A snippet is Python's work on each body (a third of a query export's
    # time, the rest being the rows built in Python): without one, the CSV
    # is PostgreSQL's COPY, as without a query (snippets=0).
    if fmt == "csv" and (filterset.query.is_empty or not filterset.with_snippets):
        return copy_csv(ids, absolute_url, with_status)
    rows = records(ids, absolute_url, filterset.query if filterset.with_snippets else None)
    if fmt == "csv":
        return _encoded(csv_lines(rows, with_status))
    data = filterset.data
    filters = {name: data.getlist(name) for name in data if name not in ("q", "page") and any(data.getlist(name))}
    head = header(filterset.query_text, filters, len(ids), search_url, now)
    return _encoded(json_chunks(rows, head, with_status))


def _encoded(chunks: Iterable[str]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode()


# An export cut off midway (the database lost mid-stream, a statement
# timeout) must never look whole: a researcher would cite a short file as
# complete. The headers are sent by then, so the file says it in its last
# line: a CSV row of its own (starting with a letter, never a formula), and
# for JSON a line after which the file no longer parses.
INCOMPLETE_MESSAGE = "التصدير غير مكتمل: انقطع أثناء الكتابة، فهذا الملف ناقص. أعد التنزيل."
INCOMPLETE = {
    "csv": ("\r\n" + INCOMPLETE_MESSAGE + "\r\n").encode(),
    "json": ("\n!!! " + INCOMPLETE_MESSAGE + "\n").encode(),
}


def marked_if_cut(chunks: Iterable[bytes], fmt: str) -> Iterator[bytes]:
    """The chunks, and, if they stop with an error, the line that says the
    file is incomplete (the error itself goes to the log and the admins)."""
    try:
        yield from chunks
    except Exception:
        logger.exception("An export was cut off midway (%s)", fmt)
        yield INCOMPLETE[fmt]


# Exports without a query, written by PostgreSQL ------------------------------------------


def _sql_cell(column: str) -> str:
    """A text column as csv_lines writes it: nothing for an empty value, a
    value that a spreadsheet would run as a formula neutralized
    (neutralize), and quotes as csv.writer puts them (QUOTE_MINIMAL: only
    around a value holding a comma, a quote or a line break, its quotes
    doubled). Measured on 10,000 values, the CASE that neutralizes costs a
    quarter of the time a regular expression does."""
    starts = ", ".join(f"chr({ord(c)})" for c in _FORMULA_START)
    value = f"(CASE WHEN substr({column}, 1, 1) IN ({starts}) THEN chr(39) || {column} ELSE NULLIF({column}, '') END)"
    return f"""(CASE WHEN {value} ~ '[",\\r\\n]' THEN '"' || replace({value}, '"', '""') || '"' ELSE {value} END)"""


# Whether any of the values, joined by a character no text holds, starts
# with a formula's first character (_FORMULA_START) or holds one that
# csv.writer quotes.
_NEEDS_CARE = r"""'(^|\x1f)[=+@\t\r-]|[",\r\n]'"""


def _sql_line_start(cells: Sequence[tuple[str, bool]]) -> str:
    """The cells of a line up to its last, each (expression, whether it is
    text), joined by commas, ending with one. Nearly no row has a value
    that needs neutralizing or quoting: one regular expression over the
    row's text finds those that do, and only they are written cell by cell
    (at 100,000 articles, 1.0 s of the database's time became 0.25 s)."""
    texts = [expression for expression, is_text in cells if is_text]
    plain = ", ',', ".join(expression for expression, _ in cells)
    careful = ", ',', ".join(_sql_cell(expression) if is_text else expression for expression, is_text in cells)
    check = "concat_ws(chr(31), " + ", ".join(texts) + ")"
    return f"(CASE WHEN {check} ~ {_NEEDS_CARE} THEN concat({careful}, ',') ELSE concat({plain}, ',') END)"


def _quoted_url(url_start: str, url_end: str) -> tuple[str, str]:
    """The two parts of an article's address around its id, quoted as a
    cell holding them would be (an id needs no quoting)."""
    if any(special in url_start + url_end for special in '",\r\n'):
        return '"' + url_start.replace('"', '""'), url_end.replace('"', '""') + '"'
    return url_start, url_end


# The export's articles are the engine's ids, with their place in its order, and
# read with the lists of names each article row keeps for it
# (archive.search.indexing.FACET_COLUMNS_SQL): grouping the mentions of every
# article here was most of the time of exporting the whole archive. The
# rows are sorted as stored, a body being a pointer to its pieces, and the
# cells made after the sort (a subquery with an ORDER BY is planned on its
# own): made before it, each body was read whole to be sorted, and read
# again to be written. At 100,000 articles, 5.8 s became 4.5 s.
#
# Each row comes as three values: the line up to the body, made here from
# the short cells; the body as stored; and the end of the line. Writing the
# bodies as CSV was most of PostgreSQL's time (it looks at every byte of
# some 900 MB, one at a time); sent in COPY's binary format they need no
# escaping at all, and copy_csv quotes them with bytes.replace, which
# searches a whole body at memchr's speed, on the other core.
_COPY_SQL = """
WITH chosen AS MATERIALIZED (
    SELECT id, export_position FROM unnest(%s::bigint[]) WITH ORDINALITY AS chosen(id, export_position)
)
SELECT {line_start}, a.body, {line_end}
FROM (
    SELECT a.id, a.title, a.published_on, a.status, a.source_name, a.source_url, a.body,
           a.export_people, a.export_chairs, a.export_countries, a.export_resolutions,
           outlet.name AS outlet_name, meeting.name AS meeting_name, meeting.date AS meeting_date,
           meeting.place AS meeting_place, meeting.format AS meeting_format, meeting.kind AS meeting_kind,
           meeting.member_count AS meeting_member_count, chosen.export_position
    FROM chosen
    JOIN archive_article AS a ON a.id = chosen.id
    LEFT JOIN archive_outlet AS outlet ON outlet.id = a.outlet_id
    LEFT JOIN archive_meeting AS meeting ON meeting.id = a.meeting_id
    ORDER BY chosen.export_position
) AS a
ORDER BY a.export_position
"""

# Enough to sort the chosen rows (some 600 bytes each: the bodies are read
# after the sort) in memory rather than on disk, for 100,000 articles.
_COPY_WORK_MEM = "128MB"
# What the copy yields at a time: one row's bytes was 100,000 writes to the
# socket for the whole archive.
_COPY_CHUNK_BYTES = 256 * 1024


def copy_csv(ids: Sequence[int], absolute_url: AbsoluteUrl, with_status: bool = False) -> Iterator[bytes]:
    """The CSV of an export without a query (no snippet to cut), written by
    PostgreSQL's COPY, of these articles in this order: the same
    bytes csv_lines writes, at the speed of the database rather than of a
    Python loop per row."""
    sentinel = 987654321
    url_start, url_end = _quoted_url(*absolute_url(reverse("archive:article", args=[sentinel])).split(str(sentinel)))
    # An id and an address need no care (_quoted_url); the others are
    # (expression, whether it is text).
    line_start = "concat(a.id, ',', %s || a.id::text || %s, ',', " + _sql_line_start([
        ("a.title", True),
        ("a.outlet_name", True),
        ("a.published_on", False),
        ("a.meeting_name", True),
        ("a.meeting_date", False),
        ("a.meeting_place", True),
        ("a.meeting_format", True),
        ("a.meeting_kind", True),
        ("a.meeting_member_count", False),
        ("a.export_people", True),
        ("a.export_chairs", True),
        ("a.export_countries", True),
        ("a.export_resolutions", True),
        ("NULL", False),  # snippet: there is no query
        ("a.source_name", True),
        ("a.source_url", True),
    ]) + ")"
    # A status is one of Article.Status's values: never anything to quote.
    line_end = "concat(',', a.status, chr(10))" if with_status else "chr(10)"
    sql = _COPY_SQL.format(line_start=line_start, line_end=line_end)
    params = ([int(pk) for pk in ids], url_start, url_end)
    writer = _article_writer()
    yield (BOM + writer.writerow(COLUMNS + ([STATUS_COLUMN] if with_status else []))).encode()
    alias = router.db_for_read(Article)
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        # One statement for the whole download (archive.ops.guards.DOWNLOAD_TIMEOUT_MS).
        guards.allow_download(cursor, alias)
        cursor.execute("SELECT set_config('work_mem', %s, true)", [_COPY_WORK_MEM])
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT binary)", params) as copy:
            # The database's UTF-8, passed on as it comes: decoding each
            # body only to encode it again was a tenth of the export's time.
            copy.set_types(["bytea", "bytea", "bytea"])
            yield from _csv_bytes(copy.rows())


_FORMULA_BYTES = frozenset(c.encode() for c in _FORMULA_START)


def _csv_bytes(rows: Iterable[tuple[bytes, bytes, bytes]]) -> Iterator[bytes]:
    """Lines from (the line up to its body, the body, the rest of the line),
    the body neutralized and quoted as csv_lines writes it, in chunks of
    _COPY_CHUNK_BYTES."""
    parts: list[bytes] = []
    size = 0
    for start, body, end in rows:
        if body[:1] in _FORMULA_BYTES:
            body = b"'" + body
        if b'"' in body:
            parts += (start, b'"', body.replace(b'"', b'""'), b'"', end)
        elif b"," in body or b"\n" in body or b"\r" in body:
            parts += (start, b'"', body, b'"', end)
        else:
            parts += (start, body, end)
        size += len(start) + len(body)
        if size >= _COPY_CHUNK_BYTES:
            yield b"".join(parts)
            parts.clear()
            size = 0
    if parts:
        yield b"".join(parts)
