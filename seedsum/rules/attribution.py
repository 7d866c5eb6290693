"""Who says what: direct quotations and reported speech, as spans of the text.

A *unit* is one statement: the words inside one pair of quotation marks, or one reported
clause ("X said that <clause>", "according to X, <clause>", "<clause>, X said"), or a quoted
fragment an actor names something with ("X called the plan “reckless”"). Each gets the actor
who says it:

- a name or alias right before the verb ("Holt said", "the Kremlin said"), or the subject of
  the clause when an apposition sits between them ("Eldon Caesar, chairman of ..., said");
- after a quotation: “…,” Holt said / “…,” said Holt / “…,” she said, where "he"/"she" is
  the last person mentioned before it (outside other people's statements) whose gender fits;
- "the company", "the bank": the last actor those words describe;
- a quotation with no attribution right after an attributed one, in the same paragraph,
  continues that speaker's words.

Statements by unnamed people ("Experts said", "officials said") are left out, and so are
quoted titles and slogans (“Our Data, Our Rules”). Forecasts the text makes itself, with no
one quoted, are found in `predictions`.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .actors import GROUP, PERSON, Cast, Mention
from .lexicon import (
    BARE_CLAUSE_VERBS,
    CLAUSE_VERBS,
    NAMING_VERBS,
    PARTICIPLES,
    PLAN_VERBS,
    QUOTE_VERBS,
    STANCE_VERBS,
    TELL_VERBS,
    alternation,
    words,
)
from .sentences import UPPER, Document, Quote, Sentence

#: Who a unit is attributed to when the text itself says it.
AUTHOR = -1

_ALL_VERBS = (
    CLAUSE_VERBS | TELL_VERBS | NAMING_VERBS | PARTICIPLES | QUOTE_VERBS | STANCE_VERBS
) | PLAN_VERBS
_CLAUSE_INTRODUCERS = CLAUSE_VERBS | TELL_VERBS | PARTICIPLES
_BARE_VERBS = BARE_CLAUSE_VERBS
_VERB = re.compile(r"\b" + alternation(_ALL_VERBS | {"according to", "According to"}) + r"\b")
_QUOTE_VERB_ALT = "|".join(sorted(QUOTE_VERBS))
# “…,” Holt said / “…,” said Holt : what follows the closing mark.
_TRAILING = re.compile(
    r"[ \t]*,?[ \t]*(?:(?P<who>[^\s,.;:!?“”\"_][^,.;:!?“”\"_]{0,60}?)[ \t]+"
    rf"(?:also[ \t]+|later[ \t]+|then[ \t]+)?(?P<v1>{_QUOTE_VERB_ALT})\b"
    rf"|(?P<v2>{_QUOTE_VERB_ALT})[ \t]+(?P<who2>(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov)\.[ \t]+)?"
    r"[^,.;:!?“”\"_]{1,60}?)(?=[,.;:!?]|$|[ \t]+"
    r"(?:in|on|at|to|during|after|before|as|while|when)\b))"
)
# Varga told reporters: “…” / Aydemir said, “…”
_LEADING = re.compile(
    rf"\b(?P<verb>{_QUOTE_VERB_ALT}|{'|'.join(sorted(CLAUSE_VERBS | TELL_VERBS))})"
    r"\b[^.!?“”\"]{0,80}?[:,][ \t]*$"
)
_GAP_START = words(
    """
    on in at during after before last this earlier late recently yesterday today also again once
    repeatedly publicly privately previously separately later then while as to with of about
    against for over by from when through outside inside afterwards immediately
    """
)
_NO_COMPLEMENT_START = words(
    """of about against for over by from to with and but or nor as if into on upon"""
)
_THAT = re.compile(r"\bthat[ \t]+")
_STOP_GAP = re.compile(r"[,;:“”\"_.!?]")
_COMPLEMENT_END = re.compile(
    r",?[ \t]+(?:and|but)[ \t]+(?:also[ \t]+|then[ \t]+|later[ \t]+)?(?:"
    + "|".join(sorted(CLAUSE_VERBS | TELL_VERBS | NAMING_VERBS))
    + r")\b|,[ \t]+(?:"
    + "|".join(sorted(PARTICIPLES))
    + r")\b|,[ \t]+according to\b|;"
)
# A stance's verb phrase ends with its clause: ", and", ", but", ";", " while", " because".
_STANCE_END = re.compile(r",?[ \t]+(?:and|but|while|whereas|because|as)[ \t]+|;|[ \t]+—")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|would|could|can|may|might|must|should|has|have|had|does|did|"
    r"do|won’t|won't)\b|\w+ed\b"
)
_APPOSITION = re.compile(r"[ \t]+(?:a|an|the)[ \t]+[^,;:.!?“”\"]{2,80}?,")
_TOLD_WHOM = re.compile(
    r"[ \t]+(?:reporters|journalists|the[ \t]+press|lawmakers|legislators|parliament|"
    r"delegates|investors|analysts|students|workers|members|us|me|him|her|them|"
    r"(?:the|a|an)[ \t]+[a-z][\w\-]*(?:[ \t]+[a-z][\w\-]*)?)[ \t]+(?!that\b)"
)
_NOMINAL_LEAD = re.compile(r"[ \t]*[Tt]he[ \t]+(?P<noun>[a-z][\w\-]+),")
_AND_THAT = re.compile(r",?[ \t]+and[ \t]+that[ \t]+")
_ADVERB_TAIL = re.compile(
    r"(?:[ \t]+(?:also|has|have|had|again|once|later|then|repeatedly|previously|publicly|"
    r"privately|separately|already|never|often|long|recently|still|now|would|will|has long|"
    r"had earlier|earlier|first|last week|on \w+))+[ \t]*$|[ \t]+$"
)
_PRONOUN_END = re.compile(r"(?:^|[\s,(])(?P<p>[Hh]e|[Ss]he|[Ii]t|[Tt]hey)$")
_NOMINAL_END = re.compile(r"\b[Tt]he[ \t]+(?:[\w\-]+[ \t]+)?(?P<noun>[a-z][\w\-]+)$")
_ORGAN_END = re.compile(
    r"(?:[’']s?)?[ \t]+(?:[a-z][\w\-]*[ \t]+){0,2}"
    r"(?:ministry|government|delegation|office|spokesman|spokeswoman|spokesperson|embassy|"
    r"cabinet|side|negotiators|administration|presidency|press office|team|leadership)$"
)
_DEMONYM_ORGAN = re.compile(
    r"(?:\b[Tt]he[ \t]+|^|(?<=[\s,]))(?P<dem>[A-Z][\w\-]+)[ \t]+"
    r"(?:delegation|side|government|foreign ministry|ministry|officials|authorities|"
    r"negotiators|leadership|embassy|military|army|cabinet|administration|presidency)$"
)
# A quotation whose words are mostly capitalized is a title or a slogan.
_TITLE_WORD = re.compile(r"[\w’'\-]+")

_FIRST_WORD = re.compile(r"[ \t]+(?P<word>[\w’'\-]+)")
_LAST_COMMA_PHRASE = re.compile(r",[ \t]+(?:[^,;:“”\"_]{1,60}?)[ \t]*$")
_SENTENCE_PUNCT = re.compile(r"[.;!?]")
_JUST_AND = re.compile(r"[\s,]*(?:and|but)?[\s,]*")
_PRONOUN_PHRASE = re.compile(r"(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)")
_NOMINAL_PHRASE = re.compile(r"[Tt]he[ \t]+(?:[\w\-]+[ \t]+)?(?P<noun>[a-z][\w\-]+)")
_COORDINATION = re.compile(r"[\s”\"’,]*(?:and|but|then|and then)?[\s,]*")
_INTRODUCES_QUOTE = re.compile(r"[^.!?“”\"]{0,80}?[:,][ \t]*[“\"]")
_THAT_WORD = re.compile(r"\bthat\b")
_IN_VIEW = re.compile(
    r"[Ii]n[ \t]+(?:(?P<pronoun>his|her)|the[ \t]+\w+[ \t]+of[ \t]+(?P<name>[A-Z][^,]{1,40})|"
    r"(?P<name2>[A-Z][\w\-]+(?:[ \t]+[A-Z][\w\-]+)?)[’']s)[ \t]+"
    r"(?:view|opinion|assessment|judgment|judgement|estimate|estimation|words),[ \t]+"
)
_SUBORDINATOR = re.compile(
    r"(?:While|Although|Though|As|Because|If|When|Since|After|Before|Whereas|Even though)\b"
)
_MAIN_CLAUSE = re.compile(
    rf",[”\"]?[ \t]+(?=(?:he|she|it|they|we|the|[{UPPER}][\w’'\-]*)[ \t]+[a-z])"
)
_CONJUNCTIONS = frozenset(("while", "and", "but", "as", "whereas", "although", "though"))
_QUOTE_ONLY_CHARS = str.maketrans("", "", '“”"_.,?!—–-')
_ORGAN_AFTER = re.compile(
    r"[ \t]+(?:delegation|side|government|foreign ministry|ministry|officials|"
    r"authorities|negotiators|leadership|embassy|military|army|cabinet)\b"
)
_ATTRIBUTION_BEFORE = re.compile(
    rf"(?P<who>[^,”\"]{{1,60}}?)[ \t]+(?:{_QUOTE_VERB_ALT})\b[^,]*,[ \t]*$"
)


@dataclass
class Unit:
    """One statement: `text[start:end]` is its verbatim quote."""

    start: int
    end: int
    speaker: int  # an actor index, or AUTHOR
    kind: str  # "direct", "reported", "fragment", "author"
    sentence: int


class _Attributor:
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
        # Every speech verb outside quotations, found in one pass.
        masked = doc.masked
        self._verbs = [
            v for v in _VERB.finditer(masked) if not v.start() or masked[v.start() - 1] not in "-’'"
        ]
        self._verb_starts = [v.start() for v in self._verbs]
        #: The sentences that contain a speech verb (outside quotations).
        self.speech_sentences = {doc.sentence_index(p) for p in self._verb_starts}

    # -- entry point ----------------------------------------------------------------------

    def run(self) -> list[Unit]:
        prev_direct: tuple[int, int] | None = None  # (paragraph, speaker) of the last quote unit
        doc = self.doc
        relevant = self.speech_sentences | {doc.sentence_index(q.start) for q in doc.quotes}
        for index, sentence in enumerate(doc.sentences):
            if index not in relevant and not doc.masked.startswith("In ", sentence.start):
                prev_direct = None  # a sentence with neither speech nor quotation
                continue
            before = len(self.units)
            self._reported(index, sentence)
            self._direct(index, sentence, prev_direct)
            new = self.units[before:]
            directs = [u for u in new if u.kind == "direct"]
            if directs:
                prev_direct = (sentence.paragraph, directs[-1].speaker)
            elif new or self._has_verb(sentence) or not self._only_quotes(sentence):
                prev_direct = None
        self.units.sort(key=lambda u: u.start)
        return self.units

    # -- reported speech ------------------------------------------------------------------

    def _in_view(self, index: int, sentence: Sentence) -> None:
        """ "In her view, <clause>" / "In Oddvar’s view, <clause>"."""
        m = _IN_VIEW.match(self.doc.masked, sentence.start)
        if not m:
            return
        if m.group("pronoun"):
            speaker = self._pronoun("she" if m.group("pronoun") == "her" else "he", m.start())
        else:
            speaker = self._speaker_at(m.start("name" if m.group("name") else "name2"))
        if speaker is not None:
            self._add(m.end(), sentence.end, speaker, "reported", index)

    def _reported(self, index: int, sentence: Sentence) -> None:
        self._in_view(index, sentence)
        first = bisect_left(self._verb_starts, sentence.start)
        last = bisect_left(self._verb_starts, sentence.end)
        for v in self._verbs[first:last]:
            verb = v.group()
            if self._covered(v.start()):
                continue
            if verb.lower() == "according to":
                self._according(index, sentence, v)
                continue
            if self._after_quote(v.start(), sentence) or self._before_quote(v.end(), sentence):
                continue
            if verb in PARTICIPLES:
                speaker = self._last_speaker_in(sentence, v.start())
            else:
                speaker = self._subject(v.start(), sentence)
            if verb in NAMING_VERBS:
                if speaker is not None:
                    self._fragment(index, sentence, v.end(), speaker)
                continue
            if verb in STANCE_VERBS or verb in PLAN_VERBS:
                self._stance(index, sentence, v, "stance" if verb in STANCE_VERBS else "plan")
                continue
            if verb not in _CLAUSE_INTRODUCERS:
                continue  # a quote-only verb ("asked", "continued") used in narration
            start = self._complement_start(
                v.end(), sentence, tell=verb in TELL_VERBS, bare=verb in _BARE_VERBS
            )
            if start is None:
                self._clause_before(index, sentence, v, speaker)
                continue
            if speaker is None:
                continue
            if verb not in _BARE_VERBS and not _looks_like_clause(
                self.doc.masked[start : sentence.end]
            ):
                continue  # "acknowledged that pressure in his speech": "that" was not a conjunction
            self._add_clauses(index, sentence, start, speaker)

    def _stance(self, index: int, sentence: Sentence, v: re.Match[str], kind: str) -> None:
        """ "Oskland opposes any cap on wheat", "Varnia wants the tariff scrapped" (a stance:
        a position), "X expects the deal to exclude fuel" (a plan: a prediction): a named
        actor (or a pronoun for one) right before the verb; the statement is the verb phrase,
        up to the end of its clause."""
        masked = self.doc.masked
        if not masked[sentence.start : v.start()].strip():
            return  # no subject before the verb
        speaker = self._subject(v.start(), sentence)
        if speaker is None:
            return
        stop = _STANCE_END.search(masked, v.end(), sentence.end)
        self._add(v.start(), stop.start() if stop else sentence.end, speaker, kind, index)

    def _complement_start(
        self, pos: int, sentence: Sentence, *, tell: bool, bare: bool = True
    ) -> int | None:
        masked = self.doc.masked
        rest = masked[pos : sentence.end]
        m = _FIRST_WORD.match(rest)
        if not m:
            return None
        word = m.group("word")
        window_end = pos + min(len(rest), 110)
        if tell or word.lower() in _GAP_START:
            stop = _STOP_GAP.search(masked, pos, window_end)
            limit = stop.start() if stop else window_end
            that = _THAT.search(masked, pos, limit)
            if that is None:
                # "She told reporters the talks would resume": a short object, then a clause.
                told = _TOLD_WHOM.match(masked, pos, limit) if tell else None
                if told and _looks_like_clause(masked[told.end() : sentence.end]):
                    return told.end()
                return None
            return that.end()
        if word.lower() in _NO_COMPLEMENT_START:
            return None
        if word == "that":
            return pos + m.end()
        return pos + m.start("word") if bare else None

    def _add_clauses(self, index: int, sentence: Sentence, start: int, speaker: int) -> None:
        masked = self.doc.masked
        subordinate = _SUBORDINATOR.match(masked, sentence.start) is not None
        while True:
            end = sentence.end
            stop = _COMPLEMENT_END.search(masked, start, end)
            if stop:
                end = stop.start()
            if subordinate:
                # "While Trump declared that <clause>, he made no mention of ...": the
                # reported clause ends where the main clause begins.
                main = _MAIN_CLAUSE.search(masked, start, end)
                if main:
                    end = main.start()
            split = _AND_THAT.search(masked, start, end)
            next_start = None
            if split:
                next_start = split.end()
                end = split.start()
            self._add(start, end, speaker, "reported", index)
            if next_start is None:
                return
            start = next_start

    def _according(self, index: int, sentence: Sentence, v: re.Match[str]) -> None:
        masked = self.doc.masked
        pos = v.end()
        while pos < sentence.end and masked[pos] in " \t":
            pos += 1
        speaker = self._speaker_at(pos)
        comma = masked.find(",", pos, sentence.end)
        if speaker is None:
            return
        if v.start() > sentence.start + 3 and masked[v.start() - 2 : v.start()] == ", ":
            # "<clause>, according to X."
            self._add(sentence.start, v.start() - 2, speaker, "reported", index)
            return
        while comma != -1 and self.cast.in_role(comma):
            comma = masked.find(",", comma + 1, sentence.end)
        if comma == -1:
            return
        # "According to Lars Holm, a freight broker in Tallor, <clause>": the apposition is
        # not the statement, even when its noun is not one the roles know.
        appo = _APPOSITION.match(masked, comma + 1, sentence.end)
        if appo and not _FINITE.search(appo.group()):
            comma = appo.end() - 1
        self._add(comma + 1, sentence.end, speaker, "reported", index)

    def _clause_before(
        self, index: int, sentence: Sentence, v: re.Match[str], speaker: int | None
    ) -> None:
        """ "<clause>, she said." : reported speech before its attribution, no quotation."""
        masked = self.doc.masked
        head = masked[sentence.start : v.start()]
        m = _LAST_COMMA_PHRASE.search(head)
        if (
            not m
            or speaker is None
            or v.group()
            not in {
                "said",
                "says",
                "added",
                "argued",
                "warned",
                "noted",
                "insisted",
                "predicted",
                "believes",
                "thinks",
            }
        ):
            return
        clause_end = sentence.start + m.start()
        if "”" in masked[sentence.start : clause_end] or '"' in masked[sentence.start : clause_end]:
            return
        self._add(sentence.start, clause_end, speaker, "reported", index)

    def _fragment(self, index: int, sentence: Sentence, pos: int, speaker: int) -> None:
        """ "X called the hold “a missed opportunity”": the quoted fragment after the verb."""
        for q in self.doc.quotes_between(pos, sentence.end):
            gap = self.doc.masked[pos : q.start]
            if len(gap.split()) <= 8 and not _SENTENCE_PUNCT.search(gap):
                self._add(q.inner_start, q.inner_end, speaker, "fragment", index)
            return

    # -- direct quotations ----------------------------------------------------------------

    def _direct(self, index: int, sentence: Sentence, prev_direct: tuple[int, int] | None) -> None:
        doc = self.doc
        quotes = doc.quotes_between(sentence.start, sentence.end)
        last_speaker: int | None = None
        cursor = sentence.start
        for q in quotes:
            if self._covered(q.start) or _is_title(doc.text[q.inner_start : q.inner_end]):
                cursor = q.end
                continue
            speaker = self._trailing(q, sentence)
            if speaker is None:
                lead = _LEADING.search(doc.masked, cursor, q.start)
                if lead:
                    speaker = last_speaker
                    if speaker is None:
                        speaker = self._subject(lead.start("verb"), sentence, limit=cursor)
            if speaker is None and last_speaker is not None:
                gap = doc.masked[cursor : q.start]
                if not gap.strip(" \t,") or _JUST_AND.fullmatch(gap):
                    speaker = last_speaker
            if (
                speaker is None
                and prev_direct is not None
                and prev_direct[0] == sentence.paragraph
                and not doc.masked[sentence.start : q.start].strip()
            ):
                speaker = prev_direct[1]
            cursor = q.end
            if speaker is None:
                continue
            last_speaker = speaker
            self._add(q.inner_start, q.inner_end, speaker, "direct", index)

    def _trailing(self, q: Quote, sentence: Sentence) -> int | None:
        doc = self.doc
        inner = doc.text[q.inner_start : q.inner_end].rstrip()
        after = doc.masked[q.end : sentence.end]
        if not (inner.endswith((",", "?", "!", "—", "–", "-")) or after.startswith(",")):
            return None
        m = _TRAILING.match(doc.masked, q.end, sentence.end)
        if not m:
            return None
        group = "who" if m.group("who") is not None else "who2"
        start = m.start(group)
        return self._resolve_phrase(start, m.end(group), sentence)

    # -- resolving who -------------------------------------------------------------------

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
        # "economist Nora Quist", "harbour master Ines Calder": a title, then the name.
        for mention in self.cast.mentions_in(start, end):
            if not mention.in_quote and not mention.demonym and not mention.possessive:
                return mention.actor
        return None

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
        nominal = _NOMINAL_END.search(core)
        if nominal and (
            nominal.group("noun") in self._nouns or nominal.group("noun") == "government"
        ):
            return self._nominal(nominal.group("noun"), core_end)
        if not core.rstrip().endswith((",", "”", '"', ")")):
            return None  # an unnamed subject ("Experts said", "several participants said")
        # An apposition or relative clause ends right before the verb: the clause's subject
        # is its first name.
        for m in self.cast.mentions_in(clause_start, core_end):
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
        i = cast.mentions_before(pos) - 1
        strict: int | None = None
        loose: int | None = None
        while i >= 0:
            m = cast.mentions[i]
            i -= 1
            if self.doc.paragraph_of(m.start) < paragraph - 1:
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
                    loose = m.actor
                continue
            strict = m.actor
            break
        return strict if strict is not None else loose

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
            if cast.actors[m.actor].kind == GROUP:
                return m.actor
        return None

    def _nominal(self, noun: str, pos: int) -> int | None:
        """The actor "the <noun>" refers to: the last one mentioned that the noun describes."""
        candidates = set(self._nouns.get(noun, []))
        if noun == "government" and self.cast.main_state is not None:
            fallback: int | None = self.cast.main_state
        else:
            fallback = None
        if not candidates:
            return fallback
        i = self.cast.mentions_before(pos) - 1
        stop = max(-1, i - 400)  # look back a few paragraphs' worth of mentions at most
        while i > stop:
            m = self.cast.mentions[i]
            if m.actor in candidates and not m.in_role:
                return m.actor
            i -= 1
        return min(candidates)

    # -- helpers --------------------------------------------------------------------------

    def _add(self, start: int, end: int, speaker: int, kind: str, sentence: int) -> None:
        text = self.doc.text
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

    def _after_quote(self, pos: int, sentence: Sentence) -> bool:
        """Whether the verb at `pos` attributes a quotation just before it (“…,” Holt said)."""
        before = [q for q in self.doc.quotes_between(sentence.start, pos) if q.end <= pos]
        if not before:
            return False
        q = before[-1]
        inner = self.doc.text[q.inner_start : q.inner_end].rstrip()
        if _is_title(inner):
            return False
        if not (inner.endswith((",", "?", "!", "—", "–", "-")) or self.doc.masked[q.end] == ","):
            return False
        if self._covered(q.inner_start):
            return False  # a fragment already attributed ("called the bill “a good start”")
        m = _TRAILING.match(self.doc.masked, q.end, sentence.end)
        if m is None or pos not in (m.start("v1"), m.start("v2")):
            return False
        who = m.group("who") or ""
        return who.split(maxsplit=1)[0].lower() not in _CONJUNCTIONS if who else True

    def _before_quote(self, pos: int, sentence: Sentence) -> bool:
        """Whether the verb at `pos` introduces a quotation ("Varga told reporters: “…”")."""
        rest = self.doc.masked[pos : sentence.end]
        m = _INTRODUCES_QUOTE.match(rest)
        return m is not None and not _THAT_WORD.search(m.group())

    def _has_verb(self, sentence: Sentence) -> bool:
        i = bisect_left(self._verb_starts, sentence.start)
        return i < len(self._verb_starts) and self._verb_starts[i] < sentence.end

    def _only_quotes(self, sentence: Sentence) -> bool:
        rest = self.doc.masked[sentence.start : sentence.end]
        return not rest.translate(_QUOTE_ONLY_CHARS).strip()


_AUXILIARIES = words(
    """
    is are was were be been am has have had do does did will would could can may might shall
    should must won’t can’t isn’t aren’t wasn’t weren’t hasn’t haven’t didn’t doesn’t
    """
)
_NOT_VERBS = words("his its this has was is us as yes less plus thus news ties series")
_SUBJECT_PRONOUNS = words("i we they he she it you there")


def _looks_like_clause(rest: str) -> bool:
    """Whether words after "that" form a clause (they have a verb), not a noun phrase."""
    tokens = rest.lower().split()[:14]
    if tokens and tokens[0] in _SUBJECT_PRONOUNS:
        return True
    return any(
        t in _AUXILIARIES
        or t.endswith("ed")
        or (len(t) > 3 and t.endswith("s") and t not in _NOT_VERBS)
        for t in (tok.strip(',.;:“”"’') for tok in tokens)
    )


@functools.lru_cache(maxsize=4096)
def _is_title(inner: str) -> bool:
    words = _TITLE_WORD.findall(inner)
    if not words or len(words) > 10:
        return False
    long_words = [w for w in words if len(w) > 3] or words
    capitalized = sum(1 for w in long_words if w[0].isupper())
    return (
        words[0][0].isupper()
        and capitalized / len(long_words) >= 0.75
        and (len(words) > 1 or inner.strip()[-1:] not in ",.!?")
    )


@dataclass
class Attribution:
    """The attributed statements of a document, and which sentences report speech at all."""

    units: list[Unit]
    speech_sentences: set[int]


def find_units(doc: Document, cast: Cast) -> Attribution:
    """Every attributed statement in `doc`, in text order."""
    from .continued import continued_quotes  # both build on this module's Unit
    from .interviews import answers

    attributor = _Attributor(doc, cast)
    units = attributor.run()
    spoken = answers(doc, cast)
    units = sorted([*units, *continued_quotes(doc, units)], key=lambda u: u.start)
    if spoken:
        # An answer is one statement: what else was found inside it is dropped.
        units = [u for u in units if not any(a.start <= u.start < a.end for a in spoken)]
        units = sorted([*units, *spoken], key=lambda u: u.start)
    return Attribution(units, attributor.speech_sentences)
