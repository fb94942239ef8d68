"""The snapshot layer on its own: atomic switch, checksums, rollback and the writer lock."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from rag.errors import IndexCorrupted, IndexNotFound, RagError
from rag.store.snapshot import (
    KEEP,
    SnapshotWriter,
    current_snapshot,
    list_snapshots,
    rollback,
    verify,
    writer_lock,
)


def _write(index_dir: Path, payload: str) -> Path:
    w = SnapshotWriter(index_dir)
    w.path("data.txt").write_text(payload, encoding="utf-8")
    w.path("sub/more.txt").write_text(payload * 2, encoding="utf-8")
    return w.commit({"counts": {"chunks": 0}})


def test_commit_switches_current_and_lists_every_file(tmp_path: Path) -> None:
    snap = _write(tmp_path, "one")
    assert current_snapshot(tmp_path) == snap
    manifest = verify(snap)
    assert set(manifest["files"]) == {"data.txt", "sub/more.txt"}
    assert all(len(m["sha256"]) == 64 for m in manifest["files"].values())


def test_old_snapshots_are_pruned_but_one_is_kept_for_rollback(tmp_path: Path) -> None:
    snaps = [_write(tmp_path, str(i)) for i in range(4)]
    assert [s.name for s in list_snapshots(tmp_path)] == [s.name for s in snaps[-KEEP:]]
    back = rollback(tmp_path)
    assert back == snaps[-2]
    assert (current_snapshot(tmp_path) / "data.txt").read_text() == "2"


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete"])
def test_damaged_file_is_named_in_a_clear_error(tmp_path: Path, damage: str) -> None:
    snap = _write(tmp_path, "x" * 100)
    target = snap / "sub" / "more.txt"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:10])
    elif damage == "flip":
        data = bytearray(target.read_bytes())
        data[5] ^= 0xFF
        target.write_bytes(bytes(data))
    else:
        target.unlink()
    with pytest.raises(IndexCorrupted, match=r"more\.txt") as err:
        verify(snap)
    assert "rollback" in str(err.value)


def test_a_crash_before_commit_leaves_the_old_snapshot_live(tmp_path: Path) -> None:
    first = _write(tmp_path, "old")
    w = SnapshotWriter(tmp_path)
    w.path("data.txt").write_text("half", encoding="utf-8")  # never committed: the writer "died"
    assert current_snapshot(tmp_path) == first
    _write(tmp_path, "new")  # the next writer cleans up the dead temp folder
    assert not list((tmp_path / "snapshots").glob(".tmp-*"))


def test_not_an_index_errors(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="no index"):
        current_snapshot(tmp_path / "missing")
    (tmp_path / "stuff.txt").write_text("x")
    with pytest.raises(IndexNotFound, match="not an index"):
        current_snapshot(tmp_path)
    (tmp_path / "CURRENT").write_text("nope\n")
    with pytest.raises(IndexCorrupted, match="missing snapshot"):
        current_snapshot(tmp_path)


def _hold_lock(
    path: str, ready: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event
) -> None:
    with writer_lock(Path(path)):
        ready.set()
        release.wait(10)


def test_second_writer_fails_clearly_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    proc.start()
    try:
        assert ready.wait(20)
        with pytest.raises(RagError, match="another `rag index` is writing"), writer_lock(tmp_path):
            pass
    finally:
        release.set()
        proc.join(10)
    with writer_lock(tmp_path):
        pass
