"""The keyword (BM25) index, persisted by bm25s as plain files (JSON params and vocabulary, ``.npy`` arrays).

Scoring uses bm25s' sparse matrix: one question costs a sparse column sum, not a Python loop over chunks.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from rag.tokens import pinyin_query_terms, tokenize

__all__ = ["KeywordIndex"]

_log = logging.getLogger(__name__)
# bm25s logs "Building index from tokens" at INFO on every build; that is not news for our users.
logging.getLogger("bm25s").setLevel(logging.WARNING)


#: BM25 parameters: Lucene's defaults, not swept (docs/retrieval.md).
K1 = 1.2
B = 0.75


class KeywordIndex:
    """BM25 over the chunks of a snapshot; row ``i`` is chunk ``i``."""

    def __init__(self, bm25: bm25s.BM25 | None, size: int, analyzer: str) -> None:
        self.bm25 = bm25
        self.size = size
        self.analyzer = analyzer

    def __len__(self) -> int:
        return self.size

    @classmethod
    def build(cls, texts: Sequence[str], analyzer: str) -> KeywordIndex:
        tokens = [tokenize(t, analyzer) for t in texts]
        if not any(tokens):
            return cls(None, len(texts), analyzer)
        bm25 = bm25s.BM25(k1=K1, b=B, method="lucene")
        bm25.index(tokens, show_progress=False)
        return cls(bm25, len(texts), analyzer)

    def describe(self) -> dict[str, object]:
        """What the manifest records about this index."""
        return {"library": "bm25s", "analyzer": self.analyzer, "k1": K1, "b": B}

    def terms(self, question: str) -> list[str]:
        """The query terms of ``question`` for this index (for ``pinyin``: its Latin words and word pairs)."""
        return (
            pinyin_query_terms(question) if self.analyzer == "pinyin" else tokenize(question, self.analyzer)
        )

    def scores(self, question: str) -> np.ndarray:
        """The BM25 score of every row for ``question`` (zeros when it has no indexed term)."""
        terms = self.terms(question)
        if self.bm25 is None or not terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.bm25.get_scores(terms), dtype=np.float32)

    def holding(self, phrase: str) -> np.ndarray:
        """Which rows hold every term of ``phrase`` (a cheap superset of the rows that hold it verbatim)."""
        terms = self.terms(phrase)
        if self.bm25 is None or not terms:
            return np.zeros(self.size, dtype=bool)
        out = np.ones(self.size, dtype=bool)
        for term in dict.fromkeys(terms):
            out &= np.asarray(self.bm25.get_scores([term])) > 0
        return out

    def search(
        self, question: str, k: int, *, scores: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` rows with a positive score: (scores, row ids), best first. ``scores``: the result of
        :meth:`scores` for this question, when the caller already has it."""
        if scores is None:
            scores = self.scores(question)
        if len(scores) == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[scores[top] > 0]
        return scores[top].astype(np.float32), top.astype(np.int64)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.bm25 is not None:
            self.bm25.save(str(folder), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int, analyzer: str) -> KeywordIndex:
        if size == 0:
            return cls(None, 0, analyzer)
        bm25 = bm25s.BM25.load(str(folder), allow_pickle=False, show_progress=False, verbosity=0)
        return cls(bm25, size, analyzer)
