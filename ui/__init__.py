"""The chat in the browser (Gradio): :func:`ui.app.build_app` and :func:`ui.app.serve` (``rag serve``).

Importing ``ui`` is cheap; Gradio loads when :mod:`ui.app` is imported.
"""

from __future__ import annotations

__all__: list[str] = []
