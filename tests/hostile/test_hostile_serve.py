"""Hostile requests to `blog serve`'s HTTP side: it serves the output folder and nothing else,
answers 404/400/414/431 as fitting, and stays up for everyone else while clients misbehave."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from blog.commands.cli import _parser
from blog.commands.devserver import Broadcaster, DevServer, make_handler

SECRET = b"the secret beside the output folder"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[int, type]]:
    """The dev server on an ephemeral port over a small output folder, with a secret beside it."""
    root = tmp_path_factory.mktemp("serve")
    (root / "secret.txt").write_bytes(SECRET)
    output = root / "public"
    (output / "posts/a").mkdir(parents=True)
    (output / "index.html").write_bytes(b"<!doctype html><title>home</title><body>home</body>")
    (output / "posts/a/index.html").write_bytes(b"<!doctype html><body>post a</body>")
    (output / "404.html").write_bytes(b"<!doctype html><body>not found page</body>")
    os.symlink(root / "secret.txt", output / "leak.txt")
    os.symlink(root, output / "up")
    os.symlink("index.html", output / "home.html")
    handler = make_handler(output, Broadcaster(), lambda: ("zh", "en"))
    handler.timeout = 1  # a stalled client is dropped after a second here (STALL_SECONDS when serving)
    httpd = DevServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], handler
    httpd.shutdown()
    httpd.server_close()


def request(port: int, raw: bytes) -> bytes:
    """Send raw bytes from a thread while reading the whole answer here: a server that answers
    early (431) stops reading what is left."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        def send() -> None:
            try:
                conn.sendall(raw)
            except OSError:  # the server answered and hung up first
                pass

        sender = threading.Thread(target=send)
        sender.start()
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
                head, _, body = answer.partition(b"\r\n\r\n")
                length = [line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
                if length and len(body) >= int(length[0].split(b":")[1]):
                    break
        except ConnectionResetError:
            pass
        with contextlib.suppress(OSError):  # unblock the sender; the server may have reset already
            conn.shutdown(socket.SHUT_RDWR)
        sender.join()
        return answer


def get(port: int, target: str | bytes, extra: bytes = b"") -> tuple[int, bytes]:
    target = target.encode("latin-1") if isinstance(target, str) else target
    answer = request(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + b"\r\n")
    status = int(answer.split(b" ", 2)[1])
    return status, answer.partition(b"\r\n\r\n")[2]


TRAVERSALS = [
    "/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
    "/%2e%2e%2fsecret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt", "/%252e%252e/secret.txt",
    "/%c0%ae%c0%ae/secret.txt", "/..\\secret.txt", "/..%5csecret.txt", "/%5c..%5csecret.txt",
    "//etc/passwd", "///secret.txt", "/posts/a/../../../secret.txt", "/posts/%2e%2e/%2e%2e/%2e%2e/secret.txt",
    "/leak.txt", "/up/secret.txt", "/%00/../secret.txt", "/secret.txt%00.html", "/.%00./secret.txt",
    "http://127.0.0.1/../secret.txt", "/%u002e%u002e/secret.txt", "/..;/secret.txt",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_traversal_serves_anything_outside_the_output(server, target: str):
    status, body = get(server[0], target)
    assert status in (400, 404), status
    assert SECRET not in body and b"root:" not in body


def test_a_link_inside_the_output_is_served(server):
    assert get(server[0], "/home.html") == (200, get(server[0], "/")[1])


def test_a_100000_character_path_is_414(server):
    status, _ = get(server[0], "/" + "a" * 100_000)
    assert status == 414


def test_a_10_mb_header_is_431(server):
    status, _ = get(server[0], "/", b"X-Big: " + b"a" * 10_000_000 + b"\r\n")
    assert status == 431


def test_ten_thousand_headers_are_431(server):
    status, _ = get(server[0], "/", b"".join(b"X-%d: a\r\n" % i for i in range(10_000)))
    assert status == 431


@pytest.mark.parametrize("raw, status", [(b"GARBAGE\r\n\r\n", 400), (b"GET / HTTP/9.9\r\n\r\n", 505),
                                         (b"GET /\x00 HTTP/1.1\r\n\r\n", 404), (b"GET / HTTP/1.1\r\nHost\r\n\r\n", 200),
                                         (b"DELETE / HTTP/1.1\r\nHost: x\r\n\r\n", 501)])
def test_malformed_requests_get_an_error_status(server, raw: bytes, status: int):
    assert request(server[0], raw).split(b" ", 2)[:2] == [b"HTTP/1.1", str(status).encode()]


def test_a_tls_hello_is_dropped_and_the_server_stays_up(server):
    assert request(server[0], b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\0" * 64) == b""
    assert get(server[0], "/")[0] == 200


def test_200_concurrent_requests_are_all_answered(server):
    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(lambda i: get(server[0], "/posts/a/" if i % 2 else "/nope/"), range(200)))
    assert [status for status, _ in answers] == [404 if i % 2 == 0 else 200 for i in range(200)]
    assert all(b"post a" in body for status, body in answers if status == 200)


def test_a_stalled_client_neither_blocks_others_nor_stays_forever(server):
    port, _ = server
    with socket.create_connection(("127.0.0.1", port)) as stalled:
        stalled.sendall(b"GET / HT")  # and nothing more
        assert get(port, "/posts/a/")[0] == 200
        stalled.settimeout(30)
        assert stalled.recv(1024) == b""  # the server hung up on it


def test_serve_listens_on_this_machine_only_by_default():
    assert _parser()[0].parse_args(["serve"]).host == "127.0.0.1"
