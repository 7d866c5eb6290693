"""What went wrong in a call of OpenAIBackend, as a seedsum error: which SDK failures are
worth retrying, and the one-line error that says what happened and what to do next.

Every message is built here and redacted by the caller (`OpenAIBackend._final_error`): SDK
exceptions are never chained, since their requests carry the API key in a header.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import httpx2

from ..errors import (
    BackendError,
    MalformedReplyError,
    RequestRejectedError,
    RetriesExhaustedError,
    RetryAfterTooLongError,
)
from .capabilities import is_capability_answer
from .deadline import DeadlineExceeded
from .openai_sdk import APIConnectionError, APIStatusError, APITimeoutError, RateLimitError
from .redaction import public_url
from .retry_after import retry_after_seconds

if TYPE_CHECKING:
    from .openai import OpenAIBackend

TRANSIENT_STATUS = frozenset({408, 409, 429})


class _Server(Protocol):
    """Which backend and server an error is about."""

    name: ClassVar[str]
    model: str
    base_url: str | None


def retryable(backend: OpenAIBackend, exc: BaseException) -> bool:
    """Whether asking again could help: timeouts, dropped connections, malformed replies,
    408/409/429/5xx (unless the server asks to wait longer than `max_retry_after`)."""
    if isinstance(exc, MalformedReplyError):
        return True
    if isinstance(exc, (APITimeoutError, APIConnectionError, DeadlineExceeded)):
        return True
    if isinstance(exc, APIStatusError):
        if is_capability_answer(exc.status_code, error_message(exc)):
            return False  # the server does not take this mode: asking again cannot help
        transient = exc.status_code in TRANSIENT_STATUS or exc.status_code >= 500
        after = retry_after(exc)
        return transient and (after is None or after <= backend.max_retry_after)
    return False


def classify(backend: OpenAIBackend, exc: BaseException, attempts: int) -> BackendError:
    """The seedsum error for what ended a call after `attempts` requests (not yet redacted)."""
    context: dict[str, Any] = {
        "backend": backend.name,
        "model": backend.model,
        "attempts": attempts,
    }
    if isinstance(exc, BackendError):
        exc.attempts = attempts
        return exc
    if isinstance(exc, APIStatusError):
        return _status_error(backend, exc, attempts, context)
    if isinstance(exc, (APITimeoutError, DeadlineExceeded)):
        return RetriesExhaustedError(
            f"the request timed out: the model at {backend.base_url or 'api.openai.com'} "
            f"had {backend.timeout:g} s per request and did not finish, on each of "
            f"{attempts} attempt(s). A "
            "local model can take minutes per chunk: raise timeout= (--timeout), or use a "
            "smaller max_chunk_tokens (--max-chunk-tokens)",
            **context,
        )
    if isinstance(exc, APIConnectionError):
        return RetriesExhaustedError(
            f"could not reach {public_url(backend.base_url) or 'api.openai.com'} on any of "
            f"{attempts} attempt(s) (connection failed or dropped); check base_url and the "
            "network",
            **context,
        )
    return BackendError(
        f"the OpenAI backend failed on attempt {attempts}: {type(exc).__name__}: {exc}",
        **context,
    )


def _status_error(
    backend: OpenAIBackend, exc: APIStatusError, attempts: int, context: dict[str, Any]
) -> BackendError:
    status, message = exc.status_code, error_message(exc)
    context["status_code"] = status
    after = retry_after(exc)
    if after is not None and after > backend.max_retry_after:
        return RetryAfterTooLongError(
            f"the server asked to wait {after:g} s before retrying ({status}: "
            f"{message}), longer than max_retry_after={backend.max_retry_after:g} s; "
            "try again later, or lower the request rate",
            retry_after=after,
            **context,
        )
    if is_capability_answer(status, message):
        return RequestRejectedError(
            f"the server does not accept structured_output="
            f"{backend.capabilities.structured_output!r} ({status}: {message}); use "
            "structured_output='auto' to negotiate a mode it accepts; not retried",
            **context,
        )
    if status in TRANSIENT_STATUS or status >= 500:
        return RetriesExhaustedError(
            f"{status} from the server on each of {attempts} attempt(s); last: "
            f"{message}. Try again later, or raise max_retries / max_retry_wait",
            **context,
        )
    return RequestRejectedError(_rejection(status, message, backend), **context)


def malformed(backend: _Server, what: str) -> MalformedReplyError:
    """The server answered with `what` instead of a usable chat completion."""
    return MalformedReplyError(
        f"the server at {public_url(backend.base_url) or 'api.openai.com'} answered with "
        f"{what}; is base_url an OpenAI-compatible /v1 endpoint, and is no proxy in the way?",
        backend=backend.name,
        model=backend.model,
    )


def capacity_refusal(exc: RateLimitError) -> bool:
    """A flex request refused for lack of capacity (not a rate limit of the account)."""
    body = exc.body if isinstance(exc.body, dict) else {}
    inner = body.get("error", body)
    code = inner.get("code") if isinstance(inner, dict) else None
    return code == "resource_unavailable" or "resource unavailable" in error_message(exc).lower()


def error_message(exc: APIStatusError) -> str:
    """The server's own message (`error.message` of its body), else the SDK's."""
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
    return exc.message


def _rejection(status: int, message: str, backend: OpenAIBackend) -> str:
    hints = {
        400: "the server rejected the request as invalid",
        401: "authentication failed: check OPENAI_API_KEY (or api_key=)",
        403: f"permission denied: this key may not use model {backend.model!r}",
        404: f"not found: check the model name {backend.model!r} (SEEDSUM_MODEL) and base_url "
        f"{public_url(backend.base_url) or 'https://api.openai.com/v1'}",
        422: "the server could not process the request",
    }
    hint = hints.get(status, "the server rejected the request")
    return f"{hint} ({status}: {message}); not retried"


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms` or `retry-after`), if any."""
    response = getattr(exc, "response", None)
    if not isinstance(response, httpx2.Response):
        return None
    return retry_after_seconds(response.headers)
