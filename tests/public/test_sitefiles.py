import datetime
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.test import TestCase
from django.urls import reverse

from archive.models import Article, Citation, Meeting, Person, PersonMention, Resolution
from tests import factories

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def robots_rules(text: str) -> list[tuple[str, str]]:
    return [tuple(part.strip() for part in line.split(":", 1)) for line in text.splitlines() if ":" in line]


def disallowed(path: str, rules: list[tuple[str, str]]) -> bool:
    """How Google reads robots.txt: the longest matching rule wins, Allow on a tie."""
    best = ("", "Allow")
    for kind, pattern in rules:
        if kind not in ("Allow", "Disallow"):
            continue
        regex = re.escape(pattern).replace(r"\*", ".*").replace(r"\$", "$")
        if re.match(regex, path) and (len(pattern) > len(best[0]) or (len(pattern) == len(best[0]) and kind == "Allow")):
            best = (pattern, kind)
    return best[1] == "Disallow"


class RobotsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = factories.article("اجتماع روما", "اجتمع الوزراء في روما.", published_on=datetime.date(2018, 2, 13))

    def setUp(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.rules = robots_rules(response.content.decode())

    def test_it_keeps_crawlers_from_searches_with_parameters_and_from_exports(self):
        for path in ("/?q=%D8%B1%D9%88%D9%85%D8%A7", "/?country=IQ&page=2", "/export.csv", "/export.json?q=x",
                     "/meetings.csv", "/statements.json", "/people/?page=3", "/admin/", "/admin/archive/article/"):
            with self.subTest(path=path):
                self.assertTrue(disallowed(path, self.rules))

    def test_it_lets_crawlers_read_articles_entity_pages_and_the_front_page(self):
        for path in ("/", f"/articles/{self.article.pk}/", "/meetings/", "/people/", "/countries/IQ/",
                     "/resolutions/2254/", "/statements/"):
            with self.subTest(path=path):
                self.assertFalse(disallowed(path, self.rules))

    def test_it_names_the_sitemap_by_its_full_address(self):
        self.assertIn(("Sitemap", "http://testserver/sitemap.xml"), self.rules)


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        cls.meeting = Meeting.objects.create(name="اجتماع الكويت", date=datetime.date(2018, 2, 13), place="الكويت")
        cls.hidden_meeting = Meeting.objects.create(name="اجتماع لم يُنشر خبره", date=datetime.date(2019, 1, 1))
        cls.published = factories.article("اجتماع الكويت", "اجتمع الوزراء في الكويت.", published_on=datetime.date(2018, 2, 13))
        cls.published.meeting = cls.meeting
        cls.published.save()
        cls.pending = factories.article("مسودة", "نص لم يراجع.", status=Article.Status.PENDING)
        cls.pending.meeting = cls.hidden_meeting
        cls.pending.save()
        cls.named = Person.objects.create(name="ريكس تيلرسون")
        cls.unpublished_only = Person.objects.create(name="شخص في مسودة")
        PersonMention.objects.create(article=cls.published, person=cls.named, name_as_written="ريكس تيلرسون", sentence="ريكس تيلرسون")
        PersonMention.objects.create(article=cls.pending, person=cls.unpublished_only, name_as_written="شخص في مسودة", sentence="شخص في مسودة")
        cls.cited = Resolution.objects.create(number=2170)
        Citation.objects.create(article=cls.published, resolution=cls.cited, sentence="القرار 2170")

    def locations(self) -> set[str]:
        index = self.client.get(reverse("sitemap"))
        self.assertEqual(index.status_code, 200)
        found = set()
        for section in ElementTree.fromstring(index.content).iter(f"{SITEMAP}loc"):
            page = self.client.get(urlsplit(section.text).path)
            self.assertEqual(page.status_code, 200, section.text)
            found |= {urlsplit(loc.text).path for loc in ElementTree.fromstring(page.content).iter(f"{SITEMAP}loc")}
        return found

    def test_it_lists_every_public_page_and_nothing_unpublished(self):
        found = self.locations()
        self.assertIn(self.published.get_absolute_url(), found)
        self.assertIn(self.meeting.get_absolute_url(), found)
        self.assertIn(self.named.get_absolute_url(), found)
        self.assertIn(self.cited.get_absolute_url(), found)
        self.assertIn("/meetings/", found)
        self.assertNotIn(self.pending.get_absolute_url(), found)
        self.assertNotIn(self.hidden_meeting.get_absolute_url(), found)
        self.assertNotIn(self.unpublished_only.get_absolute_url(), found)

    def test_each_page_is_listed_in_both_languages_with_its_alternates(self):
        found = self.locations()
        self.assertIn(f"/en{self.published.get_absolute_url()}", found)
        index = self.client.get(reverse("sitemap_section", args=["articles"])).content.decode()
        self.assertIn(f'hreflang="en" href="http://testserver/en{self.published.get_absolute_url()}"', index)
        self.assertIn(f'hreflang="x-default" href="http://testserver{self.published.get_absolute_url()}"', index)

    def test_every_listed_page_answers(self):
        for path in self.locations():
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 200)


class FaviconTests(TestCase):
    def test_browsers_asking_for_favicon_ico_get_the_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].endswith(".ico"))

    def test_every_page_links_its_icon(self):
        page = self.client.get(reverse("archive:meetings")).content.decode()
        self.assertRegex(page, r'<link rel="icon" href="/static/archive/img/favicon[^"]*\.svg"')
