import datetime

from django.db import connection
from django.test import SimpleTestCase, TestCase

from archive.search import indexing, queries, ranking
from archive.editorial import merging
from archive.models import (
    Article,
    Citation,
    Country,
    CountryMention,
    Meeting,
    Person,
    PersonAlias,
    PersonMention,
    Resolution,
)
from tests import factories


def index_of(article: Article) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT document::text FROM archive_searchdocument WHERE article_id = %s", [article.pk])
        return cursor.fetchone()[0] or ""


class DocumentTests(SimpleTestCase):
    def test_it_weights_title_entities_body_and_forms_without_clitics(self):
        vector = indexing.document("اجتماع واشنطن", ["أنتوني بلينكن"], "والعراق")
        self.assertRegex(vector, r"'واشنطن':2A")
        self.assertRegex(vector, r"'بلينكن':\d+B")
        self.assertRegex(vector, r"'والعراق':(\d+)C")
        position = int(vector.split("'والعراق':")[1].split("C")[0])
        # The forms without "و" and "ال" stand at the same position, weight D,
        # marked as what is left of a longer word.
        self.assertIn(f"'_العراق':{position}D", vector)
        self.assertIn(f"'_عراق':{position}D", vector)
        self.assertNotIn("'العراق'", vector)

    def test_it_pairs_neighbouring_words_by_their_bare_forms(self):
        vector = indexing.document("بيان", ["جون كيري"], "ووزير الخارجية")
        for pair in ("'زير خارجيه'", "'جون يري'"):
            self.assertIn(pair, vector)
        # One pair per neighbour: no pair of the forms as written.
        self.assertNotIn("'ووزير الخارجيه'", vector)
        # Never across parts: the title's last word and the body's first are no pair.
        self.assertNotIn("'يان جون'", vector)
        self.assertNotIn("'يري زير'", vector)

    def test_a_bare_form_is_the_same_for_every_form_of_a_word(self):
        self.assertEqual(indexing.bare_form("والعراق"), "عراق")
        self.assertEqual(indexing.bare_form("بلبنان"), indexing.bare_form("لبنان"))
        for form in ("بالعراق", "العراق", "عراق", "للعراق"):
            self.assertEqual(indexing.bare_form(form), "عراق")

    def test_a_query_s_pair_is_the_document_s(self):
        self.assertEqual(indexing.pair_lexemes(("وزير", "زير"), ("الخارجيه", "خارجيه")), ["زير خارجيه"])
        document = indexing.document("", [], "المكتبة المركزية في الموصل")
        (pair,) = indexing.pair_lexemes(("المكتبه", "مكتبه"), ("المركزيه", "مركزيه"))
        self.assertIn(f"'{pair}'", document)


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

    def test_a_person_named_in_it_brings_their_name_as_written_as_filed_and_in_english(self):
        person = Person.objects.create(name="أنتوني بلينكن", name_en="Antony Blinken")
        PersonMention.objects.create(article=self.article, person=person, name_as_written="الوزير بلنكن", sentence="س")
        vector = index_of(self.article)
        for word in ("'blinken'", "'انتوني'", "'بلينكن'", "'بلنكن'"):
            self.assertIn(word, vector)

    def test_a_new_spelling_of_a_person_rewrites_none_of_their_articles(self):
        # Imports record new spellings all the time; a search finds the
        # person's articles by them at query time (archive.search.queries.name_words).
        person = Person.objects.create(name="مايك بومبيو")
        PersonMention.objects.create(article=self.article, person=person, name_as_written="بومبيو", sentence="س")
        before = index_of(self.article)
        PersonAlias.objects.create(person=person, name="مايكل بومبيو")
        self.assertEqual(index_of(self.article), before)
        self.assertNotIn("'مايكل'", before)
        found = factories.searched("مايكل بومبيو")
        self.assertEqual(list(found), [self.article])

    def test_a_country_named_in_it_brings_its_names(self):
        country = Country.objects.update_or_create(iso_code="BE", defaults={"name": "بلجيكا", "name_en": "Belgium"})[0]
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
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_gin'")
            (definition,) = cursor.fetchone()
        self.assertIn("USING gin (document)", definition)


def facet_columns(article: Article) -> tuple:
    return Article.objects.values_list(
        "event_date", "event_year", "meeting_format", "meeting_kind", "person_ids", "country_ids", "resolution_numbers"
    ).get(pk=article.pk)


class FacetColumnUpkeepTests(TestCase):
    """The facts copied onto the article for facets and filters follow
    every change to the facts themselves."""

    @classmethod
    def setUpTestData(cls):
        cls.meeting = Meeting.objects.create(name="اجتماع روما", date=datetime.date(2018, 2, 13), format="in_person",
                                             kind="ministerial")
        cls.article = factories.article("اجتماع روما", "نص", meeting=cls.meeting,
                                        published_on=datetime.date(2018, 2, 14))
        cls.person = Person.objects.create(name="أنتوني بلينكن")
        cls.country = Country.objects.update_or_create(iso_code="BE", defaults={"name": "بلجيكا"})[0]
        cls.resolution = Resolution.objects.create(number=2254, year=2015)

    def test_it_copies_the_meeting_s_date_format_and_kind(self):
        self.assertEqual(facet_columns(self.article)[:4], (datetime.date(2018, 2, 13), 2018, "in_person", "ministerial"))

    def test_it_follows_the_meeting_when_an_editor_corrects_it(self):
        self.meeting.date = datetime.date(2017, 12, 30)
        self.meeting.format = "virtual"
        self.meeting.save()
        self.assertEqual(facet_columns(self.article)[:3], (datetime.date(2017, 12, 30), 2017, "virtual"))

    def test_without_a_meeting_the_publication_date_counts(self):
        self.meeting.delete()
        self.assertEqual(facet_columns(self.article)[:4], (datetime.date(2018, 2, 14), 2018, "", ""))
        self.article.refresh_from_db()
        self.article.published_on = datetime.date(2019, 1, 1)
        self.article.save(update_fields=["published_on"])
        self.assertEqual(facet_columns(self.article)[1], 2019)

    def test_it_lists_the_people_countries_and_resolutions_named(self):
        mention = PersonMention.objects.create(article=self.article, person=self.person, name_as_written="بلينكن",
                                               sentence="س")
        CountryMention.objects.create(article=self.article, country=self.country, name_as_written="بلجيكا", sentence="س")
        Citation.objects.create(article=self.article, resolution=self.resolution, sentence="س")
        self.assertEqual(facet_columns(self.article)[4:], ([self.person.pk], [self.country.pk], [2254]))
        mention.delete()
        self.assertEqual(facet_columns(self.article)[4], [])

    def test_a_merge_and_its_undo_move_the_article_between_people(self):
        other = Person.objects.create(name="أنتوني بلنكن")
        PersonMention.objects.create(article=self.article, person=other, name_as_written="بلنكن", sentence="س")
        other_pk = other.pk  # the merge deletes it, the undo brings it back under its id
        record = merging.merge(self.person, [other])
        self.assertEqual(facet_columns(self.article)[4], [self.person.pk])
        merging.undo(record)
        self.assertEqual(facet_columns(self.article)[4], [other_pk])

    def test_reindexing_rebuilds_them(self):
        Article.objects.filter(pk=self.article.pk).update(event_year=None, meeting_format="")
        indexing.refresh_all()
        self.assertEqual(facet_columns(self.article)[1:3], (2018, "in_person"))


class UnchangedRowsTests(TestCase):
    """Refreshing an article whose index and facts are unchanged writes no
    new row version (which would put it into every GIN index again)."""

    @classmethod
    def setUpTestData(cls):
        cls.article = factories.article("اجتماع روما", "تحدث الوزراء عن داعش.")
        cls.person = Person.objects.create(name="أنتوني بلينكن")
        PersonMention.objects.create(article=cls.article, person=cls.person, name_as_written="بلينكن", sentence="س")

    def row_versions(self) -> tuple[str, str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT ctid::text FROM archive_article WHERE id = %s),"
                " (SELECT ctid::text FROM archive_searchdocument WHERE article_id = %s)",
                [self.article.pk, self.article.pk],
            )
            return cursor.fetchone()

    def test_an_unchanged_article_is_not_written_again(self):
        before = self.row_versions()
        indexing.refresh([self.article.pk])
        self.assertEqual(self.row_versions(), before)

    def test_a_changed_one_is(self):
        before = self.row_versions()
        self.person.name_en = "Antony Blinken"
        self.person.save()
        after = self.row_versions()
        self.assertNotEqual(after[1], before[1])  # the index holds the English name
        self.assertIn("blinken", index_of(self.article))
        self.assertEqual(after[0], before[0])  # the facts the export writes did not change
        before = after
        self.person.name = "أنطوني بلينكن"
        self.person.save()
        self.assertNotEqual(self.row_versions()[0], before[0])  # the export's list of names did
        self.assertEqual(facet_columns(self.article)[4], [self.person.pk])


class DeletionTests(TestCase):
    def test_an_article_with_mentions_is_deleted_with_its_search_document(self):
        article = factories.article("اجتماع روما", "نص")
        person = Person.objects.create(name="أنتوني بلينكن")
        PersonMention.objects.create(article=article, person=person, name_as_written="بلينكن", sentence="س")
        self.assertNotEqual(index_of(article), "")
        pk = article.pk
        article.delete()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the check a commit makes
            cursor.execute("SELECT count(*) FROM archive_searchdocument WHERE article_id = %s", [pk])
            self.assertEqual(cursor.fetchone()[0], 0)


class RankingTests(TestCase):
    """Ranking reads the whole search document: its pair lexemes change no rank."""

    @classmethod
    def setUpTestData(cls):
        cls.article = factories.article("اجتماع روما", "تحدث وزير الخارجية عن داعش في اجتماع وزير الخارجية.")

    def test_the_pairs_change_no_rank(self):
        query = queries.parse('"وزير الخارجية" داعش', variants=False)
        (rank,) = ranking.ranks(query, [self.article.pk]).values()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ts_rank(%s::real[], ts_filter(document, '{a,b,c,d}'), %s::tsquery), document::text"
                " FROM archive_searchdocument WHERE article_id = %s",
                [ranking.RANK_WEIGHTS, query.tsquery(positional=True), self.article.pk],
            )
            without_pairs, document = cursor.fetchone()
        self.assertIn("'زير خارجيه'", document)
        self.assertGreater(rank, 0)
        self.assertAlmostEqual(rank, without_pairs, places=6)
