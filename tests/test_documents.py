"""Reading files and folders into Documents: formats, encodings, folders, and every reason to skip."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rag.documents import (
    SUPPORTED_SUFFIXES,
    Document,
    Skipped,
    date_from_name,
    doc_id_for,
    iter_documents,
    read_documents,
    read_text_file,
)
from rag.errors import InputError

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "rag" / "data" / "news-page-2024-03-29.txt"
STORIES = REPO.parent / "shared" / "data" / "xwlb" / "stories.jsonl.gz"

# News-like prose, a few hundred characters, in simplified and traditional script.
SIMPLIFIED = (
    "浙江省委提出实施“干部为事业担当、组织为干部担当”激励保护行动。浙江将完善激励保护措施，进一步落实容错纠错机制、"
    "澄清正名机制，激励干部大胆开拓、担当作为。杭州市富阳区常安镇党委书记徐华对此深有感触。去年，面对曾经的工业污染"
    "土地问题，镇党委曾提出通过“异地换土法”来修复，但因为没有具体政策依据，实际推进有顾虑。富阳区最终对常安镇这项"
    "工作适用容错办法，帮助基层干部破除了干事的“思想障碍”，土壤修复工作得以顺利推进。目前已有11家省直单位制定了"
    "容错细化清单，去年全省共实施容错纠错241起。\n"
)
TRADITIONAL = (
    "浙江省委提出實施「幹部為事業擔當、組織為幹部擔當」激勵保護行動。浙江將完善激勵保護措施，進一步落實容錯糾錯機制、"
    "澄清正名機制，激勵幹部大膽開拓、擔當作為。杭州市富陽區常安鎮黨委書記徐華對此深有感觸。去年，面對曾經的工業污染"
    "土地問題，鎮黨委曾提出通過「異地換土法」來修復，但因為沒有具體政策依據，實際推進有顧慮。富陽區最終對常安鎮這項"
    "工作適用容錯辦法，幫助基層幹部破除了幹事的「思想障礙」，土壤修復工作得以順利推進。目前已有11家省直單位制定了"
    "容錯細化清單，去年全省共實施容錯糾錯241起。\n"
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def read_one(path: Path, **kw: int) -> Document:
    docs, skipped = read_documents([path], **kw)
    assert skipped == [], skipped
    assert len(docs) == 1
    return docs[0]


# ---------------------------------------------------------------------------------------------------------
# The demo page and the Document contract


def test_demo_page_is_read_exactly() -> None:
    doc = read_one(PAGE)
    assert doc.text == PAGE.read_text("utf-8")
    assert (doc.format, doc.encoding, doc.date, doc.title, doc.url) == (
        "txt",
        "utf-8",
        "2024-03-29",
        None,
        None,
    )
    assert doc.source == str(PAGE.resolve())
    assert doc.doc_id == hashlib.sha1(doc.source.encode()).hexdigest()[:16] == doc_id_for(doc.source)
    assert doc.name == "news-page-2024-03-29.txt"
    assert doc.content_hash == hashlib.sha256(doc.text.encode()).hexdigest()
    assert doc.content_hash is doc.content_hash  # computed once


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".jsonl.gz")


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("news-page-2024-03-29.txt", "2024-03-29"),
        ("20240329.txt", "2024-03-29"),
        ("rmrb_2024_03_29_p4.md", "2024-03-29"),
        ("2024-02-30.txt", None),
        ("page-12345678901.txt", None),
        ("notes.txt", None),
    ],
)
def test_date_from_file_name(name: str, date: str | None) -> None:
    assert date_from_name(name) == date


# ---------------------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED + "㐀𠀀", "gb18030", "gb18030"),  # characters outside GBK
        (TRADITIONAL, "big5", "big5"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, text: str, codec: str, expected: str) -> None:
    path = write(tmp_path / "a.txt", text.encode(codec))
    doc = read_one(path)
    assert (doc.text, doc.encoding) == (text, expected)
    assert read_text_file(path) == (text, expected)


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.md", b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"))
    doc = read_one(path)
    assert (doc.text, doc.encoding, doc.format) == (SIMPLIFIED, "utf-8-sig", "md")


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", SIMPLIFIED.encode("utf-16"))
    assert read_one(path).text == SIMPLIFIED


@pytest.mark.parametrize(
    ("headline", "traditional"),
    [
        ("北京丰台区加快审批服务改革", "北京豐台區加快審批服務改革"),
        ("本版责编：季健明", "本版責編：季健明"),
        ("杨丹进行绳索救援训练", "楊丹進行繩索救援訓練"),
        ("新闻联播", "新聞聯播"),
    ],
)
def test_short_files_decode_right(tmp_path: Path, headline: str, traditional: str) -> None:
    # Too short for statistical detection: the strict codec order and the plausibility score decide.
    gbk = read_one(write(tmp_path / "gbk.txt", headline.encode("gbk")))
    big5 = read_one(write(tmp_path / "big5.txt", traditional.encode("big5")))
    assert (gbk.text, gbk.encoding) == (headline, "gb18030")
    assert (big5.text, big5.encoding) == (traditional, "big5")


def test_whole_page_in_gbk_and_big5(tmp_path: Path) -> None:
    text = PAGE.read_text("utf-8")
    assert read_one(write(tmp_path / "p.txt", text.encode("gbk"))).text == text
    trad = TRADITIONAL * 3
    assert read_one(write(tmp_path / "t.txt", trad.encode("big5"))).encoding == "big5"


def test_binary_and_undecodable_files_are_skipped(tmp_path: Path) -> None:
    binary = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    noise = random.Random(5)
    garbage = write(tmp_path / "noise.txt", bytes(noise.randrange(0x80, 0x100) for _ in range(2400)))
    good = write(tmp_path / "ok.txt", SIMPLIFIED)
    docs, skipped = read_documents([binary, garbage, good])
    assert [d.name for d in docs] == ["ok.txt"]
    assert skipped[0] == Skipped(str(binary), "binary file")
    assert skipped[1].path == str(garbage) and skipped[1].reason.startswith(
        "undecodable (tried utf-8, gb18030, big5"
    )
    with pytest.raises(InputError, match=r"image\.txt: binary file"):
        read_text_file(binary)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_either_decode_or_raise_input_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "x.txt"
    path.write_bytes(data)
    try:
        text, encoding = read_text_file(path)
    except InputError as e:
        assert "\n" not in str(e)
    else:
        assert isinstance(text, str) and encoding


# ---------------------------------------------------------------------------------------------------------
# Paths and folders


def test_missing_path_raises_before_anything_is_read(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", SIMPLIFIED)
    with pytest.raises(InputError, match=r"^no such file or folder: .*nope\.txt$"):
        read_documents([good, tmp_path / "nope.txt"])
    with pytest.raises(InputError, match="no such file or folder"):
        read_text_file(tmp_path / "nope.txt")


def test_folder_without_supported_files(tmp_path: Path) -> None:
    write(tmp_path / "pics" / "a.png", b"\x89PNG")
    write(tmp_path / "pics" / ".hidden.txt", SIMPLIFIED)
    with pytest.raises(InputError, match=r"^no \.txt, \.md, \.html or \.jsonl files under .*pics$"):
        read_documents([tmp_path / "pics"])


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", "乙。")
    write(root / "a" / "z.md", "甲。")
    write(root / "a" / "y.HTML", "<p>丙。</p>")
    write(root / ".git" / "c.txt", "不读。")
    write(root / ".draft.txt", "不读。")
    write(root / "c.png", b"\x89PNG")  # ignored silently
    write(root / "d.rtf", b"{\\rtf1}")  # looks like a document: reported
    docs, skipped = read_documents([root])
    assert [Path(d.source).relative_to(root.resolve()).as_posix() for d in docs] == [
        "a/y.HTML",
        "a/z.md",
        "b.txt",
    ]
    assert [d.format for d in docs] == ["html", "md", "txt"]
    assert [(Path(s.path).name, s.reason.split(" (")[0]) for s in skipped] == [
        ("d.rtf", "unsupported type .rtf")
    ]


def test_explicit_unsupported_file_is_reported(tmp_path: Path) -> None:
    rtf = write(tmp_path / "page.rtf", b"{\\rtf1}")
    docs, skipped = read_documents([rtf])
    assert (
        docs == [] and skipped[0].path == str(rtf) and skipped[0].reason.startswith("unsupported type .rtf")
    )


def test_too_large_files_are_skipped(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", SIMPLIFIED * 10)
    small = write(tmp_path / "small.txt", "小。")
    docs, skipped = read_documents([big, small], max_bytes=1000)
    assert [d.name for d in docs] == ["small.txt"]
    assert skipped[0].path == str(big) and skipped[0].reason.startswith("too large (")
    assert "MB limit)" in skipped[0].reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loops_do_not_hang_and_files_are_read_once(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "sub" / "a.txt", SIMPLIFIED)
    os.symlink(root, root / "sub" / "loop")
    os.symlink(root / "sub" / "a.txt", root / "alias.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    docs, skipped = read_documents([root, root / "sub" / "a.txt"])
    assert len(docs) == 1
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons == {"loop": "symlink loop", "broken.txt": "broken symlink"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", SIMPLIFIED)
    locked.chmod(0)
    try:
        docs, skipped = read_documents([locked])
    finally:
        locked.chmod(0o644)
    assert docs == [] and skipped == [Skipped(str(locked), "unreadable: permission denied")]


def test_on_skip_callback_and_lazy_iteration(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", SIMPLIFIED)
    write(tmp_path / "b.txt", b"\x00\x01binary")
    seen: list[Skipped] = []
    docs = list(iter_documents([tmp_path], on_skip=seen.append))
    assert len(docs) == 1 and [s.reason for s in seen] == ["binary file"]


# ---------------------------------------------------------------------------------------------------------
# HTML


def test_html_extraction(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><meta charset="gbk"><title>激励干部担当作为_人民网</title>
    <script>var s = "脚本";</script><style>p { color: red }</style></head><body>
    <header><nav>首页 | 要闻</nav></header>
    <article><h1>激励干部担当作为</h1><p>本报记者 奚瀚洋</p>
    <p>为打造风清气正的政治生态，
    浙江省委提出实施激励保护行动。</p>
    <h2>健全容错机制</h2><h3>小节</h3><p>第一段<b>加粗</b>文字。<br>第二行。</p>
    <!-- 注释 --><noscript>请开启脚本</noscript></article>
    <footer>版权所有</footer></body></html>"""
    path = write(tmp_path / "page.htm", html.encode("gbk"))
    doc = read_one(path)
    assert (doc.format, doc.encoding, doc.title) == ("html", "gb18030", "激励干部担当作为")
    assert doc.text == (
        "# 激励干部担当作为\n\n本报记者 奚瀚洋\n\n为打造风清气正的政治生态，浙江省委提出实施激励保护行动。\n\n"
        "## 健全容错机制\n\n## 小节\n\n第一段加粗文字。\n\n第二行。"
    )


def test_html_title_date_and_url(tmp_path: Path) -> None:
    html = (
        '<html><head><title>标题</title><meta property="article:published_time" content="2024-03-29T08:00:00+08:00">'
        '<link rel="canonical" href="https://example.com/a.html"></head><body><p>正文。</p></body></html>'
    )
    doc = read_one(write(tmp_path / "x.html", html))
    assert (doc.title, doc.date, doc.url, doc.text) == (
        "标题",
        "2024-03-29",
        "https://example.com/a.html",
        "正文。",
    )


# ---------------------------------------------------------------------------------------------------------
# JSON Lines


def _jsonl_lines() -> list[str]:
    return [
        json.dumps(
            {"id": "a1", "date": "2024-03-28", "title": "标题一", "text": "正文一。", "url": "https://x/1"}
        ),
        "",
        "{not json",
        json.dumps({"id": "a2", "title": "没有正文"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "无编号", "text": "正文二。", "date": "2024年3月27日"}, ensure_ascii=False),
        json.dumps({"id": "a1", "text": "重复编号。"}),
        json.dumps({"id": 7, "text": "数字编号。", "date": "not a date"}),
    ]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_jsonl_lines_become_documents_and_bad_lines_are_reported(tmp_path: Path, suffix: str) -> None:
    data = ("\n".join(_jsonl_lines()) + "\n").encode("utf-8")
    name = f"news-20240329{suffix}"
    path = write(tmp_path / name, gzip.compress(data) if suffix.endswith(".gz") else data)
    docs, skipped = read_documents([path])
    resolved = str(path.resolve())
    assert [d.source for d in docs] == [f"{resolved}#a1", f"{resolved}#L6", f"{resolved}#7"]
    assert [d.name for d in docs] == [f"{name}#a1", f"{name}#L6", f"{name}#7"]
    assert [d.doc_id for d in docs] == [doc_id_for(d.source) for d in docs]
    assert [(d.title, d.text, d.date, d.url) for d in docs] == [
        ("标题一", "正文一。", "2024-03-28", "https://x/1"),
        ("无编号", "正文二。", "2024-03-27", None),
        (None, "数字编号。", "2024-03-29", None),  # a bad date falls back to the file name's
    ]
    assert all((d.format, d.encoding) == ("jsonl", "utf-8") for d in docs)
    assert all(s.path == str(path) for s in skipped)
    reasons = [s.reason for s in skipped]
    assert reasons[0].startswith(f"{name} line 3: not valid JSON")
    assert reasons[1:] == [
        f"{name} line 4: missing or empty 'text'",
        f"{name} line 5: not a JSON object",
        f"{name} line 7: duplicate id 'a1' (first on line 1)",
    ]


def test_jsonl_is_streamed_not_limited_by_max_bytes(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "text": "新闻正文。" * 5}, ensure_ascii=False) for i in range(50)]
    lines.append(json.dumps({"id": "huge", "text": "长" * 2000}, ensure_ascii=False))
    path = write(tmp_path / "s.jsonl", "\n".join(lines) + "\n")
    assert path.stat().st_size > 3000
    docs, skipped = read_documents([path], max_bytes=1000)
    assert len(docs) == 50
    assert [s.reason for s in skipped] == ["s.jsonl line 51: too large (> 0.0 MB limit)"]


def test_jsonl_without_any_text_field_is_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path / "qa.jsonl", "\n".join(json.dumps({"q": i}) for i in range(30)) + "\n")
    docs, skipped = read_documents([path])
    assert docs == [] and [s.reason for s in skipped] == [
        "qa.jsonl: no line has a 'text' field (30 lines); not a corpus file"
    ]


def test_damaged_gzip_is_reported(tmp_path: Path) -> None:
    good = gzip.compress(
        ("\n".join(json.dumps({"id": i, "text": "正文。" * 200}) for i in range(200)) + "\n").encode()
    )
    path = write(tmp_path / "cut.jsonl.gz", good[: len(good) // 2])
    docs, skipped = read_documents([path])
    assert 0 < len(docs) < 200
    assert len(skipped) == 1 and skipped[0].reason.startswith("cut.jsonl.gz: damaged after line")


@pytest.mark.skipif(not STORIES.exists(), reason="shared stories.jsonl.gz not present")
def test_the_story_corpus() -> None:
    docs, skipped = read_documents([STORIES])
    assert skipped == [] and len(docs) == 19876
    first = docs[0]
    assert first.name == "stories.jsonl.gz#xwlb-20220924-00"
    assert (first.date, first.format) == ("2022-09-24", "jsonl")
    assert first.title and first.text.startswith("央视网消息")
    assert len({d.doc_id for d in docs}) == len(docs)


def test_a_single_path_is_not_taken_for_a_list_of_characters() -> None:
    (doc,) = iter_documents(str(PAGE))
    assert doc.name == PAGE.name


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_explicit_looping_link_is_reported(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    docs, skipped = read_documents([tmp_path / "a.txt"])
    assert docs == [] and skipped == [Skipped(str(tmp_path / "a.txt"), "symlink loop")]
