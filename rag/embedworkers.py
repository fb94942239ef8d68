"""Embedding spread over workers: ``rag index --workers N`` (and ``--ray-address``) with Ray Data.

The chunks to embed go to ``ray.data.from_items`` and through ``map_batches`` over :class:`Encoder`, an
actor class that loads the index's model once per worker with the same loader the single process uses
(:func:`rag.model.configured_model`) and embeds with :meth:`embeddings.Embedder.encode_passages_with_spans`;
the texts and sentence windows are made on the driver by :mod:`rag.embedtext`, so what a worker embeds is
what ``rag index`` embeds in one process. Results stream back to the driver, which writes each batch to the
index's embedding cache as it arrives: a killed run resumes without embedding anything twice.

The pool is ``compute=ray.data.ActorPoolStrategy(size=N)`` (what ``concurrency=N`` meant before Ray
deprecated it). Without an address a local Ray is started for the run (N logical CPUs, a small object
store, no dashboard) and stopped afterwards; ``auto`` or ``HOST:6379`` joins a cluster this machine is a
node of, whose nodes need newsrag (``pip install 'newsrag[workers]'``) and the model where
:class:`rag.Config` says it is. Ray Client addresses (``ray://``) are refused: Ray Data's executor needs a
driver on a node of the cluster (``ray job submit -- rag index ...`` puts it there). A cluster that has
GPUs gets one GPU per actor (``num_gpus=1``) and the torch backend on ``cuda``: Ray then gives each actor
its own device (``CUDA_VISIBLE_DEVICES``), so N actors are N whole GPUs, each with its own copy of the
model and its own batches, instead of several actors contending for one device's memory and kernels.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.config import Config
from rag.embedtext import embedded_spans
from rag.errors import InputError, ModelMismatch, ModelUnavailable, RagError

if TYPE_CHECKING:
    from embeddings import Embedder
    from rag.chunking import Chunk
    from rag.store.cache import EmbeddingCache

__all__ = ["INSTALL_HINT", "Encoder", "check_workers", "embed_on_workers", "uses_workers"]

_log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'newsrag[workers]' (or pip install 'ray[data]')"
#: The object store of a local Ray started for a run: batches of vectors pass through it, a few MB each.
LOCAL_OBJECT_STORE = 256 << 20
#: Texts per call of an actor, in units of the model's batch size: a larger call amortises Ray's per-call
#: cost, a smaller one makes the cache checkpoints (and the progress bar) finer.
CALL_BATCHES = 4


def uses_workers(config: Config) -> bool:
    """Whether the embedding of an indexing run goes to Ray workers (more than one, or a cluster)."""
    return config.workers > 1 or bool(config.ray_address)


def check_workers(config: Config) -> None:
    """Raise the one-line :class:`InputError` saying how to install Ray when the settings ask for workers
    and Ray is missing (called before anything is read or loaded)."""
    if not uses_workers(config):
        return
    if (config.ray_address or "").startswith("ray://"):
        raise InputError(
            "Ray Data does not run over Ray Client (ray://); run `rag index` on a node of the cluster with "
            "--ray-address auto (or HOST:6379), e.g. through `ray job submit`"
        )
    _import_ray()


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise InputError(
            f"--workers/--ray-address need Ray, which is not installed: {INSTALL_HINT}"
        ) from None
    return ray


@contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Ray's own log lines (execution plans, "progress bars disabled", the traceback of a failed worker) kept
    off the user's terminal for the duration: what goes wrong reaches the caller as an exception."""
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


@contextmanager
def _no_ray_bars(ray: Any) -> Iterator[None]:
    """No Ray Data progress bars for the duration (the driver's own bar counts what reached the cache)."""
    ctx = ray.data.DataContext.get_current()
    was, ctx.enable_progress_bars = ctx.enable_progress_bars, False
    try:
        yield
    finally:
        ctx.enable_progress_bars = was


@contextmanager
def _ray_session(config: Config) -> Iterator[Any]:
    """Ray, connected for the run: the configured cluster, a Ray this process already joined, or a new
    local one (``address="local"``: never some other user's) started here and stopped afterwards."""
    ray = _import_ray()
    if ray.is_initialized():
        yield ray
        return
    with _quiet("ray"):
        if config.ray_address:
            ray.init(address=config.ray_address, log_to_driver=False, logging_level=logging.ERROR)
        else:
            ray.init(
                address="local",
                num_cpus=config.workers,
                object_store_memory=LOCAL_OBJECT_STORE,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.ERROR,
            )
    try:
        yield ray
    finally:
        ray.shutdown()


class Encoder:
    """A Ray Data actor: the index's model, loaded once per worker, embedding batches of chunk texts."""

    def __init__(self, config: Config, model_id: str, dimension: int, device: str | None) -> None:
        from embeddings import DEFAULT_MODEL
        from rag.model import configured_model

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        model = None if model_id == DEFAULT_MODEL else model_id
        backend = "torch" if device == "cuda" else config.backend
        self.embedder = configured_model(config.with_(model=model, device=device, backend=backend))
        if self.embedder.model_id != model_id or self.embedder.dimension != dimension:
            raise ModelMismatch(
                f"a worker loaded {self.embedder.model_id} ({self.embedder.dimension}-d) for an index of "
                f"{model_id} ({dimension}-d); give the workers the same model settings"
            )
        self.batch_size = config.batch_size

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [str(t) for t in batch["text"]]
        spans = [[(int(a), int(b)) for a, b in json.loads(str(s))] for s in batch["spans"]]
        vecs, sent = self.embedder.encode_passages_with_spans(texts, spans, batch_size=self.batch_size)
        blobs = [
            np.vstack([v[None, :], sv]).astype(np.float32).tobytes() for v, sv in zip(vecs, sent, strict=True)
        ]
        return {"key": batch["key"], "vectors": np.array(blobs, dtype=object)}


def _worker_error(ray: Any, e: Exception) -> Exception:
    """What a failed worker means to the caller: the worker's own :class:`RagError` as it was raised; a
    worker that could not start (its model, its packages) as :class:`ModelUnavailable`; a worker that died
    (killed, out of memory, its node gone) as an :class:`OSError`; anything else (a bug) as Ray gave it."""
    cause = getattr(e, "cause", None)
    if isinstance(cause, RagError):
        return cause
    lines = [line.strip() for line in str(e).splitlines() if line.strip()]
    if isinstance(e, ray.exceptions.RayActorError) and e.actor_init_failed:
        return ModelUnavailable(
            f"a Ray worker could not load the model ({lines[-1] if lines else type(e).__name__}); every node "
            "needs newsrag with the workers extra and the model where RAG_MODELS says"
        )
    if isinstance(e, ray.exceptions.RayActorError):
        return OSError(f"a Ray worker died ({lines[0] if lines else type(e).__name__})")
    return e


def _placement(ray: Any, config: Config) -> tuple[int, dict[str, Any], str | None]:
    """How many actors, the resources of each and its device: one whole GPU per actor when the cluster has
    GPUs (at most as many actors as GPUs), else one CPU each on the configured device."""
    gpus = int(ray.cluster_resources().get("GPU", 0))
    if gpus > 0:
        return min(config.workers, gpus), {"num_gpus": 1}, "cuda"
    return config.workers, {"num_cpus": 1}, config.device


def _dataset(ray: Any, rows: list[dict[str, str]], config: Config, embedder: Embedder) -> tuple[Any, int]:
    """The Ray Data pipeline over ``rows`` (one block per actor call) and how many actors run it."""
    actors, resources, device = _placement(ray, config)
    blocks = max(actors, math.ceil(len(rows) / (max(1, config.batch_size) * CALL_BATCHES)))
    ds = ray.data.from_items(rows, override_num_blocks=min(blocks, len(rows)))
    settings = config.with_(llm_key=None)
    ds = ds.map_batches(
        Encoder,
        fn_constructor_args=(settings, embedder.model_id, embedder.dimension, device),
        batch_size=math.ceil(len(rows) / blocks),
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=actors),
        **resources,
    )
    return ds, actors


def embed_on_workers(
    todo: Sequence[tuple[str, str, Chunk, Sequence[tuple[int, int]]]],
    embedder: Embedder,
    cache: EmbeddingCache,
    config: Config,
    progress: bool,
) -> dict[str, np.ndarray]:
    """Embed ``(key, text, chunk, spans)`` items on Ray workers, caching each batch as it comes back: the
    same arrays (chunk vector, then one per sentence window) as the single-process path."""
    # Longest first, as in one process: each call's texts are of similar length, so padding stays small.
    todo = sorted(todo, key=lambda item: -len(item[1]))
    rows = [{"key": k, "text": t, "spans": json.dumps(embedded_spans(t, c, sp))} for k, t, c, sp in todo]
    out: dict[str, np.ndarray] = {}
    with _ray_session(config) as ray, _quiet("ray.data"), _no_ray_bars(ray):
        ds, actors = _dataset(ray, rows, config, embedder)
        _log.info("embedding %d chunks on %d Ray workers", len(rows), actors)
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(rows), desc=f"embedding on {actors} workers", unit="chunk")
        try:
            for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
                pairs = [
                    (str(k), np.frombuffer(b, dtype=np.float32).reshape(-1, embedder.dimension))
                    for k, b in zip(batch["key"], batch["vectors"], strict=True)
                ]
                cache.put_many(pairs)
                out.update(pairs)
                if bar is not None:
                    bar.update(len(pairs))
        except ray.exceptions.RayError as e:
            raise _worker_error(ray, e) from None
        finally:
            if bar is not None:
                bar.close()
    return out
