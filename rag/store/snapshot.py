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

``manifest.json`` lists every file with its size and sha256, and carries a checksum of its own content;
:func:`verify` checks them all before anything is parsed, so a damaged file is reported by name instead of
reaching a C++ loader.

Snapshot names are UTC timestamps with nanoseconds, so sorting by name is sorting by age. A crash before the
switch can leave a hidden ``.tmp-*`` folder (or a complete snapshot that never became live); the next writer
removes them.
"""

from __future__ import annotations

import calendar
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

FORMAT_VERSION = 2  # 2: the manifest carries its own checksum
READABLE_VERSIONS = (1, 2)
KEEP = 2
CURRENT = "CURRENT"
SNAPSHOTS = "snapshots"
MANIFEST = "manifest.json"
LOCK = ".writer.lock"

FIX = (
    "run `rag index --rollback` to return to the previous snapshot, then `rag index` your newer files again "
    "(text already embedded is reused from the cache)"
)
MANIFEST_SUM = "manifest_sha256"


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Give an :class:`OSError` without a file name (``os.fsync``'s) the name of ``path``."""
    try:
        yield
    except OSError as e:
        if e.filename is None:
            raise OSError(e.errno, e.strerror, str(path)) from None
        raise


def fsync_dir(path: Path) -> None:
    with _naming(path):
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
    """Replace ``path`` by ``text`` atomically: temp file, fsync, ``os.replace``, fsync the folder."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with _naming(path), open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def manifest_checksum(manifest: dict[str, Any]) -> str:
    """sha256 of the manifest's content without its own checksum, in one canonical JSON form."""
    body = {k: v for k, v in manifest.items() if k != MANIFEST_SUM}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_index(path: Path) -> bool:
    """Whether ``path`` holds an index: a ``CURRENT`` pointer or at least one complete snapshot. A folder
    where only a first ``rag index`` that never finished left traces (temp folders, the cache) is none."""
    return (path / CURRENT).is_file() or bool(list_snapshots(path))


def current_snapshot(index_dir: Path) -> Path:
    """The live snapshot folder; clear errors when ``index_dir`` is no index."""
    if not index_dir.exists():
        raise IndexNotFound(f"no index at {index_dir}: build one with `rag index PATH --index {index_dir}`")
    if not index_dir.is_dir():
        raise IndexNotFound(f"{index_dir} is a file, not an index folder")
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        if list_snapshots(index_dir):
            raise IndexCorrupted(
                f"{pointer} is missing, so it is not known which snapshot is live; {_current_fix(index_dir)}"
            )
        if (index_dir / SNAPSHOTS).is_dir():
            raise IndexNotFound(
                f"{index_dir} holds no finished index (an earlier `rag index` stopped before its first "
                f"snapshot): run `rag index PATH --index {index_dir}` again; embedded text is reused"
            )
        if any(index_dir.iterdir()):
            raise IndexNotFound(
                f"{index_dir} is not an index (no {CURRENT} file): give the folder that `rag index` built"
            )
        raise IndexNotFound(f"{index_dir} is empty: build an index with `rag index PATH --index {index_dir}`")
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as e:
        raise IndexCorrupted(f"cannot read {pointer}: {e}; {_current_fix(index_dir)}") from None
    snap = index_dir / SNAPSHOTS / name
    if not name or "/" in name or name.startswith(".") or not snap.is_dir():
        raise IndexCorrupted(f"{pointer} names a missing snapshot {name!r}; {_current_fix(index_dir)}")
    return snap


def _current_fix(index_dir: Path) -> str:
    return f"run `rag index --rollback --index {index_dir}` to make the newest intact snapshot live"


def list_snapshots(index_dir: Path) -> list[Path]:
    """The complete snapshots of ``index_dir``, oldest first (temp folders of unfinished writes excluded)."""
    root = index_dir / SNAPSHOTS
    try:
        return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return []


def read_manifest(snapshot: Path) -> dict[str, Any]:
    path = snapshot / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorrupted(f"{path} is missing; {FIX}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise IndexCorrupted(f"{path} is damaged ({e}); {FIX}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise IndexCorrupted(f"{path} is not an index manifest; {FIX}")
    version = manifest.get("format_version")
    # Version 1 manifests were written before the self-checksum existed.
    if (version != 1 or MANIFEST_SUM in manifest) and manifest.get(MANIFEST_SUM) != manifest_checksum(
        manifest
    ):
        raise IndexCorrupted(f"{path} is damaged (checksum mismatch); {FIX}")
    if version not in READABLE_VERSIONS:
        raise IndexCorrupted(
            f"{path} has format version {version!r}, this program reads {READABLE_VERSIONS}; {FIX}"
        )
    return manifest


def verify(snapshot: Path) -> dict[str, Any]:
    """Read the manifest and check every listed file's size and sha256. Returns the manifest."""
    manifest = read_manifest(snapshot)
    for rel, meta in sorted(manifest["files"].items()):
        path = snapshot / rel
        if not isinstance(meta, dict) or rel.startswith("/") or ".." in Path(rel).parts:
            raise IndexCorrupted(f"{snapshot / MANIFEST} lists {rel!r} oddly; {FIX}")
        try:
            size = path.stat().st_size
            if size != meta.get("size"):
                raise IndexCorrupted(
                    f"index file {path} has {size} bytes, expected {meta.get('size')}; {FIX}"
                )
            digest = sha256_file(path)
        except FileNotFoundError:
            raise IndexCorrupted(f"index file {path} is missing; {FIX}") from None
        except OSError as e:
            raise IndexCorrupted(f"cannot read index file {path} ({e.strerror or e}); {FIX}") from None
        if digest != meta.get("sha256"):
            raise IndexCorrupted(f"index file {path} is damaged (checksum mismatch); {FIX}")
    return manifest


class SnapshotWriter:
    """Collects files in a hidden temp folder; :meth:`commit` makes them the live snapshot."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        root = index_dir / SNAPSHOTS
        root.mkdir(parents=True, exist_ok=True)
        self.name = _new_name(index_dir)
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
                with _naming(p), open(p, "rb") as f:
                    os.fsync(f.fileno())
                files[p.relative_to(self.tmp).as_posix()] = {
                    "size": p.stat().st_size,
                    "sha256": sha256_file(p),
                }
        for d in sorted({p.parent for p in self.tmp.rglob("*")} | {self.tmp}, key=lambda x: -len(x.parts)):
            fsync_dir(d)
        manifest = {**manifest, "format_version": FORMAT_VERSION, "snapshot": self.name, "files": files}
        manifest[MANIFEST_SUM] = manifest_checksum(manifest)
        mpath = self.tmp / MANIFEST
        with _naming(mpath), open(mpath, "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        fsync_dir(self.tmp)
        final = self.tmp.parent / self.name
        os.replace(self.tmp, final)
        fsync_dir(final.parent)
        previous = _live_name(self.index_dir)
        atomic_write_text(self.index_dir / CURRENT, self.name + "\n")
        # The switch is done: from here on nothing may fail the save; leftovers are removed next time.
        with contextlib.suppress(OSError):
            _prune(self.index_dir, live=self.name, previous=previous)
        return final

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _new_name(index_dir: Path) -> str:
    """A snapshot name that sorts after every existing one: UTC time to the nanosecond (fixed width, so
    name order is time order), later than the newest snapshot even if the clock was set back."""
    newest = max(
        (_name_ns(p.name.removeprefix(".tmp-")) for p in (index_dir / SNAPSHOTS).iterdir()), default=0
    )
    ns = max(time.time_ns(), newest + 1)
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime(ns // 10**9)) + f"-{ns % 10**9:09d}"


def _name_ns(name: str) -> int:
    try:
        stamp, frac = name.split("-", 1)
        return calendar.timegm(time.strptime(stamp, "%Y%m%dT%H%M%S")) * 10**9 + int(frac)
    except ValueError:
        return 0


def _live_name(index_dir: Path) -> str:
    try:
        return (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _prune(index_dir: Path, live: str, previous: str) -> None:
    """Keep ``KEEP`` snapshots: the live one and the one it replaced (where ``rollback`` goes); remove the
    rest (older ones, and complete ones that a dead writer never switched to), and what
    writers that died left behind. Only the lock holder calls this, so no other writer is using them.
    Readers may still be reading a removed snapshot; :meth:`Index.open` then retries on the live one."""
    keep = {live, previous}
    for s in list_snapshots(index_dir):
        if s.name not in keep:
            shutil.rmtree(s, ignore_errors=True)
    for t in (index_dir / SNAPSHOTS).glob(".tmp-*"):
        shutil.rmtree(t, ignore_errors=True)
    for t in index_dir.glob(f".{CURRENT}.*.tmp"):
        with contextlib.suppress(OSError):
            t.unlink()


def rollback(index_dir: Path) -> Path:
    """Point ``CURRENT`` at the newest intact snapshot older than the live one."""
    if not index_dir.is_dir():
        raise IndexNotFound(f"no index at {index_dir}")
    with writer_lock(index_dir):
        snaps = list_snapshots(index_dir)
        live = _live_name(index_dir)
        # CURRENT missing or damaged: any intact snapshot will do, the newest first.
        older = [s for s in snaps if s.name < live] if live in {s.name for s in snaps} else snaps
        for snap in reversed(older):
            try:
                verify(snap)
            except RagError:
                continue
            atomic_write_text(index_dir / CURRENT, snap.name + "\n")
            return snap
    raise IndexCorrupted(
        f"no earlier intact snapshot in {index_dir} to roll back to; build the index again with "
        f"`rag index PATH... --index {index_dir}` after moving the damaged folder {index_dir / SNAPSHOTS} aside"
    )


@contextlib.contextmanager
def writer_lock(index_dir: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Exclusive writer lock on the existing folder ``index_dir``; fails clearly if another writer holds it
    after ``wait`` seconds. ``flock`` locks die with their process, so a killed writer never leaves a stale
    lock. Readers never take it."""
    if not index_dir.is_dir():
        raise IndexNotFound(f"no index folder at {index_dir}")
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
