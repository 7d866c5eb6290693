"""The text around a located quote: its sentence, its paragraph, and the quotation marks in it.

Shared by `seedsum.hedges` and `seedsum.attribution`; all offsets are into the full text.

A document's items are read through one `TextContext`, made for that run: a paragraph's
quotation marks, sentence ends and pattern matches are found once for all the items in it
(about two per paragraph), held by the paragraph's offsets, never by its text, and dropped
with the run. The functions below answer one question at a time, for callers without one.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from ._patterns import CaseBlind

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


def _scan_regions(paragraph: str) -> tuple[tuple[int, int], ...]:
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


# Keyed on the paragraph's own text, so the cache never holds on to a whole document.
_quoted_regions = functools.lru_cache(maxsize=256)(_scan_regions)


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) holding `text[start:end]`."""
    return _around(_paragraph_breaks(text), len(text), start, end)


def _around(breaks: Sequence[tuple[int, int]], size: int, start: int, end: int) -> tuple[int, int]:
    """The stretch between the blank lines `breaks` of a text of `size` characters that holds
    `text[start:end]`."""
    i = bisect.bisect_right(breaks, (start, size))  # the breaks starting up to `start`
    left = breaks[i - 1][1] if i else 0
    j = bisect.bisect_left(breaks, (end, -1))  # the first break starting at or after `end`
    right = breaks[j][0] if j < len(breaks) else size
    return left, max(right, left)


def _scan_breaks(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]


# Where the blank lines are, once per text (a document's items all ask).
_paragraph_breaks = functools.lru_cache(maxsize=8)(_scan_breaks)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding `text[start:end]`, within its paragraph."""
    p_start, p_end = paragraph_around(text, start, end)
    return _in_sentences(text, p_start, p_end, _sentence_ends(text[p_start:p_end]), start, end)


_Ends = tuple[tuple[int, ...], tuple[int, ...]]


def _in_sentences(
    text: str, p_start: int, p_end: int, sentence_ends: _Ends, start: int, end: int
) -> tuple[int, int]:
    """The sentence(s) of the paragraph `text[p_start:p_end]` (whose sentence ends are
    `sentence_ends`) holding `text[start:end]`."""
    starts, ends = sentence_ends
    # The last sentence end at or before `start`, then the first one from `end` on (the
    # offsets are the paragraph's).
    i = bisect.bisect_right(ends, start - p_start)
    left = p_start + ends[i - 1] if i else p_start
    j = bisect.bisect_left(starts, max(end, left) - p_start)
    right = p_start + ends[j] if j < len(starts) else p_end
    while left < right and text[left].isspace():
        left += 1
    return left, right


def _scan_sentence_ends(paragraph: str) -> _Ends:
    """Where the sentence ends of a paragraph start and end (offsets in `paragraph`), found
    once for all its items; keyed on the paragraph, so no whole document stays cached.

    A match of `_SENTENCE_END` begins at its only [.!?] and is decided by that place and the
    characters after it (a lookahead, which stops where the paragraph ends either way), so
    the matches of one scan are those a search from any place inside would find."""
    matches = [m.span() for m in _SENTENCE_END.finditer(paragraph)]
    return tuple(a for a, _ in matches), tuple(b for _, b in matches)


# Keyed on the paragraph, so no whole document stays cached; a document's items ask for the
# same paragraphs.
_sentence_ends = functools.lru_cache(maxsize=256)(_scan_sentence_ends)


class Paragraph:
    """One paragraph of a `TextContext` (offsets into the whole text), read once."""

    __slots__ = ("_matches", "_sentence_ends", "end", "regions", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        body = text[start:end]
        self.regions = tuple((a + start, b + start) for a, b in _scan_regions(body))
        self._sentence_ends = _scan_sentence_ends(body)
        self._matches: dict[int, list[re.Match[str]]] = {}

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        return _in_sentences(self.text, self.start, self.end, self._sentence_ends, start, end)

    def matches(self, pattern: CaseBlind) -> list[re.Match[str]]:
        """`pattern.finditer` over the paragraph, found once (by the pattern's identity: the
        callers' patterns are module constants)."""
        found = self._matches.get(id(pattern))
        if found is None:
            found = list(pattern.finditer(self.text, self.start, self.end))
            self._matches[id(pattern)] = found
        return found


class TextContext:
    """What the items of one document share: its paragraphs, each read once (see the module
    docstring). Make one per run: it holds the text until it is dropped."""

    __slots__ = ("_breaks", "_paragraphs", "text")

    def __init__(self, text: str, breaks: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self._breaks = _scan_breaks(text) if breaks is None else breaks
        self._paragraphs: dict[tuple[int, int], Paragraph] = {}

    @classmethod
    def of(cls, text: str) -> TextContext:
        """A context for one question about `text` (its blank lines found once per text)."""
        return cls(text, _paragraph_breaks(text))

    def paragraph_around(self, start: int, end: int) -> tuple[int, int]:
        return _around(self._breaks, len(self.text), start, end)

    def paragraph(self, start: int, end: int) -> Paragraph:
        """The paragraph holding `text[start:end]` (as `paragraph_around`)."""
        bounds = _around(self._breaks, len(self.text), start, end)
        found = self._paragraphs.get(bounds)
        if found is None:
            found = self._paragraphs[bounds] = Paragraph(self.text, *bounds)
        return found

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        return self.paragraph(start, end).sentence_around(start, end)
