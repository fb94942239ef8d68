"""The measurements: indexing throughput, query latency per size and mode, recall of the vector index,
cold start of ``rag ask`` / ``rag serve``, and memory."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench import corpus
from rag.candidates import CANDIDATES
from rag.config import Config
from rag.search import retrieve
from rag.store.vectors import VectorIndex

MODES = ("dense", "keyword", "hybrid")


def modes() -> list[tuple[str, str, int]]:
    """(name, mode, sentences reranked) measured: the three modes as shipped, and hybrid without the sentence
    rerank (what the rerank itself costs: dot products with the stored sentence vectors of the top chunks)."""
    from rag import rerank

    return [(m, m, rerank.RERANK) for m in MODES] + [("hybrid-norerank", "hybrid", 0)]


def load() -> float:
    return round(os.getloadavg()[0], 2)


def rss_mb() -> float:
    """Resident memory of this process now (MiB)."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0  # pragma: no cover - not Linux


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/best/mean of seconds, in milliseconds."""
    a = np.asarray(values, dtype=np.float64) * 1000
    if not len(a):
        return {}
    return {
        "n": len(a),
        "p50_ms": round(float(np.percentile(a, 50)), 2),
        "p95_ms": round(float(np.percentile(a, 95)), 2),
        "p99_ms": round(float(np.percentile(a, 99)), 2),
        "best_ms": round(float(a.min()), 2),
        "mean_ms": round(float(a.mean()), 2),
    }


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def each(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[float]:
    """Seconds of ``fn(item)`` for each item."""
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - t)
    return out


# --- indexing ------------------------------------------------------------------------------------------
def embedding_throughput(
    embedder: Any,
    texts: list[str],
    batch_size: int,
    repeats: int,
    spans: list[list[tuple[int, int]]] | None = None,
) -> dict[str, Any]:
    """Chunks/s and tokens/s, best and median of runs, of what ``rag index`` calls: with ``spans`` (each
    text's sentence windows), ``encode_passages_with_spans`` (chunk and sentence vectors from one forward
    pass); without, ``encode_passages`` alone."""
    tokens = sum(min(embedder.count_tokens(t), embedder.max_seq_length) for t in texts)
    embedder.encode_passages(texts[: min(4, len(texts))], batch_size=batch_size)  # warm

    def run() -> Any:
        if spans is None:
            return embedder.encode_passages(texts, batch_size=batch_size)
        return embedder.encode_passages_with_spans(texts, spans, batch_size=batch_size)[0]

    runs = []
    vecs = None
    for _ in range(max(1, repeats)):
        dt, vecs = timed(run)
        runs.append(dt)
    best, med = min(runs), float(np.median(runs))
    return {
        "backend": embedder.backend,
        "method": "encode_passages_with_spans" if spans is not None else "encode_passages",
        "sentences": sum(len(s) for s in spans) if spans is not None else 0,
        "chunks": len(texts),
        "tokens": tokens,
        "tokens_per_chunk": round(tokens / max(1, len(texts)), 1),
        "seconds": [round(r, 3) for r in runs],
        "chunks_per_s": round(len(texts) / best, 2),
        "chunks_per_s_median": round(len(texts) / med, 2),
        "tokens_per_s": round(tokens / best, 1),
        "load": load(),
        "_vectors": vecs,
    }


def merge_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One record from single-run records of the same texts: best and median throughput over the rounds."""
    best = max(runs, key=lambda r: r["chunks_per_s"])
    out = dict(best)
    out["seconds"] = [r["seconds"][0] for r in runs]
    out["chunks_per_s_median"] = round(float(np.median([r["chunks_per_s"] for r in runs])), 2)
    out["load"] = [r["load"] for r in runs]
    return out


def query_embedding(embedder: Any, qs: list[str], repeats: int = 1) -> dict[str, Any]:
    embedder.encode_queries(qs[:1])
    times = each(lambda q: embedder.encode_queries([q]), qs * max(1, repeats))
    return {"backend": embedder.backend, **pct(times), "load": load()}


def index_parts(texts: list[str], vectors: np.ndarray) -> dict[str, Any]:
    """Keyword index build and FAISS add, each timed on its own (chunks/s)."""
    n = max(1, len(texts))
    kw_s, _ = timed(lambda: corpus.keyword_index(texts))
    out: dict[str, Any] = {"keyword_chunks_per_s": round(n / kw_s, 1), "keyword_seconds": round(kw_s, 3)}
    for kind in ("flat", "hnsw"):
        (s,) = each(lambda k: VectorIndex.build(vectors, vectors.shape[1], k), [kind])
        out[f"faiss_{kind}_chunks_per_s"] = round(n / max(s, 1e-9), 1)
    out["load"] = load()
    return out


# --- query latency -------------------------------------------------------------------------------------
def keyword_search_bincount(kw: Any, question: str, k: int) -> tuple[np.ndarray, np.ndarray]:
    """What ``KeywordIndex.search`` returns, scored with one ``np.bincount`` over the query terms' posting
    lists instead of bm25s' ``get_scores`` (``np.add.at`` per term): the change proposed for
    rag/store/keyword.py if it measures faster."""
    from rag.tokens import tokenize

    terms = tokenize(question, kw.analyzer)
    bm25 = kw.bm25
    if bm25 is None or not terms:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
    ids = bm25.get_tokens_ids(terms)
    sc = bm25.scores
    indptr, indices, data = sc["indptr"], sc["indices"], sc["data"]
    if ids:
        rows = np.concatenate([indices[indptr[t] : indptr[t + 1]] for t in ids])
        vals = np.concatenate([data[indptr[t] : indptr[t + 1]] for t in ids])
        scores = np.bincount(rows, weights=vals, minlength=int(sc["num_docs"])).astype(np.float32)
    else:
        scores = np.zeros(int(sc["num_docs"]), dtype=np.float32)
    nz = np.flatnonzero(scores > 0)
    if len(nz) > k:
        nz = nz[np.argpartition(-scores[nz], k - 1)[:k]]
    top = nz[np.argsort(-scores[nz], kind="stable")]
    return scores[top], top.astype(np.int64)


def _same_top(kw: Any, qs: list[str], k: int) -> float:
    """Share of questions whose top-``k`` rows agree between the two keyword scorers (as sets)."""
    same = 0
    for q in qs:
        _, a = kw.search(q, k)
        _, b = keyword_search_bincount(kw, q, k)
        same += set(a.tolist()) == set(b.tolist())
    return round(same / max(1, len(qs)), 3)


def recall_at_10(index: VectorIndex, vectors: np.ndarray, queries: np.ndarray) -> float:
    exact = VectorIndex(_flat(vectors))
    hit = 0
    for q in queries:
        _, want = exact.search(q, 10)
        _, got = index.search(q, 10)
        hit += len(set(want.tolist()) & set(got.tolist()))
    return round(hit / (10 * max(1, len(queries))), 4)


def _flat(vectors: np.ndarray) -> Any:
    import faiss

    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return flat


def query_latency(
    size: int,
    base: corpus.Records,
    real_vectors: np.ndarray,
    embedder: Any,
    qs: list[str],
    *,
    kind: str | None,
    highlight_questions: int,
    folder: Path,
    in_domain: np.ndarray | None = None,
) -> dict[str, Any]:
    """retrieve() latency at ``size`` chunks for each mode, with and without the answering-sentence step."""
    out: dict[str, Any] = {"size": size}
    rss0 = rss_mb()
    records = corpus.replicate(base, size)
    texts = records.texts()
    out["vectors"] = "real" if size <= len(real_vectors) else f"{len(real_vectors)} real + semi-synthetic"
    out["texts"] = "real" if size <= len(base.chunks) else f"{len(base.chunks)} real chunks, replicated"
    vecs = corpus.semi_synthetic_vectors(real_vectors, size)
    t_vec, vindex = timed(lambda: VectorIndex.build(vecs, vecs.shape[1], kind))
    t_kw, kw = timed(lambda: corpus.keyword_index(texts, unique=len(base.chunks)))
    model = {"id": embedder.model_id, "variant": embedder.variant, "dimension": embedder.dimension}
    t_sent, sentences = timed(lambda: corpus.synthetic_sentences(records.chunks, vecs))
    idx = corpus.in_memory_index(records, vindex, kw, model, folder, sentences)
    out["sentences"] = {
        "count": int(sentences.offsets[-1]),
        "vectors": "semi-synthetic (chunk vector + noise)",
    }
    gc.collect()
    out["build_seconds"] = {
        "vectors": round(t_vec, 1),
        "keyword": round(t_kw, 1),
        "sentences": round(t_sent, 1),
    }
    out["index"] = vindex.describe()
    out["ram_mb"] = round(rss_mb() - rss0, 1)
    out["ram_bytes_per_chunk"] = round((rss_mb() - rss0) * 2**20 / size)
    out["vector_bytes_per_chunk"] = round(len(vindex.to_bytes()) / size)
    config = Config.from_env()
    qvecs = embedder.encode_queries(qs)
    if vindex.kind != "flat":
        out["recall_at_10"] = recall_at_10(vindex, vecs, qvecs)  # the latency questions
        if in_domain is not None and len(in_domain):
            out["recall_at_10_in_domain"] = recall_at_10(vindex, vecs, in_domain)
    # the parts of one question, warm
    out["parts"] = {
        "embed_question": pct(each(lambda q: embedder.encode_queries([q]), qs)),
        "vector_search": pct(each(lambda v: vindex.search(v, CANDIDATES), list(qvecs))),
        "keyword_search": pct(each(lambda q: kw.search(q, CANDIDATES), qs)),
        "keyword_search_bincount": pct(each(lambda q: keyword_search_bincount(kw, q, CANDIDATES), qs)),
        "keyword_bincount_same_top": _same_top(kw, qs, CANDIDATES),
    }
    for name, mode, reranked in modes():
        for hl in (False, True):
            run = qs if not hl else qs[:highlight_questions]
            with _reranking(reranked):
                retrieve(run[0], index=idx, mode=mode, config=config, highlight=hl)  # warm
                out[f"{name}{'+highlight' if hl else ''}"] = pct(
                    each(functools.partial(_ask, idx=idx, mode=mode, config=config, highlight=hl), run)
                )
    out["load"] = load()
    return out


@contextlib.contextmanager
def _reranking(n: int) -> Iterator[None]:
    """How many fused candidates the sentence rerank re-orders, for the duration."""
    from rag import rerank

    old, rerank.RERANK = rerank.RERANK, n
    try:
        yield
    finally:
        rerank.RERANK = old


def _ask(q: str, *, idx: Any, mode: str, config: Config, highlight: bool) -> Any:
    return retrieve(q, index=idx, mode=mode, config=config, highlight=highlight)


# --- cold start ----------------------------------------------------------------------------------------
def _env(home: Path, models: Path, backend: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "RAG_HOME": str(home),
        "RAG_MODELS": str(models),
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }
    if backend:
        env["RAG_BACKEND"] = backend
    return env


def _wait_peak(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, float]:
    """Wait for ``proc``; its exit status and peak RSS (MiB), read from its VmHWM while it runs (the rusage
    of a child forked from a big process starts at the parent's peak, so it cannot be used)."""
    deadline = time.monotonic() + timeout
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _vm_hwm(proc.pid))
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.02)
    return int(proc.returncode), peak


def cold_ask(
    index_dir: Path, models: Path, question: str, backend: str | None, repeats: int
) -> dict[str, Any]:
    """``rag ask`` from process start to exit (the answer printed), warm OS file cache."""
    runs, peaks = [], []
    with tempfile.TemporaryDirectory() as home:
        env = _env(Path(home), models, backend)
        cmd = [sys.executable, "-m", "rag.cli", "ask", question, "--index", str(index_dir), "-k", "3"]
        for _ in range(repeats):
            t = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            code, peak = _wait_peak(proc, 600)
            runs.append(time.perf_counter() - t)
            peaks.append(peak)
            if code != 0:
                return {"error": f"rag ask exited with {code}"}
    return {
        "backend": backend or "default",
        "seconds": [round(r, 2) for r in runs],
        "best_s": round(min(runs), 2),
        "median_s": round(float(np.median(runs)), 2),
        "peak_rss_mb": round(max(peaks), 1),
        "load": load(),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _vm_hwm(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cold_serve(
    index_dir: Path, models: Path, question: str, backend: str | None, timeout: float = 300
) -> dict[str, Any]:
    """``rag serve``: from process start to the first successful /retrieve answer through gradio_client."""
    from gradio_client import Client

    port = _free_port()
    with tempfile.TemporaryDirectory() as home:
        env = _env(Path(home), models, backend)
        cmd = [sys.executable, "-m", "rag.cli", "serve", "--index", str(index_dir), "--port", str(port)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            up = None
            answer = None
            while time.perf_counter() - t0 < timeout and proc.poll() is None:
                try:
                    client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                except Exception:
                    time.sleep(0.1)
                    continue
                up = up or time.perf_counter() - t0
                answer = client.predict(question, 3, "hybrid", api_name="/retrieve")
                break
            done = time.perf_counter() - t0
            peak = _vm_hwm(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    if not answer:
        return {"error": f"no answer from rag serve within {timeout:.0f} s (exit {proc.returncode})"}
    return {
        "backend": backend or "default",
        "first_answer_s": round(done, 2),
        "server_up_s": round(up or done, 2),
        "peak_rss_mb": round(peak, 1),
        "load": load(),
    }


def disk_bytes(folder: Path) -> dict[str, int]:
    """Bytes on disk by file of an index folder (a snapshot's files by name, keyword/ as one)."""
    out: dict[str, int] = {}
    for p in folder.rglob("*"):
        if p.is_file():
            parts = p.relative_to(folder).parts
            key = parts[2] if len(parts) > 2 and parts[0] == "snapshots" else parts[0]
            out[key] = out.get(key, 0) + p.stat().st_size
    return out
