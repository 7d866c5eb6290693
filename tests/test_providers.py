"""The README's providers, as written there: what each base URL makes of the request, and
each local server's known answers against an emulation of it. No hosted provider is
contacted: the hosted entries are only constructed."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import seedsum
from seedsum.backends.capabilities import provider_for
from seedsum.backends.openai import OpenAIBackend

from .conftest import ROOT
from .openai_server import Action, FakeOpenAIServer, reply, status
from .test_servers import EMPTY, llama_cpp_python

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_providers() -> dict[str, OpenAIBackend]:
    [block] = [b for b in re.findall(r"```python\n(.*?)```", README, re.DOTALL) if "providers" in b]
    namespace: dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    providers: dict[str, OpenAIBackend] = namespace["providers"]
    return providers


EXPECTED = {
    "OpenAI": ("openai", "max_completion_tokens"),
    "Azure OpenAI": ("azure", "max_completion_tokens"),
    "vLLM": ("local", "max_tokens"),
    "Ollama": ("ollama", "max_tokens"),
    "llama-cpp-python": ("local", "max_tokens"),
    "LM Studio": ("lmstudio", "max_tokens"),
    "Gemini": ("gemini", "max_tokens"),
    "OpenRouter": ("openrouter", "max_tokens"),
}


def test_the_readme_lists_every_provider_and_each_gets_its_limit_parameter():
    providers = readme_providers()
    assert sorted(providers) == sorted(EXPECTED)
    for name, backend in providers.items():
        provider, param = EXPECTED[name]
        assert provider_for(backend.base_url) == provider, name
        assert backend.capabilities.token_limit == param, name
        assert backend.capabilities.structured_output == "json_schema"  # negotiated from here


def lm_studio(body: dict[str, Any]) -> Action | None:
    """LM Studio takes json_schema and text, and refuses json_object."""
    if body.get("response_format", {}).get("type") == "json_object":
        return status(400, "'response_format.type' must be 'json_schema' or 'text'")
    return reply(EMPTY)


def accepts_json_schema(body: dict[str, Any]) -> Action | None:
    """vLLM and Ollama: json_schema is enforced by guided decoding / `format`."""
    assert body["response_format"]["type"] == "json_schema"
    return reply(EMPTY)


@pytest.mark.parametrize(
    ("name", "behaviour", "mode", "requests"),
    [
        ("vLLM", accepts_json_schema, "json_schema", 1),
        ("Ollama", accepts_json_schema, "json_schema", 1),
        ("LM Studio", lm_studio, "json_schema", 1),
        ("llama-cpp-python", llama_cpp_python, "json_object_schema", 2),
    ],
)
def test_each_local_server_as_the_readme_configures_it(
    openai_server: FakeOpenAIServer, name: str, behaviour: Any, mode: str, requests: int
):
    configured = readme_providers()[name]
    openai_server.behaviour = behaviour
    # The README's backend, pointed at the emulation instead of the real server's port.
    backend = OpenAIBackend(
        configured.model,
        base_url=openai_server.base_url,
        api_key="none",
        timeout=configured.timeout,
    )
    result = seedsum.summarize(f"A text for {name}.", backend=backend, cache=False)
    assert result.meta.structured_output == mode
    assert len(openai_server.requests) == requests
    last = openai_server.requests[-1].body
    assert "max_tokens" in last and "max_completion_tokens" not in last
    assert json.loads(json.dumps(last["messages"]))[-1]["content"].endswith("</document>")
