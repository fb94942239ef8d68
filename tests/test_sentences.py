"""Sentence vectors: stored with the chunks when they are embedded (late chunking), used by the rerank and
the answering sentence so a question costs one model call (its own embedding)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rag
from rag.config import Config
from rag.embedtext import chunk_text, embedded_spans, sentence_spans
from rag.errors import IndexCorrupted
from rag.store.index import Index
from rag.store.sentences import SentenceVectors

QUESTION = "浙江的容错纠错机制是如何运作的？"


def tiny(dim: int = 4) -> SentenceVectors:
    rng = np.random.default_rng(0)
    spans = [[(0, 5), (5, 9)], [], [(2, 8)]]
    vecs = [rng.normal(size=(len(s), dim)).astype(np.float32) for s in spans]
    return SentenceVectors.from_lists(spans, vecs, dim)


def test_rows_take_concat_and_round_trip(tmp_path: Path) -> None:
    sv = tiny()
    assert len(sv) == 3 and sv.check(3, 4) is None
    assert sv.offsets.tolist() == [0, 2, 2, 3]
    assert sv.of(1)[0].shape == (0, 2) and sv.of(2)[0].tolist() == [[2, 8]]
    taken = sv.take([2, 0])
    assert taken.offsets.tolist() == [0, 1, 3]
    assert taken.spans.tolist() == [[2, 8], [0, 5], [5, 9]]
    np.testing.assert_array_equal(taken.vectors, sv.vectors[[2, 0, 1]])
    both = SentenceVectors.concat([sv, taken], 4)
    assert both.check(5, 4) is None and both.offsets.tolist() == [0, 2, 2, 3, 4, 6]
    np.testing.assert_array_equal(both.of(4)[1], sv.of(0)[1])
    sv.save(tmp_path / "s")
    back = SentenceVectors.load(tmp_path / "s")
    for a, b in zip(
        (back.offsets, back.spans, back.vectors), (sv.offsets, sv.spans, sv.vectors), strict=True
    ):
        np.testing.assert_array_equal(a, b)
        assert a.dtype == b.dtype


def test_check_names_what_does_not_fit() -> None:
    sv = tiny()
    assert "offsets" in (sv.check(4, 4) or "")
    assert "vectors" in (sv.check(3, 8) or "")
    bad = SentenceVectors(sv.offsets, sv.spans[:, ::-1].copy(), sv.vectors)
    assert "span" in (bad.check(3, 4) or "")
    with pytest.raises(ValueError, match="spans but vectors"):
        SentenceVectors.from_lists([[(0, 1)]], [np.zeros((2, 4), np.float32)], 4)


def test_a_pickled_or_wrongly_typed_file_is_refused(tmp_path: Path) -> None:
    tiny().save(tmp_path)
    np.save(tmp_path / "vectors.npy", np.zeros((3, 4), np.float32))
    with pytest.raises(ValueError, match="float32, not float16"):
        SentenceVectors.load(tmp_path)
    # An object array (what a pickled payload looks like in .npy), header written by hand: never unpickled.
    header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    raw = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode("latin1") + b"\x80\x04."
    (tmp_path / "vectors.npy").write_bytes(raw)
    with pytest.raises(ValueError, match="allow_pickle"):
        SentenceVectors.load(tmp_path)


def test_late_chunked_vectors_come_from_the_same_forward_pass(embedder: Any, demo_index: Index) -> None:
    chunks = demo_index.chunks[:6]
    texts = [chunk_text(demo_index.articles[c.article_id], c) for c in chunks]
    spans = [embedded_spans(t, c) for t, c in zip(texts, chunks, strict=True)]
    vecs, per_text = embedder.encode_passages_with_spans(texts, spans, batch_size=4)
    np.testing.assert_allclose(vecs, embedder.encode_passages(texts), atol=1e-5)
    for sp, sv in zip(spans, per_text, strict=True):
        assert sv.shape == (len(sp), embedder.dimension) and sv.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(sv, axis=1), 1.0, atol=1e-5)
    # A sentence read in its passage is still close to the same sentence embedded alone.
    t0 = texts[0]
    alone = embedder.encode_passages([t0[a:b] for a, b in spans[0]])
    assert float((alone * per_text[0]).sum(1).mean()) > 0.85
    with pytest.raises(ValueError, match="span lists"):
        embedder.encode_passages_with_spans(texts, spans[:1])
    assert embedder.encode_passages_with_spans([], [])[0].shape == (0, embedder.dimension)


def test_the_index_stores_each_chunks_windows(demo_index: Index) -> None:
    sv = demo_index.sentences
    assert sv.check(len(demo_index.chunks), demo_index.vectors.dimension) is None
    for i, c in enumerate(demo_index.chunks):
        spans, vecs = sv.of(i)
        assert [tuple(map(int, s)) for s in spans] == sentence_spans(c) and len(spans) >= 1
        assert vecs.dtype == np.float16
    meta = demo_index.manifest["sentences"]
    assert meta["count"] == int(sv.offsets[-1]) and meta["chunks_with_sentences"] == len(demo_index.chunks)
    assert demo_index.manifest["vectors"]["kind"] == demo_index.vectors.kind


def test_a_question_costs_one_model_call(demo_index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rerank and answering sentence read stored vectors: nothing but the question is embedded."""
    from rag.model import model_for_index

    embedder = model_for_index(demo_index.model, Config.from_env())
    calls: list[str] = []
    real = embedder.encode_queries

    def queries(texts: Any, **kw: Any) -> Any:
        calls.append("query")
        return real(texts, **kw)

    def passages(texts: Any, **kw: Any) -> Any:
        raise AssertionError(f"embedded {len(texts)} passages at question time")

    monkeypatch.setattr(embedder, "encode_queries", queries)
    monkeypatch.setattr(embedder, "encode_passages", passages)
    hits = rag.retrieve(QUESTION, k=5, index=demo_index)
    assert calls == ["query"]
    assert hits[0].answer is not None and "容错" in hits[0].text
    assert all(p.answer is not None for p in hits)  # merged passages too: their windows map to stored ones
    calls.clear()
    for mode in ("dense", "hybrid"):
        for q in ("杨丹参加过多少次重大任务？", "How does Beijing's Fengtai district reform approvals?"):
            assert all(p.answer is not None for p in rag.retrieve(q, k=8, index=demo_index, mode=mode))
    assert calls == ["query"] * 4


def test_sentence_vectors_that_do_not_fit_are_a_clear_error(demo_index_dir: Path, tmp_path: Path) -> None:
    """Checksums pass (the file is rewritten and the manifest re-signed), but the rows do not fit."""
    folder = tmp_path / "index"
    shutil.copytree(demo_index_dir, folder)
    content = Index.open(folder).content()
    short = content.sentences.take(range(len(content.chunks) - 1))
    with pytest.raises(ValueError, match="do not fit"):
        Index.write(
            folder,
            replace(content, sentences=short),
            [""] * len(content.chunks),
            Index.open(folder).model,
            {},
        )
    assert Index.open(folder).sentences.check(len(content.chunks), 384) is None
    with pytest.raises(IndexCorrupted):
        snap = Index.open(folder).snapshot
        (snap / "sentences" / "offsets.npy").write_bytes(b"\x93NUMPY")
        Index.open(folder)


def test_adding_files_extends_an_hnsw_index_row_for_row(
    demo_index_dir: Path, tmp_path: Path, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Config.vector_index picks the FAISS type; an update that only adds files extends the graph."""
    from rag.indexer import index_paths
    from rag.store.vectors import VectorIndex

    folder = tmp_path / "index"
    config = Config.from_env(vector_index="hnsw")
    first = tmp_path / "a.txt"
    first.write_text(
        "## 青海推进高原草场保护\n\n青海省今年实施草原生态保护补助奖励政策，禁牧休牧面积进一步扩大。\n"
    )
    index_paths([first], folder, config=config, embedder=embedder)
    before = Index.open(folder)
    assert before.vectors.kind == "hnsw" and before.manifest["vectors"]["kind"] == "hnsw"
    assert before.manifest["settings"]["embedding_backend"] == embedder.backend
    built = []
    real = VectorIndex.build

    def spy(*args: Any, **kw: Any) -> VectorIndex:
        built.append(args)
        return real(*args, **kw)

    monkeypatch.setattr(VectorIndex, "build", spy)
    second = tmp_path / "b.txt"
    second.write_text("## 杭州推进数字政务\n\n杭州市今年推行“一件事”集成办理，群众办事少跑腿。\n")
    index_paths([second], folder, config=config, embedder=embedder)
    after = Index.open(folder)
    assert not built, "the graph was rebuilt instead of extended"
    assert after.vectors.kind == "hnsw" and len(after.vectors) == len(after.chunks) > len(before.chunks)
    np.testing.assert_array_equal(after.vectors.vectors()[: len(before.chunks)], before.vectors.vectors())
    hits = rag.retrieve("杭州一件事集成办理", k=1, index=folder, config=config)
    assert "杭州" in hits[0].text


def test_a_headline_and_link_story_is_embedded_by_its_headline(tmp_path: Path, embedder: Any) -> None:
    """A story whose text is only a link: the URL is not embedded (it made the vector a vague match for any
    English question); the headline is, and the link line's sentence vector is the headline's."""
    import json

    from rag.indexer import index_paths

    stories = tmp_path / "stories.jsonl"
    rows = [
        {
            "id": "a",
            "date": "2024-03-04",
            "title": "全国政协十四届二次会议开幕",
            "text": "[查看原文](https://tv.cctv.com/2024/03/04/VIDEabc.shtml)",
        },
        {
            "id": "b",
            "date": "2024-03-05",
            "title": "青海草场保护",
            "text": "青海省今年实施草原生态保护补助奖励政策，禁牧休牧面积进一步扩大。\n[查看原文](https://tv.cctv.com/x.shtml)",
        },
    ]
    stories.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    folder = tmp_path / "index"
    index_paths([stories], folder, embedder=embedder)
    index = Index.open(folder)
    by_title = {index.articles[c.article_id].title: (i, c) for i, c in enumerate(index.chunks)}
    i, link_chunk = by_title["全国政协十四届二次会议开幕"]
    assert link_chunk.clean.startswith("[查看原文]")
    assert chunk_text(index.articles[link_chunk.article_id], link_chunk) == "全国政协十四届二次会议开幕"
    chunk_vec = index.vectors.vectors()[i]
    np.testing.assert_allclose(
        chunk_vec, embedder.encode_passages(["全国政协十四届二次会议开幕"])[0], atol=1e-5
    )
    _, sv = index.sentences.of(i)
    assert len(sv) >= 1 and float(sv[0].astype(np.float32) @ chunk_vec) > 0.99  # the headline's tokens
    _, body = by_title["青海草场保护"]
    assert "查看原文" not in chunk_text(index.articles[body.article_id], body)
