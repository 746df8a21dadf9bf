"""Small builders for test data: real rows in the real database."""

from __future__ import annotations

import datetime
import hashlib
import itertools

from archive.models import Article

_counter = itertools.count(1)


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
