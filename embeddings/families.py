"""What a model family wants put before questions and passages, when the model folder does not say.

A sentence-transformers folder may carry its own prompts (``config_sentence_transformers.json``); those win.
Many published retrieval models were trained with a prompt their folder does not record, and an index built
without it is quietly worse: e5 wants ``query: ``/``passage: ``, the Chinese and English BGE v1.5 models
want an instruction before the question only, bge-m3 and the gte multilingual models want nothing. The
family is read from the model's name (the last part of its id or folder), first match wins.

A family table rather than ``if`` branches, so adding a family is one line and the test reads the table.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .default_model import E5_PROMPTS

__all__ = ["FAMILIES", "Family", "family_of"]


class Family(NamedTuple):
    """A model family: the pattern its names match, and its question / passage prompts (``None``: none)."""

    name: str
    pattern: str
    query: str | None
    passage: str | None


_BGE_ZH = "为这个句子生成表示以用于检索相关文章："
_E5_INSTRUCT = "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery: "
_BGE_EN = "Represent this sentence for searching relevant passages: "

#: Known families, most specific first. The prompts are the ones on each family's model card.
FAMILIES: tuple[Family, ...] = (
    Family("e5-instruct", r"(multilingual-)?e5-.*instruct", _E5_INSTRUCT, None),
    Family("e5", r"(multilingual-)?e5-", E5_PROMPTS["query"], E5_PROMPTS["passage"]),
    Family("bge-m3", r"bge-m3", None, None),
    Family("bge-zh", r"bge-(small|base|large)-zh", _BGE_ZH, None),
    Family("bge-en", r"bge-(small|base|large)-en", _BGE_EN, None),
    Family("gte-multilingual", r"gte-multilingual", None, None),
)


def family_of(spec: str) -> Family | None:
    """The family of a model id or folder path, or ``None`` when no known family matches."""
    name = re.split(r"[/\\]", spec.rstrip("/\\"))[-1].lower()
    return next((f for f in FAMILIES if re.match(f.pattern, name)), None)
