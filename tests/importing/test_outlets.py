"""The outlets gazetteer: the shipped file's shape, and each way a page's
outlet is found (its address, a mirror's path, a name it shows)."""

import json
from importlib import resources

from django.test import SimpleTestCase

from archive.importing import outlets


class GazetteerFileTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        raw = resources.files("archive.importing").joinpath("data/outlets.json").read_text(encoding="utf-8")
        cls.raw = json.loads(raw)
        cls.gazetteer = outlets.gazetteer()

    def test_every_outlet_has_a_key_an_arabic_name_and_the_source_it_was_checked_against(self):
        for item in self.raw["outlets"]:
            with self.subTest(item.get("key")):
                self.assertTrue(item.get("key") and item.get("name_ar"))
                self.assertTrue(item.get("source"), "every outlet says where it was checked")

    def test_keys_and_domains_are_each_one_outlet_s(self):
        keys = [item["key"] for item in self.raw["outlets"]]
        self.assertEqual(len(keys), len(set(keys)))
        seen: dict[tuple[str, str], str] = {}
        for item in self.raw["outlets"]:
            for domain in item.get("domains") or ():
                where = (domain, item.get("path_prefix") or "")
                self.assertNotIn(where, seen, f"{domain} is both {seen.get(where)} and {item['key']}")
                seen[where] = item["key"]

    def test_every_outlet_is_found_by_its_own_address(self):
        for item in self.raw["outlets"]:
            for domain in item.get("domains") or ():
                with self.subTest(domain):
                    url = f"https://www.{domain}{item.get('path_prefix') or ''}/news/1"
                    self.assertEqual(self.gazetteer.by_address(url).key, item["key"])


class LookupTests(SimpleTestCase):
    gazetteer = outlets.gazetteer()

    def test_an_address_a_subdomain_and_a_mirror_s_path(self):
        self.assertEqual(self.gazetteer.by_address("https://www.okaz.com.sa/news/1").name_ar, "عكاظ")
        self.assertEqual(self.gazetteer.by_address("https://m.okaz.com.sa/news/1").key, "okaz")
        self.assertEqual(self.gazetteer.by_address("https://www.sauress.com/okaz/1573926").key, "okaz")
        self.assertIsNone(self.gazetteer.by_address("https://www.sauress.com/unknown/1"))
        self.assertIsNone(self.gazetteer.by_address("https://example-news.net/1"))

    def test_an_earlier_domain_of_a_listed_outlet(self):
        # Al Ittihad's pages of the 2010s live on aletihad.ae (dev6/35).
        self.assertEqual(self.gazetteer.by_address("https://www.aletihad.ae/news/1").key, "alittihad")

    def test_a_whole_name_on_the_page_is_the_outlet_a_phrase_is_not(self):
        self.assertEqual(self.gazetteer.by_name("عكاظ").key, "okaz")
        self.assertIsNone(self.gazetteer.by_name("أخبار عكاظ اليوم"))

    def test_the_coalition_s_own_site_is_known_by_its_address_alone(self):
        site = self.gazetteer.by_address("https://theglobalcoalition.org/ar/news/1")
        self.assertEqual(site.name_ar, "التحالف الدولي لهزيمة داعش")
        # Every page on the coalition writes its name: a line saying it is no outlet.
        self.assertIsNone(self.gazetteer.by_name("التحالف الدولي لهزيمة داعش"))

    def test_an_unlisted_site_is_named_by_its_host(self):
        self.assertEqual(self.gazetteer.site("https://www.hadasnow.com/a/1"), "hadasnow.com")
        self.assertEqual(self.gazetteer.site("http://www1.el-emarat.com/a/1"), "el-emarat.com")
        self.assertEqual(self.gazetteer.site("https://www.sauress.com/x/1"), "")
        self.assertEqual(self.gazetteer.site("http://195.201.164.17/a"), "")
