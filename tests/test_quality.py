"""Quality floors: the figures `rag eval` reports on the shipped question sets must not fall.

On the demo page, for both shipped question sets (the sample set every default was tuned on, and the
held-out set), every mode's R@1, R@5, MRR@10 and Ans@1 must stay at or above a floor; on CMRC 2018 dev
(where ``../shared`` has it) hybrid, dense and keyword must. A floor sits about one question below what the
shipped defaults reach, so a change that loses more than that fails here: a tuning constant of rag.fusion,
rag.rerank or rag.candidates, chunking, what is embedded for a chunk, the model path, the keyword analyzer,
or the choice of the answering sentence.

The page sets are near their ceiling and the page has few chunks, so a weight that matters only among many
competing passages (the keyword channel's weight in fusion, above all) is guarded by the CMRC floors, not
by the page's. Raising a floor after a real gain is welcome; lowering one needs the reason in the commit.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest

import rag

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "rag" / "data"
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))  # as in conftest
CMRC = REPO.parent / "shared" / "data" / "cmrc2018" / "cmrc2018_dev.json"
#: CMRC questions asked: every CMRC_EVERY-th of the dev set (all of its paragraphs are indexed). The whole
#: set asks four times as many at the same ranking quality, for minutes more.
CMRC_EVERY = 4


class Floor(NamedTuple):
    r1: float
    r5: float
    mrr: float
    ans: float | None = None  # Ans@1; None where the set has no gold substrings (CMRC)


# Each floor is today's figure less about one question (the sample set has 84, the held-out set 52).
PAGE_FLOORS: dict[tuple[str, str], Floor] = {
    ("sample", "hybrid"): Floor(r1=0.97, r5=0.985, mrr=0.985, ans=0.71),
    ("sample", "dense"): Floor(r1=0.97, r5=0.985, mrr=0.985, ans=0.72),
    ("sample", "keyword"): Floor(r1=0.83, r5=0.865, mrr=0.85, ans=0.70),
    ("sample", "rrf"): Floor(r1=0.97, r5=0.985, mrr=0.985, ans=0.71),
    ("heldout", "hybrid"): Floor(r1=0.94, r5=0.98, mrr=0.97, ans=0.73),
    ("heldout", "dense"): Floor(r1=0.94, r5=0.98, mrr=0.965, ans=0.71),
    ("heldout", "keyword"): Floor(r1=0.845, r5=0.865, mrr=0.855, ans=0.80),
    ("heldout", "rrf"): Floor(r1=0.96, r5=0.98, mrr=0.975, ans=0.73),
}

# A few of the questions asked below today's figure (the set is large; a floor of one question would trip
# on a different backend's rounding).
CMRC_FLOORS: dict[str, Floor] = {
    "hybrid": Floor(r1=0.98, r5=0.99, mrr=0.985),
    "dense": Floor(r1=0.95, r5=0.975, mrr=0.96),
    "keyword": Floor(r1=0.955, r5=0.99, mrr=0.97),
}


def below(metrics: Any, floor: Floor) -> list[str]:
    """Every figure of ``metrics`` (a :class:`rag.Metrics`) under its floor, as ``"R@1 0.952 < 0.97"``."""
    found = {"R@1": metrics.recall[1], "R@5": metrics.recall[5], "MRR@10": metrics.mrr}
    found["Ans@1"] = metrics.answer
    wanted = {"R@1": floor.r1, "R@5": floor.r5, "MRR@10": floor.mrr, "Ans@1": floor.ans}
    return [
        f"{name} {'-' if found[name] is None else f'{found[name]:.4f}'} < {wanted[name]}"
        for name in found
        if wanted[name] is not None and (found[name] is None or found[name] < wanted[name])
    ]


@pytest.fixture(scope="module")
def page_index(demo_index_dir: Path) -> Any:
    return rag.open_index(demo_index_dir)


@pytest.mark.parametrize(("qa", "mode"), list(PAGE_FLOORS))
def test_demo_page_floors(page_index: Any, qa: str, mode: str) -> None:
    items = rag.load_qa(DATA / f"{qa}_page_qa.jsonl")
    metrics, misses = rag.evaluate(items, index=page_index, mode=mode)
    assert metrics.n == len(items)
    failed = below(metrics, PAGE_FLOORS[qa, mode])
    assert not failed, f"{qa} set, {mode}: {'; '.join(failed)}; first misses: {[m.q for m in misses[:5]]}"


def load_cmrc_converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cmrc2018", REPO / "bench" / "cmrc2018.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cmrc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[Any]]:
    """CMRC 2018 dev indexed whole (every paragraph), and the questions asked of it."""
    if not CMRC.exists():
        pytest.skip("../shared/data/cmrc2018/cmrc2018_dev.json is not present")
    out = tmp_path_factory.mktemp("cmrc")
    stats = load_cmrc_converter().build(out / "data", CMRC)
    config = rag.Config.from_env(env={}, home=out / "home", models=MODEL_CACHE)
    rag.index_paths([stats.corpus], out / "index", config=config)
    return rag.open_index(out / "index"), rag.load_qa(stats.qa)[::CMRC_EVERY]


@pytest.mark.slow  # indexes the 848 paragraphs with the model
@pytest.mark.parametrize("mode", list(CMRC_FLOORS))
def test_cmrc2018_floors(cmrc: tuple[Any, list[Any]], mode: str) -> None:
    index, items = cmrc
    metrics, misses = rag.evaluate(items, index=index, mode=mode)
    failed = below(metrics, CMRC_FLOORS[mode])
    assert not failed, (
        f"CMRC 2018 dev, {mode}: {'; '.join(failed)}; first misses: {[m.q for m in misses[:5]]}"
    )
