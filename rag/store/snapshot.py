"""Atomic, checksummed snapshots of an index folder.

Layout of an index folder::

    INDEX/
      CURRENT                 name of the live snapshot, replaced atomically
      .writer.lock            held by the one process that writes
      snapshots/<name>/       one complete, immutable index: manifest.json and the files it lists

A save writes a whole new snapshot folder next to the old one (each file fsynced, then the folder), and only
then switches ``CURRENT`` (write a temp file, fsync, ``os.replace``, fsync the folder). A crash at any point
leaves ``CURRENT`` naming either the old or the new snapshot, both complete. Readers never take a lock: they
read ``CURRENT`` once and open that snapshot, which nobody modifies. Old snapshots are pruned after the
switch, keeping ``KEEP`` of them so ``rollback`` has somewhere to go.

``manifest.json`` lists every file with its size and sha256; :func:`verify` checks them before anything is
parsed, so a damaged file is reported by name instead of reaching a C++ loader.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rag.errors import IndexCorrupted, IndexNotFound, RagError

__all__ = [
    "FORMAT_VERSION",
    "KEEP",
    "SnapshotWriter",
    "current_snapshot",
    "list_snapshots",
    "rollback",
    "verify",
    "writer_lock",
]

FORMAT_VERSION = 1
KEEP = 2
CURRENT = "CURRENT"
SNAPSHOTS = "snapshots"
MANIFEST = "manifest.json"
LOCK = ".writer.lock"

_FIX = "re-run `rag index` to rebuild it, or `rag index --rollback` to return to the previous snapshot"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def is_index(path: Path) -> bool:
    return (path / CURRENT).is_file() or (path / SNAPSHOTS).is_dir()


def current_snapshot(index_dir: Path) -> Path:
    """The live snapshot folder; clear errors when ``index_dir`` is no index."""
    if not index_dir.exists():
        raise IndexNotFound(f"no index at {index_dir}: build one with `rag index PATH --index {index_dir}`")
    if not index_dir.is_dir():
        raise IndexNotFound(f"{index_dir} is a file, not an index folder")
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        if any(index_dir.iterdir()):
            raise IndexNotFound(
                f"{index_dir} is not an index (no {CURRENT} file): give the folder that `rag index` built"
            )
        raise IndexNotFound(f"{index_dir} is empty: build an index with `rag index PATH --index {index_dir}`")
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as e:
        raise IndexCorrupted(f"cannot read {pointer}: {e}; {_FIX}") from None
    snap = index_dir / SNAPSHOTS / name
    if not name or "/" in name or not snap.is_dir():
        raise IndexCorrupted(f"{pointer} names a missing snapshot {name!r}; {_FIX}")
    return snap


def list_snapshots(index_dir: Path) -> list[Path]:
    root = index_dir / SNAPSHOTS
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def read_manifest(snapshot: Path) -> dict[str, Any]:
    path = snapshot / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorrupted(f"{path} is missing; {_FIX}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise IndexCorrupted(f"{path} is damaged ({e}); {_FIX}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise IndexCorrupted(f"{path} is not an index manifest; {_FIX}")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexCorrupted(
            f"{path} has format version {version!r}, this program reads {FORMAT_VERSION}; rebuild with `rag index`"
        )
    return manifest


def verify(snapshot: Path) -> dict[str, Any]:
    """Read the manifest and check every listed file's size and sha256. Returns the manifest."""
    manifest = read_manifest(snapshot)
    for rel, meta in sorted(manifest["files"].items()):
        path = snapshot / rel
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise IndexCorrupted(f"index file {path} is missing; {_FIX}") from None
        if size != meta.get("size"):
            raise IndexCorrupted(f"index file {path} has {size} bytes, expected {meta.get('size')}; {_FIX}")
        if sha256_file(path) != meta.get("sha256"):
            raise IndexCorrupted(f"index file {path} is damaged (checksum mismatch); {_FIX}")
    return manifest


class SnapshotWriter:
    """Collects files in a hidden temp folder; :meth:`commit` makes them the live snapshot."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        root = index_dir / SNAPSHOTS
        root.mkdir(parents=True, exist_ok=True)
        self.name = time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 10**9:09d}"
        self.tmp = root / f".tmp-{self.name}"
        self.tmp.mkdir()

    def path(self, rel: str) -> Path:
        p = self.tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def commit(self, manifest: dict[str, Any]) -> Path:
        files: dict[str, dict[str, Any]] = {}
        for p in sorted(self.tmp.rglob("*")):
            if p.is_file():
                with open(p, "rb") as f:
                    os.fsync(f.fileno())
                files[p.relative_to(self.tmp).as_posix()] = {
                    "size": p.stat().st_size,
                    "sha256": sha256_file(p),
                }
        for d in sorted({p.parent for p in self.tmp.rglob("*")} | {self.tmp}, key=lambda x: -len(x.parts)):
            fsync_dir(d)
        manifest = {**manifest, "format_version": FORMAT_VERSION, "snapshot": self.name, "files": files}
        mpath = self.tmp / MANIFEST
        with open(mpath, "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        fsync_dir(self.tmp)
        final = self.tmp.parent / self.name
        os.replace(self.tmp, final)
        fsync_dir(final.parent)
        atomic_write_text(self.index_dir / CURRENT, self.name + "\n")
        _prune(self.index_dir, keep=KEEP)
        return final

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _prune(index_dir: Path, keep: int) -> None:
    live = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    snaps = list_snapshots(index_dir)
    old = [s for s in snaps if s.name != live]
    for s in old[: max(0, len(old) - (keep - 1))]:
        shutil.rmtree(s, ignore_errors=True)
    # Temp folders of writers that died: only the lock holder calls this, so none is in use.
    root = index_dir / SNAPSHOTS
    for t in root.glob(".tmp-*"):
        shutil.rmtree(t, ignore_errors=True)


def rollback(index_dir: Path) -> Path:
    """Point ``CURRENT`` at the newest intact snapshot older than the live one."""
    with writer_lock(index_dir):
        snaps = list_snapshots(index_dir)
        try:
            live = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
        except OSError:
            live = ""
        older = [s for s in snaps if s.name < live] if live else snaps
        for snap in reversed(older):
            try:
                verify(snap)
            except RagError:
                continue
            atomic_write_text(index_dir / CURRENT, snap.name + "\n")
            return snap
    raise IndexCorrupted(
        f"no earlier intact snapshot in {index_dir} to roll back to; rebuild with `rag index`"
    )


@contextlib.contextmanager
def writer_lock(index_dir: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Exclusive writer lock on ``index_dir``; fails clearly if another writer holds it after ``wait`` s."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise RagError(
                        f"another `rag index` is writing to {index_dir}; wait for it to finish and try again"
                    ) from None
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)
