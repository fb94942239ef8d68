"""Dense vectors in FAISS: inner product over L2-normalised vectors (= cosine similarity).

Two index types, chosen by size (``kind="auto"``) or by name:

* ``"flat"`` (``IndexFlatIP``): exact search, every vector compared with the question. Its cost grows with
  the number of chunks (it reads all vectors, 1,536 bytes each at 384 dimensions, for every question).
* ``"hnsw"`` (``IndexHNSWFlat``, inner product): a navigable small-world graph over the same exact vectors,
  so a search reads a few thousand vectors instead of all of them. Approximate: recall@10 against exact
  search is measured by ``python -m bench`` and checked by the tests. It costs about 260 more bytes per
  vector (the graph links) and a slower build.

``auto`` uses flat up to :data:`FLAT_MAX` vectors and HNSW above (see bench/README.md for the measurements
behind the numbers). The type is ``Config.vector_index`` (``RAG_VECTOR_INDEX``: ``auto``, ``flat`` or
``hnsw``), handed in by the indexer. Both types keep the exact vectors, so
:meth:`VectorIndex.vectors` gives back exactly what was added whatever the type.

FAISS I/O goes through bytes and Python file objects (``serialize_index`` / ``deserialize_index``), so the
snapshot layer checksums the file before FAISS's C++ loader ever sees it, and writes it atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np

__all__ = [
    "FLAT_MAX",
    "HNSW_EF_CONSTRUCTION",
    "HNSW_EF_SEARCH",
    "HNSW_M",
    "KINDS",
    "VectorIndex",
    "choose_kind",
]

#: The index types :meth:`VectorIndex.build` accepts.
KINDS = ("auto", "flat", "hnsw")
#: ``auto`` builds an exact flat index up to this many vectors and HNSW above.
FLAT_MAX = 20_000
#: HNSW graph degree (links per vector on the base layer: 2 * M).
HNSW_M = 64
#: Candidate list while building the graph: larger builds slower and finds better links.
HNSW_EF_CONSTRUCTION = 128
#: Candidate list while searching (at least the number of results asked for): the smallest value whose
#: recall@10 against exact search stayed near 1 at a million chunks (bench/hnsw_sweep.py, bench/README.md).
HNSW_EF_SEARCH = 1024


def choose_kind(n: int, kind: str = "auto") -> str:
    """The index type for ``n`` vectors (``Config.vector_index``): ``auto`` resolves to ``"flat"`` up to
    :data:`FLAT_MAX` vectors and ``"hnsw"`` above."""
    name = kind.strip().lower()
    if name not in KINDS:
        raise ValueError(f"unknown vector index type {name!r}: choose one of {', '.join(KINDS)}")
    if name == "auto":
        return "flat" if n <= FLAT_MAX else "hnsw"
    return name


class VectorIndex:
    """A FAISS index whose row ``i`` is chunk number ``i`` of the snapshot."""

    def __init__(self, index: faiss.Index, *, ef_search: int | None = None) -> None:
        self.index = index
        self.ef_search = int(ef_search or HNSW_EF_SEARCH)

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    def __len__(self) -> int:
        return int(self.index.ntotal)

    @property
    def kind(self) -> str:
        """``"flat"`` or ``"hnsw"``."""
        return "hnsw" if isinstance(self.index, faiss.IndexHNSW) else "flat"

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        dimension: int,
        kind: str = "auto",
        *,
        m: int = HNSW_M,
        ef_construction: int = HNSW_EF_CONSTRUCTION,
        ef_search: int | None = None,
    ) -> VectorIndex:
        """An index over ``vectors`` (rows of norm 1). ``kind``: ``"auto"`` (default), ``"flat"`` or
        ``"hnsw"``. ``m``/``ef_construction``/``ef_search`` tune HNSW."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dimension)
        chosen = choose_kind(len(vectors), kind)
        index: faiss.Index
        if chosen == "hnsw":
            index = faiss.IndexHNSWFlat(dimension, m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = ef_construction
            index.hnsw.efSearch = int(ef_search or HNSW_EF_SEARCH)
        else:
            index = faiss.IndexFlatIP(dimension)
        if len(vectors):
            index.add(vectors)
        return cls(index, ef_search=ef_search)

    def extended(self, vectors: np.ndarray) -> VectorIndex:
        """A copy of this index with ``vectors`` appended as the next rows. For HNSW this adds the new
        vectors to a copy of the existing graph instead of building the whole graph again (an update that
        only adds files costs what it adds, not what the index holds)."""
        copy = VectorIndex.from_bytes(faiss.serialize_index(self.index), ef_search=self.ef_search)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dimension)
        if len(vectors):
            copy.index.add(vectors)
        return copy

    def describe(self) -> dict[str, Any]:
        """What the snapshot manifest records under ``"vectors"``: library, index class, metric, type and,
        for HNSW, its parameters."""
        out: dict[str, Any] = {
            "library": "faiss",
            "index": type(self.index).__name__,
            "metric": "inner_product",
            "kind": self.kind,
        }
        if isinstance(self.index, faiss.IndexHNSW):
            out["hnsw"] = {
                "M": int(self.index.hnsw.nb_neighbors(1)),  # type: ignore[attr-defined]
                "ef_construction": int(self.index.hnsw.efConstruction),
                "ef_search": self.ef_search,
            }
        return out

    def _flat(self) -> faiss.Index:
        """The exact vectors as a flat index (the index itself, or the HNSW index's storage)."""
        if isinstance(self.index, faiss.IndexHNSW):
            return faiss.downcast_index(self.index.storage)
        return self.index

    def vectors(self) -> np.ndarray:
        """All stored vectors, row ``i`` for chunk ``i`` (used to carry unchanged chunks into a new snapshot)."""
        n = len(self)
        if n == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self._flat().reconstruct_n(0, n), dtype=np.float32)

    def score(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Exact cosines of one query vector with the stored vectors of ``rows`` (any order, no search)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float32)
        vecs = np.asarray(self._flat().reconstruct_batch(rows), dtype=np.float32)
        return vecs @ np.asarray(query, dtype=np.float32).reshape(-1)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` rows for one query vector: (scores, row ids), best first; ids are -1 past the end.

        HNSW answers from the graph when ``k`` is at most a few times its candidate list; a larger ``k`` (a
        filtered search asks for every row) is answered exactly from the stored vectors instead, which is
        both faster and complete there."""
        n = len(self)
        if n == 0:
            return np.zeros(0, dtype=np.float32), np.full(0, -1, dtype=np.int64)
        k = max(1, min(k, n))
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        if isinstance(self.index, faiss.IndexHNSW):
            if k <= 4 * self.ef_search:
                params = faiss.SearchParametersHNSW(efSearch=max(self.ef_search, k))  # type: ignore[attr-defined]
                scores, ids = self.index.search(q, k, params=params)
            else:
                scores, ids = self._flat().search(q, k)
        else:
            scores, ids = self.index.search(q, k)
        return scores[0], ids[0]

    def to_bytes(self) -> bytes:
        return bytes(faiss.serialize_index(self.index).tobytes())

    @classmethod
    def from_bytes(cls, data: bytes | np.ndarray, *, ef_search: int | None = None) -> VectorIndex:
        array = np.frombuffer(data, dtype=np.uint8) if isinstance(data, bytes | bytearray) else data
        index = faiss.deserialize_index(array)
        if isinstance(index, faiss.IndexHNSW) and ef_search is None:
            ef_search = int(index.hnsw.efSearch)
        return cls(index, ef_search=ef_search)

    def save(self, path: Path) -> None:
        data = faiss.serialize_index(self.index)
        with open(path, "wb") as f:
            f.write(data.tobytes())

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        with open(path, "rb") as f:
            data = np.frombuffer(f.read(), dtype=np.uint8)
        return cls.from_bytes(data)
