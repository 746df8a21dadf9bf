"""The import's scoring on labelled real pages (archive/devtools/evaluation.py):
what counts as the right outlet, and what is scored on which archive."""

import json
import tempfile
from pathlib import Path

from django.test import SimpleTestCase, TestCase

from archive.devtools import evaluation
from archive.devtools.evaluation import Outcome, Page
from archive.models import Article


def _outcome(label: dict, *outlet_names: str) -> Outcome:
    return Outcome(Page(Path("01_page.txt"), label), outlet_names=outlet_names)


class OutletRightTests(SimpleTestCase):
    def test_a_mirror_note_is_left_out_and_the_country_kept(self):
        label = {"outlet": "الوطن (السعودية، عبر سعورس)", "outlet_en": "Al-Watan (Saudi Arabia, via Sauress)"}
        self.assertTrue(_outcome(label, "الوطن السعودية", "Al Watan (Saudi Arabia)").outlet_right)

    def test_the_english_name_with_its_country_is_enough(self):
        label = {"outlet": "البلاد (الجزائر، عبر جزايرس)", "outlet_en": "El Bilad (Algeria, via Djazairess)"}
        self.assertTrue(_outcome(label, "البلاد الجزائرية", "El Bilad (Algeria)").outlet_right)

    def test_another_country_s_paper_of_the_same_name_is_wrong(self):
        label = {"outlet": "الوطن", "outlet_en": "El Watan News (Egypt)"}
        self.assertFalse(_outcome(label, "الوطن السعودية", "Al Watan (Saudi Arabia)").outlet_right)

    def test_no_outlet_is_wrong(self):
        self.assertFalse(_outcome({"outlet": "عكاظ", "outlet_en": "Okaz"}).outlet_right)


class OutletLeftAsSiteTests(SimpleTestCase):
    LABEL = {"url": "https://www.mapress.net/article/1", "outlet": "ماب بريس (domain)", "outlet_en": "MaPress"}

    def test_the_page_s_own_site_left_for_the_editor_to_name_is_counted_apart(self):
        outcome = Outcome(Page(Path("01_page.txt"), self.LABEL), outlet_names=("mapress.net",),
                          outlet_website="https://mapress.net/")
        self.assertFalse(outcome.outlet_right)
        self.assertTrue(outcome.outlet_left_as_site)

    def test_another_site_or_a_right_name_is_not(self):
        other = Outcome(Page(Path("01_page.txt"), self.LABEL), outlet_names=("x.com",), outlet_website="https://x.com/")
        named = Outcome(Page(Path("01_page.txt"), self.LABEL), outlet_names=("ماب بريس",),
                        outlet_website="https://mapress.net/")
        self.assertFalse(other.outlet_left_as_site)
        self.assertFalse(named.outlet_left_as_site)


WIRE = (
    "وأكد البيان الختامي أن الدول الأعضاء ستواصل العمل معا لضمان الهزيمة الدائمة للتنظيم في العراق وسوريا، "
    "ودعم جهود تحقيق الاستقرار في المناطق المحررة، ومنع عودة المقاتلين الأجانب إلى صفوفه."
)
WASHINGTON = (
    "التحالف يتعهد بهزيمة داعش\n\n"
    "اختتم اليوم الأربعاء في واشنطن الاجتماع الوزاري للتحالف الدولي ضد داعش بمشاركة وزراء الخارجية.\n\n" + WIRE
)
LABEL = {"event": "2019-02-06-washington-ministerial", "meeting_date": "2019-02-06", "persons": []}


def write_page(folder: Path, name: str, text: str, **label) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.json").write_text(json.dumps({**LABEL, **label}, ensure_ascii=False), encoding="utf-8")


class EvaluateAfterTests(TestCase):
    """`evaluate_import FOLDER --after EARLIER`: the folder scored on an
    archive that already holds the earlier batch, and nothing kept."""

    def test_only_the_folder_is_scored_on_the_archive_the_earlier_batch_made(self):
        with tempfile.TemporaryDirectory() as root:
            earlier, folder = Path(root, "earlier"), Path(root, "folder")
            earlier.mkdir(), folder.mkdir()
            write_page(earlier, "01_dated", "نشر في 6 فبراير 2019\n" + WASHINGTON)
            write_page(folder, "01_copy", WASHINGTON.replace("التحالف يتعهد", "الحلفاء يتعهدون"))
            before = Article.objects.count()
            alone = evaluation.evaluate(folder)
            after = evaluation.evaluate(folder, after=[earlier])
        self.assertEqual([o.page.path.name for o in after.outcomes], ["01_copy.txt"])
        # Alone, the undated copy cannot choose between two Wednesday
        # ministerials in Washington; after the dated report it copies, it can.
        self.assertIsNone(alone.outcomes[0].meeting_id)
        self.assertEqual(str(after.outcomes[0].meeting_date), "2019-02-06")
        self.assertEqual(Article.objects.count(), before)
