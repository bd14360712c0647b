"""`blog check`: every kind of problem in a tiny site, reported at its Markdown file and line;
the example blog passes; external links only with --external, against a local server."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from blog.commands.external_links import Limits, check_external_links
from blog.site.links import ExternalLink
from tests.support.cli import run_blog
from tests.support.paths import REPO

PROBLEMS = {
    "content/posts/a.md": """
        ---
        title: 策略梯度
        date: 2026-01-02
        ---
        [fine](/posts/b/) [fine too](../b/) [feed](/feed.xml) [self](#intro)
        [gone](/posts/nope/)
        [anchor](/posts/b/#section) [bad anchor](/posts/b/#nope)
        [bad self anchor](#missing)
        [english](/en/posts/b/) [no english](/en/posts/a/)
        ![not a bundle](pic.png)
        ![static](/images/x.png) ![no static](/images/y.png)

        ## Intro

        A formula that cannot be converted: $\\frac{1}{$.
        [mail](mailto:me@example.org) [outside](https://example.org/elsewhere/) [web](https://example.com/x)
    """,
    "content/posts/b.md": """
        ---
        title: B
        date: 2026-01-01
        ---
        ## Section
    """,
    "content/posts/b.en.md": """
        ---
        title: 策略梯度
        date: 2026-01-01
        ---
        Same title as a.md, but in another language: fine.
    """,
    "content/posts/c/index.md": """
        ---
        title: 策略梯度
        date: 2026-01-03
        ---
        ![here](fig.png)
        ![not here](nofig.png)
    """,
    "content/posts/c/fig.png": b"\x89PNG\r\n\x1a\n",
    "static/images/x.png": b"\x89PNG\r\n\x1a\n",
}

EXPECTED = [
    "content/posts/a.md:2: error: duplicate title '策略梯度' in one language (also content/posts/c/index.md)",
    "content/posts/a.md:6: error: broken link '/posts/nope/': no such page or file in the built site",
    "content/posts/a.md:7: error: broken link '/posts/b/#nope': no element with id 'nope' on /posts/b/",
    "content/posts/a.md:8: error: broken link '#missing': no element with id 'missing' on /posts/a/",
    "content/posts/a.md:9: error: broken link '/en/posts/a/': no such page or file in the built site",
    "content/posts/a.md:10: error: missing image 'pic.png': no such page or file in the built site",
    "content/posts/a.md:11: error: missing image '/images/y.png': no such page or file in the built site",
    "content/posts/a.md:15:46: error: math: missing '}' to close '{'",
    "content/posts/a.md:16: error: broken link 'https://example.org/elsewhere/': no such page or file in the built site",
    "content/posts/c/index.md:2: error: duplicate title '策略梯度' in one language (also content/posts/a.md)",
    "content/posts/c/index.md:6: error: missing image 'nofig.png': no such page or file in the built site",
]


def test_each_problem_is_reported_at_its_file_and_line(make_site):
    site = make_site(PROBLEMS)
    run = run_blog("check", "--site", site)
    assert run.diagnostics == EXPECTED
    assert run.code == 1
    assert "11 error(s)" in run.stdout
    assert not (site / "public").exists(), "check builds in a temporary folder"
    assert not (site / ".blog-cache").exists(), "check leaves the build cache alone"


def test_links_under_a_base_path(make_site):
    site = make_site({**PROBLEMS, "site.yaml": "title: T\nbase_url: https://example.org/sub/\n"})
    run = run_blog("check", "--site", site)
    assert run.diagnostics[:8] == EXPECTED[:8]
    assert "content/posts/a.md:16: error: broken link 'https://example.org/elsewhere/': it is outside the " \
           "site's path '/sub/'" in run.diagnostics


def test_a_site_without_problems_passes(make_site):
    site = make_site({"content/posts/b.md": PROBLEMS["content/posts/b.md"]})
    run = run_blog("check", "--site", site)
    assert (run.code, run.diagnostics) == (0, [])
    assert run.stdout.strip() == "checked 1 pages and 0 links: no problems found"


def test_a_build_error_is_reported_and_fails(make_site):
    site = make_site({"content/posts/x.md": "---\ntitle: X\ndate: 2026-13-01\n---\n"})
    run = run_blog("check", "--site", site)
    assert run.code == 1
    assert run.diagnostics[0].startswith("content/posts/x.md:3:7: error: date: '2026-13-01' is not a date")


def test_the_example_blog_passes():
    run = run_blog("check", "--site", REPO)
    assert (run.code, run.diagnostics) == (0, []), run.stderr
    assert "no problems found" in run.stdout


class _Answers(BaseHTTPRequestHandler):
    """/ok answers; /gone is 404; /broken 500; /nohead refuses HEAD but answers GET; /slow never answers in time."""

    calls: list[str] = []
    slow_may_answer = threading.Event()  # set when the test is over: until then /slow keeps the checker waiting

    def _answer(self, with_body: bool) -> None:
        self.calls.append(f"{self.command} {self.path}")
        status = {"/ok": 200, "/gone": 404, "/broken": 500, "/nohead": 405 if self.command == "HEAD" else 200}
        if self.path == "/slow":
            self.slow_may_answer.wait()
        code = status.get(self.path, 200)
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


@pytest.fixture
def web():
    _Answers.calls = []
    _Answers.slow_may_answer = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _Answers.slow_may_answer.set()
    server.shutdown()
    server.server_close()


def test_external_links_only_with_the_option(make_site, web):
    body = f"[a]({web}/ok) [b]({web}/gone)\n[c]({web}/broken) [d]({web}/nohead)\n\n![e]({web}/gone)\n"
    site = make_site({"content/posts/x.md": f"---\ntitle: X\ndate: 2026-01-01\n---\n{body}"})
    assert run_blog("check", "--site", site).code == 0
    assert _Answers.calls == []
    run = run_blog("check", "--site", site, "--external")
    assert run.diagnostics == [
        f"content/posts/x.md:5: error: external link '{web}/gone': HTTP 404 Not Found",
        f"content/posts/x.md:6: error: external link '{web}/broken': HTTP 500 Internal Server Error",
        f"content/posts/x.md:8: error: external link '{web}/gone': HTTP 404 Not Found",
    ]
    assert run.code == 1
    assert "(4 external URLs requested)" in run.stdout
    assert _Answers.calls.count("HEAD /gone") == 1, "one request per URL, and a 404 is not retried"
    assert _Answers.calls.count("HEAD /broken") == 3, "a 5xx is retried twice"
    assert "GET /nohead" in _Answers.calls


def test_external_checks_are_bounded_in_time(web):
    links = [ExternalLink(f"{web}/slow", "content/posts/x.md", 7), ExternalLink(f"{web}/slow?2", "content/posts/x.md", 8)]
    problems = check_external_links(links, Limits(workers=1, timeout=0.3, retries=1, budget=0.5))
    assert [str(p) for p in problems] == [
        f"content/posts/x.md:7: error: external link '{web}/slow': no answer within 0.3 s",
        f"content/posts/x.md:8: warning: external link '{web}/slow?2': not checked: the 0.5 s time limit "
        "for external links ran out",
    ]
