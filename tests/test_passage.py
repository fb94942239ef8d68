"""Passage.to_dict() -> JSON -> Passage.from_dict() gives the passage back (the chat and API clients rely on it)."""

from __future__ import annotations

import json

import pytest

from rag import Answer, Citation, InputError, Passage

CITATION = Citation(
    doc_id="d1",
    article_id="d1#a2",
    source="/news/page.txt",
    name="page.txt",
    title="激励干部大胆开拓",
    kicker=None,
    byline="本报记者 李明",
    date="2024-03-29",
    section="要闻",
    kind="article",
    start=100,
    end=180,
    pieces=((100, 130, 0), (150, 180, 33)),
    url=None,
    ranges=((100, 130), (150, 180)),
)


def roundtrip(p: Passage) -> Passage:
    return Passage.from_dict(json.loads(json.dumps(p.to_dict(), ensure_ascii=False)))


def test_passage_survives_json() -> None:
    p = Passage(
        text="甲" * 30 + "\n…\n" + "乙" * 30,
        score=0.8125,
        rank=2,
        citation=CITATION,
        dense_score=0.5,
        keyword_score=None,
        answer=Answer("甲甲", 0, 2, 100, 102, 0.75),
        chunk_ids=("c1", "c2"),
    )
    back = roundtrip(p)
    assert back == p
    assert isinstance(back.citation.pieces[0], tuple) and isinstance(back.citation.ranges, tuple)
    assert Citation.from_dict(CITATION.to_dict()) == CITATION


def test_minimal_passage_and_bad_data() -> None:
    p = Passage(text="甲乙", score=0.5, rank=1, citation=CITATION._replace(ranges=()))
    assert roundtrip(p) == p
    for bad in ({}, {"text": "x", "score": 1, "rank": 1, "citation": {"doc_id": "d"}}, {"citation": None}):
        with pytest.raises(InputError, match="not a passage"):
            Passage.from_dict(bad)
