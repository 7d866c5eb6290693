"""A forecast's conditions: the clauses opened by "if", "only if", "unless", "provided",
"until", "as part of", "as long as", and "such as" after words like "conditions" or "terms",
each to the end of its clause, keeping numbers and currency whole ("if inflation stays above
4.5%"); "until" with a time or a dated event is the timeframe instead (`time_expressions`).
"""

from __future__ import annotations

import re

from .time_expressions import TIMEFRAME

__all__ = ["CONDITION", "conditions"]

#: A condition's trigger word.
CONDITION = re.compile(
    r"(?<![\w’'])(?:[Oo]nly\s+if|[Ee]ven\s+if|[Ii]f|[Uu]nless|[Pp]rovided(?:\s+that)?|"
    r"[Pp]roviding|[Aa]s\s+long\s+as|[Ss]o\s+long\s+as|[Oo]n\s+condition\s+that|[Uu]ntil|"
    r"[Aa]s\s+part\s+of|[Ii]n\s+exchange\s+for|[Ii]n\s+return\s+for)\b"
)
_SURPRISED_BEFORE = re.compile(r"\bsurprised\s+$")
_SUCH_AS = re.compile(
    r"\b(?:conditions?|terms|requirements?|demands?|guarantees?|concessions?|preconditions?)"
    r"[^.;:!?]{0,40}?\b(?P<such>such\s+as)\b"
)
# A condition ends at punctuation (not the point or comma inside a number: "above 4.5%",
# "$12,000"), at "but"/"because", or where "and"/"or" start a clause of their own ("if the
# strike ends and the ships would sail").
_CONDITION_END = re.compile(
    r"[;:!?—–]|[,.](?!\d)|\s+but\s+|\s+because\s+"
    r"|\s+(?:and|or)\s+(?=[^,;.]*?\b(?:will|would|could|may|might|can|should|must|shall)\b)"
)
# "until May", "until the end of the year": a deadline, which is the timeframe.
_UNTIL = re.compile(r"[Uu]ntil\b")


def conditions(quote: str) -> list[tuple[int, int]]:
    """The conditional phrases of `quote`, as offsets into it."""
    found: list[tuple[int, int]] = []
    pos = 0
    triggers = sorted(
        [(m.start(), m.end()) for m in CONDITION.finditer(quote)]
        + [(m.start("such"), m.end("such")) for m in _SUCH_AS.finditer(quote)]
    )
    for start, trigger_end in triggers:
        if start < pos:
            continue
        if _UNTIL.match(quote, start) and TIMEFRAME.match(quote, start):
            continue
        if _SURPRISED_BEFORE.search(quote, max(0, start - 16), start):
            continue  # "I'd be surprised if it approved the runway": the claim, no condition
        stop = _CONDITION_END.search(quote, trigger_end)
        end = stop.start() if stop else len(quote)
        while end > start and quote[end - 1] in " .,;:":
            end -= 1
        if len(quote[trigger_end:end].split()) >= 1:
            found.append((start, end))
            pos = end
    return found
