"""What the rules tests look up in an extraction."""

from __future__ import annotations

from seedsum.schema import ChunkExtraction, PredictionItem


def _prediction(result: ChunkExtraction, start: str) -> PredictionItem:
    found = [p for p in result.predictions if p.quote.startswith(start)]
    assert found, f"no prediction starting {start!r}: {[p.quote for p in result.predictions]}"
    return found[0]


def _names(result: ChunkExtraction) -> set[str]:
    return {a.name for a in result.actors}
