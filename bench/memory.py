#!/usr/bin/env python3
"""Peak memory of one `blog build` and all its child processes, as RSS and as PSS.

usage: python bench/memory.py SITE [blog build options…]

Summed RSS counts every page a forked worker shares with its parent once per process; PSS
(proportional set size, from /proc/PID/smaps_rollup) splits shared pages between their sharers,
so its sum is what the build really holds. Linux only.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

BLOG = Path(sys.executable).parent / "blog"


def process_tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            todo += [int(child) for child in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except OSError:
            pass
    return found


def kilobytes(pid: int, name: str, file: str) -> int:
    try:
        match = re.search(rf"^{name}:\s+(\d+)", Path(f"/proc/{pid}/{file}").read_text(), re.M)
    except OSError:
        return 0
    return int(match.group(1)) if match else 0


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    started = time.perf_counter()
    build = subprocess.Popen([str(BLOG), "build", "--site", *sys.argv[1:]], stdout=subprocess.DEVNULL)
    peak_pss = peak_rss = 0
    while build.poll() is None:
        tree = process_tree(build.pid)
        peak_pss = max(peak_pss, sum(kilobytes(pid, "Pss", "smaps_rollup") for pid in tree))
        peak_rss = max(peak_rss, sum(kilobytes(pid, "VmRSS", "status") for pid in tree))
        time.sleep(0.05)
    print(f"{time.perf_counter() - started:.1f} s, exit {build.returncode}: peak of the process tree "
          f"{peak_pss / 1024:.0f} MB PSS, {peak_rss / 1024:.0f} MB summed RSS")


if __name__ == "__main__":
    main()
