"""The known officials file: read, checked, and what a bad entry is told."""

import copy
import datetime

from django.test import SimpleTestCase

from archive import text
from archive.importing import extraction
from archive.reference import officials

GOOD = {
    "key": "rex-tillerson", "name_ar": "ريكس تيلرسون", "spellings_ar": ["ريكس تيليرسون"],
    "name_en": "Rex Tillerson", "spellings_en": ["Tillerson"], "country": "US",
    "offices": [{"role_ar": "وزير الخارجية", "role_en": "Secretary of State", "country": "US",
                 "from": "2017-02-01", "to": "2018-03-31"}],
    "status": "verified",
    "sources": [{"url": "https://example.org/a", "facts": ["name_ar", "spellings_ar", "name_en", "spellings_en", "offices"]}],
}


def entry(**changes) -> dict:
    raw = copy.deepcopy(GOOD)
    raw.update(changes)
    return raw


class OfficialsFileTests(SimpleTestCase):
    def test_the_shipped_file_is_valid(self):
        self.assertGreaterEqual(len(officials.officials()), 40)

    def test_every_country_is_one_the_archive_knows(self):
        known = set(extraction.gazetteer_entries())
        for official in officials.officials():
            with self.subTest(official.key):
                self.assertIn(official.country or "US", known)
                for office in official.offices:
                    self.assertIn(office.country or "US", known)

    def test_the_people_issue_19_names_are_there_in_every_spelling_it_quotes(self):
        faisal = next(o for o in officials.officials() if o.key == "faisal-bin-farhan")
        keys = {text.key(s) for s in faisal.spellings}
        self.assertIn(text.key("فيصل بن فرحان"), keys)
        self.assertIn(text.key("فيصل بن فرحان آل سعود"), keys)
        names = {o.name_en for o in officials.officials()}
        self.assertTrue({"Luigi Di Maio", "Rex Tillerson"} <= names, names)


class ParseTests(SimpleTestCase):
    def test_a_good_entry(self):
        found = officials.parse_official(entry())
        self.assertEqual(found.spellings, ("ريكس تيلرسون", "ريكس تيليرسون"))
        self.assertEqual(officials.office_on(found, datetime.date(2017, 6, 1)).role_ar, "وزير الخارجية")
        self.assertIsNone(officials.office_on(found, datetime.date(2019, 1, 1)))

    def test_bad_entries_are_named_with_the_field_and_the_reason(self):
        cases = {
            "spellings_ar": (entry(spellings_ar=["الأمير ريكس تيلرسون"]), "تبدأ بلقب"),
            "country": (entry(country="NATO"), "«country»"),
            "sources": (entry(sources=[{"url": "https://example.org", "facts": ["name_ar"]}]), "بلا مصدر"),
            "dates": (entry(offices=[{**GOOD["offices"][0], "from": "2019", "to": "2018"}]), "ينتهي قبل"),
            "key": (entry(key=""), "«key»"),
        }
        for name, (raw, message) in cases.items():
            with self.subTest(name), self.assertRaisesMessage(officials.OfficialsError, message):
                officials.parse_official(raw)

    def test_one_spelling_belongs_to_one_official(self):
        other = entry(key="other", name_ar="ريكس تيليرسون", spellings_ar=[])
        with self.assertRaisesMessage(officials.OfficialsError, "لمسؤولين اثنين"):
            officials.parse({"officials": [entry(), other]})
