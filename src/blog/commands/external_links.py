"""`blog check --external`: does every http(s) link in the posts answer? Bounded in total time,
concurrency and retries, so a slow or dead host never holds up CI for long."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .. import __version__
from ..diagnostics import Diagnostic, error, warning
from ..site.links import ExternalLink

USER_AGENT = f"blog-check/{__version__} (link checker)"


@dataclass(frozen=True)
class Limits:
    workers: int = 8  # requests in flight
    timeout: float = 10.0  # seconds per request
    retries: int = 2  # more tries after a timeout, a refused connection, a 429 or a 5xx
    budget: float = 60.0  # seconds for the whole check; URLs not reached by then are reported, not failed


def check_external_links(links: list[ExternalLink], limits: Limits = Limits()) -> list[Diagnostic]:
    """One request per distinct URL; its verdict is reported at every place that links to it."""
    places: dict[str, list[ExternalLink]] = {}
    for link in links:
        places.setdefault(link.url, []).append(link)
    deadline = time.monotonic() + limits.budget
    with ThreadPoolExecutor(max_workers=limits.workers) as pool:
        verdicts = dict(zip(places, pool.map(lambda url: _verdict(url, limits, deadline), places)))
    problems = []
    for url, verdict in verdicts.items():
        if verdict is None:
            continue
        report, reason = verdict
        problems += [report(place.src_path, place.line, None, f"external link '{url}': {reason}") for place in places[url]]
    return problems


def _verdict(url: str, limits: Limits, deadline: float):
    """None when the URL answers; else (error or warning, why)."""
    reason = ""
    for attempt in range(limits.retries + 1):
        if attempt:
            time.sleep(min(0.5 * 2 ** (attempt - 1), max(deadline - time.monotonic(), 0)))
        remaining = deadline - time.monotonic()
        if remaining < 0.05:
            if attempt:
                break  # out of time for retries: the last failure stands
            return warning, f"not checked: the {limits.budget:g} s time limit for external links ran out"
        status, reason = _request(url, min(limits.timeout, remaining))
        if status is not None and status < 400:
            return None
        if status is not None and status != 429 and status < 500:
            return error, reason  # a 404 or 410 will not get better by asking again
    return error, reason


def _request(url: str, timeout: float) -> tuple[int | None, str]:
    """HEAD, then GET when the server refuses HEAD (some answer 403, 405 or 501 to it)."""
    status, reason = None, ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as exc:
            status, reason = exc.code, f"HTTP {exc.code} {exc.reason}"
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return status, reason
        except (urllib.error.URLError, OSError, ValueError) as exc:
            cause = getattr(exc, "reason", exc)
            if isinstance(cause, TimeoutError):
                return None, f"no answer within {timeout:g} s"
            return None, f"cannot connect ({cause})"
    return status, reason
