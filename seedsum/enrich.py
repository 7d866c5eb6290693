"""What seedsum derives for located positions and predictions, from the text and the
publication date rather than the model: deadlines (`seedsum.timeframes`), hedges and
probability bands (`seedsum.hedges`), attribution (`seedsum.attribution`), and each
prediction's question and id (`seedsum.questions`).

The backend's `likelihood` is replaced by the one its hedge's band gives when the text has a
hedge with a band (`unspecified` when the only hedge is an intention, "plans to"); without a
hedge it stays, and the band is the one that word stands for. Items
whose quote was not located get no attribution, cue or hedge span: there is no text around
them to read (their hedge is then looked for in the quote itself, without a span).
"""

from __future__ import annotations

from datetime import date

from ._context import TextContext
from .attribution import attribute
from .hedges import HedgeMatch, band_for_likelihood, find_hedge, likelihood_for
from .questions import build_question, prediction_id
from .schema import Hedge, Position, Prediction
from .timeframes import parse_timeframe

__all__ = ["enrich_position", "enrich_prediction"]


def enrich_position(position: Position, text: str, context: TextContext | None = None) -> Position:
    """`position` with its attribution read from `text` (through the run's `context`)."""
    if position.span is None:
        return position.model_copy(update={"attribution": None, "cue": None})
    found = attribute(text, position.span.start, position.span.end, context)
    return position.model_copy(
        update={
            "attribution": found.kind,
            "cue": found.cue,
            "source_description": found.source_description,
        }
    )


def enrich_prediction(
    prediction: Prediction,
    text: str,
    published: date | None,
    context: TextContext | None = None,
) -> Prediction:
    """`prediction` with what seedsum derives for it (see the module docstring), read from
    `text` (through the run's `context`)."""
    deadline = parse_timeframe(prediction.timeframe, published)
    update: dict[str, object] = {
        "deadline": deadline,
        "id": prediction_id(prediction.source, prediction.claim, deadline),
        "question": prediction.question
        or build_question(prediction.claim, deadline, prediction.source),
    }
    span = prediction.span
    if span is not None:
        found = attribute(text, span.start, span.end, context)
        update |= {
            "attribution": found.kind,
            "cue": found.cue,
            "source_description": found.source_description,
        }
        hedge = find_hedge(text, span.start, span.end, context)
    else:
        hedge = _unlocated_hedge(prediction.quote)
    if hedge is not None and hedge.band is not None:
        update |= {
            "hedge": hedge.hedge,
            "probability": hedge.band,
            "likelihood": likelihood_for(hedge.band, hedge.hedge.kind),
        }
    elif hedge is not None:  # an intention alone ("plans to"): no probability
        update |= {"hedge": hedge.hedge, "probability": None, "likelihood": "unspecified"}
    else:
        update |= {"hedge": None, "probability": band_for_likelihood(prediction.likelihood)}
    return prediction.model_copy(update=update)


def _unlocated_hedge(quote: str) -> HedgeMatch | None:
    found = find_hedge(quote, 0, len(quote))
    if found is None:
        return None
    return HedgeMatch(Hedge(text=found.hedge.text, kind=found.hedge.kind), found.band)
