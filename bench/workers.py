"""Embedding on Ray workers against one process: ``rag index`` of the first stories of the xwlb file, once in
this process and once with ``workers=N`` on a local Ray, the same model and texts; prints chunks/s of each,
what starting Ray costs, and the lowest cosine between the two runs' vectors (chunk and sentence windows).

    python -m bench.workers [--stories 160] [--workers 2]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import logging
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.corpus import STORIES
from embeddings import load_embedder
from rag.config import Config
from rag.indexer import CACHE_FILE, index_paths
from rag.store.cache import EmbeddingCache


def _vectors(index_dir: Path, model_id: str, dimension: int) -> dict[str, np.ndarray]:
    cache = EmbeddingCache(index_dir / CACHE_FILE, model_id, dimension)
    try:
        return cache.get_many([k for (k,) in cache.db.execute("SELECT key FROM vectors")])
    finally:
        cache.close()


def _lowest_cosine(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> float:
    rows = [(a[k], b[k]) for k in a]
    return float(
        min(
            np.min(np.sum(x * y, axis=1) / np.linalg.norm(x, axis=1) / np.linalg.norm(y, axis=1))
            for x, y in rows
        )
    )


def run(stories: int, workers: int) -> dict[str, float]:
    """Index the first ``stories`` stories in one process and on ``workers`` Ray workers; the figures."""
    import ray

    config = Config.from_env()
    embedder = load_embedder(config.model, cache_dir=config.model_cache, backend=config.backend)
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        corpus = Path(tmp) / "stories.jsonl"
        with gzip.open(STORIES, "rt", encoding="utf-8") as f:
            corpus.write_text("".join(itertools.islice(f, stories)), encoding="utf-8")
        one = index_paths([corpus], Path(tmp) / "one", config=config, embedder=embedder)
        t0 = time.perf_counter()
        ray.init(
            address="local",
            num_cpus=workers,
            object_store_memory=256 << 20,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
        )
        started = time.perf_counter() - t0
        try:
            many = index_paths(
                [corpus], Path(tmp) / "many", config=config.with_(workers=workers), embedder=embedder
            )
        finally:
            t1 = time.perf_counter()
            ray.shutdown()
            stopped = time.perf_counter() - t1
        cos = _lowest_cosine(
            _vectors(Path(tmp) / "one", embedder.model_id, embedder.dimension),
            _vectors(Path(tmp) / "many", embedder.model_id, embedder.dimension),
        )
    return {
        "chunks": one.embedded,
        "one_s": one.seconds,
        "one_chunks_s": one.embedded / one.seconds,
        "workers_s": many.seconds,
        "workers_chunks_s": many.embedded / many.seconds,
        "ray_start_s": started,
        "ray_stop_s": stopped,
        "lowest_cosine": cos,
        "load": os.getloadavg()[0],
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--stories", type=int, default=160, help="first N stories of the xwlb file (~2.5 chunks each)"
    )
    p.add_argument("--workers", type=int, default=2)
    args = p.parse_args()
    r = run(args.stories, args.workers)
    print(
        f"{r['chunks']} chunks: one process {r['one_s']:.1f} s ({r['one_chunks_s']:.1f} chunks/s); "
        f"{args.workers} Ray workers {r['workers_s']:.1f} s ({r['workers_chunks_s']:.1f} chunks/s, model loaded "
        f"by each worker) after Ray started in {r['ray_start_s']:.1f} s (stopped in {r['ray_stop_s']:.1f} s); "
        f"lowest cosine {r['lowest_cosine']:.6f}; [load {r['load']:.1f}]"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
