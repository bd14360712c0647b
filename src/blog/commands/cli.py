"""`blog` command line: parses arguments, runs a command, prints diagnostics, sets the exit status.

Exit status: 0 success, 1 content or config errors (all listed), 2 bad usage.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..diagnostics import BlogError, Diagnostic

if TYPE_CHECKING:
    from ..pipeline.build import BuildStats

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _base_url(value: str) -> str:
    from ..settings.config import base_url_problem

    if problem := base_url_problem(value):
        raise argparse.ArgumentTypeError(problem)
    return value


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a positive number of processes")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port number (1-65535)")
    return int(value)


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser and each command's own, so a bad flag is answered with that command's usage."""
    parser = argparse.ArgumentParser(prog="blog", description="Build bilingual technical blogs with server-side math.")
    parser.add_argument("--version", action="version", version=f"blog {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def site_option(command: argparse.ArgumentParser) -> None:
        command.add_argument("--site", type=Path, default=Path("."), help="the site folder (holding site.yaml)")

    build = commands.add_parser("build", help="build the site into the output folder")
    site_option(build)
    build.add_argument("--output", type=Path, help="output folder (default: output_dir in site.yaml, else public/)")
    build.add_argument("--base-url", type=_base_url, help="override base_url, e.g. https://host/sub/")
    build.add_argument("--drafts", action="store_true", help="include drafts")
    build.add_argument("--jobs", type=_jobs, default=0, help="render processes (default: one per core)")
    build.add_argument("--strict", action="store_true", help="fail on warnings")
    build.add_argument("--no-cache", action="store_true", help="ignore and do not write the build cache")
    build.add_argument("--execute", action="store_true",
                       help="run notebooks with their kernel instead of using their stored outputs (needs blog[execute])")

    serve = commands.add_parser("serve", help="preview the site with drafts, reloading on every save")
    site_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default: 8000; the next free one if taken)")

    check = commands.add_parser("check", help="build in a temporary folder and check links, images and math, for CI")
    site_option(check)
    check.add_argument("--external", action="store_true", help="also check external links (bounded time)")

    new = commands.add_parser("new", help="scaffold a post")
    site_option(new)
    new.add_argument("--lang", help="language of the post (default: the site's default language)")
    new.add_argument("--category", help="category of the post")
    new.add_argument("title", metavar="TITLE")

    init = commands.add_parser("init", help="create a new site that builds as it is")
    init.add_argument("directory", type=Path, metavar="DIR")

    importer = commands.add_parser("import", help="bring an existing Hexo, Hugo or Jekyll blog into a site")
    importer.add_argument("kind", nargs="?", choices=["hexo", "hugo", "jekyll"],
                          help="the blog's generator (default: detected from SRC)")
    importer.add_argument("source", type=Path, metavar="SRC", help="the blog's folder (never modified)")
    site_option(importer)
    importer.add_argument("--force", action="store_true", help="overwrite files that already exist in the site")
    return parser, commands.choices


def _parse(argv: list[str]) -> argparse.Namespace:
    parser, commands = _parser()
    # The top level has no options that take a value, so the first bare word is the command.
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if command is not None and command not in commands:
        close = difflib.get_close_matches(command, commands, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (expected one of: {', '.join(commands)})"
        parser.error(f"unknown command '{command}'{hint}")
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        commands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    try:
        return _COMMANDS[args.command](args)
    except BlogError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    from ..pipeline.build import BuildOptions, build
    from .progress import Progress

    options = BuildOptions(output_dir=args.output, base_url=args.base_url, drafts=args.drafts, jobs=args.jobs,
                           strict=args.strict, use_cache=not args.no_cache, execute=args.execute,
                           progress=Progress.for_terminal())
    result = build(args.site, options)
    _print_diagnostics(result.diagnostics.sorted())
    if not result.ok:
        errors, warnings = len(result.diagnostics.errors), len(result.diagnostics.warnings)
        reason = f"{errors} error(s)" if errors else f"{warnings} warning(s) with --strict"
        print(f"build failed: {reason}; the output folder was left as it was", file=sys.stderr)
        return EXIT_PROBLEMS
    for line in _summary(result.stats, os.path.relpath(result.output_dir) if result.output_dir else "?",
                         len(result.changed)):
        print(line)
    return EXIT_OK


def _summary(stats: BuildStats, output: str, changed: int) -> list[str]:
    """What a build made, in counts that add up to the pages the site has."""
    posts = sum(stats.pages.values())
    per_language = ", ".join(f"{lang} {count}" for lang, count in stats.pages.items())
    others = stats.outputs - posts - stats.listings  # archives, term lists, feeds, sitemap, search, 404, …
    lines = [f"built {posts} pages ({per_language}), {stats.listings} listing pages and {others} other files "
             f"(archives, term lists, feeds, sitemap, 404, …): {stats.outputs} in all, "
             f"plus {stats.static_files} static files, in {stats.seconds:.2f} s -> {output}"]
    if stats.drafts_left_out:
        drafts, them = ("1 draft was", "it") if stats.drafts_left_out == 1 else \
            (f"{stats.drafts_left_out} drafts were", "them")
        lines.append(f"  {drafts} left out: `blog build --drafts` includes {them}, `blog serve` shows {them}")
    if stats.rendered_posts < posts or stats.rendered_pages < stats.outputs:
        lines.append(f"  from the cache: {stats.rendered_posts} posts and {stats.rendered_pages} of {stats.outputs} "
                     f"pages rendered again, {changed} files changed")
    return lines


def _cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_post

    path = new_post(args.site, args.title, lang=args.lang, category=args.category)
    print(f"created {path}")
    return EXIT_OK


def _cmd_init(args: argparse.Namespace) -> int:
    from .scaffold import init_site

    init_site(args.directory)
    print(f"created a new site in {args.directory}; build it with: blog build --site {args.directory}")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from .importers import import_blog

    report = import_blog(args.kind, args.source, args.site, force=args.force)
    _print_diagnostics(report.diagnostics)
    print(report.summary())
    return EXIT_PROBLEMS if any(d.severity == "error" for d in report.diagnostics) else EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.site, host=args.host, port=args.port)


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_site

    report = check_site(args.site, external=args.external)
    _print_diagnostics(report.diagnostics)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_PROBLEMS


_COMMANDS = {"build": _cmd_build, "serve": _cmd_serve, "check": _cmd_check, "new": _cmd_new, "init": _cmd_init,
             "import": _cmd_import}


if __name__ == "__main__":
    sys.exit(main())
