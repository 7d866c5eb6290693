"""The scorer behind `python -m seedsum.eval`: lenient and strict item scores, field
accuracies, macro averages, a tolerant gold loader, and a command that works outside the
repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import seedsum
from seedsum.backends.rules import RulesBackend
from seedsum.eval import main, score_article
from seedsum.evaluation import Report, evaluate
from seedsum.evaluation import gold as gold_module

TEXT = (
    "Finance Minister Ana Vid said the plan had failed. Vid said prices will rise by 2027 "
    "if the tariff stays. Lars Holm, an economist at Orsa Bank, said the budget was sound."
)


def _gold(**prediction: Any) -> dict[str, Any]:
    item = {
        "source": "Ana Vid",
        "quote": "prices will rise by 2027 if the tariff stays",
        "claim": "prices will rise",
        "subjects": ["Ana Vid"],
        "timeframe": "by 2027",
        "conditions": ["if the tariff stays"],
        "likelihood": "likely",
        "attribution": "indirect",  # fields the scorer does not know are ignored
    }
    item.update(prediction)
    return {
        "summary": "s",
        "actors": [
            {"name": "Ana Vid", "kind": "person", "role": "Finance Minister", "aliases": ["Vid"]},
            {"name": "Lars Holm", "kind": "person", "role": "economist at Orsa Bank"},
        ],
        "positions": [
            {"actor": "Ana Vid", "quote": "the plan had failed", "source_description": "x"},
            {"actor": "Lars Holm", "quote": "the budget was sound"},
        ],
        "predictions": [item],
    }


@pytest.fixture(scope="module")
def result() -> seedsum.ArticleSummary:
    return seedsum.summarize(TEXT, backend=RulesBackend())


def test_a_right_prediction_counts_leniently_and_strictly(result: seedsum.ArticleSummary) -> None:
    score = score_article(TEXT, result, _gold())
    assert score.lenient["predictions"].tp == 1
    assert score.strict["predictions"].tp == 1
    assert score.fields["predictions.timeframe"].value == 1.0


def test_a_wrong_likelihood_or_subject_fails_only_the_strict_score(
    result: seedsum.ArticleSummary,
) -> None:
    for wrong in ({"likelihood": "certain"}, {"subjects": ["Lars Holm"]}, {"timeframe": None}):
        score = score_article(TEXT, result, _gold(**wrong))
        assert score["predictions"].tp == 1, wrong
        assert score.strict["predictions"].tp == 0, wrong


def test_subjects_are_scored_as_a_set_f1(result: seedsum.ArticleSummary) -> None:
    score = score_article(TEXT, result, _gold(subjects=["Ana Vid", "Lars Holm"]))
    assert score.fields["predictions.subjects"].value == pytest.approx(2 / 3)


def test_a_statement_given_to_the_wrong_speaker_is_found_but_not_counted(
    result: seedsum.ArticleSummary,
) -> None:
    gold = _gold()
    gold["positions"][1]["actor"] = "Ana Vid"
    score = score_article(TEXT, result, gold)
    assert score["positions"].tp == 1
    assert score.fields["positions.actor"].n == 2
    assert score.fields["positions.actor"].value == 0.5


def test_actor_kind_and_role_are_scored(result: seedsum.ArticleSummary) -> None:
    gold = _gold()
    gold["actors"][1]["role"] = "a banker"
    gold["actors"][0]["kind"] = "organization"
    score = score_article(TEXT, result, gold)
    assert score["actors"].tp == 2
    assert score.strict["actors"].tp == 0
    assert score.fields["actors.kind"].value == 0.5
    assert score.fields["actors.role"].value == 0.5


def test_gold_without_optional_fields_is_scored_on_what_it_has(
    result: seedsum.ArticleSummary,
) -> None:
    gold = _gold()
    for key in ("subjects", "timeframe", "conditions", "likelihood", "claim"):
        del gold["predictions"][0][key]
    del gold["actors"][0]["kind"]
    score = score_article(TEXT, result, gold)
    assert score.strict["predictions"].tp == 1
    assert score.fields["predictions.subjects"].n == 0
    assert score.fields["actors.kind"].n == 1


def test_macro_averages_articles_while_micro_pools_items(
    result: seedsum.ArticleSummary,
) -> None:
    good = score_article(TEXT, result, _gold())
    bad = score_article(TEXT, result, {"actors": [], "positions": [], "predictions": []})
    report = Report({"good": good, "bad": bad})
    macro = report.macro()["lenient"]["positions"]["precision"]
    assert macro == pytest.approx((1.0 + 0.0) / 2)
    assert report.overall["positions"].precision == pytest.approx(2 / 4)


def _folder(tmp_path: Path, result: seedsum.ArticleSummary) -> Path:
    folder = tmp_path / "eval"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "a.gold.json").write_text(json.dumps(_gold()), encoding="utf-8")
    return folder


def test_the_command_prints_strict_macro_and_field_figures_as_json(
    tmp_path: Path, result: seedsum.ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(_folder(tmp_path, result)), "--json", "--no-throughput"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"]["a"]["strict"]["predictions"]["tp"] == 1
    assert set(figures["macro"]) == {"lenient", "strict", "fields"}
    assert figures["micro"]["fields"]["predictions.likelihood"]["accuracy"] == 1.0


def test_the_command_scores_saved_results_of_any_backend(
    tmp_path: Path, result: seedsum.ArticleSummary
) -> None:
    folder = _folder(tmp_path, result)
    saved = tmp_path / "out"
    saved.mkdir()
    empty = result.model_copy(update={"positions": [], "predictions": []})
    (saved / "a.txt.json").write_text(empty.model_dump_json(), encoding="utf-8")
    report = evaluate(folder, results=saved)
    assert report.overall["positions"].recall == 0.0
    assert report.overall["actors"].recall == 1.0


def test_outside_a_checkout_the_command_asks_for_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # After a normal install neither the working folder nor the package's parent holds
    # bench/eval (it used to look in site-packages/bench/eval and fail there).
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(gold_module, "_PACKAGE_ROOT", tmp_path / "site-packages")
    assert main(["--no-throughput"]) == 2
    err = capsys.readouterr().err
    assert "not installed with the package" in err and "python -m seedsum.eval DIR" in err


def test_from_a_checkout_the_split_names_find_bench_eval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bench" / "eval" / "heldout").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert main(["--split", "heldout", "--no-throughput"]) == 2
    assert str(tmp_path / "bench" / "eval" / "heldout") in capsys.readouterr().err


def test_statements_of_unnamed_sources_match_an_unnamed_result(
    result: seedsum.ArticleSummary,
) -> None:
    gold = _gold()
    gold["positions"][1]["actor"] = "unnamed"
    unnamed = result.model_copy(
        update={
            "positions": [
                p.model_copy(update={"actor": "unnamed"}) if p.actor == "Lars Holm" else p
                for p in result.positions
            ]
        }
    )
    score = score_article(TEXT, unnamed, gold)
    assert score["positions"].tp == 2


def test_a_second_annotation_is_scored_as_a_result_to_measure_agreement(
    tmp_path: Path, result: seedsum.ArticleSummary
) -> None:
    folder = _folder(tmp_path, result)
    other = tmp_path / "second"
    other.mkdir()
    (other / "a.gold.json").write_text(json.dumps(_gold()), encoding="utf-8")
    same = evaluate(folder, results=other)
    assert same.overall["predictions"].f1 == same.overall["positions"].f1 == 1.0
    # The second annotator names other subjects and misses a position: the strict score
    # and the subjects' accuracy show the disagreement, the lenient score still finds it.
    disagreeing = _gold(subjects=["Lars Holm"])
    del disagreeing["positions"][1]
    (other / "a.gold.json").write_text(json.dumps(disagreeing), encoding="utf-8")
    score = evaluate(folder, results=other).articles["a"]
    assert score.lenient["predictions"].tp == 1 and score.strict["predictions"].tp == 0
    assert score.fields["predictions.subjects"].value == 0.0
    assert score.lenient["positions"].recall == 0.5
