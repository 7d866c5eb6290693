"""The Summarizer: chunk -> call the backend (validated, re-asked) -> locate quotes -> merge.

A document's run is planned and assembled by `seedsum.document.DocumentRun`, which does no
I/O; the synchronous path (threads) and the asynchronous path (tasks) here only differ in how
they execute its model calls. A corpus runs on an event loop (`seedsum.corpus`), driven from
synchronous code by `seedsum.bridge`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Generator, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast, overload

from pydantic import BaseModel

from .arguments import check_options, check_text
from .backends import default_backend
from .backends.base import Backend, Usage
from .bridge import drive
from .budget import RunSpend
from .cache import CacheOption, resolve_cache
from .calls import CallRunner
from .checks import check_int
from .chunking import Chunk, chunk_text
from .corpus import DocumentResult, Item, check_run_arguments, iterate, iterate_batches
from .document import DocumentRun, condense_tokens, instruction_tokens, merge_custom
from .errors import InvalidInputError, InvalidInputTypeError
from .estimate import Estimate, estimate_calls
from .metadata import document_info
from .pricing import Cost, Price, Tier, cost_of, price_for
from .processes import pool_size, summarize_in_processes
from .prompts import DELIMITER_TOKENS
from .ratelimit import RateLimit
from .result_cache import DERIVED_VERSION, cached_result, keep_result
from .schema import ArticleSummary, CondensedSummary, DocumentInfo
from .tokens import encoding_for_model, get_encoding
from .validate import Validated

if TYPE_CHECKING:
    from .batch import BatchOptions

OutputT = TypeVar("OutputT", bound=BaseModel)

# Kept importable from here: the batch runner plans with `_Document`, and callers may read the
# version of what is derived.
_Document = DocumentRun
__all__ = [
    "DEFAULT_CHUNK_OVERLAP_TOKENS",
    "DEFAULT_MAX_CHUNK_TOKENS",
    "DEFAULT_MAX_CONCURRENCY",
    "DERIVED_VERSION",
    "Summarizer",
    "asummarize",
    "merge_custom",
    "summarize",
]

DEFAULT_MAX_CHUNK_TOKENS = 4000
DEFAULT_CHUNK_OVERLAP_TOKENS = 200
DEFAULT_MAX_CONCURRENCY = 8


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
        check_int("max_reasks", max_reasks, minimum=0)
        check_int("max_concurrency", max_concurrency, minimum=1)
        check_options(drop_ungrounded, max_cost_usd, prices, rate_limit)
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
            check_int("max_tokens_per_document", max_tokens_per_document, minimum=1)
        self.max_tokens_per_document = max_tokens_per_document
        self.max_cost_usd = max_cost_usd
        self.prices = dict(prices or {})
        self.cache = resolve_cache(cache, self.backend)
        self.rate_limit = rate_limit

    def _check_chunking(self) -> None:
        size, overlap = self.max_chunk_tokens, self.chunk_overlap_tokens
        check_int("max_chunk_tokens", size, minimum=1)
        check_int("chunk_overlap_tokens", overlap, minimum=0)
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
        return self._split(check_text(text))

    def _split(self, text: str) -> list[Chunk]:
        return chunk_text(text, self.encoding, self.max_chunk_tokens, self.chunk_overlap_tokens)

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
        document = DocumentRun(self, text, info)
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
        document = DocumentRun(self, text, info)
        spend = runner.spend.document()
        extracted = await document.extractor(runner, spend).arun(document.chunks)
        condense = document.condense_request(extracted)
        condensed = None
        if condense is not None:
            condensed = (await runner.arun([condense], CondensedSummary, spend))[0]
        return _with_document(self._keep_result(key, document.assemble(extracted, condensed)), info)

    # -- whole-document results (see `seedsum.result_cache`) ----------------------------

    def _cached_result(
        self, runner: CallRunner, text: str, info: DocumentInfo | None = None
    ) -> tuple[str | None, OutputT | None]:
        key, result = cached_result(self, runner, text, info)
        return key, cast("OutputT | None", result)

    def _keep_result(self, key: str | None, result: OutputT) -> OutputT:
        keep_result(self, key, result)
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
            instructions = instruction_tokens(self.encoding.name)
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
            condense = condense_tokens(self.encoding.name) if instructions else 0
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
