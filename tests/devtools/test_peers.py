"""The benchmark's peer: an SQLite copy of the archive served by Datasette."""

import importlib.util
import io
import json
import sqlite3
import tempfile
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from archive.devtools import peers
from archive.models import Article, Country
from tests import factories


def query_string(url: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)


class DatasettePeerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        cls.draft = factories.article("مسودة عن داعش", "داعش", status=Article.Status.PENDING)

    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.path = Path(folder.name) / "peer.db"

    def test_it_copies_every_published_article(self):
        self.path.write_bytes(b"not a database")  # a stale file is replaced
        copied = peers.build_sqlite(self.path)

        published = Article.objects.published()
        self.assertEqual(copied, published.count())
        connection = sqlite3.connect(self.path)
        self.addCleanup(connection.close)
        rows = {row[0]: row for row in connection.execute("SELECT id, year, format, countries, persons FROM articles")}
        self.assertEqual(set(rows), set(published.values_list("pk", flat=True)))
        self.assertNotIn(self.draft.pk, rows)
        names = dict(Country.objects.values_list("pk", "name"))
        for article in published:
            _, year, format_, countries, _ = rows[article.pk]
            self.assertEqual(year, article.event_year)
            self.assertEqual(format_, article.meeting_format)
            self.assertEqual(json.loads(countries), sorted({names[pk] for pk in article.country_ids}))
        self.assertTrue(any(json.loads(row[3]) for row in rows.values()), "the demo names countries")
        self.assertTrue(any(json.loads(row[4]) for row in rows.values()), "the demo names people")
        matches = connection.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", ['"داعش"'])
        self.assertGreater(matches.fetchone()[0], 0)

    def test_it_translates_the_query_syntax(self):
        cases = {
            "داعش العراق": '"داعش" AND "العراق"',
            '"التحالف الدولي" بغداد': '"التحالف الدولي" AND "بغداد"',
            "«التحالف الدولي»": '"التحالف الدولي"',
            "“التحالف الدولي”": '"التحالف الدولي"',
            "بغداد OR الموصل": '("بغداد" OR "الموصل")',
            "التحالف بغداد أو الموصل": '"التحالف" AND ("بغداد" OR "الموصل")',
            "داعش -العراق -سوريا": '"داعش" NOT "العراق" NOT "سوريا"',
            "داعش بغداد -العراق": '("داعش" AND "بغداد") NOT "العراق"',
            "S/RES/2254": '"2254"',
            "قرار S/RES/2254(2015)": '"قرار" AND "2254"',
            '«قال "لا"»': '"قال ""لا"""',
            "بلينكن-كيري": '"بلينكن-كيري"',
            "-العراق": "",
            "OR": "",
            "": "",
        }
        for raw, expected in cases.items():
            with self.subTest(raw=raw):
                self.assertEqual(peers.fts_query(raw), expected)
        # Each translation is a query FTS5 accepts.
        connection = sqlite3.connect(":memory:")
        self.addCleanup(connection.close)
        connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
        connection.execute("INSERT INTO t VALUES ('قال التحالف لا في بغداد 2254')")
        for expected in filter(None, cases.values()):
            with self.subTest(match=expected):
                connection.execute("SELECT rowid FROM t WHERE t MATCH ?", [expected]).fetchall()
        self.assertEqual(connection.execute("SELECT count(*) FROM t WHERE t MATCH ?", ['"التحالف" AND "2254"']).fetchone(), (1,))

    def test_it_turns_the_benchmark_filters_into_datasette_parameters(self):
        country = Country.objects.filter(mentions__isnull=False).first()
        url = peers.datasette_url(
            "http://peer/db", "داعش -العراق", {"year": "2019", "format": "in_person", "country": str(country.pk)}
        )
        self.assertTrue(url.startswith("http://peer/db/articles.json?"))
        self.assertEqual(query_string(url), {
            "_search": ['"داعش" NOT "العراق"'],
            "_searchmode": ["raw"],
            "_facet": ["year"],
            "_facet_array": ["countries", "persons"],
            "_size": ["20"],
            "year": ["2019"],
            "format": ["in_person"],
            "countries__arraycontains": [country.name],
        })
        self.assertNotIn("_search", query_string(peers.datasette_url("http://peer/db", "-العراق", {})))
        with self.assertRaises(ValueError):
            peers.datasette_url("http://peer/db", "داعش", {"outlet": "1"})

    def test_it_answers_a_search_with_the_three_facets_in_datasette(self):
        if importlib.util.find_spec("datasette") is None:
            self.skipTest("Datasette is not installed (the bench extra)")
        from datasette.utils import detect_fts

        peers.build_sqlite(self.path)
        with closing(sqlite3.connect(self.path)) as connection:
            # Datasette finds the index by itself, as _search needs.
            self.assertEqual(detect_fts(connection, "articles"), "articles_fts")
        with peers.serve_datasette(self.path, peers.free_port()) as base:
            url = peers.datasette_url(base, "داعش", {})
            with urllib.request.urlopen(url, timeout=30) as response:
                self.assertEqual(response.status, 200)
                data = json.load(response)
            samples, failed = peers.time_urls([url, f"{base}/no_such_table.json"])

        self.assertTrue(data["rows"])
        self.assertEqual(data["query"]["params"]["search"], '"داعش"')
        self.assertLessEqual({"year", "countries", "persons"}, set(data["facet_results"]))
        self.assertTrue(data["facet_results"]["countries"]["results"])
        self.assertEqual(len(samples), 2)
        self.assertEqual(failed, 1)  # the missing table, not the search
        # Datasette leaves out a facet that ran out of time, still with 200.
        del data["facet_results"]["persons"]
        self.assertEqual(peers._incomplete(url, json.dumps(data).encode()), "facets timed out: persons")
