from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import seedsum
from seedsum.backends.base import Message, ModelRequest
from seedsum.backends.mock import replay
from seedsum.cache import MemoryCache, SQLiteCache, cache_key, resolve_cache
from seedsum.prompts import document_text
from seedsum.schema import ChunkExtraction, CondensedSummary

EMPTY = {"summary": "Nothing.", "actors": [], "positions": [], "predictions": []}
IDENTITY = {"backend": "openai", "model": "m", "base_url": "https://x/v1", "temperature": None}
REQUEST = ModelRequest(
    (Message("system", "instructions"), Message("user", "<document>\nchunk\n</document>")),
    ChunkExtraction,
)


# -- keys ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identity", "request_"),
    [
        ({**IDENTITY, "backend": "other"}, REQUEST),
        ({**IDENTITY, "model": "m2"}, REQUEST),
        ({**IDENTITY, "base_url": "http://localhost:8000/v1"}, REQUEST),
        ({**IDENTITY, "temperature": "0.0"}, REQUEST),
        (
            IDENTITY,
            replace(REQUEST, messages=(Message("system", "instructions v2"), REQUEST.messages[1])),
        ),
        (
            IDENTITY,
            replace(
                REQUEST,
                messages=(REQUEST.messages[0], Message("user", "<document>\nchunk!\n</document>")),
            ),
        ),
        (IDENTITY, replace(REQUEST, output_type=CondensedSummary)),
        (IDENTITY, replace(REQUEST, max_output_tokens=100)),
    ],
    ids=["backend", "model", "base_url", "temperature", "prompt", "chunk", "schema", "limit"],
)
def test_every_component_that_changes_the_answer_changes_the_key(identity, request_):
    assert cache_key(identity, request_) != cache_key(IDENTITY, REQUEST)


def test_keys_ignore_what_does_not_change_the_answer():
    assert cache_key(dict(reversed(IDENTITY.items())), REQUEST) == cache_key(IDENTITY, REQUEST)
    assert cache_key(IDENTITY, replace(REQUEST, purpose="other")) == cache_key(IDENTITY, REQUEST)


# -- through the pipeline --------------------------------------------------------------


def summarizer(backend: seedsum.MockBackend, cache, **options) -> seedsum.Summarizer:
    return seedsum.Summarizer(backend, cache=cache, **options)


def test_a_rerun_of_a_long_document_makes_no_call(
    tmp_path: Path, energy_text: str, energy_annotation: str
):
    first = seedsum.MockBackend(responder=replay(energy_annotation))
    result = summarizer(first, tmp_path / "c.sqlite3", max_chunk_tokens=1000).summarize(energy_text)
    calls = first.calls
    assert calls == result.meta.chunks + 1
    assert (result.meta.cache_hits, result.meta.cache_misses) == (0, calls)

    again = seedsum.MockBackend()  # would raise if called
    rerun = summarizer(again, tmp_path / "c.sqlite3", max_chunk_tokens=1000).summarize(energy_text)
    assert again.calls == 0
    assert (rerun.meta.cache_hits, rerun.meta.cache_misses, rerun.meta.calls) == (calls, 0, 0)
    assert rerun.model_dump(exclude={"meta"}) == result.model_dump(exclude={"meta"})


def test_one_changed_chunk_asks_that_chunk_and_the_summary_again(
    energy_text: str, energy_annotation: str
):
    whole = replay(energy_annotation)

    def respond(request: ModelRequest):
        reply = whole(request)
        if isinstance(reply, ChunkExtraction):  # a summary of its own for each chunk
            digest = hashlib.sha256(document_text(request.messages).encode()).hexdigest()
            return reply.model_copy(update={"summary": f"Chunk {digest[:8]}."})
        return reply

    cache = MemoryCache()
    backend = seedsum.MockBackend(responder=respond)
    s = summarizer(backend, cache, max_chunk_tokens=1000, chunk_overlap_tokens=0)
    s.summarize(energy_text)
    chunks = s.chunk(energy_text)
    # Change one word in the middle of the third chunk for another of the same length.
    middle = chunks[2].start + len(chunks[2].text) // 2
    word_at = energy_text.index(" the ", middle)
    edited = energy_text[:word_at] + " our " + energy_text[word_at + 5 :]
    assert [c.text for c in s.chunk(edited)] != [c.text for c in chunks]
    changed = [a.text != b.text for a, b in zip(s.chunk(edited), chunks, strict=True)]
    assert changed.count(True) == 1

    before = backend.calls
    result = s.summarize(edited)
    asked = backend.requests[before:]
    assert [r.purpose for r in asked] == ["extract", "condense"]
    assert result.meta.cache_hits == len(chunks) - 1


def test_only_validated_replies_are_stored(grain_text: str, grain_reply: str):
    cache = MemoryCache()
    backend = seedsum.MockBackend(["{broken", grain_reply])
    summarizer(backend, cache).summarize(grain_text)
    # One entry for the call's reply, one for the document's finished result.
    [stored] = [v for v in cache._entries.values() if "meta" not in json.loads(v)]
    assert ChunkExtraction.model_validate_json(stored) == ChunkExtraction.model_validate_json(
        grain_reply
    )
    failing = MemoryCache()
    with pytest.raises(seedsum.ValidationFailedError):
        summarizer(seedsum.MockBackend(["{}", "{}", "{}"]), failing).summarize(grain_text)
    assert len(failing) == 0


async def test_async_runs_use_the_cache(tmp_path: Path, grain_text: str, grain_reply: str):
    path = tmp_path / "c.sqlite3"
    await summarizer(seedsum.MockBackend([grain_reply]), path).asummarize(grain_text)
    rerun = await summarizer(seedsum.MockBackend(), path).asummarize(grain_text)
    assert rerun.meta.cache_hits == 1


def test_mock_backends_are_not_cached_unless_asked(grain_text: str, grain_reply: str):
    assert seedsum.Summarizer(seedsum.MockBackend()).cache is None
    assert seedsum.Summarizer(seedsum.MockBackend(), cache=False).cache is None
    default = resolve_cache(True, seedsum.MockBackend())
    assert isinstance(default, SQLiteCache)
    assert default.path == Path(os.environ["SEEDSUM_CACHE_DIR"]) / "cache.sqlite3"


def test_a_bad_cache_option_is_a_type_error():
    with pytest.raises(TypeError, match="cache must be"):
        seedsum.Summarizer(seedsum.MockBackend(), cache=42)  # type: ignore[arg-type]


# -- the SQLite file ---------------------------------------------------------------------


def test_the_file_and_its_companions_are_private(tmp_path: Path):
    cache = SQLiteCache(tmp_path / "c.sqlite3")
    cache.put("k", "v")
    for name in ("c.sqlite3", "c.sqlite3-wal", "c.sqlite3-shm"):
        mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))


def test_info_and_clear(tmp_path: Path):
    cache = SQLiteCache(tmp_path)
    for i in range(3):
        cache.put(f"k{i}", json.dumps({"i": i}))
    info = cache.info()
    assert info["entries"] == 3 and info["bytes"] > 0
    assert info["path"] == str(tmp_path / "cache.sqlite3")
    assert cache.clear() == 3
    assert cache.get("k0") is None


def test_a_corrupt_file_is_moved_aside_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, grain_text: str, grain_reply: str
):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database, and it is the user's " * 100)
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        cache = SQLiteCache(path)
    [aside] = tmp_path.glob("c.sqlite3.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert "moved it to" in caplog.text and "had not created" in caplog.text
    result = summarizer(seedsum.MockBackend([grain_reply]), cache).summarize(grain_text)
    assert result.meta.cache_misses == 1
    assert cache.get(cache_key({}, REQUEST)) is None
    assert cache.info()["entries"] == 2  # the call's reply and the document's result


def test_an_unwritable_location_means_no_cache_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, grain_text: str, grain_reply: str
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        cache = SQLiteCache(blocker / "cache.sqlite3")  # cannot exist: its parent is a file
    assert not cache.enabled
    assert "caching is off" in caplog.text
    cache.put("k", "v")
    assert cache.get("k") is None
    result = summarizer(seedsum.MockBackend([grain_reply]), cache).summarize(grain_text)
    assert len(result.positions) == 10


def test_the_api_key_is_not_in_the_file(
    openai_server, tmp_path: Path, grain_text: str, grain_reply: str
):
    key = "sk-cache-test-4b1d"
    openai_server.responder = lambda body: grain_reply
    backend = seedsum.OpenAIBackend("gpt-4.1-mini", api_key=key, base_url=openai_server.base_url)
    seedsum.summarize(grain_text, backend=backend, cache=tmp_path / "c.sqlite3")
    data = b"".join(p.read_bytes() for p in tmp_path.glob("c.sqlite3*"))
    assert b"Kerem Aydemir" in data  # the file holds the reply...
    assert key.encode() not in data  # ...and not the key


def test_default_cache_for_the_openai_backend_lives_in_the_cache_dir(
    openai_server, grain_text: str, grain_reply: str
):
    openai_server.responder = lambda body: grain_reply
    backend = seedsum.OpenAIBackend("gpt-4.1-mini", api_key="sk", base_url=openai_server.base_url)
    seedsum.summarize(grain_text, backend=backend)
    rerun = seedsum.summarize(grain_text, backend=backend)
    assert rerun.meta.cache_hits == 1
    assert len(openai_server.requests) == 1
    assert (Path(os.environ["SEEDSUM_CACHE_DIR"]) / "cache.sqlite3").exists()


# -- concurrency and crashes -------------------------------------------------------------


def _write_many(path: str, worker: int, count: int) -> None:
    cache = SQLiteCache(path)
    for i in range(count):
        cache.put(f"{worker}-{i}", json.dumps({"worker": worker, "i": i}))


@pytest.mark.slow
def test_processes_writing_at_once_lose_nothing(tmp_path: Path):
    path = str(tmp_path / "c.sqlite3")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(path, w, 50)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    cache = SQLiteCache(path)
    assert cache.info()["entries"] == 200
    assert all(cache.get(f"{w}-{i}") is not None for w in range(4) for i in range(50))


def test_threads_writing_at_once_lose_nothing(tmp_path: Path):
    from concurrent.futures import ThreadPoolExecutor

    cache = SQLiteCache(tmp_path / "c.sqlite3")
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: cache.put(f"k{n}", str(n)), range(400)))
    assert cache.info()["entries"] == 400


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() only")
@pytest.mark.filterwarnings("ignore:This process .* fork:DeprecationWarning")
def test_a_forked_child_opens_its_own_connection(tmp_path: Path):
    cache = SQLiteCache(tmp_path / "c.sqlite3")
    cache.put("parent", "1")  # the parent now holds an open connection
    context = multiprocessing.get_context("fork")
    child = context.Process(target=lambda: cache.put("child", "2"))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert cache.get("child") == "2"
    cache.put("parent-again", "3")
    assert cache.info()["entries"] == 3


KILL_SCRIPT = """
import json, sys
from seedsum.prompts import document_text
from seedsum.cache import SQLiteCache
cache = SQLiteCache(sys.argv[1])
i = 0
while True:
    cache.put(f"k{i}", json.dumps({"i": i, "pad": "x" * 2000}))
    i += 1
    if i == 20:
        print("ready", flush=True)
"""


@pytest.mark.slow
def test_a_process_killed_while_writing_leaves_a_usable_cache(tmp_path: Path):
    path = tmp_path / "c.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    time.sleep(0.2)
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    writer.stdout.close()
    cache = SQLiteCache(path)
    entries = cache.info()["entries"]
    assert entries >= 20
    assert json.loads(cache.get("k0") or "{}")["i"] == 0
    cache.put("after", "ok")
    assert cache.get("after") == "ok"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_warm_document_skips_the_whole_pipeline(
    monkeypatch: pytest.MonkeyPatch, energy_text: str, energy_annotation: str
):
    cache = MemoryCache()
    backend = seedsum.MockBackend(responder=replay(energy_annotation))
    cold = summarizer(backend, cache, max_chunk_tokens=1000).summarize(energy_text)

    def no_chunking(*args, **kwargs):
        raise AssertionError("a warm document is not chunked again")

    monkeypatch.setattr("seedsum.pipeline.chunk_text", no_chunking)
    warm = summarizer(seedsum.MockBackend(), cache, max_chunk_tokens=1000).summarize(energy_text)
    assert warm.model_dump(exclude={"meta"}) == cold.model_dump(exclude={"meta"})
    assert (warm.meta.calls, warm.meta.cache_hits, warm.meta.input_tokens) == (
        0,
        cold.meta.calls,
        0,
    )

    # A setting that shapes the result misses the document entry, not the calls' replies.
    monkeypatch.undo()
    other = summarizer(seedsum.MockBackend(), cache, max_chunk_tokens=1000, drop_ungrounded=True)
    again = other.summarize(energy_text)
    assert (again.meta.calls, again.meta.cache_hits) == (0, cold.meta.calls)


# -- an unusable cache costs no result (issue 10) --------------------------------------------

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(params=["a-file-in-the-way", "unreadable", "read-only"])
def unusable_folder(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A folder in which no cache can be made: under a file, or (not for root) inside an
    unreadable folder, or read-only itself."""
    if request.param == "a-file-in-the-way":
        (tmp_path / "a-file").write_text("not a folder")
        yield tmp_path / "a-file" / "seedsum"
        return
    if ROOT:
        pytest.skip("root may read and write anywhere")
    locked = tmp_path / "locked"
    (locked / "seedsum").mkdir(parents=True)
    changed = locked if request.param == "unreadable" else locked / "seedsum"
    changed.chmod(0 if request.param == "unreadable" else 0o500)
    yield locked / "seedsum"
    changed.chmod(0o700)


def warnings_about_caching(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "caching is off" in r.getMessage()]


def test_an_unusable_default_place_turns_caching_off_with_one_warning(
    openai_server,
    unusable_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    grain_text: str,
    grain_reply: str,
):
    monkeypatch.setenv("SEEDSUM_CACHE_DIR", str(unusable_folder))
    openai_server.responder = lambda body: grain_reply
    backend = seedsum.OpenAIBackend("gpt-4.1-mini", api_key="sk", base_url=openai_server.base_url)
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        first = seedsum.Summarizer(backend)  # the default cache, as for a paying backend
        again = seedsum.Summarizer(backend, cache=True)
        result = first.summarize(grain_text)
        again.summarize(grain_text)
    assert len(result.positions) == 10
    assert result.meta.cache_hits == 0
    [warning] = warnings_about_caching(caplog)
    assert str(unusable_folder) in warning


def test_an_unusable_named_cache_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(seedsum.CacheError, match="cannot be used") as caught:
        seedsum.Summarizer(seedsum.MockBackend(), cache=tmp_path / "a-file" / "c.sqlite3")
    assert "\n" not in str(caught.value) and "--no-cache" in str(caught.value)


class _FullDisk:
    """A cache of the caller's whose writes fail, as on a full disk."""

    def __init__(self) -> None:
        self.puts = 0

    def get(self, key: str) -> str | None:
        return None

    def put(self, key: str, value: str) -> None:
        self.puts += 1
        raise OSError(28, "No space left on device")


def test_a_cache_that_cannot_store_costs_no_result(
    caplog: pytest.LogCaptureFixture, energy_text: str, energy_annotation: str
):
    cache = _FullDisk()
    backend = seedsum.MockBackend(responder=replay(energy_annotation))
    s = summarizer(backend, cache, max_chunk_tokens=1000)
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        one = s.summarize(energy_text)
        many = list(s.summarize_many([energy_text, energy_text + "\n\nCoda."]))
    assert one.positions and all(r.ok for r in many)
    assert cache.puts > 3  # every reply and result was offered, and each failure survived
    [warning] = [r.getMessage() for r in caplog.records if "could not store" in r.getMessage()]
    assert "the disk is full" in warning


def test_a_full_sqlite_cache_costs_no_result(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, grain_text: str, grain_reply: str
):
    cache = SQLiteCache(tmp_path / "c.sqlite3")
    with cache._io:
        connection = cache._connection()
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        result = summarizer(seedsum.MockBackend([grain_reply]), cache).summarize(grain_text)
    assert len(result.positions) == 10
    [warning] = warnings_about_caching(caplog)
    assert "the disk is full" in warning
