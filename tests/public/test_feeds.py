import datetime
import xml.etree.ElementTree as ET

from django.test import TestCase
from django.urls import reverse

from archive.models import Article, Citation, Country, CountryMention, Meeting, Person, PersonMention, Resolution
from archive.public import feeds
from tests import factories

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def entries(response) -> list[dict[str, str]]:
    """Each entry as a feed reader reads it: its title, link, id, dates."""
    assert response["Content-Type"].startswith("application/atom+xml"), response["Content-Type"]
    root = ET.fromstring(response.content)
    found = []
    for entry in root.findall("a:entry", ATOM):
        found.append({
            "title": entry.findtext("a:title", namespaces=ATOM),
            "link": entry.find("a:link", ATOM).get("href"),
            "published": entry.findtext("a:published", default="", namespaces=ATOM),
            "updated": entry.findtext("a:updated", namespaces=ATOM),
            "summary": entry.findtext("a:summary", default="", namespaces=ATOM),
        })
    return found


def feed_title(response) -> str:
    return ET.fromstring(response.content).findtext("a:title", namespaces=ATOM)


class SearchFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        cls.kuwait = Meeting.objects.create(name="الاجتماع الوزاري في الكويت", date=datetime.date(2018, 2, 13))
        cls.older = factories.article("وزراء التحالف في الكويت", "اجتمع وزراء التحالف في الكويت.",
                                      published_on=datetime.date(2018, 2, 13), meeting=cls.kuwait)
        cls.newer = factories.article("التحالف <يجدد> دعمه", "جدد وزراء التحالف دعمهم للعراق.",
                                      published_on=datetime.date(2015, 6, 2))
        cls.other = factories.article("أخبار الطقس", "أمطار غزيرة في عمان.")
        cls.pending = factories.article("مسودة عن التحالف", "وزراء التحالف في مسودة.", status=Article.Status.PENDING)
        # The 2015 article reached the archive last: it heads the feed.
        Article.objects.filter(pk=cls.newer.pk).update(updated_at=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC))
        Article.objects.filter(pk=cls.older.pk).update(updated_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC))

    def test_a_search_feed_holds_the_search_s_published_articles_newest_to_the_archive_first(self):
        found = entries(self.client.get(reverse("archive:search_feed"), {"q": "التحالف"}))
        self.assertEqual([e["title"] for e in found], ["التحالف <يجدد> دعمه", "وزراء التحالف في الكويت"])
        self.assertEqual(found[0]["link"], f"http://testserver/articles/{self.newer.pk}/")
        self.assertTrue(found[0]["published"].startswith("2015-06-02"))
        self.assertTrue(found[0]["updated"].startswith("2026-12-01"))

    def test_a_feed_takes_the_search_s_filters_and_names_them(self):
        response = self.client.get(reverse("archive:search_feed"), {"q": "التحالف", "meeting": self.kuwait.pk})
        self.assertEqual([e["title"] for e in entries(response)], ["وزراء التحالف في الكويت"])
        self.assertIn("الاجتماع: الاجتماع الوزاري في الكويت", feed_title(response))

    def test_an_undated_article_has_no_published_date_made_up(self):
        found = entries(self.client.get(reverse("archive:search_feed"), {"q": "أمطار"}))
        self.assertEqual(found[0]["published"], "")

    def test_a_bad_search_is_refused_as_the_search_page_refuses_it(self):
        response = self.client.get(reverse("archive:search_feed"), {"year": "twenty"})
        self.assertEqual(response.status_code, 400)

    def test_rss_and_atom_lead_to_the_feed_with_the_same_search(self):
        for address in ("/rss/", "/atom/"):
            response = self.client.get(address, {"q": "التحالف"})
            self.assertEqual(response.status_code, 301)
            self.assertTrue(response["Location"].startswith("/feed/?q="))

    def test_the_search_page_announces_its_feed_with_its_filters(self):
        html = self.client.get(reverse("archive:search"), {"q": "التحالف", "sort": "newest"}).content.decode()
        self.assertIn('<link rel="alternate" type="application/atom+xml"', html)
        self.assertIn('href="/feed/?q=%D8%A7%D9%84%D8%AA%D8%AD%D8%A7%D9%84%D9%81"', html)

    def test_a_feed_is_cut_at_its_size_and_says_where_the_rest_is(self):
        response = self.client.get(reverse("archive:search_feed"))
        root = ET.fromstring(response.content)
        self.assertEqual(root.find("a:link[@rel='alternate']", ATOM).get("href"), "http://testserver/")
        self.assertLessEqual(len(entries(response)), feeds.FEED_ITEMS)


class RecordFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from archive.editorial import merging

        factories.without_calendar()
        cls.meeting = Meeting.objects.create(name="اجتماع روما", date=datetime.date(2021, 6, 28))
        cls.article = factories.article("وزراء التحالف في روما", "اجتمع الوزراء في روما.", meeting=cls.meeting)
        cls.unrelated = factories.article("مقال آخر", "نص آخر.")
        cls.person = Person.objects.create(name="أنتوني بلينكن")
        variant = Person.objects.create(name="انتوني بلنكن")
        PersonMention.objects.create(article=cls.article, person=cls.person, name_as_written="أنتوني بلينكن", sentence="س")
        cls.italy = Country.objects.create(name="إيطاليا", iso_code="IT")
        CountryMention.objects.create(article=cls.article, country=cls.italy, name_as_written="إيطاليا")
        cls.resolution = Resolution.objects.create(number=2178, year=2014)
        Citation.objects.create(article=cls.article, resolution=cls.resolution)
        cls.merged_person = variant.pk
        merging.merge(cls.person, [variant])

    def test_each_record_s_feed_holds_the_articles_its_page_lists(self):
        for url in (reverse("archive:meeting_feed", args=[self.meeting.pk]),
                    reverse("archive:person_feed", args=[self.person.pk]),
                    reverse("archive:country_feed", args=["it"]),
                    reverse("archive:resolution_feed", args=[2178])):
            with self.subTest(url=url):
                self.assertEqual([e["title"] for e in entries(self.client.get(url))], ["وزراء التحالف في روما"])

    def test_each_record_s_page_announces_its_feed(self):
        for page, feed in ((self.meeting.get_absolute_url(), f"/meetings/{self.meeting.pk}/feed/"),
                           (self.person.get_absolute_url(), f"/people/{self.person.pk}/feed/"),
                           ("/countries/IT/", "/countries/IT/feed/"),
                           ("/resolutions/2178/", "/resolutions/2178/feed/")):
            with self.subTest(page=page):
                html = self.client.get(page).content.decode()
                self.assertIn(f'<link rel="alternate" type="application/atom+xml" title="', html)
                self.assertIn(f'href="{feed}"', html)

    def test_a_merged_away_person_s_feed_leads_to_the_kept_one(self):
        response = self.client.get(reverse("archive:person_feed", args=[self.merged_person]))
        self.assertRedirects(response, reverse("archive:person_feed", args=[self.person.pk]), status_code=301,
                             fetch_redirect_response=False)

    def test_a_record_that_never_was_has_no_feed(self):
        for url in ("/people/999999/feed/", "/meetings/999999/feed/", "/countries/ZZ/feed/",
                    "/countries/%00/feed/", "/resolutions/9/feed/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
