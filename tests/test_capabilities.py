"""What seedsum assumes about a server from its base URL, and how it moves down the ladder of
structured-output modes: pure functions, no server."""

from __future__ import annotations

import pickle
import threading

import pytest

from seedsum.backends.capabilities import (
    MODES,
    ServerCapabilities,
    is_capability_answer,
    model_output_cap,
    provider_for,
    response_format,
    schema_in_instructions,
    token_limit_param,
    weakest,
)

SCHEMA = {"type": "object", "properties": {}, "required": []}


@pytest.mark.parametrize(
    ("base_url", "provider", "param"),
    [
        (None, "openai", "max_completion_tokens"),
        ("https://api.openai.com/v1", "openai", "max_completion_tokens"),
        ("https://myres.openai.azure.com/openai/v1/", "azure", "max_completion_tokens"),
        ("https://myres.cognitiveservices.azure.com/openai/v1", "azure", "max_completion_tokens"),
        ("https://api.anthropic.com/v1/", "anthropic", "max_tokens"),
        ("https://generativelanguage.googleapis.com/v1beta/openai/", "gemini", "max_tokens"),
        ("https://openrouter.ai/api/v1", "openrouter", "max_tokens"),
        ("http://localhost:11434/v1", "ollama", "max_tokens"),
        ("http://localhost:1234/v1", "lmstudio", "max_tokens"),
        ("http://127.0.0.1:8000/v1", "local", "max_tokens"),  # vLLM, llama-cpp-python
        ("https://llm.example.org/v1", "other", "max_tokens"),
    ],
)
def test_the_provider_and_the_limit_parameter_follow_the_base_url(base_url, provider, param):
    assert provider_for(base_url) == provider
    assert token_limit_param(base_url) == param


@pytest.mark.parametrize(
    ("status", "message", "expected"),
    [
        (500, "Input should be 'text' or 'json_object' (response_format.type)", True),
        (400, "response_format json_schema is not supported", True),
        (422, "unknown field: json_schema", True),
        (500, "CUDA out of memory", False),  # a real server error: retried, not negotiated
        (400, "max_tokens is too large", False),
        (429, "response_format rate limit", False),  # a rate limit is never a capability
    ],
)
def test_a_capability_answer_names_the_response_format(status, message, expected):
    assert is_capability_answer(status, message) is expected


def test_each_mode_phrases_its_request():
    strict = response_format("json_schema", "ChunkExtraction", SCHEMA)
    assert strict == {
        "type": "json_schema",
        "json_schema": {"name": "ChunkExtraction", "schema": SCHEMA, "strict": True},
    }
    assert response_format("json_object_schema", "X", SCHEMA) == {
        "type": "json_object",
        "schema": SCHEMA,
    }
    assert response_format("json_object", "X", SCHEMA) == {"type": "json_object"}
    assert response_format("none", "X", SCHEMA) is None
    assert [schema_in_instructions(m) for m in MODES] == [False, False, True, True]


def test_falling_back_walks_the_ladder_once_per_rejection_and_stops_at_none():
    caps = ServerCapabilities()
    assert caps.fall_back("json_schema") == "json_object_schema"
    assert caps.fall_back("json_schema") == "json_object_schema"  # a late, concurrent rejection
    assert caps.fall_back("json_object_schema") == "json_object"
    assert caps.fall_back("json_object") == "none"
    assert caps.fall_back("none") is None
    assert caps.structured_output == "none"


def test_concurrent_rejections_of_one_mode_move_down_one_step():
    caps = ServerCapabilities()
    threads = [threading.Thread(target=caps.fall_back, args=("json_schema",)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert caps.structured_output == "json_object_schema"


def test_a_fixed_mode_never_falls_back():
    caps = ServerCapabilities("json_object", negotiable=False)
    assert caps.fall_back("json_object") is None
    assert caps.structured_output == "json_object"


def test_the_limit_parameter_is_swapped_once_when_the_server_names_the_other():
    caps = ServerCapabilities(token_limit="max_tokens")
    message = (
        "Unsupported parameter: 'max_tokens' is not supported with this model. "
        "Use 'max_completion_tokens' instead."
    )
    assert caps.swap_token_limit(message) is True
    assert caps.token_limit == "max_completion_tokens"
    assert caps.swap_token_limit("Unrecognized request argument: max_completion_tokens") is False
    other = ServerCapabilities(token_limit="max_completion_tokens")
    assert other.swap_token_limit("Unrecognized request argument: max_completion_tokens")
    assert other.token_limit == "max_tokens"
    assert ServerCapabilities().swap_token_limit("temperature must be <= 2") is False


def test_capabilities_survive_pickling_with_a_fresh_lock():
    caps = ServerCapabilities()
    caps.fall_back("json_schema")
    copy = pickle.loads(pickle.dumps(caps))
    assert copy.structured_output == "json_object_schema"
    assert copy.fall_back("json_object_schema") == "json_object"


def test_model_output_caps_by_longest_prefix():
    assert model_output_cap("gpt-4.1-mini") == 32_768
    assert model_output_cap("gpt-4o-mini-2024-07-18") == 16_384
    assert model_output_cap("openai/gpt-4o") == 16_384  # OpenRouter's names
    assert model_output_cap("llama3.1:8b") is None


def test_the_weakest_mode_is_the_one_negotiation_ended_at():
    assert weakest(["json_schema", "json_object", "json_object_schema"]) == "json_object"
    assert weakest([]) is None


@pytest.mark.parametrize(
    ("system", "user", "prompt", "dropped"),
    [
        (1400, 90, 86, True),  # llama-cpp-python's gemma template, measured: 86 for the user
        (1400, 650, 665, True),  # a longer document, the same template
        (1400, 650, 2100, False),  # read both
        (1400, 4000, 4300, True),
        (1400, 4000, 5600, False),
        (100, 10, 12, False),  # short instructions: a count proves nothing
    ],
)
def test_a_prompt_count_that_only_covers_the_user_message_shows_a_dropped_system_message(
    system, user, prompt, dropped
):
    from seedsum.backends.capabilities import system_message_dropped

    assert system_message_dropped(system, user, prompt) is dropped
