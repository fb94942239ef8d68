"""retrieve(): the one retrieval function behind the Python API, the command line and the chat.

It reads as its stages, each in its own module:

    question (rag.question) -> candidates (rag.candidates: dense, keyword and the other channels)
    -> fusion (rag.fusion) -> rerank (rag.rerank) -> passages (rag.assemble)
    -> answering sentence (rag.highlight)

A mode is a plan: which channels, which fusion, whether to rerank. The embedding model is held here (via
rag.model) and only here at question time: it embeds the question, and the stages below get vectors.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

import rag.assemble as assemble
import rag.candidates as candidates
import rag.fusion as fusion
import rag.highlight as highlight
from rag.config import MODES, Config
from rag.dates import newest, plan_dates
from rag.errors import InputError
from rag.filters import where as filter_where
from rag.model import model_for_index
from rag.opening import opened
from rag.passage import Passage
from rag.question import Question
from rag.rerank import rerank
from rag.store.index import Index

if TYPE_CHECKING:
    from embeddings import Embedder

__all__ = ["PLANS", "Plan", "retrieve"]


class Plan(NamedTuple):
    """What a mode does: the channels it asks (rag.candidates.CHANNELS), how it fuses them
    (rag.fusion.FUSIONS), and whether the best candidates are re-ordered by their best sentence."""

    channels: tuple[str, ...]
    fusion: str
    rerank: bool


PLANS: dict[str, Plan] = {
    "hybrid": Plan(("dense", "keyword", "pinyin", "translation", "abbreviation", "gloss"), "linear", True),
    "dense": Plan(("dense",), "single", False),
    "keyword": Plan(("keyword",), "single", False),
    "rrf": Plan(("dense", "keyword"), "rrf", False),
}
assert set(PLANS) == set(MODES)


def retrieve(
    question: str,
    k: int | None = None,
    index: Index | str | Path | None = None,
    *,
    mode: str | None = None,
    config: Config | None = None,
    source: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    highlight: bool = True,
    dates: str = "auto",
) -> list[Passage]:
    """The ``k`` passages (default ``config.k``) that best answer ``question``, best first.

    ``index``: an opened :class:`Index`, an index folder, or ``None`` for the default index (built from the
    demo page on first use). ``mode``: one of :data:`rag.MODES` (default ``config.mode``). ``source`` keeps
    passages whose file name or path contains it; ``date_from``/``date_to`` (``YYYY-MM-DD``, inclusive) keep
    passages dated in that range. ``dates="auto"`` reads dates in the question (今天, 上周, "last month",
    :func:`rag.parse_dates`) as that range when no dates are given and the index holds articles in it;
    ``"off"`` leaves them words. Bad input raises :class:`~rag.errors.InputError`.
    """
    config = config or Config.from_env()
    plan, k = _plan(mode or config.mode), config.k if k is None else k
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(f"k must be a positive whole number, not {k!r}")
    q = Question.of(question)
    idx = opened(index, config)
    if not idx.chunks:
        return []
    when = plan_dates(idx, q.text, date_from, date_to, dates)
    if when.filter is not None and when.filter.words:
        q, date_from, date_to = Question.of(when.search), when.filter.date_from, when.filter.date_to
    where = filter_where(idx, source, date_from, date_to)
    if when.listing:  # 「今天有什么新闻？」 names no topic: the newest articles answer it
        return newest(idx, k, None if where is None else where.mask)
    if "dense" in plan.channels:
        q = Question(q.text, q.simple, _embedder(idx, config).encode_queries([q.simple])[0])
    rankings = candidates.gather(idx, q, plan.channels, where, max(candidates.CANDIDATES, 4 * k))
    ranked = fusion.FUSIONS[plan.fusion](idx, q, rankings)
    if plan.rerank and q.vector is not None:
        ranked = rerank(idx, ranked, q.vector, english=q.english)
    groups = assemble.group(idx, ranked, k)
    found = assemble.passages(idx, groups)
    if highlight and found:
        found = _answer(idx, q, found, groups, config)
    return found


def _plan(mode: str) -> Plan:
    if mode not in PLANS:
        raise InputError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
    return PLANS[mode]


def _embedder(idx: Index, config: Config) -> Embedder:
    return model_for_index(idx.model, config)


def _answer(
    idx: Index, q: Question, found: list[Passage], groups: list[fusion.Hit], config: Config
) -> list[Passage]:
    """Mark each passage's answering sentence, from the sentence vectors stored with its chunks; a window
    cut where no stored sentence matches (rare: where two chunks were joined) is embedded now."""
    stored: dict[str, np.ndarray] = {}
    if q.vector is not None:
        idx.sentences.prefetch([r for g in groups for r in g.rows])
        for g in groups:
            for r in g.rows:
                clean = idx.chunks[r].clean
                spans, vecs = idx.sentences.of(r)
                stored.update(
                    {
                        clean[int(a) : int(b)]: v.astype(np.float32)
                        for (a, b), v in zip(spans, vecs, strict=True)
                    }
                )
    vectors, missing = highlight.match_vectors(q.simple, found, stored)
    if missing and q.vector is not None:
        embedded = _embedder(idx, config).encode_passages(missing, batch_size=config.batch_size)
        vectors.update(zip(missing, embedded, strict=True))
    return highlight.best_sentences(q.simple, found, vectors, q.vector)
