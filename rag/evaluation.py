"""Retrieval evaluation: question sets, hit matching, ranking metrics and reports.

A question set is a JSONL file, one object per line::

    {"q": "去年浙江全省共实施容错纠错多少起？", "gold": ["去年全省共实施容错纠错241起"], "tags": ["number"]}
    {"q": "《战国无双3》是由哪两个公司合作开发的？", "doc_id": "3f1c0a9e2b7d4c15"}

``gold`` lists substrings of the passage that answers; a retrieved passage is a *hit* when its text contains
any of them, compared with all whitespace removed from both sides (so line breaks in the source do not
matter). ``doc_id`` instead marks the one document that answers; a passage is a hit when it comes from that
document. An item may give both; either kind of match counts. Other fields (``tags``, ``article``, ``id``,
...) are carried or ignored.

Metrics treat every question as having a single answer: only the rank of the *first* hit matters.

* ``recall[k]`` (R@k) is the fraction of questions with a hit in the top ``k`` (the hit rate; with one
  answer per question it is the same as recall).
* ``mrr`` is the mean of ``1 / rank`` of the first hit within the top 10 (0 when there is none).
* ``ndcg`` is nDCG@10 with binary relevance where only the first hit earns gain: DCG = ``1 / log2(rank + 1)``
  and the ideal DCG is 1 (the answer at rank 1). Several passages may contain a gold substring (overlapping
  chunks, a headline repeated in the body); counting each of them would reward returning near-duplicates,
  and the ideal ranking would depend on how the text was chunked, so later hits are deliberately ignored.
* ``answer`` (Ans@1) is the fraction of questions with gold substrings whose rank-1 passage is a hit *and*
  whose marked answering sentence overlaps a gold substring there: how often the sentence a reader is shown
  first is the one that answers. ``None`` when no question has gold substrings (``doc_id`` sets).
"""

from __future__ import annotations

import importlib
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from rag.errors import InputError

__all__ = [
    "CUTOFF",
    "KS",
    "Metrics",
    "Miss",
    "QAItem",
    "QuestionScore",
    "aggregate",
    "answer_hit",
    "evaluate",
    "format_table",
    "is_hit",
    "load_qa",
    "score_ranking",
    "squash",
    "write_misses",
]

KS: tuple[int, ...] = (1, 5, 10)
"""The recall cut-offs reported by default."""

CUTOFF = 10
"""Depth for MRR and nDCG."""

_FIRST_CHARS = 120  # how much of the rank-1 passage a miss report keeps
_WHITESPACE = re.compile(r"\s+")


class QAItem(NamedTuple):
    """One question and how to recognise a passage that answers it."""

    q: str
    gold: tuple[str, ...]
    doc_id: str | None
    tags: tuple[str, ...]


class QuestionScore(NamedTuple):
    """Metric values for one question; ``rank`` is the 1-based rank of the first hit, or ``None``;
    ``answer``: whether the rank-1 answering sentence overlaps a gold substring (``None``: not measured)."""

    rank: int | None
    recall: dict[int, float]
    rr: float
    ndcg: float
    answer: bool | None = None


class Metrics(NamedTuple):
    """Means over ``n`` questions: recall at each cut-off, MRR@10, nDCG@10 and Ans@1 (over the questions
    where it was measured; ``None`` when none was)."""

    n: int
    recall: dict[int, float]
    mrr: float
    ndcg: float
    answer: float | None = None


class Miss(NamedTuple):
    """A question whose rank-1 passage was not a hit.

    ``first`` is the start of the rank-1 passage's text and ``first_source`` where it came from (both empty
    when nothing was retrieved); ``rank_of_hit`` is the rank of the first hit, or ``None`` when none of the
    retrieved passages was one.
    """

    q: str
    expected: tuple[str, ...]
    first: str
    first_source: str
    rank_of_hit: int | None


def squash(text: str) -> str:
    """``text`` with all whitespace (including full-width spaces and line breaks) removed."""
    return _WHITESPACE.sub("", text)


# ---------------------------------------------------------------------------------------------------------
# Loading


def _string_list(value: Any, field: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where}: {field!r} must be a list of strings")
    return tuple(value)


def _parse_item(line: str, where: str) -> QAItem:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputError(f'{where}: expected a JSON object like {{"q": ..., "gold": [...]}}')
    q = obj.get("q")
    if not isinstance(q, str) or not q.strip():
        raise InputError(f"{where}: missing question: give a non-empty string in field 'q'")
    gold = _string_list(obj.get("gold", []), "gold", where)
    if any(not squash(g) for g in gold):
        raise InputError(f"{where}: 'gold' contains an empty string, which would match every passage")
    doc_id = obj.get("doc_id")
    if doc_id is not None and (not isinstance(doc_id, str) or not doc_id):
        raise InputError(f"{where}: 'doc_id' must be a non-empty string")
    if not gold and doc_id is None:
        raise InputError(f"{where}: no answer given: add 'gold' (substrings of the answer) or 'doc_id'")
    tags = _string_list(obj.get("tags", []), "tags", where)
    return QAItem(q=q.strip(), gold=gold, doc_id=doc_id, tags=tags)


def load_qa(path: str | Path) -> list[QAItem]:
    """Read a JSONL question set. Blank lines are skipped.

    Raises ``InputError`` naming ``file:line`` for a malformed line, and for a missing, unreadable or empty
    file.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{p}: question file not found") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder, expected a JSONL question file") from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: not UTF-8 text; save the question file as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read question file ({exc.strerror})") from None
    items = [
        _parse_item(line, f"{p}:{lineno}")
        for lineno, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    if not items:
        raise InputError(f"{p}: contains no questions")
    return items


# ---------------------------------------------------------------------------------------------------------
# Matching and scoring


def is_hit(text: str, doc_id: str, item: QAItem) -> bool:
    """Whether a passage (its ``text`` and its document's ``doc_id``) answers ``item``.

    True when the whitespace-free text contains any whitespace-free gold substring, or when ``doc_id``
    equals the item's ``doc_id``.
    """
    if item.doc_id is not None and doc_id == item.doc_id:
        return True
    if item.gold:
        flat = squash(text)
        return any(squash(g) in flat for g in item.gold)
    return False


def answer_hit(text: str, start: int, end: int, item: QAItem) -> bool:
    """Whether ``text[start:end]`` (a passage's answering sentence) overlaps an occurrence of a gold
    substring in ``text``, whitespace ignored as in :func:`is_hit`."""
    if not item.gold or not 0 <= start < end <= len(text):
        return False
    flat = squash(text)
    # Position of text[i] in the whitespace-free text, for every i.
    before = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        before[i + 1] = before[i] + (0 if _WHITESPACE.fullmatch(ch) else 1)
    a, b = before[start], before[end]
    for g in item.gold:
        g = squash(g)
        at = flat.find(g)
        while at >= 0:
            if at < b and a < at + len(g):
                return True
            at = flat.find(g, at + 1)
    return False


def score_ranking(hits: Sequence[bool], ks: Sequence[int] = KS, *, cutoff: int = CUTOFF) -> QuestionScore:
    """Score one ranked list, given whether each position (rank 1 first) is a hit.

    Only the first hit counts (see the module docstring). Recall at ``k`` is 1.0 when it is within the top
    ``k``; reciprocal rank and nDCG are 0 when it lies beyond ``cutoff``.
    """
    if any(k < 1 for k in ks) or cutoff < 1:
        raise ValueError("cut-offs must be positive")
    rank = next((i for i, hit in enumerate(hits, start=1) if hit), None)
    recall = {k: 1.0 if rank is not None and rank <= k else 0.0 for k in ks}
    if rank is None or rank > cutoff:
        return QuestionScore(rank=rank, recall=recall, rr=0.0, ndcg=0.0)
    return QuestionScore(rank=rank, recall=recall, rr=1.0 / rank, ndcg=1.0 / math.log2(rank + 1))


def aggregate(scores: Iterable[QuestionScore], ks: Sequence[int] = KS) -> Metrics:
    """Mean of per-question scores. With no scores, every value is 0.0 and ``n`` is 0."""
    scores = list(scores)
    n = len(scores)
    if n == 0:
        return Metrics(n=0, recall=dict.fromkeys(ks, 0.0), mrr=0.0, ndcg=0.0)
    recall = {k: math.fsum(s.recall.get(k, 0.0) for s in scores) / n for k in ks}
    measured = [s.answer for s in scores if s.answer is not None]
    return Metrics(
        n=n,
        recall=recall,
        mrr=math.fsum(s.rr for s in scores) / n,
        ndcg=math.fsum(s.ndcg for s in scores) / n,
        answer=sum(measured) / len(measured) if measured else None,
    )


# ---------------------------------------------------------------------------------------------------------
# Running


def _passage_fields(passage: Any) -> tuple[str, str, str]:
    """(text, doc_id, source) of a retrieved passage."""
    citation = getattr(passage, "citation", None)
    doc_id = str(getattr(citation, "doc_id", "") or "")
    source = str(getattr(citation, "source", "") or "")
    return str(passage.text), doc_id, source


def evaluate(
    items: Sequence[QAItem],
    *,
    index: Any,
    mode: str = "hybrid",
    k: int = 10,
    retrieve: Callable[..., Sequence[Any]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Metrics, list[Miss]]:
    """Retrieve ``k`` passages for every question and score the rankings.

    Calls ``retrieve(item.q, k=k, mode=mode, index=index)``, which defaults to ``rag.retrieve``; pass an
    opened ``rag.Index`` as ``index`` so that it is loaded once. Returned passages need ``text`` and
    ``citation.doc_id`` / ``citation.source``. ``progress(done, total)`` is called after each question.

    Returns the metrics and one ``Miss`` for each question whose rank-1 passage is not a hit. With ``k``
    below 10, R@10, MRR@10 and nDCG@10 only see the top ``k``.
    """
    if not items:
        raise InputError("no questions to evaluate")
    if k < 1:
        raise InputError(f"k must be at least 1, got {k}")
    if retrieve is None:
        # Imported here, not at module level: importing rag loads the retrieval stack (models, faiss).
        retrieve = importlib.import_module("rag").retrieve
    scores: list[QuestionScore] = []
    misses: list[Miss] = []
    total = len(items)
    for done, item in enumerate(items, start=1):
        found = list(retrieve(item.q, k=k, mode=mode, index=index))[:k]
        passages = [_passage_fields(p) for p in found]
        score = score_ranking([is_hit(text, doc_id, item) for text, doc_id, _ in passages])
        marks = [getattr(p, "answer", None) for p in found]
        if item.gold and any(m is not None for m in marks):  # measured where passages carry their answers
            mark = marks[0]
            score = score._replace(
                answer=score.rank == 1
                and mark is not None
                and answer_hit(passages[0][0], int(mark.start), int(mark.end), item)
            )
        scores.append(score)
        if score.rank != 1:
            first, first_source = (passages[0][0], passages[0][2]) if passages else ("", "")
            expected = item.gold or ((item.doc_id,) if item.doc_id is not None else ())
            misses.append(
                Miss(
                    q=item.q,
                    expected=expected,
                    first=_shorten(first),
                    first_source=first_source,
                    rank_of_hit=score.rank,
                )
            )
        if progress is not None:
            progress(done, total)
    return aggregate(scores), misses


def _shorten(text: str, limit: int = _FIRST_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------------------
# Reports


def format_table(results: dict[str, Metrics]) -> str:
    """A plain-text table, one row per mode: n, R@k for each cut-off, MRR@10, nDCG@10, and Ans@1 when any
    row measured it."""
    ks = sorted({k for m in results.values() for k in m.recall}) or list(KS)
    with_answer = any(m.answer is not None for m in results.values())
    header = ["mode", "n", *(f"R@{k}" for k in ks), f"MRR@{CUTOFF}", f"nDCG@{CUTOFF}"]
    header += ["Ans@1"] if with_answer else []
    rows = [header]
    for mode, m in results.items():
        values = [*(m.recall.get(k, 0.0) for k in ks), m.mrr, m.ndcg]
        cells = [f"{v:.3f}" for v in values]
        if with_answer:
            cells.append("-" if m.answer is None else f"{m.answer:.3f}")
        rows.append([mode, str(m.n), *cells])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def write_misses(path: str | Path, misses: Iterable[Miss]) -> None:
    """Write misses as JSONL (UTF-8, readable Chinese), creating parent folders."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8", newline="\n") as fh:
        for miss in misses:
            record = miss._asdict()
            record["expected"] = list(miss.expected)
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
