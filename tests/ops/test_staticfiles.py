"""Pages serve before collectstatic has run, and after it as production does."""

import tempfile

from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.test import TestCase, override_settings

from archive.ops import staticfiles

PRODUCTION = {**settings.STORAGES, "staticfiles": {"BACKEND": "archive.ops.staticfiles.ArchiveStaticFilesStorage"}}


class StaticFilesTests(TestCase):
    def test_before_collectstatic_pages_serve_their_files_as_they_are(self):
        with tempfile.TemporaryDirectory() as root, override_settings(STORAGES=PRODUCTION, STATIC_ROOT=root):
            page = self.client.get("/")
            self.assertEqual(page.status_code, 200)
            self.assertContains(page, 'href="/static/archive/css/archive.css"')
            self.assertEqual(self.client.get("/static/archive/css/archive.css").status_code, 200)
            warned = [m.id for m in staticfiles.static_files_collected()]
            self.assertEqual(warned, [staticfiles.W_NOT_COLLECTED])
            self.assertIn(staticfiles.W_NOT_COLLECTED, [m.id for m in checks.run_checks(tags=[checks.Tags.staticfiles])])

    def test_after_collectstatic_the_names_are_versioned_and_the_warning_is_gone(self):
        with tempfile.TemporaryDirectory() as root, override_settings(STORAGES=PRODUCTION, STATIC_ROOT=root):
            call_command("collectstatic", interactive=False, verbosity=0)
            page = self.client.get("/")
            self.assertEqual(page.status_code, 200)
            self.assertRegex(page.content.decode(), r'href="/static/archive/css/archive\.[0-9a-f]{12}\.css"')
            self.assertEqual(staticfiles.static_files_collected(), [])
