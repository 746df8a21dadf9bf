"""The benchmark runs (its figures are not asserted: speed lives in the
benchmark's own table, never in a timed test)."""

import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from archive.models import Article, Statement


class BenchmarkTests(TestCase):
    def test_it_measures_the_sample_archive_and_writes_its_figures(self):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        out = io.StringIO()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "figures.json"
            call_command("benchmark", "--queries", "8", "--import-files", "10", "--naive-searches", "5", "--no-http",
                         "--json", str(path), stdout=out, stderr=io.StringIO())
            figures = json.loads(path.read_text(encoding="utf-8"))
        self.assertIn("| search page |", out.getvalue())
        self.assertEqual(figures["queries"], 24)
        self.assertEqual(figures["export"]["rows"], figures["articles"])
        self.assertGreater(figures["import"]["files"], 0)
        self.assertEqual(len(figures["timings"]), 8)
        # The statements search, each query alone and with the top speaker; every statement exported.
        self.assertEqual(figures["timings"]["statements page (a query, alone and with a speaker)"]["samples"], 16)
        self.assertEqual(figures["statements_export"]["rows"], Statement.objects.public().count())
        self.assertIn("| statements CSV export |", out.getvalue())
        self.assertEqual(figures["timings"]["search page, first pass (the database's cache as found)"]["samples"], 24)
        self.assertIn("its SQL alone", figures["timings"])
        # Every search measured twice: from nothing, and as a session.
        session = figures["timings"]["search page, a researcher's session (matches remembered)"]
        self.assertEqual(session["samples"], 24)
        self.assertIn("naive search (icontains)", figures["timings"])
        self.assertIn("search page / SQL <= 2", figures["targets"])
        # The search tables against the bodies they index (issue 24, point 4).
        index = figures["index"]
        self.assertEqual(index["body_bytes"], sum(len(body.encode()) for body in Article.objects.values_list("body", flat=True)))
        self.assertGreater(index["tables"]["archive_searchdocument"], 0)
        self.assertEqual(index["to_body"], round(index["search_bytes"] / index["body_bytes"], 2))
        self.assertIn("search tables <= 3 x article bodies", figures["targets"])
        self.assertIn("| search tables / article bodies |", out.getvalue())
