"""The import's scoring on labelled real pages (archive/devtools/evaluation.py):
what counts as the right outlet."""

from pathlib import Path

from django.test import SimpleTestCase

from archive.devtools.evaluation import Outcome, Page


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
