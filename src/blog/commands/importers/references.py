"""Where every file of the old blog ends up, and how a post refers to it afterwards.

An image or link in a post is looked up the way the old blog served it: `/x` under the site's
static folders (or Typora's `typora-root-url`, or the old `root` path), `x` beside the post or in
its asset folder. Found, it gets the URL it has in the new site: relative inside the post's own
folder, `/x` in static/, the other page's URL for another page's file or Markdown source. A file
the old blog reached but we would not otherwise publish is copied where the reference expects it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote

from ...settings.urls import old_url_route
from .mathfix import fixed_formula
from .plan import Blog, Document
from .rewrite import Call, Output
from .sources import is_markdown, walk_files

_INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]\n\\]|\\.)*)\]\(\s*(<[^>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)"
                          r"((?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*)\)")
_DEFINITION = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)", re.MULTILINE)
_HTML_SOURCE = re.compile(r"(<(?:img|source|video|audio)\b[^>]*?\bsrc\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE | re.DOTALL)
_NUNJUCKS_COMMENT = re.compile(r"\{#(.*?)#\}", re.DOTALL)
_EXTERNAL = re.compile(r"^(?:[A-Za-z][\w+.-]*:|//|#)")


class Publisher:
    """Blog-wide: the published place of every source file, and the pages by every name they go by."""

    def __init__(self, blog: Blog) -> None:
        self.blog = blog
        self.root = blog.root.resolve()
        self.static_of = {path.resolve(): dest for dest, path in blog.static.items()}
        self.asset_owner: dict[Path, Document] = {}
        self.assets: dict[str, Path] = {}  # site path -> file, for each document's folder
        self.extra: dict[str, Path] = {}  # site path -> file, copied because a post refers to it
        self.by_source = {doc.abs_src_path.resolve(): doc for doc in blog.documents}
        self.by_key: dict[str, list[Document]] = {}
        self.by_old_url: dict[str, Document] = {}
        for doc in blog.documents:
            for key in dict.fromkeys(_key(key) for key in doc.keys if key):
                self.by_key.setdefault(key, []).append(doc)
            for url in [*doc.old_urls, *(doc.front.get("aliases") or [])]:
                route = old_url_route(url)
                if route:
                    self.by_old_url.setdefault(route, doc)
            if doc.asset_dir is not None:
                self._collect_assets(doc)

    def _collect_assets(self, doc: Document) -> None:
        folder = doc.asset_dir
        files = list(walk_files(folder, self.blog))
        nested = {p.parent for p in files if is_markdown(p) and p.stem.split(".")[0] == "index"} - {folder}
        for path in files:
            if any(parent in nested for parent in path.parents) or (doc.bundle and is_markdown(path)
                                                                    and path.stem.split(".")[0] in ("index", "_index")):
                continue
            relative = path.relative_to(folder).as_posix()
            if relative.lower() in ("index.html", "index.htm"):  # it would take the page's own place
                doc.notes.append(("title", f"'{relative}' beside the page would replace the page itself; not copied"))
                continue
            self.asset_owner.setdefault(path.resolve(), doc)
            self.assets.setdefault(f"{doc.asset_target}/{relative}", path)

    def lookup(self, key: str, lang: str | None) -> Document | None:
        """The page a name refers to, in the asking page's language when there are several."""
        found = self.by_key.get(_key(key), [])
        return next((doc for doc in found if doc.lang == lang), found[0] if found else None)

    def copies(self) -> dict[str, Path]:
        """Every file to copy into the site: site path -> source file."""
        return {**{f"static/{dest}": path for dest, path in self.blog.static.items()}, **self.assets, **self.extra}


def _key(text: str) -> str:
    return unquote(text).strip().strip("/").removeprefix("./").lower()


class DocumentContext:
    """What the converters of one document ask: URLs of files and pages, and text rewriting."""

    def __init__(self, publisher: Publisher, doc: Document) -> None:
        self.publisher, self.doc, self.blog = publisher, doc, publisher.blog
        typora = doc.raw.get("typora-root-url")
        self.typora_root = (doc.abs_src_path.parent / str(typora)) if isinstance(typora, str) and typora else None
        self.math_in_html_warned: set[int] = set()

    # --- text between tags ------------------------------------------------------------------------
    def write_text(self, out: Output, text: str) -> None:
        if self.blog.kind == "hexo" and "{#" in text:
            text = _NUNJUCKS_COMMENT.sub(lambda m: f"<!--{m.group(1)}-->", text)
        edits = sorted([*self._link_edits(text), *self._definition_edits(text), *self._html_edits(text)])
        position = 0
        for start, end, replacement, problem in edits:
            if start < position:
                continue
            out.write(text[position:start])
            if problem:
                out.warn(problem)
            out.write(replacement)
            position = end
        out.write(text[position:])

    def fix_math(self, out: Output, text: str, meta: dict) -> None:
        block = meta.get("html_block")
        if block is not None and block not in self.math_in_html_warned:
            self.math_in_html_warned.add(block)
            out.warn("a formula inside raw HTML is shown as TeX, not rendered; write that HTML in Markdown "
                     "or move the formula out of it")
        out.write(fixed_formula(text, meta))

    def _link_edits(self, text: str):
        for found in _INLINE_LINK.finditer(text):
            bang, label, destination, title = found.groups()
            url = destination[1:-1] if destination.startswith("<") else destination
            new, problem = self._resolve(url, image=bool(bang))
            if new != url:
                rebuilt = f"{bang}[{label}]({_markdown_destination(new)}{title})"
                yield found.start(), found.end(), rebuilt, problem
            elif problem:
                yield found.start(), found.end(), found.group(0), problem

    def _definition_edits(self, text: str):
        for found in _DEFINITION.finditer(text):
            destination = found.group(2)
            url = destination[1:-1] if destination.startswith("<") else destination
            new, _ = self._resolve(url, image=False)
            if new != url:
                yield found.start(), found.end(), found.group(1) + _markdown_destination(new), None

    def _html_edits(self, text: str):
        for found in _HTML_SOURCE.finditer(text):
            new, problem = self._resolve(found.group(3), image=True)
            if new != found.group(3) or problem:
                quoted = quote(new, safe="/:#?&=%@+~!$,;'()*[]") if new != found.group(3) else new
                yield found.start(), found.end(), f"{found.group(1)}{found.group(2)}{quoted}{found.group(2)}", problem

    # --- URLs ----------------------------------------------------------------------------------------
    def _resolve(self, url: str, *, image: bool) -> tuple[str, str | None]:
        """The URL in the new site, and a warning for an image that is nowhere in the blog."""
        if not url or _EXTERNAL.match(url) or url.startswith(("data:", "{{", "{%")):
            return url, None
        old_root = self.blog.root_path
        if old_root != "/" and url.startswith(old_root):  # '/blog/x' on a blog served under /blog/
            url = "/" + url[len(old_root):]
        path, tail = re.match(r"([^?#]*)(.*)", url, re.DOTALL).groups()
        decoded = unquote(path).replace("\\", "/")
        if not decoded:
            return url, None
        old = old_url_route(decoded) if decoded.startswith("/") and not image else None
        if old and old in self.publisher.by_old_url and self.publisher.by_old_url[old].route:
            return self.publisher.by_old_url[old].route + tail, None
        file = self._find(decoded)
        if file is None:
            return url, (f"image '{url}' is not in the blog; put it in static/ (for a '/…' path) or beside the post"
                         if image else None)
        target = self.publisher.by_source.get(file)
        if target is not None:
            return target.route + tail, None
        new = self._published_url(file, decoded)
        return (url if new == decoded else new + tail), None

    def _find(self, decoded: str) -> Path | None:
        candidates: list[Path] = []
        if decoded.startswith("/"):
            relative = decoded.lstrip("/")
            if self.typora_root is not None:
                candidates.append(self.typora_root / relative)
            candidates += [root / relative for root in self.blog.static_roots]
        else:
            candidates.append(self.doc.abs_src_path.parent / decoded)
            if self.doc.asset_dir is not None:
                candidates.append(self.doc.asset_dir / decoded)
        for candidate in candidates:
            try:
                resolved = candidate.resolve()
            except (OSError, RuntimeError, ValueError):
                continue
            if resolved.is_relative_to(self.publisher.root) and resolved.is_file():
                return resolved
        return None

    def _published_url(self, file: Path, decoded: str) -> str:
        publisher, doc = self.publisher, self.doc
        owner = publisher.asset_owner.get(file)
        if owner is not None and owner.asset_dir is not None:
            relative = file.relative_to(owner.asset_dir.resolve()).as_posix()
            return relative if owner.asset_dir == doc.asset_dir else owner.route + relative
        if file in publisher.static_of:
            return "/" + publisher.static_of[file]
        parts = decoded.split("/")
        if not decoded.startswith("/") and ".." not in parts:  # keep the relative reference: put it beside the page
            relative = "/".join(p for p in parts if p not in ("", "."))
            publisher.extra.setdefault(f"{doc.asset_target}/{relative}", file)
            return decoded
        relative = decoded.lstrip("/") if decoded.startswith("/") else file.relative_to(publisher.root).as_posix()
        publisher.extra.setdefault(f"static/{relative}", file)
        publisher.static_of[file] = relative
        return "/" + relative

    # --- for the converters --------------------------------------------------------------------------
    def asset_exists(self, name: str) -> bool:
        return self.doc.asset_dir is not None and (self.doc.asset_dir / unquote(name)).is_file()

    def image_url(self, url: str, call: Call) -> str:
        new, problem = self._resolve(url, image=True)
        if problem:
            call.note(problem)
        return new

    def link_url(self, url: str) -> str:
        return self._resolve(url, image=False)[0]

    def finds(self, url: str) -> bool:
        """Whether the blog has the file `url` names."""
        return self._find(unquote(url)) is not None

    def find_post(self, key: str) -> tuple[str, str] | None:
        doc = self.publisher.lookup(key, self.doc.lang)
        return (doc.route, doc.title) if doc is not None else None

    def find_page(self, reference: str) -> tuple[str, str] | None:
        """Hugo's ref: relative to this page's folder first, then from the content root."""
        path, _, anchor = reference.partition("#")
        anchor = f"#{anchor}" if anchor else ""
        if not path:
            return (self.doc.route + anchor, self.doc.title)
        here = "/".join(self.doc.src_rel.split("/")[1:-1])  # without the content folder and the file
        for key in ([f"{here}/{path}"] if not path.startswith("/") and here else []) + [path]:
            doc = self.publisher.lookup(re.sub(r"/[^/]+/\.\./", "/", key), self.doc.lang)
            if doc is not None:
                return (doc.route + anchor, doc.title)
        return None

    def read_code(self, path: str) -> str | None:
        folder = self.blog.code_dir
        file = (folder / path).resolve() if folder is not None else None
        if file is None or not file.is_relative_to(self.publisher.root) or not file.is_file():
            return None
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def param(self, name: str) -> str | None:
        lower = name.lower()
        page = {str(k).lower(): v for k, v in self.doc.raw.items()}
        page_params = page.get("params") if isinstance(page.get("params"), dict) else {}
        for table in (page, {str(k).lower(): v for k, v in page_params.items()}, self.blog.params):
            value = table.get(lower)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                return str(value)
        return None


def _markdown_destination(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url
