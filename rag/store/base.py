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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from rag.articles import Article
    from rag.chunking import Chunk
    from rag.documents import Document

__all__ = ["ModelInfo", "Store", "keep"]


@dataclass(frozen=True)
class ModelInfo:
    """The model an index was built with, as its manifest records it (the store never loads a model)."""

    model_id: str
    variant: str
    dimension: int

    @classmethod
    def of(cls, manifest: dict[str, Any]) -> ModelInfo:
        """The model a manifest names (a folder snapshot's, or a Milvus collection's)."""
        m = manifest["model"]
        return cls(str(m["id"]), str(m.get("variant", "")), int(m["dimension"]))


class Terms(Protocol):
    """One keyword field, as the stages use it: a question's terms, and the rows that may hold a phrase."""

    def terms(self, text: str) -> list[str]: ...

    def holding(self, phrase: str) -> np.ndarray: ...


class Sentences(Protocol):
    """The sentence windows of a chunk and their vectors; ``prefetch`` lets a remote store fetch many at once."""

    def prefetch(self, rows: Sequence[int]) -> None: ...

    def of(self, row: int) -> tuple[np.ndarray, np.ndarray]: ...


class Vectors(Protocol):
    def score(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray: ...


class Store(Protocol):
    """What retrieval asks of a store (the module docstring says each part's meaning)."""

    documents: dict[str, Document]
    articles: dict[str, Article]
    manifest: dict[str, Any]

    @property
    def chunks(self) -> Sequence[Chunk]: ...

    @property
    def model(self) -> ModelInfo: ...

    @property
    def fields(self) -> Mapping[str, Terms]: ...

    @property
    def keyword(self) -> Terms: ...

    @property
    def sentences(self) -> Sentences: ...

    @property
    def vectors(self) -> Vectors: ...

    def dense_top(self, vector: np.ndarray, n: int, where: Any = None) -> list[tuple[int, float]]: ...

    def bm25_top(
        self, field: str, text: str, n: int, where: Any = None
    ) -> tuple[list[tuple[int, float]], np.ndarray | None]: ...

    def bm25_scores(self, field: str, text: str, rows: Sequence[int]) -> np.ndarray: ...


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
