"""One document's run, without I/O: the requests to send (`DocumentRun`) and how the replies
become its result: quotes located, chunks merged, what seedsum derives from the text added,
quotes not found reported (or dropped).

The synchronous path (threads) and the asynchronous one (tasks) in `seedsum.pipeline` only
differ in how they execute its model calls; a batch run (`seedsum.batch`) plans with it too.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from pydantic import BaseModel

from ._context import TextContext
from .arguments import check_text
from .backends.base import ModelRequest
from .backends.capabilities import weakest
from .budget import DocumentSpend
from .calls import CallRunner
from .chunking import Chunk
from .enrich import enrich_position, enrich_prediction
from .extraction import ChunkExtractor, Extracted, output_limit
from .grounding import QuoteLocator
from .merge import merge_extractions
from .prompts import (
    CONDENSE,
    EXTRACT,
    condense_messages,
    extraction_messages,
    load_prompt,
    prompt_cache_key,
)
from .schema import (
    ArticleSummary,
    ChunkExtraction,
    CondensedSummary,
    DocumentInfo,
    Position,
    Prediction,
    RunMeta,
)
from .tokens import count_tokens, get_encoding
from .validate import Validated

if TYPE_CHECKING:
    from .pipeline import Summarizer

OutputT = TypeVar("OutputT", bound=BaseModel)

#: A condensed summary's output limit: a few sentences, with room to spare.
CONDENSE_OUTPUT_TOKENS = 400


class DocumentRun(Generic[OutputT]):
    """One document's run, without I/O: the requests to send and how to assemble the replies."""

    def __init__(
        self, summarizer: Summarizer[OutputT], text: str, info: DocumentInfo | None = None
    ) -> None:
        self.summarizer = summarizer
        self.text = check_text(text)
        self.published = info.published if info is not None else None
        self.chunks = summarizer._split(self.text)
        self.output_type: type[BaseModel] = summarizer.output or ChunkExtraction

    def extraction_requests(self) -> list[ModelRequest]:
        return [self.request_for(c) for c in self.chunks]

    def request_for(self, chunk: Chunk) -> ModelRequest:
        """The extraction request for `chunk` (or a half of one), its output limit derived
        from its size, its token counts known from the chunking pass."""
        return ModelRequest(
            extraction_messages(
                chunk.text,
                instruction_tokens=instruction_tokens(self.summarizer.encoding.name),
                chunk_tokens=chunk.tokens,
            ),
            self.output_type,
            "extract",
            max_output_tokens=output_limit(chunk.tokens),
            prompt_cache_key=prompt_cache_key(EXTRACT),
        )

    def extractor(self, runner: CallRunner, spend: DocumentSpend) -> ChunkExtractor:
        encoding = self.summarizer.encoding
        return ChunkExtractor(
            runner, self.text, encoding, self.request_for, self.output_type, spend
        )

    def condense_request(self, extracted: Extracted) -> ModelRequest | None:
        if len(extracted.pieces) < 2 or self.summarizer.output is not None:
            return None
        summaries = [cast(ChunkExtraction, v.value).summary for _, v in extracted.pieces]
        system, *rest = condense_messages(summaries)
        # The instructions' count is known: budgets and rate limits need not encode them again.
        counted = replace(system, tokens=condense_tokens(self.summarizer.encoding.name))
        return ModelRequest(
            (counted, *rest),
            CondensedSummary,
            "condense",
            max_output_tokens=CONDENSE_OUTPUT_TOKENS,
            prompt_cache_key=prompt_cache_key(CONDENSE),
        )

    def assemble(
        self, extracted: Extracted, condensed: Validated[CondensedSummary] | None
    ) -> OutputT:
        extractions = [v for _, v in extracted.pieces]
        if self.summarizer.output is not None:
            return cast(OutputT, merge_custom([e.value for e in extractions]))
        calls = [*extractions, *([condensed] if condensed else [])]
        usage = sum((c.usage for c in calls), extracted.truncated_usage)
        cost = self.summarizer._cost(calls, extracted.truncated_usage)
        meta = RunMeta(
            backend=self.summarizer.backend.name,
            model=self.summarizer.backend.model,
            prompt_version=load_prompt(EXTRACT).label,
            chunks=len(self.chunks),
            splits=extracted.splits,
            structured_output=weakest([c.structured_output for c in calls if c.structured_output]),
            calls=sum(c.attempts for c in calls) + extracted.truncated_calls,
            reasks=sum(c.reasks for c in calls),
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            cached_input_tokens=usage.cached_input_tokens,
            cost_usd=None if cost is None else cost.total,
            input_cost_usd=None if cost is None else cost.input,
            cached_input_cost_usd=None if cost is None else cost.cached_input,
            output_cost_usd=None if cost is None else cost.output,
            cache_hits=sum(c.cached for c in calls),
            cache_misses=0 if self.summarizer.cache is None else sum(not c.cached for c in calls),
            batch_calls=sum(t == "batch" for c in calls for t, _ in c.tier_usage),
            flex_fallbacks=sum(c.fallbacks for c in calls),
        )
        pieces = [(chunk, cast(ChunkExtraction, v.value)) for chunk, v in extracted.pieces]
        summary = condensed.value.summary if condensed else pieces[0][1].summary
        return cast(OutputT, self._article(pieces, summary, meta))

    def _article(
        self, pieces: list[tuple[Chunk, ChunkExtraction]], summary: str, meta: RunMeta
    ) -> ArticleSummary:
        locator = QuoteLocator(self.text)
        positions: list[Position] = []
        predictions: list[Prediction] = []
        values = [value for _, value in pieces]
        for chunk, value in pieces:
            near = (chunk.start, chunk.end)
            for p in value.positions:
                positions.append(Position(**p.__dict__, span=locator.locate(p.quote, near)))
            for q in value.predictions:
                predictions.append(Prediction(**q.__dict__, span=locator.locate(q.quote, near)))
        merged = merge_extractions([a for v in values for a in v.actors], positions, predictions)
        meta.warnings.extend(self.summarizer.backend.text_warnings(self.text))
        meta.warnings.extend(merged.warnings)
        kept_positions = self._grounded(merged.positions, "position", meta)
        kept_predictions = self._grounded(merged.predictions, "prediction", meta)
        items = len(merged.actors) + len(kept_positions) + len(kept_predictions)
        if items and meta.output_tokens:
            meta.output_tokens_per_item = round(meta.output_tokens / items, 1)
        # One reading of the text's paragraphs for all the items: made here, so nothing read
        # for this run is kept for another.
        context = TextContext(self.text)
        return ArticleSummary(
            summary=summary,
            actors=merged.actors,
            positions=[enrich_position(p, self.text, context) for p in kept_positions],
            predictions=[
                enrich_prediction(p, self.text, self.published, context) for p in kept_predictions
            ],
            meta=meta,
        )

    def _grounded(self, items: list[ItemT], label: str, meta: RunMeta) -> list[ItemT]:
        kept: list[ItemT] = []
        for item in sorted(items, key=lambda i: i.span.start if i.span else math.inf):
            if item.span is None:
                who = item.actor if isinstance(item, Position) else item.source
                action = "dropped it" if self.summarizer.drop_ungrounded else "span is None"
                meta.warnings.append(
                    f"{label} of {who!r}: quote not found in the text ({action}): "
                    f"{_shorten(item.quote)!r}"
                )
                if self.summarizer.drop_ungrounded:
                    continue
            kept.append(item)
        return kept


ItemT = TypeVar("ItemT", Position, Prediction)


def merge_custom(values: Sequence[BaseModel]) -> BaseModel:
    """Merge per-chunk values of a user's output model (see `Summarizer`)."""
    if len(values) == 1:
        return values[0]
    merged: dict[str, Any] = {}
    for field in type(values[0]).model_fields:
        column = [getattr(v, field) for v in values]
        if all(isinstance(c, list) for c in column):
            seen: dict[str, Any] = {}
            for item in (x for c in column for x in c):
                key = item.model_dump_json() if isinstance(item, BaseModel) else repr(item)
                seen.setdefault(key, item)
            merged[field] = list(seen.values())
        else:
            merged[field] = next((c for c in column if c is not None), None)
    return type(values[0]).model_validate(merged)


@functools.cache
def instruction_tokens(encoding_name: str) -> int:
    return count_tokens(load_prompt(EXTRACT).instructions, get_encoding(encoding_name))


@functools.cache
def condense_tokens(encoding_name: str) -> int:
    return count_tokens(load_prompt(CONDENSE).instructions, get_encoding(encoding_name))


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
