# Two entry points on a fresh machine: `make build` (example blog -> public/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build serve test chromium bench clean

build: $(STAMP)
	$(BIN)/blog build
	@echo "blog is installed in $(BIN): run $(BIN)/blog, or 'source $(BIN)/activate' and then blog"

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

# Browser tests drive Debian's chromium, with the CJK and colour-emoji fonts a reader of the blog
# has (without them Chinese draws as empty boxes and no screenshot or line-break test means much).
BROWSER_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji
chromium:
	@dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q $(BROWSER_PACKAGES); }

clean:
	rm -rf public .blog-cache
