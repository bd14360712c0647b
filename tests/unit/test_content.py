from blog.settings.config import LanguageConfig, SiteConfig
from blog.content.sources import discover_sources, parse_source, read_raw
from tests.support.sites import write_site

CONFIG = SiteConfig(title="T", base_url="https://e.org/",
                    languages={"zh": LanguageConfig("zh", "中文"), "en": LanguageConfig("en", "English")})
POST = "---\ntitle: t\ndate: 2026-01-01\n---\nbody\n"


def test_names_languages_bundles_and_asset_folders(tmp_path):
    site = write_site(tmp_path, {
        "content/posts/ppo.md": POST,
        "content/posts/ppo.en.md": POST,
        "content/posts/gpt-3.5.md": POST,
        "content/posts/hdfs/index.md": POST,
        "content/posts/hdfs/index.en.md": POST,
        "content/posts/hdfs/img/arch.svg": "<svg/>",
        "content/posts/hexo-style.md": POST,
        "content/posts/hexo-style/plot.png": b"\x89PNG",
        "content/posts/2024/nested.md": POST,
        "content/posts/.hidden.md": POST,
        "content/posts/draft.md~": POST,
        "content/pages/about.md": "---\ntitle: About\n---\n",
    })
    files, problems = discover_sources(site, CONFIG)
    assert problems == []
    found = {(f.src_path, f.kind, f.name, f.lang, f.assets) for f in files}
    assert found == {
        ("content/pages/about.md", "page", "about", None, ()),
        ("content/posts/2024/nested.md", "post", "nested", None, ()),
        ("content/posts/gpt-3.5.md", "post", "gpt-3.5", None, ()),
        ("content/posts/hdfs/index.en.md", "post", "hdfs", "en", ("content/posts/hdfs/img/arch.svg",)),
        ("content/posts/hdfs/index.md", "post", "hdfs", None, ("content/posts/hdfs/img/arch.svg",)),
        ("content/posts/hexo-style.md", "post", "hexo-style", None, ("content/posts/hexo-style/plot.png",)),
        ("content/posts/ppo.en.md", "post", "ppo", "en", ()),
        ("content/posts/ppo.md", "post", "ppo", None, ()),
    }


def test_an_unknown_language_suffix_names_the_languages(tmp_path):
    site = write_site(tmp_path, {"content/posts/ppo.fr.md": POST})
    _, problems = discover_sources(site, CONFIG)
    assert [str(p) for p in problems] == [
        "content/posts/ppo.fr.md: error: unknown language 'fr' in the file name (languages in site.yaml: zh, en)"]


def test_parse_source_resolves_the_language_and_body_line(tmp_path):
    site = write_site(tmp_path, {"content/posts/a.md": "---\ntitle: t\ndate: 2026-01-01\nlang: en\n---\n\nHi\n"})
    files, _ = discover_sources(site, CONFIG)
    source, problems = parse_source(files[0], read_raw(site, files[0]), CONFIG)
    assert problems == [] and source.lang == "en" and source.body_line == 6 and source.body == "\nHi\n"


def test_non_utf8_is_an_error_with_its_line(tmp_path):
    site = write_site(tmp_path, {"content/posts/a.md": b"---\ntitle: t\n\xff\n---\n"})
    files, _ = discover_sources(site, CONFIG)
    _, problems = parse_source(files[0], read_raw(site, files[0]), CONFIG)
    assert [str(p) for p in problems] == ["content/posts/a.md:3: error: not UTF-8 text (invalid start byte)"]
