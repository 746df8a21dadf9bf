import datetime
from pathlib import Path

from django.test import SimpleTestCase

from archive import text
from archive.importing import cleaning, reading

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
REAL = Path(__file__).resolve().parent / "data" / "real"


def clean_seed(name: str) -> cleaning.Cleaned:
    return cleaning.clean(reading.decode((SEEDS / name).read_bytes()).text)


class SeedCleaningTests(SimpleTestCase):
    """The five real seeds, cleaned as a careful editor would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seeds = {path.name[:3]: clean_seed(path.name) for path in SEEDS.glob("*.txt")}

    def test_it_uses_the_lead_sentence_when_the_page_has_no_headline(self):
        seed = self.seeds["000"]
        self.assertEqual(
            seed.title,
            "جدد وزراء خارجية التحالف الدولي لمحاربة تنظيم داعش دعمهم للسلطات العراقية "
            "في أعقاب زيادة الأنشطة الإرهابية للتنظيم ببغداد",
        )
        self.assertTrue(seed.body.startswith("جدد وزراء خارجية التحالف"))
        self.assertIn("لا عنوان في الملف: العنوان هو الجملة الأولى", seed.flags)

    def test_it_drops_the_section_list_and_newsletter_prompt_of_seed_000(self):
        seed = self.seeds["000"]
        self.assertTrue(seed.body.endswith("تسليم القوات الأمنية العراقية مجموعة جديدة من أبراج المراقبة من قبل التحالف الدولي\"."))
        self.assertNotIn("أخبار من القسم", seed.body)
        self.assertNotIn("اشترك", seed.body)

    def test_it_reads_the_outlet_that_names_itself(self):
        self.assertEqual(self.seeds["000"].outlet, "العين الإخبارية")

    def test_it_reads_title_date_stamps_and_dateline_of_seed_001(self):
        seed = self.seeds["001"]
        self.assertEqual(seed.title, "التحالف الدولي يؤكد على استمرار دعمه للعراق ومكافحة الإرهاب")
        self.assertEqual(seed.published_on, datetime.date(2024, 10, 5))
        self.assertEqual(text.key(seed.outlet), text.key("شبكة أخبار العراق"))
        self.assertEqual(seed.dateline_city, "بغداد")
        self.assertTrue(seed.body.startswith("قال التحالف الدولي في بيان"), seed.body[:80])
        self.assertNotIn("تاريخ النشر", seed.body)
        self.assertNotIn("آخر تحديث", seed.body)

    def test_it_keeps_the_appended_senate_article_out_of_seed_001(self):
        body = self.seeds["001"].body
        self.assertTrue(body.endswith("وسيقف أعضاء التحالف الدولي معا حتى يتم هزيمة تنظيم داعش”."), body[-80:])
        for furniture in ["روبيو", "مجلس الشيوخ", "كلمات دلالية", "المصدر:", "إضغط", "البلاي ستور", "أوكرانيا"]:
            self.assertNotIn(furniture, body)

    def test_it_drops_the_repeated_title_and_comment_form_of_seed_002(self):
        seed = self.seeds["002"]
        self.assertEqual(seed.title, "التحالف الدولي يؤكد على العمل لاستقرار المناطق المحررة في العراق")
        self.assertNotIn(seed.title, seed.body)
        self.assertTrue(seed.body.startswith("أكد وزراء الخارجية والدفاع من 40 دولة"), seed.body[:60])
        self.assertEqual(text.key(seed.outlet), text.key("شبكة أخبار العراق"))
        for furniture in ["التعليقات", "أضف تعليقاً", "بريدك", "آخر تحديث"]:
            self.assertNotIn(furniture, seed.body)
        self.assertIsNone(seed.published_on)
        self.assertIn("لم يُعرف تاريخ النشر", seed.flags)

    def test_it_drops_the_section_label_and_related_links_of_seed_003(self):
        seed = self.seeds["003"]
        self.assertEqual(seed.title, "الاجتماع الوزاري لأعضاء التحالف الدولي يؤكد الالتزام بدعم العراق واحترام سيادته")
        self.assertTrue(seed.body.startswith("اختتم وزراء خارجية الدول الأعضاء"))
        self.assertTrue(seed.body.endswith("التي سيتم جدولتها بمجرد أن تسمح الظروف”."), seed.body[-60:])
        self.assertEqual(seed.outlet, "")
        self.assertIn("لم يُعرف المصدر الإخباري", seed.flags)

    def test_it_keeps_the_whole_of_seed_004_which_has_no_furniture(self):
        seed = self.seeds["004"]
        self.assertTrue(seed.title.startswith("أكد وزراء خارجية دول التحالف الدولي لهزيمة داعش"))
        self.assertTrue(seed.title.endswith("ومصالح التحالف”"))
        self.assertTrue(seed.body.endswith("وكذلك ضمان حقوق المرأة."))
        self.assertEqual(seed.body.count("\n\n"), 14)  # its 15 paragraphs, the lead included


class FurnitureTests(SimpleTestCase):
    def test_it_cuts_everything_from_read_also_on(self):
        page = "عنوان الخبر\nاجتمع الوزراء في روما.\nاقرأ أيضا: خبر آخر\nنص خبر آخر عن الرياضة."
        self.assertEqual(cleaning.clean(page).body, "اجتمع الوزراء في روما.")

    def test_it_keeps_a_paragraph_that_merely_starts_with_a_weak_marker_word(self):
        page = ("عنوان الخبر\nاجتمع الوزراء في روما.\n"
                "التعليقات التي أدلى بها الوزير العراقي خلال الاجتماع تناولت ملف النازحين في المخيمات.")
        self.assertIn("التعليقات التي أدلى بها", cleaning.clean(page).body)

    def test_a_share_line_under_the_headline_leaves_short_wire_paragraphs_in(self):
        # dev13/a11 (yafa-news.net), the page's first lines as copied: its
        # paragraphs are single sentences, none of 200 characters.
        page = (REAL / "dev13" / "a11_kuwait2018_yafanews.txt").read_text(encoding="utf-8")
        cleaned = cleaning.clean(page)
        self.assertTrue(cleaned.body.startswith("قال وزير الخارجية الأميركي، ريكس تيلرسون، إن داعش"))
        self.assertIn("وأعلن تيلرسون، تقديم 200 مليون دولار", cleaned.body)
        self.assertNotIn("شارك الخبر", cleaned.body)
        self.assertNotIn("أخبار ذات صله", cleaned.body)

    def test_a_share_line_under_a_short_article_still_ends_it(self):
        page = ("عنوان الخبر\nاجتمع وزراء التحالف الدولي ضد داعش في روما اليوم لبحث مستقبل الحملة على التنظيم.\n"
                "شارك الخبر\nوزير الداخلية يفتتح مركزا جديدا للشرطة في العاصمة.\nأسعار الذهب اليوم في الأسواق المحلية.")
        self.assertEqual(cleaning.clean(page).body,
                         "اجتمع وزراء التحالف الدولي ضد داعش في روما اليوم لبحث مستقبل الحملة على التنظيم.")

    def test_it_drops_lines_of_share_buttons(self):
        page = "عنوان الخبر\nشارك فيسبوك تويتر واتساب\nاجتمع الوزراء في روما.\nطباعة"
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.body, "اجتمع الوزراء في روما.")

    def test_it_reads_a_wire_agency_tag(self):
        cleaned = cleaning.clean("عنوان الخبر\nالرياض - واس: رحبت المملكة بنتائج اجتماع التحالف.")
        self.assertEqual(cleaned.outlet, "وكالة الأنباء السعودية (واس)")
        self.assertEqual(cleaned.body, "رحبت المملكة بنتائج اجتماع التحالف.")

    def test_it_reads_a_parenthesized_wire_tag(self):
        cleaned = cleaning.clean("عنوان الخبر\nالكويت (كونا) - شاركت دولة الكويت في الاجتماع.")
        self.assertEqual(cleaned.outlet, "وكالة الأنباء الكويتية (كونا)")
        self.assertEqual(cleaned.dateline_city, "الكويت")

    def test_it_prefers_the_publication_stamp_to_the_update_stamp(self):
        page = "عنوان\nآخر تحديث: 7 ديسمبر 2014 - 10:00 ص\nتاريخ النشر: 3 ديسمبر 2014\nاجتمع الوزراء في بروكسل."
        self.assertEqual(cleaning.clean(page).published_on, datetime.date(2014, 12, 3))

    def test_it_keeps_a_short_headline_that_is_not_a_section_name(self):
        cleaned = cleaning.clean("الموصل تتحرر\nأعلنت الحكومة العراقية تحرير الموصل.\nوهنأ التحالف العراق.")
        self.assertEqual(cleaned.title, "الموصل تتحرر")

    def test_it_drops_a_known_section_name_above_the_headline(self):
        cleaned = cleaning.clean("عربي ودولي\nالتحالف يجتمع في روما\nاجتمع الوزراء في روما.")
        self.assertEqual(cleaned.title, "التحالف يجتمع في روما")

    def test_it_reports_what_it_removed(self):
        cleaned = clean_seed("003_8d2f6804c6a9ad88.txt")
        self.assertTrue(any("السياسية" in item for item in cleaned.removed), cleaned.removed)


class HeaderTests(SimpleTestCase):
    """What sites put above the article, in the orders they put it."""

    def test_it_reads_site_name_breadcrumbs_stamp_and_dateline_line(self):
        page = (
            "وكالة الأنباء العراقية\n"
            "الرئيسية > سياسي\n"
            "2021/06/28 20:14\n"
            "عدد المشاهدات : 1583\n\n"
            "وزير الخارجية من روما: العراق ماض في ملاحقة فلول داعش\n\n"
            "بغداد – واع\n"
            "شارك وزير الخارجية فؤاد حسين، اليوم الاثنين، في الاجتماع الوزاري للتحالف الدولي لهزيمة داعش "
            "الذي عقد في العاصمة الإيطالية روما بمشاركة وزراء خارجية الدول الأعضاء.\n"
        )
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.title, "وزير الخارجية من روما: العراق ماض في ملاحقة فلول داعش")
        self.assertEqual(cleaned.outlet, "وكالة الأنباء العراقية")
        self.assertEqual(cleaned.published_on, datetime.date(2021, 6, 28))
        self.assertEqual(cleaned.dateline_city, "بغداد")
        self.assertTrue(cleaned.body.startswith("شارك وزير الخارجية فؤاد حسين"))
        for furniture in ("الرئيسية", "عدد المشاهدات", "واع", "20:14"):
            self.assertNotIn(furniture, cleaned.body)

    def test_it_takes_a_stamp_with_a_breadcrumb_bar_for_a_date(self):
        page = "النهار\nدوليات\n12 شباط 2016 | 00:05\n\nوزراء دفاع التحالف يبحثون في بروكسل تسريع الحملة\n\n" + (
            "بحث وزراء دفاع الدول المشاركة في التحالف الدولي، أمس الخميس، في العاصمة البلجيكية بروكسل سبل تسريع الحملة."
        )
        cleaned = cleaning.clean(page)
        self.assertEqual((cleaned.published_on, cleaned.outlet), (datetime.date(2016, 2, 12), "النهار"))

    def test_it_reads_a_wire_dateline_with_day_and_month(self):
        page = "الاجتماع الوزاري للتحالف في الكويت\n\nالكويت - 13 - 2 (كونا) -- ترأس وزير الخارجية الاجتماع الوزاري."
        cleaned = cleaning.clean(page)
        self.assertEqual((cleaned.outlet, cleaned.dateline_city), ("وكالة الأنباء الكويتية (كونا)", "الكويت"))
        self.assertEqual(cleaned.body, "ترأس وزير الخارجية الاجتماع الوزاري.")

    def test_it_cuts_copyright_lines_wire_codes_and_end_marks(self):
        for tail in ("جميع الحقوق محفوظة لوكالة الأنباء السعودية © 2014", "//انتهى//", "كونا131852 جمت فبر 18",
                     "© 2015 فرانس 24", "شارك الخبر: تويتر | فيسبوك", "شارك الخبر   فيسبوك   تويتر",
                     "الكلمات الدالة: الأردن ، التحالف الدولي"):
            with self.subTest(tail=tail):
                cleaned = cleaning.clean(f"عنوان الخبر هنا للتجربة\n\nنص الخبر عن اجتماع التحالف.\n{tail}\nخبر آخر لا صلة له.")
                self.assertEqual(cleaned.body, "نص الخبر عن اجتماع التحالف.")


class BoxesAndCreditsTests(SimpleTestCase):
    def test_it_drops_a_box_of_links_inside_the_article_and_keeps_the_rest(self):
        page = (
            "عنوان الخبر عن اجتماع المديرين السياسيين\n\nعقد المديرون السياسيون اجتماعهم في بروكسل أمس.\n\n"
            "اقرأ المزيد\n- لماذا تتمسك واشنطن بقاعدة التنف؟\n- مخيم الهول قنبلة موقوتة\n\n"
            "كما تناول الاجتماع مستقبل مهمة التحالف في العراق، بعد أيام من إعلان الحكومة عزمها إنهاء وجود قوات التحالف.\n"
        )
        cleaned = cleaning.clean(page)
        self.assertIn("كما تناول الاجتماع", cleaned.body)
        self.assertNotIn("التنف", cleaned.body)

    def test_it_takes_the_headline_not_the_kicker_above_it(self):
        page = (
            "الأهرام\n\nفى أول اجتماع وزارى للتحالف بمقر «الناتو»\n60 دولة تتعهد فى بروكسل بحملة «طويلة الأمد» لدحر «داعش»\n\n"
            "تعهد وزراء خارجية وممثلو 60 دولة أمس، فى ختام أول اجتماع وزارى للتحالف الدولى المناهض لتنظيم داعش، بمواصلة الحملة.\n"
        )
        self.assertEqual(cleaning.clean(page).title, "60 دولة تتعهد فى بروكسل بحملة «طويلة الأمد» لدحر «داعش»")

    def test_the_outlet_is_the_site_without_the_agencies_it_credits(self):
        page = "الجزيرة نت\n\nعنوان الخبر عن معركة الرقة والتحالف\n\nقال المتحدث باسم التحالف إن المعركة طويلة.\nالمصدر : الجزيرة + وكالات\n"
        self.assertEqual(cleaning.clean(page).outlet, "الجزيرة نت")


class SignatureTests(SimpleTestCase):
    def test_it_drops_an_agency_s_initials(self):
        for line in ("ع ح ع / م ع ح", "/ وام / ع ص م / ر م ح"):
            with self.subTest(line=line):
                cleaned = cleaning.clean(f"عنوان الخبر هنا للتجربة\n\nنص الخبر عن اجتماع التحالف.\n{line}\nوتابع البيان.")
                self.assertNotIn(line, cleaned.body)
                self.assertIn("وتابع البيان.", cleaned.body)


class PageDatesAndAddressTests(SimpleTestCase):
    """Publication dates from everything a copied page carries, and the
    page's own address."""

    LEAD = (
        "ترأس وزير الخارجية الاجتماع الوزاري للتحالف الدولي في الرياض بمشاركة وزراء الدول الأعضاء "
        "في التحالف لبحث سبل هزيمة التنظيم نهائيا وتعزيز الاستقرار في المناطق المحررة."
    )

    def test_a_source_line_gives_the_address_and_leaves_the_body(self):
        cleaned = cleaning.clean(f"عنوان الخبر عن اجتماع التحالف\n\n{self.LEAD}\n\nالمصدر: https://www.spa.gov.sa/2456/x?id=7\n")
        self.assertEqual(cleaned.source_url, "https://www.spa.gov.sa/2456/x?id=7")
        self.assertNotIn("https://", cleaned.body)

    def test_the_first_address_on_the_page_when_no_line_names_it(self):
        cleaned = cleaning.clean(f"عنوان الخبر عن اجتماع التحالف\n\n{self.LEAD} (https://a.example/n/1).")
        self.assertEqual(cleaned.source_url, "https://a.example/n/1")

    def test_a_date_in_the_address_dates_an_undated_page(self):
        for url, day in (
            ("https://www.youm7.com/story/2023/6/8/x/612", datetime.date(2023, 6, 8)),
            ("https://x.example/2018/02/13/kuwait", datetime.date(2018, 2, 13)),
            ("https://x.example/news/20180213-kuwait", datetime.date(2018, 2, 13)),
        ):
            with self.subTest(url):
                self.assertEqual(cleaning.clean(f"عنوان الخبر عن اجتماع التحالف\n\n{self.LEAD}", url).published_on, day)
        self.assertIsNone(cleaning.clean(f"عنوان الخبر\n\n{self.LEAD}", "https://x.example/id=2707345").published_on)

    def test_a_stamp_glued_to_the_lead_is_its_date_not_its_text(self):
        cleaned = cleaning.clean(f"السعودية تستضيف مؤتمرا إقليميا لمواجهة داعش\n٩ سبتمبر ٢٠١٤{self.LEAD}")
        self.assertEqual(cleaned.published_on, datetime.date(2014, 9, 9))
        self.assertTrue(cleaned.body.startswith("ترأس"))

    def test_of_two_stamps_above_the_article_the_earlier_is_its_date(self):
        page = f"الجمعة 29 نوفمبر 2024\n\nوزير الخارجية يدعو التحالف إلى إعادة المقاتلين\n14-11-2019 | 19:22\n\n{self.LEAD}"
        self.assertEqual(cleaning.clean(page).published_on, datetime.date(2019, 11, 14))

    def test_a_numeric_stamp_and_an_english_stamp(self):
        for stamp, day in (("13.02.2018 | 18:52", datetime.date(2018, 2, 13)), ("5th, October 2024 GMT", datetime.date(2024, 10, 5))):
            with self.subTest(stamp):
                self.assertEqual(cleaning.clean(f"عنوان الخبر عن اجتماع التحالف\n{stamp}\n\n{self.LEAD}").published_on, day)

    def test_only_a_last_updated_stamp_is_marked_as_such(self):
        cleaned = cleaning.clean(f"آخر تحديث: 5 يناير 2024\nعنوان الخبر عن اجتماع التحالف\n\n{self.LEAD}")
        self.assertEqual((cleaned.published_on, cleaned.updated_only), (datetime.date(2024, 1, 5), True))
        both = cleaning.clean(f"تاريخ النشر: 4 يناير 2024\nآخر تحديث: 5 يناير 2024\nعنوان الخبر\n\n{self.LEAD}")
        self.assertEqual((both.published_on, both.updated_only), (datetime.date(2024, 1, 4), False))

    def test_a_wire_dateline_that_agrees_confirms_an_update_stamp(self):
        page = f"آخر تحديث: 13.02.2018 | 18:52\nعنوان الخبر عن اجتماع التحالف\n\nالكويت - 13 - 2 (كونا) -- {self.LEAD}"
        cleaned = cleaning.clean(page)
        self.assertEqual((cleaned.published_on, cleaned.updated_only), (datetime.date(2018, 2, 13), False))


class PageFurnitureIssue19Tests(SimpleTestCase):
    """Issue 19: menus in other languages, breadcrumbs and site names are
    never body, outlet or title."""

    def test_a_german_menu_never_reaches_the_body(self):
        page = (
            "افتتاح اجتماع التحالف الدولي ضد داعش | أخبار | DW | 13.02.2018\n  1. Inhalt\n  2. Navigation\n  3. Weitere Inhalte\n"
            "  4. Metanavigation\n  5. Suche\n  6. Choose from 30 Languages\n\nأخبار\n\n"
            "افتتاح اجتماع التحالف الدولي ضد داعش في الكويت\n\n"
            "أكد وزير الخارجية الكويتي اليوم الثلاثاء ضرورة خلق آفاق جديدة وتنسيق مشترك للتحالف الدولي ضد تنظيم "
            "الدولة الإسلامية من أجل تطوير استراتيجية محاربة التنظيم في العراق وسوريا.\n"
        )
        cleaned = cleaning.clean(page)
        self.assertNotIn("Inhalt", cleaned.body)
        self.assertNotIn("Languages", cleaned.body)
        self.assertEqual(cleaned.title, "افتتاح اجتماع التحالف الدولي ضد داعش في الكويت")
        self.assertEqual(cleaned.outlet_key, "dw")  # from the browser tab's title
        self.assertEqual(cleaned.published_on, datetime.date(2018, 2, 13))

    def test_english_and_french_banners_too(self):
        for line in ("Skip to content", "We use cookies to improve your experience.", "Aller au contenu", "• Accueil"):
            with self.subTest(line):
                cleaned = cleaning.clean(f"عنوان الخبر عن التحالف الدولي\n{line}\nاجتمع وزراء التحالف في روما اليوم.")
                self.assertNotIn(line.strip("• "), cleaned.body)

    def test_a_breadcrumb_is_never_an_outlet(self):
        cleaned = cleaning.clean("اخبار العالمسلايد رئيسي\nوزراء التحالف يجتمعون في روما\nاجتمع وزراء التحالف في روما اليوم.")
        self.assertEqual(cleaned.outlet, "")

    def test_a_site_name_is_never_the_title(self):
        cleaned = cleaning.clean("بلدي نيوز\nاجتمع وزراء خارجية التحالف الدولي ضد داعش في روما اليوم لبحث المرحلة المقبلة من الحملة.")
        self.assertNotEqual(cleaned.title, "بلدي نيوز")
        self.assertEqual(cleaned.outlet, "بلدي نيوز")

    def test_the_address_names_the_outlet_of_a_mirrored_page(self):
        cleaned = cleaning.clean("عنوان الخبر عن التحالف\nاجتمع الوزراء في جدة.", "https://sauress.com/okaz/722414")
        self.assertEqual((cleaned.outlet, cleaned.outlet_key, cleaned.outlet_from), ("عكاظ", "okaz", "address"))


class CopiedPageShapesTests(SimpleTestCase):
    """Shapes real copied pages take: lines wrapped inside paragraphs, an
    aggregator's note on the story it copied, a list of tags."""

    WRAPPED = (
        "دعت\n"
        "الولايات المتحدة والسعودية دول الغرب إلى استعادة مواطنيها من مخيمات الاحتجاز\n"
        "المخصصة لعوائل تنظيم الدولة في\n"
        "سوريا والعراق، وذلك خلال اجتماع وزاري للتحالف\n"
        "الدولي في الرياض.\n"
        "وتعهدت\n"
        "الولايات المتحدة بتخصيص 148 مليون دولار لجهود إرساء الاستقرار في\n"
        "العراق وسوريا.\n"
    )

    def test_lines_wrapped_inside_their_paragraphs_are_joined_again(self):
        cleaned = cleaning.clean(self.WRAPPED)
        self.assertEqual(cleaned.outlet, "")  # "دعت" is the first word of the lead, not a site
        self.assertIn("استعادة مواطنيها من مخيمات الاحتجاز المخصصة لعوائل تنظيم الدولة في سوريا", cleaned.body)
        self.assertIn("وتعهدت الولايات المتحدة بتخصيص", cleaned.body)

    def test_a_page_with_ordinary_short_lines_is_left_as_it_is(self):
        page = "وزراء التحالف يجتمعون في روما\nروما - واس\nاجتمع وزراء التحالف في روما اليوم.\nوقال الوزير إن الحملة مستمرة."
        self.assertEqual(cleaning.clean(page).title, "وزراء التحالف يجتمعون في روما")

    def test_an_aggregator_note_dates_the_copy_and_leaves_the_body(self):
        page = (
            "الشيباني يؤكد دور دمشق في التحالف الدولي ضد داعش بالرياض\n\n"
            "هذا الخبر بعنوان \"الشيباني يؤكد دور سوريا\" نشر أولاً على موقع enabbaladi.net وتم جلبه من مصدره الأصلي بتاريخ ٩ شباط ٢٠٢٦.\n"
            "لا يتحمل موقعنا مضمونه بأي شكل من الأشكال. بإمكانكم الإطلاع على تفاصيل هذا الخبر من خلال مصدره الأصلي.\n"
            "شارك وزير الخارجية السوري في اجتماع المدراء السياسيين للتحالف الدولي في الرياض.\n"
        )
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.published_on, datetime.date(2026, 2, 9))
        self.assertNotIn("جلبه", cleaned.body)
        self.assertNotIn("لا يتحمل موقعنا", cleaned.body)
        self.assertTrue(cleaned.body.startswith("شارك وزير الخارجية السوري"))

    def test_a_list_of_tags_is_dropped_and_two_bullets_are_kept(self):
        tags = "- ريكس تيلرسون\n- وزير الخارجية الأميركي\n- تنظيم داعش\n- التحالف الدولي\n"
        cleaned = cleaning.clean(f"تيلرسون: دحر داعش يتطلب الحفاظ على التحالف\n{tags}قال تيلرسون إن دحر داعش يتطلب التحالف.")
        self.assertNotIn("- تنظيم داعش", cleaned.body)
        kept = cleaning.clean("عنوان الخبر عن التحالف\nقال الوزير:\n- أولا دعم العراق\n- ثانيا دعم سوريا\nوختم كلمته.")
        self.assertIn("- أولا دعم العراق", kept.body)

    def test_the_saudi_agency_s_hijri_and_gregorian_dateline_dates_the_wire(self):
        cleaned = cleaning.clean("القاهرة 12 شوال 1441 هـ الموافق 04 يونيو 2020 م واس أكد وزير الخارجية المصري التزام بلاده بأهداف التحالف.")
        self.assertEqual((cleaned.published_on, cleaned.outlet_key), (datetime.date(2020, 6, 4), "spa"))
        self.assertIn("أكد وزير الخارجية المصري", cleaned.body)


class WireAndHeaderShapesTests(SimpleTestCase):
    """More shapes of copied pages (from dev4): a wire's dateline at the
    foot, a caption in another script, a comment prompt under the headline,
    a byline without a colon."""

    REPORT = ("افتتح وزير الخارجية الأمريكي جون كيري أعمال المؤتمر الدولي للدول الشريكة في التحالف ضد تنظيم داعش "
              "بحضور ممثلين عن اثنتين وستين دولة.\n"
              "وأكد كيري في كلمته الافتتاحية أن اللقاء يعكس إرادة جماعية.\n")

    def test_a_wire_s_dateline_on_the_last_line_gives_the_city_and_agency(self):
        page = self.REPORT + "بروكسل – واس"
        cleaned = cleaning.clean(page)
        self.assertEqual((cleaned.dateline_city, cleaned.outlet), ("بروكسل", "وكالة الأنباء السعودية (واس)"))
        self.assertNotIn("واس", cleaned.body)

    def test_a_last_short_line_that_is_no_wire_dateline_stays(self):
        page = self.REPORT + "بروكسل – الأربعاء"
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.dateline_city, "")
        self.assertIn("بروكسل – الأربعاء", cleaned.body)

    def test_a_caption_in_latin_script_leaves_the_body_but_still_ends_the_headline(self):
        page = ("الناتو يدرس الانضمام للتحالف ضد تنظيم الدولة\n\n"
                "US Secretary of Defense Ashton Carter gives a press conference at alliance headquarters in Brussels.\n"
                "كارتر قال إن الناتو سيسهم بخبرته في تدريب القوات\n\n"
                "أعلن وزير الدفاع الأميركي آشتون كارتر أن حلف شمال الأطلسي يدرس إمكانية الانضمام إلى التحالف الدولي.")
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.title, "الناتو يدرس الانضمام للتحالف ضد تنظيم الدولة")
        self.assertNotIn("Ashton", cleaned.body)

    def test_a_photo_s_caption_with_its_credit_is_no_headline(self):
        page = ("اجتماع أمني للتحالف في واشنطن يحضره 40 وزير دفاع\n"
                "ينعقد الاجتماع يومي الأربعاء والخميس (صموئيل كوروم/الأناضول)\n\n" + self.REPORT)
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.title, "اجتماع أمني للتحالف في واشنطن يحضره 40 وزير دفاع")
        self.assertNotIn("كوروم", cleaned.body)

    def test_a_comment_prompt_under_the_headline_is_not_the_page_s_tail(self):
        lead = ("بدأ منذ قليل أعمال مؤتمر التحالف الدولي ضد داعش، وقال وزير الخارجية الأمريكي ريكس تيلرسون أثناء كلمته "
                "إن مصر والسعودية والإمارات لهم دور في مواجهة داعش والتطرف وستعمل أمريكا على عودة النازحين إلى ديارهم.")
        page = f"وزير خارجية أمريكا: لمصر والسعودية دور في مواجهة داعش\nكتب محمد جمال\nاضف تعليقاً واقرأ تعليقات القراء\n\n{lead}"
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.body, lead)
        self.assertTrue(any("محمد جمال" in line for line in cleaned.removed))


class BylineTests(SimpleTestCase):
    """The author a page credits, kept apart from the article's people."""

    LEAD = ("قالت وزارة الخارجية العراقية، اليوم الخميس، إن بغداد أعلنت تمسكها بالتعاون مع التحالف الدولي "
            "في الحرب على تنظيم داعش، وإن الوزير سيشارك في الاجتماع الوزاري المقبل للتحالف في روما.")

    def test_a_name_alone_under_the_headline(self):
        cleaned = cleaning.clean(f"المغرب يحتضن اجتماعا دوليا للتحالف الدولي ضد داعش\n\nدعاء عبدالنبي\n\n{self.LEAD}")
        self.assertEqual((cleaned.byline, cleaned.body), ("دعاء عبدالنبي", self.LEAD))

    def test_a_written_by_line(self):
        cleaned = cleaning.clean(f"وزير خارجية أمريكا يتحدث عن دور مصر والسعودية\nكتب: محمد جمال\n\n{self.LEAD}")
        self.assertEqual(cleaned.byline, "محمد جمال")

    def test_the_editor_under_the_masthead_is_not_the_author(self):
        page = f"رئيس مجلسى الإدارة والتحرير\nمحمد الباز\n\nالتحالف الدولي يعلن خطة المرحلة الثانية لمواجهة داعش\n\n{self.LEAD}"
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.byline, "")
        self.assertNotIn("محمد الباز", cleaned.body)

    def test_an_author_between_the_city_and_the_lead(self):
        cleaned = cleaning.clean(f"عنوان الخبر عن التحالف الدولي ضد داعش\n\nدبي - محمود عبدالرازق - {self.LEAD}")
        self.assertEqual((cleaned.byline, cleaned.dateline_city, cleaned.body), ("محمود عبدالرازق", "دبي", self.LEAD))

    def test_a_stored_copy_s_date_before_the_lead(self):
        cleaned = cleaning.clean(f" date 2025-11-12 الرياض - كتبت رنا صلاح - {self.LEAD}")
        self.assertEqual((cleaned.published_on, cleaned.byline), (datetime.date(2025, 11, 12), "رنا صلاح"))

    def test_two_words_that_are_no_name_are_no_byline(self):
        cleaned = cleaning.clean(f"المغرب يحتضن اجتماعا دوليا للتحالف الدولي ضد داعش\n\nأخبار عاجلة\n\n{self.LEAD}")
        self.assertEqual(cleaned.byline, "")


class OutletOfSiteTests(SimpleTestCase):
    def test_a_page_from_an_unlisted_site_names_its_site(self):
        cleaned = cleaning.clean("عنوان الخبر عن التحالف\nاجتمع الوزراء في جدة.", "https://www.example-news.net/1")
        self.assertEqual((cleaned.outlet, cleaned.outlet_key, cleaned.outlet_from), ("example-news.net", "", "site"))

    def test_a_name_the_page_shows_goes_before_its_site(self):
        cleaned = cleaning.clean("عنوان الخبر عن التحالف\nاجتمع وزراء خارجية التحالف الدولي في روما اليوم.\nالمصدر: وادي النيل نيوز",
                                 "https://example-news.net/1")
        self.assertEqual((cleaned.outlet, cleaned.outlet_from), ("وادي النيل نيوز", "unlisted"))


class SelfNamedSiteTests(SimpleTestCase):
    """Real shapes: dev8/28, dev9/03 and dev10/16, cut short."""

    LEAD = "قال وزير الخارجية الأمريكي جون كيري يوم الأربعاء إن قوة الدفع في القتال ضد تنظيم الدولة الإسلامية قد تغيرت وإن التنظيم طرد من نحو نصف الأراضي التي كان يسيطر عليها."

    def test_an_exclusive_line_names_the_site_not_the_section_above_the_headline(self):
        page = f"العرب والعالم\n\nكيري أمام مؤتمر للمانحين: التحالف يحقق تقدما\n\nخاص ع المكشوف\n\n{self.LEAD}"
        cleaned = cleaning.clean(page, "https://3almakshouf.com/12330/")
        self.assertEqual((cleaned.outlet, cleaned.title), ("ع المكشوف", "كيري أمام مؤتمر للمانحين: التحالف يحقق تقدما"))
        self.assertNotIn("خاص", cleaned.body)

    def test_a_name_before_its_section_names_the_site_and_places_alone_are_a_dateline(self):
        page = f"تركيا - غازي عنتاب\n\nالولايات المتحدة تترأس اجتماعاً دولياً حول سوريا\n\nواشنطن أمريكا\n\nوكالة زيتون – متابعات\n\n{self.LEAD}"
        cleaned = cleaning.clean(page, "https://www.zaitunagency.net/60058/")
        self.assertEqual((cleaned.outlet, cleaned.dateline_city), ("وكالة زيتون", "غازي عنتاب"))
        self.assertFalse(cleaned.body.startswith(("واشنطن", "وكالة")))

    def test_a_stamp_is_never_an_outlet(self):
        page = f"وزراء خارجية التحالف الدولي يجتمعون في الولايات المتحدة\nالخميس 31/يناير/2019 - 12:36 م\n{self.LEAD}"
        cleaned = cleaning.clean(page, "https://www.almarjie-paris.com/6510")
        self.assertEqual((cleaned.outlet, cleaned.outlet_from), ("almarjie-paris.com", "site"))
        self.assertEqual(cleaned.published_on, datetime.date(2019, 1, 31))

    def test_a_person_credited_before_a_section_is_the_author_not_the_site(self):
        page = f"الولايات المتحدة تترأس اجتماعاً دولياً حول سوريا\n\nمحمد عبده – متابعات\n\n{self.LEAD}"
        cleaned = cleaning.clean(page, "https://example-news.net/1")
        self.assertEqual((cleaned.outlet, cleaned.byline), ("example-news.net", "محمد عبده"))


class AddressMonthTests(SimpleTestCase):
    def test_an_address_filed_under_a_month_gives_that_month(self):
        for url, month in [("http://elaph.com/Web/News/2016/10/1114864.html", (2016, 10)),
                           ("https://almowaten.net/2014/10/الكويت-تستضيف", (2014, 10)),
                           ("https://example.com/2016/10/25/story", None),  # a full date: the publication day
                           ("https://example.com/news/1114864", None)]:
            with self.subTest(url):
                self.assertEqual(cleaning.url_month(url), month)


class ExclaimedHeadlineTests(SimpleTestCase):
    def test_a_headline_ending_on_an_exclamation_mark_is_the_title(self):
        page = ("لمواصلة دحره وهزيمته.. وزراء دول التحالف ضد داعش سيتخذون هذا الموقف!\n"
                "من أجل دحره وهزيمته، أعلنت وزارة الخارجية الأمريكية في بيان لها أن وزيرها أنتوني بلينكن سيستضيف "
                "وزراء خارجية التحالف الدولي ضد داعش في 28 يونيو الجاري.")  # dev6/21
        cleaned = cleaning.clean(page)
        self.assertEqual((cleaned.title, cleaned.title_from),
                         ("لمواصلة دحره وهزيمته.. وزراء دول التحالف ضد داعش سيتخذون هذا الموقف!", "headline"))
        self.assertTrue(cleaned.body.startswith("من أجل دحره"))


class HeadlineShapesTests(SimpleTestCase):
    LEAD = ("يعقد وزير الخارجية الأميركي جون كيري الأربعاء والخميس في جدة اجتماعاً مع عدة وزراء خارجية "
            "من دول المنطقة لبحث تشكيل تحالف دولي ضد تنظيم داعش الذي يسيطر على مناطق في العراق وسوريا.")

    def test_a_trail_from_the_home_page_is_no_headline_however_long(self):
        page = ('الرئيسية » اخبار عالمية » السعودية تحتضن الاجتماع الدولي لمواجهة "داعش"\n'
                'السعودية تحتضن الاجتماع الدولي لمواجهة "داعش"\n09/09/2014 - 17:29\n\n' + self.LEAD)  # dev7/02
        self.assertEqual(cleaning.clean(page).title, 'السعودية تحتضن الاجتماع الدولي لمواجهة "داعش"')

    def test_the_date_stamp_closes_the_headline_s_block(self):
        page = ("مؤتمر باريس يتعهد دعم العراق بكل الوسائل الضرورية\nSep ١٥, ٢٠١٤ ٠٨:٠٣ UTC\n-\n"
                "البيان المشترك اكد ان داعش تمثل تهديدا للعراق والمجتمع الدولي\n" + self.LEAD)  # dev7/04
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.title, "مؤتمر باريس يتعهد دعم العراق بكل الوسائل الضرورية")
        self.assertTrue(cleaned.body.startswith("البيان المشترك"))

    def test_the_author_and_city_before_the_headline_leave_it(self):
        page = ("أحمد جودة - القاهرة - انضمام سوريا للتحالف الدولي بقيادة واشنطن... تحول تاريخي\n" + self.LEAD)  # dev7/40
        cleaned = cleaning.clean(page)
        self.assertEqual((cleaned.title, cleaned.byline), ("انضمام سوريا للتحالف الدولي بقيادة واشنطن... تحول تاريخي", "أحمد جودة"))

    def test_the_site_s_name_before_its_stamp_on_one_line(self):
        page = "لبنانون فايلز - 2/10/2026 7:25:52 PM - GMT (+2 )\n" + self.LEAD  # dev7/33
        cleaned = cleaning.clean(page, "https://www.lebanonnewsapp.com/a/1")
        self.assertEqual((cleaned.outlet, cleaned.published_on), ("لبنانون فايلز", datetime.date(2026, 2, 10)))
        # A weekday or a city before the stamp is no site.
        self.assertEqual(cleaning.clean("الخميس - 12/2/2019\n" + self.LEAD, "https://example-news.net/1").outlet, "example-news.net")


class PageHeaderShapesTests(SimpleTestCase):
    LEAD = ("أكد وزير الخارجية الأمريكي ريكس تيلرسون، اليوم الثلاثاء، على نجاح التحالف الدولي في دحر تنظيم داعش "
            "الإرهابي في 98% من الأراضي الواقعة تحت سيطرته، خلال الاجتماع الوزاري للتحالف الدولي بالكويت.")

    def test_the_page_s_age_a_repeated_headline_and_a_city_alone_leave_the_body(self):
        page = ("Slaati\n\nتيلرسون: التحالف الدولي دحر داعش في 98% من أراضيه\n\nمنذ 8 سنة03487\n"
                "تيلرسون: التحالف الدولي دحر داعش في 98% من أراضيه\n\nمشاركة\n\nواشنطن\n\n" + self.LEAD)  # dev8/21
        cleaned = cleaning.clean(page)
        self.assertEqual(cleaned.title, "تيلرسون: التحالف الدولي دحر داعش في 98% من أراضيه")
        self.assertTrue(cleaned.body.startswith("أكد وزير الخارجية"), cleaned.body[:40])

    def test_a_headline_said_twice_wins_over_a_longer_teaser_above_it(self):
        page = ("تاس: السفير الروسي الجديد لدى أمريكا سيغادر اليوم إلى واشنطن\n\nlogo\nأخبار\n\n"
                'تيلرسون: لم نلحق بـ"داعش" هزيمة دائمة بعد\n\nتيلرسون: لم نلحق بـ"داعش" هزيمة دائمة بعد\n'
                "13 فبراير 2018، 4:18 ص\n\n" + self.LEAD)  # dev8/22
        self.assertEqual(cleaning.clean(page).title, 'تيلرسون: لم نلحق بـ"داعش" هزيمة دائمة بعد')


class ShortcodeTests(SimpleTestCase):
    def test_a_tweetable_quote_keeps_its_words_and_loses_its_tag(self):
        # dev12/26: WordPress's "Better Click To Tweet" copied as text.
        cleaned = cleaning.clean(
            "لقاء الموصل\n"
            "أعلن [bctt tweet=”وزير الخارجية الفرنسي جان جاك إيرلوت أن اللقاء الدولي حول الموصل سيعقد في باريس” via=”no”]"
            " ، سيبحث موضوع تقديم الدعم الواسع لسكان المدينة العراقية.\n"
            "[caption id=\"attachment_1\" align=\"alignnone\"]صورة من اللقاء[/caption]"
        )
        self.assertIn("أعلن وزير الخارجية الفرنسي جان جاك إيرلوت أن اللقاء الدولي", cleaned.body)
        self.assertNotIn("[", cleaned.body)
        self.assertNotIn("via", cleaned.body)
