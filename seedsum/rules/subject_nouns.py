"""What the common nouns of a forecast's subject stand for, when no name does: a country's
economy and what its households pay ("inflation", "bread prices", "the florin"), a market's
prices (the exchange the text names), monetary policy (its central bank), an unnamed group
("many low-paid families": its state or town), a strike (its union, or both sides) and a levy
(the body that sets it). `subjects` asks these in its order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .affiliation import Affiliation
from .cast import ORGANIZATION, PERSON, STATE, TOWN, Cast, located
from .speaker_bodies import is_central_bank

# A country's or bloc's economy named by a common noun: "prices in the union".
_MACRO_IN = re.compile(
    r"\b(?:prices|inflation|growth|unemployment|wages)\s+in\s+the\s+(?P<noun>[a-z][a-z\-]+)\b"
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
# A business's own figures: a person's "sales would rise" is their company's.
_CORPORATE = re.compile(
    r"\b(?:sales|profits?|earnings|revenues?|margins|shares|dividends?|orders|production|"
    r"workforce|staff|membership)\b"
)
_MACRO = re.compile(
    r"\b(?:inflation|growth|economy|unemployment|exports|imports|GDP|output|deficit|prices|wages|"
    r"demand|investment)\b"
)
# A subject phrase headed by a country's economic figure ("household bills", "fares on the
# new lines", "the florin"), not someone's own ("its output", "our exports").
_MACRO_SUBJECT = re.compile(
    r"(?:(?:the|this|that|a|an|core|headline|annual|overall|household|wholesale|retail|"
    r"consumer|energy|food|house|housing|average|real|bread|petrol|fuel|electricity|grocery|"
    r"wheat|grain|this\s+year[’']s|next\s+year[’']s|[a-z]+-[a-z]+)\s+){0,3}"
    r"(?:inflation|growth|economy|recession|unemployment|exports|imports|GDP|deficit|prices|"
    r"pension\s+system|public\s+finances|(?:public|national)\s+debt|tax\s+revenues?|"
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


def strike_subjects(aff: Affiliation, subject: str, quote: str) -> list[int]:
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


def located_states(aff: Affiliation, start: int, end: int) -> list[int]:
    cast = aff.cast
    return [
        m.actor
        for m in cast.mentions_in(start, end)
        if cast.actors[m.actor].kind == STATE and located(aff.doc.text, m)
    ]


def most_mentioned(cast: Cast, wanted: Callable[[int], bool], count: int) -> list[int]:
    """The `count` actors `wanted` accepts that are mentioned most (none if fewer)."""
    counts = cast.mention_counts
    top = sorted((i for i in counts if wanted(i)), key=lambda i: (-counts[i], i))[:count]
    return top if len(top) == count else []


def central_bank(cast: Cast) -> list[int]:
    banks = [i for i, a in enumerate(cast.actors) if is_central_bank(a)]
    return most_mentioned(cast, lambda i: i in banks, 1) if banks else []


def exchange_of(cast: Cast) -> list[int]:
    """A price set on a named market goes to that market (GUIDELINES.md): the organization
    named "... Exchange", "... Market" or "... Board of Trade" the text mentions most."""
    markets = {
        i
        for i, a in enumerate(cast.actors)
        if a.kind == ORGANIZATION
        and (a.name.split()[-1] in {"Exchange", "Market", "Bourse"} or "Board of Trade" in a.name)
    }
    return most_mentioned(cast, lambda i: i in markets, 1) if markets else []


def group_subjects(
    aff: Affiliation, speaker: int | None, head: str, subject: tuple[int, int]
) -> list[int]:
    """Whose fate an unnamed group's is (`_GROUP`): the speaking association's, for its
    kind of members; else the state the `subject` phrase places it in, else the speaker's
    home state."""
    cast = aff.cast
    if speaker is not None and _MEMBER_HEAD.fullmatch(head):
        own = (
            [speaker] if cast.actors[speaker].kind != PERSON else aff.speakers_organization(speaker)
        )
        if own and cast.actors[own[0]].name.split()[-1] in _ASSOCIATIONS:
            return own[:1]
    town = town_of_the_text(cast) if _VISITORS.fullmatch(head) else None
    if town is not None:
        return [town]  # "visitors, guests and families to the town they visit" (GUIDELINES v7)
    return located_states(aff, *subject) or aff.home_state(speaker)


def town_of_the_text(cast: Cast) -> int | None:
    """The town the text is about: the one town it talks about, named more often than its
    main state."""
    towns = [i for i, a in enumerate(cast.actors) if a.kind == TOWN]
    if len(towns) != 1:
        return None
    counts = cast.mention_counts
    state = counts.get(cast.main_state, 0) if cast.main_state is not None else 0
    return towns[0] if counts.get(towns[0], 0) > state else None


def levy_subjects(aff: Affiliation, subject: str, quote: str, end: int) -> list[int]:
    """ "the levy will be delayed": the body that sets it, unless the subject phrase (ending
    at `end` in `quote`) is what the levy does to others ("would add 3% to costs")."""
    instrument = _INSTRUMENT.fullmatch(subject)
    if instrument is None or _EFFECT.match(quote, end):
        return []
    return aff.setter_of(instrument.group("noun"))


def economies_in(aff: Affiliation, quote: str, offset: int, speaker: int | None) -> list[int]:
    """The bodies of "prices in the union" and the like (`quote` starts at `offset`)."""
    found: list[int] = []
    for m in _MACRO_IN.finditer(quote):
        found += aff.described(m.group("noun"), offset + m.start("noun"), speaker)
    return found


def monetary_subjects(cast: Cast, quote: str) -> list[int]:
    """ "the first rate cut", "on hold", "the board": the central bank, if the text has one."""
    return central_bank(cast) if _MONETARY.search(quote) else []


def market_subjects(cast: Cast, subject: str, quote: str, named_subject: bool) -> list[int]:
    """Prices, rallies and commodities: the exchange the text names; not what households pay
    ("bread prices") nor a commodity in a body's name ("the Ambera Cocoa Board may ...",
    `named_subject`)."""
    priced = (_PRICE_SUBJECT.search(subject) and not named_subject) or _PRICES.search(quote)
    return exchange_of(cast) if priced and not _CONSUMER_PRICES.match(subject) else []


def is_corporate(subject: str) -> bool:
    """Whether the subject is a business's own figures ("sales would rise")."""
    return _CORPORATE.search(subject) is not None


def is_economy(subject: str) -> bool:
    """Whether the whole subject phrase is a country's economic figure ("Wholesale prices in
    the north", "household bills", "the florin")."""
    return _MACRO_SUBJECT.fullmatch(subject) is not None


def opens_with_economy(subject: str, found_any: bool) -> bool:
    """Whether the subject opens with a country's economy ("Inflation ...") or, when nothing
    else was found (`found_any`), speaks of it anywhere."""
    return _ECONOMY_START.match(subject) is not None or (
        not found_any and _MACRO.search(subject) is not None
    )


def unnamed_group_subjects(
    aff: Affiliation, subject: str, speaker: int | None, at: tuple[int, int]
) -> list[int]:
    """An unnamed group's fate (`group_subjects`), when the subject phrase is one."""
    group = _GROUP.fullmatch(subject)
    if group is None:
        return []
    return group_subjects(aff, speaker, group.group("head") or group.group("anyone"), at)
