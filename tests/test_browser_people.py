"""The extraction journey of issue 19 in a real browser (tests/chromium.py),
at a laptop's width and a phone's: an editor uploads real pages, finds the
doubtful ones first in the review queue, sees each fact's confidence and
the names the reader refused, and a researcher finds a known official
by the English name, with the offices and sources on his page."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from archive.editorial import curation
from archive.models import Article, Person
from tests import chromium

if not chromium.AVAILABLE:
    pytest.skip("Chromium or Playwright is not installed", allow_module_level=True)

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
REAL = Path(__file__).parent / "data" / "real" / "dev"
# DW's report of the Kuwait ministerial (with its German menu), and an
# excerpt with no headline whose office words are followed by junk.
KUWAIT_PAGE = next(REAL.glob("17_*.txt"))
EXCERPT = next(REAL.glob("21_*.txt"))


class ExtractionJourneyTests(chromium.ChromiumTestCase):
    def page(self, viewport):
        context = self.browser.new_context(viewport=viewport, locale="ar")
        self.addCleanup(context.close)
        return context.new_page()

    def login(self, viewport):
        get_user_model().objects.create_superuser("editor", "e@example.org", "a long test password 1")
        page = self.page(viewport)
        page.goto(self.live_server_url + "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "a long test password 1")
        page.click("input[type=submit]")
        return page

    def upload(self, page, path: Path, url: str) -> Article:
        page.goto(self.live_server_url + "/admin/archive/importbatch/upload/")
        page.set_input_files("#id_files", str(path))
        page.fill("#id_source_url", url)
        page.click("input[type=submit]")
        page.wait_for_load_state()
        return Article.objects.get(source_name=path.name)

    def test_the_editor_reviews_the_least_sure_first_at_both_widths(self):
        page = self.login(LAPTOP)
        sure = self.upload(page, KUWAIT_PAGE, "https://www.dw.com/ar/a-42560797")
        doubtful = self.upload(page, EXCERPT, "https://al-ain.com/article/coalition")
        self.assertEqual(sure.outlet.website, "https://dw.com/")
        self.assertNotIn("Inhalt", sure.body)
        self.assertLess(doubtful.min_confidence, sure.min_confidence)
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                page.set_viewport_size(viewport)
                page.goto(self.live_server_url + "/admin/archive/article/?confidence=low")
                queue = page.locator("#result_list").inner_text()
                self.assertIn(doubtful.title[:30], queue)
                self.assertNotIn(sure.title[:30], queue)
                page.goto(self.live_server_url + f"/admin/archive/article/{doubtful.pk}/change/")
                shown = page.locator(".field-confidence_shown").first.inner_text()
                # Lowest first: the fact that holds the article back leads.
                self.assertIn(f"{doubtful.min_confidence:.2f} ·", shown)
                self.assertLess(shown.index(f"{doubtful.min_confidence:.2f}"), shown.index("0.9"))
                width = page.evaluate("document.documentElement.scrollWidth")
                self.assertLessEqual(width, page.evaluate("document.documentElement.clientWidth") + 1)

    def test_a_researcher_finds_a_known_official_by_his_english_name(self):
        page = self.login(PHONE)
        article = self.upload(page, KUWAIT_PAGE, "https://www.dw.com/ar/a-42560797")
        curation.publish([article])
        tillerson = Person.objects.get(reference_key="rex-tillerson")
        self.assertTrue(article.person_mentions.filter(person=tillerson).exists())
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                page.set_viewport_size(viewport)
                page.goto(self.live_server_url + "/?q=Tillerson")
                self.assertIn(article.title[:30], page.locator(".search-results").inner_text())
                page.goto(self.live_server_url + tillerson.get_absolute_url())
                self.assertIn("وزير الخارجية", page.locator("#offices").locator("xpath=..").inner_text())
                self.assertGreater(page.locator("ul.sources li a").count(), 0)
                width = page.evaluate("document.documentElement.scrollWidth")
                self.assertLessEqual(width, page.evaluate("document.documentElement.clientWidth") + 1)

    def test_the_author_a_page_credits_is_shown_corrected_and_published(self):
        # Al-Roeya's page on Marrakech 2022: the author's name alone under the headline.
        roayah = next((REAL.parent / "dev3").glob("30_*.txt"))
        page = self.login(LAPTOP)
        article = self.upload(page, roayah, "https://www.alroeya.com/marrakech")
        self.assertEqual(article.byline, "دعاء عبدالنبي")
        self.assertFalse(Person.objects.filter(name__contains="عبدالنبي").exists())
        page.goto(self.live_server_url + f"/admin/archive/article/{article.pk}/change/")
        page.fill("#id_byline", "دعاء عبد النبي")
        page.click("input[name=_continue]")
        page.wait_for_load_state()
        article.refresh_from_db()
        self.assertEqual(article.byline, "دعاء عبد النبي")
        curation.publish([article])
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                page.set_viewport_size(viewport)
                page.goto(self.live_server_url + article.get_absolute_url())
                meta = page.locator(".article-meta").inner_text()
                self.assertIn("الكاتب", meta)
                self.assertIn("دعاء عبد النبي", meta)
                width = page.evaluate("document.documentElement.scrollWidth")
                self.assertLessEqual(width, page.evaluate("document.documentElement.clientWidth") + 1)
