"""The example blog's notebook post (both languages, with the blog's site.yaml), built end to end
from its stored outputs, and shown in headless Chromium at phone and desktop widths, light and
dark. The whole example blog, links included, is tests/e2e/test_build_example.py's."""

import re
import shutil
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from blog.render.markdown.jobs import language_job, make_render_job
from blog.settings.config import load_config
from blog.content.sources import discover_sources, parse_source, read_raw
from blog.settings.i18n import load_strings
from blog.render.markdown.render import render
from blog.settings.urls import Urls
from tests.support.cli import run_blog
from tests.support.paths import REPO
from tests.support.sites import write_site

POST = "posts/softmax-policy-gradient"
FIGURE = "cell-10-1.png"  # the matplotlib figure of cell 10
BIG_DATA_URI = re.compile(rb"data:[^\"')\s]{1024,}")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = write_site(tmp_path_factory.mktemp("example") / "site", {"site.yaml": (REPO / "site.yaml").read_text()})
    posts = site / "content/posts"
    posts.mkdir(parents=True)
    shutil.copy(REPO / "content/refs.bib", site / "content")  # the example's bibliography, named in site.yaml
    for notebook in sorted((REPO / "content/posts").glob("softmax-policy-gradient*.ipynb")):
        shutil.copy(notebook, posts)
    run = run_blog("build", "--site", site, "--no-cache")
    assert run.code == 0, run.stderr
    return site / "public"


def test_outputs_are_files_tables_and_mathml(built):
    for folder in (built / POST, built / "en" / POST):
        html = (folder / "index.html").read_text(encoding="utf-8")
        png = (folder / FIGURE).read_bytes()
        width, height = struct.unpack(">II", png[16:24])
        # A retina figure: twice the pixels of the size it is shown at.
        assert f'<img src="{FIGURE}" width="{width // 2}" height="{height // 2}"' in html
        assert '<table class="dataframe">' in html and "<style scoped>" not in html
        assert re.search(r'<div class="nb-output nb-latex"><p><math>.*?<msub><mi>π</mi><mi>θ</mi></msub>', html)
        assert '<pre class="nb-stream nb-stdout">α=0.1, baseline=True: 50 runs' in html
        assert '<details class="nb-input"><summary>' in html  # the plotting code is tagged hide-input
        assert 'href="/css/notebook.css"' in html


def test_no_big_data_uri_anywhere_in_the_output(built):
    for path in built.rglob("*"):
        if path.suffix in (".html", ".xml", ".css", ".js", ".json"):
            assert not BIG_DATA_URI.search(path.read_bytes()), path


def test_listings_and_feeds_treat_it_like_a_markdown_post(built):
    home = (built / "en/index.html").read_text(encoding="utf-8")
    excerpt = re.search(r'href="/en/posts/softmax-policy-gradient/">.*?<p class="post-excerpt">(.*?)</p>', home, re.S).group(1)
    assert excerpt.startswith("The policy gradient derivation is easy to follow") and excerpt.endswith("...")
    feed = (built / "en/feed.xml").read_text(encoding="utf-8")
    assert f'src=&#34;https://example.org/en/{POST}/{FIGURE}&#34;' in feed or \
        f'src="https://example.org/en/{POST}/{FIGURE}"' in feed


def test_code_is_excerpt_and_search_text_but_outputs_are_not():
    config, _ = load_config(REPO)
    files, _ = discover_sources(REPO, config)
    file = next(f for f in files if f.src_path == "content/posts/softmax-policy-gradient.en.ipynb")
    source, problems = parse_source(file, read_raw(REPO, file), config)
    assert problems == []
    strings, _ = load_strings(REPO, "en")
    rendered = render(make_render_job(language_job(config, strings, Urls(config).base_path), config, source))
    assert "def run(alpha, use_baseline" in rendered.search_text
    assert "baseline=True: 50 runs" not in rendered.search_text and "0.961" not in rendered.search_text
    plain = re.sub(r"\s+", " ", rendered.search_text)
    assert "Setup" in plain and "Takeaways" in plain


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_notebook_post_in_chromium(built, chromium, width, scheme):
    page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.route("http://blog.test/**", lambda route: _serve(built, route))
    page.goto(f"http://blog.test/{POST}/")
    figure = page.locator(f'img[src="{FIGURE}"]')
    figure.scroll_into_view_if_needed()
    figure.evaluate("img => img.decode()")  # resolves once the image is loaded and decoded
    box, column = figure.bounding_box(), page.locator(".post-content").bounding_box()
    assert figure.evaluate("img => img.naturalWidth") > 0
    assert box["width"] <= column["width"] + 1 and box["x"] >= 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    plate = figure.evaluate("img => getComputedStyle(img).backgroundColor")
    assert plate == ("rgb(255, 255, 255)" if scheme == "dark" else "rgba(0, 0, 0, 0)")
    folded = page.locator("details.nb-input").first
    code = folded.locator("pre")
    assert not code.is_visible()
    folded.locator("summary").click()
    assert code.is_visible()
    rule = page.locator(".nb-outputs").first.evaluate("el => getComputedStyle(el).borderLeftWidth")
    assert rule == "3px"
    page.close()


def _serve(root: Path, route) -> None:
    path = root / urlsplit(route.request.url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if path.is_file():
        route.fulfill(path=str(path))
    else:
        route.fulfill(status=404, body="not found")
