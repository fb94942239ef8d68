"""Embedding throughput of a multilingual-e5-small-shaped model on CUDA in bf16, batch 512, synthetic text.

    python bench/gpu_throughput.py MODEL_FOLDER [N] [--batch 512] [--chars 300]

MODEL_FOLDER is a sentence-transformers folder (e.g. .rag-home/models/multilingual-e5-small-offline-q4-...).
Prints one JSON object: chunks/s and tokens/s (best of 3 timed passes after a warm-up), device, settings.
Needs only torch, transformers and sentence-transformers: no project install.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import torch
from sentence_transformers import SentenceTransformer

# Common words of Chinese news: random sequences of them tokenise like news text (~0.5 token per character).
WORDS = (
    "中国 发展 经济 建设 国家 人民 工作 社会 企业 市场 政府 全国 会议 记者 报道 今年 地区 项目 群众 推进 加强 "
    "实施 提高 服务 创新 改革 开放 合作 国际 文化 教育 科技 生态 环境 保护 农村 城市 产业 增长 政策 制度 安全 "
    "治理 规划 重点 领域 问题 目标 任务 部门 干部 机制 能力 水平 质量 习近平 总书记 中央 省委 代表 委员 就业"
).split()
PUNCT = "，。、；："


def synthetic_texts(n: int, chars: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        body = ""
        while len(body) < chars:
            body += rng.choice(WORDS) + (rng.choice(PUNCT) if rng.random() < 0.15 else "")
        out.append("passage: " + body[:chars])
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("n", nargs="?", type=int, default=20000)
    p.add_argument("--batch", type=int, default=512)
    p.add_argument("--chars", type=int, default=300)
    p.add_argument("--device", default="cuda")
    a = p.parse_args()
    st = SentenceTransformer(a.model, device=a.device).to(torch.bfloat16)
    sync = torch.cuda.synchronize if a.device.startswith("cuda") else (lambda: None)
    texts = synthetic_texts(a.n, a.chars)
    tokens = sum(
        len(ids) for ids in st.tokenizer(texts, truncation=True, max_length=st.max_seq_length)["input_ids"]
    )
    st.encode(texts[: 2 * a.batch], batch_size=a.batch)  # warm-up (kernels, allocator)
    runs = []
    for _ in range(3):
        sync()
        t = time.perf_counter()
        st.encode(texts, batch_size=a.batch, convert_to_numpy=True, normalize_embeddings=True)
        sync()
        runs.append(time.perf_counter() - t)
    best, cuda = min(runs), a.device.startswith("cuda")
    out = dict(device=torch.cuda.get_device_name(0) if cuda else a.device, dtype="bfloat16", batch=a.batch)
    out.update(chunks=a.n, chars_per_chunk=a.chars, tokens=tokens, tokens_per_chunk=round(tokens / a.n, 1))
    out.update(seconds=[round(r, 3) for r in runs], chunks_per_s=round(a.n / best, 1))
    out.update(tokens_per_s=round(tokens / best), torch=torch.__version__)
    out.update(peak_gpu_mib=round(torch.cuda.max_memory_allocated() / 2**20) if cuda else 0)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
