"""The embedding model, in one place: which model embeds for an index, and the checks that keep an index
and a model from being mixed. The store never loads a model; the indexer and the search ask here.

Loaded models are cached by :func:`embeddings.load_embedder`, so asking again is cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rag.config import Config
from rag.errors import ModelMismatch, ModelUnavailable

if TYPE_CHECKING:
    from embeddings import Embedder
    from rag.store.index import ModelInfo

__all__ = ["check_model", "configured_model", "model_for_index"]


def configured_model(config: Config, on_status: Callable[[str], None] | None = None) -> Embedder:
    """The model named by the configuration (``None``: the default model)."""
    return _load(config.model, config, on_status)


def model_for_index(
    info: ModelInfo, config: Config, on_status: Callable[[str], None] | None = None
) -> Embedder:
    """The model an index was built with. A configured model that differs is a :class:`ModelMismatch`."""
    from embeddings import DEFAULT_MODEL

    if config.model is None or config.model == info.model_id:
        embedder = _load(None if info.model_id == DEFAULT_MODEL else info.model_id, config, on_status)
        check_model(info, embedder, "the index")
        return embedder
    embedder = configured_model(config, on_status)
    if embedder.model_id != info.model_id or embedder.dimension != info.dimension:
        raise ModelMismatch(
            f"the index was built with {info.model_id} ({info.dimension}-d) but RAG_MODEL/--model asks for "
            f"{embedder.model_id} ({embedder.dimension}-d); drop the setting or rebuild the index"
        )
    return embedder


def check_model(info: ModelInfo, embedder: Embedder, where: Path | str) -> None:
    """Refuse to search or extend an index with a model other than the one that built it."""
    if embedder.model_id != info.model_id or embedder.dimension != info.dimension:
        raise ModelMismatch(
            f"{where} was built with {info.model_id} ({info.dimension}-d) but the model in use is "
            f"{embedder.model_id} ({embedder.dimension}-d); use the same model (RAG_MODEL / --model) or "
            "rebuild the index"
        )


def _load(model: str | None, config: Config, on_status: Callable[[str], None] | None) -> Embedder:
    """The model, or :class:`ModelUnavailable` carrying the loader's one-line reason."""
    from embeddings import ModelError, load_embedder

    try:
        return load_embedder(
            model,
            cache_dir=config.model_cache,
            device=config.device,
            backend=config.backend,
            on_status=on_status,
        )
    except ModelError as e:
        raise ModelUnavailable(str(e)) from None
