"""Fixtures and options for every test; the helpers behind them live in tests/support."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.cli import run_blog
from tests.support.paths import GOLDEN
from tests.support.sites import write_site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def make_site(tmp_path: Path):
    def make(files: dict[str, str | bytes], name: str = "site") -> Path:
        return write_site(tmp_path / name, files)

    return make


@pytest.fixture
def blog():
    return run_blog


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/NAME; `pytest --update-golden` rewrites it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden and review the diff"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{name} differs from its golden file (pytest --update-golden to accept)"

    return check


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright (installed by `make test`)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "browser tests need Debian's chromium: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
