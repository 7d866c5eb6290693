"""Coreference: every occurrence of every actor's forms (with what surrounds it: a quotation,
a role, a possessive, a preposition), and the gender of people from the pronouns that follow
their mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection

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
    for start, end in _occurrences(text, owner):
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
        actor, demonym = owner[text[start:end]]
        tail = text[end : end + 2]
        possessive = tail in {"’s", "'s"} or (tail[:1] in "’'" and text[end - 1] == "s")
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


# A word as the forms' index sees it: its first piece, apostrophes and hyphens included.
_WORD = re.compile(r"[\w’'\-]+")
# Where a form may start: a word not right after another word's letters or an apostrophe or
# hyphen, and not with an ASCII lower-case letter (no form does; this skips most words).
_WORD_START = re.compile(r"(?<![\w’'\-])[^\W\da-z_][\w’'\-]*")
# What may follow a form: not more of a word, but a possessive ("Varnia’s").
_FORM_END = re.compile(r"(?![\w\-]|[’']\w\w)")


def _occurrences(text: str, forms: Collection[str]) -> list[tuple[int, int]]:
    """The (start, end) of every form in `text`, longest first where several start at one
    word, none overlapping, each starting a word. Forms are looked up by their first word
    rather than by one pattern of them all: compiling that pattern cost more than the whole
    search on an article of a few paragraphs."""
    by_first: dict[str, list[str]] = {}
    for form in forms:
        first = _WORD.match(form)
        if first is None or not form[:1].isupper():
            return _occurrences_by_pattern(text, forms)
        by_first.setdefault(first.group(), []).append(form)
    for group in by_first.values():
        group.sort(key=len, reverse=True)
    found: list[tuple[int, int]] = []
    done = 0
    for m in _WORD_START.finditer(text):
        start = m.start()
        if start < done:
            continue
        word = m.group()
        group = by_first.get(word, [])
        # "Varnia’s": the possessive of a one-word form, or the first word of a longer one
        for cut in (2, 1):
            if word[-cut:] in {"’s", "'s", "’", "'"} and word[:-cut] in by_first:
                group = sorted(group + by_first[word[:-cut]], key=len, reverse=True)
        for form in group:
            end = start + len(form)
            if text.startswith(form, start) and _FORM_END.match(text, end):
                found.append((start, end))
                done = end
                break
    return found


def _occurrences_by_pattern(text: str, forms: Collection[str]) -> list[tuple[int, int]]:
    pattern = re.compile(rf"{alternation(forms)}(?![\w\-]|[’']\w\w)")
    return [
        (m.start(), m.end())
        for m in pattern.finditer(text)
        if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_’'-"))
    ]


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
