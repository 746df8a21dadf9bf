from django.core.management.base import BaseCommand
from django.db import transaction

from archive import text
from archive.models import Country, CountryAlias, Outlet, OutletAlias, Person, PersonAlias
from archive.search import indexing

# Every table whose rows carry a matching key made by archive.text.key.
KEYED = (Outlet, OutletAlias, Country, CountryAlias, Person, PersonAlias)


class Command(BaseCommand):
    help = (
        "After a change to how text is normalized: make the matching keys of names again, and rebuild the "
        "search index of every article and statement."
    )

    def handle(self, *args, **options) -> None:
        keys = refresh_keys()
        count = indexing.refresh_all()
        self.stdout.write(f"Remade {keys} matching key(s); reindexed {count} article(s) and their statements.")


def refresh_keys() -> int:
    """Each row's key as archive.text.key now makes it; return how many changed."""
    changed = 0
    with transaction.atomic():
        for model in KEYED:
            stale = [row for row in model.objects.only("pk", "name", "key") if row.key != text.key(row.name)]
            for row in stale:
                row.key = text.key(row.name)
            model.objects.bulk_update(stale, ["key"], batch_size=1000)
            changed += len(stale)
    return changed
