"""The import's flags and when the editor's saved facts settle them (archive.editorial.flags)."""

import datetime

from django.test import TestCase

from archive.editorial import curation, flags
from archive.importing import cleaning, confidence, saving
from archive.models import Article, Meeting, Outlet
from tests import factories


class SettlingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()

    def article(self, *notes: str) -> Article:
        return factories.article("عنوان", "نص الخبر", status=Article.Status.PENDING, flags=list(notes))

    def test_each_flag_is_settled_by_its_own_fact(self):
        no_date, no_outlet = cleaning.NOTE_NO_DATE, cleaning.NOTE_NO_OUTLET
        article = self.article(no_date, no_outlet, saving.NOTE_NO_PROPOSAL)
        self.assertEqual(flags.open_flags(article), [no_date, no_outlet, saving.NOTE_NO_PROPOSAL])
        article.published_on = datetime.date(2024, 7, 10)
        self.assertEqual(flags.open_flags(article), [no_outlet, saving.NOTE_NO_PROPOSAL])
        article.outlet = Outlet.objects.create(name="عكاظ")
        article.meeting = Meeting.objects.create(name="اجتماع")
        self.assertEqual(flags.open_flags(article), [])

    def test_a_site_named_by_the_editor_settles_the_outlet_flag(self):
        outlet = Outlet.objects.create(name="example-news.net")
        note = cleaning.NOTE_OUTLET_SITE_ONLY.format(site="example-news.net")
        article = self.article(note)
        article.outlet = outlet
        self.assertEqual(flags.open_flags(article), [note])
        outlet.name = "أخبار المثال"
        self.assertEqual(flags.open_flags(article), [])

    def test_the_held_flag_goes_once_the_article_is_published(self):
        held = confidence.NOTE_HELD.format(facts="العنوان")
        article = self.article(held)
        curation.publish([article])
        self.assertEqual(curation.settle_flags(article), [])
        article.refresh_from_db()
        self.assertEqual(article.flags, [])

    def test_a_note_no_rule_knows_stays_open(self):
        self.assertEqual(flags.open_flags(self.article("ملاحظة لا يعرفها أي نوع")), ["ملاحظة لا يعرفها أي نوع"])

    def test_every_kind_matches_the_note_it_is_written_from(self):
        for kind in flags.KINDS:
            with self.subTest(kind.note):
                filled = kind.note.format(**{name: "س" for name in kind.pattern.groupindex})
                self.assertIs(flags.kind_of(filled)[0], kind)


class FlagsShownTests(TestCase):
    def test_flags_are_listed_escaped_before_publishing(self):
        from django.contrib.auth import get_user_model
        from django.urls import reverse

        factories.without_calendar()
        user = get_user_model().objects.create_superuser("chief", "c@example.org", "x" * 20)
        self.client.force_login(user)
        article = factories.article("<b>عنوان</b>", status=Article.Status.PENDING, flags=["<script>ملاحظة</script>"])
        asked = self.client.post(reverse("admin:archive_article_changelist"),
                                 {"action": "publish", "_selected_action": [article.pk]}).content.decode()
        self.assertIn("&lt;script&gt;ملاحظة&lt;/script&gt;", asked)
        self.assertIn("&lt;b&gt;عنوان&lt;/b&gt;", asked)
        self.assertNotIn("<script>ملاحظة", asked)
        review = self.client.get(reverse("admin:archive_article_change", args=[article.pk])).content.decode()
        self.assertNotIn("<script>ملاحظة", review)
