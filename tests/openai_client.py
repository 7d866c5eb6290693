"""What the tests of OpenAIBackend over real HTTP share: the key that must never leak, an
empty reply, a backend pointed at the fake server, and the fake server answering that reply."""

from __future__ import annotations

import json
from typing import Any

import pytest

from seedsum.backends.openai import OpenAIBackend

from .openai_server import FakeOpenAIServer

KEY = "sk-test-5eCr3t-never-printed"
EMPTY = json.dumps({"summary": "Nothing.", "actors": [], "positions": [], "predictions": []})


def backend(server: FakeOpenAIServer, **options: Any) -> OpenAIBackend:
    """Quick retries and a short timeout, so a fault costs a test milliseconds."""
    options = {"max_retries": 2, "backoff": 0.01, "timeout": 5.0, **options}
    return OpenAIBackend("gpt-4.1-mini", api_key=KEY, base_url=server.base_url, **options)


@pytest.fixture
def server(openai_server: FakeOpenAIServer) -> FakeOpenAIServer:
    """The fake server on 127.0.0.1, answering every request with EMPTY unless told otherwise
    (a module may override this fixture with its own responder)."""
    openai_server.responder = lambda body: EMPTY
    return openai_server
