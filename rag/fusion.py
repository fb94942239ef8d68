"""The third stage: one score per candidate chunk from the channels' rankings, by a fusion from a table.

``linear`` (hybrid mode): each channel's score normalised over the candidates (dense: min-max of the
cosines; a BM25 channel: its score over its best score), weighted and summed, plus a bonus for holding what
the question quotes or the people it names word for word. Every candidate gets every score first: a chunk
found by one channel alone gets its exact cosine (or its BM25 score, 0 when it shares no term) rather than
counting as the worst in the other; a chunk that is the best keyword match but 201st by cosine should not
lose to one that is merely first by cosine. ``rrf``: reciprocal rank fusion, the baseline hybrid mode is
measured against. ``single``: one channel's own score. docs/retrieval.md has the measurements behind
the weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from rag.candidates import Ranking
from rag.embedtext import chunk_text
from rag.question import Question
from rag.store.base import Store
from rag.tokens import exact_phrases, normalize

__all__ = ["FUSIONS", "PHRASE_WEIGHT", "RRF_K", "WEIGHTS", "WEIGHTS_EN", "Hit", "norm"]

#: Linear-fusion weight of each channel. Only their ratios matter; the keyword channel's 1.5 and the
#: others were chosen on the demo-page sets with distractors and CMRC (docs/retrieval.md).
WEIGHTS = {"dense": 1.0, "keyword": 1.5, "pinyin": 1.5, "translation": 1.0, "abbreviation": 1.0}
#: The weights for an English question searched with the gloss channel (an index written before the gloss
#: field keeps ``WEIGHTS``), chosen on xquad-dev's tuning half: its bigram keyword evidence is numbers and
#: Latin names only, and the word-by-word translation adds nothing the glosses do not give better.
WEIGHTS_EN = {
    "dense": 1.0,
    "keyword": 0.75,
    "pinyin": 3.0,
    "translation": 0.0,
    "abbreviation": 1.0,
    "gloss": 1.5,
}
#: Bonus for a candidate holding every exact phrase of the question (one more first place, on the scale of a
#: normalised channel score, is 1.0; half of it was enough to fix the misses it was built for).
PHRASE_WEIGHT = 0.5
#: The reciprocal-rank constant of the rrf baseline (the value of the original RRF paper).
RRF_K = 60


@dataclass
class Hit:
    """A candidate chunk (``row``) with its scores; after grouping, ``rows`` are the chunks of its passage."""

    row: int
    dense: float | None = None
    keyword: float | None = None
    fused: float = 0.0
    rows: list[int] = field(default_factory=list)


Fusion = Callable[[Store, Question, dict[str, Ranking]], list[Hit]]


def _collect(rankings: dict[str, Ranking]) -> dict[int, Hit]:
    """Every row any channel found, in the order found (dense first), with the scores found with it."""
    hits: dict[int, Hit] = {}
    for name, ranking in rankings.items():
        for r, s in ranking.rows:
            h = hits.setdefault(r, Hit(r))
            if name == "dense":
                h.dense = s
            elif name == "keyword":
                h.keyword = s
    return hits


def _ranked(hits: dict[int, Hit]) -> list[Hit]:
    return sorted(hits.values(), key=lambda h: -h.fused)


def single(idx: Store, q: Question, rankings: dict[str, Ranking]) -> list[Hit]:
    hits = _collect(rankings)
    for ranking in rankings.values():
        for r, s in ranking.rows:
            hits[r].fused = s
    return _ranked(hits)


def rrf(idx: Store, q: Question, rankings: dict[str, Ranking]) -> list[Hit]:
    hits = _collect(rankings)
    for ranking in rankings.values():
        for rank, (r, _) in enumerate(ranking.rows, 1):
            hits[r].fused += 1.0 / (RRF_K + rank)
    return _ranked(hits)


def linear(idx: Store, q: Question, rankings: dict[str, Ranking]) -> list[Hit]:
    hits = _collect(rankings)
    _complete(idx, q, hits, rankings)
    weights = WEIGHTS_EN if "gloss" in rankings else WEIGHTS
    dense_rows = rankings["dense"].rows if "dense" in rankings else []
    if dense_rows:
        hi, lo = dense_rows[0][1], dense_rows[-1][1]
        for h in hits.values():
            if h.dense is not None:
                # A chunk found by keyword alone, below the last cosine candidate, counts as that one.
                x = (h.dense - lo) / (hi - lo) if hi > lo else 1.0
                h.fused += weights["dense"] * max(x, 0.0)
    for name, ranking in rankings.items():
        if name == "dense" or ranking.scores is None or not ranking.rows or ranking.rows[0][1] <= 0:
            continue
        top, weight, scores = ranking.rows[0][1], weights[name], ranking.scores
        for h in hits.values():
            h.fused += weight * float(scores[h.row]) / top
    _exact(idx, hits, exact_phrases(q.text), PHRASE_WEIGHT)
    return _ranked(hits)


def _complete(idx: Store, q: Question, hits: dict[int, Hit], rankings: dict[str, Ranking]) -> None:
    """Give every candidate its cosine and its BM25 score (see the module docstring)."""
    if q.vector is not None and "dense" in rankings:
        no_dense = [h for h in hits.values() if h.dense is None]
        if no_dense:
            cos = idx.vectors.score(q.vector, np.array([h.row for h in no_dense], dtype=np.int64))
            for h, c in zip(no_dense, cos, strict=True):
                h.dense = float(c)
    keyword_all = rankings["keyword"].scores if "keyword" in rankings else None
    if keyword_all is not None:
        for h in hits.values():
            if h.keyword is None:
                h.keyword = float(keyword_all[h.row])


def norm(text: str) -> str:
    """Letters and digits only: how phrases and near-duplicate passages are compared."""
    return "".join(ch for ch in text if ch.isalnum())


def _exact(idx: Store, hits: dict[int, Hit], phrases: list[str], weight: float) -> None:
    """Add ``weight`` x the share of ``phrases`` (:func:`rag.tokens.exact_phrases`: what the question quotes,
    the people it names) that a candidate holds word for word. BM25 scores a quoted column name or a person's
    name as a few bigrams among many: a story that shares two common words of the question (担任, 职务)
    outscores the one chunk that names 杨丹."""
    wanted = [w for w in map(norm, phrases) if len(w) >= 2]
    if not wanted:
        return
    # Only a candidate that holds every index term of some phrase is read, once.
    holding = [idx.keyword.holding(w) for w in wanted]
    for h in hits.values():
        maybe = [w for w, rows in zip(wanted, holding, strict=True) if rows[h.row]]
        if maybe:
            c = idx.chunks[h.row]
            text = norm(normalize(chunk_text(idx.articles[c.article_id], c)))
            h.fused += weight * sum(w in text for w in maybe) / len(wanted)


FUSIONS: dict[str, Fusion] = {"linear": linear, "rrf": rrf, "single": single}
