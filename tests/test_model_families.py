"""Another model family end to end: a bge-m3 style model (XLM-RoBERTa, 8,192 tokens, CLS pooling, no
prompts, another dimension) indexes, answers with exact citations, and is never mixed with e5-small.

The model is built in the test with random weights (tests/conftest.py::m3_style_model_dir), so what is
checked is the plumbing a user's real bge-m3 goes through, not its quality."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import rag
from embeddings import load_embedder
from rag.config import Config
from rag.errors import ModelMismatch

SAMPLE = Path(__file__).resolve().parents[1] / "rag" / "data" / "news-page-2024-03-29.txt"

QUESTION = "浙江的容错纠错机制是如何运作的？"


@pytest.fixture(scope="module")
def m3(m3_style_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> object:
    return load_embedder(str(m3_style_model_dir), cache_dir=tmp_path_factory.mktemp("cache"), backend="torch")


@pytest.fixture(scope="module")
def m3_index(m3_style_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("m3-index") / "index"
    rag.index_paths([SAMPLE], folder, config=Config.from_env(model=str(m3_style_model_dir)))
    return folder


def test_the_model_reads_long_texts_pools_its_cls_token_and_takes_no_prompt(m3: object) -> None:
    assert (m3.dimension, m3.max_seq_length, m3.pooling) == (64, 8192, "cls")  # type: ignore[attr-defined]
    assert m3.query_prompt is None and m3.passage_prompt is None  # type: ignore[attr-defined]
    long = SAMPLE.read_text(encoding="utf-8")[:6000]
    assert 512 < m3.count_tokens(long) <= 8192  # type: ignore[attr-defined]
    # Read whole: the tokenizer gives every token to the model (a 512-token model would cut the text off).
    assert len(m3._offsets(long)) == m3.count_tokens(long)  # type: ignore[attr-defined]


def test_sentence_vectors_of_a_cls_model_are_the_sentences_embedded_on_their_own(m3: object) -> None:
    text = "浙江将完善激励保护措施。进一步落实容错纠错机制、澄清正名机制。激励干部大胆开拓、担当作为。"
    spans = [(0, 10), (10, 31), (31, len(text))]
    vectors, per_span = m3.encode_passages_with_spans([text], [spans])  # type: ignore[attr-defined]
    np.testing.assert_allclose(vectors, m3.encode_passages([text]), atol=1e-5)  # type: ignore[attr-defined]
    alone = m3.encode_passages([text[a:b] for a, b in spans])  # type: ignore[attr-defined]
    np.testing.assert_allclose(per_span[0], alone, atol=1e-5)


def test_an_index_built_with_it_answers_with_exact_citations(
    m3_index: Path, m3_style_model_dir: Path
) -> None:
    idx = rag.open_index(m3_index)
    assert (idx.model.model_id, idx.model.dimension) == (str(m3_style_model_dir), 64)
    assert idx.vectors.dimension == 64
    # No model setting: the index's own model is loaded to search it.
    passages = rag.retrieve(QUESTION, k=5, index=idx, config=Config.from_env())
    assert passages and any("容错纠错" in p.text for p in passages)
    for p in passages:
        doc = idx.documents[p.citation.doc_id]
        for start, end, off in p.citation.pieces:
            assert p.text[off : off + end - start] == doc.text[start:end]
        if p.answer is not None:
            assert p.text[p.answer.start : p.answer.end] == p.answer.text


def test_an_index_is_never_searched_or_extended_with_a_model_of_another_family(
    m3_index: Path, m3_style_model_dir: Path, demo_index_dir: Path, tmp_path: Path
) -> None:
    e5 = Config.from_env(model="intfloat/multilingual-e5-small")
    with pytest.raises(ModelMismatch, match=r"64-d.*384-d"):
        rag.retrieve(QUESTION, index=m3_index, config=e5)
    with pytest.raises(ModelMismatch, match=r"384-d.*64-d"):
        rag.retrieve(QUESTION, index=demo_index_dir, config=Config.from_env(model=str(m3_style_model_dir)))
    extra = tmp_path / "extra.txt"
    extra.write_text("北京丰台区推出新的政务服务措施，方便群众办事。" * 5, encoding="utf-8")
    before = (m3_index / "CURRENT").read_text()
    with pytest.raises(ModelMismatch):
        rag.index_paths([extra], m3_index, config=e5)
    assert (m3_index / "CURRENT").read_text() == before
