"""Fixture notebooks (every MIME type, cell tags and options, each front matter form, jupytext
text notebooks) built as posts of one site: their HTML against goldens, their files, excerpts."""

import re
import shutil
from pathlib import Path

import pytest

from tests.support.cli import run_blog
from tests.support.sites import write_site

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = sorted(path.stem for path in FIXTURES.iterdir())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = write_site(tmp_path_factory.mktemp("notebooks") / "site", {})
    shutil.copytree(FIXTURES, site / "content/posts")
    run = run_blog("build", "--site", site, "--no-cache")
    assert run.code == 0, run.stderr
    assert run.diagnostics == []
    return site / "public"


def content(built: Path, name: str) -> str:
    html = (built / "posts" / name / "index.html").read_text(encoding="utf-8")
    return re.search(r'<div class="post-content[^"]*">\n(.*?)\n  </div>\n', html, re.S).group(1)


@pytest.mark.parametrize("name", NAMES)
def test_fixture_notebook_html(built, golden, name):
    golden(f"notebooks/{name}.html", content(built, name))


def test_image_outputs_are_files_beside_the_page_with_their_size(built):
    folder = built / "posts/mime-types"
    assert sorted(p.name for p in folder.iterdir()) == ["cell-14-1-1.png", "cell-3-1.svg", "cell-4-1.png", "cell-5-1.jpg",
                                                          "index.html", "og.png"]  # og.png: the link-preview card
    assert (folder / "cell-14-1-1.png").read_bytes() == (folder / "cell-4-1.png").read_bytes()  # from text/html
    assert (folder / "cell-3-1.svg").read_text(encoding="utf-8").startswith("<svg")
    assert (folder / "cell-4-1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (folder / "cell-5-1.jpg").read_bytes()[:2] == b"\xff\xd8"
    html = content(built, "mime-types")
    assert '<img src="cell-3-1.svg" width="40" height="20"' in html  # 30pt x 15pt
    assert '<img src="cell-4-1.png" width="2" height="1"' in html  # the size the metadata asks for
    assert '<img src="cell-5-1.jpg" width="6" height="5"' in html
    assert '<p>An inline image: <img src="cell-14-1-1.png" alt="inline"></p>' in html
    assert "data:" not in html and "base64" not in html
    assert (built / "posts/metadata-front/cell-1-1.png").is_file()  # a Markdown cell's attachment


def test_each_output_type_in_priority_order(built):
    html = content(built, "mime-types")
    assert "<Figure>" not in html and "&lt;Figure&gt;" not in html  # an image wins over text/plain
    assert '<table class="dataframe">' in html and "<style" not in html and 'border="1"' not in html
    assert "<b>bold</b>" in html and "<i>after a blank line</i>" in html
    assert re.search(r'class="nb-output nb-latex"><p><math>.*<mfrac><mi>a</mi><mi>b</mi></mfrac>', html)
    assert '<div class="nb-output nb-markdown"><p><strong>hi</strong> from an output, <math>' in html
    assert '<pre class="nb-text">2 &lt; 3 &amp; 4</pre>' in html
    assert '<pre class="nb-stream nb-stdout">a\nb\n</pre>' in html  # two writes, one block
    assert '<span class="ansi-yellow-fg ansi-bold">Warning:</span> careful' in html
    assert '<span class="ansi-red-fg">ZeroDivisionError</span>: division by zero' in html
    assert "\x1b" not in html


def test_tags_and_options_remove_and_fold(built):
    html = content(built, "tags")
    assert "NEVER SHOWN" not in html and "gone()" not in html and "not_included" not in html
    assert "secret()" not in html and "no_echo()" not in html and "input removed" in html and "echo false" in html
    for folded in ("folded_input", "folded_by_option", "hidden_in_jupyter"):
        assert re.search(rf'<details class="nb-input"><summary>显示代码</summary>\n<pre[^>]*>.*?{folded}', html)
    assert re.search(r'<details class="nb-outputs"><summary>显示输出</summary>\n<pre[^>]*>output folded', html)
    assert re.search(r'<details class="nb-cell"><summary>显示单元格</summary>.*?folded_cell', html, re.S)
    assert "#|" not in html


def test_front_matter_forms_and_languages(built):
    titles = {name: re.search(r"<title>(.*?) · ", (built / "posts" / name / "index.html").read_text(encoding="utf-8")).group(1)
              for name in NAMES}
    assert titles == {"markdown-front": "Front matter in a Markdown cell", "markdown-notebook": "A jupytext Markdown notebook",
                      "metadata-front": "Front matter from metadata", "mime-types": "Every MIME type",
                      "percent": "A jupytext percent script", "tags": "Tags and options"}
    assert '<code class="language-rust">' in content(built, "markdown-front")  # the kernel's language
    assert (built / "tags/jupyter/index.html").is_file()


def test_excerpts_show_code_as_a_placeholder_and_never_outputs(built):
    excerpts = dict(re.findall(r'<a href="/posts/([^/]+)/">.*?<p class="post-excerpt">(.*?)</p>',
                               (built / "index.html").read_text(encoding="utf-8"), re.S))
    assert excerpts["mime-types"] == "Outputs in priority order, [Math] inline. A paragraph after blank lines." + " [代码]" * 12
    assert excerpts["percent"] == "A text notebook: Markdown in comments. [代码]"
    assert excerpts["metadata-front"] == "From metadata."
    assert excerpts["tags"] == " ".join(["[代码]"] * 8)
