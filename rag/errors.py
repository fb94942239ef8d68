"""Errors a user can cause and fix. Each message says what is wrong and what to do about it."""

from __future__ import annotations

__all__ = [
    "IndexCorrupted",
    "IndexNotFound",
    "InputError",
    "ModelMismatch",
    "ModelUnavailable",
    "RagError",
    "StoreUnavailable",
]


class RagError(ValueError):
    """Base class: a problem with the user's input or data, reported as one line, never a traceback."""


class InputError(RagError):
    """A bad question, path or file."""


class IndexNotFound(RagError):
    """The index folder does not exist or is not an index."""


class IndexCorrupted(RagError):
    """An index file is damaged or out of step with the others."""


class ModelMismatch(RagError):
    """The index was built with a different embedding model than the one configured."""


class ModelUnavailable(RagError):
    """The embedding model cannot be loaded or built (not in the cache, no hub, a damaged download)."""


class StoreUnavailable(RagError):
    """The index's server (Milvus) cannot be reached, went away, or is held by another writer."""
