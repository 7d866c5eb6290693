"""Time expressions in a forecast: which words date it ("by 2027", "within weeks", "before
the hearing", "only after the season ends in March"), copied word for word, and which are past
periods or records that do not ("sales fell in the first quarter", "the highest in a decade").
GUIDELINES.md (`timeframe`) is the convention; `seedsum.timeframes` then turns the words into
dates.
"""

from __future__ import annotations

import re

from .lexicon import words
from .subject_phrase import circumstance_end

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)


_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


_UNIT = r"(?:hours?|days?|weeks?|fortnights?|months?|years?|decades?|quarters?)"


_PERIOD = (
    r"(?:year|decade|month|week|quarter|century|summer|winter|spring|autumn|fall|season|term|"
    r"session|campaign|parliamentary\s+term|fiscal\s+year)"
)


_NUMBER = (
    # With \s+, not spaces: the patterns it goes into are verbose.
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|few|"
    r"several|a\s+couple\s+of|a\s+hundred|hundred)"
)


# "for two years": how long the predicted state lasts (see `_first_future`).
_BARE_DURATION = rf"for\s+(?:{_NUMBER}\s+)?(?:hours|days|weeks|months|years|decades)"


# An event that dates the forecast (GUIDELINES: "an event with a date is a timeframe"):
# "before the vote", "only after the rainy season ends in August", "once the talks end",
# "before the last unit closes". "until" + an undated event is a condition. The event
# is a "the" noun phrase of up to five words ending in an event noun or followed by a verb
# of beginning or ending, so "after the minister" or "before the court" are not events.
_EVENT_NOUN = (
    r"(?:elections?|votes?|ballot|referendum|summit|deadline|meeting|talks|negotiations|"
    r"hearing|ruling|verdict|review|inquiry|recess|holidays?|season|harvest|budget|census|"
    r"ceasefire|handover|inauguration|conference|congress|session|round|launch|opening|"
    r"merger|takeover|strike|war|recession|winter|spring|summer|autumn|storms?|floods?|"
    r"monsoon|rains)"
)


_EVENT_VERB = (
    r"(?:ends?|begins?|starts?|closes?|opens?|peaks?|arrives?|expires?|finishes|concludes?|"
    r"resumes?|returns?|(?:is|are)\s+(?:over|signed|published)|takes?\s+effect|"
    r"comes?\s+into\s+force)"
)


# A word of the event's noun phrase: not one that starts a clause of its own.
_EVENT_MODIFIER = (
    r"(?!(?:the|a|an|and|or|but|will|would|could|may|might|can|to|of|that|which|who)\b)[\w’'-]+"
)


_EVENT = (
    rf"(?:only\s+)?(?:before|after|once)\s+(?:the|that|this)\s+(?:{_EVENT_MODIFIER}\s+){{0,4}}"
    rf"(?:{_EVENT_NOUN}\b(?:\s+{_EVENT_VERB})?|[\w’'-]+\s+{_EVENT_VERB})"
    rf"(?:\s+(?:in|on|by)\s+(?:{_MONTH}|{_DAY}|\d{{4}}))?"
)


TIMEFRAME = re.compile(
    rf"""\b(?:
    (?:by|before|after|until|till|from|within|in|during|over|at|into|toward|towards)\s+
        (?:the\s+)?(?:end|start|beginning|middle|close|turn|first\s+half|second\s+half)\s+
        of\s+(?:\d{{4}}|(?:the\s+|this\s+|next\s+|that\s+)?(?:next\s+|current\s+|coming\s+)?
        (?:(?:first|second|third|fourth|final|last)\s+)?(?:(?:Easter|Christmas|holiday|festive|tourist|harvest|planting)\s+){{0,2}}
        {_PERIOD}(?:\s+of\s+\d{{4}})?)
    | (?:by|before|after|until|till|in|from|through|around|into|beyond)\s+
        (?:at\s+least\s+|well\s+into\s+)?
        (?:the\s+)?(?:early\s+|mid-?|late\s+|spring\s+|summer\s+|autumn\s+|fall\s+|winter\s+)?
        (?:of\s+)?(?:\d{{4}}|(?:next\s+|this\s+|coming\s+)?{_MONTH}(?:\s+\d{{1,2}}(?!\d))?
        (?:\s+\d{{4}}|\s+(?:of\s+)?(?:next|this)\s+year)?)
    | (?:by|before|after|until|till|from|in|at|during|toward|towards)\s+
        (?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+{_MONTH}(?:\s+\d{{4}})?
    | (?:in|during|by|before|until)\s+the\s+(?:first|second|third|fourth|last)\s+(?:quarter|half)
        (?:\s+of\s+(?:next\s+year|this\s+year|\d{{4}}))?
    | (?:for|over)\s+the\s+rest\s+of\s+the\s+{_PERIOD}
    | (?:into|to|in|until|by|before)\s+the\s+new\s+year
    | over\s+(?:the\s+)?{_NUMBER}\s+{_UNIT}
    | (?:by|before|after|until|in|from)\s+the\s+(?:spring|summer|autumn|fall|winter)\s+of\s+
        (?:\d{{4}}|next\s+year|this\s+year)
    | (?:(?:by|before|after|until|till|from|into|in|during|through|over|for)\s+
        (?:(?:most|much|all|part)\s+of\s+)?(?:the\s+)?)?
        (?:early\s+|late\s+|later\s+)?(?:next|this|coming)\s+(?:{_PERIOD}|weekend|election)
        (?:[’']s\s+(?!winter|spring|summer|autumn){_EVENT_NOUN})?  # not "season's winter"
    | (?:by|before|after|until|over|at|for)\s+(?:next\s+|this\s+)?
        (?:Christmas|Easter|New\s+Year|the\s+holidays)
    | (?:by|before|after|until|over|through|during)\s+the\s+weekend
    | (?:on\s+)?the\s+(?:next|following)\s+(?:day|morning|week)
    | within\s+(?:the\s+next\s+|the\s+first\s+|the\s+|a\s+|its\s+|our\s+|their\s+|his\s+|her\s+)?
        (?:first\s+)?(?:{_NUMBER}\s+)?{_UNIT}
        (?:\s+(?:of|in)\s+(?:office|power|the\s+[a-z]+(?:-[a-z]+)+\b
            |[a-z]+ing\b[\w ]{{0,20}}?(?=[,.;]|$)
            |[a-z ]{{0,20}}?(?=[,.;]|$)))?
    | in\s+(?:the\s+)?(?:coming|next|following)\s+(?:few\s+)?{_UNIT}
    | in\s+a\s+matter\s+of\s+{_UNIT}
    | in\s+(?:{_NUMBER}|\d+(?:\.\d+)?)\s+(?:{_UNIT}|summers|winters|seasons)
    | in\s+(?:a\s+(?:day|week|month|year|decade)|days|weeks|months|years|decades)
    | (?:over|for|in)\s+(?:the\s+)?(?:next|coming|another)\s+(?:{_NUMBER}\s+)?{_UNIT}
    | for\s+(?:another|at\s+least)\s+(?:{_NUMBER}\s+)?{_UNIT}
    | (?:for|over)\s+the\s+(?:full|whole|entire)\s+(?:year|quarter|season|decade)
    | {_BARE_DURATION}
    | for\s+(?:about|around|roughly|up\s+to|nearly|almost)\s+{_NUMBER}\s+{_UNIT}
    | by\s+at\s+least\s+{_NUMBER}\s+{_UNIT}
    | (?:on|by|before|from|until)\s+(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})
        (?:,?\s+\d{{4}}|\s+(?:next|this)\s+year)?
    | (?:on|by|before|until)\s+{_DAY}(?:\s+(?:morning|afternoon|evening|night))?
    | before\s+polling\s+day
    | {_EVENT}
    | at\s+(?:its|their|the)\s+(?:[a-z]+\s+)?(?:meeting|session|summit)\s+
        (?:on\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})|in\s+{_MONTH})
    | (?:at|in|by|before|until|after)\s+(?:its|their|the|his|her|the\s+[\w-]+[’']s)\s+next\s+
        (?:meeting|session|summit|round)
        (?:\s+in\s+{_MONTH}|\s+on\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))?
    | (?:in|into|during|within|by)\s+the\s+(?:first|last|final|opening|closing)\s+(?:few\s+)?
        (?:days|weeks|months)\s+of\s+(?:\d{{4}}|next\s+year|this\s+year|the\s+year)
    | (?:before|by|until)\s+then
    # "until" with a dated event, whole (GUIDELINES: "until the statistics office publishes
    # its survey in May"); with an undated one it is a condition.
    | until\s+(?!then\b)[^,.;:!?\n]{{1,80}}?\s(?:in|on|by)\s+
        (?:{_MONTH}(?:\s+\d{{4}})?|\d{{4}}|{_DAY})
    | (?:before|by)\s+the\s+{_PERIOD}\s+is\s+(?:out|over)
    | (?:in|for)\s+(?:the\s+)?(?:years|months|decades)\s+to\s+come
    | (?:soon|shortly|imminently|immediately|tomorrow|tonight)
    | (?:in|by|before|after|until|beyond|for|through|into|over|during)\s+
        (?:the\s+)?(?:winter|spring|summer|autumn|fall)
    | (?:in|during|over)\s+(?:the|its|their)\s+first\s+(?:{_NUMBER}\s+)?{_UNIT}
    | (?:by|in|before)\s+the\s+\d{{4}}s
    )\b""",
    re.VERBOSE,
)


TIMEFRAME_FUTURE = re.compile(
    rf"\b(?:by|before|within|over\s+the\s+next|in\s+the\s+coming)\s+(?:the\s+end\s+of\s+)?"
    rf"(?:\d{{4}}|next|this|the\s+next|{_NUMBER}\s+{_UNIT}|{_UNIT})\b|\bnext\s+{_PERIOD}\b"
    r"|\b(?:until|till)\s+(?:well\s+into\s+|at\s+least\s+)?(?:\d{4}|next)\b"
)


# "until May": a future time for a possibility ("could drag on until May"), where after
# "may" it is a permission's end ("may apply until June").
UNTIL_MONTH = re.compile(rf"\b(?:until|till)\s+{_MONTH}\b")


def timeframe(
    quote: str,
    skip: list[tuple[int, int]] | None = None,
    forecast: list[tuple[int, int]] | None = None,
) -> str | None:
    """The first future time expression of `quote`, word for word, outside the conditions
    `skip` ("If there is no rain by the spring, I will sell": the spring dates the
    condition, not the forecast) and, when given, inside the sentences `forecast` that hold
    the forecast ("We laid more pipe in the first quarter. They will be sent home")."""
    # "By the end of next year ...": a sentence's first word, read as the preposition it is.
    folded = _SENTENCE_PREPOSITION.sub(lambda m: m.group().lower(), quote)
    # "Even with average rain this autumn, the reservoir is unlikely to recover before next
    # summer": a leading circumstance's time dates the forecast only if nothing else does.
    lead = circumstance_end(quote)
    found = _first_future(quote, folded, lead, skip, forecast)
    return (
        found if found is not None or not lead else _first_future(quote, folded, 0, skip, forecast)
    )


def _first_future(
    quote: str,
    folded: str,
    after: int,
    skip: list[tuple[int, int]] | None,
    forecast: list[tuple[int, int]] | None,
) -> str | None:
    duration: str | None = None
    for m in TIMEFRAME.finditer(folded, after):
        if any(s <= m.start() < e for s, e in skip or ()):
            continue
        if forecast is not None and not any(a <= m.start() < b for a, b in forecast):
            continue
        past = _PAST_BEFORE.search(quote, max(0, m.start() - 40), m.start())
        if past and not _FUTURE_PARTICIPLES.intersection(
            w.lower() for w in quote[past.start("verb") : m.start()].split()
        ):
            # "exports, which fell in the first quarter": a past period; not "were expected
            # by the end of January"
            continue
        if quote.endswith(("born ", "founded "), 0, m.start()):
            continue  # "those born in 1962": a date of the past that names people
        if _SPAN_OF_RECORD.match(m.group()) and _RECORD_BEFORE.search(
            quote, max(0, m.start() - 40), m.start()
        ):
            continue  # "the highest premiums in ten years": a record, not a date
        found = quote[m.start() : m.end()].strip()
        if _DURATION.fullmatch(found):
            # "close both ports for 48 hours on Monday": a date dates the event, a bare
            # duration only when there is none, and only in a clause that looks ahead
            # ("will be stranded for two years", not "closed roads for nine days").
            clause = _CLAUSE_START.split(quote[: m.start()])[-1]
            if _LOOKS_AHEAD.search(clause):
                duration = duration or found
            continue
        return found
    return duration


_CLAUSE_START = re.compile(r"[,.](?!\d)|[;:!?—]|\bwhen\b")
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|would|could|may|might|shall|must|can|going\s+to|expects?|plans?)\b|[’']ll\b"
)
_DURATION = re.compile(_BARE_DURATION)


_SENTENCE_PREPOSITION = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"]\s))"
    r"(?:By|Before|After|Until|From|Within|Into|During|Over|In|For)\b"
)


# A past-tense verb right before a time expression makes it a past period.
_PAST_BEFORE = re.compile(
    # Not a participle used as an adjective after a determiner ("the lost sales").
    # Nor a passive after "be" ("would be paid within 60 days").
    r"(?<!would\s)(?<!will\s)(?<!the\s)(?<!its\s)(?<!their\s)(?<!a\s)(?<!be\s)"
    r"\b(?P<verb>fell|rose|grew|was|were|had|saw|came|began|lost|won|"
    r"sold|paid|met|shrank|slowed|dropped|jumped|climbed|declined|increased|decreased|peaked|"
    r"ended|started|happened|reached|recorded|posted|doubled|halved|collapsed|surged)"
    r"\s+(?:[\w%$€£.,’']+\s+){0,3}$"
)


_FUTURE_PARTICIPLES = words("expected scheduled planned slated projected forecast")


# "in two years" dates a forecast ("the line will open in two years") unless it measures a
# record ("the biggest rise in ten years", "three times in a week").
_SPAN_OF_RECORD = re.compile(rf"in\s+(?:(?:{_NUMBER}|\d+|a)\s+)?{_UNIT}")


_RECORD_BEFORE = re.compile(
    r"\b(?:\w+est|first|most|least|times|once|twice|record|only)\b[^,.;]{0,30}$", re.IGNORECASE
)
