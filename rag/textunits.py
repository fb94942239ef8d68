"""A plain-text page read as lines and units, the ground rag.textpage decides on.

Which paragraphs are shaped like headings, how consecutive heading lines group into a header (kicker,
headline, subtitle, decks) over the paragraphs up to the next header (a unit), and what a unit shows of
itself: a dateline, a byline, a column tag, a keyword kicker. The rules these serve are stated in
rag.textpage's docstring; the names here are the package's, not the public API.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

MAX_HEADING = 50
"""The longest line read as a heading."""
MAX_TAGGED = 80
"""The longest line read as a heading when it ends in a column tag (some tags are long)."""
_LEFT_OPEN = re.compile(r"[；;、，,][”’」』]*$")
"""How a paragraph leaves its sentence open for the next line: a semicolon, an enumeration comma or a comma."""
_SENTENCE_END = re.compile(r"(?:[。！!？?；;，,、]|(?<!…)…)[”’」』）)\"'》]*$")
_SPOKEN_END = re.compile(r"[！!？?][”’」』）)\"']*$")
DASH_END = re.compile(r"[—―－]{1,2}$")
EDITOR_NOTE = re.compile(r"^[—―]{1,2}\s*编\s*者$|^编者按[：:]")
"""An editor's note: its signature (``——编  者``), or its label leading it in the paragraph (``编者按：…``)."""
COLUMN_TAG = re.compile(r"[（(](?:[^（）()]|[（(][^（）()]*[）)]){2,60}[）)]$")
BOX_LABEL = re.compile(
    r"^[●■◆▲]?(?:延伸阅读|相关链接|知识链接|链接|记者手记|编辑手记|[\u4e00-\u9fff]{0,2}小传|小贴士|名词解释|网友(?:留言板?|评论|热议)"
    r"|(?:记者|干部|群众)?感言|引[ \u3000]*子)$"
)
"""The label of a box inside an article (a reporter's note, further reading, a profile, readers' comments,
what those it helped say: ``感言``) or of its prologue (``引  子``)."""
_NOTE_LABEL = re.compile(r"^编者按$")
"""An editor's note's label on its own line (``编者按``): over the note it signs (``——编  者``) it heads an item of its
own, the page's introduction to the pieces after it."""
GUIDE = re.compile(r"^(?:核心阅读|看点|编者的话|编者按|内容提要|阅读提示|导读|背景)$")
BRIEF_LABEL = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}(?:简讯|快讯|速览|速递|短讯|扫描|新事|传真)|数读|微阅读|一句话新闻|资讯|图片报道|图片新闻|新闻图片"
    r"|(?!\d{4}[·・])[^《》]{1,6}[·・][^《》]{1,8})$"  # not a year's event (``2026·中俄三亚对话举办``) nor a book's
)
PHOTO_LABEL = re.compile(r"^(?:图片报道|图片新闻|新闻图片)$")
NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}|\d{1,2}|[①-⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+)$"
)
SPACED = re.compile(r"^(?:\S[ \u3000]+){1,3}\S$")
LABELLED = re.compile(r"^(?:【[^】]{1,10}】|[●■◆▲◇□★☆•])")
ATTRIBUTION = re.compile(r"^[—―]{1,2}\s*[@\S]{1,12}$")
SOURCED = r"(?:数据和资料|数据|资料)来源"
"""The data's source closing a piece (``数据来源：…``, ``数据和资料来源：…``)."""
PICTURE_SOURCE = "人民视觉|视觉中国|影像中国|新华社发|资料图片"
"""Who a picture came from, alone on the line under its caption: a photo agency, or the paper's own files."""
_CLOSING = re.compile(
    r"^[（(](?:据?(?:本报|新华社|中新社|人民日报)[^（）()]*电[^（）()]*|(?:作者|执笔).*"
    r"|[^（）()]*(?:记者|整理|采写|供稿|参与|亦有贡献)[^（）()]*|(?:摘编自|摘自|原载|转载自)[^（）()]*"
    r"|[\u4e00-\u9fff·]{2,5}(?:[、，, \u3000][\u4e00-\u9fff·]{2,5})*)[）)]$"
    r"|整理$|^——\s*编\s*者$|^审图号|^(?:本版)?(?:制[ \u3000]*图|绘[ \u3000]*制|版式设计|(?:图表|融媒|视频|海报|动画)(?:制作|创作|合作)|"
    rf"(?:图表)?{SOURCED}|图片来源|"
    r"本期统筹|统筹)[：:]|摄(?:影)?(?:报道)?(?:[（(][^（）()]{1,40}[）)])?$"
    r"|[\u4e00-\u9fff]\s*图[ \u3000]+\S[\u4e00-\u9fff \u3000]{1,8}文$|^[\u4e00-\u9fff]{1,2}[ \u3000]{1,3}[\u4e00-\u9fff]{1,2}文$"
    r"|^[\u4e00-\u9fff]{2,3}(?<![全征美散论作原正译课公碑铭条中英语人天水韵杂诗])文$"  # an unspaced name (``翟钦奇文``)
    r"|^[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,6}绘[（(][^（）()]{1,12}[）)]$"
    rf"|^(?:{PICTURE_SOURCE})$|"
    r"^(?:以上|本版)?(?:图片|照片|图[①-⑳](?:至图?[①-⑳])?)[^。，,]{0,24}提供(?:[（(][^（）()]{1,12}[）)])?$|^[\u4e00-\u9fff·]{2,20}提供$"
)
_UNBROKEN = re.compile(r"^[\u4e00-\u9fff\d“”《》]+(?:[、—][\u4e00-\u9fff\d“”《》]+)*$")
"""A long line with no punctuation or space but enumeration commas and a dash joining two names (``中国—俄罗斯``):
a document's title (``…关于…的审查结果报告``) or news of several acts (``某某将访问…、出席…、举行…``), never a
sentence."""
_SPACED_PAIR = r"[\u4e00-\u9fff][ \u3000]{1,3}[\u4e00-\u9fff]"
"""A two-character name set with spaces between its characters (``王  棨``)."""
IN_BRACKETS = r"[（(](?:[^（）()]|[（(][^（）()]{1,20}[）)]){2,40}[）)]"
"""A speaker's office in brackets, which may hold brackets of its own (``（国浩律师（南昌）事务所主任）``)."""
SIGNED_QUOTE = re.compile(
    rf"^[—―]{{1,2}}\s*(?:(?:[\u4e00-\u9fff·]{{2,10}}|{_SPACED_PAIR}){IN_BRACKETS}|(?:摘自|摘编自|引自|选自)\S+"
    r"|[\u4e00-\u9fff、]{2,40}在[^。]{2,60}(?:时|上|中)(?:的讲话|强调|指出|表示|说)|\S{0,8}网友\S{1,16}"
    r"|\S[^。]{2,40}[ \u3000]{2}[\u4e00-\u9fff](?:[ \u3000]{0,2}[\u4e00-\u9fff]){1,3})$"
)
"""The source under a quoted statement: a speaker and office (``——李某代表（某海关技术中心主任）``, a name spaced out:
``——鸥  洋（广州美术学院教授）``; the office may hold
brackets of its own: ``——冯帆代表（国浩律师（南昌）事务所主任）``,
``——某博物馆馆长  薛  俭``, a netizen ``——人民网网友15****7``), the occasion of a speech (``——习近平总书记在…审议时强调``) or a document
(``——摘自“十五五”规划纲要``)."""
_DATE_LINE = re.compile(
    r"^(?:\d{4}|[〇一二三四五六七八九零]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$"
)
AUTHOR_LINE = re.compile(r"^[（(](?:作者|执笔)[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$")
"""An author's line closing an article (``（作者为南开大学教授）``)."""
SET = 3  # the fewest headings sharing a style that make a set (an article's sections, a package's parts)
SERIES_TAG = 10  # the shortest column tag, brackets included, of a long-form series (not a short column)
_ESSAY_TAGS = "文思|多味斋|遇见"  # the literary supplement's short columns
_COMMENT_TAG = re.compile(rf"(?:评|论|语|手记|笔记|随笔|随感|杂谈|论坛|思想纵横|锐见|观澜|创作谈|{_ESSAY_TAGS})[）)]$")
ESSAY_TAG = re.compile(rf"(?:{_ESSAY_TAGS})[）)]$")
"""A literary page's column (``（多味斋）``, ``（遇见）``): its essay is followed by other writers' essays (an arts
page's criticism, ``（观澜）``, may have sections)."""
_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|"
    "四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|内蒙古|香港|澳门|台湾"
)
_BRACKET_LABEL = re.compile(r"^【[^】]{1,10}】$")
_NETIZEN = re.compile(r"^[\u4e00-\u9fff“”]{2,16}网友$")
"""A message's source under it (``人民网“领导留言板”网友``): a signature, never a heading."""
_NAME_LEAD = re.compile(r"^([\u4e00-\u9fff]{4,18})(?:[ \u3000]{2,}|[：:])")
_NAMED_WITHIN = 20  # how far into a paragraph a long profile name may open it (``“十四五”时期，人保…``)
_PROFILE_HEADLINE = 20  # the shortest a profile's headline runs: a name, then a slogan with a clause break
_DIVISIONS = "省市区县"  # the division words a place's short name drops (``杭州拱墅`` for ``杭州市拱墅区``)
_LONG_NAME = 6  # a shorter name (``江南大学``) must lead its paragraph (``压实责任`` recurs in text)
_PULL_QUOTE = 8  # the fewest characters of a pull quote that repeats its paragraph's opening
_PROVINCE_NAMES = tuple(_PROVINCES.split("|"))
_ROLES = "学者|学生|企业家|教师|医生|护士|工人|农民|干部|党员|村民|居民|职工|律师|作家|科研人员|志愿者"
_OFFICE = r"[\u4e00-\u9fff、（）()]{2,40}(?:长|院士|主任|书记|教授|负责人|馆员|研究员|经理|总裁|总监|主席|创始人)"
OFFICES_SIGNATURE = re.compile(
    rf"^(?:{_OFFICE}，)?{_OFFICE}[ \u3000]{{2,}}(?:[\u4e00-\u9fff]{{2,3}}|{_SPACED_PAIR})(?:委员|代表)?$"
)
"""A speaker's offices and name under a headline or in a panel's guest list (``北京邮电大学校长  徐坤委员``,
``龙门石窟研究院党委书记、研究馆员  余  杰``, ``中国贵州茅台酒厂（集团）有限责任公司党委书记、董事长  陈  华``, a
company's ``华人影业总裁  应旭珺``; a
comma only between two bodies' offices: ``…管委会常务副主任，雄安集团党委书记、董事长  张  某``)."""
_GUEST_NAME = rf"(?:[\u4e00-\u9fff]{{2,4}}|{_SPACED_PAIR}|[\u4e00-\u9fff]{{1,8}}(?:·[\u4e00-\u9fff]{{1,8}})+)"
_ROLE_END = r"(?:长|员|者|人|家|师|演|剧|任|理|授|记|席|监)"
"""How a role or an office ends (``…院长``, ``…研究员``, ``演员``, ``…主任``, ``…教授``, ``…主席``)."""
_GUEST_ROLE = rf"(?<!代表)(?<!委员)[（(][^（）()]{{1,40}}{_ROLE_END}(?<!的[人家])[）)]"
GUEST = re.compile(rf"^{_GUEST_NAME}{_GUEST_ROLE}(?:[ \u3000]{{1,4}}{_GUEST_NAME}{_GUEST_ROLE})*$")
"""A guest named with what they do (``王雪坤（商务部…院长）``, ``潘  虹（演员）``, ``陈廖宇（艺术总监）  李  早（总制片人）``):
a panel's or an essay's speaker, never a headline (a headline's column tag names a column: ``（金台随感）``, and a role
never ends in ``的家`` or ``的人``: ``再访江村（美丽乡村我的家）`` is a column's headline)."""
_PANEL = re.compile(r"^(?:对话人|嘉宾|主持人|访谈嘉宾|对话嘉宾)[：:]")
"""A panel's guest list, opened by its label (``对话人：陈燮阳（…）``, ``对话嘉宾：``)."""
_NAMED_OFFICE = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,3}}|{_SPACED_PAIR})[ \u3000]{{2,}}{_OFFICE}$")
"""A guest's name before their office (``张  焱  山东工艺美术学院教务处处长``): a guest only inside a list its label
opens (:func:`_guest_lists`)."""
_OFFICE_NAMED = re.compile(
    rf"^[\u4e00-\u9fff、，（）()·]{{1,40}}(?:{_ROLE_END}|委|士|官)[ \u3000]{{2,}}"
    rf"(?:[\u4e00-\u9fff]{{2,3}}|{_SPACED_PAIR})$"
)
"""An office of any kind a role ends (``…语文正高级教师  程玉玲``) before a guest's name: a guest only inside a list
its label opens, as a kicker over a headline may have the same shape; a spaced section head (``评奖机制  再革新``)
ends in no role and ends the list."""
_TELLER = re.compile(r"^(?:写信人|讲述人)[：:]")
"""Who wrote or tells a part (``写信人：陈文成（…）``, ``讲述人：…``): a credit under the part's headline, no heading."""
_LIST_GUESTS = 3  # the fewest guests' lines in a row that make a list without its label
_LISTED_GUEST = re.compile(rf"^{_GUEST_NAME}(?:[ \u3000]{{1,4}}{_GUEST_NAME})*[（(][^（）()]{{2,40}}[）)]$")
"""Names with what they do in brackets, any role (``景  焕（…常任指挥）``, ``王  瑨  赵偲汝（本报记者）``): a guest only
inside a list (:func:`_guest_lists`), since a short headline with its column tag has the same shape."""


def guest_names(text: str) -> list[str]:
    """The guests a guest line names, spaces taken out (``李  早`` -> ``李早``), or none."""
    if not GUEST.match(text):
        return []
    return [unspaced(m) for m in re.findall(rf"({_GUEST_NAME}){_GUEST_ROLE}", text)]


def unspaced(text: str) -> str:
    """A name as one word, the spaces that pad it to a column's width taken out (``李  早`` -> ``李早``)."""
    return re.sub(r"[ \u3000]", "", text)
AUTHOR = re.compile(
    rf"^(?:{_PROVINCES})[\u4e00-\u9fff]{{0,12}}[ \u3000]+(?:[\u4e00-\u9fff·]{{2,5}}|{_SPACED_PAIR})$"
    rf"|^[\u4e00-\u9fff]{{0,4}}(?:{_ROLES})[ \u3000]{{2,}}(?:[\u4e00-\u9fff·]{{2,4}}|{_SPACED_PAIR})$"
    rf"|{OFFICES_SIGNATURE.pattern}"
    r"|^(?![全致告])[\u4e00-\u9fff]{2,14}[省市区县镇乡村州旗盟](?:读者|村民|居民)$"
)
"""A reader's signature: place and name (``江西新余市  廖海金``, ``湖北省咸宁市  王  棨``), a writer's role and name
(``青年学者  杜鹏程``), a speaker's offices and name (``北京邮电大学校长  徐坤委员``), or a place's readers or villagers
unnamed (``邢台市任泽区读者``, ``山西沁源县聪子峪乡三义村村民``)."""
_SUBTITLE_HINT = re.compile(
    r"出席|主持$|[；;]|^(?:确定|部署|听取|审议|决定)|^(?:今|明|即日|(?:\d{1,2}月)?\d{1,2}日)起"
)
"""What only a subtitle holds: who attended or chaired (``栗战书出席并发表讲话``, ``栗战书主持``), what a
meeting decided, a clause break, when the headline's news takes effect (``5日起开始生效``)."""
_SPACED_NAME = re.compile(rf"^{_SPACED_PAIR}$")
_NAME = r"(?:[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{1,3})"
NAMES = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,8}}记者[ \u3000]+)?{_NAME}(?:[ \u3000]{{1,3}}{_NAME}){{0,5}}$")
"""Reporters' names under a headline, alone or after another paper's title (``郑  轶  廉梦琦``,
``环球时报记者  任某某``, ``汉南·吉拉尼  李一丹``): a byline the paper's own forms do not cover."""
ANNEX = re.compile(r"^附件[\d一二三四五六七八九十]*[：:]")
_ANNEX_LABEL = re.compile(r"^附件[\d一二三四五六七八九十]*[：:]?$")
_LIST_ITEM = 30  # a numbered line longer than this is a list's item, not a numbered section heading
_MAX_DOCUMENT = 120  # the longest document title with no punctuation (``…会议关于…的决议``)
_SIGNERS = 3  # the most lines signing a document over its date
_TERM_CHARS = 8  # the longest term a section explains; a longer heading its story opens with is a headline
_LABELLED_HEADING = 32  # the longest heading led by a label before a colon
_FIGURE_LEAD = 5  # how far into a headline its figure may start and still lead it
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*[多余]?(?:万|亿|%|％|项|个|家|名|件|户|所|座|条|批)")
"""A figure with its magnitude or a counted unit (``1109万人``, ``21项``; not a year or an anniversary): a
headline that leads with one is the main title."""
_COUNT = re.compile(
    r"\d+(?:\.\d+)?\s*[多余]?[%％\u4e00-\u9fff]"
    r"|(?:[二三四五六七八九十两]|一[点十百千万亿])[点十百千万亿一二三四五六七八九]*[多余]?"
    r"(?:万|亿|项|个|家|名|件|户|所|座|条|批|种|亩|处|台|年)"
)
"""A number with what it counts, in digits or in words (``210个``, ``2029年``, ``五点八万件``; not ``一个``,
which is a word): the fact a subtitle gives under a statement of news."""
_UNBROKEN_CHAR = (
    r"[^\s，,：:！？!?—（(]"  # no space, clause break, colon, exclamation, question, dash or bracket
)
_QUOTED = re.compile(r"“[^“”]*”")  # words in quotes: a slogan or someone's words, whatever counts they hold
_NEWS = re.compile(rf"^{_UNBROKEN_CHAR}{{10,}}$")
"""News told in one unbroken statement (``去年我国造船三大指标全面增长``)."""
_PLACE_NEWS = re.compile(rf"^(?:{_PROVINCES}){_UNBROKEN_CHAR}{{6,}}$")
"""A province's news told in one unbroken statement (``广西打造边境放心消费目的地``)."""
_DECREE = re.compile(r"^中华人民共和国[\u4e00-\u9fff]{1,8}令$")
"""A decree's label under the name of the regulation it enacts (``中华人民共和国国务院令``): the name is the
headline."""
_FACT = re.compile(r"^[^\s：:！？!?—（(]+$")
_MEASURES = re.compile(r"^(?:明确|鼓励|力争|包括|分为|要求|提出|推出|实施)|、[^、]+等$")
"""What a subtitle under dated news of a policy or a plan gives: what it sets out (``明确19种情形…``, ``鼓励配置…``)
or its measures listed and cut short (``…招聘直通车、就业服务站等``). No headline under a kicker in the sets the
splitter is measured on opens so (docs/experiments.md)."""
_ECHO = 3  # the shortest shared ending by which a subtitle repeats its headline's act (``…互致贺电`` twice)
_WHO = re.compile(r"(?:人|界|部门|企业|单位|机构|者|们)$")
"""A heading line that only names who acts (``香港中联办负责人``): a kicker over what they did, not news."""
_BODY = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:办|委|局|部|厅|署|院|会|组|处|室|中心)$")
"""A public body named alone (``国务院安委办``): who acts, a kicker over what it did."""
_LOCAL = re.compile(rf"^(?:{_PROVINCES})[\u4e00-\u9fff]{{1,4}}[市县区州旗盟]")
"""A province's city or county named first (``江苏宿迁市宿豫区…``): a local page's kicker, over its slogan."""
NOT_WORD = re.compile(r"[\W_]+")
LABEL_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,8}[：:]\S")
"""A section heading led by a label (``保供给：备耕早、农资足``)."""
_BULLET = re.compile(r"^[●■◆▲◇□★☆•]")
_BULLET_HEAD = 12  # the longest bulleted line read as a heading (``●小贴士``); longer ones are list items
_ELIDED_QUESTIONS = re.compile(
    r"[？?！!][^？?！!]+[？?！!]?[”’」』]*(?:……|…)[”’」』]*$|^“[^”]+(?:…|——)”$|[，,][^，,]+……$|^(?:“[^“”]+”)+……$"
)
"""Questions, someone's words or a sentence of clauses trailing off (``“根据您提供的信息，…以下答案……”``,
``一日之间，…破土而出……``), quoted words cut off by a dash (``“哗——”``) or trailing off after their quotes
(``“我在幼儿园喜欢搭积木”……``): body text."""
_SAYS = re.compile(r"(?:说|表示|介绍|指出|强调|认为|告诉记者|坦言|感慨)[：:]“")
"""Someone's words quoted after who says them (``王羽说：“等春暖花开时，…”``): a paragraph, never a heading."""
_SALUTATION = re.compile(
    r"^(?:各位|尊敬的|亲爱的)?[\u4e00-\u9fff]{0,6}(?:代表|委员|同志|同胞|朋友|读者|网友|老师|同学|先生|女士)们?[：:]$"
)
NUMBERED_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}(?:[.．](?!\d)|、))\S"
    r"|^“?第[一二三四五六七八九十]{1,3}[章节编][ \u3000]"
)
"""A numbered section heading (``一、总体要求``, ``（二）…``, ``3.…``, a law's ``第一章  总  则``, quoted in an amending
decision: ``“第六章  监督管理``); a decimal figure
(``24.5万个…``) is a headline's count, no number."""
_ORDER_NUMBER = re.compile(r"^第[\d一二三四五六七八九十百零〇]{1,5}号$")
"""An order's number under its issuer (``中华人民共和国国务院令`` / ``第802号``): the document's part."""
BANNER = re.compile(
    r"^(?=.*(?:  |\u3000))[^\s]*[\u4e00-\u9fff][^\s]*(?:[ \u3000]+[^\s]*[\u4e00-\u9fff][^\s]*){2,}$"
)
"""A headline of three or more spaced groups (``浙江义乌  厚植产业根基 积蓄发展动能``): a special page's, never a
section's."""
KEYWORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
"""A keyword over a section's heading (``读数据``, ``创新``)."""
LABEL_CHARS = 4  # the longest column label (``身边事``, ``建议``) over a letter's headline
PAIRED = re.compile(r"^[^\s，,]{2,}(?:[ \u3000]+[^\s，,]{2,})+$")
"""A heading of two or more spaced groups (``城乡处处  年味渐浓``)."""


_BREAK = re.compile(r"，|[ \u3000]{2,}")  # a heading's clause break: a comma, or the space set in its place
STYLES: tuple[Callable[[str], object], ...] = (
    lambda t: len(NOT_WORD.sub("", t)),
    lambda t: len(NOT_WORD.sub("", t[: m.start()])) if (m := _BREAK.search(t)) else None,
    lambda t: ("place" if from_province(t) else True) if LABEL_HEAD.match(t) else None,
    lambda t: True if PAIRED.match(t) else None,
    lambda t: True if t.startswith("“") and t.endswith("”") else None,
)
"""What the section headings of one article share: a length, a clause break (a comma, or the double space set
in its place: ``控增量、优供给  稳定…`` / ``守底线、稳推进，建设…``) after the same number of words (quotes not counted), a label
(a province's name before the colon is a place, not a label: ``湖南邵阳：…``), spaced groups, quotes (``None``:
the heading has no such trait)."""
CONTENTS = re.compile(r"^(?:本期|今日|本版)?导读$")
_PAGE_REF = re.compile(r"^(?:详见|见)?第[一二三四五六七八九十\d]{1,3}(?:[、至－-][一二三四五六七八九十\d]{1,3})*版$")
"""A page number in a contents box (``第八版``), which also closes a column's teaser."""
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.", re.ASCII)
"""An e-mail or web address: a contact line (``本版邮箱：…``), never a heading."""
VERSE_CHARS = 18  # the longest line of verse (docs/experiments.md, session 9)
_VERSE_LINES = 6  # the fewest lines of a poem; no header is as long
_VERSE_LONGEST = 24  # a poem's few long lines; a headline's first paragraph is longer (session 15)
SENTENCE_STOPS = ("。", "！", "？", "”")  # how a sentence ends a line; verse runs on past its line
_LIST_NAMES = 4  # the fewest lines of a list of names ending alike; a header is at most three lines
_SUFFIX = 2  # how many last characters the names of a list share (``公司``, ``集团``)
_LIST_LABEL = re.compile(r"名[单录]$")
_DIGIT = re.compile(r"[0-9０-９]")
_WORK_AUTHOR = re.compile(
    r"^(?:战国|先秦|西汉|东汉|汉|三国|魏|东晋|晋|南朝|北朝|隋|唐|北宋|南宋|宋|元|明|清|近代|现代|当代)[·•][\u4e00-\u9fff](?:[ \u3000]{0,3}[\u4e00-\u9fff]){1,3}$"
)
"""A quoted work's author under its title, by era (``唐·殷尧藩``, ``当代·汪曾祺``; a two-character name spaced out,
``宋·苏  轼``)."""


@dataclass(frozen=True)
class Line:
    """What page_roles needs to know of a paragraph: its text, its kind as classified by rag.articles
    (``body``, ``caption``, ``credit``, ``notice``, ``byline``) and whether it opens with a dateline."""

    text: str
    kind: str = "body"
    dateline: bool = False


def is_heading(line: Line) -> bool:
    t = line.text
    if line.kind != "body" or line.dateline or not t or "\n" in t:
        return False
    if NUMBERED_HEAD.match(t) and len(t) > _LIST_ITEM:
        return False  # an item of a numbered list (``1.全国人民代表大会关于…的决定（…通过）``), not a heading
    tagged = len(t) <= MAX_TAGGED and COLUMN_TAG.search(t)
    if len(t) > MAX_HEADING and not (tagged or (len(t) <= _MAX_DOCUMENT and _UNBROKEN.match(t))):
        return False  # long lines are body, unless tagged or a document's title with no punctuation at all
    if "。" in t or _CLOSING.search(t) or AUTHOR.match(t) or GUEST.match(t) or _ADDRESS.search(t) or _bracketed(t):
        return False
    if _BULLET.match(t) and len(t) > _BULLET_HEAD:
        return False  # an item of a bulleted list, not a heading
    if _SALUTATION.match(t) or SIGNED_QUOTE.match(t) or _DATE_LINE.match(t) or _NETIZEN.match(t) or _TELLER.match(t):
        return False  # a salutation (``各位代表：``), a quote's speaker, a document's date: body lines
    if _ELIDED_QUESTIONS.search(t) or _SAYS.search(t):
        return False  # questions trailing off (``…？什么样的目标…？……``), someone's quoted words: body text
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


def is_closing(line: Line) -> bool:
    t = line.text
    contact = len(t) <= 80 and bool(_ADDRESS.search(t))  # a column's mailbox printed under its article
    return line.kind in ("credit", "notice") or contact or bool(_PAGE_REF.match(t)) or is_closing_line(t)


def is_closing_line(text: str) -> bool:
    """A line that ends an article: a source or author line, a credit, a reader's signature."""
    return len(text) <= 80 and bool(_CLOSING.search(text) or AUTHOR.match(text))


_KICKED_HEADLINE = 8  # the shortest headline after its kicker on one line (session 15)


def _weak_heading(text: str) -> bool:
    """A long line with commas and no column tag: a kicker when a headline follows, else the body's first
    words (a deck, a pull quote)."""
    if LABEL_HEAD.match(text) and (len(text) <= _LABELLED_HEADING or from_province(text)):
        return False  # a label or a place before a colon leads a heading (``青岛：绘出…“路线图”，推进…``), a
        # province's place one of any heading's length (``重庆市江北区：探索…发展模式，将赛事流量转化为经济增量``)
    parts = text.split()  # whitespace, the ideographic space included
    if len(parts) == 2 and len(parts[1]) >= _KICKED_HEADLINE and not ("，" in parts[1] or "," in parts[1]):
        return False  # a kicker and its headline printed on one line (``看得见的创新在车上，… 百度智能云以…``)
    return len(text) > 24 and ("，" in text or "," in text) and not COLUMN_TAG.search(text)


def _named_again(text: str, after: Sequence[Line]) -> bool:
    """Whether a long line leads with a name (before a double space or a colon) that one of the next two
    paragraphs opens with (``江南大学  牢固树立…，…`` over ``江南大学自2015年起…``): a profile's headline. So is a
    place's short name that their first words write with the division words it drops (``杭州拱墅  构建…，…`` over
    ``千年运河畔，活力新拱墅。浙江省杭州市拱墅区…``): only a place's full name adds them."""
    m = _NAME_LEAD.match(text)
    if m is None:
        return False
    name = m.group(1)
    within = _NAMED_WITHIN if len(name) >= _LONG_NAME else len(name)  # a short name must open the paragraph
    if any(name in line.text[:within] for line in after):
        return True
    place = re.compile(f"[{_DIVISIONS}]?".join(map(re.escape, name)))  # ``杭州拱墅`` written ``杭州市拱墅区``
    return any(len(found) > len(name) for line in after for found in place.findall(line.text[:_NAMED_WITHIN]))


def names_itself(u: Unit, lines: Sequence[Line]) -> bool:
    """A headline led by a name its first paragraphs open with (:func:`_named_again`): an institution's
    profile, an article of its own."""
    if u.title is None or len(lines[u.title].text) <= _PROFILE_HEADLINE:
        return False  # a short heading restating its paragraph's first words (``创意呈现  赏心悦目``) is a section's
    return _named_again(lines[u.title].text, [lines[i] for i in u.body[:2]])


def _opens_article(line: Line) -> bool:
    return line.dateline or line.kind == "byline"


@dataclass
class Unit:
    """A heading group and the paragraphs up to the next one (indices into the page's paragraphs)."""

    head: list[int]
    body: list[int]
    kicker: int | None = None
    title: int | None = None
    subtitles: list[int] = field(default_factory=list)
    decks: list[int] = field(default_factory=list)
    inner: list[int] = field(default_factory=list)  # an item's heading under a brief-column or series title
    series: bool = False  # a headline directly over a kicker and headline: the title of a series of parts


def read_units(lines: Sequence[Line]) -> list[Unit]:
    heading = [is_heading(line) for line in lines]
    opens = [i + 1 < len(lines) and _opens_article(lines[i + 1]) for i in range(len(lines))]
    _signatures(lines, heading)
    _guest_lists(lines, heading)
    for i in range(len(lines) - 1):  # a long kicker ending in a dash over a column's headline
        t = lines[i].text
        long_kicker = MAX_HEADING < len(t) <= MAX_TAGGED and DASH_END.search(t) and "。" not in t
        if (
            long_kicker
            and lines[i].kind == "body"
            and heading[i + 1]
            and COLUMN_TAG.search(lines[i + 1].text)
        ):
            heading[i] = True
    for i, line in enumerate(lines):
        if heading[i] and _SPOKEN_END.search(line.text):  # an exclamation or a question is a headline only over
            heading[i] = opens[i] or _closed_above(lines, i) or _tops(lines, heading, i)  # a dateline or byline, or
            # after an article's end, or as the page's first line over a headline
        elif _quoted_kicker(lines, heading, i):
            heading[i] = True
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            heading[i]
            and _weak_heading(line.text)
            and not _SPOKEN_END.search(line.text)
            and not BANNER.match(line.text)
        ):
            keyword = i > 0 and heading[i - 1] and bool(KEYWORD.match(lines[i - 1].text))
            kicked = i > 0 and heading[i - 1] and bool(DASH_END.search(lines[i - 1].text))
            heading[i] = (
                keyword
                or kicked
                or opens[i]
                or _named_again(line.text, lines[i + 1 : i + 3])
                or (nxt is not None and heading[i + 1] and not _weak_heading(nxt.text))
            )
    _name_lists(lines, heading)
    _verse_runs(lines, heading)
    _quote_sources(lines, heading)
    _list_items(lines, heading)
    for i in _contents_boxes(lines):
        heading[i], last, j = True, i, i + 1
        while j < len(lines) and (heading[j] or _PAGE_REF.match(lines[j].text)):
            last = j if _PAGE_REF.match(lines[j].text) else last
            j += 1
        heading[i + 1 : last + 1] = [False] * (last - i)  # the box's entries and page numbers are its body
    units: list[Unit] = []
    for i in range(len(lines)):
        if heading[i]:
            if not units or units[-1].body:
                units.append(Unit([], []))
            units[-1].head.append(i)
        elif units:
            units[-1].body.append(i)
        else:
            units.append(Unit([], [i]))
    return units


def _tops(lines: Sequence[Line], heading: Sequence[bool], i: int) -> bool:
    """Whether line ``i`` opens the page over a heading line: a question printed as the first article's kicker
    (``…是一回事吗？…怎么办？`` over ``…如何保障（服务窗）``), which ends no text above it."""
    return i == 0 and _over_headline(lines, heading, i)


def _quoted_kicker(lines: Sequence[Line], heading: Sequence[bool], i: int) -> bool:
    """Whether quoted words trailing off (``“先交钱再出国”“出国后补签证”……``), body text inside a story, are a
    kicker: where they end no text (after an article's closing line, or opening the page) over a headline."""
    t = lines[i].text
    if heading[i] or lines[i].kind != "body" or len(t) > MAX_HEADING or "。" in t or not _ELIDED_QUESTIONS.search(t):
        return False
    return (i == 0 or _closed_above(lines, i)) and _over_headline(lines, heading, i)


def _over_headline(lines: Sequence[Line], heading: Sequence[bool], i: int) -> bool:
    """Whether the line after ``i`` is a heading line that is no question or exclamation of its own."""
    return i + 1 < len(lines) and heading[i + 1] and not _SPOKEN_END.search(lines[i + 1].text)


def _closed_above(lines: Sequence[Line], i: int) -> bool:
    """Whether the paragraph before ``i`` closes an article in brackets (``（据新华社4月26日电）``)."""
    t = lines[i - 1].text if i > 0 else ""
    return t.startswith(("（", "(")) and is_closing_line(t)


def _list_items(lines: Sequence[Line], heading: list[bool]) -> None:
    """A paragraph ending in a semicolon, an enumeration comma or a comma leaves its sentence open: the line after
    it is its next item or words, however short or unpunctuated (``…发现了一个巨型星系……``, a name broken off a list:
    ``…桂海潮、`` / ``徐洪杰``), never a heading."""
    for i in range(1, len(lines)):
        if heading[i] and not heading[i - 1] and _LEFT_OPEN.search(lines[i - 1].text):
            heading[i] = False


def _quote_sources(lines: Sequence[Line], heading: list[bool]) -> None:
    """A dash-led line between body text and a heading (``——网友：梁翠红  IP：广东``) is the source of the quote
    above it, body text: never a kicker over the heading after it."""
    for i in range(1, len(lines) - 1):
        if heading[i] and lines[i].text.startswith(("——", "—")) and not heading[i - 1] and heading[i + 1]:
            heading[i] = False


def _signatures(lines: Sequence[Line], heading: list[bool]) -> None:
    """The heading-shaped lines right over a document's date sign it (``中共中央`` / ``国务院`` /
    ``2026年2月23日``): no headings."""
    for i, line in enumerate(lines):
        if _DATE_LINE.match(line.text):
            for j in range(i - 1, max(i - 1 - _SIGNERS, -1), -1):
                if not heading[j]:
                    break
                heading[j] = False


def _guest_lists(lines: Sequence[Line], heading: list[bool]) -> None:
    """A panel's guest list runs on: names with what they do in brackets, whatever the role, one to a line
    (``景  焕（…常任指挥）``, ``王  瑨  赵偲汝（本报记者）``), are guests in a run that its label opens
    (``对话人：陈燮阳（…）``; after the label also names before their offices, ``张  焱  …教务处处长``) or that holds three
    or more, the first a guest's line (``林占熺（…教授…）``); a short
    headline with its column tag after one writer's line (``潘  虹（演员）`` / ``守望星空（新语）``) is no list."""
    i = 0
    while i < len(lines):
        labelled = bool(_PANEL.match(lines[i].text))
        if not (labelled or GUEST.match(lines[i].text)):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (
            GUEST.match(lines[j].text)
            or _LISTED_GUEST.match(lines[j].text)
            or (labelled and (_NAMED_OFFICE.match(lines[j].text) or _OFFICE_NAMED.match(lines[j].text)))
        ):
            j += 1
        if j - i >= (2 if labelled else _LIST_GUESTS):
            heading[i:j] = [False] * (j - i)
        i = j


def _verse_runs(lines: Sequence[Line], heading: list[bool]) -> None:
    """Verse looks like a run of heading lines, some of them punctuated; a header is never six lines long, so
    in such a run the first line is the poem's title and the short lines after it its body (:func:`_in_verse`
    says where it ends)."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _in_verse(lines, heading, i, j):
            if _PAGE_REF.match(lines[j].text) or (j + 1 < len(lines) and _opens_article(lines[j + 1])):
                break  # a contents box's page number, a headline over its dateline: not verse
            j += 1
        if _verse([lines[k].text for k in range(i + 1, j)]):
            heading[i + 1 : j] = [False] * (j - i - 1)
        i = max(j, i + 1)


def _verse(body: list[str]) -> bool:
    """Six or more short lines, at most one in five longer than :data:`VERSE_CHARS`. Not when the lines
    mostly hold figures (a chart's; a poem may give a year or two, ``回想39年前``), nor when half of them end a
    sentence (a list of captions, ``春秋战国时期单耳陶罐。``): verse runs on from line to line."""
    if len(body) < _VERSE_LINES or any(len(t) > _VERSE_LONGEST for t in body):
        return False
    longer = sum(len(t) > VERSE_CHARS for t in body)
    figured = sum(bool(_DIGIT.search(t)) for t in body)
    stops = sum(t.endswith(SENTENCE_STOPS) for t in body)
    return 5 * longer <= len(body) and 4 * figured < len(body) and 2 * stops < len(body)


def _in_verse(lines: Sequence[Line], heading: list[bool], i: int, j: int) -> bool:
    """Whether line ``j`` goes on the poem titled at line ``i``: a heading line, or a short line of text that
    is no sign-off (``翟钦奇文``). It ends at a headline with a column tag or a photo report's label, at a
    heading line over prose (the next article's headline), and at a label or dash kicker over a headline
    over a sentence (``找房子`` / ``正规平台，实地看房`` / ``租房，找房子是第一步。``): a part's header."""
    if j == i:
        return heading[j] and not PHOTO_LABEL.match(lines[j].text)
    if _ends_verse(lines[j].text):
        return False
    if not heading[j]:
        t = lines[j].text
        if j == i + 1 and t.endswith("。"):
            return False  # a short first paragraph (``2月风还凉时，满城红棉却已烧旺。``): the heading is prose's
        return lines[j].kind == "body" and len(t) <= VERSE_CHARS and not _CLOSING.search(t)
    if _prose_at(lines, j + 1):
        return False
    kicker = bool(DASH_END.search(lines[j].text)) or len(lines[j].text) <= LABEL_CHARS
    pair = kicker and j + 2 < len(lines) and heading[j + 1] and not heading[j + 2]
    return not (pair and lines[j + 2].text.endswith("。"))


def _prose_at(lines: Sequence[Line], k: int) -> bool:
    """Whether line ``k`` opens an article's text: a paragraph longer than any line of verse (not a bracketed
    note, ``（作者为…）``), a dateline or a byline."""
    if k >= len(lines):
        return False
    line = lines[k]
    return _opens_article(line) or (len(line.text) > _VERSE_LONGEST and not _bracketed(line.text))


def _name_lists(lines: Sequence[Line], heading: list[bool]) -> None:
    """A run of :data:`_LIST_NAMES` or more heading-shaped lines that end alike (``…有限公司`` under ``…企业名单``)
    is a list of names printed one to a line: body text, and so is the list's label over it (``…名单``,
    perhaps over a bracketed note), which no headline is."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and heading[j] and lines[j].text[-_SUFFIX:] == lines[i].text[-_SUFFIX:]:
            j += 1
        if j - i >= _LIST_NAMES:
            heading[i:j] = [False] * (j - i)
            label = i - 1 if i and heading[i - 1] else i - 2 if i and lines[i - 1].text.startswith("（") else -1
            if label >= 0 and heading[label] and _LIST_LABEL.search(lines[label].text):
                heading[label] = False
        i = max(j, i + 1)


def _ends_verse(text: str) -> bool:
    return bool(COLUMN_TAG.search(text) or PHOTO_LABEL.match(text))


def _contents_boxes(lines: Sequence[Line]) -> list[int]:
    """The labels of a front page's contents box (``导读`` over headlines and the pages they are on)."""
    return [
        i
        for i, line in enumerate(lines)
        if CONTENTS.match(line.text) and any(_PAGE_REF.match(x.text) for x in lines[i + 1 : i + 8])
    ]


def _deck_like(text: str, title: str) -> bool:
    """A line after the headline that is the article's first words rather than a subtitle."""
    return ("，" in text or "," in text) and len(text) > max(20, len(title))


def _has_kicker(t: Sequence[str], dated: bool = False) -> bool:
    """Whether the first line of a heading group is a kicker over the headline that follows."""
    if len(t) < 2 or COLUMN_TAG.search(t[0]) or t[1].startswith(("——", "—")) or _DECREE.match(t[1]):
        return False
    if DASH_END.search(t[0]) or t[0].endswith(("：", ":")):
        return True
    if COLUMN_TAG.search(t[1]) or (len(t) == 2 and KEYWORD.match(t[0])):
        return True  # a keyword over a headline, even a long one (``读业态`` / ``“文化创造是根，…”``)
    hint = _SUBTITLE_HINT.search(t[1]) and not _BODY.match(t[0])  # a body's name alone is who acts, no news
    if len(t) == 2 and (hint or (_headline_figure(t[0], t[1]) and "，" not in t[0])):
        return False
    if len(t) == 2 and KEYWORD.match(t[1]) and len(t[0]) >= 2 * len(t[1]):
        return False  # a headline over a column's label (``走进这里，历史如此鲜活`` / ``头条看点``)
    if len(t) == 2 and (_SPACED_NAME.match(t[1]) or ("·" in t[1] and NAMES.match(t[1]))):
        return False  # a headline over its writer's name spaced out (``虎  权``)
    if len(t) == 2 and _news_subtitle(t[0], t[1], dated):
        return False
    return not _deck_like(t[1], t[0])


def _news_subtitle(first: str, second: str, dated: bool) -> bool:
    """Whether a statement of news is the headline and the plain line under it its subtitle: a province's news
    over its dated report, which the line sums up, counted or not (``青海推进城乡生活垃圾污水系统治理`` /
    ``相关治理能力逐步提升``; a city's or county's news and a bare "who" stay kickers), or a province's news anywhere,
    any news over a dated report, over the count that backs it (``广东古树名木保护提升行动不断推进`` /
    ``已建成古树公园210个``; a feature's two-line section heads read the other way). A kicker over a headline is a
    slogan or is broken by spaces and brackets; a line that leads with its count is a headline itself
    (``100%复工复产``). Over a dated report, a line that sets out a policy's measures (:data:`_MEASURES`) or
    repeats the headline's act for a lesser actor (:func:`_echoes`) is a subtitle too."""
    if not _FACT.match(second):
        return False
    if dated and (_MEASURES.search(second) or _echoes(first, second)):
        return True
    if dated and _PLACE_NEWS.match(first) and not (_WHO.search(first) or _LOCAL.match(first)):
        return True
    m = _COUNT.search(_QUOTED.sub("", second))  # a count in quotes is a slogan's (``“五个进一步到位”``), no figure
    news = _PLACE_NEWS.match(first) or (dated and _NEWS.match(first))
    return bool(news and m and m.start() > 0)


def _echoes(first: str, second: str) -> bool:
    """Whether a plain line repeats its headline's act for a second actor (``习近平同…互致贺电`` /
    ``李强同…互致贺电``): the lesser news under the greater, a subtitle."""
    shorter = _ECHO < len(second) < len(first) and first[0] != second[0]  # the lesser news, another actor
    return _FACT.match(first) is not None and shorter and first.endswith(second[-_ECHO:])


def _headline_figure(first: str, second: str) -> bool:
    """Whether the first of two header lines is a headline by its figure: it leads with one
    (``800多万返乡农民工…``), or both lines give one (``北京再取消21项…`` / ``累计精简比例达81%``). A figure only in
    the first line, further in, is a kicker's fact (``去年…起诉…犯罪4万余人`` over its headline)."""
    m = _FIGURE.search(first)
    return m is not None and (m.start() <= _FIGURE_LEAD or _FIGURE.search(second) is not None)


def note_item(u: Unit, lines: Sequence[Line]) -> None:
    """An editor's note under its label alone (``编者按``), signed at its end (``——编  者``), after an article's
    text: the page's introduction to the pieces after it, an item of its own titled by the label, not a guide
    to the article above it."""
    labelled = u.title is None and bool(u.head) and bool(_NOTE_LABEL.match(lines[u.head[-1]].text))
    if labelled and u.body and EDITOR_NOTE.match(lines[u.body[-1]].text):
        u.title, u.decks = u.head[-1], [i for i in u.decks if i != u.head[-1]]


def parse_head(u: Unit, lines: Sequence[Line]) -> None:
    """Kicker, headline, subtitles and decks of a heading group."""
    if (
        len(u.head) == 1
        and CONTENTS.match(lines[u.head[0]].text)
        and any(_PAGE_REF.match(lines[i].text) for i in u.body)
    ):
        u.title = u.head[0]  # a contents box
        return
    g = [i for i in u.head if not GUIDE.match(lines[i].text)]
    if len(g) >= 2 and lines[g[-1]].text.endswith(("：", ":")):
        g = g[:-1]  # a headline never ends in a colon: the last line is the body's addressee (``…主席团：``)
    elif len(g) >= 2 and DASH_END.search(lines[g[-1]].text) and u.body:
        g = g[:-1]  # nor in a dash: the last line leads into the body (``盛夏的雄安新区，一派生机勃勃——``)
    if len(g) >= 2 and u.body and _repeats(lines[g[-1]].text, lines[u.body[0]].text):
        g = g[:-1]  # a pull quote printed over the paragraph it repeats is the body's, not the header's
    u.decks = [i for i in u.head if i not in g]
    if not g:
        return
    t = [lines[i].text for i in g]
    if BRIEF_LABEL.match(t[0]):
        u.title, u.inner = g[0], g[1:]
        return
    if len(g) >= 2 and _WORK_AUTHOR.match(t[-1]):
        quoted = _quoted_work(t)  # a quoted work's title and its author (``端午日`` / ``唐·殷尧藩``)
        u.inner, g, t = g[-quoted:], g[:-quoted], t[:-quoted]
    if len(t) >= 3 and DASH_END.search(t[1]) and not DASH_END.search(t[0]):
        u.title, u.inner, u.series = g[0], [*g[1:], *u.inner], True  # a headline never ends in a dash: t[1] is a kicker
        return
    k = 1 if _has_kicker(t, is_dated(u, lines)) else 0
    if len(g) == 1 and (DASH_END.search(t[0]) or t[0].endswith(("：", ":"))):
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


def _quoted_work(t: Sequence[str]) -> int:
    """How many last lines of a heading group ending in an author by era are the quoted work's: its title and
    the author, when a headline stays above them (``榴花入眼，白发在头`` / ``端午日`` / ``唐·殷尧藩``); the author
    alone when only a kicker would (``诗词里的端午——`` / ``端午日``: the work is the headline)."""
    above = t[:-2]
    return 2 if above and not DASH_END.search(above[-1]) else 1


def _repeats(line: str, paragraph: str) -> bool:
    """Whether a heading line's words open the paragraph under it (``“后生们的脑瓜里，装着黄河的未来”`` over
    ``“后生们的脑瓜里，装着黄河的未来。”某某说罢…``): a pull quote of the body, not a headline."""
    words = NOT_WORD.sub("", line)
    # a headline may open its quote unquoted (``抓创新…``): only a whole quoted line is a pull quote
    quoted = line.startswith("“") and line.endswith("”")
    return quoted and len(words) >= _PULL_QUOTE and NOT_WORD.sub("", paragraph).startswith(words)


def keyword_openers(units: Sequence[Unit], lines: Sequence[Line]) -> None:
    """A title over a keyword (``两会好声音`` / ``创新驱动``) when the next two headings are keywords of that
    length (``民生改善``, ``扩大内需``): the keyword heads the first section, the line over it is the headline."""
    titled = [(u, u.title) for u in units if u.title is not None]
    for a, (u, title) in enumerate(titled[:-2]):
        if u.kicker is None or not KEYWORD.match(lines[title].text):
            continue
        size = len(lines[title].text)
        nxt = titled[a + 1 : a + 3]
        if all(
            v.kicker is None and KEYWORD.match(lines[t].text) and len(lines[t].text) == size for v, t in nxt
        ):
            kicker_heads(u)


def kicker_heads(u: Unit) -> None:
    """Read a unit's kicker as its headline and the headline as the first section's heading."""
    assert u.kicker is not None and u.title is not None
    u.inner, u.title, u.kicker = [u.title, *u.inner], u.kicker, None


SPEAKER = rf"[\u4e00-\u9fff·]{{2,8}}(?:代表|委员){IN_BRACKETS}"
"""A deputy or member and their office (``李希代表（广东省委书记）``)."""
SPEAKS = re.compile(rf"^{SPEAKER}[：:]")
"""A deputy's or member's words led by their name and office (``李正国委员（民盟四川省委会副主委）：…``)."""


def section_style(u: Unit, lines: Sequence[Line]) -> bool:
    if u.title is None:
        return True
    if any(BOX_LABEL.match(lines[i].text) for i in u.head):
        return True  # a box inside the article (``延伸阅读`` over its heading)
    t = lines[u.title].text
    term = NOT_WORD.sub("", t)
    if u.body and len(term) <= _TERM_CHARS and NOT_WORD.sub("", lines[u.body[0]].text).startswith(term):
        return True  # a term its first paragraph explains (``三张交通网`` / ``“三张交通网”包括：…``)
    if (NUMBERED_HEAD.match(t) and not COLUMN_TAG.search(t)) or ANNEX.match(t) or _ORDER_NUMBER.match(t):
        return True  # a document's numbered sections (``一、总体要求``) and its annex (``附件：…``)
    if u.kicker is not None and _ANNEX_LABEL.match(lines[u.kicker].text):
        return True  # an annex's number over its title (``附件2`` / ``国务院决定废止的行政法规``)
    return (
        bool(NUMBERING.match(t) or SPACED.match(t) or LABELLED.match(t) or ATTRIBUTION.match(t))
        and len(t) <= 12
    )


def from_province(text: str) -> bool:
    """Whether a line opens with a province's name (``浙江江山：…``, ``黑龙江:…``)."""
    return text.startswith(_PROVINCE_NAMES)


def is_place_news(text: str) -> bool:
    """A province's news told in one unbroken statement (``山东金乡县选派文化指导员下基层``)."""
    return bool(_PLACE_NEWS.match(text))


def is_box(u: Unit, lines: Sequence[Line]) -> bool:
    """A box inside an article: a label heads the unit (``延伸阅读``, ``链接``, ``【链  接】``)."""
    return any(BOX_LABEL.match(lines[i].text) or _BRACKET_LABEL.match(lines[i].text) for i in u.head)


def has_dash_kicker(u: Unit, lines: Sequence[Line]) -> bool:
    return u.kicker is not None and bool(DASH_END.search(lines[u.kicker].text))


def keyword_size(u: Unit, lines: Sequence[Line]) -> int:
    """The length of a unit's kicker when it is short enough to be a keyword over a section heading
    (``采收——``, ``科技赋能——``, ``创新``), else 0."""
    if u.kicker is None:
        return 0
    size = len(NOT_WORD.sub("", lines[u.kicker].text))
    return size if size <= LABEL_CHARS else 0


def is_dated(u: Unit, lines: Sequence[Line]) -> bool:
    """Whether a unit's body opens with a dateline (``本报北京2月20日电``), after the caption and credit of a
    picture printed over it."""
    text = u.decks + u.body
    while (
        text
        and len(text) > 2
        and (lines[text[0]].kind in ("caption", "credit") or is_closing(lines[text[0]]))
    ):
        text = text[1:]
    return any(lines[i].dateline for i in text[:2])


def is_comment(u: Unit, lines: Sequence[Line]) -> bool:
    """A comment or a note, by its column tag (``（新语）``, ``（人民时评）``, ``（人民论坛）``, ``（编辑手记）``, ``（金台随笔）``,
    the theory page's ``（思想纵横）``, an arts page's ``（锐见）``, ``（艺海观澜）``, ``（创作谈）``, a literary page's
    ``（文思）``, ``（多味斋）``, ``（遇见）``; a sports column's ``（奥运纵横）`` has sections);
    not a long-form series' tag that happens to end so (``（…·习近平法治思想学习贯彻众论）``), whose pieces have
    sections."""
    tag = COLUMN_TAG.search(lines[u.title].text) if u.title is not None else None
    return tag is not None and len(tag.group()) < SERIES_TAG and bool(_COMMENT_TAG.search(tag.group()))


def is_note(u: Unit, lines: Sequence[Line]) -> bool:
    """An editor's or reporter's note (``（编辑手记）``, ``（两会笔记）``), printed with the reports it introduces."""
    return u.title is not None and bool(re.search(r"[手笔]记[）)]$", lines[u.title].text))


def unlike_rest(titles: Sequence[str], styles: Sequence[Callable[[str], object]] = STYLES) -> bool:
    """Whether the first of two or more headings shares no style with all those after it."""
    if len(titles) < 2:
        return False
    for style in styles:
        v = style(titles[0])
        if v is not None and all(style(t) == v for t in titles[1:]):
            return False
    return True


def all_unlike(titles: Sequence[str], styles: Sequence[Callable[[str], object]] = STYLES) -> bool:
    """Whether no two headings share a style: they form no set of section headings."""
    return all(unlike_rest([a, b], styles) for i, a in enumerate(titles) for b in titles[i + 1 :])


def has_guide(u: Unit, lines: Sequence[Line]) -> bool:
    return any(GUIDE.match(lines[i].text) for i in u.head + u.body[:1])


def is_bylined(u: Unit, lines: Sequence[Line]) -> bool:
    return bool(u.body) and lines[u.body[0]].kind == "byline"
