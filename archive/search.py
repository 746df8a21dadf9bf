"""Full-text search over published articles: query building, ranking, snippets."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive.models import SEARCH_CONFIG, Article

# ts_headline copies archive text verbatim, markup included. It marks
# matches with these private-use characters, which no article contains
# (reading strips nothing, but they never occur in press text), so the
# snippet can be escaped whole before the marks become <mark> tags.
MARK_START = "\ue000"
MARK_END = "\ue001"

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"

SNIPPET_WORDS = 40


def search_query(text: str) -> SearchQuery:
    # websearch syntax (words, "phrases", OR, -exclusion) never raises on
    # malformed input, so whatever a researcher types is just text.
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def apply(queryset: QuerySet[Article], text: str, sort: str) -> QuerySet[Article]:
    """Restrict to articles matching `text` (if any) and order them."""
    if text:
        query = search_query(text)
        queryset = queryset.filter(search_vector=query).alias(rank=SearchRank(F("search_vector"), query))
    if sort == SORT_OLDEST:
        return queryset.order_by(F("published_on").asc(nulls_last=True), "id")
    if sort == SORT_NEWEST or not text:
        return queryset.order_by(F("published_on").desc(nulls_last=True), "-id")
    return queryset.order_by("-rank", F("published_on").desc(nulls_last=True), "-id")


def highlight(headline: str) -> SafeString:
    """Escape archive text, then turn the match marks into <mark> tags."""
    escaped = escape(headline)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def plain(headline: str) -> str:
    return headline.replace(MARK_START, "").replace(MARK_END, "")


def headline(text: str) -> SearchHeadline:
    """The body's best passages for `text`, matches between MARK_START and
    MARK_END: the snippet of the results page and of the export alike."""
    return SearchHeadline(
        "body",
        search_query(text),
        config=SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=SNIPPET_WORDS,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def headlines(article_ids: Iterable[int], text: str) -> dict[int, str]:
    """Raw headlines (with marks) for the given articles only: ts_headline
    re-parses the whole body, so it runs for the page shown, not every match."""
    ids = list(article_ids)
    if not text or not ids:
        return {}
    rows = Article.objects.filter(pk__in=ids).annotate(snippet=headline(text))
    return dict(rows.values_list("pk", "snippet"))


def snippets(articles: Iterable[Article], text: str) -> dict[int, SafeString]:
    """HTML-safe snippets for a page of results: matches highlighted when
    there is a query, else the opening of the body."""
    articles = list(articles)
    found = headlines((a.pk for a in articles), text)
    result = {}
    for article in articles:
        if article.pk in found and MARK_START in found[article.pk]:
            result[article.pk] = highlight(found[article.pk])
        else:
            result[article.pk] = escape(Truncator(article.body).words(SNIPPET_WORDS))
    return result
