"""What a wheel of the archive carries beyond its Python code.

The repository keeps templates/, static/ and fixtures/ at its top, beside
the archive package (the project's fixed layout), and a checkout runs from
there. A wheel has no top: `pip install .` would leave them behind, and the
installed archive would have no pages, no styles and no sample articles.
So the build copies the three into the package, as archive/bundled/, and
settings (SITE_DIR) read them from there when they are present.

Kept as a setuptools build step named in pyproject.toml rather than moving
the folders into the package: editors and designers find them at the top,
and a checkout (editable install, `manage.py`) reads them in place.
Imported by the build backend, so it imports nothing from Django or the
archive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.command.build_py import build_py

BUNDLED = ("templates", "static", "fixtures")
BUNDLE_DIR = "bundled"


class BuildWithSiteFiles(build_py):
    """setuptools' build_py, then the top-level site folders into the package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads them from the checkout
        root = Path(self.distribution.src_root or ".").resolve()
        for name in BUNDLED:
            source = root / name
            if not source.is_dir():
                raise FileNotFoundError(f"{source}: the wheel needs this folder, and it is missing")
            target = Path(self.build_lib) / "archive" / BUNDLE_DIR / name
            shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
