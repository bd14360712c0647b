"""Citations from a BibTeX bibliography in CSL styles, with each entry in its own language's terms."""

import re

import pytest

from tests.support.cli import run_blog
from tests.support.sites import write_site

BIB = """@article{schulman2017,
  author = {Schulman, John and Wolski, Filip and Dhariwal, Prafulla and Radford, Alec and Klimov, Oleg},
  title = {Proximal Policy Optimization Algorithms},
  journal = {arXiv preprint arXiv:1707.06347},
  year = {2017},
}

@inproceedings{sutton2000,
  author = {Sutton, Richard S. and McAllester, David and Singh, Satinder and Mansour, Yishay},
  title = {Policy Gradient Methods for Reinforcement Learning with Function Approximation},
  booktitle = {Advances in Neural Information Processing Systems 12},
  pages = {1057--1063},
  year = {2000},
}

@article{zhang2020,
  author = {张三 and 李四 and 王五 and 赵六},
  title = {强化学习综述},
  journal = {计算机学报},
  volume = {43},
  number = {2},
  pages = {1--20},
  year = {2020},
}

@book{zhou2016,
  author = {周志华},
  title = {机器学习},
  publisher = {清华大学出版社},
  address = {北京},
  year = {2016},
  langid = {chinese},
}
"""

# A small style of our own (the role GB/T 7714-2015 plays for a real site): "names|title".
TINY_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>tiny</title><id>tiny</id><updated>2026-12-03T00:00:00+00:00</updated></info>
  <citation><layout prefix="⟨" suffix="⟩" delimiter="; "><text variable="citation-number"/></layout></citation>
  <bibliography><layout>
    <names variable="author"><name delimiter=", " et-al-min="2" et-al-use-first="1"/></names>
    <text variable="title" prefix="|"/>
  </layout></bibliography>
</style>
"""

POST = """---
title: {title}
date: 2026-01-0{day}
{extra}---
PPO [@schulman2017, p. 3] and the theorem @sutton2000; surveys [@zhang2020; @zhou2016].

Both languages in one group: [@zhang2020; @sutton2000]. With words: [see @zhou2016, p. 5; also @sutton2000].
"""

# Pandoc's locator-then-suffix, words before a key, and locators in each entry's own language.
SUFFIXES = """---
title: {title}
date: 2026-01-0{day}
{extra}---
A [@sutton2000, p. 12, and passim]. B [@schulman2017, ch. 3 for details]. C [see @schulman2017, p. 3].
D [@sutton2000, pp. 33-35, 38-39 and passim]. E [@zhou2016, for details].
F [@zhang2020, p. 3; @sutton2000, p. 5]. G [@sutton2000, p. 5; @zhang2020, p. 3; @zhou2016, sec. 2].
H [@zhou2016; @sutton2000, p. 2, and passim].
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("cite")
    site = write_site(root / "site", {
        "site.yaml": "title: T\nbase_url: https://e.org/\nbibliography: refs.bib\n",
        "refs.bib": BIB, "styles/tiny.csl": TINY_CSL,
        "content/posts/numeric.md": POST.format(title="Numeric", day=1, extra=""),
        "content/posts/numeric.en.md": POST.format(title="Numeric", day=1, extra=""),
        "content/posts/authordate.md": POST.format(title="Author-date", day=2, extra="csl: author-date\n"),
        "content/posts/tiny.md": POST.format(title="Tiny", day=3, extra="csl: styles/tiny.csl\n"),
        "content/posts/citable.md": POST.format(title="A citable post", day=4, extra="cite_this: true\nauthor: 李雷\n"),
        "content/posts/suffixes.md": SUFFIXES.format(title="Suffixes", day=5, extra=""),
        "content/posts/suffixes-ad.md": SUFFIXES.format(title="Suffixes", day=6, extra="csl: author-date\n"),
    })
    run = run_blog("build", "--site", site, "--output", root / "out")
    assert run.code == 0, run.stderr
    return root / "out"


def citations(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", group) for group in re.findall(r'<span class="citation">(.*?)</span>', html)]


def citation_links(html: str) -> list[list[tuple[str, str, str]]]:
    """Each citation's links: (id, the key linked to, the linked text)."""
    return [re.findall(r'<a id="(cite-[\d-]+)" href="#ref-([^"]+)">(.*?)</a>', group)
            for group in re.findall(r'<span class="citation">(.*?)</span>', html)]


def references(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s*↩", "", entry).strip()
            for entry in re.findall(r'<li id="ref-[^"]+" lang="\w+">(.*?)</li>', html)]


def test_numeric_style_with_per_entry_language(built):
    html = (built / "posts/numeric/index.html").read_text(encoding="utf-8")
    assert citations(html) == ["[1, p. 3]", "Sutton et al. [2]", "[3, 4]", "[2, 3]", "[see 4, 页 5, also 2]"]
    assert references(html) == [
        "[1] Schulman J, Wolski F, Dhariwal P, et al. Proximal Policy Optimization Algorithms[J]. "
        "arXiv preprint arXiv:1707.06347, 2017.",
        "[2] Sutton R S, McAllester D, Singh S, et al. Policy Gradient Methods for Reinforcement Learning with "
        "Function Approximation[C]//Advances in Neural Information Processing Systems 12. 2000: 1057–1063.",
        "[3] 张三, 李四, 王五, 等. 强化学习综述[J]. 计算机学报, 2020, 43(2): 1～20.",
        "[4] 周志华. 机器学习[M]. 北京: 清华大学出版社, 2016.",
    ]
    assert '<h2 id="references">参考文献</h2>' in html
    english = (built / "en/posts/numeric/index.html").read_text(encoding="utf-8")
    assert '<h2 id="references">References</h2>' in english
    assert references(english) == references(html)  # an entry's terms follow its language, not the page's


def test_author_date_style(built):
    html = (built / "posts/authordate/index.html").read_text(encoding="utf-8")
    assert citations(html) == ["(Schulman et al., 2017, p. 3)", "Sutton et al. (2000)", "(周志华, 2016; 张三 等, 2020)",
                               "(张三 等, 2020; Sutton et al., 2000)",  # each entry in its own language
                               "(see 周志华, 2016, 页 5; also Sutton et al., 2000)"]
    assert references(html)[0].startswith("Schulman, J., Wolski, F., Dhariwal, P., Radford, A., &amp; Klimov, O. (2017).")


def test_a_csl_file_of_the_site(built):
    html = (built / "posts/tiny/index.html").read_text(encoding="utf-8")
    assert citations(html) == ["⟨1⟩", "Sutton et al. ⟨2⟩", "⟨3; 4⟩", "⟨2; 3⟩", "⟨see 4; also 2⟩"]
    assert references(html) == ["John Schulman et al.|Proximal Policy Optimization Algorithms",
                                "Richard S. Sutton et al.|Policy Gradient Methods for Reinforcement Learning "
                                "with Function Approximation", "张三 等|强化学习综述", "周志华|机器学习"]


def test_every_item_of_a_group_links_its_own_entry(built):
    html = (built / "posts/numeric/index.html").read_text(encoding="utf-8")
    assert citation_links(html) == [  # numbers are never collapsed to a range, so each one is a link
        [("cite-1", "schulman2017", "1, p. 3")], [("cite-2", "sutton2000", "Sutton et al. [2]")],
        [("cite-3", "zhang2020", "3"), ("cite-3-2", "zhou2016", "4")],
        [("cite-4", "sutton2000", "2"), ("cite-4-2", "zhang2020", "3")],  # in the style's order
        [("cite-5", "zhou2016", "4, 页 5"), ("cite-5-2", "sutton2000", "2")]]  # words before: the author's
    assert '<span class="citation">[see <a id="cite-5" href="#ref-zhou2016">4, 页 5</a>, also <a' in html
    author_date = (built / "posts/authordate/index.html").read_text(encoding="utf-8")
    assert citation_links(author_date)[2:4] == [
        [("cite-3", "zhou2016", "周志华, 2016"), ("cite-3-2", "zhang2020", "张三 等, 2020")],
        [("cite-4", "zhang2020", "张三 等, 2020"), ("cite-4-2", "sutton2000", "Sutton et al., 2000")]]


def test_entries_link_back_to_every_citing_place(built):
    html = (built / "posts/numeric/index.html").read_text(encoding="utf-8")
    entries = dict(re.findall(r'<li id="ref-([^"]+)"[^>]*>(.*?)</li>', html))
    backlinks = {key: re.findall(r'href="#(cite-[\d-]+)"', entry) for key, entry in entries.items()}
    assert backlinks == {"schulman2017": ["cite-1"], "sutton2000": ["cite-2", "cite-4", "cite-5-2"],
                         "zhang2020": ["cite-3", "cite-4-2"], "zhou2016": ["cite-3-2", "cite-5"]}
    ids = re.findall(r'<a id="(cite-[\d-]+)"', html)
    assert all(target in ids for targets in backlinks.values() for target in targets)
    assert 'aria-label="返回第 4 处引用">↩</a>' in entries["zhang2020"]  # the place, even as a group's 2nd item
    assert "<script" not in re.sub(r'<script src="[^"]*/js/reader\.js"[^>]*></script>', "", html.split("</header>", 1)[1])  # the theme's own


def test_suffixes_prefixes_and_each_items_own_locator_language(built):
    html = (built / "posts/suffixes/index.html").read_text(encoding="utf-8")
    assert citations(html) == ["[1, p. 12, and passim]", "[2, chap. 3 for details]", "[see 2, p. 3]",
                               "[1, pp. 33–35, 38–39 and passim]", "[3, for details]",
                               "[1, p. 5, 4, 页 3]", "[1, p. 5, 3, 节 2, 4, 页 3]",
                               "[3, 1, p. 2, and passim]"]  # words after an item: the author's order
    assert '[<a id="cite-1" href="#ref-sutton2000">1, p. 12</a>, and passim]' in html  # the words stay unlinked
    author_date = (built / "posts/suffixes-ad/index.html").read_text(encoding="utf-8")
    assert citations(author_date) == [
        "(Sutton et al., 2000, p. 12, and passim)", "(Schulman et al., 2017, chap. 3 for details)",
        "(see Schulman et al., 2017, p. 3)", "(Sutton et al., 2000, pp. 33–35, 38–39 and passim)",
        "(周志华, 2016, for details)", "(张三 等, 2020, 页 3; Sutton et al., 2000, p. 5)",
        "(Sutton et al., 2000, p. 5; 张三 等, 2020, 页 3; 周志华, 2016, 节 2)",
        "(周志华, 2016; Sutton et al., 2000, p. 2, and passim)"]


def test_excerpts_show_citations_as_text(built):
    listing = (built / "index.html").read_text(encoding="utf-8")
    assert "PPO [1, p. 3] and the theorem Sutton et al. [2]; surveys [3, 4]." in listing
    assert "PPO (Schulman et al., 2017, p. 3) and the theorem Sutton et al. (2000)" in listing


def test_cite_this_post_gives_bibtex_and_scholar_tags(built):
    html = (built / "posts/citable/index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    assert '<meta name="citation_title" content="A citable post">' in head
    assert '<meta name="citation_author" content="李雷">' in head
    assert '<meta name="citation_publication_date" content="2026/01/04">' in head
    assert '<h2 id="cite-this-post">引用本文</h2>' in html
    assert ("@online{citable2026,\n  author = {李雷},\n  title = {A citable post},\n  year = {2026},\n"
            "  month = {1},\n  url = {https://e.org/posts/citable/},\n  langid = {chinese},\n}") in html
    other = (built / "posts/numeric/index.html").read_text(encoding="utf-8")
    assert "citation_title" not in other and "cite-this" not in other  # opt-in


def test_unknown_keys_and_broken_entries_are_errors_with_lines(make_site, tmp_path):
    broken = BIB + "\n@article{broken,\n  author = {A and B,\n  title = {T},\n}\n\n@book{zhou2016, title = {Again}}\n"
    site = make_site({"site.yaml": "title: T\nbase_url: https://e.org/\nbibliography: refs.bib\n",
                      "refs.bib": broken,
                      "content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n\n"
                                            "As shown [@schulman2071] and by @sutton2000x.\n"})
    run = run_blog("build", "--site", site, "--output", tmp_path / "out")
    assert run.code == 1
    assert run.diagnostics == [
        "content/posts/a.md:6:11: error: citation: unknown key 'schulman2071' (did you mean 'schulman2017'?)",
        "content/posts/a.md:6:33: error: citation: unknown key 'sutton2000x' (did you mean 'sutton2000'?)",
        "refs.bib:35:1: error: bibliography: broken entry '@article{broken,' (a brace, quote or comma is "
        "missing before the next entry)",
        "refs.bib:40:1: error: bibliography: duplicate key 'zhou2016' (first at refs.bib:26)",
    ]
    assert "Traceback" not in run.stderr


def test_a_broken_csl_file_is_an_error_with_its_line(make_site, tmp_path):
    site = make_site({"site.yaml": "title: T\nbase_url: https://e.org/\nbibliography: refs.bib\ncsl: content/my.csl\n",
                      "refs.bib": BIB, "content/my.csl": "<style>\n<citation>\n</style>\n",
                      "content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\nAs in [@zhou2016].\n"})
    run = run_blog("build", "--site", site, "--output", tmp_path / "out")
    assert run.code == 1
    assert run.diagnostics == [
        "content/my.csl:3:9: error: csl: not XML: Opening and ending tag mismatch: citation line 2 and style"]
    assert "Traceback" not in run.stderr


def test_edited_books_name_their_editors_in_the_entrys_language(make_site, tmp_path):
    site = make_site({
        "site.yaml": "title: T\nbase_url: https://e.org/\nbibliography: content/refs.bib\n",
        "content/refs.bib": "@book{zh, editor = {周三 and 李四}, title = {强化学习导论}, publisher = {出版社}, year = {2020}}\n"
                            "@book{en, editor = {Smith, John}, title = {Edited Volume}, publisher = {Press}, year = {2021}}\n",
        "content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\nSee [@zh; @en].\n"})
    run = run_blog("build", "--site", site, "--output", tmp_path / "out")
    assert run.code == 0, run.stderr
    html = (tmp_path / "out/posts/a/index.html").read_text(encoding="utf-8")
    assert references(html) == ["[1] 周三, 李四, 编. 强化学习导论[M]. 出版社, 2020.",
                                "[2] Smith J, ed. Edited Volume[M]. Press, 2021."]
