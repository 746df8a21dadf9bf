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
