"""Who a speaker speaks for, and which actor a common noun ("the company", "the group")
refers to: the two questions behind "we will strike" and "the company would decide".

- A person's organization is the one their role names ("Kovina’s chief executive") or the
  text links to them (see `speaker_bodies`); an organization or state speaks for itself.
- "the <noun>" is the speaker's own organization when the noun fits it, else the actor last
  mentioned before the quote that the noun fits: its own nouns ("bank", "federation"), or a
  kind word ("company", "firm" for a business; "group" for any organization or group).
  "the government", "the ministry" and the like (and "the coalition" when no body is named
  one) are the speaker's state, else the text's main state; "the town", "the council" are
  the mayor's (GUIDELINES.md). A noun no actor has is the body whose introduction holds it
  ("the reservoir" after "the Water Board, the public body that runs the reservoir,").

Who stands behind a group noun or an event (a body's members, the sides of talks or of a
strike, a levy's setter) is in `parties`, and whom a speaker speaks for in `speaker_bodies`:
`Affiliation` takes its methods from both.
"""

from __future__ import annotations

import functools
import re

from .cast import ORGANIZATION, PERSON, STATE, Cast, Mention, located
from .lexicon import words
from .parties import Parties
from .sentences import Document
from .speaker_bodies import SpeakerBodies

STATE_NOUNS = words(
    "government country state nation ministry treasury cabinet parliament administration capital"
)
_TOWN_NOUNS = words("town council city municipality village")
_BUSINESS_NOUNS = words("company firm business operator")
_ANY_BODY_NOUNS = words("group organisation organization body institution")
# Organizations that are not businesses, by the nouns their names or roles give them.
_INSTITUTIONAL = words(
    """
    union party bank exchange university federation association league alliance coalition board
    authority council ministry institute commission consortium collective court agency regulator
    """
)
_GOVERNING = words("board management leadership")
_ANALYST_NOUNS = words(
    "consultancy consultants broker brokerage forecaster forecasters research think-tank"
)
_ANALYSTS_AT = re.compile(r"\b(?:[Aa]nalysts|[Ee]conomists|[Ss]trategists|[Rr]esearchers)\s+at\s+$")
# An apposition or relative clause that introduces a body ("the public body that runs ...",
# "which manages ...").
_INTRO = re.compile(r"(?:the|a|an|which|that|whose)\b")
_WORD = re.compile(r"(?<![\w\-])[a-z][a-z\-]{3,}\b")
_NOMINAL = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts)\s+(?P<noun>[a-z][\w\-]+)\b")


class Affiliation(SpeakerBodies, Parties):
    """Speakers' organizations and common nouns' actors in one document, with what they
    need from the whole document indexed once."""

    def __init__(self, doc: Document, cast: Cast) -> None:
        self.doc = doc
        self.cast = cast
        self._organizations: dict[int, list[int]] = {}
        self._analysts: dict[int, bool] = {}
        self._setters: dict[str, list[int]] = {}
        self._fits: dict[str, set[int]] = {}
        self.dateline_end = doc.dateline_end

    def is_analysts_firm(self, actor: int) -> bool:
        """Whether an organization is a firm of analysts ("Economists at Marlow & Finch, an
        energy consultancy"), whose forecasts are about others; once per actor."""
        found = self._analysts.get(actor)
        if found is None:
            found = self._analysts[actor] = self._analysts_firm(actor)
        return found

    def _analysts_firm(self, actor: int) -> bool:
        info = self.cast.actors[actor]
        if info.kind != ORGANIZATION:
            return False
        if info.nouns & _ANALYST_NOUNS or _ANALYST_NOUNS.intersection((info.role or "").split()):
            return True
        masked = self.doc.masked
        return any(
            _ANALYSTS_AT.search(masked, max(0, m.start - 30), m.start)
            for m in self.mentions_of(actor)
        )

    def first_reference(self, sentence: int, back: int = 4) -> int | None:
        """The organization, group or state the nearest of the `back` sentences before
        `sentence` (in its paragraph or the one before) names or describes first, outside
        quotations: the antecedent of "its" or of a forecast with no subject of its own."""
        paragraph = self.doc.sentences[sentence].paragraph
        for index in range(sentence - 1, max(-1, sentence - 1 - back), -1):
            s = self.doc.sentences[index]
            if s.paragraph < paragraph - 1:
                break
            refs: list[tuple[int, int]] = []
            for m in self.cast.mentions_in(s.start, s.end):
                kind = self.cast.actors[m.actor].kind
                if m.in_role or m.in_quote or kind == PERSON:
                    continue
                if kind == STATE and located(self.doc.text, m):
                    continue
                refs.append((m.start, m.actor))
                break
            for n in _NOMINAL.finditer(self.doc.masked, s.start, s.end):
                if refs and n.start() > refs[0][0]:
                    break
                hit = [
                    i
                    for i in self.described(n.group("noun"), n.start())
                    if self.cast.actors[i].kind != PERSON
                ]
                if hit:
                    refs.append((n.start(), hit[0]))
                    break
            if refs:
                return min(refs)[1]
        return None

    def fits(self, noun: str, index: int) -> bool:
        """Whether "the <noun>" can describe the actor."""
        actor = self.cast.actors[index]
        if noun in actor.nouns:
            return True
        if actor.kind in {PERSON, STATE}:
            return False
        if noun in _BUSINESS_NOUNS:
            return actor.kind == ORGANIZATION and not actor.nouns & _INSTITUTIONAL
        return noun in _ANY_BODY_NOUNS

    def described(
        self, noun: str, pos: int, speaker: int | None = None, head: bool = True
    ) -> list[int]:
        """The actor "the <noun>" at `pos` refers to (see the module docstring); `speaker` is
        the person or body whose words hold it, if any; a modifier, not the `head` of its
        phrase ("waiting" in "the waiting list"), refers only by an actor's own nouns."""
        if noun == "coalition" and not self._coalitions:
            # "the coalition" with no body named "... Coalition": the governing one, which
            # is the government.
            return self.home_state(speaker)
        if noun in _GOVERNING and speaker is not None and not self._fitting(noun):
            # "the board would have to look again", in the words of the trust's finance
            # director: the board of the body the speaker speaks for.
            own = self.speakers_organization(speaker)
            if own and self.cast.actors[own[0]].kind == ORGANIZATION:
                return own
        if noun not in self._vocabulary and _singular(noun) not in self._vocabulary:
            return []  # most words of a subject: answered without looking at the actors
        if noun in STATE_NOUNS:
            return self.home_state(speaker)
        if noun in _TOWN_NOUNS and not self._fitting(noun):
            mayors = {
                i for i, a in enumerate(self.cast.actors) if "mayor" in (a.role or "").lower()
            }
            if mayors:
                last = self._last_mentioned(mayors, pos)
                return [last if last is not None else min(mayors)]
        candidates = self._fitting(noun)
        if not candidates:
            single = _singular(noun)
            several = {i for i in self._fitting(single or "") if self.cast.actors[i].kind != PERSON}
            # "Analysts at X expect the companies to ...": others than X.
            several.discard(speaker if speaker is not None else -1)
            if single is not None and several:
                # "the companies", "both unions": the last two that the singular fits.
                return self._last_mentioned_two(several, pos)
            return self.introduced_with(noun) if head else []
        if speaker is not None:
            own = self.speakers_organization(speaker)
            if own and own[0] in candidates:
                return own
        last = self._last_mentioned(candidates, pos)
        if last is not None:
            return [last]
        named = [i for i in candidates if noun in self.cast.actors[i].nouns]
        return [min(named)] if named else []

    @functools.cached_property
    def _coalitions(self) -> bool:
        return any("Coalition" in a.name for a in self.cast.actors)

    def mentions_of(self, actor: int) -> list[Mention]:
        """Every mention of `actor`, in text order."""
        return self._by_actor.get(actor, [])

    @functools.cached_property
    def _by_actor(self) -> dict[int, list[Mention]]:
        by_actor: dict[int, list[Mention]] = {}
        for m in self.cast.mentions:
            by_actor.setdefault(m.actor, []).append(m)
        return by_actor

    @functools.cached_property
    def _vocabulary(self) -> frozenset[str]:
        """Every noun that can describe an actor of this text."""
        nouns = {n for a in self.cast.actors for n in a.nouns}
        fixed = STATE_NOUNS | _TOWN_NOUNS | _BUSINESS_NOUNS | _ANY_BODY_NOUNS
        return frozenset(nouns | fixed | set(self._introductions))

    def home_state(self, speaker: int | None) -> list[int]:
        """The state a speaker's government, economy or country is: the speaker's own state
        ("Varnian Trade Minister"), else the text's main state, else the state the speaker's
        organization is named after ("National Bank of Lusavia"), else the text's only state."""
        own = self.speakers_organization(speaker) if speaker is not None else []
        if own and self.cast.actors[own[0]].kind == STATE:
            return own
        if self.cast.main_state is not None:
            return [self.cast.main_state]
        states = [i for i, a in enumerate(self.cast.actors) if a.kind == STATE]
        for i in own:
            name = self.cast.actors[i].name
            named = [j for j in states if any(f in name for f in self.cast.actors[j].forms)]
            if named:
                return named[:1]
        return states if len(states) == 1 else []

    def introduced_with(self, noun: str) -> list[int]:
        """The body whose introduction holds the noun: "the reservoir" is the Water Board's in
        "The Sarn Valley Water Board, the public body that runs the reservoir, ..."."""
        found = self._introductions.get(noun) if len(noun) >= 4 else None
        return [found] if found is not None else []

    @functools.cached_property
    def _introductions(self) -> dict[str, int]:
        index: dict[str, int] = {}
        text = self.doc.text
        for m in self.cast.mentions:
            actor = self.cast.actors[m.actor]
            if m.in_role or m.in_quote or actor.kind in {PERSON, STATE}:
                continue
            # An introduction comes with the full name, set off by commas on both sides.
            if text[m.start : m.end] != actor.name.removeprefix("the "):
                continue
            tail = text[m.end : m.end + 120]
            stop = re.search(r"[,.;:]", tail[2:]) if tail.startswith(", ") else None
            if stop is None or stop.group() != ",":
                continue
            intro = tail[2 : 2 + stop.start()]
            if _INTRO.match(intro):
                for word in _WORD.findall(intro):
                    index.setdefault(word, m.actor)
        return index

    def _fitting(self, noun: str) -> set[int]:
        found = self._fits.get(noun)
        if found is None:
            found = self._fits[noun] = {
                i for i in range(len(self.cast.actors)) if self.fits(noun, i)
            }
        return found

    def _last_mentioned_two(self, candidates: set[int], pos: int) -> list[int]:
        found: list[int] = []
        i = self.cast.mentions_before(pos) - 1
        while i >= 0 and len(found) < 2:
            m = self.cast.mentions[i]
            if m.actor in candidates and not m.in_role and m.actor not in found:
                found.append(m.actor)
            i -= 1
        return found if len(found) == 2 else []

    def _last_mentioned(self, candidates: set[int], pos: int) -> int | None:
        i = self.cast.mentions_before(pos) - 1
        while i >= 0:
            m = self.cast.mentions[i]
            if m.actor in candidates and not m.in_role:
                return m.actor
            i -= 1
        return None


def _singular(noun: str) -> str | None:
    """The singular of a plural noun ("companies", "unions"), or None."""
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return None
