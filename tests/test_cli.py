"""The `rag` command line end to end, in subprocesses, as a user would run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rag import MODES

# Every test starts `rag` subprocesses that load the model and index: tens of seconds each.
pytestmark = pytest.mark.slow

QUESTION = "浙江的容错纠错机制是如何运作的？"


def run(
    *args: str, home: Path, timeout: float = 600, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RAG_HOME": str(home), "HF_HUB_OFFLINE": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def assert_user_error(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("rag: error:") and needle in lines[0], lines[0]
    assert "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Path:
    return tmp_path_factory.mktemp("cli-home")


def test_first_ask_builds_the_demo_index_and_answers(home: Path) -> None:
    proc = run("ask", QUESTION, "--json", "-k", "3", home=home)
    assert proc.returncode == 0, proc.stderr
    passages = json.loads(proc.stdout)["passages"]
    assert len(passages) == 3
    assert "容错" in passages[0]["text"]
    c = passages[0]["citation"]
    assert {"doc_id", "source", "title", "start", "end"} <= set(c)
    assert c["title"] == "激励干部大胆开拓、担当作为"
    assert (home / "index" / "CURRENT").is_file()

    text = run("ask", "How does Zhejiang protect officials who make honest mistakes?", "-k", "2", home=home)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("[1] ")
    assert "news-page-2024-03-29.txt:" in text.stdout
    assert "【" in text.stdout  # the answering sentence is marked


def test_index_ask_sources_remove(home: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "## 云南推广高山茶园\n\n本报记者 李明\n\n云南普洱市今年新建高山生态茶园三万亩，茶农收入明显增加。",
        encoding="utf-8",
    )
    (corpus / "b.md").write_text(
        "# 海南椰子节开幕\n\n第二十届海南国际椰子节在海口开幕，吸引游客十二万人次。", encoding="utf-8"
    )
    index = tmp_path / "idx"
    proc = run("index", str(corpus), "--index", str(index), home=home)
    assert proc.returncode == 0, proc.stderr
    assert "2 documents" in proc.stdout and "chunks" in proc.stdout
    ans = run("ask", "普洱新建了多少亩茶园？", "--index", str(index), "--json", home=home)
    top = json.loads(ans.stdout)["passages"][0]
    assert "三万亩" in top["text"] and top["citation"]["byline"] == "本报记者 李明"
    again = run("index", str(corpus), "--index", str(index), home=home)
    assert "2 unchanged" in again.stdout and "0 chunks embedded" in again.stdout
    listing = run("sources", "--index", str(index), "--json", home=home)
    assert {Path(r["source"]).name for r in json.loads(listing.stdout)} == {"a.txt", "b.md"}
    by_setting = run("sources", "--json", home=home, env={"RAG_INDEX": str(index)})  # --index from RAG_INDEX
    assert by_setting.returncode == 0 and json.loads(by_setting.stdout) == json.loads(listing.stdout)
    rm = run("remove", str(corpus / "a.txt"), "--index", str(index), home=home)
    assert rm.returncode == 0 and "removed 1" in rm.stdout
    after = json.loads(
        run("ask", "普洱新建了多少亩茶园？", "--index", str(index), "--json", home=home).stdout
    )["passages"]
    assert all("三万亩" not in p["text"] for p in after)
    back = run("index", "--rollback", "--index", str(index), home=home)
    assert back.returncode == 0, back.stderr
    restored = json.loads(
        run("ask", "普洱新建了多少亩茶园？", "--index", str(index), "--json", home=home).stdout
    )["passages"]
    assert "三万亩" in restored[0]["text"]


def test_user_mistakes_are_one_line_errors_and_leave_the_index_alone(home: Path, tmp_path: Path) -> None:
    index = home / "index"
    run("ask", QUESTION, "-k", "1", home=home)  # make sure the demo index exists
    before = (index / "CURRENT").read_text()

    assert_user_error(run("ask", "   ", home=home), "empty")
    assert_user_error(
        run("index", str(tmp_path / "missing.txt"), "--index", str(index), home=home), "no such file"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_user_error(run("index", str(empty), "--index", str(index), home=home), "no ")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    proc = run("index", str(binary), "--index", str(index), home=home)
    assert proc.returncode == 2 and "photo.txt" in proc.stderr and "Traceback" not in proc.stderr
    not_index = tmp_path / "notes"
    not_index.mkdir()
    (not_index / "x.txt").write_text("hello")
    assert_user_error(run("ask", QUESTION, "--index", str(not_index), home=home), "not an index")
    assert_user_error(run("ask", QUESTION, "--index", str(tmp_path / "nowhere"), home=home), "no index")
    assert (index / "CURRENT").read_text() == before


def test_a_damaged_index_names_the_file_and_rollback_recovers(home: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "c.txt"
    corpus.write_text(
        "## 宁夏治沙\n\n宁夏中卫市去年完成防沙治沙二十万亩，沙坡头景区游客增长。", encoding="utf-8"
    )
    index = tmp_path / "idx"
    assert run("index", str(corpus), "--index", str(index), home=home).returncode == 0
    corpus.write_text(
        "## 宁夏治沙\n\n宁夏中卫市去年完成防沙治沙三十万亩，沙坡头景区游客增长。", encoding="utf-8"
    )
    assert run("index", str(corpus), "--index", str(index), home=home).returncode == 0
    snap = index / "snapshots" / (index / "CURRENT").read_text().strip()
    (snap / "chunks.jsonl").write_text("garbage\n")
    assert_user_error(run("ask", "宁夏治沙", "--index", str(index), home=home), "chunks.jsonl")
    assert run("index", "--rollback", "--index", str(index), home=home).returncode == 0
    ok = run("ask", "宁夏治沙多少万亩", "--index", str(index), "--json", home=home)
    assert "二十万亩" in json.loads(ok.stdout)["passages"][0]["text"]
    shutil.rmtree(index)


def test_eval_prints_metrics_per_mode_and_writes_misses(home: Path, tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    qa.write_text(
        "\n".join(
            json.dumps(x, ensure_ascii=False)
            for x in [
                {"q": "去年浙江为多少名党员干部澄清正名？", "gold": ["2244名党员干部"]},
                {"q": "杨丹参与过多少次灭火作战？", "gold": ["200多次灭火作战"]},
                {"q": "谁是这一版的责任编辑？", "gold": ["季健明"]},
            ]
        ),
        encoding="utf-8",
    )
    misses = tmp_path / "misses.jsonl"
    proc = run("eval", str(qa), "--misses", str(misses), home=home)  # every mode by default
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["mode", "n", "R@1"] and "MRR@10" in lines[0] and "nDCG@10" in lines[0]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert set(rows) == set(MODES) and rows["hybrid"][1] == "3"
    assert float(rows["hybrid"][4]) == 1.0  # R@10: every answer is found
    assert lines[0].split()[-1] == "Ans@1"
    assert all((tmp_path / f"misses-{mode}.jsonl").exists() for mode in MODES)
    one = run("eval", str(qa), "--mode", "keyword", "--misses", str(misses), home=home)
    assert one.returncode == 0 and [line.split()[0] for line in one.stdout.splitlines()[2:]] == ["keyword"]
    assert misses.exists()  # one mode: the file named, as given
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "x"}\nnot json\n', encoding="utf-8")
    assert_user_error(run("eval", str(bad), home=home), "bad.jsonl")
