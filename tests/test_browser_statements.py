"""Issue 22's journey in a real browser (tests/chromium.py), at a laptop's
width and a phone's: a researcher asks what Fuad Hussein said about al-Hol
camp, narrows the statements by speaker, follows one to its words in the
article (marked, at its anchor) and downloads exactly those statements; an
editor corrects a statement's speaker from the article's review page."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from archive.editorial import curation
from archive.importing import pipeline
from archive.models import Article, Person, Statement
from tests import chromium, factories

if not chromium.AVAILABLE:
    pytest.skip("Chromium or Playwright is not installed", allow_module_level=True)

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"


class StatementsJourneyTests(chromium.ChromiumTestCase):
    def setUp(self):
        factories.without_calendar()
        pipeline.import_paths([SEEDS], publish=True)
        curation.publish(Article.objects.all())  # as an editor would: the statements follow
        self.fuad = Person.objects.get(name="فؤاد حسين")

    def page(self, viewport):
        context = self.browser.new_context(viewport=viewport, locale="ar", accept_downloads=True)
        self.addCleanup(context.close)
        return context.new_page()

    def log_in(self, page, username: str, password: str) -> None:
        page.goto(self.live_server_url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")

    def fits(self, page) -> None:
        page.wait_for_load_state()
        width = page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, page.evaluate("document.documentElement.clientWidth") + 1)

    def test_a_researcher_finds_what_fuad_hussein_said_on_al_hol(self):
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                page = self.page(viewport)
                page.goto(self.live_server_url + "/")
                page.click("nav.site-nav >> text=التصريحات")
                page.fill("#statement-q", "الهول")
                page.click("form.statement-search button")
                self.assertIn("الهول", page.locator("h1").inner_text())
                page.click(f".facet[aria-labelledby=facet-speaker] ul >> text={self.fuad.name}")
                self.assertEqual(page.locator(".results-count").inner_text(), "تصريح واحد")
                listed = page.locator(".statement-item").inner_text()
                self.assertIn("مُخيَّم الهول", listed)
                self.assertIn("فؤاد حسين", listed)
                self.fits(page)
                with page.expect_download() as download:
                    page.click("a.export-link >> nth=0")
                rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
                statement = Statement.objects.get(person=self.fuad, text__contains="الهول")
                self.assertEqual([int(row["id"]) for row in rows], [statement.pk])
                page.click(".statement-meta a >> text=في «")
                page.wait_for_load_state()
                self.assertTrue(page.url.endswith(f"#statement-{statement.pk}"))
                marked = page.locator(f"mark#statement-{statement.pk}")
                self.assertIn("مُخيَّم الهول", marked.inner_text())
                # The statement the address names is the one highlighted.
                self.assertNotEqual(marked.evaluate("e => getComputedStyle(e).backgroundColor"), "rgba(0, 0, 0, 0)")
                self.fits(page)

    def test_a_researcher_downloads_one_year_and_sees_a_correction_counted(self):
        speaker_count = ".facet[aria-labelledby=facet-speaker] li:has-text('فؤاد حسين') .facet-count"
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                page = self.page(viewport)
                page.goto(self.live_server_url + "/statements/")
                before = int(page.locator(speaker_count).inner_text())
                page.click(".facet[aria-labelledby=facet-year] li >> nth=0 >> a")
                page.wait_for_load_state()
                year = int(page.locator(".facet[aria-labelledby=facet-year] li.active bdi").inner_text())
                self.fits(page)
                with page.expect_download() as download:
                    page.click("a.export-json")
                data = json.loads(Path(download.value.path()).read_text("utf-8"))
                self.assertEqual(data["export"]["filters"], {"year": year})
                self.assertEqual(len(data["statements"]), Statement.objects.public().filter(event_date__year=year).count())
                # An editor gives one of the ministers' statements to Fuad Hussein:
                # the counts the page remembered are counted again.
                corrected = Statement.objects.filter(collective="ministers").exclude(person=self.fuad).first()
                corrected.person, corrected.speaker_kind, corrected.collective = self.fuad, "person", ""
                corrected.save()
                page.goto(self.live_server_url + "/statements/")
                self.assertEqual(int(page.locator(speaker_count).inner_text()), before + 1)
                self.assertEqual(page.locator("html").get_attribute("dir"), "rtl")

    def test_the_person_page_lists_what_he_said(self):
        page = self.page(PHONE)
        page.goto(self.live_server_url + self.fuad.get_absolute_url())
        section = page.locator(".statements-section")
        self.assertIn("مُخيَّم الهول", section.inner_text())
        section.locator("a.all-statements").click()
        # wait_for_url waits for the new page's load event too: page.url alone
        # changes when the navigation commits, before there is a document to measure.
        page.wait_for_url(f"**speaker=person-{self.fuad.pk}**")
        self.fits(page)

    def test_an_editor_corrects_a_speaker_on_the_review_page(self):
        get_user_model().objects.create_superuser("editor", "e@example.org", "a long test password 1")
        statement = Statement.objects.filter(speaker_kind="collective", collective="ministers").first()
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                page = self.page(viewport)
                self.log_in(page, "editor", "a long test password 1")
                page.goto(self.live_server_url + f"/admin/archive/statement/{statement.pk}/change/")
                self.assertIn(statement.text[:20], page.locator(".field-evidence mark").inner_text())
                page.fill("#id_speaker_name", f"وزراء التحالف {viewport['width']}")
                page.click("input[name=_save]")
                page.wait_for_load_state()
                statement.refresh_from_db()
                self.assertEqual(statement.speaker_name, f"وزراء التحالف {viewport['width']}")
                self.fits(page)

    def test_an_editor_reads_an_article_s_statements_again_from_the_list(self):
        get_user_model().objects.create_superuser("reader", "r@example.org", "a long test password 2")
        for viewport in (LAPTOP, PHONE):
            with self.subTest(viewport=viewport["width"]):
                article = factories.article(
                    body="وقال وزير الخارجية الأمريكي جون كيري إن التحالف سيواصل الضغط على التنظيم.",
                    status=Article.Status.PENDING, title=f"مقال للقراءة من جديد {viewport['width']}",
                )
                Statement.objects.create(article=article, speaker_kind="person", text="نص قديم", start=0, end=5)
                page = self.page(viewport)
                self.log_in(page, "reader", "a long test password 2")
                page.goto(self.live_server_url + f"/admin/archive/article/?q={article.title}")
                page.check(f"input.action-select[value='{article.pk}']")
                page.select_option("select[name=action]", "reread_statements")
                page.click("button[name=index]")
                page.wait_for_load_state()
                self.assertIn("المقالات التي قُرئت تصريحاتها من جديد: 1", page.locator(".messagelist").inner_text())
                self.assertEqual(article.statements.get().speaker_name, "جون كيري")
                self.fits(page)
