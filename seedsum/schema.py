"""The data seedsum returns, and the narrower shape the model is asked to produce per chunk.

Field names are the contract with the model and with users: change them only with a new
prompt version.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ActorKind = Literal["person", "state", "organization", "group", "other"]
Likelihood = Literal["certain", "likely", "possible", "unlikely", "unspecified"]
MatchKind = Literal["exact", "normalized", "elided"]
AttributionKind = Literal["direct", "indirect", "mixed", "publication", "unnamed"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    # extra="forbid" puts additionalProperties=false into the JSON schema, which strict
    # structured-output modes require, and rejects replies that invent fields.
    model_config = ConfigDict(extra="forbid")


class Span(_Strict):
    """Where a quote stands in the original text: `text[start:end]`, and how it was matched."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    match: MatchKind = Field(
        default="exact",
        description="exact: the quote as given; normalized: after folding quotes, "
        "whitespace, case and trailing punctuation; elided: pieces around an ellipsis.",
    )


class Actor(_Strict):
    """A person, state, organization or group that appears in the text."""

    name: Text = Field(description="The fullest form of the name used in the text.")
    kind: ActorKind
    role: str | None = Field(description="The role as stated in the text, or null.")
    aliases: list[Text] = Field(
        description="Other ways the text refers to this actor (surname, capital for a state)."
    )


class PositionItem(_Strict):
    """A stance an actor holds or states, as the model reports it."""

    actor: Text = Field(description="The `name` of an actor in `actors`.")
    topic: Text
    stance: Text = Field(description="A few words for the stance; not a restatement of the quote.")
    quote: Text = Field(description="A verbatim span of the document that supports the stance.")


class PredictionItem(_Strict):
    """A statement about the future, as the model reports it."""

    source: Text = Field(description="Who makes the prediction: an actor's `name`.")
    claim: Text
    subjects: list[Text] = Field(description="The `name`s of the actors the prediction is about.")
    timeframe: str | None = Field(description="The timeframe as stated, or null.")
    conditions: list[Text]
    likelihood: Likelihood
    quote: Text = Field(description="A verbatim span of the document that states the prediction.")
    question: Text | None = Field(
        default=None,
        description="One yes/no question a later reader can resolve unambiguously, naming "
        "who, what, and the deadline; null if the prediction cannot be put as one.",
    )


class ChunkExtraction(_Strict):
    """What the model returns for one chunk of a document."""

    summary: Text = Field(description="2-4 neutral sentences.")
    actors: list[Actor]
    positions: list[PositionItem]
    predictions: list[PredictionItem]


class CondensedSummary(_Strict):
    """What the model returns when asked to condense the summaries of several chunks."""

    summary: Text = Field(description="2-4 neutral sentences about the whole document.")


class Deadline(BaseModel):
    """When a prediction falls due, read from its timeframe by `seedsum.timeframes`.

    `not_before`/`not_after` are inclusive dates (either may be None); `event` is what the
    timeframe is bound to ("the next election"); `resolved` says whether any date was
    computed, and `why` says why not (or what was assumed)."""

    model_config = ConfigDict(frozen=True)

    text: str | None = None
    not_before: date | None = None
    not_after: date | None = None
    event: str | None = None
    resolved: bool = False
    why: str | None = None


class Probability(BaseModel):
    """A probability band (`low` <= `high`, both in [0, 1]) from `seedsum.hedges`."""

    model_config = ConfigDict(frozen=True)

    low: float = Field(ge=0, le=1)
    high: float = Field(ge=0, le=1)

    @property
    def midpoint(self) -> float:
        return (self.low + self.high) / 2


class Hedge(BaseModel):
    """The word or phrase that carries a prediction's likelihood, and where it stands."""

    model_config = ConfigDict(frozen=True)

    text: str
    span: Span | None = None
    kind: Literal["percentage", "estimative", "modal", "intention"] = "estimative"


class Cue(BaseModel):
    """The speech verb or phrase that attributes a statement ("said", "according to")."""

    model_config = ConfigDict(frozen=True)

    text: str
    span: Span


class Position(PositionItem):
    """A position with the quote located in the original text (`span` is None if not found).

    `attribution`, `cue` and `source_description` are computed from the text around the span
    (`seedsum.attribution`); they are None when the quote was not located."""

    span: Span | None = None
    attribution: AttributionKind | None = None
    cue: Cue | None = None
    source_description: str | None = None


class Prediction(PredictionItem):
    """A prediction with the quote located in the original text (`span` is None if not found).

    Derived by seedsum, not by the model: `deadline` (from `timeframe` and the publication
    date), `hedge` and `probability` (from the words around the quote), `attribution`, `cue`,
    `source_description`, a stable `id`, and a `question` when the backend gave none."""

    span: Span | None = None
    question: str | None = None
    id: str | None = None
    deadline: Deadline | None = None
    hedge: Hedge | None = None
    probability: Probability | None = None
    attribution: AttributionKind | None = None
    cue: Cue | None = None
    source_description: str | None = None


class RunMeta(BaseModel):
    """What a run did: which model and prompt, how many calls, tokens and cache hits."""

    backend: str
    model: str
    prompt_version: str
    chunks: int = 0
    calls: int = 0
    reasks: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    cost_usd: float | None = None
    warnings: list[str] = Field(default_factory=list)
    #: `cost_usd` by kind of token: fresh input, cached input, output (None: price unknown).
    input_cost_usd: float | None = None
    cached_input_cost_usd: float | None = None
    output_cost_usd: float | None = None
    #: Output tokens per item returned (actors, positions, predictions): what a reply's
    #: verbosity costs (None when nothing was returned or nothing was generated).
    output_tokens_per_item: float | None = None
    #: How replies were constrained: "json_schema", "json_object_schema", "json_object" or
    #: "none" (the weakest any call of the document used); None when no call negotiated one.
    structured_output: str | None = None
    #: Chunks split in two because the reply to them was cut off at the output limit.
    splits: int = 0
    #: Calls answered by the Batch API (priced at its batch rate in `cost_usd`).
    batch_calls: int = 0
    #: Flex requests refused for capacity and sent again on the standard tier.
    flex_fallbacks: int = 0


class DocumentInfo(BaseModel):
    """What is known about a document besides its text: carried into its result. Keys other
    than these five (e.g. `author` from front matter) are kept as they are."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    title: str | None = None
    source: str | None = Field(default=None, description="The outlet that published it.")
    url: str | None = None
    published: date | datetime | None = None


class ArticleSummary(BaseModel):
    """The structured summary of one article (`document`: its metadata, when given)."""

    summary: str
    actors: list[Actor]
    positions: list[Position]
    predictions: list[Prediction]
    meta: RunMeta
    document: DocumentInfo | None = None

    def actor(self, name: str) -> Actor | None:
        """The actor called `name` or known by it as an alias (case-insensitive)."""
        wanted = name.casefold()
        for actor in self.actors:
            if actor.name.casefold() == wanted or any(
                a.casefold() == wanted for a in actor.aliases
            ):
                return actor
        return None

    def to_html(self, text: str, *, title: str | None = None) -> str:
        """A self-contained HTML review page of this result over `text` (the text it was
        made from). `title` names the page and its gold export (`X.txt` exports `X.gold.json`)."""
        from .review.render import document_page  # the page's assets load only when asked for

        return document_page(text, self, title=title)
