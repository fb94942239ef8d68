# Two commands do all set-up on a fresh Linux machine with Python 3.11 (no GPU, no model hub needed):
#   make demo   install, then answer a question over the built-in newspaper page
#   make test   install with the test tools (and Debian's chromium + a CJK font for the browser test), then run pytest
#   make test-fast   the development loop: the same install, then every test not marked slow
# torch is pinned to a CPU build and installed in the same pip call as the project, so pip never resolves
# a multi-GB CUDA build.

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
TORCH  ?= torch==2.13.0
QUESTION ?= 浙江的容错纠错机制是如何运作的？

.PHONY: install install-test demo serve test test-fast lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet "$(TORCH)" -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet "$(TORCH)" -e ".[test]"
	@{ command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wenquanyi && \
	   tesseract --list-langs 2>/dev/null | grep -q chi_sim; } || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei tesseract-ocr tesseract-ocr-chi-sim; \
	    else echo "note: install Debian's chromium fonts-wqy-microhei tesseract-ocr tesseract-ocr-chi-sim (sudo apt-get install ...) for the browser and OCR tests"; fi; }

demo: install
	$(BIN)/rag ask "$(QUESTION)"

serve: install
	$(BIN)/rag serve

test: install-test
	$(BIN)/python -m pytest

test-fast: install-test
	$(BIN)/python -m pytest -m "not slow"

lint: install-test
	$(BIN)/ruff check rag embeddings ui tests bench
	$(BIN)/mypy

bench: install-test
	$(BIN)/python -m bench
