"""The search page's list of results, as HTML.

Written here rather than in the template, like the facets' values
(archive.facets.Facet.values_html): a page shows twenty results, each with a
link, its outlet, its date twice, its meeting and its snippet, and the
template engine's loop over them was a tenth of the page's time outside the
database. Every value is escaped (by the standard library's escape, as the
facets' values are); the snippet comes escaped and marked
(archive.search.Snippet).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache
from html import escape

from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from archive.models import Article

# What a page of results reads of each article: what results_html writes
# and the body its snippet is cut from. The article rows hold much more (the
# facts copied for the facets and the exports); reading and building it all
# for twenty results was a millisecond.
RESULT_FIELDS = ("title", "body", "published_on", "outlet__name", "meeting__name")

_RESULT = (
    '<li class="result">\n'
    '      <h2 class="result-title"><a href="{}">{}</a></h2>\n'
    '      <p class="result-meta">{}</p>\n'
    '      <p class="snippet">{}</p>\n'
    "    </li>"
)


def results_html(results: Iterable[tuple[Article, SafeString]]) -> SafeString:
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


def _meta(article: Article) -> str:
    parts = []
    if article.outlet_id is not None and article.outlet is not None:
        parts.append(f"<span>{escape(article.outlet.name)}</span>")
    if article.published_on:
        day = article.published_on
        parts.append(f'<time datetime="{day.isoformat()}">{_day(day, get_language())}</time>')
    if article.meeting_id is not None and article.meeting is not None:
        parts.append(f"<span>{escape(article.meeting.name)}</span>")
    return "\n        ".join(parts)


@lru_cache(maxsize=4096)
def _day(day: datetime.date, language: str | None) -> str:
    # As the template's |date:'j F Y' writes it, in the active language;
    # a page's twenty dates are often the same few days.
    return escape(format_date(day, "j F Y"))
