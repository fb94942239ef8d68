"""The one error type of the embeddings package."""

from __future__ import annotations

__all__ = ["ModelError"]


class ModelError(RuntimeError):
    """The embedding model cannot be loaded or built.

    The message is one line: what failed and how to fix it. The original exception, if any, is chained.
    """
