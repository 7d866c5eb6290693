"""Collecting an ended batch: its output and error files into the batch tables, and each
reply that validates (the same `parse_reply` as online) into the cache."""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import BaseModel, ValidationError

from ..cache import Cache
from ..validate import parse_reply
from .client import BatchClient, BatchInfo
from .files import read_results
from .store import BatchStore, Outcome

logger = logging.getLogger("seedsum")


def collect(
    client: BatchClient,
    cache: Cache,
    store: BatchStore,
    file_id: str,
    info: BatchInfo,
    output_types: Callable[[str], type[BaseModel]],
) -> tuple[int, int]:
    """Read an ended batch's output and error files into the store, and each reply that
    validates (the same `parse_reply` as online) into the cache. Returns (valid, failed)."""
    outcomes: dict[str, Outcome] = {}
    for file in (info.output_file_id, info.error_file_id):
        if file:
            for outcome in read_results(client, client.file_content(file)):
                outcomes[outcome.key] = outcome
    purposes = store.purposes(file_id)
    valid = 0
    for key, outcome in outcomes.items():
        if outcome.reply is None or key not in purposes:
            continue
        value = valid_value(outcome.reply.text, output_types(purposes[key]))
        if value is not None:
            cache.put(key, value.model_dump_json())
            valid += 1
    store.record_outcomes(file_id, [o for k, o in outcomes.items() if k in purposes])
    if info.status != "completed":
        logger.warning(
            "seedsum: %s ended %s; %d of its requests got no reply and will be asked again",
            info.id,
            info.status,
            len(purposes) - sum(o.reply is not None for o in outcomes.values()),
        )
    return valid, len(purposes) - valid


def valid_value(raw: str | None, output_type: type[BaseModel]) -> BaseModel | None:
    """`raw` validated as `output_type`, or None if it is missing or does not validate."""
    if raw is None:
        return None
    try:
        return parse_reply(raw, output_type)
    except ValidationError:
        return None
