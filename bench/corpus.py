"""Benchmark corpora: the sample page, the xwlb stories (read where they lie, never copied), and indexes of
any size built in memory from replicated story records and semi-synthetic vectors."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from rag import demo_corpus
from rag.articles import Article
from rag.chunking import Chunk
from rag.config import Config
from rag.documents import Document, iter_documents
from rag.embedtext import chunk_text, embedded_spans, sentence_spans
from rag.indexer import split_and_chunk
from rag.store.index import KEYWORD_FIELDS, Index
from rag.store.keyword import K1, B, KeywordIndex
from rag.store.sentences import SentenceVectors
from rag.store.vectors import VectorIndex
from rag.tokens import tokenize

REPO = Path(__file__).resolve().parents[1]
STORIES = REPO.parent / "shared" / "data" / "xwlb" / "stories.jsonl.gz"
QA = REPO / "rag" / "data" / "sample_page_qa.jsonl"
ANALYZER = "bigram"


@dataclasses.dataclass
class Records:
    documents: dict[str, Document]
    articles: dict[str, Article]
    chunks: list[Chunk]

    def texts(self) -> list[str]:
        """What is embedded and keyword-indexed for each chunk (:func:`rag.embedtext.chunk_text`)."""
        return [chunk_text(self.articles[c.article_id], c) for c in self.chunks]

    def spans(self) -> list[list[tuple[int, int]]]:
        """Each chunk's sentence windows as spans of its text in :meth:`texts` (what ``rag index`` pools)."""
        return [embedded_spans(t, c) for t, c in zip(self.texts(), self.chunks, strict=True)]


def _records(
    paths: list[Path], limit: int | None, config: Config
) -> Iterator[tuple[Document, list[Article], list[Chunk]]]:
    n = 0
    for doc in iter_documents(paths):
        articles, chunks = split_and_chunk(doc, config)
        yield doc, articles, chunks
        n += len(chunks)
        if limit is not None and n >= limit:
            return


def load(paths: list[Path], limit: int | None = None, config: Config | None = None) -> Records:
    """Documents, articles and chunks of ``paths`` through the indexer's own reading and chunking, stopping
    after the document that reaches ``limit`` chunks (the chunk list is cut to exactly ``limit``)."""
    config = config or Config.from_env(env={})
    rec = Records({}, {}, [])
    for doc, articles, chunks in _records(paths, limit, config):
        rec.documents[doc.doc_id] = doc
        rec.articles.update((a.article_id, a) for a in articles)
        rec.chunks.extend(chunks)
    if limit is not None:
        rec.chunks = rec.chunks[:limit]
    return rec


def sample_page() -> Records:
    return load([demo_corpus()])


def count_chunks(paths: list[Path], config: Config | None = None) -> int:
    config = config or Config.from_env(env={})
    return sum(len(chunks) for _, _, chunks in _records(paths, None, config))


def questions(n: int | None = None) -> list[str]:
    with open(QA, encoding="utf-8") as f:
        out = [str(json.loads(line)["q"]) for line in f if line.strip()]
    return out[:n] if n else out


def replicate(base: Records, size: int) -> Records:
    """``size`` chunks: the base chunks, then copies of them under new document/article/chunk ids (the same
    text objects, so copies cost only their records)."""
    if not base.chunks:
        raise ValueError("no base chunks to replicate")
    out = Records(dict(base.documents), dict(base.articles), list(base.chunks[:size]))
    copy = 0
    while len(out.chunks) < size:
        copy += 1
        sfx = f"~{copy}"
        for d in base.documents.values():
            out.documents[d.doc_id + sfx] = dataclasses.replace(d, doc_id=d.doc_id + sfx)
        for a in base.articles.values():
            out.articles[a.article_id + sfx] = dataclasses.replace(
                a, article_id=a.article_id + sfx, doc_id=a.doc_id + sfx
            )
        for c in base.chunks:
            if len(out.chunks) >= size:
                break
            out.chunks.append(
                dataclasses.replace(
                    c, chunk_id=c.chunk_id + sfx, doc_id=c.doc_id + sfx, article_id=c.article_id + sfx
                )
            )
    used_docs = {c.doc_id for c in out.chunks}
    used_arts = {c.article_id for c in out.chunks}
    out.documents = {k: v for k, v in out.documents.items() if k in used_docs}
    out.articles = {k: v for k, v in out.articles.items() if k in used_arts}
    return out


def semi_synthetic_vectors(real: np.ndarray, size: int, *, spread: float = 0.5, seed: int = 0) -> np.ndarray:
    """``size`` unit vectors: the ``real`` ones first, then real vectors plus Gaussian noise shaped like the
    real vectors' own covariance (``spread`` of it), so they keep the clustered, anisotropic shape of text
    embeddings instead of being uniform on the sphere (which no text corpus is, and which would make
    approximate search look much worse than it is)."""
    real = np.asarray(real, dtype=np.float32)
    n, d = real.shape
    out = np.empty((size, d), dtype=np.float32)
    take = min(n, size)
    out[:take] = real[:take]
    if size <= n:
        return out
    rng = np.random.default_rng(seed)
    centred = real - real.mean(0)
    cov = centred.T @ centred / max(1, n - 1)
    w, v = np.linalg.eigh(cov.astype(np.float64))
    shape = (v * np.sqrt(np.clip(w, 0, None))).T.astype(np.float32)  # z @ shape ~ N(0, cov)
    for i in range(take, size, 65536):
        m = min(65536, size - i)
        y = real[rng.integers(0, n, m)] + spread * (rng.standard_normal((m, d)).astype(np.float32) @ shape)
        out[i : i + m] = y / np.linalg.norm(y, axis=1, keepdims=True)
    return out


def synthetic_sentences(chunks: list[Any], vectors: np.ndarray, *, seed: int = 0) -> SentenceVectors:
    """Sentence vectors shaped like the real ones (each chunk's real sentence windows; one vector per window,
    its chunk's vector plus noise, float16), for latency and size measurements: the rerank's cost depends on
    how many there are, not on their values."""
    spans_by_text: dict[str, list[tuple[int, int]]] = {}
    spans = []
    for c in chunks:
        sp = spans_by_text.get(c.clean)
        if sp is None:
            sp = spans_by_text[c.clean] = sentence_spans(c)
        spans.append(sp)
    counts = np.array([len(sp) for sp in spans], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    rng = np.random.default_rng(seed)
    out = np.empty((int(offsets[-1]), vectors.shape[1]), dtype=np.float16)
    owner = np.repeat(np.arange(len(chunks)), counts)
    for i in range(0, len(out), 65536):
        part = owner[i : i + 65536]
        y = vectors[part] + 0.05 * rng.standard_normal((len(part), vectors.shape[1])).astype(np.float32)
        out[i : i + len(part)] = y / np.linalg.norm(y, axis=1, keepdims=True)
    flat = np.array([p for sp in spans for p in sp], dtype=np.int32).reshape(-1, 2)
    return SentenceVectors(offsets, flat, out)


def keyword_index(texts: list[str], unique: int | None = None, analyzer: str = ANALYZER) -> KeywordIndex:
    """The BM25 index :meth:`KeywordIndex.build` makes, tokenising each distinct text once (or only the first
    ``unique`` texts, when the caller knows the rest are copies of them, in order) so that a million-chunk
    index does not spend an hour tokenising."""
    import bm25s

    if unique is not None:
        u = max(1, min(unique, len(texts)))
        base = [tokenize(t, analyzer) for t in texts[:u]]
        tokens = [base[i % u] for i in range(len(texts))]
    else:
        seen: dict[str, list[str]] = {}
        tokens = [seen[t] if t in seen else seen.setdefault(t, tokenize(t, analyzer)) for t in texts]
    if not any(tokens):
        return KeywordIndex(None, len(texts), analyzer)
    bm25 = bm25s.BM25(k1=K1, b=B, method="lucene")
    bm25.index(tokens, show_progress=False)
    return KeywordIndex(bm25, len(texts), analyzer)


def in_memory_index(
    records: Records,
    vectors: VectorIndex,
    keyword: KeywordIndex,
    model: dict[str, Any],
    folder: Path,
    sentences: SentenceVectors,
    pinyin: KeywordIndex | None = None,
) -> Index:
    """An opened :class:`Index` over records held in memory (nothing written to disk). ``pinyin``: the
    pinyin BM25 index, built here from the chunks' texts when not given, as is every other keyword field
    (``KEYWORD_FIELDS``)."""
    fields = {"keyword": keyword, "pinyin": pinyin} if pinyin is not None else {"keyword": keyword}
    for name, analyzer in KEYWORD_FIELDS.items():
        if name not in fields:
            fields[name] = keyword_index(records.texts(), analyzer=analyzer)
    manifest = {
        "model": model,
        **{name: f.describe() for name, f in fields.items()},
        "vectors": vectors.describe(),
        "counts": {
            "documents": len(records.documents),
            "articles": len(records.articles),
            "chunks": len(records.chunks),
        },
    }
    return Index(
        folder,
        folder,
        manifest,
        records.documents,
        records.articles,
        records.chunks,
        vectors,
        fields,
        sentences,
    )
