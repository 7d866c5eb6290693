"""The Batch API half of OpenAIBackend (see seedsum.batch): thin SDK calls, plain data in and
out, each failure a seedsum error like those of online calls."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from typing import Any, ClassVar, Protocol

from ..errors import BackendError, TruncatedReplyError
from .base import ModelReply, ModelRequest
from .capabilities import ServerCapabilities, StructuredMode
from .openai_errors import malformed
from .openai_sdk import OpenAI, OpenAIError, validated_completion


class _Backend(Protocol):
    """What the batch calls use of OpenAIBackend."""

    name: ClassVar[str]
    model: str
    base_url: str | None
    max_retries: int
    capabilities: ServerCapabilities

    def _sync_client(self) -> OpenAI: ...

    def _params(
        self, request: ModelRequest, mode: StructuredMode, larger_limit: bool
    ) -> dict[str, Any]: ...

    def _reply(
        self, completion: object, params: dict[str, Any], mode: StructuredMode
    ) -> ModelReply | None: ...

    def _final_error(self, exc: BaseException, attempts: int) -> BackendError: ...


class BatchCalls:
    """Mixed into OpenAIBackend: the calls seedsum.batch makes."""

    def batch_body(self: _Backend, request: ModelRequest) -> dict[str, Any]:
        """The body of `request` as a batch line: what `complete` sends for it online."""
        return self._params(request, self.capabilities.structured_output, larger_limit=False)

    def batch_reply(self: _Backend, body: dict[str, Any]) -> ModelReply:
        """The reply in a chat completion of a batch's output file (the same checks as
        online: refusals, truncation, malformed replies raise)."""
        completion = validated_completion(body)
        if completion is None:
            raise malformed(self, "a batch result that is not a chat completion")
        reply = self._reply(completion, {}, self.capabilities.structured_output)
        if reply is None:
            raise TruncatedReplyError(
                "the batch reply was cut off at the output limit",
                backend=self.name,
                model=self.model,
            )
        return dataclasses.replace(reply, tier="batch")

    def upload_batch_file(self: _Backend, data: bytes, filename: str) -> str:
        """Upload a batch input file; returns its file id."""
        with _batch_errors(self):
            created = _batch_client(self).files.create(
                file=(filename, data, "application/jsonl"), purpose="batch"
            )
        return created.id

    def create_batch(self: _Backend, file_id: str, metadata: dict[str, str]) -> dict[str, Any]:
        with _batch_errors(self):
            batch = _batch_client(self).batches.create(
                input_file_id=file_id,
                endpoint="/v1/chat/completions",
                completion_window="24h",
                metadata=metadata,
            )
        return batch.model_dump()

    def find_batch(self: _Backend, file_id: str) -> dict[str, Any] | None:
        """The recent batch created from input file `file_id`, if any (after a crash between
        creating a batch and recording it)."""
        with _batch_errors(self):
            page = _batch_client(self).batches.list(limit=100)
        found = next((b for b in page.data if b.input_file_id == file_id), None)
        return None if found is None else found.model_dump()

    def retrieve_batch(self: _Backend, batch_id: str) -> dict[str, Any]:
        with _batch_errors(self):
            return _batch_client(self).batches.retrieve(batch_id).model_dump()

    def cancel_batch(self: _Backend, batch_id: str) -> dict[str, Any]:
        with _batch_errors(self):
            return _batch_client(self).batches.cancel(batch_id).model_dump()

    def file_content(self: _Backend, file_id: str) -> bytes:
        with _batch_errors(self):
            return _batch_client(self).files.content(file_id).content


def _batch_client(backend: _Backend) -> OpenAI:
    # Batch management calls are few and idempotent to retry: the SDK's retries do.
    return backend._sync_client().with_options(max_retries=backend.max_retries)


@contextlib.contextmanager
def _batch_errors(backend: _Backend) -> Iterator[None]:
    try:
        yield
    except OpenAIError as exc:
        error = backend._final_error(exc, 1)
        if not isinstance(error, BackendError):
            error = BackendError(f"the Batch API call failed: {exc}", backend=backend.name)
        raise error from None
