import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.devtools import corpus


class Command(BaseCommand):
    help = "Build a deterministic synthetic archive (for benchmarks) in the current database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, required=True, help="How many articles to generate.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same archive.")

    def handle(self, *args, articles: int, seed: int, **options) -> None:
        if articles < 1:
            raise CommandError("--articles must be at least 1")
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"{done}/{total} articles", ending="\r")

        report = corpus.generate(articles, seed, progress)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Generated {report.articles} articles, {report.meetings} meetings, {report.people} people, "
            f"{report.countries} countries, {report.resolutions} resolutions, {report.outlets} outlets "
            f"in {seconds:.1f} s ({report.articles / seconds:.0f} articles/s)."
        )
