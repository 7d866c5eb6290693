"""Batch files: the JSONL input (one line per request, `custom_id` = its cache key, the body
what the online call sends), split at the Batch API's limits, and the output and error files
read back into replies and errors."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..backends.base import ModelRequest
from ..errors import BatchError, SeedsumError
from .client import BatchClient
from .store import Outcome

#: The Batch API's limits per input file.
MAX_REQUESTS = 50_000
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Line:
    """One request of a batch input file."""

    key: str
    purpose: str
    data: bytes  # the JSON line, newline included


def batch_line(client: BatchClient, key: str, request: ModelRequest) -> Line:
    body = client.batch_body(request)
    line = {"custom_id": key, "method": "POST", "url": "/v1/chat/completions", "body": body}
    data = json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
    return Line(key, request.purpose, data.encode("utf-8"))


def input_files(
    client: BatchClient,
    requests: Mapping[str, ModelRequest],
    *,
    max_requests: int = MAX_REQUESTS,
    max_bytes: int = MAX_BYTES,
) -> Iterator[list[Line]]:
    """The lines of `requests`, in files of at most `max_requests` lines and `max_bytes`."""
    current: list[Line] = []
    size = 0
    for key, request in requests.items():
        line = batch_line(client, key, request)
        if len(line.data) > max_bytes:
            raise BatchError(
                f"one request is {len(line.data)} bytes, more than a batch file may hold "
                f"({max_bytes}); use a smaller max_chunk_tokens"
            )
        if current and (len(current) >= max_requests or size + len(line.data) > max_bytes):
            yield current
            current, size = [], 0
        current.append(line)
        size += len(line.data)
    if current:
        yield current


def read_results(client: BatchClient, data: bytes) -> Iterator[Outcome]:
    """The outcome of each line of an output or error file."""
    for raw in data.splitlines():
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            key = str(line["custom_id"])
        except (ValueError, KeyError, TypeError):
            continue  # not a result line: nothing to attribute it to
        yield _outcome(client, key, line)


def _outcome(client: BatchClient, key: str, line: dict[str, Any]) -> Outcome:
    error = line.get("error")
    response = line.get("response") or {}
    if error:
        return Outcome(key, error=f"{error.get('code')}: {error.get('message')}")
    status = response.get("status_code")
    body = response.get("body")
    if status != 200 or not isinstance(body, dict):
        message = body.get("error", {}).get("message") if isinstance(body, dict) else None
        return Outcome(key, error=f"status {status}: {message or body!r}")
    try:
        return Outcome(key, reply=client.batch_reply(body))
    except SeedsumError as exc:  # a refusal, a truncated or malformed reply
        return Outcome(key, error=f"{type(exc).__name__}: {exc}")
