"""How a statement is attributed, read from the text around its located quote (not from
the model):

- `direct`: the quote stands inside quotation marks (at least 85% of its letters, and no
  word of the reporter's before the first mark or after the last);
- `mixed`: a paraphrase carrying quoted fragments (some, but less, of it in quotation marks);
- `indirect`: reported speech, with a speech cue in its sentence ("X said that ...",
  "according to X");
- `unnamed`: the cue's speaker is an unnamed source ("officials said", "according to two
  people familiar with the talks", "experts say"); `source_description` keeps the words
  ("Western officials"). This wins over direct, mixed and indirect: the missing name is what
  a reader most needs to know;
- `publication`: neither quotation marks nor a cue: the author's own statement.

The `cue` is the speech verb or phrase ("said", "warned", "told", "according to") nearest to
the quote: in its paragraph for a direct quote (“...,” she said), in its sentence otherwise.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass

from ._context import TextContext
from ._patterns import CaseBlind, alternation
from .schema import AttributionKind, Cue, Span

__all__ = ["Attribution", "attribute", "is_unnamed_source"]

_VERBS = (
    "said|says|say|saying|told|tells|telling|warned|warns|warning|argued|argues|arguing|added|"
    "adds|adding|insisted|insists|stressed|stresses|noted|notes|claimed|claims|predicted|"
    "predicts|forecast|forecasts|estimated|estimates|wrote|writes|announced|announces|"
    "acknowledged|acknowledges|cautioned|cautions|suggested|suggests|promised|promises|"
    "pledged|pledges|vowed|vows|declared|declares|explained|explains|maintained|maintains|"
    "replied|replies|asked|called|calls|described|describes|accused|accuses|dismissed|"
    "dismisses|urged|urges|signalled|signaled|signals|conceded|concedes|admitted|admits|"
    "contended|contends|countered|counters|observed|remarked|projected|projects|confirmed|"
    "confirms|denied|denies|hinted|hints|indicated|indicates|emphasised|emphasized|"
    "emphasises|emphasizes|agreed|agrees|expects|expected|believes|believed|thinks|thought|"
    "fears|feared|predicting|insisting|stressing|noting|explaining|recalled|recalls|"
    "expect|believe|think|fear|warn|argue|predict|estimate|claim|insist|note|caution|"
    # stance verbs: "X wants ...", "X rejects ..." attribute a position without a speech verb
    "wants|want|wanted|opposes|opposed|favours|favors|backs|backed|rejects|rejected|blames|"
    "blamed|plans|planned|intends|intended|aims|aimed|urged|demands|demanded|proposes|"
    "proposed|hopes|hoped|seeks|sought|is pushing for|are pushing for|is preparing to|"
    "are preparing to|report|reported|reports|"
    "according to|in the words of|quoted as saying"
)

# Factored (see `seedsum._patterns`): the same matches, as no cue ends where another goes on.
_CUES = alternation(v.lower() for v in _VERBS.split("|"))
_CUE = CaseBlind(rf"(?<![\w-])({_CUES})(?![\w-])")
# Heads of noun phrases that name no one: "officials", "two people familiar with the talks".
_UNNAMED_HEADS = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "expert", "experts",
    "analyst", "analysts", "economist", "economists", "observer", "observers", "people",
    "person", "critic", "critics", "insider", "insiders", "aide", "aides", "officer", "officers",
    "resident", "residents", "witness", "witnesses", "negotiator", "negotiators", "lawmaker",
    "lawmakers", "legislators", "executives", "executive", "traders", "investors", "bankers",
    "participants", "delegates", "advisers", "advisors", "adviser", "advisor",
    "some", "many", "others", "several", "scientists", "researchers", "campaigners", "activists",
    "dealers", "doctors", "suppliers", "charities", "builders", "carmakers", "manufacturers",
    "farmers", "workers", "teachers", "nurses", "groups", "firms", "companies", "businesses",
    "producers", "exporters", "importers", "retailers", "landlords", "tenants", "parents",
    "voters", "members", "backbenchers", "mps", "ministers", "banks", "lenders", "unions",
    "agents", "agent", "shipyards", "brokers", "dealerships", "airlines", "hospitals", "schools",
    "councillors", "councilors", "growers", "fishermen", "miners", "locals", "shopkeepers",
    "hoteliers", "owners", "drivers", "pilots", "commuters", "passengers", "patients",
    "member", "deputies",
}  # fmt: skip
_NAMING = {"the", "a", "an", "its", "their", "so-called", "dubbed", "as", "named", "titled"}
_PRONOUNS = {"he", "she", "they", "we", "i", "it", "you"}
_LEADING_CONJUNCTIONS = {"yet", "but", "and", "so", "still", "now", "meanwhile"}
_LEADING_CONJUNCTION = re.compile(rf"^(?:(?:{'|'.join(_LEADING_CONJUNCTIONS)})\s+)+", re.I)
_ONE_OF_THEM = re.compile(r"(?:[Oo]ne|[Tt]wo|[Ss]ome|[Mm]ost)\s+of\s+them")
_QUANTIFIERS = {
    "several", "some", "many", "most", "few", "one", "two", "three", "four", "five", "dozens",
}  # fmt: skip
_ANONYMOUS = CaseBlind(
    r"condition of anonymity|not authori[sz]ed to speak|declined to be named|asked not to be "
    r"named|asked not to be identified|who did not want to be named|speaking privately|"
    r"said privately|on background"
)
_PREPOSITION = re.compile(
    r"\s(?:for|of|at|in|from|with|familiar|close|who|which|that|involved|briefed|on|to)\b",
    re.IGNORECASE,
)
# Where the speaker's phrase stops: before the cue ("suppliers that rely on credit have
# warned" keeps its relative clause), after it ("said that ..." stops at the "that").
_BOUNDARY_BEFORE = re.compile(r"[,;:.!?“”\"()—–]|\b(?:and|but|while|that)\b", re.I)
_BOUNDARY_NO_AND = re.compile(r"[,;:.!?“”\"()—–]|\b(?:but|while|that)\b", re.I)
# A boundary pattern preceded by a greedy `.*`: its match ends at the last boundary.
_RIGHTMOST = {
    b: re.compile(rf"(?s:.*)(?:{b.pattern})", b.flags) for b in (_BOUNDARY_BEFORE, _BOUNDARY_NO_AND)
}
_APPOSITIVE = re.compile(r",[^,]{1,90},\s*$")
_BOUNDARY_AFTER = re.compile(r"[,;:.!?“”\"()—–]|\b(?:that|and|but|while|as|who)\b", re.I)
_NAMED_BY = re.compile(r"(?:for|of|at|from|with)\s+(?:the\s+)?[A-Z]")
# A Q&A interview's answer: the paragraph opens with "A:".
_ANSWER = re.compile(r"(?:A|Answer)\s*:\s")
# Words that are also nouns or adjectives ("the paper counters", "as planned"): a cue only
# after a speaker-like subject, a name, a pronoun or an unnamed source.
_AMBIGUOUS = {
    "counters", "notes", "calls", "plans", "planned", "backs", "aims", "hopes", "demands",
    "claims", "projects", "estimates", "forecast", "forecasts", "report", "reports", "fears",
    "thought", "promises", "proposed", "agreed", "wants", "expected", "intended", "aimed",
    "backed", "hoped", "called", "described",
}  # fmt: skip
_PASSIVE_WORDS = ("be", "been", "being", "as", "is", "was", "were", "are", "to")
_PASSIVE = re.compile(rf"\b(?:{'|'.join(_PASSIVE_WORDS)})\s+$", re.IGNORECASE)
_PASSIVE_LONGEST = max(map(len, _PASSIVE_WORDS))
_DIRECT_SHARE = 0.85
_NOT_ALNUM = re.compile(r"[\W_]+")
_NOT_WORD = re.compile(r"[^\w-]")
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())
# Capitalized words that are adjectives (Western, Hungarian, Chinese, British, Israeli), not
# the name of an organization.
_ADJECTIVE = re.compile(r"(?:an|ern|ese|ish|i|ic|ch)$")
_COMMON_MODIFIERS = {
    "senior", "some", "many", "several", "most", "other", "few", "two", "three", "four", "five",
    "government", "ministry", "party", "top", "independent", "private", "local", "foreign",
    "military", "security", "industry", "trade", "union", "opposition", "a", "an", "the",
    "smaller", "larger", "small", "large", "big", "major", "leading",
}  # fmt: skip


@dataclass(frozen=True)
class Attribution:
    """How the statement at a span is attributed (see the module docstring)."""

    kind: AttributionKind
    cue: Cue | None = None
    source_description: str | None = None


def attribute(text: str, start: int, end: int, context: TextContext | None = None) -> Attribution:
    """The attribution of the statement at `text[start:end]`; `context`, the run's
    `TextContext` of `text`, shares what is read of a paragraph among its items."""
    context = context if context is not None else TextContext.of(text)
    paragraph = context.paragraph(start, end)
    p_start, p_end = paragraph.start, paragraph.end
    answer = _ANSWER.match(text, p_start)
    if answer is not None:
        label = text[answer.start() : answer.end()].rstrip()
        return Attribution(
            "direct", Cue(text=label, span=Span(start=p_start, end=p_start + len(label)))
        )
    regions = paragraph.regions
    share = _quoted_share(text, start, end, regions)
    if share >= _DIRECT_SHARE and not _words_outside_the_marks(text, start, end, regions):
        kind: AttributionKind = "direct"
        window = (p_start, p_end)
    else:
        kind = "mixed" if share > 0 else "indirect"
        window = paragraph.sentence_around(start, end)
    # The paragraph's cues, of which those inside the window are the ones a search of the
    # window finds: a window starts and ends between words, and no cue spans a sentence end.
    cues = [m for m in paragraph.matches(_CUE) if window[0] <= m.start() and m.end() <= window[1]]
    cue = _nearest_cue(text, start, end, window, regions, cues)
    if cue is None and kind == "indirect":
        return Attribution("publication")
    if cue is None:
        return Attribution(kind)
    return _attributed(text, kind, cue, window, context)


def _attributed(
    text: str, kind: AttributionKind, cue: Cue, window: tuple[int, int], context: TextContext
) -> Attribution:
    """The attribution of a statement of `kind` with a `cue`: unnamed when its speaker is
    an unnamed source or its sentence says so."""
    speaker = _LEADING_CONJUNCTION.sub("", _speaker(text, cue, window))
    unnamed = is_unnamed_source(speaker)
    if not unnamed:
        # "critics on both the left and the right say": the "and" joins the phrase's nouns.
        joined = _phrase_before(text, cue.span.start, window[0], _BOUNDARY_NO_AND)
        if joined != speaker and is_unnamed_source(joined):
            speaker, unnamed = joined, True
    s_start, s_end = context.sentence_around(cue.span.start, cue.span.end)
    if unnamed or _ANONYMOUS.search(text, s_start, s_end):
        return Attribution("unnamed", cue, speaker or None)
    return Attribution(kind, cue)


def _quoted_share(text: str, start: int, end: int, regions: tuple[tuple[int, int], ...]) -> float:
    if not any(a <= start and end <= b for a, b in regions):
        # Inside a paraphrase, a quoted name or scare quote (the “blue line”) is not the
        # speaker's own words.
        regions = tuple(r for r in regions if not _is_name(text, *r))
    letters = _letters(text[start:end])
    if not letters:
        return 0.0
    # The regions are disjoint: the letters inside are those of each overlap.
    inside = sum(
        _letters(text[max(a, start) : min(b, end)]) for a, b in regions if a < end and start < b
    )
    return inside / letters


def _words_outside_the_marks(
    text: str, start: int, end: int, regions: tuple[tuple[int, int], ...]
) -> bool:
    """Whether the quote has words of the reporter's before its first quotation or after its
    last ('it was “prepared to support navigation ...”'): a paraphrase carrying a quotation,
    however short the words around it."""
    inside = [(a, b) for a, b in regions if a < end and start < b]
    if not inside:
        return False
    return bool(_letters(text[start : inside[0][0]]) or _letters(text[inside[-1][1] : end]))


def _letters(stretch: str) -> int:
    """How many characters of `stretch` are letters or digits (`str.isalnum`, which is
    `\\w` without the underscore), counted in C: an ASCII stretch (most quotes) as bytes,
    whose `translate` deletes the others ten times faster than a substitution."""
    if stretch.isascii():
        return len(stretch.encode("ascii").translate(None, _ASCII_NOT_ALNUM))
    return len(_NOT_ALNUM.sub("", stretch))


def _is_name(text: str, start: int, end: int) -> bool:
    """A quoted title, name or scare quote: at most four words, Title Case or introduced as a
    name ("the", "so-called", "known as")."""
    words = text[start:end].strip(" ,.").split()
    if not words or len(words) > 4:
        return False
    if all(w[0].isupper() for w in words if w[0].isalpha()):
        return True
    before = text[max(0, start - 20) : start - 1].split()
    return bool(before) and before[-1].lower() in _NAMING


def _nearest_cue(
    text: str,
    start: int,
    end: int,
    window: tuple[int, int],
    regions: tuple[tuple[int, int], ...],
    cues: list[re.Match[str]],
) -> Cue | None:
    """The cue among `cues` (the window's) closest to the span, outside quotation marks and
    outside the span (inside the span only when there is none outside: a quote that includes
    its own "X said")."""
    outside, within = [], []
    for m in cues:
        at = m.start()
        if _in_regions(at, regions) or not _plausible(text, m, window):
            continue
        if start <= at < end:
            within.append(m)
            continue
        distance = start - m.end() if m.end() <= start else m.start() - end
        outside.append((distance, m))
    if outside:
        m = min(outside, key=lambda pair: pair[0])[1]
    elif within:
        m = within[0]
    else:
        return None
    return Cue(text=text[m.start() : m.end()], span=Span(start=m.start(), end=m.end()))


def _in_regions(at: int, regions: tuple[tuple[int, int], ...]) -> bool:
    """Whether `at` lies inside one of `regions` (disjoint, in order: only the last one
    starting at or before it can hold it)."""
    i = bisect_right(regions, (at, math.inf))
    return bool(i) and at < regions[i - 1][1]


def _plausible(text: str, m: re.Match[str], window: tuple[int, int]) -> bool:
    word = m.group(0).lower()
    if word.endswith("ed") and _passive_before(text, window[0], m.start()):
        return False  # "to be agreed", "as planned"
    if word not in _AMBIGUOUS:
        return True
    subject = _phrase_before(text, m.start(), window[0])
    words = subject.split()
    return bool(words) and (
        any(w[:1].isupper() and w.lower() not in _COMMON_MODIFIERS for w in words)
        or words[-1].lower() in _PRONOUNS
        or is_unnamed_source(subject)
    )


def _passive_before(text: str, floor: int, at: int) -> bool:
    """`_PASSIVE.search(text, floor, at)`, looked for only where it can match: its word
    ends where the whitespace before `at` begins, and is at most five letters long."""
    word_end = at
    while word_end > floor and text[word_end - 1].isspace():
        word_end -= 1
    return _PASSIVE.search(text, max(floor, word_end - _PASSIVE_LONGEST), at) is not None


def _speaker(text: str, cue: Cue, window: tuple[int, int]) -> str:
    """Who the cue attributes the words to: the subject before the verb ("Western officials
    said"), else the words after it ("said a senior diplomat", "according to analysts")."""
    after = _phrase_after(text, cue.span.end, window[1])
    if cue.text.lower() in ("according to", "in the words of", "quoted as saying"):
        return after
    before = _phrase_before(text, cue.span.start, window[0])
    return before or after


def _phrase_before(
    text: str, position: int, floor: int, boundary: re.Pattern[str] | None = None
) -> str:
    # "Varnia, the region's largest exporter, wants": the subject is before the appositive.
    stretch = _APPOSITIVE.sub(" ", text[floor:position])
    words = stretch[_last_boundary(stretch, boundary or _BOUNDARY_BEFORE) :].split()
    return " ".join(words[-8:])


def _last_boundary(stretch: str, boundary: re.Pattern[str]) -> int:
    """Where the last `boundary` in `stretch` ends (0 if none): one match that starts as far
    right as it can (`_RIGHTMOST`). The boundaries are single marks or whole words, which
    never overlap, so the one starting last is the last a scan from the left finds."""
    m = _RIGHTMOST[boundary].match(stretch)
    return m.end() if m is not None else 0


def _phrase_after(text: str, position: int, ceiling: int) -> str:
    stretch = text[position:ceiling]
    m = _BOUNDARY_AFTER.search(stretch)
    words = stretch[: m.start() if m else len(stretch)].split()
    return " ".join(words[:8])


def is_unnamed_source(phrase: str) -> bool:
    """Whether a speaker's phrase names no one: officials, sources, experts ... of no named
    organization ("analysts at Orsa Bank" and "Danuvia officials" speak for a named one;
    "Western" or "Hungarian officials" do not)."""
    if _ONE_OF_THEM.fullmatch(phrase):
        return True  # "One of them said": one of an unnamed group just described
    phrase = _LEADING_CONJUNCTION.sub("", phrase)  # "Yet some younger growers want"
    first = _PREPOSITION.search(phrase)
    words = (phrase[: first.start()] if first else phrase).split()
    if not words or words[0].lower() in _PRONOUNS:
        return False
    head = _NOT_WORD.sub("", words[-1])
    counted = len(words) > 1 and words[0].lower() in _QUANTIFIERS
    # "Several skippers", "Two dock workers": counted people of any trade, no list needed;
    # "one midwife", "another grower": one of them.
    plural = head.endswith("s") and not head.endswith("ss")
    single = len(words) > 1 and words[0].lower() in {"one", "another"}
    if head.lower() not in _UNNAMED_HEADS and not (
        head.islower() and ((counted and plural) or single)
    ):
        return False
    if first and _NAMED_BY.match(phrase, first.start() + 1):
        return False  # "analysts at Greyharbor Capital"; "dealers in Harlow" stay unnamed
    for i, word in enumerate(words[:-1]):
        if i == 0 and word.lower() in _COMMON_MODIFIERS | _QUANTIFIERS:  # a sentence start
            continue
        if word[:1].isupper() and not _ADJECTIVE.search(word):  # "Commission officials"
            return False
    return True
