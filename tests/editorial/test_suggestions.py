"""Records that look like one, offered to editors (archive.editorial.suggestions) and
merged or set apart in one click on /admin/duplicates/."""

import datetime

from django.urls import reverse

from archive.editorial import suggestions
from archive.models import Merge, Meeting, Outlet, Person, PersonMention
from tests import factories
from tests.test_admin import EditorTestCase, shown_messages


class SuggestionsTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        day = datetime.date(2024, 7, 10)
        cls.calendar = Meeting.objects.create(name="الاجتماع الوزاري", date=day, place="واشنطن",
                                              origin=Meeting.Origin.CALENDAR)
        cls.imported = Meeting.objects.create(name="اجتماع التحالف", date=day, origin=Meeting.Origin.IMPORT)
        cls.elsewhere = Meeting.objects.create(name="اجتماع آخر", date=day, place="روما", origin=Meeting.Origin.IMPORT)
        factories.article("مقال", meeting=cls.imported)
        cls.blinken = Person.objects.create(name="أنتوني بلينكن")
        cls.variant = Person.objects.create(name="انتوني بلنكن")
        cls.hasan = Person.objects.create(name="حسن علي")
        cls.husain = Person.objects.create(name="حسين علي")
        PersonMention.objects.create(article=factories.article(), person=cls.variant, name_as_written="انتوني بلنكن", sentence="س")
        cls.site = Outlet.objects.create(name="example-news.net", website="https://example-news.net/")
        cls.named = Outlet.objects.create(name="أخبار المثال", website="https://www.example-news.net/")

    def offered(self, kind) -> set[frozenset[int]]:
        return {frozenset((p.first.pk, p.second.pk)) for p in suggestions.pairs(kind)}

    def test_meetings_of_one_day_and_place_are_offered_the_calendar_s_kept(self):
        # The placeless meeting may be either; Washington and Rome are two.
        self.assertEqual(self.offered(Merge.Kind.MEETING), {frozenset((self.calendar.pk, self.imported.pk)),
                                                            frozenset((self.imported.pk, self.elsewhere.pk))})
        offer = suggestions.proposal(next(p for p in suggestions.pairs(Merge.Kind.MEETING) if p.first == self.calendar))
        self.assertEqual((offer.kept, offer.other), (self.calendar, self.imported))
        self.assertEqual(sum(n for _, n in offer.other_links), 1)  # its article moves

    def test_spellings_of_one_name_are_offered_not_two_arabic_names(self):
        self.assertEqual(self.offered(Merge.Kind.PERSON), {frozenset((self.blinken.pk, self.variant.pk))})

    def test_outlets_of_one_site_are_offered(self):
        self.assertEqual(self.offered(Merge.Kind.OUTLET), {frozenset((self.site.pk, self.named.pk))})

    def test_an_editor_merges_a_pair_in_one_click(self):
        page = self.client.get(reverse("admin:duplicates"))
        self.assertContains(page, "انتوني بلنكن")
        data = {"kind": "person", "kept": self.blinken.pk, "other": self.variant.pk, "decision": "merge"}
        done = self.client.post(reverse("admin:duplicates"), data, follow=True)
        self.assertFalse(Person.objects.filter(pk=self.variant.pk).exists())
        self.assertTrue([m for m in shown_messages(done) if m.startswith("دُمج «انتوني بلنكن» في «أنتوني بلينكن»")])

    def test_a_pair_marked_as_two_records_is_not_offered_again(self):
        data = {"kind": "outlet", "kept": self.named.pk, "other": self.site.pk, "decision": "distinct"}
        self.client.post(reverse("admin:duplicates"), data)
        self.assertEqual(self.offered(Merge.Kind.OUTLET), set())
        self.assertTrue(Outlet.objects.filter(pk=self.site.pk).exists())

    def test_a_stale_pair_answers_with_a_message_not_an_error(self):
        data = {"kind": "person", "kept": self.blinken.pk, "other": 999999, "decision": "merge"}
        done = self.client.post(reverse("admin:duplicates"), data, follow=True)
        self.assertEqual(done.status_code, 200)
        self.assertIn("أحد السجلين لم يعد موجوداً؛ ربما دُمج أو حُذف.", shown_messages(done))


class SameChairsTests(EditorTestCase):
    def test_an_undated_meeting_with_a_dated_one_s_chairs_is_offered(self):
        from archive.models import Participation

        blinken = Person.objects.create(name="أنتوني بلينكن")
        dated = Meeting.objects.create(name="الاجتماع الوزاري", date=datetime.date(2024, 7, 10), place="واشنطن")
        undated = Meeting.objects.create(name="الاجتماع الوزاري … في واشنطن", place="واشنطن")
        other = Meeting.objects.create(name="اجتماع آخر", place="روما")
        for meeting in (dated, undated, other):
            Participation.objects.create(meeting=meeting, person=blinken, is_chair=True)
        offered = {frozenset((p.first.pk, p.second.pk)): p.reasons for p in suggestions.pairs(Merge.Kind.MEETING)}
        self.assertEqual(offered, {frozenset((dated.pk, undated.pk)): ["الرئاسة نفسها، وأحدهما بلا تاريخ"]})


class EscapingTests(EditorTestCase):
    def test_names_on_the_duplicates_page_are_escaped(self):
        Person.objects.create(name="<script>ألف</script> بلينكن")
        Person.objects.create(name="<script>ألف</script> بلنكن")
        page = self.client.get(reverse("admin:duplicates")).content.decode()
        self.assertIn("&lt;script&gt;ألف&lt;/script&gt;", page)
        self.assertNotIn("<script>ألف", page)
