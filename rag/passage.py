"""What retrieval returns: passages with citations that point at exact characters of the source.

The citation contract: ``document.text[citation.start:citation.end]`` is the stretch of the source the
passage comes from, and every piece of the passage text maps back exactly: for ``(start, end, offset)`` in
``citation.pieces``, ``passage.text[offset:offset + end - start] == document.text[start:end]``. Characters
of ``passage.text`` that no piece covers are paragraph separators (``"\\n"``) inserted where the source had a
blank line, a column break or a caption between two pieces, or ``"\\n…\\n"`` where a passage joins two
stretches of one article and leaves out the text between them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from rag.errors import InputError

__all__ = ["Answer", "Citation", "Passage"]


class Citation(NamedTuple):
    doc_id: str
    article_id: str
    source: str
    name: str
    title: str
    kicker: str | None
    byline: str | None
    date: str | None
    section: str | None
    kind: str
    start: int
    end: int
    pieces: tuple[tuple[int, int, int], ...]
    url: str | None = None
    # The stretches of the source the passage quotes, in order: one per run of pieces with no text of the
    # article left out between them (empty: the one stretch start-end).
    ranges: tuple[tuple[int, int], ...] = ()
    # For a PDF: the page the passage begins on (1-based), and rectangles (page, x0, y0, x1, y1) covering
    # its characters, one per printed line, in PDF points from the page's bottom-left corner (rag.pdf).
    page: int | None = None
    boxes: tuple[tuple[int, float, float, float, float], ...] = ()

    def where(self) -> str:
        """``file:start-end``, or ``file:a-b,c-d`` when the passage leaves text out between stretches;
        ``file.pdf p.4:start-end`` for a PDF passage."""
        spans = self.ranges or ((self.start, self.end),)
        page = "" if self.page is None else f" p.{self.page}"
        return f"{self.name}{page}:" + ",".join(f"{a}-{b}" for a, b in spans)

    def line(self) -> str:
        """One readable line: title · byline · date · section · file:start-end."""
        parts = [self.title]
        if self.kind != "article":
            parts[0] = f"[{self.kind}] {self.title}"
        parts += [p for p in (self.byline, self.date, self.section) if p]
        parts.append(self.where())
        return " · ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        d = self._asdict()
        d["pieces"] = [list(p) for p in self.pieces]
        d["ranges"] = [list(r) for r in self.ranges]
        d["boxes"] = [list(b) for b in self.boxes]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Citation:
        """The citation :meth:`to_dict` gave (read back from JSON: lists become tuples again)."""
        fields = {name: d[name] for name in cls._fields if name in d}
        fields["pieces"] = tuple((int(s), int(e), int(o)) for s, e, o in d["pieces"])
        fields["ranges"] = tuple((int(a), int(b)) for a, b in d.get("ranges") or ())
        fields["boxes"] = tuple(
            (int(p), float(x0), float(y0), float(x1), float(y1)) for p, x0, y0, x1, y1 in d.get("boxes") or ()
        )
        return cls(**fields)


class Answer(NamedTuple):
    """The sentence (or two) of a passage that best answers the question.

    ``start``/``end`` are offsets in ``passage.text``; ``doc_start``/``doc_end`` the same stretch in the
    source document (exact when the sentence lies inside one piece, else the range from its first to its
    last character).
    """

    text: str
    start: int
    end: int
    doc_start: int
    doc_end: int
    score: float

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Answer:
        return cls(**{name: d[name] for name in cls._fields})


class Passage(NamedTuple):
    text: str
    score: float
    rank: int
    citation: Citation
    dense_score: float | None = None
    keyword_score: float | None = None
    answer: Answer | None = None
    chunk_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: the same fields ``rag ask --json`` and the web API return."""
        return {
            "rank": self.rank,
            "score": round(float(self.score), 6),
            "dense_score": None if self.dense_score is None else round(float(self.dense_score), 6),
            "keyword_score": None if self.keyword_score is None else round(float(self.keyword_score), 6),
            "text": self.text,
            "answer": None if self.answer is None else self.answer._asdict(),
            "citation": self.citation.to_dict(),
            "chunk_ids": list(self.chunk_ids),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Passage:
        """The passage :meth:`to_dict` gave, e.g. read back from ``rag ask --json`` or the web API.

        Scores come back as :meth:`to_dict` rounded them. Data that is not a passage raises
        :class:`~rag.errors.InputError`.
        """
        try:
            answer = d.get("answer")
            return cls(
                text=str(d["text"]),
                score=float(d["score"]),
                rank=int(d["rank"]),
                citation=Citation.from_dict(d["citation"]),
                dense_score=None if d.get("dense_score") is None else float(d["dense_score"]),
                keyword_score=None if d.get("keyword_score") is None else float(d["keyword_score"]),
                answer=Answer.from_dict(answer) if answer else None,
                chunk_ids=tuple(str(c) for c in d.get("chunk_ids") or ()),
            )
        except (AttributeError, KeyError, TypeError, ValueError) as e:
            raise InputError(f"not a passage (as Passage.to_dict() gives): {e!r}") from None
