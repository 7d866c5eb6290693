from __future__ import annotations

import seedsum
from seedsum.merge import merge_extractions, name_key
from seedsum.schema import Actor, Position, Prediction, Span


def actor(name: str, kind: str = "person", role: str | None = None, aliases=()) -> Actor:
    return Actor(name=name, kind=kind, role=role, aliases=list(aliases))


def position(who: str, quote: str) -> Position:
    return Position(actor=who, topic="t", stance="s", quote=quote)


def prediction(source: str, quote: str, subjects=()) -> Prediction:
    return Prediction(
        source=source,
        claim="c",
        subjects=list(subjects),
        timeframe=None,
        conditions=[],
        likelihood="possible",
        quote=quote,
    )


def test_name_keys_ignore_case_spacing_and_a_leading_the():
    assert name_key("The  Kremlin") == name_key("kremlin") == "kremlin"


def test_the_same_entity_across_chunks_becomes_one_actor():
    merged = merge_extractions(
        [
            actor("Vladimir Putin", role="President of Russia", aliases=["the Kremlin leader"]),
            actor("Russia", "state", aliases=["Moscow"]),
            actor("Putin"),  # chunk 2 only says "Putin"
            actor("Moscow", "state", aliases=["the Kremlin"]),  # chunk 2 names the capital
        ],
        [],
        [],
    )
    assert [(a.name, a.kind, a.role, a.aliases) for a in merged.actors] == [
        ("Vladimir Putin", "person", "President of Russia", ["Putin", "the Kremlin leader"]),
        ("Russia", "state", None, ["Moscow", "the Kremlin"]),
    ]


def test_a_surname_shared_by_two_people_is_not_merged():
    merged = merge_extractions(
        [actor("Donald Trump"), actor("Melania Trump"), actor("Trump")], [], []
    )
    assert sorted(a.name for a in merged.actors) == ["Donald Trump", "Melania Trump", "Trump"]


def test_references_are_rewritten_to_the_merged_name():
    merged = merge_extractions(
        [actor("Ivan Preobrazhensky", aliases=["Preobrazhensky"]), actor("Russia", "state")],
        [position("Preobrazhensky", "Russia has refused")],
        [prediction("preobrazhensky", "talks will stall", subjects=["russia", "Russia"])],
    )
    assert merged.positions[0].actor == "Ivan Preobrazhensky"
    assert merged.predictions[0].source == "Ivan Preobrazhensky"
    assert merged.predictions[0].subjects == ["Russia"]
    assert merged.warnings == []


def test_unknown_references_become_actors_with_a_warning():
    merged = merge_extractions([], [position("Tatiana Stanovaya", "a quote")], [])
    assert [(a.name, a.kind) for a in merged.actors] == [("Tatiana Stanovaya", "other")]
    assert "Tatiana Stanovaya" in merged.warnings[0]


def test_unattributed_predictions_by_the_author_need_no_warning():
    merged = merge_extractions([], [], [prediction("the author", "prices will rise")])
    assert merged.warnings == []


def test_items_repeated_by_overlapping_chunks_are_kept_once_longest_quote_winning():
    merged = merge_extractions(
        [actor("Ivan Petrov", aliases=["Petrov"])],
        [
            position("Ivan Petrov", "Nothing has changed"),
            position("Petrov", "Nothing has changed since the call."),
            position("Ivan Petrov", "nothing has changed"),
            position("Ivan Petrov", "A different point."),
        ],
        [prediction("Petrov", "It will end"), prediction("Ivan Petrov", "It will end.")],
    )
    assert [p.quote for p in merged.positions] == [
        "Nothing has changed since the call.",
        "A different point.",
    ]
    assert [p.quote for p in merged.predictions] == ["It will end"]


def test_the_same_quote_by_different_actors_is_kept_for_each():
    merged = merge_extractions(
        [actor("Ann Lee"), actor("Bo Chan")],
        [position("Ann Lee", "We agree."), position("Bo Chan", "We agree.")],
        [],
    )
    assert len(merged.positions) == 2


# -- what de-duplication may drop (issue 10) ----------------------------------------------

LONG = "we will not accept any deal that cedes the northern ports"
SHORT = "we will not accept"


def test_nested_quotes_of_one_actor_on_different_topics_are_both_kept():
    merged = merge_extractions(
        [actor("Ann Lee")],
        [
            Position(actor="Ann Lee", topic="the deal", stance="rejects", quote=SHORT),
            Position(actor="Ann Lee", topic="the northern ports", stance="keeps", quote=LONG),
        ],
        [
            prediction("Ann Lee", SHORT).model_copy(update={"claim": "No deal soon."}),
            prediction("Ann Lee", LONG).model_copy(update={"claim": "The ports stay."}),
        ],
    )
    assert [p.quote for p in merged.positions] == [SHORT, LONG]
    assert [p.quote for p in merged.predictions] == [SHORT, LONG]
    assert merged.warnings == []


def test_a_dropped_item_that_was_not_an_exact_copy_is_named_in_a_warning():
    merged = merge_extractions(
        [actor("Ann Lee", aliases=["Lee"])],
        [position("Ann Lee", SHORT), position("Lee", LONG), position("Ann Lee", LONG)],
        [],
    )
    assert [p.quote for p in merged.positions] == [LONG]
    [warning] = merged.warnings  # the exact copy of the kept item needs none
    assert "position" in warning and "Ann Lee" in warning and repr(SHORT) in warning


def test_the_same_words_at_two_places_in_the_text_are_two_items():
    text = f"{SHORT}, she said in May. In June: {SHORT}."
    first, second = Span(start=0, end=len(SHORT)), Span(start=text.rindex(SHORT), end=len(text) - 1)
    merged = merge_extractions(
        [actor("Ann Lee")],
        [
            position("Ann Lee", SHORT).model_copy(update={"span": first}),
            position("Ann Lee", SHORT).model_copy(update={"span": second}),
            position("Ann Lee", SHORT).model_copy(update={"span": second}),  # overlap copy
        ],
        [],
    )
    assert [p.span for p in merged.positions] == [first, second]
    assert merged.warnings == []


def test_a_span_inside_another_of_the_same_statement_is_dropped_with_a_warning():
    long, short = Span(start=10, end=10 + len(LONG)), Span(start=10, end=10 + len(SHORT))
    merged = merge_extractions(
        [actor("Ann Lee")],
        [
            position("Ann Lee", SHORT).model_copy(update={"span": short}),
            position("Ann Lee", LONG).model_copy(update={"span": long}),
        ],
        [],
    )
    assert [p.quote for p in merged.positions] == [LONG]
    assert len(merged.warnings) == 1


def test_merge_decisions_reach_the_documents_warnings():
    text = f"Ann Lee, the minister, said: \u201c{LONG}.\u201d Talks go on."
    reply = {
        "summary": "A minister rejects a deal.",
        "actors": [{"name": "Ann Lee", "kind": "person", "role": "minister", "aliases": []}],
        "positions": [
            {"actor": "Ann Lee", "topic": "the deal", "stance": "rejects", "quote": SHORT},
            {"actor": "Ann Lee", "topic": "the ports", "stance": "keeps", "quote": LONG},
            {"actor": "Ann Lee", "topic": "The deal.", "stance": "Rejects", "quote": LONG},
        ],
        "predictions": [],
    }
    result = seedsum.summarize(text, backend=seedsum.MockBackend([reply]))
    assert [(p.topic, p.quote) for p in result.positions] == [
        ("the ports", LONG),
        ("The deal.", LONG),
    ]
    assert any("merged two positions" in w and repr(SHORT) in w for w in result.meta.warnings)
