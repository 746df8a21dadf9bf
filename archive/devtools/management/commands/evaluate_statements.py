from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.devtools import statement_scoring
from archive.importing import saving


class Command(BaseCommand):
    help = (
        "Score who-said-what on folders of labelled real pages (tests/data/real/STATEMENTS.md): the precision "
        "and recall of the statements read with their right speaker. Reads the pages as the import does, "
        "with the archive's known officials; writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folders", type=Path, nargs="+")
        parser.add_argument("--details", action="store_true", help="The misses and wrong speakers, page by page.")

    def handle(self, *args, folders: list[Path], details: bool, **options) -> None:
        pages = []
        # The import reads with the archive's known officials (the reference people migrate loads): so does this.
        known = saving.Context.load().known
        for folder in folders:
            if not folder.is_dir():
                raise CommandError(f"{folder}: no such folder")
            pages += statement_scoring.score_folder(folder, known).pages
        if not pages:
            raise CommandError("no page with labelled statements (a \"statements\" key in its .json)")
        if details:
            for page in pages:
                self._details(page)
        totals = statement_scoring.Score(pages).totals()
        for name in ("pages", "labelled", "read", "right", "covered", "detected"):
            self.stdout.write(f"| {name:12} | {totals[name]:>8} |")
        for name in ("precision", "recall", "attribution"):
            self.stdout.write(f"| {name:12} | {totals[name]:>8.3f} |")

    def _details(self, page: statement_scoring.PageScore) -> None:
        self.stdout.write(f"{page.name}: {len(page.labelled)} labelled, {len(page.found)} read, {len(page.right)} right")
        for n, label in enumerate(page.labelled):
            if n not in page.detected:
                self.stdout.write(f"    missed: {label['speaker']} | {label['verb']} | {label['text'][:60]}")
        for label, fact in page.wrong:
            self.stdout.write(f"    wrong speaker: {fact.speaker} ({fact.speaker_kind} {fact.collective}) for "
                              f"{label['speaker']} ({label.get('collective', 'person')}) | {label['text'][:50]}")
        for k, fact in enumerate(page.found):
            if k not in page.right and not any(fact is f for _, f in page.wrong):
                self.stdout.write(f"    extra: {fact.speaker} | {fact.verb} | {fact.text[:60]}")
