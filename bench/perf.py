"""``python -m bench``: indexing throughput, query latency at 1k-1M chunks, cold start and memory, on this
machine's CPU. Results go to ``bench/results/bench-<time>.json`` (gitignored) and a short table is printed.

    python -m bench                      # 1k, 10k, 100k chunks; 1,000 story chunks embedded (minutes)
    python -m bench --sizes 1000000      # one size (1M builds HNSW and BM25 over 1M chunks: ~30 min)
    python -m bench --full               # all ~58k story chunks embedded, and 1k..1M (hours on 2 cores)
    python -m bench --quick              # a tiny end-to-end run (seconds, for tests)

Every figure carries the 1-minute load average at the time it was taken: on a shared machine, compare only
figures taken at a similar load. See bench/README.md for what each number means and how it was chosen.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench import corpus, measure

RESULTS = corpus.REPO / "bench" / "results"


def _models_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg).expanduser()
    if os.environ.get("RAG_MODELS"):
        return Path(os.environ["RAG_MODELS"]).expanduser()
    local = corpus.REPO / ".rag-home" / "models"
    if local.is_dir():
        return local
    from rag.config import Config

    return Config.from_env().model_cache


def _machine() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    versions: dict[str, str] = {"python": platform.python_version()}
    for mod in ("torch", "sentence_transformers", "transformers", "openvino", "faiss", "bm25s", "numpy"):
        try:
            versions[mod] = str(__import__(mod).__version__)
        except Exception:
            continue
    return {"cpu": cpu, "cores": os.cpu_count(), "load_at_start": os.getloadavg(), "versions": versions}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes, a few questions, no cold start")
    p.add_argument("--full", action="store_true", help="embed all story chunks; sizes up to 1M")
    p.add_argument(
        "--sizes", help="comma-separated chunk counts for query latency (default 1000,10000,100000)"
    )
    p.add_argument("--sample-chunks", type=int, help="story chunks embedded by the default backend (1000)")
    p.add_argument("--baseline-chunks", type=int, help="story chunks embedded by the other backends (200)")
    p.add_argument("--backends", help="embedding backends to compare (default: torch and the default one)")
    p.add_argument("--vector-index", help="auto (default), flat or hnsw")
    p.add_argument("--questions", type=int, help="questions per size and mode (default 40)")
    p.add_argument("--highlight-questions", type=int, help="questions with the answering sentence (15)")
    p.add_argument("--repeats", type=int, help="embedding runs per measurement, best and median kept (2)")
    p.add_argument("--no-cold", action="store_true", help="skip the rag ask / rag serve cold starts")
    p.add_argument("--no-serve", action="store_true", help="skip the rag serve cold start")
    p.add_argument("--stories", default=str(corpus.STORIES), help="the xwlb stories.jsonl.gz (read in place)")
    p.add_argument(
        "--vectors-from",
        help="an index folder whose chunks and real vectors seed the query-latency indexes (e.g. the page and "
        "the stories embedded by `rag index` or bench/gpu_embed.py) instead of the embedded story sample",
    )
    p.add_argument(
        "--milvus",
        help="chunk counts for the Milvus rows (bench.milvus: Lite in-process and server beside the folder; "
        "default 10000, none with --quick; 0 to skip)",
    )
    p.add_argument("--models", help="model cache folder (default $RAG_MODELS or .rag-home/models)")
    p.add_argument("--out", default=str(RESULTS), help="folder for the JSON results")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    quick = args.quick
    sizes = (
        [int(s) for s in args.sizes.split(",") if s.strip()]
        if args.sizes
        else ([300] if quick else [1000, 10000, 100000] + ([1000000] if args.full else []))
    )
    sample_n = args.sample_chunks or (8 if quick else 1000)
    baseline_n = args.baseline_chunks or (4 if quick else 200)
    n_q = args.questions or (3 if quick else 40)
    n_hl = args.highlight_questions or (2 if quick else 15)
    repeats = args.repeats or (1 if quick else 2)
    models = _models_dir(args.models)
    stories = Path(args.stories)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

    from embeddings import load_embedder
    from embeddings.backends import choose_backend

    default_backend = choose_backend(None, device=None, default_model=True)
    backends = (
        args.backends.split(",")
        if args.backends
        else ([default_backend] if quick else sorted({"torch", default_backend}, key=lambda b: b != "torch"))
    )
    result: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": _machine(),
        "settings": {
            "quick": quick,
            "full": args.full,
            "sizes": sizes,
            "sample_chunks": sample_n,
            "baseline_chunks": baseline_n,
            "backends": backends,
            "default_backend": default_backend,
            "vector_index": args.vector_index or os.environ.get("RAG_VECTOR_INDEX") or "auto",
            "questions": n_q,
            "highlight_questions": n_hl,
        },
    }
    _say(f"machine: {result['machine']['cpu']}, {result['machine']['cores']} cores, load {measure.load()}")

    # --- indexing throughput -------------------------------------------------------------------------
    page = corpus.sample_page()
    have_stories = stories.is_file()
    story_n = None if args.full else max(sample_n, baseline_n)
    story = corpus.load([stories], story_n) if have_stories else corpus.Records({}, {}, [])
    indexing: dict[str, Any] = {"sample_page": {}, "stories": {}, "stories_sample": {}}
    embedders = {b: load_embedder(None, cache_dir=models, backend=b) for b in backends}
    # The backends are compared on the same texts in interleaved rounds (a, b, c, a, b, c, ...), so that a
    # change in the machine's load hits them all alike; each keeps its best and median round.
    compare = story.texts()[:baseline_n] if story.chunks else []
    compare_spans = story.spans()[:baseline_n] if story.chunks else []
    for where, texts, spans in (
        ("sample_page", page.texts(), page.spans()),
        ("stories", compare, compare_spans),
    ):
        if not texts:
            continue
        rounds: dict[str, list[dict[str, Any]]] = {b: [] for b in backends}
        for _ in range(repeats):
            for b in backends:
                rounds[b].append(measure.embedding_throughput(embedders[b], texts, 32, 1, spans))
        for b in backends:
            indexing[where][embedders[b].backend] = measure.merge_runs(rounds[b])
        _say(f"{where}: " + ", ".join(f"{k} {v['chunks_per_s']} ch/s" for k, v in indexing[where].items()))
    ref_page = indexing["sample_page"].get("torch", {}).get("_vectors")
    for run in indexing["sample_page"].values():
        if ref_page is not None and run["backend"] != "torch":
            cos = (run["_vectors"] * ref_page).sum(1)
            run["cosine_vs_torch"] = {"min": round(float(cos.min()), 6), "mean": round(float(cos.mean()), 6)}
    for where in ("sample_page", "stories"):
        for run in indexing[where].values():
            run.pop("_vectors", None)
    real_vectors = None
    if story.chunks:
        run = measure.embedding_throughput(embedders[default_backend], story.texts(), 32, 1, story.spans())
        real_vectors = run.pop("_vectors")
        indexing["stories_sample"][run["backend"]] = run
        _say(f"stories sample: {run['chunks']} chunks at {run['chunks_per_s']} ch/s ({run['backend']})")
    embedder = embedders[default_backend]
    if real_vectors is None:
        real_vectors = embedder.encode_passages(page.texts())
    indexing["parts_on_stories_sample" if story.chunks else "parts_on_sample_page"] = measure.index_parts(
        (story.texts() if story.chunks else page.texts())[: len(real_vectors)], real_vectors
    )
    if have_stories:
        total = 58_000 if quick else corpus.count_chunks([stories])
        indexing["stories_total_chunks"] = total
        if not quick:
            indexing["stories_total_chunks_counted"] = True
        for run in [*indexing["stories"].values(), *indexing["stories_sample"].values()]:
            run["extrapolated_full_minutes"] = round(total / run["chunks_per_s"] / 60, 1)
            run["extrapolated"] = not args.full
    qs = corpus.questions(n_q)
    indexing["query_embedding"] = {e.backend: measure.query_embedding(e, qs) for e in embedders.values()}
    result["indexing"] = indexing

    # --- query latency -------------------------------------------------------------------------------
    base = story if story.chunks else page
    if args.vectors_from:
        from rag.store.index import Index

        seeded = Index.open(args.vectors_from)
        base = corpus.Records(seeded.documents, seeded.articles, seeded.chunks)
        real_vectors = seeded.vectors.vectors()
        result["settings"]["vectors_from"] = {"index": str(args.vectors_from), "chunks": len(seeded.chunks)}
        _say(f"query-latency base: {len(seeded.chunks)} chunks and their vectors from {args.vectors_from}")
    elif have_stories and max(sizes) > len(story.chunks) and not quick:
        base = corpus.load([stories], min(max(sizes), 60_000))
    titles = [a.title for a in story.articles.values() if a.title][:n_q]
    in_domain = embedder.encode_queries(titles) if titles else None
    result["query"] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            _say(f"query latency at {size} chunks...")
            r = measure.query_latency(
                size,
                base,
                real_vectors,
                embedder,
                qs,
                kind=args.vector_index or os.environ.get("RAG_VECTOR_INDEX") or "auto",
                highlight_questions=n_hl,
                folder=Path(tmp),
                in_domain=in_domain,
            )
            result["query"].append(r)
            _write(out_dir, result)

        # --- on disk, and cold start ---------------------------------------------------------------------
        result["disk"] = _disk(base, real_vectors, embedder, Path(tmp), 300 if quick else 10_000)
        if not args.no_cold and not quick:
            result["cold_start"] = _cold(
                page, embedder, embedders, models, Path(tmp), qs[0], not args.no_serve
            )
    milvus_sizes = [int(s) for s in (args.milvus or ("0" if quick else "10000")).split(",") if int(s)]
    if milvus_sizes and importlib.util.find_spec("pymilvus") is None:
        _say("no Milvus rows: pymilvus is not installed (pip install 'newsrag[milvus]')")
    elif milvus_sizes:
        from bench import milvus

        _say(f"Milvus rows at {milvus_sizes} chunks...")
        result["milvus"] = milvus.for_bench(milvus_sizes, embedder, qs)
    result["peak_rss_mb"] = round(measure.peak_rss_mb(), 1)
    path = _write(out_dir, result)
    _table(result)
    _say(f"results: {path}")
    return 0


def _disk(base: corpus.Records, real: np.ndarray, embedder: Any, tmp: Path, size: int) -> dict[str, Any]:
    """Bytes per chunk of a snapshot written by the real writer (``Index.write``) at ``size`` chunks."""
    from rag.embedtext import chunk_text
    from rag.store.index import Index, IndexContent, ModelInfo

    records = corpus.replicate(base, size)
    vectors = corpus.semi_synthetic_vectors(real, size)
    content = IndexContent(
        records.documents,
        records.articles,
        records.chunks,
        vectors,
        corpus.synthetic_sentences(records.chunks, vectors),
    )
    folder = tmp / f"disk-{size}"
    texts = [chunk_text(records.articles[c.article_id], c) for c in records.chunks]
    Index.write(
        folder, content, texts, ModelInfo(embedder.model_id, embedder.variant, embedder.dimension), {}
    )
    parts = measure.disk_bytes(folder)
    total = sum(parts.values())
    return {
        "chunks": size,
        "bytes_per_chunk": round(total / size),
        "by_file_bytes_per_chunk": {k: round(v / size) for k, v in sorted(parts.items())},
        "note": "documents.jsonl holds each article's full text once; replicated stories stand in for news",
    }


def _cold(
    page: corpus.Records,
    embedder: Any,
    embedders: dict[str, Any],
    models: Path,
    tmp: Path,
    q: str,
    serve: bool,
) -> dict[str, Any]:
    from rag.config import Config
    from rag.indexer import index_paths
    from rag.opening import demo_corpus

    folder = tmp / "demo-index"
    index_paths([demo_corpus()], folder, config=Config.from_env(env={}, models=models), embedder=embedder)
    out: dict[str, Any] = {"ask": {}, "serve": {}}
    for b, e in embedders.items():
        _say(f"cold start of rag ask ({e.backend})...")
        out["ask"][e.backend] = measure.cold_ask(folder, models, q, b, repeats=3)
        if serve:
            _say(f"cold start of rag serve ({e.backend})...")
            out["serve"][e.backend] = measure.cold_serve(folder, models, q, b)
    return out


def _write(out_dir: Path, result: dict[str, Any]) -> Path:
    path = out_dir / f"bench-{result['when'][:19].replace(':', '').replace('-', '')}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)
    return path


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _table(r: dict[str, Any]) -> None:
    ix = r["indexing"]
    print(f"\n{r['machine']['cpu']} ({r['machine']['cores']} cores)")
    print("\nembedding throughput (chunks/s, tokens/s; best of runs)  [load]")
    for where in ("sample_page", "stories", "stories_sample"):
        for b, run in ix.get(where, {}).items():
            cos = run.get("cosine_vs_torch", {}).get("min")
            extra = f"  cos>={cos}" if cos is not None else ""
            ext = run.get("extrapolated_full_minutes")
            ext_s = (
                f"  full stories ~{ext} min{' (extrapolated)' if run.get('extrapolated') else ''}"
                if ext
                else ""
            )
            print(
                f"  {where:11s} {b:14s} {run['chunks']:5d} chunks  {run['chunks_per_s']:7.2f} ch/s "
                f"{run['tokens_per_s']:8.0f} tok/s  [{run['load']}]{extra}{ext_s}"
            )
    parts = ix.get("parts_on_stories_sample") or ix.get("parts_on_sample_page") or {}
    print(
        f"  keyword index {parts.get('keyword_chunks_per_s')} ch/s, FAISS flat add {parts.get('faiss_flat_chunks_per_s')} "
        f"ch/s, HNSW add {parts.get('faiss_hnsw_chunks_per_s')} ch/s  [{parts.get('load')}]"
    )
    for b, q in ix.get("query_embedding", {}).items():
        print(
            f"  one question embedded ({b}): p50 {q.get('p50_ms')} ms, p95 {q.get('p95_ms')} ms  [{q['load']}]"
        )
    print("\nretrieve() latency, ms p50/p95/p99 (warm, one question at a time)  [load]")
    print(
        f"  {'chunks':>8s} {'index':6s} {'mode':15s} {'no highlight':>22s} {'highlight':>24s} {'recall@10':>9s}"
    )
    for q in r["query"]:
        kind = q["index"]["kind"]
        for mode in [m for m in (*measure.MODES, "hybrid-norerank") if m in q]:
            a, h = q[mode], q[f"{mode}+highlight"]
            rec = (
                f"{q.get('recall_at_10', 'exact')}/{q.get('recall_at_10_in_domain', '-')}"
                if mode != "keyword"
                else ""
            )
            print(
                f"  {q['size']:8d} {kind:6s} {mode:15s} {a['p50_ms']:7.1f}/{a['p95_ms']:6.1f}/{a['p99_ms']:6.1f} "
                f"{h['p50_ms']:8.1f}/{h['p95_ms']:6.1f}/{h['p99_ms']:6.1f} {rec!s:>9s}  [{q['load']}]"
            )
        p = q["parts"]
        print(
            f"  {'':8s} parts p50: embed question {p['embed_question']['p50_ms']} ms, vectors "
            f"{p['vector_search']['p50_ms']} ms, keyword {p['keyword_search']['p50_ms']} ms "
            f"(bincount {p['keyword_search_bincount']['p50_ms']} ms); RAM "
            f"{q['ram_bytes_per_chunk']} B/chunk (vectors {q['vector_bytes_per_chunk']} B); texts: {q['texts']}; "
            f"vectors: {q['vectors']}"
        )
    d = r.get("disk")
    if d:
        print(
            f"\non disk: {d['bytes_per_chunk']} bytes/chunk at {d['chunks']} chunks {d['by_file_bytes_per_chunk']}"
        )
    cold = r.get("cold_start")
    if cold:
        print("\ncold start (process start to answer)  [load]")
        for b, a in cold["ask"].items():
            print(
                f"  rag ask   {b:14s} {a.get('median_s')} s median, best {a.get('best_s')} s, peak RSS {a.get('peak_rss_mb')} MiB  [{a.get('load')}] {a.get('error', '')}"
            )
        for b, s in cold["serve"].items():
            print(
                f"  rag serve {b:14s} {s.get('first_answer_s')} s to first /retrieve answer, peak RSS {s.get('peak_rss_mb')} MiB  [{s.get('load')}] {s.get('error', '')}"
            )
    if r.get("milvus"):
        from bench import milvus

        print(
            "\nMilvus beside the folder store (hybrid + answering sentence, warm; write = publish rate)  [load]"
        )
        print("\n".join(milvus.table(r["milvus"])))
    print(f"\npeak RSS of the bench: {r['peak_rss_mb']} MiB")
