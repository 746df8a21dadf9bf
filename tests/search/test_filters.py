"""The search's FilterSet (archive.search.filters): its filters made from the
facet declarations, each search with its own values, errors and results."""

import datetime

from django.http import QueryDict
from django.test import TestCase

from archive.search import facets
from archive.search.filters import ArticleFilter
from archive.models import Article
from tests import factories


class ArticleFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.old = factories.article("التحالف في 2016", "داعش", published_on=datetime.date(2016, 3, 1))
        cls.new = factories.article("التحالف في 2021", "داعش", published_on=datetime.date(2021, 3, 1))

    def filterset(self, query: str) -> ArticleFilter:
        return ArticleFilter(QueryDict(query), queryset=Article.objects.published())

    def test_it_keeps_each_searchs_errors_to_itself(self):
        bad, good = self.filterset("year=notayear"), self.filterset("year=2016")
        self.assertFalse(bad.is_valid())
        self.assertTrue(good.is_valid())
        self.assertIn("year", bad.errors)
        self.assertEqual(dict(good.errors), {})
        self.assertFalse(self.filterset("year=2016&date_from=nodate").is_valid())
        self.assertTrue(self.filterset("year=2021").is_valid())

    def test_it_gives_each_search_its_own_results(self):
        first, second = self.filterset("year=2016"), self.filterset("year=2021&year=2016")
        self.assertTrue(first.is_valid() and second.is_valid())
        self.assertEqual(list(first.qs), [self.old])
        self.assertCountEqual(second.qs, [self.old, self.new])
        self.assertEqual(first.values(), {"year": [2016]})

    def test_its_fields_are_the_query_each_declared_facet_the_order_and_the_exports_option(self):
        names = list(self.filterset("").form.fields)
        self.assertEqual(names[0], "q")
        self.assertEqual(names[-2:], ["sort", "snippets"])
        self.assertEqual(names[1:-2], [kind.name for kind in facets.declared()])

    def test_an_editors_filterset_finds_unpublished_articles_too(self):
        draft = factories.article("مسودة 2016", "داعش", published_on=datetime.date(2016, 5, 1), status=Article.Status.PENDING)
        editors = ArticleFilter(QueryDict("year=2016"), queryset=Article.objects.all(), everything=True)
        self.assertTrue(editors.is_valid())
        self.assertCountEqual(editors.qs, [self.old, draft])
        self.assertEqual(list(self.filterset("year=2016").qs), [self.old])
