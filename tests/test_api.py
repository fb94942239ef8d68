"""The plain HTTP API (``GET/POST /api/retrieve``) over real HTTP: a real server (real model, the demo index)
started as ``rag serve`` starts it, called with httpx as a script would.

The JSON must be exactly what ``rag ask --json`` prints for the same question (``rag.ask(...).to_dict()``);
every error is ``{"error": one line}`` with its status; with a password, the API asks for it as the page does.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

import rag
from rag import Config
from ui.api import API_PATH, MAX_BODY_BYTES
from ui.layout import NewsApp
from ui.server import build_app, launch
from ui.service import MAX_K

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))  # as in conftest
QUESTION = "浙江的容错纠错机制是如何运作的？"
USERS = [("ann", "s3:cret"), ("bob", "密码pw")]


@dataclass
class Server:
    demo: NewsApp
    url: str
    config: Config
    index_dir: Path

    def get(self, auth: tuple[str, str] | None = None, **params: Any) -> httpx.Response:
        return self.query(params, auth)

    def query(self, params: dict[str, Any], auth: tuple[str, str] | None = None) -> httpx.Response:
        return httpx.get(self.url + API_PATH.lstrip("/"), params=params, auth=auth, timeout=60)

    def post(self, body: Any = None, *, content: bytes | None = None, **kw: Any) -> httpx.Response:
        if content is None:
            content = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return httpx.post(self.url + API_PATH.lstrip("/"), content=content, timeout=60, **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(root: Path, index_dir: Path, auth: list[tuple[str, str]] | None) -> Iterator[Server]:
    config = Config.from_env(env={}, home=root / "home", models=MODEL_CACHE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TOKENIZERS_PARALLELISM", "false")
        demo = build_app(index_dir, config)
        url = launch(demo, host="127.0.0.1", port=free_port(), auth=auth)
        try:
            yield Server(demo, url, config, index_dir)
        finally:
            demo.close()


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, demo_index_dir: Path, embedder: object
) -> Iterator[Server]:
    # Asking only reads the index, so the shared demo index is served as it is.
    yield from start(tmp_path_factory.mktemp("api"), demo_index_dir, None)


@pytest.fixture(scope="module")
def locked(
    tmp_path_factory: pytest.TempPathFactory, demo_index_dir: Path, embedder: object
) -> Iterator[Server]:
    yield from start(tmp_path_factory.mktemp("api-auth"), demo_index_dir, USERS)


def expected(server: Server, question: str, **kw: Any) -> dict[str, Any]:
    """What ``rag ask --json`` prints, through JSON as the API sends it."""
    reply = rag.ask(question, index=rag.open_index(server.index_dir), config=server.config, **kw)
    return json.loads(json.dumps(reply.to_dict(), ensure_ascii=False))


def error_of(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"] and isinstance(body["error"], str)
    assert body["error"] and "\n" not in body["error"]
    return str(body["error"])


def test_get_and_post_return_what_rag_ask_json_prints(server: Server) -> None:
    want = expected(server, QUESTION, k=3, mode="hybrid")
    assert want["passages"] and "容错" in want["passages"][0]["text"]
    got = server.get(q=QUESTION, k=3, mode="hybrid")
    assert got.status_code == 200 and got.json() == want
    assert server.post({"q": QUESTION, "k": 3, "mode": "hybrid"}).json() == want
    # Defaults are rag ask's (k and mode from Config).
    assert server.get(q=QUESTION).json() == expected(server, QUESTION)


def test_filters_dates_and_follow_ups_match_rag_ask(server: Server) -> None:
    fields = {"source": "news-page", "from": "2024-03-01", "to": "2024-03-31", "dates": "off"}
    want = expected(
        server,
        QUESTION,
        k=2,
        mode="keyword",
        source="news-page",
        date_from="2024-03-01",
        date_to="2024-03-31",
        dates="off",
    )
    assert want["passages"] and want["date_filter"] is not None
    assert server.query({"q": QUESTION, "k": 2, "mode": "keyword", **fields}).json() == want
    assert server.post({"q": QUESTION, "k": 2, "mode": "keyword", **fields}).json() == want
    follow = expected(server, "那江苏呢？", k=2, history=[QUESTION])
    assert follow["searched_for"] != "那江苏呢？"
    assert server.post({"q": "那江苏呢？", "k": 2, "history": [QUESTION]}).json() == follow
    assert server.get(q="那江苏呢？", k=2, history=QUESTION).json() == follow


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"q": ""}, "empty"),
        ({}, "empty"),
        ({"q": QUESTION, "k": "five"}, "whole number"),
        ({"q": QUESTION, "k": "0"}, "k"),
        ({"q": QUESTION, "k": str(MAX_K + 1)}, f"at most {MAX_K}"),
        ({"q": QUESTION, "mode": "fuzzy"}, "unknown mode"),
        ({"q": QUESTION, "from": "2024/03/01"}, "date"),
        ({"q": QUESTION, "dates": "maybe"}, "dates"),
        ({"question": QUESTION}, "unknown field"),
    ],
)
def test_bad_input_is_400_with_one_line(server: Server, params: dict[str, str], says: str) -> None:
    assert says in error_of(server.query(params), 400)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b'["q"]', "JSON object"),
        (json.dumps({"q": 42}).encode(), "q must be text"),
        (json.dumps({"q": QUESTION, "k": 2.5}).encode(), "whole number"),
        (json.dumps({"q": QUESTION, "k": True}).encode(), "whole number"),
        (json.dumps({"q": QUESTION, "history": "x"}).encode(), "history"),
        (json.dumps({"q": "  "}).encode(), "empty"),
    ],
)
def test_bad_json_is_400_with_one_line(server: Server, content: bytes, says: str) -> None:
    assert says in error_of(server.post(content=content), 400)


def test_a_body_over_the_limit_is_413(server: Server) -> None:
    body = json.dumps({"q": "问" * MAX_BODY_BYTES}).encode()
    assert "larger than" in error_of(server.post(content=body), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is applied while the body arrives
        yield b'{"q": "'
        for _ in range(MAX_BODY_BYTES // 1024 + 1):
            yield b"a" * 1024
        yield b'"}'

    assert "larger than" in error_of(server.post(content=chunks()), 413)  # type: ignore[arg-type]


def test_no_index_is_404_without_server_paths(server: Server, tmp_path: Path) -> None:
    service = server.demo.service
    real = service.index_dir
    service.index_dir = tmp_path / "gone"
    try:
        message = error_of(server.get(q=QUESTION), 404)
    finally:
        service.index_dir = real
    assert str(tmp_path) not in message
    assert server.get(q=QUESTION, k=1).status_code == 200


def test_a_failure_is_500_logged_with_a_generic_message(
    server: Server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kw: Any) -> None:
        raise RuntimeError("disk on fire at /srv/secret")

    monkeypatch.setattr(server.demo.service, "converse", broken)
    with caplog.at_level(logging.ERROR, logger="ui.api"):
        message = error_of(server.post({"q": QUESTION}), 500)
    assert "secret" not in message and "log" in message
    assert any("disk on fire" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def test_without_a_password_the_api_is_open_and_the_page_still_serves(server: Server) -> None:
    assert server.get(q=QUESTION, k=1).status_code == 200
    assert httpx.get(server.url, timeout=30).status_code == 200


def test_with_a_password_the_api_asks_for_it(locked: Server) -> None:
    for response in (
        locked.get(q=QUESTION, k=1),
        locked.get(q=QUESTION, k=1, auth=("ann", "wrong")),
        locked.get(q=QUESTION, k=1, auth=("bob", "s3:cret")),  # ann's password is not bob's
        locked.post({"q": QUESTION}),
        locked.post({"q": QUESTION}, headers={"Authorization": "Basic !!not-base64"}),
        locked.post({"q": QUESTION}, headers={"Authorization": "Bearer s3:cret"}),
    ):
        error_of(response, 401)
        assert response.headers["www-authenticate"].startswith("Basic ")
    want = expected(locked, QUESTION, k=1)
    assert locked.get(q=QUESTION, k=1, auth=USERS[0]).json() == want
    assert locked.post({"q": QUESTION, "k": 1}, headers=basic(*USERS[1])).json() == want
    # The password comes before anything else: a bad request without it says only "sign in".
    error_of(locked.post(content=b"{not json"), 401)
    assert httpx.get(locked.url + "config", timeout=30).status_code in (401, 403)
