"""retrieve(): the one retrieval function behind the Python API, the command line and the chat.

question -> (dense hits from FAISS, keyword hits from BM25) -> fusion -> the best chunks of one article
joined into one passage, near-identical passages collapsed -> the answering sentence marked -> Passages.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

from rag.chunking import Chunk
from rag.config import Config
from rag.errors import InputError
from rag.glossary import abbreviations, chinese_words
from rag.highlight import best_sentences
from rag.passage import Citation, Passage
from rag.store.index import Index, context_text
from rag.store.keyword import KeywordIndex
from rag.store.snapshot import current_snapshot, is_index
from rag.tokens import exact_phrases, normalize, to_simplified

__all__ = ["MODES", "demo_corpus", "open_index", "retrieve"]

_log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "keyword")
MAX_QUESTION_CHARS = 2000
# Chunks of one article ranked this high are joined into its passage (see _merge).
JOIN_RANKS = 20
# Between two pieces of a passage where the article's text in between was left out.
SKIPPED = "\n…\n"
_OPEN_MAX = 4
_open: OrderedDict[tuple[str, str], Index] = OrderedDict()
_open_lock = threading.Lock()


def demo_corpus() -> Path:
    """The newspaper page shipped inside the package."""
    return Path(str(resources.files("rag") / "data" / "news-page-2024-03-29.txt"))


def open_index(
    path: str | Path | None = None,
    *,
    config: Config | None = None,
    on_status: Callable[[str], None] | None = None,
) -> Index:
    """Open an index folder (``None``: the default index, built from the demo page on first use).

    Opened indexes are kept in a small bounded cache keyed by folder and live snapshot, so repeated calls
    are cheap and a newer snapshot written by ``rag index`` is picked up on the next call.
    """
    config = config or Config.from_env()
    if path is None:
        folder = config.index_dir
        if not is_index(folder):
            from rag.indexer import index_paths

            if on_status is not None:
                on_status(f"building the demo index at {folder} (first use only)")
            index_paths([demo_corpus()], folder, config=config, on_status=on_status)
    else:
        folder = Path(path).expanduser()
    snap = current_snapshot(folder)
    key = (str(folder.resolve()), snap.name)
    with _open_lock:
        if key in _open:
            _open.move_to_end(key)
            return _open[key]
    index = Index.open(folder)
    # Key by the snapshot actually opened: CURRENT may have switched since it was read above.
    key = (key[0], index.snapshot.name)
    with _open_lock:
        _open[key] = index
        while len(_open) > _OPEN_MAX:
            _open.popitem(last=False)
    return index


@dataclass
class _Hit:
    row: int
    dense: float | None = None
    keyword: float | None = None
    fused: float = 0.0
    rows: list[int] = field(default_factory=list)


def _check_question(question: object) -> str:
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


def retrieve(
    question: str,
    k: int = 5,
    index: Index | str | Path | None = None,
    *,
    mode: str | None = None,
    config: Config | None = None,
    source: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    highlight: bool = True,
) -> list[Passage]:
    """The ``k`` passages that best answer ``question``, best first.

    ``index``: an opened :class:`Index`, an index folder, or ``None`` for the default index (built from the
    demo page on first use). ``mode``: ``"hybrid"`` (default), ``"dense"`` or ``"keyword"``. ``source``
    keeps passages whose file name or path contains it; ``date_from``/``date_to`` (``YYYY-MM-DD``, inclusive)
    keep passages dated in that range. Bad input raises :class:`~rag.errors.InputError`.
    """
    config = config or Config.from_env()
    mode = mode or config.mode
    if mode not in MODES:
        raise InputError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(f"k must be a positive whole number, not {k!r}")
    q = _check_question(question)
    idx = index if isinstance(index, Index) else open_index(index, config=config)
    if not idx.chunks:
        return []
    allowed = _filter(idx, source, date_from, date_to)
    want = max(config.candidates, 4 * k)
    hits: dict[int, _Hit] = {}
    qvec: np.ndarray | None = None
    q_simple = to_simplified(q)

    dense_rows: list[tuple[int, float]] = []
    keyword_rows: list[tuple[int, float]] = []
    if mode in ("hybrid", "dense"):
        qvec = idx.embedder(config).encode_queries([q_simple])[0]
        scores, rows = idx.vectors.search(qvec, want if allowed is None else len(idx.chunks))
        dense_rows = _keep(scores, rows, allowed, want)
    keyword_all: np.ndarray | None = None
    if mode in ("hybrid", "keyword"):
        keyword_all = idx.keyword.scores(q)
        scores, rows = idx.keyword.search(q, want if allowed is None else len(idx.chunks), scores=keyword_all)
        keyword_rows = _keep(scores, rows, allowed, want)
    for r, s in dense_rows:
        hits.setdefault(r, _Hit(r)).dense = s
    for r, s in keyword_rows:
        hits.setdefault(r, _Hit(r)).keyword = s
    extra = _channels(idx, q, q_simple, config, allowed, want) if mode == "hybrid" else []
    for ch in extra:
        for r, _ in ch.rows:
            hits.setdefault(r, _Hit(r))
    if mode == "hybrid" and qvec is not None and keyword_all is not None:
        _complete(idx, hits, qvec, keyword_all)
    _fuse(hits, dense_rows, keyword_rows, mode, config, extra)
    if mode == "hybrid" and config.phrase_weight > 0:
        # On the reciprocal-rank scale, holding every phrase counts as a first place in one more ranking.
        unit = 1.0 / (config.rrf_k + 1) if config.fusion == "rrf" else 1.0
        _exact(idx, hits, exact_phrases(q), unit * config.phrase_weight)
    ranked = sorted(hits.values(), key=lambda h: -h.fused)
    sentence_vecs: dict[str, np.ndarray] = {}
    if mode == "hybrid" and config.rerank > 0 and config.rerank_weight and qvec is not None:
        ranked = _rerank(idx, ranked, qvec, config, sentence_vecs)
    groups = _merge(idx, ranked, max(1, config.passage_chunks))
    groups = _dedupe(idx, groups, k)
    passages = [_passage(idx, g, rank) for rank, g in enumerate(groups, 1)]
    if highlight and passages:
        if qvec is not None:
            for g in groups:
                for r in g.rows:
                    spans, vecs = idx.sentences.of(r)
                    sentence_vecs.update(_stored(idx.chunks[r].clean, spans, vecs))
        passages = best_sentences(q_simple, passages, idx, config, qvec, known=sentence_vecs)
    return passages


class _Channel(NamedTuple):
    """A further keyword ranking fused into hybrid mode: its weight, its best rows, every row's score."""

    weight: float
    rows: list[tuple[int, float]]
    scores: np.ndarray


def _channel(
    index: KeywordIndex, query: str, weight: float, allowed: np.ndarray | None, want: int
) -> _Channel:
    scores = index.scores(query)
    top, rows = index.search(query, want if allowed is None else len(scores), scores=scores)
    return _Channel(weight, _keep(top, rows, allowed, want), scores)


def _channels(
    idx: Index, q: str, q_simple: str, config: Config, allowed: np.ndarray | None, want: int
) -> list[_Channel]:
    """The keyword rankings that hybrid mode adds to the question's own. An English question reaches the
    Chinese text two more ways (a Chinese question has no Latin words and skips both): names through the
    pinyin index (rag.tokens), other words through their dictionary translations searched in the keyword
    index (rag.glossary). A Chinese question's abbreviations and full forms stand for each other (责任编辑 /
    责编, rag.glossary)."""
    out: list[_Channel] = []
    if idx.pinyin is not None and config.pinyin_weight > 0 and idx.pinyin.terms(q):
        out.append(_channel(idx.pinyin, q, config.pinyin_weight, allowed, want))
    for weight, words in (
        (config.translation_weight, chinese_words(q) if config.translation_weight > 0 else []),
        (config.abbreviation_weight, abbreviations(q_simple) if config.abbreviation_weight > 0 else []),
    ):
        if words:
            out.append(_channel(idx.keyword, " ".join(words), weight, allowed, want))
    return out


def _complete(idx: Index, hits: dict[int, _Hit], qvec: np.ndarray, keyword_all: np.ndarray) -> None:
    """Give every candidate both scores: a chunk found by one ranking alone gets its exact cosine (or its
    BM25 score, 0 when it shares no term) instead of counting as the worst in the other. A chunk that is
    the best keyword match but 201st by cosine should not lose to one that is merely first by cosine."""
    no_dense = [h for h in hits.values() if h.dense is None]
    if no_dense:
        cos = idx.vectors.score(qvec, np.array([h.row for h in no_dense], dtype=np.int64))
        for h, c in zip(no_dense, cos, strict=True):
            h.dense = float(c)
    for h in hits.values():
        if h.keyword is None:
            h.keyword = float(keyword_all[h.row])


def _keep(
    scores: np.ndarray, rows: np.ndarray, allowed: np.ndarray | None, want: int
) -> list[tuple[int, float]]:
    out: list[tuple[int, float]] = []
    for s, r in zip(scores, rows, strict=True):
        if r < 0 or (allowed is not None and not allowed[r]):
            continue
        out.append((int(r), float(s)))
        if len(out) >= want:
            break
    return out


def _fuse(
    hits: dict[int, _Hit],
    dense: list[tuple[int, float]],
    keyword: list[tuple[int, float]],
    mode: str,
    config: Config,
    extra: Sequence[_Channel] = (),
) -> None:
    """Set each hit's fused score.

    ``rrf``: reciprocal rank fusion, ``sum w / (rrf_k + rank)``. ``linear``: a weighted sum of the scores
    normalised over the candidates (dense: min-max of the cosines; keyword and each ``extra`` channel: BM25
    over its best BM25). A single mode keeps its own score.
    """
    if mode == "dense":
        for r, s in dense:
            hits[r].fused = s
        return
    if mode == "keyword":
        for r, s in keyword:
            hits[r].fused = s
        return
    if config.fusion == "rrf":
        for rank, (r, _) in enumerate(dense, 1):
            hits[r].fused += config.dense_weight / (config.rrf_k + rank)
        for rank, (r, _) in enumerate(keyword, 1):
            hits[r].fused += config.keyword_weight / (config.rrf_k + rank)
        for ch in extra:
            for rank, (r, _) in enumerate(ch.rows, 1):
                hits[r].fused += ch.weight / (config.rrf_k + rank)
        return
    if config.fusion != "linear":
        raise InputError(f"unknown fusion {config.fusion!r}: choose rrf or linear")
    if dense:
        hi, lo = dense[0][1], dense[-1][1]
        for h in hits.values():
            if h.dense is not None:
                # A chunk found by keyword alone, below the 200th cosine, counts as the 200th.
                x = (h.dense - lo) / (hi - lo) if hi > lo else 1.0
                h.fused += config.dense_weight * max(x, 0.0)
    if keyword:
        top = keyword[0][1]
        for h in hits.values():
            if h.keyword is not None:
                h.fused += config.keyword_weight * (h.keyword / top if top > 0 else 0.0)
    for ch in extra:
        if ch.rows and ch.rows[0][1] > 0:
            for h in hits.values():
                h.fused += ch.weight * float(ch.scores[h.row]) / ch.rows[0][1]


def _exact(idx: Index, hits: dict[int, _Hit], phrases: list[str], weight: float) -> None:
    """Add ``weight`` x the share of ``phrases`` (:func:`rag.tokens.exact_phrases`: what the question quotes,
    the people it names) that a candidate holds word for word, compared on letters and digits only.
    BM25 scores a quoted column name or a person's name as a few bigrams among many: a story that shares two
    common words of the question (担任, 职务) outscores the one chunk that names 杨丹."""
    wanted = [w for w in map(_norm, phrases) if len(w) >= 2]
    if not wanted:
        return
    # Only a candidate that holds every index term of some phrase is read, once.
    holding = [idx.keyword.holding(w) for w in wanted]
    for h in hits.values():
        maybe = [w for w, rows in zip(wanted, holding, strict=True) if rows[h.row]]
        if maybe:
            c = idx.chunks[h.row]
            text = _norm(normalize(context_text(idx.articles[c.article_id], c)))
            h.fused += weight * sum(w in text for w in maybe) / len(wanted)


def _rerank(
    idx: Index, ranked: list[_Hit], qvec: np.ndarray, config: Config, out: dict[str, np.ndarray]
) -> list[_Hit]:
    """Re-order the best ``config.rerank`` chunks by how well their best sentence matches the question.

    A chunk's new score is its fused score plus ``rerank_weight`` x (its best sentence's cosine - the best
    such cosine among them). A question usually has one sentence that answers it, and a chunk-level vector
    blurs that sentence with its neighbours. The sentence vectors were stored when the chunks were embedded
    (:mod:`rag.store.sentences`), so this costs no model call; a chunk carried from an older snapshot without
    them has its sentences embedded now, and those vectors are put in ``out`` for the answering sentence.
    """
    from rag.highlight import sentence_windows

    top = ranked[: config.rerank]
    best = np.full(len(top), -1.0)
    texts: list[str] = []
    owner: list[int] = []
    for i, h in enumerate(top):
        clean = idx.chunks[h.row].clean
        spans, vecs = idx.sentences.of(h.row)
        if len(spans):
            best[i] = float((vecs.astype(np.float32) @ qvec).max())
            continue
        for a, b in sentence_windows(clean):
            texts.append(clean[a:b])
            owner.append(i)
    if texts:
        embedded = idx.embedder(config).encode_passages(texts, batch_size=config.batch_size)
        out.update(zip(texts, embedded, strict=True))
        for j, i in enumerate(owner):
            best[i] = max(best[i], float(embedded[j] @ qvec))
    if not len(top) or best.max() < -0.5:
        return ranked
    ceiling = float(best.max())
    for i, h in enumerate(top):
        h.fused += config.rerank_weight * (best[i] - ceiling)
    return sorted(top, key=lambda h: -h.fused) + ranked[config.rerank :]


def _stored(clean: str, spans: np.ndarray, vecs: np.ndarray) -> dict[str, np.ndarray]:
    """Sentence text -> its stored vector (float32) for one chunk."""
    return {clean[int(a) : int(b)]: v.astype(np.float32) for (a, b), v in zip(spans, vecs, strict=True)}


def _filter(idx: Index, source: str | None, date_from: str | None, date_to: str | None) -> np.ndarray | None:
    if not source and not date_from and not date_to:
        return None
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise InputError(f"{name} must be a date like 2024-03-29, not {value!r}")
    ok = np.zeros(len(idx.chunks), dtype=bool)
    for i, ch in enumerate(idx.chunks):
        art = idx.articles[ch.article_id]
        doc = idx.documents[ch.doc_id]
        if source and source not in doc.source and source not in doc.name:
            continue
        date = art.date or doc.date
        if (date_from or date_to) and not date:
            continue
        if date_from and date and date < date_from:
            continue
        if date_to and date and date > date_to:
            continue
        ok[i] = True
    return ok


def _merge(idx: Index, ranked: Sequence[_Hit], limit: int) -> list[_Hit]:
    """Group ranked hits into passages of one article each, in rank order.

    A chunk joins a passage of its article when it overlaps or adjoins one of its chunks, or when it ranks in
    the top ``JOIN_RANKS`` and the passage holds fewer than ``limit`` chunks (the answer is often a paragraph
    away from the chunk that matched best; the reader gets both, marked as one passage, instead of the
    same article twice in the top k). Other chunks of the article start a passage of their own.
    """
    groups: list[_Hit] = []
    by_article: dict[str, list[_Hit]] = {}
    for rank, h in enumerate(ranked):
        ch = idx.chunks[h.row]
        mine = by_article.setdefault(ch.article_id, [])
        g = next((x for x in mine if any(_touch(idx.chunks[r], ch) for r in x.rows)), None)
        if g is None and rank < JOIN_RANKS:
            g = next((x for x in mine if len(x.rows) < limit), None)
        if g is None:
            g = _Hit(h.row, h.dense, h.keyword, h.fused, [h.row])
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


def _norm(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _dedupe(idx: Index, groups: list[_Hit], k: int) -> list[_Hit]:
    """The first ``k`` groups, skipping any whose text is (nearly) that of a group already kept: a story
    reprinted, or a caption repeated. Stops at ``k``: comparing all 200 candidates cost 70 ms at 100k chunks.
    Compared on what was indexed (:func:`context_text`): two headline-and-link stories differ only in their
    URLs but are the same headline."""
    out: list[_Hit] = []
    seen: list[set[str]] = []
    for g in groups:
        if len(out) >= k:
            break
        chunks = [idx.chunks[r] for r in g.rows]
        text = _norm(" ".join(context_text(idx.articles[c.article_id], c) for c in chunks))
        grams = {text[i : i + 4] for i in range(max(1, len(text) - 3))}
        if any(len(grams & s) >= 0.9 * min(len(grams), len(s)) for s in seen if s):
            continue
        seen.append(grams)
        out.append(g)
    return out


def _passage(idx: Index, g: _Hit, rank: int) -> Passage:
    chunks = sorted((idx.chunks[r] for r in g.rows), key=lambda c: c.position)
    text, pieces = chunks[0].clean, list(chunks[0].pieces)
    for prev, ch in itertools.pairwise(chunks):
        text, pieces = _join(idx, text, pieces, ch, skipped=ch.position - prev.position > 1)
    art = idx.articles[chunks[0].article_id]
    doc = idx.documents[chunks[0].doc_id]
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
    idx: Index, text: str, pieces: list[tuple[int, int, int]], nxt: Chunk, *, skipped: bool = False
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
