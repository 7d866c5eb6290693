"""The rule-based extractor and RulesBackend: what users get with no model at all.

The short texts here are made up for these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

import seedsum
from seedsum.backends.base import ModelRequest
from seedsum.backends.rules import RulesBackend
from seedsum.eval import DEFAULT_DIR, article_pairs, evaluate, main, score_article
from seedsum.prompts import condense_messages, extraction_messages
from seedsum.rules import AUTHOR_NAME, extract
from seedsum.schema import ChunkExtraction, CondensedSummary

from .conftest import EXAMPLES, ROOT

BRIEFING = """Talks between Moscow and Kyiv resumed on Monday, and the Kremlin said it was ready \
to listen.

Marta Ilves, a senior economist at the Harbour Institute for Trade in Berlin, said the talks \
had been overdue. “The talks went nowhere,” Ilves told The Daily Ledger. “Nobody moved an \
inch,” she said.

Finance Minister Oskar Brandt insisted that the budget was sound. According to Ilves, the \
budget hides a large deficit. Political analyst Lena Dorfmann said the central bank would \
probably cut rates by March if inflation keeps falling.

“A deal could come within weeks, provided both sides compromise,” Brandt said. Dorfmann said a \
recession is unlikely before 2027.

The next round is likely to take place in June.
"""


@pytest.fixture(scope="module")
def briefing() -> ChunkExtraction:
    return extract(BRIEFING)


def actor(result: ChunkExtraction, name: str) -> seedsum.Actor:
    found = [a for a in result.actors if a.name == name]
    assert found, f"{name!r} not among {[a.name for a in result.actors]}"
    return found[0]


def positions_of(result: ChunkExtraction, name: str) -> list[str]:
    return [p.quote for p in result.positions if p.actor == name]


def prediction(result: ChunkExtraction, quote_start: str) -> seedsum.schema.PredictionItem:
    found = [p for p in result.predictions if p.quote.startswith(quote_start)]
    assert found, f"no prediction starting {quote_start!r}: {result.predictions}"
    return found[0]


# -- actors ------------------------------------------------------------------------------------


def test_roles_from_appositions(briefing: ChunkExtraction) -> None:
    ilves = actor(briefing, "Marta Ilves")
    assert ilves.kind == "person"
    assert ilves.role == "senior economist at the Harbour Institute for Trade in Berlin"
    # An institute named only as someone's employer is not an actor, nor is a city in a role.
    names = {a.name for a in briefing.actors}
    assert not any("Harbour" in n for n in names)
    assert "Germany" not in names


def test_roles_from_titles_before_names(briefing: ChunkExtraction) -> None:
    assert actor(briefing, "Oskar Brandt").role == "Finance Minister"
    assert actor(briefing, "Lena Dorfmann").role == "Political analyst"
    result = extract(
        "U.S. President Ada Whitcombe met opposition leader Karel Novak on Friday. "
        "Whitcombe said the meeting had been useful."
    )
    assert actor(result, "Ada Whitcombe").role == "U.S. President"
    assert actor(result, "Karel Novak").role == "opposition leader"


def test_organizations_and_groups_from_appositions() -> None:
    result = extract(
        "Brightwater, a Norwegian company that builds ferries, said it would hire 200 "
        "workers next year. Green Tide, a volunteer-run environmental collective, said the "
        "plan ignores the fjord. The Fisheries Union said on Monday that catches were falling."
    )
    assert actor(result, "Brightwater").kind == "organization"
    # The role is the whole apposition, its relative clause included (GUIDELINES.md).
    assert actor(result, "Brightwater").role == "Norwegian company that builds ferries"
    assert actor(result, "Green Tide").kind == "group"
    assert actor(result, "Fisheries Union").kind == "organization"


def test_surnames_used_alone_become_aliases(briefing: ChunkExtraction) -> None:
    assert actor(briefing, "Marta Ilves").aliases == ["Ilves"]
    assert actor(briefing, "Oskar Brandt").aliases == ["Brandt"]
    # Later statements by the surname alone are attributed to the full name.
    assert "Ilves" not in {a.name for a in briefing.actors}
    assert positions_of(briefing, "Marta Ilves")


def test_capitals_and_metonyms_stand_for_their_state(briefing: ChunkExtraction) -> None:
    russia = actor(briefing, "Russia")
    assert russia.kind == "state"
    assert set(russia.aliases) == {"Moscow", "the Kremlin"}
    assert actor(briefing, "Ukraine").aliases == ["Kyiv"]
    # A readiness is an intention, so a prediction (GUIDELINES: "is ready to" is
    # `unspecified`); what this asserts is that the Kremlin's words are Russia's.
    assert prediction(briefing, "it was ready to listen").source == "Russia"


def test_a_capital_the_gazetteer_does_not_know_joins_the_main_state() -> None:
    result = extract(
        "Ostravia, a country of four million people, votes in May. Voters in Ostravia are "
        "tired of the government in Belgrave, which has raised taxes twice. Belgrave has "
        "promised relief before the vote."
    )
    assert actor(result, "Ostravia").kind == "state"
    assert actor(result, "Ostravia").aliases == ["Belgrave"]


# -- attribution -------------------------------------------------------------------------------


def test_direct_quotes_with_name_and_pronoun_attribution(briefing: ChunkExtraction) -> None:
    quotes = positions_of(briefing, "Marta Ilves")
    assert "The talks went nowhere" in quotes
    assert "Nobody moved an inch" in quotes
    # "told The Daily Ledger": the outlet is not an actor.
    assert not any("Ledger" in a.name for a in briefing.actors)


def test_told_an_outlet_then_he_said() -> None:
    text = (
        "Political analyst Pavel Orlov said the summit had changed little. "
        "“Nothing of substance was agreed,” Orlov told The Moscow Times. "
        "“The real decisions were postponed,” he said."
    )
    result = extract(text)
    assert positions_of(result, "Pavel Orlov") == [
        "the summit had changed little",
        "Nothing of substance was agreed",
        "The real decisions were postponed",
    ]
    assert {a.name for a in result.actors} == {"Pavel Orlov"}


def test_pronouns_follow_gender_to_the_right_speaker() -> None:
    text = (
        "Oskar Brandt and Marta Ilves spoke after the vote. "
        "“We disagree on almost everything,” she said. “But the door stays open,” he added."
    )
    result = extract(text)
    assert positions_of(result, "Marta Ilves") == ["We disagree on almost everything"]
    assert positions_of(result, "Oskar Brandt") == ["But the door stays open"]


def test_continued_quotation_keeps_its_speaker() -> None:
    text = (
        "“The port is full,” harbour master Ines Calder said. "
        "“Ships are waiting at anchor for days.”"
    )
    assert positions_of(extract(text), "Ines Calder") == [
        "The port is full",
        "Ships are waiting at anchor for days",
    ]


def test_reported_speech(briefing: ChunkExtraction) -> None:
    assert "the budget was sound" in positions_of(briefing, "Oskar Brandt")
    assert "the budget hides a large deficit" in positions_of(briefing, "Marta Ilves")
    assert "the talks had been overdue" in positions_of(briefing, "Marta Ilves")


def test_reported_speech_forms() -> None:
    text = (
        "Mayor Clara Voss called the plan “reckless” and argued that the city cannot afford it. "
        "Judge Tomas Weller, who chairs the review panel, warned that the rules are unclear. "
        "In her view, the council acted too fast."
    )
    result = extract(text)
    assert positions_of(result, "Clara Voss") == [
        "reckless",
        "the city cannot afford it",
        "the council acted too fast",
    ]
    assert positions_of(result, "Tomas Weller") == ["the rules are unclear"]


def test_unnamed_sources_are_unnamed_and_titles_are_not_attributed() -> None:
    # GUIDELINES (v2, unnamed sources): their statements are annotated, with the reserved
    # speaker "unnamed", which is no actor of the text; a quoted slogan is nobody's.
    text = (
        "Experts said the bridge was unsafe. Officials said repairs would take months. "
        "Protesters carried signs reading “Our River, Our Rules” through the old town."
    )
    result = extract(text)
    assert [(p.actor, p.quote) for p in result.positions] == [("unnamed", "the bridge was unsafe")]
    assert [(p.source, p.quote) for p in result.predictions] == [
        ("unnamed", "repairs would take months")
    ]
    assert [a.name for a in result.actors] == ["unnamed"]


# -- predictions -------------------------------------------------------------------------------


def test_future_statements_are_predictions_not_positions(briefing: ChunkExtraction) -> None:
    position_quotes = {p.quote for p in briefing.positions}
    assert not position_quotes & {p.quote for p in briefing.predictions}
    cut = prediction(briefing, "the central bank would probably cut rates")
    assert cut.source == "Lena Dorfmann"
    assert cut.likelihood == "likely"
    assert cut.timeframe == "by March"
    assert cut.conditions == ["if inflation keeps falling"]


def test_hedges_timeframes_and_conditions(briefing: ChunkExtraction) -> None:
    deal = prediction(briefing, "A deal could come")
    assert (deal.source, deal.likelihood, deal.timeframe) == (
        "Oskar Brandt",
        "possible",
        "within weeks",
    )
    assert deal.conditions == ["provided both sides compromise"]
    recession = prediction(briefing, "a recession is unlikely")
    assert (recession.likelihood, recession.timeframe) == ("unlikely", "before 2027")


@pytest.mark.parametrize(
    ("sentence", "likelihood", "timeframe", "conditions"),
    [
        ("Inflation will certainly fall next year", "certain", "next year", []),
        (
            "It is conceivable that the union would accept a pay freeze as part of a wider deal",
            "possible",
            None,
            ["as part of a wider deal"],
        ),
        (
            "The firm plans to open a plant by 2027 unless costs rise",
            "unspecified",
            "by 2027",
            ["unless costs rise"],
        ),
        ("Prices might double within a month", "possible", "within a month", []),
        ("The council is set to vote on 9 May", "likely", "on 9 May", []),
    ],
)
def test_forecast_details(
    sentence: str, likelihood: str, timeframe: str | None, conditions: list[str]
) -> None:
    result = extract(f"“{sentence},” economist Nora Quist said.")
    (forecast,) = result.predictions
    assert forecast.quote == sentence
    assert forecast.source == "Nora Quist"
    assert (forecast.likelihood, forecast.timeframe, forecast.conditions) == (
        likelihood,
        timeframe,
        conditions,
    )


def test_unattributed_forecasts_come_from_the_author(briefing: ChunkExtraction) -> None:
    forecast = prediction(briefing, "The next round is likely to take place in June")
    assert forecast.source == AUTHOR_NAME
    assert forecast.timeframe == "in June"
    assert AUTHOR_NAME in {a.name for a in briefing.actors}


# -- guarantees --------------------------------------------------------------------------------


def annotated_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "articles").glob("*.txt"))]
    if DEFAULT_DIR.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(DEFAULT_DIR.glob("*.txt"))]
    return [BRIEFING, *texts]


@pytest.mark.parametrize("text", annotated_texts())
def test_quotes_are_verbatim_and_references_resolve(text: str) -> None:
    result = extract(text)
    names = {a.name for a in result.actors}
    for item in [*result.positions, *result.predictions]:
        assert item.quote in text, item.quote
        assert item.quote == item.quote.strip()
    for p in result.positions:
        assert p.actor in names
    for q in result.predictions:
        assert q.source in names
        assert q.subjects and set(q.subjects) <= names
        assert q.timeframe is None or q.timeframe in q.quote
        assert all(c in q.quote for c in q.conditions)
    aliases = [alias for a in result.actors for alias in a.aliases]
    assert len(aliases) == len(set(aliases))
    assert all(alias in text for alias in aliases)


def test_a_text_without_quotes_or_speech() -> None:
    result = extract("The river rose two metres overnight. Schools in the valley stayed closed.")
    assert result.positions == []
    assert result.predictions == []
    assert result.summary


def test_tiny_and_odd_inputs_do_not_fail() -> None:
    for text in [
        "",
        " \n\n ",
        "Hello.",
        "“",
        "”,” he said.",
        "A" * 5000,
        "x\n\n\n\ny",
        "“Unclosed quote, she said",
    ]:
        result = extract(text)
        assert result.summary.strip()


def test_extraction_is_deterministic() -> None:
    text = (EXAMPLES / "articles" / "energy_summit.txt").read_text(encoding="utf-8")
    assert extract(text).model_dump_json() == extract(text).model_dump_json()


def test_extraction_does_not_depend_on_hash_seed() -> None:
    code = (
        "import sys; from seedsum.rules import extract; "
        "print(extract(sys.stdin.read()).model_dump_json())"
    )
    text = (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=text,
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


# -- the backend -------------------------------------------------------------------------------


def test_rules_backend_through_the_whole_pipeline_on_several_chunks(energy_text: str) -> None:
    result = seedsum.summarize(energy_text, backend=RulesBackend(), max_chunk_tokens=1000)
    assert result.meta.backend == "rules"
    assert result.meta.model == "rules-v1"
    assert result.meta.chunks > 1
    assert result.meta.input_tokens == result.meta.output_tokens == 0
    assert result.positions and result.predictions
    for item in [*result.positions, *result.predictions]:
        assert item.span is not None, item.quote
        assert energy_text[item.span.start : item.span.end] == item.quote
    varga = result.actor("Varga")
    assert varga is not None and varga.name == "Helena Varga"
    assert result.actor("Budapest") is not None and result.actor("Budapest").name == "Hungary"
    sentences = [s for s in result.summary.replace("?", ".").split(". ") if s.strip()]
    assert 2 <= len(sentences) <= 4


def test_rules_backend_condenses_chunk_summaries() -> None:
    parts = [
        "The summit ended without a deal. Ministers blamed each other for the delay.",
        "Germany offered more money. Hungary refused the hydrogen rules.",
        "The next meeting is set for May.",
    ]
    reply = RulesBackend().complete(ModelRequest(condense_messages(parts), CondensedSummary))
    summary = CondensedSummary.model_validate_json(reply.text).summary
    pieces = [s.strip() + "." for s in summary.split(".") if s.strip()]
    assert 2 <= len(pieces) <= 4
    assert all(any(p in part for part in parts) for p in pieces)


def test_rules_backend_answers_an_extraction_request() -> None:
    reply = RulesBackend().complete(ModelRequest(extraction_messages(BRIEFING), ChunkExtraction))
    assert ChunkExtraction.model_validate_json(reply.text) == extract(BRIEFING)
    assert reply.usage.input_tokens == 0


def test_rules_backend_refuses_custom_output_types() -> None:
    class Headline(BaseModel):
        headline: str

    request = ModelRequest(extraction_messages("Some text."), Headline)
    with pytest.raises(seedsum.ConfigurationError, match="model backend"):
        RulesBackend().complete(request)
    with pytest.raises(seedsum.ConfigurationError):
        seedsum.Summarizer(RulesBackend(), output=Headline).summarize("Some text.")


# -- evaluation --------------------------------------------------------------------------------

needs_bench = pytest.mark.skipif(not DEFAULT_DIR.is_dir(), reason="bench/eval not present")


@needs_bench
@pytest.mark.parametrize("folder", [DEFAULT_DIR, DEFAULT_DIR / "heldout"], ids=["dev", "held-out"])
def test_evaluation_meets_the_quality_floor(folder: Path) -> None:
    overall = evaluate(folder).overall
    assert overall["actors"].precision >= 0.8 and overall["actors"].recall >= 0.8
    for field in ("positions", "predictions"):
        assert overall[field].precision >= 0.6, field
        assert overall[field].recall >= 0.6, field


def test_examples_stay_usable_as_held_out_check() -> None:
    # The example replies annotate only part of each article, so only recall is guarded.
    report = evaluate(EXAMPLES / "articles", EXAMPLES / "replies")
    overall = report.overall
    assert overall["actors"].recall >= 0.8
    assert overall["positions"].recall >= 0.5
    assert overall["predictions"].recall >= 0.6


def test_scoring_matches_by_alias_and_overlap() -> None:
    text = "Ana Vid said the plan failed. Ana Vid said costs will rise."
    result = seedsum.summarize(text, backend=RulesBackend())
    gold = {
        "actors": [{"name": "Vid", "kind": "person", "role": None, "aliases": ["Ana Vid"]}],
        "positions": [{"actor": "Vid", "quote": "the plan failed", "topic": "t", "stance": "s"}],
        "predictions": [
            {
                "source": "Vid",
                "quote": "costs will rise",
                "claim": "c",
                "subjects": ["Vid"],
                "timeframe": None,
                "conditions": [],
                "likelihood": "likely",
            }
        ],
    }
    scores = score_article(text, result, gold)
    assert (scores["actors"].tp, scores["positions"].tp, scores["predictions"].tp) == (1, 1, 1)


@needs_bench
def test_eval_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "--no-throughput"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures["overall"]) == {"actors", "positions", "predictions"}
    assert set(figures["articles"]) == {p.stem for p, _ in article_pairs(DEFAULT_DIR)}


def test_eval_command_reports_a_missing_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ROOT / "no-such-folder"), "--no-throughput"]) == 2
    assert "no annotated articles" in capsys.readouterr().err
