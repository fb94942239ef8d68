"""What the chat page calls: ask, an article's context, upload, remove, and what the index holds.

Everything here goes through the public :mod:`rag` API, like any Python user: :func:`rag.retrieve`,
:func:`rag.index_paths`, :func:`rag.remove_sources`, :func:`rag.sources`, :func:`rag.article_context`. The
page (:mod:`ui.layout`) holds no state of its own beyond a session's last answer; the service holds what
all sessions share: the index folder, the settings and the lock that serialises index writes.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import rag
from ui import render
from ui.uploads import UPLOAD_DIR, UPLOAD_SUFFIXES, Rejected, Stored, check_upload, store_upload

__all__ = ["MAX_K", "WARMUP_QUESTION", "ChatService", "Draft", "UploadRefused", "source_key"]

MAX_K = 20
"""The most passages one question may ask for."""
WARMUP_QUESTION = "浙江的容错纠错机制是如何运作的？"
DRAFT_INTERVAL = 0.1
"""Seconds between two showings of a written answer as it grows (the first piece shows at once)."""


class Draft(NamedTuple):
    """A written answer as it grows: ``text`` so far, ``done`` once complete. ``note``: one line saying
    that the language model did not answer and the quoted reply stands (``text`` is then empty)."""

    text: str
    done: bool
    note: str | None = None


class UploadRefused(rag.RagError):
    """Every uploaded file was refused (type, size, empty): the message says why for each."""


def source_key(source: str) -> str:
    """An opaque, stable key for a source file, so the page never holds (or accepts) server paths."""
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class ChatService:
    """The chat's operations over one index folder, shared by every session of the page.

    Every question opens the index through :func:`rag.open_index`, which returns the already opened live
    snapshot (a dictionary lookup), so a finished upload is searchable on the next question, while a
    question asked during an upload is answered from the snapshot that was live when it started.
    """

    def __init__(
        self,
        index_dir: Path | None,
        config: rag.Config,
        *,
        max_upload_bytes: int | None = None,
        on_status: Callable[[str], None] | None = None,
    ) -> None:
        self.config = config
        self.max_upload_bytes = (
            max_upload_bytes if max_upload_bytes is not None else config.max_upload_mb * 2**20
        )
        self._write_lock = threading.Lock()
        self._catalog: tuple[rag.Index, list[rag.SourceRow], rag.Summary] | None = None
        # Loading happens here, once, before the first question: the index (built from the demo page on first
        # use of the default index), then the model, warmed by one real search (which also loads the
        # dictionaries a question may need).
        folder = index_dir if index_dir is not None else rag.default_index(config, on_status=on_status)
        self.index_dir = Path(folder).expanduser().resolve()
        index = self.index()
        if on_status is not None:
            on_status("loading the embedding model")
        rag.retrieve(WARMUP_QUESTION, k=1, index=index, config=config)

    # -- reading ------------------------------------------------------------------------------------------
    def index(self) -> rag.Index:
        return rag.open_index(self.index_dir)

    @property
    def upload_dir(self) -> Path:
        return self.index_dir / UPLOAD_DIR

    def _catalog_of(self, index: rag.Index) -> tuple[list[rag.SourceRow], rag.Summary]:
        # rag.open_index returns the same object while a snapshot is live: one pass over it per snapshot.
        cached = self._catalog
        if cached is None or cached[0] is not index:
            cached = (index, rag.sources(index), rag.summary(index))
            self._catalog = cached
        return cached[1], cached[2]

    def sources(self) -> list[rag.SourceRow]:
        return self._catalog_of(self.index())[0]

    def summary(self) -> rag.Summary:
        return self._catalog_of(self.index())[1]

    def source_choices(self, rows: Sequence[rag.SourceRow] | None = None) -> list[tuple[str, str]]:
        """(label, key) for each source file; a name shared by two files gets part of its key."""
        rows = self.sources() if rows is None else rows
        names = [r.name for r in rows]
        return [
            (
                r.name if names.count(r.name) == 1 else f"{r.name} ({source_key(r.source)[:6]})",
                source_key(r.source),
            )
            for r in rows
        ]

    def source_for(self, key: str) -> str | None:
        return next((r.source for r in self.sources() if source_key(r.source) == key), None)

    # -- asking -------------------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        k: int = 5,
        mode: str = "hybrid",
        *,
        source_key: str | None = None,
        source: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[rag.Passage]:
        """:func:`rag.retrieve` on the live snapshot. ``source_key`` is a key from :meth:`source_choices`;
        ``source`` a substring of a file name or path, as for ``rag ask --source``."""
        if isinstance(k, float) and float(k).is_integer():
            k = int(k)
        if isinstance(k, int) and not isinstance(k, bool) and k > MAX_K:
            raise rag.InputError(f"k is at most {MAX_K}, not {k}")
        if source_key:
            source = self.source_for(source_key)
            if source is None:
                raise rag.InputError("that source is no longer in the index; pick another one")
        return rag.retrieve(
            question,
            k=k,
            index=self.index(),
            mode=mode or None,
            config=self.config,
            source=source or None,
            date_from=(date_from or "").strip() or None,
            date_to=(date_to or "").strip() or None,
        )

    def converse(
        self,
        question: str,
        history: Sequence[str] = (),
        k: int = 5,
        mode: str = "hybrid",
        *,
        source_key: str | None = None,
        source: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        dates: str = "auto",
    ) -> rag.Reply:
        """One turn of the chat (:func:`rag.ask`): ``history`` holds the session's earlier questions, so a
        follow-up is searched as a standalone question; dates in the question filter unless ``dates="off"``.
        ``source``: a substring of a file name or path, as for ``rag ask --source`` (the HTTP API)."""
        if isinstance(k, int) and not isinstance(k, bool) and k > MAX_K:
            raise rag.InputError(f"k is at most {MAX_K}, not {k}")
        source = self.source_for(source_key) if source_key else source
        if source_key and source is None:
            raise rag.InputError("that source is no longer in the index; pick another one")
        return rag.ask(
            question,
            k=k,
            index=self.index(),
            history=list(history),
            mode=mode or None,
            config=self.config,
            source=source,
            date_from=(date_from or "").strip() or None,
            date_to=(date_to or "").strip() or None,
            dates=dates,
        )

    def draft(
        self, question: str, passages: Sequence[rag.Passage], history: Sequence[str] = ()
    ) -> Iterator[Draft]:
        """The configured language model's answer (:func:`rag.generate`) from ``passages``, as it is written;
        nothing when no model is configured or nothing was found. ``history``: the earlier questions, so the
        model gets a follow-up as the standalone question that was searched. When the model fails at any
        point (unreachable, an error, a timeout) the last draft carries a note and the quoted reply stands."""
        if not self.config.llm_url or not passages:
            return
        question = rag.rewrite(question, history) if history else question
        text, shown = "", 0.0
        try:
            for piece in rag.generate(question, passages, self.config):
                text += piece
                if time.monotonic() - shown >= DRAFT_INTERVAL:
                    shown = time.monotonic()
                    yield Draft(text, False)
        except rag.RagError as e:
            yield Draft("", True, f"{e}; quoted from the sources instead")
            return
        if not text.strip():
            yield Draft("", True, "the language model sent an empty answer; quoted from the sources instead")
            return
        yield Draft(text, True)

    def context(self, data: Mapping[str, Any]) -> str:
        """The whole article around a passage (a ``Passage.to_dict()``) as HTML, the cited characters marked;
        a note instead when the passage's file was removed or changed since."""
        passage = rag.Passage.from_dict(data)
        try:
            ctx = rag.article_context(self.index(), passage)
        except rag.InputError as e:
            message = str(e)
            return render.message_html(message[:1].upper() + message[1:] + ".")
        png, note = None, None
        if passage.citation.page is not None:
            try:
                png = rag.page_image(self.index(), passage)
            except rag.InputError as e:  # the file moved or changed: the text is still shown
                note = str(e)
        return render.context_html(
            ctx.text,
            ctx.start,
            ctx.end,
            passage.citation,
            passage.answer,
            rank=passage.rank or None,
            page_png=png,
            page_note=note,
        )

    # -- writing ------------------------------------------------------------------------------------------
    def upload(
        self,
        files: Sequence[str | Path] | None,
        on_status: Callable[[str], None] | None = None,
        progress: bool = False,
    ) -> str:
        """Copy uploads into the index's ``uploads/`` folder under safe names and index them.

        Returns a short report (plain text). Raises :class:`rag.RagError` when nothing could be indexed or
        when another upload is being indexed.
        """
        paths = [Path(f) for f in files or [] if f]
        if not paths:
            raise rag.InputError("choose one or more files first (" + ", ".join(UPLOAD_SUFFIXES) + ")")
        if not self._write_lock.acquire(blocking=False):
            raise rag.InputError("another upload is being indexed right now; try again in a moment")
        try:
            stored, rejected = self._store(paths)
            stats, skipped = self._index(stored, on_status, progress)
            self.index()  # open the new snapshot now, so the next question does not pay for it
        finally:
            self._write_lock.release()
        return _upload_report(len(paths), stored, rejected, skipped, stats)

    def _store(self, paths: Sequence[Path]) -> tuple[list[Stored], list[Rejected]]:
        """Safe copies of the acceptable uploads; the others with the reason each was refused."""
        rejected: list[Rejected] = []
        stored: list[Stored] = []
        for f in paths:
            reason = check_upload(f, f.name, self.max_upload_bytes)
            if reason is None:
                stored.append(store_upload(f, f.name, self.upload_dir))
            else:
                rejected.append(Rejected(f.name, reason))
        if not stored:
            raise UploadRefused(
                "nothing was indexed: " + "; ".join(f"{r.name}: {r.reason}" for r in rejected)
            )
        return stored, rejected

    def _index(
        self, stored: Sequence[Stored], on_status: Callable[[str], None] | None, progress: bool
    ) -> tuple[rag.IndexStats, list[tuple[Path, str]]]:
        """Index the stored copies; a new copy that was not indexed (an error, an unreadable file) is deleted."""
        skipped: list[tuple[Path, str]] = []

        def skip(s: Any) -> None:
            skipped.append((Path(str(s.path)), str(s.reason)))

        try:
            stats = rag.index_paths(
                [s.path for s in stored],
                self.index_dir,
                config=self.config,
                on_status=on_status,
                on_skip=skip,
                progress=progress,
            )
        except BaseException:
            _discard(stored, {s.path.resolve() for s in stored})
            raise
        _discard(stored, {p.resolve() for p, _ in skipped})
        return stats, skipped

    def remove(self, key: str | None) -> str:
        """Remove the source file with key ``key`` (from :meth:`source_choices`) from the index."""
        if not key:
            raise rag.InputError("pick a file to remove first")
        source = self.source_for(key)
        if source is None:
            raise rag.InputError("that file is no longer in the index")
        if not self._write_lock.acquire(blocking=False):
            raise rag.InputError("an upload is being indexed right now; try again in a moment")
        try:
            stats = rag.remove_sources([source], self.index_dir, config=self.config)
            path = Path(source)
            if path.parent == self.upload_dir:
                path.unlink(missing_ok=True)
            self.index()
        finally:
            self._write_lock.release()
        return (
            f"Removed {path.name} ({stats.removed} document(s)); "
            f"{stats.documents} documents, {stats.chunks} chunks remain."
        )


def _discard(stored: Sequence[Stored], paths: set[Path]) -> None:
    """Delete the new copies among ``paths`` (a copy an earlier upload made stays: it is indexed)."""
    for s in stored:
        if not s.reused and s.path.resolve() in paths:
            s.path.unlink(missing_ok=True)


def _upload_report(
    asked: int,
    stored: Sequence[Stored],
    rejected: Sequence[Rejected],
    skipped: Sequence[tuple[Path, str]],
    stats: rag.IndexStats,
) -> str:
    failed = {p.resolve() for p, _ in skipped}
    n = render.plural
    lines = [
        f"Indexed {len(stored) - len(skipped)} of {asked} file(s) in {stats.seconds:.1f} s: "
        f"{stats.added} added, {stats.replaced} replaced, {stats.unchanged} unchanged; "
        f"{n(stats.embedded, 'chunk')} embedded. The index now holds {n(stats.documents, 'document')}, "
        f"{n(stats.articles, 'article')}, {n(stats.chunks, 'chunk')}; ask about them in the Ask tab."
    ]
    lines += [
        f"Stored as uploads/{s.path.name}" + (" (already uploaded)" if s.reused else "")
        for s in stored
        if s.path.resolve() not in failed
    ]
    lines += [f"Skipped {r.name}: {r.reason}" for r in rejected]
    lines += [f"Skipped {p.name}: {reason}" for p, reason in skipped]
    return "\n".join(lines)
