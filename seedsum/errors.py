"""Every error seedsum raises, under one root.

    SeedsumError
    ├── InvalidInputError (also ValueError)       bad text or options, raised before any call
    │   └── InvalidInputTypeError (also TypeError)
    ├── ConfigurationError                        a backend cannot be set up (e.g. no API key)
    ├── BackendError                              a model call failed
    │   ├── RequestRejectedError                  400/401/403/404: never retried
    │   ├── RetriesExhaustedError                 transient failures outlasted the retry policy
    │   ├── RetryAfterTooLongError                the server asked us to wait longer than allowed
    │   ├── MalformedReplyError                   a reply that is not a chat completion at all
    │   ├── RefusalError                          the model declined to answer
    │   ├── TruncatedReplyError                   the reply hit the output token limit
    │   └── MockExhaustedError                    a MockBackend ran out of scripted replies
    ├── ValidationFailedError                     replies kept failing the schema after re-asks
    ├── BudgetExceededError                       the next call would exceed a token or cost budget
    └── CacheError                                a cache file or folder that cannot be used
        └── ForeignCacheFileError                 a SQLite database seedsum did not create

Each error carries its context as attributes and its message says what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal


class SeedsumError(Exception):
    """Root of every error raised by seedsum."""


class InvalidInputError(SeedsumError, ValueError):
    """A text or an option that seedsum cannot work with; raised before any model call."""


class InvalidInputTypeError(InvalidInputError, TypeError):
    """An argument of the wrong type."""


class ConfigurationError(SeedsumError):
    """A backend cannot be used as configured (a missing API key, an unknown backend name)."""


class BackendError(SeedsumError):
    """A model call failed: `backend` and `model` say where, `attempts` how many requests went."""

    def __init__(
        self,
        message: str,
        *,
        backend: str | None = None,
        model: str | None = None,
        attempts: int = 1,
        status_code: int | None = None,
        raw: str | None = None,
    ) -> None:
        super().__init__(message)
        self.backend = backend
        self.model = model
        self.attempts = attempts
        self.status_code = status_code
        self.raw = raw


class RequestRejectedError(BackendError):
    """The server rejected the request (400, 401, 403, 404); retrying would not help."""


class RetriesExhaustedError(BackendError):
    """Transient failures (429, 5xx, timeouts, dropped connections) outlasted the retry policy."""


class RetryAfterTooLongError(BackendError):
    """The server asked for a wait longer than the configured maximum."""

    def __init__(self, message: str, *, retry_after: float, **context: object) -> None:
        super().__init__(message, **context)  # type: ignore[arg-type]
        self.retry_after = retry_after


class MalformedReplyError(BackendError):
    """The server answered, but not with a usable chat completion (not JSON, HTML, no choices)."""


class RefusalError(BackendError):
    """The model refused to produce the requested output; `raw` holds its refusal text."""


class TruncatedReplyError(BackendError):
    """The reply was cut off by the output token limit; `raw` holds the partial text."""


class MockExhaustedError(BackendError):
    """A MockBackend was called more times than it had scripted replies."""


class ValidationFailedError(SeedsumError):
    """The model's replies kept failing validation after every re-ask.

    `raw` is the last reply, `errors` the validation errors of each attempt, `attempts` how many
    replies were tried.
    """

    def __init__(self, message: str, *, raw: str, errors: Sequence[str], attempts: int) -> None:
        super().__init__(message)
        self.raw = raw
        self.errors = list(errors)
        self.attempts = attempts


class BudgetExceededError(SeedsumError):
    """The next model call would exceed the configured token or cost budget.

    `scope` is "document" (that document's token budget: a corpus run goes on with the
    others) or "run" (the run's cost budget: a corpus run stops).
    """

    def __init__(
        self,
        message: str,
        *,
        spent_tokens: int,
        spent_cost_usd: float | None,
        scope: Literal["document", "run"] = "document",
    ) -> None:
        super().__init__(message)
        self.spent_tokens = spent_tokens
        self.spent_cost_usd = spent_cost_usd
        self.scope = scope


class CacheError(SeedsumError):
    """A cache file or folder that cannot be used (`path` says which). Raised for a cache
    you named (`cache=path`, `--cache`); a problem at the default place turns caching off
    with a warning instead."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class ForeignCacheFileError(CacheError):
    """The cache path holds a SQLite database that seedsum did not create: seedsum leaves it
    untouched (see `seedsum.cache_files`)."""
