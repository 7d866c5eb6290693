"""The actors of a document as the rules know them, and where each is mentioned."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

PERSON, STATE, ORGANIZATION, GROUP = "person", "state", "organization", "group"
#: A town or city the text talks about (GUIDELINES v4: kind `other`).
TOWN = "town"


@dataclass
class ActorInfo:
    """One actor as the rules know it."""

    name: str
    kind: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    #: Common nouns that refer back to this actor ("company", "bank", "party").
    nouns: set[str] = field(default_factory=set)
    gender: str | None = None  # "m" or "f" for people, when the text shows it
    #: Forms that stand for the actor without naming it: demonyms ("Russian").
    demonyms: list[str] = field(default_factory=list)
    first: int = 0

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


class Mention(NamedTuple):
    """One occurrence of an actor's form in the text."""

    start: int
    end: int
    actor: int
    in_quote: bool
    in_role: bool
    possessive: bool
    after_preposition: bool
    demonym: bool


@dataclass
class Cast:
    """The actors of a document and every place they are mentioned."""

    actors: list[ActorInfo]
    mentions: list[Mention]
    role_spans: list[tuple[int, int]]
    main_state: int | None
    _mention_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._mention_starts = [m.start for m in self.mentions]

    @functools.cached_property
    def mention_counts(self) -> Counter[int]:
        """How often each actor is mentioned outside a role (read once the cast is built)."""
        return Counter(m.actor for m in self.mentions if not m.in_role)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._mention_starts, start)
        j = bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def mentions_before(self, pos: int) -> int:
        """The index of the first mention starting at or after `pos`."""
        return bisect_left(self._mention_starts, pos)

    def in_role(self, pos: int) -> bool:
        return in_spans(self.role_spans, pos)

    def body_named_in(self, role: str, exclude: int, min_words: int = 1) -> int | None:
        """The body (not a person, not `exclude`) whose name or alias of at least
        `min_words` words `role` holds as whole words, the longest, at equal length the
        first actor ("chief executive of the Dravonian Water Services Authority": the
        authority, not Dravonia)."""
        words = _ROLE_WORD.findall(role)
        best: tuple[int, int] | None = None
        for a in range(len(words)):
            for b in range(a + min_words, min(len(words), a + 8) + 1):
                phrase = " ".join(words[a:b])
                for i in self._body_forms.get(phrase, ()):
                    if i != exclude and (best is None or (len(phrase), -i) > best):
                        best = (len(phrase), -i)
        return -best[1] if best is not None else None

    @functools.cached_property
    def _body_forms(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, actor in enumerate(self.actors):
            if actor.kind != PERSON:
                for form in actor.forms:
                    index.setdefault(form, []).append(i)
        return index


_ROLE_WORD = re.compile(r"[\w’'&.\-]+")


def in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def span_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The last of the sorted `spans` that holds `pos`, if any."""
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return spans[i] if i >= 0 and spans[i][0] <= pos < spans[i][1] else None


_LOCATIVES = frozenset(
    ["in", "at", "from", "near", "inside", "outside", "around", "across", "through", "via", "into"]
)
_PLACE_ADJECTIVES = frozenset(
    ["neighbouring", "neighboring", "nearby", "northern", "southern", "eastern", "western"]
)


def located(text: str, mention: Mention) -> bool:
    """Whether a mention names a place ("talks in Tallor", "at Varnia's ports")."""
    before = text[max(0, mention.start - 24) : mention.start].split()[-2:]
    if before and before[-1].lower() in _PLACE_ADJECTIVES:
        before = before[:-1]  # "from neighbouring Selvaria"
    return bool(before) and before[-1].lower() in _LOCATIVES
