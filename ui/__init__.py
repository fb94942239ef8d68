"""The chat in the browser (Gradio), over the public :mod:`rag` API.

- :mod:`ui.service`: what the page calls (ask, an article's context, upload, remove, what is indexed);
- :mod:`ui.layout`: the page (Gradio Blocks) and its events; no model calls of its own;
- :mod:`ui.server`: credentials, the port, launch, and :func:`ui.server.serve` (``rag serve``);
- :mod:`ui.render` (passages as safe HTML), :mod:`ui.uploads` (checks and safe copies of uploads);
- ``ui/static/``: the style sheet and the page's scripts.

Importing ``ui`` is cheap; Gradio loads when :mod:`ui.layout` or :mod:`ui.server` is imported.
"""

from __future__ import annotations

__all__: list[str] = []
