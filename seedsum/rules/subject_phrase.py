"""Where a forecast's grammatical subject stands in its quote: the words before the future
marker of the predicted clause ("the company would decide": "the company"), or what an
expectation is about ("she expects the first cut to come in February": "the first cut").

Leading conditions and circumstances ("If the talks fail, ...", "With no talks scheduled,
...", "In forty towns, ...") and the dateline of a wire story ("OSLO, Norway, March 4
(Wire) - ") are not the subject; in a quote of several sentences or clauses, the subject
is that of the clause holding the first marker ("We did not choose this, but we will win").
"""

from __future__ import annotations

import re

from .lexicon import words
from .sentences import DATELINE

# Words that open a leading phrase which ends at its comma and is not the subject.
_LEADS = words(
    """
    if unless even with without provided providing as once after before until when whenever
    in at on for by despite given whatever frankly still however but and so yet now then
    while although though barring absent short
    """
)
_IMPERSONAL = re.compile(
    r"(?:[Ii]t\s+is|[Ii]t[’']s)\s+(?:\w+\s+)?(?:conceivable|possible|likely|unlikely|probable|"
    r"certain|clear)\s+that\s+"
    r"|[Tt]here\s+(?:is|was|[’']s)\s+(?:a|an|no|little)\s+(?:[\w-]+\s+)?(?:chance|risk)\s+that\s+"
    # The claim of "I'd be surprised if X" and of odds put on X is X (GUIDELINES v5).
    r"|(?:I|[Ww]e)(?:[’']d|\s+would)(?:\s+not|n[’']t)?\s+be\s+(?:very\s+)?surprised\s+if\s+"
    r"|(?:(?:I|[Ww]e)(?:[’']d|\s+would)\s+)?puts?\s+(?:the|our|its|their)\s+"
    r"(?:chances?|odds|probability|likelihood|risk)\s+(?:of|that)\s+"
)
#: The verbs of an expectation, which is about what is expected, not the one who expects.
EXPECT_VERBS = r"(?:expects?|expected|sees?|forecasts?|predicts?|anticipates?)"
#: An expectation verb ending the text before a subject ("she expects| the strike to end").
EXPECTED_BEFORE = re.compile(rf"\b{EXPECT_VERBS}\s+$", re.IGNORECASE)
# "expects X to", "sees X falling": what the expectation is about.
_EXPECT = re.compile(
    r"(?:(?:[Ii]t|[Hh]e|[Ss]he|[Ww]e|[Tt]hey|I|[Tt]he\s+[a-z]+)(?:[’']d|\s+would)?\s+)?"
    r"(?:(?:now|still|also|fully)\s+)?"
    rf"{EXPECT_VERBS}\s+"
    r"(?P<np>[^,.;:]{2,80}?)\s+(?:to|will|would)\s+"
)
# "Our staff expect growth of about 1.1% this year", "she expects the first rate cut in
# June": an expected economic figure or policy move with no verb of its own (not "I'd expect
# diggers on the site": a speaker's own project), up to a preposition or a time.
_EXPECT_NOUN = re.compile(
    r"(?:(?:[Ii]t|[Hh]e|[Ss]he|[Ww]e|[Tt]hey|I|(?:[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir)\s+[a-z]+)"
    r"(?:[’']d|\s+would)?\s+)?"
    r"(?:(?:now|still|also|fully)\s+)?"
    rf"{EXPECT_VERBS}\s+"
    r"(?P<np>(?:(?:the|a|an)\s+)?(?:[a-z][a-z\-]*\s+){0,3}?"
    r"(?:growth|inflation|unemployment|recession|deficit|surplus|cuts?|hikes?|rates?|prices))"
    r"(?=\s+(?:of|in|by|at|before|after|this|next|within|around|from|later|soon|early)\b)"
)
#: "puts the chance of a higher quota at 65 percent": an estimate of the odds of what is
#: named between the frame's words, by whoever puts them.
ODDS = re.compile(
    r"(?:(?:[Ii]t|[Hh]e|[Ss]he|[Ww]e|[Tt]hey|I)(?:[’']d|\s+would)?\s+)?"
    r"(?:puts?|putting|places?)\s+(?:the|our|its|their|my)\s+"
    r"(?:chances?|probability|odds|likelihood|risk)\s+(?:of|that)\s+"
    r"(?P<np>[^,.;:]{2,120}?)\s+at\s+"
)
# Circumstances, unlike conditions, name no one whose future is told ("With no talks
# scheduled at Kolwe, prices will stay high").
_CIRCUMSTANCE = re.compile(
    r"(?:[Ww]ith|[Ww]ithout|[Dd]espite|[Gg]iven|[Ee]ven\s+with|[Aa]bsent|[Bb]arring|"
    r"[Ww]hatever|[Ee]ither\s+way)\b[^,]{0,90},\s+"
)
_VERB = re.compile(
    r"\s+(?:at|is|are|was|were|will|would|could|can|may|might|has|have|had|went|[a-z]+ed)\b"
)
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_TRAILING_AUXILIARY = re.compile(r"\s+(?:should|must|shall|ought\s+to|need\s+to)$")
_CLAUSE_BREAK = re.compile(r"[.!?;]\s+|,\s+(?:but|and|while|so|because)\s+|\s+—\s+")


def subject_span(quote: str, first_marker: int | None) -> tuple[int, int]:
    """The offsets in `quote` of the predicted clause's subject (empty when it has none);
    `first_marker` is the offset of the first future marker outside the conditions."""
    start = _clause_start(quote, first_marker)
    start = _skip_leads(quote, start, first_marker)
    m = _EXPECT.match(quote, start) or _EXPECT_NOUN.match(quote, start) or ODDS.match(quote, start)
    if m is not None:
        return m.start("np"), m.end("np")
    if first_marker is None or first_marker < start:
        # No marker after it ("I'd be surprised if it approved ..."): up to the verb.
        end = _first_words_end(quote, start, 6)
        verb = _VERB.search(quote, start, end)
        end = verb.start() if verb is not None and verb.start() > start else end
    else:
        end = first_marker
    while end > start and quote[end - 1] in " ,":
        end -= 1
    aux = _TRAILING_AUXILIARY.search(quote, start, end)
    if aux is not None and aux.start() > start:
        end = aux.start()  # "households should| expect increases": not part of the subject
    return start, end


def circumstance_end(quote: str) -> int:
    """Where a leading circumstance of `quote` ends (0 when it has none)."""
    d = DATELINE.match(quote)
    m = _CIRCUMSTANCE.match(quote, d.end() if d is not None else 0)
    return m.end() if m is not None else 0


def _clause_start(quote: str, first_marker: int | None) -> int:
    start = 0
    d = DATELINE.match(quote)
    if d is not None:
        start = d.end()
    if first_marker is None:
        return start
    for m in _CLAUSE_BREAK.finditer(quote, start, first_marker):
        start = m.end()
    return start


def _skip_leads(quote: str, start: int, first_marker: int | None) -> int:
    for _ in range(3):  # bounded: "Frankly, if X, then ..."
        m = _IMPERSONAL.match(quote, start)
        if m is not None:
            start = m.end()
            continue
        first = _FIRST_WORD.match(quote, start)
        if first is None or first.group().lower() not in _LEADS:
            break
        comma = quote.find(", ", start)
        too_far = first_marker is not None and comma > first_marker
        if comma < 0 or too_far or len(quote[start:comma].split()) > 14:
            break
        start = comma + 2
    return start


def _first_words_end(quote: str, start: int, count: int) -> int:
    end = start
    for i, m in enumerate(re.finditer(r"\S+", quote[start:])):
        if i == count:
            break
        end = start + m.end()
    return end
