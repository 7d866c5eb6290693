"""`summarize_many` driven from synchronous code (`seedsum.bridge`): on a loop in the calling
thread where none runs there, on a worker thread's loop where one does, batches handed over
whole either way, and a clean stop on a signal whichever handler the caller installed."""

from __future__ import annotations

import asyncio
import contextvars
import signal
import threading
from collections.abc import AsyncIterator
from types import FrameType
from typing import Any

import pytest

import seedsum
from seedsum.backends.base import ModelReply, ModelRequest
from seedsum.bridge import drive

from .test_corpus import docs, reply_for


def _run_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "seedsum-run"]


def test_without_a_running_loop_the_run_stays_in_the_calling_thread():
    seen: set[int | None] = set()

    class Recording(seedsum.MockBackend):
        async def acomplete(self, request: ModelRequest) -> ModelReply:
            seen.add(threading.get_ident())
            return await super().acomplete(request)

    s = seedsum.Summarizer(Recording(responder=reply_for), max_concurrency=4)
    before = threading.active_count()
    indexes = []
    for result in s.summarize_many(docs(50)):
        assert _run_threads() == [] and threading.active_count() == before
        indexes.append(result.index)
    assert sorted(indexes) == list(range(50))
    assert seen == {threading.get_ident()}


def test_a_thread_with_no_loop_of_its_own_runs_a_corpus():
    s = seedsum.Summarizer(seedsum.MockBackend(responder=reply_for, latency=0.001))
    got: dict[str, Any] = {}

    def consume() -> None:
        got["indexes"] = sorted(r.index for r in s.summarize_many(docs(30)) if r.ok)

    worker = threading.Thread(target=consume)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert got["indexes"] == list(range(30))


async def test_inside_a_running_loop_a_worker_thread_runs_the_loop():
    s = seedsum.Summarizer(seedsum.MockBackend(responder=reply_for))
    threads = []
    indexes = []
    for result in s.summarize_many(docs(20)):
        threads.append(len(_run_threads()))
        indexes.append(result.index)
    assert sorted(indexes) == list(range(20))
    assert set(threads) == {1}
    assert _run_threads() == []


def test_the_callers_context_variables_reach_the_backend():
    tag: contextvars.ContextVar[str] = contextvars.ContextVar("tag", default="unset")
    seen = set()

    class Reading(seedsum.MockBackend):
        async def acomplete(self, request: ModelRequest) -> ModelReply:
            seen.add(tag.get())
            return await super().acomplete(request)

    s = seedsum.Summarizer(Reading(responder=reply_for))
    token = tag.set("caller")
    try:
        assert len(list(s.summarize_many(docs(5)))) == 5
    finally:
        tag.reset(token)
    assert seen == {"caller"}


class _Batches:
    """Yields the given batches and records whether it was closed."""

    def __init__(self, batches: list[list[int]]) -> None:
        self.batches = batches
        self.closed = False

    async def run(self) -> AsyncIterator[list[int]]:
        try:
            for batch in self.batches:
                await asyncio.sleep(0)
                yield batch
        finally:
            self.closed = True


def test_drive_flattens_batches_in_order():
    source = _Batches([[1, 2, 3], [4], [5, 6]])
    assert list(drive(source.run)) == [1, 2, 3, 4, 5, 6]
    assert source.closed


@pytest.mark.parametrize("in_loop", [False, True])
def test_leaving_in_the_middle_of_a_batch_closes_the_iterator(in_loop: bool):
    source = _Batches([[1, 2, 3], [4, 5]])

    def take_two() -> list[int]:
        taken = []
        for item in drive(source.run):
            taken.append(item)
            if len(taken) == 2:
                break
        return taken

    async def in_a_loop() -> list[int]:
        return take_two()

    taken = asyncio.run(in_a_loop()) if in_loop else take_two()
    assert taken == [1, 2] and source.closed
    assert _run_threads() == []


def test_nothing_starts_before_the_first_result_is_asked_for():
    source = _Batches([[1]])
    run = drive(source.run)
    assert threading.active_count() >= 1 and _run_threads() == []
    run.close()  # never started: nothing to clean up
    assert not source.closed


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="POSIX signals")
def test_a_signal_under_a_raising_handler_stops_the_run_and_the_handler_is_restored():
    """The CLI's handler raises KeyboardInterrupt itself; it must not strike inside the loop's
    own code, and must be in place again after the run."""
    caught: list[int] = []

    def raising(number: int, frame: FrameType | None) -> None:
        caught.append(number)
        raise KeyboardInterrupt

    backend = seedsum.MockBackend(responder=reply_for, latency=0.05)
    s = seedsum.Summarizer(backend, max_concurrency=4)
    main = threading.main_thread().ident
    assert main is not None and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, raising)
    timer = threading.Timer(0.3, signal.pthread_kill, (main, signal.SIGINT))
    seen = 0

    def consume() -> None:
        nonlocal seen
        timer.start()
        for _ in s.summarize_many(docs(10_000)):
            seen += 1

    try:
        with pytest.raises(KeyboardInterrupt):
            consume()
        assert signal.getsignal(signal.SIGINT) is raising
    finally:
        timer.join()
        signal.signal(signal.SIGINT, previous)
    assert caught == [signal.SIGINT] and seen < 10_000


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="POSIX signals")
def test_a_second_ctrl_c_leaves_an_unwind_that_hangs():
    """A backend that ignores cancellation holds the unwind; a second Ctrl-C stops waiting."""
    state = {"unwound": False}
    # Each Ctrl-C is sent when the run has reached the point it is meant for (a call under
    # way; the unwind under way), not after a fixed delay that a loaded machine outruns.
    calling, unwinding = threading.Event(), threading.Event()

    class Stubborn(seedsum.MockBackend):
        async def acomplete(self, request: ModelRequest) -> ModelReply:
            calling.set()
            try:
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                unwinding.set()
                await asyncio.sleep(3)  # bounded, so a failing test does not hang
                state["unwound"] = True
                raise
            return await super().acomplete(request)

    main = threading.main_thread().ident
    assert main is not None and threading.current_thread() is threading.main_thread()
    s = seedsum.Summarizer(Stubborn(responder=reply_for), max_concurrency=2)

    def interrupt() -> None:
        for reached in (calling, unwinding):
            if not reached.wait(10):
                return
            signal.pthread_kill(main, signal.SIGINT)

    sender = threading.Thread(target=interrupt)
    sender.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            list(s.summarize_many(docs(4)))
    finally:
        sender.join()
    assert unwinding.is_set()
    assert not state["unwound"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="POSIX signals")
def test_a_handler_that_does_not_raise_is_called_and_the_run_goes_on():
    received: list[int] = []

    def noting(number: int, frame: FrameType | None) -> None:
        received.append(number)

    main = threading.main_thread().ident
    assert main is not None and threading.current_thread() is threading.main_thread()
    s = seedsum.Summarizer(seedsum.MockBackend(responder=reply_for, latency=0.02))
    previous = signal.signal(signal.SIGTERM, noting)
    timer = threading.Timer(0.1, signal.pthread_kill, (main, signal.SIGTERM))
    try:
        timer.start()
        results = list(s.summarize_many(docs(40)))
    finally:
        timer.join()
        signal.signal(signal.SIGTERM, previous)
    assert received == [signal.SIGTERM]
    assert sorted(r.index for r in results if r.ok) == list(range(40))
