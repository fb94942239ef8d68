"""Which chunks a question may find: by source file and by date. Applied to every channel's candidates, so
a filtered search ranks the same way as an unfiltered one over fewer chunks."""

from __future__ import annotations

import datetime
import re

import numpy as np

from rag.errors import InputError
from rag.store.index import Index

__all__ = ["allowed_rows"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def allowed_rows(
    index: Index, source: str | None, date_from: str | None, date_to: str | None
) -> np.ndarray | None:
    """A mask of the chunks that pass the filters (``None``: no filter). ``source`` keeps chunks whose file
    name or path contains it; ``date_from``/``date_to`` (``YYYY-MM-DD``, inclusive) keep chunks whose article
    (or document) is dated in that range, and drop undated ones."""
    if not source and not date_from and not date_to:
        return None
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value and not (_DATE.fullmatch(value) and _is_date(value)):
            raise InputError(f"{name} must be a date like 2024-03-29, not {value!r}")
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
