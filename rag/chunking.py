"""Article -> Chunks with exact offsets into the source document.

The contract, tested on the sample page and on generated text:

* ``document.text[chunk.start:chunk.end] == chunk.text`` for every chunk (the original characters, column
  breaks and all);
* ``chunk.clean`` is what is embedded and shown: the article's header lines (kicker, headline, byline,
  dateline: first chunk only) and body paragraphs inside that range, with
  paragraphs that a PDF column break cut in two joined back together, and with anything that is not part of
  the article's body (a caption printed between two columns) left out;
* every piece of ``chunk.clean`` maps back exactly: for ``(start, end, offset)`` in ``chunk.pieces``,
  ``chunk.clean[offset:offset + end - start] == document.text[start:end]``; the characters of ``clean``
  not covered by a piece are the paragraph separators ``"\\n"``;
* no chunk is empty, whitespace-only or punctuation-only, no chunk crosses an article or section boundary,
  and a fragment shorter than ``min_chunk_chars`` is joined to its neighbour.

Text is split with langchain-text-splitters' recursive splitter on separators that respect Chinese:
paragraph, line, sentence end (。！？ with any closing quotes), clause end (；), comma-level marks, space, and
as a last resort characters. Separators are kept at the *end* of the piece they close, so a sentence keeps
its full stop and no chunk is a lone 「。」.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from rag.articles import Article, Block

__all__ = ["SEPARATORS", "Chunk", "chunk_article", "is_meaningful", "strip_span"]

# Regular expressions, tried in order. No capturing groups: the splitter wraps the pattern in one.
SEPARATORS: list[str] = [
    r"\n",  # paragraphs: the clean view joins paragraphs with a single newline
    r"[。！？!?]+[”’」』）)\"']*",  # sentence end, with the closing quotes that belong to it
    r"…+[”’」』）)\"']*",
    r"[；;]",
    r"[，,、：:]",
    r"\s+",
    "",
]

PARAGRAPH_JOINER = "\n"


@dataclass(frozen=True)
class Chunk:
    """A piece of one article, with exact places in the source document.

    ``position`` orders the chunks of an article; ``section`` is the section heading it falls under.
    """

    chunk_id: str
    doc_id: str
    article_id: str
    position: int
    start: int
    end: int
    text: str
    clean: str
    pieces: tuple[tuple[int, int, int], ...]
    section: str | None

    def to_record(self) -> dict[str, object]:
        return {
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "article_id": self.article_id,
            "position": self.position,
            "start": self.start,
            "end": self.end,
            "clean": self.clean,
            "pieces": [list(p) for p in self.pieces],
            "section": self.section,
        }

    @classmethod
    def from_record(cls, rec: dict[str, object], document_text: str) -> Chunk:
        start, end = int(rec["start"]), int(rec["end"])  # type: ignore[call-overload]
        pieces = tuple((int(a), int(b), int(c)) for a, b, c in rec["pieces"])  # type: ignore[attr-defined]
        return cls(
            chunk_id=str(rec["chunk_id"]),
            doc_id=str(rec["doc_id"]),
            article_id=str(rec["article_id"]),
            position=int(rec["position"]),  # type: ignore[call-overload]
            start=start,
            end=end,
            text=document_text[start:end],
            clean=str(rec["clean"]),
            pieces=pieces,
            section=rec["section"] if rec["section"] is None else str(rec["section"]),
        )


def is_meaningful(text: str) -> bool:
    """True when ``text`` holds at least one letter or digit (any script)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


class _View:
    """The article body as one string, with a map from view offsets back to the document."""

    def __init__(self, doc_text: str, blocks: Sequence[Block]) -> None:
        parts: list[str] = []
        # (view_start, doc_start, length) per block
        self.segments: list[tuple[int, int, int]] = []
        pos = 0
        for i, b in enumerate(blocks):
            if i > 0 and not b.joins_previous:
                parts.append(PARAGRAPH_JOINER)
                pos += len(PARAGRAPH_JOINER)
            piece = doc_text[b.start : b.end]
            self.segments.append((pos, b.start, len(piece)))
            parts.append(piece)
            pos += len(piece)
        self.text = "".join(parts)

    def pieces(self, vstart: int, vend: int) -> list[tuple[int, int, int]]:
        """Exact document pieces of view[vstart:vend], as (doc_start, doc_end, offset_in_slice)."""
        out: list[tuple[int, int, int]] = []
        for vs, ds, n in self.segments:
            a, b = max(vstart, vs), min(vend, vs + n)
            if a < b:
                out.append((ds + a - vs, ds + b - vs, a - vstart))
        return out


def _splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        keep_separator="end",
        is_separator_regex=True,
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        strip_whitespace=False,
        length_function=len,
    )


def _locate(text: str, pieces: Sequence[str]) -> list[tuple[int, int]]:
    """Offsets of the splitter's pieces, which are substrings of ``text`` in increasing start order."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        at = text.find(piece, cursor)
        if at < 0:  # pragma: no cover - the splitter only returns substrings
            raise AssertionError(f"splitter returned text not found in the input: {piece[:40]!r}")
        spans.append((at, at + len(piece)))
        cursor = at + 1
    return spans


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` narrowed so that ``text[a:b]`` has no surrounding whitespace (``a == b`` if none is left)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _tidy(text: str, spans: list[tuple[int, int]], min_chars: int) -> list[tuple[int, int]]:
    """Strip whitespace, drop meaningless pieces, and join short fragments to a neighbour."""
    out: list[tuple[int, int]] = []
    for a0, b0 in spans:
        a, b = strip_span(text, a0, b0)
        if a >= b:
            continue
        if not is_meaningful(text[a:b]):
            # Punctuation-only leftovers belong to the piece before them.
            if out and a <= out[-1][1] + 2:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            continue
        out.append((a, b))
    merged: list[tuple[int, int]] = []
    for a, b in out:
        if merged and (b - a < min_chars or merged[-1][1] - merged[-1][0] < min_chars):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def chunk_article(
    doc_text: str,
    article: Article,
    *,
    chunk_size: int = 300,
    chunk_overlap: int = 50,
    min_chunk_chars: int = 40,
) -> list[Chunk]:
    """Split one article's body into chunks that never cross a section (see the module docstring)."""
    if chunk_overlap >= chunk_size:
        raise ValueError(f"chunk_overlap ({chunk_overlap}) must be smaller than chunk_size ({chunk_size})")
    splitter = _splitter(chunk_size, chunk_overlap)
    groups: list[tuple[str | None, list[Block]]] = []
    for block in article.blocks:
        section = _section_of(article, block.start)
        if groups and groups[-1][0] == section:
            groups[-1][1].append(block)
        else:
            # A continuation block never starts a group: it joins the paragraph it continues.
            if groups and block.joins_previous:
                groups[-1][1].append(block)
                continue
            groups.append((section, [block]))

    # The printed header (kicker, headline, byline, dateline) opens the first chunk, so a passage shows
    # what a reader sees on the page and questions about the headline or the reporter find it.
    head = [Block(h.start, h.end) for h in article.head]
    if head:
        if groups and groups[0][0] is None:
            groups[0] = (
                None,
                head + [Block(b.start, b.end) if i == 0 else b for i, b in enumerate(groups[0][1])],
            )
        else:
            groups.insert(0, (None, head))

    chunks: list[Chunk] = []
    for section, blocks in groups:
        view = _View(doc_text, blocks)
        spans = _tidy(view.text, _locate(view.text, splitter.split_text(view.text)), min_chunk_chars)
        for vstart, vend in spans:
            pieces = view.pieces(vstart, vend)
            start, end = min(p[0] for p in pieces), max(p[1] for p in pieces)
            position = len(chunks)
            chunks.append(
                Chunk(
                    chunk_id=f"{article.article_id}-{position:03d}",
                    doc_id=article.doc_id,
                    article_id=article.article_id,
                    position=position,
                    start=start,
                    end=end,
                    text=doc_text[start:end],
                    clean=view.text[vstart:vend],
                    pieces=tuple(pieces),
                    section=section,
                )
            )
    return chunks


def _section_of(article: Article, offset: int) -> str | None:
    current: str | None = None
    for s in article.sections:
        if s.start <= offset:
            current = s.title
        else:
            break
    return current
