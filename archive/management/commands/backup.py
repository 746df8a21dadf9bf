from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from archive.ops import backup


class Command(BaseCommand):
    help = "Back up the whole database into one file (pg_dump's custom format); restore it with `restore`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file to write, e.g. archive-2025-01-31.dump.")
        parser.add_argument("--overwrite", action="store_true", help="Replace the file if it exists.")

    def handle(self, *args, file: str, overwrite: bool, **options) -> None:
        try:
            report = backup.backup(file, connection.settings_dict, overwrite=overwrite)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up {connection.settings_dict['NAME']!r} into {report.path}: {report.tables} tables, "
            f"{report.size / 1e6:.1f} MB (pg_dump {report.tool.major} at {report.tool.path}, "
            f"server {report.server_version // 10000})."
        )
