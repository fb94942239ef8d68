"""A warm `rag` for the crash test: it loads the model once, then runs the real command line
(``rag.cli.main(["index", ...])``) in forked children and kills them with SIGKILL when told to.

Starting ``python -m rag.cli`` costs seconds of imports and model loading before any index work, so most
kills of fresh processes would land there. Forking a warm process puts nearly every kill inside the
indexing itself. Protocol, one JSON object per line: the test writes a request on stdin, this answers on
stdout.

Request: ``{"argv": [...], "out": FILE, "kill_at": SECONDS | null, "watch": GLOB | null,
"kill_after_watch": SECONDS | null}``: run ``rag <argv>`` with its output in ``FILE``; kill it ``kill_at``
seconds after the start, or ``kill_after_watch`` seconds after a path matching ``watch`` first appears
(a snapshot temp folder, say), whichever comes first.

Answer: ``{"killed": bool, "rc": int, "elapsed": s, "watch_seen": s | null}``.
"""

from __future__ import annotations

import glob
import json
import os
import signal
import sys
import threading
import time
from typing import Any

import torch
import tqdm

# One intra-op thread: children forked from a process whose OpenMP thread pool has started hang.
torch.set_num_threads(1)
# No tqdm monitor thread in the parent: a fork copies no threads, but a lock one held would stay held.
tqdm.tqdm.monitor_interval = 0

import rag.indexer  # noqa: E402  (imported here once, not in every child)
import rag.search  # noqa: E402, F401
from rag import cli  # noqa: E402
from rag.config import Config  # noqa: E402
from rag.model import configured_model  # noqa: E402


def _new_entry(folder: str, known: set[str]) -> bool:
    try:
        return any(not n.startswith(".") and n not in known for n in os.listdir(folder))
    except FileNotFoundError:
        return False


def run(req: dict[str, Any]) -> dict[str, Any]:
    argv = [str(a) for a in req["argv"]]
    out = str(req["out"])
    kill_at, watch, after_watch = req.get("kill_at"), req.get("watch"), req.get("kill_after_watch")
    watch_new, after_new = req.get("watch_new"), req.get("kill_after_new")
    known = set(os.listdir(watch_new)) if watch_new and os.path.isdir(watch_new) else set()
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: the real command line, output to a file
        # tqdm's default lock is a multiprocessing semaphore inherited through fork and so shared with
        # every sibling: one killed while holding it would block all later children. A private one.
        tqdm.tqdm.set_lock(threading.RLock())
        try:
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            code = cli.main(argv)
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            code = 99
        os._exit(code)
    killed = False
    seen: float | None = None
    new_seen: float | None = None
    status = 0
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        now = time.monotonic() - t0
        if watch is not None and seen is None and glob.glob(watch):
            seen = now
        if watch_new is not None and new_seen is None and _new_entry(watch_new, known):
            new_seen = now
        due = (
            (kill_at is not None and now >= kill_at)
            or (seen is not None and after_watch is not None and now >= seen + after_watch)
            or (new_seen is not None and after_new is not None and now >= new_seen + after_new)
        )
        if due and not killed:
            os.kill(pid, signal.SIGKILL)
            killed = True
        time.sleep(0.0005)
    rc = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return {
        "killed": killed and rc == -signal.SIGKILL,
        "rc": rc,
        "elapsed": time.monotonic() - t0,
        "watch_seen": seen,
        "new_seen": new_seen,
    }


def main() -> None:
    configured_model(Config.from_env()).encode_passages(["预热"], batch_size=1)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
