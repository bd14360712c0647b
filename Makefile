# Two entry points on a fresh machine: `make build` (example blog -> public/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build serve test chromium bench clean

build: $(STAMP)
	$(BIN)/blog build

serve: $(STAMP)
	$(BIN)/blog serve

test: $(STAMP) chromium node_modules/.installed
	$(BIN)/pytest -n 2 -q

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/python -m compileall -q src/blog  # pip compiles dependencies; an editable package compiles here
	touch $@

# Times blog against Hugo, Hexo and Pelican on generated corpora; writes bench/results.md.
bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py

# Test-only npm tools (KaTeX as reference renderer, axe-core, Lighthouse), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests drive Debian's chromium; install it once if it is missing.
chromium:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }

clean:
	rm -rf public .blog-cache
