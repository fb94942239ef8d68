"""The chat in a real browser (headless Debian chromium through Playwright), against the real app.

Clicks an example question and checks what a reader sees: the quoted answer, a citation line and the marked
answering sentence; the Context tab; an upload through the page; and that a document full of script and
link payloads shows as text without any dialog firing. Screenshots go to ``test-artifacts/`` (gitignored);
measured times are appended to ``test-artifacts/ui-timings.jsonl``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from rag import Config
from ui.layout import EXAMPLES, NewsApp
from ui.server import build_app, launch

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))  # as in conftest
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
XSS = (
    "## 紫藤巷的脚本展览\n\n紫藤巷社区举办了一场网页安全展览，展板上写着<script>alert('xss')</script>这样的代码。\n\n"
    "另一块展板写着<img src=x onerror=alert(1)>和[点我](javascript:alert(2))，提醒居民不要点击陌生链接。\n"
)

if not CHROMIUM.exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright  # noqa: E402


def record_timing(what: str, seconds: float) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "ui-timings.jsonl", "a", encoding="utf-8") as f:
        row = {"what": what, "seconds": round(seconds, 3), "at": time.strftime("%Y-%m-%dT%H:%M:%S")}
        f.write(json.dumps(row) + "\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Session:
    page: Page
    url: str
    demo: NewsApp
    dialogs: list[str] = field(default_factory=list)
    uploaded: str = ""


@pytest.fixture(scope="module")
def app_url(
    tmp_path_factory: pytest.TempPathFactory, demo_index_dir: Path, embedder: object
) -> Iterator[tuple[str, NewsApp]]:
    root = tmp_path_factory.mktemp("ui-browser")
    index_dir = root / "index"
    shutil.copytree(demo_index_dir, index_dir)
    config = Config.from_env(env={}, home=root / "home", models=MODEL_CACHE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TOKENIZERS_PARALLELISM", "false")
        demo = build_app(index_dir, config)
        url = launch(demo, port=free_port())
        try:
            yield url, demo
        finally:
            demo.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def session(browser: Browser, app_url: tuple[str, NewsApp]) -> Iterator[Session]:
    """One page for the whole module: the tests follow one reader through the app, in order."""
    url, demo = app_url
    page = browser.new_page(viewport={"width": 1280, "height": 1300})
    s = Session(page, url, demo)

    def on_dialog(d: Dialog) -> None:
        s.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    page.set_default_timeout(90_000)
    t0 = time.perf_counter()
    page.goto(url)
    expect(page.locator("#rag-chat")).to_be_visible()
    record_timing("browser: page load to chat visible", time.perf_counter() - t0)
    yield s
    page.close()


def replies(page: Page) -> int:
    return page.locator("#rag-chat .rag-reply, #rag-chat .rag-message").count()


def wait_for_reply(page: Page, before: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('#rag-chat .rag-reply, #rag-chat .rag-message').length > n",
        arg=before,
    )


def test_page_is_useful_on_arrival(session: Session) -> None:
    page = session.page
    expect(page.get_by_text("ask Chinese news, check every quote")).to_be_visible()
    summary = page.locator(".rag-summary")
    expect(summary).to_contain_text("Indexed")
    expect(summary).to_contain_text("11 articles")
    for q in EXAMPLES[:2]:
        expect(page.locator("#rag-examples")).to_contain_text(q[:40])  # long ones are shortened with "..."


def test_example_question_gets_a_cited_reply(session: Session) -> None:
    page = session.page
    before = replies(page)
    t0 = time.perf_counter()
    page.locator("#rag-examples").get_by_text(EXAMPLES[0], exact=True).click()
    wait_for_reply(page, before)
    first = time.perf_counter() - t0
    reply = page.locator("#rag-chat .rag-reply").last
    expect(reply.locator(".rag-answer-text")).to_be_visible()
    expect(reply.locator(".rag-answer-text")).to_contain_text("[1]")
    cite = reply.locator(".rag-passage .rag-cite").first
    expect(cite).to_be_visible()
    expect(cite).to_contain_text("激励干部大胆开拓、担当作为")
    expect(cite).to_contain_text("news-page-2024-03-29.txt:")
    mark = reply.locator(".rag-passage mark.rag-answer").first
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("容错")
    expect(page.locator("#rag-chat .rag-question").last).to_contain_text(EXAMPLES[0])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"))
    record_timing("browser: example click to rendered reply (first question)", first)


def test_warm_question_to_rendered_reply_time(session: Session) -> None:
    page = session.page
    box = page.locator("#rag-question textarea")
    times = []
    for q in (EXAMPLES[1], "丰台区如何推进审批服务改革？", EXAMPLES[0]):
        before = replies(page)
        box.fill(q)
        t0 = time.perf_counter()
        box.press("Enter")
        wait_for_reply(page, before)
        expect(page.locator("#rag-chat .rag-reply").last.locator("mark").first).to_be_visible()
        times.append(time.perf_counter() - t0)
    for t in times:
        record_timing("browser: warm question (Enter) to rendered reply", t)
    record_timing("browser: warm question to rendered reply, median of 3", statistics.median(times))


def test_context_tab_shows_the_article_with_the_quote_marked(session: Session) -> None:
    page = session.page
    page.get_by_role("tab", name="Context").click()
    ctx = page.locator("#rag-context")
    expect(ctx.locator(".rag-cite")).to_contain_text("激励干部大胆开拓、担当作为")
    expect(ctx.locator("mark.rag-cited").first).to_be_visible()  # scrolled into view
    expect(ctx.locator("mark.rag-answer.rag-cited").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "context.png"))
    page.get_by_role("tab", name="Ask").click()


def test_bad_upload_is_refused_on_the_page(session: Session, tmp_path: Path) -> None:
    page = session.page
    page.get_by_role("tab", name="Documents").click()
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ" + bytes(100))
    page.locator("#rag-upload input[type=file]").set_input_files(str(exe))
    page.get_by_role("button", name="Index the uploaded files").click()
    expect(page.locator("#rag-upload-status")).to_contain_text(".exe files are not supported")


def test_uploaded_script_payloads_show_as_text_and_never_run(session: Session, tmp_path: Path) -> None:
    page = session.page
    page.get_by_role("tab", name="Documents").click()
    doc = tmp_path / "xss <b>notes<i>.md"
    doc.write_text(XSS, encoding="utf-8")
    page.locator("#rag-upload input[type=file]").set_input_files(str(doc))
    expect(page.locator("#rag-upload .file-preview, #rag-upload table").first).to_be_visible()
    page.get_by_role("button", name="Index the uploaded files").click()
    status = page.locator("#rag-upload-status")
    expect(status).to_contain_text("Indexed 1 of 1", timeout=120_000)
    stored = re.search(r"uploads/(\S+\.md)", status.inner_text())
    assert stored and re.fullmatch(r"[\w.\-]+", stored[1]) and stored[1].startswith("xss"), (
        status.inner_text()
    )
    session.uploaded = stored[1]
    expect(page.locator(".rag-sources")).to_contain_text(stored[1])
    expect(page.locator(".rag-summary")).to_contain_text("2 files")

    page.get_by_role("tab", name="Ask").click()
    before = replies(page)
    box = page.locator("#rag-question textarea")
    box.fill("紫藤巷展板上写了什么代码？")
    box.press("Enter")
    wait_for_reply(page, before)
    reply = page.locator("#rag-chat .rag-reply").last
    expect(reply).to_contain_text("<script>alert('xss')</script>")
    expect(reply).to_contain_text("<img src=x onerror=alert(1)>")
    expect(reply).to_contain_text("[点我](javascript:alert(2))")
    assert reply.locator("script, img, a[href^='javascript'], iframe, svg").count() == 0
    page.screenshot(path=str(ARTIFACTS / "xss.png"))

    # The Context tab renders through gr.HTML (no sanitiser of its own): the same text, still inert.
    page.get_by_role("tab", name="Context").click()
    ctx = page.locator("#rag-context .rag-article")
    expect(ctx).to_contain_text("<script>alert('xss')</script>")
    assert ctx.locator("script, img, a").count() == 0
    page.wait_for_timeout(500)  # give any injected handler the chance to fire
    assert session.dialogs == []
    injected = "#rag-chat script, #rag-chat img[onerror], #rag-context script, #rag-context img"
    assert page.evaluate(f"() => document.querySelectorAll({injected!r}).length") == 0
    page.get_by_role("tab", name="Ask").click()


def test_upload_is_searchable_from_the_page(session: Session) -> None:
    """The document uploaded above is found by a question asked right after, without a restart."""
    page = session.page
    before = replies(page)
    box = page.locator("#rag-question textarea")
    box.fill("紫藤巷社区举办了什么展览？")
    box.press("Enter")
    wait_for_reply(page, before)
    cite = page.locator("#rag-chat .rag-reply").last.locator(".rag-cite").first
    expect(cite).to_contain_text(session.uploaded)
    assert session.dialogs == []
