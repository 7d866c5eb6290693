"""The text as the rules see it: quotations, sentences and paragraphs, all as offsets.

Quotations are found first (curly or straight double quotes, guillemets, and single quotes
where they do not overlap double ones), each within one paragraph. Sentence boundaries are
then looked for only outside quotations, so a quotation of several sentences stays in one
sentence with its attribution: “A. B,” she said. A `Document` also keeps a masked copy of the
text in which every quotation's words are blanked with underscores, so that patterns looking
for attributions never match words inside a quotation, while all offsets stay the same.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from typing import NamedTuple

from .lexicon import words

#: Upper-case letters of the Latin scripts (ASCII, Latin-1, Latin Extended-A/B).
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())

_QUOTES = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|«[^«»\n]*»|„[^„“”\n]*[“”]")
# Single quotation marks (British style, or straight): an opening mark not inside a word, a
# closing one not followed by a letter; apostrophes inside words ("didn’t") are skipped.
_SINGLE_QUOTES = re.compile(
    r"[‘'](?<![\w’'][‘'])(?=[^\s'’])(?:[^‘’'\n]|[’'](?=\w))*?[’'](?![\w’'])"
)
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n\s*")
# A candidate sentence end: final punctuation (and closing marks), whitespace, then what can
# start a sentence. Checked afterwards for abbreviations.
_ABBREVIATIONS = sorted(
    words(
        """Mr Mrs Ms Dr Prof Gen Sen Rep Gov Lt Col Capt Adm Sgt St Rev Jr Sr Inc Corp Ltd Co
        No vs etc Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec approx est fig Dept Univ Mt
        Ft"""
    )
)
_NOT_AFTER = "".join(
    rf"(?<!\b{re.escape(w)}\.)"
    for a in _ABBREVIATIONS
    for w in sorted({a, a.lower(), a.capitalize()})
)
# A sentence end: final punctuation (not the dot of an abbreviation, an initial or "U.S."),
# closing marks, whitespace, then what can start a sentence (on the masked text, a quotation
# starts with “ and an underscore).
_BOUNDARY = re.compile(
    rf"[.!?]{_NOT_AFTER}(?<!\b[{UPPER}]\.)(?<!\.[a-z]\.)[.!?]*[\"”’'»)\]]*"
    rf"(?P<gap>[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)(?=[\"“‘'«(\[]?[{UPPER}0-9_])"
)
_LINE_BREAK = re.compile(r"\n[ \t\u00a0]*(?=[^\s])")
# “…?” Name said. : a question or exclamation inside a quotation, then its attribution.
_ATTRIBUTION_AFTER = re.compile(
    rf"\s+(?:[{UPPER}][\w’'-]+\s+){{1,3}}(?:said|asked|told|added|wrote|replied|says)\b"
)


class Quote(NamedTuple):
    """A quotation: `start` is the opening mark, `end` is just after the closing mark."""

    start: int
    end: int

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1


class Sentence(NamedTuple):
    """A sentence: `text[start:end]`, with its paragraph's index."""

    start: int
    end: int
    paragraph: int


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in `text`, in order; none crosses a line break."""
    quotes = [Quote(m.start(), m.end()) for m in _QUOTES.finditer(text)]
    if "‘" in text or "'" in text:
        starts = [q.start for q in quotes]
        for m in _SINGLE_QUOTES.finditer(text):
            if m.group().count(" ") < 1:
                continue
            i = bisect_right(starts, m.start()) - 1
            inside = i >= 0 and quotes[i].end > m.start()
            overlaps = i + 1 < len(quotes) and quotes[i + 1].start < m.end()
            if not inside and not overlaps:
                quotes.append(Quote(m.start(), m.end()))
        quotes.sort()
    return [q for q in quotes if q.end - q.start > 2]


def mask_quotes(text: str, quotes: list[Quote]) -> str:
    """`text` with every quotation's words replaced by underscores (same length); the marks
    and a final `.`, `,`, `?`, `!` or dash inside them are kept."""
    parts: list[str] = []
    last = 0
    for q in quotes:
        inner_end = q.inner_end
        if text[inner_end - 1] in ".,?!—–":
            inner_end -= 1
        parts.append(text[last : q.inner_start])
        parts.append("_" * (inner_end - q.inner_start))
        last = inner_end
    parts.append(text[last:])
    return "".join(parts)


# A dateline: "ESKEHOLM, Varnia, March 4 (Nordline) - ", "ELSIN, Jan 9 - ".
DATELINE = re.compile(
    r"[A-Z][A-Z .’'\-]{1,40},\s+(?:(?:[A-Z][\w’'\-]*\s*){1,3},\s+)?[A-Z][a-z]+\.?\s+\d{1,2}"
    r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—]+\s*"
)


class Document:
    """`text` with its quotations, masked copy, paragraphs and sentences."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes = find_quotes(text)
        self._quote_starts = [q.start for q in self.quotes]
        self.masked = mask_quotes(text, self.quotes)
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
        self.sentences = self._split()
        self._sentence_starts = [s.start for s in self.sentences]
        dateline = DATELINE.match(text)
        #: Where the dateline ("OSLO, Norway, March 4 (Wire) - ") ends: it names places.
        self.dateline_end = dateline.end() if dateline is not None else 0

    # -- lookups --------------------------------------------------------------------------

    def quote_at(self, pos: int) -> Quote | None:
        """The quotation whose marks enclose `pos`, if any."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def in_quote(self, pos: int) -> bool:
        return self.quote_at(pos) is not None

    def quotes_between(self, start: int, end: int) -> list[Quote]:
        """The quotations lying entirely within `[start, end)`."""
        i = bisect_right(self._quote_starts, start - 1)
        found: list[Quote] = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            if self.quotes[i].end <= end:
                found.append(self.quotes[i])
            i += 1
        return found

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self._sentence_starts, pos) - 1)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def runs_on(self, paragraph: int) -> int | None:
        """Where the quotation opens that `paragraph` ends inside and the next paragraph
        continues with an opening mark (“... with no closing mark, then “... again), if any."""
        starts, text = self.paragraph_starts, self.text
        if not 0 <= paragraph < len(starts) - 1:
            return None
        body = text[starts[paragraph] : starts[paragraph + 1]].rstrip()
        opening = body.rfind("“")
        if opening == -1 or body.rfind("”") > opening:
            return None
        end = starts[paragraph + 2] if paragraph + 2 < len(starts) else len(text)
        if not text[starts[paragraph + 1] : end].lstrip().startswith(("“", '"')):
            return None
        return starts[paragraph] + opening

    # -- splitting ------------------------------------------------------------------------

    def _split(self) -> list[Sentence]:
        text, masked = self.text, self.masked
        cuts: set[int] = set(self.paragraph_starts[1:])
        for m in _BOUNDARY.finditer(masked):
            end = m.start("gap")
            if (
                masked[end - 1] in '”"»'
                and masked[m.start()] in "?!"
                and _ATTRIBUTION_AFTER.match(text, end)
            ):
                continue
            cuts.add(m.end())
        for m in _LINE_BREAK.finditer(masked):
            # A single line break ends a sentence after final punctuation or a short line
            # (a heading); otherwise it is a wrapped line.
            end = m.start()
            while end > 0 and masked[end - 1] in " \t\u00a0":
                end -= 1
            if end == 0 or masked[end - 1] == "\n":
                continue
            line_start = masked.rfind("\n", 0, end) + 1
            if masked[end - 1] in '.!?:”"’)' or end - line_start < 60:
                cuts.add(m.end())
        sentences: list[Sentence] = []
        bounds = sorted(cuts | {0, len(text)})
        paragraph_starts = self.paragraph_starts
        paragraph = 0
        last_paragraph = len(paragraph_starts) - 1
        for start, end in itertools.pairwise(bounds):
            piece = text[start:end]
            stripped = piece.strip()
            if not stripped:
                continue
            s = start + piece.index(stripped[0])
            while paragraph < last_paragraph and paragraph_starts[paragraph + 1] <= start:
                paragraph += 1
            sentences.append(Sentence(s, s + len(stripped), paragraph))
        return sentences
