"""Merging: `merge_extractions` of many actors, positions and predictions must stay linear.

What a long document (or a corpus merged as one) hands the merge: the actors every chunk
reported (people by full name, by surname alone, with aliases; organizations), and positions
and predictions by those actors, a tenth of them repeated by an overlapping chunk, some with
a shorter quote inside the longer one. Each is timed at 1,000 and at 10,000 items.

- `merge_*_linear`: how much more the merge's time grows from 1,000 to 10,000 items than the
  time of a trivial linear pass over the same items (one `name_key` per actor name, one
  `quote_key` per quote, into dictionaries) grows: the baseline absorbs what a bigger working
  set costs on this machine. A linear merge stays near 1; the quadratic one this replaced
  was near 10.
- `merge_*_vs_pass`: seconds at 10,000 over the trivial pass at 10,000: what merging costs
  beyond touching every item once. Reported without a target.
"""

from __future__ import annotations

import functools
from typing import Any

from _harness import cli, interleaved, result, setup, table

SIZES = (1_000, 10_000)
TARGET_LINEAR = 1.5


def actors(count: int) -> list[Any]:
    """`count` actor mentions of about count/4 people and count/20 organizations."""
    from seedsum.schema import Actor

    people, orgs = max(count // 4, 1), max(count // 20, 1)
    mentions: list[Actor] = []
    for i in range(count):
        n = i % (people + orgs)
        if n >= people:
            o = n - people
            mentions.append(
                Actor(
                    name=f"Ministry of Area {o}", kind="organization", role=None, aliases=[f"MA{o}"]
                )
            )
        elif i % 3 == 0:  # a chunk that only gives the surname
            mentions.append(Actor(name=f"Surname{n}", kind="person", role=None, aliases=[]))
        else:
            mentions.append(
                Actor(
                    name=f"Given{n} Surname{n}",
                    kind="person",
                    role=f"minister of area {n}",
                    aliases=[f"the minister for area {n}"],
                )
            )
    return mentions


def _quote(i: int) -> str:
    return f"statement number {i} says that talks on matter {i % 97} will resume next month"


def items(count: int) -> tuple[list[Any], list[Any]]:
    """`count` positions and `count` predictions by the actors above, with spans; every tenth
    repeats the one before (an overlapping chunk), every twentieth with a shorter quote."""
    from seedsum.schema import Position, Prediction, Span

    people = max(count // 4, 1)
    positions: list[Position] = []
    predictions: list[Prediction] = []
    start = 0
    for i in range(count):
        quote, at = _quote(i), start
        if i % 10 == 9:  # the previous item again, as the next chunk reported it
            quote, at, i = _quote(i - 1), start - len(_quote(i - 1)) - 2, i - 1
            if i % 20 == 18:
                quote = quote[: len(quote) // 2]
        who = f"Given{i % people} Surname{i % people}" if i % 2 else f"Surname{i % people}"
        span = Span(start=at, end=at + len(quote), match="exact")
        start = max(start, at + len(quote) + 2)
        positions.append(
            Position(actor=who, topic=f"matter {i % 97}", stance="for", quote=quote, span=span)
        )
        predictions.append(
            Prediction(
                source=who,
                claim=f"Talks on matter {i % 97} resume ({i}).",
                subjects=[f"Ministry of Area {i % 7}"],
                timeframe="next month",
                conditions=[],
                likelihood="likely",
                quote=quote,
                span=span,
            )
        )
    return positions, predictions


def trivial_pass(mentions: list[Any], positions: list[Any], predictions: list[Any]) -> int:
    from seedsum.merge import name_key, quote_key

    names = {name_key(n): a for a in mentions for n in (a.name, *a.aliases)}
    quotes = {(name_key(p.actor), quote_key(p.quote)): p for p in positions}
    claims = {(name_key(p.source), quote_key(p.quote)): p for p in predictions}
    return len(names) + len(quotes) + len(claims)


def main(quick: bool = False) -> list[str]:
    setup(quick)
    from seedsum.merge import merge_extractions

    sizes = (100, 1_000) if quick else SIZES
    repeats = 1 if quick else 5
    cases: dict[str, Any] = {}
    for size in sizes:
        mentions = actors(size)
        positions, predictions = items(size)
        people = [a for a in mentions if a.kind == "person"]
        cases[f"actors {size}"] = functools.partial(merge_extractions, mentions, [], [])
        cases[f"items {size}"] = functools.partial(
            merge_extractions, people, positions, predictions
        )
        cases[f"pass {size}"] = functools.partial(trivial_pass, mentions, positions, predictions)
    times = interleaved(cases, repeats)
    best = {name: min(t) for name, t in times.items()}
    small, large = sizes
    rows = [[name, f"{best[name]:.4f}"] for name in cases]
    print(f"merge: best of {repeats}, seconds")
    table(["case", "s"], rows)
    lines = []
    for what in ("actors", "items"):
        growth = best[f"{what} {large}"] / best[f"{what} {small}"]
        ratio = growth / (best[f"pass {large}"] / best[f"pass {small}"])
        lines.append(
            result(f"merge_{what}_linear", ratio, f"<={TARGET_LINEAR:g}", ratio <= TARGET_LINEAR)
        )
    for what in ("actors", "items"):
        ratio = best[f"{what} {large}"] / best[f"pass {large}"]
        lines.append(result(f"merge_{what}_vs_pass", ratio, "none", True))
    return lines


if __name__ == "__main__":
    cli(main)
