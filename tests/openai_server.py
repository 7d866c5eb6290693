"""A small OpenAI-compatible HTTP server for tests that drive the real `openai` SDK.

`FakeOpenAIServer` listens on 127.0.0.1 (an OS-chosen port) and serves
`POST /v1/chat/completions`. Every request is recorded in `requests` before anything else
happens to it. By default it answers with a chat completion whose message content is what
`responder(body)` returns; `enqueue(...)` scripts the next answers instead, one action per
chat-completions request, in order:

    server.enqueue(status(429, headers={"retry-after-ms": "1"}), reply('{"summary": "x"}'))

Actions: `reply`, `respond_with`, `status`, `drop`, `slow`, `raw`, `empty_choices`, and the
faults that only a total deadline bounds: `trickle` (the reply one byte at a time),
`stall_after_headers` and `endless_chunked`. Every response carries `Content-Length` (or is
chunked) and `Connection: close`, so no connection outlives its request. The `openai_server`
fixture yields a started server and stops it afterwards.

Note on retry timing in the SDK: it honours `retry-after-ms` / `retry-after` only when the
value is > 0; `retry-after: 0` falls back to its exponential backoff (0.5 s, 1 s, ...). Use
`retry-after-ms: "1"` to make SDK retries effectively instant.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from typing import Any, Union
from urllib.parse import urlsplit

import pytest

__all__ = [
    "Action",
    "Drop",
    "EmptyChoices",
    "EndlessChunked",
    "FakeOpenAIServer",
    "Raw",
    "RecordedRequest",
    "Reply",
    "RespondWith",
    "Slow",
    "StallAfterHeaders",
    "Status",
    "Trickle",
    "drop",
    "empty_choices",
    "endless_chunked",
    "openai_server",
    "raw",
    "reply",
    "respond_with",
    "slow",
    "stall_after_headers",
    "status",
    "trickle",
]

CHAT_COMPLETIONS_PATH = "/v1/chat/completions"
DEFAULT_CONTENT = '{"summary": "ok"}'

Responder = Callable[[dict[str, Any]], str]


def default_responder(body: dict[str, Any]) -> str:
    """The default `responder`: always `{"summary": "ok"}`."""
    return DEFAULT_CONTENT


# --------------------------------------------------------------------------------------------
# Recorded requests and actions


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it (recorded before any fault is applied)."""

    method: str
    path: str
    headers: dict[str, str]  # lower-cased names; repeated headers joined with ", "
    body: dict[str, Any] | None  # parsed JSON object, or None if the body was not one


@dataclass(frozen=True)
class Reply:
    content: str
    finish_reason: str = "stop"
    refusal: str | None = None
    prompt_tokens: int = 100
    completion_tokens: int = 20
    cached_tokens: int = 0
    model: str | None = None


@dataclass(frozen=True)
class RespondWith:
    fn: Responder


@dataclass(frozen=True)
class Status:
    code: int
    message: str
    headers: tuple[tuple[str, str], ...] = ()
    error_type: str | None = None


@dataclass(frozen=True)
class Drop:
    pass


@dataclass(frozen=True)
class Slow:
    seconds: float
    then: Action | None = None


@dataclass(frozen=True)
class Raw:
    body: bytes
    status: int = 200
    content_type: str = "text/html"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EmptyChoices:
    pass


@dataclass(frozen=True)
class Trickle:
    interval: float
    headers: bool = True


@dataclass(frozen=True)
class StallAfterHeaders:
    seconds: float = 30.0


@dataclass(frozen=True)
class EndlessChunked:
    interval: float = 0.05
    seconds: float = 30.0


# `Union` rather than `|`: this alias is evaluated at runtime and the project supports 3.10.
Action = Union[  # noqa: UP007
    Reply,
    RespondWith,
    Status,
    Drop,
    Slow,
    Raw,
    EmptyChoices,
    Trickle,
    StallAfterHeaders,
    EndlessChunked,
]
_ACTION_TYPES = (
    Reply,
    RespondWith,
    Status,
    Drop,
    Slow,
    Raw,
    EmptyChoices,
    Trickle,
    StallAfterHeaders,
    EndlessChunked,
)


def reply(
    content: str,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
    cached_tokens: int = 0,
    model: str | None = None,
) -> Reply:
    """A 200 chat completion with this message content (null content if `refusal` is set);
    `model` defaults to the model named in the request."""
    return Reply(
        content,
        finish_reason=finish_reason,
        refusal=refusal,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cached_tokens=cached_tokens,
        model=model,
    )


def respond_with(fn: Responder) -> RespondWith:
    """A 200 chat completion whose content is `fn(request_body)`, for this one request."""
    return RespondWith(fn)


def status(
    code: int,
    message: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    error_type: str | None = None,
) -> Status:
    """An HTTP error `code` with OpenAI's error body
    `{"error": {"message", "type", "param": null, "code"}}`; `type` and `code` default to what
    OpenAI sends for that status (e.g. 429 -> "requests" / "rate_limit_exceeded")."""
    if message is None:
        message = f"Simulated {code} {_phrase(code)} from FakeOpenAIServer"
    return Status(code, message, tuple((headers or {}).items()), error_type)


def drop() -> Drop:
    """Read the request, then close the connection without sending a byte."""
    return Drop()


def slow(seconds: float, then: Action | None = None) -> Slow:
    """Wait `seconds` (in the handler thread; `stop()` cuts the wait short), then perform
    `then` (default: the normal reply from `responder`)."""
    if then is not None and not isinstance(then, _ACTION_TYPES):
        raise TypeError(f"not an action: {then!r}")
    return Slow(seconds, then)


def raw(
    body: bytes | str,
    *,
    status: int = 200,
    content_type: str = "text/html",
    headers: dict[str, str] | None = None,
) -> Raw:
    """Send exactly `body` (UTF-8 if a str) with this status, Content-Type and extra headers
    (e.g. `{"Content-Encoding": "gzip"}` over bytes that are not gzip)."""
    data = body.encode() if isinstance(body, str) else body
    return Raw(data, status, content_type, tuple((headers or {}).items()))


def empty_choices() -> EmptyChoices:
    """A 200 chat completion with `"choices": []`."""
    return EmptyChoices()


def trickle(interval: float = 0.5, *, headers: bool = True) -> Trickle:
    """The normal reply, one byte every `interval` seconds: from the status line on, or (with
    `headers=False`) headers at once and then the body. No read ever waits `interval` long, so
    only a deadline on the whole request ends it. Stops when the client hangs up."""
    return Trickle(interval, headers)


def stall_after_headers(seconds: float = 30.0) -> StallAfterHeaders:
    """Send a 200's status line and headers (announcing a body), then nothing for `seconds`
    (cut short by `stop()`), then close."""
    return StallAfterHeaders(seconds)


def endless_chunked(interval: float = 0.05, seconds: float = 30.0) -> EndlessChunked:
    """A 200 with `Transfer-Encoding: chunked` that sends a one-space chunk every `interval`
    seconds and never the last chunk, for at most `seconds` (or until the client hangs up)."""
    return EndlessChunked(interval, seconds)


# --------------------------------------------------------------------------------------------
# Wire formats


def _phrase(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


# What OpenAI puts in `error.type` / `error.code` for a given status.
_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", None),
    404: ("invalid_request_error", None),
    405: ("invalid_request_error", None),
    409: ("invalid_request_error", None),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}


def error_body(code: int, message: str, error_type: str | None = None) -> dict[str, Any]:
    default_type, error_code = _ERROR_TYPES.get(
        code, ("server_error", None) if code >= 500 else ("invalid_request_error", None)
    )
    return {
        "error": {
            "message": message,
            "type": error_type or default_type,
            "param": None,
            "code": error_code,
        }
    }


def completion_body(
    request_body: dict[str, Any] | None,
    choices: list[dict[str, Any]],
    *,
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
    cached_tokens: int = 0,
    model: str | None = None,
) -> dict[str, Any]:
    requested_model = (request_body or {}).get("model")
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model or (requested_model if isinstance(requested_model, str) else "fake-model"),
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": cached_tokens},
            "completion_tokens_details": {"reasoning_tokens": 0},
        },
    }


def _reply_body(action: Reply, request_body: dict[str, Any] | None) -> dict[str, Any]:
    choice = {
        "index": 0,
        "message": {
            "role": "assistant",
            "content": None if action.refusal is not None else action.content,
            "refusal": action.refusal,
        },
        "finish_reason": action.finish_reason,
        "logprobs": None,
    }
    return completion_body(
        request_body,
        [choice],
        prompt_tokens=action.prompt_tokens,
        completion_tokens=action.completion_tokens,
        cached_tokens=action.cached_tokens,
        model=action.model,
    )


# --------------------------------------------------------------------------------------------
# The server


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    timeout = 10  # a client that connects and never sends cannot hold a thread for long

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_POST(self) -> None:
        self._handle()

    do_GET = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_POST

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()  # CRLF after each chunk
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self) -> None:
        self.close_connection = True
        data = self._read_body()
        fake = self.server.fake
        if fake._stopping.is_set():
            return  # stop() cut this request short (half-open): neither record nor answer
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        body = parsed if isinstance(parsed, dict) else None
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        fake._record(RecordedRequest(self.command, self.path, headers, body))

        path = urlsplit(self.path).path
        if path != CHAT_COMPLETIONS_PATH:
            self._send_json(404, error_body(404, f"Invalid URL ({self.command} {path})"))
            return
        if self.command != "POST":
            message = f"Method {self.command} not allowed for {path}"
            self._send_json(405, error_body(405, message))
            return
        self._perform(fake._next_action(), body)

    def _perform(self, action: Action | None, body: dict[str, Any] | None) -> None:
        fake = self.server.fake
        if action is None:
            action = Reply(fake.responder(body or {}))
        if isinstance(action, RespondWith):
            action = Reply(action.fn(body or {}))

        if isinstance(action, Reply):
            self._send_json(200, _reply_body(action, body))
        elif isinstance(action, EmptyChoices):
            self._send_json(200, completion_body(body, []))
        elif isinstance(action, Status):
            self._send_json(
                action.code,
                error_body(action.code, action.message, action.error_type),
                dict(action.headers),
            )
        elif isinstance(action, Raw):
            self._send(action.status, action.body, action.content_type, dict(action.headers))
        elif isinstance(action, Drop):
            self._drop()
        elif isinstance(action, Slow):
            if fake._stopping.wait(action.seconds):
                self._drop()  # the server is stopping: do not answer
            else:
                self._perform(action.then, body)
        elif isinstance(action, Trickle):
            self._trickle(action, body)
        elif isinstance(action, StallAfterHeaders):
            self._start_response(200, "application/json", {"Content-Length": "1000"})
            fake._stopping.wait(action.seconds)
        elif isinstance(action, EndlessChunked):
            self._endless_chunked(action)
        else:  # pragma: no cover - guarded by enqueue()
            raise TypeError(f"not an action: {action!r}")

    def _trickle(self, action: Trickle, body: dict[str, Any] | None) -> None:
        payload = json.dumps(_reply_body(Reply(self.server.fake.responder(body or {})), body))
        data = payload.encode()
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n"
        ).encode()
        if not action.headers:
            self.wfile.write(head)
            self.wfile.flush()
            head = b""
        stream = head + data  # finite: the loop ends after len(stream) bytes at most
        for i in range(len(stream)):
            if self.server.fake._stopping.wait(action.interval):
                return
            self.wfile.write(stream[i : i + 1])  # OSError once the client has hung up
            self.wfile.flush()

    def _endless_chunked(self, action: EndlessChunked) -> None:
        self.send_response(200, "OK")
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"1\r\n{\r\n")
        for _ in range(max(1, int(action.seconds / action.interval))):
            if self.server.fake._stopping.wait(action.interval):
                return
            self.wfile.write(b"1\r\n \r\n")  # OSError once the client has hung up
            self.wfile.flush()

    def _start_response(self, code: int, content_type: str, headers: dict[str, str]) -> None:
        self.send_response(code, _phrase(code))
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.flush()

    def _drop(self) -> None:
        # Nothing has been written; shutdown_request() closes the socket after we return.
        self.close_connection = True

    def _send_json(
        self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        self._send(code, json.dumps(payload).encode(), "application/json", headers)

    def _send(
        self,
        code: int,
        payload: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(code, _phrase(code))
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.send_header("x-request-id", f"req_{uuid.uuid4().hex[:16]}")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops connections when a client opens more at once,
    # and a dropped SYN waits out the kernel's 1 s retry: far from any real server's behaviour.
    request_queue_size = 128
    block_on_close = False  # server_close() must not join handler threads (slow, half-open)
    fake: FakeOpenAIServer

    def __init__(self, fake: FakeOpenAIServer) -> None:
        self.fake = fake
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hung up (timeout, test over) is expected; anything else is kept
        # for inspection instead of being printed from a background thread.
        exc = sys.exc_info()[1]
        if exc is not None and not isinstance(exc, OSError):
            self.fake.errors.append(exc)

    def abort_connections(self) -> None:
        """Unblock handler threads stuck reading from half-open connections."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class FakeOpenAIServer:
    """An OpenAI-compatible chat-completions server on 127.0.0.1, for tests.

    Pass `base_url` to `openai.OpenAI(base_url=...)`. `requests` lists what was received;
    `responder(body) -> content` answers when nothing is queued; `enqueue(*actions)` scripts
    the next chat-completions answers. Use as a context manager or call `start()`/`stop()`.
    """

    def __init__(self, responder: Responder = default_responder) -> None:
        self.responder: Responder = responder
        self.errors: list[BaseException] = []  # unexpected exceptions in handler threads
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._queue: deque[Action] = deque()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> FakeOpenAIServer:
        if self._httpd is not None:
            raise RuntimeError("FakeOpenAIServer already started")
        self._stopping.clear()
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeOpenAIServer:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()  # wakes handlers sleeping in slow()
        httpd.shutdown()  # stops serve_forever (does not wait for handler threads)
        httpd.abort_connections()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # addresses

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("FakeOpenAIServer is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # scripting and inspection

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in order (a copy)."""
        with self._lock:
            return list(self._requests)

    def enqueue(self, *actions: Action) -> None:
        """Queue actions; each chat-completions request consumes one, in order."""
        for action in actions:
            if not isinstance(action, _ACTION_TYPES):
                raise TypeError(f"not an action: {action!r}")
        with self._lock:
            self._queue.extend(actions)

    @property
    def pending(self) -> int:
        """How many queued actions have not been consumed yet."""
        with self._lock:
            return len(self._queue)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _next_action(self) -> Action | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None


@pytest.fixture
def openai_server() -> Iterator[FakeOpenAIServer]:
    """A started `FakeOpenAIServer`, stopped after the test."""
    with FakeOpenAIServer() as server:
        yield server
