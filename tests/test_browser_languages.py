"""A researcher reading the archive in English, in a real browser
(tests/chromium.py), on two phones (360 and 390 px) and a laptop (1366 px): from the
Arabic home to English, a Latin search, an article, and back to Arabic on
the same page."""

import io
import re

import pytest
from django.core.management import call_command

from tests import chromium

if not chromium.AVAILABLE:
    pytest.skip("Chromium or Playwright is not installed", allow_module_level=True)

PHONE = {"width": 360, "height": 740}
WIDER_PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}


class EnglishJourneyTests(chromium.ChromiumTestCase):
    def setUp(self):
        call_command("demo", "--no-serve", stdout=io.StringIO())

    def page(self, viewport):
        context = self.browser.new_context(viewport=viewport, locale="en-US")
        self.addCleanup(context.close)
        return context.new_page()

    def assert_fits(self, page):
        page.wait_for_load_state()  # a click's navigation may have committed without its document
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"),
                             page.evaluate("document.documentElement.clientWidth"), page.url)

    def test_english_from_the_switch_to_an_article_and_back(self):
        for viewport in (PHONE, WIDER_PHONE, LAPTOP):
            with self.subTest(width=viewport["width"]):
                page = self.page(viewport)
                page.goto(self.live_server_url + "/")
                self.assertEqual(page.evaluate("document.documentElement.lang"), "ar")  # Arabic stays the default
                page.get_by_role("link", name="English").click()
                page.wait_for_load_state()
                self.assertTrue(page.url.endswith("/en/"))
                self.assertEqual(page.evaluate("document.documentElement.dir"), "ltr")
                self.assert_fits(page)
                page.fill("#site-q", "Blinken")
                page.press("#site-q", "Enter")
                page.wait_for_load_state()
                count = page.locator(".results-count")
                self.assertGreater(int(count.get_attribute("data-count")), 0)
                self.assertRegex(count.inner_text(), r"^\d+ articles?$")
                page.locator(".result-title a").first.click()
                page.wait_for_load_state()
                self.assertIn("/en/articles/", page.url)
                self.assertEqual(page.locator("#cite-title").inner_text(), "Cite this article")
                self.assert_fits(page)
                article_path = re.sub(r"^.*/en", "", page.url)
                page.get_by_role("link", name="العربية").click()
                page.wait_for_load_state()
                self.assertTrue(page.url.endswith(article_path), page.url)
                self.assertEqual(page.evaluate("document.documentElement.dir"), "rtl")
