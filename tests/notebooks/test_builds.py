"""Notebook posts across builds: the cache renders an unchanged notebook 0 times, and --execute
runs a kernel only when code changed (outputs cached by the hash of each code cell and the code
cells before it)."""

import re
from pathlib import Path

import nbformat
import pytest

from tests.support.cli import run_blog

FRONT = "---\ntitle: Counting runs\ndate: 2026-03-01\n---"


def write_notebook(path: Path, *cells) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_raw_cell(FRONT), *cells]
    for number, cell in enumerate(notebook.cells, start=1):
        cell["id"] = f"cell-{number}"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def rendered_again(stdout: str) -> int:
    return int(re.search(r"from the cache: (\d+) posts", stdout).group(1))


def test_a_warm_build_renders_an_unchanged_notebook_zero_times(make_site):
    site = make_site({})
    post = site / "content/posts/stored.ipynb"
    stored = nbformat.v4.new_output("stream", name="stdout", text="stored output\n")
    write_notebook(post, nbformat.v4.new_markdown_cell("Before."), nbformat.v4.new_code_cell("x()", outputs=[stored]))
    cold = run_blog("build", "--site", site)
    assert cold.code == 0, cold.stderr
    warm = run_blog("build", "--site", site)
    assert rendered_again(warm.stdout) == 0 and "0 files changed" in warm.stdout
    write_notebook(post, nbformat.v4.new_markdown_cell("After."), nbformat.v4.new_code_cell("x()", outputs=[stored]))
    edited = run_blog("build", "--site", site)
    assert rendered_again(edited.stdout) == 1
    html = (site / "public/posts/stored/index.html").read_text(encoding="utf-8")
    assert "<p>After.</p>" in html and "stored output" in html


def test_execute_runs_the_kernel_only_when_code_changed(make_site):
    pytest.importorskip("nbclient", reason="--execute needs the optional 'execute' extra, which make test installs")
    site = make_site({})
    post, runs = site / "content/posts/counting.ipynb", site / "content/posts/runs.txt"
    code = 'with open("runs.txt", "a") as log:\n    log.write("x")\nprint(6 * {factor})'

    def build(markdown: str, factor: int) -> str:
        write_notebook(post, nbformat.v4.new_markdown_cell(markdown), nbformat.v4.new_code_cell(code.format(factor=factor)))
        run = run_blog("build", "--site", site, "--execute")
        assert run.code == 0, run.stderr
        return (site / "public/posts/counting/index.html").read_text(encoding="utf-8")

    assert '<pre class="nb-stream nb-stdout">42\n</pre>' in build("Before.", 7)
    assert runs.read_text() == "x"  # the kernel ran in the notebook's folder
    html = build("After.", 7)  # a Markdown edit: outputs from the cache, no kernel
    assert "<p>After.</p>" in html and "42\n" in html and runs.read_text() == "x"
    assert '<pre class="nb-stream nb-stdout">48\n</pre>' in build("After.", 8)  # code changed: run again
    assert runs.read_text() == "xx"


def test_a_failing_cell_is_reported_at_its_cell(make_site):
    pytest.importorskip("nbclient", reason="--execute needs the optional 'execute' extra, which make test installs")
    site = make_site({})
    write_notebook(site / "content/posts/fails.ipynb", nbformat.v4.new_code_cell("1 / 0"))
    run = run_blog("build", "--site", site, "--execute")
    assert run.code == 1 and "Traceback" not in run.stderr
    assert run.diagnostics == ["content/posts/fails.ipynb:cell 2: error: execute: the cell raised ZeroDivisionError: "
                               "division by zero (tag it 'raises-exception' if that is meant)"]


def test_a_missing_kernel_is_an_error_of_the_notebook(make_site):
    pytest.importorskip("nbclient", reason="--execute needs the optional 'execute' extra, which make test installs")
    site = make_site({})
    post = site / "content/posts/rust.ipynb"
    write_notebook(post, nbformat.v4.new_code_cell("fn main() {}"))
    notebook = nbformat.read(post, as_version=4)
    notebook.metadata["kernelspec"] = {"name": "no-such-kernel", "display_name": "None", "language": "rust"}
    nbformat.write(notebook, post)
    run = run_blog("build", "--site", site, "--execute")
    assert run.code == 1
    assert run.diagnostics == ["content/posts/rust.ipynb: error: execute: NoSuchKernel: No such kernel named no-such-kernel"]


def test_an_unclosed_fence_ends_with_its_cell(make_site):
    site = make_site({})
    markdown = nbformat.v4.new_output("display_data", data={"text/markdown": "```\nopen in an output", "text/plain": ""})
    write_notebook(site / "content/posts/fences.ipynb", nbformat.v4.new_markdown_cell("```python\nleft_open = True"),
                   nbformat.v4.new_code_cell("show()", outputs=[markdown]), nbformat.v4.new_markdown_cell("After."))
    run = run_blog("build", "--site", site)
    assert run.code == 0, run.stderr
    html = (site / "public/posts/fences/index.html").read_text(encoding="utf-8")
    assert re.search(r'<code class="language-python">.*left_open.*</code></pre>\n<div class="nb-cell">', html, re.S)
    assert '<div class="nb-output nb-markdown"><pre class="highlight" tabindex="0"><code>open in an output\n</code></pre>\n</div>' in html
    assert "<p>After.</p>" in html and "\ue100" not in html


def test_blog_check_names_the_cell_and_line_of_a_broken_link(make_site):
    site = make_site({})
    write_notebook(site / "content/posts/links.ipynb", nbformat.v4.new_code_cell("x = 1"),
                   nbformat.v4.new_markdown_cell("Fine.\n\nSee [gone](/posts/nowhere/) and ![plot](missing.png)."))
    run = run_blog("check", "--site", site)
    assert run.code == 1
    assert run.diagnostics == [
        "content/posts/links.ipynb:cell 3:3: error: broken link '/posts/nowhere/': no such page or file in the built site",
        "content/posts/links.ipynb:cell 3:3: error: missing image 'missing.png': no such page or file in the built site"]


def test_a_bundle_notebook_under_markdown_html_false(make_site):
    site = make_site({"site.yaml": "title: T\nbase_url: https://example.org/\nmarkdown:\n  html: false\n",
                      "content/posts/demo/data.csv": "step,reward\n"})
    table = nbformat.v4.new_output("execute_result", data={"text/html": '<table class="dataframe"></table>',
                                                           "text/plain": "   reward\n0  1.0"}, execution_count=1)
    write_notebook(site / "content/posts/demo/index.ipynb", nbformat.v4.new_code_cell("df", outputs=[table]))
    run = run_blog("build", "--site", site)
    assert run.code == 0, run.stderr
    html = (site / "public/posts/demo/index.html").read_text(encoding="utf-8")
    assert "<table" not in html and '<pre class="nb-text">   reward\n0  1.0</pre>' in html  # HTML is not trusted
    assert (site / "public/posts/demo/data.csv").is_file()  # the bundle's files are published beside it


def test_notebooks_off_the_schema_build_with_a_warning(make_site):
    front = '{"cell_type": "raw", "metadata": {}, "source": "---\\ntitle: T\\ndate: 2026-01-01\\n---"}'
    site = make_site({
        # nbformat 4.5 without cell ids: nbformat's own warning is not the build's business
        "content/posts/no-ids.ipynb": f'{{"cells": [{front}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}',
        "content/posts/no-source.ipynb": f'{{"cells": [{front}, {{"cell_type": "code", "metadata": {{}}, "outputs": [], '
                                         f'"execution_count": null}}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 4}}',
    })
    run = run_blog("build", "--site", site)
    assert run.code == 0
    assert run.stderr.splitlines() == ["content/posts/no-source.ipynb: warning: not a valid notebook: "
                                       "'source' is a required property"]
