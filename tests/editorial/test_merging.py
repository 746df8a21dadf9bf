from django.contrib.auth import get_user_model
from django.test import TestCase

from archive.editorial import merging
from archive.importing import pipeline
from archive.models import (
    Article,
    Country,
    CountryAlias,
    CountryMention,
    Meeting,
    Merge,
    Outlet,
    OutletAlias,
    Participation,
    Person,
    PersonAlias,
    PersonMention,
)
from tests import factories


def links() -> dict:
    """Every link a merge may touch, as plain tuples."""
    return {
        "people": sorted(Person.objects.values_list("pk", "name", "country_id")),
        "aliases": sorted(PersonAlias.objects.values_list("pk", "person_id", "name")),
        "mentions": sorted(
            PersonMention.objects.values_list("pk", "article_id", "person_id", "name_as_written", "is_chair",
                                              "proposed_person_id")
        ),
        "participations": sorted(Participation.objects.values_list("pk", "meeting_id", "person_id", "is_chair")),
        "countries": sorted(Country.objects.values_list("pk", "name")),
        "country_aliases": sorted(CountryAlias.objects.values_list("pk", "country_id", "name")),
        "country_mentions": sorted(CountryMention.objects.values_list("pk", "article_id", "country_id")),
        "articles": sorted(Article.objects.values_list("pk", "outlet_id", "meeting_id", "proposed_meeting_id")),
        "meetings": sorted(Meeting.objects.values_list("pk", "name")),
        "outlets": sorted(Outlet.objects.values_list("pk", "name")),
        "outlet_aliases": sorted(OutletAlias.objects.values_list("pk", "outlet_id", "name")),
    }


class PersonMergeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        cls.editor = get_user_model().objects.create_user("editor", password="x" * 20)
        cls.full = Person.objects.create(name="أنتوني بلينكن")
        cls.variant = Person.objects.create(name="أنتوني بلنكن")
        PersonAlias.objects.create(person=cls.variant, name="توني بلنكن")
        PersonAlias.objects.create(person=cls.full, name="بلينكن")
        PersonAlias.objects.create(person=cls.variant, name="بلينكن")  # the twin of the kept one's alias
        cls.meeting = Meeting.objects.create(name="اجتماع روما")
        first, second, both = factories.article(), factories.article(), factories.article()
        PersonMention.objects.create(article=first, person=cls.full, name_as_written="أنتوني بلينكن", sentence="أ")
        PersonMention.objects.create(article=second, person=cls.variant, name_as_written="أنتوني بلنكن",
                                     is_chair=True, sentence="ب")
        # One article naming both spellings: after the merge, one mention.
        PersonMention.objects.create(article=both, person=cls.full, name_as_written="أنتوني بلينكن", sentence="ج")
        PersonMention.objects.create(article=both, person=cls.variant, name_as_written="أنتوني بلنكن", sentence="د")
        Participation.objects.create(meeting=cls.meeting, person=cls.full)
        Participation.objects.create(meeting=cls.meeting, person=cls.variant, is_chair=True)

    def test_it_moves_every_link_to_the_kept_person_and_keeps_the_name_as_an_alias(self):
        merging.merge(self.full, [self.variant], user=self.editor)
        self.assertFalse(Person.objects.filter(pk=self.variant.pk).exists())
        self.assertEqual(PersonMention.objects.filter(person=self.full).count(), 3)
        self.assertEqual(
            sorted(self.full.aliases.values_list("name", flat=True)), ["أنتوني بلنكن", "بلينكن", "توني بلنكن"]
        )
        self.assertEqual(Participation.objects.filter(meeting=self.meeting).count(), 1)

    def test_undo_restores_every_link_exactly(self):
        before = links()
        record = merging.merge(self.full, [self.variant], user=self.editor)
        self.assertNotEqual(links(), before)
        merging.undo(record, user=self.editor)
        self.assertEqual(links(), before)
        record.refresh_from_db()
        self.assertEqual((record.is_undone, record.undone_by), (True, self.editor))

    def test_it_records_who_merged_what(self):
        record = merging.merge(self.full, [self.variant], user=self.editor)
        self.assertEqual((record.kind, record.kept_name, record.merged_names), ("person", "أنتوني بلينكن", "أنتوني بلنكن"))
        self.assertEqual(record.created_by, self.editor)

    def test_it_cannot_undo_twice(self):
        record = merging.merge(self.full, [self.variant])
        merging.undo(record)
        with self.assertRaisesMessage(merging.MergeError, "تم التراجع"):
            merging.undo(record)

    def test_it_refuses_a_merge_of_one_record_or_of_two_kinds(self):
        with self.assertRaises(merging.MergeError):
            merging.merge(self.full, [self.full])
        with self.assertRaises(merging.MergeError):
            merging.merge(self.full, [Country.objects.update_or_create(iso_code="IQ", defaults={"name": "العراق"})[0]])

    def test_the_next_import_finds_the_merged_spelling(self):
        merging.merge(self.full, [self.variant])
        body = "عنوان\nوقال وزير الخارجية الأمريكي أنتوني بلنكن إن التحالف باق."
        result = pipeline.import_sources([pipeline.Source("x.txt", lambda: body.encode())])
        mention = Article.objects.get(pk=result.files[0].article_id).person_mentions.get()
        self.assertEqual(mention.person, self.full)


class OtherMergeTests(TestCase):
    def setUp(self):
        factories.without_calendar()

    def test_it_merges_countries_and_undoes_it(self):
        iraq = Country.objects.update_or_create(iso_code="IQ", defaults={"name": "العراق"})[0]
        typo = Country.objects.create(name="العراقق", iso_code="XQ")
        article = factories.article()
        CountryMention.objects.create(article=article, country=typo, name_as_written="العراقق", sentence="س")
        Person.objects.create(name="فؤاد حسين", country=typo)
        before = links()
        record = merging.merge(iraq, [typo])
        self.assertEqual(CountryMention.objects.get().country, iraq)
        self.assertEqual(list(iraq.aliases.values_list("name", flat=True)), ["العراقق"])
        merging.undo(record)
        self.assertEqual(links(), before)

    def test_it_merges_outlets_and_the_next_import_uses_the_alias(self):
        kept = Outlet.objects.create(name="شبكة أخبار العراق")
        variant = Outlet.objects.create(name="شبكة العراق الإخبارية")
        article = factories.article(outlet=variant)
        record = merging.merge(kept, [variant])
        article.refresh_from_db()
        self.assertEqual(article.outlet, kept)
        body = "عنوان الخبر\n\nنص الخبر عن اجتماع التحالف في بغداد.\nالمصدر: شبكة العراق الإخبارية\n"
        result = pipeline.import_sources([pipeline.Source("y.txt", lambda: body.encode())])
        self.assertEqual(Article.objects.get(pk=result.files[0].article_id).outlet, kept)
        self.assertEqual(record.kind, Merge.Kind.OUTLET)

    def test_it_merges_meetings_with_their_articles_and_participants(self):
        kept, duplicate = Meeting.objects.create(name="أ"), Meeting.objects.create(name="ب")
        person = Person.objects.create(name="مايك بومبيو")
        Participation.objects.create(meeting=kept, person=person, is_chair=True)
        Participation.objects.create(meeting=duplicate, person=person)
        confirmed = factories.article(meeting=duplicate)
        proposed = factories.article(proposed_meeting=duplicate, status=Article.Status.PENDING)
        before = links()
        record = merging.merge(kept, [duplicate])
        confirmed.refresh_from_db()
        proposed.refresh_from_db()
        self.assertEqual((confirmed.meeting, proposed.proposed_meeting), (kept, kept))
        self.assertEqual(Participation.objects.get().is_chair, True)
        merging.undo(record)
        self.assertEqual(links(), before)


class MergeHistoryTests(TestCase):
    def test_each_moved_link_shows_in_its_history_under_the_editor(self):
        editor = get_user_model().objects.create_user("editor2", password="x" * 20)
        kept, other = Person.objects.create(name="جون كيري"), Person.objects.create(name="جون كيرى")
        mention = PersonMention.objects.create(article=factories.article(), person=other, name_as_written="ج", sentence="س")
        other_id = other.pk
        record = merging.merge(kept, [other], user=editor)
        latest = mention.history.latest()
        self.assertEqual((latest.person_id, latest.history_user, latest.history_type), (kept.pk, editor, "~"))
        self.assertEqual(Person.history.filter(id=other_id).latest().history_type, "-")
        merging.undo(record, user=editor)
        self.assertEqual(mention.history.latest().person_id, other_id)
