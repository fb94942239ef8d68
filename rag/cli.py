"""The `rag` command line. Every subcommand calls the same functions Python users call.

    rag ask "QUESTION" [--index DIR] [-k N] [--mode hybrid|dense|keyword|rrf] [--json]
    rag index PATH... [--index DIR] [--workers N] [--ray-address ADDR] | rag index --rollback [--index DIR]
    rag remove SOURCE... [--index DIR]
    rag sources [--index DIR] [--json]
    rag eval QA.jsonl [--index DIR] [--mode MODE ...] [-k 10] [--misses FILE]
    rag serve [--index DIR] [--host 127.0.0.1] [--port 7860] [--max-upload-mb 20]
              [--auth USER:PASS | --auth-file FILE]

Without ``--index``, commands work on the default index in ``$RAG_HOME``; ask, sources, eval and serve build
it from the demo page on first use. Settings not given as flags come from ``RAG_*`` environment variables
(:class:`rag.Config`). User mistakes print one line on stderr and exit with status 2; nothing is changed.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import rag

__all__ = ["main"]

EXIT_USER = 2


def _status(message: str) -> None:
    print(f"rag: {message}", file=sys.stderr, flush=True)


# Flags that override a Config setting of the same name when given.
_SETTINGS = ("model", "host", "port", "max_upload_mb", "workers", "ray_address")


def _config(args: argparse.Namespace) -> rag.Config:
    overrides: dict[str, Any] = {
        name: getattr(args, name) for name in _SETTINGS if getattr(args, name, None) not in (None, "")
    }
    return rag.Config.from_env(**overrides)


def _index_arg(args: argparse.Namespace, config: rag.Config) -> Path | None:
    """The ``--index`` given, else ``RAG_INDEX``, else None (the default index)."""
    given = args.index or config.index
    return Path(given).expanduser() if given else None


def _folder(args: argparse.Namespace, config: rag.Config) -> Path:
    """The ``--index`` folder (or ``RAG_INDEX``), else the default index (built from the demo page on first
    use)."""
    return _index_arg(args, config) or rag.default_index(config, on_status=_status)


NOT_ANSWERED = "nothing in the indexed news answers this; the closest passages:"


def _highlight(text: str, start: int, end: int, tty: bool) -> str:
    if tty:
        return f"{text[:start]}\x1b[1;33m{text[start:end]}\x1b[0m{text[end:]}"
    return f"{text[:start]}【{text[start:end]}】{text[end:]}"


def _print_passages(passages: Sequence[Any], out: TextIO) -> None:
    tty = out.isatty()
    if not passages:
        print("no passages found", file=out)
        return
    for p in passages:
        scores = [f"score {p.score:.4f}"]
        if p.dense_score is not None:
            scores.append(f"dense {p.dense_score:.3f}")
        if p.keyword_score is not None:
            scores.append(f"keyword {p.keyword_score:.2f}")
        print(f"[{p.rank}] {p.citation.line()}  ({', '.join(scores)})", file=out)
        text = p.text
        if p.answer is not None:
            text = _highlight(text, p.answer.start, p.answer.end, tty)
        for line in text.splitlines():
            print(f"    {line}", file=out)
        print(file=out)


def cmd_ask(args: argparse.Namespace) -> int:
    config = _config(args)
    reply = rag.ask(
        args.question,
        k=args.k,
        index=rag.open_index(_folder(args, config)),
        mode=args.mode,
        config=config,
        source=args.source,
        date_from=args.date_from,
        date_to=args.date_to,
        dates=args.dates,
    )
    if args.json:
        json.dump(reply.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    f = reply.date_filter
    if f is not None and f.words:
        print(f"dates: {f.label()} (read from the question; --dates off searches every date)")
    if reply.note:
        print(f"note: {reply.note}")
    if reply.passages and not reply.answered:
        print(NOT_ANSWERED)
    _print_passages(reply.passages, sys.stdout)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    config = _config(args)
    folder = _index_arg(args, config) or config.index_dir
    if args.rollback:
        snap = rag.rollback(folder)
        print(f"rolled back {folder} to snapshot {snap.name}")
        return 0
    if not args.paths:
        raise rag.InputError("give files or folders to index, e.g. `rag index news/ --index my-index`")

    def skipped(s: Any) -> None:
        _status(f"skipped {s.path}: {s.reason}")

    stats = rag.index_paths(
        args.paths,
        folder,
        config=config,
        progress=not args.quiet and sys.stderr.isatty(),
        on_skip=skipped,
        on_status=_status,
    )
    print(
        f"indexed into {stats.index_dir}: {stats.documents} documents, {stats.articles} articles, "
        f"{stats.chunks} chunks ({stats.added} added, {stats.replaced} replaced, {stats.unchanged} unchanged, "
        f"{len(stats.skipped)} skipped; {stats.embedded} chunks embedded) in {stats.seconds:.1f} s"
    )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    config = _config(args)
    stats = rag.remove_sources(args.sources, _index_arg(args, config), config=config)
    print(f"removed {stats.removed} documents; {stats.documents} documents, {stats.chunks} chunks remain")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    rows = rag.sources(rag.open_index(_folder(args, _config(args))))
    if args.json:
        json.dump([r._asdict() for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rows:
        print(f"{r.source}\t{r.documents} documents\t{r.articles} articles\t{r.chunks} chunks\t{r.dates}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    config = _config(args)
    items = rag.load_qa(args.qa)
    index = rag.open_index(_folder(args, config))
    modes = args.mode or list(rag.MODES)
    # The ranking, and (Ans@1) whether the first passage's marked sentence is the answer.
    ask = functools.partial(rag.retrieve, config=config)
    results = {}
    for mode in modes:
        metrics, misses = rag.evaluate(items, index=index, mode=mode, k=args.k, retrieve=ask)
        results[mode] = metrics
        if args.misses:
            path = Path(args.misses)
            target = path if len(modes) == 1 else path.with_name(f"{path.stem}-{mode}{path.suffix}")
            rag.write_misses(target, misses)
            _status(f"{len(misses)} misses in {mode} mode written to {target}")
    print(rag.format_table(results))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ui.server import serve

    config = _config(args)
    return serve(_index_arg(args, config), config, auth=args.auth, auth_file=args.auth_file)


def _common(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--index",
        metavar="DIR",
        help="index folder or Milvus location (default: $RAG_INDEX, else the demo index in $RAG_HOME)",
    )
    sp.add_argument("--model", metavar="ID_OR_PATH", help="sentence-transformers model (default: e5-small)")


def _add_ask(sub: Any) -> None:
    ask = sub.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument("question")
    _common(ask)
    ask.add_argument("-k", type=int, default=None, help="number of passages (default: RAG_K, else 5)")
    ask.add_argument("--mode", choices=rag.MODES, default=None, help="default: hybrid ($RAG_MODE)")
    ask.add_argument("--source", help="only passages from files whose path contains this")
    ask.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    ask.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    ask.add_argument(
        "--dates",
        choices=("auto", "off"),
        default="auto",
        help="auto (default): dates in the question (昨天, last month) filter; off: they are just words",
    )
    ask.add_argument("--json", action="store_true", help="print the reply as JSON (passages, date filter)")
    ask.set_defaults(func=cmd_ask)


def _add_index(sub: Any) -> None:
    idx = sub.add_parser("index", help="build or extend an index from files and folders")
    idx.add_argument("paths", nargs="*", metavar="PATH")
    _common(idx)
    idx.add_argument("--rollback", action="store_true", help="return to the previous snapshot")
    idx.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    idx.add_argument(
        "--workers", type=int, metavar="N", help="embed on N Ray workers (default: 1, no Ray; $RAG_WORKERS)"
    )
    idx.add_argument(
        "--ray-address",
        metavar="ADDR",
        help="embed on the Ray cluster this machine is a node of (auto, HOST:6379; default: a local Ray; "
        "$RAG_RAY_ADDRESS)",
    )
    idx.set_defaults(func=cmd_index)

    rm = sub.add_parser("remove", help="remove a file's (or folder's) documents from the index")
    rm.add_argument("sources", nargs="+", metavar="SOURCE")
    _common(rm)
    rm.set_defaults(func=cmd_remove)

    src = sub.add_parser("sources", help="list what is indexed")
    _common(src)
    src.add_argument("--json", action="store_true")
    src.set_defaults(func=cmd_sources)


def _add_eval(sub: Any) -> None:
    ev = sub.add_parser("eval", help="retrieval quality on a QA file (Recall@1/5/10, MRR@10, nDCG@10, Ans@1)")
    ev.add_argument("qa", metavar="QA.jsonl")
    _common(ev)
    ev.add_argument(
        "--mode",
        action="append",
        choices=rag.MODES,
        help=f"mode(s) to evaluate (default: {', '.join(rag.MODES)})",
    )
    ev.add_argument("-k", type=int, default=10)
    ev.add_argument(
        "--misses",
        metavar="FILE",
        default="rag-eval-misses.jsonl",
        help="per-question report of misses, JSONL (default: rag-eval-misses.jsonl; one file per mode)",
    )
    ev.set_defaults(func=cmd_eval)


def _add_serve(sub: Any) -> None:
    sv = sub.add_parser("serve", help="the chat in the browser")
    _common(sv)
    sv.add_argument("--host", help="address to listen on (default: 127.0.0.1, $RAG_HOST)")
    sv.add_argument("--port", type=int, help="default: 7860 ($RAG_PORT)")
    sv.add_argument("--max-upload-mb", type=int, metavar="MB", help="per uploaded file (default: 20)")
    sv.add_argument("--auth", metavar="USER:PASSWORD")
    sv.add_argument("--auth-file", metavar="FILE", help="a file holding USER:PASSWORD")
    sv.set_defaults(func=cmd_serve)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rag", description="Ask questions of Chinese news and get cited passages."
    )
    p.add_argument("--verbose", "-v", action="store_true", help="log details to stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_ask, _add_index, _add_eval, _add_serve):
        add(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="rag: %(message)s")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        return int(args.func(args))
    except rag.RagError as e:
        print(f"rag: error: {e}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print(
            "rag: interrupted; the index is unchanged unless a snapshot had already been switched",
            file=sys.stderr,
        )
        return 130
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        print(f"rag: error: {e.strerror or e}{where}; the index is unchanged", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
