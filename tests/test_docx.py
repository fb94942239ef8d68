"""Word files: made with python-docx here, read into one article whose headings are sections, with exact
offsets; files that are not Word files are skipped with one line and the rest of the run goes on."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from rag.articles import split_articles  # noqa: E402
from rag.documents import read_documents  # noqa: E402

PARAS = [
    "浙江省委提出实施激励保护行动，进一步落实容错纠错机制。",
    "杭州市富阳区常安镇党委书记徐华对此深有感触。",
    "目前已有11家省直单位制定了容错细化清单。",
]


def _make(path: Path, *, core_title: str | None = None) -> Path:
    d = docx.Document()
    if core_title:
        d.core_properties.title = core_title
    d.add_heading("激励干部大胆开拓、担当作为", level=1)
    d.add_paragraph(PARAS[0])
    d.add_heading("容错纠错", level=2)
    d.add_paragraph(PARAS[1])
    d.add_heading("细化清单", level=1)
    d.add_paragraph(PARAS[2])
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "单位"
    table.cell(0, 1).text = "11家"
    d.save(str(path))
    return path


def test_docx_is_one_article_with_sections_and_exact_offsets(tmp_path: Path) -> None:
    path = _make(tmp_path / "report-2024-03-29.docx")
    (doc,), skipped = read_documents([path])
    assert not skipped
    assert doc.format == "docx" and doc.date == "2024-03-29" and doc.layout is None
    assert doc.title == "激励干部大胆开拓、担当作为"
    assert doc.text.split("\n\n") == [
        "激励干部大胆开拓、担当作为",
        PARAS[0],
        "## 容错纠错",
        PARAS[1],
        "## 细化清单",
        PARAS[2],
        "单位 | 11家",
    ]
    (art,) = split_articles(doc)
    assert art.title == doc.title and art.kind == "article"
    assert [s.title for s in art.sections] == ["容错纠错", "细化清单"]
    for s in art.sections:
        assert doc.text[s.start : s.end] == s.title
    bodies = [doc.text[b.start : b.end] for b in art.blocks]
    assert bodies[1:4] == PARAS and bodies[0] == doc.title


def test_core_title_wins(tmp_path: Path) -> None:
    (doc,), _ = read_documents([_make(tmp_path / "a.docx", core_title="文档标题")])
    assert doc.title == "文档标题"
    assert split_articles(doc)[0].title == "文档标题"
    # With a title of its own, the file's first Heading 1 is a section like the others.
    assert split_articles(doc)[0].sections[0].title == "激励干部大胆开拓、担当作为"


def test_bad_docx_files_are_skipped_with_one_line_each(tmp_path: Path) -> None:
    good = _make(tmp_path / "good.docx")
    (tmp_path / "plain.docx").write_text("不是 Word 文件", encoding="utf-8")
    (tmp_path / "encrypted.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with zipfile.ZipFile(tmp_path / "emptyzip.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as z:
        for item in src.infolist():
            data = src.read(item)
            z.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    docs, skipped = read_documents([tmp_path])
    assert [Path(d.source).name for d in docs] == ["good.docx"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"plain.docx", "encrypted.docx", "emptyzip.docx", "broken.docx"}
    assert "encrypted" in reasons["encrypted.docx"]
    assert "not a Word file" in reasons["plain.docx"]
    assert "not a Word file" in reasons["emptyzip.docx"]
    assert "damaged" in reasons["broken.docx"]
    assert all("\n" not in r for r in reasons.values())
