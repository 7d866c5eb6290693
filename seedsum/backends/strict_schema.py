"""A Pydantic model's JSON schema, made acceptable to strict structured-output modes.

Strict modes (OpenAI's `json_schema` with `strict: true`, and the compatible servers that
copy it) want every property required, `additionalProperties: false` on every object, no
defaults, no `$ref` with sibling keywords, and only a subset of validation keywords. Pydantic
still validates the reply locally with the full model, so dropping a keyword here loses nothing.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from pydantic import BaseModel

from .base import schema_of

# Keywords strict mode rejects; the local Pydantic validation still enforces them.
_UNSUPPORTED = frozenset({"default", "minLength", "maxLength", "title"})


@functools.cache
def _strict_schema_text(model: type[BaseModel]) -> str:
    schema = copy.deepcopy(schema_of(model))
    definitions = schema.pop("$defs", {})
    return json.dumps(_strict(schema, definitions, expanding=()))


def strict_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """`model`'s JSON schema with references inlined and strict-mode rules applied."""
    strict: dict[str, Any] = json.loads(_strict_schema_text(model))
    return strict


def _strict(node: Any, definitions: dict[str, Any], expanding: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_strict(item, definitions, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        name = reference.removeprefix("#/$defs/")
        if name in expanding:
            raise ValueError(f"recursive schema through {name!r} cannot be inlined")
        target = copy.deepcopy(definitions[name])
        extra = {k: v for k, v in node.items() if k != "$ref"}
        return _strict({**target, **extra}, definitions, (*expanding, name))
    result = {
        key: _strict(value, definitions, expanding)
        for key, value in node.items()
        if key not in _UNSUPPORTED and key != "properties"
    }
    if isinstance(node.get("properties"), dict):
        # Property names are data, not keywords: a field may well be called "title".
        result["properties"] = {
            name: _strict(value, definitions, expanding)
            for name, value in node["properties"].items()
        }
    if result.get("type") == "object" and "properties" in result:
        result["additionalProperties"] = False
        result["required"] = list(result["properties"])
    return result
