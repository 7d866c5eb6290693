"""Driving an asynchronous run from synchronous code (`summarize_many` over the engine of
`asummarize_many`).

The engine yields batches: every document that finished in the same wake-up of the loop. The
hand-off to the caller is paid once per batch, not once per document.

- Where the calling thread runs no event loop (a script, the CLI), the loop runs in the
  calling thread, one batch at a time: no thread, no queue. While the caller handles a
  batch the loop waits; replies already on their way keep coming in (the sockets buffer
  them) and are read on the next step.
- Where a loop is already running there (Jupyter), a loop of its own runs in a worker
  thread (`run_in_thread`), and batches cross over.

Either way, leaving early (break, an exception, Ctrl-C) cancels what is in flight, waits for
it to unwind and closes the iterator and the loop; a KeyboardInterrupt or SystemExit that a
backend raises on the loop reaches the caller the same way.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Generator
from concurrent.futures import Future
from types import FrameType
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")

# How often unwinding a run may see a KeyboardInterrupt or SystemExit escape the loop (each
# task a backend's raise passes through lets it out once) before giving up on a clean close.
_MAX_ESCAPES = 1000


def drive(factory: Callable[[], AsyncIterator[list[T]]]) -> Generator[T, None, None]:
    """The items of the batches `factory()` yields, driven from synchronous code (see the
    module docstring). Nothing starts until the first item is asked for."""
    batches = run_in_thread(factory) if _loop_running() else _in_caller(factory)
    try:
        for batch in batches:
            yield from batch
    finally:
        batches.close()


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class _Steps(Generic[T]):
    """The iterator behind a run and the step (a task) now taking its next item."""

    def __init__(self, factory: Callable[[], AsyncIterator[T]]) -> None:
        self.factory = factory
        self.iterator: AsyncIterator[T] | None = None
        self.step: asyncio.Task[Any] | None = None

    async def next(self) -> tuple[bool, T | None]:
        """(True, None) once the iterator is exhausted, else (False, its next item)."""
        self.step = asyncio.current_task()
        try:
            if self.iterator is None:
                self.iterator = self.factory()
            return False, await self.iterator.__anext__()
        except StopAsyncIteration:
            return True, None
        finally:
            self.step = None

    async def close(self) -> None:
        """Cancel the step in flight and let it unwind before closing the iterator: closing
        an async generator that is still running raises RuntimeError."""
        step = self.step
        if step is not None and not step.done():
            step.cancel()
            await asyncio.wait([step])
        closing = getattr(self.iterator, "aclose", None)
        if closing is not None:
            await closing()


def _in_caller(factory: Callable[[], AsyncIterator[T]]) -> Generator[T, None, None]:
    """`factory()`'s items, on an event loop run in this thread between items."""
    steps = _Steps(factory)
    guard = _SignalGuard()
    loop: asyncio.AbstractEventLoop | None = None
    try:
        with guard:
            loop = asyncio.new_event_loop()
        while True:
            with guard:
                guard.loop = loop
                try:
                    done, item = loop.run_until_complete(steps.next())
                finally:
                    guard.loop = None
            if done:
                return
            yield cast(T, item)
    finally:
        if loop is not None:
            with guard:
                _close(loop, steps, guard)


class _SignalGuard:
    """Signals handled where nothing is half-done.

    While the loop runs in the main thread, a handler that raises (Python's KeyboardInterrupt,
    the CLI's) must not raise in the middle of the loop's own code: that can leave a task
    half-stepped or the loop half-built. Inside the guard, SIGINT's and SIGTERM's Python-level
    handlers are replaced by one that passes the first signal on to its own handler at a safe
    place: as a callback of the running loop, between two others (what it raises leaves the
    loop cleanly, and the run unwinds), or, when the loop is not running a step, on leaving
    the guard. A handler that does not raise goes on as before. A later signal goes to its
    handler at once: a way out of an unwind that hangs."""

    def __init__(self) -> None:
        #: The loop while it runs a step (the first signal goes to it).
        self.loop: asyncio.AbstractEventLoop | None = None
        self.previous: dict[int, Callable[[int, FrameType | None], Any]] = {}
        self.pending: int | None = None
        self.delivered = False
        #: Whether a later signal went to its handler at once (the way out).
        self.forwarded = False

    def __enter__(self) -> _SignalGuard:
        if threading.current_thread() is not threading.main_thread():
            return self  # signals reach the main thread only
        blocked = _block()
        try:
            for number in _SIGNALS:
                handler = signal.getsignal(number)
                if callable(handler):  # SIG_DFL and SIG_IGN act outside Python: left alone
                    self.previous[number] = handler
                    signal.signal(number, self._handle)
        finally:
            _unblock(blocked)
        return self

    def __exit__(self, *exc_info: object) -> None:
        blocked = _block()
        try:
            for number, handler in self.previous.items():
                signal.signal(number, handler)
            previous, self.previous = self.previous, {}
            pending, self.pending = self.pending, None
        finally:
            _unblock(blocked)
        if pending is not None:
            self.delivered = True
            previous[pending](pending, None)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.pending is not None or self.delivered:
            self.forwarded = True
            self.previous[number](number, frame)
            return
        self.pending = number
        if self.loop is not None:
            # Also wakes the loop if it is waiting in select().
            self.loop.call_soon_threadsafe(self._deliver)

    def _deliver(self) -> None:
        """The loop's callback for a pending signal (if the step is still running)."""
        number = self.pending
        if number is None or self.loop is None:
            return  # delivered already, or left for the guard's exit
        self.pending = None
        self.delivered = True
        self.previous[number](number, None)


_SIGNALS: tuple[int, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name)
)


def _block() -> set[int] | None:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: the handler itself defers
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)


def _unblock(previous: set[int] | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _close(loop: asyncio.AbstractEventLoop, steps: _Steps[Any], guard: _SignalGuard) -> None:
    """Unwind the run, then close the loop as `asyncio.run` does.

    A KeyboardInterrupt or SystemExit raised in a task leaves the loop at once, before the
    tasks awaiting that one have seen it, and may leave behind the request to stop of a
    `run_until_complete` it cut short: the loop is run again until the unwinding is done
    (the caller is already getting the exception), but not past a later Ctrl-C, which asks
    to stop waiting."""
    try:
        unwinding = loop.create_task(_shut_down(loop, steps))
        for _ in range(_MAX_ESCAPES):
            try:
                loop.run_until_complete(unwinding)
            except (KeyboardInterrupt, SystemExit):
                if guard.forwarded:  # the loop is closed with what has not unwound
                    raise
            except RuntimeError:
                if unwinding.done():  # its own error, not a stale request to stop
                    raise
            if unwinding.done():
                return
    finally:
        loop.close()


async def _shut_down(loop: asyncio.AbstractEventLoop, steps: _Steps[Any]) -> None:
    await steps.close()
    this = asyncio.current_task()
    leftover = [t for t in asyncio.all_tasks(loop) if t is not this and not t.done()]
    for task in leftover:
        task.cancel()
    await asyncio.gather(*leftover, return_exceptions=True)
    await loop.shutdown_asyncgens()
    await loop.shutdown_default_executor()


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
        self.steps = _Steps(factory)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.ready = threading.Event()
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
        try:
            return await self.steps.next()
        except (KeyboardInterrupt, SystemExit) as stop:
            # Returned, not raised: raised in a task, they would stop the loop itself.
            return True, stop

    async def close(self) -> _Step:
        await self.steps.close()
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
