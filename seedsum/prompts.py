"""Prompt templates: loading them from the package (or the repository), and rendering messages.

Templates are Markdown files with a small front matter (`name`, `version`). In a built wheel
they sit in `seedsum/_prompts/`; in an editable install they are read from the repository's
`prompts/` folder. The instructions go into the system message and never vary between calls,
so providers' prompt caching applies; the document goes last, between delimiter lines.

Data never closes its block early: a `</document>` (or `<summaries>`, in any case or spacing)
inside the text has its `<` written `&lt;` before it goes into a prompt, and `document_text`
undoes exactly that, so backends that read the text back get the original. Quotes are located
in the original text, so offsets never see the escaping.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .backends.base import Message

EXTRACT = "extract"
CONDENSE = "condense"
_OPEN, _CLOSE = "<document>\n", "\n</document>"
#: Tokens the two delimiters add to a chunk (cl100k: their newlines merge with the chunk's
#: edges, so 6 rather than 3 + 4).
DELIMITER_TOKENS = 6
# A delimiter tag, opening or closing, as a model might read one: `</document>`, `< /Document`.
_TAG = r"(?=\s*/?\s*(?:document|summaries)\b)"
# `<` before a tag becomes `&lt;`; an `&lt;` already there gains an `amp;` (`&amp;lt;`), and so
# on, so that the escaping is undone exactly.
_ESCAPABLE = re.compile(r"(?:<|&((?:amp;)*)lt;)" + _TAG, re.IGNORECASE)
_ESCAPED = re.compile(r"&((?:amp;)*)lt;" + _TAG, re.IGNORECASE)


@dataclass(frozen=True)
class PromptTemplate:
    """One prompt file: its instructions, version and content hash."""

    name: str
    version: str
    instructions: str

    @functools.cached_property
    def sha256(self) -> str:
        """Hashed once: cache keys and prompt cache keys ask for it on every document."""
        return hashlib.sha256(self.instructions.encode("utf-8")).hexdigest()

    @property
    def label(self) -> str:
        """`name/version`, as reported in `RunMeta.prompt_version`."""
        return f"{self.name}/{self.version}"


def _prompt_dir() -> Path:
    packaged = resources.files("seedsum") / "_prompts"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "prompts"


@functools.cache
def load_prompt(name: str) -> PromptTemplate:
    """The template `prompts/{name}.md`, parsed."""
    path = _prompt_dir() / f"{name}.md"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"prompt template {name!r} not found at {path}; reinstall seedsum "
            "(the wheel ships its prompts in seedsum/_prompts)"
        ) from None
    _, header, body = raw.split("---\n", 2)
    fields = dict(line.split(":", 1) for line in header.strip().splitlines())
    meta = {key.strip(): value.strip() for key, value in fields.items()}
    return PromptTemplate(name=meta["name"], version=meta["version"], instructions=body.strip())


def prompt_cache_key(name: str) -> str:
    """A key shared by every request that starts with template `name`'s instructions, so a
    provider routes them to the same prompt cache."""
    template = load_prompt(name)
    return f"seedsum-{template.name}-v{template.version}-{template.sha256[:12]}"


def neutralize(data: str) -> str:
    """`data` with every delimiter tag made inert (see the module docstring)."""

    def escape(match: re.Match[str]) -> str:
        amps = match.group(1)
        return "&lt;" if amps is None else f"&amp;{amps}lt;"

    return _ESCAPABLE.sub(escape, data)


def restore(data: str) -> str:
    """The inverse of `neutralize`."""

    def unescape(match: re.Match[str]) -> str:
        amps = match.group(1)
        return "<" if not amps else f"&{amps.removeprefix('amp;')}lt;"

    return _ESCAPED.sub(unescape, data)


def extraction_messages(
    chunk_text: str, *, instruction_tokens: int | None = None, chunk_tokens: int | None = None
) -> tuple[Message, ...]:
    """The messages asking for one chunk's extraction; the token counts, when the caller
    knows them (from the chunking pass), travel with the messages."""
    template = load_prompt(EXTRACT)
    data = neutralize(chunk_text)
    wrapped = None  # unknown if escaping added tokens that the chunking pass did not count
    if chunk_tokens is not None and data == chunk_text:
        wrapped = chunk_tokens + DELIMITER_TOKENS
    return (
        Message("system", template.instructions, instruction_tokens),
        Message("user", f"{_OPEN}{data}{_CLOSE}", wrapped),
    )


def document_text(messages: tuple[Message, ...]) -> str:
    """The document (or chunk) inside an extraction request's messages, as it was given."""
    content = next(m.content for m in messages if m.role == "user")
    return restore(content.removeprefix(_OPEN).removesuffix(_CLOSE))


def condense_messages(summaries: list[str]) -> tuple[Message, ...]:
    """The messages asking to condense the chunk summaries of one document."""
    template = load_prompt(CONDENSE)
    numbered = "\n\n".join(
        f"Part {i}: {neutralize(summary)}" for i, summary in enumerate(summaries, 1)
    )
    return (
        Message("system", template.instructions),
        Message("user", f"<summaries>\n{numbered}\n</summaries>"),
    )
