from __future__ import annotations

import asyncio
import json

import pytest

import seedsum
from seedsum.backends.base import Message, ModelReply, ModelRequest, Usage
from seedsum.backends.mock import replay
from seedsum.schema import ChunkExtraction, CondensedSummary

REQUEST = ModelRequest((Message("user", "<document>\nx\n</document>"),), ChunkExtraction)


def test_replies_are_consumed_in_order_and_requests_recorded():
    backend = seedsum.MockBackend([{"a": 1}, '{"b": 2}', ModelReply("c", Usage(3, 4))])
    assert json.loads(backend.complete(REQUEST).text) == {"a": 1}
    assert backend.complete(REQUEST).text == '{"b": 2}'
    assert backend.complete(REQUEST).usage == Usage(3, 4)
    assert backend.requests == [REQUEST] * 3
    assert backend.calls == 3


def test_an_exception_in_the_script_is_raised():
    backend = seedsum.MockBackend([seedsum.RefusalError("no", backend="mock")])
    with pytest.raises(seedsum.RefusalError):
        backend.complete(REQUEST)


def test_running_out_of_replies_is_a_clear_error():
    backend = seedsum.MockBackend([{"a": 1}])
    backend.complete(REQUEST)
    with pytest.raises(seedsum.MockExhaustedError, match="only 1 response"):
        backend.complete(REQUEST)


def test_a_responder_answers_from_the_request():
    backend = seedsum.MockBackend(responder=lambda r: {"echo": r.messages[0].content})
    assert json.loads(backend.complete(REQUEST).text) == {"echo": REQUEST.messages[0].content}


async def test_latency_does_not_block_the_event_loop():
    backend = seedsum.MockBackend([{"a": 1}], latency=0.2)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.ensure_future(ticker())
    await backend.acomplete(REQUEST)
    task.cancel()
    assert ticks >= 5  # the loop kept running while the mock "waited"


def test_negative_latency_is_rejected():
    with pytest.raises(ValueError, match="latency"):
        seedsum.MockBackend(latency=-1)


def test_replay_gives_each_chunk_what_it_contains():
    annotation = {
        "summary": "Whole.",
        "actors": [
            {"name": "Ann Lee", "kind": "person", "role": None, "aliases": ["Lee"]},
            {"name": "Bo Chan", "kind": "person", "role": None, "aliases": []},
        ],
        "positions": [
            {"actor": "Ann Lee", "topic": "t", "stance": "s", "quote": "first quote"},
            {"actor": "Bo Chan", "topic": "t", "stance": "s", "quote": "second quote"},
        ],
        "predictions": [],
    }
    respond = replay(annotation)
    chunk = ModelRequest(
        (Message("user", "<document>\nLee said: first quote\n</document>"),), ChunkExtraction
    )
    reply = respond(chunk)
    assert isinstance(reply, ChunkExtraction)
    assert [a.name for a in reply.actors] == ["Lee"]
    assert [p.quote for p in reply.positions] == ["first quote"]
    condense = respond(ModelRequest((Message("user", "x"),), CondensedSummary))
    assert condense == CondensedSummary(summary="Whole.")
