"""Progress while files are read, page by page for a PDF (a 500-page e-paper file takes a while to read,
before any embedding starts, and a silent wait looks like a hang).

On a terminal it is a bar per file (tqdm, on stderr like the embedding bar); otherwise status lines through
``on_status``: the first page, then at most one line every ``EVERY_S`` seconds, and the last page, so a log
shows the run moving without a line per page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

__all__ = ["EVERY_S", "page_progress"]

#: Seconds between two status lines about one file's pages.
EVERY_S = 2.0


def page_progress(
    progress: bool, on_status: Callable[[str], None] | None
) -> Callable[[str, int, int], None] | None:
    """An ``on_page(file name, page, pages)`` callback for :func:`rag.documents.iter_documents`, or None
    when nobody listens."""
    if progress:
        return _Bar()
    if on_status is None:
        return None
    last = [0.0]

    def on_page(name: str, page: int, total: int) -> None:
        now = time.monotonic()
        if page == 1 or page == total or now - last[0] >= EVERY_S:
            last[0] = now
            on_status(f"reading {name}: page {page}/{total}")

    return on_page


class _Bar:
    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, name: str, page: int, total: int) -> None:
        if page == 1 or self.bar is None:
            from tqdm import tqdm

            if self.bar is not None:
                self.bar.close()
            self.bar = tqdm(total=total, desc=f"reading {name}", unit="page")
        self.bar.update(1)
        if page == total:
            self.bar.close()
            self.bar = None
