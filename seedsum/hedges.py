"""The hedge of a prediction: the words that carry its likelihood, where they stand, and the
probability band they mean.

The vocabulary follows the US intelligence community's estimative-language scale (ODNI,
Intelligence Community Directive 203, "Analytic Standards", 2015), which refines Sherman
Kent's "Words of Estimative Probability" (1964):

| words                                              | band        | source      |
|----------------------------------------------------|-------------|-------------|
| almost no chance, remote                            | 0.01-0.05   | ICD 203     |
| very unlikely, highly improbable                    | 0.05-0.20   | ICD 203     |
| unlikely, improbable, probably not, doubtful        | 0.20-0.45   | ICD 203     |
| nobody believes, few expect, does not expect, don't think | 0.20-0.45 | ours     |
| roughly even chance, even odds, fifty-fifty         | 0.45-0.55   | ICD 203     |
| likely, probable, probably, expects, is set to      | 0.55-0.80   | ICD 203     |
| very likely, highly probable, most likely           | 0.80-0.95   | ICD 203     |
| almost certain(ly), nearly certain, virtually certain | 0.95-0.99 | ICD 203     |
| certain(ly), definitely, no doubt, bound to         | 0.99-1.00   | Kent: "certain" |
| impossible, no chance                               | 0.00-0.01   | Kent: "impossible" |
| conceivable, cannot be ruled out, not impossible    | 0.05-0.50   | ours        |
| could, may, might, possibly, perhaps, possible      | 0.20-0.60   | ours        |
| will, would, shall, is going to (unhedged)          | 0.55-0.95   | ours        |

"Ours" marks words the scales do not cover: "could" and "may" assert a possibility, not a
lean, so their band straddles even odds; an unhedged "will" asserts the event, so its band
starts where "likely" does. Intentions ("aims to", "plans to", "pledged to") carry no
probability: band None.

An explicit figure wins over any word: "a 30 percent chance", "I'd put it at maybe 30
percent", "one in three" give 0.30 (0.33); "about/around/maybe N percent" widens to N±5,
"at least N" runs to 1, "less than N" from 0.

The five `likelihood` words are read off the band: `certain` when low >= 0.95, `likely` when
low > 0.5, `unlikely` when high < 0.5, `possible` when the band holds 0.5, `unspecified` when
there is no band. A figure's band is read on the annotation guidelines' scale instead (its
middle: 90% or more `certain`, 60-89% `likely`, 31-59% `possible`, 30% or less `unlikely`),
so that "about 40 percent" is `possible`, as an annotator files it. Without a hedge in the
text, `band_for_likelihood` gives the band of the backend's word, so every prediction can be
scored.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ._context import TextContext, sentence_around
from ._patterns import CaseBlind, alternation
from .schema import Hedge, Likelihood, Probability, Span

__all__ = [
    "HedgeMatch",
    "band_for_likelihood",
    "figure_likelihood",
    "find_hedge",
    "likelihood_for",
]

_RANK = {"percentage": 0, "estimative": 1, "modal": 2, "intention": 3}

# (phrases, band or None, kind); longer phrases win where they overlap shorter ones.
_VOCABULARY: list[tuple[str, tuple[float, float] | None, str]] = [
    ("almost no chance|virtually no chance|remote chance|remote possibility|remote|"
     "almost certainly not|almost certainly won't", (0.01, 0.05), "estimative"),
    ("very unlikely|highly unlikely|highly improbable|extremely unlikely|very improbable|"
     "a slim chance|little chance|a small chance",
     (0.05, 0.20), "estimative"),
    ("unlikely|improbable|probably not|probably won't|doubtful|not likely|not expected to|"
     "would be surprised|would be surprising|i'd be surprised|we'd be surprised|i doubt|"
     "doubts that|doubt that|is not expected|"
     "nobody believes|no one believes|nobody expects|no one expects|few expect|few believe|"
     "nobody thinks|no one thinks|do not expect|does not expect|don't expect|doesn't expect|"
     "don't think|do not think|doesn't think|does not think|don't believe|do not believe|"
     "doesn't believe|does not believe",
     (0.20, 0.45), "estimative"),
    ("roughly even chance|even chance|roughly even odds|even odds|fifty-fifty|50-50|toss-up|"
     "coin flip|as likely as not", (0.45, 0.55), "estimative"),
    ("likely|probably|probable|expects|expect|expecting|expected to|is expected|are expected|"
     "set to|poised to|a good chance|a strong chance|"
     "on track to|on course to|in all likelihood|anticipates|looks set|is due to|are due to",
     (0.55, 0.80), "estimative"),
    ("very likely|highly likely|highly probable|most likely|very probably|extremely likely|"
     "all but certain", (0.80, 0.95), "estimative"),
    ("almost certain|almost certainly|nearly certain|virtually certain|near certain|"
     "near-certain", (0.95, 0.99), "estimative"),
    ("is certain|are certain|was certain|certain to|certainly|definitely|no doubt|"
     "without doubt|without a doubt|undoubtedly|"
     "guaranteed|inevitable|inevitably|bound to|is sure to|are sure to|will surely|surely",
     (0.99, 1.00), "estimative"),
    ("impossible|no chance|not a chance|no way", (0.00, 0.01), "estimative"),
    ("conceivable|conceivably|cannot be ruled out|can't be ruled out|could not be ruled out|"
     "not impossible|not out of the question|there is a chance|a chance that|it is possible|"
     "a real chance|a fair chance|a chance",
     (0.05, 0.50), "estimative"),
    ("could|may|might|possibly|perhaps|maybe|possible", (0.20, 0.60), "modal"),
    ("will|would|shall|won't|wouldn't|is going to|are going to|is not going to|"
     "are not going to|not going to|we'll|they'll|it'll|i'll|"
     "he'll|she'll|you'll", (0.55, 0.95), "modal"),
    ("aims to|aim to|plans to|plan to|intends to|intend to|wants to|want to|hopes to|hope to|"
     "seeks to|seek to|pledged to|pledges to|vowed to|vows to|promised to|promises to|"
     "is determined to|are determined to", None, "intention"),
]  # fmt: skip


def _phrase_piece(character: str) -> str:
    """A phrase's character as a pattern: any whitespace for a space, either apostrophe."""
    return {" ": r"\s+", "'": "['’]"}.get(character) or re.escape(character)


_PHRASES = sorted(
    ((p, band, kind) for group, band, kind in _VOCABULARY for p in group.split("|")),
    key=lambda entry: -len(entry[0]),
)
# Factored (see `seedsum._patterns`), which, like the longest-first order, takes the longest
# phrase at a place.
_WORDS = CaseBlind(
    rf"(?<![\w-])({alternation((p.lower() for p, _, _ in _PHRASES), _phrase_piece)})(?![\w-])"
)
_BANDS = {p: (band, kind) for p, band, kind in _PHRASES}

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
# Spelled out, tens only ("seventy percent"): "seventy-five percent" is rare in print.
_TENS = {
    "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_PERCENT = rf"(\d{{1,3}}(?:\.\d+)?|{'|'.join(_TENS)})\s?(?:%|percent|per\s+cent)"
_QUALIFIER = r"(?:(about|around|roughly|maybe|perhaps|some|approximately|nearly|almost|at least|" \
    r"at most|less than|more than|over|under|no more than|no less than)\s+)?"  # fmt: skip
_PERCENTAGES = [
    # "I'd put the chance of at least one outage this winter at about 30 percent"
    CaseBlind(rf"\bput\s+(?:it|them|that|the\s+(?:chances?|odds|probability|risk|likelihood)"
              rf"(?:\s+(?:of|that)\s+[^.;:?!]{{1,80}}?)?)\s+at\s+{_QUALIFIER}{_PERCENT}"),
    CaseBlind(rf"\b(?:chances?|odds|probability|likelihood|risk)\s+(?:\w+\s+){{0,6}}?"
              rf"(?:of|at|is|are|as\s+high\s+as|stands?\s+at|was\s+put\s+at)\s+"
              rf"{_QUALIFIER}{_PERCENT}"),
    CaseBlind(rf"\b{_QUALIFIER}{_PERCENT}\s+(?:chance|probability|likelihood|likely|odds|"
              r"risk|certain|sure)"),
]  # fmt: skip
_ONE_IN = CaseBlind(
    r"\b(one|two|three|four|\d+)[\s-]in[\s-](two|three|four|five|ten|\d+)(?:[\s-]chance)?\b",
)
# What every match of `_PERCENTAGES` and of `_ONE_IN` holds (matched with IGNORECASE, which
# folds at least what `CaseBlind` does): a rare stretch, looked for first, as the full
# patterns try every place of a quote.
_HAS_PERCENT = re.compile(r"(?:\d|ty|ten)\s?(?:%|percent|per\s+cent)", re.IGNORECASE)
_HAS_ONE_IN = re.compile(r"in[\s-](?:two|three|four|five|ten|\d)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# Only this close to the quote does a hedge outside it still speak to it.
_NEAR = 60


@dataclass(frozen=True)
class HedgeMatch:
    """A hedge found in the text and the band it means (None for an intention)."""

    hedge: Hedge
    band: Probability | None


def find_hedge(
    text: str, start: int, end: int, context: TextContext | None = None
) -> HedgeMatch | None:
    """The hedge of the statement at `text[start:end]`: an explicit figure first, then an
    estimative word, a modal, an intention, inside the span; when the span has none, a figure
    or an estimative word just outside it (in its sentence, within 60 characters: "a cut is
    unlikely, Kovel said" with the quote "a cut"). `context`: the run's `TextContext` of
    `text`, if it has one."""
    best = min(_candidates(text, start, end), default=None)
    if best is None:
        if context is not None:
            s_start, s_end = context.sentence_around(start, end)
        else:
            s_start, s_end = sentence_around(text, start, end)
        near = (
            c
            for c in _candidates(text, max(s_start, start - _NEAR), min(s_end, end + _NEAR))
            if c.rank <= _RANK["estimative"] and (c.end <= start or c.start >= end)
        )
        best = min(near, default=None)
    return None if best is None else best.match()


@dataclass(order=True, slots=True)  # not frozen: one is made for every hedge word seen
class _Candidate:
    """A hedge found in a window, ordered as `find_hedge` prefers them (strongest kind, then
    leftmost); its Pydantic objects are built only for the one chosen."""

    rank: int
    start: int
    end: int = field(compare=False)
    text: str = field(compare=False)
    band: tuple[float, float] | None = field(compare=False)
    kind: str = field(compare=False)

    def match(self) -> HedgeMatch:
        span = Span(start=self.start, end=self.end)
        hedge = Hedge(text=self.text, span=span, kind=self.kind)  # type: ignore[arg-type]
        return HedgeMatch(hedge, None if self.band is None else _probability(self.band))


def _candidates(text: str, start: int, end: int) -> list[_Candidate]:
    found = _figures(text, start, end)
    for m in _WORDS.finditer(text, start, end):  # its groups are lower case
        written = text[m.start() : m.end()]
        if _is_month(text, written, m.start()):
            continue
        band, kind = _BANDS[_SPACES.sub(" ", m.group(1).replace("’", "'"))]
        found.append(_candidate(text, m, band, kind))
    return found


def _figures(text: str, start: int, end: int) -> list[_Candidate]:
    """Explicit figures: "a 30 percent chance", "one in three"."""
    found: list[_Candidate] = []
    if _HAS_PERCENT.search(text, start, end):
        for pattern in _PERCENTAGES:
            found.extend(_percentage(text, m) for m in pattern.finditer(text, start, end))
    one_in = _ONE_IN.finditer(text, start, end) if _HAS_ONE_IN.search(text, start, end) else ()
    for m in one_in:
        top, bottom = _count(m.group(1)), _count(m.group(2))
        if 0 < top <= bottom:
            p = round(top / bottom, 2)
            found.append(_candidate(text, m, (p, p), "percentage"))
    return found


def _is_month(text: str, written: str, at: int) -> bool:
    """ "May" with a capital inside a sentence is the month ("by May"), not the modal."""
    if written != "May":
        return False
    # the last character before it that is not a space (not a copy of all)
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at > 0 and text[at - 1] not in '.!?“"\n'


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _percentage(text: str, m: re.Match[str]) -> _Candidate:
    figure = m.group(2)
    value = float(figure) if figure[0].isdigit() else _TENS[figure.lower()]
    p = round(min(value / 100, 1.0), 4)
    qualifier = (m.group(1) or "").lower()
    if qualifier in ("at least", "more than", "over", "no less than"):
        band = (p, 1.0)
    elif qualifier in ("at most", "less than", "under", "no more than"):
        band = (0.0, p)
    elif qualifier:
        band = (round(max(0.0, p - 0.05), 4), round(min(1.0, p + 0.05), 4))
    else:
        band = (p, p)
    return _candidate(text, m, band, "percentage")


def _candidate(
    text: str, m: re.Match[str], band: tuple[float, float] | None, kind: str
) -> _Candidate:
    """`m` found in `text` (by a `CaseBlind` pattern: its groups are lower case)."""
    return _Candidate(_RANK[kind], m.start(), m.end(), text[m.start() : m.end()], band, kind)


@functools.lru_cache(maxsize=512)  # a few dozen bands cover nearly every hedge
def _probability(band: tuple[float, float]) -> Probability:
    return Probability(low=band[0], high=band[1])


def figure_likelihood(text: str, start: int = 0, end: int | None = None) -> Likelihood | None:
    """The `likelihood` word of the first explicit figure in `text[start:end]` ("a 40 percent
    chance", "one in three"; see `likelihood_for`), or None without one."""
    figures = _figures(text, start, len(text) if end is None else end)
    band = min(figures).band if figures else None
    return None if band is None else likelihood_for(_probability(band), "percentage")


def likelihood_for(band: Probability | None, kind: str | None = None) -> Likelihood:
    """The `likelihood` word of a band (see the module docstring). A figure's band (`kind`
    "percentage") is read on the annotation guidelines' scale for figures instead: its middle
    at 90% or more `certain`, 60-89% `likely`, 31-59% `possible`, 30% or less `unlikely`."""
    if band is None:
        return "unspecified"
    if kind == "percentage":
        middle = round((band.low + band.high) / 2, 4)
        if middle >= 0.9:
            return "certain"
        if middle >= 0.6:
            return "likely"
        return "possible" if middle > 0.3 else "unlikely"
    if band.low >= 0.95:
        return "certain"
    if band.low > 0.5:
        return "likely"
    if band.high < 0.5:
        return "unlikely"
    return "possible"


_WORD_BANDS: dict[str, tuple[float, float]] = {
    "certain": (0.95, 1.00),
    "likely": (0.55, 0.95),
    "possible": (0.20, 0.60),
    "unlikely": (0.05, 0.45),
}


def band_for_likelihood(likelihood: Likelihood) -> Probability | None:
    """The band a `likelihood` word stands for when the text has no hedge of its own;
    `likelihood_for` of it gives the word back."""
    band = _WORD_BANDS.get(likelihood)
    return None if band is None else _probability(band)
