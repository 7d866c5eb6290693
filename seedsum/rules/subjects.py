"""Whose future a forecast is about (`subjects`), from the words of its quote.

The predicted clause's grammatical subject (`subject_phrase`: "the company would decide",
"expects the first cut to come") decides most: in order, each adding to what the earlier
ones found,

1. actors named in the quote, except inside a role ("chief economist at Orsa Bank"), the
   dateline, a leading circumstance ("With no talks scheduled at Kolwe, ...") or as a place
   ("talks in Tallor", "demand in Germany"); "Pilots at Veskair" are their union's;
2. a subject that is the speaker's own side: "we", "our members" are the speaker's
   organization, "it", "they" an organization or state speaker itself, and "my office",
   "her office" the person who speaks (GUIDELINES v4);
3. group references in the subject: a body's members, the text's one union; "the two
   sides", "both governments", "neither country" are the two states the text mentions most;
   "neither party", "both parties" its two main parties; a strike's start is its union's and
   its length both sides'; talks, a round, a settlement or a merger are the two parties the
   text names together;
4. the subject's common nouns, when no actor names it: "the company", "the group", "the
   reservoir", "the government" (`affiliation.described`); a levy is the body that sets it;
   and "prices in the union";
5. monetary policy ("the first rate cut", "cut rates", "on hold", "the board") is the
   central bank's, when the text names one; prices and rallies are those of the exchange
   the text names ("the Harlow Metals Exchange"), but not what households pay;
6. "we will", "we plan", "our ..." anywhere in a speaker's own words is the speaker's
   organization (`affiliation.speakers_organization`);
7. a country's economy ("Inflation ...", "growth", "the florin", "bread prices") as the
   subject is that state's.

The rules for common nouns (5, 7, the strike and the levy) are in `subject_nouns`. Before
all of these, the speaker, when a person's statement is about their own future ("she would
visit the town", "I will sell the land"). With none of them: an unnamed group ("many
low-paid families") is its state's or its town's, else the sentence's other actors (not
people, not places), then the speaker (an organization or state), for the text's own
forecasts the body the sentences before are about, the town the text is about (GUIDELINES
v4), the text's main state, or the speaker (`subject_fallback`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import Likelihood
from .affiliation import STATE_NOUNS, Affiliation
from .cast import PERSON, STATE, Cast, Mention, located
from .conditions import conditions
from .predictions import markers
from .sentences import Document
from .subject_fallback import fallback_subjects
from .subject_nouns import (
    economies_in,
    is_corporate,
    is_economy,
    levy_subjects,
    market_subjects,
    monetary_subjects,
    most_mentioned,
    opens_with_economy,
    strike_subjects,
    unnamed_group_subjects,
)
from .subject_phrase import EXPECT_VERBS, EXPECTED_BEFORE, ODDS, circumstance_end, subject_span
from .units import Unit

_STATES_GROUP = re.compile(
    r"\b(?:the\s+two|both|neither|either)\s+(?:countries|country|governments?|"
    r"nations?|states?|capitals?|neighbou?rs?)\b",
    re.IGNORECASE,
)
_PARTIES_GROUP = re.compile(
    r"\b(?:the\s+two|both|neither|either)\s+(?:(?:main|big|major)\s+)?(?:parties|party|camps?)\b",
    re.IGNORECASE,
)
# The words of a subject that may refer to an actor: common nouns after a determiner, up to
# three ("the town council", "the dockers' federation"), not a bare one ("energy prices").
_NOUN = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Aa]n?)\s+"
    r"(?P<words>(?:[a-z][a-z\-]*(?:[’']s?)?\s+){0,2}[a-z][a-z\-]+)\b"
)
_POSSESSIVE = re.compile(r"[’']s?$")
# A subject headed by a plural noun and where its people work ("Pilots at Veskair").
_CREW = re.compile(r"(?:[Tt]he\s+)?(?P<noun>[A-Za-z][a-z]{2,}s)\s+(?:at|of|from|in)\s+[A-Z]")
# A union's members by a plain plural ("members", "many younger workers").
_WORKERS = re.compile(r"\b(?:members|workers|miners|employees|staff|dockers|strikers)\b")
# Talks and disputes are the two sides' ("the next round", "a settlement", "this process").
_SIDES = re.compile(
    r"\b(?:(?:the\s+two|both|neither|either)\s+(?:sides?|delegations?)|talks|negotiations?|"
    r"round|settlement|process|dispute|negotiators|delegations|(?:technical\s+)?teams|merger|"
    r"deal|accord|ceasefire|truce|stand-?off|price\s+war)\b"
)
# A subject that is the speaker's own side: "we", "our members", "it", "its board", "they".
_OWN = re.compile(r"(?:[Ww]e|[Oo]ur|[Uu]s|[Ii]t|[Ii]ts|[Tt]hey|[Tt]heir)\b")
_OFFICE = re.compile(r"(?:[Mm]y|[Hh]er|[Hh]is)\s+office\b")
_IT = re.compile(r"[Ii]ts?\b")
_FIRST_PLURAL = re.compile(r"(?:[Ww]e|[Oo]ur|[Uu]s)\b")
# Not "she expects"/"she wants": what she expects or wants is about someone else.
_HE_OR_SHE = re.compile(
    r"(?:he|she)\s+(?:would|will|could|might|may|was\s+[“\"]?(?:not\s+)?going|planned|"
    r"intended|aimed|plans|"
    r"intends|aims)\b"
)
_I_WILL = re.compile(
    r"I(?:’ll|'ll|(?:’m|'m|\s+am)(?:\s+not)?\s+(?:going|planning|hoping)|\s+(?:will|would|"
    r"shall|plan|intend|hope|won’t|won't))\b"
    r"(?!\s+be\s+surprised)"  # "I would be surprised to see anything signed": about others
)
_WE_PLAN = re.compile(
    r"(?:^|[\s“(])(?:[Ww]e(?:’ll|'ll)?\s+(?:will|would|shall|plan|intend|aim|want|expect\s+to|"
    r"are\s+going|won’t|won't|are\s+not\s+going|hope|propose|mean)|[Oo]ur\s+\w+)\b"
)
_ANSWER_LEAD = re.compile(
    r"(?:(?:Yes|No|Then|Well|So|And|But|Look|Frankly|Honestly|Absolutely|Of\s+course)"
    r"[.,!]?\s+)+"
)
# A plan ("plans to", "intends to") is the planner's own future; an expectation ("expects
# the deal to ...") is about what is expected.
_EXPECTATION = re.compile(EXPECT_VERBS, re.IGNORECASE)
_LOWER_WORD = re.compile(r" [a-z]")


def subjects_of(
    doc: Document,
    cast: Cast,
    unit: Unit,
    quote: str,
    aff: Affiliation | None = None,
    found_markers: tuple[list[tuple[int, Likelihood]], list[tuple[int, int]]] | None = None,
) -> list[int]:
    """The actors (indices into `cast.actors`) a forecast is about (see module docstring);
    `aff` is the document's `Affiliation`, made once for all its forecasts, and
    `found_markers` the quote's `markers` and `conditions` if the caller has them."""
    aff = aff if aff is not None else Affiliation(doc, cast)
    start, end = subject_span(quote, _first_marker(quote, found_markers))
    conditional = found_markers[1] if found_markers is not None else conditions(quote)
    # In an answer of several sentences, only the one of the forecast's own clause.
    a, b = _sentence_of(doc, unit, start)
    named = bool(cast.mentions_in(unit.start + start, unit.start + end))
    clause = _Clause(unit, quote, start, end, (a, b), conditional, named)
    found = _Found()
    _named_and_own(found, aff, clause)
    _groups(found, aff, clause)
    _common_nouns(found, aff, clause)
    economy = _markets_and_economy(found, aff, clause)
    if economy:
        return economy
    if found:
        return found
    group = unnamed_group_subjects(aff, clause.subject, clause.speaker, clause.at)
    if group:
        return group
    # "expects the waiting list to fall": the expected is not the one who expects it.
    expectation = EXPECTED_BEFORE.search(quote, 0, start) is not None or bool(ODDS.match(quote))
    return fallback_subjects(aff, unit, expectation, clause.at)


class _Found(list[int]):
    """The subjects found so far, in order, each once."""

    def add(self, indices: list[int]) -> None:
        self.extend(i for i in indices if i not in self)


@dataclass(frozen=True)
class _Clause:
    """A forecast's quote and its predicted clause's subject phrase (`start`, `end` in the
    quote), the bounds in the quote of the sentence that holds it, and its conditions."""

    unit: Unit
    quote: str
    start: int
    end: int
    sentence: tuple[int, int]
    conditional: list[tuple[int, int]]
    #: Whether an actor is named in the subject phrase.
    named: bool

    @property
    def subject(self) -> str:
        return self.quote[self.start : self.end]

    @property
    def at(self) -> tuple[int, int]:
        """The subject phrase's offsets in the document."""
        return self.unit.start + self.start, self.unit.start + self.end

    @property
    def speaker(self) -> int | None:
        return self.unit.speaker if self.unit.speaker >= 0 else None  # not the author, unnamed


def _named_and_own(found: _Found, aff: Affiliation, clause: _Clause) -> None:
    """The speaker's own future, the actors the quote names (or the union of "Pilots at
    Veskair"), and a subject that is the speaker's own side ("we", "it", "her office")."""
    cast, unit, quote, subject, speaker = (
        aff.cast,
        clause.unit,
        clause.quote,
        clause.subject,
        clause.speaker,
    )
    if _about_the_speaker(cast, unit, quote, clause.start) or (
        unit.kind == "plan"
        and speaker is not None
        and not (_EXPECTATION.match(quote) or ODDS.match(quote))
    ):
        found.add([unit.speaker])
    crew = _CREW.match(subject)
    union = aff.members_of(crew.group("noun").lower()) if crew is not None else []
    if union:
        # "Pilots at Veskair, Veskaria's national airline, will walk out": the union whose
        # members they are, not their employer (GUIDELINES v4).
        found.add(union)
    else:
        a, b = clause.sentence
        within = (unit.start + a, unit.start + b)
        found.add(_named(aff, unit, circumstance_end(quote), clause.at, clause.conditional, within))
    if speaker is not None and _OWN.match(subject):
        found.add(_own_side(aff, speaker, subject))
    elif speaker is not None and _OFFICE.match(subject) and cast.actors[speaker].kind == PERSON:
        found.add([speaker])  # "her office would ask ...": the person (GUIDELINES v4)


def _groups(found: _Found, aff: Affiliation, clause: _Clause) -> None:
    """A body's members, the text's union, the two states or parties, a strike's sides and
    the two sides of talks."""
    cast, subject = aff.cast, clause.subject
    if not found:
        found.add(aff.members_of(subject))  # "shipowners will pay": the shipowners' association
    if not found and _WORKERS.search(subject):
        found.add(aff.only_union())  # "members would accept nothing below 7%": the text's union
    if _STATES_GROUP.search(subject):
        found.add(most_mentioned(cast, lambda i: cast.actors[i].kind == STATE, 2))
    if _PARTIES_GROUP.search(subject):
        found.add(most_mentioned(cast, lambda i: "party" in cast.actors[i].nouns, 2))
    struck = strike_subjects(aff, subject, clause.quote) if not found else []
    found.add(struck)
    if _SIDES.search(subject) and not struck:
        found.add(aff.two_sides())


def _common_nouns(found: _Found, aff: Affiliation, clause: _Clause) -> None:
    """What the subject's common nouns refer to ("the company", "the island states"), a
    levy's setter and "prices in the union"."""
    unit, subject = clause.unit, clause.subject
    if not clause.named:
        # A named subject beats the nouns around it ("a Progress Alliance government").
        for m in _NOUN.finditer(subject):
            pos = clause.at[0] + m.start()
            nouns = [_POSSESSIVE.sub("", w) for w in m.group("words").split()]
            # "the island states": states a body was introduced as speaking for.
            states = nouns[-1].removesuffix("s") in STATE_NOUNS
            for k, word in enumerate(nouns):
                found.add(aff.described(word, pos, clause.speaker, states or k == len(nouns) - 1))
    if not found:
        found.add(levy_subjects(aff, subject, clause.quote, clause.end))
    found.add(economies_in(aff, clause.quote, unit.start, clause.speaker))


def _markets_and_economy(found: _Found, aff: Affiliation, clause: _Clause) -> list[int]:
    """The central bank, the exchange, the speaker's organization ("we will", "our ...",
    "sales"), and a country's economy: when the whole subject is one, its state alone (the
    list returned)."""
    cast, subject, speaker = aff.cast, clause.subject, clause.speaker
    found.add(monetary_subjects(cast, clause.quote))
    exchange = market_subjects(cast, subject, clause.quote, clause.named)
    found.add(exchange)
    a, b = clause.sentence
    if speaker is not None and clause.unit.kind == "direct" and _WE_PLAN.search(clause.quote, a, b):
        found.add(aff.speakers_organization(speaker))
    if not found and speaker is not None and is_corporate(subject):
        found.add(aff.speakers_organization(speaker))
    if exchange:
        return []
    if is_economy(subject):
        # "Wholesale prices in the north", "inflation in Dorvenia", "Varnian exports": a
        # state's, whoever speaks (GUIDELINES); with no state in the text, as below.
        economy = _named_in(cast, *clause.at) or aff.home_state(speaker)
        if economy:
            return economy
    if opens_with_economy(subject, bool(found)):
        found.add(aff.home_state(speaker))  # not when the prices are an exchange's
    return []


def _sentence_of(doc: Document, unit: Unit, at: int) -> tuple[int, int]:
    """The bounds, in the quote of `unit`, of the document's sentence that holds the quote's
    offset `at` (the predicted clause's subject): "our" in another sentence of an answer is
    about something else."""
    sentence = doc.sentences[doc.sentence_index(unit.start + at)]
    return max(sentence.start, unit.start) - unit.start, min(sentence.end, unit.end) - unit.start


def _first_marker(
    quote: str, known: tuple[list[tuple[int, Likelihood]], list[tuple[int, int]]] | None
) -> int | None:
    """The offset of the first future marker outside the conditions ("If the company will not
    talk, we will strike": the second "will")."""
    found, skip = known if known is not None else (markers(quote), conditions(quote))
    for pos, _ in found:
        if not any(s <= pos < e for s, e in skip):
            return pos
    return found[0][0] if found else None


def _own_side(aff: Affiliation, speaker: int, subject: str) -> list[int]:
    """ "we", "our members" are the speaker's organization; "it", "its members", "they" are
    the speaker itself when the speaker is an organization or state, and "it", "its" the
    speaker's organization when the speaker is a person."""
    if _FIRST_PLURAL.match(subject):
        return aff.speakers_organization(speaker)
    if aff.cast.actors[speaker].kind != PERSON:
        return [speaker]
    # A person's "it", "its crews": the body the person speaks for ("a lawyer for Arkos").
    return aff.speakers_organization(speaker) if _IT.match(subject) else []


def _named(
    aff: Affiliation,
    unit: Unit,
    lead: int,
    subject: tuple[int, int],
    conditional: list[tuple[int, int]],
    within: tuple[int, int],
) -> list[int]:
    """The actors named in the quote (`within` its forecast's sentence), except in a role,
    the dateline, a leading circumstance (`lead` characters) or as a place; a demonym only
    in the `subject` phrase or a `conditional` phrase ("the Lorvanian quota will be cut",
    "if Surinamese troops move", not "Veska will support the Norvlandic timetable" or
    "duties on Talvoran cheese")."""
    cast, text = aff.cast, aff.doc.text
    found: list[int] = []
    skip_before = max(aff.dateline_end, unit.start + lead)
    for m in cast.mentions_in(*within):
        if m.in_role or m.actor in found or m.start < skip_before:
            continue
        if (
            m.demonym
            and not subject[0] <= m.start < subject[1]
            and not any(unit.start + a <= m.start < unit.start + b for a, b in conditional)
        ):
            continue
        if cast.actors[m.actor].kind == STATE and (located(text, m) or _attributive(text, m)):
            continue
        found.append(m.actor)
    return found


def _attributive(text: str, mention: Mention) -> bool:
    """ "the Ambera mid-crop": a state's name as a modifier names a thing, not the state
    (unlike its demonym: "the Lorvanian quota" is the state's)."""
    return (
        not mention.demonym
        and text.endswith(("the ", "The "), 0, mention.start)
        and bool(_LOWER_WORD.match(text, mention.end))
    )


def _named_in(cast: Cast, start: int, end: int) -> list[int]:
    """Actors named between `start` and `end` other than in a role, places included."""
    found: list[int] = []
    for m in cast.mentions_in(start, end):
        if not m.in_role and m.actor not in found:
            found.append(m.actor)
    return found


def _about_the_speaker(cast: Cast, unit: Unit, quote: str, start: int) -> bool:
    """Whether a person's statement is about their own future: a reported clause with "he"
    or "she" as its subject ("she would visit the town"), or "I will" in their own words,
    at the start of the quote or of its predicted clause (`start`)."""
    if unit.speaker < 0 or cast.actors[unit.speaker].kind != PERSON:
        return False
    if unit.kind == "reported":
        return any(_HE_OR_SHE.match(quote, p) is not None for p in {0, start})
    lead = _ANSWER_LEAD.match(quote)  # "Yes. I'm going to run", "Then I will keep asking"
    starts = {0, start, lead.end() if lead else 0}
    return unit.kind == "direct" and any(_I_WILL.match(quote, p) is not None for p in starts)
