"""Word files (``.docx``) -> the text a :class:`~rag.documents.Document` holds, and its title.

Why this shape: a Word file is one article as its author wrote it, so its text is built here from its
paragraphs and citations point into that text (nothing else is shown to the reader). Paragraphs are
separated by blank lines; a heading paragraph (style ``Heading N``) becomes a line ``## heading``, which
:mod:`rag.articles` reads as a section of the one article. The article title is the core property
``title`` when set, else the first ``Title`` or ``Heading 1`` paragraph (kept in the text as a plain
paragraph, so that it is cited like any other text), else none (the splitter then uses the first line).
Tables are read row by row, one paragraph per row with the cells separated by `` | ``.

A file python-docx cannot open (not a zip, encrypted — Office stores encrypted files as OLE containers —,
damaged XML) raises :class:`NotWordFile` with one line saying why.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["NotWordFile", "read_docx"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING = re.compile(r"heading\s*(\d)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


class NotWordFile(Exception):
    """Why a ``.docx`` could not be read, in one line."""


def read_docx(path: Path) -> tuple[str, str | None]:
    """``(text, title)`` of a Word file; raises :class:`NotWordFile`."""
    doc = _open(path)
    title = _core_title(doc)
    paragraphs: list[str] = []
    for kind, text in _blocks(doc):
        if kind == "title" or (kind == "h1" and title is None and not paragraphs):
            title = title or text
            paragraphs.append(text)
        elif kind in ("h1", "heading"):
            paragraphs.append("## " + text)
        else:
            paragraphs.append(text)
    return "\n\n".join(paragraphs), title


def _open(path: Path) -> Any:
    with open(path, "rb") as f:
        head = f.read(8)
    if head == _OLE_MAGIC:
        raise NotWordFile("encrypted or old-format Word file (save it as an unencrypted .docx)")
    if not zipfile.is_zipfile(path):
        raise NotWordFile("not a Word file (a .docx is a zip archive; this is not one)")
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError) as e:
        raise NotWordFile(f"damaged Word file ({e})") from None
    if "[Content_Types].xml" not in names:
        raise NotWordFile("not a Word file (the zip holds no Word document)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except PackageNotFoundError:
        raise NotWordFile("not a Word file (the zip holds no Word document)") from None
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as e:
        raise NotWordFile(f"damaged Word file ({type(e).__name__}: {e})") from None
    except Exception as e:  # lxml's XMLSyntaxError and the like: the document part is not valid XML
        raise NotWordFile(f"damaged Word file ({type(e).__name__})") from None


def _core_title(doc: Any) -> str | None:
    try:
        title = doc.core_properties.title
    except Exception:  # a damaged core.xml costs the title, not the file
        return None
    title = _SPACES.sub(" ", title or "").strip()
    return title or None


def _blocks(doc: Any) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` per non-empty paragraph or table row in document order: kind is ``title``, ``h1``,
    ``heading`` or ``body``."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            text = _clean(item.text)
            if text:
                yield _kind(item), text
        elif isinstance(item, Table):
            for row in item.rows:
                cells = [_clean(c.text) for c in row.cells]
                text = " | ".join(dict.fromkeys(c for c in cells if c))  # merged cells repeat their text
                if text:
                    yield "body", text


def _kind(paragraph: Any) -> str:
    try:
        name = str(paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError):
        name = ""
    if name.lower() == "title":
        return "title"
    m = _HEADING.fullmatch(name.strip())
    if m:
        return "h1" if m.group(1) == "1" else "heading"
    return "body"


def _clean(text: str) -> str:
    """One paragraph on one line: line breaks and tabs inside it become spaces."""
    return _SPACES.sub(" ", text.replace("\n", " ").replace("\r", " ").replace("\v", " ")).strip()
