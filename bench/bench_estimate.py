"""Output-token estimate: `Summarizer.estimate`'s predicted output tokens against the actual
tokens of each annotated article's reference reply (its gold annotation rendered as the
minified reply the model is asked for, `seedsum.estimate.reference_reply`), per article, for
the development articles the model was fitted on and, separately, the held-out ones it never
saw. Also the reply's tokens per item (actor, position or prediction) and the share each field
takes of a reply: what a field costs, to set against what a reader gains from it.

The RESULT is the median over held-out articles of actual / predicted (1 is perfect); the
refitted constants are printed so `OUTPUT_MODEL` can be updated when the reply format changes.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from pathlib import Path

from _harness import ROOT, cli, encoding, result, setup, table

from seedsum.evaluation.gold import SPLITS as GOLD_SPLITS

EVAL = ROOT / "bench" / "eval"
SPLITS = {name: EVAL / folder for name, folder in GOLD_SPLITS.items()}


def _articles(split: str) -> list[tuple[str, Path, Path]]:
    out = []
    if split == "dev":
        for name in ("grain_corridor", "energy_summit"):
            out.append(
                (
                    name,
                    ROOT / "examples" / "articles" / f"{name}.txt",
                    ROOT / "examples" / "replies" / f"{name}.json",
                )
            )
    folder = SPLITS[split]
    for gold in sorted(folder.glob("*.gold.json")):
        out.append(
            (gold.name.removesuffix(".gold.json"), gold.with_suffix("").with_suffix(".txt"), gold)
        )
    return out


def _field_tokens(reply: dict[str, object], enc: object, counts: Counter[str]) -> None:
    for key in ("actors", "positions", "predictions"):
        for item in reply[key]:  # type: ignore[attr-defined]
            for field, value in item.items():
                text = json.dumps({field: value}, ensure_ascii=False, separators=(",", ":"))
                counts[f"{key}.{field}"] += len(enc.encode_ordinary(text)) - 1  # type: ignore[attr-defined]


def main(quick: bool = False) -> list[str]:
    setup(quick)
    import seedsum
    from seedsum.estimate import fit_output_model, reference_reply

    enc = encoding()
    # One chunk per article, as the reference replies are whole-article replies.
    summarizer = seedsum.Summarizer(seedsum.MockBackend(responses=[]), max_chunk_tokens=16_000)
    rows: list[list[object]] = []
    ratios: dict[str, list[float]] = {}
    pairs: list[tuple[int, int]] = []
    fields: Counter[str] = Counter()
    for split in SPLITS:
        for name, text_path, gold_path in _articles(split):
            text = text_path.read_text(encoding="utf-8")
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            reply = reference_reply(gold)
            actual = len(enc.encode_ordinary(reply))
            tokens = len(enc.encode_ordinary(text))
            if split == "dev":
                pairs.append((tokens, actual))
                _field_tokens(json.loads(reply), enc, fields)
            e = summarizer.estimate(text)
            items = sum(len(gold[k]) for k in ("actors", "positions", "predictions"))
            ratios.setdefault(split, []).append(actual / e.output_tokens)
            likely = f"{e.output_tokens_low}-{e.output_tokens_high}"
            rows.append(
                [split, name, tokens, e.output_tokens, likely, actual,
                 f"{actual / e.output_tokens:.2f}", f"{actual / items:.1f}"]
            )  # fmt: skip
    print("estimate: predicted output tokens against each reference reply (cl100k)")
    table(
        ["split", "article", "article tokens", "predicted", "likely range", "actual",
         "actual/predicted", "tokens per item"],
        rows,
    )  # fmt: skip
    total = sum(fields.values())
    print("\nshare of the development replies' item tokens, by field:")
    table(
        ["field", "tokens", "share"],
        [[f, n, f"{100 * n / total:.1f}%"] for f, n in fields.most_common()],
    )
    fitted = fit_output_model(pairs)
    print(
        f"\nrefit on dev: OutputModel(scale={fitted.scale:.1f}, exponent={fitted.exponent:.3f}, "
        f"low={fitted.low:.2f}, high={fitted.high:.2f})"
    )
    lines = []
    for split in (name for name in SPLITS if name != "dev"):
        if ratios.get(split):
            r = statistics.median(ratios[split])
            lines.append(result(f"estimate_output_{split}", r, "0.8-1.25", 0.8 <= r <= 1.25))
    r = statistics.median(ratios["dev"])
    lines.append(result("estimate_output_dev", r, "0.8-1.25", 0.8 <= r <= 1.25))
    return lines


if __name__ == "__main__":
    cli(main)
