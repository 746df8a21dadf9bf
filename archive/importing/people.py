"""People named in an article: name, role, country, and whether they chaired.

Arabic press introduces a person by office first: "وزير الخارجية الأمريكي
أنتوني بلينكن", "نائبة رئيس الوزراء وزيرة الخارجية البلجيكية، صوفي ويلميس",
"وزير خارجية جمهورية ايطاليا لويجي دي مايو". The reader here does the same:
it finds an office word (وزير، وزيرة، نائب، المبعوث…), reads the rest of the
title (what office, of which country), then takes the name that follows. A
title after a name ("اللواء يحيى رسول الناطق باسم القائد العام…") adds to
that person's role. A name with no title is not read: without an office
word nothing tells a name from an ordinary noun, and the archive invents
nothing.

Chairs and hosts are the people a chairing cue governs: "برئاسة"، "ترأس"،
"يرأسه"، "بدعوة من"، "استضاف"، "بالاشتراك مع"، "الرئيسين المشاركين" and the
people listed right after it, until the list ends or "بمشاركة"، "بحضور"، "إلى
جانب" begin the other participants. "اجتماع ترأسه الأربعاء", with no name
after the verb, is the previous sentences' speaker; that reading is flagged
for the editor.

How the parts are laid out, since issue 19 measured the first version
(one 79-line function of 51 branches) on real pages:

- The word lists live in data files (data/lexicons/*.txt, read by
  archive.importing.lexicons, whose test rejects a word repeated or a word
  in two lists kept apart). Nothing here holds a list of words.
- A name is read word by word by the rules of _NAME_WORD_RULES, each a
  small function with its own test (tests/test_people.py,
  NameWordRuleTests); the first rule with an opinion decides. A name so
  read then passes _NAME_RULES (no preposition glued to an office word,
  no state or its adjective) or is dropped, with the reason in the notes.
- Known officials (KnownNames: their spellings, from the archive's
  reference people) are found with or without an office word, and an
  office's name ends where a known spelling does ("أنتوني بلينكن التزام").
- Each fact keeps how it was read (found_by, role_by, chair_by): the
  evidence archive.importing.confidence scores.

Pure Python, no Django: the pipeline resolves the names to the archive's
people (archive.importing.names) afterwards.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archive import text as arabic
from archive.importing import countries, lexicons, names
from archive.importing.sentences import SentenceIndex


@dataclass
class PersonFact:
    name: str  # as first written in full
    role: str
    country: str | None  # ISO code, when the text says it
    is_chair: bool
    sentence: str  # the sentence that names them (that makes them chair, if so)
    start: int  # offset of the name in the body
    end: int
    in_meeting: bool = False  # named in a sentence about the meeting
    spellings: list[str] = field(default_factory=list)  # every spelling used for them here
    # How each was read, the evidence archive.importing.confidence scores:
    found_by: str = "office"  # known, given_name or office
    role_by: str = "none"  # office, counterpart or none
    chair_by: str = "none"  # cue, relative, pronoun or none


@dataclass(frozen=True)
class PeopleResult:
    people: tuple[PersonFact, ...]
    notes: tuple[str, ...]


# Words that begin an office. Plurals (وزراء) name no one person.
_HEADS = lexicons.words("heads")
# "نائبه أنتوني بلينكن": the deputy of the person named before.
_DEPUTIES = lexicons.pairs("deputies")
_DUALS = lexicons.pairs("duals")
# "نظيره المغربي" takes the office of the person before it.
_COUNTERPARTS = lexicons.words("counterparts")
# Honorifics and ranks: part of how a person is addressed, not their office.
_HONORIFICS = lexicons.words("honorifics")
# Words that continue an office's title ("وزير الخارجية والتعاون الدولي",
# "المبعوث الرئاسي الخاص للتحالف الدولي", "الناطق باسم القائد العام للقوات المسلحة").
_TITLE_WORDS = lexicons.words("title_words")
# "المدير العام للشؤون السياسية في وزارة الخارجية": "في" inside a title,
# before one of these.
_TITLE_AFTER_FI = lexicons.words("title_after_fi")
# The prepositions before the state an ambassador or envoy is posted to.
_POSTED_TO = ("في", "إلى", "الى", "لدى")
_TO_A_STATE = frozenset(map(arabic.key, _POSTED_TO))
_POSTED_HEADS = lexicons.words("posted_heads")
# A name ends before these; a title never holds them either.
_STOPS = lexicons.words("stops")
# Inside a name these are particles, not words: "فيصل بن فرحان آل سعود".
_NAME_PARTICLES = lexicons.words("name_particles")
_FAMILY = arabic.key("آل")
_ABD = arabic.key("عبد")
_MAX_NAME_WORDS = 4
_MAX_TITLE_WORDS = 12
# Courtesy adjectives after a state's name in Gulf agency copy.
_COURTESY = lexicons.words("courtesy")
_MAX_UNKNOWN_TITLE_WORDS = 2

# Words that make the people after them chairs or hosts.
_CHAIR_CUES = lexicons.words("chair_cues")
_JANIB = arabic.key("جانب")
_ILA = lexicons.words("ila")
_NOUN_CUES = lexicons.words("noun_cues")
_CO_CHAIR_WORDS = lexicons.words("co_chair_words")
# "الرئيس المشارك" / "الرئيسين المشاركين" is a chairing phrase only after these.
_CO_CHAIR_HEADS = lexicons.words("co_chair_heads")
# The chair's list ends where the other participants begin.
_CHAIR_BREAKS = lexicons.words("chair_breaks")
_PLANNED = lexicons.words("planned")
# Pronoun-bearing cues: with no name after them, the chair is a person
# already named.
_PRONOUN_CUES = lexicons.words("pronoun_cues")
# "التي ترأست الأشغال": the chair is the person named just before.
_RELATIVES = lexicons.words("relatives")
# "ترأس الوفد العراقي": heading a delegation is not chairing the meeting.
# "وكان … قد …": what had happened before, another meeting than the article's.
_BACKGROUND = re.compile(r"^\W*و?كان(?:ت|وا)?\s(?:\S+\s){0,12}?قد\s")
_DELEGATION_REACH = 16
_DELEGATION = lexicons.words("delegation")
# "الحكومة العراقية الجديدة برئاسة رئيس الوزراء": "برئاسة" chairs a meeting
# only with one in sight.
_BI_RIASA = arabic.key("برئاسة")
_MEETING_NEAR = lexicons.words("meeting_near")
# A sentence about the meeting names its participants.
_MEETING_WORDS = lexicons.words("meeting_words")
# Generic nouns as well as offices ("مستشار إنفاذ القانون" is any such
# adviser): they begin a title only when a title word follows them.
_WEAK_HEADS = lexicons.words("weak_heads")
_CLITICS = ("و", "ف")
_TOKEN = re.compile(r"\w+|[^\w\s]")

NOTE_NOT_A_NAME = "لم يُعتمد «{name}» اسماً لشخص: {reason}"
REASON_PREPOSITION = "يبدأ بحرف جر ملتصق بكلمة ليست اسماً"
REASON_COUNTRY = "فيه اسم دولة أو صفتها"
REASON_LETTER = "حرف واحد، لا اسم"
NOTE_PRONOUN_CHAIR = "رئاسة الاجتماع مستنتجة من ضمير يعود إلى {name}؛ تحقق منها"


@dataclass(frozen=True)
class _Token:
    word: str  # folded key form
    start: int  # offsets in the original text
    end: int
    raw: str = ""  # as written
    tanween: bool = False  # written with tanween ("حاضراً"): an indefinite noun or adjective

    @property
    def is_word(self) -> bool:
        return self.word[:1].isalnum() or self.word[:1] == "_"

    @property
    def bare(self) -> str:
        """The word without a leading conjunction (ووزير → وزير)."""
        if self.word[:1] in _CLITICS and len(self.word) > 3:
            return self.word[1:]
        return self.word


def _tokenize(body: str) -> list[_Token]:
    folded, origin = arabic.fold_with_origin(body)
    tokens = []
    for match in _TOKEN.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        # The marks folding dropped after its last letter ("حاضراً").
        marked = end
        while marked < len(body) and "\u064b" <= body[marked] <= "\u0652":
            marked += 1
        tanween = bool(_TANWEEN.search(body[start:marked]))
        tokens.append(_Token(arabic.key(match.group()) or match.group(), start, end, body[start:end], tanween))
    return tokens


def _is(token: _Token, vocabulary: frozenset[str]) -> bool:
    return token.word in vocabulary or token.bare in vocabulary


def _bare_head(word: str) -> str:
    """An office word as a title shows it: "ووزير" → "وزير", "للرئيس" →
    "الرئيس", "لرئيس" → "رئيس"."""
    key = arabic.key(word)
    for cut in (1, 2):
        if key[:cut] in {"و", "ف"} and arabic.key(word[cut:]) in _HEADS | _COUNTERPARTS:
            word, key = word[cut:], arabic.key(word[cut:])
            break
    if key.startswith("لل") and "ال" + key[2:] in _HEADS:
        return "ال" + word[2:]
    if key[:1] in {"ل", "ب"} and key[1:] in _HEADS:
        return word[1:]
    return word


def _has_article(token: _Token) -> bool:
    """Whether the word as written begins with the article: "الجعفري" does,
    "إليزابيث" does not, though both fold to "ال…"."""
    raw = token.raw.lstrip("وف") if token.raw[:1] in "وف" and token.word[1:3] == "ال" else token.raw
    return raw.startswith(("ال", "ٱل"))


def _is_honorific(token: _Token) -> bool:
    """An honorific, also with a conjunction or preposition glued on:
    "ومعالي", "بمعالي"."""
    if _is(token, _HONORIFICS):
        return True
    word = token.bare
    return word[:1] in {"ب", "ل"} and word[1:] in _HONORIFICS


def _is_head(token: _Token) -> bool:
    """An office word, also with a preposition glued on: "للرئيس الفرنسي",
    "لوزير الخارجية"."""
    if _is(token, _HEADS):
        return True
    word = token.bare
    if word.startswith("لل") and "ال" + word[2:] in _HEADS:
        return True
    return word[:1] in {"ل", "ب"} and word[1:] in _HEADS and not word[1:].startswith("ال")


def _after_and(token: _Token) -> bool:
    """"ومبعوث", "ورئيس": a conjunction glued on ("وزير" is a word of its own)."""
    return token.word[:1] == "و" and token.word not in _HEADS and token.bare in _HEADS


@dataclass
class _Mention:
    name_start: int  # token indexes
    name_end: int
    title_start: int
    role: str
    country: str | None
    counterpart: bool = False
    deputy: str = ""  # "نائب" for "نائبه": the deputy of the person before
    reference: bool = False  # a surname alone, for a person named in full before
    tail_end: int = 0  # the end of a title written after the name, if any
    lead: int = 0  # letters of the first token before the name: the و of "وجون كيري"
    known: bool = False  # a known spelling, not a guess

    @property
    def end(self) -> int:
        return max(self.name_end, self.tail_end)


class KnownNames:
    """The spellings of the people the archive knows for sure (the known
    officials and their aliases): found in a text even with no office word
    before them, and where an office is followed by more words than the
    name ("أنتوني بلينكن التزام"), the name ends where the spelling does.

    The `transliterated` spellings (of known people whose names are not
    Arabic, names.ARABIC_NAMED) are also found by their skeleton, word by
    word, as names.compare joins them: "أنتوني بلينكين" and "مارك اسبير"
    are Blinken and Esper with no office word before them (dev2/29)."""

    def __init__(
        self, spellings: Iterable[str] = (), transliterated: Iterable[str] = (),
        offices: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> None:
        # The offices the reference data gives each spelling («وزير الخارجية», "SA"):
        # what the statements reader resolves an office to when the article
        # names the person without it («وقال وزير الخارجية …» after «عادل الجبير»).
        self._offices = {arabic.key(name): office for name, office in (offices or {}).items()}
        self._by_first: dict[str, set[tuple[str, ...]]] = {}
        for spelling in spellings:
            words = tuple(t.word for t in _tokenize(spelling) if t.word != ".")
            for form in {words, _joined_abd(words), _split_abd(words)}:
                if len(form) >= 2:
                    self._by_first.setdefault(form[0], set()).add(form)
        self._by_skeleton: dict[str, set[tuple[str, ...]]] = {}
        for spelling in transliterated:
            words = tuple(t.word for t in _tokenize(spelling) if t.word != ".")
            if len(words) >= 2:
                self._by_skeleton.setdefault(names.skeleton_word(words[0]), set()).add(words)
        self.longest = max((len(w) for forms in self._by_first.values() for w in forms), default=0)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def office_of(self, name: str) -> tuple[str, str | None]:
        """The offices the reference data gives this spelling, their words
        in one string, and the state; ("", None) for anyone else."""
        return self._offices.get(arabic.key(name), ("", None))

    def match(self, tokens: Sequence[_Token], i: int, first: str) -> int:
        """How many tokens from i (its first word read as `first`) a known
        spelling covers, the longest first; 0 when none does."""
        best = 0
        for words in self._by_first.get(first, ()):
            found = _covers(tokens, i, words)
            best = max(best, found)
        if not best and self._by_skeleton:
            for words in self._by_skeleton.get(names.skeleton_word(first), ()):
                best = max(best, _covers_transliterated(tokens, i, first, words))
        return best


def _joined_abd(words: tuple[str, ...]) -> tuple[str, ...]:
    """"عبد الله" written as one word: "عبدالله"."""
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] == _ABD and word.startswith("ال"):
            joined[-1] += word
        else:
            joined.append(word)
    return tuple(joined)


def _split_abd(words: tuple[str, ...]) -> tuple[str, ...]:
    """"عبدالله" written as two words: "عبد الله"."""
    split: list[str] = []
    for word in words:
        if word.startswith(_ABD + "ال") and len(word) > len(_ABD) + 2:
            split += [_ABD, word[len(_ABD):]]
        else:
            split.append(word)
    return tuple(split)


def _covers_transliterated(tokens: Sequence[_Token], i: int, first: str, words: tuple[str, ...]) -> int:
    """Tokens from i whose words are, one by one, transliterations of
    `words` (names.same_word), the first read as `first`; or 0."""
    if i + len(words) > len(tokens):
        return 0
    written = [first, *(t.word for t in tokens[i + 1 : i + len(words)])]
    # A short first name of a known person, its surname matched: "برت
    # ماكورك" is "بريت ماكغورك" (the skeletons were compared to get here).
    first_agrees = names.same_word(first, words[0]) or len(first) >= 3
    return len(words) if first_agrees and all(map(names.same_word, written[1:], words[1:])) else 0


def _covers(tokens: Sequence[_Token], i: int, words: tuple[str, ...]) -> int:
    """Tokens from i that spell `words` (initials' stops skipped), or 0."""
    j, k = i, 0
    while k < len(words):
        if j < len(tokens) and tokens[j].word == "." and k > 0:
            j += 1
            continue
        if j >= len(tokens) or (tokens[j].word != words[k] and not (j == i and tokens[j].bare == words[k])):
            return 0
        j, k = j + 1, k + 1
    return j - i


class PeopleReader:
    def __init__(self, matcher: countries.CountryMatcher, known: KnownNames | None = None) -> None:
        self._matcher = matcher
        self._known = known or KnownNames()

    def read(self, body: str) -> PeopleResult:
        tokens = _tokenize(body)
        index = SentenceIndex(body)
        notes: list[str] = []
        mentions = [self._fit_known(tokens, m) for m in self._mentions(body, tokens)]
        mentions = [m for m in mentions if m.known or self._is_a_name(body, tokens, m, notes)]
        mentions += self._known_mentions(tokens, mentions)
        mentions = sorted(mentions + self._references(tokens, mentions), key=lambda m: m.name_start)
        facts: list[PersonFact] = []
        chairs = self._chairs(tokens, mentions, index, notes, body)
        # The sentences about the meeting, found once for all mentions.
        about_meeting = {
            sentence.start
            for sentence in index.sentences
            if any(_is(t, _MEETING_WORDS) for t in _tokens_in(tokens, sentence.start, sentence.end))
        }
        for number, mention in enumerate(mentions):
            start, end = tokens[mention.name_start].start + mention.lead, tokens[mention.name_end - 1].end
            sentence = index.at(start)
            fact = self._fact_of(facts, tokens, mention, body[start:end], start, sentence)
            if fact is not None:
                _note_meeting(fact, number, chairs, sentence, sentence.text if sentence else fact.name, about_meeting)
        for fact in facts:
            fact.in_meeting = fact.in_meeting or fact.is_chair
        return PeopleResult(tuple(facts), tuple(notes))

    def _fact_of(self, facts: list[PersonFact], tokens: Sequence[_Token], mention: _Mention, name: str,
                 start: int, sentence) -> PersonFact | None:
        """The person a mention names: one already met in the article (a
        surname alone, another spelling), completed, or a new one."""
        fact = _same_person(facts, name, mention.country)
        if mention.reference:
            return fact
        if mention.deputy and facts:
            # "نائبه أنتوني بلينكن": the deputy of the person just named.
            mention.role = f"{mention.deputy} {facts[-1].role}".strip()
            mention.country = mention.country or facts[-1].country
        elif mention.counterpart and not mention.role:
            mention.role = _previous_role(facts)
        role_by = "none" if not mention.role else "counterpart" if mention.counterpart else "office"
        if fact is None:
            fact = PersonFact(name, mention.role, mention.country, False, sentence.text if sentence else name,
                              start, start + len(name), found_by=self._found_by(tokens, mention), role_by=role_by)
            facts.append(fact)
        else:
            if len(names.name_words(name)) > len(names.name_words(fact.name)):
                fact.name, fact.start, fact.end = name, start, start + len(name)
            if not fact.role and mention.role:
                fact.role, fact.role_by = mention.role, role_by
            fact.country = fact.country or mention.country
            fact.found_by = "known" if mention.known else fact.found_by
        if name not in fact.spellings:
            fact.spellings.append(name)
        return fact

    @staticmethod
    def _found_by(tokens: Sequence[_Token], mention: _Mention) -> str:
        if mention.known:
            return "known"
        first = tokens[mention.name_start]
        return "given_name" if first.word in _GIVEN_NAMES or first.word == _ABD else "office"

    # Known names ----------------------------------------------------------------

    def _fit_known(self, tokens: Sequence[_Token], mention: _Mention) -> _Mention:
        """A name read after an office that begins with a known spelling
        ends where the spelling does: "أنتوني بلينكن التزام"."""
        length = self._known.match(tokens, mention.name_start, tokens[mention.name_start].word) if self._known else 0
        end = mention.name_start + length
        if length and not (end < mention.name_end and tokens[end].word in _NAME_PARTICLES):
            # "فيصل بن فرحان بن عبدالله" goes on through its lineage: kept whole.
            mention.name_end, mention.known = end, True
        elif length:
            mention.known = True
        return mention

    def _known_mentions(self, tokens: Sequence[_Token], mentions: list[_Mention]) -> list[_Mention]:
        """Known spellings anywhere else in the text, with no office word:
        "زار أنتوني بلينكن بغداد", "ووصف جون كيري الاجتماع"."""
        if not self._known:
            return []
        covered = {i for m in mentions for i in range(m.title_start, m.end)}
        found: list[_Mention] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            length = 0 if i in covered else self._known.match(tokens, i, token.word)
            lead = 0
            if not length and i not in covered and token.word[:1] in _CLITICS and token.bare != token.word:
                length, lead = self._known.match(tokens, i, token.bare), 1  # "وجون كيري"
            if length and not any(j in covered for j in range(i, i + length)):
                found.append(_Mention(i, i + length, i, "", None, lead=lead, known=True))
                i += length
                continue
            i += 1
        return found

    # Names that are names ----------------------------------------------------

    def _is_a_name(self, body: str, tokens: Sequence[_Token], mention: _Mention, notes: list[str]) -> bool:
        """Whether the words read as a name are one; if not, the editor is
        told what was left out and why."""
        words = [t for t in tokens[mention.name_start : mention.name_end] if t.is_word and t.word not in _NAME_PARTICLES]
        reason = next(filter(None, (rule(self, words) for rule in _NAME_RULES)), "")
        if reason:
            name = body[tokens[mention.name_start].start : tokens[mention.name_end - 1].end]
            notes.append(NOTE_NOT_A_NAME.format(name=name, reason=reason))
        return not reason

    def _starts_with_a_preposition(self, words: Sequence[_Token]) -> str:
        """"بوزارة", "لبلاده", "بمملكة النرويج": a preposition glued to a
        word of office, place or a word that is never a name."""
        first = words[0] if words else None
        if first is None or first.word in _GIVEN_NAMES or first.word[:1] not in {"ب", "ل"}:
            return ""
        rest = first.word[1:]
        known = any(rest in words for words in (_TITLE_WORDS, _HEADS, _NOT_NAMES, _STOPS, _PLACE_NOUNS)) or (
            self._matcher.lookup(rest) is not None
        ) or _is_verbal_noun(rest)
        return REASON_PREPOSITION if known else ""

    def _is_a_letter(self, words: Sequence[_Token]) -> str:
        """«نائب المبعوث الخاص لـ “التحالف الدولي”» (dev14/b04): the «ل» a
        tatweel cut off is no name, nor is any word of one letter alone."""
        return REASON_LETTER if words and all(len(t.word) < 2 for t in words) else ""

    def _names_a_country(self, words: Sequence[_Token]) -> str:
        """"نينوى العراقي": a country or its adjective inside the words, and
        no given name to say they are a person's (al-Masri would be)."""
        if not words or words[0].word in _GIVEN_NAMES:
            return ""
        return REASON_COUNTRY if any(self._matcher.lookup(t.word) is not None for t in words) else ""

    # Finding titles and names ------------------------------------------------

    @staticmethod
    def _references(tokens: Sequence[_Token], mentions: list[_Mention]) -> list[_Mention]:
        """A person named in full once is then named by surname alone
        ("بالاشتراك مع العبادي"): those later mentions, so that chairing
        cues reach them."""
        covered = {i for m in mentions for i in range(m.title_start, m.name_end)}
        surnames: dict[str, int] = {}  # surname → token index after which it may be used
        for mention in mentions:
            last = tokens[mention.name_end - 1].word
            if mention.name_end - mention.name_start >= 2 and len(last) >= 4 and last not in _STOPS:
                surnames.setdefault(last, mention.name_end)
        found = []
        for i, token in enumerate(tokens):
            if i in covered:
                continue
            for word in (token.word, token.bare):
                after = surnames.get(word)
                if after is not None and i >= after:
                    found.append(_Mention(i, i + 1, i, "", None, reference=True))
                    break
        return found

    def _mentions(self, body: str, tokens: Sequence[_Token]) -> list[_Mention]:
        """Every office word with the name after it, or the person before it
        its title describes."""
        mentions: list[_Mention] = []
        pending: list[tuple[int, int]] = []  # a title with no name yet: (start, end)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            # "نائبه" (his deputy) and "نائبة" (a deputy) fold alike; the ه tells.
            deputy = _DEPUTIES.get(token.bare, "") if token.raw.endswith("ه") else ""
            counterpart = _is(token, _COUNTERPARTS) or bool(deputy)
            if not (_is_head(token) or counterpart or _is_honorific(token)):
                i += 1
                continue
            title_end = self._title_end(tokens, i)
            if _is(token, _WEAK_HEADS) and title_end == i + 1:
                i += 1
                continue
            role, country = self._role(body[tokens[i].start : tokens[title_end - 1].end])
            name_start, name_end = _name_after_title(tokens, title_end)
            if name_end > name_start:
                if pending and _is(token, _HONORIFICS) and not role and _rank_closes(tokens, pending[-1], i):
                    # "المتحدث باسم التحالف الدولي ضد تنظيم الدولة الإسلامية العقيد
                    # ريان ديلون": the title, some words the list lacks, a rank, the name.
                    role, country = self._role(body[tokens[pending[-1][0]].start : tokens[i - 1].end])
                    pending.clear()
                mentions.append(_Mention(name_start, name_end, i, "" if deputy else role, country, counterpart, deputy))
                i = self._coordinated(tokens, mentions, name_end)
                continue
            if role and not counterpart:
                title_end = self._title_of_another(body, tokens, mentions, pending, i, title_end, (role, country))
            i = title_end
        return mentions

    def _title_of_another(
        self, body: str, tokens: Sequence[_Token], mentions: list[_Mention], pending: list[tuple[int, int]],
        i: int, title_end: int, office: tuple[str, str | None],
    ) -> int:
        """A title with no name after it: the title of the person just named
        ("اللواء يحيى رسول الناطق باسم…", "جون آلن، المبعوث الرئاسي…"), of
        the name right before it ("وقال أنتوني بلينكن، وزير الخارجية…"), or
        of a name yet to come. Returns where the title ends."""
        role, country = office
        # "ووزيرة خارجية هولندا سيغريد كاغ، ومبعوث الأمم المتحدة…": an
        # office after "و" begins the next person, never the last one's title.
        appositive = mentions and not _after_and(tokens[i]) and (
            mentions[-1].name_end == i or (mentions[-1].name_end == i - 1 and tokens[i - 1].word in {"،", ","})
        )
        if appositive:
            previous = mentions[-1]
            if tokens[i - 1].word in {"،", ","}:
                # Between commas the whole phrase is the title.
                title_end = _clause_end(tokens, i)
                role, country = self._role(body[tokens[i].start : tokens[title_end - 1].end])
            # A rank ("السفير") gives way to the office the text spells out.
            previous.role = role if len(previous.role.split()) <= 1 or previous.role == role else f"{previous.role} {role}"
            previous.country = previous.country or country
            previous.tail_end = title_end
        elif (before := _name_before(tokens, i)) is not None:
            mentions.append(_Mention(before, i - 1 if tokens[i - 1].word in {"،", ","} else i, before, role, country))
        else:
            pending.append((i, title_end))
        return title_end

    def _coordinated(self, tokens: Sequence[_Token], mentions: list[_Mention], i: int) -> int:
        """Holders of the same office listed by their countries after the
        first: "وزيرا الخارجية الأميركي جون كيري والبريطاني فيليب هاموند",
        "الرئيسان الفرنسي فرنسوا هولاند والعراقي فؤاد معصوم". Returns the
        token after the last of them."""
        first = mentions[-1]
        while i + 1 < len(tokens) and tokens[i].word[:1] == "و" and first.role:
            country = self._matcher.lookup(tokens[i].bare)
            end = _name_end(tokens, i + 1) if country else i + 1
            if country is None or len([t for t in tokens[i + 1 : end] if t.word not in _NAME_PARTICLES]) < 2:
                break
            mentions.append(_Mention(i + 1, end, i, first.role, country))
            i = end
        return i

    def _title_end(self, tokens: Sequence[_Token], start: int) -> int:
        """The token after the last word of the office title starting at start."""
        i = start + 1
        limit = min(len(tokens), start + _MAX_TITLE_WORDS)
        unknown = 0
        while i < limit:
            token = tokens[i]
            if not token.is_word:
                break
            if token.word[:1] in {"ب", "ل"} and _is_honorific(token) and not _is(token, _HONORIFICS):
                break  # "التقى وزير الخارجية بمعالي السيد…": the next person begins
            if _is(token, _TITLE_WORDS) or _is_head(token) or _is_honorific(token) or self._country_word(tokens, i):
                i += 1
                continue
            if self._where_in_title(tokens, i):
                i += 1  # "سفير المغرب بالولايات المتحدة"، "وزيرة الشؤون الخارجية بمملكة النرويج"
                continue
            if _has_article(token) and token.word not in _STOPS and unknown < _MAX_UNKNOWN_TITLE_WORDS \
                    and self._name_after_unknown(tokens, i + 1, limit, _MAX_UNKNOWN_TITLE_WORDS - unknown - 1):
                # "الأمين العام لوزارة البيشمركة جبار ياور", "رئيس الدبلوماسية
                # الأوروبية جوزيب بوريل": words the title list lacks, between
                # a title and a name, are the title's.
                unknown += 1
                i += 1
                continue
            if token.word == "في" and i + 1 < limit and _is(tokens[i + 1], _TITLE_AFTER_FI):
                i += 2
                continue
            if token.word in _TO_A_STATE and _is(tokens[start], _POSTED_HEADS) and i + 1 < limit \
                    and self._country_word(tokens, i + 1):
                # "السفير الروسي في لبنان ألكسندر زاسبيكين", "مبعوث الأمم
                # المتحدة الخاص إلى سوريا جير بيدرسون": the post's state.
                i += 3 if i + 2 < limit and self._matcher.lookup(f"{tokens[i + 1].word} {tokens[i + 2].word}") else 2
                continue
            break
        return i

    @staticmethod
    def _name_after_unknown(tokens: Sequence[_Token], i: int, limit: int, more: int) -> bool:
        """A name (or a rank before one) at i, or a name of two words at
        least after `more` further unknown words with the article at most
        ("رئيس الدبلوماسية الأمريكية اعتذر عن الحضور" holds no name)."""
        for j in range(i, min(limit, i + more + 1)):
            if not tokens[j].is_word:
                return False
            if _is_honorific(tokens[j]) or (_could_be_name(tokens[j]) and (
                    j == i or (j + 1 < len(tokens) and _could_be_name(tokens[j + 1])))):
                return True
            if not _has_article(tokens[j]) or tokens[j].word in _STOPS:
                return False
        return False

    def _where_in_title(self, tokens: Sequence[_Token], i: int) -> bool:
        """A preposition glued to a state's name or a title word inside a
        title: "بالولايات المتحدة", "بمملكة النرويج", "لدى"."""
        token = tokens[i]
        if token.word[:1] not in {"ب", "ل"} or token.word in _GIVEN_NAMES or len(token.word) < 4:
            return False
        # "للخارجية": ل and the article's alef fold into one lam.
        rest = "ا" + token.word[1:] if token.word.startswith("لل") else token.word[1:]
        after = f"{rest} {tokens[i + 1].word}" if i + 1 < len(tokens) else rest
        return rest in _TITLE_WORDS or self._matcher.lookup(rest) is not None or self._matcher.lookup(after) is not None

    def _country_word(self, tokens: Sequence[_Token], i: int) -> bool:
        token = tokens[i]
        return self._matcher.lookup(token.word) is not None or self._matcher.lookup(token.bare) is not None or (
            i + 1 < len(tokens) and self._matcher.lookup(f"{token.word} {tokens[i + 1].word}") is not None
        ) or (i > 0 and self._matcher.lookup(f"{tokens[i - 1].word} {token.word}") is not None)

    def _role(self, title: str) -> tuple[str, str | None]:
        """The office without its country, and the country's ISO code."""
        # Only the country that closes the title goes ("وزيرة الخارجية
        # البلجيكية"); one inside it is part of the office ("وزير الشؤون
        # الخارجية والمغاربة المقيمين بالخارج").
        # Honorifics go first: "وزير الخارجية السعودي الأمير" ends with the country.
        words = [w for w in title.split() if not _is_honorific(_Token(arabic.key(w), 0, 0, w))]
        while words and arabic.key(words[-1]) in _COURTESY:
            words.pop()  # "… المملكة العربية السعودية الشقيقة"
        role = " ".join(words)
        found = self._matcher.find(role)
        isos: set[str] = set()
        placed = [hit for hit in found if _PLACE_BEFORE.search(role[: hit.start])]
        posted = bool(words) and arabic.key(_bare_head(words[0])) in _POSTED_HEADS
        for hit in reversed(found):
            if posted and _SERVES_IN.search(role[: hit.start]):
                continue  # "السفير الروسي في لبنان", "المبعوث الخاص إلى سوريا": the post, not the person's state
            if hit in placed and len(placed) < len(found):
                continue  # "سفير المغرب بالولايات المتحدة": where he serves, not his country
            at_end = not role[hit.end :].strip(" ،,")
            # A singular adjective agrees with the office wherever it stands
            # ("المبعوث الرئاسي الأمريكي الخاص"); a plural or a country name
            # inside the title is part of the office ("… والمغاربة المقيمين بالخارج").
            agreeing = hit.via == "adjective" and arabic.key(hit.surface).endswith(("ي", "يه"))
            if hit.via == "adjective":
                isos.add(hit.iso)  # "… والمغاربة المقيمين بالخارج": Morocco's ministry
            if not (at_end or agreeing):
                continue  # "المتحدث باسم قوات سوريا الديمقراطية": Syria is not his country
            isos.add(hit.iso)
            before = role[: hit.start].rstrip()
            if hit in placed:
                before = _PLACE_BEFORE.sub("", before + " ").rstrip()  # "… الخارجية بمملكة النرويج"
            if at_end:
                # "خارجية جمهورية ايطاليا": the state's style goes with its name.
                before = re.sub(r"\s*(?:جمهورية|دولة|مملكة|المملكة|سلطنة|إمارة)$", "", before)
            role = (before + " " + role[hit.end :].lstrip()).strip()
        words = role.split()
        if words:
            words[0] = _DUALS.get(arabic.key(words[0]), _bare_head(words[0]))
        role = " ".join(words).strip(" ،,")
        # "وزير خارجية" once the country is gone reads "وزير الخارجية".
        role = re.sub(r"(وزيرة?|وزارة) (خارجية|دفاع|داخلية)$", r"\1 ال\2", role)
        if role and arabic.key(role.split()[0]) in _COUNTERPARTS:
            role = " ".join(role.split()[1:])
        return role, isos.pop() if len(isos) == 1 else None

    # Chairs ---------------------------------------------------------------

    def _chairs(
        self, tokens: Sequence[_Token], mentions: list[_Mention], index: SentenceIndex, notes: list[str], body: str
    ) -> dict[int, tuple[str, str]]:
        """Mention numbers of the chairs, each with the sentence that says so
        (empty when it is the sentence naming them) and how it was read:
        "cue", "relative" or "pronoun" (archive.importing.confidence)."""
        chairs: dict[int, tuple[str, str]] = {}
        for i, token in enumerate(tokens):
            if not self._is_chair_cue(tokens, i) or not _chairs_this_meeting(tokens, i, index):
                continue
            sentence = index.at(token.start)
            chained = _chained(tokens, mentions, i, sentence.end if sentence else len(body))
            for n in chained:
                chairs.setdefault(n, ("", "cue"))
            if i > 0 and _is(tokens[i - 1], _RELATIVES):
                # "فيكتوريا نولاند، التي ترأست الأشغال": the person just before.
                before = [n for n, m in enumerate(mentions) if m.name_end <= i - 1 and i - 1 - m.name_end <= 1]
                if before:
                    chairs.setdefault(before[-1], ("", "relative"))
                    continue
            if not chained and _is(token, _PRONOUN_CUES) and sentence is not None:
                self._pronoun_chair(tokens, mentions, index, sentence, i, chairs, notes, body)
        return chairs

    def _pronoun_chair(self, tokens, mentions, index, sentence, i, chairs, notes, body) -> None:
        """"اجتماع ترأسه": the chair is the person last named, in this
        sentence or the one before; the editor is told it was inferred."""
        earlier = [n for n, m in enumerate(mentions) if tokens[m.name_start].start < tokens[i].start]
        if not earlier:
            return
        n = earlier[-1]
        named = index.at(tokens[mentions[n].name_start].start)
        if named is not None and self._close(index, named, sentence):
            chairs.setdefault(n, (sentence.text, "pronoun"))
            start, stop = tokens[mentions[n].name_start].start, tokens[mentions[n].name_end - 1].end
            notes.append(NOTE_PRONOUN_CHAIR.format(name=body[start:stop]))

    @staticmethod
    def _close(index: SentenceIndex, earlier, later) -> bool:
        sentences = index.sentences
        position = {s.start: n for n, s in enumerate(sentences)}
        return 0 <= position.get(later.start, 0) - position.get(earlier.start, 0) <= 1

    @staticmethod
    def _is_chair_cue(tokens: Sequence[_Token], i: int) -> bool:
        token = tokens[i]
        if token.raw.endswith("ة") and not _is(token, _NOUN_CUES):
            return False  # "استضافة" (hosting) folds like "استضافه" (he hosted it)
        if _is(token, _CO_CHAIR_WORDS):
            return i > 0 and _is(tokens[i - 1], _CO_CHAIR_HEADS)
        if token.bare == "بالاشتراك":
            return True
        return _is(token, _CHAIR_CUES)


def _chairs_this_meeting(tokens: Sequence[_Token], i: int, index: SentenceIndex) -> bool:
    """Whether a chairing cue is about chairing the article's meeting, not a
    plan, an earlier meeting, a delegation or a government."""
    token = tokens[i]
    if any(_is(t, _PLANNED) for t in tokens[max(0, i - 4) : i]):
        return False  # "كان من المقرر أن يترأس": planned, not done
    sentence = index.at(token.start)
    if sentence is not None and _BACKGROUND.match(sentence.text):
        return False  # "وكان مجلس الوزراء قد عقد جلسة برئاسة…": another, earlier meeting
    if any(_is(t, _DELEGATION) for t in tokens[i + 1 : i + _DELEGATION_REACH]):
        return False  # "ترأس الجعفرى، وزير الخارجية العراقى، وفد بلاده"
    if any(_is(t, _DELEGATION) for t in tokens[max(0, i - 2) : i]):
        return False  # "بوفد يترأسه وزير الدفاع" (dev10/13)
    # "الحكومة الجديدة برئاسة …": "برئاسة" chairs a meeting only with one in sight.
    return token.bare != _BI_RIASA or any(_is(t, _MEETING_NEAR) for t in tokens[max(0, i - 6) : i + 2])


def _chained(tokens: Sequence[_Token], mentions: list[_Mention], i: int, end: int) -> list[int]:
    """The mentions a chairing cue at i governs: the people listed after it
    in its sentence, until the list ends or the other participants begin."""
    cue = tokens[i]
    chained: list[int] = []
    for n, mention in enumerate(mentions):
        if mention.title_start <= i or tokens[mention.title_start].start >= end:
            continue
        gap = tokens[(i + 1 if not chained else mentions[chained[-1]].end) : mention.title_start]
        if gap and cue.bare == "بالاشتراك" and gap[0].word == "مع" and not chained:
            gap = gap[1:]  # "بالاشتراك مع": this "مع" belongs to the cue
        if len(gap) >= 2 and gap[-1].word == _JANIB and gap[-2].word in _ILA:
            # "ترأست الأشغال إلى جانب بوريطة": alongside a person, a co-chair;
            # "إلى جانب وزراء خارجية فرنسا…" (no person next) ends the list.
            gap = gap[:-2]
        if any(_is(t, _CHAIR_BREAKS) for t in gap):
            break
        if chained and any(t.is_word and t.word != "و" for t in gap):
            break
        if not chained and len([t for t in gap if t.is_word]) > _CHAIR_GAP_MAX_WORDS:
            break
        chained.append(n)
    return chained


_CHAIR_GAP_MAX_WORDS = 6
_APPOSITIVE_MAX_WORDS = 16
# A state named after a preposition inside a title is a place: "بمملكة النرويج"، "لدى العراق".
_PLACE_BEFORE = re.compile(r"(?:^|\s)(?:[بل](?:مملكة|المملكة|جمهورية|دولة)?\s*|لدى\s+|في\s+)$")
_SERVES_IN = re.compile(rf"(?:^|\s)(?:{'|'.join(_POSTED_TO)})\s+$")
_OPENING_QUOTES = frozenset("«“\"")
# How far a rank may stand from the title it completes.
_RANK_REACH = 6


def _name_after_title(tokens: Sequence[_Token], title_end: int) -> tuple[int, int]:
    """(start, end) of the name after a title; start == end when none.
    "وزير الخارجية الأميركية، أنتوني بلينكن": a comma may part title and
    name, but after it only a full name is one ("الأمريكي، أكدوا خلاله",
    "العراقي، بحسب البيان")."""
    start = title_end
    after_comma = start < len(tokens) and tokens[start].word in {"،", ","}
    if after_comma:
        start += 1
    if start < len(tokens) and tokens[start].word in _OPENING_QUOTES:
        start += 1  # "رئيس الوزراء الكندي «جاستين ترودو»": the name in quotes
    end = _name_end(tokens, start, max_words=_MAX_NAME_WORDS_AFTER_COMMA if after_comma else _MAX_NAME_WORDS)
    if after_comma and (
        # "الأمريكي، أكدوا": a verb in the plural; "فرانسوا" is a given name.
        (tokens[start].word.endswith("وا") and tokens[start].word not in _GIVEN_NAMES)
        or len([t for t in tokens[start:end] if t.word not in _NAME_PARTICLES]) < 2
    ):
        end = start
    return start, end


def _rank_closes(tokens: Sequence[_Token], pending: tuple[int, int], i: int) -> bool:
    """Whether a rank at i, a few words after a title with no name,
    completes that title."""
    return 0 < i - pending[1] <= _RANK_REACH and all(t.is_word for t in tokens[pending[1] : i])


def _clause_end(tokens: Sequence[_Token], start: int) -> int:
    """The token that closes an appositive title: the next comma, stop or
    quote, within reach."""
    i = start
    while i < len(tokens) and i - start < _APPOSITIVE_MAX_WORDS:
        if not tokens[i].is_word and tokens[i].word not in _HYPHENS and tokens[i].word not in _QUOTES:
            break
        i += 1
    while i > start and tokens[i - 1].word in _QUOTES and tokens[i - 1].word not in "»”":
        i -= 1  # an opening quote closing the clause belongs to what follows
    return i


_QUOTES = frozenset("«»\"“”")


def _name_end(tokens: Sequence[_Token], start: int, max_words: int = 4) -> int:
    """The token after a person's name starting at start (start itself when
    no name starts there): each word is read by the rules of
    _NAME_WORD_RULES in order, the first with an opinion deciding."""
    i = start
    words = 0
    while i < len(tokens) and words < max_words:
        step = _name_step(tokens, start, i, words)
        if step is None:
            break
        i, words = i + step.tokens, words + step.words
    return _settled_name_end(tokens, start, i, words, max_words)


def name_at_start(text: str) -> str:
    """The name the reader takes from the start of a text, as written; ""
    when no name starts it. For the tests of each rule, and for an editor's
    tooling."""
    tokens = _tokenize(text)
    end = _name_end(tokens, 0, _MAX_NAME_WORDS) if tokens else 0
    return text[tokens[0].start : tokens[end - 1].end] if end else ""


@dataclass(frozen=True)
class _Step:
    """A word taken into a name: how many tokens it spans, and how many
    name words it counts for (a particle or a hyphen counts for none)."""

    tokens: int = 1
    words: int = 1


_SKIP = _Step(1, 0)
_NO_OPINION = object()  # a rule that does not decide this word


def _name_step(tokens: Sequence[_Token], start: int, i: int, words: int) -> _Step | None:
    """How the word at i is read: a step into the name, or None where the
    name ends."""
    for rule in _NAME_WORD_RULES:
        verdict = rule(tokens, start, i, words)
        if verdict is not _NO_OPINION:
            return verdict
    return _SKIP if tokens[i].word in _NAME_PARTICLES else _Step()


def _joins_hyphen(tokens, start, i, words):
    """"جانين هينيس - بلاسخارت": a hyphen between two parts of a surname."""
    if tokens[i].word in _HYPHENS and i > start and i + 1 < len(tokens) and _could_be_name(tokens[i + 1]):
        return _SKIP
    return _NO_OPINION


def _skips_initial_stop(tokens, start, i, words):
    """"مايكل آر. بومبيو", "أنتوني ج. بلينكن"."""
    return _SKIP if _is_initial_stop(tokens, i, start) else _NO_OPINION


def _ends_on_no_word(tokens, start, i, words):
    """Punctuation, a number, or a word that is never a name ("جبران باسيل
    سيشارك", "لوران فابيوس أمام الصحافيين")."""
    token = tokens[i]
    return None if not token.is_word or token.word.isdigit() or _is_not_name(token) else _NO_OPINION


def _ends_on_stop(tokens, start, i, words):
    """A preposition, pronoun, verb of saying…; "صباح خالد الحمد الصباح" is
    a name where "صباح اليوم" is a time."""
    token = tokens[i]
    if token.word in _TIME_NOUNS and i == start and not (i + 1 < len(tokens) and _is(tokens[i + 1], _TIME_NEXT)):
        return _NO_OPINION
    if _is_stop(token) or (token.bare in _STOPS and token.word[:1] in _CLITICS and i > start):
        return None
    return _NO_OPINION


def _ends_on_office(tokens, start, i, words):
    """An office, a counterpart, a title word or an honorific begins the
    next person's description; "د." inside a name ("غريغوري د. لوغيرفو") is
    an initial, not the doctor's title."""
    token = tokens[i]
    if _is_head(token) or _is(token, _COUNTERPARTS) or (_is(token, _TITLE_WORDS) and token.word not in _NAME_PARTICLES):
        return None
    initial = i > start and i + 1 < len(tokens) and _is_initial_stop(tokens, i + 1, start)
    return None if _is_honorific(token) and not initial else _NO_OPINION


def _joins_abd(tokens, start, i, words):
    """"عبد الأمير", "عبد القادر": one name in two words."""
    if tokens[i].word == _ABD and i + 1 < len(tokens) and _has_article(tokens[i + 1]):
        return _Step(2, 1)
    return _NO_OPINION


def _ends_on_bad_start(tokens, start, i, words):
    """A name does not begin with the article, a particle, or the
    conjunction ("وبحث معه")."""
    token = tokens[i]
    if i != start:
        return _NO_OPINION
    if _has_article(token) or (token.word in _NAME_PARTICLES and token.word not in _NAME_OPENERS):
        return None
    return None if token.word[:1] == "و" and not _looks_like_name_word(token.word) else _NO_OPINION


def _ends_after_family_name(tokens, start, i, words):
    """"آل سعود" ends a name; after a surname with the article (الكاظمي)
    only another such word or a particle goes on: "مصطفى الكاظمي دعم
    بلاده" ends at الكاظمي."""
    if i > start + 1 and tokens[i - 2].word == _FAMILY:
        return None
    before = tokens[i - 1] if i > start else None
    if (
        before is not None
        and _has_article(before)
        and before.word not in _NAME_PARTICLES
        and not (i >= 2 and tokens[i - 2].word == _ABD)
        and not (_has_article(tokens[i]) or tokens[i].word in _NAME_PARTICLES)
    ):
        return None
    return _NO_OPINION


def _takes_closing_waw_surname(tokens, start, i, words):
    """"صوفي ويلمس،": a surname in و that closes the name, not a conjunction
    (which would go on: "صوفي ويؤكد أن…")."""
    token = tokens[i]
    if (
        i == start + 1
        and token.word[:1] == "و"
        and len(token.word) > 3
        and not _is_head(token)
        and token.bare not in _STOPS
        and (i + 1 >= len(tokens) or not tokens[i + 1].is_word)
    ):
        return _Step()
    return _NO_OPINION


def _ends_on_conjunction(tokens, start, i, words):
    """"ووزير", "وأكد": a conjunction starts the next phrase."""
    token = tokens[i]
    if i == start or token.word[:1] != "و" or token.word in _NAME_PARTICLES or _looks_like_name_word(token.word):
        return _NO_OPINION
    if _is_head(token) or token.bare in _STOPS or token.word[:2] in {"وا", "ول"} or len(token.word) > 3:
        return None
    return _NO_OPINION


def _ends_on_prefixed_article(tokens, start, i, words):
    """"بالعراق", "والتعاون", "للتحالف": a preposition or conjunction with
    the article is never part of a name."""
    word = tokens[i].word
    return None if word[:3] in {"بال", "وال", "فال", "كال"} or word[:2] == "لل" else _NO_OPINION


def _ends_on_preposition(tokens, start, i, words):
    """"جون كيرى بمقر", "جبار ياور لشبكة روداو": a preposition after a full
    name. A surname in ل ("جان إيف لودريان") or ب ("مايكل آر بومبيو،")
    ends the phrase instead."""
    token = tokens[i]
    if (
        words >= 2
        and token.word[:1] in {"ب", "ل"}
        and token.word not in _NAME_PARTICLES
        and tokens[i - 1].word not in _HYPHENS
        and tokens[i - 1].word != "."
        and _is_preposition_phrase(tokens, i)
    ):
        return None
    return _NO_OPINION


def _ends_on_verbal_noun(tokens, start, i, words):
    """"ترامب لتحقيق ذلك": a purpose after the name, even after one word
    (a surname in ل, "لودريان", is no verbal noun)."""
    word = tokens[i].word
    return None if i > start and word[:1] in {"ب", "ل"} and _is_verbal_noun(word[1:]) else _NO_OPINION


_OFFICE_PHRASES = lexicons.words("office_phrases")
_LONGEST_OFFICE_PHRASE = max((len(phrase.split()) for phrase in _OFFICE_PHRASES), default=0)


def _ends_on_office_phrase(tokens, start, i, words):
    """"ولي العهد", "ولي ولي العهد": an office in words that are names too
    (ولي is one)."""
    for size in range(2, _LONGEST_OFFICE_PHRASE + 1):
        if " ".join(t.word for t in tokens[i : i + size]) in _OFFICE_PHRASES:
            return None
    return _NO_OPINION


# The rules a word of a name is read by, in order; the first with an opinion decides.
_NAME_WORD_RULES = (
    _ends_on_office_phrase, _joins_hyphen, _skips_initial_stop, _ends_on_no_word, _ends_on_stop, _ends_on_office, _joins_abd,
    _ends_on_bad_start, _ends_after_family_name, _takes_closing_waw_surname, _ends_on_conjunction,
    _ends_on_prefixed_article, _ends_on_preposition, _ends_on_verbal_noun,
)


def _settled_name_end(tokens: Sequence[_Token], start: int, i: int, words: int, max_words: int) -> int:
    """Where a name read word by word really ends."""
    if words == max_words and i < len(tokens) and _could_be_name(tokens[i]) and not _has_article(tokens[i]):
        # Still going after the longest name: a phrase, not a name
        # ("أكدوا خلاله أهمية التصدي للإرهاب").
        return start
    # A name never ends on a particle ("بن" with nothing after) or an initial's stop.
    while i > start and (tokens[i - 1].word in _NAME_PARTICLES or tokens[i - 1].word == "."):
        i -= 1
    return i


_HYPHENS = frozenset("-–‐")
# Given names that are also words of time: "صباح اليوم" is a time.
_TIME_NOUNS = lexicons.words("time_nouns")
_TIME_NEXT = lexicons.words("time_next")
_MAX_NAME_WORDS_AFTER_COMMA = 3


def _is_stop(token: _Token) -> bool:
    if token.word not in _STOPS:
        return False
    if token.word in _TIME_NOUNS:
        return True  # decided by the caller, which sees the next word
    # "على" and the name "علي" fold alike; the writer's ى tells them apart.
    return not (token.word == _ALI and token.raw.endswith("ي"))


_ALI = arabic.key("علي")


def _is_preposition_phrase(tokens: Sequence[_Token], i: int) -> bool:
    """"بمقر", "بنتائج الانتخابات" after a full name begin a phrase;
    "مايكل آر بومبيو،" ends on a surname in ب. A ب-word is the surname only
    when the phrase ends with it (punctuation or a stop next) and the rest
    of it is no word the lexicons know."""
    token = tokens[i]
    if token.word[:1] not in {"ب", "ل"} or token.word in _GIVEN_NAMES:
        return False
    rest = token.word[1:]
    if rest in _STOPS or rest in _TITLE_WORDS or rest in _HEADS or rest in _NOT_NAMES or rest in _PLACE_NOUNS:
        return True
    # "بومبيو، في" and "بومبيو في" end the name; "بنتائج الاجتماع" goes on
    # to a noun (a stop with the article is still a noun).
    # An office after it ("حمدي سند لوزا نائب وزير الخارجية") is the
    # person's title: the word before it was the surname.
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is None or not after.is_word or _is_head(after) or _is_honorific(after):
        return False
    return not _is_stop(after) or _has_article(after)


# "بمقر", "بمبنى": where something happens, after a name.
_PLACE_NOUNS = lexicons.words("place_nouns")


# "سيرغي لافروف حاضراً في المؤتمر" (dev4/05), "دوراً بارزاً": the press marks
# an indefinite noun or adjective with tanween, and never a name.
_TANWEEN = re.compile("[\u064b-\u064d]")
# "ترامب لتحقيق ذلك", "لتلبية حاجيات": a verbal noun of the second form
# (تفعيل, تفعية) after ل or ب is a purpose, not a surname.
_VERBAL_NOUN = re.compile(r"^ت\w\w(?:ي\w|يه)$")


def _is_verbal_noun(word: str) -> bool:
    return bool(_VERBAL_NOUN.match(word)) and word not in _GIVEN_NAMES  # توفيق is a name


def _is_not_name(token: _Token) -> bool:
    """A word that is never part of a name (lexicon not_names, or marked
    with tanween), also with a conjunction glued on."""
    if token.word in _GIVEN_NAMES:
        return False  # "فيصل" is not "ف" + "يصل"
    if token.tanween:
        return True
    if token.word[:1] in ("و", "ف") and token.word[1:] in _STATEMENT_VERBS:
        return True  # «لوران فابيوس فنفى», «جون كيري وقال»: a speech verb with its conjunction
    return any(
        word in _NOT_NAMES or _future_of_listed_verb(word)
        for word in (token.word, *((token.bare,) if token.word[:1] == "و" else ()))
    )


def _future_of_listed_verb(word: str) -> bool:
    """"سيقترح", "ستشارك": the future of an imperfect verb the not_names
    list holds ("يقترح", "تشارك"); written once, never both forms."""
    if word[:1] != "س" or word[1:2] not in ("ي", "ت", "ن"):
        return False
    # "سيشاركان", "سيشاركون": the dual and plural of the listed form.
    return any(form in _NOT_NAMES for form in (word[1:], word[1:].removesuffix("ان"), word[1:].removesuffix("ون")))


def _is_initial_stop(tokens: Sequence[_Token], i: int, start: int) -> bool:
    """The full stop of an initial inside a name: "آر." or "ج." after a
    first name, with the surname after it."""
    return (
        tokens[i].word == "."
        and i - 1 > start
        and tokens[i - 1].is_word
        and len(tokens[i - 1].word) <= _INITIAL_MAX_LETTERS
        and i + 1 < len(tokens)
        and _could_be_name(tokens[i + 1])
    )


_INITIAL_MAX_LETTERS = 2
_NOT_NAMES = lexicons.words("not_names")
# The forms of the speech verbs (statement_verbs.txt): with و or ف before them, never a name's word.
_STATEMENT_VERBS = lexicons.table("statement_verbs")
# Particles a name may open with: "أبو بكر البغدادي".
_NAME_OPENERS = lexicons.words("name_openers")
_GIVEN_NAMES = lexicons.words("given_names")


def _could_be_name(token: _Token) -> bool:
    return (
        token.is_word
        and not _is_not_name(token)
        and not token.word.isdigit()
        and not _is_stop(token)
        and not _is_head(token)
        and not _is(token, _TITLE_WORDS)
        and token.word[:1] != "و"
    )


# Verbs after which a name stands before its title: "قال X، وزير …".
_NAME_FIRST_VERBS = lexicons.words("name_first_verbs")


def _name_before(tokens: Sequence[_Token], title_start: int) -> int | None:
    """Where a name ends right before a title (a comma between them) and
    starts right after a verb of saying or meeting; None if none does."""
    comma = title_start > 0 and tokens[title_start - 1].word in {"،", ","}
    end = title_start - 1 if comma else title_start
    # Without a comma only a verb of saying may stand before the name:
    # "قال طلال سلو المتحدث الرسمي باسم…".
    triggers = _NAME_FIRST_VERBS if comma else _SPEECH_VERBS
    for start in range(end - 1, max(-1, end - _MAX_NAME_WORDS - 3), -1):
        if start <= 0:
            return None
        if _is(tokens[start - 1], triggers) and _name_end(tokens, start) == end:
            return start
    return None


_SPEECH_VERBS = lexicons.words("speech_verbs")


def _looks_like_name_word(word: str) -> bool:
    # Given names that begin with و: وليد, وائل, وديع, وسام, وفاء, وزير is not one.
    return word in _NAMES_WITH_WAW


_NAMES_WITH_WAW = lexicons.words("names_with_waw")


def _note_meeting(fact: PersonFact, number: int, chairs: dict[int, tuple[str, str]], sentence, sentence_text: str,
                  about_meeting: set[int]) -> None:
    """What one mention tells about a person and the meeting: chair (with
    the sentence that says so, and how), or named in a sentence about it."""
    if number in chairs and not fact.is_chair:
        fact.is_chair = True
        said, fact.chair_by = chairs[number]
        fact.sentence = said or sentence_text
    if sentence is not None and sentence.start in about_meeting:
        fact.in_meeting = True


def _tokens_in(tokens: Sequence[_Token], start: int, end: int) -> Sequence[_Token]:
    starts = [t.start for t in tokens]
    return tokens[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def _same_person(facts: list[PersonFact], name: str, country: str | None) -> PersonFact | None:
    """Within one article a surname alone or another spelling is the same
    person when nothing contradicts it."""
    for fact in facts:
        if country and fact.country and country != fact.country:
            continue
        if any(names.compare(name, spelling) is not names.Likeness.DIFFERENT for spelling in fact.spellings + [fact.name]):
            return fact
    return None


def _previous_role(facts: list[PersonFact]) -> str:
    for fact in reversed(facts):
        if fact.role:
            return fact.role
    return ""


# The checks a name must pass, in order; each gives the reason it fails, or "".
_NAME_RULES = (PeopleReader._is_a_letter, PeopleReader._starts_with_a_preposition, PeopleReader._names_a_country)
