"""Statements (units) found in a text, and the log of them a speaker search consults: a later
statement's speaker must lie outside the ones already found."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .sentences import Document, Sentence

#: Who a unit is attributed to when the text itself says it.
AUTHOR = -1
#: Who a unit is attributed to when its speaker names no one ("officials said").
UNNAMED = -2

# "said so on Monday", "said so in a statement": "so" stands for words reported before.
_SAID_SO = re.compile(
    r"so(?:[ \t]+(?:on|in|at|after|before|when|last|this|yesterday|today)\b[^,;]*)?$"
)


@dataclass
class Unit:
    """One statement: `text[start:end]` is its verbatim quote."""

    start: int
    end: int
    speaker: int  # an actor index, AUTHOR or UNNAMED
    kind: str  # "direct", "reported", "fragment", "author"
    sentence: int


class UnitLog:
    """The units found so far, with their spans sorted for lookups."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.units: list[Unit] = []
        self._unit_spans: list[tuple[int, int]] = []
        self._speakers: dict[tuple[int, int], int] = {}

    def _add(self, start: int, end: int, speaker: int, kind: str, sentence: int) -> None:
        text = self.doc.text
        if start < self.doc.dateline_end < end:
            start = self.doc.dateline_end  # "ELSIN, Jan 9 - Morvath will ...": not the quote
        while start < end and (text[start].isspace() or text[start] in ",;:"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
            end -= 1
        if (
            kind in {"reported", "author"}
            and text[start:end].startswith("“")
            and (text[start:end].endswith("”") and text.count("“", start, end) == 1)
        ):
            start, end = start + 1, end - 1
            while end > start and text[end - 1] in ".,;:":
                end -= 1
        if kind != "direct" and kind != "fragment":
            # Never cut a quotation in half: a clause ending inside one ends after it.
            inside = self.doc.quote_at(end - 1)
            if inside is not None and inside.start >= start and inside.end > end:
                end = inside.end
        if end - start < 2 or len(text[start:end].split()) < (1 if kind == "fragment" else 3):
            return
        if kind == "reported" and _SAID_SO.match(text, start, end):
            return  # "Oskland said so on Monday": the words were reported before, not here
        if kind == "direct" and len(text[start:end].split()) < 3 and speaker != AUTHOR:
            kind = "fragment"
        self.units.append(Unit(start, end, speaker, kind, sentence))
        pos = bisect_right(self._unit_spans, (start, end))
        self._unit_spans.insert(pos, (start, end))
        self._speakers[(start, end)] = speaker

    def _covered(self, pos: int) -> bool:
        # Units hardly ever nest, so the two that start last before `pos` are enough.
        spans = self._unit_spans
        i = bisect_right(spans, (pos, 1 << 62)) - 1
        return (i >= 0 and spans[i][1] > pos) or (i >= 1 and spans[i - 1][1] > pos)

    def _in_unit(self, pos: int, exclude_speaker: int | None = None) -> bool:
        spans = self._unit_spans
        i = bisect_right(spans, (pos, 1 << 62)) - 1
        for j in (i, i - 1):
            if j >= 0 and spans[j][1] > pos:
                return exclude_speaker is None or self._speakers[spans[j]] != exclude_speaker
        return False

    def _last_unit_end(self, sentence: Sentence, pos: int) -> int:
        end = sentence.start
        i = bisect_right(self._unit_spans, (pos, 1 << 62)) - 1
        while i >= 0:
            s, e = self._unit_spans[i]
            if s < sentence.start:
                break
            if e <= pos:
                end = max(end, e)
            i -= 1
        return end
