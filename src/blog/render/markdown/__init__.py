"""Markdown to HTML: parser assembly, math, code, excerpts; no IO."""
