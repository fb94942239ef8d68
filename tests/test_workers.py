"""Embedding on Ray workers (``rag index --workers N``): a real local Ray with two workers embeds the demo page
and a slice of the xwlb stories with the vectors the single process computes, into the same embedding cache,
and a run that finds them there embeds nothing (how a killed run resumes from the cache batch by batch is
tests/test_crash.py's). Without Ray, asking for workers is one line saying how to install it."""

from __future__ import annotations

import gzip
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pytest

import rag
from rag.config import Config
from rag.indexer import CACHE_FILE, index_paths
from rag.store.cache import EmbeddingCache
from tests.conftest import MODEL_CACHE, REPO, SAMPLE, SHARED

STORIES = SHARED / "data" / "xwlb" / "stories.jsonl.gz"
#: Stories in the slice: about 165 chunks, with the demo page's 33 about 200.
SLICE = 70
MODEL = "intfloat/multilingual-e5-small"
QUESTION = "浙江如何落实容错纠错机制？"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray Data's own, about its settings


class Built(NamedTuple):
    corpus: Path
    one: rag.IndexStats
    two: Path
    stdout: str


def _rag(*args: str, home: Path, code: str = "from rag.cli import main; sys.exit(main(sys.argv[1:]))") -> Any:
    """``rag ARGS`` in a subprocess (``code`` may first change what it can import)."""
    env = {**os.environ, "RAG_HOME": str(home), "RAG_MODELS": str(MODEL_CACHE), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-c", f"import sys; {code}", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _config(tmp: Path, workers: int = 1) -> Config:
    return Config.from_env(env={}, home=tmp / "home", models=MODEL_CACHE, workers=workers)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Built:
    """The demo page and the first stories of the xwlb file indexed twice: in this process, and by
    ``rag index --workers 2`` (a local Ray started and stopped by the command)."""
    pytest.importorskip("ray")
    if not STORIES.exists():
        pytest.skip("shared stories.jsonl.gz not present")
    tmp = tmp_path_factory.mktemp("workers")
    corpus = tmp / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    with gzip.open(STORIES, "rt", encoding="utf-8") as f:
        (corpus / "stories.jsonl").write_text("".join(itertools.islice(f, SLICE)), encoding="utf-8")
    one = index_paths([corpus], tmp / "one", config=_config(tmp), embedder=embedder)  # type: ignore[arg-type]
    done = _rag("index", str(corpus), "--index", str(tmp / "two"), "--workers", "2", "-q", home=tmp / "home")
    assert done.returncode == 0, done.stderr
    return Built(corpus, one, tmp / "two", done.stdout)


def _cached(index_dir: Path, dimension: int) -> dict[str, np.ndarray]:
    cache = EmbeddingCache(index_dir / CACHE_FILE, MODEL, dimension)
    try:
        keys = [k for (k,) in cache.db.execute("SELECT key FROM vectors")]
        return cache.get_many(keys)
    finally:
        cache.close()


def _min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    assert a.shape == b.shape
    return float(np.min(np.sum(a * b, axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)))


@pytest.mark.slow
def test_two_workers_embed_what_one_process_does(built: Built, embedder: Any) -> None:
    one = built.one
    assert one.chunks > 200 and one.embedded == one.chunks
    assert f"{one.chunks} chunks ({one.documents} added" in built.stdout
    assert f"{one.embedded} chunks embedded" in built.stdout
    single, workers = _cached(one.index_dir, embedder.dimension), _cached(built.two, embedder.dimension)
    assert set(workers) == set(single) and len(workers) == one.embedded
    # Row 0 of each array is the chunk's vector, the rest its sentence windows' vectors.
    assert min(_min_cosine(single[k][:1], workers[k][:1]) for k in single) >= 0.9999
    assert min(_min_cosine(single[k][1:], workers[k][1:]) for k in single if len(single[k]) > 1) >= 0.9999
    # The two indexes answer alike.
    a = rag.retrieve(QUESTION, 3, rag.open_index(one.index_dir))
    b = rag.retrieve(QUESTION, 3, rag.open_index(built.two))
    assert [p.citation.line() for p in a] == [p.citation.line() for p in b]


@pytest.mark.slow
def test_a_run_killed_after_the_workers_embedded_everything_embeds_nothing(
    built: Built, embedder: Any, tmp_path: Path
) -> None:
    # What such a run leaves: an index folder with no snapshot yet, its embedding cache full.
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(built.two / CACHE_FILE, again / CACHE_FILE)
    stats = index_paths([built.corpus], again, config=_config(tmp_path, 2), embedder=embedder)
    assert stats.embedded == 0 and stats.chunks == built.one.chunks
    assert rag.retrieve(QUESTION, 1, rag.open_index(again))[0].citation.line() == (
        rag.retrieve(QUESTION, 1, rag.open_index(built.one.index_dir))[0].citation.line()
    )


def test_workers_without_ray_is_one_line(tmp_path: Path) -> None:
    code = "sys.modules['ray'] = None; from rag.cli import main; sys.exit(main(sys.argv[1:]))"
    args = ("index", str(SAMPLE), "--index", str(tmp_path / "idx"), "--workers", "2")
    done = _rag(*args, home=tmp_path / "home", code=code)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "rag: error: --workers/--ray-address need Ray, which is not installed: "
        "pip install 'newsrag[workers]' (or pip install 'ray[data]')"
    ]
    assert not (tmp_path / "idx").exists()


def test_ray_client_address_is_refused_before_anything_is_done(tmp_path: Path) -> None:
    with pytest.raises(rag.InputError, match=r"^Ray Data does not run over Ray Client \(ray://\)"):
        index_paths(
            [SAMPLE], tmp_path / "idx", config=_config(tmp_path).with_(ray_address="ray://head:10001")
        )
    assert not (tmp_path / "idx").exists()
