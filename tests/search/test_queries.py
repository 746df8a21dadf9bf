"""Search: the query syntax, snippets, and a relevance set over the sample
archive (the five seeds as curated by demo) plus articles written to test
one rule each."""

import datetime
import io
import re
from unittest import mock

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from archive.search import queries, ranking, snippets
from archive.models import Article, Country, Person, PersonAlias, PersonMention
from tests import factories

# Extra articles, each for a rule the seeds do not exercise.
EXTRAS = {
    "hamza": ("أحمد يلتقي الوفد العراقي", "التقى أحمد الجبوري بالوفد في بغداد وتحدث عن مكافحة الإرهاب."),
    "tashkeel": ("زيارة مرتقبة", "قالت مصادر إن مُصْطَفَى الكاظمي سيزور العاصمة الأمريكية لبحث انسحاب القوات."),
    "digits": ("قرار دولي", "أشار البيان إلى قرار مجلس الأمن رقم ٢١٧٠ الخاص بتمويل الإرهاب."),
    "marbuta": ("افتتاح المكتبه", "أعيد افتتاح المكتبة المركزية في جامعة الموصل بعد تحريرها."),
    "persian": ("جولة إقليمية", "زار المبعوث سوریا ولبنان والتقى مسؤولین في دمشق."),
    "clitics": ("بيان التحالف", "دعا البيان إلى التصدي لداعش ودعم للعراق وبالأردن وكالسعودية فالكويت."),
    "tatweel": ("الإرهـــاب في الســاحل", "تنامي خطر الجماعات المتطرفة في منطقة الســاحل الإفريقي."),
    "kerry": ("تصريحات الوزير", "قال الوزير إن الحملة مستمرة في الأنبار."),
    "zir": ("الزير سالم", "عرض مسلسل الزير سالم على القناة الثقافية."),
    "latin": ("Coalition statement", "The Global Coalition met in Rome; وأكد البيان دعم الاستقرار."),
    "yeh": ("مصطفى يزور مصر", "زار مصطفى القاهرة ومنى الجبوري في بغداد."),
    "phrase": ("حلف شمال الأطلسي", "أكد حلف شمال الأطلسي دعمه، فيما قال الأطلسي إن شمال البلاد آمن."),
    # Every pair of the three-word phrase, never the three in a row.
    "pairs": ("جولة المبعوث", "تحدث عن حلف شمال إفريقيا الجديد، ثم زار شمال الأطلسي."),
}
PENDING = ("مقال غير منشور عن داعش والأنبار", "داعش في نص غير منشور عن الأنبار")

# query → the articles it must find, exactly: seeds by number, extras by name.
CASES = [
    # Alef and hamza forms.
    ("احمد", {"hamza"}), ("أحمد", {"hamza"}), ("إحمد", {"hamza"}), ("آحمد", {"hamza"}),
    ("الإرهاب", {"001", "002", "004", "digits", "hamza", "tatweel"}),
    ("الارهاب", {"001", "002", "004", "digits", "hamza", "tatweel"}),
    # A hamza's seat is the writer's: مسئولين finds مسؤولين.
    ("مسؤولين", {"001", "persian"}), ("مسئولين", {"001", "persian"}),
    # ى / ي, ة / ه, tashkeel, tatweel, Persian letters.
    ("مصطفى", {"tashkeel", "yeh"}), ("مصطفي", {"tashkeel", "yeh"}), ("مُصْطَفَى", {"tashkeel", "yeh"}),
    ("المكتبة", {"marbuta"}), ("المكتبه", {"marbuta"}), ("مكتبة", {"marbuta"}),
    ("الساحل", {"003", "004", "tatweel"}), ("الســـاحل", {"003", "004", "tatweel"}),
    ("سوریا", {"000", "001", "002", "003", "004", "persian"}), ("سوريا", {"000", "001", "002", "003", "004", "persian"}),
    # Digits: Arabic-Indic, Persian and Latin alike.
    ("٢١٧٠", {"digits"}), ("2170", {"digits"}), ("۲۱۷۰", {"digits"}),
    ("2254", {"001", "003", "004"}), ("٢٢٥٤", {"001", "003", "004"}), ("S/RES/2254", {"001", "003", "004"}),
    ("87", {"001"}),
    # Attached و ف ب ل ك and the article.
    ("العراق", {"000", "001", "002", "003", "004", "clitics"}),
    ("والعراق", {"000", "001", "002", "003", "004", "clitics"}),
    ("للعراق", {"000", "001", "002", "003", "004", "clitics"}),
    ("عراق", {"000", "001", "002", "003", "004", "clitics"}),
    ("داعش", {"000", "001", "002", "003", "004", "clitics"}),
    ("لداعش", {"000", "001", "002", "003", "004", "clitics"}),
    ("الأردن", {"clitics"}), ("الكويت", {"002", "003", "clitics"}), ("كالسعودية", {"003", "clitics"}),
    ("لبنان", {"persian"}), ("ولبنان", {"persian"}),
    # A word does not match what merely contains its letters.
    ("وزير", {"000", "001", "002", "003", "004", "kerry"}),
    ("الزير", {"zir"}),
    # Names: aliases, spelling variants, English names.
    ("بلينكن", {"000", "001", "004"}), ("بلنكن", {"000", "001", "004"}), ("Blinken", {"000", "001", "004"}),
    ("ويليامز", {"000", "004"}), ("ويلميس", {"000", "004"}), ("ويلمس", {"000", "004"}),
    ("Wilmès", {"000", "004"}), ("wilmes", {"000", "004"}),
    ("كيري", {"002", "kerry"}), ("Kerry", {"002", "kerry"}),
    ("مايكل بومبيو", {"003"}), ("دى مايو", {"003"}), ("Pompeo", {"003"}),
    ("اشتون كارتر", {"002"}), ("آشتون", {"002"}), ("Carter", {"002"}),
    ("Belgium", {"000", "003", "004"}), ("بلجيكا", {"000", "003", "004"}),
    ("Maldives", {"001"}),
    # Phrases, OR, exclusion.
    ('"حلف شمال الأطلسي"', {"phrase", "003"}),
    ('"شمال الأطلسي حلف"', set()),
    ('"شمال الأطلسي"', {"phrase", "003", "pairs"}),
    ('"وشمال الأطلسي"', {"phrase", "003", "pairs"}),
    ('"الأطلسي شمال"', set()),
    ('"المكتبة المركزية"', {"marbuta"}), ('"المركزية المكتبة"', set()),
    ("«الاجتماع الوزاري»", {"000", "003", "004"}),
    ("بومبيو OR كيري", {"002", "003", "kerry"}), ("بومبيو أو كيري", {"002", "003", "kerry"}),
    ("الأنبار", {"kerry"}),
    ("داعش -سوريا", {"clitics"}),
    ("سوريا -العراق", {"persian"}),
    ("الزير -سالم", set()),
    # Latin text inside an article.
    ("Rome", {"latin"}), ("coalition", {"latin"}),
    # Junk is text, never an error.
    ("'; DROP TABLE archive_article; --", set()), ("a & b | !c", set()), ("<script>alert(1)</script>", set()),
    # No word at all is no query: everything published.
    ("((", None), ('"', None), ("-", None), ("!!! ??", None),
]


def key(article: Article) -> str:
    return article.source_name[:3] if article.source_name[:1].isdigit() else article.source_name[:-4]


class RelevanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        for name, (title, body) in EXTRAS.items():
            factories.article(title, body, source_name=f"{name}.txt")
        factories.article(*PENDING, source_name="pending.txt", status=Article.Status.PENDING)
        kerry = Person.objects.get(name_en="John Kerry")
        PersonMention.objects.create(article=Article.objects.get(source_name="kerry.txt"), person=kerry,
                                     name_as_written="الوزير", sentence="قال الوزير")
        maldives = Country.objects.get(iso_code="MV")
        maldives.name_en = "Maldives"
        maldives.save()

    def found(self, query: str) -> set[str]:
        return {key(a) for a in factories.searched(query)}

    def test_every_case(self):
        self.assertGreaterEqual(len(CASES), 60)
        everything = {key(a) for a in Article.objects.published()}
        for query, expected in CASES:
            with self.subTest(query=query):
                self.assertEqual(self.found(query), everything if expected is None else expected)

    def test_an_exact_match_ranks_above_a_match_of_its_forms(self):
        factories.article("ملف", "تحدث عن العراق مرة واحدة.", source_name="exact.txt")
        factories.article("ملف", "تحدث عن والعراق مرة واحدة.", source_name="prefixed.txt")
        results = [key(a) for a in factories.searched("العراق")]
        self.assertLess(results.index("exact"), results.index("prefixed"))

    def test_a_title_match_ranks_above_a_body_match(self):
        results = [key(a) for a in factories.searched("المكتبه")]
        self.assertEqual(results, ["marbuta"])
        results = [key(a) for a in factories.searched("الأنبار")]
        self.assertEqual(results, ["kerry"])

    def test_it_offers_the_archive_s_spelling_when_a_name_finds_nothing(self):
        query = queries.prune(queries.parse("بلينكم"))
        self.assertEqual(self.found("بلينكم"), set())
        self.assertEqual(queries.did_you_mean(query), "بلينكن")

    def test_it_offers_nothing_when_the_spelling_is_the_archive_s(self):
        self.assertIsNone(queries.did_you_mean(queries.parse("بلينكن")))


class ParseTests(SimpleTestCase):
    def tsquery(self, raw: str) -> str:
        """The tsquery without the marked lexemes each form also looks up."""
        return re.sub(r" \| '_[^']*'", "", queries.parse(raw, variants=False).tsquery())

    def test_each_form_is_looked_up_as_written_and_as_left_of_a_longer_word(self):
        self.assertEqual(queries.parse("بالعراق", variants=False).tsquery(),
                         "('بالعراق' | '_بالعراق' | 'العراق' | '_العراق' | 'عراق' | '_عراق')")

    def test_words_must_all_match(self):
        self.assertEqual(self.tsquery("داعش موصل"), "('داعش') & ('موصل')")

    def test_a_word_matches_its_forms_without_clitics(self):
        self.assertEqual(self.tsquery("والعراق"), "('والعراق' | 'العراق' | 'عراق')")

    def test_a_two_word_phrase_is_one_lookup_of_its_pair(self):
        # Paired by their bare forms (archive.search.indexing).
        self.assertEqual(queries.parse('"حلف شمال"', variants=False).tsquery(), "('حلف شمال')")
        self.assertEqual(queries.parse('"والاجتماع الوزاري"', variants=False).tsquery(), "('اجتماع زاري')")
        self.assertEqual(queries.parse('"المكتبة المركزية"', variants=False).tsquery(), "('مكتبه مركزيه')")

    def test_a_longer_phrase_checks_positions_where_all_its_pairs_are(self):
        tsquery = self.tsquery('"حلف شمال الأطلسي"')
        self.assertIn("'حلف شمال'", tsquery)
        self.assertIn("'شمال اطلسي'", tsquery)
        self.assertIn("('حلف') <-> ('شمال') <-> ('الاطلسي' | 'اطلسي')", tsquery)

    def test_phrases_or_and_exclusion(self):
        by_position = queries.parse('"حلف شمال"', variants=False).tsquery(positional=True)
        self.assertEqual(re.sub(r" \| '_[^']*'", "", by_position), "(('حلف') <-> ('شمال'))")
        self.assertEqual(self.tsquery("مايو OR كيري"), "(('مايو') | ('كيري' | 'يري'))")
        self.assertEqual(self.tsquery("داعش -سوريا"), "('داعش') & !('سوريا')")

    def test_operators_and_markup_are_just_text(self):
        for raw in ("a & b | !c", "<b>x</b>", "'; DROP TABLE t; --", "x:* <-> y", "\\' ''"):
            with self.subTest(raw=raw):
                tsquery = self.tsquery(raw)
                self.assertNotIn("<b>", tsquery)
                self.assertNotIn(":*", tsquery)
                self.assertNotIn(";", tsquery.replace("';'", ""))

    def test_nothing_but_punctuation_is_no_query(self):
        self.assertTrue(queries.parse("!!! ?? --").is_empty)


class SnippetTests(SimpleTestCase):
    def test_it_marks_matches_that_differ_by_hamza_tashkeel_or_a_clitic(self):
        body = "أكّد الوزير أن الإرهابَ في العراق، وأن والعراق يستحق الدعم."
        html = snippets.snippet(body, queries.parse("ارهاب العراق", variants=False)).html()
        self.assertIn("<mark>الإرهابَ</mark>", html)
        self.assertIn("<mark>العراق</mark>", html)
        self.assertIn("<mark>والعراق</mark>", html)

    def test_it_escapes_the_text_before_marking(self):
        body = '<script>alert("داعش")</script> & داعش'
        html = snippets.snippet(body, queries.parse("داعش", variants=False)).html()
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertIn("<mark>داعش</mark>", html)

    def test_it_shows_the_passage_with_the_matches(self):
        body = " ".join(["كلمة"] * 100) + " داعش " + " ".join(["نص"] * 100)
        snippet = snippets.snippet(body, queries.parse("داعش", variants=False))
        self.assertIn("داعش", snippet.plain())
        self.assertTrue(snippet.plain().startswith("… "))
        self.assertLess(len(snippet.plain().split()), 50)

    def test_it_finds_a_form_the_word_does_not_spell_out(self):
        # للعراق is ل + العراق with the article's alef dropped: it matches a
        # search for العراق (the index holds _العراق for it) though it does
        # not hold the letters العراق. Only the typed form is searched here.
        query = queries.Query("العراق", groups=[[queries.Term("العراق", ("العراق",))]])
        body = " ".join(["كلمة"] * 300) + " دعم بلاده للعراق " + " ".join(["نص"] * 100) + " في العراق"
        snippet = snippets.snippet(body, query)
        self.assertIn("<mark>للعراق</mark>", snippet.html())
        short = "كلمة كلمة دعم بلاده للعراق ولا شيء غيره"
        self.assertIn("<mark>للعراق</mark>", snippets.snippet(short, query).html())


class TrigramSuggestionTests(TestCase):
    def test_pg_trgm_finds_the_name_word_that_shares_most_trigrams(self):
        # The last resort for misspellings the skeleton does not bring together.
        Person.objects.create(name="جان إيف لودريان")
        self.assertEqual(list(queries._trigram_words("لودرين")), ["لودريان"])
        self.assertEqual(list(queries._trigram_words("طرابلس")), [])


class RankWindowTests(TestCase):
    """A broad query ranks only a window of its matches in full: the newest,
    and the newest whose title or entities match. The rest follow, newest
    first; every match is still found and counted."""

    @classmethod
    def setUpTestData(cls):
        start = datetime.date(2020, 1, 1)
        cls.old_title_match = factories.article("الموصل بعد التحرير", "تحدث الوزراء عن الموصل.",
                                                published_on=start, source_name="old-title.txt")
        for day in range(1, 9):
            factories.article("اجتماع", f"ذكرت الموصل في اليوم {day}.", published_on=start + datetime.timedelta(days=day))

    def ranked(self) -> list[Article]:
        return list(factories.searched("الموصل"))

    def test_an_old_title_match_outside_the_newest_ranks_first(self):
        with mock.patch.object(ranking, "RANK_WINDOW", 3):
            results = self.ranked()
        self.assertEqual(len(results), 9)
        self.assertEqual(results[0], self.old_title_match)

    def test_matches_outside_the_window_follow_newest_first(self):
        with mock.patch.object(ranking, "RANK_WINDOW", 2):
            results = self.ranked()
        rest = [a.published_on for a in results[3:]]
        self.assertEqual(rest, sorted(rest, reverse=True))
        self.assertEqual(len(set(results)), 9)


class LongSnippetTests(SimpleTestCase):
    def test_a_match_deep_in_a_long_body_is_found_and_marked(self):
        body = " ".join(f"كلمة{n}" for n in range(3000)) + " وليتوانيا " + " ".join(["نص"] * 50)
        snippet = snippets.snippet(body, queries.parse("ليتوانيا", variants=False))
        self.assertTrue(snippet.matched)
        self.assertIn("<mark>وليتوانيا</mark>", snippet.html())
        self.assertTrue(snippet.plain().startswith("… "))

    def test_a_body_without_a_match_opens_the_snippet(self):
        body = " ".join(f"كلمة{n}" for n in range(3000))
        snippet = snippets.snippet(body, queries.parse("ليتوانيا", variants=False))
        self.assertFalse(snippet.matched)
        self.assertTrue(snippet.plain().startswith("كلمة0 "))
        self.assertTrue(snippet.plain().endswith(" …"))


class LatinSearchTests(TestCase):
    """A Latin query finds the people the articles write in Arabic: the
    known officials by their English names, everyone else by the sound of
    the name."""

    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        # Nobody curated Tillerson here: no English name, only the press's spelling.
        tillerson = Person.objects.create(name="ريكس تيلرسون")
        cls.washington = factories.article("تيلرسون يستضيف التحالف", "قال ريكس تيلرسون إن التحالف سيهزم داعش.")
        PersonMention.objects.create(article=cls.washington, person=tillerson, name_as_written="ريكس تيلرسون", sentence="س")
        le_drian = Person.objects.create(name="جان إيف لودريان", name_en="Jean-Yves Le Drian")
        cls.paris = factories.article("لودريان يفتتح المؤتمر", "افتتح جان إيف لودريان مؤتمر باريس.")
        PersonMention.objects.create(article=cls.paris, person=le_drian, name_as_written="جان إيف لودريان", sentence="س")
        cls.other = factories.article("أخبار أخرى", "أمطار غزيرة في عمان.")

    def test_a_latin_name_finds_a_person_nobody_gave_an_english_name(self):
        self.assertEqual(factories.searched("Tillerson"), [self.washington])

    def test_an_english_name_finds_the_arabic_spelling_in_its_place(self):
        # "Drian" sounds like nothing the press writes (لودريان); the English name says which word it is.
        self.assertEqual(factories.searched("Drian"), [self.paris])

    def test_a_latin_word_that_is_nobody_s_name_finds_nothing(self):
        self.assertEqual(factories.searched("Gutenberg"), [])

    def test_a_hamza_seat_is_no_barrier(self):
        written = factories.article("لقاء المسئولين", "التقى المسئولون في القاهرة لبحث شئون المنطقة.")
        self.assertEqual(factories.searched("المسؤولون شؤون"), [written])


class NameWordsUpkeepTests(TestCase):
    """A spelling an editor adds is searched at once: the process's copy of
    the people's name words goes when the people's version moves
    (migration 0032)."""

    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        cls.person = Person.objects.create(name="أبو بكر البغدادي")
        cls.speech = factories.article("تسجيل للبغدادي", "ظهر أبو بكر البغدادي في تسجيل جديد.")
        PersonMention.objects.create(article=cls.speech, person=cls.person, name_as_written="أبو بكر البغدادي", sentence="س")

    def test_a_new_alias_finds_the_person_s_articles_at_once(self):
        self.assertEqual(factories.searched("البدري"), [])
        PersonAlias.objects.create(person=self.person, name="إبراهيم عواد البدري")
        self.assertEqual(factories.searched("البدري"), [self.speech])


class MeetingFactsInSearchTests(TestCase):
    def test_a_meeting_s_place_and_year_find_its_articles_that_never_write_them(self):
        from archive.models import Meeting

        factories.without_calendar()
        kuwait = Meeting.objects.create(name="الاجتماع الوزاري في الكويت", place="الكويت", date=datetime.date(2018, 2, 13))
        dated = factories.article("اجتماع التحالف في الكويت 2018", "عقد اجتماع التحالف في الكويت عام 2018.", meeting=kuwait)
        undated = factories.article("وزراء التحالف يجتمعون", "بدأ اجتماع وزراء التحالف اليوم.", meeting=kuwait)
        factories.article("اجتماع آخر", "اجتماع في عمان عام 2019.")
        self.assertEqual(set(factories.searched("اجتماع الكويت 2018")), {dated, undated})
