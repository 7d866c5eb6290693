"""OpenAIBackend: Chat Completions through the official `openai` SDK, for OpenAI and any
OpenAI-compatible server (vLLM, Ollama, llama.cpp, Azure).

This module holds the backend's options, clients and calls; the SDK itself is imported only in
`openai_sdk` (its clients, exceptions and reply types), errors are classified in
`openai_errors`, replies read in `openai_replies`, and the Batch API calls are in
`openai_batch`.

Retries: the SDK's own retries are switched off (`max_retries=0` on its client) and tenacity
does all of them, so the number of requests a server sees for one call is at most
`max_retries + 1`, whatever the SDK's default. Transient failures (408, 409, 429, 5xx,
timeouts, dropped connections, replies that are not a chat completion) are retried with
exponential backoff and jitter, honouring `Retry-After`, within `max_retry_wait` seconds of
waiting in total; a `Retry-After` longer than `max_retry_after` fails at once. 400, 401, 403,
404 and 422 are never retried.

Structured output and the output limit are negotiated with the server once per backend and
remembered (`seedsum.backends.capabilities`): `"auto"` (the default) starts with a strict
`json_schema` and, when the server answers 400, 422 or 500 about the response format, moves
at once (no retry) to `json_object` with the schema attached, then plain `json_object` with the
schema in the instructions, then no `response_format`. The output limit goes out as
`max_completion_tokens` to OpenAI and Azure and as `max_tokens` elsewhere.

The API key is handed to the SDK and kept nowhere else: it is not in this object's repr, in
errors (SDK exceptions, whose requests carry it in a header, are not chained), in cache keys
or in results.
"""

from __future__ import annotations

import copy
import functools
import logging
import os
from typing import Any, ClassVar, Literal, cast, get_args

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
from ..errors import BackendError, ConfigurationError, InvalidInputError
from .base import Backend, ModelReply, ModelRequest
from .capabilities import (
    ServerCapabilities,
    StructuredMode,
    TokenLimitParam,
    ignores_response_format,
    token_limit_param,
)
from .deadline import deadline, within
from .openai_batch import BatchCalls
from .openai_errors import classify, retry_after, retryable
from .openai_replies import read_reply
from .openai_requests import attempt_exchange, request_params
from .openai_sdk import AsyncOpenAI, OpenAI, async_client, sync_client
from .redaction import public_url, scrubbed, url_secrets

logger = logging.getLogger("seedsum")

DEFAULT_MODEL = "gpt-4.1-mini"
DEFAULT_TIMEOUT = 60.0
#: Flex requests queue for capacity: OpenAI advises a timeout of up to 15 minutes.
FLEX_TIMEOUT = 900.0
StructuredOutput = Literal["auto", "json_schema", "json_object_schema", "json_object", "none"]
TokenLimitOption = Literal["auto", "max_completion_tokens", "max_tokens", "both"]

_UNPICKLED = (
    "this OpenAIBackend was unpickled (e.g. sent to a worker process), and {what} is never "
    "pickled: set {variable} in this process's environment, or create the backend here"
)
_warned_ignoring: set[str] = set()


class OpenAIBackend(BatchCalls, Backend):
    """Calls a Chat Completions endpoint. Arguments left out come from `OPENAI_API_KEY`,
    `OPENAI_BASE_URL` and `SEEDSUM_MODEL`; the model defaults to `gpt-4.1-mini`.

    - `timeout`: seconds for one whole request (connecting, headers and body): a server that
      trickles its reply or never finishes it counts as a timeout, and is retried. (A sync
      `client=` of your own keeps its transport, which times out between reads only.)
    - `max_retries`: retries after the first attempt (so at most `max_retries + 1` requests).
    - `max_retry_wait`: seconds of backoff in total across the retries of one call.
    - `max_retry_after`: the longest `Retry-After` honoured; a longer one fails at once.
    - `backoff`: the base of the exponential backoff with jitter, in seconds.
    - `structured_output`: "auto" negotiates (see the module docstring), or one mode fixed:
      "json_schema", "json_object_schema", "json_object", "none".
    - `max_completion_tokens`: a fixed output limit per call; None (the default): derived
      per request from the chunk size, capped by what the model allows.
    - `token_limit_param`: the name the limit is sent under: "auto" (by base URL),
      "max_completion_tokens", "max_tokens" or "both".
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
        client: OpenAI | None = None,
        async_client: AsyncOpenAI | None = None,
        structured_output: StructuredOutput = "auto",
        temperature: float | None = None,
        max_completion_tokens: int | None = None,
        truncation_retry_tokens: int | None = None,
        send_prompt_cache_key: bool = True,
        token_limit_param: TokenLimitOption = "auto",
        service_tier: Literal["flex"] | None = None,
        flex_fallback: bool = False,
    ) -> None:
        check_int("max_retries", max_retries, minimum=0)
        if timeout is not None:
            check_number("timeout", timeout)
        check_number("max_retry_wait", max_retry_wait, positive=False)
        check_number("max_retry_after", max_retry_after, positive=False)
        check_number("backoff", backoff, positive=False)
        if structured_output not in get_args(StructuredOutput):
            raise InvalidInputError(
                "structured_output must be 'auto', 'json_schema', 'json_object_schema', "
                f"'json_object' or 'none', got {structured_output!r}"
            )
        if token_limit_param not in get_args(TokenLimitOption):
            raise InvalidInputError(
                "token_limit_param must be 'auto', 'max_completion_tokens', 'max_tokens' or "
                f"'both', got {token_limit_param!r}"
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
        self.capabilities = _capabilities(structured_output, token_limit_param, self.base_url)
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

    def _sync_client(self) -> OpenAI:
        if self._client is None:
            self._client = sync_client(self._client_options())  # enforces `deadline()`
        return self._client

    def _aclient(self) -> AsyncOpenAI:
        if self._async_client is None:
            self._async_client = async_client(self._client_options())
        return self._async_client

    # -- calls ----------------------------------------------------------------------------

    def complete(self, request: ModelRequest) -> ModelReply:
        client = self._sync_client()
        retrying = Retrying(**self._retry_policy())
        try:
            for attempt in retrying:
                with attempt:
                    exchange = attempt_exchange(self, request)
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
                    exchange = attempt_exchange(self, request)
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

    def _params(
        self, request: ModelRequest, mode: StructuredMode, larger_limit: bool
    ) -> dict[str, Any]:
        return request_params(self, request, mode, larger_limit)

    def _reply(
        self, completion: object, params: dict[str, Any], mode: StructuredMode
    ) -> ModelReply | None:
        """The reply in `completion`, or None to ask once more with a larger output limit."""
        return read_reply(self, completion, params, mode)

    # -- retry policy -----------------------------------------------------------------------

    def _retry_policy(self) -> dict[str, Any]:
        backoff = wait_random_exponential(
            multiplier=self.backoff, max=min(20.0, self.max_retry_wait)
        )

        def wait(state: RetryCallState) -> float:
            outcome = state.outcome
            exc = outcome.exception() if outcome else None
            after = retry_after(exc) if exc else None
            return after if after is not None else float(backoff(state))

        return {
            "stop": stop_after_attempt(self.max_retries + 1)
            | stop_before_delay(self.max_retry_wait),
            "wait": wait,
            "retry": retry_if_exception(functools.partial(retryable, self)),
            "reraise": True,
        }

    def _final_error(self, exc: BaseException, attempts: int) -> BackendError:
        """The seedsum error for what ended a call, with every secret redacted and nothing
        chained (SDK errors keep their request, whose headers carry the key)."""
        return scrubbed(classify(self, exc, attempts), self._secrets())


def _capabilities(
    structured_output: StructuredOutput, token_limit: TokenLimitOption, base_url: str | None
) -> ServerCapabilities:
    if ignores_response_format(base_url) and base_url not in _warned_ignoring:
        _warned_ignoring.add(base_url or "")
        logger.warning(
            "seedsum: %s (Anthropic's OpenAI compatibility layer) ignores response_format; "
            "replies are still validated locally and re-asked when they do not fit",
            base_url,
        )
    limit: TokenLimitParam = token_limit_param(base_url) if token_limit == "auto" else token_limit
    if structured_output == "auto":
        return ServerCapabilities("json_schema", negotiable=True, token_limit=limit)
    return ServerCapabilities(structured_output, negotiable=False, token_limit=limit)


__all__ = ["DEFAULT_MODEL", "OpenAIBackend"]
