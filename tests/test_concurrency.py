"""Readers and a writer at the same time: searches from several threads while another thread indexes see
consistent results from whichever snapshot they opened, opening during indexing gives the old or the new
snapshot (even when the writer prunes the one being opened), readers never wait for the writer's lock, and
two writers never interleave."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import rag
from rag.errors import RagError
from rag.indexer import index_paths, remove_sources
from rag.opening import open_index
from rag.store.index import Index
from rag.store.snapshot import writer_lock

CITIES = "阿坝 百色 昌都 达州 鄂尔多斯 防城港 固原 海东".split()
QUESTIONS = ("容错纠错机制", "阿坝 新举措", "昌都 投入资金", "丰台区审批服务改革", "群众实惠")


def article(i: int) -> str:
    city = CITIES[i]
    return (
        f"## {city}扎实推进民生实事\n\n本报记者　孙亮\n\n本报{city}电　{city}今年推出{i + 4}项民生实事，"
        f"投入资金{i * 5 + 9}亿元，群众得到了实实在在的实惠。\n"
    )


@pytest.fixture
def live_index(tmp_path: Path, demo_index_dir: Path) -> Path:
    folder = tmp_path / "index"
    shutil.copytree(demo_index_dir, folder)
    return folder


def consistent(index: Index) -> None:
    n = len(index.chunks)
    assert len(index.vectors) == n == len(index.keyword)
    assert all(c.article_id in index.articles and c.doc_id in index.documents for c in index.chunks)


def test_searches_during_indexing_are_consistent(live_index: Path, tmp_path: Path, embedder: Any) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = []
    for i in range(len(CITIES)):
        files.append(corpus / f"{i}.txt")
        files[-1].write_text(article(i), encoding="utf-8")
    states = [frozenset(Index.open(live_index).documents)]
    stop = threading.Event()
    errors: list[BaseException] = []
    seen: list[frozenset[str]] = []
    searches = [0]
    # Questions embedded up front: the readers search FAISS themselves, so that no two threads run the model
    # at once (see test_concurrent_retrieve_with_the_model).
    qvecs = embedder.encode_queries(list(QUESTIONS))

    def writer() -> None:
        try:
            # Adds, a replacement and removals: each a new snapshot, each pruning an older one.
            for i, path in enumerate(files):
                index_paths([path], live_index, embedder=embedder)
                states.append(frozenset(Index.open(live_index).documents))
                if i % 3 == 2:
                    remove_sources([files[i - 1]], live_index)
                    states.append(frozenset(Index.open(live_index).documents))
        except BaseException as e:
            errors.append(e)
        finally:
            stop.set()

    def reader(k: int) -> None:
        try:
            while not stop.is_set():
                # Half the readers go through open_index (cached per snapshot), half open afresh.
                index = open_index(live_index) if k % 2 else Index.open(live_index)
                consistent(index)
                seen.append(frozenset(index.documents))
                n = searches[0] % len(QUESTIONS)
                for p in rag.retrieve(QUESTIONS[n], k=3, index=index, mode="keyword"):
                    assert p.citation.doc_id in index.documents
                    assert p.citation.article_id in index.articles
                    text = index.documents[p.citation.doc_id].text
                    assert all(text[s:e] == p.text[o : o + e - s] for s, e, o in p.citation.pieces)
                dense = index.vectors.search(qvecs[n], 5)[1]
                assert len(dense) == 5
                for rows in (index.keyword.search(QUESTIONS[n], 5)[1], dense):
                    assert all(0 <= r < len(index.chunks) for r in rows)
                    assert all(index.chunks[r].doc_id in index.documents for r in rows)
                searches[0] += 1
        except BaseException as e:
            errors.append(e)
            stop.set()

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(3)]
    threads.append(threading.Thread(target=writer))
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    assert not errors, errors
    assert searches[0] >= 3
    # Every index a reader opened was one complete state the writer made, never a mix.
    assert set(seen) <= set(states), set(seen) - set(states)
    assert frozenset(Index.open(live_index).documents) == states[-1]


def test_opening_while_the_writer_switches_and_prunes(
    live_index: Path, tmp_path: Path, embedder: Any
) -> None:
    """A tight loop of opens against quick successive writes (each pruning the snapshot two back): every
    open succeeds, with a state the writer made."""
    extra = tmp_path / "extra.txt"
    extra.write_text(article(0), encoding="utf-8")
    base = frozenset(Index.open(live_index).documents)
    index_paths([extra], live_index, embedder=embedder)  # embed once; the cycles below reuse the vectors
    added = frozenset(Index.open(live_index).documents)
    stop = threading.Event()
    errors: list[BaseException] = []
    opened = [0]

    def open_loop() -> None:
        try:
            while not stop.is_set():
                index = Index.open(live_index)
                consistent(index)
                assert frozenset(index.documents) in (base, added)
                opened[0] += 1
        except BaseException as e:
            errors.append(e)

    readers = [threading.Thread(target=open_loop) for _ in range(2)]
    for t in readers:
        t.start()
    deadline = time.monotonic() + 20
    cycles = 0
    while time.monotonic() < deadline and cycles < 12:
        remove_sources([extra], live_index)
        index_paths([extra], live_index, embedder=embedder)
        cycles += 1
    stop.set()
    for t in readers:
        t.join(60)
    assert not errors, errors
    assert opened[0] > cycles


def test_readers_never_wait_for_the_writer_lock(live_index: Path) -> None:
    with writer_lock(live_index):
        index = Index.open(live_index)
        consistent(index)
        assert rag.retrieve("容错纠错", k=1, index=index, mode="keyword")


def test_two_writers_never_interleave(live_index: Path, tmp_path: Path, embedder: Any) -> None:
    page = tmp_path / "page.txt"
    page.write_text(article(1), encoding="utf-8")
    live = (live_index / "CURRENT").read_text()
    with writer_lock(live_index):
        # Another writer in this process...
        with pytest.raises(RagError, match="another `rag index` is writing"):
            index_paths([page], live_index, embedder=embedder)
        # ...and `rag index` in another process: one line, exit status 2, nothing changed.
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        proc = subprocess.run(
            [sys.executable, "-m", "rag.cli", "index", str(page), "--index", str(live_index)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "another `rag index` is writing" in lines[0], proc.stderr
    assert (live_index / "CURRENT").read_text() == live
    # Once the lock is free the same run goes through.
    assert index_paths([page], live_index, embedder=embedder).added == 1


def test_concurrent_retrieve_with_the_model(demo_index: Any, embedder: Any) -> None:
    """Several threads asking at once (as the served chat does) through the model itself."""
    errors: list[BaseException] = []

    def ask(k: int) -> None:
        try:
            for i in range(4):
                passages = rag.retrieve(QUESTIONS[(k + i) % len(QUESTIONS)], k=3, index=demo_index)
                assert all(p.citation.doc_id in demo_index.documents for p in passages)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=ask, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not errors, errors


@pytest.mark.parametrize("where", ["verify", "read_jsonl"])
def test_open_starts_again_when_its_snapshot_is_pruned_mid_open(
    live_index: Path, tmp_path: Path, embedder: Any, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """The race the stress tests above rarely hit, made to happen: between a reader reading CURRENT and
    reading the files, a writer commits twice, and the second commit prunes the reader's snapshot."""
    import rag.store.index as index_module

    extra = tmp_path / "extra.txt"
    extra.write_text(article(2), encoding="utf-8")
    started: list[Path] = []
    real = index_module.verify if where == "verify" else index_module.records.read_jsonl

    def racing(path: Path) -> Any:
        if not started:
            started.append(path if where == "verify" else path.parent)
            index_paths([extra], live_index, embedder=embedder)
            remove_sources([extra], live_index)
        return real(path)

    if where == "verify":
        monkeypatch.setattr(index_module, "verify", racing)
    else:
        monkeypatch.setattr(index_module.records, "read_jsonl", racing)
    index = Index.open(live_index)
    assert started and not started[0].exists()  # the snapshot it began with is gone
    assert index.snapshot.name == (live_index / "CURRENT").read_text().strip()
    consistent(index)
