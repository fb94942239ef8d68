"""The first stage: a question as the later stages read it, checked once.

A question is text: control characters are dropped, lone surrogates replaced (they cannot be embedded),
runs of white space made one space, and an over-long question cut (with a warning). Traditional characters
are mapped to simplified ones for the model, which saw far more simplified text; the keyword analyzers
normalise on their own (rag.tokens).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from rag.errors import InputError
from rag.tokens import to_simplified

__all__ = ["MAX_QUESTION_CHARS", "Question", "check_question"]

_log = logging.getLogger(__name__)

#: Longer questions are cut: a question is a sentence or two, and e5-small reads 512 tokens at most.
MAX_QUESTION_CHARS = 2000


@dataclass(frozen=True)
class Question:
    """``text``: the checked question; ``simple``: in simplified characters, what the model embeds;
    ``vector``: its embedding (``None`` when the mode uses no vectors)."""

    text: str
    simple: str
    vector: np.ndarray | None = None

    @classmethod
    def of(cls, question: object) -> Question:
        text = check_question(question)
        return cls(text, to_simplified(text))

    @property
    def english(self) -> bool:
        """Whether most of the question's letters are Latin ones: it is searched with the English weights
        (rag.fusion.WEIGHTS_EN, rag.rerank.RERANK_WEIGHT_EN) and the gloss channel."""
        letters = [ch for ch in self.text if ch.isalpha()]
        return 2 * sum(ch.isascii() for ch in letters) > len(letters)


def check_question(question: object) -> str:
    """The question as text to search with, or :class:`InputError` saying what is wrong with it."""
    if not isinstance(question, str):
        raise InputError(f"the question must be text, not {type(question).__name__}")
    q = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t")
    q = q.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be embedded
    q = " ".join(q.split())
    if not q:
        raise InputError("the question is empty: type a question, e.g. 浙江的容错纠错机制是如何运作的？")
    if len(q) > MAX_QUESTION_CHARS:
        _log.warning("question truncated from %d to %d characters", len(q), MAX_QUESTION_CHARS)
        q = q[:MAX_QUESTION_CHARS]
    return q
