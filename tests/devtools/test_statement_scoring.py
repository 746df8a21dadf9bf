"""Scoring who-said-what on labelled pages (archive.devtools.statement_scoring)."""

import json
from pathlib import Path

from django.test import SimpleTestCase

from archive.devtools import statement_scoring
from archive.importing.statements import StatementFact

BODY = "وقال وزير الخارجية الأمريكي جون كيري إن التحالف سيهزم التنظيم في العراق وسوريا. وأكد الوزراء دعمهم للحكومة العراقية الجديدة."


def fact(speaker: str, kind: str, start: int, end: int, collective: str = "", person: int | None = 0, **more):
    return StatementFact(speaker, kind, collective, more.pop("country", None), person, "وقال", BODY[start:end], False,
                         start, end, start, **more)


class ScorePageTests(SimpleTestCase):
    def setUp(self):
        self.kerry_end = BODY.index(". ") + 1
        self.labels = [
            {"speaker": "جون كيري", "speaker_kind": "person", "text": "إن التحالف سيهزم التنظيم في العراق"},
            {"speaker": "الوزراء", "speaker_kind": "collective", "collective": "ministers", "text": "دعمهم للحكومة العراقية الجديدة"},
        ]

    def test_right_speakers_count_for_precision_and_recall(self):
        found = [fact("جون كيري", "person", 0, self.kerry_end),
                 fact("الوزراء", "collective", self.kerry_end + 1, len(BODY), "ministers", None)]
        page = statement_scoring.score_page("p", BODY, self.labels, found)
        totals = statement_scoring.Score([page]).totals()
        self.assertEqual((totals["precision"], totals["recall"]), (1.0, 1.0))

    def test_a_wrong_speaker_and_a_miss(self):
        found = [fact("الوزراء", "collective", 0, self.kerry_end, "ministers", None)]
        totals = statement_scoring.Score([statement_scoring.score_page("p", BODY, self.labels, found)]).totals()
        self.assertEqual((totals["right"], totals["detected"], totals["covered"]), (0, 1, 0))
        self.assertEqual(totals["recall"], 0.0)

    def test_names_match_by_their_words_or_surname(self):
        self.assertTrue(statement_scoring.same_name("فيصل بن فرحان", "فيصل بن فرحان آل سعود"))
        self.assertTrue(statement_scoring.same_name("جون كيري", "كيري"))
        self.assertFalse(statement_scoring.same_name("جون كيري", "جون بولتون"))

    def test_an_unnamed_official_is_an_unnamed_person_or_other_sources(self):
        label = {"speaker": "مسؤول أمريكي", "speaker_kind": "person", "named": False}
        self.assertTrue(statement_scoring.speaker_right(label, fact("مسؤول أمريكي", "person", 0, 5, person=None, named=False)))
        self.assertTrue(statement_scoring.speaker_right(label, fact("مصادر", "collective", 0, 5, "other", None)))
        self.assertFalse(statement_scoring.speaker_right(label, fact("جون كيري", "person", 0, 5)))

    def test_a_government_must_be_the_label_s_state(self):
        label = {"speaker": "الخارجية العراقية", "speaker_kind": "collective", "collective": "government", "country": "العراق"}
        self.assertTrue(statement_scoring.speaker_right(label, fact("الخارجية", "collective", 0, 5, "government", None, country="IQ")))
        self.assertFalse(statement_scoring.speaker_right(label, fact("الخارجية", "collective", 0, 5, "government", None, country="SY")))


class LabelledSetTests(SimpleTestCase):
    def test_every_labelled_text_is_on_its_page(self):
        """The labels hold: each text a substring of its page, each speaker kind known."""
        for label_path in sorted((Path(__file__).resolve().parents[1] / "data" / "real").glob("*/*.json")):
            label = json.loads(label_path.read_text(encoding="utf-8"))
            page = label_path.with_suffix(".txt").read_text(encoding="utf-8")
            for item in label.get("statements", []):
                with self.subTest(page=label_path.name, text=item["text"][:30]):
                    self.assertIn(item["text"], page)
                    self.assertIn(item["speaker_kind"], ("person", "collective"))
