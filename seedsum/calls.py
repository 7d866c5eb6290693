"""Executing the model calls of one run: cache, de-duplication, budget, rate limit,
concurrency and the re-ask loop, the same way for threads and for tasks.

A run is one `summarize` call or one corpus. Its documents share a `CallRunner`: calls in
flight are bounded by `max_concurrency` across all of them, identical requests (boilerplate
chunks repeated across documents) are sent once, and every call counts against the same
budget and rate limit.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from .backends.base import Backend, ModelRequest, Usage
from .budget import DocumentSpend, RunSpend
from .cache import Cache, cache_key, store
from .ratelimit import RateLimit
from .tokens import Encoding, count_message_tokens
from .validate import Validated, reask_loop

ModelT = TypeVar("ModelT", bound=BaseModel)

# Recent replies kept for de-duplication within a run: enough for repeated boilerplate, small
# enough that a long run's memory stays flat (the persistent cache remembers the rest).
_MEMO_SIZE = 256


@dataclass
class RunStats:
    """Running totals of a run, for progress reports."""

    documents: int = 0
    failed: int = 0
    calls: int = 0
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add_call(self, validated: Validated[Any]) -> None:
        with self._lock:
            self.calls += validated.attempts
            self.cache_hits += validated.cached
            self.input_tokens += validated.usage.input_tokens
            self.output_tokens += validated.usage.output_tokens

    def add_cached_document(self, calls: int) -> None:
        with self._lock:
            self.cache_hits += calls

    def add_document(self, ok: bool) -> None:
        with self._lock:
            self.documents += 1
            self.failed += not ok


class CallRunner:
    """Runs the calls of one run against `backend` (see module docstring)."""

    def __init__(
        self,
        backend: Backend,
        *,
        cache: Cache | None,
        max_reasks: int,
        max_concurrency: int,
        spend: RunSpend,
        rate_limit: RateLimit | None,
        encoding: Encoding,
    ) -> None:
        self.backend = backend
        self.identity = backend.identity()
        self.cache = cache
        self.max_reasks = max_reasks
        self.max_concurrency = max_concurrency
        self.spend = spend
        self.rate_limit = rate_limit
        self.encoding = encoding
        self.stats = RunStats()
        #: Send identical requests once per run (corpus runs; a lone document rarely repeats).
        self.dedupe = False
        self._memo: OrderedDict[str, Validated[Any]] = OrderedDict()
        self._memo_lock = threading.Lock()
        self._pending: dict[str, asyncio.Future[Validated[Any] | None]] = {}
        self._semaphore: asyncio.Semaphore | None = None

    # -- many requests ------------------------------------------------------------------

    def run(
        self, requests: Sequence[ModelRequest], output_type: type[ModelT], spend: DocumentSpend
    ) -> list[Validated[ModelT]]:
        """Answer `requests` with threads, at most `max_concurrency` at once."""
        if len(requests) == 1 or self.max_concurrency == 1:
            return [self.call(r, output_type, spend) for r in requests]
        with ThreadPoolExecutor(min(self.max_concurrency, len(requests))) as pool:
            return list(pool.map(lambda r: self.call(r, output_type, spend), requests))

    async def arun(
        self, requests: Sequence[ModelRequest], output_type: type[ModelT], spend: DocumentSpend
    ) -> list[Validated[ModelT]]:
        """Answer `requests` with tasks; the run's semaphore bounds calls in flight."""
        tasks = [asyncio.ensure_future(self.acall(r, output_type, spend)) for r in requests]
        try:
            return list(await asyncio.gather(*tasks))
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise

    # -- one request --------------------------------------------------------------------

    def call(
        self, request: ModelRequest, output_type: type[ModelT], spend: DocumentSpend
    ) -> Validated[ModelT]:
        if self.cache is None and not self.dedupe:  # nothing to look up: skip the key
            asked = self._ask(request, output_type, spend)
            self.stats.add_call(asked)
            return asked
        key = cache_key(self.identity, request)
        validated = self._remembered(key, output_type)
        if validated is None:
            validated = self._ask(request, output_type, spend)
            self._remember(key, validated)
            if self.cache is not None:
                store(self.cache, key, validated.value.model_dump_json())
        self.stats.add_call(validated)
        return validated

    async def acall(
        self, request: ModelRequest, output_type: type[ModelT], spend: DocumentSpend
    ) -> Validated[ModelT]:
        if self.cache is None and not self.dedupe:  # nothing to look up: skip the key
            asked = await self._aask(request, output_type, spend)
            self.stats.add_call(asked)
            return asked
        key = cache_key(self.identity, request)
        validated = self._remembered(key, output_type)
        if validated is None and key in self._pending:
            # The same request is in flight for another document: share its answer.
            shared = await asyncio.shield(self._pending[key])
            validated = _as_hit(shared) if shared is not None else None
        if validated is None:
            future: asyncio.Future[Validated[Any] | None] = (
                asyncio.get_running_loop().create_future()
            )
            self._pending[key] = future
            try:
                validated = await self._aask(request, output_type, spend)
            finally:
                del self._pending[key]
                # Waiters on a failed call ask for themselves (None), rather than all fail.
                future.set_result(validated)
            self._remember(key, validated)
            if self.cache is not None:
                # A write may wait for another process's transaction: not on the event loop.
                await asyncio.to_thread(store, self.cache, key, validated.value.model_dump_json())
        self.stats.add_call(validated)
        return validated

    def _remembered(self, key: str, output_type: type[ModelT]) -> Validated[ModelT] | None:
        """A reply this run already has, or the cache holds, for `key`."""
        with self._memo_lock:
            memo = self._memo.get(key)
            if memo is not None:
                self._memo.move_to_end(key)
                return cast(Validated[ModelT], _as_hit(memo))
        if self.cache is None:
            return None
        raw = self.cache.get(key)
        if raw is None:
            return None
        try:
            value = output_type.model_validate_json(raw)
        except ValidationError:  # written by another schema version: ask again
            return None
        return Validated(value, raw, Usage(), attempts=0, cached=True)

    def _remember(self, key: str, validated: Validated[Any]) -> None:
        with self._memo_lock:
            self._memo[key] = validated
            if len(self._memo) > _MEMO_SIZE:
                self._memo.popitem(last=False)

    # -- the re-ask loop, driven synchronously or asynchronously --------------------------

    def _ask(
        self, request: ModelRequest, output_type: type[ModelT], spend: DocumentSpend
    ) -> Validated[ModelT]:
        loop = reask_loop(request, output_type, self.max_reasks)
        current = next(loop)
        while True:
            reservation = spend.before(current)
            try:
                if self.rate_limit is not None:
                    time.sleep(self.rate_limit.reserve(self._tokens(current)))
                reply = self.backend.complete(current)
            except BaseException:
                spend.release(reservation)
                raise
            spend.after(reply.usage, reservation)
            try:
                current = loop.send(reply)
            except StopIteration as done:
                return cast(Validated[ModelT], done.value)

    async def _aask(
        self, request: ModelRequest, output_type: type[ModelT], spend: DocumentSpend
    ) -> Validated[ModelT]:
        loop = reask_loop(request, output_type, self.max_reasks)
        current = next(loop)
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.max_concurrency)
        while True:
            reservation = spend.before(current)
            try:
                async with self._semaphore:
                    if self.rate_limit is not None:
                        await asyncio.sleep(self.rate_limit.reserve(self._tokens(current)))
                    reply = await self.backend.acomplete(current)
            except BaseException:
                spend.release(reservation)
                raise
            spend.after(reply.usage, reservation)
            # Let the call that was waiting for this slot go out before this task goes on to
            # validate and assemble: replies arriving together would otherwise hold the next
            # wave of calls back for all of that CPU work.
            await asyncio.sleep(0)
            try:
                current = loop.send(reply)
            except StopIteration as done:
                return cast(Validated[ModelT], done.value)

    def _tokens(self, request: ModelRequest) -> int:
        if self.rate_limit is None or not self.rate_limit.tokens_per_minute:
            return 0
        return count_message_tokens(request.messages, self.encoding)


def _as_hit(validated: Validated[Any]) -> Validated[Any]:
    """`validated` as seen by a second asker: free, and counted as a cache hit."""
    return replace(validated, usage=Usage(), attempts=0, cached=True, reasks=0)
