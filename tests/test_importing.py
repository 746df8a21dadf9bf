import codecs
import datetime
import io
import json
import re
import tempfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from archive.importing import cleaning, pipeline, reading, saving, understanding
from archive.management.commands import import_articles as import_command
from tests import factories
from archive.models import (
    Article,
    Country,
    CountryAlias,
    ImportBatch,
    ImportRecord,
    Meeting,
    Participation,
    Person,
    PersonAlias,
    Resolution,
)

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
ARABIC = "اجتمع وزراء خارجية التحالف الدولي في واشنطن.\nوأكدوا دعمهم للعراق."


class ReadingTests(SimpleTestCase):
    def test_it_reads_utf8_with_and_without_bom(self):
        self.assertEqual(reading.decode(ARABIC.encode()).text, ARABIC)
        self.assertEqual(reading.decode(codecs.BOM_UTF8 + ARABIC.encode()).text, ARABIC)

    def test_it_reads_utf16_with_bom(self):
        self.assertEqual(reading.decode(ARABIC.encode("utf-16")).text, ARABIC)
        self.assertEqual(reading.decode(codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be")).text, ARABIC)

    def test_it_detects_windows_1256(self):
        decoded = reading.decode(ARABIC.encode("cp1256"))
        self.assertEqual((decoded.text, decoded.encoding), (ARABIC, "cp1256"))

    def test_it_normalizes_to_nfc_and_unix_line_endings(self):
        decomposed = "ا\u0653لية\r\nسطر"  # alef + madda above, composed by NFC into آ
        self.assertEqual(reading.decode(decomposed.encode()).text, "آلية\nسطر")

    def test_it_refuses_empty_and_whitespace_only_files(self):
        for data in (b"", b"  \n\t \r\n"):
            with self.assertRaisesRegex(reading.UnreadableFile, "فارغ"):
                reading.decode(data)

    def test_it_refuses_binary_files(self):
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
        with self.assertRaisesRegex(reading.UnreadableFile, "ثنائي"):
            reading.decode(png)

    def test_it_refuses_files_over_the_size_limit(self):
        with self.assertRaisesRegex(reading.UnreadableFile, "أكبر من الحد"):
            reading.decode(b"a" * 11, max_bytes=10)

    def test_it_refuses_bytes_in_no_known_encoding(self):
        latin = "Ünïcödé façade".encode("latin-1")
        with self.assertRaisesRegex(reading.UnreadableFile, "ترميز"):
            reading.decode(latin)


class CleaningTests(SimpleTestCase):
    def test_it_takes_the_first_non_empty_line_as_title(self):
        cleaned = cleaning.clean("\n\n  العنوان  \n\nالفقرة الأولى\n\n\n\nالفقرة الثانية  \n")
        self.assertEqual((cleaned.title, cleaned.body), ("العنوان", "الفقرة الأولى\n\nالفقرة الثانية"))

    def test_it_cuts_an_overlong_first_line_at_a_word(self):
        line = "كلمة " * 200
        cleaned = cleaning.clean(line)
        self.assertLessEqual(len(cleaned.title), cleaning.TITLE_MAX_LENGTH)
        self.assertTrue(cleaned.title.endswith("كلمة"))
        self.assertEqual(cleaned.body, line.strip())

    def test_it_gives_the_same_hash_whatever_the_line_endings_or_encoding(self):
        a = reading.decode("سطر\r\nسطر".encode("utf-16")).text
        b = reading.decode("سطر\nسطر\n".encode()).text
        self.assertEqual(cleaning.content_hash(a), cleaning.content_hash(b))


class ImportSeedsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first = pipeline.import_paths([SEEDS])
        cls.second = pipeline.import_paths([SEEDS])

    def test_it_imports_the_five_seeds_as_five_pending_articles(self):
        self.assertEqual(self.first.created, 5)
        self.assertEqual(Article.objects.count(), 5)
        self.assertEqual(set(Article.objects.values_list("status", flat=True)), {Article.Status.PENDING})

    def test_it_creates_nothing_on_a_second_import(self):
        self.assertEqual((self.second.created, self.second.duplicates, self.second.rejected), (0, 5, 0))
        self.assertEqual(Article.objects.count(), 5)

    def test_it_keeps_the_raw_text_verbatim_and_the_file_name(self):
        seed = SEEDS / "002_060bc5bead1c96b7.txt"
        article = Article.objects.get(source_name=seed.name)
        self.assertEqual(article.raw_text, seed.read_text(encoding="utf-8").replace("\r\n", "\n"))
        self.assertEqual(article.title, "التحالف الدولي يؤكد على العمل لاستقرار المناطق المحررة في العراق")

    def test_it_records_each_import_once_in_the_articles_history_as_it_left_it(self):
        for article in Article.objects.all():
            history = list(article.history.all())
            self.assertEqual([record.history_type for record in history], ["+"], article.source_name)
            self.assertEqual(history[0].flags, article.flags)
            self.assertEqual(history[0].proposed_meeting_id, article.proposed_meeting_id)
        self.assertTrue(any(article.proposed_meeting_id for article in Article.objects.all()))

    def test_it_records_every_file_in_its_batch(self):
        records = ImportRecord.objects.filter(batch_id=self.second.batch_id)
        self.assertEqual(records.count(), 5)
        self.assertEqual(set(records.values_list("outcome", flat=True)), {ImportRecord.Outcome.DUPLICATE})
        self.assertIsNotNone(ImportBatch.objects.get(pk=self.second.batch_id).finished_at)


class BatchTests(TestCase):
    def test_it_imports_the_good_files_and_explains_the_bad_ones(self, ):
        sources = [
            pipeline.Source("empty.txt", lambda: b""),
            pipeline.Source("good.txt", lambda: ARABIC.encode()),
            pipeline.Source("image.png", lambda: b"\x89PNG\x00\x00\x00binary"),
            pipeline.Source("same-again.txt", lambda: ARABIC.encode("utf-16")),
        ]
        result = pipeline.import_sources(sources)
        self.assertEqual(
            [(r.file, r.outcome) for r in result.files],
            [("empty.txt", "rejected"), ("good.txt", "created"), ("image.png", "rejected"),
             ("same-again.txt", "duplicate")],
        )
        self.assertIn("فارغ", result.files[0].message)
        self.assertEqual(Article.objects.count(), 1)
        rejected = ImportRecord.objects.filter(outcome="rejected").values_list("file_name", "message")
        self.assertEqual(len(rejected), 2)
        self.assertTrue(all(message for _, message in rejected))

    def test_it_reports_a_missing_path_and_goes_on(self):
        result = pipeline.import_paths(["/no/such/file.txt", SEEDS / "003_8d2f6804c6a9ad88.txt"])
        self.assertEqual([r.outcome for r in result.files], ["rejected", "created"])
        self.assertIn("لا يوجد", result.files[0].message)


class ImportCommandTests(TestCase):
    def test_from_the_command_line_it_yields_the_cpu_to_the_site(self):
        with mock.patch("os.nice") as nice, mock.patch("django.core.management.base.BaseCommand.run_from_argv") as run:
            import_command.Command().run_from_argv(["manage.py", "import_articles", "page.txt"])
        nice.assert_called_once_with(import_command.NICENESS)
        run.assert_called_once()

    def test_called_from_code_it_leaves_its_caller_s_priority(self):
        with mock.patch("os.nice") as nice:
            call_command("import_articles", str(SEEDS / "000_9c958cb527e5a0b5.txt"), "--dry-run", stdout=io.StringIO())
        nice.assert_not_called()

    def test_it_imports_and_publishes_on_request(self):
        out = io.StringIO()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sure.txt"
            path.write_text(PublishOnlyWhatIsConfidentTests.SURE, encoding="utf-8")
            call_command("import_articles", str(path), "--publish", "--source-url", "https://www.okaz.com.sa/news/1",
                         stdout=out)
        self.assertIn("1 created", out.getvalue())
        self.assertEqual(Article.objects.published().count(), 1)

    def test_publish_leaves_a_seed_without_date_or_headline_for_review(self):
        out = io.StringIO()
        call_command("import_articles", str(SEEDS / "000_9c958cb527e5a0b5.txt"), "--publish", stdout=out)
        article = Article.objects.get()
        self.assertEqual(article.status, Article.Status.PENDING)
        self.assertIn("العنوان", article.flags[0])
        self.assertIn("تاريخ النشر", article.flags[0])

    def test_it_fails_when_a_file_is_rejected_after_importing_the_rest(self):
        out, err = io.StringIO(), io.StringIO()
        with self.assertRaisesRegex(CommandError, "1 file"):
            call_command("import_articles", "/no/such.txt", str(SEEDS), stdout=out, stderr=err)
        self.assertIn("/no/such.txt", err.getvalue())
        self.assertEqual(Article.objects.count(), 5)


class SeedFactsTests(TestCase):
    """Countries and resolutions come from the cleaned body only, each with
    the sentence it came from."""

    @classmethod
    def setUpTestData(cls):
        # How the pipeline groups the seeds by itself, with no calendar to
        # join (SeedsOnTheCalendarTests imports them into the full archive).
        factories.without_calendar()
        pipeline.import_paths([SEEDS])
        cls.by_seed = {a.source_name[:3]: a for a in Article.objects.all()}

    def cited(self, seed: str) -> list[int]:
        return sorted(self.by_seed[seed].citations.values_list("resolution__number", flat=True))

    def countries(self, seed: str) -> set[str]:
        return set(self.by_seed[seed].country_mentions.values_list("country__iso_code", flat=True))

    def test_it_records_the_resolutions_each_seed_cites(self):
        self.assertEqual(
            {seed: self.cited(seed) for seed in self.by_seed},
            {"000": [], "001": [2178, 2254, 2396, 2462], "002": [], "003": [2254], "004": [2254]},
        )

    def test_it_keeps_the_citing_sentence(self):
        citation = self.by_seed["003"].citations.get()
        self.assertIn("قرار مجلس الأمن المرقم 2254", citation.sentence)
        self.assertIn(citation.sentence, self.by_seed["003"].body)

    def test_it_takes_no_fact_from_the_article_appended_to_seed_001(self):
        # The Senate confirmation after "إقرأ أيضاً" names Ukraine, China,
        # Russia and Spain; the coalition article names none of them.
        self.assertFalse(self.countries("001") & {"UA", "CN", "RU", "ES"})
        self.assertLessEqual({"US", "IQ", "SY", "MV", "UZ", "TJ", "SN", "PK", "KG", "KZ"}, self.countries("001"))

    def test_it_records_the_countries_of_the_small_group_meeting(self):
        self.assertEqual(
            self.countries("003"),
            {"US", "IT", "FR", "CA", "BE", "DK", "CZ", "EG", "QA", "FI", "DE", "SA", "AE", "KW", "BH", "MA",
             "NL", "NO", "PL", "ES", "SE", "TR", "GB", "IQ", "SY"},
        )

    def test_it_reads_the_outlet_and_publication_date(self):
        seed = self.by_seed["001"]
        self.assertEqual(seed.published_on.isoformat(), "2024-10-05")
        self.assertEqual(seed.outlet.name, "شبكة اخبار العراق")
        self.assertEqual(self.by_seed["002"].outlet, seed.outlet)  # two spellings, one outlet


class SeedPeopleAndMeetingsTests(TestCase):
    """Imported in order, the seeds resolve their people to one record each
    and seed 004 is proposed for the meeting seed 000 reported."""

    @classmethod
    def setUpTestData(cls):
        # How the pipeline groups the seeds by itself, with no calendar to
        # join (SeedsOnTheCalendarTests imports them into the full archive).
        factories.without_calendar()
        pipeline.import_paths([SEEDS])
        cls.by_seed = {a.source_name[:3]: a for a in Article.objects.all()}

    def test_it_makes_one_person_of_each_spelling_across_articles(self):
        belgian = Person.objects.get(name="صوفي ويليامز")
        self.assertEqual(list(belgian.aliases.values_list("name", flat=True)), ["صوفي ويلميس"])
        self.assertEqual(belgian.country.iso_code, "BE")
        blinken = Person.objects.get(name="أنتوني بلينكن")
        self.assertEqual(
            sorted(blinken.mentions.values_list("article__source_name", flat=True)),
            sorted(self.by_seed[s].source_name for s in ("000", "001", "004")),
        )
        # آشتون / اشتون share a normalized key: one person, no alias needed.
        carter = Person.objects.get(name="اشتون كارتر")
        self.assertFalse(carter.aliases.exists())
        self.assertEqual(carter.mentions.count(), 1)

    def test_it_counts_each_person_once(self):
        self.assertEqual(
            sorted(Person.objects.values_list("name", flat=True)),
            sorted(["صوفي ويليامز", "أنتوني بلينكن", "فؤاد حسين", "يحيى رسول", "ابراهيم الجعفري", "خالد العبيدي",
                    "جون كيري", "اشتون كارتر", "مايك بومبيو", "لويجي دي مايو"]),
        )

    def test_it_saves_each_mention_with_role_country_chair_and_sentence(self):
        mention = self.by_seed["004"].person_mentions.get(person__name="صوفي ويليامز")
        self.assertEqual(
            (mention.name_as_written, mention.role, mention.country.iso_code, mention.is_chair, mention.in_meeting),
            ("صوفي ويلميس", "نائبة رئيس الوزراء وزيرة الخارجية", "BE", True, True),
        )
        self.assertIn("وترأس اجتماع وزراء خارجية التحالف", mention.sentence)

    def test_it_proposes_seed_004_for_the_meeting_seed_000_reported(self):
        meeting = self.by_seed["000"].proposed_meeting
        self.assertIsNotNone(meeting)
        self.assertEqual(self.by_seed["004"].proposed_meeting, meeting)
        self.assertIn("الرئاسة نفسها", self.by_seed["004"].meeting_proposal)
        self.assertEqual(self.by_seed["000"].meeting_proposal, saving.NOTE_NEW_MEETING)

    def test_it_makes_a_meeting_for_each_other_report(self):
        self.assertEqual(Meeting.objects.count(), 4)
        self.assertEqual(len({self.by_seed[s].proposed_meeting_id for s in ("001", "002", "003", "000")}), 4)
        small_group = self.by_seed["003"].proposed_meeting
        self.assertEqual(
            (small_group.date, small_group.kind, small_group.format, small_group.member_count, small_group.participant_count),
            (datetime.date(2020, 6, 4), "small_group", "virtual", 82, 29),
        )

    def test_it_links_nothing_before_an_editor_confirms(self):
        self.assertFalse(Article.objects.filter(meeting__isnull=False).exists())
        self.assertFalse(Participation.objects.exists())

    def test_it_keeps_the_report_of_each_article_with_its_evidence(self):
        report = self.by_seed["001"].meeting_report
        # "قال التحالف في بيان، مساء امس الجمعة": the statement's day, not the meeting's.
        self.assertEqual((report.date, report.place, report.member_count), (None, "واشنطن", 87))
        self.assertIn("87 عضوا", report.member_count_sentence)
        self.assertIn("في واشنطن العاصمة", report.place_sentence)

    def test_it_flags_what_the_editor_must_check(self):
        flags = self.by_seed["002"].flags
        self.assertIn("لم يُعرف تاريخ النشر", flags)
        self.assertIn("رئاسة الاجتماع مستنتجة من ضمير يعود إلى آشتون كارتر؛ تحقق منها", flags)


class SeedsOnTheCalendarTests(TestCase):
    """The seeds imported with --publish into an archive that has the
    coalition's calendar: each joins the calendar's meeting it reports."""

    @classmethod
    def setUpTestData(cls):
        pipeline.import_paths([SEEDS], publish=True)
        cls.by_seed = {a.source_name[:3]: a for a in Article.objects.select_related("meeting")}

    def test_each_seed_is_on_its_calendar_meeting(self):
        expected = {
            "000": "2021-03-30-virtual-small_group",
            "001": "2024-09-30-washington-ministerial",
            "002": "2016-07-21-washington-ministerial",
            "003": "2020-06-04-virtual-small_group",
            "004": "2021-03-30-virtual-small_group",
        }
        found = {seed: getattr(article.meeting, "calendar_key", None) for seed, article in self.by_seed.items()}
        self.assertEqual(found, expected)
        self.assertFalse(Meeting.objects.filter(origin=Meeting.Origin.IMPORT).exists())

    def test_the_proposal_says_which_facts_agreed(self):
        history = self.by_seed["001"].history.earliest()
        self.assertIn("المدينة نفسها", history.meeting_proposal)
        self.assertIn("عدد الأعضاء نفسه (87)", history.meeting_proposal)


class PublishConfirmsTests(TestCase):
    def setUp(self):
        factories.without_calendar()

    def test_publishing_links_the_meeting_and_its_participants(self):
        pipeline.import_paths([SEEDS / "000_9c958cb527e5a0b5.txt", SEEDS / "004_b0b6bfff154b50a2.txt"], publish=True)
        first, second = Article.objects.order_by("pk")
        self.assertEqual(first.meeting, second.meeting)
        self.assertIsNone(second.proposed_meeting)
        participations = {(p.person.name, p.is_chair) for p in first.meeting.participations.all()}
        self.assertEqual(
            participations, {("صوفي ويليامز", True), ("أنتوني بلينكن", True), ("فؤاد حسين", False)}
        )


class PersonMatchingTests(TestCase):
    def setUp(self):
        factories.without_calendar()  # the calendar's chairs (Blinken among them) are people already

    def import_text(self, body: str) -> Article:
        result = pipeline.import_sources([pipeline.Source("x.txt", lambda: ("عنوان الخبر\n" + body).encode())])
        return Article.objects.get(pk=result.files[0].article_id)

    def test_it_proposes_an_uncertain_match_instead_of_merging(self):
        self.import_text("وقال وزير الخارجية الأمريكي أنتوني بلينكن إن التحالف باق.")
        article = self.import_text("وقال وزير الخارجية أنتوني بلينك إن داعش يتراجع.")
        mention = article.person_mentions.get()
        self.assertEqual(mention.person.name, "أنتوني بلينك")  # a new person, not merged
        self.assertEqual(mention.proposed_person.name, "أنتوني بلينكن")
        self.assertTrue(any("قد يكون «أنتوني بلينك»" in flag for flag in article.flags))

    def test_a_surname_alone_links_to_the_person_the_archive_knows_by_it(self):
        self.import_text("وقال وزير الخارجية الأمريكي أنتوني بلينكن إن التحالف باق.")
        article = self.import_text("وقال وزير الخارجية بلينكن إن داعش يتراجع.")
        mention = article.person_mentions.get()
        self.assertEqual((mention.name_as_written, mention.person.name), ("بلينكن", "أنتوني بلينكن"))

    def test_a_surname_no_one_in_the_archive_bears_makes_no_person(self):
        article = self.import_text("وقال وزير الخارجية بلينكن إن داعش يتراجع.")
        self.assertFalse(article.person_mentions.exists())
        self.assertFalse(Person.objects.filter(name="بلينكن").exists())
        self.assertTrue(any("«بلينكن» كلمة واحدة" in flag for flag in article.flags))

    def test_a_first_name_alone_is_nobody_s_surname(self):
        faisal = Person.objects.create(name="فيصل بن فرحان")
        PersonAlias.objects.create(person=faisal, name="فيصل بن فرحان بن عبدالله")
        article = self.import_text("وقال كما يؤكد جلالة الملك عبدالله الثاني إن داعش هزم.")  # dev6/20
        self.assertFalse(article.person_mentions.filter(person=faisal).exists())

    def test_an_editor_alias_links_the_next_import(self):
        self.import_text("وقال وزير الخارجية الأمريكي أنتوني بلينكن إن التحالف باق.")
        PersonAlias.objects.create(person=Person.objects.get(), name="توني بلنكين")
        article = self.import_text("وقال وزير الخارجية الأمريكي توني بلنكين إن داعش يتراجع.")
        self.assertEqual(article.person_mentions.get().person.name, "أنتوني بلينكن")
        self.assertEqual(Person.objects.count(), 1)

    def test_an_editor_country_alias_is_recognized_by_the_next_import(self):
        Country.objects.update_or_create(iso_code="IQ", defaults={"name": "العراق"})[0]
        CountryAlias.objects.create(country=Country.objects.get(), name="بلاد الرافدين")
        article = self.import_text("أكد الوزراء دعمهم لبلاد الرافدين.")
        self.assertEqual(list(article.country_mentions.values_list("country__iso_code", flat=True)), ["IQ"])


class ImportCommandOptionsTests(TestCase):
    def test_a_dry_run_writes_nothing_and_reports_everything(self):
        out, err = io.StringIO(), io.StringIO()
        models = (Article, ImportBatch, ImportRecord, Person, PersonAlias, Meeting, Country, Resolution)
        before = {model: model.objects.count() for model in models}
        call_command("import_articles", str(SEEDS), "--dry-run", stdout=out, stderr=err)
        self.assertIn("Dry run, nothing written: 5 created", out.getvalue())
        for model in models:
            self.assertEqual(model.objects.count(), before[model], model.__name__)

    def test_json_prints_one_object_per_file_with_the_documented_keys(self):
        out, err = io.StringIO(), io.StringIO()
        with self.assertRaises(CommandError):
            call_command("import_articles", "/no/such.txt", str(SEEDS), "--json", stdout=out, stderr=err)
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        self.assertEqual([line["status"] for line in lines], ["rejected"] + ["created"] * 5)
        self.assertIn("created", err.getvalue())  # the human summary goes to stderr
        seed = lines[4]
        self.assertLessEqual(
            {"file", "status", "title", "outlet", "published_on", "body", "meeting", "persons", "countries",
             "resolutions", "flags"},
            set(seed),
        )
        self.assertEqual(
            {k: seed["meeting"][k] for k in ("date", "place", "format", "kind", "member_count", "participant_count")},
            {"date": "2020-06-04", "place": None, "format": "virtual", "kind": "small_group", "member_count": 82,
             "participant_count": 29},
        )
        self.assertTrue(all(0 <= value <= 1 for person in seed["persons"] for value in person.pop("confidence").values()))
        self.assertEqual(
            seed["persons"],
            [{"name": "مايك بومبيو", "role": "وزير الخارجية", "country": "الولايات المتحدة", "is_chair": True},
             {"name": "لويجي دي مايو", "role": "وزير الخارجية", "country": "إيطاليا", "is_chair": True}],
        )
        self.assertEqual(seed["resolutions"], [2254])
        self.assertIn("إيطاليا", seed["countries"])
        # Seed 004 names the Belgian minister as the archive stores her: the
        # coalition calendar's spelling, since she co-chaired a meeting in it.
        self.assertIn("صوفي ويلميس", [p["name"] for p in lines[5]["persons"]])

    def test_it_draws_a_progress_bar_on_request(self):
        out, err = io.StringIO(), io.StringIO()
        call_command("import_articles", str(SEEDS), "--progress", "--dry-run", stdout=out, stderr=err)
        self.assertIn("5/5", err.getvalue())
        self.assertNotIn("5/5", out.getvalue())


class ReadAheadTests(TestCase):
    """A large batch is read ahead by a second process while this one saves;
    what it imports is what one process alone imports."""

    sources = sorted(SEEDS.glob("*.txt")) + sorted((Path(settings.BASE_DIR) / "tests" / "data" / "unseen").glob("*.txt"))

    def import_all(self, ahead: bool, stop_helper: bool = False) -> tuple[list[dict], int]:
        read_ahead = []
        start, understand = understanding.Helper.__init__, understanding.Helper.understand

        def started(helper, aliases, known_spellings=(), transliterated=(), known_offices=None):
            start(helper, aliases, known_spellings, transliterated, known_offices)
            # Ready from the first file on, so the test does not depend on
            # how fast the second process starts.
            helper.ready.result(timeout=60)
            if stop_helper:
                helper.process.kill()

        def spy(helper, data):
            read_ahead.append(data)
            return understand(helper, data)

        minimum = 2 if ahead else 10**6
        with mock.patch.object(pipeline, "READ_AHEAD_MIN_FILES", minimum), \
                mock.patch.object(understanding.Helper, "__init__", started), \
                mock.patch.object(understanding.Helper, "understand", spy):
            result = pipeline.import_paths(self.sources, dry_run=True)
        # Ids of rows each dry run made and rolled back differ from run to run.
        unnumbered = re.sub(r"رقم \d+", "رقم ؟", json.dumps([f.as_json() for f in result.files], ensure_ascii=False))
        return json.loads(re.sub(r'"(id|article_id)": \d+', r'"\1": 0', unnumbered)), len(read_ahead)

    def test_it_imports_what_one_process_imports(self):
        alone, _ = self.import_all(ahead=False)
        ahead, read_ahead = self.import_all(ahead=True)
        self.assertEqual(ahead, alone)
        self.assertEqual(read_ahead, len(self.sources) - 1)
        self.assertEqual({f["status"] for f in ahead}, {"created"})

    def test_it_reads_the_rest_itself_when_the_second_process_stops(self):
        alone, _ = self.import_all(ahead=False)
        with self.assertLogs("archive.importing.pipeline", "WARNING") as logged:
            ahead, _ = self.import_all(ahead=True, stop_helper=True)
        self.assertEqual(ahead, alone)
        self.assertIn("stopped", "\n".join(logged.output))


class GivenDateAndAddressTests(TestCase):
    def test_one_file_takes_the_editor_s_date_and_address(self):
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "import_articles", str(SEEDS / "002_060bc5bead1c96b7.txt"), "--published-on", "2016-07-22",
            "--source-url", "https://aliraqnews.com/2016/07/22/x", "--json", stdout=out, stderr=err,
        )
        line = json.loads(out.getvalue().splitlines()[0])
        self.assertEqual((line["published_on"], line["source_url"]), ("2016-07-22", "https://aliraqnews.com/2016/07/22/x"))
        self.assertNotIn("لم يُعرف تاريخ النشر", line["flags"])

    def test_a_date_or_address_for_many_files_is_refused_naming_the_reason(self):
        with self.assertRaisesMessage(CommandError, "describe one file"):
            call_command("import_articles", str(SEEDS), "--published-on", "2016-07-22", stdout=io.StringIO(), stderr=io.StringIO())
        self.assertFalse(Article.objects.exists())

    def test_a_malformed_date_or_address_is_refused(self):
        for option, value in (("--published-on", "22/07/2016"), ("--source-url", "javascript:alert(1)")):
            with self.subTest(option), self.assertRaises(CommandError):
                call_command("import_articles", str(SEEDS / "002_060bc5bead1c96b7.txt"), option, value,
                             stdout=io.StringIO(), stderr=io.StringIO())


class BylineTests(TestCase):
    """The author a page credits is the article's, shown and kept, and no
    person of the story."""

    @classmethod
    def setUpTestData(cls):
        text = ("وزراء التحالف الدولي يجتمعون في روما لبحث الحرب على داعش\n\nدعاء عبدالنبي\n\n"
                "اجتمع وزراء خارجية التحالف الدولي ضد داعش في العاصمة الإيطالية روما اليوم لبحث مستقبل الحملة "
                "على التنظيم، بحضور وزير الخارجية الأمريكي أنتوني بلينكن ونظيره الإيطالي لويجي دي مايو.")
        given = understanding.Given(datetime.date(2021, 6, 28), "https://www.okaz.com.sa/news/2")
        result = pipeline.import_sources([pipeline.Source("byline.txt", text.encode, given=given)], publish=True)
        cls.article = Article.objects.get(pk=result.files[0].article_id)

    def test_the_author_is_kept_and_shown(self):
        self.assertEqual(self.article.byline, "دعاء عبدالنبي")
        self.article.status = Article.Status.PUBLISHED
        self.article.save()
        self.assertContains(self.client.get(self.article.get_absolute_url()), "دعاء عبدالنبي")

    def test_the_author_is_no_person_of_the_story(self):
        self.assertFalse(Person.objects.filter(name__contains="عبدالنبي").exists())
        self.assertNotIn("دعاء", self.article.body)


class KnownOfficialsTests(TestCase):
    """Issue 19: a known official is one person in every spelling, found
    with or without an office word, and their English name finds them."""

    @classmethod
    def setUpTestData(cls):
        bodies = [
            "وقال وزير الخارجية السعودي الأمير فيصل بن فرحان بن عبدالله إن التحالف باق.",
            "واستقبل فيصل بن فرحان آل سعود نظراءه في الرياض.",
            "وأكد وزير الخارجية فيصل بن فرحان أهمية التحالف، فيما وصل ريكس تيلرسون إلى الكويت.",
            # The EU's High Representative has no country: her name is
            # transliterated all the same, and found in another spelling.
            "وحضره وزراء خارجية 23 دولة، فضلاً عن فدريكا موغيريني الممثلة العليا للاتحاد الأوروبي.",
        ]
        given = understanding.Given(datetime.date(2018, 2, 13), "https://www.okaz.com.sa/news/1")
        sources = [
            pipeline.Source(f"{n}.txt", lambda b=body, n=n: f"وزراء التحالف الدولي يجتمعون في المقال رقم {n}\n{b}".encode(),
                            given=given)
            for n, body in enumerate(bodies)
        ]
        result = pipeline.import_sources(sources, publish=True)
        cls.articles = [Article.objects.get(pk=f.article_id) for f in result.files]

    def test_three_spellings_are_one_person(self):
        people = {m.person_id for a in self.articles for m in a.person_mentions.all() if "فيصل" in m.name_as_written}
        self.assertEqual(people, {Person.objects.get(reference_key="faisal-bin-farhan").pk})

    def test_a_known_name_needs_no_office_word(self):
        self.assertTrue(self.articles[2].person_mentions.filter(person__reference_key="rex-tillerson").exists())

    def test_a_known_official_of_no_country_in_another_transliteration(self):
        self.assertTrue(self.articles[3].person_mentions.filter(person__name_en="Federica Mogherini").exists())

    def test_a_latin_name_finds_the_arabic_spelling(self):
        page = self.client.get(reverse("archive:search"), {"q": "Tillerson"})
        self.assertContains(page, self.articles[2].title)


class PublishOnlyWhatIsConfidentTests(TestCase):
    """Issue 19: --publish publishes an article only when each of its facts
    is confident, and says which held it back."""

    SURE = (
        "وزراء خارجية التحالف يجتمعون في الرياض\n"
        "الخميس 08 يونيو 2023\n"
        "ترأس وزير الخارجية السعودي فيصل بن فرحان ووزير الخارجية الأمريكي أنتوني بلينكن في الرياض اليوم "
        "الخميس اجتماع وزراء خارجية التحالف الدولي لهزيمة داعش.\n"
    )
    DOUBTFUL = (
        "ترأس وزير الخارجية السعودي فيصل بن فرحان ووزير الخارجية الأمريكي أنتوني بلينكن في الرياض اليوم "
        "الخميس اجتماع وزراء خارجية التحالف الدولي لهزيمة داعش، بحضور المستشار زكريا قنديلوف.\n"
    )

    def import_one(self, name: str, body: str, url: str = "https://www.okaz.com.sa/news/politics/1") -> Article:
        given = understanding.Given(source_url=url)
        result = pipeline.import_sources([pipeline.Source(name, lambda: body.encode(), given=given)], publish=True)
        return Article.objects.get(pk=result.files[0].article_id)

    def test_an_article_every_fact_of_which_is_confident_is_published(self):
        article = self.import_one("sure.txt", self.SURE)
        self.assertEqual(article.status, Article.Status.PUBLISHED, article.confidence)
        self.assertGreaterEqual(article.min_confidence, 0.7)
        self.assertEqual(article.outlet.name_en, "Okaz")
        self.assertEqual(article.meeting.calendar_key, "2023-06-08-riyadh-ministerial")

    def test_an_article_without_a_headline_waits_with_the_reason_but_its_sure_meeting_stands(self):
        article = self.import_one("doubtful.txt", self.DOUBTFUL)
        self.assertEqual(article.status, Article.Status.PENDING)
        self.assertTrue(any(f.startswith("لم يُنشر تلقائياً") and "العنوان" in f for f in article.flags), article.flags)
        self.assertEqual(article.meeting.calendar_key, "2023-06-08-riyadh-ministerial")
        # The doubtful name is no participant of the meeting; the known officials are.
        participants = set(article.meeting.participations.values_list("person__name", flat=True))
        self.assertNotIn("زكريا قنديلوف", participants)
        mention = article.person_mentions.get(name_as_written="زكريا قنديلوف")
        self.assertLess(mention.confidence["person"], 0.7)

    def test_json_gives_a_confidence_for_each_fact(self):
        out = io.StringIO()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sure.txt"
            path.write_text(self.SURE, encoding="utf-8")
            call_command("import_articles", str(path), "--json", "--dry-run", stdout=out, stderr=io.StringIO())
        line = json.loads(out.getvalue().splitlines()[0])
        article = line.get("article") or line
        self.assertEqual(set(article["confidence"]) >= {"title", "date", "outlet", "meeting", "people"}, True)
        self.assertTrue(all("confidence" in person for person in article["persons"]))


class OutletOfSiteTests(TestCase):
    """A page from a site no list holds: the site's address stands for its
    outlet, and the name an editor gives that outlet holds for the site's
    later pages."""

    PAGE = "اجتمع وزراء خارجية التحالف الدولي في واشنطن اليوم {n}.\nوأكدوا دعمهم للعراق في حربه على داعش."

    def setUp(self):
        factories.without_calendar()

    def _import(self, n: int, url: str) -> Article:
        page = self.PAGE.format(n=n).encode()
        given = understanding.Given(source_url=url)
        result = pipeline.import_sources([pipeline.Source(f"{n}.txt", lambda: page, given=given)])
        return Article.objects.get(pk=result.files[0].article_id)

    def test_the_site_stands_for_an_outlet_no_list_holds(self):
        article = self._import(1, "https://www.example-news.net/2017/07/13/x")
        self.assertEqual((article.outlet.name, article.outlet.website), ("example-news.net", "https://example-news.net/"))
        self.assertIn("لم يُعرف من المصدر إلا عنوان موقعه «example-news.net»؛ سمّه", article.flags)
        self.assertLess(article.confidence["outlet"], 0.7)

    def test_a_dash_beside_the_page_s_date_is_no_outlet(self):
        # A copied page (dev7/04): headline, date, a lone "-", then the story.
        page = ("مؤتمر باريس يتعهد دعم العراق بكل الوسائل الضرورية\nSep ١٥, ٢٠١٤ ٠٨:٠٣ UTC\n-\n"
                "تعهد المشاركون في المؤتمر الدولي حول السلام والأمن في العراق بدعم الحكومة العراقية.").encode()
        given = understanding.Given(source_url="https://parstoday.ir/ar/news/islamic_world-i110480-x")
        result = pipeline.import_sources([pipeline.Source("pars.txt", lambda: page, given=given)])
        article = Article.objects.get(pk=result.files[0].article_id)
        self.assertEqual(article.outlet.name, "parstoday.ir")

    def test_the_name_an_editor_gives_holds_for_the_next_page_of_the_site(self):
        outlet = self._import(1, "https://example-news.net/a").outlet
        outlet.name = "حدث نيوز"
        outlet.save()  # as the admin's form does: recorded in the outlet's history
        article = self._import(2, "https://example-news.net/b")
        self.assertEqual(article.outlet, outlet)
        self.assertFalse([flag for flag in article.flags if "المصدر" in flag and "عنوان موقعه" in flag])
        self.assertGreaterEqual(article.confidence["outlet"], 0.7)

    def test_a_mirror_or_an_ip_address_is_no_site(self):
        for url in ("https://sauress.com/unknownslug/1", "http://195.201.164.17:8081/ar/x"):
            with self.subTest(url):
                self.assertIsNone(self._import(hash(url) % 1000, url).outlet)
