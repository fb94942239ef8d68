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
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.articles import Article, is_link_only
from rag.chunking import Chunk
from rag.documents import Document
from rag.errors import IndexCorrupted, ModelMismatch
from rag.store import records
from rag.store.keyword import KeywordIndex
from rag.store.sentences import FILES as SENTENCE_FILES
from rag.store.sentences import SentenceVectors
from rag.store.snapshot import FIX, SnapshotWriter, current_snapshot, verify
from rag.store.vectors import VectorIndex, choose_kind

if TYPE_CHECKING:
    from embeddings import Embedder
    from rag.config import Config

__all__ = ["Index", "IndexContent", "ModelInfo"]

_FIX = FIX
#: The files every snapshot has; ``keyword/`` holds files too when there is at least one chunk.
REQUIRED = ("documents.jsonl", "articles.jsonl", "chunks.jsonl", "vectors.faiss")
#: How often :meth:`Index.open` starts again when a writer switched snapshots while it was reading.
_OPEN_TRIES = 5


@dataclass(frozen=True)
class ModelInfo:
    model_id: str
    variant: str
    dimension: int


@dataclass(frozen=True)
class IndexContent:
    """Everything a snapshot holds, in memory. Row ``i`` of ``vectors`` belongs to ``chunks[i]``, and so do
    the sentence vectors ``sentences.of(i)``."""

    documents: dict[str, Document]
    articles: dict[str, Article]
    chunks: list[Chunk]
    vectors: np.ndarray
    analyzer: str
    sentences: SentenceVectors | None = None


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
        keyword: KeywordIndex,
        sentences: SentenceVectors | None = None,
        pinyin: KeywordIndex | None = None,
    ) -> None:
        self.path = path
        self.snapshot = snapshot
        self.manifest = manifest
        self.documents = documents
        self.articles = articles
        self.chunks = chunks
        self.vectors = vectors
        self.keyword = keyword
        #: BM25 over the pinyin of the chunks, for names in English questions (None: not in this snapshot).
        self.pinyin = pinyin if pinyin is not None and pinyin.bm25 is not None else None
        #: Sentence vectors of the chunks (None for a snapshot written before they existed).
        self.sentences = (
            sentences if sentences is not None else SentenceVectors.empty(len(chunks), vectors.dimension)
        )
        self._embedder: Embedder | None = None

    # -- identity -----------------------------------------------------------------------------------
    @property
    def model(self) -> ModelInfo:
        m = self.manifest["model"]
        return ModelInfo(str(m["id"]), str(m.get("variant", "")), int(m["dimension"]))

    @property
    def analyzer(self) -> str:
        return str(self.manifest.get("keyword", {}).get("analyzer", "bigram"))

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
        manifest = verify(snap)
        listed = set(manifest["files"])
        counts = manifest.get("counts", {})
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
        try:
            documents = {
                d.doc_id: d
                for d in (
                    records.document_from_record(r) for r in records.read_jsonl(snap / "documents.jsonl")
                )
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
        n = len(chunks)
        if counts.get("chunks") != n:
            raise IndexCorrupted(
                f"{snap / 'chunks.jsonl'} holds {n} chunks, the manifest says {counts.get('chunks')}; {_FIX}"
            )
        analyzer = str(manifest.get("keyword", {}).get("analyzer", "bigram"))
        try:
            vectors = VectorIndex.load(snap / "vectors.faiss")
            keyword = KeywordIndex.load(snap / "keyword", n, analyzer)
            sentences = (
                SentenceVectors.load(snap / "sentences") if all(f in listed for f in SENTENCE_FILES) else None
            )
            pinyin = (
                KeywordIndex.load(snap / "pinyin", n, "pinyin")
                if "pinyin/params.index.json" in listed
                else None
            )
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
        if (
            found != expected
            or (keyword.bm25 is not None and int(keyword.bm25.scores["num_docs"]) != n)
            or (pinyin is not None and pinyin.bm25 is not None and int(pinyin.bm25.scores["num_docs"]) != n)
        ):
            raise IndexCorrupted(f"the files of {snap} disagree (found {found}, manifest {expected}); {_FIX}")
        if vectors.dimension != model["dimension"]:
            raise IndexCorrupted(f"{snap / 'vectors.faiss'} has the wrong dimension; {_FIX}")
        problem = sentences.check(n, model["dimension"]) if sentences is not None else None
        if problem:
            raise IndexCorrupted(f"the sentence vectors of {snap} do not fit its chunks ({problem}); {_FIX}")
        return cls(path, snap, manifest, documents, articles, chunks, vectors, keyword, sentences, pinyin)

    def content(self) -> IndexContent:
        return IndexContent(
            documents=dict(self.documents),
            articles=dict(self.articles),
            chunks=list(self.chunks),
            vectors=self.vectors.vectors(),
            analyzer=self.analyzer,
            sentences=self.sentences,
        )

    # -- the model ----------------------------------------------------------------------------------
    def embedder(self, config: Config | None = None) -> Embedder:
        """The embedding model this index was built with, loaded once per opened index."""
        if self._embedder is None:
            from rag.config import Config
            from rag.embedding import load_for_index

            self._embedder = load_for_index(self.model, config or Config.from_env())
        return self._embedder

    def attach_embedder(self, embedder: Embedder) -> None:
        check_model(self.model, embedder, self.path)
        self._embedder = embedder

    # -- writing ------------------------------------------------------------------------------------
    @staticmethod
    def write(
        index_dir: Path,
        content: IndexContent,
        model: ModelInfo,
        settings: dict[str, Any],
        *,
        vector_kind: str | None = None,
        append_to: VectorIndex | None = None,
    ) -> Path:
        """Write ``content`` as a new snapshot and make it live. The caller holds the writer lock.

        ``vector_kind``: the FAISS index type (``auto``, ``flat``, ``hnsw``; ``None``: ``$RAG_VECTOR_INDEX``
        or ``auto``). ``append_to``: the previous snapshot's vector index when ``content`` holds its rows
        unchanged and in order, followed by new ones; an HNSW graph is then extended, not rebuilt."""
        n = len(content.chunks)
        if content.vectors.shape != (n, model.dimension):
            raise ValueError(f"{n} chunks but vectors of shape {content.vectors.shape}")
        writer = SnapshotWriter(index_dir)
        try:
            records.write_jsonl(
                writer.path("documents.jsonl"), map(records.document_record, content.documents.values())
            )
            records.write_jsonl(
                writer.path("articles.jsonl"), map(records.article_record, content.articles.values())
            )
            records.write_jsonl(writer.path("chunks.jsonl"), map(records.chunk_record, content.chunks))
            kind = choose_kind(n, vector_kind)
            if append_to is not None and append_to.kind == kind == "hnsw" and len(append_to) <= n:
                vector_index = append_to.extended(content.vectors[len(append_to) :])
            else:
                vector_index = VectorIndex.build(content.vectors, model.dimension, kind)
            vector_index.save(writer.path("vectors.faiss"))
            sentences = content.sentences or SentenceVectors.empty(n, model.dimension)
            problem = sentences.check(n, model.dimension)
            if problem:
                raise ValueError(f"sentence vectors do not fit the chunks: {problem}")
            sentences.save(writer.path("sentences/.keep").parent)
            texts = [context_text(content.articles[c.article_id], c) for c in content.chunks]
            KeywordIndex.build(texts, content.analyzer).save(writer.path("keyword/.keep").parent)
            KeywordIndex.build(texts, "pinyin").save(writer.path("pinyin/.keep").parent)
            manifest = {
                "model": {"id": model.model_id, "variant": model.variant, "dimension": model.dimension},
                "keyword": {"library": "bm25s", "analyzer": content.analyzer, "k1": 1.2, "b": 0.75},
                "pinyin": {"library": "bm25s", "analyzer": "pinyin", "k1": 1.2, "b": 0.75},
                "vectors": vector_index.describe(),
                "sentences": {
                    "count": int(sentences.offsets[-1]),
                    "chunks_with_sentences": int(np.count_nonzero(np.diff(sentences.offsets))),
                    "dtype": "float16",
                    "method": "late chunking: mean of the chunk's token embeddings over each sentence window",
                },
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


def context_text(article: Article, chunk: Chunk) -> str:
    """What is embedded and keyword-indexed for a chunk: its article's title (and kicker) and section, then
    the chunk's clean text. The passage shown to the user is the chunk's own text."""
    head = f"{article.kicker}——{article.title}" if article.kicker else article.title
    if chunk.section and chunk.section != article.title:
        head = f"{head}｜{chunk.section}"
    if head and is_link_only(chunk.clean):
        # A story that is only a headline and a link: its words are the headline's. The URL would make its
        # vector a vague match for any English question.
        return head
    return f"{head}\n{chunk.clean}"


def check_model(info: ModelInfo, embedder: Embedder, where: Path | str) -> None:
    if embedder.model_id != info.model_id or embedder.dimension != info.dimension:
        raise ModelMismatch(
            f"the index at {where} was built with {info.model_id} ({info.dimension}-d) but the model in use is "
            f"{embedder.model_id} ({embedder.dimension}-d); use the same model (RAG_MODEL / --model) or "
            "rebuild the index"
        )


def stack(vectors: Sequence[np.ndarray], dimension: int) -> np.ndarray:
    if not vectors:
        return np.zeros((0, dimension), dtype=np.float32)
    return np.vstack(vectors).astype(np.float32, copy=False)
