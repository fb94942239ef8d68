"""What a retrieval setting costs per question, on a real index: the default settings against the same with
some settings changed, question by question in alternation (so both see the same machine load).

    python bench/settings_latency.py INDEX phrase_weight=0 abbreviation_weight=0
    python bench/settings_latency.py INDEX rerank=0 --qa rag/data/sample_page_qa.jsonl --repeat 3

The questions are those of the QA files (default: the demo page's sample and held-out sets), asked with
``k=5`` and the answering sentence, as ``rag ask`` does. Prints p50 / p95 in milliseconds for both.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag.config import Config  # noqa: E402
from rag.evaluation import load_qa  # noqa: E402
from rag.search import open_index, retrieve  # noqa: E402

QA = [REPO / "rag" / "data" / "sample_page_qa.jsonl", REPO / "rag" / "data" / "heldout_page_qa.jsonl"]


def _value(raw: str) -> float | int | str:
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            pass
    return raw


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("changes", nargs="+", metavar="SETTING=VALUE", help="Config fields to change")
    ap.add_argument("--qa", type=Path, action="append", help="QA file(s); default: the demo page's two sets")
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args(argv)
    base = Config.from_env()
    changed = base.with_(**{k: _value(v) for k, v in (c.split("=", 1) for c in a.changes)})
    idx = open_index(a.index, config=base)
    questions = [it.q for f in a.qa or QA for it in load_qa(f)]
    for q in questions[:5]:  # load the model, the dictionaries and the tagger first
        retrieve(q, 5, idx, config=base)
        retrieve(q, 5, idx, config=changed)
    times: dict[str, list[float]] = {"default": [], " ".join(a.changes): []}
    for _ in range(a.repeat):
        for q in questions:
            for ms, config in zip(times.values(), (base, changed), strict=True):
                t = time.perf_counter()
                retrieve(q, 5, idx, config=config)
                ms.append((time.perf_counter() - t) * 1000)
    print(f"{len(questions)} questions x {a.repeat}, {len(idx.chunks):,} chunks")
    for name, ms in times.items():
        print(f"{name:40s} p50 {np.percentile(ms, 50):6.1f} ms   p95 {np.percentile(ms, 95):6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
