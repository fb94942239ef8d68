"""What retrieval asks of a store: the questions both stores (the index folder, :class:`rag.store.index.Index`,
and Milvus, :class:`rag.store.milvus.MilvusIndex`) answer the same way, so candidates, fusion, rerank,
passages and the answering sentence stay one piece of code (rag.candidates ... rag.highlight).

- ``dense_top(vector, n, where)``: the ``n`` best rows by cosine, ``[(row, score)]`` best first;
- ``bm25_top(field, text, n, where)``: the ``n`` best rows with a positive BM25 score in a ``KEYWORD_FIELDS``
  field, and, when the store has it at no cost, every row's score (else ``None``);
- ``bm25_scores(field, text, rows)``: the BM25 score of each of ``rows`` (0 for a row sharing no term);
- records: ``documents``, ``articles``, ``chunks[row]``, ``model``, ``manifest``;
- ``sentences.of(row)`` (the sentence windows and vectors of a chunk), ``vectors.score(vector, rows)``,
  ``fields[name].terms(text)`` and ``fields[name].holding(phrase)`` (a superset of the rows holding it).

``where`` is a :class:`rag.filters.Where` (the filter and the rows it keeps) or ``None``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["keep"]


def keep(
    scores: np.ndarray, rows: np.ndarray, allowed: np.ndarray | None, want: int
) -> list[tuple[int, float]]:
    """The first ``want`` of ``rows`` (best first) that ``allowed`` keeps, with their scores."""
    out: list[tuple[int, float]] = []
    for s, r in zip(scores, rows, strict=True):
        if r < 0 or (allowed is not None and not allowed[r]):
            continue
        out.append((int(r), float(s)))
        if len(out) >= want:
            break
    return out
