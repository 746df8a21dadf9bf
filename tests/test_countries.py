import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

from django.test import SimpleTestCase

from archive import text
from archive.importing.countries import CountryEntry, CountryMatcher, FoundCountry, load_gazetteer

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"

# The 193 member states of the United Nations, by ISO 3166-1 alpha-2 code.
UN_MEMBERS = frozenset(
    """
    AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ
    CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET
    FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT
    JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH
    PK PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ
    TD TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VC VE VN VU WS YE ZA ZM ZW
    """.split()
)
# Palestine and the Holy See (UN observer states) and Kosovo (a coalition member).
OBSERVERS_AND_KOSOVO = frozenset({"PS", "VA", "XK"})

MATCHER = CountryMatcher(load_gazetteer())


def seed(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def isos(found: list[FoundCountry]) -> list[str]:
    return [mention.iso for mention in found]


def find(text: str) -> list[str]:
    return isos(MATCHER.find(text))


def forms(entry: CountryEntry) -> list[str]:
    return [entry.name, *entry.aliases, *entry.adjectives]


class GazetteerTests(SimpleTestCase):
    def test_it_lists_every_un_member_and_the_observers(self):
        codes = {entry.iso for entry in load_gazetteer()}
        self.assertEqual(len(UN_MEMBERS), 193)
        self.assertEqual(codes, UN_MEMBERS | OBSERVERS_AND_KOSOVO)
        self.assertGreaterEqual(len(load_gazetteer()), 195)

    def test_it_has_unique_well_formed_iso_codes(self):
        codes = [entry.iso for entry in load_gazetteer()]
        self.assertEqual(len(codes), len(set(codes)))
        for code in codes:
            self.assertRegex(code, r"^[A-Z]{2}$")

    def test_it_is_stored_sorted_by_iso(self):
        codes = [entry.iso for entry in load_gazetteer()]
        self.assertEqual(codes, sorted(codes))

    def test_it_gives_every_entry_an_arabic_and_an_english_name(self):
        for entry in load_gazetteer():
            self.assertRegex(entry.name, r"[\u0600-\u06ff]", entry.iso)
            self.assertRegex(entry.name_en, r"^[A-Z]", entry.iso)

    def test_it_maps_no_normalized_form_to_two_countries(self):
        owners = defaultdict(set)
        for entry in load_gazetteer():
            for form in forms(entry):
                owners[text.key(form)].add(entry.iso)
        clashes = {form: codes for form, codes in owners.items() if len(codes) > 1}
        self.assertEqual(clashes, {})

    def test_it_lists_no_spelling_that_the_folding_already_joins(self):
        for entry in load_gazetteer():
            keys = [text.key(form) for form in forms(entry)]
            self.assertEqual(len(keys), len(set(keys)), entry.iso)

    def test_it_spells_the_press_variants(self):
        matcher = MATCHER
        for spelling, iso in [
            ("النروج", "NO"),
            ("أسبانيا", "ES"),
            ("اسبانيا", "ES"),
            ("بريطانيا", "GB"),
            ("أمريكا", "US"),
            ("أميركا", "US"),
            ("الولايات المتحدة الأميركية", "US"),
            ("سورية", "SY"),
            ("تشيكيا", "CZ"),
            ("التشيك", "CZ"),
            ("الإمارات", "AE"),
            ("المملكة العربية السعودية", "SA"),
            ("روسيا الاتحادية", "RU"),
            ("جمهورية كوريا", "KR"),
            ("قرغيزستان", "KG"),
            ("جزر المالديف", "MV"),
            ("كوت ديفوار", "CI"),
            ("الدانمارك", "DK"),
            ("هنغاريا", "HU"),
            ("بورما", "MM"),
            ("سوازيلاند", "SZ"),
            ("الكرسي الرسولي", "VA"),
        ]:
            with self.subTest(spelling):
                self.assertEqual(matcher.lookup(spelling), iso)

    def test_it_is_read_from_the_package_as_utf8_json(self):
        raw = resources.files("archive.importing").joinpath("data/countries.json").read_text(encoding="utf-8")
        self.assertIn("بلجيكا", raw)
        self.assertNotIn("\\u06", raw)
        self.assertEqual(len(json.loads(raw)), len(load_gazetteer()))

    def test_it_hands_out_a_fresh_list(self):
        load_gazetteer().clear()
        self.assertGreaterEqual(len(load_gazetteer()), 195)


class FindTests(SimpleTestCase):
    def test_it_finds_nothing_in_a_text_without_countries(self):
        self.assertEqual(MATCHER.find(""), [])
        self.assertEqual(find("التحالف الدولي لهزيمة داعش يجتمع في واشنطن"), [])

    def test_it_finds_mentions_in_order_without_overlap(self):
        found = MATCHER.find("رحبت فرنسا وألمانيا بقرار العراق، وأيدته الولايات المتحدة")
        self.assertEqual(isos(found), ["FR", "DE", "IQ", "US"])
        for earlier, later in zip(found, found[1:]):
            self.assertLessEqual(earlier.end, later.start)

    def test_it_prefers_the_longest_name(self):
        (found,) = MATCHER.find("أعلنت الولايات المتحدة الأمريكية")
        self.assertEqual((found.iso, found.surface, found.via), ("US", "الولايات المتحدة الأمريكية", "alias"))

    def test_it_reports_the_name_itself_as_a_name(self):
        (found,) = MATCHER.find("في الولايات المتحدة اليوم")
        self.assertEqual((found.surface, found.via), ("الولايات المتحدة", "name"))

    def test_it_tells_white_russia_from_russia(self):
        self.assertEqual(find("روسيا البيضاء وروسيا"), ["BY", "RU"])

    def test_it_tells_the_guineas_apart(self):
        self.assertEqual(
            find("غينيا بيساو وغينيا الاستوائية وغينيا وبابوا غينيا الجديدة"), ["GW", "GQ", "GN", "PG"]
        )

    def test_it_tells_the_sudans_apart(self):
        self.assertEqual(find("جنوب السودان والسودان"), ["SS", "SD"])

    def test_it_tells_niger_from_nigeria(self):
        self.assertEqual(find("النيجر ونيجيريا"), ["NE", "NG"])

    def test_it_tells_northern_ireland_from_ireland(self):
        self.assertEqual(find("أيرلندا الشمالية وأيرلندا"), ["GB", "IE"])

    def test_it_reads_a_country_with_a_conjunction_in_its_name_as_one(self):
        (bosnia,) = MATCHER.find("وزير خارجية البوسنة والهرسك")
        self.assertEqual((bosnia.iso, bosnia.surface), ("BA", "البوسنة والهرسك"))
        self.assertEqual(find("ترينيداد وتوباغو"), ["TT"])

    def test_it_does_not_join_a_name_across_punctuation(self):
        self.assertEqual(find("الولايات، المتحدة"), [])

    def test_it_finds_the_coalition_members_of_a_press_list(self):
        sentence = "بمشاركة الأردن ولبنان والكويت وقطر والبحرين وعمان وتونس والمغرب وأستراليا ونيوزيلندا واليابان"
        self.assertEqual(find(sentence), ["JO", "LB", "KW", "QA", "BH", "TN", "MA", "AU", "NZ", "JP"])

    def test_it_finds_the_central_asian_observers(self):
        sentence = "مشاركة أوزبكستان، وطاجيكستان، والسنغال، وباكستان، وجمهورية قيرغيزستان، وكازاخستان"
        self.assertEqual(find(sentence), ["UZ", "TJ", "SN", "PK", "KG", "KZ"])

    def test_it_finds_states_outside_the_region(self):
        self.assertEqual(find("كوسوفو وفلسطين والفاتيكان"), ["XK", "PS", "VA"])

    def test_it_knows_the_congos_and_koreas_only_by_their_full_names(self):
        self.assertEqual(find("جمهورية الكونغو الديمقراطية والكونغو برازافيل"), ["CD", "CG"])
        self.assertEqual(find("كوريا الجنوبية وكوريا الشمالية"), ["KR", "KP"])
        self.assertEqual(find("في الكونغو وفي كوريا"), [])

    def test_it_skips_phrases_that_name_no_country(self):
        self.assertEqual(find("دول أمريكا اللاتينية والمحيط الهندي وولاية جورجيا"), [])
        self.assertEqual(find("بلدان المغرب العربي"), [])


class PrefixTests(SimpleTestCase):
    def surfaces(self, text: str) -> list[tuple[str, str]]:
        return [(found.iso, found.surface) for found in MATCHER.find(text)]

    def test_it_leaves_the_conjunction_out_of_the_surface(self):
        self.assertEqual(self.surfaces("فرنسا وكندا"), [("FR", "فرنسا"), ("CA", "كندا")])

    def test_it_reads_a_conjunction_before_the_article(self):
        self.assertEqual(
            self.surfaces("بلجيكا والدنمارك والعراق"), [("BE", "بلجيكا"), ("DK", "الدنمارك"), ("IQ", "العراق")]
        )

    def test_it_reads_prepositions_before_the_article(self):
        self.assertEqual(self.surfaces("بالعراق وبالسعودية"), [("IQ", "العراق"), ("SA", "السعودية")])

    def test_it_reads_lam_fused_with_the_article(self):
        # ل + العراق is written للعراق: the article's alef drops, and the
        # surface starts at the article's lam.
        self.assertEqual(self.surfaces("دعمها للعراق"), [("IQ", "لعراق")])
        self.assertEqual(self.surfaces("وللعراق فللسعودية"), [("IQ", "لعراق"), ("SA", "لسعودية")])

    def test_it_reads_lam_before_a_name_without_article(self):
        self.assertEqual(self.surfaces("التابعة لإيران ولليبيا"), [("IR", "إيران"), ("LY", "ليبيا")])

    def test_it_reads_fa_and_kaf(self):
        self.assertEqual(self.surfaces("فسوريا كمصر"), [("SY", "سوريا"), ("EG", "مصر")])

    def test_it_reads_a_conjunction_and_a_preposition_together(self):
        self.assertEqual(
            self.surfaces("وبإسبانيا ولتركيا وكالأردن"), [("ES", "إسبانيا"), ("TR", "تركيا"), ("JO", "الأردن")]
        )

    def test_it_keeps_the_prefix_of_a_multi_word_name_out_too(self):
        self.assertEqual(self.surfaces("وجمهورية التشيك"), [("CZ", "جمهورية التشيك")])

    def test_it_reads_a_name_that_starts_with_a_clitic_letter_whole(self):
        self.assertEqual(
            self.surfaces("بلجيكا وبولندا وفنلندا وكندا ولبنان"),
            [("BE", "بلجيكا"), ("PL", "بولندا"), ("FI", "فنلندا"), ("CA", "كندا"), ("LB", "لبنان")],
        )


class NormalizationTests(SimpleTestCase):
    def test_it_reads_persian_letters(self):
        (syria,) = MATCHER.find("فی العراق وسوریا")[1:]
        self.assertEqual((syria.iso, syria.surface), ("SY", "سوریا"))
        self.assertEqual(find("کندا"), ["CA"])

    def test_it_ignores_hamza_and_alef_forms(self):
        self.assertEqual(find("أسبانيا إسبانيا اسبانيا ايطاليا إيطاليا"), ["ES", "ES", "ES", "IT", "IT"])

    def test_it_ignores_teh_marbuta_and_alef_maqsura_spellings(self):
        self.assertEqual(find("الإمارات العربية المتحده وأفريقيا الوسطي"), ["AE", "CF"])

    def test_it_gives_offsets_in_the_original_text_around_tashkeel_and_tatweel(self):
        original = "وَأَكَّدَ دَعْمَهُ لِلْعِرَاقِ وَسُورِيَا والــعـراق"
        found = MATCHER.find(original)
        self.assertEqual(isos(found), ["IQ", "SY", "IQ"])
        self.assertEqual([mention.surface for mention in found], ["لْعِرَاقِ", "سُورِيَا", "الــعـراق"])
        for mention in found:
            self.assertEqual(original[mention.start : mention.end], mention.surface)

    def test_it_reads_presentation_form_ligatures(self):
        (laos,) = MATCHER.find("زار ﻻوس")
        self.assertEqual((laos.iso, laos.surface), ("LA", "ﻻوس"))

    def test_it_reads_through_an_invisible_joiner(self):
        self.assertEqual(find("سور\u200cيا"), ["SY"])


class WordBoundaryTests(SimpleTestCase):
    def test_it_matches_egypt_only_as_a_whole_word(self):
        self.assertEqual(find("مصرف الرافدين ومصرع القائد"), [])
        self.assertEqual(find("ومصر"), ["EG"])

    def test_it_does_not_match_peru_inside_beirut(self):
        self.assertEqual(find("في بيروت"), [])

    def test_it_does_not_match_georgia_inside_a_longer_word(self):
        self.assertEqual(find("الجورجيات"), [])
        self.assertEqual(find("جورجيا"), ["GE"])

    def test_it_reads_a_longer_word_as_the_adjective(self):
        self.assertEqual(isos(MATCHER.find("الجيش التشادي")), ["TD"])
        self.assertEqual(MATCHER.find("الجامعة الأردنية")[0].via, "adjective")


class AmbiguityTests(SimpleTestCase):
    def test_it_reads_bare_amman_as_the_jordanian_capital(self):
        self.assertEqual(find("وصل الوزير إلى عمان قادما من بغداد"), [])

    def test_it_reads_the_sultanate_and_the_adjective_as_oman(self):
        self.assertEqual(find("سلطنة عمان"), ["OM"])
        self.assertEqual(find("وزير الخارجية العماني"), ["OM"])

    def test_it_reads_financial_mali_as_no_country(self):
        self.assertEqual(find("قدمت دعما عسكريا ومالي للقوات، ودعم مالي"), [])

    def test_it_reads_mali_after_a_preposition_or_a_place_word(self):
        self.assertEqual(find("هجمات في مالي وشمال مالي"), ["ML", "ML"])
        self.assertEqual(find("حكومة مالي"), ["ML"])

    def test_it_reads_mali_in_a_list_of_countries(self):
        self.assertEqual(find("النيجر ومالي وبوركينا فاسو"), ["NE", "ML", "BF"])
        self.assertEqual(find("تشاد، مالي"), ["TD", "ML"])

    def test_it_needs_a_name_not_an_adjective_to_make_a_list(self):
        self.assertEqual(find("دعم سعودي ومالي"), ["SA"])

    def test_it_reads_benin_only_in_context(self):
        self.assertEqual(find("مدارس بنين"), [])
        self.assertEqual(find("في بنين ونيجيريا"), ["BJ", "NG"])

    def test_it_does_not_read_the_iraqi_prime_minister_as_sudan(self):
        self.assertEqual(find("رئيس الوزراء محمد شياع السوداني"), [])
        self.assertEqual(find("الحكومة السودانية"), ["SD"])

    def test_it_does_not_read_the_name_turki_as_turkey(self):
        self.assertEqual(find("الأمير تركي الفيصل والجيش التركي"), ["TR"])


class AdjectiveTests(SimpleTestCase):
    def test_it_reads_a_feminine_nisba(self):
        (found,) = MATCHER.find("وزيرة الخارجية البلجيكية صوفي ويلميس")
        self.assertEqual((found.iso, found.surface, found.via), ("BE", "البلجيكية", "adjective"))

    def test_it_reads_both_spellings_of_american(self):
        self.assertEqual(find("وزير الخارجية الأمريكي والسفارة الأميركية"), ["US", "US"])

    def test_it_reads_indefinite_nisbas(self):
        self.assertEqual(find("جندي فرنسي وطائرة بريطانية"), ["FR", "GB"])

    def test_it_reads_two_word_nisbas(self):
        self.assertEqual(find("الرئيس الكوري الجنوبي والزعيم الكوري الشمالي"), ["KR", "KP"])

    def test_it_reads_plurals(self):
        self.assertEqual(find("تضحيات العراقيين والجنود الأتراك"), ["IQ", "TR"])

    def test_it_reads_the_nisbas_of_the_region(self):
        sentence = "الجانب السوري والوفد السعودي والسفير الإماراتي والوزير الكويتي والمسؤول القطري والجيش اللبناني"
        self.assertEqual(find(sentence), ["SY", "SA", "AE", "KW", "QA", "LB"])


class GluedWordTests(SimpleTestCase):
    def test_it_splits_a_pair_that_lost_its_space(self):
        found = MATCHER.find("سورياوالعراق")
        self.assertEqual([(mention.iso, mention.surface) for mention in found], [("SY", "سوريا"), ("IQ", "العراق")])
        self.assertEqual(find("العراقوسوريا"), ["IQ", "SY"])

    def test_it_splits_a_chain(self):
        self.assertEqual(find("سورياوالعراقولبنان"), ["SY", "IQ", "LB"])

    def test_it_splits_after_a_name_ending_in_waw(self):
        self.assertEqual(find("كوسوفووصربيا"), ["XK", "RS"])

    def test_it_splits_after_a_multi_word_name(self):
        self.assertEqual(find("الولايات المتحدةوالعراق"), ["US", "IQ"])

    def test_it_leaves_ordinary_words_with_waw_alone(self):
        self.assertEqual(find("وقالوا مصروفات"), [])


class LookupTests(SimpleTestCase):
    def test_it_finds_a_name_an_alias_and_an_adjective(self):
        self.assertEqual(MATCHER.lookup("بلجيكا"), "BE")
        self.assertEqual(MATCHER.lookup("بلجيك"), "BE")
        self.assertEqual(MATCHER.lookup("البلجيكية"), "BE")

    def test_it_folds_spelling_variants(self):
        self.assertEqual(MATCHER.lookup("  الإمارات العربية المتحدة "), "AE")
        self.assertEqual(MATCHER.lookup("سوریا"), "SY")

    def test_it_reads_english_names_without_case_or_accents(self):
        self.assertEqual(MATCHER.lookup("Belgium"), "BE")
        self.assertEqual(MATCHER.lookup("UNITED STATES"), "US")
        self.assertEqual(MATCHER.lookup("Cote d'Ivoire"), "CI")

    def test_it_takes_a_single_name_as_the_country(self):
        self.assertEqual(MATCHER.lookup("عمان"), "OM")

    def test_it_knows_nothing_of_cities_regions_and_unclear_names(self):
        for name in ["واشنطن", "أمريكا اللاتينية", "الكونغو", "كوريا", "", "Washington"]:
            with self.subTest(name):
                self.assertIsNone(MATCHER.lookup(name))


class EditorAliasTests(SimpleTestCase):
    def test_it_matches_an_editor_alias_like_an_alias(self):
        matcher = CountryMatcher(load_gazetteer(), [("IQ", "بلاد الرافدين")])
        (found,) = matcher.find("وفي بلاد الرافدين")
        self.assertEqual((found.iso, found.surface, found.via), ("IQ", "بلاد الرافدين", "alias"))
        self.assertEqual(matcher.lookup("بلاد الرافدين"), "IQ")

    def test_it_lets_an_editor_alias_override_an_ambiguity(self):
        matcher = CountryMatcher(load_gazetteer(), [("OM", "عمان")])
        self.assertEqual(isos(matcher.find("زار عمان")), ["OM"])

    def test_it_works_with_a_small_gazetteer(self):
        matcher = CountryMatcher([CountryEntry("BE", "بلجيكا", "Belgium", ("بلجيك",), ("البلجيكي",))])
        self.assertEqual(isos(matcher.find("فرنسا وبلجيكا والوزير البلجيكي")), ["BE", "BE"])


class SeedTests(SimpleTestCase):
    def assertOffsetsHold(self, article: str, found: list[FoundCountry]) -> None:
        for mention in found:
            self.assertEqual(article[mention.start : mention.end], mention.surface)

    def test_it_finds_the_participants_of_seed_003_exactly(self):
        article = seed("003")
        found = MATCHER.find(article)
        self.assertOffsetsHold(article, found)
        self.assertEqual(
            set(isos(found)),
            {
                "US", "IT", "FR", "CA", "BE", "DK", "CZ", "EG", "QA", "FI", "DE", "SA", "AE",
                "KW", "BH", "MA", "NL", "NO", "PL", "ES", "SE", "TR", "GB", "IQ", "SY",
            },
        )
        surfaces = {(mention.iso, mention.surface) for mention in found}
        for expected in [
            ("CA", "كندا"), ("BE", "بلجيكا"), ("DK", "الدنمارك"), ("CZ", "جمهورية التشيك"),
            ("EG", "مصر"), ("SA", "السعودية"), ("AE", "الإمارات"), ("ES", "إسبانيا"),
            ("GB", "بريطانيا"), ("IT", "ايطاليا"), ("IT", "إيطاليا"), ("IT", "الايطالية"),
        ]:
            self.assertIn(expected, surfaces)

    def test_it_finds_the_countries_of_seed_000(self):
        article = seed("000")
        found = MATCHER.find(article)
        self.assertOffsetsHold(article, found)
        self.assertGreaterEqual(set(isos(found)), {"IQ", "BE", "US", "SY", "IR"})
        surfaces = {(mention.iso, mention.surface, mention.via) for mention in found}
        self.assertIn(("BE", "البلجيكية", "adjective"), surfaces)
        self.assertIn(("US", "الأمريكي", "adjective"), surfaces)
        self.assertIn(("US", "الأمريكية", "adjective"), surfaces)
        self.assertIn(("IR", "إيران", "name"), surfaces)
        lam_iran = article.index("لإيران")
        self.assertIn(lam_iran + 1, {mention.start for mention in found if mention.iso == "IR"})

    def test_it_finds_the_members_and_observers_of_seed_001(self):
        article = seed("001")
        found = MATCHER.find(article)
        self.assertOffsetsHold(article, found)
        self.assertGreaterEqual(
            set(isos(found)), {"US", "IQ", "SY", "MV", "UZ", "TJ", "SN", "PK", "KG", "KZ"}
        )
        surfaces = {(mention.iso, mention.surface) for mention in found}
        self.assertIn(("MV", "جزر المالديف"), surfaces)
        self.assertIn(("KG", "جمهورية قيرغيزستان"), surfaces)
        self.assertIn(("SY", "سوریا"), surfaces)

    def test_it_finds_the_countries_of_seed_002_exactly(self):
        found = MATCHER.find(seed("002"))
        self.assertEqual(set(isos(found)), {"US", "IQ", "SY", "KW", "LY", "FR", "GB", "AU", "SE", "FI", "TR"})

    def test_it_finds_the_countries_of_seed_004_exactly(self):
        found = MATCHER.find(seed("004"))
        self.assertEqual(set(isos(found)), {"US", "BE", "IQ", "SY"})


class LongArticleTests(SimpleTestCase):
    # Its speed is the import rate's, which the benchmark measures: a timed
    # assertion here failed whenever the machine was busy.
    def test_it_reads_a_ten_thousand_character_article(self):
        article = ("".join(seed(number) for number in ("000", "001", "002", "003", "004")) * 2)[:10_000]
        found = MATCHER.find(article)
        self.assertGreater(len(found), 50)
