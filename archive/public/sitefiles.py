"""The files a site keeps for crawlers and browsers: robots.txt, the
sitemap and the favicon.

The archive's faceted search is an endless space of URLs (every query with
every combination of facets, every page of each, every export of each), so
robots.txt keeps crawlers to the pages that hold something once: the
articles and the entity pages, which the sitemap lists, and the bare lists.
Any URL with a query string is left out, as are the exports and the admin.

The sitemap is Django's (django.contrib.sitemaps): an index with one
section per kind of page, each paged at Django's 50,000 URLs a file. Its
sections show exactly what the public pages show (archive.public.browse:
published articles, its public meetings, people, countries and resolutions
a published article names); for the last three they ask with EXISTS rather
than browse's lists, which count every mention (at 100,000 articles) only
to keep those counted at least once.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from archive.models import Article, ArticleStatus, Citation, Country, CountryMention, Meeting, Person, PersonMention, Resolution
from archive.public import browse

# What crawlers are kept from: any URL with a query (searches, facets,
# pages of a list), the exports and the admin.
DISALLOWED = ("/*?", "/admin/", "/*.csv$", "/*.json$")
# A day: robots.txt and the favicon change with a deployment, not a request.
SITE_FILE_MAX_AGE = 24 * 60 * 60


@require_GET
@cache_control(public=True, max_age=SITE_FILE_MAX_AGE)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /$", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=SITE_FILE_MAX_AGE)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: sent on to the
    static file, which whitenoise serves with its hashed name."""
    return HttpResponsePermanentRedirect(static("archive/img/favicon.ico"))


def _published_where(model, field: str) -> Exists:
    return Exists(model.objects.filter(**{field: OuterRef("pk"), "article__status": ArticleStatus.PUBLISHED}))


class BilingualSitemap(Sitemap):
    """Each page in Arabic and in English (/en/), each listing the other as
    its alternate (hreflang), Arabic as the default (x-default)."""

    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().only("id", "updated_at").order_by("id")

    def lastmod(self, article: Article):
        return article.updated_at


class MeetingSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Meeting]:
        return browse.public_meetings().only("id").order_by("id")


class PersonSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Person]:
        return Person.objects.filter(_published_where(PersonMention, "person")).only("id").order_by("id")


class CountrySitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Country]:
        return Country.objects.filter(_published_where(CountryMention, "country")).only("id", "iso_code").order_by("iso_code")


class ResolutionSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Resolution]:
        return Resolution.objects.filter(_published_where(Citation, "resolution")).only("id", "number").order_by("number")


class ListSitemap(BilingualSitemap):
    """The lists a researcher starts from, without a query."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return ["archive:search", "archive:meetings", "archive:people", "archive:statements", "archive:countries",
                "archive:resolutions", "archive:outlets"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {
    "pages": ListSitemap,
    "articles": ArticleSitemap,
    "meetings": MeetingSitemap,
    "people": PersonSitemap,
    "countries": CountrySitemap,
    "resolutions": ResolutionSitemap,
}
