from django.test import SimpleTestCase

from archive import text


class NormalizeTests(SimpleTestCase):
    def test_it_folds_alef_and_hamza_forms(self):
        self.assertEqual(text.normalize("أحمد إبراهيم آشتون ٱلله مؤتمر رئيس"), "احمد ابراهيم اشتون الله موتمر رييس")

    def test_it_folds_alef_maqsura_and_teh_marbuta(self):
        self.assertEqual(text.normalize("مصطفى مكتبة"), "مصطفي مكتبه")

    def test_it_drops_tashkeel_and_tatweel(self):
        self.assertEqual(text.normalize("الوَزِيرُ الــعـــراقي"), "الوزير العراقي")

    def test_it_reads_persian_letters_as_arabic(self):
        self.assertEqual(text.normalize("سوریا کندا"), "سوريا كندا")

    def test_it_turns_arabic_indic_and_persian_digits_into_latin(self):
        self.assertEqual(text.normalize("القرار ٢٢٥٤ و۲۱۷۸"), "القرار 2254 و2178")


class KeyTests(SimpleTestCase):
    def test_it_ignores_punctuation_quotes_and_case(self):
        self.assertEqual(text.key("«أنتوني بلينكن»،"), text.key("انتوني  بلينكن"))
        self.assertEqual(text.key("Antony BLINKEN"), "antony blinken")

    def test_it_keeps_different_names_apart(self):
        self.assertNotEqual(text.key("النيجر"), text.key("نيجيريا"))
