"""Evaluation: metrics, hit matching, the question-set loader, the shipped demo set and the CMRC converter."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from rag.errors import InputError
from rag.evaluation import (
    Metrics,
    Miss,
    QAItem,
    aggregate,
    answer_hit,
    evaluate,
    format_table,
    is_hit,
    load_qa,
    score_ranking,
    squash,
    write_misses,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "rag" / "data"
PAGE = DATA / "news-page-2024-03-29.txt"
SAMPLE_QA = DATA / "sample_page_qa.jsonl"
# Written after the defaults were fixed and never used to choose them: a check against tuning to SAMPLE_QA.
HELDOUT_QA = DATA / "heldout_page_qa.jsonl"
CMRC = ROOT.parent / "shared" / "data" / "cmrc2018" / "cmrc2018_dev.json"


def item(q: str = "q", gold: tuple[str, ...] = (), doc_id: str | None = None) -> QAItem:
    return QAItem(q=q, gold=gold, doc_id=doc_id, tags=())


# --- metrics -----------------------------------------------------------------------------------------------


def test_metrics_hand_checked() -> None:
    # First hits at rank 1, rank 3 and nowhere.
    scores = [
        score_ranking([True, False, True]),
        score_ranking([False, False, True, True]),
        score_ranking([False] * 10),
    ]
    m = aggregate(scores)
    assert m.n == 3
    assert m.recall[1] == pytest.approx(1 / 3)
    assert m.recall[5] == pytest.approx(2 / 3)
    assert m.recall[10] == pytest.approx(2 / 3)
    assert m.mrr == pytest.approx((1 + 1 / 3) / 3)
    assert m.ndcg == pytest.approx((1 + 0.5) / 3)


def test_only_first_hit_counts_and_cutoff() -> None:
    s = score_ranking([False, True, True, True])
    assert (s.rank, s.rr) == (2, 0.5)
    assert s.ndcg == pytest.approx(1 / 1.584962500721156)
    late = score_ranking([False] * 10 + [True])
    assert late.rank == 11
    assert (late.rr, late.ndcg) == (0.0, 0.0)
    assert late.recall == {1: 0.0, 5: 0.0, 10: 0.0}
    assert score_ranking([]).rank is None


def test_aggregate_empty() -> None:
    assert aggregate([]) == Metrics(n=0, recall={1: 0.0, 5: 0.0, 10: 0.0}, mrr=0.0, ndcg=0.0)


# --- matching ----------------------------------------------------------------------------------------------


def test_gold_matching_ignores_whitespace_on_both_sides() -> None:
    it = item(gold=("去年全省共实施 容错纠错241起",))
    assert is_hit("目前已有11家……去年全省共实施容\n错纠错241起。", "", it)
    assert is_hit("去年全省共实施容错纠错 241 起", "", it)
    assert not is_hit("去年全省共实施容错纠错240起", "", it)


def test_any_gold_or_doc_id_matches() -> None:
    it = item(gold=("甲乙丙丁戊己", "庚辛壬癸子丑"), doc_id="abc")
    assert is_hit("…庚辛壬癸子丑…", "zzz", it)
    assert is_hit("nothing", "abc", it)
    assert not is_hit("nothing", "abd", it)
    assert not is_hit("anything", "", item(doc_id="abc"))


# --- loader ------------------------------------------------------------------------------------------------


def write(tmp_path: Path, *lines: str) -> Path:
    p = tmp_path / "qa.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_load_qa_reads_gold_and_doc_id(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        '{"q": " 问题一 ", "gold": ["答案甲"], "tags": ["number"], "article": "x"}',
        "",
        '{"q": "问题二", "doc_id": "0123456789abcdef", "id": "DEV_0"}',
        '{"q": "问题三", "gold": "单个字符串"}',
    )
    assert load_qa(p) == [
        QAItem("问题一", ("答案甲",), None, ("number",)),
        QAItem("问题二", (), "0123456789abcdef", ()),
        QAItem("问题三", ("单个字符串",), None, ()),
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"q": "问题", "gold": ["答案"]', "not valid JSON"),
        ('{"gold": ["答案"]}', "missing question"),
        ('{"q": "  ", "gold": ["答案"]}', "missing question"),
        ('{"q": "问题"}', "'gold'"),
        ('{"q": "问题", "gold": [1]}', "'gold'"),
        ('{"q": "问题", "gold": [" "]}', "empty string"),
        ('["q", "gold"]', "JSON object"),
    ],
)
def test_load_qa_errors_name_the_line(tmp_path: Path, bad: str, message: str) -> None:
    p = write(tmp_path, '{"q": "好问题", "gold": ["答案"]}', bad)
    with pytest.raises(InputError, match=re.escape(f"{p}:2:")) as err:
        load_qa(p)
    assert message in str(err.value)


def test_load_qa_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_qa(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="no questions"):
        load_qa(write(tmp_path, "", "  "))


# --- evaluate and reports ----------------------------------------------------------------------------------


def passage(text: str, doc_id: str = "d", source: str = "s.txt") -> Any:
    return SimpleNamespace(text=text, citation=SimpleNamespace(doc_id=doc_id, source=source))


def test_evaluate_with_a_fake_retriever(tmp_path: Path) -> None:
    rankings = {
        "a": [passage("答案甲在这里"), passage("别的")],
        "b": [passage("别的内容" * 50, source="x.txt"), passage("无关"), passage("答案 乙")],
        "c": [],
    }
    calls: list[tuple[str, int, str, Any]] = []

    def fake(q: str, *, k: int, mode: str, index: Any) -> list[Any]:
        calls.append((q, k, mode, index))
        return rankings[q]

    items = [item("a", ("答案甲",)), item("b", ("答案乙",)), item("c", doc_id="d")]
    metrics, misses = evaluate(items, index="IDX", mode="dense", k=10, retrieve=fake)
    assert calls[0] == ("a", 10, "dense", "IDX")
    assert metrics.n == 3
    assert metrics.mrr == pytest.approx((1 + 1 / 3) / 3)
    assert [(m.q, m.rank_of_hit, m.first_source) for m in misses] == [("b", 3, "x.txt"), ("c", None, "")]
    assert misses[0].expected == ("答案乙",)
    assert misses[1].expected == ("d",)
    assert len(misses[0].first) <= 120

    out = tmp_path / "reports" / "misses.jsonl"
    write_misses(out, misses)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["expected"] == ["答案乙"]
    assert "答案乙" in lines[0]  # not \u-escaped


def test_answer_hit_is_an_overlap_with_a_gold_occurrence_whitespace_ignored() -> None:
    text = "第一句话。\n答案是 241 起。第三句。答案是241起"
    it = item(gold=("答案是241起",))
    first, second = (0, 5), (6, 16)
    assert text[second[0] : second[1]] == "答案是 241 起。"
    assert answer_hit(text, *second, it)
    assert not answer_hit(text, *first, it)
    assert answer_hit(text, 14, 18, it)  # "起。第三" touches the end of the first occurrence
    assert answer_hit(text, len(text) - 3, len(text), it)  # the second occurrence
    assert not answer_hit(text, 16, 20, it)  # "第三句。": between the two
    assert not answer_hit(text, 3, 3, it) and not answer_hit(text, 0, 999, it)
    assert not answer_hit(text, *second, item(doc_id="d"))


def test_answer_at_1_counts_the_marked_sentence_of_the_first_passage_only() -> None:
    def marked(text: str, start: int, end: int) -> Any:
        p = passage(text)
        p.answer = SimpleNamespace(start=start, end=end)
        return p

    rankings = {
        "right": [marked("前言。答案甲在这里。后记。", 3, 10)],  # the mark is the gold sentence
        "wrong": [marked("前言。答案甲在这里。后记。", 10, 13)],  # a hit, but 后记 is marked
        "second": [passage("别的"), marked("答案甲", 0, 3)],  # the hit is at rank 2: no answer at 1
        "doc": [passage("无关")],  # doc_id items are not measured
    }
    items = [item(q, ("答案甲",)) for q in ("right", "wrong", "second")] + [item("doc", doc_id="d")]
    metrics, _ = evaluate(items, index=None, retrieve=lambda q, **_: rankings[q])
    assert metrics.answer == pytest.approx(1 / 3)
    assert metrics.recall[1] == pytest.approx(3 / 4)  # "doc" is a hit by its doc_id
    only_doc, _ = evaluate([item("doc", doc_id="d")], index=None, retrieve=lambda q, **_: rankings[q])
    assert only_doc.answer is None
    unmarked, _ = evaluate([item("a", ("答案甲",))], index=None, retrieve=lambda q, **_: [passage("答案甲")])
    assert unmarked.answer is None  # passages without answering sentences (highlight off): not measured


def test_format_table_has_modes_side_by_side() -> None:
    m = Metrics(n=3, recall={1: 1 / 3, 5: 2 / 3, 10: 2 / 3}, mrr=0.444444, ndcg=0.5)
    table = format_table({"hybrid": m, "keyword": m._replace(mrr=0.1)})
    lines = table.splitlines()
    assert lines[0].split() == ["mode", "n", "R@1", "R@5", "R@10", "MRR@10", "nDCG@10"]
    assert lines[2].split() == ["hybrid", "3", "0.333", "0.667", "0.667", "0.444", "0.500"]
    assert lines[3].split()[0] == "keyword"
    with_answer = format_table({"hybrid": m._replace(answer=0.75), "keyword": m}).splitlines()
    assert with_answer[0].split()[-1] == "Ans@1"
    assert with_answer[2].split()[-1] == "0.750" and with_answer[3].split()[-1] == "-"


def test_miss_is_a_plain_record() -> None:
    assert Miss("q", ("g",), "first", "src", None)._asdict()["rank_of_hit"] is None


# --- the shipped demo-page question set --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "english", "traditional"), [(SAMPLE_QA, 8, 4), (HELDOUT_QA, 5, 2)], ids=["sample", "heldout"]
)
def test_sample_page_qa_set(path: Path, english: int, traditional: int) -> None:
    items = load_qa(path)
    assert len(items) >= 50
    tags = [t for it in items for t in it.tags]
    assert tags.count("english") >= english
    assert tags.count("traditional") >= traditional
    assert tags.count("paraphrase") >= 5
    assert len({it.q for it in items}) == len(items), "duplicate questions"
    if path == HELDOUT_QA:
        assert not {it.q for it in items} & {it.q for it in load_qa(SAMPLE_QA)}
    for it in items:
        assert it.gold and len(it.gold) <= 3, it.q
        if "english" in it.tags:
            assert re.match(r"[A-Za-z]", it.q), it.q


@pytest.mark.parametrize("path", [SAMPLE_QA, HELDOUT_QA], ids=["sample", "heldout"])
def test_sample_page_gold_is_on_the_page(path: Path) -> None:
    """Every gold substring is copied from the page, 6-25 characters, and never spans a column break.

    A column break shows up as a blank line in the middle of a sentence, so each gold substring must lie
    within one blank-line-separated block of the page (whitespace ignored).
    """
    page = PAGE.read_text(encoding="utf-8")
    blocks = [squash(b) for b in re.split(r"\n\s*\n", page)]
    for it in load_qa(path):
        for g in it.gold:
            flat = squash(g)
            assert 6 <= len(flat) <= 25, (it.q, g)
            assert any(flat in b for b in blocks), (
                f"gold {g!r} of {it.q!r} is not within one block of the page"
            )


def test_sample_page_covers_every_article() -> None:
    articles = {
        json.loads(line)["article"] for line in SAMPLE_QA.read_text(encoding="utf-8").splitlines() if line
    }
    for needle in (
        "容错纠错",
        "选贤任能",
        "澄清正名",
        "杨丹",
        "丰台",
        "鲤城",
        "清明",
        "法律明白人",
        "安徽",
        "图片",
        "非公",
    ):
        assert any(needle in a for a in articles), needle


# --- CMRC 2018 converter -----------------------------------------------------------------------------------


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cmrc2018", ROOT / "bench" / "cmrc2018.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_doc_id_rule(tmp_path: Path) -> None:
    bench = load_bench()

    corpus = tmp_path / "corpus.jsonl"
    expected = hashlib.sha1(f"{corpus.resolve()}#DEV_0".encode()).hexdigest()[:16]
    assert bench.jsonl_doc_id(corpus, "DEV_0") == expected


@pytest.mark.skipif(not CMRC.exists(), reason="../shared/data/cmrc2018 is not present")
def test_cmrc_converter_counts(tmp_path: Path) -> None:
    bench = load_bench()
    stats = bench.build(tmp_path / "cmrc", CMRC)
    assert (stats.paragraphs, stats.questions) == (848, 3219)
    corpus = [json.loads(x) for x in stats.corpus.read_text(encoding="utf-8").splitlines()]
    assert len(corpus) == 848 and {"id", "title", "text"} <= set(corpus[0])
    ids = {c["id"] for c in corpus}
    items = load_qa(stats.qa)
    assert len(items) == 3219
    raw = [json.loads(x) for x in stats.qa.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in raw} <= ids
    assert all(r["doc_id"] == bench.jsonl_doc_id(stats.corpus, r["id"]) for r in raw[:50])


def test_cmrc_converter_rejects_a_wrong_file(tmp_path: Path) -> None:
    bench = load_bench()
    src = tmp_path / "small.json"
    src.write_text(
        json.dumps(
            [{"context_id": "D0", "title": "t", "context_text": "文本", "qas": [{"query_text": "问"}]}]
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="expected 848"):
        bench.build(tmp_path / "out", src)
    with pytest.raises(FileNotFoundError):
        bench.build(tmp_path / "out", tmp_path / "missing.json")
