"""The fourth stage: the best fused candidates re-ordered by their best sentence.

A question usually has one sentence that answers it, and a chunk-level vector blurs that sentence with its
neighbours. Each of the top ``RERANK`` chunks gains ``RERANK_WEIGHT`` (``RERANK_WEIGHT_EN`` for an English
question) x (its best sentence's cosine with the question - the best such cosine among them). The sentence
vectors were stored when the chunks were embedded (rag.embedtext, rag.store.sentences), so this costs no
model call.
"""

from __future__ import annotations

import numpy as np

from rag.fusion import Hit
from rag.store.base import Store

__all__ = ["RERANK", "RERANK_WEIGHT", "RERANK_WEIGHT_EN", "rerank"]

#: How many fused candidates are re-ordered (more reach chunks that fusion rightly put low).
RERANK = 10
#: Weight of the sentence evidence against the fused score (docs/retrieval.md: chosen on the demo sets).
RERANK_WEIGHT = 6.0
#: The same for an English question (rag.question.Question.english): across languages the best sentence
#: tells the paragraphs of one topic apart better than the chunk does (chosen on xquad-dev's tuning half).
RERANK_WEIGHT_EN = 30.0


def rerank(idx: Store, ranked: list[Hit], qvec: np.ndarray, *, english: bool = False) -> list[Hit]:
    weight = RERANK_WEIGHT_EN if english else RERANK_WEIGHT
    top = ranked[:RERANK]
    best = np.full(len(top), -1.0)
    idx.sentences.prefetch([h.row for h in top])
    for i, h in enumerate(top):
        spans, vecs = idx.sentences.of(h.row)
        if len(spans):
            best[i] = float((vecs.astype(np.float32) @ qvec).max())
    if not len(top) or best.max() < -0.5:
        return ranked
    ceiling = float(best.max())
    for i, h in enumerate(top):
        h.fused += weight * (best[i] - ceiling)
    return sorted(top, key=lambda h: -h.fused) + ranked[RERANK:]
