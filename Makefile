# Two entry points on a fresh machine: `make build` (example blog -> public/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build serve test fuzz chromium bench math-docs clean

build: $(STAMP)
	$(BIN)/blog build
	@echo "blog is installed in $(BIN): run $(BIN)/blog, or 'source $(BIN)/activate' and then blog"

serve: $(STAMP)
	$(BIN)/blog serve

# Lighthouse's scores assume a machine doing nothing else: those tests run alone, after the rest.
test: $(STAMP) chromium node_modules/.installed
	$(BIN)/pytest -n 2 -q -m 'not quiet'
	$(BIN)/pytest -q -m quiet

# The property-based fuzz test of posts at length (make test runs a bounded, reproducible slice).
fuzz: $(STAMP)
	BLOG_FUZZ=long $(BIN)/pytest tests/hostile/test_hostile_fuzz.py -q --hypothesis-show-statistics

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,execute]'
	$(BIN)/python -m compileall -q src/blog  # pip compiles dependencies; an editable package compiles here
	touch $@

# Times blog against Hugo, Hexo and Pelican on generated corpora; writes bench/results.md.
bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py

# The pictures of docs/math.md: hard formulas drawn by blog and by KaTeX in headless Chromium.
math-docs: $(STAMP) chromium node_modules/.installed
	$(BIN)/python tests/texmath/pictures.py docs/images/math

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
