"""The project's default embedding model: its id and the prompts it was trained with.

One place for both, because three paths hand out the same model (the Hugging Face cache, the offline build,
a folder or id that names an e5 model) and an index built by any of them must match the others.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MODEL", "E5_PROMPTS"]

#: The model ``load_embedder(None)`` gives, and the ``model_id`` recorded for it whatever its source.
DEFAULT_MODEL = "intfloat/multilingual-e5-small"

#: What e5 models put before a question and before a passage (the model card's convention).
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}
