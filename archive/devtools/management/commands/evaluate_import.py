from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.devtools import evaluation


class Command(BaseCommand):
    help = (
        "Score the import on a folder of labelled real pages: pairwise precision and recall of the pages "
        "put on one meeting, the share whose meeting has the event's date, the people's precision and recall, "
        "and the share of outlets and titles right. Writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--without-address", action="store_true",
            help="Import the pages without the address they were copied from (as pasted text alone).",
        )
        parser.add_argument("--details", action="store_true", help="One line per page.")
        parser.add_argument(
            "--after", type=Path, action="append", default=[], metavar="FOLDER",
            help="Import this folder's pages first, as an earlier batch the archive holds; not scored. Repeatable.",
        )

    def handle(self, *args, folder: Path, without_address: bool, details: bool, after: list[Path], **options) -> None:
        for path in (folder, *after):
            if not path.is_dir():
                raise CommandError(f"{path}: no such folder")
        score = evaluation.evaluate(folder, with_address=not without_address, after=after)
        if not score.outcomes:
            raise CommandError(f"{folder}: no labelled pages (NN_slug.txt beside NN_slug.json)")
        if details:
            for outcome in score.outcomes:
                self._details(outcome)
        for name, value in _rows(score):
            self.stdout.write(f"| {name:28} | {value:>20} |")

    def _details(self, o: evaluation.Outcome) -> None:
        got = f"#{o.meeting_id} {o.meeting_date or 'undated'}{' calendar' if o.calendar else ''}" if o.meeting_id else "no meeting"
        mark = "" if (o.page.meeting_date is None or o.meeting_date == o.page.meeting_date) else "  DATE"
        self.stdout.write(f"{o.page.path.name:45} {o.page.event or '-':40} {got}{mark}")
        for written, name, *_ in o.people_wrong:
            self.stdout.write(f"    wrong person: {written} ({name})")
        for name in o.people_missed:
            self.stdout.write(f"    missed person: {name}")
        if not o.outlet_right:
            self.stdout.write(f"    outlet: {o.outlet_names[:1] or '-'} for {o.page.label.get('outlet')}")
        if not o.title_right:
            self.stdout.write(f"    title: {o.title[:80]!r} for {(o.page.label.get('title') or 'no headline')[:80]!r}")


def _rows(score: evaluation.Score) -> list[tuple[str, object]]:
    pages = len(score.outcomes)
    events = {o.page.event for o in score.outcomes if o.page.event}
    return [
        ("pages", pages),
        ("events", len(events)),
        ("true pairs", score.true_pairs),
        ("pairs put on one meeting", score.found_pairs),
        ("pairwise precision", f"{score.precision:.3f}"),
        ("pairwise recall", f"{score.recall:.3f}"),
        ("meeting date right", f"{score.dated_right}/{score.dated} = {score.date_share:.3f}"),
        ("pages on a calendar meeting", sum(o.calendar for o in score.outcomes)),
        ("pages on no meeting", sum(o.meeting_id is None for o in score.outcomes)),
        ("people precision", f"{score.people_right}/{score.people_found} = {score.people_precision:.3f}"),
        ("people recall", f"{score.people_recalled}/{score.people_labelled} = {score.people_recall:.3f}"),
        ("outlets right", f"{score.outlets_right}/{pages} = {score.outlets_right / pages:.3f}"),
        ("outlets: site only, flagged", f"{score.outlets_left_as_site}/{pages}"),
        ("titles right", f"{score.titles_right}/{pages} = {score.titles_right / pages:.3f}"),
        ("pages published (--publish)", f"{score.published}/{pages}"),
        ("wrong people published", score.people_wrong_published),
    ]
