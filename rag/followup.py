"""rewrite(): a follow-up question made standalone, from the conversation's earlier questions, without an LLM.

A chat question often leans on the one before: 「那江苏呢？」 after 「浙江的容错纠错机制是如何运作的？」,
「它是什么时候开始的？」 after a question about 杨丹, "what about Jiangsu?". Searched as typed, such a question
finds whatever mentions 江苏 or 它. Rewritten, it is searched as the reader meant it:

* an ellipsis (「那江苏呢？」, 「昨天呢？」, "what about Jiangsu?") puts its new element in the place of the
  previous question's element of the same kind (a place for a place, a person for a person, a date for a
  date), keeping the rest of that question; with no such element it is put in front of it;
* a question that starts with a pronoun (它, 他, 这个, 该, "it", "they"), or that names nothing at all
  (「是什么时候开始的？」), gets the previous question's topic: its content words (jieba's parts of speech:
  names, places, organisations, nouns, verbs), less what the new question names of the same kind;
* any other question is standalone and is left as it is.

The previous question is itself made standalone first, so a chain of follow-ups keeps its topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.dates import is_listing, parse_dates
from rag.tokens import _posseg

__all__ = ["is_followup", "rewrite", "topic"]

#: How many earlier questions a follow-up may reach back through.
HISTORY_TURNS = 4
#: A question this short (in Chinese characters) that names no person, place, organisation or quoted phrase
#: leans on the one before (「上门回访了几次？」); a longer one says enough to stand alone.
SHORT_QUESTION = 16

_HAN = re.compile(r"[\u4e00-\u9fff]")
_END = re.compile(r"[\s？?。.!！]+$")
_LEAD = re.compile(r"^(?:那么|那|而|还有|另外|再问一下)\s*")
_PRONOUN = re.compile(r"^(?:它们|他们|她们|它|他|她|其|(?:这|那|该|此)(?:个|些|项|种|位|名|篇|次|条|一)?)")
_BARE_PRONOUN = re.compile(r"它们|它|他(?!们|人)|她(?!们)")
_ELLIPSIS = re.compile(
    r"^(?:那么|那|还有|而)?\s*(.{1,16}?)\s*(?:的情况|的呢|情况如何|怎么样|呢)\s*[？?。!！]*$"
)
_EN_ELLIPSIS = re.compile(
    r"^(?:and|so|then)?\s*(?:what|how)\s+about\s+(.+?)[\s?.!]*$|^and\s+(.+?)[\s?.!]*$", re.I
)
_EN_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her|this|that|these|those)\b", re.I)
_EN_NAME = re.compile(
    r"(?<!^)(?<![.?!]\s)\b[A-Z][a-z]+(?:'s)?(?:\s+[A-Z][a-z]+(?:'s)?)*(?:\s+(?:district|province|city|county))?"
)
_QUOTED = re.compile(r"《([^》]+)》|“([^”]+)”|\"([^\"]+)\"")
_ASKING = re.compile(r"什么|怎么|如何|哪|谁|多少|几|为什么|吗|是否|\?|？")
_NOUN_TAGS = ("n", "j", "eng", "t")
_SUFFIX = ("省", "市", "区", "县", "镇", "乡", "村", "街道", "社区")
_STOP = set(
    "什么 哪些 哪个 哪位 哪里 多少 如何 怎么 怎样 怎么样 为什么 是否 是 有 在 的 了 吗 呢 和 与 及 都 也 "
    "时候 问题 情况 方面 进行 开展 这些 那些 这个 那个 一些 可以 能够 需要 主要 具体 哪 谁 几 哪一年".split()
)
_CONTENT_TAGS = ("n", "v", "a", "j", "t", "i", "l", "eng")


def _kind(tag: str) -> str:
    if tag.startswith("nr"):
        return "person"
    if tag == "ns":
        return "place"
    if tag == "nt":
        return "org"
    if tag == "t":
        return "time"
    return "thing"


def _words(text: str) -> list[tuple[str, str]]:
    """The content words of ``text`` in order, each with its kind (person, place, org, time, thing); a
    place's administrative suffix (丰台 + 区) stays with it."""
    out: list[tuple[str, str]] = []
    for w, tag in _posseg().cut(text):
        w = w.strip()
        if out and out[-1][1] == "place" and w in _SUFFIX:
            out[-1] = (out[-1][0] + w, "place")
        elif w and w not in _STOP and tag.startswith(_CONTENT_TAGS) and (len(w) >= 2 or tag == "eng"):
            kind = _kind(tag)
            out.append((w, "place" if kind == "thing" and len(w) >= 3 and w.endswith(_SUFFIX) else kind))
    return out


def topic(question: str) -> list[str]:
    """What a question is about: its content words, in order, each once (Latin words whole)."""
    seen: list[str] = []
    for w, _ in _words(question):
        if w not in seen:
            seen.append(w)
    return seen


def _english_names(text: str) -> list[str]:
    return [m.group() for m in _EN_NAME.finditer(text) if m.group() not in ("I",)]


def _ellipsis(question: str) -> str | None:
    """The new element of an ellipsis (「那江苏呢？」 -> 江苏, "what about Jiangsu?" -> Jiangsu), else ``None``."""
    m = _EN_ELLIPSIS.match(question)
    if m:
        return (m.group(1) or m.group(2)).strip()
    m = _ELLIPSIS.match(question)
    if not m:
        return None
    element = m.group(1).strip().removesuffix("的")
    found = parse_dates(element)
    if found is not None and not found.question:
        return element
    if (
        len(element) > 10
        or _ASKING.search(element)
        or _PRONOUN.match(element)
        or _BARE_PRONOUN.search(element)
    ):
        return None
    return element if _words(element) else None


def is_followup(question: str) -> bool:
    """Whether ``question`` leans on the one before it (an ellipsis, a leading pronoun, or nothing named)."""
    q = _END.sub("", question.strip())
    if _ellipsis(question.strip()) is not None:
        return True
    if not _HAN.search(q):
        return (bool(_EN_PRONOUN.search(q)) and not _english_names(q)) or not q
    body = _LEAD.sub("", q)
    if _PRONOUN.match(body):
        return True
    nouns = [w for w, tag in _posseg().cut(body) if tag.startswith(_NOUN_TAGS) and w not in _STOP]
    named = any(kind in ("person", "place", "org") for _, kind in _words(body)) or bool(_QUOTED.search(body))
    short = len(_HAN.findall(body)) <= SHORT_QUESTION
    return not nouns or (not named and (short or bool(_BARE_PRONOUN.search(body))))


def _substitute(previous: str, element: str) -> str:
    """``previous`` with ``element`` in the place of its element of the same kind (else in front)."""
    found = parse_dates(element)
    if found is not None and not found.question:  # a date for a date
        old = parse_dates(previous)
        if old is not None:
            text = previous
            for w in old.words:
                text = text.replace(w, "\0", 1)
            return re.sub("\0+", element, text, count=1).replace("\0", "")
        return element + previous
    if not _HAN.search(element) and not _HAN.search(previous):
        names = _english_names(previous)
        return previous.replace(names[0], element, 1) if names else f"{element}: {previous}"
    kinds = {kind for _, kind in _words(element)} - {"thing"}
    run = _first_run(previous, kinds)
    if run is not None:
        return previous[: run[0]] + element + previous[run[1] :]
    if kinds:
        return element + previous
    end = _END.search(previous)
    return " ".join([*_named(previous), element]) + (end.group() if end else "")


def _first_run(text: str, kinds: set[str]) -> tuple[int, int] | None:
    """Where the first words of one of ``kinds`` stand in ``text``, adjacent ones together (北京丰台区)."""
    run: tuple[int, int] | None = None
    at = 0
    for w, kind in _words(text):
        at = text.find(w, at)
        if at < 0:
            return run
        if kind in kinds and (run is None or text[run[1] : at].strip() in ("", "省", "市")):
            run = (run[0] if run else at, at + len(w))
        elif run is not None:
            return run
        at += len(w)
    return run


def _named(text: str) -> list[str]:
    """The quoted phrases (《非公企业党建》) and the people, places and organisations ``text`` names."""
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]
    names = [w for w, kind in _words(text) if kind in ("person", "place", "org")]
    return list(dict.fromkeys([*quoted, *(w for w in names if not any(w in q for q in quoted))]))


def _carry(previous: str, question: str) -> str:
    """``question`` with the previous question's topic put in place of its pronoun (or in front)."""
    q = _LEAD.sub("", question.strip())
    own = _words(q)
    kinds = {kind for _, kind in own} - {"thing"}
    mine = {w for w, _ in own}
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(previous)]
    carried = [w for w in quoted if w not in q] + [
        w
        for w, kind in _words(previous)
        if kind not in kinds and w not in mine and w not in q and not any(w in x for x in quoted)
    ]
    if not _HAN.search(previous):
        carried = _english_names(previous) or [w for w in re.findall(r"[A-Za-z]+", previous)[1:]]
    if not carried:
        return question
    head = " ".join(dict.fromkeys(carried))
    if not _HAN.search(q):
        pronoun = _EN_PRONOUN.search(q)
        return q[: pronoun.start()] + head + q[pronoun.end() :] if pronoun else f"{head}: {q}"
    m = _PRONOUN.match(q)
    return f"{head} {q[m.end() :] if m else q}"


def _rewrite_one(question: str, previous: str) -> str:
    element = _ellipsis(question.strip())
    if element is not None:
        return _substitute(previous, element)
    dated = parse_dates(question)
    if is_listing(dated.question if dated else question):  # 「昨天有什么新闻？」 asks for no topic
        return question
    if is_followup(question):
        return _carry(previous, question)
    return question


def rewrite(question: str, history: Sequence[str] = ()) -> str:
    """``question`` as a standalone question, given the conversation's earlier questions (``history``,
    newest last); a question that does not lean on them comes back unchanged."""
    previous: str | None = None
    for turn in list(history)[-HISTORY_TURNS:]:
        if isinstance(turn, str) and turn.strip():
            previous = turn.strip() if previous is None else _rewrite_one(turn.strip(), previous)
    if previous is None or not isinstance(question, str) or not question.strip():
        return question
    return _rewrite_one(question, previous)
