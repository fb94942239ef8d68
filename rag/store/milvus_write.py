"""Writing an index into Milvus: each update is a new set of collections, made live by moving an alias.

``rag index`` into Milvus builds (or updates) a local mirror folder first, with the folder store's own code:
the embedding cache, reuse of unchanged chunks' vectors, removal by source and snapshots. The mirror's live
snapshot is then published (:func:`publish`): its chunks, sentence vectors and records go into new
collections named after the snapshot, and only when all of them are written and flushed does the index's
alias move to them, so a killed ``rag index`` leaves the alias on the previous, complete collections and
the next run drops what it left. One writer at a time: a writer holds the alias ``NAME__writer``
(creating an alias that exists fails on the server, so two writers cannot both hold it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse

from rag.config import Config
from rag.errors import IndexNotFound, InputError, StoreUnavailable
from rag.store import records
from rag.store.index import KEYWORD_FIELDS, Index
from rag.store.keyword import KeywordIndex
from rag.store.milvus import FORMAT, TIMEOUT, Location, client, live_collection, milvus_errors
from rag.store.snapshot import is_index
from rag.store.vectors import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M

__all__ = ["mirror", "publish", "rollback", "writer"]

#: Seconds one write call may take.
WRITE_TIMEOUT = 300.0
#: Rows inserted per call.
BATCH = 1000
#: Characters of JSON per metadata row (a VARCHAR holds at most 65535 bytes; Chinese is 3 a character).
PIECE = 16000
#: A sparse vector needs one non-zero weight: a chunk with no term gets this dimension, which no question has.
EMPTY_DIM = 4294967294
#: HNSW settings where the folder store built HNSW: its own (rag.store.vectors), so both search alike.
HNSW = {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION}


def mirror(loc: Location, config: Config) -> Path:
    """The local folder an index in Milvus is built in (embedding cache, records, snapshots)."""
    if loc.lite:
        return Path(loc.uri + ".mirror") / loc.name
    host = re.sub(r"\W", "_", loc.uri.removeprefix("http://"))
    return config.home / "milvus" / host / loc.name


def _slug(text: str) -> str:
    return re.sub(r"\W", "_", text)


def _tiny_schema() -> Any:
    from pymilvus import DataType, MilvusClient

    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("kind", DataType.VARCHAR, max_length=64)
    s.add_field("data", DataType.VARCHAR, max_length=65535)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=2)
    return s


def _create(c: Any, name: str, schema: Any, indexes: list[tuple[str, str, dict[str, Any]]]) -> None:
    params = c.prepare_index_params()
    for field, kind, extra in indexes:
        params.add_index(field, index_type=kind, metric_type="IP", params=extra)
    if c.has_collection(name, timeout=TIMEOUT):
        c.drop_collection(name, timeout=WRITE_TIMEOUT)
    c.create_collection(name, schema=schema, index_params=params, timeout=WRITE_TIMEOUT)


@contextlib.contextmanager
def writer(loc: Location) -> Iterator[None]:
    """Hold the index's writer alias while writing; a second writer is refused with one line. A holder that
    died on this machine (its process is gone) is cleared."""
    c = client(loc)
    lock_alias = f"{loc.name}__writer"
    mine = f"{loc.name}__lock_{_slug(socket.gethostname())}_{os.getpid()}"
    with milvus_errors(loc, "taking the writer lock"):
        _create(c, mine, _tiny_schema(), [("v", "FLAT", {})])
        if not _try_alias(c, mine, lock_alias):
            holder = str(c.describe_alias(lock_alias, timeout=TIMEOUT)["collection_name"])
            if not _stale(holder, loc.name) or not _clear(c, holder, lock_alias, mine):
                c.drop_collection(mine, timeout=TIMEOUT)
                raise StoreUnavailable(
                    f"another `rag index` is writing {loc} ({_who(holder, loc.name)}); wait for it to finish"
                )
    try:
        yield
    finally:
        with milvus_errors(loc, "releasing the writer lock"):
            c.drop_alias(lock_alias, timeout=TIMEOUT)
            c.drop_collection(mine, timeout=TIMEOUT)


def _try_alias(c: Any, collection: str, alias: str) -> bool:
    try:
        c.create_alias(collection, alias, timeout=TIMEOUT)
    except Exception as e:
        if "exist" in str(e).lower():
            return False
        raise
    return True


def _who(holder: str, name: str) -> str:
    host, _, pid = holder.removeprefix(f"{name}__lock_").rpartition("_")
    return f"pid {pid} on {host}"


def _stale(holder: str, name: str) -> bool:
    host, _, pid = holder.removeprefix(f"{name}__lock_").rpartition("_")
    if host != _slug(socket.gethostname()) or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _clear(c: Any, holder: str, lock_alias: str, mine: str) -> bool:
    """Take the lock from a dead holder (the alias moves, so two clearers cannot both win)."""
    c.alter_alias(mine, lock_alias, timeout=TIMEOUT)
    if str(c.describe_alias(lock_alias, timeout=TIMEOUT)["collection_name"]) != mine:
        return False
    if c.has_collection(holder, timeout=TIMEOUT):
        c.drop_collection(holder, timeout=TIMEOUT)
    return True


def collection_name(loc: Location, snapshot: str) -> str:
    return f"{loc.name}__s{_slug(snapshot)}_v{FORMAT}"  # a new layout writes new collections


def publish(loc: Location, index: Index, on_status: Callable[[str], None] | None = None) -> str:
    """Make the mirror's live snapshot ``index`` the live collection of ``loc`` (the caller holds
    :func:`writer`). Collections of that snapshot that are complete are reused (a rollback, a re-run)."""
    c = client(loc)
    target = collection_name(loc, index.snapshot.name)
    with milvus_errors(loc, "publishing the index"):
        live = _live_or_none(loc)
        if live != target and not _complete(c, target):
            _prune(c, loc, keep={live})
            if on_status is not None:
                on_status(f"writing {len(index.chunks)} chunks to Milvus at {loc}")
            _write(c, target, index, live)
        if live != target:
            if live is None:
                c.create_alias(target, loc.name, timeout=TIMEOUT)
            else:
                c.alter_alias(target, loc.name, timeout=TIMEOUT)
        for name in (target, target + "__sent", target + "__meta"):
            c.load_collection(name, timeout=WRITE_TIMEOUT)
        _prune(c, loc, keep={target, live})
    return target


def _live_or_none(loc: Location) -> str | None:
    try:
        return live_collection(loc)
    except IndexNotFound:
        return None


def _complete(c: Any, target: str) -> bool:
    """Whether ``target`` was written to the end (its manifest row is written last)."""
    if not c.has_collection(target + "__meta", timeout=TIMEOUT):
        return False
    c.load_collection(target + "__meta", timeout=WRITE_TIMEOUT)
    head = c.query(target + "__meta", filter="id == 0", output_fields=["data"], timeout=TIMEOUT)
    return bool(head) and json.loads(head[0]["data"]).get("milvus", {}).get("format") == FORMAT


def _prune(c: Any, loc: Location, keep: set[str | None]) -> None:
    """Drop this index's collections other than ``keep`` (and their siblings): older ones, and what a
    killed writer left."""
    prefix = f"{loc.name}__s"
    for name in c.list_collections(timeout=TIMEOUT):
        base = name.removesuffix("__sent").removesuffix("__meta")
        if name.startswith(prefix) and base not in keep:
            c.drop_collection(name, timeout=WRITE_TIMEOUT)


def _write(c: Any, target: str, index: Index, previous: str | None) -> None:
    kind = index.vectors.kind  # flat (exact) or HNSW, as the folder store chose for this size
    _write_chunks(c, target, index, kind)
    _write_sentences(c, target + "__sent", index)
    manifest = dict(index.manifest)
    meta_rows = _meta_rows(index)
    manifest["milvus"] = {
        "format": FORMAT,
        "snapshot": index.snapshot.name,
        "index": kind,
        "ef": HNSW_EF_SEARCH if kind == "hnsw" else 0,
        "meta_rows": len(meta_rows) + 1,
        "previous": previous,
    }
    _create(c, target + "__meta", _tiny_schema(), [("v", "FLAT", {})])
    rows = [{"id": i, "kind": k, "data": d, "v": [0.0, 0.0]} for i, (k, d) in enumerate(meta_rows, 1)]
    for lo in range(0, len(rows), BATCH):
        c.insert(target + "__meta", rows[lo : lo + BATCH], timeout=WRITE_TIMEOUT)
    c.flush(target, timeout=WRITE_TIMEOUT)
    c.flush(target + "__sent", timeout=WRITE_TIMEOUT)
    head = {"id": 0, "kind": "manifest", "data": json.dumps(manifest, ensure_ascii=False), "v": [0.0, 0.0]}
    c.insert(target + "__meta", [head], timeout=WRITE_TIMEOUT)
    c.flush(target + "__meta", timeout=WRITE_TIMEOUT)


def _meta_rows(index: Index) -> list[tuple[str, str]]:
    """Documents, articles and vocabularies as (kind, piece of JSON) rows."""
    blobs = {
        "documents": "".join(
            records._line(records.document_record(d)) + "\n" for d in index.documents.values()
        ),
        "articles": "".join(records._line(records.article_record(a)) + "\n" for a in index.articles.values()),
    }
    blobs["offsets"] = json.dumps(index.sentences.offsets.tolist())
    for name in _fields(index):
        bm25 = index.fields[name].bm25
        blobs[f"vocab:{name}"] = json.dumps(bm25.vocab_dict if bm25 is not None else {}, ensure_ascii=False)
    return [
        (kind, blob[i : i + PIECE])
        for kind, blob in blobs.items()
        for i in range(0, max(len(blob), 1), PIECE)
    ]


def _fields(index: Index) -> list[str]:
    """The keyword fields the snapshot has (one written before a field was added lacks it)."""
    return [f for f in KEYWORD_FIELDS if f in index.fields]


def _chunk_schema(dim: int, fields: list[str]) -> Any:
    from pymilvus import DataType, MilvusClient

    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
    for name in fields:
        s.add_field(f"kw_{name}", DataType.SPARSE_FLOAT_VECTOR)
    s.add_field("doc_id", DataType.VARCHAR, max_length=512)
    s.add_field("article_id", DataType.VARCHAR, max_length=512)
    s.add_field("date", DataType.INT64)
    s.add_field("source", DataType.VARCHAR, max_length=4096)
    s.add_field("name", DataType.VARCHAR, max_length=4096)
    s.add_field("record", DataType.VARCHAR, max_length=65535)
    return s


def sparse_rows(kw: KeywordIndex) -> list[dict[int, float]]:
    """Each chunk's BM25 term scores as bm25s computed them (term id -> score), so that the inner product with
    a question's term counts is bm25s' score for it."""
    n = len(kw)
    if kw.bm25 is None:
        return [{EMPTY_DIM: 1e-30} for _ in range(n)]
    s = kw.bm25.scores
    m = scipy.sparse.csc_matrix(
        (s["data"], s["indices"], s["indptr"]), shape=(n, len(s["indptr"]) - 1)
    ).tocsr()
    out = []
    for i in range(n):
        a, b = m.indptr[i], m.indptr[i + 1]
        row = {int(t): float(w) for t, w in zip(m.indices[a:b], m.data[a:b], strict=True) if w > 0}
        out.append(row or {EMPTY_DIM: 1e-30})
    return out


def _write_chunks(c: Any, target: str, index: Index, kind: str) -> None:
    dense: list[tuple[str, str, dict[str, Any]]] = [
        ("dense", "HNSW", HNSW) if kind == "hnsw" else ("dense", "FLAT", {})
    ]
    sparse: list[tuple[str, str, dict[str, Any]]] = [
        (f"kw_{f}", "SPARSE_INVERTED_INDEX", {}) for f in _fields(index)
    ]
    _create(c, target, _chunk_schema(index.model.dimension, _fields(index)), dense + sparse)
    vectors = index.vectors.vectors()
    weights = {f: sparse_rows(index.fields[f]) for f in _fields(index)}
    for lo in range(0, len(index.chunks), BATCH):
        rows = []
        for i in range(lo, min(lo + BATCH, len(index.chunks))):
            ch = index.chunks[i]
            doc = index.documents[ch.doc_id]
            date = index.articles[ch.article_id].date or doc.date
            row = {"id": i, "dense": vectors[i].tolist(), "doc_id": ch.doc_id, "article_id": ch.article_id}
            row.update({f"kw_{f}": w[i] for f, w in weights.items()})
            row.update(date=int(date.replace("-", "")) if date else 0, source=doc.source, name=doc.name)
            row["record"] = records._line(records.chunk_record(ch))
            rows.append(row)
        c.insert(target, rows, timeout=WRITE_TIMEOUT)


def _write_sentences(c: Any, name: str, index: Index) -> None:
    from pymilvus import DataType, MilvusClient

    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("chunk", DataType.INT64)
    s.add_field("start", DataType.INT32)
    s.add_field("end", DataType.INT32)
    s.add_field("vector", DataType.FLOAT_VECTOR, dim=index.model.dimension)
    _create(c, name, s, [("vector", "FLAT", {})])
    sv = index.sentences
    chunk_of = np.repeat(np.arange(len(sv)), np.diff(sv.offsets))
    vecs = sv.vectors.astype(np.float32)
    for lo in range(0, len(chunk_of), BATCH):
        rows = [
            {
                "id": j,
                "chunk": int(chunk_of[j]),
                "start": int(sv.spans[j][0]),
                "end": int(sv.spans[j][1]),
                "vector": vecs[j].tolist(),
            }
            for j in range(lo, min(lo + BATCH, len(chunk_of)))
        ]
        c.insert(name, rows, timeout=WRITE_TIMEOUT)


def rollback(loc: Location, config: Config) -> Path:
    """Point the alias at the previous snapshot's collections (the mirror rolls back too)."""
    from rag.store.snapshot import rollback as folder_rollback

    folder = mirror(loc, config)
    with writer(loc):
        snap = folder_rollback(folder)
        publish(loc, Index.open(folder))
    return snap


def index_into(loc: Location, build: Callable[[Path], Any], config: Config) -> Any:
    """Run ``build`` (an update of the mirror folder: index or remove) and publish the result, holding the
    writer lock; the statistics ``build`` returns name ``loc`` as the index."""
    folder = mirror(loc, config)
    folder.mkdir(parents=True, exist_ok=True)
    with writer(loc):
        if not is_index(folder) and _live_or_none(loc) is not None:
            raise InputError(
                f"the index at {loc} was written from another mirror folder (not {folder}); update it from the "
                "machine and RAG_HOME that built it, or write a new index name"
            )
        stats = build(folder)
        publish(loc, Index.open(folder))
    return stats._replace(index_dir=str(loc))
