"""Characters with boxes -> a page's text in reading order, and the box of every character of that text.

Why geometry and not the PDF's own order: an e-paper PDF may store its text row by row across columns, or
articles in any order, so the order the text is stored in says nothing about the order it is read in. A
person reads a newspaper page by its layout, and so does this module:

* **Lines.** Characters, in stored order, form a line while they sit on the same baseline band and follow
  each other closely from left to right; a gap of about one character (a column gutter) or a step back
  starts a new line, so a row stored across three columns becomes three lines.
* **Reading order** (recursive XY-cut). A region is first cut across at every horizontal gap taller than
  a body line's spacing that runs across its whole width (the space above and below a headline, between two
  stories stacked on the page); what is left is cut down at every vertical gap that runs its whole height
  (column gutters); the pieces are read top to bottom and left to right, each read the same way again. A
  piece that cannot be cut is one column, read line by line from the top.
* **Paragraphs.** In a column, a line starts a new paragraph when it is indented, when the line before it
  ended short of the column's right edge, when the font size changes, or when it begins right under a
  picture (a caption).
* **Roles from size.** The page's body size is its most common character size. A paragraph set at least
  ``HEADLINE_RATIO`` times larger is a headline and becomes a line ``# headline``; one set somewhat
  larger is a kicker when a headline follows it, a subtitle when it follows a headline (both plain
  paragraphs, which :mod:`rag.articles` reads as such), and an in-article section heading (``## …``)
  otherwise.
* **Places.** A paragraph that begins right under a picture is a caption's place (:data:`CAPTION`), one
  that lies inside a drawn frame a framed block's (:data:`FRAMED`, where adverts are printed); every
  character carries its paragraph's place, and :mod:`rag.articles` types captions and adverts by it,
  besides their words.

Characters of the text that no glyph printed (``# ``, line joins, paragraph breaks) have no box.
Coordinates are PDF points with the origin at the page's bottom-left corner (as pdfium reports them).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["CAPTION", "FRAMED", "HEADLINE_RATIO", "TEXT", "Glyph", "PageText", "read_page"]

#: The place of a paragraph on the page: plain text, right under a picture, inside a drawn frame.
TEXT, CAPTION, FRAMED = 0, 1, 2

#: A paragraph this many times the body size is a headline; between ``SUBHEAD_RATIO`` and it, a kicker,
#: subtitle or section heading.
HEADLINE_RATIO = 1.3
SUBHEAD_RATIO = 1.1
#: Gaps, in body sizes: between two characters of one line at most ``LINE_GAP``; across a region, a
#: horizontal gap of ``BAND_GAP`` cuts it into bands, a vertical one of ``GUTTER`` into columns.
LINE_GAP = 0.8
BAND_GAP = 0.8
GUTTER = 0.5
#: A paragraph of body-size type right under a picture is its caption when it has at most this many
#: characters.
CAPTION_CHARS = 60


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Glyph:
    """One printed character and its box (x0 < x1, y0 < y1; y grows upwards)."""

    ch: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def size(self) -> float:
        return self.y1 - self.y0


@dataclass
class _Line:
    glyphs: list[Glyph] = field(default_factory=list)
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0

    def add(self, g: Glyph) -> None:
        if not self.glyphs:
            self.x0, self.y0, self.x1, self.y1 = g.x0, g.y0, g.x1, g.y1
        else:
            self.x0, self.y0 = min(self.x0, g.x0), min(self.y0, g.y0)
            self.x1, self.y1 = max(self.x1, g.x1), max(self.y1, g.y1)
        self.glyphs.append(g)

    @property
    def size(self) -> float:
        return statistics.median(g.size for g in self.glyphs)


@dataclass
class PageText:
    """A page read: its text and, per character of it, ``(x0, y0, x1, y1, line, place)`` or ``None``."""

    text: str
    boxes: list[tuple[float, float, float, float, int, int] | None]


def _lines(glyphs: Sequence[Glyph]) -> list[_Line]:
    """Stored order -> lines: a character joins the line before it when it continues it (module docstring)."""
    lines: list[_Line] = []
    cur: _Line | None = None
    for g in glyphs:
        if cur is not None and cur.glyphs:
            last = cur.glyphs[-1]
            size = max(last.size, g.size)
            mid = (g.y0 + g.y1) / 2
            same_band = cur.y0 <= mid <= cur.y1 or last.y0 <= mid <= last.y1
            if same_band and -0.5 * size <= g.x0 - last.x1 <= LINE_GAP * size:
                cur.add(g)
                continue
        cur = _Line()
        cur.add(g)
        lines.append(cur)
    return lines


def _gaps(spans: list[tuple[float, float]], least: float) -> list[float]:
    """Cut points of the gaps of at least ``least`` between the union of ``spans``."""
    cuts: list[float] = []
    spans = sorted(spans)
    end = spans[0][1]
    for a, b in spans[1:]:
        if a - end >= least:
            cuts.append((a + end) / 2)
        end = max(end, b)
    return cuts


def _order(lines: list[_Line], blocks: list[_Line], body: float, depth: int = 0) -> list[list[_Line]]:
    """The columns of a region in reading order, each a list of lines top to bottom (recursive XY-cut).

    ``blocks`` are boxes without text (pictures, framed blocks) that no cut may pass through; one that
    frames the whole region is dropped, so that what it frames can still be cut into columns."""
    if not lines:
        return []
    x0, x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    y0, y1 = min(ln.y0 for ln in lines), max(ln.y1 for ln in lines)
    blocks = [b for b in blocks if not (b.x0 <= x0 and b.x1 >= x1 and b.y0 <= y0 and b.y1 >= y1)]
    if len(lines) <= 1 or depth > 60:
        return [sorted(lines, key=lambda ln: (-ln.y1, ln.x0))]
    items = lines + blocks
    for axis in ("x", "y"):
        if axis == "y":
            cuts = _gaps([(-ln.y1, -ln.y0) for ln in items], BAND_GAP * body)
            keys = [-(ln.y0 + ln.y1) / 2 for ln in items]
        else:
            cuts = _gaps([(ln.x0, ln.x1) for ln in items], GUTTER * body)
            keys = [(ln.x0 + ln.x1) / 2 for ln in items]
        if not cuts:
            continue
        parts: list[tuple[list[_Line], list[_Line]]] = [([], []) for _ in range(len(cuts) + 1)]
        for n, (ln, key) in enumerate(zip(items, keys, strict=True)):
            parts[sum(key > c for c in cuts)][0 if n < len(lines) else 1].append(ln)
        return [col for ls, bs in parts for col in _order(ls, bs, body, depth + 1)]
    return [sorted(lines, key=lambda ln: (-ln.y1, ln.x0))]


def _paragraphs(
    column: list[_Line], images: Sequence[tuple[float, float, float, float]]
) -> list[list[_Line]]:
    """A column's lines grouped into paragraphs (module docstring)."""
    left = min(ln.x0 for ln in column)
    right = max(ln.x1 for ln in column)
    paras: list[list[_Line]] = []
    for ln in column:
        if paras:
            prev = paras[-1][-1]
            size = ln.size
            new = (
                abs(size - prev.size) > 0.15 * max(size, prev.size)
                or ln.x0 > left + 0.8 * size
                or prev.x1 < right - 1.5 * size
                or prev.y0 - ln.y1 > 0.8 * size
                or any(_under(ln, box) for box in images)
            )
            if not new:
                paras[-1].append(ln)
                continue
        paras.append([ln])
    return paras


def _under(ln: _Line, box: tuple[float, float, float, float]) -> bool:
    """The line begins right under a picture and overlaps it horizontally: a caption's first line."""
    x0, y0, x1, _ = box
    return 0 <= y0 - ln.y1 <= 1.5 * ln.size and ln.x0 < x1 and ln.x1 > x0


def _place(para: list[_Line], images: Sequence[Box], frames: Sequence[Box], body: float) -> int:
    """Where a paragraph is printed: right under a picture, inside a frame, or in the running text.

    Under a picture, only a paragraph set smaller than the body or a short one is a caption: a column's
    running text may go on right under a picture that has no caption."""
    short = sum(len(ln.glyphs) for ln in para) <= CAPTION_CHARS
    if (para[0].size < body - 0.5 or short) and any(_under(para[0], box) for box in images):
        return CAPTION
    for x0, y0, x1, y1 in frames:
        if all(x0 - 1 <= ln.x0 and ln.x1 <= x1 + 1 and y0 - 1 <= ln.y0 and ln.y1 <= y1 + 1 for ln in para):
            return FRAMED
    return TEXT


def _body_size(lines: Sequence[_Line]) -> float:
    counts: dict[float, int] = {}
    for ln in lines:
        for g in ln.glyphs:
            key = round(g.size * 2) / 2
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: (counts[k], -k)) if counts else 10.0


def _roles(paras: list[list[_Line]], body: float) -> list[str]:
    """``headline``, ``kicker``, ``subtitle``, ``section`` or ``body`` per paragraph."""
    sizes = [statistics.median(ln.size for ln in p) for p in paras]
    big = [s >= HEADLINE_RATIO * body for s in sizes]
    roles = []
    for i, s in enumerate(sizes):
        if big[i]:
            roles.append("headline")
        elif s >= SUBHEAD_RATIO * body:
            if i + 1 < len(paras) and big[i + 1]:
                roles.append("kicker")
            elif i > 0 and big[i - 1]:
                roles.append("subtitle")
            elif sum(len(ln.glyphs) for ln in paras[i]) <= 30:
                roles.append("section")
            else:
                roles.append("body")
        else:
            roles.append("body")
    return roles


_PREFIX = {"headline": "# ", "section": "## "}


def read_page(
    glyphs: Sequence[Glyph],
    images: Sequence[tuple[float, float, float, float]] = (),
    line_base: int = 0,
    frames: Sequence[tuple[float, float, float, float]] = (),
) -> PageText:
    """A page's glyphs (in stored order), picture boxes and frames (drawn boxes around a block of text, such
    as an advert's) -> its text in reading order with boxes.

    ``line_base`` numbers the page's lines after those of earlier pages, so a line number names one line
    in a whole document."""
    lines = _lines(glyphs)
    if not lines:
        return PageText("", [])
    body = _body_size(lines)
    blocks = [_Line([], *box) for box in (*images, *frames)]
    paras = [p for col in _order(lines, blocks, body) for p in _paragraphs(col, images)]
    roles = _roles(paras, body)
    out: list[str] = []
    boxes: list[tuple[float, float, float, float, int, int] | None] = []
    number = {id(ln): line_base + n for n, ln in enumerate(ln for p in paras for ln in p)}
    for k, (para, role) in enumerate(zip(paras, roles, strict=True)):
        place = _place(para, images, frames, body)
        if k:
            out.append("\n\n")
            boxes += [None, None]
        prefix = _PREFIX.get(role, "")
        out.append(prefix)
        boxes += [None] * len(prefix)
        prev = ""
        for ln in para:
            if prev and _needs_space(prev, ln.glyphs[0].ch):
                out.append(" ")
                boxes.append(None)
            last: Glyph | None = None
            for g in ln.glyphs:
                if (
                    last is not None
                    and g.x0 - last.x1 > 0.2 * g.size
                    and (g.ch.isascii() or last.ch.isascii())
                ):
                    out.append(" ")  # a word space (PDFs rarely store it as a character)
                    boxes.append(None)
                out.append(g.ch)
                last = g
                boxes.append((g.x0, g.y0, g.x1, g.y1, number[id(ln)], place))
            prev = ln.glyphs[-1].ch
    return PageText("".join(out), boxes)


def _needs_space(a: str, b: str) -> bool:
    """Lines of Latin words are joined with a space; lines of hanzi are joined directly."""
    return a.isascii() and b.isascii() and a.isalnum() and b.isalnum()
