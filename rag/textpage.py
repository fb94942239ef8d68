"""How a page of plain text (no Markdown or HTML heading marks) is read: which lines start articles.

A newspaper page saved as text is a run of paragraphs: for each article, its header lines (a kicker, the
headline, a subtitle) and then its body, where the body may hold section headings of its own. Nothing marks
which short line is a headline and which a section heading, so the page is read by its structure:

* A **heading line** is short (:data:`MAX_HEADING` characters, :data:`MAX_TAGGED` when it ends in a column tag, longer
  for a document's title or news of several acts with no punctuation but enumeration commas and joining dashes:
  ``…将访问…、出席…、举行…``, ``中国—俄罗斯``), holds no full stop and does not end like a sentence or a clause. A long line with
  commas (a deck, a pull quote; not one led by a label or a place before a colon: ``青岛：…，…``) and a line ending in
  ``！`` or ``？`` are heading lines only over a dateline or a byline (also as the page's first line over a heading line,
  the first article's kicker; the exclamation also after a bracketed closing line, ``（据新华社…电）``; and the long line also over another heading line that is not a question, as a kicker, or under a
  keyword or a kicker ending in a dash, or when it leads with a name one of the next two paragraphs opens with (a long
  name within its first twenty characters): ``江南大学  牢固树立…，…`` over ``江南大学自2015年起…``, a profile's headline, which
  starts an article). Bylines, captions, credits, editor, data-source (``数据和资料来源：…``, ``图表数据来源：…``, ``图片来源：…``), map-approval
  (``审图号…``) and production lines (``融媒制作：…``, ``融媒创作：…``, ``绘  制：…``), closing lines, a netizen's signature
  (``人民网“领导留言板”网友``), readers' signatures (``江西新余市  廖海金``, ``湖北省咸宁市  王  棨``, a place's readers or villagers unnamed: ``邢台市任泽区读者``, ``…三义村村民``; a writer's role or a speaker's offices
  and name: ``青年学者  杜鹏程``, ``北京邮电大学校长  徐坤委员``, a panel's guest ``…研究馆员  余  杰``), a guest named with what they do
  (``潘  虹（演员）``, ``王雪坤（…院长）``; who wrote or tells a part, ``写信人：陈文成（…）``; in a list its label opens, ``对话人：…``, or of three or more lines from a guest's, any names over a role in
  brackets, and after the label names before their offices or after any office: ``对话嘉宾：`` / ``张  焱  …教务处处长``,
  ``…语文正高级教师  程玉玲``), writers' credits, spaced or not (``郅  延文``, ``翟钦奇文``), notes wholly in brackets
  (``（相关报道见…）``), lines with an e-mail or web address (a column's mailbox, which closes its article), a salutation
  (``各位代表：``), a quoted statement's source (``——某代表（职务）``, ``——某某在…时强调``, ``——某省委书记、…在…学习会上说``, ``——人民网网友…``,
  ``——摘自…``; and any dash-led line between body text and a heading: ``——网友：…  IP：…``), a date alone and the signatures
  over it, bulleted or numbered list items and questions, names listed one to a line (four or more ending alike:
  ``…有限公司``) and their list's label (``…名单``), quoted words or clauses trailing off in an ellipsis (inside their quotes or after them: ``“…”……``; quoted words
  after a closing line or opening the page, over a headline, are its kicker), someone's words
  quoted after who says them (``王羽说：“…”``), and the line after a paragraph ending in a semicolon (the list's next
  item) are never heading lines. A header never ends in a colon: its last line ending in one is the body's addressee
  (``…主席团：``); nor in a dash: its last line ending in one leads into the body (``…，一派生机勃勃——``). Consecutive heading lines form a **heading group**; a group with the paragraphs up to the next group is
  a **unit**.
* In a group, a quoted work's author by era (``唐·殷尧藩``, ``当代·汪曾祺``) and the work's title over it are the
  piece's own lines under its headline (``榴花入眼，白发在头`` / ``端午日`` / ``唐·殷尧藩``), never kicker or headline; a
  line ending in ``——`` or ``：`` is a kicker; a line that opens with ``——`` right after the headline is
  its subtitle; a longer line with commas after the headline is a deck (the article's first words, body text); a
  reading guide (``核心阅读``) is body text (but an editor's note's label alone after an article's text, over the
  note it signs, ``编者按`` / … / ``——编  者``, titles an item of its own), and so is a quoted last line that the paragraph under it opens with (a pull
  quote: ``“后生们的脑瓜里，装着黄河的未来”``). A group of two plain lines is kicker and headline, unless the second is a column's
  label under a longer headline (``头条看点``) or a decree's label under the regulation it enacts (``中华人民共和国国务院令``) or a
  keyword like the next two headings (``两会好声音`` / ``创新驱动``, then ``民生改善``: it heads the first section) or, the first
  short and unpunctuated, a heading like those of the two or more sections of speakers' words in the article it starts
  (``严格司法守公正`` / ``以司法裁判筑牢安全底线`` / ``李正国委员（…）：…``: the first is the headline), says who
  attended or chaired (``栗战书出席并发表讲话``, ``栗战书主持``), what a meeting decided (not under a public body named alone,
  ``国务院安委办``: who acts is a kicker) or from when the news holds (``今起对我国进行国事访问``), or holds a clause break, or the
  first leads with a figure or a count (``800多万返乡农民工就地就近就业``, ``再取消21项…``) or both give one: then headline and
  subtitle (a figure deep in the first line only is a kicker's fact), or the first tells a province's news, or any
  news over a dated report, in one unbroken statement and the second, plain, holds a count further in
  (``广东古树名木保护提升行动不断推进`` / ``已建成古树公园210个``), or the first tells a province's news over a dated report and the second is
  plain, counted or not (``青海推进城乡生活垃圾污水系统治理`` / ``相关治理能力逐步提升``; not a city's or county's news, nor a line naming only
  who acts, ``香港中联办负责人``), or over a dated report the second sets out a policy's measures (``明确…``, ``鼓励…``,
  ``…、…等``) or repeats the first's act, shorter, for another actor (``习近平同…互致贺电`` / ``李强同…互致贺电``). A
  bulleted line longer than a label is a list item, never a heading. A lone line ending in
  ``——`` or ``：`` opens the body (``这正是：``).
* A unit **starts an article** (never heading-shaped lines longer than a label that end the page over no
  text: a box's last lines, nor a heading over nothing but a caption and a credit: a photo's name, ``“春潮”``, or
  a label over a short caption and its credit among a story's pictures, ``上浆``, nor one led by a segment's
  label in brackets: ``【人物】…``, ``【故事】…``) when the page has no article yet, when
  its headline ends in a column tag (``（大使随笔）``) or is a photo-report label or a front page's contents box
  (``导读`` over headlines and their page numbers, ``第八版`` or a range, ``第十、十一版``: the box's body), when it has a dash kicker (not one
  that opens like two or more of the article's lead-ins ending in a dash: ``关于自己——`` / ``关于波折和坚持——``, one
  more part) or subtitle (not when two or more in a row open alike, none with a source of its own:
  ``——关于创新的故事`` / ``——关于信心的故事``, one article's sections), when it is a poem (six or more short lines of
  verse, even printed without punctuation: a run of heading-shaped lines too long for a header, up to a
  column tag or a photo report's label, a few holding a year; a chart's lines mostly hold figures) or its headline is a special page's banner of three spaced groups
  (``浙江义乌  厚植产业根基 积蓄发展动能``, a heading line even with commas), when its body opens with a dateline
  (``本报北京2月20日电``, after its picture's caption and credit) or a byline, or its text opens under a lead photo
  (a paragraph, then a credit: ``本报记者  蒋雨师摄``; not under a box's label, ``【现在】``), when its headline, longer
  than twenty characters, leads with a name its first paragraphs open with (a profile; not when it shares a style with the heading before
  it inside a theory page's series piece (a long tag, ``（深入学习贯彻…思想）``) not yet closed by its author's line: ``深深植根人民：…``, a section) or is a released
  document's title (``中共中央办公厅国务院办公厅关于…的意见``, over its full text), when it opens with a reading guide or an
  editor's note (``——编  者`` among its first three paragraphs: a package never is a section), when the
  paragraph before it closes an article (``（本报基辅2月12日电）``, ``（作者为…）``, ``（摘编自…）``, a photographer's credit,
  an editor line, except a credit before pictures under a keyword: ``冰雪经济`` over its figure and photos, one
  of a feature's set), or when it is a photo story (a few lines ending in a credit, or pictures with their
  credits and one paragraph about them). Dash kickers that are keywords of one length (``科技赋能——`` /
  ``安全至上——``, up to four characters), or short names over headings whose bodies give no source of their own
  and whose headlines carry no column tag (the places a report visits: ``荷兰鹿特丹——`` / ``新加坡——``; speakers
  named by office, of any length: ``生态环境部部长某某——``), over two or more headings in a row (a box between them,
  ``【链  接】``, does not break the row) after an article's headline are that article's sections, not articles
  (a page that opens with such a run is a set of articles under their subjects' names: ``京东集团——``); so are
  three or more in a row, none with a source of its own, whose headlines share a style, however long the
  names (``28岁绣娘陆江磊——`` / ``创新蜡染刺绣，…``).
* A unit is a **section** of the article it follows when it is a box's label and heading (``记者手记``,
  ``延伸阅读``, what those a story helped say: ``感言``, a prologue: ``引  子``, even when it is the page's only
  letter-spaced heading), a new column's opening note alone (``开栏的话``, under its first piece's header), a term its first
  paragraph explains (``三张交通网``, up to eight characters; not a poem's title its first line takes up: ``朝霞与晚霞``), or when its heading is a numbering (``（一）``, ``二``,
  ``一、总体要求``, a law's ``第一章  总  则``, quoted in a decision amending it: ``“第六章  监督管理``), an order's number (``第802号``), a document's annex (``附件：…``, a title under its
  number alone, ``附件2``, or the title it names there: ``反制清单``), the title of a document an earlier headline names
  (``中办国办印发《农村基层干部廉洁履行职责规定》`` over ``农村基层干部廉洁履行职责规定``, the text it releases), a letter-spaced word (``重 视``;
  the page's only section-styled heading, it is an essay's title: ``砚  滴``), a bracketed label (``【点评】``), a
  bulleted line or a quotation's attribution (``——习近平``).
* Any other unit is read by the company it keeps. Section headings come in sets: a lone such unit between two article
  starts is an article (unless its heading shares a style with two or more heading-shaped lines of that article's
  body: long quoted section heads read as leads, or it is long, broken by a comma and unquoted after a report that is
  no comment, unless that dated report has closed with who attended or accompanied, ``何立峰、吴政隆陪同。``, after which
  any heading starts an article: ``推动算力与电力动态匹配，用绿色电力支撑绿色算力``, and not a province's place before a colon: ``浙江嘉兴：…，…``), two or more are the sections of the article they follow, except that:
  headings under keywords of one length (``创新`` / ``信心`` / ``韧性``, over short or long headings; a character apart,
  ``找房子`` / ``退租``, is still one length) are the sections of
  the article whose heading comes right before them (of the article they follow when the keywords end in a dash;
  speakers over their words, ``财政部部长蓝佛安：``, are such keywords, and a kicked headline right over them is theirs), and
  the first heading of another kind after them starts an article; so does the first heading after three or more
  kicker + heading pairs that open the run, the kickers even and the headings even (``用好红色资源`` / ``助推文旅融合``,
  ``围绕科技创新`` / ``加快产业升级``: two-line section heads), and a heading right after that first one with its clause
  break after the same number of words is the next story's (``下渚湖畔，鹮影掠波`` / ``油菜花黄，白羽振翅``; spaced groups alone
  are no such sign); among the others a unit with a kicker over its
  headline starts an article (not one whose short kicker is as long as the two or more section headings before it:
  ``集群效应显现`` after ``产业蓬勃发展`` / ``场景不断拓展`` heads the next section over the long line that sums it up) when such units are one or a minority (when most are, or three or more kickers share a
  style, kicker + heading is the sections' own style, unless the kickers are long and share no style, or two or more
  each tell a province's news, however short: each tells its story's news, or all come after three or more alike
  section headings with no kicker and all but the first of the kickers form no set: the kicker form is the stories'); a heading over three or more that share
  a trait other than a length which it lacks (a clause break after the same number of words, a label, spaced groups,
  quotes), or which it has elsewhere as a province's news (``浙江江山：…  …`` over ``建强组织体系  凝聚…``), is their
  headline, and so is a heading with such a trait that none of three or more short names under it has (a box's title
  over its items: ``世界美食之都  拿手菜`` over ``顺德捞鸡`` / ``澳门盆菜``, up to :data:`_SHORT_HEAD` characters each) (never a line opening with a dash: a quotation's source); and after two or more label-led section
  headings (``保供给：…``), or three or more that share a style other than a length (a clause break (a comma, or a double
  space in its place) after the same number of characters, spaced groups, quotes), the first heading of another kind
  starts an article (after three or more of one length, a heading twice as long; after three or more
  sentence-long ones, twenty characters or more, the first of two headings each half as long as the shortest:
  ``毛乌素沙地的绿色接力``; not when it is the last heading
  under a theory page's series piece and the only one its author's line closes: its last section), and so does the first heading after
  an article whose sections open with lead-ins ending in a dash (``做强“大通道”，重塑开放新优势——``) or with the writer's own
  questions (``体量大了，产业如何活起来？``; a question right over a heading is that heading's own), unless three or more
  headings within a character of one length follow (``让城市留下记忆`` / ``让文化活态传承`` / …: the feature's own set): the
  headings after it are read as the plain units after a new article. Short stories printed one after another under plain headlines, none with a
  sign of its own (a kicker, a subtitle, a column tag, a dateline, a byline), the first a story of two paragraphs or
  more, are articles (short ones; after a short story closed by its source, ``（据新华社电）``, of any length and style,
  unless its headline shares a style with the heading before it: a feature's last section; a photo closed by its
  credit, ``本报记者  张武军摄``, is no such story), not one story's sections,
  unless the first of their headings shares a style with all the others and the first story's headline does not (a set
  of section headings), or only the last closes with an author's line, its data's source or its reporters listed (one
  piece: signed, a profile's ``数据来源：…``, or ``（本报记者亓玉昆、刘军国…）``), or three or more of their headings are within a character of one length (a set). After a note
  (``（编辑手记）``), headings of one style are the reports it is printed with; after a literary page's column
  (``（多味斋）``, ``（遇见）``), short titles over several paragraphs each are other writers' essays. A dated report, a photo report and a comment
  (a short column tag ending in 评, 论, 语, 手记, 随笔, 随感, 杂谈, 论坛, or the theory page's 思想纵横; a note: 手记, 笔记) have no
  section headings: the first such unit
  after one starts an article (a feature printed under the report, or a profile when the last of three or more
  headings after it closes with its data's source, ``数据来源：…``, and not all are label-led; a second lone one is another story; three or more
  short stories whose headlines share no style but a length are stories) and the units after that are its sections (up
  to the first heading that breaks a style three or more of them share; a length one character off does not), unless
  its heading shares a style with all of theirs (a length, a clause break (a comma, or a double space in its place)
  after the same number of characters, a label, spaced groups like ``城乡处处  年味渐浓``, quotes), which makes them all the
  report's sections; after a note, two or more headings after the first that share no style with one another are
  headlines too (the reports it is printed with); a column's essay (a comment, not a note) whose text before its first
  heading is one paragraph goes on under the two or more headings after it, however unlike, unless a box's label
  (``【点评】``) comes among them; the data column's piece (``（读数）``) has no sections unless a reading guide opens it, so
  the first heading after it starts an article. An article states its source once: a unit that closes with a source
  line (``（本报开罗10月23日电）``) after an article that opened with a dateline starts a new article.
* Articles printed as one: a brief column (``速览``, ``微阅读``, ``简讯``, a label naming that kind: ``…扫描``, ``…快讯``,
  ``…新事``) holds the short items after its label, until a unit starts an article by a sign other than a dateline or a
  closing line (which every item has) or changes the items' form (an undated story after dated items, which starts an
  article); a headline directly over a dash kicker and headline is a series title, and the parts that follow under
  dash kickers of their own are its sections; a package whose first part opens under its headline with a keyword
  label over a dash kicker (``最北`` / ``…观测员郭大勇——``) keeps the parts after it that open the same way under a label
  of that length (``最低``, ``最高``), however each part closes; an article whose header ends in a keyword label
  under its first part's heading (``产业“含新量”越来越足`` / ``新场景``) keeps the parts after it whose headers end in that
  label, however each closes, and two or more parts in a row whose headers open with one label word for word
  (``看点`` over ``雪上项目`` / ``如何超越自我``, then ``看点`` over ``冰上项目`` / …) stay in the article before them; under
  an article's unsectioned text, three or more parts each closed by its speaker's line (``——李某代表（…）``), the first
  under one header line more than the next part's, are a package of voices that line titles (``政府工作报告里的KPI``)
  and starts, and so are three or more voices told to a reporter anywhere (named under their headings, no column tag,
  each closed by ``（作者为…，本报记者…采访整理）``; the first under a label, ``心声``), each voice its part; in a round-up, the speakers that follow an article whose header names
  its speaker (``李希代表（广东省委书记）``) are its sections; a letters column (a label of a few characters over a letter's
  headline, ``身边事``) holds the letters signed by their readers (each may carry a kicker of its own: ``河湖长变动``) (under
  the letter or under its headline) that follow it, the label as its title (a column's headline, ``…（金台视线）``, over a
  letter signed by its reader holds the letters signed after it too), and so does a press digest (``纵横``) the items
  excerpted from other papers; a title over reports each headed by a short kicker of one length (``2019春运一线`` /
  ``送医治``, ``搭产房``) is one article, the reports' headers its sections, and so is a column's headline over the first
  report's headline and byline with two or more reports after it, each a headline over a byline; an editor's note
  (``——编者``, or a paragraph led by ``编者按：``) introduces parts that stay in its article (their letter-spaced section
  headings, ``传  承``, too, and a part's plain section headings when another signed part of the first one's
  form follows) (each part's byline and closing line too) while their headers keep the first part's form (a
  place or speaker line over the headline, or none), up to a unit with a sign of its own (a column tag, a dateline, a
  dash kicker unless every part has one, a reading guide), unless it opens a themed page of the literary supplement
  (``大地赞歌·技艺的温度``, whose pieces are articles: on such a page every plain heading over two or more paragraphs,
  not section-styled, starts a writer's piece, up to a column's tagged one), or up to its production credits (``本期统筹：…``, ``版式设计：…``, other
  production lines after them or not), and those
  credits close a package that runs back to the column's headline above them, taking the pieces between that have no
  such sign; and a column's headline keeps two or more parts that follow it, each a kicker (a speaker under a dash, or
  the part's news) over its own headline and a byline (or a speaker's quoted words under a dash), or a headline over
  its speaker's offices and name, or (in a panel that names two or more guests under its headline) a header over the
  guests' words (``王雪坤：…``); a package's title of two spaced phrases set over the first report's headline and byline
  (or over its speaker's offices and name, a forum's speeches, lead-in lines between them aside; or over a lead of a
  paragraph or two) keeps the bylined reports (or speeches) after it (reporters' names alone, or another
  paper's reporter, sign a part too), and a title over pictures only (captions and credits, a photo agency's name alone among them: ``影像中国``, a data
  source) keeps the
  bylined reports after it, kicked or not (``稳就业，企业在行动`` over ``百度构建…——`` / headline / byline); a title over
  a short lead, or carrying the first part's kicker and headline under it, keeps the two or more parts after it, each
  a kicker over a headline with no dateline or column tag, when all their headlines share a style other than a length
  (``智慧养殖，…`` / ``稻鱼共生，…`` / ``因地制宜，…``); a box (``链接``) whose first item is a topic over a headline holds the items after
  it headed the same way, up to a unit with a sign of its own; a feature that opens with a reading guide (``核心阅读``,
  ``看点``) or under a subtitle that opens with a dash (``——…观察``) keeps the two or more parts after it under dash kickers of their own, with no source, byline or column tag
  of their own; an interview (the interviewer's questions in its text, ``记者：…``) keeps the headed parts after it
  whose text opens with the next question, however their headers look; a reporter's questions answered by an
  official (``记者：…`` / ``答：…``) are an interview of their own, so a heading over them after prose, or over prose
  after them, starts an article (an expert's box of ``问：…`` / ``答：…`` stays a feature's section); a heading word for
  word its article's headline is the next document under that title (``…任命名单`` twice), and a list's title after
  such a repeat (``…任免名单``) one more; under a headline of someone's quoted words, a first heading unquoted and
  the next quoted (``中企助力…运营`` / ``“这次展览…”``) are a news story and another interview.

These rules are about the shape of a page, not its words, apart from short lists of newspaper furniture that
every Chinese daily prints (reading guides, brief-column and photo-report labels, photo agencies), the
province names that open a reader's signature, and the few words by which a subtitle reports a meeting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from rag.textgroups import (
    answered_interviews,
    box_items,
    brief_columns,
    bylined_parts,
    column_ends,
    credited_packages,
    echoed_labels,
    edited_packages,
    grouped_reports,
    guided_parts,
    interview_parts,
    labelled_parts,
    letter_columns,
    opening_labels,
    quoted_interviews,
    repeated_titles,
    round_ups,
    series_parts,
    source_twice,
    speaker_parts,
    styled_parts,
    supplement_pieces,
    titled_parts,
    told_packages,
    voiced_packages,
)
from rag.textunits import (
    ANNEX,
    ATTRIBUTION,
    AUTHOR_LINE,
    BANNER,
    COLUMN_TAG,
    CONTENTS,
    DASH_END,
    EDITOR_NOTE,
    ESSAY_TAG,
    GUIDE,
    LABEL_CHARS,
    LABEL_HEAD,
    LABELLED,
    MAX_HEADING,
    MAX_TAGGED,
    NOT_WORD,
    NUMBERED_HEAD,
    NUMBERING,
    PHOTO_LABEL,
    SENTENCE_STOPS,
    SERIES_TAG,
    SET,
    SIGNED_QUOTE,
    SOURCED,
    SPACED,
    SPEAKS,
    STYLES,
    VERSE_CHARS,
    Line,
    Unit,
    all_unlike,
    from_province,
    has_dash_kicker,
    has_guide,
    is_box,
    is_bylined,
    is_closing,
    is_closing_line,
    is_comment,
    is_dated,
    is_heading,
    is_note,
    is_place_news,
    keyword_openers,
    keyword_size,
    kicker_heads,
    names_itself,
    note_item,
    parse_head,
    read_units,
    section_style,
    unlike_rest,
)

__all__ = [
    "BODY", "HEADLINE", "KICKER", "LEAD", "MAX_HEADING", "MAX_TAGGED", "SECTION", "SUBTITLE", "Line",
    "is_closing_line", "page_roles",
]  # fmt: skip


# Roles of a paragraph, as returned by page_roles.
KICKER, HEADLINE, SUBTITLE, SECTION, LEAD, BODY = "kicker", "headline", "subtitle", "section", "lead", "body"
"""The roles of page_roles; a lead is a line shaped like a heading that is body text (a deck, a reading guide,
a lead-in ending in a colon): a whole line, never half of a sentence cut by a column break."""

_NAMED = -1  # the run key of a name kicker (a place a report visits), see _run_key
_NAME_CHARS = 8  # the longest such name (``瑞典斯德哥尔摩``)
_OFFICE_NAME = re.compile(
    r"^[\u4e00-\u9fff]{2,16}(?:部长|局长|署长|主任|行长|院长|书记|主席|会长)[\u4e00-\u9fff]{2,3}$"
)
"""A speaker named by office, then name (``生态环境部部长黄润秋``): a name kicker of any length."""
_CREDIT_END = re.compile(r"摄(?:影)?(?:报道)?(?:[（(][^（）()]{1,12}[）)])?$")
_PHOTO_LINES = 4  # the most lines under a photo story's headline: captions and a credit
_PICTURE_KINDS = ("caption", "credit")
_CAPTION_ONLY = re.compile(r"^[^，,。]{1,20}。$")  # a short caption line (``鹳雀楼外观。``)
_QUESTION_LEAD = re.compile(r"^[^“”「」：:]{4,28}？$")
"""A section led by the writer's own question (no quotes, no speaker's colon): ``体量大了，产业如何活起来？``."""
_DOCUMENT = re.compile(r"《([^》]{4,40})》")
_ISSUED = re.compile(
    r"^[\u4e00-\u9fff、]{2,40}关于[^。，；]{2,80}的(?:意见|通知|决定|决议|规定|办法|方案|指导意见|实施意见|报告|公告|批复)$"
)
"""A released document's title (``中共中央办公厅国务院办公厅关于…的意见``): its full text is an article of its own."""
_SEGMENT = re.compile(r"^【[^】]{1,6}】\S")  # a bracketed segment label with the segment's words after it
_DATA_COLUMN = re.compile(r"[（(·]读数[·）)]")
"""The data column (``（读数）``, ``（读数·年度数据深一度）``): a short reading of one figure, under no section headings
unless a reading guide (``核心阅读``) opens it as a feature; the reports printed under it are articles of their own."""
_OPENING_NOTE = re.compile(r"^(?:开栏的话|开篇的话)$")
_ATTENDED = re.compile(r"^[\u4e00-\u9fff、·]{2,80}(?:陪同|出席|参加)[\u4e00-\u9fff]{0,6}。$")
"""Who attended or accompanied, names and offices only (``何立峰、吴政隆陪同。``, ``…等出席会议。``): the line a wire
report of a meeting or a visit ends with. No comma or space: a sentence that tells more (a dateline's
``本报北京3月1日电  …2000余名青年参加。``) is no such line."""
_PROFILE_SOURCE = re.compile(rf"^{SOURCED}[：:]")
"""A profile's data source closing it (``数据来源：中共…委宣传部``), which a dated report does not carry."""
_REPORTERS = r"^[（(]本报记者[^（）()、]+(?:、[^（）()、]+)+[）)]$"
_SIGN_OFF = re.compile(rf"{AUTHOR_LINE.pattern}|{_PROFILE_SOURCE.pattern}|{_REPORTERS}")
"""How one piece under section headings closes: its author's line, its data's source (a profile's), or the
reporters who wrote it together (``（本报记者亓玉昆、刘军国、洪秋婷…）``)."""
_KEY_SLACK = 1  # how many characters the keywords of one run may differ by (``找房子`` / ``退租``)
_NOTE_LINES = 3  # the most paragraphs of an editor's note, its signature included
_THEORY_TAG = 16  # the shortest tag, brackets included, of a theory page's series (``（深入学习贯彻…思想）``)
_BRACKETED = re.compile(r"^[（(].*[）)]$")  # a note in brackets closing a page's pieces (``（本版…组稿）``)
_TOLD_CHARS = 12  # a kicker longer than this tells a story's news (an article's), not a section's keyword
_CLAUSE_HEADING = 18  # a lone heading this long with a comma in it is a section's, seldom a story's headline
_OUTGROWN = 2  # how many times longer than a set of even headings a heading is when it heads a story instead
_LONG_SECTION = 20  # the shortest of a set of sentence-long section heads, over which a headline half as long is a story's
_SHRUNK = 2  # how many times shorter than such section heads the two headlines after them are when they head stories
_STORY_CHARS = 600  # the most body characters of a short story printed among others with no sign of its own
_SHORT_HEAD = 8  # the longest short headline: over a first section's heading (``严格司法守公正``), an essay's title
_ESSAY_PARAGRAPHS = 4  # the fewest paragraphs of an essay under a literary page's short title
_SUMMED_UP = 20  # the shortest line that sums up a section under its heading (``已有17个省份布局培育…``)
_ADVERT_LABEL = re.compile(r"^(?:公益)?广告$")  # an advert's label, an article of its own wherever it stands
_CLOSING_HEAD = re.compile(r"^(?:结语|结束语)")  # a heading that names itself an article's close
_LONG_LEAD = 12  # the fewest paragraphs under a headline, with no heading among them, that make a whole article


def _section_styles(units: list[Unit], lines: Sequence[Line]) -> list[bool]:
    """:func:`section_style` of every unit, and the annexes and released documents headlines name; except that
    a letter-spaced word heads a section only among
    others (``重  视`` / ``落  实``, ``一``): when it is a page's only section-styled heading, it is a title (an
    essay's, ``砚  滴``)."""
    styles = [section_style(u, lines) for u in units]
    annexes = {
        ANNEX.sub("", lines[i].text).strip() for u in units for i in u.body if ANNEX.match(lines[i].text)
    }
    named: set[str] = set()  # the documents headlines name (``中办国办印发《…规定》``), printed under them
    for n, u in enumerate(units):
        title = lines[u.title].text if u.title is not None else None
        if n and title is not None and (title in annexes or title in named):
            styles[n] = True  # the annex a document names (``附件：反制清单``), printed under that title
        named.update(_DOCUMENT.findall(title or ""))
    for n, u in enumerate(units):
        if n and u.head == [u.title] and _OPENING_NOTE.match(lines[u.head[0]].text):
            styles[n] = True  # a new column's opening note (``开栏的话``) under the first piece's header
    for n, u in enumerate(units):
        if styles[n] and u.title is not None and _spaced_word(lines[u.title]) and _spaced_poem(u, lines):
            styles[n] = False  # a poem under a letter-spaced title (``凝  望``): a poem is never a section
        elif styles[n] and u.title is not None and _titled_poem(u, lines):
            styles[n] = False
    styled = [n for n, u in enumerate(units) if styles[n] and u.title is not None]
    lone = styled[0] if len(styled) == 1 else None
    if lone is not None and _spaced_word(lines[units[lone].title]) and not is_box(units[lone], lines):  # type: ignore[index]
        styles[lone] = False  # a box's spaced label (``引  子``) stays the box's
    return styles


def _titled_poem(u: Unit, lines: Sequence[Line]) -> bool:
    """Verse (:func:`_poem`) whose first line takes up its plain title (``朝霞与晚霞`` / ``朝霞与晚霞哪个更美``): read
    as a term its first paragraph explains, it would be a section, but a poem never is."""
    title = lines[u.title].text  # type: ignore[index]
    opens = bool(u.body) and lines[u.body[0]].text.startswith(title)
    return opens and not (SPACED.match(title) or NUMBERING.match(title)) and _poem(u, lines)


def _spaced_poem(u: Unit, lines: Sequence[Line]) -> bool:
    """Verse under the unit's title (:func:`_poem`), not a contents list whose entries are spaced too
    (``目  录`` over ``序  言`` / ``第一章  总  则``)."""
    spaced = sum("  " in lines[i].text for i in u.body)
    return _poem(u, lines) and 2 * spaced < len(u.body)


def _spaced_word(line: Line) -> bool:
    t = line.text
    return bool(SPACED.match(t)) and not (NUMBERING.match(t) or LABELLED.match(t) or ATTRIBUTION.match(t))


def _strong_start(u: Unit, prev: Unit | None, lines: Sequence[Line]) -> bool:
    """Signs that a unit opens an article (see the module docstring)."""
    if u.title is None:
        return False
    title = lines[u.title].text
    if prev is None or _marked(u, lines):
        return True
    if names_itself(u, lines) or _ISSUED.match(title):
        return True  # a profile's headline; a released document's title, over its full text
    if any(EDITOR_NOTE.match(lines[i].text) for i in u.body[:_NOTE_LINES]):
        return True  # an editor's note (``——编  者``) opens a package, never a section
    if keyword_size(u, lines) and _photo_story(u, lines):
        return False  # pictures under a keyword (``冰雪经济``): read with the keywords' set, as sections are
    if prev.body and is_closing(lines[prev.body[-1]]) and not _pictures_only(prev, lines):
        return True
    return (
        _lead_photo(u, lines) or _photo_story(u, lines) or _poem(u, lines) or bool(BANNER.match(lines[u.title].text))
    )


def _marked(u: Unit, lines: Sequence[Line]) -> bool:
    """Signs of its own that a titled unit opens an article: a column tag, a photo label, a contents box, a dash
    kicker, a series title, a dash subtitle, a reading guide, a dateline or a byline."""
    title = lines[u.title].text  # type: ignore[index]
    if COLUMN_TAG.search(title) or PHOTO_LABEL.match(title) or CONTENTS.match(title):
        return True
    if has_dash_kicker(u, lines) or u.series:
        return True  # a dash kicker, or a title over a first part's kicker and headline (``议事厅`` / ``某代表——``)
    if any(lines[s].text.startswith(("——", "—")) and len(lines[s].text) >= 8 for s in u.subtitles):
        return True
    if any(GUIDE.match(lines[i].text) for i in u.head + u.body[:1]):
        return True
    return is_dated(u, lines) or bool(u.body and lines[u.body[0]].kind == "byline")


def _signed_series(units: list[Unit], lines: Sequence[Line], strong: list[bool]) -> None:
    """A long-form series' article (``（深入学习贯彻…思想）``) runs to the author's line that closes it: the
    headings before that line are its sections, even one whose paragraphs open with its words (a theory
    piece's ``深深植根人民：…``, which reads as a profile's name), unless one carries a sign of its own."""
    for n, u in enumerate(units):
        if not strong[n] or not _series_piece(u, lines, _THEORY_TAG) or _closed_by_author(u, lines):
            continue  # not a series' article, or one its own author's line already closes
        for k in range(n + 1, len(units)):
            if units[k].title is None or _marked(units[k], lines):
                break  # a sign of its own
            if strong[k] and not _named_in_set(units, k, lines):
                break  # a start by the page's run, not by a name its paragraphs repeat
            if _closed_by_author(units[k], lines):
                strong[n + 1 : k + 1] = [False] * (k - n)
                break


def _named_in_set(units: list[Unit], k: int, lines: Sequence[Line]) -> bool:
    """Whether a heading that names itself (:func:`names_itself`) shares a style other than a length with the
    heading before it: one of a set of sections (``矢志追求真理：…`` / ``深深植根人民：…``), not a profile."""
    before = [lines[u.title].text for u in units[k - 1 : k + 1] if u.title is not None]
    return names_itself(units[k], lines) and len(before) == 2 and not unlike_rest(before, STYLES[1:])


def _lead_photo(u: Unit, lines: Sequence[Line]) -> bool:
    """A headline whose text opens under a photo, its caption then its credit (``在位于乌鲁木齐的…`` /
    ``本报记者  蒋雨师摄`` / text): an article's lead photo, which a section's heading is not printed over. A box's
    label (``【现在】``) keeps its photo inside the box."""
    b = u.body
    return len(b) >= 3 and lines[b[1]].kind == "credit" and lines[b[-1]].kind == "body" and not is_box(u, lines)


def _pictures_only(u: Unit, lines: Sequence[Line]) -> bool:
    """A headline over its pictures' captions and credits only, more than a photo story holds: the pictures
    printed at the top of a feature whose text follows under its first section (``城事``)."""
    return len(u.body) > _PHOTO_LINES and all(
        lines[i].kind in _PICTURE_KINDS or _CAPTION_ONLY.match(lines[i].text) or is_closing(lines[i])
        for i in u.body
    )


def _run_key(u: Unit, lines: Sequence[Line]) -> int:
    """What a unit under a dash kicker shares with the sections of its run: a keyword's length, or
    :data:`_NAMED` for a short name over a heading that gives no source of its own (``西班牙桑坦德——`` /
    ``韩国首尔——``: the places a report visits); 0 when it is no such unit."""
    if not has_dash_kicker(u, lines) or COLUMN_TAG.search(lines[u.title].text):  # type: ignore[index]
        return 0  # a headline with a column tag of its own is an article's
    assert u.kicker is not None
    name = NOT_WORD.sub("", lines[u.kicker].text)
    named = len(name) <= _NAME_CHARS or _OFFICE_NAME.match(name)
    if named and not (is_dated(u, lines) or is_bylined(u, lines)):
        return _NAMED
    return keyword_size(u, lines)


def _kicker_key(u: Unit, lines: Sequence[Line]) -> int:
    """What the kickers of a set of sections share: a keyword's length, or :data:`_NAMED` for speakers or
    places under dashes (see :func:`_run_key`) and for speakers over their words (``财政部部长蓝佛安：``); 0 for a
    kicker of no set."""
    if has_dash_kicker(u, lines):
        return _run_key(u, lines)
    kicker = lines[u.kicker].text if u.kicker is not None else ""
    speaker = kicker.endswith("：") and _OFFICE_NAME.match(kicker[:-1]) and not is_dated(u, lines)
    return _NAMED if speaker else keyword_size(u, lines)


def _keyword_runs(units: list[Unit], lines: Sequence[Line]) -> set[int]:
    """Units in runs of two or more consecutive units under dash kickers that are keywords of one length or
    names with no source of their own, after an article's own headline: the sections of that article
    (``科技赋能——`` / ``安全至上——``), not articles (a page that opens with such a run is a set of articles
    under their subjects' names)."""
    out: set[int] = set()
    titled = [n for n, u in enumerate(units) if u.title is not None]
    run: list[int] = []
    for n in [*titled, -1]:
        if n >= 0 and run and is_box(units[n], lines):
            continue  # a box between two sections (``【链  接】``) does not end their run
        size = _run_key(units[n], lines) if n >= 0 else 0
        if run and size == _run_key(units[run[0]], lines):
            run.append(n)
            continue
        if len(run) >= 2 and run[0] != titled[0]:
            out.update(run)
        run = [n] if size else []
    return out | _named_sets(units, titled, lines)


def _named_sets(units: list[Unit], titled: list[int], lines: Sequence[Line]) -> set[int]:
    """Three or more consecutive units under dash kickers, none with a source of its own, whose headlines
    share a style (``28岁绣娘陆江磊——`` / ``创新蜡染刺绣，…``, ``34岁掌墨师杨通敏——`` / ``运用电脑建模，…``): the
    people or places one feature visits, its sections, however long their names."""
    out: set[int] = set()
    run: list[int] = []
    for n in [*titled[1:], -1]:
        u = units[n] if n >= 0 else None
        if u is not None and has_dash_kicker(u, lines) and not (is_dated(u, lines) or is_bylined(u, lines)):
            run.append(n)
            continue
        titles = [lines[units[k].title].text for k in run]  # type: ignore[index]
        if len(run) >= SET and not unlike_rest(titles):
            out.update(run)
        run = []
    return out


def _poem(u: Unit, lines: Sequence[Line]) -> bool:
    """A headline over verse: six or more lines, most of them a short phrase and few someone's words in
    quotes (dialogue is a story's); a poem is never a section."""
    verse = [lines[i].text for i in u.body]
    if len(verse) < 6 or sum(t.startswith(("“", "‘", "「")) for t in verse) > 0.2 * len(verse):
        return False
    short = sum(len(t) <= VERSE_CHARS for t in verse)
    run_on = sum(not t.endswith(SENTENCE_STOPS) for t in verse)  # verse runs on, sentences stop
    return short >= 0.8 * len(verse) and run_on >= 0.5 * len(verse)


def _free_verse(u: Unit, lines: Sequence[Line]) -> bool:
    """A poem (:func:`_poem`) of lines that mostly run on with no stop at all, not even a comma: modern verse.
    A classical quatrain's lines or a list's items (``不私自下水游泳；``) stop, and a picture's caption and credit
    lines are no verse."""
    free = sum(not lines[i].text.endswith((*SENTENCE_STOPS, "，", "；", "：")) for i in u.body)
    return _poem(u, lines) and all(lines[i].kind == "body" for i in u.body) and 2 * free >= len(u.body)


def _photo_story(u: Unit, lines: Sequence[Line]) -> bool:
    """A headline over a caption or two and a photographer's credit (``以上图片均为…摄``), or over pictures, each
    a caption and a credit, and a paragraph that tells what they show together (``从头抓紧 只争朝夕``)."""
    if 0 < len(u.body) <= _PHOTO_LINES and _CREDIT_END.search(lines[u.body[-1]].text):
        return True
    if 2 < len(u.body) <= _PHOTO_LINES + 1 and _CREDIT_END.search(lines[u.body[-2]].text):
        return True
    credits = sum(bool(_CREDIT_END.search(lines[i].text)) for i in u.body)
    return credits >= 2 and len(u.body) <= 2 * credits + 1


def page_roles(lines: Sequence[Line]) -> list[str]:
    """The role of every paragraph of a plain-text page: kicker, headline, subtitle, section, lead or body."""
    units = read_units(lines)
    for n, u in enumerate(units):
        parse_head(u, lines)
        if n:
            note_item(u, lines)  # the page's first paragraphs are its first item however titled
    keyword_openers(units, lines)
    starts = _decide(units, lines)
    _section_openers(units, lines, starts)
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
    return [LEAD if r == BODY and is_heading(line) else r for r, line in zip(roles, lines, strict=True)]


def _section_openers(units: list[Unit], lines: Sequence[Line], starts: list[bool]) -> None:
    """A short plain line over a heading, where two or more sections of speakers' words follow under headings
    of the heading's kind (``严格司法守公正`` / ``以司法裁判筑牢安全底线`` / ``李正国委员（…）：…`` … ``让法治成为安心发展的
    “定心丸”``): the short line is the headline and the heading the first section's, as the voices a page gathers
    sit under one title. A column's kicker over a feature (``新春走基层``) keeps its place: its sections are no
    speakers' words."""
    begun = [n for n, s in enumerate(starts) if s] + [len(units)]
    for n, end in pairwise(begun):
        u = units[n]
        if u.kicker is None or u.title is None or u.subtitles:
            continue
        kicker, title = lines[u.kicker].text, lines[u.title].text
        if NOT_WORD.search(kicker) or not len(kicker) <= _SHORT_HEAD < len(NOT_WORD.sub("", title)):
            continue
        parts = [v for v in units[n + 1 : end] if v.title is not None and v.kicker is None]
        sizes = [len(NOT_WORD.sub("", t)) for t in [title, *(lines[v.title].text for v in parts)]]  # type: ignore[index]
        spoken = all(_spoken(v, lines) for v in [u, *parts])
        if len(parts) >= SET - 1 and spoken and min(sizes) > _SHORT_HEAD and max(sizes) <= 2 * min(sizes):
            kicker_heads(u)


def _spoken(u: Unit, lines: Sequence[Line]) -> bool:
    """Whether a unit's text gives speakers' words: a deputy's lead (``某某代表（…）：…``) or a quote's source
    line (``——某某代表（…）``)."""
    return any(SPEAKS.match(lines[i].text) or SIGNED_QUOTE.match(lines[i].text) for i in u.body)


def _decide(units: list[Unit], lines: Sequence[Line]) -> list[bool]:
    """For each unit, whether it starts an article."""
    keyword = _keyword_runs(units, lines)
    sectional = _section_styles(units, lines)
    strong = [
        n not in keyword and not sectional[n] and _strong_start(u, units[n - 1] if n else None, lines)
        for n, u in enumerate(units)
    ]
    column_ends(units, lines, strong)
    _signed_series(units, lines, strong)
    _lead_in_sets(units, lines, strong)
    _subtitle_sets(units, lines, strong)
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
    if len(units) > 1 and (_trailing(units[-1], lines) or _sponsor(units[-2], units[-1], lines)):
        starts[-1] = False  # heading lines ending the page over no text: the last article's (a box's lines)
    for n in range(1, len(units)):
        pictured = _photo_name(units[n], lines) or (_photo_label(units[n], lines) and _photo_name(units[n - 1], lines))
        starts[n] = starts[n] and not (pictured or _segment(units[n], lines))
    source_twice(units, lines, starts)
    brief_columns(units, lines, starts, strong)
    series_parts(units, lines, starts)
    labelled_parts(units, lines, starts)
    echoed_labels(units, lines, starts)
    opening_labels(units, lines, starts)
    supplement_pieces(units, lines, starts)
    voiced_packages(units, lines, starts)
    told_packages(units, lines, starts)
    round_ups(units, lines, starts)
    letter_columns(units, lines, starts)
    grouped_reports(units, lines, starts)
    bylined_parts(units, lines, starts)
    speaker_parts(units, lines, starts)
    titled_parts(units, lines, starts)
    styled_parts(units, lines, starts)
    edited_packages(units, lines, starts)
    credited_packages(units, lines, starts)
    box_items(units, lines, starts)
    guided_parts(units, lines, starts)
    answered_interviews(units, lines, starts)
    quoted_interviews(units, lines, starts)
    repeated_titles(units, lines, starts)
    interview_parts(units, lines, starts)
    return starts


def _lead_in_sets(units: list[Unit], lines: Sequence[Line], strong: list[bool]) -> None:
    """A dash kicker that opens like two or more of the article's lead-ins ending in a dash (``关于中国球员——``
    / ``关于自己——`` / ``关于波折和坚持——``) is one more of its parts, not a new article's kicker."""
    first = 0
    for n, u in enumerate(units):
        if strong[n] and _joins_lead_ins(u, units[first:n], lines):
            strong[n] = False
        elif strong[n]:
            first = n


def _subtitle_sets(units: list[Unit], lines: Sequence[Line], strong: list[bool]) -> None:
    """Two or more units in a row whose dash subtitles open alike (``老企业与新科技`` / ``——关于创新的故事``,
    ``眼睛向内与眼睛向外`` / ``——关于信心的故事``), none with a source of its own: one article's sections."""
    titled = [n for n, u in enumerate(units) if u.title is not None]
    run: list[int] = []
    for n in [*titled, -1]:
        key = _dash_opening(units[n], lines) if n >= 0 else None
        if run and key is not None and key == _dash_opening(units[run[0]], lines):
            run.append(n)
            continue
        if len(run) >= 2:
            for k in run:
                strong[k] = False
        run = [n] if key is not None else []


def _dash_opening(u: Unit, lines: Sequence[Line]) -> str | None:
    """The first two words of a unit's dash subtitle, when it has one and no source of its own."""
    dashed = [lines[s].text.lstrip("—―") for s in u.subtitles if lines[s].text.startswith(("——", "—"))]
    if not dashed or u.kicker is not None or is_dated(u, lines) or is_bylined(u, lines):
        return None
    return dashed[0][:2]


def _joins_lead_ins(u: Unit, article: Sequence[Unit], lines: Sequence[Line]) -> bool:
    """Whether the unit's dash kicker opens with the two characters of two or more of the article's lead-ins
    ending in a dash (the units with no headline under them)."""
    if not has_dash_kicker(u, lines):
        return False
    opening = lines[u.kicker].text[:2]  # type: ignore[index]
    leads = [lines[a.head[0]].text for a in article if a.title is None and len(a.head) == 1]
    return sum(DASH_END.search(t) is not None and t.startswith(opening) for t in leads) >= 2


def _trailing(u: Unit, lines: Sequence[Line]) -> bool:
    """Heading-shaped lines that end the page with no text under them and are longer than a label (an
    advert's ``广告`` is an article of its own): the last lines of a box, not a headline."""
    if u.body or u.decks or u.title is None:
        return False
    return len(NOT_WORD.sub("", lines[u.title].text)) > LABEL_CHARS


def _sponsor(before: Unit, u: Unit, lines: Sequence[Line]) -> bool:
    """A short name ending the page right under a data source line (``数据来源：中共…县委宣传部`` over ``中国银行``): the
    sponsor a profile is printed with, not an advert of its own, however short. An advert's label (``广告``) stays
    the advert's."""
    if u.body or u.decks or u.title is None or not before.body or _ADVERT_LABEL.match(lines[u.title].text):
        return False
    return bool(_PROFILE_SOURCE.match(lines[before.body[-1]].text))


def _photo_name(u: Unit, lines: Sequence[Line]) -> bool:
    """A heading over nothing but a caption and a credit (``“春潮”`` over ``图为…新品种。`` / ``资料图片``), or a
    picture's label (:func:`_photo_label`), names the photo it is printed with, inside an article; a photo report's
    own label (``图片报道``) starts one."""
    if u.title is None or not u.body or PHOTO_LABEL.match(lines[u.title].text):
        return False
    return all(lines[i].kind in _PICTURE_KINDS for i in u.body) or (len(u.body) == 2 and _photo_label(u, lines))


def _photo_label(u: Unit, lines: Sequence[Line]) -> bool:
    """A label over one short sentence and its credit (``上浆`` / ``宋志学在上浆。`` / ``本报通讯员周亮摄``): a
    picture's name among a story's pictures (a craft's steps), whatever text runs on under the last of them."""
    b, title = u.body, lines[u.title].text if u.title is not None else ""
    label = bool(title) and len(NOT_WORD.sub("", title)) <= LABEL_CHARS and not PHOTO_LABEL.match(title)
    return label and len(b) >= 2 and bool(_CAPTION_ONLY.match(lines[b[0]].text)) and lines[b[1]].kind == "credit"


def _segment(u: Unit, lines: Sequence[Line]) -> bool:
    """A heading led by a segment's label in brackets (``【人物】“无手”创业青年彭军``, ``【故事】…``): a part of its
    column's piece, never a headline."""
    return u.title is not None and bool(_SEGMENT.match(lines[u.title].text))


def _plain_starts(units: list[Unit], n: int, plain: list[int], lines: Sequence[Line]) -> list[int]:
    """Which of the plain units after the article start ``n`` (up to the next sure start) start articles."""
    plain = [k for k in plain if not _joins_lead_ins(units[k], units[n:k], lines)]  # parts, however kicked
    titles = [lines[units[k].title].text for k in plain]  # type: ignore[index]
    if plain and _free_verse(units[n], lines) and not _poem(units[plain[0]], lines):
        return [plain[0], *_plain_starts(units, plain[0], plain[1:], lines)]  # a poem has no sections in prose
    if is_note(units[n], lines) and len(titles) >= 2 and not unlike_rest(titles) and not _kicked_over(units, plain):
        return plain  # a note has no sections: headings of one style after it are the reports it is with
    if _opened(units, n, plain, lines):
        return []  # a column's essay that opens with a paragraph and goes on under its section headings
    if plain and _DATA_COLUMN.search(lines[units[n].title].text) and not has_guide(units[n], lines):  # type: ignore[index]
        return [plain[0], *_plain_starts(units, plain[0], plain[1:], lines)]  # a data column's piece: no sections
    head = units[n].title
    if len(plain) >= SET and is_dated(units[n], lines) and _profile_after(units, plain, lines):
        return plain[:1]  # a profile printed under a dated report: its headline, then its sections
    photo = head is not None and bool(PHOTO_LABEL.match(lines[head].text))
    if plain and ESSAY_TAG.search(lines[units[n].title].text) and _essays(units, plain, lines):  # type: ignore[index]
        return plain  # a literary column's essay, then other writers' essays under short titles
    if (is_dated(units[n], lines) or is_comment(units[n], lines) or photo) and unlike_rest(titles):
        if is_note(units[n], lines) and len(titles) >= 3 and all_unlike(titles[1:]):
            return plain  # the reports a note is printed with: headings that form no set are headlines
        if len(plain) == 2 and not _echoes_leads(titles[1], units[plain[0] :], lines):
            return plain  # a lone heading after the feature is another story, unless it is one of its leads
        if len(plain) >= 3 and all_unlike(titles, STYLES[1:]) and _stories(units, plain[0], plain[1:], lines):
            return plain  # short stories printed one after another after the report, not a feature
        return plain[:1] + _set_break(units, plain[1:], lines)  # a feature after a report or a comment
    if len(plain) >= SET and plain[0] == n + 1 and unlike_rest(titles[:SET]) and _long_lead(units[n], lines):
        # the article ran on to its end: three or more headings that form no set from the first (``爱国精神  薪火相传``
        # / ``因地制宜发展具身智能产业`` / ``铿锵步伐  献礼祖国``) head the next stories
        return [plain[0], *_plain_starts(units, plain[0], plain[1:], lines)]
    if plain and is_dated(units[n], lines) and _attended(units[plain[0] - 1], lines):
        return [plain[0], *_plain_starts(units, plain[0], plain[1:], lines)]  # the report has closed
    if len(plain) == 1 and _echoes_leads(titles[0], units[n:], lines):
        return []
    numbered = bool(plain) and _numbered(units[n + 1 : plain[0]], units[plain[0]], lines)
    if len(plain) == 1 and _signed_off(units[n], units[plain[0]], lines) and not numbered:
        return []  # the author's line under it closes the column's article it is a section of
    if len(plain) >= 2 and _stories(units, n, plain, lines):
        return plain  # short stories with no sign of their own, printed one after another, in no set
    if plain and _led_in(units[n : plain[0]], lines) >= 2 and not _even(titles[:SET]):
        # the article's sections open with lead-ins: a heading is another article's
        return [plain[0], *_plain_starts(units, plain[0], plain[1:], lines)]
    if len(plain) == 1 and _clause_heading(titles[0]) and not is_comment(units[n], lines):
        return []  # a lone long heading with a clause break, after a report (not a comment): its section
    starts = _run_starts(units, plain, lines, has_guide(units[n], lines))
    if (
        plain
        and starts == plain[-1:]
        and _series_piece(units[n], lines, _THEORY_TAG)
        and _closed_by_author(units[plain[-1]], lines)
        and not any(_closed_by_author(units[k], lines) for k in [n, *plain[:-1]])
        and not numbered
    ):
        return []  # the heading that breaks their set is the last section: the author's line under it closes all
    return starts


def _long_lead(u: Unit, lines: Sequence[Line]) -> bool:
    """Whether an article runs :data:`_LONG_LEAD` paragraphs or more under its headline before any heading. A
    feature opens its sections after a short lead, so after that much text the headings are the next stories'."""
    return sum(lines[i].kind == "body" and not is_closing(lines[i]) for i in u.body) >= _LONG_LEAD


def _attended(u: Unit, lines: Sequence[Line]) -> bool:
    """Whether a unit ends with who attended or accompanied (:data:`_ATTENDED`): a dated report ends there, so
    the heading after it is another article's, however much it reads like a section's."""
    return bool(u.body) and bool(_ATTENDED.match(lines[u.body[-1]].text))


def _essays(units: list[Unit], plain: list[int], lines: Sequence[Line]) -> bool:
    """Whether each plain heading is over an essay of its own: a short title (:data:`_SHORT_HEAD` characters at
    most) over several paragraphs, as a literary page's essays are titled (``小城书事``, ``山野之气``)."""
    return all(
        len(lines[units[k].title].text) <= _SHORT_HEAD and len(units[k].body) >= _ESSAY_PARAGRAPHS  # type: ignore[index]
        for k in plain
    )


def _profile_after(units: list[Unit], plain: list[int], lines: Sequence[Line]) -> bool:
    """Whether the headings after a dated report end with its data's source (``数据来源：中共…委宣传部``): a
    profile's sign-off, which a dated report does not carry, so they are a profile of their own. Not when all
    are label-led (``聚链成势：…``): sections whose headline is not a heading of its own."""
    last = units[plain[-1]]
    if not (last.body and _PROFILE_SOURCE.match(lines[last.body[-1]].text)):
        return False
    return not all(LABEL_HEAD.match(lines[units[k].title].text) for k in plain)  # type: ignore[index]


def _clause_heading(title: str) -> bool:
    """A long heading broken by a comma, not quoted (``推动算力与电力动态匹配，用绿色电力支撑绿色算力``): a section's
    shape; stories' headlines seldom take it unless they quote someone (``“修飞机”的高职女生，…``)."""
    if title.startswith("“") or STYLES[2](title) == "place":
        return False  # quoting someone, or a place's news under its name (``浙江嘉兴：深化…，争创…``)
    return "，" in title and len(NOT_WORD.sub("", title)) >= _CLAUSE_HEADING


def _opened(units: list[Unit], n: int, plain: list[int], lines: Sequence[Line]) -> bool:
    """Whether a column's piece at ``n`` only opens above the plain headings after it: its text before them
    is one paragraph, and two or more headings follow, none a box's label (``【点评】``, which follows a
    story the comment then reads)."""
    u = units[n]
    text = [i for i in u.decks + u.body if lines[i].kind == "body" and not is_closing(lines[i])]
    boxed = any(is_box(v, lines) for v in units[n + 1 : plain[-1] + 1]) if plain else False
    return len(plain) >= 2 and is_comment(u, lines) and not is_note(u, lines) and len(text) == 1 and not boxed


def _stories(units: list[Unit], n: int, plain: list[int], lines: Sequence[Line]) -> bool:
    """Whether the unit ``n`` and the plain units after it are short stories printed one after another (see
    the module docstring), not one story's sections."""
    titles = [lines[units[k].title].text for k in plain]  # type: ignore[index]
    peers = unlike_rest(titles) or not unlike_rest([lines[units[n].title].text, *titles])  # type: ignore[index]
    banner = bool(BANNER.match(lines[units[n].title].text))  # type: ignore[index]  # a special's, over sections
    told = len([i for i in units[n].body if not is_closing(lines[i])]) >= 2  # a story, not a feature's lead
    run = _after_story(units, n, lines)  # among closed short stories: more of them, of any length or style
    return (
        (run or (peers and not _even(titles)))
        and told
        and not banner
        and all(_bare_story(units[k], lines, None if run else _STORY_CHARS) for k in [n, *plain])
        and not _signed_at_end(units, [n, *plain], lines)
    )


def _kicked_over(units: list[Unit], plain: list[int]) -> bool:
    """Whether only the first of the headings has a kicker (``新疆自贸试验区挂牌两年来，…`` over ``产业集聚，…``): a
    headline over its sections, alike as they are, not the first of reports printed together."""
    return units[plain[0]].kicker is not None and all(units[k].kicker is None for k in plain[1:])


def _numbered(sections: Sequence[Unit], heading: Unit, lines: Sequence[Line]) -> bool:
    """Whether an article's sections so far are headed by numbers (``一、…`` / ``二、…``): a heading without a number
    after them is no further section of it, unless it names itself the close (``结语：…``)."""
    if heading.title is not None and _CLOSING_HEAD.match(lines[heading.title].text):
        return False
    numbered = [u.title is not None and bool(NUMBERED_HEAD.match(lines[u.title].text)) for u in sections]
    return len(numbered) >= 2 and all(numbered)


def _signed_off(article: Unit, u: Unit, lines: Sequence[Line]) -> bool:
    """Whether a heading under a long-form series' article (:func:`_series_piece`), which has not closed, ends
    with an author's line (``（作者为…）``): the author's line closes the whole article, so the heading is its
    section. A short column's piece (``（思想纵横）``) has no sections."""
    return _series_piece(article, lines) and _closed_by_author(u, lines)


def _series_piece(u: Unit, lines: Sequence[Line], shortest: int = SERIES_TAG) -> bool:
    """An article of a long-form series, by a column tag of ``shortest`` characters or more, and no dated report.
    The newer series rules ask for a theory page's tag (:data:`_THEORY_TAG`, ``（深入学习贯彻…思想）``): a service
    column's compound tag (``（健身视野·服务站）``) passes the shorter length, and its signed box after its sections
    is an article of its own."""
    tag = COLUMN_TAG.search(lines[u.title].text) if u.title is not None else None
    return tag is not None and len(tag.group()) >= shortest and not is_dated(u, lines)


def _closed_by_author(u: Unit, lines: Sequence[Line]) -> bool:
    """Whether an author's line is among the closing lines a unit ends with (a note on the page's pieces,
    ``（本版双头条文章由…）``, may follow it)."""
    for i in reversed(u.body):
        if AUTHOR_LINE.match(lines[i].text):
            return True
        if not (is_closing(lines[i]) or _BRACKETED.match(lines[i].text)):
            return False
    return False


def _after_story(units: list[Unit], n: int, lines: Sequence[Line]) -> bool:
    """Whether the unit before ``n`` is a short bare story closed by its source (``（据新华社电）``): the page
    is printing stories one after another, so the headings that follow are more of them, however long and
    whatever style their headlines share (a column's stories are often headlined alike: ``短视频培训，…`` /
    ``不只凭经验，…``). Not when that story's headline shares a style with the heading before it: then it is
    the last of a feature's sections (``心系群众，…`` after ``刻苦训练，…``), and the line closes the feature; nor
    when the line is a photo's credit."""
    prev = units[n - 1] if n else None
    if prev is None or not prev.body or not _bare_story(prev, lines) or not is_closing(lines[prev.body[-1]]):
        return False
    if _CREDIT_END.search(lines[prev.body[-1]].text):
        return False  # a photo closed by its credit (``本报记者  张武军摄``), not a story: a feature may follow it
    before = units[n - 2].title if n >= 2 else None
    return before is None or unlike_rest([lines[prev.title].text, lines[before].text])  # type: ignore[index]


def _bare_story(u: Unit, lines: Sequence[Line], cap: int | None = _STORY_CHARS) -> bool:
    """A short story under a single plain headline: no kicker, subtitle, column tag, dateline, byline or
    guide, and a body of at most ``cap`` characters (any, for ``None``)."""
    if u.title is None or u.kicker is not None or u.subtitles or COLUMN_TAG.search(lines[u.title].text):
        return False
    if is_dated(u, lines) or is_bylined(u, lines) or has_guide(u, lines):
        return False
    return cap is None or sum(len(lines[i].text) for i in u.decks + u.body) <= cap


def _even(titles: Sequence[str]) -> bool:
    """Three or more headings within a character of one length (``建设高品质健康生活承载地`` / ``构筑康复产教融合
    创新高地`` / ``打造国际康养旅居目的地``): a set of section headings, as stories' headlines rarely are."""
    sizes = [len(NOT_WORD.sub("", t)) for t in titles]
    return len(sizes) >= SET and max(sizes) - min(sizes) <= 1


def _signed_at_end(units: list[Unit], run: list[int], lines: Sequence[Line]) -> bool:
    """Whether only the last of a run of units closes with an author's line (``（作者为水利部部长）``) or its
    data's source (``数据来源：中共泰州市委宣传部``, a profile's): one piece under section headings, not stories
    printed one after another."""
    signed = [bool(units[k].body) and bool(_SIGN_OFF.match(lines[units[k].body[-1]].text)) for k in run]
    return signed[-1] and not any(signed[:-1])


def _led_in(article: Sequence[Unit], lines: Sequence[Line]) -> int:
    """How many sections of an article open with a lead-in line ending in a dash (``做强“大通道”，重塑开放新
    优势——``) or with a question of the writer's own (``体量大了，产业如何活起来？``) rather than under a
    heading."""
    dashed = sum(
        u.title is None and len(u.head) == 1 and bool(DASH_END.search(lines[u.head[0]].text)) for u in article
    )
    asked = sum(_QUESTION_LEAD.match(lines[i].text) is not None for u in article for i in u.body[:-1])
    return dashed + asked  # a question right over the next heading is that section's own (``树要怎么砍？``)


def _set_break(
    units: list[Unit],
    plain: list[int],
    lines: Sequence[Line],
    styles: Sequence[Callable[[str], object]] = STYLES,
) -> list[int]:
    """A feature's section headings: after three or more that share a style of :data:`STYLES`
    (``从烟火气看市场活力`` / ``从科技味看市场热情`` / ``从好政策看市场潜力``), the first heading without it starts
    an article, and the units after it are read as a run of their own."""
    titles = [lines[units[k].title].text for k in plain]  # type: ignore[index]
    for j in range(SET, len(plain)):
        for style in styles:
            v = style(titles[0])
            if v is not None and all(style(t) == v for t in titles[1:j]) and _breaks(style, v, titles[j]):
                return [
                    plain[j],
                    *_run_starts(units, plain[j + 1 :], lines, has_guide(units[plain[j]], lines)),
                ]
    return []


def _breaks(style: Callable[[str], object], value: object, title: str) -> bool:
    """Whether a heading breaks a set's style: it lacks the set's trait, or, for the length, is more than a
    character off it (a set's headings may differ by one, as in :func:`_even`)."""
    own = style(title)
    if style is STYLES[0] and isinstance(own, int) and isinstance(value, int):
        return abs(own - value) > 1
    return own != value


def _heads_a_set(titles: Sequence[str]) -> bool:
    """Whether the first heading lacks a trait other than a length that all the three or more after it share (a
    clause break after the same number of words, a label, spaced groups, quotes), or is a province's news that
    has that trait otherwise (``浙江江山：赛城融合激活动能  县域发展形成特色`` over ``建强组织体系  凝聚…``: its break
    falls elsewhere): the set is one article's sections and the first the headline over them, as section headings
    come alike from the first. So is a first heading with a trait other than a length (a label, spaced groups,
    quotes) over short names that have none (``世界美食之都  拿手菜`` over ``顺德捞鸡`` / ``澳门盆菜`` / ``扬州全家福``): a box's title
    over its items, as an article's sections are not all bare names under a spaced first one. A line that opens with a dash (``——《木棉花歌》清·陈恭尹``) names a quotation's
    source, never a headline."""
    if len(titles) < SET + 1 or titles[0].startswith("——"):
        return False
    first = titles[0]
    if all(len(NOT_WORD.sub("", t)) <= _SHORT_HEAD for t in titles[1:]) and any(
        style(first) is not None and all(style(t) is None for t in titles[1:]) for style in STYLES[2:]
    ):
        return True  # a box's spaced title over its items' short names (``世界美食之都  拿手菜`` / ``顺德捞鸡``)
    for style in STYLES[1:]:
        v = style(titles[1])
        if v is None or any(style(t) != v for t in titles[2:]):
            continue
        own = style(first)
        if own is None or (own != v and from_province(first)):
            return True
    return False


def _echoes_leads(title: str, article: Sequence[Unit], lines: Sequence[Line]) -> bool:
    """Whether a heading shares a style with two or more heading-shaped lines of the article's body, before
    or after it (long quoted section heads read as leads): then it is one more of them."""
    leads = [lines[i].text for u in article for i in u.body if is_heading(lines[i])]
    return len(leads) >= 2 and not unlike_rest([title, *leads])


def _run_starts(units: list[Unit], plain: list[int], lines: Sequence[Line], guided: bool) -> list[int]:
    """Which of the plain units between two article starts start articles (see the module docstring)."""
    if len(plain) == 1:
        return [] if guided else plain
    kicked = [k for k in plain if units[k].kicker is not None]
    i = plain.index(kicked[0]) if kicked else 0
    right_over = kicked and i + 1 < len(plain) and plain[i + 1] == plain[i] + 1
    if right_over and not _kicker_key(units[plain[i]], lines) and _kicker_key(units[plain[i + 1]], lines):
        i += 1  # a kicked headline right over its set's run: the run starts under it
    size, j = (_kicker_key(units[plain[i]], lines) if kicked else 0), i
    while j < len(plain) and size and _same_key(_kicker_key(units[plain[j]], lines), size):
        j += 1
    if j - i >= 2:
        dashed = has_dash_kicker(units[plain[i]], lines)  # dash keywords follow their article's own headline
        before = (
            [*_run_starts(units, plain[: i - 1], lines, guided), plain[i - 1]] if i and not dashed else []
        )
        return before + _after_set(units, plain[j:], lines)  # after the keyword sections
    paired = _paired_heads(units, plain, lines)
    if paired:
        return _after_set(units, plain[paired:], lines)  # after the two-line section heads
    told = _told(units, kicked, lines) or _kicked_after_set(units, plain, kicked, lines)
    if (
        not kicked
        or not (len(kicked) == 1 or 2 * len(kicked) < len(plain) or told)
        or _kicker_set(units, kicked, lines)
    ):
        return _style_break(units, plain, lines)
    out: list[int] = []  # kickers over headlines among (mostly) single-line section headings
    for a, k in enumerate(kicked):
        end = kicked[a + 1] if a + 1 < len(kicked) else len(units)
        since = kicked[a - 1] if a else -1
        own = [] if _kicker_in_set(units, [j for j in plain if since < j], k, lines) else [k]
        out += [*own, *_style_break(units, [j for j in plain if k < j < end], lines)]
    return out


def _after_set(units: list[Unit], rest: list[int], lines: Sequence[Line]) -> list[int]:
    """After a set of sections, the first heading of another kind starts an article and the units after it
    are read as a run of their own. A heading right after it with its clause break (a comma, or the double space
    set in its place) after the same number of words (``下渚湖畔，鹮影掠波`` / ``油菜花黄，白羽振翅``, ``璀璨非遗  流光溢彩``
    / ``工艺精美  灯中看戏``) is the next story's: the page goes on with stories headlined alike. Spaced groups that
    break elsewhere are no such sign (``某市  一座“有戏”的城市`` over ``精神为核  坚韧拼搏…``): a spaced headline's sections
    are often spaced too."""
    if len(rest) >= 2 and not unlike_rest([lines[units[k].title].text for k in rest[:2]], STYLES[1:2]):  # type: ignore[index]
        return [rest[0], *_after_set(units, rest[1:], lines)]
    return rest[:1] + _run_starts(units, rest[1:], lines, False) if rest else []


def _kicker_in_set(units: list[Unit], plain: list[int], k: int, lines: Sequence[Line]) -> bool:
    """Whether the kicker of unit ``k`` is as long as the two or more plain section headings before it (since
    the last kicked unit) and the line under it is a long one (``产业蓬勃发展`` / ``场景不断拓展``, then ``集群效应显现``
    over ``已有17个省份布局培育26个…``, :data:`_SUMMED_UP` characters or more): the next section's heading over a line
    that sums it up, not a story's kicker over its headline. A kicker long enough to tell a story's news
    (:data:`_TOLD_CHARS`) stays one, and so does a kicker over a headline of a story's length (``新春走基层`` /
    ``山村小学的冬日课堂``)."""
    kicker, title = lines[units[k].kicker].text, lines[units[k].title].text  # type: ignore[index]
    before = [lines[units[j].title].text for j in plain if j < k and units[j].kicker is None]  # type: ignore[index]
    short = len(NOT_WORD.sub("", kicker)) <= _TOLD_CHARS and len(NOT_WORD.sub("", title)) >= _SUMMED_UP
    return len(before) >= SET - 1 and short and _even([*before, kicker])


def _paired_heads(units: list[Unit], plain: list[int], lines: Sequence[Line]) -> int:
    """How many of the plain units open their run as a set of two-line section heads: three or more in a row,
    each a kicker over a heading, the kickers even and the headings even (``用好红色资源`` / ``助推文旅融合``,
    ``围绕科技创新`` / ``加快产业升级``, ``深化区域合作`` / ``促进协同发展``): one article's sections, as stories' kickers
    and headlines are seldom all of one length."""
    j = 0
    while j < len(plain) and units[plain[j]].kicker is not None:
        j += 1
    kickers = [lines[units[k].kicker].text for k in plain[:j]]  # type: ignore[index]
    titles = [lines[units[k].title].text for k in plain[:j]]  # type: ignore[index]
    while j >= SET and not (_even(kickers[:j]) and _even(titles[:j])):
        j -= 1
    return j if j >= SET else 0


def _same_key(key: int, size: int) -> bool:
    """Whether a kicker's key (see :func:`_kicker_key`) goes on a run of ``size``: keywords may differ by a
    character (``找房子`` / ``签合同`` / ``退租``), as a set's headings may (:func:`_even`); names match only names."""
    return key == size or (key > 0 and size > 0 and abs(key - size) <= _KEY_SLACK)


def _kicked_after_set(units: list[Unit], plain: list[int], kicked: list[int], lines: Sequence[Line]) -> bool:
    """Whether the kicked headlines all come after three or more section headings that share a style and
    carry no kicker (``汇聚向“善”力量`` / ``激发向“新”动能`` / ``奋力向“上”攀登``, then ``合肥构筑城市生命线安全工程`` /
    ``助力智能社会发展与治理``): the feature's sections end where the kicker form begins, and each kicked
    headline is a story's, unless all but the first of the kickers form a set (that headline's sections)."""
    tail = len(plain) - len(kicked)
    if kicked != plain[tail:] or tail < SET or _kicker_set(units, kicked[1:], lines):
        return False
    return not unlike_rest([lines[units[k].title].text for k in plain[:tail]])  # type: ignore[index]


def _kicker_set(units: list[Unit], kicked: list[int], lines: Sequence[Line]) -> bool:
    """Whether three or more kickers share a style (``搭平台、建舞台`` / ``出新招、亮实招`` / ``办实事、求实效``):
    the kicker + heading form of one article's sections, however few of the headings carry one."""
    texts = [lines[units[k].kicker].text for k in kicked]  # type: ignore[index]
    return len(texts) >= SET and not unlike_rest(texts)


def _told(units: list[Unit], kicked: list[int], lines: Sequence[Line]) -> bool:
    """Whether the kickers over these headlines tell each story's news (long, and in no style all share, as
    ``广东打造一流仲裁机构、探索仲裁推荐标准``; or, two or more, each a province's news, however short:
    ``江西贵溪完善干部考核机制``): articles' kickers, not a set of sections' (``内畅外联，…`` / ``优化环境，…``)."""
    texts = [lines[units[k].kicker].text for k in kicked]  # type: ignore[index]
    long = all(len(NOT_WORD.sub("", t)) > _TOLD_CHARS for t in texts)
    places = len(texts) >= 2 and all(is_place_news(t) for t in texts)  # ``山东金乡县选派…``, alike or not
    return places or (long and (len(texts) < 2 or unlike_rest(texts)))


def _style_break(units: list[Unit], plain: list[int], lines: Sequence[Line]) -> list[int]:
    """A heading over three or more that share a trait it lacks (see :func:`_heads_a_set`) is a headline over
    its sections; when the set ends before the run does, the heading that ends it starts the next article (a
    quoted story's headline after ``以奋斗之姿…`` over ``伟大成就…，…`` / ``坚定信心…，…`` / ``团结一心…，…``). After a
    set of label-led section headings (``保供给：…``), or of three or more of one length (``专业服务赢信任`` /
    ``技能培训筑根基`` / ``温情守护暖人心``) before a heading twice as long, or of three or more sentence-long ones
    (:data:`_LONG_SECTION`) before two headings half as long (:data:`_SHRUNK`; one alone is the last section), the
    first heading of another kind starts an article, and the units after it are read as a run of their own."""
    titles = [lines[units[k].title].text for k in plain]  # type: ignore[index]
    if _heads_a_set(titles):
        return plain[:1]
    for j in range(len(plain) - 1, SET, -1):
        if _heads_a_set(titles[:j]):
            rest = _run_starts(units, plain[j + 1 :], lines, has_guide(units[plain[j]], lines))
            return [plain[0], plain[j], *rest]
    style = [bool(LABEL_HEAD.match(lines[units[k].title].text)) for k in plain]  # type: ignore[index]
    for j in range(2, len(plain)):
        if all(style[:j]) and not style[j]:
            rest = _run_starts(units, plain[j + 1 :], lines, has_guide(units[plain[j]], lines))
            return [plain[j], *rest]
    sizes = [len(NOT_WORD.sub("", lines[units[k].title].text)) for k in plain]  # type: ignore[index]  # as _even
    for j in range(SET, len(plain)):
        outgrown = len(set(sizes[:j])) == 1 and sizes[j] >= _OUTGROWN * sizes[0]
        short = j + 1 < len(plain) and _SHRUNK * max(sizes[j : j + 2]) <= min(sizes[:j])  # two stories, not a last section
        shrunk = short and min(sizes[:j]) >= _LONG_SECTION
        if outgrown or shrunk:
            return [plain[j], *_run_starts(units, plain[j + 1 :], lines, has_guide(units[plain[j]], lines))]
    return _set_break(units, plain, lines, STYLES[1:])  # a shared length alone is too weak a set here
