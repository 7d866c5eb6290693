"""Attribution on the evaluation articles: each gold quote located in its article and
attributed, compared with what the gold annotation says about it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from seedsum.attribution import attribute
from seedsum.grounding import QuoteLocator

EVAL = Path(__file__).resolve().parent.parent / "bench" / "eval"
GOLD = sorted(EVAL.glob("*.gold.json")) + sorted(EVAL.glob("*/*.gold.json"))

pytestmark = pytest.mark.skipif(not GOLD, reason="bench/eval not present (an sdist)")


def _items() -> list[tuple[str, dict[str, object], str]]:
    """(file name, gold item, computed attribution) for every gold position and prediction."""
    found = []
    for path in GOLD:
        text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        gold = json.loads(path.read_text(encoding="utf-8"))
        locator = QuoteLocator(text)
        for item in gold["positions"] + gold["predictions"]:
            span = locator.locate(str(item["quote"]))
            assert span is not None, (path.name, item["quote"])
            found.append((path.name, item, attribute(text, span.start, span.end).kind))
    return found


def test_attribution_matches_the_gold_labels() -> None:
    # bench/eval/derived.py prints the same figures per class and split.
    labelled = [(item["attribution"], kind) for _, item, kind in _items() if "attribution" in item]
    assert len(labelled) >= 300, "every gold position and prediction carries a label"
    confusion = Counter(labelled)
    for gold in sorted({g for g, _ in labelled}):
        total = sum(n for (g, _), n in confusion.items() if g == gold)
        assert confusion[(gold, gold)] / total >= 0.8, (gold, confusion)
    right = sum(n for (g, k), n in confusion.items() if g == k)
    assert right / len(labelled) >= 0.9, confusion
