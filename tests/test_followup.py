"""Follow-up questions made standalone (rag.rewrite), and the follow-up set: rewriting must not lose answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import rag

FOLLOWUPS = Path(__file__).resolve().parents[1] / "rag" / "data" / "followup_qa.jsonl"
ZHEJIANG = "浙江的容错纠错机制是如何运作的？"


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        ([ZHEJIANG], "那江苏呢？", "江苏的容错纠错机制是如何运作的？"),
        (["北京丰台区通过哪些方式方便群众办事？"], "那福建泉州呢？", "福建泉州通过哪些方式方便群众办事？"),
        (["福建泉州市鲤城区出台了什么措施？"], "那安徽呢？", "安徽出台了什么措施？"),
        (["今天浙江有什么新闻？"], "那昨天呢？", "昨天浙江有什么新闻？"),
        (["浙江有什么新闻？"], "3月28日呢？", "3月28日浙江有什么新闻？"),
        (
            ["How does Zhejiang protect officials who make honest mistakes?"],
            "What about Jiangsu?",
            "How does Jiangsu protect officials who make honest mistakes?",
        ),
        (["What did Yang Dan do?"], "When did it start?", "When did Yang Dan start?"),
        (["《非公企业党建》杂志的邮发代号是多少？"], "订阅电话呢？", "非公企业党建 订阅电话？"),
    ],
)
def test_rewrites(history: list[str], question: str, expected: str) -> None:
    assert rag.rewrite(question, history) == expected


@pytest.mark.parametrize(
    ("history", "question", "needles"),
    [
        (["杨丹参与了哪些重大任务？"], "它是什么时候开始的？", ["杨丹", "是什么时候开始的？"]),
        (["杨丹是哪个单位的消防员？"], "他现在担任什么职务？", ["杨丹", "现在担任什么职务？"]),
        ([ZHEJIANG], "去年实施了多少起？", ["浙江", "容错", "去年实施了多少起？"]),
        (
            ["村(居)法律顾问和“法律明白人”如何合作？"],
            "该行动在哪几年开展？",
            ["法律明白人", "行动在哪几年开展？"],
        ),
        # the chain keeps its topic: the second question is made standalone before the third leans on it
        (["去年浙江为多少名党员干部澄清正名？", "那江苏呢？"], "有多少人？", ["江苏", "澄清", "有多少人？"]),
    ],
)
def test_a_leaning_question_carries_the_topic(history: list[str], question: str, needles: list[str]) -> None:
    out = rag.rewrite(question, history)
    assert all(n in out for n in needles), out
    assert "浙江" not in out or "江苏" not in out


@pytest.mark.parametrize(
    "question",
    [
        "常安镇党委书记叫什么名字？",
        "全国已经培养了多少名“法律明白人”？",
        "刚参加工作的年轻人经验不够，单位是怎么带他们成长的？",
        "杨丹为什么要这样做呢？",
        "How does Cangqian subdistrict in Hangzhou help young officials grow?",
        "昨天有什么新闻？",
        "what's new?",
    ],
)
def test_a_standalone_question_is_left_alone(question: str) -> None:
    assert rag.rewrite(question, [ZHEJIANG]) == question


def test_no_history_no_change() -> None:
    assert rag.rewrite("那江苏呢？", []) == "那江苏呢？"
    assert rag.rewrite("那江苏呢？", ["", "  "]) == "那江苏呢？"


def test_ask_searches_the_rewritten_question(demo_index: Any) -> None:
    reply = rag.ask("那江苏呢？", k=5, index=demo_index, history=[ZHEJIANG])
    assert reply.searched_for == "江苏的容错纠错机制是如何运作的？"
    assert all(p.citation.kind not in ("advert", "notice") for p in reply.passages)
    yang = rag.ask("它是什么时候开始的？", k=3, index=demo_index, history=["杨丹参与了哪些重大任务？"])
    assert "杨丹" in yang.searched_for and "杨丹" in yang.passages[0].text


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in FOLLOWUPS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_followup_set_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 30
    assert all(r["history"] and r["q"] and r["gold"] for r in rows)
    assert len(rag.load_qa(FOLLOWUPS)) == len(rows)


def test_rewriting_finds_more_second_turn_answers(demo_index: Any) -> None:
    rows, items = _rows(), rag.load_qa(FOLLOWUPS)

    def run(rewrite: bool) -> Any:
        turns = iter(rows)

        def ask(q: str, k: int, mode: str, index: Any) -> list[rag.Passage]:
            row = next(turns)
            return rag.retrieve(rag.rewrite(q, row["history"]) if rewrite else q, k=k, mode=mode, index=index)

        return rag.evaluate(items, index=demo_index, mode="hybrid", k=10, retrieve=ask)[0]

    typed, rewritten = run(False), run(True)
    assert rewritten.recall[1] > typed.recall[1] and rewritten.recall[5] >= typed.recall[5]
