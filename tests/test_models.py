from django.db import IntegrityError, connection, transaction
from django.test import TestCase

from archive.models import (
    Article,
    Country,
    CountryAlias,
    ImportBatch,
    ImportRecord,
    Meeting,
    Person,
    PersonAlias,
    Resolution,
)
from tests import factories


class ConstraintTests(TestCase):
    """What must always hold is enforced by PostgreSQL itself, whatever
    code writes the row (raw updates bypass model validation)."""

    def assert_rejected(self, write) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            write()

    def test_it_rejects_a_second_article_with_the_same_content_hash(self):
        first = factories.article("عنوان", "نص")
        self.assert_rejected(
            lambda: Article.objects.create(
                title="آخر", body="", raw_text="", source_name="x.txt", content_hash=first.content_hash
            )
        )

    def test_it_rejects_a_content_hash_that_is_not_sha256(self):
        self.assert_rejected(
            lambda: Article.objects.create(title="ع", body="", raw_text="", source_name="x", content_hash="abc")
        )

    def test_it_rejects_an_unknown_article_status(self):
        article = factories.article()
        self.assert_rejected(lambda: Article.objects.filter(pk=article.pk).update(status="draft"))

    def test_it_rejects_an_empty_title(self):
        article = factories.article()
        self.assert_rejected(lambda: Article.objects.filter(pk=article.pk).update(title=""))

    def test_it_rejects_a_duplicate_resolution_number(self):
        Resolution.objects.create(number=2254, year=2015)
        self.assert_rejected(lambda: Resolution.objects.create(number=2254))

    def test_it_rejects_resolution_number_zero_and_years_before_the_un(self):
        self.assert_rejected(lambda: Resolution.objects.create(number=0))
        self.assert_rejected(lambda: Resolution.objects.create(number=2170, year=1900))

    def test_it_rejects_negative_meeting_counts(self):
        meeting = Meeting.objects.create(name="اجتماع")
        self.assert_rejected(lambda: Meeting.objects.filter(pk=meeting.pk).update(member_count=-1))
        self.assert_rejected(lambda: Meeting.objects.filter(pk=meeting.pk).update(participant_count=-5))

    def test_it_rejects_unknown_meeting_format_and_kind(self):
        meeting = Meeting.objects.create(name="اجتماع")
        self.assert_rejected(lambda: Meeting.objects.filter(pk=meeting.pk).update(format="hybrid"))
        self.assert_rejected(lambda: Meeting.objects.filter(pk=meeting.pk).update(kind="summit"))

    def test_it_rejects_a_malformed_iso_code(self):
        self.assert_rejected(lambda: Country.objects.create(name="العراق", iso_code="iq"))

    def test_it_lets_one_spelling_name_only_one_country(self):
        norway = Country.objects.update_or_create(iso_code="NO", defaults={"name": "النرويج"})[0]
        niger = Country.objects.update_or_create(iso_code="NE", defaults={"name": "النيجر"})[0]
        CountryAlias.objects.create(country=norway, name="النروج")
        self.assert_rejected(lambda: CountryAlias.objects.create(country=niger, name="النّروج"))

    def test_it_keeps_one_alias_spelling_once_per_person(self):
        blinken = Person.objects.create(name="أنتوني بلينكن")
        PersonAlias.objects.create(person=blinken, name="انتوني بلنكن")
        self.assert_rejected(lambda: PersonAlias.objects.create(person=blinken, name="أنتوني بلنكن"))

    def test_it_requires_a_reason_for_a_rejected_import(self):
        batch = ImportBatch.objects.create(source=ImportBatch.Source.COMMAND)
        self.assert_rejected(
            lambda: ImportRecord.objects.create(batch=batch, file_name="x.txt", outcome="rejected", message="")
        )


class MatchingKeyTests(TestCase):
    def test_it_stores_the_normalized_key_of_names(self):
        person = Person.objects.create(name="آشتون كارتر")
        alias = PersonAlias.objects.create(person=person, name="اشتون كارتر")
        self.assertEqual(person.key, alias.key)


class DatabaseCharacterTypeTests(TestCase):
    def test_it_extracts_trigrams_from_arabic_names(self):
        # A database with the C character type yields no trigrams for Arabic,
        # and name similarity would silently find nothing.
        with connection.cursor() as cursor:
            cursor.execute("SELECT cardinality(show_trgm(%s))", ["بلينكن"])
            (count,) = cursor.fetchone()
        self.assertGreater(count, 3)

    def test_it_has_the_arabic_text_search_configuration(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_tsvector('arabic', %s)::text", ["الوزراء"])
            (vector,) = cursor.fetchone()
        self.assertTrue(vector)


class MigrationTests(TestCase):
    def test_it_has_a_migration_for_every_model_change(self):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        try:
            call_command("makemigrations", "--check", "--dry-run", stdout=out)
        except SystemExit:
            self.fail(f"models changed without a migration:\n{out.getvalue()}")
