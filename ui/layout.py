"""The chat page (Gradio Blocks): three tabs (Ask, Context, Documents) and the events that join them.

:func:`build_page` lays the page out over a :class:`~ui.service.ChatService`; it calls no model itself:
every answer, upload and removal goes through the service. The page's scripts are read from
``ui/static/app.js`` here; its style sheet (``ui/static/style.css``) is applied by :func:`ui.server.launch`.

Endpoints for ``gradio_client`` users: ``/retrieve`` (question, k, mode[, source, date_from, date_to]) returns
the passages as JSON data (``Passage.to_dict()``), ``/ask_html`` the chat's reply as HTML, ``/upload``
(files) and ``/remove_source`` (a key from the documents list).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import gradio as gr
from gradio.helpers import Examples

import rag
from ui import render
from ui.service import MAX_K, ChatService, UploadRefused
from ui.uploads import UPLOAD_SUFFIXES, format_size

__all__ = [
    "EXAMPLES",
    "MAX_HISTORY",
    "QUEUE_CONCURRENCY",
    "QUEUE_MAX_SIZE",
    "NewsApp",
    "build_page",
    "friendly",
    "static_text",
]

_log = logging.getLogger(__name__)

EXAMPLES = [
    "浙江的容错纠错机制是如何运作的？",
    "How does Zhejiang protect officials who make honest mistakes?",
    "丰台区如何推进审批服务改革？",
    "福建在推动高质量发展方面有哪些举措？",
]
QUEUE_CONCURRENCY = 2
"""Questions answered at once (the model uses every core for each; more would only interleave them)."""
QUEUE_MAX_SIZE = 256
"""Requests that may wait in the queue before new ones are turned away."""
MAX_HISTORY = 40
"""Messages kept in a conversation (older ones scroll away)."""
MODE_HELP = (
    "hybrid = meaning + keywords; dense = meaning only; keyword = BM25 only; "
    "rrf = dense and keyword lists merged by rank (a baseline)"
)


class NewsApp(gr.Blocks):
    """The Blocks of the chat, holding its :class:`ChatService` (for :func:`ui.server.launch` and tests)."""

    service: ChatService


def static_text(name: str) -> str:
    """A file of ``ui/static/`` (shipped as package data)."""
    return (resources.files("ui") / "static" / name).read_text(encoding="utf-8")


def _scripts() -> dict[str, str]:
    """The snippets of app.js by name: each follows a ``// --- name ---`` line (its own comments dropped,
    since Gradio runs each snippet as an expression)."""
    parts = re.split(r"^// --- ([\w-]+) ---$", static_text("app.js"), flags=re.M)
    return {
        name: re.sub(r"^\s*//.*\n", "", body.strip(), flags=re.M).strip()
        for name, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def friendly(e: BaseException) -> str:
    """A one-line message for the chat: the user's mistake as rag words it, anything else kept generic."""
    if isinstance(e, rag.RagError):
        return str(e)
    _log.exception("unexpected error while answering")
    return "Something went wrong on the server while answering (details are in its log). Please try again."


def _settings_line(
    k: int, mode: str, source: str | None, date_from: str | None, date_to: str | None, secs: float
) -> str:
    parts = [f"{mode} search", f"k={k}"]
    if source:
        parts.append(f"source {source}")
    if date_from or date_to:
        parts.append(f"dates {date_from or '…'} to {date_to or '…'}")
    parts.append(f"{secs:.2f} s")
    return " · ".join(parts)


def _turn_note(question: str, turn: rag.Reply) -> str:
    """A line above a reply saying what was searched (a follow-up rewritten) and which dates filtered it."""
    parts = []
    if turn.searched_for != question:
        parts.append(f"Searched for: {turn.searched_for}")
    f = turn.date_filter
    if f is not None and f.words:
        parts.append(
            f"Dates: {f.label()} (untick “Use dates in the question” in Search settings to search every date)"
        )
    if turn.note:
        parts.append(turn.note[:1].upper() + turn.note[1:])
    return render.message_html(" · ".join(parts)) if parts else ""


# -- the components -----------------------------------------------------------------------------------------
@dataclass
class _AskTab:
    chatbot: gr.Chatbot
    question: gr.Textbox
    button: gr.Button
    examples: Examples
    k: gr.Slider
    mode: gr.Radio
    source: gr.Dropdown
    date_from: gr.Textbox
    date_to: gr.Textbox
    use_dates: gr.Checkbox
    clear: gr.Button


@dataclass
class _ContextTab:
    tab: gr.Tab
    choice: gr.Dropdown
    number: gr.Number
    button: gr.Button
    html: gr.HTML


@dataclass
class _DocumentsTab:
    table: gr.HTML
    remove_choice: gr.Dropdown
    remove_button: gr.Button
    files: gr.File
    upload_button: gr.Button
    status: gr.HTML


def _header(service: ChatService) -> gr.HTML:
    with gr.Column(elem_classes="rag-header"):
        gr.HTML(
            "<h1>newsrag · ask Chinese news, check every quote</h1>"
            "<div>Answers are quoted sentences from the indexed news, each with its article, byline, date "
            "and the exact characters of the source file. Questions in Chinese or English.</div>"
        )
        return gr.HTML(f'<div class="rag-summary">{render.summary_html(service.summary())}</div>')


def _ask_tab(config: rag.Config, choices: list[tuple[str, str]]) -> _AskTab:
    chatbot = gr.Chatbot(
        label="Conversation",
        show_label=False,
        autoscroll=False,  # the scroll-to-reply script shows the start of each reply instead of its end
        height=620,
        sanitize_html=True,
        allow_tags=False,
        render_markdown=True,
        latex_delimiters=[],
        feedback_options=None,
        buttons=["copy"],
        placeholder="Ask a question about the indexed news, or pick an example below.",
        elem_id="rag-chat",
    )
    with gr.Row():
        question = gr.Textbox(
            show_label=False,
            placeholder="例如：浙江的容错纠错机制是如何运作的？",
            scale=8,
            max_lines=4,
            autofocus=True,
            elem_id="rag-question",
        )
        button = gr.Button("Ask", variant="primary", scale=1, min_width=90, elem_id="rag-ask")
        clear = gr.Button("Clear", scale=1, min_width=70, elem_id="rag-clear")
    examples = gr.Examples(
        examples=[[q] for q in EXAMPLES], inputs=[question], label="Example questions", elem_id="rag-examples"
    )
    with gr.Accordion("Search settings", open=False):
        with gr.Row():
            k = gr.Slider(1, MAX_K, value=min(config.k, MAX_K), step=1, label="Passages (k)")
            mode = gr.Radio(list(rag.MODES), value=config.mode, label="Search mode", info=MODE_HELP)
        with gr.Row():
            source = gr.Dropdown(
                [("All files", ""), *choices], value="", label="Only this file", allow_custom_value=False
            )
            date_from = gr.Textbox(label="From date", placeholder="YYYY-MM-DD", max_lines=1)
            date_to = gr.Textbox(label="To date", placeholder="YYYY-MM-DD", max_lines=1)
        use_dates = gr.Checkbox(
            value=True,
            label="Use dates in the question",
            info="昨天, 上周, 3月28日, last month filter by date (when none are given above); untick to search every date",
            elem_id="rag-use-dates",
        )
    return _AskTab(chatbot, question, button, examples, k, mode, source, date_from, date_to, use_dates, clear)


def _context_tab() -> _ContextTab:
    with gr.Tab("Context", id="context") as tab:
        gr.Markdown(
            "Pick a passage from the last answer to read its whole article, with the cited characters "
            "marked, and check the quote for yourself."
        )
        with gr.Row():
            choice = gr.Dropdown([], label="Passage from the last answer", scale=4, elem_id="rag-ctx-choice")
            number = gr.Number(label="or its number", value=1, precision=0, minimum=1, scale=1)
            button = gr.Button("Show", scale=1, min_width=80)
        html = gr.HTML(render.message_html("Ask a question first."), elem_id="rag-context")
    return _ContextTab(tab, choice, number, button, html)


def _documents_tab(
    service: ChatService, rows: list[rag.SourceRow], choices: list[tuple[str, str]]
) -> _DocumentsTab:
    table = gr.HTML(render.sources_html(rows, service.upload_dir))
    with gr.Row():
        remove_choice = gr.Dropdown(choices, label="Remove a file from the index", scale=4)
        remove_button = gr.Button("Remove", variant="stop", scale=1, min_width=90)
    limit = format_size(service.max_upload_bytes)
    files = gr.File(
        file_count="multiple",
        label=f"Add files ({' '.join(UPLOAD_SUFFIXES)}; up to {limit} each)",
        elem_id="rag-upload",
    )
    upload_button = gr.Button("Index the uploaded files", variant="primary")
    status = gr.HTML("", elem_id="rag-upload-status")
    return _DocumentsTab(table, remove_choice, remove_button, files, upload_button, status)


# -- what the events do -------------------------------------------------------------------------------------
class _Handlers:
    """The page's event handlers and API functions, over one service (shared by every session)."""

    def __init__(self, service: ChatService) -> None:
        self.service = service

    def add_question(self, text: str, history: list[Any]) -> tuple[str, list[Any], str]:
        text = (text or "").strip()
        if not text:
            return "", history, ""
        history = history[-(MAX_HISTORY - 2) :]  # the page sends the conversation with every question
        return "", [*history, {"role": "user", "content": render.question_html(text)}], text

    def show_context(self, choice: str | float | None, data: list[dict[str, Any]]) -> str:
        if not data:
            return render.message_html("Ask a question first: the passages of the last answer appear here.")
        try:
            n = int(float(choice)) if choice not in (None, "") else 0
        except (TypeError, ValueError):
            n = 0
        item = next((d for d in data if int(d.get("rank", 0)) == n), None)
        if item is None:
            return render.message_html(f"Choose a passage number from 1 to {len(data)}.", kind="error")
        try:
            return self.service.context(item)
        except Exception as e:
            return render.message_html(friendly(e), kind="error")

    def reply(
        self,
        text: str,
        k: float,
        mode: str,
        source_key: str | None,
        date_from: str | None,
        date_to: str | None,
        asked: list[str] | None = None,
        use_dates: bool = True,
    ) -> tuple[str, list[rag.Passage]]:
        """The chat reply for a question (``asked``: the session's earlier questions): HTML, and the
        passages it cites. What was searched and the dates applied are said above the reply."""
        t0 = time.perf_counter()
        try:
            turn = self.service.converse(
                text,
                asked or [],
                int(k),
                mode,
                source_key=source_key or None,
                date_from=date_from,
                date_to=date_to,
                dates="auto" if use_dates else "off",
            )
        except Exception as e:
            return render.message_html(friendly(e), kind="error"), []
        passages = turn.passages
        name = None
        if source_key:
            name = next((n for n, key in self.service.source_choices() if key == source_key), None)
        line = _settings_line(int(k), mode, name, date_from, date_to, time.perf_counter() - t0)
        html = render.reply_html(passages, settings=line, answering=turn.answering)
        return _turn_note(text, turn) + html, passages

    def answer(
        self,
        text: str,
        history: list[Any],
        k: float,
        mode: str,
        source_key: str | None,
        date_from: str | None,
        date_to: str | None,
        use_dates: bool = True,
        asked: list[str] | None = None,
    ) -> tuple[Any, ...]:
        if not text:
            return history, gr.skip(), gr.skip(), gr.skip(), gr.skip()
        html, passages = self.reply(text, k, mode, source_key, date_from, date_to, asked, use_dates)
        history = [*history, {"role": "assistant", "content": html}]
        asked = [*(asked or [])[-(MAX_HISTORY // 2) :], text]
        if not passages:
            return history, gr.skip(), gr.skip(), gr.skip(), asked
        data = [p.to_dict() for p in passages]
        menu = gr.update(
            choices=[(render.passage_label(p), str(p.rank)) for p in passages], value=str(passages[0].rank)
        )
        return history, data, menu, self.show_context(passages[0].rank, data), asked

    def write(
        self, question: str, history: list[Any], data: list[dict[str, Any]], asked: list[str] | None
    ) -> Iterator[Any]:
        """The language model's answer streamed into the last reply, in place of the quoted answer; when
        the model fails, the quoted answer stays under a one-line note. Runs after :meth:`answer`."""
        reply = _text(history[-1]) if history and question and data else ""
        if not render.is_reply(reply):  # an error or nothing found: nothing to write from
            yield gr.skip()
            return
        passages = [rag.Passage.from_dict(d) for d in data]
        try:
            for draft in self.service.draft(question, passages, (asked or [])[:-1]):
                if draft.note:
                    box, keep = render.message_html(draft.note[:1].upper() + draft.note[1:] + "."), True
                else:
                    box, keep = render.written_html(draft.text, passages, done=draft.done), False
                yield [
                    *history[:-1],
                    {"role": "assistant", "content": render.with_written(reply, box, keep_quoted=keep)},
                ]
        except Exception as e:  # the quoted reply stands
            friendly(e)
            yield gr.skip()

    def ask_html(
        self, question: str, k: int = 5, mode: str = "hybrid", date_from: str = "", date_to: str = ""
    ) -> str:
        """The chat's reply to a question as HTML (what the page shows); /retrieve gives the data."""
        return self.reply(question, k, mode, None, date_from, date_to)[0]

    def retrieve(
        self,
        question: str,
        k: int = 5,
        mode: str = "hybrid",
        source: str = "",
        date_from: str = "",
        date_to: str = "",
    ) -> list[dict[str, Any]]:
        """The k passages that best answer the question, best first, as JSON data (Passage.to_dict()):
        rank, score, dense_score, keyword_score, text, answer {text, start, end, doc_start, doc_end, score}
        and citation {doc_id, article_id, source, name, title, kicker, byline, date, section, kind, start,
        end, pieces, url, ranges}. mode: hybrid, dense, keyword or rrf; source: part of a file name; dates
        YYYY-MM-DD."""
        try:
            passages = self.service.ask(
                question, k, mode, source=source or None, date_from=date_from, date_to=date_to
            )
        except Exception as e:
            raise gr.Error(friendly(e), print_exception=False) from None
        return [p.to_dict() for p in passages]

    def refresh(self) -> tuple[str, str, Any, Any]:
        """The header, the documents table and both file menus, after the index changed."""
        rows = self.service.sources()
        choices = self.service.source_choices(rows)
        return (
            f'<div class="rag-summary">{render.summary_html(self.service.summary())}</div>',
            render.sources_html(rows, self.service.upload_dir),
            gr.update(choices=[("All files", ""), *choices]),
            gr.update(choices=choices, value=None),
        )

    def upload(
        self,
        paths: list[str] | None,
        progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008
    ) -> tuple[Any, ...]:
        def status(message: str) -> None:
            progress(None, desc=message)

        progress(0, desc="copying the uploads")
        try:
            report = self.service.upload(paths, on_status=status, progress=True)
        except Exception as e:
            cleared = None if isinstance(e, UploadRefused) else gr.skip()  # refused files cannot be retried
            return (render.message_html(friendly(e), kind="error"), *[gr.skip()] * 4, cleared)
        return (render.message_html(report, kind="ok"), *self.refresh(), None)

    def remove(self, key: str | None) -> tuple[Any, ...]:
        try:
            report = self.service.remove(key)
        except Exception as e:
            return (render.message_html(friendly(e), kind="error"), *[gr.skip()] * 4)
        return (render.message_html(report, kind="ok"), *self.refresh())


def _text(message: Any) -> str:
    """The HTML of a chat message as the page sends it back (a string, or a list of text parts)."""
    content = message.get("content") if isinstance(message, dict) else None
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return content if isinstance(content, str) else ""


# -- the events ---------------------------------------------------------------------------------------------
def _wire_chat(
    h: _Handlers, ask: _AskTab, ctx: _ContextTab, last: gr.State, pending: gr.State, js: str
) -> None:
    """Typing, the button and an example all run the same chain: show the question, answer, scroll. The
    session's questions (``asked``) go with each one, so a follow-up is read in context; Clear starts over."""
    asked = gr.State([])
    inputs = [
        pending,
        ask.chatbot,
        ask.k,
        ask.mode,
        ask.source,
        ask.date_from,
        ask.date_to,
        ask.use_dates,
        asked,
    ]
    outputs = [ask.chatbot, last, ctx.choice, ctx.html, asked]
    ask.clear.click(
        lambda: (
            [],
            [],
            gr.update(choices=[], value=None),
            render.message_html("Ask a question first."),
            [],
            "",
        ),
        None,
        [ask.chatbot, last, ctx.choice, ctx.html, asked, ask.question],
        queue=False,
        api_visibility="private",
    )
    for trigger in (ask.question.submit, ask.button.click, ask.examples.load_input_event.then):
        shown = (
            trigger(
                h.add_question,
                [ask.question, ask.chatbot],
                [ask.question, ask.chatbot, pending],
                queue=False,
                api_visibility="private",
            )
            .then(h.answer, inputs, outputs, concurrency_id="search", api_visibility="private")
            .then(None, js=js, api_visibility="private")
        )
        if h.service.config.llm_url:  # a written answer streams into the reply, in its own queue
            shown.then(
                h.write,
                [pending, ask.chatbot, last, asked],
                ask.chatbot,
                concurrency_id="llm",
                api_visibility="private",
            )


def _wire_context(h: _Handlers, ctx: _ContextTab, last: gr.State, js: str) -> None:
    """Choosing a passage shows its article, scrolled to the quote (also when the tab is opened)."""
    for trigger, choice in (
        (ctx.choice.input, ctx.choice),
        (ctx.button.click, ctx.number),
        (ctx.number.submit, ctx.number),
    ):
        trigger(h.show_context, [choice, last], ctx.html, api_visibility="private").then(
            None, js=js, api_visibility="private"
        )
    ctx.tab.select(None, js=js, api_visibility="private")


def _wire_documents(h: _Handlers, docs: _DocumentsTab, page: list[Any]) -> None:
    """Uploads and removals write the index one at a time (their own queue), then refresh the page."""
    docs.upload_button.click(
        h.upload,
        [docs.files],
        [docs.status, *page, docs.files],
        api_name="upload",
        concurrency_id="index-writer",
        concurrency_limit=1,
    )
    docs.remove_button.click(
        h.remove,
        [docs.remove_choice],
        [docs.status, *page],
        api_name="remove_source",
        concurrency_id="index-writer",
        concurrency_limit=1,
    )


def build_page(service: ChatService) -> NewsApp:
    """The page over ``service``, with a bounded queue. Start it with :func:`ui.server.launch`."""
    h = _Handlers(service)
    scripts = _scripts()
    rows = service.sources()
    choices = service.source_choices(rows)
    with NewsApp(title="newsrag · cited answers from Chinese news", analytics_enabled=False) as demo:
        demo.service = service
        last = gr.State([])  # the passages (to_dict) of this session's last answer
        pending = gr.State("")  # the question being answered
        header = _header(service)
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                ask = _ask_tab(service.config, choices)
            ctx = _context_tab()
            with gr.Tab("Documents", id="documents"):
                docs = _documents_tab(service, rows, choices)
        _wire_chat(h, ask, ctx, last, pending, scripts["scroll-to-reply"])
        _wire_context(h, ctx, last, scripts["scroll-to-quote"])
        page = [header, docs.table, ask.source, docs.remove_choice]
        _wire_documents(h, docs, page)
        demo.load(h.refresh, None, page, api_visibility="private")
        gr.api(h.ask_html, api_name="ask_html", concurrency_id="search", api_visibility="undocumented")
        gr.api(h.retrieve, api_name="retrieve", concurrency_id="search")
    # QUEUE_CONCURRENCY questions run at once, the rest wait their turn (up to QUEUE_MAX_SIZE).
    demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return demo
