"""``python -m bench.milvus``: the Milvus store beside the index folder at the same sizes, on this machine.

For each size: the same records, vectors, sentence vectors and keyword fields are written as an index folder
(``Index.write``) and published into Milvus (rag.store.milvus_write: what ``rag index`` does after its
embedding step, which is the same for both stores); then ``retrieve()`` in hybrid mode with the answering
sentence, warm, one question at a time, p50/p95 on both. Milvus runs as a Milvus Lite file in this process
(default) or as a ``milvus-lite server`` started here (``--server``).

    python -m bench.milvus                       # 10k chunks, Lite in-process and server
    python -m bench.milvus --sizes 100000        # the issue's size (the publish takes minutes)

Texts: the sample page and the CMRC 2018 dev paragraphs (bench/cmrc2018.py builds them into ``--cmrc``),
replicated under new ids above their ~2,000 chunks; vectors: the page's real vectors plus semi-synthetic ones
(bench.corpus); questions: the sample-page questions. Results: ``bench/results/milvus-<time>.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import corpus, measure

RESULTS = corpus.REPO / "bench" / "results"


def _records(cmrc: Path) -> corpus.Records:
    page = corpus.sample_page()
    if not (cmrc / "corpus.jsonl").is_file():
        subprocess.run([sys.executable, str(corpus.REPO / "bench" / "cmrc2018.py"), str(cmrc)], check=True)
    more = corpus.load([cmrc / "corpus.jsonl"])
    return corpus.Records(
        {**page.documents, **more.documents}, {**page.articles, **more.articles}, page.chunks + more.chunks
    )


def _folder(base: corpus.Records, real: Any, embedder: Any, size: int, tmp: Path) -> tuple[Any, float]:
    """An index folder of ``size`` chunks written by the real writer, opened; and the write's seconds."""
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
    texts = [chunk_text(records.articles[c.article_id], c) for c in records.chunks]
    model = ModelInfo(embedder.model_id, embedder.variant, embedder.dimension)
    t0 = time.perf_counter()
    Index.write(tmp / f"folder-{size}", content, texts, model, {})
    return Index.open(tmp / f"folder-{size}"), time.perf_counter() - t0


def _latency(index: Any, qs: list[str], config: Any) -> dict[str, Any]:
    from rag.search import retrieve

    retrieve(qs[0], index=index, mode="hybrid", config=config)  # warm: the model, caches
    return measure.pct(measure.each(lambda q: retrieve(q, index=index, mode="hybrid", config=config), qs))


def _server(data: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    exe = Path(sys.executable).parent / "milvus-lite"
    cmd = [str(exe), "server", "--data-dir", str(data), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc, f"milvus://127.0.0.1:{port}/bench"
        time.sleep(0.2)
    raise RuntimeError("milvus-lite server did not start")


def _milvus(place: str, folder_index: Any, qs: list[str], config: Any) -> dict[str, Any]:
    import rag.store.milvus
    from rag.store.milvus import MilvusIndex, location
    from rag.store.milvus_write import publish, writer

    rag.store.milvus.TIMEOUT = 1800.0  # Milvus Lite builds an HNSW graph on the first search: minutes at 100k
    loc = location(place)
    assert loc is not None
    n = len(folder_index.chunks)
    t0 = time.perf_counter()
    with writer(loc):
        publish(loc, folder_index)
    t_pub = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = MilvusIndex.open(loc)
    t_open = time.perf_counter() - t0
    t0 = time.perf_counter()
    index.dense_top(folder_index.vectors.vectors()[0], 10)
    t_first = time.perf_counter() - t0
    out = {
        "first_search_s": round(t_first, 1),
        "publish_s": round(t_pub, 1),
        "publish_chunks_per_s": round(n / t_pub, 1),
        "sentences": int(folder_index.sentences.offsets[-1]),
        "open_s": round(t_open, 2),
        "hybrid+highlight": _latency(index, qs, config),
        "load": measure.load(),
    }
    del index
    gc.collect()
    return out


def run(
    size: int, base: corpus.Records, real: Any, embedder: Any, qs: list[str], modes: list[str]
) -> dict[str, Any]:
    from rag.config import Config

    config = Config.from_env()
    out: dict[str, Any] = {"size": size, "texts": f"{len(base.chunks)} real chunks, replicated"}
    with tempfile.TemporaryDirectory() as tmp:
        folder, t_write = _folder(base, real, embedder, size, Path(tmp))
        out["folder"] = {
            "write_s": round(t_write, 1),
            "write_chunks_per_s": round(size / t_write, 1),
            "vector_index": folder.vectors.kind,
            "hybrid+highlight": _latency(folder, qs, config),
            "load": measure.load(),
        }
        _say(f"{size}: folder {out['folder']}")
        if "lite" in modes:
            out["milvus_lite"] = _milvus(str(Path(tmp) / "bench.db"), folder, qs, config)
            _say(f"{size}: Milvus Lite in-process {out['milvus_lite']}")
        if "server" in modes:
            proc, place = _server(Path(tmp) / "server")
            try:
                out["milvus_server"] = _milvus(place, folder, qs, config)
            finally:
                os.kill(proc.pid, signal.SIGTERM)
                proc.wait(timeout=60)
            _say(f"{size}: milvus-lite server {out['milvus_server']}")
    return out


def for_bench(
    sizes: list[int], embedder: Any, qs: list[str], cmrc: Path | None = None
) -> list[dict[str, Any]]:
    """The Milvus rows of ``python -m bench`` (bench.perf): both Milvus forms beside the folder at ``sizes``."""
    base = _records(cmrc or Path(tempfile.gettempdir()) / "newsrag-cmrc2018")
    real = embedder.encode_passages(corpus.sample_page().texts())
    return [run(size, base, real, embedder, qs, ["lite", "server"]) for size in sizes]


def table(runs: list[dict[str, Any]]) -> list[str]:
    """One line per size and store: write rate, hybrid p50/p95 with the answering sentence."""
    out = []
    for r in runs:
        for store in ("folder", "milvus_lite", "milvus_server"):
            if store in r:
                s, h = r[store], r[store]["hybrid+highlight"]
                rate = s.get("publish_chunks_per_s", s.get("write_chunks_per_s"))
                out.append(
                    f"  {r['size']:8d} {store:14s} write {rate:8.1f} ch/s  hybrid p50 {h['p50_ms']:7.1f} ms"
                    f"  p95 {h['p95_ms']:7.1f} ms  [{s['load']}]"
                )
    return out


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.milvus", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000", help="comma-separated chunk counts (default 10000)")
    p.add_argument("--questions", type=int, default=40)
    p.add_argument("--modes", default="lite,server", help="lite, server or both (default)")
    p.add_argument("--cmrc", default=str(Path(tempfile.gettempdir()) / "newsrag-cmrc2018"))
    p.add_argument("--models", help="model cache folder (default $RAG_MODELS)")
    p.add_argument("--out", default=str(RESULTS))
    args = p.parse_args(argv)
    from embeddings import load_embedder

    embedder = load_embedder(None, cache_dir=Path(args.models) if args.models else None)
    base = _records(Path(args.cmrc))
    real = embedder.encode_passages(corpus.sample_page().texts())
    qs = corpus.questions(args.questions)
    result: dict[str, Any] = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "runs": []}
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        result["runs"].append(run(size, base, real, embedder, qs, args.modes.split(",")))
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"milvus-{result['when'][:19].replace(':', '').replace('-', '')}.json"
        path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n".join(table(result["runs"])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
