"""Whole-document results in the cache.

Besides each call's reply, the cache keeps each document's finished result, so a warm re-run
skips tokenizing, merging and quote location too, not only the model calls. A result read
back reports its calls as cache hits and costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from ._version import __version__
from .arguments import check_text
from .cache import document_key, schema_digest, store
from .calls import CallRunner
from .prompts import CONDENSE, EXTRACT, load_prompt
from .schema import ArticleSummary, ChunkExtraction, DocumentInfo

if TYPE_CHECKING:
    from .pipeline import Summarizer

# Bump when what seedsum derives from the text (seedsum.enrich) changes, so cached
# document results are derived again (the model replies stay cached).
DERIVED_VERSION = 1

_COSTS = ("cost_usd", "input_cost_usd", "cached_input_cost_usd", "output_cost_usd")


def cached_result(
    summarizer: Summarizer[Any], runner: CallRunner, text: str, info: DocumentInfo | None
) -> tuple[str | None, ArticleSummary | None]:
    """The key `text`'s result is kept under (None: not kept) and the result, if kept."""
    if summarizer.cache is None or summarizer.output is not None:
        return None, None
    published = info.published if info is not None else None
    settings = {
        # What seedsum derives (deadlines, attribution, ...) changes with these.
        "derived": [DERIVED_VERSION, published.isoformat() if published else None],
        "seedsum": __version__,
        "prompts": [load_prompt(EXTRACT).sha256, load_prompt(CONDENSE).sha256],
        "schema": schema_digest(ChunkExtraction),
        "chunking": [
            summarizer.encoding.name,
            summarizer.max_chunk_tokens,
            summarizer.chunk_overlap_tokens,
        ],
        "drop_ungrounded": summarizer.drop_ungrounded,
    }
    key = document_key(runner.identity, settings, check_text(text))
    raw = summarizer.cache.get(key)
    if raw is None:
        return key, None
    try:
        result = ArticleSummary.model_validate_json(raw)
    except ValidationError:  # written by another version: summarize again
        return key, None
    calls = result.meta.calls + result.meta.cache_hits
    result.meta = result.meta.model_copy(
        update={
            "calls": 0,
            "reasks": 0,
            "cache_hits": calls,
            "cache_misses": 0,
            "input_tokens": 0,
            "output_tokens": 0,
            "cached_input_tokens": 0,
            **{k: None if getattr(result.meta, k) is None else 0.0 for k in _COSTS},
        }
    )
    runner.stats.add_cached_document(calls)
    return key, result


def keep_result(summarizer: Summarizer[Any], key: str | None, result: BaseModel) -> None:
    """Keep a finished result under `key` (from `cached_result`)."""
    if key is not None and summarizer.cache is not None:
        store(summarizer.cache, key, result.model_dump_json())
