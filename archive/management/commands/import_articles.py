from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.importing import pipeline
from archive.models import ImportRecord


class Command(BaseCommand):
    help = "Import raw article files (files, or folders of .txt files) into the archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A file or a folder of .txt files.")
        parser.add_argument("--publish", action="store_true", help="Publish the new articles at once.")

    def handle(self, *args, paths: list[str], publish: bool, **options) -> None:
        def report(result: pipeline.FileResult) -> None:
            if result.outcome == ImportRecord.Outcome.CREATED:
                self.stdout.write(f"created    {result.file}  → #{result.article_id} {result.title}")
            elif result.outcome == ImportRecord.Outcome.DUPLICATE:
                self.stdout.write(f"duplicate  {result.file}  ({result.message})")
            else:
                self.stderr.write(self.style.ERROR(f"rejected   {result.file}: {result.message}"))

        batch = pipeline.import_paths(paths, publish=publish, on_result=report)
        self.stdout.write(
            f"Batch {batch.batch_id}: {batch.created} created, {batch.duplicates} duplicate, "
            f"{batch.rejected} rejected."
        )
        if batch.rejected:
            raise CommandError(f"{batch.rejected} file(s) rejected; see the messages above.")
