"""Shortcuts taken for speed give the results of the plain way."""

from __future__ import annotations

import re
import threading

import seedsum
from seedsum import attribution, hedges
from seedsum._context import quoted_regions
from seedsum._patterns import CaseBlind
from seedsum.backends.base import ModelReply, ModelRequest

from .conftest import EXAMPLES


def test_the_factored_cue_pattern_matches_what_the_plain_alternation_matches():
    plain = re.compile(rf"(?<![\w-])({attribution._VERBS})(?![\w-])", re.IGNORECASE)
    text = (
        "Officials said on Monday, according to two people familiar with it, that the plan "
        "expects a vote; “We expect it,” she says, adding: it is pushing for more. SAID, "
        "re-said, saidx, Expected, reports reported report-backs; quoted as saying nothing. "
        + (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    )
    # `CaseBlind` matches on the lower-cased text: what was written is read from the text.
    found = attribution._CUE.finditer(text)
    spans = [(m.start(), m.end(), text[m.start() : m.end()]) for m in found]
    assert spans == [(m.start(), m.end(), m.group(0)) for m in plain.finditer(text)]
    assert len(spans) > 20


def test_the_factored_hedge_pattern_takes_the_longest_phrase_as_the_sorted_one_did():
    plain = re.compile(
        r"(?<![\w-])("
        + "|".join(
            re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p, _, _ in hedges._PHRASES
        )
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    text = (
        "It is very likely, not likely, most  likely; it could not be ruled out and there is "
        "a chance that it won’t. They'll, we’ll and she'll may be almost certainly not there; "
        "a chance, a fair chance, is expected, is expected to. "
        + (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    )
    spans = [m.span() for m in hedges._WORDS.finditer(text)]
    assert spans == [m.span() for m in plain.finditer(text)]
    assert len(spans) > 15


def test_no_cue_is_another_followed_by_a_space():
    """The factored pattern takes the longest cue at a place; the plain alternation took the
    first listed. They agree while no cue is a whole word at the start of another."""
    cues = [c.lower() for c in attribution._VERBS.split("|")]
    clashes = [
        (a, b)
        for a in cues
        for b in cues
        if a != b and b.startswith(a) and not (b[len(a)].isalnum() or b[len(a)] in "_-")
    ]
    assert clashes == []


def _regions_char_by_char(text: str, start: int, end: int) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for i in range(start, end):
        if opened is None and text[i] in '“"':
            opened = i + 1
        elif opened is not None and text[i] in '”"':
            regions.append((opened, i))
            opened = None
    if opened is not None:
        regions.append((opened, end))
    return regions


def test_quoted_regions_pair_marks_as_a_scan_of_every_character_does():
    text = 'He said “one” and "two" then “three” and ”stray “open ""'
    for start, end in [(0, len(text)), (20, 40), (9, 9), (0, 50)]:
        assert quoted_regions(text, start, end) == tuple(_regions_char_by_char(text, start, end))
    assert quoted_regions(text, 0, len(text))[:2] == ((9, 12), (19, 22))


def test_a_cpu_bound_backends_chunks_are_extracted_in_the_calling_thread():
    seen: set[int] = set()

    class Recording(seedsum.RulesBackend):
        def complete(self, request: ModelRequest) -> ModelReply:
            seen.add(threading.get_ident())
            return super().complete(request)

    text = (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    s = seedsum.Summarizer(Recording(), max_chunk_tokens=200, chunk_overlap_tokens=20)
    result = s.summarize(text)
    assert result.meta.chunks > 3
    assert seen == {threading.get_ident()}
    plain = seedsum.Summarizer(
        seedsum.RulesBackend(), max_chunk_tokens=200, chunk_overlap_tokens=20, max_concurrency=1
    )
    assert plain.summarize(text) == result


def test_requests_carry_the_token_counts_budgets_and_rate_limits_read():
    from seedsum.prompts import CONDENSE, EXTRACT, load_prompt
    from seedsum.tokens import count_tokens

    text = (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    backend = seedsum.MockBackend(
        responder=lambda r: (
            {"summary": "S."}
            if r.purpose == "condense"
            else {"summary": "S.", "actors": [], "positions": [], "predictions": []}
        )
    )
    s = seedsum.Summarizer(
        backend, max_chunk_tokens=300, chunk_overlap_tokens=20, max_tokens_per_document=10**6
    )
    s.summarize(text)
    extracts = [r for r in backend.requests if r.purpose == "extract"]
    [condense] = [r for r in backend.requests if r.purpose == "condense"]
    assert len(extracts) > 2
    for request in extracts:
        system, user = request.messages
        assert system.tokens == count_tokens(load_prompt(EXTRACT).instructions, s.encoding)
        assert user.tokens is not None
    assert condense.messages[0].tokens == count_tokens(
        load_prompt(CONDENSE).instructions, s.encoding
    )


def test_case_blind_patterns_match_where_ignorecase_does():
    pattern = r"(?<![\w-])(said|says|according to|is\s+sure\s+to)(?![\w-])"
    plain = re.compile(pattern, re.IGNORECASE)
    blind = CaseBlind(pattern)
    texts = [
        "SAID she; he Says; According To them; it IS  sure TO; unsaid, said-so.",
        # Lowering "İ" adds a character; IGNORECASE folds "ſ" (long s) onto "s" and lowering
        # does not: both texts take the IGNORECASE path, with the same offsets.
        "İstanbul officials ſaid, according to the mayor, it is sure to.",
        "Long ſ: ſays the ſource.",
    ]
    for text in texts:
        found = [(m.start(), m.end()) for m in blind.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)]
        assert found
        inner = (3, len(text) - 3)
        assert [m.span() for m in blind.finditer(text, *inner)] == [
            m.span() for m in plain.finditer(text, *inner)
        ]
    assert blind.search("nothing here") is None


def test_the_last_boundary_found_from_the_tail_is_the_whole_stretchs():
    text = (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    stretches = [text[:n] for n in range(0, len(text), 37)]
    stretches += [
        "x" * 300 + " and" + "y" * 200,
        "word " * 60,
        "_and" + " a" * 80,
        "a, " + "b" * 150,
    ]
    for boundary in (attribution._BOUNDARY_BEFORE, attribution._BOUNDARY_NO_AND):
        for stretch in stretches:
            plain = 0
            for m in boundary.finditer(stretch):
                plain = m.end()
            assert attribution._last_boundary(stretch, boundary) == plain


def test_letters_are_counted_as_str_isalnum_counts_them():
    ascii_stretches = ["a_b 1,2", "".join(map(chr, range(128))), "It's 3 p.m. (UTC)."]
    for stretch in ["", "a_b 1,2 ü ß ٣ — “x”", "___", "Die Straße 12", *ascii_stretches]:
        assert attribution._letters(stretch) == sum(map(str.isalnum, stretch))


def test_a_reply_built_as_the_output_type_is_taken_as_is_and_any_other_is_validated():
    from pydantic import BaseModel

    from seedsum.schema import CondensedSummary
    from seedsum.validate import reask_loop

    class Wider(CondensedSummary):
        extra: int = 0

    request = ModelRequest((), CondensedSummary)
    built = CondensedSummary(summary="Built.")

    def first_value(reply: ModelReply) -> BaseModel:
        loop = reask_loop(request, CondensedSummary, 0)
        next(loop)
        try:
            loop.send(reply)
        except StopIteration as done:
            return done.value.value
        raise AssertionError("the loop asked again")

    # The object itself, not a copy parsed from its text (which here says something else).
    assert first_value(ModelReply('{"summary": "Text."}', value=built)) is built
    # A subclass or another model is not the type asked for: the text decides.
    parsed = first_value(ModelReply('{"summary": "Text."}', value=Wider(summary="W.")))
    assert type(parsed) is CondensedSummary and parsed.summary == "Text."


def test_timeframes_read_once_per_day_still_follow_each_datetimes_own_date():
    from datetime import datetime, timedelta, timezone

    from seedsum.timeframes import parse_timeframe

    utc = datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)
    paris = datetime(2027, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    assert utc == paris  # the same instant: a cache keyed on it would answer both alike
    assert parse_timeframe("next year", utc).not_after.year == 2027
    assert parse_timeframe("next year", paris).not_after.year == 2028
    assert parse_timeframe("next year", utc) == parse_timeframe("next year", "2026-12-31")


def _sentence_around_by_scanning(text: str, start: int, end: int) -> tuple[int, int]:
    from seedsum._context import _SENTENCE_END, paragraph_around

    p_start, p_end = paragraph_around(text, start, end)
    left = p_start
    for m in _SENTENCE_END.finditer(text, p_start, p_end):
        if m.end() > start:
            break
        left = m.end()
    stop = _SENTENCE_END.search(text, max(end, left), p_end)
    right = stop.end() if stop else p_end
    while left < right and text[left].isspace():
        left += 1
    return left, right


def test_sentences_found_from_a_paragraphs_ends_are_those_a_scan_finds():
    from seedsum._context import sentence_around

    text = (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    text += "\n\nIt ended.” Then “Why?!” she asked.) (Yes.) 3. A. B?”’ C\n\n  \n“Open. Shut."
    for start in range(0, len(text), 7):
        for width in (0, 1, 15, 140):
            end = min(len(text), start + width)
            assert sentence_around(text, start, end) == _sentence_around_by_scanning(
                text, start, end
            )


def test_the_passive_before_a_cue_is_found_as_a_search_of_the_whole_window_finds_it():
    words = ["be", "Been", "being", "as", "IS", "was", "were", "are", "to", "ſo", "tobe", "x"]
    texts = [
        f"{a}{w}{s}agreed"
        for w in words
        for a in ("", " ", "-", "a")
        for s in (" ", "\n", " \n  ", "")
    ]
    texts += ["  agreed", "agreed", "to be\n\n agreed", "it was   agreed"]
    for text in texts:
        at = text.index("agreed")
        for floor in range(at + 1):
            expected = attribution._PASSIVE.search(text, floor, at) is not None
            assert attribution._passive_before(text, floor, at) == expected, (text, floor)


def test_a_place_is_in_the_quoted_regions_as_a_scan_of_them_says():
    regions = ((2, 5), (9, 10), (12, 30))
    for at in range(35):
        assert attribution._in_regions(at, regions) == any(a <= at < b for a, b in regions)
    assert not attribution._in_regions(3, ())


def test_a_hedge_figure_is_never_where_its_quick_test_finds_nothing():
    text = (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")
    text += (
        " A 30 percent chance; odds of about 40 per  cent; put it at 5%; 70 PerCent likely;"
        " one in three; Two-In-Five chance; 1 in 10; one in a million; ſome 20 % risk; İn 3."
    )
    found = 0
    for start in range(0, len(text), 11):
        for end in (start + 30, start + 200):
            if not hedges._HAS_PERCENT.search(text, start, end):
                for pattern in hedges._PERCENTAGES:
                    assert pattern.search(text, start, end) is None
            if not hedges._HAS_ONE_IN.search(text, start, end):
                assert hedges._ONE_IN.search(text, start, end) is None
            found += bool(hedges._candidates(text, start, end))
    assert found > 50


def test_words_split_and_joined_are_whitespace_runs_made_one_space_and_stripped():
    spaces = [c for c in map(chr, range(0x3100)) if re.fullmatch(r"\s", c) or c.isspace()]
    assert all(re.fullmatch(r"\s", c) and c.isspace() for c in spaces)
    text = "".join(f"{s}w{i}{s}{s}" for i, s in enumerate(spaces))
    assert " ".join(text.split()) == re.sub(r"\s+", " ", text).strip()


def test_a_prediction_without_a_timeframe_gets_the_deadline_it_always_got():
    from seedsum.schema import Deadline
    from seedsum.timeframes import parse_timeframe

    for text in (None, "", "  \n"):
        assert parse_timeframe(text) == Deadline(text=text, why="no timeframe stated")
        assert parse_timeframe(text, "2026-01-01").text == text


def test_forms_found_by_their_first_word_are_those_one_pattern_of_them_all_finds():
    from seedsum.rules.coreference import _occurrences, _occurrences_by_pattern

    forms = ["Varnia", "Varnia’s Bank", "Varnian", "Varnians", "Ola Brandt", "Brandt", "O’Neill"]
    texts = [
        "Varnia’s Bank said Varnia’s exports and Varnia's wheat would rise; Varnians agree.",
        "Ola Brandt met Brandt’s rival O’Neill. Anti-Varnia groups, 2Varnia and Varnia-led talks.",
        "“Varnia,” said Brandt, “will not.” The Varnian minister and Brandts were there (Varnia).",
        "Varnias’ claim: Varnia’s Bankers and Varnia’s Bank’s board; Ola Brandtson and Ola Brandt.",
    ]
    for text in texts:
        assert _occurrences(text, forms) == _occurrences_by_pattern(text, forms), text
    # a form that does not start with a capital letter is found all the same
    text = "the dockers’ federation and the 7-Eleven"
    assert _occurrences(text, ["7-Eleven"]) == [(text.index("7"), len(text))]
