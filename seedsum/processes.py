"""Summarizing a corpus on every core: a process pool for the rules backend.

The rules backend is pure Python and CPU-bound, so threads share one core (the GIL); worker
processes do not. `summarize_many` hands a run to `summarize_in_processes` when the pool
applies (see `pool_size`). Each worker builds its own `Summarizer` with the caller's options
(backend included) and summarizes batches of documents; results come back as they
complete, exactly as the in-process path would make them, a failed document as an error
result. Workers ignore SIGINT: on Ctrl-C (or when the caller stops early) the parent
terminates them and the interrupt reaches the caller, so nothing hangs.

Model backends wait on the network, not the CPU: they already run many calls at once in
one process (`max_concurrency`), so the pool is not for them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from multiprocessing.connection import Connection
from multiprocessing.context import DefaultContext
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, cast

from .backends.rules import RulesBackend
from .calls import RunStats
from .corpus import DocumentResult, Item, Progress, unpack_item
from .errors import InvalidInputError, InvalidInputTypeError, SeedsumError

if TYPE_CHECKING:
    from .pipeline import Summarizer
    from .schema import ArticleSummary

#: A batch goes to a worker as one task: small documents cost little to send in bulk.
_BATCH_DOCUMENTS = 16
_BATCH_CHARACTERS = 200_000
#: A run with fewer documents than this per worker stays in this process (starting a worker
#: costs more than a few small documents take).
_MIN_DOCUMENTS_PER_WORKER = 4
#: A worker that dies (killed, out of memory) is replaced this many times at most, then the
#: run stops with an error.
_MAX_RESTARTS = 20

Batch = list[tuple[int, str, Any]]  # (index, id, text)
Outcome = tuple[int, str, Any, BaseException | None]  # (index, id, output, error)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def poolable(summarizer: Summarizer[Any]) -> bool:
    """Whether a run can go to worker processes: the rules backend, the built-in schema, no
    cache (a cache is shared state the workers would each open) and no rate limit."""
    return (
        isinstance(summarizer.backend, RulesBackend)
        and summarizer.output is None
        and summarizer.cache is None
        and summarizer.rate_limit is None
    )


def _start_method() -> str:
    """ "fork" where it is available and safe (no other thread in this process): workers
    start in milliseconds and the caller's script is not imported again. Otherwise "spawn",
    which is safe with threads but runs the main module again in each worker, so a script
    must guard its work with `if __name__ == "__main__":`."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def pool_size(summarizer: Summarizer[Any], processes: int | None) -> int:
    """How many worker processes a run uses (1: none, all in this process).

    `processes=None` means every core when the pool applies (`poolable`) and workers can be
    forked (Linux, no other thread running); else one. An explicit number is used as is."""
    if processes is None:
        default = poolable(summarizer) and _start_method() == "fork"
        return cores() if default else 1
    if not isinstance(processes, int) or isinstance(processes, bool):
        raise InvalidInputTypeError(f"processes must be an int, got {type(processes).__name__}")
    if processes < 1:
        raise InvalidInputError(f"processes must be at least 1, got {processes}")
    if processes > 1 and not poolable(summarizer):
        raise InvalidInputError(
            f"processes={processes} needs the rules backend (CPU-bound) with the built-in "
            "schema, no cache and no rate limit; a model backend already runs its calls "
            "concurrently in one process (use max_concurrency), so pass processes=1 or None"
        )
    return processes


def summarize_in_processes(
    summarizer: Summarizer[ArticleSummary],
    items: Iterable[Item],
    *,
    processes: int,
    window: int | None = None,
    progress: bool | None = None,
) -> Generator[DocumentResult[ArticleSummary], None, None]:
    """`summarize_many` on `processes` worker processes (see the module docstring)."""
    source = enumerate(items)
    head = list(itertools.islice(source, processes * _MIN_DOCUMENTS_PER_WORKER))
    if len(head) < processes * _MIN_DOCUMENTS_PER_WORKER:
        # A small run: not worth starting workers.
        yield from summarizer.summarize_many(
            [item for _, item in head], window=window, progress=progress, processes=1
        )
        return
    stats = RunStats()
    reporter = Progress(stats, enabled=progress, total=_length(items))
    try:
        for result in _run(summarizer, itertools.chain(head, source), processes, window):
            stats.add_document(result.ok)
            reporter.update()
            yield result
    finally:
        reporter.close()


def _run(
    summarizer: Summarizer[ArticleSummary],
    source: Iterator[tuple[int, Item]],
    processes: int,
    window: int | None,
) -> Iterator[DocumentResult[ArticleSummary]]:
    options = pickle.dumps(_options(summarizer))
    # Metadata stays in this process: workers need only the text.
    metadata_of: dict[int, Mapping[str, Any]] = {}
    batch_size = max(1, min(_BATCH_DOCUMENTS, window or _BATCH_DOCUMENTS))
    pool = _Pool(processes, options)
    exhausted = False
    try:
        while True:
            while pool.has_idle():
                if pool.suspects:
                    pool.submit([pool.suspects.popleft()])
                    continue
                if exhausted:
                    break
                batch, rejected = _next_batch(source, batch_size, metadata_of)
                yield from rejected
                if batch:
                    pool.submit(batch)
                elif not rejected:
                    exhausted = True
            if not pool.busy():
                return
            yield from _with_metadata(pool.collect(), metadata_of)
    finally:
        pool.stop()


def _with_metadata(
    results: Iterator[DocumentResult[ArticleSummary]], metadata_of: dict[int, Mapping[str, Any]]
) -> Iterator[DocumentResult[ArticleSummary]]:
    for result in results:
        metadata = metadata_of.pop(result.index, None)
        yield result if metadata is None else dataclasses.replace(result, metadata=metadata)


@dataclasses.dataclass
class _Worker:
    process: BaseProcess
    connection: Connection  # this process's end of the worker's own pipe
    batch: Batch | None = None  # in flight


class _Pool:
    """Worker processes, each with its own pipe and at most one batch in flight.

    Not `concurrent.futures.ProcessPoolExecutor`: its workers share one result pipe read by a
    thread, and a worker terminated in the middle of writing a result (Ctrl-C at the wrong
    moment) leaves that thread waiting for the rest of the message forever. Here a worker
    that dies takes only its own pipe and its own batch with it. Its documents are then
    tried again one at a time, so only a document that kills a worker on its own fails."""

    def __init__(self, processes: int, options: bytes) -> None:
        self.options = options
        # get_context() is typed as BaseContext, which (in typeshed) has no Process.
        self.context = cast("DefaultContext", multiprocessing.get_context(_start_method()))
        self.workers: list[_Worker] = []
        self.suspects: deque[tuple[int, str, Any]] = deque()
        self.restarts = 0
        for _ in range(processes):
            self.workers.append(self._start())

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(theirs, self.options), name="seedsum-worker", daemon=True
        )
        process.start()
        theirs.close()  # the worker holds it now: its death closes the pipe
        return _Worker(process, ours)

    def has_idle(self) -> bool:
        return any(worker.batch is None for worker in self.workers)

    def busy(self) -> bool:
        return any(worker.batch is not None for worker in self.workers)

    def submit(self, batch: Batch) -> None:
        worker = next(worker for worker in self.workers if worker.batch is None)
        worker.batch = batch
        with contextlib.suppress(OSError):  # it died before reading: collect() finds out
            worker.connection.send(batch)

    def collect(self) -> Iterator[DocumentResult[ArticleSummary]]:
        """Wait for at least one busy worker to answer (or die); yield what came back."""
        busy = [worker for worker in self.workers if worker.batch is not None]
        ready = multiprocessing.connection.wait(
            [w.connection for w in busy] + [w.process.sentinel for w in busy]
        )
        answered = [w for w in busy if w.connection in ready or w.process.sentinel in ready]
        for worker in sorted(answered, key=lambda w: w.batch[0][0] if w.batch else 0):
            batch, worker.batch = worker.batch or [], None
            try:
                outcomes: list[Outcome] = worker.connection.recv()
            except (EOFError, OSError):  # it died, perhaps halfway through its answer
                yield from self._lost(worker, batch)
                continue
            for index, identifier, output, error in outcomes:
                yield DocumentResult(index, identifier, output=output, error=error)

    def _lost(self, worker: _Worker, batch: Batch) -> Iterator[DocumentResult[ArticleSummary]]:
        self._replace(worker)
        if len(batch) > 1:
            self.suspects.extend(batch)
            return
        for index, identifier, _ in batch:
            yield DocumentResult(index, identifier, error=_worker_died(worker.process.exitcode))

    def _replace(self, worker: _Worker) -> None:
        self.restarts += 1
        _end(worker)
        if self.restarts > _MAX_RESTARTS:
            raise SeedsumError(
                f"worker processes died {self.restarts} times; stopping the run (summarize "
                "with processes=1 to find the document that kills them)"
            )
        self.workers[self.workers.index(worker)] = self._start()

    def stop(self) -> None:
        """Stop the workers now, even mid-document: nothing of theirs is needed any more."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            _end(worker)


def _end(worker: _Worker) -> None:
    worker.process.terminate()
    worker.process.join(timeout=5)
    if worker.process.is_alive():  # SIGTERM is not ignored by workers, but be sure
        worker.process.kill()
        worker.process.join(timeout=5)
    worker.connection.close()


def _next_batch(
    source: Iterator[tuple[int, Item]], size: int, metadata_of: dict[int, Mapping[str, Any]]
) -> tuple[Batch, list[DocumentResult[ArticleSummary]]]:
    """Up to `size` documents (fewer if long), and the results of items that are not
    documents at all (they fail here, with the in-process path's errors)."""
    batch: Batch = []
    rejected: list[DocumentResult[ArticleSummary]] = []
    characters = 0
    for index, item in source:
        try:
            identifier, text, metadata = unpack_item(index, item)
            if metadata:
                metadata_of[index] = metadata
        except Exception as exc:
            rejected.append(DocumentResult(index, str(index), error=exc))
            break
        batch.append((index, identifier, text))
        characters += len(text) if isinstance(text, str) else 0
        if len(batch) >= size or characters >= _BATCH_CHARACTERS:
            break
    return batch, rejected


def _options(summarizer: Summarizer[ArticleSummary]) -> dict[str, Any]:
    """What a worker needs to build the same Summarizer (the backend is picklable)."""
    return {
        "backend": summarizer.backend,
        "max_chunk_tokens": summarizer.max_chunk_tokens,
        "chunk_overlap_tokens": summarizer.chunk_overlap_tokens,
        "max_reasks": summarizer.max_reasks,
        "drop_ungrounded": summarizer.drop_ungrounded,
        "max_concurrency": summarizer.max_concurrency,
        "max_tokens_per_document": summarizer.max_tokens_per_document,
        "max_cost_usd": summarizer.max_cost_usd,
        "prices": summarizer.prices,
        "cache": False,
    }


def _serve(connection: Connection, options: bytes) -> None:
    """A worker: summarize each batch that arrives, send the outcomes back, until the pipe
    closes (the parent stopped or died: a worker never outlives its run)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    from .pipeline import Summarizer

    summarizer: Summarizer[ArticleSummary] = Summarizer(**pickle.loads(options))
    while True:
        try:
            batch: Batch = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(_work(summarizer, batch))


def _work(summarizer: Summarizer[ArticleSummary], batch: Batch) -> list[Outcome]:
    out: list[Outcome] = []
    for index, identifier, text in batch:
        try:
            out.append((index, identifier, summarizer.summarize(text), None))
        except Exception as exc:  # one bad document must not stop the others
            out.append((index, identifier, None, _picklable(exc)))
    return out


def _picklable(exc: Exception) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return SeedsumError(f"{type(exc).__name__}: {exc}")
    return exc


def _worker_died(exitcode: int | None) -> SeedsumError:
    how = f"killed by signal {-exitcode}" if exitcode and exitcode < 0 else f"exit {exitcode}"
    return SeedsumError(
        f"the worker process summarizing this document died ({how}); it may have run out of "
        "memory: try processes=1"
    )


def _length(items: Iterable[Any]) -> int | None:
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None
