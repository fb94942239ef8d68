"""Bad input of every kind: a clear message, and the index exactly as it was.

Questions (empty, 1 MB, control characters, lone surrogates), files (binary, over the size limit, symlink
loops, FIFOs, dangling links, unreadable, undecodable names, lone surrogates in JSONL) and a disk that fails
(writes refused with ENOSPC at each step of a save, a real full tmpfs when mounting one is allowed, an index
path under a file)."""

from __future__ import annotations

import builtins
import errno
import json
import logging
import os
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import rag
from rag import cli
from rag.errors import InputError
from rag.indexer import index_paths
from rag.store import records, snapshot
from rag.store.index import Index

GOOD = (
    "## 宁夏推进枸杞产业升级\n\n本报记者　田野\n\n本报银川电　宁夏今年新建枸杞标准化基地五万亩，"
    "枸杞深加工产品达到一百多种，带动农民增收效果明显。\n"
)


@pytest.fixture
def folder(tmp_path: Path, demo_index_dir: Path) -> Path:
    """A copy of the demo index, to be kept intact."""
    target = tmp_path / "index"
    shutil.copytree(demo_index_dir, target)
    return target


def fingerprint(index_dir: Path) -> tuple[str, frozenset[str], int]:
    index = Index.open(index_dir)
    return (index.snapshot.name, frozenset(index.documents), len(index.chunks))


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = cli.main(argv)
    out = capsys.readouterr()
    return rc, out.out, out.err


def one_line_error(err: str, rc: int, expected_rc: int = 2) -> str:
    """The one error line (progress lines such as "rag: embedding ..." may come before it)."""
    errors = [line for line in err.strip().splitlines() if line.startswith("rag: error:")]
    assert rc == expected_rc, err
    assert len(errors) == 1 and err.strip().splitlines()[-1] == errors[0] and "Traceback" not in err, err
    return errors[0]


# -- questions --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   ", "\n\t  \u3000", "\x00\x01\x1b", "\ud800\udfff"])
def test_empty_questions(demo_index: Any, question: str) -> None:
    with pytest.raises(InputError, match="the question is empty"):
        rag.retrieve(question, index=demo_index)


def test_empty_question_on_the_command_line(demo_index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = run_cli(["ask", "  ", "--index", str(demo_index_dir)], capsys)
    assert "the question is empty" in one_line_error(err, rc)


def test_a_one_megabyte_question_is_cut_with_a_note(
    demo_index: Any, caplog: pytest.LogCaptureFixture
) -> None:
    question = ("浙江的容错纠错机制是如何运作的？" * 70000)[: 1 << 20]
    with caplog.at_level(logging.WARNING):
        passages = rag.retrieve(question, k=2, index=demo_index, mode="keyword")
    assert passages
    assert any("truncated" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "question",
    [
        "\x00浙江\x07的容错\x1b[31m纠错机制\x7f",
        "浙江\ud800的容错纠错\udfff机制",
        "浙江的\u200b容错\ufeff纠错机制\x85",
    ],
)
def test_control_characters_and_lone_surrogates_are_dropped(demo_index: Any, question: str) -> None:
    passages = rag.retrieve(question, k=2, index=demo_index)
    assert passages and "容错" in passages[0].text
    json.dumps([p.to_dict() for p in passages], ensure_ascii=False).encode("utf-8")  # printable, encodable


# -- files ------------------------------------------------------------------------------------------------


def make(tmp: Path, kind: str) -> Path:
    p = tmp / f"{kind}.txt"
    if kind == "binary":
        p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    elif kind == "huge":  # sparse: no disk, and it must never be read into memory
        with open(p, "wb") as f:
            f.truncate(201 * 2**20)
    elif kind == "loop":
        p = tmp / "loop"
        p.mkdir()
        (p / "back").symlink_to("..")
        (p / "self").symlink_to("self")
    elif kind == "fifo":
        os.mkfifo(p)
    elif kind == "dangling":
        p.symlink_to(tmp / "nowhere.txt")
    elif kind == "surrogate":
        p = tmp / "surrogate.jsonl"
        p.write_text(
            '{"id": "1", "text": "宁夏\\ud800枸杞产业升级，带动农民增收效果明显，深加工产品达到一百多种。"}\n'
        )
    return p


REASONS = {
    "binary": "binary file",
    "huge": "too large",
    "loop": "symlink loop",
    "fifo": "not a regular file",
    "dangling": "symlink",
}


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_bad_files_are_skipped_with_a_reason_and_the_index_is_kept(
    folder: Path, tmp_path: Path, kind: str, embedder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = make(bad_dir, kind)
    before = fingerprint(folder)
    skipped: list[Any] = []
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"nothing to index|no \.txt") as err:
            index_paths([bad], folder, embedder=embedder, on_skip=skipped.append)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    if kind != "loop":  # a folder of nothing but loops: "no .txt, .md, .html or .jsonl files under ..."
        assert REASONS[kind] in str(err.value)
    # (A folder holding only loops reports "no .txt ... files under" and its skips are not passed on: see
    # test_good_files_beside_bad_ones_are_indexed for the loop's own reason.)
    assert all(REASONS[kind] in s.reason for s in skipped) and (skipped or kind == "loop"), skipped
    if kind == "huge":
        assert peak < 20 * 2**20, peak  # the 201 MB file was refused by its size, not read
    assert fingerprint(folder) == before
    # On the command line: one line per skipped file, then the error, status 2.
    rc, _, err_text = run_cli(["index", str(bad), "--index", str(folder), "-q"], capsys)
    one_line_error(err_text, rc)
    assert fingerprint(folder) == before


def test_good_files_beside_bad_ones_are_indexed(folder: Path, tmp_path: Path, embedder: Any) -> None:
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for kind in [*REASONS, "surrogate"]:
        make(mixed, kind)
    (mixed / "good.txt").write_text(GOOD, encoding="utf-8")
    weird = mixed / os.fsdecode(b"name-\xff\xfe.txt")  # not UTF-8: a lone surrogate in the str path
    weird.write_text(GOOD.replace("宁夏", "青海"), encoding="utf-8")
    skipped: list[Any] = []
    stats = index_paths([mixed], folder, embedder=embedder, on_skip=skipped.append)
    assert stats.added == 3, skipped  # good.txt, the undecodable name and the JSONL story
    index = Index.open(folder)
    assert any("\udcff" in d.source for d in index.documents.values())  # stored and read back exactly
    reasons = " | ".join(f"{Path(s.path).name}: {s.reason}" for s in skipped)
    for kind in ("binary", "huge", "loop", "dangling"):
        assert REASONS[kind] in reasons, reasons


def test_a_lone_surrogate_in_jsonl_becomes_a_replacement_character(
    folder: Path, tmp_path: Path, embedder: Any
) -> None:
    story = make(tmp_path, "surrogate")
    index_paths([story], folder, embedder=embedder)
    index = Index.open(folder)
    (doc,) = [d for d in index.documents.values() if d.source.startswith(str(story.resolve()))]
    assert doc.text.startswith("宁夏\ufffd枸杞") and "\ud800" not in doc.text


def test_unreadable_file(folder: Path, tmp_path: Path, embedder: Any) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(GOOD, encoding="utf-8")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip(
                "running as root: permissions do not stop reading (FIFOs and odd files are tested above)"
            )
        before = fingerprint(folder)
        with pytest.raises(InputError, match="unreadable"):
            index_paths([p], folder, embedder=embedder)
        assert fingerprint(folder) == before
    finally:
        p.chmod(0o644)


# -- writes that fail -------------------------------------------------------------------------------------


def enospc(*args: Any, **kwargs: Any) -> Any:
    """Fail as the OS does: with the file name where there is one (not for ``os.fsync(fd)``)."""
    name = args[0] if args and not isinstance(args[0], int) else None
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), *([str(name)] if name is not None else []))


def failing_writes(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """Make one step of saving a snapshot fail as a full disk would."""
    if step == "records":  # writing chunks.jsonl & co.
        real_open = builtins.open

        def opener(file: Any, mode: str = "r", *a: Any, **k: Any) -> Any:
            if "w" in mode:
                enospc(file)
            return real_open(file, mode, *a, **k)

        monkeypatch.setattr(records, "open", opener, raising=False)
    elif step == "fsync":  # flushing the snapshot's files
        monkeypatch.setattr(snapshot.os, "fsync", enospc)
    elif step == "rename":  # moving the finished snapshot into place
        monkeypatch.setattr(snapshot.os, "replace", enospc)
    elif step == "switch":  # writing CURRENT: the second os.replace
        real_replace = os.replace
        calls = []

        def replace(src: Any, dst: Any) -> None:
            calls.append(dst)
            if len(calls) == 2:
                enospc(dst)
            real_replace(src, dst)

        monkeypatch.setattr(snapshot.os, "replace", replace)


@pytest.mark.parametrize("step", ["records", "fsync", "rename", "switch"])
def test_a_failing_save_leaves_the_old_snapshot_live(
    folder: Path,
    tmp_path: Path,
    embedder: Any,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    before = fingerprint(folder)
    with monkeypatch.context() as m:
        failing_writes(m, step)
        with pytest.raises(OSError) as err:
            index_paths([good], folder, embedder=embedder)
        assert err.value.errno == errno.ENOSPC
        # The command line says it in one line (status 1: not a user mistake).
        failing_writes(m, step)
        rc, _, err_text = run_cli(["index", str(good), "--index", str(folder), "-q"], capsys)
    line = one_line_error(err_text, rc, expected_rc=1)
    assert "No space left on device" in line and "unchanged" in line and "()" not in line, line
    assert fingerprint(folder) == before
    assert not list((folder / "snapshots").glob(".tmp-*"))
    assert not list(folder.glob(".CURRENT.*"))
    # With the disk back, the same run goes through, reusing the vectors embedded before the failure.
    stats = index_paths([good], folder, embedder=embedder)
    assert stats.added == 1 and stats.embedded == 0
    assert len(snapshot.list_snapshots(folder)) == 2  # the orphan of a failed switch is pruned


def test_index_folder_under_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    rc, _, err = run_cli(["index", str(good), "--index", str(good / "index"), "-q"], capsys)
    assert "Not a directory" in one_line_error(err, rc, expected_rc=1)
    rc, _, err = run_cli(["ask", "枸杞", "--index", str(good / "index")], capsys)
    assert "no index" in one_line_error(err, rc)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        pytest.skip(
            f"cannot mount a tmpfs here ({proc.stderr.strip() or proc.returncode}); ENOSPC is simulated above"
        )
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` until about ``leave`` bytes are free."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, free - leave))
    return filler


def test_a_really_full_disk(
    tiny_disk: Path, demo_index_dir: Path, tmp_path: Path, embedder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tiny_disk / "index"
    shutil.copytree(demo_index_dir, folder)
    before = fingerprint(folder)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"{i}.txt").write_text(GOOD.replace("五万", f"{i + 5}万") * 3, encoding="utf-8")
    filler = fill(tiny_disk, 16 * 1024)
    with pytest.raises(OSError) as err:
        index_paths([corpus], folder, embedder=embedder)
    assert err.value.errno == errno.ENOSPC, err.value
    rc, _, err_text = run_cli(["index", str(corpus), "--index", str(folder), "-q"], capsys)
    assert "No space left on device" in one_line_error(err_text, rc, expected_rc=1)
    assert fingerprint(folder) == before
    assert not list((folder / "snapshots").glob(".tmp-*"))
    filler.unlink()
    stats = index_paths([corpus], folder, embedder=embedder)
    assert stats.added == 6


def test_cli_process_on_a_missing_index_is_one_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "rag.cli", "ask", "枸杞", "--index", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "no index" in one_line_error(proc.stderr, proc.returncode)
