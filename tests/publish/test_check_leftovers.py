"""`blog check` reads raw HTML blocks (a figure written in HTML whose image is missing) and reports
template syntax of another generator that a reader would see, at its Markdown line; such syntax in
code, comments and math is meant and not reported."""

from tests.support.cli import run_blog

POST = """
    ---
    title: 导入的文章
    date: 2026-01-02
    ---
    <figure><img src="/images/gone.svg" alt="架构"><figcaption>图 1</figcaption></figure>

    <p>见 <a href="/posts/nope/">旧文</a>，或 <a href="/posts/a/">本文</a>。</p>

    ![架构图]({{ site.baseurl }}/images/arch.svg)

    {{< quiz id="3" >}}

    文中还有 {% post_link missing %} 没有转换。

    `{{ page.title }}` in code, <!-- {{< hidden >}} --> in a comment, and $\\{\\{a\\}\\}$ in math are meant.

    ```liquid
    {% raw %}{{ content }}{% endraw %}
    ```
"""


def test_raw_html_links_and_leftover_template_syntax_are_reported_at_their_lines(make_site):
    site = make_site({"content/posts/a.md": POST})
    run = run_blog("check", "--site", site)
    assert run.diagnostics == [
        "content/posts/a.md:5: error: missing image '/images/gone.svg': no such page or file in the built site",
        "content/posts/a.md:7: error: broken link '/posts/nope/': no such page or file in the built site",
        "content/posts/a.md:9: warning: template syntax '{{ site.baseurl }}' is shown as text on the page (a tag "
        "of another generator, which this build does not run); convert it or remove it",
        "content/posts/a.md:11: warning: template syntax '{{< quiz id=\"3\" >}}' is shown as text on the page (a "
        "tag of another generator, which this build does not run); convert it or remove it",
        "content/posts/a.md:13: warning: template syntax '{% post_link missing %}' is shown as text on the page "
        "(a tag of another generator, which this build does not run); convert it or remove it",
    ]
    assert run.code == 1
