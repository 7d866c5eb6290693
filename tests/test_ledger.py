"""The ledger: rows per prediction id across articles, filters, formats, and scoring."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import seedsum
from seedsum.cli import main
from seedsum.corpus import DocumentResult
from seedsum.errors import InvalidInputError
from seedsum.ledger_format import format_scores, read_ledger, write_ledger
from seedsum.ledger_rows import ArticleRef, Ledger, LedgerRow, ledger
from seedsum.scoring import Resolution, read_resolutions, score

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def row(identifier: str, source: str, band: tuple[float, float] | None, **kw: object) -> LedgerRow:
    fields: dict[str, object] = {
        "id": identifier,
        "source": source,
        "question": f"Will {identifier} happen?",
        "claim": f"{identifier} will happen",
        "timeframe": None,
        "not_before": None,
        "not_after": "2026-12-31",
        "event": None,
        "probability_low": band[0] if band else None,
        "probability_high": band[1] if band else None,
        "likelihood": "likely",
        "attribution": "direct",
        "quote": f"{identifier} will happen",
        "articles": (ArticleRef("art-1", "Title", "2026-03-02", "https://example.org/1"),),
    }
    fields.update(kw)
    return LedgerRow(**fields)  # type: ignore[arg-type]


HAND_MADE = Ledger(
    [
        row("a1", "Alice", (0.55, 0.95)),  # midpoint 0.75, came true:  (0.75 - 1)² = 0.0625
        row("a2", "Alice", (0.20, 0.45)),  # midpoint 0.325, did not:   0.325²     = 0.105625
        row("a3", "Alice", (0.55, 0.80)),  # midpoint 0.675, did not:   0.675²     = 0.455625
        row("a4", "Alice", (0.55, 0.80)),  # not resolved
        row("b1", "Bob", (0.45, 0.55)),  # midpoint 0.5, came true:     0.25, no lean
        row("b2", "Bob", None),  # an intention: resolved, but no band to score
    ]
)
OUTCOMES = {
    "a1": Resolution("a1", True, date(2026, 6, 1)),
    "a2": Resolution("a2", False),
    "a3": Resolution("a3", False),
    "b1": Resolution("b1", True),
    "b2": Resolution("b2", True),
}


def test_brier_hit_rate_and_calibration_on_a_hand_made_ledger() -> None:
    alice, bob = score(HAND_MADE, OUTCOMES)
    assert (alice.source, alice.made, alice.resolved) == ("Alice", 4, 3)
    assert alice.brier == pytest.approx((0.0625 + 0.105625 + 0.455625) / 3)  # 0.2079
    assert alice.hit_rate == pytest.approx(2 / 3)  # a1 and a2 leaned right, a3 wrong
    assert [(c.low, c.high, c.count, c.observed) for c in alice.calibration] == [
        (0.20, 0.45, 1, 0.0),
        (0.55, 0.80, 1, 0.0),
        (0.55, 0.95, 1, 1.0),
    ]
    assert (bob.made, bob.resolved, bob.brier, bob.hit_rate) == (2, 2, 0.25, None)
    report = format_scores([alice, bob])
    assert "Alice: 4 made, 3 resolved, hit rate 67%, Brier 0.208" in report
    assert "Bob: 2 made, 2 resolved, hit rate n/a, Brier 0.250" in report


def test_resolutions_csv() -> None:
    parsed = read_resolutions("id,outcome,resolved_on\na1,true,2026-06-01\na2,FALSE,\n")
    assert parsed == {
        "a1": Resolution("a1", True, date(2026, 6, 1)),
        "a2": Resolution("a2", False, None),
    }
    with pytest.raises(InvalidInputError, match="line 2: outcome 'maybe'"):
        read_resolutions("id,outcome,resolved_on\na1,maybe,\n")
    with pytest.raises(InvalidInputError, match="missing: outcome"):
        read_resolutions("id,resolved_on\na1,2026-01-01\n")
    with pytest.raises(InvalidInputError, match="not a date"):
        read_resolutions("id,outcome,resolved_on\na1,true,June\n")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_written_ledger_reads_back(fmt: str) -> None:
    assert list(read_ledger(write_ledger(HAND_MADE, fmt))) == list(HAND_MADE)


def test_markdown_and_html_escape_the_data() -> None:
    hostile = Ledger([row("x", "<script>alert(1)</script>", None, quote="a | b *c* <b>")])
    page = write_ledger(hostile, "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    table = write_ledger(hostile, "markdown")
    assert "<script>" not in table and "a \\| b \\*c\\*" in table
    assert table.count("\n") == 3  # header, rule, one row: no cell broke the table


def test_filters() -> None:
    rows = Ledger([row("a", "Maren Holt", None, not_after="2026-05-31"), row("b", "Sandel", None)])
    assert [r.id for r in rows.filter(source="holt")] == ["a"]
    assert [r.id for r in rows.filter(due_before=date(2026, 6, 1))] == ["a"]
    assert [r.id for r in rows.filter(since=date(2026, 3, 3))] == []
    assert [r.id for r in rows.filter(since=date(2026, 3, 2))] == ["a", "b"]


def _summaries() -> list[seedsum.ArticleSummary]:
    text = (EXAMPLES / "grain_corridor.txt").read_text(encoding="utf-8")
    backend = seedsum.RulesBackend()
    return [
        seedsum.summarize(text, backend=backend, metadata={"id": i, "title": t, "published": d})
        for i, t, d in [("one", "First", "2026-03-02"), ("two", "Second", "2026-03-02")]
    ]


def test_the_same_forecast_in_two_articles_is_one_row_with_both() -> None:
    first, second = _summaries()
    rows = ledger([first, DocumentResult(1, "two", output=second)])
    assert len(rows) == len({p.id for p in first.predictions}) > 0
    assert all([a.id for a in r.articles] == ["one", "two"] for r in rows)
    assert rows[0].articles[1] == ArticleRef("two", "Second", "2026-03-02", None, None)
    assert ledger([DocumentResult(0, "bad", error=ValueError("x"))]).rows == []


def test_to_pandas_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def no_pandas(name: str, *args: object) -> object:
        if name == "pandas":
            raise ImportError(name)
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", no_pandas)
    with pytest.raises(InvalidInputError, match=r"seedsum\[pandas\]"):
        HAND_MADE.to_pandas()


def test_to_pandas() -> None:
    pd = pytest.importorskip("pandas")
    frame = HAND_MADE.to_pandas()
    assert isinstance(frame, pd.DataFrame) and list(frame["id"]) == [r.id for r in HAND_MADE]


# -- the commands ------------------------------------------------------------------------------


def test_predictions_of_articles_and_of_saved_results_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "grain.md"
    body = (EXAMPLES / "grain_corridor.txt").read_text(encoding="utf-8")
    article.write_text(
        "---\ntitle: Grain talks\npublished: 2026-03-02\nurl: https://example.org/g\n---\n" + body,
        encoding="utf-8",
    )
    assert main(["predictions", str(article), "--backend", "rules", "--format", "jsonl"]) == 0
    from_articles = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert from_articles and all(
        r["articles"][0]["title"] == "Grain talks" and r["articles"][0]["date"] == "2026-03-02"
        for r in from_articles
    )
    assert main(["summarize", str(article), "--backend", "rules", "--format", "jsonl"]) == 0
    saved = tmp_path / "results.jsonl"
    saved.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["predictions", str(saved), "--format", "jsonl"]) == 0
    from_results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["claim"] for r in from_results} == {r["claim"] for r in from_articles}


def test_score_predictions_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger_file = tmp_path / "ledger.csv"
    ledger_file.write_text(write_ledger(HAND_MADE, "csv"), encoding="utf-8")
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text(
        "id,outcome,resolved_on\na1,true,2026-06-01\na2,false,\na3,false,\nb1,true,\n"
        "b2,true,\nzz,true,\n",
        encoding="utf-8",
    )
    assert main(["score-predictions", str(ledger_file), str(outcomes)]) == 0
    captured = capsys.readouterr()
    assert "Alice: 4 made, 3 resolved, hit rate 67%, Brier 0.208" in captured.out
    assert "band 0.55-0.95: 1 resolved, 100% came true" in captured.out
    assert "1 resolution(s) match no prediction" in captured.err


def test_predictions_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"summary": 3}', encoding="utf-8")
    assert main(["predictions", str(bad)]) == 2
    assert "not a seedsum result" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["predictions", "x.json", "--since", "May"])


def test_a_missing_article_is_reported_and_the_others_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = EXAMPLES / "grain_corridor.txt"
    code = main(["predictions", str(tmp_path / "missing.txt"), str(article), "--backend", "rules"])
    captured = capsys.readouterr()
    assert code == 1
    assert "missing.txt" in captured.err
    assert captured.out.startswith("id,source,question") and captured.out.count("\n") > 2


def test_summarize_reads_front_matter_and_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (EXAMPLES / "grain_corridor.txt").read_text(encoding="utf-8")
    dated = tmp_path / "dated.md"
    dated.write_text("---\ntitle: Grain\npublished: 2026-01-05\n---\n" + body, encoding="utf-8")
    undated = tmp_path / "undated.txt"
    undated.write_text(body, encoding="utf-8")
    argv = ["summarize", str(dated), str(undated), "--backend", "rules", "-q"]
    assert main([*argv, "--published", "2026-03-02"]) == 0
    by_name = {r["source"]: r for r in json.loads(capsys.readouterr().out)}
    first, second = by_name[str(dated)], by_name[str(undated)]
    assert first["document"]["title"] == "Grain"
    assert first["document"]["published"] == "2026-01-05"  # the front matter wins
    assert second["document"]["published"] == "2026-03-02"
    span = first["positions"][0]["span"]
    assert body[span["start"] : span["end"]] == first["positions"][0]["quote"]  # body offsets


def test_predictions_reads_articles_as_summarize_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (EXAMPLES / "grain_corridor.txt").read_text(encoding="utf-8")
    folder = tmp_path / "articles"
    (folder / "node_modules").mkdir(parents=True)
    (folder / "good.md").write_text(
        "---\ntitle: Grain talks\npublished: 2026-03-02\n---\n" + body, encoding="utf-8"
    )
    (folder / "node_modules" / "vendored.txt").write_bytes(
        "Caf\xe9 owners said so.".encode("latin-1")
    )
    latin = tmp_path / "latin.txt"
    latin.write_bytes(("Caf\xe9 prices. " + body).encode("cp1252"))
    argv = ["predictions", str(folder), str(latin), "--backend", "rules", "--format", "jsonl"]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert "latin.txt" in captured.err
    assert "--encoding cp1252" in captured.err  # the shared reader's advice, and an option here
    assert "node_modules" not in captured.err  # environment folders are not searched
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert rows
    assert all(r["articles"][0]["title"] == "Grain talks" for r in rows)
    again = ["predictions", str(latin), "--backend", "rules", "--encoding", "cp1252"]
    assert main(again) == 0
    assert capsys.readouterr().out.count("\n") > 1
