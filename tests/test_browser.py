"""The public pages in a real browser (tests/chromium.py)."""

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command

from archive.models import Article, Meeting, Person
from tests import chromium

if not chromium.AVAILABLE:
    pytest.skip("Chromium or Playwright is not installed", allow_module_level=True)

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 900}


class BrowserTests(chromium.ChromiumTestCase):
    def setUp(self):
        call_command("demo", "--no-serve", stdout=io.StringIO())

    def page(self, viewport):
        context = self.browser.new_context(viewport=viewport, locale="ar")
        self.addCleanup(context.close)
        return context.new_page()

    def assert_right_to_left_without_overflow(self, page):
        page.wait_for_load_state()  # a click's navigation may have committed without its document
        self.assertEqual(page.evaluate("document.documentElement.dir"), "rtl")
        self.assertEqual(page.evaluate("document.documentElement.lang"), "ar")
        width = page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, page.evaluate("document.documentElement.clientWidth"), page.url)

    def test_every_public_page_is_right_to_left_and_fits_a_phone(self):
        article = Article.objects.published().first()
        meeting = Meeting.objects.first()
        person = Person.objects.get(name_en="Antony Blinken")
        paths = [
            "/", "/?q=داعش", article.get_absolute_url(), "/meetings/", meeting.get_absolute_url(), "/people/",
            person.get_absolute_url(), "/countries/", "/countries/IQ/", "/resolutions/", "/resolutions/2254/",
            "/outlets/",
        ]
        page = self.page(PHONE)
        for path in paths:
            with self.subTest(path=path):
                response = page.goto(self.live_server_url + path)
                self.assertEqual(response.status, 200)
                self.assert_right_to_left_without_overflow(page)

    def test_a_search_a_facet_click_and_the_export_link(self):
        page = self.page(LAPTOP)
        page.goto(self.live_server_url + "/")
        self.assertTrue(page.locator("svg.timeline").is_visible())
        page.fill("#site-q", "العراق")
        page.press("#site-q", "Enter")
        page.wait_for_load_state()
        total = int(page.locator(".results-count").get_attribute("data-count"))
        self.assertGreater(total, 0)
        facet = page.locator('a[data-facet="country"]').first
        expected = int(facet.locator(".facet-count").inner_text())
        facet.click()
        page.wait_for_load_state()
        self.assertEqual(int(page.locator(".results-count").get_attribute("data-count")), expected)
        self.assertEqual(page.locator(".chip").count(), 2)  # the filter, and "remove all"
        search = parse_qs(urlparse(page.url).query)
        for link in ("a.export-link:not(.export-json):not(.export-fast)", "a.export-json"):
            export = parse_qs(urlparse(page.locator(link).get_attribute("href")).query)
            self.assertEqual(export, search)
        self.assertIn(f"عدد الصفوف: {expected}", page.locator("a.export-link").first.inner_text())
        # The faster CSV: the same search, its rows without their snippets.
        fast = page.locator("a.export-fast")
        self.assertEqual(parse_qs(urlparse(fast.get_attribute("href")).query), {**search, "snippets": ["0"]})
        with page.expect_download() as download:
            fast.click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        self.assertEqual(len(rows), expected)
        self.assertFalse(any(row["snippet"] for row in rows))

    def test_the_keyboard_reaches_the_search_box_first(self):
        page = self.page(LAPTOP)
        page.goto(self.live_server_url + "/")
        page.keyboard.press("Tab")
        self.assertEqual(page.evaluate("document.activeElement.className"), "skip-link")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        self.assertEqual(page.evaluate("document.activeElement.id"), "site-q")

    def test_the_self_hosted_arabic_font_is_used(self):
        page = self.page(LAPTOP)
        page.goto(self.live_server_url + "/")
        page.evaluate("document.fonts.ready")
        loaded = page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'عربي')")
        self.assertTrue(loaded)

    def test_the_counted_lists_agree_with_the_search_they_open_at_both_widths(self):
        # The lists' counts come from the search engine's copy (browse.Counted);
        # a researcher checks one against the search it opens.
        for viewport in ({"width": 1366, "height": 900}, {"width": 390, "height": 844}):
            with self.subTest(width=viewport["width"]):
                page = self.page(viewport)
                page.goto(self.live_server_url + "/people/")
                self.assert_right_to_left_without_overflow(page)
                row = page.locator("table.data-table tbody tr").first
                listed = int(row.locator("td a[href*='person=']").inner_text())
                row.locator("th a").click()
                self.assert_right_to_left_without_overflow(page)
                person = page.url.rstrip("/").rsplit("/", 1)[1]
                page.goto(self.live_server_url + f"/?person={person}")
                page.wait_for_load_state()
                self.assertEqual(int(page.locator(".results-count").get_attribute("data-count")), listed)
                page.goto(self.live_server_url + "/countries/")
                self.assert_right_to_left_without_overflow(page)
                first = page.locator("main li").first
                listed = int(first.locator(".facet-count").inner_text())
                first.locator("a").click()
                self.assert_right_to_left_without_overflow(page)
                # The sample archive is small: the page lists all of them.
                articles = page.locator("section[aria-labelledby=country-articles] ol.article-list > li")
                self.assertEqual(articles.count(), listed)
