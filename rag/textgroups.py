"""Articles printed as one (rag.textpage's docstring states the rules): brief columns and their items, a
series' parts, a round-up's speakers, letters columns and press digests, grouped reports, a column's
bylined or speaker parts, an editor's package, and a report's second source line. Each pass takes the
units and the article starts decided so far and keeps the parts in the article that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from itertools import pairwise, takewhile

from rag.textunits import (
    AUTHOR,
    AUTHOR_LINE,
    BRIEF_LABEL,
    COLUMN_TAG,
    DASH_END,
    EDITOR_NOTE,
    KEYWORD,
    LABEL_CHARS,
    MAX_HEADING,
    NAMES,
    OFFICES_SIGNATURE,
    PAIRED,
    PHOTO_LABEL,
    SET,
    SIGNED_QUOTE,
    SPEAKER,
    STYLES,
    Line,
    Unit,
    guest_names,
    has_dash_kicker,
    has_guide,
    is_box,
    is_bylined,
    is_closing,
    is_dated,
    keyword_size,
    section_style,
    unlike_rest,
    unspaced,
)

_SOURCE_CLOSING = re.compile(r"^[（(]据?(?:本报|新华社|中新社|人民日报)[^（）()]*电[^（）()]*[）)]$")
_SPEAKER = re.compile(rf"^{SPEAKER}$")
"""A round-up speaker's line: a deputy or member and their office (``李希代表（广东省委书记）``)."""
_EXCERPTED = re.compile(
    r"^[（(](?:摘编自|摘自|原载|转载自)[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$"
)
_NETIZEN_SIGNED = re.compile(r"^——[\u4e00-\u9fff“”]{2,16}网友(?:ID\d{1,12})?$")
"""A netizen's suggestion signed under a dash (``——人民网网友ID25543841``): a reader's letter."""
_ASKS = re.compile(r"^(?:本报)?记者[：:]|^问[：:]")  # an interviewer's question
_PACKAGE_CREDIT = re.compile(r"^(?:本期统筹|本版统筹|版式设计)[：:]")
_SUPPLEMENT_THEME = re.compile(r"^大地[\u4e00-\u9fff]{1,4}·")
"""A themed page of the literary supplement (``大地赞歌·技艺的温度``, ``大地书香·…``): its editor's note introduces
pieces that are each an article, every one under its writer's own headline."""
_AS_TOLD = "采访整理"  # words told to a reporter, in a teller's line: ``（作者为…，本报记者…采访整理）``
_ONE_QUOTE = re.compile(r"^“[^“”]+”$")  # someone's words in one quotation
_DOCUMENT_LIST = re.compile(r"名单$")  # a list of appointments or honours under its title
_REPORTER_ASKS = re.compile(r"^记者[：:]")
_ANSWER = re.compile(r"^答[：:]")
_BRIEF_CHARS = 500  # the most body characters of an item in a brief column
_LEAD_PARAGRAPHS = 2  # the most paragraphs of a package's lead under its title


def source_twice(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A unit that closes with a source line after an article that opened with a dateline is a new one; when
    the dated article is a single paragraph (a short report has no sections), the new one starts with the
    first heading after it."""
    dated = brief = False
    first: int | None = None
    for n, u in enumerate(units):
        if starts[n]:
            dated = is_dated(u, lines)
            brief, first = dated and len(u.decks + u.body) == 1, None
            continue
        if first is None and u.title is not None:
            first = n
        if dated and u.title is not None and u.body and _SOURCE_CLOSING.match(lines[u.body[-1]].text):
            starts[first if brief and first is not None else n] = True
            dated = False


def brief_columns(units: list[Unit], lines: Sequence[Line], starts: list[bool], strong: list[bool]) -> None:
    """Items of a brief column stay in the column's article (see the module docstring)."""
    n = 0
    while n < len(units):
        u = units[n]
        if not (starts[n] and u.title is not None and BRIEF_LABEL.match(lines[u.title].text)):
            n += 1
            continue
        if PHOTO_LABEL.match(lines[u.title].text):
            n += 1
            continue
        m = n + 1
        dated = is_dated(u, lines)  # the items share the first one's form: all under datelines, or none
        while m < len(units) and _brief_item(units[m], units[m - 1], lines):
            if units[m].title is not None and is_dated(units[m], lines) != dated:
                break
            starts[m] = False
            m += 1
        n = m


def column_ends(units: list[Unit], lines: Sequence[Line], strong: list[bool]) -> None:
    """Where a brief column's items change form (an undated story after dated items), an article starts:
    the stories after the column are read from there."""
    for n, u in enumerate(units):
        if not (strong[n] and u.title is not None and BRIEF_LABEL.match(lines[u.title].text)):
            continue
        if PHOTO_LABEL.match(lines[u.title].text):
            continue  # a photo report holds no items
        m, dated = n + 1, is_dated(u, lines)
        while m < len(units) and _brief_item(units[m], units[m - 1], lines):
            if units[m].title is not None and is_dated(units[m], lines) != dated:
                strong[m] = True
                break
            m += 1


def _brief_item(u: Unit, prev: Unit, lines: Sequence[Line]) -> bool:
    if u.title is None:
        return True
    text = lines[u.title].text
    if COLUMN_TAG.search(text) or BRIEF_LABEL.match(text) or has_guide(u, lines) or _authored(u, lines):
        return False  # a column's article, a guided one, a piece its author signs: no brief
    if u.kicker is not None and DASH_END.search(lines[u.kicker].text) and not is_dated(u, lines):
        return False  # a dash kicker is a new article's, unless over a dated item (a speaker: ``某主席——``)
    return sum(len(lines[i].text) for i in u.decks + u.body if not is_closing(lines[i])) <= _BRIEF_CHARS


def round_ups(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """The speakers of a round-up, each under a speaker line like the article's own, stay in it; a speaker
    under a dateline or under a headline with a column tag of its own is an article of its own."""
    speaking = False
    for n, u in enumerate(units):
        if not starts[n]:
            continue
        speaker = any(_SPEAKER.match(lines[i].text) for i in u.head)
        title = lines[u.title].text if u.title is not None else ""
        own = COLUMN_TAG.search(title) and not _SPEAKER.match(title)  # a column's headline is its own
        if speaking and speaker and not own and not is_dated(u, lines):
            starts[n] = False
        else:
            speaking = speaker


def voiced_packages(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A package of voices under an article's text (no section before it, no quote signed by its speaker closing
    it): three or more parts each closed by its speaker's line (a quote / ``——李某代表（…）``), the first under one
    header line more than the next part's, the package's title (``两会好声音·共话“十五五”`` over
    ``过去拼资源，现在拼创新``; ``政府工作报告里的KPI`` over ``经济增长4.5%—5%`` / ``在实际工作中努力争取…``). That
    line starts an article titled by it; a feature's own sections signed by speakers carry no such line."""
    signed = [_voiced(u, lines) for u in units]
    for n in range(1, len(units) - SET + 1):
        u, nxt = units[n], units[n + 1]
        if not starts[n - 1] or signed[n - 1] or not all(signed[n : n + SET]) or any(starts[n + 1 : n + SET]):
            continue
        if any(v.title is None for v in units[n : n + SET]) or len(u.head) != len(nxt.head) + 1:
            continue
        starts[n] = True
        _title_package(u)


def _title_package(u: Unit) -> None:
    """Make a package's first part the package: its first header line is the title, the rest a section's."""
    u.kicker, u.title, u.subtitles = None, u.head[0], []
    u.inner = [i for i in u.head[1:] if i not in u.decks]


def told_packages(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Voices told to a reporter (:func:`_told`), three or more in a row, the first under one header line more
    than the next (``心声`` / ``更好服务城市运转`` / ``贾亚灿``, then ``创新的未来在青年`` / ``郑  辉``): that line is the
    package's title and starts an article, and the voices after it, each closed by its teller's line, are its
    parts, not articles of their own."""
    told = [_told(u, lines) for u in units]
    n = 1
    while n <= len(units) - SET:
        if not all(told[n : n + SET]) or len(units[n].head) != len(units[n + 1].head) + 1:
            n += 1
            continue
        starts[n] = True
        _title_package(units[n])
        units[n].inner = [i for i in units[n].inner if not NAMES.match(lines[i].text)]  # the teller's name
        m = n + 1
        while m < len(units) and told[m] and len(units[m].head) == len(units[n + 1].head):
            starts[m] = False
            m += 1
        n = m


def _voiced(u: Unit, lines: Sequence[Line]) -> bool:
    """Whether a unit's text closes with its speaker's line under a quote (``——李某代表（…）``)."""
    return len(u.body) >= 2 and bool(SIGNED_QUOTE.match(lines[u.body[-1]].text))


def _told(u: Unit, lines: Sequence[Line]) -> bool:
    """Whether a unit is a voice told to a reporter: named under its heading, no column tag, and closed by the
    teller's line (``（作者为美团骑手，本报记者某某采访整理）``)."""
    if len(u.body) < 2 or u.title is None or COLUMN_TAG.search(lines[u.title].text):
        return False
    named = is_bylined(u, lines) or any(NAMES.match(lines[i].text) for i in u.subtitles)
    last = lines[u.body[-1]].text
    return named and bool(AUTHOR_LINE.match(last)) and _AS_TOLD in last


def _closed_by(u: Unit, lines: Sequence[Line]) -> str | None:
    """How a column's item closes: a reader's signature (a letter), a source it was excerpted from (a press
    digest: ``（摘编自《某日报》）``), or neither (``None``)."""
    if not u.body:
        return None
    last = lines[u.body[-1]].text
    if AUTHOR.match(last) or AUTHOR.match(lines[u.body[0]].text) or _NETIZEN_SIGNED.match(last):
        return "signed"  # a reader's signature closes the letter, or is set under its headline
    return "excerpted" if _EXCERPTED.match(last) else None


def letter_columns(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A letters column or a press digest: a short column label over the first item's headline, and items
    closed the same way (signed by their readers, or by the paper they were excerpted from) up to the next
    article; the label is the article's title, the items' headlines its sections. A column's headline (``…
    （金台视线）``) over a letter signed by its reader holds the letters signed the same way after it."""
    n = 0
    while n < len(units):
        u = units[n]
        label, closing = u.kicker, _closed_by(u, lines)
        if not (starts[n] and u.title is not None and closing is not None):
            n += 1
            continue
        tagged = bool(COLUMN_TAG.search(lines[u.title].text))
        if label is None:
            n = _letters(units, n + 1, lines, closing, starts) if tagged and closing == "signed" else n + 1
            continue
        if not _column_label(lines[label].text) or tagged:
            n += 1  # not a column's label, or the headline's own column tag names the column
            continue
        u.title, u.kicker, u.inner, u.subtitles = label, None, [u.title, *u.subtitles], []
        n = _letters(units, n + 1, lines, closing, starts)


def _column_label(text: str) -> bool:
    """A column's label: a few characters (``身边事``), or two short groups spaced apart (``全民健身  网友建言``)."""
    groups = text.split()
    return len(text) <= LABEL_CHARS or (len(groups) == 2 and all(len(g) <= LABEL_CHARS for g in groups))


def _letters(units: list[Unit], n: int, lines: Sequence[Line], closing: str, starts: list[bool]) -> int:
    """Keep the items from ``n`` closed like the column's first in its article; the index after them."""
    while n < len(units) and _letter(units[n], lines, closing):
        starts[n] = False
        n += 1
    return n


def _letter(u: Unit, lines: Sequence[Line], closing: str) -> bool:
    if u.title is None or COLUMN_TAG.search(lines[u.title].text):
        return False
    kicker = lines[u.kicker].text if u.kicker is not None else ""
    if DASH_END.search(kicker) or 0 < len(kicker) < LABEL_CHARS:
        return (
            False  # another column's label (``建议``, ``身边事``), or a dash kicker's; a letter's own stays
        )
    return _closed_by(u, lines) == closing and not is_dated(u, lines)


def grouped_reports(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Reports printed as one: a title over a first report headed by a short kicker (``2019春运一线`` /
    ``送医治`` / ``服务区对旅客施救``), and the reports after it under short kickers of the same length
    (``搭产房``); the title is the article's, the reports' headers its sections."""
    for n, u in enumerate(units):
        if not (starts[n] and u.kicker is not None and u.title is not None and u.subtitles):
            continue
        size = len(lines[u.title].text)
        if size > LABEL_CHARS or not _same_kicker(units[n + 1 : n + 2], size, lines):
            continue
        u.title, u.kicker, u.inner, u.subtitles = u.kicker, None, [u.title, *u.subtitles], []
        m = n + 1
        while m < len(units) and _same_kicker(units[m : m + 1], size, lines):
            starts[m] = False
            m += 1


def bylined_parts(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Reports printed as one under a column's headline: the headline with a column tag carries the first
    report's own headline (a plain subtitle) over its byline, and two or more reports follow, each a headline
    over a byline; they are the article's sections."""
    for n, u in enumerate(units):
        if not (starts[n] and _tagged(u, lines)):
            continue
        if (
            len(u.subtitles) != 1
            or lines[u.subtitles[0]].text.startswith(("——", "—"))
            or not is_bylined(u, lines)
        ):
            continue
        _keep_parts(units, starts, n, lambda v: _bylined_part(v, lines))


def titled_parts(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Reports printed as one under a package's title of two spaced phrases (``马年说马  万象更新``) set over
    the first report's headline and byline, with two or more reports after it, each a headline over a
    byline (a lead-in line between the first two aside): the title is the article's, the reports its sections;
    so are speeches under such a title, each a headline over its speaker's offices and name
    (``中国物流集团有限公司党委书记、董事长  刘敬桢``), a forum's. So
    are two or more bylined reports, kicked or not, under a title over pictures only (:func:`_pictures_lead`)."""
    for n, u in enumerate(units):
        if _pictures_lead(u, lines) and starts[n]:
            _keep_parts(units, starts, n, lambda v: _report_part(v, lines))
            continue
        if _package_lead(u, lines) and starts[n]:
            _keep_parts(units, starts, n, lambda v: _bylined_part(v, lines))
            continue
        spoken = bool(u.body) and bool(OFFICES_SIGNATURE.match(lines[u.body[0]].text))
        signed = is_bylined(u, lines) or spoken
        if not (starts[n] and u.kicker is not None and u.title is not None and signed):
            continue
        if not PAIRED.match(lines[u.kicker].text) or COLUMN_TAG.search(lines[u.title].text):
            continue
        part = _speaker_part if spoken else _bylined_part
        titled = [k for k in range(n + 1, len(units)) if units[k].title is not None]  # past a lead-in line
        if len([k for k in titled[:2] if part(units[k], lines)]) < 2:
            continue
        u.title, u.kicker, u.inner = u.kicker, None, [u.title, *u.subtitles]
        u.subtitles = []
        _keep_parts(units, starts, n, partial(part, lines=lines))


def _package_lead(u: Unit, lines: Sequence[Line]) -> bool:
    """A package's title of two spaced phrases alone over a short lead (``为人民出政绩  以实干出政绩`` / one
    paragraph; its pictures' captions and credits aside), not a report of its own (no kicker, byline or
    dateline)."""
    if u.title is None or u.subtitles or not PAIRED.match(lines[u.title].text):
        return False
    return _short_lead(u, lines)


def _pictures_lead(u: Unit, lines: Sequence[Line]) -> bool:
    """A package's title over nothing but its pictures, two or more, each a short caption over its credit, and
    closing lines (``数据来源：…``): a title with no text of its own (``稳就业，企业在行动``), over the reports it
    gathers."""
    if u.title is None or u.kicker is not None or not u.body or COLUMN_TAG.search(lines[u.title].text):
        return False
    credited = _captions(u, lines)  # two or more short captions: a photo story tells its picture at length
    if len(credited) < 2 or any(len(lines[i].text) > MAX_HEADING for i in credited):
        return False
    return all(i in credited or lines[i].kind == "credit" or is_closing(lines[i]) for i in u.body)


def _captions(u: Unit, lines: Sequence[Line]) -> set[int]:
    """The lines of a unit's text that are its pictures' captions: each right over its credit."""
    return {i - 1 for i in u.body if lines[i].kind == "credit"}


def _report_part(u: Unit, lines: Sequence[Line]) -> bool:
    """A report over its byline, under a kicker of its own or not (``百度构建校企直通育人路径——``), with no
    dateline or column tag of its own."""
    if u.title is None or COLUMN_TAG.search(lines[u.title].text):
        return False
    return _signed(u, lines) and not is_dated(u, lines)


def speaker_parts(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Parts printed as one under a column's headline: two or more in a row, each a speaker or place under a
    dash (``某公园副总经理张某——``) over its own headline and a byline, or a headline over its speaker's
    offices and name (``北京邮电大学校长  徐坤委员``), or, in a panel that names its guests under the headline
    (``王雪坤（…院长）``), a headline over the guests' words (``王雪坤：…``), with no dateline or column tag of
    their own; they are the article's sections."""
    for n, u in enumerate(units):
        if not (starts[n] and _tagged(u, lines)):
            continue
        guests = {name for i in u.body for name in guest_names(lines[i].text)}
        _keep_parts(units, starts, n, partial(_part_of_column, lines=lines, guests=guests))


def styled_parts(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Parts printed as one package: units in a row, each a kicker over a headline and none dated or tagged,
    whose headlines share a style other than a length (``智慧养殖，…`` / ``稻鱼共生，…`` / ``因地制宜，…``) with one
    another and with the first part's: two or more after the first part's, which the package's title carries as a
    subtitle under it (``各地  抓好…（民生一线）`` / ``海南出台…`` / ``制度筑堤，…``), or three or more right after its
    short lead. The title (not a dated or bylined report of its own) is the article's, the parts its sections."""
    for n, u in enumerate(units):
        if not starts[n] or u.title is None or is_dated(u, lines) or is_bylined(u, lines):
            continue  # no title, or a report of its own, not a package's title
        run = list(takewhile(lambda k: _kicked_part(units[k], lines), range(n + 1, len(units))))
        heads = [lines[units[k].title].text for k in run]  # type: ignore[index]
        dashed = _tagged(u, lines) and len(run) >= SET and all(_long_dash_part(units[k], lines) for k in run)
        if u.subtitles and not lines[u.subtitles[-1]].text.startswith(("——", "—")):
            heads = [lines[u.subtitles[-1]].text, *heads]  # the first part's headline, under the title
        elif not (u.body and _short_lead(u, lines)) or (_tagged(u, lines) and not dashed):
            continue
        if dashed or (len(heads) >= SET and not unlike_rest(heads, STYLES[1:])):
            for k in run:
                starts[k] = False


def _long_dash_part(u: Unit, lines: Sequence[Line]) -> bool:
    """A part under a dash kicker longer than a keyword's (``小小塑料瓶盖藏着大学问——``, not ``采收——``) and
    with no byline of its own (a bylined report under such a kicker is a story of its own)."""
    return has_dash_kicker(u, lines) and not keyword_size(u, lines) and not is_bylined(u, lines)


def _kicked_part(u: Unit, lines: Sequence[Line]) -> bool:
    return u.kicker is not None and u.title is not None and not (is_dated(u, lines) or _tagged(u, lines))


def _short_lead(u: Unit, lines: Sequence[Line]) -> bool:
    """A title over a lead of a paragraph or two at most (its pictures' captions and credits aside), not a report
    of its own (no kicker, byline or dateline)."""
    credited = _captions(u, lines)
    told = [i for i in u.body if lines[i].kind == "body" and i not in credited]
    return (
        u.kicker is None
        and len(told) <= _LEAD_PARAGRAPHS
        and not (is_bylined(u, lines) or is_dated(u, lines))
    )


def _keep_parts(units: list[Unit], starts: list[bool], n: int, part: Callable[[Unit], bool]) -> None:
    """Two or more parts in a row right after the column's headline at ``n`` are its sections."""
    m, parts = n + 1, 0
    while m < len(units) and (units[m].title is None or part(units[m])):
        parts += units[m].title is not None  # a lead-in line inside a part does not end the run
        m += 1
    if parts >= 2:
        starts[n + 1 : m] = [False] * (m - n - 1)


def _part_of_column(u: Unit, lines: Sequence[Line], guests: set[str]) -> bool:
    return _speaker_part(u, lines) or _guest_part(u, lines, guests)


def _guest_part(u: Unit, lines: Sequence[Line], guests: set[str]) -> bool:
    if len(guests) < 2 or u.title is None or not u.body or COLUMN_TAG.search(lines[u.title].text):
        return False
    speaker = unspaced(lines[u.body[0]].text).split("：", 1)[0]
    return speaker in guests and not is_dated(u, lines)


def _speaker_part(u: Unit, lines: Sequence[Line]) -> bool:
    if u.title is None or COLUMN_TAG.search(lines[u.title].text):
        return False
    if u.kicker is None:  # a speaker signed under the part's headline (``北京邮电大学校长  徐坤委员``)
        return (
            bool(u.body) and bool(OFFICES_SIGNATURE.match(lines[u.body[0]].text)) and not is_dated(u, lines)
        )
    quoted = lines[u.title].text.startswith("“") and lines[u.title].text.endswith("”")  # a speaker's words
    return (_signed(u, lines) or (quoted and has_dash_kicker(u, lines))) and not is_dated(u, lines)


def _signed(u: Unit, lines: Sequence[Line]) -> bool:
    """Over a byline, or over reporters' names set as a subtitle."""
    return is_bylined(u, lines) or any(NAMES.match(lines[i].text) for i in u.subtitles)


def _bylined_part(u: Unit, lines: Sequence[Line]) -> bool:
    """A report headed by a single headline over its byline (or its writers' names), with no column tag or
    kicker of its own."""
    if u.kicker is not None or any(not NAMES.match(lines[i].text) for i in u.subtitles):
        return False
    return _report_part(u, lines)


def _same_kicker(us: Sequence[Unit], size: int, lines: Sequence[Line]) -> bool:
    """A report under a short kicker of ``size`` characters, and not a column's article (no column tag)."""
    if not us or us[0].kicker is None or us[0].title is None or COLUMN_TAG.search(lines[us[0].title].text):
        return False
    return len(lines[us[0].kicker].text) == size


def series_parts(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """The parts of a series, each under a dash kicker like its first, stay in the series' article."""
    for n, u in enumerate(units):
        if not (u.series and starts[n]):
            continue
        m = n + 1
        while m < len(units) and _series_part(units[m], lines):
            starts[m] = False
            m += 1


def labelled_parts(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A package whose first part opens under its headline with a keyword label over a dash kicker (``观云测雨最挂心``
    / ``最北`` / ``…观测员郭大勇——`` / ``越偏远的地方…``) keeps the parts after it that open the same way under a label
    of that length (``最低``, ``最高``, ``最南``), each read as a series title over its dash kicker and headline:
    labels of the package's parts, not titles of series of their own, however each part closes."""
    for n, u in enumerate(units):
        size = _part_label(u.head, lines) if starts[n] else 0
        m = n + 1
        while size and m < len(units) and units[m].series and _part_label(units[m].head, lines) == size:
            starts[m] = False
            m += 1


def echoed_labels(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """An article whose header ends in a keyword label under its first part's heading (``产业“含新量”越来越足`` /
    ``新场景``) keeps the parts after it whose headers end in the same label (``文化“含金量”越来越高`` / ``新场景``),
    however each part closes: the label names a part of the article, and a new article would not repeat it."""
    label: str | None = None
    for n, u in enumerate(units):
        own = _head_label(u, lines, -1)
        if starts[n] and own is not None and own == label:
            starts[n] = False
        elif starts[n]:
            label = own


def supplement_pieces(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """On a themed page of the literary supplement (``大地书香·我们的“书房”``, ``大地端阳·风物``) every plain heading over
    two or more paragraphs is a writer's piece: the page prints essays one after another, not one essay's
    sections (a numbered or letter-spaced heading stays a poem's or an essay's part)."""
    themed = False
    for n, u in enumerate(units):
        if u.title is None:
            continue
        if starts[n]:
            themed = bool(_SUPPLEMENT_THEME.match(lines[u.title].text)) or (
                themed and not COLUMN_TAG.search(lines[u.title].text)
            )
        elif themed and len(u.body) >= 2 and not section_style(u, lines):
            starts[n] = True


def opening_labels(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Two or more parts in a row whose headers open with the same keyword label over their own heading
    (``看点`` / ``雪上项目`` / ``如何超越自我``, then ``看点`` / ``冰上项目`` / ``如何做好自己``) are parts of the article
    before them: a label repeated word for word names a part, as no two articles open alike."""
    n = 1
    while n < len(units):
        label = _head_label(units[n], lines, 0)
        m = n + 1
        while label is not None and m < len(units) and _head_label(units[m], lines, 0) == label:
            m += 1
        if m - n >= 2:
            starts[n:m] = [False] * (m - n)
        n = m


def _head_label(u: Unit, lines: Sequence[Line], at: int) -> str | None:
    """The keyword label at position ``at`` of a header, beside its heading (``看点`` opening ``看点`` / ``雪上项目`` /
    ``如何超越自我``, ``新场景`` ending ``产业“含新量”越来越足`` / ``新场景``), if any: a header of two lines or more that
    the heading does not end, or three or more that it does not open."""
    if len(u.head) < (3 if at == 0 else 2) or u.head[at] == u.title:
        return None
    text = lines[u.head[at]].text
    return text if KEYWORD.match(text) and not PHOTO_LABEL.match(text) else None


def _part_label(head: Sequence[int], lines: Sequence[Line]) -> int:
    """The length of the first keyword label in a header that a dash kicker follows, or 0."""
    for i, j in pairwise(head):
        if KEYWORD.match(lines[i].text) and DASH_END.search(lines[j].text):
            return len(lines[i].text)
    return 0


def _series_part(u: Unit, lines: Sequence[Line]) -> bool:
    if u.title is None or u.kicker is None or not DASH_END.search(lines[u.kicker].text):
        return False
    if COLUMN_TAG.search(lines[u.title].text) or has_guide(u, lines):
        return False
    return not is_dated(u, lines)


def edited_packages(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """The parts an editor's note (``——编者``) introduces stay in its article, each part's byline and closing
    line included, while their headers keep the first part's form (with or without a kicker) and up to a unit
    with a sign of its own (a column tag, a dateline, a dash kicker, a guide) or to the package's production
    credits (``本期统筹：…``, ``版式设计：…``); a part's own plain section headings do not end it when another
    signed part of the first one's form follows them."""
    for n, u in enumerate(units):
        if not (starts[n] and any(EDITOR_NOTE.match(lines[i].text) for i in u.body)):
            continue
        m = n + 1
        if m >= len(units) or _authored(units[m], lines) or _SUPPLEMENT_THEME.match(lines[u.title].text):  # type: ignore[index]
            continue  # pieces each signed by its author (``（作者为…）``) or a supplement's are articles the note introduces
        kicked, form = units[m].kicker is not None, _part_form(units[m], lines)
        through = False  # whether the package has run past a unit that starts no article
        while m < len(units) and _in_package(units, m, lines, starts, form):
            if starts[m] and _own_start(units[m], lines, form):
                break
            if starts[m] and _credited(units[m - 1], lines):
                break  # the package's production credits (``本期统筹：…``) close it
            if starts[m] and (units[m].kicker is not None) != kicked:
                break  # the parts share a header form: all under a kicker (a speaker, a place) or none
            if starts[m] and through and _part_form(units[m], lines) != form:
                break  # past a part's own sections, only a part of the first one's form goes on
            through = through or not (starts[m] or units[m].title is None)
            starts[m] = False  # a part, or a box inside one (``记者手记``)
            m += 1


def _in_package(
    units: list[Unit], m: int, lines: Sequence[Line], starts: list[bool], form: tuple[bool, bool]
) -> bool:
    """Whether unit ``m`` may still be in an edited package: a start (a part, unless it has a sign of its own),
    a part's box (``记者手记``), a section-styled heading (``传  承``), or a part's own sections."""
    u = units[m]
    return (
        u.title is None
        or is_box(u, lines)
        or starts[m]
        or section_style(u, lines)
        or _part_follows(units, m, lines, form)
    )


def _part_follows(units: list[Unit], m: int, lines: Sequence[Line], form: tuple[bool, bool]) -> bool:
    """Whether the plain headings from ``m`` are a part's own sections: the next unit with a sign of a start
    is another part of the first part's form, signed (``警惕诈骗，…`` / ``本报记者  李  蕊``)."""
    k = m
    while k < len(units) and units[k].title is not None and not _marked_part(units[k], lines):
        k += 1
    return form[1] and k < len(units) and units[k].title is not None and _part_form(units[k], lines) == form


def _marked_part(u: Unit, lines: Sequence[Line]) -> bool:
    return _signed(u, lines) or u.kicker is not None or is_dated(u, lines) or _tagged(u, lines)


def credited_packages(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A package closed by its production credits (``本期统筹：…``, ``版式设计：…``) runs back to the column's
    headline above them: the pieces between, with no sign of their own, are its parts."""
    for c, u in enumerate(units):
        if not _credited(u, lines):
            continue
        n = c
        while n >= 0 and not (starts[n] and _tagged(units[n], lines)):
            n -= 1
        if n < 0 or any(starts[k] and _own_start(units[k], lines) for k in range(n + 1, c + 1)):
            continue
        starts[n + 1 : c + 1] = [False] * (c - n)


def _tagged(u: Unit, lines: Sequence[Line]) -> bool:
    return u.title is not None and bool(COLUMN_TAG.search(lines[u.title].text))


def repeated_titles(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A heading word for word the headline of the article it would join (``全国人民代表大会常务委员会任命名单`` twice)
    is the next document under the same title: no article is its own section. A list's title of another kind
    after them (``…任免名单``) is then read as one more document, not the second one's section."""
    head: str | None = None
    repeated = False  # whether the article so far is a document printed again under its title
    for m, u in enumerate(units):
        if u.title is None:
            continue
        title = lines[u.title].text
        if starts[m]:
            head, repeated = title, False
        elif title == head:
            starts[m] = repeated = True
        elif repeated and _DOCUMENT_LIST.search(title):
            starts[m] = True


def quoted_interviews(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """Under an article headlined with someone's words in quotes (``“中国为完善全球治理发挥重要作用”``), its
    sections are quoted too or come as a set; a lone unquoted heading followed by a quoted one (``中企助力墨西哥轻轨
    列车平稳运营`` / ``“这次展览带着我‘神游’了良渚遗址”``), and by none that shares a style with it, is a news story and
    the next interview, printed one after another on an international page."""
    titles = {m: lines[u.title].text for m, u in enumerate(units) if u.title is not None}
    order = [*titles, -1, -1]
    quoted = False  # whether the article so far is headlined with quoted words
    for m, k, after in zip(order, order[1:], order[2:], strict=False):
        if m < 0:
            break
        if starts[m]:
            quoted = _quoted(titles[m])
            continue
        interview = k >= 0 and not starts[k] and _quoted(titles[k])
        in_set = after >= 0 and not starts[after] and not unlike_rest([titles[m], titles[after]])
        if quoted and interview and not in_set and not _quoted(titles[m]):
            starts[m] = starts[k] = True
        quoted = False  # only the first heading under the quoted headline can open the run


def _quoted(title: str) -> bool:
    """Whether a headline is someone's words in one quotation, a column tag after them aside (quoted terms in a
    headline, ``“小土豆”变身“金豆豆”``, are not)."""
    return bool(_ONE_QUOTE.match(COLUMN_TAG.sub("", title)))


def answered_interviews(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A reporter's questions answered by an official (``记者：…`` / ``答：…``, a spokesperson's interview on a
    policy) are an article of their own: a heading over them after prose under sections starts one (not after an
    interview's own intro), and a heading over prose after them starts the next (their bold summaries between
    questions stay theirs, as each opens the next question's unit)."""
    asked_later = _asked_later(units, lines, starts)
    mode: bool | None = None  # whether the article so far is such an interview; None before its first text
    sectioned = False  # whether the article so far has a section: an interview's own intro has none
    for m, u in enumerate(units):
        text = [lines[i].text for i in u.body]
        answered = any(_REPORTER_ASKS.match(t) for t in text) and any(_ANSWER.match(t) for t in text)
        plain = not any(_REPORTER_ASKS.match(t) or _ANSWER.match(t) for t in text) and not asked_later[m]
        if starts[m]:
            mode, sectioned = answered, False
        elif u.title is None or mode is None:
            continue
        elif (mode and plain and len(text) >= 2) or (not mode and answered and sectioned):
            starts[m] = True
            mode, sectioned = answered, False
        else:
            mode, sectioned = mode or answered, True  # questions under the intro's first heading make it one


def _asked_later(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> list[bool]:
    """For each unit, whether a reporter's question comes in a later unit before the next article start: an answer
    running on under a heading of its own is still the interview's."""
    later, asked = [False] * len(units), False
    for m in range(len(units) - 1, -1, -1):
        later[m] = asked
        opens = starts[m] and m > 0
        asked = not opens and (asked or any(_REPORTER_ASKS.match(lines[i].text) for i in units[m].body))
    return later


def interview_parts(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """An interview (its text holds the interviewer's questions, ``记者：…``) keeps the headed parts after it
    whose text opens with the next question, however their headers look (``指甲月牙大小和数量，因人而异`` /
    ``短时间内发生显著变化则需警惕``): the questions run on, so the parts are its sections, up to a unit with a
    sign of its own or a part that opens otherwise. Only an interview already under section headings runs on:
    a short interview with none is followed by another one, not by its own part."""
    asked = sectioned = False  # whether the article so far holds a question, and a section heading
    for m, v in enumerate(units):
        opens_asking = bool(v.body) and bool(_ASKS.match(lines[v.body[0]].text))
        runs_on = asked and sectioned and opens_asking
        if starts[m] and runs_on and not (_own_start(v, lines) or _signed(v, lines)):
            starts[m] = False
        elif starts[m]:
            asked = sectioned = False
        else:
            sectioned = sectioned or v.title is not None
        asked = asked or any(_ASKS.match(lines[i].text) for i in v.body)


def guided_parts(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A feature that opens with a reading guide (``看点``, ``核心阅读``), or under a subtitle that opens with a
    dash (``——粤港澳大湾区建设国际科技创新中心观察``), keeps the two or more parts after it under dash kickers of
    their own (``记录普通中国人的老照片——`` / headline), with no source, byline or column tag of their own: its
    sections, however unlike their headers."""
    for n, u in enumerate(units):
        dashed = any(lines[i].text.startswith("——") for i in u.subtitles)
        if starts[n] and (has_guide(u, lines) or dashed):
            _keep_parts(units, starts, n, partial(_guided_part, lines=lines))


def _guided_part(u: Unit, lines: Sequence[Line]) -> bool:
    if u.title is None or not has_dash_kicker(u, lines) or COLUMN_TAG.search(lines[u.title].text):
        return False
    return not (is_dated(u, lines) or _signed(u, lines) or has_guide(u, lines))


def box_items(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A box inside an article (``链接``) whose first item is a topic over a headline (``治理城乡水污染`` /
    ``扭转旱季…``) holds the items after it headed the same way, up to a unit with a sign of its own."""
    for n, u in enumerate(units):
        if starts[n] or not is_box(u, lines) or len(u.head) < 3:  # the label, then the item's two lines
            continue
        m = n + 1
        while m < len(units) and units[m].kicker is not None and not _own_start(units[m], lines):
            starts[m] = False
            m += 1


def _credited(u: Unit, lines: Sequence[Line]) -> bool:
    """Whether a unit ends in its package's production credits (``本期统筹：…``), other production lines after
    them or not (``融媒制作：…``, ``绘  制：…``)."""
    tail = takewhile(lambda i: is_closing(lines[i]), reversed(u.body))
    return any(_PACKAGE_CREDIT.match(lines[i].text) for i in tail)


def _authored(u: Unit, lines: Sequence[Line]) -> bool:
    """A piece closed by its author's line and not signed under its headline: a contribution printed whole
    (a package's parts carry their writers' names under their headlines)."""
    return bool(u.body) and bool(AUTHOR_LINE.match(lines[u.body[-1]].text)) and not _signed(u, lines)


def _part_form(u: Unit, lines: Sequence[Line]) -> tuple[bool, bool]:
    """The header form of an edited package's part: under a dash kicker, over a byline."""
    return has_dash_kicker(u, lines), _signed(u, lines)


def _own_start(u: Unit, lines: Sequence[Line], form: tuple[bool, bool] | None = None) -> bool:
    """A unit that starts an article even among the parts of another: a column tag or a photo label, a dash
    kicker (unless every part has one: ``中国一重集团有限公司——`` / headline / byline, ``某站管理员某某——`` /
    headline), a reading guide, a dateline."""
    if u.title is None:
        return False
    title = lines[u.title].text
    if COLUMN_TAG.search(title) or BRIEF_LABEL.match(title) or has_guide(u, lines) or is_dated(u, lines):
        return True
    return has_dash_kicker(u, lines) and not (form is not None and form[0] and _part_form(u, lines) == form)
