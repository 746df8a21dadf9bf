import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.importing import pipeline
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


class Command(BaseCommand):
    help = "Import raw article files (files, folders of .txt files, or .zip files of them) into the archive."

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
            "--progress",
            action="store_true",
            help="Show the progress bar even when stderr is not a terminal.",
        )

    def handle(
        self, *args, paths: list[str], publish: bool, dry_run: bool, json: bool, progress: bool, **options
    ) -> None:
        as_json = json
        # With --json, stdout carries only JSON Lines; people read stderr.
        human = self.stderr if as_json else self.stdout
        sources = list(pipeline.sources_from_paths(paths))
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


def _json_line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
