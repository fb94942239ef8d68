"""The page a PDF passage was cited from, rendered with the cited lines marked (for the chat's Context tab).

Why a check before drawing: the boxes were measured on the file as it was indexed. If the file has been
removed or rewritten since, marks drawn on today's page would point at the wrong words, so that is said in
one line (:class:`~rag.errors.InputError`) instead. A page with a text layer is compared by its printed
characters (cheap: no layout, no OCR); a scanned page, whose characters only OCR could tell, is taken as it
is. Nothing here loads the model: rendering is pypdfium2 and Pillow only.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from rag.catalog import article_context
from rag.errors import InputError
from rag.passage import Passage
from rag.store.index import Index

__all__ = ["page_image"]


def page_image(index: Index, passage: Passage, *, width: int = 900) -> bytes | None:
    """A PNG, ``width`` pixels wide, of the page ``passage`` begins on, its cited lines marked; ``None``
    for a passage that is not from a PDF.

    Raises :class:`~rag.errors.InputError` when the passage's file has been removed from the index, is no
    longer on disk, or has changed since it was indexed.
    """
    c = passage.citation
    article_context(index, passage)  # the index still holds these characters, or a clear error
    doc = index.documents[c.doc_id]
    if doc.format != "pdf" or c.page is None or not doc.layout:
        return None
    path = Path(doc.source)
    if not path.is_file():
        raise InputError(f"{doc.name} is no longer at {path}, so its page cannot be shown")
    _check_page(path, c.page, doc.text, doc.layout, doc.name)
    from rag.pdf import render_page

    image = render_page(path, c.page, c.boxes, width=width)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _check_page(path: Path, page: int, text: str, layout: str, name: str) -> None:
    """Raise when page ``page`` of the file on disk no longer prints the characters indexed from it."""
    import numpy as np
    import pypdfium2 as pdfium

    from rag.pdf import PAGE, decode_layout
    from rag.pdf import _glyphs as glyphs_of

    changed = InputError(f"{name} has changed on disk since it was indexed; index it again to see its pages")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise changed from None
    try:
        if page > len(pdf):
            raise changed
        p = pdf[page - 1]
        try:
            printed = Counter(g.ch for g in glyphs_of(p))
        finally:
            p.close()
    finally:
        pdf.close()
    arr = decode_layout(layout)
    where = np.flatnonzero(arr[:, PAGE] == page)
    if not printed:  # a scan: only OCR could tell its characters
        return
    if printed != Counter(text[i] for i in where.tolist() if i < len(text)):
        raise changed
