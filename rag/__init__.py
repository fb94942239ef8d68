"""Retrieval question answering over Chinese news, with citations to exact characters of the source.

>>> import rag
>>> for p in rag.retrieve("浙江的容错纠错机制是如何运作的？", k=3):
...     print(p.rank, p.citation.line(), p.answer.text if p.answer else "")

These names are the whole public surface: the command line and the chat (``ui/``) use nothing else.
Nothing heavy is imported or loaded until it is used: the model loads on the first question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rag.config import MODES, Config
from rag.errors import IndexCorrupted, IndexNotFound, InputError, ModelMismatch, ModelUnavailable, RagError
from rag.passage import Answer, Citation, Passage

if TYPE_CHECKING:
    from rag.catalog import ArticleContext, SourceRow, Summary, article_context, sources, summary
    from rag.dates import DateFilter, parse_dates
    from rag.evaluation import Metrics, evaluate, format_table, load_qa, write_misses
    from rag.followup import rewrite
    from rag.indexer import IndexStats, index_paths, remove_sources
    from rag.llm import CitedSentence, GenerationError, check_citations, generate
    from rag.opening import default_index, demo_corpus, open_index, rollback
    from rag.pageimage import page_image
    from rag.reply import Reply, ask
    from rag.search import retrieve
    from rag.store.index import Index

__all__ = [
    "MODES",
    "Answer",
    "ArticleContext",
    "Citation",
    "CitedSentence",
    "Config",
    "DateFilter",
    "GenerationError",
    "Index",
    "IndexCorrupted",
    "IndexNotFound",
    "IndexStats",
    "InputError",
    "Metrics",
    "ModelMismatch",
    "ModelUnavailable",
    "Passage",
    "RagError",
    "Reply",
    "SourceRow",
    "Summary",
    "article_context",
    "ask",
    "check_citations",
    "default_index",
    "demo_corpus",
    "evaluate",
    "format_table",
    "generate",
    "index_paths",
    "load_qa",
    "open_index",
    "page_image",
    "parse_dates",
    "remove_sources",
    "retrieve",
    "rewrite",
    "rollback",
    "sources",
    "summary",
    "write_misses",
]

__version__ = "0.2.0"

_LAZY = {
    "retrieve": "rag.search",
    "ask": "rag.reply",
    "Reply": "rag.reply",
    "parse_dates": "rag.dates",
    "DateFilter": "rag.dates",
    "rewrite": "rag.followup",
    "generate": "rag.llm",
    "check_citations": "rag.llm",
    "CitedSentence": "rag.llm",
    "GenerationError": "rag.llm",
    "open_index": "rag.opening",
    "default_index": "rag.opening",
    "demo_corpus": "rag.opening",
    "page_image": "rag.pageimage",
    "index_paths": "rag.indexer",
    "remove_sources": "rag.indexer",
    "IndexStats": "rag.indexer",
    "rollback": "rag.opening",
    "Index": "rag.store.index",
    "sources": "rag.catalog",
    "summary": "rag.catalog",
    "article_context": "rag.catalog",
    "ArticleContext": "rag.catalog",
    "SourceRow": "rag.catalog",
    "Summary": "rag.catalog",
    "evaluate": "rag.evaluation",
    "load_qa": "rag.evaluation",
    "format_table": "rag.evaluation",
    "write_misses": "rag.evaluation",
    "Metrics": "rag.evaluation",
}


def __getattr__(name: str) -> Any:
    # faiss, bm25s and the article splitter load on first use, so `import rag` stays cheap.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
