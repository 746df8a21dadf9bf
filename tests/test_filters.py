"""The search's FilterSet (archive.filters), which copies its filters and
fields more cheaply than django-filter and Django do: each search must
still have its own values, errors and results."""

import datetime

from django.http import QueryDict
from django.test import TestCase

from archive.filters import ArticleFilter
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

    def test_it_runs_each_filters_method_on_its_own_filterset(self):
        first, second = self.filterset("year=2016"), self.filterset("year=2021")
        for filterset in (first, second):
            for filter_ in filterset.filters.values():
                self.assertIs(filter_.parent, filterset)
                self.assertIs(filter_.filter.method.__self__, filterset)
        self.assertIsNot(first.filters["year"], second.filters["year"])
