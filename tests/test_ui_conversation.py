"""A conversation in a real browser (headless Debian chromium through Playwright), against the real app:
a follow-up is searched as a standalone question and the page says so, a pronoun carries the previous
question's person, 「今天有什么新闻？」 lists the newest headlines, a question the news does not answer says so,
and Clear starts over. A screenshot of the
conversation goes to ``test-artifacts/conversation.png`` (gitignored)."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag import Config
from ui.server import build_app, launch

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))  # as in conftest
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]  # fmt: skip

if not CHROMIUM.exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Locator, Page, expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, demo_index_dir: Path, embedder: object) -> Iterator[Page]:
    root = tmp_path_factory.mktemp("ui-conversation")
    shutil.copytree(demo_index_dir, root / "index")
    config = Config.from_env(env={}, home=root / "home", models=MODEL_CACHE)
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as p:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TOKENIZERS_PARALLELISM", "false")
        demo = build_app(root / "index", config)
        url = launch(demo, port=_free_port())
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            pg = browser.new_page(viewport={"width": 1280, "height": 1600})
            pg.set_default_timeout(90_000)
            pg.goto(url)
            expect(pg.locator("#rag-chat")).to_be_visible()
            yield pg
        finally:
            browser.close()
            demo.close()


def ask(page: Page, question: str) -> None:
    """Type ``question``, send it, and wait until its reply (with its cited passages) is on the page."""
    before = page.locator("#rag-chat .rag-reply").count()
    box = page.locator("#rag-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#rag-chat .rag-reply').length > n", arg=before, timeout=120_000
    )


def searched(page: Page) -> Locator:
    """The newest "Searched for: …" line (a follow-up rewritten)."""
    return page.locator("#rag-chat .rag-message", has_text="Searched for:").last


def last_reply_text(page: Page) -> str:
    return page.locator("#rag-chat .rag-reply").last.inner_text()


def test_a_follow_up_is_searched_as_a_whole_question(page: Page) -> None:
    ask(page, "浙江的容错纠错机制是如何运作的？")
    ask(page, "那江苏呢？")
    note = searched(page)
    expect(note).to_contain_text("Searched for: 江苏的容错纠错机制是如何运作的？")
    cites = page.locator("#rag-chat .rag-reply").last.locator(".rag-cite")
    expect(cites.first).to_be_visible()
    lines = cites.all_inner_texts()
    assert lines and not any("[advert]" in c or "[notice]" in c for c in lines), lines
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "conversation.png"), full_page=True)


def test_a_pronoun_carries_the_person_asked_about(page: Page) -> None:
    ask(page, "杨丹在森林消防队伍里工作了多少年？")
    ask(page, "他是哪里人？")
    expect(searched(page)).to_contain_text("Searched for: 杨丹")
    assert "杨丹" in last_reply_text(page)
    ask(page, "它是什么时候开始的？")  # the issue's own follow-up: still about 杨丹
    note = searched(page)
    expect(note).to_contain_text("Searched for: 杨丹")
    expect(note).to_contain_text("是什么时候开始的")


def test_todays_news_lists_the_newest_headlines(page: Page) -> None:
    ask(page, "今天有什么新闻？")
    cites = page.locator("#rag-chat .rag-reply").last.locator(".rag-cite")
    expect(cites.nth(2)).to_be_visible()
    titles = " ".join(cites.all_inner_texts())
    assert titles.count("2024-03-29") >= 3, titles  # the page's headlines, each with its citation


def test_a_question_the_news_does_not_answer_says_so(page: Page) -> None:
    ask(page, "火星基地今年建成了几座？")
    reply = page.locator("#rag-chat .rag-reply").last
    expect(reply).to_contain_text("Nothing in the indexed news answers this")
    expect(reply.locator(".rag-cite").first).to_be_visible()  # the closest passages are still shown


def test_clear_starts_over(page: Page) -> None:
    page.locator("#rag-clear").click()
    expect(page.locator("#rag-chat .rag-reply")).to_have_count(0)
    ask(page, "那江苏呢？")  # nothing to lean on now: searched as typed
    expect(page.locator("#rag-chat")).not_to_contain_text("Searched for: 江苏的容错纠错机制")
