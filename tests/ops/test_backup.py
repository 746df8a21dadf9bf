"""Backup and restore (archive.ops.backup, `manage.py backup` and `restore`).

pg_dump reads committed data through its own session, so the archive is
built for real (TransactionTestCase), backed up once, and restored once
into a scratch database beside the test database; every test then reads
the restored copy through Django's own connection.
"""

from __future__ import annotations

import io
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.http import QueryDict
from django.test import SimpleTestCase, TransactionTestCase
from psycopg import sql

from archive.search import engine, queries
from archive.editorial import merging
from archive.ops import backup
from archive.search.filters import ArticleFilter
from archive.models import Article, Meeting, Merge, Person, PersonAlias, PersonMention
from archive.postgres import create_database_options

SEARCHES = [
    {"q": "داعش"},
    {"q": "بلينكن"},
    {"q": "أنطوني بلنكن"},  # the merged-away spelling, now an alias
    {"q": "كوبنهاغن"},  # only in a title an editor changed
    {"q": "العراق -بغداد"},
    {"q": "2254"},
]
# Renumbered by every restore, so that app servers reload (archive.ops.backup).
RENUMBERED = {backup.VERSION_TABLE}


def create_scratch_database(name: str) -> None:
    """A new, empty database on the test database's server."""
    with backup.connect(connection.settings_dict, "postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        options = create_database_options(admin.info.server_version)
        admin.execute(sql.SQL("CREATE DATABASE {} ").format(sql.Identifier(name)) + sql.SQL(options))


def drop_scratch_database(name: str) -> None:
    with backup.connect(connection.settings_dict, "postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def connected_to(name: str):
    """Django's default connection on another database of the same server
    for the block: the archive's code all goes through it."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    forget_cached_copies()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        forget_cached_copies()


def forget_cached_copies() -> None:
    # The process's copies of the facets and the name spellings are keyed by
    # connection alias and the articles' version number, which two
    # databases behind the one alias may share.
    engine._LOADED.clear()
    queries._SURFACE.clear()
    queries._name_words.cache_clear()


NUMBERS = f"SELECT people_number, statements_number FROM {backup.VERSION_TABLE}"


def database(name: str) -> dict:
    return {**connection.settings_dict, "NAME": name}


def fingerprints(settings_dict: dict) -> dict[str, str]:
    """Every table's rows, digested: equal digests, equal rows."""
    found = {}
    with backup.connect(settings_dict) as db:
        for table in backup.user_tables(settings_dict):
            query = sql.SQL("SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} AS t")
            found[table] = db.execute(query.format(sql.Identifier(table))).fetchone()[0]
    return found


def search_results(params: dict) -> list[int]:
    """The ids the search page lists, in its order, for these parameters."""
    filterset = ArticleFilter(QueryDict(urlencode(params)), queryset=Article.objects.published())
    assert filterset.is_valid(), filterset.errors
    return [int(pk) for pk in engine.count(filterset.query, filterset.values(), filterset.sort_order).ids]


class BackupRestoreTests(TransactionTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        call_command("demo", "--no-serve", stdout=io.StringIO())
        editor = get_user_model().objects.create_user("archivist", password="x" * 20)
        kept = Person.objects.get(name="أنتوني بلينكن")
        variant = Person.objects.create(name="أنطوني بلنكن")
        article = Article.objects.exclude(person_mentions__person=kept).order_by("pk").first()
        PersonMention.objects.create(article=article, person=variant, name_as_written=variant.name, sentence="جملة")
        cls.variant_pk, cls.kept_pk, cls.article_pk = variant.pk, kept.pk, article.pk
        cls.merge_pk = merging.merge(kept, [variant], user=editor).pk
        # Editors' changes, each recorded in the history with its editor.
        edited = Article.objects.order_by("pk").last()
        edited.title += " في كوبنهاغن"
        edited._history_user = editor
        edited.save()
        meeting = Meeting.objects.order_by("pk").first()
        meeting.place = "كوبنهاغن"
        meeting._history_user = editor
        meeting.save()

        cls.searches = [*SEARCHES, {"person": str(kept.pk)}, {"q": "التحالف", "sort": "newest"}]
        cls.results = [search_results(params) for params in cls.searches]
        cls.original = backup.counts(connection.settings_dict)
        cls.original_digests = fingerprints(connection.settings_dict)
        with backup.connect(connection.settings_dict) as db:
            cls.numbers = db.execute(NUMBERS).fetchone()  # the tests' flushes renumber the original later

        cls.folder = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.folder.cleanup)
        cls.file = Path(cls.folder.name) / "archive.dump"
        cls.backup_output = io.StringIO()
        call_command("backup", str(cls.file), stdout=cls.backup_output)
        cls.scratch = connection.settings_dict["NAME"] + "_restored"
        create_scratch_database(cls.scratch)
        # Runs even when setUpClass fails half-way, unlike tearDownClass.
        cls.addClassCleanup(drop_scratch_database, cls.scratch)
        cls.restore_output = io.StringIO()
        with connected_to(cls.scratch):
            call_command("restore", str(cls.file), stdout=cls.restore_output)

    def test_it_restores_every_table_with_the_same_rows(self):
        restored = backup.counts(database(self.scratch))
        self.assertEqual(restored, self.original)
        for table in ("archive_article", "archive_merge", "archive_historicalperson", "archive_historicalarticle",
                      "archive_historicalmeeting", "archive_searchdocument", "auth_user"):
            with self.subTest(table=table):
                self.assertGreater(restored[table], 0)
        digests = fingerprints(database(self.scratch))
        self.assertEqual({t: d for t, d in digests.items() if t not in RENUMBERED},
                         {t: d for t, d in self.original_digests.items() if t not in RENUMBERED})
        self.assertIn(f"merges: {self.original['archive_merge']}", self.restore_output.getvalue())

    def test_a_copy_from_before_the_restore_is_read_whole_again(self):
        # The restored change log does not say what the restore replaced
        # (archive.search.engine brings copies up to date from it).
        with backup.connect(database(self.scratch)) as db:
            number, logged_after = db.execute(f"SELECT number, logged_after FROM {backup.VERSION_TABLE}").fetchone()
        self.assertEqual(logged_after, number)

    def test_the_restored_people_and_statements_have_numbers_no_server_has_seen(self):
        # A server's name words and remembered statement counts are keyed by
        # them (migrations 0032, 0033), and both databases answer to one alias.
        with backup.connect(database(self.scratch)) as db:
            restored = db.execute(NUMBERS).fetchone()
        self.assertGreater(restored[0], self.numbers[0])
        self.assertGreater(restored[1], self.numbers[1])

    def test_it_keeps_the_history_and_who_made_each_change(self):
        with connected_to(self.scratch):
            meeting = Meeting.objects.order_by("pk").first()
            latest = meeting.history.order_by("-history_id").first()
            self.assertEqual(latest.place, "كوبنهاغن")
            self.assertEqual(latest.history_user.username, "archivist")
            merge = Merge.objects.get(pk=self.merge_pk)
            self.assertEqual(merge.created_by.username, "archivist")
            self.assertEqual(Person.history.filter(id=self.variant_pk, history_type="-").count(), 1)

    def test_it_finds_the_same_search_results_in_the_restored_copy(self):
        with connected_to(self.scratch):
            for params, expected in zip(self.searches, self.results):
                with self.subTest(params=params):
                    self.assertEqual(search_results(params), expected)
        self.assertTrue(all(self.results), "every search of the mix finds something")

    def test_it_undoes_the_merge_in_the_restored_copy(self):
        with connected_to(self.scratch), transaction.atomic():
            self.assertFalse(Person.objects.filter(pk=self.variant_pk).exists())
            merging.undo(Merge.objects.get(pk=self.merge_pk))
            variant = Person.objects.get(pk=self.variant_pk)
            self.assertEqual(variant.name, "أنطوني بلنكن")
            self.assertEqual(list(PersonMention.objects.filter(article_id=self.article_pk, person=variant).values_list(
                "name_as_written", flat=True)), ["أنطوني بلنكن"])
            self.assertFalse(PersonAlias.objects.filter(person_id=self.kept_pk, name="أنطوني بلنكن").exists())
            self.assertIn(self.article_pk, search_results({"person": str(variant.pk)}))
            self.assertNotIn(self.article_pk, search_results({"person": str(self.kept_pk)}))
            # The restored copy stays as restored for the other tests.
            transaction.set_rollback(True)

    def test_it_refuses_a_database_that_is_not_empty_unless_forced(self):
        with connected_to(self.scratch):
            with self.assertRaisesMessage(CommandError, "is not empty"):
                call_command("restore", str(self.file), stdout=io.StringIO())
            Article.objects.filter(pk=self.article_pk).delete()
            output = io.StringIO()
            call_command("restore", str(self.file), "--force", stdout=output)
            self.assertTrue(Article.objects.filter(pk=self.article_pk).exists())
        self.assertIn("previous contents replaced", output.getvalue())
        self.assertEqual(backup.counts(database(self.scratch)), self.original)

    def test_it_refuses_to_overwrite_a_backup(self):
        with self.assertRaisesMessage(CommandError, "already exists"):
            call_command("backup", str(self.file), stdout=io.StringIO())
        self.assertIn("Backed up", self.backup_output.getvalue())

    def test_it_refuses_a_file_that_is_not_a_backup(self):
        bogus = Path(self.folder.name) / "notes.txt"
        bogus.write_text("not a dump", encoding="utf-8")
        with connected_to(self.scratch), self.assertRaisesMessage(CommandError, "custom-format backup"):
            call_command("restore", str(bogus), "--force", stdout=io.StringIO())


class ToolVersionTests(SimpleTestCase):
    """Which pg_dump is used: never one older than the server."""

    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.root = Path(folder.name)

    def fake_tool(self, major: int) -> Path:
        folder = self.root / str(major)
        folder.mkdir()
        path = folder / "pg_dump"
        path.write_text(f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {major}.1'\n", encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
        return folder

    def test_it_prefers_the_servers_own_version_then_the_next_newer(self):
        dirs = [self.fake_tool(18), self.fake_tool(15), self.fake_tool(16)]
        self.assertEqual(backup.find_tool("pg_dump", 150020, dirs).major, 15)
        self.assertEqual(backup.find_tool("pg_dump", 170002, dirs).major, 18)

    def test_it_refuses_a_tool_older_than_the_server(self):
        dirs = [self.fake_tool(15)]
        with self.assertRaisesMessage(backup.BackupError, "No pg_dump of PostgreSQL 18 or newer"):
            backup.find_tool("pg_dump", 180006, dirs)
