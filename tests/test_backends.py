"""Embedding backends: the caller chooses one by argument (never the environment); the OpenVINO export of the
real default model gives the PyTorch model's vectors, is built once (atomically, beside the model, with no
loader noise) and is chosen, refused or skipped as asked."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from embeddings import ModelError, load_embedder
from embeddings.backends import BACKENDS, choose_backend, openvino_available, openvino_export_dir

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))
SAMPLE = REPO / "rag" / "data" / "news-page-2024-03-29.txt"

needs_openvino = pytest.mark.skipif(not openvino_available(), reason="the openvino package is not installed")


@contextmanager
def _transformers_log() -> Iterator[list[str]]:
    """What transformers' loggers print meanwhile (its handler holds the stderr of the time it was set up,
    which capfd does not see, so its messages are read from the logger instead)."""
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    handler = Keep(logging.DEBUG)
    logging.getLogger("transformers").addHandler(handler)
    try:
        yield seen
    finally:
        logging.getLogger("transformers").removeHandler(handler)


def _sample_texts() -> list[str]:
    """What the indexer embeds for each chunk of the sample page."""
    from rag.config import Config
    from rag.documents import iter_documents
    from rag.embedtext import chunk_text
    from rag.indexer import split_and_chunk

    config = Config.from_env(env={})
    texts: list[str] = []
    for doc in iter_documents([SAMPLE]):
        articles, chunks = split_and_chunk(doc, config)
        by_id = {a.article_id: a for a in articles}
        texts.extend(chunk_text(by_id[c.article_id], c) for c in chunks)
    return texts


def test_the_backends_are_the_ones_config_offers() -> None:
    from rag.config import BACKENDS as CONFIG_BACKENDS

    assert BACKENDS == CONFIG_BACKENDS == ("auto", "torch", "openvino")


def test_choice_of_backend() -> None:
    auto = "openvino" if openvino_available() else "torch"
    assert choose_backend("auto", device=None, default_model=True) == auto
    assert choose_backend(None, device=None, default_model=True) == auto  # None: auto
    assert choose_backend("auto", device="cpu", default_model=False) == "torch"  # auto: default model only
    assert choose_backend("auto", device="cuda", default_model=True) == "torch"
    assert choose_backend(" Torch ", device=None, default_model=True) == "torch"
    if openvino_available():
        assert choose_backend("openvino", device="cpu", default_model=False) == "openvino"
        with pytest.raises(ModelError, match="CPU only"):
            choose_backend("openvino", device="cuda", default_model=True)


@pytest.mark.parametrize("name", ["tensorrt", "openvino-bf16"])
def test_an_unknown_backend_is_a_clear_error(name: str) -> None:
    with pytest.raises(ModelError, match=r"unknown embedding backend .*choose one of auto, torch, openvino"):
        load_embedder(None, cache_dir=MODEL_CACHE, backend=name)


def test_the_environment_does_not_choose_the_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    # rag.Config reads RAG_BACKEND and passes it on; the embeddings package itself never looks.
    monkeypatch.setenv("RAG_BACKEND", "no-such-backend")
    assert load_embedder(None, cache_dir=MODEL_CACHE, backend="torch").backend == "torch"
    assert choose_backend("auto", device="cuda", default_model=True) == "torch"


def test_backends_by_name_load_the_default_model() -> None:
    torch_e5 = load_embedder(None, cache_dir=MODEL_CACHE, backend="torch")
    assert torch_e5.backend == "torch"
    if openvino_available():
        assert load_embedder(None, cache_dir=MODEL_CACHE, backend="openvino").backend == "openvino"
    else:
        with pytest.raises(ModelError, match="needs the openvino package"):
            load_embedder(None, cache_dir=MODEL_CACHE, backend="openvino")


@pytest.mark.slow
@needs_openvino
def test_openvino_vectors_match_pytorch_on_the_sample_page() -> None:
    torch_e5 = load_embedder(None, cache_dir=MODEL_CACHE, backend="torch")
    ov_e5 = load_embedder(None, cache_dir=MODEL_CACHE, backend="openvino")
    assert (torch_e5.backend, ov_e5.backend) == ("torch", "openvino")
    # same identity: indexes built with either backend are interchangeable
    assert (ov_e5.model_id, ov_e5.variant, ov_e5.dimension) == (
        torch_e5.model_id,
        torch_e5.variant,
        torch_e5.dimension,
    )
    texts = _sample_texts()
    a, b = ov_e5.encode_passages(texts), torch_e5.encode_passages(texts)
    assert a.shape == b.shape == (len(texts), 384) and a.dtype == np.float32
    assert float((a * b).sum(1).min()) >= 0.9999
    q = ["浙江的容错纠错机制是如何运作的？", "What did Yang Dan do?"]
    assert float((ov_e5.encode_queries(q) * torch_e5.encode_queries(q)).sum(1).min()) >= 0.9999
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    # a text's vector does not depend on the batch it was padded in (what ruled bf16 out)
    alone = np.vstack([ov_e5.encode_passages([t]) for t in texts[:6]])
    np.testing.assert_allclose(alone, a[:6], atol=1e-5)


@needs_openvino
def test_openvino_tokenises_exactly_as_pytorch() -> None:
    torch_e5 = load_embedder(None, cache_dir=MODEL_CACHE, backend="torch")
    ov_e5 = load_embedder(None, cache_dir=MODEL_CACHE, backend="openvino")
    odd = [
        "",
        " a  b ",
        "x" * 3000,
        "a\n\nb\tc",
        "Ｆｕｌｌ ｗｉｄｔｈ　ＡＢＣ 繁體字 😀",
        *_sample_texts()[:5],
    ]
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
    np.testing.assert_allclose(np.vstack(parts), alone, atol=1e-5)


@pytest.mark.slow
@needs_openvino
def test_openvino_for_a_local_model_folder_is_built_once_quietly_into_the_cache(
    tiny_model_dir: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from transformers.utils.logging import warning_once

    from embeddings.resolve import clear_cache

    cache = tmp_path / "exports"
    torch_tiny = load_embedder(str(tiny_model_dir), cache_dir=cache, backend="torch")
    capfd.readouterr()
    warning_once.cache_clear()  # transformers prints a notice once per process: make it printable again
    with _transformers_log() as notices:
        ov_tiny = load_embedder(str(tiny_model_dir), cache_dir=cache, backend="openvino")
    bars = capfd.readouterr().err
    assert not [m for m in notices if "loss_type" in m], notices  # the tracer reads model.loss_function
    assert "Loading weights" not in bars, bars
    assert ov_tiny.backend == "openvino" and ov_tiny.dimension == torch_tiny.dimension == 32
    texts = ["丰台区审批服务改革", "浙江将完善激励保护措施", "a"]
    cos = (ov_tiny.encode_passages(texts) * torch_tiny.encode_passages(texts)).sum(1)
    assert float(cos.min()) >= 0.9999
    exports = [p for p in cache.iterdir() if not p.name.startswith(".")]
    assert len(exports) == 1 and exports[0].name.endswith("-openvino")
    assert not [p for p in cache.iterdir() if ".tmp-" in p.name]  # nothing half-built left
    stamp = (exports[0] / "openvino_model.xml").stat().st_mtime_ns
    clear_cache()
    load_embedder(str(tiny_model_dir), cache_dir=cache, backend="openvino")
    assert (exports[0] / "openvino_model.xml").stat().st_mtime_ns == stamp  # reused, not rebuilt


def test_auto_keeps_pytorch_for_a_named_model(tiny_model_dir: Path, tmp_path: Path) -> None:
    tiny = load_embedder(str(tiny_model_dir), cache_dir=tmp_path, backend="auto")
    assert tiny.backend == "torch"
