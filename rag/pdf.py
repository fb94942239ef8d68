"""E-paper PDFs -> one document's text in reading order, with the page and box of every character.

Why pypdfium2: it is permissively licensed (Apache-2.0/BSD; PyMuPDF's AGPL would bind our users), reads the
characters of a page with their boxes, and renders pages for the chat. The reading order comes from the
boxes (:mod:`rag.pdflayout`); a page with no text layer (a scan) is read by OCR (:mod:`rag.ocr`) when
Tesseract is installed.

The document text is the pages' texts in order, separated by a blank line; citations point into it like
into any text. Its **layout** is a float32 array with one row per character of the text: ``(page, x0, y0,
x1, y1, line, place)``, page 1-based and 0 for characters no glyph printed (separators, ``# ``), boxes in
PDF points from the page's bottom-left corner, place the paragraph's place on the page
(:data:`rag.pdflayout.TEXT`, ``CAPTION`` or ``FRAMED``; layouts stored before places were read have six
columns and no place). It is stored with the document as an ``.npy`` image (written
with ``allow_pickle=False``, zlib-compressed, base64) and read back the same way: plain numbers, never
pickle. :func:`boxes` turns the cited ranges into rectangles merged per printed line.

Pages are read one at a time and closed (a 500-page file is held as its text and layout only), and each
page is logged as it is read. A file that cannot be read (encrypted, damaged, no pages) raises
:class:`NotReadable` with one line; a page that cannot be read (no text layer without Tesseract, a page
that fails) is left out and named in :attr:`PdfText.notes`, and the rest of the file is read.
"""

from __future__ import annotations

import base64
import io
import logging
import math
import re
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from rag.pdflayout import TEXT, Glyph, read_page

__all__ = [
    "NotReadable", "PdfText", "boxes", "decode_layout", "encode_layout", "places", "read_pdf", "render_page",
]  # fmt: skip

logger = logging.getLogger(__name__)

#: Columns of a layout row.
PAGE, X0, Y0, X1, Y1, LINE, PLACE = range(7)
#: A drawn path at least this many points wide and high frames a block (an advert's box).
FRAME_LEAST = 24.0
_SKIP = {" ", "\t", "\r", "\n", "\u3000", "\u00a0", "\ufffe", "\uffff", "\x00"}


class NotReadable(Exception):
    """Why a PDF could not be read at all, in one line."""


@dataclass
class PdfText:
    text: str
    layout: str
    title: str | None
    notes: list[str] = field(default_factory=list)


def read_pdf(path: Path, on_page: Callable[[int, int], None] | None = None) -> PdfText:
    """Read every page of ``path`` (see the module docstring); ``on_page(number, total)`` after each."""
    import pypdfium2 as pdfium

    pdf = _open(path)
    try:
        total = len(pdf)
        if total == 0:
            raise NotReadable("PDF has no pages")
        title = _title(pdf)
        texts: list[str] = []
        rows: list[np.ndarray] = []
        unread: dict[str, list[int]] = {}
        line_base = 0
        for number in range(1, total + 1):
            t0 = time.perf_counter()
            try:
                page_text, page_rows, why = _read_one(pdf, number, line_base)
            except pdfium.PdfiumError as e:
                page_text, page_rows, why = "", None, f"unreadable ({e})"
            if why:
                unread.setdefault(why, []).append(number)
            if page_text:
                if texts:
                    texts.append("\n\n")
                    rows.append(np.zeros((2, 7), np.float32))
                texts.append(page_text)
                assert page_rows is not None
                rows.append(page_rows)
                line_base = int(page_rows[:, LINE].max()) + 1
            logger.info("%s: page %d/%d read (%.2f s)", path.name, number, total, time.perf_counter() - t0)
            if on_page is not None:
                on_page(number, total)
    finally:
        pdf.close()
    layout = np.concatenate(rows) if rows else np.zeros((0, 7), np.float32)
    notes = [f"{_pages(nums)} left out: {why}" for why, nums in unread.items()]
    return PdfText("".join(texts), encode_layout(layout), title, notes)


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise NotReadable("encrypted PDF (it needs a password; save an unprotected copy)") from None
        if _empty_page_tree(path):  # pdfium refuses it with no error of its own (or a stale one)
            raise NotReadable("PDF has no pages") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise NotReadable("PDF protected by an unsupported security handler") from None
        raise NotReadable(f"not a readable PDF (damaged or not a PDF: {e})") from None


_PAGE_COUNT = re.compile(rb"/Count\s+(\d+)")


def _empty_page_tree(path: Path) -> bool:
    """A file pdfium would not open says its page tree counts no pages."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    counts = _PAGE_COUNT.findall(data)
    return bool(counts) and b"/Pages" in data and all(int(c) == 0 for c in counts)


def _title(pdf: Any) -> str | None:
    try:
        title = str(pdf.get_metadata_dict().get("Title") or "").strip()
    except Exception:  # damaged metadata costs the title, not the file
        return None
    return title or None


def _pages(numbers: Sequence[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    runs: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], -1]:
        if n != prev + 1:
            runs.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = n
        prev = n
    return "pages " + ", ".join(runs)


def _read_one(pdf: Any, number: int, line_base: int) -> tuple[str, np.ndarray | None, str | None]:
    """One page -> (text, layout rows, why it was left out or None)."""
    import pypdfium2.raw as raw

    page = pdf[number - 1]
    try:
        images = _boxes_of(page, raw.FPDF_PAGEOBJ_IMAGE)
        glyphs = _glyphs(page)
        if not glyphs and images:
            from rag.ocr import OcrUnavailable, ocr_page

            try:
                glyphs = ocr_page(page)
            except OcrUnavailable as e:
                return "", None, str(e)
        frames = _boxes_of(page, raw.FPDF_PAGEOBJ_PATH, FRAME_LEAST) if glyphs else []
        read = read_page(glyphs, images, line_base, frames)
    finally:
        page.close()
    if not read.text:
        return "", None, None
    rows = np.zeros((len(read.text), 7), np.float32)
    for i, box in enumerate(read.boxes):
        if box is not None:
            rows[i] = (number, *box)
    return read.text, rows, None


def _glyphs(page: Any) -> list[Glyph]:
    """The printed characters of a page in stored order, with their loose (font-height) boxes."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        out: list[Glyph] = []
        for i in range(textpage.count_chars()):
            if raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
                continue
            code = raw.FPDFText_GetUnicode(textpage.raw, i)
            if not code or 0xD800 <= code <= 0xDFFF:
                continue
            ch = chr(code)
            if ch in _SKIP or not ch.isprintable():
                continue
            x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)
            if x1 > x0 and y1 > y0:
                out.append(Glyph(ch, x0, y0, x1, y1))
        return out
    finally:
        textpage.close()


def _boxes_of(page: Any, kind: int, least: float = 0.0) -> list[tuple[float, float, float, float]]:
    """Bounds of the page's objects of one kind, those narrower or lower than ``least`` left out (a column
    rule is a path too, and must not be read as a frame)."""
    found = []
    for obj in page.get_objects(filter=[kind], max_depth=4):
        x0, y0, x1, y1 = (float(v) for v in obj.get_bounds())
        if x1 - x0 >= least and y1 - y0 >= least:
            found.append((x0, y0, x1, y1))
    return found


# ------------------------------------------------------------------------------------------------------
# The layout, stored and used


def encode_layout(layout: np.ndarray) -> str:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(layout, dtype=np.float32), allow_pickle=False)
    return base64.b64encode(zlib.compress(buf.getvalue(), 6)).decode("ascii")


@lru_cache(maxsize=16)
def decode_layout(layout: str) -> np.ndarray:
    """The array :func:`encode_layout` stored (cached: citations of one document share it)."""
    data = zlib.decompress(base64.b64decode(layout.encode("ascii")))
    arr = np.load(io.BytesIO(data), allow_pickle=False)
    if arr.ndim != 2 or arr.shape[1] not in (6, 7):
        raise ValueError(f"a PDF layout has shape {arr.shape}")
    arr.setflags(write=False)
    return arr


Box = tuple[int, float, float, float, float]


def boxes(layout: str, ranges: Sequence[tuple[int, int]]) -> tuple[int | None, tuple[Box, ...]]:
    """The first page and the rectangles (page, x0, y0, x1, y1) covering the characters of ``ranges``,
    one per printed line (a line's characters merged)."""
    arr = decode_layout(layout)
    merged: dict[tuple[int, int], list[float]] = {}
    for start, end in sorted(ranges):
        rows = arr[max(0, start) : max(0, end)]
        rows = rows[rows[:, PAGE] > 0]
        for page, line in dict.fromkeys(zip(rows[:, PAGE].tolist(), rows[:, LINE].tolist(), strict=True)):
            sel = rows[(rows[:, PAGE] == page) & (rows[:, LINE] == line)]
            box = [sel[:, X0].min(), sel[:, Y0].min(), sel[:, X1].max(), sel[:, Y1].max()]
            key = (int(page), int(line))
            if key in merged:
                old = merged[key]
                box = [min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3])]
            merged[key] = box
    out = tuple((page, *(round(float(v), 2) for v in _outward(box))) for (page, _), box in merged.items())
    return (out[0][0] if out else None), out  # type: ignore[return-value]


def places(layout: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """For each span of the text, the place on the page of most of its printed characters
    (:data:`rag.pdflayout.TEXT` when it has none, or when the layout predates places)."""
    arr = decode_layout(layout)
    out: list[int] = []
    for start, end in spans:
        rows = arr[max(0, start) : max(0, end)]
        rows = rows[rows[:, PAGE] > 0]
        if arr.shape[1] <= PLACE or not len(rows):
            out.append(TEXT)
            continue
        codes, counts = np.unique(rows[:, PLACE].astype(np.int64), return_counts=True)
        out.append(int(codes[int(np.argmax(counts))]))
    return out


def _outward(box: Sequence[float]) -> tuple[float, float, float, float]:
    """Rounded to 0.01 pt away from the box's centre, so the rounded box still holds every character."""
    x0, y0, x1, y1 = (float(v) for v in box)  # in double precision: float32 would round the edge back in
    return (
        math.floor(x0 * 100) / 100,
        math.floor(y0 * 100) / 100,
        math.ceil(x1 * 100) / 100,
        math.ceil(y1 * 100) / 100,
    )


def render_page(path: str | Path, page: int, marks: Sequence[Box] = (), width: int = 900) -> Any:
    """Page ``page`` (1-based) of a PDF as a PIL image ``width`` pixels wide, the ``marks`` of that page
    drawn over it as translucent rectangles."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    pdf = pdfium.PdfDocument(str(path))
    try:
        p = pdf[page - 1]
        pw, ph = p.get_size()
        scale = width / pw
        image = p.render(scale=scale).to_pil().convert("RGB")
        p.close()
    finally:
        pdf.close()
    overlay = ImageDraw.Draw(image, "RGBA")
    for pg, x0, y0, x1, y1 in marks:
        if pg == page:
            box = (x0 * scale, (ph - y1) * scale, x1 * scale, (ph - y0) * scale)
            overlay.rectangle(box, fill=(255, 214, 0, 90), outline=(220, 80, 0, 255), width=2)
    return image
