"""The fingerprint of a page's wording: what two copies of one wire share."""

from django.test import SimpleTestCase

from archive.importing import passages

WIRE = (
    "وأكد البيان الختامي أن الدول الأعضاء ستواصل العمل معا لضمان الهزيمة الدائمة للتنظيم في العراق وسوريا، "
    "ودعم جهود تحقيق الاستقرار في المناطق المحررة، ومنع عودة المقاتلين الأجانب إلى صفوفه، "
    "وتعزيز تبادل المعلومات بين الدول الأعضاء في التحالف الدولي لمواجهة الدعاية المتطرفة على الإنترنت."
)


class FingerprintTests(SimpleTestCase):
    def test_two_outlets_copying_one_wire_share_passages(self):
        first = passages.fingerprints("عاجل: وزراء التحالف يجتمعون\n" + WIRE + "\nوكانت الدول قد اجتمعت من قبل.")
        second = passages.fingerprints("نقلت وكالة الأنباء عن مسؤول قوله:\n" + WIRE)
        self.assertGreaterEqual(passages.shared(first, second), passages.SAME_STORY)

    def test_spelling_variants_of_one_wire_agree(self):
        # What outlets change when they retype a wire: hamza seats, final ya,
        # taa marbuta and tatweel (archive.text.normalize).
        retyped = WIRE.replace("الأعضاء", "الاعضاء").replace("الإنترنت", "الانترنت").replace("معا", "معـا")
        self.assertEqual(passages.fingerprints(retyped), passages.fingerprints(WIRE))

    def test_two_stories_share_none(self):
        other = (
            "افتتح وزير الصحة اليوم مستشفى جديدا في المدينة بحضور عدد من المسؤولين، وأكد أن الوزارة ماضية في "
            "تطوير الخدمات الصحية للمواطنين في جميع المحافظات وتوفير الأدوية والمستلزمات الطبية اللازمة."
        )
        self.assertEqual(passages.shared(passages.fingerprints(WIRE), passages.fingerprints(other)), 0)

    def test_a_text_shorter_than_a_passage_has_no_fingerprint(self):
        self.assertEqual(passages.fingerprints("اجتماع التحالف في روما اليوم"), [])

    def test_it_keeps_about_one_passage_in_four_as_signed_32_bit_numbers(self):
        kept = passages.fingerprints(WIRE * 3)
        words = len(WIRE.split())
        self.assertLess(len(kept), words)
        self.assertGreater(len(kept), 0)
        self.assertTrue(all(-(2 ** 31) <= number < 2 ** 31 for number in kept))
        self.assertEqual(kept, sorted(set(kept)))
