from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive import text
from archive.importing import cleaning, reading
from archive.search import indexing


class Command(BaseCommand):
    help = (
        "Print the list of common words whose neighbours the search index pairs (archive/search/data/"
        "pair_words.txt): the bare forms (indexing.bare_form) found on the most pages of these folders of "
        "real pages, most pages first. Redirect it into that file, then run `manage.py reindex`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folders", type=Path, nargs="+")
        parser.add_argument("--count", type=int, default=1000, help="How many words (default 1000).")

    def handle(self, *args, folders: list[Path], count: int, **options) -> None:
        pages: Counter[str] = Counter()
        files = 0
        for folder in folders:
            if not folder.is_dir():
                raise CommandError(f"{folder}: no such folder")
            for path in sorted(folder.glob("*.txt")):
                body = cleaning.clean(reading.decode(path.read_bytes()).text).body
                pages.update({indexing.bare_form(word) for word in text.words(body)})
                files += 1
        chosen = sorted(pages.items(), key=lambda item: (-item[1], item[0]))[:count]
        names = ", ".join(folder.name for folder in folders)
        self.stdout.write(
            f"# The {len(chosen)} bare word forms found on the most of the {files} real pages of {names}\n"
            f"# (fewest pages: {chosen[-1][1] if chosen else 0}), made by `manage.py pair_words` on those folders.\n"
            "# The search index pairs two neighbouring words only when both are here (archive.search.indexing).\n"
            "# A change to this file needs `manage.py reindex`.\n"
        )
        for word, _ in chosen:
            self.stdout.write(word)
