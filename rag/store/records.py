"""Documents, articles and chunks as JSON Lines (one record a line, UTF-8, no pickle)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rag.articles import Article, Block, Section
from rag.chunking import Chunk
from rag.documents import Document
from rag.errors import IndexCorrupted

__all__ = ["article_from_record", "document_from_record", "read_jsonl", "write_jsonl"]


def _line(rec: dict[str, Any]) -> str:
    line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (a file name that is not UTF-8, say) cannot be written as UTF-8; JSON's \u
        # escapes carry it exactly, and reading the line back gives the same string.
        line = json.dumps(rec, ensure_ascii=True, separators=(",", ":"))
    return line


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(_line(rec))
            f.write("\n")
            n += 1
    return n


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise IndexCorrupted(f"{path}:{number} is not valid JSON ({e}); re-run `rag index`") from None
            if not isinstance(rec, dict):
                raise IndexCorrupted(f"{path}:{number} is not a record; re-run `rag index`")
            yield rec


def document_record(doc: Document) -> dict[str, Any]:
    return dataclasses.asdict(doc)


def document_from_record(rec: dict[str, Any]) -> Document:
    names = {f.name for f in dataclasses.fields(Document)}
    return Document(**{k: v for k, v in rec.items() if k in names})


def article_record(article: Article) -> dict[str, Any]:
    return dataclasses.asdict(article)


def article_from_record(rec: dict[str, Any]) -> Article:
    names = {f.name for f in dataclasses.fields(Article)}
    values = {k: v for k, v in rec.items() if k in names}
    values["sections"] = tuple(Section(**s) for s in rec.get("sections", ()))
    values["blocks"] = tuple(Block(**b) for b in rec.get("blocks", ()))
    for key in ("authors", "editors"):
        if key in values:
            values[key] = tuple(values[key])
    return Article(**values)


def chunk_record(chunk: Chunk) -> dict[str, Any]:
    return chunk.to_record()
