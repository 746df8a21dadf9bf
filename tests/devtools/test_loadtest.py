"""The load test (archive.devtools.loadtest, `manage.py loadtest`).

Its figures are printed, never asserted: what is tested is that it runs the
production server on the current database, exercises every kind of page,
counts what fails and says so.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import SimpleTestCase, TestCase, TransactionTestCase

from archive.devtools import corpus, loadtest
from archive.search.filters import ArticleFilter
from archive.models import Article


class LoadTestRunTests(TransactionTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        corpus.generate(300, seed=3)

    def test_it_loads_every_kind_of_page_without_errors(self):
        with tempfile.TemporaryDirectory() as folder:
            # The server runs with the production settings: hashed static
            # files from collectstatic's manifest, in a var folder of its own.
            environment = {"ARCHIVE_VAR_DIR": folder, "DATABASE_URL": loadtest.database_url(connection.settings_dict)}
            subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], check=True,
                           cwd=settings.BASE_DIR, env={**os.environ, **environment})
            out = io.StringIO()
            with mock.patch.dict(os.environ, environment):
                call_command("loadtest", "--clients", "5", "--seconds", "3", "--workers", "2",
                             "--json", f"{folder}/figures.json", stdout=out, stderr=io.StringIO())
            figures = json.loads(Path(folder, "figures.json").read_text(encoding="utf-8"))
        self.assertEqual(figures["total"]["errors"], 0, figures["error_examples"])
        self.assertEqual(list(figures["kinds"]), list(loadtest.KINDS))
        for kind, values in figures["kinds"].items():
            with self.subTest(kind=kind):
                self.assertGreater(values["requests"], 0)
                self.assertIn(f"| {kind} | {values['requests']} |", out.getvalue())
        self.assertEqual(figures["articles"], 300)
        self.assertIn("rate limiting off", out.getvalue())

class ProductionServerTests(SimpleTestCase):
    """The load test measures the server a deploy runs: gunicorn.conf.py's
    gthread workers, warmed, as many as it starts here."""

    def test_it_serves_with_the_production_configuration(self):
        with mock.patch.object(loadtest.peers, "serving") as serving:
            loadtest.serve(8123, 3)
        command = serving.call_args.args[1]
        self.assertEqual(command[command.index("-c") + 1], str(settings.BASE_DIR / "gunicorn.conf.py"))
        self.assertEqual(command[command.index("--workers") + 1], "3")

    def test_its_workers_are_the_configuration_s(self):
        with mock.patch.dict(os.environ, {"WEB_CONCURRENCY": "7"}):
            self.assertEqual(loadtest.Options().workers, 7)


class ExportMixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        corpus.generate(120, seed=3)

    def test_it_bounds_the_exports_of_the_mix(self):
        filters = loadtest.export_filters(limit=6, max_rows=15)
        self.assertEqual(len(filters), 6)
        for params in filters:
            with self.subTest(params=params):
                filterset = ArticleFilter(QueryDict(urlencode(params)), queryset=Article.objects.published())
                self.assertTrue(filterset.is_valid(), filterset.errors)
                self.assertTrue(0 < filterset.qs.count() <= 15)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/slow":
            time.sleep(float(parse_qs(urlsplit(self.path).query)["seconds"][0]))
        if path == "/cut":
            # Promises more than it sends, as a stream that breaks half-way.
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"x" * 10)
            self.close_connection = True
            return
        status = {"/missing": 404, "/broken": 500, "/moved": 302}.get(path, 200)
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/ok")
        body = b"body " * 1000
        self.send_header("Content-Length", str(len(body)))
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped waiting for /slow, as it should

    def log_message(self, *args):
        pass


class LoadClientTests(SimpleTestCase):
    """The client against a server that fails in each way it can."""

    def test_it_counts_each_kind_of_failure_as_an_error_of_its_kind(self):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        requests = [("ok", "/ok"), ("moved", "/moved"), ("missing", "/missing"), ("broken", "/broken"),
                    ("cut", "/cut"), ("slow", "/slow?seconds=3")]

        result = loadtest.drive(base, requests, clients=2, seconds=0.2, timeout=0.5)

        self.assertEqual(set(result.samples), {kind for kind, _ in requests})
        failing = {"missing", "broken", "cut", "slow"}
        self.assertEqual(result.errors, {kind: len(result.samples[kind]) for kind in failing})
        examples = "\n".join(result.examples)
        for expected in ("missing: HTTP 404", "broken: HTTP 500", "cut: IncompleteRead", "slow: no answer within 0.5 s"):
            self.assertIn(expected, examples)

    def test_it_refuses_an_empty_mix(self):
        with self.assertRaises(ValueError):
            loadtest.drive("http://127.0.0.1:1", [], clients=1, seconds=1)


class FiguresTests(SimpleTestCase):
    def test_it_takes_nearest_rank_percentiles(self):
        samples = list(range(100, 0, -1))  # 1…100 in any order
        self.assertEqual([loadtest.percentile(samples, p) for p in (50, 95, 99, 100)], [50, 95, 99, 100])
        self.assertEqual(loadtest.percentile([7.0], 99), 7.0)
        self.assertEqual(loadtest.percentile([1, 2, 3, 4], 50), 2)
        self.assertEqual(loadtest.percentile([1, 2, 3, 4], 51), 3)
        self.assertIsNone(loadtest.percentile([], 50))

    def test_it_tabulates_each_kind_and_the_total(self):
        result = loadtest.Result(clients=50, elapsed=2.0, samples={
            "export.csv": [300.0, 500.0],
            "search": [10.0, 20.0, 30.0, 40.0],
        }, errors={"export.csv": 1}, examples=["export.csv: HTTP 500: /export.csv"])
        figures = {**loadtest.summarize(result), "articles": 10000, "workers": 5}

        lines = loadtest.table(figures).splitlines()

        self.assertIn("50 clients for 2.0 s against gunicorn (gunicorn.conf.py, 5 workers)", lines[0])
        self.assertEqual(lines[2], "| kind | requests | req/s | p50 | p95 | p99 | max | errors |")
        # Kinds in the table's order (search first), then the total.
        self.assertEqual(lines[4], "| search | 4 | 2.0 | 20 ms | 40 ms | 40 ms | 40 ms | 0 |")
        self.assertEqual(lines[5], "| export.csv | 2 | 1.0 | 300 ms | 500 ms | 500 ms | 500 ms | 1 |")
        self.assertEqual(lines[6], "| **all** | 6 | 3.0 | 30 ms | 500 ms | 500 ms | 500 ms | 1 |")
        self.assertEqual(figures["total"]["errors"], 1)
