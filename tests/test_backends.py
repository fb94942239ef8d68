"""Embedding backends: the OpenVINO export of the real default model gives the PyTorch model's vectors, is
built once (atomically, beside the model) and is chosen, refused or skipped as configured."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from embeddings import ModelError, load_embedder
from embeddings.backends import ENV_BACKEND, choose_backend, openvino_available, openvino_export_dir

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))
SAMPLE = REPO / "rag" / "data" / "news-page-2024-03-29.txt"

needs_openvino = pytest.mark.skipif(not openvino_available(), reason="the openvino package is not installed")


def _sample_texts() -> list[str]:
    from rag.config import Config
    from rag.documents import iter_documents
    from rag.indexer import split_and_chunk
    from rag.store.index import context_text

    config = Config.from_env(env={})
    texts: list[str] = []
    for doc in iter_documents([SAMPLE]):
        articles, chunks = split_and_chunk(doc, config)
        by_id = {a.article_id: a for a in articles}
        texts.extend(context_text(by_id[c.article_id], c) for c in chunks)
    return texts


def test_choice_of_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_BACKEND, raising=False)
    auto = "openvino" if openvino_available() else "torch"
    assert choose_backend(None, device=None, default_model=True) == auto
    assert choose_backend(None, device="cpu", default_model=False) == "torch"  # auto: default model only
    assert choose_backend("auto", device="cuda", default_model=True) == "torch"
    assert choose_backend("torch", device=None, default_model=True) == "torch"
    monkeypatch.setenv(ENV_BACKEND, "torch")
    assert choose_backend(None, device=None, default_model=True) == "torch"
    with pytest.raises(ModelError, match="unknown embedding backend"):
        choose_backend("tensorrt", device=None, default_model=True)
    if openvino_available():
        with pytest.raises(ModelError, match="CPU only"):
            choose_backend("openvino", device="cuda", default_model=True)


@needs_openvino
def test_openvino_vectors_match_pytorch_on_the_sample_page() -> None:
    torch_e5 = load_embedder(None, cache_dir=MODEL_CACHE, backend="torch")
    ov_e5 = load_embedder(None, cache_dir=MODEL_CACHE, backend="openvino-bf16")
    assert torch_e5.backend == "torch" and ov_e5.backend.startswith("openvino-")
    assert load_embedder(None, cache_dir=MODEL_CACHE, backend="openvino").backend == "openvino-f32"
    # same identity: indexes built with either backend are interchangeable
    assert (ov_e5.model_id, ov_e5.variant, ov_e5.dimension) == (
        torch_e5.model_id,
        torch_e5.variant,
        torch_e5.dimension,
    )
    texts = _sample_texts()
    a, b = ov_e5.encode_passages(texts), torch_e5.encode_passages(texts)
    assert a.shape == b.shape == (len(texts), 384) and a.dtype == np.float32
    assert float((a * b).sum(1).min()) >= 0.999
    q = ["浙江的容错纠错机制是如何运作的？", "What did Yang Dan do?"]
    assert float((ov_e5.encode_queries(q) * torch_e5.encode_queries(q)).sum(1).min()) >= 0.999
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    # the OpenVINO path tokenises exactly as the PyTorch path (its own fast tokenizer, edge cases included)
    odd = ["", " a  b ", "x" * 3000, "a\n\nb\tc", "Ｆｕｌｌ ｗｉｄｔｈ　ＡＢＣ 繁體字 😀", *texts[:5]]
    for text in odd:
        assert ov_e5.count_tokens(text) == torch_e5.count_tokens(text), text
    mine = ov_e5._model.tokenizer(
        odd, padding=True, truncation="longest_first", max_length=512, return_tensors="np"
    )
    theirs = torch_e5._model.tokenizer(
        odd, padding=True, truncation="longest_first", max_length=512, return_tensors="np"
    )
    np.testing.assert_array_equal(mine["input_ids"], theirs["input_ids"])
    np.testing.assert_array_equal(mine["attention_mask"], theirs["attention_mask"])
    # the export sits beside the model it came from, with its marker
    folder = next(p for p in MODEL_CACHE.iterdir() if (p / "modules.json").is_file())
    export = openvino_export_dir(folder, MODEL_CACHE)
    assert export.parent == MODEL_CACHE.resolve() and (export / "openvino_model.xml").is_file()
    assert (export / "newsrag-openvino.json").is_file()


@needs_openvino
def test_openvino_encodes_from_many_threads_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    e5 = load_embedder(None, cache_dir=MODEL_CACHE, backend="openvino")
    texts = [f"第{i}条：浙江将完善激励保护措施，落实容错纠错机制。" * (1 + i % 3) for i in range(12)]
    alone = e5.encode_passages(texts)
    with ThreadPoolExecutor(4) as pool:
        parts = list(pool.map(lambda t: e5.encode_passages([t])[0], texts))
    np.testing.assert_allclose(np.vstack(parts), alone, atol=2e-4)


@needs_openvino
def test_openvino_for_a_local_model_folder_is_built_once_into_the_cache(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "exports"
    torch_tiny = load_embedder(str(tiny_model_dir), cache_dir=cache, backend="torch")
    ov_tiny = load_embedder(str(tiny_model_dir), cache_dir=cache, backend="openvino")
    assert ov_tiny.backend == "openvino-f32" and ov_tiny.dimension == torch_tiny.dimension == 32
    texts = ["丰台区审批服务改革", "浙江将完善激励保护措施", "a"]
    cos = (ov_tiny.encode_passages(texts) * torch_tiny.encode_passages(texts)).sum(1)
    assert float(cos.min()) >= 0.9999
    exports = [p for p in cache.iterdir() if not p.name.startswith(".")]
    assert len(exports) == 1 and exports[0].name.endswith("-openvino")
    assert not [p for p in cache.iterdir() if ".tmp-" in p.name]  # nothing half-built left
    stamp = (exports[0] / "openvino_model.xml").stat().st_mtime_ns
    from embeddings.resolve import clear_cache

    clear_cache()
    load_embedder(str(tiny_model_dir), cache_dir=cache, backend="openvino")
    assert (exports[0] / "openvino_model.xml").stat().st_mtime_ns == stamp  # reused, not rebuilt


def test_auto_keeps_pytorch_for_a_named_model(tiny_model_dir: Path, tmp_path: Path) -> None:
    tiny = load_embedder(str(tiny_model_dir), cache_dir=tmp_path, backend="auto")
    assert tiny.backend == "torch"
