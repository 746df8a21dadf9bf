from django.test import SimpleTestCase
from django.utils import translation

from archive import plurals


class CountTests(SimpleTestCase):
    def test_each_arabic_number_class_takes_its_form(self):
        cases = {0: "لا مقالات", 1: "مقال واحد", 2: "مقالان", 3: "3 مقالات", 10: "10 مقالات", 11: "11 مقالاً",
                 99: "99 مقالاً", 100: "100 مقال", 102: "102 مقال", 103: "103 مقالات", 111: "111 مقالاً"}
        for n, wanted in cases.items():
            with self.subTest(n):
                self.assertEqual(plurals.articles(n), wanted)

    def test_a_feminine_noun(self):
        self.assertEqual(plurals.notes(1), "ملاحظة واحدة")
        self.assertEqual(plurals.notes(12), "12 ملاحظةً")

    def test_every_count_has_its_six_arabic_forms_and_english_its_two(self):
        for count in (plurals.articles, plurals.statements, plurals.meetings, plurals.notes):
            with self.subTest(count.__name__):
                forms = {count(n) for n in (0, 1, 2, 3, 11, 100)}
                self.assertEqual(len(forms), 6, forms)
                with translation.override("en"):
                    self.assertEqual(count(1).split()[0], "1")
                    self.assertNotEqual(count(1), count(2).replace("2", "1"))  # singular and plural differ
                    self.assertNotRegex(count(5), "[\u0600-\u06ff]")
