"""OpenAIBackend against emulations of the servers people run (llama-cpp-python, LM Studio,
servers without structured output, OpenAI's newer models), and split-on-truncation: real SDK,
real HTTP, the fake server on 127.0.0.1."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

import seedsum
from seedsum.backends.base import Message
from seedsum.backends.openai import OpenAIBackend
from seedsum.extraction import output_limit
from seedsum.prompts import document_text

from .openai_server import Action, FakeOpenAIServer, reply, status

KEY = "sk-test-servers"
EMPTY = json.dumps({"summary": "Nothing.", "actors": [], "positions": [], "predictions": []})
# What llama-cpp-python's server says to a json_schema response_format (a 500).
LLAMA_CPP_500 = (
    "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
    "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}]"
)


def backend(server: FakeOpenAIServer, **options: Any) -> OpenAIBackend:
    options = {"max_retries": 2, "backoff": 0.01, "timeout": 5.0, **options}
    return OpenAIBackend("local-model", api_key=KEY, base_url=server.base_url, **options)


def llama_cpp_python(body: dict[str, Any]) -> Action | None:
    """llama-cpp-python's server: 500 on json_schema, a grammar for json_object + schema."""
    if body.get("response_format", {}).get("type") == "json_schema":
        return status(500, LLAMA_CPP_500)
    return reply(EMPTY)


def no_structured_output(body: dict[str, Any]) -> Action | None:
    if "response_format" in body:
        return status(400, "Unrecognized request argument supplied: response_format")
    return reply(EMPTY)


def test_llama_cpp_python_gets_json_object_with_the_schema_at_once_and_max_tokens(
    openai_server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture
):
    openai_server.behaviour = llama_cpp_python
    b = backend(openai_server)
    with caplog.at_level(logging.DEBUG, logger="seedsum"):
        result = seedsum.summarize("The minister spoke.", backend=b)
    first, second = (r.body for r in openai_server.requests)  # the 500 was not retried
    assert first["response_format"]["type"] == "json_schema"
    assert second["response_format"]["type"] == "json_object"
    assert second["response_format"]["schema"]["required"] == [
        "summary",
        "actors",
        "positions",
        "predictions",
    ]
    assert "must match this JSON schema" not in second["messages"][0]["content"]
    assert "max_completion_tokens" not in second
    assert second["max_tokens"] == output_limit(4)  # "The minister spoke." is 4 tokens
    assert result.meta.structured_output == "json_object_schema"
    assert "answered in json_object_schema mode" in caplog.text
    seedsum.summarize("Another text.", backend=b)  # remembered on the backend
    assert openai_server.requests[2].body["response_format"]["type"] == "json_object"
    assert len(openai_server.requests) == 3


def test_a_server_without_structured_output_is_asked_without_response_format(
    openai_server: FakeOpenAIServer,
):
    openai_server.behaviour = no_structured_output
    result = seedsum.summarize("Text.", backend=backend(openai_server))
    bodies = [r.body for r in openai_server.requests]
    assert [b.get("response_format", {}).get("type") for b in bodies] == [
        "json_schema",
        "json_object",
        "json_object",
        None,
    ]
    assert "must match this JSON schema" in bodies[-1]["messages"][0]["content"]
    assert result.meta.structured_output == "none"


def test_a_422_about_json_schema_is_a_capability_answer_too(openai_server: FakeOpenAIServer):
    openai_server.enqueue(status(422, "json_schema: extra inputs are not permitted"))
    openai_server.responder = lambda body: EMPTY
    result = seedsum.summarize("Text.", backend=backend(openai_server))
    assert len(openai_server.requests) == 2
    assert result.meta.structured_output == "json_object_schema"


def test_a_fixed_mode_the_server_rejects_fails_at_once_naming_auto(
    openai_server: FakeOpenAIServer,
):
    openai_server.behaviour = llama_cpp_python
    with pytest.raises(seedsum.RequestRejectedError, match="structured_output='auto'"):
        seedsum.summarize("Text.", backend=backend(openai_server, structured_output="json_schema"))
    assert len(openai_server.requests) == 1


def test_a_500_about_something_else_is_still_retried(openai_server: FakeOpenAIServer):
    openai_server.enqueue(status(500, "out of memory"), reply(EMPTY))
    result = seedsum.summarize("Text.", backend=backend(openai_server))
    assert len(openai_server.requests) == 2
    assert result.meta.structured_output == "json_schema"


def test_the_limit_goes_out_under_the_name_chosen(openai_server: FakeOpenAIServer):
    openai_server.responder = lambda body: EMPTY
    for choice, sent in [
        ("max_completion_tokens", {"max_completion_tokens"}),
        ("max_tokens", {"max_tokens"}),
        ("both", {"max_completion_tokens", "max_tokens"}),
    ]:
        b = backend(openai_server, token_limit_param=choice)
        seedsum.summarize(f"Text for {choice}.", backend=b)
        body = openai_server.requests[-1].body
        assert {k for k in body if k.startswith("max_")} == sent


def test_a_server_that_wants_max_completion_tokens_gets_it(openai_server: FakeOpenAIServer):
    openai_server.enqueue(
        status(
            400,
            "Unsupported parameter: 'max_tokens' is not supported with this model. "
            "Use 'max_completion_tokens' instead.",
        )
    )
    openai_server.responder = lambda body: EMPTY
    seedsum.summarize("Text.", backend=backend(openai_server))
    first, second = (r.body for r in openai_server.requests)
    assert "max_tokens" in first
    assert "max_tokens" not in second
    assert second["max_completion_tokens"] == first["max_tokens"]


def test_the_derived_limit_is_capped_by_the_model_and_a_fixed_limit_wins(
    openai_server: FakeOpenAIServer,
):
    openai_server.responder = lambda body: EMPTY
    text = "The minister said the plan would work within weeks. " * 300  # ~3000 tokens
    b = OpenAIBackend("gpt-4-turbo", api_key=KEY, base_url=openai_server.base_url)
    seedsum.summarize(text, backend=b)
    assert openai_server.requests[-1].body["max_tokens"] == 4096  # gpt-4-turbo's most
    fixed = backend(openai_server, max_completion_tokens=123)
    seedsum.summarize(text, backend=fixed)
    assert openai_server.requests[-1].body["max_tokens"] == 123


def test_anthropic_is_warned_about_once(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("seedsum.backends.openai._warned_ignoring", set())
    url = "https://api.anthropic.com/v1/"
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        OpenAIBackend("claude-sonnet-4-5", api_key="x", base_url=url)
        OpenAIBackend("claude-sonnet-4-5", api_key="x", base_url=url)
        OpenAIBackend("m", api_key="x", base_url="http://127.0.0.1:1/v1")
    warnings = [r for r in caplog.records if "ignores response_format" in r.getMessage()]
    assert len(warnings) == 1
    assert OpenAIBackend("m", api_key="x", base_url=url).capabilities.token_limit == "max_tokens"


# -- a cut-off reply splits its chunk ----------------------------------------------------------

SENTENCES = [f"Minister {name} said the talks would resume in May." for name in "ABCDEFGH"]
ARTICLE = " ".join(SENTENCES)


def answer_short_parts_only(body: dict[str, Any]) -> Action:
    """Cut off (finish_reason length) for a part of more than two sentences; else a reply
    quoting the part's first sentence."""
    messages = tuple(Message(m["role"], m["content"]) for m in body["messages"])
    part = document_text(messages)
    if part.count(".") > 2:
        return reply('{"summary": "The min', finish_reason="length", completion_tokens=50)
    first = part.split(".")[0] + "."
    name = first.split()[1]
    content = {
        "summary": f"Part starting with {name}.",
        "actors": [{"name": f"Minister {name}", "kind": "person", "role": None, "aliases": []}],
        "positions": [
            {"actor": f"Minister {name}", "topic": "talks", "stance": "resume", "quote": first}
        ],
        "predictions": [],
    }
    return reply(json.dumps(content), completion_tokens=30)


def condense_or(body: dict[str, Any]) -> Action:
    if body["response_format"]["json_schema"]["name"] == "CondensedSummary":
        return reply(json.dumps({"summary": "Condensed."}), completion_tokens=5)
    return answer_short_parts_only(body)


@pytest.mark.parametrize("asynchronous", [False, True])
async def test_a_cut_off_reply_splits_the_chunk_until_the_parts_fit(
    openai_server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch, asynchronous: bool
):
    monkeypatch.setattr("seedsum.extraction.MIN_SPLIT_TOKENS", 8)
    openai_server.behaviour = condense_or
    summarizer = seedsum.Summarizer(backend(openai_server), cache=False)
    if asynchronous:
        result = await summarizer.asummarize(ARTICLE)
    else:
        result = summarizer.summarize(ARTICLE)
    # 8 sentences: cut off at 8 and 4 sentences, answered at 2: 1 + 2 splits, 4 answers.
    assert result.meta.splits == 3
    assert result.meta.chunks == 1
    assert result.meta.calls == 3 + 4 + 1  # cut-off calls counted, and one condense call
    assert result.meta.output_tokens == 3 * 50 + 4 * 30 + 5
    assert result.summary == "Condensed."
    assert len(result.positions) == 4
    for position in result.positions:
        assert position.span is not None
        assert ARTICLE[position.span.start : position.span.end] == position.quote
    assert result.meta.warnings == []


def test_a_cut_off_reply_to_a_chunk_too_small_to_split_raises(openai_server: FakeOpenAIServer):
    openai_server.enqueue(reply('{"summary": "cu', finish_reason="length"))
    with pytest.raises(seedsum.TruncatedReplyError) as caught:
        seedsum.summarize("Minister A said the talks would resume.", backend=backend(openai_server))
    assert caught.value.raw == '{"summary": "cu'
    assert caught.value.usage is not None
    assert len(openai_server.requests) == 1


def drops_system_messages(body: dict[str, Any]) -> Action:
    """A chat template without a system role (llama-cpp-python's gemma format): the system
    message never reaches the model, which shows in the prompt tokens counted."""
    messages = body["messages"]
    read = [m["content"] for m in messages if m["role"] != "system"]
    return reply(EMPTY, prompt_tokens=sum(len(c) for c in read) // 4 + 5, completion_tokens=7)


def test_a_server_that_drops_system_messages_gets_the_instructions_in_the_user_message(
    openai_server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture
):
    openai_server.behaviour = drops_system_messages
    b = backend(openai_server)
    with caplog.at_level(logging.WARNING, logger="seedsum"):
        result = seedsum.summarize("The minister spoke.", backend=b)
    first, second = (r.body["messages"] for r in openai_server.requests)
    assert [m["role"] for m in first] == ["system", "user"]
    [user] = second
    assert user["role"] == "user"
    assert user["content"] == f"{first[0]['content']}\n\n{first[1]['content']}"
    assert user["content"].endswith("<document>\nThe minister spoke.\n</document>")  # last
    assert "drops system messages" in caplog.text
    # Both requests' tokens are counted, though one reply was set aside.
    assert result.meta.output_tokens == 14
    seedsum.summarize("Another text.", backend=b)
    assert [m["role"] for m in openai_server.requests[2].body["messages"]] == ["user"]
    assert len(openai_server.requests) == 3


def test_a_short_prompt_count_for_short_instructions_proves_nothing(
    openai_server: FakeOpenAIServer,
):
    # A custom prompt of a few words: a low count is no sign of a dropped system message.
    openai_server.responder = lambda body: EMPTY
    request_messages = (
        Message("system", "Be brief."),
        Message("user", "<document>\nx\n</document>"),
    )
    b = backend(openai_server)
    from seedsum.backends.base import ModelRequest
    from seedsum.schema import ChunkExtraction

    b.complete(ModelRequest(request_messages, ChunkExtraction))
    assert len(openai_server.requests) == 1
    assert b.capabilities.system_messages is True


def test_a_cut_off_reply_written_without_the_instructions_is_asked_again_not_split(
    openai_server: FakeOpenAIServer,
):
    # Measured with llama-cpp-python's gemma format: with no instructions, the 270M model ran
    # to the output limit; splitting that chunk would only have halved the nonsense.
    def answer(body: dict[str, Any]) -> Action:
        if body["messages"][0]["role"] == "system":
            user = body["messages"][1]["content"]
            return reply(
                '{"summary": "loop loop', finish_reason="length", prompt_tokens=len(user) // 4
            )
        return reply(EMPTY)

    openai_server.behaviour = answer
    result = seedsum.summarize(ARTICLE, backend=backend(openai_server))
    assert result.meta.splits == 0
    assert len(openai_server.requests) == 2
    assert [m["role"] for m in openai_server.requests[1].body["messages"]] == ["user"]
