"""What stops an import (exit 1, nothing written) and how an existing site's settings are respected."""

from __future__ import annotations

from tests.importers.importing import snapshot
from tests.support.cli import run_blog
from tests.support.sites import write_site


def test_a_missing_or_foreign_folder_is_an_error(tmp_path):
    missing = run_blog("import", "hexo", "nowhere", "--site", "site", cwd=tmp_path)
    assert missing.code == 1
    assert missing.diagnostics == ["nowhere: error: no such folder (expected the Hexo blog's folder)"]
    (tmp_path / "notes").mkdir()
    foreign = run_blog("import", "hugo", "notes", "--site", "site", cwd=tmp_path)
    assert foreign.code == 1
    assert foreign.diagnostics == ["notes: error: does not look like a Hugo blog (no hugo.toml, config.toml or "
                                   "config/_default/); is it the blog's top folder?"]
    assert not (tmp_path / "site").exists()


def test_a_site_inside_the_blog_is_refused_so_the_blog_stays_untouched(tmp_path):
    blog = write_site(tmp_path / "blog", {"_config.yml": "title: x\n", "source/_posts/a.md": "---\ntitle: a\n---\n"})
    before = snapshot(blog)
    run = run_blog("import", "hexo", ".", "--site", "site", cwd=blog)
    assert run.code == 1
    assert run.diagnostics == [".: error: the site folder is inside the blog's folder, which an import never "
                               "changes; choose a --site folder outside it"]
    assert snapshot(blog) == before


def test_a_broken_site_yaml_stops_the_import_with_its_errors(tmp_path):
    write_site(tmp_path / "blog", {"_config.yml": "title: x\n", "source/_posts/a.md": "---\ntitle: a\n---\n"})
    write_site(tmp_path / "site", {"site.yaml": "title: [x\n"})
    run = run_blog("import", "hexo", "blog", "--site", "site", cwd=tmp_path)
    assert run.code == 1 and run.diagnostics[0].startswith("site.yaml:2:1: error: invalid YAML")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["site.yaml"]


def test_a_blog_url_that_site_yaml_would_refuse_becomes_a_placeholder_and_a_note(tmp_path):
    write_site(tmp_path / "blog", {"_config.yml": "title: x\nurl: https://old.example.com/my blog\n",
                                   "source/_posts/a.md": "---\ntitle: a\ndate: 2020-01-01\n---\ntext\n"})
    run = run_blog("import", "hexo", "blog", "--site", "site", cwd=tmp_path)
    assert run.code == 0, run.diagnostics
    assert "site.yaml:3: warning: base_url: the blog's URL is unusable: ' ' is not allowed in a URL " \
           "(percent-encode it); set your site's URL by hand" in run.diagnostics
    assert "base_url: https://example.org/\n" in (tmp_path / "site/site.yaml").read_text(encoding="utf-8")


def test_an_existing_site_keeps_its_settings_and_skips_posts_in_languages_it_lacks(tmp_path):
    write_site(tmp_path / "blog", {
        "config.toml": 'baseURL = "https://old.example.com/"\n[languages.zh]\nweight = 1\n[languages.fr]\nweight = 2\n',
        "content/posts/a.md": "---\ntitle: 甲\ndate: 2020-01-01\n---\n正文 `$x$`。\n",
        "content/posts/a.fr.md": "---\ntitle: A\ndate: 2020-01-01\n---\ntexte\n",
    })
    site = write_site(tmp_path / "site", {"site.yaml": "title: Mine\nbase_url: https://new.example.com/\n"})
    run = run_blog("import", "hugo", "blog", "--site", "site", cwd=tmp_path)
    assert run.code == 0
    assert run.diagnostics == [
        "../blog/content/posts/a.fr.md: warning: not imported: its language 'fr' is not in site.yaml's languages "
        "(zh, en); add it there and import again",
        "site.yaml: warning: the blog writes 1 formula in backticks (`$x$`); add 'markdown: {math_in_code: true}' "
        "so they render as math",
        "site.yaml: warning: the blog's feeds were also at other addresses; add 'feed: {aliases: [/index.xml, "
        "/posts/index.xml, /tags/index.xml, /categories/index.xml], term_aliases: [index.xml]}' so they keep being "
        "served",
    ]
    assert (site / "site.yaml").read_text(encoding="utf-8") == "title: Mine\nbase_url: https://new.example.com/\n"
    assert sorted(p.name for p in (site / "content/posts").iterdir()) == ["a.md"]
    assert run_blog("build", "--site", site).code == 0


def test_an_english_blog_in_a_chinese_site_lands_as_english_translations(tmp_path):
    write_site(tmp_path / "blog", {"_config.yml": "title: Old\nlanguage: en\n",
                                   "source/_posts/ppo.md": "---\ntitle: PPO\ndate: 2020-01-01\n---\nClipping.\n"})
    site = write_site(tmp_path / "site", {"content/posts/ppo.md": "---\ntitle: PPO 笔记\ndate: 2020-01-01\n---\n裁剪。\n"})
    run = run_blog("import", "hexo", "blog", "--site", "site", cwd=tmp_path)
    assert run.code == 0 and run.diagnostics == []
    assert sorted(p.name for p in (site / "content/posts").iterdir()) == ["ppo.en.md", "ppo.md"]
    assert run_blog("build", "--site", site).code == 0
    english = (site / "public/en/posts/ppo/index.html").read_text(encoding="utf-8")
    assert 'hreflang="zh"' in english  # joined to the site's own Chinese post as its translation


def test_a_blog_of_another_kind_is_an_error_that_names_the_right_command(tmp_path):
    write_site(tmp_path / "blog", {"_config.yml": "title: x\n", "_posts/2020-01-01-a.md": "---\ntitle: a\n---\nA\n"})
    run = run_blog("import", "hexo", "blog", "--site", "site", cwd=tmp_path)
    assert run.code == 1
    assert run.diagnostics == ["blog: error: does not look like a Hexo blog (no source/_posts/, or _config.yml beside "
                               "scaffolds/); it looks like a Jekyll blog: blog import jekyll blog"]
    assert not (tmp_path / "site").exists()


def test_a_blog_without_posts_is_an_error_naming_where_they_were_looked_for(tmp_path):
    write_site(tmp_path / "blog", {"_config.yml": "title: x\n", "_layouts/post.html": "{{ content }}\n",
                                   "_posts/notes.txt": "not a post\n"})
    run = run_blog("import", "blog", "--site", "site", cwd=tmp_path)
    assert run.code == 1
    assert run.diagnostics == ["blog: error: no posts found in _posts/ (looked for Markdown files); "
                               "is it a Jekyll blog?"]
    assert run.stdout == "nothing imported from 'blog'\n" and not (tmp_path / "site").exists()


def test_without_a_kind_a_folder_that_is_no_blog_lists_what_was_looked_for(tmp_path):
    (tmp_path / "notes").mkdir()
    run = run_blog("import", "notes", "--site", "site", cwd=tmp_path)
    assert run.code == 1
    assert run.diagnostics == ["notes: error: not a blog this can import (looked for Hexo: source/_posts/, or "
                               "_config.yml beside scaffolds/; Hugo: hugo.toml, config.toml or config/_default/; "
                               "Jekyll: _config.yml beside _posts/, _layouts/ or a Gemfile); is it the blog's top "
                               "folder?"]
