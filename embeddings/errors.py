"""The one error type of the embeddings package, and the default model's name."""

from __future__ import annotations

__all__ = ["DEFAULT_MODEL", "ModelError"]

DEFAULT_MODEL = "intfloat/multilingual-e5-small"


class ModelError(RuntimeError):
    """The embedding model cannot be loaded or built.

    The message is one line: what failed and how to fix it. The original exception, if any, is chained.
    """
