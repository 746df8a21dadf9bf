import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from archive.devtools import benchmark, corpus
from archive.models import Article


class Command(BaseCommand):
    help = "Measure search, facets, export and import on the current database; print a markdown table."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--articles", type=int, default=None,
            help="Generate a synthetic corpus first until the archive holds this many published articles.",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--queries", type=int, default=70, help="Queries in the mix (each run with 3 filter sets).")
        parser.add_argument("--import-files", type=int, default=100, help="Files to import (rolled back afterwards).")
        parser.add_argument("--naive-searches", type=int, default=20, help="Searches of the mix run with icontains.")
        parser.add_argument("--http-searches", type=int, default=70,
                            help="Searches of the mix sent over HTTP to the archive and to Datasette.")
        parser.add_argument("--no-http", action="store_true",
                            help="Skip gunicorn, Datasette and the load test (in-process figures only).")
        parser.add_argument("--load-seconds", type=float, default=30.0)
        parser.add_argument("--clients", type=int, default=16, help="Concurrent clients in the load test.")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn workers.")
        parser.add_argument("--no-cold", action="store_true",
                            help="Leave the caches as found before the first pass (by default the OS page cache is "
                                 "dropped where this process may: root on Linux).")
        parser.add_argument("--restart-command", default="",
                            help="A command that restarts PostgreSQL before the first pass, to empty its own cache "
                                 "too (e.g. \"pg_ctlcluster 15 main restart\").")
        parser.add_argument("--during-import", type=int, default=0, metavar="FILES",
                            help="Also time the search page while another process imports and publishes this many "
                                 "files (committed, then deleted again).")
        parser.add_argument("--json", dest="json_file", default=None, help="Also write the figures to this file.")

    def handle(self, *args, articles, seed, queries, import_files, naive_searches, http_searches, no_http, load_seconds, clients,
               workers, json_file, no_cold, restart_command, during_import, **options) -> None:
        if articles is not None:
            missing = articles - Article.objects.published().count()
            if missing > 0:
                self.stderr.write(f"Generating {missing} articles…")
                corpus.generate(missing, seed)
                # As autovacuum would in a serving archive: without the
                # planner's statistics the import's lookups ran as scans
                # of every article (5.7 files/s at 100,000 against 22).
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        if not Article.objects.published().exists():
            raise CommandError("The archive holds no published article: use --articles N, or run demo first.")
        figures = benchmark.run(benchmark.Options(
            seed=seed, queries=queries, import_files=import_files, naive_searches=naive_searches, http_searches=http_searches, http=not no_http,
            load_seconds=load_seconds, clients=clients, workers=workers, cold=not no_cold,
            restart_command=restart_command, during_import=during_import,
        ))
        self.stdout.write(benchmark.table(figures))
        if json_file:
            Path(json_file).write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
