"""The only writer of an import: into the site folder, never over a file that differs.

Re-running an import is safe: an identical file is left alone, a file the user changed is kept
(with one warning) unless `--force`, and no path is written twice in one run.
"""

from __future__ import annotations

import filecmp
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ...diagnostics import Diagnostic, warning


@dataclass
class WriteCounts:
    created: int = 0
    unchanged: int = 0
    replaced: int = 0
    kept: int = 0


@dataclass
class SiteFiles:
    site_dir: Path
    force: bool
    counts: WriteCounts = field(default_factory=WriteCounts)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)  # site path -> where it came from

    def write_text(self, dest: str, text: str, origin: str) -> bool:
        """Write `text`; False when the user's own version was kept."""
        return self._write(dest, origin, text.encode("utf-8"), None)

    def copy(self, dest: str, source: Path, origin: str) -> bool:
        return self._write(dest, origin, None, source)

    def _write(self, dest: str, origin: str, data: bytes | None, source: Path | None) -> bool:
        pure = PurePosixPath(dest)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            self.diagnostics.append(warning(origin, None, None, f"not imported: '{dest}' is outside the site"))
            return False
        if dest in self.written:
            if self.written[dest] != origin:
                self.diagnostics.append(warning(dest, None, None, f"both {self.written[dest]} and {origin} "
                                                                  f"would be written here; kept the first"))
            return True
        self.written[dest] = origin
        target = self.site_dir / dest
        if target.is_dir():
            self.diagnostics.append(warning(dest, None, None, "is a folder in the site; not imported"))
            return False
        existed = target.exists()
        if existed and self._same(target, data, source):
            self.counts.unchanged += 1
            return True
        if existed and not self.force:
            self.counts.kept += 1
            self.diagnostics.append(warning(dest, None, None, "exists and differs from the imported version; "
                                                              "kept yours (import with --force to replace it)"))
            return False
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data if data is not None else source.read_bytes())
        except OSError as exc:
            self.diagnostics.append(warning(dest, None, None, f"could not be written ({exc.strerror}); not imported"))
            return False
        if existed:
            self.counts.replaced += 1
        else:
            self.counts.created += 1
        return True

    @staticmethod
    def _same(target: Path, data: bytes | None, source: Path | None) -> bool:
        try:
            if data is not None:
                return target.stat().st_size == len(data) and target.read_bytes() == data
            return filecmp.cmp(target, source, shallow=False)
        except OSError:  # unreadable: treat as different, so the user's file is kept (or replaced by --force)
            return False
