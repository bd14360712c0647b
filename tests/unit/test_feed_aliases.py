"""feed.aliases: an imported blog's old feed address serves the same feed, in each language."""

from tests.support.cli import run_blog
from tests.support.sites import write_site


def test_old_feed_addresses_serve_the_feed_in_each_language(tmp_path):
    site = write_site(tmp_path, {
        "site.yaml": "title: T\nbase_url: https://example.org/blog/\nfeed:\n  aliases: [/atom.xml]\n",
        "content/posts/a.md": "---\ntitle: 甲\ndate: 2020-01-01\n---\n正文。\n",
        "content/posts/a.en.md": "---\ntitle: A\ndate: 2020-01-01\n---\nText.\n",
    })
    assert run_blog("build", "--site", site).code == 0
    output = site / "public"
    chinese, english = (output / "atom.xml").read_text(encoding="utf-8"), \
        (output / "en/atom.xml").read_text(encoding="utf-8")
    assert "<title>甲</title>" in chinese and '<link rel="self" type="application/atom+xml" ' \
                                              'href="https://example.org/blog/atom.xml"/>' in chinese
    assert "<title>A</title>" in english and "<title>甲</title>" not in english
