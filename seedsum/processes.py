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

import dataclasses
import itertools
import multiprocessing
import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

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
#: A worker that dies (killed, out of memory) fails its batch; the pool is restarted this
#: many times at most, then the run stops with an error.
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
            if pool.suspects:
                yield from _with_metadata(pool.try_suspect(), metadata_of)
                continue
            while not exhausted and len(pool.pending) < 2 * processes:
                batch, rejected = _next_batch(source, batch_size, metadata_of)
                yield from rejected
                if batch:
                    pool.submit(batch)
                elif not rejected:
                    exhausted = True
            if not pool.pending:
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


class _Pool:
    """Worker processes and the batches in flight. When a worker dies, every batch in flight
    dies with the pool; their documents are then tried again one at a time, alone in the
    pool, so only a document that kills a worker on its own fails."""

    def __init__(self, processes: int, options: bytes) -> None:
        self.processes, self.options = processes, options
        self.executor = _start(processes, options)
        self.pending: dict[Future[list[Outcome]], Batch] = {}
        self.suspects: deque[tuple[int, str, Any]] = deque()
        self.restarts = 0

    def submit(self, batch: Batch) -> None:
        self.pending[self.executor.submit(_work, batch)] = batch

    def collect(self) -> Iterator[DocumentResult[ArticleSummary]]:
        done, _ = wait(self.pending, return_when=FIRST_COMPLETED)
        broken = False
        for future in sorted(done, key=lambda f: self.pending[f][0][0]):
            batch = self.pending.pop(future)
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                broken = True
                self.suspects.extend(batch)
                continue
            for index, identifier, output, error in outcomes:
                yield DocumentResult(index, identifier, output=output, error=error)
        if broken:
            for batch in self.pending.values():  # they died with the pool too
                self.suspects.extend(batch)
            self.pending.clear()
            self.restart()

    def try_suspect(self) -> Iterator[DocumentResult[ArticleSummary]]:
        """Summarize one document that was in flight when a worker died, alone."""
        index, identifier, text = self.suspects.popleft()
        future = self.executor.submit(_work, [(index, identifier, text)])
        try:
            outcomes = future.result()
        except BrokenProcessPool as exc:
            self.restart()
            yield DocumentResult(index, identifier, error=_worker_died(exc))
            return
        for index, identifier, output, error in outcomes:
            yield DocumentResult(index, identifier, output=output, error=error)

    def restart(self) -> None:
        self.restarts += 1
        if self.restarts > _MAX_RESTARTS:
            raise SeedsumError(
                f"worker processes died {self.restarts} times; stopping the run (summarize "
                "with processes=1 to find the document that kills them)"
            )
        _stop(self.executor)
        self.executor = _start(self.processes, self.options)

    def stop(self) -> None:
        for future in self.pending:
            future.cancel()
        _stop(self.executor)


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


def _start(processes: int, options: bytes) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context(_start_method()),
        initializer=_initialize,
        initargs=(options,),
    )


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now, even mid-document: nothing of theirs is needed any more."""
    # The executor keeps its processes private; terminating them is the only way not to wait
    # for a long document on Ctrl-C (Python 3.14 adds terminate_workers()).
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    # With its workers gone the executor's manager thread ends at once, so waiting for it
    # is quick, and no worker it was still starting is left behind.
    executor.shutdown(wait=True, cancel_futures=True)
    for process in [*processes, *(getattr(executor, "_processes", None) or {}).values()]:
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)


_worker: dict[str, Summarizer[ArticleSummary]] = {}


def _initialize(options: bytes) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    from .pipeline import Summarizer

    _worker["summarizer"] = Summarizer(**pickle.loads(options))


def _work(batch: Batch) -> list[Outcome]:
    summarizer = _worker["summarizer"]
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


def _worker_died(exc: BaseException) -> SeedsumError:
    return SeedsumError(
        f"the worker process summarizing this document died ({exc}); it may have run out of "
        "memory: try processes=1"
    )


def _length(items: Iterable[Any]) -> int | None:
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None
