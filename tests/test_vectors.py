"""The FAISS vector index: every type finds what exact search finds, survives a bytes round trip, gives its
vectors back exactly, and handles the empty index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.store import vectors as vmod
from rag.store.vectors import FLAT_MAX, KINDS, VectorIndex, choose_kind

DIM = 64
TYPES = ("flat", "hnsw")


def _unit(rows: int, seed: int, clusters: int = 40) -> np.ndarray:
    """Clustered unit vectors (text embeddings are clustered by topic, not uniform on the sphere)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, DIM)).astype(np.float32)
    x = centres[rng.integers(0, clusters, rows)] + 0.35 * rng.standard_normal((rows, DIM)).astype(np.float32)
    return np.asarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    return _unit(3000, 1), _unit(100, 2)


def _recall_at_10(index: VectorIndex, exact: VectorIndex, queries: np.ndarray) -> float:
    hits = 0
    for q in queries:
        _, want = exact.search(q, 10)
        _, got = index.search(q, 10)
        hits += len(set(want.tolist()) & set(got.tolist()))
    return hits / (10 * len(queries))


@pytest.mark.parametrize("kind", TYPES)
def test_every_type_finds_what_exact_search_finds(kind: str, data: tuple[np.ndarray, np.ndarray]) -> None:
    base, queries = data
    exact = VectorIndex.build(base, DIM, "flat")
    index = VectorIndex.build(base, DIM, kind)
    assert index.kind == kind and len(index) == len(base) and index.dimension == DIM
    recall = _recall_at_10(index, exact, queries)
    assert recall >= (1.0 if kind == "flat" else 0.98), recall
    # the top hit of a stored vector is itself, with cosine 1
    scores, rows = index.search(base[123], 5)
    assert rows[0] == 123 and scores[0] == pytest.approx(1.0, abs=1e-5)
    assert list(scores) == sorted(scores, reverse=True)


@pytest.mark.parametrize("kind", TYPES)
def test_bytes_round_trip_keeps_type_settings_and_answers(
    kind: str, data: tuple[np.ndarray, np.ndarray]
) -> None:
    base, queries = data
    index = VectorIndex.build(base, DIM, kind, ef_search=70)
    again = VectorIndex.from_bytes(index.to_bytes())
    assert again.describe() == index.describe()
    assert again.describe()["kind"] == kind
    if kind == "hnsw":
        assert again.describe()["hnsw"] == {
            "M": vmod.HNSW_M,
            "ef_construction": vmod.HNSW_EF_CONSTRUCTION,
            "ef_search": 70,
        }
    for q in queries[:10]:
        s1, r1 = index.search(q, 10)
        s2, r2 = again.search(q, 10)
        assert r1.tolist() == r2.tolist()
        np.testing.assert_allclose(s1, s2)


@pytest.mark.parametrize("kind", TYPES)
def test_save_and_load_through_a_file(
    kind: str, data: tuple[np.ndarray, np.ndarray], tmp_path: object
) -> None:
    from pathlib import Path

    base, _ = data
    path = Path(str(tmp_path)) / "vectors.faiss"
    VectorIndex.build(base[:500], DIM, kind).save(path)
    loaded = VectorIndex.load(path)
    assert loaded.kind == kind and len(loaded) == 500
    np.testing.assert_array_equal(loaded.vectors(), base[:500])


@pytest.mark.parametrize("kind", TYPES)
def test_vectors_reconstructs_exactly(kind: str, data: tuple[np.ndarray, np.ndarray]) -> None:
    base, _ = data
    index = VectorIndex.build(base, DIM, kind)
    out = index.vectors()
    assert out.dtype == np.float32 and out.shape == base.shape
    np.testing.assert_array_equal(out, base)


@pytest.mark.parametrize("kind", TYPES)
def test_empty_index(kind: str) -> None:
    index = VectorIndex.build(np.zeros((0, DIM), np.float32), DIM, kind)
    assert len(index) == 0 and index.kind == kind
    assert index.vectors().shape == (0, DIM)
    scores, rows = index.search(np.ones(DIM, np.float32) / 8, 10)
    assert len(scores) == 0 and len(rows) == 0
    assert VectorIndex.from_bytes(index.to_bytes()).vectors().shape == (0, DIM)


def test_large_k_on_hnsw_is_exact_and_complete(data: tuple[np.ndarray, np.ndarray]) -> None:
    """A filtered search asks for every row: HNSW then answers exactly from its stored vectors."""
    base, queries = data
    exact = VectorIndex.build(base, DIM, "flat")
    index = VectorIndex.build(base, DIM, "hnsw")
    s1, _ = exact.search(queries[0], len(base))
    s2, r2 = index.search(queries[0], len(base) + 10)
    assert len(r2) == len(base) and set(r2.tolist()) == set(range(len(base)))
    np.testing.assert_allclose(s1, s2, rtol=1e-5, atol=1e-6)


def test_auto_switches_at_the_threshold_and_can_be_overridden() -> None:
    assert choose_kind(FLAT_MAX) == "flat"
    assert choose_kind(FLAT_MAX + 1) == "hnsw"
    assert choose_kind(FLAT_MAX + 1, "flat") == "flat"
    assert choose_kind(10, "hnsw") == "hnsw"
    assert VectorIndex.build(_unit(50, 3), DIM, "hnsw").kind == "hnsw"
    with pytest.raises(ValueError, match="unknown vector index type"):
        choose_kind(10, "bogus")
    assert set(KINDS) == {"auto", "flat", "hnsw"}


def test_the_vector_index_setting_reaches_the_index(tmp_path: Path, embedder: object) -> None:
    """RAG_VECTOR_INDEX is read once, by Config, and the indexer hands it to the store."""
    import rag

    doc = tmp_path / "a.txt"
    doc.write_text(
        "## 青海推进草场保护\n\n青海省今年实施草原生态保护补助奖励政策，禁牧休牧面积进一步扩大。\n", "utf-8"
    )
    config = rag.Config.from_env(env={"RAG_VECTOR_INDEX": "hnsw"}, home=tmp_path / "home")
    rag.index_paths([doc], tmp_path / "index", config=config, embedder=embedder)  # type: ignore[arg-type]
    assert rag.open_index(tmp_path / "index").vectors.kind == "hnsw"
    with pytest.raises(rag.InputError, match="vector_index"):
        rag.Config.from_env(env={"RAG_VECTOR_INDEX": "bogus"})


def test_describe_names_the_faiss_class() -> None:
    flat = VectorIndex.build(_unit(10, 4), DIM, "flat").describe()
    assert flat == {"library": "faiss", "index": "IndexFlatIP", "metric": "inner_product", "kind": "flat"}
    hnsw = VectorIndex.build(_unit(10, 4), DIM, "hnsw").describe()
    assert hnsw["index"] == "IndexHNSWFlat" and hnsw["kind"] == "hnsw" and hnsw["hnsw"]["M"] == vmod.HNSW_M


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_extended_appends_rows_and_leaves_the_original_alone(
    kind: str, data: tuple[np.ndarray, np.ndarray]
) -> None:
    base, queries = data
    head, tail = base[:1500], base[1500:]
    first = VectorIndex.build(head, base.shape[1], kind)
    grown = first.extended(tail)
    assert len(first) == 1500 and len(grown) == len(base) and grown.kind == kind
    np.testing.assert_array_equal(grown.vectors(), base)
    np.testing.assert_array_equal(first.vectors(), head)
    exact = VectorIndex.build(base, base.shape[1], "flat")
    assert _recall_at_10(grown, exact, queries) >= 0.98
    assert grown.describe() == first.describe()
    s_e, r_e = exact.search(queries[0], 5)
    np.testing.assert_allclose(grown.score(queries[0], r_e), s_e, rtol=1e-5)


def test_score_gives_exact_cosines_in_the_order_asked(data: tuple[np.ndarray, np.ndarray]) -> None:
    base, queries = data
    index = VectorIndex.build(base, base.shape[1], "hnsw")
    rows = np.array([7, 3, 1999, 0])
    np.testing.assert_allclose(index.score(queries[1], rows), base[rows] @ queries[1], rtol=1e-5)
    assert index.score(queries[1], np.array([], dtype=np.int64)).shape == (0,)
