"""Public pages: short functions that validate input, call the modules, render."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from archive import plurals
from archive.search import engine, links, listing, queries, snippets
from archive.search import statements as statement_search
from archive.public import api, browse, charts, citing, export, feeds, marking
from archive.editorial import merging
from archive.ops import ratelimit
from archive.search.filters import ArticleFilter, following_merges
from archive.models import Article, Country, Meeting, Person


# Below this many results the page offers the archive's spelling of a name.
FEW_RESULTS = 3
LIST_PAGE_SIZE = 50


def _published_filter(request: HttpRequest) -> ArticleFilter:
    published = Article.objects.published().defer("raw_text")
    return ArticleFilter(request.GET, queryset=published.select_related("outlet", "meeting"))


def _bad_request(request: HttpRequest, filterset: ArticleFilter | statement_search.StatementFilter) -> HttpResponse:
    # A key no record has may be one merged away since: followed only here,
    # off the path of every valid search.
    if (followed := _followed(request)) is not None:
        return followed
    return render(request, "archive/bad_request.html", {"form": filterset.form}, status=400)


def _followed(request: HttpRequest) -> HttpResponse | None:
    """A permanent redirect for a query that filters by records merged away
    since: saved links keep working, at the kept record's address."""
    followed = following_merges(request.GET)
    return HttpResponsePermanentRedirect(f"{request.path}?{followed.urlencode()}") if followed is not None else None


def _moved(model, pk: int, view: str) -> HttpResponse:
    """The page of a record merged away: a permanent redirect to the record
    it became, or 404 for a record that never was."""
    kept = merging.kept_pk(model, pk)
    if kept is None:
        raise Http404
    return HttpResponsePermanentRedirect(reverse(view, args=[kept]))


def _feed_link(view: str, title: str, *args, query: str = "") -> dict[str, str]:
    """What base.html needs to announce a page's feed (<link rel="alternate">)
    and the page to offer it."""
    return {"feed_url": reverse(view, args=args) + query, "feed_title": title}


@ratelimit.limit("search")
def search_page(request: HttpRequest) -> HttpResponse:
    filterset = _published_filter(request)
    if not filterset.is_valid():
        return _bad_request(request, filterset)
    active = filterset.values()
    counted = engine.count(filterset.query, active, filterset.sort_order)
    page = _paginator(engine.Results(counted.ids, listing.read)).get_page(request.GET.get("page"))
    query_text = filterset.query_text
    shown = snippets.snippets(page.object_list, filterset.query)
    results = [(article, shown[article.pk]) for article in page.object_list]
    suggestion = None
    if query_text and page.paginator.count < FEW_RESULTS:
        suggestion = queries.did_you_mean(filterset.query)
    if query_text and page.paginator.count == 0 and not request.GET.get("page"):
        queries.record_zero_result(query_text)
    facets_ = links.build(request.GET, counted, active)
    return render(
        request,
        "archive/search.html",
        {
            "filterset": filterset,
            "query_text": query_text,
            "page": page,
            "results": results,
            "results_html": listing.results_html(results),
            "total": page.paginator.count,
            "total_text": plurals.articles(page.paginator.count),
            "suggestion": suggestion,
            "facets": facets_,
            "chips": links.chips(request.GET),
            # The home page (no query, no filter) opens on the meetings' time line.
            "timeline": _timeline() if not request.GET else "",
            "per_year": charts.bars(links.per_year(facets_), _("عدد المقالات في النتائج حسب السنة"), _("مقال")),
            **_feed_link("archive:search_feed", _("نتائج هذا البحث (Atom)"), query=_query_string(request, "sort")),
        },
    )


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.published().select_related("outlet", "meeting").prefetch_related(
            "person_mentions__person", "country_mentions__country", "citations__resolution"
        ),
        pk=pk,
    )
    said = list(article.statements.select_related("person").order_by("position"))
    spans = [marking.Span(f"statement-{s.pk}", s.start, s.end) for s in said]
    ref = citing.reference(article, request.build_absolute_uri(article.get_absolute_url()))
    return render(request, "archive/article.html", {
        "article": article, "body": marking.marked(article.body, spans), "said": said,
        "canonical": ref.archived_url, "highwire": citing.highwire(ref), "json_ld": citing.json_ld(ref),
        "coins": citing.coins(ref), "chicago": citing.chicago(ref), "apa": citing.apa(ref),
    })


# A citation file's form: its content type and the function that writes it.
CITATION_FILES = {"bib": ("application/x-bibtex; charset=utf-8", citing.bibtex),
                  "ris": ("application/x-research-info-systems; charset=utf-8", citing.ris)}


def article_citation(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().select_related("outlet", "meeting"), pk=pk)
    content_type, write = CITATION_FILES[fmt]
    ref = citing.reference(article, request.build_absolute_uri(article.get_absolute_url()))
    response = HttpResponse(write(ref), content_type=content_type)
    name = f"coalition-archive-{article.pk}.{fmt}"
    response.headers["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


def statements_page(request: HttpRequest) -> HttpResponse:
    filterset = statement_search.StatementFilter(request.GET, queryset=statement_search.published())
    if not filterset.is_valid():
        return _bad_request(request, filterset)
    tallies = filterset.tallies()
    paginator = _paginator(filterset.qs)
    paginator.count = tallies.total  # counted with the facets, in their one pass
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "archive/statements.html", {
        "filterset": filterset,
        "query_text": filterset.form.cleaned_data.get("q") or "",
        "page": page,
        "total": tallies.total,
        "total_text": plurals.statements(tallies.total),
        "speakers": tallies.speakers,
        "chosen_speaker": filterset.form.cleaned_data.get("speaker") or "",
        "years": tallies.years,
        "chosen_year": filterset.form.cleaned_data.get("year"),
    })


@ratelimit.limit("export")
def statements_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = statement_search.StatementFilter(request.GET, queryset=statement_search.published())
    if not filterset.is_valid():
        return _bad_request(request, filterset)
    rows = export.statement_rows(export.iterate(filterset.qs), request.build_absolute_uri)
    query_text = filterset.form.cleaned_data.get("q") or ""
    if fmt == "csv":
        stream = export.table_csv(export.STATEMENT_COLUMNS, rows)
    else:
        filters = {k: v for k, v in filterset.form.cleaned_data.items() if k != "q" and v not in (None, "")}
        page_url = request.build_absolute_uri(reverse("archive:statements") + _query_string(request))
        head = export.header(query_text, filters, filterset.qs.count(), page_url, timezone.now())
        stream = export.table_json("statements", head, rows)
    return _download(stream, fmt, export.file_name(query_text, timezone.localdate(), fmt, subject="statements"))


@ratelimit.limit("export")
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@ratelimit.limit("export")
def export_json(request: HttpRequest) -> HttpResponse:
    return _export(request, "json")


def _export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = _published_filter(request)
    if not filterset.is_valid():
        return _bad_request(request, filterset)
    search_url = request.build_absolute_uri(reverse("archive:search") + _query_string(request))
    stream = export.articles_stream(filterset, fmt, request.build_absolute_uri, search_url, timezone.now())
    name = export.file_name(filterset.query_text, timezone.localdate(), fmt)
    return _download(stream, fmt, name)


def _download(stream, fmt: str, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(export.marked_if_cut(stream, fmt), content_type=export.FORMATS[fmt])
    response.headers["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


def _query_string(request: HttpRequest, *left_out: str) -> str:
    params = request.GET.copy()
    for name in ("page", *left_out):
        params.pop(name, None)
    return f"?{params.urlencode()}" if params else ""


def _paginator(queryset) -> Paginator:
    return Paginator(queryset, settings.ARCHIVE_PAGE_SIZE)


# Browse pages -------------------------------------------------------------------------


def meeting_list(request: HttpRequest) -> HttpResponse:
    # Paginated as the people are: the time line above shows every meeting,
    # and the whole table, 400 meetings of a generated archive, made the
    # page 412 KB (issue 24 asks for at most 200).
    page = Paginator(browse.meetings(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "archive/meetings.html", {"page": page, "timeline": _timeline()})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = browse.meetings().filter(pk=pk).first()
    if meeting is None:
        return _moved(Meeting, pk, "archive:meeting")
    return render(request, "archive/meeting.html", {
        "page": browse.meeting_page(meeting), **_feed_link("archive:meeting_feed", _("مقالات هذا الاجتماع (Atom)"), pk),
    })


def person_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(browse.people(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "archive/people.html", {"page": page})


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = browse.person(pk)
    if person is None:
        return _moved(Person, pk, "archive:person")
    return render(request, "archive/person.html", {
        "page": browse.person_page(person), **_feed_link("archive:person_feed", _("مقالات هذا الشخص (Atom)"), pk),
    })


def country_list(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/countries.html", {"countries": browse.countries()})


def country_detail(request: HttpRequest, iso: str) -> HttpResponse:
    if len(iso) > 2 or "\x00" in iso:
        # No country has such a code, and PostgreSQL refuses NUL in any text.
        raise Http404
    country = browse.country(iso.upper())
    if country is None:
        return _moved_country(iso.upper(), "archive:country")
    return render(request, "archive/country.html", {
        "page": browse.country_page(country),
        **_feed_link("archive:country_feed", _("مقالات هذه الدولة (Atom)"), country.iso_code),
    })


def _moved_country(iso: str, view: str) -> HttpResponse:
    gone = Country.history.filter(iso_code=iso, history_type="-").order_by("-history_date").first()
    kept = merging.kept_pk(Country, gone.id) if gone is not None else None
    if kept is None:
        raise Http404
    return HttpResponsePermanentRedirect(reverse(view, args=[Country.objects.get(pk=kept).iso_code]))


def resolution_list(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/resolutions.html", {"resolutions": browse.resolutions()})


def resolution_detail(request: HttpRequest, number: int) -> HttpResponse:
    resolution = get_object_or_404(browse.resolutions(), number=number)
    page = browse.resolution_page(resolution)
    chart = charts.bars(page.per_year, _("الاستشهاد بالقرار %(number)s في المقالات حسب السنة") % {"number": resolution.number}, _("مقال"))
    return render(request, "archive/resolution.html", {
        "page": page, "chart": chart,
        **_feed_link("archive:resolution_feed", _("مقالات تستشهد بهذا القرار (Atom)"), resolution.number),
    })


def outlet_list(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/outlets.html", {"outlets": browse.outlets()})


def _timeline():
    points = [
        charts.TimelinePoint(m.date, m.name, m.get_absolute_url(), m.format == "virtual", m.member_count)
        for m in browse.timeline_meetings()
    ]
    return charts.timeline(points, _("اجتماعات التحالف الدولي ضد داعش عبر السنين"))


@ratelimit.limit("export")
def meetings_export(request: HttpRequest, fmt: str) -> HttpResponse:
    meetings = browse.meetings().prefetch_related("participations__person", "participations__country")
    rows = export.meeting_rows(meetings.iterator(chunk_size=export.CHUNK_SIZE), request.build_absolute_uri)
    return _table(request, fmt, "meetings", export.MEETING_COLUMNS, rows)


@ratelimit.limit("export")
def people_export(request: HttpRequest, fmt: str) -> HttpResponse:
    people = browse.people(Person.objects.prefetch_related("mentions__article"))
    rows = export.person_rows(iter(people), request.build_absolute_uri)
    return _table(request, fmt, "people", export.PERSON_COLUMNS, rows)


@ratelimit.limit("export")
def resolutions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = export.resolution_rows(browse.resolutions().iterator(), request.build_absolute_uri, browse.un_url)
    return _table(request, fmt, "resolutions", export.RESOLUTION_COLUMNS, rows)


def _table(request: HttpRequest, fmt: str, subject: str, columns, rows) -> HttpResponse:
    if fmt == "csv":
        stream = export.table_csv(columns, rows)
    else:
        head = {"exported_at": timezone.now().isoformat(timespec="seconds"), "limit": None,
                "list_url": request.build_absolute_uri(reverse(f"archive:{subject}"))}
        stream = export.table_json(subject, head, rows)
    return _download(stream, fmt, export.file_name("", timezone.localdate(), fmt, subject=subject))


# Feeds (archive/public/feeds.py) -------------------------------------------------------


def search_feed(request: HttpRequest) -> HttpResponse:
    filterset = _published_filter(request)
    if not filterset.is_valid():
        return _bad_request(request, filterset)
    page_url = reverse("archive:search") + _query_string(request, "sort")
    return feeds.ArticlesFeed(feeds.search(filterset, page_url))(request)


def meeting_feed(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = browse.meetings().filter(pk=pk).first()
    if meeting is None:
        return _moved(Meeting, pk, "archive:meeting_feed")
    return feeds.ArticlesFeed(feeds.meeting(meeting))(request)


def person_feed(request: HttpRequest, pk: int) -> HttpResponse:
    person = browse.person(pk)
    if person is None:
        return _moved(Person, pk, "archive:person_feed")
    return feeds.ArticlesFeed(feeds.person(person))(request)


def country_feed(request: HttpRequest, iso: str) -> HttpResponse:
    if len(iso) > 2 or "\x00" in iso:
        raise Http404  # as country_detail
    country = browse.country(iso.upper())
    if country is None:
        return _moved_country(iso.upper(), "archive:country_feed")
    return feeds.ArticlesFeed(feeds.country(country))(request)


def resolution_feed(request: HttpRequest, number: int) -> HttpResponse:
    resolution = get_object_or_404(browse.resolutions(), number=number)
    return feeds.ArticlesFeed(feeds.resolution(resolution))(request)


# Help and the API's description (archive/public/api.py) ---------------------------------


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/help.html", {"endpoints": api.ENDPOINTS})


def api_page(request: HttpRequest) -> HttpResponse:
    document = api.document(request.build_absolute_uri("/"))
    return render(request, "archive/api.html", {"document": document, "paths": document["paths"].items()})


def openapi_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(api.document(request.build_absolute_uri("/")), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data: any site's tools may read its description
    return response
