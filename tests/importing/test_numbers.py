"""Arabic number words, shared by the dates and meetings readers."""

import re

from django.test import SimpleTestCase

from archive import text
from archive.importing import numbers


class OrdinalValueTests(SimpleTestCase):
    def test_values(self):
        cases = {
            "الاول": 1, "العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12, "العشرين": 20,
            "الحادي والعشرين": 21, "الثالث و الثلاثين": 33, "الـ19": 19, "رقم 4": 4,
        }
        for words, value in cases.items():
            with self.subTest(words):
                self.assertEqual(numbers.ordinal_value(text.normalize(words)), value)

    def test_words_that_hold_no_ordinal(self):
        self.assertIsNone(numbers.ordinal_value("الاجتماع"))


class CountValueTests(SimpleTestCase):
    def test_values(self):
        for words, value in {"ثمانية وستين": 68, "ستين": 60, "ثلاث": 3, "تسعة و ثمانين": 89}.items():
            with self.subTest(words):
                self.assertEqual(numbers.count_value(text.normalize(words)), value)


class TablesTests(SimpleTestCase):
    def test_tables_are_written_in_the_folded_form_the_readers_match(self):
        for table in (numbers.ONES, numbers.TENS, numbers.ORDINAL_UNITS, numbers.ORDINAL_TENS):
            for word in table:
                self.assertEqual(text.normalize(word), word)

    def test_the_first_never_stands_before_ten(self):
        self.assertIsNone(re.fullmatch(rf"(?:{numbers.COMPOUND_UNITS}) عشر", "الاول عشر"))
        self.assertIsNotNone(re.fullmatch(rf"(?:{numbers.COMPOUND_UNITS}) عشر", "الحادي عشر"))

    def test_tens_up_to_a_limit(self):
        self.assertIn("الثلاثين", numbers.ordinal_tens(30))
        self.assertNotIn("الاربعين", numbers.ordinal_tens(30))
