"""An article's body with its statements marked (archive.public.marking)."""

from django.test import SimpleTestCase

from archive.public import marking


class MarkedTests(SimpleTestCase):
    def test_a_statement_is_a_mark_with_its_anchor(self):
        body = "مقدمة. وقال الوزير إن العمل مستمر. خاتمة."
        start = body.index("وقال")
        html = marking.marked(body, [marking.Span("statement-7", start, body.index(" خاتمة"))])
        self.assertEqual(html, '<p>مقدمة. <mark class="statement" id="statement-7">وقال الوزير إن العمل مستمر.</mark> خاتمة.</p>')

    def test_archive_text_is_escaped(self):
        body = '<script>alert(1)</script> وقال "x" & y'
        html = marking.marked(body, [marking.Span('a"b', 0, 8)])
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertIn('id="a&quot;b"', html)
        self.assertIn("&amp; y", html)

    def test_a_statement_over_two_paragraphs_is_marked_in_each_anchor_once(self):
        body = "أولا قال: «سطر\n\nوسطر آخر» ثم انتهى"
        html = marking.marked(body, [marking.Span("statement-1", 6, body.index(" ثم"))])
        self.assertEqual(html.count("<mark"), 2)
        self.assertEqual(html.count('id="statement-1"'), 1)
        self.assertEqual(html.count("<p>"), 2)

    def test_overlapping_and_outlying_spans_never_break_the_text(self):
        body = "واحد اثنان ثلاثة"
        html = marking.marked(body, [marking.Span("a", 0, 10), marking.Span("b", 5, 16), marking.Span("c", 40, 50)])
        self.assertEqual(html.replace('<mark class="statement" id="a">', "").replace('<mark class="statement" id="b">', "")
                         .replace("</mark>", ""), f"<p>{body}</p>")

    def test_line_breaks_inside_a_paragraph(self):
        self.assertEqual(marking.marked("سطر\nسطر", []), "<p>سطر<br>سطر</p>")
