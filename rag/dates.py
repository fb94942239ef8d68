"""Dates in a question become a date filter: 今天, 昨天, 上周, 3月29日, 2024年3月, "last month", "March 29".

News questions carry time, and a reader asking 「昨天浙江有什么新闻？」 means the articles dated yesterday,
not passages containing the word 昨天. Relative words are read against a given "today": for a question
to an index, the newest date in the index (an archive's "today" is its last issue, not the wall clock).

Dates in a question are ambiguous: 「去年浙江实施了多少起容错纠错？」 asks about last year *as the article
tells it*, not about articles published last year. So a parsed span filters only when the index holds
articles dated in it (:func:`plan_dates`); otherwise the question is searched as it was, over every date,
with a note saying so. 「今天有什么新闻？」 and "what's new" ask for no topic at all: they list the newest
articles (:func:`newest`) instead of searching for the word 新闻.
"""

from __future__ import annotations

import bisect
import calendar
import re
import weakref
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, NamedTuple

import numpy as np

import rag.assemble as assemble
from rag.errors import InputError
from rag.fusion import Hit
from rag.passage import Answer, Passage
from rag.store.index import Index

__all__ = ["DATE_OPTIONS", "DateFilter", "DatePlan", "is_listing", "newest", "parse_dates", "plan_dates"]

DATE_OPTIONS = ("auto", "off")
"""``dates="auto"``: dates in the question filter; ``"off"``: they are words like any other."""

Span = tuple[date, date]


class DateFilter(NamedTuple):
    """A date range read from a question: ``date_from``/``date_to`` (``YYYY-MM-DD``, inclusive; ``None``:
    open), the ``words`` it came from as written (empty when the caller gave the dates), and ``question``:
    the question with those words taken out."""

    date_from: str | None
    date_to: str | None
    words: tuple[str, ...]
    question: str

    def label(self) -> str:
        """``2024-03-28 (昨天)`` or ``2024-03-01 – 2024-03-31 (上个月)``."""
        a, b = self.date_from or "…", self.date_to or "…"
        span = a if a == b else f"{a} – {b}"
        return f"{span} ({', '.join(self.words)})" if self.words else span

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.date_from, "to": self.date_to, "words": list(self.words)}


# -- reading dates -----------------------------------------------------------------------------------------
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(\d{4}|[〇零一二三四五六七八九]{4})"
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ],
        1,
    )
    for m in names.split()
}
# "may" and "march" are also ordinary words: as months they must be capitalised.
_MONTH = (
    r"((?i:jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)|Mar(?:ch)?|MAR(?:CH)?|May|MAY)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "a": 1}
_NOT_YEAR_AFTER = r"(?!\s*\d|\s*[一二三四五六七八九十]|以来|起|至|到|前|后|底|初|末|第|度|代)"


def _number(text: str) -> int:
    """12, 十二, 二十九, 二〇二四 as whole numbers."""
    if text.isdigit():
        return int(text)
    if text in _EN_NUM:
        return _EN_NUM[text]
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _month_span(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _back_months(today: date, n: int) -> tuple[int, int]:
    m = today.year * 12 + today.month - 1 - n
    return m // 12, m % 12 + 1


def _day(year: int, month: int, day: int) -> Span:
    d = date(year, month, day)
    return d, d


def _inferred_day(today: date, month: int, day: int) -> Span:
    """M月D日 without a year: the latest such day on or before today."""
    d = date(today.year, month, day)
    if d > today:
        d = date(today.year - 1, month, day)
    return d, d


def _inferred_month(today: date, month: int) -> Span:
    return _month_span(today.year if month <= today.month else today.year - 1, month)


def _week(today: date, weeks_back: int) -> Span:
    monday = today - timedelta(days=today.weekday() + 7 * weeks_back)
    return monday, monday + timedelta(days=6)


def _last(today: date, n: int, unit: str) -> Span:
    """The last ``n`` days, weeks, months or years, ending today."""
    unit = unit.lower()
    if unit in ("天", "日") or unit.startswith("day"):
        return today - timedelta(days=n - 1), today
    if "周" in unit or "星期" in unit or unit.startswith("week"):
        return today - timedelta(days=7 * n - 1), today
    if "月" in unit or unit.startswith("month"):
        y, m = _back_months(today, n)
        return date(y, m, min(today.day, calendar.monthrange(y, m)[1])) + timedelta(days=1), today
    return date(today.year - n, today.month, 1), today


Rule = tuple["re.Pattern[str]", Callable[[re.Match[str], date], Span]]


def _rule(pattern: str, read: Callable[[re.Match[str], date], Span]) -> Rule:
    return re.compile(pattern), read


def _g(m: re.Match[str], i: int) -> int:
    return _number(m.group(i))


def _mon(m: re.Match[str], i: int) -> int:
    return _MONTHS[m.group(i).lower().rstrip(".")]


def _today_rel(days: int) -> Callable[[re.Match[str], date], Span]:
    return lambda m, t: (t - timedelta(days=days), t - timedelta(days=days))


_EN_LAST = r"(\d+|one|two|three|four|five|six|seven|ten|a)"
# The most specific first: a rule's words are taken out before the next rule reads the question.
RULES: list[Rule] = [
    _rule(
        _YEAR + r"\s*年\s*" + _NUM + r"\s*月\s*" + _NUM + r"\s*[日号]",
        lambda m, t: _day(_g(m, 1), _g(m, 2), _g(m, 3)),
    ),
    _rule(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)", lambda m, t: _day(_g(m, 1), _g(m, 2), _g(m, 3))),
    _rule(
        _YEAR + r"\s*年\s*" + _NUM + r"\s*月份?(?![上中下]旬|底|初|末)",
        lambda m, t: _month_span(_g(m, 1), _g(m, 2)),
    ),
    _rule(
        r"(?<![\d年])" + _NUM + r"\s*月\s*" + _NUM + r"\s*[日号]",
        lambda m, t: _inferred_day(t, _g(m, 1), _g(m, 2)),
    ),
    _rule(
        r"(?:(?:最近|近|过去|前)的?)" + r"(\d+|[一二两三四五六七八九十]{1,3})\s*(天|日|周|个?星期|个月|年)",
        lambda m, t: _last(t, _number(m.group(1)), m.group(2)),
    ),
    _rule(r"大前天", _today_rel(3)),
    _rule(r"今天|今日", _today_rel(0)),
    _rule(r"昨天|昨日", _today_rel(1)),
    _rule(r"前天", _today_rel(2)),
    _rule(r"本周|这周|这一周|这个?星期|本星期|这个?礼拜", lambda m, t: _week(t, 0)),
    _rule(r"上周|上一周|上个?星期|上个?礼拜", lambda m, t: _week(t, 1)),
    _rule(r"本月|这个月|这月", lambda m, t: _month_span(t.year, t.month)),
    _rule(r"上个?月|上一个月", lambda m, t: _month_span(*_back_months(t, 1))),
    _rule(r"今年|本年度?", lambda m, t: (date(t.year, 1, 1), date(t.year, 12, 31))),
    _rule(r"去年|上一年", lambda m, t: (date(t.year - 1, 1, 1), date(t.year - 1, 12, 31))),
    _rule(r"前年", lambda m, t: (date(t.year - 2, 1, 1), date(t.year - 2, 12, 31))),
    _rule(
        r"(?<![\d至到])" + _YEAR + r"\s*年" + _NOT_YEAR_AFTER,
        lambda m, t: (date(_g(m, 1), 1, 1), date(_g(m, 1), 12, 31)),
    ),
    _rule(
        r"(?<![\d年])" + _NUM + r"\s*月份?(?!\s*\d|\s*[日号一二三四五六七八九十]|[上中下]旬|底|初|末|以来)",
        lambda m, t: _inferred_month(t, _g(m, 1)),
    ),
    # English
    _rule(
        r"\b(?:on\s+)?" + _MONTH + r"\s+(\d{1,2})" + _ORD + r",?\s+(\d{4})\b",
        lambda m, t: _day(_g(m, 3), _mon(m, 1), _g(m, 2)),
    ),
    _rule(
        r"\b(?:on\s+)?(?:the\s+)?(\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})\b",
        lambda m, t: _day(_g(m, 3), _mon(m, 2), _g(m, 1)),
    ),
    _rule(
        r"\b(?:(?i:in|during)\s+)?" + _MONTH + r",?\s+(\d{4})\b",
        lambda m, t: _month_span(_g(m, 2), _mon(m, 1)),
    ),
    _rule(
        r"\b(?:on\s+)?" + _MONTH + r"\s+(\d{1,2})" + _ORD + r"\b(?!\d)",
        lambda m, t: _inferred_day(t, _mon(m, 1), _g(m, 2)),
    ),
    _rule(
        r"\b(?:on\s+)?(?:the\s+)?(\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"\b",
        lambda m, t: _inferred_day(t, _mon(m, 2), _g(m, 1)),
    ),
    _rule(r"\b(?i:in|during)\s+" + _MONTH + r"\b", lambda m, t: _inferred_month(t, _mon(m, 1))),
    _rule(
        r"(?i)\b(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:last|past)\s+"
        + _EN_LAST
        + r"\s+(days?|weeks?|months?|years?)\b",
        lambda m, t: _last(t, _number(m.group(1).lower()), m.group(2)),
    ),
    _rule(
        r"(?i)\b(?:in\s+|over\s+|during\s+)?(?:the\s+)?past\s+(week|month|year)\b",
        lambda m, t: _last(t, 1, m.group(1)),
    ),
    _rule(r"(?i)\bthe\s+day\s+before\s+yesterday\b", _today_rel(2)),
    _rule(r"(?i)\btoday(?:'s)?\b", _today_rel(0)),
    _rule(r"(?i)\byesterday(?:'s)?\b", _today_rel(1)),
    _rule(r"(?i)\bthis\s+week(?:'s)?\b", lambda m, t: _week(t, 0)),
    _rule(r"(?i)\blast\s+week(?:'s)?\b", lambda m, t: _week(t, 1)),
    _rule(r"(?i)\bthis\s+month(?:'s)?\b", lambda m, t: _month_span(t.year, t.month)),
    _rule(r"(?i)\blast\s+month(?:'s)?\b", lambda m, t: _month_span(*_back_months(t, 1))),
    _rule(r"(?i)\bthis\s+year(?:'s)?\b", lambda m, t: (date(t.year, 1, 1), date(t.year, 12, 31))),
    _rule(r"(?i)\blast\s+year(?:'s)?\b", lambda m, t: (date(t.year - 1, 1, 1), date(t.year - 1, 12, 31))),
    _rule(r"\b(?i:in|during)\s+(\d{4})\b", lambda m, t: (date(_g(m, 1), 1, 1), date(_g(m, 1), 12, 31))),
]


def _as_date(today: date | str | None) -> date:
    if today is None:
        return date.today()
    if isinstance(today, date):
        return today
    try:
        return date.fromisoformat(str(today))
    except ValueError:
        raise InputError(f"today must be a date like 2024-03-29, not {today!r}") from None


def parse_dates(question: str, today: date | str | None = None) -> DateFilter | None:
    """The dates ``question`` names, as one span relative to ``today`` (default: the wall clock), or
    ``None``. Several expressions (「3月28日到3月29日」) make one span from the first to the last day."""
    t = _as_date(today)
    spans: list[Span] = []
    words: list[tuple[int, str]] = []
    rest = question
    for pattern, read in RULES:
        for m in pattern.finditer(rest):
            try:
                span = read(m, t)
            except (ValueError, KeyError, OverflowError):  # 2月30日, 13月: not a date
                continue
            spans.append(span)
            words.append((question.find(m.group()), m.group().strip()))
        rest = pattern.sub(lambda m: "\0" * len(m.group()), rest)
    if not spans:
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return DateFilter(start.isoformat(), end.isoformat(), tuple(w for _, w in sorted(words)), _without(rest))


_LEFTOVER = re.compile(r"^[\s，,、的]+|[\s，,、]+$")
_CONNECTOR = re.compile(r"(?:在|于|从|自)\0|\0+(?:到|至|和|与|-|–|~)\0|\b(?:from|between|to|and)\s*\0", re.I)


def _without(masked: str) -> str:
    """The question with the masked date words (``\\0``) and the small words joining them taken out."""
    text = _CONNECTOR.sub("\0", masked).replace("\0", " ")
    text = re.sub(r"\s+([？?。.!！，,])", r"\1", " ".join(text.split()))
    text = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)
    return _LEFTOVER.sub("", text)


# -- "what's new": a question that names no topic -----------------------------------------------------------
_CN_NEWS = re.compile(r"新闻|消息|报道|新鲜事|头条|要闻|文章|发生|事")
_CN_FILLER = re.compile(
    r"请|帮我|给我|告诉我|看看|一下|都|有|什么|哪些|啥|的|吗|呢|了|些|最新|最近|新|重要|主要|当天|这里|报纸|版面|上"
)
_EN_FILLER = {
    "what",
    "whats",
    "what's",
    "is",
    "are",
    "was",
    "were",
    "the",
    "any",
    "there",
    "latest",
    "new",
    "news",
    "happened",
    "happening",
    "headline",
    "headlines",
    "top",
    "stories",
    "story",
    "give",
    "me",
    "show",
    "tell",
    "about",
    "in",
    "on",
    "from",
    "articles",
    "s",
    "recent",
    "most",
    "today",
    "today's",
}
_EN_NEWS = {"new", "news", "happened", "happening", "headline", "headlines", "stories", "articles"}


def is_listing(question: str) -> bool:
    """Whether ``question`` (its date words already taken out) asks for the news itself, naming no topic:
    「有什么新闻？」, 「的新闻」, "what's new", "latest news"."""
    text = re.sub(r"[\s？?。.!！，,、:：]+", " ", question).strip()
    if re.search(r"[\u4e00-\u9fff]", text):
        rest, named = _CN_NEWS.subn("", text.replace(" ", ""))
        return named > 0 and not _CN_FILLER.sub("", rest)
    words = re.findall(r"[a-z']+", text.lower())
    return bool(words) and set(words) <= _EN_FILLER and bool(set(words) & _EN_NEWS)


_CN_ASKS_NEWS = re.compile(r"新闻|消息|报道|头条|要闻|发生了什么|发生了哪些|有什么事|有哪些事")
_EN_ASKS_NEWS = re.compile(r"\b(?:news|happened|happening|headlines?|stories|reported)\b", re.IGNORECASE)


#: A relative span at most this long (今天, 昨天, 上周, 上个月, "last week") is when the news came out.
RECENT_DAYS = 31


def _recent(found: DateFilter) -> bool:
    """Whether the question's dates are relative and short (昨天, 上周), which date the news; a year
    (去年, 今年) or a calendar date (3月28日) in a question about a fact more often dates the fact."""
    if not found.date_from or not found.date_to or any(re.search(r"\d", w) for w in found.words):
        return False
    span = date.fromisoformat(found.date_to) - date.fromisoformat(found.date_from)
    return span.days < RECENT_DAYS


def asks_for_news(question: str) -> bool:
    """Whether ``question`` asks what was reported (「浙江有什么新闻」, "what happened in Jiangsu"): its dates
    then date the stories and filter them. A question about a fact (「去年浙江实施了多少起容错纠错？」)
    is not: its date dates the fact, which a story of another date reports."""
    return bool(_CN_ASKS_NEWS.search(question) or _EN_ASKS_NEWS.search(question))


# -- dates against an index ---------------------------------------------------------------------------------
class _Calendar(NamedTuple):
    """What an index says about dates: every dated record's date, sorted; and its articles (not captions,
    notices or adverts), newest first, each as (date, first chunk row)."""

    dates: list[str]
    articles: list[tuple[str, int]]


_CALENDARS: weakref.WeakKeyDictionary[Index, _Calendar] = weakref.WeakKeyDictionary()


def _calendar(idx: Index) -> _Calendar:
    # An opened snapshot never changes, so one pass over it serves every question asked of it.
    cal = _CALENDARS.get(idx)
    if cal is None:
        first: dict[str, int] = {}
        for row, ch in enumerate(idx.chunks):
            if ch.article_id not in first or ch.position < idx.chunks[first[ch.article_id]].position:
                first[ch.article_id] = row
        dated: list[tuple[str, str, int, int]] = []
        for art in idx.articles.values():
            day = art.date or idx.documents[art.doc_id].date
            if day and art.kind == "article" and art.article_id in first:
                dated.append((day, art.doc_id, -art.start, first[art.article_id]))
        dates = sorted(d for a in idx.articles.values() if (d := a.date or idx.documents[a.doc_id].date))
        dated.sort(reverse=True)  # newest first; within a day, one document's articles in page order
        cal = _CALENDARS[idx] = _Calendar(dates, [(d, row) for d, _, _, row in dated])
    return cal


class DatePlan(NamedTuple):
    """How a question is searched: ``filter`` (the dates that apply, or ``None``), ``search`` (the text to
    search for), ``listing`` (list the newest articles instead of searching) and a ``note`` for the reader
    when a date was read but not used, or read against the index's newest date."""

    filter: DateFilter | None
    search: str
    listing: bool
    note: str | None


def plan_dates(
    idx: Index,
    question: str,
    date_from: str | None = None,
    date_to: str | None = None,
    dates: str = "auto",
) -> DatePlan:
    """The dates that apply to ``question`` over ``idx``. Dates the caller gives win over the question's;
    ``dates="off"`` reads none from it. A question is filtered by its dates when it asks for news
    (:func:`asks_for_news`) or its dates are recent and relative (昨天, 上周); a year or a calendar date in a
    question about a fact is not a filter, nor is a span the index holds no article in."""
    if dates not in DATE_OPTIONS:
        raise InputError(f"dates must be one of {', '.join(DATE_OPTIONS)}, not {dates!r}")
    if date_from or date_to:
        return DatePlan(DateFilter(date_from, date_to, (), question), question, False, None)
    listing = dates == "auto" and is_listing(question)
    cal = _calendar(idx) if dates == "auto" else None
    if cal is None or not cal.dates:
        return DatePlan(None, question, listing, None)
    found = parse_dates(question, cal.dates[-1])
    if found is None:
        return DatePlan(None, question, listing, None)
    listing = is_listing(found.question) or not re.search(r"\w", found.question)
    if not listing and not asks_for_news(found.question) and not _recent(found):
        unused = (
            f"{found.label()} not used as a date filter: in a question about a fact a year or a calendar date "
            "usually dates the fact, not the story; give --from/--to to filter"
        )
        return DatePlan(None, question, False, unused)
    lo = bisect.bisect_left(cal.dates, found.date_from or "")
    if lo < len(cal.dates) and cal.dates[lo] <= (found.date_to or "9999"):
        relative = any(not re.search(r"\d", w) for w in found.words)
        note = (
            f"{', '.join(found.words)} read as of {cal.dates[-1]}, the newest indexed date"
            if relative
            else None
        )
        return DatePlan(found, found.question if not listing else question, listing, note)
    note = f"nothing in the index is dated {found.label()}; " + (
        "the newest articles are listed" if listing else "searched every date"
    )
    return DatePlan(None, question, listing, note)


def newest(idx: Index, k: int, allowed: np.ndarray | None = None) -> list[Passage]:
    """The ``k`` newest articles (among the ``allowed`` chunk rows, :func:`rag.filters.allowed_rows`) as
    passages: each article's first chunk, its headline marked as the answer, so that a reply lists the
    headlines with their citations."""
    rows = [row for _, row in _calendar(idx).articles if allowed is None or allowed[row]][:k]
    return [_headline(p) for p in assemble.passages(idx, [Hit(row, fused=0.0, rows=[row]) for row in rows])]


def _headline(p: Passage) -> Passage:
    title = p.citation.title
    at = p.text.find(title) if title else -1
    if at < 0:
        return p
    for s, e, off in p.citation.pieces:
        if off <= at < off + (e - s) and at + len(title) <= off + (e - s):
            doc = s + at - off
            return p._replace(answer=Answer(title, at, at + len(title), doc, doc + len(title), 0.0))
    return p
