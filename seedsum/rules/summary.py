"""Extractive summaries: the most central sentences of a text, in their original order.

A sentence's score is the average weight of its content words, where a word weighs by how
often the whole text uses it (so sentences about the text's main subjects score high), with a
bonus for the opening sentence (news puts the gist first) and penalties for sentences that
are mostly quotation, very short or very long. The summary takes the best two to four
sentences within a word budget, in document order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .lexicon import words
from .sentences import Document

_STOPWORDS = (
    words(
        """
        a an the and or but nor so yet for of to in on at by with from into onto over under
        about above below after before between among through during without within against
        toward towards upon via per as than then that this these those there here it its it’s he
        she they we i you him her them us me his hers their our my your who whom whose which
        what when where why how whether if although though because since while until unless is
        are was were be been being am has have had having do does did doing will would could
        should may might must can shall not no also only just even still very more most less
        least much many some any all each every both either neither other another such same own
        too again further once said says say told tell added according one two three first last
        new year years week weeks month months day days time mr ms mrs percent s t d ll re ve m
        up out off go get got put set per via vs us
        """
    )
    | frozenset(map(chr, range(ord("a"), ord("z") + 1)))
    | {"-"}
)
_MAX_WORDS = 95
#: The summary of a text with no words at all.
EMPTY = "The text is empty."


# Punctuation and digits become spaces, so that `str.split` yields the words.
_NON_WORD = re.compile(r"[.,;:!?“”\"()\[\]{}—–‘’'%$€£#&*+=/\\|<>~_0-9\u00a0]")


def content_words(sentence: str) -> set[str]:
    """The words of `sentence` that carry content (lower case, no stopwords)."""
    return set(_NON_WORD.sub(" ", sentence.lower()).split()) - _STOPWORDS


def sentence_words(text: str, spans: Sequence[tuple[int, int]]) -> list[set[str]]:
    """`content_words` of each `text[start:end]`, lowering and cleaning the text once."""
    clean = _NON_WORD.sub(" ", text.lower())
    return [set(clean[start:end].split()) - _STOPWORDS for start, end in spans]


def document_frequencies(words: Sequence[set[str]]) -> Counter[str]:
    """In how many sentences each word occurs."""
    freq: Counter[str] = Counter()
    for ws in words:
        freq.update(ws)
    return freq


def pick(
    sentences: Sequence[str],
    quote_share: Sequence[float] | None = None,
    words: Sequence[set[str]] | None = None,
    freq: Counter[str] | None = None,
) -> list[int]:
    """The indices (in order) of the 2-4 sentences that best summarize `sentences`
    (`words`: their content words, `freq`: their document frequencies, if computed already)."""
    if not sentences:
        return []
    if words is None:
        words = [content_words(s) for s in sentences]
    if freq is None:
        freq = document_frequencies(words)
    scores: list[float] = []
    for i, ws in enumerate(words):
        length = sentences[i].count(" ") + 1
        if not ws:
            scores.append(-1.0)
            continue
        score = sum(map(freq.__getitem__, ws)) / (len(ws) ** 0.5 + 2.0)
        if i == 0:
            score *= 1.6
        elif i < 3:
            score *= 1.15
        share = quote_share[i] if quote_share else 0.0
        score *= 1.0 - 0.8 * share
        if length < 8:
            score *= 0.4
        elif length > 55:
            score *= 0.6
        if sentences[i].rstrip().endswith("?"):
            score *= 0.5
        elif not sentences[i].rstrip().endswith((".", "!", "”", '"', "’", "'", ")")):
            score *= 0.05  # a headline, byline or caption, not a sentence
        scores.append(score)
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    budget = 0
    for i in order:
        if scores[i] <= 0 and len(chosen) >= 2:
            break
        n = len(sentences[i].split())
        if len(chosen) >= 2 and budget + n > _MAX_WORDS:
            continue
        if any(_similar(words[i], words[j]) for j in chosen):
            continue
        chosen.append(i)
        budget += n
        if len(chosen) == 4 or (len(chosen) >= 3 and budget > _MAX_WORDS * 0.7):
            break
    return sorted(chosen)


def _similar(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) > 0.8


def summarize_document(
    doc: Document, words: Sequence[set[str]] | None = None, freq: Counter[str] | None = None
) -> str:
    """A 2-4 sentence extractive summary of `doc` (the whole text if it is shorter)."""
    text = doc.text
    sentences = [text[s.start : s.end] for s in doc.sentences]
    quoted = [0] * len(sentences)
    for q in doc.quotes:
        quoted[doc.sentence_index(q.start)] += q.end - q.start
    shares = [n / max(1, s.end - s.start) for n, s in zip(quoted, doc.sentences, strict=True)]
    chosen = pick(sentences, shares, words, freq)
    summary = " ".join(" ".join(sentences[i].split()) for i in chosen)
    return summary or " ".join(text.split())[:500] or EMPTY


def condense(summaries: Sequence[str]) -> str:
    """A 2-4 sentence summary of the summaries of a document's parts, in order."""
    sentences: list[str] = []
    shares: list[float] = []
    seen: set[str] = set()
    for part in summaries:
        doc = Document(part)
        for s in doc.sentences:
            sentence = " ".join(part[s.start : s.end].split())
            if sentence in seen:
                continue
            seen.add(sentence)
            sentences.append(sentence)
            quoted = sum(q.end - q.start for q in doc.quotes_between(s.start, s.end))
            shares.append(quoted / max(1, s.end - s.start))
    chosen = pick(sentences, shares)
    summary = " ".join(sentences[i] for i in chosen)
    return summary or " ".join(" ".join(summaries).split())[:500] or EMPTY
