import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.devtools import loadtest, peers
from archive.models import Article


class Command(BaseCommand):
    help = (
        "Load the production server (gunicorn on loopback, rate limiting off) with concurrent clients on the "
        "current database; print requests per second and latency by kind of page. Fails on any error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = loadtest.Options()
        parser.add_argument("--clients", type=int, default=defaults.clients, help="Concurrent clients.")
        parser.add_argument("--seconds", type=float, default=defaults.seconds, help="How long they run.")
        parser.add_argument("--workers", type=int, default=defaults.workers,
                            help=f"gunicorn workers (default {defaults.workers}: gunicorn.conf.py's, "
                                 "WEB_CONCURRENCY or the cores plus one; each has GUNICORN_THREADS threads).")
        parser.add_argument("--seed", type=int, default=defaults.seed, help="The same seed, the same mix of pages.")
        parser.add_argument("--json", dest="json_file", default=None, help="Also write the figures to this file.")

    def handle(self, *args, clients: int, seconds: float, workers: int, seed: int, json_file: str | None,
               **options) -> None:
        if clients < 1 or workers < 1 or seconds <= 0:
            raise CommandError("--clients and --workers must be at least 1, --seconds more than 0.")
        if not Article.objects.published().exists():
            raise CommandError(
                "The archive holds no published article: load one first, e.g. "
                "manage.py generate_corpus --articles 10000 --seed 1 (then manage.py collectstatic --noinput)."
            )
        self.stderr.write(f"{clients} clients for {seconds:g} s against gunicorn ({workers} workers), rate limiting off…")
        try:
            figures = loadtest.run(loadtest.Options(clients=clients, seconds=seconds, workers=workers, seed=seed))
        except peers.PeerError as exc:
            raise CommandError(f"{exc}\n(Has manage.py collectstatic --noinput been run? The server needs it.)") from exc
        self.stdout.write(loadtest.table(figures))
        if json_file:
            Path(json_file).write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
        total = figures["total"]
        if total["errors"]:
            examples = "\n".join(figures["error_examples"])
            raise CommandError(f"{total['errors']} of {total['requests']} requests failed, for example:\n{examples}")
