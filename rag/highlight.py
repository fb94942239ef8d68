"""The last stage: the answering sentence inside each passage.

A passage is cut into sentence windows (rag.embedtext). A window's score is its cosine with the question
(vectors it is given: the ones stored with the chunks, see :func:`match_vectors`), plus a small bonus for
the share of the question's keyword terms it holds, which settles ties on names and numbers. With no
question vector (keyword mode) the keyword share alone decides. Header lines (headline, kicker, byline) are
never marked, except that a question about who wrote or photographed the story (哪位记者写的, 谁拍摄的, who
took the photo) gets the line printing the byline or the photo credit. This module never calls the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from rag.embedtext import MAX_SENTENCES, sentence_windows
from rag.passage import Answer, Passage
from rag.tokens import tokenize

__all__ = ["best_sentences", "match_vectors"]

#: Weight of the share of question terms a window holds, against its cosine (settles near-ties).
LEXICAL_WEIGHT = 0.15
# A question about who wrote or photographed the story: its answer is the byline (or the photo credit), a
# header line that is otherwise never marked.
_WHO_MADE = re.compile(
    r"(?:哪位|哪个|哪名|谁|什么人)[^，。？?]{0,8}(?:写|撰|采写|报道|拍|摄)|(?:记者|作者|摄影师?|撰稿人)(?:是谁|叫什么|是哪)"
    r"|\bwho\b[^?]{0,60}\b(?:wrote|written|photographed)\b|\bwho took (?:the |this |that )?(?:photo|picture)"
    r"|\b(?:which|what) (?:reporter|journalist|photographer|author)\b",
    re.IGNORECASE,
)


def _answer_windows(p: Passage, who_made: bool) -> list[tuple[int, int]]:
    """Sentence windows that can answer: the printed header lines (headline, kicker, byline) cannot, except
    that for a question about who made the story (``who_made``) the line printing the byline is the one."""
    c = p.citation
    spans = sentence_windows(p.text, MAX_SENTENCES * max(1, len(p.chunk_ids)))
    byline = "".join(c.byline.split()) if c.byline else ""
    if who_made and byline:
        credit = [(a, b) for a, b in spans if byline in "".join(p.text[a:b].split())]
        if credit:
            return credit[:1]
    header = {x.strip().rstrip("—").strip() for x in (c.title, c.kicker, c.byline) if x}
    body = [(a, b) for a, b in spans if p.text[a:b].strip().rstrip("—").strip() not in header]
    return body or spans


def _lexical(q_terms: set[str], text: str) -> float:
    if not q_terms:
        return 0.0
    return len(q_terms & set(tokenize(text))) / len(q_terms)


def _doc_range(p: Passage, a: int, b: int) -> tuple[int, int]:
    """The source range of passage text ``[a, b)``: from its first to its last source character (pieces
    can come out of order when a column's tail was printed elsewhere)."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e, o in p.citation.pieces:
        lo, hi = max(a, o), min(b, o + (e - s))
        if lo < hi:
            starts.append(s + lo - o)
            ends.append(s + hi - o)
    if not starts:
        return p.citation.start, p.citation.end
    return min(starts), max(ends)


def _windows(question: str, passages: Sequence[Passage]) -> list[list[tuple[int, int]]]:
    who_made = _WHO_MADE.search(question) is not None
    return [_answer_windows(p, who_made) for p in passages]


def match_vectors(
    question: str, passages: Sequence[Passage], stored: dict[str, np.ndarray]
) -> tuple[dict[str, np.ndarray], list[str]]:
    """The vector of every window :func:`best_sentences` will score, from ``stored`` (sentence text -> its
    stored vector), and the windows that have none. A window cut differently where two chunks were joined
    into one passage takes the stored vector of the sentence it contains or lies within; only a window that
    matches none is returned as missing, for the caller to embed."""
    flat = [p.text[a:b] for p, sp in zip(passages, _windows(question, passages), strict=True) for a, b in sp]
    vectors = {t: stored[t] for t in flat if t in stored}
    by_length = sorted(stored, key=len, reverse=True)
    missing: list[str] = []
    for t in dict.fromkeys(t for t in flat if t not in stored):
        near = next((x for x in by_length if x in t or t in x), None)
        if near is None:
            missing.append(t)
        else:
            vectors[t] = stored[near]
    return vectors, missing


def best_sentences(
    question: str,
    passages: Sequence[Passage],
    vectors: dict[str, np.ndarray],
    qvec: np.ndarray | None,
) -> list[Passage]:
    """The passages with ``answer`` set to their best window (a passage with none keeps ``None``).

    ``vectors``: sentence text -> vector for every window (:func:`match_vectors`, plus what the caller
    embedded); ``qvec``: the question's vector, ``None`` to score by shared terms alone."""
    q_terms = set(tokenize(question))
    spans = _windows(question, passages)
    out: list[Passage] = []
    for p, sp in zip(passages, spans, strict=True):
        if not sp:
            out.append(p)
            continue
        scores = [
            (float(vectors[p.text[a:b]] @ qvec) if qvec is not None else 0.0)
            + LEXICAL_WEIGHT * _lexical(q_terms, p.text[a:b])
            for a, b in sp
        ]
        j = int(np.argmax(scores))
        a, b = sp[j]
        ds, de = _doc_range(p, a, b)
        out.append(p._replace(answer=Answer(p.text[a:b], a, b, ds, de, scores[j])))
    return out
