"""The cited page of a PDF passage as an image (rag.page_image, the chat's Context tab), and indexing that
says how far it has read a PDF, page by page."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

import rag
from rag.readprogress import page_progress
from tests.pdfpages import FONT_FILE, newspaper_pdf
from ui import render

pytestmark = pytest.mark.skipif(
    not FONT_FILE.is_file(), reason=f"no CJK font at {FONT_FILE} (fonts-wqy-microhei)"
)
QUESTION = "丰台区政务服务一网通办"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> tuple[Path, Path, list[str]]:
    root = tmp_path_factory.mktemp("pageimage")
    path = root / "people-daily-2024-03-29.pdf"
    newspaper_pdf(path, pages=("two", "one"))
    status: list[str] = []
    rag.index_paths([path], root / "index", embedder=embedder, on_status=status.append)  # type: ignore[arg-type]
    return path, root / "index", status


def test_indexing_a_pdf_reports_its_pages(indexed: tuple[Path, Path, list[str]]) -> None:
    path, _, status = indexed
    assert f"reading {path.name}: page 1/2" in status
    assert f"reading {path.name}: page 2/2" in status


def test_page_progress_lines_are_spaced_out(monkeypatch: pytest.MonkeyPatch) -> None:
    lines: list[str] = []
    on_page = page_progress(False, lines.append)
    assert on_page is not None
    for n in range(1, 501):
        on_page("long.pdf", n, 500)
    assert lines[0] == "reading long.pdf: page 1/500" and lines[-1] == "reading long.pdf: page 500/500"
    assert len(lines) < 20
    assert page_progress(False, None) is None


def test_page_image_marks_the_cited_lines(indexed: tuple[Path, Path, list[str]]) -> None:
    from PIL import Image

    _, index_dir, _ = indexed
    index = rag.open_index(index_dir)
    p = rag.retrieve(QUESTION, k=1, index=index)[0]
    assert p.citation.page == 2
    png = rag.page_image(index, p, width=600)
    assert png is not None and png.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == 600  # the page is 600 pt wide: one pixel per point
    # Inside every cited box the marking's yellow shows; the page's top-left corner is plain white.
    for page, x0, y0, x1, y1 in p.citation.boxes:
        if page == 2:
            pixel = image.getpixel((int((x0 + x1) / 2), int(image.height - (y0 + y1) / 2)))
            assert isinstance(pixel, tuple)
            r, g, b = pixel
            assert r > b + 40 or (r, g, b) < (120, 120, 120), (r, g, b)  # tinted, or the ink of a glyph
    assert image.getpixel((2, 2)) == (255, 255, 255)
    html = render.context_html(
        index.documents[p.citation.doc_id].text, 0, 10, p.citation, p.answer, page_png=png
    )
    assert '<img src="data:image/png;base64,' in html and "Page 2 of people" in html
    assert html.index("<img") < html.index('class="rag-article"')  # the page above the article text


def test_a_text_passage_has_no_page_image(demo_index: object) -> None:
    p = rag.retrieve("浙江的容错纠错机制是如何运作的？", k=1, index=demo_index)[0]  # type: ignore[arg-type]
    assert rag.page_image(demo_index, p) is None  # type: ignore[arg-type]


def test_a_moved_or_changed_pdf_is_said_in_one_line(
    indexed: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    path, index_dir, _ = indexed
    index = rag.open_index(index_dir)
    p = rag.retrieve(QUESTION, k=1, index=index)[0]
    keep = tmp_path / "keep.pdf"
    shutil.copy(path, keep)
    try:
        newspaper_pdf(path, pages=("one", "two"))  # the same pages in the other order: page 2 differs
        with pytest.raises(rag.InputError, match="has changed on disk since it was indexed"):
            rag.page_image(index, p)
        path.unlink()
        with pytest.raises(rag.InputError, match="is no longer at"):
            rag.page_image(index, p)
    finally:
        shutil.copy(keep, path)
    assert rag.page_image(index, p) is not None
