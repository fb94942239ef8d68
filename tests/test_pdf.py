"""E-paper PDFs: pages made here with reportlab (the generator knows the truth), read in reading order into
articles, cited with page and boxes that hold the cited characters; scanned pages read by OCR; bad files
skipped with one line each while the rest of the run goes on."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tracemalloc
from pathlib import Path

import pytest

pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

import pypdfium2.raw as pdfraw  # noqa: E402

import rag  # noqa: E402
from rag.articles import split_articles  # noqa: E402
from rag.documents import read_documents  # noqa: E402
from rag.passage import Citation  # noqa: E402
from rag.pdf import decode_layout, read_pdf, render_page  # noqa: E402
from tests.pdfpages import (  # noqa: E402
    ADVERT,
    CAPTION,
    E_BODY,
    FONT_FILE,
    FRAMED,
    PLAIN_CAPTION,
    newspaper_pdf,
)

pytestmark = pytest.mark.skipif(
    not FONT_FILE.is_file(), reason=f"no CJK font at {FONT_FILE} (fonts-wqy-microhei)"
)


def _flat(text: str) -> str:
    return re.sub(r"\s+|^#+ ", "", text, flags=re.MULTILINE)


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    path = tmp_path_factory.mktemp("pdf") / "people-daily-2024-03-29.pdf"
    # Page two first, so the page with the picture and the advert is page 2 of the citations below; the
    # other order is test_an_advert_ending_a_page_leaves_the_next_pages_headline.
    _, truth = newspaper_pdf(path, pages=("two", "one"))
    return path, truth


def test_pages_read_in_reading_order(paper: tuple[Path, object]) -> None:
    path, truth = paper
    (doc,), skipped = read_documents([path])
    assert not skipped
    assert doc.format == "pdf" and doc.title == "人民日报 测试版" and doc.date == "2024-03-29"
    flat, at = _flat(doc.text), 0
    for role, text in truth.order:  # type: ignore[attr-defined]
        found = flat.find(_flat(text), at)
        assert found >= at, f"{role} {text!r} out of order"
        at = found + len(_flat(text))
    # Headlines are the large type; the kicker over the first is a plain line right above it.
    assert re.findall(r"^# (.+)$", doc.text, re.MULTILINE) == list(truth.articles)  # type: ignore[attr-defined]
    assert "浙江推进激励保护——\n\n# 激励干部大胆开拓担当作为" in doc.text


def test_articles_of_the_pages(paper: tuple[Path, object]) -> None:
    path, truth = paper
    (doc,), _ = read_documents([path])
    records = split_articles(doc)
    articles = {a.title: a for a in records if a.kind == "article"}
    assert set(truth.articles) <= set(articles)  # type: ignore[attr-defined]
    for title, body in truth.articles.items():  # type: ignore[attr-defined]
        art = articles[title]
        assert "".join(doc.text[b.start : b.end] for b in art.blocks) == "".join(body)
    assert articles["激励干部大胆开拓担当作为"].kicker == "浙江推进激励保护"
    # The paragraph cut by the column break continues across it.
    assert sum(b.joins_previous for b in articles["激励干部大胆开拓担当作为"].blocks) == 1
    kinds = {a.kind: a for a in records}
    assert doc.text[kinds["caption"].start : kinds["caption"].end] == CAPTION
    assert _flat("".join(ADVERT)) in _flat(doc.text[kinds["advert"].start : kinds["advert"].end])


def test_an_advert_ending_a_page_leaves_the_next_pages_headline(tmp_path: Path) -> None:
    """An advert block is the last thing on page one; page two opens with a headline that no byline or
    dateline backs. The advert takes its own lines only, and the headline starts its article."""
    path = tmp_path / "people-daily-2024-03-30.pdf"
    _, truth = newspaper_pdf(path, pages=("one", "two"))
    (doc,), _ = read_documents([path])
    records = split_articles(doc)
    (advert,) = [r for r in records if r.kind == "advert"]
    assert _flat(doc.text[advert.start : advert.end]) == _flat("".join(ADVERT))
    articles = {a.title: a for a in records if a.kind == "article"}
    assert list(articles) == list(truth.articles)  # type: ignore[attr-defined]
    for title, body in truth.articles.items():  # type: ignore[attr-defined]
        assert "".join(doc.text[b.start : b.end] for b in articles[title].blocks) == "".join(body)


def test_captions_and_adverts_are_typed_by_their_place(tmp_path: Path) -> None:
    """A paragraph right under a picture is a caption and a framed block without sentences an advert, though
    neither has the words (图为, 摄, 订阅, 邮发代号) by which a text page tells them."""
    path = tmp_path / "people-daily-2024-03-31.pdf"
    _, truth = newspaper_pdf(path, pages=("three",))
    (doc,), _ = read_documents([path])
    records = split_articles(doc)
    kinds = {r.kind: r for r in records}
    assert set(kinds) == {"article", "caption", "advert"}
    caption, advert, article = kinds["caption"], kinds["advert"], kinds["article"]
    assert (
        doc.text[caption.start : caption.end] == PLAIN_CAPTION and caption.attached_to == article.article_id
    )
    assert _flat(doc.text[advert.start : advert.end]) == _flat("".join(FRAMED))
    assert article.title == "社区食堂暖人心"
    assert "".join(doc.text[b.start : b.end] for b in article.blocks) == "".join(E_BODY)
    assert list(truth.articles) == [article.title]  # type: ignore[attr-defined]


def test_running_text_under_a_picture_is_not_its_caption() -> None:
    """Under a picture, a short line or one set smaller is a caption; a column's running text that goes on
    right under a picture without a caption keeps its place in the text."""
    from rag.pdflayout import CAPTION, TEXT, Glyph, read_page

    def line(text: str, x: float, top: float, size: float) -> list[Glyph]:
        return [Glyph(ch, x + k * size, top - size, x + (k + 1) * size, top) for k, ch in enumerate(text)]

    running = "社区食堂开到了家门口老人花十元钱就能吃上" * 4
    glyphs = [g for k in range(4) for g in line(running[20 * k : 20 * k + 20], 30, 495 - 15 * k, 10)]
    glyphs += line(PLAIN_CAPTION, 300, 495, 8)
    read = read_page(glyphs, images=[(30, 500, 230, 600), (300, 500, 500, 600)])
    places = [box[5] if box is not None else None for box in read.boxes]
    at_running, at_caption = read.text.index(running[:20]), read.text.index(PLAIN_CAPTION)
    assert places[at_running] == TEXT and places[at_caption] == CAPTION, read.text


def _pdfium_chars(textpage: object) -> dict[tuple[float, ...], int]:
    """pdfium's own characters of a page by their loose box: {rounded box: char index}."""
    n = textpage.count_chars()  # type: ignore[attr-defined]
    return {tuple(round(v, 1) for v in textpage.get_charbox(k, loose=True)): k for k in range(n)}  # type: ignore[attr-defined]


def _char_at(chars: dict[tuple[float, ...], int], row: object) -> int:
    return chars.get(tuple(round(float(v), 1) for v in row[1:5]), -1)  # type: ignore[index]


def test_every_character_keeps_its_page_and_box(paper: tuple[Path, object]) -> None:
    path, _ = paper
    (doc,), _ = read_documents([path])
    layout = decode_layout(doc.layout)
    assert layout.shape == (len(doc.text), 7)
    printed = layout[:, 0] > 0
    assert not any(doc.text[i].isspace() for i in range(len(doc.text)) if printed[i])
    assert all(doc.text[i].isspace() or doc.text[i] == "#" for i in range(len(doc.text)) if not printed[i])
    pdf = pdfium.PdfDocument(str(path))
    for page_no in (1, 2):
        tp = pdf[page_no - 1].get_textpage()
        chars = _pdfium_chars(tp)
        for i in (i for i in range(len(doc.text)) if layout[i, 0] == page_no):
            k = _char_at(chars, layout[i])
            assert k >= 0 and chr(pdfraw.FPDFText_GetUnicode(tp.raw, k)) == doc.text[i]
    pdf.close()


def test_citations_carry_page_and_boxes_holding_their_characters(
    paper: tuple[Path, object], tmp_path: Path, embedder: object
) -> None:
    path, _ = paper
    rag.index_paths([path], tmp_path / "index", embedder=embedder)  # type: ignore[call-arg]
    index = rag.open_index(tmp_path / "index")
    doc = next(iter(index.documents.values()))
    layout = decode_layout(doc.layout)
    pdf = pdfium.PdfDocument(str(path))
    for question, page_no in (("丰台区政务服务一网通办", 2), ("阿克苏地区节水滴灌", 1)):
        p = rag.retrieve(question, k=1, index=index)[0]
        c = p.citation
        assert c.page == page_no and f"{path.name} p.{page_no}:" in c.line()
        assert Citation.from_dict(c.to_dict()) == c
        tp = pdf[page_no - 1].get_textpage()
        chars = _pdfium_chars(tp)
        for s, e, _ in c.pieces:
            for i in range(s, e):
                if layout[i, 0] == 0:
                    continue
                k = _char_at(chars, layout[i])
                cx0, cy0, cx1, cy1 = tp.get_charbox(k)  # pdfium's own (tight) box of the character
                assert any(
                    pg == layout[i, 0] and bx0 <= cx0 and by0 <= cy0 and cx1 <= bx1 and cy1 <= by1
                    for pg, bx0, by0, bx1, by1 in c.boxes
                ), (doc.text[i], k, (cx0, cy0, cx1, cy1), layout[i].tolist(), c.boxes)
    pdf.close()
    image = render_page(path, c.page or 1, c.boxes)
    assert image.width == 900


def _zero_pages() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    out = io.BytesIO()
    pypdf.PdfWriter().write(out)
    return out.getvalue()


def _bomb(depth: int = 200_000) -> bytes:
    nested = "[" * depth + "]" * depth
    return _hand_pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /X 4 0 R >> /Contents 5 0 R >>",
        nested,
        "<< /Length 0 >>\nstream\n\nendstream",
    ])  # fmt: skip


def _hand_pdf(objects: list[str]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_bad_pdfs_are_skipped_with_one_line_each(paper: tuple[Path, object], tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    good, _ = paper
    shutil.copy(good, tmp_path / "good.pdf")
    c = canvas.Canvas(str(tmp_path / "encrypted.pdf"), encrypt="secret")
    c.drawString(100, 100, "secret page")
    c.save()
    data = good.read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (tmp_path / "zero-pages.pdf").write_bytes(_zero_pages())
    (tmp_path / "bomb.pdf").write_bytes(_bomb())
    (tmp_path / "text.pdf").write_text("not a pdf at all", encoding="utf-8")
    docs, skipped = read_documents([tmp_path])
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert "good.pdf" in {Path(d.source).name for d in docs}
    assert "encrypted" in reasons["encrypted.pdf"] and "password" in reasons["encrypted.pdf"]
    assert "no pages" in reasons["zero-pages.pdf"]
    assert "not a readable PDF" in reasons["text.pdf"]
    assert "truncated.pdf" in reasons or "truncated.pdf" in {Path(d.source).name for d in docs}
    assert "bomb.pdf" in reasons  # no text on its page, and nothing broke
    assert all("\n" not in r for r in reasons.values())


@pytest.mark.slow
def test_a_500_page_pdf_is_read_page_by_page(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from tests.pdfpages import _font

    path = tmp_path / "long.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800))
    _font()
    for n in range(500):
        c.setFont("wqy", 20)
        c.drawString(40, 740, f"第{n + 1}版要闻")
        c.setFont("wqy", 10)
        for row in range(40):
            c.drawString(
                40,
                700 - row * 15,
                "长江流域生态保护修复取得积极进展，沿江各地关停化工企业，岸线复绿面积扩大。",
            )
        c.showPage()
    c.save()
    seen: list[int] = []
    tracemalloc.start()
    read = read_pdf(path, on_page=lambda n, total: seen.append(n))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seen == list(range(1, 501))
    assert read.text.count("\n# 第") == 499
    assert peak < 400 * 2**20  # the text and the layout; pages are closed as they are read


def _tesseract_reason() -> str | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False).stdout.split()
    return None if "chi_sim" in langs else "tesseract has no chi_sim (apt-get install tesseract-ocr-chi-sim)"


def _scan(paper: Path, out: Path) -> Path:
    pdf = pdfium.PdfDocument(str(paper))
    image = pdf[1].render(scale=200 / 72).to_pil().convert("L")
    pdf.close()
    image.save(out, "PDF", resolution=200.0)
    return out


@pytest.mark.slow
@pytest.mark.skipif(_tesseract_reason() is not None, reason=str(_tesseract_reason()))
def test_a_scanned_page_is_read_by_ocr_and_found(
    paper: tuple[Path, object], tmp_path: Path, embedder: object
) -> None:
    scan = _scan(paper[0], tmp_path / "scan.pdf")
    (doc,), skipped = read_documents([scan])
    assert not skipped
    assert "丰台区推行政务服务" in _flat(doc.text)
    layout = decode_layout(doc.layout)
    assert layout.shape[0] == len(doc.text) and (layout[:, 0] == 1).sum() > 200
    rag.index_paths([scan], tmp_path / "index", embedder=embedder)  # type: ignore[call-arg]
    p = rag.retrieve("丰台区企业开办时间压缩到一天以内", k=1, index=tmp_path / "index")[0]
    assert "一天以内" in _flat(p.text) and p.citation.page == 1 and p.citation.boxes


def test_without_tesseract_a_scanned_page_says_what_to_install(
    paper: tuple[Path, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag import ocr

    scan = _scan(paper[0], tmp_path / "scan.pdf")
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without tesseract on it
    ocr._tesseract.cache_clear()
    try:
        docs, skipped = read_documents([scan])
    finally:
        ocr._tesseract.cache_clear()
    assert docs == []
    assert any("apt-get install tesseract-ocr tesseract-ocr-chi-sim" in s.reason for s in skipped)
