"""Summarizing many documents: lazily, concurrently, with partial failure and progress.

Documents are pulled from the input only as fast as there is room for them (at most
`window` in flight), so a generator over a million files is never read ahead into memory.
Results are yielded as they complete, each tagged with its input index and id. A document
that fails yields an error result; the others go on. A run over a cost budget stops.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar, cast

from pydantic import BaseModel

from .calls import CallRunner, RunStats
from .errors import BudgetExceededError, InvalidInputTypeError
from .metadata import document_info

if TYPE_CHECKING:
    from .pipeline import Summarizer

OutputT = TypeVar("OutputT", bound=BaseModel)
T = TypeVar("T")

#: An input document: its text, or an `(id, text)` pair.
Item = str | tuple[str, str] | tuple[str, str, Mapping[str, Any]]


@dataclass(frozen=True)
class DocumentResult(Generic[OutputT]):
    """One document's outcome: `output` if it succeeded, else `error`."""

    index: int
    id: str
    output: OutputT | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


async def iterate(
    summarizer: Summarizer[OutputT],
    items: Iterable[Item],
    *,
    window: int | None = None,
    progress: bool | None = None,
) -> AsyncIterator[DocumentResult[OutputT]]:
    """The engine behind `Summarizer.asummarize_many` (see there)."""
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
            for task in sorted(done, key=lambda t: t.result().index):
                result = task.result()
                runner.stats.add_document(result.ok)
                reporter.update()
                if isinstance(result.error, BudgetExceededError) and result.error.scope == "run":
                    raise result.error
                yield result
    finally:
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        reporter.close()


async def _one(
    summarizer: Summarizer[OutputT], runner: CallRunner, index: int, item: Item
) -> DocumentResult[OutputT]:
    identifier = str(index)
    try:
        metadata: Any = None
        if isinstance(item, tuple) and len(item) == 3:
            identifier, text, metadata = str(item[0]), item[1], item[2]
        elif isinstance(item, tuple):
            identifier, text = str(item[0]), item[1]
        elif isinstance(item, str):
            text = item
        elif hasattr(item, "text") and hasattr(item, "id"):  # a seedsum.documents.Document
            identifier, text = str(item.id), item.text
            metadata = getattr(item, "metadata", None) or {}
        else:
            raise InvalidInputTypeError(
                f"document {index}: expected a str or an (id, text) pair, got {type(item).__name__}"
            )
        info = None if metadata is None else document_info(metadata, id=identifier)
        output = await summarizer._asummarize(runner, text, info)
    except Exception as exc:  # one bad document must not stop the others
        return DocumentResult(index, identifier, error=exc)
    return DocumentResult(index, identifier, output=output)


def _length(items: Iterable[Any]) -> int | None:
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None


def run_in_thread(factory: Callable[[], AsyncIterator[T]]) -> Iterator[T]:
    """Drive an async iterator from synchronous code, on an event loop in a worker thread.

    Works where an event loop is already running (Jupyter). Between items the loop keeps
    going, so calls in flight continue while the caller handles a result. Leaving the loop
    early (break, an exception, Ctrl-C) closes the iterator, which cancels its work.
    """
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=_serve, args=(loop,), name="seedsum-run", daemon=True)
    thread.start()
    iterator: AsyncIterator[T] | None = None
    try:
        iterator = asyncio.run_coroutine_threadsafe(_make(factory), loop).result()
        while True:
            step = asyncio.run_coroutine_threadsafe(_next(iterator), loop)
            try:
                done, item = step.result()
            except BaseException:
                step.cancel()
                raise
            if done:
                return
            yield cast(T, item)
    finally:
        if iterator is not None:
            closing = getattr(iterator, "aclose", None)
            if closing is not None:
                asyncio.run_coroutine_threadsafe(closing(), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        thread.join()


def _serve(loop: asyncio.AbstractEventLoop) -> None:
    """The worker thread: run the loop until stopped, then close it there, since the calling
    thread may have a loop of its own running."""
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()


async def _make(factory: Callable[[], AsyncIterator[T]]) -> AsyncIterator[T]:
    return factory()


async def _next(iterator: AsyncIterator[T]) -> tuple[bool, T | None]:
    try:
        return False, await iterator.__anext__()
    except StopAsyncIteration:
        return True, None


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
