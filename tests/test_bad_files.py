"""Bad input files (issue 8): each gets a clear outcome in Arabic naming the
reason, the archive never keeps part of an article, the rest of the batch
imports, and two imports racing for one file, or one killed midway, leave
exactly one whole article per text.

The corpus is made by the tests, in a temporary folder, from the seeds and
a few short articles of their own.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from unittest import mock
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client, TestCase, TransactionTestCase
from django.urls import reverse
from django.utils.html import escape

from archive import demo
from archive.editorial import curation
from archive.importing import pipeline, reading, saving
from archive.models import (
    Article,
    CountryMention,
    ImportBatch,
    ImportRecord,
    Meeting,
    Outlet,
    Person,
    Resolution,
    SearchDocument,
)

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

CREATED, DUPLICATE, REJECTED = ImportRecord.Outcome.values

# Short articles of the tests' own, for the inputs that need a text no
# other file of the batch has. Each names a country, so each has facts.
ROME = (
    "وزراء التحالف يجتمعون في روما\n"
    "اجتمع وزراء خارجية التحالف الدولي ضد داعش في روما، وأكدوا دعمهم للعراق.\n"
    "وقال المجتمعون إن التنظيم ما زال يشكل خطراً على المنطقة."
)
PAGE = """<!DOCTYPE html>
<html lang="ar"><head><meta charset="utf-8"><title>موقع الأخبار</title>
<script>alert("head")</script><style>p { color: red }</style></head>
<body><h1>التحالف يبحث الوضع في سوريا</h1>
<p>بحث ممثلو التحالف الدولي ضد داعش الوضع في سوريا <b onclick="alert('b')">والعراق</b>.</p>
<script>document.write("<p>حقن</p>")</script>
<p>وكتب أحد القراء &lt;script&gt;alert("reader")&lt;/script&gt; تحت الخبر.</p>
</body></html>
"""
KUWAIT = (
    "مؤتمر التحالف في الكويت\n"
    "عقد التحالف الدولي ضد داعش مؤتمراً في الكويت بحضور ممثلين عن الأردن ولبنان."
)


def seed_text(number: int) -> str:
    return SEED_FILES[number].read_text(encoding="utf-8")


def fill(data: bytes, size: int) -> bytes:
    return (data * (size // len(data) + 1))[:size]


def make_editor():
    editor = get_user_model().objects.create_user("editor", password="x" * 20, is_staff=True)
    editor.groups.add(demo.ensure_editors_group())
    return editor


def png_image(size: int = 16) -> bytes:
    """A real PNG picture, as an editor might pick by mistake."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((x * 7 + y * 13) % 256 for x in range(size * 3)) for y in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def mixed_line_endings(text: str) -> bytes:
    endings = ["\r\n", "\n", "\r"]
    lines = text.split("\n")
    return ("".join(line + endings[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]).encode()


ZIP_NAME = "مقالات الأسبوع.zip"
# A member name an editor's zip tool could produce: a folder, quotes,
# spaces, and longer than a file name column.
LONG_MEMBER = "أخبار/مؤتمر «الكويت» " + "طويل " * 60 + ".txt"
DAMAGED = ("تالف " + seed_text(0)).encode()


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../x.txt", ROME.replace("روما", "باريس").encode())
        archive.writestr(LONG_MEMBER, KUWAIT.encode(), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("scan.txt", png_image())
        archive.writestr("damaged.txt", DAMAGED, compress_type=zipfile.ZIP_STORED)
    data = bytearray(buffer.getvalue())
    # One flipped byte in the stored member: its checksum no longer matches.
    data[data.find(DAMAGED) + 100] ^= 0xFF
    return bytes(data)


@lru_cache(maxsize=1)
def corpus() -> dict[str, tuple[bytes, str, tuple[str, ...]]]:
    """File name → (content, outcome, what the message must say)."""
    broken = bytearray(seed_text(2).encode())
    broken[len(broken) // 2] = 0xFF
    nul = (ROME[:20] + "\x00" + ROME[20:40] + "\x00\x00" + ROME[40:]).encode()
    long_line = seed_text(0).split("\n")
    long_line.insert(4, ("وأكد الوزراء دعمهم للعراق " * 50_000)[:1_000_000])
    return {
        "مقال صالح.txt": (seed_text(0).encode(), CREATED, ()),
        "empty.txt": (b"", REJECTED, ("فارغ",)),
        "مسافات فقط.txt": (b"  \n\t \r\n   ", REJECTED, ("فارغ", "مسافات")),
        "صورة الاجتماع.png": (png_image(), REJECTED, ("ثنائي",)),
        "broken-utf8.txt": (bytes(broken), REJECTED, ("UTF-8", "غير صالحة", "تالف")),
        "بيان \"الوزراء\" 'ويندوز'.txt": (seed_text(2).encode("cp1256"), CREATED, ()),
        "utf16 with bom.txt": (seed_text(3).encode("utf-16"), CREATED, ()),
        "utf16-no-bom.txt": (seed_text(4).encode("utf-16-le"), CREATED, ()),
        "mixed-endings.txt": (mixed_line_endings(seed_text(1)), CREATED, ()),
        "huge.txt": (fill(seed_text(0).encode(), 50 * 1024 * 1024), REJECTED, ("أكبر من الحد", "50.0 م.ب")),
        "nul-bytes.txt": (nul, CREATED, ()),
        "page.txt": (PAGE.encode(), CREATED, ()),
        "long-line.txt": ("\n".join(long_line).encode(), REJECTED, ("السطر 5", "1,000,000", "ليس نص مقال")),
    }


# What the zip's members come to, by their name in the batch.
ZIP_OUTCOMES = {
    f"{ZIP_NAME}/../x.txt": (REJECTED, ("مسار غير آمن", "../x.txt")),
    f"{ZIP_NAME}/{Path(LONG_MEMBER).name}": (CREATED, ()),
    f"{ZIP_NAME}/scan.txt": (REJECTED, ("ثنائي",)),
    f"{ZIP_NAME}/damaged.txt": (REJECTED, ("zip", "تالف")),
}


class BatchChecks:
    """What every batch of bad files must leave behind."""

    def assert_no_partial_article(self):
        created = set(ImportRecord.objects.filter(outcome=CREATED).values_list("article_id", flat=True))
        self.assertEqual(set(Article.objects.values_list("pk", flat=True)), created)
        # Each article came with its facts and its index, or not at all.
        self.assertFalse(Article.objects.filter(country_mentions__isnull=True).exists())
        self.assertEqual(SearchDocument.objects.count(), Article.objects.count())
        # Nothing made for a file that was then rolled back is left over
        # (the calendar's meetings and chairs are there from migrate on).
        self.assertFalse(Person.objects.filter(reference_key__isnull=True, mentions__isnull=True, participations__isnull=True).exists())
        self.assertFalse(
            Meeting.objects.filter(articles__isnull=True, proposed_articles__isnull=True)
            .exclude(origin=Meeting.Origin.CALENDAR).exists()
        )
        self.assertFalse(Outlet.objects.filter(articles__isnull=True).exists())
        self.assertFalse(ImportRecord.objects.filter(outcome=REJECTED, article__isnull=False).exists())

    def assert_messages(self, records: dict[str, tuple[str, str]], expected: dict[str, tuple[str, tuple[str, ...]]]):
        for name, (outcome, fragments) in expected.items():
            with self.subTest(file=name):
                self.assertEqual(records[name][0], outcome)
                if outcome == REJECTED:
                    # Arabic, and naming the reason.
                    self.assertRegex(records[name][1], "[\u0621-\u064a]{3}")
                for fragment in fragments:
                    self.assertIn(fragment, records[name][1])


class CommandBadFilesTests(BatchChecks, TestCase):
    """The corpus through `import_articles`, as paths on the command line."""

    @classmethod
    def setUpTestData(cls):
        outer = Path(tempfile.mkdtemp())
        cls.addClassCleanup(shutil.rmtree, outer)
        cls.folder = outer / "ملفات معيبة"
        cls.folder.mkdir()
        cls.paths = {}
        for name, (data, _, _) in corpus().items():
            cls.paths[name] = cls.folder / name
            cls.paths[name].write_bytes(data)
        cls.zip_path = cls.folder / ZIP_NAME
        cls.zip_path.write_bytes(zip_archive())
        out, err = io.StringIO(), io.StringIO()
        arguments = [str(path) for path in cls.paths.values()]
        # The same file twice in one batch.
        arguments += [str(cls.paths["مقال صالح.txt"]), str(cls.zip_path)]
        try:
            call_command("import_articles", *arguments, stdout=out, stderr=err)
        except CommandError as error:
            cls.error = str(error)
        cls.out, cls.err = out.getvalue(), err.getvalue()
        cls.records = list(ImportRecord.objects.values_list("file_name", "outcome", "message"))
        cls.by_name = {}
        for file_name, outcome, message in cls.records:
            cls.by_name.setdefault(file_name, (outcome, message))

    def article(self, name: str) -> Article:
        return Article.objects.get(import_records__file_name=str(self.paths[name]), import_records__outcome=CREATED)

    def test_it_gives_each_file_its_outcome_and_the_command_fails_for_the_rejected(self):
        expected = [(str(self.paths[name]), outcome) for name, (_, outcome, _) in corpus().items()]
        expected.append((str(self.paths["مقال صالح.txt"]), DUPLICATE))
        expected += [(str(self.folder / name), outcome) for name, (outcome, _) in ZIP_OUTCOMES.items()]
        self.assertEqual([(name, outcome) for name, outcome, _ in self.records], expected)
        self.assertEqual(self.error, "9 file(s) rejected; see the messages above.")

    def test_it_explains_each_rejection_in_arabic(self):
        expected = {str(self.paths[name]): (outcome, fragments) for name, (_, outcome, fragments) in corpus().items()}
        expected |= {str(self.folder / name): outcome for name, outcome in ZIP_OUTCOMES.items()}
        self.assert_messages(self.by_name, expected)
        for name, outcome, message in self.records:
            if outcome == REJECTED:
                self.assertIn(f"rejected   {name}: {message}", self.err)

    def test_it_keeps_no_partial_article(self):
        self.assert_no_partial_article()
        self.assertEqual(Article.objects.count(), 8)

    def test_it_names_odd_files_exactly(self):
        for name in ("مقال صالح.txt", "بيان \"الوزراء\" 'ويندوز'.txt", "utf16 with bom.txt"):
            with self.subTest(file=name):
                article = self.article(name)
                self.assertEqual(article.source_name, name)
                self.assertIn(f"created    {self.paths[name]}  → #{article.pk}", self.out)
        self.assertIn(f"rejected   {self.paths['مسافات فقط.txt']}: ", self.err)
        # A member name longer than the column keeps its head.
        article = Article.objects.get(title="مؤتمر التحالف في الكويت")
        self.assertEqual(article.source_name, Path(LONG_MEMBER).name[:255])

    def test_it_reads_every_encoding_to_the_same_text(self):
        for name, seed in (("بيان \"الوزراء\" 'ويندوز'.txt", 2), ("utf16 with bom.txt", 3), ("utf16-no-bom.txt", 4),
                           ("mixed-endings.txt", 1)):
            with self.subTest(file=name):
                self.assertEqual(self.article(name).raw_text, unicodedata.normalize("NFC", seed_text(seed)))

    def test_it_reports_the_same_file_twice_as_a_duplicate_of_the_first(self):
        first = self.article("مقال صالح.txt")
        outcome, message = [(o, m) for n, o, m in self.records if n == str(self.paths["مقال صالح.txt"])][1]
        self.assertEqual((outcome, message), (DUPLICATE, f"نسخة من المقال رقم {first.pk} الموجود في الأرشيف"))

    def test_it_drops_nul_bytes_and_tells_the_editor(self):
        article = self.article("nul-bytes.txt")
        self.assertNotIn("\x00", article.raw_text)
        self.assertEqual(article.raw_text, ROME)
        self.assertIn(reading.NOTE_CONTROL.format(count=3), article.flags)

    def test_it_keeps_only_the_text_of_an_html_page(self):
        article = self.article("page.txt")
        self.assertEqual(article.title, "التحالف يبحث الوضع في سوريا")
        self.assertIn(reading.NOTE_HTML, article.flags)
        for code in ('alert("head")', "color: red", "حقن", "onclick", "<b"):
            self.assertNotIn(code, article.raw_text)
        # What the page said in entities is text, and stays text.
        self.assertIn('وكتب أحد القراء <script>alert("reader")</script> تحت الخبر.', article.body)

    def test_the_public_page_never_renders_the_stored_text_as_markup(self):
        article = self.article("page.txt")
        curation.publish([article])
        response = self.client.get(reverse("archive:article", args=[article.pk]))
        self.assertContains(response, "وكتب أحد القراء &lt;script&gt;alert(&quot;reader&quot;)&lt;/script&gt;")
        self.assertNotContains(response, "<script>alert")

    def test_it_refuses_a_zip_entry_that_climbs_out_and_writes_nothing(self):
        outcome, message = self.by_name[str(self.folder / ZIP_NAME) + "/../x.txt"]
        self.assertEqual(outcome, REJECTED)
        self.assertIn("رُفض ولم يُقرأ", message)
        self.assertFalse(Article.objects.filter(body__contains="باريس").exists())
        # "../x.txt" from the zip's folder would be beside it, in `outer`.
        self.assertEqual([p.name for p in self.folder.parent.iterdir()], [self.folder.name])
        self.assertEqual(sorted(p.name for p in self.folder.iterdir()), sorted([*corpus(), ZIP_NAME]))


class UploadBadFilesTests(BatchChecks, TestCase):
    """The corpus through the admin's upload page, as an editor sends it."""

    @classmethod
    def setUpTestData(cls):
        editor = make_editor()
        client = Client()
        client.force_login(editor)
        files = [SimpleUploadedFile(name, data) for name, (data, _, _) in corpus().items()]
        files += [SimpleUploadedFile("مقال صالح.txt", corpus()["مقال صالح.txt"][0]),
                  SimpleUploadedFile(ZIP_NAME, zip_archive())]
        response = client.post(reverse("admin:archive_importbatch_upload"), {"files": files}, follow=True)
        cls.status, cls.page = response.status_code, response.content.decode()
        cls.records = list(ImportRecord.objects.values_list("file_name", "outcome", "message"))
        cls.by_name = {}
        for file_name, outcome, message in cls.records:
            cls.by_name.setdefault(file_name, (outcome, message))

    def expected(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        expected = {name: (outcome, fragments) for name, (_, outcome, fragments) in corpus().items()}
        # The upload refuses a picture by its name, unread.
        expected["صورة الاجتماع.png"] = (REJECTED, ("نوع الملف غير مقبول",))
        return expected | ZIP_OUTCOMES

    def test_it_gives_each_file_its_outcome(self):
        self.assertEqual(self.status, 200)
        expected = [(name, outcome) for name, (outcome, _) in self.expected().items()]
        expected.insert(len(corpus()), ("مقال صالح.txt", DUPLICATE))
        self.assertEqual([(name, outcome) for name, outcome, _ in self.records], expected)
        self.assertIn("أُنشئ 8، ومكرر 1، ومرفوض 9.", self.page)

    def test_it_explains_each_rejection_in_arabic(self):
        self.assert_messages(self.by_name, self.expected())

    def test_the_batch_page_shows_each_odd_name_and_reason(self):
        for name, _, message in self.records:
            with self.subTest(file=name):
                self.assertIn(escape(name), self.page)
                self.assertIn(escape(message), self.page)

    def test_it_keeps_no_partial_article(self):
        self.assert_no_partial_article()
        self.assertEqual(
            set(Article.objects.values_list("source_name", flat=True)),
            {"مقال صالح.txt", "بيان \"الوزراء\" 'ويندوز'.txt", "utf16 with bom.txt", "utf16-no-bom.txt",
             "mixed-endings.txt", "nul-bytes.txt", "page.txt", Path(LONG_MEMBER).name[:255]},
        )


class UnforeseenFailureTests(BatchChecks, TestCase):
    def test_a_file_that_fails_midway_leaves_nothing_and_the_batch_goes_on(self):
        real = saving.save_facts

        def fails_after_saving_facts(article, facts, context, **options):
            saved = real(article, facts, context, **options)
            if article.source_name == "fails.txt":
                raise ValueError("a rule no file had tripped before")
            return saved

        sources = [pipeline.Source("fails.txt", lambda: ROME.encode()),
                   pipeline.Source("next.txt", lambda: KUWAIT.encode())]
        with mock.patch.object(saving, "save_facts", fails_after_saving_facts), \
                self.assertLogs("archive.importing.pipeline", "ERROR") as logged:
            result = pipeline.import_sources(sources)
        self.assertEqual([r.outcome for r in result.files], [REJECTED, CREATED])
        self.assertIn("خطأ داخلي (ValueError)", result.files[0].message)
        self.assertIn("fails.txt", logged.output[0])
        self.assertFalse(Article.objects.filter(source_name="fails.txt").exists())
        self.assert_no_partial_article()


# Real processes ---------------------------------------------------------

# How long a subprocess may take to reach the point a test waits for. Not a
# measurement: only a bound, so a broken import fails the test instead of
# hanging it.
PATIENCE = 180


def database_url_for_subprocesses() -> str:
    """The test database, for `manage.py` run in another process."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="") + (":" + quote(db["PASSWORD"], safe="") if db["PASSWORD"] else "")
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{user}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def start_import(*paths: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "import_articles", *map(str, paths)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url_for_subprocesses()},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class ConcurrentImportTests(BatchChecks, TransactionTestCase):
    """Imports in other processes, committed for real. Each test holds a row
    the import needs in an open transaction of its own, so the processes
    stop at a known point inside their work, whatever the machine's speed."""

    def wait_for_blocked(self, count: int, processes: list[subprocess.Popen]) -> list[int]:
        """The database processes of the imports, once `count` of them wait on a lock."""
        deadline = time.monotonic() + PATIENCE
        while True:
            with connection.cursor() as cursor:
                # Within a transaction PostgreSQL shows the activity as it
                # was at the first look, unless told to look again.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND cardinality(pg_blocking_pids(pid)) > 0"
                )
                blocked = [row[0] for row in cursor.fetchall()]
            if len(blocked) >= count:
                return blocked
            for process in processes:
                if process.poll() is not None:
                    self.fail(f"the import ended before it got there: {process.communicate()}")
            if time.monotonic() > deadline:
                self.fail(f"{count} imports never reached the held row")
            time.sleep(0.05)

    def wait_until_gone(self, pids: list[int]) -> None:
        deadline = time.monotonic() + PATIENCE
        while True:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids])
                if cursor.fetchone()[0] == 0:
                    return
            if time.monotonic() > deadline:
                self.fail("PostgreSQL kept the killed import's session")
            time.sleep(0.05)

    def test_two_processes_importing_one_file_make_one_article(self):
        seed = SEED_FILES[0]
        with transaction.atomic():
            # A third import of the same file, not yet committed: both
            # processes find no article with its text and go on to save it.
            pipeline.import_paths([seed])
            processes = [start_import(seed), start_import(seed)]
            self.wait_for_blocked(2, processes)
            transaction.set_rollback(True)
        results = [process.communicate(timeout=PATIENCE) for process in processes]
        for process, (out, err) in zip(processes, results):
            self.assertEqual(process.returncode, 0, err)
            self.assertNotIn("Traceback", err)
        article = Article.objects.get()
        outs = sorted(out for out, _ in results)
        self.assertTrue(outs[0].startswith(f"created    {seed}  → #{article.pk} "), outs)
        self.assertIn(f"duplicate  {seed}  (نسخة من المقال رقم {article.pk} الموجود في الأرشيف)", outs[1])
        self.assertEqual(
            sorted(ImportRecord.objects.values_list("outcome", "article")), [(CREATED, article.pk), (DUPLICATE, article.pk)]
        )
        self.assert_no_partial_article()

    def test_an_import_killed_midway_keeps_whole_articles_and_can_be_run_again(self):
        # Seed 000 cites no resolution; seed 001 cites 2254 among others,
        # so its import stops there, its article and countries written.
        with transaction.atomic():
            Resolution.objects.create(number=2254)
            process = start_import(SEEDS)
            blocked = self.wait_for_blocked(1, [process])
            self.assertEqual(
                list(ImportRecord.objects.values_list("file_name", "outcome")), [(str(SEED_FILES[0]), CREATED)]
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE pid = %s AND relation = 'archive_article'::regclass"
                    " AND mode = 'RowExclusiveLock'",
                    [blocked[0]],
                )
                self.assertEqual(cursor.fetchone()[0], 1, "the second article is being written")
            os.kill(process.pid, signal.SIGKILL)
            process.communicate(timeout=PATIENCE)
            transaction.set_rollback(True)
        self.wait_until_gone(blocked)

        self.assertEqual(list(Article.objects.values_list("source_name", flat=True)), [SEED_FILES[0].name])
        self.assertFalse(Resolution.objects.exists())
        self.assertFalse(CountryMention.objects.exclude(article__source_name=SEED_FILES[0].name).exists())
        self.assert_no_partial_article()
        killed = ImportBatch.objects.get()
        # Its end was never recorded; its one record is true.
        self.assertIsNone(killed.finished_at)

        again = subprocess.run(
            [sys.executable, "manage.py", "import_articles", str(SEEDS)],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": database_url_for_subprocesses()},
            capture_output=True,
            text=True,
            timeout=PATIENCE * 2,
        )
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn(f"duplicate  {SEED_FILES[0]}  (نسخة من المقال رقم", again.stdout)
        self.assertIn("4 created, 1 duplicate, 0 rejected.", again.stdout)
        self.assertEqual(sorted(Article.objects.values_list("source_name", flat=True)), [p.name for p in SEED_FILES])
        self.assertEqual(sorted(Resolution.objects.values_list("number", flat=True)), [2178, 2254, 2396, 2462])
        self.assert_no_partial_article()


class RollbackForgetsTests(BatchChecks, TestCase):
    """What the batch learnt from a file that was rolled back (its outlet,
    its meetings' state) is not used for the next file."""

    def test_the_next_file_of_the_same_outlet_makes_the_outlet_again(self):
        real = saving.save_facts
        page = "السومرية نيوز/ بغداد\n" + ROME

        def fails_first(article, facts, context, **options):
            saved = real(article, facts, context, **options)
            if article.source_name == "fails.txt":
                raise ValueError("a rule no file had tripped before")
            return saved

        sources = [pipeline.Source("fails.txt", lambda: page.encode()),
                   pipeline.Source("next.txt", lambda: (page + "\nوفي سياق متصل اجتمع الوزراء مجدداً.").encode())]
        with mock.patch.object(saving, "save_facts", fails_first), self.assertLogs("archive.importing.pipeline", "ERROR"):
            result = pipeline.import_sources(sources)
        self.assertEqual([r.outcome for r in result.files], [REJECTED, CREATED])
        article = Article.objects.get(source_name="next.txt")
        self.assertIsNotNone(article.outlet)
        self.assertTrue(Outlet.objects.filter(pk=article.outlet_id).exists())
        self.assert_no_partial_article()
