"""The README's promises: its two fresh-machine commands, and CI running the same test command."""

from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def fresh_machine_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.DOTALL)
    assert block is not None
    return [line.split("#")[0].strip() for line in block.group(1).strip().splitlines()]


def test_the_readme_opens_with_two_commands():
    install_and_run, run_tests = fresh_machine_commands()
    assert "examples/quickstart.py" in install_and_run
    assert run_tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert fresh_machine_commands()[1] in ci


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.DOTALL)


async def test_the_readme_python_runs(
    openai_server, monkeypatch, tmp_path, grain_text: str, grain_reply: str
):
    """Every Python block of the README, in order, in one namespace: the reader's session.

    Names the prose leaves to the reader (a text, a backend, somewhere to save) are provided;
    the OpenAI backend talks to the local fake server through the environment variables the
    README documents.
    """
    import ast
    import json
    from pathlib import Path

    import seedsum
    from seedsum.backends.mock import replay

    def answer(body: dict) -> str:
        if body["response_format"].get("json_schema", {}).get("name") == "CondensedSummary":
            return json.dumps({"summary": "Condensed."})
        return grain_reply

    openai_server.responder = answer
    monkeypatch.setenv("OPENAI_API_KEY", "sk-readme")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(grain_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    saved: dict[str, object] = {}
    namespace = {
        "seedsum": seedsum,
        "Path": Path,
        "text": grain_text,
        "backend": seedsum.MockBackend(responder=replay(grain_reply)),
        "reply_dict": json.loads(grain_reply),
        "save": saved.__setitem__,
    }
    blocks = python_blocks()
    assert len(blocks) >= 4
    for block in blocks:
        code = compile(block, "README.md", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        result = eval(code, namespace)
        if result is not None:  # a block with a top-level await compiles to a coroutine
            await result
    assert sorted(saved) == ["a.txt", "b.txt"]
    assert openai_server.requests, "the OpenAI block reached the (local) server"
