"""Retrieval question answering over Chinese news, with citations to exact characters of the source.

>>> import rag
>>> for p in rag.retrieve("浙江的容错纠错机制是如何运作的？", k=3):
...     print(p.rank, p.citation.line(), p.answer.text if p.answer else "")

Nothing heavy is imported or loaded until it is used: the model loads on the first question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rag.config import Config
from rag.errors import IndexCorrupted, IndexNotFound, InputError, ModelMismatch, RagError
from rag.passage import Answer, Citation, Passage

if TYPE_CHECKING:
    from rag.indexer import IndexStats, index_paths, remove_sources
    from rag.search import open_index, retrieve
    from rag.store.index import Index

__all__ = [
    "Answer",
    "Citation",
    "Config",
    "Index",
    "IndexCorrupted",
    "IndexNotFound",
    "IndexStats",
    "InputError",
    "ModelMismatch",
    "Passage",
    "RagError",
    "index_paths",
    "open_index",
    "remove_sources",
    "retrieve",
]

__version__ = "0.1.0"

_LAZY = {
    "retrieve": "rag.search",
    "open_index": "rag.search",
    "index_paths": "rag.indexer",
    "remove_sources": "rag.indexer",
    "IndexStats": "rag.indexer",
    "Index": "rag.store.index",
}


def __getattr__(name: str) -> Any:
    # faiss, bm25s and the article splitter load on first use, so `import rag` stays cheap.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
