"""The search page's counting and ordering (archive.columns) against the
FilterSet's SQL (archive.filters, archive.search), which the exports use:
the page must show exactly the rows, in exactly the order, a file holds."""

import datetime
import io
from unittest import mock

from django.core.management import call_command
from django.http import QueryDict
from django.test import TestCase

from archive import columns, search
from archive.filters import ArticleFilter
from archive.models import Article, Country, Person
from tests import factories

QUERIES = ["", "داعش", "التحالف", "بلينكن", "العراق -سوريا", '"الاجتماع الوزاري"', "2254", "بومبيو OR كيري", "زززز"]


class SameResultsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        day = datetime.date(2019, 5, 1)
        for n in range(12):
            factories.article(f"التحالف الدولي {n}", "تحدث الوزراء عن داعش والعراق.", published_on=day - datetime.timedelta(days=n % 4))
        factories.article("مسودة عن داعش", "داعش", status=Article.Status.PENDING)
        cls.filter_sets = [
            {},
            {"year": ["2021"]},
            {"format": ["virtual"], "country": [str(Country.objects.get(iso_code="IQ").pk)]},
            {"person": [str(Person.objects.get(name_en="Antony Blinken").pk)], "date_from": ["2020-01-01"]},
            {"resolution": ["2254"], "date_to": ["2022-01-01"]},
        ]

    def sql_ids(self, params: QueryDict) -> list[int]:
        filterset = ArticleFilter(params, queryset=Article.objects.published())
        self.assertTrue(filterset.is_valid())
        return list(filterset.qs.values_list("pk", flat=True))

    def counted_ids(self, params: QueryDict) -> list[int]:
        filterset = ArticleFilter(params, queryset=Article.objects.published())
        self.assertTrue(filterset.is_valid())
        return [int(i) for i in columns.count(filterset.query, filterset.values(), filterset.sort_order).ids]

    def test_it_finds_and_orders_what_the_sql_does(self):
        checked = 0
        for window in (search.RANK_WINDOW, 2):
            with mock.patch.object(search, "RANK_WINDOW", window):
                for query in QUERIES:
                    for filters in self.filter_sets:
                        for sort in ("relevance", "newest", "oldest"):
                            params = QueryDict(mutable=True)
                            params.update({"q": query, "sort": sort})
                            for name, values in filters.items():
                                params.setlist(name, values)
                            with self.subTest(window=window, q=query, filters=filters, sort=sort):
                                expected = self.sql_ids(params)
                                self.assertEqual(self.counted_ids(params), expected)
                                checked += bool(expected)
        self.assertGreater(checked, 100)

    def test_a_newly_published_article_is_found_at_once(self):
        params = QueryDict("q=قرطاج")
        self.assertEqual(self.counted_ids(params), [])
        article = factories.article("قرطاج", "نص", status=Article.Status.PENDING)
        self.assertEqual(self.counted_ids(params), [])
        article.status = Article.Status.PUBLISHED
        article.save(update_fields=["status"])
        self.assertEqual(self.counted_ids(params), [article.pk])

    def test_an_unpublished_article_is_never_counted(self):
        counted = columns.count(search.parse("مسودة"), {}, search.SORT_RELEVANCE)
        self.assertEqual(len(counted), 0)
        self.assertEqual(counted.facets["year"], [])
