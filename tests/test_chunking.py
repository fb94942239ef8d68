"""The chunk-offset contract, on the sample page and on generated text (see rag/chunking.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rag.articles import split_articles
from rag.chunking import Chunk, chunk_article, is_meaningful
from rag.documents import Document, doc_id_for

SAMPLE = Path(__file__).resolve().parents[1] / "rag" / "data" / "news-page-2024-03-29.txt"


def _doc(text: str, name: str = "/tmp/page.txt") -> Document:
    return Document(doc_id=doc_id_for(name), source=name, text=text, format="txt", encoding="utf-8")


def _check_contract(doc: Document, chunks: list[Chunk], min_chars: int) -> None:
    for ch in chunks:
        assert doc.text[ch.start : ch.end] == ch.text
        assert ch.clean.strip() == ch.clean and ch.clean
        assert is_meaningful(ch.clean), ch.clean
        covered = [False] * len(ch.clean)
        for start, end, off in ch.pieces:
            assert ch.clean[off : off + end - start] == doc.text[start:end]
            assert ch.start <= start < end <= ch.end
            for i in range(off, off + end - start):
                covered[i] = True
        # Whatever no piece covers is a paragraph separator inserted between pieces.
        assert all(c or ch.clean[i] == "\n" for i, c in enumerate(covered))


def _chunks(doc: Document, **kw: int) -> list[Chunk]:
    out: list[Chunk] = []
    for art in split_articles(doc):
        out.extend(chunk_article(doc.text, art, **kw))
    return out


@pytest.fixture(scope="module")
def page() -> Document:
    return _doc(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))


@pytest.mark.parametrize(("size", "overlap"), [(300, 50), (200, 0), (500, 100), (120, 30)])
def test_every_chunk_of_the_sample_page_round_trips(page: Document, size: int, overlap: int) -> None:
    chunks = _chunks(page, chunk_size=size, chunk_overlap=overlap, min_chunk_chars=40)
    assert len(chunks) > 10
    _check_contract(page, chunks, 40)


def test_chunks_recombine_to_every_body_character(page: Document) -> None:
    for art in split_articles(page):
        chunks = chunk_article(page.text, art, chunk_size=200, chunk_overlap=30)
        covered: set[int] = set()
        for ch in chunks:
            for start, end, _ in ch.pieces:
                covered.update(range(start, end))
        for b in art.blocks:
            missing = [i for i in range(b.start, b.end) if i not in covered and not page.text[i].isspace()]
            assert not missing, (art.title, page.text[b.start : b.end][:30])


def test_column_breaks_are_rejoined_in_clean_text(page: Document) -> None:
    chunks = _chunks(page)
    joined = "".join(c.clean for c in chunks)
    assert "适用范围、操作程序" in joined
    assert "医共体齐贤分院" in joined
    assert "白晓东近期在活动" in joined
    # ...while the original slice still holds the break exactly as printed.
    ch = next(c for c in chunks if "适用范围、操作程序" in c.clean)
    assert "适用范围、\n\n操作程序" in ch.text


def test_chunks_never_cross_a_section_or_article(page: Document) -> None:
    for art in split_articles(page):
        for ch in chunk_article(page.text, art):
            assert ch.article_id == art.article_id
            assert art.start <= ch.start and ch.end <= art.end
            heads = [s for s in art.sections if ch.start < s.start < ch.end]
            assert not heads, (ch.clean[:30], heads)


def test_no_lone_punctuation_chunks_and_sentence_ends_stay_with_their_sentence() -> None:
    text = "\n\n".join(f"这是第{i}个句子，它讲了一件重要的事情。" * 3 for i in range(12))
    doc = _doc(text)
    chunks = _chunks(doc, chunk_size=60, chunk_overlap=0, min_chunk_chars=10)
    for ch in chunks:
        assert not re.fullmatch(r"[。！？；，、\s]+", ch.clean)
        assert not ch.clean.startswith(("。", "，", "！", "？"))
        assert ch.clean.endswith("。"), ch.clean


def test_tiny_fragments_join_a_neighbour() -> None:
    text = "第一段有足够长的内容，用来组成一个正常大小的块，里面写了很多很多的字。\n\n短。\n\n第三段同样有足够长的内容，也写了很多很多的字，组成另一个块。"
    chunks = _chunks(_doc(text), chunk_size=40, chunk_overlap=0, min_chunk_chars=10)
    assert all(len(c.clean) >= 10 for c in chunks)
    assert any("短。" in c.clean for c in chunks)


def test_overlap_must_be_smaller_than_size(page: Document) -> None:
    art = split_articles(page)[0]
    with pytest.raises(ValueError, match="chunk_overlap"):
        chunk_article(page.text, art, chunk_size=100, chunk_overlap=100)


_sentence = st.text(
    alphabet=st.sampled_from(list("浙江干部容错纠错机制澄清正名群众办事数字ABCxyz0123456789 ")),
    min_size=1,
    max_size=60,
).map(lambda s: s + "。")
_para = st.lists(_sentence, min_size=1, max_size=6).map("".join)
_page = st.lists(_para, min_size=1, max_size=8).map(lambda ps: "\n\n".join(ps))


@settings(max_examples=60, deadline=None)
@given(text=_page, size=st.integers(20, 400), overlap_frac=st.floats(0, 0.5))
def test_contract_holds_on_generated_text(text: str, size: int, overlap_frac: float) -> None:
    doc = _doc(text)
    chunks = _chunks(doc, chunk_size=size, chunk_overlap=int(size * overlap_frac), min_chunk_chars=8)
    _check_contract(doc, chunks, 8)
    body = "".join(ch for ch in text if not ch.isspace() and ch != "。")
    got = "".join(ch for c in chunks for ch in c.clean if not ch.isspace() and ch != "。")
    assert set(body) <= set(got) or not is_meaningful(text)
