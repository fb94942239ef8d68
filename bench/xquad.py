"""English and Chinese questions over the same Chinese paragraphs: the xquad-dev retrieval benchmark.

``../shared/data/xquad-dev/`` holds half of XQuAD (CC BY-SA 4.0): 24 Wikipedia articles, 120 Chinese
paragraphs and 612 questions, each asked in Chinese and in a professional English translation (the i-th
English question belongs to the i-th Chinese question's paragraph). Each paragraph is indexed as one
document; a passage is a hit when it comes from the question's paragraph. The data is read where it lies and
never copied into the project; the corpus file and the index are kept under ``/tmp`` so a rerun only asks.

The 24 articles are split in two: the **tuning** half (articles 0, 2, 4, ... in file order) is where weights
and levers were chosen, the **held-out** half (1, 3, 5, ...) is where they are checked. Both halves share
one index, so every question still competes with all 120 paragraphs.

    python -m bench.xquad [--modes hybrid,dense,keyword] [--channels] [--lang en,zh] [--misses FILE]
                          [--work /tmp/xquad-bench] [--rebuild] [--json FILE]

``--channels`` adds one row per keyword channel alone (``pinyin``, ``translation``, ``gloss``, ...), each
ranking by its own score; a channel with nothing to say for a question counts as a miss there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from bench.cmrc2018 import jsonl_doc_id

__all__ = [
    "DEFAULT_SOURCE",
    "HALVES",
    "XItem",
    "build_index",
    "evaluate",
    "load",
    "main",
]

DEFAULT_SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "xquad-dev"
DEFAULT_WORK = Path("/tmp/xquad-bench")
HALVES = ("tune", "held")
EXPECTED_PARAGRAPHS = 120
EXPECTED_QUESTIONS = 612


class XItem(NamedTuple):
    """One question: its text, language, the paragraph that answers it (``para``, e.g. ``"3-1"``) and the
    half of the split its article belongs to."""

    q: str
    lang: str
    para: str
    half: str


def _read(source: Path, lang: str) -> list[dict[str, Any]]:
    path = source / f"xquad.{lang}.dev.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: xquad-dev file not found; pass its folder with --source") from None
    return data


def load(source: str | Path | None = None) -> tuple[dict[str, str], list[XItem]]:
    """The Chinese paragraphs (``{"article-paragraph": text}``) and every question in both languages."""
    src = Path(source) if source is not None else DEFAULT_SOURCE
    zh, en = _read(src, "zh"), _read(src, "en")
    paragraphs: dict[str, str] = {}
    items: list[XItem] = []
    for a, (za, ea) in enumerate(zip(zh, en, strict=True)):
        half = HALVES[a % 2]
        for p, (zp, ep) in enumerate(zip(za["paragraphs"], ea["paragraphs"], strict=True)):
            para = f"{a}-{p}"
            paragraphs[para] = zp["context"]
            for zq, eq in zip(zp["qas"], ep["qas"], strict=True):
                items.append(XItem(zq["question"].strip(), "zh", para, half))
                items.append(XItem(eq["question"].strip(), "en", para, half))
    n_q = sum(1 for i in items if i.lang == "en")
    if (len(paragraphs), n_q) != (EXPECTED_PARAGRAPHS, EXPECTED_QUESTIONS):
        raise ValueError(
            f"{src}: found {len(paragraphs)} paragraphs and {n_q} questions, expected "
            f"{EXPECTED_PARAGRAPHS} and {EXPECTED_QUESTIONS}; is this xquad-dev?"
        )
    return paragraphs, items


def build_index(
    paragraphs: dict[str, str], work: Path, *, rebuild: bool = False, embedder: Any = None
) -> tuple[Any, dict[str, str]]:
    """The opened index of the paragraphs under ``work`` (built when missing, unreadable by this code, or
    ``rebuild``; the embedding cache is kept, so a rebuild embeds nothing) and ``{doc_id: paragraph}``."""
    import rag
    from rag.errors import RagError

    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    lines = [json.dumps({"id": k, "title": "", "text": v}, ensure_ascii=False) for k, v in paragraphs.items()]
    text = "\n".join(lines) + "\n"
    if not corpus.exists() or corpus.read_text(encoding="utf-8") != text:
        corpus.write_text(text, encoding="utf-8")
    doc_ids = {jsonl_doc_id(corpus, k): k for k in paragraphs}
    folder = work / "index"
    if not rebuild:
        try:
            return rag.open_index(folder), doc_ids
        except (RagError, OSError):
            pass
    cache = folder / "embedding-cache.sqlite"
    fresh = work / "index.new"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    if cache.exists():
        shutil.copy2(cache, fresh / cache.name)
    rag.index_paths([corpus], fresh, embedder=embedder)
    shutil.rmtree(folder, ignore_errors=True)
    fresh.rename(folder)
    return rag.open_index(folder), doc_ids


class Result(NamedTuple):
    """Metrics per (language, half) and the misses (question, expected paragraph, rank of the hit)."""

    metrics: dict[tuple[str, str], Any]
    misses: list[dict[str, Any]]
    seconds: float


def evaluate(
    index: Any,
    doc_ids: dict[str, str],
    items: Sequence[XItem],
    mode: str,
    retrieve: Callable[..., Any] | None = None,
) -> Result:
    """Ask every question in ``mode`` (k=10) and score R@1/5/10 and MRR@10 per language and half."""
    import rag
    from rag.evaluation import aggregate, score_ranking

    retrieve = retrieve or rag.retrieve
    scores: dict[tuple[str, str], list[Any]] = {}
    misses: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for item in items:
        found = retrieve(item.q, k=10, mode=mode, index=index, highlight=False)
        paras = [doc_ids.get(p.citation.doc_id, "") for p in found]
        s = score_ranking([p == item.para for p in paras])
        for key in ((item.lang, item.half), (item.lang, "all")):
            scores.setdefault(key, []).append(s)
        if s.rank != 1:
            misses.append({"mode": mode, **item._asdict(), "rank": s.rank, "first": paras[:3]})
    metrics = {key: aggregate(v) for key, v in scores.items()}
    return Result(metrics, misses, time.perf_counter() - t0)


def channel_modes() -> list[str]:
    """Register a one-channel plan for every channel but dense and keyword (``ch:NAME``) and name them."""
    from rag import search
    from rag.candidates import CHANNELS

    out = []
    for name in CHANNELS:
        if name in ("dense", "keyword"):
            continue
        search.PLANS[f"ch:{name}"] = search.Plan((name,), "single", False)
        out.append(f"ch:{name}")
    return out


def table(rows: dict[str, Result], langs: Sequence[str]) -> str:
    head = "| mode | lang | half | n | R@1 | R@5 | R@10 | MRR@10 |\n| --- | --- | --- | --- | --- | --- | --- | --- |"
    out = [head]
    for mode, res in rows.items():
        for lang in langs:
            for half in (*HALVES, "all"):
                m = res.metrics.get((lang, half))
                if m is None:
                    continue
                r = m.recall
                out.append(
                    f"| {mode} | {lang} | {half} | {m.n} | {r[1]:.3f} | {r[5]:.3f} | {r[10]:.3f} | {m.mrr:.3f} |"
                )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="English and Chinese questions over xquad-dev's Chinese paragraphs."
    )
    parser.add_argument("--modes", default="hybrid,dense,keyword", help="comma-separated modes")
    parser.add_argument("--channels", action="store_true", help="also each extra keyword channel alone")
    parser.add_argument("--lang", default="en,zh", help="en, zh or both")
    parser.add_argument("--half", default="tune,held", help="which halves to ask (tune, held or both)")
    parser.add_argument(
        "--source", type=Path, default=None, help=f"xquad-dev folder (default {DEFAULT_SOURCE})"
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where the corpus and index are kept")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index (embeddings are cached)")
    parser.add_argument("--misses", type=Path, default=None, help="write each question missed at R@1 (JSONL)")
    parser.add_argument("--json", type=Path, default=None, help="write the metrics as JSON")
    args = parser.parse_args(argv)
    langs, halves = args.lang.split(","), args.half.split(",")
    try:
        paragraphs, items = load(args.source)
        index, doc_ids = build_index(paragraphs, args.work, rebuild=args.rebuild)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    asked = [i for i in items if i.lang in langs and i.half in halves]
    modes = [m for m in args.modes.split(",") if m] + (channel_modes() if args.channels else [])
    rows = {m: evaluate(index, doc_ids, asked, m) for m in modes}
    print(table(rows, langs))
    for mode, res in rows.items():
        print(f"{mode}: {1000 * res.seconds / max(len(asked), 1):.1f} ms per question", file=sys.stderr)
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as fh:
            for res in rows.values():
                for miss in res.misses:
                    fh.write(json.dumps(miss, ensure_ascii=False) + "\n")
    if args.json:
        out = {
            mode: {
                f"{lang}/{half}": {"n": m.n, "r1": m.recall[1], "r5": m.recall[5], "mrr": m.mrr}
                for (lang, half), m in res.metrics.items()
            }
            for mode, res in rows.items()
        }
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
