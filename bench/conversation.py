"""What a conversation adds to a question: the follow-up rewrite (rag.rewrite) and reading the dates in
the question against an index (rag.dates.plan_dates), each timed alone, warm, per question.

    python -m bench.conversation [INDEX]

The questions are the second turns of ``rag/data/followup_qa.jsonl`` with their first turns as history;
INDEX defaults to the demo index (built on first use). Prints p50 / p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

import rag
from rag.dates import plan_dates

FOLLOWUPS = Path(__file__).resolve().parents[1] / "rag" / "data" / "followup_qa.jsonl"


def _timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    idx = rag.open_index(a.index or rag.default_index())
    turns = [json.loads(line) for line in FOLLOWUPS.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [(t["q"], t.get("history", [])) for t in turns]
    for q, h in pairs:  # warm: jieba's dictionary and tagger, the index's date calendar
        plan_dates(idx, rag.rewrite(q, h))
    rewrite = [ms for q, h in pairs for ms in _timed(lambda q=q, h=h: rag.rewrite(q, h), a.repeat)]
    dates = [ms for q, _ in pairs for ms in _timed(lambda q=q: plan_dates(idx, q), a.repeat)]
    print(f"{len(pairs)} follow-ups x {a.repeat}, {len(idx.chunks):,} chunks")
    for name, ms in (("rewrite", rewrite), ("dates", dates)):
        print(f"{name:8s} p50 {np.percentile(ms, 50):6.2f} ms   p95 {np.percentile(ms, 95):6.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
