"""Imported articles find their meeting: the calendar's, or one they make
together; never a wrong one."""

import datetime
from unittest import mock

from django.db import connection
from django.test import SimpleTestCase, TestCase

from archive.importing import passages, pipeline, saving, understanding
from archive.models import Article, Meeting
from tests import factories

D = datetime.date


def source(name: str, text: str, published_on=None, url: str = "") -> pipeline.Source:
    given = understanding.Given(published_on, url) if (published_on or url) else None
    return pipeline.Source(name, text.encode, given=given)


def import_texts(*sources: pipeline.Source, publish: bool = True) -> list[Article]:
    result = pipeline.import_sources(list(sources), publish=publish)
    return [Article.objects.select_related("meeting", "proposed_meeting").get(pk=f.article_id) for f in result.files]


KUWAIT = (
    "الكويت تستضيف اجتماع التحالف الدولي\n\n"
    "ترأس وزير الخارجية الكويتي صباح خالد الحمد الصباح اليوم الثلاثاء الاجتماع الوزاري للتحالف الدولي "
    "لهزيمة تنظيم داعش الذي تستضيفه دولة الكويت بمشاركة وزراء خارجية الدول الأعضاء في التحالف.\n\n"
    "وأكد الوزراء في ختام الاجتماع التزامهم بدعم استقرار المناطق المحررة في العراق."
)


class CalendarMatchTests(TestCase):
    def test_a_dated_page_joins_the_calendar_meeting_it_reports(self):
        (article,) = import_texts(source("kuwait.txt", KUWAIT, D(2018, 2, 13)))
        self.assertEqual(article.meeting.calendar_key, "2018-02-13-kuwait-ministerial")
        self.assertIn("المدينة نفسها", article.flags[-1] if article.flags else "")

    def test_a_page_with_no_date_at_all_still_finds_it_by_city_and_weekday(self):
        (article,) = import_texts(source("kuwait.txt", KUWAIT))
        self.assertIsNone(article.published_on)
        self.assertEqual(article.meeting.calendar_key, "2018-02-13-kuwait-ministerial")
        # "اليوم الثلاثاء" with no publication date takes the meeting's date,
        # since 13 February 2018 was a Tuesday, and says so.
        self.assertEqual(article.meeting_report.date, D(2018, 2, 13))
        self.assertIn("يوم الأسبوع الذي يذكره المقال يوافقه", " ".join(article.flags))

    def test_the_editor_s_date_and_address_are_kept(self):
        (article,) = import_texts(source("kuwait.txt", KUWAIT, D(2018, 2, 14), "https://www.kuna.net.kw/a/1"))
        self.assertEqual((article.published_on, article.source_url), (D(2018, 2, 14), "https://www.kuna.net.kw/a/1"))

    def test_a_later_update_stamp_never_dates_the_meeting(self):
        # The page shows only when it was last updated, two years on: its
        # "اليوم الثلاثاء" is not read against that day.
        page = "آخر تحديث: 5 يناير 2020 - 1:54 م\n" + KUWAIT
        (article,) = import_texts(source("kuwait.txt", page))
        self.assertEqual(article.published_on, D(2020, 1, 5))
        self.assertEqual(article.meeting.date, D(2018, 2, 13))
        self.assertNotEqual(article.meeting_report.date, D(2020, 1, 5))

    def test_two_meetings_in_one_city_a_year_apart_are_kept_apart(self):
        february = (
            "بومبيو يفتتح اجتماع التحالف\n\n"
            "افتتح وزير الخارجية الأمريكي مايك بومبيو اليوم الأربعاء في واشنطن الاجتماع الوزاري للتحالف الدولي "
            "لهزيمة داعش بمشاركة وزراء خارجية الدول الأعضاء الـ79 في التحالف الدولي لمناقشة المرحلة المقبلة."
        )
        november = february.replace("اليوم الأربعاء", "اليوم الخميس").replace("الـ79", "الـ81")
        first, second = import_texts(source("feb.txt", february, D(2019, 2, 6)), source("nov.txt", november, D(2019, 11, 14)))
        self.assertEqual(first.meeting.date, D(2019, 2, 6))
        self.assertEqual(second.meeting.date, D(2019, 11, 14))


class CoalitionSizeTests(TestCase):
    def test_a_meeting_without_a_count_is_bounded_by_the_calendar_s_counts_around_it(self):
        # Amman, November 2017, counts 74; Skhirat, June 2018, 75: Kuwait,
        # February 2018, has no count of its own.
        kuwait = Meeting.objects.get(calendar_key="2018-02-13-kuwait-ministerial")
        self.assertIsNone(kuwait.member_count)
        sizes = saving.coalition_sizes()
        self.assertEqual(saving.members_between(sizes, kuwait.date), (74, 75))
        self.assertEqual(saving.members_between(sizes, D(2014, 1, 1))[0], None)

    def test_a_count_an_import_read_off_one_page_bounds_nothing(self):
        Meeting.objects.create(name="اجتماع من مقال", date=D(2018, 1, 20), member_count=60, origin=Meeting.Origin.IMPORT)
        kuwait = Meeting.objects.get(calendar_key="2018-02-13-kuwait-ministerial")
        self.assertEqual(saving.members_between(saving.coalition_sizes(), kuwait.date), (74, 75))


class ArticleNumberTests(TestCase):
    WASHINGTON = (
        "وزير الخارجية يشارك في اجتماع التحالف\n\n"
        "شارك وزير الخارجية اليوم الأربعاء في الاجتماع الوزاري للتحالف الدولي ضد داعش الذي عقد في واشنطن، "
        "وأكد التزام بلاده بدعم جهود التحالف."
    )
    OTHER = "خبر آخر\n\nافتتح وزير الصحة مستشفى جديدا في المدينة وأكد أهمية الخدمات الصحية للمواطنين."

    def test_an_undated_page_is_dated_by_the_site_s_dated_articles_around_its_number(self):
        # Two Wednesday ministerials in Washington (2017-03-22, 2019-02-06):
        # the page alone cannot choose; its number, between two articles of
        # its site published in early 2019, does.
        import_texts(source("a.txt", self.OTHER, D(2019, 1, 28), "https://www.sauress.com/spa/1000"),
                     source("b.txt", self.OTHER + " وزيارة.", D(2019, 2, 12), "https://www.sauress.com/spa/1200"))
        alone = saving.published_between(Article(source_url="https://www.sauress.com/spa/1100", source_site="", source_number=None))
        self.assertEqual(alone, (None, None))  # not yet numbered: an article is numbered on save
        (article,) = import_texts(source("c.txt", self.WASHINGTON, url="https://www.sauress.com/spa/1100"))
        self.assertIsNone(article.published_on)
        self.assertEqual((article.source_site, article.source_number), ("sauress.com/spa/#", 1100))
        self.assertEqual(saving.published_between(article), (D(2019, 1, 21), D(2019, 2, 19)))
        self.assertEqual(article.meeting.calendar_key, "2019-02-06-washington-ministerial")


class SameStoryTests(TestCase):
    """A page that copies the wire of an article already on a meeting
    reports that meeting, where the page alone could not choose."""

    WIRE = (
        "وأكد البيان الختامي أن الدول الأعضاء ستواصل العمل معا لضمان الهزيمة الدائمة للتنظيم في العراق وسوريا، "
        "ودعم جهود تحقيق الاستقرار في المناطق المحررة، ومنع عودة المقاتلين الأجانب إلى صفوفه، "
        "وتعزيز تبادل المعلومات بين الدول الأعضاء في التحالف الدولي لمواجهة الدعاية المتطرفة على الإنترنت."
    )

    def test_an_undated_copy_joins_the_meeting_of_the_article_it_copies(self):
        dated = ArticleNumberTests.WASHINGTON + "\n\n" + self.WIRE
        (first,) = import_texts(source("dated.txt", dated, D(2019, 2, 6)))
        self.assertEqual(first.meeting.calendar_key, "2019-02-06-washington-ministerial")
        copy = (
            "التحالف يتعهد بهزيمة داعش\n\n"
            "اختتم اليوم الأربعاء في واشنطن الاجتماع الوزاري للتحالف الدولي ضد داعش بمشاركة وزراء الخارجية.\n\n"
            + self.WIRE
        )
        # Alone, the page names two Wednesday ministerials in Washington
        # (2017-03-22, 2019-02-06) and proposes neither.
        (alone,) = import_texts(source("alone.txt", copy.replace(self.WIRE, "وأكد الوزراء التزامهم.")))
        self.assertIsNone(alone.meeting)
        self.assertIsNone(alone.proposed_meeting)
        (article,) = import_texts(source("copy.txt", copy), publish=False)
        self.assertIsNone(article.published_on)
        self.assertEqual(article.proposed_meeting.calendar_key, "2019-02-06-washington-ministerial")
        self.assertIn(f"المقال رقم {first.pk}", article.meeting_proposal)

    def test_wording_the_articles_of_many_meetings_share_says_nothing(self):
        # A standing paragraph, not one wire: it names no meeting.
        meetings = [Meeting.objects.create(name=f"اجتماع تجريبي {n}") for n in range(saving.SAME_STORY_MEETINGS + 1)]
        for n, meeting in enumerate(meetings):
            factories.article(body=f"{self.WIRE} وفي خبر آخر رقم {n}.", meeting=meeting)
        page = Article(title="نسخة", body=self.WIRE, passages=passages.fingerprints("نسخة\n" + self.WIRE))
        self.assertEqual(saving.same_story(page), {})
        Article.objects.filter(meeting=meetings[-1]).delete()
        self.assertEqual(set(saving.same_story(page)), {m.pk for m in meetings[:-1]})

    def test_a_fingerprint_the_statistics_count_in_many_articles_is_not_looked_up(self):
        meeting = Meeting.objects.create(name="اجتماع تجريبي")
        for n in range(6):
            factories.article(body=f"{self.WIRE} وفي خبر آخر رقم {n}.", meeting=meeting)
        page = Article(title="نسخة", body=self.WIRE, passages=passages.fingerprints("نسخة\n" + self.WIRE))
        self.assertEqual(set(saving.same_story(page)), {meeting.pk})
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE archive_article")
        with mock.patch.object(saving, "COMMON_PASSAGE_ARTICLES", 3):
            self.assertTrue(set(passages.fingerprints(self.WIRE)) <= saving.common_passages())
            self.assertEqual(saving.same_story(page), {})

    def test_an_edit_of_the_text_remakes_its_fingerprint(self):
        (article,) = import_texts(source("dated.txt", ArticleNumberTests.WASHINGTON, D(2019, 2, 6)))
        before = list(article.passages)
        article.body += "\n\n" + self.WIRE
        article.save(update_fields=["body"])
        article.refresh_from_db()
        self.assertGreater(len(article.passages), len(before))
        self.assertEqual(Article.objects.filter(passages__overlap=passages.fingerprints(self.WIRE)).get(), article)


class AddressTests(TestCase):
    def test_the_words_of_the_page_s_address_count_as_its_own(self):
        text = (
            "المغرب يشارك في اجتماع التحالف\n\n"
            "شارك المغرب في الاجتماع الوزاري للتحالف الدولي ضد داعش بوفد يرأسه سفيره، إلى جانب وفود الدول الأعضاء."
        )
        url = "https://lodj.info/المغرب-يشارك-في-الاجتماع-الوزاري-في-الذكرى-العاشرة-للتحالف"
        # The plain copy first: after the addressed one, it would join its
        # meeting as a copy of its text (SameStoryTests).
        (plain,) = import_texts(source("plain.txt", text.replace("المغرب يشارك", "المغرب يحضر")))
        self.assertIsNone(plain.meeting)
        (article,) = import_texts(source("lodj.txt", text, url=url))
        self.assertEqual(article.meeting.calendar_key, "2024-09-30-washington-ministerial")


UNCALENDARED = (
    "اجتماع للتحالف الدولي في عمّان\n\n"
    "عقد المديرون السياسيون في التحالف الدولي ضد داعش اجتماعا في العاصمة الأردنية عمان اليوم {day} "
    "لبحث جهود مكافحة تمويل التنظيم، بمشاركة ممثلين عن الدول الأعضاء.\n\n"
    "وقال مسؤول أردني إن الاجتماع {tail}."
)


class UncalendaredMeetingTests(TestCase):
    def test_three_pages_of_a_meeting_the_calendar_lacks_make_one_meeting(self):
        pages = [
            source("a.txt", UNCALENDARED.format(day="الأربعاء", tail="ناقش خطة العمل"), D(2015, 4, 15)),
            source("b.txt", UNCALENDARED.format(day="الأربعاء", tail="كان مثمرا"), D(2015, 4, 15)),
            source("c.txt", UNCALENDARED.format(day="", tail="انتهى مساء"), D(2015, 4, 16)),
        ]
        articles = import_texts(*pages)
        meetings = {a.meeting_id for a in articles}
        self.assertEqual(len(meetings), 1, [a.flags for a in articles])
        meeting = Meeting.objects.get(pk=meetings.pop())
        self.assertEqual((meeting.origin, meeting.place, meeting.date), (Meeting.Origin.IMPORT, "عمان", D(2015, 4, 15)))

    def test_an_update_stamp_later_than_the_event_does_not_date_a_new_meeting(self):
        page = "آخر تحديث: 3 مارس 2017\n" + UNCALENDARED.format(day="الأربعاء", tail="كان مثمرا")
        (article,) = import_texts(source("updated.txt", page))
        self.assertEqual(article.meeting.place, "عمان")
        self.assertIsNone(article.meeting.date)

    def test_a_new_meeting_takes_no_date_the_text_does_not_state(self):
        text = UNCALENDARED.format(day="", tail="كان مثمرا").replace(" اليوم ", " ")
        (article,) = import_texts(source("undated.txt", text, D(2015, 4, 16)))
        self.assertIsNone(article.meeting.date)
        self.assertEqual(article.meeting.place, "عمان")


class EditorCorrectionTests(TestCase):
    def test_a_later_import_leaves_the_editor_s_facts_alone(self):
        kuwait = Meeting.objects.get(calendar_key="2018-02-13-kuwait-ministerial")
        kuwait.member_count, kuwait.participant_count = 74, None
        kuwait.save()
        text = KUWAIT.replace("بمشاركة وزراء خارجية الدول الأعضاء", "بمشاركة وزراء من 70 دولة من الأعضاء الـ75")
        (article,) = import_texts(source("kuwait.txt", text, D(2018, 2, 13)))
        kuwait.refresh_from_db()
        self.assertEqual(article.meeting_id, kuwait.pk)
        self.assertEqual(kuwait.member_count, 74)


class ReviewPanelTests(TestCase):
    """The editor sees why a meeting was proposed, or why none was."""

    def setUp(self):
        from django.contrib.auth import get_user_model

        editor = get_user_model().objects.create_superuser("editor", "e@example.org", "a long test password 1")
        self.client.force_login(editor)

    def test_the_reasons_and_runners_up_show_on_the_article(self):
        (article,) = import_texts(source("kuwait.txt", KUWAIT, D(2018, 2, 13)), publish=False)
        page = self.client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
        self.assertIn("يبدو أنه اجتماع موجود في الأرشيف", page)
        self.assertIn("المدينة نفسها", page)

    def test_a_page_that_matched_nothing_says_so_and_names_the_near_ones(self):
        text = "اجتماع التحالف في روما\n\nعقد وزراء خارجية التحالف الدولي اجتماعا في العاصمة الإيطالية روما لبحث الحرب على داعش."
        (article,) = import_texts(source("rome.txt", text), publish=False)
        self.assertIsNone(article.proposed_meeting)
        page = self.client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
        self.assertIn("لم يُقترح اجتماع", page)
        self.assertIn("البديل", page)


class OfficeSpanTests(SimpleTestCase):
    """An office's partial dates from the reference data, as days."""

    def test_spans(self):
        self.assertEqual(saving.office_span("2019-10-23", "2020"), (datetime.date(2019, 10, 23), datetime.date(2020, 12, 31)))
        self.assertEqual(saving.office_span("2018-04", "2021-01"), (datetime.date(2018, 4, 1), datetime.date(2021, 1, 31)))
        self.assertEqual(saving.office_span("2019-12", "2019-12"), (datetime.date(2019, 12, 1), datetime.date(2019, 12, 31)))
        self.assertIsNone(saving.office_span(None, "2020"))
        self.assertEqual(saving.office_span("2024", None)[1], datetime.date.today())

    def test_the_role_a_page_writes_picks_the_office(self):
        esper = [
            {"role_ar": "وزير الجيش", "from": "2017-11-20", "to": "2019-07-23"},
            {"role_ar": "وزير الدفاع بالوكالة", "from": "2019-06-24", "to": "2019-07-15"},
            {"role_ar": "وزير الدفاع", "from": "2019-07-23", "to": "2020-11-09"},
        ]

        def roles(written: str) -> list[str]:
            return [office["role_ar"] for office in saving.offices_named(esper, written)]

        self.assertEqual(roles("وزير الدفاع الأمريكي"), ["وزير الدفاع"])
        self.assertEqual(roles("وزير الدفاع الأمريكي بالوكالة"), ["وزير الدفاع بالوكالة"])
        # The words of an office, not its exact wording; a leading و aside.
        reynders = [{"role_ar": "نائب رئيس الوزراء ووزير الخارجية"}, {"role_ar": "المفوض الأوروبي للعدل"}]
        self.assertEqual(len(saving.offices_named(reynders, "نائب رئيس مجلس الوزراء وزير الخارجية")), 1)
        self.assertEqual(roles("وزير الدفاع بالوكالة"), ["وزير الدفاع بالوكالة"])
        # A role that names none of them leaves them all.
        self.assertEqual(len(saving.offices_named(esper, "رئيس البنتاغون")), 3)
        self.assertEqual(len(saving.offices_named(esper, "")), 3)
