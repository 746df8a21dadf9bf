"""Tests in a real browser: Debian's Chromium, driven by Playwright, against
Django's live server.

Skipped where Chromium or Playwright is missing, unless
ARCHIVE_BROWSER_TESTS=required (CI sets it, and installs Chromium).
"""

import os
import shutil
import tempfile
import unittest

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("ARCHIVE_BROWSER_TESTS") == "required"
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None
AVAILABLE = REQUIRED or bool(CHROMIUM and sync_playwright)


# The live server starts before the per-test settings of conftest.py apply:
# give it their static settings from the start.
@unittest.skipUnless(AVAILABLE, "Chromium or Playwright is not installed")
@override_settings(
    STATIC_ROOT=tempfile.mkdtemp(prefix="archive-static-"),
    WHITENOISE_USE_FINDERS=True,
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
)
class ChromiumTestCase(StaticLiveServerTestCase):
    """A live server and one Chromium for the class (cls.browser)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert CHROMIUM, "Chromium is required for the browser tests"
        # Playwright's sync API keeps an event loop in this thread; the
        # database calls around it are ordinary synchronous test code.
        cls._async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        if cls._async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = cls._async_unsafe
        super().tearDownClass()
