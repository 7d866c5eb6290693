"""Quotations that run on across paragraphs: “... (no closing mark), a paragraph break, then
“... again. Each paragraph's part is a unit of its own (a quote never spans a paragraph
break), attributed to the speaker of the quotation, whichever paragraph names them
(GUIDELINES.md, v2).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right

from .sentences import Document
from .units import Unit


def continued_quotes(doc: Document, units: list[Unit]) -> list[Unit]:
    """Units for the parts of quotations continued across paragraphs that no unit covers."""
    text = doc.text
    starts = doc.paragraph_starts
    bounds = [*starts[1:], len(text)]
    ordered = sorted(units, key=lambda u: u.start)
    unit_starts = [u.start for u in ordered]
    reach = list(itertools.accumulate((u.end for u in ordered), max))  # furthest end so far
    direct = [u for u in ordered if u.kind == "direct"]
    direct_starts = [u.start for u in direct]
    added: list[Unit] = []
    for index in range(len(starts) - 1):
        opening = doc.runs_on(index)
        if opening is None:
            continue
        start, end = starts[index], bounds[index]
        part_start, part_end = opening + 1, start + len(text[start:end].rstrip())
        covering = bisect_right(unit_starts, part_start)
        if covering and reach[covering - 1] > part_start:
            continue  # a unit already holds it
        speaker = _speaker_near(direct, direct_starts, starts[index + 1], bounds[index + 1])
        if speaker is None:
            speaker = _speaker_near(direct, direct_starts, start, end)
        if speaker is None:
            continue
        while part_end > part_start and text[part_end - 1] in " .,;:":
            part_end -= 1
        if len(text[part_start:part_end].split()) >= 3:
            added.append(
                Unit(part_start, part_end, speaker, "direct", doc.sentence_index(part_start))
            )
    return added


def _speaker_near(direct: list[Unit], starts: list[int], start: int, end: int) -> int | None:
    """The speaker of the first direct unit in `[start, end)` (`starts`: theirs, sorted)."""
    i = bisect_left(starts, start)
    return direct[i].speaker if i < len(direct) and direct[i].start < end else None
