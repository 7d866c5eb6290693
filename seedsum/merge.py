"""Merging the extractions of several chunks into one account of the document.

Actors: two actors are the same entity when a name or alias of one equals a name or alias of
the other (case and a leading "the" ignored), or when one person's name is the other's surname
alone and no other person shares that surname. Each merged actor takes the fullest name, the
first stated role and the union of aliases.

Positions and predictions: every actor reference is rewritten to the merged actor's name (an
unknown name becomes a new actor of kind "other", with a warning). Items that overlapping
chunks both produced are kept once: the same actor saying the same thing (a position's topic
and stance, a prediction's claim, compared without case and punctuation) about the same span
or one enclosing it (by quote text when a quote was not found), the longer quote winning.
Items that differ in topic, stance or claim are all kept, however their quotes nest; each
dropped item that was not an exact copy of the one kept is named in a warning.

Everything here is linear in the number of actors and items (dictionaries and a union-find,
never a scan of what was kept so far): a long document's merge is not the bottleneck.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
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
        # Counted once: an actor named in every chunk of a long document has many names.
        kind = Counter(self.kinds).most_common(1)[0][0] if self.kinds else "other"
        counts = Counter(self.names)
        first = {n: i for i, n in reversed(list(enumerate(self.names)))}
        # The fullest form ("Vladimir Putin" over "Putin", "European Commission" over "the
        # Commission"); between forms as full, the one most chunks used, then the first.
        name = min(counts, key=lambda n: (-len(name_key(n).split()), -counts[n], first[n]))
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
    """Merge groups sharing a name or alias key, or a unique person surname (in linear time:
    a union-find over the keys, then one index of surnames)."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner_of_key: dict[str, int] = {}
    for i, group in enumerate(groups):
        for key in group.keys:
            j = owner_of_key.setdefault(key, i)
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)  # the earliest group stays the root
    members: dict[int, list[_Group]] = {}
    for i, group in enumerate(groups):
        members.setdefault(root(i), []).append(group)
    merged: list[_Group] = []
    for same in members.values():  # in order of each entity's first mention
        target = same[0]
        for other in same[1:]:
            target.absorb(other)
        merged.append(target)
    # "Putin" (a person with a one-word name) joins "Vladimir Putin" when exactly one person
    # has that surname.
    result: list[_Group] = []
    singles: list[_Group] = []
    for group in merged:
        is_single = all(len(n.split()) == 1 for n in group.names) and "person" in group.kinds
        (singles if is_single else result).append(group)
    by_surname: dict[str, dict[int, _Group]] = {}
    for group in result:
        if "person" in group.kinds:
            for n in group.names:
                by_surname.setdefault(name_key(n).split()[-1], {})[id(group)] = group
    for single in singles:
        owners = list(by_surname.get(name_key(single.names[0]), {}).values())
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
        positions=_dedupe(
            merged_positions, lambda p: p.actor, lambda p: (p.topic, p.stance), "position", warnings
        ),
        predictions=_dedupe(
            merged_predictions, lambda p: p.source, lambda p: (p.claim,), "prediction", warnings
        ),
        warnings=warnings,
    )


def _dedupe(
    items: list[ItemT],
    owner: Callable[[ItemT], str],
    meaning: Callable[[ItemT], tuple[str, ...]],
    label: str,
    warnings: list[str],
) -> list[ItemT]:
    """Drop items that repeat another item of the same owner saying the same thing (same
    `meaning`) about the same or an enclosing span; warn for each dropped item that was not
    an exact copy of the one kept. Linear in the number of items but for the items of one
    owner and meaning whose quote was not found, which are compared pairwise."""
    owners = [owner(each) for each in items]
    # Only items sharing an owner can repeat one another: the meaning of an item alone with
    # its owner (most of them) is never compared, so its keys are not made.
    shared = {who for who, count in Counter(owners).items() if count > 1}
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, each in enumerate(items):
        if owners[i] in shared:
            parts: tuple[str, ...] = meaning(each)
            groups.setdefault((owners[i], *map(quote_key, parts)), []).append(i)
    instead: dict[int, int] = {}  # a dropped item's index -> the index of the item kept
    for indices in groups.values():
        if len(indices) > 1:
            _drop_enclosed(items, indices, instead)
    for dropped, kept in sorted(instead.items()):
        if items[dropped] != items[kept]:
            warnings.append(
                f"merged two {label}s of {owner(items[kept])!r} saying the same thing: kept "
                f"{_shorten(items[kept].quote)!r}, dropped {_shorten(items[dropped].quote)!r} "
                "(its quote lies inside the kept one)"
            )
    return [item for i, item in enumerate(items) if i not in instead]


def _drop_enclosed(items: Sequence[ItemT], indices: list[int], instead: dict[int, int]) -> None:
    """Among `indices` (one owner, one meaning), record in `instead` each item whose span lies
    inside another's (the first of identical spans stays), and each item without a span whose
    quote lies inside another's quote (the longer stays, then the first)."""
    spans = {i: span for i in indices if (span := items[i].span) is not None}
    enclosing: int | None = None
    # By start, the widest first: an item lies inside an earlier one exactly when it ends no
    # later than the furthest-reaching span before it.
    for i in sorted(spans, key=lambda i: (spans[i].start, -spans[i].end, i)):
        if enclosing is not None and spans[i].end <= spans[enclosing].end:
            instead[i] = enclosing
        else:
            enclosing = i
    unlocated = {i for i in indices if i not in spans}
    if not unlocated:
        return
    keys = {i: quote_key(items[i].quote) for i in indices}
    kept: list[int] = []
    for i in sorted(indices, key=lambda i: (-len(keys[i]), i)):
        if i in instead:
            continue
        if i in unlocated:
            container = next((k for k in kept if keys[i] in keys[k]), None)
            if container is not None:
                instead[i] = container
                continue
        kept.append(i)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
