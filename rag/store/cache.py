"""An embedding cache in SQLite, keyed by model and text hash.

It makes re-indexing cheap (unchanged text is never embedded twice) and is the checkpoint of a long
``rag index`` run: vectors are committed every batch, so a run that is killed resumes where it stopped.
The cache sits beside the snapshots, outside them: losing it loses time, never data.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

__all__ = ["EmbeddingCache", "text_key"]


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path, model_id: str, dimension: int) -> None:
        self.path = path
        self.model_id = model_id
        self.dimension = dimension
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL,"
            " PRIMARY KEY (model, key))"
        )
        self.db.commit()

    def get_many(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        keys = list(keys)
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self.db.execute(
                f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                [self.model_id, *part],
            )
            for key, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (self.dimension,):
                    out[key] = vec
        return out

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)",
            [(self.model_id, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items],
        )
        self.db.commit()

    def keep_only(self, keys: Iterable[str]) -> None:
        """Drop this model's vectors whose text is no longer indexed (bounds the cache's size)."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM live")
        self.db.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((k,) for k in keys))
        self.db.execute(
            "DELETE FROM vectors WHERE model = ? AND key NOT IN (SELECT key FROM live)", (self.model_id,)
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()
