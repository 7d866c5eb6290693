"""Merging the extractions of several chunks into one account of the document.

Actors: two actors are the same entity when a name or alias of one equals a name or alias of
the other (case and a leading "the" ignored), or when one person's name is the other's surname
alone and no other person shares that surname. Each merged actor takes the fullest name, the
first stated role and the union of aliases.

Positions and predictions: every actor reference is rewritten to the merged actor's name (an
unknown name becomes a new actor of kind "other", with a warning), and items that overlapping
chunks both produced (same actor, same or contained quote) are kept once, the longer quote
winning.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .schema import Actor, Position, Prediction

ItemT = TypeVar("ItemT", Position, Prediction)

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# Prediction sources the prompt allows for unattributed forecasts; not worth a warning.
_UNATTRIBUTED = frozenset({"author", "publication", "the author", "the publication"})
_QUOTE_FOLD = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """How names are compared: case-folded, spaces collapsed, a leading "the" dropped."""
    return _LEADING_THE.sub("", _SPACES.sub(" ", name.strip())).casefold()


def quote_key(quote: str) -> str:
    return " ".join(quote.translate(_QUOTE_FOLD).split()).strip(" \"'.,;:").casefold()


@dataclass
class _Group:
    names: list[str] = field(default_factory=list)  # every `name` seen, in order
    aliases: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    #: The actor this group was made from, while nothing else has joined it.
    original: Actor | None = None

    def __post_init__(self) -> None:
        self.keys = set(map(name_key, (*self.names, *self.aliases)))

    def absorb(self, other: _Group) -> None:
        self.names += other.names
        self.aliases += other.aliases
        self.kinds += other.kinds
        self.roles += other.roles
        self.keys |= other.keys
        self.original = None

    def to_actor(self) -> Actor:
        if self.original is not None:  # alone in its group: already what it should be
            return self.original
        kind = max(self.kinds, key=self.kinds.count) if self.kinds else "other"
        # The fullest form ("Vladimir Putin" over "Putin", "European Commission" over "the
        # Commission"); between forms as full, the one most chunks used, then the first.
        name = min(
            self.names,
            key=lambda n: (-len(name_key(n).split()), -self.names.count(n), self.names.index(n)),
        )
        aliases: list[str] = []
        seen = {name_key(name)}
        for alias in (*self.names, *self.aliases):
            if name_key(alias) not in seen:
                seen.add(name_key(alias))
                aliases.append(alias)
        role = self.roles[0] if self.roles else None
        return Actor(name=name, kind=kind, role=role, aliases=aliases)  # type: ignore[arg-type]


@dataclass
class Merged:
    """The merged actors, positions and predictions of a document, and what merging noticed."""

    actors: list[Actor]
    positions: list[Position]
    predictions: list[Prediction]
    warnings: list[str]


class _ActorIndex:
    def __init__(self, actors: Iterable[Actor]) -> None:
        groups: list[_Group] = []
        for actor in actors:
            group = _Group([actor.name], list(actor.aliases), [actor.kind], original=actor)
            if actor.role:
                group.roles.append(actor.role)
            groups.append(group)
        self.groups = _union(groups)
        self.actors = [g.to_actor() for g in self.groups]
        self._by_key: dict[str, str] = {}
        for actor in self.actors:
            for n in (actor.name, *actor.aliases):
                self._by_key.setdefault(name_key(n), actor.name)
        self._surnames = _unique_surnames(self.actors)

    def resolve(self, name: str) -> str | None:
        key = name_key(name)
        return self._by_key.get(key) or self._surnames.get(key)

    def add_unknown(self, name: str) -> str:
        actor = Actor(name=name.strip(), kind="other", role=None, aliases=[])
        self.actors.append(actor)
        self._by_key[name_key(name)] = actor.name
        return actor.name


def _union(groups: list[_Group]) -> list[_Group]:
    """Merge groups sharing a name or alias key, or a unique person surname."""
    merged: list[_Group] = []
    for group in groups:
        matches = [m for m in merged if not m.keys.isdisjoint(group.keys)]
        if not matches:
            merged.append(group)
            continue
        target = matches[0]
        target.absorb(group)
        for other in matches[1:]:
            target.absorb(other)
            merged.remove(other)
    # "Putin" (a person with a one-word name) joins "Vladimir Putin" when exactly one person
    # has that surname.
    result: list[_Group] = []
    singles: list[_Group] = []
    for group in merged:
        is_single = all(len(n.split()) == 1 for n in group.names) and "person" in group.kinds
        (singles if is_single else result).append(group)
    for single in singles:
        surname = name_key(single.names[0])
        owners = [
            g
            for g in result
            if "person" in g.kinds and any(name_key(n).split()[-1] == surname for n in g.names)
        ]
        if len(owners) == 1:
            owners[0].absorb(single)
        else:
            result.append(single)
    return result


def _unique_surnames(actors: Sequence[Actor]) -> dict[str, str]:
    owners: dict[str, list[str]] = {}
    for actor in actors:
        if actor.kind == "person" and len(actor.name.split()) > 1:
            owners.setdefault(name_key(actor.name).split()[-1], []).append(actor.name)
    return {surname: names[0] for surname, names in owners.items() if len(names) == 1}


def merge_extractions(
    actors: Iterable[Actor], positions: Sequence[Position], predictions: Sequence[Prediction]
) -> Merged:
    """Merge the actors and items of all chunks (in document order) into one account."""
    index = _ActorIndex(actors)
    warnings: list[str] = []

    def canonical(name: str, where: str) -> str:
        resolved = index.resolve(name)
        if resolved is None and name_key(name) in _UNATTRIBUTED:
            resolved = index.add_unknown(name)
        elif resolved is None:
            warnings.append(
                f"{where} refers to {name!r}, which is not among the actors; added it as an "
                "actor of kind 'other'"
            )
            resolved = index.add_unknown(name)
        return resolved

    merged_positions = []
    for p in positions:
        actor = canonical(p.actor, "a position")
        merged_positions.append(p if actor == p.actor else p.model_copy(update={"actor": actor}))
    merged_predictions = []
    for q in predictions:
        source = canonical(q.source, "a prediction")
        subjects = list(dict.fromkeys(canonical(s, "a prediction") for s in q.subjects))
        if source != q.source or subjects != q.subjects:  # copy only what changes
            q = q.model_copy(update={"source": source, "subjects": subjects})
        merged_predictions.append(q)
    return Merged(
        actors=index.actors,
        positions=_dedupe(merged_positions, lambda p: p.actor),
        predictions=_dedupe(merged_predictions, lambda p: p.source),
        warnings=warnings,
    )


def _dedupe(items: list[ItemT], owner: Callable[[ItemT], str]) -> list[ItemT]:
    """Drop items whose quote equals or lies inside another item's quote for the same owner."""
    kept: list[ItemT] = []
    keys: list[tuple[str, str]] = []
    for item in items:
        mine = (owner(item), quote_key(item.quote))
        duplicate = False
        for i, (who, quote) in enumerate(keys):
            if who != mine[0] or not (mine[1] in quote or quote in mine[1]):
                continue
            duplicate = True
            if len(mine[1]) > len(quote):
                kept[i], keys[i] = item, mine
            break
        if not duplicate:
            kept.append(item)
            keys.append(mine)
    return kept
