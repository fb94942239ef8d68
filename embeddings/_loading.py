"""Loading a sentence-transformers model without transformers' loader noise on the user's terminal."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["embedding_dimension", "load_quietly", "quiet_transformers"]

#: transformers' notices that say nothing to our users, by the logger that prints them and how each
#: message begins. ``loss_type=None ... unrecognized``: any code that reads every attribute of a model
#: (torch.jit.trace does, when the OpenVINO export traces it) reads ``PreTrainedModel.loss_function``,
#: whose getter complains that an encoder has no training loss; we never train.
_NOTICES = {"transformers.modeling_utils": ("`loss_type=",)}


class _DropNotices(logging.Filter):
    def __init__(self, starts: tuple[str, ...]) -> None:
        super().__init__()
        self.starts = starts

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.starts)


@contextmanager
def _no_notices() -> Iterator[None]:
    filters = [(logging.getLogger(name), _DropNotices(starts)) for name, starts in _NOTICES.items()]
    for logger, flt in filters:
        logger.addFilter(flt)
    try:
        yield
    finally:
        for logger, flt in filters:
            logger.removeFilter(flt)


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


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """For the duration: no transformers progress bars, and none of the notices in ``_NOTICES``. Real
    warnings (a missing weight, a bad config) still show."""
    with _no_transformers_progress(), _no_notices():
        yield


def embedding_dimension(st: SentenceTransformer) -> int | None:
    """The vector length (``get_embedding_dimension`` in sentence-transformers 6, the older name in 5)."""
    getter = getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension
    dim = getter()
    return None if dim is None else int(dim)


def load_quietly(name: str, device: str | None, *, local_files_only: bool) -> SentenceTransformer:
    """``SentenceTransformer(name, ...)`` under :func:`quiet_transformers`."""
    from sentence_transformers import SentenceTransformer

    with quiet_transformers():
        return SentenceTransformer(name, device=device, local_files_only=local_files_only)
