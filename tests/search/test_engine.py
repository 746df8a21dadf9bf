"""The search engine (archive.search.engine): the page's results and counts,
which the exports take as they are: a file holds exactly the rows of the
page, in its order; and the filters keep exactly the articles whose facts
match, checked against the facts themselves."""

import csv
import datetime
import io
import itertools
import json
from unittest import mock

import numpy as np
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext

from archive.search import engine, queries, ranking
from archive.search.filters import ArticleFilter
from archive.models import Article, Country, Person
from tests import factories

QUERIES = ["", "داعش", "التحالف", "بلينكن", "العراق -سوريا", '"الاجتماع الوزاري"', "2254", "بومبيو OR كيري", "زززز"]


def _holds(article: Article, name: str, values: list[str]) -> bool:
    """Whether an article's facts meet one filter, read off the facts
    themselves rather than the columns the engine copies them to."""
    day = article.meeting.date if article.meeting and article.meeting.date else article.published_on
    if name == "year":
        return day is not None and str(day.year) in values
    if name in ("date_from", "date_to"):
        bound = datetime.date.fromisoformat(values[0])
        return day is not None and (day >= bound if name == "date_from" else day <= bound)
    if name in ("format", "kind"):
        return article.meeting is not None and getattr(article.meeting, name) in values
    if name == "person":
        return bool({str(m.person_id) for m in article.person_mentions.all()} & set(values))
    if name == "country":
        return bool({str(m.country_id) for m in article.country_mentions.all()} & set(values))
    if name == "resolution":
        return bool({str(c.resolution.number) for c in article.citations.all()} & set(values))
    raise AssertionError(name)


class PageAndExportTests(TestCase):
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

    def counted_ids(self, params: QueryDict) -> list[int]:
        filterset = ArticleFilter(params, queryset=Article.objects.published())
        self.assertTrue(filterset.is_valid())
        return [int(i) for i in engine.count(filterset.query, filterset.values(), filterset.sort_order).ids]

    def exported_ids(self, params: QueryDict) -> tuple[list[int], list[int]]:
        csv_file = b"".join(self.client.get(f"/export.csv?{params.urlencode()}").streaming_content).decode()
        rows = list(csv.reader(io.StringIO(csv_file.lstrip("\ufeff"))))[1:]
        data = json.loads(b"".join(self.client.get(f"/export.json?{params.urlencode()}").streaming_content))
        return [int(row[0]) for row in rows], [article["id"] for article in data["articles"]]

    def test_the_exports_hold_the_pages_results_in_its_order(self):
        checked = 0
        with mock.patch.object(ranking, "RANK_WINDOW", 2):
            for query, filters, sort in itertools.product(QUERIES, self.filter_sets, ("relevance", "newest", "oldest")):
                params = QueryDict(mutable=True)
                params.update({"q": query, "sort": sort})
                for name, values in filters.items():
                    params.setlist(name, values)
                with self.subTest(q=query, filters=filters, sort=sort):
                    page = self.counted_ids(params)
                    self.assertEqual(self.exported_ids(params), (page, page))
                    checked += bool(page)
        self.assertGreater(checked, 50)

    def test_each_filter_keeps_the_articles_whose_facts_match(self):
        published = Article.objects.published().select_related("meeting")
        for filters in self.filter_sets[1:]:
            params = QueryDict(mutable=True)
            for name, values in filters.items():
                params.setlist(name, values)
            with self.subTest(filters=filters):
                expected = {a.pk for a in published if all(_holds(a, name, values) for name, values in filters.items())}
                self.assertEqual(set(self.counted_ids(params)), expected)
                self.assertTrue(expected)

    def test_a_newly_published_article_is_found_at_once(self):
        params = QueryDict("q=قرطاج")
        self.assertEqual(self.counted_ids(params), [])
        article = factories.article("قرطاج", "نص", status=Article.Status.PENDING)
        self.assertEqual(self.counted_ids(params), [])
        article.status = Article.Status.PUBLISHED
        article.save(update_fields=["status"])
        self.assertEqual(self.counted_ids(params), [article.pk])

    def test_an_unpublished_article_is_never_counted(self):
        counted = engine.count(queries.parse("مسودة"), {}, ranking.SORT_RELEVANCE)
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
        engine.forget_matches()
        query = queries.prune(queries.parse("داعش -العراق"))
        with CaptureQueriesContext(connection) as first:
            everything = engine.count(query, {}, ranking.SORT_NEWEST)
        with CaptureQueriesContext(connection) as again:
            one_year = engine.count(query, {"year": [2019]}, ranking.SORT_NEWEST)
        # The query's words, and the excluded word on its own.
        self.assertEqual(len(self.lookups(first)), 2)
        self.assertEqual(self.lookups(again), [])
        self.assertEqual(len(everything), 6)
        self.assertEqual(len(one_year), 1)

    def test_it_forgets_them_when_an_article_changes(self):
        query = queries.prune(queries.parse("داعش"))
        self.assertEqual(len(engine.count(query, {}, ranking.SORT_NEWEST)), 6)
        article = factories.article("خبر جديد", "داعش مرة أخرى.")
        with CaptureQueriesContext(connection) as after:
            counted = engine.count(query, {}, ranking.SORT_NEWEST)
        self.assertEqual(len(self.lookups(after)), 1)
        self.assertIn(article.pk, [int(i) for i in counted.ids])


class MatchesTests(SimpleTestCase):
    def test_it_forgets_the_least_recently_used_first_within_its_bytes(self):
        rows = 80  # ten bytes a mask
        remembered = engine._Matches(limit=20)
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
        return sorted(int(i) for i in engine._ids(queries.parse(word).tsquery(positive_only=True), "document"))

    def test_it_reads_the_ids_of_the_matching_articles(self):
        self.assertEqual(self.lookup("داعش"), [self.small.pk])
        self.assertEqual(self.lookup("زززز"), [])

    def test_it_widens_the_ids_when_one_does_not_fit_four_bytes(self):
        big = factories.article("مقال بعيد الرقم", "داعش مرة أخرى.", pk=2**31 + 7)
        with connection.cursor() as cursor:
            cursor.execute("SELECT get_byte(archive_match_ids(%s::tsquery, false), 0)", [queries.parse("داعش").tsquery()])
            self.assertEqual(cursor.fetchone()[0], 8)
        self.assertEqual(self.lookup("داعش"), [self.small.pk, big.pk])


class CopyUpkeepTests(TestCase):
    """A change reads again only the articles it touched (migration 0030's
    log), and the copy it makes is the one a whole read would make."""

    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        # Enough articles that five changed are merged (WHOLE_FROM_SHARE).
        for n in range(30):
            factories.article(f"خبر {n}", "تحدث الوزراء عن داعش.", published_on=datetime.date(2020, 1, 1 + n))

    def assert_same_as_whole(self, copy: engine.Snapshot, everything: bool = False) -> None:
        whole = engine._load("default", everything)
        np.testing.assert_array_equal(copy.ids, whole.ids)
        np.testing.assert_array_equal(copy.published_on, whole.published_on)
        np.testing.assert_array_equal(copy.newest, whole.newest)
        self.assertEqual(copy.version, whole.version)
        for column, values in whole.columns.items():
            with self.subTest(column=column):
                if isinstance(values, engine.facets.Many):
                    for part in ("values", "rows", "starts", "everywhere"):
                        np.testing.assert_array_equal(getattr(copy.columns[column], part), getattr(values, part))
                else:
                    np.testing.assert_array_equal(copy.columns[column], values)

    def change_the_archive(self) -> None:
        articles = list(Article.objects.published().order_by("pk"))
        # A new article, naming a person and a country; one unpublished;
        # one moved to another meeting; one deleted; one's facts changed.
        fresh = factories.article("خبر جديد عن بلينكن", "بلينكن في بغداد.", published_on=datetime.date(2024, 3, 1))
        fresh.person_mentions.create(person=Person.objects.get(name_en="Antony Blinken"), name_as_written="بلينكن", sentence="س")
        fresh.country_mentions.create(country=Country.objects.get(iso_code="IQ"), name_as_written="بغداد", sentence="س")
        articles[0].status = Article.Status.PENDING
        articles[0].save(update_fields=["status"])
        moved = articles[1]
        moved.meeting = next(a.meeting for a in articles if a.meeting and a.meeting != moved.meeting)
        moved.save(update_fields=["meeting"])
        articles[-1].delete()
        articles[2].person_mentions.all().delete()

    # A test runs in a transaction that has written, so its copies are never
    # brought up to date on their own (see the last test): these bring one
    # up to date as a server's committed copy would be.

    def test_a_change_reads_only_the_articles_it_touched(self):
        before = {everything: engine._load("default", everything) for everything in (False, True)}
        self.change_the_archive()
        for everything in (False, True):
            with self.subTest(everything=everything), mock.patch.object(engine, "_load", wraps=engine._load) as whole:
                copy = engine._brought_up_to_date(before[everything], "default", everything)
                whole.assert_not_called()
                self.assert_same_as_whole(copy, everything)

    def test_a_copy_older_than_the_log_is_read_whole(self):
        before = engine._load("default", False)
        factories.article("خبر آخر", "نص")
        with connection.cursor() as cursor:
            cursor.execute("UPDATE archive_article_version SET logged_after = number")
        factories.article("وخبر ثالث", "نص")
        with mock.patch.object(engine, "_load", wraps=engine._load) as whole:
            copy = engine._brought_up_to_date(before, "default", False)
        whole.assert_called_once()
        self.assert_same_as_whole(copy)

    def test_a_copy_read_by_a_transaction_that_wrote_is_read_whole_again(self):
        # It may hold what that transaction later rolls back.
        self.assertFalse(engine.snapshot().committed)
        factories.article("خبر رابع", "نص")
        with mock.patch.object(engine, "_load", wraps=engine._load) as whole:
            engine.snapshot()
        whole.assert_called_once()

    def test_the_log_names_each_article_a_statement_touched(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT number FROM archive_article_version")
            (before,) = cursor.fetchone()
            cursor.execute("UPDATE archive_article SET title = title WHERE title LIKE 'خبر %%'")
            cursor.execute("SELECT array_agg(article_id ORDER BY article_id) FROM archive_article_change WHERE version > %s",
                           [before])
            (logged,) = cursor.fetchone()
        self.assertEqual(logged, sorted(Article.objects.filter(title__startswith="خبر ").values_list("pk", flat=True)))
