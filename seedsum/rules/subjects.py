"""Whose future a forecast is about (`subjects`), from the words of its quote.

In order, each adding to what the earlier ones found:

1. actors named in the quote, except inside a role ("chief economist at Orsa Bank") or as a
   place ("talks in Tallor", "demand in Germany");
2. group references: "the two sides", "both governments", "neither country" are the two
   states the text mentions most; "neither party", "both parties" its two main parties;
3. "the <noun>" for an actor that noun describes ("the bank", "the federation");
4. monetary policy ("the first rate cut", "cut rates", "on hold", "the board") is the
   central bank's, when the text names one; prices and rallies are those of the exchange
   the text names ("the Harlow Metals Exchange");
5. "we will", "we plan", "our ..." in a speaker's own words is the organization the speaker's
   role names ("leader of the Progress Alliance");
6. a country's economy ("Inflation ...", "growth", "exports") at the start of the quote is
   that state's.

Before all of these, the speaker, when a person's statement is about their own future ("she
would visit the town", "I will sell the land"). With none of them: the sentence's other
actors (not people), then the speaker (an organization or state), the text's main state, or
the speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .attribution import AUTHOR, Unit
from .cast import GROUP, ORGANIZATION, PERSON, STATE, Cast
from .lexicon import words
from .sentences import Document

_LOCATIVES = words("in at from near inside outside around across through via into")
_STATES_GROUP = re.compile(
    r"\b(?:the\s+two|both|neither|either)\s+(?:sides?|countries|country|governments?|"
    r"nations?|states?|capitals?|delegations?|neighbou?rs?)\b",
    re.IGNORECASE,
)
_PARTIES_GROUP = re.compile(
    r"\b(?:the\s+two|both|neither|either)\s+(?:(?:main|big|major)\s+)?(?:parties|party|camps?)\b",
    re.IGNORECASE,
)
_NOMINAL = re.compile(r"\b(?:the|this|that|its)\s+(?P<noun>[a-z][\w\-]+)\b")
_MONETARY = re.compile(
    r"\b(?:(?:interest\s+)?rates?\s+(?:cuts?|hikes?|rises?|increases?|decisions?)"
    r"|(?:cut|cuts|cutting|raise|raises|raising|hike|hikes|lower|lowers|lowering|hold|holds|"
    r"keep|keeps|keeping)\s+(?:interest\s+)?rates"
    r"|(?:first|next|a|another)\s+(?:rate\s+)?(?:cut|hike)"
    r"|on\s+hold|(?:the|this)\s+board)\b",
    re.IGNORECASE,
)
_PRICES = re.compile(r"\b(?:prices?|rally|benchmark|futures|contract)\b", re.IGNORECASE)
# Not "she expects"/"she wants": what she expects or wants is about someone else.
_HE_OR_SHE = re.compile(
    r"(?:he|she)\s+(?:would|will|could|might|may|was\s+going|planned|intended|aimed|plans|"
    r"intends|aims)\b"
)
_I_WILL = re.compile(
    r"I(?:’ll|'ll|\s+(?:will|would|shall|am\s+going|plan|intend|"
    r"hope|won’t|won't|am\s+not\s+going))\b"
)
_CENTRAL_BANK = re.compile(
    r"\b(?:Central|National|Reserve|People’s)\s+Bank\b|\bBank\s+of\b|\bFederal\s+Reserve\b"
)
_WE_PLAN = re.compile(
    r"(?:^|[\s“(])(?:[Ww]e(?:’ll|'ll)?\s+(?:will|would|shall|plan|intend|aim|want|expect|are\s+"
    r"going|won’t|won't|are\s+not\s+going|hope|propose|mean)|[Oo]ur\s+\w+)\b"
)
_ECONOMY_START = re.compile(
    r"(?:[Cc]ore\s+|[Hh]eadline\s+|[Tt]he\s+)?(?:[Ii]nflation|[Gg]rowth|[Ee]conomy|"
    r"[Uu]nemployment|[Ee]xports|[Ii]mports|GDP|[Oo]utput|[Tt]he\s+budget\s+deficit|"
    r"[Tt]he\s+deficit|[Pp]rices)\b"
)


def subjects_of(doc: Document, cast: Cast, unit: Unit, quote: str) -> list[int]:
    """The actors (indices into `cast.actors`) a forecast is about (see module docstring)."""
    found: list[int] = []

    def add(indices: list[int]) -> None:
        found.extend(i for i in indices if i not in found)

    if _about_the_speaker(cast, unit, quote):
        add([unit.speaker])
    add(_named(doc, cast, unit))
    if _STATES_GROUP.search(quote):
        add(_most_mentioned(cast, lambda i: cast.actors[i].kind == STATE, 2))
    if _PARTIES_GROUP.search(quote):
        add(_most_mentioned(cast, lambda i: "party" in cast.actors[i].nouns, 2))
    for m in _NOMINAL.finditer(quote):
        add(_described(cast, m.group("noun"), unit.start))
    if _MONETARY.search(quote):
        add(_central_bank(cast))
    if _PRICES.search(quote):
        add(_exchange(cast))
    if unit.kind == "direct" and unit.speaker != AUTHOR and _WE_PLAN.search(quote):
        add(_speakers_organization(cast, unit.speaker))
    if _ECONOMY_START.match(quote) and cast.main_state is not None:
        add([cast.main_state])
    return found or _fallback(doc, cast, unit, quote)


def _named(doc: Document, cast: Cast, unit: Unit) -> list[int]:
    found: list[int] = []
    text = doc.text
    for m in cast.mentions_in(unit.start, unit.end):
        if m.in_role or m.actor in found:
            continue
        before = text[max(0, m.start - 12) : m.start].split()
        located = bool(before) and before[-1].lower() in _LOCATIVES
        if located and cast.actors[m.actor].kind == STATE:
            continue
        found.append(m.actor)
    return found


def _most_mentioned(cast: Cast, wanted: Callable[[int], bool], count: int) -> list[int]:
    """The `count` actors `wanted` accepts that are mentioned most (none if fewer)."""
    counts = Counter(m.actor for m in cast.mentions if not m.in_role and wanted(m.actor))
    top = sorted(counts, key=lambda i: (-counts[i], i))[:count]
    return top if len(top) == count else []


def _described(cast: Cast, noun: str, pos: int) -> list[int]:
    """The actor "the <noun>" refers to: the last mentioned before `pos` that it describes."""
    if noun in {"government", "country"}:
        return [cast.main_state] if cast.main_state is not None else []
    candidates = {i for i, a in enumerate(cast.actors) if noun in a.nouns}
    if not candidates:
        return []
    i = cast.mentions_before(pos) - 1
    while i >= 0:
        m = cast.mentions[i]
        if m.actor in candidates and not m.in_role:
            return [m.actor]
        i -= 1
    return [min(candidates)]


def _central_bank(cast: Cast) -> list[int]:
    banks = [
        i
        for i, a in enumerate(cast.actors)
        if a.kind == ORGANIZATION and any(_CENTRAL_BANK.search(f) for f in a.forms)
    ]
    return _most_mentioned(cast, lambda i: i in banks, 1) if banks else []


def _exchange(cast: Cast) -> list[int]:
    """A price set on a named market goes to that market (GUIDELINES.md): the organization
    named "... Exchange" or "... Market" the text mentions most."""
    markets = {
        i
        for i, a in enumerate(cast.actors)
        if a.kind == ORGANIZATION and a.name.split()[-1] in {"Exchange", "Market", "Bourse"}
    }
    return _most_mentioned(cast, lambda i: i in markets, 1) if markets else []


def _about_the_speaker(cast: Cast, unit: Unit, quote: str) -> bool:
    """Whether a person's statement is about their own future: a reported clause with "he"
    or "she" as its subject ("she would visit the town"), or "I will" in their own words."""
    if unit.speaker == AUTHOR or cast.actors[unit.speaker].kind != PERSON:
        return False
    if unit.kind == "reported":
        return _HE_OR_SHE.match(quote) is not None
    return unit.kind == "direct" and _I_WILL.match(quote) is not None


def _speakers_organization(cast: Cast, speaker: int) -> list[int]:
    """The organization (or state) named in the speaker's role; else the organization
    mentioned last before the speaker's first mention, in the same sentence ("The Dockers'
    Federation ... Its chairman, Piet Aro, said")."""
    role = cast.actors[speaker].role or ""
    if cast.actors[speaker].kind != PERSON:
        return [speaker]
    for i, actor in enumerate(cast.actors):
        if i != speaker and actor.kind != PERSON and any(f in role for f in actor.forms):
            return [i]
    first = next((m for m in cast.mentions if m.actor == speaker), None)
    if first is None:
        return []
    i = cast.mentions_before(first.start) - 1
    while i >= 0 and first.start - cast.mentions[i].end < 200:
        m = cast.mentions[i]
        if cast.actors[m.actor].kind in {ORGANIZATION, GROUP}:
            return [m.actor]
        i -= 1
    return []


def _fallback(doc: Document, cast: Cast, unit: Unit, quote: str) -> list[int]:
    """The sentence's other actors (not people), else the speaker (an organization or state),
    else the text's main state, else the speaker."""
    found: list[int] = []
    sentence = doc.sentences[unit.sentence]
    for m in cast.mentions_in(sentence.start, sentence.end):
        if m.in_role or m.actor == unit.speaker or m.actor in found:
            continue
        if cast.actors[m.actor].kind != PERSON or m.possessive:
            found.append(m.actor)
    if found:
        return found
    if unit.speaker != AUTHOR and cast.actors[unit.speaker].kind != PERSON:
        return [unit.speaker]
    if cast.main_state is not None:
        return [cast.main_state]
    if unit.speaker != AUTHOR:
        return [unit.speaker]
    counts = Counter(m.actor for m in cast.mentions if not m.in_role)
    if not counts:
        return [0] if cast.actors else []
    return [max(counts, key=lambda i: (cast.actors[i].kind != PERSON, counts[i], -i))]
