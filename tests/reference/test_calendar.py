"""The coalition's calendar file, and the rules that keep it honest."""

import copy
import datetime

from django.test import SimpleTestCase

from archive.importing import countries, meetings
from archive.reference import calendar

ENTRY = {
    "key": "2018-02-13-kuwait-ministerial",
    "name_ar": "الاجتماع الوزاري للتحالف الدولي لهزيمة داعش في الكويت",
    "name_en": "Ministerial of the Global Coalition to Defeat ISIS, Kuwait",
    "start": "2018-02-13", "end": None, "city_ar": "الكويت", "city_en": "Kuwait City",
    "format": "in_person", "kind": "ministerial", "ordinal": None,
    "chairs": [{"name_ar": "ريكس تيلرسون", "aliases_ar": ["تيليرسون"], "name_en": "Rex Tillerson", "country": "US",
                "role_ar": "وزير الخارجية", "role_en": "Secretary of State", "part": "co-chair"}],
    "member_count": None, "participant_count": None, "statement_url": None,
    "status": "verified",
    "sources": [{"url": "https://example.org/kuwait", "facts": ["date", "place", "format", "kind", "chairs"]}],
}


def with_changes(**changes) -> dict:
    entry = copy.deepcopy(ENTRY)
    entry.update(changes)
    return entry


class CalendarRulesTests(SimpleTestCase):
    def test_a_good_entry_is_read(self):
        (entry,) = calendar.parse({"meetings": [ENTRY]})
        self.assertEqual((entry.start, entry.city_ar, entry.chairs[0].name_en), (datetime.date(2018, 2, 13), "الكويت", "Rex Tillerson"))

    def test_a_fact_no_source_vouches_for_is_refused_naming_the_entry(self):
        entry = with_changes(member_count=74)
        with self.assertRaisesMessage(calendar.CalendarError, "2018-02-13-kuwait-ministerial"):
            calendar.parse({"meetings": [entry]})

    def test_an_unverified_entry_may_state_what_no_source_confirms(self):
        (entry,) = calendar.parse({"meetings": [with_changes(member_count=74, status="unverified")]})
        self.assertFalse(entry.verified)

    def test_an_entry_without_a_source_is_refused(self):
        with self.assertRaisesMessage(calendar.CalendarError, "مصدراً"):
            calendar.parse({"meetings": [with_changes(sources=[], status="unverified")]})

    def test_two_entries_of_one_kind_on_one_date_are_refused(self):
        twin = with_changes(key="2018-02-13-other")
        with self.assertRaisesMessage(calendar.CalendarError, "اليوم نفسه"):
            calendar.parse({"meetings": [ENTRY, twin]})

    def test_a_malformed_date_names_the_field(self):
        with self.assertRaisesMessage(calendar.CalendarError, "«start»"):
            calendar.parse({"meetings": [with_changes(start="13/02/2018")]})


class ShippedCalendarTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entries = calendar.entries()

    def test_it_covers_2014_to_the_last_known_meeting(self):
        years = {entry.start.year for entry in self.entries}
        self.assertIn(2014, years)
        self.assertTrue({2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024} <= years, years)

    def test_the_precursor_conferences_are_marked(self):
        precursors = {entry.city_en for entry in self.entries if entry.kind == "precursor"}
        self.assertEqual(precursors, {"Jeddah", "Paris"})

    def test_every_entry_has_sources_with_addresses(self):
        for entry in self.entries:
            with self.subTest(entry.key):
                self.assertTrue(entry.sources)
                self.assertTrue(all(s.url.startswith(("http://", "https://")) for s in entry.sources))

    def test_every_chair_resolves_to_a_country_and_a_name(self):
        isos = {entry.iso for entry in countries.load_gazetteer()}
        for entry in self.entries:
            for chair in entry.chairs:
                with self.subTest(entry.key, chair=chair.name_en):
                    # One with no Arabic spelling in the sources is listed, not made a person.
                    self.assertTrue(chair.name_en)
                    if chair.name_ar:
                        self.assertIn(chair.country, isos)

    def test_every_city_is_one_the_extraction_knows(self):
        forms, _ = meetings._cities()
        for entry in self.entries:
            if entry.city_ar:
                with self.subTest(entry.key):
                    self.assertIn(meetings.city_key(entry.city_ar), {meetings.city_key(c.name) for c in forms.values()})

    def test_every_ministerial_says_whose_ministers_met(self):
        for entry in self.entries:
            with self.subTest(entry.key):
                self.assertEqual(entry.ministers == "", entry.kind == "political_directors")
        munich = {e.start.year: e.ministers for e in self.entries if e.city_en == "Munich"}
        self.assertEqual((munich[2019], munich[2020]), ("defence", "defence"))

    def test_virtual_meetings_have_no_city(self):
        for entry in self.entries:
            with self.subTest(entry.key):
                self.assertEqual(entry.format == "virtual", not entry.city_ar)
