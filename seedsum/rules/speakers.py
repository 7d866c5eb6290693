"""Who speaks: the actor a phrase, a pronoun or a common noun stands for, and the units found
so far, which a later statement's speaker must lie outside of.

`SpeakerFinder` holds what `attribution._Attributor` needs to resolve a speaker: the cast's
mentions, demonyms and nouns indexed once per document, and the statements (units) found so
far. Attribution (where statements are) builds on it; this module decides who says them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..attribution import is_unnamed_source
from .actors import GROUP, ORGANIZATION, PERSON, STATE, Cast, Mention
from .affiliation import located
from .lexicon import QUOTE_VERBS, words
from .sentences import Document, Sentence
from .titles import employer_before

QUOTE_VERB_ALT = "|".join(sorted(QUOTE_VERBS))

#: Who a unit is attributed to when the text itself says it.
AUTHOR = -1
#: Who a unit is attributed to when its speaker names no one ("officials said").
UNNAMED = -2


@dataclass
class Unit:
    """One statement: `text[start:end]` is its verbatim quote."""

    start: int
    end: int
    speaker: int  # an actor index, AUTHOR or UNNAMED
    kind: str  # "direct", "reported", "fragment", "author"
    sentence: int


_SPOKES_NOUNS = words("spokesperson spokesman spokeswoman")
_SPOKESPERSON_FOR = re.compile(r"\b[Ss]pokes(?:person|man|woman)\s+(?:for|of|at)\s+")
#: Bodies made of their members, who speak for it as "they".
_MEMBERS_BODIES = words("Alliance Coalition Federation Union Association League Collective")
_AND_BEFORE = re.compile(r"\band\s+(?:the\s+)?$")
_ADVERB_TAIL = re.compile(
    r"(?:[ \t]+(?:also|has|have|had|again|once|later|then|repeatedly|previously|publicly|"
    r"privately|separately|already|never|often|long|recently|still|now|would|will|has long|"
    r"had earlier|earlier|first|last week|on \w+))+[ \t]*$|[ \t]+$"
)

_ATTRIBUTION_BEFORE = re.compile(
    rf"(?P<who>[^,”\"]{{1,60}}?)[ \t]+(?:{QUOTE_VERB_ALT})\b[^,]*,[ \t]*$"
)

_SPEAKING_PRIVATELY = re.compile(
    r",[ \t]+(?:(?:speaking|talking)[ \t]+(?:privately|anonymously|off[ \t]+the[ \t]+record|"
    r"on[ \t]+(?:the[ \t]+)?condition[ \t]+of[ \t]+anonymity)"
    r"|who[ \t]+(?:asked|declined|did[ \t]+not[ \t]+want)[ \t]+(?:not[ \t]+)?to[ \t]+be[ \t]+named)"
    r"[^,]{0,80},[ \t]*$"
)
_COORDINATION = re.compile(r"[\s”\"’,]*(?:and|but|then|and then)?[\s,]*")

_DEMONYM_ORGAN = re.compile(
    r"(?:\b[Tt]he[ \t]+|^|(?<=[\s,]))(?P<dem>[A-Z][\w\-]+)[ \t]+"
    r"(?:delegation|side|government|foreign ministry|ministry|officials|authorities|"
    r"negotiators|leadership|embassy|military|army|cabinet|administration|presidency)$"
)

# "the federation said", and a person's body: "his ministry is pushing for", "her group wants".
_NOMINAL_END = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?:[\w\-]+[ \t]+)?(?P<noun>[a-z][\w\-]+)$"
)
# "Benn has promised a budget and wants lower costs": a second verb of the clause's subject.
_AND_END = re.compile(r"[ \t]+and$")
# What may stand before a clause's subject: a title ("Finance Minister"), "The".
_TITLE_LEAD = re.compile(r"(?:[A-Z][\w\-’']*[ \t]+)*")
_VERB_AFTER = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?[a-z]+(?:s|ed)\b")

_NOMINAL_LEAD = re.compile(r"[ \t]*[Tt]he[ \t]+(?P<noun>[a-z][\w\-]+),")

_NOMINAL_PHRASE = re.compile(r"[Tt]he[ \t]+(?:[\w\-]+[ \t]+)?(?P<noun>[a-z][\w\-]+)")

_ORGAN_AFTER = re.compile(
    r"[ \t]+(?:delegation|side|government|foreign ministry|ministry|officials|"
    r"authorities|negotiators|leadership|embassy|military|army|cabinet)\b"
)

_ORGAN_END = re.compile(
    r"(?:[’']s?)?[ \t]+(?:[a-z][\w\-]*[ \t]+){0,2}"
    r"(?:ministry|government|delegation|office|spokesman|spokeswoman|spokesperson|embassy|"
    r"cabinet|side|negotiators|administration|presidency|press office|team|leadership)$"
)

#: Common nouns for a state's organs: the state speaks ("the trade ministry said").
_STATE_ORGANS = frozenset({"government", "ministry", "treasury", "cabinet", "administration"})
# "The airline said": the last organization named before it, when no actor has that noun.
_BUSINESSES = frozenset(
    {
        "company",
        "firm",
        "airline",
        "carrier",
        "brokerage",
        "broker",
        "lender",
        "insurer",
        "operator",
        "consultancy",
        "utility",
        "retailer",
        "group",
        "chain",
        "miner",
        "bank",
    }
)
_STATE_SPOKESPERSON = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)[ \t]+(?:[a-z]+[ \t]+)?(?:ministry|government|cabinet|treasury)"
    r"[ \t]+(?:spokes(?:wo)?man|spokesperson)$"
)

_PRONOUN_END = re.compile(r"(?:^|[\s,(])(?P<p>[Hh]e|[Ss]he|[Ii]t|[Tt]hey)$")

_PRONOUN_PHRASE = re.compile(r"(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)")


class SpeakerFinder:
    """Resolves speakers against a document's cast and records the units found."""

    def __init__(self, doc: Document, cast: Cast) -> None:
        self.doc = doc
        self.cast = cast
        self.units: list[Unit] = []
        self._unit_spans: list[tuple[int, int]] = []
        self._speakers: dict[tuple[int, int], int] = {}
        self._demonyms: dict[str, int] = {}
        self._nouns: dict[str, list[int]] = {}
        for i, a in enumerate(cast.actors):
            for d in a.demonyms:
                self._demonyms.setdefault(d, i)
            for n in a.nouns:
                self._nouns.setdefault(n, []).append(i)
        self._mention_ends: dict[int, Mention] = {}
        for m in cast.mentions:
            self._mention_ends[m.end] = m
        self._mention_starts: dict[int, Mention] = {m.start: m for m in cast.mentions}

    def _resolve_phrase(self, start: int, end: int, sentence: Sentence) -> int | None:
        """The actor a short phrase right after a quotation names ("Holt", "she", "the
        company", "Jana Kovel, chief economist at Orsa Bank")."""
        phrase = self.doc.text[start:end].strip()
        pronoun = _PRONOUN_PHRASE.fullmatch(phrase)
        if pronoun:
            return self._pronoun(phrase.lower(), start)
        m = self._speaker_at(start)
        if m is not None:
            return m
        nominal = _NOMINAL_PHRASE.fullmatch(phrase)
        if nominal:
            return self._nominal(nominal.group("noun"), start)
        if _STATE_SPOKESPERSON.search(phrase) and self.cast.main_state is not None:
            return self.cast.main_state  # “...,” a ministry spokeswoman told reporters
        # "economist Nora Quist", "harbour master Ines Calder": a title, then the name.
        for mention in self.cast.mentions_in(start, end):
            if not mention.in_quote and not mention.demonym and not mention.possessive:
                return mention.actor
        return UNNAMED if is_unnamed_source(phrase) else None  # “…,” one agent said

    def _speaker_at(self, pos: int) -> int | None:
        """The actor mentioned at `pos` (allowing a leading "the"), or a demonym phrase."""
        text = self.doc.text
        for offset in (0, 4):
            if offset and text[pos : pos + 4].lower() != "the ":
                continue
            m = self._mention_starts.get(pos + offset)
            if m is None:
                continue
            if not m.demonym:
                return m.actor
            organ = _ORGAN_AFTER.match(text, m.end)
            if organ:
                return m.actor
        return None

    def _subject(self, verb_pos: int, sentence: Sentence, limit: int | None = None) -> int | None:
        """Who is the subject of the verb at `verb_pos`."""
        masked = self.doc.masked
        clause_start = max(sentence.start, limit or 0, self._last_unit_end(sentence, verb_pos))
        semi = masked.rfind(";", clause_start, verb_pos)
        if semi != -1:
            clause_start = semi + 1
        # The patterns below are anchored at the end, so a short window suffices.
        window = max(clause_start, verb_pos - 80)
        tail = _ADVERB_TAIL.search(masked, window, verb_pos)
        core_end = tail.start() if tail else verb_pos
        if core_end < clause_start:
            core_end = clause_start
        core = masked[max(clause_start, core_end - 80) : core_end]
        if not masked[clause_start:core_end].strip():
            return None
        if _COORDINATION.fullmatch(core):
            # "X called the plan “reckless” and argued that ...": the same speaker.
            return self._last_speaker_in(sentence, verb_pos)
        # A name right before the verb ("Holt said", "the Kremlin said").
        mention = self._mention_ends.get(core_end)
        if mention is not None and not mention.in_quote and not mention.demonym:
            return self._first_of_pair(mention)
        pronoun = _PRONOUN_END.search(core)
        if pronoun:
            return self._pronoun(pronoun.group("p").lower(), core_end)
        organ = _ORGAN_END.search(core)
        if organ:
            m = self._mention_ends.get(core_end - len(core) + organ.start())
            if m is not None:
                return m.actor
        dem = _DEMONYM_ORGAN.search(core)
        if dem and dem.group("dem") in self._demonyms:
            return self._demonyms[dem.group("dem")]
        if _STATE_SPOKESPERSON.search(core) and self.cast.main_state is not None:
            return self.cast.main_state  # "a ministry spokeswoman told reporters"
        nominal = _NOMINAL_END.search(core)
        if nominal and (
            nominal.group("noun") in self._nouns
            or nominal.group("noun") in _STATE_ORGANS
            or nominal.group("noun") in _BUSINESSES
            or nominal.group("noun") in _SPOKES_NOUNS
        ):
            return self._nominal(nominal.group("noun"), core_end)
        if _AND_END.search(core):
            first = self._clause_subject(clause_start, core_end)
            if first is not None:
                return first
        private = _SPEAKING_PRIVATELY.search(masked, max(clause_start, core_end - 200), core_end)
        if private is not None:
            # "Two officials at the ministry, speaking privately, said": they do not speak for
            # the ministry (GUIDELINES: an unnamed source, described as written).
            phrase = re.split(r"[,;:(—]", masked[clause_start : private.start()])[-1]
            named = self.cast.mentions_in(private.start() - len(phrase), private.start())
            if not any(self.cast.actors[m.actor].kind == PERSON for m in named):
                # Whoever asks not to be named is an unnamed source ("Hotel owners in the old
                # town, who asked not to be named, said").
                return UNNAMED if named or phrase.strip() else None
        if not core.rstrip().endswith((",", "”", '"', ")")):
            # No actor: an unnamed source ("Experts said", "several travel agents said"), or
            # a subject the rules cannot read.
            phrase = re.split(r"[,;:(—]", core)[-1]
            return UNNAMED if is_unnamed_source(phrase.strip()) else None
        # An apposition or relative clause ends right before the verb: the clause's subject
        # is its first name.
        for m in self.cast.mentions_in(clause_start, core_end):
            if m.after_preposition and employer_before(masked[clause_start : m.start].split()):
                return m.actor  # "Analysts at Tallis & Crane, the broker, expect"
            if m.in_quote or m.in_role or m.possessive or m.after_preposition or m.demonym:
                continue
            if self._in_unit(m.start):
                continue
            return m.actor
        # "The federation, which represents 6,800 dockers, rejected ...": a noun for an
        # actor, then its relative clause or apposition.
        lead = _NOMINAL_LEAD.match(masked, clause_start, core_end)
        if lead and lead.group("noun") in self._nouns:
            return self._nominal(lead.group("noun"), verb_pos)
        return None

    def _clause_subject(self, start: int, end: int) -> int | None:
        """The actor named first in `masked[start:end]`, after a title at most, when a verb
        follows the name ("Finance Minister Aurelio Benn has promised ...")."""
        masked = self.doc.masked
        while start < end and masked[start].isspace():
            start += 1
        lead = _TITLE_LEAD.match(masked, start, end)
        m = next(iter(self.cast.mentions_in(start, end)), None)
        if m is None or lead is None or m.start > lead.end():
            return None
        if m.in_quote or m.possessive or m.after_preposition or m.demonym:
            return None
        return m.actor if _VERB_AFTER.match(masked, m.end) else None

    def _last_speaker_in(self, sentence: Sentence, pos: int) -> int | None:
        """The speaker of the last statement before `pos` in `sentence`, or of the
        attribution just before it ("…,” she said, adding that ...")."""
        index = self.doc.sentence_index(sentence.start)
        for u in reversed(self.units):  # in sentence order until `run` sorts them
            if u.sentence < index:
                break
            if u.sentence == index and u.start <= pos:
                return u.speaker
        start = max(sentence.start, pos - 120)
        m = _ATTRIBUTION_BEFORE.search(self.doc.masked[start:pos])
        if m:
            return self._resolve_phrase(start + m.start("who"), start + m.end("who"), sentence)
        return None

    def _pronoun(self, pronoun: str, pos: int) -> int | None:
        """The last person (or, for "it", organization or state) mentioned before `pos`,
        outside other people's statements, whose gender fits."""
        if pronoun == "they":
            return self._they(pos)
        want = {"he": "m", "she": "f"}.get(pronoun)
        cast = self.cast
        paragraph = self.doc.paragraph_of(pos)
        # A quotation run on from the paragraph before reaches back one more ("For Annika
        # Velt, ..." / “... / “...,” she said).
        earliest = paragraph - 1 - (self.doc.runs_on(paragraph - 1) is not None)
        i = cast.mentions_before(pos) - 1
        strict: int | None = None
        strict_start = loose_start = -1
        loose: int | None = None
        while i >= 0:
            m = cast.mentions[i]
            i -= 1
            if self.doc.paragraph_of(m.start) < earliest:
                break
            actor = cast.actors[m.actor]
            if pronoun == "it":
                if actor.kind == PERSON or m.in_quote or m.demonym:
                    continue
            elif actor.kind != PERSON or (want and actor.gender and actor.gender != want):
                continue
            if m.in_quote or m.in_role or self._in_unit(m.start, exclude_speaker=m.actor):
                continue
            if m.possessive or m.after_preposition:
                if loose is None:
                    loose, loose_start = m.actor, m.start
                continue
            strict, strict_start = m.actor, m.start
            break
        if pronoun != "it":
            # "“…,” the fisheries minister said. She said ...": the last statement's speaker,
            # found by a title, is mentioned after any name.
            last = self._last_person_unit(pos, want, paragraph)
            if last is not None:
                speaker, start, same_paragraph = last
                # One in the paragraph before gives way to anyone named since ("from X").
                named_since = strict_start if same_paragraph else max(strict_start, loose_start)
                if start > named_since:
                    return speaker
        # "from Ilse Dornbach, ... She wants": a weaker mention in this paragraph beats a plain
        # one in the paragraph before.
        if (
            strict is not None
            and loose is not None
            and self.doc.paragraph_of(loose_start) > self.doc.paragraph_of(strict_start)
        ):
            return loose
        return strict if strict is not None else loose

    def _last_person_unit(
        self, pos: int, want: str | None, paragraph: int
    ) -> tuple[int, int, bool] | None:
        """The speaker and start of the last statement before `pos`, in `paragraph` or the
        one before ("“…,” she told the meeting." then "She said ..."), and whether it is in
        `paragraph`, when the speaker is a person whose gender fits `want`."""
        for unit in reversed(self.units[-4:]):
            if unit.start >= pos:
                continue
            if self.doc.paragraph_of(unit.start) < paragraph - 1 or unit.speaker < 0:
                return None
            actor = self.cast.actors[unit.speaker]
            if actor.kind != PERSON or (want and actor.gender and actor.gender != want):
                return None
            return unit.speaker, unit.start, self.doc.paragraph_of(unit.start) == paragraph
        return None

    def _first_of_pair(self, mention: Mention) -> int:
        """ "Varnia and Oskland said in a joint statement": the first-named speaks (the format
        has one speaker per unit, GUIDELINES.md)."""
        before = self.doc.masked[max(0, mention.start - 5) : mention.start]
        if before.endswith((" and ", " & ")):
            first = self._mention_ends.get(
                mention.start - 5 if before.endswith(" and ") else mention.start - 3
            )
            if first is not None and not first.in_quote and not first.demonym:
                return first.actor
        return mention.actor

    def _they(self, pos: int) -> int | None:
        """ "“…,” they said in a joint statement": the group last named ("the Drava Valley
        Alliance"), or the first of two actors named together ("Varnia and Oskland"), in
        this paragraph or the one before."""
        cast = self.cast
        paragraph = self.doc.paragraph_of(pos)
        i = cast.mentions_before(pos) - 1
        while i >= 0:
            m = cast.mentions[i]
            if self.doc.paragraph_of(m.start) < paragraph - 1:
                return None
            i -= 1
            if m.in_quote or m.in_role or m.demonym:
                continue
            first = self._first_of_pair(m)
            if first != m.actor:
                return first
            actor = cast.actors[m.actor]
            if actor.kind == GROUP or (
                actor.kind == ORGANIZATION
                and actor.name.split()[-1] in _MEMBERS_BODIES
                # Not the second of a pair ("the consortium and the Winegrowers' Union").
                and not _AND_BEFORE.search(self.doc.masked, max(0, m.start - 10), m.start)
            ):
                return m.actor  # a body of members speaks as "they" ("the Boats Alliance")
            if m.after_preposition and self._employees_of(m):
                return m.actor  # "Analysts at Lowrie & Dunmore ... , they wrote in a note"
        return None

    def _employees_of(self, mention: Mention) -> bool:
        """Whether `mention` follows a plural of people at it ("analysts at X")."""
        before = self.doc.masked[max(0, mention.start - 40) : mention.start].split()
        return len(before) >= 2 and before[-2].endswith("s") and employer_before(before) is not None

    def _nominal(self, noun: str, pos: int) -> int | None:
        """The actor "the <noun>" refers to: the last one mentioned that the noun describes,
        or for "the spokesperson" the body the last spokesperson spoke for."""
        if noun in _SPOKES_NOUNS:
            return self._spokesperson_of(pos)
        candidates = set(self._nouns.get(noun, []))
        fallback: int | None = None
        if noun in _STATE_ORGANS:
            fallback = self.cast.main_state  # "the trade ministry said": the state speaks
        elif noun in _BUSINESSES and not candidates:
            # "The company said": the last organization named before it.
            candidates = {i for i, a in enumerate(self.cast.actors) if a.kind == ORGANIZATION}
        if not candidates:
            return fallback
        i = self.cast.mentions_before(pos) - 1
        stop = max(-1, i - 400)  # look back a few paragraphs' worth of mentions at most
        organ = noun in _STATE_ORGANS
        text = self.doc.text
        while i > stop:
            m = self.cast.mentions[i]
            i -= 1
            if (
                organ
                and m.possessive
                and self.cast.actors[m.actor].kind == STATE
                and noun in text[m.end : m.end + 30].split()
            ):
                return m.actor  # "Selvaria's trade ministry said ... the ministry said"
            # "... from neighbouring Selvaria, the government said": a place, not the speaker.
            if m.actor in candidates and not m.in_role and not (organ and located(text, m)):
                return m.actor
        return min(candidates)

    def _spokesperson_of(self, pos: int) -> int | None:
        """ "A spokesperson for the Ministry of X said ..." then "the spokesperson said": the
        ministry, from the last such introduction within a few paragraphs."""
        found = list(_SPOKESPERSON_FOR.finditer(self.doc.text, max(0, pos - 2000), pos))
        if not found:
            return None
        m = self._speaker_at(found[-1].end())
        return m if m is not None and self.cast.actors[m].kind != PERSON else None

    def _add(self, start: int, end: int, speaker: int, kind: str, sentence: int) -> None:
        text = self.doc.text
        if start < self.doc.dateline_end < end:
            start = self.doc.dateline_end  # "ELSIN, Jan 9 - Morvath will ...": not the quote
        while start < end and (text[start].isspace() or text[start] in ",;:"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
            end -= 1
        if (
            kind in {"reported", "author"}
            and text[start:end].startswith("“")
            and (text[start:end].endswith("”") and text.count("“", start, end) == 1)
        ):
            start, end = start + 1, end - 1
            while end > start and text[end - 1] in ".,;:":
                end -= 1
        if kind != "direct" and kind != "fragment":
            # Never cut a quotation in half: a clause ending inside one ends after it.
            inside = self.doc.quote_at(end - 1)
            if inside is not None and inside.start >= start and inside.end > end:
                end = inside.end
        if end - start < 2 or len(text[start:end].split()) < (1 if kind == "fragment" else 3):
            return
        if kind == "direct" and len(text[start:end].split()) < 3 and speaker != AUTHOR:
            kind = "fragment"
        self.units.append(Unit(start, end, speaker, kind, sentence))
        pos = bisect_right(self._unit_spans, (start, end))
        self._unit_spans.insert(pos, (start, end))
        self._speakers[(start, end)] = speaker

    def _covered(self, pos: int) -> bool:
        # Units hardly ever nest, so the two that start last before `pos` are enough.
        spans = self._unit_spans
        i = bisect_right(spans, (pos, 1 << 62)) - 1
        return (i >= 0 and spans[i][1] > pos) or (i >= 1 and spans[i - 1][1] > pos)

    def _in_unit(self, pos: int, exclude_speaker: int | None = None) -> bool:
        spans = self._unit_spans
        i = bisect_right(spans, (pos, 1 << 62)) - 1
        for j in (i, i - 1):
            if j >= 0 and spans[j][1] > pos:
                return exclude_speaker is None or self._speakers[spans[j]] != exclude_speaker
        return False

    def _last_unit_end(self, sentence: Sentence, pos: int) -> int:
        end = sentence.start
        i = bisect_right(self._unit_spans, (pos, 1 << 62)) - 1
        while i >= 0:
            s, e = self._unit_spans[i]
            if s < sentence.start:
                break
            if e <= pos:
                end = max(end, e)
            i -= 1
        return end
