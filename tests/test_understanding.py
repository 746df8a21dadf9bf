from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from archive.importing import understanding

SEED = Path(settings.BASE_DIR) / "fixtures" / "seeds" / "000_9c958cb527e5a0b5.txt"


class UnderstandTests(SimpleTestCase):
    def test_it_rejects_bytes_that_are_not_text(self):
        found = understanding.understand(b"\x00\x01\x02" * 100)
        self.assertTrue(found.rejection)
        self.assertIsNone(found.facts)

    def test_it_reads_the_facts_later_when_asked_to(self):
        found = understanding.understand(SEED.read_bytes(), facts=False)
        self.assertEqual(len(found.digest), 64)
        self.assertIsNone(found.cleaned)
        read = understanding.read_facts(found)
        self.assertTrue(read.cleaned.title)
        self.assertTrue(read.facts.countries)
        self.assertEqual(read, understanding.understand(SEED.read_bytes()))


class HelperTests(SimpleTestCase):
    """The second process that reads an import's files ahead."""

    def setUp(self):
        self.helper = understanding.Helper([("IQ", "بلاد الرافدين")])
        self.addCleanup(self.helper.close)
        self.assertTrue(self.helper.ready.result(timeout=60))

    def test_it_answers_what_this_process_would(self):
        data = SEED.read_bytes()
        answers = [self.helper.understand(data) for _ in range(3)]
        matcher = understanding.extraction.matcher_with([("IQ", "بلاد الرافدين")])
        for answer in answers:
            self.assertEqual(answer.result(timeout=60), understanding.understand(data, matcher))

    def test_it_uses_the_batchs_own_spellings_of_countries(self):
        data = "عنوان\n\nزار الوزير بلاد الرافدين أمس.".encode()
        found = self.helper.understand(data).result(timeout=60)
        self.assertIn("IQ", [fact.iso for fact in found.facts.countries])

    def test_it_reads_with_the_known_officials_and_their_offices(self):
        helper = understanding.Helper([], ["عادل الجبير"], [], {"عادل الجبير": ("وزير الخارجية", "SA")})
        self.addCleanup(helper.close)
        data = "عنوان\n\nالتقى عادل الجبير نظراءه في واشنطن. وقال وزير الخارجية إن التحالف نشأ في سبتمبر 2014.".encode()
        found = helper.understand(data).result(timeout=60)
        self.assertEqual([(fact.speaker, fact.speaker_by) for fact in found.facts.statements], [("عادل الجبير", "office")])

    def test_it_sends_back_what_a_request_raised(self):
        failed = self.helper.understand("نص وليس بايتات")
        self.assertIsInstance(failed.exception(timeout=60), TypeError)
        # And goes on answering.
        self.assertTrue(self.helper.understand(SEED.read_bytes()).result(timeout=60).facts)

    def test_it_fails_every_request_once_the_process_has_ended(self):
        self.helper.process.kill()
        self.helper.process.wait()
        with self.assertRaises(understanding.HelperStopped):
            self.helper.understand(SEED.read_bytes()).result(timeout=60)
