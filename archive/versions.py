"""The archive's versions: numbers that statement triggers advance in the
same transaction as any change, the articles' on the article table
(migration 0009), the people's on the people and their aliases
(migration 0032) and the statements' on the statements (migration 0033),
all from one sequence that never goes back. The columnar copy of the
search engine (archive.search.engine), the surface-word cache of the query
parser and its name words (archive.search.queries) and the statements
page's counts (archive.search.statements) are kept while their number
stands; their own module, so that none imports another for it.

The numbers come in one statement, once per public read request
(archive.routers.per_request): a search needs both, and asking each on
its own, the people's as the newest history rows, the highest ids and a
count of the people, was a second round trip a search."""

from __future__ import annotations

from typing import NamedTuple

from django.db import connections, router

from archive import routers
from archive.models import Article

VERSION_TABLE = "archive_article_version"
# What the statement triggers number the versions from (migrations 0009, 0032).
VERSION_SEQUENCE = "archive_article_version_seq"


class Versions(NamedTuple):
    articles: int
    people: int
    statements: int


def current(alias: str | None = None) -> Versions:
    """The numbers the articles', the people's and the statements' last changes gave them."""
    alias = alias or router.db_for_read(Article)

    def read() -> Versions:
        with connections[alias].cursor() as cursor:
            cursor.execute(f"SELECT number, people_number, statements_number FROM {VERSION_TABLE}")
            return Versions(*cursor.fetchone())

    return routers.per_request(("versions", alias), read)


def version(alias: str | None = None) -> int:
    """The number the articles' last change gave them."""
    return current(alias).articles
