"""Milvus as the store: the same retrieval over a Milvus server (or a Milvus Lite file) instead of a folder.

An index in Milvus is three collections written from one snapshot (rag.store.milvus_write) and an alias,
the index's name, pointing at the live one (the folder store's ``CURRENT``):

- ``NAME__<snapshot>``: one row per chunk: ``id`` (the row), ``dense`` (its vector, inner product),
  ``kw_<field>`` for each :data:`~rag.store.index.KEYWORD_FIELDS` field (a sparse vector holding the chunk's
  BM25 term scores, computed by our own BM25, so that the inner product with the question's term counts is
  the folder store's BM25 score), ``doc_id``, ``article_id``, ``date`` (``YYYYMMDD`` as a number, 0 when
  undated), ``source`` and ``name`` (for filters) and ``record`` (the chunk record, JSON);
- ``NAME__<snapshot>__sent``: one row per sentence window (``chunk``, ``start``, ``end``, ``vector``);
- ``NAME__<snapshot>__meta``: the manifest, the documents and articles (JSON Lines in pieces) and each keyword
  field's vocabulary.

A reader (:class:`MilvusIndex`) holds the records and vocabularies in memory and asks Milvus for everything
per row: top-N by vector or by keyword (filtered by an expression on the scalar fields), BM25 scores of given
rows, vectors and sentence vectors of given rows. docs/scaling.md says why it is split this way.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from rag.articles import Article
from rag.chunking import Chunk
from rag.documents import Document
from rag.errors import IndexCorrupted, IndexNotFound, StoreUnavailable
from rag.filters import Filter
from rag.store import records
from rag.store.base import Store, keep
from rag.store.index import KEYWORD_FIELDS, Index, ModelInfo
from rag.store.keyword import KeywordIndex

__all__ = ["Location", "MilvusIndex", "client", "location", "milvus_errors"]

#: Seconds a read may take before it fails with one line (a server gone mid-question must not hang).
TIMEOUT = 10.0
#: The layout of the collections (rag.store.milvus_write): collections of another layout are written again.
FORMAT = 1
#: Rows asked for at once when reading records (Milvus caps a query at 16384 rows).
PAGE = 8192
#: The name of the index when a location names none (``milvus://host:19530``, ``news.db``).
DEFAULT_NAME = "newsrag"
_URI = re.compile(r"milvus:/+([^/]+?)(?::(\d+))?(?:/(\w+))?/?$")
_LITE = re.compile(r"^(.*\.db)(?:#(\w+))?$")


class Location(NamedTuple):
    """Where a Milvus index lives: the client ``uri`` (``http://host:port`` or a Lite file), the index
    ``name`` (its alias) and whether it is a Lite file opened in this process."""

    uri: str
    name: str
    lite: bool

    def __str__(self) -> str:
        return f"{self.uri}#{self.name}" if self.lite else f"milvus://{self.uri[7:]}/{self.name}"


def location(value: object) -> Location | None:
    """The Milvus location ``value`` names (``milvus://host:19530/name``, ``path/news.db`` or
    ``path/news.db#name``), or ``None`` for an index folder. Tolerates a URI that went through ``Path``."""
    text = str(value)
    m = _URI.search(text)
    if m is not None:
        host, port, name = m.group(1), m.group(2) or "19530", m.group(3) or DEFAULT_NAME
        return Location(f"http://{host}:{port}", name, False)
    m = _LITE.match(text)
    if m is not None:
        return Location(str(Path(m.group(1)).expanduser().resolve()), m.group(2) or DEFAULT_NAME, True)
    return None


@contextlib.contextmanager
def milvus_errors(loc: Location, doing: str) -> Iterator[None]:
    """Turn what the client raises (server gone, refused, timed out) into one :class:`StoreUnavailable`."""
    try:
        yield
    except (StoreUnavailable, IndexNotFound, IndexCorrupted):
        raise
    except Exception as e:  # pymilvus raises MilvusException, grpc errors and plain ones alike
        reason = " ".join(str(getattr(e, "message", "") or e).split())
        if "deadline" in reason.lower() and "unavailable" not in reason.lower():
            raise StoreUnavailable(
                f"Milvus at {loc} did not answer within {TIMEOUT:g} s while {doing}; is the server running and "
                "not overloaded? (past some 10,000 chunks Milvus Lite is too slow: use a Milvus server)"
            ) from None
        hint = "; is the server running?" if not loc.lite else ""
        raise StoreUnavailable(f"Milvus at {loc} failed while {doing}: {reason[:300]}{hint}") from None


def _quiet() -> None:
    """Silence the client's own logging (set up when pymilvus is imported): its errors become our one-line
    errors. An in-process Milvus Lite also logs each call the client makes that it does not implement."""
    for name in ("pymilvus", "pymilvus.milvus_client", "pymilvus.decorators", "grpc._server", "milvus_lite"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _held_elsewhere(lock: Path) -> bool:
    """Whether another process holds Milvus Lite's lock on its folder (it takes ``flock`` on this file)."""
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def client(loc: Location) -> Any:
    """One client per server or Lite file in this process. A Lite file is opened by one process at a time."""
    with _clients_lock:
        if loc.uri in _clients:
            return _clients[loc.uri]
        if loc.lite:
            Path(loc.uri).parent.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("GRPC_VERBOSITY", "ERROR")  # gRPC's C core notes every fork at INFO
        with milvus_errors(loc, "connecting"):
            from pymilvus import MilvusClient

            _quiet()

            try:
                c = MilvusClient(uri=loc.uri, timeout=TIMEOUT)
            except Exception:
                if loc.lite and _held_elsewhere(Path(loc.uri) / "LOCK"):
                    raise StoreUnavailable(
                        f"the Milvus Lite file {loc.uri} is open in another process; serve it with "
                        f"`milvus-lite server --data-dir {loc.uri}` to share it"
                    ) from None
                raise
        _clients[loc.uri] = c
        return c


def live_collection(loc: Location) -> str:
    """The collection the index's alias points at (:class:`IndexNotFound` when there is none)."""
    c = client(loc)
    with milvus_errors(loc, "reading the index alias"):
        aliases = c.list_aliases(timeout=TIMEOUT)
        names = aliases.get("aliases", []) if isinstance(aliases, dict) else aliases
        if loc.name not in names:
            raise IndexNotFound(f"no index named {loc.name!r} in Milvus at {loc}; build it with `rag index`")
        return str(c.describe_alias(loc.name, timeout=TIMEOUT)["collection_name"])


def expression(f: Filter) -> str:
    """``f`` as a Milvus filter on the scalar fields (a ``like`` may keep more than ``f``: callers mask)."""
    parts = []
    if f.source:
        s = f.source.replace("\\", "\\\\").replace('"', '\\"')
        parts.append(f'(source like "%{s}%" or name like "%{s}%")')
    if f.date_from:
        parts.append(f"date >= {int(f.date_from.replace('-', ''))}")
    if f.date_to:
        parts.append(f"date > 0 and date <= {int(f.date_to.replace('-', ''))}")
    return " and ".join(parts)


def read_pages(c: Any, loc: Location, coll: str, fields: list[str], count: int) -> list[dict[str, Any]]:
    """Rows ``0..count-1`` of ``coll`` (by ``id``), in order."""
    out: list[dict[str, Any]] = []
    with milvus_errors(loc, f"reading {coll}"):
        for lo in range(0, count, PAGE):
            hi = min(count, lo + PAGE)
            page = c.query(coll, filter=f"id >= {lo} and id < {hi}", output_fields=fields, timeout=TIMEOUT)
            out.extend(sorted(page, key=lambda r: int(r["id"])))
    if len(out) != count:
        raise IndexCorrupted(
            f"{coll} in Milvus at {loc} holds {len(out)} of {count} rows; run `rag index` again"
        )
    return out


class _Field:
    """A keyword field on the reading side: our analyzer and the vocabulary the sparse vectors use."""

    def __init__(self, analyzer: str, vocab: dict[str, int], size: int) -> None:
        self.analyzer, self.vocab, self.size = analyzer, vocab, size

    def terms(self, text: str) -> list[str]:
        return KeywordIndex(None, 0, self.analyzer).terms(text)  # the folder store's query terms, exactly

    def query(self, text: str) -> dict[int, float]:
        """The question as a sparse vector: each known term's count (as bm25s sums a repeated term)."""
        return {self.vocab[t]: float(n) for t, n in Counter(self.terms(text)).items() if t in self.vocab}

    def holding(self, phrase: str) -> np.ndarray:
        """A superset of the rows holding every term of ``phrase``: none when a term is unknown, else all."""
        terms = self.terms(phrase)
        known = bool(terms) and all(t in self.vocab for t in terms)
        return np.full(self.size, known, dtype=bool)


class _RowCache:
    """The dense and sparse vectors of recently scored rows: a question's candidates are fetched in one call
    and scored here, for every keyword field and the cosine alike."""

    KEEP = 8192

    def __init__(self, index: MilvusIndex) -> None:
        self.index = index
        self.rows: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, rows: Sequence[int]) -> list[dict[str, Any]]:
        with self.lock:
            missing = sorted({int(r) for r in rows} - set(self.rows))
        if missing:
            fields = ["dense", *(f"kw_{f}" for f in self.index.fields)]
            got = self.index.rows(self.index.collection, missing, fields)
            with self.lock:
                self.rows.update(got)
                while len(self.rows) > self.KEEP:
                    self.rows.popitem(last=False)
        with self.lock:
            return [self.rows[int(r)] for r in rows]


class _Vectors:
    def __init__(self, index: MilvusIndex) -> None:
        self.index = index

    def score(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The cosine of ``query`` with the vectors of ``rows`` (fetched from Milvus)."""
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        vecs = np.asarray(
            [r["dense"] for r in self.index.cached.get([int(r) for r in rows])], dtype=np.float32
        )
        return vecs @ np.asarray(query, dtype=np.float32).reshape(-1)


class _Sentences:
    """The sentence windows and vectors of a chunk, fetched from Milvus and kept for later questions."""

    KEEP = 4096

    def __init__(self, index: MilvusIndex, dimension: int, offsets: np.ndarray) -> None:
        self.index, self.dimension, self.offsets = index, dimension, offsets
        self.cache: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self.lock = threading.Lock()

    def prefetch(self, rows: Sequence[int]) -> None:
        with self.lock:
            wanted = sorted({int(r) for r in rows} - set(self.cache))
        if not wanted:
            return
        ids = [j for r in wanted for j in range(int(self.offsets[r]), int(self.offsets[r + 1]))]
        found = (
            self.index.rows(self.index.collection + "__sent", ids, ["start", "end", "vector"]) if ids else {}
        )
        with self.lock:
            for r in wanted:
                recs = [found[j] for j in range(int(self.offsets[r]), int(self.offsets[r + 1]))]
                spans = np.array([[x["start"], x["end"]] for x in recs], dtype=np.int32).reshape(-1, 2)
                vecs = np.array([x["vector"] for x in recs], dtype=np.float32).reshape(-1, self.dimension)
                self.cache[r] = (spans, vecs.astype(np.float16))
            while len(self.cache) > self.KEEP:
                self.cache.popitem(last=False)

    def of(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        with self.lock:
            hit = self.cache.get(int(row))
        if hit is None:
            self.prefetch([row])
            with self.lock:
                hit = self.cache[int(row)]
        return hit


class MilvusIndex:
    """The live collection of a Milvus index, opened for searching (the methods of rag.store.base)."""

    def __init__(self, loc: Location, collection: str, meta: dict[str, Any]) -> None:
        self.location, self.client, self.collection = loc, client(loc), collection
        self.path, self.snapshot = str(loc), Path(collection)
        self.manifest: dict[str, Any] = meta["manifest"]
        self.documents: dict[str, Document] = meta["documents"]
        self.articles: dict[str, Article] = meta["articles"]
        self.chunks: list[Chunk] = meta["chunks"]
        n = len(self.chunks)
        self.fields = {
            name: _Field(analyzer, meta["vocab"][name], n)
            for name, analyzer in KEYWORD_FIELDS.items()
            if name in meta["vocab"]  # collections written before a field was added lack it
        }
        self.vectors = _Vectors(self)
        self.sentences = _Sentences(self, self.model.dimension, meta["offsets"])
        self.cached = _RowCache(self)
        self.ef = int(self.manifest.get("milvus", {}).get("ef", 0))

    @property
    def keyword(self) -> _Field:
        return self.fields["keyword"]

    @property
    def pinyin(self) -> _Field:
        return self.fields["pinyin"]

    @property
    def model(self) -> ModelInfo:
        return ModelInfo.of(self.manifest)

    def __repr__(self) -> str:
        c = self.manifest.get("counts", {})
        return (
            f"MilvusIndex({self.path!r}, collection={self.collection!r}, documents={c.get('documents')}, "
            f"articles={c.get('articles')}, chunks={c.get('chunks')}, model={self.model.model_id!r})"
        )

    @classmethod
    def open(cls, loc: Location) -> MilvusIndex:
        collection, c = live_collection(loc), client(loc)
        with milvus_errors(loc, "loading the index"):
            for name in (collection, collection + "__sent", collection + "__meta"):
                c.load_collection(name, timeout=TIMEOUT)
        return cls(loc, collection, read_meta(c, loc, collection))

    # -- what retrieval asks (rag.store.base) ---------------------------------------------------------
    def _search(self, anns: str, data: Any, n: int, where: Any, params: dict[str, Any]) -> list[Any]:
        expr = "" if where is None else expression(where.filter)
        with milvus_errors(self.location, "searching"):
            found = self.client.search(
                self.collection,
                data=[data],
                anns_field=anns,
                limit=min(n, 16384),
                filter=expr,
                output_fields=[],
                search_params={"metric_type": "IP", "params": params},
                timeout=TIMEOUT,
            )
        return list(found[0]) if found else []

    def dense_top(self, vector: np.ndarray, n: int, where: Any = None) -> list[tuple[int, float]]:
        params = {"ef": max(self.ef, n)} if self.ef else {}
        hits = self._search("dense", np.asarray(vector, np.float32).tolist(), n, where, params)
        return _kept(hits, where, n)

    def bm25_top(
        self, field: str, text: str, n: int, where: Any = None
    ) -> tuple[list[tuple[int, float]], None]:
        query = self.fields[field].query(text)
        if not query or not self.chunks:
            return [], None
        return _kept(self._search(f"kw_{field}", query, n, where, {}), where, n), None

    def bm25_scores(self, field: str, text: str, rows: Sequence[int]) -> np.ndarray:
        """The inner product of the question's term counts with each row's stored BM25 term scores (the
        rows' sparse vectors are fetched once a question, with their dense vectors)."""
        out = np.zeros(len(rows), dtype=np.float32)
        query = self.fields[field].query(text)
        if not query or not len(rows):
            return out
        for i, rec in enumerate(self.cached.get(rows)):
            weights = rec[f"kw_{field}"]
            out[i] = sum(n * weights.get(t, 0.0) for t, n in query.items())
        return out

    def rows(
        self, coll: str, rows: Sequence[int] | np.ndarray, fields: list[str]
    ) -> dict[int, dict[str, Any]]:
        with milvus_errors(self.location, "reading rows"):
            got = self.client.query(
                coll, filter=f"id in {sorted({int(r) for r in rows})}", output_fields=fields, timeout=TIMEOUT
            )
        return {int(r["id"]): r for r in got}


def _kept(hits: list[Any], where: Any, n: int) -> list[tuple[int, float]]:
    scores = np.array([float(h["distance"]) for h in hits], dtype=np.float32)
    rows = np.array([int(h["id"]) for h in hits], dtype=np.int64)
    return keep(scores, rows, None if where is None else where.mask, n)


def read_meta(c: Any, loc: Location, collection: str) -> dict[str, Any]:
    """The manifest, records and vocabularies of ``collection``, checked against each other."""
    meta = collection + "__meta"
    with milvus_errors(loc, f"reading {meta}"):
        head = c.query(meta, filter="id == 0", output_fields=["data"], timeout=TIMEOUT)
    if not head:
        raise IndexCorrupted(f"{meta} in Milvus at {loc} has no manifest; run `rag index` again")
    manifest = json.loads(head[0]["data"])
    if manifest.get("milvus", {}).get("format") != FORMAT:
        raise IndexCorrupted(
            f"{collection} in Milvus at {loc} was written by another version; run `rag index` again"
        )
    parts: dict[str, list[str]] = {}
    for rec in read_pages(c, loc, meta, ["kind", "data"], int(manifest["milvus"]["meta_rows"]))[1:]:
        parts.setdefault(str(rec["kind"]), []).append(str(rec["data"]))
    documents = {
        d.doc_id: d for d in map(records.document_from_record, _jsonl("".join(parts.get("documents", []))))
    }
    articles = {
        a.article_id: a for a in map(records.article_from_record, _jsonl("".join(parts.get("articles", []))))
    }
    n = int(manifest["counts"]["chunks"])
    try:
        chunks = [
            Chunk.from_record(rec, documents[str(rec["doc_id"])].text)
            for rec in (json.loads(r["record"]) for r in read_pages(c, loc, collection, ["record"], n))
        ]
    except KeyError as e:
        raise IndexCorrupted(
            f"{collection} in Milvus at {loc}: a chunk's document is missing ({e})"
        ) from None
    vocab = {f: json.loads("".join(parts[f"vocab:{f}"])) for f in KEYWORD_FIELDS if f"vocab:{f}" in parts}
    offsets = np.asarray(json.loads("".join(parts.get("offsets", ["[0]"]))), dtype=np.int64)
    if len(offsets) != n + 1:
        raise IndexCorrupted(f"{meta} in Milvus at {loc} does not fit its chunks; run `rag index` again")
    return {
        "offsets": offsets,
        "manifest": manifest,
        "documents": documents,
        "articles": articles,
        "chunks": chunks,
        "vocab": vocab,
    }


def _jsonl(text: str) -> Iterator[dict[str, Any]]:
    for line in text.splitlines():
        if line:
            yield json.loads(line)


if TYPE_CHECKING:  # both stores answer what retrieval asks (rag.store.base.Store); mypy checks it here

    def _both_are_stores(milvus: MilvusIndex, folder: Index) -> tuple[Store, Store]:
        return milvus, folder
