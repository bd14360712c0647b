"""Full-text search without a server: Pagefind's extended build, which segments Chinese, so 策略梯度
is found inside unbroken Chinese text.

Pagefind spends seconds on a large blog, mostly segmenting Chinese, so four things keep it off the
common path. It reads small text pages (title, headings with their ids, text; no MathML) made
from what the Markdown workers extracted, not the finished HTML. Posts are split into shards by
a stable hash of their address; each shard is its own Pagefind bundle under `pagefind/N/`, and
the search page merges them. A shard is indexed again only when one of its posts changed, so
editing one post re-indexes a few hundred posts at most. And indexing runs beside page rendering.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path, PurePosixPath

from ..diagnostics import BlogError, error
from ..settings.urls import Urls
from ..site.model import Page, Site

BUNDLE_ROOT = "pagefind"
SEARCH_INDEX = "the search index"  # the maker of BUNDLE_ROOT's files, as messages name it
PAGES_PER_SHARD = 400  # each Pagefind run starts in ~0.3 s: fewer, larger shards for cold builds


def bundle_path(shard: int) -> str:
    return f"{BUNDLE_ROOT}/{shard}/"


def shard_count(pages: int) -> int:
    """A power of two, so the count (and with it every shard) changes only when the blog doubles;
    none for a blog with no posts yet, since Pagefind refuses to build an empty index."""
    if pages == 0:
        return 0
    count = 1
    while count * PAGES_PER_SHARD < pages:
        count *= 2
    return count


def searchable_pages(site: Site) -> list[Page]:
    return [post for lsite in site.languages.values() for post in lsite.posts]


def plan_shards(site: Site) -> dict[int, tuple[str, list[Page]]]:
    """Every shard's posts and a digest that changes whenever its index would."""
    pages = searchable_pages(site)
    count = shard_count(len(pages))
    members: dict[int, list[Page]] = {shard: [] for shard in range(count)}
    for page in pages:
        members[int(hashlib.blake2b(page.route.encode(), digest_size=4).hexdigest(), 16) % count].append(page)
    return {shard: (_digest(count, posts), posts) for shard, posts in members.items()}


def _digest(count: int, posts: list[Page]) -> str:
    parts = sorted((p.route, p.lang, p.title, p.digest) for p in posts)
    return hashlib.blake2b(repr((count, parts)).encode(), digest_size=12).hexdigest()


def index_shards(site_root: Path, shards: dict[int, list[Page]], workers: int) -> None:
    """Write the bundles of `shards` under `site_root/pagefind/`, replacing what was there."""
    if not shards:
        return
    executable = _pagefind_executable()
    with tempfile.TemporaryDirectory(prefix="blog-search-") as scratch, ThreadPoolExecutor(max(1, workers)) as pool:
        jobs = [pool.submit(_index_shard, executable, Path(scratch) / str(shard), site_root / bundle_path(shard), posts)
                for shard, posts in sorted(shards.items())]
        for job in jobs:
            job.result()


def _index_shard(executable: Path, shadow: Path, bundle: Path, posts: list[Page]) -> None:
    if not posts:  # nothing to index is a normal state (a new blog), never a Pagefind error
        return
    for post in posts:
        page = shadow / Urls.dest_path(post.route)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(shadow_page(post), encoding="utf-8")
    shutil.rmtree(bundle, ignore_errors=True)  # Pagefind never removes fragments of pages that are gone
    bundle.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([str(executable), "--site", str(shadow), "--output-path", str(bundle), "--silent"],
                          capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        output = " ".join((done.stderr or done.stdout).split())[-500:]
        raise BlogError([error("site.yaml", None, None, f"search: Pagefind failed ({output or f'exit {done.returncode}'})")])
    _sort_languages(bundle / "pagefind-entry.json")


def shadow_page(post: Page) -> str:
    """What Pagefind reads for a post: its title, and its headings and text (see searchtext.py)."""
    return (f'<!doctype html><html lang="{post.lang}"><head><meta charset="utf-8"><title>{escape(post.title)}</title>'
            f"</head><body><h1>{escape(post.title)}</h1>{post.search_text}</body></html>")


def bundle_files(root: Path, shard: int) -> list[str]:
    """The dest_paths of a shard's bundle as it lies under `root` (an output folder, or scratch)."""
    folder = root / bundle_path(shard)
    return sorted(path.relative_to(root).as_posix() for path in folder.rglob("*") if path.is_file())


def pack_bundle(bundle: Path) -> bytes:
    """A shard's bundle as one zip (stored: Pagefind's files are compressed already), for the cache."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(bundle.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(bundle).as_posix())
    return buffer.getvalue()


def unpack_bundle(blob: bytes, shard: int) -> dict[str, bytes]:
    """A cached bundle's files by dest_path (the writer refuses paths that leave the output)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {str(PurePosixPath(bundle_path(shard), member)): archive.read(member) for member in archive.namelist()}


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in hash-map order, different from run to run;
    every other file it writes is named and filled by content. Sorted, two builds are byte-identical."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _pagefind_executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
        return get_executable()
    except (ImportError, FileNotFoundError):
        raise BlogError([error("site.yaml", None, None, "search: Pagefind's extended build is not installed "
                                                        "(pip install 'pagefind[extended]'), or turn search off "
                                                        "with 'search: {enabled: false}'")]) from None
