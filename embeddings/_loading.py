"""Loading a sentence-transformers model without transformers' own progress bars."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["embedding_dimension", "load_quietly"]


@contextmanager
def _no_transformers_progress() -> Iterator[None]:
    """transformers 5 draws a "Loading weights" bar on every load; that is noise for our users."""
    try:
        from transformers.utils import logging as hf_logging

        was_enabled = hf_logging.is_progress_bar_enabled()
    except (ImportError, AttributeError):  # pragma: no cover - other transformers versions
        yield
        return
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def embedding_dimension(st: SentenceTransformer) -> int | None:
    """The vector length (``get_embedding_dimension`` in sentence-transformers 6, the older name in 5)."""
    getter = getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension
    dim = getter()
    return None if dim is None else int(dim)


def load_quietly(name: str, device: str | None, *, local_files_only: bool) -> SentenceTransformer:
    """``SentenceTransformer(name, ...)`` with transformers' progress bars off for the duration."""
    from sentence_transformers import SentenceTransformer

    with _no_transformers_progress():
        return SentenceTransformer(name, device=device, local_files_only=local_files_only)
