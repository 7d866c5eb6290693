"""`extract(text)`: the rule-based analysis of one text, in the schema a model would return.

The steps are those of the modules of this package: sentences and quotations
(`sentences`), actors (`actors`), who says what (`attribution`), which statements are about
the future and how hedged (`predictions`), and the summary (`summary`). Everything is
deterministic: the same text always gives the same JSON.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from ..schema import Actor, ActorKind, ChunkExtraction, Likelihood, PositionItem, PredictionItem
from .actors import ActorInfo, Cast, find_actors
from .affiliation import Affiliation
from .attribution import find_units
from .conditions import conditions
from .lexicon import words
from .predictions import author_forecasts, grants_permission, likelihood_of, markers
from .sentences import Document
from .subjects import subjects_of
from .summary import document_frequencies, sentence_words, summarize_document
from .time_expressions import TIMEFRAME_FUTURE, timeframe
from .units import AUTHOR, UNNAMED, Unit

#: The source of forecasts the text makes without attributing them.
AUTHOR_NAME = "the author"
#: The speaker of statements by unnamed sources ("officials said"; GUIDELINES.md).
UNNAMED_NAME = "unnamed"
_SPEAKER_NAMES = {AUTHOR: AUTHOR_NAME, UNNAMED: UNNAMED_NAME}

_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_TOPIC_STOPWORDS = words(
    """
    the and but for that this with from into have has had was were are will would could should
    might must can may not its it’s their there they them then than what which who when where
    while whose been being also only just even more most much many some such very about over
    under after before between because said says told added years year months weeks days time
    percent nobody everyone everything something anything nothing every each other others
    another same does did doing done make made take taken like well still yet again once ever
    never always often already really quite rather
    """
)
_MAX_TEXT = 300
_KINDS: dict[str, ActorKind] = {
    "person": "person",
    "state": "state",
    "organization": "organization",
    "group": "group",
}
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def extract(text: str) -> ChunkExtraction:
    """Analyse `text` with the built-in rules: summary, actors, positions and predictions.

    Every quote is a verbatim substring of `text`; every position's actor and prediction's
    source and subjects is the name of one of the actors ("the author" for forecasts the
    text makes itself)."""
    # A library must not switch the process's garbage collector off: pausing it here was
    # measured at under 5% faster with a tokenizer loaded (1.09 vs 1.04 MB/s).
    doc = Document(text)
    cast = find_actors(doc)
    attribution = find_units(doc, cast)
    units = attribution.units
    # Every sentence a statement covers is someone's (an answer of several sentences), from
    # where the first statement in it starts.
    owned_from: dict[int, int] = {}
    for u in units:
        first = doc.sentence_index(u.start)
        for i in range(first, doc.sentence_index(max(u.start, u.end - 1)) + 1):
            at = max(u.start, doc.sentences[i].start)
            owned_from[i] = min(owned_from.get(i, at), at)
    skip = attribution.speech_sentences | set(owned_from)
    for index, start, end in author_forecasts(doc, skip, owned_from):
        unit = _trimmed(doc, Unit(start, end, AUTHOR, "author", index))
        if unit is not None:
            units.append(unit)
    units.sort(key=lambda u: u.start)
    return _assemble(doc, cast, units)


def _forecast_sentences(quote: str, found: list[tuple[int, Likelihood]]) -> list[tuple[int, int]]:
    """The sentences of the quote that hold a future marker (all of it without markers)."""
    bounds = [0, *(m.end() for m in _SENTENCE_SPLIT.finditer(quote)), len(quote)]
    spans = list(itertools.pairwise(bounds))
    if not found or len(spans) == 1:
        return [(0, len(quote))]
    return [(a, b) for a, b in spans if any(a <= pos < b for pos, _ in found)]


def _trimmed(doc: Document, unit: Unit) -> Unit | None:
    text = doc.text
    start, end = unit.start, unit.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    if len(text[start:end].split()) < 3:
        return None
    return Unit(start, end, unit.speaker, unit.kind, unit.sentence)


def _assemble(doc: Document, cast: Cast, units: list[Unit]) -> ChunkExtraction:
    text = doc.text
    positions: list[PositionItem] = []
    predictions: list[PredictionItem] = []
    reserved: set[int] = set()  # the author, unnamed sources: speakers that are no actor
    seen: set[tuple[str, int]] = set()
    words = sentence_words(text, [(s.start, s.end) for s in doc.sentences])
    frequencies = document_frequencies(words)
    names = {w.lower() for a in cast.actors for f in a.forms for w in f.split()}
    affiliation = Affiliation(doc, cast)
    for unit in units:
        quote = text[unit.start : unit.end]
        if (quote, unit.speaker) in seen or not quote.strip():
            continue  # the same words by the same speaker, said twice: listed once
        seen.add((quote, unit.speaker))
        speaker = _SPEAKER_NAMES.get(unit.speaker) or cast.actors[unit.speaker].name
        found = markers(quote) if unit.kind != "fragment" else []
        if unit.kind == "direct" and found:
            found = _outside_nested_quotes(doc, unit, found)
        # A stance ("wants", "opposes") is a position even about the future; a plan
        # ("expects", "plans to") is a prediction (GUIDELINES.md).
        forecast = unit.kind == "plan" or (
            unit.kind != "stance"
            and (
                unit.speaker == AUTHOR
                or bool(found)
                or (
                    unit.kind != "fragment"
                    and TIMEFRAME_FUTURE.search(quote) is not None
                    and not grants_permission(quote)
                )
            )
        )
        if forecast:
            offsets = conditions(quote)
            subjects = subjects_of(doc, cast, unit, quote, affiliation, (found, offsets))
            predictions.append(
                PredictionItem(
                    source=speaker,
                    claim=_claim(quote, found[0][0] if found else 0),
                    subjects=[cast.actors[i].name for i in subjects],
                    timeframe=timeframe(quote, offsets, _forecast_sentences(quote, found)),
                    conditions=[quote[s:e] for s, e in offsets],
                    likelihood=likelihood_of(found, offsets, quote),
                    quote=quote,
                )
            )
        else:
            positions.append(
                PositionItem(
                    actor=speaker,
                    topic=_topic(quote, names, frequencies),
                    stance=_stance(speaker, quote, unit.kind),
                    quote=quote,
                )
            )
        if unit.speaker < 0:
            reserved.add(unit.speaker)
    actors = [_actor(a) for a in cast.actors]
    actors += [
        Actor(name=_SPEAKER_NAMES[i], kind="other", role=None, aliases=[]) for i in sorted(reserved)
    ]
    return ChunkExtraction(
        summary=summarize_document(doc, words, frequencies),
        actors=actors,
        positions=positions,
        predictions=predictions,
    )


def _actor(info: ActorInfo) -> Actor:
    aliases: list[str] = []
    for alias in info.aliases:
        if alias != info.name and alias not in aliases and alias.strip():
            aliases.append(alias)
    # A role wrapped across lines ("Finance\nMinister") is one phrase.
    role = " ".join(info.role.split()) if info.role and info.role.strip() else None
    kind: ActorKind = _KINDS.get(info.kind, "other")
    return Actor(name=info.name, kind=kind, role=role, aliases=aliases)


def _claim(quote: str, marker: int) -> str:
    """The forecast itself: the sentence of the quote that holds its first future marker."""
    start = 0
    for part in _SENTENCE_SPLIT.split(quote):
        end = start + len(part)
        if start <= marker < end:
            return _shorten(part.rstrip(" ."))
        start = end
        while start < len(quote) and quote[start].isspace():
            start += 1
    return _shorten(quote)


def _stance(speaker: str, quote: str, kind: str) -> str:
    if kind in {"stance", "plan"}:
        return _shorten(f"{speaker} {quote}.")
    if kind == "reported":
        return _shorten(f"{speaker} says that {quote}.")
    if kind == "fragment":
        return _shorten(f"{speaker} uses the words “{quote}”.")
    return _shorten(f"{speaker} says: “{quote}”")


def _topic(quote: str, names: set[str], frequencies: Counter[str]) -> str:
    """What a statement is about, as a phrase of the statement: the content word the whole
    text uses most (not an actor's name), with the content words right around it ("wheat
    exports", "budget deficit"), at most three words."""
    tokens = _WORD.findall(quote)
    lows = [t.lower() for t in tokens]
    content = [_is_topic_word(low, names) for low in lows]
    candidates = [i for i, ok in enumerate(content) if ok]
    if not candidates:
        return "statement"
    best = min(candidates, key=lambda i: (-frequencies[lows[i]], i))
    start = end = best
    while end - start < 2 and start > 0 and content[start - 1]:
        start -= 1
    while end - start < 2 and end + 1 < len(tokens) and content[end + 1]:
        end += 1
    return " ".join(lows[start : end + 1])


def _is_topic_word(low: str, names: set[str]) -> bool:
    if len(low) < 4 or low in _TOPIC_STOPWORDS or low in names:
        return False
    # Past tenses and adverbs ("remained", "sharply") name no topic.
    return not (low.endswith(("ed", "ly")) and not low.endswith(("need", "seed", "feed")))


def _outside_nested_quotes(
    doc: Document, unit: Unit, found: list[tuple[int, Likelihood]]
) -> list[tuple[int, Likelihood]]:
    """The markers of a speaker's own words that are not inside a quotation of someone else
    ("he told me, 'Put the pensions in the law and we'll talk'": his "we'll", not hers;
    GUIDELINES v4, nested quotes)."""
    nested = [
        (q.start - unit.start, q.end - unit.start)
        for q in doc.quotes_between(unit.start, unit.end)
        if unit.start <= q.start and q.end <= unit.end
    ]
    if not nested:
        return found
    return [(pos, kind) for pos, kind in found if not any(s <= pos < e for s, e in nested)]


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1].rstrip() + "…"
