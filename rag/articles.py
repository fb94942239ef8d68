"""A newspaper page -> :class:`Article` records (articles, photo captions, notices, adverts).

The input is a :class:`~rag.documents.Document`; every span below is an offset into ``document.text``.

How a page is read (structure, not this page's strings):

* The text is cut into paragraphs at blank lines (or at every line break when the text has no blank line at
  all, as in the JSON Lines corpus). A Markdown heading line (``## …``, ``# …``) is always a paragraph of its
  own.
* A heading is a **headline** (a new article) when it is level 1, when it is preceded by a kicker (a short
  line ending in ``——``, or a short line without sentence punctuation), or when it is followed by a byline
  (``本报记者 张弛``) or a paragraph that opens with a dateline (``本报福州3月28日电（记者刘晓宇）``). Any
  other heading is a **section** of the article it sits in (the first heading of a text that has no article
  yet is its headline).
* A ``.txt`` or ``.md`` page without any heading mark (an e-paper page saved as text) is read by its
  structure instead (:mod:`rag.textpage`): its headlines, kickers, subtitles and section headings are told
  apart by their shape and by what surrounds them; the headlines and section headings it finds are then read
  as headings are above, and a subtitle joins its article's header.
* Photo captions (``图①：…``, or the picture's number alone over the caption's words) and photographer credits
  (``沈德摄(人民视觉)``) become ``caption`` records, attached to the article whose text shares the most (rare) character
  pairs with the caption, else to the next article; a credit with no caption of its own (``王  正摄``) closes the article
  above it. Editor lines (``本版责编：…``) become ``notice`` records and give every record of the page its ``editors``. A
  run of paragraphs around a strong advert cue (``邮发代号``, ``订阅电话``, ``刊号``…; a column's ``投稿邮箱`` line is the column's,
  not an advert) that has no sentences in it becomes one ``advert`` record; the run stops at an article's closing line
  and at a headline over sentences. In a PDF a framed block without sentences is an advert and a paragraph right under
  a picture a caption, by their place on the page.
* Column breaks: a body block whose predecessor does not end a sentence (ends in a hanzi, ``、``, ``，``,
  an opening bracket…) continues it (``joins_previous=True``). A short tail that the PDF extraction moved
  away from its paragraph (it closes a quotation that a dangling paragraph elsewhere opened) is moved back to
  that paragraph's article and placed right after that paragraph, marked ``joins_previous``: blocks are in
  reading order, which is document order except for such tails.
* A paragraph that is only a link (``[查看原文](https://…)``, a bare URL) is not body text, unless the
  record has nothing else; nor is a scraper's trailer (a Markdown rule ``---``, an update stamp
  ``(更新时间戳: 1697633591139)``), unless the record has nothing at all besides.
* Text without any heading is one article, titled by ``Document.title`` or by its first line. A JSON Lines
  document is always exactly one article with the document's title and date.

Everything printed ends up in exactly one record: as its headline, kicker, byline/dateline, a section
heading or a block. Blocks never hold another record's text and are in reading order; record spans are
``[first owned character, last owned character)``, so a caption printed between two columns of its article
lies inside that article's span.

Reading of the demo page (``news-page-2024-03-29.txt``), which the tests pin down:

* ``## 因干部状态新观察`` is the series label 「干部状态新观察」 of the 浙江 article (with a stray glyph in
  front); it is printed after that article's last paragraph and stays there, as a section of it.
* ``前，不负这身‘火焰蓝’。”`` is the end of the first paragraph of the 杨丹 article
  (「…第一时间冲在」 + 「前，不负这身‘火焰蓝’。”」 closes the quotation 他说：“…); it becomes the first block of
  that article, so the 杨丹 article's span begins there and contains the two photo captions.
* ``## 新时代·面孔`` is that article's series label, printed inside it; it is kept as a section.
* ``北京丰台区加快审批服务改革`` is the kicker of ``## 用好数字手段 方便群众办事`` (no dash, but a short line
  without punctuation right before a heading).
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from rag.documents import Document
from rag.textpage import HEADLINE, KICKER, LEAD, SECTION, SUBTITLE, Line, is_closing_line, page_roles
from rag.textunits import PICTURE_SOURCE

__all__ = ["Article", "Block", "Section", "is_link_only", "split_articles"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Section:
    """A heading inside an article: its text (without ``## ``) and that text's span in ``document.text``."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """One body paragraph, ``document.text[start:end]``, stripped and never empty.

    ``joins_previous`` is true when the paragraph continues the previous block across a column break.
    """

    start: int
    end: int
    joins_previous: bool = False


@dataclass(frozen=True)
class Article:
    """One record of a page: an article, a photo caption, a notice or an advert (``kind``)."""

    article_id: str
    doc_id: str
    source: str
    position: int
    kind: str
    title: str
    kicker: str | None
    byline: str | None
    authors: tuple[str, ...]
    place: str | None
    date: str | None
    editors: tuple[str, ...]
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    start: int
    end: int
    attached_to: str | None = None
    head: tuple[Block, ...] = ()
    """The printed header in reading order: kicker, headline, byline and dateline, as exact spans."""


# --------------------------------------------------------------------------------------------------------
# Paragraphs

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HEADING = re.compile(r"(#{1,6})[ \t\u3000]+(\S(?:.*\S)?)")
_LINE_END = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass
class _Para:
    start: int
    end: int
    text: str
    level: int = 0  # heading level, 0 for other paragraphs
    title_start: int = 0
    title_end: int = 0
    kind: str = "body"  # body | heading | caption | credit | notice | byline | subtitle | lead


def _paragraphs(text: str) -> tuple[list[_Para], bool]:
    """The paragraphs of ``text``, and whether they are separated by blank lines (else by line breaks)."""
    lines: list[tuple[int, int, bool]] = []  # (start, end, blank) without the line break
    pos = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip(_LINE_END)
        lines.append((pos, pos + len(content), not content.strip()))
        pos += len(line)
    blank_mode = any(blank for _, _, blank in lines)
    paras: list[_Para] = []
    group: list[tuple[int, int]] = []

    def close() -> None:
        if group:
            _add(text, group[0][0], group[-1][1], paras)
            group.clear()

    for s, e, blank in lines:
        if blank:
            close()
            continue
        raw = text[s:e]
        m = _HEADING.fullmatch(raw.strip())
        if m is not None:
            close()
            lead = len(raw) - len(raw.lstrip())
            title_start = s + lead + m.start(2)
            paras.append(
                _Para(
                    s + lead,
                    s + lead + len(raw.strip()),
                    raw.strip(),
                    level=len(m.group(1)),
                    title_start=title_start,
                    title_end=title_start + len(m.group(2)),
                    kind="heading",
                )
            )
            continue
        group.append((s, e))
        if not blank_mode:
            close()
    close()
    return paras, blank_mode


def _add(text: str, s: int, e: int, out: list[_Para]) -> None:
    seg = text[s:e]
    stripped = seg.strip()
    if not stripped:
        return
    start = s + (len(seg) - len(seg.lstrip()))
    out.append(_Para(start, start + len(stripped), stripped))


# --------------------------------------------------------------------------------------------------------
# What a paragraph is

_ROLE = (
    r"本报驻[\u4e00-\u9fff]{1,8}?记者|本报特约记者|本报实习生|本报通讯员|本报评论员|本报记者|新华社记者|"
    r"人民日报记者|光明日报记者|经济日报记者|特约记者|实习记者|见习记者|特约通讯员|实习生|通讯员|评论员|记者"
)
_ROLE_PREFIX = re.compile(rf"^({_ROLE})(.*)$")
_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}|[\u4e00-\u9fff·•]{3,15}")
_SEP = re.compile(r"[\s\u3000、，,]+")
_PADDED_NAME = re.compile(r"(?:(?<=\s)|^)([\u4e00-\u9fff])[ \u3000]+([\u4e00-\u9fff])(?=\s|$)")
"""A two-character name spaced out to the width of a three-character one (``本报记者  施  钰``)."""
_DATELINE = re.compile(
    r"^据?(?P<agency>本报|新华社|中新社|人民日报|光明日报|经济日报|文汇报|[\u4e00-\u9fff]{2,4}(?:日报|晚报))?"
    r"(?P<place>[\u4e00-\u9fff]{2,12}?(?:[、/／][\u4e00-\u9fff]{2,12}?)*)?"
    r"(?:(?P<month>\d{1,2})月(?P<day>\d{1,2})日)?"
    r"(?P<kind>电|讯)"
    r"(?:[ \t\u3000]*[（(](?P<who>[^（）()\n]{1,60})[）)])?"
)
_MEDIUM = r"[（(](?:中国画|油画|版画|水彩画?|水粉画?|漆画|年画|书法|篆刻|雕塑|剪纸|素描)[）)]"
_CAPTION = re.compile(
    r"^(?:图[①-⑳\d一二三四五六七八九十、]*|[上下左右中]图|左上图|右上图|左下图|右下图|题图|组图|封面图|图为)[：:]?"
    r"(?<=[：:为])"
    r"|^图(?:[①-⑳]{1,3}|[一二三四五六七八九十]{1,3}|\d{1,2})$"  # a picture's number alone on its line (``图③``, ``图三``)
    rf"|^[^（）()]{{1,20}}{_MEDIUM}$"  # a work's title with its medium (``家乡的路（中国画）``)
)
_WORK = re.compile(rf"{_MEDIUM}$")
"""A work of art's medium closing its title (``家乡的路（中国画）``): the caption of a picture of it."""
_CREDIT_NAME = (
    r"(?:[\u4e00-\u9fff][ \u3000]{1,3}[\u4e00-\u9fff]|[\u4e00-\u9fff·]{2,6})"  # ``王  正``, ``沈德``
)
_HELD_BY = r"[\u4e00-\u9fff]{1,14}(?:博物馆|博物院|美术馆|纪念馆|图书馆|档案馆)藏"
"""The collection that holds a pictured object (``杭州博物馆藏``, ``故宫博物院藏``): a caption's credit."""
_CREDIT = re.compile(
    r"^(?:(?:本报|新华社|人民日报|《[^》]{2,12}》)?(?:特约)?(?:记者|通讯员|摄影师)?[ \u3000]*)?"
    rf"{_CREDIT_NAME}(?:[ \u3000、]+{_CREDIT_NAME})*[ \u3000]*"
    r"(?:摄|摄影|供图|绘|制图)"
    r"(?:[ \u3000]*[（(][^（）()]{1,20}[）)])?$"
    rf"|^[（(]?(?:{PICTURE_SOURCE}|资料照片|(?:视频|网络|手机)截图|{_HELD_BY}|"
    r"[\u4e00-\u9fff《》“”·]{2,20}(?:、[\u4e00-\u9fff《》“”·]{2,20})*"
    r"(?:[（(][\u4e00-\u9fff]{2,6}[）)][\u4e00-\u9fff]{2,16})?供图)[）)]?"
    r"(?:[（(](?:新华社|中新社)发[）)])?$"  # a body's picture sent by an agency (``滇西抗战纪念馆供图（新华社发）``)
)
_NOTICE = re.compile(
    r"^(?:本版责编|本版编辑|责任编辑|本版统筹|版式设计|美术编辑|本版美编|本版制图|责编)"
    r"(?:[：:]|[ \u3000]+[\u4e00-\u9fff][\u4e00-\u9fff、 \u3000]{1,20}$)"  # ``版式设计 蔡华伟``: names after a space
)
_LABEL = re.compile(r"([\u4e00-\u9fff]{2,6})[：:]")
_ADVERT_CUE = re.compile(
    r"邮发代号|订阅电话|订阅热线|订阅方式|广告热线|广告电话|国内统一刊号|国际标准刊号|刊号[：:]|ISSN|CN\s?\d{2}-\d{4}"
)
_SENTENCE = re.compile(r"[。！？!?]")


# A paragraph that is nothing but a link: a Markdown link with a short label, or a bare URL. Such lines
# ("[查看原文](https://tv.cctv.com/…)" ends almost every story of the TV-news corpus) stay in the article's
# span but are not body text: as chunks they matched every question equally badly and crowded out answers.
_LINK_ONLY = re.compile(
    r"(?:\[[^\]\n]{0,40}\]\(\s*\S+?\s*\)|<?https?://\S+>?)(?:\s+(?:\[[^\]\n]{0,40}\]\(\s*\S+?\s*\)|<?https?://\S+>?))*"
)


def is_link_only(text: str) -> bool:
    """Whether ``text`` is nothing but links (a Markdown link with a short label, or bare URLs)."""
    return _LINK_ONLY.fullmatch(text.strip()) is not None


# What a scraper adds after a story: a Markdown rule (``---``) and an update stamp (``(更新时间戳: 1697633591139)``,
# ``更新时间：2024-03-29 08:00``). Like a link they stay in the article's span but are not body text, even when
# nothing else is left: 1,423 stories of the TV-news corpus end with both, and in 47 of them (a headline and
# a link) they were a chunk of their own that matched English questions better than real stories.
_TRAILER = re.compile(
    r"[-*_=]{3,}|[(（]?\s*(?:更新时间戳|更新时间|更新于|最后更新)\s*[:：]?\s*[\d\-/:.年月日 ]+[)）]?"
)


def is_trailer(text: str) -> bool:
    """Whether ``text`` is a Markdown rule or an update stamp, which a scraper adds after a story."""
    return _TRAILER.fullmatch(text.strip()) is not None


_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)》】\"']*$")
_PUNCT = re.compile(r"[。！？!?；;，,：:]")
_DASH_END = re.compile(r"[—―－\-~～]+$")
_OPENERS = "、，,（(“‘《〈「『【"
_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"), ("（", "）"), ("(", ")"), ("《", "》"))


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _dangles(text: str) -> bool:
    """True when a paragraph stops mid-sentence (a column break cut it)."""
    last = text[-1]
    if _is_han(last) or last in _OPENERS:
        return True
    return last.isascii() and last.isalnum() and any(_is_han(c) for c in text)


# a box's label (a reporter's note), not a reporter named 手记
_NOT_BYLINE = re.compile(r"^(?:记者|编辑)手记$")


def _parse_byline(text: str) -> tuple[str, tuple[str, ...]] | None:
    """``本报记者 张弛`` -> (``本报记者 张弛``, (``张弛``,)); ``记者刘晓宇`` -> (``记者 刘晓宇``, (``刘晓宇``,))."""
    if len(text) > 40 or "\n" in text or _NOT_BYLINE.match(text):
        return None
    parts: list[str] = []
    authors: list[str] = []
    for token in _SEP.split(_PADDED_NAME.sub(r"\1\2", text.strip())):
        if not token:
            continue
        m = _ROLE_PREFIX.match(token)
        if m is not None:
            parts.append(m.group(1))
            token = m.group(2)
            if not token:
                continue
        elif not parts:
            return None
        if not _NAME.fullmatch(token) or _ROLE_PREFIX.match(token):
            return None
        parts.append(token)
        authors.append(token)
    if not authors:
        return None
    return " ".join(parts), tuple(authors)


def _artists(paras: Sequence[_Para]) -> None:
    """The artist's name alone under a work's caption (``家乡的路（中国画）`` / ``庄小雷``) credits the picture, when
    the page ends there or a heading follows: a short title over prose is an essay's (``小城书事``), not a name."""
    for n, (p, nxt) in enumerate(pairwise(paras)):
        work = p.kind == "caption" and _WORK.search(p.text) is not None
        after = paras[n + 2].text if n + 2 < len(paras) else None
        headed = after is None or not _SENTENCE.search(after)
        if work and headed and nxt.kind == "body" and not nxt.level and re.fullmatch(_CREDIT_NAME, nxt.text):
            nxt.kind = "credit"


def _classify(p: _Para) -> None:
    if p.level:
        return
    t = p.text
    if len(t) <= 200 and _CAPTION.match(t):
        p.kind = "caption"
    elif len(t) <= 40 and _CREDIT.match(t):
        p.kind = "credit"
    elif len(t) <= 120 and _NOTICE.match(t):
        p.kind = "notice"
    elif _parse_byline(t) is not None:
        p.kind = "byline"


@dataclass(frozen=True)
class _Dateline:
    end: int  # offset in the paragraph text just after the dateline
    place: str | None
    month: int | None
    day: int | None
    byline: str | None
    authors: tuple[str, ...]


def _parse_dateline(text: str) -> _Dateline | None:
    m = _DATELINE.match(text)
    if m is None:
        return None
    agency, place, month, who = m.group("agency"), m.group("place"), m.group("month"), m.group("who")
    # a wire story's opening, spaced off its text (``据新华社电  为进一步…``; not ``新华社电视台``)
    wire = agency and not place and m.group("kind") == "电" and text[m.end() : m.end() + 1] in (" ", "\u3000")
    if not ((agency and (month or who or wire or m.group("kind") == "讯")) or (place and month)):
        return None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    if who:
        parsed = _parse_byline(who)
        if parsed is not None:
            byline, authors = parsed
    return _Dateline(
        end=m.end(),
        place=place or None,
        month=int(month) if month else None,
        day=int(m.group("day")) if month else None,
        byline=byline,
        authors=authors,
    )


def _kicker(p: _Para, before: _Para | None) -> str | None:
    """The kicker text when ``p`` can be the kicker of a headline that follows it."""
    if p.kind != "body" or len(p.text) > 60 or "\n" in p.text:
        return None
    if _DASH_END.search(p.text):
        text = _DASH_END.sub("", p.text).strip()
        return text or None
    if len(p.text) > 40 or _PUNCT.search(p.text) or not any(_is_han(c) for c in p.text):
        return None
    if before is not None and before.kind == "body" and _dangles(before.text):
        return None  # the tail of a paragraph cut by a column break
    return p.text


def _strong_headline(paras: Sequence[_Para], i: int) -> bool:
    """Heading ``i`` is followed by a byline or a dateline, or preceded by a kicker ending in a dash."""
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    if nxt is not None and (nxt.kind == "byline" or (nxt.kind == "body" and _parse_dateline(nxt.text))):
        return True
    prev = paras[i - 1] if i > 0 else None
    return (
        prev is not None
        and prev.kind == "body"
        and bool(_DASH_END.search(prev.text))
        and len(prev.text) <= 60
    )


def _advert_regions(paras: Sequence[_Para]) -> list[tuple[int, int]]:
    """Index ranges [a, b] of adverts: around a strong cue, the paragraphs that hold no sentence.

    The run stops before an article's edges: it never takes in a closing line (``（作者为…）``, a source
    line) that ends the article before it, nor a headline-shaped line followed by a paragraph of sentences or
    a byline: the next article's headline, on a text page or the next PDF page."""

    def advert_like(i: int) -> bool:
        p = paras[i]
        if p.kind not in ("body", "heading"):
            return False
        if p.level:
            return not _strong_headline(paras, i)
        return not _SENTENCE.search(p.text) and _parse_dateline(p.text) is None

    def opens_article(i: int) -> bool:
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is None:
            return False
        if nxt.kind == "byline":
            return True
        return nxt.kind == "body" and not advert_like(i + 1) and not _ADVERT_CUE.search(nxt.text)

    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(paras):
        if paras[i].kind == "body" and _ADVERT_CUE.search(paras[i].text) and advert_like(i):
            a = b = i
            floor = regions[-1][1] + 1 if regions else 0
            while a - 1 >= floor and advert_like(a - 1) and not is_closing_line(paras[a - 1].text):
                a -= 1
            while b + 1 < len(paras) and advert_like(b + 1) and not opens_article(b + 1):
                b += 1
            regions.append((a, b))
            i = b + 1
        else:
            i += 1
    return regions


# --------------------------------------------------------------------------------------------------------
# Building records


@dataclass
class _Rec:
    kind: str
    order: int
    title: str = ""
    kicker: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    place: str | None = None
    date: str | None = None
    sections: list[Section] = field(default_factory=list)
    blocks: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, paragraph index)
    owned: list[tuple[int, int]] = field(default_factory=list)
    dateline_seen: bool = False
    attach_text: str = ""
    attached: _Rec | None = None
    editors: tuple[str, ...] = ()
    head: list[tuple[int, int]] = field(default_factory=list)


def _label(text: str, limit: int = 60) -> str:
    line = " ".join(text.split("\n", 1)[0].split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _iso_date(page_date: str | None, month: int | None, day: int | None) -> str | None:
    if not page_date or month is None or day is None:
        return None
    try:
        year, page_month = int(page_date[:4]), int(page_date[5:7])
        if month > page_month + 1:  # a December dateline on a January page
            year -= 1
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _editors(text: str) -> tuple[str, ...]:
    pieces = _LABEL.split(text)
    names: list[str] = []
    for label, content in zip(pieces[1::2], pieces[2::2], strict=False):
        if "编" in label:
            names.extend(t for t in _SEP.split(content.strip()) if _NAME.fullmatch(t))
    return tuple(names)


def _credit_authors(text: str) -> tuple[str, ...]:
    core = re.sub(r"[（(][^（）()]*[）)]$", "", text.strip())
    core = re.sub(r"(摄影|摄|供图|绘|制图)$", "", core.strip())
    parsed = _parse_byline(core)
    if parsed is not None:
        return parsed[1]
    return tuple(t for t in _SEP.split(core.strip()) if _NAME.fullmatch(t))


def split_articles(doc: Document) -> list[Article]:
    """Split a document into records (see the module docstring). Whitespace-only text gives ``[]``."""
    paras, blank_mode = _paragraphs(doc.text)
    if not paras:
        return []
    recs = _single_article(doc, paras) if doc.format in ("jsonl", "docx") else _page_records(doc, paras)
    # Column breaks only exist in text laid out like a PDF extraction: paragraphs separated by blank lines.
    # One paragraph per line (the JSON Lines corpus) and HTML <p> elements are paragraphs as authored, and
    # a line there without a full stop is a sub-headline, not half a sentence.
    columns = blank_mode and doc.format not in ("html", "docx")
    return _finish(doc, paras, recs, columns=columns)


def _single_article(doc: Document, paras: list[_Para]) -> list[_Rec]:
    rec = _Rec("article", 0, date=doc.date)
    rec.title = doc.title or _label(paras[0].text)
    for i, p in enumerate(paras):
        if p.level:
            rec.sections.append(Section(doc.text[p.title_start : p.title_end], p.title_start, p.title_end))
        else:
            rec.blocks.append((p.start, p.end, i))
        rec.owned.append((p.start, p.end))
    return [rec]


def _page_records(doc: Document, paras: list[_Para]) -> list[_Rec]:
    for p in paras:
        _classify(p)
    _artists(paras)
    in_advert = _advert_index(paras, _placed(doc, paras))
    if doc.format in ("txt", "md") and not any(p.level for p in paras):
        headline, kicker_of = _plain_headlines(paras, in_advert)
    else:
        headline, kicker_of = _headlines(paras, in_advert)
    reader = _PageReader(doc, headline, kicker_of)
    for i, p in enumerate(paras):
        reader.read(i, p, in_advert.get(i))
    return reader.recs


def _placed(doc: Document, paras: Sequence[_Para]) -> set[int]:
    """For a PDF, type paragraphs by their place on the page: one right under a picture is a caption (even
    without a caption's words); returns the paragraphs printed inside a drawn frame."""
    if doc.format != "pdf" or not doc.layout:
        return set()
    from rag.pdf import places
    from rag.pdflayout import CAPTION, FRAMED

    framed: set[int] = set()
    for i, (p, place) in enumerate(
        zip(paras, places(doc.layout, [(p.start, p.end) for p in paras]), strict=True)
    ):
        if place == CAPTION and p.kind == "body" and not p.level and len(p.text) <= 200:
            p.kind = "caption"
        elif place == FRAMED:
            framed.add(i)
    return framed


def _framed_adverts(paras: Sequence[_Para], framed: set[int]) -> list[tuple[int, int]]:
    """Runs of framed paragraphs that are adverts: one of them holds an advert cue, or none holds a sentence
    (a framed article, a sidebar with sentences, is left to the text's own reading)."""
    runs: list[tuple[int, int]] = []
    for i in sorted(framed):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return [
        (a, b)
        for a, b in runs
        if any(_ADVERT_CUE.search(paras[i].text) for i in range(a, b + 1))
        or not any(_SENTENCE.search(paras[i].text) for i in range(a, b + 1))
    ]


def _advert_index(paras: Sequence[_Para], framed: set[int]) -> dict[int, int]:
    """{paragraph index: number of the advert it belongs to}: framed adverts, then runs around advert cues
    elsewhere on the page."""
    regions = _framed_adverts(paras, framed)
    taken = {i for a, b in regions for i in range(a, b + 1)}
    regions += [(a, b) for a, b in _advert_regions(paras) if not taken.intersection(range(a, b + 1))]
    in_advert: dict[int, int] = {}
    for n, (a, b) in enumerate(sorted(regions)):
        for i in range(a, b + 1):
            in_advert[i] = n
    return in_advert


def _headlines(paras: Sequence[_Para], in_advert: dict[int, int]) -> tuple[set[int], dict[int, str]]:
    """The headings that start an article, and {kicker paragraph index: kicker text}, decided up front."""
    headline: set[int] = set()
    kicker_of: dict[int, str] = {}
    for i, p in enumerate(paras):
        if not p.level or i in in_advert:
            continue
        k = None
        if i > 0 and i - 1 not in in_advert:
            k = _kicker(paras[i - 1], paras[i - 2] if i >= 2 else None)
        if p.level == 1 or k is not None or _strong_headline(paras, i):
            headline.add(i)
            if k is not None:
                kicker_of[i - 1] = k
    return headline, kicker_of


def _plain_headlines(paras: Sequence[_Para], in_advert: dict[int, int]) -> tuple[set[int], dict[int, str]]:
    """Headlines, kickers, subtitles and section headings of a page without heading marks (rag.textpage).

    Headlines and section headings become heading paragraphs, as a Markdown heading would.
    """
    lines = [
        Line(p.text, "advert" if i in in_advert else p.kind, _parse_dateline(p.text) is not None)
        for i, p in enumerate(paras)
    ]
    headline: set[int] = set()
    kicker_of: dict[int, str] = {}
    for i, role in enumerate(page_roles(lines)):
        p = paras[i]
        if role in (HEADLINE, SECTION):
            p.level, p.title_start, p.title_end, p.kind = (
                (2 if role == HEADLINE else 3),
                p.start,
                p.end,
                "heading",
            )
            if role == HEADLINE:
                headline.add(i)
        elif role == KICKER:
            kicker_of[i] = _DASH_END.sub("", p.text).strip() or p.text
        elif role in (SUBTITLE, LEAD):
            p.kind = role
    return headline, kicker_of


class _PageReader:
    """Reads a page's paragraphs in order into records; each paragraph kind has its own method."""

    def __init__(self, doc: Document, headline: set[int], kicker_of: dict[int, str]) -> None:
        self.doc = doc
        self.text = doc.text
        self.headline = headline
        self.kicker_of = kicker_of
        self.recs: list[_Rec] = []
        self.cur: _Rec | None = None  # the article being read
        self.cap: _Rec | None = None  # the caption being read (open while captions and credits follow)
        self.advert: tuple[int, _Rec] | None = None
        self.expect_byline = False

    def new(self, kind: str) -> _Rec:
        r = _Rec(kind, len(self.recs), date=self.doc.date)
        self.recs.append(r)
        return r

    def read(self, i: int, p: _Para, advert_no: int | None) -> None:
        if advert_no is not None:
            self.read_advert(i, p, advert_no)
            return
        self.advert = None
        if self.read_caption(i, p):
            return
        self.cap = None
        if p.kind == "notice":
            self.read_notice(i, p)
        elif i in self.kicker_of:
            self.read_kicker(i, p)
        elif p.level:
            self.read_heading(i, p)
        elif p.kind == "subtitle" and self.cur is not None:
            self.cur.owned.append((p.start, p.end))
            self.cur.head.append((p.start, p.end))
        elif p.kind == "byline" and self.cur is not None and self.expect_byline and self.cur.byline is None:
            self.read_byline(p)
        else:
            self.expect_byline = False
            self.read_body(i, p)

    def read_advert(self, i: int, p: _Para, advert_no: int) -> None:
        if self.advert is None or self.advert[0] != advert_no:
            self.advert = (advert_no, self.new("advert"))
        ad = self.advert[1]
        ad.owned.append((p.start, p.end))
        if p.level:
            ad.sections.append(Section(self.text[p.title_start : p.title_end], p.title_start, p.title_end))
            if not any(s for s in ad.sections[:-1]):
                ad.title = _label(self.text[p.title_start : p.title_end])
        else:
            ad.blocks.append((p.start, p.end, i))
            ad.title = ad.title or _label(p.text)

    def read_caption(self, i: int, p: _Para) -> bool:
        """A caption or a photographer's credit: starts or continues a caption record."""
        cap = self.cap
        if p.kind == "caption" or (p.kind == "credit" and (cap is None or cap.byline is not None)):
            cap = self.cap = self.new("caption")
            cap.title = _label(p.text)
        if p.kind not in ("caption", "credit") or cap is None:
            return False
        cap.owned.append((p.start, p.end))
        cap.blocks.append((p.start, p.end, i))
        if p.kind == "credit":
            cap.byline = " ".join(p.text.split())
            cap.authors = _credit_authors(p.text)
        else:
            cap.attach_text += _CAPTION.sub("", p.text)
        return True

    def read_notice(self, i: int, p: _Para) -> None:
        notice = self.new("notice")
        notice.title = _label(p.text)
        notice.owned.append((p.start, p.end))
        notice.blocks.append((p.start, p.end, i))
        notice.editors = _editors(p.text)

    def read_kicker(self, i: int, p: _Para) -> None:
        cur = self.cur = self.new("article")
        cur.kicker = self.kicker_of[i]
        cur.owned.append((p.start, p.end))
        cur.head.append((p.start, p.end))

    def read_heading(self, i: int, p: _Para) -> None:
        title = self.text[p.title_start : p.title_end]
        cur = self.cur
        if i in self.headline or cur is None:
            if cur is None or not (
                i - 1 in self.kicker_of and cur.kicker == self.kicker_of[i - 1] and not cur.title
            ):
                cur = self.cur = self.new("article")
            cur.title = title
            cur.head.append((p.title_start, p.title_end))
            self.expect_byline = True
        else:
            cur.sections.append(Section(title, p.title_start, p.title_end))
            self.expect_byline = False
        cur.owned.append((p.start, p.end))

    def read_byline(self, p: _Para) -> None:
        cur = self.cur
        assert cur is not None
        cur.byline, cur.authors = _parse_byline(p.text) or (None, ())
        cur.owned.append((p.start, p.end))
        cur.head.append((p.start, p.end))
        self.expect_byline = False

    def read_body(self, i: int, p: _Para) -> None:
        cur = self.cur
        if cur is None:
            cur = self.cur = self.new("article")
            if self.doc.title:
                cur.title = self.doc.title
            elif len(p.text) <= 60 and "\n" not in p.text and not _SENTENCE_END.search(p.text):
                cur.title = p.text  # a plain-text headline
                cur.owned.append((p.start, p.end))
                cur.head.append((p.start, p.end))
                self.expect_byline = True
                return
            else:
                cur.title = _label(p.text)
        start = p.start
        if not cur.dateline_seen and not cur.blocks:
            cur.dateline_seen = True
            start = self.read_dateline(cur, p)
        cur.owned.append((p.start, p.end))
        if start < p.end:
            cur.blocks.append((start, p.end, i))

    def read_dateline(self, cur: _Rec, p: _Para) -> int:
        """Read a dateline opening the article's first paragraph; returns where the body text starts."""
        d = _parse_dateline(p.text)
        if d is None:
            return p.start
        text = self.text
        cur.place = d.place or cur.place
        cur.date = _iso_date(self.doc.date, d.month, d.day) or cur.date
        if d.byline and cur.byline is None:
            cur.byline, cur.authors = d.byline, d.authors
        start = p.start + d.end
        head_end = start
        while head_end > p.start and text[head_end - 1].isspace():
            head_end -= 1
        if head_end > p.start:
            cur.head.append((p.start, head_end))
        while start < p.end and text[start].isspace():
            start += 1
        return start


def _relocate_tails(doc: Document, paras: list[_Para], recs: list[_Rec]) -> dict[int, int]:
    """Move short tails that the extraction printed away from their paragraph (see the module docstring).

    Returns {start of the dangling block: start of its tail} for every tail moved.
    """
    text = doc.text
    owner: dict[int, _Rec] = {}
    for r in recs:
        if r.kind == "article":
            for b in r.blocks:
                owner[b[2]] = r

    def balance(s: str) -> list[int]:
        return [s.count(o) - s.count(c) for o, c in _QUOTES]

    heads: list[tuple[int, _Rec, list[int]]] = []
    tails: list[tuple[int, _Rec, list[int]]] = []
    for i, r in owner.items():
        block = next(b for b in r.blocks if b[2] == i)
        s = text[block[0] : block[1]]
        after = owner.get(i + 1)
        if _dangles(s) and after is not r and paras[i].kind != "lead":
            heads.append((i, r, balance(s)))
        before = owner.get(i - 1)
        if len(s) <= 60 and _SENTENCE_END.search(s) and before is not r:
            bal = balance(s)
            if any(v < 0 for v in bal):
                tails.append((i, r, bal))
    moved: dict[int, int] = {}
    used: set[int] = set()
    for hi, hr, hb in sorted(heads, key=lambda h: h[0]):
        options = [
            t
            for t in tails
            if t[0] not in used and t[0] != hi and any(h > 0 and v < 0 for h, v in zip(hb, t[2], strict=True))
        ]
        if not options:
            continue
        ti, tr, _ = min(options, key=lambda t: (abs(t[0] - hi), t[0]))
        used.add(ti)
        block = next(b for b in tr.blocks if b[2] == ti)
        tr.blocks.remove(block)
        tr.owned.remove((paras[ti].start, paras[ti].end))
        hr.blocks.append(block)
        hr.owned.append((paras[ti].start, paras[ti].end))
        hr.blocks.sort()
        moved[next(b for b in hr.blocks if b[2] == hi)[0]] = block[0]
        logger.debug("moved paragraph %d to the article of paragraph %d", ti, hi)
    return moved


def _bigrams(s: str) -> set[str]:
    han = "".join(c if _is_han(c) else " " for c in s)
    return {han[i : i + 2] for i in range(len(han) - 1) if " " not in han[i : i + 2]}


def _attach_captions(doc: Document, recs: list[_Rec]) -> None:
    articles = [r for r in recs if r.kind == "article"]
    captions = [r for r in recs if r.kind == "caption"]
    if not captions or not articles:
        return
    text = doc.text
    grams = [
        _bigrams(" ".join([r.title, r.kicker or ""] + [text[b[0] : b[1]] for b in r.blocks]))
        for r in articles
    ]
    df: dict[str, int] = {}
    for g in grams:
        for x in g:
            df[x] = df.get(x, 0) + 1
    for c in captions:
        c_start = min(s for s, _ in c.owned)
        before = [a for a in articles if a.owned and min(s for s, _ in a.owned) < c_start]
        if not c.attach_text and before:
            c.attached = before[-1]  # a credit alone closes the text above it (a picture told in body lines)
            continue
        cg = _bigrams(c.attach_text or c.title)
        scores = [math.fsum(1.0 / df[x] for x in cg & g) for g in grams]  # exact: the same in any set order
        best = max(range(len(articles)), key=lambda k: (scores[k], -abs(articles[k].order - c.order)))
        if scores[best] >= 1.5:
            c.attached = articles[best]
            continue
        following = [a for a in articles if a.owned and min(s for s, _ in a.owned) > c_start]
        c.attached = following[0] if following else articles[-1]


def _finish(doc: Document, paras: list[_Para], recs: list[_Rec], *, columns: bool) -> list[Article]:
    moved = _relocate_tails(doc, paras, recs) if columns and doc.format != "jsonl" else {}
    _attach_captions(doc, recs)
    editors = tuple(dict.fromkeys(n for r in recs for n in r.editors))
    recs = [r for r in recs if r.owned]
    recs.sort(key=lambda r: (min(s for s, _ in r.owned), r.order))
    ids = {id(r): f"{doc.doc_id}-{n:03d}" for n, r in enumerate(recs)}
    whole = {i for i, p in enumerate(paras) if p.kind == "lead"}
    out: list[Article] = []
    for n, r in enumerate(recs):
        blocks = _record_blocks(doc.text, r, moved, whole, columns=columns)
        _place_tails(doc.text, blocks, moved)
        out.append(_article(doc, r, n, ids, editors, blocks))
    return out


def _body_blocks(text: str, r: _Rec) -> list[tuple[int, int, int]]:
    """The record's blocks that are body text, in document order.

    A bare link ("[查看原文](https://…)") carries no news: not body text, unless it is all there is besides
    trailers (a rule, an update stamp), which are never body text while anything else is left.
    """
    trailers = {b for b in r.blocks if is_trailer(text[b[0] : b[1]])}
    if len(trailers) == len(r.blocks):
        trailers = set()
    links = {b for b in r.blocks if b not in trailers and is_link_only(text[b[0] : b[1]])}
    keep_links = len(links) >= len(r.blocks) - len(trailers)
    return [b for b in sorted(r.blocks) if b not in trailers and (b not in links or keep_links)]


def _record_blocks(
    text: str, r: _Rec, moved: dict[int, int], whole: set[int], *, columns: bool
) -> list[Block]:
    """The record's body blocks, each marked when it continues the previous one across a column break.

    A paragraph in ``whole`` (a deck or a lead-in line of a plain page) is never cut by a column break.
    """
    tails = set(moved.values())
    blocks: list[Block] = []
    prev: tuple[int, int, int] | None = None
    for b in _body_blocks(text, r):
        joins = False
        if prev is not None and r.kind == "article" and columns:
            if prev[0] in moved:  # its continuation was printed elsewhere and moved here
                joins = moved[prev[0]] == b[0]
            elif b[0] not in tails and prev[2] not in whole:  # a moved tail continues its head
                joins = _dangles(text[prev[0] : prev[1]])
        blocks.append(Block(b[0], b[1], joins))
        prev = b
    return blocks


def _place_tails(text: str, blocks: list[Block], moved: dict[int, int]) -> None:
    """Reading order: a tail that the PDF printed elsewhere follows the paragraph it completes."""
    for head_start, tail_start in moved.items():
        hi = next((j for j, x in enumerate(blocks) if x.start == head_start), None)
        ti = next((j for j, x in enumerate(blocks) if x.start == tail_start), None)
        if hi is None or ti is None or ti == hi + 1:
            continue
        tail = blocks.pop(ti)
        hi = hi - (ti < hi)
        blocks.insert(hi + 1, Block(tail.start, tail.end, True))
        if hi + 2 < len(blocks):
            nxt = blocks[hi + 2]
            blocks[hi + 2] = Block(nxt.start, nxt.end, _dangles(text[tail.start : tail.end]))


def _article(
    doc: Document, r: _Rec, n: int, ids: dict[int, str], editors: tuple[str, ...], blocks: list[Block]
) -> Article:
    text = doc.text
    return Article(
        article_id=ids[id(r)],
        doc_id=doc.doc_id,
        source=doc.source,
        position=n,
        kind=r.kind,
        title=r.title or (_label(text[r.blocks[0][0] : r.blocks[0][1]]) if r.blocks else ""),
        kicker=r.kicker,
        byline=r.byline,
        authors=r.authors,
        place=r.place,
        date=r.date,
        editors=editors,
        sections=tuple(r.sections),
        blocks=tuple(blocks),
        start=min(s for s, _ in r.owned),
        end=max(e for _, e in r.owned),
        attached_to=ids.get(id(r.attached)) if r.attached is not None else None,
        head=tuple(Block(s, e) for s, e in r.head),
    )
