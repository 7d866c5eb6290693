#!/usr/bin/env python3
"""Consistency check for the hand-made gold annotations in bench/eval/.

Usage: python bench/eval/check_gold.py [X.gold.json ...]

With no arguments every *.gold.json next to this script and in its heldout/, blind/, blind2/,
blind3/, blind4/ and agreement/ folders is checked against its X.txt.
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
POSITION_KEYS = {"actor", "topic", "stance", "quote", "attribution"}
PREDICTION_KEYS = {
    "source",
    "claim",
    "subjects",
    "timeframe",
    "conditions",
    "likelihood",
    "quote",
    "attribution",
}
# `source_description` is present exactly when attribution is "unnamed"
OPTIONAL_KEYS = {"source_description"}
ATTRIBUTIONS = {"direct", "indirect", "mixed", "publication", "unnamed"}
KINDS = {"person", "state", "organization", "group", "other"}
LIKELIHOODS = {"certain", "likely", "possible", "unlikely", "unspecified"}
PUBLICATION = "the publication"
UNNAMED = "unnamed"
SUBFOLDERS = ("heldout", "blind", "blind2", "blind3", "blind4", "agreement")
# A Q&A paragraph: "Q: " (the interviewer) or "A: " (the interviewee), then the words
QA_LABEL = re.compile(r"^[QA]:\s")
# A transcript with speaker labels ("Interviewer: …" / "Okafor: …"): a one-word label that
# starts at least two paragraphs of the article counts like "Q: " / "A: "
SPEAKER_LABEL = re.compile(r"^([A-Z][\w’'\-]*):\s")

# Word-count ranges the brief asks for; the other first articles are only checked for >= 300 words.
WORD_RANGES = {
    "geopolitics_border_talks": (900, 1400),
    "economy_rate_decision": (700, 1100),
    "elections_tech_regulation": (1200, 2000),
}
# Articles written after the first three: 500-2,500 words (issue 14).
NEW_ARTICLE_RANGE = (500, 2500)
FIRST_ARTICLES = {"geopolitics_border_talks", "economy_rate_decision", "elections_tech_regulation"}
FIRST_ARTICLES |= {"energy_price_cap", "maritime_dispute"}

SPEECH_VERBS = r"(?:said|added|told|warned|argued|insisted|wrote)"
# “…,” he said.  /  “…,” Harcourt told …
ATTRIBUTED_QUOTE = re.compile(
    r"(?:“([^“”]+)”|\"([^\"\n]+)\")\s+(?:he|she|they|[A-Z][\w’\-]+)\s+" + SPEECH_VERBS
)
PRONOUN_QUOTE = re.compile(r"[,?!][”\"]\s+(?:he|she|they)\s+(?:said|added|told)\b")


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
        not quote.startswith(("“", '"')),
        f"{where}: quote must not start with an opening quotation mark: {quote!r}",
    )
    c.require(
        not quote.endswith((",", ".", ",”", ".”", ',"', '."')),
        f"{where}: quote must not end with the trailing comma/full stop: {quote!r}",
    )
    n = text.count(quote)
    if c.require(n >= 1, f"{where}: quote is not a verbatim substring of the article: {quote!r}"):
        c.require(
            n == 1, f"{where}: quote occurs {n} times in the article (must be unique): {quote!r}"
        )


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line-separated paragraph."""
    spans = []
    start = 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def quoted_mask(text: str) -> tuple[list[bool], list[str]]:
    """For each character: is it inside a quotation (marks excluded)? Plus layout errors.

    Curly “…” nest by depth, straight "…" toggle. A quotation still open at the end of a
    paragraph must be continued by an opening mark at the start of the next paragraph
    (the convention for quotes that run over several paragraphs); every paragraph starts
    from a closed state. Q&A paragraphs ("Q: …", "A: …", or a one-word speaker label such as
    "Interviewer: …" that starts at least two paragraphs) count as quoted speech.
    """
    mask = [False] * len(text)
    errors: list[str] = []
    paras = paragraph_spans(text)
    label_counts: dict[str, int] = {}
    for ps, pe in paras:
        m = SPEAKER_LABEL.match(text[ps:pe])
        if m:
            label_counts[m.group(1)] = label_counts.get(m.group(1), 0) + 1
    for k, (ps, pe) in enumerate(paras):
        para = text[ps:pe]
        label = QA_LABEL.match(para)
        if not label:
            m = SPEAKER_LABEL.match(para)
            label = m if m and label_counts[m.group(1)] >= 2 else None
        if label:
            for i in range(ps + label.end(), pe):
                mask[i] = True
        depth, straight = 0, False
        for i in range(ps, pe):
            ch = text[i]
            if ch == "“":
                mask[i] = mask[i] or depth > 0 or straight
                depth += 1
            elif ch == "”":
                depth -= 1
                if depth < 0:
                    errors.append(f"closing ” without an opening mark in: {para[:60]!r}")
                    depth = 0
                mask[i] = mask[i] or depth > 0 or straight
            elif ch == '"':
                straight = not straight
                mask[i] = mask[i] or depth > 0
            else:
                mask[i] = mask[i] or depth > 0 or straight
        if depth or straight:
            nxt = text[paras[k + 1][0]] if k + 1 < len(paras) else ""
            want = "“" if depth else '"'
            if nxt != want:
                errors.append(
                    f"quotation left open at the end of a paragraph without a {want} "
                    f"continuing it: {para[-60:]!r}"
                )
    return mask, errors


def check_article(c: Checker, stem: str, text: str) -> None:
    words = len(text.split())
    default = (300, 10**9) if stem in FIRST_ARTICLES else NEW_ARTICLE_RANGE
    lo, hi = WORD_RANGES.get(stem, default)
    c.require(lo <= words <= hi, f"article has {words} words, expected {lo}-{hi}")
    _mask, layout_errors = quoted_mask(text)
    for e in layout_errors:
        c.require(False, e)
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


def check_attribution(c: Checker, where: str, item: dict, who: str, text: str, mask) -> None:
    """The `attribution` type must agree with the speaker field and with the source text."""
    attr = item.get("attribution")
    if not c.require(
        attr in ATTRIBUTIONS, f"{where}: attribution {attr!r} not in {sorted(ATTRIBUTIONS)}"
    ):
        return
    speaker = item.get(who)
    c.require(
        (speaker == UNNAMED) == (attr == "unnamed"),
        f"{where}: {who} {UNNAMED!r} goes with attribution 'unnamed' and only with it",
    )
    c.require(
        (speaker == PUBLICATION) == (attr == "publication"),
        f"{where}: {who} {PUBLICATION!r} goes with attribution 'publication' and only with it",
    )
    desc = item.get("source_description")
    if attr == "unnamed":
        if c.require(
            nonempty_str(desc), f"{where}: attribution 'unnamed' needs a source_description"
        ):
            c.require(
                desc.lower() in text.lower(),
                f"{where}: source_description is not written in the article: {desc!r}",
            )
    else:
        c.require(
            "source_description" not in item,
            f"{where}: source_description is only for attribution 'unnamed'",
        )
    quote = item.get("quote")
    if not (isinstance(quote, str) and quote and quote in text):
        return
    start = text.find(quote)
    inside = mask[start : start + len(quote)]
    has_marks = any(m in quote for m in ("“", '"'))
    if attr == "direct":
        c.require(all(inside), f"{where}: 'direct' quote is not inside quotation marks: {quote!r}")
    elif attr == "mixed":
        c.require(
            not all(inside) and has_marks,
            f"{where}: 'mixed' quote must be a paraphrase containing quoted words: {quote!r}",
        )
    elif attr in ("indirect", "publication"):
        c.require(
            not all(inside), f"{where}: {attr!r} quote stands inside quotation marks: {quote!r}"
        )


def check_gold(c: Checker, gold, text: str) -> dict[str, int]:
    counts = {"actors": 0, "positions": 0, "predictions": 0}
    mask, _layout_errors = quoted_mask(text)
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
                c.require(name not in (PUBLICATION, UNNAMED), f"{where}: {name!r} is reserved")
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
            # an alias must be used on its own, not only as part of the full name
            rest = text.replace(name, "\0") if nonempty_str(name) else text
            if c.require(isinstance(aliases, list), f"{where}: aliases must be a list"):
                for al in aliases:
                    if not c.require(
                        nonempty_str(al), f"{where}: alias must be a non-empty string"
                    ):
                        continue
                    c.require(al != name, f"{where}: alias equals the name: {al!r}")
                    c.require(
                        re.search(rf"(?<!\w){re.escape(al)}(?!\w)", rest) is not None,
                        f"{where}: alias is not used in the article apart from the full name: "
                        f"{al!r}",
                    )
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
                isinstance(p, dict) and set(p) - OPTIONAL_KEYS == POSITION_KEYS,
                f"{where}: keys must be exactly {sorted(POSITION_KEYS)} "
                f"(+ {sorted(OPTIONAL_KEYS)})",
            ):
                continue
            c.require(
                p["actor"] in names or p["actor"] == UNNAMED,
                f"{where}: actor {p['actor']!r} is neither an actor name nor {UNNAMED!r}",
            )
            c.require(
                p["attribution"] != "publication",
                f"{where}: the publication's own statements are predictions or not annotated",
            )
            check_attribution(c, where, p, "actor", text, mask)
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
                isinstance(f, dict) and set(f) - OPTIONAL_KEYS == PREDICTION_KEYS,
                f"{where}: keys must be exactly {sorted(PREDICTION_KEYS)} "
                f"(+ {sorted(OPTIONAL_KEYS)})",
            ):
                continue
            c.require(
                f["source"] in names or f["source"] in (PUBLICATION, UNNAMED),
                f"{where}: source {f['source']!r} is not an actor name, "
                f"{PUBLICATION!r} or {UNNAMED!r}",
            )
            check_attribution(c, where, f, "source", text, mask)
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

    # a quote stays inside one paragraph (multi-paragraph quotations are one unit each)
    for start, end, label in spans:
        c.require("\n" not in text[start:end], f"{label}: quote runs over a paragraph break")

    # recall guard: every direct quotation with an explicit speech attribution must be annotated
    for m in ATTRIBUTED_QUOTE.finditer(text):
        inner = (m.group(1) or m.group(2)).rstrip(",.")
        covered = any(inner in q for q in all_quotes)
        c.require(covered, f"attributed direct quote is not annotated: “{inner[:70]}…”")

    return counts


def check_pair(gold_path: Path) -> tuple[Checker, dict[str, int]]:
    stem = gold_path.name[: -len(".gold.json")]
    label = gold_path.name
    if gold_path.parent.name in SUBFOLDERS:
        label = f"{gold_path.parent.name}/{label}"
    c = Checker(label)
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
        folders = [HERE] + [HERE / sub for sub in SUBFOLDERS if (HERE / sub).is_dir()]
        paths = [p for folder in folders for p in sorted(folder.glob("*.gold.json"))]
        # every article must have a gold file
        for folder in folders:
            for txt in sorted(folder.glob("*.txt")):
                if not txt.with_name(txt.stem + ".gold.json").exists():
                    print(f"FAIL {txt.relative_to(HERE)}: no matching .gold.json")
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
