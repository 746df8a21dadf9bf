"""`pip install .` gives a whole archive: its pages, styles, translations and
sample articles inside the package, and the `coalition-archive` command
(archive/packaging.py, archive/cli.py)."""

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase

from archive.devtools.loadtest import database_url
from tests.ops.test_backup import create_scratch_database, drop_scratch_database


IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "bundled")


def _run(command: list[str], **options) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **options)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done


class WheelTests(TransactionTestCase):
    """The wheel is built as `pip install .` builds it, installed apart from
    the checkout, and run from a folder that is not the checkout."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(tempfile.mkdtemp())
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        # Built from a copy of what the project ships, so that no build/ is
        # left in the checkout for a later build to pick stale files from.
        source = cls.folder / "source"
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(Path(settings.BASE_DIR) / name, source / name)
        for name in ("archive", "templates", "static", "fixtures"):
            shutil.copytree(Path(settings.BASE_DIR) / name, source / name, ignore=IGNORED)
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(cls.folder / "dist"), str(source)])
        (cls.wheel,) = (cls.folder / "dist").glob("coalition_archive-*.whl")
        cls.names = set(zipfile.ZipFile(cls.wheel).namelist())
        cls.target = cls.folder / "installed"
        _run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(cls.target), str(cls.wheel)])

    def test_it_carries_the_site_files_the_data_and_the_translations(self):
        for top in ("templates", "static", "fixtures"):
            with self.subTest(top):
                in_checkout = {str(p.relative_to(settings.BASE_DIR)) for p in (Path(settings.BASE_DIR) / top).rglob("*")
                               if p.is_file() and "__pycache__" not in p.parts}
                self.assertTrue(in_checkout)
                self.assertEqual({f"archive/bundled/{name}" for name in in_checkout} - self.names, set())
        for needed in ("archive/locale/en/LC_MESSAGES/django.mo", "archive/importing/data/outlets.json",
                       "archive/importing/data/lexicons/statement_verbs.txt", "archive/reference/data/resolutions.json"):
            with self.subTest(needed):
                self.assertIn(needed, self.names)
        self.assertTrue(any(name.endswith("entry_points.txt") for name in self.names))

    def test_installed_its_command_builds_and_serves_the_sample_archive(self):
        scratch = connection.settings_dict["NAME"] + "_wheel"
        create_scratch_database(scratch)
        self.addCleanup(drop_scratch_database, scratch)
        run_in = self.folder / "run"
        run_in.mkdir()
        environment = {
            **os.environ, "PYTHONPATH": str(self.target),
            "DATABASE_URL": database_url({**connection.settings_dict, "NAME": scratch}),
        }
        for name in ("ARCHIVE_VAR_DIR", "DJANGO_SETTINGS_MODULE"):  # the command's own defaults
            environment.pop(name, None)
        command = str(self.target / "bin" / "coalition-archive")
        said = _run([command, "demo", "--no-serve"], cwd=run_in, env=environment).stdout
        self.assertIn("5 imported", said)
        self.assertIn("coalition-archive changepassword editor", said)
        # What it writes goes to var/ where it runs, not into the package.
        self.assertTrue((run_in / "var" / "static").is_dir())
        pages = _run([command, "shell", "-v", "0", "-c", PAGES], cwd=run_in, env=environment).stdout.splitlines()
        self.assertEqual(pages[0], str(self.target / "archive" / "__init__.py"))  # not the checkout's
        self.assertEqual(pages[1:], ["/ 200 ar", "/en/ 200 en", "/meetings/ 200 ar", "/articles/1/ 200 ar", "style 200"])


# Run inside the installed archive: which package it is, then each page's
# status and language, then a stylesheet served from the bundled static files.
PAGES = """
import re, archive
from django.test import Client
from django.templatetags.static import static
print(archive.__file__)
client = Client(HTTP_HOST="localhost")
for url in ("/", "/en/", "/meetings/", "/articles/1/"):
    page = client.get(url)
    print(url, page.status_code, re.search(r'<html lang="(\\w+)"', page.content.decode()).group(1))
print("style", client.get(static("archive/css/archive.css")).status_code)
"""
