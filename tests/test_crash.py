"""Crash safety: `rag index` killed with SIGKILL at many points leaves the old index or the new one, never a
mix, and a re-run finishes the job, reusing what was embedded before the kill.

The old state is an index of the demo page and a dozen small generated articles; the new state adds two
dozen more (or, for `rag remove`, drops some). Each trial starts from a fresh copy of the old state, runs the
real command line and kills it: at a random time over the whole run (with a cold embedding cache, so kills
land in embedding too, and with a warm one, so they land in reading, chunking and writing), and at a random
moment after the snapshot temp folder appears (the commit). After every kill the index must open, answer a
question and hold exactly the old or the new documents, chunks and vectors; then a run without a kill must
complete it, embedding only what the cache did not already hold. Most runs are forked from a warm process
(``tests/crash_server.py``) so that kills land in the indexing rather than in Python start-up; two are
plain ``python -m rag.cli index`` processes.

``RAG_CRASH_TRIALS`` scales the number of trials (default 1.0).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rag.config import Config
from rag.embedtext import chunk_text
from rag.errors import IndexNotFound
from rag.indexer import CACHE_FILE
from rag.search import retrieve
from rag.store.cache import text_key
from rag.store.index import Index
from rag.store.snapshot import list_snapshots

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "rag" / "data" / "news-page-2024-03-29.txt"
SCALE = float(os.environ.get("RAG_CRASH_TRIALS", "1"))
BATCH = 4  # small batches: many cache checkpoints on a small corpus
FAST = Config.from_env(env={})

CITIES = (
    "鞍山 蚌埠 常德 大同 鄂州 佛山 赣州 邯郸 淮南 吉安 开封 廊坊 柳州 绵阳 南充 盘锦 衢州 日照 韶关 泰安 "
    "乌海 湘潭 宜宾 肇庆 承德 德阳 抚顺 桂林 菏泽 九江 乐山 茂名"
).split()
TOPICS = (
    "老旧小区改造",
    "农村公路建设",
    "社区养老服务",
    "中小学课后服务",
    "河湖生态治理",
    "夜间经济",
    "冷链物流",
    "智慧医疗",
)
NAMES = ("王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄涛")


def article(i: int) -> str:
    city, topic, name = CITIES[i], TOPICS[i % len(TOPICS)], NAMES[i % len(NAMES)]
    return (
        f"## {city}推进{topic}取得新进展\n\n本报记者　{name}\n\n"
        f"本报{city}电　今年以来，{city}市围绕{topic}推出{i + 3}项新举措，累计投入资金{i * 7 + 12}亿元。"
        f"据{city}市有关部门介绍，下一步将继续加大投入，确保{topic}各项工作落到实处，让群众得到更多实惠。\n"
    )


def write_corpus(folder: Path, numbers: range) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in numbers:
        p = folder / f"{i:02d}-{CITIES[i]}.txt"
        p.write_text(article(i), encoding="utf-8")
        paths.append(p)
    return paths


class Server:
    """The warm forking `rag` of ``tests/crash_server.py``."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "tests" / "crash_server.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        assert json.loads(self._line()) == {"ready": True}

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the crash server died"
        return line

    def run(self, argv: list[str], out: Path, **kill: float | str | None) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"argv": argv, "out": str(out), **kill}) + "\n")
        self.proc.stdin.flush()
        return dict(json.loads(self._line()))

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class State:
    """What a complete index holds, to compare a crashed one against."""

    def __init__(self, index: Index) -> None:
        self.docs = frozenset(index.documents)
        self.chunks = tuple(c.chunk_id for c in index.chunks)
        self.vectors = dict(zip(self.chunks, index.vectors.vectors(), strict=True))
        self.chunk_keys = frozenset(
            text_key(chunk_text(index.articles[c.article_id], c)) for c in index.chunks
        )

    def matches(self, index: Index) -> bool:
        if frozenset(index.documents) != self.docs or tuple(c.chunk_id for c in index.chunks) != self.chunks:
            return False
        vectors = index.vectors.vectors()
        return all(
            np.allclose(vectors[i], self.vectors[c.chunk_id], atol=2e-3) for i, c in enumerate(index.chunks)
        )


def cached_keys(folder: Path, model_id: str) -> set[str]:
    path = folder / CACHE_FILE
    if not path.exists():
        return set()
    db = sqlite3.connect(path)
    try:
        return {k for (k,) in db.execute("SELECT key FROM vectors WHERE model = ?", (model_id,))}
    finally:
        db.close()


def phase(folder: Path, old_live: str | None) -> str:
    """Where the kill landed, judged from what it left on disk."""
    snaps = folder / "snapshots"
    if snaps.is_dir() and any(p.name.startswith(".tmp-") for p in snaps.iterdir()):
        return "writing the snapshot files"
    live = (folder / "CURRENT").read_text().strip() if (folder / "CURRENT").exists() else None
    if any(folder.glob(".CURRENT.*.tmp")):
        return "switching CURRENT"
    names = [s.name for s in list_snapshots(folder)]
    if live == old_live and any(n > (old_live or "") for n in names):
        return "after the snapshot rename, before the switch"
    if live != old_live:
        return "after the switch (new state)"
    return "before writing (reading, chunking, embedding)"


def copy_index(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory, embedder: Any, demo_index_dir: Path
) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("crash")
    write_corpus(root / "corpus" / "old", range(8))
    write_corpus(root / "corpus" / "new", range(8, 32))
    env = {
        **os.environ,
        "RAG_HOME": str(root / "home"),
        "RAG_BATCH_SIZE": str(BATCH),
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "OMP_NUM_THREADS": "1",
        # The warm server forks: PyTorch with one thread survives that, OpenVINO's worker threads might not.
        # The plain CLI runs use the same backend so that every run's vectors compare equal.
        "RAG_BACKEND": "torch",
    }
    server = Server(env)
    try:
        # The old state: the demo page (its vectors come from the demo index's cache) and 8 articles.
        old = root / "pristine-old"
        old.mkdir()
        for f in demo_index_dir.glob(CACHE_FILE + "*"):
            shutil.copy2(f, old / f.name)
        r = server.run(
            ["index", str(SAMPLE), str(root / "corpus" / "old"), "--index", str(old), "-q"],
            root / "build.log",
        )
        assert r["rc"] == 0, (root / "build.log").read_text()
        full = root / "pristine-full"
        copy_index(old, full)
        r = server.run(
            ["index", str(root / "corpus" / "new"), "--index", str(full), "-q"],
            root / "full.log",
            watch=str(full / "snapshots" / ".tmp-*"),
            watch_new=str(full / "snapshots"),
        )
        cold = r["elapsed"]
        assert r["rc"] == 0, (root / "full.log").read_text()
        write_window = r["elapsed"] - r["watch_seen"]
        r_full = r
        warm_dir = root / "pristine-warm"  # the old index with every new vector already in its cache
        copy_index(old, warm_dir)
        for f in warm_dir.glob(CACHE_FILE + "*"):
            f.unlink()
        for f in full.glob(CACHE_FILE + "*"):
            shutil.copy2(f, warm_dir / f.name)
        warm_run = root / "warm-check"
        copy_index(warm_dir, warm_run)
        r = server.run(
            ["index", str(root / "corpus" / "new"), "--index", str(warm_run), "-q"], root / "w.log"
        )
        warm = r["elapsed"]
        assert r["rc"] == 0 and " 0 chunks embedded" in (root / "w.log").read_text()
        old_index, full_index = Index.open(old), Index.open(full)
        yield {
            "root": root,
            "env": env,
            "server": server,
            "old": old,
            "full": full,
            "warm": warm_dir,
            "new_corpus": root / "corpus" / "new",
            "old_state": State(old_index),
            "new_state": State(full_index),
            "model": old_index.model.model_id,
            "cold_s": cold,
            "warm_s": warm,
            "write_window": write_window,
            "tail": r_full["elapsed"] - r_full["new_seen"],
            "embedder": embedder,
        }
    finally:
        server.close()


def check_after_kill(world: dict[str, Any], folder: Path, allowed: tuple[State, ...]) -> State:
    """The crashed index opens, answers, and holds exactly one of the ``allowed`` states."""
    index = Index.open(folder)
    state = next((s for s in allowed if s.matches(index)), None)
    assert state is not None, f"{folder}: {len(index.documents)} documents match neither state"
    # A question about a new article is answered from it exactly when the new state is live.
    passages = retrieve(
        f"{CITIES[9]}推进{TOPICS[9 % len(TOPICS)]}有哪些新举措", k=3, index=index, mode="keyword"
    )
    assert all(p.citation.doc_id in index.documents for p in passages)
    assert any(CITIES[9] in p.text for p in passages) == (state is world["new_state"])
    # Dense and keyword together, without the steps that embed candidate sentences (slow, and not what is
    # tested here): the sentence rerank and the answering-sentence mark.
    hybrid = retrieve("容错纠错机制是如何运作的", k=3, index=index, highlight=False, config=FAST)
    assert hybrid and all(p.citation.doc_id in index.documents for p in hybrid)
    return state


@pytest.mark.slow
def test_killed_index_runs_leave_the_old_or_the_new_index(world: dict[str, Any]) -> None:
    rng = random.Random(20240329)
    root: Path = world["root"]
    server: Server = world["server"]
    old_live = (world["old"] / "CURRENT").read_text().strip()
    new_corpus = str(world["new_corpus"])
    # How long the parts of a run take on this (busy) machine: the median of the latest runs, since every
    # run without a kill is measured again.
    seen: dict[str, list[float]] = {
        "cold": [world["cold_s"]],
        "warm": [world["warm_s"]],
        "commit": [world["write_window"]],
        "tail": [world["tail"]],
    }

    def typical(what: str) -> float:
        return float(np.median(seen[what][-5:]))

    def measure(r: dict[str, Any], cache: str) -> None:
        if r["killed"] or r["rc"] != 0:
            return
        seen[cache].append(r["elapsed"])
        if r["watch_seen"] is not None:
            seen["commit"].append(r["elapsed"] - r["watch_seen"])
        if r["new_seen"] is not None:
            seen["tail"].append(r["elapsed"] - r["new_seen"])

    outcomes: Counter[str] = Counter()
    phases: Counter[str] = Counter()
    resumed: list[tuple[int, int]] = []
    early: Counter[str] = Counter()
    plan = (
        [("cold", "anywhere")] * round(10 * SCALE)
        + [("warm", "anywhere")] * round(14 * SCALE)
        + [("warm", "commit")] * round(14 * SCALE)
        + [("warm", "tail")] * round(12 * SCALE)
    )
    rng.shuffle(plan)
    for n, (cache, when) in enumerate(plan):
        folder = root / "trial"
        copy_index(world["old"] if cache == "cold" else world["warm"], folder)
        watch = {"watch": str(folder / "snapshots" / ".tmp-*"), "watch_new": str(folder / "snapshots")}
        kill: dict[str, float | str | None]
        if when == "anywhere":
            kill = {"kill_at": rng.uniform(0, typical(cache))}
        elif when == "commit":  # once the snapshot temp folder exists: writing files, rename, switch
            kill = {"kill_after_watch": rng.uniform(0, typical("commit"))}
        else:
            # Once the new snapshot is renamed into place: the CURRENT switch, pruning, the cache trim. That
            # work takes a few milliseconds (the rest of the tail is the exit of a large process).
            kill = {"kill_after_new": 0.0 if n % 3 == 0 else rng.uniform(0, 0.005)}
        log = root / f"trial-{n}.log"
        r = server.run(["index", new_corpus, "--index", str(folder), "-q"], log, **watch, **kill)
        if not r["killed"]:
            assert r["rc"] == 0, log.read_text()
            measure(r, cache)
            outcomes["finished before the kill"] += 1
            early[when] += 1
            assert check_after_kill(world, folder, (world["new_state"],)) is world["new_state"]
            continue
        phases[phase(folder, old_live)] += 1
        state = check_after_kill(world, folder, (world["old_state"], world["new_state"]))
        outcomes["old state" if state is world["old_state"] else "new state"] += 1
        before = cached_keys(folder, world["model"])
        r = server.run(["index", new_corpus, "--index", str(folder), "-q"], log, **watch)
        text = log.read_text()
        assert r["rc"] == 0, text
        if cache == "warm":
            measure(r, cache)
        assert check_after_kill(world, folder, (world["new_state"],)) is world["new_state"]
        embedded = int(re.search(r"(\d+) chunks embedded", text).group(1))  # type: ignore[union-attr]
        # The re-run embeds exactly the new chunks the cache did not hold: nothing committed is redone.
        new_keys = world["new_state"].chunk_keys - world["old_state"].chunk_keys
        missing = new_keys - before
        assert embedded == len(missing), (embedded, len(missing))
        if cache == "cold":
            resumed.append((len(new_keys) - len(missing), embedded))
        assert not any((folder / "snapshots").glob(".tmp-*")) and not any(folder.glob(".CURRENT.*"))
        assert len(list_snapshots(folder)) <= 2
    kills = sum(v for k, v in outcomes.items() if k != "finished before the kill")
    summary = (
        f"{kills} kills of {len(plan)} runs ({dict(outcomes)}); where they landed: {dict(phases)}; "
        f"cold-cache re-runs (chunks reused from the cache, embedded): {resumed}; runs that finished before "
        f"their kill, by plan: {dict(early)}; typical seconds: { {k: round(typical(k), 3) for k in seen} }"
    )
    sys.stderr.write(f"\ncrash test: {summary}\n")
    assert kills >= 0.5 * len(plan), summary
    assert phases["writing the snapshot files"] >= 1, summary
    assert outcomes["old state"] >= 1, summary


@pytest.mark.slow
def test_killed_remove_leaves_the_old_or_the_new_index(world: dict[str, Any]) -> None:
    rng = random.Random(7)
    root: Path = world["root"]
    server: Server = world["server"]
    gone = [str(p) for p in sorted(world["new_corpus"].iterdir())[:3]]
    after = root / "after-remove"
    copy_index(world["full"], after)
    r = server.run(
        ["remove", *gone, "--index", str(after)], root / "rm.log", watch=str(after / "snapshots" / ".tmp-*")
    )
    assert r["rc"] == 0, (root / "rm.log").read_text()
    elapsed, window = r["elapsed"], r["elapsed"] - r["watch_seen"]
    removed_state = State(Index.open(after))
    assert len(removed_state.docs) == len(world["new_state"].docs) - 3
    outcomes: Counter[str] = Counter()
    for n in range(round(8 * SCALE)):
        folder = root / "rm-trial"
        copy_index(world["full"], folder)
        kill: dict[str, float | str | None] = (
            {"kill_at": rng.uniform(0, elapsed)}
            if n % 2
            else {"watch": str(folder / "snapshots" / ".tmp-*"), "kill_after_watch": rng.uniform(0, window)}
        )
        r = server.run(["remove", *gone, "--index", str(folder)], root / f"rm-{n}.log", **kill)
        index = Index.open(folder)
        state = next((s for s in (world["new_state"], removed_state) if s.matches(index)), None)
        assert state is not None, f"trial {n}: neither state"
        outcomes[
            "not killed"
            if not r["killed"]
            else "killed, old state"
            if state is world["new_state"]
            else "killed, new state"
        ] += 1
    sys.stderr.write(f"\ncrash test (rag remove): {dict(outcomes)}\n")


@pytest.mark.slow
def test_a_killed_first_build_is_resumed_by_the_next_run(world: dict[str, Any]) -> None:
    """No old index at all: a kill leaves no index (or the complete new one); re-running builds it."""
    rng = random.Random(11)
    root: Path = world["root"]
    server: Server = world["server"]
    for n in range(2):
        folder = root / f"first-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        kill = (
            {"kill_at": rng.uniform(0.3, 0.9) * world["cold_s"]}
            if n == 0
            else {"watch": str(folder / "snapshots" / ".tmp-*"), "kill_after_watch": 0.0}
        )
        r = server.run(
            ["index", str(world["new_corpus"]), "--index", str(folder), "-q"], root / "f.log", **kill
        )
        if r["killed"]:
            try:
                index = Index.open(folder)
            except IndexNotFound as e:
                assert "rag index" in str(e)
            else:
                assert len(index.documents) == 24
        r = server.run(["index", str(world["new_corpus"]), "--index", str(folder), "-q"], root / "f2.log")
        assert r["rc"] == 0, (root / "f2.log").read_text()
        assert len(Index.open(folder).documents) == 24


@pytest.mark.slow
def test_plain_cli_processes_killed_mid_run(world: dict[str, Any]) -> None:
    """The same with fresh `python -m rag.cli index` processes: killed once embedding has started, killed
    again on the re-run, then a third run completes the index."""
    rng = random.Random(3)
    folder = world["root"] / "cli"
    copy_index(world["old"], folder)
    argv = [sys.executable, "-m", "rag.cli", "index", str(world["new_corpus"]), "--index", str(folder), "-q"]
    for _ in range(2):
        proc = subprocess.Popen(
            argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=world["env"]
        )
        assert proc.stderr is not None
        for line in proc.stderr:
            if "embedding" in line:
                break
        time.sleep(rng.uniform(0, 0.8 * world["cold_s"]))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        check_after_kill(world, folder, (world["old_state"], world["new_state"]))
    done = subprocess.run(argv, capture_output=True, text=True, env=world["env"], timeout=300)
    assert done.returncode == 0, done.stderr
    check_after_kill(world, folder, (world["new_state"],))


def test_an_interrupted_run_loses_at_most_one_batch_and_resumes(tmp_path: Path, embedder: Any) -> None:
    """In process and exact: a run that dies in its third batch keeps the two committed batches, even across
    another, finished run in between, and the re-run embeds only the rest."""
    from rag.indexer import index_paths

    config = Config.from_env(batch_size=2)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, range(10))
    other = write_corpus(tmp_path / "other", range(10, 11))
    folder = tmp_path / "index"

    class Dying:
        """The real embedder, killed (as a KeyboardInterrupt) during its third batch."""

        def __init__(self) -> None:
            self.calls = 0

        def __getattr__(self, name: str) -> Any:
            return getattr(embedder, name)

        def encode_passages_with_spans(self, texts: list[str], spans: Any, **kw: Any) -> Any:
            self.calls += 1
            if self.calls == 3:
                raise KeyboardInterrupt
            return embedder.encode_passages_with_spans(texts, spans, **kw)

    with pytest.raises(KeyboardInterrupt):
        index_paths([corpus], folder, config=config, embedder=Dying())  # type: ignore[arg-type]
    assert len(cached_keys(folder, embedder.model_id)) == 4  # two batches of two
    assert index_paths(other, folder, config=config, embedder=embedder).embedded == 1
    assert len(cached_keys(folder, embedder.model_id)) == 5  # the finished run did not drop them
    stats = index_paths([corpus], folder, config=config, embedder=embedder)
    assert (stats.added, stats.embedded) == (10, 10 - 4)
