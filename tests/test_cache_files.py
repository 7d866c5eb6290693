"""The cache touches only its own files: the application_id mark, private modes, refusals."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

import seedsum
from seedsum.cache import SQLiteCache, resolve_cache
from seedsum.cache_files import APPLICATION_ID

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def foreign_database(path: Path, journal: str = "delete") -> bytes:
    """Another application's SQLite file, as `notes.db` would be; returns its bytes."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA journal_mode={journal}")
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('buy milk')")
        connection.commit()
    return path.read_bytes()


def pragma(path: Path, name: str) -> int:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return int(connection.execute(f"PRAGMA {name}").fetchone()[0])


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


# -- application_id --------------------------------------------------------------------


def test_a_new_cache_file_is_marked_as_seedsums(tmp_path: Path):
    SQLiteCache(tmp_path / "c.sqlite3").put("k", "v")
    assert pragma(tmp_path / "c.sqlite3", "application_id") == APPLICATION_ID == 0x5364536D
    # The mark is in the main file's header, not only in the WAL.
    header = (tmp_path / "c.sqlite3").read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID


def test_an_empty_file_is_made_a_cache(tmp_path: Path):
    (tmp_path / "c.sqlite3").touch()
    cache = SQLiteCache(tmp_path / "c.sqlite3", required=True)
    cache.put("k", "v")
    assert cache.get("k") == "v"


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_database_seedsum_did_not_create_is_refused_and_left_untouched(
    tmp_path: Path, journal: str
):
    notes = tmp_path / "notes.db"
    before = foreign_database(notes, journal)
    with pytest.raises(seedsum.ForeignCacheFileError, match="did not create") as caught:
        seedsum.Summarizer(seedsum.MockBackend(), cache=notes)
    assert caught.value.path == str(notes) and str(notes) in str(caught.value)
    assert isinstance(caught.value, seedsum.CacheError)
    assert "\n" not in str(caught.value)
    # Opened directly (not required), it is refused too: caching off, nothing written.
    direct = SQLiteCache(notes)
    assert not direct.enabled
    direct.put("k", "v")
    assert direct.clear() == 0
    assert notes.read_bytes() == before
    assert pragma(notes, "user_version") == 0
    with contextlib.closing(sqlite3.connect(notes)) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master")]
        assert tables == ["notes"]
        assert connection.execute("SELECT body FROM notes").fetchall() == [("buy milk",)]
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == journal


def test_a_foreign_database_at_the_default_place_turns_caching_off(
    caplog: pytest.LogCaptureFixture,
):
    folder = Path(os.environ["SEEDSUM_CACHE_DIR"])
    folder.mkdir(parents=True)
    before = foreign_database(folder / "cache.sqlite3")
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        cache = resolve_cache(True, seedsum.MockBackend())
    assert isinstance(cache, SQLiteCache) and not cache.enabled
    assert "did not create" in caplog.text
    assert (folder / "cache.sqlite3").read_bytes() == before


def test_a_cache_of_an_earlier_seedsum_is_adopted(tmp_path: Path):
    path = tmp_path / "cache.sqlite3"
    # What seedsum wrote before the mark: WAL, user_version 1, the entries table.
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE entries ("
            " key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)"
        )
        connection.execute("PRAGMA user_version = 1")
        connection.execute("INSERT INTO entries VALUES ('old', 'kept', 0)")
    cache = SQLiteCache(path, required=True)
    assert cache.get("old") == "kept"
    cache.close()
    assert pragma(path, "application_id") == APPLICATION_ID


def test_a_non_seedsum_table_named_like_ours_is_not_adopted(tmp_path: Path):
    path = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("CREATE TABLE entries (key TEXT, value TEXT, created REAL)")
        connection.execute("CREATE TABLE more (x)")
        connection.execute("PRAGMA user_version = 1")
    with pytest.raises(seedsum.ForeignCacheFileError, match="entries, more"):
        SQLiteCache(path, required=True)


# -- modes -------------------------------------------------------------------------------


def modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o277])
def test_files_are_0600_and_folders_0700_whatever_the_umask(tmp_path: Path, mask: int):
    with umask(mask):
        cache = SQLiteCache(tmp_path / "new" / "deeper" / "c.sqlite3")
        cache.put("k", "v")
        assert cache.get("k") == "v"
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new" / "deeper").stat().st_mode) == 0o700
    assert modes(tmp_path / "new" / "deeper") == {
        "c.sqlite3": 0o600,
        "c.sqlite3-wal": 0o600,
        "c.sqlite3-shm": 0o600,
    }


def test_files_are_private_through_a_symlink(tmp_path: Path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link.sqlite3").symlink_to(tmp_path / "real" / "target.sqlite3")
    with umask(0):
        cache = SQLiteCache(tmp_path / "link.sqlite3")
        cache.put("k", "v")
    assert (tmp_path / "link.sqlite3").is_symlink()
    assert modes(tmp_path / "real") == {
        "target.sqlite3": 0o600,
        "target.sqlite3-wal": 0o600,
        "target.sqlite3-shm": 0o600,
    }
    assert cache.info()["bytes"] > 0


# -- faults ------------------------------------------------------------------------------


def test_a_full_disk_says_so_and_caching_stops(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    cache = SQLiteCache(tmp_path / "c.sqlite3")
    cache.put("k0", "small")
    with cache._io:  # SQLite's own "database or disk is full" (SQLITE_FULL), without a disk
        connection = cache._connection()
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        cache.put("k1", "x" * 100_000)
        cache.put("k2", "x" * 100_000)
    [record] = [r for r in caplog.records if "caching is off" in r.getMessage()]
    assert "the disk is full" in record.getMessage() and "free some space" in record.getMessage()
    assert not cache.enabled


def test_a_nul_byte_in_a_cache_path_is_a_value_error():
    for make in (
        lambda: SQLiteCache("cache\x00.sqlite3"),
        lambda: seedsum.Summarizer(seedsum.MockBackend(), cache="cache\x00.sqlite3"),
    ):
        with pytest.raises(seedsum.InvalidInputError, match="NUL byte") as caught:
            make()
        assert isinstance(caught.value, ValueError)


@pytest.mark.skipif(ROOT, reason="root may write a read-only file")
def test_clearing_a_read_only_file_is_a_cache_error(tmp_path: Path):
    path = tmp_path / "c.sqlite3"
    SQLiteCache(path).put("k", "v")
    path.chmod(0o400)
    with pytest.raises(seedsum.CacheError, match="could not clear"):
        SQLiteCache(path).clear()


def test_clearing_through_a_read_only_connection_is_a_cache_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # The same as a read-only file, for any user (root included): SQLite's read-only mode.
    path = tmp_path / "c.sqlite3"
    SQLiteCache(path).put("k", "v")
    cache = SQLiteCache(path)
    cache.close()
    connect = sqlite3.connect
    monkeypatch.setattr(
        "seedsum.sqlite_cache.sqlite3.connect",
        lambda p, **kw: connect(f"file:{p}?mode=ro", uri=True, **kw),
    )
    with pytest.raises(seedsum.CacheError, match=r"could not clear .*readonly") as caught:
        cache.clear()
    assert "\n" not in str(caught.value)
    monkeypatch.undo()
    assert cache.get("k") == "v"


# -- several processes -------------------------------------------------------------------


def test_every_write_transaction_begins_immediate(tmp_path: Path):
    statements: list[str] = []
    cache = SQLiteCache(tmp_path / "c.sqlite3")
    with cache._io:
        cache._connection().set_trace_callback(statements.append)
    cache.put("k", "v")
    cache.clear()
    cache._prepare()  # opening an existing cache again
    begins = [s for s in statements if s.startswith("BEGIN")]
    writes = [s for s in statements if s.split()[0] in ("INSERT", "DELETE", "CREATE")]
    assert begins and writes and set(begins) == {"BEGIN IMMEDIATE"}


def _open_and_write(path: str, worker: int) -> None:
    cache = SQLiteCache(path, required=True)
    for i in range(20):
        cache.put(f"{worker}-{i}", "v")


@pytest.mark.slow
def test_processes_setting_up_one_new_file_at_once_agree(tmp_path: Path):
    path = str(tmp_path / "c.sqlite3")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_open_and_write, args=(path, w)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    assert SQLiteCache(path, required=True).info()["entries"] == 80


def test_a_foreign_table_name_with_a_quote_is_named_not_called_damaged(tmp_path: Path):
    path = tmp_path / "odd.db"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute('CREATE TABLE "we""ird" (x)')
    with pytest.raises(seedsum.ForeignCacheFileError, match='tables: we"ird'):
        SQLiteCache(path, required=True)
