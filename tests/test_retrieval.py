"""retrieve() on the demo page with the real model, real FAISS and real BM25."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

import rag
from rag import assemble, fusion
from rag.config import Config
from rag.errors import IndexCorrupted, IndexNotFound, InputError, ModelMismatch
from rag.store import index as store_index
from rag.store.index import Index

SAMPLE = Path(__file__).resolve().parents[1] / "rag" / "data" / "news-page-2024-03-29.txt"
QUESTION = "浙江的容错纠错机制是如何运作的？"


def test_the_first_question_finds_the_passages_about_rongcuo(demo_index: Index) -> None:
    passages = rag.retrieve(QUESTION, k=5, index=demo_index)
    assert [p.rank for p in passages] == [1, 2, 3, 4, 5]
    assert "容错" in passages[0].text
    assert sum("容错" in p.text for p in passages[:3]) >= 2
    top = passages[0].citation
    assert top.title == "激励干部大胆开拓、担当作为"
    assert top.byline and "奚瀚洋" in top.byline
    assert top.date == "2024-03-29"
    assert passages[0].answer is not None and "容错" in passages[0].answer.text


def test_an_english_question_finds_the_same_passages(demo_index: Index) -> None:
    zh = rag.retrieve(QUESTION, k=3, index=demo_index)
    en = rag.retrieve(
        "How does Zhejiang's mechanism for tolerating and correcting officials' errors work?",
        k=3,
        index=demo_index,
    )
    assert zh[0].citation.article_id == en[0].citation.article_id
    assert {p.chunk_ids[0] for p in zh} & {c for p in en for c in p.chunk_ids}
    assert any("容错" in p.text for p in en)


def test_traditional_characters_find_the_same_passage(demo_index: Index) -> None:
    zh = rag.retrieve(QUESTION, k=1, index=demo_index)[0]
    tw = rag.retrieve("浙江的容錯糾錯機制是如何運作的？", k=1, index=demo_index)[0]
    assert zh.chunk_ids == tw.chunk_ids


def test_every_citation_maps_back_to_the_source_exactly(demo_index: Index) -> None:
    many_ranges = 0
    for q in (
        QUESTION,
        "丰台区",
        "杨丹参加过多少次重大任务？",
        "法律明白人",
        "邮发代号",
        "浙江省委提出实施的激励保护行动叫什么？",
    ):
        for p in rag.retrieve(q, k=5, index=demo_index):
            doc = demo_index.documents[p.citation.doc_id]
            for start, end, off in p.citation.pieces:
                assert p.text[off : off + end - start] == doc.text[start:end]
                assert any(a <= start < end <= b for a, b in p.citation.ranges)
            assert p.citation.start == min(s for s, _, _ in p.citation.pieces)
            # One cited stretch per run of pieces with nothing left out between them, in source order.
            ranges = p.citation.ranges
            assert len(ranges) == p.text.count("\n…\n") + 1
            assert all(b1 < a2 for (_, b1), (a2, _) in itertools.pairwise(ranges))
            assert ranges[0][0] == p.citation.start and ranges[-1][1] == p.citation.end
            many_ranges += len(ranges) > 1
            if p.answer is not None:
                assert p.text[p.answer.start : p.answer.end] == p.answer.text
                assert p.citation.start <= p.answer.doc_start < p.answer.doc_end <= p.citation.end
    assert many_ranges  # the last question's passages leave text out


@pytest.mark.parametrize("mode", ["hybrid", "dense", "keyword"])
def test_every_mode_answers_and_reports_its_scores(demo_index: Index, mode: str) -> None:
    passages = rag.retrieve("去年全省共为多少名党员干部澄清正名？", k=3, index=demo_index, mode=mode)
    assert any("2244" in p.text for p in passages)
    p = passages[0]
    if mode != "keyword":
        assert p.dense_score is not None and 0 < p.dense_score <= 1.0001
    if mode == "keyword":
        assert p.dense_score is None and p.keyword_score and p.keyword_score > 0
    assert [x.score for x in passages] == sorted((x.score for x in passages), reverse=True)


def test_overlapping_chunks_of_one_article_do_not_crowd_the_top(demo_index: Index) -> None:
    passages = rag.retrieve(QUESTION, k=8, index=demo_index)
    seen: set[str] = set()
    for p in passages:
        assert not (set(p.chunk_ids) & seen)
        seen |= set(p.chunk_ids)
    quoted = [(p.citation.article_id, s, e) for p in passages for s, e, _ in p.citation.pieces]
    for i, (a, s, e) in enumerate(quoted):
        for b, s2, e2 in quoted[i + 1 :]:
            assert a != b or e <= s2 or e2 <= s, "two pieces of one article overlap"


def test_the_best_chunks_of_one_article_make_one_passage(
    demo_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chunk that matches the question best (the article's headline and lead, which names 杨丹) is not the
    one that answers it: the passage joins the article's other well-ranked chunks, marking the gap."""
    q = "How many firefighting operations has forest firefighter Yang Dan taken part in?"
    with monkeypatch.context() as m:
        m.setattr(assemble, "PASSAGE_CHUNKS", 1)
        one = rag.retrieve(q, k=5, index=demo_index)
    assert "200多次灭火作战" not in one[0].text
    top = rag.retrieve(q, k=5, index=demo_index)[0]
    assert top.citation.article_id == one[0].citation.article_id
    assert "杨丹参与过200多次灭火作战" in top.text and 1 < len(top.chunk_ids) <= 3
    assert set(one[0].chunk_ids) < set(top.chunk_ids)
    positions = [int(c.rsplit("-", 1)[1]) for c in top.chunk_ids]
    gaps = sum(b - a > 1 for a, b in itertools.pairwise(positions))
    assert top.text.count("\n…\n") == gaps
    assert len(top.citation.ranges) == gaps + 1  # one cited stretch per run of chunks, in the citation line
    assert all(f"{a}-{b}" in top.citation.line() for a, b in top.citation.ranges)
    for s, e, _ in top.citation.pieces:
        assert any(a <= s < e <= b for a, b in top.citation.ranges)
    doc = demo_index.documents[top.citation.doc_id]
    assert "".join(top.text[o : o + e - s] for s, e, o in top.citation.pieces) == "".join(
        doc.text[s:e] for s, e, _ in top.citation.pieces
    )
    assert top.answer is not None and top.text[top.answer.start : top.answer.end] == top.answer.text


def test_filters_by_source_and_date(demo_index: Index) -> None:
    assert rag.retrieve(QUESTION, k=3, index=demo_index, source="news-page")
    assert rag.retrieve(QUESTION, k=3, index=demo_index, source="no-such-file") == []
    assert rag.retrieve(QUESTION, k=3, index=demo_index, date_from="2025-01-01") == []
    assert rag.retrieve(QUESTION, k=3, index=demo_index, date_from="2024-03-28", date_to="2024-03-29")
    for bad in ("March", "2024-13-01", "2024-02-30"):
        with pytest.raises(InputError, match="date"):
            rag.retrieve(QUESTION, index=demo_index, date_from=bad)


def test_json_fields(demo_index: Index) -> None:
    d = rag.retrieve(QUESTION, k=1, index=demo_index)[0].to_dict()
    assert {"text", "score", "rank", "citation", "answer", "dense_score", "keyword_score"} <= set(d)
    assert {"doc_id", "source", "title", "start", "end", "byline", "date", "section", "article_id"} <= set(
        d["citation"]
    )


def test_reusing_an_index_does_not_reload_anything(demo_index_dir: Path) -> None:
    from rag.model import model_for_index

    config = Config.from_env()
    a = rag.open_index(demo_index_dir)
    b = rag.open_index(str(demo_index_dir))
    assert a is b
    rag.retrieve("丰台区", index=a, config=config)
    model = model_for_index(a.model, config)
    rag.retrieve("杨丹", index=a, config=config)
    assert model_for_index(a.model, config) is model


@pytest.mark.parametrize("question", ["", "   ", "\n\t", None, 42])
def test_empty_or_non_text_questions_are_clear_errors(demo_index: Index, question: object) -> None:
    with pytest.raises(InputError):
        rag.retrieve(question, index=demo_index)  # type: ignore[arg-type]


def test_bad_k_and_mode(demo_index: Index) -> None:
    with pytest.raises(InputError, match="k must"):
        rag.retrieve(QUESTION, k=0, index=demo_index)
    with pytest.raises(InputError, match="unknown mode"):
        rag.retrieve(QUESTION, index=demo_index, mode="fuzzy")


def test_control_characters_and_surrogates_and_huge_questions(demo_index: Index) -> None:
    assert rag.retrieve("浙江\x00的容错\ud800纠错\x1b机制", k=1, index=demo_index)
    assert rag.retrieve("容错纠错" * 250_000, k=1, index=demo_index)


def test_missing_and_non_index_folders(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="no index"):
        rag.retrieve(QUESTION, index=tmp_path / "nope")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(IndexNotFound, match="not an index"):
        rag.retrieve(QUESTION, index=tmp_path)


def test_a_damaged_index_file_is_a_clear_error(demo_index_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "index"
    shutil.copytree(demo_index_dir, copy)
    snap = copy / "snapshots" / (copy / "CURRENT").read_text().strip()
    faiss_file = snap / "vectors.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    with pytest.raises(IndexCorrupted, match=r"vectors\.faiss"):
        Index.open(copy)


def test_opening_an_index_with_a_different_model_is_an_error(
    demo_index_dir: Path, tiny_model_dir: Path, tmp_path: Path
) -> None:
    config = Config.from_env(model=str(tiny_model_dir))
    idx = Index.open(demo_index_dir)
    with pytest.raises(ModelMismatch, match=r"multilingual-e5-small"):
        rag.retrieve(QUESTION, index=idx, config=config)
    # ...and adding documents with another model leaves the index as it was.
    copy = tmp_path / "index"
    shutil.copytree(demo_index_dir, copy)
    before = (copy / "CURRENT").read_text()
    doc = tmp_path / "extra.txt"
    doc.write_text("北京丰台区推出新的政务服务措施，方便群众办事。" * 5, encoding="utf-8")
    with pytest.raises(ModelMismatch):
        rag.index_paths([doc], copy, config=config)
    assert (copy / "CURRENT").read_text() == before


def test_a_pinyin_name_in_an_english_question_finds_its_article(
    demo_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """丰台 and 仓前 are matched through the pinyin index; with it turned off the question loses them."""
    q = "What did Fengtai and Cangqian do?"
    on = rag.retrieve(q, k=2, index=demo_index)
    assert any("丰台" in p.text for p in on) and any("仓前" in p.text for p in on)
    assert demo_index.manifest["pinyin"]["analyzer"] == "pinyin"
    monkeypatch.setitem(fusion.WEIGHTS, "pinyin", 0.0)
    monkeypatch.setitem(fusion.WEIGHTS_EN, "pinyin", 0.0)
    off = rag.retrieve(q, k=2, index=demo_index)
    assert [p.chunk_ids for p in off] != [p.chunk_ids for p in on]


def _story_index(tmp_path: Path, embedder: object, rows: list[dict[str, str]]) -> Index:
    """An index of ``rows`` (news stories as ``stories.jsonl`` lines) built and opened with the test model."""
    stories = tmp_path / "stories.jsonl"
    stories.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    rag.index_paths([stories], tmp_path / "index", embedder=embedder)  # type: ignore[arg-type]
    index = Index.open(tmp_path / "index")
    return index


def test_a_story_reprinted_and_a_headline_linked_twice_are_one_passage_each(
    tmp_path: Path, embedder: object
) -> None:
    """The same story under two ids, and one headline published twice as a bare link (only the URLs differ):
    each is one passage in the top k, not two."""
    body = "青海省今年实施草原生态保护补助奖励政策，禁牧休牧面积进一步扩大，牧民增收渠道持续拓宽。"
    rows = [
        {"id": "a", "date": "2024-03-05", "title": "青海草场保护", "text": body},
        {"id": "b", "date": "2024-03-06", "title": "青海草场保护", "text": body},
        {
            "id": "c",
            "date": "2024-03-04",
            "title": "全国政协十四届二次会议开幕",
            "text": "[查看原文](https://tv.cctv.com/2024/03/04/VIDEabc.shtml)",
        },
        {
            "id": "d",
            "date": "2024-03-04",
            "title": "全国政协十四届二次会议开幕",
            "text": "[查看原文](https://tv.cctv.com/2024/03/04/VIDExyz.shtml)",
        },
        {
            "id": "e",
            "date": "2024-03-07",
            "title": "黄河流域水土保持",
            "text": "黄河流域今年新增水土流失治理面积一万平方公里，淤地坝除险加固全面完成。",
        },
    ]
    index = _story_index(tmp_path, embedder, rows)
    for q in ("青海草原生态保护补助政策", "全国政协会议开幕"):
        passages = rag.retrieve(q, k=3, index=index)
        titles = [p.citation.title for p in passages]
        assert len(titles) == len(set(titles)) == 3, titles


def test_english_words_are_also_searched_through_their_dictionary_translations(
    demo_index: Index, tmp_path: Path, embedder: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On an index written before the gloss field, 顾问 (adviser), 每月 (monthly) ... found for an English
    question's words add to the passages holding them, by at most the channel's weight; a Chinese question
    is untouched. With the gloss field the glosses answer instead, and the translation channel is not asked."""
    with monkeypatch.context() as m:
        m.delitem(store_index.KEYWORD_FIELDS, "gloss")
        rag.index_paths([SAMPLE], tmp_path / "old", embedder=embedder)  # type: ignore[arg-type]
    old = rag.open_index(tmp_path / "old")
    weight = fusion.WEIGHTS["translation"]
    q = "What do village legal advisers have to do during their monthly visits?"
    on = {p.chunk_ids: p.score for p in rag.retrieve(q, k=5, index=old)}
    zh_on = rag.retrieve(QUESTION, k=3, index=old)
    glossed = [(p.chunk_ids, p.score) for p in rag.retrieve(q, k=5, index=demo_index)]
    monkeypatch.setitem(fusion.WEIGHTS, "translation", 0.0)
    off = {p.chunk_ids: p.score for p in rag.retrieve(q, k=5, index=old)}
    gains = [on[c] - off[c] for c in on.keys() & off.keys()]
    assert gains and max(gains) > 0.3 and all(-1e-9 <= g <= weight + 1e-9 for g in gains)
    zh_off = rag.retrieve(QUESTION, k=3, index=old)
    assert [(p.chunk_ids, p.score) for p in zh_on] == [(p.chunk_ids, p.score) for p in zh_off]
    monkeypatch.setitem(fusion.WEIGHTS_EN, "translation", weight)
    assert [(p.chunk_ids, p.score) for p in rag.retrieve(q, k=5, index=demo_index)] == glossed


def test_a_named_person_a_quoted_phrase_and_an_abbreviation_lift_the_chunk_that_holds_them(
    tmp_path: Path, embedder: object
) -> None:
    """杨丹 (a person the question names) and “专家有约” (what it quotes) add ``fusion.PHRASE_WEIGHT`` to the
    chunk that holds them word for word, and nothing to the others; 责任编辑 in the question finds 责编
    through its abbreviation with the abbreviation channel's weight. (The personnel story shares 担任 and 职务 with the question.)"""
    rows = [
        {
            "id": "a",
            "date": "2024-03-01",
            "title": "中共中央人事任免",
            "text": "中共中央决定：张某同志担任省委书记职务；李某同志不再担任省长职务，另有任用。"
            "王某同志担任副省长职务，不再担任市长职务。",
        },
        {
            "id": "b",
            "date": "2024-03-02",
            "title": "森林消防员的坚守",
            "text": "昆明市森林消防支队禄劝中队队长助理杨丹说：“只要组织需要，我就扎根基层，一直干下去。”"
            "他参与各项重大任务多达20余次。",
        },
        {
            "id": "c",
            "date": "2024-03-03",
            "title": "专家有约",
            "text": "民营企业要成为发展新质生产力的主力军，在科技创新中发挥更大作用。本版责编：季健明 赵晓曦",
        },
    ]
    index = _story_index(tmp_path, embedder, rows)

    def gains(q: str, constant: str) -> dict[str, float]:
        """What turning ``constant`` off takes from each passage's score."""
        on = {p.citation.title: p.score for p in rag.retrieve(q, k=3, index=index)}
        with pytest.MonkeyPatch.context() as m:
            if constant == "phrase":
                m.setattr(fusion, "PHRASE_WEIGHT", 0.0)
            else:
                m.setitem(fusion.WEIGHTS, constant, 0.0)
            was = {p.citation.title: p.score for p in rag.retrieve(q, k=3, index=index)}
        assert on.keys() == was.keys()
        return {t: on[t] - was[t] for t in on}

    assert gains("杨丹现在担任什么职务？", "phrase") == pytest.approx(
        {"森林消防员的坚守": fusion.PHRASE_WEIGHT, "中共中央人事任免": 0.0, "专家有约": 0.0}
    )
    assert gains("“专家有约”栏目讲了什么？", "phrase") == pytest.approx(
        {"森林消防员的坚守": 0.0, "中共中央人事任免": 0.0, "专家有约": fusion.PHRASE_WEIGHT}
    )
    assert gains("本版的责任编辑是谁？", "abbreviation") == pytest.approx(
        {"森林消防员的坚守": 0.0, "中共中央人事任免": 0.0, "专家有约": fusion.WEIGHTS["abbreviation"]}
    )


@pytest.mark.parametrize(
    ("question", "credit"),
    [
        ("浙江这篇关于激励干部担当作为的报道是哪位记者写的？", "本报记者 奚瀚洋"),
        ("“法律明白人”示范培训班的消息是哪位记者报道的？", "记者张璠"),
        ("Who took the photo of Yang Dan doing rope rescue training?", "沈德摄"),
    ],
)
def test_a_question_about_who_wrote_or_photographed_marks_the_byline(
    demo_index: Index, question: str, credit: str
) -> None:
    """The byline and the photo credit are header lines, never marked for other questions; a question about
    who wrote or photographed the story gets the line that prints them, with exact offsets."""
    (top,) = rag.retrieve(question, k=1, index=demo_index)
    assert top.answer is not None and credit in top.answer.text
    assert top.text[top.answer.start : top.answer.end] == top.answer.text
    source = Path(top.citation.source).read_text(encoding="utf-8")
    assert credit in source[top.answer.doc_start : top.answer.doc_end]
    other = rag.retrieve("杨丹参与过多少次灭火作战？", k=1, index=demo_index)[0]
    assert other.answer is not None and other.citation.byline not in other.answer.text


def test_rag_index_setting_names_the_index_used_when_none_is_given(
    demo_index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``RAG_INDEX`` is the index ``retrieve`` searches when given none; the demo index is not built."""
    monkeypatch.setenv("RAG_INDEX", str(demo_index_dir))
    config = Config.from_env()
    assert rag.default_index(config) == demo_index_dir
    top = rag.retrieve("浙江的容错纠错机制是如何运作的？", k=1, config=config)[0]
    assert "容错" in top.text
    assert not config.index_dir.exists()
