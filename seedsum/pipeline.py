"""The Summarizer: chunk -> call the backend (validated, re-asked) -> locate quotes -> merge.

A document's run is planned and assembled by `_Document`, which does no I/O; the synchronous
path (threads) and the asynchronous path (tasks) only differ in how they execute its model calls.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import AsyncIterator, Generator, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast, overload

from pydantic import BaseModel, ValidationError

from ._version import __version__
from .backends import default_backend
from .backends.base import Backend, ModelRequest, Usage
from .backends.capabilities import weakest
from .bridge import drive
from .budget import DocumentSpend, RunSpend
from .cache import CacheOption, document_key, resolve_cache, schema_digest, store
from .calls import CallRunner
from .checks import check_bool, check_number
from .chunking import Chunk, chunk_text
from .corpus import DocumentResult, Item, check_run_arguments, iterate, iterate_batches
from .enrich import enrich_position, enrich_prediction
from .errors import InvalidInputError, InvalidInputTypeError
from .estimate import Estimate, estimate_calls
from .extraction import ChunkExtractor, Extracted, output_limit
from .grounding import QuoteLocator
from .merge import merge_extractions
from .metadata import document_info
from .pricing import Cost, Price, Tier, cost_of, price_for
from .processes import pool_size, summarize_in_processes
from .prompts import (
    CONDENSE,
    DELIMITER_TOKENS,
    EXTRACT,
    condense_messages,
    extraction_messages,
    load_prompt,
    prompt_cache_key,
)
from .ratelimit import RateLimit
from .schema import (
    ArticleSummary,
    ChunkExtraction,
    CondensedSummary,
    DocumentInfo,
    Position,
    Prediction,
    RunMeta,
)
from .tokens import count_tokens, encoding_for_model, get_encoding
from .validate import Validated

if TYPE_CHECKING:
    from .batch import BatchOptions

OutputT = TypeVar("OutputT", bound=BaseModel)
ModelT = TypeVar("ModelT", bound=BaseModel)

DEFAULT_MAX_CHUNK_TOKENS = 4000
DEFAULT_CHUNK_OVERLAP_TOKENS = 200
DEFAULT_MAX_CONCURRENCY = 8
# Bump when what seedsum derives from the text (seedsum.enrich) changes, so cached
# document results are derived again (the model replies stay cached).
DERIVED_VERSION = 1

# A condensed summary's output limit: a few sentences, with room to spare.
_CONDENSE_OUTPUT_TOKENS = 400


class Summarizer(Generic[OutputT]):
    """Summarizes articles into validated objects (an `ArticleSummary` unless `output=` is set).

    - `backend`: the model to call; by default `OpenAIBackend` when `OPENAI_API_KEY` is set,
      else the offline `RulesBackend`.
    - `max_chunk_tokens`: document tokens per model call; longer documents are split.
    - `chunk_overlap_tokens`: tokens shared by consecutive chunks (less than half a chunk).
    - `max_reasks`: how often a reply that fails validation is sent back with its errors.
    - `drop_ungrounded`: drop positions and predictions whose quote is not found in the text.
    - `max_concurrency`: model calls in flight at once for one document.
    - `max_tokens_per_document`, `max_cost_usd`: budgets checked before every call (re-asks
      included); `BudgetExceededError` stops the run before a call would pass them.
    - `prices`: USD per million tokens by model, over the built-in table (`seedsum.pricing`).
    - `cache`: where validated replies are kept so re-runs cost nothing: a path, a cache
      object (`SQLiteCache`, `MemoryCache`), True for the default file, False for none.
      By default, backends that charge for calls (OpenAI) use the default file under
      `$SEEDSUM_CACHE_DIR` or the platform cache folder (if it cannot be used, caching is
      off, with one warning); mock and rules backends use none. A path you name must be
      usable and seedsum's own, else `CacheError`.
    - `rate_limit`: client-side pacing (`seedsum.RateLimit(requests_per_minute=...,
      tokens_per_minute=...)`), shared by every call of a run.
    - `output`: your own Pydantic model to extract per chunk instead of the built-in schema.
      For a multi-chunk document, list fields are concatenated (exact duplicates removed) and
      every other field is taken from the first chunk that set it; no quotes are located.
    """

    @overload
    def __init__(
        self: Summarizer[ArticleSummary],
        backend: Backend | None = None,
        *,
        output: None = None,
        max_chunk_tokens: int = DEFAULT_MAX_CHUNK_TOKENS,
        chunk_overlap_tokens: int = DEFAULT_CHUNK_OVERLAP_TOKENS,
        max_reasks: int = 2,
        drop_ungrounded: bool = False,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        max_tokens_per_document: int | None = None,
        max_cost_usd: float | None = None,
        prices: Mapping[str, Price] | None = None,
        cache: CacheOption = None,
        rate_limit: RateLimit | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self: Summarizer[OutputT],
        backend: Backend | None = None,
        *,
        output: type[OutputT],
        max_chunk_tokens: int = DEFAULT_MAX_CHUNK_TOKENS,
        chunk_overlap_tokens: int = DEFAULT_CHUNK_OVERLAP_TOKENS,
        max_reasks: int = 2,
        drop_ungrounded: bool = False,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        max_tokens_per_document: int | None = None,
        max_cost_usd: float | None = None,
        prices: Mapping[str, Price] | None = None,
        cache: CacheOption = None,
        rate_limit: RateLimit | None = None,
    ) -> None: ...

    def __init__(
        self,
        backend: Backend | None = None,
        *,
        output: type[Any] | None = None,
        max_chunk_tokens: int = DEFAULT_MAX_CHUNK_TOKENS,
        chunk_overlap_tokens: int = DEFAULT_CHUNK_OVERLAP_TOKENS,
        max_reasks: int = 2,
        drop_ungrounded: bool = False,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        max_tokens_per_document: int | None = None,
        max_cost_usd: float | None = None,
        prices: Mapping[str, Price] | None = None,
        cache: CacheOption = None,
        rate_limit: RateLimit | None = None,
    ) -> None:
        if backend is not None and not isinstance(backend, Backend):
            raise InvalidInputTypeError(
                f"backend must be a seedsum Backend (e.g. seedsum.MockBackend(...)), "
                f"got {type(backend).__name__}"
            )
        if output is not None and not (isinstance(output, type) and issubclass(output, BaseModel)):
            raise InvalidInputTypeError(f"output must be a Pydantic model class, got {output!r}")
        _check_int("max_reasks", max_reasks, minimum=0)
        _check_int("max_concurrency", max_concurrency, minimum=1)
        _check_options(drop_ungrounded, max_cost_usd, prices, rate_limit)
        self.backend = backend if backend is not None else default_backend()
        self.output: type[BaseModel] | None = output
        if self.backend.token_encoding and not os.environ.get("SEEDSUM_ENCODING"):
            self.encoding = get_encoding(self.backend.token_encoding)
        else:
            self.encoding = encoding_for_model(self.backend.model)
        self.max_chunk_tokens = max_chunk_tokens
        self.chunk_overlap_tokens = chunk_overlap_tokens
        self._check_chunking()
        self.max_reasks = max_reasks
        self.drop_ungrounded = drop_ungrounded
        self.max_concurrency = max_concurrency
        if max_tokens_per_document is not None:
            _check_int("max_tokens_per_document", max_tokens_per_document, minimum=1)
        self.max_tokens_per_document = max_tokens_per_document
        self.max_cost_usd = max_cost_usd
        self.prices = dict(prices or {})
        self.cache = resolve_cache(cache, self.backend)
        self.rate_limit = rate_limit

    def _check_chunking(self) -> None:
        size, overlap = self.max_chunk_tokens, self.chunk_overlap_tokens
        _check_int("max_chunk_tokens", size, minimum=1)
        _check_int("chunk_overlap_tokens", overlap, minimum=0)
        # Chunks smaller than the instructions are allowed (high-recall extraction); what
        # they cost in repeated instructions is said by `estimate`.
        if overlap >= size // 2:
            raise InvalidInputError(
                f"chunk_overlap_tokens={overlap} must be less than half of max_chunk_tokens "
                f"({size}), or consecutive chunks would repeat more than they add; "
                f"use at most {size // 2 - 1}."
            )

    # -- public API ---------------------------------------------------------------------

    def chunk(self, text: str) -> list[Chunk]:
        """How `text` would be split into model calls (no call is made)."""
        return chunk_text(
            _check_text(text), self.encoding, self.max_chunk_tokens, self.chunk_overlap_tokens
        )

    def summarize(
        self,
        text: str,
        *,
        published: date | datetime | str | None = None,
        metadata: Mapping[str, Any] | DocumentInfo | None = None,
    ) -> OutputT:
        """Summarize one document; the chunks of a long one are sent concurrently (threads).

        `published` (a date, datetime or ISO string) resolves the predictions' relative
        deadlines ("next year"); `metadata` (`title`, `source`, `url`, `id`, `published`, or
        others) is carried into the result's `document`."""
        return self._summarize(self._runner(), text, document_info(metadata, published=published))

    async def asummarize(
        self,
        text: str,
        *,
        published: date | datetime | str | None = None,
        metadata: Mapping[str, Any] | DocumentInfo | None = None,
    ) -> OutputT:
        """Summarize one document without blocking the event loop (see `summarize`)."""
        info = document_info(metadata, published=published)
        return await self._asummarize(self._runner(), text, info)

    def _summarize(
        self, runner: CallRunner, text: str, info: DocumentInfo | None = None
    ) -> OutputT:
        key, cached = self._cached_result(runner, text, info)
        if cached is not None:
            return _with_document(cached, info)
        document = _Document(self, text, info)
        spend = runner.spend.document()
        extracted = document.extractor(runner, spend).run(document.chunks)
        condense = document.condense_request(extracted)
        condensed = None
        if condense is not None:
            condensed = runner.run([condense], CondensedSummary, spend)[0]
        return _with_document(self._keep_result(key, document.assemble(extracted, condensed)), info)

    async def _asummarize(
        self, runner: CallRunner, text: str, info: DocumentInfo | None = None
    ) -> OutputT:
        key, cached = self._cached_result(runner, text, info)
        if cached is not None:
            return _with_document(cached, info)
        document = _Document(self, text, info)
        spend = runner.spend.document()
        extracted = await document.extractor(runner, spend).arun(document.chunks)
        condense = document.condense_request(extracted)
        condensed = None
        if condense is not None:
            condensed = (await runner.arun([condense], CondensedSummary, spend))[0]
        return _with_document(self._keep_result(key, document.assemble(extracted, condensed)), info)

    # -- whole-document results --------------------------------------------------------------
    # Besides each call's reply, the cache keeps each document's finished result, so a warm
    # re-run skips tokenizing, merging and quote location too, not only the model calls.

    def _cached_result(
        self, runner: CallRunner, text: str, info: DocumentInfo | None = None
    ) -> tuple[str | None, OutputT | None]:
        if self.cache is None or self.output is not None:
            return None, None
        published = info.published if info is not None else None
        settings = {
            # What seedsum derives (deadlines, attribution, ...) changes with these.
            "derived": [DERIVED_VERSION, published.isoformat() if published else None],
            "seedsum": __version__,
            "prompts": [load_prompt(EXTRACT).sha256, load_prompt(CONDENSE).sha256],
            "schema": schema_digest(ChunkExtraction),
            "chunking": [self.encoding.name, self.max_chunk_tokens, self.chunk_overlap_tokens],
            "drop_ungrounded": self.drop_ungrounded,
        }
        key = document_key(runner.identity, settings, _check_text(text))
        raw = self.cache.get(key)
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
                **{
                    k: None if getattr(result.meta, k) is None else 0.0
                    for k in (
                        "cost_usd",
                        "input_cost_usd",
                        "cached_input_cost_usd",
                        "output_cost_usd",
                    )
                },
            }
        )
        runner.stats.add_cached_document(calls)
        return key, cast(OutputT, result)

    def _keep_result(self, key: str | None, result: OutputT) -> OutputT:
        if key is not None and self.cache is not None:
            store(self.cache, key, result.model_dump_json())
        return result

    def _runner(self) -> CallRunner:
        """What the documents of one run share (see `seedsum.calls`)."""
        spend = RunSpend(
            self.max_tokens_per_document,
            self.max_cost_usd,
            self.price,
            self.encoding,
            {t: price_for(self.backend.model, self.prices, t) for t in ("batch", "flex")},
        )
        return CallRunner(
            self.backend,
            cache=self.cache,
            max_reasks=self.max_reasks,
            max_concurrency=self.max_concurrency,
            spend=spend,
            rate_limit=self.rate_limit,
            encoding=self.encoding,
        )

    def summarize_many(
        self,
        items: Iterable[Item],
        *,
        window: int | None = None,
        progress: bool | None = None,
        processes: int | None = None,
        mode: Literal["online", "batch"] = "online",
        batch: BatchOptions | None = None,
    ) -> Generator[DocumentResult[OutputT], None, None]:
        """Summarize many documents, yielding a `DocumentResult` for each as it completes.

        `items` is any iterable (a generator over files is read lazily) of texts,
        `(id, text)` pairs or `Document`s (see `seedsum.read_documents`). Calls in flight
        across all documents are bounded by `max_concurrency`, documents in flight by
        `window` (default: twice that; at least 1). A failed
        document yields a result with `.error`; the others go on; identical chunks shared by
        several documents are sent once. `progress` draws a line on stderr (default: only
        when stderr is a terminal). Runs an event loop in the calling thread, or in a worker
        thread where a loop is already running there (see `seedsum.bridge`).

        `processes`: worker processes for the CPU-bound rules backend (default: every core;
        1: all in this process; see `seedsum.processes`). Results are the same either way.
        `mode="batch"` sends the corpus through the Batch API (OpenAI) at half the price,
        resumable across processes; `batch` tunes it (see `seedsum.batch.BatchOptions`).
        """
        check_run_arguments(items, window)
        if mode == "batch":
            from .batch import BatchOptions, run_batch

            options = batch or BatchOptions()
            batched = run_batch(self, items, options, window=window, progress=progress)
            return cast("Generator[DocumentResult[OutputT], None, None]", batched)
        if mode != "online":
            raise InvalidInputError(f"mode must be 'online' or 'batch', got {mode!r}")
        workers = pool_size(self, processes)
        if workers > 1:
            pooled = summarize_in_processes(
                cast("Summarizer[ArticleSummary]", self),
                items,
                processes=workers,
                window=window,
                progress=progress,
            )
            return cast("Generator[DocumentResult[OutputT], None, None]", pooled)
        return drive(lambda: iterate_batches(self, items, window=window, progress=progress))

    def asummarize_many(
        self, items: Iterable[Item], *, window: int | None = None, progress: bool | None = None
    ) -> AsyncIterator[DocumentResult[OutputT]]:
        """Async `summarize_many`: `async for result in s.asummarize_many(texts): ...`."""
        check_run_arguments(items, window)
        return iterate(self, items, window=window, progress=progress)

    def estimate(self, text: str) -> Estimate:
        """What summarizing `text` would take, before any call: calls, input tokens, output
        tokens (with a likely range) and cost (see `seedsum.estimate`)."""
        chunks = self.chunk(text)
        instructions = 0
        if self.backend.sends_instructions:
            instructions = _instruction_tokens(self.encoding.name)
        per_call = instructions + DELIMITER_TOKENS if instructions else 0
        input_tokens = sum(c.tokens + per_call for c in chunks)
        share = instructions * len(chunks) / input_tokens if input_tokens else 0.0
        warnings: tuple[str, ...] = ()
        if instructions and self.max_chunk_tokens < instructions:
            warnings = (
                f"max_chunk_tokens={self.max_chunk_tokens} is smaller than the instructions "
                f"sent with every chunk ({instructions} tokens): they are {share:.0%} of the "
                "input tokens; a larger max_chunk_tokens costs less (prompt caching, where "
                "the provider has it, makes repeated instructions cheaper)",
            )
        condense = None
        if len(chunks) > 1 and self.output is None:
            condense = _condense_tokens(self.encoding.name) if instructions else 0
        return estimate_calls(
            [c.tokens for c in chunks],
            per_call_tokens=per_call,
            condense_tokens=condense,
            price=self.price,
            instruction_share=share,
            warnings=warnings,
            batch_price=price_for(self.backend.model, self.prices, "batch"),
        )

    @property
    def price(self) -> Price | None:
        """The price of the backend's model (None if unknown)."""
        return price_for(self.backend.model, self.prices)

    def _cost(self, calls: Sequence[Validated[Any]], extra: Usage | None = None) -> Cost | None:
        """What `calls` cost, each reply at the price of the tier that served it, plus `extra`
        (replies cut off and split, at the standard price)."""
        total = cost_of(extra or Usage(), self.price) or Cost(0.0, 0.0, 0.0)
        for call in calls:
            for tier, usage in call.tier_usage:
                price = price_for(self.backend.model, self.prices, cast(Tier, tier))
                cost = cost_of(usage, price)
                if cost is None:
                    return None
                total += cost
        return total if self.price is not None else None


class _Document(Generic[OutputT]):
    """One document's run, without I/O: the requests to send and how to assemble the replies."""

    def __init__(
        self, summarizer: Summarizer[OutputT], text: str, info: DocumentInfo | None = None
    ) -> None:
        self.summarizer = summarizer
        self.text = _check_text(text)
        self.published = info.published if info is not None else None
        self.chunks = summarizer.chunk(text)
        self.output_type: type[BaseModel] = summarizer.output or ChunkExtraction

    def extraction_requests(self) -> list[ModelRequest]:
        return [self.request_for(c) for c in self.chunks]

    def request_for(self, chunk: Chunk) -> ModelRequest:
        """The extraction request for `chunk` (or a half of one), its output limit derived
        from its size, its token counts known from the chunking pass."""
        return ModelRequest(
            extraction_messages(
                chunk.text,
                instruction_tokens=_instruction_tokens(self.summarizer.encoding.name),
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
        return ModelRequest(
            condense_messages(summaries),
            CondensedSummary,
            "condense",
            max_output_tokens=_CONDENSE_OUTPUT_TOKENS,
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
        return ArticleSummary(
            summary=summary,
            actors=merged.actors,
            positions=[enrich_position(p, self.text) for p in kept_positions],
            predictions=[enrich_prediction(p, self.text, self.published) for p in kept_predictions],
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


def summarize(
    text: str,
    *,
    backend: Backend | None = None,
    published: date | datetime | str | None = None,
    metadata: Mapping[str, Any] | DocumentInfo | None = None,
    **options: Any,
) -> ArticleSummary:
    """Summarize one article (see `Summarizer` for the options, `Summarizer.summarize` for
    `published` and `metadata`)."""
    summarizer: Summarizer[ArticleSummary] = Summarizer(backend, **options)
    return summarizer.summarize(text, published=published, metadata=metadata)


async def asummarize(
    text: str,
    *,
    backend: Backend | None = None,
    published: date | datetime | str | None = None,
    metadata: Mapping[str, Any] | DocumentInfo | None = None,
    **options: Any,
) -> ArticleSummary:
    """Async `summarize`."""
    summarizer: Summarizer[ArticleSummary] = Summarizer(backend, **options)
    return await summarizer.asummarize(text, published=published, metadata=metadata)


def _with_document(result: OutputT, info: DocumentInfo | None) -> OutputT:
    """The result carrying this call's metadata (a cached one may have another's)."""
    if not isinstance(result, ArticleSummary) or result.document == info:
        return result
    return cast(OutputT, result.model_copy(update={"document": info}))


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, bytes) else ""
        raise InvalidInputTypeError(f"text must be a str, got {type(text).__name__}{hint}")
    if not text.strip():
        raise InvalidInputError("text is empty or only whitespace: there is nothing to summarize")
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise InvalidInputError(
            f"text has a lone surrogate (U+{ord(surrogate.group()):04X}) at character "
            f"{surrogate.start()}: it is not valid Unicode and cannot be sent to a model. "
            "It usually comes from decoding with errors='surrogateescape' or from a broken "
            "\\u escape in JSON; decode the input strictly, or replace it"
        )
    return text


def _check_options(
    drop_ungrounded: object, max_cost_usd: object, prices: object, rate_limit: object
) -> None:
    check_bool("drop_ungrounded", drop_ungrounded)
    if max_cost_usd is not None:
        check_number("max_cost_usd", max_cost_usd)
    if prices is not None and not (
        isinstance(prices, Mapping)
        and all(isinstance(k, str) and isinstance(v, Price) for k, v in prices.items())
    ):
        raise InvalidInputTypeError(
            "prices must be a mapping of model names to seedsum.Price(input, cached_input, "
            "output), "
            f"got {prices!r}"
        )
    if rate_limit is not None and not isinstance(rate_limit, RateLimit):
        raise InvalidInputTypeError(
            "rate_limit must be a seedsum.RateLimit (e.g. RateLimit(requests_per_minute=500)), "
            f"got {type(rate_limit).__name__} {rate_limit!r}"
        )


# Python strings can hold halves of UTF-16 pairs that no encoder (or model API) accepts.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_int(name: str, value: object, *, minimum: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputTypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise InvalidInputError(f"{name} must be at least {minimum}, got {value}")


@functools.cache
def _instruction_tokens(encoding_name: str) -> int:
    from .tokens import get_encoding

    return count_tokens(load_prompt(EXTRACT).instructions, get_encoding(encoding_name))


@functools.cache
def _condense_tokens(encoding_name: str) -> int:
    from .tokens import get_encoding

    return count_tokens(load_prompt(CONDENSE).instructions, get_encoding(encoding_name))


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
