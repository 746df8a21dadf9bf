"""Small builders for test data: real rows in the real database."""

from __future__ import annotations

import datetime
import hashlib
import itertools

from archive.models import Article, Country, Meeting, Person

_counter = itertools.count(1)


def without_calendar() -> None:
    """An archive with none of the reference data migrate loads (the
    coalition's calendar, its chairs and their countries), for tests that
    build a small world of their own and count what is in it. The
    calendar's own behaviour is tested in tests/reference/."""
    Meeting.objects.all().delete()
    Person.objects.all().delete()
    Country.objects.all().delete()


def article(title: str = "", body: str = "", *, status: str = Article.Status.PUBLISHED,
            published_on: datetime.date | None = None, **fields) -> Article:
    n = next(_counter)
    title = title or f"مقال تجريبي رقم {n}"
    return Article.objects.create(
        title=title,
        body=body,
        raw_text=f"{title}\n{body}",
        source_name=fields.pop("source_name", f"test-{n}.txt"),
        content_hash=hashlib.sha256(f"{n}:{title}:{body}".encode()).hexdigest(),
        status=status,
        published_on=published_on,
        **fields,
    )


def searched(raw: str, sort: str = "relevance", **filters) -> list[Article]:
    """The published articles a search finds, in the page's order (the
    engine's, which the page and the exports share)."""
    from archive.search import engine, queries

    ids = engine.count(queries.prune(queries.parse(raw)), filters, sort).ids
    found = Article.objects.in_bulk([int(i) for i in ids])
    return [found[int(i)] for i in ids]
