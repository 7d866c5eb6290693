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
from collections.abc import (
    AsyncIterator,
    Callable,
    Coroutine,
    Generator,
    Iterable,
    Mapping,
)
from concurrent.futures import Future
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar, cast

from pydantic import BaseModel

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


async def iterate(
    summarizer: Summarizer[OutputT],
    items: Iterable[Item],
    *,
    window: int | None = None,
    progress: bool | None = None,
    runner: CallRunner | None = None,
) -> AsyncIterator[DocumentResult[OutputT]]:
    """The engine behind `Summarizer.asummarize_many` (see there); `runner`: one prepared by
    the caller (a batch run's, see `seedsum.batch`)."""
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
            for result in _finished(summarizer, done):
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


def run_in_thread(factory: Callable[[], AsyncIterator[T]]) -> Generator[T, None, None]:
    """Drive an async iterator from synchronous code, on an event loop in a worker thread.

    Works where an event loop is already running (Jupyter). Between items the loop keeps
    going, so calls in flight continue while the caller handles a result. Leaving early
    (break, an exception, Ctrl-C) cancels the step in flight, waits for it to unwind, closes
    the iterator and stops the thread; a KeyboardInterrupt or SystemExit raised on the loop
    (by a backend) reaches the caller the same way.
    """
    driver = _Driver(factory)
    thread = threading.Thread(target=driver.serve, name="seedsum-run", daemon=True)
    try:
        thread.start()
        while True:
            done, item = driver.call(driver.next)
            if done:
                return
            yield cast(T, item)
    finally:
        driver.shut_down(thread)


_Step = tuple[bool, Any]


class _Driver(Generic[T]):
    """The loop thread's side of `run_in_thread`: one step at a time, and a clean close.

    The calling thread only ever waits on plain futures: the loop, the coroutines and the
    tasks are all made in the loop's thread, so a KeyboardInterrupt in the calling thread
    (which can strike at any point there) never leaves half of one behind.
    """

    def __init__(self, factory: Callable[[], AsyncIterator[T]]) -> None:
        self.factory = factory
        self.loop: asyncio.AbstractEventLoop | None = None
        self.ready = threading.Event()
        self.iterator: AsyncIterator[T] | None = None
        self.step: asyncio.Task[_Step] | None = None
        self.stopping = False

    def call(self, method: Callable[[], Coroutine[Any, Any, _Step]]) -> _Step:
        """Run `method` on the loop and wait for it; re-raise what it ran into."""
        self.ready.wait()
        assert self.loop is not None
        future: Future[_Step] = Future()
        self.loop.call_soon_threadsafe(self._start, method, future)
        done, value = future.result()
        if isinstance(value, BaseException):
            raise value
        return done, value

    def _start(
        self, method: Callable[[], Coroutine[Any, Any, _Step]], future: Future[_Step]
    ) -> None:
        task = asyncio.ensure_future(method())
        task.add_done_callback(lambda done: _settle(done, future))

    async def next(self) -> _Step:
        self.step = asyncio.current_task()
        try:
            if self.iterator is None:
                self.iterator = self.factory()
            return False, await self.iterator.__anext__()
        except StopAsyncIteration:
            return True, None
        except (KeyboardInterrupt, SystemExit) as stop:
            # Returned, not raised: raised in a task, they would stop the loop itself.
            return True, stop
        finally:
            self.step = None

    async def close(self) -> _Step:
        """Cancel the step in flight and let it unwind before closing the iterator: closing
        a generator that is still running raises RuntimeError."""
        step = self.step
        if step is not None and not step.done():
            step.cancel()
            await asyncio.wait([step])
        closing = getattr(self.iterator, "aclose", None)
        if closing is not None:
            await closing()
        return True, None

    def shut_down(self, thread: threading.Thread) -> None:
        """Close the iterator, stop the loop and wait for its thread to end."""
        if not self.ready.wait(timeout=10):  # the thread never started
            return
        assert self.loop is not None
        try:
            self.call(self.close)
        finally:
            self.stopping = True
            self.loop.call_soon_threadsafe(self.loop.stop)
            thread.join()

    def serve(self) -> None:
        """The worker thread: run the loop until stopped, then close it there, since the
        calling thread may have a loop of its own running."""
        self.loop = loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self.ready.set()
        try:
            while True:
                try:
                    loop.run_forever()
                    break
                except (KeyboardInterrupt, SystemExit):
                    # A task (a backend's call) raised it; asyncio lets it out of the loop.
                    # It also reached whoever awaited that task, up to the step, which hands
                    # it to the caller; keep the loop going so the run can unwind.
                    if self.stopping:
                        break
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()


def _settle(task: asyncio.Task[_Step], future: Future[_Step]) -> None:
    """Hand a finished task's outcome to the calling thread's future."""
    if task.cancelled():
        future.cancel()
    elif task.exception() is not None:
        future.set_exception(task.exception())
    else:
        future.set_result(task.result())


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
