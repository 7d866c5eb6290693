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
        if _covered(part_start, unit_starts, reach):
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
        last = _closing_part(doc, index + 1, starts, bounds)
        if last is not None and not _covered(last[0], unit_starts, reach):
            # “... (no closing mark) then “If the trust goes ahead, we will see it in court.”:
            # the closing paragraph, with no attribution of its own, is the same speaker's.
            added.append(Unit(*last, speaker, "direct", doc.sentence_index(last[0])))
    return added


def _covered(at: int, unit_starts: list[int], reach: list[int]) -> bool:
    covering = bisect_right(unit_starts, at)
    return bool(covering) and reach[covering - 1] > at


def _closing_part(
    doc: Document, index: int, starts: list[int], bounds: list[int]
) -> tuple[int, int] | None:
    """The quotation of paragraph `index` (which opens with a mark) when it closes the run-on
    quotation: a paragraph that is all quotation, not itself running on."""
    if doc.runs_on(index) is not None:
        return None  # it runs on too: its own part is handled as such
    text = doc.text
    body = text[starts[index] : bounds[index]].rstrip()
    lead = len(body) - len(body.lstrip())
    closing = max(body.rfind("”"), body.rfind('"'))
    if closing <= lead or body[closing + 1 :].strip():
        return None  # words after the closing mark: an attribution, read elsewhere
    part_start, part_end = starts[index] + lead + 1, starts[index] + closing
    while part_end > part_start and text[part_end - 1] in " .,;:":
        part_end -= 1
    return (part_start, part_end) if len(text[part_start:part_end].split()) >= 3 else None


def _speaker_near(direct: list[Unit], starts: list[int], start: int, end: int) -> int | None:
    """The speaker of the first direct unit in `[start, end)` (`starts`: theirs, sorted)."""
    i = bisect_left(starts, start)
    return direct[i].speaker if i < len(direct) and direct[i].start < end else None
