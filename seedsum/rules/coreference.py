"""Coreference: every occurrence of every actor's forms (with what surrounds it: a quotation,
a role, a possessive, a preposition), and the gender of people from the pronouns that follow
their mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .cast import PERSON, ActorInfo, Cast, Mention
from .lexicon import (
    alternation,
    words,
)
from .names import Candidate
from .sentences import Document

_PREPOSITIONS = words(
    """
    of to about with against behind for by from on in at over into toward towards between among
    under after before than like via
    """
)
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# he/him/his/she/her/hers, starting with a character class so the engine skips ahead fast;
# the word boundary before is checked in Python.
_PRONOUN = re.compile(r"[HhSs](?:(?<=[Hh])(?:e(?:rs?)?|i[ms])|(?<=[Ss])he)\b")


# -- mentions --------------------------------------------------------------------------------


def mentions_of(
    doc: Document,
    actors: list[ActorInfo],
    candidates: list[Candidate],
    role_spans: list[tuple[int, int]],
) -> list[Mention]:
    text = doc.text
    owner: dict[str, tuple[int, bool]] = {}
    for i, a in enumerate(actors):
        for form in a.forms:
            owner.setdefault(form.removeprefix("the "), (i, False))
        for form in a.demonyms:
            owner.setdefault(form, (i, True))
            if form.endswith(("an", "i")):
                owner.setdefault(form + "s", (i, True))  # "the Russians end up accepting"
    if not owner:
        return []
    pattern = re.compile(rf"{alternation(owner)}(?![\w\-]|[’']\w\w)")
    # Longer names that contain a form without being it ("Corvel Institute", "Carnegie
    # Russia Eurasia Center"): the form inside is not a mention.
    blockers = sorted(
        (c.start, c.end)
        for c in candidates
        if c.text not in owner and " " in c.text and c.kind != "name"
    )
    found: list[Mention] = []
    # Matches come in text order, so quotations, roles and blockers are swept alongside.
    quotes = doc.quotes
    q = r = b = 0
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_’'-"):
            continue
        while b < len(blockers) and blockers[b][1] <= start:
            b += 1
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in blockers[b : b + 3]):
            continue
        while q < len(quotes) and quotes[q].end <= start:
            q += 1
        while r < len(role_spans) and role_spans[r][1] <= start:
            r += 1
        in_quote = q < len(quotes) and quotes[q].start <= start
        in_role = any(s <= start < e for s, e in role_spans[r : r + 2])
        actor, demonym = owner[m.group()]
        tail = text[end : end + 2]
        possessive = tail in {"’s", "'s"} or (tail[:1] in "’'" and m.group().endswith("s"))
        head = text[max(0, start - 16) : start].split()
        prev = head[-1].lower() if head else ""
        if prev in {"the", "a", "an"} and len(head) > 1:
            prev = head[-2].lower()
        found.append(
            Mention(
                start, end, actor, in_quote, in_role, possessive, prev in _PREPOSITIONS, demonym
            )
        )
    return found


# -- gender ----------------------------------------------------------------------------------


def infer_genders(doc: Document, cast: Cast) -> None:
    """Learn he/she for people from the pronouns that follow their mentions: a pronoun
    within the paragraph after a person's mention, with no other person just before,
    votes for that person. A person stops collecting votes once they clearly agree."""
    votes: dict[int, list[int]] = {}  # actor -> [he, she]
    settled: set[int] = set()
    persons = [m for m in cast.mentions if cast.actors[m.actor].kind == PERSON and not m.in_quote]
    if not persons:
        return
    starts = [m.start for m in persons]
    paragraph_of = doc.paragraph_of
    masked = doc.masked
    for p in _PRONOUN.finditer(masked):
        pos = p.start()
        if pos and (masked[pos - 1].isalnum() or masked[pos - 1] in "_’'-"):
            continue
        i = bisect_left(starts, pos) - 1
        if i < 0:
            continue
        m = persons[i]
        if m.actor in settled or pos - m.end > 250:
            continue
        # Only when one person is in view: the previous person mention is far or the same.
        if i > 0 and persons[i - 1].actor != m.actor and m.start - persons[i - 1].end < 120:
            continue
        if paragraph_of(m.start) != paragraph_of(pos):
            continue
        counts = votes.setdefault(m.actor, [0, 0])
        counts[_PRONOUN_GENDER[p.group().lower()] == "f"] += 1
        he, she = counts
        if max(he, she) >= 4 and min(he, she) == 0:
            settled.add(m.actor)
    for index, (he, she) in votes.items():
        actor = cast.actors[index]
        if he == she:
            continue
        top, n = ("m", he) if he > she else ("f", she)
        if actor.gender is None or n >= 2:
            actor.gender = top
