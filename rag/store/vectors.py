"""Dense vectors in FAISS: inner product over L2-normalised vectors (= cosine similarity).

FAISS I/O goes through bytes and Python file objects (``serialize_index`` / ``deserialize_index``), so the
snapshot layer checksums the file before FAISS's C++ loader ever sees it, and writes it atomically.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

__all__ = ["VectorIndex"]


class VectorIndex:
    """A FAISS index whose row ``i`` is chunk number ``i`` of the snapshot."""

    def __init__(self, index: faiss.Index) -> None:
        self.index = index

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    def __len__(self) -> int:
        return int(self.index.ntotal)

    @classmethod
    def build(cls, vectors: np.ndarray, dimension: int) -> VectorIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dimension)
        index = faiss.IndexFlatIP(dimension)
        if len(vectors):
            index.add(vectors)
        return cls(index)

    def vectors(self) -> np.ndarray:
        """All stored vectors, row ``i`` for chunk ``i`` (used to carry unchanged chunks into a new snapshot)."""
        n = len(self)
        if n == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self.index.reconstruct_n(0, n), dtype=np.float32)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` rows for one query vector: (scores, row ids), best first; ids are -1 past the end."""
        k = max(1, min(k, len(self)))
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        scores, ids = self.index.search(q, k)
        return scores[0], ids[0]

    def save(self, path: Path) -> None:
        data = faiss.serialize_index(self.index)
        with open(path, "wb") as f:
            f.write(data.tobytes())

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        with open(path, "rb") as f:
            data = np.frombuffer(f.read(), dtype=np.uint8)
        return cls(faiss.deserialize_index(data))
