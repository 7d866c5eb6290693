"""Gold annotations and where to find them.

A gold file is JSON with `actors`, `positions` and `predictions` (see
`bench/eval/GUIDELINES.md`). The loader is tolerant: fields it does not score
(`attribution`, `source_description`, ...) are ignored, and a field an item leaves out is not
scored for that item.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The split names `--split` accepts, and their folders under `bench/eval`.
SPLITS = {
    "dev": ".",
    "heldout": "heldout",
    "blind": "blind",
    "blind2": "blind2",
    "blind3": "blind3",
    "blind4": "blind4",
}

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class GoldActor:
    name: str
    aliases: tuple[str, ...]
    kind: str | None
    role: str | None
    has_role: bool


@dataclass(frozen=True)
class GoldItem:
    """A gold position or prediction; prediction fields are None when not annotated."""

    owner: str
    quote: str
    subjects: tuple[str, ...] | None = None
    likelihood: str | None = None
    timeframe: str | None = None
    has_timeframe: bool = False
    conditions: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Gold:
    actors: list[GoldActor]
    positions: list[GoldItem]
    predictions: list[GoldItem]


def parse_gold(data: dict[str, Any]) -> Gold:
    """A gold annotation from its JSON object (extra fields are ignored)."""
    actors = [
        GoldActor(
            name=str(a["name"]),
            aliases=tuple(str(x) for x in a.get("aliases") or ()),
            kind=a.get("kind"),
            role=a.get("role"),
            has_role="role" in a,
        )
        for a in data.get("actors") or []
    ]
    positions = [
        GoldItem(owner=str(p.get("actor", "")), quote=str(p.get("quote", "")))
        for p in data.get("positions") or []
    ]
    predictions = [
        GoldItem(
            owner=str(p.get("source", "")),
            quote=str(p.get("quote", "")),
            subjects=tuple(str(s) for s in p["subjects"]) if "subjects" in p else None,
            likelihood=p.get("likelihood"),
            timeframe=p.get("timeframe"),
            has_timeframe="timeframe" in p,
            conditions=tuple(str(c) for c in p["conditions"]) if "conditions" in p else None,
        )
        for p in data.get("predictions") or []
    ]
    return Gold(actors, positions, predictions)


def load_gold(path: Path, stem: str | None = None) -> Gold:
    """The gold annotation in `path`: a gold file, or article `stem`'s entry in a bundle
    exported by the review page (see `seedsum.review.gold`)."""
    from ..review.gold import read_gold

    if stem is not None:
        return parse_gold(read_gold(path, stem))
    return parse_gold(json.loads(path.read_text(encoding="utf-8")))


def article_pairs(directory: Path, gold_directory: Path | None = None) -> list[tuple[Path, Path]]:
    """(article, gold) paths: X.txt with X.gold.json (or X.json) in `gold_directory` (default:
    the same folder); or, when `gold_directory` is a file, the review page's gold bundle."""
    if gold_directory is not None and gold_directory.is_file():
        from ..review.gold import bundle_pairs

        return bundle_pairs(directory, gold_directory)
    pairs: list[tuple[Path, Path]] = []
    folder = gold_directory or directory
    for txt in sorted(directory.glob("*.txt")):
        for name in (f"{txt.stem}.gold.json", f"{txt.stem}.json"):
            candidate = folder / name
            if candidate.exists():
                pairs.append((txt, candidate))
                break
    return pairs


def find_eval_dir(cwd: Path | None = None) -> Path | None:
    """The repository's `bench/eval`: under the current folder, or beside the package when
    it runs from a checkout. None after a normal install (the articles are not shipped)."""
    for root in (cwd or Path.cwd(), _PACKAGE_ROOT):
        candidate = root / "bench" / "eval"
        if candidate.is_dir():
            return candidate
    return None


#: Where the repository's bench/eval is when the package runs from a checkout (it may not
#: exist: after a normal install the articles are not there).
DEFAULT_DIR = _PACKAGE_ROOT / "bench" / "eval"
