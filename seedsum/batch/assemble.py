"""The last phase of a batch run: the online pipeline, answered by the collected replies.

Each collected reply answers its request through the ordinary call path (so it is validated,
cached, counted as a call and priced at the batch rate, tier "batch"); requests without a
usable reply go to the real backend. The output is therefore what an online run with the same
replies produces.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from ..backends.base import Backend, ModelReply, ModelRequest
from ..cache import Cache, cache_key
from ..corpus import DocumentResult, Item, iterate, run_in_thread


class Replayed(Backend):
    """`inner`, except that requests with a collected batch reply get that reply, once."""

    def __init__(
        self, inner: Backend, replies: dict[str, ModelReply], identity: Mapping[str, str | None]
    ) -> None:
        self.inner = inner
        self.model = inner.model
        self.replies = replies
        self.identity_ = dict(identity)
        self.served: list[str] = []
        self._lock = threading.Lock()

    def _take(self, request: ModelRequest) -> ModelReply | None:
        key = cache_key(self.identity_, request)
        with self._lock:
            reply = self.replies.pop(key, None)
            if reply is not None:
                self.served.append(key)
        if reply is not None and reply.structured_output is None:
            # Batch lines are written in the mode the backend negotiated (its body builder is
            # the online one), so their replies answered in that mode.
            capabilities = getattr(self.inner, "capabilities", None)
            mode = getattr(capabilities, "structured_output", None)
            reply = dataclasses.replace(reply, structured_output=mode)
        return reply

    def complete(self, request: ModelRequest) -> ModelReply:
        reply = self._take(request)
        return reply if reply is not None else self.inner.complete(request)

    async def acomplete(self, request: ModelRequest) -> ModelReply:
        reply = self._take(request)
        return reply if reply is not None else await self.inner.acomplete(request)

    def identity(self) -> dict[str, str | None]:
        return dict(self.identity_)


class HidingReplies:
    """The cache, minus the entries that a collected batch reply is about to answer (so they
    count as the batch calls they were, not as cache hits)."""

    def __init__(self, cache: Cache, replies: Mapping[str, ModelReply]) -> None:
        self.cache = cache
        self.replies = replies

    def get(self, key: str) -> str | None:
        return None if key in self.replies else self.cache.get(key)

    def put(self, key: str, value: str) -> None:
        self.cache.put(key, value)


def assemble(
    summarizer: Any,
    items: list[tuple[int, Item]],
    replies: dict[str, ModelReply],
    *,
    window: int | None,
    progress: bool | None,
) -> tuple[Iterator[DocumentResult[Any]], Replayed]:
    """Results for `items` (original index, item) through the online pipeline."""
    runner = summarizer._runner()
    runner.dedupe = True
    replayed = Replayed(runner.backend, replies, runner.identity)
    runner.backend = replayed
    if runner.cache is not None:
        runner.cache = HidingReplies(runner.cache, replies)
    indexes = [index for index, _ in items]
    inputs = [item for _, item in items]

    def results() -> Iterator[DocumentResult[Any]]:
        found = run_in_thread(
            lambda: iterate(summarizer, inputs, window=window, progress=progress, runner=runner)
        )
        for result in found:
            yield dataclasses.replace(result, index=indexes[result.index])

    return results(), replayed
