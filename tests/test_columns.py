"""The search page's counting and ordering (archive.columns) against the
FilterSet's SQL (archive.filters, archive.search), which the exports use:
the page must show exactly the rows, in exactly the order, a file holds."""

import datetime
import io
from unittest import mock

import numpy as np
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext

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


class RememberedMatchesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        day = datetime.date(2019, 5, 1)
        for n in range(6):
            factories.article(f"التحالف الدولي {n}", "تحدث الوزراء عن داعش.", published_on=day - datetime.timedelta(days=400 * n))

    @staticmethod
    def lookups(captured) -> list[str]:
        return [q["sql"] for q in captured.captured_queries if "archive_match_ids" in q["sql"]]

    def test_it_asks_the_index_once_for_a_query_its_facet_clicks_and_pages(self):
        columns.forget_matches()
        query = search.prune(search.parse("داعش -العراق"))
        with CaptureQueriesContext(connection) as first:
            everything = columns.count(query, {}, search.SORT_NEWEST)
        with CaptureQueriesContext(connection) as again:
            one_year = columns.count(query, {"year": [2019]}, search.SORT_NEWEST)
        # The query's words, and the excluded word on its own.
        self.assertEqual(len(self.lookups(first)), 2)
        self.assertEqual(self.lookups(again), [])
        self.assertEqual(len(everything), 6)
        self.assertEqual(len(one_year), 1)

    def test_it_forgets_them_when_an_article_changes(self):
        query = search.prune(search.parse("داعش"))
        self.assertEqual(len(columns.count(query, {}, search.SORT_NEWEST)), 6)
        article = factories.article("خبر جديد", "داعش مرة أخرى.")
        with CaptureQueriesContext(connection) as after:
            counted = columns.count(query, {}, search.SORT_NEWEST)
        self.assertEqual(len(self.lookups(after)), 1)
        self.assertIn(article.pk, [int(i) for i in counted.ids])


class MatchesTests(SimpleTestCase):
    def test_it_forgets_the_least_recently_used_first_within_its_bytes(self):
        rows = 80  # ten bytes a mask
        remembered = columns._Matches(limit=20)
        masks = {name: np.arange(rows) % n == 0 for n, name in enumerate("abc", start=2)}
        remembered.put(("document", "a"), masks["a"])
        remembered.put(("document", "b"), masks["b"])
        np.testing.assert_array_equal(remembered.get(("document", "a"), rows), masks["a"])
        remembered.put(("document", "c"), masks["c"])
        self.assertIsNone(remembered.get(("document", "b"), rows))
        np.testing.assert_array_equal(remembered.get(("document", "a"), rows), masks["a"])
        np.testing.assert_array_equal(remembered.get(("document", "c"), rows), masks["c"])
        self.assertEqual(remembered.size, 20)


class IndexLookupTests(TestCase):
    """archive_match_ids (migration 0016): the ids of the matches, as narrow
    as they fit."""

    @classmethod
    def setUpTestData(cls):
        cls.small = factories.article("اجتماع التحالف", "تحدث الوزراء عن داعش.")
        cls.other = factories.article("خبر آخر", "لا شيء هنا.")

    def lookup(self, word: str) -> list[int]:
        return sorted(int(i) for i in columns._ids(search.parse(word).tsquery(positive_only=True), "document"))

    def test_it_reads_the_ids_of_the_matching_articles(self):
        self.assertEqual(self.lookup("داعش"), [self.small.pk])
        self.assertEqual(self.lookup("زززز"), [])

    def test_it_widens_the_ids_when_one_does_not_fit_four_bytes(self):
        big = factories.article("مقال بعيد الرقم", "داعش مرة أخرى.", pk=2**31 + 7)
        with connection.cursor() as cursor:
            cursor.execute("SELECT get_byte(archive_match_ids(%s::tsquery, false), 0)", [search.parse("داعش").tsquery()])
            self.assertEqual(cursor.fetchone()[0], 8)
        self.assertEqual(self.lookup("داعش"), [self.small.pk, big.pk])
