"""Dates in questions: the expression table (rag.parse_dates), and the filter as retrieve/ask apply it on the
demo page (dated 2024-03-28 and 2024-03-29): applied when the index holds articles in the span, else not."""

from __future__ import annotations

from typing import Any

import pytest

import rag
from rag.dates import is_listing

TODAY = "2024-03-29"  # a Friday

# (question, expected span, the words it came from, the question without them); span None: no date.
TABLE: list[tuple[str, tuple[str, str] | None, tuple[str, ...], str]] = [
    ("今天有什么新闻？", ("2024-03-29", "2024-03-29"), ("今天",), "有什么新闻？"),
    ("今日要闻", ("2024-03-29", "2024-03-29"), ("今日",), "要闻"),
    ("昨天浙江发生了什么？", ("2024-03-28", "2024-03-28"), ("昨天",), "浙江发生了什么？"),
    ("前天的新闻", ("2024-03-27", "2024-03-27"), ("前天",), "新闻"),
    ("大前天", ("2024-03-26", "2024-03-26"), ("大前天",), ""),
    ("本周有哪些报道", ("2024-03-25", "2024-03-31"), ("本周",), "有哪些报道"),
    ("这个星期的消防新闻", ("2024-03-25", "2024-03-31"), ("这个星期",), "消防新闻"),
    ("上周安徽有什么新闻", ("2024-03-18", "2024-03-24"), ("上周",), "安徽有什么新闻"),
    ("本月浙江的干部政策", ("2024-03-01", "2024-03-31"), ("本月",), "浙江的干部政策"),
    ("上个月的消息", ("2024-02-01", "2024-02-29"), ("上个月",), "消息"),
    ("今年清明祭英烈活动", ("2024-01-01", "2024-12-31"), ("今年",), "清明祭英烈活动"),
    ("去年浙江实施了多少起容错纠错？", ("2023-01-01", "2023-12-31"), ("去年",), "浙江实施了多少起容错纠错？"),
    ("前年的报道", ("2022-01-01", "2022-12-31"), ("前年",), "报道"),
    ("3月29日的新闻", ("2024-03-29", "2024-03-29"), ("3月29日",), "新闻"),
    ("3月28号安徽出台了什么措施？", ("2024-03-28", "2024-03-28"), ("3月28号",), "安徽出台了什么措施？"),
    ("12月31日", ("2023-12-31", "2023-12-31"), ("12月31日",), ""),  # no year: the latest one before today
    ("2024年3月", ("2024-03-01", "2024-03-31"), ("2024年3月",), ""),
    ("2024年3月29日杨丹", ("2024-03-29", "2024-03-29"), ("2024年3月29日",), "杨丹"),
    ("二〇二四年三月二十九日", ("2024-03-29", "2024-03-29"), ("二〇二四年三月二十九日",), ""),
    ("2024-03-28 的报道", ("2024-03-28", "2024-03-28"), ("2024-03-28",), "报道"),
    ("2023年的新闻", ("2023-01-01", "2023-12-31"), ("2023年",), "新闻"),
    ("最近三天", ("2024-03-27", "2024-03-29"), ("最近三天",), ""),
    ("近一周的报道", ("2024-03-23", "2024-03-29"), ("近一周",), "报道"),
    ("3月28日到3月29日的新闻", ("2024-03-28", "2024-03-29"), ("3月28日", "3月29日"), "新闻"),
    ("What's new today?", ("2024-03-29", "2024-03-29"), ("today",), "What's new?"),
    ("what happened yesterday", ("2024-03-28", "2024-03-28"), ("yesterday",), "what happened"),
    ("the day before yesterday", ("2024-03-27", "2024-03-27"), ("the day before yesterday",), ""),
    ("news from last week", ("2024-03-18", "2024-03-24"), ("last week",), "news"),
    ("fires this week", ("2024-03-25", "2024-03-31"), ("this week",), "fires"),
    ("Zhejiang this month", ("2024-03-01", "2024-03-31"), ("this month",), "Zhejiang"),
    ("last month", ("2024-02-01", "2024-02-29"), ("last month",), ""),
    ("What happened last year?", ("2023-01-01", "2023-12-31"), ("last year",), "What happened?"),
    ("officials in March 2024", ("2024-03-01", "2024-03-31"), ("in March 2024",), "officials"),
    ("What happened on March 29?", ("2024-03-29", "2024-03-29"), ("on March 29",), "What happened?"),
    ("on 28 March 2024", ("2024-03-28", "2024-03-28"), ("on 28 March 2024",), ""),
    ("Mar 28, 2024", ("2024-03-28", "2024-03-28"), ("Mar 28, 2024",), ""),
    ("Anhui news in the last 3 days", ("2024-03-27", "2024-03-29"), ("in the last 3 days",), "Anhui news"),
    ("in 2023", ("2023-01-01", "2023-12-31"), ("in 2023",), ""),
    # dates that are part of what is asked, not when it was published: no filter
    ("2006年以来杨丹参与了多少次重大任务？", None, (), ""),
    ("活动从3月下旬持续至5月中旬", None, (), ""),
    ("自2024年至2025年在全国集中开展", None, (), ""),
    ("《非公企业党建》2024年第3期的卷首文章是什么？", None, (), ""),
    ("村(居)法律顾问多久驻村一次？", None, (), ""),
    ("march forward", None, (), ""),  # "march" and "may" are months only when capitalised
    ("2月30日", None, (), ""),  # no such day
]


@pytest.mark.parametrize(("question", "span", "words", "rest"), TABLE, ids=[t[0] for t in TABLE])
def test_date_expressions(
    question: str, span: tuple[str, str] | None, words: tuple[str, ...], rest: str
) -> None:
    found = rag.parse_dates(question, TODAY)
    if span is None:
        assert found is None
        return
    assert found is not None
    assert (found.date_from, found.date_to) == span
    assert found.words == words
    assert found.question == rest


def test_the_table_is_large_enough() -> None:
    assert sum(1 for row in TABLE if row[1] is not None) >= 25


def test_today_defaults_to_the_clock_and_bad_today_is_an_input_error() -> None:
    assert rag.parse_dates("今天") is not None
    with pytest.raises(rag.InputError, match="today must be a date"):
        rag.parse_dates("今天", "yesterday")
    assert rag.parse_dates("杨丹", TODAY) is None


@pytest.mark.parametrize(
    ("rest", "listing"),
    [
        ("有什么新闻？", True),
        ("新闻", True),
        ("的新闻", True),
        ("发生了什么", True),
        ("最新消息", True),
        ("What's new?", True),
        ("latest news", True),
        ("安徽有什么新闻", False),
        ("what happened in Anhui", False),
        ("杨丹", False),
    ],
)
def test_a_question_naming_no_topic_is_a_listing(rest: str, listing: bool) -> None:
    assert is_listing(rest) is listing


def _titles(passages: list[Any]) -> list[str]:
    return [p.citation.title for p in passages]


def test_todays_news_lists_the_newest_headlines(demo_index: Any) -> None:
    reply = rag.ask("今天有什么新闻？", k=5, index=demo_index)
    assert reply.date_filter is not None and reply.date_filter.date_from == "2024-03-29"
    assert reply.note and "newest indexed date" in reply.note
    assert reply.passages and all(p.citation.date == "2024-03-29" for p in reply.passages)
    assert all(p.citation.kind == "article" for p in reply.passages)
    assert "激励干部大胆开拓、担当作为" in _titles(reply.passages)
    top = reply.passages[0]
    assert top.answer is not None and top.answer.text == top.citation.title  # the headline, quoted exactly
    page = demo_index.documents[top.citation.doc_id].text
    assert page[top.answer.doc_start : top.answer.doc_end] == top.citation.title
    whats_new = rag.ask("what's new", k=5, index=demo_index)
    assert [p.citation.date for p in whats_new.passages] == sorted(
        (p.citation.date for p in whats_new.passages), reverse=True
    )
    assert len(whats_new.passages) == 5 and whats_new.date_filter is None


def test_yesterday_filters_and_off_does_not(demo_index: Any) -> None:
    reply = rag.ask("昨天安徽出台了什么措施？", k=3, index=demo_index)
    assert reply.date_filter is not None and reply.date_filter.label() == "2024-03-28 (昨天)"
    assert all(p.citation.date == "2024-03-28" for p in reply.passages)
    assert "安徽" in reply.passages[0].citation.title
    off = rag.retrieve("昨天有什么新闻？", k=5, index=demo_index, dates="off")
    assert any(p.citation.date == "2024-03-29" for p in off)
    explicit = rag.ask(
        "昨天有什么新闻？", k=5, index=demo_index, date_from="2024-03-29", date_to="2024-03-29"
    )
    assert explicit.date_filter is not None and explicit.date_filter.words == ()
    assert all(p.citation.date == "2024-03-29" for p in explicit.passages)
    with pytest.raises(rag.InputError, match="dates must be one of"):
        rag.retrieve("昨天", index=demo_index, dates="maybe")


def test_a_span_the_index_does_not_hold_searches_every_date(demo_index: Any) -> None:
    """「去年」 in a question about what an article reports must not lose its answer: a year in a question
    about a fact dates the fact (an archive holding last year's stories must still find this one)."""
    reply = rag.ask("去年浙江全省共实施了多少起容错纠错？", k=5, index=demo_index)
    assert reply.date_filter is None and reply.note and "not used as a date filter" in reply.note
    assert any("容错纠错241起" in p.text for p in reply.passages)
    nothing = rag.ask("上周有什么新闻？", k=3, index=demo_index)
    assert nothing.date_filter is None and "newest articles are listed" in (nothing.note or "")
    assert len(nothing.passages) == 3
    for news in ("去年浙江有什么新闻？", "What happened in Zhejiang last year?"):
        assert "searched every date" in (rag.ask(news, k=3, index=demo_index).note or "")


def test_reply_to_dict_carries_the_filter(demo_index: Any) -> None:
    data = rag.ask("昨天有什么新闻？", k=2, index=demo_index).to_dict()
    assert data["date_filter"] == {"from": "2024-03-28", "to": "2024-03-28", "words": ["昨天"]}
    assert data["searched_for"] == "昨天有什么新闻？" and len(data["passages"]) == 2
