"""Opening indexes: a folder by path, or the default index, which is built from the demo page on first use.

Opened indexes are kept in a small bounded cache keyed by folder and live snapshot, so repeated calls are
cheap and a newer snapshot written by ``rag index`` is picked up on the next call. Opening never writes:
only :func:`default_index` builds, and it says so in its name.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from rag.config import Config
from rag.store import milvus_write, snapshot
from rag.store.index import Index
from rag.store.milvus import Location, MilvusIndex, live_collection, location
from rag.store.snapshot import current_snapshot, is_index

__all__ = ["clear_cache", "default_index", "demo_corpus", "open_index", "opened", "rollback"]

#: Opened indexes kept (each holds its vectors and keyword index in memory).
OPEN_MAX = 4
_open: OrderedDict[tuple[str, str], Any] = OrderedDict()  # Index or MilvusIndex
_open_lock = threading.Lock()


def demo_corpus() -> Path:
    """The newspaper page shipped inside the package."""
    return Path(str(resources.files("rag") / "data" / "news-page-2024-03-29.txt"))


def default_index(config: Config | None = None, *, on_status: Callable[[str], None] | None = None) -> Path:
    """The index used when none is named: ``config.index`` (``RAG_INDEX``) when set, else the default folder
    (``config.index_dir``), built from the demo page when it holds no index."""
    config = config or Config.from_env()
    if config.index:
        return Path(config.index).expanduser()
    folder = config.index_dir
    if not is_index(folder):
        from rag.indexer import index_paths

        if on_status is not None:
            on_status(f"building the demo index at {folder} (first use only)")
        index_paths([demo_corpus()], folder, config=config, on_status=on_status)
    return folder


def open_index(path: str | Path) -> Index:
    """The live snapshot of the index folder ``path``, opened for searching (:class:`IndexNotFound` if the
    folder holds no index); for a Milvus location (``milvus://host:19530/name``, ``news.db``), its live
    collection (a :class:`~rag.store.milvus.MilvusIndex`, which answers the same questions)."""
    if (loc := location(path)) is not None:
        return _open_milvus(loc)
    folder = Path(path).expanduser()
    snap = current_snapshot(folder)
    key = (str(folder.resolve()), snap.name)
    with _open_lock:
        if key in _open:
            _open.move_to_end(key)
            return _open[key]
    index = Index.open(folder)
    # Key by the snapshot actually opened: CURRENT may have switched since it was read above.
    key = (key[0], index.snapshot.name)
    with _open_lock:
        _open[key] = index
        while len(_open) > OPEN_MAX:
            _open.popitem(last=False)
    return index


def opened(index: Any, config: Config | None = None) -> Any:
    """``index`` when it is an opened index (a folder's or Milvus's), else the one at that location, else
    the default index."""
    if index is None:
        return open_index(default_index(config))
    return open_index(index) if isinstance(index, (str, Path)) else index


def _open_milvus(loc: Location) -> Any:
    """The live collection of a Milvus index, kept like a folder's live snapshot (one alias look-up a call)."""
    key = (str(loc), live_collection(loc))
    with _open_lock:
        if key in _open:
            _open.move_to_end(key)
            return _open[key]
    index = MilvusIndex.open(loc)
    with _open_lock:
        _open[(key[0], index.collection)] = index
        while len(_open) > OPEN_MAX:
            _open.popitem(last=False)
    return index


def rollback(index: str | Path) -> Path:
    """Return the index at ``index`` to its previous snapshot: a folder's ``CURRENT``, or a Milvus index's
    alias (and its local mirror). Returns the snapshot now live."""
    if (loc := location(index)) is not None:
        return milvus_write.rollback(loc, Config.from_env())
    return snapshot.rollback(Path(index).expanduser())


def clear_cache() -> None:
    """Forget every opened index (their memory is freed once no caller holds them)."""
    with _open_lock:
        _open.clear()
