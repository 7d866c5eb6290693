"""`seedsum cache info|clear` and how the command line resolves a cache: one line per fault,
never a traceback, never a cache made by looking."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path

import pytest

from seedsum.cache import SQLiteCache
from seedsum.cli import main

from .conftest import EXAMPLES
from .test_cache import ROOT, unusable_folder  # noqa: F401  (fixture)
from .test_cache_files import foreign_database

ARTICLE = EXAMPLES / "articles" / "grain_corridor.txt"
REPLY = EXAMPLES / "replies" / "grain_corridor.json"
MOCK = ["--backend", "mock", "--replay", str(REPLY)]


def one_line(err: str) -> str:
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err


def test_cache_info_makes_no_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    default = Path(os.environ["SEEDSUM_CACHE_DIR"])
    assert main(["cache", "info"]) == 0
    assert "no cache at" in capsys.readouterr().out
    assert not default.exists()
    named = tmp_path / "nowhere" / "c.sqlite3"
    assert main(["cache", "info", "--cache", str(named)]) == 0
    assert f"no cache at {named}" in capsys.readouterr().out
    assert not (tmp_path / "nowhere").exists()
    assert main(["cache", "info", "--cache", str(tmp_path)]) == 0  # a folder without one
    assert "no cache at" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("action", ["info", "clear"])
def test_cache_commands_refuse_another_applications_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str
):
    notes = tmp_path / "notes.db"
    before = foreign_database(notes)
    assert main(["cache", action, "--cache", str(notes)]) == 2
    err = one_line(capsys.readouterr().err)
    assert str(notes) in err and "did not create" in err
    assert notes.read_bytes() == before
    with contextlib.closing(sqlite3.connect(notes)) as connection:
        assert connection.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 1


def test_summarize_refuses_another_applications_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    notes = tmp_path / "notes.db"
    before = foreign_database(notes)
    assert main(["summarize", str(ARTICLE), *MOCK, "--cache", str(notes)]) == 2
    assert "did not create" in one_line(capsys.readouterr().err)
    assert notes.read_bytes() == before


def test_clear_on_a_read_only_cache_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "c.sqlite3"
    SQLiteCache(path).put("k", "v")
    if ROOT:  # root writes read-only files: open SQLite read-only instead
        connect = sqlite3.connect
        monkeypatch.setattr(
            "seedsum.sqlite_cache.sqlite3.connect",
            lambda p, **kw: connect(f"file:{p}?mode=ro", uri=True, **kw),
        )
    else:
        path.chmod(0o400)
    assert main(["cache", "clear", "--cache", str(path)]) == 2
    err = one_line(capsys.readouterr().err)
    assert f"could not clear the cache at {path}" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["cache", "info", "--cache", "c\x00.sqlite3"],
        ["cache", "clear", "--cache", "c\x00.sqlite3"],
        ["summarize", str(ARTICLE), *MOCK, "--cache", "c\x00.sqlite3"],
    ],
    ids=["info", "clear", "summarize"],
)
def test_a_nul_byte_in_the_cache_path_is_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
):
    assert main(argv) == 2
    assert "NUL byte" in one_line(capsys.readouterr().err)


def test_an_unusable_named_cache_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "a-file").write_text("not a folder")
    named = str(tmp_path / "a-file" / "c.sqlite3")
    for argv in (
        ["summarize", str(ARTICLE), *MOCK, "--cache", named],
        ["cache", "clear", "--cache", named],
    ):
        assert main(argv) == 2, argv
        assert "cannot be used" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "argv",
    [
        ["summarize", str(ARTICLE), "--backend", "openai", "--model", "gpt-4.1-mini"],
        ["summarize", str(ARTICLE), "--backend", "openai", "--estimate"],
        ["cache", "info"],
    ],
    ids=["summarize", "estimate", "cache-info"],
)
def test_an_unusable_default_place_turns_caching_off_with_one_warning(
    argv: list[str],
    openai_server,
    unusable_folder: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
):
    reply = REPLY.read_text(encoding="utf-8")
    openai_server.responder = lambda body: reply
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("SEEDSUM_CACHE_DIR", str(unusable_folder))
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        assert main(argv) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    warnings = [r.getMessage() for r in caplog.records if "caching is off" in r.getMessage()]
    if argv[0] == "cache" and "no cache at" in captured.out:
        # Under a file, or in a read-only folder without one, there certainly is no cache,
        # and saying so needs no warning.
        assert warnings == [] and not (unusable_folder / "cache.sqlite3").exists()
        return
    assert len(warnings) == 1 and str(unusable_folder) in warnings[0]
    if argv[0] == "cache":
        assert "caching is off" in captured.out


def test_clear_at_an_unusable_default_place_is_one_line(
    unusable_folder: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
):
    monkeypatch.setenv("SEEDSUM_CACHE_DIR", str(unusable_folder))
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        assert main(["cache", "clear"]) == 2
    assert "cannot clear" in one_line(capsys.readouterr().err)
