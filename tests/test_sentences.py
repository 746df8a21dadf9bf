from django.test import SimpleTestCase

from archive.importing.sentences import SentenceIndex, split


class SplitTests(SimpleTestCase):
    def test_it_splits_where_press_copy_glues_sentences_together(self):
        text = "أكد الوزراء دعم العراق.وأضاف البيان أن التحالف باق."
        self.assertEqual([s.text for s in split(text)], ["أكد الوزراء دعم العراق.", "وأضاف البيان أن التحالف باق."])

    def test_it_does_not_split_numbers_or_latin_abbreviations(self):
        text = "أعاد العراق 10.000 شخص في 13.02.2018 بحسب U.S. وزارة الخارجية."
        self.assertEqual(len(split(text)), 1)

    def test_an_initial_written_alone_ends_nothing(self):
        text = "وشدد منسق شؤون مكافحة الإرهاب غريغوري د. لوغيرفو على التزام الدول. وانتهى الاجتماع عام 2025م. ثم غادروا."
        self.assertEqual(
            [s.text for s in split(text)],
            ["وشدد منسق شؤون مكافحة الإرهاب غريغوري د. لوغيرفو على التزام الدول.", "وانتهى الاجتماع عام 2025م.", "ثم غادروا."],
        )

    def test_it_ends_sentences_at_arabic_question_marks_and_line_breaks(self):
        text = "هل انتهى التهديد؟ لا\nسطر آخر"
        self.assertEqual([s.text for s in split(text)], ["هل انتهى التهديد؟", "لا", "سطر آخر"])

    def test_it_keeps_a_closing_quote_with_its_sentence(self):
        text = "وقال «انتهى الاجتماع.» ثم غادر."
        self.assertEqual(split(text)[0].text, "وقال «انتهى الاجتماع.»")

    def test_its_offsets_point_into_the_text(self):
        text = "  الجملة الأولى.  الجملة الثانية!"
        for sentence in split(text):
            self.assertEqual(text[sentence.start:sentence.end], sentence.text)


class SentenceIndexTests(SimpleTestCase):
    def test_it_finds_the_sentence_holding_an_offset(self):
        text = "اجتمع الوزراء في روما. وأشاروا إلى القرار 2254. وانتهى الاجتماع."
        index = SentenceIndex(text)
        self.assertEqual(index.at(text.index("2254")).text, "وأشاروا إلى القرار 2254.")
        self.assertIsNone(index.at(len(text) + 5))
