"""A PDF passage in the chat, in a real browser: the Context tab shows the printed page with the cited lines
marked, above the article text (issue 13 item 2). The screenshot goes to ``test-artifacts/pdf-context.png``
(gitignored) for a person to check that the marks sit on the quoted lines."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

import rag
from tests.pdfpages import FONT_FILE, newspaper_pdf
from tests.test_ui_browser import ARGS, ARTIFACTS, CHROMIUM, free_port, replies, wait_for_reply
from ui.server import build_app, launch

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FONT_FILE.is_file(), reason=f"no CJK font at {FONT_FILE} (fonts-wqy-microhei)"),
]

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Iterator[Page]:
    root = tmp_path_factory.mktemp("ui-pdf")
    pdf = root / "people-daily-2024-03-29.pdf"
    newspaper_pdf(pdf, pages=("two", "one"))
    rag.index_paths([pdf], root / "index", embedder=embedder)  # type: ignore[arg-type]
    config = rag.Config.from_env(env={}, home=root / "home", models=MODEL_CACHE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TOKENIZERS_PARALLELISM", "false")
        demo = build_app(root / "index", config)
        url = launch(demo, port=free_port())
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                tab = browser.new_page(viewport={"width": 1280, "height": 1600})
                tab.set_default_timeout(90_000)
                tab.goto(url)
                expect(tab.locator("#rag-chat")).to_be_visible()
                yield tab
                browser.close()
        finally:
            demo.close()


def test_context_of_a_pdf_passage_shows_the_marked_page(page: Page) -> None:
    before = replies(page)
    box = page.locator("#rag-question textarea")
    box.fill("丰台区政务服务中心为老年人提供什么服务？")
    box.press("Enter")
    wait_for_reply(page, before)
    cite = page.locator("#rag-chat .rag-reply").last.locator(".rag-cite").first
    expect(cite).to_contain_text("people-daily-2024-03-29.pdf p.2")

    page.get_by_role("tab", name="Context").click()
    ctx = page.locator("#rag-context")
    image = ctx.locator("figure.rag-page img")
    expect(image).to_be_visible()
    assert (image.get_attribute("src") or "").startswith("data:image/png;base64,")
    assert page.evaluate("() => document.querySelector('#rag-context figure.rag-page img').naturalWidth") > 0
    expect(ctx.locator("figure.rag-page figcaption")).to_contain_text("Page 2 of")
    expect(ctx.locator(".rag-article mark.rag-cited", has_text="帮办代办窗口").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    image.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "pdf-context.png"), full_page=True)
