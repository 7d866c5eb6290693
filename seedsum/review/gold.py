"""Reading what the review page exports: one gold file, or a bundle of many.

A gold file (`X.gold.json`) is what bench/eval holds: the keys `summary`, `actors`,
`positions` and `predictions`, every quote an exact substring of `X.txt`. The corpus view's
"Export all reviewed" writes a bundle, `{"seedsum_gold_bundle": 1, "documents": {id: gold}}`,
where each id is the document's name on the page (its path when made by `seedsum review`);
`python -m seedsum.eval DIR --gold BUNDLE.json` scores `DIR/X.txt` against the entry whose
id has the stem `X`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BUNDLE_KEY = "seedsum_gold_bundle"


def _bundle(path: Path) -> dict[str, Any]:
    value = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(value, dict) or BUNDLE_KEY not in value:
        raise ValueError(f"{path} is not a gold bundle exported by the review page")
    documents = value.get("documents")
    if not isinstance(documents, dict):
        raise ValueError(f"{path}: a gold bundle needs a 'documents' object")
    by_stem: dict[str, Any] = {}
    for name, gold in documents.items():
        stem = Path(str(name).replace("\\", "/")).stem
        if stem in by_stem:
            raise ValueError(f"{path}: two documents named {stem!r}; export them separately")
        by_stem[stem] = gold
    return by_stem


def bundle_pairs(directory: Path, bundle: Path) -> list[tuple[Path, Path]]:
    """(article, bundle) for each `X.txt` of `directory` that the bundle has gold for."""
    stems = _bundle(bundle)
    return [(txt, bundle) for txt in sorted(directory.glob("*.txt")) if txt.stem in stems]


def read_gold(path: Path, stem: str) -> dict[str, Any]:
    """The gold annotation of article `stem`: the file itself, or its entry in a bundle."""
    value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(value, dict) and BUNDLE_KEY in value:
        entry: dict[str, Any] = _bundle(path)[stem]
        return entry
    return value
