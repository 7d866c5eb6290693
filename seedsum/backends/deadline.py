"""A total deadline for each HTTP request, headers and body together.

httpx times out each connect, read and write on its own: a server that sends one byte every
half second, or a chunked body that never ends, keeps a request open forever although no
single read ever waits long. So the synchronous client seedsum builds (`DeadlineClient`) wraps
its network layer: every socket operation waits at most until the deadline of the request in
progress, set with `deadline(seconds)` around it (a context variable, so threads and tasks each
have their own), and one that would start after it fails at once. The failure is httpcore's
own timeout, which httpx and the SDK report as they report any timeout. The async path bounds
the whole awaitable instead (`within`), which also covers clients the user passed in.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import ssl
import time
from collections.abc import Awaitable, Iterable, Iterator
from typing import Any, TypeVar

import httpcore2
import httpx2

from ..errors import ConfigurationError

T = TypeVar("T")

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "seedsum_request_deadline", default=None
)


class DeadlineExceeded(TimeoutError):
    """A request outlasted its total deadline (raised by `within`)."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Requests made by a `DeadlineClient` inside this block end within `seconds` in all."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


async def within(seconds: float, awaitable: Awaitable[T]) -> T:
    """`await awaitable`, cancelled after `seconds` in all (`DeadlineExceeded`)."""
    try:
        return await asyncio.wait_for(awaitable, seconds)
    except asyncio.TimeoutError:  # the builtin TimeoutError from 3.11 on
        raise DeadlineExceeded(f"no complete reply within {seconds:g} s") from None


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` shortened to what is left of the current deadline."""
    at = _deadline.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0.001:  # a socket timeout of 0 would mean non-blocking, not "already late"
        raise error("the request's total deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore2.NetworkStream):
    def __init__(self, stream: httpcore2.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore2.NetworkStream:
        bounded = _bounded(timeout, httpcore2.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore2.NetworkBackend):
    def __init__(self, backend: httpcore2.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        bounded = _bounded(timeout, httpcore2.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        bounded = _bounded(timeout, httpcore2.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, bounded, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


# Why private attributes: neither httpx2 (2.16) nor the openai SDK (3.x) offers a total
# deadline. httpx2.Timeout has connect, read, write and pool only, each per operation;
# HTTPTransport takes no network backend (httpcore2.ConnectionPool does, but building the
# pool ourselves would mean re-implementing HTTPTransport); the SDK's timeout is httpx2's. A
# wrapper around the transport could check the clock between body chunks, but not while h11
# waits for trickled headers. So the pool's `_network_backend`, read each time the pool opens
# a connection, is wrapped in place, from the client's `_init_transport` hooks. Should a new
# httpx2 rename either, every sync request would silently lose its deadline: that is refused
# instead, with a ConfigurationError when the client is built.
_UNSUPPORTED = (
    "this httpx2 ({version}) no longer lets seedsum bound each request's total time ({what});"
    " install the httpx2 seedsum is tested with (2.16) or a seedsum that supports yours"
)


def _unsupported(what: str) -> ConfigurationError:
    return ConfigurationError(_UNSUPPORTED.format(version=httpx2.__version__, what=what))


def _with_deadline(transport: httpx2.BaseTransport) -> httpx2.BaseTransport:
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if not isinstance(backend, httpcore2.NetworkBackend):
        raise _unsupported("its transport has no pool._network_backend to wrap")
    if not isinstance(backend, _DeadlineBackend):
        pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport


class DeadlineClient(httpx2.Client):
    """An `httpx2.Client` whose requests end by the `deadline()` around them, for the plain
    transport and for proxies from the environment alike; closed when garbage-collected.
    Raises ConfigurationError if this httpx2 cannot be made to (see `_with_deadline`)."""

    def __init__(self, **options: Any) -> None:
        self._deadline_transports = 0
        super().__init__(**options)
        if self._deadline_transports == 0:  # httpx2 no longer calls the hooks below
            self.close()
            raise _unsupported("Client._init_transport is never called")

    def _init_transport(self, *args: Any, **kwargs: Any) -> httpx2.BaseTransport:
        self._deadline_transports += 1
        return _with_deadline(super()._init_transport(*args, **kwargs))

    def _init_proxy_transport(self, *args: Any, **kwargs: Any) -> httpx2.BaseTransport:
        self._deadline_transports += 1
        return _with_deadline(super()._init_proxy_transport(*args, **kwargs))

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # a finalizer never raises
            if not self.is_closed:
                self.close()
