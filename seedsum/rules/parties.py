"""Who stands behind a group noun or an event: a body's members ("shipowners" of the
Shipowners' Association, "members" of the text's one union), the two sides of talks or of a
strike, and the body that sets a levy. `Affiliation` has these as methods; they read the
cast and the document only, each once per document.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from itertools import pairwise

from .cast import GROUP, ORGANIZATION, PERSON, STATE, Cast, located
from .lexicon import ORG_KEYWORDS, words
from .sentences import Document

# What a body does to a levy it sets: "Talvora will impose a tariff", "charges a duty".
_SETS = re.compile(
    r"\b(?:impose[sd]?|imposing|introduce[sd]?|charges?|charging|levies|levied|sets?|"
    r"propose[sd]?|promised|adopted|approved)\b"
)
_PAIRED = re.compile(r"\s+(?:and|or|with)\s+(?:the\s+)?|\s*[-–/]\s*")
_UNION_HEADS = frozenset({"Union", "Federation", "Confederation"})
_WORKER_WORD = re.compile(
    r"(?:[Ww]orkers|[Mm]iners|[Dd]ockers|[Pp]ilots|[Ee]mployees|[Tt]eachers|[Nn]urses|"
    r"[Dd]rivers|[Ss]eafarers|[Tt]rade)\b"
)
# People a body's name says it is made of ("Shipowners’", "Doctors", "Nurses’"), not things
# ("Small Boats Alliance": the boats are no members).
_MEMBER_ENDINGS = ("ers", "ors", "ists", "ians", "ants", "ents")
_MEMBER_WORDS = words("nurses pilots chefs midwives")
# A lower-case plural word: "shipowners", "nurses".
_PLURAL = re.compile(r"(?<![\w’'-])[a-z]{3,}s(?![\w’'-])")


class Parties:
    """The group nouns' and events' parties of one document (a part of `Affiliation`)."""

    doc: Document
    cast: Cast
    dateline_end: int
    _setters: dict[str, list[int]]

    def is_analysts_firm(self, actor: int) -> bool:
        raise NotImplementedError  # `Affiliation` has it

    def members_of(self, subject: str) -> list[int]:
        """The named bodies whose members a subject's plural common noun is ("shipowners will
        pay" in a text about the Varrel Shipowners’ Association; GUIDELINES v4: members of a
        named organization take the organization), each body a noun names alone."""
        found: list[int] = []
        for m in _PLURAL.finditer(subject):
            body = self._members.get(m.group())
            if body is not None and body not in found:
                found.append(body)
        return found

    def only_union(self) -> list[int]:
        """The text's one trade union (a "... Union", "... Federation" or "... Confederation"
        of workers, miners, pilots ...), if it names exactly one."""
        return self._only_union

    @functools.cached_property
    def _only_union(self) -> list[int]:
        unions = [
            i
            for i, a in enumerate(self.cast.actors)
            if a.kind == ORGANIZATION
            and a.name.split()[-1] in _UNION_HEADS
            and _WORKER_WORD.search(a.name)
            and "party" not in a.nouns
        ]
        return unions if len(unions) == 1 else []

    @functools.cached_property
    def _members(self) -> dict[str, int]:
        """Plural nouns of organizations' names ("Shipowners’", "Pilots", "Doctors") that
        only one organization has."""
        owners: dict[str, set[int]] = {}
        for i, a in enumerate(self.cast.actors):
            if a.kind not in {ORGANIZATION, GROUP}:
                continue
            for word in a.name.split():
                if word in ORG_KEYWORDS:  # "Holdings", "Partners": the kind of body
                    continue
                bare = word.rstrip("’'").lower()
                if bare.endswith(_MEMBER_ENDINGS) or bare in _MEMBER_WORDS:
                    owners.setdefault(bare, set()).add(i)
        return {w: next(iter(b)) for w, b in owners.items() if len(b) == 1}

    def two_sides(self) -> list[int]:
        """The two parties of the text's talks or dispute: the pair of actors (not people)
        named together most often ("talks between Guyana and Suriname", "Fresca and Mercato
        Uno"), else the two states the text mentions most, else (a dispute inside one
        country) the two bodies it mentions most."""
        return self._two_sides

    @functools.cached_property
    def _two_sides(self) -> list[int]:
        cast, text = self.cast, self.doc.text
        pairs: Counter[tuple[int, int]] = Counter()
        states: Counter[int] = Counter()
        outside = [
            m for m in cast.mentions if not m.in_role and cast.actors[m.actor].kind != PERSON
        ]
        for m in outside:
            if cast.actors[m.actor].kind == STATE:
                states[m.actor] += 1
        for a, b in pairwise(outside):
            if a.actor != b.actor and _PAIRED.fullmatch(text, a.end, b.start):
                pairs[(a.actor, b.actor)] += 1
        if pairs:
            return list(pairs.most_common(1)[0][0])
        top = sorted(states, key=lambda i: (-states[i], i))[:2]
        if len(top) == 2:
            return top
        # A dispute inside one country ("both sides" of a strike): its two bodies named most.
        bodies = Counter(m.actor for m in outside if cast.actors[m.actor].kind != STATE)
        top = sorted(bodies, key=lambda i: (-bodies[i], i))[:2]
        return top if len(top) == 2 else []

    def setter_of(self, noun: str) -> list[int]:
        """The body that sets a levy, tariff or ban (GUIDELINES v6: "a levy's fate to the body
        that sets it"): the first actor other than a person, a place or a role named
        ("Talvora will impose a 12% import tariff", "the Varrel Sea Council ... its levy") in
        one of the first sentences using the noun, when a verb of setting it ("impose",
        "charges") follows the actor."""
        found = self._setters.get(noun)
        if found is None:
            found = self._setters[noun] = self._setter(noun)
        return found

    def _setter(self, noun: str) -> list[int]:
        doc, cast = self.doc, self.cast
        word = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
        for use in itertools.islice(word.finditer(doc.masked, self.dateline_end), 6):
            at = use.start()
            sentence = doc.sentences[doc.sentence_index(at)]
            start = max(sentence.start, self.dateline_end)
            for m in cast.mentions_in(start, at):
                kind = cast.actors[m.actor].kind
                if m.in_role or m.in_quote or m.demonym or kind == PERSON:
                    continue
                if kind == STATE and located(doc.text, m):
                    continue
                if _SETS.search(doc.masked, m.end, at):
                    return [m.actor]
                break
        return []

    def strike_sides(self) -> list[int]:
        """The two sides of a strike: the text's one union and the body it is named with most
        often, else the organization (not a state, party, exchange or firm of analysts) the
        text mentions most after it; the union alone when there is none."""
        union = self.only_union()
        if not union:
            return []
        cast = self.cast
        counts = cast.mention_counts
        others = [
            i
            for i in counts
            if i != union[0]
            and cast.actors[i].kind == ORGANIZATION
            and "party" not in cast.actors[i].nouns
            and cast.actors[i].name.split()[-1] not in {"Exchange", "Market", "Bourse"}
            and not self.is_analysts_firm(i)
        ]
        paired = [i for i in self.two_sides() if i in others and union[0] in self.two_sides()]
        if paired:
            return union + paired[:1]
        best = sorted(others, key=lambda i: (-counts[i], i))[:1]
        return union + best
