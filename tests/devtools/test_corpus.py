import io
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from archive.devtools import corpus
from archive import text
from archive.search import queries
from archive.models import (
    Article, Citation, Country, CountryMention, Meeting, Person, PersonAlias, PersonMention, Statement,
)


def snapshot() -> list[tuple]:
    return list(
        Article.objects.order_by("source_name").values_list("source_name", "title", "body", "published_on", "meeting__name")
    )


class CorpusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("generate_corpus", "--articles", "120", "--seed", "7", stdout=io.StringIO(), stderr=io.StringIO())
        cls.first = snapshot()

    def test_the_same_seed_gives_the_same_archive(self):
        for model in (PersonMention, CountryMention, Citation, Article):
            model.objects.all().delete()
        Meeting.objects.all().delete()
        PersonAlias.objects.all().delete()
        Person.objects.all().delete()
        call_command("generate_corpus", "--articles", "120", "--seed", "7", stdout=io.StringIO(), stderr=io.StringIO())
        self.assertEqual(snapshot(), self.first)

    def test_another_seed_gives_another_archive(self):
        call_command("generate_corpus", "--articles", "5", "--seed", "8", stdout=io.StringIO(), stderr=io.StringIO())
        other = Article.objects.filter(source_name__startswith="corpus-8-").order_by("source_name")
        mine = Article.objects.filter(source_name__startswith="corpus-7-").order_by("source_name")[:5]
        self.assertNotEqual(list(other.values_list("body", flat=True)), list(mine.values_list("body", flat=True)))

    def test_it_has_a_realistic_shape(self):
        self.assertEqual(Article.objects.published().count(), 120)
        self.assertEqual(Country.objects.count(), 196)
        self.assertGreaterEqual(Person.objects.count(), 50)
        self.assertTrue(PersonAlias.objects.exists())  # spelling variants
        self.assertGreaterEqual(Meeting.objects.count(), 5)
        lengths = [len(body.split()) for body in Article.objects.values_list("body", flat=True)]
        self.assertGreaterEqual(min(lengths), 300)
        self.assertLessEqual(max(lengths), 1700)
        article = Article.objects.first()
        self.assertGreaterEqual(article.person_mentions.count(), 2)
        self.assertGreaterEqual(article.country_mentions.count(), 3)
        self.assertIsNotNone(article.meeting)
        self.assertFalse(Article.objects.filter(search=None).exists())

    def test_each_fact_keeps_a_sentence_of_the_body(self):
        for mention in PersonMention.objects.select_related("article")[:50]:
            self.assertIn(mention.sentence, mention.article.body)

    def test_its_statements_are_the_words_of_their_articles(self):
        said = list(Statement.objects.select_related("article", "person")[:50])
        self.assertTrue(said)
        for statement in said:
            self.assertEqual(statement.article.body[statement.start:statement.end], statement.text)
            word = max(text.words(statement.text), key=len)
            self.assertTrue(Statement.objects.matching(queries.parse(word).tsquery()).filter(pk=statement.pk).exists())
        self.assertTrue(Statement.objects.filter(collective="ministers").exists())

    def test_the_generated_archive_is_searchable(self):
        person = Person.objects.filter(mentions__isnull=False).first()
        response = self.client.get("/", {"person": person.pk, "q": person.name.split()[-1]})
        self.assertEqual(response.status_code, 200)
        self.assertGreater(response.context["total"], 0)


class ParallelCorpusTests(TestCase):
    def test_worker_processes_build_the_same_vectors(self):
        from django.db import connection

        from archive.devtools import corpus

        def vectors() -> list[tuple]:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT a.source_name, d.document::text, d.head::text FROM archive_article a"
                    " JOIN archive_searchdocument d ON d.article_id = a.id ORDER BY a.source_name"
                )
                return cursor.fetchall()

        corpus.generate(12, seed=11, processes=1)
        alone = vectors()
        Article.objects.all().delete()
        corpus.generate(12, seed=11, processes=2)
        self.assertEqual(vectors(), alone)
        self.assertEqual(len(alone), 12)


class BulkLoadTests(TestCase):
    def gin_indexes(self) -> list[tuple[str, str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('archive_article', 'archive_searchdocument')"
                " AND indexdef LIKE '% USING gin %' ORDER BY indexname"
            )
            return cursor.fetchall()

    def test_a_bulk_load_builds_the_indexes_again_and_searches_use_them(self):
        before = self.gin_indexes()
        self.assertGreaterEqual(len(before), 4)
        with mock.patch.object(corpus, "BULK_FROM", 10):
            call_command("generate_corpus", "--articles", "12", "--seed", "3", stdout=io.StringIO(), stderr=io.StringIO())
        self.assertEqual(self.gin_indexes(), before)
        word = Article.objects.first().title.split()[0]
        response = self.client.get("/", {"q": word})
        self.assertContains(response, Article.objects.first().title)

    def test_an_interrupted_bulk_load_leaves_nothing_and_no_index_missing(self):
        before = self.gin_indexes()
        real = corpus._articles
        calls = []

        def second_batch_fails(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("killed")
            return real(*args, **kwargs)

        with mock.patch.object(corpus, "BULK_FROM", 10), mock.patch.object(corpus, "BATCH", 5), \
                mock.patch.object(corpus, "_articles", second_batch_fails):
            with self.assertRaises(RuntimeError):
                corpus.generate(12, seed=3, processes=1)
        self.assertEqual(self.gin_indexes(), before)
        self.assertFalse(Article.objects.exists())
