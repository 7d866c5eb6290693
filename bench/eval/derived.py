#!/usr/bin/env python3
"""What seedsum derives, checked on the gold annotations of bench/eval (and heldout/):

- deadlines: every gold `timeframe`, parsed against an assumed publication date (the
  articles are fictional and undated), printed as resolved / unresolved with the interval,
  for judging by hand;
- attribution: each gold quote located in its article and attributed; where the gold item
  has an `attribution` label, accuracy per class;
- hedges: the likelihood word derived from the hedge found at each gold quote, against the
  gold `likelihood`.

Usage: python bench/eval/derived.py [--published 2026-03-02] [--only deadlines|attribution|hedges]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date
from pathlib import Path

from seedsum.attribution import attribute
from seedsum.evaluation.gold import SPLITS
from seedsum.grounding import QuoteLocator
from seedsum.hedges import find_hedge, likelihood_for
from seedsum.timeframes import parse_timeframe

HERE = Path(__file__).resolve().parent
# The development set ("") and the held-out and blind splits, as the scorer knows them.
_FOLDERS = tuple("" if folder == "." else folder for folder in SPLITS.values())


def deadlines(published: date) -> None:
    for split in _FOLDERS:
        files = sorted((HERE / split).glob("*.gold.json"))
        if files:
            print(f"== deadlines, {split or 'development'} ({len(files)} articles)")
            _deadlines(files, published)


def _deadlines(files: list[Path], published: date) -> None:
    counts: Counter[str] = Counter()
    for path in files:
        for p in json.loads(path.read_text(encoding="utf-8"))["predictions"]:
            if p.get("timeframe") is None:
                continue
            d = parse_timeframe(p["timeframe"], published)
            state = "resolved" if d.resolved else "unresolved"
            counts[state] += 1
            span = f"{d.not_before} .. {d.not_after}" if d.resolved else d.why
            event = f"  event={d.event!r}" if d.event else ""
            print(f"{state:10} {p['timeframe']!r:55} {span}{event}")
    print(f"-- {sum(counts.values())} timeframes: {dict(counts)} (published {published})")


def attribution() -> None:
    for split in _FOLDERS:
        files = sorted((HERE / split).glob("*.gold.json"))
        if files:
            print(f"== attribution, {split or 'development'} ({len(files)} articles)")
            _attribution(files)


def _attribution(files: list[Path]) -> None:
    confusion: Counter[tuple[str, str]] = Counter()
    unlabelled: Counter[str] = Counter()
    for path in files:
        text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        gold = json.loads(path.read_text(encoding="utf-8"))
        locator = QuoteLocator(text)
        for item in gold["positions"] + gold["predictions"]:
            span = locator.locate(item["quote"])
            found = attribute(text, span.start, span.end).kind if span else "unlocated"
            if "attribution" in item:
                confusion[(item["attribution"], found)] += 1
            else:
                unlabelled[found] += 1
    if unlabelled:
        print(f"without gold labels, computed: {dict(unlabelled)}")
    if confusion:
        classes = sorted({g for g, _ in confusion})
        total = sum(confusion.values())
        right = sum(n for (g, f), n in confusion.items() if g == f)
        print(f"accuracy {right}/{total} = {right / total:.0%}")
        for g in classes:
            n = sum(v for (gg, _), v in confusion.items() if gg == g)
            ok = confusion[(g, g)]
            wrong = {f: v for (gg, f), v in confusion.items() if gg == g and f != g}
            print(f"  {g:12} {ok}/{n} = {ok / n:.0%}   confused with {wrong}")


def hedges() -> None:
    """The likelihood word derived from the located hedge, against the gold word."""
    for split in _FOLDERS:
        files = sorted((HERE / split).glob("*.gold.json"))
        confusion: Counter[tuple[str, str]] = Counter()
        for path in files:
            text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text("utf-8")
            locator = QuoteLocator(text)
            for p in json.loads(path.read_text(encoding="utf-8"))["predictions"]:
                span = locator.locate(p["quote"])
                if span is None:
                    continue
                found = find_hedge(text, span.start, span.end)
                confusion[
                    (p["likelihood"], likelihood_for(found.band) if found else "unspecified")
                ] += 1
        total = sum(confusion.values())
        right = sum(n for (g, k), n in confusion.items() if g == k)
        if total:
            print(f"== likelihood from hedges, {split or 'development'}: {right}/{total} "
                  f"= {right / total:.0%}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--published", type=date.fromisoformat, default=date(2026, 3, 2))
    parser.add_argument("--only", choices=["deadlines", "attribution", "hedges"])
    args = parser.parse_args()
    if args.only in (None, "deadlines"):
        deadlines(args.published)
    if args.only in (None, "attribution"):
        attribution()
    if args.only in (None, "hedges"):
        hedges()


if __name__ == "__main__":
    main()
