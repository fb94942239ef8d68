"""How a page of plain text (no Markdown or HTML heading marks) is read: which lines start articles.

A newspaper page saved as text is a run of paragraphs: for each article, its header lines (a kicker, the
headline, a subtitle) and then its body, where the body may hold section headings of its own. Nothing marks
which short line is a headline and which a section heading, so the page is read by its structure:

* A **heading line** is short (:data:`MAX_HEADING` characters, :data:`MAX_TAGGED` when it ends in a column
  tag), holds no full stop and does not end like a sentence or a clause. A long line with commas (a deck, a
  pull quote) and a line ending in ``！`` or ``？`` are heading lines only over a dateline or a byline (and
  the long line also over another heading line that is not a question, as a kicker, or under a keyword).
  Bylines, captions, credits, editor and data-source lines, closing lines, readers' signatures
  (``江西新余市  廖海金``), notes wholly in brackets (``（相关报道见…）``), lines with an e-mail or web address
  (a column's mailbox, which closes its article), a salutation (``各位代表：``), bulleted list items and
  questions or quoted words trailing off in an ellipsis are never heading lines. Consecutive heading lines form a **heading group**; a group with the paragraphs up to the next group
  is a **unit**.
* In a group, a line ending in ``——`` or ``：`` is a kicker; a line that opens with ``——`` right after the
  headline is its subtitle; a longer line with commas after the headline is a deck (the article's first
  words, body text); a reading guide (``核心阅读``) is body text. A group of two plain lines is kicker and
  headline, unless the second is a column's label under a longer headline (``头条看点``), says who attended
  or chaired (``栗战书出席并发表讲话``, ``栗战书主持``), what a meeting decided or from when the news holds
  (``今起对我国进行国事访问``), or holds a clause break, or the first leads with a figure or a count
  (``800多万返乡农民工就地就近就业``, ``再取消21项…``): then headline and subtitle. A bulleted line longer than a
  label is a list item, never a heading. A lone line ending in ``——`` or ``：`` opens the body (``这正是：``).
* A unit **starts an article** when the page has no article yet, when its headline ends in a column tag
  (``（大使随笔）``) or is a photo-report label or a front page's contents box (``导读`` over headlines and
  their page numbers, ``第八版``: the box's body), when it has a dash kicker or subtitle, when it is a poem
  (six or more short lines of verse, even printed without punctuation: a run of heading-shaped lines too
  long for a header) or its headline is a special page's banner of three spaced groups
  (``浙江义乌  厚植产业根基 积蓄发展动能``, a heading line even with commas), when its body opens with a dateline (``本报北京2月20日电``) or a byline,
  when it opens with a reading guide, when the paragraph before it closes an article (``（本报基辅2月12日电）``, ``（作者为…）``, ``（摘编自…）``, a photographer's credit, an
  editor line), or when it is a photo story (a few lines ending in a credit). Dash kickers that are keywords
  of one length (``科技赋能——`` / ``安全至上——``, up to four characters), or short names over headings whose
  bodies give no source of their own (the places a report visits: ``荷兰鹿特丹——`` / ``新加坡——``), over two or
  more headings in a row after an article's headline are that article's sections, not articles (a page
  that opens with such a run is a set of articles under their subjects' names: ``京东集团——``).
* A unit is a **section** of the article it follows when it is a box's label and heading (``记者手记``,
  ``延伸阅读``), or when its heading is a numbering (``（一）``, ``二``, ``一、总体要求``), a letter-spaced word (``重 视``; the
  page's only section-styled heading, it is an essay's title: ``砚  滴``), a
  bracketed label (``【点评】``), a bulleted line or a quotation's attribution (``——习近平``).
* Any other unit is read by the company it keeps. Section headings come in sets: a lone such unit between
  two article starts is an article (unless its heading shares a style with two or more heading-shaped lines
  of that article's body: long quoted section heads read as leads), two or more are the sections of the
  article they follow, except that: headings under keywords of one length (``创新`` / ``信心`` / ``韧性``, over
  short or long headings) are
  the sections of the article whose heading comes right before them (of the article they follow when the
  keywords end in a dash), and the first heading of another kind after them starts an article; among the
  others a unit with a kicker over its headline starts an article when such units are one or a minority
  (when most are, kicker + heading is the sections' own style, unless the kickers are long and share no
  style: each tells its story's news); and after two or more label-led section
  headings (``保供给：…``), the first heading of another kind starts an article, and so does the first heading
  after an article whose sections open with lead-ins ending in a dash (``做强“大通道”，重塑开放新优势——``).
  Short stories printed one after another under plain headlines, none with a sign of its own (a kicker, a
  subtitle, a column tag, a dateline, a byline), are articles, not one story's sections, unless the first of
  their headings shares a style with all the others and the first story's headline does not (a set of
  section headings). After a note (``（编辑手记）``), headings of one style are the reports it is printed with. A dated report and a comment
  (a column tag ending in 评, 论, 语, 手记, 随笔, 随感, 杂谈) have no section headings: the first such unit after one starts
  an article (a feature printed under the report) and the units after that are its sections (up to the
  first heading that breaks a style three or more of them share), unless its
  heading shares a style with all of theirs (a length, a comma after the same number of characters, a label,
  spaced groups like ``城乡处处  年味渐浓``, quotes), which makes them all the report's sections; after a
  comment, two or more headings after the first that share no style with one another are headlines too
  (the reports a note is printed with). An article states its source once: a unit that closes with a
  source line (``（本报开罗10月23日电）``) after an article that opened with a dateline starts a new article.
* Articles printed as one: a brief column (``速览``, ``微阅读``, ``简讯``, a label naming that kind: ``…扫描``, ``…快讯``) holds the short items after its
  label, until a unit starts an article by a sign other than a dateline or a closing line (which every item
  has) or changes the items' form (an undated story after dated items, which starts an article); a headline directly over a dash kicker and headline is a series title, and the parts that follow
  under dash kickers of their own are its sections; in a round-up, the speakers that follow an article whose
  header names its speaker (``李希代表（广东省委书记）``) are its sections; a letters column (a label of a few
  characters over a letter's headline, ``身边事``) holds the letters signed by their readers that follow it,
  the label as its title, and so does a press digest (``纵横``) the items excerpted from other papers; a title over reports each headed by a short kicker of one length (``2019春运一线`` /
  ``送医治``, ``搭产房``) is one article, the reports' headers its sections, and so is a column's headline over
  the first report's headline and byline with two or more reports after it, each a headline over a byline;
  an editor's note (``——编者``) introduces parts that stay in its article (each part's byline and closing
  line too) while their headers keep the first part's form (a place or speaker line over the headline, or
  none), up to a unit with a sign of its own (a column tag, a dateline, a dash kicker unless every part has
  one over a byline, a reading guide); and a column's headline keeps two or more parts that follow it, each
  a speaker under a dash over its own headline and a byline.

These rules are about the shape of a page, not its words, apart from short lists of newspaper furniture that
every Chinese daily prints (reading guides, brief-column and photo-report labels, photo agencies), the
province names that open a reader's signature, and the few words by which a subtitle reports a meeting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "BODY", "HEADLINE", "KICKER", "LEAD", "MAX_HEADING", "MAX_TAGGED", "SECTION", "SUBTITLE", "Line",
    "is_closing_line", "page_roles",
]  # fmt: skip

MAX_HEADING = 50
"""The longest line read as a heading."""
MAX_TAGGED = 80
"""The longest line read as a heading when it ends in a column tag (some tags are long)."""

# Roles of a paragraph, as returned by page_roles.
KICKER, HEADLINE, SUBTITLE, SECTION, LEAD, BODY = "kicker", "headline", "subtitle", "section", "lead", "body"
"""The roles of page_roles; a lead is a line shaped like a heading that is body text (a deck, a reading guide,
a lead-in ending in a colon): a whole line, never half of a sentence cut by a column break."""

_SENTENCE_END = re.compile(r"(?:[。！!？?；;，,、]|(?<!…)…)[”’」』）)\"'》]*$")
_SPOKEN_END = re.compile(r"[！!？?][”’」』）)\"']*$")
_DASH_END = re.compile(r"[—―－]{1,2}$")
_COLUMN_TAG = re.compile(r"[（(](?:[^（）()]|[（(][^（）()]*[）)]){2,60}[）)]$")
_BOX_LABEL = re.compile(
    r"^[●■◆▲]?(?:延伸阅读|相关链接|知识链接|链接|记者手记|编辑手记|人物小传|小贴士|名词解释)$"
)
"""The label of a box inside an article (a reporter's note, further reading, a profile)."""
_GUIDE = re.compile(r"^(?:核心阅读|编者的话|编者按|内容提要|阅读提示|导读|背景)$")
_BRIEF_LABEL = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}(?:简讯|快讯|速览|速递|短讯|扫描)|数读|微阅读|一句话新闻|资讯|图片报道|图片新闻|新闻图片"
    r"|.{1,6}[·・].{1,8})$"
)
_PHOTO_LABEL = re.compile(r"^(?:图片报道|图片新闻|新闻图片)$")
_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}|\d{1,2}|[①-⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+)$"
)
_SPACED = re.compile(r"^(?:\S[ \u3000]+){1,3}\S$")
_LABELLED = re.compile(r"^(?:【[^】]{1,10}】|[●■◆▲◇□★☆•])")
_ATTRIBUTION = re.compile(r"^[—―]{1,2}\s*[@\S]{1,12}$")
_CLOSING = re.compile(
    r"^[（(](?:据?(?:本报|新华社|中新社|人民日报)[^（）()]*电[^（）()]*|(?:作者|执笔).*"
    r"|[^（）()]*(?:记者|整理|采写|供稿|参与)[^（）()]*|(?:摘编自|摘自|原载|转载自)[^（）()]*"
    r"|[\u4e00-\u9fff·]{2,5}(?:[、，, \u3000][\u4e00-\u9fff·]{2,5})*)[）)]$"
    r"|整理$|^——\s*编\s*者$|^(?:制图|版式设计|图表制作|数据来源|资料来源|本期统筹|统筹)[：:]|摄(?:影)?(?:报道)?(?:[（(][^（）()]{1,12}[）)])?$"
    r"|[\u4e00-\u9fff]\s*图[ \u3000]+\S[\u4e00-\u9fff \u3000]{1,8}文$"
    r"|^[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,6}绘[（(][^（）()]{1,12}[）)]$"
    r"|^(?:人民视觉|视觉中国|影像中国|新华社发|资料图片)$|^(?:以上|本版)?(?:图片|照片)[^。，,]{0,24}提供$"
)
_COMMENT_TAG = re.compile(r"(?:评|论|语|手记|随笔|随感|杂谈)[）)]$")
_EDITOR_NOTE = re.compile(r"^[—―]{1,2}\s*编\s*者$")
_SOURCE_CLOSING = re.compile(r"^[（(]据?(?:本报|新华社|中新社|人民日报)[^（）()]*电[^（）()]*[）)]$")
_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|"
    "四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|内蒙古|香港|澳门|台湾"
)
_AUTHOR = re.compile(rf"^(?:{_PROVINCES})[\u4e00-\u9fff]{{0,8}}[ \u3000]+[\u4e00-\u9fff·]{{2,5}}$")
"""A reader's signature: place and name (``江西新余市  廖海金``)."""
_SUBTITLE_HINT = re.compile(
    r"出席|主持$|[；;]|^(?:确定|部署|听取|审议|决定)|^(?:今|明|即日|(?:\d{1,2}月)?\d{1,2}日)起"
)
"""What only a subtitle holds: who attended or chaired (``栗战书出席并发表讲话``, ``栗战书主持``), what a
meeting decided, a clause break, when the headline's news takes effect (``5日起开始生效``)."""
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*[多余]?(?:万|亿|%|％|项|个|家|名|件|户|所|座|条|批)")
"""A figure with its magnitude or a counted unit (``1109万人``, ``21项``; not a year or an anniversary): a
headline that leads with one is the main title."""
_NOT_WORD = re.compile(r"[\W_]+")
_LABEL_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,8}[：:]\S")
"""A section heading led by a label (``保供给：备耕早、农资足``)."""
_SPEAKER = re.compile(r"^[\u4e00-\u9fff·]{2,8}(?:代表|委员)[（(][^（）()]{2,40}[）)]$")
"""A round-up speaker's line: a deputy or member and their office (``李希代表（广东省委书记）``)."""
_BULLET = re.compile(r"^[●■◆▲◇□★☆•]")
_BULLET_HEAD = 12  # the longest bulleted line read as a heading (``●小贴士``); longer ones are list items
_ELIDED_QUESTIONS = re.compile(r"[？?！!][^？?！!]+[？?！!]?[”’」』]*(?:……|…)[”’」』]*$|^“[^”]+…”$")
"""Questions trailing off, or someone's words trailing off (``“根据您提供的信息，…以下答案……”``): body text."""
_SALUTATION = re.compile(
    r"^(?:各位|尊敬的|亲爱的)?[\u4e00-\u9fff]{0,6}(?:代表|委员|同志|同胞|朋友|读者|网友|老师|同学|先生|女士)们?[：:]$"
)
_NUMBERED_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])\S"
)
"""A numbered section heading (``一、总体要求``, ``（二）…``, ``3.…``)."""
_BANNER = re.compile(
    r"^(?=.*(?:  |\u3000))[^\s]*[\u4e00-\u9fff][^\s]*(?:[ \u3000]+[^\s]*[\u4e00-\u9fff][^\s]*){2,}$"
)
"""A headline of three or more spaced groups (``浙江义乌  厚植产业根基 积蓄发展动能``): a special page's, never a
section's."""
_KEYWORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
"""A keyword over a section's heading (``读数据``, ``创新``)."""
_NAMED = -1  # the run key of a name kicker (a place a report visits), see _run_key
_NAME_CHARS = 8  # the longest such name (``瑞典斯德哥尔摩``)
_LABEL_CHARS = 4  # the longest column label (``身边事``, ``建议``) over a letter's headline
_CREDIT_END = re.compile(r"摄(?:影)?(?:报道)?(?:[（(][^（）()]{1,12}[）)])?$")
_PAIRED = re.compile(r"^[^\s，,]{2,}(?:[ \u3000]+[^\s，,]{2,})+$")
"""A heading of two or more spaced groups (``城乡处处  年味渐浓``)."""
_STYLES: tuple[Callable[[str], object], ...] = (
    lambda t: len(_NOT_WORD.sub("", t)),
    lambda t: t.find("，") if "，" in t else None,
    lambda t: True if _LABEL_HEAD.match(t) else None,
    lambda t: True if _PAIRED.match(t) else None,
    lambda t: True if t.startswith("“") and t.endswith("”") else None,
)
"""What the section headings of one article share: a length, a comma after the same number of characters, a
label, spaced groups, quotes (``None``: the heading has no such trait)."""
_EXCERPTED = re.compile(
    r"^[（(](?:摘编自|摘自|原载|转载自)[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$"
)
_CONTENTS = re.compile(r"^(?:本期|今日|本版)?导读$")
_PAGE_REF = re.compile(r"^(?:详见|见)?第[一二三四五六七八九十\d]{1,3}版$")
"""A page number in a contents box (``第八版``), which also closes a column's teaser."""
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.", re.ASCII)
"""An e-mail or web address: a contact line (``本版邮箱：…``), never a heading."""
_BRIEF_CHARS = 500  # the most body characters of an item in a brief column
_TOLD_CHARS = 12  # a kicker longer than this tells a story's news (an article's), not a section's keyword
_VERSE_CHARS = 16  # the longest line of verse
_VERSE_LINES = 6  # the fewest lines of a poem; no header is as long
_DIGIT = re.compile(r"[0-9０-９]")
_STORY_CHARS = 600  # the most body characters of a short story printed among others with no sign of its own


@dataclass(frozen=True)
class Line:
    """What page_roles needs to know of a paragraph: its text, its kind as classified by rag.articles
    (``body``, ``caption``, ``credit``, ``notice``, ``byline``) and whether it opens with a dateline."""

    text: str
    kind: str = "body"
    dateline: bool = False


def _is_heading(line: Line) -> bool:
    t = line.text
    if line.kind != "body" or line.dateline or not t or "\n" in t:
        return False
    if len(t) > MAX_HEADING and not (len(t) <= MAX_TAGGED and _COLUMN_TAG.search(t)):
        return False
    if "。" in t or _CLOSING.search(t) or _AUTHOR.match(t) or _ADDRESS.search(t) or _bracketed(t):
        return False
    if _BULLET.match(t) and len(t) > _BULLET_HEAD:
        return False  # an item of a bulleted list, not a heading
    if _SALUTATION.match(t):
        return False  # a speech's or a letter's salutation opens its body (``各位代表：``)
    if _ELIDED_QUESTIONS.search(t):
        return False  # questions trailing off (``…？什么样的目标…？……``): the body's words
    if _SENTENCE_END.search(t) and not _SPOKEN_END.search(t):
        return False
    return any("\u4e00" <= c <= "\u9fff" for c in t)


def _bracketed(text: str) -> bool:
    """A whole line in one pair of brackets (``（相关报道见第四版）``): a note, never a heading."""
    if len(text) < 3 or text[0] not in "（(" or text[-1] not in "）)":
        return False
    depth = 0
    for i, c in enumerate(text):
        depth += (c in "（(") - (c in "）)")
        if depth == 0:
            return i == len(text) - 1
    return False


def _is_closing(line: Line) -> bool:
    t = line.text
    contact = len(t) <= 80 and bool(_ADDRESS.search(t))  # a column's mailbox printed under its article
    return line.kind in ("credit", "notice") or contact or bool(_PAGE_REF.match(t)) or is_closing_line(t)


def is_closing_line(text: str) -> bool:
    """A line that ends an article: a source or author line, a credit, a reader's signature."""
    return len(text) <= 80 and bool(_CLOSING.search(text) or _AUTHOR.match(text))


def _weak_heading(text: str) -> bool:
    """A long line with commas and no column tag: a kicker when a headline follows, else the body's first
    words (a deck, a pull quote)."""
    return len(text) > 24 and ("，" in text or "," in text) and not _COLUMN_TAG.search(text)


def _opens_article(line: Line) -> bool:
    return line.dateline or line.kind == "byline"


@dataclass
class _Unit:
    """A heading group and the paragraphs up to the next one (indices into the page's paragraphs)."""

    head: list[int]
    body: list[int]
    kicker: int | None = None
    title: int | None = None
    subtitles: list[int] = field(default_factory=list)
    decks: list[int] = field(default_factory=list)
    inner: list[int] = field(default_factory=list)  # an item's heading under a brief-column or series title
    series: bool = False  # a headline directly over a kicker and headline: the title of a series of parts


def _units(lines: Sequence[Line]) -> list[_Unit]:
    heading = [_is_heading(line) for line in lines]
    opens = [i + 1 < len(lines) and _opens_article(lines[i + 1]) for i in range(len(lines))]
    for i, line in enumerate(lines):
        if heading[i] and _SPOKEN_END.search(line.text):
            heading[i] = opens[i]  # an exclamation or a question is a headline only over a dateline or byline
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            heading[i]
            and _weak_heading(line.text)
            and not _SPOKEN_END.search(line.text)
            and not _BANNER.match(line.text)
        ):
            keyword = i > 0 and heading[i - 1] and bool(_KEYWORD.match(lines[i - 1].text))
            heading[i] = (
                keyword or opens[i] or (nxt is not None and heading[i + 1] and not _weak_heading(nxt.text))
            )
    _verse_runs(lines, heading)
    for i in _contents_boxes(lines):
        heading[i], last, j = True, i, i + 1
        while j < len(lines) and (heading[j] or _PAGE_REF.match(lines[j].text)):
            last = j if _PAGE_REF.match(lines[j].text) else last
            j += 1
        heading[i + 1 : last + 1] = [False] * (last - i)  # the box's entries and page numbers are its body
    units: list[_Unit] = []
    for i in range(len(lines)):
        if heading[i]:
            if not units or units[-1].body:
                units.append(_Unit([], []))
            units[-1].head.append(i)
        elif units:
            units[-1].body.append(i)
        else:
            units.append(_Unit([], [i]))
    return units


def _verse_runs(lines: Sequence[Line], heading: list[bool]) -> None:
    """Verse printed without punctuation looks like a run of heading lines; a header is never six lines long,
    so in such a run the first line is the poem's title and the short lines after it its body, up to a
    headline with a column tag (the next article's). Lines with figures are a chart's, not verse."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and heading[j] and not (j > i and _COLUMN_TAG.search(lines[j].text)):
            if _PAGE_REF.match(lines[j].text) or (j + 1 < len(lines) and _opens_article(lines[j + 1])):
                break  # a contents box's page number, a headline over its dateline: not verse
            j += 1
        body = [lines[k].text for k in range(i + 1, j)]
        if len(body) >= _VERSE_LINES and all(len(t) <= _VERSE_CHARS and not _DIGIT.search(t) for t in body):
            heading[i + 1 : j] = [False] * (j - i - 1)
        i = max(j, i + 1)


def _contents_boxes(lines: Sequence[Line]) -> list[int]:
    """The labels of a front page's contents box (``导读`` over headlines and the pages they are on)."""
    return [
        i
        for i, line in enumerate(lines)
        if _CONTENTS.match(line.text) and any(_PAGE_REF.match(x.text) for x in lines[i + 1 : i + 8])
    ]


def _deck_like(text: str, title: str) -> bool:
    """A line after the headline that is the article's first words rather than a subtitle."""
    return ("，" in text or "," in text) and len(text) > max(20, len(title))


def _has_kicker(t: Sequence[str]) -> bool:
    """Whether the first line of a heading group is a kicker over the headline that follows."""
    if len(t) < 2 or _COLUMN_TAG.search(t[0]) or t[1].startswith(("——", "—")):
        return False
    if _DASH_END.search(t[0]) or t[0].endswith(("：", ":")):
        return True
    if _COLUMN_TAG.search(t[1]) or (len(t) == 2 and _KEYWORD.match(t[0])):
        return True  # a keyword over a headline, even a long one (``读业态`` / ``“文化创造是根，…”``)
    if len(t) == 2 and (_SUBTITLE_HINT.search(t[1]) or (_FIGURE.search(t[0]) and "，" not in t[0])):
        return False
    if len(t) == 2 and _KEYWORD.match(t[1]) and len(t[0]) > 2 * len(t[1]):
        return False  # a headline over a column's label (``走进这里，历史如此鲜活`` / ``头条看点``)
    return not _deck_like(t[1], t[0])


def _parse_head(u: _Unit, lines: Sequence[Line]) -> None:
    """Kicker, headline, subtitles and decks of a heading group."""
    if (
        len(u.head) == 1
        and _CONTENTS.match(lines[u.head[0]].text)
        and any(_PAGE_REF.match(lines[i].text) for i in u.body)
    ):
        u.title = u.head[0]  # a contents box
        return
    g = [i for i in u.head if not _GUIDE.match(lines[i].text)]
    u.decks = [i for i in u.head if i not in g]
    if not g:
        return
    t = [lines[i].text for i in g]
    if _BRIEF_LABEL.match(t[0]):
        u.title, u.inner = g[0], g[1:]
        return
    if len(t) >= 3 and _DASH_END.search(t[1]) and not _DASH_END.search(t[0]):
        u.title, u.inner, u.series = g[0], g[1:], True  # a headline never ends in a dash: t[1] is a kicker
        return
    k = 1 if _has_kicker(t) else 0
    if len(g) == 1 and (_DASH_END.search(t[0]) or t[0].endswith(("：", ":"))):
        u.decks = list(u.head)  # a lead-in line of the body ("突出“关键少数”——", "这正是：")
        return
    if k:
        u.kicker = g[0]
    u.title = g[k]
    for i, text in zip(g[k + 1 :], t[k + 1 :], strict=True):
        if text.startswith(("——", "—")) or not _deck_like(text, t[k]):
            u.subtitles.append(i)
        else:
            u.decks.append(i)
    u.decks.sort()


def _section_style(u: _Unit, lines: Sequence[Line]) -> bool:
    if u.title is None:
        return True
    if any(_BOX_LABEL.match(lines[i].text) for i in u.head):
        return True  # a box inside the article (``延伸阅读`` over its heading)
    t = lines[u.title].text
    if u.body and _NOT_WORD.sub("", lines[u.body[0]].text).startswith(_NOT_WORD.sub("", t)):
        return True  # a term its first paragraph explains (``三张交通网`` / ``“三张交通网”包括：…``)
    if _NUMBERED_HEAD.match(t) and not _COLUMN_TAG.search(t):
        return True  # a document's numbered sections (``一、总体要求``)
    return (
        bool(_NUMBERING.match(t) or _SPACED.match(t) or _LABELLED.match(t) or _ATTRIBUTION.match(t))
        and len(t) <= 12
    )


def _section_styles(units: list[_Unit], lines: Sequence[Line]) -> list[bool]:
    """:func:`_section_style` of every unit, except that a letter-spaced word heads a section only among
    others (``重  视`` / ``落  实``, ``一``): when it is a page's only section-styled heading, it is a title (an
    essay's, ``砚  滴``)."""
    styles = [_section_style(u, lines) for u in units]
    styled = [n for n, u in enumerate(units) if styles[n] and u.title is not None]
    if len(styled) == 1 and _spaced_word(lines[units[styled[0]].title]):  # type: ignore[index]
        styles[styled[0]] = False
    return styles


def _spaced_word(line: Line) -> bool:
    t = line.text
    return bool(_SPACED.match(t)) and not (_NUMBERING.match(t) or _LABELLED.match(t) or _ATTRIBUTION.match(t))


def _strong_start(u: _Unit, prev: _Unit | None, lines: Sequence[Line]) -> bool:
    """Signs that a unit opens an article (see the module docstring)."""
    if u.title is None:
        return False
    title = lines[u.title].text
    if prev is None or _COLUMN_TAG.search(title) or _PHOTO_LABEL.match(title) or _CONTENTS.match(title):
        return True
    if _dash_kicker(u, lines):
        return True
    if any(lines[s].text.startswith(("——", "—")) and len(lines[s].text) >= 8 for s in u.subtitles):
        return True
    if any(_GUIDE.match(lines[i].text) for i in u.head + u.body[:1]):
        return True
    if _dated(u, lines) or (u.body and lines[u.body[0]].kind == "byline"):
        return True
    if prev.body and _is_closing(lines[prev.body[-1]]):
        return True
    return _photo_story(u, lines) or _poem(u, lines) or bool(_BANNER.match(lines[u.title].text))


def _dash_kicker(u: _Unit, lines: Sequence[Line]) -> bool:
    return u.kicker is not None and bool(_DASH_END.search(lines[u.kicker].text))


def _keyword(u: _Unit, lines: Sequence[Line]) -> int:
    """The length of a unit's kicker when it is short enough to be a keyword over a section heading
    (``采收——``, ``科技赋能——``, ``创新``), else 0."""
    if u.kicker is None:
        return 0
    size = len(_NOT_WORD.sub("", lines[u.kicker].text))
    return size if size <= _LABEL_CHARS else 0


def _run_key(u: _Unit, lines: Sequence[Line]) -> int:
    """What a unit under a dash kicker shares with the sections of its run: a keyword's length, or
    :data:`_NAMED` for a short name over a heading that gives no source of its own (``西班牙桑坦德——`` /
    ``韩国首尔——``: the places a report visits); 0 when it is no such unit."""
    if not _dash_kicker(u, lines):
        return 0
    assert u.kicker is not None
    name = _NOT_WORD.sub("", lines[u.kicker].text)
    if len(name) <= _NAME_CHARS and not (_dated(u, lines) or _bylined(u, lines)):
        return _NAMED
    return _keyword(u, lines)


def _keyword_runs(units: list[_Unit], lines: Sequence[Line]) -> set[int]:
    """Units in runs of two or more consecutive units under dash kickers that are keywords of one length or
    names with no source of their own, after an article's own headline: the sections of that article
    (``科技赋能——`` / ``安全至上——``), not articles (a page that opens with such a run is a set of articles
    under their subjects' names)."""
    out: set[int] = set()
    titled = [n for n, u in enumerate(units) if u.title is not None]
    run: list[int] = []
    for n in [*titled, -1]:
        size = _run_key(units[n], lines) if n >= 0 else 0
        if run and size == _run_key(units[run[0]], lines):
            run.append(n)
            continue
        if len(run) >= 2 and run[0] != titled[0]:
            out.update(run)
        run = [n] if size else []
    return out


def _poem(u: _Unit, lines: Sequence[Line]) -> bool:
    """A headline over verse: six or more lines, most of them a short phrase and few someone's words in
    quotes (dialogue is a story's); a poem is never a section."""
    verse = [lines[i].text for i in u.body]
    if len(verse) < 6 or sum(t.startswith(("“", "‘", "「")) for t in verse) > 0.2 * len(verse):
        return False
    short = sum(len(t) <= _VERSE_CHARS for t in verse)
    run_on = sum(not t.endswith(("。", "！", "？", "”")) for t in verse)  # verse runs on, sentences stop
    return short >= 0.8 * len(verse) and run_on >= 0.5 * len(verse)


def _photo_story(u: _Unit, lines: Sequence[Line]) -> bool:
    """A headline over a caption or two and a photographer's credit."""
    return 0 < len(u.body) <= 4 and bool(_CREDIT_END.search(lines[u.body[-1]].text))


def page_roles(lines: Sequence[Line]) -> list[str]:
    """The role of every paragraph of a plain-text page: kicker, headline, subtitle, section, lead or body."""
    units = _units(lines)
    for u in units:
        _parse_head(u, lines)
    starts = _decide(units, lines)
    roles = [BODY] * len(lines)
    for n, u in enumerate(units):
        for i in u.decks:
            roles[i] = LEAD
        if u.title is None:
            continue
        if starts[n]:
            if u.kicker is not None:
                roles[u.kicker] = KICKER
            roles[u.title] = HEADLINE
            for i in u.subtitles:
                roles[i] = SUBTITLE
        else:
            for i in [u.title] + ([u.kicker] if u.kicker is not None else []) + u.subtitles:
                roles[i] = SECTION
        for i in u.inner:
            roles[i] = SECTION
    return [LEAD if r == BODY and _is_heading(line) else r for r, line in zip(roles, lines, strict=True)]


def _decide(units: list[_Unit], lines: Sequence[Line]) -> list[bool]:
    """For each unit, whether it starts an article."""
    keyword = _keyword_runs(units, lines)
    sectional = _section_styles(units, lines)
    strong = [
        n not in keyword and not sectional[n] and _strong_start(u, units[n - 1] if n else None, lines)
        for n, u in enumerate(units)
    ]
    _column_ends(units, lines, strong)
    starts = list(strong)
    n = 0
    while n < len(units):
        if not strong[n]:
            n += 1
            continue
        m = n + 1
        while m < len(units) and not strong[m]:
            m += 1
        plain = [k for k in range(n + 1, m) if units[k].title is not None and not sectional[k]]
        for k in _plain_starts(units[:m], n, plain, lines):
            starts[k] = True
        n = m
    _source_twice(units, lines, starts)
    _brief_columns(units, lines, starts, strong)
    _series(units, lines, starts)
    _round_ups(units, lines, starts)
    _letter_columns(units, lines, starts)
    _grouped_reports(units, lines, starts)
    _bylined_parts(units, lines, starts)
    _speaker_parts(units, lines, starts)
    _edited_packages(units, lines, starts)
    return starts


def _plain_starts(units: list[_Unit], n: int, plain: list[int], lines: Sequence[Line]) -> list[int]:
    """Which of the plain units after the article start ``n`` (up to the next sure start) start articles."""
    titles = [lines[units[k].title].text for k in plain]  # type: ignore[index]
    if _note(units[n], lines) and len(titles) >= 2 and not _unlike_rest(titles):
        return plain  # a note has no sections: headings of one style after it are the reports it is with
    if (_dated(units[n], lines) or _comment(units[n], lines)) and _unlike_rest(titles):
        if _comment(units[n], lines) and len(titles) >= 3 and _all_unlike(titles[1:]):
            return plain  # the reports a note is printed with: headings that form no set are headlines
        return plain[:1] + _set_break(units, plain[1:], lines)  # a feature after a report or a comment
    if len(plain) == 1 and _echoes_leads(titles[0], units[n:], lines):
        return []
    peers = _unlike_rest(titles) or not _unlike_rest([lines[units[n].title].text, *titles])  # type: ignore[index]
    banner = bool(_BANNER.match(lines[units[n].title].text))  # type: ignore[index]  # a special's, over sections
    if len(plain) >= 2 and peers and not banner and all(_bare_story(units[k], lines) for k in [n, *plain]):
        return plain  # short stories with no sign of their own, printed one after another, in no set
    if plain and _led_in(units[n : plain[0]], lines) >= 2:
        # the article's sections open with lead-ins: a heading is another article's
        return [plain[0], *_run_starts(units, plain[1:], lines, _has_guide(units[plain[0]], lines))]
    return _run_starts(units, plain, lines, _has_guide(units[n], lines))


def _bare_story(u: _Unit, lines: Sequence[Line]) -> bool:
    """A short story under a single plain headline: no kicker, subtitle, column tag, dateline, byline or
    guide, and a body of at most :data:`_STORY_CHARS` characters."""
    if u.title is None or u.kicker is not None or u.subtitles or _COLUMN_TAG.search(lines[u.title].text):
        return False
    if _dated(u, lines) or _bylined(u, lines) or _has_guide(u, lines):
        return False
    return sum(len(lines[i].text) for i in u.decks + u.body) <= _STORY_CHARS


def _led_in(article: Sequence[_Unit], lines: Sequence[Line]) -> int:
    """How many sections of an article open with a lead-in line ending in a dash (``做强“大通道”，重塑开放新
    优势——``) rather than under a heading."""
    return sum(
        u.title is None and len(u.head) == 1 and bool(_DASH_END.search(lines[u.head[0]].text))
        for u in article
    )


def _set_break(units: list[_Unit], plain: list[int], lines: Sequence[Line]) -> list[int]:
    """A feature's section headings: after three or more that share a style of :data:`_STYLES`
    (``从烟火气看市场活力`` / ``从科技味看市场热情`` / ``从好政策看市场潜力``), the first heading without it starts
    an article, and the units after it are read as a run of their own."""
    titles = [lines[units[k].title].text for k in plain]  # type: ignore[index]
    for j in range(3, len(plain)):
        for style in _STYLES:
            v = style(titles[0])
            if v is not None and all(style(t) == v for t in titles[1:j]) and style(titles[j]) != v:
                return [
                    plain[j],
                    *_run_starts(units, plain[j + 1 :], lines, _has_guide(units[plain[j]], lines)),
                ]
    return []


def _echoes_leads(title: str, article: Sequence[_Unit], lines: Sequence[Line]) -> bool:
    """Whether a heading shares a style with two or more heading-shaped lines of the article's body, before
    or after it (long quoted section heads read as leads): then it is one more of them."""
    leads = [lines[i].text for u in article for i in u.body if _is_heading(lines[i])]
    return len(leads) >= 2 and not _unlike_rest([title, *leads])


def _run_starts(units: list[_Unit], plain: list[int], lines: Sequence[Line], guided: bool) -> list[int]:
    """Which of the plain units between two article starts start articles (see the module docstring)."""
    if len(plain) == 1:
        return [] if guided else plain
    kicked = [k for k in plain if units[k].kicker is not None]
    i = plain.index(kicked[0]) if kicked else 0
    size, j = (_keyword(units[plain[i]], lines) if kicked else 0), i
    while j < len(plain) and size and _keyword(units[plain[j]], lines) == size:
        j += 1
    if j - i >= 2:
        dashed = _dash_kicker(units[plain[i]], lines)  # dash keywords follow their article's own headline
        before = (
            [*_run_starts(units, plain[: i - 1], lines, guided), plain[i - 1]] if i and not dashed else []
        )
        rest = plain[j:]  # after the keyword sections, a heading of another kind starts an article
        return before + (rest[:1] + _run_starts(units, rest[1:], lines, False) if rest else [])
    told = _told(units, kicked, lines)
    if not kicked or not (len(kicked) == 1 or 2 * len(kicked) < len(plain) or told):
        return _style_break(units, plain, lines)
    out: list[int] = []  # kickers over headlines among (mostly) single-line section headings
    for a, k in enumerate(kicked):
        end = kicked[a + 1] if a + 1 < len(kicked) else len(units)
        out += [k, *_style_break(units, [j for j in plain if k < j < end], lines)]
    return out


def _told(units: list[_Unit], kicked: list[int], lines: Sequence[Line]) -> bool:
    """Whether the kickers over these headlines tell each story's news (long, and in no shared style, as
    ``广东打造一流仲裁机构、探索仲裁推荐标准``): articles' kickers, not a set of sections' (``内畅外联，…`` /
    ``优化环境，…``)."""
    texts = [lines[units[k].kicker].text for k in kicked]  # type: ignore[index]
    long = all(len(_NOT_WORD.sub("", t)) > _TOLD_CHARS for t in texts)
    return long and (len(texts) < 2 or _all_unlike(texts))


def _style_break(units: list[_Unit], plain: list[int], lines: Sequence[Line]) -> list[int]:
    """After a set of label-led section headings (``保供给：…``), the first heading of another kind starts an
    article, and the units after it are read as a run of their own."""
    style = [bool(_LABEL_HEAD.match(lines[units[k].title].text)) for k in plain]  # type: ignore[index]
    for j in range(2, len(plain)):
        if all(style[:j]) and not style[j]:
            rest = _run_starts(units, plain[j + 1 :], lines, _has_guide(units[plain[j]], lines))
            return [plain[j], *rest]
    return []


def _dated(u: _Unit, lines: Sequence[Line]) -> bool:
    """Whether a unit's body opens with a dateline (``本报北京2月20日电``)."""
    return any(lines[i].dateline for i in (u.decks + u.body)[:2])


def _comment(u: _Unit, lines: Sequence[Line]) -> bool:
    """A comment or a note, by its column tag (``（新语）``, ``（人民时评）``, ``（编辑手记）``, ``（金台随笔）``)."""
    return u.title is not None and bool(_COMMENT_TAG.search(lines[u.title].text))


def _note(u: _Unit, lines: Sequence[Line]) -> bool:
    """An editor's or reporter's note (``（编辑手记）``), printed with the reports it introduces."""
    return u.title is not None and bool(re.search(r"手记[）)]$", lines[u.title].text))


def _unlike_rest(titles: Sequence[str]) -> bool:
    """Whether the first of two or more headings shares no style with all those after it."""
    if len(titles) < 2:
        return False
    for style in _STYLES:
        v = style(titles[0])
        if v is not None and all(style(t) == v for t in titles[1:]):
            return False
    return True


def _all_unlike(titles: Sequence[str]) -> bool:
    """Whether no two headings share a style: they form no set of section headings."""
    return all(_unlike_rest([a, b]) for i, a in enumerate(titles) for b in titles[i + 1 :])


def _has_guide(u: _Unit, lines: Sequence[Line]) -> bool:
    return any(_GUIDE.match(lines[i].text) for i in u.head + u.body[:1])


def _source_twice(units: list[_Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A unit that closes with a source line after an article that opened with a dateline is a new one; when
    the dated article is a single paragraph (a short report has no sections), the new one starts with the
    first heading after it."""
    dated = brief = False
    first: int | None = None
    for n, u in enumerate(units):
        if starts[n]:
            dated = _dated(u, lines)
            brief, first = dated and len(u.decks + u.body) == 1, None
            continue
        if first is None and u.title is not None:
            first = n
        if dated and u.title is not None and u.body and _SOURCE_CLOSING.match(lines[u.body[-1]].text):
            starts[first if brief and first is not None else n] = True
            dated = False


def _brief_columns(units: list[_Unit], lines: Sequence[Line], starts: list[bool], strong: list[bool]) -> None:
    """Items of a brief column stay in the column's article (see the module docstring)."""
    n = 0
    while n < len(units):
        u = units[n]
        if not (starts[n] and u.title is not None and _BRIEF_LABEL.match(lines[u.title].text)):
            n += 1
            continue
        if _PHOTO_LABEL.match(lines[u.title].text):
            n += 1
            continue
        m = n + 1
        dated = _dated(u, lines)  # the items share the first one's form: all under datelines, or none
        while m < len(units) and _brief_item(units[m], units[m - 1], lines):
            if units[m].title is not None and _dated(units[m], lines) != dated:
                break
            starts[m] = False
            m += 1
        n = m


def _column_ends(units: list[_Unit], lines: Sequence[Line], strong: list[bool]) -> None:
    """Where a brief column's items change form (an undated story after dated items), an article starts:
    the stories after the column are read from there."""
    for n, u in enumerate(units):
        if not (strong[n] and u.title is not None and _BRIEF_LABEL.match(lines[u.title].text)):
            continue
        m, dated = n + 1, _dated(u, lines)
        while m < len(units) and _brief_item(units[m], units[m - 1], lines):
            if units[m].title is not None and _dated(units[m], lines) != dated:
                strong[m] = not _PHOTO_LABEL.match(lines[u.title].text)
                break
            m += 1


def _brief_item(u: _Unit, prev: _Unit, lines: Sequence[Line]) -> bool:
    if u.title is None:
        return True
    text = lines[u.title].text
    if _COLUMN_TAG.search(text) or _BRIEF_LABEL.match(text) or _has_guide(u, lines):
        return False
    if u.kicker is not None and _DASH_END.search(lines[u.kicker].text) and not _dated(u, lines):
        return False  # a dash kicker is a new article's, unless over a dated item (a speaker: ``某主席——``)
    return sum(len(lines[i].text) for i in u.decks + u.body if not _is_closing(lines[i])) <= _BRIEF_CHARS


def _round_ups(units: list[_Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """The speakers of a round-up, each under a speaker line like the article's own, stay in it; a speaker
    under a dateline or under a headline with a column tag of its own is an article of its own."""
    speaking = False
    for n, u in enumerate(units):
        if not starts[n]:
            continue
        speaker = any(_SPEAKER.match(lines[i].text) for i in u.head)
        title = lines[u.title].text if u.title is not None else ""
        own = _COLUMN_TAG.search(title) and not _SPEAKER.match(title)  # a column's headline is its own
        if speaking and speaker and not own and not _dated(u, lines):
            starts[n] = False
        else:
            speaking = speaker


def _closed_by(u: _Unit, lines: Sequence[Line]) -> str | None:
    """How a column's item closes: a reader's signature (a letter), a source it was excerpted from (a press
    digest: ``（摘编自《某日报》）``), or neither (``None``)."""
    if not u.body:
        return None
    last = lines[u.body[-1]].text
    if _AUTHOR.match(last):
        return "signed"
    return "excerpted" if _EXCERPTED.match(last) else None


def _letter_columns(units: list[_Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A letters column or a press digest: a short column label over the first item's headline, and items
    closed the same way (signed by their readers, or by the paper they were excerpted from) up to the next
    article; the label is the article's title, the items' headlines its sections."""
    n = 0
    while n < len(units):
        u = units[n]
        label, closing = u.kicker, _closed_by(u, lines)
        if not (starts[n] and label is not None and u.title is not None and closing is not None):
            n += 1
            continue
        if len(lines[label].text) > _LABEL_CHARS or _COLUMN_TAG.search(lines[u.title].text):
            n += 1  # not a column's label, or the headline's own column tag names the column
            continue
        u.title, u.kicker, u.inner, u.subtitles = label, None, [u.title, *u.subtitles], []
        n += 1
        while n < len(units) and _letter(units[n], lines, closing):
            starts[n] = False
            n += 1


def _letter(u: _Unit, lines: Sequence[Line], closing: str) -> bool:
    if u.title is None or u.kicker is not None or _COLUMN_TAG.search(lines[u.title].text):
        return False
    return _closed_by(u, lines) == closing and not _dated(u, lines)


def _grouped_reports(units: list[_Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Reports printed as one: a title over a first report headed by a short kicker (``2019春运一线`` /
    ``送医治`` / ``服务区对旅客施救``), and the reports after it under short kickers of the same length
    (``搭产房``); the title is the article's, the reports' headers its sections."""
    for n, u in enumerate(units):
        if not (starts[n] and u.kicker is not None and u.title is not None and u.subtitles):
            continue
        size = len(lines[u.title].text)
        if size > _LABEL_CHARS or not _same_kicker(units[n + 1 : n + 2], size, lines):
            continue
        u.title, u.kicker, u.inner, u.subtitles = u.kicker, None, [u.title, *u.subtitles], []
        m = n + 1
        while m < len(units) and _same_kicker(units[m : m + 1], size, lines):
            starts[m] = False
            m += 1


def _bylined_parts(units: list[_Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Reports printed as one under a column's headline: the headline with a column tag carries the first
    report's own headline (a plain subtitle) over its byline, and two or more reports follow, each a headline
    over a byline; they are the article's sections."""
    for n, u in enumerate(units):
        if not (starts[n] and u.title is not None and _COLUMN_TAG.search(lines[u.title].text)):
            continue
        if (
            len(u.subtitles) != 1
            or lines[u.subtitles[0]].text.startswith(("——", "—"))
            or not _bylined(u, lines)
        ):
            continue
        m = n + 1
        while m < len(units) and starts[m] and _bylined_part(units[m], lines):
            m += 1
        if m - n > 2:
            starts[n + 1 : m] = [False] * (m - n - 1)


def _speaker_parts(units: list[_Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Parts printed as one under a column's headline: two or more in a row, each a speaker or place under a
    dash (``某公园副总经理张某——``) over its own headline and a byline, with no dateline or column tag of
    their own; they are the article's sections."""
    for n, u in enumerate(units):
        if not (starts[n] and u.title is not None and _COLUMN_TAG.search(lines[u.title].text)):
            continue
        m = n + 1
        while m < len(units) and starts[m] and _speaker_part(units[m], lines):
            m += 1
        if m - n > 2:
            starts[n + 1 : m] = [False] * (m - n - 1)


def _speaker_part(u: _Unit, lines: Sequence[Line]) -> bool:
    if u.title is None or not _dash_kicker(u, lines) or _COLUMN_TAG.search(lines[u.title].text):
        return False
    return _bylined(u, lines) and not _dated(u, lines)


def _bylined(u: _Unit, lines: Sequence[Line]) -> bool:
    return bool(u.body) and lines[u.body[0]].kind == "byline"


def _bylined_part(u: _Unit, lines: Sequence[Line]) -> bool:
    """A report headed by a single headline over its byline, with no column tag or kicker of its own."""
    if u.title is None or u.kicker is not None or u.subtitles or _COLUMN_TAG.search(lines[u.title].text):
        return False
    return _bylined(u, lines) and not _dated(u, lines)


def _same_kicker(us: Sequence[_Unit], size: int, lines: Sequence[Line]) -> bool:
    """A report under a short kicker of ``size`` characters, and not a column's article (no column tag)."""
    if not us or us[0].kicker is None or us[0].title is None or _COLUMN_TAG.search(lines[us[0].title].text):
        return False
    return len(lines[us[0].kicker].text) == size


def _series(units: list[_Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """The parts of a series, each under a dash kicker like its first, stay in the series' article."""
    for n, u in enumerate(units):
        if not (u.series and starts[n]):
            continue
        m = n + 1
        while m < len(units) and _series_part(units[m], lines):
            starts[m] = False
            m += 1


def _series_part(u: _Unit, lines: Sequence[Line]) -> bool:
    if u.title is None or u.kicker is None or not _DASH_END.search(lines[u.kicker].text):
        return False
    if _COLUMN_TAG.search(lines[u.title].text) or _has_guide(u, lines):
        return False
    return not _dated(u, lines)


def _edited_packages(units: list[_Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """The parts an editor's note (``——编者``) introduces stay in its article, each part's byline and closing
    line included, while their headers keep the first part's form (with or without a kicker) and up to a unit
    with a sign of its own: a column tag, a dateline, a dash kicker, a guide."""
    for n, u in enumerate(units):
        if not (starts[n] and any(_EDITOR_NOTE.match(lines[i].text) for i in u.body)):
            continue
        m = n + 1
        kicked = m < len(units) and units[m].kicker is not None
        form = _part_form(units[m], lines) if m < len(units) else None
        while m < len(units) and (
            units[m].title is None or (starts[m] and not _own_start(units[m], lines, form))
        ):
            if units[m].title is not None and (units[m].kicker is not None) != kicked:
                break  # the parts share a header form: all under a kicker (a speaker, a place) or none
            starts[m] = False
            m += 1


def _part_form(u: _Unit, lines: Sequence[Line]) -> tuple[bool, bool]:
    """The header form of an edited package's part: under a dash kicker, over a byline."""
    return _dash_kicker(u, lines), _bylined(u, lines)


def _own_start(u: _Unit, lines: Sequence[Line], form: tuple[bool, bool] | None = None) -> bool:
    """A unit that starts an article even among the parts of another: a column tag or a photo label, a dash
    kicker (unless every part has one, over a byline: ``中国一重集团有限公司——`` / headline / byline), a reading
    guide, a dateline."""
    if u.title is None:
        return False
    title = lines[u.title].text
    if _COLUMN_TAG.search(title) or _BRIEF_LABEL.match(title) or _has_guide(u, lines) or _dated(u, lines):
        return True
    return _dash_kicker(u, lines) and not (form == (True, True) and _part_form(u, lines) == form)
