"""The pipeline on articles it was not written from.

tests/data/unseen/ holds realistic raw pages from other outlets and years
(2014–2024), each with the extraction a careful editor would make, written
by someone who had not read the pipeline's code. Articles 15–24 were a blind
test when they arrived (the pipeline's first run on them is in the issue's
closing note); they have taught it since, like 01–14. Every field of every
article is compared; the few known misses are listed here with the reason,
so a regression fails and so does a silent improvement (which should then
be struck off the list).
"""

import json
from pathlib import Path

from django.test import SimpleTestCase

from archive.importing import cleaning, extraction, reading

CORPUS = Path(__file__).resolve().parent / "data" / "unseen"
FIELDS = ("title", "outlet", "published_on", "meeting", "persons", "countries", "resolutions")

KNOWN_MISSES = {
    # A nine-word description with "على" inside stands between the title
    # word and the name: read as no title at all.
    ("05", "persons"): "الناشطة العراقية الإيزيدية الحائزة على جائزة نوبل للسلام لعام ٢٠١٨ نادية مراد",
    # "محافظ نينوى": a province the gazetteers lack; "، ولانا نسيبة، مساعدة…":
    # a co-chair joined by "و" after a comma, her title after her name.
    ("23", "persons"): "محافظ نينوى عبد القادر الدخيل / ولانا نسيبة، مساعدة وزير الخارجية",
    # "مدير المرصد السوري": the adjective is the observatory's, read as the
    # man's country; "قائد عمليات قادمون يا نينوى": an operation's name read
    # as a person's.
    ("24", "persons"): "مدير المرصد السوري لحقوق الإنسان / قائد عمليات قادمون يا نينوى الفريق …",
}


def extract_file(path: Path) -> dict:
    cleaned = cleaning.clean(reading.decode(path.read_bytes()).text)
    found = extraction.extract(cleaned.body, cleaned.published_on, title=cleaned.title)
    meeting = found.meeting
    return {
        "title": cleaned.title,
        "outlet": cleaned.outlet or None,
        "published_on": cleaned.published_on.isoformat() if cleaned.published_on else None,
        "meeting": None
        if not meeting.reported
        else {
            name: (value.isoformat() if hasattr(value, "isoformat") else value)
            for name in ("date", "place", "format", "kind", "member_count", "participant_count")
            for value in [meeting.value(name)]
        },
        "persons": sorted((p.name, p.role, p.country, p.is_chair) for p in found.people),
        "countries": sorted({c.iso for c in found.countries}),
        "resolutions": sorted(r.number for r in found.resolutions),
    }


def expected_of(path: Path) -> dict:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    expected["persons"] = sorted((p["name"], p["role"], p["country"], p["is_chair"]) for p in expected["persons"])
    expected["countries"] = sorted(expected["countries"])
    expected["resolutions"] = sorted(expected["resolutions"])
    return expected


class UnseenArticlesTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = sorted(CORPUS.glob("*.txt"))
        cls.results = {path.name[:2]: (extract_file(path), expected_of(path)) for path in cls.files}

    def test_the_corpus_is_there(self):
        self.assertEqual(len(self.files), 24)

    def test_each_field_of_each_article_matches_the_editor_s_reading(self):
        misses = set()
        for number, (got, expected) in self.results.items():
            for field in FIELDS:
                if got[field] != expected[field]:
                    misses.add((number, field))
                    if (number, field) not in KNOWN_MISSES:
                        with self.subTest(article=number, field=field):
                            self.assertEqual(got[field], expected[field])
        self.assertEqual(set(KNOWN_MISSES) - misses, set(), "a known miss now passes: strike it off the list")

    def test_no_field_is_missed_in_more_than_one_article_in_twenty(self):
        total = len(self.results) * len(FIELDS)
        self.assertLessEqual(len(KNOWN_MISSES) / total, 0.05)
