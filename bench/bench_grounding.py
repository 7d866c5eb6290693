"""Grounding: locating 1,000 quotes in a 1 MB document with `QuoteLocator.locate`.

The document is the start of the prose corpus (`_corpus.py`), every other paragraph set with
typographic (curly) quotes and apostrophes. The quotes are 60-200 character stretches of it,
from the start of a word to the end of one (punctuation attached to a word included, a lone
dash or bracket not), picked by a seeded generator. Each is looked up twice: as is
(exact), and as a model might copy it, with straight and curly quotes swapped, its line
breaks made spaces, one space doubled and another made a line break. The baseline is a plain
`str.find` of the exact quotes. A quote counts as found when its span's text is the quote
(exact) or equals it after folding quotes, whitespace and case (variants); the table also
says how many spans are at the very place the quote was taken from.
"""

from __future__ import annotations

import random
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from _corpus import corpus
from _harness import cli, interleaved, paired, result, setup, table

_TO_STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
# A quote starts at a word and ends with one (with any punctuation attached to it), as a
# model's quotes do, rather than at a lone dash or bracket.
_WORD_START = re.compile(r"(?<=\s)(?=[^\s\w]*\w)")
_WORD_END = re.compile(r"\w[^\s\w]*(?=\s)")


def document(size: int) -> str:
    from _corpus import _typographic

    paragraphs = corpus(size).split("\n\n")
    text = "\n\n".join(_typographic(p) if i % 2 else p for i, p in enumerate(paragraphs))
    return text[:size]


def pick_quotes(source: str, count: int, rng: random.Random) -> list[tuple[int, str]]:
    """`count` distinct (offset, quote) stretches of `source`, word start to word end."""
    quotes: dict[str, int] = {}
    while len(quotes) < count:
        start_match = _WORD_START.search(source, rng.randrange(len(source) - 400))
        if start_match is None:
            continue
        start = start_match.start()
        ends = [m.end() for m in _WORD_END.finditer(source, start + 60, start + 200)]
        if not ends:
            continue
        quote = source[start : ends[-1]]
        if "..." not in quote and "\u2026" not in quote and quote not in quotes:
            quotes[quote] = start
    return [(start, quote) for quote, start in quotes.items()]


def variant(quote: str, rng: random.Random) -> str:
    """`quote` as a model might copy it: other quote marks, other whitespace."""
    if quote != quote.translate(_TO_STRAIGHT):
        text = quote.translate(_TO_STRAIGHT)
    else:
        text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", quote)
        text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    words = text.split()
    doubled, broken = rng.sample(range(1, len(words)), 2) if len(words) > 2 else (1, 1)
    return "".join(
        ("  " if i == doubled else "\n" if i == broken else " ") + w if i else w
        for i, w in enumerate(words)
    )


def _same(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return " ".join(s.translate(_TO_STRAIGHT).split()).casefold()

    return fold(a) == fold(b)


@dataclass
class Tally:
    found: int = 0  # spans whose text is the quote (for variants: after folding)
    in_place: int = 0  # of those, spans at the very offset the quote was taken from
    kinds: dict[str, int] = field(default_factory=dict)  # match kinds of the found spans


def _tally(source: str, spans: list[Any], quotes: list[tuple[int, str]], exact: bool) -> Tally:
    tally = Tally()
    for span, (start, quote) in zip(spans, quotes, strict=True):
        if span is None:
            continue
        text = source[span.start : span.end]
        if text == quote if exact else _same(text, quote):
            tally.found += 1
            tally.kinds[span.match] = tally.kinds.get(span.match, 0) + 1
            tally.in_place += span.start == start
    return tally


def main(quick: bool = False) -> list[str]:
    setup(quick)
    from seedsum.grounding import QuoteLocator

    size, count, repeats = (100_000, 100, 2) if quick else (1_000_000, 1000, 5)
    source = document(size)
    rng = random.Random(6)
    quotes = pick_quotes(source, count, rng)
    variants = [(start, variant(q, rng)) for start, q in quotes]
    plain = [q for _, q in quotes]
    copied = [v for _, v in variants]
    outputs: dict[str, list[Any]] = {}

    def find() -> None:
        outputs["find"] = [source.find(q) for q in plain]

    def locate_exact() -> None:
        locator = QuoteLocator(source)
        outputs["exact"] = [locator.locate(q) for q in plain]

    def locate_variants() -> None:
        locator = QuoteLocator(source)  # a new one: its normalized copy is built in the run
        outputs["variants"] = [locator.locate(q) for q in copied]

    def normalize() -> None:
        _ = QuoteLocator(source).normalized

    times = interleaved(
        {"find": find, "exact": locate_exact, "variants": locate_variants, "build": normalize},
        repeats,
    )
    exact = _tally(source, outputs["exact"], quotes, exact=True)
    loose = _tally(source, outputs["variants"], quotes, exact=False)
    baseline_found = sum(i >= 0 for i in outputs["find"])
    base = min(times["find"])
    rows: list[list[object]] = []
    for label, name, tally in [
        ("str.find, exact quotes (baseline)", "find", None),
        ("locate, exact quotes", "exact", exact),
        ("locate, quote-style/whitespace variants", "variants", loose),
        ("  of which: building the normalized copy", "build", None),
    ]:
        best = min(times[name])
        found, kinds, in_place = "", "", ""
        if name == "find":
            found = f"{baseline_found}/{count}"
        elif tally is not None:
            found = f"{tally.found}/{count}"
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(tally.kinds.items()))
            in_place = f"{tally.in_place}/{count}"
        rows.append(
            [label, f"{1e3 * best:.1f}", f"{1e3 * statistics.median(times[name]):.1f}",
             f"{best / base:.2f}", found, kinds, in_place]
        )  # fmt: skip
    print(
        f"grounding: {count} quotes of 60-200 characters in a {len(source) / 1e6:.2f} MB "
        f"document ({len(source):,} characters); best and median of {repeats}"
    )
    table(["lookup", "ms best", "ms median", "x find", "found", "match", "at its place"], rows)
    exact_ratio = paired(times, "exact", "find")
    loose_ratio = paired(times, "variants", "find")
    return [
        result("grounding_exact", exact_ratio, "all-found", exact.found == count),
        result("grounding_variants", loose_ratio, "all-found", loose.found == count),
    ]


if __name__ == "__main__":
    cli(main)
