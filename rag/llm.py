"""Optional written answers: an OpenAI-compatible language model answers from the retrieved passages only.

The quoted answer (sentences copied from the passages) needs nothing and stays the default. When
``Config.llm_url`` names an OpenAI-compatible server (Ollama, vLLM, a llama.cpp server, a hosted API),
:func:`generate` sends it the question and the numbered passages and streams back its answer, which must cite
a passage number ``[n]`` after every sentence. A model can still cite a passage it was not given or write a
sentence from its own memory, so :func:`check_citations` splits the answer into sentences and flags each one
that cites nothing, or cites a number outside the passages: the reader sees which claims are backed.

Every failure (server unreachable, an HTTP error status, a timeout, a reply that is not the protocol's JSON)
is a :class:`GenerationError` with a one-line message, so a caller can fall back to the quoted answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

import httpx

from rag.config import Config
from rag.errors import InputError, RagError
from rag.passage import Passage

__all__ = ["CitedSentence", "GenerationError", "build_messages", "check_citations", "generate"]

TEMPERATURE = 0.0
"""The model should restate the passages, not vary them; 0 is accepted by Ollama, vLLM and llama.cpp."""
MAX_PASSAGE_CHARS = 1200
"""A passage is cut to this many characters in the prompt, so k=20 passages still fit a small context."""

_SYSTEM_ZH = (
    "你是新闻问答助手。只根据下面编号的新闻段落回答问题，不要使用段落以外的知识。"
    "每一句话后面都要用方括号标出依据的段落编号，例如[1]或[2][3]；只能引用给出的编号。"
    "如果这些段落不能回答问题，就直接说明“所给新闻没有回答这个问题”。用中文回答，简洁。"
)
_SYSTEM_EN = (
    "You answer questions about news. Answer only from the numbered passages below, never from other "
    "knowledge. After every sentence, cite the passage numbers it rests on in square brackets, like [1] or "
    "[2][3]; cite only the numbers given. If the passages do not answer the question, say so plainly. "
    "Answer in the language of the question, briefly."
)
_CJK = re.compile(r"[\u3400-\u9fff]")


class GenerationError(RagError):
    """The language model did not answer: unreachable, an HTTP error, a timeout, or a malformed reply."""


class CitedSentence(NamedTuple):
    """One sentence of a written answer: ``text[start:end]`` of the answer, the passage numbers it cites
    (``markers``, in order), those among them that name no given passage (``invalid``), and where each
    marker sits in the answer (``spans``, ``(start, end)``), so a display can replace them by links."""

    text: str
    start: int
    end: int
    markers: tuple[int, ...]
    invalid: tuple[int, ...]
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def flagged(self) -> bool:
        """Not backed by a given passage: it cites nothing, or a number outside the passages."""
        return not self.markers or bool(self.invalid)


def build_messages(question: str, passages: Sequence[Passage]) -> list[dict[str, str]]:
    """The chat messages: the rules (in the question's language) and the passages numbered 1..n."""
    chinese = bool(_CJK.search(question))
    blocks = []
    for n, p in enumerate(passages, 1):
        c = p.citation
        head = " · ".join(x for x in (c.title, c.date, c.byline) if x)
        text = p.text if len(p.text) <= MAX_PASSAGE_CHARS else p.text[:MAX_PASSAGE_CHARS] + "…"
        blocks.append(f"[{n}] {head}\n{text.strip()}")
    label = ("新闻段落", "问题") if chinese else ("Passages", "Question")
    user = f"{label[0]}:\n\n" + "\n\n".join(blocks) + f"\n\n{label[1]}: {question.strip()}"
    return [
        {"role": "system", "content": _SYSTEM_ZH if chinese else _SYSTEM_EN},
        {"role": "user", "content": user},
    ]


def generate(
    question: str, passages: Sequence[Passage], config: Config | None = None, *, stream: bool = True
) -> Iterator[str]:
    """The model's answer to ``question`` from ``passages`` (numbered 1..n in the order given), as pieces
    of text in the order they arrive (``stream=False``: the whole answer as one piece, when the server
    sent it). Raises :class:`GenerationError` when the model does not answer within ``config.llm_timeout``
    seconds (per wait: connecting, the first piece, each next piece) or answers outside the protocol."""
    config = config or Config.from_env()
    if not config.llm_url:
        raise InputError("no language model is configured: set RAG_LLM_URL (e.g. http://127.0.0.1:11434/v1)")
    if not passages:
        raise InputError("a written answer needs at least one passage to answer from")
    body = {
        "model": config.llm_model,
        "messages": build_messages(question, passages),
        "temperature": TEMPERATURE,
        "stream": stream,
    }
    headers = {"Authorization": f"Bearer {config.llm_key}"} if config.llm_key else {}
    url = config.llm_url.rstrip("/") + "/chat/completions"
    try:
        with httpx.stream("POST", url, json=body, headers=headers, timeout=config.llm_timeout) as response:
            _check_status(response)
            if stream and "text/event-stream" in response.headers.get("content-type", ""):
                yield from _events(response)
            else:  # a server that ignores "stream" answers with one JSON object
                yield _message(_json(response.read().decode("utf-8", "replace")))
    except httpx.TimeoutException:
        raise GenerationError(
            f"the language model did not answer (timeout after {config.llm_timeout:g} s)"
        ) from None
    except httpx.HTTPError as e:
        reason = str(e).strip() or type(e).__name__
        raise GenerationError(f"cannot reach the language model at {_shown(url)} ({reason})") from None


_REWRITE_SYSTEM = (
    "You rewrite the last question of a conversation about news into one standalone question that can be "
    "searched without the conversation: keep its language, put back the people, places, things and dates "
    "it leans on, change nothing else. Answer with the question only."
)


def rewrite_question(question: str, history: Sequence[str], config: Config) -> str:
    """``question`` made standalone by the configured model from the earlier questions (newest last), or
    :class:`GenerationError`; :func:`rag.ask` falls back to the rule-based :func:`rag.rewrite` then."""
    turns = "\n".join(f"{i}. {q}" for i, q in enumerate([*history, question], 1))
    messages = [{"role": "system", "content": _REWRITE_SYSTEM}, {"role": "user", "content": turns}]
    body = {"model": config.llm_model, "messages": messages, "temperature": TEMPERATURE, "stream": False}
    headers = {"Authorization": f"Bearer {config.llm_key}"} if config.llm_key else {}
    url = (config.llm_url or "").rstrip("/") + "/chat/completions"
    try:
        response = httpx.post(url, json=body, headers=headers, timeout=config.llm_timeout)
        _check_status(response)
        text = _message(_json(response.text)).strip().splitlines()
    except httpx.TimeoutException:
        raise GenerationError(
            f"the language model did not rewrite the question (timeout after {config.llm_timeout:g} s)"
        ) from None
    except httpx.HTTPError as e:
        raise GenerationError(f"cannot reach the language model at {_shown(url)} ({e})") from None
    if not text or not text[0].strip() or len(text[0]) > 4 * len(" ".join([*history, question])) + 40:
        raise GenerationError("the language model's rewrite was empty or not a question")
    return text[0].strip()


def _shown(url: str) -> str:
    """The URL without any user:password part, for messages."""
    parts = urlsplit(url)
    host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=host))


def _check_status(response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    detail = response.read().decode("utf-8", "replace").strip()
    try:
        err = json.loads(detail).get("error", detail)
        detail = str(err.get("message", err) if isinstance(err, dict) else err)
    except (ValueError, AttributeError):
        pass
    hint = "; check RAG_LLM_KEY" if response.status_code in (401, 403) else ""
    detail = " ".join(detail.split())[:200]
    raise GenerationError(
        f"the language model server answered HTTP {response.status_code}"
        + (f" ({detail})" if detail else "")
        + hint
    )


def _json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        raise GenerationError(f"the language model sent a reply that is not JSON: {text[:80]!r}") from None
    if not isinstance(data, dict):
        raise GenerationError(f"the language model sent unexpected JSON: {text[:80]!r}")
    if "error" in data:  # some servers report a failure inside the stream, after a 200 status
        err = data["error"]
        detail = str(err.get("message", err) if isinstance(err, dict) else err)
        raise GenerationError(f"the language model reported an error: {' '.join(detail.split())[:200]}")
    return data


def _message(data: dict[str, Any]) -> str:
    """The text of a non-streamed reply (``choices[0].message.content``)."""
    try:
        return str(data["choices"][0]["message"]["content"] or "")
    except (KeyError, IndexError, TypeError):
        raise GenerationError("the language model's reply has no choices[0].message.content") from None


def _events(response: httpx.Response) -> Iterator[str]:
    """The text pieces of a server-sent event stream: ``data: {...}`` lines up to ``data: [DONE]``."""
    for line in response.iter_lines():
        if not line.startswith("data:"):
            continue  # blank lines, ": keep-alive" comments, "event:" lines
        payload = line[5:].strip()
        if payload == "[DONE]":
            return
        data = _json(payload)
        try:
            piece = data["choices"][0].get("delta", {}).get("content") if data.get("choices") else None
        except (AttributeError, IndexError, TypeError):
            raise GenerationError("the language model sent a stream event without choices[0].delta") from None
        if piece:
            yield str(piece)


_END = r"[。！？!?；;]|\.(?=\s|$|\[|【)"
_MARKER = r"[\[【]\s*\d+(?:\s*[,，、-]\s*\d+)*\s*[\]】]"
# A sentence ends at its punctuation and any closing quotes, taking the markers that follow it.
_BOUNDARY = re.compile(rf"(?:{_END})+[”’」』）)\"']*(?:\s*{_MARKER})*")
_BULLET = re.compile(r"\s*(?:[-*•]|\d{1,2}[.)、])\s+")


def check_citations(text: str, n_passages: int) -> list[CitedSentence]:
    """``text`` split into sentences (at closing punctuation and line ends; a list bullet is no sentence),
    each with the passage numbers it cites; a number below 1 or above ``n_passages`` is invalid. A marker
    may sit before or after the closing punctuation (「…机制[1]。」, 「…机制。[1]」) and may list numbers
    (``[1, 2]``, ``[1][2]``, ``【1】``, ``[2-4]``); a line of markers alone belongs to the sentence before."""
    out: list[CitedSentence] = []

    def add(a: int, b: int) -> None:
        piece = text[a:b]
        a, b = a + len(piece) - len(piece.lstrip()), a + len(piece.rstrip())
        if a >= b:
            return
        markers = _numbers(text[a:b])
        spans = tuple((a + m.start(), a + m.end()) for m in re.finditer(_MARKER, text[a:b]))
        if out and not re.search(r"\w", re.sub(_MARKER, "", text[a:b])):
            prev = out.pop()  # markers with no words of their own
            a, markers, spans = prev.start, (*prev.markers, *markers), (*prev.spans, *spans)
        invalid = tuple(x for x in markers if not 1 <= x <= n_passages)
        out.append(CitedSentence(text[a:b], a, b, markers, invalid, spans))

    for line in re.finditer(r"[^\n]+", text):
        bullet = _BULLET.match(text, line.start(), line.end())
        pos = bullet.end() if bullet else line.start()
        for m in _BOUNDARY.finditer(text, pos, line.end()):
            add(pos, m.end())
            pos = m.end()
        add(pos, line.end())
    return out


def _numbers(raw: str) -> tuple[int, ...]:
    """The passage numbers of every marker in ``raw``, each once, in order (a range ``[2-4]`` expanded)."""
    found: list[int] = []
    for marker in re.findall(_MARKER, raw):
        for a, dash, b in re.findall(r"(\d+)(?:\s*(-)\s*(\d+))?", marker):
            lo, hi = int(a), int(b) if dash else int(a)
            found.extend(range(lo, hi + 1) if 0 <= hi - lo <= 20 else (lo, hi))
    return tuple(dict.fromkeys(found))
