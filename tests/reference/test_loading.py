"""The calendar in the database: loaded by migrate, once, never over an
editor's correction."""

import dataclasses

from django.test import TestCase

from archive.models import Meeting, Participation, Person, ReferenceLoad
from archive.reference import calendar, loading, officials


class CalendarLoadingTests(TestCase):
    def test_migrate_loaded_every_entry_as_a_calendar_meeting(self):
        keys = {entry.key for entry in calendar.entries()}
        loaded = set(Meeting.objects.filter(origin=Meeting.Origin.CALENDAR).values_list("calendar_key", flat=True))
        self.assertEqual(loaded, keys)

    def test_chairs_are_people_with_their_spellings_and_english_names(self):
        riyadh = Meeting.objects.get(calendar_key="2023-06-08-riyadh-ministerial")
        chairs = Participation.objects.filter(meeting=riyadh, is_chair=True).select_related("person")
        self.assertEqual({p.person.name_en for p in chairs} >= {"Antony Blinken"}, True)
        blinken = Person.objects.get(name_en="Antony Blinken")
        # One person however many calendar meetings he chaired.
        self.assertGreaterEqual(blinken.participations.count(), 3)

    def test_an_editor_s_correction_survives_a_later_load(self):
        kuwait = Meeting.objects.get(calendar_key="2018-02-13-kuwait-ministerial")
        kuwait.name = "اجتماع الكويت كما سماه المحرر"
        kuwait.member_count = 74
        kuwait.save()
        self.assertEqual(loading.sync_calendar(), 0)
        kuwait.refresh_from_db()
        self.assertEqual((kuwait.name, kuwait.member_count), ("اجتماع الكويت كما سماه المحرر", 74))

    def test_a_meeting_an_editor_deleted_is_not_brought_back(self):
        Meeting.objects.filter(calendar_key="2015-01-22-london-small_group").delete()
        self.assertEqual(loading.sync_calendar(), 0)
        self.assertFalse(Meeting.objects.filter(calendar_key="2015-01-22-london-small_group").exists())

    def test_a_new_entry_is_loaded_once(self):
        ReferenceLoad.objects.filter(key="2015-01-22-london-small_group").delete()
        Meeting.objects.filter(calendar_key="2015-01-22-london-small_group").delete()
        self.assertEqual(loading.sync_calendar(), 1)
        self.assertEqual(loading.sync_calendar(), 0)
        self.assertEqual(Meeting.objects.filter(calendar_key="2015-01-22-london-small_group").count(), 1)


class CalendarRefreshTests(TestCase):
    """A later release's calendar reaches an archive loaded before it: what
    an entry adds is added, what an editor corrected stays."""

    KEY = "2016-02-02-rome-small_group"

    def setUp(self):
        self.entry = next(e for e in calendar.entries() if e.key == self.KEY)
        # The archive as an earlier file left it: Gentiloni with no Arabic
        # name (so no participation, a note instead), one cue fewer.
        earlier = dataclasses.replace(
            self.entry, cues=self.entry.cues[:-1],
            chairs=tuple(dataclasses.replace(c, name_ar="", aliases_ar=()) if c.name_en == "Paolo Gentiloni" else c
                         for c in self.entry.chairs),
        )
        Meeting.objects.filter(calendar_key=self.KEY).delete()
        ReferenceLoad.objects.filter(key=self.KEY).delete()
        loading.sync_calendar((earlier,))
        self.meeting = Meeting.objects.get(calendar_key=self.KEY)
        self.meeting.member_count = 66  # an editor's correction
        self.meeting.save()

    def chairs(self) -> set[str]:
        return set(Participation.objects.filter(meeting=self.meeting, is_chair=True).values_list("person__name_en", flat=True))

    def test_what_the_entry_adds_is_added_and_the_editor_s_correction_stays(self):
        self.assertNotIn("Paolo Gentiloni", self.chairs())
        self.assertIn("Paolo Gentiloni", self.meeting.notes)
        self.assertEqual(loading.sync_calendar((self.entry,)), 0)
        self.meeting.refresh_from_db()
        self.assertIn("Paolo Gentiloni", self.chairs())
        self.assertNotIn("Paolo Gentiloni", self.meeting.notes)
        self.assertEqual(self.meeting.cues, list(self.entry.cues))
        self.assertEqual(self.meeting.member_count, 66)

    def test_an_entry_applied_is_not_applied_again(self):
        loading.sync_calendar((self.entry,))
        Participation.objects.filter(meeting=self.meeting, person__name_en="Paolo Gentiloni").delete()  # an editor's choice
        loading.sync_calendar((self.entry,))
        self.assertNotIn("Paolo Gentiloni", self.chairs())


class CalendarNewChairTests(TestCase):
    """A chair a later calendar lists (Paris, 25 October 2016: Le Drian and
    Carter, found co-chairing after the entry was first loaded) joins the
    meeting, unless an editor had removed them."""

    KEY = "2016-10-25-paris-small_group"

    def setUp(self):
        self.entry = next(e for e in calendar.entries() if e.key == self.KEY)
        earlier = dataclasses.replace(self.entry, chairs=self.entry.chairs[:1])  # Hollande only
        Meeting.objects.filter(calendar_key=self.KEY).delete()
        ReferenceLoad.objects.filter(key=self.KEY).delete()
        loading.sync_calendar((earlier,))
        self.meeting = Meeting.objects.get(calendar_key=self.KEY)

    def chairs(self) -> set[str]:
        return set(Participation.objects.filter(meeting=self.meeting, is_chair=True).values_list("person__name_en", flat=True))

    def test_a_chair_the_calendar_adds_joins_the_meeting(self):
        self.assertEqual(self.chairs(), {"François Hollande"})
        loading.sync_calendar((self.entry,))
        self.assertEqual(self.chairs(), {"François Hollande", "Jean-Yves Le Drian", "Ash Carter"})

    def test_one_an_editor_removed_stays_removed(self):
        carter = Person.objects.get(name_en="Ash Carter")
        removed = Participation.objects.create(meeting=self.meeting, person=carter, is_chair=True)
        removed.delete()  # an editor's choice, in the history
        loading.sync_calendar((self.entry,))
        self.assertEqual(self.chairs(), {"François Hollande", "Jean-Yves Le Drian"})


class CalendarExportTests(TestCase):
    def test_the_meetings_export_says_where_each_fact_comes_from(self):
        import json

        response = self.client.get("/meetings.json")
        data = json.loads(b"".join(response.streaming_content))
        kuwait = next(m for m in data["meetings"] if m["date"] == "2018-02-13" and m["place"] == "الكويت")
        self.assertEqual((kuwait["origin"], kuwait["unverified"], kuwait["articles"]), ("calendar", False, 0))
        self.assertTrue(kuwait["name_en"])
        self.assertTrue(kuwait["sources"] and all(url.startswith("http") for url in kuwait["sources"]))
        csv_head = b"".join(self.client.get("/meetings.csv").streaming_content).decode("utf-8-sig").splitlines()[0]
        self.assertIn("statement_url", csv_head)


class OfficialsLoadingTests(TestCase):
    def test_migrate_loaded_every_official_with_their_spellings_and_sources(self):
        loaded = set(Person.objects.exclude(reference_key=None).values_list("reference_key", flat=True))
        self.assertEqual(loaded, {o.key for o in officials.officials()})
        faisal = Person.objects.get(reference_key="faisal-bin-farhan")
        self.assertIn("فيصل بن فرحان آل سعود", set(faisal.aliases.values_list("name", flat=True)))
        self.assertTrue(faisal.sources and faisal.offices)

    def test_a_calendar_chair_and_a_known_official_are_one_person(self):
        blinken = Person.objects.filter(name_en="Antony Blinken")
        self.assertEqual(blinken.count(), 1)
        self.assertEqual(blinken.get().reference_key, "antony-blinken")

    def test_an_official_an_editor_deleted_is_not_brought_back(self):
        Person.objects.filter(reference_key="rex-tillerson").delete()
        self.assertEqual(loading.sync_officials(), 0)
        self.assertFalse(Person.objects.filter(reference_key="rex-tillerson").exists())
