"""Extracting a document's chunks, splitting a chunk whose reply was cut off at the output limit.

A reply that hits the output limit is not a failure while the chunk can be made smaller: the
chunk is cut in two at a sentence boundary near its middle (`chunking.split_chunk`), each half
is extracted on its own (and split again if need be, down to `MIN_SPLIT_TOKENS`), and the
halves take the chunk's place in the document, each with its own offsets, so quotes are still
looked for near where they came from. Only a chunk too small to split raises
`TruncatedReplyError`. The output limit of each request is derived from its chunk's size.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import tiktoken
from pydantic import BaseModel

from .backends.base import ModelRequest, Usage
from .budget import DocumentSpend
from .calls import CallRunner
from .chunking import Chunk, split_chunk
from .errors import TruncatedReplyError
from .validate import Validated

#: A chunk smaller than this is not split further; its cut-off reply raises.
MIN_SPLIT_TOKENS = 128

# The output limit of an extraction: a compact reply rarely runs past 1.5 tokens per chunk
# token, plus a fixed part for the summary and the JSON's keys.
_REPLY_TOKENS_PER_CHUNK_TOKEN = 1.5
_REPLY_OVERHEAD_TOKENS = 500


def output_limit(chunk_tokens: int) -> int:
    """The output limit for the extraction of a chunk of `chunk_tokens` tokens."""
    return int(chunk_tokens * _REPLY_TOKENS_PER_CHUNK_TOKEN) + _REPLY_OVERHEAD_TOKENS


@dataclass
class Extracted:
    """A document's extraction: one validated reply per (possibly split) chunk, in order, and
    what the cut-off replies cost."""

    pieces: list[tuple[Chunk, Validated[Any]]] = field(default_factory=list)
    splits: int = 0
    truncated_calls: int = 0
    truncated_usage: Usage = field(default_factory=Usage)

    def extend(self, other: Extracted) -> None:
        self.pieces.extend(other.pieces)
        self.splits += other.splits
        self.truncated_calls += other.truncated_calls
        self.truncated_usage += other.truncated_usage


class ChunkExtractor:
    """Runs one document's extraction requests through a `CallRunner`, splitting on
    truncation (see the module docstring)."""

    def __init__(
        self,
        runner: CallRunner,
        text: str,
        encoding: tiktoken.Encoding,
        request_for: Callable[[Chunk], ModelRequest],
        output_type: type[BaseModel],
        spend: DocumentSpend,
    ) -> None:
        self.runner = runner
        self.text = text
        self.encoding = encoding
        self.request_for = request_for
        self.output_type = output_type
        self.spend = spend

    def _halves(self, chunk: Chunk, exc: TruncatedReplyError) -> tuple[Chunk, Chunk]:
        halves = None
        if chunk.tokens >= 2 * MIN_SPLIT_TOKENS:
            halves = split_chunk(self.text, chunk, self.encoding)
        if halves is None:
            raise exc
        return halves

    @staticmethod
    def _cut_off(exc: TruncatedReplyError) -> Extracted:
        return Extracted(splits=1, truncated_calls=1, truncated_usage=exc.usage or Usage())

    # -- threads ----------------------------------------------------------------------------

    def run(self, chunks: Sequence[Chunk]) -> Extracted:
        runner = self.runner
        if len(chunks) == 1 or runner.max_concurrency == 1 or runner.backend.cpu_bound:
            parts = [self._one(c) for c in chunks]
        else:
            with ThreadPoolExecutor(min(runner.max_concurrency, len(chunks))) as pool:
                parts = list(pool.map(self._one, chunks))
        return _joined(parts)

    def _one(self, chunk: Chunk) -> Extracted:
        try:
            validated = self.runner.call(self.request_for(chunk), self.output_type, self.spend)
        except TruncatedReplyError as exc:
            first, second = self._halves(chunk, exc)
            result = self._cut_off(exc)
            result.extend(self._one(first))
            result.extend(self._one(second))
            return result
        return Extracted(pieces=[(chunk, validated)])

    # -- tasks ------------------------------------------------------------------------------

    async def arun(self, chunks: Sequence[Chunk]) -> Extracted:
        if len(chunks) == 1:  # most documents: no task of its own needed
            return await self._aone(chunks[0])
        return _joined(await _gather([self._aone(c) for c in chunks]))

    async def _aone(self, chunk: Chunk) -> Extracted:
        request = self.request_for(chunk)
        try:
            validated = await self.runner.acall(request, self.output_type, self.spend)
        except TruncatedReplyError as exc:
            halves = self._halves(chunk, exc)
            result = self._cut_off(exc)
            for part in await _gather([self._aone(h) for h in halves]):
                result.extend(part)
            return result
        return Extracted(pieces=[(chunk, validated)])


def _joined(parts: Sequence[Extracted]) -> Extracted:
    joined = Extracted()
    for part in parts:
        joined.extend(part)
    return joined


async def _gather(coroutines: Sequence[Any]) -> list[Extracted]:
    """Run `coroutines` as tasks; if one fails, cancel the others before raising."""
    tasks = [asyncio.ensure_future(c) for c in coroutines]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
