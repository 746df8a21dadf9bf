"""An undated page's publication, bounded by its site's article numbers."""

import datetime

from django.test import SimpleTestCase

from archive.importing import numbering
from archive.importing.numbering import Anchors, SiteNumber

D = datetime.date


class SiteNumberTests(SimpleTestCase):
    def test_a_mirror_numbers_each_outlet_apart(self):
        self.assertEqual(numbering.site_number("https://www.masress.com/youm7/6744634"),
                         SiteNumber("masress.com/youm7/#", 6744634))
        self.assertEqual(numbering.site_number("https://masress.com/shorouk/1354183").site, "masress.com/shorouk/#")

    def test_the_path_up_to_the_number_and_a_number_in_a_slug(self):
        self.assertEqual(numbering.site_number("https://m.aawsat.com/home/article/1603541/%D8%B9%D9%86"),
                         SiteNumber("aawsat.com/home/article/#", 1603541))
        self.assertEqual(numbering.site_number("https://www.hespress.com/politique/412345.html").number, 412345)

    def test_a_number_in_the_query(self):
        self.assertEqual(numbering.site_number("https://ksaplayers.com/Ksahome/NewsDetial/?nid=5000184"),
                         SiteNumber("ksaplayers.com/ksahome/newsdetial/?nid=#", 5000184))
        self.assertEqual(numbering.site_number("https://almadapaper.net/?p=198715"), SiteNumber("almadapaper.net/?p=#", 198715))

    def test_no_number_from_a_dated_path_a_guid_a_slug_or_no_address(self):
        self.assertIsNone(numbering.site_number("https://elaph.com/Web/News/2016/10/1114864.html"))
        self.assertIsNone(numbering.site_number("https://alaraby.co.uk/home/GoToPage/9f48bcd0-a029-4e10-b363-6e2b89f516"))
        self.assertIsNone(numbering.site_number("https://yallasyrianews.com/article/اجتماع-مصغر-للتحالف"))
        self.assertIsNone(numbering.site_number(""))


class BoundsTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anchors = Anchors()
        for number, day in [(100, D(2017, 1, 1)), (200, D(2017, 3, 1)), (300, D(2017, 5, 1)),
                            (400, D(2019, 1, 10)), (500, D(2019, 2, 1)), (600, D(2019, 3, 1))]:
            cls.anchors.add("site/#", number, day)

    def test_between_the_nearest_numbers_with_a_week_s_slack(self):
        after, before = self.anchors.bounds(SiteNumber("site/#", 450))
        self.assertEqual((after, before), (D(2019, 1, 3), D(2019, 2, 8)))

    def test_one_wrong_date_among_the_nearest_moves_nothing(self):
        after, _ = self.anchors.bounds(SiteNumber("site/#", 650), more=[(620, D(2014, 1, 1))])
        self.assertEqual(after, D(2019, 3, 1) - datetime.timedelta(days=7))
        _, before = self.anchors.bounds(SiteNumber("site/#", 410), more=[(420, D(2026, 1, 1))])
        self.assertEqual(before, D(2019, 2, 1) + datetime.timedelta(days=7))

    def test_beyond_the_known_numbers_one_side_stays_open(self):
        self.assertEqual(self.anchors.bounds(SiteNumber("site/#", 9000))[1], None)
        self.assertEqual(self.anchors.bounds(SiteNumber("site/#", 10))[0], None)
        self.assertEqual(self.anchors.bounds(SiteNumber("other/#", 450)), (None, None))

    def test_the_archive_s_own_dated_articles_join_the_shipped_ones(self):
        after, before = Anchors().bounds(SiteNumber("site/#", 450), more=[(440, D(2019, 1, 20)), (460, D(2019, 1, 22))])
        self.assertEqual((after, before), (D(2019, 1, 13), D(2019, 1, 29)))


class ShippedFileTests(SimpleTestCase):
    def test_every_anchor_has_a_numbered_address_and_a_date(self):
        anchors = numbering.shipped()
        self.assertGreater(sum(map(len, anchors.by_site.values())), 0)
        for site, known in anchors.by_site.items():
            with self.subTest(site):
                self.assertTrue(site.endswith("#"))
                self.assertTrue(all(D(2000, 1, 1) <= day <= D(2027, 1, 1) for _, day in known))
