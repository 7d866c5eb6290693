"""A second annotation scored as if it were a result: how far two annotators agree.

`python -m seedsum.eval DIR --results OTHER` reads `OTHER/X.gold.json` (when there is no
saved result `X.json`) as another annotator's reading of `DIR/X.txt`, following the same
guidelines; its scores against the gold are the agreement between the two, the ceiling a
backend can be expected to reach on each field (see `bench/eval/agreement/README.md`).
"""

from __future__ import annotations

from typing import Any

from ..grounding import QuoteLocator
from ..schema import Actor, ArticleSummary, Position, Prediction, RunMeta, Span
from .scoring import locate_quote

__all__ = ["annotation_as_result"]


def annotation_as_result(text: str, data: dict[str, Any]) -> ArticleSummary:
    """A gold annotation of `text` (see `bench/eval/GUIDELINES.md`) as an `ArticleSummary`:
    its items located in `text`, fields the scorer does not read left at their defaults."""
    locator = QuoteLocator(text)

    def span(quote: str) -> Span | None:
        found = locate_quote(text, locator, quote)
        return Span(start=found[0], end=found[1]) if found is not None else None

    actors = [
        Actor(
            name=a["name"],
            kind=a.get("kind") or "other",
            role=a.get("role"),
            aliases=list(a.get("aliases") or []),
        )
        for a in data.get("actors") or []
    ]
    positions = [
        Position(
            actor=p["actor"],
            topic=p.get("topic") or "-",
            stance=p.get("stance") or "-",
            quote=p["quote"],
            span=span(p["quote"]),
        )
        for p in data.get("positions") or []
    ]
    predictions = [
        Prediction(
            source=p["source"],
            claim=p.get("claim") or p["quote"],
            subjects=list(p.get("subjects") or []),
            timeframe=p.get("timeframe"),
            conditions=list(p.get("conditions") or []),
            likelihood=p.get("likelihood") or "unspecified",
            quote=p["quote"],
            span=span(p["quote"]),
        )
        for p in data.get("predictions") or []
    ]
    return ArticleSummary(
        summary=str(data.get("summary") or "-"),
        actors=actors,
        positions=positions,
        predictions=predictions,
        meta=RunMeta(backend="annotation", model="annotator", prompt_version="-"),
    )
