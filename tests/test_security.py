"""Security: the deploy check, the Content-Security-Policy and the markup it
allows, and the request limits on search, exports and the admin login."""

import io
import os
import socket
import subprocess
import sys
import tempfile
import unittest
import uuid
from html.parser import HTMLParser
from unittest import mock

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from archive.models import Article
from tests import chromium, factories

STRONG_KEY = "k2P9-vQ7_zR4mN8wX1cB6tY3hJ5sD0fG9aL2eU7iO4pK1nM8bV6"
# A moment 30 seconds before a one-minute window ends: limits are counted in
# fixed windows, and the tests hold the clock still.
NOW = 1_700_000_010.0
EXPORT_URLS = [
    "/export.csv", "/export.json", "/meetings.csv", "/meetings.json",
    "/people.csv", "/people.json", "/resolutions.csv", "/resolutions.json",
]


class DeployCheckTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Production collects its static files before it starts (README).
        cls.var = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.var.cleanup)
        cls.run_manage("collectstatic", "--noinput", ARCHIVE_VAR_DIR=cls.var.name)

    @staticmethod
    def run_manage(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            env={**os.environ, "DEBUG": "false", "SECRET_KEY": STRONG_KEY, **variables},
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )

    def check_deploy(self, **variables: str) -> subprocess.CompletedProcess:
        """`manage.py check --deploy` in a fresh interpreter, as production starts it."""
        return self.run_manage("check", "--deploy", "--fail-level", "WARNING", **{"ARCHIVE_VAR_DIR": self.var.name, **variables})

    def test_it_fails_the_deploy_check_while_static_files_are_not_collected(self):
        with tempfile.TemporaryDirectory() as empty:
            result = self.check_deploy(HTTPS="true", ARCHIVE_VAR_DIR=empty)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("archive.W001", result.stderr)
        self.assertIn("collectstatic", result.stderr)

    def test_it_passes_the_deploy_check_when_served_over_https(self):
        result = self.check_deploy(HTTPS="true")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("System check identified no issues", result.stdout)

    def test_it_names_what_is_missing_when_https_is_off(self):
        result = self.check_deploy(HTTPS="false")
        self.assertNotEqual(result.returncode, 0)
        for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
            self.assertIn(check, result.stderr)

    def test_it_believes_forwarded_https_only_behind_a_declared_proxy(self):
        script = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "archive.settings"}
        direct = subprocess.run([sys.executable, "-c", script], env={**environment, "TRUSTED_PROXIES": "0"},
                                capture_output=True, text=True, cwd=settings.BASE_DIR)
        proxied = subprocess.run([sys.executable, "-c", script], env={**environment, "TRUSTED_PROXIES": "1"},
                                 capture_output=True, text=True, cwd=settings.BASE_DIR)
        self.assertEqual(direct.stdout.strip(), "None", direct.stderr)
        self.assertEqual(proxied.stdout.strip(), "('HTTP_X_FORWARDED_PROTO', 'https')", proxied.stderr)


class InlineCode(HTMLParser):
    """Collects what a strict Content-Security-Policy would refuse to run."""

    # Data blocks (Django's json_script) are not run, so the policy allows them.
    DATA_TYPES = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") not in self.DATA_TYPES:
            self.found.append(self.get_starttag_text())
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(self.get_starttag_text())
            elif name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(self.get_starttag_text())


def inline_code(response) -> list[str]:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response.headers["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


class ContentSecurityPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        cls.chief = get_user_model().objects.create_superuser("chief", password="chief-password-1")

    def assert_strict_policy(self, response):
        found = policy(response)
        self.assertEqual(found["default-src"], ["'self'"])
        self.assertEqual(found["script-src"], ["'self'"])
        self.assertEqual(found["style-src"], ["'self'"])
        self.assertEqual(found["object-src"], ["'none'"])
        self.assertEqual(found["base-uri"], ["'self'"])
        self.assertEqual(found["form-action"], ["'self'"])
        self.assertEqual(found["frame-ancestors"], ["'none'"])
        self.assertNotIn("unsafe", response.headers["Content-Security-Policy"])

    def public_paths(self) -> list[str]:
        article = Article.objects.published().first()
        return [
            "/", "/?q=داعش", article.get_absolute_url(), "/meetings/", article.meeting.get_absolute_url(),
            "/people/", "/countries/", "/countries/IQ/", "/resolutions/", "/resolutions/2254/", "/outlets/",
        ]

    def admin_paths(self) -> list[str]:
        paths = ["/admin/", reverse("admin:history"), reverse("admin:duplicates"), reverse("admin:archive_importbatch_upload"),
                 reverse("admin:password_change")]
        for model in admin.site._registry:
            prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            paths += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                paths += [reverse(f"{prefix}_{view}", args=[first.pk]) for view in ("change", "history", "delete")]
        return paths

    def test_public_pages_send_the_strict_policy_and_the_other_headers(self):
        for path in self.public_paths():
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assert_strict_policy(response)
                self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
                self.assertEqual(response.headers["Referrer-Policy"], "same-origin")
                self.assertEqual(response.headers["X-Frame-Options"], "DENY")

    def test_the_admin_sends_the_strict_policy(self):
        self.assert_strict_policy(self.client.get("/admin/login/"))
        self.client.force_login(self.chief)
        self.assert_strict_policy(self.client.get("/admin/"))

    def test_error_pages_send_the_strict_policy(self):
        missing = self.client.get("/articles/999999/")
        self.assertEqual(missing.status_code, 404)
        self.assert_strict_policy(missing)
        client = Client(raise_request_exception=False)
        with mock.patch("archive.public.views.browse.outlets", side_effect=RuntimeError("a failing database")), \
                self.assertLogs("django.request", "ERROR"):
            failed = client.get("/outlets/")
        self.assertEqual(failed.status_code, 500)
        self.assertContains(failed, "حدث خطأ في الخادم", status_code=500)
        self.assert_strict_policy(failed)

    def test_public_pages_hold_no_inline_script_or_style(self):
        for path in [*self.public_paths(), "/articles/999999/"]:
            with self.subTest(path=path):
                self.assertEqual(inline_code(self.client.get(path)), [])

    def test_the_500_page_holds_no_inline_script_or_style(self):
        client = Client(raise_request_exception=False)
        with mock.patch("archive.public.views.browse.outlets", side_effect=RuntimeError("boom")), \
                self.assertLogs("django.request", "ERROR"):
            self.assertEqual(inline_code(client.get("/outlets/")), [])

    def test_admin_pages_hold_no_inline_script_or_style(self):
        # Allowing 'unsafe-inline' would let injected styles in everywhere:
        # django-simple-history's record history page is overridden instead.
        self.client.force_login(self.chief)
        shown = 0
        for path in self.admin_paths():
            response = self.client.get(path)
            if response.status_code != 200:
                continue  # an add page of records only the importer makes, say
            shown += 1
            with self.subTest(path=path):
                self.assertEqual(inline_code(response), [])
        # The review page, upload, history log and every list were among them.
        self.assertGreater(shown, 3 * len(admin.site._registry))


class RequestLimitTests:
    """The limits, over whichever cache cache_settings() names."""

    def cache_settings(self) -> dict:
        raise NotImplementedError

    @classmethod
    def setUpTestData(cls):
        cls.article = factories.article("بيان التحالف عن العراق", "أكد الوزراء دعم العراق.")

    def setUp(self):
        self.enterContext(override_settings(
            CACHES=self.cache_settings(), RATELIMIT_SEARCH=(3, 60), RATELIMIT_EXPORT=(2, 60), TRUSTED_PROXIES=0,
        ))
        self.clock = self.enterContext(mock.patch("archive.ops.ratelimit._now", return_value=NOW))

    def search(self, **headers):
        return self.client.get("/", {"q": "العراق"}, **headers)

    def test_it_answers_429_with_retry_after_once_a_client_spends_its_search_budget(self):
        for _ in range(3):
            self.assertEqual(self.search().status_code, 200)
        refused = self.search()
        self.assertEqual(refused.status_code, 429)
        self.assertEqual(refused.headers["Retry-After"], "30")
        self.assertContains(refused, "أعد المحاولة بعد <strong>30</strong> ثانية", status_code=429)
        self.assertContains(refused, '<html lang="ar" dir="rtl">', status_code=429)
        self.assertTemplateUsed(refused, "429.html")
        self.assertIn("Content-Security-Policy", refused.headers)

    def test_it_counts_each_client_apart(self):
        for _ in range(4):
            self.search()
        self.assertEqual(self.search().status_code, 429)
        self.assertEqual(self.search(REMOTE_ADDR="203.0.113.9").status_code, 200)

    def test_it_opens_again_when_the_window_ends(self):
        for _ in range(4):
            self.search()
        self.clock.return_value = NOW + 30
        self.assertEqual(self.search().status_code, 200)

    def test_every_export_url_draws_on_one_export_budget_apart_from_search(self):
        for _ in range(2):
            self.assertEqual(self.client.get("/export.csv").status_code, 200)
        for url in EXPORT_URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 429)
                self.assertEqual(response.headers["Retry-After"], "30")
        self.assertEqual(self.search().status_code, 200)

    def test_a_limit_set_off_lets_every_request_through(self):
        with override_settings(RATELIMIT_SEARCH=None):
            statuses = {self.search().status_code for _ in range(6)}
        self.assertEqual(statuses, {200})

    def test_a_forged_forwarded_for_header_buys_no_new_budget(self):
        statuses = [self.search(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(5)]
        self.assertEqual(statuses, [200, 200, 200, 429, 429])

    @override_settings(TRUSTED_PROXIES=1)
    def test_behind_a_trusted_proxy_it_counts_the_address_the_proxy_saw(self):
        proxy = {"REMOTE_ADDR": "10.0.0.1"}
        for _ in range(3):
            self.search(HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
        # The client wrote its own X-Forwarded-For; the proxy appended the real address.
        self.assertEqual(self.search(HTTP_X_FORWARDED_FOR="192.0.2.7, 198.51.100.1", **proxy).status_code, 429)
        self.assertEqual(self.search(HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code, 200)


class LocalMemoryRequestLimitTests(RequestLimitTests, TestCase):
    def cache_settings(self) -> dict:
        # A fresh store per test: nothing counted in one test is seen by another.
        return {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                               "LOCATION": uuid.uuid4().hex}}


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


# CI's machines run Redis; elsewhere the README promises tests need nothing but Python.
@unittest.skipUnless(os.environ.get("CI") == "true" or _redis_answers(), "no Redis server on 127.0.0.1:6379")
class RedisRequestLimitTests(RequestLimitTests, TestCase):
    REDIS_URL = "redis://127.0.0.1:6379/13"

    def cache_settings(self) -> dict:
        # A prefix of its own per test, never a flush: the database may be shared.
        self.prefix = f"archive-test-{uuid.uuid4().hex}"
        return {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                               "LOCATION": self.REDIS_URL, "KEY_PREFIX": self.prefix}}

    def test_the_counts_live_in_redis_for_every_app_server_to_see(self):
        import redis

        self.search()
        server = redis.Redis.from_url(self.REDIS_URL)
        keys = server.keys(f"{self.prefix}:*ratelimit:search:*")
        self.assertEqual(len(keys), 1)
        self.assertEqual(int(server.get(keys[0])), 1)
        self.assertLessEqual(server.ttl(keys[0]), 61)


class AdminLoginLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        get_user_model().objects.create_user("editor1", password="right-password-1", is_staff=True)

    def setUp(self):
        caches = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                                 "LOCATION": uuid.uuid4().hex}}
        self.enterContext(override_settings(CACHES=caches, RATELIMIT_LOGIN=(5, 60)))
        self.enterContext(mock.patch("archive.ops.ratelimit._now", return_value=NOW))

    def log_in(self, username="editor1", password="wrong-password", **headers):
        return self.client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"},
                                **headers)

    def test_after_five_failures_even_the_right_password_waits(self):
        for _ in range(5):
            self.assertEqual(self.log_in().status_code, 200)
        refused = self.log_in(password="right-password-1")
        self.assertEqual(refused.status_code, 429)
        self.assertEqual(refused.headers["Retry-After"], "30")
        self.assertContains(refused, "طلبات كثيرة", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_other_user_names_and_addresses_keep_their_own_attempts(self):
        for _ in range(6):
            self.log_in()
        self.assertEqual(self.log_in(username="someone-else").status_code, 200)
        elsewhere = self.log_in(password="right-password-1", REMOTE_ADDR="203.0.113.5")
        self.assertRedirects(elsewhere, "/admin/", fetch_redirect_response=False)

    def test_successful_logins_spend_nothing(self):
        for _ in range(7):
            self.assertRedirects(self.log_in(password="right-password-1"), "/admin/", fetch_redirect_response=False)
            self.client.logout()


# Runs before the page's own scripts, and records what the policy blocked.
RECORD_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


class ContentSecurityPolicyBrowserTests(chromium.ChromiumTestCase):
    """In a real browser the policy blocks nothing the pages need: the
    public pages, and the admin with its widgets (autocomplete, calendar)."""

    def setUp(self):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        get_user_model().objects.create_superuser("chief", password="chief-password-1")
        context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
        self.addCleanup(context.close)
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()

    def visit(self, path: str):
        response = self.page.goto(self.live_server_url + path)
        self.page.wait_for_load_state("networkidle")
        self.assertEqual(response.status, 200, path)
        self.assertIn("default-src 'self'", response.headers["content-security-policy"])

    def assert_nothing_blocked(self, path: str):
        self.assertEqual(self.page.evaluate("window.violations"), [], path)

    def test_public_pages_load_everything_they_need(self):
        article = Article.objects.published().first()
        for path in ("/", "/?q=داعش", article.get_absolute_url(), article.meeting.get_absolute_url(),
                     "/people/", "/resolutions/2254/"):
            with self.subTest(path=path):
                self.visit(path)
                self.assert_nothing_blocked(path)
        fonts = self.page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'عربي')")
        self.assertTrue(fonts)

    def test_the_admin_logs_in_and_its_widgets_work_under_the_policy(self):
        self.visit("/admin/login/")
        self.page.fill("#id_username", "chief")
        self.page.fill("#id_password", "chief-password-1")
        self.page.click("input[type=submit]")
        self.page.wait_for_load_state("networkidle")
        self.assertTrue(self.page.url.endswith("/admin/"), self.page.url)
        self.assert_nothing_blocked("/admin/")
        article = Article.objects.published().first()
        self.visit(reverse("admin:archive_article_change", args=[article.pk]))
        # An autocomplete (select2) opens and lists choices fetched from the server.
        self.page.locator(".select2-selection").first.click()
        self.page.wait_for_selector(".select2-results__option")
        self.assert_nothing_blocked("article change page")
        self.visit(reverse("admin:archive_meeting_change", args=[article.meeting.pk]))
        self.page.locator("#calendarlink0").click()  # a link on Django 5.2, a button on 6
        self.assertTrue(self.page.locator("#calendarbox0").is_visible())
        self.assert_nothing_blocked("meeting change page")
        for path in (reverse("admin:history"), reverse("admin:archive_importbatch_upload"),
                     reverse("admin:archive_person_changelist")):
            with self.subTest(path=path):
                self.visit(path)
                self.assert_nothing_blocked(path)
