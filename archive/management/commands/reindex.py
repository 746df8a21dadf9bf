from django.core.management.base import BaseCommand
from django.db import transaction

from archive import text
from archive.importing import passages
from archive.models import Article, Country, CountryAlias, Outlet, OutletAlias, Person, PersonAlias
from archive.search import indexing

# Every table whose rows carry a matching key made by archive.text.key.
KEYED = (Outlet, OutletAlias, Country, CountryAlias, Person, PersonAlias)


class Command(BaseCommand):
    help = (
        "After a change to how text is normalized: make the matching keys of names and the articles' passage "
        "fingerprints again, and rebuild the search index of every article and statement."
    )

    def handle(self, *args, **options) -> None:
        keys = refresh_keys()
        prints = refresh_passages()
        count = indexing.refresh_all()
        self.stdout.write(
            f"Remade {keys} matching key(s) and {prints} article(s)' passage fingerprints; "
            f"reindexed {count} article(s) and their statements."
        )


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


def refresh_passages(chunk: int = 2000) -> int:
    """Each article's fingerprints as archive.importing.passages now makes
    them; return how many changed. In chunks, each its own transaction, so
    a run over a large archive never holds all its rows at once."""
    changed = 0
    articles = Article.objects.only("pk", "title", "body", "passages").order_by("pk")
    last = 0
    while batch := list(articles.filter(pk__gt=last)[:chunk]):
        last = batch[-1].pk
        stale = []
        for article in batch:
            made = passages.of_article(article.title, article.body)
            if article.passages != made:
                article.passages = made
                stale.append(article)
        with transaction.atomic():
            Article.objects.bulk_update(stale, ["passages"], batch_size=1000)
        changed += len(stale)
    return changed
