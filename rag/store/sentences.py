"""Sentence vectors: one vector per sentence window of every chunk, computed when the chunk is embedded.

Row ``i`` of the chunks owns sentence rows ``offsets[i]:offsets[i + 1]``; ``spans`` are the windows'
``(start, end)`` in ``chunk.clean`` and ``vectors`` their L2-normalised vectors (float16 on disk and in
memory: 768 bytes a sentence at 384 dimensions; the cosine moves by less than 1e-3). A chunk with no rows
(carried from a snapshot written before sentence vectors existed) has its sentences embedded at question
time instead. The retrieval step uses them to rerank candidates by their best sentence and to pick the
answering sentence, with no model call after the question's own embedding.

Stored as three ``.npy`` files in the snapshot (``allow_pickle=False``), checksummed with the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["FILES", "SentenceVectors"]

#: The snapshot files of the sentence vectors.
FILES = ("sentences/offsets.npy", "sentences/spans.npy", "sentences/vectors.npy")


@dataclass(frozen=True)
class SentenceVectors:
    offsets: np.ndarray  # int64 (n_chunks + 1,)
    spans: np.ndarray  # int32 (n_sentences, 2)
    vectors: np.ndarray  # float16 (n_sentences, dimension)

    @classmethod
    def empty(cls, n_chunks: int, dimension: int) -> SentenceVectors:
        return cls(
            np.zeros(n_chunks + 1, np.int64), np.zeros((0, 2), np.int32), np.zeros((0, dimension), np.float16)
        )

    @classmethod
    def from_lists(
        cls, spans: Sequence[Sequence[tuple[int, int]]], vectors: Sequence[np.ndarray], dimension: int
    ) -> SentenceVectors:
        """From per-chunk lists: ``spans[i]`` and ``vectors[i]`` (``(len(spans[i]), dimension)``)."""
        counts = np.array([len(s) for s in spans], dtype=np.int64)
        for i, (s, v) in enumerate(zip(spans, vectors, strict=True)):
            if v.shape != (len(s), dimension):
                raise ValueError(f"chunk {i}: {len(s)} spans but vectors of shape {v.shape}")
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        flat_spans = [p for s in spans for p in s]
        return cls(
            offsets,
            np.array(flat_spans, dtype=np.int32).reshape(-1, 2),
            (
                np.vstack([v for v in vectors if len(v)]) if int(offsets[-1]) else np.zeros((0, dimension))
            ).astype(np.float16),
        )

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @property
    def dimension(self) -> int:
        return int(self.vectors.shape[1])

    def prefetch(self, rows: Sequence[int]) -> None:
        """Nothing to do: they are in memory (a store that fetches them, rag.store.milvus, asks for these
        rows at once)."""

    def of(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """The spans and vectors of chunk ``row`` (empty when it has none stored)."""
        a, b = int(self.offsets[row]), int(self.offsets[row + 1])
        return self.spans[a:b], self.vectors[a:b]

    def take(self, rows: Sequence[int]) -> SentenceVectors:
        """The sentence vectors of these chunk rows, in this order."""
        r = np.asarray(rows, dtype=np.int64).reshape(-1)
        starts = self.offsets[r]
        counts = self.offsets[r + 1] - starts
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        pick = np.repeat(starts - offsets[:-1], counts) + np.arange(int(offsets[-1]), dtype=np.int64)
        return SentenceVectors(offsets, self.spans[pick], self.vectors[pick])

    @staticmethod
    def concat(parts: Sequence[SentenceVectors], dimension: int) -> SentenceVectors:
        if not parts:
            return SentenceVectors.empty(0, dimension)
        offsets = [np.zeros(1, np.int64)]
        base = 0
        for p in parts:
            offsets.append(p.offsets[1:] + base)
            base += int(p.offsets[-1])
        return SentenceVectors(
            np.concatenate(offsets).astype(np.int64),
            np.vstack([p.spans for p in parts]).astype(np.int32).reshape(-1, 2),
            np.vstack([p.vectors for p in parts]).astype(np.float16).reshape(-1, dimension),
        )

    def check(self, n_chunks: int, dimension: int) -> str | None:
        """What is wrong with these arrays for ``n_chunks`` chunks, or ``None``."""
        o = self.offsets
        if o.ndim != 1 or len(o) != n_chunks + 1 or (len(o) and int(o[0]) != 0) or np.any(np.diff(o) < 0):
            return f"offsets of shape {o.shape} do not fit {n_chunks} chunks"
        n = int(o[-1])
        if self.spans.shape != (n, 2) or self.vectors.shape != (n, dimension):
            return f"{n} sentences but spans {self.spans.shape} and vectors {self.vectors.shape}"
        if n and (np.any(self.spans[:, 0] < 0) or np.any(self.spans[:, 1] <= self.spans[:, 0])):
            return "a sentence span is empty or negative"
        return None

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, arr in (("offsets", self.offsets), ("spans", self.spans), ("vectors", self.vectors)):
            with open(folder / f"{name}.npy", "wb") as f:
                np.save(f, arr, allow_pickle=False)

    @classmethod
    def load(cls, folder: Path) -> SentenceVectors:
        arrays = []
        for name, dtype in (("offsets", np.int64), ("spans", np.int32), ("vectors", np.float16)):
            arr = np.load(folder / f"{name}.npy", allow_pickle=False)
            if arr.dtype != dtype:
                raise ValueError(f"{name}.npy holds {arr.dtype}, not {np.dtype(dtype)}")
            arrays.append(arr)
        return cls(*arrays)
