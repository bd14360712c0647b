"""Every importer reads the blog's language settings and checks them against the posts' text,
saying which language it chose when the settings were missing or wrong."""

from __future__ import annotations

from tests.support.cli import run_blog
from tests.support.sites import write_site

ZH = "策略梯度直接对期望回报求导，再用采样估计梯度。基线可以降低方差而不引入偏差。"
EN = "Policy gradients differentiate the expected return and estimate the gradient from samples."


def _post(title: str, text: str, lang: str = "") -> str:
    return f"---\ntitle: {title}\ndate: 2020-01-01\n{f'lang: {lang}' if lang else ''}\n---\n{text}\n"


def test_hugo_with_locale_cjk_and_language_folders_but_no_default_is_chinese(tmp_path):
    """The issue's blog: `locale`, `hasCJKLanguage`, content/cn/ and content/en/, no defaultContentLanguage."""
    write_site(tmp_path / "blog", {
        "config.toml": 'baseURL = "https://old.example.com/"\ntitle = "札记"\nlocale = "zh-Hans"\n'
                       "hasCJKLanguage = true\n",
        "content/cn/post/pg.md": _post("策略梯度", ZH + " $$\\nabla J$$"),
        "content/cn/post/ppo.md": _post("PPO", ZH),
        "content/en/post/pg.md": _post("Policy gradients", EN),
    })
    run = run_blog("import", "blog", "--site", "site", cwd=tmp_path)
    assert run.code == 0, run.stderr
    site = tmp_path / "site"
    assert "default_language: zh\nlanguages:\n  zh:\n    name: 中文\n  en:\n    name: English\n" in \
        (site / "site.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (site / "content/posts").iterdir()) == ["pg.en.md", "pg.md", "ppo.md"]
    assert run_blog("build", "--site", site).code == 0
    chinese = (site / "public/posts/pg/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in chinese and 'hreflang="en"' in chinese
    assert '<html lang="en"' in (site / "public/en/posts/pg/index.html").read_text(encoding="utf-8")
    # the old URLs, in their language folders, still answer
    assert 'url=/posts/pg/">' in (site / "public/cn/post/pg/index.html").read_text(encoding="utf-8")
    assert 'url=/en/posts/pg/">' in (site / "public/en/post/pg/index.html").read_text(encoding="utf-8")


def test_no_setting_means_the_text_decides_and_says_so(tmp_path):
    write_site(tmp_path / "blog", {
        "config.toml": 'baseURL = "https://old.example.com/"\ntitle = "Notes"\n',
        **{f"content/posts/p{n}.md": _post(f"第 {n} 篇", ZH) for n in range(3)},
    })
    run = run_blog("import", "hugo", "blog", "--site", "site", cwd=tmp_path)
    assert run.diagnostics == ["site.yaml:4: warning: default_language: the blog sets no language and 3 of 3 posts "
                               "are written in Chinese; chose 'zh'"]
    assert run_blog("build", "--site", tmp_path / "site").code == 0
    page = (tmp_path / "site/public/posts/p0/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in page


def test_a_setting_the_posts_contradict_is_overruled_with_a_warning(tmp_path):
    write_site(tmp_path / "blog", {
        "_config.yml": "title: 笔记\nlanguage: en\nurl: https://old.example.com\n",
        "scaffolds/post.md": "---\ntitle: {{ title }}\n---\n",
        **{f"source/_posts/p{n}.md": _post(f"第 {n} 篇", ZH) for n in range(3)},
        "source/_posts/english.md": _post("English", EN, lang="en"),
    })
    run = run_blog("import", "blog", "--site", "site", cwd=tmp_path)
    assert run.diagnostics == ["site.yaml:4: warning: default_language: the blog's language in _config.yml says "
                               "'en', but 3 of 3 posts are written in Chinese; chose 'zh'"]
    assert sorted(p.name for p in (tmp_path / "site/content/posts").iterdir()) == \
        ["english.en.md", "p0.md", "p1.md", "p2.md"]


def test_jekyll_lang_is_read_and_agreeing_posts_say_nothing(tmp_path):
    write_site(tmp_path / "blog", {
        "_config.yml": "title: Notes\nlang: en-US\nurl: https://old.example.com\n",
        "_posts/2020-01-01-pg.md": _post("Policy gradients", EN),
    })
    run = run_blog("import", "blog", "--site", "site", cwd=tmp_path)
    assert run.code == 0 and run.diagnostics == []
    assert "default_language: en\nlanguages:\n  en:\n    name: English\n" in \
        (tmp_path / "site/site.yaml").read_text(encoding="utf-8")
