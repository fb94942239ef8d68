"""The benchmark runs end to end in its tiny quick mode and writes well-formed results (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # indexes the page and two synthetic corpora with the model
def test_quick_bench_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(REPO))
    from bench.perf import main

    out = tmp_path / "results"
    assert main(["--quick", "--sizes", "120,300", "--vector-index", "auto", "--out", str(out)]) == 0
    files = list(out.glob("bench-*.json"))
    assert len(files) == 1
    result = json.loads(files[0].read_text(encoding="utf-8"))
    assert result["machine"]["cores"] >= 1 and len(result["machine"]["load_at_start"]) == 3
    page = result["indexing"]["sample_page"]
    assert page and all(
        run["chunks"] > 0 and run["chunks_per_s"] > 0 and run["tokens_per_s"] > 0 for run in page.values()
    )
    assert [q["size"] for q in result["query"]] == [120, 300]
    for q in result["query"]:
        assert q["index"]["kind"] == "flat"
        for mode in ("dense", "keyword", "hybrid"):
            for key in (mode, f"{mode}+highlight"):
                assert q[key]["n"] >= 1 and q[key]["p50_ms"] <= q[key]["p99_ms"]
        assert q["parts"]["embed_question"]["n"] >= 1 and q["ram_bytes_per_chunk"] is not None
    assert result["disk"]["bytes_per_chunk"] > 0
    printed = capsys.readouterr().out
    assert "retrieve() latency" in printed and "embedding throughput" in printed


@pytest.mark.slow
def test_quick_bench_with_hnsw_reports_recall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(REPO))
    from bench.perf import main

    out = tmp_path / "results"
    assert main(["--quick", "--sizes", "400", "--vector-index", "hnsw", "--out", str(out)]) == 0
    (q,) = json.loads(next(out.glob("bench-*.json")).read_text(encoding="utf-8"))["query"]
    # The shipped search breadth over a few hundred vectors finds (nearly) all of the exact top 10; a
    # recall computed against the wrong rows, or a graph built wrong, would not.
    assert q["index"]["kind"] == "hnsw" and q["recall_at_10"] >= 0.95


def test_the_documented_command_exists() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--help"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and "--quick" in proc.stdout and "--full" in proc.stdout


def test_settings_latency_compares_two_settings_on_a_real_index(
    demo_index_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(REPO))
    from bench.settings_latency import main

    qa = REPO / "rag" / "data" / "sample_page_qa.jsonl"
    changes = ["fusion.PHRASE_WEIGHT=0", "rerank.RERANK=0"]
    assert main([str(demo_index_dir), *changes, "--qa", str(qa), "--repeat", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("84 questions x 1")
    assert lines[1].startswith("default") and lines[2].startswith("fusion.PHRASE_WEIGHT=0 rerank.RERANK=0")


def test_a_transcribed_page_becomes_a_page_set_the_splitter_is_scored_on(tmp_path: Path) -> None:
    """bench.pageset writes the pages-dev form (kicker, title and subtitle lines, then paragraphs) and its
    truth; bench.pages scores the splitter on it."""
    from bench.pages import score_pages, summarise
    from bench.pageset import write_set

    page = tmp_path / "d0101-03.txt"
    page.write_text(
        "@@ 2025-01-01 3\n"
        "### 某地加快建设——\n# 新建高山生态茶园三万亩\n本报昆明12月31日电  （记者李明）某地新建茶园三万亩。\n"
        "# 某市开通新航线（经济聚焦）\n## ——来自港口的报道\n新航线开通后，货物运输时间缩短一半。\n",
        encoding="utf-8",
    )
    assert write_set([page], tmp_path / "set") == (1, 2)
    text = (tmp_path / "set" / "rmrb-20250101-03.txt").read_text(encoding="utf-8")
    assert text.startswith("某地加快建设——\n\n新建高山生态茶园三万亩\n\n本报昆明")
    truth = json.loads((tmp_path / "set" / "truth.jsonl").read_text(encoding="utf-8"))
    assert truth["articles"][1] == {
        "kicker": None,
        "title": "某市开通新航线（经济聚焦）",
        "subtitle": "——来自港口的报道",
        "first_paragraph": "新航线开通后，货物运输时间缩短一半。",
    }
    s = summarise("all", score_pages(tmp_path / "set"))
    assert (s.pages, s.articles) == (1, 2)
