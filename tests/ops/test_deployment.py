"""The production configuration: gunicorn.conf.py, the Dockerfile and
compose.yaml. The image itself is built by .ci/run where docker runs."""

import http.client
import os
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from unittest import mock

import yaml
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext

from archive.models import Article, Statement
from archive.search import engine
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stream(extra_args: list[str], path: str = "/", access_log: str = "/dev/null", **extra_env: str) -> bytes:
    """The body of a 6-second streamed response from gunicorn run with the
    project's configuration and a 2-second worker timeout."""
    port = _free_port()
    env = {**os.environ, "GUNICORN_TIMEOUT": "2", "WEB_CONCURRENCY": "1", "GUNICORN_BIND": f"127.0.0.1:{port}",
           "GUNICORN_ACCESS_LOG": access_log, "PYTHONPATH": str(ROOT), **extra_env}
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen([gunicorn, "-c", str(ROOT / "gunicorn.conf.py"), *extra_args, "tests.ops.slow_stream"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
                client.request("GET", path)
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        received = b""
        try:
            received = client.getresponse().read()
        except http.client.IncompleteRead as cut:
            received = cut.partial
        return received
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=40)


class GunicornConfigTests(SimpleTestCase):
    def test_a_response_streamed_past_the_worker_timeout_arrives_whole(self):
        # A broad export streams for minutes at 100,000 articles (issue 24).
        self.assertTrue(_stream([]).endswith(b"chunk 5\nend\n"))

    def test_the_sync_worker_it_replaces_cuts_that_response_short(self):
        # What the configuration is for: gunicorn's default worker is killed
        # by the timeout mid-stream, and the client sees a short body.
        # (One thread: gunicorn runs a sync worker with threads as gthread.)
        self.assertFalse(_stream(["--worker-class", "sync"], GUNICORN_THREADS="1").endswith(b"end\n"))


class AccessLogTests(SimpleTestCase):
    def test_the_access_log_has_the_path_and_time_but_not_the_query(self):
        with tempfile.TemporaryDirectory() as folder:
            log = Path(folder, "access.log")
            _stream([], path="/?q=%D9%81%D8%A4%D8%A7%D8%AF", access_log=str(log), SLOW_STREAM_CHUNKS="1",
                    SLOW_STREAM_PAUSE="0")
            line = log.read_text()
        self.assertRegex(line, r'"GET / HTTP/1.1" 200 \d+ \d+ms')
        self.assertNotIn("q=", line)


class ComposeFileTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
        cls.dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")

    def test_the_app_reaches_the_database_and_redis_it_starts_with(self):
        services = self.compose["services"]
        db, app = services["db"]["environment"], services["app"]
        url = f"postgres://{db['POSTGRES_USER']}:{db['POSTGRES_PASSWORD']}@db:5432/{db['POSTGRES_DB']}"
        self.assertEqual(app["environment"]["DATABASE_URL"], url)
        self.assertEqual(app["environment"]["REDIS_URL"], "redis://redis:6379/0")
        self.assertEqual(app["depends_on"], {"db": {"condition": "service_healthy"},
                                             "redis": {"condition": "service_healthy"}})

    def test_the_app_is_built_here_and_published_on_port_8000(self):
        app = self.compose["services"]["app"]
        self.assertEqual(app["build"], ".")
        self.assertIn("8000:8000", app["ports"])
        self.assertIn("localhost", app["environment"]["ALLOWED_HOSTS"].split(","))

    def test_the_image_serves_with_the_repository_s_gunicorn_configuration(self):
        self.assertIn("gunicorn -c gunicorn.conf.py archive.wsgi", self.dockerfile)
        self.assertIn("manage.py demo --no-serve", self.dockerfile)
        ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
        self.assertTrue({"var", ".venv*", ".git"} <= set(ignored))


class WorkerWarmingTests(TestCase):
    """A worker reads its search copies before its first request."""

    @classmethod
    def setUpTestData(cls):
        factories.article("اجتماع التحالف في روما", "اجتمع وزراء التحالف في روما.")

    def setUp(self):
        self.hook = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["post_worker_init"]
        engine.forget()

    def test_after_the_hook_a_first_search_reads_no_copy(self):
        self.hook(mock.Mock())
        with CaptureQueriesContext(connection) as queries_:
            engine.snapshot()
        self.assertEqual(len(queries_), 1, "only the version is read, not the columns")

    def test_after_the_hook_the_statements_list_is_counted_already(self):
        Statement.objects.create(
            article=Article.objects.get(), position=0, speaker_kind="collective", collective="ministers",
            speaker_name="الوزراء", text="اجتمع وزراء التحالف", start=0, end=19,
        )
        caches["counts"].clear()
        self.hook(mock.Mock())
        with CaptureQueriesContext(connection) as queries_:
            response = self.client.get("/statements/")
        self.assertEqual(response.status_code, 200)
        self.assertFalse([q for q in queries_.captured_queries if "GROUP BY" in q["sql"]])

    def test_a_database_down_at_boot_is_logged_and_the_worker_serves_on(self):
        worker = mock.Mock()
        with mock.patch.object(engine, "snapshot", side_effect=OperationalError("could not connect")):
            self.hook(worker)
        worker.log.exception.assert_called_once()
