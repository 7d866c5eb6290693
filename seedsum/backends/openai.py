"""OpenAIBackend: Chat Completions through the official `openai` SDK (the only module that
imports it), for OpenAI and any OpenAI-compatible server (vLLM, Ollama, llama.cpp, Azure).

Retries: the SDK's own retries are switched off (`max_retries=0` on its client) and tenacity
does all of them, so the number of requests a server sees for one call is at most
`max_retries + 1`, whatever the SDK's default. Transient failures (408, 409, 429, 5xx,
timeouts, dropped connections, replies that are not a chat completion) are retried with
exponential backoff and jitter, honouring `Retry-After`, within `max_retry_wait` seconds of
waiting in total; a `Retry-After` longer than `max_retry_after` fails at once. 400, 401, 403,
404 and 422 are never retried.

Structured output: `structured_output="json_schema"` asks for a strict JSON schema;
`"json_object"` asks for JSON and puts the schema in the instructions; `"auto"` (the default)
starts with `json_schema` and falls back to `json_object` for good when the server answers
400 about the response format. The API key is handed to the SDK and kept nowhere else: it is
not in this object's repr, in errors (SDK exceptions, whose requests carry it in a header, are
not chained), in cache keys or in results.
"""

from __future__ import annotations

import copy
import json
import logging
import os
from collections.abc import Generator
from typing import Any, ClassVar, Literal, cast

import httpx2
import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from ..checks import check_int, check_number
from ..errors import (
    BackendError,
    ConfigurationError,
    InvalidInputError,
    MalformedReplyError,
    RefusalError,
    RequestRejectedError,
    RetriesExhaustedError,
    RetryAfterTooLongError,
    TruncatedReplyError,
)
from .base import Backend, Message, ModelReply, ModelRequest, Usage
from .deadline import DeadlineClient, DeadlineExceeded, deadline, within
from .redaction import public_url, redact, scrubbed, url_secrets
from .retry_after import retry_after_seconds
from .strict_schema import strict_json_schema

logger = logging.getLogger("seedsum")

DEFAULT_MODEL = "gpt-4.1-mini"
StructuredOutput = Literal["auto", "json_schema", "json_object"]

_TRANSIENT_STATUS = frozenset({408, 409, 429})
_UNPICKLED = (
    "this OpenAIBackend was unpickled (e.g. sent to a worker process), and {what} is never "
    "pickled: set {variable} in this process's environment, or create the backend here"
)
_NO_CACHE_KEY_HINTS = ("prompt_cache_key",)
_RESPONSE_FORMAT_HINTS = ("response_format", "json_schema")


class OpenAIBackend(Backend):
    """Calls a Chat Completions endpoint. Arguments left out come from `OPENAI_API_KEY`,
    `OPENAI_BASE_URL` and `SEEDSUM_MODEL`; the model defaults to `gpt-4.1-mini`.

    - `timeout`: seconds for one whole request (connecting, headers and body): a server that
      trickles its reply or never finishes it counts as a timeout, and is retried. (A sync
      `client=` of your own keeps its transport, which times out between reads only.)
    - `max_retries`: retries after the first attempt (so at most `max_retries + 1` requests).
    - `max_retry_wait`: seconds of backoff in total across the retries of one call.
    - `max_retry_after`: the longest `Retry-After` honoured; a longer one fails at once.
    - `backoff`: the base of the exponential backoff with jitter, in seconds.
    - `max_completion_tokens`: output limit per call (None: the server's).
    - `truncation_retry_tokens`: if set, a reply cut off by the limit is asked once more with
      this larger limit before `TruncatedReplyError` is raised.
    - `client`, `async_client`: your own SDK clients (their retries are switched off).
    """

    name: ClassVar[str] = "openai"
    cacheable: ClassVar[bool] = True

    def __init__(
        self,
        model: str | None = None,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
        max_retry_after: float = 30.0,
        backoff: float = 0.5,
        organization: str | None = None,
        client: openai.OpenAI | None = None,
        async_client: openai.AsyncOpenAI | None = None,
        structured_output: StructuredOutput = "auto",
        temperature: float | None = None,
        max_completion_tokens: int | None = None,
        truncation_retry_tokens: int | None = None,
        send_prompt_cache_key: bool = True,
    ) -> None:
        check_int("max_retries", max_retries, minimum=0)
        check_number("timeout", timeout)
        check_number("max_retry_wait", max_retry_wait, positive=False)
        check_number("max_retry_after", max_retry_after, positive=False)
        check_number("backoff", backoff, positive=False)
        if structured_output not in ("auto", "json_schema", "json_object"):
            raise InvalidInputError(
                "structured_output must be 'auto', 'json_schema' or 'json_object', "
                f"got {structured_output!r}"
            )
        self.model = model or os.environ.get("SEEDSUM_MODEL") or DEFAULT_MODEL
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        if client is not None and self.base_url is None:
            self.base_url = str(client.base_url)
        self._api_key = api_key  # resolved lazily, so a missing key fails at the first call
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.max_retry_after = max_retry_after
        self.backoff = backoff
        self.organization = organization
        self.structured_output = structured_output
        self.temperature = temperature
        self.max_completion_tokens = max_completion_tokens
        self.truncation_retry_tokens = truncation_retry_tokens
        self.send_prompt_cache_key = send_prompt_cache_key
        self._client = client.with_options(max_retries=0) if client else None
        self._async_client = async_client.with_options(max_retries=0) if async_client else None
        self._unpickled_without_key = self._unpickled_without_url = False

    def __repr__(self) -> str:
        return f"OpenAIBackend(model={self.model!r}, base_url={public_url(self.base_url)!r})"

    # A pickle (multiprocessing, Dask, Ray) never holds the key: the copy reads OPENAI_API_KEY
    # where it runs, or says that it must be given again. Nor does it hold the SDK clients
    # (they hold the key, locks and sockets): the copy builds its own at its first call.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.update(_api_key=None, _client=None, _async_client=None)
        state["_unpickled_without_key"] = self._api_key is not None or self._unpickled_without_key
        if url_secrets(self.base_url):
            state["base_url"] = public_url(self.base_url)
            state["_unpickled_without_url"] = True
        return state

    # A copy inside this process is no pickle: it keeps the key (and, if shallow, the clients).
    def __copy__(self) -> OpenAIBackend:
        duplicate = object.__new__(type(self))
        duplicate.__dict__.update(self.__dict__)
        return duplicate

    def __deepcopy__(self, memo: dict[int, Any]) -> OpenAIBackend:
        duplicate = object.__new__(type(self))
        memo[id(self)] = duplicate
        state = {k: v for k, v in self.__dict__.items() if k not in ("_client", "_async_client")}
        duplicate.__dict__.update(copy.deepcopy(state, memo), _client=None, _async_client=None)
        return duplicate

    def identity(self) -> dict[str, str | None]:
        return {
            "backend": self.name,
            "model": self.model,
            "base_url": public_url(self.base_url) or "https://api.openai.com/v1",
            "temperature": None if self.temperature is None else repr(self.temperature),
            "max_completion_tokens": str(self.max_completion_tokens),
        }

    # -- clients --------------------------------------------------------------------------

    def _key(self) -> str:
        key = self._api_key or os.environ.get("OPENAI_API_KEY")
        if not key and self._unpickled_without_key:
            what, variable = "its API key", "OPENAI_API_KEY"
            raise ConfigurationError(_UNPICKLED.format(what=what, variable=variable))
        if not key:
            raise ConfigurationError(
                "no API key for the OpenAI backend: set the OPENAI_API_KEY environment "
                "variable or pass OpenAIBackend(api_key=...). For a local OpenAI-compatible "
                "server that needs no key, pass any placeholder, e.g. api_key='none'."
            )
        return key

    def _client_options(self) -> dict[str, Any]:
        return {
            "api_key": self._key(),
            "base_url": self._url(),
            "organization": self.organization,
            "timeout": self.timeout,
            "max_retries": 0,  # tenacity does every retry (see the module docstring)
        }

    def _url(self) -> str | None:
        if not self._unpickled_without_url:
            return self.base_url
        configured = os.environ.get("OPENAI_BASE_URL")
        if configured and public_url(configured) == self.base_url:
            return configured
        what = f"the credentials in its base_url ({self.base_url})"
        raise ConfigurationError(_UNPICKLED.format(what=what, variable="OPENAI_BASE_URL"))

    def _secrets(self) -> list[str | None]:
        """What must never be shown: the key, and credentials in the base URL."""
        urls = [self.base_url, os.environ.get("OPENAI_BASE_URL")]
        in_urls = [secret for url in urls for secret in url_secrets(url)]
        return [self._api_key, os.environ.get("OPENAI_API_KEY"), *in_urls]

    def _sync_client(self) -> openai.OpenAI:
        if self._client is None:
            # The SDK's own defaults, on a client that enforces `deadline()` (see below).
            http_client = DeadlineClient(
                timeout=self.timeout,
                limits=openai.DEFAULT_CONNECTION_LIMITS,
                follow_redirects=True,
            )
            self._client = openai.OpenAI(**self._client_options(), http_client=http_client)
        return self._client

    def _aclient(self) -> openai.AsyncOpenAI:
        if self._async_client is None:
            self._async_client = openai.AsyncOpenAI(**self._client_options())
        return self._async_client

    # -- calls ----------------------------------------------------------------------------

    def complete(self, request: ModelRequest) -> ModelReply:
        client = self._sync_client()
        retrying = Retrying(**self._retry_policy())
        try:
            for attempt in retrying:
                with attempt:
                    exchange = self._exchange(request)
                    params = next(exchange)
                    while True:
                        try:
                            # `timeout` bounds the whole request, not only each read.
                            with deadline(self.timeout):
                                completion = client.chat.completions.create(**params)
                        except Exception as exc:  # the exchange decides what is fatal
                            params = exchange.throw(exc)
                            continue
                        try:
                            params = exchange.send(completion)
                        except StopIteration as done:
                            return cast(ModelReply, done.value)
        except Exception as exc:
            error = self._final_error(exc, retrying.statistics.get("attempt_number", 1))
        raise error from None  # outside the handler: the SDK's exception is not its context

    async def acomplete(self, request: ModelRequest) -> ModelReply:
        client = self._aclient()
        retrying = AsyncRetrying(**self._retry_policy())
        try:
            async for attempt in retrying:
                with attempt:
                    exchange = self._exchange(request)
                    params = next(exchange)
                    while True:
                        try:
                            create = client.chat.completions.create(**params)
                            completion = await within(self.timeout, create)
                        except Exception as exc:  # the exchange decides what is fatal
                            params = exchange.throw(exc)
                            continue
                        try:
                            params = exchange.send(completion)
                        except StopIteration as done:
                            return cast(ModelReply, done.value)
        except Exception as exc:
            error = self._final_error(exc, retrying.statistics.get("attempt_number", 1))
        raise error from None  # outside the handler: the SDK's exception is not its context

    def _exchange(self, request: ModelRequest) -> Generator[dict[str, Any], Any, ModelReply]:
        """One attempt, without I/O: yields request parameters and receives the completion
        (or has the SDK's exception thrown in). Drops what a compatible server rejects, and
        asks once more with a larger output limit after a truncated reply, if configured."""
        larger_limit = False
        while True:
            params = self._params(request, larger_limit)
            try:
                completion = yield params
            except openai.BadRequestError as exc:
                if self._adapt_to(exc):
                    continue
                raise
            except json.JSONDecodeError as exc:
                raise self._malformed(f"a body that is not JSON ({exc})") from None
            except RecursionError:
                raise self._malformed("a JSON body nested too deeply to read") from None
            except openai.APIConnectionError as exc:
                if isinstance(exc.__cause__, httpx2.DecodingError):
                    raise self._malformed(
                        "a body that could not be decoded (its Content-Encoding, e.g. gzip, "
                        f"does not match its bytes: {exc.__cause__})"
                    ) from None
                raise
            reply = self._reply(completion, params)
            if reply is not None:
                return reply
            larger_limit = True

    def _params(self, request: ModelRequest, larger_limit: bool) -> dict[str, Any]:
        messages = list(request.messages)
        if self.structured_output == "json_object":
            schema = json.dumps(strict_json_schema(request.output_type), ensure_ascii=False)
            first = messages[0]
            messages[0] = Message(
                first.role,
                f"{first.content}\n\nThe JSON object must match this JSON schema:\n{schema}",
            )
            response_format: dict[str, Any] = {"type": "json_object"}
        else:
            response_format = {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema_name,
                    "schema": strict_json_schema(request.output_type),
                    "strict": True,
                },
            }
        params: dict[str, Any] = {
            "model": self.model,
            "messages": [m.to_dict() for m in messages],
            "response_format": response_format,
        }
        if self.temperature is not None:
            params["temperature"] = self.temperature
        limit = request.max_output_tokens or self.max_completion_tokens
        if larger_limit and self.truncation_retry_tokens:
            limit = self.truncation_retry_tokens
        if limit is not None:
            params["max_completion_tokens"] = limit
        if self.send_prompt_cache_key and request.prompt_cache_key:
            params["prompt_cache_key"] = request.prompt_cache_key
        return params

    def _adapt_to(self, exc: openai.BadRequestError) -> bool:
        """Drop what a compatible server rejected (once each); True if worth sending again."""
        message = _error_message(exc).lower()
        if self.send_prompt_cache_key and any(h in message for h in _NO_CACHE_KEY_HINTS):
            logger.info(
                "seedsum: %s rejects prompt_cache_key; not sending it", public_url(self.base_url)
            )
            self.send_prompt_cache_key = False
            return True
        if self.structured_output == "auto" and any(h in message for h in _RESPONSE_FORMAT_HINTS):
            logger.warning(
                "seedsum: %s rejected json_schema output (%s); falling back to json_object "
                "with the schema in the instructions",
                public_url(self.base_url) or "the server",
                redact(_error_message(exc)[:200], self._secrets()),
            )
            self.structured_output = "json_object"
            return True
        return False

    def _reply(self, completion: Any, params: dict[str, Any]) -> ModelReply | None:
        """The reply in `completion`, or None to ask once more with a larger output limit."""
        if not isinstance(completion, ChatCompletion):
            raise self._malformed(f"a {type(completion).__name__} instead of a chat completion")
        problem = _shape_problem(completion)
        if problem:
            raise self._malformed(f"a chat completion whose {problem}")
        choice = completion.choices[0]
        content = choice.message.content
        if choice.message.refusal:
            raise RefusalError(
                f"the model refused to answer: {choice.message.refusal!r}. The text may touch "
                "a topic the model declines; try another model or rephrase nothing: the "
                "document is sent as data.",
                backend=self.name,
                model=self.model,
                raw=choice.message.refusal,
            )
        if choice.finish_reason == "content_filter":
            raise RefusalError(
                "the provider's content filter stopped the reply; try another model",
                backend=self.name,
                model=self.model,
                raw=content,
            )
        if choice.finish_reason == "length":
            if self.truncation_retry_tokens and params.get("max_completion_tokens") != (
                self.truncation_retry_tokens
            ):
                return None
            raise TruncatedReplyError(
                f"the reply was cut off at the output limit "
                f"(max_completion_tokens={params.get('max_completion_tokens')}) after "
                f"{len(content or '')} characters; use a smaller max_chunk_tokens, or set "
                "max_completion_tokens / truncation_retry_tokens higher",
                backend=self.name,
                model=self.model,
                raw=content,
            )
        if content is None:
            raise self._malformed("a chat completion whose message has no content")
        usage = _usage(completion.usage)
        model = completion.model if isinstance(completion.model, str) else None
        return ModelReply(content, usage, model or self.model)

    def _malformed(self, what: str) -> MalformedReplyError:
        return MalformedReplyError(
            f"the server at {public_url(self.base_url) or 'api.openai.com'} answered with "
            f"{what}; is base_url an OpenAI-compatible /v1 endpoint, and is no proxy in the way?",
            backend=self.name,
            model=self.model,
        )

    # -- retry policy -----------------------------------------------------------------------

    def _retry_policy(self) -> dict[str, Any]:
        backoff = wait_random_exponential(
            multiplier=self.backoff, max=min(20.0, self.max_retry_wait)
        )

        def wait(state: RetryCallState) -> float:
            outcome = state.outcome
            exc = outcome.exception() if outcome else None
            after = _retry_after(exc) if exc else None
            return after if after is not None else float(backoff(state))

        return {
            "stop": stop_after_attempt(self.max_retries + 1)
            | stop_before_delay(self.max_retry_wait),
            "wait": wait,
            "retry": retry_if_exception(self._retryable),
            "reraise": True,
        }

    def _retryable(self, exc: BaseException) -> bool:
        if isinstance(exc, MalformedReplyError):
            return True
        if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, DeadlineExceeded)):
            return True
        if isinstance(exc, openai.APIStatusError):
            transient = exc.status_code in _TRANSIENT_STATUS or exc.status_code >= 500
            after = _retry_after(exc)
            return transient and (after is None or after <= self.max_retry_after)
        return False

    def _final_error(self, exc: BaseException, attempts: int) -> BackendError:
        """The seedsum error for what ended a call, with every secret redacted and nothing
        chained (SDK errors keep their request, whose headers carry the key)."""
        return scrubbed(self._classify(exc, attempts), self._secrets())

    def _classify(self, exc: BaseException, attempts: int) -> BackendError:
        context: dict[str, Any] = {"backend": self.name, "model": self.model, "attempts": attempts}
        if isinstance(exc, BackendError):
            exc.attempts = attempts
            return exc
        if isinstance(exc, openai.APIStatusError):
            status, message = exc.status_code, _error_message(exc)
            context["status_code"] = status
            after = _retry_after(exc)
            if after is not None and after > self.max_retry_after:
                return RetryAfterTooLongError(
                    f"the server asked to wait {after:g} s before retrying ({status}: "
                    f"{message}), longer than max_retry_after={self.max_retry_after:g} s; "
                    "try again later, or lower the request rate",
                    retry_after=after,
                    **context,
                )
            if status in _TRANSIENT_STATUS or status >= 500:
                return RetriesExhaustedError(
                    f"{status} from the server on each of {attempts} attempt(s); last: "
                    f"{message}. Try again later, or raise max_retries / max_retry_wait",
                    **context,
                )
            return RequestRejectedError(_rejection(status, message, self), **context)
        if isinstance(exc, (openai.APITimeoutError, DeadlineExceeded)):
            return RetriesExhaustedError(
                f"the request timed out (timeout={self.timeout:g} s) on each of {attempts} "
                "attempt(s); raise timeout=, or use a smaller max_chunk_tokens",
                **context,
            )
        if isinstance(exc, openai.APIConnectionError):
            return RetriesExhaustedError(
                f"could not reach {public_url(self.base_url) or 'api.openai.com'} on any of "
                f"{attempts} attempt(s) (connection failed or dropped); check base_url and the "
                "network",
                **context,
            )
        return BackendError(
            f"the OpenAI backend failed on attempt {attempts}: {type(exc).__name__}: {exc}",
            **context,
        )


def _shape_problem(completion: ChatCompletion) -> str | None:
    """What makes a completion unusable, if anything. The SDK builds it without validation,
    so any field may hold any JSON value."""
    choices: object = completion.choices
    if not isinstance(choices, list):
        return f"choices is a {type(choices).__name__}, not a list"
    if not choices:
        return "choices list is empty"
    choice = choices[0]
    if not isinstance(choice, Choice) or not isinstance(choice.message, ChatCompletionMessage):
        return "first choice is not a choice with a message"
    message = choice.message
    for field in ("content", "refusal"):
        value = getattr(message, field)
        if value is not None and not isinstance(value, str):
            return f"message {field} is a {type(value).__name__}, not a string"
    return None


def _usage(usage: object) -> Usage:
    """Token counts as reported; a count that is not a non-negative int is not trusted (0)."""

    def count(owner: object, name: str) -> int:
        value = getattr(owner, name, None)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        return 0

    details = getattr(usage, "prompt_tokens_details", None)
    return Usage(
        count(usage, "prompt_tokens"),
        count(usage, "completion_tokens"),
        count(details, "cached_tokens"),
    )


def _error_message(exc: openai.APIStatusError) -> str:
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


def _retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms` or `retry-after`), if any."""
    response = getattr(exc, "response", None)
    if not isinstance(response, httpx2.Response):
        return None
    return retry_after_seconds(response.headers)


__all__ = ["DEFAULT_MODEL", "OpenAIBackend"]
