"""E-paper PDFs: how fast pages are read, how long OCR of a scanned page takes, and the memory a long file needs.

    python -m bench.pdfpages [--pages 40] [--ocr-pages 1] [--long 500] [--json OUT]

The pages are the generated newspaper pages of the tests (:mod:`tests.pdfpages`: three- and four-column
layouts, headlines by size, a picture with its caption, an advert, text stored row by row across columns),
so the figures are about the same layouts the tests check and need no data from elsewhere. Measured:

* **text pages/s**: :func:`rag.pdf.read_pdf` (characters, boxes, reading order) over a file of ``--pages``
  pages, and the same plus :func:`rag.articles.split_articles` (pages into articles, what ``rag index``
  does before chunking). Best and median of three rounds: the machine is shared.
* **OCR s/page**: one generated page (a test page, then a full-size one) rendered at 200 dpi and wrapped as an image-only PDF (a scan), read
  through Tesseract (``chi_sim``); skipped with the reason when Tesseract is not installed.
* **a long file** of ``--long`` full-size pages, read in a child process: seconds, pages/s, and the
  child's peak RSS (VmHWM) over its RSS before reading, which holds pdfium's memory too. Pages are closed as they are read, so this should not grow with the page count
  beyond the text and layout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["main"]

REPO = Path(__file__).resolve().parents[1]


def _paper(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` generated newspaper pages (the two layouts alternating)."""
    from tests.pdfpages import newspaper_pdf

    names = tuple("one" if i % 2 == 0 else "two" for i in range(pages))
    newspaper_pdf(path, pages=names)
    return path


def _dense(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` full-size pages (A2-like, six columns, six articles in three bands), about as many
    characters as a printed broadsheet page carries, which the test pages (a few hundred) do not."""
    from reportlab.pdfgen import canvas

    from tests.pdfpages import A_BODY, B_BODY, BODY, C_BODY, D_BODY, LEAD, _font, _wrap

    w, h, margin, gutter = 842.0, 1190.0, 30.0, 12.0
    col = (w - 2 * margin - 5 * gutter) / 6
    band = (h - 2 * margin) / 3
    body = A_BODY + B_BODY + C_BODY + D_BODY
    c = canvas.Canvas(str(path), pagesize=(w, h))
    _font()
    for n in range(pages):
        for k in range(6):
            x0, top = margin + (k % 2) * 3 * (col + gutter), h - margin - (k // 2) * band
            c.setFont("wqy", 20)
            c.drawString(x0, top - 22, f"第{n + 1}版第{k + 1}篇 {body[(n + k) % len(body)][:8]}")
            lines = _wrap(body[k % 3 :] + body[: k % 3], col)
            per = int((band - 50) // LEAD)
            for i, (text, indent) in enumerate(lines[: 3 * per]):
                c.setFont("wqy", BODY)
                x = x0 + (i // per) * (col + gutter) + indent
                c.drawString(x, top - 45 - BODY - (i % per) * LEAD, text)
        c.showPage()
    c.save()
    return path


def _text_rate(path: Path, pages: int, rounds: int = 3) -> dict[str, Any]:
    from rag.articles import split_articles
    from rag.documents import read_documents
    from rag.pdf import read_pdf

    read_s, split_s = [], []
    read_pdf(path)  # imports and font caches, not counted
    for _ in range(rounds):
        t0 = time.perf_counter()
        text = read_pdf(path).text
        read_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        docs, _ = read_documents([path])
        articles = split_articles(docs[0])
        split_s.append(time.perf_counter() - t0)
    return {
        "pages": pages,
        "articles": len(articles),
        "chars_per_page": round(len(text) / pages),
        "read_pages_per_s_best": round(pages / min(read_s), 1),
        "read_pages_per_s_median": round(pages / statistics.median(read_s), 1),
        "read_and_split_ms_per_page_best": round(1000 * min(split_s) / pages, 1),
        "read_and_split_ms_per_page_median": round(1000 * statistics.median(split_s) / pages, 1),
    }


def _ocr_rate(folder: Path, pages: int, dense: bool = False) -> dict[str, Any]:
    import pypdfium2 as pdfium

    from rag.ocr import OcrUnavailable
    from rag.pdf import read_pdf

    source = (_dense if dense else _paper)(folder / "ocr-source.pdf", pages)
    pdf = pdfium.PdfDocument(str(source))
    images = [pdf[i].render(scale=200 / 72).to_pil().convert("L") for i in range(pages)]
    pdf.close()
    scan = folder / "scan.pdf"
    images[0].save(scan, "PDF", resolution=200.0, save_all=True, append_images=images[1:])
    try:
        from rag.ocr import _tesseract

        _tesseract()
    except OcrUnavailable as e:
        return {"skipped": str(e)}
    t0 = time.perf_counter()
    read = read_pdf(scan)
    seconds = time.perf_counter() - t0
    pdf = pdfium.PdfDocument(str(source))
    printed = sum(len("".join(pdf[i].get_textpage().get_text_range().split())) for i in range(len(pdf)))
    pdf.close()
    return {
        "pages": pages,
        "s_per_page": round(seconds / pages, 1),
        "chars_found": len("".join(read.text.split())),  # whitespace aside, as "printed" counts
        "printed": printed,
    }


def _long_child(path: str) -> None:
    """Run in a child process: read the long file, print the figures as JSON. No tracemalloc: it slows
    every allocation several times over, and the peak RSS is the figure a user meets."""
    import pypdfium2  # noqa: F401  (imported before the baseline: the reading is measured, not the import)

    from rag.pdf import read_pdf

    before = _rss_kib()
    t0 = time.perf_counter()
    read = read_pdf(Path(path))
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "chars": len(read.text),
                "layout_mib": round(len(read.layout) / 2**20, 1),
                "rss_before_mib": round(before / 1024, 1),
                "rss_peak_mib": round(_hwm_kib() / 1024, 1),
            }
        )
    )


def _rss_kib() -> int:
    return _status_field("VmRSS")


def _hwm_kib() -> int:
    return _status_field("VmHWM")


def _status_field(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def _long_file(folder: Path, pages: int) -> dict[str, Any]:
    path = _dense(folder / "long.pdf", pages)
    out = subprocess.run(
        [sys.executable, "-m", "bench.pdfpages", "--child", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    row = json.loads(out.stdout.strip().splitlines()[-1])
    row["pages"] = pages
    row["mib"] = round(path.stat().st_size / 2**20, 1)
    row["pages_per_s"] = round(pages / row["seconds"], 1)
    row["rss_growth_mib"] = round(row["rss_peak_mib"] - row["rss_before_mib"], 1)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.pdfpages", description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=40, help="pages of the file read for pages/s")
    ap.add_argument("--ocr-pages", type=int, default=1, help="scanned pages to OCR (0: skip)")
    ap.add_argument("--long", type=int, default=500, help="pages of the long file (0: skip)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _long_child(args.child)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        result: dict[str, Any] = {"load": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}
        result["text"] = _text_rate(_paper(folder / "text.pdf", args.pages), args.pages)
        print("text  ", result["text"], flush=True)
        result["dense"] = _text_rate(_dense(folder / "dense.pdf", args.pages), args.pages)
        print("dense ", result["dense"], flush=True)
        if args.ocr_pages:
            result["ocr"] = _ocr_rate(folder, args.ocr_pages)
            print("ocr   ", result["ocr"], flush=True)
            result["ocr_dense"] = _ocr_rate(folder, args.ocr_pages, dense=True)
            print("ocr-d ", result["ocr_dense"], flush=True)
        if args.long:
            result["long"] = _long_file(folder, args.long)
            print("long  ", result["long"], flush=True)
        result["load_after"] = round(os.getloadavg()[0], 2)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
