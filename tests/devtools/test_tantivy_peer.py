"""The benchmark's Tantivy peer does the archive's work: the same matches,
the same facet counts, on the sample archive."""

import io

from django.core.management import call_command
from django.test import TestCase

from archive.devtools import tantivy_peer
from archive.models import Article
from archive.search import engine, queries
from archive.search.filters import ArticleFilter

QUERIES = ["العراق", "والعراق", "داعش -سوريا", '"الاجتماع الوزاري"', "بلينكن OR كيري", "Blinken", "لا_توجد_كلمة"]


class TantivyPeerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Not test data: a Tantivy index cannot be deep-copied for each test.
        cls.copy = tantivy_peer.build()

    @classmethod
    def tearDownClass(cls):
        cls.copy.close()
        super().tearDownClass()

    def archive_matches(self, query: str, filters: dict) -> list[int]:
        filterset = ArticleFilter({"q": query, **{name: [value] for name, value in filters.items()}},
                                  queryset=Article.objects.published())
        self.assertTrue(filterset.is_valid(), filterset.errors)
        return sorted(filterset.results(order=False).ids.tolist())

    def test_it_holds_every_published_article(self):
        self.assertEqual(self.copy.articles, Article.objects.published().count())
        self.assertGreater(self.copy.bytes, 0)

    def test_it_finds_what_the_archive_finds(self):
        for query in QUERIES:
            with self.subTest(query=query):
                answer = tantivy_peer.search(self.copy, queries.parse(query), {}, page_size=100)
                self.assertEqual(sorted(answer.ids), self.archive_matches(query, {}))
                self.assertEqual(answer.total, len(answer.ids))

    def test_a_facet_is_counted_without_its_own_filter(self):
        year = Article.objects.published().exclude(event_year=None).values_list("event_year", flat=True).first()
        answer = tantivy_peer.search(self.copy, queries.parse("داعش"), {"year": str(year)}, page_size=100)
        self.assertEqual(sorted(answer.ids), self.archive_matches("داعش", {"year": str(year)}))
        # The year facet of a page filtered by one year still offers the others.
        everything = tantivy_peer.search(self.copy, queries.parse("داعش"), {}, page_size=100)
        self.assertEqual(answer.facets["year"], everything.facets["year"])
        self.assertEqual(set(answer.facets), set(tantivy_peer.counted_columns()))

    def test_its_facet_counts_are_the_archive_s(self):
        year = Article.objects.published().exclude(event_year=None).values_list("event_year", flat=True).first()
        answer = tantivy_peer.search(self.copy, queries.parse("داعش"), {"year": str(year)}, top_values=1000)
        archive = engine.count(queries.parse("داعش"), {"year": [year]}, "newest", order=False).facets
        for name in ("year", "format", "kind", "country", "resolution"):
            with self.subTest(facet=name):
                ours = {str(value): count for value, count in archive[name] if count}
                self.assertEqual({str(value): count for value, count in answer.facets[name].items()}, ours)
