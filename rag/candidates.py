"""The second stage: candidate chunks, one ranking per channel, each channel a small function in a table.

A channel answers "which chunks, and how well, by this kind of evidence". ``dense``: cosine of the question
vector with the chunk vectors (FAISS). ``keyword``: bigram BM25 over what was embedded for each chunk.
Four more reach text the first two miss, and return nothing when the question gives them nothing to do:
``pinyin`` (an English question's words against the pinyin of the text, for names: Fengtai -> 丰台),
``translation`` (an English question's words through CC-CEDICT, searched in the keyword index),
``gloss`` (an English question's word stems against the English glosses of the text's words, rag.tokens) and
``abbreviation`` (the other form of each abbreviation in a Chinese question: 责编 <-> 责任编辑).
A mode (rag.search) is the list of channels it asks for. Channels ask the store (rag.store.base), never
its files, so the index folder and Milvus give the same candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

import numpy as np

from rag.filters import Where
from rag.glossary import abbreviations, chinese_words
from rag.question import Question
from rag.store.base import Store

__all__ = ["CANDIDATES", "CHANNELS", "Ranking", "gather"]

#: Rows each channel returns (at least 4 x k). More did not change any figure on the sets measured; the
#: fused candidates all get both scores (rag.fusion), so a chunk ranked 201st by one channel is not lost.
CANDIDATES = 200


class Ranking(NamedTuple):
    """One channel's answer: its best rows as ``(row, score)``, best first, and, for a keyword channel, the
    score of every candidate row by row (so a candidate found by another channel can be scored by this one):
    every row's, when the store has them at no cost, else those of the rows any channel found (:func:`gather`).
    ``query``: the keyword field and text it searched."""

    channel: str
    rows: list[tuple[int, float]]
    scores: np.ndarray | Mapping[int, float] | None = None
    query: tuple[str, str] | None = None


Channel = Callable[[Store, Question, "Where | None", int], "Ranking | None"]


def _bm25(name: str, idx: Store, field: str, query: str, where: Where | None, want: int) -> Ranking:
    rows, scores = idx.bm25_top(field, query, want, where)
    return Ranking(name, rows, scores, (field, query))


def dense(idx: Store, q: Question, where: Where | None, want: int) -> Ranking | None:
    if q.vector is None:
        return None
    return Ranking("dense", idx.dense_top(q.vector, want, where))


def keyword(idx: Store, q: Question, where: Where | None, want: int) -> Ranking:
    return _bm25("keyword", idx, "keyword", q.text, where, want)


def pinyin(idx: Store, q: Question, where: Where | None, want: int) -> Ranking | None:
    if not len(idx.chunks) or not idx.fields["pinyin"].terms(q.text):
        return None
    return _bm25("pinyin", idx, "pinyin", q.text, where, want)


def translation(idx: Store, q: Question, where: Where | None, want: int) -> Ranking | None:
    if _glossed(idx, q):  # the glosses answer it better (its weight is 0 in fusion.WEIGHTS_EN): skip the work
        return None
    words = chinese_words(q.text)
    return _bm25("translation", idx, "keyword", " ".join(words), where, want) if words else None


def gloss(idx: Store, q: Question, where: Where | None, want: int) -> Ranking | None:
    return _bm25("gloss", idx, "gloss", q.text, where, want) if _glossed(idx, q) else None


def _glossed(idx: Store, q: Question) -> bool:
    """Whether the gloss channel answers ``q``: an English question with words the gloss field knows (an index
    written before the field has none)."""
    field = idx.fields.get("gloss")
    return q.english and field is not None and len(idx.chunks) > 0 and bool(field.terms(q.text))


def abbreviation(idx: Store, q: Question, where: Where | None, want: int) -> Ranking | None:
    words = abbreviations(q.simple)
    return _bm25("abbreviation", idx, "keyword", " ".join(words), where, want) if words else None


CHANNELS: dict[str, Channel] = {
    "dense": dense,
    "keyword": keyword,
    "pinyin": pinyin,
    "translation": translation,
    "abbreviation": abbreviation,
    "gloss": gloss,
}


def gather(
    idx: Store, q: Question, channels: tuple[str, ...], where: Where | None, want: int
) -> dict[str, Ranking]:
    """The rankings of ``channels`` that had something to say, in the order asked for; each keyword ranking
    holds the score of every row any of them found."""
    out: dict[str, Ranking] = {}
    for name in channels:
        ranking = CHANNELS[name](idx, q, where, want)
        if ranking is not None:
            out[name] = ranking
    found = sorted({r for ranking in out.values() for r, _ in ranking.rows})
    for name, ranking in out.items():
        if ranking.scores is None and ranking.query is not None:
            scores = idx.bm25_scores(*ranking.query, found) if found else np.zeros(0)
            out[name] = ranking._replace(scores=dict(zip(found, map(float, scores), strict=True)))
    return out
