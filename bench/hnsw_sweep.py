"""HNSW recall@10 against exact search, and search time, for several efSearch values at one size.

    python bench/hnsw_sweep.py INDEX_DIR [--size 1000000] [--ef 256,512,1024,2048] [--questions 200]

The vectors are those of an existing index (real) followed by semi-synthetic ones made from them (the same
generator as ``python -m bench``); the graph is built once with the project's defaults (M, efConstruction)
and searched with each efSearch. Questions: the sample-page evaluation set (out of domain for a news
corpus) and article titles of the index (in domain), embedded with the index's model. Prints one JSON line
per efSearch and writes them to ``bench/results/hnsw-sweep-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpus, measure
from rag.config import Config
from rag.evaluation import load_qa
from rag.model import model_for_index
from rag.opening import open_index
from rag.store.vectors import VectorIndex

PAGE_QA = Path(__file__).resolve().parents[1] / "rag" / "data" / "sample_page_qa.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--ef", default="256,512,1024,2048")
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    a = ap.parse_args(argv)
    config = Config.from_env()
    index = open_index(a.index)
    embedder = model_for_index(index.model, config)
    real = index.vectors.vectors()
    vecs = corpus.semi_synthetic_vectors(real, a.size)
    t0 = time.perf_counter()
    hnsw = VectorIndex.build(vecs, vecs.shape[1], "hnsw")
    build = time.perf_counter() - t0
    out_q = embedder.encode_queries([it.q for it in load_qa(PAGE_QA)][: a.questions])
    titles = list(dict.fromkeys(art.title for art in index.articles.values() if art.title))
    rng = np.random.default_rng(0)
    pick = rng.choice(len(titles), size=min(a.questions, len(titles)), replace=False)
    in_q = embedder.encode_queries([titles[i] for i in pick])
    rows = []
    for ef in (int(x) for x in a.ef.split(",")):
        hnsw.ef_search = ef
        row = {
            "size": a.size,
            "real_seeds": len(real),
            "ef_search": ef,
            "build_seconds": round(build, 1),
            "recall_at_10_out_of_domain": measure.recall_at_10(hnsw, vecs, out_q),
            "recall_at_10_in_domain": measure.recall_at_10(hnsw, vecs, in_q),
            "search_k200_ms": measure.pct(measure.each(lambda q: hnsw.search(q, 200), list(in_q))),
            "load": measure.load(),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    a.out.mkdir(parents=True, exist_ok=True)
    path = a.out / f"hnsw-sweep-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(rows, indent=2))
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
