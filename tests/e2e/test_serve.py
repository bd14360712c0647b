"""`blog serve` end to end: a real server on a free port, a Server-Sent Events client, and edits
to the site on disk. The served site must always equal a full `blog build` of the same input."""

from __future__ import annotations

import itertools
import socket
from pathlib import Path

import pytest

from tests.support.cli import run_blog
from tests.support.live_server import POST, Server, free_port
from tests.support.sites import write_site

_FULL_BUILDS = itertools.count()  # names each full build's output folder


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {
        "content/posts/a.md": POST.format(title="A", day=1, extra="", body="第一篇。"),
        "content/posts/b.md": POST.format(title="B", day=2, extra="", body="第二篇，公式 $x^2$。"),
        "content/posts/c.md": POST.format(title="C", day=3, extra="draft: true\n", body="草稿。"),
        "static/img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    })


@pytest.fixture
def server(site: Path):
    running = Server(site, free_port())
    yield running
    if running.process.poll() is None:
        running.stop()


def served_equals_a_full_build(server: Server, tmp_path: Path) -> None:
    """Every file of a fresh build, fetched from the server, is byte-identical (the reload script aside).
    The search index is Pagefind's, with content-hashed names; tests/publish checks it."""
    output = tmp_path / f"full-{next(_FULL_BUILDS)}"
    run = run_blog("build", "--site", server.site, "--output", output, "--drafts", "--no-cache",
                   "--base-url", f"http://127.0.0.1:{server.port}/")
    assert run.code == 0, run.stderr
    for path in sorted(p for p in output.rglob("*") if p.is_file() and "pagefind" not in p.parts):
        relative = path.relative_to(output).as_posix()
        status, _, body = server.get("/" + relative)
        body = body.replace(b'<script src="/__blog__/live.js" defer></script>', b"")
        assert (status, body) == (200, path.read_bytes()), relative


def test_serves_drafts_on_localhost_and_exits_cleanly(server, site):
    assert server.banner.strip() == f"serving site with drafts at http://127.0.0.1:{server.port}/ (Ctrl-C to stop)"
    status, kind, body = server.get("/posts/c/")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert b'class="badge draft"' in body
    assert b'<script src="/__blog__/live.js" defer></script></body>' in body
    code, output = server.stop()
    assert code == 0 and "stopped" in output and "Traceback" not in output


def test_edit_add_delete_and_rename_posts(server, site, tmp_path):
    (site / "content/posts/a.md").write_text(POST.format(title="A", day=1, extra="", body="改过的第一篇。"), encoding="utf-8")
    assert "posts/b/index.html" not in server.reload_with("posts/a/index.html")
    assert "改过的第一篇".encode() in server.get("/posts/a/")[2]
    served_equals_a_full_build(server, tmp_path)  # a body-only save takes serve's fast path (pipeline/fastpath.py)

    (site / "content/posts/d.md").write_text(POST.format(title="D", day=4, extra="", body="新的一篇。"), encoding="utf-8")
    server.reload_with("posts/d/index.html")
    assert server.get("/posts/d/")[0] == 200

    (site / "content/posts/d.md").unlink()
    server.reload_with("posts/d/index.html")
    assert server.get("/posts/d/")[0] == 404

    (site / "content/posts/b.md").rename(site / "content/posts/b2.md")
    server.reload_with("posts/b2/index.html", "posts/b/index.html")  # a rename may arrive as two builds
    assert server.get("/posts/b/")[0] == 404
    served_equals_a_full_build(server, tmp_path)


def test_a_broken_save_keeps_the_last_good_pages_and_reports_the_lines(server, site, tmp_path):
    good = server.get("/posts/a/")[2]
    (site / "content/posts/a.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    event = server.next_event("problems")
    assert event["lines"] == ["content/posts/a.md:3:1: error: invalid YAML: did not find expected ',' or ']' "
                              "(while parsing a flow sequence that starts at line 2)"]
    assert server.get("/posts/a/")[2] == good
    (site / "content/posts/a.md").write_text(POST.format(title="A", day=1, extra="", body="修好了。"), encoding="utf-8")
    assert server.next_event("reload", "problems")["event"] == "reload"  # the overlay is cleared by it
    assert "修好了".encode() in server.get("/posts/a/")[2]
    served_equals_a_full_build(server, tmp_path)


def test_template_and_static_changes(server, site, tmp_path):
    templates = site / "templates"
    templates.mkdir()
    (templates / "404.html").write_text("{% extends 'base.html' %}{% block main %}<h1>迷路了</h1>{% endblock %}",
                                        encoding="utf-8")
    assert "posts/a/index.html" not in server.reload_with("404.html")
    (site / "static/img/logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg' width='1'/>")
    assert server.reload_with("img/logo.svg") == ["img/logo.svg"]
    served_equals_a_full_build(server, tmp_path)


def test_requests_stay_inside_the_site_with_right_types(server, site):
    outside = site.parent / "secret.txt"
    outside.write_text("secret")
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "//etc/passwd", "/posts/../../secret.txt",
                 "/%00", "/img/..%5c..%5csecret.txt"):
        status, _, body = server.get(path)
        assert status == 404 and b"secret" not in body, path
    status, kind, body = server.get("/no/such/page/")
    assert (status, kind) == (404, "text/html; charset=utf-8") and "页面不存在".encode() in body
    assert server.get("/en/nothing")[2].count("Page not found".encode()) >= 1
    assert server.get("/css/main.css")[1] == "text/css; charset=utf-8"
    assert server.get("/img/logo.svg")[1] == "image/svg+xml; charset=utf-8"
    assert server.get("/__blog__/live.js")[1] == "text/javascript; charset=utf-8"
    assert server.get("/fonts/STIXTwoMath-Regular.woff2")[1] == "font/woff2"


def test_a_port_in_use_moves_to_the_next_free_one(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        running = Server(site, port)
        try:
            assert running.port != port
            assert running.printed[0].strip() == f"port {port} is in use; using {running.port} instead"
            assert running.get("/")[0] == 200
        finally:
            running.stop()


def test_a_blog_with_no_posts_is_served_and_picks_up_its_first_post(tmp_path):
    site = write_site(tmp_path / "empty", {"content/pages/about.md": "---\ntitle: 关于\n---\n\n还没有文章。\n"})
    server = Server(site, free_port())
    try:
        status, _, home = server.get("/")
        assert status == 200 and "还没有文章。新文章发布后会显示在这里。".encode() in home
        (site / "content/posts").mkdir()
        (site / "content/posts/first.md").write_text(POST.format(title="第一篇", day=1, extra="", body="开张。"),
                                                    encoding="utf-8")
        server.reload_with("posts/first/index.html")
        assert "开张".encode() in server.get("/posts/first/")[2]
        assert "第一篇".encode() in server.get("/")[2]
        served_equals_a_full_build(server, tmp_path)
    finally:
        server.stop()
