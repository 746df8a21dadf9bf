"""Importing a batch of files: each file is read, cleaned and saved on its own.

One bad file never stops the batch, and each file is saved atomically: its
article and everything extracted from it, or nothing.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from archive import text
from archive.search import indexing
from archive.editorial import curation
from archive.importing import cleaning, confidence, outlets, reading, saving, understanding
from archive.models import Article, ImportBatch, ImportRecord, Outlet, OutletAlias

Outcome = ImportRecord.Outcome
logger = logging.getLogger(__name__)

# A zip can hold many files, but not unboundedly many.
MAX_ZIP_FILES = 2000
# The columns the names are stored in.
_FILE_NAME_MAX = ImportRecord._meta.get_field("file_name").max_length
_SOURCE_NAME_MAX = Article._meta.get_field("source_name").max_length


@dataclass(frozen=True)
class FileResult:
    file: str
    outcome: str
    message: str = ""
    article_id: int | None = None
    title: str = ""
    # What was read from a new article, as `import_articles --json` prints it.
    facts: dict | None = None

    def as_json(self) -> dict:
        return {"file": self.file, "status": self.outcome, "message": self.message or None, "article_id": self.article_id, **(self.facts or {})}


@dataclass
class BatchResult:
    batch_id: int | None  # None after a dry run: nothing was kept
    files: list[FileResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.files if result.outcome == outcome)

    @property
    def created(self) -> int:
        return self.count(Outcome.CREATED)

    @property
    def duplicates(self) -> int:
        return self.count(Outcome.DUPLICATE)

    @property
    def rejected(self) -> int:
        return self.count(Outcome.REJECTED)


@dataclass(frozen=True)
class Source:
    """A file to import: its name as the editor knows it, how to read it,
    and its size when known before reading (an oversized file is refused
    unread). `read` raises OSError or reading.UnreadableFile when it cannot."""

    name: str
    read: Callable[[], bytes]
    size: int | None = None
    # What the editor says of the file: its publication date, its address.
    given: understanding.Given | None = None


def sources_from_paths(paths: Iterable[str | Path]) -> Iterator[Source | FileResult]:
    """Expand files and folders (their .txt files, recursively, in name
    order), and .zip files (their .txt members). A path that cannot be read
    becomes a rejected FileResult."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
            if not files:
                yield FileResult(str(path), Outcome.REJECTED, "المجلد لا يحتوي على ملفات ‎.txt")
            for file in files:
                yield _file_source(file)
        elif path.is_file() and path.suffix.lower() == ".zip":
            yield from sources_from_zip(str(path), path)
        elif path.is_file():
            yield _file_source(path)
        else:
            yield FileResult(str(path), Outcome.REJECTED, "لا يوجد ملف أو مجلد بهذا الاسم")


def _file_source(path: Path) -> Source:
    def read() -> bytes:
        with path.open("rb") as file:
            # Never more than the reader accepts, whatever the size said.
            return file.read(reading.MAX_BYTES + 1)

    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return Source(str(path), read, size)


def sources_from_zip(name: str, file: str | Path | IO[bytes]) -> list[Source | FileResult]:
    """The .txt members of a zip as sources, each named `name/member`.

    Nothing is ever extracted to disk. A member whose path climbs out of
    the archive ("../x.txt", "/etc/x.txt") is refused unread: its name says
    it was made to write where it should not.
    """
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError):
        return [FileResult(name, Outcome.REJECTED, "ملف zip تالف لا يمكن فتحه")]
    members = [m for m in archive.infolist() if not m.is_dir() and m.filename.lower().endswith(".txt")]
    if not members:
        return [FileResult(name, Outcome.REJECTED, "ملف zip لا يضم ملفات ‎.txt")]
    sources: list[Source | FileResult] = []
    for member in members[:MAX_ZIP_FILES]:
        if _escapes(member.filename):
            sources.append(
                FileResult(
                    f"{name}/{member.filename}",
                    Outcome.REJECTED,
                    f"مسار غير آمن داخل ملف zip («{member.filename}» يخرج عن مجلد الأرشيف)؛ رُفض ولم يُقرأ",
                )
            )
            continue
        label = f"{name}/{PurePosixPath(member.filename).name}"
        # The size the zip declares is checked before decompressing, so a
        # zip bomb never expands; zipfile stops at that size when reading.
        sources.append(Source(label, lambda member=member: _read_member(archive, member), member.file_size))
    if len(members) > MAX_ZIP_FILES:
        sources.append(FileResult(name, Outcome.REJECTED, f"يضم أكثر من {MAX_ZIP_FILES} ملف؛ قُرئ أولها فقط"))
    return sources


def _escapes(member_name: str) -> bool:
    path = PurePosixPath(member_name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (bool(path.parts) and path.parts[0].endswith(":"))


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(member)
    except RuntimeError as exc:  # zipfile's word for an encrypted member
        raise reading.UnreadableFile("الملف داخل ملف zip محمي بكلمة مرور") from exc
    except NotImplementedError as exc:
        raise reading.UnreadableFile("الملف داخل ملف zip مضغوط بطريقة غير مدعومة") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise reading.UnreadableFile("الملف داخل ملف zip تالف (لا يطابق ما سُجّل له عند الضغط)") from exc


def import_sources(
    sources: Iterable[Source | FileResult],
    *,
    batch_source: str = ImportBatch.Source.COMMAND,
    user=None,
    publish: bool = False,
    dry_run: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
) -> BatchResult:
    """Import every source; with dry_run, do all the work (so the results
    are what a real import would give) and then keep none of it."""
    if not dry_run:
        return _import_all(sources, batch_source, user, publish, on_result)

    def unsaved(result: FileResult) -> None:
        # Ids of rows about to be rolled back would point at nothing.
        proposed = ((result.facts or {}).get("meeting") or {}).get("proposed_meeting")
        if proposed and proposed["reason"] == saving.NOTE_NEW_MEETING:
            proposed["id"] = None
        result = dataclasses.replace(result, article_id=None) if result.outcome == Outcome.CREATED else result
        if on_result is not None:
            on_result(result)

    try:
        with transaction.atomic():
            result = _import_all(sources, batch_source, user, publish, unsaved)
            raise _DryRun(result)
    except _DryRun as done:
        done.result.batch_id = None
        return done.result


class _DryRun(Exception):
    def __init__(self, result: BatchResult) -> None:
        self.result = result


def _import_all(sources, batch_source, user, publish, on_result) -> BatchResult:
    batch = ImportBatch.objects.create(source=batch_source, created_by=user)
    result = BatchResult(batch_id=batch.pk)
    context = saving.Context.load()
    with _Reader(list(sources), context) as reader:
        for source, understood in reader:
            if isinstance(source, FileResult):
                file_result = _reject(batch, source.file, source.message)
            else:
                file_result = _import_one(source, understood, batch, publish, context)
            result.files.append(file_result)
            if on_result is not None:
                on_result(file_result)
    batch.finished_at = timezone.now()
    batch.save(update_fields=["finished_at"])
    return result


# A batch of this many files or more is read ahead by a second process
# (understanding.Helper: decoding, cleaning and extraction, a fifth of an
# import's time) while this one saves, on a machine of several cores. The
# second process takes some 0.3 s to start: a small batch is read here, and
# a large one is read here too until the second process is ready.
READ_AHEAD_MIN_FILES = 20
# How many files the second process may be ahead of the saving.
_READ_AHEAD = 4


class _Reader:
    """The batch's sources in order, each with a callable that gives what
    it says (understanding.Understood) or raises what reading it raised;
    None for a source already rejected."""

    def __init__(self, sources: list[Source | FileResult], context: saving.Context) -> None:
        self.sources = sources
        self.context = context
        self.ahead: dict[int, tuple[Future | None, bytes | understanding.Understood]] = {}
        self.helper: understanding.Helper | None = None
        if len(sources) >= READ_AHEAD_MIN_FILES and _cores() > 1:
            try:
                self.helper = understanding.Helper(
                    context.aliases, context.known_spellings, context.transliterated, context.known_offices
                )
            except OSError:
                logger.warning("the process to read files ahead did not start; the batch is read in one process", exc_info=True)

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop()

    def __iter__(self) -> Iterator[tuple[Source | FileResult, Callable[[], understanding.Understood] | None]]:
        for index, source in enumerate(self.sources):
            if isinstance(source, FileResult):
                yield source, None
                continue
            self._read_ahead(index)
            future, data = self.ahead.pop(index, None) or (None, _read(source))
            if future is None:
                yield source, functools.partial(self._here, data)
            else:
                yield source, functools.partial(self._there, future, data)

    def _read_ahead(self, index: int) -> None:
        if self.helper is None or not self.helper.ready.done():
            return
        if self.helper.ready.exception() is not None:
            logger.warning("the process to read files ahead failed; the batch is read in one process", exc_info=self.helper.ready.exception())
            self._stop()
            return
        for later in range(index + 1, min(index + 1 + _READ_AHEAD, len(self.sources))):
            source = self.sources[later]
            if later not in self.ahead and not isinstance(source, FileResult):
                data = _read(source)
                self.ahead[later] = (self.helper.understand(data) if isinstance(data, bytes) else None, data)

    def _here(self, data: bytes | understanding.Understood) -> understanding.Understood:
        if isinstance(data, understanding.Understood):
            return data
        # The facts wait until the file is known not to be a copy.
        return understanding.understand(data, self.context.matcher, facts=False, known=self.context.known)

    def _there(self, future: Future, data: bytes) -> understanding.Understood:
        try:
            return future.result()
        except understanding.HelperStopped:
            if self.helper is not None:
                logger.warning("the process reading files ahead stopped; the rest of the batch is read in this one")
                self._stop()
            return self._here(data)

    def _stop(self) -> None:
        if self.helper is not None:
            self.helper.close()
            self.helper = None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _read(source: Source) -> bytes | understanding.Understood:
    """The file's bytes, or why they cannot be read."""
    if source.size is not None and source.size > reading.MAX_BYTES:
        return understanding.Understood(rejection=reading.too_large(source.size))
    try:
        return source.read()
    except OSError as exc:
        return understanding.Understood(rejection=f"تعذرت قراءة الملف: {exc.strerror or exc}")
    except reading.UnreadableFile as exc:
        return understanding.Understood(rejection=str(exc))


def import_paths(paths: Iterable[str | Path], **options) -> BatchResult:
    return import_sources(sources_from_paths(paths), **options)


def _reject(batch: ImportBatch, name: str, message: str) -> FileResult:
    ImportRecord.objects.create(batch=batch, file_name=name[:_FILE_NAME_MAX], outcome=Outcome.REJECTED, message=message)
    return FileResult(name, Outcome.REJECTED, message)


def _import_one(
    source: Source, understood: Callable[[], understanding.Understood], batch: ImportBatch, publish: bool, context: saving.Context
) -> FileResult:
    try:
        return _import_file(source.name, understood(), batch, publish, context, source.given)
    except Exception as exc:
        # A file no rule foresaw must not stop the batch; its transaction
        # was rolled back, so nothing of it is kept. The traceback goes to
        # the server's log for whoever maintains the importer.
        logger.exception("importing %s failed", source.name)
        context.forget()
        return _reject(
            batch, source.name, f"تعذر استيراد الملف بسبب خطأ داخلي ({type(exc).__name__})؛ سُجّل الخطأ للمسؤول ولم يُحفظ شيء منه"
        )


def _import_file(
    name: str, understood: understanding.Understood, batch: ImportBatch, publish: bool, context: saving.Context,
    given: understanding.Given | None = None,
) -> FileResult:
    if understood.rejection:
        return _reject(batch, name, understood.rejection)
    digest = understood.digest
    existing = next(iter(Article.objects.filter(content_hash=digest).order_by().values_list("pk", "title")[:1]), None)
    if existing is not None:
        return _duplicate(batch, name, *existing)

    if given is not None:
        # Read again with what the editor gave (read ahead, it was not known).
        understood = dataclasses.replace(understood, cleaned=None, facts=None)
    understood = understanding.read_facts(understood, context.matcher, given=given, known=context.known)
    cleaned, facts = understood.cleaned, understood.facts
    if facts is None:
        return _reject(batch, name, "لم يبق في الملف نص بعد إزالة عناصر الموقع")
    try:
        # The article's index is built once, when all its facts are saved.
        with transaction.atomic(), indexing.deferred():
            article, outlet, saved = _save_article(name, understood, digest, batch, publish, context)
    except IntegrityError:
        # Another import saved the same text between our check and our
        # insert; the unique content hash kept the archive whole. What this
        # file taught the batch's directory of people was rolled back too.
        context.forget()
        existing = next(iter(Article.objects.filter(content_hash=digest).order_by().values_list("pk", "title")[:1]), None)
        if existing is None:
            raise
        return _duplicate(batch, name, *existing)
    described = {
        "title": article.title,
        "outlet": outlet.name if outlet else None,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "source_url": article.source_url or None,
        "body": article.body,
        "meeting": saved.meeting,
        "persons": saved.persons,
        "countries": saved.countries,
        "resolutions": saved.resolutions,
        "statements": saved.statements,
        "flags": article.flags,
        "published": article.status == Article.Status.PUBLISHED,
        "confidence": article.confidence,
    }
    return FileResult(name, Outcome.CREATED, "", article.pk, article.title, described)


def _save_article(
    name: str, understood: understanding.Understood, digest: str, batch: ImportBatch, publish: bool,
    context: saving.Context,
) -> tuple[Article, Outlet | None, saving.Saved]:
    """Write a new article and its facts (in the caller's transaction): with
    `publish`, published when every fact is confident, its meeting confirmed
    when that is."""
    facts = understood.facts
    cleaned, outlet = _page_outlet(understood.cleaned, context)
    article = Article(
        title=cleaned.title,
        body=cleaned.body,
        raw_text=understood.text,
        source_name=Path(name).name[:_SOURCE_NAME_MAX],
        source_url=cleaned.source_url,
        byline=cleaned.byline[:200],
        content_hash=digest,
        published_on=cleaned.published_on,
        outlet=outlet,
        status=Article.Status.PUBLISHED if publish else Article.Status.PENDING,
    )
    # The import is one change, recorded once, as it leaves the
    # article: not also as the saves that add its meeting proposal
    # and its flags (each copy of the history held the whole text).
    article.skip_history_when_saving = True
    article.save(force_insert=True)
    saved = saving.save_facts(article, facts, context, dated_by_stamp=not cleaned.updated_only)
    held = _score(article, cleaned, saved)
    waiting = []
    if publish and held:
        # The first flag the editor reads: why the article waits.
        article.status = Article.Status.PENDING
        waiting = [confidence.NOTE_HELD.format(facts="، ".join(confidence.ARTICLE_FACTS.get(f, f) for f in held))]
    article.flags = list(dict.fromkeys([*waiting, *understood.notes, *cleaned.flags, *saved.notes]))
    article.save(update_fields=["flags", "proposed_meeting", "meeting_proposal", "confidence", "min_confidence", "status"])
    del article.skip_history_when_saving
    Article.history.bulk_history_create([article])
    if publish and article.confidence.get("meeting", 0) >= confidence.PUBLISH_MIN:
        # The editor chose to trust this import: a confident proposal
        # stands, with the people the import was sure of.
        curation.confirm_meeting(article, sure_people_only=True)
        context.meetings_read.pop(article.meeting_id, None)  # new participants: read again
    ImportRecord.objects.create(
        batch=batch, file_name=name[:_FILE_NAME_MAX], outcome=Outcome.CREATED, article=article
    )
    return article, outlet, saved


def _page_outlet(cleaned, context: saving.Context):
    """The page's outlet, and the page as cleaned with what the archive
    knows of it: a site an editor named needs no flag asking for a name."""
    site = "" if cleaned.outlet_key else outlets.gazetteer().site(cleaned.source_url)
    found = (cleaned.outlet, cleaned.outlet_key, site)
    if found not in context.outlets:
        context.outlets[found] = _outlet(*found)
    outlet, named_site = context.outlets[found]
    if named_site:
        cleaned = dataclasses.replace(
            cleaned, outlet_from="learned",
            flags=tuple(flag for flag in cleaned.flags if flag not in cleaning.outlet_notes(cleaned)),
        )
    return cleaned, outlet


def _score(article: Article, cleaned, saved: saving.Saved) -> list[str]:
    """Set the article's confidence in each fact; return those below the
    line `--publish` publishes at (archive.importing.confidence)."""
    article.confidence = {
        "title": confidence.score("title", cleaned.title_from),
        "date": confidence.score("date", cleaned.date_from),
        "outlet": confidence.score("outlet", cleaned.outlet_from),
        **saved.confidence,
    }
    article.min_confidence = min(article.confidence.values())
    return confidence.held_back(article.confidence)


def _outlet(name: str, gazetteer_key: str = "", site: str = "") -> tuple[Outlet | None, bool]:
    """The outlet known under this spelling (or, for an outlet the gazetteer
    knows, under any of its names), or a new one; a gazetteer outlet comes
    with its English name and website. A page from a site the gazetteer
    lacks goes to the outlet the archive holds for that site, if any: the
    second value says whether an editor has named or checked that outlet
    (it was changed since the import made it)."""
    if site and (held := _outlet_of_site(site)) is not None:
        return held, held.history.filter(history_type="~").exists()
    if not name:
        return None, False
    known = outlets.gazetteer().by_key(gazetteer_key) if gazetteer_key else None
    keys = list(dict.fromkeys(text.key(n) for n in (name, *(known.names if known else ())) if text.key(n)))
    if not keys:  # a name of no letters: no outlet of that name
        return (_outlet(site, "", "") if site else (None, False))
    # A spelling an editor merged away is an alias of the outlet it went to.
    alias = OutletAlias.objects.filter(key__in=keys).select_related("outlet").first()
    if alias is not None:
        return alias.outlet, False
    found = Outlet.objects.filter(key__in=keys).order_by("pk").first()
    if found is not None and known is not None and not (found.name_en and found.website):
        found.name_en, found.website = found.name_en or known.name_en, found.website or known.website
        found.save(update_fields=["name_en", "website"])
    if found is not None:
        return found, False
    website = known.website if known else f"https://{site}/" if site else ""
    defaults = {"name": name, "name_en": known.name_en if known else "", "website": website}
    # get_or_create retries the lookup if a concurrent import won the insert.
    outlet, made = Outlet.objects.get_or_create(key=keys[0], defaults=defaults)
    if made and known is not None:
        _add_outlet_names(outlet, known.names)
    return outlet, False


def _outlet_of_site(site: str) -> Outlet | None:
    """The outlet whose website is this site (its host, with or without
    "www." and a path): the first made, should two share it."""
    pattern = r"^https?://(www\.)?" + re.escape(site) + r"(/|$)"
    return Outlet.objects.filter(website__iregex=pattern).order_by("pk").first()


def _add_outlet_names(outlet: Outlet, names: tuple[str, ...]) -> None:
    """An outlet's other names, so that a page showing any of them finds it
    and a search by any of them does too: written in one statement."""
    wanted = {text.key(name): name for name in names if text.key(name) not in (outlet.key, "")}
    taken = set(OutletAlias.objects.filter(key__in=list(wanted)).values_list("key", flat=True))
    aliases = [OutletAlias(outlet=outlet, name=name, key=key) for key, name in wanted.items() if key not in taken]
    try:
        with transaction.atomic():
            bulk_create_with_history(aliases, OutletAlias)
    except IntegrityError:
        pass  # a concurrent import recorded one of these names first: the outlet stands without them


def _duplicate(batch: ImportBatch, name: str, article_id: int, title: str) -> FileResult:
    message = f"نسخة من المقال رقم {article_id} الموجود في الأرشيف"
    ImportRecord.objects.create(
        batch=batch, file_name=name[:_FILE_NAME_MAX], outcome=Outcome.DUPLICATE, message=message, article_id=article_id
    )
    return FileResult(name, Outcome.DUPLICATE, message, article_id, title)
