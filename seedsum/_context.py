"""The text around a located quote: its sentence, its paragraph, and the quotation marks in it.

Shared by `seedsum.hedges` and `seedsum.attribution`; all offsets are into the full text.
"""

from __future__ import annotations

import bisect
import functools
import re

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_MARKS = re.compile('[“”"]')
# A sentence ends at . ! ? (and any closing quote or bracket) before whitespace and a capital
# or an opening quote; abbreviations like "Mr." are rare enough in quotes to ignore.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def quoted_regions(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The stretches inside double quotation marks in `text[start:end]` (without the marks).

    “ and ” pair by direction; straight " toggles. Single quotes are left alone: ’ is far
    more often an apostrophe. An opening mark left unclosed runs to `end`, as a quote
    continued into the next paragraph does."""
    return tuple((a + start, b + start) for a, b in _quoted_regions(text[start:end]))


# Keyed on the paragraph's own text, so the cache never holds on to a whole document.
@functools.lru_cache(maxsize=256)  # a document's items ask for the same paragraphs
def _quoted_regions(paragraph: str) -> tuple[tuple[int, int], ...]:
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _MARKS.finditer(paragraph):  # nothing else changes the state
        i, c = mark.start(), mark.group()
        if opened is None and c in '“"':
            opened = i + 1
        elif opened is not None and c in '”"':
            regions.append((opened, i))
            opened = None
    if opened is not None:
        regions.append((opened, len(paragraph)))
    return tuple(regions)


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) holding `text[start:end]`."""
    breaks = _paragraph_breaks(text)
    i = bisect.bisect_right(breaks, (start, len(text)))  # the breaks starting up to `start`
    left = breaks[i - 1][1] if i else 0
    j = bisect.bisect_left(breaks, (end, -1))  # the first break starting at or after `end`
    right = breaks[j][0] if j < len(breaks) else len(text)
    return left, max(right, left)


@functools.lru_cache(maxsize=8)
def _paragraph_breaks(text: str) -> list[tuple[int, int]]:
    """Where the blank lines are, once per text (a document's items all ask)."""
    return [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding `text[start:end]`, within its paragraph."""
    p_start, p_end = paragraph_around(text, start, end)
    starts, ends = _sentence_ends(text[p_start:p_end])
    # The last sentence end at or before `start`, then the first one from `end` on (the
    # offsets are the paragraph's).
    i = bisect.bisect_right(ends, start - p_start)
    left = p_start + ends[i - 1] if i else p_start
    j = bisect.bisect_left(starts, max(end, left) - p_start)
    right = p_start + ends[j] if j < len(starts) else p_end
    while left < right and text[left].isspace():
        left += 1
    return left, right


@functools.lru_cache(maxsize=256)  # a document's items ask for the same paragraphs
def _sentence_ends(paragraph: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the sentence ends of a paragraph start and end (offsets in `paragraph`), found
    once for all its items; keyed on the paragraph, so no whole document stays cached.

    A match of `_SENTENCE_END` begins at its only [.!?] and is decided by that place and the
    characters after it (a lookahead, which stops where the paragraph ends either way), so
    the matches of one scan are those a search from any place inside would find."""
    matches = [m.span() for m in _SENTENCE_END.finditer(paragraph)]
    return tuple(a for a, _ in matches), tuple(b for _, b in matches)
