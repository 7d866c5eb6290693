#!/usr/bin/env python3
"""Consistency check for the hand-made gold annotations in bench/eval/.

Usage: python bench/eval/check_gold.py [X.gold.json ...]

With no arguments every *.gold.json next to this script is checked against its X.txt.
Standard library only. Exits with status 1 if any check fails. See GUIDELINES.md.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

TOP_KEYS = {"summary", "actors", "positions", "predictions"}
ACTOR_KEYS = {"name", "kind", "role", "aliases"}
POSITION_KEYS = {"actor", "topic", "stance", "quote"}
PREDICTION_KEYS = {"source", "claim", "subjects", "timeframe", "conditions", "likelihood", "quote"}
KINDS = {"person", "state", "organization", "group", "other"}
LIKELIHOODS = {"certain", "likely", "possible", "unlikely", "unspecified"}
PUBLICATION = "the publication"

# Word-count ranges the brief asks for; files not listed here are only checked for >= 300 words.
WORD_RANGES = {
    "geopolitics_border_talks": (900, 1400),
    "economy_rate_decision": (700, 1100),
    "elections_tech_regulation": (1200, 2000),
}

SPEECH_VERBS = r"(?:said|added|told|warned|argued|insisted|wrote)"
# “…,” he said.  /  “…,” Harcourt told …
ATTRIBUTED_QUOTE = re.compile(r"“([^“”]+)”\s+(?:he|she|they|[A-Z][\w’\-]+)\s+" + SPEECH_VERBS)
PRONOUN_QUOTE = re.compile(r"[,?!]”\s+(?:he|she|they)\s+(?:said|added|told)\b")


class Checker:
    def __init__(self, label: str) -> None:
        self.label = label
        self.errors: list[str] = []

    def require(self, cond: bool, msg: str) -> bool:
        if not cond:
            self.errors.append(msg)
        return cond


def nonempty_str(x) -> bool:
    return isinstance(x, str) and x.strip() != ""


def check_quote_span(c: Checker, where: str, quote, text: str) -> None:
    if not c.require(nonempty_str(quote), f"{where}: quote must be a non-empty string"):
        return
    c.require(quote == quote.strip(), f"{where}: quote has leading/trailing whitespace: {quote!r}")
    c.require(
        not quote.startswith("“"),
        f"{where}: quote must not start with an opening quotation mark: {quote!r}",
    )
    c.require(
        not quote.endswith((",", ".", ",”", ".”")),
        f"{where}: quote must not end with the trailing comma/full stop: {quote!r}",
    )
    n = text.count(quote)
    if c.require(n >= 1, f"{where}: quote is not a verbatim substring of the article: {quote!r}"):
        c.require(
            n == 1, f"{where}: quote occurs {n} times in the article (must be unique): {quote!r}"
        )


def check_article(c: Checker, stem: str, text: str) -> None:
    words = len(text.split())
    lo, hi = WORD_RANGES.get(stem, (300, 10**9))
    c.require(lo <= words <= hi, f"article has {words} words, expected {lo}-{hi}")
    c.require('"' not in text, "article contains straight double quotes; use curly quotes “…”")
    c.require(
        text.count("“") == text.count("”"),
        f"unbalanced curly quotes: {text.count('“')} “ vs {text.count('”')} ”",
    )
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    c.require(
        len(paragraphs) >= 5,
        f"expected >= 5 blank-line-separated paragraphs, got {len(paragraphs)}",
    )
    c.require(
        all("\n" not in p.strip() for p in paragraphs),
        "paragraphs must be separated by blank lines "
        "(found a single line break inside a paragraph)",
    )
    n_pron = len(PRONOUN_QUOTE.findall(text))
    c.require(n_pron >= 3, f"expected >= 3 pronoun-attributed quotes (“…,” she said), got {n_pron}")


def check_gold(c: Checker, gold, text: str) -> dict[str, int]:
    counts = {"actors": 0, "positions": 0, "predictions": 0}
    if not c.require(isinstance(gold, dict), "gold must be a JSON object"):
        return counts
    c.require(
        set(gold) == TOP_KEYS,
        f"top-level keys must be exactly {sorted(TOP_KEYS)}, got {sorted(gold)}",
    )

    # summary
    summary = gold.get("summary")
    if c.require(nonempty_str(summary), "summary must be a non-empty string"):
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“])", summary.strip()) if s]
        c.require(
            2 <= len(sentences) <= 4, f"summary must have 2-4 sentences, got {len(sentences)}"
        )

    # actors
    actors = gold.get("actors")
    names: set[str] = set()
    alias_owner: dict[str, str] = {}
    if c.require(isinstance(actors, list) and actors, "actors must be a non-empty list"):
        counts["actors"] = len(actors)
        for i, a in enumerate(actors):
            where = f"actors[{i}]"
            if not c.require(
                isinstance(a, dict) and set(a) == ACTOR_KEYS,
                f"{where}: keys must be exactly {sorted(ACTOR_KEYS)}",
            ):
                continue
            name = a["name"]
            where = f"actors[{i}] ({name!r})"
            if c.require(nonempty_str(name), f"{where}: name must be a non-empty string"):
                c.require(name not in names, f"{where}: duplicate actor name")
                c.require(name in text, f"{where}: name does not occur in the article")
                c.require(name != PUBLICATION, f"{where}: {PUBLICATION!r} is reserved")
                names.add(name)
            c.require(a["kind"] in KINDS, f"{where}: kind {a['kind']!r} not in {sorted(KINDS)}")
            role = a["role"]
            if role is not None and c.require(
                nonempty_str(role), f"{where}: role must be null or a non-empty string"
            ):
                c.require(
                    role.lower() in text.lower(),
                    f"{where}: role is not stated verbatim in the article: {role!r}",
                )
            aliases = a["aliases"]
            if c.require(isinstance(aliases, list), f"{where}: aliases must be a list"):
                for al in aliases:
                    if not c.require(
                        nonempty_str(al), f"{where}: alias must be a non-empty string"
                    ):
                        continue
                    c.require(al != name, f"{where}: alias equals the name: {al!r}")
                    c.require(al in text, f"{where}: alias does not occur in the article: {al!r}")
                    c.require(
                        al not in alias_owner,
                        f"{where}: alias {al!r} already used by {alias_owner.get(al)!r}",
                    )
                    alias_owner[al] = name
        for al, owner in alias_owner.items():
            c.require(al not in names, f"alias {al!r} of {owner!r} is also an actor name")

    spans: list[tuple[int, int, str]] = []  # (start, end, label) for overlap detection
    all_quotes: list[str] = []

    def record_span(label: str, quote) -> None:
        if isinstance(quote, str) and quote and text.count(quote) >= 1:
            start = text.find(quote)
            spans.append((start, start + len(quote), label))
            all_quotes.append(quote)

    # positions
    positions = gold.get("positions")
    pos_quotes: set[str] = set()
    if c.require(isinstance(positions, list) and positions, "positions must be a non-empty list"):
        counts["positions"] = len(positions)
        for i, p in enumerate(positions):
            where = f"positions[{i}]"
            if not c.require(
                isinstance(p, dict) and set(p) == POSITION_KEYS,
                f"{where}: keys must be exactly {sorted(POSITION_KEYS)}",
            ):
                continue
            c.require(p["actor"] in names, f"{where}: actor {p['actor']!r} is not an actor name")
            c.require(nonempty_str(p["topic"]), f"{where}: topic must be a non-empty string")
            c.require(nonempty_str(p["stance"]), f"{where}: stance must be a non-empty string")
            check_quote_span(c, where, p["quote"], text)
            c.require(p["quote"] not in pos_quotes, f"{where}: duplicate quote in positions")
            pos_quotes.add(p["quote"])
            record_span(where, p["quote"])

    # predictions
    predictions = gold.get("predictions")
    pred_quotes: set[str] = set()
    if c.require(
        isinstance(predictions, list) and predictions, "predictions must be a non-empty list"
    ):
        counts["predictions"] = len(predictions)
        for i, f in enumerate(predictions):
            where = f"predictions[{i}]"
            if not c.require(
                isinstance(f, dict) and set(f) == PREDICTION_KEYS,
                f"{where}: keys must be exactly {sorted(PREDICTION_KEYS)}",
            ):
                continue
            c.require(
                f["source"] in names or f["source"] == PUBLICATION,
                f"{where}: source {f['source']!r} is neither an actor name nor {PUBLICATION!r}",
            )
            c.require(nonempty_str(f["claim"]), f"{where}: claim must be a non-empty string")
            subjects = f["subjects"]
            if c.require(
                isinstance(subjects, list) and subjects,
                f"{where}: subjects must be a non-empty list",
            ):
                for s in subjects:
                    c.require(s in names, f"{where}: subject {s!r} is not an actor name")
                c.require(len(set(subjects)) == len(subjects), f"{where}: duplicate subjects")
            c.require(
                f["likelihood"] in LIKELIHOODS,
                f"{where}: likelihood {f['likelihood']!r} not in {sorted(LIKELIHOODS)}",
            )
            quote = f["quote"]
            check_quote_span(c, where, quote, text)
            q = quote if isinstance(quote, str) else ""
            tf = f["timeframe"]
            if tf is not None and c.require(
                nonempty_str(tf), f"{where}: timeframe must be null or a non-empty string"
            ):
                c.require(tf in q, f"{where}: timeframe {tf!r} is not verbatim in the quote")
            conds = f["conditions"]
            if c.require(isinstance(conds, list), f"{where}: conditions must be a list"):
                for cond in conds:
                    if c.require(
                        nonempty_str(cond), f"{where}: condition must be a non-empty string"
                    ):
                        c.require(
                            cond in q, f"{where}: condition {cond!r} is not verbatim in the quote"
                        )
            c.require(q not in pred_quotes, f"{where}: duplicate quote in predictions")
            pred_quotes.add(q)
            record_span(where, quote)

    both = pos_quotes & pred_quotes
    c.require(not both, f"quotes listed both as position and prediction: {sorted(both)}")

    # no two annotations may cover overlapping text (each statement is annotated once)
    spans.sort()
    for (_s1, e1, l1), (s2, _e2, l2) in itertools.pairwise(spans):
        c.require(s2 >= e1, f"{l1} and {l2} have overlapping quote spans")

    # recall guard: every direct quotation with an explicit speech attribution must be annotated
    for m in ATTRIBUTED_QUOTE.finditer(text):
        inner = m.group(1).rstrip(",.")
        covered = any(inner in q for q in all_quotes)
        c.require(covered, f"attributed direct quote is not annotated: “{inner[:70]}…”")

    return counts


def check_pair(gold_path: Path) -> tuple[Checker, dict[str, int]]:
    stem = gold_path.name[: -len(".gold.json")]
    c = Checker(gold_path.name)
    txt_path = gold_path.with_name(stem + ".txt")
    if not c.require(txt_path.exists(), f"missing article {txt_path.name}"):
        return c, {}
    text = txt_path.read_text(encoding="utf-8")
    check_article(c, stem, text)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        c.require(False, f"invalid JSON: {exc}")
        return c, {}
    counts = check_gold(c, gold, text)
    counts["words"] = len(text.split())
    return c, counts


def main(argv: list[str]) -> int:
    if argv:
        paths = [Path(a).resolve() for a in argv]
    else:
        paths = sorted(HERE.glob("*.gold.json"))
        # every article must have a gold file
        for txt in sorted(HERE.glob("*.txt")):
            if not txt.with_name(txt.stem + ".gold.json").exists():
                print(f"FAIL {txt.name}: no matching .gold.json")
                return 1
    if not paths:
        print("FAIL: no *.gold.json files found")
        return 1
    failed = 0
    for p in paths:
        c, counts = check_pair(p)
        summary = ", ".join(f"{k}={v}" for k, v in counts.items())
        if c.errors:
            failed += 1
            print(f"FAIL {c.label} ({summary})")
            for e in c.errors:
                print(f"  - {e}")
        else:
            print(f"OK   {c.label} ({summary})")
    print(f"{len(paths) - failed}/{len(paths)} gold files passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
