"""Roles after a name: appositions ("Marta Ilves, a senior economist at ..."), roles in
parentheses and relative clauses ("who chairs ...", "which ..."); each votes for a kind
(the head noun of the apposition, see `head_noun`) and marks the span of the role, whose
names are not actors of their own. Roles before a name are in `titles`.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .cast import GROUP, ORGANIZATION, PERSON, STATE
from .lexicon import (
    GROUP_ROLE_NOUNS,
    NEUTRAL_ROLE_NOUNS,
    ORG_ROLE_NOUNS,
    PERSON_ROLE_NOUNS,
    STANCE_VERBS,
    STATE_OWNED_NOUNS,
    STATE_ROLE_NOUNS,
    TITLE_HEADS,
    words,
)
from .names import Candidate, starts_sentence, word_before

if TYPE_CHECKING:
    from .evidence import Evidence

_APPOSITION_AFTER = re.compile(
    # Numbers may hold commas and points ("which employs 4,000 people").
    r",[ \t]+(?P<det>(?:a|an|the)[ \t]+)?"
    r"(?P<role>(?:[^,;:.!?()“”\"\n]|(?<=\d)[,.](?=\d)){2,200})"
)
RELATIVE_AFTER = re.compile(
    # The clause may hold numbers ("which has 4,000 members", "which grew 2.5 percent").
    r",[ \t]+(?P<rel>who|which|whose)[ \t]+"
    r"(?P<clause>(?:[^,;.!?“”\"\n]|(?<=\d)[,.](?=\d)){2,140})(?:,|(?=\.\s))"
)
# An apposition runs to its closing comma, relative clause included ("the union that
# represents most of the workforce"); it is cut only where the sentence goes on.
_AGE_AFTER = re.compile(r",[ \t]+\d{1,3}(?=,[ \t]+[a-z])")
#: Words before a name that make it an agent, not a place ("talks with X, which ...").
_AGENT_BEFORE = words("by with against between and said says told according")
_RELATIVE_CUT = re.compile(r"[ \t]+(?:who|which|that|whose)\b")
_ROLE_CUT = re.compile(
    r"[ \t]+(?:and[ \t]+(?:the|a|an|also|is|was|has)|said|says|told|"
    r"added|argued|warned|insisted|noted|wrote)\b|[ \t]+[“\"]"
)
_IN_PLACE_WORDS = words("in at from near outside inside around across through throughout")
TITLE_NOUNS = PERSON_ROLE_NOUNS | words(
    "counterpart rival ally colleague successor predecessor boss"
)


_NOT_APPOSITION = words(
    """
    who whom which whose that where when while and but or nor as if because although though
    since after before with without for from in on at to by of said says told added argued
    warned insisted noted has have had is was are were will would could may might can its his
    her their our my your it he she they we i also including such than then so not only even
    just still yet both either neither whether
    """
) | {verb for verb in STANCE_VERBS if " " not in verb}  # "Oona Leskinen, wants the fund to ..."


_FINITE_VERBS = words(
    "has have had is are was were will would could may might can should must does did do"
)


#: The kind of an apposition whose head noun fits any actor ("the largest exporter").
ANY = "any"


@functools.lru_cache(maxsize=16384)
def head_noun(role: str) -> tuple[str | None, str | None]:
    """The kind an apposition's words give ("person", "organization", ..., or `ANY`) and its
    head noun.

    The head is the last known noun before a preposition, a relative pronoun or a participle.
    """
    kind: str | None = None
    head: str | None = None
    weak = False
    words = role.split()
    if not words or words[0].lower() in _NOT_APPOSITION:
        return None, None
    one_of = len(words) > 2 and words[0].lower() == "one" and words[1] == "of"
    for position, raw in enumerate(words):
        if position > 6 and kind is None:
            break
        # A capitalized word is a name ("a Canadian company", "an Orsa Bank economist")
        # unless it is a person's title ("Head of Research at Orsa Bank").
        if raw[0].isupper() and not (
            raw.lower() in {"ceo", "mp", "mep"}
            or raw in TITLE_HEADS
            or raw.lower() in PERSON_ROLE_NOUNS
        ):
            continue
        word = raw.strip("’'").lower()
        if word in _FINITE_VERBS:
            return None, None
        if word in {
            "of",
            "at",
            "for",
            "in",
            "with",
            "from",
            "on",
            "to",
            "that",
            "who",
            "which",
            "by",
            "whose",
            "and",
            "since",
            "under",
            "between",
        }:
            if kind is not None:
                break
            continue
        if word.endswith("ing") and kind is not None:
            break
        base = word.removesuffix("’s")
        if one_of:  # "one of the largest chocolate makers": what one maker is
            base = _singular(base)
        if base == "group" and position and collective_group(words[position - 1]):
            kind, head = GROUP, base  # "a residents’ group", "a campaign group"
        elif base in PERSON_ROLE_NOUNS:
            kind, head, weak = PERSON, base, False
        elif len(base) > 8 and base.endswith(("master", "keeper")) and base.isalpha():
            kind, head, weak = PERSON, base, False  # "the harbourmaster", "a shopkeeper"
        elif _is_ist_noun(base):
            # Weak: "-ist" words are adjectives too ("a protectionist state").
            kind, head, weak = PERSON, base, True
        elif base in NEUTRAL_ROLE_NOUNS and kind is None:
            kind, head = ANY, base
        elif base in GROUP_ROLE_NOUNS:
            kind, head = GROUP, base
        elif base in ORG_ROLE_NOUNS:
            kind, head = ORGANIZATION, base
        elif base in STATE_ROLE_NOUNS and (kind is None or weak):
            kind, head = STATE, base
    return kind, head


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # "companies"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


#: "-ist" words that name no person ("checklist", "insist").
_NOT_IST_NOUNS = words("checklist playlist shortlist blacklist wishlist waitlist whitelist enlist")


#: Words that make a "group" a collective of people rather than a company group.
_COLLECTIVE_WORDS = words(
    """campaign pressure protest activist environmental community citizens advocacy
    volunteer civic grassroots rights action residents parents patients victims"""
)


def collective_group(word: str) -> bool:
    """ "residents’ group", "a campaign group": a collective; "a mining group": a company."""
    return word.endswith(("s’", "s'")) or word.lower() in _COLLECTIVE_WORDS


def _the_before(before: str) -> int:
    """The length of a "The " right before a name, else 0."""
    return 4 if before.endswith(("The ", "the ")) else 0


def _is_ist_noun(word: str) -> bool:
    """An agent noun in "-ist" ("hydrologist", "novelist"): a person."""
    return (
        len(word) >= 7
        and word.endswith("ist")
        and not word.endswith(("sist", "twist", "wrist"))
        and word.isalpha()
        and word not in _NOT_IST_NOUNS
    )


def _clean_role(role: str, whole: bool = True) -> str:
    """The role without what follows it in the sentence; without its relative clause too
    unless `whole`."""
    cut = _ROLE_CUT.search(role)
    if cut:
        role = role[: cut.start()]
    if not whole:
        relative = _RELATIVE_CUT.search(role)
        if relative:
            role = role[: relative.start()]
    return role.strip().rstrip(",;:").strip()


# What only a person has: "X, whose family ..." is someone.
_KIN = re.compile(
    r"(?:family|wife|husband|partner|son|sons|daughter|daughters|children|father|mother|"
    r"parents|grandfather|grandmother|grandparents|brother|sister)\b"
)
_NATIONS = re.compile(r"\b(?:nations?|countries|country)\b")


def appositions(
    masked: str, c: Candidate, ev: Evidence, before: str, role_spans: list[tuple[int, int]]
) -> None:
    """Evidence from what follows "X, ": an apposition ("a senior fellow at ...") or a
    relative clause ("who chairs ...", "which ...")."""
    if masked.startswith(", wh", c.end):
        rel = RELATIVE_AFTER.match(masked, c.end)
        if (
            rel
            and rel.group("rel") != "whose"
            and masked[rel.end() - 1] != ","
            and not (rel.group("rel") == "who" and c.kind == "name" and " " in c.text)
        ):
            # Only "whose" may end the sentence ("Norvasse, whose plants make it the biggest
            # emitter among developing nations."): a "who" or "which" there may belong to a
            # name before this one ("a farmer outside Wethering, who lost money."), unless
            # this one is a full name ("comes from Ilse Dornbach, who leads the party.").
            rel = None
        if rel:
            if rel.group("rel") == "who":
                # "who runs a café" says what the person does, not a title: no role.
                ev.kind_votes[PERSON] += 2
            elif rel.group("rel") == "whose" and _KIN.match(rel.group("clause")):
                ev.kind_votes[PERSON] += 2  # "Maris Dunne, whose family has run a café"
            else:
                ev.kind_votes["nonperson"] += 1
                if " " in c.text and (
                    starts_sentence(masked, c.start - _the_before(before))
                    or word_before(before)[0] in _AGENT_BEFORE
                ):
                    # "Mercato Uno, which is controlled by ..., declined", "bought by Orvel
                    # Grain, which ...": it acts, and it is no person; a name of many
                    # words, so no state.
                    ev.kind_votes["nonperson subject"] += 1
                clause = rel.group("clause").split(None, 1)
                if rel.group("rel") == "whose" and (
                    clause[0].lower() in STATE_OWNED_NOUNS
                    or _NATIONS.search(rel.group("clause"))  # "... among developing nations"
                ):
                    ev.state_hint = True  # "Oskland, whose port competes with ..."
            role_spans.append((c.end, rel.end()))
        return
    located = (" " not in c.text or c.kind == "place") and (
        word_before(before)[0] in _IN_PLACE_WORDS
    )
    # "Lars Berg, 54, a sheep farmer"
    age = _AGE_AFTER.match(masked, c.end) if masked[c.end + 2 : c.end + 3].isdigit() else None
    appo = None if located else _APPOSITION_AFTER.match(masked, age.end() if age else c.end)
    if appo is None:
        return
    if before.rstrip().endswith(",") and not masked.startswith(",", appo.end("role")):
        # "Their chief executive, Teo Salceda, sat in that chair": a name that is itself an
        # apposition is followed by its sentence's verb, not by a role of its own.
        return
    # "Davy Orlow, her skipper for 22 years,": the title without the pronoun or the tenure
    # (GUIDELINES v4).
    owned = _OWNED_ROLE.fullmatch(appo.group("role"))
    words = owned.group("title") if owned else appo.group("role")
    kind, head = head_noun(words)
    # An apposition keeps its relative clause ("the union that represents the workforce";
    # GUIDELINES: the role as stated).
    role = _clean_role(words)
    if kind is None or not role:
        return
    if kind != ANY:
        ev.kind_votes[kind] += 3
    if head:
        ev.nouns.add(head)
    if kind == STATE:
        ev.state_hint = True  # "a country of six million people" says what it is, no role
    else:
        ev.roles.append((3, role))
    span_end = appo.end("role")
    comma = masked.find(",", span_end, span_end + 200)
    sentence_end = masked.find(".", span_end, span_end + 200)
    if comma != -1 and (sentence_end == -1 or comma < sentence_end):
        span_end = comma
    role_spans.append((c.end, span_end))


_OWNED_ROLE = re.compile(
    r"(?:her|his|their|its)[ \t]+(?P<title>[a-z][\w\-]*(?:[ \t]+[a-z][\w\-]*){0,2}?)"
    r"(?:[ \t]+(?:for|since)[ \t]+(?:\d|the[ \t]+past|a[ \t]+decade|two|three|four|five|six|seven|"
    r"eight|nine|ten|twenty)[^,]*)?"
)
_PARENTHESIS_AFTER = re.compile(r"[ \t]+\((?:(?:a|an|the)[ \t]+)?(?P<role>[^()\n]{2,160})\)")


def parenthetical(
    masked: str, c: Candidate, ev: Evidence, role_spans: list[tuple[int, int]]
) -> None:
    """A role in parentheses after the name: "Lars Berg (the Tarvian envoy) said"."""
    m = _PARENTHESIS_AFTER.match(masked, c.end)
    if m is None:
        return
    kind, head = head_noun(m.group("role"))
    if kind is None or kind == STATE:
        return
    if kind != ANY:
        ev.kind_votes[kind] += 3
    if head:
        ev.nouns.add(head)
    ev.roles.append((3, m.group("role").strip()))
    role_spans.append((c.end, m.end()))
