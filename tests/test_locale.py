"""The archive's corrections to Django's Arabic catalogue are compiled and in force."""

import re
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase
from django.utils import translation


class CatalogueTests(SimpleTestCase):
    def test_every_correction_in_the_po_file_is_what_the_admin_says(self):
        po = (Path(settings.BASE_DIR) / "archive" / "locale" / "ar" / "LC_MESSAGES" / "django.po").read_text("utf-8")
        entries = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', po, re.M)
        joined = [("".join(re.findall(r'"(.*)"', i)), "".join(re.findall(r'"(.*)"', s))) for i, s in entries]
        corrections = [(msgid, msgstr) for msgid, msgstr in joined if msgid]
        self.assertGreaterEqual(len(corrections), 5)
        with translation.override("ar"):
            for msgid, msgstr in corrections:
                with self.subTest(msgid):  # a stale django.mo: run msgfmt -o django.mo django.po
                    self.assertEqual(translation.gettext(msgid), msgstr)
