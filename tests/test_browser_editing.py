"""Issue 20's journey in a real browser (tests/chromium.py): an editor
uploads 25 real pages as a zip, puts every article on its right meeting with
the right people, and publishes them, counting the page loads and the
corrections it took.

The pages are the first 25 of the held-back set (tests/data/real/heldback,
by number), each with its address on its last line as a page copied from a
site carries it. The editor knows the truth the labels give: the event each
page reports (its calendar meeting, by date) and the people it names. An
event the calendar lacks (Andrews, October 2014) gets a meeting made from
its first page, and its other pages are moved to it. The rules were never
tuned to these pages: the counts are a measurement, reported in the closing
note of issue 20.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from archive import text
from archive.models import Article, Meeting, Person
from tests import chromium

if not chromium.AVAILABLE:
    pytest.skip("Chromium or Playwright is not installed", allow_module_level=True)

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
HELD_BACK = Path(__file__).parent / "data" / "real" / "heldback"
PAGES = sorted(HELD_BACK.glob("*.txt"), key=lambda path: int(path.name.split("_")[0]))[:25]
# The bar: at most 15 corrections and 60 page loads. Measured on 6
# December 2026: 14 corrections, 53 page loads.
MAX_CORRECTIONS = 15
MAX_PAGE_LOADS = 60
PASSWORD = "a long test password 1"


def label(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def zipped_pages() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in PAGES:
            page = path.read_text(encoding="utf-8").rstrip() + f"\nالمصدر: {label(path)['url']}\n"
            archive.writestr(path.name, page.encode("utf-8"))
    return buffer.getvalue()


class Walk:
    """The editor's browser tab, counting what the journey costs."""

    def __init__(self, browser, base_url: str, viewport: dict):
        self.context = browser.new_context(viewport=viewport, locale="ar")
        self.page = self.context.new_page()
        self.base = base_url
        self.loads = 0
        self.corrections = 0
        self.context.on("page", self._count)
        self._count(self.page)

    def _count(self, page) -> None:
        page.on("load", lambda _: setattr(self, "loads", self.loads + 1))

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def submit(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)

    def pick(self, field_id: str, term: str, option: str) -> None:
        """Choose in an autocomplete picker, as the editor does: open it, type, click the option."""
        # The picker's box: its text span is empty, and so unclickable, with nothing chosen.
        self.page.locator(f"#{field_id} + .select2 .select2-selection").click()
        self.page.fill(".select2-container--open .select2-search__field", term)
        self.page.locator(".select2-results__option", has_text=option).first.click()


class EditorBatchJourneyTests(chromium.ChromiumTestCase):
    def test_twenty_five_real_pages_put_right_and_published(self):
        walk = self.uploaded(LAPTOP)
        made: dict[str, Meeting] = {}  # events the calendar lacks: the meeting made for each
        for _ in range(len(PAGES)):
            match = re.search(r"/article/(\d+)/change/", walk.page.url)
            if match is None:
                break
            self.put_right(walk, Article.objects.get(pk=int(match.group(1))), made)
        self.assert_all_right(made)
        print(f"\nissue 20 journey: {walk.corrections} corrections, {walk.loads} page loads for {len(PAGES)} pages")
        self.assertLessEqual(walk.corrections, MAX_CORRECTIONS)
        self.assertLessEqual(walk.loads, MAX_PAGE_LOADS)

    def test_the_queue_gives_arabic_titles_room(self):
        walk = self.uploaded(LAPTOP)
        walk.page.go_back()  # the queue
        title = walk.page.locator("#result_list th.column-title").bounding_box()
        self.assertGreaterEqual(title["width"], 300)  # it was squeezed to 95 px
        # 25 rows of a line or two each, not a page of 6,600 px.
        self.assertLess(walk.page.evaluate("document.documentElement.scrollHeight"), 3000)

    def test_the_review_page_fits_a_phone(self):
        walk = self.uploaded(PHONE)
        review = walk.page.locator(".review")
        self.assertTrue(review.is_visible())
        self.assertEqual(walk.page.evaluate("document.documentElement.dir"), "rtl")
        self.assertTrue(walk.page.locator(".review-nav a[rel=next]").is_visible())
        buttons = walk.page.locator(".review-decisions button")
        self.assertGreater(buttons.count(), 0)
        for index in range(buttons.count()):  # every decision button within the screen's width
            box = buttons.nth(index).bounding_box()
            self.assertLessEqual(box["x"] + box["width"], PHONE["width"] + 1)

    # The steps -------------------------------------------------------------

    def uploaded(self, viewport: dict) -> Walk:
        """An editor's tab, logged in, the zip uploaded, on the first article of its queue."""
        get_user_model().objects.create_superuser("editor", "e@example.org", PASSWORD)
        walk = Walk(self.browser, self.live_server_url, viewport)
        self.addCleanup(walk.context.close)
        self.log_in(walk)
        self.upload(walk)
        return walk

    def log_in(self, walk: Walk) -> None:
        walk.goto("/admin/login/")
        walk.page.fill("#id_username", "editor")
        walk.page.fill("#id_password", PASSWORD)
        walk.submit("input[type=submit]")

    def upload(self, walk: Walk) -> None:
        """Upload the zip; from the batch's page to its queue and its first article."""
        walk.goto("/admin/archive/importbatch/upload/")
        walk.page.set_input_files("#id_files", {"name": "heldback-25.zip", "mimeType": "application/zip",
                                                "buffer": zipped_pages()})
        walk.submit("input[type=submit]")
        self.assertEqual(Article.objects.count(), len(PAGES))
        walk.submit("a.button.default")  # «راجع مقالات الدفعة التي تنتظر المراجعة»
        self.assertEqual(walk.page.locator("#result_list tbody tr").count(), len(PAGES))
        walk.submit("#result_list tbody tr:first-child th a")

    def put_right(self, walk: Walk, article: Article, made: dict[str, Meeting]) -> None:
        truth = label(HELD_BACK / article.source_name)
        decision = self.meeting_step(walk, article, truth, made)
        self.people_step(walk, article, truth)
        if decision == "new_meeting":
            walk.submit("button[value=new_meeting]")
            made[truth["event"]] = Article.objects.get(pk=article.pk).meeting
        elif decision == "confirm":
            walk.submit("button[value=confirm_and_publish]")
        publish = walk.page.locator("button[value=publish_anyway], button[value=publish]")
        if re.search(rf"/article/{article.pk}/change/", walk.page.url) and publish.count():
            # Still here: flags left open, listed on the page; the editor has read them.
            walk.submit("button[value=publish_anyway]" if walk.page.locator("button[value=publish_anyway]").count()
                        else "button[value=publish]")

    def meeting_step(self, walk: Walk, article: Article, truth: dict, made: dict[str, Meeting]) -> str:
        """Put the article on its meeting; what is left for the decision button."""
        target = self.target(truth, made)
        current = article.meeting or article.proposed_meeting
        if truth["event"] is None:
            if current is not None:
                walk.corrections += 1
                walk.submit("button[value=refuse_meeting]")
            return ""
        if target is None:  # an event the calendar lacks, met for the first time
            walk.corrections += 1
            if article.proposed_meeting is not None:
                walk.submit("button[value=refuse_meeting]")
            return "new_meeting"
        if current == target:
            return "confirm" if article.proposed_meeting_id else ""
        walk.corrections += 1
        # Typed as an editor would: its city, else the words that set its name
        # apart (its first word, «الاجتماع», lists more meetings than the picker shows).
        term = target.place or " ".join(target.name.split()[-2:])
        walk.pick("id_meeting", term, target.date.isoformat() if target.date else target.name)
        return ""

    def target(self, truth: dict, made: dict[str, Meeting]) -> Meeting | None:
        if truth["event"] in made:
            return made[truth["event"]]
        return Meeting.objects.filter(origin=Meeting.Origin.CALENDAR, date=truth["meeting_date"]).first()

    def people_step(self, walk: Walk, article: Article, truth: dict) -> None:
        wanted = {text.key(name): name for name in truth.get("persons") or ()}
        found = set()
        for mention in article.person_mentions.select_related("person"):
            spellings = {text.key(mention.name_as_written), text.key(mention.person.name),
                         *(text.key(a) for a in mention.person.aliases.values_list("name", flat=True))}
            if spellings & set(wanted):
                found |= spellings & set(wanted)
                continue
            walk.corrections += 1  # not a person the page names: the mention goes
            row = walk.page.locator(f"#person_mentions-group input[name$='-id'][value='{mention.pk}']")
            prefix = row.get_attribute("name").removesuffix("-id")
            walk.page.check(f"input[name='{prefix}-DELETE']")
        for key, name in wanted.items():
            if key not in found:
                walk.corrections += 1
                self.add_person(walk, article, name)

    def add_person(self, walk: Walk, article: Article, name: str) -> None:
        """A person the page names that the import missed: a new mention,
        with the sentence that names them as its evidence."""
        walk.page.locator("#person_mentions-group .add-row a").click()
        index = int(walk.page.input_value("#id_person_mentions-TOTAL_FORMS")) - 1
        prefix = f"id_person_mentions-{index}"
        known = Person.objects.filter(name=name).first()
        if known is None:
            with walk.page.expect_popup() as opened:
                walk.page.click(f"#add_{prefix}-person")
            popup = opened.value
            popup.wait_for_load_state()
            popup.fill("#id_name", name)
            with popup.expect_event("close"):  # listening before the click: it may close at once
                popup.click("input[name=_save]")
        else:
            walk.pick(f"{prefix}-person", name, name)
        walk.page.fill(f"#{prefix}-name_as_written", name)
        walk.page.fill(f"#{prefix}-sentence", self.evidence(article, name))
        walk.page.check(f"#{prefix}-in_meeting")

    def evidence(self, article: Article, name: str) -> str:
        surname = text.key(name).split()[-1]
        for sentence in re.split(r"(?<=[.!؟])\s+", article.body):
            if surname in text.key(sentence):
                return sentence
        return article.body.split("\n")[0]

    def assert_all_right(self, made: dict[str, Meeting]) -> None:
        for article in Article.objects.select_related("meeting"):
            truth = label(HELD_BACK / article.source_name)
            with self.subTest(article.source_name):
                self.assertTrue(article.is_published)
                self.assertEqual(article.meeting, self.target(truth, made) if truth["event"] else None)
                named = {text.key(m.person.name) for m in article.person_mentions.select_related("person")} | {
                    text.key(m.name_as_written) for m in article.person_mentions.all()}
                self.assertLessEqual({text.key(n) for n in truth.get("persons") or ()}, named)
