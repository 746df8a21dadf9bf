import datetime
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from archive.importing import cleaning, meetings, reading

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
FACTS = ("date", "place", "format", "kind", "member_count", "participant_count")


def facts(body: str, published_on: datetime.date | None = None) -> dict:
    found = meetings.read(body, published_on)
    return {name: found.value(name) for name in FACTS}


class SeedMeetingTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.found = {}
        for path in sorted(SEEDS.glob("*.txt")):
            cleaned = cleaning.clean(reading.decode(path.read_bytes()).text)
            cls.found[path.name[:3]] = meetings.read(cleaned.body, cleaned.published_on)

    def test_each_seed_gives_what_a_careful_editor_reads(self):
        expected = {
            # Virtual, "مساء اليوم" with no publication date: no date, flagged.
            "000": (None, None, "virtual", "ministerial", None, None),
            # "قال التحالف في بيان، مساء امس الجمعة": the day of the statement,
            # not of the meeting (30 September); the dateline's Baghdad is not the place.
            "001": (None, "واشنطن", "in_person", "ministerial", 87, None),
            "002": (None, "واشنطن", "in_person", "ministerial", None, 40),
            # "أعضاء التحالف الـ 82"; the plenary "في إيطاليا" is a future meeting and a country.
            "003": (datetime.date(2020, 6, 4), None, "virtual", "small_group", 82, 29),
            "004": (None, None, None, "ministerial", None, None),
        }
        for seed, values in expected.items():
            with self.subTest(seed=seed):
                found = self.found[seed]
                self.assertTrue(found.reported)
                self.assertEqual(tuple(found.value(name) for name in FACTS), values)

    def test_it_flags_a_relative_meeting_date_it_cannot_resolve(self):
        self.assertEqual(self.found["004"].notes, ["تاريخ الاجتماع «الثلثاء» نسبي ولا يُعرف تاريخ النشر"])

    def test_it_keeps_each_fact_with_its_sentence(self):
        found = self.found["003"]
        self.assertIn("وشاركت 29 دولة", found.participant_count.sentence)
        self.assertIn("الـ 82", found.member_count.sentence)
        self.assertIn("التواصل المرئي", found.format.sentence)
        self.assertIn("(4 حزيران 2020)", found.date.sentence)

    def test_it_does_not_take_another_body_s_ministerial_for_the_kind_evidence(self):
        self.assertNotIn("الناتو", self.found["000"].kind.sentence)


class PlaceTests(SimpleTestCase):
    def place(self, body: str) -> str | None:
        return facts(body)["place"]

    def test_it_reads_the_city_where_the_meeting_was_held(self):
        for body, city in [
            ("عقد اجتماع التحالف بواشنطن أمس.", "واشنطن"),
            ("اجتمع الوزراء في الكويت يوم 13 فبراير 2018.", "الكويت"),
            ("خلال اجتماع عقده الوزراء بالعاصمة الأمريكية واشنطن.", "واشنطن"),
            ("استضافت مراكش الاجتماع الوزاري للتحالف.", "مراكش"),
            ("عقد الاجتماع في مدينة جدة.", "جدة"),
            ("انعقد الاجتماع في العاصمة الإيطالية روما.", "روما"),
            ("وأوضح ان اجتماع واشنطن سعى الى تجاوز الحواجز.", "واشنطن"),
            # dev5/06: said in a city right after the meeting, before the quote names the first one.
            ("وفي مؤتمر صحفي مع نظيره البريطاني في لندن بعد الاجتماع الدولي حول داعش، قال كيري إن الأعضاء"
             " اجتمعوا لأول مرة في بروكسل.", "لندن"),
            ("وقال الوزير للصحفيين في روما على هامش اجتماع التحالف إن الحملة مستمرة.", "روما"),
            # dev6/19: the city travelled to, to attend; dev6/08: talks in a city with counterparts.
            ("يتوجه، مساء الأربعاء، وزير الخارجية، سامح شكري، إلى العاصمة الأمريكية واشنطن، وذلك للمشاركة في"
             " اجتماع المجموعة المصغرة للتحالف الدولي.", "واشنطن"),
            ("يجري اليوم وزير الدفاع الأميركي أشتون كارتر محادثات في باريس مع نظيره جان ايف لودريان و13 وزير"
             " دفاع من الائتلاف المشارك في الحرب لتحرير الموصل من داعش.", "باريس"),
            # dev12/32: an address to the coalition's members, «التي ألقاها» between.
            ("وقال ترامب، خلال كلمته التى إلقاها أمام أعضاء التحالف الدولي بواشنطن العاصمة إن الجنود حرروا"
             " المناطق.", "واشنطن"),
            # The coalition's own name is no defeat in another city.
            ("وعقد التحالف الدولي لهزيمة داعش اجتماعه الوزاري في واشنطن أمس.", "واشنطن"),
        ]:
            with self.subTest(body=body):
                self.assertEqual(self.place(body), city)

    def test_it_takes_no_place_from_what_the_meeting_talked_about(self):
        for body in [
            "ندد الاجتماع بالهجمات في الرقة.",
            "وأعرب الوزراء خلال الاجتماع عن رفضهم للهجمات التي وقعت في أربيل وبغداد.",
            "مع ترقب امكانية استضافة الجلسة العامة في روما.",
            "وقال الوزير في بغداد إن داعش يتراجع.",  # no meeting in this sentence
            # dev12/12: something else happening meanwhile, with its own place.
            "ويعقد الاجتماع بينما بدأت في جنيف محادثات لمحاولة إنهاء الحرب.",
            # dev12/18: the city the war is to take back.
            "وأضاف الوزير في المؤتمر الصحفي أن مخاطر التنظيم قائمة، مؤكدا أن استعادة مدينة الموصل ستكون حاسمة.",
            # dev9/11: the defeat the meeting came after, in its city.
            'وقالت المتحدثة إن تيلرسون يجتمع مع نظرائه لعقد اجتماع للائتلاف الدولي والاول منذ هزيمة (داعش) في الرقة.',
            # dev6/33: the situation the meetings talked about.
            "وكان الحلف عقد اجتماعات على مدار يومين تناولت عدة قضايا من بينها تطورات الأوضاع في إدلب.",
        ]:
            with self.subTest(body=body):
                self.assertIsNone(self.place(body))


class CountryTests(SimpleTestCase):
    def country(self, body: str) -> str | None:
        found = meetings.read(body).country
        return found.value if found else None

    def test_it_reads_the_country_the_meeting_was_held_in(self):
        self.assertEqual(self.country("اجتمع وزراء التحالف الدولي في السعودية لبحث الحرب على داعش."), "SA")

    def test_the_war_s_countries_and_listed_members_are_not_where_it_met(self):
        for body in [
            # dev12/01, dev12/06, dev12/12.
            "وشدد المجتمعون في بيانهم الختامي على ضرورة القضاء على التنظيم في المناطق التي يسيطر عليها في العراق.",
            "إنه الاجتماع الأول على المستوى الوزاري لتحالف محاربة «تنظيم الدولة الإسلامية في العراق والشام».",
            "ويعقد الاجتماع بينما بدأت في جنيف محادثات لمحاولة إنهاء الحرب التي تعصف بسوريا منذ خمس سنوات.",
            # dev9/03: «ب» is Britain's own letter, not «in».
            "وأعلنت إيطاليا عن استضافتها لاجتماع المجموعة المصغرة والتي تضم الولايات المتحدة وبريطانيا وألمانيا.",
            # dev12/24: the country of an attack.
            "ويعرض شكري خلال المؤتمر جهود مصر لمواجهة الهجوم الذي تشنه التنظيمات الإرهابية في مصر.",
        ]:
            with self.subTest(body=body):
                self.assertIsNone(self.country(body))
        self.assertEqual(self.country("وعقد التحالف الدولي اجتماعه الوزاري ببلجيكا أمس."), "BE")

    def test_the_country_the_war_is_in_is_not_the_meeting_s(self):
        # dev12/12: «… ضد تنظيم الدولة الإسلامية المتشدد "داعش" في سوريا والعراق».
        self.assertIsNone(self.country(
            'تجتمع أكثر من 20 دولة اليوم الثلاثاء، لوضع خطط لمعركتها ضد تنظيم الدولة الإسلامية المتشدد "داعش" في سوريا والعراق.'
        ))


class FormatKindAndCountTests(SimpleTestCase):
    def test_it_reads_each_virtual_cue(self):
        for cue in ["افتراضي", "عبر الفيديو", "عبر دائرة تلفزيونية مغلقة", "عبر آلية التواصل المرئي", "عن بُعد"]:
            with self.subTest(cue=cue):
                self.assertEqual(facts(f"عقد الاجتماع {cue} بمشاركة الوزراء.")["format"], "virtual")

    def test_it_leaves_the_format_unknown_when_nothing_says(self):
        self.assertIsNone(facts("عقد الاجتماع وأكد الوزراء دعمهم.")["format"])

    def test_it_reads_the_kind(self):
        for body, kind in [
            ("وجاء في البيان الختامي للاجتماع الوزاري المصغر للتحالف.", "small_group"),
            ("عقد اجتماع المديرين السياسيين للتحالف في بروكسل.", "political_directors"),
            ("اجتمع وزراء الدفاع في التحالف أمس.", "ministerial"),
            ("عقد الاجتماع الوزاري للتحالف الدولي.", "ministerial"),
            # A working group's meeting is a meeting of another kind.
            ("عقد اجتماع لمجموعة العمل المعنية بالمقاتلين الأجانب.", "other"),
            ("عقد المؤتمر الدولي حول السلام والأمن في العراق.", "other"),
            ("قال الوزير في مؤتمر صحفي إن العمل مستمر.", None),
        ]:
            with self.subTest(body=body):
                self.assertEqual(facts(body)["kind"], kind)

    def test_it_reads_the_coalition_membership_in_each_form(self):
        for body, count in [
            ("رحب الاجتماع بانضمام المالديف، وبذلك يصل العدد الإجمالي للأعضاء إلى 87 عضوا.", 87),
            ("عقد الاجتماع مع ترقب الجلسة العامة لأعضاء التحالف الـ 82.", 82),
            ("رحب الاجتماع بانضمام توغو بصفتها العضو السابع والثمانين في التحالف.", 87),
            ("عقد اجتماع التحالف الذي يضم ٨٣ عضوا.", 83),
        ]:
            with self.subTest(body=body):
                self.assertEqual(facts(body)["member_count"], count)

    def test_it_reads_the_number_of_participating_countries(self):
        for body, count in [
            ("وشاركت 29 دولة في الاجتماع الوزاري.", 29),
            ("أكد وزراء الخارجية والدفاع من 40 دولة عضو في التحالف خلال اجتماعهم دعمهم.", 40),
            ("عقد الاجتماع بمشاركة ثلاثين دولة.", 30),
        ]:
            with self.subTest(body=body):
                self.assertEqual(facts(body)["participant_count"], count)

    def test_it_counts_no_partners_donors_or_small_numbers(self):
        found = facts("وذكر الوزير خلال الاجتماع ان لديهم اتفاقيات مع 55 شريكا فيما تقدم 50 دولة على الأقل معلومات.")
        self.assertEqual((found["participant_count"], found["member_count"]), (None, None))

    def test_it_reports_no_meeting_in_an_article_about_something_else(self):
        found = meetings.read("شن التحالف الدولي غارات جوية على مواقع لداعش قرب الرقة.")
        self.assertFalse(found.reported)

    def test_a_coalition_statement_names_its_meeting_after_what_it_announced(self):
        # dev12/45: three sentences of what the coalition announced, then its meeting.
        found = meetings.read(
            "أعلن التحالف الدولي منح حوالي 400 مليون دولار لدعم المناطق المحررة. وأكد التحالف دعمه الدائم للعراق. "
            "كما أشار إلى انضمام المالديف إلى التحالف ليصبح عدد الأعضاء 87 دولة. "
            "وفي بيان صدر بعد اجتماع في واشنطن العاصمة، تعهد الأعضاء بزيادة العمل في المناطق المحررة."
        )
        self.assertTrue(found.reported)
        self.assertEqual((found.place.value, found.member_count.value), ("واشنطن", 87))

    def test_a_meeting_recalled_late_in_the_article_is_not_its_subject(self):
        body = (
            "قال المتحدث باسم التحالف إن معركة الرقة ستكون طويلة. وأضاف أن القوات تتقدم. "
            "وأكد أن الغارات مستمرة. وكان وزراء التحالف قد عقدوا اجتماعا في واشنطن في مارس."
        )
        self.assertFalse(meetings.read(body).reported)
        self.assertTrue(meetings.read(body, title="اجتماع التحالف في واشنطن يبحث معركة الرقة").reported)


class DateTests(SimpleTestCase):
    def test_it_resolves_a_relative_day_against_the_publication_date(self):
        body = "أكد وزراء خارجية التحالف، أمس الخميس، دعمهم للعراق خلال اجتماعهم."
        self.assertEqual(facts(body, datetime.date(2023, 6, 9))["date"], datetime.date(2023, 6, 8))

    def test_a_weekday_that_does_not_fall_on_the_stamp_dates_nothing(self):
        # Yesterday was no Wednesday on 9 June 2023: the page's stamp is not
        # the news day, and no meeting date is taken from it.
        found = meetings.read("أكد وزراء خارجية التحالف، أمس الأربعاء، دعمهم للعراق خلال اجتماعهم.", datetime.date(2023, 6, 9))
        self.assertIsNone(found.date)
        self.assertIn(meetings.NOTE_WEEKDAY_MISMATCH, found.notes)

    def test_a_preview_dates_the_meeting_not_the_announcement(self):
        body = "أعلنت الخارجية الأمريكية، اليوم السبت، أن التحالف سيعقد اجتماعا غداً الثلاثاء في روما."
        self.assertIsNone(facts(body, datetime.date(2016, 1, 30))["date"])
        body = "أعلنت الخارجية الأمريكية أن التحالف سيعقد اجتماعا غداً الثلاثاء في روما."
        self.assertEqual(facts(body, datetime.date(2016, 2, 1))["date"], datetime.date(2016, 2, 2))

    def test_it_reads_the_gregorian_date_of_a_hijri_one(self):
        body = "عقد الاجتماع في جدة يوم 20 ذو القعدة 1435 هـ الموافق 15 سبتمبر 2014."
        self.assertEqual(facts(body)["date"], datetime.date(2014, 9, 15))

    def test_it_never_guesses_a_year(self):
        self.assertIsNone(facts("عقد الاجتماع في 18 شباط لبحث مهمة الناتو.")["date"])




class PreviewAndPartialDateTests(SimpleTestCase):
    def test_a_weekday_in_a_preview_is_the_one_ahead(self):
        body = "يستضيف وزير الخارجية الأمريكي جون كيري، الخميس، الاجتماع الوزاري المشترك للتحالف الدولي."
        # Published on Wednesday 20 July 2016: Thursday is the 21st, not the 14th.
        self.assertEqual(facts(body, datetime.date(2016, 7, 20))["date"], datetime.date(2016, 7, 21))

    def test_a_day_and_month_in_the_first_meeting_sentence_wins_over_a_later_weekday(self):
        body = ("يلتقي وزراء دفاع دول التحالف الدولي في 15 شباط/فبراير في ميونخ على هامش مؤتمر للأمن.\n"
                "ومن المقرر عقد محادثات في واشنطن الأربعاء.")
        found = meetings.read(body, datetime.date(2019, 2, 5))
        self.assertEqual((found.date, found.day_month.value, found.place.value), (None, (15, 2), "ميونخ"))

    def test_a_gathering_of_states_said_to_come_is_the_meeting(self):
        # dev13/b01: a State Department briefing on the ministers' meeting.
        body = ("قالت وزارة الخارجية الأمريكية إن الولايات المتحدة تنوي خلال اجتماع وزراء دول التحالف الدولي ضد "
                "تنظيم داعش مناقشة إجراءات روسيا.\nوذكر ممثل عن الوزارة خلال مؤتمر صحفي عبر الهاتف: \"سنجمع في 14 "
                "نوفمبر في واشنطن أكثر من 35 دولة عضو ومنظمة\".")
        self.assertEqual(meetings.read(body).day_month.value, (14, 11))
        gathered = body.replace("أكثر من 35 دولة عضو ومنظمة", "الأدلة على ما فعلته روسيا", 1)
        self.assertIsNone(meetings.read(gathered).day_month)

    def test_the_month_of_a_similar_meeting_before_it_is_not_its_month(self):
        # dev13/a12: the second plenary of ambassadors, the first "last November".
        body = ("استقبل وزير الخارجية الأمريكي جون كيري كبار الدبلوماسيين من 60 دولة في اجتماع للتحالف الدولي لمحاربة داعش.\n"
                "يذكر أن اجتماعا مماثلا عقد في مقر الخارجية الأمريكية في شهر نوفمبر الماضي.")
        self.assertIsNone(meetings.read(body).month)
        self.assertEqual(meetings.read(body.replace("اجتماعا مماثلا", "الاجتماع", 1)).month.value, 11)

    def test_numbers_and_politics_are_not_the_future(self):
        # "ستين" (sixty) and "السياسيين" begin like "ست…"/"سي…" verbs.
        body = "أعلن التحالف الذي يضم نحو ستين دولة في ختام اجتماع وزاري في بروكسل الأربعاء أن الحملة تتقدم."
        self.assertEqual(facts(body)["place"], "بروكسل")
        body = "عقد المديرون السياسيون اجتماعا في روما."
        self.assertEqual(facts(body)["place"], "روما")


class WrittenMonthTests(SimpleTestCase):
    BODY = (
        "قرر المجتمعون في باريس محاربة تنظيم داعش بجميع الوسائل اللازمة، وفق البيان الختامي لاجتماع التحالف.\n"
        "وشرعت الولايات المتحدة في قصف مواقع داعش في العراق منذ 8 سبتمبر الجاري."
    )

    def test_an_undated_page_s_current_month_anywhere_in_it(self):
        self.assertEqual(meetings.read(self.BODY).value("written_month"), 9)

    def test_not_on_a_dated_page_nor_when_two_months_are_called_current(self):
        self.assertIsNone(meetings.read(self.BODY, datetime.date(2014, 9, 16)).written_month)
        self.assertIsNone(meetings.read(self.BODY + "\nويعود الوفد في 2 أكتوبر الجاري.").written_month)


class CountryOfMeetingTests(SimpleTestCase):
    def test_a_country_it_was_held_in_when_no_city_is_named(self):
        found = meetings.read("سيركز كيري جهوده خلال مؤتمر إقليمي في السعودية على ضم دول الخليج.")
        self.assertEqual((found.place, found.country.value), (None, "SA"))
        self.assertIsNone(meetings.read("ترأس وزير الخارجية السعودي الاجتماع في جدة.").country)
        self.assertIsNone(meetings.read("قال الوزير في السعودية إن الاجتماع كان مثمرا.").country)


class MeetingShapesTests(SimpleTestCase):
    """What real reports say of a meeting that the first rules missed."""

    def test_the_city_after_wa_dhalika_is_the_meeting_s(self):
        body = ("ينعقد اليوم الاربعاء بحضور وزير الخارجية الامريكي جون كيري مؤتمر للدول الـ 60 الاعضاء في التحالف الدولي "
                "المضاد لعصابات داعش الارهابية وذلك في مقر حلف شمال الاطلسي بالعاصمة البلجيكية بروكسل.")
        self.assertEqual(facts(body)["place"], "بروكسل")

    def test_a_city_between_a_verb_of_organizing_and_the_meeting(self):
        body = "أعلنت وزارة الدفاع الأمريكية أن فرنسا والولايات المتحدة تنظمان الأربعاء في باريس اجتماعاً لوزراء دفاع الدول السبع."
        self.assertEqual(facts(body)["place"], "باريس")

    def test_another_body_s_meeting_places_nothing(self):
        body = "وصرح كيري إثر اجتماع وزاري للحلف في بروكسل بأن على الحلفاء دعم التحالف ضد داعش."
        self.assertEqual((facts(body)["place"], facts(body)["kind"]), (None, None))

    def test_counterparts_hosts_and_those_gathered_are_meeting_words(self):
        self.assertTrue(meetings.read("وقال في مدينة شتوتجارت الألمانية عقب لقائه بنظرائه العشر بالتحالف: علينا فعل المزيد.").reported)
        self.assertEqual(facts("وقال في مدينة شتوتجارت الألمانية عقب لقائه بنظرائه العشر بالتحالف.")["place"], "شتوتغارت")
        self.assertFalse(meetings.read("وقال الوزير في لقاء مع قناة العربية إن داعش يتراجع.").reported)
        self.assertEqual(facts("تعهد بومبيو بمواصلة القتال، مطمئنا الحلفاء المجتمعين في واشنطن.")["place"], "واشنطن")
        self.assertEqual(meetings.read("مسؤولون من التحالف الدولي التقوا في كندا امس لمناقشة الحملة.").country.value, "CA")

    def test_whose_ministers_met(self):
        for body, ministers in [
            ("اجتمع وزراء دفاع التحالف الدولي في ميونخ اليوم.", "defence"),
            ("عقد وزراء خارجية التحالف اجتماعهم في روما.", "foreign"),
            ("عقد وزراء خارجية ودفاع التحالف اجتماعا مشتركا في واشنطن.", "foreign_and_defence"),
            ("عقد اجتماع لوزراء الخارجية في واشنطن ثم انضم إليهم وزراء الدفاع في الاجتماع نفسه.", "foreign_and_defence"),
            ("عقد اجتماع وزراء دفاع حلف الناتو في بروكسل.", None),
            ("وقال وزير الدفاع إن الاجتماع في روما كان مثمرا.", None),
        ]:
            with self.subTest(body):
                found = meetings.read(body).ministers
                self.assertEqual(found.value if found else None, ministers)


class HostsTests(SimpleTestCase):
    def test_the_states_that_invited_or_co_chaired_it(self):
        # dev13/b18 and dev3/30.
        invited = ("ترأس وزير الخارجية وفد الكويت إلى أعمال اجتماع المجموعة الوزارية المصغرة للتحالف الدولي ضد داعش، "
                   "والذي عقد اليوم عبر تقنية الاتصال المرئي، بدعوة مشتركة من قبل كل من الولايات المتحدة وإيطاليا.")
        self.assertEqual(meetings.read(invited).hosts.value, {"US", "IT"})
        chaired = "انطلق في مراكش الاجتماع الوزاري للتحالف الدولي ضد داعش برئاسة مشتركة بين المغرب والولايات المتحدة."
        self.assertEqual(meetings.read(chaired).hosts.value, {"MA", "US"})

    def test_a_delegation_s_head_is_no_host(self):
        led = "شارك وفد العراق برئاسة وزير الخارجية العراقي في اجتماع التحالف الدولي ضد داعش في روما."
        self.assertIsNone(meetings.read(led).hosts)


class LeadWeekdayTests(SimpleTestCase):
    BODY = ("أكد وزير الخارجية الأمريكي مايك بومبيو اليوم الأربعاء أن الانسحاب من سوريا ليس نهاية الحرب على داعش.\n"
            "وأكد بومبيو خلال اجتماع وزراء خارجية التحالف الدولي في واشنطن التزام بلاده.")

    def test_a_report_s_lead_gives_the_meeting_s_weekday_when_nothing_else_dates_it(self):
        found = meetings.read(self.BODY)
        self.assertEqual((found.weekday, found.weekday_weak), (2, True))
        self.assertIn(meetings.NOTE_LEAD_WEEKDAY, found.notes)

    def test_the_meeting_s_own_sentence_gives_a_firmer_weekday_than_one_in_the_future(self):
        held = meetings.read("انطلقت، اليوم الخميس بواشنطن، أشغال اجتماع التحالف الدولي ضد داعش.")
        self.assertEqual((held.weekday, held.weekday_weak), (3, False))
        aside = meetings.read("وصل الوزير إلى واشنطن، وأُعلن أن الوزيرين سيستضيفان اليوم الخميس الاجتماع الوزاري المشترك للتحالف.")
        self.assertEqual((aside.weekday, aside.weekday_weak), (3, True))

    def test_the_day_a_paper_carried_the_words_is_not_the_meeting_s(self):
        # dev13/b13: Okaz carried them on Thursday; the meeting was on the Wednesday.
        body = ("أكد وزير الخارجية السعودي تقدير المملكة لدور التحالف الدولي ضد داعش. "
                "ونقلت صحيفة \"عكاظ\" على موقعها الإلكتروني اليوم الخميس عن بن فرحان قوله، خلال ترؤسه وفد المملكة "
                "في الاجتماع الوزاري للتحالف الدولي ضد تنظيم داعش، الذي عقد بمدينة مراكش، إن المملكة ملتزمة.")
        found = meetings.read(body)
        self.assertIsNone(found.weekday)
        self.assertEqual(found.value("place"), "مراكش")
        said = meetings.read(body.replace("ونقلت صحيفة", "وأكدت صحيفة", 1))
        self.assertEqual(said.weekday, 3)

    def test_not_from_a_preview_nor_when_the_page_is_dated(self):
        self.assertIsNone(meetings.read(self.BODY, datetime.date(2019, 2, 6)).weekday)
        preview = self.BODY.replace("أكد وزير", "سيعقد وزير", 1)
        self.assertIsNone(meetings.read(preview).weekday)

    def test_a_country_that_hosts_the_meeting(self):
        found = meetings.read("احتضن المغرب، اليوم، الاجتماع الوزاري للتحالف الدولي المناهض لتنظيم داعش.")
        self.assertEqual(found.country.value, "MA")
        self.assertIsNone(meetings.read("قال وزير خارجية المغرب إن الاجتماع الوزاري للتحالف كان مثمرا.").country)


class ReportAndAsideTests(SimpleTestCase):
    """A report and the other meetings it mentions (rules from dev4)."""

    def test_a_day_to_come_in_the_lead_makes_a_preview_whose_future_city_is_the_meeting_s(self):
        body = ("تستعد العاصمة البريطانية لاستقبال ممثلين عن عشرين دولة يوم الخميس المقبل، حيث ينعقد اجتماع لبحث التقدم.\n"
                "وأضاف أن الشركاء في التحالف سيجتمعون في لندن لتقرير ما يجب فعله.")
        self.assertEqual(facts(body)["place"], "لندن")
        report = body.replace("يوم الخميس المقبل", "يوم الخميس", 1)
        self.assertIsNone(facts(report)["place"])

    def test_a_report_s_aside_on_a_meeting_to_come_gives_neither_ministers_nor_kind(self):
        body = ("وأعربت الدول في بيان ختامي عقب اجتماعها أمس عن عزمها دحر التنظيم.\n"
                "ومن المقرر مناقشة التفاصيل خلال اجتماع يعقده وزراء دفاع التحالف الاسبوع المقبل في بروكسل.")
        found = meetings.read(body)
        self.assertEqual((found.ministers, found.kind, found.place), (None, None, None))

    def test_when_the_lead_is_not_a_report_of_a_meeting_held_the_meeting_to_come_is_the_subject(self):
        body = ("يبدأ وزير الدفاع الأمريكي اليوم في بروكسل اتصالات قبل اجتماعات وزراء دفاع الحلف الأطلسي.\n"
                "ويرأس الوزير يوم الخميس المقبل اجتماعات وزراء دفاع التحالف الدولي ضد داعش.")
        self.assertEqual(meetings.read(body).ministers.value, "defence")

    def test_a_country_after_about_is_the_topic_not_the_place(self):
        self.assertIsNone(meetings.read("وأعربت الدول عقب اجتماعها أمس عن القلق من تنامي نفوذه في ليبيا.").country)
        self.assertEqual(meetings.read("عقدت الدول اجتماعها أمس في ليبيا.").country.value, "LY")

    def test_ministers_who_met_counted_in_the_lead(self):
        body = ("التقى، أمس، في روما 15 وزير دفاع من الدول المشاركة في التحالف الدولي.\n"
                "وقد بدأ الاجتماع في الساعة العاشرة.")
        found = meetings.read(body)
        self.assertEqual((found.place.value, found.ministers.value), ("روما", "defence"))

    def test_a_coalition_of_so_many_countries_is_its_membership(self):
        body = "واجتمع وزراء خارجية 23 بلدا عضوا في المجموعة التي تمثل تحالفا من 66 بلدا."
        self.assertEqual(facts(body)["member_count"], 66)

    def test_the_number_of_states_the_coalition_has_reached_is_its_membership(self):
        body = ("وشارك الوزير في اجتماع التحالف الدولي في واشنطن، وقال: «نشأ التحالف الدولي في سبتمبر من العام 2014 "
                "وتكوّن من 12 دولة من بينها المملكة، واليوم بلغ عدد الدول المشاركة 79 دولة».")
        self.assertEqual(facts(body)["member_count"], 79)

    def test_next_year_s_ministerial_is_not_the_kind_of_the_meeting_reported(self):
        body = ("ورحب التحالف الدولي في البيان الصادر عن الاجتماع الذي عقد في مدينة لاهاي الأربعاء الماضي، "
                "بإعلان المملكة استضافتها الاجتماع الوزاري العام المقبل.")
        self.assertEqual((facts(body)["place"], facts(body)["kind"]), ("لاهاي", None))

    def test_the_day_a_meeting_to_come_was_announced_is_not_its_day(self):
        body = ("أعلنت فرنسا اليوم الأربعاء أنها ستحتضن في 2 يونيو/حزيران القادم اجتماعا دوليا "
                "حول العراق وسوريا لبحث الأزمة في البلدين.")
        found = meetings.read(body, datetime.date(2015, 5, 20))
        self.assertIsNone(found.date)

    def test_the_coalition_s_members_gathered_open_a_report(self):
        body = ("قال وزير الخارجية الأمريكي، ريكس تيلرسون، إن هزيمة تنظيم داعش تعد الهدف الأول.\n"
                "وأكد تيلرسون، لدى استقباله في واشنطن مسؤولي الدول الـ68 الأعضاء في التحالف الدولي ضد داعش، أن للإمارات دورا.\n"
                "وأضاف أن الحملة تتقدم.\n"
                "وأشار الوزير الأمريكي، في الاجتماع الذي عقد بوزارة الخارجية، إلى أن بلاده تزيد الضغط.")
        found = meetings.read(body)
        self.assertTrue(found.reported)
        self.assertEqual(found.member_count.value, 68)

    def test_a_second_person_received_is_no_coalition_meeting_either(self):
        body = ("يستقبل وزير الخارجية، سامح شكرى، اليوم الأحد، الجنرال جون ألن، المبعوث الأمريكى الخاص لشئون التحالف الدولى.\n"
                "ومن المنتظر أن يتناول الجانبان، خلال اللقاء، الجهود التى يقوم بها التحالف الدولى.\n"
                "كما يلتقى وزير الخارجية اليوم أيضا مع الأمير بندر بن خالد الفيصل.")
        found = meetings.read(body)
        self.assertFalse(found.reported)
        self.assertIn(meetings.NOTE_BILATERAL, found.notes)

    def test_a_visit_to_a_city_to_take_part_in_the_small_group_places_it(self):
        body = ("غادر القاهرة، مساء الإثنين، سامح شكري، وزير الخارجية، متوجها إلى العاصمة الإيطالية روما، في مستهل جولة أوروبية.\n"
                "وقال شكري إن زيارته إلى روما تأتي في إطار المشاركة في الائتلاف المصغر ضد تنظيم داعش، الذي يناقش الجهود الدولية.\n"
                "وأضاف أن زيارته إلى لندن تأتي في إطار مشاركته في قمة الدعم الإنساني لسوريا، التي يجتمع خلالها "
                "رؤساء دول وحكومات في لندن.")
        self.assertEqual(facts(body)["place"], "روما")

    def test_of_two_member_counts_the_larger_is_the_later(self):
        body = ("تُعقد اجتماعات التحالف الوزارية بحضور وزراء من الدول ال79 الشريكة في التحالف الدولي.\n"
                "حضر الاجتماع وزراء في واشنطن العاصمة، وأرسلت جميع الدول ال74 الأعضاء ممثلين عنهم.")
        self.assertEqual(facts(body)["member_count"], 79)

    def test_a_summit_of_ministers_or_of_the_small_group_is_a_meeting(self):
        body = ("بدأت ظهر اليوم الثلاثاء قمة وزارية مصغرة في روما لمناقشة سبل محاربة تنظيم الدولة في ليبيا.\n"
                "وتضم القمة الأعضاء البارزين في التحالف الدولي.")  # dev8/07
        self.assertEqual(facts(body)["place"], "روما")

    def test_partners_gathered_and_counted(self):
        body = ("طمأن وزير الخارجية الأمريكي مايك بومبيو الحلفاء، اليوم (الأربعاء)، بأن الانسحاب ليس نهاية المعركة.\n"
                "وخاطب بومبيو نحو 79 من شركاء التحالف، تجمعوا في واشنطن لبحث الخطوات المقبلة.")  # dev8/26
        found = meetings.read(body)
        self.assertEqual((found.place.value, found.member_count.value, found.weekday), ("واشنطن", 79, 2))

    def test_the_day_a_channel_reported_the_meeting_is_not_its_day(self):
        body = ("عقد وزراء دفاع التحالف الدولي اجتماعا في العاصمة الإيطالية روما.\n"
                'وذكرت قناة "سكاي نيوز" الإخبارية اليوم الأربعاء، أن الاجتماع حضره نحو 12 وزير دفاع.')  # dev8/17
        self.assertIsNone(meetings.read(body).weekday)

    def test_a_quoted_city_travelled_to_for_the_meeting(self):
        body = ('وتوقع وزير الدفاع، آشتون كارتر، في تصريحه للصحفيين أثناء توجهه إلى "باريس" للمشاركة في '
                "اجتماع وزراء دفاع دول التحالف، أن يرتفع عدد المدربين.")  # dev8/04
        self.assertEqual(facts(body)["place"], "باريس")

    def test_a_meeting_next_month_takes_no_day_from_the_speech_that_announced_it(self):
        body = ("تستضيف العاصمة واشنطن الشهر المقبل اجتماعا لوزراء دفاع دول التحالف الدولي، حسبما أعلن وزير الدفاع.\n"
                "ودعا كارتر في كلمة ألقاها في المؤتمر السنوي لمركز الأمن الأميركي الجديد في واشنطن الاثنين، "
                "الدول المشاركة إلى زيادة مساهماتها.")  # dev8/11
        found = meetings.read(body, datetime.date(2016, 6, 20))
        self.assertEqual((found.place.value, found.date), ("واشنطن", None))

    def test_the_level_of_ministers_makes_a_ministerial(self):
        body = "قال الأمين العام إن اجتماعا على مستوى وزراء دول التحالف سيعقد في بروكسل يوم الأربعاء المقبل."
        self.assertEqual(facts(body)["kind"], "ministerial")

    def test_the_day_of_a_journey_to_the_meeting_is_not_its_day(self):
        body = ("يتوجه، مساء الأربعاء، وزير الخارجية، سامح شكري، إلى العاصمة الأمريكية واشنطن، "
                "وذلك للمشاركة في اجتماع المجموعة المصغرة لدول الائتلاف الدولي لمكافحة داعش.")
        found = meetings.read(body)
        self.assertEqual((found.place.value, found.weekday, found.date), ("واشنطن", None, None))

    def test_a_meeting_anticipated_elsewhere_places_nothing(self):
        body = ("انطلقت في الكويت، صباح الثلاثاء، أعمال الاجتماع الوزاري للتحالف الدولي.\n"
                "ويتزامن هذا الاجتماع مع اجتماع مرتقب في روما، اليوم، لوزراء دفاع التحالف ذاته.")
        found = meetings.read(body)
        self.assertEqual((found.place.value, found.ministers), ("الكويت", None))

    def test_the_day_of_a_statement_to_the_press_dates_nothing(self):
        body = ('وصرح المتحدث باسم وزارة الخارجية العراقية، أحمد الصحاف، لـ"سبوتنيك"، اليوم الأربعاء، '
                "إن العراق شارك في الاجتماع الوزاري الذي عقد في العاصمة الإيطالية روما.")
        found = meetings.read(body)
        self.assertEqual((found.weekday, found.date), (None, None))

    def test_a_wire_dateline_s_city_is_kept_beside_the_facts(self):
        body = "افتتح جون كيري أعمال المؤتمر الدولي للدول الشريكة في التحالف ضد داعش."
        self.assertEqual(meetings.read(body, dateline="بروكسل").dateline, "بروكسل")
        self.assertEqual(meetings.read(body, dateline="قرية ما").dateline, "")

    def test_a_reception_and_the_meeting_after_it_are_no_coalition_meeting(self):
        body = ('استقبل وزير الخارجية الفرنسي لوران فابيوس الجنرال المتقاعد جون ألان مبعوث الرئيس الأمريكي للتحالف الدولي.\n'
                "وعقب الاجتماع الذي عقد في العاصمة الفرنسية باريس، أشار فابيوس إلى خطر داعش.")
        found = meetings.read(body)
        self.assertFalse(found.reported)
        self.assertIn(meetings.NOTE_BILATERAL, found.notes)
        coalition = body.replace("وعقب الاجتماع الذي عقد", "وعقب اجتماع وزراء خارجية التحالف الذي عقد")
        self.assertTrue(meetings.read(coalition).reported)

    def test_one_minister_meeting_one_person_is_no_coalition_meeting(self):
        body = ('اجتمع وزير الخارجية البريطاني فيليب هاموند في لندن اليوم الأربعاء بالجنرال الأمريكي جون آلن، '
                "المبعوث الرئاسي الخاص للتحالف العالمي لمكافحة تنظيم داعش.\nوقال هاموند عقب الاجتماع إن التصدي لداعش يتطلب استجابة دولية.")
        self.assertFalse(meetings.read(body).reported)
        counterparts = body.replace("بالجنرال الأمريكي جون آلن", "بنظرائه في التحالف الدولي")
        self.assertTrue(meetings.read(counterparts).reported)

    def test_a_city_s_talks_or_meeting_of_a_group(self):
        talks = ('تعهدت نحو 30 دولة ومنظمة متعددة الأطراف مشاركة في محادثات باريس حول مكافحة تنظيم داعش '
                 "بدعم السلطات العراقية.")
        self.assertEqual((facts(talks)["place"], facts(talks)["participant_count"]), ("باريس", 30))
        group = "شارك وزير الخارجية البلجيكي ديدييه رايندرس في لقاء روما للمجموعة المصغرة لبلدان التحالف."
        found = meetings.read(group)
        self.assertEqual((found.place.value, found.ministers.value), ("روما", "foreign"))
        self.assertFalse(meetings.read("أجرى الوزير محادثات مع نظيره العراقي في بغداد.").reported)

    def test_the_venue_before_the_city_is_not_the_sentence_s_opening(self):
        body = "انطلقت، اليوم الخميس بمقر وزارة الخارجية الأمريكية بواشنطن، أشغال اجتماع وزاري للتحالف العالمي لمحاربة داعش."
        self.assertEqual(facts(body)["place"], "واشنطن")

    def test_a_day_of_this_month(self):
        body = "وقال إن وزراء الدفاع سيشاركون في اجتماع يعقد في 25 الجاري في باريس."
        self.assertEqual(meetings.read(body, datetime.date(2016, 10, 17)).date.value, datetime.date(2016, 10, 25))
        found = meetings.read(body)
        self.assertEqual((found.date, found.day_of_month.value), (None, 25))

    def test_a_preview_s_day_gone_by_is_another_meeting_s(self):
        body = ("أكدت الخارجية أن اجتماعا مصغرا للتحالف الدولي من المقرر عقده يوم الخامس عشر من الشهر الجاري في عمان.\n"
                "وعقد الاجتماع الأخير للتحالف على المستوى الوزاري في 22 سبتمبر الماضي في نيويورك.")
        found = meetings.read(body)
        self.assertEqual((found.day_month, found.day_of_month.value), (None, 15))

    def test_a_day_gone_by_is_read_in_either_spelling(self):
        preview = "أكدت الخارجية أن اجتماعا للتحالف الدولي من المقرر عقده في عمان.\n"
        for past in ("الماضي", "الماضى"):
            with self.subTest(past):
                body = preview + f"وعقد الاجتماع الأخير للتحالف في 22 سبتمبر {past} في نيويورك."
                self.assertIsNone(meetings.read(body).day_month)
        report = "عقد الاجتماع الأخير للتحالف في 22 سبتمبر الماضى في نيويورك."
        self.assertEqual(meetings.read(report).day_month.value, (22, 9))


class JourneyAndDelegationTests(SimpleTestCase):
    """Journeys, arrivals, delegations and agency asides of real previews (dev10, dev8)."""

    def test_an_arrival_is_not_the_meeting_s_day_but_the_city_arrived_in_is_its_place(self):
        # dev10/08: arrived "اليوم /الأربعاء", the meeting "صباح غد الخميس".
        body = ("وصل نائب وزير الخارجية المصري السفير حمدي لوزا ، اليوم /الأربعاء إلى العاصمة البريطانية لندن لترأس وفد "
                "مصر المشارك في اجتماع المجموعة المصغرة لأعضاء التحالف الدولي ضد تنظيم داعش. ويبدأ الاجتماع صباح غد "
                "الخميس في لانكستر هاوس بوسط لندن، بمشاركة سبع دول عربية هي العراق والبحرين والسعودية.")
        found = meetings.read(body)
        self.assertEqual(found.value("place"), "لندن")
        self.assertEqual(found.weekday, 3)
        self.assertIsNone(found.value("participant_count"))  # seven Arab states among them, not all

    def test_a_journey_said_to_come_may_be_on_the_meeting_s_day(self):
        # dev10/07: "يتوجه … لوران فابيوس، غدًا الخميس، إلى لندن للمشاركة في اجتماع".
        body = ("يتوجه وزير الخارجية الفرنسي، لوران فابيوس، غدًا الخميس، إلى لندن للمشاركة في اجتماع دول التحالف "
                "الدولي ضد تنظيم داعش.")
        self.assertEqual(meetings.read(body).weekday, 3)

    def test_a_city_arrived_in_on_a_weekday_to_attend(self):
        # dev10/13: "الذي وصل كوبنهاغن، الأحد، لحضور مؤتمر وزراء الدفاع".
        body = ("يناقش التحالف الدولي مرحلة ما بعد داعش. ويشارك العراق بالاجتماع بوفد يترأسه وزير الدفاع عرفان "
                "الحيالي، الذي وصل كوبنهاغن، الأحد، لحضور مؤتمر وزراء الدفاع للتحالف الدولي ضد داعش.")
        self.assertEqual(facts(body)["place"], "كوبنهاغن")

    def test_the_flight_that_took_a_minister_to_the_meeting(self):
        # dev8/19: "في الطائرة التي أقلته إلى روما".
        body = ("بحث 15 وزير دفاع من الدول المشاركة في التحالف الدولي استراتيجية محاربة داعش. وبدأ الاجتماع أمس "
                "(الثلاثاء). وقال وزير الدفاع الأمريكي جيم ماتيس في الطائرة التي أقلته إلى روما «سنتحدث عن المستقبل».")
        self.assertEqual(facts(body)["place"], "روما")

    def test_an_address_to_the_coalition_s_members_is_a_meeting(self):
        # dev6/10: "وكان تيلرسون يتحدث أمام مسؤولين كبار من تحالف دولي يضم 68 بلداً".
        body = ("قال وزير الخارجية الأميركي ريكس تيلرسون، الأربعاء، إن الولايات المتحدة ستزيد الضغط على داعش. وكان "
                "تيلرسون يتحدث أمام مسؤولين كبار من تحالف دولي يضم 68 بلداً يقاتل داعش في العراق وسوريا.")
        self.assertTrue(meetings.read(body).reported)
        self.assertFalse(meetings.read("وكان الوزير يتحدث أمام الكونغرس عن داعش.").reported)

    def test_a_month_named_alone(self):
        body = "أعلنت الجامعة مشاركتها في المؤتمر الدولي حول السلام والأمن في العراق الذي سيعقد في باريس منتصف أيلول (سبتمبر) الجاري."
        self.assertEqual(meetings.read(body).month.value, 9)

