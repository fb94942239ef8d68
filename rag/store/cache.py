"""An embedding cache in SQLite, keyed by model and text hash.

It makes re-indexing cheap (unchanged text is never embedded twice) and is the checkpoint of a long
``rag index`` run: vectors are committed every batch, so a run that is killed resumes where it stopped.
The cache sits beside the snapshots, outside them: losing it loses time, never data. So a damaged cache
file is set aside (``*.damaged``) and a new one started, with a warning; a full disk or an I/O error is
raised as the :class:`OSError` it is, so the command line reports it in one line.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

__all__ = ["EmbeddingCache", "text_key"]

_log = logging.getLogger(__name__)

# SQLite primary result codes (the low byte of an extended code).
_OS_ERRORS = {
    13: (errno.ENOSPC, "No space left on device"),  # SQLITE_FULL
    10: (errno.EIO, "Input/output error"),  # SQLITE_IOERR
    8: (errno.EACCES, "Permission denied (read-only)"),  # SQLITE_READONLY
    14: (errno.EACCES, "Cannot open the file"),  # SQLITE_CANTOPEN
    23: (errno.EACCES, "Permission denied"),  # SQLITE_AUTH
    5: (errno.EBUSY, "Database is busy"),  # SQLITE_BUSY
    6: (errno.EBUSY, "Database is locked"),  # SQLITE_LOCKED
}


def text_key(text: str) -> str:
    # surrogatepass: a lone surrogate that slipped into a text must not make it unhashable.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _nearly_full(folder: Path) -> bool:
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 1 << 20


def _code(e: sqlite3.Error) -> int:
    return int(getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF


class EmbeddingCache:
    def __init__(self, path: Path, model_id: str, dimension: int) -> None:
        self.path = path
        self.model_id = model_id
        self.dimension = dimension
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError as e:
            self._raise_os_error(e)
            self._set_aside(e)
            try:
                self.db = self._connect()
            except sqlite3.Error as again:
                self._raise_os_error(again)
                raise OSError(errno.EIO, f"cannot create the embedding cache ({again})", str(path)) from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key TEXT NOT NULL,"
                " vector BLOB NOT NULL, PRIMARY KEY (model, key))"
            )
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _raise_os_error(self, e: sqlite3.Error) -> None:
        """Re-raise a full disk, an I/O or a permission error as :class:`OSError`; return for anything else,
        which means the file is damaged (or not ours)."""
        code = _code(e)
        if code == 10 and _nearly_full(self.path.parent):
            code = 13  # SQLite reports some failed writes to a full disk as I/O errors
        if code in _OS_ERRORS:
            number, what = _OS_ERRORS[code]
            raise OSError(number, what, str(self.path)) from None

    def _set_aside(self, e: sqlite3.Error) -> None:
        with contextlib.suppress(sqlite3.Error, AttributeError):
            self.db.close()
        aside = self.path.with_name(self.path.name + ".damaged")
        _log.warning(
            "the embedding cache %s is damaged (%s); moved to %s, starting a new one", self.path, e, aside
        )
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path.with_name(self.path.name + suffix))

    def _recover(self, e: sqlite3.Error) -> None:
        """After an error in use: raise it as OSError if it is one, else start a new cache file."""
        self._raise_os_error(e)
        self._set_aside(e)
        self.db = self._connect()

    def get_many(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored arrays of these keys, each ``(rows, dimension)`` float32 (a chunk's vector, then its
        sentences' vectors); unknown or damaged entries are left out."""
        keys = list(keys)
        try:
            return self._get_many(keys)
        except sqlite3.DatabaseError as e:
            self._recover(e)
            return {}

    def _get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self.db.execute(
                f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                [self.model_id, *part],
            )
            for key, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.size and vec.size % self.dimension == 0 and np.isfinite(vec).all():
                    out[key] = vec.reshape(-1, self.dimension)
        return out

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Store arrays (``(dimension,)`` or ``(rows, dimension)``) and commit: a checkpoint that survives the
        process being killed."""
        rows = [(self.model_id, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items]
        sql = "INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)"
        for attempt in (1, 2):
            try:
                self.db.executemany(sql, rows)
                self.db.commit()
                return
            except sqlite3.DatabaseError as e:
                with contextlib.suppress(sqlite3.Error):
                    self.db.rollback()
                if attempt == 2:
                    self._raise_os_error(e)
                    raise OSError(
                        errno.EIO, f"cannot write the embedding cache ({e})", str(self.path)
                    ) from None
                self._recover(e)

    def count(self) -> int:
        """How many vectors of this model the cache holds."""
        row = self.db.execute("SELECT COUNT(*) FROM vectors WHERE model = ?", (self.model_id,)).fetchone()
        return int(row[0])

    def forget(self, keys: Iterable[str]) -> None:
        """Drop these vectors of this model (text an update replaced or removed), so the cache does not grow
        without bound. Vectors the live index never held, such as those a killed run embedded, are kept:
        they are the resume point. Called after a snapshot went live, so it never fails the run."""
        try:
            self.db.executemany(
                "DELETE FROM vectors WHERE model = ? AND key = ?", ((self.model_id, k) for k in keys)
            )
            self.db.commit()
        except sqlite3.Error as e:
            with contextlib.suppress(sqlite3.Error):
                self.db.rollback()
            _log.warning("could not trim the embedding cache %s (%s); it is left larger", self.path, e)

    def close(self) -> None:
        self.db.close()
