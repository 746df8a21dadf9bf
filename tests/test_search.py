from django.test import SimpleTestCase

from archive import search


class HighlightTests(SimpleTestCase):
    def test_it_escapes_the_text_before_marking_matches(self):
        headline = f'<script>alert(1)</script> {search.MARK_START}داعش{search.MARK_END} & "x"'
        self.assertEqual(
            search.highlight(headline),
            "&lt;script&gt;alert(1)&lt;/script&gt; <mark>داعش</mark> &amp; &quot;x&quot;",
        )

    def test_it_cannot_be_tricked_by_mark_tags_in_the_text(self):
        self.assertEqual(search.highlight("<mark>x</mark>"), "&lt;mark&gt;x&lt;/mark&gt;")

    def test_plain_drops_the_marks(self):
        self.assertEqual(search.plain(f"{search.MARK_START}بلينكن{search.MARK_END} قال"), "بلينكن قال")
