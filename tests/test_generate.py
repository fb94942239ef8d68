"""Written answers (rag.generate) against a small OpenAI-compatible server started here on 127.0.0.1.

The server speaks the protocol (POST /v1/chat/completions, JSON or server-sent events) and answers with
fixed text chosen by the request's model name, so these tests check the client, its errors and the citation
checks; they say nothing about how well any real model answers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

import rag
from rag.llm import build_messages

ANSWER = "浙江建立了容错纠错机制[1]。它从2016年开始实施。[2]"
REPLIES = {
    "good": ANSWER,
    "cites-nine": "浙江建立了容错纠错机制[1]。江苏也在试行[9]。",
    "unmarked": "浙江建立了容错纠错机制[1]。这是一项重要改革。",
    "rewriter": "江苏的容错纠错机制是如何运作的？",
}
SLOW_SECONDS = 3.0


class _Handler(BaseHTTPRequestHandler):
    """One chat completion per request; the model name picks the behaviour."""

    requests: ClassVar[list[dict[str, Any]]] = []
    go_on = threading.Event()  # the "held" model sends its first piece, then waits for the test

    def log_message(self, *args: Any) -> None:  # keep the test output clean
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Handler.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        model = body["model"]
        if self.path != "/v1/chat/completions":
            return self._send(404, "application/json", b'{"error": {"message": "no such route"}}')
        if model == "broken":
            return self._send(500, "application/json", b'{"error": {"message": "model crashed"}}')
        if model == "not-json":
            return self._send(200, "application/json", b"<html>proxy error</html>")
        if model == "slow":
            time.sleep(SLOW_SECONDS)
        text = REPLIES.get(model, ANSWER)
        try:
            if not body.get("stream"):
                reply = {"choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]}
                return self._send(200, "application/json", json.dumps(reply).encode())
            self._stream(text, held=model == "held")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def _send(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, text: str, held: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.wfile.write(b": keep-alive\n\n")
        first = {"choices": [{"index": 0, "delta": {"role": "assistant"}}]}
        self.wfile.write(f"data: {json.dumps(first)}\n\n".encode())
        for i in range(0, len(text), 4):
            self.wfile.write(f"data: {json.dumps(_delta(text[i : i + 4]), ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
            if held and i == 0:
                released = _Handler.go_on.wait(10)
                self.wfile.write(f"data: {json.dumps(_delta(f'released={released}'))}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")


def _delta(text: str) -> dict[str, Any]:
    return {"choices": [{"index": 0, "delta": {"content": text}}]}


@pytest.fixture(scope="module")
def llm_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _passages(n: int = 5) -> list[rag.Passage]:
    citation = rag.Citation(
        "d", "a", "/news.txt", "news.txt", "容错纠错", None, None, "2024-03-29", None, "article", 0, 10, ()
    )
    return [rag.Passage(f"第{i}段：浙江的容错纠错机制。", 1.0 / i, i, citation) for i in range(1, n + 1)]


def _config(url: str, model: str = "good", **kw: Any) -> rag.Config:
    return rag.Config.from_env(env={}, llm_url=url, llm_model=model, **kw)


def test_streamed_answer_arrives_in_pieces(llm_url: str) -> None:
    pieces = list(
        rag.generate("浙江的容错纠错机制是如何运作的？", _passages(), _config(llm_url, llm_key="sk-x"))
    )
    assert len(pieces) > 1 and "".join(pieces) == ANSWER
    sent = _Handler.requests[-1]
    assert sent["body"]["stream"] is True and sent["auth"] == "Bearer sk-x"
    assert sent["body"]["messages"][1]["content"].count("第") == 5  # the five passages, numbered


def test_the_first_pieces_arrive_before_the_answer_is_finished(llm_url: str) -> None:
    """The server holds the rest of its answer until the test has read the first piece: a client that
    waited for the whole answer would only see the server give up waiting (released=False)."""
    pieces = rag.generate("浙江？", _passages(), _config(llm_url, "held"))
    assert next(pieces) == ANSWER[:4]
    _Handler.go_on.set()
    assert "released=True" in "".join(pieces)


def test_non_streamed_answer(llm_url: str) -> None:
    assert list(rag.generate("浙江？", _passages(), _config(llm_url), stream=False)) == [ANSWER]
    assert _Handler.requests[-1]["body"]["stream"] is False and _Handler.requests[-1]["auth"] is None


def test_a_slow_server_times_out_with_one_line(llm_url: str) -> None:
    t0 = time.perf_counter()
    with pytest.raises(rag.GenerationError, match=r"did not answer \(timeout after 0.5 s\)"):
        list(rag.generate("浙江？", _passages(), _config(llm_url, "slow", llm_timeout=0.5)))
    assert time.perf_counter() - t0 < SLOW_SECONDS


def test_http_error_status(llm_url: str) -> None:
    with pytest.raises(rag.GenerationError, match=r"HTTP 500 \(model crashed\)$"):
        list(rag.generate("浙江？", _passages(), _config(llm_url, "broken")))
    with pytest.raises(rag.GenerationError, match="HTTP 404"):
        list(rag.generate("浙江？", _passages(), _config(llm_url.removesuffix("/v1"))))


def test_bad_json_and_unreachable_server(llm_url: str) -> None:
    with pytest.raises(rag.GenerationError, match="not JSON"):
        list(rag.generate("浙江？", _passages(), _config(llm_url, "not-json"), stream=False))
    with pytest.raises(
        rag.GenerationError, match=r"cannot reach the language model at http://127\.0\.0\.1:9/"
    ):
        list(rag.generate("浙江？", _passages(), _config("http://u:secret@127.0.0.1:9/v1")))


def test_citing_a_passage_that_was_not_given_is_flagged(llm_url: str) -> None:
    text = "".join(rag.generate("浙江？", _passages(5), _config(llm_url, "cites-nine")))
    first, second = rag.check_citations(text, 5)
    assert (first.markers, first.invalid, first.flagged) == ((1,), (), False)
    assert (second.markers, second.invalid, second.flagged) == ((9,), (9,), True)


def test_a_sentence_without_a_marker_is_flagged(llm_url: str) -> None:
    text = "".join(rag.generate("浙江？", _passages(), _config(llm_url, "unmarked")))
    assert [(s.text, s.flagged) for s in rag.check_citations(text, 5)] == [
        ("浙江建立了容错纠错机制[1]。", False),
        ("这是一项重要改革。", True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("机制[1]。开始。[2][3]", [(1,), (2, 3)]),
        ("Officials are protected [1, 2]. It costs 3.5 million yuan.\n[4]", [(1, 2), (4,)]),
        ("- 江苏也有类似做法。【3】\n1. Second point [2-4].", [(3,), (2, 3, 4)]),
        ("No marker here", [()]),
        ("Cites zero [0].", [(0,)]),
    ],
)
def test_check_citations_reads_marker_forms(text: str, expected: list[tuple[int, ...]]) -> None:
    sentences = rag.check_citations(text, 5)
    assert [s.markers for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert rag.check_citations("Cites zero [0].", 5)[0].invalid == (0,)


def test_the_prompt_follows_the_question_language() -> None:
    zh = build_messages("浙江的容错纠错机制是如何运作的？", _passages(2))
    en = build_messages("How does Zhejiang protect officials?", _passages(2))
    assert "只根据" in zh[0]["content"] and "[1]" in zh[1]["content"] and "[2]" in zh[1]["content"]
    assert "only from the numbered passages" in en[0]["content"]


def test_config_reads_the_llm_settings_and_hides_the_key() -> None:
    env = {"RAG_LLM_URL": "http://127.0.0.1:11434/v1", "RAG_LLM_KEY": "sk-secret", "RAG_LLM_TIMEOUT": "12.5"}
    config = rag.Config.from_env(env=env)
    assert (config.llm_url, config.llm_key, config.llm_timeout) == (
        "http://127.0.0.1:11434/v1",
        "sk-secret",
        12.5,
    )
    assert "sk-secret" not in repr(config)
    assert rag.Config.from_env(env={}).llm_url is None
    with pytest.raises(rag.InputError, match="llm_url"):
        rag.Config.from_env(env={}, llm_url="127.0.0.1:11434")
    with pytest.raises(rag.InputError, match="llm_timeout"):
        rag.Config.from_env(env={}, llm_timeout=0)


# -- the chat: the written answer streams into the reply, and a failure leaves the quoted one ---------------
@pytest.fixture(scope="module")
def chat(demo_index_dir: Any, llm_url: str) -> Any:
    from ui.service import ChatService

    return ChatService(demo_index_dir, _config(llm_url, llm_timeout=0.5))


def _with_model(chat: Any, model: str) -> Any:
    chat.config = chat.config.with_(llm_model=model)
    return chat


def test_chat_streams_a_written_answer_with_linked_markers(chat: Any) -> None:
    from ui import render

    turn = _with_model(chat, "cites-nine").converse("浙江的容错纠错机制是如何运作的？")
    drafts = list(chat.draft("浙江的容错纠错机制是如何运作的？", turn.passages))
    assert drafts[-1].done and drafts[-1].note is None and all(not d.done for d in drafts[:-1])
    box = render.written_html(drafts[-1].text, turn.passages, done=True)
    assert 'class="rag-ref"' in box and 'class="rag-ref rag-ref-bad"' in box  # [1] linked, [9] struck
    assert box.count('<mark class="rag-unbacked"') == 2  # the [9] sentence, and the note's sample mark
    assert turn.passages[0].citation.title[:8] in box  # [1] carries its passage's title


def test_the_written_answer_takes_the_quoted_answers_place(chat: Any) -> None:
    from ui.layout import _Handlers

    h = _Handlers(_with_model(chat, "good"))
    question = "浙江的容错纠错机制是如何运作的？"
    quoted, passages = h.reply(question, 5, "hybrid", None, None, None, [question])
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": quoted}]
    shown = [
        m[-1]["content"] for m in h.write(question, history, [p.to_dict() for p in passages], [question])
    ]
    assert "(writing)" in shown[0] and "(writing)" not in shown[-1]
    assert "Answer written by the language model" in shown[-1] and "Answer, quoted from" not in shown[-1]
    assert "rag-unbacked" not in shown[-1] and shown[-1].count("rag-passage") == quoted.count("rag-passage")


@pytest.mark.parametrize(
    ("model", "note"),
    [
        ("slow", "the language model did not answer (timeout after 0.5 s); quoted from the sources instead"),
        (
            "broken",
            "the language model server answered HTTP 500 (model crashed); quoted from the sources instead",
        ),
    ],
)
def test_chat_falls_back_to_the_quoted_reply(chat: Any, model: str, note: str) -> None:
    from ui.layout import _Handlers

    h = _Handlers(_with_model(chat, model))
    question = "浙江的容错纠错机制是如何运作的？"
    quoted, passages = h.reply(question, 5, "hybrid", None, None, None, [question])
    assert [d.note for d in chat.draft(question, passages)] == [note]
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": quoted}]
    shown = list(h.write(question, history, [p.to_dict() for p in passages], [question]))
    html = shown[-1][-1]["content"]
    assert "quoted from the sources instead." in html and "Answer, quoted from the sources" in html
    assert (
        html.replace(html[html.index('<div class="rag-message') : html.index("instead.</div>") + 14], "")
        == quoted
    )


def test_a_configured_model_rewrites_follow_ups_and_the_rules_take_over_when_it_fails(
    llm_url: str, demo_index: Any
) -> None:
    """With a model configured, a follow-up is made standalone by it (the server sees the conversation);
    when the model fails, the rule-based rewrite is used and the reply says why in one line."""
    history = ["浙江的容错纠错机制是如何运作的？"]
    _Handler.requests.clear()
    reply = rag.ask("那江苏呢？", k=3, index=demo_index, history=history, config=_config(llm_url, "rewriter"))
    assert reply.searched_for == "江苏的容错纠错机制是如何运作的？"
    sent = _Handler.requests[-1]["body"]
    assert sent["stream"] is False and "那江苏呢？" in sent["messages"][-1]["content"]
    assert history[0] in sent["messages"][-1]["content"]
    failed = rag.ask("那江苏呢？", k=3, index=demo_index, history=history, config=_config(llm_url, "broken"))
    assert failed.searched_for == rag.rewrite("那江苏呢？", history)
    assert failed.note and "rewritten by rule" in failed.note and "\n" not in failed.note
