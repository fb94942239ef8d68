"""Which chunks a question may find: by source file and by date. Applied to every channel's candidates, so
a filtered search ranks the same way as an unfiltered one over fewer chunks.

A filter is a small value (:class:`Filter`) that each store reads its own way: the index folder as a mask of
chunk rows (:func:`mask`), Milvus as a filter expression on its scalar fields (rag.store.milvus). Both
stores hold the records, so :class:`Where` carries the mask too: a store that filtered on its side keeps
only the rows the mask allows, so the two stores keep the same rows.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple, Protocol

import numpy as np

from rag.errors import InputError

__all__ = ["Filter", "Where", "allowed_rows", "mask", "where"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Records(Protocol):
    documents: dict
    articles: dict
    chunks: list


class Filter(NamedTuple):
    """Keep chunks whose file name or path contains ``source`` and whose article (or document) is dated
    ``date_from``..``date_to`` (``YYYY-MM-DD``, inclusive; an undated chunk fails any date bound)."""

    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None


class Where(NamedTuple):
    """A filter with the rows it keeps (``mask[row]``)."""

    filter: Filter
    mask: np.ndarray


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def checked(source: str | None, date_from: str | None, date_to: str | None) -> Filter | None:
    """The filter these arguments ask for (``None``: no filter); a malformed date is an :class:`InputError`."""
    if not source and not date_from and not date_to:
        return None
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value and not (_DATE.fullmatch(value) and _is_date(value)):
            raise InputError(f"{name} must be a date like 2024-03-29, not {value!r}")
    return Filter(source or None, date_from or None, date_to or None)


def mask(index: _Records, f: Filter) -> np.ndarray:
    """Which chunk rows of ``index`` pass ``f``."""
    source, date_from, date_to = f
    ok = np.zeros(len(index.chunks), dtype=bool)
    for i, ch in enumerate(index.chunks):
        doc = index.documents[ch.doc_id]
        if source and source not in doc.source and source not in doc.name:
            continue
        date = index.articles[ch.article_id].date or doc.date
        if (date_from or date_to) and not date:
            continue
        if (date_from and date and date < date_from) or (date_to and date and date > date_to):
            continue
        ok[i] = True
    return ok


def where(index: _Records, source: str | None, date_from: str | None, date_to: str | None) -> Where | None:
    """The filter and its mask over ``index`` (``None``: no filter)."""
    f = checked(source, date_from, date_to)
    return None if f is None else Where(f, mask(index, f))


def allowed_rows(
    index: _Records, source: str | None, date_from: str | None, date_to: str | None
) -> np.ndarray | None:
    """A mask of the chunks that pass the filters (``None``: no filter). ``source`` keeps chunks whose file
    name or path contains it; ``date_from``/``date_to`` (``YYYY-MM-DD``, inclusive) keep chunks whose article
    (or document) is dated in that range, and drop undated ones."""
    w = where(index, source, date_from, date_to)
    return None if w is None else w.mask
