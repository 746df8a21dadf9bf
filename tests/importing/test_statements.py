"""Who said what, read from article bodies (archive.importing.statements)."""

from pathlib import Path

from django.test import SimpleTestCase, TestCase

from archive import text
from archive.importing import cleaning, extraction, people, pipeline, statements
from tests import factories

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
ROME = (
    "وزراء التحالف يبحثون في روما مستقبل الحملة على داعش\n\n"
    "وقال وزير الخارجية الأمريكي أنتوني بلينكن إن «التحالف سيبقى حتى هزيمة التنظيم».\n"
)


def _read_seed(name: str) -> tuple[str, tuple[statements.StatementFact, ...]]:
    cleaned = cleaning.clean((SEEDS / name).read_text(encoding="utf-8"))
    facts = extraction.extract(cleaned.body, cleaned.published_on, title=cleaned.title)
    return cleaned.body, facts.statements


def _read(body: str, known: tuple[str, ...] = ()) -> tuple[statements.StatementFact, ...]:
    """The statements of a body, read with these names as the archive's known officials."""
    return extraction.extract(body, title="عنوان", known=people.KnownNames(known)).statements


def _said(found, words: str) -> statements.StatementFact | None:
    """The statement whose text holds these words (after normalization)."""
    wanted = text.key(words)
    return next((fact for fact in found if wanted in text.key(fact.text)), None)


class SeedStatementsTests(SimpleTestCase):
    """The statements a careful reader sees in the five seed articles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seeds = {path.name[:3]: _read_seed(path.name) for path in sorted(SEEDS.glob("*.txt"))}

    def test_fuad_hussein_calls_for_al_hol_and_thanks_nato(self):
        _, found = self.seeds["000"]
        al_hol = _said(found, "معالجة الوضع الإنسانيّ للعائلات في مُخيَّم الهول")
        self.assertIsNotNone(al_hol)
        self.assertEqual((al_hol.speaker, al_hol.speaker_kind, al_hol.verb), ("فؤاد حسين", "person", "ودعا"))
        self.assertTrue(al_hol.quote)
        nato = _said(found, "نقدم شكرنا إلى بعثة الناتو في العراق")
        self.assertEqual((nato.speaker, nato.verb), ("فؤاد حسين", "وأضاف"))  # «وأضاف» goes on with the speaker
        self.assertTrue(nato.inherited)

    def test_the_iraqi_minister_by_office_is_fuad_hussein(self):
        _, found = self.seeds["000"]
        thanks = _said(found, "شكر العراق لدول التحالف")  # «وأعرب الوزير العراقي، بحسب البيان، عن …»
        self.assertEqual(thanks.speaker, "فؤاد حسين")
        self.assertEqual(thanks.speaker_by, "office")

    def test_kerry_and_carter_speak_in_seed_002(self):
        _, found = self.seeds["002"]
        kerry = _said(found, "عدد مقاتلي التنظيم تراجع بمقدار الثلث")
        self.assertEqual(kerry.speaker, "جون كيري")
        carter = _said(found, "هناك ثلاثة أهداف رئيسية للتحالف الدولي")
        self.assertEqual(carter.speaker, "اشتون كارتر")
        self.assertEqual(carter.verb, "قال")  # «من جانبه قال وزير الدفاع الامريكي آشتون كارتر»
        by_office = _said(found, "الحاجة لمواجهة الدعاية")  # «كما اشار وزير الخارجية الامريكي الى …»
        self.assertEqual(by_office.speaker, "جون كيري")

    def test_the_ministers_speak_together_in_every_seed(self):
        for seed, (_, found) in self.seeds.items():
            with self.subTest(seed=seed):
                collective = [fact for fact in found if fact.speaker_kind == "collective"]
                self.assertTrue(collective)
                self.assertTrue(
                    {fact.collective for fact in collective} & {"ministers", "statement", "coalition"}, collective
                )

    def test_none_from_the_appended_rubio_article(self):
        body, found = self.seeds["001"]
        self.assertNotIn("روبيو", body)
        for fact in found:
            self.assertNotIn("روبيو", fact.text + fact.speaker)

    def test_the_ministers_by_the_statement(self):
        _, found = self.seeds["001"]
        fact = _said(found, "أهمية إيجاد حلول دائمة للسكان المتبقين")  # «وأكد الوزراء، بحسب البيان، على …»
        self.assertEqual((fact.speaker, fact.collective), ("الوزراء", "ministers"))

    def test_a_ministrys_statement_speaks_for_its_government(self):
        _, found = self.seeds["003"]
        fact = _said(found, "سيركز بشكل خاص على العراق وسوريا")  # «أشارت مذكرة لوزارة الخارجية الايطالية»
        self.assertEqual((fact.collective, fact.country), ("government", "IT"))
        self.assertEqual(fact.speaker, "وزارة الخارجية الايطالية")

    def test_spans_hold_the_verb_and_the_words(self):
        for seed, (body, found) in self.seeds.items():
            for fact in found:
                with self.subTest(seed=seed, text=fact.text[:30]):
                    self.assertTrue(body[fact.start:fact.end].startswith(fact.verb))
                    self.assertIn(fact.text, body[fact.start:fact.end])
                    self.assertLessEqual(fact.start, fact.text_start)


class ReaderRuleTests(SimpleTestCase):
    """One rule of the reader each, on the smallest text that shows it."""

    def test_every_quote_style(self):
        for opening, closing in (("“", "”"), ('"', '"'), ("«", "»")):
            with self.subTest(opening=opening):
                found = _read(f"وقال وزير الخارجية الأمريكي جون كيري: {opening}سنهزم التنظيم في كل مكان{closing}.")
                self.assertEqual(len(found), 1)
                self.assertEqual(found[0].text, "سنهزم التنظيم في كل مكان")
                self.assertTrue(found[0].quote)
                self.assertEqual(found[0].speaker, "جون كيري")

    def test_a_quotation_closed_by_a_mark_of_another_kind(self):
        # «… العسكرية” (dev12/02): read as running to the paragraph's end, the
        # quotation hid every statement after it.
        found = _read(
            "قرر المجتمعون محاربة التنظيم ب«جميع الوسائل اللازمة، بما فيها العسكرية”. "
            "وأكد الحاضرون أن التنظيم يشكل خطرا على المجموعة الدولية. "
            "وقال وزير الخارجية الفرنسي لوران فابيوس إن التمويل كان محور النقاش."
        )
        self.assertEqual([fact.speaker for fact in found], ["الحاضرون", "لوران فابيوس"])
        self.assertEqual(statements.quoted_spans("قال «سنهزم التنظيم” ثم غادر"), [(4, 19)])

    def test_accusing_and_urging_report_speech(self):
        # «واتهم» (dev12/11), «وحضّ» (dev12/41), «متهما» (dev12/09).
        found = _read(
            "واتهم رئيس الوزراء العراقي حيدر العبادي التحالف الدولي بعدم بذل ما يكفي من الجهود. "
            "وحضّ وزير الخارجية السعودي فيصل بن فرحان دول العالم على العمل سويا، متهما التنظيم بتشويه صورة الإسلام."
        )
        self.assertEqual([(fact.speaker, fact.verb) for fact in found],
                         [("حيدر العبادي", "واتهم"), ("فيصل بن فرحان", "وحضّ"), ("فيصل بن فرحان", "متهما")])

    def test_a_verb_inside_a_quotation_opens_nothing(self):
        found = _read("وقال وزير الخارجية الأمريكي جون كيري إن \"الوزراء أكدوا دعمهم للعراق وقالوا إنهم باقون\".")
        self.assertEqual(len(found), 1)

    def test_reported_speech_with_fa_and_the_plural(self):
        found = _read("أكد الوزراء دعمهم للحكومة العراقية. فأكدوا أهمية العمل المشترك ضد التنظيم.")
        self.assertEqual([fact.speaker for fact in found], ["الوزراء", "الوزراء"])
        self.assertEqual(found[1].verb, "فأكدوا")

    def test_a_participle_opens_another_statement_by_the_same_speaker(self):
        found = _read("وقال وزير الخارجية الأمريكي جون كيري إن التحالف يتقدم، مشيرا إلى أن التنظيم خسر نصف أرضه.")
        self.assertEqual([fact.verb for fact in found], ["وقال", "مشيرا"])
        self.assertEqual(found[1].speaker, "جون كيري")
        self.assertIn("التنظيم خسر نصف أرضه", found[1].text)
        self.assertNotIn("خسر", found[0].text)

    def test_a_state_speaks_for_its_government(self):
        found = _read("وأكدت السعودية أنها ستستضيف الاجتماع المقبل للتحالف.")
        self.assertEqual((found[0].collective, found[0].country), ("government", "SA"))

    def test_an_office_the_article_names_no_one_for(self):
        found = _read("وقال وزير الخارجية العراقي إن بلاده ترحب بالدعم.")
        self.assertEqual(found[0].speaker_kind, "person")
        self.assertFalse(found[0].named)
        self.assertEqual(found[0].speaker_by, "unnamed")

    def test_a_noun_that_looks_like_a_verb_needs_its_speaker(self):
        # «في باريس أكد وزير الدفاع …»: a verb inside a clause, its speaker named after it.
        found = _read("وفي مؤتمر صحفي في باريس أكد وزير الدفاع الأمريكي أشتون كارتر أن الهدف هو القضاء على التنظيم.")
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0].verb, "أكد")
        # A verb's letters mid-clause with no speaker after them: nothing.
        self.assertEqual(_read("وجرى الاجتماع في مقر الوزارة الذي قال عنه الجميع الكثير."), ())

    def test_no_statement_without_a_speaker(self):
        self.assertEqual(_read("وأضاف أن الاجتماع سيعقد في روما."), ())

    def test_a_verb_with_no_subject_goes_on_with_the_speaker_it_agrees_with(self):
        found = _read(
            "وقالت المتحدثة باسم الخارجية الأمريكية جين ساكي إن الاجتماع مهم. وقال وزير الخارجية الأمريكي جون كيري "
            "إن التحالف يتقدم. وأضافت أن الدعوات وجهت إلى ستين دولة. وأكدوا دعم العراق في حربه."
        )
        self.assertEqual([fact.verb for fact in found], ["وقالت", "وقال", "وأضافت"])
        self.assertEqual(found[2].speaker, "جين ساكي")  # not Kerry, the latest: «وأضافت» is hers
        # «وأكدوا»: no human plural spoke before it; no statement rather than a wrong speaker.

    def test_a_speaker_named_before_the_verb(self):
        found = _read("وقال وزير الدفاع الأمريكي أشتون كارتر إن الحملة تتقدم. وكان كارتر قد أعلن أن القوات ستبقى في العراق.")
        self.assertEqual([(fact.verb, fact.speaker, fact.speaker_by) for fact in found][1], ("أعلن", "أشتون كارتر", "before"))

    def test_a_speaker_at_a_clause_s_head_before_the_verb(self):
        found = _read(
            "الخارجية الأمريكية أكدت أن الاجتماع سيعقد في روما. وكان مسؤولون قد قالوا إن ممثلي 23 بلدا سيجتمعون. "
            "وقال وزير الخارجية الأمريكي جون كيري إن الحملة تتقدم، أما وزير الخارجية الفرنسي لوران فابيوس فنفى نية بلاده التدخل."
        )
        self.assertEqual(
            [(fact.verb, fact.speaker, fact.collective) for fact in found],
            [("أكدت", "الخارجية الأمريكية", "government"), ("قالوا", "مسؤولون", "other"), ("وقال", "جون كيري", ""),
             ("فنفى", "لوران فابيوس", "")],
        )

    def test_a_speaker_inside_what_was_said_opens_nothing(self):
        found = _read("وقال وزير الدفاع الأمريكي أشتون كارتر إن دول الناتو اتفقت على تكثيف ضرباتها ضد داعش.")
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0].text, "دول الناتو اتفقت على تكثيف ضرباتها ضد داعش")

    def test_a_verb_whose_first_letter_is_waw_is_not_conjoined(self):
        found = _read("وتابع وزير الخارجية الأمريكي جون كيري أن وزراء دول التحالف وافقوا على استراتيجية من خمسة محاور.")
        self.assertEqual([fact.speaker for fact in found], ["جون كيري"])
        self.assertIn("وافقوا على استراتيجية", found[0].text)

    def test_two_speakers_of_one_verb(self):
        found = _read(
            "وحضر رئيس الوزراء العراقي حيدر العبادي ورئيس مجلس النواب سليم الجبوري. "
            "ورأى كل من رئيس الوزراء العراقي حيدر العبادي ورئيس مجلس النواب سليم الجبوري أن غارات التحالف لم تحقق أهدافها بعد."
        )
        self.assertEqual([fact.speaker for fact in found], ["حيدر العبادي", "سليم الجبوري"])
        self.assertEqual({fact.text for fact in found}, {"غارات التحالف لم تحقق أهدافها بعد"})

    def test_an_office_in_the_dual(self):
        found = _read(
            "والتقى العبادي مع وزيري الخارجية الاميركي جون كيري والبريطاني فيليب هاموند. "
            "واكد الوزيران الاميركي والبريطاني انهما سيلبيان حاجات بغداد.",
            known=("جون كيري", "فيليب هاموند"),
        )
        self.assertEqual([fact.speaker for fact in found], ["جون كيري", "فيليب هاموند"])

    def test_a_title_that_runs_across_prepositions_to_a_name(self):
        found = _read(
            "وقال المبعوث الرئاسي في الخارجية الأمريكية لـ”التحالف الدولي” ضد “داعش” بريت ماكغورك إن وزراء 46 بلدا سيشاركون. "
            "وقال وزير الخارجية العراقي خلال لقائه جون كيري إن بغداد تحتاج إلى السلاح.",
            known=("بريت ماكغورك", "جون كيري"),
        )
        self.assertEqual([(fact.speaker, fact.named) for fact in found], [("بريت ماكغورك", True), ("وزير الخارجية العراقي", False)])

    def test_a_statement_stays_its_issuer_s(self):
        found = _read(
            "ويشارك ممثلون عن عدة منظمات دولية حسب بيان للخارجية المغربية. وأوضح البيان أن التحالف سيركز على إفريقيا."
        )
        self.assertEqual((found[-1].collective, found[-1].country), ("government", "MA"))

    def test_but_is_not_what_was_said(self):
        found = _read("غير أن وزير الخارجية العراقي إبراهيم الجعفري اعتبر هذه التعهدات أقل مما يتطلبه العراق.")
        self.assertEqual([fact.speaker for fact in found], ["إبراهيم الجعفري"])

    def test_a_person_named_before_the_verb_after_that(self):
        found = _read(
            "وقال الأمين العام لحلف شمال الأطلنطي ينس شتولتنبرج إن الهجمات بدأت تؤتي ثمارها. "
            "وذكرت قناة سكاي نيوز أن شتولتنبرج رحب بالدور المهم الذي تؤديه قوات التحالف."
        )
        self.assertEqual([fact.speaker for fact in found][-1], "ينس شتولتنبرج")

    def test_an_honorific_pronoun_is_the_person_named_before(self):
        found = _read(
            "وترأس وفد المملكة معالي وزير الخارجية الأستاذ عادل بن أحمد الجبير. "
            "وأكد معاليه خلال الاجتماع على موقف المملكة المندد بالإرهاب بكافة أشكاله."
        )
        self.assertEqual([fact.speaker for fact in found], ["عادل بن أحمد الجبير"])

    def test_abbara_inside_a_clause_with_its_speaker_and_an(self):
        found = _read(
            "وحول هذا الاجتماع عبر وزير الدفاع الأمريكي مارك اسبير، عن قناعته بوحدة موقف دول التحالف. "
            "وأجرى الوزير محادثات عبر تقنية الاتصال المرئي مع نظرائه."
        )
        self.assertEqual([(fact.verb, fact.speaker) for fact in found], [("عبر", "مارك اسبير")])

    def test_an_office_the_reference_data_gives_a_person_the_article_names_without_it(self):
        body = "التقى عادل الجبير نظراءه في واشنطن. وقال وزير الخارجية إن التحالف نشأ في سبتمبر 2014."
        known = people.KnownNames(["عادل الجبير"], offices={"عادل الجبير": ("وزير الخارجية", "SA")})
        found = extraction.extract(body, title="عنوان", known=known).statements
        self.assertEqual([(fact.speaker, fact.speaker_by) for fact in found], [("عادل الجبير", "office")])
        # Without the reference office, the minister is not named.
        found = extraction.extract(body, title="عنوان", known=people.KnownNames(["عادل الجبير"])).statements
        self.assertEqual([(fact.speaker, fact.named) for fact in found], [("وزير الخارجية", False)])

    def test_the_latter_is_the_person_named_last(self):
        found = _read(
            "وقال وزير الخارجية المغربي ناصر بوريطة إن الاجتماع مهم. وأجرى بوريطة مباحثات مع وزيرة الشؤون الخارجية "
            "النرويجية أنيكين هويتفيلد، حيث أكدت هذه الأخيرة مشاركتها في الاجتماع الوزاري للتحالف."
        )
        self.assertEqual([fact.speaker for fact in found], ["ناصر بوريطة", "أنيكين هويتفيلد"])

    def test_a_verb_after_a_phrase_the_sentence_opens_with(self):
        found = _read(
            "وقال وزير الخارجية الأمريكي ريكس تيلرسون إن داعش انتشر في كل القارات. "
            "وعلى الجانب السوري أكد أنهم يتطلعون إلى مرحلة دحر داعش في الرقة."
        )
        self.assertEqual([(fact.verb, fact.speaker, fact.inherited) for fact in found][1], ("أكد", "ريكس تيلرسون", True))

    def test_a_statement_inside_another_s_words_does_not_cut_it(self):
        found = _read(
            "وشارك وزير الخارجية البلجيكي ديدييه رايندرس في لقاء روما. "
            "وقالت الخارجية البلجيكية في بيان إن ديدييه رايندرس أعرب عن ارتياحه لتراجع داعش في سوريا والعراق."
        )
        ministry = next(fact for fact in found if fact.collective == "government")
        self.assertEqual(ministry.text, "ديدييه رايندرس أعرب عن ارتياحه لتراجع داعش في سوريا والعراق")
        self.assertEqual([fact.speaker for fact in found if fact.speaker_kind == "person"], ["ديدييه رايندرس"])

    def test_someone_quoted_by_office_and_name_inside_another_s_words_speaks_for_himself(self):
        # dev12/43: a correspondent relays the minister; the next «وأشار» is the correspondent's again.
        found = _read(
            "قال جمال الوصيف، مراسل القناة من جدة، إن الاجتماع انتهى. "
            "وأوضح أن وزير الخارجية الأمريكية أنتوني بلينكن، أكد أن إفريقيا شهدت أكثر من نصف القتلى. "
            "وأشار إلى أن الدعم سيستمر للدول المتضررة."
        )
        said = {fact.verb: (fact.speaker, fact.text) for fact in found}
        self.assertEqual(said["أكد"], ("أنتوني بلينكن", "إفريقيا شهدت أكثر من نصف القتلى"))
        self.assertEqual(_said(found, "الدعم سيستمر للدول المتضررة").speaker, "جمال الوصيف")

    def test_someone_quoted_inside_another_s_words_goes_on_to_the_sentence_s_end(self):
        # dev5/30: the participle after the quoted minister is his.
        found = _read(
            "شارك وزير الخارجية سامح شكري في الاجتماع عبر الفيديو. "
            "وقال المتحدث باسم الخارجية أحمد حافظ إن الاجتماع ناقش الوضع في سوريا. "
            "وأوضح ان شكري أكد ضرورة استمرار جهود الائتلاف، مشددا على أهمية مواجهة التنظيم في أفريقيا. "
            "وأضاف أن الوزير التقى نظراءه."
        )
        self.assertEqual(_said(found, "أهمية مواجهة التنظيم في أفريقيا").speaker, "سامح شكري")
        self.assertEqual(_said(found, "الوزير التقى نظراءه").speaker, "أحمد حافظ")

    def test_a_source_in_two_words_closing_its_sentence_said_what_came_before(self):
        # dev12/25: «بحسب ما اعلن مسؤول في الخارجية الاميركية الاحد», the official's workplace with him.
        found = _read(
            "يعقد وزير الدفاع الاميركي اشتون كارتر غدا الاثنين في الكويت اجتماعا استثنائيا حول سبل التصدي لتنظيم داعش،"
            " بحسب ما اعلن مسؤول في الخارجية الاميركية الاحد."
        )
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0].speaker, "مسؤول في الخارجية الاميركية")
        self.assertTrue(found[0].text.startswith("يعقد وزير الدفاع الاميركي اشتون كارتر غدا الاثنين في الكويت"))

    def test_a_quotation_that_lost_its_closing_mark_ends_before_the_next_speaker(self):
        # dev12/02: the first “ never closes; Fabius speaks in the next sentence.
        found = _read(
            "ودعا الرئيس الفرنسي، فرانسوا هولاند، إلى “تقديم كل الدعم للقوى الديمقراطية في سوريا. "
            "وقال وزير خارجية فرنسا، لوران فابيوس، إن الكثير من الحضور “ركزوا على تجفيف منابع التمويل” للتنظيم."
        )
        self.assertEqual(_said(found, "الكثير من الحضور").speaker, "لوران فابيوس")

    def test_the_official_of_a_state_is_the_person_of_that_state_named_before(self):
        # dev6/13: «المسؤول المغربي» takes up Bourita; dev/21: «المسؤول» after «مسؤول … الأمريكية» stays unnamed.
        found = _read("قال وزير الخارجية المغربي ناصر بوريطة إن الاجتماع ناجح. وأضاف المسؤول المغربي أن البلدان الأفريقية ستستفيد.")
        self.assertEqual(_said(found, "البلدان الأفريقية ستستفيد").speaker, "ناصر بوريطة")
        found = _read(
            "أعلن مسؤول كبير بوزارة الخارجية الأمريكية عن اجتماع مرتقب للتحالف. وقال ترامب إن البغدادي قتل. "
            "وقال المسؤول الأمريكي إن السجون لا تزال آمنة."
        )
        self.assertNotEqual(_said(found, "السجون لا تزال آمنة").speaker, "دونالد ترامب")

    def test_officials_named_after_a_singular_verb_go_on_with_a_plural_one(self):
        # dev12/12: «وقال مسؤولون … وأضافوا»: the verb before its subject is singular.
        found = _read(
            "وقال مسؤولون إن 23 دولة من الائتلاف ستراجع جهودها لاستعادة الأراضي. "
            "وأضافوا، أن اجتماع اليوم سيتناول سبل تحقيق الاستقرار في مناطق مثل تكريت."
        )
        self.assertEqual(_said(found, "اجتماع اليوم سيتناول").speaker, "مسؤولون")

    def test_a_participle_after_a_narrated_speech_is_its_subject_s(self):
        # dev12/22: «وألقى شكري كلمة …، مؤكدا …» with no statement before it.
        found = _read(
            "عاد وزير الخارجية سامح شكري إلى القاهرة. "
            "وألقى شكري كلمة أمام اجتماع وزراء خارجية التحالف الدولي، مؤكدا ضرورة تبني مقاربة شاملة للتعامل مع الظاهرة."
        )
        self.assertEqual(_said(found, "ضرورة تبني مقاربة شاملة").speaker, "سامح شكري")

    def test_a_noun_after_min_opens_nothing(self):
        found = _read("أكد مستشار رئيس مجلس الشورى الإيراني حسين شيخ الإسلام أن الهدف من طرح تشكيل التحالف هو التدخل.")
        self.assertEqual(len(found), 1)
        self.assertIn("طرح تشكيل التحالف", found[0].text)

    def test_a_person_by_a_surname_with_its_particle(self):
        found = _read(
            "والتقى بلينكن وزير الخارجية الإيطالي لويجي دي مايو. وقال دي مايو خلال اجتماع مع بلينكن إن النقاط المركزية حددت."
        )
        self.assertEqual([fact.speaker for fact in found], ["لويجي دي مايو"])

    def test_a_state_glued_to_its_article_as_copied_pages_lose_spaces(self):
        found = _read("تعهدت الولاياتالمتحدةالأمريكية تقديم 200 مليون دولار لدعم جهود التحالف الدولي.")
        self.assertEqual((found[0].collective, found[0].country), ("government", "US"))

    def test_an_office_of_a_person_is_his_government(self):
        found = _read("أكد مكتب الرئيس الفرنسي فرانسوا هولاند، الثلاثاء، أن فرنسا ستستضيف مؤتمرا دوليا بشأن العراق.")
        self.assertEqual((found[0].speaker_kind, found[0].collective), ("collective", "government"))
        self.assertEqual(found[0].speaker, "مكتب الرئيس الفرنسي فرانسوا هولاند")

    def test_many_states_together_are_the_meeting_s_members(self):
        found = _read(
            "واكدت الولايات المتحدة ودول الخليج مع مصر ولبنان والاردن والعراق، اليوم، التزامها العمل معا على محاربة التنظيم. "
            "وأكدت فرنسا وبريطانيا أن المعركة ضد الجهاديين لم تنته."
        )
        self.assertEqual([(fact.collective, fact.country) for fact in found], [("ministers", None), ("government", "FR"), ("government", "GB")])

    def test_a_state_news_agency_is_its_government_any_other_agency_is_not(self):
        found = _read(
            "وأكدت وكالة الأنباء السعودية الرسمية أن اجتماع جدة سيبحث موضوع الإرهاب. "
            "من جانبها، ذكرت وكالة أكي الإيطالية للأنباء أن المشاركين يسعون لرسم ملامح المرحلة المقبلة."
        )
        self.assertEqual([fact.collective for fact in found], ["government", "other"])

    def test_the_speaker_a_relative_pronoun_stands_for(self):
        found = _read(
            "وسط تساؤلات عن استراتيجية الرئيس الأميركي دونالد ترامب الذي يكرر أنه سيقضي على الإرهابيين. "
            "ويضم التحالف 83 عضوا من بينها الولايات المتحدة، التي تؤكد أنها تواصل التزامها بإلحاق الهزيمة بالتنظيم. "
            "وجرى الاجتماع في مقر الوزارة الذي قال عنه الجميع الكثير."
        )
        self.assertEqual(
            [(fact.speaker, fact.collective) for fact in found], [("دونالد ترامب", ""), ("الولايات المتحدة", "government")]
        )

    def test_two_bodies_before_one_verb(self):
        found = _read("يشار إلى أن التحالف والحكومة العراقية جددا التأكيد أمس على أن وجود القوات كان بدعوة من الحكومة.")
        self.assertEqual([fact.collective for fact in found], ["coalition", "government"])

    def test_a_rank_with_its_state_is_an_office(self):
        found = _read(
            "وأشار الجنرال الكندي المتقاعد غاستون كوتي إلى أنه سيتم التطرق إلى الدور الذي تلعبه تركيا في النزاع."
        )
        self.assertEqual((found[0].speaker, found[0].speaker_kind), ("غاستون كوتي", "person"))

    def test_a_news_outlet_by_its_name_of_two_words(self):
        found = _read("وقالت سكاي نيوز إن الاجتماع يأتي بعد إعلان الرئيس الأميركي عن خطته.")
        self.assertEqual((found[0].speaker, found[0].collective), ("سكاي نيوز", "other"))

    def test_a_source_inside_a_sentence_with_no_speech_verb(self):
        found = _read("ويأتي اللقاء، بحسب البيان الأردني، في إطار تعزيز الجهود والتنسيق بين الأطراف. ويتم ذلك حسب الحاجة.")
        self.assertEqual(len(found), 1)
        self.assertEqual((found[0].verb, found[0].collective), ("", "statement"))
        self.assertIn("في إطار تعزيز الجهود", found[0].text)

    def test_a_source_closing_its_sentence_said_what_came_before(self):
        found = _read("وأجرى الوزيران محادثات حول الوضع في العراق وفي سوريا، حسبما ذكرت مصادر من الوفود.")
        self.assertEqual([(fact.speaker, fact.collective) for fact in found], [("مصادر", "other")])
        self.assertEqual(found[0].text, "وأجرى الوزيران محادثات حول الوضع في العراق وفي سوريا")

    def test_a_speaker_set_off_in_quotation_marks(self):
        found = _read("أعلن «التحالف الدولي لمحاربة تنظيم داعش»، أمس، «انتهاء العمليات العسكرية الكبرى ضد التنظيم في العراق».")
        self.assertEqual((found[0].speaker_kind, found[0].collective), ("collective", "coalition"))
        self.assertTrue(found[0].quote)

    def test_the_one_quoted_speaks_when_an_agency_relays_them(self):
        found = _read("ونقلت وكالة رويترز عن مسؤولين أن الاجتماع سيعقد في واشنطن الأسبوع المقبل.")
        self.assertEqual((found[0].speaker, found[0].collective), ("مسؤولين", "other"))

    def test_a_sentence_that_names_its_source(self):
        found = _read("وبحسب البيان الختامي، فإن المشاركين يدعمون الحكومة العراقية بكل الوسائل.")
        self.assertEqual((found[0].collective, found[0].verb), ("statement", ""))
        self.assertIn("المشاركين يدعمون الحكومة العراقية", found[0].text)

    def test_a_stray_closing_quote_opens_nothing(self):
        found = _read(
            'وقال وزير الخارجية الأمريكي جون كيري إن التحالف يضم أكثر من 60 دولة". '
            'وأضاف: "جميعنا نفهم أن داعش مشكلة عالمية".'
        )
        self.assertEqual([fact.verb for fact in found], ["وقال", "وأضاف"])
        self.assertEqual(found[1].text, "جميعنا نفهم أن داعش مشكلة عالمية")

    def test_who_gave_a_speech_says_what_follows_with_no_subject(self):
        # dev13/b08 (arabafricanews), shortened: the speech announced, then
        # a participle and a verb with no subject of their own.
        found = _read(
            "ألقى وزير الخارجيَّة العراقية محمد علي الحكيم كلمة العراق في الاجتماع الوزاريِّ للتحالف الدوليِّ في واشنطن.\n"
            "واستهلَّ الكلمة مُثمِّناً دعم دول التحالف للعراق في الحرب ضدّ الإرهاب بمُختلِف المجالات.\n"
            "وأكَّد أنَّ قواتنا المسلحة قدَّمت أروع صُوَر البسالة لتحرير الأرض من عصابات داعش الإرهابيَّة.\n",
            known=("محمد علي الحكيم",),
        )
        self.assertEqual([(fact.speaker, fact.verb) for fact in found],
                         [("محمد علي الحكيم", "مُثمِّناً"), ("محمد علي الحكيم", "وأكَّد")])
        # A speech announced by no one named gives no speaker.
        self.assertEqual(_read("ألقى كلمة في الاجتماع الوزاري للتحالف. وأكد أن التحالف باق حتى هزيمة داعش."), ())

    def test_by_his_saying_is_the_sentence_s_subject_s_statement(self):
        # dev13/a19 (a DW mirror): «بقوله» with the sentence's subject, after another speaker.
        found = _read(
            "ووصل وزير الدفاع الأمريكي أشتون كارتر إلى شتوتغارت لحضور الاجتماع. "
            "وقال رئيس الوزراء العراقي حيدر العبادي إن المعركة ستطول في الموصل. "
            'وحاول كارتر بتصريحاته تهيئة التحالف الدولي لمعركة طويلة بقوله: "هذه المعركة لم تنته بعد، وهناك مخاطر كبيرة".',
            known=("حيدر العبادي", "أشتون كارتر"),
        )
        saying = _said(found, "هذه المعركة لم تنته بعد")
        self.assertEqual((saying.speaker, saying.verb, saying.quote), ("أشتون كارتر", "بقوله", True))
        self.assertEqual(_said(found, "المعركة ستطول").speaker, "حيدر العبادي")

    def test_a_participle_after_an_office_and_name_is_theirs_but_not_a_feminine_one(self):
        # dev/14 (almwaten): the subject named by office and name, with no statement before the participle.
        sentence = ("أجرى وزير الخارجية المغربي ناصر بوريطة، اجتماعا في بلدة الصخيرات لبحث آخر المستجدات ضد تنظيم "
                    '"داعش"، {} خلال اللقاء أن أكثر من عشرة آلاف مسلح موجودون في قارة أفريقيا.')
        found = _read(sentence.format("منوها"), known=("ناصر بوريطة",))
        self.assertEqual([(fact.speaker, fact.verb) for fact in found], [("ناصر بوريطة", "منوها")])
        self.assertEqual(_read(sentence.format("منوهة"), known=("ناصر بوريطة",)), ())

    def test_words_a_paper_relayed_from_a_prince_named_by_his_father_s_name(self):
        # dev13/b13: «بن فرحان» is Faisal bin Farhan; the words open at the colon past the aside.
        found = _read(
            "أكد وزير الخارجية السعودي الأمير فيصل بن فرحان تقدير المملكة لدور التحالف الدولي ضد داعش. ونقلت صحيفة "
            '"عكاظ" على موقعها الإلكتروني اليوم الخميس عن بن فرحان قوله، خلال ترؤسه وفد المملكة في الاجتماع الوزاري '
            'للتحالف الدولي ضد تنظيم داعش الذي عقد بمدينة مراكش: "يجب علينا ألا نغفل أن تهديد هذا التنظيم لا يزال قائما".',
            known=("فيصل بن فرحان",),
        )
        relayed = _said(found, "يجب علينا ألا نغفل")
        self.assertEqual((relayed.speaker, relayed.verb, relayed.quote), ("فيصل بن فرحان", "ونقلت", True))
        self.assertTrue(text.key(relayed.text).startswith(text.key("يجب علينا")))

    def test_a_family_name_without_its_article_is_the_same_person(self):
        # dev13/a03: «فؤاد المعصوم», then «من جهته، لفت معصوم».
        found = _read(
            "عقد الرئيسان الفرنسي فرنسوا هولاند والعراقي فؤاد المعصوم مؤتمرا صحافيا في باريس. ودعا هولاند الى التصدي "
            "للتنظيم من دون إهدار الوقت. من جهته، لفت معصوم الى ان التنظيم مارس جرائم ابادة بحق الايزيديين.",
            known=("فرنسوا هولاند", "فؤاد المعصوم"),
        )
        self.assertEqual(_said(found, "جرائم ابادة").speaker, "فؤاد المعصوم")
        self.assertEqual(_said(found, "التصدي للتنظيم").speaker, "فرنسوا هولاند")

    def test_both_officials_are_the_two_named_last(self):
        # dev13/b04: «ورحّب كلا المسؤولين ببوركينا فاسو».
        found = _read(
            "وافتتحت وزيرة الخارجية البلجيكية صوفي ويلميس، والمبعوث الأمريكي الخاص جون غودفري الاجتماع في بروكسل. "
            "ورحّب كلا المسؤولين ببوركينا فاسو بصفتها العضو الرابع والثمانين في التحالف.",
            known=("صوفي ويلميس", "جون غودفري"),
        )
        welcomed = [fact.speaker for fact in found if "بوركينا" in fact.text]
        self.assertEqual(welcomed, ["صوفي ويلميس", "جون غودفري"])

    def test_a_paper_named_after_its_medium_s_noun(self):
        # dev10: «ذكرت صحيفة الشرق الأوسط أن …»; «وكالة الأنباء السعودية» is no paper «الأنباء».
        found = _read("ذكرت صحيفة الشرق الأوسط أن واشنطن ستعقد اجتماعاً حول سورية على هامش اجتماع التحالف الدولي.")
        self.assertEqual(_said(found, "واشنطن ستعقد اجتماعا").speaker, "صحيفة الشرق الأوسط")
        agency = _read("ونقلت وكالة الأنباء السعودية أن المملكة ستستضيف الخميس في جدة اجتماعا إقليميا.")
        self.assertNotEqual(_said(agency, "المملكة ستستضيف").speaker, "وكالة الأنباء")

    def test_a_person_in_a_relative_clause_after_an_office_is_not_its_holder(self):
        # dev3/29: Nuland stood in for Blinken.
        found = _read(
            "قالت مساعدة وزير الخارجية الأمريكي للشؤون السياسية، فيكتوريا نولاند، إن الاجتماع الوزاري يهدف إلى مناقشة "
            "مشكلة النازحين. وأبرزت المسؤولة الأمريكية التي حلت محل أنتوني بلينكن المصاب بفيروس كورونا، إن الهدف "
            "المشترك هو ضمان هزيمة داعش عبر العالم.",
            known=("فيكتوريا نولاند", "أنتوني بلينكن"),
        )
        self.assertNotIn("أنتوني بلينكن", [fact.speaker for fact in found])

    def test_also_with_no_one_named_goes_on_with_the_speaker(self):
        # dev/32: «كما رحبوا» is the participants going on, not a source closing the sentence.
        found = _read(
            "وأعرب المشاركون في الاجتماع، الذي عقد في الرياض، عن تقديرهم للمملكة على استضافة الاجتماع، كما رحبوا "
            "بالاتفاق الشامل بين الحكومة السورية وقوات سوريا الديمقراطية."
        )
        welcomed = _said(found, "بالاتفاق الشامل")
        self.assertEqual(welcomed.verb, "رحبوا")
        self.assertTrue(text.key(welcomed.text).startswith(text.key("بالاتفاق الشامل")))

    def test_a_plural_subject_ends_before_the_verb_s_object(self):
        # dev/32: «كما شكر المشاركون الحكومة العراقية على قيادتها».
        thanks = _read("كما شكر المشاركون الحكومة العراقية على قيادتها المستمرة في الحملة ضد التنظيم.")
        self.assertEqual([fact.speaker for fact in thanks], ["المشاركون"])
        agreeing = _read("وقال المسؤولون الأمريكيون إن الحملة ضد التنظيم مستمرة.")
        self.assertEqual([fact.speaker for fact in agreeing], ["المسؤولون الأمريكيون"])

    def test_json_gives_the_fields_the_issue_names(self):
        found = _read("وقال وزير الخارجية الأمريكي جون كيري: «سنهزم التنظيم في كل مكان».")
        self.assertEqual(
            set(found[0].as_json()), {"speaker", "speaker_kind", "verb", "text", "quote", "start", "end"}
        )


class JsonStatementsTests(TestCase):
    def test_json_gives_each_file_s_statements(self):
        factories.without_calendar()
        result = pipeline.import_sources([pipeline.Source("rome.txt", lambda: ROME.encode())])
        said = result.files[0].as_json()["statements"]  # what import_articles --json prints
        self.assertTrue(said)
        for item in said:
            self.assertTrue({"speaker", "speaker_kind", "verb", "text", "quote", "start", "end"} <= set(item))
            self.assertTrue(0 <= item["confidence"] <= 1)
        self.assertIn("أنتوني بلينكن", [item["speaker"] for item in said])
