from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from archive.public import sitefiles, views
from archive.ops import health


class ExportFormat:
    regex = "csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class CitationFormat(ExportFormat):
    regex = "bib|ris"


register_converter(ExportFormat, "fmt")
register_converter(CitationFormat, "citefmt")

public_patterns = [
    path("", views.search_page, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("articles/<int:pk>/cite.<citefmt:fmt>", views.article_citation, name="article_citation"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("meetings.<fmt:fmt>", views.meetings_export, name="meetings_export"),
    path("people.<fmt:fmt>", views.people_export, name="people_export"),
    path("resolutions.<fmt:fmt>", views.resolutions_export, name="resolutions_export"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("people/", views.person_list, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:iso>/", views.country_detail, name="country"),
    path("resolutions/", views.resolution_list, name="resolutions"),
    path("resolutions/<int:number>/", views.resolution_detail, name="resolution"),
    path("outlets/", views.outlet_list, name="outlets"),
    path("statements/", views.statements_page, name="statements"),
    # Atom feeds (archive/public/feeds.py); /atom/ and /rss/ are the
    # addresses readers try first.
    path("help/", views.help_page, name="help"),
    path("api/", views.api_page, name="api"),
    path("api/openapi.json", views.openapi_json, name="openapi"),
    path("feed/", views.search_feed, name="search_feed"),
    path("atom/", RedirectView.as_view(pattern_name="archive:search_feed", query_string=True, permanent=True)),
    path("rss/", RedirectView.as_view(pattern_name="archive:search_feed", query_string=True, permanent=True)),
    path("meetings/<int:pk>/feed/", views.meeting_feed, name="meeting_feed"),
    path("people/<int:pk>/feed/", views.person_feed, name="person_feed"),
    path("countries/<str:iso>/feed/", views.country_feed, name="country_feed"),
    path("resolutions/<int:number>/feed/", views.resolution_feed, name="resolution_feed"),
    path("statements.<fmt:fmt>", views.statements_export, name="statements_export"),
]

urlpatterns = [
    # For load balancers: is the database reachable (archive/ops/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # For crawlers and browsers (archive/public/sitefiles.py).
    path("robots.txt", sitefiles.robots_txt, name="robots_txt"),
    path("favicon.ico", sitefiles.favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": sitefiles.SITEMAPS, "sitemap_url_name": "sitemap_section"},
         name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitefiles.SITEMAPS}, name="sitemap_section"),
]
# The public site in Arabic at its addresses as they always were, and in
# English under /en/ (LocaleMiddleware reads the prefix).
urlpatterns += i18n_patterns(path("", include((public_patterns, "archive"))), prefix_default_language=False)

# A database connection failure raised outside a view still gets the 503 page.
handler500 = "archive.ops.health.server_error"
