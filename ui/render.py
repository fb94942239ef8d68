"""Passages -> HTML for the chat: escaped text, the answering sentence marked, long passages folded.

Everything that comes from a document (text, titles, bylines, file names) is untrusted. It goes through
:func:`escape_text`, which escapes HTML *and* turns every character that Markdown, LaTeX or an autolinker
could act on into a numeric character reference, so ``<script>``, ``<img onerror=…>`` and
``[x](javascript:…)`` show as the literal text they are. The chat renders Markdown + HTML; every fragment
made here is one line of HTML (newlines become ``<br>``), so the whole reply is a single HTML block that the
Markdown renderer passes through without interpreting anything inside it. Gradio's own sanitiser runs on
top of this; it is a second fence, not the first.

Nothing here generates text of its own about the content: the extractive answer is the top passages'
answering sentences, verbatim, each followed by its passage number.
"""

from __future__ import annotations

import base64
import html
import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rag import Answer, Citation, Passage, check_citations

if TYPE_CHECKING:
    from rag import CitedSentence, SourceRow, Summary

__all__ = [
    "ANSWER_PASSAGES",
    "FOLD_CHARS",
    "AnswerPart",
    "answer_parts",
    "context_html",
    "escape_text",
    "is_reply",
    "message_html",
    "passage_card",
    "passage_label",
    "plural",
    "question_html",
    "render_marked",
    "reply_html",
    "safe_url",
    "sources_html",
    "summary_html",
    "with_written",
    "written_html",
]

FOLD_CHARS = 360
"""Passages longer than this show an excerpt around the answer; the whole passage folds under it."""
EXCERPT_RADIUS = 110
ANSWER_PASSAGES = 5
"""How many of the top passages may contribute a sentence to the extractive answer ..."""
ANSWER_SENTENCES = 3
"""... and how many sentences it holds at most."""
ANSWER_MAX_CHARS = 420
ANSWER_MARGIN = 0.06
"""A passage's sentence joins the answer when it scores within this of the best sentence."""
NOT_ANSWERED = "Nothing in the indexed news answers this; the closest passages are below."
NOT_ANSWERS = ("advert", "notice")
"""Kinds of records that are shown as sources but never quoted as the answer."""

# Characters that Markdown (links, images, emphasis, code, headings, tables, strike-through), the LaTeX
# renderer ($), autolinkers (:) or template syntax ({ }) could act on. html.escape handles & < > " '.
_MARKDOWN_CHARS = "\\`*_[]()!#~|$:{}+=-"
# One pass over the text, so an entity made for one character is never escaped again by another rule.
_ENTITY = {ord(c): f"&#{ord(c)};" for c in _MARKDOWN_CHARS} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#39;",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def escape_text(text: str, *, newlines: bool = True) -> str:
    """``text`` as inert HTML: every tag, entity and Markdown/LaTeX trigger shown as the literal characters.

    Newlines become ``<br>`` (``newlines=False``: a space), so the result is one line of HTML.
    """
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = text.translate(_ENTITY)
    return out.replace("\n", "<br>" if newlines else " ")


def safe_url(url: str | None) -> str | None:
    """An escaped ``http(s)`` URL for an ``href``, or ``None`` for anything else (``javascript:``, data:)."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s\"'<>`]+$", url, re.IGNORECASE):
        return None
    return html.escape(url, quote=True)


def render_marked(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` escaped, with each ``(start, end, css_class)`` span wrapped in ``<mark class=…>``.

    Spans may overlap: the text is cut at every span boundary and each piece is marked with the classes of
    all spans covering it, so marks never nest and the tags always balance.
    """
    spans = [(max(0, a), min(len(text), b), c) for a, b, c in spans if b > a]
    spans = [(a, b, c) for a, b, c in spans if b > a]
    if not spans:
        return escape_text(text)
    cuts = sorted({0, len(text), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = escape_text(text[a:b])
        classes = sorted({c for s, e, c in spans if s <= a and b <= e})
        if classes and text[a:b].strip():
            out.append(f'<mark class="{" ".join(classes)}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


class AnswerPart(NamedTuple):
    """One sentence of the extractive answer: verbatim from passage ``rank``."""

    rank: int
    text: str


def _flatten(sentence: str) -> str:
    """Join a sentence's lines: nothing between two Chinese characters, one space between Latin words."""

    def join(m: re.Match[str]) -> str:
        before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
        return " " if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()) else ""

    return re.sub(r"\s*\n\s*", join, sentence.strip())


_SENTENCE_END = re.compile(r"[。！？!?.…;；][”’」』）)\"'\s]*$")


def _is_sentence(text: str) -> bool:
    """A full sentence, not a headline, kicker (「…——」) or byline that the highlighter happened to pick."""
    return bool(text.strip()) and bool(_SENTENCE_END.search(text.strip()))


def _key(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def answer_parts(
    passages: Sequence[Passage],
    *,
    limit: int = ANSWER_PASSAGES,
    max_chars: int = ANSWER_MAX_CHARS,
    margin: float = ANSWER_MARGIN,
) -> list[AnswerPart]:
    """The extractive answer: answering sentences of the top ``limit`` passages, in rank order, verbatim.

    Adverts and notices (an editor line) are sources, never part of the answer, and neither is a picked line
    that is not a sentence (a headline or a kicker: no closing punctuation). A sentence joins only when
    it scores close to the best one (within ``margin`` and at least half of it: the sentence scores of
    :mod:`rag.highlight` are comparable within one question), so a weak fourth-best passage does not dilute
    a clear answer. A sentence already covered by an earlier one (the same story twice) is left out, and
    sentences stop once ``max_chars`` would be exceeded (the first is always kept).
    """
    candidates = [
        (p, p.answer)
        for p in passages[:limit]
        if p.answer is not None and _is_sentence(p.answer.text) and p.citation.kind not in NOT_ANSWERS
    ]
    if not candidates:
        return []
    best = max(a.score for _, a in candidates)
    parts: list[AnswerPart] = []
    seen: list[str] = []
    total = 0
    for p, answer in candidates:
        if parts and (best <= 0 or answer.score < best - margin or answer.score < 0.5 * best):
            continue
        key = _key(answer.text)
        if not key or any(key in s or s in key for s in seen):
            continue
        text = _flatten(answer.text)
        if parts and (total + len(text) > max_chars or len(parts) >= ANSWER_SENTENCES):
            break
        parts.append(AnswerPart(p.rank, text))
        seen.append(key)
        total += len(text)
    return parts


def _ref(rank: int) -> str:
    return f'<sup class="rag-ref">&#91;{rank}&#93;</sup>'


def _scores(p: Passage) -> str:
    out = [f"score {p.score:.4f}"]
    if p.dense_score is not None:
        out.append(f"dense {p.dense_score:.3f}")
    if p.keyword_score is not None:
        out.append(f"keyword {p.keyword_score:.2f}")
    return " · ".join(out)


def _citation_line(c: Citation, rank: int | None = None) -> str:
    """Number, title, byline, date, section, then file name and character range, all escaped."""
    parts: list[str] = []
    if rank is not None:
        parts.append(f'<b class="rag-num">&#91;{rank}&#93;</b>')
    title = escape_text(c.title or "(untitled)", newlines=False)
    if c.kind and c.kind != "article":
        title = f'<span class="rag-kind">{escape_text(c.kind, newlines=False)}</span> {title}'
    url = safe_url(c.url)
    if url:
        title = f'<a href="{url}" target="_blank" rel="noopener noreferrer nofollow">{title}</a>'
    parts.append(f'<span class="rag-title">{title}</span>')
    meta = [escape_text(x, newlines=False) for x in (c.byline, c.date) if x]
    if c.section and c.section != c.title:
        meta.append(escape_text(c.section, newlines=False))
    if meta:
        parts.append(f'<span class="rag-meta">{" · ".join(meta)}</span>')
    where = escape_text(c.where(), newlines=False)
    parts.append(f'<span class="rag-where" title="file and character range">{where}</span>')
    return " ".join(parts)


def passage_label(p: Passage) -> str:
    """A plain-text label for menus: ``[1] title · name:start-end``."""
    return f"[{p.rank}] {p.citation.title or '(untitled)'} · {p.citation.where()}"


def _excerpt(text: str, answer: Answer | None, radius: int = EXCERPT_RADIUS) -> tuple[int, int]:
    a, b = (answer.start, answer.end) if answer is not None else (0, 0)
    lo = max(0, a - radius)
    hi = min(len(text), max(b + radius, lo + 2 * radius))
    # Start and end on a line or sentence boundary when one is near, so the excerpt reads cleanly.
    if lo > 0:
        cut = max(text.rfind("\n", 0, a), max((text.rfind(m, 0, a) for m in "。！？"), default=-1))
        if cut >= lo - radius // 2:
            lo = cut + 1
    return lo, hi


def passage_card(p: Passage, *, fold_chars: int = FOLD_CHARS) -> str:
    """One cited passage: the citation line, the scores, and the text with the answer marked.

    A passage longer than ``fold_chars`` shows an excerpt around the answer; the whole text folds into a
    ``<details>`` under it.
    """
    spans = [(p.answer.start, p.answer.end, "rag-answer")] if p.answer is not None else []
    head = (
        f'<div class="rag-cite">{_citation_line(p.citation, p.rank)}</div>'
        f'<div class="rag-scores">{_scores(p)}</div>'
    )
    if len(p.text) <= fold_chars:
        body = f'<div class="rag-text">{render_marked(p.text, spans)}</div>'
    else:
        lo, hi = _excerpt(p.text, p.answer)
        part = [(max(a, lo) - lo, min(b, hi) - lo, c) for a, b, c in spans]
        excerpt = (
            ("… " if lo > 0 else "") + render_marked(p.text[lo:hi], part) + (" …" if hi < len(p.text) else "")
        )
        body = (
            f'<div class="rag-text">{excerpt}</div>'
            f'<details class="rag-fold"><summary>Whole passage ({len(p.text)} characters)</summary>'
            f'<div class="rag-text">{render_marked(p.text, spans)}</div></details>'
        )
    return f'<div class="rag-passage" data-rank="{p.rank}">{head}{body}</div>'


def question_html(question: str) -> str:
    """The user's question as shown in the chat (escaped like any other text)."""
    return f'<div class="rag-question">{escape_text(question)}</div>'


def message_html(message: str, *, kind: str = "info") -> str:
    """A short message (``kind``: ``info``, ``ok`` or ``error``), escaped."""
    return f'<div class="rag-message rag-{escape_text(kind, newlines=False)}">{escape_text(message)}</div>'


def reply_html(
    passages: Sequence[Passage], *, settings: str = "", answering: Sequence[int] | None = None
) -> str:
    """The chat reply: the extractive answer with [n] markers, then each cited passage.

    ``settings`` is a short line such as ``hybrid · k=5`` shown under the passages. ``answering``: the ranks
    of the passages that answer (:attr:`rag.Reply.answering`); only their sentences are quoted, and with
    none the reply says that nothing in the index answers and shows the closest passages (``None``: every
    passage may be quoted).
    """
    if not passages:
        return message_html(
            "No passage in the index matches this question. Try other words, the keyword mode, or fewer "
            "filters (source, dates)."
        )
    if answering is not None and not answering:
        return _not_answered(passages, settings)
    parts = answer_parts(passages if answering is None else [p for p in passages if p.rank in answering])
    if parts:
        # The sentence's last character and its marker never break apart across lines.
        sentences = " ".join(
            f'{escape_text(a.text[:-1], newlines=False)}<span class="rag-nowrap">'
            f"{escape_text(a.text[-1:], newlines=False)}{_ref(a.rank)}</span>"
            for a in parts
        )
        answer = (
            '<div class="rag-answer-box"><div class="rag-label">Answer, quoted from the sources</div>'
            f'<p class="rag-answer-text">{sentences}</p></div>'
        )
    else:
        answer = ""
    cards = "".join(passage_card(p) for p in passages)
    foot = f'<div class="rag-foot">{escape_text(settings, newlines=False)}</div>' if settings else ""
    return (
        f'<div class="rag-reply">{answer}<div class="rag-label">Sources ({len(passages)})</div>'
        f"{cards}{foot}</div>"
    )


def _not_answered(passages: Sequence[Passage], settings: str) -> str:
    cards = "".join(passage_card(p) for p in passages)
    foot = f'<div class="rag-foot">{escape_text(settings, newlines=False)}</div>' if settings else ""
    return (
        f'<div class="rag-reply">{message_html(NOT_ANSWERED)}'
        f'<div class="rag-label">Closest passages ({len(passages)})</div>{cards}{foot}</div>'
    )


def context_html(
    document_text: str,
    article_start: int,
    article_end: int,
    citation: Citation,
    answer: Answer | None = None,
    *,
    rank: int | None = None,
    page_png: bytes | None = None,
    page_note: str | None = None,
) -> str:
    """The whole article around a citation, the cited stretch marked exactly (``citation.pieces``) and the
    answering sentence marked more strongly, so a reader can check the quote against its surroundings.
    For a PDF passage, ``page_png`` (:func:`rag.page_image`) shows above it the printed page with the cited
    lines marked, or ``page_note`` says why the page cannot be shown."""
    lo = max(0, min(article_start, citation.start))
    hi = min(len(document_text), max(article_end, citation.end))
    spans = [(s - lo, e - lo, "rag-cited") for s, e, _ in citation.pieces]
    if answer is not None:
        spans.append((answer.doc_start - lo, answer.doc_end - lo, "rag-answer"))
    body = render_marked(document_text[lo:hi], spans)
    head = _citation_line(citation, rank)
    note = (
        f"Characters {lo}&#45;{hi} of {escape_text(citation.name, newlines=False)}; the cited passage is "
        f'<mark class="rag-cited">marked</mark> ({len(citation.pieces)} piece'
        f"{'s' if len(citation.pieces) != 1 else ''}, characters {citation.start}&#45;{citation.end})"
        + (
            ', the answering sentence <mark class="rag-answer rag-cited">more strongly</mark>.'
            if answer
            else "."
        )
    )
    return (
        f'<div class="rag-context"><div class="rag-cite">{head}</div><div class="rag-note">{note}</div>'
        f'{_page_figure(citation, page_png, page_note)}<div class="rag-article">{body}</div></div>'
    )


def _page_figure(c: Citation, png: bytes | None, note: str | None) -> str:
    """The printed page as an inline PNG (a data URI: the page never fetches server files), or the note."""
    if c.page is None:
        return ""
    name = escape_text(c.name, newlines=False)
    pages = sorted({int(b[0]) for b in c.boxes} | {c.page})
    where = f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}&#45;{pages[-1]}"
    if png is None:
        why = escape_text(note or "the page image is not available", newlines=False)
        return f'<div class="rag-note rag-page-note">Printed on {where} of {name}; {why}.</div>'
    more = f" (it continues on page {pages[-1]})" if len(pages) > 1 else ""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure class="rag-page"><img src="data:image/png;base64,{data}" alt="page {c.page} of {name}, '
        f'the cited lines marked" style="max-width:min(100%,720px);height:auto;border:1px solid #ccc">'
        f'<figcaption class="rag-note">Page {c.page} of {name}, the cited lines marked{more}.</figcaption>'
        "</figure>"
    )


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_html(s: Summary) -> str:
    """The header line: what the index holds and which model embedded it."""
    parts = [
        plural(s.sources, "file"),
        plural(s.documents, "document"),
        plural(s.articles, "article"),
        plural(s.chunks, "chunk"),
    ]
    if s.first_date:
        parts.append(
            f"dated {s.first_date if s.first_date == s.last_date else f'{s.first_date} – {s.last_date}'}"
        )
    parts.append(f"model {s.model}")
    return escape_text("Indexed: " + " · ".join(parts), newlines=False)


def sources_html(rows: Sequence[SourceRow], upload_dir: Path) -> str:
    """The documents tab's table: one row per source file, uploads (files inside ``upload_dir``) marked."""
    if not rows:
        return message_html("The index is empty: upload files below.")
    uploads = str(upload_dir) + "/"
    body = "".join(
        "<tr>"
        f"<td>{escape_text(r.name, newlines=False)}</td>"
        f"<td>{'uploaded' if r.source.startswith(uploads) else 'indexed from disk'}</td>"
        f'<td class="num">{r.documents}</td><td class="num">{r.articles}</td>'
        f'<td class="num">{r.chunks}</td><td>{escape_text(r.dates or "–", newlines=False)}</td>'
        "</tr>"
        for r in rows
    )
    return (
        '<div class="rag-sources"><table><thead><tr><th>File</th><th>Origin</th><th class="num">Documents</th>'
        '<th class="num">Articles</th><th class="num">Chunks</th><th>Dates</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


# -- a written answer (a language model's, rag.generate) ----------------------------------------------------
_REPLY_OPEN = '<div class="rag-reply">'
_QUOTED_OPEN = '<div class="rag-answer-box">'


def written_html(text: str, passages: Sequence[Passage], *, done: bool) -> str:
    """The language model's answer as a box: while it is written, the text so far; once ``done``, each
    [n] marker a reference to passage n (its title on hover) and every sentence that cites no given
    passage, or a number outside them, marked as not backed by the sources (:func:`rag.check_citations`)."""
    if not done:
        body = escape_text(text) + '<span class="rag-writing"> …</span>'
        label = "Answer written by the language model from the sources (writing)"
        return (
            f'<div class="rag-answer-box rag-written"><div class="rag-label">{label}</div><p>{body}</p></div>'
        )
    sentences = check_citations(text, len(passages))
    out, pos = [], 0
    for s in sentences:
        out.append(escape_text(text[pos : s.start]))
        out.append(_written_sentence(text, s, passages))
        pos = s.end
    out.append(escape_text(text[pos:]))
    flagged = sum(s.flagged for s in sentences)
    note = (
        f'<div class="rag-note">{plural(flagged, "sentence")} cite no given source '
        '(<mark class="rag-unbacked">marked</mark>): check them against the sources below.</div>'
        if flagged
        else ""
    )
    label = "Answer written by the language model from the sources; check each [n] below"
    return (
        f'<div class="rag-answer-box rag-written"><div class="rag-label">{label}</div>'
        f'<p class="rag-answer-text">{"".join(out)}</p>{note}</div>'
    )


def _written_sentence(text: str, s: CitedSentence, passages: Sequence[Passage]) -> str:
    """One sentence, its markers as references (a number no passage has is struck through)."""
    out, pos = [], s.start
    for a, b in s.spans:
        out.append(escape_text(text[pos:a]))
        cited = check_citations(text[a:b], len(passages))[0]
        titles = [
            f"[{n}] {passages[n - 1].citation.title or '(untitled)'}"
            for n in cited.markers
            if n <= len(passages) and n not in cited.invalid
        ]
        bad = "".join(f" no passage {n} was given." for n in cited.invalid)
        tip = escape_text("; ".join(titles) + bad, newlines=False)
        cls = "rag-ref rag-ref-bad" if cited.invalid else "rag-ref"
        mark = escape_text(text[a:b].strip(), newlines=False)
        out.append(
            f'<sup class="{cls}" title="{tip}">{"<s>" + mark + "</s>" if cited.invalid else mark}</sup>'
        )
        pos = b
    out.append(escape_text(text[pos : s.end]))
    body = "".join(out)
    if s.flagged:
        why = "cites a passage that was not given" if s.invalid else "cites no passage"
        return f'<mark class="rag-unbacked" title="{why}">{body}</mark>'
    return body


def with_written(reply: str, box: str, *, keep_quoted: bool = False) -> str:
    """``reply`` (:func:`reply_html`, perhaps after a note) with ``box`` in place of its quoted answer, or,
    ``keep_quoted``, just above it (a note saying why the quoted answer stands). ``reply`` unchanged
    when it holds no sources (an error, no passage found)."""
    at = reply.find(_REPLY_OPEN)
    if at < 0:
        return reply
    head = at + len(_REPLY_OPEN)
    tail = head
    if not keep_quoted and reply.startswith(_QUOTED_OPEN, head):
        tail = reply.index("</p></div>", head) + len("</p></div>")  # document text never holds a raw tag
    return reply[:head] + box + reply[tail:]


def is_reply(html: str) -> bool:
    """Whether ``html`` is a reply with sources (:func:`reply_html`), which a written answer can join."""
    return _REPLY_OPEN in html
