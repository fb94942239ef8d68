"""ask(): one turn of a conversation, for the chat, ``rag ask --json`` and the HTTP API.

:func:`rag.retrieve` returns passages; a conversation also needs to show what was searched (a follow-up
rewritten into a standalone question, :func:`rag.rewrite`) and which dates filtered it (read from the
question, :func:`rag.parse_dates`), so the reader can see, and undo, what was done with their words.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from rag.confidence import judge
from rag.config import Config
from rag.dates import DateFilter, plan_dates
from rag.followup import rewrite
from rag.opening import opened
from rag.passage import Passage
from rag.question import check_question
from rag.search import retrieve
from rag.store.index import Index

__all__ = ["Reply", "ask"]


class Reply(NamedTuple):
    """``passages`` (best first); ``searched_for``: the question as searched (a follow-up rewritten);
    ``date_filter``: the dates that filtered the passages (from the question or the caller; ``None``:
    every date); ``note``: one line for the reader when dates were read but not used, or read against the
    index's newest date. ``answered``: whether a passage answers the question (else they are only the
    closest, :mod:`rag.confidence`); ``confidence``: the best answering-sentence score (``None``: not
    judged); ``answering``: the ranks of the passages that answer, the ones a quoted answer draws on."""

    passages: list[Passage]
    searched_for: str
    date_filter: DateFilter | None
    note: str | None
    answered: bool = True
    confidence: float | None = None
    answering: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """What ``rag ask --json`` prints and ``/api/retrieve`` returns."""
        return {
            "searched_for": self.searched_for,
            "date_filter": self.date_filter.to_dict() if self.date_filter else None,
            "note": self.note,
            "answered": self.answered,
            "confidence": None if self.confidence is None else round(float(self.confidence), 6),
            "answering": list(self.answering),
            "passages": [p.to_dict() for p in self.passages],
        }


def ask(
    question: str,
    k: int | None = None,
    index: Index | str | Path | None = None,
    *,
    history: Sequence[str] = (),
    mode: str | None = None,
    config: Config | None = None,
    source: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    dates: str = "auto",
) -> Reply:
    """:func:`rag.retrieve` for one turn of a conversation. ``history``: the earlier questions of the
    conversation, newest last; a question that leans on them (「那江苏呢？」, "when did it start?") is
    rewritten into a standalone one before it is searched. Other arguments as for :func:`rag.retrieve`."""
    config = config or Config.from_env()
    text = check_question(question)
    searched, note = _standalone(text, history, config)
    idx = opened(index, config)
    when = plan_dates(idx, searched, date_from, date_to, dates)
    passages = retrieve(
        searched,
        k,
        idx,
        mode=mode,
        config=config,
        source=source,
        date_from=date_from,
        date_to=date_to,
        dates=dates,
    )
    if note:
        when = when._replace(note="; ".join(x for x in (note, when.note) if x))
    if when.listing:  # the newest articles, listed: they answer 「今天有什么新闻？」 by being listed
        return Reply(passages, searched, when.filter, when.note, True, None, tuple(p.rank for p in passages))
    verdict = judge(searched, passages)
    return Reply(
        passages, searched, when.filter, when.note, verdict.answered, verdict.confidence, verdict.answering
    )


def _standalone(question: str, history: Sequence[str], config: Config) -> tuple[str, str | None]:
    """The question to search. The rules of :func:`rag.rewrite` decide whether it leans on the earlier
    ones (a standalone question costs no model call); a follow-up is then made standalone by the configured
    language model when there is one, else (or when it fails, with a one-line note) by the rules."""
    ruled = rewrite(question, history) if history else question
    if ruled == question or not config.llm_url:
        return ruled, None
    from rag.llm import GenerationError, rewrite_question

    try:
        return rewrite_question(question, history, config), None
    except GenerationError as e:
        return ruled, f"{e}; rewritten by rule"
