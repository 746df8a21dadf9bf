import dataclasses
from pathlib import Path

from django.test import SimpleTestCase

from archive.importing.resolutions import FoundResolution, find_resolutions

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def numbers(text: str) -> list[int]:
    return [found.number for found in find_resolutions(text)]


def only(text: str) -> FoundResolution:
    found = find_resolutions(text)
    if len(found) != 1:
        raise AssertionError(f"expected one resolution, found {[f.number for f in found]} in {text!r}")
    return found[0]


class SeedTests(SimpleTestCase):
    def test_it_finds_the_four_resolutions_of_seed_001_in_order(self):
        text = seed("001_6d8884bc9d82369e.txt")
        found = find_resolutions(text)
        self.assertEqual([f.number for f in found], [2254, 2178, 2396, 2462])
        for f in found:
            self.assertEqual(text[f.start:f.end], str(f.number))
            self.assertIsNone(f.year)

    def test_it_keeps_the_sentence_of_each_seed_001_citation(self):
        found = {f.number: f for f in find_resolutions(seed("001_6d8884bc9d82369e.txt"))}
        self.assertTrue(found[2254].sentence.startswith("وحث الوزراء على “دعم جهود المصالحة"))
        self.assertTrue(found[2254].sentence.endswith("بما يتماشى مع قرار مجلس الأمن الدولي رقم 2254”."))
        self.assertTrue(found[2178].sentence.startswith("ويؤكد الوزراء من جديد التزامهم"))
        self.assertTrue(found[2178].sentence.endswith("قرارات مجلس الأمن الدولي 2178 و 2396 و 2462″."))
        self.assertEqual(found[2396].sentence, found[2178].sentence)
        self.assertNotIn("ذات الصلة", found[2462].sentence)

    def test_it_finds_nothing_in_the_article_appended_to_seed_001(self):
        appended = seed("001_6d8884bc9d82369e.txt").split("إقرأ أيضاً:", 1)[1]
        self.assertIn("بين 15 سيناتورا", appended)
        self.assertEqual(numbers(appended), [])

    def test_it_finds_2254_in_seed_003_with_its_sentence(self):
        text = seed("003_8d2f6804c6a9ad88.txt")
        found = only(text)
        self.assertEqual((found.number, found.year), (2254, None))
        self.assertEqual(text[found.start:found.end], "2254")
        self.assertEqual(
            found.sentence,
            "وحول الوضع في سوريا، ورد في البيان: “ندعو الشعب السوري لإيجاد حل سياسي استناداً إلى قرار مجلس الأمن المرقم 2254”.",
        )

    def test_it_finds_2254_in_seed_004_with_its_sentence(self):
        text = seed("004_b0b6bfff154b50a2.txt")
        found = only(text)
        self.assertEqual(found.number, 2254)
        self.assertEqual(text[found.start:found.end], "2254")
        self.assertEqual(
            found.sentence,
            "وفي سوريا، أكد التحالف وقوفه إلى جانب الشعب السوري لدعم تسوية سياسية دائمة وفقا لقرار مجلس الأمن رقم 2254.",
        )

    def test_it_finds_nothing_in_seeds_000_and_002(self):
        self.assertEqual(numbers(seed("000_9c958cb527e5a0b5.txt")), [])
        self.assertEqual(numbers(seed("002_060bc5bead1c96b7.txt")), [])


class CitationFormTests(SimpleTestCase):
    def test_it_reads_security_council_resolution_with_raqm(self):
        text = "وجدد وزراء التحالف دعمهم لعملية سياسية يقودها السوريون وفق قرار مجلس الأمن رقم 2254."
        found = only(text)
        self.assertEqual(found.number, 2254)
        self.assertEqual(text[found.start:found.end], "2254")

    def test_it_reads_the_international_security_council(self):
        text = "ودعا البيان الختامي لاجتماع روما عام 2018 إلى حل سياسي بما يتماشى مع قرار مجلس الأمن الدولي رقم 2254."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_al_muraqqam(self):
        text = "وطالب المجتمعون في الكويت بتطبيق قرار مجلس الأمن المرقم 2254 الخاص بالتسوية في سوريا."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_the_number_right_after_the_council(self):
        text = "وأكد المبعوث الأمريكي أن أي تسوية لا بد أن تستند لقرار مجلس الأمن 2254 دون انتقائية."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_wafqan_li_qarar(self):
        text = "وشدد الوزراء في اجتماعهم ببروكسل على دعم تسوية سياسية دائمة وفقا لقرار مجلس الأمن رقم 2254."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_the_resolution_word_with_its_prefixes(self):
        for word in ("قرار", "وقرار", "بقرار", "وبقرار", "لقرار", "فقرار", "كقرار", "القرار", "بالقرار", "للقرار"):
            with self.subTest(word=word):
                text = f"وجدد الوزراء التزامهم {word} مجلس الأمن رقم 2254 بشأن سوريا."
                self.assertEqual(numbers(text), [2254])

    def test_it_reads_the_council_named_after_the_number(self):
        text = "وأشار المتحدث باسم التحالف إلى أن القرار 2254 الصادر عن مجلس الأمن يبقى الإطار الوحيد للحل."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_the_council_as_owner_after_the_number(self):
        text = "ودعا وزراء التحالف في واشنطن عام 2023 إلى تنفيذ القرار 2254 لمجلس الأمن بكامل بنوده."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_dhi_al_raqm(self):
        text = "وذكر البيان بقرار مجلس الأمن ذي الرقم 2170 الذي أدرج داعش وجبهة النصرة على قوائم العقوبات."
        self.assertEqual(numbers(text), [2170])

    def test_it_reads_words_about_the_subject_before_raqm(self):
        text = "وطالب الوزراء بتطبيق قرار مجلس الأمن الدولي الخاص بسوريا رقم 2254 دون تأخير."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_tashkeel_and_tatweel_and_keeps_the_original_offsets(self):
        text = "وأكَّدَ البيانُ على قَرَارِ مَجْلِسِ الأَمْنِ الدَّوْلِيِّ رَقْمُ 2254، ودعا إلى تطبيق قرار مجلـــس الأمن 2178."
        found = find_resolutions(text)
        self.assertEqual([f.number for f in found], [2254, 2178])
        self.assertEqual([text[f.start:f.end] for f in found], ["2254", "2178"])


class UnitedNationsContextTests(SimpleTestCase):
    def test_it_reads_the_un_resolution(self):
        text = "وجدد المشاركون في اجتماع التحالف بالرياض تمسكهم بالقرار الأممي 2254 أساسا للحل في سوريا."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_un_resolutions_in_a_list(self):
        text = "ودعا الاجتماع إلى تجفيف منابع تمويل داعش وفق القرارات الأممية 2170 و2199 و2253."
        self.assertEqual(numbers(text), [2170, 2199, 2253])

    def test_it_reads_the_international_resolution(self):
        text = "وأكدت الخارجية أن الحل في سوريا يمر عبر القرار الدولي 2254."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_the_united_nations_resolution(self):
        text = "وقال المبعوث إن قرار الأمم المتحدة رقم 2254 يرسم خريطة طريق للانتقال السياسي."
        self.assertEqual(numbers(text), [2254])

    def test_it_reads_the_council_named_shortly_before_the_resolution_word(self):
        text = "وكان مجلس الأمن قد تبنى بالإجماع في أيلول 2014 القرار 2178 بشأن المقاتلين الإرهابيين الأجانب."
        self.assertEqual(numbers(text), [2178])

    def test_it_does_not_take_a_council_from_another_sentence(self):
        text = "وشدد الوزير على تنفيذ القرار 2254. وكان مجلس الأمن قد عقد جلسة طارئة حول سوريا."
        self.assertEqual(numbers(text), [])


class ResolutionListTests(SimpleTestCase):
    def test_it_reads_a_list_joined_by_separate_conjunctions(self):
        text = "وتقييد وصول داعش إلى التمويل بما يتماشى مع قرارات مجلس الأمن الدولي 2178 و 2396 و 2462."
        self.assertEqual(numbers(text), [2178, 2396, 2462])

    def test_it_reads_numbers_with_the_conjunction_glued_on(self):
        text = "وأكد الوزراء التزامهم بتنفيذ قراري مجلس الأمن الدولي رقم 2170 و2178 بشأن المقاتلين الأجانب."
        found = find_resolutions(text)
        self.assertEqual([f.number for f in found], [2170, 2178])
        self.assertEqual(text[found[1].start:found[1].end], "2178")

    def test_it_reads_a_dual_with_the_council_after_the_numbers(self):
        text = "ودعا البيان الدول الأعضاء إلى تطبيق القرارين 2170 و 2178 الصادرين عن مجلس الأمن عام 2014."
        self.assertEqual(numbers(text), [2170, 2178])

    def test_it_reads_four_numbers(self):
        text = "واستعرض فريق مكافحة تمويل داعش التزام الدول بقرارات مجلس الأمن 2170 و2178 و2199 و2253."
        self.assertEqual(numbers(text), [2170, 2178, 2199, 2253])

    def test_it_reads_a_list_with_arabic_commas(self):
        text = "وذكّر المجتمعون بقرارات مجلس الأمن 2170، 2178، و2199 المتعلقة بمكافحة الإرهاب."
        self.assertEqual(numbers(text), [2170, 2178, 2199])

    def test_it_reads_a_list_continued_by_another_resolution_word(self):
        text = "وأشار البيان إلى قرار مجلس الأمن رقم 2199 والقرار 2253 بشأن تجفيف منابع تمويل داعش."
        self.assertEqual(numbers(text), [2199, 2253])

    def test_it_ends_the_list_at_a_count(self):
        text = "وتبادل الأعضاء المعلومات التزاما بقرار مجلس الأمن 2178 و 87 عضوا في التحالف أيدوا ذلك."
        self.assertEqual(numbers(text), [2178])

    def test_it_reads_each_year_in_a_list(self):
        found = find_resolutions("وأشاد الوزراء بتطبيق قراري مجلس الأمن 2170 (2014) و2199 (2015) في العراق.")
        self.assertEqual([(f.number, f.year) for f in found], [(2170, 2014), (2199, 2015)])


class DigitTests(SimpleTestCase):
    def test_it_reads_arabic_indic_digits_and_points_into_the_original(self):
        text = "وأكد البيان دعم الحل السياسي وفق قرار مجلس الأمن رقم ٢٢٥٤ في سوريا."
        found = only(text)
        self.assertEqual(found.number, 2254)
        self.assertEqual(text[found.start:found.end], "٢٢٥٤")

    def test_it_reads_persian_digits(self):
        text = "وشدد الوزراء على قرار مجلس الأمن رقم ۲۲۵۴ في بيانهم الختامي."
        found = only(text)
        self.assertEqual(found.number, 2254)
        self.assertEqual(text[found.start:found.end], "۲۲۵۴")

    def test_it_reads_a_list_in_arabic_indic_digits(self):
        text = "وطالب البيان بتنفيذ قراري مجلس الأمن ٢١٧٠ و٢١٧٨."
        found = find_resolutions(text)
        self.assertEqual([f.number for f in found], [2170, 2178])
        self.assertEqual([text[f.start:f.end] for f in found], ["٢١٧٠", "٢١٧٨"])


class SymbolTests(SimpleTestCase):
    def test_it_reads_the_document_symbol_with_its_year(self):
        text = "واستند البيان إلى الوثيقة S/RES/2254 (2015) الصادرة في كانون الأول."
        found = only(text)
        self.assertEqual((found.number, found.year), (2254, 2015))
        self.assertEqual(text[found.start:found.end], "2254")

    def test_it_reads_the_symbol_with_the_year_glued_on(self):
        found = only("وفقا للقرار S/RES/2254(2015) بشأن سوريا.")
        self.assertEqual((found.number, found.year), (2254, 2015))

    def test_it_reads_the_symbol_after_the_resolution_word(self):
        found = only("وأعاد التحالف التذكير بالقرار S/RES/2170 المتعلق بداعش.")
        self.assertEqual((found.number, found.year), (2170, None))


class YearTests(SimpleTestCase):
    def test_it_reads_the_year_in_brackets(self):
        found = only("وجدد وزراء التحالف دعمهم للقرار 2254 (2015) في اجتماعهم الأخير.")
        self.assertEqual((found.number, found.year), (2254, 2015))

    def test_it_reads_the_year_after_li_am(self):
        found = only("وأكد البيان أن الحل يمر عبر القرار رقم 2254 لعام 2015.")
        self.assertEqual((found.number, found.year), (2254, 2015))

    def test_it_reads_the_year_after_a_council_citation(self):
        found = only("ودعا الوزراء إلى منع سفر المقاتلين الأجانب تطبيقا لقرار مجلس الأمن 2178 (2014).")
        self.assertEqual((found.number, found.year), (2178, 2014))

    def test_it_reads_the_year_of_the_adoption_date(self):
        found = only("وأشار إلى قرار مجلس الأمن رقم 2254 الصادر في 18 كانون الأول 2015.")
        self.assertEqual((found.number, found.year), (2254, 2015))

    def test_it_reads_the_year_after_the_council_named_after_the_number(self):
        found = only("وطالب المجتمعون بتطبيق القرار 2254 الصادر عن مجلس الأمن الدولي عام 2015.")
        self.assertEqual((found.number, found.year), (2254, 2015))

    def test_it_does_not_return_a_year_as_a_resolution(self):
        self.assertEqual(numbers("وقال الوزير إن قرار مجلس الأمن لعام 2015 لم يطبق بعد."), [])
        self.assertEqual(numbers("ودعا البيان إلى احترام قرار مجلس الأمن رقم 2254 لعام 2015."), [2254])

    def test_it_takes_the_year_from_a_later_citation_of_the_same_resolution(self):
        text = "وأكد الوزراء تمسكهم بقرار مجلس الأمن رقم 2254. وذكر البيان أن القرار 2254 (2015) يبقى أساس الحل."
        found = only(text)
        self.assertEqual((found.number, found.year), (2254, 2015))
        self.assertEqual(found.sentence, "وأكد الوزراء تمسكهم بقرار مجلس الأمن رقم 2254.")

    def test_it_refuses_a_decree_whose_year_does_not_fit_the_council_numbering(self):
        self.assertEqual(numbers("وأصدرت الوزارة القرار رقم 45 لسنة 2019 بشأن عودة النازحين."), [])


class OtherBodyTests(SimpleTestCase):
    def test_it_ignores_an_arab_league_resolution(self):
        self.assertEqual(numbers("ورحب البيان بقرار الجامعة العربية رقم 8914 بشأن دعم العراق."), [])

    def test_it_ignores_a_general_assembly_resolution(self):
        self.assertEqual(numbers("واستشهد الوفد بقرار الجمعية العامة للأمم المتحدة رقم 67/19."), [])

    def test_it_ignores_a_parliament_resolution(self):
        self.assertEqual(numbers("وطالب قرار البرلمان العراقي رقم 18 بإخراج القوات الأجنبية من البلاد."), [])

    def test_it_ignores_a_cabinet_resolution(self):
        self.assertEqual(numbers("ونص قرار مجلس الوزراء العراقي رقم 45 على تشكيل لجنة لإعادة النازحين."), [])

    def test_it_ignores_the_nato_decision_of_seed_000(self):
        text = "ورحب الوزراء بالقرار الصادر عن الاجتماع الوزاري لحلف الناتو في 18 فبراير/شباط بشأن التوسع التدريجي لمهمة الناتو."
        self.assertEqual(numbers(text), [])

    def test_it_ignores_national_security_councils(self):
        self.assertEqual(numbers("وأصدر المجلس الوزاري للأمن الوطني القرار رقم 12 بشأن حماية الحدود."), [])
        self.assertEqual(numbers("وكشف قرار مجلس الأمن القومي رقم 12 عن خطة لسحب القوات."), [])

    def test_it_ignores_a_body_named_after_the_number(self):
        self.assertEqual(numbers("وأشار إلى القرار رقم 18 الصادر عن البرلمان العراقي في كانون الثاني."), [])

    def test_it_keeps_the_council_resolution_beside_another_bodys(self):
        text = "وفقا لقرار مجلس الأمن رقم 2254 وقرار الجامعة العربية رقم 7595 بشأن سوريا."
        self.assertEqual(numbers(text), [2254])


class NumberNoiseTests(SimpleTestCase):
    def test_it_ignores_sums_counts_and_years(self):
        for text in (
            "بهدف جمع واستخدام مبلغ 394 مليون دولار للمناطق المحررة من تنظيم داعش.",
            "وأشاد الوزراء بإعادة العراق أكثر من 10,000 من مواطنيه من شمال شرق سوريا.",
            "وبذلك يصل العدد الإجمالي للأعضاء إلى 87 عضوا.",
            "في عام 2014، قادت الولايات المتحدة استجابة دولية لطلب الحكومة العراقية.",
            "وشاركت 29 دولة في الاجتماع الوزاري المصغر.",
            "وأعلن التحالف إعادة 2254 شخصا إلى مناطقهم في نينوى.",
        ):
            with self.subTest(text=text):
                self.assertEqual(numbers(text), [])

    def test_it_ignores_relevant_resolutions_without_a_number(self):
        text = "وفقا للقانون الدولي، بما في ذلك ميثاق الأمم المتحدة، وجميع قرارات مجلس الأمن ذات الصلة."
        self.assertEqual(numbers(text), [])

    def test_it_ignores_a_date_after_the_council(self):
        self.assertEqual(numbers("وأشار إلى قرار مجلس الأمن بشأن سوريا في 18 ديسمبر الماضي."), [])
        self.assertEqual(numbers("واستند إلى قرار مجلس الأمن الصادر بتاريخ 18/12/2015."), [])

    def test_it_ignores_numbers_outside_the_council_numbering(self):
        self.assertEqual(numbers("وأشار إلى قرار مجلس الأمن رقم 8914."), [])
        self.assertEqual(numbers("وأشار إلى قرار مجلس الأمن رقم 0."), [])

    def test_it_ignores_a_resolution_naming_no_body(self):
        self.assertEqual(numbers("ودعا الوزير إلى تنفيذ القرار 2254 دون إبطاء."), [])


class OrderTests(SimpleTestCase):
    def test_it_lists_each_number_once_in_order_of_first_appearance(self):
        text = (
            "وذكّر الوزراء بقرار مجلس الأمن 2178 بشأن المقاتلين الأجانب. "
            "وفي سوريا دعوا إلى تسوية وفق قرار مجلس الأمن رقم 2254. "
            "وختم البيان بالتأكيد على قرار مجلس الأمن 2178 مجددا."
        )
        found = find_resolutions(text)
        self.assertEqual([f.number for f in found], [2178, 2254])
        self.assertEqual(found[0].start, text.index("2178"))
        self.assertEqual(found[0].sentence, "وذكّر الوزراء بقرار مجلس الأمن 2178 بشأن المقاتلين الأجانب.")

    def test_it_counts_an_earlier_bare_citation_of_a_confirmed_number(self):
        text = "ودعا الوزير إلى تنفيذ القرار 2254 كاملا. وأكد البيان أن قرار مجلس الأمن رقم 2254 يبقى أساس الحل."
        found = only(text)
        self.assertEqual(found.start, text.index("2254"))
        self.assertEqual(found.sentence, "ودعا الوزير إلى تنفيذ القرار 2254 كاملا.")

    def test_it_returns_frozen_results(self):
        found = only("وفقا لقرار مجلس الأمن رقم 2254.")
        self.assertEqual(found, FoundResolution(2254, None, 26, 30, "وفقا لقرار مجلس الأمن رقم 2254."))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            found.number = 2178  # type: ignore[misc]

    def test_it_finds_nothing_in_an_empty_text(self):
        self.assertEqual(find_resolutions(""), [])
