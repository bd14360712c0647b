"""The example blog built once per test process and served with gzip, and the page types a reader meets."""

from __future__ import annotations

import pytest

from tests.reader.gzip_host import gzip_host
from tests.support.cli import run_blog
from tests.support.paths import REPO

# One page of every type; the math and code posts are the heaviest of the example blog.
PAGE_TYPES = {
    "home": "",
    "page 2": "page/2/",
    "english home": "en/",
    "math post": "posts/flashattention-online-softmax/",
    "code post": "posts/ddpg/",
    "english post": "en/posts/speculative-decoding/",
    "cited post": "posts/actor-critic/",  # citation groups, a locator with words after it, a proof
    "category": "categories/reinforcement-learning/",
    "tag": "tags/actor-critic/",
    "archives": "archives/",
    "search": "search/",
    "404": "404.html",
}
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """The repo's example blog, served at its root with gzip; built once per test process."""
    output = tmp_path_factory.getbasetemp() / "reader-example" / "public"
    if not output.is_dir():  # a build swaps its output in whole, so a folder here is a finished one
        run = run_blog("build", "--site", REPO, "--output", output, "--no-cache")
        assert run.code == 0, run.stderr
    with gzip_host(output) as start:
        yield start, output
