"""The sample archive a newcomer sees: the five seed articles, published,
and an editor account. Every step is idempotent: running it again changes
nothing."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from archive import sample_review
from archive.importing import cleaning, pipeline, reading
from archive.models import Article, ImportBatch

SEEDS_DIR = Path(settings.SITE_DIR) / "fixtures" / "seeds"
EDITOR_USERNAME = "editor"
EDITORS_GROUP = "editors"
# The editors curate everything in the archive app (its records, their
# history, merges and imports); users, groups and permissions stay with
# administrators.
EDITORS_APP = "archive"


@dataclass
class DemoReport:
    imported: int
    published: int
    editor_created: bool
    editor_password: str | None


def seed_files() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


def _seed_hashes() -> dict[Path, str]:
    return {path: cleaning.content_hash(reading.decode(path.read_bytes()).text) for path in seed_files()}


@transaction.atomic
def ensure_editors_group() -> Group:
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = Permission.objects.filter(content_type__app_label=EDITORS_APP)
    missing = wanted.exclude(pk__in=group.permissions.values("pk"))
    if missing.exists():
        group.permissions.add(*missing)
    return group


def ensure_editor() -> tuple[bool, str | None]:
    """Create the demo editor if missing; return (created, password)."""
    User = get_user_model()
    if User.objects.filter(username=EDITOR_USERNAME).exists():
        return False, None
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user = User.objects.create_user(EDITOR_USERNAME, password=password, is_staff=True)
        user.groups.add(ensure_editors_group())
    return True, password


def load() -> DemoReport:
    hashes = _seed_hashes()
    known = set(Article.objects.filter(content_hash__in=hashes.values()).values_list("content_hash", flat=True))
    missing = [path for path, digest in hashes.items() if digest not in known]
    imported = 0
    if missing:
        result = pipeline.import_paths(missing, batch_source=ImportBatch.Source.DEMO, publish=True)
        imported = result.created
    published = (
        Article.objects.filter(content_hash__in=hashes.values())
        .exclude(status=Article.Status.PUBLISHED)
        .update(status=Article.Status.PUBLISHED)
    )
    # The editor's review of the samples: merged name variants, the meetings'
    # real dates and chairs (fixtures/curation.json).
    sample_review.apply()
    ensure_editors_group()
    created, password = ensure_editor()
    return DemoReport(imported=imported, published=published, editor_created=created, editor_password=password)
