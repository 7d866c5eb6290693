"""Summarizing many documents: lazily, concurrently, with partial failure and progress.

Documents are pulled from the input only as fast as there is room for them (at most
`window` in flight), so a generator over a million files is never read ahead into memory.
Results are yielded as they complete, each tagged with its input index and id. A document
that fails yields an error result; the others go on. A run over a cost budget stops.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from .bridge import run_in_thread
from .calls import CallRunner, RunStats
from .documents import Document
from .errors import BackendError, BudgetExceededError, InvalidInputError, InvalidInputTypeError
from .metadata import document_info

if TYPE_CHECKING:
    from .pipeline import Summarizer

OutputT = TypeVar("OutputT", bound=BaseModel)
T = TypeVar("T")

#: An input document: its text, an `(id, text)` or `(id, text, metadata)` tuple, or a
#: `Document`.
Item = str | tuple[str, str] | tuple[str, str, Mapping[str, Any]] | Document

_NO_METADATA: Mapping[str, Any] = MappingProxyType({})

__all__ = ["DocumentResult", "Item", "iterate", "iterate_batches", "run_in_thread", "unpack_item"]


@dataclass(frozen=True)
class DocumentResult(Generic[OutputT]):
    """One document's outcome: `output` if it succeeded, else `error`; `metadata` is the
    input `Document`'s (empty for texts and pairs)."""

    index: int
    id: str
    output: OutputT | None = None
    error: BaseException | None = None
    metadata: Mapping[str, Any] = field(default_factory=lambda: _NO_METADATA)

    @property
    def ok(self) -> bool:
        return self.error is None


def check_run_arguments(items: object, window: object) -> None:
    """Reject, before anything runs, arguments that would silently do the wrong thing."""
    if isinstance(items, (str, bytes)):
        raise InvalidInputTypeError(
            "items must be an iterable of texts or (id, text) pairs; "
            "to summarize one text use summarize()"
        )
    if window is not None:
        if not isinstance(window, int) or isinstance(window, bool):
            raise InvalidInputTypeError(f"window must be an int, got {type(window).__name__}")
        if window < 1:
            raise InvalidInputError(
                f"window must be at least 1 (documents in flight at once), got {window}"
            )


def iterate(
    summarizer: Summarizer[OutputT],
    items: Iterable[Item],
    *,
    window: int | None = None,
    progress: bool | None = None,
    runner: CallRunner | None = None,
) -> AsyncIterator[DocumentResult[OutputT]]:
    """The engine behind `Summarizer.asummarize_many` (see there); `runner`: one prepared by
    the caller (a batch run's, see `seedsum.batch`)."""
    return _flattened(
        iterate_batches(summarizer, items, window=window, progress=progress, runner=runner)
    )


async def _flattened(batches: AsyncIterator[list[T]]) -> AsyncIterator[T]:
    try:
        async for batch in batches:
            for item in batch:
                yield item
    finally:
        closing = getattr(batches, "aclose", None)
        if closing is not None:
            await closing()


async def iterate_batches(
    summarizer: Summarizer[OutputT],
    items: Iterable[Item],
    *,
    window: int | None = None,
    progress: bool | None = None,
    runner: CallRunner | None = None,
) -> AsyncIterator[list[DocumentResult[OutputT]]]:
    """`iterate`, a batch at a time: the documents that finished together, in input order
    (`summarize_many` hands a batch to the caller at once, see `seedsum.bridge`)."""
    if runner is None:
        runner = summarizer._runner()
        runner.dedupe = True
    limit = window or max(4, 2 * summarizer.max_concurrency)
    reporter = Progress(runner.stats, enabled=progress, total=_length(items))
    source = enumerate(items)
    pending: set[asyncio.Task[DocumentResult[OutputT]]] = set()
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < limit:
                try:
                    index, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending.add(asyncio.ensure_future(_one(summarizer, runner, index, item)))
            if not pending:
                break
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            batch: list[DocumentResult[OutputT]] = []
            for result in _finished(summarizer, done):
                runner.stats.add_document(result.ok)
                reporter.update()
                if isinstance(result.error, BudgetExceededError) and result.error.scope == "run":
                    if batch:  # the documents finished before it are kept
                        yield batch
                    raise result.error
                batch.append(result)
            yield batch
    finally:
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        reporter.close()


def unpack_item(index: int, item: Item) -> tuple[str, str, Mapping[str, Any]]:
    """An input document's id, text and metadata (an id defaults to its input index)."""
    if isinstance(item, Document):
        return item.id, item.text, item.metadata
    if isinstance(item, tuple) and len(item) == 3:
        return str(item[0]), item[1], item[2]
    if isinstance(item, tuple):
        return str(item[0]), item[1], _NO_METADATA
    if isinstance(item, str):
        return str(index), item, _NO_METADATA
    raise InvalidInputTypeError(
        f"document {index}: expected a str, an (id, text) pair, an (id, text, metadata) "
        "triple or a Document, "
        f"got {type(item).__name__}"
    )


def _has_metadata(item: Item) -> bool:
    """Whether an item says anything about its document beyond its text."""
    return isinstance(item, Document) or (isinstance(item, tuple) and len(item) == 3)


async def _one(
    summarizer: Summarizer[OutputT], runner: CallRunner, index: int, item: Item
) -> DocumentResult[OutputT]:
    identifier, metadata = str(index), _NO_METADATA
    try:
        identifier, text, metadata = unpack_item(index, item)
        info = document_info(metadata, id=identifier) if _has_metadata(item) else None
        output = await summarizer._asummarize(runner, text, info)
    except Exception as exc:  # one bad document must not stop the others
        return DocumentResult(index, identifier, error=exc, metadata=metadata)
    return DocumentResult(index, identifier, output=output, metadata=metadata)


def _finished(
    summarizer: Summarizer[OutputT], done: Iterable[asyncio.Task[DocumentResult[OutputT]]]
) -> list[DocumentResult[OutputT]]:
    """The results of finished documents, in input order."""
    for task in done:
        if task.cancelled():  # only the run cancels its tasks, and not here: the backend did
            raise BackendError(
                "the backend raised CancelledError although nothing cancelled the run, so the "
                "run stopped; a backend should raise an exception (such as "
                "seedsum.BackendError) for a call that failed",
                backend=summarizer.backend.name,
                model=summarizer.backend.model,
            )
    return sorted((task.result() for task in done), key=lambda result: result.index)


def _length(items: Iterable[Any]) -> int | None:
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None


class Progress:
    """A one-line progress report on stderr, redrawn at most ten times a second.

    On by default only when stderr is a terminal; `enabled=False` silences it.
    """

    def __init__(
        self,
        stats: RunStats,
        *,
        enabled: bool | None = None,
        total: int | None = None,
        stream: IO[str] | None = None,
    ) -> None:
        self.stats = stats
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.started = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def update(self, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        s = self.stats
        of = f"/{self.total}" if self.total is not None else ""
        rate = s.documents / max(now - self.started, 1e-9)
        line = (
            f"seedsum: {s.documents}{of} documents ({s.failed} failed), {s.calls} calls, "
            f"{s.cache_hits} cache hits, {s.input_tokens + s.output_tokens} tokens, "
            f"{rate:.1f} docs/s"
        )
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.enabled:
            self.update(force=True)
            if self._drawn:
                self.stream.write("\n")
                self.stream.flush()
