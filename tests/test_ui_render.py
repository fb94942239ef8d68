"""ui.render and ui.uploads: escaping, highlighting, folding, the extractive answer, safe upload names.

No model and no server: passages are built by hand with real Citation/Answer records, and the HTML is
checked by parsing it back with the standard library's parser.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from rag.passage import Answer, Citation, Passage
from ui import render
from ui.uploads import UPLOAD_SUFFIXES, check_upload, safe_name, store_upload

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![y](javascript:alert(2))",
    "<a href='javascript:alert(3)'>z</a>",
    "**bold** _em_ `code` $$x^2$$ <https://evil.example> www.evil.example",
    '"><svg onload=alert(4)>',
    "&lt;script&gt; already-escaped",
]


class _Collect(HTMLParser):
    """Tags, attributes and the visible text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.marks: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "mark":
            self._in_mark += 1
            self.marks.append("")
        if tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_mark:
            self.marks[-1] += data


def parse(fragment: str) -> _Collect:
    p = _Collect()
    p.feed(fragment)
    p.close()
    return p


def make_passage(
    text: str, rank: int = 1, answer: tuple[int, int] | None = None, answer_score: float = 0.9, **cit: object
) -> Passage:
    fields: dict[str, Any] = {
        "doc_id": "d1",
        "article_id": "d1-a1",
        "source": "/data/page.txt",
        "name": "page.txt",
        "title": "标题",
        "kicker": None,
        "byline": "本报记者 张三",
        "date": "2024-03-29",
        "section": None,
        "kind": "article",
        "start": 100,
        "end": 100 + len(text),
        "pieces": ((100, 100 + len(text), 0),),
    }
    fields.update(cit)
    ans = None
    if answer is not None:
        a, b = answer
        ans = Answer(text[a:b], a, b, 100 + a, 100 + b, answer_score)
    return Passage(
        text=text,
        score=0.0325,
        rank=rank,
        citation=Citation(**fields),
        dense_score=0.87,
        keyword_score=12.5,
        answer=ans,
    )


@pytest.mark.parametrize("payload", XSS)
def test_escape_text_is_inert_and_round_trips(payload: str) -> None:
    out = render.escape_text(payload)
    # No markup survives: no tag, no Markdown link or emphasis syntax, no LaTeX trigger, no bare scheme.
    for ch in "<>[]()!*_`$:":
        assert ch not in out, (ch, out)
    assert "javascript:" not in out.lower()
    parsed = parse(out)
    assert parsed.tags == []
    assert "".join(parsed.text) == payload  # the reader sees exactly the document's characters


def test_escape_text_newlines_and_controls() -> None:
    assert render.escape_text("a\nb") == "a<br>b"
    assert render.escape_text("a\r\nb\rc") == "a<br>b<br>c"
    assert render.escape_text("a\nb", newlines=False) == "a b"
    assert "\x00" not in render.escape_text("a\x00b") and "\u2028" not in render.escape_text("a\u2028b")
    assert "\n" not in render.escape_text("one\n\n    two\n")  # one line of HTML: no Markdown blocks


def test_safe_url() -> None:
    assert render.safe_url("https://example.com/a?b=1&c=2") == "https://example.com/a?b=1&amp;c=2"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        " JaVaScRiPt:alert(1)",
        'https://x"onmouseover=1',
        None,
        "",
    ):
        assert render.safe_url(bad) is None


def test_render_marked_overlapping_spans_balance() -> None:
    text = "甲乙丙丁戊己庚"
    out = render.render_marked(text, [(1, 4, "rag-cited"), (3, 6, "rag-answer")])
    p = parse(out)
    assert "".join(p.text) == text
    assert p.tags.count("mark") == 3
    assert re.findall(r'<mark class="([^"]+)">', out) == ["rag-cited", "rag-answer rag-cited", "rag-answer"]
    assert render.render_marked(text, []) == text
    assert (
        render.render_marked(text, [(5, 99, "x"), (-3, 1, "y")]).count("<mark") == 2
    )  # clipped, not crashing


def test_passage_card_marks_answer_and_escapes_everything() -> None:
    text = "前文。<script>alert(1)</script>答案句在这里[x](javascript:alert(1))。后文。"
    a = text.index("答案")
    b = text.index("。", a) + 1
    p = make_passage(text, answer=(a, b), title="<img src=x onerror=alert(1)>", byline="[b](javascript:1)")
    out = render.passage_card(p)
    parsed = parse(out)
    assert set(parsed.tags) <= {"div", "b", "span", "mark"}
    assert all(not k.startswith("on") for k, _ in parsed.attrs)
    visible = "".join(parsed.text)
    assert "<script>alert(1)</script>" in visible and "<img src=x onerror=alert(1)>" in visible
    assert parsed.marks == ["答案句在这里[x](javascript:alert(1))。"]
    assert "page.txt:100-" in visible and "score 0.0325" in visible and "dense 0.870" in visible
    assert "[1]" in visible and "本报记者" not in visible  # the byline given here replaced the default


def test_a_passage_that_leaves_text_out_cites_each_stretch() -> None:
    text = "第一段。\n…\n第三段。"
    pieces = ((100, 104, 0), (300, 304, 7))
    p = make_passage(text, start=100, end=304, pieces=pieces, ranges=((100, 104), (300, 304)))
    visible = "".join(parse(render.passage_card(p)).text)
    assert "page.txt:100-104,300-304" in visible
    assert render.passage_label(p).endswith("page.txt:100-104,300-304")
    assert p.citation.line().endswith("page.txt:100-104,300-304")
    assert make_passage("一段。").citation.where() == "page.txt:100-103"  # no ranges: start-end


def test_long_passage_folds_with_excerpt_around_answer() -> None:
    text = (
        "。".join(f"第{i}句话说了一些无关的事情" for i in range(40)) + "。关键句子在最后这里。" + "尾巴" * 50
    )
    a = text.index("关键")
    b = text.index("。", a) + 1
    out = render.passage_card(make_passage(text, answer=(a, b)))
    assert "<details" in out and "<summary>" in out
    excerpt, folded = out.split("<details", 1)
    p_ex, p_fold = parse(excerpt), parse(folded)
    assert p_ex.marks == ["关键句子在最后这里。"] and p_fold.marks == ["关键句子在最后这里。"]
    assert len("".join(p_ex.text)) < len(text) / 2  # the excerpt is short ...
    assert text in "".join(p_fold.text).replace("\n", "")  # ... and the fold holds the whole passage
    short = render.passage_card(make_passage("短文。答案。", answer=(3, 6)))
    assert "<details" not in short


def test_answer_parts_only_quote_passage_sentences() -> None:
    t1 = "背景。浙江实施容错纠错机制，\n对失误予以容错。其他。"
    t2 = "另一篇。去年全省共实施容错纠错241起。"
    t3 = "重复：浙江实施容错纠错机制，对失误予以容错。"
    t4 = "第四篇的答案句不应出现。"
    ps = [
        make_passage(t1, 1, answer=(3, t1.index("其他"))),
        make_passage(t2, 2, answer=(4, len(t2))),
        make_passage(t3, 3, answer=(3, len(t3))),  # the same sentence as passage 1: left out
        make_passage(t4, 4, answer=(0, len(t4)), answer_score=0.5),  # far below the best sentence
        make_passage("没有答案的段落。", 5),
    ]
    parts = render.answer_parts(ps)
    assert [p.rank for p in parts] == [1, 2]
    for part in parts:
        source = ps[part.rank - 1]
        assert source.answer is not None
        # verbatim, up to the line break joined inside the sentence
        assert part.text == source.answer.text.replace("\n", "").strip()
        assert part.text in source.text.replace("\n", "")
    out = render.reply_html(ps, settings="hybrid · k=5")
    p = parse(out)
    answer_box = out.split('<div class="rag-label">Sources', 1)[0]
    answer_text = "".join(parse(answer_box).text)
    assert "浙江实施容错纠错机制，对失误予以容错。[1]" in answer_text and "241起。[2]" in answer_text
    assert "第四篇" not in answer_text
    # Strip the markers and the label: nothing is left that is not a passage sentence.
    rest = re.sub(r"\[\d\]", "", answer_text.replace("Answer, quoted from the sources", ""))
    for part in parts:
        rest = rest.replace(part.text, "")
    assert rest.strip() == ""
    assert "Sources (5)" in "".join(p.text)


def test_answer_parts_english_lines_keep_a_space_and_respect_length() -> None:
    t = "Officials who\nmake honest mistakes are protected."
    assert render.answer_parts([make_passage(t, answer=(0, len(t)))])[0].text == (
        "Officials who make honest mistakes are protected."
    )
    long = "长" * 300 + "。"
    ps = [make_passage(long, 1, answer=(0, len(long))), make_passage("另" * 200 + "。", 2, answer=(0, 201))]
    assert [p.rank for p in render.answer_parts(ps)] == [1]  # the second would exceed the length cap


def test_answer_leaves_out_adverts_notices_and_weak_sentences() -> None:
    def p(rank: int, text: str, score: float, kind: str = "article") -> Passage:
        return make_passage(text, rank, answer=(0, len(text)), answer_score=score, kind=kind)

    ps = [
        p(1, "投稿邮箱：www.example.cn。", 0.99, "advert"),
        p(2, "浙江制定了容错纠错实施办法。", 0.95),
        p(3, "本版责编：某某。", 0.97, "notice"),
        p(4, "去年全省实施容错纠错241起。", 0.93),
    ]
    assert [a.rank for a in render.answer_parts(ps, limit=5)] == [2, 4]
    weak = [p(1, "最相关的一句。", 0.95), p(2, "差得远的一句。", 0.85), p(3, "也还可以的一句。", 0.92)]
    assert [a.rank for a in render.answer_parts(weak)] == [1, 3]
    keyword = [p(1, "关键词命中多。", 0.064), p(2, "几乎没有命中。", 0.011), p(3, "命中同样多。", 0.064)]
    assert [a.rank for a in render.answer_parts(keyword)] == [1, 3]
    headline = [p(1, "浙江落实容错纠错、澄清正名等机制——", 0.95), p(2, "浙江制定了实施办法。", 0.94)]
    assert [a.rank for a in render.answer_parts(headline)] == [2]
    only_ads = [p(1, "广告。", 0.9, "advert"), p(2, "责编。", 0.9, "notice")]
    assert render.answer_parts(only_ads) == []
    assert "Answer, quoted" not in render.reply_html(only_ads) and "Sources (2)" in render.reply_html(
        only_ads
    )


def test_reply_without_passages_and_messages() -> None:
    assert "No passage" in render.reply_html([])
    out = render.message_html("bad <b>input</b> [x](javascript:1)", kind="error")
    assert parse(out).tags == ["div"] and "rag-error" in out


def test_context_html_marks_exact_pieces_and_answer() -> None:
    doc = "页眉\n## 标题\n正文第一段前半\n图①：说明\n后半句。答案句。结尾段。\n本版责编：某某\n"
    art_start, art_end = doc.index("## 标题"), doc.index("\n本版")
    p1s, p1e = doc.index("正文"), doc.index("\n图①")
    p2s, p2e = doc.index("后半"), doc.index("结尾")
    text = doc[p1s:p1e] + doc[p2s:p2e]
    pieces = ((p1s, p1e, 0), (p2s, p2e, p1e - p1s))
    a = text.index("答案")
    ans = Answer("答案句。", a, a + 4, doc.index("答案"), doc.index("答案") + 4, 0.9)
    cit = make_passage(text).citation._replace(start=p1s, end=p2e, pieces=pieces)
    out = render.context_html(doc, art_start, art_end, cit, ans, rank=2)
    p = parse(out.split('class="rag-article">', 1)[1])
    marked = "".join(p.marks)
    assert "图①" not in marked  # the caption between the two pieces is not part of the quote
    assert marked.replace("答案句。", "") == doc[p1s:p1e] + doc[p2s:p2e].replace("答案句。", "")
    assert '<mark class="rag-answer rag-cited">答案句。</mark>' in out
    assert "本版责编" not in "".join(p.text)  # only the article
    assert "页眉" not in "".join(p.text)


def test_safe_name_strips_paths_and_unsafe_characters() -> None:
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("..\\..\\windows\\evil.md") == "evil.md"
    assert safe_name("/abs/path/新闻 稿(1).HTML") == "新闻_稿_1.HTML".replace(".HTML", ".html")
    assert safe_name(".hidden.txt") == "hidden.txt"
    assert safe_name("....txt") == "upload.txt"
    assert safe_name("a<script>.jsonl") == "a_script.jsonl"
    assert safe_name("x" * 500 + ".txt") == "x" * 80 + ".txt"
    for bad in ("run.exe", "doc.rtf", "noext", ".txt", "a.txt.exe", "a.jsonl.gz"):
        with pytest.raises(ValueError):
            safe_name(bad)
    assert all(safe_name("a" + s) == "a" + s for s in UPLOAD_SUFFIXES)


def test_check_upload_reasons(tmp_path: Path) -> None:
    ok = tmp_path / "ok.txt"
    ok.write_text("内容。", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert check_upload(ok, "ok.txt", 1024) is None
    assert "over the limit of 1 KB" in (check_upload(big, "big.txt", 1024) or "")
    assert "empty" in (check_upload(empty, "empty.txt", 1024) or "")
    reason = check_upload(ok, "virus.exe", 1024) or ""
    assert ".exe files are not supported" in reason and ".txt" in reason
    assert "did not arrive" in (check_upload(tmp_path / "missing.txt", "missing.txt", 1024) or "")


def test_store_upload_avoids_collisions_and_reuses_identical(tmp_path: Path) -> None:
    folder = tmp_path / "uploads"
    a = tmp_path / "a"
    a.write_text("一", encoding="utf-8")
    b = tmp_path / "b"
    b.write_text("二", encoding="utf-8")
    s1 = store_upload(a, "../news.txt", folder)
    s2 = store_upload(b, "news.txt", folder)
    s3 = store_upload(a, "sub/news.txt", folder)
    assert s1.path == folder / "news.txt" and not s1.reused
    assert s2.path == folder / "news-2.txt" and not s2.reused
    assert s3.path == s1.path and s3.reused
    assert sorted(p.name for p in folder.iterdir()) == ["news-2.txt", "news.txt"]
    assert all(p.resolve().parent == folder.resolve() for p in folder.iterdir())


def test_entities_survive_html_unescape_as_text() -> None:
    # What the browser shows is html.unescape of the escaped text: the original, character for character.
    for payload in XSS:
        assert html.unescape(render.escape_text(payload, newlines=False)) == payload


def test_summary_and_sources_html_escape_names(tmp_path: Path) -> None:
    from rag import SourceRow, Summary

    head = render.summary_html(Summary(3, 11, 40, 2, "e5<small>", "2024-03-29", "2024-03-29"))
    assert "<small>" not in head
    shown = html.unescape(head)
    assert (
        "2 files" in shown and "11 articles" in shown and "dated 2024-03-29" in shown and "e5<small>" in shown
    )
    uploads = tmp_path / "uploads"
    rows = [
        SourceRow(str(uploads / "a.txt"), "<b>a.txt", 1, 2, 3, ""),
        SourceRow("/data/page.txt", "page.txt", 1, 11, 40, "2024-03-29"),
    ]
    table = render.sources_html(rows, uploads)
    assert "<b>a" not in table and table.count("<tr>") == 3
    assert "uploaded" in table and "indexed from disk" in table
    assert "The index is empty" in render.sources_html([], uploads)


def test_static_files_ship_with_the_package() -> None:
    """The page's scripts and style sheet are package data, read by name (a renamed marker would break the
    page's scrolling without any error)."""
    from ui.layout import _scripts, static_text

    scripts = _scripts()
    assert set(scripts) == {"scroll-to-reply", "scroll-to-quote"}
    assert all(js.startswith("() => {") and js.endswith("}") for js in scripts.values())
    assert ".rag-answer" in static_text("style.css")


def test_blocked_paths_are_the_index_home_and_model_cache(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from rag import Config
    from ui.server import _blocked_paths

    config = Config.from_env(env={}, home=tmp_path / "home", models=tmp_path / "models")
    service = SimpleNamespace(config=config, index_dir=tmp_path / "index")
    blocked = _blocked_paths(service, [tmp_path / "data"])  # type: ignore[arg-type]
    names = [str(tmp_path.resolve() / n) for n in ("data", "home", "index", "models")]
    assert blocked == names
