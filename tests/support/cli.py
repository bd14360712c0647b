"""The command line run for real: in a fresh interpreter as a user would, or in this process when
a test needs no fork and many runs must stay cheap."""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from blog.commands.cli import main


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def diagnostics(self) -> list[str]:
        """The `PATH:LINE:COL: severity: message` lines on stderr."""
        return [line for line in self.stderr.splitlines() if ": error: " in line or ": warning: " in line]


def run_blog(*args: str | Path, cwd: Path | None = None, timeout: float = 120) -> Run:
    """Run the real command line in a fresh interpreter; `timeout` only turns a hang into a failure."""
    done = subprocess.run([sys.executable, "-m", "blog", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
    return Run(done.returncode, done.stdout, done.stderr)


def run_main(*args: str | Path) -> Run:
    """The command line in this process: config errors stop a build before any work worth a fork."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(arg) for arg in args])
    return Run(code, out.getvalue(), err.getvalue())
