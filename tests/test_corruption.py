"""Damaged index files: each file of the live snapshot (and CURRENT) truncated, bit-flipped or deleted gives
a clear error that names the file and the way out, never a traceback or a crash in FAISS's C++ loader, and
``rag index --rollback`` brings back the previous snapshot."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rag.errors import IndexCorrupted, IndexNotFound
from rag.indexer import index_paths
from rag.store.index import Index
from rag.store.snapshot import list_snapshots, rollback

FILES = (
    "manifest.json",
    "vectors.faiss",
    "chunks.jsonl",
    "articles.jsonl",
    "documents.jsonl",
    "keyword/data.csc.index.npy",
    "keyword/indices.csc.index.npy",
    "keyword/indptr.csc.index.npy",
    "keyword/params.index.json",
    "keyword/vocab.index.json",
    "pinyin/data.csc.index.npy",
    "pinyin/vocab.index.json",
    "sentences/offsets.npy",
    "sentences/spans.npy",
    "sentences/vectors.npy",
    "CURRENT",
)
DAMAGES = ("truncate", "flip", "delete")
EXTRA = (
    "## 青海推进高原草场保护\n\n本报记者　马骏\n\n本报西宁电　青海省今年实施草原生态保护补助奖励政策，"
    "禁牧休牧面积进一步扩大，牧民人均增收明显，高原草场植被覆盖度持续提高。\n"
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, demo_index_dir: Path, embedder: Any) -> dict[str, Any]:
    """An index with two snapshots: the demo page (previous) and the demo page plus one article (live)."""
    root = tmp_path_factory.mktemp("corrupt")
    folder = root / "index"
    shutil.copytree(demo_index_dir, folder)
    extra = root / "extra.txt"
    extra.write_text(EXTRA, encoding="utf-8")
    before = frozenset(Index.open(folder).documents)
    index_paths([extra], folder, embedder=embedder)
    after = frozenset(Index.open(folder).documents)
    assert len(after) == len(before) + 1
    assert len(list_snapshots(folder)) == 2
    return {"folder": folder, "old": before, "new": after}


def damage(folder: Path, rel: str, how: str, at: float = 0.5, bits: int = 0xFF) -> Path:
    """Damage ``rel`` (in the live snapshot, or CURRENT itself) and return its path."""
    live = (folder / "CURRENT").read_text().strip()
    path = folder / rel if rel == "CURRENT" else folder / "snapshots" / live / rel
    if how == "delete":
        path.unlink()
    else:
        data = bytearray(path.read_bytes())
        if how == "truncate":
            del data[int(len(data) * at) :]
        else:
            data[min(len(data) - 1, int(len(data) * at))] ^= bits
        path.write_bytes(bytes(data))
    return path


def fresh(pristine: dict[str, Any], tmp_path: Path) -> Path:
    folder = tmp_path / "index"
    shutil.copytree(pristine["folder"], folder)
    return folder


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("rel", FILES)
def test_damage_is_named_and_rollback_recovers(
    pristine: dict[str, Any], tmp_path: Path, rel: str, how: str
) -> None:
    folder = fresh(pristine, tmp_path)
    damage(folder, rel, how)
    with pytest.raises((IndexCorrupted, IndexNotFound)) as err:
        Index.open(folder)
    message = str(err.value)
    assert "\n" not in message
    assert (Path(rel).name if rel != "CURRENT" else "CURRENT") in message, message
    assert "rag index --rollback" in message, message
    # Indexing more into a damaged index refuses the same way instead of building on it.
    with pytest.raises((IndexCorrupted, IndexNotFound), match="rollback"):
        index_paths([pristine["folder"].parent / "extra.txt"], folder)
    back = rollback(folder)
    docs = frozenset(Index.open(folder).documents)
    # Damage in the live snapshot: back to the previous one. Damage to CURRENT: the newest intact snapshot,
    # which is the one CURRENT named.
    assert docs == (pristine["new"] if rel == "CURRENT" else pristine["old"]), back


@pytest.mark.parametrize("rel", ["manifest.json", "CURRENT", "keyword/params.index.json"])
def test_every_single_byte_change_in_small_files_is_caught(
    pristine: dict[str, Any], tmp_path: Path, rel: str
) -> None:
    """Flip each byte (stride 3) both ways: one low bit (the text stays valid) and all bits."""
    folder = fresh(pristine, tmp_path)
    live = (folder / "CURRENT").read_text().strip()
    path = folder / rel if rel == "CURRENT" else folder / "snapshots" / live / rel
    original = path.read_bytes()
    tried = 0
    for i in range(0, len(original), 3):
        for bits in (0x01, 0xFF):
            data = bytearray(original)
            data[i] ^= bits
            if rel == "CURRENT" and bytes(data).strip() == original.strip():
                continue  # the trailing newline became other white space: still the same name
            path.write_bytes(bytes(data))
            with pytest.raises((IndexCorrupted, IndexNotFound)):
                Index.open(folder)
            tried += 1
    path.write_bytes(original)
    assert frozenset(Index.open(folder).documents) == pristine["new"]
    assert tried > 10


def test_whole_snapshot_folder_deleted(pristine: dict[str, Any], tmp_path: Path) -> None:
    folder = fresh(pristine, tmp_path)
    live = (folder / "CURRENT").read_text().strip()
    shutil.rmtree(folder / "snapshots" / live)
    with pytest.raises(IndexCorrupted, match=r"CURRENT names a missing snapshot.*rollback"):
        Index.open(folder)
    rollback(folder)
    assert frozenset(Index.open(folder).documents) == pristine["old"]


def test_nothing_intact_to_roll_back_to(pristine: dict[str, Any], tmp_path: Path) -> None:
    folder = fresh(pristine, tmp_path)
    for snap in list_snapshots(folder):
        (snap / "chunks.jsonl").write_text("broken\n")
    with pytest.raises(IndexCorrupted, match="no earlier intact snapshot"):
        rollback(folder)


# The command line, in one subprocess over every damaged copy (a crash in a C++ loader would kill it), then
# a few separate `python -m rag.cli` runs for the exit status and the one-line message.
_DRIVER = r"""
import contextlib, io, json, sys
from rag import cli
out = []
for folder in json.loads(sys.argv[1]):
    runs = []
    for argv in (["sources", "--index", folder], ["index", "--rollback", "--index", folder],
                 ["sources", "--index", folder, "--json"]):
        err, std = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
            rc = cli.main(argv)
        runs.append({"rc": rc, "stderr": err.getvalue(), "stdout": std.getvalue()})
    out.append(runs)
print(json.dumps(out))
"""


def test_cli_on_every_damaged_file(pristine: dict[str, Any], tmp_path: Path) -> None:
    folders, cases = [], []
    for rel in FILES:
        for how in DAMAGES:
            folder = tmp_path / f"{rel.replace('/', '_')}-{how}"
            shutil.copytree(pristine["folder"], folder)
            damage(folder, rel, how)
            folders.append(str(folder))
            cases.append((rel, how))
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, json.dumps(folders)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]  # a segfault would be -11
    for (rel, how), (broken, rolled, repaired) in zip(cases, json.loads(proc.stdout), strict=True):
        assert broken["rc"] == 2, (rel, how, broken)
        lines = broken["stderr"].strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("rag: error:"), (rel, how, broken["stderr"])
        assert Path(rel).name in lines[0] and "rollback" in lines[0], lines[0]
        assert rolled["rc"] == 0 and "rolled back" in rolled["stdout"], (rel, how, rolled)
        assert repaired["rc"] == 0, (rel, how, repaired)
        sources = json.loads(repaired["stdout"])
        assert sum(s["documents"] for s in sources) == len(pristine["new" if rel == "CURRENT" else "old"])


@pytest.mark.parametrize(("rel", "how"), [("vectors.faiss", "flip"), ("manifest.json", "truncate")])
def test_cli_process_exit_status_and_one_line(
    pristine: dict[str, Any], tmp_path: Path, rel: str, how: str
) -> None:
    folder = fresh(pristine, tmp_path)
    damage(folder, rel, how)
    proc = subprocess.run(
        [sys.executable, "-m", "rag.cli", "ask", "容错纠错", "--index", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rag: error:") and Path(rel).name in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
