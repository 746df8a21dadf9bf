from django.core.management.base import BaseCommand

from archive.search import indexing


class Command(BaseCommand):
    help = "Rebuild the search index of every article (after a change to how text is normalized)."

    def handle(self, *args, **options) -> None:
        count = indexing.refresh_all()
        self.stdout.write(f"Reindexed {count} article(s).")
