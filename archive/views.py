"""Public pages: short functions that validate input, call the modules, render."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from archive import export, facets, search
from archive.filters import ArticleFilter
from archive.models import Article


# Below this many results the page offers the archive's spelling of a name.
FEW_RESULTS = 3


def _published_filter(request: HttpRequest) -> ArticleFilter:
    return ArticleFilter(request.GET, queryset=Article.objects.published().select_related("outlet", "meeting"))


def _bad_request(request: HttpRequest, filterset: ArticleFilter) -> HttpResponse:
    return render(request, "archive/bad_request.html", {"form": filterset.form}, status=400)


def search_page(request: HttpRequest) -> HttpResponse:
    filterset = _published_filter(request)
    if not filterset.is_valid():
        return _bad_request(request, filterset)
    page = _paginator(filterset.qs).get_page(request.GET.get("page"))
    query_text = filterset.query_text
    snippets = search.snippets(page.object_list, filterset.query)
    results = [(article, snippets[article.pk]) for article in page.object_list]
    suggestion = None
    if query_text and page.paginator.count < FEW_RESULTS:
        suggestion = search.did_you_mean(filterset.query)
    if query_text and page.paginator.count == 0 and not request.GET.get("page"):
        search.record_zero_result(query_text)
    return render(
        request,
        "archive/search.html",
        {
            "filterset": filterset,
            "query_text": query_text,
            "page": page,
            "results": results,
            "total": page.paginator.count,
            "suggestion": suggestion,
            "facets": facets.compute(request.GET, Article.objects.published()),
            "chips": facets.chips(request.GET),
        },
    )


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.published().select_related("outlet", "meeting").prefetch_related(
            "person_mentions__person", "country_mentions__country", "citations__resolution"
        ),
        pk=pk,
    )
    return render(request, "archive/article.html", {"article": article})


def export_csv(request: HttpRequest) -> HttpResponse:
    filterset = _published_filter(request)
    if not filterset.is_valid():
        return _bad_request(request, filterset)
    queryset = export.export_queryset(filterset.qs)
    response = StreamingHttpResponse(
        export.csv_lines(export.iterate(queryset), request.build_absolute_uri, filterset.query),
        content_type="text/csv; charset=utf-8",
    )
    name = export.file_name(filterset.query_text, timezone.localdate())
    response.headers["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


def _paginator(queryset) -> Paginator:
    return Paginator(queryset, settings.ARCHIVE_PAGE_SIZE)
