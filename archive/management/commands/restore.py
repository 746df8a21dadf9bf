from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from archive.ops import backup

# The rows an editor would check first, in this order.
SUMMARY = (
    ("archive_article", "articles"),
    ("archive_person", "people"),
    ("archive_meeting", "meetings"),
    ("archive_merge", "merges"),
    ("auth_user", "user accounts"),
)


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into the current database (which must be empty unless --force)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A file written by `manage.py backup`.")
        parser.add_argument(
            "--force", action="store_true",
            help="Replace the contents of a database that is not empty (everything written there since the backup is lost).",
        )

    def handle(self, *args, file: str, force: bool, verbosity: int, **options) -> None:
        # pg_restore works in its own session; this one must not hold the
        # tables it replaces.
        connection.close()
        try:
            report = backup.restore(file, connection.settings_dict, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = report.counts
        history = sum(rows for table, rows in counts.items() if table.startswith("archive_historical"))
        lines = [f"{label}: {counts[table]}" for table, label in SUMMARY if table in counts]
        lines.append(f"history records: {history}")
        self.stdout.write(
            f"Restored {report.path} into {report.database!r}{' (its previous contents replaced)' if report.replaced else ''}: "
            f"{len(counts)} tables, {sum(counts.values())} rows; " + ", ".join(lines) + "."
        )
        if verbosity > 1:
            for table, rows in counts.items():
                self.stdout.write(f"  {table}: {rows}")
        self.stdout.write("Restart the app servers: they hold copies of some of the replaced data in memory.")
