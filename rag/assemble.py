"""The fifth stage: ranked chunks become passages a reader can cite.

The best chunks of one article are joined into one passage (the answer is often a paragraph away from the
chunk that matched best; the reader gets both, marked as one passage, instead of the same article twice in
the top k); near-identical passages (a story reprinted, a caption repeated, one headline linked twice) are
shown once; each passage carries a :class:`~rag.passage.Citation` whose pieces map every character back to
the source (the contract is stated in rag.passage).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from rag.chunking import Chunk
from rag.embedtext import chunk_text
from rag.fusion import Hit, norm
from rag.passage import Citation, Passage
from rag.pdf import boxes as pdf_boxes
from rag.store.base import Store

__all__ = ["JOIN_RANKS", "PASSAGE_CHUNKS", "SKIPPED", "group", "passages"]

#: A passage holds up to this many chunks of one article (about 900 characters); 3 and 4 measured the same,
#: 2 lower (docs/retrieval.md).
PASSAGE_CHUNKS = 3
#: Chunks of one article ranked this high are joined into its passage (top 10, 20 or 50: the same).
JOIN_RANKS = 20
#: Between two pieces of a passage where the article's text in between was left out.
SKIPPED = "\n…\n"


def group(idx: Store, ranked: Sequence[Hit], k: int) -> list[Hit]:
    """The first ``k`` passages, as groups of chunk rows, best first."""
    return _dedupe(idx, _merge(idx, ranked, PASSAGE_CHUNKS), k)


def passages(idx: Store, groups: Sequence[Hit]) -> list[Passage]:
    return [_passage(idx, g, rank) for rank, g in enumerate(groups, 1)]


def _merge(idx: Store, ranked: Sequence[Hit], limit: int) -> list[Hit]:
    """Group ranked hits into passages of one article each, in rank order.

    A chunk joins a passage of its article when it overlaps or adjoins one of its chunks, or when it ranks in
    the top ``JOIN_RANKS`` and the passage holds fewer than ``limit`` chunks (the answer is often a paragraph
    away from the chunk that matched best; the reader gets both, marked as one passage, instead of the
    same article twice in the top k). Other chunks of the article start a passage of their own.
    """
    groups: list[Hit] = []
    by_article: dict[str, list[Hit]] = {}
    for rank, h in enumerate(ranked):
        ch = idx.chunks[h.row]
        mine = by_article.setdefault(ch.article_id, [])
        g = next((x for x in mine if any(_touch(idx.chunks[r], ch) for r in x.rows)), None)
        if g is None and rank < JOIN_RANKS:
            g = next((x for x in mine if len(x.rows) < limit), None)
        if g is None:
            g = Hit(h.row, h.dense, h.keyword, h.fused, [h.row])
            groups.append(g)
            mine.append(g)
            continue
        g.rows.append(h.row)
        if h.dense is not None:
            g.dense = h.dense if g.dense is None else max(g.dense, h.dense)
        if h.keyword is not None:
            g.keyword = h.keyword if g.keyword is None else max(g.keyword, h.keyword)
    return groups


def _touch(a: Chunk, b: Chunk) -> bool:
    return abs(a.position - b.position) == 1 and a.start < b.end and b.start < a.end


def _dedupe(idx: Store, groups: list[Hit], k: int) -> list[Hit]:
    """The first ``k`` groups, skipping any whose text is (nearly) that of a group already kept: a story
    reprinted, or a caption repeated. Stops at ``k``: comparing every candidate costs too much on a large index.
    Compared on what was indexed (:func:`chunk_text`): two headline-and-link stories differ only in their
    URLs but are the same headline."""
    out: list[Hit] = []
    seen: list[set[str]] = []
    for g in groups:
        if len(out) >= k:
            break
        chunks = [idx.chunks[r] for r in g.rows]
        text = norm(" ".join(chunk_text(idx.articles[c.article_id], c) for c in chunks))
        grams = {text[i : i + 4] for i in range(max(1, len(text) - 3))}
        if any(len(grams & s) >= 0.9 * min(len(grams), len(s)) for s in seen if s):
            continue
        seen.append(grams)
        out.append(g)
    return out


def _passage(idx: Store, g: Hit, rank: int) -> Passage:
    chunks = sorted((idx.chunks[r] for r in g.rows), key=lambda c: c.position)
    text, pieces = chunks[0].clean, list(chunks[0].pieces)
    for prev, ch in itertools.pairwise(chunks):
        text, pieces = _join(idx, text, pieces, ch, skipped=ch.position - prev.position > 1)
    art = idx.articles[chunks[0].article_id]
    doc = idx.documents[chunks[0].doc_id]
    page, boxes = pdf_boxes(doc.layout, [(s, e) for s, e, _ in pieces]) if doc.layout else (None, ())
    cit = Citation(
        doc_id=doc.doc_id,
        article_id=art.article_id,
        source=doc.source,
        name=doc.name,
        title=art.title,
        kicker=art.kicker,
        byline=art.byline,
        date=art.date or doc.date,
        section=chunks[0].section,
        kind=art.kind,
        start=min(p[0] for p in pieces),
        end=max(p[1] for p in pieces),
        pieces=tuple(pieces),
        url=doc.url,
        ranges=_ranges(text, pieces),
        page=page,
        boxes=boxes,
    )
    return Passage(
        text=text,
        score=g.fused,
        rank=rank,
        citation=cit,
        dense_score=g.dense,
        keyword_score=g.keyword,
        chunk_ids=tuple(c.chunk_id for c in chunks),
    )


def _ranges(text: str, pieces: Sequence[tuple[int, int, int]]) -> tuple[tuple[int, int], ...]:
    """The source stretches of a passage: its pieces in passage order, split where ``SKIPPED`` stands."""
    runs: list[list[tuple[int, int, int]]] = []
    end = None
    for piece in sorted(pieces, key=lambda p: p[2]):
        if end is None or text[end : piece[2]] == SKIPPED:
            runs.append([])
        runs[-1].append(piece)
        end = piece[2] + piece[1] - piece[0]
    return tuple((min(p[0] for p in run), max(p[1] for p in run)) for run in runs)


def _join(
    idx: Store, text: str, pieces: list[tuple[int, int, int]], nxt: Chunk, *, skipped: bool = False
) -> tuple[str, list[tuple[int, int, int]]]:
    """Append chunk ``nxt`` (which starts inside or after ``text``) to a passage, keeping pieces exact.
    ``skipped``: chunks of the article between the two were left out, marked by a line holding ``…``."""
    for s, e, off in pieces:
        if s <= nxt.start < e:
            cut = off + (nxt.start - s)
            head = [(a, min(b, nxt.start), o) for a, b, o in pieces if a < nxt.start]
            return text[:cut] + nxt.clean, head + [(a, b, o + cut) for a, b, o in nxt.pieces]
    gap = idx.documents[nxt.doc_id].text[pieces[-1][1] : nxt.start]
    sep = SKIPPED if skipped else "\n" if "\n" in gap or gap.strip() else ""
    base = len(text) + len(sep)
    return text + sep + nxt.clean, pieces + [(a, b, o + base) for a, b, o in nxt.pieces]
