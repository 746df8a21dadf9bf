"""The SVG pictures drawn on the server: the meetings' time line."""

import datetime
import re

from django.test import SimpleTestCase

from archive.public import charts
from archive.public.charts import TimelinePoint

D = datetime.date


def point(day: datetime.date, members: int | None = None, virtual: bool = False, label: str = "اجتماع") -> TimelinePoint:
    return TimelinePoint(day, label, f"/meetings/{day.year}/", virtual, members)


class TimelineTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.points = [point(D(2014, 12, 3), 60), point(D(2020, 6, 4), 82, virtual=True), point(D(2024, 9, 30), 87)]
        cls.svg = str(charts.timeline(cls.points, "الخط الزمني"))

    def test_earliest_on_the_right_and_virtual_meetings_hollow(self):
        xs = [float(x) for x in re.findall(r'<circle class="[^"]+" cx="([\d.]+)"', self.svg)]
        self.assertEqual(xs, sorted(xs, reverse=True))
        self.assertIn('<circle class="virtual"', self.svg)

    def test_the_membership_line_and_its_counts(self):
        self.assertIn('<path class="members" d="M', self.svg)
        self.assertEqual(re.findall(r'class="members-label"[^>]*>(\d+)<', self.svg), ["60", "82", "87"])

    def test_the_description_counts_meetings_in_arabic(self):
        for count, words in ((1, "اجتماع واحد"), (2, "اجتماعان"), (3, "3 اجتماعات"), (11, "11 اجتماعاً")):
            days = [D(2014 + n % 10, 1 + n % 12, 1) for n in range(count)]
            with self.subTest(count=count):
                self.assertIn(words, str(charts.timeline([point(day) for day in days], "t")))

    def test_archive_text_is_escaped(self):
        svg = str(charts.timeline([point(D(2016, 2, 2), label="<script>x</script>")], "<b>"))
        self.assertNotIn("<script>", svg)
        self.assertNotIn("<b>", svg)

    def test_no_meetings_no_picture(self):
        self.assertEqual(str(charts.timeline([], "t")), "")


class BarsTests(SimpleTestCase):
    def test_every_year_is_labelled_when_the_labels_fit(self):
        svg = str(charts.bars([(2014, 3), (2015, 5), (2016, 1)], "المقالات", "مقال"))
        self.assertEqual(re.findall(r'<text class="year"[^>]*>(\d+)</text>', svg), ["2014", "2015", "2016"])

    def test_crowded_years_are_labelled_every_few_the_latest_always(self):
        svg = str(charts.bars([(year, 1) for year in range(2014, 2027)], "المقالات", "مقال"))
        labelled = [int(y) for y in re.findall(r'<text class="year"[^>]*>(\d+)</text>', svg)]
        self.assertEqual(labelled[-1], 2026)
        self.assertLess(len(labelled), 13)
        xs = [float(x) for x in re.findall(r'<text class="year" x="([\d.]+)"', svg)]
        self.assertTrue(all(a - b >= charts.YEAR_LABEL_ROOM for a, b in zip(xs, xs[1:])), xs)
        self.assertEqual(svg.count("<title>"), 14)  # the chart's, and every year's with its count


class ReadingDirectionTests(SimpleTestCase):
    def test_time_runs_the_way_the_page_reads(self):
        from django.utils import translation

        points = [point(D(2014, 12, 3)), point(D(2024, 9, 30))]
        arabic = [float(x) for x in re.findall(r'cx="([\d.]+)"', str(charts.timeline(points, "خط")))]
        with translation.override("en"):
            english = [float(x) for x in re.findall(r'cx="([\d.]+)"', str(charts.timeline(points, "line")))]
            bars = str(charts.bars([(2014, 1), (2015, 2)], "bars", "articles"))
        self.assertGreater(arabic[0], arabic[1])  # the earliest at the right
        self.assertLess(english[0], english[1])  # the earliest at the left
        xs = [float(x) for x in re.findall(r'<text class="year" x="([\d.]+)"', bars)]
        self.assertLess(xs[0], xs[1])
