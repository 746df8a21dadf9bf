from django.test import SimpleTestCase

from archive import plurals


class CountTests(SimpleTestCase):
    def test_each_arabic_number_class_takes_its_form(self):
        cases = {0: "لا مقالات", 1: "مقال واحد", 2: "مقالان", 3: "3 مقالات", 10: "10 مقالات", 11: "11 مقالاً",
                 99: "99 مقالاً", 100: "100 مقال", 102: "102 مقال", 103: "103 مقالات", 111: "111 مقالاً"}
        for n, wanted in cases.items():
            with self.subTest(n):
                self.assertEqual(plurals.count(n, "مقال", "مقالان", "مقالات"), wanted)

    def test_a_feminine_noun(self):
        self.assertEqual(plurals.count(1, "ملاحظة", "ملاحظتان", "ملاحظات"), "ملاحظة واحدة")
        self.assertEqual(plurals.count(12, "ملاحظة", "ملاحظتان", "ملاحظات"), "12 ملاحظةً")
