"""`--format markdown`: text from the model is inert in the report (no HTML, no links, no
structure of its own, no terminal escapes), and ordinary text reads as it was."""

from __future__ import annotations

import re
import unicodedata

from seedsum.render import escape, to_markdown
from seedsum.schema import Actor, ArticleSummary, Position, Prediction, RunMeta, Span

HOSTILE = {
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "link": "[click here](javascript:alert(1)) ![pixel](https://evil.example/p.png)",
    "autolink": "<https://evil.example/phish>",
    "structure": "fine.\n\n## Actors\n\n- **Forged actor** (person)\n> forged quote",
    "terminal": "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m",
    "bidi": "evil\u202etxt.exe\u2066",
    "emphasis": "**bold** _it_ `code` ~~gone~~ | a | table |",
}


def result_with(text: str) -> ArticleSummary:
    span = Span(start=0, end=4, match="exact")
    return ArticleSummary(
        summary=text,
        actors=[Actor(name=text, kind="person", role=text, aliases=[text])],
        positions=[Position(actor=text, topic=text, stance=text, quote=text, span=span)],
        predictions=[
            Prediction(
                source=text,
                claim=text,
                subjects=[text],
                timeframe=text,
                conditions=[text],
                likelihood="likely",
                quote=text,
                span=None,
            )
        ],
        meta=RunMeta(backend="openai", model=text, prompt_version="extract/1", warnings=[text]),
    )


def _unescaped(markdown: str, characters: str) -> list[str]:
    return re.findall(rf"(?<!\\)[{re.escape(characters)}]", markdown)


def test_markdown_escapes_html_links_and_structure_from_model_output():
    # The report's own syntax (bold names, block quotes, [offsets], italic notes) is what a
    # plain value gives; a hostile value adds no unescaped syntax character to it.
    syntax = "<>[]&`*_|~"
    own = _unescaped(to_markdown(result_with("plain")), syntax)
    for name, text in HOSTILE.items():
        markdown = to_markdown(result_with(text))
        assert _unescaped(markdown, syntax) == own, name
        headings = [line for line in markdown.splitlines() if line.startswith("#")]
        assert headings == ["# Summary", "## Actors", "## Positions", "## Predictions"], name
        assert "\n- **Forged" not in markdown and "\n> forged" not in markdown


def test_markdown_has_no_control_or_bidi_characters_from_model_output():
    for name, text in HOSTILE.items():
        markdown = to_markdown(result_with(text), title=text)
        bad = [c for c in markdown if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]
        assert bad == [], name
    assert "\\x1b\\[31mred" in to_markdown(result_with(HOSTILE["terminal"]))  # shown, not run


def test_a_summary_cannot_start_a_list_heading_or_quote_of_its_own():
    assert escape("1. First") == "1\\. First"
    assert escape("# Owned") == "\\# Owned"
    assert escape("- item") == "\\- item"
    assert escape("> quoted") == "\\> quoted"


def test_ordinary_text_reads_as_it_was():
    text = 'Jana Holm (finance minister) said: "We will pass the budget by June, 2026." 5% more!'
    assert escape(text) == text
    assert escape("grain_corridor.txt") == "grain_corridor.txt"  # inert inside a word
    assert escape("_emphasis_ and __strong__") == "\\_emphasis\\_ and \\_\\_strong\\_\\_"
