"""Rendering an ArticleSummary for people: Markdown with every quote and its offsets, and
(from `seedsum.review`) the HTML review page of one or many results.

Everything in a result came from a model (or a server) and is escaped before it goes into
the Markdown: control characters (terminal escapes, bidirectional overrides) are shown as
`\\x1b`-style codes, line breaks become spaces (so no value can start a heading, list or
block quote of its own), and Markdown and HTML syntax characters are backslash-escaped (so no
value can open a link, an image, a tag or an emphasis).
"""

from __future__ import annotations

import re

from .review.render import ReviewDocument as ReviewDocument
from .review.render import review_page as review_page
from .schema import ArticleSummary, Span

# Backslash-escaped wherever they stand: links and images ([ ]), HTML and autolinks (< > &),
# emphasis and code (* ` ~), tables (|) and the escape character itself. An underscore only
# where it could open or close emphasis: inside a word ("grain_corridor") it cannot.
_SYNTAX = re.compile(r"([\\`*\[\]<>&|~]|(?<![^\W_])_|_(?![^\W_]))")
# At the start of a line: headings, block quotes, lists, thematic breaks, setext underlines,
# ordered lists ("1." or "1)": the escape goes before the dot).
_LINE_START = re.compile(r"^(\s*|\s*\d+)([#>+\-=]|(?<=\d)[.)])")
_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
# C0 and C1 controls and DEL, and the invisible bidirectional controls ("Trojan Source").
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape(value: object) -> str:
    """`value` as inert Markdown text on one line."""
    text = _BREAKS.sub(" ", str(value)).replace("\t", " ")
    text = _SYNTAX.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return _CONTROLS.sub(_code, text)


def _code(match: re.Match[str]) -> str:
    point = ord(match.group())
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def _where(span: Span | None) -> str:
    if span is None:
        return "not found in the text"
    note = "" if span.match == "exact" else f", {span.match} match"
    return f"chars {span.start}-{span.end}{note}"


def to_markdown(result: ArticleSummary, title: str | None = None) -> str:
    """A readable report: summary, actors, positions and predictions with their quotes."""
    e = escape
    lines = [f"# {e(title)}" if title else "# Summary", "", e(result.summary), ""]
    lines += ["## Actors", ""]
    for actor in result.actors:
        role = f", {e(actor.role)}" if actor.role else ""
        aliases = f" (also: {', '.join(map(e, actor.aliases))})" if actor.aliases else ""
        lines.append(f"- **{e(actor.name)}** ({e(actor.kind)}{role}){aliases}")
    lines += ["", "## Positions", ""]
    for p in result.positions:
        lines.append(f"- **{e(p.actor)}** on {e(p.topic)}: {e(p.stance)}")
        lines.append(f"  > {e(p.quote)} [{_where(p.span)}]")
    lines += ["", "## Predictions", ""]
    for q in result.predictions:
        when = f"; {e(q.timeframe)}" if q.timeframe else ""
        conditions = f"; if {'; '.join(map(e, q.conditions))}" if q.conditions else ""
        about = ", ".join(map(e, q.subjects)) or "unspecified"
        lines.append(f"- **{e(q.source)}** ({e(q.likelihood)}{when}{conditions}), about {about}:")
        lines.append(f"  {e(q.claim)}")
        lines.append(f"  > {e(q.quote)} [{_where(q.span)}]")
    meta = result.meta
    lines += [
        "",
        f"_{e(meta.backend)}/{e(meta.model)}, prompt {e(meta.prompt_version)}: {meta.chunks} "
        f"chunk(s), {meta.calls} call(s), {meta.input_tokens} input and {meta.output_tokens} "
        "output tokens._",
    ]
    lines += [f"_warning: {e(w)}_" for w in meta.warnings]
    return "\n".join(lines) + "\n"
