"""What the batch run needs from a backend: a small protocol, so the run itself stays free of
any SDK (`OpenAIBackend` implements it with the `openai` SDK), and the batch state it reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..backends.base import ModelReply, ModelRequest

#: States after which a batch changes no more.
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})


@runtime_checkable
class BatchClient(Protocol):
    """The Batch API calls of a backend (see `OpenAIBackend`)."""

    model: str

    def identity(self) -> dict[str, str | None]: ...

    def batch_body(self, request: ModelRequest) -> dict[str, Any]: ...

    def batch_reply(self, body: dict[str, Any]) -> ModelReply: ...

    def upload_batch_file(self, data: bytes, filename: str) -> str: ...

    def create_batch(self, file_id: str, metadata: dict[str, str]) -> dict[str, Any]: ...

    def find_batch(self, file_id: str) -> dict[str, Any] | None: ...

    def retrieve_batch(self, batch_id: str) -> dict[str, Any]: ...

    def cancel_batch(self, batch_id: str) -> dict[str, Any]: ...

    def file_content(self, file_id: str) -> bytes: ...


@dataclass(frozen=True)
class BatchInfo:
    """A batch as the server last described it."""

    id: str
    status: str
    total: int = 0
    completed: int = 0
    failed: int = 0
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return self.status in TERMINAL

    @classmethod
    def parse(cls, data: dict[str, Any]) -> BatchInfo:
        counts = data.get("request_counts") or {}
        errors = (data.get("errors") or {}).get("data") or []
        return cls(
            id=str(data["id"]),
            status=str(data["status"]),
            total=int(counts.get("total") or 0),
            completed=int(counts.get("completed") or 0),
            failed=int(counts.get("failed") or 0),
            output_file_id=data.get("output_file_id"),
            error_file_id=data.get("error_file_id"),
            errors=tuple(str(e.get("message") or e.get("code")) for e in errors),
        )

    def describe(self) -> str:
        return (
            f"batch {self.id}: {self.status}, {self.completed}/{self.total} done, "
            f"{self.failed} failed"
        )
