"""What a file says before the archive is consulted: its text, the hash
that finds a copy of it, and what cleaning and extraction read from it.

Pure Python, no Django: this is the part of an import that needs nothing
but the file and the batch's spellings of countries, so a batch of many
files reads them ahead in a second process (archive.importing.pipeline)
while the first saves what it read.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from archive.importing import cleaning, countries, extraction, people, reading


@dataclass(frozen=True)
class Understood:
    """A file's text and what was read from it. A file that is not text has
    only a `rejection`; `cleaned` and `facts` are None until read (read_facts),
    and `facts` stays None when cleaning leaves nothing."""

    text: str = ""
    notes: tuple[str, ...] = ()
    digest: str = ""
    rejection: str = ""
    cleaned: cleaning.Cleaned | None = None
    facts: extraction.Extraction | None = None


def understand(
    data: bytes, matcher: countries.CountryMatcher | None = None, *, facts: bool = True,
    known: people.KnownNames | None = None,
) -> Understood:
    """Decode a file and hash its text; with `facts`, clean it and read its
    facts too (else read_facts does, when a copy of it is not already in the
    archive)."""
    try:
        decoded = reading.decode(data)
    except reading.UnreadableFile as exc:
        return Understood(rejection=str(exc))
    found = Understood(decoded.text, tuple(decoded.notes), cleaning.content_hash(decoded.text))
    return read_facts(found, matcher, known=known) if facts else found


def read_facts(
    found: Understood, matcher: countries.CountryMatcher | None = None, *, given: Given | None = None,
    known: people.KnownNames | None = None,
) -> Understood:
    """Clean the text and read its facts, unless that was done; what the
    editor gave (a publication date, the page's address) overrides what the
    page says."""
    if found.cleaned is not None or found.rejection:
        return found
    cleaned = cleaning.clean(found.text, given.source_url if given else "")
    if given is not None and given.published_on is not None:
        cleaned = dataclasses.replace(
            cleaned, published_on=given.published_on, updated_only=False, date_from="editor",
            flags=tuple(f for f in cleaned.flags if f != cleaning.NOTE_NO_DATE),
        )
    # A "last updated" stamp may be years after the news: relative dates
    # ("اليوم الثلاثاء") are not read against it.
    reference = None if cleaned.updated_only else cleaned.published_on
    facts = (
        extraction.extract(
            cleaned.body, reference, matcher, title=cleaned.title, known=known, dateline=cleaned.dateline_city,
        ) if cleaned.title else None
    )
    return Understood(found.text, found.notes, found.digest, "", cleaned, facts)


@dataclass(frozen=True)
class Given:
    """What the editor says of a file beside its text."""

    published_on: datetime.date | None = None
    source_url: str = ""


class HelperStopped(Exception):
    """The second process ended before it answered."""


class Helper:
    """A second Python process that understands files while this one saves
    them. Requests go down its standard input and answers come back on its
    standard output, in order, as pickles (between two processes of the same
    program; no one else writes to the pipes). It is started with
    `python -m`, not with multiprocessing, whose way of starting a process
    without forking it runs the calling script again in the child.

    Each call of `understand` gives a Future; `ready` is the Future of its
    start (the gazetteer loaded, the patterns compiled). A thread collects
    the answers as they come, so the second process never waits to write
    one while this one waits to write a request."""

    def __init__(
        self, aliases: Iterable[tuple[str, str]], known_spellings: Iterable[str] = (), transliterated: Iterable[str] = (),
        known_offices: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> None:
        root = str(Path(__file__).resolve().parents[2])
        # No empty entry: it would put the current directory on the path.
        paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment
        )
        self._waiting: collections.deque[Future] = collections.deque()
        self._lock = threading.Lock()
        self._stopped = False
        self.ready = self._send(
            ("start", (tuple(aliases), tuple(known_spellings), tuple(transliterated), dict(known_offices or {})))
        )
        self._collector = threading.Thread(target=self._collect, name="understanding-answers", daemon=True)
        self._collector.start()

    def understand(self, data: bytes) -> Future:
        return self._send(("understand", data))

    def close(self) -> None:
        """Let the second process end, and wait for it (briefly)."""
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._collector.join(timeout=10)
        self.process.stdout.close()

    def _send(self, request: tuple) -> Future:
        future: Future = Future()
        with self._lock:
            if self._stopped:
                future.set_exception(HelperStopped())
                return future
            self._waiting.append(future)
        try:
            self.process.stdin.write(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            self.process.stdin.flush()
        except OSError:
            self._stop()
        return future

    def _collect(self) -> None:
        try:
            while True:
                ok, value = pickle.load(self.process.stdout)
                with self._lock:
                    future = self._waiting.popleft()
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
        except Exception:  # the end of the pipe, or an answer that makes no sense
            self._stop()

    def _stop(self) -> None:
        with self._lock:
            self._stopped = True
            waiting, self._waiting = list(self._waiting), collections.deque()
        for future in waiting:
            if not future.done():
                future.set_exception(HelperStopped())


def _serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """The second process: answer each request until there are no more."""
    matcher = known = None
    while True:
        try:
            kind, value = pickle.load(requests)
        except EOFError:
            return
        try:
            if kind == "start":
                aliases, spellings, transliterated, offices = value
                matcher, known = extraction.matcher_with(aliases), people.KnownNames(spellings, transliterated, offices)
                # What the first file would load: the gazetteer, the patterns.
                understand("اجتماع التحالف في روما\n\nترأس وزير الخارجية الأمريكي في روما اجتماعا للتحالف.".encode(), matcher)
                answer = (True, True)
            else:
                answer = (True, understand(value, matcher, known=known))
        except Exception as exc:  # sent back, to be raised where the file is saved
            answer = (False, exc)
        try:
            pickled = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an exception that cannot be pickled
            pickled = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        answers.write(pickled)
        answers.flush()


def _main() -> None:
    # Answers go down a copy of standard output; anything printed goes to
    # standard error, where it cannot break a pickle.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    # Run as the module's own name, so that what it pickles (Understood)
    # is found under that name by the process that reads it.
    from archive.importing import understanding

    understanding._main()
