"""A researcher on a phone (360 px) and a laptop (1366 px), in a real
browser (tests/chromium.py): the facets within reach, tables that wrap
between words, chart labels that can be read, and the feeds and citations
of issue 23 where a reader finds them."""

import io

import pytest
from django.core.management import call_command

from archive.models import Article
from tests import chromium

if not chromium.AVAILABLE:
    pytest.skip("Chromium or Playwright is not installed", allow_module_level=True)

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 900}
READABLE_PX = 12

# The size each chart label is drawn at on screen: its font size times the
# scale from the drawing's units to the screen's pixels.
CHART_LABEL_SIZES = """() => Array.from(document.querySelectorAll('svg.chart text')).map(
  t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""

# Words of the table's cells that the browser broke across lines: a word
# whose range has more than one line box ("al-Jaafari" may break after its
# hyphen, as a hyphenated word does).
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of Array.from(document.querySelectorAll('table.data-table td, table.data-table th')).slice(0, 200)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\-\u2010]+/g)) {  // a break after a hyphen is between parts
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


class MobileTests(chromium.ChromiumTestCase):
    def setUp(self):
        call_command("demo", "--no-serve", stdout=io.StringIO())

    def page(self, viewport):
        context = self.browser.new_context(viewport=viewport, locale="ar", accept_downloads=True)
        self.addCleanup(context.close)
        return context.new_page()

    def test_chart_labels_are_readable_at_both_widths(self):
        for viewport in (PHONE, LAPTOP):
            page = self.page(viewport)
            for path in ("/", "/meetings/", "/?q=التحالف", "/resolutions/2254/"):
                with self.subTest(width=viewport["width"], path=path):
                    page.goto(self.live_server_url + path)
                    sizes = page.evaluate(CHART_LABEL_SIZES)
                    self.assertTrue(sizes, "no chart label on the page")
                    self.assertGreaterEqual(min(sizes), READABLE_PX - 0.01, sizes)
                    # The chart scrolls inside its figure; the page itself never does.
                    self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"),
                                         page.evaluate("document.documentElement.clientWidth"))

    def test_tables_wrap_between_words_never_inside_one(self):
        for viewport in (PHONE, LAPTOP):
            page = self.page(viewport)
            for path in ("/meetings/", "/resolutions/", "/people/"):
                with self.subTest(width=viewport["width"], path=path):
                    page.goto(self.live_server_url + path)
                    self.assertEqual(page.evaluate(BROKEN_WORDS), [])

    def test_on_a_phone_a_link_leads_to_the_facets_and_each_folds_away(self):
        page = self.page(PHONE)
        page.goto(self.live_server_url + "/?q=التحالف")
        jump = page.get_by_role("link", name="المرشحات: تضييق النتائج ↓")
        self.assertTrue(jump.is_visible())
        self.assertGreater(page.locator("#filters").bounding_box()["y"], PHONE["height"])  # below the results
        jump.click()
        self.assertLess(abs(page.evaluate("document.getElementById('filters').getBoundingClientRect().top")), 2)
        countries = page.locator("details.facet[aria-labelledby=facet-country]")
        self.assertTrue(countries.locator("ul").is_visible())
        countries.locator("summary").click()
        self.assertFalse(countries.locator("ul").is_visible())
        page.get_by_role("link", name="↑ العودة إلى النتائج").click()
        self.assertLess(abs(page.evaluate("document.getElementById('results-heading').getBoundingClientRect().top")), 2)

    def test_on_a_laptop_the_facets_stand_beside_the_results_without_the_jump_links(self):
        page = self.page(LAPTOP)
        page.goto(self.live_server_url + "/?q=التحالف")
        self.assertFalse(page.get_by_role("link", name="المرشحات: تضييق النتائج ↓").is_visible())
        self.assertLess(page.locator("#filters").bounding_box()["y"], LAPTOP["height"])

    def test_a_reader_follows_a_search_and_cites_an_article(self):
        for viewport in (PHONE, LAPTOP):
            with self.subTest(width=viewport["width"]):
                page = self.page(viewport)
                page.goto(self.live_server_url + "/?q=التحالف")
                feed = page.locator(".feed-link a")
                self.assertTrue(feed.is_visible())
                response = page.request.get(self.live_server_url + feed.get_attribute("href"))
                self.assertTrue(response.headers["content-type"].startswith("application/atom+xml"))
                article = Article.objects.published().first()
                page.goto(self.live_server_url + article.get_absolute_url())
                self.assertEqual(page.locator('meta[name="citation_title"]').get_attribute("content"), article.title)
                self.assertTrue(page.locator(".cite-chicago").is_visible())
                with page.expect_download() as download:
                    page.get_by_role("link", name="RIS").click()
                self.assertTrue(download.value.suggested_filename.endswith(".ris"))

    def test_an_english_browser_sees_the_archive_s_own_forms_in_the_search_fields(self):
        context = self.browser.new_context(viewport=LAPTOP, locale="en-US")
        self.addCleanup(context.close)
        page = context.new_page()
        page.goto(self.live_server_url + "/?q=التحالف")
        self.assertRegex(page.locator("#site-q").get_attribute("placeholder"), r"^[^A-Za-z\"]+$")
        date_from = page.locator("#date-from")
        self.assertEqual(date_from.get_attribute("placeholder"), "2014-09-15")  # not mm/dd/yyyy
        date_from.fill("2020-01-01")
        date_from.press("Enter")
        page.wait_for_load_state()
        self.assertIn("date_from=2020-01-01", page.url)
        self.assertEqual(page.locator(".chip").first.inner_text().split(":")[0], "من تاريخ")
