"""The answering sentence inside a passage.

Each passage is cut into sentences (。！？!? with their closing quotes, and line ends). A sentence's score is
its cosine with the question under the same embedding model (the sentence vectors stored with the chunks,
see :mod:`rag.store.sentences`; only a sentence with no stored vector is embedded now, all in one batch),
plus a small bonus for the share of the question's keyword terms it contains, which settles ties
on names and numbers. With no question vector (keyword mode) the keyword share alone decides. A sentence
shorter than ``MIN_CHARS`` takes its neighbour along, so the mark is never a fragment like 「是的。」.
Header lines (headline, kicker, byline) are never marked, except that a question about who wrote or
photographed the story (哪位记者写的, 谁拍摄的, who took the photo) gets the line printing the byline or the
photo credit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from rag.chunking import strip_span
from rag.passage import Answer, Passage
from rag.tokens import tokenize

if TYPE_CHECKING:
    from rag.config import Config
    from rag.store.index import Index

__all__ = ["best_sentences", "sentence_windows", "split_sentences"]

MIN_CHARS = 16
MAX_SENTENCES = 24
LEXICAL_WEIGHT = 0.15
# A question about who wrote or photographed the story: its answer is the byline (or the photo credit), a
# header line that is otherwise never marked.
_WHO_MADE = re.compile(
    r"(?:哪位|哪个|哪名|谁|什么人)[^，。？?]{0,8}(?:写|撰|采写|报道|拍|摄)|(?:记者|作者|摄影师?|撰稿人)(?:是谁|叫什么|是哪)"
    r"|\bwho\b[^?]{0,60}\b(?:wrote|written|photographed)\b|\bwho took (?:the |this |that )?(?:photo|picture)"
    r"|\b(?:which|what) (?:reporter|journalist|photographer|author)\b",
    re.IGNORECASE,
)
_END = re.compile(r"[。！？!?]+[”’」』）)\"']*|[；;](?=\s*\n)|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (stripped, non-empty, each holding a letter or digit)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for a0, b0 in spans:
        a, b = strip_span(text, a0, b0)
        if a < b and any(ch.isalnum() for ch in text[a:b]):
            out.append((a, b))
    return out


def sentence_windows(text: str, limit: int = MAX_SENTENCES) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (at most ``limit``), a short one extended over the next one."""
    spans = split_sentences(text)[:limit]
    out: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(spans):
        if b - a < MIN_CHARS and i + 1 < len(spans) and "\n" not in text[b : spans[i + 1][0]]:
            b = spans[i + 1][1]
        out.append((a, b))
    return out


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


def _lexical(q_terms: set[str], text: str, analyzer: str) -> float:
    if not q_terms:
        return 0.0
    return len(q_terms & set(tokenize(text, analyzer))) / len(q_terms)


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


def best_sentences(
    question: str,
    passages: Sequence[Passage],
    index: Index,
    config: Config,
    qvec: np.ndarray | None,
    *,
    known: dict[str, np.ndarray] | None = None,
) -> list[Passage]:
    """The passages with ``answer`` set to their best sentence (passages with no sentence keep ``None``).

    ``known`` maps sentence text to vectors already computed for this question (by the rerank step)."""
    analyzer = index.analyzer
    q_terms = set(tokenize(question, analyzer))
    who_made = _WHO_MADE.search(question) is not None
    spans = [_answer_windows(p, who_made) for p in passages]
    flat = [p.text[a:b] for p, sp in zip(passages, spans, strict=True) for a, b in sp]
    if not flat:
        return list(passages)
    if qvec is not None:
        known = dict(known or {})
        todo = list(dict.fromkeys(t for t in flat if t not in known))
        # A window cut differently where two chunks were joined into one passage: use the stored vector of
        # the sentence it contains or lies within (no model call); embed only what matches none.
        stored = sorted(known, key=len, reverse=True)
        for t in list(todo):
            near = next((x for x in stored if x in t or t in x), None)
            if near is not None:
                known[t] = known[near]
                todo.remove(t)
        if todo:
            known.update(
                zip(
                    todo,
                    index.embedder(config).encode_passages(todo, batch_size=config.batch_size),
                    strict=True,
                )
            )
        dense = np.array([float(known[t] @ qvec) for t in flat], dtype=np.float32)
    else:
        dense = np.zeros(len(flat), dtype=np.float32)
    out: list[Passage] = []
    i = 0
    for p, sp in zip(passages, spans, strict=True):
        if not sp:
            out.append(p)
            continue
        scores = [
            float(dense[i + j]) + LEXICAL_WEIGHT * _lexical(q_terms, p.text[a:b], analyzer)
            for j, (a, b) in enumerate(sp)
        ]
        i += len(sp)
        j = int(np.argmax(scores))
        a, b = sp[j]
        ds, de = _doc_range(p, a, b)
        out.append(p._replace(answer=Answer(p.text[a:b], a, b, ds, de, scores[j])))
    return out
