"""Locating the model's quotes in the original text.

Models copy quotes imperfectly: straight for curly quotation marks, changed whitespace or line
breaks, changed case, a dropped final full stop, an ellipsis for an omitted middle. A quote is
looked up in three steps, and its `Span.match` records which one succeeded:

1. exact: the quote as given;
2. normalized: both texts with quotation marks, apostrophes and dashes folded, whitespace runs
   collapsed, case folded, and the quote's outer punctuation trimmed;
3. elided: the pieces of a quote around "..." or "…", each found (normalized) in order, close
   together.

Where a quote occurs more than once, the occurrence inside the chunk the item came from wins.
A quote that is not found gets no span: it is never attached to a place that merely resembles it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from .schema import Span

# Typographic variants models swap for one another, folded to one ASCII form each.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_WHITESPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|\u2026)\s*")
# Trimmed from both ends of a quote before the normalized search.
_OUTER = " \"'.,;:!?-()[]"
# Pieces of an elided quote must each be this long, and lie this close together (characters).
_MIN_PIECE = 12
_MAX_GAP = 400


def _fold(text: str) -> str:
    return text.translate(_FOLD).casefold()


@dataclass
class _Normalized:
    """A folded, whitespace-collapsed copy of the source with a map back to its offsets."""

    text: str
    # Runs of the normalized text that map one-to-one onto the source: run i starts at
    # norm_starts[i] in the normalized text and at orig_starts[i] in the source.
    norm_starts: list[int]
    orig_starts: list[int]

    @classmethod
    def of(cls, source: str) -> _Normalized:
        folded = _fold(source)
        if len(folded) != len(source):
            # casefold() lengthened some character (e.g. "ß" -> "ss"): fold per character,
            # keeping one output character per input character so offsets stay aligned.
            folded = "".join(c if len(f := _fold(c)) != 1 else f for c in source)
        pieces: list[str] = []
        norm_starts: list[int] = []
        orig_starts: list[int] = []
        position = last = 0
        for match in _WHITESPACE.finditer(folded):
            if match.start() > last:
                norm_starts.append(position)
                orig_starts.append(last)
                pieces.append(folded[last : match.start()])
                position += match.start() - last
            # A whitespace run becomes one space, mapped to the run's first character.
            norm_starts.append(position)
            orig_starts.append(match.start())
            pieces.append(" ")
            position += 1
            last = match.end()
        if last < len(folded):
            norm_starts.append(position)
            orig_starts.append(last)
            pieces.append(folded[last:])
        return cls("".join(pieces), norm_starts, orig_starts)

    def to_source(self, index: int) -> int:
        run = bisect_right(self.norm_starts, index) - 1
        return self.orig_starts[run] + (index - self.norm_starts[run])

    def from_source(self, index: int) -> int:
        """The normalized offset of source offset `index` (inside a whitespace run: its space)."""
        run = bisect_right(self.orig_starts, index) - 1
        if run < 0:
            return 0
        run_end = self.norm_starts[run + 1] if run + 1 < len(self.norm_starts) else len(self.text)
        return min(self.norm_starts[run] + index - self.orig_starts[run], run_end)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets of normalized text [start, end)."""
        return self.to_source(start), self.to_source(end - 1) + 1


def _normalize_quote(quote: str) -> str:
    return _WHITESPACE.sub(" ", _fold(quote)).strip(_OUTER)


class QuoteLocator:
    """Finds quotes in one source text; build it once per document."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._normalized: _Normalized | None = None

    @property
    def normalized(self) -> _Normalized:
        if self._normalized is None:
            self._normalized = _Normalized.of(self.source)
        return self._normalized

    def locate(self, quote: str, near: tuple[int, int] | None = None) -> Span | None:
        """The span of `quote` in the source, preferring an occurrence inside `near`
        (start, end); None when it cannot be found."""
        quote = quote.strip()
        if not quote:
            return None
        start = _find_preferring(self.source, quote, near)
        if start >= 0:
            return Span(start=start, end=start + len(quote), match="exact")
        wanted = _normalize_quote(quote)
        if wanted:
            found = self._find_normalized(wanted, near)
            if found is not None:
                start, end = self._regrow(quote, *found)
                return Span(start=start, end=end, match="normalized")
        return self._find_elided(quote, near)

    def _regrow(self, quote: str, start: int, end: int) -> tuple[int, int]:
        """Give back to the span the outer punctuation the quote had and the source has too
        (across whitespace: "- item" regrows to the dash)."""
        folded = _fold(quote.strip())
        body = folded.strip(_OUTER)
        head, tail = folded[: folded.index(body)], folded[folded.index(body) + len(body) :]
        source = self.source
        for char in reversed(head.replace(" ", "")):
            at = start
            while at > 0 and source[at - 1].isspace():
                at -= 1
            if at > 0 and _fold(source[at - 1]) == char:
                start = at - 1
            else:
                break
        for char in tail.replace(" ", ""):
            at = end
            while at < len(source) and source[at].isspace():
                at += 1
            if at < len(source) and _fold(source[at]) == char:
                end = at + 1
            else:
                break
        return start, end

    def _find_normalized(self, wanted: str, near: tuple[int, int] | None) -> tuple[int, int] | None:
        norm = self.normalized
        window = None if near is None else (norm.from_source(near[0]), norm.from_source(near[1]))
        index = _find_preferring(norm.text, wanted, window)
        if index < 0:
            return None
        return norm.source_span(index, index + len(wanted))

    def _find_elided(self, quote: str, near: tuple[int, int] | None) -> Span | None:
        pieces = [_normalize_quote(p) for p in _ELLIPSIS.split(quote)]
        pieces = [p for p in pieces if p]
        if len(pieces) < 2 or any(len(p) < _MIN_PIECE for p in pieces):
            return None
        norm = self.normalized
        window = None if near is None else (norm.from_source(near[0]), norm.from_source(near[1]))
        for first in _occurrences(norm.text, pieces[0], window):
            cursor = first + len(pieces[0])
            for piece in pieces[1:]:
                index = norm.text.find(piece, cursor, cursor + _MAX_GAP + len(piece))
                if index < 0:
                    break
                cursor = index + len(piece)
            else:
                start, end = norm.source_span(first, cursor)
                return Span(start=start, end=end, match="elided")
        return None


def _occurrences(
    haystack: str, needle: str, near: tuple[int, int] | None, limit: int = 64
) -> Iterator[int]:
    """Indices of `needle`: those inside `near` first, then the rest in order (at most `limit`)."""
    seen: set[int] = set()
    windows = [(near[0], near[1] + len(needle))] if near is not None else []
    for lo, hi in [*windows, (0, len(haystack))]:
        index = haystack.find(needle, lo, hi)
        while index >= 0 and len(seen) < limit:
            if index not in seen:
                seen.add(index)
                yield index
            index = haystack.find(needle, index + 1, hi)


def _find_preferring(haystack: str, needle: str, near: tuple[int, int] | None) -> int:
    """The index of `needle` inside the `near` window if it occurs there, else the first one."""
    if near is not None:
        index = haystack.find(needle, near[0], near[1] + len(needle))
        if index >= 0:
            return index
    return haystack.find(needle)
