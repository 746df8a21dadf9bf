"""Static files in every documented path, collected or not.

Production serves the files collectstatic writes into STATIC_ROOT: hashed
names from a manifest, compressed (whitenoise's storage). Before anyone has
run collectstatic (`manage.py migrate` then `runserver`, or the README's
"own PostgreSQL" path), that storage answered every page with a 500
("Missing staticfiles manifest entry"). Here a name the manifest lacks is
served as it is, from the project's static/ folder (whitenoise's finders,
settings.WHITENOISE_USE_FINDERS), and a system check says to collect them.

Kept as a subclass of whitenoise's own storage: the one setting that
differs (manifest_strict) is a documented class attribute of Django's.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks
from whitenoise.storage import CompressedManifestStaticFilesStorage

W_NOT_COLLECTED = "archive.W001"


class ArchiveStaticFilesStorage(CompressedManifestStaticFilesStorage):
    # A file the manifest does not list is not an error…
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        """… and keeps its own name when it is not in STATIC_ROOT either
        (nothing collected): the finders serve it from static/."""
        try:
            return super().stored_name(name)
        except ValueError:
            return name


@checks.register(checks.Tags.staticfiles)
def static_files_collected(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A warning, not an error: collectstatic itself runs this check."""
    backend = settings.STORAGES.get("staticfiles", {}).get("BACKEND", "")
    if not backend.endswith("ArchiveStaticFilesStorage"):
        return []
    if (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        return []
    return [checks.Warning(
        "Static files are not collected: pages are served with the project's files as they are, "
        "neither versioned nor compressed.",
        hint="Run: python manage.py collectstatic --noinput",
        id=W_NOT_COLLECTED,
    )]
