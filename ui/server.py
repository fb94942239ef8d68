"""Serving the chat: credentials, the port, Gradio's launch with the safety settings, and ``rag serve``.

    rag serve [--index DIR] [--host 127.0.0.1] [--port 7860] [--auth USER:PASSWORD | --auth-file FILE]

:func:`build_app` loads the index and the model once (before the first question) and lays out the page;
:func:`launch` starts it without blocking (loopback by default, bounded queue, upload limit, the index,
home and model folders blocked from file serving); :func:`serve` is ``rag serve``. The host, port and upload
limit come from :class:`rag.Config` (``RAG_HOST``, ``RAG_PORT``, ``RAG_MAX_UPLOAD_MB``); the command line
overrides them.
"""

from __future__ import annotations

import errno
import socket
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import rag
from ui import api, render
from ui.layout import NewsApp, build_page, static_text
from ui.service import ChatService
from ui.uploads import format_size

__all__ = ["LOOPBACK", "build_app", "check_port", "exposure_warning", "launch", "parse_auth", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def build_app(
    index_dir: Path | None,
    config: rag.Config,
    *,
    max_upload_bytes: int | None = None,
    on_status: Callable[[str], None] | None = None,
) -> NewsApp:
    """The chat over the index at ``index_dir`` (``None``: the default demo index in ``config.home``).

    The model and the index load here, once. ``max_upload_bytes`` defaults to ``config.max_upload_mb``.
    """
    service = ChatService(index_dir, config, max_upload_bytes=max_upload_bytes, on_status=on_status)
    return build_page(service)


def parse_auth(auth: str | None, auth_file: str | Path | None) -> list[tuple[str, str]]:
    """Credentials from ``--auth USER:PASSWORD`` and/or ``--auth-file`` (one ``USER:PASSWORD`` a line)."""
    lines: list[tuple[str, str]] = []
    if auth:
        lines.append(("--auth", auth))
    if auth_file:
        path = Path(auth_file).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise rag.InputError(f"cannot read the auth file {path}: {e.strerror or e}") from None
        lines += [
            (f"{path}:{n}", line.strip())
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
        if not any(where.startswith(str(path)) for where, _ in lines):
            raise rag.InputError(f"the auth file {path} holds no USER:PASSWORD line")
    out: list[tuple[str, str]] = []
    for where, line in lines:
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise rag.InputError(f"{where}: give credentials as USER:PASSWORD")
        out.append((user.strip(), password))
    return out


def _blocked_paths(service: ChatService, extra: Iterable[str | Path] = ()) -> list[str]:
    """Folders Gradio must never serve a file from: the index (and its uploads), home and the model cache."""
    config = service.config
    paths = {service.index_dir, config.home.expanduser(), config.model_cache.expanduser(), *map(Path, extra)}
    return sorted(str(p.resolve()) for p in paths)


def launch(
    demo: NewsApp,
    *,
    host: str | None = None,
    port: int | None = None,
    auth: Sequence[tuple[str, str]] | None = None,
    blocked_paths: Iterable[str | Path] = (),
    quiet: bool = True,
) -> str:
    """Start ``demo`` (from :func:`build_app`) without blocking and return its local URL.

    ``host`` and ``port`` default to the service's config. Never shared; a bounded queue; the upload limit
    enforced by Gradio before a byte reaches the handlers (and checked again by them); the index, home and
    model folders (and ``blocked_paths``) blocked from Gradio's file serving, and no extra allowed paths.
    """
    service = demo.service
    host = host or service.config.host
    port = port if port is not None else service.config.port
    try:
        app, local_url, _ = demo.launch(
            server_name=host,
            server_port=port,
            share=False,
            auth=list(auth) if auth else None,
            auth_message="newsrag: sign in" if auth else None,
            prevent_thread_lock=True,
            max_file_size=service.max_upload_bytes,
            blocked_paths=_blocked_paths(service, blocked_paths),
            allowed_paths=None,
            show_error=False,
            quiet=quiet,
            ssr_mode=False,
            mcp_server=False,
            pwa=False,
            footer_links=["api", "settings"],
            css=static_text("style.css"),
        )
    except OSError:
        raise rag.InputError(
            f"cannot listen on {host}:{port}: the port is in use; choose another with --port"
        ) from None
    api.add_routes(app, service, auth or ())  # GET/POST /api/retrieve, behind the same passwords
    return str(local_url)


def check_port(host: str, port: int) -> None:
    """Fail at once (not after loading the model) when ``host:port`` cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            what = "the port is in use" if e.errno == errno.EADDRINUSE else (e.strerror or str(e))
            raise rag.InputError(
                f"cannot listen on {host}:{port}: {what}; choose another with --port / --host"
            ) from None


def exposure_warning(host: str, has_auth: bool) -> str | None:
    """The start-up warning for a server reachable from other machines without a password."""
    if host in LOOPBACK or has_auth:
        return None
    return (
        f"WARNING: listening on {host} without a password: anyone who can reach this machine can ask "
        "questions, upload and remove documents. Add --auth USER:PASSWORD or --auth-file FILE."
    )


def _say(message: str) -> None:
    print(f"rag: {message}", file=sys.stderr, flush=True)


def serve(
    index: Path | None, config: rag.Config, *, auth: str | None = None, auth_file: str | None = None
) -> int:
    """``rag serve``: load everything, print the URL, and serve until Ctrl+C.

    Listens on ``config.host``:``config.port`` and takes uploads up to ``config.max_upload_mb`` per file.
    """
    credentials = parse_auth(auth, auth_file)
    host, port = config.host, config.port
    check_port(host, port)
    _say("loading the index and the model (once, before the first question)")
    t0 = time.perf_counter()
    demo = build_app(index, config, on_status=_say)
    service = demo.service
    url = launch(demo, host=host, port=port, auth=credentials)
    s = service.summary()
    n = render.plural
    _say(
        f"ready in {time.perf_counter() - t0:.1f} s: {n(s.documents, 'document')}, "
        f"{n(s.articles, 'article')}, {n(s.chunks, 'chunk')} from {service.index_dir}; "
        f"uploads up to {format_size(service.max_upload_bytes)} per file"
    )
    warning = exposure_warning(host, bool(credentials))
    if warning:
        _say(warning)
    shown = url if host not in ("0.0.0.0", "::") else url.replace(host, "127.0.0.1")
    print(f"Open {shown} in your browser (Ctrl+C to stop)", flush=True)
    try:
        demo.block_thread()
    except KeyboardInterrupt:  # pragma: no cover - block_thread handles it; kept for older Gradio
        demo.close()
    return 0
