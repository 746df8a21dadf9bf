"""The people reader's word lists, kept as data files."""

from django.test import SimpleTestCase

from archive import text
from archive.importing import lexicons


class LexiconFilesTests(SimpleTestCase):
    def test_no_list_repeats_a_word_and_no_two_kept_apart_share_one(self):
        self.assertEqual(lexicons.problems(), [])

    def test_every_list_the_reader_uses_exists_and_holds_words(self):
        for name in lexicons.names():
            with self.subTest(name):
                self.assertTrue(lexicons.words(name), f"data/lexicons/{name}.txt is empty")

    def test_entries_are_matched_after_normalization(self):
        self.assertIn(text.key("الأمن"), lexicons.words("title_words"))
        self.assertIn(text.key("الامن"), lexicons.words("title_words"))

    def test_a_two_column_list_maps_a_word_to_what_it_stands_for(self):
        self.assertEqual(lexicons.pairs("deputies")[text.key("نائبه")], "نائب")

    def test_a_missing_list_is_named(self):
        with self.assertRaisesMessage(lexicons.LexiconError, "data/lexicons/nothing.txt"):
            lexicons.words("nothing")


class ProblemsTests(SimpleTestCase):
    """problems() finds what the file test above relies on it to find."""

    def test_a_repeat_in_another_spelling_is_a_duplicate(self):
        found = lexicons.duplicates("demo", [(1, "الأمن"), (2, "الامن"), (3, "الدفاع")])
        self.assertEqual(found, ["data/lexicons/demo.txt, line 2: «الامن» repeats line 1"])
