"""The one settings object: what a user would change, and nothing else.

Values come from the defaults below, then from ``RAG_*`` environment variables (``RAG_K=8``), then from
explicit keyword arguments (``Config.from_env(k=8)``). Tuning constants of retrieval (fusion weights, how
many candidates, how long a passage) are not settings: they live beside the code that uses them, and
``docs/retrieval.md`` says which measurement chose each.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from rag.errors import InputError

__all__ = ["BACKENDS", "MODES", "VECTOR_INDEXES", "Config"]

#: What runs the model (see :mod:`embeddings.backends`): auto picks OpenVINO on a CPU when it is installed.
BACKENDS = ("auto", "torch", "openvino")
#: How vectors are searched: auto is exact up to a size, a graph (HNSW) above it (see rag.store.vectors).
VECTOR_INDEXES = ("auto", "flat", "hnsw")
#: Retrieval modes: hybrid is the product; dense, keyword and rrf are the baselines it is measured against.
MODES = ("hybrid", "dense", "keyword", "rrf")
_CHOICES = {"backend": BACKENDS, "vector_index": VECTOR_INDEXES, "mode": MODES}
_PATHS = ("home", "models")


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("newsrag", appauthor=False))


@dataclass(frozen=True)
class Config:
    """Settings for indexing, retrieval and the chat server.

    ``home`` holds the default index and the model cache (``RAG_HOME``). ``model`` is a sentence-transformers
    model id or local path (``RAG_MODEL``; ``None``: the default model, from the hub cache or built offline).
    ``models`` is where an offline-built model is kept (``RAG_MODELS``, default ``home/models``).
    """

    # Where things are. ``index``: the index commands use when not given one (a folder, a Milvus location
    # ``milvus://host:19530/name`` or a Milvus Lite ``.db`` file; None: the demo index in ``home``).
    home: Path = field(default_factory=_default_home)
    index: str | None = None
    models: Path | None = None
    # The model and what runs it.
    model: str | None = None
    backend: str = "auto"
    device: str | None = None
    batch_size: int = 32
    # Chunking, in characters (docs/retrieval.md says how they were chosen).
    chunk_size: int = 300
    chunk_overlap: int = 50
    min_chunk_chars: int = 40
    # The FAISS index type.
    vector_index: str = "auto"
    # Embedding on Ray workers (rag.embedworkers): how many, and the address of a cluster this machine is a
    # node of ("auto", "HOST:6379"; None: a local Ray started for the run). 1 and no address: no Ray.
    workers: int = 1
    ray_address: str | None = None
    # Retrieval.
    k: int = 5
    mode: str = "hybrid"
    # The chat server.
    host: str = "127.0.0.1"
    port: int = 7860
    max_upload_mb: int = 20
    # An optional language model that writes the chat's answer from the passages (rag.generate): an
    # OpenAI-compatible base URL (http://127.0.0.1:11434/v1 for Ollama; None: quoted answers only), the
    # model name, the key (RAG_LLM_KEY, never shown) and how long to wait for the server, in seconds.
    llm_url: str | None = None
    llm_model: str = "qwen2.5:7b-instruct"
    llm_key: str | None = field(default=None, repr=False)
    llm_timeout: float = 30.0

    def __post_init__(self) -> None:
        for name, choices in _CHOICES.items():
            value = getattr(self, name)
            if value not in choices:
                raise InputError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
        if self.llm_url is not None and not self.llm_url.lower().startswith(("http://", "https://")):
            raise InputError(f"llm_url must start with http:// or https://, not {self.llm_url!r}")
        if self.workers < 1:
            raise InputError(f"workers must be 1 or more, not {self.workers!r}")
        if not self.llm_timeout > 0:
            raise InputError(f"llm_timeout must be a positive number of seconds, not {self.llm_timeout!r}")

    @property
    def index_dir(self) -> Path:
        """The default index (the demo page's, until the user indexes into it)."""
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
        for key in _PATHS:
            if overrides.get(key) is not None:
                overrides[key] = Path(overrides[key]).expanduser()
        return replace(self, **overrides)


def _parse(name: str, type_: Any, raw: str) -> Any:
    t = str(type_)
    try:
        if name in _PATHS:
            return Path(raw).expanduser()
        if t.startswith("int"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
    except ValueError:
        raise InputError(f"environment variable RAG_{name.upper()}={raw!r} is not a valid {t}") from None
    return raw.strip().lower() if name in _CHOICES else raw
