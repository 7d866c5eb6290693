"""OpenAIBackend: Chat Completions through the official `openai` SDK (the only module that
imports it), for OpenAI and any OpenAI-compatible server (vLLM, Ollama, llama.cpp, Azure).

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

import contextlib
import copy
import dataclasses
import json
import logging
import os
from collections.abc import Generator, Iterator
from typing import Any, ClassVar, Literal, cast, get_args

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
from .base import Backend, ModelReply, ModelRequest, Usage
from .capabilities import (
    ServerCapabilities,
    StructuredMode,
    TokenLimitParam,
    ignores_response_format,
    is_capability_answer,
    token_limit_param,
)
from .deadline import DeadlineClient, DeadlineExceeded, deadline, within
from .phrasing import learn_from_first_reply, output_limit, phrased
from .redaction import public_url, redact, scrubbed, url_secrets
from .retry_after import retry_after_seconds

logger = logging.getLogger("seedsum")

DEFAULT_MODEL = "gpt-4.1-mini"
DEFAULT_TIMEOUT = 60.0
#: Flex requests queue for capacity: OpenAI advises a timeout of up to 15 minutes.
FLEX_TIMEOUT = 900.0
StructuredOutput = Literal["auto", "json_schema", "json_object_schema", "json_object", "none"]
TokenLimitOption = Literal["auto", "max_completion_tokens", "max_tokens", "both"]

_TRANSIENT_STATUS = frozenset({408, 409, 429})
_UNPICKLED = (
    "this OpenAIBackend was unpickled (e.g. sent to a worker process), and {what} is never "
    "pickled: set {variable} in this process's environment, or create the backend here"
)
_NO_CACHE_KEY_HINTS = ("prompt_cache_key",)
_warned_ignoring: set[str] = set()


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
        client: openai.OpenAI | None = None,
        async_client: openai.AsyncOpenAI | None = None,
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
        discarded = Usage()  # replies asked again because the server dropped the system message
        standard = False  # a flex request refused for capacity goes out again on the standard tier
        while True:
            mode = self.capabilities.structured_output
            params = self._params(request, mode, larger_limit)
            if self.service_tier is not None and not standard:
                params["service_tier"] = self.service_tier
            try:
                completion = yield params
            except openai.RateLimitError as exc:  # before its base class, APIStatusError
                if self.flex_fallback and not standard and _capacity_refusal(exc):
                    logger.info("seedsum: flex capacity unavailable; using the standard tier")
                    standard = True
                    continue
                raise
            except openai.APIStatusError as exc:
                if self._adapt_to(exc, mode):
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
            if isinstance(completion, ChatCompletion) and learn_from_first_reply(
                self.capabilities,
                params["messages"],
                _usage(completion.usage).input_tokens,
                public_url(self.base_url) or "the server",
            ):
                # Whatever it says, cut off or not, was written without the instructions.
                discarded += _usage(completion.usage)
                continue
            reply = self._reply(completion, params, mode)
            if reply is not None:
                reply = dataclasses.replace(reply, usage=reply.usage + discarded)
                if self.service_tier is not None:
                    tier = "standard" if standard else self.service_tier
                    return dataclasses.replace(reply, tier=tier, fell_back=standard)
                return reply
            larger_limit = True

    def _params(
        self, request: ModelRequest, mode: StructuredMode, larger_limit: bool
    ) -> dict[str, Any]:
        limit = output_limit(request, self.model, self.max_completion_tokens)
        if larger_limit and self.truncation_retry_tokens:
            limit = self.truncation_retry_tokens
        params: dict[str, Any] = {
            "model": self.model,
            **phrased(request, self.capabilities, mode, limit),
        }
        if self.temperature is not None:
            params["temperature"] = self.temperature
        if self.send_prompt_cache_key and request.prompt_cache_key:
            params["prompt_cache_key"] = request.prompt_cache_key
        return params

    def _adapt_to(self, exc: openai.APIStatusError, mode: StructuredMode) -> bool:
        """Adjust to what a compatible server rejected (once each); True to send again at
        once, outside the retry policy: a capability answer is not a transient failure."""
        status, message = exc.status_code, _error_message(exc)
        lowered = message.lower()
        if status not in (400, 422, 500):
            return False
        if self.send_prompt_cache_key and any(h in lowered for h in _NO_CACHE_KEY_HINTS):
            logger.info(
                "seedsum: %s rejects prompt_cache_key; not sending it", public_url(self.base_url)
            )
            self.send_prompt_cache_key = False
            return True
        if is_capability_answer(status, message):
            following = self.capabilities.fall_back(mode)
            if following is not None:
                logger.info(
                    "seedsum: %s rejected %s output (%s: %s); trying %s",
                    public_url(self.base_url) or "the server",
                    mode,
                    status,
                    redact(message, self._secrets())[:200],
                    following,
                )
                return True
        if status != 500 and self.capabilities.swap_token_limit(message):
            logger.info(
                "seedsum: %s wants %s for the output limit; sending that",
                public_url(self.base_url) or "the server",
                self.capabilities.token_limit,
            )
            return True
        return False

    def _reply(
        self, completion: Any, params: dict[str, Any], mode: StructuredMode
    ) -> ModelReply | None:
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
        usage = _usage(completion.usage)
        if choice.finish_reason == "length":
            limit = params.get("max_completion_tokens", params.get("max_tokens"))
            if self.truncation_retry_tokens and limit != self.truncation_retry_tokens:
                return None
            truncated = TruncatedReplyError(
                f"the reply was cut off at the output limit ({limit} tokens) after "
                f"{len(content or '')} characters; use a smaller max_chunk_tokens, or set "
                "max_completion_tokens / truncation_retry_tokens higher",
                backend=self.name,
                model=self.model,
                raw=content,
            )
            truncated.usage = usage
            raise truncated
        if content is None:
            raise self._malformed("a chat completion whose message has no content")
        logger.debug("seedsum: %s answered in %s mode", public_url(self.base_url) or "OpenAI", mode)
        model = completion.model if isinstance(completion.model, str) else None
        return ModelReply(content, usage, model or self.model, structured_output=mode)

    def _malformed(self, what: str) -> MalformedReplyError:
        return MalformedReplyError(
            f"the server at {public_url(self.base_url) or 'api.openai.com'} answered with "
            f"{what}; is base_url an OpenAI-compatible /v1 endpoint, and is no proxy in the way?",
            backend=self.name,
            model=self.model,
        )

    # -- the Batch API (see seedsum.batch): thin SDK calls, plain data in and out ------------

    def batch_body(self, request: ModelRequest) -> dict[str, Any]:
        """The body of `request` as a batch line: what `complete` sends for it online."""
        return self._params(request, self.capabilities.structured_output, larger_limit=False)

    def batch_reply(self, body: dict[str, Any]) -> ModelReply:
        """The reply in a chat completion of a batch's output file (the same checks as
        online: refusals, truncation, malformed replies raise)."""
        try:
            completion = ChatCompletion.model_validate(body)
        except ValueError:
            raise self._malformed("a batch result that is not a chat completion") from None
        reply = self._reply(completion, {}, self.capabilities.structured_output)
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
        if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, DeadlineExceeded)):
            return True
        if isinstance(exc, openai.APIStatusError):
            if is_capability_answer(exc.status_code, _error_message(exc)):
                return False  # the server does not take this mode: asking again cannot help
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
            if is_capability_answer(status, message):
                return RequestRejectedError(
                    f"the server does not accept structured_output="
                    f"{self.capabilities.structured_output!r} ({status}: {message}); use "
                    "structured_output='auto' to negotiate a mode it accepts; not retried",
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
                f"the request timed out: the model at {self.base_url or 'api.openai.com'} "
                f"had {self.timeout:g} s per request and did not finish, on each of "
                f"{attempts} attempt(s). A "
                "local model can take minutes per chunk: raise timeout= (--timeout), or use a "
                "smaller max_chunk_tokens (--max-chunk-tokens)",
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
