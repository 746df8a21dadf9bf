import argparse
import dataclasses
import datetime
import json
import os
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.importing import pipeline, understanding
from archive.models import ImportRecord


class Progress:
    """A one-line progress bar on a terminal; silent elsewhere, where the
    per-file lines already show how far the batch has come."""

    WIDTH = 30

    def __init__(self, stream, total: int, enabled: bool) -> None:
        self.stream, self.total, self.enabled, self.done = stream, total, enabled and total > 1, 0

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            filled = self.WIDTH * self.done // self.total
            bar = "█" * filled + "░" * (self.WIDTH - filled)
            self.stream.write(f"\r{bar} {self.done}/{self.total}")
            self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (self.WIDTH + 24) + "\r")
            self.stream.flush()


# How much lower than the site's an import run from the command line asks
# its processes' CPU priority to be (os.nice; the reading process it starts
# inherits it). An import is batch work beside researchers' requests: at
# 100,000 generated articles on a 2-core machine, the search page while 60
# or 100 files were imported with --publish took p95 98-131 ms niced (six
# runs), 118-156 ms not (four), the import's own pace the same.
NICENESS = 10


class Command(BaseCommand):
    help = "Import raw article files (files, folders of .txt files, or .zip files of them) into the archive."

    def run_from_argv(self, argv: list[str]) -> None:
        """From the command line only: call_command (tests, the admin) runs
        in its caller's process, whose priority is not the import's to lower."""
        if hasattr(os, "nice"):
            os.nice(NICENESS)
        super().run_from_argv(argv)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A file, a folder of .txt files, or a .zip of them.")
        parser.add_argument("--publish", action="store_true", help="Publish the new articles at once.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and extract everything, report it, and write nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object per file on stdout (the summary goes to stderr).",
        )
        parser.add_argument(
            "--published-on", metavar="YYYY-MM-DD", type=_date,
            help="The publication date of a single file, when the page does not show it (or shows a wrong one).",
        )
        parser.add_argument(
            "--source-url", metavar="URL", type=_url,
            help="The address the single file was copied from; shown as the link to the original.",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show the progress bar even when stderr is not a terminal.",
        )

    def handle(
        self, *args, paths: list[str], publish: bool, dry_run: bool, json: bool, progress: bool,
        published_on: datetime.date | None = None, source_url: str | None = None, **options,
    ) -> None:
        as_json = json
        # With --json, stdout carries only JSON Lines; people read stderr.
        human = self.stderr if as_json else self.stdout
        sources = list(pipeline.sources_from_paths(paths))
        if published_on or source_url:
            sources = _given(sources, understanding.Given(published_on, source_url or ""))
        is_terminal = getattr(sys.stderr, "isatty", lambda: False)()
        bar = Progress(self.stderr, len(sources), progress or is_terminal)

        def report(result: pipeline.FileResult) -> None:
            bar.clear()
            if as_json:
                self.stdout.write(_json_line(result.as_json()))
            if result.outcome == ImportRecord.Outcome.CREATED:
                human.write(f"created    {result.file}  → #{result.article_id} {result.title}")
            elif result.outcome == ImportRecord.Outcome.DUPLICATE:
                human.write(f"duplicate  {result.file}  ({result.message})")
            else:
                self.stderr.write(self.style.ERROR(f"rejected   {result.file}: {result.message}"))
            bar.step()

        batch = pipeline.import_sources(sources, publish=publish, dry_run=dry_run, on_result=report)
        bar.clear()
        summary = f"{batch.created} created, {batch.duplicates} duplicate, {batch.rejected} rejected."
        if dry_run:
            human.write(f"Dry run, nothing written: {summary}")
        else:
            human.write(f"Batch {batch.batch_id}: {summary}")
        if batch.rejected:
            raise CommandError(f"{batch.rejected} file(s) rejected; see the messages above.")


def _given(sources: list, given: understanding.Given) -> list:
    """The one file the date and address are said of."""
    files = [s for s in sources if isinstance(s, pipeline.Source)]
    if len(files) != 1 or len(sources) != 1:
        raise CommandError(
            f"--published-on and --source-url describe one file, and these paths hold {len(files)}: import it alone."
        )
    return [dataclasses.replace(files[0], given=given)]


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» is not a date of the form YYYY-MM-DD") from None


def _url(value: str) -> str:
    if not value.lower().startswith(("http://", "https://")) or len(value) > 1000 or any(c.isspace() for c in value):
        raise argparse.ArgumentTypeError(f"«{value[:80]}» is not an http(s) address of at most 1,000 characters")
    return value


def _json_line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
