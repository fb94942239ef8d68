"""A scanned PDF page -> its printed characters with boxes, by Tesseract OCR (``chi_sim``).

Why the Tesseract command line and its TSV output: it is what Debian packages (``tesseract-ocr``,
``tesseract-ocr-chi-sim``), it needs no Python binding, and its TSV gives a box per recognised word, which
is all the layout reader needs: a word's box is divided among its characters by their count (hanzi are
square, so this is close), and the characters then go through the same reading as a text layer
(:mod:`rag.pdflayout`). The page is rendered at ``DPI`` for recognition.

When the command or the language is missing, :class:`OcrUnavailable` says in one line what to install.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from rag.pdflayout import Glyph

__all__ = ["DPI", "LANG", "OcrUnavailable", "ocr_page"]

DPI = 300
LANG = "chi_sim"
#: Seconds one page may take before it is given up.
TIMEOUT = 300
_INSTALL = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"


class OcrUnavailable(Exception):
    """Why a scanned page could not be read, in one line."""


@lru_cache(maxsize=1)
def _tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable(f"scanned page (no text layer) and Tesseract OCR is not installed ({_INSTALL})")
    try:
        langs = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as e:
        raise OcrUnavailable(f"scanned page (no text layer) and Tesseract does not run ({e})") from None
    if LANG not in langs:
        raise OcrUnavailable(
            f"scanned page (no text layer) and Tesseract has no Chinese ({LANG}) data ({_INSTALL})"
        )
    return exe


def ocr_page(page: Any) -> list[Glyph]:
    """The characters Tesseract reads on a pypdfium2 page, boxes in PDF points (origin bottom-left)."""
    exe = _tesseract()
    scale = DPI / 72
    _, height = page.get_size()
    image = page.render(scale=scale).to_pil().convert("L")
    with tempfile.TemporaryDirectory(prefix="rag-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        try:
            done = subprocess.run(
                [exe, str(png), "stdout", "-l", LANG, "--psm", "3", "tsv"],
                capture_output=True, text=True, timeout=TIMEOUT, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise OcrUnavailable(f"OCR took over {TIMEOUT} s") from None
    if done.returncode != 0:
        raise OcrUnavailable(f"OCR failed ({done.stderr.strip().splitlines()[-1:] or done.returncode})")
    return _glyphs(done.stdout, scale, height)


def _glyphs(tsv: str, scale: float, height: float) -> list[Glyph]:
    """Word rows of Tesseract's TSV -> glyphs, each word's box divided among its characters; every glyph
    gets its text line's top and height (a comma's own box is tiny, and sizes tell headlines apart)."""
    out: list[Glyph] = []
    lines: dict[tuple[str, ...], tuple[int, int]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        key = tuple(row.get(k) or "" for k in ("block_num", "par_num", "line_num"))
        if row.get("level") == "4":
            lines[key] = (int(row["top"]), int(row["height"]))
        text = "".join((row.get("text") or "").split())
        if row.get("level") != "5" or not text:
            continue
        line_top, line_height = lines.get(key, (int(row["top"]), int(row["height"])))
        left, top = int(row["left"]) / scale, line_top / scale
        w, h = int(row["width"]) / scale, line_height / scale
        y1 = height - top
        step = w / len(text)
        for k, ch in enumerate(text):
            out.append(Glyph(ch, left + k * step, y1 - h, left + (k + 1) * step, y1))
    return out
