from django.test import SimpleTestCase

from archive import text


class NormalizeTests(SimpleTestCase):
    def test_it_folds_alef_and_hamza_forms(self):
        self.assertEqual(text.normalize("أحمد إبراهيم آشتون ٱلله مؤتمر رئيس"), "احمد ابراهيم اشتون الله مءتمر رءيس")
        # Whatever the seat: مؤتمر and مئتمر, مسؤول and مسئول are one word.
        self.assertEqual(text.normalize("مسئول"), text.normalize("مسؤول"))

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


class FoldWithOriginTests(SimpleTestCase):
    def test_it_drops_tashkeel_and_maps_letters_to_their_offsets(self):
        folded, origin = text.fold_with_origin("الوَزِيرُ")
        self.assertEqual(folded, "الوزير")
        self.assertEqual(list(origin), [0, 1, 2, 4, 6, 7])

    def test_it_drops_tatweel(self):
        folded, origin = text.fold_with_origin("الــعراق")
        self.assertEqual(folded, "العراق")
        self.assertEqual(list(origin), [0, 1, 4, 5, 6, 7])

    def test_it_maps_both_letters_of_a_ligature_to_its_offset(self):
        folded, origin = text.fold_with_origin("ﻻ بد")
        self.assertEqual(folded, "لا بد")
        self.assertEqual(list(origin), [0, 0, 1, 2, 3])

    def test_it_turns_arabic_indic_digits_into_latin_in_place(self):
        folded, origin = text.fold_with_origin("القرار ٢٢٥٤ و۲۱۷۸")
        self.assertEqual(folded, "القرار 2254 و2178")
        self.assertEqual(list(origin), list(range(17)))

    def test_it_drops_an_rlm_mark(self):
        folded, origin = text.fold_with_origin("2254\u200f (2015)")
        self.assertEqual(folded, "2254 (2015)")
        self.assertEqual(list(origin), [0, 1, 2, 3, *range(5, 12)])

    def test_it_reads_arabic_separators_as_latin(self):
        folded, origin = text.fold_with_origin("٣٫٥ و١٬٠٠٠")
        self.assertEqual(folded, "3.5 و1,000")
        self.assertEqual(list(origin), list(range(10)))

    def test_it_keeps_case(self):
        self.assertEqual(text.fold_with_origin("S/RES/2254 October")[0], "S/RES/2254 October")

    def test_it_returns_a_range_when_no_character_changes_length(self):
        folded, origin = text.fold_with_origin("أحمد في مكتبة")
        self.assertEqual(folded, "احمد في مكتبه")
        self.assertEqual(origin, range(13))

    def test_it_handles_the_empty_text(self):
        self.assertEqual(text.fold_with_origin(""), ("", range(0)))


class RawPatternTests(SimpleTestCase):
    def test_it_finds_a_folded_word_in_raw_text_whatever_its_spelling(self):
        cases = [
            ("الارهاب", "أكّد أن الإرهابَ باقٍ"),
            ("ايران", "زار إيـــران أمس"),
            ("كيري", "قال كیری"),  # Persian ی and ک
            ("2254", "القرار ٢٢٥٤"),
            ("مكتبه", "في المكتبة"),
            ("wilmes", "Sophie Wilmès"),
        ]
        for word, raw in cases:
            with self.subTest(word=word):
                match = text.raw_pattern(word).search(raw)
                self.assertIsNotNone(match)
                self.assertIn(word, text.key(match.group()))

    def test_it_finds_nothing_where_the_word_is_not(self):
        self.assertIsNone(text.raw_pattern("داعش").search("تنظيم الدولة"))

    def test_it_says_when_a_text_needs_the_slow_way(self):
        self.assertTrue(text.foldable_by_pattern("نص عربي عادي، مع أرقام ١٢٣ وLatin."))
        self.assertFalse(text.foldable_by_pattern("لفظ الجلالة ﷲ"))


class HamzaSeatTests(SimpleTestCase):
    """Outlets seat a hamza differently in the same word (مسؤول in most, مسئول
    in Egyptian papers): every such pair found in the real pages of the
    development sets is one word to the archive."""

    def test_every_seat_variant_in_the_real_pages_is_one_word(self):
        import glob
        import re
        from pathlib import Path

        root = Path(__file__).parent / "data" / "real"
        spelled: dict[str, set[str]] = {}
        for path in glob.glob(str(root / "dev*" / "*.txt")):
            for word in re.findall(r"[\u0621-\u064a]+", Path(path).read_text("utf-8")):
                if "ؤ" in word or "ئ" in word or "ء" in word[1:-1]:
                    spelled.setdefault(word.replace("ؤ", "ء").replace("ئ", "ء"), set()).add(word)
        variants = [group for group in spelled.values() if len(group) > 1]
        self.assertGreaterEqual(len(variants), 10)  # مسؤول/مسئول, شؤون/شئون, المسؤولين/المسئولين …
        for group in variants:
            with self.subTest(group=sorted(group)):
                self.assertEqual(len({text.key(word) for word in group}), 1)
