"""The articles' version: a number a statement trigger on the article table
advances in the same transaction as any change (migration 0009). The
columnar copy of the search engine (archive.search.engine) and the surface-word
cache of the query parser (archive.search) are both kept while it stands;
its own module, so that neither imports the other for it."""

from __future__ import annotations

from django.db import connections, router

from archive import routers
from archive.models import Article

VERSION_TABLE = "archive_article_version"
# What the statement trigger numbers the versions from (migration 0009).
VERSION_SEQUENCE = "archive_article_version_seq"


def version(alias: str | None = None) -> int:
    """The number the articles' last change gave them (migration 0009)."""
    alias = alias or router.db_for_read(Article)

    def read() -> int:
        with connections[alias].cursor() as cursor:
            cursor.execute(f"SELECT number FROM {VERSION_TABLE}")
            return cursor.fetchone()[0]

    return routers.per_request(("articles", alias), read)
