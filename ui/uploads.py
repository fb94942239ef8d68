"""Uploaded files -> safe copies inside the index's folder, ready for :func:`rag.index_paths`.

An upload's file name comes from the browser and is never used as a path: only its last component is kept,
reduced to letters, digits, ``_``, ``-`` and ``.``, never hidden (no leading dot), at most ``MAX_STEM``
characters, with its suffix checked against ``UPLOAD_SUFFIXES``. The copy goes into ``<index>/uploads/``;
a different file with the same name gets ``-2``, ``-3``, … and the same bytes uploaded again reuse the copy
already there (so indexing it again changes nothing).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path, PurePosixPath
from typing import NamedTuple

__all__ = [
    "MAX_STEM",
    "UPLOAD_DIR",
    "UPLOAD_SUFFIXES",
    "Rejected",
    "Stored",
    "check_upload",
    "format_size",
    "safe_name",
    "store_upload",
]

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".pdf", ".docx")
UPLOAD_DIR = "uploads"
MAX_STEM = 80
_UNSAFE = re.compile(r"[^\w.\-]+")


class Rejected(NamedTuple):
    name: str
    reason: str


class Stored(NamedTuple):
    name: str  # the name the user gave (sanitised for display)
    path: Path  # the copy inside the uploads folder
    reused: bool  # the same bytes were uploaded before


def format_size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f}".removesuffix(".0") + " MB"
    if n >= 2**10:
        return f"{n / 2**10:.0f} KB"
    return f"{n} bytes"


def _suffix(name: str) -> str | None:
    lower = name.lower()
    for s in sorted(UPLOAD_SUFFIXES, key=len, reverse=True):
        if lower.endswith(s) and len(lower) > len(s):
            return s
    return None


def safe_name(name: str) -> str:
    """A harmless file name for an upload called ``name`` (which may hold folders, ``..`` or anything).

    Raises ``ValueError`` when the suffix is not one of ``UPLOAD_SUFFIXES``.
    """
    base = PurePosixPath(unicodedata.normalize("NFKC", str(name)).replace("\\", "/")).name
    suffix = _suffix(base)
    if suffix is None:
        raise ValueError(base)
    stem = _UNSAFE.sub("_", base[: -len(suffix)]).strip("._- ")[:MAX_STEM].strip("._- ")
    return f"{stem or 'upload'}{suffix}"


def check_upload(path: Path, shown_name: str, max_bytes: int) -> str | None:
    """Why the upload at ``path`` cannot be indexed, or ``None`` when it can."""
    if _suffix(shown_name) is None:
        dot = PurePosixPath(shown_name).suffix.lower()
        what = f"{dot} files are" if dot else "files without a suffix are"
        return f"{what} not supported: upload {', '.join(UPLOAD_SUFFIXES)}"
    try:
        st = path.stat()
    except OSError:
        return "the upload did not arrive; try again"
    if not path.is_file():
        return "not a regular file"
    if st.st_size > max_bytes:
        return f"{format_size(st.st_size)} is over the limit of {format_size(max_bytes)} per file"
    if st.st_size == 0:
        return "the file is empty"
    return None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def store_upload(path: Path, shown_name: str, folder: Path) -> Stored:
    """Copy the upload at ``path`` into ``folder`` under a safe, unused name (or reuse an identical copy).

    The caller holds the index writer lock of the UI, so no other upload picks names at the same time.
    """
    folder.mkdir(parents=True, exist_ok=True)
    name = safe_name(shown_name)
    suffix = _suffix(name) or ""
    stem = name[: -len(suffix)]
    digest = _sha256(path)
    n = 1
    while True:
        target = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        if not target.exists():
            break
        if target.is_file() and _sha256(target) == digest:
            return Stored(name, target, True)
        n += 1
    tmp = folder / f".{target.name}.part"
    try:
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return Stored(name, target, False)
