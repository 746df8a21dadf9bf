"""The search page's list of results, as HTML.

Written here rather than in the template, like the facets' values
(archive.search.links.Facet.values_html): a page shows twenty results, each with a
link, its outlet, its date twice, its meeting and its snippet, and the
template engine's loop over them was a tenth of the page's time outside the
database. Every value is escaped (by the standard library's escape, as the
facets' values are); the snippet comes escaped and marked
(archive.search.Snippet).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django.db import connections, router
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from archive.i18n import shown
from archive.models import Article


@dataclass(frozen=True, slots=True)
class Shown:
    """An article as a page of results shows it: what results_html writes
    and the body its snippet is cut from."""

    pk: int
    title: str
    body: str
    published_on: datetime.date | None
    outlet: str | None  # its name
    meeting: str | None  # its name
    outlet_en: str | None = None  # the English names, for the English pages
    meeting_en: str | None = None


def read(ids: list[int]) -> list[Shown]:
    """These published articles, in the order given, in one query. Not the
    ORM's in_bulk: compiling it and building twenty articles, their outlets
    and their meetings as models (rows holding much more than a page shows)
    was a millisecond and a half of every search page."""
    alias = router.db_for_read(Article)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT a.id, a.title, a.body, a.published_on, outlet.name, meeting.name, outlet.name_en, meeting.name_en"
            " FROM archive_article AS a"
            " LEFT JOIN archive_outlet AS outlet ON outlet.id = a.outlet_id"
            " LEFT JOIN archive_meeting AS meeting ON meeting.id = a.meeting_id"
            " WHERE a.id = ANY(%s) AND a.status = %s",
            [ids, Article.Status.PUBLISHED],
        )
        found = {row[0]: Shown(*row) for row in cursor.fetchall()}
    return [found[pk] for pk in ids if pk in found]


_RESULT = (
    '<li class="result">\n'
    '      <h2 class="result-title" dir="auto"><a href="{}">{}</a></h2>\n'
    '      <p class="result-meta">{}</p>\n'
    '      <p class="snippet" dir="auto">{}</p>\n'
    "    </li>"
)


def results_html(results: Iterable[tuple[Shown, SafeString]]) -> SafeString:
    """The list items of a page of results: each article with its snippet."""
    # One reverse() for the page: the article's address with its id put in.
    sentinel = 987654321
    start, end = reverse("archive:article", args=[sentinel]).split(str(sentinel))
    return mark_safe(  # noqa: S308 - every value is escaped, the snippet was
        "\n    ".join(
            _RESULT.format(f"{start}{article.pk}{end}", escape(article.title), _meta(article), snippet)
            for article, snippet in results
        )
    )


def _meta(article: Shown) -> str:
    parts = []
    language = get_language()
    if article.outlet is not None:
        parts.append(f"<span>{escape(shown(article.outlet, article.outlet_en, language))}</span>")
    if article.published_on:
        day = article.published_on
        parts.append(f'<time datetime="{day.isoformat()}">{_day(day, language)}</time>')
    if article.meeting is not None:
        parts.append(f"<span>{escape(shown(article.meeting, article.meeting_en, language))}</span>")
    return "\n        ".join(parts)


@lru_cache(maxsize=4096)
def _day(day: datetime.date, language: str | None) -> str:
    # As the template's |date:'j F Y' writes it, in the active language;
    # a page's twenty dates are often the same few days.
    return escape(format_date(day, "j F Y"))
