"""The second stage: candidate chunks, one ranking per channel, each channel a small function in a table.

A channel answers "which chunks, and how well, by this kind of evidence". ``dense``: cosine of the question
vector with the chunk vectors (FAISS). ``keyword``: bigram BM25 over what was embedded for each chunk.
Three more reach text the first two miss, and return nothing when the question gives them nothing to do:
``pinyin`` (an English question's words against the pinyin of the text, for names: Fengtai -> 丰台),
``translation`` (an English question's words through CC-CEDICT, searched in the keyword index) and
``abbreviation`` (the other form of each abbreviation in a Chinese question: 责编 <-> 责任编辑).
A mode (rag.search) is the list of channels it asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from rag.glossary import abbreviations, chinese_words
from rag.question import Question
from rag.store.index import Index
from rag.store.keyword import KeywordIndex

__all__ = ["CANDIDATES", "CHANNELS", "Ranking", "gather"]

#: Rows each channel returns (at least 4 x k). More did not change any figure on the sets measured; the
#: fused candidates all get both scores (rag.fusion), so a chunk ranked 201st by one channel is not lost.
CANDIDATES = 200


class Ranking(NamedTuple):
    """One channel's answer: its best rows as ``(row, score)``, best first, and, for a keyword channel, every
    row's score (so a candidate found by another channel can be scored by this one)."""

    channel: str
    rows: list[tuple[int, float]]
    scores: np.ndarray | None = None


Channel = Callable[[Index, Question, "np.ndarray | None", int], "Ranking | None"]


def _keep(
    scores: np.ndarray, rows: np.ndarray, allowed: np.ndarray | None, want: int
) -> list[tuple[int, float]]:
    out: list[tuple[int, float]] = []
    for s, r in zip(scores, rows, strict=True):
        if r < 0 or (allowed is not None and not allowed[r]):
            continue
        out.append((int(r), float(s)))
        if len(out) >= want:
            break
    return out


def _bm25(name: str, index: KeywordIndex, query: str, allowed: np.ndarray | None, want: int) -> Ranking:
    scores = index.scores(query)
    top, rows = index.search(query, want if allowed is None else len(scores), scores=scores)
    return Ranking(name, _keep(top, rows, allowed, want), scores)


def dense(idx: Index, q: Question, allowed: np.ndarray | None, want: int) -> Ranking | None:
    if q.vector is None:
        return None
    scores, rows = idx.vectors.search(q.vector, want if allowed is None else len(idx.chunks))
    return Ranking("dense", _keep(scores, rows, allowed, want))


def keyword(idx: Index, q: Question, allowed: np.ndarray | None, want: int) -> Ranking:
    return _bm25("keyword", idx.keyword, q.text, allowed, want)


def pinyin(idx: Index, q: Question, allowed: np.ndarray | None, want: int) -> Ranking | None:
    if idx.pinyin.bm25 is None or not idx.pinyin.terms(q.text):
        return None
    return _bm25("pinyin", idx.pinyin, q.text, allowed, want)


def translation(idx: Index, q: Question, allowed: np.ndarray | None, want: int) -> Ranking | None:
    words = chinese_words(q.text)
    return _bm25("translation", idx.keyword, " ".join(words), allowed, want) if words else None


def abbreviation(idx: Index, q: Question, allowed: np.ndarray | None, want: int) -> Ranking | None:
    words = abbreviations(q.simple)
    return _bm25("abbreviation", idx.keyword, " ".join(words), allowed, want) if words else None


CHANNELS: dict[str, Channel] = {
    "dense": dense,
    "keyword": keyword,
    "pinyin": pinyin,
    "translation": translation,
    "abbreviation": abbreviation,
}


def gather(
    idx: Index, q: Question, channels: tuple[str, ...], allowed: np.ndarray | None, want: int
) -> dict[str, Ranking]:
    """The rankings of ``channels`` that had something to say, in the order asked for."""
    out: dict[str, Ranking] = {}
    for name in channels:
        ranking = CHANNELS[name](idx, q, allowed, want)
        if ranking is not None:
            out[name] = ranking
    return out
