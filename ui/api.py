"""A plain HTTP API beside the page, for scripts that do not use gradio_client.

    GET  /api/retrieve?q=QUESTION&k=5&mode=hybrid&source=NAME&from=YYYY-MM-DD&to=YYYY-MM-DD&dates=auto
    POST /api/retrieve  {"q": "...", "k": 5, "mode": "hybrid", "source": ..., "from": ..., "to": ...}

Both return exactly what ``rag ask --json`` prints (:meth:`rag.Reply.to_dict`), through the same
:meth:`ChatService.converse <ui.service.ChatService.converse>` as the page, so the limits are the page's (``k``
at most :data:`~ui.service.MAX_K`, the modes of :data:`rag.MODES`, the question length). Errors are JSON
``{"error": "<one line>"}`` with a status a script can branch on: 400 bad input, 401 no or wrong password, 404
no index, 413 body too large, 500 anything else (logged; the reply says nothing of the server's insides).

When the server has ``--auth``/``--auth-file``, the API takes the same ``USER:PASSWORD`` pairs as HTTP Basic
auth: the page's sign-in sets a cookie a script does not have, so Basic is the one a script can send.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hmac
import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import rag
from ui.layout import QUEUE_CONCURRENCY
from ui.service import ChatService

__all__ = ["API_PATH", "FIELDS", "MAX_BODY_BYTES", "add_routes"]

_log = logging.getLogger(__name__)

API_PATH = "/api/retrieve"
MAX_BODY_BYTES = 64 * 1024
"""The largest POST body taken: a question is at most a few thousand characters, so more is a mistake."""
FIELDS = ("q", "k", "mode", "source", "from", "to", "dates", "history")
"""The fields of a request (query parameters or JSON keys); ``history`` (earlier questions, oldest first)
makes ``q`` a follow-up, as in the chat."""
_TEXT_FIELDS = ("q", "mode", "source", "from", "to", "dates")
_REALM = 'Basic realm="newsrag", charset="UTF-8"'


class ApiError(Exception):
    """A request the API answers with ``status`` and ``{"error": message}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def add_routes(app: FastAPI, service: ChatService, credentials: Sequence[tuple[str, str]] = ()) -> None:
    """Add ``GET`` and ``POST`` :data:`API_PATH` to ``app`` (the FastAPI app :meth:`gradio.Blocks.launch`
    returns). ``credentials``: the server's ``(user, password)`` pairs; empty: no password, as for the page.

    Retrieval runs in worker threads, at most as many at once as the page's queue answers, so scripts cannot
    take every core from the people using the page.
    """
    pairs = [(u.encode("utf-8"), p.encode("utf-8")) for u, p in credentials]
    limiter = anyio.CapacityLimiter(QUEUE_CONCURRENCY)

    async def answer(fields: Mapping[str, Any]) -> JSONResponse:
        reply = await anyio.to_thread.run_sync(_converse, service, fields, limiter=limiter)
        return JSONResponse(reply.to_dict())

    async def retrieve_get(request: Request) -> JSONResponse:
        try:
            _check_auth(request, pairs)
            return await answer(_query_fields(request))
        except Exception as e:  # every failure becomes a JSON error with its status
            return _error(e)

    async def retrieve_post(request: Request) -> JSONResponse:
        try:
            _check_auth(request, pairs)
            return await answer(_body_fields(await _read_body(request)))
        except Exception as e:  # every failure becomes a JSON error with its status
            return _error(e)

    app.add_api_route(API_PATH, retrieve_get, methods=["GET"], include_in_schema=False)
    app.add_api_route(API_PATH, retrieve_post, methods=["POST"], include_in_schema=False)


def _converse(service: ChatService, fields: Mapping[str, Any]) -> rag.Reply:
    config = service.config
    return service.converse(
        fields.get("q") or "",
        history=fields.get("history") or (),
        k=fields["k"] if fields.get("k") is not None else config.k,
        mode=fields.get("mode") or config.mode,
        source=fields.get("source") or None,
        date_from=fields.get("from"),
        date_to=fields.get("to"),
        dates=fields.get("dates") or "auto",
    )


def _check_auth(request: Request, pairs: Sequence[tuple[bytes, bytes]]) -> None:
    """Pass when the server has no password or the request carries one of its pairs as HTTP Basic auth."""
    if not pairs:
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    given_user, given_password = b"", b""
    if scheme.lower() == "basic":
        with contextlib.suppress(binascii.Error, ValueError):
            given_user, _, given_password = base64.b64decode(token.strip(), validate=True).partition(b":")
    # Every pair is compared, in constant time each, so the time taken says nothing about which part was wrong.
    ok = False
    for user, password in pairs:
        ok |= hmac.compare_digest(user, given_user) & hmac.compare_digest(password, given_password)
    if not ok:
        raise ApiError(401, "sign in with HTTP Basic auth (the USER:PASSWORD of the server's --auth)")


def _query_fields(request: Request) -> dict[str, Any]:
    params = request.query_params
    _check_names(params.keys())
    fields: dict[str, Any] = {name: params[name] for name in _TEXT_FIELDS if name in params}
    if "k" in params:
        fields["k"] = _whole_number(params["k"])
    if "history" in params:
        fields["history"] = params.getlist("history")
    return fields


async def _read_body(request: Request) -> bytes:
    """The body, refused with 413 as soon as it is known to pass :data:`MAX_BODY_BYTES` (from the header,
    else while it arrives), so a huge upload is never held in memory."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, f"the request body is larger than {MAX_BODY_BYTES // 1024} KiB")
    body = bytearray()
    async for part in request.stream():
        body += part
        if len(body) > MAX_BODY_BYTES:
            raise ApiError(413, f"the request body is larger than {MAX_BODY_BYTES // 1024} KiB")
    return bytes(body)


def _body_fields(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ApiError(400, f"the body is not JSON: {e}") from None
    if not isinstance(data, dict):
        raise ApiError(400, 'the body must be a JSON object, e.g. {"q": "丰台区", "k": 5}')
    _check_names(data.keys())
    for name in _TEXT_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ApiError(400, f"{name} must be text, not {type(data[name]).__name__}")
    fields = {name: data[name] for name in _TEXT_FIELDS if data.get(name) is not None}
    if data.get("k") is not None:
        fields["k"] = _whole_number(data["k"])
    history = data.get("history")
    if history is not None:
        if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
            raise ApiError(400, "history must be a list of the earlier questions (text), oldest first")
        fields["history"] = history
    return fields


def _check_names(names: Any) -> None:
    unknown = sorted(set(names) - set(FIELDS))
    if unknown:
        raise ApiError(400, f"unknown field {', '.join(map(repr, unknown))}: use {', '.join(FIELDS)}")


def _whole_number(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ApiError(400, f"k must be a whole number, not {value!r}")


def _error(e: Exception) -> JSONResponse:
    if isinstance(e, ApiError):
        status, message = e.status, str(e)
    elif isinstance(e, rag.IndexNotFound):  # its message names server folders: those stay in the log
        _log.warning("%s: %s", API_PATH, e)
        status, message = 404, "this server has no index to search; its log says where it looked"
    elif isinstance(e, rag.InputError):
        status, message = 400, str(e)
    else:
        _log.exception("%s failed", API_PATH)
        status, message = 500, "the server failed to answer; the reason is in its log"
    headers = {"WWW-Authenticate": _REALM} if status == 401 else None
    return JSONResponse({"error": " ".join(message.split())}, status_code=status, headers=headers)
