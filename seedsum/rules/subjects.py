"""Whose future a forecast is about (`subjects`), from the words of its quote.

The predicted clause's grammatical subject (`subject_phrase`: "the company would decide",
"expects the first cut to come") decides most: in order, each adding to what the earlier
ones found,

1. actors named in the quote, except inside a role ("chief economist at Orsa Bank"), the
   dateline, a leading circumstance ("With no talks scheduled at Kolwe, ...") or as a place
   ("talks in Tallor", "demand in Germany");
2. a subject that is the speaker's own side: "we", "our members" are the speaker's
   organization, "it", "they" an organization or state speaker itself, and "my office",
   "her office" the person who speaks (GUIDELINES v4);
3. group references in the subject: "the two sides", "both governments", "neither country"
   are the two states the text mentions most; "neither party", "both parties" its two main
   parties; talks, a round, a settlement or a merger are the two parties the text names
   together;
4. the subject's common nouns, when no actor names it: "the company", "the group", "the
   reservoir", "the government" (`affiliation.described`); and "prices in the union";
5. monetary policy ("the first rate cut", "cut rates", "on hold", "the board") is the
   central bank's, when the text names one; prices and rallies are those of the exchange
   the text names ("the Harlow Metals Exchange");
6. "we will", "we plan", "our ..." anywhere in a speaker's own words is the speaker's
   organization (`affiliation.speakers_organization`);
7. a country's economy ("Inflation ...", "growth", "exports") as the subject is that
   state's.

Before all of these, the speaker, when a person's statement is about their own future ("she
would visit the town", "I will sell the land"). With none of them: the sentence's other
actors (not people, not places), then the speaker (an organization or state), for the
text's own forecasts the body the sentences before are about, the town the text is about
(GUIDELINES v4), the text's main state, or the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..schema import Likelihood
from .affiliation import STATE_NOUNS, Affiliation, is_central_bank, located
from .cast import ORGANIZATION, PERSON, STATE, TOWN, Cast, Mention
from .predictions import conditions, markers
from .sentences import Document
from .subject_phrase import EXPECT_VERBS, EXPECTED_BEFORE, circumstance_end, subject_span
from .units import AUTHOR, Unit

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
# A country's or bloc's economy named by a common noun: "prices in the union".
_MACRO_IN = re.compile(
    r"\b(?:prices|inflation|growth|unemployment|wages)\s+in\s+the\s+(?P<noun>[a-z][a-z\-]+)\b"
)
# Talks and disputes are the two sides' ("the next round", "a settlement", "this process").
_SIDES = re.compile(
    r"\b(?:(?:the\s+two|both|neither|either)\s+(?:sides?|delegations?)|talks|negotiations?|"
    r"round|settlement|process|dispute|negotiators|delegations|(?:technical\s+)?teams|merger|"
    r"deal|accord|ceasefire|truce|stand-?off|price\s+war)\b"
)
# A levy, tariff or ban named by a common noun ("the levy", "The 12% duty"): its fate is that
# of the body that sets it (GUIDELINES v6).
_INSTRUMENT = re.compile(
    r"(?:[Tt]he|[Tt]his|[Tt]hat|[Aa]ny)\s+(?:[\w%.\-]+\s+){0,2}?"
    r"(?P<noun>levy|tariff|duty|duties|tax|fee|charge|ban|curbs|cap|subsidy|quota)"
)
# What a levy does to others ("will add 3% to freight costs") is theirs, not its setter's.
_EFFECT = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:to\s+)?(?:add|adds|cost|costs|raise|raises|cut|cuts|push|"
    r"drive|drives|hit|hits|lift|lifts)\b"
)
# A strike's start is its union's, its length both sides' (see `subjects_of`).
_STRIKE = re.compile(
    r"\b(?:walkouts?|strikes?|stoppages?|industrial\s+action|(?P<dispute>dispute))\b"
)
_STARTING = re.compile(
    r"\b(?:begin|start|go\s+ahead|take\s+place|be\s+called|happen|is\s+called)\b"
)
_LASTING = re.compile(r"\b(?:end|last|run\s+into|run\s+until|drag|continue|be\s+over)\b")
_END_OF = re.compile(r"\bend\s+to\b")
# A subject that is the speaker's own side: "we", "our members", "it", "its board", "they".
_OWN = re.compile(r"(?:[Ww]e|[Oo]ur|[Uu]s|[Ii]t|[Ii]ts|[Tt]hey|[Tt]heir)\b")
_OFFICE = re.compile(r"(?:[Mm]y|[Hh]er|[Hh]is)\s+office\b")
_IT = re.compile(r"[Ii]ts?\b")
_FIRST_PLURAL = re.compile(r"(?:[Ww]e|[Oo]ur|[Uu]s)\b")
_MONETARY = re.compile(
    r"\b(?:(?:interest\s+)?rates?\s+(?:cuts?|hikes?|rises?|increases?|decisions?)"
    r"|(?:cut|cuts|cutting|raise|raises|raising|hike|hikes|lower|lowers|lowering|hold|holds|"
    r"keep|keeps|keeping)\s+(?:interest\s+)?rates"
    r"|(?:first|next|a|another)\s+(?:rate\s+)?(?:cut|hike)"
    r"|on\s+hold|(?:the|this)\s+board)\b",
    re.IGNORECASE,
)
# Prices as the predicted clause's subject ("prices would stay above ..."; not "it would raise
# prices", a seller's own decision), or anywhere a price quoted per unit ("$12,300 a tonne")
# or a commodity's level ("copper to average").
_PRICE_SUBJECT = re.compile(
    r"\b(?:prices?|rally|benchmark|futures|contract|market|volatility|copper|gold|silver|oil|"
    r"crude|wheat|cocoa|coffee|sugar|aluminium|aluminum|nickel|zinc|maize|corn|soybeans|"
    r"barley|lithium)\b",
    re.I,
)
_PRICES = re.compile(
    r"[$€£]\s?\d[\d,.]*\s+(?:a|an|per)\s+(?:tonne|ton|barrel|ounce|pound|bushel|kilo)\b"
    r"|\b(?:copper|gold|silver|oil|crude|wheat|cocoa|coffee|sugar|aluminium|aluminum|nickel|"
    r"zinc|maize|corn|soybeans|lithium)\s+(?:to\s+)?(?:average|trade|stay|rise|fall|climb|"
    r"reach|hit|top|end|close)",
    re.IGNORECASE,
)
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
# A business's own figures: a person's "sales would rise" is their company's.
_CORPORATE = re.compile(
    r"\b(?:sales|profits?|earnings|revenues?|margins|shares|dividends?|orders|production|"
    r"workforce|staff|membership)\b"
)
_MACRO = re.compile(
    r"\b(?:inflation|growth|economy|unemployment|exports|imports|GDP|output|deficit|prices|wages|"
    r"demand|investment)\b"
)
# A plan ("plans to", "intends to") is the planner's own future; an expectation ("expects
# the deal to ...") is about what is expected.
_EXPECTATION = re.compile(EXPECT_VERBS, re.IGNORECASE)
_LOWER_WORD = re.compile(r" [a-z]")
# A subject phrase headed by a country's economic figure ("household bills", "fares on the
# new lines", "the florin"), not someone's own ("its output", "our exports").
_MACRO_SUBJECT = re.compile(
    r"(?:(?:the|this|that|a|an|core|headline|annual|overall|household|wholesale|retail|"
    r"consumer|energy|food|house|housing|average|real|bread|petrol|fuel|electricity|grocery|"
    r"wheat|grain|this\s+year[’']s|next\s+year[’']s|[a-z]+-[a-z]+)\s+){0,3}"
    r"(?:inflation|growth|economy|recession|unemployment|exports|imports|GDP|deficit|prices|"
    r"rents|fares|bills|wages|currency|yields|harvest|crop|florin|crown|mark|taler|guilder|"
    r"franc|lira|peso|"
    r"dinar|krona|krone|zloty|forint|rouble|shilling|ducat)(?:\s+(?:in|on|of|for)\s+[^,;]{1,60})?",
    re.IGNORECASE,
)
# An unnamed group of people or things with no owner ("many low-paid families", "as many as
# 40,000 jobs", "private operators", "smaller cable makers"): its fate is that of the state
# where it is (GUIDELINES), not the speaker's; a business group's, of the association of
# businesses that speaks of it ("manufacturers may be forced to cut jobs").
_MEMBER_HEADS = (
    r"manufacturers|producers|companies|firms|businesses|employers|exporters|importers|"
    r"growers|farmers|makers|operators|retailers|builders|landlords|lenders|shops"
)
_GROUP = re.compile(
    r"(?:(?:many|some|most|several|few|more|fewer|hundreds|thousands|dozens|"
    r"(?:as\s+many\s+as\s+|up\s+to\s+|about\s+)?\d[\d,.]*(?:\s+(?:million|billion))?)"
    r"\s+(?:of\s+(?:the|these|those)\s+)?)?"
    r"(?:(?!the\b|this\b|that\b|its\b|their\b|our\b|his\b|her\b)[a-z][a-z\-]*\s+){0,2}"
    rf"(?P<head>{_MEMBER_HEADS}|families|households|jobs|people|towns|villages|farms|plots|"
    r"homes|homeowners|patients|tenants|residents|pensioners|consumers|passengers|visitors|"
    r"tourists|guests|shoppers|students|schools|hospitals|investors|buyers|borrowers|savers|"
    r"taxpayers|motorists|commuters|children|parents|vineyards|mines|plants|factories)"
    r"|(?P<anyone>somebody|someone)"
)
_VISITORS = re.compile(r"visitors|tourists|guests|passengers|families|somebody|someone")
_MEMBER_HEAD = re.compile(_MEMBER_HEADS)
_ASSOCIATIONS = {"Federation", "Association", "Chamber", "Confederation", "Alliance", "League"}
# What households pay ("bread prices", "petrol prices") is the state's, even in a text about
# a commodity exchange.
_CONSUMER_PRICES = re.compile(
    r"(?:the\s+)?(?:bread|food|petrol|fuel|electricity|grocery|household|consumer|retail|"
    r"shop)\s+(?:prices|bills|costs)\b"
)
_ECONOMY_START = re.compile(
    r"(?:[Cc]ore\s+|[Hh]eadline\s+|[Tt]he\s+)?(?:[Ii]nflation|[Gg]rowth|[Ee]conomy|"
    r"[Uu]nemployment|[Ee]xports|[Ii]mports|GDP|[Oo]utput|[Tt]he\s+budget\s+deficit|"
    r"[Tt]he\s+deficit|[Pp]rices)\b"
)


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
    found: list[int] = []

    def add(indices: list[int]) -> None:
        found.extend(i for i in indices if i not in found)

    start, end = subject_span(quote, _first_marker(quote, found_markers))
    subject = quote[start:end]
    speaker = unit.speaker if unit.speaker >= 0 else None  # not the author or unnamed
    if _about_the_speaker(cast, unit, quote, start) or (
        unit.kind == "plan" and speaker is not None and not _EXPECTATION.match(quote)
    ):
        add([unit.speaker])
    conditional = found_markers[1] if found_markers is not None else conditions(quote)
    subject_at = (unit.start + start, unit.start + end)
    # In an answer of several sentences, only the one of the forecast's own clause.
    a, b = _sentence_of(doc, unit, start)
    within = (unit.start + a, unit.start + b)
    crew = _CREW.match(subject)
    union = aff.members_of(crew.group("noun").lower()) if crew is not None else []
    if union:
        # "Pilots at Veskair, Veskaria's national airline, will walk out": the union whose
        # members they are, not their employer (GUIDELINES v4).
        add(union)
    else:
        add(_named(aff, unit, circumstance_end(quote), subject_at, conditional, within))
    if speaker is not None and _OWN.match(subject):
        add(_own_side(aff, speaker, subject))
    elif speaker is not None and _OFFICE.match(subject) and cast.actors[speaker].kind == PERSON:
        add([speaker])  # "her office would ask ...": the person (GUIDELINES v4)
    if not found:
        add(aff.members_of(subject))  # "shipowners will pay": the shipowners' association
    if not found and _WORKERS.search(subject):
        add(aff.only_union())  # "members would accept nothing below 7%": the text's union
    if _STATES_GROUP.search(subject):
        add(_most_mentioned(cast, lambda i: cast.actors[i].kind == STATE, 2))
    if _PARTIES_GROUP.search(subject):
        add(_most_mentioned(cast, lambda i: "party" in cast.actors[i].nouns, 2))
    struck = _strike(aff, subject, quote) if not found else []
    add(struck)
    if _SIDES.search(subject) and not struck:
        add(aff.two_sides())
    if not cast.mentions_in(unit.start + start, unit.start + end):
        # A named subject beats the nouns around it ("a Progress Alliance government").
        for m in _NOUN.finditer(subject):
            pos = unit.start + start + m.start()
            nouns = [_POSSESSIVE.sub("", w) for w in m.group("words").split()]
            # "the island states": states a body was introduced as speaking for.
            states = nouns[-1].removesuffix("s") in STATE_NOUNS
            for k, word in enumerate(nouns):
                add(aff.described(word, pos, speaker, states or k == len(nouns) - 1))
    instrument = _INSTRUMENT.fullmatch(subject) if not found else None
    if instrument is not None and not _EFFECT.match(quote, end):
        add(aff.setter_of(instrument.group("noun")))  # "the levy": the body that sets it
    for m in _MACRO_IN.finditer(quote):
        add(aff.described(m.group("noun"), unit.start + m.start("noun"), speaker))
    if _MONETARY.search(quote):
        add(_central_bank(cast))
    # A commodity in a name ("the Ambera Cocoa Board may raise ...") is no price.
    named_subject = bool(cast.mentions_in(*subject_at))
    priced = (
        (_PRICE_SUBJECT.search(subject) and not named_subject) or _PRICES.search(quote)
    ) and not _CONSUMER_PRICES.match(subject)
    exchange = _exchange(cast) if priced else []
    add(exchange)
    if speaker is not None and unit.kind == "direct" and _WE_PLAN.search(quote, a, b):
        add(aff.speakers_organization(speaker))
    if not found and speaker is not None and _CORPORATE.search(subject):
        add(aff.speakers_organization(speaker))
    if not exchange and _MACRO_SUBJECT.fullmatch(subject):
        # "Wholesale prices in the north", "inflation in Dorvenia", "Varnian exports": a
        # state's, whoever speaks (GUIDELINES); with no state in the text, as below.
        economy = _named_in(cast, unit.start + start, unit.start + end) or aff.home_state(speaker)
        if economy:
            return economy
    if not exchange and (_ECONOMY_START.match(subject) or (not found and _MACRO.search(subject))):
        add(aff.home_state(speaker))  # not when the prices are an exchange's
    if found:
        return found
    group = _GROUP.fullmatch(subject)
    if group is not None:
        found = _group(aff, speaker, group.group("head") or group.group("anyone"), subject_at)
        if found:
            return found
    # "expects the waiting list to fall": the expected is not the one who expects it.
    expectation = EXPECTED_BEFORE.search(quote, 0, start) is not None
    return _fallback(aff, unit, expectation, (unit.start + start, unit.start + end))


def _strike(aff: Affiliation, subject: str, quote: str) -> list[int]:
    """A strike's start is its union's ("a walkout is unlikely to begin"); its length, or a
    dispute's, both its sides ("the strike could run into June", "an end to the strike";
    GUIDELINES v7)."""
    strike = _STRIKE.search(subject)
    if strike is None:
        return []
    lasting = _LASTING.search(quote) or _END_OF.search(subject)
    if lasting:
        return aff.strike_sides()
    if _STARTING.search(quote) and not strike.group("dispute"):
        return aff.strike_sides()[:1]
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


def _located_states(aff: Affiliation, start: int, end: int) -> list[int]:
    cast = aff.cast
    return [
        m.actor
        for m in cast.mentions_in(start, end)
        if cast.actors[m.actor].kind == STATE and located(aff.doc.text, m)
    ]


def _most_mentioned(cast: Cast, wanted: Callable[[int], bool], count: int) -> list[int]:
    """The `count` actors `wanted` accepts that are mentioned most (none if fewer)."""
    counts = cast.mention_counts
    top = sorted((i for i in counts if wanted(i)), key=lambda i: (-counts[i], i))[:count]
    return top if len(top) == count else []


def _central_bank(cast: Cast) -> list[int]:
    banks = [i for i, a in enumerate(cast.actors) if is_central_bank(a)]
    return _most_mentioned(cast, lambda i: i in banks, 1) if banks else []


def _exchange(cast: Cast) -> list[int]:
    """A price set on a named market goes to that market (GUIDELINES.md): the organization
    named "... Exchange", "... Market" or "... Board of Trade" the text mentions most."""
    markets = {
        i
        for i, a in enumerate(cast.actors)
        if a.kind == ORGANIZATION
        and (a.name.split()[-1] in {"Exchange", "Market", "Bourse"} or "Board of Trade" in a.name)
    }
    return _most_mentioned(cast, lambda i: i in markets, 1) if markets else []


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


def _fallback(
    aff: Affiliation, unit: Unit, expectation: bool, subject: tuple[int, int]
) -> list[int]:
    """The sentence's other actors (not people, not places), else the speaker (an
    organization or state) or the body a person speaks for, unless the speaker states an
    `expectation` about something else or the body is a firm of analysts, else a state the
    `subject` phrase places itself in, else for the text's own forecasts the body the
    sentences before are about, else the town the text is about, else the text's main state,
    else the speaker."""
    doc, cast = aff.doc, aff.cast
    found: list[int] = []
    sentence = doc.sentences[unit.sentence]
    skip_before = aff.dateline_end
    for m in cast.mentions_in(sentence.start, sentence.end):
        if m.in_role or m.actor == unit.speaker or m.actor in found or m.start < skip_before:
            continue
        kind = cast.actors[m.actor].kind
        if kind == STATE and located(doc.text, m):
            continue
        if kind != PERSON or m.possessive:
            found.append(m.actor)
    if found:
        return found
    # An expectation, or an analysts' firm's forecast, is about others than the firm.
    own_future = unit.speaker >= 0 and not expectation
    if own_future and cast.actors[unit.speaker].kind != PERSON:
        if not aff.is_analysts_firm(unit.speaker):
            return [unit.speaker]
    elif own_future:
        # A person speaking for a body forecasts that body's future, not the country's.
        own = aff.speakers_organization(unit.speaker)
        if own and cast.actors[own[0]].kind != STATE and not aff.is_analysts_firm(own[0]):
            return own
    # "no lignite plant in Teveria would make money": an unnamed group's fate is that of the
    # state where it is (GUIDELINES).
    found = _located_states(aff, *subject)
    if found:
        return found[:1]
    if unit.speaker == AUTHOR:
        before = aff.first_reference(unit.sentence)
        if before is not None:
            return [before]
    town = _town_of_the_text(cast)
    if town is not None:
        return [town]  # "the fleet" of the harbour town the feature is about (GUIDELINES v4)
    if cast.main_state is not None:
        return [cast.main_state]
    if unit.speaker >= 0:
        return [unit.speaker]
    counts = cast.mention_counts
    if not counts:
        return [0] if cast.actors else []
    return [max(counts, key=lambda i: (cast.actors[i].kind != PERSON, counts[i], -i))]


def _group(aff: Affiliation, speaker: int | None, head: str, subject: tuple[int, int]) -> list[int]:
    """Whose fate an unnamed group's is (`_GROUP`): the speaking association's, for its
    kind of members; else the state the `subject` phrase places it in, else the speaker's
    home state."""
    cast = aff.cast
    if speaker is not None and _MEMBER_HEAD.fullmatch(head):
        own = [speaker] if cast.actors[speaker].kind != PERSON else aff.speakers_organization(speaker)
        if own and cast.actors[own[0]].name.split()[-1] in _ASSOCIATIONS:
            return own[:1]
    town = _town_of_the_text(cast) if _VISITORS.fullmatch(head) else None
    if town is not None:
        return [town]  # "visitors, guests and families to the town they visit" (GUIDELINES v7)
    return _located_states(aff, *subject) or aff.home_state(speaker)


def _town_of_the_text(cast: Cast) -> int | None:
    """The town the text is about: the one town it talks about, named more often than its
    main state."""
    towns = [i for i, a in enumerate(cast.actors) if a.kind == TOWN]
    if len(towns) != 1:
        return None
    counts = cast.mention_counts
    state = counts.get(cast.main_state, 0) if cast.main_state is not None else 0
    return towns[0] if counts.get(towns[0], 0) > state else None
