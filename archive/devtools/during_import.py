"""Search pages while an import publishes (issue 24, point 7: p95 at most
200 ms during a continuous import with --publish at 100,000 articles).

Another process runs `import_articles --publish` on copies of the sample and
unseen pages, committing file by file as editors' imports do; this one
times the search mix from nothing (each search's remembered matches
forgotten) until that import ends. Every file the import saves changes the
articles' version, so nearly every search meets a copy to bring up to date
(archive.search.engine): this is what it costs.

The import commits, so its articles are real: they are deleted afterwards,
by their file names. The people and meetings they proposed stay, with no
published article, so no public page shows them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

from archive.devtools import loadtest
from archive.models import Article

PREFIX = "bench-during-import-"


def source_files() -> list[Path]:
    """The real pages the benchmark imports: the samples and the unseen set."""
    base = Path(settings.BASE_DIR)
    return sorted((base / "fixtures" / "seeds").glob("*.txt")) + sorted((base / "tests" / "data" / "unseen").glob("*.txt"))


def write_files(folder: Path, count: int, prefix: str = "", marker: str = "") -> None:
    """count files in folder, copies of the source pages each made new by a
    line of its own (an import skips a file it already holds)."""
    sources = source_files()
    for number in range(count):
        text = sources[number % len(sources)].read_bytes().decode("utf-8-sig") + f"\n\nنسخة القياس {marker}{number}\n"
        Path(folder, f"{prefix}{number:05d}.txt").write_text(text, encoding="utf-8")


def measure(count: int, search: Callable[[], float]) -> tuple[list[float], float, int]:
    """Run search (which times one search page, in ms) over and over while
    an import publishes count files; its times, the import's seconds and
    how many articles it made (deleted again)."""
    stamp = f"{time.time_ns()}-"
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryFile() as output:
        write_files(Path(folder), count, prefix=PREFIX + stamp, marker=stamp)
        command = [sys.executable, "-c", "from archive.cli import main; main()", "import_articles", "--publish", folder]
        started = time.perf_counter()
        # The same database as this process's, whether named by DATABASE_URL,
        # the embedded server or a test run.
        environment = {**os.environ, "DATABASE_URL": loadtest.database_url(connection.settings_dict)}
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   cwd=settings.BASE_DIR, env=environment)
        try:
            samples.append(search())
            while process.poll() is None:
                samples.append(search())
        finally:
            process.wait()
            seconds = time.perf_counter() - started
            made = _delete(stamp)
        if process.returncode != 0:
            output.seek(0)
            raise RuntimeError(f"the import failed ({process.returncode}): {output.read()[-2000:].decode('utf-8', 'replace')}")
    return samples, seconds, made


def _delete(stamp: str) -> int:
    made = Article.objects.filter(source_name__startswith=PREFIX + stamp)
    count = made.count()
    for article in made.iterator():
        article.delete()
    return count
