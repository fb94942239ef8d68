"""Which embedding model to use for an index: the configured one, or the one the index was built with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.config import Config
from rag.errors import ModelMismatch

if TYPE_CHECKING:
    from embeddings import Embedder
    from rag.store.index import ModelInfo

__all__ = ["load_configured", "load_for_index"]


def load_configured(config: Config, on_status: object = None) -> Embedder:
    """The model named by the configuration (``None``: the default model)."""
    from embeddings import load_embedder

    return load_embedder(
        config.model,
        cache_dir=config.model_cache,
        device=config.device,
        backend=config.backend,
        on_status=on_status,  # type: ignore[arg-type]
    )


def load_for_index(info: ModelInfo, config: Config, on_status: object = None) -> Embedder:
    """The model an index was built with. A configured model that differs is a :class:`ModelMismatch`."""
    from embeddings import DEFAULT_MODEL, load_embedder

    if config.model is not None and config.model != info.model_id:
        embedder = load_configured(config, on_status)
        if embedder.model_id != info.model_id:
            raise ModelMismatch(
                f"the index was built with {info.model_id} ({info.dimension}-d) but RAG_MODEL/--model asks for "
                f"{embedder.model_id} ({embedder.dimension}-d); drop the setting or rebuild the index with it"
            )
    else:
        model = None if info.model_id == DEFAULT_MODEL else info.model_id
        embedder = load_embedder(
            model,
            cache_dir=config.model_cache,
            device=config.device,
            backend=config.backend,
            on_status=on_status,  # type: ignore[arg-type]
        )
    if embedder.dimension != info.dimension:
        raise ModelMismatch(
            f"the index expects {info.dimension}-d vectors but {embedder.model_id} gives {embedder.dimension}-d; "
            "rebuild the index"
        )
    return embedder
