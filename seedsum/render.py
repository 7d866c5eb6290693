"""Rendering an ArticleSummary for people: Markdown with every quote and its offsets, and
(from `seedsum.review`) the HTML review page of one or many results."""

from __future__ import annotations

from .review.render import ReviewDocument as ReviewDocument
from .review.render import review_page as review_page
from .schema import ArticleSummary, Span


def _where(span: Span | None) -> str:
    if span is None:
        return "not found in the text"
    note = "" if span.match == "exact" else f", {span.match} match"
    return f"chars {span.start}-{span.end}{note}"


def to_markdown(result: ArticleSummary, title: str | None = None) -> str:
    """A readable report: summary, actors, positions and predictions with their quotes."""
    lines = [f"# {title}" if title else "# Summary", "", result.summary, ""]
    lines += ["## Actors", ""]
    for actor in result.actors:
        role = f", {actor.role}" if actor.role else ""
        aliases = f" (also: {', '.join(actor.aliases)})" if actor.aliases else ""
        lines.append(f"- **{actor.name}** ({actor.kind}{role}){aliases}")
    lines += ["", "## Positions", ""]
    for p in result.positions:
        lines.append(f"- **{p.actor}** on {p.topic}: {p.stance}")
        lines.append(f"  > {p.quote} [{_where(p.span)}]")
    lines += ["", "## Predictions", ""]
    for q in result.predictions:
        when = f"; {q.timeframe}" if q.timeframe else ""
        conditions = f"; if {'; '.join(q.conditions)}" if q.conditions else ""
        about = ", ".join(q.subjects) or "unspecified"
        lines.append(f"- **{q.source}** ({q.likelihood}{when}{conditions}), about {about}:")
        lines.append(f"  {q.claim}")
        lines.append(f"  > {q.quote} [{_where(q.span)}]")
    meta = result.meta
    lines += [
        "",
        f"_{meta.backend}/{meta.model}, prompt {meta.prompt_version}: {meta.chunks} chunk(s), "
        f"{meta.calls} call(s), {meta.input_tokens} input and {meta.output_tokens} output tokens._",
    ]
    lines += [f"_warning: {w}_" for w in meta.warnings]
    return "\n".join(lines) + "\n"
