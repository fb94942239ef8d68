"""CMRC 2018 dev set as a passage-retrieval benchmark, built at run time.

The CMRC 2018 reading-comprehension dev set (CC BY-SA 4.0) pairs 3,219 questions with the 848 Wikipedia
paragraphs that answer them. Turned into a retrieval task: index all paragraphs, ask each question, and count
a hit when a passage comes from the question's paragraph. The data is read from where it lies
(``../shared/data/cmrc2018/cmrc2018_dev.json`` next to the repository by default) and never copied into the
project.

    python bench/cmrc2018.py OUT_DIR [--source PATH/TO/cmrc2018_dev.json]

writes ``OUT_DIR/corpus.jsonl`` (``{"id", "title", "text"}``, one paragraph a line, for ``rag.build_index``)
and ``OUT_DIR/qa.jsonl`` (``{"q", "id", "doc_id", "query_id"}``, for ``rag.evaluation.load_qa``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "DEFAULT_SOURCE",
    "EXPECTED_PARAGRAPHS",
    "EXPECTED_QUESTIONS",
    "BuildStats",
    "build",
    "jsonl_doc_id",
    "main",
]

DEFAULT_SOURCE = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cmrc2018" / "cmrc2018_dev.json"
)
EXPECTED_PARAGRAPHS = 848
EXPECTED_QUESTIONS = 3219


class BuildStats(NamedTuple):
    paragraphs: int
    questions: int
    corpus: Path
    qa: Path


def jsonl_doc_id(corpus_path: str | Path, record_id: str) -> str:
    """The ``doc_id`` the indexer gives record ``record_id`` of the JSONL file ``corpus_path``.

    MUST match the rule in rag/documents.py (``Document.doc_id``): the first 16 hex digits of the SHA-1 of
    ``f"{resolved path}#{id}"``. Because the path is part of it, qa.jsonl is only valid for the corpus.jsonl
    next to it: rebuild both after moving the folder.
    """
    source = f"{Path(corpus_path).resolve()}#{record_id}"
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def _load_paragraphs(source: Path) -> list[dict[str, Any]]:
    """The dev set's paragraphs, checked for the fields used here.

    The file is the flattened CMRC 2018 layout: a list of ``{"context_id", "title", "context_text",
    "qas": [{"query_id", "query_text", "answers"}]}`` (not SQuAD's ``data/paragraphs`` nesting).
    """
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{source}: CMRC 2018 dev file not found; pass its path with --source"
        ) from None
    if not isinstance(data, list):
        raise ValueError(f"{source}: expected the flattened CMRC 2018 layout (a JSON list of paragraphs)")
    for i, para in enumerate(data):
        ok = (
            isinstance(para, dict)
            and isinstance(para.get("context_id"), str)
            and isinstance(para.get("context_text"), str)
            and isinstance(para.get("qas"), list)
            and all(isinstance(qa, dict) and isinstance(qa.get("query_text"), str) for qa in para["qas"])
        )
        if not ok:
            raise ValueError(f"{source}: paragraph {i} lacks context_id / context_text / qas[].query_text")
    return data


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def build(out_dir: str | Path, source: str | Path | None = None) -> BuildStats:
    """Write ``corpus.jsonl`` and ``qa.jsonl`` under ``out_dir`` from the CMRC 2018 dev file.

    Fails unless the file yields exactly 848 distinct paragraphs and 3,219 questions, so a different or
    damaged copy cannot silently change the benchmark. Raises ``FileNotFoundError`` for a missing file and
    ``ValueError`` for one that is not the CMRC 2018 dev set.
    """
    src = Path(source) if source is not None else DEFAULT_SOURCE
    paragraphs = _load_paragraphs(src)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    corpus_path = out / "corpus.jsonl"
    qa_path = out / "qa.jsonl"

    ids = [p["context_id"] for p in paragraphs]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{src}: duplicate context_id values")
    questions = [
        {
            "q": qa["query_text"].strip(),
            "id": p["context_id"],
            "doc_id": jsonl_doc_id(corpus_path, p["context_id"]),
            "query_id": qa.get("query_id", ""),
        }
        for p in paragraphs
        for qa in p["qas"]
    ]
    if (len(paragraphs), len(questions)) != (EXPECTED_PARAGRAPHS, EXPECTED_QUESTIONS):
        raise ValueError(
            f"{src}: found {len(paragraphs)} paragraphs and {len(questions)} questions, expected "
            f"{EXPECTED_PARAGRAPHS} and {EXPECTED_QUESTIONS}; is this the CMRC 2018 dev set?"
        )
    _write_jsonl(
        corpus_path,
        (
            {"id": p["context_id"], "title": p.get("title") or "", "text": p["context_text"]}
            for p in paragraphs
        ),
    )
    _write_jsonl(qa_path, questions)
    return BuildStats(paragraphs=len(paragraphs), questions=len(questions), corpus=corpus_path, qa=qa_path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the CMRC 2018 dev retrieval benchmark.")
    parser.add_argument("out_dir", type=Path, help="folder for corpus.jsonl and qa.jsonl")
    parser.add_argument(
        "--source", type=Path, default=None, help=f"CMRC 2018 dev JSON (default {DEFAULT_SOURCE})"
    )
    args = parser.parse_args(argv)
    try:
        stats = build(args.out_dir, args.source)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{stats.paragraphs} paragraphs -> {stats.corpus}")
    print(f"{stats.questions} questions -> {stats.qa}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
