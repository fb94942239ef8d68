"""split_articles on the demo page (against a list written by reading it), on plain text, JSONL and HTML,
and on random text (hypothesis)."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.articles import Article, Block, Section, split_articles
from rag.documents import Document, doc_id_for, iter_documents, read_documents

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "rag" / "data" / "news-page-2024-03-29.txt"
EXPECTED = json.loads((Path(__file__).parent / "data" / "expected_articles.json").read_text("utf-8"))
STORIES = REPO.parent / "shared" / "data" / "xwlb" / "stories.jsonl.gz"


def make_doc(text: str, *, fmt: str = "txt", title: str | None = None, date: str | None = None) -> Document:
    source = f"/virtual/{fmt}-{abs(hash((text, fmt, title, date)))}"
    return Document(doc_id_for(source), source, text, fmt, "utf-8", title=title, date=date)


@pytest.fixture(scope="module")
def page() -> Document:
    docs, skipped = read_documents([PAGE])
    assert skipped == [] and len(docs) == 1
    return docs[0]


@pytest.fixture(scope="module")
def records(page: Document) -> list[Article]:
    return split_articles(page)


def block_text(doc: Document, b: Block) -> str:
    return doc.text[b.start : b.end]


def find_block(doc: Document, records: list[Article], prefix: str) -> tuple[Article, int]:
    hits = [(r, i) for r in records for i, b in enumerate(r.blocks) if block_text(doc, b).startswith(prefix)]
    assert len(hits) == 1, f"{prefix!r} is in {len(hits)} blocks"
    return hits[0]


def assert_spans_valid(doc: Document, records: list[Article]) -> None:
    text = doc.text
    all_blocks: list[tuple[int, int]] = []
    for position, r in enumerate(records):
        assert r.position == position
        assert r.article_id == f"{doc.doc_id}-{position:03d}"
        assert (r.doc_id, r.source) == (doc.doc_id, doc.source)
        assert r.kind in ("article", "caption", "notice", "advert")
        assert 0 <= r.start < r.end <= len(text)
        for b in r.blocks:
            piece = text[b.start : b.end]
            assert piece, "empty block"
            assert piece == piece.strip(), f"block not stripped: {piece!r}"
            assert r.start <= b.start < b.end <= r.end
            all_blocks.append((b.start, b.end))
        # Reading order is document order, except a moved tail that follows the paragraph it completes.
        out_of_order = [b for a, b in itertools.pairwise(r.blocks) if b.start < a.end]
        assert all(b.joins_previous for b in out_of_order), "blocks out of order"
        for h in r.head:
            assert text[h.start : h.end] == text[h.start : h.end].strip() != ""
            assert r.start <= h.start < h.end <= r.end
        if r.blocks:
            assert not r.blocks[0].joins_previous
        for s in r.sections:
            assert text[s.start : s.end] == s.title
            assert s.title and s.title == s.title.strip()
            assert r.start <= s.start < s.end <= r.end
        assert r.sections == tuple(sorted(r.sections, key=lambda s: s.start))
    all_blocks.sort()
    for (_, e1), (s2, _) in itertools.pairwise(all_blocks):
        assert e1 <= s2, "two records share text"
    ids = {r.article_id for r in records}
    for r in records:
        assert r.attached_to is None or (r.kind == "caption" and r.attached_to in ids)


# ---------------------------------------------------------------------------------------------------------
# The demo page


def test_page_matches_the_list_written_by_reading_it(records: list[Article]) -> None:
    by_id = {r.article_id: r for r in records}
    got = [
        {
            "kind": r.kind,
            "title": r.title,
            "kicker": r.kicker,
            "byline": r.byline,
            "authors": list(r.authors),
            "place": r.place,
            "date": r.date,
            "sections": [s.title for s in r.sections],
            "attached_to": by_id[r.attached_to].title if r.attached_to else None,
        }
        for r in records
    ]
    assert got == EXPECTED["records"]
    assert all(r.editors == tuple(EXPECTED["editors"]) for r in records)
    assert sum(r.kind == "article" for r in records) == 7


def test_page_spans_are_exact(page: Document, records: list[Article]) -> None:
    assert_spans_valid(page, records)


def _page_paragraphs(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        for line in re.finditer(r"(?m)^##? .*$", m.group()):  # headings are paragraphs of their own
            assert line.start() == 0 and line.end() == len(m.group())
        if m.group().strip():
            out.append((m.start(), m.end(), m.group().strip()))
    return out


def test_everything_printed_is_in_exactly_one_record(page: Document, records: list[Article]) -> None:
    for start, end, para in _page_paragraphs(page.text):
        owners = []
        for r in records:
            if not (r.start <= start and end <= r.end):
                continue
            spans = [(b.start, b.end) for b in r.blocks] + [(s.start, s.end) for s in r.sections]
            header = para.removeprefix("## ").removeprefix("# ").rstrip("—")
            if any(s < end and start < e for s, e in spans) or header in (r.title, r.kicker, r.byline):
                owners.append(r.title)
        assert len(owners) == 1, f"{para[:30]!r} is in {owners}"


def test_column_breaks_join_and_normal_paragraphs_do_not(page: Document, records: list[Article]) -> None:
    for prefix in ("操作程序、责任落实", "贤分院，医务人员", "期在活动组织中"):
        r, i = find_block(page, records, prefix)
        assert r.kind == "article" and i > 0
        assert r.blocks[i].joins_previous, prefix
        assert not re.search(r"[。！？”]$", block_text(page, r.blocks[i - 1]))
    for prefix in (
        "如何解决这类困境",
        "3月的云南昆明安宁市",
        "“干部为事业担当",
        "鲤城区以党建引领",
        "为打造风清气正",
    ):
        r, i = find_block(page, records, prefix)
        assert not r.blocks[i].joins_previous, prefix


def test_debris_goes_where_the_page_puts_it(page: Document, records: list[Article]) -> None:
    # 「前，不负这身‘火焰蓝’。”」 ends the 杨丹 article's first paragraph 「…第一时间冲在」.
    yang = next(r for r in records if r.title == "“第一时间冲在前”")
    head, tail = (block_text(page, b) for b in yang.blocks[:2])
    assert head.startswith("“只要组织需要") and head.endswith("第一时间冲在")
    assert tail == "前，不负这身‘火焰蓝’。”" and yang.blocks[1].joins_previous  # read in place
    assert yang.start == yang.blocks[1].start  # the span still starts where the tail is printed
    assert not yang.blocks[2].joins_previous  # 「3月的云南…」 starts a new paragraph
    assert [block_text(page, h) for h in yang.head] == [
        "昆明市森林消防支队禄劝中队消防员杨丹——",
        "“第一时间冲在前”",
        "本报记者 张弛",
    ]
    # The series labels stay with their articles, as sections.
    zhejiang = records[0]
    assert zhejiang.sections[-1].title == "因干部状态新观察"
    assert zhejiang.end == zhejiang.sections[-1].end
    assert [s.title for s in yang.sections] == ["新时代·面孔"]


def test_datelines_and_bylines_are_not_body(page: Document, records: list[Article]) -> None:
    texts = [block_text(page, b) for r in records if r.kind == "article" for b in r.blocks]
    assert not any(t.startswith(("本报", "本报记者")) for t in texts)
    fujian = next(r for r in records if r.place == "福州")
    assert block_text(page, fujian.blocks[0]).startswith("上午11点多")
    assert block_text(page, fujian.head[-1]) == "本报福州3月28日电（记者刘晓宇）"
    advert = records[-1]
    assert page.text[advert.end - 20 : advert.end] == page.text.rstrip()[-20:]
    assert any("邮发代号" in block_text(page, b) for b in advert.blocks)


def test_same_records_from_gbk_and_crlf_copies(tmp_path: Path, records: list[Article]) -> None:
    text = PAGE.read_text("utf-8")
    (tmp_path / "gbk-2024-03-29.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "crlf-2024-03-29.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    for doc in iter_documents([tmp_path]):
        got = split_articles(doc)
        assert_spans_valid(doc, got)
        key = [(r.kind, r.title, r.kicker, r.byline, r.place, r.date, len(r.blocks)) for r in got]
        assert key == [(r.kind, r.title, r.kicker, r.byline, r.place, r.date, len(r.blocks)) for r in records]
        assert [b.joins_previous for r in got for b in r.blocks] == [
            b.joins_previous for r in records for b in r.blocks
        ]


# ---------------------------------------------------------------------------------------------------------
# Other shapes of text


def test_text_without_headings_is_one_article_titled_by_its_first_line() -> None:
    doc = make_doc(
        "北京丰台区加快审批服务改革\n\n本报记者 张三\n\n通过“一网通办”实现数据多跑路。\n\n群众少跑腿。\n"
    )
    (a,) = split_articles(doc)
    assert (a.kind, a.title, a.byline, a.authors) == (
        "article",
        "北京丰台区加快审批服务改革",
        "本报记者 张三",
        ("张三",),
    )
    assert [block_text(doc, b) for b in a.blocks] == ["通过“一网通办”实现数据多跑路。", "群众少跑腿。"]
    assert_spans_valid(doc, [a])

    long_first = "浙" * 100 + "。"
    doc = make_doc(long_first + "\n\n第二段。")
    (a,) = split_articles(doc)
    assert len(a.title) == 60 and a.title.endswith("…")
    assert [block_text(doc, b) for b in a.blocks] == [long_first, "第二段。"]

    doc = make_doc("第一段没有标题。\n第二段。", title="来自元数据的标题")
    (a,) = split_articles(doc)
    assert a.title == "来自元数据的标题" and len(a.blocks) == 2


def test_empty_text_has_no_records() -> None:
    assert split_articles(make_doc("")) == []
    assert split_articles(make_doc(" \n\u3000\n\t")) == []


def test_markdown_sections_without_bylines_stay_one_article() -> None:
    doc = make_doc("# 总标题\n\n导语。\n\n## 第一部分\n\n内容一。\n\n## 第二部分\n\n内容二。\n", fmt="md")
    (a,) = split_articles(doc)
    assert a.title == "总标题"
    assert [s.title for s in a.sections] == ["第一部分", "第二部分"]
    assert len(a.blocks) == 3


def test_two_headlines_with_datelines_make_two_articles() -> None:
    text = (
        "## 第一篇标题\n\n本报上海1月2日电（记者 王五、赵六）第一篇正文。\n\n"
        "## 小标题\n\n更多内容。\n\n"
        "## 第二篇标题\n\n新华社北京12月30日电 第二篇正文。\n"
    )
    doc = make_doc(text, date="2025-01-03")
    a, b = split_articles(doc)
    assert (a.title, a.place, a.date, a.byline, a.authors) == (
        "第一篇标题", "上海", "2025-01-02", "记者 王五 赵六", ("王五", "赵六")
    )  # fmt: skip
    assert [s.title for s in a.sections] == ["小标题"]
    assert (b.title, b.place, b.date, b.byline) == ("第二篇标题", "北京", "2024-12-30", None)
    assert block_text(doc, b.blocks[0]) == "第二篇正文。"


def test_jsonl_document_is_exactly_one_article(tmp_path: Path) -> None:
    line = {
        "id": "s1",
        "date": "2024-03-28",
        "title": "国际评级机构下调评级展望",
        "text": "国际评级机构惠誉下调评级\n国际评级机构惠誉5日将评级展望下调至负面。\n## 不是标题\n本报北京3月28日电",
    }
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    (doc,) = iter_documents([path])
    (a,) = split_articles(doc)
    assert (a.kind, a.title, a.date, a.byline, a.place) == (
        "article",
        line["title"],
        "2024-03-28",
        None,
        None,
    )
    assert a.article_id == f"{doc.doc_id}-000"
    assert block_text(doc, a.blocks[0]) == "国际评级机构惠誉下调评级"
    assert not any(b.joins_previous for b in a.blocks)  # lines are paragraphs as authored
    assert_spans_valid(doc, [a])


def test_html_document(tmp_path: Path) -> None:
    html = (
        "<html><head><title>杨丹：第一时间冲在前_人民网</title></head><body><nav>首页</nav>"
        "<article><h1>第一时间冲在前</h1><p>本报记者 张弛</p><p>杨丹参与各项重大任务多达20余次。</p>"
        "<h2>驻训</h2><p>3月的云南昆明安宁市，大风扬起尘土。</p></article><footer>版权</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, "utf-8")
    (doc,) = iter_documents([path])
    (a,) = split_articles(doc)
    assert (a.title, a.byline, [s.title for s in a.sections]) == ("第一时间冲在前", "本报记者 张弛", ["驻训"])
    assert [block_text(doc, b) for b in a.blocks] == [
        "杨丹参与各项重大任务多达20余次。",
        "3月的云南昆明安宁市，大风扬起尘土。",
    ]
    assert_spans_valid(doc, [a])


def test_caption_without_a_matching_article_attaches_to_the_next_one() -> None:
    text = "图：远山。\n\n张三摄\n\n## 标题\n\n本报记者 李四\n\n正文讲的是别的事情。\n"
    doc = make_doc(text)
    cap, art = split_articles(doc)
    assert (cap.kind, cap.byline, cap.authors, cap.attached_to) == (
        "caption",
        "张三摄",
        ("张三",),
        art.article_id,
    )


def test_sections_and_blocks_are_the_dataclasses_of_the_interface(records: list[Article]) -> None:
    r = records[0]
    assert isinstance(r.sections[0], Section) and isinstance(r.blocks[0], Block)
    with pytest.raises(AttributeError):
        r.title = "x"  # type: ignore[misc]


@pytest.mark.skipif(not STORIES.exists(), reason="shared stories.jsonl.gz not present")
def test_the_story_corpus_reads_and_splits() -> None:
    n_docs = n_articles = 0
    for doc in iter_documents([STORIES]):
        (a,) = split_articles(doc)
        assert a.title == doc.title and a.date == doc.date and a.blocks
        n_docs += 1
        n_articles += 1
    assert n_docs == n_articles == 19876


# ---------------------------------------------------------------------------------------------------------
# Random text never breaks the splitter

_TOKENS = [
    "## ", "# ", "\n", "\n\n", "\n\n\n", "\r\n", " ", "\u3000", "。", "、", "，", "“", "”", "‘", "’", "——",
    "图①：", "沈德摄(人民视觉)", "本报记者 张弛", "本报北京3月28日电（记者李龙伊）", "本版责编：季健明 赵晓曦",
    "邮发代号 32-238", "杨丹", "训练", "前", "浙江", "abc", "2024", "#", "##x", "（", "）", "图为", "记者",
]  # fmt: skip

_texts = st.one_of(
    st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join),
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=5)), max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_texts,
    fmt=st.sampled_from(["txt", "md", "html", "jsonl"]),
    title=st.one_of(st.none(), st.just("题")),
    date=st.one_of(st.none(), st.just("2024-01-05"), st.just("2024-12-31")),
)
def test_random_text_never_breaks_the_splitter(
    text: str, fmt: str, title: str | None, date: str | None
) -> None:
    doc = make_doc(text, fmt=fmt, title=title, date=date)
    records = split_articles(doc)
    assert_spans_valid(doc, records)
    if not text.strip():
        assert records == []
    if fmt == "jsonl" and text.strip():
        assert len(records) == 1 and records[0].kind == "article"


def test_link_only_paragraphs_are_not_body_text() -> None:
    text = "中方始终从战略高度看待中委关系。\n两国有关部门单位负责人约100人参加会议。\n[查看原文](https://tv.cctv.com/2023/09/14/VIDEc26.shtml)"
    doc = Document(
        doc_id="d", source="/x.jsonl#1", text=text, format="jsonl", encoding="utf-8", title="丁薛祥出席会议"
    )
    (art,) = split_articles(doc)
    bodies = [doc.text[b.start : b.end] for b in art.blocks]
    assert bodies == ["中方始终从战略高度看待中委关系。", "两国有关部门单位负责人约100人参加会议。"]
    assert art.end == len(text)  # the link stays inside the article's span


def test_a_scrapers_rule_and_update_stamp_are_not_body_text() -> None:
    """A story ends with ``---`` and ``(更新时间戳: …)``: neither is body text. A story that is a headline, a link
    and that trailer keeps only the link, so it is a headline-and-link story like the others."""
    stamp = "[查看原文](https://tv.cctv.com/2023/10/18/VIDEv.shtml)\n---\n(更新时间戳: 1697633591139)"
    for body, kept in (
        ("两国有关部门单位负责人约100人参加会议。\n" + stamp, ["两国有关部门单位负责人约100人参加会议。"]),
        (stamp, ["[查看原文](https://tv.cctv.com/2023/10/18/VIDEv.shtml)"]),
        ("---", ["---"]),  # nothing else at all: kept, so the story is not empty
    ):
        doc = Document(
            doc_id="d", source="/x.jsonl#1", text=body, format="jsonl", encoding="utf-8", title="议长"
        )
        (art,) = split_articles(doc)
        assert [doc.text[b.start : b.end] for b in art.blocks] == kept
        assert art.end == len(body)


# ---------------------------------------------------------------------------------------------------------
# Plain-text pages: no heading marks, so headlines are told from section headings by the page's structure
# (rag/textpage.py). Each page below is small and hand-written in the style of a saved e-paper page.

PAGES_DEV = REPO.parent / "shared" / "data" / "pages-dev"


def page_of(*paragraphs: str, blank: bool = True) -> Document:
    return make_doc(("\n\n" if blank else "\n").join(paragraphs) + "\n", date="2020-02-26")


def articles_of(doc: Document) -> list[Article]:
    records = split_articles(doc)
    assert_spans_valid(doc, records)
    return [r for r in records if r.kind == "article"]


def heads(doc: Document, a: Article) -> list[str]:
    return [doc.text[h.start : h.end] for h in a.head]


@pytest.mark.parametrize("blank", [True, False])
def test_plain_page_dash_kicker_title_and_dateline_make_an_article(blank: bool) -> None:
    doc = page_of(
        "湖南、广东扎实推进第二批主题教育——",
        "结合实际 聚焦发展（守初心 担使命）",
        "本报长沙10月5日电（记者王三）第二批主题教育开展以来，各地紧扣实际推进工作。",
        "各地把学习教育同解决实际问题结合起来。",
        "中组部印发通知要求各级党组织",
        "做好党员自愿捐款指导服务",
        "本报北京2月25日电（记者姜洁）中共中央组织部近日印发通知。",
        "通知要求，各级党组织要做好指导服务。",
        blank=blank,
    )
    a, b = articles_of(doc)
    assert (a.kicker, a.title, a.place, a.byline) == (
        "湖南、广东扎实推进第二批主题教育", "结合实际 聚焦发展（守初心 担使命）", "长沙", "记者 王三"
    )  # fmt: skip
    assert (b.kicker, b.title, b.place) == (
        "中组部印发通知要求各级党组织",
        "做好党员自愿捐款指导服务",
        "北京",
    )
    assert len(a.blocks) == 2 and len(b.blocks) == 2


def test_plain_page_subtitle_is_part_of_the_header() -> None:
    doc = page_of(
        "把脉问诊勇战“疫”",
        "——记奋战在抗疫一线的中医医疗队",
        "在武汉抗疫的“战场”上，有一群中医药人的身影。",
        "《反分裂国家法》实施15周年座谈会在京隆重举行",
        "栗战书出席并发表讲话",
        "本报北京5月29日电（记者张三）座谈会29日在人民大会堂举行。",
    )
    a, b = articles_of(doc)
    assert a.title == "把脉问诊勇战“疫”" and heads(doc, a)[1] == "——记奋战在抗疫一线的中医医疗队"
    assert b.title == "《反分裂国家法》实施15周年座谈会在京隆重举行"
    assert heads(doc, b)[1] == "栗战书出席并发表讲话" and b.kicker is None


def test_plain_page_section_headings_stay_in_their_article() -> None:
    doc = page_of(
        "金柚子撬动26亿元产业（田间追踪）",
        "核心阅读",
        "全面建成小康社会，农业短板怎么补？广东以产业园为抓手。",
        "农业园长出产业群",
        "“你猜，这一个柚子卖多少钱？”一见面，老杨就问。",
        "从几毛钱到几十元，柚子产业越做越大。",
        "实验室搬进果园",
        "如何破解乡村产业缺人才的问题，梅县区有办法。",
        "产业链连成利益链",
        "大户牵小户，把一家一户纳入现代产业。",
    )
    (a,) = articles_of(doc)
    assert a.title == "金柚子撬动26亿元产业（田间追踪）"
    assert [s.title for s in a.sections] == ["农业园长出产业群", "实验室搬进果园", "产业链连成利益链"]


def test_plain_page_numbered_and_spaced_headings_are_sections() -> None:
    doc = page_of(
        "担当",
        "2月15日中午，病区的门开了。",
        "一",
        "他今年39岁，是麻醉与危重病专家。",
        "重 视",
        "学校把体育作业分为三大板块。",
        "【点评】",
        "抗击疫情的爱心，没有山海的隔绝。",
    )
    (a,) = articles_of(doc)
    assert a.title == "担当" and [s.title for s in a.sections] == ["一", "重 视", "【点评】"]


def test_plain_page_a_closing_line_ends_an_article() -> None:
    doc = page_of(
        "使社区成为疫情防控的坚强堡垒（新论）",
        "当前，疫情防控工作牵动所有人的心。",
        "（作者为南开大学教授）",
        "好标语凝聚精气神",
        "广大基层干部要当好贴心人、主心骨。",
        "标语要接地气，更要有温度。",
    )
    a, b = articles_of(doc)
    assert (a.title, b.title) == ("使社区成为疫情防控的坚强堡垒（新论）", "好标语凝聚精气神")
    assert doc.text[a.blocks[-1].start : a.blocks[-1].end] == "（作者为南开大学教授）"


def test_plain_page_lone_heading_between_dated_articles_is_an_article() -> None:
    doc = page_of(
        "南非总统会见王毅",
        "本报南非德班10月18日电（记者万宇）当地时间18日，南非总统会见王毅。",
        "寻求共同点，分享高质量产品",
        "10月的杭州，金秋送爽，论坛如期举行。",
        "与会者表示，愿意加强合作。",
        "吴英杰率代表团访问肯尼亚",
        "新华社内罗毕10月19日电（记者杨臻）代表团19日抵达内罗毕。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "南非总统会见王毅", "寻求共同点，分享高质量产品", "吴英杰率代表团访问肯尼亚"
    ]  # fmt: skip


def test_plain_page_second_source_line_starts_another_article() -> None:
    doc = page_of(
        "中国藏文化交流团访问法国",
        "本报巴黎10月17日电（记者刘玲玲）交流团日前访问法国。",
        "交流团介绍了西藏各方面情况。",
        "“孔雀舞乐园”走进日本",
        "“喜欢竹子敲出的旋律”……日本观众这样说。",
        "演出持续两个小时。",
        "（本报东京10月19日电）",
    )
    assert [a.title for a in articles_of(doc)] == ["中国藏文化交流团访问法国", "“孔雀舞乐园”走进日本"]


def test_plain_page_photo_story_is_an_article_with_its_caption() -> None:
    doc = page_of(
        "北京高考，改4天了",
        "本报北京1月19日电（记者赵婀娜）北京市考试院19日发布消息。",
        "寒露至白鹭迁",
        "10月8日是寒露节气，白鹭在湿地觅食。",
        "张光照摄（影像中国）",
        "本版责编：张三 李四",
    )
    records = split_articles(doc)
    assert_spans_valid(doc, records)
    kinds = [(r.kind, r.title) for r in records]
    assert kinds[:2] == [("article", "北京高考，改4天了"), ("article", "寒露至白鹭迁")]
    (cap,) = [r for r in records if r.kind == "caption"]
    (notice,) = [r for r in records if r.kind == "notice"]
    assert cap.attached_to == records[1].article_id and notice.editors == ("张三", "李四")


def test_plain_page_a_design_credit_with_a_space_for_a_colon_is_a_notice() -> None:
    """``版式设计 蔡华伟`` (a space where the colon usually is) is the page's design credit, a notice: no
    headline, and the feature it closes is split from the next article as by any notice."""
    doc = page_of(
        "一门门技艺做成一个个产业（探访）",
        "本报呼和浩特4月17日电  （记者翟钦奇）蒙古族刺绣，于丝线之间将一门技艺做成一个产业。",
        "“去年，全旗接待游客149.34万人次。”当地负责人说。",
        "版式设计 蔡华伟",
        "她的手，被村民攥得紧紧的（报效祖国 建功西部）",
        "本报昆明4月17日电  （记者杨文明）第一次到羊拉乡，那生就被村民的热情打动。",
    )
    records = split_articles(doc)
    assert [r.kind for r in records] == ["article", "notice", "article"]
    assert [a.title for a in articles_of(doc)] == [
        "一门门技艺做成一个个产业（探访）", "她的手，被村民攥得紧紧的（报效祖国 建功西部）"
    ]  # fmt: skip


def test_plain_page_a_quotes_source_is_no_kicker_over_the_next_headline() -> None:
    """Readers' messages each closed by its source (``——网友：梁翠红  IP：广东``): the last source, right over
    the next headline, is body text, not that headline's kicker, and the essay after it is an article too."""
    doc = page_of(
        "最好的年味，是双向奔赴的亲情（新春走基层）",
        "异乡团圆，湖北游客张紫悦——",
        "“和老人小孩一起旅行过年，很幸福”",
        "本报记者  董泽扬",
        "“玩去咯！”一说到去海边，孩子们就欢呼起来。",
        "远嫁新疆，湖南姑娘刘芳——",
        "“隔山隔水，隔不断亲情”",
        "本报记者  王  浩",
        "刘芳每年都要带着孩子回湖南老家过年。",
        "攒假早归，安徽阜阳快递员张玉飞——",
        "“把缺席的陪伴还给家人”",
        "本报记者  李俊杰",
        "童装店里，4岁的女儿穿着新衣服转圈。",
        "■链接",
        "春运期间，我们征集了网友回家过年的故事。",
        "在天津锚地等着靠港回家。媳妇也快生了，愿一切顺利。",
        "——网友：单行道  IP：河北",
        "我与妻子于2008年在大学校园相识相恋。",
        "——网友：鄭  IP：吉林",
        "带着孩子，跨越2000公里，去戈壁滩陪孩子爸爸过年。",
        "——网友：盛夏爱恋  IP：湖南",
        "来深圳12年了，每年都想回去。",
        "——网友：梁翠红  IP：广东",
        "下一站，团圆",
        "岁序更替，华章日新。神州大地年味渐浓。",
        "愿新年，胜旧年。愿每一位归人，皆能顺利抵达。",
        "我为什么要回家过年",
        "哈尔滨的冬天冷得很有诚意。宿舍暖气片里的水声响了一夜。",
        "我得回去过年，这念头不容商量。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "最好的年味，是双向奔赴的亲情（新春走基层）", "下一站，团圆", "我为什么要回家过年"
    ]  # fmt: skip


def test_plain_page_people_under_long_dash_kickers_with_alike_headlines_are_sections() -> None:
    """Three people a feature visits, each under a long dash kicker (``34岁掌墨师杨通敏——``) over a headline of
    one style (a comma after the same number of characters) and with no source of their own, are the
    feature's sections; a dated report under a dash kicker after them is an article."""
    doc = page_of(
        "传承非遗  侗乡青年唱主角（探访）",
        "民族的特色，很古朴也很时尚。如何让非遗焕发新活力？",
        "28岁绣娘陆江磊——",
        "创新蜡染刺绣，产品带动上百个村村民增收",
        "在黎平县肇兴侗寨，有这样一家蜡染刺绣合作社。",
        "34岁掌墨师杨通敏——",
        "运用电脑建模，绘制木构建筑草图",
        "侗族木构建筑，不用一钉一铆。",
        "27岁歌师吴兴兰——",
        "驾驭低中高音，会唱上百首侗族大歌",
        "吴兴兰从小跟着寨子里的歌师学唱侗族大歌。",
        "中央网信办开展专项行动——",
        "整治短视频恶意营销",
        "本报北京4月16日电  （记者李四）中央网信办近日开展专项行动。",
    )
    assert [a.title for a in articles_of(doc)] == ["传承非遗  侗乡青年唱主角（探访）", "整治短视频恶意营销"]


def test_plain_page_a_pull_quote_over_the_paragraph_it_repeats_is_no_headline() -> None:
    """A section heading over a quoted line that the paragraph under it opens with (a pull quote) is one
    more section, not a kicker and headline; a headline that opens its quote unquoted stays a headline."""
    doc = page_of(
        "在这里，守护黄河入海流（美丽中国）",
        "山东东营利津水文站是黄河入海前的最后一个水文站。",
        "水文站见证大河“重生”",
        "黄河利津断面在上世纪90年代几乎年年断流。",
        "科技让水文站焕发新机",
        "从人工测流到无人化操作，所有测验基本实现在线监测。",
        "“后浪”奔涌挑大梁",
        "“后生们的脑瓜里，装着黄河的未来”",
        "“后生们的脑瓜里，装着黄河的未来。”邢西金说罢，望向河面。",
        "岸边，一艘蓝色铁皮船静静停泊。",
    )
    assert [a.title for a in articles_of(doc)] == ["在这里，守护黄河入海流（美丽中国）"]


def test_plain_page_keyword_sections_with_link_boxes_between_them_stay_sections() -> None:
    """Keyword dash kickers of one length over a feature's sections stay its sections when a box
    (``【链  接】``) follows each section."""
    doc = page_of(
        "强化企业创新主体地位（科技视点）",
        "如何激发企业自主创新的内生动力？记者进行了采访。",
        "练内功——",
        "不断加大企业科技创新投入",
        "前不久，一枚运载火箭以一箭多星方式成功发射。",
        "【链  接】",
        "企业研发投入占全社会研发投入的比重超过四分之三。",
        "强协同——",
        "推动企业主导的产学研深度融合创新",
        "在某地的创新联合体里，企业和高校一起攻关。",
        "【链  接】",
        "创新联合体是企业牵头、高校院所支撑的创新组织。",
        "挑大梁——",
        "支持企业牵头和参与国家重大科技项目",
        "一家企业牵头承担了国家重点研发计划项目。",
    )
    assert [a.title for a in articles_of(doc)] == ["强化企业创新主体地位（科技视点）"]


def test_plain_page_headings_whose_dash_subtitles_open_alike_are_sections() -> None:
    """Section headings each over a dash subtitle that opens alike (``——关于创新的故事`` / ``——关于信心的故事``)
    are the article's sections; a dash subtitle of another opening after them starts an article."""
    doc = page_of(
        "三组故事，看民营企业创新创造活力",
        "——民营经济代表人士专题研讨班见闻",
        "由中央统战部等单位举办的研讨班近日结业。",
        "老企业与新科技",
        "——关于创新的故事",
        "创新，是研讨班上民营企业家频频提及的关键词。",
        "眼睛向内与眼睛向外",
        "——关于信心的故事",
        "当下，民营企业的信心在哪里？",
        "富而思源与富而思进",
        "——关于责任的故事",
        "先富带后富，是不少民营企业家的共同选择。",
        "春天里的好声音",
        "——来自基层一线的报道",
        "春耕时节，田间地头一派忙碌景象。",
    )
    assert [a.title for a in articles_of(doc)] == ["三组故事，看民营企业创新创造活力", "春天里的好声音"]


def test_plain_page_a_released_document_under_its_news_is_the_news_article() -> None:
    """A document printed under the news that releases it (``中办国办印发《…规定》`` over the 规定's own title
    and chapters) is part of that article; the next news is an article of its own."""
    doc = page_of(
        "中办国办印发《农村基层干部廉洁履行职责规定》",
        "新华社北京4月20日电  近日，中共中央办公厅、国务院办公厅印发了《农村基层干部廉洁履行职责规定》。",
        "《农村基层干部廉洁履行职责规定》全文如下。",
        "农村基层干部廉洁履行职责规定",
        "（2011年4月28日中共中央政治局常委会会议审议通过，2025年3月28日修订）",
        "第一章  总  则",
        "第一条  为了规范农村基层干部廉洁履行职责，制定本规定。",
        "第二章  廉洁履行职责行为规范",
        "第二条  农村基层干部应当廉洁履行职责。",
        "收官之年干劲满  决战决胜勇争先（奋勇争先，决战决胜）",
        "本报北京4月20日电  （记者李四）各地各部门干劲十足。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "中办国办印发《农村基层干部廉洁履行职责规定》", "收官之年干劲满  决战决胜勇争先（奋勇争先，决战决胜）"
    ]  # fmt: skip


def test_plain_page_a_netizens_signature_and_a_letter_with_its_own_kicker() -> None:
    """A message signed ``人民网“领导留言板”网友`` closes its letter (no kicker over the next column's label), and
    in a letters column (``建议``) a letter under a kicker of its own (``河湖长变动``, ``水费欠费``: longer than a
    column's label) is one more letter."""
    doc = page_of(
        "水管铺设多年 水却迟迟未通（身边事）",
        "我们是某县的村民，村里的自来水管铺设多年，水却迟迟未通。",
        "人民网“领导留言板”网友",
        "建议",
        "征求意见更要“真用”意见",
        "有媒体报道，在某地举办的一次座谈会上，征求意见走了过场。",
        "四川泸州市  郑勇钢",
        "管管人行道上的电动自行车",
        "前不久，笔者亲眼看到，一辆疾驰而来的电动自行车冲上人行道。",
        "上海市  王  洪",
        "河湖长变动",
        "公示牌要及时更新",
        "近日，在湖边散步，发现一块河湖长公示牌上的信息已经过时。",
        "河北永清县  王国军",
        "水费欠费",
        "应及时告知用户",
        "近期，有消费者发现自家自来水已欠费数月，却从未收到提醒。",
        "安徽滁州市  徐以成",
        "警惕儿童智能手表“手机化”倾向（百姓关注）",
        "“‘碰一碰’加好友、主页圈点赞。”一位家长说，孩子的手表越来越像手机。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "水管铺设多年 水却迟迟未通（身边事）", "建议", "警惕儿童智能手表“手机化”倾向（百姓关注）"
    ]  # fmt: skip


def test_plain_page_a_heading_over_an_editors_note_starts_a_package() -> None:
    """A heading over an editor's note (``——编  者``) after a feature's sections starts an article (a package),
    not one more section, and the deputies' parts after the note stay in it."""
    doc = page_of(
        "南平破题科技特派员立法（坚持和完善人民代表大会制度）",
        "福建南平市建阳区的茶园里，科技特派员正在指导茶农。",
        "27年实践催生的法治需求",
        "在南平市人大常委会法工委办公室，起草团队翻阅着厚厚的资料。",
        "直面问题的法治应答",
        "条例的制定，始终坚持问题导向。",
        "法治落地生根的乡村实践",
        "法律的生命在于实施。",
        "代表之声",
        "到2035年建成健康中国是党中央作出的重要战略部署。本版邀请代表畅谈。",
        "——编  者",
        "全国人大代表、青海省疾病预防控制中心主任某某",
        "促进医疗资源普惠共享",
        "建设健康中国，必须坚持从我国国情出发。",
        "（本报记者乔栋采访整理）",
        "全国人大代表、中国医科大学副校长某某",
        "聚焦关键领域集中发力",
        "在建设健康中国这一系统工程中，健康管理是关键。",
        "（本报记者胡婧怡采访整理）",
    )
    assert [a.title for a in articles_of(doc)] == [
        "南平破题科技特派员立法（坚持和完善人民代表大会制度）",
        "代表之声",
    ]


def test_plain_page_a_place_before_a_colon_is_no_sections_label() -> None:
    """After a dated report, a headline led by a province's place and a colon (``湖南邵阳：…``) is no label
    like its sections' (``文脉赓续：…``): it starts an article, and the labelled headings are its sections."""
    doc = page_of(
        "前2月我国货物贸易进出口增长18.3%",
        "本报北京3月11日电  （记者欧阳洁）据海关统计，前2个月我国货物贸易进出口增长。",
        "从贸易方式看，前2个月，我国一般贸易进出口增长。",
        "湖南邵阳：发展壮大主流文化，塑造文明城市品牌",
        "近年来，湖南省邵阳市深耕历史文脉传承。",
        "文脉赓续：非遗守护与主旋律创作共铸精神根脉",
        "邵阳坚持“保护为主、抢救第一”的方针。",
        "文明筑基：民生导向与全民参与共建幸福家园",
        "邵阳市坚持以民生改善为切入点。",
        "产城融合：文化赋能与发展升级共塑城市品牌",
        "邵阳市通过文旅融合提升城市影响力。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "前2月我国货物贸易进出口增长18.3%", "湖南邵阳：发展壮大主流文化，塑造文明城市品牌"
    ]  # fmt: skip


def test_plain_page_a_profile_headline_led_by_the_name_its_text_opens_with() -> None:
    """A long headline led by an institution's name (``江南大学  牢固树立…，…``) that one of the next two
    paragraphs opens with (a long name within its first words: ``“十四五”时期，人保财险河南分公司…``) is a
    profile's headline: it starts an article even after a dated report, and its
    comma-styled headings are its sections."""
    doc = page_of(
        "敦促日方妥善处理历史遗留问题",
        "新华社北京3月11日电  外交部发言人11日表示，敦促日方妥善处理历史遗留问题。",
        "发言人说，这是国际社会的普遍呼声。",
        "江南大学  牢固树立大食物观，培养食品专业卓越人才",
        "“解决吃饭问题，不能光盯着有限的耕地。”",
        "江南大学自2015年起，将食品类专业布局与新工科建设相结合。",
        "学科交叉，让专业布局“活”起来",
        "破除学科壁垒，重塑专业生态。",
        "课程融合，让育人内涵“厚”起来",
        "学校精心构建特色模块课程。",
        "实践赋能，让创新底气“足”起来",
        "学校贯通产学研用链路。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "敦促日方妥善处理历史遗留问题", "江南大学  牢固树立大食物观，培养食品专业卓越人才"
    ]  # fmt: skip
    doc = page_of(
        "严冬里的一场温暖守护（援手）",
        "寒潮来袭，一位独居老人家中断了暖气，社区工作者连夜上门。",
        "人保财险河南分公司：发挥人民保险作用，服务经济社会发展",
        "“十四五”时期，人保财险河南分公司坚持服务大局。",
        "全面支持实体经济",
        "人保财险河南分公司围绕重点产业提供保险保障。",
        "精准赋能科技创新",
        "人保财险河南分公司聚焦服务科技创新。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "严冬里的一场温暖守护（援手）", "人保财险河南分公司：发挥人民保险作用，服务经济社会发展"
    ]  # fmt: skip
    doc = page_of(
        "高山小镇，赛事为何名声在外（县域体育展活力）",
        "冬日的小镇，滑雪爱好者纷至沓来。",
        "南昌航空大学环境与化学工程学院  以“一核三效四色”党建工作体系，推动教育工作跨越式发展",
        "南昌航空大学环境与化学工程学院立足航空报国的办学使命。",
        "“一核”铸魂，构建党建引领新格局",
        "学院锚定党建工作标杆院系培育创建目标。",
        "“三效”赋能，书写内涵式发展新篇章",
        "学院推动党建与业务深度融合。",
    )
    assert [a.title for a in articles_of(doc)][1:] == [
        "南昌航空大学环境与化学工程学院  以“一核三效四色”党建工作体系，推动教育工作跨越式发展"
    ]


def test_plain_page_a_column_of_pieces_signed_with_role_and_name() -> None:
    """Pieces signed under their headlines with the writer's role and name (``青年学者  杜鹏程``) in a column
    under a short label (``心声``) are one article; the role line is no heading."""
    doc = page_of(
        "怎么上好这堂“大思政课”",
        "本报北京4月28日电  （记者李四）各地高校把思政课搬进田间地头。",
        "心声",
        "中国为世界经济带来更多稳定性",
        "青年学者  杜鹏程",
        "面对关税霸凌的阴云，中国政府沉着应对。",
        "（作者为首都经济贸易大学经济学院教师）",
        "我们有能力突破“卡脖子”技术",
        "青年企业家  廖光朝",
        "作为80后企业家，我切身感受到中国产业的韧性。",
        "（作者为重庆云潼科技有限公司董事长）",
        "爱国主义是具体的实践的",
        "青年学生  汪  玮",
        "作为青年学生，我一直关注中美经贸问题。",
        "（作者为湖南大学材料科学与工程学院学生）",
    )
    assert [a.title for a in articles_of(doc)] == ["怎么上好这堂“大思政课”", "心声"]


def test_plain_page_a_package_title_over_a_lead_keeps_its_bylined_reports() -> None:
    """A package's title of two spaced phrases over a lead paragraph keeps the reports after it, each a
    headline over a byline, as its sections; a column's piece after them is an article."""
    doc = page_of(
        "为人民出政绩  以实干出政绩",
        "政绩观，连着发展观。代表委员们结合履职实践，畅谈对政绩观的理解。",
        "群众的满意，是最亮眼的业绩",
        "本报记者  沈童睿  郑洋洋",
        "政绩，为谁而树？答案就蕴含在人民群众的口碑里。",
        "干基层工作，事事都得“服水土”",
        "本报记者  李林蔚  王明峰",
        "“当村民自豪地说，环境好了，我就觉得值了。”一位代表说。",
        "实干出实绩，稳扎稳打向前走",
        "本报记者  何昭宇  杨文明",
        "为政贵在行。业绩都是干出来的。",
        "从“办理”看治理（观会走笔）",
        "一份建议，就是一次民声的汇聚。",
    )
    assert [a.title for a in articles_of(doc)] == ["为人民出政绩  以实干出政绩", "从“办理”看治理（观会走笔）"]


def test_plain_page_deputies_parts_signed_under_their_headlines_stay_in_the_column() -> None:
    """Under a column's headline, parts each a headline over its speaker's offices and name (``北京邮电大学校长
    徐坤委员``) and closed by the reporter's line are the column's sections; the offices line is no heading."""
    doc = page_of(
        "教育科技人才，拧成一股绳（两会捎句话）",
        "习近平总书记在参加江苏代表团审议时指出，要一体推进教育科技人才发展。",
        "努力实现“所学即所用、入校即入行”",
        "北京通用人工智能研究院院长  朱松纯委员",
        "通用人工智能是大科学、大工程，需要有组织的科研。",
        "（本报记者王昊男采访整理）",
        "相互滋养孕育“智慧雨林”",
        "中国科学院院士、香港科学院院长、香港中文大学校长  卢煜明",
        "教育孕育未来，科技彰显实力，人才引领发展。",
        "（本报记者陈然、李祉瑶采访整理）",
        "从学会知识到学会探索",
        "北京邮电大学校长  徐坤委员",
        "人工智能作为引领新一轮科技革命的战略性技术，正深刻改变教育。",
        "（本报记者闫伊乔采访整理）",
        "一体发展，努力“对齐颗粒度”（两会快评）",
        "教育、科技、人才一体发展，关键在打通堵点。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "教育科技人才，拧成一股绳（两会捎句话）", "一体发展，努力“对齐颗粒度”（两会快评）"
    ]  # fmt: skip


def test_plain_page_a_long_headline_of_several_acts_over_its_dateline() -> None:
    """News of several acts joined by enumeration commas, longer than a heading but with no other punctuation,
    is a headline (``某某将访问…、作为…出席…、举行…``), like a long document title; so is one whose only mark is
    the dash joining two countries (``第十届中国—俄罗斯博览会``)."""
    doc = page_of(
        "赵乐际同新西兰议长布朗利会谈",
        "本报北京4月13日电  （记者王一）全国人大常委会委员长赵乐际13日在人民大会堂同新西兰议长布朗利会谈。",
        "丁薛祥将访问土库曼斯坦、作为习近平主席特别代表出席复兴气田四期项目开工仪式、举行中土合作委员会第七次会议",
        "本报北京4月13日电  外交部发言人4月13日宣布：应土库曼斯坦政府邀请，丁薛祥将访问土库曼斯坦。",
        "张国清同俄罗斯副总理特鲁特涅夫共同出席第十届中国—俄罗斯博览会开幕式并主持召开中国东北地区和俄罗斯远东地区政府间合作委员会第六次会议",
        "新华社哈尔滨5月17日电  （记者杨一）5月17日，国务院副总理张国清在哈尔滨出席博览会开幕式。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "赵乐际同新西兰议长布朗利会谈",
        "丁薛祥将访问土库曼斯坦、作为习近平主席特别代表出席复兴气田四期项目开工仪式、举行中土合作委员会第七次会议",
        "张国清同俄罗斯副总理特鲁特涅夫共同出席第十届中国—俄罗斯博览会开幕式并主持召开中国东北地区和俄罗斯远东地区政府间合作委员会第六次会议",
    ]


def test_plain_page_a_segment_led_by_a_bracketed_label_is_no_headline() -> None:
    """Under a comment column's headline, headings led by a segment's label in brackets (``【人物】…``,
    ``【故事】…``, ``【点评】``) are its parts, not articles."""
    doc = page_of(
        "如米苔花也争春（暖闻热评）",
        "既自强不息、奋斗不止，又扶危助困、回馈社会，这样的人生令人动容。",
        "【人物】“无手”创业青年彭军",
        "【故事】5岁半时因触电失去前臂和双手，他学会用残臂写字、吃饭。",
        "【点评】",
        "“别人能做到的，我也可以！”20多年来，他一直这样激励自己。",
        "用金融活水浇灌创新之花（人民时评）",
        "科技创新离不开金融支持。",
    )
    assert [a.title for a in articles_of(doc)] == ["如米苔花也争春（暖闻热评）", "用金融活水浇灌创新之花（人民时评）"]


def test_plain_page_a_released_documents_title_starts_its_full_text() -> None:
    """A released document's title (``中共中央办公厅国务院办公厅关于…的意见``) over its date and numbered parts
    starts an article, even after a feature's sections; the parts are its sections."""
    doc = page_of(
        "风清气正的干事氛围更加浓厚（锲而不舍落实中央八项规定精神）",
        "各地持续深化落实中央八项规定精神。",
        "“一辆车”划清公与私",
        "公车管理平台上线后，每辆车的去向都一清二楚。",
        "“一栋楼”解码亲与清",
        "政商交往有了清单，企业办事更顺畅。",
        "中共中央办公厅国务院办公厅关于健全资源环境要素市场化配置体系的意见",
        "（2025年5月14日）",
        "为健全资源环境要素市场化配置体系，现提出如下意见。",
        "一、总体要求",
        "坚持以习近平新时代中国特色社会主义思想为指导。",
        "二、完善资源环境要素配额分配制度",
        "健全配额分配制度，稳妥推进配额有偿分配。",
    )
    got = articles_of(doc)
    assert [a.title for a in got] == [
        "风清气正的干事氛围更加浓厚（锲而不舍落实中央八项规定精神）",
        "中共中央办公厅国务院办公厅关于健全资源环境要素市场化配置体系的意见",
    ]


def test_plain_page_a_headline_over_its_lead_photo_starts_an_article() -> None:
    """A plain heading whose text opens under a photo's caption and credit is an article's headline over its
    lead photo, even after a feature's sections; a box's label over a photo stays in its article."""
    doc = page_of(
        "让世界看见开放自信的新疆",
        "一列列中欧班列从新疆乌鲁木齐出发，驶向远方。",
        "打造高水平对外开放新高地",
        "机车穿梭，作业不歇。走进乌鲁木齐国际陆港区，一派繁忙景象。",
        "快速发展带来新机遇",
        "近3年，新疆铁路口岸过货量保持增长。",
        "【现在】",
        "陆港区的集装箱堆场。",
        "新疆维吾尔自治区交通运输厅供图",
        "陆港区如今已是向西开放的重要枢纽。",
        "新疆农业向“新”发展",
        "在位于乌鲁木齐的新疆高新植物工厂，工作人员查看蔬菜长势。",
        "本报记者  蒋雨师摄",
        "在位于新疆乌鲁木齐市的高端农机装备产业园，一台台农机整装待发。",
        "智慧农业技术，提升生产效率",
        "智慧农业科技馆负责人介绍，AI算法可以精准调控光照。",
        "农机驰骋沃野，产品远销海外",
        "生产车间内，自动导引搬运机器人沿着轨道运送零部件。",
        "新型种植模式，实现智慧管理",
        "通过仿生螺旋栽培、集装箱农业等模式，园区全年都能生产蔬菜。",
    )
    assert [a.title for a in articles_of(doc)] == ["让世界看见开放自信的新疆", "新疆农业向“新”发展"]


def test_plain_page_names_over_photos_inside_an_article_start_nothing() -> None:
    """Headings over nothing but a caption and a credit (a rose variety's name over its photo) name the photos
    of the article they are printed in; a photo report's label over its caption still starts one."""
    doc = page_of(
        "花开锦绣映京城（一朵花读懂一座城）",
        "故宫博物院里，多彩月季娇艳绽放。",
        "本报记者  张武军摄",
        "“春潮”",
        "图为北京园科院培育的月季新品种。",
        "资料图片",
        "“四季如春”",
        "图为北京园科院培育的月季新品种。",
        "资料图片",
        "图片报道",
        "图为游客在月季园中赏花。",
        "本报记者  王一摄",
        "“万里挑一”育新种",
        "本报北京5月27日电  （记者赵二）北京园科院近年来培育月季新品种数十个。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "花开锦绣映京城（一朵花读懂一座城）", "图片报道", "“万里挑一”育新种"
    ]  # fmt: skip


def test_plain_page_a_regulation_over_its_decree_label_is_the_headline() -> None:
    """A regulation's name over the decree that enacts it (``中华人民共和国国务院令`` / ``第800号``) is the
    headline; the decree's label and number are under it, not a headline over a kicker."""
    doc = page_of(
        "古树名木保护条例",
        "中华人民共和国国务院令",
        "第800号",
        "《古树名木保护条例》已经2025年1月3日国务院第50次常务会议通过，现予公布。",
        "总理  李  强",
        "2025年1月25日",
        "第一条  为了加强对古树名木的保护，推进生态文明建设，制定本条例。",
    )
    (a,) = articles_of(doc)
    assert (a.kicker, a.title) == (None, "古树名木保护条例")


def test_plain_page_a_panels_guest_list_is_no_heading() -> None:
    """A panel interview's guests, each an offices line over a spaced or unspaced name (``…研究馆员  余  杰``,
    ``…团队负责人  吕  舟``), are the interview's text, not headlines of articles."""
    doc = page_of(
        "让文化遗产在新时代焕发光彩（文化视点）",
        "编者按：文化遗产是不可再生的珍贵资源。本期邀请三位专家展开讨论。",
        "嘉  宾：",
        "清华大学国家遗产中心主任、北京中轴线申遗保护文本团队负责人  吕  舟",
        "龙门石窟研究院党委书记、研究馆员  余  杰",
        "大足石刻研究院院长、研究馆员  蒋思维",
        "文化遗产保护为何要强调“系统性”",
        "吕舟：文化遗产与其所处环境是一个整体。",
        "余杰：文化遗产与其产生的历史背景密切相关。",
        "遗产保护和发展呈现哪些新趋势",
        "蒋思维：加强国际合作交流是一个重要趋势。",
        "（本报记者施芳参与采写）",
        "文物保护利用示范区建设稳步推进",
        "本报北京5月25日电  （记者王一）国家文物局近日公布第二批示范区名单。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "让文化遗产在新时代焕发光彩（文化视点）", "文物保护利用示范区建设稳步推进"
    ]  # fmt: skip


def test_plain_page_a_profile_closed_by_its_data_source_keeps_its_sections() -> None:
    """Short sections under a profile's headline, only the last closed by the data's source (``数据来源：…``),
    are one piece, not short stories printed one after another."""
    doc = page_of(
        "坚守“红色前哨”  守护万家灯火",
        "伶仃洋上，巍峨的港珠澳大桥如巨龙横卧。",
        "（罗鑫、罗超参与采写）",
        "江苏泰州：对接创新链和产业链  为高质量发展添动能",
        "科技创新和产业创新，是发展新质生产力的基本路径。",
        "4月28日下午，泰州产创融合推介活动在北京举行。",
        "强化企业创新主体地位，凝聚创新驱动力",
        "企业是科技创新的主体。泰州积极推动龙头企业牵头组建创新联合体。",
        "链接高能级科创平台，提升创新策源力",
        "上海研发团队凌晨提交的技术参数，清晨就在泰州的车间里变成样品。",
        "以产聚才、以才兴产，厚植创新生产力",
        "人才是创新的源头活水。目前，泰州人才资源总量近100万人。",
        "数据来源：中共泰州市委宣传部",
    )
    assert [a.title for a in articles_of(doc)] == [
        "坚守“红色前哨”  守护万家灯火", "江苏泰州：对接创新链和产业链  为高质量发展添动能"
    ]  # fmt: skip


def test_plain_page_an_editors_note_paragraph_keeps_the_parts_and_their_sections() -> None:
    """A note led by ``编者按：`` introduces a package like a signed ``——编  者`` note: its parts, each a kicker
    over a headline and a byline, stay in it, and so do the parts' own letter-spaced section headings
    (``传  承``); ``资料照片`` is a picture's credit."""
    doc = page_of(
        "为了和平与正义，英雄挺身而出",
        "铭记世界反法西斯战场上的中国人",
        "图②：胡济邦在伏尔加河河畔。",
        "资料照片",
        "编者按：今年是中国人民抗日战争暨世界反法西斯战争胜利80周年。本版讲述几位中国人的故事。",
        "参加斯大林格勒保卫战的东北抗联老战士刘义权——",
        "少年报国战顽敌",
        "本报记者  方  圆",
        "13岁，是刘义权参加东北抗日联军的年纪。",
        "传  承",
        "“父亲身上的每一道伤疤都是守护正义的勋章。”刘艳说。",
        "全程经历卫国战争的战地记者胡济邦——",
        "烽火玫瑰写传奇",
        "本报记者  窦瀚洋",
        "在浙江省永康市古山镇，有一座以胡济邦名字命名的纪念馆。",
        "致  敬",
        "如今，在胡济邦母校古山小学内，有一座她的雕像。",
    )
    assert [a.title for a in articles_of(doc)] == ["铭记世界反法西斯战场上的中国人"]


def test_plain_page_a_profile_box_is_part_of_its_article() -> None:
    """A profile box's label (``名将小传``, like ``人物小传``) heads a box inside the article above it."""
    doc = page_of(
        "“每一杆都是人生的一次选择”（对话体坛名将）",
        "在北京时间4月6日凌晨结束的比赛中，中国选手夺得冠军。",
        "名将小传",
        "赵心童，1997年出生于广东深圳，8岁开始接触斯诺克。",
        "2026年浙江省城市足球联赛开赛",
        "本报杭州4月6日电  （记者李四）2026年浙江省城市足球联赛5日开赛。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "“每一杆都是人生的一次选择”（对话体坛名将）", "2026年浙江省城市足球联赛开赛"
    ]  # fmt: skip


def test_plain_page_named_reports_with_their_own_column_tags_are_articles() -> None:
    """Short names under dashes over headlines that carry a column tag of their own (``中核集团——`` /
    ``展现硬核实力  彰显时代担当（中国品牌日）``) are articles, not the sections of the article above."""
    doc = page_of(
        "激发中国品牌的澎湃动能（中国品牌日）",
        "品牌是高质量发展的重要象征。",
        "创新争先，让品牌活力充分涌流",
        "创新是引领发展的第一动力。",
        "勇于担当，在服务国家大局中彰显价值",
        "叫得响的品牌，既要谋技术、有品质，也要有担当。",
        "多措并举，推动品牌强国建设",
        "十年树企业，百年树品牌。",
        "中核集团——",
        "展现硬核实力  彰显时代担当（中国品牌日）",
        "作为核工业的主体，中核集团不断擦亮自主核电品牌。",
        "南方电网公司——",
        "创新驱动发展  点亮万家灯火（中国品牌日）",
        "南方电网公司坚持创新驱动，服务经济社会发展。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "激发中国品牌的澎湃动能（中国品牌日）", "展现硬核实力  彰显时代担当（中国品牌日）",
        "创新驱动发展  点亮万家灯火（中国品牌日）",
    ]  # fmt: skip


def test_plain_page_stories_under_provinces_news_kickers_of_one_length_are_articles() -> None:
    """After a comment, headlines under kickers that each tell a province's news (``山东金乡县选派文化指导员下
    基层``) are stories, even when the kickers happen to share a length."""
    doc = page_of(
        "千年稻种缘何焕发新机（话说新农村）",
        "从一粒濒危的稻种，到一个年产值数亿元的富民产业。",
        "山东金乡县选派文化指导员下基层",
        "“种”出一方文化好风景",
        "“这么难得的提升表演水平的机会，咱可不能错过。”一位居民说。",
        "四川内江市产业帮扶巴中市通江县",
        "梅花鸡鸣百姓富",
        "暮春时节，通江县的山坡上，梅花鸡成群觅食。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "千年稻种缘何焕发新机（话说新农村）", "“种”出一方文化好风景", "梅花鸡鸣百姓富"
    ]  # fmt: skip


def test_plain_page_a_package_title_over_its_pictures_and_lead_keeps_its_reports() -> None:
    """A package's title of two spaced phrases over pictures (captions and credits, another paper's
    photographer among them: ``《中国经济周刊》记者  肖  翊摄``) and a lead keeps its bylined reports."""
    doc = page_of(
        "铭记二战历史  传承深厚友谊",
        "当地时间5月3日，中国人民解放军仪仗队在莫斯科参加彩排。",
        "于子恒摄",
        "俄罗斯民众向莫斯科无名烈士墓献花。",
        "《中国经济周刊》记者  肖  翊摄",
        "在“梨花开遍了天涯”的季节，中俄两国人民共同纪念胜利。",
        "苏联援华航空队“鹰击长空”",
        "本报记者  强郁文  谢亚宏",
        "湖北武汉市江岸区解放公园东南角，有一座苏联空军志愿队烈士墓园。",
        "在大漠戈壁开辟出一条国际“生命线”",
        "本报记者  李  亚  杨  彦",
        "新疆霍尔果斯，一列中欧班列缓缓驶入口岸。",
        "不断壮大促进世界和平与发展的力量（和音）",
        "今年是中国人民抗日战争暨世界反法西斯战争胜利80周年。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "铭记二战历史  传承深厚友谊", "不断壮大促进世界和平与发展的力量（和音）"
    ]  # fmt: skip


def test_plain_page_a_maps_approval_number_and_a_joint_data_source_close_their_article() -> None:
    """A map's approval number (``审图号为云S（2023）46号``), a joint data source (``数据和资料来源：…``) and a chart's
    (``图表数据来源：…``) are closing lines of the article above, never headlines."""
    doc = page_of(
        "科技金融让“硬科技”更硬气（财经眼）",
        "图为科研人员在实验室工作。",
        "孙  旺摄",
        "数据和资料来源：中国人民银行等",
        "在山东菏泽的生产基地内，一家新材料企业的生产线满负荷运转。",
        "云南边境的李家大院（边疆行）",
        "李家大院一角。",
        "人民网记者  庄志斌摄",
        "图片来源：云南省地理信息公共服务平台",
        "审图号为云S（2023）46号",
        "出生在缅甸的余鸿仙向客人介绍大院的历史。",
        "城墙保护的南京实践（文化遗产）",
        "南京城墙保存完好的部分长达二十余公里。",
        "图表数据来源：南京城墙保护管理中心",
        "近年来，南京持续推进城墙保护立法。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "科技金融让“硬科技”更硬气（财经眼）",
        "云南边境的李家大院（边疆行）",
        "城墙保护的南京实践（文化遗产）",
    ]


def test_plain_page_readers_letters_after_a_digest_and_short_restating_sections() -> None:
    """Readers' letters under a column label (``来论``) after a press digest are the column's own article (a
    reader's place and name is no speaker's offices); a short paired heading whose paragraph opens with its
    first words (``创意呈现  赏心悦目`` / ``创意呈现，…``) is a section, not a profile."""
    letters = page_of(
        "涉企检查不能只“看病”不“开方”（纵横）",
        "笔者在基层调研了解到，一些地方职能部门在检查中只挑毛病。",
        "（摘编自《中国纪检监察报》）",
        "来论",
        "演出莫要“一票难退”",
        "山东烟台  李江梅",
        "近日，和朋友一起购买了两张演唱会门票，却退不了。",
        "“磨刀”“砍柴”两不误",
        "四川巴中  任志龙",
        "基层干部身处干事创业、服务群众的第一线。",
    )
    assert [a.title for a in articles_of(letters)] == ["涉企检查不能只“看病”不“开方”（纵横）", "来论"]
    sections = page_of(
        "博物馆，边界在延展（大数据观察）",
        "今年以来，各地博物馆参观人数持续增长。",
        "功能拓展  百花齐放",
        "功能拓展，让博物馆成为城市的文化客厅。",
        "数字创新  妙趣横生",
        "数字创新，让文物“活”起来。",
        "创意呈现  赏心悦目",
        "创意呈现，让博物馆里的文物和历史更加鲜活。",
    )
    assert [a.title for a in articles_of(sections)] == ["博物馆，边界在延展（大数据观察）"]


def test_plain_page_brief_column_is_one_article_as_printed() -> None:
    doc = page_of(
        "年底超七成涉税事项“最多跑一次”",
        "本报北京2月20日电（记者吴秋余）记者从20日举行的会议上获悉。",
        "速览",
        "首次央行票据互换操作开展",
        "本报北京2月20日电（记者欧阳洁）人民银行20日开展了首次央行票据互换操作。",
        "人工智能创新发展试验区落户北京",
        "本报北京2月20日电（记者赵永新）试验区20日揭牌。",
        "坚决打赢疫情防控阻击战（来自一线的报道）",
        "疫情就是命令，防控就是责任。",
    )
    a, b, c = articles_of(doc)
    assert a.title == "年底超七成涉税事项“最多跑一次”"
    assert (b.title, [s.title for s in b.sections]) == (
        "速览", ["首次央行票据互换操作开展", "人工智能创新发展试验区落户北京"]
    )  # fmt: skip
    assert c.title == "坚决打赢疫情防控阻击战（来自一线的报道）"


def test_plain_page_a_years_event_under_a_dot_is_no_brief_label() -> None:
    """A dated story headlined with a year and a middle dot (``2026·中俄三亚对话举办``) is no brief column's
    label: the dated story after it is an article of its own."""
    doc = page_of(
        "刘海星会见智利共和党干部考察团",
        "新华社北京3月4日电  3月4日，中联部部长刘海星会见智利共和党干部考察团。",
        "2026·中俄三亚对话举办",
        "本报三亚3月4日电  （记者张光政）3月3日至4日，中俄三亚对话在海南三亚举办。",
        "2026年“亲情中华·四海同春”走进西班牙",
        "本报马德里3月4日电  （记者程龙、颜欢）日前，演出在马德里举行。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "刘海星会见智利共和党干部考察团", "2026·中俄三亚对话举办", "2026年“亲情中华·四海同春”走进西班牙"
    ]  # fmt: skip


def test_plain_page_lead_in_lines_and_pull_quotes_are_body() -> None:
    doc = page_of(
        "激发走好新时代长征路的不竭动力（评论员观察）",
        "中国共产党作为百年大党，要始终得到人民拥护和支持，书写中华民族千秋伟业",
        "对历史最好的纪念，是叩问初心、守护初心。",
        "这正是：",
        "数罟入水江无鱼，",
        "资源宝库今告急。",
        "突出“关键少数”——",
        "各级党委理论学习中心组坚持学在前、走在前。",
    )
    (a,) = articles_of(doc)
    assert a.sections == () and len(a.blocks) == 7
    # Such lines are whole: only the verse line ending in a comma runs on into the next block.
    assert [b.joins_previous for b in a.blocks] == [False, False, False, False, True, False, False]


def test_plain_page_two_line_headers_kicker_first_unless_the_second_line_is_a_subtitle() -> None:
    doc = page_of(
        "LG杯世界围棋棋王战决赛",
        "杨鼎新扳回一城",
        "本报北京2月13日电（记者郑轶）第二十三届LG杯决赛第二局13日结束。",
        "全国政协十三届三次会议举行视频会议",
        "汪洋出席 12名委员作大会发言",
        "本报北京5月25日电（记者张三）全国政协25日举行视频会议。",
        "800多万返乡农民工就地就近就业",
        "31个省区市设立农民工就业补助资金",
        "本报北京5月29日电（记者李四）记者从人社部获悉。",
    )
    a, b, c = articles_of(doc)
    assert (a.kicker, a.title) == ("LG杯世界围棋棋王战决赛", "杨鼎新扳回一城")
    assert (b.kicker, b.title, heads(doc, b)[1]) == (
        None,
        "全国政协十三届三次会议举行视频会议",
        "汪洋出席 12名委员作大会发言",
    )
    assert (c.kicker, c.title) == (None, "800多万返乡农民工就地就近就业")


def test_plain_page_series_title_keeps_its_parts() -> None:
    doc = page_of(
        "坚守科技一线的人们",
        "贵州，500米口径球面射电望远镜——",
        "“保障望远镜的正常运行，让‘天眼’越来越明亮”",
        "春节，是中国人阖家团聚的日子。",
        "海南，南繁育种基地——",
        "“干这一行，我们都是把一年当作两年用”",
        "1月25日，学院年终总结会如期举行。",
        "向这种坚守致敬（评论）",
        "当我们欢度新春时，有一群人却无法和家人团聚。",
    )
    a, b = articles_of(doc)
    assert a.title == "坚守科技一线的人们" and b.title == "向这种坚守致敬（评论）"
    assert [s.title for s in a.sections] == [
        "贵州，500米口径球面射电望远镜——",
        "“保障望远镜的正常运行，让‘天眼’越来越明亮”",
        "海南，南繁育种基地——",
        "“干这一行，我们都是把一年当作两年用”",
    ]


def test_plain_page_exclamation_headline_over_a_dateline_and_long_tagged_headline() -> None:
    tagged = (
        "为创造更加美好的明天而奋斗（守初心 担使命 找差距 抓落实·深入开展“不忘初心、牢记使命”主题教育活动）"
    )
    doc = page_of(
        "武汉，加油！",
        "本报武汉1月24日电（记者张三）24日，武汉各界坚守岗位。",
        "“妈妈，你什么时候回来？”",
        "孩子在电话里问。",
        tagged,
        "在新中国成立70周年之际，各地扎实开展主题教育。",
    )
    a, b = articles_of(doc)
    assert (a.title, b.title) == ("武汉，加油！", tagged)
    assert a.sections == ()


@pytest.mark.skipif(not (PAGES_DEV / "truth.jsonl").exists(), reason="../shared/data/pages-dev not present")
def test_pages_dev_split_at_least_as_well_as_measured() -> None:
    """Floors a little under what bench.pages measures on the 60 real pages, so a rule that breaks real
    layouts fails here even when the hand-written pages above still pass."""
    from bench.pages import score_pages, summarise

    s = summarise("all", score_pages(PAGES_DEV))
    assert (s.pages, s.articles) == (60, 336)
    assert s.recall >= 0.98 and s.precision >= 0.98, s
    assert s.exact >= 0.94 and s.body >= 0.99, s


def test_plain_page_headline_and_subtitle_cues_of_a_two_line_header() -> None:
    """Who chaired, when the news takes effect and a counted figure leading the first line make the two
    lines headline + subtitle; a bare subject over a statement stays kicker + headline."""
    doc = page_of(
        "市政府举行第十二次常务会议",
        "王五主持",
        "本报杭州5月17日电（记者李四）会议研究了城市更新工作。",
        "新版垃圾分类条例",
        "今起正式施行",
        "本报上海7月1日电（记者赵六）条例对分类投放作出规定。",
        "全省再取消32项办事证明",
        "累计精简比例过半",
        "本报南京3月2日电（记者钱七）省政府近日公布取消的证明事项。",
        "省港航中心",
        "优化船舶过闸调度服务",
        "本报合肥3月2日电（记者孙八）省港航中心推出预约过闸。",
    )
    got = [(a.kicker, a.title, heads(doc, a)[1]) for a in articles_of(doc)]
    assert got == [
        (None, "市政府举行第十二次常务会议", "王五主持"),
        (None, "新版垃圾分类条例", "今起正式施行"),
        (None, "全省再取消32项办事证明", "累计精简比例过半"),
        ("省港航中心", "优化船舶过闸调度服务", "优化船舶过闸调度服务"),
    ]


def test_plain_page_a_provinces_news_over_the_count_that_backs_it() -> None:
    """A province's news in one statement over a plain line holding a count is headline + subtitle; a
    slogan under a place's news, or a line leading with its figure, is the headline under a kicker."""
    doc = page_of(
        "湖北持续推进湿地保护修复",
        "已建成湿地公园六十八处",
        "本报武汉3月5日电（记者周九）湖北近年来持续推进湿地保护修复。",
        "湖北咸宁发展特色茶产业",
        "小茶叶  大产业",
        "本报武汉3月5日电（记者吴十）咸宁茶园春茶开采。",
        "湖北汽车零部件企业",
        "90%满产运行",
        "本报武汉3月5日电（记者郑一）省内汽车零部件企业订单饱满。",
    )
    got = [(a.kicker, a.title) for a in articles_of(doc)]
    assert got == [
        (None, "湖北持续推进湿地保护修复"),
        ("湖北咸宁发展特色茶产业", "小茶叶  大产业"),
        ("湖北汽车零部件企业", "90%满产运行"),
    ]
    assert heads(doc, articles_of(doc)[0])[1] == "已建成湿地公园六十八处"


def test_plain_page_a_provinces_news_over_its_dated_report_is_headline_and_subtitle() -> None:
    """Over a dated report, a province's news in one statement is the headline and the plain line under it
    the subtitle, counted or not; a city's or county's news, or a line naming only who acts, is a kicker."""
    doc = page_of(
        "湖北推进城乡垃圾分类处理",
        "相关治理能力稳步提升",
        "本报武汉3月5日电（记者周九）湖北近日出台城乡垃圾分类处理方案。",
        "湖北咸宁市通山县创建“服务清单”",
        "将便民服务送到群众家门口",
        "本报武汉3月5日电（记者吴十）通山县推出党员服务清单。",
        "湖北省汽车行业协会负责人",
        "就新能源汽车出口发表看法",
        "本报武汉3月5日电（记者郑一）协会负责人接受本报记者采访。",
    )
    got = [(a.kicker, a.title) for a in articles_of(doc)]
    assert got == [
        (None, "湖北推进城乡垃圾分类处理"),
        ("湖北咸宁市通山县创建“服务清单”", "将便民服务送到群众家门口"),
        ("湖北省汽车行业协会负责人", "就新能源汽车出口发表看法"),
    ]
    assert heads(doc, articles_of(doc)[0])[1] == "相关治理能力稳步提升"


def test_plain_page_a_dated_reports_news_over_its_count_is_headline_and_subtitle() -> None:
    """Over a dated report, news told in one statement over a plain line holding a count (``今年补水线路总长
    1274公里``) is headline + subtitle; a feature's undated two-line section head keeps its kicker reading."""
    doc = page_of(
        "京杭大运河连续4年全线水流贯通",
        "今年补水线路总长1274公里",
        "本报北京3月24日电  （记者王浩）位于山东德州的四女寺枢纽南闸缓缓开启。",
        "双城经济圈高质量发展迈上新台阶（权威发布）",
        "五年来，成渝地区双城经济圈建设成效显著。",
        "共同打造现代化产业体系",
        "全国每7台汽车有1台产自川渝",
        "国家发展改革委有关负责人介绍，双城经济圈产业协同不断深化。",
        "携手共建民生“幸福圈”",
        "两地每9分钟开行1列高铁",
        "两地携手推进公共服务共建共享。",
    )
    a, b = articles_of(doc)
    assert (a.kicker, a.title, heads(doc, a)[1]) == (
        None,
        "京杭大运河连续4年全线水流贯通",
        "今年补水线路总长1274公里",
    )
    assert b.title == "双城经济圈高质量发展迈上新台阶（权威发布）"
    assert [sec.title for sec in b.sections][:2] == ["共同打造现代化产业体系", "全国每7台汽车有1台产自川渝"]


def test_plain_page_a_subtitle_that_sets_out_measures_or_repeats_the_act_sits_under_its_headline() -> None:
    """Over a dated report, a plain line that sets out what a policy holds (``明确…``) or lists its measures
    cut short (``…、…等``) is a subtitle, and so is one that repeats the headline's act for a lesser actor; an
    undated feature's two-line section heads stay its sections, and a headline that merely ends like its kicker,
    or ends in ``等`` with no list, stays the headline."""
    doc = page_of(
        "养老服务设施建设指引出台",
        "明确社区养老服务设施配建标准",
        "本报北京3月5日电  （记者周九）民政部日前印发养老服务设施建设指引。",
        "湖南长沙推进就业服务进社区",
        "设立零工驿站、就业服务站等",
        "本报长沙3月5日电  （记者吴十）长沙市日前出台措施推进就业服务进社区。",
        "习近平同某国总统就两国建交50周年互致贺电",
        "李强同某国总理互致贺电",
        "新华社北京3月5日电  国家主席习近平同某国总统互致贺电。",
        "深化产教融合（聚焦职业教育）",
        "职业教育正在更好地服务产业需求。",
        "推进职普融通",
        "为学生成长成才提供多样化路径",
        "【背景】多地在中小学开展职业体验课程。",
        "苏华：职普融通要从小学抓起。",
        "促进产教融合",
        "推进职业教育与产业发展深度融合",
        "【背景】多地职业院校从企业聘请技术骨干。",
        "张玉清：深化产教融合，关键要抓好“五金”建设。",
        "加强人才供给",
        "培养高素质复合型技术技能人才",
        "【背景】高等职业学校新增专业布点上千个。",
        "张运凯：核心在需求牵引、精准对接。",
    )
    arts = articles_of(doc)
    assert [(a.kicker, a.title, heads(doc, a)[1]) for a in arts[:3]] == [
        (None, "养老服务设施建设指引出台", "明确社区养老服务设施配建标准"),
        (None, "湖南长沙推进就业服务进社区", "设立零工驿站、就业服务站等"),
        (None, "习近平同某国总统就两国建交50周年互致贺电", "李强同某国总理互致贺电"),
    ]
    assert [a.title for a in arts[3:]] == ["深化产教融合（聚焦职业教育）"]
    doc = page_of(
        "坚定不移推动高质量发展",
        "广东制造业加快推动高质量发展",
        "本报广州3月5日电  （记者郑一）广东制造业增加值保持增长。",
        "男女同工同酬",
        "实现劳动报酬平等",
        "本报北京3月5日电  （记者周九）多地出台措施保障女职工权益。",
    )
    assert [(a.kicker, a.title) for a in articles_of(doc)] == [
        ("坚定不移推动高质量发展", "广东制造业加快推动高质量发展"),
        ("男女同工同酬", "实现劳动报酬平等"),
    ]


def test_plain_page_a_series_theory_piece_runs_to_its_authors_line_over_headings_that_name_themselves() -> None:
    """A long-form series' piece runs to the author's line that closes it: label-led section headings whose
    paragraphs repeat their words (which alone would read as a profile's name) and a last section unlike
    them stay its sections; a piece whose own author's line (a note on the page's pieces may follow it) closed it
    ends there."""
    doc = page_of(
        "中国共产党成功密码的系统凝练与理论升华（深入学习贯彻习近平新时代中国特色社会主义思想）",
        "总结党的优秀特质，是新时代党的建设理论的重要内容。",
        "矢志追求真理：从理论优势到更高理论自觉",
        "理论优势，是我们党在长期奋斗中形成的首要优势。",
        "深深植根人民：从密切联系群众的优势到坚实根基",
        "密切联系群众，是我们党不断发展壮大的重要原因。",
        "深深植根人民是对密切联系群众的优势的时代诠释。",
        "敢于善于斗争：从组织优势到精神品格",
        "组织优势，是党凝聚力量、统一行动的根本保证。",
        "注重强健自身：从制度优势到始终充满生机活力",
        "在我们党的优秀特质中，注重强健自身回答的是一个重大课题。",
        "六大优秀特质的有机统一与理论跃升",
        "优秀特质是相互贯通、有机统一的整体。",
        "（作者为某大学马克思主义学院教授）",
        "打造惠及周边的制度型公共产品（有的放矢）",
        "推动法律法规有效衔接，优化合作共赢法治环境。",
        "（作者为某大学国际关系学院院长）",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == [
        "中国共产党成功密码的系统凝练与理论升华（深入学习贯彻习近平新时代中国特色社会主义思想）",
        "打造惠及周边的制度型公共产品（有的放矢）",
    ]
    assert [sec.title for sec in arts[0].sections][-1] == "六大优秀特质的有机统一与理论跃升"
    doc = page_of(
        "坚持多边主义正道  捍卫国际贸易秩序（深入学习贯彻习近平新时代中国特色社会主义思想）",
        "当下，国际贸易秩序面临严峻挑战。",
        "违宪滥权暴露美式治理的结构性危机",
        "从美国自身实践来看，关税措施缺乏法律依据。",
        "中国理性反制彰显大国责任担当",
        "今日的中国，既有捍卫自身核心利益的坚定意志。",
        "（作者单位：中国政法大学）",
        "（本版双头条文章由人民论坛杂志社组稿）",
        "增进老年人福祉",
        "发挥中医药作用助力银发经济发展",
        "新时代以来，我们党把中医药工作摆在更加突出的位置。",
        "（作者单位：南京中医药大学）",
    )
    assert [a.title for a in articles_of(doc)] == [
        "坚持多边主义正道  捍卫国际贸易秩序（深入学习贯彻习近平新时代中国特色社会主义思想）",
        "发挥中医药作用助力银发经济发展",
    ]
    doc = page_of(
        "儿童学游泳，听听这些专业建议（健身视野·服务站）",
        "游泳是青少年运动的热门选择。家长该如何挑选培训班？",
        "几岁开始学，培训班怎么选",
        "教练认为，儿童在适当年龄段掌握游泳技能，能大幅降低溺水风险。",
        "怕水怎么办，入门选哪种泳姿",
        "部分孩子天生怕水，教练此时不能强迫孩子扎水。",
        "啥是“游泳肩”，如何防溺水",
        "任何水域活动必须有专人看护。",
        "游泳装备选购指南",
        "选购游泳装备，需要结合自身体型和使用场景合理选择。",
        "（作者为某游泳学校教练，本报记者某某整理）",
    )
    titles = ["儿童学游泳，听听这些专业建议（健身视野·服务站）", "游泳装备选购指南"]
    assert [a.title for a in articles_of(doc)] == titles  # a service column's compound tag is no theory series


def test_plain_page_a_line_ending_in_a_dash_under_a_section_heading_leads_into_its_text() -> None:
    """A headline never ends in a dash: under a section heading, such a line leads into the section's text
    and starts no article."""
    doc = page_of(
        "走出一条中国特色城市发展道路",
        "——以习近平同志为核心的党中央引领城市工作纪实",
        "中国大地上，690多座城市星罗棋布。",
        "“认识、尊重、顺应城市发展规律，端正城市发展指导思想”",
        "盛夏的雄安新区，一派生机勃勃——",
        "启动区满目葱茏，一座座楼宇拔地而起。",
        "“城市管理应该像绣花一样精细”",
        "城市管理要在科学化、精细化、智能化上下功夫。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["走出一条中国特色城市发展道路"]
    assert "盛夏的雄安新区，一派生机勃勃——" not in [sec.title for sec in arts[0].sections]


def test_plain_page_a_question_opening_the_page_over_a_headline_is_its_kicker() -> None:
    """A question is a heading line only where it ends no text: over a dateline, after a closing line, or as
    the page's first line over a headline (the first article's kicker); mid-page over a headline it stays
    the paragraph it ends."""
    doc = page_of(
        "高温津贴和防暑降温费是一回事吗？单位不发高温津贴怎么办？",
        "高温天气下，劳动者权益如何保障（服务窗）",
        "近期，全国多地持续遭遇高温天气，劳动者权益保障受到关注。",
        "用人单位应当按规定发放高温津贴。你准备好了吗？",
        "天热了，你喝水了吗？",
        "养老社区飞出青春音符（暖相册）",
        "老人们在社区里学唱新歌。",
    )
    arts = articles_of(doc)
    assert [(a.kicker, a.title) for a in arts] == [
        ("高温津贴和防暑降温费是一回事吗？单位不发高温津贴怎么办？", "高温天气下，劳动者权益如何保障（服务窗）"),
        (None, "养老社区飞出青春音符（暖相册）"),
    ]
    assert doc.text[arts[0].blocks[-1].start : arts[0].blocks[-1].end] == "天热了，你喝水了吗？"


def test_plain_page_a_long_series_tag_ending_like_a_comments_keeps_its_pieces_sections() -> None:
    """A comment has no sections, but a long-form series' tag that only ends like a comment's
    (``…学习贯彻众论``) is no comment column: its piece's headings are sections."""
    doc = page_of(
        "深刻认识法治思想在实践中的创新发展（深入学习贯彻习近平新时代中国特色社会主义思想·法治思想学习贯彻众论）",
        "开栏的话",
        "党的十八大以来，法治中国建设取得历史性成就。",
        "本版今起推出系列理论文章，敬请关注。",
        "创新发展法治目的理论",
        "新时代为什么实行全面依法治国？这是一个根本问题。",
        "创新发展法治现代化理论",
        "法治现代化是中国式现代化的重要内容。",
        "创新发展法学研究方法论",
        "法学研究要坚持正确的方法论。",
        "（作者为某大学法学院教授）",
        "打好干事创业提前量（思想纵横）",
        "凡事预则立，不预则废。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "深刻认识法治思想在实践中的创新发展（深入学习贯彻习近平新时代中国特色社会主义思想·法治思想学习贯彻众论）",
        "打好干事创业提前量（思想纵横）",
    ]


def test_plain_page_kicked_parts_whose_headlines_share_a_style_stay_in_their_package() -> None:
    """Two or more parts in a row, each a kicker over a headline (bylined or not), whose headlines share a style
    with one another and with the first part's, are sections of the package whose title heads them: over a
    short lead, or carrying the first part's kicker and headline itself; a dated report is no package's title."""
    doc = page_of(
        "渔业合作搭建互利共赢发展桥梁",
        "消除贫困是人类的共同使命。依托自身发展与减贫成就，中国积极开展渔业合作。",
        "柬埔寨智慧渔业试点项目——",
        "智慧养殖，探索农村减贫新路径",
        "本报记者  白元琪",
        "雨季，柬埔寨茶胶省的稻田绿浪翻滚。",
        "中乌南南合作项目——",
        "稻鱼共生，推动农业可持续发展",
        "本报记者  戴楷然",
        "盛夏时节，在乌干达东北部的一块稻田里，一尾尾罗非鱼游来游去。",
        "中埃罗非鱼新品系选育研究项目——",
        "因地制宜，破解罗非鱼养殖难题",
        "本报记者  沈小晓",
        "阳光洒在埃及伊斯梅利亚一处渔场。",
        "各地  抓好举措不停歇（民生一线）",
        "海南出台预防中小学生溺水若干规定",
        "制度筑堤，把防线推到落水之前",
        "海南省四面环海，亲水活动贯穿全年，预防溺水是一年到头的功课。",
        "江苏徐州建设一体化防控体系",
        "科技赋能，用“智慧大脑”守护平安",
        "几场大雨过后，引龙河水位上涨，岸边的智能监测杆亮起了提示灯。",
        "辽宁阜新推广公益培训",
        "亲子共学，让防溺本领“游”进千家万户",
        "7月20日，一堂亲子防溺水公益培训在阜新市体育馆开课。",
        "养老社区飞出青春音符（暖相册）",
        "老人们在社区里学唱新歌。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "渔业合作搭建互利共赢发展桥梁",
        "各地  抓好举措不停歇（民生一线）",
        "养老社区飞出青春音符（暖相册）",
    ]
    doc = page_of(
        "江苏建设一体化水域防控体系",
        "科技赋能，守护群众平安",
        "本报南京7月23日电  （记者王伟）徐州市建成水域防溺水智能监测网。",
        "江西婺源发展生态旅游",
        "生态优先，绿水青山引客来",
        "婺源的油菜花田吸引了大批游客。",
        "贵州榕江壮大特色产业",
        "产业振兴，村超带火农特产",
        "榕江的村超赛场边，特产摊位前排起长队。",
    )
    assert len(articles_of(doc)) == 3  # a dated report is no package's title


def test_plain_page_netizens_suggestions_under_a_spaced_label_are_one_column() -> None:
    """A label of two short groups spaced apart (``全民健身  网友建言``) over suggestions each signed by a netizen
    under a dash (``——人民网网友ID…``) is one column: the label its title, the suggestions its sections."""
    doc = page_of(
        "全民健身  网友建言",
        "公园增设乒乓球场地",
        "本人居住在陕西西安曲江文化运动公园周边，建议公园增设乒乓球场地。",
        "——人民网网友ID25543841",
        "举办全镇村级篮球联赛",
        "广东茂名电白区观珠镇篮球场地充足，篮球爱好者众多。",
        "——人民网网友ID25548866",
        "推进体育场所配套建设",
        "河南郑州中牟新区刘集街道人口较多，但周边体育场所不足。",
        "——人民网网友ID25789140",
        "全新赛制重塑团体竞争格局（体育观察）",
        "本届赛事首次采用全新团体赛制。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["全民健身  网友建言", "全新赛制重塑团体竞争格局（体育观察）"]
    assert [sec.title for sec in arts[0].sections][:3] == ["公园增设乒乓球场地", "举办全镇村级篮球联赛", "推进体育场所配套建设"]


def test_plain_page_a_panels_guest_list_runs_on_whatever_the_roles() -> None:
    """In a panel's guest list opened by its label, a name with its role in brackets is the next guest whatever
    the role (``…常任指挥``), and so are the reporters listed under one role: none heads an article. A short tagged
    headline after one writer's line is no list."""
    doc = page_of(
        "要有根，要拥有民族精神（面对面）",
        "对话人：陈燮阳（上海交响乐团名誉音乐总监）",
        "李心草（中国音乐学院院长）",
        "景  焕（中国交响乐团常任指挥）",
        "王  瑨  赵偲汝（本报记者）",
        "中国交响乐团成立70年了。一系列团庆活动引发关注。",
        "中国已成为全球增长最快的音乐市场之一。",
        "老一辈为我们筑牢了根基",
        "记者：交响乐在中国落地生根，经历了怎样的历程？",
        "陈燮阳：老一辈艺术家为中国交响乐打下了坚实基础。",
        "李心草：恩师常说，音乐要有根。",
        "讲述中国人的情感和故事",
        "记者：怎样让作品从内而外散发中华文化的魅力？",
        "景焕：民族元素不只是“佐料”。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["要有根，要拥有民族精神（面对面）"]
    assert [sec.title for sec in arts[0].sections] == ["老一辈为我们筑牢了根基", "讲述中国人的情感和故事"]
    doc = page_of(
        "让经典在舞台上常演常新（文艺观察）",
        "经典剧目的复排，是一次向传统的致敬。",
        "潘  虹（演员）",
        "守望星空（新语）",
        "仰望星空，是人类探索未知的开始。",
    )
    assert [a.title for a in articles_of(doc)] == ["让经典在舞台上常演常新（文艺观察）", "守望星空（新语）"]


def test_plain_page_a_panels_guests_named_before_their_offices_head_nothing() -> None:
    """Under a panel's label (``对话嘉宾：``) guests may be named before their offices, with no brackets (``张  焱  …
    教务处处长``, ``李轶男  …中心主任``), or after any office (``…语文正高级教师  乙某某``): they are the list's lines,
    not a kicker or a headline over the panel's talk."""
    guests = ["张  焱  某某工艺美术学院教务处处长", "彭  鑫  某某大学计算与智能创新学院教授", "李轶男  某某大学写作与沟通教学中心主任"]
    doc = page_of(
        "AI来了，大学课堂应该怎么变（深聚焦）",
        "人工智能正深刻改变大学课堂的教与学。",
        "对话嘉宾：",
        *guests,
        "课程之变：",
        "应对技术挑战，培养驾驭人工智能的人才",
        "记者：人工智能进入课堂，课程设置要怎么变？",
        "张焱：我们新开设了一批人工智能通识课。",
        "关系之变：",
        "人工智能负责低阶任务，师生专注于高阶思维",
        "记者：师生关系会因此改变吗？",
        "彭鑫：老师的角色正在从讲授者转向引导者。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["AI来了，大学课堂应该怎么变（深聚焦）"]
    assert all(g in doc.text[arts[0].start : arts[0].end] for g in guests)
    panel = page_of(
        "文学创作不再是专业作家独有的领域（人文对话）",
        "本届文学奖评选结果揭晓，引发社会广泛关注。",
        "对话嘉宾：",
        "第九届文学奖评委、某省作家协会主席  甲某某",
        "第九届文学奖评委、某中学语文正高级教师  乙某某",  # any office, under the label
        "评奖机制革新，进一步确保公平公正",
        "记者：本届评奖有哪些新变化？",
        "甲某某：评奖机制进一步完善。",
        "一场大众均可参与的文学巡礼",
        "记者：如何看待文学的大众化？",
        "乙某某：文学创作不再是专业作家独有的领域。",
    )
    assert [a.title for a in articles_of(panel)] == ["文学创作不再是专业作家独有的领域（人文对话）"]


def _told_voice(title: str, name: str, teller: str) -> list[str]:
    return [
        title,
        name,
        f"我是一名{teller}，这几年在工作中不断学习，努力把每一件小事做好。",
        "新的一年，我希望继续努力，为身边的人多做一些实事。",
        f"（作者为{teller}，本报记者某某采访整理）",
    ]


def test_plain_page_voices_told_to_a_reporter_under_a_label_are_one_article() -> None:
    """Voices told to a reporter, each named under its heading and closed by its teller's line (``（作者为…，本报记者…
    采访整理）``), three or more in a row, the first under a label (``心声``): the label starts an article and the voices
    are its parts, however each closes."""
    doc = page_of(
        "敢于有梦  勇于追梦（追梦人）",
        "支持青年发展，规划纲要设置专节，为青年成长提供坚实保障。",
        "最大限度激发青年的力量",
        "记者：规划纲要将如何落地实施？",
        "甲某：要关注青年所思、所忧、所盼。",
        "构建全链条的支持体系",
        "记者：怎样让年轻人更有获得感？",
        "乙某：关键在于找准政策发力点。",
        "心声",
        *_told_voice("更好服务城市运转", "贾亚灿", "外卖骑手"),
        *_told_voice("创新的未来在青年", "郑  辉", "科技公司创始人"),
        *_told_voice("把论文写在大地上", "董林峰", "硕士研究生"),
        *_told_voice("想为村民多办点事", "王莎莎", "村党支部书记"),
        "政策托举  前路敢闯（青年观）",
        "青年逐梦，最动人的底气，莫过于有前行之路、无后顾之忧。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["敢于有梦  勇于追梦（追梦人）", "心声", "政策托举  前路敢闯（青年观）"]
    assert [s.title for s in arts[1].sections][:2] == ["更好服务城市运转", "创新的未来在青年"]


def test_plain_page_voices_told_under_their_own_column_tags_stay_articles() -> None:
    """Pieces told to a reporter that each carry a column tag (``（文物有话说）``) are the column's articles, one
    after another, not one package's voices."""
    doc = page_of(
        "数字光影重启风华（文化中国行）",
        "千年乐舞绽放新颜，数字技术让文物活起来。",
        *_told_voice("闭合是鼎，开启为灯（文物有话说）", "甲  某", "博物馆副研究馆员"),
        *_told_voice("既能照明，也能吸烟（文物有话说）", "乙  某", "博物馆副馆长"),
        *_told_voice("火树银花，明暗调节（文物有话说）", "丙  某", "博物馆馆员"),
    )
    assert [a.title for a in articles_of(doc)] == [
        "数字光影重启风华（文化中国行）",
        "闭合是鼎，开启为灯（文物有话说）",
        "既能照明，也能吸烟（文物有话说）",
        "火树银花，明暗调节（文物有话说）",
    ]


def test_plain_page_voices_signed_with_spaced_names_head_nothing() -> None:
    """A speaker's line under their words with a two-character name spaced out (``——鸥  洋（广州美术学院教授）``) is
    the quote's source, like an unspaced one, never a headline; the essay after the voices starts an article."""
    doc = page_of(
        "大地赞歌·创新",
        "美术是青年一代追求梦想、记录时代、探索创新的鲜活载体。",
        "——编  者",
        "回望与寄语",
        "作为年近九旬的老画家，我常常想起自己当年参加青年美展的情景。",
        "我希望今天的青年艺术家勇于开拓自己的艺术道路。",
        "——鸥  洋（某美术学院教授）",
        "今年是联展创立40周年，作为曾经的参展者，我感慨良多。",
        "——李  磊（某戏剧学院教授）",
        "“何以青春”的答案",
        "约两年一届的青年美术大展，早已成为城市的文化名片。",
        "回望45年发展脉络，这份与时俱进的创新底气令人感佩。",
        "（作者为某市美术家协会秘书长）",
    )
    titles = [a.title for a in articles_of(doc)]
    assert "——鸥  洋（某美术学院教授）" not in titles and "——李  磊（某戏剧学院教授）" not in titles
    assert titles[-1] == "“何以青春”的答案"


_POLICY_QA = [
    "记者：办法出台的背景是什么？",
    "答：办法的出台，是落实党中央决策部署的重要举措。",
    "记者：评价考核将如何开展？",
    "答：办法从目标分解、结果评定、实施程序等方面作出规定。",
]


def test_plain_page_a_heading_over_a_reporters_questions_answered_starts_an_article() -> None:
    """After a policy explainer's prose sections, a heading over a reporter's questions answered by an official
    (``记者：…`` / ``答：…``) is a spokesperson's interview of its own, not the explainer's last section."""
    doc = page_of(
        "更高水平做好节能降碳工作（政策解读）",
        "近日，有关部门印发意见，部署节能降碳工作。",
        "节能降碳是高质量发展的重要举措",
        "意见提出，要把节能降碳摆在更加突出的位置。",
        "协同推进节能降碳与绿色转型",
        "意见明确，要处理好节能降碳和能源安全的关系。",
        "将评价考核作为绿色转型的重要抓手",
        *_POLICY_QA,
    )
    titles = [a.title for a in articles_of(doc)]
    assert titles == ["更高水平做好节能降碳工作（政策解读）", "将评价考核作为绿色转型的重要抓手"]


def test_plain_page_a_heading_over_prose_after_an_answered_interview_starts_an_article() -> None:
    """A heading over prose after a reporter's questions answered by an official starts the next article; the
    interview's bold summaries, each over the next question, stay its own."""
    doc = page_of(
        "促进高校毕业生高质量充分就业（政策解读）",
        "近日，有关方面印发意见，就业服务体系建设迈出新步伐。",
        *_POLICY_QA[:2],
        "构建以促进供需适配为导向的高等教育管理体制和人才培养模式",
        *_POLICY_QA[2:],
        "向前发展，需要更大的推动力",
        "今年全国两会上，5%左右的增长目标引发关注。",
        "不少国外媒体和分析机构认为，这是一个雄心勃勃的目标。",
    )
    titles = [a.title for a in articles_of(doc)]
    assert titles == ["促进高校毕业生高质量充分就业（政策解读）", "向前发展，需要更大的推动力"]


def test_plain_page_an_answered_interviews_intro_keeps_its_first_question() -> None:
    """An interview whose headline is over an intro and whose questions come under headings is one article: only
    prose under sections of its own gives way to an interview."""
    doc = page_of(
        "就《行政复议法实施条例》答记者问",
        "近日，国务院公布《行政复议法实施条例》，司法部负责人就有关问题回答了记者提问。",
        "条例出台的重要意义",
        *_POLICY_QA[:2],
        "如何抓好条例贯彻落实",
        *_POLICY_QA[2:],
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["就《行政复议法实施条例》答记者问"]


def test_plain_page_a_features_question_box_stays_a_section() -> None:
    """A feature's box of questions put to an expert (``问：…`` / ``答：…``) is one of its sections, not an interview
    of its own: only a reporter's questions answered by an official make one."""
    doc = page_of(
        "脑机接口，加快接入现实生活",
        "脑机接口技术正从实验室走向临床和日常生活。",
        "定标准，规范医疗服务",
        "问：该标准对脑机接口医疗器械作出了什么定义？",
        "答：标准明确了脑机接口医疗器械的范围和分类。",
        "进门诊，助力康复训练",
        "在一家医院的康复科，患者正借助脑机接口进行训练。",
        "拓应用，再度触摸世界",
        "一位因伤失去双手的患者，借助脑机接口重新拿起了水杯。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["脑机接口，加快接入现实生活"]
    assert [s.title for s in arts[0].sections] == ["定标准，规范医疗服务", "进门诊，助力康复训练", "拓应用，再度触摸世界"]


_LONG_HEADS = [
    "以完善的生态文明制度体系筑牢生态环境保护根基",
    "用优质生态产品满足人民日益增长的优美生态环境需要",
    "在推动高质量发展中促进经济社会发展全面绿色转型",
]


def _long_headed(*lasts: str) -> Document:
    body = [x for h in _LONG_HEADS for x in (h, "党的十八大以来，生态文明建设取得历史性成就，美丽中国建设迈出重大步伐。")]
    told = ["夏日的林场，樟子松郁郁葱葱，一眼望不到边。", "1959年，他成为林场的一名工人，从此与沙地结缘。"]
    return page_of(
        "阔步迈向人与自然和谐共生的现代化",
        "2025年，全国地级及以上城市细颗粒物平均浓度继续下降。",
        *body,
        *[x for last in lasts for x in (last, *told)],
    )


def test_plain_page_a_headline_half_as_long_as_sentence_long_section_heads_starts_a_story() -> None:
    """After three or more sentence-long section heads (twenty characters or more), two headings half as long or
    shorter (``毛乌素沙地的绿色接力`` / ``让万物生灵自在栖息繁衍``) are stories printed under the feature, not its
    next sections; one alone is its last section (``加强党的全面领导``, a review's case)."""
    stories = ["毛乌素沙地的绿色接力", "让万物生灵自在栖息繁衍"]
    assert [a.title for a in articles_of(_long_headed(*stories))] == ["阔步迈向人与自然和谐共生的现代化", *stories]


def test_plain_page_a_shorter_section_head_among_long_ones_stays_a_section() -> None:
    """A heading shorter than the feature's sentence-long section heads but more than half as long
    (``让绿水青山转化为金山银山的实践路径``) is its next section."""
    arts = articles_of(_long_headed("让绿水青山转化为金山银山的实践路径"))
    assert [a.title for a in arts] == ["阔步迈向人与自然和谐共生的现代化"]
    assert [s.title for s in arts[0].sections] == [*_LONG_HEADS, "让绿水青山转化为金山银山的实践路径"]


def test_plain_page_a_contributors_line_closes_its_article() -> None:
    """A line crediting those who helped (``（赵宏笙对本文亦有贡献）``) closes its article like a reporter's line: the
    quoted heading after it heads an interview of its own, not the closed feature's next section."""
    doc = page_of(
        "共话文明互鉴新路径  书写全球治理新篇章",
        "近日，一场文明对话论坛在京举行，与会嘉宾围绕文明互鉴展开交流。",
        "“在文明之间建立理性对话，是实现世界和平的基础”",
        "一位外国学者表示，文明对话有助于增进相互理解。",
        "“多方交流能更好激发创新与创意”",
        "一位青年代表说，交流让不同文化的年轻人走到一起。",
        "（赵宏笙对本文亦有贡献）",
        "“文明对话比以往任何时候都更加重要”",
        "接受本报记者采访时，某国前总理表示，当今世界更需要文明对话。",
        "他说，中国提出的全球文明倡议为世界提供了重要启示。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "共话文明互鉴新路径  书写全球治理新篇章", "“文明对话比以往任何时候都更加重要”"
    ]  # fmt: skip


@pytest.mark.parametrize("mark", ["、", "，"])
def test_plain_page_a_name_broken_off_a_list_heads_nothing(mark: str) -> None:
    """A paragraph ending in an enumeration comma or a comma leaves its sentence open (``…桂海潮、`` / ``徐洪杰`` /
    ``、黄桂云等10位…``): the short line after it is the list's next name, not a headline."""
    doc = page_of(
        "弘扬科学家精神  汇聚创新力量",
        "本报北京5月29日电  （记者王五）全国科技工作者日主题活动29日在京举行。",
        f"活动邀请了王某某、李某某{mark}",
        "徐洪杰",
        "、黄桂云等10位科技工作者代表分享科研故事。",
        "坚持“四个面向”  矢志科技报国",
        "本报北京5月29日电  （记者赵六）一场科技报国主题座谈会29日举行。",
    )
    assert [a.title for a in articles_of(doc)] == ["弘扬科学家精神  汇聚创新力量", "坚持“四个面向”  矢志科技报国"]


def test_plain_page_a_title_printed_twice_heads_two_documents() -> None:
    """Two lists under one title (``全国人民代表大会常务委员会任命名单`` twice) are two documents: a heading word for
    word its article's headline never is that article's section, and the next list's title (``…任免名单``) heads
    one more."""
    title = "全国人民代表大会常务委员会任命名单"
    doc = page_of(
        "全国人民代表大会常务委员会公告",
        "截至目前，第十四届全国人民代表大会实有代表2900人。",
        "特此公告。",
        "（新华社北京6月26日电）",
        title,
        "任命王某为第十四届全国人民代表大会环境与资源保护委员会委员。",
        title,
        "任命曾某（女）为全国人民代表大会常务委员会代表资格审查委员会委员。",
        "全国人民代表大会常务委员会任免名单",
        "一、免去齐某（女）的最高人民法院刑事审判第一庭庭长职务。",
        "二、任命向某某（女）为最高人民法院审判员。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "全国人民代表大会常务委员会公告", title, title, "全国人民代表大会常务委员会任免名单"
    ]  # fmt: skip


def test_plain_page_a_chapter_quoted_in_an_amending_decision_is_a_section() -> None:
    """An amending decision quotes the law's new chapter heading (``“第六章  监督管理``, its quote left open): a
    numbered section of the decision, not a headline."""
    doc = page_of(
        "全国人民代表大会常务委员会关于修改《中华人民共和国注册会计师法》的决定",
        "（2026年6月26日第十四届全国人民代表大会常务委员会第二十三次会议通过）",
        "第十四届全国人民代表大会常务委员会第二十三次会议决定，对《中华人民共和国注册会计师法》作如下修改。",
        "一、将第一条修改为：“为了发挥注册会计师在社会经济活动中的鉴证和服务作用，制定本法。”",
        "二十、增加一章，作为第六章，内容如下。",
        "“第六章  监督管理",
        "“第五十条  国务院财政部门依法对注册会计师和会计师事务所进行监督检查，有关单位和个人应当予以配合。",
        "本决定自2027年1月1日起施行。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["全国人民代表大会常务委员会关于修改《中华人民共和国注册会计师法》的决定"]


def test_plain_page_a_heading_after_a_theory_pages_short_comment_starts_an_article() -> None:
    """The theory page's short comment column (``（思想纵横）``) has no sections: the plain heading after it heads
    the next article, whose own section headings follow."""
    doc = page_of(
        "政策执行不能“选择性适配”（思想纵横）",
        "党中央制定的政策，都经过深入调研和科学论证，具有全局性和系统性。",
        "当然，强调政策的刚性执行，并不是搞“一刀切”。",
        "推动国际中文教育高质量发展",
        "习近平总书记在全国教育大会上强调，要深入推动教育对外开放。",
        "融入本土教育，构建国际中文教育可持续发展网络",
        "推动国际中文教育融入各国国民教育体系。",
        "加强数智赋能，打造国际中文教育智慧化生态圈",
        "数字技术为国际中文教育带来新机遇。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["政策执行不能“选择性适配”（思想纵横）", "推动国际中文教育高质量发展"]
    assert len(arts[1].sections) == 2


def test_plain_page_an_edited_packages_part_keeps_its_sections_and_the_next_part() -> None:
    """An editor's note's package runs past a part's own section headings to the next part of the first
    part's form (a headline over a byline), up to the next column's headline."""
    doc = page_of(
        "开学季，要收心也要小心（服务窗）",
        "开学季到来，不少学生的生物钟暂时调整不过来。有关部门及专家给出建议。",
        "——编  者",
        "调好身心，从容迎接新学期",
        "本报记者  陆凡冰",
        "暑假接近尾声，不少孩子假期作息随性、运动减少。",
        "循序渐进调作息，校准生物钟",
        "假期作息紊乱，是孩子开学疲惫的主要原因之一。",
        "接纳开学小焦虑，温柔收心不施压",
        "临近开学，孩子容易发脾气、闷闷不乐。",
        "（钟艳宇参与采写）",
        "警惕诈骗，筑牢安全防线",
        "本报记者  李  蕊  刘梦丹",
        "开学季是不法分子实施诈骗的高发期。",
        "骗局一：虚构“内部渠道”实施择校诈骗",
        "警方在工作中发现，有人冒充招生老师行骗。",
        "骗局二：冒用高校名义组建“新生群”获取信任",
        "一位自称“学校老师”的人和新生家长联系。",
        "“两人买三座”的讨论怎么看？（民生观）",
        "很多一开始没说清的事，正是在持续的讨论中补齐细节。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["开学季，要收心也要小心（服务窗）", "“两人买三座”的讨论怎么看？（民生观）"]
    assert "警惕诈骗，筑牢安全防线" in [sec.title for sec in arts[0].sections]


def test_plain_page_a_heading_that_breaks_a_features_set_of_sections_starts_an_article() -> None:
    """After three section headings that share a style (a comma after the same number of characters), the
    first heading without it starts an article; a shared length alone makes no such set."""
    doc = page_of(
        "国产装备“上新”  消费市场火热（建设体育强国）",
        "这个雪季，冰雪装备器材等产业蓬勃发展。",
        "国产品牌崛起，“国潮”受欢迎",
        "三十一岁的张杰是名滑雪爱好者。",
        "产品研发升级，科技感更强",
        "位于张家口的装备车间里，工人在装配造雪机。",
        "政策因地制宜，打出“组合拳”",
        "加快发展冰雪产业，有关部门纷纷打出“组合拳”。",
        "江西玉山：依托台球产业走出县域经济高质量发展新路子",
        "玉山县位于江西省东北部，是远近闻名的青石产区。",
        "一块块青石板铺就亿元产业",
        "二十世纪八十年代以来，台球运动迅速发展。",
        "一场场台球赛打响城市品牌",
        "近年来，玉山以赛事为媒，打响城市品牌。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "国产装备“上新”  消费市场火热（建设体育强国）",
        "江西玉山：依托台球产业走出县域经济高质量发展新路子",
    ]


def test_plain_page_a_regulations_order_number_and_chapters_are_its_parts() -> None:
    """A regulation printed whole: the issuing order's number under its issuer (``第802号``) and the chapter
    headings (``第一章  总  则``) are its parts, not articles."""
    doc = page_of(
        "保障中小企业款项支付条例",
        "（2020年7月5日中华人民共和国国务院令第728号公布  2025年3月17日中华人民共和国国务院令第802号修订）",
        "中华人民共和国国务院令",
        "第802号",
        "《保障中小企业款项支付条例》已经国务院常务会议修订通过，现予公布，自2025年6月1日起施行。",
        "总理  李  强",
        "2025年3月17日",
        "第一章  总  则",
        "第一条  为了促进机关、事业单位和大型企业及时支付中小企业款项，制定本条例。",
        "第二条  机关、事业单位和大型企业采购货物、工程、服务支付中小企业款项，应当遵守本条例。",
        "第二章  款项支付规定",
        "第八条  机关、事业单位使用财政资金从中小企业采购货物、工程、服务，应当严格按照批准的预算执行。",
        "第九条  机关、事业单位从中小企业采购货物、工程、服务，应当自验收之日起三十日内支付款项。",
    )
    assert [a.title for a in articles_of(doc)] == ["保障中小企业款项支付条例"]


def test_plain_page_a_long_institutions_picture_credit_is_no_headline() -> None:
    """A picture credited to an institution with a long name (``…研究所供图``), or to two (``…办、…办供图``), is a
    credit line."""
    doc = page_of(
        "二氧化碳合成糖取得新进展",
        "本报天津3月24日电  （记者赵一）记者从中国科学院获悉，科研人员实现了二氧化碳到糖的高效合成。",
        "图为科研人员在实验室工作。",
        "中国科学院天津工业生物技术研究所供图",
        "该成果为二氧化碳资源化利用提供了新路径。",
    )
    assert [a.title for a in articles_of(doc)] == ["二氧化碳合成糖取得新进展"]
    doc = page_of(
        "冰川在消融",
        "图为漫画作品，作者冯德光。",
        "《讽刺与幽默》供图",
        "3月21日，全球首个世界冰川日。",
        "冰川是地球的“固体水库”。",
    )
    assert [a.title for a in articles_of(doc)] == ["冰川在消融"]
    doc = page_of(
        "数字科技“点睛”笔墨丹青",
        "《千里江山图》高清打样稿。",
        "“中国历代绘画大系”典藏馆供图",
        "“这些人好像在画里走动！”4月8日，展厅里观众惊叹。",
    )
    assert [a.title for a in articles_of(doc)] == ["数字科技“点睛”笔墨丹青"]
    doc = page_of(
        "强化企业创新主体地位（科技视点）",
        "图③：技术人员在对卫星天线进行检测。",
        "银河航天（北京）网络技术有限公司供图",
        "习近平总书记强调，抓科技创新和产业创新深度融合。",
    )
    assert [a.title for a in articles_of(doc)] == ["强化企业创新主体地位（科技视点）"]
    doc = page_of(
        "许国璋：以身许国全气节（铭记历史 缅怀先烈·抗日英雄）",
        "许国璋像。",
        "四川省地方志办、成都市地方志办供图",
        "夏日的成都市人民公园，草木葱茏，树影婆娑。",
    )
    assert [a.title for a in articles_of(doc)] == ["许国璋：以身许国全气节（铭记历史 缅怀先烈·抗日英雄）"]
    doc = page_of(
        "二氧化碳合成糖取得新进展",
        "本报天津3月24日电  （记者赵一）记者从中国科学院获悉。",
    )
    assert [a.title for a in articles_of(doc)] == ["二氧化碳合成糖取得新进展"]


def test_plain_page_pictures_under_keywords_are_one_features_sections() -> None:
    """A photo feature's parts, each a keyword over its figure, captions and a credit, stay in the feature;
    the essay after them is an article."""
    doc = page_of(
        "新一年，这些产业正发力（新时代画卷）",
        "首店经济",
        "去年，全市新增首店九百多家",
        "上图：市民在首发活动现场合影。",
        "本报记者  张三摄",
        "冰雪经济",
        "去年冰雪产业规模达九千多亿元，今年有望突破一万亿元",
        "上图：雪乡景区夜色如画。",
        "李四摄（影像中国）",
        "银发经济",
        "目前银发经济规模约七万亿元，约占经济总量的百分之六",
        "上图：老年人在养老中心练习书法。",
        "王五摄（人民视觉）",
        "塑造新优势  释放新动能",
        "发展首店经济、冰雪经济、银发经济，有助于扩大内需、提振消费。",
        "坚持创新驱动，我们就一定能推动经济高质量发展。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "新一年，这些产业正发力（新时代画卷）",
        "塑造新优势  释放新动能",
    ]


def test_plain_page_an_editors_note_keeps_its_speakers_parts_under_dash_kickers() -> None:
    """After an editor's note, parts each under a dash kicker naming the one who speaks (no byline) stay in
    the package; the note printed with it (a column tag) is an article."""
    doc = page_of(
        "冰原上的科考站走过四十年（讲述·弘扬科学家精神）",
        "四十年前，考察队员远赴南极，建起了我国第一座南极科考站。",
        "本报记者采访了三名极地工作者，听他们讲述科考站的故事。",
        "——编  者",
        "十一次出征的“老南极”赵一——",
        "把人生亮点放在冰海雪原",
        "赵一是名副其实的“老南极”，曾经十一次参与南极考察。",
        "回忆起和队友们并肩奋斗的日子，很多瞬间令他记忆犹新。",
        "科考站管理员钱二——",
        "在科考站当“管家”",
        "经过多天奋战，考察队完成了卸货任务。",
        "今年将有十五名队员在科考站越冬。",
        "首次南极考察队队员孙三——",
        "荒芜大地上建起一座科考站",
        "经过长途跋涉，首次南极考察队终于抵达了乔治王岛。",
        "破冰斩浪  接续探索（编辑手记）",
        "从无到有、由弱到强，我国南极考察事业的发展，靠的是艰苦奋斗。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "冰原上的科考站走过四十年（讲述·弘扬科学家精神）",
        "破冰斩浪  接续探索（编辑手记）",
    ]


def test_plain_page_a_quoted_headline_its_story_opens_with_after_an_interview() -> None:
    """A quoted headline that the story's first words repeat (``“咱村有了篮球场”`` / ``“咱村有了篮球场！”…``) is
    a headline after a closed interview, not a term its section explains (``三张交通网``)."""
    doc = page_of(
        "“每一天，我都在做准备”（对话体坛名将）",
        "冬奥会即将举行，本报记者专访了一位滑雪名将。",
        "“要么不参赛，一旦参赛就要竭尽全力”",
        "问：你差点退赛，为什么坚持下来？",
        "答：很多人不知道，那一天我差点就退赛了。",
        "“遇到问题时，我会选择直面困难”",
        "问：你怎样看待伤病？",
        "答：伤病是运动员的一部分。",
        "（赵一参与采写）",
        "“咱村有了悬浮地板篮球场”",
        "“咱村有了悬浮地板篮球场！”定西市石泉村村民高兴地说。",
        "去年，全省推进乡村全民健身提升工程，支持五百个村建设体育设施。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "“每一天，我都在做准备”（对话体坛名将）",
        "“咱村有了悬浮地板篮球场”",
    ]


def test_plain_page_a_signed_piece_under_section_headings_is_one_article() -> None:
    """Two short parts under plain headings, only the last closed by the author's line, are one signed
    piece's sections, not two stories printed one after another."""
    doc = page_of(
        "国家水网  世纪画卷",
        "今年三月二十二日是第三十四届“世界水日”。",
        "我国基本水情一直是夏汛冬枯、北缺南丰。",
        "圆满实现规划纲要确定的节点目标",
        "加快构建国家水网，是党中央作出的重大决策部署。",
        "一是水旱灾害防御体系持续完善。",
        "统筹“硬投资”和“软建设”，创新水利投融资机制",
        "规划纲要提出，加强国家水网建设。",
        "我们要更加紧密地团结起来，奋力谱写新篇章。",
        "（作者为水利部部长）",
        "个人贷款明示综合融资成本",
        "本报北京3月22日电（记者钱二）金融监管总局日前发布规定。",
    )
    assert [a.title for a in articles_of(doc)] == ["国家水网  世纪画卷", "个人贷款明示综合融资成本"]


def test_plain_page_two_undated_stories_after_a_dated_report_are_two_articles() -> None:
    """After a dated report, one undated story under a plain headline starts an article (a feature printed
    under the report); a second lone one after it is another story, not the feature's only section."""
    doc = page_of(
        "日本电诈损失创历史纪录",
        "据新华社东京2月12日电  （记者赵一）日本警察厅12日公布数据。",
        "警方表示，受害人覆盖多个年龄层。",
        "全球至少四亿儿童受益于学校供餐计划",
        "世界粮食计划署发布的报告显示，全球学校供餐覆盖面持续扩大。",
        "报告指出，学校供餐不仅是保障营养的手段。",
        "英国去年经济增长百分之一点三",
        "英国国家统计局12日公布的数据显示，服务业表现较好。",
        "不过，英国通胀仍高于目标水平。",
        "（本报伦敦2月12日电）",
    )
    assert [a.title for a in articles_of(doc)] == [
        "日本电诈损失创历史纪录",
        "全球至少四亿儿童受益于学校供餐计划",
        "英国去年经济增长百分之一点三",
    ]


def test_plain_page_a_features_one_heading_among_its_quoted_leads_after_a_dated_report() -> None:
    """After a dated report, a feature whose one short quoted heading shares its style with longer quoted
    leads in its body keeps that heading as its section."""
    doc = page_of(
        "降低新就业形态人员职业伤害发生率",
        "本报北京3月16日电  （记者赵一）记者从人力资源和社会保障部获悉有关情况。",
        "黄河之畔与黑海之滨的文明共鸣",
        "展柜中，红烧土残块被精心拼接，彩陶残片与遗址复原图相互映衬。",
        "“两国学者平等交流、携手研究的珍贵见证”",
        "“联合考古成果丰硕，我们合作非常愉快。”罗方学者说。",
        "“中国同行不仅带来了先进设备，更带来了严谨细致的工作态度”",
        "属于库库特尼文化体系的遗址，保存着大量红烧土房屋遗迹。",
        "“只有把中华文明放在世界文明的坐标中去看，才能更深刻地认识它”",
        "随着发掘工作的不断深入，遗址的面貌逐渐清晰。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "降低新就业形态人员职业伤害发生率",
        "黄河之畔与黑海之滨的文明共鸣",
    ]


def test_plain_page_a_documents_annex_printed_under_its_named_title() -> None:
    """The annex a decree names over its signature (``附件：反制清单``) is printed under that title: a part of
    the decree, not an article."""
    doc = page_of(
        "外交部公布关于对某人采取反制措施的决定",
        "新华社北京3月30日电  外交部30日公布关于对某人采取反制措施的决定，全文如下：",
        "关于对某人采取反制措施的决定",
        "（2026年3月30日中华人民共和国外交部令第20号公布）",
        "某人不顾中方强烈反对多次窜台，根据有关法律规定，外交部决定采取以下反制措施：",
        "一、冻结其在我国境内的动产、不动产和其他各类财产；",
        "二、对其不予签发签证、不准入境。",
        "本决定自2026年3月30日起施行。",
        "附件：反制清单",
        "外交部",
        "2026年3月30日",
        "反制清单",
        "某某，男，1952年11月1日生。",
        "外交部谈反制措施",
        "本报北京3月30日电  （记者孙三）外交部发言人30日答记者问。",
    )
    titles = [a.title for a in articles_of(doc)]
    assert titles[0] == "外交部公布关于对某人采取反制措施的决定" and titles[-1] == "外交部谈反制措施"
    assert "反制清单" not in titles


def test_plain_page_a_documents_numbered_annexes_under_their_labels_are_its_parts() -> None:
    """An annex's number alone over its title (``附件2`` / ``国务院决定废止的行政法规``) heads a part of the
    document, not an article."""
    doc = page_of(
        "国务院关于修改和废止部分行政法规的决定",
        "为推进严格规范公正文明执法，国务院决定修改和废止部分行政法规。",
        "本决定自2026年8月15日起施行。",
        "附件：",
        "1.国务院决定修改的行政法规",
        "2.国务院决定废止的行政法规",
        "附件1",
        "国务院决定修改的行政法规",
        "一、将第四十条中的“处2万元以上20万元以下的罚款”修改为“处1万元以上10万元以下的罚款”。",
        "附件2",
        "国务院决定废止的行政法规",
        "一、某某管理条例（1990年1月1日国务院发布）",
        "（新华社北京8月13日电）",
        "岂容网络骗子“围猎”未成年人（一线行走）",
        "暑期到来，一些网络骗子把目光投向未成年人。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "国务院关于修改和废止部分行政法规的决定",
        "岂容网络骗子“围猎”未成年人（一线行走）",
    ]


def test_plain_page_a_dated_report_under_its_picture_after_a_features_sections() -> None:
    """A report whose dateline comes after its picture's caption and credit is dated: an article, not one more
    section of the feature before it."""
    doc = page_of(
        "灵活就业，找零工驿站（大数据观察）",
        "襄阳市因地制宜建设零工驿站，提供岗位信息和技能培训。",
        "因地制宜设驿站",
        "鄂西北最大的建材市场车水马龙，零工驿站就设在市场门口。",
        "招聘会上帮牵线",
        "早上不到七点，面馆里就挤满了客人。",
        "法律咨询送上门",
        "“这么快就拿到了补偿款，太感谢了！”文大姐说。",
        "江淮运河“北大门”全面贯通",
        "图为东淝河枢纽双线船闸。",
        "张  淮摄（人民视觉）",
        "本报北京3月17日电  （记者韩鑫）3月16日，随着货船驶入船闸，江淮运河全线贯通。",
        "引江济淮工程沟通长江、淮河两大水系。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "灵活就业，找零工驿站（大数据观察）",
        "江淮运河“北大门”全面贯通",
    ]


def test_plain_page_pictures_with_a_paragraph_between_two_features_are_a_photo_story() -> None:
    """A headline over two pictures, each a caption and a credit, and a paragraph about both is a photo story:
    an article, not a section of the feature before it."""
    doc = page_of(
        "稳稳兜住老年人的养老服务需求（权威发布）",
        "近日，中共中央、国务院印发关于深化养老服务改革的意见。",
        "加快健全县乡村三级养老服务网络",
        "意见首次提出加快健全覆盖城乡的县乡村三级养老服务网络。",
        "明确居家养老、社区养老、机构养老服务功能",
        "居家养老、社区养老、机构养老是目前三种主要的养老方式。",
        "从头抓紧 只争朝夕",
        "1月9日，工人在广州北二环改扩建工程工地加工钢筋。",
        "新华社记者  刘大伟摄",
        "1月9日，淮北一家机械装备制造企业的工人在赶制订单。",
        "万善朝摄（影像中国）",
        "工地上，抓进度、忙施工；工厂里，赶订单、忙生产，各地跑出开年“加速度”。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "稳稳兜住老年人的养老服务需求（权威发布）",
        "从头抓紧 只争朝夕",
    ]


def test_plain_page_sections_each_a_question_over_its_heading_stay_in_the_article() -> None:
    """A feature whose sections are each the writer's question over a heading (``树要怎么砍？`` / ``给予经营者
    更多自主权…``) keeps them; the questions are the sections' own, not lead-ins that close the feature."""
    doc = page_of(
        "集体林业带动农民就业增收",
        "“林改四问”新答卷",
        "资溪县是观察集体林改不断深化的一个窗口。",
        "山要怎么分？",
        "确权到户，加快推进集体林所有权、承包权、经营权“三权分置”",
        "发展笋竹两用林，是几年前村里确定的主导产业。",
        "树要怎么砍？",
        "给予经营者更多自主权的同时，提升森林质量",
        "最近，榕江县林农邓主送心里的“大石头”落了地。",
        "钱从哪里来？",
        "林权抵押贷款为产业发展注入资金活水",
        "在会同县，林权抵押贷款已推出十多年。",
        "让驻村人才沉得下、留得住（话说新农村）",
        "乡村振兴，关键在人。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "“林改四问”新答卷",
        "让驻村人才沉得下、留得住（话说新农村）",
    ]


def test_plain_page_speakers_named_by_office_are_one_packages_parts() -> None:
    """Parts under dash kickers naming a speaker by office and name (``生态环境部部长黄润秋——``), however long,
    are the sections of the package over them; the first plain heading after them starts an article."""
    doc = page_of(
        "第三场部长通道 谋发展办实事（现场·部长通道）",
        "3月12日，第三场“部长通道”采访活动在人民大会堂举行。",
        "司法部部长赵一——",
        "政府立法工作将突出优化营商环境",
        "“大会刚刚审议通过三部重要法律。”赵一说。",
        "自然资源部部长钱二——",
        "统筹推进高质量发展和高水平保护",
        "自然资源保护利用，事关人与自然和谐共生。",
        "生态环境部部长孙三——",
        "美丽中国建设是“口碑工程”",
        "“全国两会期间，北京共有七个优良天。”孙三说。",
        "以实干实绩把宏伟愿景变成美好现实",
        "春光无限，生机盎然。3月12日下午，全国人大代表步入人民大会堂。",
        "下午3时，闭幕会开始。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "第三场部长通道 谋发展办实事（现场·部长通道）",
        "以实干实绩把宏伟愿景变成美好现实",
    ]


def test_plain_page_a_place_before_a_colon_leads_a_long_headline_over_even_sections() -> None:
    """A headline led by a place and a colon is a heading even when long and broken by a comma; short parts
    under three headings of one length after it are its sections, not stories printed in a row."""
    doc = page_of(
        "提升乡村医生职业能力（代表委员说）",
        "“我在基层工作二十年，见证了乡村医疗的变化。”王五代表说。",
        "（本报记者赵六整理）",
        "青岛：绘出三年行动“路线图”，推进“中国康湾”建设",
        "山东省青岛市正以全新的姿态，拥抱健康产业的万亿蓝海。",
        "立足青岛资源禀赋和独特优势，打造“山海康养名城”。",
        "建设高品质健康生活承载地",
        "近年来，青岛着力推进康养服务项目建设。",
        "构筑康复产教融合创新高地",
        "山海城湾浑然一体，青岛是适宜人居的海滨城市。",
        "打造国际康养旅居目的地",
        "依托海洋温泉资源，青岛发展温泉康养。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "提升乡村医生职业能力（代表委员说）",
        "青岛：绘出三年行动“路线图”，推进“中国康湾”建设",
    ]


def test_plain_page_letters_column_keeps_its_signed_letters() -> None:
    """A short column label over a letter's headline, letters signed by their readers: one article, titled
    by the label; the next article (a column tag) is not a letter."""
    doc = page_of(
        "读者说",
        "乡村公交该加密了",
        "我家住在山区，每天只有两班公交车，老人进城看病很不方便。",
        "希望有关部门加密班次。",
        "湖南邵阳市  周小明",
        "小区停车难题待解",
        "老旧小区车位紧张，晚上回家经常找不到地方停车。",
        "河北保定市  吴小红",
        "老旧小区改造要听民意（观点）",
        "改造老旧小区，首先要问需于民。",
    )
    a, b = articles_of(doc)
    assert a.title == "读者说" and [s.title for s in a.sections] == ["乡村公交该加密了", "小区停车难题待解"]
    assert b.title == "老旧小区改造要听民意（观点）"


def test_plain_page_round_up_speakers_stay_in_their_article() -> None:
    doc = page_of(
        "稳住基本盘 奋力促发展（两会·声音）",
        "李一代表（某省委书记）",
        "我们坚持稳中求进，全力以赴推动经济恢复。",
        "本报记者  张三整理",
        "坚决打赢脱贫攻坚战",
        "王二代表（某省委书记、省人大常委会主任）",
        "脱贫攻坚到了最后关头，必须一鼓作气。",
        "本报记者  李四整理",
        "真抓实干，实施统筹之策",
        "疫情发生后，我们坚决贯彻党中央决策部署。",
        "本报记者  赵五整理",
    )
    a, b = articles_of(doc)
    assert a.title == "稳住基本盘 奋力促发展（两会·声音）"
    assert [s.title for s in a.sections] == ["坚决打赢脱贫攻坚战", "王二代表（某省委书记、省人大常委会主任）"]
    assert b.title == "真抓实干，实施统筹之策"


def test_plain_page_interviews_with_their_own_column_tags_stay_apart() -> None:
    doc = page_of(
        "让乡村振兴跑出加速度（代表访谈）",
        "李一代表（某县委书记）",
        "我们坚持产业先行，带动群众增收。",
        "本报记者  张三",
        "把科技创新摆在更突出位置（委员访谈）",
        "王二委员（某研究院院长）",
        "科技创新是高质量发展的第一动力。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "让乡村振兴跑出加速度（代表访谈）",
        "把科技创新摆在更突出位置（委员访谈）",
    ]


def test_plain_page_articles_after_a_set_of_section_headings() -> None:
    """After an article's label-led section headings, a heading of another kind starts an article, and so
    does a kicker over a headline among single-line section headings."""
    doc = page_of(
        "各地农村抢抓农时",
        "稳产保供耕作忙",
        "当前疫情防控不断深入，稳产保供的重要性进一步凸显。",
        "保供给：备耕早、农资足",
        "在四川新津县蔬菜基地，菜农正忙着采收。",
        "畅流通：支持复工复产",
        "流通是否顺畅，事关有效供给。",
        "放心“菜篮子”供京津",
        "一条条黄瓜细长鲜翠，在河北固安县顺利装车。",
        "一手抓防疫，一手抓春耕",
        "春耕时节，各地农村积极开展农业生产。",
        "让更多“土专家”茁壮成长（话说新农村）",
        "破解“谁来种地”问题，既要引进人才，也要培育人才。",
    )
    titles = [a.title for a in articles_of(doc)]
    assert titles == [
        "稳产保供耕作忙", "放心“菜篮子”供京津", "一手抓防疫，一手抓春耕", "让更多“土专家”茁壮成长（话说新农村）"
    ]  # fmt: skip


def test_plain_page_advert_keeps_to_its_own_lines() -> None:
    """A column's closing line before an advert cue and the headline after it stay with their articles."""
    doc = page_of(
        "把获得感种进群众心里（一线行走）",
        "基层做决策，既要立足实际，也要尊重民意。",
        "（作者为本报新疆分社记者）",
        "人民日报社订阅热线：010-65369330",
        "锻造公安铁军 护航平安中国",
        "去年5月，全国公安工作会议在北京召开。",
    )
    records = split_articles(doc)
    assert_spans_valid(doc, records)
    (advert,) = [r for r in records if r.kind == "advert"]
    assert doc.text[advert.start : advert.end] == "人民日报社订阅热线：010-65369330"
    assert [a.title for a in records if a.kind == "article"] == [
        "把获得感种进群众心里（一线行走）", "锻造公安铁军 护航平安中国"
    ]  # fmt: skip


def test_plain_page_advert_leaves_a_headline_over_a_byline() -> None:
    doc = page_of(
        "邮发代号：1-1",
        "欢迎订阅",
        "春耕备耕有序推进",
        "本报记者  王三",
        "各地抢抓农时，春耕备耕由南向北陆续展开。",
    )
    records = split_articles(doc)
    assert_spans_valid(doc, records)
    (advert,) = [r for r in records if r.kind == "advert"]
    assert doc.text[advert.start : advert.end] == "邮发代号：1-1\n\n欢迎订阅"
    (article,) = [r for r in records if r.kind == "article"]
    assert (article.title, article.byline) == ("春耕备耕有序推进", "本报记者 王三")


def test_plain_page_explained_term_and_a_report_after_a_one_paragraph_brief() -> None:
    """A heading its first paragraph explains is a section; after a one-paragraph dated brief, the heading
    that follows opens the article that closes with its own source line."""
    doc = page_of(
        "吹响建设交通强国的号角（权威发布）",
        "新中国成立70年来，我国交通运输实现了历史性跨越。",
        "三张交通网",
        "“三张交通网”包括：发达的快速网，完善的干线网，广泛的基础网。",
        "国务院部署生物多样性保护",
        "本报北京5月20日电  国务院日前作出部署，进一步增强全社会保护意识。",
        "“为世界发展凝聚更多力量”",
        "今年是中国决胜全面建成小康社会之年。",
        "“体现了中国的积极成效”",
        "多国人士认为，中国的发展为世界经济注入信心。",
        "（本报北京、开罗5月20日电）",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [
        ("吹响建设交通强国的号角（权威发布）", ["三张交通网"]),
        ("国务院部署生物多样性保护", []),
        ("“为世界发展凝聚更多力量”", ["“体现了中国的积极成效”"]),
    ]


def test_plain_page_grouped_reports_under_one_title() -> None:
    """A title over reports each headed by a short kicker of the same length is one article; a column's
    article (a column tag) or a report with a long kicker after them is an article of its own."""
    doc = page_of(
        "国庆假期一线",
        "守站台",
        "民警坚守岗位护平安",
        "本报郑州10月3日电  （记者王一）国庆假期，郑州东站客流高峰，民警全天坚守站台。",
        "旅客有序乘车，站内秩序井然。",
        "暖归途",
        "列车上的生日惊喜",
        "本报西安10月3日电  （记者李二）日前，一趟列车上的乘务员为旅客送上生日祝福。",
        "看变化",
        "家门口的新站房（新春走基层）",
        "本报兰州10月3日电  （记者赵四）新站房投用后，山区群众出行更方便了。",
        "全国铁路国庆假期发送旅客超过一亿人次",
        "各地铁路部门加开列车",
        "本报北京10月4日电  （记者张三）国铁集团介绍，国庆假期全国铁路运输安全平稳。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [
        ("国庆假期一线", ["守站台", "民警坚守岗位护平安", "暖归途", "列车上的生日惊喜"]),
        ("家门口的新站房（新春走基层）", []),
        ("各地铁路部门加开列车", []),
    ]


def test_plain_page_feature_after_a_dated_report_is_an_article() -> None:
    """A heading after a dated report starts an article (the report has no sections) unless it shares a
    style with the headings after it (then they are all the report's sections); its own sections follow."""
    doc = page_of(
        "某市召开冬季供暖工作会议",
        "本报某市1月9日电  （记者王一）某市9日召开冬季供暖工作会议，部署保障群众温暖过冬。",
        "会议要求，各部门加强巡查，及时回应群众诉求。",
        "让群众在家门口感受到温暖",
        "入冬以来，某市各社区纷纷行动起来，为老人送去关心。",
        "走访入户，摸清底数",
        "社区工作者逐户走访，建立台账。",
        "精准服务，解决难题",
        "针对独居老人，社区安排志愿者结对帮扶。",
        "各地干部群众喜迎新春",
        "本报北京1月9日电  综合本报记者报道：新春将至，各地干部群众欢度佳节。",
        "城乡处处  年味渐浓",
        "街头巷尾张灯结彩，商场超市人流如织。",
        "文化活动  精彩纷呈",
        "各地文艺团体送戏下乡，丰富群众生活。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [
        ("某市召开冬季供暖工作会议", []),
        ("让群众在家门口感受到温暖", ["走访入户，摸清底数", "精准服务，解决难题"]),
        ("各地干部群众喜迎新春", ["城乡处处  年味渐浓", "文化活动  精彩纷呈"]),
    ]


def test_plain_page_parts_after_an_editors_note_stay_in_its_article() -> None:
    """The parts an editor's note introduces (each under a place or speaker line, a headline and a byline, or
    closing with who wrote it down) are sections of its article, up to a heading of another form or one
    with a column tag of its own."""
    doc = page_of(
        "共建美好家园（民生一线）",
        "新的一年，各地把民生实事办到群众心坎上。本版今起推出系列报道。",
        "——编  者",
        "甲市推进老旧小区改造",
        "“小区变美了，住着更舒心”",
        "本报记者  张  三",
        "走进甲市一处老旧小区，新修的步道干净整洁，居民在楼下晒太阳。",
        "乙县落实育儿补贴政策",
        "“补贴到账快，心里暖洋洋”",
        "本报记者  李  四",
        "乙县一位年轻妈妈说，线上申请后不到一周，补贴就到了账上。",
        "好政策要落到实处（民生观察）",
        "民生无小事，政策好不好，群众说了算。",
        "新年寄语（专家谈）",
        "新的一年，科技工作者各有期待。",
        "——编  者",
        "某研究院总工程师王五",
        "问天追星  行稳致远",
        "新年伊始，我们的团队又完成了一次测量任务。",
        "（本报记者赵六采访整理）",
        "某公司董事长陈七",
        "多元场景  更多可能",
        "过去一年，我们研制的无人机完成了多次试飞。",
        "（本报记者赵六采访整理）",
        "创新成为发展的第一动力",
        "今日中国，创新正在成为推动高质量发展的强大引擎。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == [
        "共建美好家园（民生一线）", "好政策要落到实处（民生观察）", "新年寄语（专家谈）", "创新成为发展的第一动力"
    ]  # fmt: skip
    assert len(got[0][1]) >= 2 and "“补贴到账快，心里暖洋洋”" in got[0][1]
    assert "多元场景  更多可能" in got[2][1]


def test_plain_page_short_quoted_head_among_long_ones_is_a_section() -> None:
    """A report's section heads are quotes; the long ones read as leads, and a shorter one like them is one
    more section head, not an article between two others."""
    doc = page_of(
        "多国人士谴责某国单边制裁行为（国际视点）",
        "当地时间5日，某国宣布对多国实施新一轮单边制裁，引发国际社会广泛批评。",
        "“单边制裁违背国际法基本准则，损害各国人民的正当权益和发展利益”",
        "多国政府发表声明，反对将经贸问题政治化。",
        "“制裁只会加剧对立，无助于解决任何问题，国际社会对此看得很清楚”",
        "多位学者指出，制裁扰乱了全球供应链。",
        "“单边行为损害多边体系，必须停止”",
        "联合国秘书长发言人表示，各方应通过对话协商解决分歧。",
        "单边制裁不得人心（点评）",
        "事实一再证明，制裁解决不了问题。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["多国人士谴责某国单边制裁行为（国际视点）", "单边制裁不得人心（点评）"]


def test_plain_page_keyword_kickers_order_one_articles_sections() -> None:
    """Headings under short keywords of one length are the sections of the article whose heading comes
    right before them, even when that heading follows another article's sections."""
    doc = page_of(
        "全省水利建设投资创新高（权威发布）",
        "记者从省水利厅获悉，去年全省完成水利建设投资再创新高。",
        "重大工程加快推进",
        "一批骨干水源工程开工建设，进展顺利。",
        "河湖面貌持续改善",
        "全省河湖水质优良比例稳步提升。",
        "三个关键词，看民营企业活力",
        "卫星能有多轻？在一家民营企业的车间里，答案令人惊讶。",
        "创新",
        "激活新质生产力动能",
        "机械臂精准运转，智能产线加快落地。",
        "信心",
        "优化营商环境",
        "一系列政策举措接连出台，为企业发展稳预期。",
        "韧性",
        "保持定力厚积薄发",
        "深耕主业、聚焦实业，企业核心竞争力持续提升。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["全省水利建设投资创新高（权威发布）", "三个关键词，看民营企业活力"]
    assert "优化营商环境" in got[1][1] and "重大工程加快推进" in got[0][1]


def test_plain_page_feature_after_a_comment_is_an_article() -> None:
    """A comment (its column tag names one) has no section headings either: a heading after it whose style
    differs from the headings after it starts an article."""
    doc = page_of(
        "莫让捷径替代成长（新语）",
        "新年伊始，不少年轻人给自己定下了学习计划。",
        "技术越是发达，越要珍视脚踏实地的积累。",
        "成长没有捷径，每一步都算数。",
        "某地体育事业发展综述",
        "过去五年，某地体育事业取得长足进步。",
        "加强投入，描绘全民健身新图景",
        "全民健身设施覆盖城乡，群众健身更方便。",
        "多维赋能，助推竞技体育发展",
        "运动员训练保障水平不断提升。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [
        ("莫让捷径替代成长（新语）", []),
        ("某地体育事业发展综述", ["加强投入，描绘全民健身新图景", "多维赋能，助推竞技体育发展"]),
    ]


def test_plain_page_keyword_dash_kickers_head_sections() -> None:
    """A dash kicker of a keyword or two (``采收——``) over a heading marks a section of the article, not
    an article; a longer dash kicker still starts one."""
    doc = page_of(
        "进口水果的保鲜之旅（经济聚焦）",
        "从果园到餐桌，跨越万里，娇嫩的水果如何保持新鲜？",
        "采收——",
        "预冷处理，让果实“休眠”",
        "采摘后，果实立刻运入库房预冷。",
        "运输——",
        "快线直达，航程大幅缩短",
        "货轮中途不再停靠其他港口。",
        "入境——",
        "便捷通关，两小时进入市场",
        "海关实行不间断通关。",
        "新修订的植物检疫条例本月起施行——",
        "进境水果检疫更加严格",
        "新修订的条例对进境水果检疫作出新规定。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["进口水果的保鲜之旅（经济聚焦）", "进境水果检疫更加严格"]
    assert "快线直达，航程大幅缩短" in got[0][1]


def test_plain_page_boxes_inside_an_article_stay_in_it() -> None:
    """A reporter's note and further reading (a box's label over its heading) are sections of the article
    they close; ``记者手记`` is a label, not a byline."""
    doc = page_of(
        "把互联网搬到天上去（创新故事）",
        "卫星正将通信的边界从地面拓展至太空。",
        "我们改变卫星主结构，大大提高了组网效率。",
        "记者手记",
        "在实践中不断优化迭代",
        "项目团队面对的是一个个具体的问题。",
        "延伸阅读",
        "让“无处不联”成为现实",
        "在远离大陆的海面上，仍然存在宽带互联网的空白地带。",
        "（本报记者王一整理）",
        "某河连续三年实现全年全线有水",
        "本报北京1月20日电  （记者李二）记者获悉，某河已连续3年实现全年全线有水。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["把互联网搬到天上去（创新故事）", "某河连续三年实现全年全线有水"]
    assert "在实践中不断优化迭代" in got[0][1]


def test_plain_page_dash_keyword_sections_then_an_article_of_another_kind() -> None:
    """Headings under dash keywords of one length (up to four characters) after an article's headline are
    its sections, and the first heading of another kind after them starts an article; a page that opens
    with such a run is a set of articles under their subjects' names."""
    doc = page_of(
        "每一次投资都是对市场的看好（走企业）",
        "在某集团的包装车间，一整套流程在自动化生产线上顺畅运转。",
        "科技赋能——",
        "从米糠中提取出稻米油",
        "水稻在加工时分离出的米糠，如今在科技赋能下实现了蜕变。",
        "安全至上——",
        "构建从田间到餐桌的品控防线",
        "食品安全是粮油加工企业高质量发展的底线。",
        "某市  一座“有戏”的城市",
        "这座城市正以鲜明的城市特质、强劲的产业动能，打造一座“有戏”的城市。",
        "精神为核  坚韧拼搏显城市特质",
        "一座城市的精神，是其发展的内核。",
        "产业为根  硬核支撑强发展底气",
        "城市的繁荣离不开产业的支撑。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["每一次投资都是对市场的看好（走企业）", "某市  一座“有戏”的城市"]
    assert "构建从田间到餐桌的品控防线" in got[0][1] and "产业为根  硬核支撑强发展底气" in got[1][1]
    names = page_of(
        "甲集团——",
        "智能技术驱动产业升级",
        "甲集团加快数字化转型，智能工厂陆续投产。",
        "乙集团——",
        "全力保障市场供应",
        "乙集团旗下企业全面复工复产。",
    )
    assert [a.title for a in articles_of(names)] == ["智能技术驱动产业升级", "全力保障市场供应"]


def test_plain_page_byline_with_a_two_character_name_spaced_out() -> None:
    """A two-character name printed at the width of a three-character one (``张  三``) is one name, so the line
    is a byline: the heading over it is the article's headline, not a kicker over the byline."""
    doc = page_of(
        "乡村里的新年味",
        "本报记者  张  三",
        "腊月里，村里处处张灯结彩，家家户户忙着准备年货。",
        "边境小村游客多了",
        "本报记者  李  四  王小五",
        "寒风里，界河凝成一条冰带，游客在岸边拍照留念。",
    )
    got = articles_of(doc)
    assert [a.title for a in got] == ["乡村里的新年味", "边境小村游客多了"]
    assert got[0].authors == ("张三",) and got[1].authors == ("李四", "王小五")


def test_plain_page_reports_each_under_a_headline_and_byline_under_a_column_headline() -> None:
    """A column's headline over the first report's headline and byline, then more reports each under a
    headline and a byline: one article, the reports' headlines its sections; a lone headline over a byline
    after a column headline with a subtitle stays an article of its own."""
    grouped = page_of(
        "田野里的好日子（新春走基层）",
        "小菌棒撑起致富路",
        "本报记者  张  三",
        "清晨，菌菇大棚里一片忙碌，工人们采摘、装筐，动作麻利。",
        "移民新村的三件宝",
        "本报记者  李  四",
        "临近春节，村里年味渐浓，家家户户忙着备年货。",
        "沙地里种出好收成",
        "本报记者  王  五",
        "寒风刺骨，电商服务中心里却热火朝天，主播正在介绍特产。",
    )
    got = articles_of(grouped)
    assert [a.title for a in got] == ["田野里的好日子（新春走基层）"]
    assert [s.title for s in got[0].sections][-2:] == ["移民新村的三件宝", "沙地里种出好收成"]
    alone = page_of(
        "稳就业的新办法（经济聚焦）",
        "技能培训进社区",
        "本报记者  张  三",
        "社区里开起了技能培训班，报名的居民排起了长队。",
        "冬闲时节农事忙",
        "本报记者  李  四",
        "地里的麦苗返青了，农技员正在指导农户追肥。",
    )
    assert [a.title for a in articles_of(alone)] == ["稳就业的新办法（经济聚焦）", "冬闲时节农事忙"]


def test_plain_page_mailbox_line_is_body_and_closes_its_article() -> None:
    """A contact line with an e-mail address is never a headline, even with a bracket at its end, and it
    closes the article it is printed under: the heading after it starts an article."""
    doc = page_of(
        "守护数字时代的信用（纵横）",
        "信用是市场经济的基石，也是社会运行的润滑剂。",
        "栏目投稿邮箱：abc123@example.com",
        "护航平安社区",
        "社区民警每天走街串巷，把安全提示送到居民家门口。",
        "勇担使命，擦亮平安名片",
        "一年来，辖区治安状况明显好转，群众满意度不断提升。",
        "改革创新，提升群众获得感",
        "办事窗口延时服务，群众办证不再来回跑。",
        "（作者为某市公安局民警）",
        "欢迎赐稿",
        "各位读者，本版各栏目长期欢迎来稿。",
        "本版邮箱：abc@example.com（来稿请注明栏目名）",
    )
    got = articles_of(doc)
    assert [a.title for a in got] == ["守护数字时代的信用（纵横）", "护航平安社区", "欢迎赐稿"]


def test_plain_page_reports_after_a_note_share_a_break_set_as_comma_or_space() -> None:
    """After an editor's note, reports whose headlines break after the same number of characters, one with a
    double space where the others have a comma (``控增量、优供给  稳定…`` / ``守底线、稳推进，建设…``), are headings
    of one style: the reports the note is printed with."""
    doc = page_of(
        "以责任感防范化解风险（编辑手记）",
        "当前，面对房地产、地方政府债务等领域的风险，要坚持稳中求进。",
        "控增量、优供给  稳定房地产市场",
        "“新婚、多子女家庭、应届高校毕业生可以享受优惠。”工作人员介绍。",
        "守底线、稳推进，建设宜居好房",
        "河南郑州贾鲁河畔，一个停工项目重新开工建设。",
        "化债务、防风险，激发经济活力",
        "冰天雪地，人声鼎沸。周末，滑雪场迎来大批游客。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "以责任感防范化解风险（编辑手记）", "控增量、优供给  稳定房地产市场", "守底线、稳推进，建设宜居好房",
        "化债务、防风险，激发经济活力",
    ]  # fmt: skip


def test_plain_page_a_notebook_column_has_no_sections() -> None:
    """A reporter's notebook (``（两会笔记）``) is a note: it has no sections, so the headings after it start
    articles (the stories it is printed with)."""
    doc = page_of(
        "东方烟火跨越山海（两会笔记）",
        "“穿汉服、喝热水、吃火锅成为来华游客的新时尚。”一位代表说。",
        "中式生活方式风靡世界的底气，源于文化自信。",
        "品尝火锅的热辣滚烫",
        "巷子里、马路边，重庆无处不火锅。",
        "“‘中国游’‘中国购’持续火热。”一位委员说。",
        "中医药在海外“出圈”了",
        "针灸、八段锦、艾草泡脚……当前，中医药在海外越来越受欢迎。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "东方烟火跨越山海（两会笔记）", "品尝火锅的热辣滚烫", "中医药在海外“出圈”了"
    ]  # fmt: skip


def test_plain_page_a_note_in_brackets_is_not_a_headline() -> None:
    """A whole line in brackets after an article (where more reports on the subject appear) is a note of that
    article, not a headline over the dated report after it."""
    doc = page_of(
        "山村里的新产业（大国小村）",
        "温棚里的西红柿红了，村民们忙着采摘装箱，准备发往城里的超市。",
        "（相关新媒体报道见本报客户端、官方公众号及合作平台同名专题）",
        "全面推进儿童友好建设",
        "本报北京3月17日电  （记者张三）为更好保障未成年人合法权益，各地加快推进儿童友好建设。",
    )
    got = articles_of(doc)
    assert [a.title for a in got] == ["山村里的新产业（大国小村）", "全面推进儿童友好建设"]


def test_plain_page_reports_printed_with_a_note_are_articles() -> None:
    """After a note (``（编辑手记）``), headings that share no style with one another (lengths, commas, labels
    differ) are the reports it is printed with, each an article; a set of section headings (a comma after the
    same number of characters) after a comment stays one feature's sections."""
    stories = page_of(
        "潜力足  动能新（编辑手记）",
        "街区人来人往，工厂机器轰鸣，消费和投资两旺。",
        "重大项目吸引民企参与",
        "在运河岸边，一家企业的电动货船正在试航。",
        "以旧换新激发购车热情",
        "“算下来一共省了好几万元！”一位市民高兴地说。",
        "设备更新让生产又好又快",
        "走进一家电缆公司，崭新的挤出机匀速运转。",
    )
    assert [a.title for a in articles_of(stories)] == [
        "潜力足  动能新（编辑手记）", "重大项目吸引民企参与", "以旧换新激发购车热情", "设备更新让生产又好又快"
    ]  # fmt: skip
    feature = page_of(
        "莫让算法替代成长（新语）",
        "算法再聪明，也替代不了孩子自己的思考。",
        "成长的路，终究要自己一步一步去走。",
        "全民健身新图景",
        "各地新建了一批体育公园，居民锻炼有了好去处。",
        "加强投入，描绘健身蓝图",
        "场地设施不断完善，健身指导走进社区。",
        "多维赋能，助推竞技体育",
        "训练基地引进新设备，运动员成绩稳步提升。",
    )
    got = articles_of(feature)
    assert [a.title for a in got] == ["莫让算法替代成长（新语）", "全民健身新图景"]


def test_plain_page_a_columns_essay_that_opens_with_one_paragraph_goes_on_under_its_headings() -> None:
    """A column's essay (``（大千絮语）``) whose text before its first heading is one paragraph, a question
    it goes on to answer, has not ended there: the headings after it, however unlike, are its sections. A
    comment on a story that a box's label (``【点评】``) introduces is not such an essay."""
    essay = page_of(
        "纸的全球简史（大千絮语）",
        "纸是生活中必不可少的物品。然而，是中国人还是古埃及人最早发明了纸？这些问题也许并非那样简单。",
        "从莎草纸到羊皮纸",
        "在古埃及，尼罗河三角洲地区盛产一种叫“纸莎草”的植物。",
        "纸与古代中国",
        "在中国，纸发明前的主要书写材料最早是甲骨，然后是简牍和缣帛。",
        "中国造纸术走向世界",
        "中国纸的世界之旅经历了由近及远的过程。",
    )
    assert [(a.title, len(a.sections)) for a in articles_of(essay)] == [("纸的全球简史（大千絮语）", 3)]
    commented = page_of(
        "敬业是最坚实的职业阶梯（暖闻热评）",
        "【人物】铁路上海虹桥站售票员游园",
        "【故事】前不久，一段视频在网上走红。画面中，售票员游园飞快敲击键盘。",
        "【点评】",
        "一方售票口，三尺操作台，每一张递出的车票，都承载着一份出行的期待。",
        "平凡岗位，亦有书写不凡人生、实现社会价值的广阔天地。",
        "来论",
        "增强体力劳动者从业获得感",
        "北京朝阳区  孟祥夫",
        "如今，人们足不出户就能买遍全国。这背后，物流环节的货车司机功不可没。",
        "善借技术之力提升公共服务",
        "河北石家庄市  李  华",
        "技术进步为公共服务打开了新的空间。",
    )
    assert [a.title for a in articles_of(commented)] == ["敬业是最坚实的职业阶梯（暖闻热评）", "来论"]


def test_plain_page_a_guided_feature_keeps_its_parts_under_dash_kickers() -> None:
    """A feature that opens with a reading guide (``看点``) keeps the parts after it under dash kickers of
    their own, however unlike, when they carry no source or byline of their own; the next column's piece
    starts."""
    doc = page_of(
        "重走“影像之路”  见证“中国变迁”（我和中国的故事）",
        "看点",
        "60年前，德国摄影师雅各布·贝克尔的外曾祖父来中国拍摄了近300张照片。",
        "——本报记者  刘仲华",
        "记录普通中国人的老照片——",
        "是历史的凝视，也是时间的馈赠",
        "1961年，上海，从外滩望向浦东，江面辽阔。",
        "带着好奇与尊重拍摄——",
        "不是被观看的中国，而是生活中的中国",
        "孔托普曾是一名医生，也是一名业余摄影师。",
        "感叹“老照片”里的“新风景”——",
        "空间和生活巨变，人民的品质未变",
        "2017年至2019年间，贝克尔多次前往中国，尝试“重拍”外曾祖父的老照片。",
        "中国锻造自主创新力的密码（我眼中的中国）",
        "近年来，中国在多个科技领域取得突破。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "重走“影像之路”  见证“中国变迁”（我和中国的故事）",
        "中国锻造自主创新力的密码（我眼中的中国）",
    ]


def test_plain_page_places_under_dash_kickers_are_a_reports_sections() -> None:
    """Place names of any length under dash kickers (``某国某市——``), over headings whose bodies give no
    source of their own, are the stops of one report; a dated report after them is an article, and so is one
    under a place kicker of its own with a dateline."""
    doc = page_of(
        "智慧港口见闻（国际视点）",
        "自动化码头、无人集卡、数字孪生，多国港口加快转型。",
        "荷兰鹿特丹——",
        "一张数字地图调度全港",
        "清晨，港区的集装箱吊桥按系统指令依次作业。",
        "新加坡——",
        "自动导引车昼夜不停",
        "码头上，上百辆自动导引车往返穿梭。",
        "阿联酋阿布扎比——",
        "清洁能源为港口供电",
        "港区屋顶铺满光伏板，年发电量可观。",
        "外交部：愿同各方加强港口合作",
        "本报北京4月7日电  （记者王明）外交部发言人7日表示，中方愿同各方加强合作。",
        "新加坡——",
        "新航线本月开通",
        "新华社新加坡4月7日电  （记者李华）一条新航线7日开通。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == [
        "智慧港口见闻（国际视点）",
        "外交部：愿同各方加强港口合作",
        "新航线本月开通",
    ]
    assert "清洁能源为港口供电" in got[0][1]


def test_plain_page_brief_column_with_a_label_of_its_kind() -> None:
    """A brief column is known by the kind its label names (…扫描, …速览, …快讯), not only by a fixed list."""
    doc = page_of(
        "港口合作前景广阔（环球走笔）",
        "海风吹过码头，吊桥起落之间，是合作的节奏。",
        "（作者为本报驻外记者）",
        "海外扫描",
        "某国央行宣布下调基准利率",
        "新华社某地4月7日电  （记者张三）某国央行7日宣布下调基准利率。",
        "某国举行大选投票",
        "新华社某地4月6日电  （记者李四）某国6日举行大选投票。",
        "中国品牌汽车在海外受欢迎",
        "在某国首都的一家门店，前来看车的顾客络绎不绝。" * 20,
        "近年来，中国品牌汽车以性价比高、配置丰富等特点，成为当地消费者的新选择。" * 6,
        "（本报某地4月7日电）",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got[1] == ("海外扫描", ["某国央行宣布下调基准利率", "某国举行大选投票"])
    assert [t for t, _ in got] == ["港口合作前景广阔（环球走笔）", "海外扫描", "中国品牌汽车在海外受欢迎"]


def test_plain_page_a_brief_column_of_new_things_holds_its_placed_items() -> None:
    """A column of local briefs (``乡村新事``) holds its items, each a place over a headline."""
    doc = page_of(
        "玩转直播“新农活”（话说新农村）",
        "手机成了新农具，直播成了新农活。",
        "乡村新事",
        "江苏省宿迁市",
        "花卉生产更智能",
        "本报电  （记者钱二）近日，宿迁市一家花卉基地里，智能温室调控着温度和湿度。",
        "浙江省仙居县",
        "“共富工坊”吸纳就业近万人",
        "本报电  （记者孙三）仙居县建成“共富工坊”一百余家，吸纳村民就业近万人。",
        "福建农行创新金融产品",
        "服务海洋渔业全链条",
        "春节前夕，东山县澳角村迎来海鲜销售旺季。",
        "金融活水，浇灌新产业新业态。专属信贷产品覆盖海洋渔业全链条。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "玩转直播“新农活”（话说新农村）",
        "乡村新事",
        "服务海洋渔业全链条",
    ]


def test_plain_page_a_columns_headline_over_a_signed_letter_keeps_the_letters_after_it() -> None:
    """A column's headline (``（金台视线）``) over a letter its reader signs keeps the letters signed the same
    way after it; an article under a dash kicker after them starts a new one."""
    doc = page_of(
        "村规民约树新风（金台视线）",
        "法理情相结合  定好村规民约",
        "随着乡村全面振兴战略的深入实施，村规民约作用日益凸显。",
        "山西临汾市  张奇平",
        "破除陈规陋俗  涵养文明乡风",
        "近期，笔者回乡走访发现，在部分村庄，人情消费水涨船高。",
        "辽宁鞍山市  姜雨彤",
        "既要堵也要疏  兼顾尺度温度",
        "当前，部分红白喜事中高额彩礼、铺张浪费等问题依然存在。",
        "浙江嘉兴市  杨晓杰",
        "群众参与制定，党员带头示范——",
        "巧用约定除旧俗（大家谈）",
        "农村高额彩礼、大操大办、人情攀比等问题，如何破解？",
    )
    assert [a.title for a in articles_of(doc)] == ["村规民约树新风（金台视线）", "巧用约定除旧俗（大家谈）"]


def test_plain_page_a_new_columns_opening_note_under_its_pictures_is_no_article() -> None:
    """A new column's opening note (``开栏的话``) under the first piece's header and picture is part of that
    piece, not an article of its own."""
    doc = page_of(
        "山西左权县——",
        "山乡绘新景  不负英雄名（地名中的抗战记忆）",
        "左权像。",
        "左权县委宣传部供图",
        "开栏的话",
        "今年是中国人民抗日战争暨世界反法西斯战争胜利80周年。",
        "本报今起开设“地名中的抗战记忆”栏目，敬请关注。",
        "4月，太行山间春色正浓。登上山西晋中左权县的将军岭，松柏苍翠。",
        "公共服务，社区办还是园区管？（基层治理新实践）",
        "中午时分，福建省泉州市晋江市新塘街道的食堂里人来人往。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "山乡绘新景  不负英雄名（地名中的抗战记忆）", "公共服务，社区办还是园区管？（基层治理新实践）"
    ]  # fmt: skip


@pytest.mark.parametrize("credit", ["郅  延文", "翟钦奇文"])
def test_plain_page_letters_signed_under_their_headlines_and_spaced_credits(credit: str) -> None:
    """Readers' letters signed under their headlines (a spaced name, a long prefecture's name) stay in their
    column; a writer's credit, spaced or not (``郅  延文``, ``翟钦奇文``), and a spaced drawing credit
    (``绘    制：…``) are no headlines."""
    doc = page_of(
        "图片报道",
        "这正是：春风送暖入屠苏，万家灯火照归途。",
        credit,
        "来论",
        "提升思辨力，更好“玩中学”",
        "湖北省咸宁市  王  棨",
        "不久前，我参加由学校组织的人工智能课程，收获很大。",
        "葆有敬畏心，品味文化美",
        "贵州黔东南苗族侗族自治州  吴汶澈",
        "传统文化不仅是古籍里的深奥文字，也是生活里的点滴。",
        "第一批美丽乡村先行区名单公布",
        "本报北京1月22日电  （记者赵一）农业农村部近日公布第一批美丽乡村先行区名单。",
        "绘    制：黄楚峰",
        "融媒制作：张意轩  张  宇",
    )
    assert [a.title for a in articles_of(doc)] == ["图片报道", "来论", "第一批美丽乡村先行区名单公布"]


@pytest.mark.parametrize("team", ["融媒制作：张意轩  张  宇", "融媒创作：胡洪江  刘  杰", "融媒合作：石  磊  刘  冰"])
def test_plain_page_a_media_team_credit_closes_its_story(team: str) -> None:
    """The team behind a story's online version is credited under it (``融媒制作：…``, ``融媒创作：…``,
    ``融媒合作：…``) like a map's maker: a closing line, not the headline of the next story."""
    doc = page_of(
        "无名英雄的笔记本",
        "本报郑州4月28日电  （记者张三）王警官的抽屉里，有一本泛黄的笔记本。",
        "笔记本上记着二十三位战友的名字。",
        team,
        "制图：汪哲平",
        "自动扶梯上“左行右立”发生碰撞，谁担责？（新闻看法）",
        "乘坐自动扶梯时，很多人有“左行右立”的习惯。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "无名英雄的笔记本",
        "自动扶梯上“左行右立”发生碰撞，谁担责？（新闻看法）",
    ]
    assert team in doc.text[articles_of(doc)[0].start : articles_of(doc)[0].end]


def test_plain_page_a_list_item_after_a_semicolon_is_no_headline() -> None:
    """Items of an enumeration end in semicolons; the last may trail off (``…巨型星系……``) and is short enough
    to pass for a headline, but the semicolon before it says the list goes on."""
    doc = page_of(
        "坚持创新  总有惊喜（一周科技观察）",
        "春节假期，全国科技馆共接待观众超300万人次。",
        "敢于想象，更要勇于笃行。全世界的科学家不断创造着新的惊喜——",
        "在我国南海完成高能水下中微子望远镜探测器单元样机的布放任务；",
        "南非射电天文台发布消息：国际研究团队发现了一个巨型星系……",
        "大自然隐藏着多少秘密？人类以梦为马、砥砺奋进，不断书写着科学探索的故事。",
    )
    assert [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)] == [
        ("坚持创新  总有惊喜（一周科技观察）", [])
    ]


def test_plain_page_a_panel_names_its_guests_and_its_sections_hold_their_words() -> None:
    """A panel names its guests with what they do (``王雪坤（…院长）``, ``潘  虹（演员）``): lines shaped like a
    short headline over a column tag, but no headline. Its sections, headed like kicker and headline,
    hold the guests' words (``王雪坤：…``): they stay in the panel, and the column after it starts."""
    doc = page_of(
        "中非经贸合作迈向“制度赋能”新阶段（权威论坛）",
        "今年5月1日起，中国对53个非洲建交国全面实施零关税举措。本期邀请专家学者展开探讨。",
        "王雪坤（商务部国际贸易经济合作研究院院长）",
        "安东尼·穆恩萨米（南非豪登省合作治理部首席主任）",
        "李  早（总制片人）",
        "重塑经贸合作格局——",
        "携手构建更加紧密的产供链共同体",
        "王雪坤：近年来，中非贸易规模增长势头强劲，贸易结构不断升级。",
        "安东尼·穆恩萨米：中国对非出口的产品技术含量明显提升。",
        "共促落实共享红利——",
        "从“量的增长”向“质的提升”转变",
        "李  早：零关税举措通过重塑激励机制，让生产加工环节更多地留在非洲。",
        "（本报记者王骁波采访整理）",
        "零关税是中非合作的“金色名片”（国际观澜）",
        "中国对53个非洲建交国全面实施零关税举措将于5月1日正式实施。",
        "（作者为外交部非洲司司长）",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [
        (
            "中非经贸合作迈向“制度赋能”新阶段（权威论坛）",
            ["重塑经贸合作格局——", "携手构建更加紧密的产供链共同体", "共促落实共享红利——", "从“量的增长”向“质的提升”转变"],
        ),
        ("零关税是中非合作的“金色名片”（国际观澜）", []),
    ]


def test_plain_page_pictures_under_one_credit_and_a_paragraph_after_a_report_are_an_article() -> None:
    """Two captions under one credit for both (``以上图片均为…摄``) and a paragraph telling what they show: a
    photo story under its own headline, not a section of the dated report above it (nor of the story after)."""
    doc = page_of(
        "选派指导员  驻村促发展",
        "本报南京2月10日电  （记者姚雪青）厂房里工人们干劲十足，生产设备陆续落地。",
        "这样的成果得益于泰州市推出的乡村振兴指导员选派计划。",
        "守护城市的温暖与活力",
        "执法队员把不规范停放的电动车挪到规定停车区。",
        "一场小雨后，执法队员帮助沿街店铺撤收挡雨棚。",
        "以上图片均为徐娅萍摄（人民视觉）",
        "南昌市青云谱区城市管理和综合执法局持续创新管理模式，实现烟火气息与市容规范和谐共生。",
        "辽宁沈阳高新区组建14支招商团队",
        "服务精细化  项目留得下",
        "一大早，沈阳高新区投资促进局招商专员李艾博就来到办公室，整理起招商材料。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "选派指导员  驻村促发展",
        "守护城市的温暖与活力",
        "服务精细化  项目留得下",
    ]


def test_plain_page_a_package_ends_at_its_production_credits() -> None:
    """An editor's package keeps its parts up to the lines that credit who put it together (``本期统筹：…``,
    ``版式设计：…``); a headline after them starts an article of its own."""
    doc = page_of(
        "当机器人爱上跳街舞（体育科技范儿）",
        "当机器人站上街舞赛场，科技与体育、艺术的融合再次加深。",
        "——编  者",
        "为了成为“舞王”，我很拼",
        "大家好，我是骑士队的人形机器人，在首届街舞邀请赛上获得“机甲舞王奖”。",
        "（本报记者张云河采访整理）",
        "以科技拓展体育舞蹈边界",
        "本报记者  王  珏",
        "近年来，随着霹雳舞成为奥运会项目，这项运动便以更多元的姿态走近公众。",
        "本期统筹：高  佶",
        "版式设计：张芳曼",
        "感觉很震撼  期待新惊喜",
        "每次看到机器人跳舞，我心中除了感觉奇妙，还有难以言喻的震撼。",
        "作为一名霹雳舞运动员，我深知学会一套动作需要历经多少磨炼。",
    )
    assert [a.title for a in articles_of(doc)] == ["当机器人爱上跳街舞（体育科技范儿）", "感觉很震撼  期待新惊喜"]


def test_plain_page_an_exclamation_after_an_articles_closing_line_is_a_headline() -> None:
    """An exclamation is a headline only over a dateline or a byline, or where the article before it has
    closed (``（据新华社4月26日电）``): inside a body it is a quoted paragraph."""
    doc = page_of(
        "台胞为啥爱来厦门取快递",
        "不少台胞取完快递，会习惯性地在这里停留片刻，和店主闲聊几句家常。",
        "“太方便了！”",
        "在店主眼中，这间店铺早已不是普普通通的寄存站点。",
        "（据新华社4月26日电）",
        "“爸爸，当年接你回家的军舰真棒！”",
        "“今天，我终于有机会再次向你们表达一声‘感谢’！”近日，北部战区海军在青岛组织舰艇开放活动。",
        "这天一早，苗旺旺带着妻子和儿子来到码头。",
    )
    assert [a.title for a in articles_of(doc)] == ["台胞为啥爱来厦门取快递", "“爸爸，当年接你回家的军舰真棒！”"]


def test_plain_page_a_package_runs_from_its_column_headline_to_its_production_credits() -> None:
    """With no editor's note, the credits that close a package (``本期统筹：…``) still say where it began: at
    the column's headline above them. A bylined report between is its part; a commentary under its own tag
    after the credits is not."""
    doc = page_of(
        "机器人如何踢足球（体育科技范儿·机器人中的体育生）",
        "大家好，我是清华火神队的人形机器人，去年在世界杯上夺得冠军。",
        "人类有很多足球明星，希望我不断进步，与更多高手一较高下。",
        "（本报记者闫伊乔采访整理）",
        "从蹒跚学步到屡屡夺冠",
        "本报记者  闫伊乔",
        "几天前，在清华大学的校庆活动上，机器人的足球技艺引来观众阵阵惊叹。",
        "从实验室走进竞技场，以赛促研成为清华火神队的成长密码。",
        "本期统筹：王  者",
        "版式设计：汪哲平",
        "以赛为镜  映照未来（快评）",
        "机器人踢足球，踢出的是技术进步的加速度。",
    )
    assert [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)] == [
        ("机器人如何踢足球（体育科技范儿·机器人中的体育生）", ["从蹒跚学步到屡屡夺冠"]),
        ("以赛为镜  映照未来（快评）", []),
    ]


@pytest.mark.parametrize(
    "credit",
    [
        "以上图片均为考古杂志社提供（新华社发）",
        "岷县融媒体中心提供",
        "网友“二马”摄（本图为栏目与南京广播电视台微博联合征图活动入选图片）",
        "滇西抗战纪念馆供图（新华社发）",
    ],
)
def test_plain_page_pictures_provided_by_an_agency_are_credited_not_headlined(credit: str) -> None:
    """``以上图片均为…提供`` credits the pictures above it, with the agency that sent them or without
    (``（新华社发）``), and so does a body's name before 提供 alone or a photographer's credit with a long note
    on where the picture came from: a credit, never the headline of the report under it."""
    doc = page_of(
        "2024年中国考古新发现公布",
        "图①：吉林和龙市大洞遗址发掘现场（资料照片）。",
        "图②：江西景德镇市落马桥清代镇窑遗址（资料照片）。",
        credit,
        "本报北京2月19日电  （记者周飞亚）2月19日，2024年中国考古新发现公布。",
        "大洞旧石器时代遗址位于吉林省和龙市，是一处旧石器时代晚期旷野遗址。",
    )
    assert [a.title for a in articles_of(doc)] == ["2024年中国考古新发现公布"]


def test_plain_page_someones_quoted_words_after_who_says_them_are_no_headline() -> None:
    """A part's last paragraph can be short, quoted and trailing off (``王羽说：“…相遇……”``); who says it
    before the colon and quote makes it a paragraph, never the headline of the part after it."""
    doc = page_of(
        "多样出游  年味出新（文化中国行）",
        "春节假期，各地游客出游热情高涨。",
        "乡村游——",
        "农家迎客来",
        "本报记者  王  昊",
        "去年底，村里专门建设了蝴蝶馆，数百种蝴蝶标本展示其中。",
        "王羽说：“等春暖花开时，我们一定再来鱼子山村，与蝴蝶在乡间相遇……”",
        "冰雪游——",
        "带火“冷”资源",
        "本报记者  邵玉姿",
        "春节期间，哈尔滨冰雪大世界迎来客流高峰。",
    )
    assert [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)] == [
        ("多样出游  年味出新（文化中国行）", ["乡村游——", "农家迎客来", "冰雪游——", "带火“冷”资源"])
    ]


def test_plain_page_a_public_body_named_alone_is_the_kicker_over_what_it_did() -> None:
    """``部署…`` under a meeting's news is its subtitle, but under a public body named alone
    (``国务院安委办``) it is the headline: a name alone is who acts, not news."""
    doc = page_of(
        "“唯流量”抹黑企业行为需担责",
        "网络媒体迅速发展，然而部分自媒体出于博取流量等动机抹黑企业。",
        "国务院安委办",
        "部署整治建筑保温材料安全隐患",
        "本报北京2月17日电  （记者亓玉昆）2月14日，国务院安全生产委员会办公室召开视频会议。",
    )
    got = [(a.kicker, a.title) for a in articles_of(doc)]
    assert got[1] == ("国务院安委办", "部署整治建筑保温材料安全隐患")


def test_plain_page_a_box_holds_its_items_headed_like_the_first() -> None:
    """A box at an article's end (``链接``) whose first item is a topic over a headline holds the items after
    it headed the same way (the cases it lists); the interview under its own headline and subtitle after
    them starts an article."""
    doc = page_of(
        "船舶污染是如何减少的？（法治头条）",
        "云浮检察院通过“府检联动”机制，联合交通、海事等9家单位推动船舶污染物“上岸”。",
        "链接",
        "治理城乡水污染",
        "扭转旱季“藏污纳垢”、雨季“零存整取”",
        "顺德区检察院发现某水渠黑臭水体线索，向江门市检察机关移送。",
        "治理农业养殖污染",
        "破解规模化养殖污染防治不到位问题",
        "安顺市检察院排查发现多处畜禽养殖场的养殖粪污超过法定标准。",
        "以公益诉讼之力守护一江碧水",
        "——访最高人民检察院副检察长张雪樵",
        "记者：公益诉讼在守护江河方面发挥了什么作用？",
    )
    assert [a.title for a in articles_of(doc)] == ["船舶污染是如何减少的？（法治头条）", "以公益诉讼之力守护一江碧水"]


def test_plain_page_kickers_each_telling_a_provinces_news_head_stories_however_short() -> None:
    """After a dated report, two headlines in one style (``一根铁杆大葱  带富一方百姓``, ``人岗相适  以事评人``)
    could be its sections; kickers over them that each tell a province's news, however short, make them
    stories of their own."""
    doc = page_of(
        "检察机关起诉职务犯罪二万三千余人",
        "本报北京2月12日电  （记者张三）2024年1月至11月，检察机关起诉职务犯罪二万三千余人。",
        "检察机关依法惩治群众身边的腐败犯罪，增强群众安全感。",
        "内蒙古通辽市科尔沁区党建引领发展",
        "一根铁杆大葱  带富一方百姓",
        "走进通辽市科尔沁区木里图镇东海力斯台村，村党支部书记正在给社员们讲解种植技术。",
        "江西贵溪完善干部考核机制",
        "人岗相适  以事评人",
        "去年以来，贵溪市稳步有序推进公务员平时考核工作。",
    )
    assert [(a.kicker, a.title) for a in articles_of(doc)] == [
        (None, "检察机关起诉职务犯罪二万三千余人"),
        ("内蒙古通辽市科尔沁区党建引领发展", "一根铁杆大葱  带富一方百姓"),
        ("江西贵溪完善干部考核机制", "人岗相适  以事评人"),
    ]


@pytest.mark.parametrize("work", ["家乡的路（中国画）", "南山新雨后（油画）"])
def test_plain_page_a_paintings_title_under_a_photo_label_is_its_caption(work: str) -> None:
    """On an arts page a picture's label is over the work's title with its medium (``家乡的路（中国画）``) and the
    artist's name: the caption and its credit, not headings, so the essay headline after them starts an article
    and the artist's name ending the page heads nothing."""
    doc = page_of(
        "读懂传统建筑色彩美学",
        "传统建筑的色彩，承载着古人的审美与智慧。",
        "（作者为某大学建筑学院副教授）",
        "图片报道",
        work,
        "庄小雷",
        "在刀笔间从容绽放",
        "版画是一门在刀笔间见功夫的艺术，一刀一划都是心性。",
        "近年来，一批年轻版画家的作品令人耳目一新。",
        "（作者为某美术馆理论研究部主任）",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["读懂传统建筑色彩美学", "图片报道", "在刀笔间从容绽放"]
    assert any(doc.text[r.start : r.end].startswith(work) for r in split_articles(doc) if r.kind == "caption")
    last = page_of("素人策展培育公共土壤（艺坛走笔）", "社区里的小展览，让艺术走进日常生活。", "图片报道", work, "万小宁")
    assert [a.title for a in articles_of(last)] == ["素人策展培育公共土壤（艺坛走笔）", "图片报道"]  # the artist credits it


def test_plain_page_a_photo_report_after_a_poem_and_essays_after_it() -> None:
    """A photo report's label ends the verse before it, and a photo report has no sections: the essays under
    their plain headlines after it are articles."""
    doc = page_of(
        "时光旅行舱",
        "请收好这张会发芽的车票",
        "系好星辰编织的安全带",
        "每个座位都通往一处秘境",
        "梦境燃料已加注完毕",
        "时间的冰层下绿意蓬勃",
        "石榴中迸出赤道的星团",
        "茶梗会立成指南针的方向",
        "图片报道",
        "油画《黄山云海》，作者刘海粟，中国美术馆藏。",
        "冬来黄姜香",
        "故乡位于鄂西山区的丘陵地带，是适合万物生长的地方。",
        "入冬后，经过几场严霜，挖黄姜的季节也就到了。",
        "地方小戏",
        "说实话，我以前不太喜欢听我们这儿的地方小戏。",
        "我现在越来越喜欢这个小戏了。",
    )
    assert [a.title for a in articles_of(doc)] == ["时光旅行舱", "图片报道", "冬来黄姜香", "地方小戏"]


def test_plain_page_a_boxs_last_heading_shaped_line_over_no_text_is_no_article() -> None:
    """A heading-shaped line ending the page with no text under it (a box's last contact line) belongs to
    the article before it; an advert's short label there is still an article."""
    doc = page_of(
        "200元买张病假条？背后风险大（百姓关注）",
        "本报记者调查发现，一些网络平台公然售卖病假条。",
        "征  集",
        "读者来信版联合开展“整治群众身边不正之风”线索征集。",
        "邮  箱：dzlx@peopledaily.cn",
        "移动端：人民日报客户端“曝光台”",
        "人民网“领导留言板”客户端",
    )
    assert [a.title for a in articles_of(doc)] == ["200元买张病假条？背后风险大（百姓关注）", "征  集"]


def test_plain_page_a_credit_alone_closes_the_photo_report_above_it() -> None:
    """A credit with a spaced two-character name (``蔡  凌供图``, ``王  正摄（人民视觉）``) is a credit, and one
    with no caption of its own belongs to the text above it (a photo report told in body lines), not to the
    next article."""
    doc = page_of(
        "图片报道",
        "1月28日，一辆轿车在乌兰察布市参加冰雪那达慕驼马争霸赛。",
        "王  正摄（人民视觉）",
        "5G移动电话用户超12亿户",
        "本报北京1月28日电  （记者赵一）工业和信息化部28日发布数据。",
        "截至2025年底，全国移动电话基站总数达1287万个。",
        "蔡  凌供图",
    )
    records = split_articles(doc)
    assert_spans_valid(doc, records)
    articles = [r for r in records if r.kind == "article"]
    assert [a.title for a in articles] == ["图片报道", "5G移动电话用户超12亿户"]
    credits = [r for r in records if r.kind == "caption"]
    assert [c.attached_to for c in credits] == [articles[0].article_id, articles[1].article_id]


def test_plain_page_a_quotes_occasion_under_a_dash_is_no_subtitle() -> None:
    """The occasion of a quoted speech under a dash (``——习近平总书记在…审议时强调``) and a quoted netizen
    (``——人民网网友15****7``) are quotes' sources in the body, not headlines, subtitles or sections."""
    doc = page_of(
        "创造经得起实践、人民、历史检验的实绩",
        "管党治党越有效，经济社会发展的保障就越有力。",
        "——习近平总书记在参加十四届全国人大四次会议江苏代表团审议时强调",
        "今年是“十五五”开局之年，如何开好局、起好步？",
        "干事创业，政绩观至关重要。",
        "“希望政策能更快落地，让老百姓早得实惠。”",
        "——人民网网友15****7",
        "网友的期待，就是我们努力的方向。",
    )
    (a,) = articles_of(doc)
    assert a.title == "创造经得起实践、人民、历史检验的实绩" and len(a.head) == 1 and a.sections == ()


def test_plain_page_a_speakers_long_offices_and_occasion_under_a_dash_are_no_headline() -> None:
    """A speaker's offices and the occasion under a dash, closing a signed column's part before its reporter's
    line (``——某省委书记、省人大常委会主任某某不久前在…学习会上说``), is the quote's source, not a headline."""
    doc = page_of(
        "“立规矩”就是在“打地基”（人民时评）",
        "作风建设永远在路上，决不能有“歇歇脚、喘口气”的想法。",
        "——青海省委书记、省人大常委会主任吴晓军不久前在省委理论学习中心组学习会上说",
        "（本报记者  贺  勇整理）",
        "“不把困难当困难，不把别人当别人”",
        "2022年夏天，我来到辽东边陲的大西岔镇司法所，人民调解成为我的日常。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "“立规矩”就是在“打地基”（人民时评）", "“不把困难当困难，不把别人当别人”"
    ]  # fmt: skip


def test_plain_page_a_title_over_the_first_of_its_keyword_sections() -> None:
    """A title over a keyword whose next headings are keywords of that length: the title is the headline, the
    keywords head its sections."""
    doc = page_of(
        "图片报道",
        "3月9日，代表们步入人民大会堂。",
        "翁奇羽摄（影像中国）",
        "两会好声音",
        "创新驱动",
        "“要把科技创新摆在更加突出的位置。”赵一代表说。",
        "民生改善",
        "“民生无小事，枝叶总关情。”钱二委员说。",
        "扩大内需",
        "“内需是经济增长的主动力。”孙三代表说。",
    )
    _, b = articles_of(doc)
    assert (b.kicker, b.title) == (None, "两会好声音")
    assert [sec.title for sec in b.sections] == ["创新驱动", "民生改善", "扩大内需"]


def test_plain_page_kickers_of_one_style_head_a_features_sections() -> None:
    """Three sections each under a kicker of one style (``搭平台、建舞台`` / ``出新招、亮实招`` / ``办实事、求实效``)
    are one article's sections even when fewer than half the headings have a kicker; the heading that breaks
    the sections of the article before is that article's headline."""
    doc = page_of(
        "在山林中听林改故事，福建以生态旅游线路串起景点",
        "串景成线，打开新体验",
        "一条生态旅游线路，能有多少种新体验？",
        "在捷文村，听林改策源地的故事",
        "走进捷文村，林改陈列馆里游客络绎不绝。",
        "在闽江源，学习生物多样性知识",
        "闽江源头，研学团队正在观察鸟类。",
        "在大金湖，组团摄影享受服务",
        "大金湖畔，摄影爱好者架起了“长枪短炮”。",
        "重庆：推动新时代退役军人工作高质量发展",
        "近年来，重庆市持续做好退役军人服务保障工作。",
        "搭平台、建舞台",
        "打好安置就业“组合拳”",
        "重庆举办退役军人专场招聘会一百余场。",
        "出新招、亮实招",
        "擦亮服务保障“金招牌”",
        "全市建成退役军人服务站一万余个。",
        "办实事、求实效",
        "画好尊崇尊重“同心圆”",
        "重庆常态化开展走访慰问活动。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "串景成线，打开新体验",
        "重庆：推动新时代退役军人工作高质量发展",
    ]


def test_plain_page_short_stories_after_a_dated_report_are_articles() -> None:
    """After a dated report, short undated stories under plain headlines that share no style but a length
    are stories printed one after another, not a feature and its sections."""
    doc = page_of(
        "海南发布职业工种目录",
        "海南日报海口3月18日电  （记者赵一）海南近日发布职业工种目录。",
        "目录涵盖新职业一百余个。",
        "小家电变了新模样",
        "走进宁波慈溪的一家小家电企业，生产线上一台台空气炸锅正在下线。",
        "企业负责人介绍，今年新品订单同比增长三成。",
        "街边小店成了赞助商",
        "一场尚未开赛的区域足球联赛，让街边小店纷纷报名赞助。",
        "店主说，赞助花钱不多，带来的客流却不少。",
        "十五个村“搭伙”开家新公司",
        "十五个村联合成立强村公司，村集体收入明显增加。",
        "村干部说，抱团发展让大家有了底气。",
        "老旧小区有了“共享管家”",
        "社区引入物业服务企业，为老旧小区提供共享管家服务。",
        "居民说，小区环境一天比一天好。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "海南发布职业工种目录",
        "小家电变了新模样",
        "街边小店成了赞助商",
        "十五个村“搭伙”开家新公司",
        "老旧小区有了“共享管家”",
    ]


def test_plain_page_an_editors_parts_under_dash_kickers_and_bylines_stay_in_it() -> None:
    """Parts an editor's note introduces, each a company's name under a dash over a headline and a byline,
    are its sections; the note after them (a column tag) is an article."""
    parts = []
    for firm, head, name in (
        ("某某汽车集团有限公司——", "塑品牌，数智升级造好车", "本报记者  张三"),
        ("某某重工集团有限公司——", "造重器，融入全球供应链", "本报记者  李四"),
        ("某某农机集团有限公司——", "抓研发，新型农机走向市场", "本报记者  王五"),
    ):
        parts += [firm, head, name, "车间里，机器人手臂伸展旋转，一台台产品沿输送线向前移动。"]
    doc = page_of(
        "看这些老厂的新模样（经济聚焦）",
        "传统产业是产业体系的基本盘，本版今起走进几家老厂。",
        "——编  者",
        *parts,
        "老厂的精神力量（编辑手记）",
        "提到老厂，你会想到什么？",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["看这些老厂的新模样（经济聚焦）", "老厂的精神力量（编辑手记）"]
    assert "造重器，融入全球供应链" in got[0][1]


def test_plain_page_brief_column_ends_where_its_items_change_form() -> None:
    """The items of a brief column share the first one's form; an undated story after dated items is an
    article of its own, however short."""
    doc = page_of(
        "八方速递",
        "某市首个社区医院执业点获批",
        "本报某市2月4日电  （记者张三）某市卫生健康委近期批准一家医院开展执业。",
        "某省森林覆盖率再提高",
        "本报某市2月4日电  （记者李四）某省已完成森林普查，覆盖率再创新高。",
        "村子里的阅读播种记",
        "“请各位家长将孩子的假期阅读书目发到群里。”一位村干部说。",
        "现在，村里的阅读群越来越热闹。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [
        ("八方速递", ["某市首个社区医院执业点获批", "某省森林覆盖率再提高"]),
        ("村子里的阅读播种记", []),
    ]


def test_plain_page_keywords_over_long_headings_are_sections() -> None:
    """A keyword over a long heading with a comma (``读业态`` / ``“文化是根，经济是叶”``) heads a section like
    a keyword over a short one; the first heading of another kind after the set starts an article."""
    doc = page_of(
        "解读电影的经济账（面对面）",
        "从电影到手办，从零售到旅游，电影经济的链条越拉越长。",
        "读数据",
        "电影正在告别一张电影票",
        "记者：电影全产业链产值远超票房，两者差在哪里？",
        "读业态",
        "“文化创造是根，经济创造是叶，根深方能叶茂”",
        "记者：电影与不同业态之间的联动，是否改变了我们的理解？",
        "读趋势",
        "好作品是护城河，守住这个“1”才会衍生“0”",
        "记者：对于普通观众，看一部好电影的获得感最直观。",
        "新编戏因传承而经典",
        "时隔多年，一部新编戏再次进京演出。",
        "（作者为某省艺术研究院研究员）",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["解读电影的经济账（面对面）", "新编戏因传承而经典"]
    assert "“文化创造是根，经济创造是叶，根深方能叶茂”" in got[0][1]


def test_plain_page_press_digest_keeps_its_excerpted_items() -> None:
    """A column's label over items each closed by the paper it was excerpted from is one article; a comment
    with its own column tag after a picture's credit is not taken into it."""
    doc = page_of(
        "守护独有价值（金台随笔）",
        "前不久去外地采访，遇到一名从上海来的老人。",
        "纵横",
        "“粉笔接龙”传递城市温情",
        "陈  江",
        "“街上走着的每个人，大家都辛苦了。”一名作家在便利店黑板上写下问候。",
        "（摘编自《某某日报》，原题为《便利店的暖流》）",
        "差异化服务照见治理水平",
        "朱某某",
        "近年来，许多机场都设置了专属辅助设施的特检室。",
        "（摘编自《某某日报》）",
        "学术当力戒精致的平庸（人民时评）",
        "近段时间，一种被称为精致的平庸的学术研究受到关注。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["守护独有价值（金台随笔）", "纵横", "学术当力戒精致的平庸（人民时评）"]
    assert {"“粉笔接龙”传递城市温情", "差异化服务照见治理水平"} <= set(got[1][1])


def test_plain_page_headline_over_a_label_bullets_and_long_labelled_sections() -> None:
    """A headline over a column's label keeps the headline; bulleted list items are never headings; label-led
    section headings of up to eight characters before the colon stay a set."""
    labelled = page_of(
        "走进这里，历史如此鲜活",
        "头条看点",
        "一座百年建筑修缮后重新开放，参观者络绎不绝。",
        "春季花粉过敏怎么办？（服务窗）",
        "●外出前要“三看”：看时间、看天气、看预报",
        "●户外活动要穿戴好“三件套”：口罩、眼镜、帽子",
        "花粉症的症状和感冒有些相似，需要仔细区分。",
        "“甜岛”的甜蜜事业（第一现场）",
        "岛上的甘蔗田一望无际。",
        "土地的回甘：扎根三百年的经济命脉",
        "甘蔗种植在当地已有三百多年历史。",
        "从田野到烟囱：政策托举下的产业升级",
        "糖厂的烟囱见证了产业的变迁。",
        "跨越山海的合作：市场注入新活力",
        "近年来，出口市场发生了新变化。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(labelled)]
    assert [t for t, _ in got] == [
        "走进这里，历史如此鲜活", "春季花粉过敏怎么办？（服务窗）", "“甜岛”的甜蜜事业（第一现场）"
    ]  # fmt: skip
    assert got[1][1] == [] and "跨越山海的合作：市场注入新活力" in got[2][1]


def test_plain_page_front_page_contents_box_is_its_own_article() -> None:
    """A front page's contents box (``导读`` over headlines and their page numbers) is one article; its
    entries are neither headlines nor sections, and the article after it starts anew."""
    doc = page_of(
        "产业出题  科技答题（今日谈）",
        "把准问题，要有全局视野。",
        "导读",
        "各地传真·年味里的老城",
        "在古城，体验古人如何过年",
        "第八版",
        "解读电影的“经济账”",
        "第二十版",
        "某地发布春节出行提示",
        "本报北京2月4日电  （记者张三）某地4日发布春节出行提示。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [("产业出题  科技答题（今日谈）", []), ("导读", []), ("某地发布春节出行提示", [])]
    box = articles_of(doc)[1]
    assert "第二十版" in doc.text[box.start : box.end]


def test_plain_page_wire_and_other_papers_datelines_open_brief_items() -> None:
    """``据新华社电`` and another paper's dateline (``某某日报宁波1月21日电``) open items as ``本报…电`` does, so a
    brief column holds them all; the place is read after the paper's name."""
    doc = page_of(
        "八方速递",
        "铁路部门将拓展静音车厢服务范围",
        "据新华社电  为进一步提升旅客出行体验，铁路部门将拓展静音车厢服务范围。",
        "宁波舟山港开通新年首条外贸新航线",
        "浙江日报宁波1月21日电  （记者李华）一条外贸新航线21日开通。",
        "南京发放青年人才房票",
        "本报南京1月21日电  （记者白光迪）南京21日发放首批青年人才房票。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [
        (
            "八方速递",
            ["铁路部门将拓展静音车厢服务范围", "宁波舟山港开通新年首条外贸新航线", "南京发放青年人才房票"],
        )
    ]
    one = articles_of(
        page_of("宁波舟山港开通新航线", "浙江日报宁波1月21日电  （记者李华）一条外贸新航线21日开通。")
    )
    assert (one[0].place, one[0].byline) == ("宁波", "记者 李华")
    tv = articles_of(page_of("某台推出新节目", "新华社电视台报道的节目今晚播出。"))
    assert tv[0].place is None


def test_plain_page_dateline_of_two_places_opens_an_item_like_one_of_one_place() -> None:
    """A report filed from two places names both (``新华社耶路撒冷/贝鲁特4月27日电``, ``本报成都、重庆4月21日电``):
    it is a dateline all the same, so a wire column's item under it stays in the column, and both places
    are kept."""
    doc = page_of(
        "环球扫描",
        "某国称已收到谈判新方案",
        "据新华社华盛顿4月26日电  据媒体26日报道，某国已收到谈判新方案。",
        "某军称开始打击边境目标",
        "新华社耶路撒冷/贝鲁特4月27日电  （记者张三、李四）某军27日下午称开始打击边境目标。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [("环球扫描", ["某国称已收到谈判新方案", "某军称开始打击边境目标"])]
    two = articles_of(page_of("两地联合开展演练", "本报成都、重庆4月21日电  （记者王五）两地21日联合开展演练。"))
    assert (two[0].place, two[0].byline) == ("成都、重庆", "记者 王五")


def test_plain_page_heading_after_lead_in_sections_and_after_a_set_starts_an_article() -> None:
    """An article whose sections open with lead-ins ending in a dash has no headings: a heading after them
    starts an article. After a dated report's feature with three headings of one style, a heading of
    another style starts an article."""
    led = page_of(
        "某省以更大勇气扩大开放（“十五五”开局）",
        "本报兰州3月1日电  （记者张三）某省加快建设开放通道。",
        "做强“大通道”，重塑开放新优势——",
        "国际班列开行数量持续增长。",
        "做优“大平台”，打造开放新引擎——",
        "综合保税区建设提速。",
        "让公平正义可感可及",
        "司法改革让群众打官司更便利。",
        "切实解决好老百姓打官司难问题",
        "立案登记制全面推行。",
        "深化改革发挥好司法定分止争功能",
        "多元解纷机制不断完善。",
    )
    assert [a.title for a in articles_of(led)] == [
        "某省以更大勇气扩大开放（“十五五”开局）",
        "让公平正义可感可及",
    ]
    sets = page_of(
        "外长通电话",
        "新华社北京3月1日电  外长1日应约同某国外长通电话。",
        "从春节消费看超大规模市场优势",
        "春节市场是观察超大规模市场的重要窗口。",
        "从烟火气看市场活力",
        "年货区人头攒动。",
        "从科技味看市场热情",
        "智能产品成为新年货。",
        "从好政策看市场潜力",
        "政策红利激发消费活力。",
        "“困扰我们近70年的难题终于解决了”",
        "某国中部的车站，一趟列车刚刚驶离。",
    )
    assert [a.title for a in articles_of(sets)] == [
        "外长通电话", "从春节消费看超大规模市场优势", "“困扰我们近70年的难题终于解决了”"
    ]  # fmt: skip


def test_plain_page_data_source_and_editor_lines_close_and_a_bulleted_box_label_is_a_box() -> None:
    """``数据来源：…`` and ``本期统筹：…`` are closing lines, never headings; a box label with a bullet
    (``■延伸阅读``) still heads a box inside the article."""
    doc = page_of(
        "中国足球期待更进一步（体育大看台）",
        "北京时间1月21日凌晨，中国队闯入决赛。",
        "本期统筹：王  者",
        "■延伸阅读",
        "点球大战中的小纸条有啥用",
        "点球大战期间，门将走向球网后仔细查看小纸条。",
        "（本报记者  王  者整理）",
        "某市产业发展成效显著",
        "本报某市1月21日电  （记者李四）某市产业稳步发展。",
        "数据来源：某市统计局",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["中国足球期待更进一步（体育大看台）", "某市产业发展成效显著"]


def test_plain_page_short_stories_one_after_another_are_articles() -> None:
    """Short stories under plain headlines, none with a kicker, column tag, dateline or byline, printed one
    after another are articles; a feature's sections (under a column tag) stay its sections."""
    stories = page_of(
        "某地钥匙背后的信任与托付",
        "一大早，社区网格员取下一把钥匙，准备开始当天的走访。",
        "（据新华社电）",
        "采冰开张  用于海鲜保鲜",
        "在某市，每年元旦到立春是采冰的时节。",
        "采冰人必须抓紧时间。",
        "牧民茶馆  助力社区治理",
        "在海拔四千多米的社区，一间茶馆成了居民议事的地方。",
        "这条地铁，搭乘可看海",
        "“海景地铁”“通勤线变观景线”……新线路开通后很受欢迎。",
    )
    assert [a.title for a in articles_of(stories)][1:] == [
        "采冰开张  用于海鲜保鲜", "牧民茶馆  助力社区治理", "这条地铁，搭乘可看海"
    ]  # fmt: skip
    feature = page_of(
        "冰天雪地里的产品测试（神州看点）",
        "眼下，某地最低气温已跌破零下四十摄氏度。",
        "极寒环境检验真本领",
        "测试人员的睫毛上结满了霜。",
        "寒地测试带动产业发展",
        "如今，寒地测试已覆盖多个行业。",
    )
    assert [a.title for a in articles_of(feature)] == ["冰天雪地里的产品测试（神州看点）"]


def test_plain_page_long_stories_after_stories_closed_by_their_source_are_articles() -> None:
    """After short stories each closed by its source (``（据新华社电）``), plain headings over stories of any
    length, headlined alike or not, are more stories; under a story that is not closed, the long ones stay its
    sections."""
    long = "据了解，全镇茶叶面积一万七千亩，十四个村发展茶产业，带动群众增收，茶园里处处是忙碌的身影。" * 14
    closed = (
        "青年驿站助人才筑梦",
        "为解决青年阶段性住宿困难，多地推出青年驿站，提供免费入住服务。",
        "来自河北的毕业生即将入住驿站，开始找工作。",
        "（据新华社电）",
    )
    story = (
        "“滴滴农机”助春耕",
        "某县村民用手机小程序下单，很快，附近农机手上门服务。",
        "打开小程序，只见农业生产中全流程环节均设有服务选项。",
    )
    rest = (
        "“你选书，我买单”",
        "“在网上选心仪的读本，直接寄到家，还不用花钱。”读者说。",
        long,
        "茶农老冯家，住了五十多名采茶工",
        "4月3日，天刚蒙蒙亮，某村的茶园里已是一片忙碌。",
        long,
        "两次夺冠背后的摩托车产业",
        "3月29日凌晨，在葡萄牙举行的比赛中，中国车手夺冠。",
        long,
    )
    assert [a.title for a in articles_of(page_of(*closed, *story, *rest))] == [
        "青年驿站助人才筑梦", "“滴滴农机”助春耕", "“你选书，我买单”", "茶农老冯家，住了五十多名采茶工",
        "两次夺冠背后的摩托车产业",
    ]  # fmt: skip
    assert [a.title for a in articles_of(page_of(*story, *rest))] == ["“滴滴农机”助春耕"]
    alike = (
        "短视频培训，打造数智“新农人”",
        "“瞧，这是我用软件生成的草莓生长图。”一位农户说。",
        "日前，某区农业农村局组织培训，提升电商直播技能。",
        "不只凭经验，小龙虾养殖更智慧",
        "“以前养虾凭经验，现在不只凭经验。”养殖户说。",
        "残膜换积分，乡村治理有妙招",
        "4月13日，在某旗的村里，村民拿着残膜来换积分。",
    )
    lane = (
        "街巷“板凳会”，关注群众身边事",
        "某街道的兴旺巷里，人大代表带着板凳来到市场。",
        "居民们围坐一圈，说起身边事。",
    )
    assert [a.title for a in articles_of(page_of(*closed, *lane, *alike))][1:] == [
        "街巷“板凳会”，关注群众身边事", "短视频培训，打造数智“新农人”", "不只凭经验，小龙虾养殖更智慧",
        "残膜换积分，乡村治理有妙招",
    ]  # fmt: skip


def test_plain_page_a_feature_after_a_forum_comment_keeps_its_sections_of_its_own_style() -> None:
    """A comment (``（人民论坛）``) has no sections: the heading after it starts a feature, even one whose
    headline shares the style of its sections (``一份…`` / ``一名…``), and a section a character shorter
    than the others stays a section."""
    doc = page_of(
        "让世人看见真实的中国（人民论坛）",
        "中国是一个大国，疆域辽阔、人口众多，历史悠久。",
        "当世界真实、全面、客观地看中国，必然会看到一个可信、可爱、可敬的中国。",
        "一份提案，牵出一条民生热线",
        "“丁零零……”4月3日晚，心理援助热线的电话响起。",
        "这条民生热线，源于一份政协委员的提案。",
        "一名留守儿童的心事",
        "一名留守儿童的心事，深深印在政协委员的心里。",
        "一位政协委员的提案",
        "类似的故事，委员还遇到过很多。",
        "一个同题共答的回应",
        "作为提案承办单位，国家卫生健康委高度重视。",
        "一张提案办复证书",
        "委员的办公室里，珍藏着一张特别的证书。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "让世人看见真实的中国（人民论坛）",
        "一份提案，牵出一条民生热线",
    ]


def test_plain_page_a_dash_kicker_like_the_interviews_lead_ins_is_one_more_part() -> None:
    """An interview in parts led in by dashes (``关于中国球员——`` / ``关于自己——``): a part whose lead-in stands
    over a quoted heading (``关于波折和坚持——`` / ``“我想赢，但也不怕输”``) is one more part, not an article;
    another dash kicker after them still starts one."""
    doc = page_of(
        "“每一杆都是人生的一次选择”（对话体坛名将）",
        "在北京时间4月6日凌晨结束的比赛中，中国选手夺得冠军。",
        "关于中国球员——",
        "“人才金字塔的底座越来越扎实，自然会涌现更多优秀选手，这是一个从量变到质变的过程。”",
        "问：这个赛季，中国斯诺克球员集体表现亮眼，你怎么看？",
        "答：这是一个从量变到质变的过程。",
        "关于自己——",
        "“斯诺克就像人生一样充满选择，最终走向何方，取决于每一次出杆时的判断和坚持。”",
        "问：中国球迷给你起了不少昵称，你最喜欢哪个？",
        "答：“中国火箭”这个昵称可能因为我打球风格快。",
        "关于波折和坚持——",
        "“我想赢，但也不怕输”",
        "问：你进入职业赛场后几经波折，当时怎么想？",
        "答：那段时间我一直在反省自己。",
        "冬奥冠军进校园——",
        "“要对得起孩子们的每一滴汗”",
        "本报北京4月6日电  （记者李四）冬奥冠军走进校园，与学生们一起训练。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "“每一杆都是人生的一次选择”（对话体坛名将）", "“要对得起孩子们的每一滴汗”"
    ]  # fmt: skip


def test_plain_page_a_features_last_section_closed_by_its_source_is_no_story_run() -> None:
    """A feature's last section closed by the feature's source line (``（罗鑫参与采写）``), its headline in the
    style of the section before it, is no short story: the long sections of the next article stay its own."""
    long = "泰州积极推动企业成为创新主体，一批龙头企业牵头组建创新联合体，研发投入持续增长。" * 16
    doc = page_of(
        "坚守“红色前哨”  守护万家灯火",
        "伶仃洋上，巍峨的港珠澳大桥如巨龙横卧。",
        "刻苦训练，克服困难提升打赢能力",
        "中队坚持从难从严训练。",
        "心系群众，在抢险救灾任务中冲锋在前",
        "在港珠澳大桥珠海公路口岸，中队官兵常年执勤。",
        "（罗鑫、罗超参与采写）",
        "江苏泰州：对接创新链和产业链  为高质量发展添动能",
        "科技创新和产业创新，是发展新质生产力的基本路径。",
        "4月28日下午，泰州产创融合推介活动在北京举行。",
        "强化企业创新主体地位，凝聚创新驱动力",
        long,
        "链接高能级科创平台，提升创新策源力",
        long,
        "以产聚才、以才兴产，厚植创新生产力",
        long,
    )
    assert [a.title for a in articles_of(doc)] == [
        "坚守“红色前哨”  守护万家灯火", "江苏泰州：对接创新链和产业链  为高质量发展添动能"
    ]  # fmt: skip


def test_plain_page_interview_answers_and_trailing_questions_are_not_headlines() -> None:
    """A long comma line over an interviewer's question (a question is no heading) is body text, as is a
    line of questions trailing off in an ellipsis."""
    interview = page_of(
        "实现住房建设高质量发展良好开局（权威访谈）",
        "2025年，城市更新取得重要进展。",
        "“十五五”时期，住房城乡建设总体处在转型发展关键期",
        "记者：如何看“十五五”时期住房城乡建设面临的形势？",
        "某部长：这一时期，住房城乡建设总体处在转型发展关键期。",
    )
    assert [(a.title, [s.title for s in a.sections]) for a in articles_of(interview)] == [
        ("实现住房建设高质量发展良好开局（权威访谈）", [])
    ]
    questions = page_of(
        "历史的现场  生动的课堂（解码·思政课怎么上）",
        "山水田野、纪念馆、革命遗址，都可以成为思政课的课堂。",
        "他们为什么选择从军抗日？什么样的目标可以被称为“高远”？……",
        "前不久，一堂特别的思政课在某中学举行。",
    )
    assert [a.title for a in articles_of(questions)] == ["历史的现场  生动的课堂（解码·思政课怎么上）"]
    quoted = page_of(
        "打击超高“黑飞”，守护天空安全",
        "在某社交平台，一账号发布多条无人机航拍视频。",
        "“根据您提供的信息，小运为您查询到以下答案……”",
        "智能客服的回答，让不少网友会心一笑。",
    )
    assert [a.title for a in articles_of(quoted)] == ["打击超高“黑飞”，守护天空安全"]


def test_plain_page_supplement_essays_and_a_poem_are_articles() -> None:
    """On a literary page, an essay under a letter-spaced title (the page's only such heading) and a poem
    (a headline over short lines of verse) are articles; spaced words in a set stay sections."""
    verse = [
        "深深地，",
        "印在我心底的，",
        "是你那灿烂的微笑，",
        "清澈，纯粹。",
        "泥泞的路上，",
        "跌倒后把我扶起的，",
        "是你。",
    ]
    doc = page_of(
        "不妨“舍远求近”（文思）",
        "“诗与远方”，一种理想化的精神追求。",
        "在乡下，我经常想起陶渊明。",
        "砚  滴",
        "现在的孩子，大多不认识砚滴。",
        "我第一次看见砚滴，是上小学时。",
        "灿烂的微笑",
        *verse,
    )
    assert [a.title for a in articles_of(doc)] == ["不妨“舍远求近”（文思）", "砚  滴", "灿烂的微笑"]
    sections = page_of(
        "走好新时代的赶考路（人民论坛）",
        "赶考永远在路上。",
        "重  视",
        "思想上高度重视。",
        "落  实",
        "行动上狠抓落实。",
    )
    assert [a.title for a in articles_of(sections)] == ["走好新时代的赶考路（人民论坛）"]


def test_plain_page_speakers_under_dashes_over_bylines_are_a_columns_parts() -> None:
    """Under a column's headline, two or more parts each a speaker under a dash over a quoted headline and a
    byline are its sections; a photo credit line (``以上图片均为…提供``) is never a headline."""
    parts = []
    for who, said, by in (
        ("某区新就业群体党支部书记王某——", "“和小哥聊聊天，给大伙儿帮帮忙”", "本报记者  王  洲"),
        ("某市极地公园副总经理张某——", "“与企鹅来一场美妙邂逅”", "本报记者  方  圆"),
        ("某基地防风雪抢险主任游某——", "“让大家回家的路更通畅”", "本报记者  李亚楠"),
    ):
        parts += [who, said, by, "春节将至，他们仍坚守在岗位上。"]
    doc = page_of(
        "贴近需求  贴心服务（新春走基层）",
        "以上图片均为某区委宣传部提供",
        "春节临近，各行各业的劳动者坚守岗位。",
        *parts,
        "某省努力走好新时代的长征路",
        "本报贵阳1月14日电  （记者马某）某省持续加强作风建设。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["贴近需求  贴心服务（新春走基层）", "某省努力走好新时代的长征路"]
    assert "“与企鹅来一场美妙邂逅”" in got[0][1]


def test_plain_page_stories_after_a_brief_column_and_reports_after_a_note() -> None:
    """Undated stories after a brief column's dated items are articles, also when their headlines share a
    style with one another (``民生账本  缩短群众跑腿路`` / ``小哥码  破解骑手进门难``); after a note, headings of one
    style are the reports it is printed with."""
    doc = page_of(
        "八方速递",
        "某地绿茶新年第一采开采",
        "本报贵阳1月7日电  （通讯员李某）某地绿茶7日开采。",
        "某市打造外卖聚集区",
        "浙江日报丽水1月7日电  （记者黄某）某市打造外卖聚集区。",
        "民生账本  缩短群众跑腿路",
        "前不久，一位市民拨通了街道的电话。",
        "仅仅三个工作日，一份家庭经济状况报告就办好了。",
        "小哥码  破解骑手进门难",
        "近日，一个骑手服务平台上线。",
        "小宁书屋  滋养心田",
        "在某市，一批精心打造的书屋开放。",
    )
    titles = [a.title for a in articles_of(doc)]
    assert titles == ["八方速递", "民生账本  缩短群众跑腿路", "小哥码  破解骑手进门难", "小宁书屋  滋养心田"]
    note = page_of(
        "以高水平开放促高质量发展（编辑手记）",
        "回望“十四五”，开放发展蹄疾步稳。",
        "“三亚的海滩让人着迷”",
        "躺在沙滩晒太阳，面朝大海吹暖风。",
        "“扎根中国的信心更足了”",
        "一张数据出境备案结果通知书送达企业。",
        "“手上的订单量又增了”",
        "拿到报关单，目送一辆运输车驶出口岸。",
    )
    assert len(articles_of(note)) == 4


def test_plain_page_a_report_with_a_salutation_and_numbered_sections_is_one_article() -> None:
    """A document's salutation (``各位代表：``) opens its body and its numbered sections (``一、总体要求``)
    stay in it."""
    doc = page_of(
        "关于二〇二五年某项计划执行情况的报告",
        "各位代表：",
        "受国务院委托，现将计划执行情况提请审议。",
        "一、2025年计划执行情况",
        "2025年是很不平凡的一年。",
        "二、2026年经济社会发展总体要求",
        "做好2026年工作，要坚持稳中求进。",
        "（一）宏观政策更加积极有为",
        "政策组合拳协同增效。",
    )
    assert [(a.title, len(a.sections)) for a in articles_of(doc)] == [
        ("关于二〇二五年某项计划执行情况的报告", 3)
    ]


def test_plain_page_stories_under_kickers_that_tell_their_news_are_articles() -> None:
    """After a column's story, headlines under long kickers in no shared style (each story's news) are
    articles; under kickers of one style (``内畅外联，…`` / ``优化环境，…``) they are a feature's sections."""
    told = page_of(
        "“一盘饺子”改变一个村（把老百姓身边的大事办好）",
        "迎着春光，记者一头扎进一家饺子馆。",
        "某省打造一流仲裁机构、探索仲裁推荐标准",
        "更深度地开展涉外仲裁",
        "依托推荐标准，一起跨国合同纠纷仲裁审结。",
        "某区围绕精简文件提出二十五条减负评估事项",
        "制发文件时多想想基层情况",
        "“以往和部门沟通时找不到有针对性的文件。”一位基层干部说。",
    )
    assert [a.title for a in articles_of(told)] == [
        "“一盘饺子”改变一个村（把老百姓身边的大事办好）", "更深度地开展涉外仲裁", "制发文件时多想想基层情况"
    ]  # fmt: skip
    feature = page_of(
        "某市：高水平开放引领城市高质量发展",
        "开放，能让一座城市跑出怎样的速度？",
        "内畅外联，延伸内陆城市开放半径",
        "航空旅客年吞吐量突破9000万人次",
        "国际航线持续加密。",
        "优化环境，为企业提供全周期服务",
        "外贸进出口总额超8500亿元",
        "营商环境不断优化。",
    )
    assert [a.title for a in articles_of(feature)] == ["某市：高水平开放引领城市高质量发展"]


def test_plain_page_a_theory_columns_sections_of_one_style_stay_in_it() -> None:
    """A long-form column (``（人民要论）``) keeps its section headings of one style; only a note's
    (``（编辑手记）``) are the reports it is printed with."""
    doc = page_of(
        "彰显思想伟力  推动文明互鉴（人民要论）",
        "——某部著作国际传播的实践与启示",
        "自首发以来，该书已出版多个语种版本。",
        "展现强大真理力量",
        "该书思想精深、影响深远。",
        "积淀宝贵传播经验",
        "翻译出版和宣传推介工作积累了宝贵经验。",
        "（作者为某局局长）",
    )
    assert [a.title for a in articles_of(doc)] == ["彰显思想伟力  推动文明互鉴（人民要论）"]


def test_plain_page_a_special_pages_banner_headline_keeps_its_sections() -> None:
    """A headline of three spaced groups (a special page's banner, even with a comma in it) starts an article
    after a column's story, and the two-group headings under it are its sections."""
    doc = page_of(
        "一碗爱心面传递善意（援手）",
        "“这面条真地道，好吃！”一位食客说。",
        "开业半个月以来，面馆平均每天卖出近百碗面。",
        "某市某区 推进“一体化”行政执法改革  打造“你好，创业者”品牌",
        "近年来，某区持续深化行政执法改革。",
        "深化智能制造转型  构建先进制造产业体系",
        "在某公司的生产车间，视觉检测设备高速运转。",
        "强化产业政策供给  激发经营主体活力",
        "今年以来，某区产业政策持续发力。",
        "数据来源：某区融媒体中心",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == [
        "一碗爱心面传递善意（援手）",
        "某市某区 推进“一体化”行政执法改革  打造“你好，创业者”品牌",
    ]
    assert got[1][1] == ["深化智能制造转型  构建先进制造产业体系", "强化产业政策供给  激发经营主体活力"]


def test_plain_page_an_editors_parts_stay_in_it_past_a_lead_in_line() -> None:
    """A lead-in line inside one part (``聊天的工夫，对讲机不时作响：``) does not end an editor's package:
    the parts after it, under kickers like the first's, stay in the article."""
    doc = page_of(
        "坚守春运一线  温暖返乡旅程（新春走基层）",
        "1月14日，春运大幕开启。",
        "——编  者",
        "某高速服务区日均服务新能源车近千辆",
        "服务区里的充电“规划师”",
        "本报记者  韩  鑫",
        "春运首日，南北交通大动脉车水马龙。",
        "聊天的工夫，一旁的对讲机不时作响：",
        "“西区充电桩已充7辆。”",
        "某国际机场“国门大使”提供多语种出行服务",
        "航站楼里的出行“百科书”",
        "本报记者  邱超奕",
        "1月14日，机场三号航站楼人来人往。",
        "某火车站烘焙店为旅客制作特色面包",
        "火车站里的美食“魔术师”",
        "本报记者  王云杉",
        "清晨，烘焙店里飘出面包香。",
    )
    assert [a.title for a in articles_of(doc)] == ["坚守春运一线  温暖返乡旅程（新春走基层）"]


def test_plain_page_a_poem_of_long_unpunctuated_lines_is_an_article() -> None:
    """A poem under a letter-spaced title (``赶  集``) whose unpunctuated lines run to eighteen characters is an
    article of its own, not body text of the essay above."""
    doc = page_of(
        "扫开积雪喂小雀",
        "最近一两年里，这样的情景，我见过不止一次。",
        "“是呀，好像早就熟识了一样。”她笑着说。",
        "赶  集",
        "与往年山乡大集逐渐稀落的走向不同",
        "今年，梅花逆势上涨，盖过了雪花",
        "喜鹊从城里引来时尚的年轻人",
        "每张笑脸都镶上了一层透明的羊脂玉",
        "万物均可在地方戏中找到自己出彩的角色",
        "我们欢聚在一起，融入慈祥的大地",
        "等待迷途的游子，一一指认",
    )
    assert [a.title for a in articles_of(doc)] == ["扫开积雪喂小雀", "赶  集"]


def test_plain_page_verse_without_punctuation_and_a_brief_items_speaker() -> None:
    """A poem printed without punctuation (a run of short heading-shaped lines) is one article under its
    title, up to the next column's headline, even with a year in a line; a chart's figures are not verse. A
    brief column's dated item may have a speaker over its headline."""
    lines = ["穿过大酉洞桃花就开了", "石桌旁坐着五柳先生", "流水环伺左右", "半杯酒的春天绽放了两千年"]
    lines += [
        "刚刚卸下笑声的秋千",
        "转眼摇进了斑斓的抖音",
        "“世界上有两个桃花源”",
        "一个擦肩而过，一个身在其中",
    ]
    poem = page_of(
        "从侥幸到后悔（金台随感）",
        "从心理学的视角看，许多明知故犯的行为都源于侥幸。",
        "广州红棉早",
        "2月风还凉时，满城红棉却已烧旺。",
        "酉阳桃花源记",
        *lines,
        "农民画画（遇见）",
        "走进这家画室的时候，是一个春日的上午。",
    )
    titles = ["从侥幸到后悔（金台随感）", "广州红棉早", "酉阳桃花源记", "农民画画（遇见）"]
    assert [a.title for a in articles_of(poem)] == titles
    dated = [*lines[:4], "回想39年前", *lines[4:]]  # a poem may give a year; a chart's lines all hold figures
    poem = page_of("酉阳桃花源记", *dated, "农民画画（遇见）", "走进这家画室的时候，是一个春日的上午。")
    assert [a.title for a in articles_of(poem)] == ["酉阳桃花源记", "农民画画（遇见）"]
    column = page_of(
        "环球扫描",
        "欧盟谴责某国加强对某地区控制",
        "新华社布鲁塞尔2月9日电  （记者丁某）欧盟委员会发言人9日发表声明。",
        "某国原子能组织主席——",
        "若所有制裁解除  某国可稀释其浓缩铀",
        "据新华社某地2月9日电  （记者陈某）某国原子能组织主席9日表示。",
    )
    assert [a.title for a in articles_of(column)] == ["环球扫描"]


def test_plain_page_a_long_form_series_keeps_a_section_its_author_line_closes() -> None:
    """Under a long-form series' headline (a long column tag), a lone heading whose text ends with the
    author's line is the article's section; a dated report after a photo report is still an article."""
    doc = page_of(
        "构建当代经济学系统学说（深入学习贯彻某某重要思想）",
        "某某思想是经济学新境界的开拓者。",
        "21世纪中国经济学的一场革命",
        "中国特色社会主义建设事业是前无古人的事业。",
        "（作者为某大学教授）",
        "图片报道",
        "一月二十四日，某地举行新年联欢活动。",
        "施某摄（人民视觉）",
        "某部长同某组织秘书长会谈",
        "新华社北京1月26日电  （记者陆某）某部长26日同某组织秘书长会谈。",
    )
    titles = ["构建当代经济学系统学说（深入学习贯彻某某重要思想）", "图片报道", "某部长同某组织秘书长会谈"]
    assert [a.title for a in articles_of(doc)] == titles


def test_plain_page_a_committees_report_with_its_addressee_signature_and_date() -> None:
    """A document's long title with no punctuation is a headline; the addressee ending in a colon opens its
    body; the committee's name over the date closes it; quoted statements' speakers (``——某代表（…）``) and
    a sentence trailing off are body lines."""
    report = "第十四届全国人民代表大会某某委员会关于2025年某某计划执行情况与2026年某某计划草案的审查结果报告"
    doc = page_of(
        report,
        "十四届全国人大四次会议主席团：",
        "某某委员会对计划报告进行了审查。",
        "一、2025年计划执行情况总体较好",
        "过去一年，计划执行情况总体较好。",
        "第十四届全国人民代表大会某某委员会",
        "2026年3月10日",
        "中国经济的24小时",
        "清晨5时，某港已在海风中醒来。",
        "一日之间，数千件发明专利如雨后春笋般破土而出……",
        "“我们将坚定不移地深耕中国市场。”",
        "——李某代表（某海关技术中心主任）",
        "本版数据来源：商务部等",
    )
    assert [(a.title, len(a.sections)) for a in articles_of(doc)] == [(report, 1), ("中国经济的24小时", 0)]


def test_plain_page_speaker_parts_signed_with_names_or_another_papers_byline() -> None:
    """A column's or an editor's parts under speakers' dashes stay together when a part is signed by
    reporters' names alone (``郑  轶  廉梦琦``) or by another paper's reporter."""
    doc = page_of(
        "国际体育组织里的中国面孔（体育大看台）",
        "越来越多的中国人在国际体育组织任职。",
        "某联合会主席李某——",
        "“要积极参与，在决策中发出声音”",
        "郑  轶  廉梦琦",
        "李某是首位担任该联合会主席的中国人。",
        "某机构副主席杨某——",
        "“做运动员权益的守护者”",
        "本报记者  李  硕",
        "杨某的日程排得很满。",
        "某委员会副主席吴某——",
        "“心要扎根中国，眼光要望向世界”",
        "环球时报记者  任某某",
        "吴某常说，裁判要公正。",
        "雄关长城越野赛将于6月举行",
        "本报兰州1月14日电  （记者赵某）长城越野赛将于6月举行。",
    )
    titles = [a.title for a in articles_of(doc)]
    assert titles == ["国际体育组织里的中国面孔（体育大看台）", "雄关长城越野赛将于6月举行"]


def test_plain_page_a_kickers_fact_with_a_figure_and_told_kickers_of_one_length() -> None:
    """A figure deep in the first of two header lines, with none in the second, is the kicker's fact over
    the headline; long kickers over stories are articles' even when two happen to be of one length."""
    doc = page_of(
        "去年检察机关起诉扰乱市场秩序犯罪4万余人",
        "高质效办理涉企案件  助推法治化营商环境",
        "本报北京2月18日电  （记者张某）最高检18日发布数据。",
        "帮老年人戒“网瘾”，不能只靠放假大学生（民生观）",
        "让老年人更加合理、安全地使用智能手机。",
        "“十四五”以来，某市改造背街小巷825条、老旧小区1723个",
        "更新城市  提升品质",
        "走进某市的老街区，街巷整洁了。",
        "今年开春以来，某区组织农村劳动力有序外出务工",
        "营造增收致富“开门红”",
        "春节刚过，务工专列就出发了。",
        "某县“妈妈团”成为传承家风、移风易俗带头人",
        "农村妈妈舞出新风采",
        "“排练倒计时两分钟开始！”",
    )
    got = articles_of(doc)
    assert (got[0].kicker, got[0].title) == (
        "去年检察机关起诉扰乱市场秩序犯罪4万余人",
        "高质效办理涉企案件  助推法治化营商环境",
    )
    assert [a.title for a in got[2:]] == ["更新城市  提升品质", "营造增收致富“开门红”", "农村妈妈舞出新风采"]


def test_plain_page_a_features_pictures_do_not_close_it_and_a_digest_writers_spaced_name() -> None:
    """Captions and credits printed under a feature's headline, before its text, do not close it: the label
    over its first section (``城事``) stays in it. In a press digest, a writer's spaced name under an item's
    headline is not that item's headline."""
    feature = page_of(
        "鹳雀楼，更上层楼（城市味道）",
        "图①：某寺外景。",
        "陈某摄",
        "图②：某市地理位置示意图。",
        "陈某摄",
        "鹳雀楼外观。",
        "陈某摄",
        "城事",
        "刚刚过去的清明假期，游客纷纷来到鹳雀楼。",
        "寻访者络绎不绝，最多一天接待了3万名游客",
        "永济有诗意。",
    )
    assert [a.title for a in articles_of(feature)] == ["鹳雀楼，更上层楼（城市味道）"]
    digest = page_of(
        "贴标签不如练内功（人民时评）",
        "与其贴标签，不如练好内功。",
        "纵横",
        "农业发展不妨多些“营养导向”",
        "袁  媛",
        "吃得饱，也要吃得好。",
        "（摘编自《某某日报》）",
        "为绿色发展装上信用引擎",
        "虎  权",
        "信用是绿色发展的基石。",
        "（摘编自《某某日报》）",
    )
    assert [a.title for a in articles_of(digest)] == ["贴标签不如练内功（人民时评）", "纵横"]


def test_plain_page_an_editors_parts_keep_their_boxes_and_authored_pieces_stand_alone() -> None:
    """A reporter's box (``记者手记``) inside an editor's part does not end the package; pieces each closed by
    their author's line, with no names under their headlines, are articles the note introduces."""
    parts = []
    for place, head, by in (
        ("某省某县金花村——", "绿色小叶子  致富金叶子", "本报记者  苏  滨"),
        ("某省某县塔前村——", "守绿水青山  享热腾日子", "本报记者  张腾扬"),
        ("某省某市韶阳村——", "城乡融一体  生活有滋味", "本报记者  申智林"),
    ):
        parts += [
            place,
            head,
            by,
            "时逢春节，村民们忙着准备年货。",
            "记者手记",
            "如何因地制宜，是这里的课题。",
        ]
    package = page_of("在美丽乡村过大年", "乡村年味浓。", "——编  者", *parts)
    assert [a.title for a in articles_of(package)] == ["在美丽乡村过大年"]
    pieces = page_of(
        "我们的春节·开卷迎春",
        "大年初三，年味正浓。",
        "——编  者",
        "暖心的故事  把力量传递",
        "翻开这本书，心中满是感动。" * 40,
        "（作者为某港集团桥吊司机）",
        "探骊得珠的唐诗选本",
        "这部唐诗选注是十卷本的皇皇巨著。" * 40,
        "（作者为某大学教授）",
    )
    assert [a.title for a in articles_of(pieces)] == [
        "我们的春节·开卷迎春", "暖心的故事  把力量传递", "探骊得珠的唐诗选本"
    ]  # fmt: skip
    short = page_of(
        "我们的春节·开卷迎春",
        "大年初三，年味正浓。",
        "暖心的故事  把力量传递",
        "翻开这本书，心中满是感动。",
        "（作者为某港集团桥吊司机）",
        "探骊得珠的唐诗选本",
        "这部唐诗选注是十卷本的皇皇巨著。",
        "（作者为某大学教授）",
    )
    assert len(articles_of(short)) == 3  # signed pieces are no brief column's items, however short


def test_plain_page_headings_after_a_feature_led_by_its_own_questions_are_stories() -> None:
    """A feature whose sections open with the writer's own questions has no section headings: the stories
    printed under it are articles."""
    doc = page_of(
        "乡村来了职业经理人（神州看点）",
        "某市发展新型农村集体经济，为乡村二次造血。",
        "体量大了，产业如何活起来？",
        "村里聘请了职业经理人。",
        "如何更好发展新型农村集体经济？",
        "当地探索了多种模式。",
        "某地特色产品入驻优品馆",
        "某地的特色产品日前入驻优品馆。",
        "产品上架后销量不错。",
        "某地脱水萝卜丝销往海外",
        "一批脱水萝卜丝日前装车发往海外。",
        "订单已经排到了年底。",
    )
    titles = ["乡村来了职业经理人（神州看点）", "某地特色产品入驻优品馆", "某地脱水萝卜丝销往海外"]
    assert [a.title for a in articles_of(doc)] == titles


def test_plain_page_a_feature_led_by_its_questions_keeps_a_set_of_sections_after_them() -> None:
    """A feature that opens its first sections with the writer's own questions (``留在了哪里？`` / ``留下些什么？``)
    may go on under a set of section headings of one length (``让城市留下记忆`` / ``让文化活态传承`` / ``让文旅深度融合``):
    its sections, not stories printed under it."""
    heads = ["让城市留下记忆", "让文化活态传承", "让文旅深度融合"]
    doc = page_of(
        "城市有记忆，生活有滋味（文化中国行）",
        "一水穿镇，两岸临屋，三桥横卧。这便是留下老街。",
        "留在了哪里？",
        "留在历史传统文脉的厚实底蕴里。相传南宋时，这里就是繁华的集镇。",
        "留下些什么？",
        "留下老街有条留下河，河上有座忠义桥。",
        *[x for h in heads for x in (h, "沿着老街散步，居民不时和遇到的老街坊打招呼。")],
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["城市有记忆，生活有滋味（文化中国行）"]
    assert [s.title for s in arts[0].sections] == heads
    story = page_of(*doc.text.strip().split("\n\n"), "漓江山水秀  桂林米粉香", "清晨，街头的米粉店里热气腾腾。")
    assert [s.title for s in articles_of(story)[0].sections][:3] == heads  # a story after the set leaves it whole


def test_plain_page_a_news_story_and_an_interview_after_a_quoted_headline_are_articles() -> None:
    """Under an interview headlined with someone's words in quotes, a lone unquoted heading followed by another
    quoted one is a news story and the next interview printed after it, not the first interview's sections."""
    doc = page_of(
        "“携手并进，非中将实现更好的发展”（中非人文交流年）",
        "“中国的发展经验为非洲国家提供了有益借鉴。”接受本报记者采访时，某国学者这样说。",
        "他表示，人文交流让非中人民的心贴得更近。",
        "中企助力墨西哥轻轨列车平稳运营",
        "在墨西哥城，一列列由中国企业提供的轻轨列车平稳运行。",
        "当地乘客说，新列车更舒适、更准时。",
        "“这次展览带着我‘神游’了良渚遗址”",
        "“展品让我感受到中华文明的悠久历史。”一位观众在展览现场说。",
        "展览吸引了大批当地民众前来参观。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "“携手并进，非中将实现更好的发展”（中非人文交流年）",
        "中企助力墨西哥轻轨列车平稳运营",
        "“这次展览带着我‘神游’了良渚遗址”",
    ]


def test_plain_page_a_quoted_headlines_unquoted_sections_stay_its_own() -> None:
    """Under a quoted headline, unquoted section headings with no quoted heading after the first stay its own
    sections (``海外侨胞  欢欣鼓舞`` / ``辉煌成就  振奋人心``)."""
    doc = page_of(
        "“对中华民族伟大复兴的光明前景充满信心”",
        "海外侨胞和留学人员纷纷表示，为祖国取得的成就感到自豪。",
        "海外侨胞  欢欣鼓舞",
        "在某国的华侨华人聚会上，大家热烈讨论祖国的发展。",
        "辉煌成就  振奋人心",
        "一位留学生说，祖国的发展让海外学子倍感振奋。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["“对中华民族伟大复兴的光明前景充满信心”"]
    assert [s.title for s in arts[0].sections] == ["海外侨胞  欢欣鼓舞", "辉煌成就  振奋人心"]


def test_plain_page_an_editors_note_after_an_article_is_an_item_of_its_own() -> None:
    """An editor's note under its label alone (``编者按``), signed ``——编  者``, after an article's text introduces the
    pieces after it: an item of its own titled by the label, not the end of the article above."""
    doc = page_of(
        "崇高礼敬  最美画卷（读画）",
        "中国共产党成立105周年之际，一幅AI动态画卷引发关注。",
        "一件真正动人的画作，不止于被观看，还会悄然改变观者。",
        "编者按",
        "红色写生不仅是艺术实践，更是生动的党史课。本版邀请画家讲述写生故事。",
        "——编  者",
        "用脚步丈量历史  用心灵感受温度（征程如画）",
        "我是一名军旅画家，从事主题性美术创作已有40余年。",
    )
    titles = ["崇高礼敬  最美画卷（读画）", "编者按", "用脚步丈量历史  用心灵感受温度（征程如画）"]
    assert [a.title for a in articles_of(doc)] == titles


def test_plain_page_review_guards_of_the_fourteenth_pass() -> None:
    """Shapes a review built against this pass's rules, each kept as the rule's negative: an essay's short title
    under a painting's caption is no artist's credit; a dateline paragraph that ends with who took part does not
    close the report before its sections; a short last section under sentence-long ones stays a section; an
    answer running on under a heading stays in its interview; a spaced section head after a panel's guests is
    no guest."""
    essay = page_of("图片报道", "家乡的路（中国画）", "小城书事", "小城的书店不大，却是我最爱去的地方。", "每到周末，我都会在那里坐上一个下午。")
    assert [a.title for a in articles_of(essay)] == ["图片报道", "小城书事"]
    dated = page_of(
        "青年科技工作者座谈会在京举行",
        "本报北京3月1日电  （记者王五）青年科技工作者座谈会1日在京举行，2000余名青年科技工作者参加。",
        "坚持创新驱动，激发青年活力",
        "会议强调，要为青年科技人才成长创造良好环境。",
        "坚持问题导向，破解发展难题",
        "与会代表围绕科技成果转化建言献策。",
    )
    assert [a.title for a in articles_of(dated)] == ["青年科技工作者座谈会在京举行"]
    heads = [*_LONG_HEADS, "加强党的全面领导"]
    theory = page_of(
        "阔步迈向人与自然和谐共生的现代化",
        "党的十八大以来，生态文明建设取得历史性成就。",
        *[x for h in heads for x in (h, "我们要坚持不懈推进生态文明建设，建设美丽中国。", "这是一项长期任务。")],
    )
    assert [s.title for s in articles_of(theory)[0].sections] == heads
    interview = page_of(
        "就条例答记者问",
        "近日，国务院公布条例，司法部负责人就有关问题回答了记者提问。",
        "条例出台的重要意义",
        *_POLICY_QA[:2],
        "三个方面的主要制度创新",
        "一是完善申请程序，二是优化审理机制。",
        "三是强化监督，确保条例落到实处。",
        "如何抓好条例贯彻落实",
        *_POLICY_QA[2:],
    )
    assert [a.title for a in articles_of(interview)] == ["就条例答记者问"]
    panel = page_of(
        "文学创作不再是专业作家独有的领域（人文对话）",
        "本届文学奖评选结果揭晓，引发社会广泛关注。",
        "对话嘉宾：",
        "第九届文学奖评委、某省作家协会主席  甲某某",
        "第九届文学奖评委、某中学语文正高级教师  乙某某",
        "评奖机制  再革新",
        "记者：本届评奖有哪些新变化？",
        "甲某某：评奖机制进一步完善。",
        "文学传播  再破圈",
        "记者：如何看待文学的大众化？",
        "乙某某：文学创作不再是专业作家独有的领域。",
    )
    assert [s.title for s in articles_of(panel)[0].sections] == ["评奖机制  再革新", "文学传播  再破圈"]


def test_plain_page_quoted_terms_and_a_set_are_no_interview_run() -> None:
    """Quoted terms in a headline (``“小土豆”变身“金豆豆”``) are no one's words, and under a quoted headline an unquoted
    heading that shares a style with the heading after the quoted one heads the article's own set."""
    terms = page_of(
        "“小土豆”变身“金豆豆”",
        "在某县，小土豆正成为群众增收的金豆豆。",
        "科技赋能提升产量",
        "当地引进脱毒种薯，亩产大幅提高。",
        "“一碗好粉”",
        "土豆粉加工厂里，工人们正忙着装箱。",
    )
    assert [a.title for a in articles_of(terms)] == ["“小土豆”变身“金豆豆”"]
    in_set = page_of(
        "“对祖国的发展充满信心”",
        "海外侨胞和留学人员纷纷表示，为祖国取得的成就感到自豪。",
        "海外侨胞  欢欣鼓舞",
        "在某国的华侨华人聚会上，大家热烈讨论祖国的发展。",
        "“我们都为祖国骄傲”",
        "一位留学生说，祖国的发展让海外学子倍感振奋。",
        "青年学子  逐梦前行",
        "不少留学生表示，学成后愿意回国发展。",
    )
    assert [a.title for a in articles_of(in_set)] == ["“对祖国的发展充满信心”"]


def test_plain_page_a_columns_kicked_bylined_parts_a_signature_block_and_a_quotes_source() -> None:
    """Under a column's headline, parts each a kicker over a headline and a byline are its sections; the
    signers over a document's date and a quote's source (``——摘自…``) are body lines."""
    doc = page_of(
        "坚持好作风  守护团圆年（干部状态新观察）",
        "春节期间，各地干部坚守岗位。",
        "某县残联干部结对帮扶困难群众",
        "做好“节日慰问”，也做好“日常守护”",
        "本报记者  李某某",
        "腊月里，残联干部走进困难群众家中。",
        "某区暖心服务站点对外开放",
        "外卖小哥坐上团圆饭主桌",
        "本报记者  李某",
        "街道干部们正往桌上端火锅。",
        "致某某代表团的贺电",
        "希望你们再接再厉，再创佳绩。",
        "“坚持人民至上。”",
        "——摘自“十五五”规划纲要",
        "中共中央",
        "国 务 院",
        "2026年2月23日",
        "（新华社北京2月23日电）",
    )
    got = [(a.title, len(a.sections)) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["坚持好作风  守护团圆年（干部状态新观察）", "致某某代表团的贺电"]
    assert got[1][1] == 0


def test_plain_page_a_series_title_after_speaker_sections_starts_an_article() -> None:
    """A title directly over a first part's speaker dash and headline (``议事厅`` / ``某代表——``) starts an
    article even after a column whose own parts were speakers under dashes."""
    doc = page_of(
        "首场代表通道，一心一意守初心（现场·代表通道）",
        "3月5日，首场代表通道开启。",
        "杨某代表——",
        "“工匠”这俩字不是光环，是责任",
        "杨某是一名高级技师。",
        "董某代表——",
        "让可信数字基础设施拥有“中国芯”",
        "董某长期从事芯片研发。",
        "议事厅",
        "梅某代表——",
        "科技赋能文物保护",
        "文物保护离不开科技支撑。",
        "丁某委员——",
        "持续释放体育消费潜力",
        "体育消费潜力巨大。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["首场代表通道，一心一意守初心（现场·代表通道）", "议事厅"]


def test_plain_page_quoted_parts_a_writers_name_and_a_features_credited_pictures() -> None:
    """Under a column's headline, parts each a speaker under a dash over a quoted headline are its sections,
    signed or not; a writer's three-character name under a headline twice as long is not the headline; a
    feature's pictures with their credits (``资料图片``) do not close it."""
    quoted = page_of(
        "中泰携手加强技术人才联合培养（共建“一带一路”）",
        "两国合作办学项目持续推进。",
        "某科学院曼谷创新合作中心——",
        "“为当地储备人工智能和自动化领域人才”",
        "中心去年培训学员数百名。",
        "鲁班工坊——",
        "“为泰国现代工业注入创新活力”",
        "工坊开设了多个专业。",
        "日本加速“转守为攻”严重威胁地区和平稳定（钟声）",
        "近来，日本加快推进军备扩张。",
    )
    assert [a.title for a in articles_of(quoted)] == [
        "中泰携手加强技术人才联合培养（共建“一带一路”）", "日本加速“转守为攻”严重威胁地区和平稳定（钟声）"
    ]  # fmt: skip
    named = page_of(
        "守住“廉关”，过好“年关”（大家谈）",
        "春节将至，作风建设不能松。",
        "守住小事小节",
        "宋朝军",
        "小事小节是一面镜子。",
    )
    heads = [t for a in articles_of(named) for t in [a.title, *(s.title for s in a.sections)]]
    assert "守住小事小节" in heads and "宋朝军" not in heads
    pictures = page_of(
        "花中君子传雅韵（一朵花读懂一座城）",
        "图①：君子兰节展会上，市民在观赏。",
        "连某摄（人民视觉）",
        "图②：簇拥绽放的君子兰花朵。",
        "资料图片",
        "图③：盛开的君子兰。",
        "李某摄（影像中国）",
        "赏花",
        "君子兰叶片宽厚，花色艳丽。",
        "品叶观花，彰显君子之气",
        "养兰人讲究品叶观花。",
        "俏销市场，走向千家万户",
        "君子兰走进了千家万户。",
    )
    assert [a.title for a in articles_of(pictures)] == ["花中君子传雅韵（一朵花读懂一座城）"]


def test_plain_page_a_packages_two_phrase_title_over_bylined_reports() -> None:
    """A title of two spaced phrases over the first report's headline and byline, with reports after it each
    a headline over a byline (or its writers' names), is one article; the reports are its sections."""
    doc = page_of(
        "传播丝路故事  弘扬丝路精神",
        "构建绿色能源产业“生态圈”",
        "本报记者  于某  李某",
        "在某国的光伏电站，一排排组件整齐排列。",
        "以产业“含绿量”提升发展“含金量”",
        "本报记者  孙某某",
        "某工业园区内，新能源项目加快建设。",
        "从产品出海迈向品牌和产业出海",
        "汉南·吉拉尼  李一丹",
        "越来越多的中国品牌走向世界。",
        "某市出台措施支持外贸企业",
        "本报某市3月19日电  （记者王某）某市19日出台措施。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["传播丝路故事  弘扬丝路精神", "某市出台措施支持外贸企业"]
    assert "从产品出海迈向品牌和产业出海" in got[0][1]


def test_plain_page_a_long_kicker_ending_in_a_dash_over_a_columns_headline() -> None:
    """A kicker longer than a heading line, ending in a dash, is the kicker of the column's headline under it
    rather than a stray paragraph before the first article."""
    kicker = "两艘外籍船舶在某海峡发生碰撞，5国均有司法管辖权，两家外企共同将信任票投给中国某海事法院，且看——"
    doc = page_of(
        kicker,
        "涉外海事纠纷化解记（法治头条）",
        "两艘外籍船舶发生了碰撞。",
        "信任之选",
        "两家外企为何选择在中国断案",
        "案件审理顺利。",
    )
    got = articles_of(doc)
    assert (got[0].kicker, got[0].title) == (kicker.rstrip("—"), "涉外海事纠纷化解记（法治头条）")


def test_plain_page_quoted_sources_written_office_first_then_the_name() -> None:
    """Sources under quoted statements written as office, then the name (``——某博物馆馆长  薛  俭``) are
    body lines: the statements stay in the article they are quoted in (a round-up of views under its own
    headline), never headlines or sections."""
    doc = page_of(
        "美哉东方  美在人文",
        "——某文化传播项目启幕侧记",
        "春分时节，某文化传播项目启幕。",
        "优秀传统文化焕发新光彩",
        "近年来，某演艺集团将东方美学与现代舞台艺术融合。",
        "——某演艺集团总经理、党委副书记  高  艾",
        "发展文旅消费，重点是深度挖掘地方文化内涵。",
        "——某文化委员会副主任  宋某某",
        "文化消费是文化产业发展的重要引擎。",
        "——某博物馆馆长  薛  俭",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert [t for t, _ in got] == ["美哉东方  美在人文", "优秀传统文化焕发新光彩"]
    assert not any(t.startswith("——") for _, secs in got for t in secs)


def test_plain_page_a_resolutions_long_title_and_a_numbered_lists_items() -> None:
    """A resolution's title longer than a tagged headline but with no punctuation is a headline; the items
    of a numbered list (``1.…的决定（…通过）``) are body lines, not headings."""
    title = "第十四届全国人民代表大会第四次会议关于批准《全国人民代表大会常务委员会关于法律清理工作情况和有关法律和决定处理意见的报告》的决定"
    doc = page_of(
        title,
        "第十四届全国人民代表大会第四次会议审议了常务委员会的报告，决定批准这个报告。",
        "附件：失效的法律、有关法律问题的决定目录（35件）",
        "1.全国人民代表大会关于授权国务院在经济体制改革和对外开放方面可以制定暂行的规定或者条例的决定（1985年4月10日六届全国人大三次会议通过）",
        "2.第十三届全国人民代表大会第一次会议关于设立第十三届全国人民代表大会专门委员会的决定（2018年3月13日十三届全国人大一次会议通过）",
    )
    assert [a.title for a in articles_of(doc)] == [title]


def test_plain_page_a_press_conferences_speakers_are_its_sections() -> None:
    """A kicked headline right over two or more speakers' parts (``财政部部长蓝佛安：`` over the heading of
    their words) is the press conference's own: the speakers are its sections, and it starts an article
    after the comment above it however few plain headings the page has."""
    doc = page_of(
        "更好发挥教育的支撑作用",
        "推进中国式现代化，科技是关键，人才是基础，教育是根本。",
        "浇花浇根，育人育心。",
        "我们要坚定信心和决心，付诸努力和行动，以教育之力厚植人民幸福之本。",
        "十四届全国人大三次会议举行经济主题记者会",
        "解读国家政策  解码中国经济",
        "3月6日下午，首场记者会举行，5位部长回答了记者提问。",
        "国家发展和改革委员会主任郑栅洁：",
        "中国对实现5%左右的目标充满信心",
        "今年的预期目标是经过综合研判、科学论证后稳慎提出的。",
        "财政部部长蓝佛安：",
        "财政实打实支持提振消费",
        "今年财政将加大对消费的支持力度。",
        "商务部部长王文涛：",
        "把促消费和惠民生结合起来",
        "商务部将持续推动以旧换新。",
    )
    got = [(a.kicker, a.title) for a in articles_of(doc)]
    assert got == [
        (None, "更好发挥教育的支撑作用"),
        ("十四届全国人大三次会议举行经济主题记者会", "解读国家政策  解码中国经济"),
    ]


def test_plain_page_a_pictures_number_alone_is_its_caption_not_a_heading() -> None:
    """A picture's number alone on its line (``图①``, ``图三``) over its caption's words belongs to the caption, so
    the headline above it stays the article's headline and the number is no heading."""
    doc = page_of(
        "干事创业得有一股子劲（人民论坛）",
        "干事创业，那是要在现实的土壤里开出理想的花。",
        "今天，葆有那么一股子劲，我们定能在干事创业的路上勇往直前。",
        "课堂上的AI让学生搭上时光机",
        "图①",
        "博雅学校AI课堂上，学生踊跃参与。",
        "“让我们听一听英雄的心声。”4月3日，博雅学校的一堂课上，课本上的英雄“开口说话”。",
        "这不是这所县城学校第一次将AI应用在教学中了。",
    )
    assert [a.title for a in articles_of(doc)] == ["干事创业得有一股子劲（人民论坛）", "课堂上的AI让学生搭上时光机"]
    assert any(doc.text[r.start : r.end].startswith("图①") for r in split_articles(doc) if r.kind == "caption")
    doc = page_of(
        "“人造太阳”：能源自由的愿景（瞰前沿）",
        "中国环流三号建成后取得的主要成果",
        "资料来源：某研究所",
        "图三",
        "图四",
        "地球上的化石能源耗尽后，人类靠什么生活？",
        "“一团耀眼的白光从山脉尽头升起……”在科幻小说中，飞船发动机的光芒如同太阳。",
    )
    assert [a.title for a in articles_of(doc)] == ["“人造太阳”：能源自由的愿景（瞰前沿）"]


def test_plain_page_a_quoted_headline_with_commas_under_a_dash_kicker() -> None:
    """A long line with commas (a pull quote's shape, quoted or not) right under a kicker ending in a dash is
    the headline the kicker introduces, not the body's first words."""
    doc = page_of(
        "国际人士积极评价中国扩内需促消费政策——",
        "“不仅将激发消费市场的活力，也将带动产业转型升级”",
        "近日，《提振消费专项行动方案》印发，受到国际舆论广泛关注。",
        "多国人士认为，这将为世界经济增长注入动力。",
    )
    got = [(a.kicker, a.title) for a in articles_of(doc)]
    assert got == [("国际人士积极评价中国扩内需促消费政策", "“不仅将激发消费市场的活力，也将带动产业转型升级”")]


def test_plain_page_a_video_screenshot_credit_is_no_headline() -> None:
    """``视频截图`` under a picture's caption credits the picture, as ``资料图片`` does: it is no headline
    splitting the story it is printed in."""
    doc = page_of(
        "戏曲进校园  京韵润童心",
        "本报武汉5月11日电  （记者范昊天）湖北省京剧院近日走进校园，为孩子们送上京剧演出。",
        "江峰携学生在“京韵大舞台”返场演唱。",
        "视频截图",
        "“再来一个，再来一个！”台下的孩子们喊道。",
        "演出结束后，孩子们围着演员学起了身段。",
    )
    assert [a.title for a in articles_of(doc)] == ["戏曲进校园  京韵润童心"]


def test_plain_page_reports_printed_under_the_data_column_are_articles() -> None:
    """The data column (``（读数）``) reads one figure in a few paragraphs, under no section headings: the
    plain headings printed under it head reports of their own, however alike their headlines are. Opened
    by a reading guide (``核心阅读``) it is a feature, and its headings are its sections."""
    doc = page_of(
        "“文旅热”成服务消费新增长点（读数）",
        "国家统计局最新数据显示：今年1—4月，我国服务零售额同比增长5.6%。",
        "多地精准施策激活文旅消费市场，有效带动出行、住宿等相关服务消费加快增长。",
        "商场十二楼有个音乐剧世界",
        "站在上海南京路步行街往上看，新世界城十二楼的灯光点亮夜色。",
        "“这里不只是剧场，更是在商场楼上造出的音乐剧世界。”有观众说。",
        "侨乡文化带给游客独特体验",
        "“来到汕头看到这棵橄榄树，就像走进了电影一样。”游客蔡植宏说。",
        "下寮村正延伸产业链，让游客“有景可看，有项目可玩”。",
        "家电卖出超万亿元，动能在哪里（高质量发展看亮点·读数）",
        "核心阅读",
        "家电消费增长，市场回暖；企业生产火热，产业转型步伐加快。",
        "前不久，我国家电消费成绩单出炉。",
        "政策效应促进消费增长、市场回暖",
        "过去一年，以旧换新动作频频。",
        "以旧换新政策推动生产走高、转型加快",
        "记者在采访中发现，以旧换新的政策效应正在向供给端传导。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "“文旅热”成服务消费新增长点（读数）",
        "商场十二楼有个音乐剧世界",
        "侨乡文化带给游客独特体验",
        "家电卖出超万亿元，动能在哪里（高质量发展看亮点·读数）",
    ]


def test_plain_page_a_headline_leading_with_a_decimal_figure_is_no_numbered_section() -> None:
    """``24.5万个…`` leads with a figure, not with a section's number (``3.…``): under its kicker and over
    its dateline it heads a report of its own after the comment above it."""
    doc = page_of(
        "APP频频“越界”，隐私保护把好三道关（民生观）",
        "近日，社交APP因后台持续高频获取用户位置信息，引发用户对隐私安全的担忧。",
        "作为用户，我们也要提高防范意识，主动管理权限。",
        "缓解电动自行车停放充电供需矛盾",
        "24.5万个住宅小区完成充电设施建设",
        "本报北京4月6日电  （记者亓玉昆）记者从国家消防救援局近日召开的新闻发布会获悉相关情况。",
        "为了缓解停放充电供需矛盾，各地推进既有小区增设电动自行车充电设施。",
    )
    got = [(a.kicker, a.title) for a in articles_of(doc)]
    assert got == [
        (None, "APP频频“越界”，隐私保护把好三道关（民生观）"),
        ("缓解电动自行车停放充电供需矛盾", "24.5万个住宅小区完成充电设施建设"),
    ]


def test_plain_page_a_pictures_credit_naming_a_museum_with_a_dot() -> None:
    """A body credited for a picture may have a middle dot in its name (``沈阳“九·一八”历史博物馆供图``): the
    credit line is no headline."""
    doc = page_of(
        "文旅新业态层出不穷（假日观察）",
        "图③：辽宁沈阳“九·一八”历史博物馆内，游客在参观。",
        "沈阳“九·一八”历史博物馆供图",
        "“五一”假期，文旅新业态层出不穷、新场景不断涌现。",
        "各地博物馆推出夜场和研学活动，吸引大批游客。",
    )
    assert [a.title for a in articles_of(doc)] == ["文旅新业态层出不穷（假日观察）"]


TALE = "手艺人说，老手艺要活下去，就得有人肯坐得住、熬得住。" * 20  # a piece longer than a brief


def test_plain_page_a_literary_supplements_themed_page_prints_pieces_of_their_own() -> None:
    """Under a themed page of the literary supplement (``大地赞歌·技艺的温度``) the editor's note introduces
    pieces that are each an article; another package's note keeps its parts."""
    doc = page_of(
        "大地赞歌·技艺的温度",
        "雀金绣、木雕、竹纸……大多数手艺人一生只做一门手艺。",
        "——编  者",
        "绣，一针一线凝匠心",
        "绣娘正在制作雀金绣。",
        "许  遐供图",
        "初见雀金绣，是在成都的一间工作室里。满墙的绣品在灯下泛着孔雀羽线的光，绣娘们低头穿针，屋里只听得见丝线穿过绸面的声音。",
        "她说，一针一线都要沉下心来，一幅作品少则数月、多则数年，急不得，也省不得，这门手艺就是在这样的日子里传下来的。",
        TALE,
        "慢，是对传统最大的尊重",
        "彭南科在收割水稻。",
        "黄  波摄",
        "秋收时节，彭南科总要亲手割下第一把稻子。稻草要晒足日头，再浸进石灰水里，一泡就是几个月，做纸的人最懂得等待。",
        "他说，慢一点，才能做好一张纸。七十二道工序，每一道都省不得，纸做出来，写字不洇，放上百年也不会发黄变脆。",
        TALE,
        "这片热土值得奔赴",
        "一批批青年来到这里，把青春写在大地上。",
        "——编  者",
        "留下来，参与历史",
        "大学毕业那年，我选择留在这里。那时镇上只有一条街，学校的操场还是土的，我带着一箱书住进了教师宿舍，心里却很踏实。",
        "一晃五年过去了。街道拓宽了，操场铺上了塑胶跑道，我教过的第一批学生也考上了大学，有的还说毕业后要回来。",
        TALE,
    )
    assert [a.title for a in articles_of(doc)] == [
        "大地赞歌·技艺的温度", "绣，一针一线凝匠心", "慢，是对传统最大的尊重", "这片热土值得奔赴"
    ]  # fmt: skip


def test_plain_page_a_list_of_names_one_to_a_line_is_its_articles_body() -> None:
    """Four or more heading-shaped lines that end alike (``…有限公司``) are a list printed one name to a line,
    and the ``…名单`` over them its label: the report's body, up to the photo report after it."""
    doc = page_of(
        "全国文化企业30强发布",
        "本报深圳5月21日电  （记者胡笑源）21日，“2026·全国文化企业30强”名单向社会发布。",
        "“2026·全国文化企业30强”企业名单",
        "（共30家，排名不分先后）",
        "中国出版集团有限公司",
        "中国电影产业集团股份有限公司",
        "北京泡泡玛特文化创意有限公司",
        "芒果超媒股份有限公司",
        "成都可可豆动画影视有限公司",
        "图片报道",
        "5月21日，第二十二届文博会开幕。图为参会者在合影。",
        "新华社记者  毛思倩摄",
    )
    assert [a.title for a in articles_of(doc)] == ["全国文化企业30强发布", "图片报道"]


def test_plain_page_a_headline_naming_a_book_with_a_dot_is_no_brief_column() -> None:
    """A brief column's label may be two names joined by a dot (``各地传真·年味里的老城``), but a headline
    naming a book that has one (``《中国唐卡·西藏卷》发布``) is a report's: the report after it is its own."""
    doc = page_of(
        "《中国唐卡·西藏卷》发布",
        "本报拉萨5月25日电  （记者徐驭尧）“中国历代绘画大系”《中国唐卡·西藏卷》近日在拉萨发布。",
        "全书甄选收录61幅历代精品唐卡。",
        "2026广东东莞龙舟月启动",
        "本报东莞5月25日电  （记者贺林平）24日，2026年广东东莞龙舟月启动。",
        "东莞龙舟月持续时间长、参与度高。",
    )
    assert [a.title for a in articles_of(doc)] == ["《中国唐卡·西藏卷》发布", "2026广东东莞龙舟月启动"]


def test_plain_page_a_heading_twice_as_long_as_a_set_of_even_ones_starts_a_story() -> None:
    """After three or more section headings of one length (``专业服务赢信任`` / ``技能培训筑根基`` /
    ``温情守护暖人心``), a heading twice as long is no more of them: it heads the next story."""
    doc = page_of(
        "15万名“河北福嫂”在京津就业（稳就业在行动）",
        "河北持续提升“河北福嫂”劳务品牌的影响力。",
        "专业服务赢信任",
        "在北京，“河北福嫂”凭着专业服务赢得雇主信任。",
        "技能培训筑根基",
        "河北各地开展家政技能培训，为学员提供实训机会。",
        "温情守护暖人心",
        "让“河北福嫂”安心的，还有全方位的保障。",
        "技能培训消费投诉集中在七领域",
        "中国消费者协会发布一季度全国消协组织受理投诉情况分析。",
        "技能培训领域消费纠纷呈现出类型多样化等特点。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "15万名“河北福嫂”在京津就业（稳就业在行动）", "技能培训消费投诉集中在七领域"
    ]  # fmt: skip


def test_plain_page_readers_comments_box_stays_in_its_story() -> None:
    """``网友留言`` over readers' comments signed ``——…网友`` is a box inside the story above it, as
    ``记者手记`` is, not a headline."""
    doc = page_of(
        "好政策让种粮更有奔头（民生一线）",
        "本报郑州4月27日电  （记者毕京津）春耕时节，合作社的农机在田间来回穿梭。",
        "如今，武正全的合作社种植面积达5000多亩。",
        "网友留言",
        "在绿油油的田野里、在机器的轰鸣声中，看到了丰收的希望。",
        "——北京网友",
    )
    assert [a.title for a in articles_of(doc)] == ["好政策让种粮更有奔头（民生一线）"]


def test_plain_page_a_clause_breaks_place_counts_words_not_quotes() -> None:
    """Section headings share a clause break after the same number of words, whatever quotes they hold
    (``赛段上难度，…`` / ``多变与未知，…`` / ``被热情“投喂”，…``): a plain heading without one after them heads
    the next story."""
    doc = page_of(
        "7500公里，沙漠里的飞驰人生（体育大看台）",
        "拉力赛在沙漠中鸣枪开赛，车手们将驰骋7500公里。",
        "赛段上难度，赛车“喝”国产赛级汽油征战",
        "今年的赛段难度进一步提升。",
        "多变与未知，拉力赛考验车手耐力与技巧",
        "沙漠里的天气多变，考验着每一位车手。",
        "被热情“投喂”，赛道外的温暖与感动",
        "沿途的村民为车手们送来了瓜果。",
        "雪山下的小伙爱足球",
        "雪山下踢球是什么感觉？",
        "在海拔四千米的球场上，小伙子们奔跑着。",
        "（本报记者  李  硕整理）",
    )
    assert [a.title for a in articles_of(doc)] == ["7500公里，沙漠里的飞驰人生（体育大看台）", "雪山下的小伙爱足球"]


def test_plain_page_a_lone_long_heading_with_a_comma_is_the_reports_section() -> None:
    """A lone heading after a report, long and broken by a comma (``推动算力与电力动态匹配，用绿色电力支撑绿色算力``),
    is the report's section; after a comment, or quoting someone, such a heading heads a story of its own."""
    doc = page_of(
        "全国一体化算力网怎么建（经济新方位）",
        "截至今年3月底，东数西算八大算力枢纽节点已建成一批数据中心。",
        "推动算力与电力动态匹配，用绿色电力支撑绿色算力",
        "宁夏中卫，戈壁滩上的光伏阵列一望无际。",
        "“超碳一号”示范工程全面建成",
        "本报北京5月31日电  （记者丁怡婷）“超碳一号”示范工程日前全面建成。",
        "靠前监督锤炼务实作风（编辑点评）",
        "监督之力，贵在精准。",
        "恋爱期间消费属情谊行为范畴，不宜由司法调整",
        "最高人民法院近日发布一批典型案例。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "全国一体化算力网怎么建（经济新方位）",
        "“超碳一号”示范工程全面建成",
        "靠前监督锤炼务实作风（编辑点评）",
        "恋爱期间消费属情谊行为范畴，不宜由司法调整",
    ]


def test_plain_page_a_credit_for_a_range_of_pictures_is_no_headline() -> None:
    """``图②至图⑧均为国家授时中心提供`` credits the pictures it names, as ``以上图片均为…提供`` does: no headline
    between the captions and the story they illustrate."""
    doc = page_of(
        "为国授时  精准守时（讲述·弘扬科学家精神）",
        "图①：国家授时中心的原子钟。",
        "本报记者  高  炳摄",
        "图②：国家授时中心洛南昊平卫星导航授时监测站。",
        "图②至图⑧均为国家授时中心提供",
        "编者按：位于陕西省的中国科学院国家授时中心，负责我国标准时间的产生、保持和发播。",
        "几代授时人扎根黄土高原，守护着“北京时间”。",
    )
    assert [a.title for a in articles_of(doc)] == ["为国授时  精准守时（讲述·弘扬科学家精神）"]


def test_plain_page_a_heading_over_a_set_it_lacks_the_trait_of_heads_them() -> None:
    """Three or more section headings alike (``建强组织体系  凝聚…``, a double space after four words) under a
    heading without that break (a place's profile: ``…：“三链”融合引领…``): the first heads its own article, as
    section headings come alike from the first."""
    doc = page_of(
        "公开通缉台湾“资通电军”重要犯罪嫌疑人——",
        "公安机关依法严厉追查打击非法网络攻击活动",
        "6月5日，广东省广州市公安局天河区分局发布悬赏通告。",
        "公安机关表示，请广大群众积极提供线索。",
        "杭州高新区（滨江）：“三链”融合引领高新技术产业发展",
        "近年来，杭州高新区（滨江）坚持“围绕发展抓党建、抓好党建促发展”的理念。",
        "建强组织体系  凝聚产业发展合力",
        "杭州高新区（滨江）坚持党建与产业发展同频共振。",
        "优化企业服务  打造一流营商环境",
        "企业需求就是服务方向。",
        "聚焦人才创新  激发产业发展动能",
        "人才是创新的第一资源。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "公安机关依法严厉追查打击非法网络攻击活动",
        "杭州高新区（滨江）：“三链”融合引领高新技术产业发展",
    ]


def test_plain_page_a_verse_source_over_a_set_is_no_headline() -> None:
    """A quotation's source (``——《木棉花歌》清·陈恭尹``) over headings alike is never their headline."""
    doc = page_of(
        "攀枝花开金沙畔（一朵花读懂一座城）",
        "天气渐暖，在四川省攀枝花市，攀枝花风风火火地开了。",
        "——《木棉花歌》清·陈恭尹",
        "攀枝花就是木棉花，又有英雄花的美称。",
        "创业之花，见证筚路蓝缕",
        "攀枝花地区早在2000多年前就有文字记载。",
        "奋进之花，伴随发展转型",
        "位于仁和区大龙潭彝族乡的拉鲊古渡，一棵高大的攀枝花树开得正艳。",
        "幸福之花，融入美好生活",
        "在攀枝花，不少居民小区都种有攀枝花树。",
    )
    assert [a.title for a in articles_of(doc)] == ["攀枝花开金沙畔（一朵花读懂一座城）"]


def test_plain_page_keywords_a_character_apart_keep_their_run() -> None:
    """Keyword kickers over a service piece's steps (``找房子`` / ``签合同`` / ``退租``) form one run though one is a
    character shorter: the steps stay sections."""
    doc = page_of(
        "毕业租房，如何省心又安心（服务窗）",
        "对许多高校毕业生而言，租房是独立生活的第一课。",
        "找房子",
        "正规平台，实地看房",
        "租房，找房子是第一步。",
        "签合同",
        "逐条审核，确认细节",
        "签订合同时，毕业生可牢记一个原则。",
        "退租",
        "有理有据，维护权益",
        "租房期间，若遇到房屋物品损坏，维修责任如何划分？",
        "京津冀跨界公交对开线路已有四十三条",
        "本报北京6月10日电  （记者王昊男）京津冀交通协同发展不断深入。",
    )
    assert [a.title for a in articles_of(doc)] == ["毕业租房，如何省心又安心（服务窗）", "京津冀跨界公交对开线路已有四十三条"]


def test_plain_page_labels_over_a_caption_and_credit_name_photos() -> None:
    """A craft's steps over their pictures (``上浆`` / ``宋志学在上浆。`` / ``本报通讯员周亮摄``) name the photos
    printed with the story, not photo stories of their own."""
    doc = page_of(
        "江西万载夏布织造技艺——",
        "夏布，布由夏天而名（追梦）",
        "过筘",
        "宋志学在过筘，让布边缘更结实。",
        "本报通讯员周亮摄",
        "上浆",
        "宋志学在上浆。",
        "本报通讯员周亮摄",
        "织布",
        "宋志学在织布。",
        "本报通讯员周亮摄",
        "晾晒",
        "宋志学在晾晒夏布。",
        "本报通讯员周亮摄",
        "麻怎么变成布？",
        "从一泓清水中捞出苎麻条，撕成细丝，轻轻拈成纱线。",
        "“自打记事起，我就经常看大人绩纱、卷纱。”",
    )
    assert [a.title for a in articles_of(doc)] == ["夏布，布由夏天而名（追梦）"]


def test_plain_page_production_lines_after_the_package_credit_still_close_it() -> None:
    """Production lines printed after the package's credit (``本期统筹：…`` / ``融媒制作：…`` / ``绘 制：…``) do not
    hide it: the box before them (a tree's name over what it is) stays in the column's package."""
    doc = page_of(
        "橄榄古树正茁壮（和古树做朋友）",
        "粤东潮汕，汕头市潮阳区金灶镇下寮村的古树生态园里，一棵三捻橄榄树枝繁叶茂。",
        "下寮村正是这一规划的重点区域。",
        "橄榄",
        "乔木，树高可达25至35米。果实椭圆形，成熟时黄绿色。",
        "本期统筹：陈  娟  杨笑雨",
        "融媒制作：张意轩 钟金叶",
        "绘 制：孟柏杨",
        "我国海洋生态状况总体保持稳定",
        "本报北京6月8日电  （记者刘诗瑶）自然资源部发布公报。",
    )
    assert [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)] == [
        ("橄榄古树正茁壮（和古树做朋友）", ["橄榄"]),
        ("我国海洋生态状况总体保持稳定", []),
    ]


def test_plain_page_a_title_over_pictures_only_keeps_the_bylined_reports_after_it() -> None:
    """A package's title with no text of its own, over its pictures and their credits (a photo agency's name
    alone too: ``影像中国``) (``稳就业，企业在行动``), gathers the bylined reports under it, each under a kicker of its own: one article; a comment with its
    own column tag after them is another."""
    doc = page_of(
        "稳就业，企业在行动",
        "美团骑手孙琦在配送订单。",
        "李大金摄（人民视觉）",
        "李信烁参加美的集团入职集训。",
        "受访者供图",
        "江苏盐城市新四军纪念馆广场雕塑。",
        "影像中国",
        "数据来源：人力资源社会保障部",
        "百度构建校企直通育人路径——",
        "给实习生装上职业能力“加速器”",
        "本报记者  谷业凯",
        "正在百度移动生态用户体验部实习的李楠，是一名在读研究生。",
        "美团推进“春风送岗”行动——",
        "拓宽多元化就业渠道",
        "本报记者  王  珂",
        "“平台机制越来越合理，送外卖更省心了。”骑手孙琦说。",
        "美的搭建人才三级培养体系——",
        "为年轻人提供宽广平台",
        "本报记者  李  刚",
        "走进美的集团厨热洗碗机数智化工厂，只见机械臂上下翻飞。",
        "企业添动力  就业有底气（经济时评）",
        "就业是民生之本，一头连着百姓饭碗、一头连着国家发展。",
    )
    assert [a.title for a in articles_of(doc)] == ["稳就业，企业在行动", "企业添动力  就业有底气（经济时评）"]


def test_plain_page_headings_after_a_dated_report_that_end_in_a_data_source_are_a_profile() -> None:
    """A dated report has no sections; three or more headings after it that close with a data source
    (``数据来源：…``, a profile's sign-off) are a profile: the first its headline, however alike the rest
    (``策马逐梦新征程   同心共筑…`` over ``骏马逐风赛场  竞技燃动高原``). Label-led headings all through stay a
    set whose headline is not a heading of its own."""
    doc = page_of(
        "“人民日报校园行”活动走进中国社会科学院大学",
        "本报北京6月17日电  （记者闫伊乔）6月17日下午，“人民日报校园行”活动走进中国社会科学院大学。",
        "活动现场，5名人民日报青年编辑记者结合新闻实践分享了采访经历。",
        "策马逐梦新征程   同心共筑香格里拉文旅品牌",
        "6月的云南省迪庆藏族自治州香格里拉市，杜鹃花开，赛马会如期而至。",
        "骏马逐风赛场  竞技燃动高原",
        "本次赛马会共设置19项赛马项目与3项民族传统体育项目。",
        "非遗薪火相传  古韵浸润盛事",
        "本次赛马会匠心打造“马背上的非遗博物馆”。",
        "文体潮流相融  乐享多彩体验",
        "第二届香格里拉越野赛将于6月20日举办。",
        "数据来源：中共香格里拉市委宣传部",
    )
    assert [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)] == [
        ("“人民日报校园行”活动走进中国社会科学院大学", []),
        ("策马逐梦新征程   同心共筑香格里拉文旅品牌", ["骏马逐风赛场  竞技燃动高原", "非遗薪火相传  古韵浸润盛事", "文体潮流相融  乐享多彩体验"]),
    ]


def test_plain_page_kicked_headlines_after_a_set_of_plain_sections_are_stories() -> None:
    """A feature's sections with no kicker (``汇聚向“善”力量`` / ``激发向“新”动能`` / ``奋力向“上”攀登``) end where
    headlines under kickers of their own begin: each of those is a story, though they outnumber the sections."""
    doc = page_of(
        "中国网络文明大会首次走进中部地区——",
        "科技创新与网络文明同频共振",
        "网络空间是亿万民众共同的精神家园。",
        "汇聚向“善”力量",
        "“一德立而百善从之。”崇德向善，是合肥的城市气质。",
        "激发向“新”动能",
        "在合肥水务集团调度中心，一块巨大的屏幕实时显示着管网数据。",
        "奋力向“上”攀登",
        "人工智能赋能千行百业。在招投标领域，合肥率先探索。",
        "合肥构筑城市生命线安全工程",
        "助力智能社会发展与治理",
        "安徽省合肥市城市生命线工程安全运行监测中心里，大屏上数据不断跳动。",
        "科技与文明“双向奔赴”",
        "数智赋能点亮城市未来",
        "“智能技术的广泛应用，不仅为人机交互带来便利。”",
        "智象未来深耕多模态人工智能领域",
        "努力成为国产生成式大模型领先企业",
        "在安徽省合肥高新区的一栋现代化办公楼里，工程师们正在调试模型。",
        "以人为本  守正创新",
        "“皖中评”架起党群“连心桥”",
        "“自2019年创立以来，‘皖中评’始终坚持以人民为中心。”",
    )
    assert [a.title for a in articles_of(doc)] == [
        "科技创新与网络文明同频共振",
        "助力智能社会发展与治理",
        "数智赋能点亮城市未来",
        "努力成为国产生成式大模型领先企业",
        "“皖中评”架起党群“连心桥”",
    ]


def test_plain_page_a_quoted_work_and_its_author_stay_under_the_essays_headline() -> None:
    """A supplement's essays each open with the work they read (``端午日`` / ``唐·殷尧藩``, then its verse): the
    essay's headline above them is the title, the work's title and author its own lines."""
    doc = page_of(
        "榴花入眼，白发在头",
        "端午日",
        "唐·殷尧藩",
        "少年佳节倍多情，老去谁知感慨生。",
        "不效艾符趋习俗，但祈蒲酒话升平。",
        "端午是一年中阳气旺盛的时节。五月初五，人们竞渡、食粽。",
        "唐代诗人殷尧藩的《端午日》却不写热闹，写的是自己。",
        "（作者为中国人民大学国学院教授）",
        "我家不吃十二红",
        "端午的鸭蛋（选摘）",
        "当代·汪曾祺",
        "也许十二红只是一个名目，不一定真凑足十二样。",
        "要不是父亲汪曾祺写了《端午的鸭蛋》，很少有人知道十二红。",
        "（作者为作家、汪曾祺之子）",
    )
    assert [a.title for a in articles_of(doc)] == ["榴花入眼，白发在头", "我家不吃十二红"]


@pytest.mark.parametrize("signature", ["邢台市任泽区读者", "山西沁源县聪子峪乡三义村村民"])
def test_plain_page_a_places_readers_unnamed_sign_a_letter(signature: str) -> None:
    """``邢台市任泽区读者`` or ``…三义村村民`` signs the letter above it, as a reader's place and name do: no kicker
    over the column label after it, which keeps the letters signed below it."""
    doc = page_of(
        "要求周末上街巡逻 加重基层教师负担（身边事）",
        "我们是河北邢台市任泽区市民，区教育局要求教师周末上街巡逻。",
        signature,
        "建议",
        "马路更新要考虑实际需求",
        "笔者此前路过一段正在改造的马路，人行道被拓宽，非机动车道却变窄了。",
        "云南昆明市  金康生",
        "“人民币花束”应禁止售卖",
        "在一些地方，流行所谓“人民币花束”，把纸币折叠、捆扎成花束。",
        "江苏连云港市  唐贵州",
    )
    assert [a.title for a in articles_of(doc)] == ["要求周末上街巡逻 加重基层教师负担（身边事）", "建议"]


def test_plain_page_a_contents_box_over_a_special_reports_headline_and_its_pages() -> None:
    """A contents box whose entry is a special report's label and headline over a page range (``第十、十一版``)
    is one article, its label the title; the entry is not a headline of its own."""
    doc = page_of(
        "全国消费市场运行平稳",
        "本报北京6月21日电  （记者罗珊珊）商务部商务大数据显示，端午假期消费市场运行平稳。",
        "导读",
        "庆祝中国共产党成立105周年特别报道",
        "把新时代党的建设新的伟大工程不断推向前进",
        "第十、十一版",
    )
    assert [a.title for a in articles_of(doc)] == ["全国消费市场运行平稳", "导读"]


@pytest.mark.parametrize("label", ["感言", "干部感言", "引  子"])
def test_plain_page_testimonials_and_a_prologue_are_boxes_of_their_article(label: str) -> None:
    """What those a story helped say (``感言``, ``干部感言``) and a feature's prologue (``引  子``) are boxes of
    the article they are printed in, not articles of their own."""
    doc = page_of(
        "亲身体验送外卖  换位思考解难题（干部状态新观察）",
        "“休息驿站建得这么好，快递员、外卖员为啥不来？”街道干部郑文星琢磨了很久。",
        "“你瞧，我这60天没白跑，至少骑手需要啥，我们现在越来越清楚了。”",
        label,
        "老郑，你这俩月“卧底”，值了！你不是在演“骑手”，是真成了我们“自己人”。",
        "——闪送员姚鹏",
        "促进服务消费提质升级（调查研究 凝聚共识）",
        "消费是推动中国经济可持续发展的重要力量。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "亲身体验送外卖  换位思考解难题（干部状态新观察）",
        "促进服务消费提质升级（调查研究 凝聚共识）",
    ]


def test_plain_page_a_feature_under_a_dash_subtitle_keeps_its_dash_kicked_parts() -> None:
    """A feature under a subtitle that opens with a dash (``——粤港澳大湾区建设…观察``) keeps the parts after it
    under dash kickers of their own and with no source or byline (``“从0到1”的突破——`` / headline): its
    sections, as a reading guide's feature keeps them."""
    doc = page_of(
        "区域协同创新迸发澎湃活力",
        "——粤港澳大湾区建设国际科技创新中心观察",
        "机器人的“手”，能有多灵敏？记者眼前，一台银灰色人形机器人正在拧瓶盖。",
        "“从0到1”的突破——",
        "“国之重器”赋能，携手原始创新",
        "广东东莞，松山湖畔。中国散裂中子源的实验大厅里，科研人员正在调试设备。",
        "“从1到100”的转化——",
        "创新链产业链互融互促",
        "芯片，中国被“围堵”最惨烈的领域之一。",
        "教育科技人才一起抓——",
        "合力打造高水平人才高地",
        "广州南沙，笃学路1号，红鸟日光正好。",
        "答好“亲”与“清”这道考题",
        "——强党性转作风⑥",
        "历史的演进中，总有一些充满象征意义的时刻。",
    )
    assert [a.title for a in articles_of(doc)] == ["区域协同创新迸发澎湃活力", "答好“亲”与“清”这道考题"]


def test_plain_page_a_places_news_under_its_name_after_a_report_is_a_headline() -> None:
    """A long heading with a comma after a report is its section, unless a province's place names it before a
    colon (``浙江嘉兴：深化“六改六融”，争创…``): a profile's headline, another article."""
    doc = page_of(
        "北京推动演艺和游戏电竞产业发展",
        "本报北京6月19日电  （记者施芳）北京市日前印发措施，推动演艺和游戏电竞产业发展。",
        "其中提出，北京市将对在京举办的大型演艺活动给予支持。",
        "浙江嘉兴：深化“六改六融”，争创新时代高水平城乡融合发展典范",
        "在推进共同富裕中先行示范，是浙江嘉兴的使命。",
        "“六改六融”，即以市域空间治理为牵引，推进城乡融合。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "北京推动演艺和游戏电竞产业发展",
        "浙江嘉兴：深化“六改六融”，争创新时代高水平城乡融合发展典范",
    ]


@pytest.mark.parametrize(
    "words", ["“我在幼儿园喜欢搭积木”……", "“发展是解决我国一切问题的基础和关键”“高质量发展是新时代的硬道理”……", "“哗——”"]
)
def test_plain_page_quoted_words_trailing_off_after_their_quotes_are_body(words: str) -> None:
    """Quoted words that trail off after their quotes (``“我在幼儿园喜欢搭积木”……``) or are cut off by a dash
    (``“哗——”``) are someone's words in the story, not a headline."""
    doc = page_of(
        "守护儿童青少年心理健康（健康焦点）",
        "“小朋友，我们来聊聊天。在幼儿园喜欢干什么？有好朋友吗？”",
        words,
        "一番问诊后，医生给孩子开了检查单。",
    )
    assert [a.title for a in articles_of(doc)] == ["守护儿童青少年心理健康（健康焦点）"]


def test_plain_page_quoted_words_trailing_off_after_a_closing_line_are_the_next_articles_kicker() -> None:
    """Where quoted words trailing off end no text (after the closing line of the article above) and a
    headline follows, they are that headline's kicker, not the story's words."""
    doc = page_of(
        "上海警方严厉打击“招转培”诈骗（稳就业·打击违法）",
        "“真没想到被骗的钱还能退回来”，不久前，一名大学生激动地说。",
        "对此，上海警方提示：“零门槛”就能直接面试的岗位要多加警惕。",
        "（本报记者  巨云鹏整理）",
        "“先交钱再出国”“出国后补签证”“伪造材料骗人出境”……",
        "暑期兼职警惕境外高薪招聘骗局",
        "暑假是学生兼职的高峰期，一些针对暑期工的骗局随之出现。",
    )
    assert [(a.kicker, a.title) for a in articles_of(doc)] == [
        (None, "上海警方严厉打击“招转培”诈骗（稳就业·打击违法）"),
        ("“先交钱再出国”“出国后补签证”“伪造材料骗人出境”……", "暑期兼职警惕境外高薪招聘骗局"),
    ]


def test_plain_page_an_interviews_parts_that_open_with_a_question_are_its_sections() -> None:
    """A service interview's parts each open with the reporter's next question (``记者：…``): sections of the
    interview, however long and unlike their kicker and headline; a column's story after them is its own."""
    doc = page_of(
        "这些体表信号真的预示疾病吗（服务窗）",
        "“手指末端变粗变圆，像鼓槌一样，是不是肺出了问题？”不少人关心体表信号。",
        "嘴唇发紫断定心脏不好，过于片面",
        "记者：有人说嘴唇发紫意味着心脏不好，这种说法对吗？",
        "首都医科大学附属北京安贞医院健康管理中心主任说，首先是生理性因素。",
        "指甲月牙大小和数量，因人而异",
        "短时间内发生显著变化则需警惕",
        "记者：指甲上的月牙是什么？月牙越多越健康吗？",
        "王志翊：指甲月牙学名为“甲半月”，其大小和数量因人而异。",
        "单一信号通常不具有决定性意义",
        "可从5个方面进行自查",
        "记者：有没有简单易行、适合居家的自查方法？",
        "王志翊：可从5个方面自查。",
        "三次潜入水中  救起落水车主（援手）",
        "6月27日上午，唐燕像往常一样开车上班。",
    )
    assert [a.title for a in articles_of(doc)] == ["这些体表信号真的预示疾病吗（服务窗）", "三次潜入水中  救起落水车主（援手）"]


def test_plain_page_a_forums_title_over_speeches_each_signed_by_its_speaker_is_one_article() -> None:
    """A forum's title of two spaced phrases over its first speech's headline, each speech a headline over its
    speaker's offices and name (a company's name may hold brackets, an office be a 经理's, a comma join two
    bodies' offices), is one article, a lead-in line inside the first speech aside."""
    doc = page_of(
        "强化品牌引领  激发创新创造活力",
        "以优质物流服务树立良好口碑",
        "中国物流集团有限公司党委书记、董事长  刘敬桢",
        "中国物流集团坚持以“服务国家战略、保障国计民生”为使命。",
        "可以从3个词理解品牌——",
        "服务。从保障国计民生出发，物流要畅通。",
        "（本报记者李茂颖整理）",
        "持续提升传统品牌价值创造力",
        "中国贵州茅台酒厂（集团）有限责任公司党委常委、副总经理  陈  华",
        "传统品牌向新而行，不是追逐风口、简单求变。",
        "（本报记者叶传增整理）",
        "把“雄安质量”贯穿规划建设发展全过程",
        "河北雄安新区党工委副书记、管委会常务副主任，雄安集团党委书记、董事长  张  某",
        "从“一块地”“一张图”到“一座城”，雄安新区拔节生长。",
        "（本报记者张腾扬整理）",
    )
    assert [a.title for a in articles_of(doc)] == ["强化品牌引领  激发创新创造活力"]


_TIED_CAPTION = """
from rag.articles import split_articles
from rag.documents import Document
paras = [
    "琥珀馆开放", "本报北京3月1日电  （记者张三）馆内陈列琥珀、翡翠、玛瑙、珍珠等藏品。",
    "图①：琥珀、翡翠、玛瑙、珍珠、珊瑚、琉璃、玳瑁。", "新华社记者  李四摄",
    "珊瑚馆开放", "本报北京3月1日电  （记者王五）馆内陈列珊瑚、琉璃、玳瑁、珍珠等藏品。",
    "翡翠馆开放", "本报北京3月1日电  （记者赵六）馆内陈列翡翠、玛瑙、珍珠、琉璃、玳瑁等藏品。",
    "玛瑙馆开放", "本报北京3月1日电  （记者钱七）馆内陈列玛瑙、珍珠、玳瑁等藏品。",
]
doc = Document("d", "/virtual/p", "\\n\\n".join(paras) + "\\n", "txt", "utf-8", date="2020-02-26")
records = split_articles(doc)
titles = {r.article_id: r.title for r in records}
print([titles.get(r.attached_to) for r in records if r.kind == "caption"])
"""


def test_a_caption_tied_between_two_articles_attaches_the_same_in_every_process() -> None:
    """A caption that shares as many rare words with the article above as with the one below (the same weights,
    summed over sets whose order changes with each process's string hashing) attaches to the same article in
    every run: the citation of a picture must not depend on ``PYTHONHASHSEED``."""
    seen = set()
    for seed in range(10):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        run = subprocess.run([sys.executable, "-c", _TIED_CAPTION], env=env, capture_output=True, text=True, check=True)
        seen.add(run.stdout.strip())
    assert seen == {"['琥珀馆开放']"}



def test_plain_page_kicked_headlines_whose_kickers_form_a_set_stay_sections() -> None:
    """After three alike plain sections, kicked headlines whose kickers (but the first) share a style
    (``一体谋划共同推进`` / ``重大项目互联互通`` / ``公共服务共建共享``) are one piece's sections, not stories."""
    doc = page_of(
        "坚决打好反腐败斗争攻坚战持久战总体战",
        "二十届中央纪委四次全会召开前夕，记者采访了有关负责同志。",
        "坚定政治方向",
        "党的自我革命是跳出历史周期率的第二个答案。",
        "强化纪律约束",
        "反腐败斗争取得压倒性胜利并全面巩固。",
        "深化标本兼治",
        "全面从严治党永远在路上。",
        "5年协同，打造西部高质量发展重要增长极",
        "共同唱好新时代成渝“双城记”",
        "巴山高，川渝水长。成渝地区双城经济圈建设蹄疾步稳。",
        "一体谋划共同推进",
        "赋能发展双向奔赴",
        "两地共建产业园区，协同发展。",
        "重大项目互联互通",
        "携手打造开放高地",
        "两地共建开放通道。",
        "公共服务共建共享",
        "“巴适”生活便利可达",
        "两地居民异地办事更方便。",
    )
    titles = [a.title for a in articles_of(doc)]
    assert not {"赋能发展双向奔赴", "携手打造开放高地", "“巴适”生活便利可达"} & set(titles)


def test_plain_page_label_led_headings_after_a_dated_report_stay_its_sections() -> None:
    """Headings after a dated report that close with a data source are a profile, unless all are label-led
    (``聚链成势：…``): then they stay a set of sections, whose own headline is not a heading."""
    doc = page_of(
        "一季度全国光伏新增并网4119万千瓦",
        "本报北京5月21日电  （记者王云杉）记者从国家能源局获悉，一季度全国光伏新增并网4119万千瓦。",
        "聚链成势：从“单打独斗”到“抱团发展”",
        "2025年，重庆九扬田田工贸有限公司在奉节落地。",
        "科创赋能：从“传统制造”到“创新智造”",
        "在重庆目奢克光学科技有限公司的生产车间，机械臂往来穿梭。",
        "优化环境：从“企业跑腿”到“服务上门”",
        "营商环境是企业生存发展的土壤。",
        "数据来源：中共重庆市奉节县委宣传部",
    )
    assert [a.title for a in articles_of(doc)] == ["一季度全国光伏新增并网4119万千瓦"]


def test_plain_page_a_provinces_news_over_a_set_broken_elsewhere_heads_it() -> None:
    """A province's news whose clause break falls elsewhere than the set's under it (``浙江江山：赛城融合激活动能
    县域发展形成特色`` over ``建强组织体系  凝聚…``) is the set's headline, as a heading without the break is."""
    doc = page_of(
        "公开通缉台湾“资通电军”重要犯罪嫌疑人——",
        "公安机关依法严厉追查打击非法网络攻击活动",
        "6月5日，广东省广州市公安局天河区分局发布悬赏通告。",
        "浙江江山：赛城融合激活动能  县域发展形成特色",
        "近年来，浙江江山市以赛事为媒，推动赛城融合。",
        "建强组织体系  凝聚产业发展合力",
        "江山市坚持党建与产业发展同频共振。",
        "优化企业服务  打造一流营商环境",
        "企业需求就是服务方向。",
        "聚焦人才创新  激发产业发展动能",
        "人才是创新的第一资源。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "公安机关依法严厉追查打击非法网络攻击活动",
        "浙江江山：赛城融合激活动能  县域发展形成特色",
    ]


def test_plain_page_two_short_interviews_stay_two_articles() -> None:
    """A short interview with no section headings is followed by another one, though the second opens with
    the reporter's question: only an interview under section headings runs on."""
    doc = page_of(
        "嘴唇发紫就是心脏不好吗（服务窗）",
        "记者：有人说嘴唇发紫意味着心脏不好，这种说法对吗？",
        "医生：仅凭嘴唇发紫就断定心脏不好，过于片面。",
        "夏季运动如何防中暑",
        "记者：天气炎热，运动时怎样预防中暑？",
        "医生：避开高温时段，及时补充水分和电解质。",
    )
    assert [a.title for a in articles_of(doc)] == ["嘴唇发紫就是心脏不好吗（服务窗）", "夏季运动如何防中暑"]


def test_plain_page_a_quoted_work_under_a_kicker_alone_is_the_headline() -> None:
    """Under a kicker alone (``诗词里的端午——``), the quoted work's title is the headline and its era-and-author
    line (``唐·殷尧藩``) the piece's own line."""
    doc = page_of(
        "诗词里的端午——",
        "端午日",
        "唐·殷尧藩",
        "少年佳节倍多情，老去谁知感慨生。",
        "不效艾符趋习俗，但祈蒲酒话升平。",
        "端午是一年中阳气旺盛的时节。五月初五，人们竞渡、食粽。",
    )
    assert [(a.kicker, a.title) for a in articles_of(doc)] == [("诗词里的端午", "端午日")]


def test_plain_page_a_photo_story_does_not_gather_the_bylined_reports_after_it() -> None:
    """A photo story (a headline over one picture told at length and its credit) is no package's title over
    pictures only: the bylined reports after it are articles of their own."""
    doc = page_of(
        "夏收正忙",
        "6月10日，在河南省驻马店市汝南县，农民驾驶联合收割机在田间收割小麦，一派繁忙景象。",
        "本报记者  张  三摄",
        "让实用技术下到田里",
        "本报记者  李  四",
        "在山东德州，农技人员正在田间指导农民。",
        "给农机装上“智慧大脑”",
        "本报记者  王  五",
        "在江苏南京，一台无人驾驶收割机正在作业。",
    )
    assert [a.title for a in articles_of(doc)] == ["夏收正忙", "让实用技术下到田里", "给农机装上“智慧大脑”"]


def test_plain_page_residents_as_section_headings_are_no_signatures() -> None:
    """``城镇居民`` / ``农村居民`` head a statistics report's sections: the people a figure counts, not a place's
    residents signing a letter (which need a named place: ``…三义村村民``)."""
    doc = page_of(
        "上半年全国居民人均可支配收入增长5.3%",
        "本报北京7月15日电  （记者李心萍）国家统计局15日发布数据，上半年居民收入稳步增长。",
        "城镇居民",
        "上半年，城镇居民人均可支配收入增长4.6%。",
        "农村居民",
        "上半年，农村居民人均可支配收入增长6.2%。",
    )
    got = [(a.title, [s.title for s in a.sections]) for a in articles_of(doc)]
    assert got == [("上半年全国居民人均可支配收入增长5.3%", ["城镇居民", "农村居民"])]


def test_plain_page_a_profile_headline_with_a_comma_before_a_name_is_no_signature() -> None:
    """``一心为民，百姓心中的好书记  廖俊波`` is a profile's headline: a comma joins a speaker's offices only
    between two bodies' offices, so the line is no signature and starts its article."""
    doc = page_of(
        "全国优秀县委书记事迹报告会举行",
        "本报北京7月1日电  （记者张三）全国优秀县委书记事迹报告会1日在京举行。",
        "一心为民，百姓心中的好书记  廖俊波",
        "本报记者  王  五",
        "在福建政和，提起廖俊波，群众都说他是百姓心中的好书记。",
    )
    assert [a.title for a in articles_of(doc)] == ["全国优秀县委书记事迹报告会举行", "一心为民，百姓心中的好书记  廖俊波"]


def test_plain_page_punctuated_verse_is_one_poem_up_to_the_next_headline() -> None:
    """Verse whose lines are partly punctuated (``又使用魔法，冻结西湖的波浪？``, no heading's shape) is still one
    poem under its title; its last line is no headline, and the short headline over the next essay's prose is."""
    doc = page_of(
        "惜纸（文思）",
        "从小我对纸就有一种特殊的感情，童年时住在南方的木板房里，常把旧报纸糊在墙上。",
        "时间之雪",
        "气温骤降，寒冷的通知书尚未抵达",
        "阳台上的两株月季已紧闭闺房",
        "是谁在黄昏时拔光了梧桐树的羽毛",
        "又使用魔法，冻结西湖的波浪？",
        "一夜间，香樟树上的雪越积越厚",
        "忽然梦中一声清脆的声响",
        "你看见了吗？那些簌簌而降的雪",
        "落在了万物的肩上",
        "石晒架",
        "老家院子里有一座石晒架，是祖父年轻时亲手垒起来的，几十年风吹日晒，依然结实。",
    )
    assert [a.title for a in articles_of(doc)] == ["惜纸（文思）", "时间之雪", "石晒架"]


def test_plain_page_a_quatrains_sign_off_and_a_list_of_captions_end_no_verse() -> None:
    """A photo comment's quatrain ends at its author's sign-off (``翟钦奇文``): the column label, headline and
    byline after it are a header, not more verse. Short captions that each end a sentence are no poem."""
    doc = page_of(
        "图片报道",
        "天气渐暖，马拉松赛季如期而至，各地赛事报名火热，跑者们在春光里奔跑，城市也在赛道上展示风貌。",
        "这正是：",
        "健步春来时，",
        "争先意恐迟。",
        "安全方致远，",
        "奋进展英姿。",
        "翟钦奇文",
        "来论",
        "激发非遗的传承活力",
        "安徽省亳州市  程  诚",
        "非遗是什么？按联合国教科文组织的界定，落脚点在世代相传与认同感上，听到一句唱腔就能想起家乡。",
    )
    assert [a.title for a in articles_of(doc)] == ["图片报道", "来论"]
    captions = page_of(
        "透过“国色”看中华之美（文化中国）",
        "时光流转、色彩生光，文物里的中国色，藏着古人对自然与生活的细腻观察和审美追求。",
        "文物由上至下为：",
        "春秋战国时期单耳陶罐。",
        "新疆伊犁哈萨克自治州博物馆藏",
        "清透雕鸟纹白玉挂件。",
        "中国海盐博物馆藏",
        "唐黄釉绞胎碗。",
        "扬州博物馆藏",
        "元铜爵杯。",
        "中国海盐博物馆藏",
        "明祭兰釉蒜头瓶。",
        "中国海盐博物馆藏",
        "步入展览，你会感受到色彩与文化带来的双重视觉震撼，每一件文物都在讲述它所属时代的审美。",
    )
    assert [a.title for a in articles_of(captions)] == ["透过“国色”看中华之美（文化中国）"]


def test_plain_page_essays_after_a_poem_are_articles() -> None:
    """A poem has no sections: the plain headlines over prose after one are essays of their own."""
    doc = page_of(
        "南瓜藤（多味斋）",
        "清早，妻子在家庭群里发了一张照片，满满一竹篮的南瓜藤，是母亲在塘埂上掐来的。",
        "图片报道",
        "中国画《金鱼水草》，作者任伯年，中国美术馆藏。",
        "南岳精灵",
        "南岳的云，总在半山以上游弋",
        "绒毛皂荚就藏在那片湿雾里",
        "守着野生存世稀少的命数",
        "像大地不肯放手的一截老根",
        "每抽一片新叶",
        "都轻得让人屏声静气",
        "别惊扰了这些沧桑巨变中",
        "幸存的精灵",
        "北大荒的方言",
        "方言都是古老的，一代代人传承下来的，过去我从没想过，它会在一片黑土地上长成新的模样。" * 8,
        "多年前，我应邀去当年的北大荒垦区做一场文学讲座，台下坐满了白发苍苍的老知青。" * 8,
        "“晒伏”时光",
        "又到了大伏天，洋槐树上的知了躲在树荫里不停地叫，我又想起了从前乡村“晒伏”的日子。" * 8,
        "从前的乡村，家家住的是土墙草房子，梅雨季节一过，箱子里的衣物都要拿出来晒一晒。" * 8,
    )
    titles = ["南瓜藤（多味斋）", "图片报道", "南岳精灵", "北大荒的方言", "“晒伏”时光"]
    assert [a.title for a in articles_of(doc)] == titles


@pytest.mark.parametrize("tag", ["锐见", "艺海观澜", "创作谈", "文思", "多味斋", "遇见"])
def test_plain_page_an_arts_pages_short_columns_have_no_sections(tag: str) -> None:
    """An arts page's short columns (``（锐见）``, ``（艺海观澜）``, ``（创作谈）``; a literary page's ``（文思）``,
    ``（多味斋）``, ``（遇见）``) are comments: the plain headlines after one are other pieces, not its sections."""
    doc = page_of(
        "AI音乐，应补上版权这一课（艺海观澜）",
        "最近，AI（人工智能）生成的歌曲在各大平台走红，随之而来的版权争议也越来越多。" * 6,
        f"良好舆论生态也是良好创作生态（{tag}）",
        "近日，公安机关发布通报，几起借影视作品恶意炒作、造谣引流的案件被依法查处。" * 6,
        "清朗的舆论环境，能让创作者把心思放在作品上，也让观众更容易遇见真正的好作品。" * 6,
        "港通万里心相牵",
        "共建“一带一路”倡议提出10余年来，一批讲述中外交流故事的文艺作品走上舞台。" * 6,
        "一部音乐剧把港口工人的故事搬上舞台，观众在歌声里看见了远方与家乡的联结。" * 6,
        "经典创排的魅力与张力",
        "前不久，中央歌剧院新创歌剧《奥赛罗》与观众见面，经典如何常演常新再次引发讨论。" * 6,
        "不同的回家  共同的愿望（看台人语）",
        "电影《欢迎来龙餐馆》讲述了几代人关于回家的故事，笑声里藏着对团圆的期盼。" * 6,
    )
    titles = [
        "AI音乐，应补上版权这一课（艺海观澜）",
        f"良好舆论生态也是良好创作生态（{tag}）",
        "港通万里心相牵",
        "经典创排的魅力与张力",
        "不同的回家  共同的愿望（看台人语）",
    ]
    assert [a.title for a in articles_of(doc)] == titles


def test_plain_page_a_kicker_and_headline_on_one_line_head_a_sponsored_piece() -> None:
    """A long line with commas is a kicker or a deck, unless its kicker and headline are printed on one line
    (``看得见的创新在车上，看不见的竞争力在云端 某智能云以全栈底座支持汽车产业智能化跃升``): a headline, over the
    piece's sections."""
    doc = page_of(
        "民间文艺版权保护国际研讨会在江西抚州举办",
        "本报抚州9月8日电  （记者王某）由国家版权局等主办的研讨会8日在江西抚州开幕。",
        "与会人士认为，民间文艺是全人类共同的精神财富，版权保护与传承利用应当并重。",
        "看得见的创新在车上，看不见的竞争力在云端 某智能云以全栈底座支持汽车产业智能化跃升",
        "汽车云作为面向汽车制造行业的云计算系统，市场规模随需求高企而快速扩大，首次突破百亿元。",
        "以汽车云满足驾驶模型训练需求",
        "智能驾驶模型的训练需要海量数据和稳定算力，某智能云为多家车企提供训练平台与数据闭环服务。",
        "以全栈体系提供全链服务",
        "从芯片到模型再到应用，全栈能力让车企少走弯路，研发周期明显缩短，成本也随之下降。",
        "数据来源：某智能云",
    )
    titles = ["民间文艺版权保护国际研讨会在江西抚州举办", "看得见的创新在车上，看不见的竞争力在云端 某智能云以全栈底座支持汽车产业智能化跃升"]
    assert [a.title for a in articles_of(doc)] == titles


def test_plain_page_a_columns_feature_keeps_three_dash_kicked_sections() -> None:
    """Under a column's feature (tagged) with a short lead, three or more parts in a row, each a dash kicker over
    a headline and none a report of its own, are its sections, whatever styles their headlines take; under an
    untagged title, bylined reports under such kickers stay stories of their own."""
    doc = page_of(
        "炼油石化基地  向高向绿向智（产经视野）",
        "从原油到新材料，从装置到管线，一座石化基地的转型，藏着实体经济向高向绿向智的密码。",
        "小小塑料瓶盖藏着大学问——",
        "新材料成为突破方向",
        "一枚瓶盖要经受住高温灌装和反复拧开，材料配方的细微差别决定了它的品质与成本。" * 3,
        "一款神奇材料的生产——",
        "打造无废产业链",
        "生产中产生的副产品被回收利用，上下游企业之间的管道把废料变成了原料。" * 3,
        "3500公里各类管线怎么查隐患——",
        "以智能化筑牢安全底线",
        "巡检机器人和传感器组成一张监测网，隐患在萌芽阶段就能被发现和处置。" * 3,
        "巴山渝水间  耕耘新变迁（经济地理杂谈）",
        "行走在重庆的山水之间，梯田、果园与新建的厂房错落有致，乡村的产业结构正在悄然改变。",
    )
    titles = ["炼油石化基地  向高向绿向智（产经视野）", "巴山渝水间  耕耘新变迁（经济地理杂谈）"]
    assert [a.title for a in articles_of(doc)] == titles
    reports = page_of(
        "校企携手育人才",
        "各地校企合作不断深化，一批新做法让学生在真实岗位上学本领、长才干。",
        "百度构建校企直通育人路径——",
        "让学生在真实项目中成长",
        "本报记者  王某",
        "在一间联合实验室里，学生们正和工程师一起调试模型，项目来自企业一线的真实需求。" * 3,
        "某职业技术学院推行现代学徒制——",
        "课堂搬进车间，师傅带着徒弟干",
        "本报记者  李某",
        "清晨七点，学徒们已经在车间里跟着师傅检查设备，理论课和实操课穿插进行。" * 3,
        "某地产教联合体挂牌运行——",
        "链上企业和院校共育紧缺人才",
        "本报记者  赵某",
        "联合体成立以来，企业提出的用人需求直接进入院校的培养方案，毕业生留用率明显提高。" * 3,
    )
    parts = ["校企携手育人才", "让学生在真实项目中成长", "课堂搬进车间，师傅带着徒弟干"]
    assert [a.title for a in articles_of(reports)] == [*parts, "链上企业和院校共育紧缺人才"]


def test_plain_page_a_poem_under_a_letter_spaced_title_is_no_section() -> None:
    """A letter-spaced word heads a section among other section headings (``一`` / ``二``), but over verse it
    is a poem's title (``凝  望``), and a poem is never a section; a contents list under ``目  录`` stays one."""
    essay = "人有血肉之躯，更有文化之魂，阅读让我们在时间的长河里找到自己的位置。" * 4
    doc = page_of(
        "一",
        essay,
        "二",
        essay,
        "三",
        essay,
        "陶瓮潮汐（多味斋）",
        "老家的灶房里有一口陶瓮，腌菜的酸香随着季节涨落，像潮水一样漫过我的童年。" * 3,
        "凝  望",
        "在这个工业区有多少台机器",
        "就有多少眺望故乡的打工者",
        "照亮的面孔，在午夜",
        "那枚瘦小的月亮有些疲倦",
        "另一个窗口也有人在看它",
        "我们彼此对望一下",
        "我们又回到机器前",
        "月亮也回到自己轨道上",
    )
    assert [a.title for a in articles_of(doc)][-2:] == ["陶瓮潮汐（多味斋）", "凝  望"]
    law = page_of(
        "中华人民共和国某某促进法",
        "第七十一号",
        "《中华人民共和国某某促进法》已由中华人民共和国第十四届全国人民代表大会第四次会议通过，现予公布。",
        "中华人民共和国主席  某某某",
        "2026年3月12日",
        "目  录",
        "序  言",
        "第一章  总  则",
        "第二章  构筑共有精神家园",
        "第三章  促进交往交流交融",
        "第四章  推动共同繁荣发展",
        "第五章  保障与监督",
        "第六章  法律责任",
        "第七章  附  则",
        "序  言",
        "中国是世界上历史最悠久的国家之一，各族人民共同创造了光辉灿烂的文化，具有光荣的革命传统。",
        "第一章  总  则",
        "第一条  为了促进民族团结进步，根据宪法，制定本法。",
    )
    assert [a.title for a in articles_of(law)] == ["中华人民共和国某某促进法"]


def test_plain_page_a_quoted_works_author_may_be_spaced_out() -> None:
    """The quoted work's author line may space a two-character name (``宋·苏  轼``); the essay's headline above
    the work is still the title."""
    doc = page_of(
        "大地秋韵·经典里的中秋",
        "中秋月圆之夜，中国人总要抬头望月，千百年来的诗文里，月亮寄托着团圆与思念。",
        "熙宁九年的中秋",
        "水调歌头",
        "宋·苏  轼",
        "丙辰中秋，欢饮达旦，大醉，作此篇，兼怀子由。",
        "明月几时有？把酒问青天。不知天上宫阙，今夕是何年。",
        "宋神宗熙宁九年的中秋，苏轼在密州与弟弟苏辙已经分别了七年，他写下了这首千古名篇。",
        "（作者为北京师范大学文学院教授）",
        "借相思寄报国",
        "望月怀远",
        "唐·张九龄",
        "海上生明月，天涯共此时。情人怨遥夜，竟夕起相思。",
        "自初唐张若虚《春江花月夜》以来，月亮与相思便紧紧联系在一起，张九龄的这首诗尤为动人。",
        "（作者为华南师范大学文学院教授）",
    )
    titles = ["大地秋韵·经典里的中秋", "熙宁九年的中秋", "借相思寄报国"]
    assert [a.title for a in articles_of(doc)] == titles


def test_plain_page_a_column_named_for_a_home_is_no_guest() -> None:
    """A column tag that ends in ``的家`` (``（美丽乡村我的家）``) names a column, not what a guest does (``（作家）``):
    its headline starts an article."""
    doc = page_of(
        "这群种粮的年轻人",
        "种粮的接力棒，正在传递给新的一代。",
        "走近这些年轻的粮农，答案就写在他们家乡的田野上。",
        "再访江村（美丽乡村我的家）",
        "1月11日上午9时，6辆大巴车载着180余名游客来到开弦弓村。",
        "开弦弓村就是《江村经济》一书中的“江村”。",
    )
    assert [a.title for a in articles_of(doc)] == ["这群种粮的年轻人", "再访江村（美丽乡村我的家）"]



def test_plain_page_a_short_line_over_a_heading_like_its_sections_is_the_headline() -> None:
    """A short line over a heading as long as the two or more section headings after it (``严格司法守公正`` /
    ``以司法裁判筑牢安全底线`` … ``让法治成为安心发展的“定心丸”``) is the headline; the heading is the first section's."""
    doc = page_of(
        "编者按",
        "3月9日，大会听取和审议了最高人民法院工作报告。本版邀请代表委员畅谈体会。",
        "——编  者",
        "严格司法守公正",
        "以司法裁判筑牢安全底线",
        "李正国委员（民盟四川省委会副主委）：人民法院依法审理跨境犯罪案件，彰显刑罚锋芒。",
        "让法治成为安心发展的“定心丸”",
        "毕春光代表（辽宁某装备集团董事长）：企业最需要的是稳定的法治环境。",
        "为增强投资中国吸引力提供制度保障",
        "费功全委员（某集团董事长）：市场经济是法治经济。",
        "（本报记者乔栋、郑海鸥整理）",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["编者按", "严格司法守公正"]
    assert arts[1].kicker is None
    assert [s.title for s in arts[1].sections][:1] == ["以司法裁判筑牢安全底线"]



def test_plain_page_two_line_section_heads_of_one_length_stay_sections() -> None:
    """Three or more kicker + heading pairs in a row, the kickers even and the headings even (``用好红色资源`` /
    ``助推文旅融合``), are one article's two-line section heads; a kicked headline of another length after them
    starts the next article."""
    doc = page_of(
        "贵州遵义弘扬遵义会议精神，因地制宜发展新质生产力",
        "深耕红色沃土  书写发展新篇",
        "今年是遵义会议召开90周年。一座转折之城，焕发新的生机。",
        "用好红色资源",
        "助推文旅融合",
        "遵义会议纪念馆是进行党史学习、革命传统教育的课堂。",
        "围绕科技创新",
        "加快产业升级",
        "能源化工、基础材料、先进装备制造等是遵义的支柱产业。",
        "深化区域合作",
        "促进协同发展",
        "贵州娄山关经济开发区是黔渝合作示范园区。",
        "贵州遵义推进乡村全面振兴",
        "产业有思路  致富有门路",
        "行走在贵州遵义的乡村，只见一栋栋民居散落在绿水青山之间。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["深耕红色沃土  书写发展新篇", "产业有思路  致富有门路"]
    assert [s.title for s in arts[0].sections] == [
        "用好红色资源", "助推文旅融合", "围绕科技创新", "加快产业升级", "深化区域合作", "促进协同发展"
    ]  # fmt: skip


_IBIS_FEATURE = (
    "青山绿水间  朱鹮蹁跹舞",
    "春回大地，大别山北麓的保护区鸟鸣婉转，几只朱鹮翩飞于青山绿水间。",
    "悉心呵护",
    "复壮朱鹮种群",
    "清晨薄雾未散，护鸟员已背上行囊和望远镜，踏上熟悉的巡护路。",
    "科学放飞",
    "实现种群扩张",
    "在朱鹮繁育站，一座巨大的圆形网笼引人注目，可模拟朱鹮野外生活环境。",
    "和谐共生",
    "激活观鸟经济",
    "地处大别山革命老区的罗山县，如今观鸟经济正蓬勃发展。",
    "下渚湖畔，鹮影掠波",
    "清晨，走进下渚湖国家湿地公园，几只朱鹮优雅掠过粼粼湖面。",
)
"""A feature under two-line section heads, then a story headlined with a clause break after four words."""


def test_plain_page_stories_headlined_alike_after_a_set_of_sections_are_articles() -> None:
    """After a feature's two-line section heads, a story's headline starts an article; the next heading that
    shares its trait (``下渚湖畔，鹮影掠波`` / ``油菜花黄，白羽振翅``, a clause break after four words) is the next
    story's, and a lone heading after that is another story's, not their sections."""
    doc = page_of(
        *_IBIS_FEATURE,
        "油菜花黄，白羽振翅",
        "清晨6点，秦岭南麓的空气里仍带有一丝冷意，朱鹮在田间觅食。",
        "“洋种子”长成“金果子”",
        "颗粒如鱼子酱般滚落的“手指柠檬”，在琼海的热带果园里挂满枝头。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "青山绿水间  朱鹮蹁跹舞", "下渚湖畔，鹮影掠波", "油菜花黄，白羽振翅", "“洋种子”长成“金果子”"
    ]  # fmt: skip


def test_plain_page_a_story_after_a_set_of_sections_keeps_its_own_unlike_sections() -> None:
    """After a feature's two-line section heads, a story's headline starts an article; two headings after it
    that share no trait with it (``守护湿地`` / ``留住候鸟的家``) are its own sections."""
    doc = page_of(
        *_IBIS_FEATURE,
        "守护湿地",
        "当地全面拆除湿地周边的养殖场，水质逐年好转。",
        "留住候鸟的家",
        "每年春秋两季，来自各地的观鸟爱好者都会来到这里。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["青山绿水间  朱鹮蹁跹舞", "下渚湖畔，鹮影掠波"]
    assert [s.title for s in arts[1].sections] == ["守护湿地", "留住候鸟的家"]


def test_plain_page_a_heading_after_a_reports_attendance_line_starts_an_article() -> None:
    """A wire report of a visit ends with who accompanied (``何立峰、吴政隆陪同。``): a long heading with a clause
    break after it, which would read as the report's section, is another article's headline."""
    doc = page_of(
        "某某在交通运输部检查指导春运工作时强调",
        "确保群众出行平安顺利物流运输畅通高效",
        "新华社北京1月27日电  （记者王五）1月27日下午，某某来到交通运输部，检查指导春运工作。",
        "某某来到综合调度指挥中心，看望值守人员，详细了解春运客流情况。",
        "甲某、乙某陪同。",
        "坚定信心、开拓进取，向着宏伟目标接续奋进",
        "这样的宣示铿锵有力，这样的话语温暖人心，这样的勉励催人奋进。",
        "在春节团拜会上，总书记发表重要讲话，为奋进新征程注入信心和力量。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "确保群众出行平安顺利物流运输畅通高效", "坚定信心、开拓进取，向着宏伟目标接续奋进"
    ]  # fmt: skip


def test_plain_page_a_features_section_ending_with_who_took_part_keeps_the_next_section() -> None:
    """A feature with no dateline whose lead ends with who took part (``全村300多人参加。``) goes on under its
    next section heading: only a dated report ends with its attendance line."""
    doc = page_of(
        "小山村的新年味",
        "腊月里，村里处处张灯结彩，家家户户忙着准备年货。",
        "村里的文化广场上，一台村晚正在上演，全村300多人参加。",
        "坚定信心、开拓进取，向着新的目标接续奋进",
        "新的一年，村里打算把民宿和农家乐办得更红火。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["小山村的新年味"]
    assert [s.title for s in arts[0].sections] == ["坚定信心、开拓进取，向着新的目标接续奋进"]


def test_plain_page_a_boxs_spaced_title_over_short_item_names_starts_an_article() -> None:
    """A spaced title (``世界美食之都  拿手菜``) over four or more short plain names (``顺德捞鸡`` / ``澳门盆菜`` / ``扬州全家福``)
    after a comment that has no sections is a box of its own: its title starts an article, the names its items."""
    items = ["顺德捞鸡", "澳门盆菜", "扬州全家福", "淮安软兜长鱼", "潮州卤鹅"]
    told = ["这是当地人年夜饭桌上必不可少的一道菜，寓意吉祥。", "制作要经过多道工序，火候和调味都有讲究。"]
    doc = page_of(
        "百味烹出幸福年（文化中国行）",
        "一桌火锅，红油翻滚，荟萃巴蜀食材，涮烫出团圆的滋味。",
        "一桌火锅——",
        "红汤翻滚，升腾巴蜀年味",
        "火锅是四川人的心头好，是春节寓意日子红火的年菜。",
        "一份料理——",
        "中西合璧，添彩锦城春色",
        "春节假期，街头游人如织，一家餐馆门前排起长队。",
        "一盘川菜——",
        "地道食材，烹出田园丰景",
        "春节的年味，浓在舌尖，一盘回锅肉是年夜饭里的必备。",
        "年味，热气腾腾",
        "春节到来，家乡味道如期而至，年夜饭的香气弥漫在街巷。",
        "过年好，年年好，山河无恙，人间皆安。",
        "世界美食之都  拿手菜",
        "目前，中国已有7座城市获评世界美食之都。",
        *[x for name in items for x in (name, *told)],
        "（本报记者甲某、乙某）",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["百味烹出幸福年（文化中国行）", "年味，热气腾腾", "世界美食之都  拿手菜"]
    assert [s.title for s in arts[2].sections] == items


def test_plain_page_a_spaced_first_section_over_long_plain_ones_stays_a_section() -> None:
    """A spaced heading over plain headings longer than a short name (``推动产业向高端化迈进``) is the first of the
    article's sections, not a box's title: section headings vary in form."""
    heads = ["推动产业向高端化迈进", "加快培育壮大新兴产业", "持续优化营商环境建设", "着力扩大高水平开放"]
    doc = page_of(
        "新质生产力加快发展",
        "本报记者  张  三",
        "今年以来，某市坚持创新驱动，新质生产力加快发展。",
        "创新引领  动能强劲",
        "某市持续加大研发投入，科技创新成果不断涌现。",
        *[x for h in heads for x in (h, f"围绕{h}，某市出台一系列政策措施，成效明显。")],
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["新质生产力加快发展"]
    assert [s.title for s in arts[0].sections] == ["创新引领  动能强劲", *heads]


def test_plain_page_a_packages_parts_under_labels_of_one_length_stay_its_own() -> None:
    """A package's first part opens under its headline with a keyword label over a dash kicker (``最北`` /
    ``…观测员郭大勇——``); the parts after it that open the same way (``最低``, ``最高``), each closed by its own line,
    stay in the package. A plain headline after them starts an article."""
    doc = page_of(
        "观云测雨最挂心",
        "最北",
        "黑龙江省漠河市北极村国家基本气象站观测员郭大勇——",
        "越偏远的地方越需要有人扛事",
        "我在北纬53度的祖国最北气象站已经度过了35个春秋冬夏。",
        "（本报记者郭晓龙采访整理）",
        "最低",
        "新疆维吾尔自治区吐鲁番市东坎国家基本气象站观测员杨扬——",
        "看似枯燥的工作容不得一点马虎",
        "此时此刻，我正值守在吐鲁番农业气象试验站。",
        "（本报记者韩立群采访整理）",
        "最高",
        "西藏自治区那曲市安多气象站观测员张晓星——",
        "雪域高原守牢气象防线",
        "安多气象站海拔4800米，是世界上海拔最高的气象站之一。",
        "（本报记者琼达卓嘎采访整理）",
        "年味里，有气象人的守护",
        "在广袤的祖国大地上，分布着各类气象站。",
    )
    assert [a.title for a in articles_of(doc)] == ["观云测雨最挂心", "年味里，有气象人的守护"]


def test_plain_page_parts_whose_headers_end_in_the_articles_label_stay_its_own() -> None:
    """An article's first part heading ends its header with a label (``产业“含新量”越来越足`` / ``新场景``); later parts
    whose headers end in the same label stay in it, though each speaker before them signs off."""
    doc = page_of(
        "一笔一画共绘中国式现代化万千气象（“十五五”规划大家谈）",
        "产业“含新量”越来越足",
        "新场景",
        "位于湖北武汉光谷的全国首家“人形机器人7S店”，吸引不少市民前来体验。",
        "董明珠代表——",
        "中国制造锻造硬实力",
        "十几年前，我常泡在格力的生产车间，放眼望去是清一色的工人。",
        "（作者为格力电器董事长）",
        "周迪代表——",
        "“人工智能+”跑出加速度",
        "AI智能体正在引发一场效率革命。",
        "（作者为浙江宇视科技有限公司研究院院长）",
        "文化“含金量”越来越高",
        "新场景",
        "“灯光师、演员请就位！”袁桥村的古戏楼前，一场直播正在进行。",
        "杭侃代表——",
        "文物出圈  产业破圈",
        "数字技术，让传统文化有了更多业态。",
        "（作者为云冈研究院院长）",
        "张时荣代表——",
        "让中国故事走向海外",
        "提升国际传播力，关键在于多元主体协同发力。",
        "（作者为智慧宫国际文化传播集团有限公司董事长）",
        "一张蓝图联结“大家”“小家”（两会经济热点快评）",
        "“规划‘森林’，让‘树木’自由生长”，外国学者这样评价中国的五年规划。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "一笔一画共绘中国式现代化万千气象（“十五五”规划大家谈）",
        "一张蓝图联结“大家”“小家”（两会经济热点快评）",
    ]


def test_plain_page_a_short_kicker_as_long_as_the_section_headings_before_it_is_the_next_section() -> None:
    """After two section headings of one length (``产业蓬勃发展`` / ``场景不断拓展``), a kicker of that length over a long
    line (``集群效应显现`` / ``已有17个省份布局培育…``) is the third section's heading over its deck; a long kicker that
    tells a story's news stays a kicker however long the headings before it."""
    doc = page_of(
        "2024年我国安全应急装备重点领域产业规模超9200亿元",
        "安全应急装备产业市场广潜力大",
        "安全应急装备产业是为安全生产、防灾减灾、应急救援提供专用产品和服务的产业。",
        "产业蓬勃发展",
        "吉林长春，一家企业的车间里，工人们正在调试消防机器人。",
        "场景不断拓展",
        "当前，全社会安全应急文化正在加速形成，家用产品需求增长。",
        "集群效应显现",
        "已有17个省份布局培育26个安全应急装备产业发展集聚园区",
        "近年来，各地相继出台政策措施，推动一批特色鲜明的园区发展。",
        "建造好房子  居住更舒心（观象台）",
        "住房是民生之要。好房子，要安全耐久、舒适健康。",
    )
    assert [a.title for a in articles_of(doc)] == ["安全应急装备产业市场广潜力大", "建造好房子  居住更舒心（观象台）"]



_VOICES = [
    "过去拼资源、拼投入，现在必须拼创新、拼效率。",
    "——李春田代表（山东省滨州市市长）",
]
_KPI_PARTS = [
    "城镇调查失业率5.5%左右",
    "城镇新增就业1200万人以上",
    "扩大就业，既要为人才创造平台和机会，更要提升技能。",
    "——吕志成代表（辽宁省沈阳市市长）",
    "居民消费价格",
    "涨幅2%左右",
    "居民消费价格涨幅目标是统筹供求关系的结果。",
    "——马健代表（河南省发展改革委党组书记、主任）",
]
_SOUND_PARTS = [
    "打通卡点堵点，不畏千米水深",
    "依靠数智化转型，我们的产品和工艺设计效率大幅提升。",
    "——薛济萍代表（中天科技集团党委书记、董事长）",
    "为“中国天眼”配上“高清像素”",
    "我们正在推动构建以巨型望远镜为中心的观测网络。",
    "——姜鹏代表（“中国天眼”运行和发展中心总工程师）",
]


@pytest.mark.parametrize(
    ("head", "parts"),
    [
        (["两会好声音·共话“十五五”", "过去拼资源，现在拼创新"], _SOUND_PARTS),
        (["政府工作报告里的KPI", "经济增长4.5%—5%", "在实际工作中努力争取更好结果"], _KPI_PARTS),
    ],
)
def test_plain_page_voices_each_signed_by_a_speaker_after_a_comment_are_their_own_article(
    head: list[str], parts: list[str]
) -> None:
    """A heading right under a comment's text, over three or more parts each closed by its speaker's line
    (``——李某代表（…）``), starts the package of voices; where the first part's header has one line more than the
    next part's, that first line is the package's title."""
    doc = page_of(
        "读懂中国的“长期主义”",
        "全国两会上，代表委员热议“十五五”规划纲要草案。",
        "中国的“长期主义”体现在，以初心领方向。",
        *head,
        *_VOICES,
        *parts,
    )
    assert [a.title for a in articles_of(doc)] == ["读懂中国的“长期主义”", head[0]]


def test_plain_page_a_speakers_office_in_nested_brackets_signs_the_quote() -> None:
    """A speaker's line whose office holds brackets of its own (``——冯帆代表（国浩律师（南昌）事务所主任）``) is the
    quote's source, never a heading that would start an article."""
    doc = page_of(
        "大家谈",
        "民族团结是各族人民生命线",
        "民族团结是各族人民生命线。民族团结进步促进法草案回应了各族群众期盼。",
        "——冯帆代表（国浩律师（南昌）事务所主任）",
        "铸牢中华民族共同体意识，需要法治保障。",
        "——黄玮委员（民建云南省普洱市委会专职副主委）",
    )
    arts = articles_of(doc)
    assert len(arts) == 1 and "冯帆代表" not in [s.title for s in arts[0].sections]


def test_plain_page_a_photo_closed_by_its_credit_is_no_story_before_a_feature() -> None:
    """A photo under its own headline, closed by its credit (``本报记者  张武军摄``), is no short story closed by its
    source: the feature after it keeps its section headings, headlined alike as they are."""
    doc = page_of(
        "隆福寺  年货俏",
        "2月15日，春节假期正式开启。在北京市东城区隆福寺街区，老字号美食吸引众多市民游客。",
        "图为当日，市民游客在新春市集拍照留影。",
        "本报记者  张武军摄",
        "为民营经济发展提供更广阔舞台",
        "民营经济，推进中国式现代化的生力军，实现高质量发展的重要基础。",
        "各地区各部门认真贯彻落实重要讲话精神，民营经济发展环境持续改善。",
        "改革力度更强，激发民间投资活力",
        "市场准入，经营主体参与经济活动的前提。",
        "政策精度更高，消除企业发展阻力",
        "营商环境，民营企业生存发展的土壤。",
        "发展韧度更强，持续释放内生动力",
        "创新能力，民营企业发展壮大的关键。",
    )
    arts = articles_of(doc)
    assert [a.title for a in arts] == ["隆福寺  年货俏", "为民营经济发展提供更广阔舞台"]


def test_plain_page_a_provinces_place_before_a_colon_leads_a_long_headline() -> None:
    """A headline led by a province's place before a colon (``重庆市江北区：…，…``) is a heading however long, where
    another label's long line with commas would be a deck."""
    doc = page_of(
        "公安部部署依法严打消费领域假冒伪劣犯罪",
        "本报北京3月27日电  （记者张天培）记者从公安部获悉：近日，公安部部署开展专项行动。",
        "公安机关将围绕大宗消费更新升级行动，聚焦汽车、家电等领域。",
        "重庆市江北区：探索“体育＋消费”发展模式，将赛事流量转化为经济增量",
        "春潮涌动，万物竞发。近日，2025重庆女子半程马拉松赛在重庆江北区鸣枪开跑。",
        "这条21公里的赛道，串联起了江北区现代科技、时尚休闲等特色区域。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "公安部部署依法严打消费领域假冒伪劣犯罪",
        "重庆市江北区：探索“体育＋消费”发展模式，将赛事流量转化为经济增量",
    ]


def test_plain_page_who_wrote_a_part_is_a_credit_not_a_heading() -> None:
    """A part's credit line (``写信人：陈文成（…）``) is no heading, though it ends in brackets like a column tag: the
    parts an editor's note introduces stay in its package under their quoted headlines."""
    doc = page_of(
        "跨越海峡的家书（两岸脉动）",
        "海峡浅浅，乡愁深深。家书是柔软的注脚，也是坚韧的纽带。",
        "——编  者",
        "“这是两岸一家亲、血浓于水的最好证明”",
        "写信人：陈文成（台湾彰化籍，北京大学体育教研部教师）",
        "2026年新年之际，北京的冬夜寒意袭人，陈文成家中却暖意融融。",
        "家书原文",
        "爸、妈，前不久，我终于完成了爷爷生前的心愿。",
        "“爸唯一的希望，能父女见一面”",
        "写信人：燕铭功（山东广饶籍，台湾老兵）",
        "1986年，台湾老兵燕铭功病重，给远在山东的女儿写信。",
        "家书原文",
        "人不能与命争，自爸离家，流浪他乡，将近四十年之久。",
        "园区“握手”  创新奔涌（微言）",
        "两岸产业园区携手合作，创新活力不断迸发。",
    )
    assert [a.title for a in articles_of(doc)] == ["跨越海峡的家书（两岸脉动）", "园区“握手”  创新奔涌（微言）"]


def test_plain_page_parts_whose_headers_open_with_one_label_stay_in_the_article() -> None:
    """Parts in a row whose headers open with the same label word for word (``看点`` / ``雪上项目`` / ``如何超越自我``,
    then ``看点`` / ``冰上项目`` / ``如何做好自己``) are the article's parts, not articles of their own."""
    doc = page_of(
        "这份中国观众“观赛指南”请查收（奥运纵横）",
        "当地时间2月6日晚，2026年米兰—科尔蒂纳冬奥会开幕。",
        "看点",
        "雪上项目",
        "如何超越自我",
        "作为中国体育代表团的优势项目，自由式滑雪备受关注。",
        "看点",
        "冰上项目",
        "如何做好自己",
        "短道速滑比赛将于当地时间2月10日展开。",
        "看点",
        "突破性项目、“上新”项目",
        "如何追赶学习",
        "本届冬奥会新增滑雪登山大项，中国选手将首次亮相。",
        "挑战极限不会停步（奥林匹克与我）",
        "很多人问我：第二次参加冬奥会是什么感受？",
    )
    assert [a.title for a in articles_of(doc)] == [
        "这份中国观众“观赛指南”请查收（奥运纵横）",
        "挑战极限不会停步（奥林匹克与我）",
    ]


def test_plain_page_sections_closed_once_by_the_reporters_together_are_one_report() -> None:
    """Short plain sections under a report's lead, only the last closed by the reporters who wrote the report
    together (``（本报记者亓玉昆、刘军国、洪秋婷整理）``), are that report's sections, not short stories."""
    doc = page_of(
        "为建设健康中国汇聚磅礴力量",
        "3月6日下午，习近平总书记看望参加全国政协十四届四次会议的委员。",
        "（本报记者王明峰、魏哲哲整理）",
        "奋力推动“十五五”发展实现良好开局",
        "3月5日下午，习近平总书记在参加代表团审议时发表重要讲话。",
        "习近平总书记的重要讲话指明方向、催人奋进，在代表中引发热烈反响。",
        "因地制宜发展新质生产力",
        "习近平总书记强调，发展新质生产力对于推动高质量发展十分重要。",
        "在增强经济韧性上持续用力",
        "习近平总书记强调，经济大省发展底盘稳、抵御风险能力强。",
        "让现代化建设成果更多更公平地惠及全体人民",
        "习近平总书记指出，中国式现代化是全体人民共同富裕的现代化。",
        "（本报记者亓玉昆、刘军国、洪秋婷整理）",
    )
    assert [a.title for a in articles_of(doc)] == ["为建设健康中国汇聚磅礴力量", "奋力推动“十五五”发展实现良好开局"]


def test_plain_page_essays_after_a_literary_columns_piece_are_articles() -> None:
    """After a literary page's column piece (``（多味斋）``), short titles alike in length over essays of several
    paragraphs each (``小城书事``, ``山野之气``) are other writers' essays, not the column piece's sections."""
    doc = page_of(
        "康县这碗面茶（多味斋）",
        "这面茶是从茶马古道上下来的。",
        "大南峪的田里，一茬油菜籽一茬水稻，一年两熟。",
        "现在古道大多荒了，可面茶还在。",
        "小城书事",
        "书店或图书馆，在我生活多年的上海非常多。",
        "10多年前，我去过晓东书店。",
        "现在，听说老家施甸县也有了这样的地方。",
        "前几天，施甸县文旅局做活动，约我5月回去做一次分享。",
        "山野之气",
        "北方4、5月，常有大风天，裹着沙尘。",
        "走进山里，比漫山遍野的新绿更先让人感受到冲击的，是气味。",
        "山里的农人把裤脚一卷，赤着脚下田劳作。",
        "有调皮的孩童在田间地头玩耍。",
    )
    assert [a.title for a in articles_of(doc)] == ["康县这碗面茶（多味斋）", "小城书事", "山野之气"]


def test_plain_page_a_poem_whose_first_line_takes_up_its_title_is_no_section() -> None:
    """A poem whose first line opens with its title (``朝霞与晚霞`` / ``朝霞与晚霞哪个更美``) is no term that its first
    paragraph explains: after a photo report's caption it starts an article of its own."""
    doc = page_of(
        "图片报道",
        "油画《颐和园之春》，作者韩景生，中国美术馆藏。",
        "朝霞与晚霞",
        "朝霞与晚霞哪个更美",
        "它们都同样光芒万丈",
        "同样映照来自秦岭的流水",
        "一位中年女人  每天",
        "从朝霞出发  跟随一把扫帚的节奏",
        "抵达晚霞",
        "洒水车每天中午会经过一次",
    )
    assert [a.title for a in articles_of(doc)] == ["图片报道", "朝霞与晚霞"]


@pytest.mark.parametrize("office", ["华人影业总裁", "某影视公司艺术总监", "某电影节组委会主席", "某科技公司创始人"])
def test_plain_page_a_panel_guest_by_a_business_office_is_no_heading(office: str) -> None:
    """A panel's guest named under a business office (``华人影业总裁  应旭珺``) is a guest's line, as a
    director's or a professor's is, never a headline."""
    doc = page_of(
        "让更多好电影走向世界（文艺观察）",
        "主持人：",
        "本报记者  刘  阳",
        "对话嘉宾：",
        f"{office}  应旭珺",
        "中国电影科学技术研究所所长  龚  波",
        "主持人：今年春节档，国产电影表现亮眼。",
        "应旭珺：好电影的标准，首先是好故事。",
    )
    assert [a.title for a in articles_of(doc)] == ["让更多好电影走向世界（文艺观察）"]


def test_plain_page_a_themed_supplement_page_prints_essays_one_after_another() -> None:
    """On a themed page of the literary supplement (``大地书香·文脉传承``), every plain heading over two or more
    paragraphs is a writer's essay, however alike the titles, up to a column's tagged piece."""
    doc = page_of(
        "大地书香·文脉传承",
        "书香是一座城市的气质，也是一个民族的底色。",
        "藏书楼外“藏书人”",
        "天一阁的藏书楼外，住着一代代守书的人。",
        "他们晒书、补书、抄书，把一生交给了书。",
        "边地小镇  百年书香",
        "云南和顺古镇有一座百年图书馆。",
        "乡亲们说，图书馆是镇上最热闹的地方。",
        "未曾中断的耕读传统",
        "在徽州的村落里，耕读传家的匾额随处可见。",
        "白天下地，晚上读书，是祖辈留下的规矩。",
    )
    assert [a.title for a in articles_of(doc)] == [
        "大地书香·文脉传承", "藏书楼外“藏书人”", "边地小镇  百年书香", "未曾中断的耕读传统"
    ]  # fmt: skip



def test_plain_page_a_list_under_an_annex_title_stays_the_documents() -> None:
    """Short lines under an annex's title (``反制清单`` over company names) read like verse, but the title does
    not open them: the annex stays the document's section."""
    doc = page_of(
        "外交部公布关于对部分美国军工企业采取反制措施的决定",
        "新华社北京3月30日电  外交部30日公布决定，全文如下：",
        "关于对部分美国军工企业采取反制措施的决定",
        "根据有关法律规定，外交部决定对下列企业采取反制措施：",
        "本决定自2026年3月30日起施行。",
        "附件：反制清单",
        "外交部",
        "2026年3月30日",
        "反制清单",
        *("某某航空系统公司", "某某动力技术公司", "某某防务集团", "某某电子系统公司", "某某导航公司", "某某先进材料公司"),
        "外交部谈反制措施",
        "本报北京3月30日电  （记者孙三）外交部发言人30日答记者问。",
    )
    assert "反制清单" not in [a.title for a in articles_of(doc)]


def test_plain_page_a_columns_kicker_over_a_sectioned_feature_stays_a_kicker() -> None:
    """A short column kicker (``新春走基层``) over a feature whose sections tell no speakers' words stays the kicker:
    only voices gathered under one short title make that title the headline."""
    doc = page_of(
        "新春走基层",
        "大山深处的冬日课堂里书声琅琅",
        "清晨7点，贵州毕节的山村小学已经亮起了灯。老师们早早来到教室。",
        "孩子们的午餐有了保障",
        "中午，食堂里飘出饭菜香。营养午餐让孩子们吃得饱、吃得好。",
        "乡村教师留得住也教得好",
        "近年来，当地持续改善乡村教师待遇，一批年轻教师扎根山区。",
    )
    arts = articles_of(doc)
    assert [(a.title, a.kicker) for a in arts] == [("大山深处的冬日课堂里书声琅琅", "新春走基层")]


def test_plain_page_a_columns_kicker_after_a_features_sections_starts_a_story() -> None:
    """A short column kicker as long as the feature's section headings before it (``新春走基层`` after ``产业蓬勃发展``
    / ``场景不断拓展``) over a story's headline starts that story: only a long line that sums a section up makes the
    kicker the next section's heading."""
    doc = page_of(
        "2024年我国安全应急装备重点领域产业规模超9200亿元",
        "安全应急装备产业市场广潜力大",
        "安全应急装备产业是为安全生产、防灾减灾、应急救援提供专用产品和服务的产业。",
        "产业蓬勃发展",
        "吉林长春，一家企业的车间里，工人们正在调试消防机器人。",
        "场景不断拓展",
        "当前，全社会安全应急文化正在加速形成，家用产品需求增长。",
        "新春走基层",
        "山村小学的冬日课堂",
        "清晨7点，贵州毕节的山村小学已经亮起了灯。老师们早早来到教室。",
        "孩子们的午餐有了保障，营养午餐让孩子们吃得饱、吃得好。",
    )
    assert [a.title for a in articles_of(doc)] == ["安全应急装备产业市场广潜力大", "山村小学的冬日课堂"]


def test_plain_page_a_features_sections_signed_by_speakers_stay_its_own() -> None:
    """A feature's sections may each close with a speaker's line (``——张三代表（…）``); with no package title over the
    first of them, they stay the feature's sections."""
    doc = page_of(
        "代表委员热议加快建设科技强国",
        "全国两会期间，代表委员围绕科技创新建言献策。",
        "强化基础研究",
        "基础研究是科技创新的源头。要加大投入，稳定支持。",
        "——张三代表（某大学校长）",
        "加快成果转化",
        "要打通成果转化的堵点，让更多成果走向市场。",
        "——李四委员（某研究院院长）",
        "培育创新人才",
        "人才是第一资源。要完善评价机制，激发创新活力。",
        "——王五代表（某公司董事长）",
    )
    assert [a.title for a in articles_of(doc)] == ["代表委员热议加快建设科技强国"]


def test_plain_page_an_arts_criticisms_short_sections_stay_its_own() -> None:
    """An arts page's criticism (``（观澜）``) keeps its short sections (``守正`` / ``创新``) however long each runs: only
    a literary column's essay is followed by other writers' essays."""
    body = ["舞台上的经典，需要一代代人接续演绎。", "老戏新演，贵在守住精神内核。", "观众走进剧场，看的是故事。", "演员的功夫，在台下。"]
    lead = ["近年来，一批经典剧目重登舞台，赢得观众喝彩。", "这背后，是创作者对经典的敬畏。", "也是对时代的回应。"]
    doc = page_of("让经典在舞台上焕发新光彩（观澜）", *lead, "守正", *body, "创新", *body)
    assert [a.title for a in articles_of(doc)] == ["让经典在舞台上焕发新光彩（观澜）"]


def _long_read(paragraphs: int, *headings: str) -> Document:
    """An opinion piece of ``paragraphs`` paragraphs with no heading among them, then short stories under the
    ``headings``."""
    lead = [f"第{n + 1}段，民营经济发展前景广阔、大有可为，要拓宽投资空间，促进转型升级，加强沟通交流，有效解决突出问题，治理拖欠账款，强化法治保障，营造放心发展的良好环境。" for n in range(paragraphs)]
    stories = [(h, "近日，近千名师生参加了交流活动，走进博物馆和科技企业。", "大家表示，收获很多，感受很深。") for h in headings]
    return page_of("支持民营企业在高质量发展中大显身手", *lead, *[line for story in stories for line in story])


def test_plain_page_headings_after_a_long_unbroken_article_start_the_next_story() -> None:
    """Headings that form no set from the first, after an article has run twelve paragraphs with no heading, are
    not its sections: a feature opens its sections after a short lead, so the first of them heads a story."""
    doc = _long_read(12, "爱国精神  薪火相传", "因地制宜发展具身智能产业", "铿锵步伐  献礼祖国")
    assert [a.title for a in articles_of(doc)][:2] == ["支持民营企业在高质量发展中大显身手", "爱国精神  薪火相传"]


@pytest.mark.parametrize(
    ("paragraphs", "headings"),
    [
        (11, ("爱国精神  薪火相传", "因地制宜发展具身智能产业", "铿锵步伐  献礼祖国")),
        (12, ("“干这一行，把一年当两年用”", "“信息无小事，容不得差错”", "“数据不能断，传统保留几十年”")),
        (12, ("爱国精神  薪火相传", "因地制宜发展具身智能产业")),
    ],
)
def test_plain_page_headings_after_a_shorter_lead_or_in_a_set_stay_sections(
    paragraphs: int, headings: tuple[str, ...]
) -> None:
    """A lead of eleven paragraphs, headings alike from the first (quotes), or only two headings: the article's
    own sections."""
    doc = _long_read(paragraphs, *headings)
    assert [a.title for a in articles_of(doc)] == ["支持民营企业在高质量发展中大显身手"]


def _place_profile(first: str) -> Document:
    """An editor's note, then a district's profile headed ``杭州拱墅  …，…`` whose first paragraph opens with
    ``first``."""
    return page_of(
        "用创新成果守护群众生命健康（编辑手记）",
        "前沿技术与医疗实践的双向奔赴，在守护群众生命健康的生动实践中彰显着创新力量。",
        "从科研探索走向临床落地，既是学科融合的创新转化，更体现了科研工作者的责任担当。",
        "杭州拱墅  构建环高校创新生态圈，打造为企业服务新高地",
        first,
        "拱墅区以上塘街道为主要载体，以高校为圆心、以创新为半径，打造创新生态圈。",
        "聚焦人才引育，打造近悦远来的创新磁场",
        "人才是创新发展的重要因素。拱墅区在商务社区建立人才服务专员制度。",
        "贯通转化链条，激活成果变现的科创引擎",
        "实现科技成果转化是构建创新生态的关键环节。",
        "赋能产业升级，构筑集群发展的现代体系",
        "拱墅区聚焦重点产业服务，提出商务社区组团发展路径。",
    )


def test_plain_page_a_place_named_short_in_a_profiles_headline_and_in_full_in_its_text() -> None:
    """A profile's headline led by a place's short name (``杭州拱墅``) that its first words write with the division
    words (``浙江省杭州市拱墅区``) is named again, so it heads the profile and its comma headings are sections."""
    doc = _place_profile("千年运河畔，活力新拱墅。浙江省杭州市拱墅区紧扣重点产业布局，建设创新生态圈。")
    assert [a.title for a in articles_of(doc)] == [
        "用创新成果守护群众生命健康（编辑手记）", "杭州拱墅  构建环高校创新生态圈，打造为企业服务新高地"
    ]  # fmt: skip


def test_plain_page_a_short_name_found_late_without_division_words_is_not_named_again() -> None:
    """The short name itself deep in a paragraph (``…，杭州拱墅紧扣…``) is no sign: a short name must open the
    paragraph, and only the division words a place's full name adds make a later mention one."""
    doc = _place_profile("千年运河畔，活力新拱墅。浙江杭州拱墅紧扣重点产业布局，建设创新生态圈。")
    assert "杭州拱墅  构建环高校创新生态圈，打造为企业服务新高地" not in [a.title for a in articles_of(doc)]


def _profile_then(*last: str) -> Document:
    """A county's profile closed by its data source, then the page's ``last`` lines."""
    return page_of(
        "陕西省咸阳市淳化县  推动县域经济社会高质量发展",
        "近年来，陕西省咸阳市淳化县紧扣高质量发展主题，推动县域经济社会高质量发展。",
        "聚焦特色产业，培育高质量发展新动能",
        "淳化县依托特色产业，加大品种培优、品质提升、品牌打造力度。",
        "强化平台赋能，打造宜业宜居新家园",
        "淳化县设立产业振兴发展基金，招商引资成效显著。",
        *last,
    )


def test_plain_page_a_sponsors_name_under_a_profiles_data_source_is_the_profiles() -> None:
    """A short name ending the page under the profile's data source (``中国银行``) is the sponsor it is printed
    with, not an article."""
    doc = _profile_then("数据来源：中共淳化县委宣传部", "中国银行")
    assert [a.title for a in articles_of(doc)] == ["陕西省咸阳市淳化县  推动县域经济社会高质量发展"]


def test_plain_page_a_short_headline_with_text_after_a_profiles_data_source_is_an_article() -> None:
    """Under the data source, a short headline over text of its own is the next article: only a bare name
    ending the page is the sponsor's."""
    doc = _profile_then("数据来源：中共淳化县委宣传部", "冬日暖阳", "初冬的清晨，阳光洒在村口的小广场上，老人们围坐在一起晒太阳、拉家常。")
    assert [a.title for a in articles_of(doc)] == ["陕西省咸阳市淳化县  推动县域经济社会高质量发展", "冬日暖阳"]


def _theory_piece(*sections: str) -> Document:
    """A theory series' article under its long column tag with the given section headings, then a heading whose
    text closes with the author's line."""
    body = [
        [f"{h[:2]}这一部分的论述，围绕扩大高水平对外开放展开，阐明原则和任务。", "要坚持开放合作、互利共赢，推进制度型开放。"]
        for h in sections
    ]
    return page_of(
        "扩大高水平对外开放（学习贯彻党的二十届四中全会精神）",
        "党的二十届四中全会通过的建议，对扩大高水平对外开放作出战略部署。",
        *[line for h, b in zip(sections, body, strict=True) for line in (h, *b)],
        "以科技创新推动服务业扩能提质",
        "服务业发展水平是衡量一个国家、一个地区经济发展水平的重要标志。",
        "提升关键核心技术供给能力，以应用场景牵引科技创新与服务业融合发展。",
        "（作者单位：中国地质大学（北京））",
    )


def test_plain_page_an_unnumbered_heading_after_numbered_sections_is_the_next_article() -> None:
    """After a theory article's numbered sections (``一、…`` / ``二、…`` / ``三、…``), a heading with no number is
    another author's article, though the author's line under it would close a long-form article."""
    doc = _theory_piece("一、深刻认识扩大高水平对外开放的重大意义", "二、准确把握原则要求", "三、全面落实主要任务")
    assert [a.title for a in articles_of(doc)] == [
        "扩大高水平对外开放（学习贯彻党的二十届四中全会精神）", "以科技创新推动服务业扩能提质"
    ]  # fmt: skip


def test_plain_page_a_heading_after_unnumbered_sections_closed_by_the_author_is_the_last_section() -> None:
    """Without numbers on the sections before it, a heading whose text the author's line closes stays the long-form
    article's last section."""
    doc = _theory_piece("深刻认识扩大高水平对外开放的重大意义", "准确把握扩大高水平对外开放的原则要求")
    assert [a.title for a in articles_of(doc)] == ["扩大高水平对外开放（学习贯彻党的二十届四中全会精神）"]


def _note_then(kickers: tuple[str | None, ...]) -> Document:
    """An editor's note, then three headings alike (``X，Y``), each under its kicker when one is given."""
    heads = ["产业集聚，打造对外开放新高地", "便捷高效，带来发展机遇", "物流畅通，外贸蓬勃发展"]
    parts = [
        [*([k] if k else []), h, "霍尔果斯公路口岸车流不息，满载货物的车辆有序通关，戈壁滩上的风带来新的机遇。"]
        for k, h in zip(kickers, heads, strict=True)
    ]
    return page_of(
        "摆脱“修修补补”的路径依赖（编辑手记）",
        "突破既有理论框架，构建语义信息论新体系；打通理论到实践的链条，让创新成果落地生根。",
        "树牢创新理念，才能成为发展的先行者、行业的排头兵。",
        *[line for part in parts for line in part],
    )


def test_plain_page_a_kicked_headline_after_a_note_keeps_its_alike_sections() -> None:
    """After an editor's note, headings alike in style are the reports printed with it, unless only the first has
    a kicker (``新疆自贸试验区挂牌两年来，…``): then it is a headline and the rest its sections."""
    doc = _note_then(("新疆自贸试验区挂牌两年来，贸易额实现快速增长", None, None))
    assert [a.title for a in articles_of(doc)] == ["摆脱“修修补补”的路径依赖（编辑手记）", "产业集聚，打造对外开放新高地"]


def test_plain_page_alike_headings_after_a_note_without_a_lone_kicker_are_reports() -> None:
    """With no kicker, the alike headings after a note are the reports it is printed with."""
    doc = _note_then((None, None, None))
    assert [a.title for a in articles_of(doc)] == [
        "摆脱“修修补补”的路径依赖（编辑手记）", "产业集聚，打造对外开放新高地", "便捷高效，带来发展机遇", "物流畅通，外贸蓬勃发展"
    ]  # fmt: skip


def _report_then(*headings: str) -> Document:
    """A quoted headline's report, then the ``headings``, each over two paragraphs."""
    part = ["文明互鉴的大门越开越大，各国人民的交流越来越密切，合作的成果惠及更多民众。", "与会嘉宾表示，愿同中方一道，推动构建和平、包容的世界。"]
    return page_of(
        "“共同推动构建一个和平、包容的世界”",
        *[f"来自多个国家的政要和学者近日在北京出席论坛，围绕中国式现代化展开第{n}轮交流，分享发展经验，探讨合作前景，认为中国的发展为世界带来机遇，为全球南方国家提供了有益借鉴。" for n in range(9)],
        *[line for h in headings for line in (h, *part)],
    )


def test_plain_page_a_headline_over_its_set_then_a_heading_of_another_kind() -> None:
    """A heading over three that share a clause break it lacks is a headline over its sections; the heading of
    another kind after them (quoted) is the next story's, though the set does not run to the end."""
    doc = _report_then(
        "以奋斗之姿书写时代华章",
        "伟大成就举世瞩目，信心和动力不断凝聚",
        "坚定信心锐意进取，确保开好局起好步",
        "团结一心接续奋斗，阔步迈向复兴新征程",
        "“展现了未来发展的范本”",
    )
    assert [a.title for a in articles_of(doc)] == [
        "“共同推动构建一个和平、包容的世界”", "以奋斗之姿书写时代华章", "“展现了未来发展的范本”"
    ]  # fmt: skip


def test_plain_page_two_alike_headings_under_another_make_no_set() -> None:
    """Two headings sharing a clause break under one without it make no set: they and the heading before them
    stay the report's sections."""
    doc = _report_then(
        "以奋斗之姿书写时代华章",
        "伟大成就举世瞩目，信心和动力不断凝聚",
        "坚定信心锐意进取，确保开好局起好步",
        "“展现了未来发展的范本”",
    )
    assert [a.title for a in articles_of(doc)] == ["“共同推动构建一个和平、包容的世界”"]


def test_plain_page_an_advert_label_under_a_profiles_data_source_is_its_own() -> None:
    """An advert's label (``广告``) ending the page under a profile's data source is the advert's, not a sponsor."""
    doc = _profile_then("数据来源：中共淳化县委宣传部", "广告")
    assert [a.title for a in articles_of(doc)] == ["陕西省咸阳市淳化县  推动县域经济社会高质量发展", "广告"]


def test_plain_page_a_closing_heading_after_numbered_sections_stays_the_last_section() -> None:
    """A concluding heading (``结语：…``) after numbered sections, closed by the author's line, is the article's."""
    body = ["党的二十届四中全会通过的建议，对扩大高水平对外开放作出战略部署。", "要坚持开放合作、互利共赢，推进制度型开放。"]
    doc = page_of(
        "扩大高水平对外开放（学习贯彻党的二十届四中全会精神）", *body,
        "一、深刻认识扩大高水平对外开放的重大意义", *body,
        "二、准确把握扩大高水平对外开放的原则要求", *body,
        "三、全面落实扩大高水平对外开放的主要任务", *body,
        "结语：以开放促改革促发展", *body, "（作者为中国人民大学教授）",
    )  # fmt: skip
    assert [a.title for a in articles_of(doc)] == ["扩大高水平对外开放（学习贯彻党的二十届四中全会精神）"]


def _qiushi(second: str) -> Document:
    return page_of(
        "《求是》杂志发表习近平总书记重要文章",
        second,
        "新华社北京11月30日电  12月1日出版的第23期《求是》杂志将发表重要文章。",
        "文章强调，自我革命是我们党跳出治乱兴衰历史周期率的第二个答案。",
    )


def test_plain_page_a_count_in_quotes_is_a_slogan_not_a_subtitles_figure() -> None:
    """A count inside quotes (``“五个进一步到位”``) is a slogan's: the line under a dated report's news is its
    headline, the news line its kicker, as it reads without a count."""
    arts = articles_of(_qiushi("推进党的自我革命要做到“五个进一步到位”"))
    assert [(a.title, a.kicker) for a in arts] == [
        ("推进党的自我革命要做到“五个进一步到位”", "《求是》杂志发表习近平总书记重要文章")
    ]


def test_plain_page_a_count_outside_quotes_still_backs_the_news_as_its_subtitle() -> None:
    """A plain count in the line under the news (``…五个方面…``) still reads as the figure that backs it."""
    arts = articles_of(_qiushi("推进党的自我革命要做到五个方面进一步到位"))
    assert [a.title for a in arts] == ["《求是》杂志发表习近平总书记重要文章"]


def test_plain_page_the_collection_holding_a_pictured_object_is_a_credit() -> None:
    """The museum that holds a pictured object (``杭州博物馆藏``) credits the picture as ``…供图`` would: no headline."""
    doc = page_of(
        "一展看遍南宋临安城（上新了）",
        "南宋“清河坊西阮六郎铺”金叶子。",
        "杭州博物馆藏",
        "近日，“南宋临安城考古成果展”在杭州博物馆开幕，展出文物300余件（套）。",
        "展览以考古出土文物为主线，带观众走进南宋都城的街巷与市井生活。",
    )
    assert [a.title for a in articles_of(doc)] == ["一展看遍南宋临安城（上新了）"]


def test_plain_page_a_headline_about_a_museums_collection_stays_a_headline() -> None:
    """Only a museum's name closed by ``藏`` is a credit; a headline about its collection (``…藏品亮相…``) stays one."""
    doc = page_of(
        "一展看遍南宋临安城（上新了）",
        "近日，“南宋临安城考古成果展”在杭州博物馆开幕，展出文物300余件（套）。",
        "展览以考古出土文物为主线，带观众走进南宋都城的街巷与市井生活。",
        "杭州博物馆藏品亮相海外",
        "本报巴黎12月26日电  （记者张三）杭州博物馆的一批南宋文物近日在巴黎展出。",
    )
    assert [a.title for a in articles_of(doc)] == ["一展看遍南宋临安城（上新了）", "杭州博物馆藏品亮相海外"]
