"""The public site in English under /en/, Arabic staying the default at the
addresses without a prefix (archive/urls.py, archive/public/languages.py)."""

import datetime
import re

from django.test import TestCase

from archive.models import Country, CountryMention, Meeting, Outlet, Person, PersonMention
from tests import factories


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


class EnglishInterfaceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        cls.outlet = Outlet.objects.create(key="test-aawsat", name="الشرق الأوسط", name_en="Asharq Al-Awsat")
        cls.meeting = Meeting.objects.create(name="الاجتماع الوزاري في روما", name_en="Ministerial meeting in Rome",
                                             date=datetime.date(2021, 6, 28))
        cls.article = factories.article("وزراء التحالف في روما", "اجتمع وزراء التحالف في روما.", outlet=cls.outlet,
                                        meeting=cls.meeting, published_on=datetime.date(2021, 6, 28))
        factories.article("التحالف يجدد التزامه", "جدد التحالف التزامه.")
        cls.person = Person.objects.create(name="أنتوني بلينكن", name_en="Antony Blinken")
        PersonMention.objects.create(article=cls.article, person=cls.person, name_as_written="أنتوني بلينكن", sentence="س")
        cls.italy = Country.objects.create(name="إيطاليا", name_en="Italy", iso_code="IT")
        CountryMention.objects.create(article=cls.article, country=cls.italy, name_as_written="إيطاليا")

    def test_arabic_stays_the_default_right_to_left_at_the_plain_addresses(self):
        page = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
        self.assertEqual(html_tag(page), '<html lang="ar" dir="rtl">')
        self.assertIn("مقالان", page)

    def test_english_lives_under_en_left_to_right(self):
        response = self.client.get("/en/")
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertEqual(html_tag(page), '<html lang="en" dir="ltr">')
        self.assertIn('data-count="2">2 articles</p>', page)
        self.assertIn('href="/en/meetings/"', page)

    def test_counts_read_right_in_both_languages(self):
        one = self.client.get("/en/", {"q": "روما"}).content.decode()
        self.assertIn('data-count="1">1 article</p>', one)
        arabic = self.client.get("/", {"q": "روما"}).content.decode()
        self.assertIn('data-count="1">مقال واحد</p>', arabic)

    def test_every_page_links_the_same_page_in_the_other_language(self):
        arabic = self.client.get(f"/people/{self.person.pk}/", {"page": "1"}).content.decode()
        self.assertIn(f'href="/en/people/{self.person.pk}/?page=1" hreflang="en" lang="en"', arabic)
        english = self.client.get(f"/en/people/{self.person.pk}/").content.decode()
        self.assertIn(f'href="/people/{self.person.pk}/" hreflang="ar" lang="ar"', english)

    def test_english_pages_show_english_names_where_known(self):
        person = self.client.get(f"/en/people/{self.person.pk}/").content.decode()
        self.assertIn("Antony Blinken", re.search(r"<h1.*?</h1>", person, re.S).group(0))
        country = self.client.get("/en/countries/IT/").content.decode()
        self.assertIn("Italy", re.search(r"<h1.*?</h1>", country, re.S).group(0))
        results = self.client.get("/en/", {"q": "روما"}).content.decode()
        self.assertIn("<span>Asharq Al-Awsat</span>", results)
        self.assertIn("<span>Ministerial meeting in Rome</span>", results)

    def test_the_english_site_speaks_english(self):
        for path in ("/en/", "/en/meetings/", "/en/people/", "/en/countries/", "/en/resolutions/", "/en/outlets/",
                     "/en/statements/", "/en/help/", "/en/api/", self.article.get_absolute_url().replace("/articles", "/en/articles")):
            with self.subTest(path=path):
                page = self.client.get(path).content.decode()
                nav = re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0)
                self.assertNotRegex(re.sub(r'<a [^>]*lang="ar"[^>]*>.*?</a>', "", nav), "[\u0600-\u06ff]", path)
                self.assertIn(">Meetings<", nav)

    def test_each_language_keeps_its_own_header_and_footer_page_after_page(self):
        # The chrome is rendered once per language and process (templates/base.html):
        # an English page after an Arabic one must not inherit its sections.
        for path, sections, footer in (("/", ">الاجتماعات<", ">مساعدة: "), ("/en/", ">Meetings<", ">Help: "),
                                       ("/meetings/", ">الاجتماعات<", ">مساعدة: "), ("/en/people/", ">Meetings<", ">Help: ")):
            with self.subTest(path=path):
                page = self.client.get(path).content.decode()
                self.assertIn(sections, re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0))
                self.assertIn(footer, re.search(r"<footer.*?</footer>", page, re.S).group(0))
                self.assertIn('href="/en/meetings/"' if path.startswith("/en/") else 'href="/meetings/"', page)

    def test_feeds_and_exports_answer_under_en_too(self):
        feed = self.client.get("/en/feed/", {"q": "روما"})
        self.assertEqual(feed.status_code, 200)
        self.assertIn(b'xml:lang="en"', feed.content)
        self.assertEqual(self.client.get("/en/export.json").status_code, 200)

    def test_english_facets_and_chips_name_records_in_english(self):
        page = self.client.get("/en/", {"q": "روما", "meeting": self.meeting.pk}).content.decode()
        self.assertIn("Asharq Al-Awsat", re.search(r'<details class="facet"[^>]*facet-outlet.*?</details>', page, re.S).group(0))
        self.assertIn("Ministerial meeting in Rome (2021-06-28)", page)
        undated = Meeting.objects.create(name="اجتماع بلا تاريخ")
        factories.article("مقال عن اجتماع", "اجتماع روما الآخر.", meeting=undated)
        english = self.client.get("/en/", {"q": "روما"}).content.decode()
        self.assertIn("اجتماع بلا تاريخ (Undated)", english)
        arabic = self.client.get("/", {"q": "روما"}).content.decode()
        self.assertIn("اجتماع بلا تاريخ (بلا تاريخ)", arabic)
