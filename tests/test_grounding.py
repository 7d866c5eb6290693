from __future__ import annotations

import pytest

from seedsum.grounding import QuoteLocator

SOURCE = (
    "Political analyst Ivan Petrov said on Monday that “nothing has fundamentally changed\n"
    "following the call.” He added: “Russia has consistently refused to discuss a ceasefire.”\n\n"
    "Later, Petrov said: “It’s a stalling tactic — and the window is closing.”\n"
    "Nothing has changed in Berlin, officials said."
)


def locate(quote: str, near: tuple[int, int] | None = None):
    span = QuoteLocator(SOURCE).locate(quote, near)
    return (span.match, SOURCE[span.start : span.end]) if span else None


def test_exact_quote():
    assert locate("Russia has consistently refused to discuss a ceasefire.") == (
        "exact",
        "Russia has consistently refused to discuss a ceasefire.",
    )


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # a line break in the source, a space in the quote
        (
            "nothing has fundamentally changed following the call.",
            "nothing has fundamentally changed\nfollowing the call.",
        ),
        # the quotation marks are kept when the model kept them
        (
            '"nothing has fundamentally changed following the call."',
            "“nothing has fundamentally changed\nfollowing the call.”",
        ),
        # straight quotes and apostrophe, hyphen for an em dash
        (
            '"It\'s a stalling tactic - and the window is closing."',
            "“It’s a stalling tactic — and the window is closing.”",
        ),
        # case, and the final full stop dropped
        (
            "IT’S A STALLING TACTIC — AND THE WINDOW IS CLOSING",
            "It’s a stalling tactic — and the window is closing",
        ),
    ],
)
def test_normalized_quotes_map_back_to_the_original_characters(quote: str, expected: str):
    assert locate(quote) == ("normalized", expected)


def test_surrounding_whitespace_is_ignored():
    assert locate("  Russia has consistently refused to discuss a ceasefire.  ") == (
        "exact",
        "Russia has consistently refused to discuss a ceasefire.",
    )


def test_elided_quote_spans_from_the_first_to_the_last_piece():
    match, found = locate("nothing has fundamentally changed ... discuss a ceasefire")
    assert match == "elided"
    assert found.startswith("nothing has fundamentally changed")
    assert found.endswith("discuss a ceasefire")


def test_a_quote_that_is_not_there_is_not_found():
    assert locate("Russia has always been ready to discuss a ceasefire.") is None
    assert locate("nothing has fundamentally changed ... in Paris today") is None
    assert locate("   ") is None


def test_the_occurrence_inside_the_chunk_wins():
    source = "He said no. " * 3 + "Then: he said no. The end."
    locator = QuoteLocator(source)
    chunk = (source.index("Then"), len(source))
    span = locator.locate("he said no", chunk)
    assert span is not None
    assert span.start == source.index("he said no", chunk[0])
    normalized = locator.locate("HE SAID NO", chunk)
    assert normalized is not None
    assert normalized.start == span.start
    assert locator.locate("He said no.").start == 0


def test_case_folding_that_changes_length_keeps_offsets_aligned():
    source = "Die Straße ist lang. “Sie ist sehr lang,” sagte er."
    span = QuoteLocator(source).locate('"sie ist sehr lang,"')
    assert span is not None
    assert source[span.start : span.end] == "“Sie ist sehr lang,”"


def test_outer_punctuation_is_given_back_across_whitespace():
    source = "Notes:\n- a_module is the module we want to match\n"
    span = QuoteLocator(source).locate("-  a_module is the module we want to match")
    assert span is not None
    assert source[span.start : span.end] == "- a_module is the module we want to match"
