"""Whether the retrieved passages answer the question, or only come closest to it.

Retrieval always returns its best passages, even for a question the index cannot answer (「火星基地今年建成了
几座？」). The signal that separates the two is the score of each passage's answering sentence
(:mod:`rag.highlight`: its cosine with the question plus a small share-of-terms bonus); a passage whose
sentence reaches :data:`ANSWER_THRESHOLD` answers. Questions written mostly in Latin letters meet the Chinese
text across languages, where cosines run lower, so they have their own threshold. A place the question names
(江苏, 厦门市思明区) that no answering passage mentions means the passages are about somewhere else: the
question is not answered however close the wording. Both thresholds were chosen on the sample questions and
half of ``rag/data/unanswerable_page_qa.jsonl`` (docs/experiments.md, "Knowing when nothing answers").

With no question vector (the keyword mode) the sentence scores hold no cosine, and nothing is judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from rag.passage import Passage
from rag.question import Question

__all__ = ["ANSWER_THRESHOLD", "LATIN_ANSWER_THRESHOLD", "Verdict", "judge", "threshold"]

#: A passage answers a question written in Chinese when its answering sentence scores at least this.
ANSWER_THRESHOLD = 0.885
#: The same for a question written mostly in Latin letters (English): cross-language cosines run lower.
LATIN_ANSWER_THRESHOLD = 0.775

_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Administrative endings, longest first, taken off a place before looking for it in a passage: the passage
# may say 鲤城 or 鲤城区 where the question says 鲤城区街道.
_PLACE_ENDINGS = ("街道", "社区", "自治区", "省", "市", "区", "县", "镇", "乡", "村")


class Verdict(NamedTuple):
    """``answered``: some passage answers the question; ``confidence``: the best answering-sentence score
    (``None`` where nothing was judged: the keyword mode); ``answering``: the ranks of the passages whose
    sentence passes the threshold; ``missing``: places the question names that no answering passage
    mentions."""

    answered: bool
    confidence: float | None
    answering: tuple[int, ...]
    missing: tuple[str, ...] = ()


def threshold(question: str) -> float:
    """The answering-sentence score a passage needs to answer ``question``."""
    latin = len(_LATIN.findall(question)) > len(_HAN.findall(question))
    return LATIN_ANSWER_THRESHOLD if latin else ANSWER_THRESHOLD


def judge(question: str, passages: Sequence[Passage]) -> Verdict:
    """Whether ``passages`` (from :func:`rag.retrieve` for ``question``) answer it."""
    scored = [p for p in passages if p.answer is not None]
    if passages and all(p.dense_score is None for p in passages):
        return Verdict(True, None, tuple(p.rank for p in scored))
    if not scored:
        return Verdict(False, None if not passages else 0.0, ())
    best = max(p.answer.score for p in scored if p.answer is not None)
    t = threshold(question)
    answering = [p for p in scored if p.answer is not None and p.answer.score >= t]
    missing = _missing_places(question, answering) if answering else ()
    ok = bool(answering) and not missing
    return Verdict(ok, float(best), tuple(p.rank for p in answering) if ok else (), missing)


def _missing_places(question: str, passages: Sequence[Passage]) -> tuple[str, ...]:
    from rag.followup import _words  # jieba's tagger loads on first use, not on import

    text = "".join(p.text + p.citation.title for p in passages)
    missing = []
    for word, kind in _words(Question.of(question).simple):
        if kind == "place" and _stem(word) not in text:
            missing.append(word)
    return tuple(dict.fromkeys(missing))


def _stem(place: str) -> str:
    while True:
        end = next((e for e in _PLACE_ENDINGS if place.endswith(e) and len(place) - len(e) >= 2), None)
        if end is None:
            return place
        place = place[: -len(end)]
