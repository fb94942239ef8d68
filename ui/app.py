"""The chat in the browser: ask Chinese news, get quoted answers with citations you can check.

    rag serve [--index DIR] [--host 127.0.0.1] [--port 7860] [--auth USER:PASSWORD | --auth-file FILE]

:func:`build_app` loads the model and the index once (before the first question) and returns the Gradio
Blocks; :func:`launch` starts it with the safety settings (loopback by default, bounded queue, upload
limit, the index and data folders blocked from file serving); :func:`serve` is ``rag serve``. The app has no
retrieval logic of its own: it calls :func:`rag.retrieve`, :func:`rag.index_paths` and
:func:`rag.remove_sources` like any Python user.

Endpoints for ``gradio_client`` users: ``/retrieve`` (question, k, mode[, source, date_from, date_to]) returns
the passages as JSON data (``Passage.to_dict()``), ``/upload`` (files) and ``/remove_source`` (a key from the
documents list).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from rag.catalog import SourceRow, Summary, sources, summary
from rag.config import Config
from rag.errors import RagError
from rag.passage import Answer, Citation, Passage
from rag.search import MODES, open_index, retrieve
from rag.store.index import Index
from ui import render
from ui.uploads import (
    DEFAULT_MAX_UPLOAD_MB,
    UPLOAD_DIR,
    UPLOAD_SUFFIXES,
    Rejected,
    Stored,
    check_upload,
    format_size,
    store_upload,
)

__all__ = [
    "CSS",
    "DEFAULT_MAX_UPLOAD_MB",
    "EXAMPLES",
    "QUEUE_CONCURRENCY",
    "QUEUE_MAX_SIZE",
    "Backend",
    "NewsApp",
    "UploadRefused",
    "build_app",
    "check_port",
    "exposure_warning",
    "launch",
    "parse_auth",
    "serve",
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
MAX_K = 20
MAX_HISTORY = 40
"""Messages kept in a conversation (older ones scroll away)."""
LOOPBACK = ("127.0.0.1", "localhost", "::1")
WARMUP_QUESTION = "浙江的容错纠错机制是如何运作的？"
# After a reply, scroll the conversation so the question and the start of the answer are in view (the
# default autoscroll would show the end of the last cited passage).
SCROLL_JS = """() => {
  const wrap = document.querySelector('#rag-chat [role=log]');
  const rows = document.querySelectorAll('#rag-chat .message-row.user-row');
  if (!wrap || !rows.length) return;
  const top = rows[rows.length - 1].getBoundingClientRect().top - wrap.getBoundingClientRect().top;
  wrap.scrollTop += top - 8;
}"""
# Scroll the article in the Context tab to the first cited character.
CONTEXT_JS = """() => {
  const box = document.querySelector('#rag-context .rag-article');
  const mark = box && box.querySelector('mark');
  if (!mark || !box.offsetParent) return;
  box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - 60;
}"""

CSS = """
.rag-header h1 { margin: 0 0 .2em 0; font-size: 1.6em; }
.rag-header .rag-summary { color: var(--body-text-color-subdued); font-size: .95em; }
.rag-reply, .rag-context { line-height: 1.65; }
.rag-label { font-size: .8em; text-transform: uppercase; letter-spacing: .04em;
  color: var(--body-text-color-subdued); margin: .6em 0 .25em 0; }
.rag-answer-box { border-left: 3px solid var(--color-accent); padding: .1em .8em; margin-bottom: .6em; }
.rag-answer-text { margin: .2em 0; }
.rag-ref { color: var(--color-accent); font-weight: 600; margin: 0 .15em; }
.rag-nowrap { white-space: nowrap; }
.rag-passage { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .5em .75em;
  margin: .5em 0; background: var(--background-fill-secondary); }
.rag-cite { font-size: .92em; }
.rag-num { color: var(--color-accent); margin-right: .2em; }
.rag-title { font-weight: 600; }
.rag-meta, .rag-where, .rag-scores, .rag-foot, .rag-note { color: var(--body-text-color-subdued); font-size: .85em; }
.rag-where { font-family: var(--font-mono); margin-left: .3em; }
.rag-scores { margin-bottom: .3em; }
.rag-kind { font-size: .8em; border: 1px solid var(--border-color-primary); border-radius: 4px; padding: 0 .3em; }
.rag-text { white-space: normal; word-break: break-word; }
mark.rag-answer, mark.rag-cited { color: #1f2328; border-radius: 3px; padding: 0 .1em; }
mark.rag-answer { background: #ffe066; }
mark.rag-cited { background: #d6ecff; }
mark.rag-answer.rag-cited { background: #ffd43b; box-shadow: 0 0 0 1px #e8a200 inset; }
details.rag-fold summary { cursor: pointer; color: var(--color-accent); font-size: .85em; margin-top: .3em; }
.rag-message { padding: .2em 0; }
.rag-ok, .rag-error { border-left: 3px solid #2da44e; padding: .3em .7em; }
.rag-error { color: var(--error-text-color, #b42318); border-left-color: #d1242f; }
.rag-article { max-height: 70vh; overflow-y: auto; border: 1px solid var(--border-color-primary);
  border-radius: 8px; padding: .6em .9em; margin-top: .5em; }
.rag-sources table { width: 100%; border-collapse: collapse; font-size: .92em; }
.rag-sources table, .rag-sources thead, .rag-sources tbody, .rag-sources tr { border: 0 !important; }
.rag-sources th, .rag-sources td { text-align: left; padding: .35em .6em; border: 0 !important;
  border-bottom: 1px solid var(--border-color-primary) !important; }
.rag-sources th { font-weight: 600; }
.rag-sources .num { text-align: right !important; font-variant-numeric: tabular-nums; }
"""


class UploadRefused(RagError):
    """Every uploaded file was refused (type, size, empty): the message says why for each."""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _key(source: str) -> str:
    """An opaque, stable key for a source file, so the page never holds (or accepts) server paths."""
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class Backend:
    """What all sessions share: the index folder, the settings and the lock that serialises index writes.

    Every question opens the index through :func:`rag.open_index`, which returns the already opened live
    snapshot (a dictionary lookup), so a finished upload is searchable on the next question, while a
    question asked during an upload is answered from the snapshot that was live when it started.
    """

    def __init__(
        self,
        index_dir: Path | None,
        config: Config,
        *,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 2**20,
        on_status: Callable[[str], None] | None = None,
    ) -> None:
        self.config = config
        self.max_upload_bytes = max_upload_bytes
        self._write_lock = threading.Lock()
        self._catalog: tuple[Path, list[SourceRow], Summary] | None = None  # for the live snapshot
        # Loading happens here, once, before the first question: the index (built from the demo page on first
        # use of the default index), then the model, warmed by one real search.
        index = open_index(index_dir, config=config, on_status=on_status)
        self.index_dir = Path(index.path).resolve()
        if on_status is not None:
            on_status("loading the embedding model")
        # The warm-up search also loads CC-CEDICT's tables (rag.glossary: abbreviations of a Chinese
        # question, translations of an English one; ~1.3 s) and jieba's tagger for the names it asks about.
        retrieve(WARMUP_QUESTION, k=1, index=index, config=config)

    # -- reading --------------------------------------------------------------------------------------
    def index(self) -> Index:
        return open_index(self.index_dir, config=self.config)

    @property
    def upload_dir(self) -> Path:
        return self.index_dir / UPLOAD_DIR

    def _catalog_of(self, index: Index) -> tuple[list[SourceRow], Summary]:
        cached = self._catalog
        if cached is None or cached[0] != index.snapshot:
            cached = (index.snapshot, sources(index), summary(index))  # one pass over the chunks per snapshot
            self._catalog = cached
        return cached[1], cached[2]

    def sources(self) -> list[SourceRow]:
        return self._catalog_of(self.index())[0]

    def summary(self) -> Summary:
        return self._catalog_of(self.index())[1]

    def source_choices(self, rows: Sequence[SourceRow] | None = None) -> list[tuple[str, str]]:
        rows = self.sources() if rows is None else rows
        names = [r.name for r in rows]
        return [
            (r.name if names.count(r.name) == 1 else f"{r.name} ({_key(r.source)[:6]})", _key(r.source))
            for r in rows
        ]

    def source_for(self, key: str) -> str | None:
        return next((r.source for r in self.sources() if _key(r.source) == key), None)

    def summary_html(self) -> str:
        s = self.summary()
        dates = ""
        if s.first_date:
            dates = s.first_date if s.first_date == s.last_date else f"{s.first_date} – {s.last_date}"
        parts = [
            _plural(s.sources, "file"),
            _plural(s.documents, "document"),
            _plural(s.articles, "article"),
            _plural(s.chunks, "chunk"),
        ]
        if dates:
            parts.append(f"dated {dates}")
        parts.append(f"model {s.model}")
        return render.escape_text("Indexed: " + " · ".join(parts), newlines=False)

    def sources_html(self, rows: Sequence[SourceRow] | None = None) -> str:
        rows = self.sources() if rows is None else rows
        if not rows:
            return render.message_html("The index is empty: upload files below.")
        uploads = str(self.upload_dir) + "/"
        body = "".join(
            "<tr>"
            f"<td>{render.escape_text(r.name, newlines=False)}</td>"
            f"<td>{'uploaded' if r.source.startswith(uploads) else 'indexed from disk'}</td>"
            f'<td class="num">{r.documents}</td><td class="num">{r.articles}</td>'
            f'<td class="num">{r.chunks}</td><td>{render.escape_text(r.dates or "–", newlines=False)}</td>'
            "</tr>"
            for r in rows
        )
        return (
            '<div class="rag-sources"><table><thead><tr><th>File</th><th>Origin</th><th class="num">Documents</th>'
            '<th class="num">Articles</th><th class="num">Chunks</th><th>Dates</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
        )

    # -- asking ---------------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        k: int = 5,
        mode: str = "hybrid",
        *,
        source_key: str | None = None,
        source: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[Passage]:
        """:func:`rag.retrieve` on the live snapshot. ``source_key`` is a key from :meth:`source_choices`;
        ``source`` a substring of a file name or path, as for ``rag ask --source``."""
        if isinstance(k, float) and float(k).is_integer():
            k = int(k)
        if isinstance(k, int) and not isinstance(k, bool) and k > MAX_K:
            raise RagError(f"k is at most {MAX_K}, not {k}")
        if source_key:
            source = self.source_for(source_key)
            if source is None:
                raise RagError("that source is no longer in the index; pick another one")
        return retrieve(
            question,
            k=k,
            index=self.index(),
            mode=mode or None,
            config=self.config,
            source=source or None,
            date_from=(date_from or "").strip() or None,
            date_to=(date_to or "").strip() or None,
        )

    def context(self, data: dict[str, Any]) -> str:
        """The whole article around a passage (a ``Passage.to_dict()``), the cited characters marked."""
        c = dict(data["citation"])
        c["pieces"] = tuple(tuple(p) for p in c["pieces"])
        citation = Citation(**c)
        answer = Answer(**data["answer"]) if data.get("answer") else None
        index = self.index()
        doc = index.documents.get(citation.doc_id)
        if doc is None:
            return render.message_html("This passage's file has been removed from the index since.")
        text = str(data.get("text", ""))
        if any(text[o : o + e - s] != doc.text[s:e] for s, e, o in citation.pieces):
            return render.message_html("This passage's file has changed since the answer; ask again.")
        art = index.articles.get(citation.article_id)
        start, end = (art.start, art.end) if art is not None else (citation.start, citation.end)
        return render.context_html(
            doc.text, start, end, citation, answer, rank=int(data.get("rank", 0)) or None
        )

    # -- writing --------------------------------------------------------------------------------------
    def upload(
        self,
        files: Sequence[str | Path] | None,
        on_status: Callable[[str], None] | None = None,
        progress: bool = False,
    ) -> str:
        """Copy uploads into the index's ``uploads/`` folder under safe names and index them.

        Returns a short report (plain text). Raises :class:`RagError` when nothing could be indexed or when
        another upload is being indexed.
        """
        from rag.indexer import index_paths

        paths = [Path(f) for f in files or [] if f]
        if not paths:
            raise RagError("choose one or more files first (" + ", ".join(UPLOAD_SUFFIXES) + ")")
        if not self._write_lock.acquire(blocking=False):
            raise RagError("another upload is being indexed right now; try again in a moment")
        try:
            rejected: list[Rejected] = []
            stored: list[Stored] = []
            for f in paths:
                shown = f.name
                reason = check_upload(f, shown, self.max_upload_bytes)
                if reason is not None:
                    rejected.append(Rejected(shown, reason))
                    continue
                stored.append(store_upload(f, shown, self.upload_dir))
            if not stored:
                raise UploadRefused(
                    "nothing was indexed: " + "; ".join(f"{r.name}: {r.reason}" for r in rejected)
                )
            skipped: list[tuple[Path, str]] = []

            def skip(s: Any) -> None:
                skipped.append((Path(str(s.path)), str(s.reason)))

            try:
                stats = index_paths(
                    [s.path for s in stored],
                    self.index_dir,
                    config=self.config,
                    on_status=on_status,
                    on_skip=skip,
                    progress=progress,
                )
            except BaseException:
                for s in stored:  # nothing was indexed: keep no new copy
                    if not s.reused:
                        s.path.unlink(missing_ok=True)
                raise
            failed = {p.resolve() for p, _ in skipped}
            for s in stored:  # a copy that could not be read is not kept either
                if not s.reused and s.path.resolve() in failed:
                    s.path.unlink(missing_ok=True)
            self.index()  # open the new snapshot now, so the next question does not pay for it
        finally:
            self._write_lock.release()
        failed = {p.resolve() for p, _ in skipped}
        lines = [
            f"Indexed {len(stored) - len(skipped)} of {len(paths)} file(s) in {stats.seconds:.1f} s: "
            f"{stats.added} added, {stats.replaced} replaced, {stats.unchanged} unchanged; "
            f"{_plural(stats.embedded, 'chunk')} embedded. The index now holds {_plural(stats.documents, 'document')}, "
            f"{_plural(stats.articles, 'article')}, {_plural(stats.chunks, 'chunk')}; ask about them in the Ask tab."
        ]
        lines += [
            f"Stored as uploads/{s.path.name}" + (" (already uploaded)" if s.reused else "")
            for s in stored
            if s.path.resolve() not in failed
        ]
        lines += [f"Skipped {r.name}: {r.reason}" for r in rejected]
        lines += [f"Skipped {p.name}: {reason}" for p, reason in skipped]
        return "\n".join(lines)

    def remove(self, key: str | None) -> str:
        """Remove the source file with key ``key`` (from :meth:`source_choices`) from the index."""
        from rag.indexer import remove_sources

        if not key:
            raise RagError("pick a file to remove first")
        source = self.source_for(key)
        if source is None:
            raise RagError("that file is no longer in the index")
        if not self._write_lock.acquire(blocking=False):
            raise RagError("an upload is being indexed right now; try again in a moment")
        try:
            stats = remove_sources([source], self.index_dir, config=self.config)
            path = Path(source)
            if path.parent == self.upload_dir:
                path.unlink(missing_ok=True)
            self.index()
        finally:
            self._write_lock.release()
        return (
            f"Removed {Path(source).name} ({stats.removed} document(s)); "
            f"{stats.documents} documents, {stats.chunks} chunks remain."
        )


# -- the page ----------------------------------------------------------------------------------------------
class NewsApp(gr.Blocks):
    """The Blocks of the chat, holding its :class:`Backend` (for :func:`launch`, tests and embedding apps)."""

    backend: Backend


def _friendly(e: BaseException) -> str:
    """A one-line message for the chat: the user's mistake as rag words it, anything else kept generic."""
    if isinstance(e, RagError):
        return str(e)
    try:
        from embeddings import ModelError

        if isinstance(e, ModelError):
            return str(e)
    except ImportError:  # pragma: no cover
        pass
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


def build_app(
    index_dir: Path | None,
    config: Config,
    *,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 2**20,
    on_status: Callable[[str], None] | None = None,
) -> NewsApp:
    """The Gradio app over the index at ``index_dir`` (``None``: the default demo index in ``config.home``).

    The model and the index load here, once. Start it with :func:`launch` (which applies the CSS, the upload
    limit and the safety settings).
    """
    backend = Backend(index_dir, config, max_upload_bytes=max_upload_bytes, on_status=on_status)
    rows = backend.sources()
    choices = backend.source_choices(rows)

    with NewsApp(title="newsrag · cited answers from Chinese news", analytics_enabled=False) as demo:
        demo.backend = backend
        last = gr.State([])  # the passages (to_dict) of this session's last answer
        pending = gr.State("")  # the question being answered

        with gr.Column(elem_classes="rag-header"):
            gr.HTML(
                "<h1>newsrag · ask Chinese news, check every quote</h1>"
                "<div>Answers are quoted sentences from the indexed news, each with its article, byline, date "
                "and the exact characters of the source file. Questions in Chinese or English.</div>"
            )
            header = gr.HTML(f'<div class="rag-summary">{backend.summary_html()}</div>')

        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                chatbot = gr.Chatbot(
                    label="Conversation",
                    show_label=False,
                    autoscroll=False,  # SCROLL_JS shows the start of each reply instead of its end
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
                    ask_btn = gr.Button("Ask", variant="primary", scale=1, min_width=90, elem_id="rag-ask")
                examples = gr.Examples(
                    examples=[[q] for q in EXAMPLES],
                    inputs=[question],
                    label="Example questions",
                    elem_id="rag-examples",
                )
                with gr.Accordion("Search settings", open=False):
                    with gr.Row():
                        k = gr.Slider(1, MAX_K, value=min(config.k, MAX_K), step=1, label="Passages (k)")
                        mode = gr.Radio(
                            list(MODES),
                            value=config.mode if config.mode in MODES else "hybrid",
                            label="Search mode",
                            info="hybrid = meaning + keywords; dense = meaning only; keyword = BM25 only",
                        )
                    with gr.Row():
                        source = gr.Dropdown(
                            [("All files", ""), *choices],
                            value="",
                            label="Only this file",
                            allow_custom_value=False,
                        )
                        date_from = gr.Textbox(label="From date", placeholder="YYYY-MM-DD", max_lines=1)
                        date_to = gr.Textbox(label="To date", placeholder="YYYY-MM-DD", max_lines=1)

            with gr.Tab("Context", id="context") as ctx_tab:
                gr.Markdown(
                    "Pick a passage from the last answer to read its whole article, with the cited characters "
                    "marked, and check the quote for yourself."
                )
                with gr.Row():
                    ctx_choice = gr.Dropdown(
                        [], label="Passage from the last answer", scale=4, elem_id="rag-ctx-choice"
                    )
                    ctx_number = gr.Number(label="or its number", value=1, precision=0, minimum=1, scale=1)
                    ctx_btn = gr.Button("Show", scale=1, min_width=80)
                ctx_html = gr.HTML(render.message_html("Ask a question first."), elem_id="rag-context")

            with gr.Tab("Documents", id="documents"):
                sources_html = gr.HTML(backend.sources_html(rows))
                with gr.Row():
                    remove_choice = gr.Dropdown(choices, label="Remove a file from the index", scale=4)
                    remove_btn = gr.Button("Remove", variant="stop", scale=1, min_width=90)
                limit = format_size(backend.max_upload_bytes)
                files = gr.File(
                    file_count="multiple",
                    label=f"Add files ({' '.join(UPLOAD_SUFFIXES)}; up to {limit} each)",
                    elem_id="rag-upload",
                )
                upload_btn = gr.Button("Index the uploaded files", variant="primary")
                upload_status = gr.HTML("", elem_id="rag-upload-status")

        # -- handlers ----------------------------------------------------------------------------------
        def add_question(text: str, history: list[Any]) -> tuple[str, list[Any], str]:
            text = (text or "").strip()
            if not text:
                return "", history, ""
            history = history[-(MAX_HISTORY - 2) :]  # the page sends the conversation with every question
            return "", [*history, {"role": "user", "content": render.question_html(text)}], text

        def show_context(choice: str | float | None, data: list[dict[str, Any]]) -> str:
            if not data:
                return render.message_html(
                    "Ask a question first: the passages of the last answer appear here."
                )
            try:
                n = int(float(choice)) if choice not in (None, "") else 0
            except (TypeError, ValueError):
                n = 0
            item = next((d for d in data if int(d.get("rank", 0)) == n), None)
            if item is None:
                return render.message_html(f"Choose a passage number from 1 to {len(data)}.", kind="error")
            try:
                return backend.context(item)
            except Exception as e:
                return render.message_html(_friendly(e), kind="error")

        def reply(
            text: str,
            k_value: float,
            mode_value: str,
            source_key: str | None,
            date_from_value: str | None,
            date_to_value: str | None,
        ) -> tuple[str, list[Passage]]:
            """The chat reply for a question: HTML, and the passages it cites."""
            t0 = time.perf_counter()
            try:
                passages = backend.ask(
                    text,
                    int(k_value),
                    mode_value,
                    source_key=source_key or None,
                    date_from=date_from_value,
                    date_to=date_to_value,
                )
            except Exception as e:
                return render.message_html(_friendly(e), kind="error"), []
            name = (
                next((n for n, key in backend.source_choices() if key == source_key), None)
                if source_key
                else None
            )
            line = _settings_line(
                int(k_value), mode_value, name, date_from_value, date_to_value, time.perf_counter() - t0
            )
            return render.reply_html(passages, settings=line), passages

        def answer(
            text: str,
            history: list[Any],
            k_value: float,
            mode_value: str,
            source_key: str | None,
            date_from_value: str | None,
            date_to_value: str | None,
        ) -> tuple[Any, ...]:
            if not text:
                return history, gr.skip(), gr.skip(), gr.skip()
            html, passages = reply(text, k_value, mode_value, source_key, date_from_value, date_to_value)
            history = [*history, {"role": "assistant", "content": html}]
            if not passages:
                return history, gr.skip(), gr.skip(), gr.skip()
            data = [p.to_dict() for p in passages]
            menu = gr.update(
                choices=[(render.passage_label(p), str(p.rank)) for p in passages],
                value=str(passages[0].rank),
            )
            return history, data, menu, show_context(passages[0].rank, data)

        def ask_html(
            question: str, k: int = 5, mode: str = "hybrid", date_from: str = "", date_to: str = ""
        ) -> str:
            """The chat's reply to a question as HTML (what the page shows); /retrieve gives the data."""
            return reply(question, k, mode, None, date_from, date_to)[0]

        gr.api(ask_html, api_name="ask_html", concurrency_id="search", api_visibility="undocumented")

        chat_inputs = [pending, chatbot, k, mode, source, date_from, date_to]
        chat_outputs = [chatbot, last, ctx_choice, ctx_html]
        # Typing, the button and an example all run the same chain: show the question, answer, scroll.
        for trigger in (question.submit, ask_btn.click, examples.load_input_event.then):
            trigger(
                add_question,
                [question, chatbot],
                [question, chatbot, pending],
                queue=False,
                api_visibility="private",
            ).then(answer, chat_inputs, chat_outputs, concurrency_id="search", api_visibility="private").then(
                None, js=SCROLL_JS, api_visibility="private"
            )

        ctx_choice.input(show_context, [ctx_choice, last], ctx_html, api_visibility="private").then(
            None, js=CONTEXT_JS, api_visibility="private"
        )
        ctx_btn.click(show_context, [ctx_number, last], ctx_html, api_visibility="private").then(
            None, js=CONTEXT_JS, api_visibility="private"
        )
        ctx_number.submit(show_context, [ctx_number, last], ctx_html, api_visibility="private").then(
            None, js=CONTEXT_JS, api_visibility="private"
        )
        ctx_tab.select(None, js=CONTEXT_JS, api_visibility="private")

        def refresh() -> tuple[str, str, Any, Any]:
            rows = backend.sources()
            choices = backend.source_choices(rows)
            return (
                f'<div class="rag-summary">{backend.summary_html()}</div>',
                backend.sources_html(rows),
                gr.update(choices=[("All files", ""), *choices]),
                gr.update(choices=choices, value=None),
            )

        page_outputs = [header, sources_html, source, remove_choice]

        def upload(
            paths: list[str] | None,
            progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008
        ) -> tuple[Any, ...]:
            def status(message: str) -> None:
                progress(None, desc=message)

            progress(0, desc="copying the uploads")
            try:
                report = backend.upload(paths, on_status=status, progress=True)
            except Exception as e:
                return (
                    render.message_html(_friendly(e), kind="error"),
                    gr.skip(),
                    gr.skip(),
                    gr.skip(),
                    gr.skip(),
                    None if isinstance(e, UploadRefused) else gr.skip(),  # refused files cannot be retried
                )
            return (render.message_html(report, kind="ok"), *refresh(), None)

        upload_btn.click(
            upload,
            [files],
            [upload_status, *page_outputs, files],
            api_name="upload",
            concurrency_id="index-writer",
            concurrency_limit=1,
        )

        def remove(key: str | None) -> tuple[Any, ...]:
            try:
                report = backend.remove(key)
            except Exception as e:
                return (
                    render.message_html(_friendly(e), kind="error"),
                    gr.skip(),
                    gr.skip(),
                    gr.skip(),
                    gr.skip(),
                )
            return (render.message_html(report, kind="ok"), *refresh())

        remove_btn.click(
            remove,
            [remove_choice],
            [upload_status, *page_outputs],
            api_name="remove_source",
            concurrency_id="index-writer",
            concurrency_limit=1,
        )
        demo.load(refresh, None, page_outputs, api_visibility="private")

        def retrieve_passages(
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
            end, pieces, url}. mode: hybrid, dense or keyword; source: part of a file name; dates YYYY-MM-DD."""
            try:
                passages = backend.ask(
                    question, k, mode, source=source or None, date_from=date_from, date_to=date_to
                )
            except Exception as e:
                raise gr.Error(_friendly(e), print_exception=False) from None
            return [p.to_dict() for p in passages]

        gr.api(retrieve_passages, api_name="retrieve", concurrency_id="search")

    # A bounded queue: QUEUE_CONCURRENCY questions run at once, the rest wait their turn (up to QUEUE_MAX_SIZE).
    demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return demo


# -- starting ----------------------------------------------------------------------------------------------
def parse_auth(auth: str | None, auth_file: str | Path | None) -> list[tuple[str, str]]:
    """Credentials from ``--auth USER:PASSWORD`` and/or ``--auth-file`` (one ``USER:PASSWORD`` a line)."""
    lines: list[tuple[str, str]] = []
    if auth:
        lines.append(("--auth", auth))
    if auth_file:
        path = Path(auth_file).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise RagError(f"cannot read the auth file {path}: {e.strerror or e}") from None
        lines += [
            (f"{path}:{n}", line.strip())
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
        if not any(where.startswith(str(path)) for where, _ in lines):
            raise RagError(f"the auth file {path} holds no USER:PASSWORD line")
    out: list[tuple[str, str]] = []
    for where, line in lines:
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise RagError(f"{where}: give credentials as USER:PASSWORD")
        out.append((user.strip(), password))
    return out


def _blocked_paths(backend: Backend, config: Config) -> list[str]:
    paths = {backend.index_dir, config.home.expanduser(), config.model_cache.expanduser()}
    shared = Path(__file__).resolve().parents[2] / "shared"
    if shared.is_dir():
        paths.add(shared)
    return sorted(str(p.resolve()) for p in paths)


def launch(
    demo: NewsApp,
    *,
    host: str = "127.0.0.1",
    port: int | None = 7860,
    auth: Sequence[tuple[str, str]] | None = None,
    max_upload_bytes: int | None = None,
    config: Config | None = None,
    quiet: bool = True,
) -> str:
    """Start ``demo`` (from :func:`build_app`) without blocking and return its local URL.

    Never shared; bound to ``host`` (loopback by default); a bounded queue; the upload limit enforced by
    Gradio before a byte reaches the handlers (and checked again by them); the index, data and model
    folders blocked from Gradio's file serving, and no extra allowed paths.
    """
    backend = demo.backend
    config = config or backend.config
    limit = max_upload_bytes if max_upload_bytes is not None else backend.max_upload_bytes
    try:
        _, local_url, _ = demo.launch(
            server_name=host,
            server_port=port,
            share=False,
            auth=list(auth) if auth else None,
            auth_message="newsrag: sign in" if auth else None,
            prevent_thread_lock=True,
            max_file_size=limit,
            blocked_paths=_blocked_paths(backend, config),
            allowed_paths=None,
            show_error=False,
            quiet=quiet,
            ssr_mode=False,
            mcp_server=False,
            pwa=False,
            footer_links=["api", "settings"],
            css=CSS,
        )
    except OSError:
        raise RagError(
            f"cannot listen on {host}:{port}: the port is in use; choose another with --port"
        ) from None
    return str(local_url)


def check_port(host: str, port: int) -> None:
    """Fail at once (not after loading the model) when ``host:port`` cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            what = "the port is in use" if e.errno == errno.EADDRINUSE else (e.strerror or str(e))
            raise RagError(
                f"cannot listen on {host}:{port}: {what}; choose another with --port / --host"
            ) from None


def exposure_warning(host: str, has_auth: bool) -> str | None:
    """The start-up warning for a server reachable from other machines without a password."""
    if host in LOOPBACK or has_auth:
        return None
    return (
        f"WARNING: listening on {host} without a password: anyone who can reach this machine can ask "
        "questions, upload and remove documents. Add --auth USER:PASSWORD or --auth-file FILE."
    )


def _say(message: str) -> None:
    print(f"rag: {message}", file=sys.stderr, flush=True)


def serve(
    index: Path | None,
    host: str,
    port: int,
    auth: str | None,
    auth_file: str | None,
    config: Config,
) -> int:
    """``rag serve``: load everything, print the URL, and serve until Ctrl+C."""
    credentials = parse_auth(auth, auth_file)
    check_port(host, port)
    _say("loading the index and the model (once, before the first question)")
    t0 = time.perf_counter()
    demo = build_app(index, config, on_status=_say)
    backend = demo.backend
    url = launch(demo, host=host, port=port, auth=credentials, config=config)
    s = backend.summary()
    _say(
        f"ready in {time.perf_counter() - t0:.1f} s: {_plural(s.documents, 'document')}, "
        f"{_plural(s.articles, 'article')}, {_plural(s.chunks, 'chunk')} from {backend.index_dir}; "
        f"uploads up to {format_size(backend.max_upload_bytes)} per file"
    )
    warning = exposure_warning(host, bool(credentials))
    if warning:
        _say(warning)
    shown = url if host not in ("0.0.0.0", "::") else url.replace(host, "127.0.0.1")
    print(f"Open {shown} in your browser (Ctrl+C to stop)", flush=True)
    try:
        demo.block_thread()
    except KeyboardInterrupt:  # pragma: no cover - block_thread handles it; kept for older Gradio
        demo.close()
    return 0
