"""The Council's numbering and the detailed resolutions, as shipped in
archive/reference/data/resolutions.json, and what the archive does with them."""

import copy
import datetime
import json
from importlib import resources

from django.test import SimpleTestCase, TestCase

from archive.importing import pipeline
from archive.models import Resolution
from archive.reference import loading, resolutions


def shipped() -> dict:
    return json.loads(resources.files("archive.reference").joinpath("data/resolutions.json").read_text("utf-8"))


class NumberingTests(SimpleTestCase):
    def test_a_resolution_s_year_follows_the_council_s_numbering(self):
        for number, year in ((1, 1946), (242, 1967), (1373, 2001), (2132, 2013), (2133, 2014), (2170, 2014),
                             (2195, 2014), (2196, 2015), (2254, 2015), (2810, 2025)):
            with self.subTest(number=number):
                self.assertEqual(resolutions.year_of(number), year)

    def test_a_number_the_sources_do_not_settle_has_no_year(self):
        self.assertIsNone(resolutions.year_of(2811))  # 2025 or 2026: unverified
        self.assertIsNone(resolutions.year_of(4000))
        self.assertIsNone(resolutions.year_of(0))
        self.assertEqual(resolutions.year_bounds(2811), (2025, 2026))
        self.assertEqual(resolutions.year_bounds(4000), (2026, None))

    def test_the_ranges_cover_every_number_up_to_2810_once(self):
        years, _ = resolutions.read(shipped())
        covered = [n for r in years for n in range(r.first, r.last + 1)]
        self.assertEqual(covered[:2810], list(range(1, 2811)))
        self.assertEqual([r.year for r in years], list(range(1946, 2027)))

    def test_every_detailed_resolution_carries_its_source_and_its_year(self):
        _, known = resolutions.read(shipped())
        self.assertEqual(known[2178].adopted_on, datetime.date(2014, 9, 24))
        self.assertEqual(known[2254].adopted_on, datetime.date(2015, 12, 18))
        for entry in known.values():
            self.assertTrue(entry.source_url.startswith("http"), entry.number)
            self.assertEqual(resolutions.year_of(entry.number), entry.adopted_on.year, entry.number)

    def test_a_malformed_file_names_the_entry_at_fault(self):
        overlapping = copy.deepcopy(shipped())
        overlapping["years"][5]["to"] = overlapping["years"][6]["from"]
        with self.assertRaisesRegex(resolutions.ResolutionDataError, "1951 و1952"):
            resolutions.read(overlapping)
        unsourced = copy.deepcopy(shipped())
        unsourced["resolutions"][0]["sources"] = []
        with self.assertRaisesRegex(resolutions.ResolutionDataError, "القرار 1267"):
            resolutions.read(unsourced)
        misdated = copy.deepcopy(shipped())
        misdated["resolutions"][0]["adopted_on"] = "2003-10-15"
        with self.assertRaisesRegex(resolutions.ResolutionDataError, "القرار 1267 خارج نطاق سنة 2003"):
            resolutions.read(misdated)


class CitedResolutionTests(TestCase):
    def test_an_imported_citation_carries_the_reference_year_date_and_subject(self):
        body = ("أكد وزراء التحالف الدولي ضد داعش التزامهم بقرار مجلس الأمن الدولي رقم 2178 "
                "بشأن المقاتلين الإرهابيين الأجانب، في اجتماعهم في باريس.")
        text = "عنوان الخبر\n" + body
        pipeline.import_sources([pipeline.Source("citing-2178.txt", text.encode)])
        resolution = Resolution.objects.get(number=2178)
        self.assertEqual((resolution.year, resolution.adopted_on), (2014, datetime.date(2014, 9, 24)))
        self.assertIn("foreign terrorist fighters", resolution.topic_en.lower())

    def test_migrate_fills_in_what_is_blank_and_keeps_an_editor_s_correction(self):
        blank = Resolution.objects.create(number=2170)
        corrected = Resolution.objects.create(number=2249, year=2015, topic_en="as the editor wrote it")
        self.assertEqual(loading.sync_resolutions(), 2)
        blank.refresh_from_db()
        corrected.refresh_from_db()
        self.assertEqual((blank.year, blank.adopted_on), (2014, datetime.date(2014, 8, 15)))
        self.assertEqual(corrected.topic_en, "as the editor wrote it")
        self.assertEqual(corrected.adopted_on, datetime.date(2015, 11, 20))
        self.assertEqual(loading.sync_resolutions(), 0)

    def test_the_list_and_the_page_show_the_year_date_and_subject_of_adoption(self):
        from archive.models import Citation
        from tests import factories

        article = factories.article("الوزراء والمقاتلون الأجانب", "نص.")
        Citation.objects.create(article=article, resolution=Resolution.objects.create(number=2178), sentence="س")
        loading.sync_resolutions()
        listed = self.client.get("/resolutions/").content.decode()
        self.assertIn('<time datetime="2014-09-24" title="24 سبتمبر 2014">2014</time>', listed)
        self.assertIn('<bdi lang="en" dir="ltr">Foreign terrorist fighters</bdi>', listed)
        page = self.client.get("/resolutions/2178/").content.decode()
        self.assertIn('<time datetime="2014-09-24">24 سبتمبر 2014</time>', page)
