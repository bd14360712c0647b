"""Every output path has one maker: the writer refuses a second with both names; a site's
static/ may replace the two generated files (README, "Themes")."""

from pathlib import Path

from tests.support.cli import run_blog
from tests.support.sites import write_site

POST = "---\ntitle: 图\ndate: 2026-01-01\n---\n\n![架构](arch.svg)\n"
SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>"


def test_a_static_file_on_a_bundle_assets_path_is_an_error_naming_both(tmp_path: Path):
    site = write_site(tmp_path / "site", {"content/posts/arch/index.md": POST, "content/posts/arch/arch.svg": SVG})
    assert run_blog("build", "--site", site).code == 0
    before = (site / "public/posts/arch/index.html").read_bytes()
    (site / "static/posts/arch").mkdir(parents=True)
    (site / "static/posts/arch/arch.svg").write_text(SVG.replace("1", "2"), encoding="utf-8")
    run = run_blog("build", "--site", site)
    assert run.code == 1
    assert run.diagnostics == ["content/posts/arch/arch.svg: error: 'posts/arch/arch.svg' in the output is also made "
                               "by static/posts/arch/arch.svg; only one of them can be written"]
    assert (site / "public/posts/arch/index.html").read_bytes() == before  # the last good output stays
    assert (site / "public/posts/arch/arch.svg").read_text(encoding="utf-8") == SVG


def test_a_sites_own_code_colours_replace_the_generated_ones(tmp_path: Path):
    css = "/* the site's own colours */\n.highlight { color: teal; }\n"
    site = write_site(tmp_path / "site", {"content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n\n```python\nx = 1\n```\n",
                                          "static/css/highlight.css": css})
    for _ in range(2):  # cold, then warm from the cache: the same file each time, never a race
        run = run_blog("build", "--site", site, "--jobs", "2")
        assert run.code == 0, run.stderr
        assert (site / "public/css/highlight.css").read_text(encoding="utf-8") == css
    (site / "static/css/highlight.css").unlink()
    assert run_blog("build", "--site", site).code == 0
    assert ".highlight" in (site / "public/css/highlight.css").read_text(encoding="utf-8")
    assert "teal" not in (site / "public/css/highlight.css").read_text(encoding="utf-8")
