from django.core.management.base import BaseCommand

from archive.importing import rereading, saving


class Command(BaseCommand):
    help = (
        "Read the statements of stored articles again with the reader as it now reads: articles not yet "
        "published whose statements no editor has touched (archive/importing/rereading.py)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Only these articles (their numbers).")
        parser.add_argument(
            "--include-published", action="store_true",
            help="Published articles too: their new statements are public at once, unreviewed.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; write nothing.")

    def handle(self, *args, **options) -> None:
        articles, kept = rereading.candidates(options["include_published"], options["ids"])
        report = rereading.reread(articles, saving.Context.load(), rereading.Report(kept=kept), options["dry_run"])
        verb = "Would read" if options["dry_run"] else "Read"
        self.stdout.write(
            f"{verb} the statements of {report.read} article(s) again: {report.statements_before} statement(s) "
            f"-> {report.statements_after}. Left as they are: {report.kept} article(s) whose statements an editor "
            f"has touched."
        )
        for article_id, reason in report.failed:
            self.stderr.write(f"article {article_id}: {reason}")
        if report.failed:
            raise SystemExit(1)
