"""An opened index: the records, the FAISS vectors and the BM25 keyword index of one snapshot.

An :class:`Index` is immutable once opened: updates write a new snapshot (see :mod:`rag.store.snapshot`)
and a reader that wants them opens the index again. That is what lets searches go on while another
thread or process indexes.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.articles import Article
from rag.chunking import Chunk
from rag.documents import Document
from rag.errors import IndexCorrupted
from rag.store import records
from rag.store.base import ModelInfo, keep
from rag.store.keyword import KeywordIndex
from rag.store.sentences import FILES as SENTENCE_FILES
from rag.store.sentences import SentenceVectors
from rag.store.snapshot import FIX, SnapshotWriter, current_snapshot, verify
from rag.store.vectors import VectorIndex, choose_kind

__all__ = ["KEYWORD_FIELDS", "Index", "IndexContent", "ModelInfo"]

_FIX = FIX
#: The BM25 fields of an index: name -> analyzer (rag.tokens). Each is built over what was embedded for each
#: chunk, saved in a folder of its name, described in the manifest under its name and opened as
#: ``index.fields[name]`` (``index.keyword`` and ``index.pinyin`` name the first two). A new field is one line.
KEYWORD_FIELDS: dict[str, str] = {"keyword": "bigram", "pinyin": "pinyin", "gloss": "gloss"}
#: The files every snapshot has; each ``KEYWORD_FIELDS`` folder holds files too when there is at least one chunk.
REQUIRED = ("documents.jsonl", "articles.jsonl", "chunks.jsonl", "vectors.faiss", *SENTENCE_FILES)
#: How often :meth:`Index.open` starts again when a writer switched snapshots while it was reading.
_OPEN_TRIES = 5


@dataclass(frozen=True)
class IndexContent:
    """Everything a snapshot holds, in memory. Row ``i`` of ``vectors`` belongs to ``chunks[i]``, and so do
    the sentence vectors ``sentences.of(i)``."""

    documents: dict[str, Document]
    articles: dict[str, Article]
    chunks: list[Chunk]
    vectors: np.ndarray
    sentences: SentenceVectors


class Index:
    """One snapshot of an index folder, opened for searching."""

    def __init__(
        self,
        path: Path,
        snapshot: Path,
        manifest: dict[str, Any],
        documents: dict[str, Document],
        articles: dict[str, Article],
        chunks: list[Chunk],
        vectors: VectorIndex,
        fields: dict[str, KeywordIndex],
        sentences: SentenceVectors,
    ) -> None:
        self.path = path
        self.snapshot = snapshot
        self.manifest = manifest
        self.documents = documents
        self.articles = articles
        self.chunks = chunks
        self.vectors = vectors
        #: One BM25 index per ``KEYWORD_FIELDS`` entry, by name.
        self.fields = fields
        #: One vector per sentence window of each chunk, computed with the chunk's (rag.embedtext).
        self.sentences = sentences

    @property
    def keyword(self) -> KeywordIndex:
        """Bigram BM25 over what was embedded for each chunk."""
        return self.fields["keyword"]

    @property
    def pinyin(self) -> KeywordIndex:
        """BM25 over the pinyin of the chunks, for names in English questions."""
        return self.fields["pinyin"]

    # -- what retrieval asks (rag.store.base) ---------------------------------------------------------
    def dense_top(self, vector: np.ndarray, n: int, where: Any = None) -> list[tuple[int, float]]:
        allowed = None if where is None else where.mask
        scores, rows = self.vectors.search(vector, n if allowed is None else len(self.chunks))
        return keep(scores, rows, allowed, n)

    def bm25_top(
        self, field: str, text: str, n: int, where: Any = None
    ) -> tuple[list[tuple[int, float]], np.ndarray]:
        kw, allowed = self.fields[field], None if where is None else where.mask
        scores = kw.scores(text)
        top, rows = kw.search(text, n if allowed is None else len(scores), scores=scores)
        return keep(top, rows, allowed, n), scores

    def bm25_scores(self, field: str, text: str, rows: Sequence[int]) -> np.ndarray:
        return self.fields[field].scores(text)[np.asarray(rows, dtype=np.int64)]

    # -- identity -----------------------------------------------------------------------------------
    @property
    def model(self) -> ModelInfo:
        return ModelInfo.of(self.manifest)

    def __repr__(self) -> str:
        c = self.manifest.get("counts", {})
        return (
            f"Index({str(self.path)!r}, documents={c.get('documents')}, articles={c.get('articles')}, "
            f"chunks={c.get('chunks')}, model={self.model.model_id!r})"
        )

    # -- opening ------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> Index:
        """Open the live snapshot of ``path``, checking checksums and counts before parsing anything.

        Readers take no lock. If a writer switches ``CURRENT`` (and prunes the snapshot being read) while
        this reads, it starts again on the new live snapshot; it never mixes files of two snapshots."""
        path = Path(path).expanduser()
        for _ in range(_OPEN_TRIES - 1):
            snap = current_snapshot(path)
            try:
                return cls._open_snapshot(path, snap)
            except (IndexCorrupted, OSError):
                if current_snapshot(path) == snap:
                    raise
        return cls._open_snapshot(path, current_snapshot(path))

    @classmethod
    def _open_snapshot(cls, path: Path, snap: Path) -> Index:
        manifest = _checked_manifest(snap)
        documents, articles, chunks = _read_records(snap)
        n = len(chunks)
        counts = manifest.get("counts", {})
        if counts.get("chunks") != n:
            raise IndexCorrupted(
                f"{snap / 'chunks.jsonl'} holds {n} chunks, the manifest says {counts.get('chunks')}; {_FIX}"
            )
        try:
            vectors = VectorIndex.load(snap / "vectors.faiss")
            # A field added later (gloss) is absent from older snapshots: they open without it.
            fields = {
                name: KeywordIndex.load(snap / name, n, a)
                for name, a in KEYWORD_FIELDS.items()
                if name in manifest or name in ("keyword", "pinyin")
            }
            sentences = SentenceVectors.load(snap / "sentences")
        except OSError:
            raise
        except Exception as e:  # checksums passed, so this is a file written wrong, not a damaged one
            raise IndexCorrupted(
                f"cannot load the vectors or keyword index of {snap} ({e}); {_FIX}"
            ) from None
        found = {"documents": len(documents), "articles": len(articles), "chunks": n, "vectors": len(vectors)}
        expected = {
            **{k: counts.get(k) for k in ("documents", "articles", "chunks")},
            "vectors": counts.get("chunks"),
        }
        if found != expected or any(
            kw.bm25 is not None and int(kw.bm25.scores["num_docs"]) != n for kw in fields.values()
        ):
            raise IndexCorrupted(f"the files of {snap} disagree (found {found}, manifest {expected}); {_FIX}")
        dimension = manifest["model"]["dimension"]
        if vectors.dimension != dimension:
            raise IndexCorrupted(f"{snap / 'vectors.faiss'} has the wrong dimension; {_FIX}")
        problem = sentences.check(n, dimension)
        if problem:
            raise IndexCorrupted(f"the sentence vectors of {snap} do not fit its chunks ({problem}); {_FIX}")
        return cls(path, snap, manifest, documents, articles, chunks, vectors, fields, sentences)

    def content(self) -> IndexContent:
        return IndexContent(
            documents=dict(self.documents),
            articles=dict(self.articles),
            chunks=list(self.chunks),
            vectors=self.vectors.vectors(),
            sentences=self.sentences,
        )

    # -- writing ------------------------------------------------------------------------------------
    @staticmethod
    def write(
        index_dir: Path,
        content: IndexContent,
        texts: Sequence[str],
        model: ModelInfo,
        settings: dict[str, Any],
        *,
        vector_kind: str = "auto",
        append_to: VectorIndex | None = None,
    ) -> Path:
        """Write ``content`` as a new snapshot and make it live. The caller holds the writer lock.

        ``texts``: what was embedded for each chunk (:func:`rag.embedtext.chunk_text`); the keyword and pinyin
        indexes are built over the same text. ``vector_kind``: the FAISS index type (``auto``, ``flat``,
        ``hnsw``). ``append_to``: the previous snapshot's vector index when ``content`` holds its rows
        unchanged and in order, followed by new ones; an HNSW graph is then extended, not rebuilt."""
        n = len(content.chunks)
        if content.vectors.shape != (n, model.dimension) or len(texts) != n:
            raise ValueError(
                f"{n} chunks but {len(texts)} texts and vectors of shape {content.vectors.shape}"
            )
        writer = SnapshotWriter(index_dir)
        try:
            _write_records(writer, content)
            kind = choose_kind(n, vector_kind)
            if append_to is not None and append_to.kind == kind == "hnsw" and len(append_to) <= n:
                vector_index = append_to.extended(content.vectors[len(append_to) :])
            else:
                vector_index = VectorIndex.build(content.vectors, model.dimension, kind)
            vector_index.save(writer.path("vectors.faiss"))
            problem = content.sentences.check(n, model.dimension)
            if problem:
                raise ValueError(f"sentence vectors do not fit the chunks: {problem}")
            content.sentences.save(writer.path("sentences/.keep").parent)
            described = {}
            for name, analyzer in KEYWORD_FIELDS.items():
                field = KeywordIndex.build(texts, analyzer)
                field.save(writer.path(f"{name}/.keep").parent)
                described[name] = field.describe()
            manifest = {
                "model": {"id": model.model_id, "variant": model.variant, "dimension": model.dimension},
                **described,
                "vectors": vector_index.describe(),
                "sentences": _describe_sentences(content.sentences),
                "counts": {
                    "documents": len(content.documents),
                    "articles": len(content.articles),
                    "chunks": n,
                },
                "settings": settings,
                "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            return writer.commit(manifest)
        except BaseException:
            writer.abort()
            raise


def _write_records(writer: SnapshotWriter, content: IndexContent) -> None:
    records.write_jsonl(
        writer.path("documents.jsonl"), map(records.document_record, content.documents.values())
    )
    records.write_jsonl(writer.path("articles.jsonl"), map(records.article_record, content.articles.values()))
    records.write_jsonl(writer.path("chunks.jsonl"), map(records.chunk_record, content.chunks))


def _describe_sentences(sentences: SentenceVectors) -> dict[str, Any]:
    return {
        "count": int(sentences.offsets[-1]),
        "chunks_with_sentences": int(np.count_nonzero(np.diff(sentences.offsets))),
        "dtype": "float16",
        "method": "late chunking: mean of the chunk's token embeddings over each sentence window",
    }


def _checked_manifest(snap: Path) -> dict[str, Any]:
    """The snapshot's manifest, its checksums verified, listing every required file and naming the model."""
    manifest = verify(snap)
    listed = set(manifest["files"])
    for rel in REQUIRED:
        if rel not in listed:
            raise IndexCorrupted(f"{snap / 'manifest.json'} does not list {rel}; {_FIX}")
    model = manifest.get("model")
    if (
        not isinstance(model, dict)
        or not isinstance(model.get("id"), str)
        or not isinstance(model.get("dimension"), int)
    ):
        raise IndexCorrupted(f"{snap / 'manifest.json'} does not name the model; {_FIX}")
    return manifest


def _read_records(snap: Path) -> tuple[dict[str, Document], dict[str, Article], list[Chunk]]:
    """Documents, articles and chunks of a snapshot, each pointing at records that exist."""
    try:
        documents = {
            d.doc_id: d
            for d in (records.document_from_record(r) for r in records.read_jsonl(snap / "documents.jsonl"))
        }
        articles = {
            a.article_id: a
            for a in (records.article_from_record(r) for r in records.read_jsonl(snap / "articles.jsonl"))
        }
        chunks = [
            Chunk.from_record(r, documents[str(r["doc_id"])].text)
            for r in records.read_jsonl(snap / "chunks.jsonl")
        ]
        if any(c.article_id not in articles for c in chunks) or any(
            a.doc_id not in documents for a in articles.values()
        ):
            raise KeyError("a chunk or article points to a missing record")
    except (KeyError, TypeError, ValueError) as e:
        if isinstance(e, IndexCorrupted):
            raise
        raise IndexCorrupted(f"the records in {snap} are inconsistent ({e!r}); {_FIX}") from None
    return documents, articles, chunks


def stack(vectors: Sequence[np.ndarray], dimension: int) -> np.ndarray:
    if not vectors:
        return np.zeros((0, dimension), dtype=np.float32)
    return np.vstack(vectors).astype(np.float32, copy=False)
