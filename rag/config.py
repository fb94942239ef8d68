"""The one settings object.

Every knob of the system lives here: where data goes, which model embeds, how text is chunked and how the
dense and keyword rankings are fused. Values come from the defaults below, then from ``RAG_*`` environment
variables, then from explicit keyword arguments (``Config.from_env(k=...)``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

__all__ = ["DEFAULT_MODEL", "Config"]

DEFAULT_MODEL = "intfloat/multilingual-e5-small"


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("newsrag", appauthor=False))


@dataclass(frozen=True)
class Config:
    """Settings for indexing and retrieval.

    ``home`` holds the default index and the model cache (env ``RAG_HOME``). ``model`` is a sentence-
    transformers model id or local path (env ``RAG_MODEL``); ``None`` means the default model, resolved from
    the hub cache or built offline. ``models`` is where the offline-built model is kept (env ``RAG_MODELS``,
    default ``home/models``).
    """

    home: Path = field(default_factory=_default_home)
    model: str | None = None
    models: Path | None = None
    device: str | None = None
    # What runs the model: auto | torch | openvino | openvino-bf16 (embeddings.backends; env RAG_BACKEND).
    backend: str | None = None
    batch_size: int = 32
    # Chunking (characters). Chosen by measurement, see README "How the defaults were chosen".
    chunk_size: int = 300
    chunk_overlap: int = 50
    min_chunk_chars: int = 40
    # FAISS index type: auto (flat up to 20,000 chunks, HNSW above) | flat | hnsw (env RAG_VECTOR_INDEX).
    vector_index: str | None = None
    # Retrieval. Defaults chosen by measurement on the demo-page set with 48,901 distractor chunks and on
    # CMRC 2018 dev (README, "How the defaults were chosen").
    k: int = 5
    mode: str = "hybrid"
    candidates: int = 200
    fusion: str = "linear"
    rrf_k: int = 60
    dense_weight: float = 1.0
    keyword_weight: float = 1.5
    rerank: int = 10
    rerank_weight: float = 6.0
    # A passage holds up to this many chunks of one article: its best chunk, the chunks overlapping it, and
    # the article's other chunks ranked in the top 20 (the answer is often a paragraph away from the chunk
    # that matched best). 1 joins only overlapping neighbours.
    passage_chunks: int = 3
    # Weight of the pinyin keyword index (names in English questions); 0 turns it off.
    pinyin_weight: float = 1.5
    # Weight of the dictionary translations of an English question's words, searched in the keyword index
    # (rag.glossary); 0 turns it off.
    translation_weight: float = 1.0
    # Weight of the other form of each abbreviation in a Chinese question (责任编辑 <-> 责编, from CC-CEDICT's
    # "abbr. for" entries), searched in the keyword index; 0 turns it off.
    abbreviation_weight: float = 1.0
    # Bonus for a chunk that holds what the question quotes (“专家有约”) and the people it names, word for
    # word (rag.tokens.exact_phrases); 0 turns it off.
    phrase_weight: float = 0.5

    @property
    def index_dir(self) -> Path:
        """The default index, built from the demo corpus on first use."""
        return self.home / "index"

    @property
    def model_cache(self) -> Path:
        """Where an offline-built model is kept."""
        return self.models if self.models is not None else self.home / "models"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Config:
        """Defaults, then ``RAG_<FIELD>`` environment variables, then ``overrides``.

        Unknown override names raise ``TypeError`` rather than being ignored.
        """
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"RAG_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _parse(f.name, f.type, raw)
        cfg = cls(**values)
        return cfg.with_(**overrides) if overrides else cfg

    def with_(self, **overrides: Any) -> Config:
        names = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            raise TypeError(
                f"unknown Config setting(s): {', '.join(unknown)}; known: {', '.join(sorted(names))}"
            )
        for key in ("home", "models"):
            if overrides.get(key) is not None:
                overrides[key] = Path(overrides[key]).expanduser()
        return replace(self, **overrides)


def _parse(name: str, type_: Any, raw: str) -> Any:
    t = str(type_)
    try:
        if name in ("home", "models"):
            return Path(raw).expanduser()
        if t.startswith("int"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
    except ValueError:
        raise ValueError(f"environment variable RAG_{name.upper()}={raw!r} is not a valid {t}") from None
    return raw
