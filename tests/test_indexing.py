from django.db import connection
from django.test import SimpleTestCase, TestCase

from archive import indexing, merging
from archive.models import Article, Country, CountryMention, Person, PersonAlias, PersonMention
from tests import factories


def index_of(article: Article) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_index::text FROM archive_article WHERE id = %s", [article.pk])
        return cursor.fetchone()[0] or ""


class DocumentTests(SimpleTestCase):
    def test_it_weights_title_entities_body_and_forms_without_clitics(self):
        vector = indexing.document("اجتماع واشنطن", ["أنتوني بلينكن"], "والعراق")
        self.assertRegex(vector, r"'واشنطن':2A")
        self.assertRegex(vector, r"'بلينكن':\d+B")
        self.assertRegex(vector, r"'والعراق':(\d+)C")
        position = int(vector.split("'والعراق':")[1].split("C")[0])
        # The forms without "و" and "ال" stand at the same position, weight D.
        self.assertIn(f"'العراق':{position}D", vector)
        self.assertIn(f"'عراق':{position}D", vector)

    def test_it_normalizes_what_it_indexes(self):
        vector = indexing.document("", [], "أحمدُ ومصطفى في المدرسة ٢٢٥٤")
        for word in ("'احمد'", "'مصطفي'", "'المدرسه'", "'2254'"):
            self.assertIn(word, vector)


class IndexUpkeepTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = factories.article("اجتماع التحالف في واشنطن", "ناقش الوزراء الاستقرار في الموصل")

    def test_an_article_is_indexed_when_saved(self):
        self.assertIn("'واشنطن'", index_of(self.article))
        self.article.body = "نص جديد عن الرقة"
        self.article.save()
        vector = index_of(self.article)
        self.assertNotIn("'الموصل'", vector)
        self.assertRegex(vector, r"'جديد':\d+C")

    def test_a_person_named_in_it_brings_every_spelling_and_the_english_name(self):
        person = Person.objects.create(name="أنتوني بلينكن", name_en="Antony Blinken")
        PersonMention.objects.create(article=self.article, person=person, name_as_written="بلينكن", sentence="س")
        self.assertIn("'blinken'", index_of(self.article))
        PersonAlias.objects.create(person=person, name="أنتوني بلنكن")
        self.assertIn("'بلنكن'", index_of(self.article))

    def test_a_country_named_in_it_brings_its_names(self):
        country = Country.objects.create(name="بلجيكا", name_en="Belgium", iso_code="BE")
        CountryMention.objects.create(article=self.article, country=country, name_as_written="البلجيكية", sentence="س")
        self.assertIn("'belgium'", index_of(self.article))

    def test_a_merge_and_its_undo_reindex_the_articles(self):
        kept = Person.objects.create(name="جون كيري")
        other = Person.objects.create(name="جون كيرى ماكين")
        PersonMention.objects.create(article=self.article, person=other, name_as_written="كيرى", sentence="س")
        record = merging.merge(kept, [other])
        self.assertIn("'كيري'", index_of(self.article))
        merging.undo(record)
        self.assertIn("'ماكين'", index_of(self.article))

    def test_it_has_a_named_gin_index(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_index_gin'")
            (definition,) = cursor.fetchone()
        self.assertIn("USING gin (search_index)", definition)
