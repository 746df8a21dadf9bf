"""Atom feeds: a search, a person, a meeting, a country or a resolution,
followed in a feed reader.

Built on django.contrib.syndication, which writes valid Atom and escapes
every text it is given; what is ours is which articles a feed holds and in
what order.

Choices:
- A search's feed takes the search page's own parameters and filter
  (archive.search.filters.ArticleFilter), so it holds exactly the articles
  the page finds; a record's feed holds the articles its page lists
  (archive.public.browse.*_articles).
- Entries come newest to the archive first (the time the article last
  changed here), not newest by press date: a follower wants to hear of an
  article of 2015 published in the archive today, and a feed reader only
  sees the entries a feed still holds.
- Each entry's `published` is the press date where the page gave one;
  `updated` is when the archive last changed it, as Atom requires.
- A feed holds the newest FEED_ITEMS; its page links the whole list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from archive.i18n import ARCHIVE_NAME, name_of
from archive.models import Article, Country, Meeting, Person, Resolution
from archive.public import browse
from archive.search import links
from archive.search.filters import ArticleFilter

FEED_ITEMS = 50
SUMMARY_WORDS = 60


@dataclass(frozen=True)
class Followed:
    """What a feed follows: its title, the page it mirrors, its articles."""

    title: str
    page_url: str
    articles: QuerySet[Article]


class ArticlesFeed(Feed):
    feed_type = Atom1Feed
    # No language set: Django's Feed then writes the page's (get_language()).

    def __init__(self, followed: Followed):
        super().__init__()
        self.followed = followed

    def get_object(self, request, *args, **kwargs) -> Followed:
        return self.followed

    def title(self, followed: Followed) -> str:
        return f"{followed.title} — {ARCHIVE_NAME}"

    def link(self, followed: Followed) -> str:
        return followed.page_url

    def subtitle(self, followed: Followed) -> str:
        return _("أحدث ما نُشر في الأرشيف من المقالات: %(title)s") % {"title": followed.title}

    def items(self, followed: Followed) -> list[Article]:
        newest = followed.articles.order_by("-updated_at", "-pk")
        return list(newest.select_related("outlet", "meeting")[:FEED_ITEMS])

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        return Truncator(article.body).words(SUMMARY_WORDS)

    def item_author_name(self, article: Article) -> str | None:
        return article.byline or (article.outlet.name if article.outlet else None)

    def item_pubdate(self, article: Article) -> datetime.datetime | None:
        if article.published_on is None:
            return None
        return datetime.datetime.combine(article.published_on, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, article: Article) -> datetime.datetime:
        return article.updated_at

    def item_categories(self, article: Article) -> list[str]:
        return [article.meeting.name] if article.meeting else []


def search(filterset: ArticleFilter, page_url: str) -> Followed:
    """The valid search's articles (the feed orders them)."""
    described = [filterset.query_text] if filterset.query_text else []
    described += [f"{chip.label}: {chip.value}" for chip in links.chips(filterset.data)]
    title = _("بحث: %(what)s") % {"what": _("، ").join(described)} if described else _("كل المقالات")
    return Followed(title, page_url, filterset.qs)


def meeting(record: Meeting) -> Followed:
    return Followed(name_of(record), record.get_absolute_url(), browse.meeting_articles(record))


def person(record: Person) -> Followed:
    return Followed(name_of(record), record.get_absolute_url(), browse.person_articles(record))


def country(record: Country) -> Followed:
    return Followed(name_of(record), record.get_absolute_url(), browse.country_articles(record))


def resolution(record: Resolution) -> Followed:
    return Followed(_("قرار مجلس الأمن %(number)s") % {"number": record.number}, record.get_absolute_url(), browse.resolution_articles(record))
