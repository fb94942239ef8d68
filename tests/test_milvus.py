"""The same retrieval on Milvus: the index folder, a Milvus Lite file opened in this process and a real
``milvus-lite server`` on 127.0.0.1 (started here, stopped by its PID) answer the shipped question sets with
the same passages, citations and answering sentences; a killed ``rag index`` leaves the previous collection
answering, a second writer is refused with one line, and a server gone in the middle of a question is one
clear error.

The Milvus indexes are published from a copy of the session's demo index folder (their local mirror), so
nothing is embedded twice; the command-line tests build on the same mirror.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import rag
from rag.config import Config
from rag.errors import InputError, StoreUnavailable
from rag.evaluation import evaluate, load_qa
from rag.store.milvus import client, live_collection, location
from rag.store.milvus_write import mirror, writer

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "rag" / "data" / "news-page-2024-03-29.txt"
SETS = [REPO / "rag" / "data" / f"{name}_page_qa.jsonl" for name in ("sample", "heldout")]
MODELS = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))
DEMO = [
    "浙江省委提出实施的激励保护行动叫什么？",
    "杨丹担任什么职务？",
    "Who is Yang Dan?",
    "责编是谁？",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _publish(place: str, demo_index_dir: Path, home: Path, embedder: object) -> str:
    """Index the demo page into ``place`` with the demo index folder as its mirror (nothing to embed)."""
    config = Config.from_env(env={}, home=home, models=MODELS)
    loc = location(place)
    assert loc is not None
    folder = mirror(loc, config)
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(demo_index_dir, folder)
    stats = rag.index_paths([SAMPLE], place, config=config, embedder=embedder)  # type: ignore[arg-type]
    assert stats.embedded == 0 and stats.chunks == 33
    return place


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("milvus-home")


@pytest.fixture(scope="module")
def lite(home: Path, demo_index_dir: Path, embedder: object) -> str:
    return _publish(str(home / "news.db"), demo_index_dir, home, embedder)


@pytest.fixture(scope="module")
def server(home: Path, demo_index_dir: Path, embedder: object) -> Iterator[dict[str, Any]]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "milvus-lite"),
            "server",
            "--data-dir",
            str(home / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, "milvus-lite server did not start"
            time.sleep(0.2)
        place = _publish(f"milvus://127.0.0.1:{port}/news", demo_index_dir, home, embedder)
        yield {"place": place, "pid": proc.pid, "proc": proc}
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


@pytest.fixture(scope="module", params=["lite", "server"])
def milvus_index(request: pytest.FixtureRequest) -> Any:
    place = (
        request.getfixturevalue("lite")
        if request.param == "lite"
        else request.getfixturevalue("server")["place"]
    )
    return rag.open_index(place)


def _shown(passages: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (p.text, p.citation.doc_id, p.citation.pieces, p.citation.ranges, p.answer.text if p.answer else None)
        for p in passages
    ]


def test_milvus_index_holds_what_the_folder_holds(milvus_index: Any, demo_index: Any) -> None:
    assert len(milvus_index.chunks) == len(demo_index.chunks) == 33
    assert milvus_index.documents == demo_index.documents and milvus_index.articles == demo_index.articles
    assert [c.chunk_id for c in milvus_index.chunks] == [c.chunk_id for c in demo_index.chunks]
    assert rag.sources(milvus_index) == rag.sources(demo_index)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "keyword", "rrf"])
def test_demo_questions_give_the_same_passages_and_citations(
    milvus_index: Any, demo_index: Any, mode: str
) -> None:
    for q in DEMO:
        want = rag.retrieve(q, k=5, index=demo_index, mode=mode)
        got = rag.retrieve(q, k=5, index=milvus_index, mode=mode)
        assert _shown(got) == _shown(want), (q, mode)
        for a, b in zip(got, want, strict=True):
            assert a.score == pytest.approx(b.score, abs=1e-4)


def test_filters_keep_the_same_passages(milvus_index: Any, demo_index: Any) -> None:
    for kw in (
        {"source": "news-page"},
        {"source": "no-such-file"},
        {"date_from": "2024-03-29"},
        {"date_to": "2024-03-28"},
        {"date_from": "2025-01-01"},
    ):
        want = rag.retrieve("政府工作报告", k=4, index=demo_index, **kw)
        assert _shown(rag.retrieve("政府工作报告", k=4, index=milvus_index, **kw)) == _shown(want), kw


_FOLDER: dict[Path, Any] = {}  # the folder store's figures and rankings, once for both Milvus forms


def _eval(items: list[Any], index: Any) -> tuple[Any, list[list[int]]]:
    """Hybrid-mode metrics on ``items`` and each question's ranking (the source offsets of its passages)."""
    ranks: list[list[int]] = []

    def ask(q: str, **kw: Any) -> list[Any]:
        found = rag.retrieve(q, **kw)
        ranks.append([p.citation.start for p in found])
        return found

    metrics, _ = evaluate(items, index=index, mode="hybrid", retrieve=ask)
    return metrics, ranks


@pytest.mark.parametrize("qa", SETS, ids=lambda p: p.stem)
def test_eval_on_the_shipped_sets_matches_the_folder(milvus_index: Any, demo_index: Any, qa: Path) -> None:
    items = load_qa(qa)
    if qa not in _FOLDER:
        _FOLDER[qa] = _eval(items, demo_index)
    (want, want_ranks), (got, got_ranks) = _FOLDER[qa], _eval(items, milvus_index)
    for a, b in zip(got, want, strict=True):
        assert a == pytest.approx(b, abs=0.01)
    assert got_ranks == want_ranks


def _cli(*args: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RAG_HOME": str(home), "HF_HUB_OFFLINE": "1", "RAG_MODELS": str(MODELS)}
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def _one_line_error(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert lines[0].startswith("rag: error:") and needle in lines[0], lines[0]


def test_cli_answers_from_the_server_with_the_folders_citations(
    server: dict[str, Any], demo_index: Any, home: Path
) -> None:
    q = DEMO[0]
    out = _cli("ask", q, "--index", server["place"], "-k", "2", "--json", home=home)
    assert out.returncode == 0, out.stderr
    want = rag.ask(q, k=2, index=demo_index).to_dict()
    got = json.loads(out.stdout)
    assert [p["citation"] for p in got["passages"]] == [p["citation"] for p in want["passages"]]
    assert [p["text"] for p in got["passages"]] == [p["text"] for p in want["passages"]]
    assert got["answering"] == want["answering"] and got["answered"] == want["answered"]


def test_the_chat_answers_from_the_server_with_the_folders_citations(
    server: dict[str, Any], demo_index: Any, home: Path
) -> None:
    from gradio_client import Client

    from ui.server import build_app, launch

    config = Config.from_env(env={}, home=home, models=MODELS)
    demo = build_app(Path(server["place"]), config)
    try:
        found = Client(launch(demo, port=_free_port()), verbose=False).predict(
            DEMO[1], 3, "hybrid", api_name="/retrieve"
        )
    finally:
        demo.close()
    want = [p.citation.to_dict() for p in rag.retrieve(DEMO[1], k=3, index=demo_index)]
    assert [p["citation"] for p in found] == want


def test_a_lite_file_open_in_this_process_is_one_line_in_another(lite: str, home: Path) -> None:
    rag.open_index(lite)  # this process holds the Lite file
    _one_line_error(_cli("ask", DEMO[0], "--index", lite, home=home), "is open in another process")


def test_a_second_writer_is_refused_with_one_line(server: dict[str, Any], home: Path) -> None:
    loc = location(server["place"])
    assert loc is not None
    with writer(loc):
        proc = _cli("index", str(SAMPLE), "--index", server["place"], home=home)
    _one_line_error(proc, "another `rag index` is writing")


def test_a_write_from_another_mirror_is_refused(
    server: dict[str, Any], tmp_path: Path, embedder: object
) -> None:
    """Another machine (or RAG_HOME) has no mirror of the index: indexing from it would publish its files
    alone in place of the archive."""
    config = Config.from_env(env={}, home=tmp_path / "elsewhere", models=MODELS)
    with pytest.raises(InputError, match="another mirror folder"):
        rag.index_paths([SAMPLE], server["place"], config=config, embedder=embedder)  # type: ignore[arg-type]
    assert len(rag.open_index(server["place"]).chunks) == 33


def _news(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = "\n".join(
            f"第{i}号城市第{j}条新闻：社区开展老旧小区改造，居民议事会讨论加装电梯方案。" * 3
            for j in range(6)
        )
        (folder / f"extra-{i}.txt").write_text(f"城市新闻{i}\n\n{body}\n", encoding="utf-8")
    return folder


def test_sigkill_during_index_leaves_the_previous_collection_answering(
    server: dict[str, Any], home: Path, tmp_path: Path, embedder: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    loc = location(server["place"])
    assert loc is not None
    before = live_collection(loc)
    extra = _news(tmp_path / "extra", 6)
    env = {**os.environ, "RAG_HOME": str(home), "HF_HUB_OFFLINE": "1", "RAG_MODELS": str(MODELS)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "index", str(extra), "--index", server["place"], "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    c = client(loc)
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:  # kill once new collections are being written
        if any(
            n.startswith("news__s") and n.split("__")[1] != before.split("__")[1]
            for n in c.list_collections()
        ):
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    after = live_collection(loc)
    index = rag.open_index(server["place"])
    assert after == before and len(index.chunks) == 33, after  # the alias never moved to a partial collection
    assert rag.retrieve(DEMO[0], k=1, index=index)[0].citation.title
    config = Config.from_env(env={}, home=home, models=MODELS)  # the dead writer's lock is cleared
    stats = rag.index_paths([extra], server["place"], config=config, embedder=embedder)  # type: ignore[arg-type]
    assert live_collection(loc) != before and len(rag.open_index(server["place"]).chunks) == stats.chunks > 33
    monkeypatch.setenv("RAG_HOME", str(home))
    rag.rollback(server["place"])  # the alias returns to the previous, kept collections
    assert live_collection(loc) == before and len(rag.open_index(server["place"]).chunks) == 33


def test_remove_and_rollback_against_the_server(
    server: dict[str, Any], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config.from_env(env={}, home=home, models=MODELS)
    stats = rag.remove_sources([SAMPLE], server["place"], config=config)
    assert stats.removed == 1 and stats.chunks == 0
    assert rag.retrieve(DEMO[0], k=3, index=server["place"]) == []
    monkeypatch.setenv("RAG_HOME", str(home))
    rag.rollback(server["place"])
    assert [r.source for r in rag.sources(rag.open_index(server["place"]))] == [str(SAMPLE)]


def test_server_gone_mid_question_is_one_clear_error(server: dict[str, Any], home: Path) -> None:
    """Runs last in this module: it stops the server."""
    index = rag.open_index(server["place"])
    rag.retrieve(DEMO[0], k=1, index=index)  # loads the model, so only the server is missing below
    os.kill(server["pid"], signal.SIGKILL)
    server["proc"].wait(timeout=30)
    t0 = time.monotonic()
    with pytest.raises(StoreUnavailable, match="is the server running"):
        rag.retrieve(DEMO[1], k=3, index=index)
    assert time.monotonic() - t0 < 30
    _one_line_error(_cli("ask", DEMO[0], "--index", server["place"], home=home), "is the server running")
