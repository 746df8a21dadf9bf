"""The meetings journey in a real browser (tests/chromium.py), at a laptop's
width and a phone's: a researcher opening the calendar on an archive with
no articles yet, and an editor importing a real page that finds its
calendar meeting."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from archive.models import Article, Meeting
from archive.reference import calendar
from tests import chromium

if not chromium.AVAILABLE:
    pytest.skip("Chromium or Playwright is not installed", allow_module_level=True)

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# A real page (tests/data/real/dev/17): DW's report of the Kuwait ministerial,
# with its German menu, as an editor copies it.
KUWAIT_PAGE = next((Path(__file__).parent / "data" / "real" / "dev").glob("17_*.txt"))


class MeetingsJourneyTests(chromium.ChromiumTestCase):
    def page(self, viewport):
        context = self.browser.new_context(viewport=viewport, locale="ar")
        self.addCleanup(context.close)
        return context.new_page()

    def test_a_bare_archive_opens_on_the_calendar_at_both_widths(self):
        entries = calendar.entries()
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                page = self.page(viewport)
                response = page.goto(self.live_server_url + "/meetings/")
                self.assertEqual(response.status, 200)
                self.assertEqual(page.evaluate("document.documentElement.dir"), "rtl")
                self.assertTrue(page.locator("svg.timeline").is_visible())
                self.assertEqual(page.locator("table.data-table tbody tr").count(), len(entries))
                # The newest first: its date, city and kind in the row.
                newest = max(entries, key=lambda e: e.start)
                first_row = page.locator("table.data-table tbody tr").first.inner_text()
                self.assertIn(newest.city_ar or "عبر الفيديو", first_row)
                self.assertIn(str(newest.start.year), first_row)
                width = page.evaluate("document.documentElement.scrollWidth")
                self.assertLessEqual(width, page.evaluate("document.documentElement.clientWidth") + 1)

    def test_a_long_calendar_pages_its_table_under_one_time_line(self):
        Meeting.objects.bulk_create([
            Meeting(name=f"اجتماع تقني رقم {n}", date=datetime.date(2030, 1, 1) + datetime.timedelta(days=n),
                    origin=Meeting.Origin.CALENDAR)
            for n in range(60)
        ])
        dots = Meeting.objects.exclude(date=None).count()
        listed = Meeting.objects.count()  # a bare archive lists its whole calendar
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                page = self.page(viewport)
                page.goto(self.live_server_url + "/meetings/")
                self.assertEqual(page.locator("table.data-table tbody tr").count(), 50)
                self.assertEqual(page.locator("svg.timeline circle").count(), dots)
                page.locator('nav.pagination a[rel="next"]').click()
                page.wait_for_url("**/meetings/?page=2")
                self.assertEqual(page.evaluate("document.documentElement.dir"), "rtl")
                self.assertEqual(page.locator("table.data-table tbody tr").count(), min(50, listed - 50))
                self.assertIn("اجتماع تقني رقم 0", page.locator("table.data-table").inner_text())
                self.assertEqual(page.locator("svg.timeline circle").count(), dots)
                width = page.evaluate("document.documentElement.scrollWidth")
                self.assertLessEqual(width, page.evaluate("document.documentElement.clientWidth") + 1)

    def test_a_calendar_meeting_page_names_its_sources(self):
        kuwait = Meeting.objects.get(calendar_key="2018-02-13-kuwait-ministerial")
        page = self.page(PHONE)
        page.goto(self.live_server_url + kuwait.get_absolute_url())
        self.assertIn("الكويت", page.locator("h1").inner_text())
        self.assertGreater(page.locator("ul.sources li a").count(), 0)

    def test_an_editor_uploads_a_real_page_and_confirms_its_calendar_meeting(self):
        get_user_model().objects.create_superuser("editor", "e@example.org", "a long test password 1")
        page = self.page(LAPTOP)
        page.goto(self.live_server_url + "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "a long test password 1")
        page.click("input[type=submit]")
        page.goto(self.live_server_url + "/admin/archive/importbatch/upload/")
        page.set_input_files("#id_files", str(KUWAIT_PAGE))
        page.fill("#id_published_on", "2018-02-13")
        page.fill("#id_source_url", "https://www.dw.com/ar/a-42560797")
        page.click("input[type=submit]")
        page.wait_for_load_state()
        article = Article.objects.get()
        self.assertEqual(article.source_url, "https://www.dw.com/ar/a-42560797")
        page.goto(self.live_server_url + f"/admin/archive/article/{article.pk}/change/")
        review = page.locator(".review-meeting").inner_text()
        self.assertIn("الكويت", review)
        self.assertIn("المدينة نفسها", review)
        page.click("button[value=confirm_meeting]")
        page.wait_for_load_state()
        article.refresh_from_db()
        self.assertEqual(article.meeting.calendar_key, "2018-02-13-kuwait-ministerial")
        # The meeting picker tells meetings apart: date, place, kind, articles.
        picker = page.request.get(
            self.live_server_url + "/admin/autocomplete/?app_label=archive&model_name=article&field_name=meeting&term=الكويت"
        ).json()
        label = next(r["text"] for r in picker["results"] if r["id"] == str(article.meeting_id))
        self.assertIn("(2018-02-13 · الكويت · اجتماع وزاري) · المقالات: 1", label)
