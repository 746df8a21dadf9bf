"""How sure the import is of each fact, and what --publish may publish."""

from django.test import SimpleTestCase

from archive.importing import confidence


class ScoreTests(SimpleTestCase):
    def test_every_score_is_between_0_and_1(self):
        for kind, table in confidence.TABLES.items():
            for evidence, value in table.items():
                with self.subTest(kind=kind, evidence=evidence):
                    self.assertTrue(0.0 <= value <= 1.0)

    def test_the_evidence_is_ranked_as_the_real_pages_ranked_it(self):
        person = confidence.TABLES["person"]
        self.assertGreater(person["known"], person["given_name"])
        self.assertGreater(person["given_name"], confidence.PUBLISH_MIN)
        self.assertLess(person["office"], confidence.PUBLISH_MIN)  # the usual junk ("يحذر", "قطاع")
        self.assertLess(confidence.score("title", "first_sentence"), confidence.PUBLISH_MIN)
        self.assertLess(confidence.score("outlet", "unlisted"), confidence.PUBLISH_MIN)

    def test_a_speaker_named_is_surer_than_one_inherited_or_unnamed(self):
        speaker = confidence.TABLES["speaker"]
        self.assertGreater(speaker["name"], speaker["previous"])
        self.assertGreater(speaker["previous"], speaker["unnamed"])
        self.assertGreater(speaker["office"], speaker["collective"])

    def test_a_proposed_meeting_is_surer_the_more_it_scores(self):
        at_threshold = confidence.meeting_score(5, 5)
        self.assertGreaterEqual(at_threshold, confidence.PUBLISH_MIN)
        self.assertLess(at_threshold, confidence.meeting_score(9, 5))
        self.assertLessEqual(confidence.meeting_score(40, 5), confidence.MEETING_MAX)

    def test_the_facts_held_back_are_those_below_the_line_lowest_first(self):
        scores = {"title": 0.3, "date": 0.9, "outlet": 0.6, "meeting": 0.8}
        self.assertEqual(confidence.held_back(scores), ["title", "outlet"])

    def test_an_editor_reads_the_least_sure_fact_first(self):
        self.assertEqual(
            confidence.described({"date": 0.9, "title": 0.3}, confidence.ARTICLE_FACTS), "العنوان 0.30 · تاريخ النشر 0.90"
        )
        self.assertEqual(confidence.described({}, confidence.ARTICLE_FACTS), "—")
