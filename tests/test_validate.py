from __future__ import annotations

import json

import pytest

import seedsum
from seedsum.backends.base import Message, ModelReply, ModelRequest, Usage
from seedsum.schema import ChunkExtraction
from seedsum.validate import reask_loop, strip_code_fence

EMPTY = {"summary": "Nothing happened.", "actors": [], "positions": [], "predictions": []}


def drive(replies: list[str], max_reasks: int = 2):
    """Run the re-ask loop against scripted replies; return (result, requests sent)."""
    request = ModelRequest((Message("system", "S"), Message("user", "U")), ChunkExtraction)
    loop = reask_loop(request, ChunkExtraction, max_reasks)
    sent = [next(loop)]
    for text in replies:
        try:
            sent.append(loop.send(ModelReply(text, Usage(10, 5))))
        except StopIteration as done:
            return done.value, sent
    raise AssertionError("loop wanted more replies")


def test_a_valid_reply_is_accepted_first_time():
    result, sent = drive([json.dumps(EMPTY)])
    assert result.value.summary == "Nothing happened."
    assert (result.attempts, result.usage) == (1, Usage(10, 5))
    assert len(sent) == 1


def test_an_invalid_reply_is_sent_back_with_its_errors():
    bad = json.dumps({**EMPTY, "actors": [{"name": "X", "kind": "planet"}]})
    result, sent = drive([bad, json.dumps(EMPTY)])
    assert result.attempts == 2
    assert result.usage == Usage(20, 10)
    reask = sent[1].messages
    assert [m.role for m in reask] == ["system", "user", "assistant", "user"]
    assert reask[2].content == bad
    assert "actors.0.kind" in reask[3].content
    assert "actors.0.role: Field required" in reask[3].content


def test_reasks_do_not_grow_the_context():
    replies = ["not json", "{also not json", "[]", json.dumps(EMPTY)]
    result, sent = drive(replies, max_reasks=3)
    assert result.attempts == 4
    assert {len(r.messages) for r in sent[1:]} == {4}
    assert sent[3].messages[2].content == "[]"


def test_gives_up_after_max_reasks_with_the_last_reply_and_every_error():
    with pytest.raises(seedsum.ValidationFailedError) as caught:
        drive(["nope", "still nope", "{}"], max_reasks=2)
    error = caught.value
    assert error.raw == "{}"
    assert error.attempts == 3
    assert len(error.errors) == 3
    assert "summary: Field required" in error.errors[-1]
    assert "max_reasks" in str(error)


def test_extra_fields_are_rejected():
    with pytest.raises(seedsum.ValidationFailedError):
        drive([json.dumps({**EMPTY, "mood": "tense"})], max_reasks=0)


def test_markdown_code_fences_are_tolerated():
    fenced = "```json\n" + json.dumps(EMPTY) + "\n```"
    assert strip_code_fence(fenced) == json.dumps(EMPTY)
    result, _ = drive([fenced])
    assert result.value.summary == "Nothing happened."


def test_blank_strings_fail_validation():
    with pytest.raises(seedsum.ValidationFailedError, match="summary"):
        drive([json.dumps({**EMPTY, "summary": "   "})], max_reasks=0)
