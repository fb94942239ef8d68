"""Build, extend and prune an index: files -> documents -> articles -> chunks -> vectors -> snapshot.

Identity is the source path (resolved; for JSONL lines, path + line id) plus the article's position in it.
A file whose text is unchanged (same sha256) keeps its records and vectors; a changed file's records are
replaced as a whole, and its chunks that did not change are not embedded again, because vectors are looked
up by the hash of the exact text embedded (old snapshot first, then the SQLite embedding cache).
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from rag.articles import Article, split_articles
from rag.chunking import Chunk, chunk_article
from rag.config import Config
from rag.documents import Document, Skipped, iter_documents
from rag.embedtext import chunk_text, embedded_spans, sentence_spans
from rag.embedworkers import check_workers, embed_on_workers, uses_workers
from rag.errors import IndexNotFound, InputError
from rag.model import check_model, configured_model, model_for_index
from rag.readprogress import page_progress
from rag.store import milvus_write
from rag.store.cache import EmbeddingCache, text_key
from rag.store.index import Index, IndexContent, ModelInfo, stack
from rag.store.milvus import location as milvus_location
from rag.store.sentences import SentenceVectors
from rag.store.snapshot import SNAPSHOTS, current_snapshot, is_index, writer_lock

if TYPE_CHECKING:
    from embeddings import Embedder

__all__ = ["IndexStats", "index_paths", "remove_sources"]

_log = logging.getLogger(__name__)

CACHE_FILE = "embedding-cache.sqlite"
_SURROGATE = re.compile("[\ud800-\udfff]")


class IndexStats(NamedTuple):
    """What an indexing run did. ``documents``/``articles``/``chunks`` count the whole index afterwards."""

    index_dir: Path
    documents: int
    articles: int
    chunks: int
    added: int
    replaced: int
    unchanged: int
    removed: int
    embedded: int
    skipped: tuple[Skipped, ...]
    seconds: float


def _settings(config: Config) -> dict[str, Any]:
    return {
        "chunk_size": config.chunk_size,
        "chunk_overlap": config.chunk_overlap,
        "min_chunk_chars": config.min_chunk_chars,
    }


def _open_existing(index_dir: Path) -> Index | None:
    """The live index in ``index_dir``, or ``None`` for a new one. A folder holding only what an unfinished
    first run left (the lock, the embedding cache, temp folders) counts as new, so re-running resumes."""
    if not index_dir.exists() or not is_index(index_dir):
        if index_dir.exists() and index_dir.is_dir():
            strangers = sorted(
                p.name
                for p in index_dir.iterdir()
                if p.name not in (".writer.lock", SNAPSHOTS)
                and not p.name.startswith(CACHE_FILE)
                and not (p.name.startswith(".CURRENT.") and p.name.endswith(".tmp"))
            )
            if strangers:
                raise IndexNotFound(
                    f"{index_dir} exists and is not an index (it holds {strangers[0]}"
                    f"{' and more' if len(strangers) > 1 else ''}); choose an empty or new folder for --index"
                )
        return None
    current_snapshot(index_dir)
    return Index.open(index_dir)


def split_and_chunk(doc: Document, config: Config) -> tuple[list[Article], list[Chunk]]:
    articles = split_articles(doc)
    chunks: list[Chunk] = []
    for art in articles:
        chunks.extend(
            chunk_article(
                doc.text,
                art,
                chunk_size=config.chunk_size,
                chunk_overlap=config.chunk_overlap,
                min_chunk_chars=config.min_chunk_chars,
            )
        )
    return articles, chunks


class _PreviousArrays(Mapping[str, np.ndarray]):
    """The previous snapshot's arrays by text key (chunk vector, then sentence vectors), built on demand:
    materialising them all would hold every sentence vector of a large index in float32 at once."""

    def __init__(self, rows: dict[str, int], vectors: np.ndarray, sentences: SentenceVectors) -> None:
        self.rows, self.vectors, self.sentences = rows, vectors, sentences

    def __getitem__(self, key: str) -> np.ndarray:
        i = self.rows[key]
        return np.vstack([self.vectors[i][None, :], self.sentences.of(i)[1].astype(np.float32)])

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _embed(
    texts: Sequence[str],
    chunks: Sequence[Chunk],
    spans: Sequence[Sequence[tuple[int, int]]],
    known: Mapping[str, np.ndarray],
    embedder: Embedder,
    cache: EmbeddingCache,
    config: Config,
    progress: bool,
    on_status: Callable[[str], None] | None = None,
    what: str = "",
) -> tuple[list[np.ndarray], int]:
    """For each text (a chunk's :func:`chunk_text`, with the chunk and its sentence windows ``spans``), a
    float32 ``(1 + sentences, dimension)`` array: the chunk's vector, then one per sentence window. Taken
    from ``known`` or the cache when complete, else embedded (one forward pass gives both) and cached batch
    by batch."""
    keys = [text_key(t) for t in texts]
    want = dict(zip(keys, (len(s) for s in spans), strict=True))
    found: dict[str, np.ndarray] = {}

    def lookup(key: str) -> np.ndarray | None:
        for arr in (found.get(key), known.get(key)):
            if arr is not None and arr.shape[0] == 1 + want[key]:
                return arr
        return None

    found.update(cache.get_many([k for k in want if lookup(k) is None]))
    todo = list(
        {
            k: (k, t, c, sp)
            for k, t, c, sp in zip(keys, texts, chunks, spans, strict=True)
            if lookup(k) is None
        }.values()
    )
    if on_status is not None and texts:
        reused = len(want) - len(todo)
        if not todo:
            on_status(f"{len(texts)} chunks from {what}, all embedded before (reused)")
        else:
            more = f" ({reused} more embedded before, reused)" if reused else ""
            on_status(f"embedding {len(todo)} chunks from {what}{more}")
    if todo:
        found.update(_embed_new(todo, embedder, cache, config, progress))
    # Whatever is not in `found` (cache hits and what was embedded here) was complete in `known`.
    return [found[k] if k in found else known[k] for k in keys], len(todo)


def _embed_new(
    todo: list[tuple[str, str, Chunk, Sequence[tuple[int, int]]]],
    embedder: Embedder,
    cache: EmbeddingCache,
    config: Config,
    progress: bool,
) -> dict[str, np.ndarray]:
    """Embed ``(key, text, chunk, spans)`` items, caching each batch as it is done."""
    if uses_workers(config):
        return embed_on_workers(todo, embedder, cache, config, progress)
    # Longest first keeps each batch's padding small; vectors are committed to the cache after every
    # batch (a commit costs milliseconds, a batch seconds on a CPU), the resume point of a killed run.
    todo = sorted(todo, key=lambda item: -len(item[1]))
    step = max(1, config.batch_size)
    out: dict[str, np.ndarray] = {}
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc="embedding", unit="chunk")
    for i in range(0, len(todo), step):
        part = todo[i : i + step]
        vecs, sent = embedder.encode_passages_with_spans(
            [t for _, t, _, _ in part],
            [embedded_spans(t, c, sp) for _, t, c, sp in part],
            batch_size=config.batch_size,
        )
        pairs = [
            (k, np.vstack([v[None, :], sv])) for (k, _, _, _), v, sv in zip(part, vecs, sent, strict=True)
        ]
        cache.put_many(pairs)
        out.update(pairs)
        if bar is not None:
            bar.update(len(part))
    if bar is not None:
        bar.close()
    return out


def _read(
    paths: Sequence[Path],
    skip: Callable[[Skipped], None],
    on_page: Callable[[str, int, int], None] | None = None,
) -> dict[str, Document]:
    """Every readable document under ``paths`` (read before the index is touched: bad input leaves it as
    it was); an unreadable file is skipped with a reason, and nothing readable is an :class:`InputError`."""
    docs: dict[str, Document] = {}
    for doc in iter_documents(paths, on_skip=skip, on_page=on_page):
        bad = _SURROGATE.search(doc.text)
        if bad is not None:
            skip(
                Skipped(
                    doc.source,
                    f"invalid text: a lone surrogate (U+{ord(bad.group()):04X}) at character {bad.start()}, "
                    "which is no character; fix the file's encoding",
                )
            )
            continue
        docs[doc.doc_id] = doc
    return docs


class _Changes(NamedTuple):
    """How the documents read compare with the index: those kept as they are and those to (re)split."""

    keep: dict[str, Document]
    new: list[Document]
    added: int
    replaced: int
    unchanged: int


def _compare(prev: IndexContent, docs: dict[str, Document]) -> _Changes:
    keep = {d: doc for d, doc in prev.documents.items() if d not in docs}
    new: list[Document] = []
    added = replaced = unchanged = 0
    for doc_id, doc in docs.items():
        before = prev.documents.get(doc_id)
        if before is not None and before.content_hash == doc.content_hash:
            unchanged += 1
            keep[doc_id] = before
        else:
            replaced += before is not None
            added += before is None
            new.append(doc)
    return _Changes(keep, new, added, replaced, unchanged)


def _load_model(old: Index | None, config: Config, on_status: Callable[[str], None] | None) -> Embedder:
    return model_for_index(old.model, config, on_status) if old else configured_model(config, on_status)


def index_paths(
    paths: Iterable[str | Path],
    index_dir: str | Path | None = None,
    *,
    config: Config | None = None,
    embedder: Embedder | None = None,
    progress: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
    on_status: Callable[[str], None] | None = None,
) -> IndexStats:
    """Add files and folders to the index at ``index_dir`` (created if needed), replacing changed files.

    Raises :class:`~rag.errors.InputError` for missing paths or when nothing readable was found; the
    existing index is untouched in that case.
    """
    t0 = time.perf_counter()
    config = config or Config.from_env()
    index_dir = index_dir if index_dir is not None else config.index  # RAG_INDEX
    if (loc := milvus_location(index_dir)) is not None:  # a local mirror, published (rag.store.milvus_write)
        build = functools.partial(index_paths, paths, config=config, embedder=embedder, progress=progress)
        build = functools.partial(build, on_skip=on_skip, on_status=on_status)
        return milvus_write.index_into(loc, build, config)
    index_dir = Path(index_dir).expanduser() if index_dir is not None else config.index_dir
    files = [Path(p).expanduser() for p in paths]
    if not files:
        raise InputError("give at least one file or folder to index")
    check_workers(config)
    skipped: list[Skipped] = []

    def skip(s: Skipped) -> None:
        skipped.append(s)
        if on_skip is not None:
            on_skip(s)

    docs = _read(files, skip, page_progress(progress, on_status))
    if not docs:
        first = f"all {len(skipped)} file(s) were skipped ({skipped[0].path}: {skipped[0].reason})"
        raise InputError("nothing to index: " + (first if skipped else "no documents found"))
    index_dir.mkdir(parents=True, exist_ok=True)
    with writer_lock(index_dir):
        old = _open_existing(index_dir)
        embedder = embedder or _load_model(old, config, on_status)
        if old is not None:
            check_model(old.model, embedder, f"the index at {index_dir}")
        prev = _previous(old, embedder)
        changes = _compare(prev, docs)
        content, embedded = _update(index_dir, old, prev, changes, embedder, config, progress, on_status)
    return IndexStats(
        index_dir=index_dir,
        documents=len(content.documents),
        articles=len(content.articles),
        chunks=len(content.chunks),
        added=changes.added,
        replaced=changes.replaced,
        unchanged=changes.unchanged,
        removed=0,
        embedded=embedded,
        skipped=tuple(skipped),
        seconds=time.perf_counter() - t0,
    )


def _previous(old: Index | None, embedder: Embedder) -> IndexContent:
    if old is not None:
        return old.content()
    dim = embedder.dimension
    return IndexContent({}, {}, [], np.zeros((0, dim), np.float32), SentenceVectors.empty(0, dim))


def _update(
    index_dir: Path,
    old: Index | None,
    prev: IndexContent,
    changes: _Changes,
    embedder: Embedder,
    config: Config,
    progress: bool,
    on_status: Callable[[str], None] | None,
) -> tuple[IndexContent, int]:
    """Write the snapshot holding the kept documents' chunks (their vectors carried over) and the new
    documents' chunks (vectors reused by text where any snapshot or the cache has them, else embedded)."""
    model = ModelInfo(embedder.model_id, embedder.variant, embedder.dimension)
    prev_rows = {text_key(chunk_text(prev.articles[c.article_id], c)): i for i, c in enumerate(prev.chunks)}
    kept_rows = [i for i, c in enumerate(prev.chunks) if c.doc_id in changes.keep]
    new_articles: dict[str, Article] = {}
    new_chunks: list[Chunk] = []
    for doc in changes.new:
        arts, chs = split_and_chunk(doc, config)
        new_articles.update((a.article_id, a) for a in arts)
        new_chunks.extend(chs)
    texts = [chunk_text(new_articles[c.article_id], c) for c in new_chunks]
    spans = [sentence_spans(c) for c in new_chunks]
    known = _PreviousArrays(prev_rows, prev.vectors, prev.sentences)
    cache = EmbeddingCache(index_dir / CACHE_FILE, model.model_id, model.dimension)
    try:
        what = f"{len(changes.new)} new or changed documents"
        arrays, embedded = _embed(
            texts, new_chunks, spans, known, embedder, cache, config, progress, on_status, what
        )
        content = IndexContent(
            documents={**changes.keep, **{d.doc_id: d for d in changes.new}},
            articles={**{a: x for a, x in prev.articles.items() if x.doc_id in changes.keep}, **new_articles},
            chunks=[prev.chunks[i] for i in kept_rows] + new_chunks,
            vectors=stack([prev.vectors[i] for i in kept_rows] + [a[0] for a in arrays], model.dimension),
            sentences=SentenceVectors.concat(
                [
                    prev.sentences.take(kept_rows),
                    SentenceVectors.from_lists(spans, [a[1:] for a in arrays], model.dimension),
                ],
                model.dimension,
            ),
        )
        if old is None or changes.new:
            prefix = old is not None and kept_rows == list(range(len(prev.chunks)))
            all_texts = [chunk_text(content.articles[c.article_id], c) for c in content.chunks]
            Index.write(
                index_dir,
                content,
                all_texts,
                model,
                {**_settings(config), "embedding_backend": embedder.backend},
                vector_kind=config.vector_index,
                append_to=old.vectors if prefix and old is not None else None,
            )
            # Forget the text this update replaced; keep anything else (a killed run's vectors too).
            cache.forget(set(known) - {text_key(t) for t in all_texts})
    finally:
        cache.close()
    return content, embedded


def _named_by(doc: Document, names: list[str]) -> bool:
    """Whether ``doc`` is one of the sources named: its file (all lines of a JSONL file), a folder above
    it, or its name or source as `rag sources` prints them."""
    base = doc.source.split("#", 1)[0]
    for n in names:
        t = str(Path(n).expanduser().resolve())
        if t in (doc.source, base) or base.startswith(t.rstrip("/") + "/") or n in (doc.name, doc.source):
            return True
    return False


def remove_sources(
    sources: Iterable[str | Path], index_dir: str | Path | None = None, *, config: Config | None = None
) -> IndexStats:
    """Remove every document whose source is one of ``sources`` (a file path removes all its JSONL lines;
    a folder removes everything under it). An unknown source is an :class:`InputError`."""
    t0 = time.perf_counter()
    config = config or Config.from_env()
    index_dir = index_dir if index_dir is not None else config.index  # RAG_INDEX
    if (loc := milvus_location(index_dir)) is not None:
        build = functools.partial(remove_sources, sources, config=config)
        return milvus_write.index_into(loc, build, config)
    index_dir = Path(index_dir).expanduser() if index_dir is not None else config.index_dir
    with writer_lock(index_dir):
        old = Index.open(index_dir)
        prev = old.content()
        names = [str(s) for s in sources]
        gone = {d for d, doc in prev.documents.items() if _named_by(doc, names)}
        if not gone:
            raise InputError(
                f"no indexed document matches {', '.join(names)}; `rag sources` lists what is indexed"
            )
        rows = [i for i, c in enumerate(prev.chunks) if c.doc_id not in gone]
        content = IndexContent(
            documents={d: doc for d, doc in prev.documents.items() if d not in gone},
            articles={a: art for a, art in prev.articles.items() if art.doc_id not in gone},
            chunks=[prev.chunks[i] for i in rows],
            vectors=prev.vectors[rows] if rows else np.zeros((0, old.model.dimension), np.float32),
            sentences=old.sentences.take(rows),
        )
        Index.write(
            index_dir,
            content,
            [chunk_text(content.articles[c.article_id], c) for c in content.chunks],
            old.model,
            old.manifest.get("settings", _settings(config)),
            vector_kind=config.vector_index,
        )
    return IndexStats(
        index_dir=index_dir,
        documents=len(content.documents),
        articles=len(content.articles),
        chunks=len(content.chunks),
        added=0,
        replaced=0,
        unchanged=len(content.documents),
        removed=len(gone),
        embedded=0,
        skipped=(),
        seconds=time.perf_counter() - t0,
    )
