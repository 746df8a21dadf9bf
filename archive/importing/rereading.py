"""Reading stored articles' statements again, after the reader has improved.

The statements of an article are read once, when it is imported. When the
reader learns to read more (archive.importing.statements), the articles
already in the archive keep what it read then; this module reads them again.

Choices:
- An article is read again only when no editor has touched its statements:
  none added, changed or removed (their history names no editor). An
  editor's correction is never overwritten, and a statement an editor
  removed never comes back.
- Only articles not yet published, unless asked: a published article's
  statements were in front of the editor who published it, and statements
  read now would be public before anyone has reviewed them.
- One article, one transaction: its statements are replaced and their
  copies of the article's state (archive.search.indexing
  .refresh_statement_facts) rebuilt in the same save; an article that
  fails is reported by its number and the rest go on.
- Speakers are linked through the article's mentions (name as written →
  person), so an editor's correction of a mention carries over.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef

from archive.importing import extraction, saving
from archive.models import Article, Statement
from archive.search import indexing


@dataclass
class Report:
    read: int = 0  # articles whose statements were read again
    statements_before: int = 0
    statements_after: int = 0
    kept: int = 0  # articles left as they are: an editor has touched their statements
    failed: list[tuple[int, str]] = field(default_factory=list)  # (article id, reason)


def candidates(include_published: bool = False, ids: Iterable[int] = ()) -> tuple[Iterator[Article], int]:
    """The articles whose statements may be read again, in order, and how
    many were left out because an editor has touched their statements."""
    articles = Article.objects.order_by("pk")
    if ids:
        articles = articles.filter(pk__in=list(ids))
    if not include_published:
        articles = articles.exclude(status=Article.Status.PUBLISHED)
    edited = Statement.history.filter(article_id=OuterRef("pk"), history_user__isnull=False)
    kept = articles.filter(Exists(edited)).count()
    return articles.exclude(Exists(edited)).iterator(chunk_size=200), kept


def reread(articles: Iterable[Article], context: saving.Context, report: Report, dry_run: bool = False) -> Report:
    """Read each article's statements again (see the module's choices)."""
    for article in articles:
        try:
            with transaction.atomic():
                before = article.statements.count()
                facts = extraction.extract(
                    article.body, article.published_on, context.matcher, title=article.title, known=context.known
                )
                after = saving.replace_statements(article, facts, context)
                indexing.refresh_statement_facts([article.pk])
                if dry_run:
                    transaction.set_rollback(True)
        except Exception as error:  # reported by article, the rest go on
            report.failed.append((article.pk, f"{type(error).__name__}: {error}"))
            continue
        report.read += 1
        report.statements_before += before
        report.statements_after += after
    return report
