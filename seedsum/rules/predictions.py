"""Statements about the future: which statements are forecasts, and their hedge, timeframe
and conditions, all read from the words of the quote.

- A statement is a forecast when it has a future marker: "will", "would", "could", "may",
  "might", "is (un)likely to", "expects", "is set to", "aims to", "plans to", "it is
  conceivable that", or a future time expression ("by 2027", "within weeks", "next year").
- `likelihood` comes from the first marker outside a condition: "will certainly", "is certain
  to" give `certain`; "is unlikely to", "looks unlikely", "would be surprised" `unlikely`;
  "could", "may", "might", "conceivable" `possible`; "will", "would", "is likely to",
  "expects", "is set to" `likely`; an intention alone ("aims to", "plans to") `unspecified`.
- `timeframe` is the time expression that dates the forecast (see `time_expressions`), and
  `conditions` the clauses that make it conditional (see `conditions`).
- The text's own forecasts (no one is quoted) need "will" or a stronger marker, "is likely
  to", "is set to", "looks unlikely" and the like, because narration often uses "would" and
  "could" for background; a "will" in a question or the first person is not the author's.
"""

from __future__ import annotations

import re

from ..hedges import figure_likelihood
from ..schema import Likelihood
from .conditions import CONDITION, conditions
from .lexicon import alternation, words
from .sentences import Document
from .time_expressions import TIMEFRAME_FUTURE, UNTIL_MONTH

_BELIEF = r"(?:believes?|thinks?|think)(?=[^.;,]*\b(?:will|would|can|could)\b)"

# Markers in the order of precedence at one position (longer first); the first marker in the
# text decides.
_MARKERS: list[tuple[str, Likelihood]] = [
    (r"will\s+(?:almost\s+)?(?:certainly|definitely|surely|undoubtedly)", "certain"),
    (r"(?:certainly|definitely|surely)\s+will", "certain"),
    (r"(?:is|are|was|were)\s+(?:almost\s+)?(?:certain|bound|guaranteed|sure)\s+to", "certain"),
    (r"(?:is|are)\s+(?:almost\s+)?(?:certainly|definitely|surely)\s+going\s+to", "certain"),
    (r"there\s+is\s+no\s+doubt", "certain"),
    (r"inevitabl[ey]", "certain"),
    (
        r"(?:is|are|was|were|looks?|seems?|appears?|remains?|looked|seemed)\s+"
        r"(?:highly\s+|very\s+|increasingly\s+|still\s+)?unlikely",
        "unlikely",
    ),
    (r"unlikely", "unlikely"),
    (r"(?:would|\w+[’']d)\s+be\s+surprised", "unlikely"),
    (r"doubts?\s+(?:that|whether|if)", "unlikely"),
    (r"(?:is|are)\s+not\s+expected\s+to", "unlikely"),
    # A forecast nobody holds: "nobody believes it will be over soon", "few expect a deal".
    # Belief counts only about a future event ("nobody believes the minister" is no forecast).
    (rf"(?:[Nn]obody|[Nn]o\s+one|[Ff]ew)\s+(?:now\s+)?(?:expects?|{_BELIEF})", "unlikely"),
    (rf"(?:do|does|did)(?:\s+not|n[’']t)\s+(?:expect|{_BELIEF})", "unlikely"),
    (r"(?:little|no|slim)\s+chance", "unlikely"),
    (r"(?:it\s+is\s+)?conceivabl[ey]", "possible"),
    (r"(?:cannot|can[’']t|could\s+not|couldn[’']t)\s+be\s+ruled\s+out", "possible"),
    (r"could", "possible"),
    (r"(?<![A-Z])may(?!\s+\d)", "possible"),
    (r"might", "possible"),
    (r"possibl[ey]", "possible"),
    (r"perhaps", "possible"),
    (r"potentially", "possible"),
    (r"will", "likely"),
    (r"won[’']t", "likely"),
    # "Closer than I would like", "we would welcome": a wish or a stance, not a forecast.
    (r"would(?!\s+(?:like|love|prefer|rather|welcome|argue|say)\b)", "likely"),
    (r"\w+[’']ll", "likely"),
    (r"shall", "likely"),
    (
        r"(?:is|are|was|were|looks?|seems?|appears?)\s+(?:very\s+|highly\s+|increasingly\s+)?likely",
        "likely",
    ),
    (r"likely\s+to", "likely"),
    (
        r"(?:most|more)\s+likely\s+(?:outcome|result|scenario|path|course|compromise|option)",
        "likely",
    ),
    (r"probably", "likely"),
    (r"expects?", "likely"),
    (r"expected\s+to", "likely"),
    # "decisions were expected by the end of January": an expected event and its time
    (
        r"(?:is|are|was|were)\s+expected\s+(?=(?:by|in|within|before|on|next|later|soon)\b)",
        "likely",
    ),
    # "she expected both sides to present new proposals by Monday"
    (r"expected\s+(?:[\w’'%$-]+,?\s+){1,8}?to\s+(?!the\b|a\b|an\b)[a-z]+", "likely"),
    (
        # "he was “not going to apologise”": a quotation may open inside the phrase
        r"(?:is|are|was|were|looks?|seems?)\s+[“\"]?(?:not\s+)?(?:set|poised|due|scheduled|"
        r"slated|on\s+track|going)\s+to",
        "likely",
    ),
    (r"forecasts?\s+that", "likely"),
    # "deliveries that nobody can predict": no forecast, the lack of one
    (r"(?<!can\s)(?<!cannot\s)(?<!can.t\s)(?<!to\s)predicts?", "likely"),
    (r"projected\s+to", "likely"),
    (r"anticipates?", "likely"),
    (r"(?:is|are)\s+due\s+(?:on|in|by|before)\s+(?=\d|[A-Z]|the\s+end\b|next\b)", "likely"),
    (r"(?:is|are|was|were)\s+(?:ready|prepared)\s+to", "unspecified"),
    # A present-progressive intention (GUIDELINES v4): "the cooperative is preparing to cut".
    (r"(?:is|are)\s+preparing\s+to", "unspecified"),
    (r"(?:has|have)\s+no\s+plans?\s+to", "unspecified"),
    (r"[Tt]here\s+is\s+a\s+(?:real\s+|good\s+|strong\s+)?chance", "possible"),
    (r"aims?\s+to", "unspecified"),
    (r"plans?\s+to", "unspecified"),
    (r"planning\s+to", "unspecified"),
    (r"intends?\s+to", "unspecified"),
    (r"hopes?\s+to", "unspecified"),
    (r"seeks?\s+to", "unspecified"),
    (r"(?:vows?|vowed|pledges?|pledged|promises?|promised)\s+to", "unspecified"),
    (r"(?:has|have)\s+promised", "unspecified"),
    # "she put the chance of the League keeping its majority at about 35 percent"
    (r"puts?\s+(?:the\s+|its\s+|their\s+)?(?:chances?|odds|probability|likelihood)", "possible"),
]
_MARKER = re.compile(
    "(?:" + "|".join(f"(?P<m{i}>{p})" for i, (p, _) in enumerate(_MARKERS)) + r")\b"
)
# Where a marker may start: its first word. Scanning for these (a trie) is much faster than
# trying every marker at every position; `_MARKER` is then matched only there.
_MARKER_START = re.compile(
    r"\b(?:"
    + alternation(
        words(
            """
            will certainly definitely surely is are was were has have there There inevitable
            inevitably
            look
            looks looked seem seems seemed appear appears remain remains unlikely would doubt
            doubts little no slim it conceivable conceivably could may might possible possibly
            perhaps potentially won’t won't shall likely probably expect expects expected
            forecast forecasts predict predicts projected anticipate anticipates aim aims plan
            plans planning intend intends hope hopes seek seeks vow vows vowed pledge pledges
            pledged promise promises promised nobody Nobody no No few Few do does did
            don’t don't doesn’t doesn't didn’t didn't put puts cannot can’t can't
            couldn’t couldn't most more
            """
        )
    )
    + r"|\w+[’']ll|\w+[’']d(?=\s+be\s+surprised))\b"
)
_MARKER_KIND = {f"m{i}": kind for i, (_, kind) in enumerate(_MARKERS)}
# "will" and "may" that are not future: "political will", "the will of".
_NOT_MODAL = re.compile(
    r"\b(?:political|the|popular|good|free|own|ill|his|her|their|our|its|a)\s+will\b"
)

# Markers strong enough for the text's own forecasts.
_AUTHOR_MARKER = re.compile(
    r"\b(?:(?:will|would)\s+(?:almost\s+|very\s+|most\s+)?(?:certainly|surely|definitely|"
    r"probably|undoubtedly)\b"
    # A plain "will" in the author's voice looks ahead ("the duty will lapse on 30 June";
    # GUIDELINES), where "would" and "could" mostly narrate the past or report speech.
    r"|(?P<will>will(?<!political\swill)(?<!popular\swill)(?<!the\swill)(?<!own\swill)"
    r"(?<!free\swill)(?<!good\swill)\s+(?:not\s+)?(?!have\b(?!\s+to\b))[a-z]+|won[’']t\b)"
    r"|(?:most|more|less|least)\s+likely\s+(?:outcome|result|scenario|path|course|compromise|"
    r"option|winner)\b"
    r"|(?:is|are)\s+(?:almost\s+|very\s+)?(?:certainly|definitely|surely|probably)\s+going\s+to\b"
    r"|(?:cannot|can[’']t)\s+be\s+ruled\s+out\b"
    r"|(?:is|are|looks?|seems?|appears?|remains?)\s+(?:now\s+|still\s+)?"
    r"(?:very\s+|highly\s+|increasingly\s+)?(?:likely|unlikely)\b"
    r"|(?:is|are|looks?|seems?)\s+(?:now\s+)?(?:almost\s+|nearly\s+|virtually\s+|all\s+but\s+)?"
    r"(?:set|expected|due|poised|scheduled|slated|bound|certain|sure|on\s+track)\s+to\b"
    # A scheduled event: "the bank's next rate decision is due on 11 December".
    r"|(?:is|are)\s+due\s+(?:on|in|by|before)\s+(?=\d|[A-Z]|the\s+end\b|next\b)"
    # "could", "may", "might": a forecast only with "well", a leading condition or a future
    # time (see `_is_author_forecast`); alone they mostly grant or narrate.
    r"|(?P<modal>(?:could|may|might|would)\s+(?:well\s+)?(?!have\b)[a-z]+))"
)
_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|while|whereas|though|although)\s+|;\s+|\s+—\s+")
# Where a sentence's own leading clause ends before a reported one ("..., although X said").
_LEADING_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas|although|though)\s+|;\s+")


def is_forecast(quote: str) -> bool:
    """Whether an attributed statement is about the future."""
    return bool(markers(quote)) or TIMEFRAME_FUTURE.search(quote) is not None


# Modals that do not make the statement a forecast: in an embedded question ("divided over
# who would board the ships") or in a reason ("because exports would suffer").
_SUBORDINATE_MODAL = re.compile(
    r"(?:\b(?:over|about|on|of|as\s+to|unclear|know|knows|knew|decide|decides|decided|asked|"
    r"ask|wonder|wondering|see|question|doubt|told|tell|sure|unsure)\s+(?:who|where|when|which)"
    r"|(?<!^)\b(?:whether|how|what|why)"
    # "I don't know if I'll still be here": a question, not a forecast
    r"|\b(?:know|knows|knew|wonder|wonders|wondered|wondering|unsure|sure)\s+if"
    # "not a foregone conclusion, whatever the airport may hope": a concession
    r"|\bwhatever"
    # "wants a guarantee that no patient will wait": what is demanded, not forecast
    r"|\b(?:guarantee|guarantees|assurance|assurances|promise|commitment|pledge)\s+that)\b"
    r"[^,.;:“”]{0,30}?\b(?:will|would|could|might|may|\w+[’']ll)\b"
    r"|\bbecause\b[^.;:!?]*"
)


# Modals that are not about the future: a past counterfactual ("could have stayed open"),
# "could" in a statement about the past ("could not reach them last week"), and "may" that
# grants permission ("members may apply").
_COULD_HAVE = re.compile(r"\bcould(?:\s+not|n[’']t)?\s+have\b")
_PAST_TIME = re.compile(
    r"\b(?:last\s+(?:week|month|year|night|quarter|season|spring|summer|autumn|winter|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|ago|"
    r"earlier\s+this\s+(?:week|month|year))\b"
)
_COULD = re.compile(r"\bcould\b")
_PERMISSION_MAY = re.compile(
    r"\bmay\s+(?:now\s+|also\s+|still\s+)?(?:apply|register|request|ask|choose|opt|enter|"
    r"use|submit|claim|appeal|attend|join|vote|bring|keep|visit)\b"
)
# A rule's "may" (GUIDELINES: "permission or rules" are no forecast): after an obligation in
# the same sentence ("Bidders must hold fares ..., and after that they may raise them only in
# line with inflation"), or a class of traders or applicants doing what they choose to do
# ("Exporters may sell forward up to 60% of the crop"; not "Exporters may lose contracts",
# which befalls them, nor "the ministry may offer", one body's possible decision).
_OBLIGED_THEN_MAY = re.compile(
    r"\b(?:must|(?:are|is)\s+(?:required|obliged|allowed|permitted|entitled)\s+to)\b"
    r"[^.;!?]*?\b(?P<may>may)\s+(?!(?:well|not|never|be|have|need)\b)"
)
_CLASS_MAY = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=,\sand\s))[A-Z][a-z]+(?:ers|ors|ants|ents)\s+(?P<may>may)\s+"
    r"(?:now\s+|also\s+|still\s+)?(?:sell|buy|export|import|charge|borrow|lend|hold|"
    r"ship|trade|raise|set|build|operate|fish|plant|store|carry|hire)\b"
)


def grants_permission(quote: str) -> bool:
    """Whether `quote` has a "may" that grants permission or states a rule: its dates are
    the rule's terms ("may sell forward up to 60% of next season's crop"), no forecast."""
    return any(p.search(quote) for p in (_PERMISSION_MAY, _OBLIGED_THEN_MAY, _CLASS_MAY))


def _not_future(quote: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _COULD_HAVE.finditer(quote)]
    spans += [(m.start(), m.end()) for m in _PERMISSION_MAY.finditer(quote)]
    for rule in (_OBLIGED_THEN_MAY, _CLASS_MAY):
        spans += [(m.start("may"), m.end("may")) for m in rule.finditer(quote)]
    # Someone else's words quoted inside the quote ("the foreman told us, ‘This mine will
    # feed your grandchildren.’") are not the speaker's forecast.
    spans += [(m.start(), m.end()) for m in _NESTED.finditer(quote)]
    spans += [(m.start(), m.end()) for m in _TO_EXPECT.finditer(quote)]
    spans += [(m.start("would"), m.end()) for m in _PAST_THOUGHT.finditer(quote)]
    # A question's "will" asks, it does not forecast ("Why should anyone believe you will be
    # tougher now?").
    if "?" in quote:
        spans += [(m.start(), m.end()) for m in _QUESTION.finditer(quote)]
    # A past time in a relative clause ("..., where permits were cut last year") dates that
    # clause, not the modal.
    main = _RELATIVE_CLAUSE.sub(lambda m: " " * len(m.group()), quote)
    past = _PAST_TIME.search(main) or _COULD_HAVE.search(quote)
    if past is not None and not TIMEFRAME_FUTURE.search(quote):
        # "We could have moved faster. And we could not, under the law as it stood then, ..."
        spans += [(m.start(), m.end()) for m in _COULD.finditer(quote)]
    return spans


_QUESTION = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"]\s))[^.!?]*\?")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:where|which|who|whose|when)\b[^,;.]*")
# The past's view of its future: "Nobody told us the grandchildren would have to leave",
# "None of us imagined that it would simply stop".
_PAST_THOUGHT = re.compile(
    r"\b(?:told\s+(?:us|me|them|him|her)|imagined|thought|knew|dreamed|dreamt)\b"
    r"[^.;:!?]{0,40}?\b(?P<would>would)\b"
)
_NESTED = re.compile(r"(?<![\w’])‘[^‘’]{3,300}’(?!\w)")
# "far more patient than I had any right to expect": no expectation of anything.
_TO_EXPECT = re.compile(r"\bto\s+expect\b(?=\s*(?:[.,;:!?]|$))")


# A plan in the present under a condition (GUIDELINES v6): "If the grant comes, we build the
# whole wall in two years" (not "If it rains, we are ready": a state, not a deed).
_CONDITIONAL_PLAN = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s[“\"]))If\s[^,;.!?]{3,80},\s+"
    r"(?P<plan>(?:we|I)\s+(?!(?:are|am|were|was|have|had|do|did|don[’']t|can|cannot|could|"
    r"would|will|may|might|should|must|shall|need|know|think|hope|believe|fear|feel)\b)"
    r"[a-z]{3,}(?<!ed)\b)"
)


def markers(quote: str) -> list[tuple[int, Likelihood]]:
    """The future markers of `quote` (offset, hedge), in order, leaving out modals that do not
    make a forecast ("political will", embedded questions, reasons)."""
    found: list[tuple[int, Likelihood]] = []
    blocked: list[tuple[int, int]] | None = None
    last_end = 0
    for start in _MARKER_START.finditer(quote):
        pos = start.start()
        if pos < last_end:
            continue
        m = _MARKER.match(quote, pos)
        if m is None or m.lastgroup is None:
            continue
        if blocked is None:
            blocked = [(b.start(), b.end()) for b in _NOT_MODAL.finditer(quote)]
            blocked += [(b.start(), b.end()) for b in _SUBORDINATE_MODAL.finditer(quote)]
            blocked += _not_future(quote)
        if any(s <= pos < e for s, e in blocked):
            continue
        found.append((pos, _MARKER_KIND[m.lastgroup]))
        last_end = m.end()
    if "If " in quote:
        plans: list[tuple[int, Likelihood]] = [
            (m.start("plan"), "unspecified") for m in _CONDITIONAL_PLAN.finditer(quote)
        ]
        found = sorted({*found, *plans}) if plans else found
    return found


def likelihood_of(
    found: list[tuple[int, Likelihood]], skip: list[tuple[int, int]], quote: str = ""
) -> Likelihood:
    """The hedge: an explicit probability in `quote` if there is one, else the first marker
    outside the conditions `skip` (else the first one)."""
    explicit = figure_likelihood(quote) if quote else None
    if explicit is not None:
        return explicit
    for pos, kind in found:
        if not any(s <= pos < e for s, e in skip):
            return kind
    return found[0][1] if found else "unspecified"


def likelihood(quote: str) -> Likelihood:
    """The hedge of a forecast: certain, likely, possible, unlikely or unspecified."""
    return likelihood_of(markers(quote), conditions(quote), quote)


def author_forecasts(
    doc: Document, skip: set[int], owned_from: dict[int, int] | None = None
) -> list[tuple[int, int, int]]:
    """(sentence index, start, end) of the clauses in which the text itself forecasts, in
    sentences not in `skip` (those that report someone's speech), or in the leading clause of
    one whose statements all start (`owned_from`) after that clause ("The decree is almost
    certain to pass, although the Liberal Centre has said it will ...")."""
    masked = doc.masked
    found: list[tuple[int, int, int]] = []
    for index, sentence in enumerate(doc.sentences):
        start, end = sentence.start, sentence.end
        if index in skip:
            lead = _LEADING_CLAUSE.search(masked, start, (owned_from or {}).get(index, start))
            if lead is None:
                continue
            end = lead.start()
        if not _AUTHOR_MARKER.search(masked, start, end):
            continue
        quotes = doc.quotes_between(start, end)
        if any(not _is_short(doc, q.start, q.end) for q in quotes):
            continue
        bounds = [start]
        for m in _CLAUSE_SPLIT.finditer(masked, start, end):
            bounds += [m.start(), m.end()]
        bounds.append(end)
        after_forecast = False
        for start, end in zip(bounds[::2], bounds[1::2], strict=False):
            # "..., the dispute is likely to run into the summer, and the start date could
            # slip": a "could" joined to a forecast is one too.
            if any(
                _is_author_forecast(masked, m, start, end, after_forecast)
                for m in _AUTHOR_MARKER.finditer(masked, start, end)
            ):
                found.append((index, start, end))
                after_forecast = True
    return found


def _is_author_forecast(
    masked: str, marker: re.Match[str], start: int, end: int, after_forecast: bool = False
) -> bool:
    """Whether a plain "will" is the author's forecast: not in a question ("When will they
    decide?"), an embedded question ("how long the dry spell will last") or the first person
    (the text does not say "we will": that is an interviewee's answer). A "could", "may" or
    "might" is one with "well", after a condition ("If rates stay high, prices could slip")
    or before a future time ("could close next year") in its clause, or in a clause joined
    to a forecast (`after_forecast`)."""
    if marker.group("modal") is not None:
        return (
            " well " in marker.group("modal")
            or after_forecast
            or CONDITION.search(masked, start, marker.start()) is not None
            or TIMEFRAME_FUTURE.search(masked, marker.end(), end) is not None
            # "could drag on until May"; "may apply until June" is a permission.
            or (
                not marker.group("modal").startswith("may")
                and UNTIL_MONTH.search(masked, marker.end(), end) is not None
            )
        )
    if marker.group("will") is None:
        return True
    if _FIRST_PERSON_END.search(masked, start, marker.start()):
        return False
    if any(
        m.start() <= marker.start() < m.end()
        for m in _SUBORDINATE_MODAL.finditer(masked, start, marker.end())
    ):
        return False
    stop = _SENTENCE_STOP.search(masked, marker.end())
    return stop is None or stop.group() != "?"


_FIRST_PERSON_END = re.compile(r"\b(?:[Ww]e|I|[Yy]ou|[Ww]e[’']ll|I[’']ll)\s+$")
_SENTENCE_STOP = re.compile(r"[.?!]")


def _is_short(doc: Document, start: int, end: int) -> bool:
    return len(doc.text[start:end].split()) <= 3
