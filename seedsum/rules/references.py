"""What a pronoun, a common noun or a spokesperson refers to ("she", "they", "the ministry",
"the spokesperson"): the actor, resolved against the cast's mentions, nouns and demonyms,
indexed once per document, and the units found so far."""

from __future__ import annotations

import re

from .actors import GROUP, ORGANIZATION, PERSON, STATE, Cast, Mention
from .cast import located
from .lexicon import words
from .sentences import Document
from .titles import employer_before
from .units import UnitLog

SPOKES_NOUNS = words("spokesperson spokesman spokeswoman")
_SPOKESPERSON_FOR = re.compile(r"\b[Ss]pokes(?:person|man|woman)\s+(?:for|of|at)\s+")
# "Varnia and Oskland", "the Teachers' Union and the Nurses' Guild": two names joined.
_PAIRED_BEFORE = re.compile(r" (?:and|&) (?:the )?$")
#: Bodies made of their members, who speak for it as "they".
_MEMBERS_BODIES = words(
    "Alliance Coalition Federation Union Association League Collective Forum Chamber "
    "Confederation Guild Consortium Network"
)
# "Henrik Solm of the Calverian Chamber of Trade said": the person speaks, not the body.
_OF_BEFORE = re.compile(r" of (?:the )?$")
_AND_BEFORE = re.compile(r"\band\s+(?:the\s+)?$")
_ORGAN_AFTER = re.compile(
    r"[ \t]+(?:delegation|side|government|foreign ministry|ministry|officials|"
    r"authorities|negotiators|leadership|embassy|military|army|cabinet)\b"
)
#: Common nouns for a state's organs: the state speaks ("the trade ministry said").
STATE_ORGANS = frozenset(
    {"government", "ministry", "treasury", "cabinet", "administration", "department"}
)
# "The airline said": the last organization named before it, when no actor has that noun.
BUSINESSES = frozenset(
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
        "board",  # "the trust's board said": the body it runs
    }
)


class References(UnitLog):
    """Resolves references against a document's cast."""

    def __init__(self, doc: Document, cast: Cast) -> None:
        super().__init__(doc)
        self.cast = cast
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

    def _named_speaker(self, mention: Mention) -> int:
        """Who speaks when `mention` ends right before a speech verb: the person it is the
        affiliation of ("Henrik Solm of the Chamber of Trade said"), else `_first_of_pair`."""
        if self.cast.actors[mention.actor].kind != PERSON:
            window = max(0, mention.start - 8)
            of = _OF_BEFORE.search(self.doc.masked, window, mention.start)
            person = self._mention_ends.get(of.start()) if of is not None else None
            if person is not None and self.cast.actors[person.actor].kind == PERSON:
                return person.actor
        return self._first_of_pair(mention)

    def _first_of_pair(self, mention: Mention) -> int:
        """ "Varnia and Oskland said in a joint statement": the first-named speaks (the format
        has one speaker per unit, GUIDELINES.md)."""
        window = max(0, mention.start - 9)
        joined = _PAIRED_BEFORE.search(self.doc.masked, window, mention.start)
        if joined is not None:
            first = self._mention_ends.get(joined.start())
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
        if noun in SPOKES_NOUNS:
            return self._spokesperson_of(pos)
        candidates = set(self._nouns.get(noun, []))
        fallback: int | None = None
        if noun in STATE_ORGANS:
            fallback = self.cast.main_state  # "the trade ministry said": the state speaks
        elif noun in BUSINESSES and not candidates:
            # "The company said": the last organization named before it.
            candidates = {i for i, a in enumerate(self.cast.actors) if a.kind == ORGANIZATION}
        if not candidates:
            return fallback
        found = self._last_named(candidates, noun, pos)
        if found is not None:
            return found
        if noun in BUSINESSES:
            # None of the companies it fits is named yet: the last organization named.
            orgs = {i for i, a in enumerate(self.cast.actors) if a.kind == ORGANIZATION}
            if orgs - candidates:
                found = self._last_named(orgs, noun, pos)
                return found if found is not None else min(orgs)
        return min(candidates)

    def _last_named(self, candidates: set[int], noun: str, pos: int) -> int | None:
        """The last of `candidates` "the <noun>" at `pos` can stand for, mentioned outside a
        role within a few paragraphs' worth of mentions before it."""
        i = self.cast.mentions_before(pos) - 1
        stop = max(-1, i - 400)
        organ = noun in STATE_ORGANS
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
        return None

    def _spokesperson_of(self, pos: int) -> int | None:
        """ "A spokesperson for the Ministry of X said ..." then "the spokesperson said": the
        ministry, from the last such introduction within a few paragraphs."""
        found = list(_SPOKESPERSON_FOR.finditer(self.doc.text, max(0, pos - 2000), pos))
        if not found:
            return None
        m = self._speaker_at(found[-1].end())
        return m if m is not None and self.cast.actors[m].kind != PERSON else None
