"""Faults: a build killed at several moments, a broken cache, two builds at once, a read-only
output folder and a full disk. The previous output survives each, byte for byte, and the next
build is byte-identical to a clean one."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from tests.hostile.corpus import QUIET_SITE_YAML, add_files, snapshot
from tests.support.cli import Run, run_blog
from tests.support.sites import write_site

POSTS = 300


def posts(edition: int) -> dict[str, str]:
    """300 posts with math, code, categories and tags; `edition` changes every tenth one."""
    return {f"content/posts/p{i:03d}.md": (
        f"---\ntitle: Post {i}{' (revised)' if edition and i % 10 == 0 else ''}\ndate: 2026-01-{i % 28 + 1:02d}\n"
        f"categories: [C{i % 7}]\ntags: [t{i % 13}, t{i % 5}]\n---\n\n## Part {edition}\n\n"
        f"Text {i} with $x^{{{i}}}$ and **bold**.\n\n```python\nprint({i})\n```\n") for i in range(POSTS)}


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """A 300-post site built once (the previous output), and a clean build of its next edition."""
    root = tmp_path_factory.mktemp("faults")
    clean = write_site(root / "clean", {"site.yaml": QUIET_SITE_YAML, **posts(1)})
    assert run_blog("build", "--site", clean, "--no-cache").code == 0
    site = write_site(root / "site", {"site.yaml": QUIET_SITE_YAML, **posts(0)})
    assert run_blog("build", "--site", site).code == 0
    return site, snapshot(site / "public"), snapshot(clean / "public")


def wait_for_entry(folder: Path, wanted: Callable[[str], bool], build: subprocess.Popen) -> Path | None:
    """The first entry made directly in `folder` whose name is `wanted`, as soon as it appears;
    None if the build ends first. Only the folder itself is watched: recursive inotify watches
    trip over the folders a build swaps."""
    appeared, found = threading.Event(), []

    class Created(FileSystemEventHandler):
        def on_created(self, event: FileSystemEvent) -> None:
            if wanted(os.path.basename(event.src_path)):
                found.append(Path(event.src_path))
                appeared.set()

    observer = Observer()
    observer.schedule(Created(), str(folder), recursive=False)
    observer.start()
    try:
        found.extend(entry for entry in folder.iterdir() if wanted(entry.name))  # made before the watch
        while not found and build.poll() is None:
            appeared.wait(0.05)  # woken by the entry, or soon after the build's end
        return found[0] if found else None
    finally:
        observer.stop()
        observer.join()


def staging_made(site: Path, build: subprocess.Popen) -> bool:
    return wait_for_entry(site, lambda name: name.startswith(".public.staging-"), build) is not None


def pages_half_written(site: Path, build: subprocess.Popen) -> bool:
    """The staging folder has its posts and is getting its tag pages."""
    staging = wait_for_entry(site, lambda name: name.startswith(".public.staging-"), build)
    return staging is not None and wait_for_entry(staging, lambda name: name == "tags", build) is not None


def cache_being_saved(site: Path, build: subprocess.Popen) -> bool:
    return wait_for_entry(site / ".blog-cache", lambda name: name.startswith("cache.sqlite-"), build) is not None


MOMENTS = {"staging-folder-made": staging_made, "pages-half-written": pages_half_written,
           "cache-being-saved": cache_being_saved}


def kill_at(site: Path, moment: Callable[[Path, subprocess.Popen], bool]) -> int:
    """Run a build and SIGKILL it, with every process it forked, the moment `moment` is reached."""
    build = subprocess.Popen([sys.executable, "-m", "blog", "build", "--site", str(site)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    if moment(site, build) and build.poll() is None:
        os.killpg(build.pid, signal.SIGKILL)
    return build.wait()


def test_a_build_killed_at_any_moment_leaves_the_previous_output_and_the_next_build_is_clean(editions):
    site, previous, clean = editions
    add_files(site, posts(1))
    leftovers = set()  # the half-written staging folders of builds killed before their swap
    for name, moment in MOMENTS.items():
        code = kill_at(site, moment)
        assert code in (-signal.SIGKILL, 0), name  # 0: the build won the race with the kill
        swapped = code == 0 or name == "cache-being-saved"  # the cache is saved after the swap
        assert snapshot(site / "public") == (clean if swapped else previous), name
        if not swapped:  # (after a swap, the old output is being removed in the background)
            leftovers |= {entry.name for entry in site.iterdir() if entry.name.startswith(".public.staging-")}
    run = run_blog("build", "--site", site)
    assert run.code == 0, run.stderr
    assert snapshot(site / "public") == clean
    assert leftovers and not leftovers & {entry.name for entry in site.iterdir()}  # removed by the next builds


CACHE = ".blog-cache/cache.sqlite"


def test_a_damaged_cache_is_discarded_with_a_warning(tmp_path: Path):
    few = {edition: dict(list(posts(edition).items())[:10]) for edition in (0, 1)}
    clean = {}
    for edition, files in few.items():
        fresh = write_site(tmp_path / f"clean-{edition}", {"site.yaml": QUIET_SITE_YAML, **files})
        assert run_blog("build", "--site", fresh, "--no-cache").code == 0
        clean[edition] = snapshot(fresh / "public")
    site = write_site(tmp_path / "site", {"site.yaml": QUIET_SITE_YAML, **few[0]})
    assert run_blog("build", "--site", site).code == 0
    for edition, damage in ((1, "garbage"), (0, "truncated"), (1, "empty")):
        cache = site / CACHE
        data = cache.read_bytes()
        cache.write_bytes({"garbage": os.urandom(4096), "truncated": data[:len(data) // 3], "empty": b""}[damage])
        add_files(site, few[edition])
        run = run_blog("build", "--site", site)
        assert run.code == 0, run.stderr
        assert [line.split(" (")[0] for line in run.diagnostics] == \
            [f"{CACHE}: warning: build cache discarded: it could not be read"], damage
        assert snapshot(site / "public") == clean[edition], damage


def test_two_builds_at_once_take_turns(tmp_path: Path):
    site = write_site(tmp_path / "site", {"site.yaml": QUIET_SITE_YAML, **dict(list(posts(1).items())[:40])})
    builds = [subprocess.Popen([sys.executable, "-m", "blog", "build", "--site", str(site)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    runs = [Run(b.wait(), *b.communicate()) for b in builds]
    assert [run.code for run in runs] == [0, 0], [run.stderr for run in runs]
    assert sorted(run.stderr for run in runs) == ["", f"waiting for another build of {site} to finish\n"]
    assert run_blog("build", "--site", site, "--no-cache", "--output", tmp_path / "clean").code == 0
    assert snapshot(site / "public") == snapshot(tmp_path / "clean")


@contextmanager
def small_disk(folder: Path, size: str, *, read_only: bool = False) -> Iterator[None]:
    """A tmpfs of `size` at `folder` (root, as CI is), remounted read-only if asked."""
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    try:
        (folder / "public").mkdir()
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        (folder / "filler").write_bytes(b"\0" * max(free - 64 * 1024, 0))  # 64 KB left: less than a site
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def can_mount() -> bool:
    return os.geteuid() == 0 and subprocess.run(["which", "mount"], capture_output=True).returncode == 0


def build_with_file_size_limit(site: Path, output: Path, limit: int) -> Run:
    """The other way to run out of room, where mounting is impossible: RLIMIT_FSIZE."""
    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run([sys.executable, "-m", "blog", "build", "--site", str(site), "--output", str(output)],
                          capture_output=True, text=True, preexec_fn=limit_files)
    return Run(done.returncode, done.stdout, done.stderr)


def assert_refused_to_write(run: Run, output: Path, reason: str) -> None:
    assert run.code == 1
    assert run.diagnostics == [f"--output: error: cannot write the output folder '{output}': {reason}"]
    assert "Traceback" not in run.stderr


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {"site.yaml": QUIET_SITE_YAML, **dict(list(posts(0).items())[:10])})


def test_a_full_disk_fails_cleanly(small_site: Path, tmp_path: Path):
    site = small_site
    disk = tmp_path / "disk"
    if can_mount():
        with small_disk(disk, "1m"):
            run = run_blog("build", "--site", site, "--output", disk / "public")
            assert_refused_to_write(run, disk / "public", "No space left on device")
            assert sorted(os.listdir(disk)) == ["filler", "public"] and os.listdir(disk / "public") == []
    else:
        disk.mkdir()
        run = build_with_file_size_limit(site, disk / "public", 4096)
        assert_refused_to_write(run, disk / "public", "File too large")
        assert os.listdir(disk) == []


def test_a_read_only_output_folder_fails_cleanly(small_site: Path, tmp_path: Path):
    site = small_site
    disk = tmp_path / "disk"
    if not can_mount():  # without root, permissions are enough
        (disk / "public").mkdir(parents=True)
        disk.chmod(0o555)
    with small_disk(disk, "1m", read_only=True) if can_mount() else nullcontext():
        run = run_blog("build", "--site", site, "--output", disk / "public")
        assert_refused_to_write(run, disk / "public", "Read-only file system" if can_mount() else "Permission denied")
        assert sorted(os.listdir(disk)) == (["filler", "public"] if can_mount() else ["public"])
