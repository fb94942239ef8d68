"""What an index holds, by source file (for `rag sources`, the chat's documents tab and its header line), and
the whole article around a passage (for the chat's Context tab)."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from rag.errors import InputError
from rag.passage import Passage
from rag.store.index import Index

__all__ = ["ArticleContext", "SourceRow", "Summary", "article_context", "sources", "summary"]


class SourceRow(NamedTuple):
    source: str
    name: str
    documents: int
    articles: int
    chunks: int
    dates: str


class Summary(NamedTuple):
    documents: int
    articles: int
    chunks: int
    sources: int
    model: str
    first_date: str | None
    last_date: str | None


def _file(source: str) -> str:
    return source.split("#", 1)[0]


def sources(index: Index) -> list[SourceRow]:
    docs: dict[str, set[str]] = defaultdict(set)
    arts: dict[str, int] = defaultdict(int)
    chunks: dict[str, int] = defaultdict(int)
    dates: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for d in index.documents.values():
        f = _file(d.source)
        docs[f].add(d.doc_id)
        names[f] = d.name.split("#", 1)[0]
        if d.date:
            dates[f].add(d.date)
    for a in index.articles.values():
        f = _file(index.documents[a.doc_id].source)
        arts[f] += 1
        if a.date:
            dates[f].add(a.date)
    for c in index.chunks:
        chunks[_file(index.documents[c.doc_id].source)] += 1
    rows = []
    for f in sorted(docs):
        ds = sorted(dates[f])
        span = "" if not ds else ds[0] if ds[0] == ds[-1] else f"{ds[0]} – {ds[-1]}"
        rows.append(SourceRow(f, names[f], len(docs[f]), arts[f], chunks[f], span))
    return rows


def summary(index: Index) -> Summary:
    dates = sorted(
        {a.date for a in index.articles.values() if a.date}
        | {d.date for d in index.documents.values() if d.date}
    )
    return Summary(
        documents=len(index.documents),
        articles=len(index.articles),
        chunks=len(index.chunks),
        sources=len({_file(d.source) for d in index.documents.values()}),
        model=index.model.model_id,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


class ArticleContext(NamedTuple):
    """The document a passage comes from and where its article lies in it: ``text[start:end]`` is the
    article (the passage's own stretch when the article record is gone)."""

    text: str
    start: int
    end: int


def article_context(index: Index, passage: Passage) -> ArticleContext:
    """The whole article around ``passage`` in ``index`` (e.g. a later snapshot than the one that answered).

    Raises :class:`~rag.errors.InputError` when the passage's file has been removed from the index since, or
    has changed so that the citation no longer points at the passage's characters.
    """
    c = passage.citation
    doc = index.documents.get(c.doc_id)
    if doc is None:
        raise InputError("this passage's file has been removed from the index since; ask again")
    if any(passage.text[o : o + e - s] != doc.text[s:e] for s, e, o in c.pieces):
        raise InputError("this passage's file has changed since the answer; ask again")
    art = index.articles.get(c.article_id)
    start, end = (art.start, art.end) if art is not None else (c.start, c.end)
    return ArticleContext(doc.text, start, end)
