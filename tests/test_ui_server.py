"""The chat server end to end over HTTP: the real app (real model, real index) and gradio_client.

One server per module (a copy of the demo index, so uploads do not touch other tests' index); one more test
starts ``rag serve`` in a subprocess with a password, as a user would.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from gradio_client import Client, handle_file

from rag import Config, RagError
from ui.layout import NewsApp
from ui.server import build_app, exposure_warning, launch, parse_auth

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))  # as in conftest
SAMPLE = REPO / "rag" / "data" / "news-page-2024-03-29.txt"

QUESTION = "浙江的容错纠错机制是如何运作的？"
ENGLISH = "How does Zhejiang protect officials who make honest mistakes?"
LIMIT = 256 * 1024  # the upload limit of the test server (the default is 20 MB)
NOTE = (
    "青禾县夜间图书驿站\n\n2025年5月，青禾县在全县推行夜间图书驿站，共建成三十七个驿站，每晚开放到十一点。\n"
)
XSS = (
    "## 紫藤巷的脚本展览\n\n紫藤巷社区举办了一场网页安全展览，展板上写着<script>alert('xss')</script>这样的代码。\n\n"
    "另一块展板写着<img src=x onerror=alert(1)>和[点我](javascript:alert(2))，提醒居民不要点击陌生链接。\n"
)


def record_timing(what: str, seconds: float) -> None:
    """Append a measured time to test-artifacts/ui-timings.jsonl (for the README and reports)."""
    out = REPO / "test-artifacts"
    out.mkdir(exist_ok=True)
    with open(out / "ui-timings.jsonl", "a", encoding="utf-8") as f:
        f.write(
            json.dumps({"what": what, "seconds": round(seconds, 3), "at": time.strftime("%Y-%m-%dT%H:%M:%S")})
            + "\n"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    demo: NewsApp
    url: str
    client: Client
    index_dir: Path


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, demo_index_dir: Path, embedder: object
) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("ui-server")
    index_dir = root / "index"
    shutil.copytree(demo_index_dir, index_dir)
    config = Config.from_env(env={}, home=root / "home", models=MODEL_CACHE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TOKENIZERS_PARALLELISM", "false")
        demo = build_app(index_dir, config, max_upload_bytes=LIMIT)
        url = launch(demo, port=free_port())
        try:
            yield Server(demo, url, Client(url, verbose=False), index_dir)
        finally:
            demo.close()


def retrieve(server: Server, question: str, k: int = 3, mode: str = "hybrid") -> list[dict[str, Any]]:
    result = server.client.predict(question, k, mode, api_name="/retrieve")
    assert isinstance(result, list)
    return result


def upload(server: Server, *paths: Path) -> str:
    """Upload files through the page's /upload endpoint; the status message as plain text."""
    out = server.client.predict([handle_file(str(p)) for p in paths], api_name="/upload")
    return visible(out[0])


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", fragment)))


def test_page_opens_with_summary_examples_and_api(server: Server) -> None:
    page = httpx.get(server.url, timeout=30)
    assert page.status_code == 200 and "<html" in page.text.lower()
    config = httpx.get(server.url + "config", timeout=30).text
    assert "Indexed" in config and "chunks" in config and "2024" in config and "multilingual" in config
    assert QUESTION in config and ENGLISH in config
    endpoints = server.client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert "/retrieve" in endpoints and "/upload" in endpoints
    assert not any("answer" in name or "add_question" in name for name in endpoints)


def test_index_and_data_files_are_not_served(server: Server) -> None:
    for path in (server.index_dir / "CURRENT", SAMPLE, Path("/etc/passwd")):
        r = httpx.get(f"{server.url}gradio_api/file={path}", timeout=30)
        assert r.status_code in (403, 404), (path, r.status_code)
        assert "snapshot" not in r.text and "root:" not in r.text


def test_retrieve_returns_cited_passages(server: Server) -> None:
    passages = retrieve(server, QUESTION, k=3)
    assert len(passages) == 3 and [p["rank"] for p in passages] == [1, 2, 3]
    top = passages[0]
    assert "容错" in top["text"]
    assert top["answer"]["text"] in top["text"] and "容错" in top["answer"]["text"]
    c = top["citation"]
    assert c["title"] == "激励干部大胆开拓、担当作为" and c["name"] == SAMPLE.name
    page = SAMPLE.read_text(encoding="utf-8")
    for s, e, off in c["pieces"]:  # the citation contract holds over HTTP
        assert top["text"][off : off + e - s] == page[s:e]
    english = retrieve(server, ENGLISH, k=3)
    assert any("容错" in p["text"] for p in english[:2])
    keyword = retrieve(server, "容错纠错", k=2, mode="keyword")
    assert keyword[0]["dense_score"] is None and "容错" in keyword[0]["text"]


@pytest.mark.parametrize(
    ("question", "k", "mode", "needle"),
    [
        ("", 3, "hybrid", "question is empty"),
        (QUESTION, 3, "fuzzy", "unknown mode"),
        (QUESTION, 0, "hybrid", "k must"),
    ],
)
def test_retrieve_bad_input_is_one_clear_line(
    server: Server, question: str, k: int, mode: str, needle: str
) -> None:
    with pytest.raises(Exception, match=needle) as info:
        server.client.predict(question, k, mode, api_name="/retrieve")
    assert "Traceback" not in str(info.value) and "\n" not in str(info.value).strip()


def test_filters_by_file_and_date(server: Server) -> None:
    def ask(source: str = "", date_from: str = "", date_to: str = "") -> list[dict[str, Any]]:
        out = server.client.predict("容错纠错", 5, "hybrid", source, date_from, date_to, api_name="/retrieve")
        assert isinstance(out, list)
        return out

    assert {p["citation"]["name"] for p in ask(source="news-page")} == {SAMPLE.name}
    assert ask(source="no-such-file") == []
    assert ask(date_from="2030-01-01") == []
    assert all(
        p["citation"]["date"] == "2024-03-29" for p in ask(date_from="2024-03-29", date_to="2024-03-29")
    )
    with pytest.raises(Exception, match="date_from must be a date like 2024-03-29"):
        ask(date_from="2024/03/29")
    none = visible(server.client.predict(QUESTION, 5, "hybrid", "2030-01-01", "", api_name="/ask_html"))
    assert "No passage in the index matches" in none
    bad = server.client.predict(QUESTION, 5, "hybrid", "yesterday", "", api_name="/ask_html")
    assert "rag-error" in bad and "date_from must be a date" in visible(bad) and "Traceback" not in bad


def test_chat_html_marks_answer_and_cites(server: Server) -> None:
    out = server.client.predict(QUESTION, 3, "hybrid", "", "", api_name="/ask_html")
    assert '<mark class="rag-answer">' in out
    text = visible(out)
    assert "Answer, quoted from the sources" in text and "[1]" in text
    assert "激励干部大胆开拓、担当作为" in text and f"{SAMPLE.name}:" in text and "score" in text
    assert "\n\n" not in out and "\n" not in out  # one HTML block: Markdown cannot reinterpret any of it


def test_upload_is_searchable_right_away(server: Server, tmp_path: Path) -> None:
    note = tmp_path / "my notes (draft).txt"
    note.write_text(NOTE, encoding="utf-8")
    status = upload(server, note)
    assert "Indexed 1 of 1" in status and "uploads/my_notes_draft.txt" in status, status
    stored = server.index_dir / "uploads" / "my_notes_draft.txt"
    assert stored.read_text(encoding="utf-8") == NOTE
    top = retrieve(server, "青禾县建成了多少个夜间图书驿站？", k=2)[0]
    assert top["citation"]["name"] == "my_notes_draft.txt" and "三十七" in top["answer"]["text"]
    again = upload(server, note)  # the same bytes again: nothing new
    assert "already uploaded" in again and "1 unchanged" in again


def test_upload_rejects_other_types_with_a_clear_message(server: Server, tmp_path: Path) -> None:
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ" + bytes(200))
    rtf = tmp_path / "report.rtf"
    rtf.write_bytes(b"{\\rtf1 " + bytes(200))
    status = upload(server, exe, rtf)
    assert "nothing was indexed" in status
    assert ".exe files are not supported" in status and ".rtf files are not supported" in status
    assert ".txt" in status and ".pdf" in status and ".docx" in status
    good = tmp_path / "ok.md"
    good.write_text("# 石榴村合作社\n\n石榴村合作社今年带动农户增收八百万元。\n", encoding="utf-8")
    mixed = upload(server, good, exe)
    assert "Indexed 1 of 2" in mixed and "Skipped setup.exe: .exe files are not supported" in mixed
    assert not any(p.suffix in (".exe", ".rtf") for p in (server.index_dir / "uploads").iterdir())
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + bytes(200))
    assert "not a readable PDF" in upload(server, broken)


def test_upload_over_the_limit_is_refused(server: Server, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("大" * (LIMIT // 3 + 100), encoding="utf-8")  # 3 bytes a character: just over the limit
    with pytest.raises(ValueError, match="exceeds the maximum file size"):  # gradio_client checks first
        upload(server, big)
    # The server refuses it too, before any handler runs ...
    with open(big, "rb") as f:
        raw = httpx.post(server.url + "gradio_api/upload", files={"files": ("big.txt", f)}, timeout=60)
    assert raw.status_code == 413 and "maximum allowed size" in raw.text
    # ... and the upload handler checks again (for any path that gets past Gradio).
    with pytest.raises(RagError, match="over the limit of 256 KB"):
        server.demo.service.upload([big])
    assert not (server.index_dir / "uploads" / "big.txt").exists()


def test_xss_document_is_shown_as_text(server: Server, tmp_path: Path) -> None:
    doc = tmp_path / "xss.md"
    doc.write_text(XSS, encoding="utf-8")
    assert "Indexed 1 of 1" in upload(server, doc)
    out = server.client.predict("紫藤巷展板上写了什么代码？", 3, "hybrid", "", "", api_name="/ask_html")
    assert "紫藤巷" in out
    lowered = out.lower()
    for raw in ("<script", "<img", "onerror=", "javascript:", "](", "<a href"):
        assert raw not in lowered, raw
    text = visible(out)
    assert "<script>alert('xss')</script>" in text
    assert "<img src=x onerror=alert(1)>" in text and "[点我](javascript:alert(2))" in text


def test_twenty_people_ask_at_once(server: Server) -> None:
    questions = [
        QUESTION,
        ENGLISH,
        "丰台区如何推进审批服务改革？",
        "福建在推动高质量发展方面有哪些举措？",
    ] * 5
    t0 = time.perf_counter()
    jobs = [server.client.submit(q, 3, "hybrid", api_name="/retrieve") for q in questions]
    results = [job.result(timeout=300) for job in jobs]
    elapsed = time.perf_counter() - t0
    assert len(results) == 20 and all(len(r) == 3 and r[0]["text"] for r in results)
    assert all("容错" in r[0]["text"] for r, q in zip(results, questions, strict=True) if q == QUESTION)
    record_timing("20 concurrent /retrieve calls (k=3), wall seconds", elapsed)


def test_questions_are_answered_while_an_upload_indexes(server: Server, tmp_path: Path) -> None:
    big = tmp_path / "county-yearbook.txt"
    paragraphs = [
        f"## 第{i}章 长河县{i}号工程\n\n长河县在第{i}年修建了{i * 7}座桥梁和{i * 3}所学校，"
        f"投入资金{i * 11}亿元，惠及沿线{i * 13}个村庄。"
        for i in range(1, 161)
    ]
    big.write_text("\n\n".join(paragraphs), encoding="utf-8")
    small = tmp_path / "second.txt"
    small.write_text("白鹭湖湿地今年观测到黑脸琵鹭四十二只，创历史新高。\n", encoding="utf-8")
    first = server.client.submit([handle_file(str(big))], api_name="/upload")
    second = server.client.submit([handle_file(str(small))], api_name="/upload")  # queued behind the first
    answered_while_indexing = 0
    deadline = time.monotonic() + 240
    while not first.done() and time.monotonic() < deadline:
        passages = retrieve(server, QUESTION, k=2)
        assert "容错" in passages[0]["text"]  # answered from the snapshot that is live
        answered_while_indexing += not first.done()
    status_first, status_second = (
        visible(first.result(timeout=300)[0]),
        visible(second.result(timeout=300)[0]),
    )
    assert "Indexed 1 of 1" in status_first and "Indexed 1 of 1" in status_second, (
        status_first,
        status_second,
    )
    assert answered_while_indexing >= 1
    assert "四十二" in retrieve(server, "白鹭湖观测到多少只黑脸琵鹭？", k=1)[0]["text"]
    assert "长河县" in retrieve(server, "长河县第42年修建了多少座桥梁？", k=1)[0]["text"]


def test_context_shows_the_whole_article_with_the_quote_marked(server: Server) -> None:
    top = retrieve(server, QUESTION, k=1)[0]
    out = server.demo.service.context(top)
    page = SAMPLE.read_text(encoding="utf-8")
    article = out.split('class="rag-article">', 1)[1]
    marks = re.findall(r'<mark class="[^"]*rag-cited[^"]*">(.*?)</mark>', article)
    marked = visible("".join(marks))
    quoted = "".join(page[s:e] for s, e, _ in top["citation"]["pieces"])
    assert re.sub(r"\s", "", marked) == re.sub(r"\s", "", quoted)  # exactly the cited characters are marked
    assert '<mark class="rag-answer rag-cited">' in article
    assert len(visible(article)) > len(top["text"])  # the whole article, not just the passage
    changed = {**top, "text": "X" + top["text"][1:]}  # the citation no longer matches the text
    assert "has changed since the answer" in visible(server.demo.service.context(changed))
    gone = {**top, "citation": {**top["citation"], "doc_id": "no-such-document"}}
    assert "has been removed from the index" in visible(server.demo.service.context(gone))


def test_remove_a_source(server: Server, tmp_path: Path) -> None:
    note = tmp_path / "remove-me.txt"
    note.write_text("金桂村今年新修了一条九公里长的环村公路。\n", encoding="utf-8")
    out = server.client.predict([handle_file(str(note))], api_name="/upload")
    choices = dict((label, key) for label, key in out[4]["choices"])
    assert "remove-me.txt" in choices and not any("/" in key for key in choices.values())
    assert "九公里" in retrieve(server, "金桂村的环村公路有多长？", k=1)[0]["text"]
    removed = server.client.predict(choices["remove-me.txt"], api_name="/remove_source")
    assert "Removed remove-me.txt" in visible(removed[0])
    assert all(
        p["citation"]["name"] != "remove-me.txt" for p in retrieve(server, "金桂村的环村公路有多长？", k=3)
    )
    assert not (server.index_dir / "uploads" / "remove-me.txt").exists()
    with pytest.raises(Exception, match="not in the list of choices"):  # a path is not a key: refused
        server.client.predict("/etc", api_name="/remove_source")


def test_auth_parsing_and_exposure_warning(tmp_path: Path) -> None:
    assert parse_auth(None, None) == []
    assert parse_auth("ann:s3:cret", None) == [("ann", "s3:cret")]
    f = tmp_path / "users"
    f.write_text("# users\nbob:pw1\n\ncat:pw2\n", encoding="utf-8")
    assert parse_auth(None, str(f)) == [("bob", "pw1"), ("cat", "pw2")]
    for bad in ("nopassword", ":pw", "user:"):
        with pytest.raises(RagError, match="USER:PASSWORD"):
            parse_auth(bad, None)
    with pytest.raises(RagError, match="cannot read"):
        parse_auth(None, str(tmp_path / "missing"))
    assert exposure_warning("127.0.0.1", False) is None
    assert exposure_warning("0.0.0.0", True) is None
    assert "WARNING" in (exposure_warning("0.0.0.0", False) or "")


def test_rag_serve_with_a_password(tmp_path: Path, demo_index_dir: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(demo_index_dir, index_dir)
    port = free_port()
    env = {
        **os.environ,
        "RAG_HOME": str(tmp_path / "home"),
        "RAG_MODELS": str(MODEL_CACHE),
        "HF_HUB_OFFLINE": "1",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rag.cli",
            "serve",
            "--index",
            str(index_dir),
            "--port",
            str(port),
            "--auth",
            "ann:pw",
            "--max-upload-mb",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: list[str] = []
    err: list[str] = []
    threading.Thread(target=lambda: err.extend(proc.stderr or []), daemon=True).start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # blocks until the server prints its URL (or exits)
            lines.append(line)
            if line.startswith("Open "):
                break
        url = lines[-1].split()[1] if lines else ""
        assert url == f"http://127.0.0.1:{port}/", (lines, err)
        # stderr is read by another thread: give it the lines the server printed before its URL
        deadline = time.monotonic() + 30
        while not any("uploads up to 1 MB per file" in e for e in err) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert any("loading the index and the model" in e for e in err)
        assert any("uploads up to 1 MB per file" in e for e in err), err
        assert httpx.get(url + "config", timeout=30).status_code in (401, 403)
        client = Client(url, auth=("ann", "pw"), verbose=False)
        top = client.predict(QUESTION, 1, "hybrid", api_name="/retrieve")[0]
        assert "容错" in top["text"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert not any("WARNING" in e for e in err)
