"""What is embedded for a chunk, in one place: the indexer, the search, the benchmarks and the GPU/worker
paths all call these functions, so a vector computed anywhere is the vector the index expects.

A chunk is embedded as :func:`chunk_text`: its article's headline (and kicker) and section, then the
chunk's clean text; the same text is what the keyword indexes hold. In the same forward pass each
sentence window of the chunk (:func:`sentence_windows`) gets its own vector, the mean of the chunk's token
embeddings over that window (:func:`embedded_spans` places the windows inside :func:`chunk_text`); the
sentence rerank and the answering sentence read those stored vectors, so a question costs one model call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.articles import Article, is_link_only
from rag.chunking import Chunk, strip_span

__all__ = [
    "MAX_SENTENCES",
    "MIN_CHARS",
    "chunk_text",
    "embedded_spans",
    "sentence_spans",
    "sentence_windows",
    "split_sentences",
]

#: A sentence shorter than this takes its neighbour along, so a window is never a fragment like 「是的。」.
MIN_CHARS = 16
#: Sentence windows per chunk that get a vector (a 300-character chunk rarely has more).
MAX_SENTENCES = 24
_END = re.compile(r"[。！？!?]+[”’」』）)\"']*|[；;](?=\s*\n)|\n+")


def chunk_text(article: Article, chunk: Chunk) -> str:
    """What is embedded and keyword-indexed for a chunk: its article's title (and kicker) and section, then
    the chunk's clean text. The passage shown to the user is the chunk's own text."""
    head = f"{article.kicker}——{article.title}" if article.kicker else article.title
    if chunk.section and chunk.section != article.title:
        head = f"{head}｜{chunk.section}"
    if head and is_link_only(chunk.clean):
        # A story that is only a headline and a link: its words are the headline's. The URL would make its
        # vector a vague match for any English question.
        return head
    return f"{head}\n{chunk.clean}"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (stripped, non-empty, each holding a letter or digit): 。！？!? with
    their closing quotes, a semicolon at a line end, and line ends."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for a0, b0 in spans:
        a, b = strip_span(text, a0, b0)
        if a < b and any(ch.isalnum() for ch in text[a:b]):
            out.append((a, b))
    return out


def sentence_windows(text: str, limit: int = MAX_SENTENCES) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (at most ``limit``), a short one extended over the next one."""
    spans = split_sentences(text)[:limit]
    out: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(spans):
        if b - a < MIN_CHARS and i + 1 < len(spans) and "\n" not in text[b : spans[i + 1][0]]:
            b = spans[i + 1][1]
        out.append((a, b))
    return out


def sentence_spans(chunk: Chunk) -> list[tuple[int, int]]:
    """The sentence windows of a chunk (in ``chunk.clean``) that get a stored vector."""
    return sentence_windows(chunk.clean)


def embedded_spans(
    text: str, chunk: Chunk, spans: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The chunk's sentence windows (``spans``, default :func:`sentence_spans`) as spans of ``text``, the
    :func:`chunk_text` that is embedded (which ends with the chunk's text; when it does not, as for a
    headline-and-link story, each window gets the whole text)."""
    spans = sentence_spans(chunk) if spans is None else spans
    if not text.endswith(chunk.clean):
        return [(0, len(text))] * len(spans)
    base = len(text) - len(chunk.clean)
    return [(a + base, b + base) for a, b in spans]
