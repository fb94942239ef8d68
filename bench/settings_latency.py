"""What a retrieval constant costs per question, on a real index: the defaults against the same with some
tuning constants changed, question by question in alternation (so both see the same machine load).

    python bench/settings_latency.py INDEX fusion.PHRASE_WEIGHT=0 fusion.WEIGHTS.abbreviation=0
    python bench/settings_latency.py INDEX rerank.RERANK=0 --qa rag/data/sample_page_qa.jsonl --repeat 3

A change names a module of ``rag`` and a constant in it (``module.NAME=VALUE``), or an entry of a dict
constant (``module.NAME.key=VALUE``).
The questions are those of the QA files (default: the demo page's sample and held-out sets), asked with
``k=5`` and the answering sentence, as ``rag ask`` does. Prints p50 / p95 in milliseconds for both.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import rag  # noqa: E402

QA = [REPO / "rag" / "data" / "sample_page_qa.jsonl", REPO / "rag" / "data" / "heldout_page_qa.jsonl"]


def _value(raw: str) -> float | int | str:
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            pass
    return raw


@contextlib.contextmanager
def patched(changes: Sequence[str]) -> Iterator[None]:
    """The tuning constants named by ``changes`` set to their values, restored afterwards."""
    undo: list[tuple[Any, str, Any]] = []
    try:
        for change in changes:
            name, raw = change.split("=", 1)
            module, _, rest = name.partition(".")
            owner: Any = importlib.import_module(f"rag.{module}")
            attr, _, key = rest.partition(".")
            if key:
                table = getattr(owner, attr)
                undo.append((table, key, table[key]))
                table[key] = _value(raw)
            else:
                undo.append((owner, attr, getattr(owner, attr)))
                setattr(owner, attr, _value(raw))
        yield
    finally:
        for owner, key, old in reversed(undo):
            if isinstance(owner, dict):
                owner[key] = old
            else:
                setattr(owner, key, old)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("changes", nargs="+", metavar="MODULE.NAME=VALUE", help="tuning constants to change")
    ap.add_argument("--qa", type=Path, action="append", help="QA file(s); default: the demo page's two sets")
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args(argv)
    idx = rag.open_index(a.index)
    questions = [it.q for f in a.qa or QA for it in rag.load_qa(f)]
    for q in questions[:5]:  # load the model, the dictionaries and the tagger first
        rag.retrieve(q, 5, idx)
        with patched(a.changes):
            rag.retrieve(q, 5, idx)
    times: dict[str, list[float]] = {"default": [], " ".join(a.changes): []}
    for _ in range(a.repeat):
        for q in questions:
            for ms, changes in zip(times.values(), ((), a.changes), strict=True):
                with patched(changes):
                    t = time.perf_counter()
                    rag.retrieve(q, 5, idx)
                    ms.append((time.perf_counter() - t) * 1000)
    print(f"{len(questions)} questions x {a.repeat}, {len(idx.chunks):,} chunks")
    for name, ms in times.items():
        print(f"{name:40s} p50 {np.percentile(ms, 50):6.1f} ms   p95 {np.percentile(ms, 95):6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
