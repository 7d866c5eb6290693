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

import contextlib
import dataclasses
import email.utils
import json
import logging
import os
import time
from collections.abc import Generator, Iterator
from typing import Any, ClassVar, Literal, cast

import httpx2
import openai
from openai.types.chat import ChatCompletion
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from ..errors import (
    BackendError,
    ConfigurationError,
    MalformedReplyError,
    RefusalError,
    RequestRejectedError,
    RetriesExhaustedError,
    RetryAfterTooLongError,
    TruncatedReplyError,
)
from .base import Backend, Message, ModelReply, ModelRequest, Usage
from .strict_schema import strict_json_schema

logger = logging.getLogger("seedsum")

DEFAULT_MODEL = "gpt-4.1-mini"
DEFAULT_TIMEOUT = 60.0
#: Flex requests queue for capacity: OpenAI advises a timeout of up to 15 minutes.
FLEX_TIMEOUT = 900.0
StructuredOutput = Literal["auto", "json_schema", "json_object"]

_TRANSIENT_STATUS = frozenset({408, 409, 429})
_NO_CACHE_KEY_HINTS = ("prompt_cache_key",)
_RESPONSE_FORMAT_HINTS = ("response_format", "json_schema")


class OpenAIBackend(Backend):
    """Calls a Chat Completions endpoint. Arguments left out come from `OPENAI_API_KEY`,
    `OPENAI_BASE_URL` and `SEEDSUM_MODEL`; the model defaults to `gpt-4.1-mini`.

    - `timeout`: seconds for one request.
    - `max_retries`: retries after the first attempt (so at most `max_retries + 1` requests).
    - `max_retry_wait`: seconds of backoff in total across the retries of one call.
    - `max_retry_after`: the longest `Retry-After` honoured; a longer one fails at once.
    - `backoff`: the base of the exponential backoff with jitter, in seconds.
    - `max_completion_tokens`: output limit per call (None: the server's).
    - `truncation_retry_tokens`: if set, a reply cut off by the limit is asked once more with
      this larger limit before `TruncatedReplyError` is raised.
    - `client`, `async_client`: your own SDK clients (their retries are switched off).
    - `service_tier="flex"`: OpenAI's flex processing, half the price on the models that offer
      it, slower and sometimes refused for capacity (429 "resource unavailable"); the default
      timeout becomes `FLEX_TIMEOUT`. With `flex_fallback=True` such a refused request is sent
      again on the standard tier (counted in `meta.flex_fallbacks`); otherwise it is retried.
    """

    name: ClassVar[str] = "openai"
    cacheable: ClassVar[bool] = True

    def __init__(
        self,
        model: str | None = None,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
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
        service_tier: Literal["flex"] | None = None,
        flex_fallback: bool = False,
    ) -> None:
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries}")
        if structured_output not in ("auto", "json_schema", "json_object"):
            raise ValueError(
                "structured_output must be 'auto', 'json_schema' or 'json_object', "
                f"got {structured_output!r}"
            )
        self.model = model or os.environ.get("SEEDSUM_MODEL") or DEFAULT_MODEL
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        if client is not None and self.base_url is None:
            self.base_url = str(client.base_url)
        self._api_key = api_key  # resolved lazily, so a missing key fails at the first call
        if service_tier not in (None, "flex"):
            raise ValueError(f"service_tier must be None or 'flex', got {service_tier!r}")
        self.service_tier = service_tier
        self.flex_fallback = flex_fallback
        if timeout is None:
            timeout = FLEX_TIMEOUT if service_tier == "flex" else DEFAULT_TIMEOUT
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

    def __repr__(self) -> str:
        return f"OpenAIBackend(model={self.model!r}, base_url={self.base_url!r})"

    def identity(self) -> dict[str, str | None]:
        return {
            "backend": self.name,
            "model": self.model,
            "base_url": self.base_url or "https://api.openai.com/v1",
            "temperature": None if self.temperature is None else repr(self.temperature),
            "max_completion_tokens": str(self.max_completion_tokens),
        }

    # -- clients --------------------------------------------------------------------------

    def _key(self) -> str:
        key = self._api_key or os.environ.get("OPENAI_API_KEY")
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
            "base_url": self.base_url,
            "organization": self.organization,
            "timeout": self.timeout,
            "max_retries": 0,  # tenacity does every retry (see the module docstring)
        }

    def _sync_client(self) -> openai.OpenAI:
        if self._client is None:
            self._client = openai.OpenAI(**self._client_options())
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
                            completion = client.chat.completions.create(**params)
                        except Exception as exc:  # the exchange decides what is fatal
                            params = exchange.throw(exc)
                            continue
                        try:
                            params = exchange.send(completion)
                        except StopIteration as done:
                            return cast(ModelReply, done.value)
        except Exception as exc:
            raise self._final_error(exc, retrying.statistics.get("attempt_number", 1)) from None
        raise AssertionError("unreachable: tenacity returns or raises")  # pragma: no cover

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
                            completion = await client.chat.completions.create(**params)
                        except Exception as exc:  # the exchange decides what is fatal
                            params = exchange.throw(exc)
                            continue
                        try:
                            params = exchange.send(completion)
                        except StopIteration as done:
                            return cast(ModelReply, done.value)
        except Exception as exc:
            raise self._final_error(exc, retrying.statistics.get("attempt_number", 1)) from None
        raise AssertionError("unreachable: tenacity returns or raises")  # pragma: no cover

    def _exchange(self, request: ModelRequest) -> Generator[dict[str, Any], Any, ModelReply]:
        """One attempt, without I/O: yields request parameters and receives the completion
        (or has the SDK's exception thrown in). Drops what a compatible server rejects, and
        asks once more with a larger output limit after a truncated reply, if configured."""
        larger_limit = False
        standard = False  # a flex request refused for capacity goes out again on the standard tier
        while True:
            params = self._params(request, larger_limit)
            if self.service_tier is not None and not standard:
                params["service_tier"] = self.service_tier
            try:
                completion = yield params
            except openai.BadRequestError as exc:
                if self._adapt_to(exc):
                    continue
                raise
            except openai.RateLimitError as exc:
                if self.flex_fallback and not standard and _capacity_refusal(exc):
                    logger.info("seedsum: flex capacity unavailable; using the standard tier")
                    standard = True
                    continue
                raise
            except json.JSONDecodeError as exc:
                raise self._malformed(f"a body that is not JSON ({exc})") from None
            reply = self._reply(completion, params)
            if reply is not None:
                if self.service_tier is not None:
                    tier = "standard" if standard else self.service_tier
                    return dataclasses.replace(reply, tier=tier, fell_back=standard)
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
            logger.info("seedsum: %s rejects prompt_cache_key; not sending it", self.base_url)
            self.send_prompt_cache_key = False
            return True
        if self.structured_output == "auto" and any(h in message for h in _RESPONSE_FORMAT_HINTS):
            logger.warning(
                "seedsum: %s rejected json_schema output (%s); falling back to json_object "
                "with the schema in the instructions",
                self.base_url or "the server",
                _error_message(exc)[:200],
            )
            self.structured_output = "json_object"
            return True
        return False

    def _reply(self, completion: Any, params: dict[str, Any]) -> ModelReply | None:
        """The reply in `completion`, or None to ask once more with a larger output limit."""
        if not isinstance(completion, ChatCompletion):
            raise self._malformed(f"a {type(completion).__name__} instead of a chat completion")
        if not completion.choices:
            raise self._malformed("a chat completion with no choices")
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
        usage = Usage()
        if completion.usage is not None:
            details = completion.usage.prompt_tokens_details
            usage = Usage(
                completion.usage.prompt_tokens,
                completion.usage.completion_tokens,
                (details.cached_tokens or 0) if details else 0,
            )
        return ModelReply(content, usage, completion.model or self.model)

    def _malformed(self, what: str) -> MalformedReplyError:
        return MalformedReplyError(
            f"the server at {self.base_url or 'api.openai.com'} answered with {what}; is "
            "base_url an OpenAI-compatible /v1 endpoint, and is no proxy in the way?",
            backend=self.name,
            model=self.model,
        )

    # -- the Batch API (see seedsum.batch): thin SDK calls, plain data in and out ------------

    def batch_body(self, request: ModelRequest) -> dict[str, Any]:
        """The body of `request` as a batch line: what `complete` sends for it online."""
        return self._params(request, larger_limit=False)

    def batch_reply(self, body: dict[str, Any]) -> ModelReply:
        """The reply in a chat completion of a batch's output file (the same checks as
        online: refusals, truncation, malformed replies raise)."""
        try:
            completion = ChatCompletion.model_validate(body)
        except ValueError:
            raise self._malformed("a batch result that is not a chat completion") from None
        reply = self._reply(completion, {})
        if reply is None:
            raise TruncatedReplyError(
                "the batch reply was cut off at the output limit",
                backend=self.name,
                model=self.model,
            )
        return dataclasses.replace(reply, tier="batch")

    def upload_batch_file(self, data: bytes, filename: str) -> str:
        """Upload a batch input file; returns its file id."""
        with self._batch_errors():
            created = self._batch_client().files.create(
                file=(filename, data, "application/jsonl"), purpose="batch"
            )
        return created.id

    def create_batch(self, file_id: str, metadata: dict[str, str]) -> dict[str, Any]:
        with self._batch_errors():
            batch = self._batch_client().batches.create(
                input_file_id=file_id,
                endpoint="/v1/chat/completions",
                completion_window="24h",
                metadata=metadata,
            )
        return batch.model_dump()

    def find_batch(self, file_id: str) -> dict[str, Any] | None:
        """The recent batch created from input file `file_id`, if any (after a crash between
        creating a batch and recording it)."""
        with self._batch_errors():
            page = self._batch_client().batches.list(limit=100)
        found = next((b for b in page.data if b.input_file_id == file_id), None)
        return None if found is None else found.model_dump()

    def retrieve_batch(self, batch_id: str) -> dict[str, Any]:
        with self._batch_errors():
            return self._batch_client().batches.retrieve(batch_id).model_dump()

    def cancel_batch(self, batch_id: str) -> dict[str, Any]:
        with self._batch_errors():
            return self._batch_client().batches.cancel(batch_id).model_dump()

    def file_content(self, file_id: str) -> bytes:
        with self._batch_errors():
            return self._batch_client().files.content(file_id).content

    def _batch_client(self) -> openai.OpenAI:
        # Batch management calls are few and idempotent to retry: the SDK's retries do.
        return self._sync_client().with_options(max_retries=self.max_retries)

    @contextlib.contextmanager
    def _batch_errors(self) -> Iterator[None]:
        try:
            yield
        except openai.OpenAIError as exc:
            error = self._final_error(exc, 1)
            if not isinstance(error, BackendError):
                error = BackendError(f"the Batch API call failed: {exc}", backend=self.name)
            raise error from None

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
        if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
            return True
        if isinstance(exc, openai.APIStatusError):
            transient = exc.status_code in _TRANSIENT_STATUS or exc.status_code >= 500
            after = _retry_after(exc)
            return transient and (after is None or after <= self.max_retry_after)
        return False

    def _final_error(self, exc: BaseException, attempts: int) -> BaseException:
        """The seedsum error for what ended a call (SDK errors are not chained: their
        requests carry the API key)."""
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
        if isinstance(exc, openai.APITimeoutError):
            return RetriesExhaustedError(
                f"the request timed out (timeout={self.timeout:g} s) on each of {attempts} "
                "attempt(s); raise timeout=, or use a smaller max_chunk_tokens",
                **context,
            )
        if isinstance(exc, openai.APIConnectionError):
            return RetriesExhaustedError(
                f"could not reach {self.base_url or 'api.openai.com'} on any of {attempts} "
                "attempt(s) (connection failed or dropped); check base_url and the network",
                **context,
            )
        return exc


def _capacity_refusal(exc: openai.RateLimitError) -> bool:
    """A flex request refused for lack of capacity (not a rate limit of the account)."""
    body = exc.body if isinstance(exc.body, dict) else {}
    inner = body.get("error", body)
    code = inner.get("code") if isinstance(inner, dict) else None
    return code == "resource_unavailable" or "resource unavailable" in _error_message(exc).lower()


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
        f"{backend.base_url or 'https://api.openai.com/v1'}",
        422: "the server could not process the request",
    }
    hint = hints.get(status, "the server rejected the request")
    return f"{hint} ({status}: {message}); not retried"


def _retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms` or `retry-after`), if any."""
    response = getattr(exc, "response", None)
    if not isinstance(response, httpx2.Response):
        return None
    headers = response.headers
    try:
        if "retry-after-ms" in headers:
            return float(headers["retry-after-ms"]) / 1000
        if "retry-after" in headers:
            value = headers["retry-after"]
            try:
                return float(value)
            except ValueError:
                when = email.utils.parsedate_to_datetime(value)
                return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return None
    return None


__all__ = ["DEFAULT_MODEL", "OpenAIBackend"]
