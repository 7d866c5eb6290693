"""Rule-based extraction: a real, if simpler, analysis of a text with no model at all.

`extract(text)` returns the same `ChunkExtraction` a model would: an extractive summary, the
actors (people with their roles, states with their capitals, organizations), the positions
they state (direct quotations and reported speech) and the predictions made in the text,
each with a verbatim quote. `seedsum.backends.rules.RulesBackend` plugs it into the pipeline.
"""

from __future__ import annotations

from .extractor import AUTHOR_NAME, extract

__all__ = ["AUTHOR_NAME", "extract"]
