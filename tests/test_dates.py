import datetime
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from archive.importing import dates
from archive.importing.dates import NOTE_NO_REFERENCE, FoundDate, find_dates, parse_date

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
D = datetime.date


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def absolute(text: str) -> list[datetime.date | None]:
    return [found.date for found in find_dates(text) if not found.relative]


def only(text: str, reference: datetime.date | None = None) -> FoundDate:
    found = find_dates(text, reference)
    assert len(found) == 1, found
    return found[0]


class ArabicMonthNameTests(SimpleTestCase):
    def test_it_reads_egyptian_month_names(self):
        for month, name in enumerate(
            ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
            start=1,
        ):
            with self.subTest(name):
                self.assertEqual(absolute(f"اجتمع وزراء التحالف في 12 {name} 2019 في واشنطن"), [D(2019, month, 12)])

    def test_it_reads_levantine_month_names(self):
        names = (
            "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
            "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
        )
        for month, name in enumerate(names, start=1):
            with self.subTest(name):
                self.assertEqual(absolute(f"أعلنت قيادة العمليات المشتركة في 9 {name} 2017 تحرير المدينة"), [D(2017, month, 9)])

    def test_it_reads_this_month_between_the_month_and_its_year(self):
        self.assertEqual(absolute("يوم الثلاثاء الثالث عشر من شهر شباط الحالي لعام 2018"), [D(2018, 2, 13)])  # dev9/09
        self.assertEqual(absolute("في 13 فبراير الجاري من عام 2018"), [D(2018, 2, 13)])

    def test_it_reads_a_month_name_between_slashes(self):
        self.assertEqual(absolute("الخميس 31/يناير/2019 - 12:36 م"), [D(2019, 1, 31)])  # dev10/16's stamp

    def test_it_reads_hamza_and_alef_variants(self):
        variants = {
            "ابريل": 4, "إبريل": 4, "يونيه": 6, "يوليه": 7, "اغسطس": 8, "اكتوبر": 10,
            "اذار": 3, "ايار": 5, "اب": 8, "ايلول": 9, "تشرين اول": 10, "كانون ثاني": 1,
        }
        for name, month in variants.items():
            with self.subTest(name):
                self.assertEqual(parse_date(f"20 {name} 2016"), D(2016, month, 20))

    def test_it_reads_the_coalition_founding_meeting(self):
        found = only("عقد الاجتماع في 3 كانون الأول 2014 في بروكسل")
        self.assertEqual((found.date, found.text, found.relative, found.note), (D(2014, 12, 3), "3 كانون الأول 2014", False, ""))

    def test_it_reads_both_month_names_joined_by_a_slash_or_brackets(self):
        self.assertEqual(
            only("انعقد الاجتماع الوزاري في روما يوم 28 يونيو/حزيران 2021").text, "28 يونيو/حزيران 2021"
        )
        self.assertEqual(absolute("وافق الناتو في 18 فبراير (شباط) 2021 على توسيع مهمته"), [D(2021, 2, 18)])
        self.assertEqual(absolute("استضافت الرياض في 8 حزيران/يونيو 2023 اجتماعاً وزارياً"), [D(2023, 6, 8)])

    def test_it_keeps_the_first_of_two_disagreeing_month_names_with_a_note(self):
        found = only("عقد الاجتماع في 18 فبراير/آذار 2021")
        self.assertEqual(found.date, D(2021, 2, 18))
        self.assertIn("مختلفين", found.note)

    def test_it_accepts_a_year_word_and_a_gregorian_mark(self):
        self.assertEqual(only("تأسس التحالف الدولي في 10 سبتمبر عام 2014م").text, "10 سبتمبر عام 2014م")
        self.assertEqual(parse_date("5 أكتوبر سنة 2024"), D(2024, 10, 5))

    def test_it_reads_ordinal_days_in_words(self):
        self.assertEqual(absolute("عقد الاجتماع في الخامس من أكتوبر 2024 في واشنطن"), [D(2024, 10, 5)])
        self.assertEqual(absolute("في الحادي والعشرين من أيلول 2015 أعلن التحالف"), [D(2015, 9, 21)])
        self.assertEqual(absolute("في الثاني عشر من كانون الأول/ديسمبر 2014"), [D(2014, 12, 12)])

    def test_it_reads_maghrebi_month_names(self):
        self.assertEqual(parse_date("14 جوان 2022"), D(2022, 6, 14))
        self.assertEqual(parse_date("3 شتنبر 2019"), D(2019, 9, 3))

    def test_it_rejects_days_the_month_does_not_have(self):
        self.assertEqual(absolute("في 31 نيسان 2021 وفي 30 شباط 2020"), [])


class YearlessDateTests(SimpleTestCase):
    def test_it_never_completes_a_date_with_a_guessed_year(self):
        self.assertEqual([f.relative for f in find_dates(seed("000"), D(2021, 3, 31))], [True, True])
        self.assertEqual(parse_date("ورحب الوزراء بالقرار الصادر عن حلف الناتو في 18 فبراير/شباط بشأن التوسع"), None)
        self.assertEqual(parse_date("ورحبوا بالقرار الصادر عن الاجتماع الوزاري لحلف الناتو في 18 شباط بشأن"), None)

    def test_it_needs_a_day_as_well_as_a_month_and_year(self):
        self.assertIsNone(parse_date("أكتوبر 2024"))
        self.assertIsNone(parse_date("التي تم تمريرها في أبريل الماضي"))
        self.assertIsNone(parse_date("وفي عام 2024، بعد خمس سنوات"))


class EnglishDateTests(SimpleTestCase):
    def test_it_reads_the_published_stamp_of_seed_001(self):
        self.assertEqual(parse_date("5th, October 2024 GMT"), D(2024, 10, 5))

    def test_it_reads_day_month_year(self):
        self.assertEqual(parse_date("5 October 2024"), D(2024, 10, 5))
        self.assertEqual(parse_date("21st of July, 2016"), D(2016, 7, 21))
        self.assertEqual(parse_date("Published: 3 Dec. 2014"), D(2014, 12, 3))

    def test_it_reads_month_day_year(self):
        self.assertEqual(parse_date("October 5, 2024"), D(2024, 10, 5))
        self.assertEqual(parse_date("Oct 5 2024"), D(2024, 10, 5))
        self.assertEqual(parse_date("June 2nd, 2020"), D(2020, 6, 2))

    def test_it_ignores_month_lookalike_words_and_run_together_numbers(self):
        self.assertIsNone(parse_date("Mayor 5 2024"))
        self.assertIsNone(parse_date("October 52024"))


class NumericDateTests(SimpleTestCase):
    def test_it_reads_day_first_with_any_separator(self):
        self.assertEqual(parse_date("08-06-2023"), D(2023, 6, 8))
        self.assertEqual(parse_date("13.02.2018"), D(2018, 2, 13))
        self.assertEqual(parse_date("08/06/2023"), D(2023, 6, 8))

    def test_a_twelve_hour_clock_in_latin_letters_makes_it_month_first(self):
        # The American default stamp (dev7/33, a Tuesday story: 10 February 2026).
        self.assertEqual(parse_date("لبنانون فايلز - 2/10/2026 7:25:52 PM - GMT (+2 )"), D(2026, 2, 10))
        self.assertEqual(parse_date("2/10/2026 الساعة 7:25 مساء"), D(2026, 10, 2))
        # A Jordanian site's stamp, day first (dev/30): dashes, no seconds.
        self.assertEqual(parse_date("08-06-2023 10:40 AM"), D(2023, 6, 8))

    def test_it_forgives_a_stray_space(self):
        self.assertEqual(only("نشر بتاريخ 8-06- 2023").text, "8-06- 2023")

    def test_it_reads_iso_dates(self):
        self.assertEqual(parse_date("2023-06-08"), D(2023, 6, 8))
        self.assertEqual(parse_date("2014/09/15"), D(2014, 9, 15))

    def test_it_rejects_impossible_dates(self):
        self.assertIsNone(parse_date("08/13/2023"))
        self.assertIsNone(parse_date("30/02/2020"))
        self.assertIsNone(parse_date("2023-13-01"))

    def test_it_requires_a_recent_four_digit_year(self):
        self.assertIsNone(parse_date("12/03/1445"))
        self.assertIsNone(parse_date("12/03/1985"))
        self.assertIsNone(parse_date("12/03/23"))


class HijriDateTests(SimpleTestCase):
    def test_it_returns_the_gregorian_equivalent(self):
        found = only("عقد المؤتمر في جدة يوم 20 ذو القعدة 1435 هـ الموافق 15 سبتمبر 2014")
        self.assertEqual((found.date, found.text), (D(2014, 9, 15), "15 سبتمبر 2014"))

    def test_it_checks_a_weekday_written_before_the_hijri_date(self):
        found = only("الاثنين 20 ذو القعدة 1435 هـ الموافق 15 سبتمبر 2014")
        self.assertEqual((found.date, found.note), (D(2014, 9, 15), ""))

    def test_it_skips_a_hijri_date_alone(self):
        self.assertEqual(find_dates("صدر البيان في 20 ذو الحجة 1445 هـ"), [])
        self.assertEqual(find_dates("بتاريخ 1445/12/20 هـ"), [])


class ArabicDigitTests(SimpleTestCase):
    def test_it_reads_arabic_indic_digits(self):
        found = only("اختتم الاجتماع الوزاري في ٤ حزيران ٢٠٢٠")
        self.assertEqual((found.date, found.text), (D(2020, 6, 4), "٤ حزيران ٢٠٢٠"))

    def test_it_reads_persian_and_mixed_digits(self):
        self.assertEqual(parse_date("۱۵ سبتمبر ۲۰۱۴"), D(2014, 9, 15))
        self.assertEqual(parse_date("١٣/٠٢/٢٠١٨"), D(2018, 2, 13))
        self.assertEqual(parse_date("5th, October ٢٠٢٤"), D(2024, 10, 5))


class OffsetTests(SimpleTestCase):
    def test_offsets_point_into_the_original_text(self):
        text = "قالت الخارجيّة إنَّ الاجتماعَ عُقد في ١٥ سبتمبر ٢٠١٤، ثم أكَّدَ الوزراءُ، الثُّلاثاءَ، التزامهم"
        for found in find_dates(text, D(2014, 9, 17)):
            self.assertEqual(text[found.start : found.end], found.text)
        self.assertEqual([f.text for f in find_dates(text, D(2014, 9, 17))], ["١٥ سبتمبر ٢٠١٤", "الثُّلاثاءَ"])

    def test_it_sees_through_direction_marks(self):
        text = "بتاريخ \u200f15/09/2014\u200f صدر البيان"
        found = only(text)
        self.assertEqual((found.date, text[found.start : found.end]), (D(2014, 9, 15), "15/09/2014"))


class RelativeDateTests(SimpleTestCase):
    def test_it_reads_yesterday_evening_in_seed_001(self):
        found = [f for f in find_dates(seed("001"), D(2024, 10, 5)) if f.relative][0]
        self.assertEqual((found.text, found.date, found.note), ("مساء امس الجمعة", D(2024, 10, 4), ""))

    def test_it_notes_a_weekday_that_disagrees_with_yesterday(self):
        found = only("قال التحالف في بيان، أمس الخميس، إن", D(2024, 10, 5))
        self.assertEqual(found.date, D(2024, 10, 4))
        self.assertIn("الخميس", found.note)
        self.assertIn("الجمعة", found.note)

    def test_it_reads_today_with_its_weekday(self):
        found = only("أكد الوزراء اليوم الخميس دعمهم للعراق", D(2020, 6, 4))
        self.assertEqual((found.date, found.relative, found.note), (D(2020, 6, 4), True, ""))
        self.assertNotEqual(only("أكد الوزراء اليوم الأربعاء دعمهم", D(2020, 6, 4)).note, "")

    def test_it_reads_the_day_before_yesterday_in_three_spellings(self):
        for phrase in ("أمس الأول", "أول أمس", "أول من أمس"):
            with self.subTest(phrase):
                self.assertEqual(only(f"وصل الوفد إلى بغداد {phrase} قادماً من عمان", D(2024, 10, 5)).date, D(2024, 10, 3))

    def test_it_reads_this_evening_but_not_the_next_day(self):
        self.assertEqual(only("الاجتماع الذي عقد مساء اليوم عبر دائرة تلفزيونية", D(2021, 3, 30)).date, D(2021, 3, 30))
        self.assertEqual(find_dates("وفي صباح اليوم التالي غادر الوفد", D(2021, 3, 30)), [])
        self.assertEqual(find_dates("العراق اليوم أكثر استقراراً", D(2021, 3, 30)), [])

    def test_it_leaves_relative_dates_unresolved_without_a_reference(self):
        found = only("قال التحالف، مساء أمس الجمعة، إنه")
        self.assertEqual((found.date, found.relative, found.note), (None, True, NOTE_NO_REFERENCE))

    def test_it_does_not_read_yesterday_inside_other_words(self):
        self.assertEqual(find_dates("أقيمت أمسية ثقافية بالأمس في بغداد، حلفاء الأمس", D(2024, 10, 5)), [])


class WeekdayTests(SimpleTestCase):
    def test_it_reads_a_bare_weekday_of_seed_002(self):
        thursday = find_dates(seed("002"), D(2016, 7, 22))[0]
        self.assertEqual((thursday.text, thursday.date), ("الخميس", D(2016, 7, 21)))
        self.assertEqual((find_dates(seed("002"))[0].date, find_dates(seed("002"))[0].note), (None, NOTE_NO_REFERENCE))

    def test_it_reads_the_variant_spelling_in_seed_004(self):
        found = find_dates(seed("004"))
        self.assertEqual([(f.text, f.date, f.relative, f.note) for f in found], [("الثلثاء", None, True, NOTE_NO_REFERENCE)])
        self.assertEqual(find_dates(seed("004"), D(2021, 3, 31))[0].date, D(2021, 3, 30))

    def test_it_counts_the_publication_day_itself(self):
        self.assertEqual(only("صادق مجلس الشيوخ، الاثنين، على التعيين", D(2025, 1, 20)).date, D(2025, 1, 20))

    def test_it_reads_last_and_next_weekdays(self):
        self.assertEqual(only("اجتمع الوزراء يوم الخميس الماضي في روما", D(2024, 10, 10)).date, D(2024, 10, 3))
        self.assertEqual(only("يعقد الاجتماع الجمعة المقبلة في الرياض", D(2024, 10, 10)).date, D(2024, 10, 11))
        self.assertEqual(only("وصل الوزير مساء الأحد إلى أربيل", D(2024, 10, 10)).date, D(2024, 10, 6))

    def test_it_skips_weekdays_that_are_part_of_a_name(self):
        for text in (
            "احتفل المسيحيون في الموصل بيوم الجمعة العظيمة",
            "أمّ المصلين في صلاة الجمعة",
            "صرح الكاتب محمد آل الخميس",
            "تبادل الاثنان الرأي بين الاثنين",
            "خطة من الأحد عشر بنداً",
        ):
            with self.subTest(text):
                self.assertEqual(find_dates(text, D(2024, 10, 10)), [])

    def test_it_needs_context_for_weekdays_that_are_also_words(self):
        self.assertEqual(find_dates("وأكد الاثنين أن التعاون مستمر", D(2024, 10, 10)), [])
        self.assertEqual(only("وأكد الوزيران، الاثنين، أن التعاون مستمر", D(2024, 10, 10)).date, D(2024, 10, 7))


class AttachedWeekdayTests(SimpleTestCase):
    def test_it_returns_the_absolute_date_of_seed_003(self):
        found = find_dates(seed("003"))
        self.assertEqual([(f.text, f.date, f.relative, f.note) for f in found], [("4 حزيران 2020", D(2020, 6, 4), False, "")])

    def test_it_notes_a_weekday_that_the_date_does_not_fall_on(self):
        found = only("اختتم الوزراء اجتماعهم اليوم الجمعة، (4 حزيران 2020)")
        self.assertEqual(found.date, D(2020, 6, 4))
        self.assertIn("الخميس", found.note)

    def test_it_reads_a_weekday_joined_by_al_muwafiq(self):
        self.assertEqual(only("يوم الخميس الموافق 4 حزيران 2020", D(2020, 6, 10)).date, D(2020, 6, 4))


class SeedTests(SimpleTestCase):
    def test_it_reads_both_stamps_and_yesterday_in_seed_001(self):
        found = find_dates(seed("001"), D(2024, 10, 5))
        self.assertEqual(
            [(f.text, f.date) for f in found[:3]],
            [("5th, October 2024", D(2024, 10, 5)), ("5 أكتوبر 2024", D(2024, 10, 5)), ("مساء امس الجمعة", D(2024, 10, 4))],
        )

    def test_it_reads_the_update_stamp_with_its_time(self):
        self.assertEqual(parse_date("5 أكتوبر 2024 - 1:54 م"), D(2024, 10, 5))

    def test_every_seed_span_matches_its_text(self):
        for prefix in ("000", "001", "002", "003", "004"):
            text = seed(prefix)
            for found in find_dates(text, D(2024, 10, 5)):
                self.assertEqual(text[found.start : found.end], found.text)


class NotADateTests(SimpleTestCase):
    def test_it_ignores_numbers_that_are_not_dates(self):
        for text in (
            "بهدف جمع واستخدام مبلغ 394 مليون دولار للمناطق المحررة",
            "بما يتماشى مع قرارات مجلس الأمن الدولي 2178 و 2396 و 2462",
            "إعادة أكثر من 10,000 من مواطنيه",
            "نحو 10.000 مقاتل",
            "آخر تحديث: 1:54 م",
            "قرار مجلس الأمن رقم 2254",
            "للتواصل 0770-123-4567 أو +964-770-123-4567",
            "خلال الأعوام 2014-2017",
            "ويصل العدد الإجمالي للأعضاء إلى 87 عضوا في 2024",
        ):
            with self.subTest(text):
                self.assertEqual(find_dates(text), [])

    def test_parse_date_ignores_relative_dates(self):
        self.assertIsNone(parse_date("أمس الجمعة"))
        self.assertIsNone(parse_date(""))


class FutureAndPartialDateTests(SimpleTestCase):
    def test_tomorrow_and_the_day_after_in_previews(self):
        reference = datetime.date(2016, 2, 1)
        (tomorrow,) = dates.find_dates("اجتماعا في روما غداً الثلاثاء", reference)
        self.assertEqual((tomorrow.date, tomorrow.weekday, tomorrow.note), (datetime.date(2016, 2, 2), 1, ""))
        (after,) = dates.find_dates("بعد غد الأربعاء", reference)
        self.assertEqual(after.date, datetime.date(2016, 2, 3))
        self.assertEqual(dates.find_dates("من أجل غد أفضل", reference), [])

    def test_an_unresolved_relative_date_keeps_its_weekday(self):
        (found,) = dates.find_dates("ترأس الوزير اليوم الثلاثاء الاجتماع")
        self.assertEqual((found.date, found.weekday), (None, 1))

    def test_days_of_month_without_a_year(self):
        found = [(d.day, d.month) for d in dates.find_days_of_month(
            "في 22 آذار الجاري، وفي السادس من فبراير المقبل، وفي الـ29 من يونيو/حزيران، لا في 5 مايو 2020"
        )]
        self.assertEqual(found, [(22, 3), (6, 2), (29, 6)])


class DaysOfThisMonthTests(SimpleTestCase):
    def test_a_day_of_the_month_written_in(self):
        self.assertEqual([d for d, _ in dates.find_days_of_this_month("اجتماع يعقد في 25 الجاري في باريس")], [25])
        self.assertEqual([d for d, _ in dates.find_days_of_this_month("عقده يوم الخامس عشر من الشهر الجارى")], [15])
        self.assertEqual(dates.find_days_of_this_month("في 25 آذار الجاري"), [])  # a month named: find_days_of_month's
        self.assertEqual(dates.find_days_of_this_month("قتل 25 شخصا"), [])


class BracketedWeekdayTests(SimpleTestCase):
    def test_the_saudi_press_s_weekday_in_brackets_labels_the_relative_day(self):
        # "اليوم (الأربعاء)" (dev8/26), "أمس (الثلاثاء)" (dev8/19): one date, with its weekday.
        found = dates.find_dates("وبدأ الاجتماع أمس (الثلاثاء) حسبما أعلنت وزارة الدفاع")
        self.assertEqual([(d.text, d.weekday) for d in found], [("أمس (الثلاثاء)", 1)])
        dated = dates.find_dates("طمأن بومبيو الحلفاء، اليوم (الأربعاء)، بأن", D(2019, 2, 6))
        self.assertEqual([d.date for d in dated], [D(2019, 2, 6)])


class MonthAloneTests(SimpleTestCase):
    def test_a_month_with_a_word_that_makes_it_one_and_no_day_or_year(self):
        # "منتصف أيلول (سبتمبر) الجاري" (dev10/06).
        self.assertEqual([m for m, _ in dates.find_months("سيعقد في باريس منتصف أيلول (سبتمبر) الجاري")], [9])
        self.assertEqual([m for m, _ in dates.find_months("يعقد الاجتماع في يونيو المقبل")], [6])
        self.assertEqual([m for m, _ in dates.find_months("في شهر أيار الجاري")], [5])

    def test_not_a_date_with_its_day_or_year_nor_a_bare_name(self):
        for text in ("في 22 آذار الجاري", "الخامس عشر من أيلول الجاري", "في شهر مايو 2019", "وقال آب إن", "في تموز"):
            with self.subTest(text):
                self.assertEqual(dates.find_months(text), [])


class MonthOfWritingTests(SimpleTestCase):
    def test_a_month_called_the_current_one_with_or_without_its_day(self):
        # "منذ 8 سبتمبر الجاري" (dev12/02), about the bombing, not the meeting.
        self.assertEqual(dates.find_months_of_writing("وشرعت الولايات المتحدة في القصف منذ 8 سبتمبر الجاري"), [9])
        self.assertEqual(dates.find_months_of_writing("في الـ29 من يونيو/حزيران الجاري"), [6])
        self.assertEqual(dates.find_months_of_writing("خلال شهر تشرين الثاني الحالي"), [11])

    def test_not_this_month_unnamed_nor_a_month_to_come_or_gone(self):
        for text in ("في 25 الشهر الجاري", "في يونيو المقبل", "في مايو الماضي، من العام الجاري", "في 22 آذار 2017"):
            with self.subTest(text):
                self.assertEqual(dates.find_months_of_writing(text), [])
