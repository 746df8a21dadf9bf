"""Each matching signal on its own, and how the candidates are ranked."""

import datetime
from dataclasses import replace

from django.test import SimpleTestCase

from archive.importing import matching
from archive.importing.matching import Candidate, Report

D = datetime.date
KUWAIT = matching.key("الكويت")
WASHINGTON = matching.key("واشنطن")


def points(report: Report, candidate: Candidate) -> dict[str, int]:
    return {e.signal: e.points for e in matching.score(report, candidate).evidence}


class DateSignalTests(SimpleTestCase):
    def test_a_stated_date_on_the_meeting_s_days_agrees(self):
        meeting = Candidate(1, "روما", date=D(2021, 6, 28))
        self.assertEqual(points(Report(date=D(2021, 6, 28)), meeting), {"stated_date": 5})
        # A late-evening meeting reported under the next day's date still agrees, less.
        self.assertEqual(points(Report(date=D(2021, 6, 29)), meeting), {"stated_date_near": 2})

    def test_a_stated_date_a_day_off_agrees_less_than_one_on_the_day(self):
        # Andrews on the 20th, the joint ministerial on the 21st (dev4/19).
        andrews = Candidate(1, "واشنطن", date=D(2016, 7, 20))
        joint = Candidate(2, "واشنطن", date=D(2016, 7, 21))
        self.assertEqual(points(Report(date=D(2016, 7, 20)), andrews), {"stated_date": 5})
        self.assertEqual(points(Report(date=D(2016, 7, 20)), joint), {"stated_date_near": 2})

    def test_a_stated_date_of_another_day_rules_the_meeting_out(self):
        with self.assertRaises(matching.Contradiction):
            matching.score(Report(date=D(2021, 7, 5)), Candidate(1, "روما", date=D(2021, 6, 28)))

    def test_a_meeting_over_several_days_takes_any_of_them(self):
        meeting = Candidate(1, "بروكسل", date=D(2016, 2, 10), end_date=D(2016, 2, 12))
        self.assertEqual(points(Report(date=D(2016, 2, 12)), meeting), {"stated_date": 5})

    def test_publication_in_the_week_after_the_meeting_agrees(self):
        meeting = Candidate(1, "الكويت", date=D(2018, 2, 13))
        self.assertEqual(points(Report(published_on=D(2018, 2, 15)), meeting), {"published_days_after": 3})
        self.assertEqual(points(Report(published_on=D(2018, 2, 11)), meeting), {"published_days_after": 3})

    def test_a_preview_in_the_month_before_agrees_a_little(self):
        meeting = Candidate(1, "افتراضي", date=D(2020, 6, 4))
        self.assertEqual(points(Report(published_on=D(2020, 5, 29)), meeting), {"published_before": 1})

    def test_a_page_published_well_before_the_meeting_does_not_report_it(self):
        with self.assertRaises(matching.Contradiction):
            matching.score(Report(published_on=D(2017, 12, 20)), Candidate(1, "الكويت", date=D(2018, 2, 13)))

    def test_a_page_published_long_after_counts_against(self):
        meeting = Candidate(1, "مراكش", date=D(2022, 5, 11))
        self.assertEqual(points(Report(published_on=D(2024, 1, 5)), meeting), {"published_long_after": -3})

    def test_a_last_updated_stamp_says_nothing_either_way(self):
        meeting = Candidate(1, "مراكش", date=D(2022, 5, 11))
        report = Report(published_on=D(2024, 1, 5), published_is_stamp=False)
        self.assertEqual(points(report, meeting), {})
        self.assertEqual(points(Report(published_on=D(2021, 1, 5), published_is_stamp=False), meeting), {})

    def test_an_undated_meeting_is_compared_through_its_articles_publication(self):
        meeting = Candidate(1, "اجتماع", published=(D(2019, 4, 2), D(2019, 4, 3)))
        self.assertEqual(points(Report(published_on=D(2019, 4, 4)), meeting), {"published_with_articles": 2})
        self.assertEqual(points(Report(published_on=D(2019, 9, 4)), meeting), {"published_apart_from_articles": -3})

    def test_a_weekday_with_no_publication_date_checks_the_meeting_s_day(self):
        tuesday = Candidate(1, "الكويت", date=D(2018, 2, 13))
        # Named by the meeting's own sentence ("انطلقت، اليوم الثلاثاء، أشغال الاجتماع")…
        self.assertEqual(points(Report(weekday=1), tuesday), {"weekday_stated": 2})
        self.assertEqual(points(Report(weekday=3), tuesday), {"weekday_stated": -2})
        # … or only by the lead's news day, or in the future tense: weaker.
        self.assertEqual(points(Report(weekday=1, weekday_weak=True), tuesday), {"weekday": 1})
        self.assertEqual(points(Report(weekday=3, weekday_weak=True), tuesday), {"weekday": -1})

    def test_a_meeting_over_several_days_has_each_of_its_weekdays(self):
        meeting = Candidate(1, "واشنطن", date=D(2017, 7, 11), end_date=D(2017, 7, 13))
        self.assertEqual(points(Report(weekday=3), meeting), {"weekday_stated": 2})  # Thursday, its last day

    def test_a_day_and_month_without_a_year(self):
        meeting = Candidate(1, "واشنطن", date=D(2017, 3, 22))
        self.assertEqual(points(Report(day_month=(22, 3)), meeting), {"day_month": 4})
        self.assertEqual(points(Report(day_month=(23, 3)), meeting), {"day_month_near": 1})
        self.assertEqual(points(Report(day_month=(6, 2)), meeting), {"other_day_month": -2})


class OtherSignalTests(SimpleTestCase):
    def test_place(self):
        self.assertEqual(points(Report(place=KUWAIT), Candidate(1, "", place=KUWAIT)), {"place": 3})
        with self.assertRaises(matching.Contradiction):
            matching.score(Report(place=KUWAIT), Candidate(1, "", place=WASHINGTON))

    def test_virtual_and_in_person_are_two_meetings(self):
        with self.assertRaises(matching.Contradiction):
            matching.score(Report(format="virtual"), Candidate(1, "", format="in_person"))

    def test_kind(self):
        self.assertEqual(points(Report(kind="small_group"), Candidate(1, "", kind="small_group")), {"kind": 1})
        self.assertEqual(points(Report(kind="ministerial"), Candidate(1, "", kind="political_directors")), {"other_kind": -2})
        self.assertEqual(points(Report(kind="other"), Candidate(1, "", kind="precursor")), {})
        # "اجتماعاً مصغراً" and a small group of senior officials (Madrid 2025, dev5/28)…
        officials = Candidate(1, "", kind="political_directors")
        self.assertEqual(points(Report(kind="small_group"), officials), {})
        # … but not a small group of ministers.
        self.assertEqual(points(Report(kind="small_group", ministers="foreign"), officials), {"other_kind": -2})

    def test_the_small_group_said_counts_a_little_against_a_full_ministerial_but_not_the_reverse(self):
        # "اجتماع المجموعة المصغرة … على مستوى وزراء الخارجية" in Washington (dev6/19).
        full, small = Candidate(1, "", kind="ministerial"), Candidate(2, "", kind="small_group")
        self.assertEqual(points(Report(kind="small_group"), full), {"not_small_group": -1})
        self.assertEqual(points(Report(kind="ministerial"), small), {})

    def test_whose_ministers(self):
        defence = Candidate(1, "", ministers="defence")
        self.assertEqual(points(Report(ministers="defence"), defence), {"ministers": 1})
        self.assertEqual(points(Report(ministers="foreign"), defence), {"other_ministers": -2})
        self.assertEqual(points(Report(ministers="foreign_and_defence"), defence), {})
        self.assertEqual(points(Report(ministers="defence"), Candidate(1, "", ministers="foreign_and_defence")), {})
        self.assertEqual(points(Report(), defence), {})

    def test_a_day_of_the_month_alone(self):
        meeting = Candidate(1, "", date=D(2016, 10, 25))
        self.assertEqual(points(Report(day_of_month=25), meeting), {"day_of_month": 3})
        self.assertEqual(points(Report(day_of_month=20), meeting), {"other_day_of_month": -2})
        self.assertEqual(points(Report(day_of_month=25, date=D(2016, 10, 25)), meeting), {"stated_date": 5})

    def test_a_wire_filed_from_the_meeting_s_city(self):
        brussels = matching.key("بروكسل")
        meeting = Candidate(1, "", place=brussels)
        self.assertEqual(points(Report(dateline=brussels), meeting), {"dateline": 2})
        # Filed from elsewhere rules nothing out; a stated city outweighs it.
        self.assertEqual(points(Report(dateline=WASHINGTON), meeting), {})
        self.assertEqual(points(Report(place=brussels, dateline=brussels), meeting), {"place": 3})

    def test_shared_chairs_count_each_up_to_two(self):
        meeting = Candidate(1, "", chairs={7: "ريكس تيلرسون", 8: "صباح الخالد", 9: "ثالث"})
        self.assertEqual(points(Report(chairs=frozenset({7})), meeting), {"chair": 3})
        self.assertEqual(points(Report(chairs=frozenset({7, 8, 9})), meeting), {"chair": 6})
        self.assertEqual(points(Report(chairs=frozenset({4})), meeting), {"other_chairs": -2})

    def test_ordinal(self):
        self.assertEqual(points(Report(ordinal=11), Candidate(1, "", ordinal=11)), {"ordinal": 4})
        self.assertEqual(points(Report(ordinal=3), Candidate(1, "", ordinal=11)), {"other_ordinal": -3})

    def test_counts(self):
        meeting = Candidate(1, "", member_count=87, participant_count=29)
        self.assertEqual(points(Report(member_count=87, participant_count=29), meeting), {"member_count": 2, "participant_count": 1})
        self.assertEqual(points(Report(member_count=90), meeting), {"other_member_count": -2})
        # Fewer may be an old figure recalled; one off says nothing either way.
        self.assertEqual(points(Report(member_count=68), meeting), {"older_member_count": -1})
        self.assertEqual(points(Report(member_count=86), meeting), {})

    def test_a_count_of_states_far_from_the_meeting_s_is_against_it(self):
        # dev12/02: «ممثلو 30 دولة» is Paris 2014 (30), not the defence ministers of Paris 2016 (13);
        # «23 دولة» of Rome 2016's 25 delegations is a press count, no evidence either way.
        self.assertEqual(points(Report(participant_count=30), Candidate(1, "", participant_count=13)), {"other_participant_count": -2})
        self.assertEqual(points(Report(participant_count=23), Candidate(1, "", participant_count=25)), {})

    def test_a_meeting_without_a_count_is_bounded_by_the_counts_before_and_after_it(self):
        # Rome, February 2016: no count of its own; 66 members that month, 67 in July (dev4/15).
        rome = Candidate(1, "", members_between=(None, 66))
        self.assertEqual(points(Report(member_count=66), rome), {})
        self.assertEqual(points(Report(member_count=79), rome), {"other_member_count": -2})
        settled = Candidate(2, "", members_between=(79, 79))
        self.assertEqual(points(Report(member_count=79), settled), {"member_count": 2})
        self.assertEqual(points(Report(member_count=74), Candidate(3, "", members_between=(79, 80))), {"older_member_count": -1})

    def test_a_distinctive_phrase_found_with_its_clitic(self):
        meeting = Candidate(1, "", cues=(matching.key("الذكرى العاشرة لتأسيس التحالف"),))
        text = matching.key("وبمناسبة الذكرى العاشرة لتأسيس التحالف، اجتمع الوزراء")
        self.assertEqual(points(Report(text=text), meeting), {"cue": 3})
        rome = Candidate(2, "", cues=(matching.key("مؤتمر روما"),))
        self.assertEqual(points(Report(text=matching.key("وزراء التحالف على هامش لمؤتمر روما")), rome), {"cue": 3})
        self.assertEqual(points(Report(text=matching.key("وزراء التحالف في مؤتمر رومانيا")), rome), {})

    def test_a_page_copying_an_article_on_the_meeting(self):
        report = Report(same_story={7: (5, 120)})
        self.assertEqual(points(report, Candidate(7, "")), {"same_story": 3})
        self.assertEqual(points(report, Candidate(8, "")), {})
        (evidence,) = matching.score(report, Candidate(7, "")).evidence
        self.assertIn("120", evidence.reason)  # the editor can open the article it copies


class RankTests(SimpleTestCase):
    def test_the_clear_winner_is_proposed_with_its_runner_up(self):
        report = Report(published_on=D(2018, 2, 14), place=KUWAIT, kind="ministerial")
        kuwait = Candidate(1, "الكويت", date=D(2018, 2, 13), place=KUWAIT, kind="ministerial")
        other = Candidate(2, "اجتماع بلا تاريخ", published=(D(2018, 2, 10),))
        ranking = matching.rank(report, [other, kuwait])
        self.assertEqual(ranking.proposed.candidate.id, 1)
        self.assertEqual([s.candidate.id for s in ranking.runners_up], [2])

    def test_a_near_tie_proposes_nothing(self):
        report = Report(published_on=D(2019, 2, 7), kind="ministerial")
        a = Candidate(1, "أ", date=D(2019, 2, 6), kind="ministerial")
        b = Candidate(2, "ب", date=D(2019, 2, 5), kind="ministerial")
        ranking = matching.rank(report, [a, b])
        self.assertIsNone(ranking.proposed)
        self.assertTrue(ranking.near)

    def test_a_city_and_a_kind_are_enough_two_points_ahead_of_the_next(self):
        report = Report(place=KUWAIT, kind="ministerial")
        kuwait = Candidate(1, "الكويت", date=D(2018, 2, 13), place=KUWAIT, kind="ministerial")
        self.assertEqual(matching.rank(report, [kuwait]).proposed.candidate.id, 1)
        rome = Candidate(2, "روما", date=D(2018, 2, 13), kind="ministerial")
        self.assertEqual(matching.rank(report, [kuwait, rome]).proposed.candidate.id, 1)
        kuwait_again = Candidate(3, "الكويت", date=D(2019, 2, 13), place=KUWAIT, kind="ministerial")
        self.assertIsNone(matching.rank(report, [kuwait, kuwait_again]).proposed)

    def test_the_states_that_called_it_set_apart_two_virtual_meetings(self):
        # dev13/b18: "بدعوة مشتركة من قبل كل من الولايات المتحدة وإيطاليا", no date.
        report = Report(format="virtual", kind="small_group", hosts=frozenset({"US", "IT"}))
        june = Candidate(1, "2020", date=D(2020, 6, 4), format="virtual", kind="small_group", hosts=frozenset({"IT", "US"}))
        march = Candidate(2, "2021", date=D(2021, 3, 30), format="virtual", kind="small_group", hosts=frozenset({"BE", "US"}))
        self.assertEqual(matching.rank(report, [june, march]).proposed.candidate.id, 1)
        self.assertIsNone(matching.rank(replace(report, hosts=frozenset()), [june, march]).proposed)
        self.assertEqual(points(replace(report, hosts=frozenset({"FR"})), march), {"virtual": 1, "kind": 1, "other_hosts": -2})

    def test_too_little_agreement_proposes_nothing(self):
        ranking = matching.rank(Report(kind="ministerial"), [Candidate(1, "", kind="ministerial")])
        self.assertIsNone(ranking.proposed)
        self.assertFalse(ranking.near)

    def test_two_meetings_in_one_city_a_year_apart_are_kept_apart(self):
        first = Candidate(1, "واشنطن 2019", date=D(2019, 2, 6), place=WASHINGTON)
        second = Candidate(2, "واشنطن 2019 الثاني", date=D(2019, 11, 14), place=WASHINGTON)
        ranking = matching.rank(Report(published_on=D(2019, 11, 14), place=WASHINGTON), [first, second])
        self.assertEqual(ranking.proposed.candidate.id, 2)
        self.assertEqual([c.id for c, _ in ranking.ruled_out], [])
        self.assertLess(ranking.ranked[1].score, matching.PROPOSE)


class ChairDisagreementTests(SimpleTestCase):
    def test_chairs_named_on_both_sides_with_none_in_common_count_against(self):
        meeting = Candidate(1, "", chairs={7: "بلينكن"})
        self.assertEqual(points(Report(chairs=frozenset({8}), people=frozenset({8})), meeting), {"other_chairs": -2})
        self.assertEqual(points(Report(chairs=frozenset({8}), people=frozenset({7, 8})), meeting), {"chair_present": 2})


class YearAndEraTests(SimpleTestCase):
    def test_the_latest_year_a_text_names(self):
        self.assertEqual(matching.years_named("منذ تأسيسه عام 2014 وحتى 2019، والقرار 2254"), frozenset({2014, 2019}))
        meeting_2019 = Candidate(1, "", date=D(2019, 2, 6))
        self.assertEqual(points(Report(years=frozenset({2014, 2019})), meeting_2019), {"latest_year": 1})
        self.assertEqual(points(Report(years=frozenset({2021})), meeting_2019), {"before_latest_year": -2})
        self.assertEqual(points(Report(years=frozenset({2017})), meeting_2019), {})

    def test_people_of_another_era(self):
        rome_2021 = Candidate(1, "روما", date=D(2021, 6, 28))
        kerry_years = frozenset({2014, 2015, 2016})
        self.assertEqual(points(Report(chaired_years=kerry_years), rome_2021), {"other_era": -2})
        self.assertEqual(points(Report(chaired_years=kerry_years), Candidate(2, "", date=D(2017, 3, 22))), {})


class CountryTests(SimpleTestCase):
    def test_the_country_of_the_meeting_s_city_when_no_city_is_named(self):
        jeddah = Candidate(1, "جدة", country="SA", place=matching.key("جدة"))
        self.assertEqual(points(Report(country="SA"), jeddah), {"country": 2})
        self.assertEqual(points(Report(country="QA"), jeddah), {"other_country": -2})
        # A named city says more, and is compared on its own.
        self.assertEqual(points(Report(country="SA", place=matching.key("جدة")), jeddah), {"place": 3})


class OtherConferenceTests(SimpleTestCase):
    kuwait = Candidate(1, "الكويت 2018", date=D(2018, 2, 13), place=KUWAIT, kind="ministerial")

    def test_a_page_of_a_conference_for_another_purpose_reports_no_coalition_meeting(self):
        # dev12/50: Iraq's foreign minister at the closing session of the
        # Kuwait conference for rebuilding Iraq, the day after the ministerial.
        text = matching.key("وقال الجعفري في الجلسة الختامية لمؤتمر الكويت الدولي لإعادة اعمار العراق إن بلاده خسرت في"
                            " الحرب على داعش الكثير")
        report = Report(place=KUWAIT, published_on=D(2018, 2, 14), text=text)
        self.assertFalse(matching.about_coalition(report))
        self.assertIsNone(matching.rank(report, [self.kuwait]).proposed)
        self.assertEqual(matching.rank(report, [self.kuwait]).ranked, ())

    def test_a_page_naming_the_coalition_beside_that_conference_may_report_its_meeting(self):
        # dev3/21: «للمشاركة في الاجتماع الوزاري للتحالف الدولي ضد "داعش" وفي مؤتمر الكويت الدولي لإعادة إعمار العراق».
        text = matching.key("للمشاركة في الاجتماع الوزاري للتحالف الدولي وفي مؤتمر الكويت الدولي لإعادة إعمار العراق")
        report = Report(place=KUWAIT, published_on=D(2018, 2, 13), text=text)
        self.assertTrue(matching.about_coalition(report))
        self.assertEqual(matching.rank(report, [self.kuwait]).proposed.candidate, self.kuwait)

    def test_the_coalition_is_named_with_a_preposition_glued_on(self):
        self.assertTrue(matching.about_coalition(Report(text=matching.key("الاجتماع الوزاري للتحالف الدولي"))))
        self.assertFalse(matching.about_coalition(Report(text=matching.key("اجتماع دولي موسع حول سوريا"))))


class NearTests(SimpleTestCase):
    def test_a_close_meeting_of_other_chairs_does_not_stop_a_new_one(self):
        washington = matching.key("واشنطن")
        report = Report(place=washington, kind="ministerial", chairs=frozenset({1, 2}), people=frozenset({1, 2}))
        blinken_s = Candidate(9, "واشنطن 2024", place=washington, kind="ministerial", chairs={3: "بلينكن"})
        ranking = matching.rank(report, [blinken_s])
        self.assertEqual(ranking.ranked[0].score, 2)
        self.assertFalse(ranking.near)
        self.assertTrue(matching.rank(Report(place=washington), [Candidate(8, "واشنطن", place=washington)]).near)


class OfficeSignalTests(SimpleTestCase):
    """The known officials a report names were in office at its meeting."""

    SHANAHAN = ("باتريك شاناهان", ((D(2019, 1, 1), D(2019, 6, 23)),))
    PARLY = ("فلورانس بارلي", ((D(2017, 6, 21), D(2022, 5, 20)),))
    MUNICH_2019 = Candidate(1, "ميونخ", date=D(2019, 2, 15))
    MUNICH_2020 = Candidate(2, "ميونخ", date=D(2020, 2, 14))

    def test_a_short_term_dates_the_report(self):
        report = Report(terms=(self.SHANAHAN,))
        self.assertEqual(points(report, self.MUNICH_2019), {"in_office": 1})
        self.assertEqual(points(report, self.MUNICH_2020), {"out_of_office": -2})

    def test_a_long_term_says_nothing_for_but_still_rules_against(self):
        report = Report(terms=(self.PARLY,))
        self.assertEqual(points(report, self.MUNICH_2019), {})
        self.assertEqual(points(report, Candidate(3, "باريس", date=D(2014, 9, 15))), {"out_of_office": -2})

    def test_a_stated_date_decides_alone(self):
        report = Report(date=D(2019, 2, 15), terms=(self.SHANAHAN,))
        self.assertNotIn("in_office", points(report, self.MUNICH_2019))

    def test_munich_2019_beats_munich_2020(self):
        report = Report(place=matching.key("ميونخ"), terms=(self.SHANAHAN, self.PARLY))
        munich = [Candidate(1, "ميونخ", date=D(2019, 2, 15), place=matching.key("ميونخ")),
                  Candidate(2, "ميونخ", date=D(2020, 2, 14), place=matching.key("ميونخ"))]
        ranking = matching.rank(report, munich)
        self.assertEqual(ranking.proposed.candidate.id, 1)


class CueTests(SimpleTestCase):
    def test_a_cue_in_an_aside_on_the_day_before_counts_against_that_meeting(self):
        andrews = Candidate(1, "", cues=(matching.key("قاعدة أندروز"),))
        report = Report(text=matching.key("اجتمع وزراء التحالف في واشنطن أمس، وذلك غداة عقد اجتماع أول في قاعدة أندروز الجوية."))
        self.assertEqual(points(report, andrews), {"cue_of_next_day": -3})
        self.assertEqual(points(Report(text=matching.key("اجتمع وزراء دفاع التحالف في قاعدة أندروز الجوية.")), andrews), {"cue": 3})


class PublishedMonthTests(SimpleTestCase):
    """A page its address files under a month ("/2016/10/"), with no day."""

    PARIS = Candidate(1, "باريس", datetime.date(2016, 10, 25), place="باريس")
    JANUARY = Candidate(2, "باريس", datetime.date(2016, 1, 20), place="باريس")

    def test_a_meeting_of_that_month_agrees_and_one_far_from_it_disagrees(self):
        report = Report(published_month=(2016, 10), place="باريس")
        self.assertEqual([e.signal for e in matching.published_month_signal(report, self.PARIS)], ["published_month"])
        self.assertEqual([e.signal for e in matching.published_month_signal(report, self.JANUARY)], ["published_month_far"])

    def test_the_day_of_this_month_and_the_month_pick_the_meeting(self):
        report = Report(published_month=(2016, 10), day_month=(25, 10), place="باريس")
        ranking = matching.rank(report, [self.PARIS, self.JANUARY])
        self.assertEqual(ranking.proposed.candidate, self.PARIS)

    def test_a_known_publication_day_leaves_the_month_unused(self):
        report = Report(published_on=datetime.date(2016, 10, 26), published_month=(2016, 10))
        self.assertEqual(matching.published_month_signal(report, self.JANUARY), [])


class PublishedWindowTests(SimpleTestCase):
    """An undated page its site's article numbers place between two days."""

    def test_a_narrow_window_agrees_with_the_meeting_in_it(self):
        window = Report(published_between=(D(2019, 1, 30), D(2019, 2, 20)))
        self.assertEqual(points(window, Candidate(1, "", date=D(2019, 2, 6))), {"published_window": 2})
        self.assertEqual(points(window, Candidate(2, "", date=D(2017, 3, 22))), {"published_window_far": -3})

    def test_a_window_open_on_one_side_only_rules_out(self):
        later = Report(published_between=(D(2019, 1, 1), None))
        self.assertEqual(points(later, Candidate(1, "", date=D(2017, 3, 22))), {"published_window_far": -3})
        self.assertEqual(points(later, Candidate(2, "", date=D(2019, 2, 6))), {})
        # A preview: published up to a month before the meeting.
        earlier = Report(published_between=(None, D(2019, 1, 20)))
        self.assertEqual(points(earlier, Candidate(3, "", date=D(2019, 2, 6))), {})
        self.assertEqual(points(earlier, Candidate(4, "", date=D(2019, 11, 14))), {"published_window_far": -3})

    def test_a_known_publication_day_or_month_leaves_the_window_unused(self):
        window = (D(2015, 1, 1), D(2015, 2, 1))
        meeting = Candidate(1, "", date=D(2019, 2, 6))
        self.assertNotIn("published_window_far", points(Report(published_on=D(2019, 2, 7), published_between=window), meeting))
        self.assertNotIn("published_window_far", points(Report(published_month=(2019, 2), published_between=window), meeting))


class MeetingMonthTests(SimpleTestCase):
    def test_next_month_on_a_dated_page_picks_that_month_s_meetings(self):
        # "تستضيف واشنطن الشهر المقبل اجتماعا", published 20 June 2016 (dev8/11).
        report = Report(meeting_month=(2016, 7))
        self.assertEqual(points(report, Candidate(1, "", date=D(2016, 7, 20))), {"meeting_month": 2})
        self.assertEqual(points(report, Candidate(2, "", date=D(2017, 3, 22))), {"other_meeting_month": -2})


class CoalitionNamedTests(SimpleTestCase):
    def test_a_page_that_names_neither_the_coalition_nor_isis_reports_none_of_its_meetings(self):
        # "اجتماع دولي موسع حول سوريا" in Rome on the coalition's day (dev9/05).
        syria = Report(text=matching.key("ينعقد في روما اليوم اجتماع دولي موسع حول سوريا"), place=matching.key("روما"))
        with self.assertRaises(matching.Contradiction):
            matching.score(syria, Candidate(1, "", kind="ministerial", place=matching.key("روما")))
        # The conferences before the coalition stay open to it.
        self.assertEqual(points(syria, Candidate(2, "", kind="precursor", place=matching.key("روما"))), {"place": 3})
        self.assertTrue(matching.about_coalition(Report(text=matching.key("وزراء خارجية التحالف الدولي"))))
        self.assertTrue(matching.about_coalition(Report(text=matching.key("الحرب على تنظيم الدولة"))))


class WrittenMonthTests(SimpleTestCase):
    """"منذ 8 سبتمبر الجاري" on an undated page: written in September."""

    def test_the_meeting_s_month_agrees_a_preview_s_says_nothing_another_disagrees(self):
        report = Report(written_month=9)
        self.assertEqual(points(report, Candidate(1, "", date=D(2014, 9, 15))), {"written_month": 1})
        self.assertEqual(points(report, Candidate(2, "", date=D(2014, 8, 28))), {"written_month": 1})  # its report
        self.assertEqual(points(report, Candidate(3, "", date=D(2016, 10, 25))), {})  # its preview
        self.assertEqual(points(report, Candidate(4, "", date=D(2015, 6, 2))), {"other_written_month": -2})

    def test_december_and_january_meet_across_the_year(self):
        self.assertEqual(points(Report(written_month=1), Candidate(1, "", date=D(2014, 12, 30))), {"written_month": 1})

    def test_a_dated_page_or_a_stated_date_leaves_it_unused(self):
        june = Candidate(1, "", date=D(2015, 6, 2))
        self.assertNotIn("other_written_month", points(Report(written_month=9, published_on=D(2015, 6, 3)), june))
        self.assertNotIn("other_written_month", points(Report(written_month=9, date=D(2015, 6, 2)), june))


class MonthAloneTests(SimpleTestCase):
    def test_a_month_named_alone_keeps_that_month_s_meetings_of_any_year(self):
        # "منتصف أيلول (سبتمبر) الجاري" on an undated page (dev10/06).
        report = Report(month=9)
        self.assertEqual(points(report, Candidate(1, "", date=D(2014, 9, 15))), {"month": 1})
        self.assertEqual(points(report, Candidate(2, "", date=D(2015, 6, 2))), {"other_month": -2})
        self.assertEqual(points(Report(month=9, day_month=(15, 9)), Candidate(1, "", date=D(2014, 9, 15))), {"day_month": 4})
