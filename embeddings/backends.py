"""Inference backends for the embedding model: PyTorch, or OpenVINO on the CPU.

The model is always driven through sentence-transformers (``SentenceTransformer.encode``: prompts, length-
sorted batches, pooling, normalisation). With the OpenVINO backend only its first module changes: instead
of the PyTorch transformer, :class:`OpenVINOTransformer` tokenises with the model's own tokenizer and runs the
same network exported to OpenVINO IR, in float32 arithmetic, so its vectors are PyTorch's to rounding. The
pooling and normalisation modules are the model's own.

Why OpenVINO: on the laptops and small servers this project targets it embeds several times faster than
PyTorch in float32 at the same vectors (bench/README.md has the measurements, and the alternatives tried:
bf16 autocast, dynamic int8, ONNX Runtime). A bf16 OpenVINO mode was faster still but is not offered: a
text's vector moved with the batch it was padded in, so the same text could get two vectors. ``optimum``
(which sentence-transformers' own ``backend="onnx"|"openvino"`` needs) is not used: its releases pin older
transformers or pull a CUDA build of torch.

The export is built once per model folder into the model cache, beside the model (``<folder>-openvino``),
checked against the PyTorch model, and moved into place atomically under a file lock. Its weights are stored
as float16 (half the disk); they are computed in float32.

Backends, chosen by the caller (``load_embedder(..., backend=...)``; ``rag.Config.backend`` for users):
``torch``; ``openvino``; ``auto`` (the default): ``openvino`` for the offline-built default model on the CPU
when the ``openvino`` package is installed, else ``torch``. A model taken from the Hugging Face cache or a
folder gets OpenVINO only when asked for by name (its export then goes into the model cache folder).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._loading import load_quietly, quiet_transformers
from .errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = [
    "BACKENDS",
    "OV_FOLDER_SUFFIX",
    "FastTokenizer",
    "choose_backend",
    "ensure_openvino_export",
    "load_openvino",
    "openvino_available",
    "openvino_export_dir",
]

logger = logging.getLogger(__name__)

StatusCallback = Callable[[str], None]

BACKENDS = ("auto", "torch", "openvino")
OV_FOLDER_SUFFIX = "-openvino"
#: Bump when the exported folder changes, so older exports are rebuilt.
OV_RECIPE = 2
_OV_XML = "openvino_model.xml"
_OV_MARKER = "newsrag-openvino.json"
#: The export must agree with the PyTorch model at least this well (cosine, float32 inference).
_MIN_EXPORT_COSINE = 0.9999
_CHECK_TEXTS = (
    "query: 浙江如何落实容错纠错机制？",
    "passage: 浙江将完善激励保护措施，进一步落实容错纠错机制、澄清正名机制，激励干部大胆开拓、担当作为。",
    "passage: The weather in Hangzhou was sunny and warm this weekend.",
)
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "config.json", "tokenizer.json")


def openvino_available() -> bool:
    return importlib.util.find_spec("openvino") is not None


def choose_backend(backend: str | None = "auto", *, device: str | None, default_model: bool) -> str:
    """``torch`` or ``openvino`` for this load of a model on ``device``. ``backend`` is one of
    :data:`BACKENDS` (``None``: ``auto``); ``auto`` takes OpenVINO only for the default model on the CPU
    with ``openvino`` installed. A name that is not a backend, or OpenVINO where it cannot run, is a
    :class:`ModelError`."""
    name = (backend or "auto").strip().lower()
    if name not in BACKENDS:
        raise ModelError(f"unknown embedding backend {backend!r}: choose one of {', '.join(BACKENDS)}")
    on_cpu = device is None or device == "cpu"
    if name == "auto":
        return "openvino" if default_model and on_cpu and openvino_available() else "torch"
    if name == "openvino":
        if not on_cpu:
            raise ModelError(f"the openvino backend runs on the CPU only, not on device {device!r}")
        if not openvino_available():
            raise ModelError(
                "the openvino backend needs the openvino package: pip install 'openvino>=2024.0' "
                "(or choose the torch backend)"
            )
    return name


def openvino_export_dir(source: Path, cache_dir: Path) -> Path:
    """Where the OpenVINO export of the model folder ``source`` goes: beside it when it lives in
    ``cache_dir`` (the offline build), else in ``cache_dir`` under a name derived from its path."""
    source = source.resolve()
    if source.parent == cache_dir.resolve():
        return source.parent / f"{source.name}{OV_FOLDER_SUFFIX}"
    digest = hashlib.sha1(str(source).encode("utf-8")).hexdigest()[:10]
    return cache_dir / f"{source.name}-{digest}{OV_FOLDER_SUFFIX}"


def _fingerprint(source: Path) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for name in _WEIGHT_FILES:
        p = source / name
        if p.is_file():
            st = p.stat()
            out[name] = [st.st_size, st.st_mtime_ns]
    return out


def _marker_ok(target: Path, source: Path) -> bool:
    try:
        marker = json.loads((target / _OV_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(marker, dict)
        and marker.get("recipe") == OV_RECIPE
        and marker.get("source") == str(source.resolve())
        and marker.get("fingerprint") == _fingerprint(source)
        and (target / _OV_XML).is_file()
        and (target / _OV_XML).with_suffix(".bin").is_file()
        and (target / "tokenizer.json").is_file()
    )


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m = mask[..., None].astype(np.float32)
    v = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    return np.asarray(v / np.linalg.norm(v, axis=1, keepdims=True), dtype=np.float32)


def ensure_openvino_export(source: Path, cache_dir: Path, on_status: StatusCallback | None = None) -> Path:
    """The OpenVINO export of the sentence-transformers folder ``source``, built once and reused; a stale or
    half-built export is rebuilt."""
    target = openvino_export_dir(source, cache_dir)
    if _marker_ok(target, source):
        return target
    with _lock(target.parent / f".{target.name}.lock"):
        if _marker_ok(target, source):
            return target
        message = f"exporting the embedding model to OpenVINO into {target} (once)..."
        logger.info("%s", message)
        if on_status is not None:
            on_status(message)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            cosines = _export(source, tmp)
            marker = {
                "recipe": OV_RECIPE,
                "source": str(source.resolve()),
                "fingerprint": _fingerprint(source),
                "openvino": _openvino_version(),
                "check_cosines": cosines,
            }
            (tmp / _OV_MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")
            os.chmod(tmp, 0o755)
            if target.exists():
                old = target.with_name(f".{target.name}.old-{os.getpid()}")
                os.replace(target, old)
                shutil.rmtree(old, ignore_errors=True)
            os.replace(tmp, target)
        except Exception as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, ModelError):
                raise
            raise ModelError(f"cannot export {source} to OpenVINO: {exc} ({type(exc).__name__})") from exc
    return target


def _openvino_version() -> str:
    import openvino

    return str(getattr(openvino, "__version__", "unknown"))


def _export(source: Path, out: Path) -> list[float]:
    import openvino as ov
    import torch

    st = load_quietly(str(source), "cpu", local_files_only=True)
    st.float()
    inner: Any = st[0].auto_model
    inner.eval()

    class _Body(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            out: torch.Tensor = self.model(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            return out

    body = _Body(inner).eval()
    tok = st.tokenizer
    example = tok(list(_CHECK_TEXTS), padding=True, return_tensors="pt")
    with torch.inference_mode(), warnings.catch_warnings(), quiet_transformers():
        warnings.simplefilter("ignore")  # tracer notes about shape checks that are constant for this model
        converted = ov.convert_model(
            body,
            example_input={"input_ids": example["input_ids"], "attention_mask": example["attention_mask"]},
        )
        expected = body(example["input_ids"], example["attention_mask"]).numpy()
    ov.save_model(converted, str(out / _OV_XML), compress_to_fp16=True)
    # The tokenizer exactly as transformers set it up for the PyTorch model (transformers 5 rebuilds the
    # XLM-R normaliser and pre-tokeniser from its own rules, which differ from tokenizer.json on spaces).
    tok.backend_tokenizer.save(str(out / "tokenizer.json"))
    compiled = ov.Core().compile_model(str(out / _OV_XML), "CPU", {"INFERENCE_PRECISION_HINT": "f32"})
    mask = example["attention_mask"].numpy()
    got = compiled({"input_ids": example["input_ids"].numpy(), "attention_mask": mask})[0]
    cos = (_pool(np.asarray(got), mask) * _pool(expected, mask)).sum(1)
    if float(cos.min()) < _MIN_EXPORT_COSINE:
        raise ModelError(
            f"the OpenVINO export of {source} disagrees with the PyTorch model (cosine {float(cos.min()):.5f}); "
            "use the torch backend"
        )
    return [round(float(c), 7) for c in cos]


class FastTokenizer:
    """The model's fast tokenizer (saved from transformers at export time) run by the ``tokenizers`` library
    directly, called like a transformers tokenizer (the subset sentence-transformers and
    :class:`~embeddings.Embedder` use). Loading it this way is much quicker than transformers'
    ``AutoTokenizer`` (which parses the same large JSON file twice more in Python), and it gives the same
    token ids (checked by the tests)."""

    def __init__(self, path: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        self._tok = Tokenizer.from_file(str(path))
        self._tok.no_padding()
        self._tok.no_truncation()
        self.model_max_length = max_length
        pad = self._tok.token_to_id("<pad>")
        self.pad_token_id = 1 if pad is None else int(pad)

    def offsets(self, text: str, max_length: int | None = None) -> list[tuple[int, int]]:
        """The character span of each token of ``text`` (special tokens: ``(0, 0)``), truncated as
        :meth:`__call__` truncates."""
        enc = self._tok.encode(text, add_special_tokens=True)
        spans = [(int(a), int(b)) for a, b in enc.offsets]
        for i, special in enumerate(enc.special_tokens_mask):
            if special:
                spans[i] = (0, 0)
        limit = max_length or self.model_max_length
        return spans if len(spans) <= limit else spans[: limit - 1] + spans[-1:]

    def __call__(
        self,
        texts: str | Sequence[str],
        *,
        padding: bool | str = False,
        truncation: bool | str = False,
        max_length: int | None = None,
        return_tensors: str | None = None,
        add_special_tokens: bool = True,
        **_: Any,
    ) -> dict[str, Any]:
        single = isinstance(texts, str)
        batch = [texts] if isinstance(texts, str) else [str(t) for t in texts]
        encs = self._tok.encode_batch(batch, add_special_tokens=add_special_tokens)
        ids = [e.ids for e in encs]
        if truncation:
            limit = max_length or self.model_max_length
            ids = [
                x if len(x) <= limit else x[: limit - 1] + x[-1:] if add_special_tokens else x[:limit]
                for x in ids
            ]
        if not padding and return_tensors is None:
            if single:
                return {"input_ids": ids[0], "attention_mask": [1] * len(ids[0])}
            return {"input_ids": ids, "attention_mask": [[1] * len(x) for x in ids]}
        width = max((len(x) for x in ids), default=0)
        arr = np.full((len(ids), width), self.pad_token_id, dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for i, x in enumerate(ids):
            arr[i, : len(x)] = x
            mask[i, : len(x)] = 1
        if return_tensors == "pt":
            import torch

            return {"input_ids": torch.from_numpy(arr), "attention_mask": torch.from_numpy(mask)}
        return {"input_ids": arr, "attention_mask": mask}


def _input_module_base() -> type:
    import importlib

    for name in ("sentence_transformers.base.modules", "sentence_transformers.models"):  # 6.x, then 5.x
        with contextlib.suppress(ImportError, AttributeError):
            base: type = importlib.import_module(name).InputModule
            return base
    raise ModelError("this sentence-transformers version has no InputModule; use the torch backend")


def _make_module_class() -> type:
    import torch

    base = _input_module_base()

    class OpenVINOTransformer(base):  # type: ignore[valid-type,misc]
        """A sentence-transformers input module that runs the transformer body with OpenVINO."""

        def __init__(self, compiled: Any, tokenizer: Any, max_seq_length: int, dimension: int):
            super().__init__()
            self.compiled = compiled
            self.tokenizer = tokenizer
            self.max_seq_length = max_seq_length
            self.dimension = dimension
            self._local = threading.local()  # one infer request per thread: a request is not thread-safe

        def preprocess(
            self, inputs: Sequence[str], prompt: str | None = None, **kwargs: Any
        ) -> dict[str, torch.Tensor]:
            texts = [str(t) for t in inputs]
            if prompt:
                texts = [prompt + t for t in texts]
            enc = self.tokenizer(
                texts,
                padding=True,
                truncation="longest_first",
                max_length=self.max_seq_length,
                return_tensors="pt",
            )
            return {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"]}

        def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
            ids = features["input_ids"].numpy()
            mask = features["attention_mask"].numpy()
            request = getattr(self._local, "request", None)
            if request is None:
                request = self._local.request = self.compiled.create_infer_request()
            out = request.infer({"input_ids": ids, "attention_mask": mask})
            hidden = np.array(out[self.compiled.output(0)], dtype=np.float32)  # copy: the request reuses it
            features["token_embeddings"] = torch.from_numpy(hidden)
            return features

        def get_word_embedding_dimension(self) -> int:
            return self.dimension

        def get_embedding_dimension(self) -> int:
            return self.dimension

        def save(self, output_path: str, *args: Any, **kwargs: Any) -> None:
            raise NotImplementedError("an OpenVINO-backed model is not saved; save the PyTorch model instead")

    return OpenVINOTransformer


_MODULE_CLASS: type | None = None


def load_openvino(source: Path, export: Path) -> SentenceTransformer:
    """A SentenceTransformer whose transformer runs in OpenVINO on the CPU (float32 arithmetic), followed by
    the model's own pooling and normalisation modules."""
    global _MODULE_CLASS
    import openvino as ov
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.util import import_from_string

    modules = json.loads((source / "modules.json").read_text(encoding="utf-8"))
    rest: list[Any] = []
    for entry in sorted(modules, key=lambda m: int(m["idx"]))[1:]:
        cls: Any = import_from_string(str(entry["type"]))
        if getattr(cls, "__name__", "") not in ("Pooling", "Normalize"):
            raise ModelError(f"the OpenVINO backend supports Pooling/Normalize heads, not {cls.__name__}")
        rest.append(cls.load(str(source), subfolder=str(entry.get("path", "")), local_files_only=True))
    config: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        config = json.loads((source / "sentence_bert_config.json").read_text(encoding="utf-8"))
    st_config: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        st_config = json.loads((source / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    max_len = int(config.get("max_seq_length") or 512)
    tokenizer: Any
    if (export / "tokenizer.json").is_file():
        tokenizer = FastTokenizer(export / "tokenizer.json", max_len)
    else:  # pragma: no cover - every model we export has a fast tokenizer file
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(source))
    # float32 arithmetic even on a CPU with bf16: in bf16 a text's vector depends on its batch's padding.
    compiled = ov.Core().compile_model(
        str(export / _OV_XML), "CPU", {"INFERENCE_PRECISION_HINT": "f32", "PERFORMANCE_HINT": "LATENCY"}
    )
    hidden = int(compiled.output(0).get_partial_shape()[2].get_length())
    if _MODULE_CLASS is None:
        _MODULE_CLASS = _make_module_class()
    first = _MODULE_CLASS(compiled, tokenizer, max_len, hidden)
    prompts = {k: v for k, v in (st_config.get("prompts") or {}).items() if isinstance(v, str)}
    return SentenceTransformer(modules=[first, *rest], device="cpu", prompts=prompts or None)
