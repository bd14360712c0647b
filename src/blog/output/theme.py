"""Templates: the site's templates/ over the built-in theme, strict about undefined names, with
errors reported at the template's own file and line."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import jinja2

from ..diagnostics import Diagnostic, error
from ..settings.urls import Urls
from ..site.model import Site
from . import feeds
from .routes import Route
from .tracking import TrackedStrings, TrackingEnvironment


def builtin_theme_dir() -> Path:
    """templates/ and static/ of the built-in theme: inside the wheel, or at the checkout's top."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "theme"
    return packaged if packaged.is_dir() else package.parents[1]


class TemplateFailure(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


class Theme:
    def __init__(self, site_dir: Path, site: Site, urls: Urls, environment: TrackingEnvironment | None = None,
                 *, reloading: bool = False) -> None:
        """`environment`: the last build's compiled templates, reused when they come from the same folders;
        `reloading`: templates may change between builds that reuse it (blog serve)."""
        self.reloading = reloading
        self.site_dir = site_dir
        self.site = site
        self.urls = urls
        self.template_dirs = [d for d in (site_dir / "templates", builtin_theme_dir() / "templates") if d.is_dir()]
        if environment is not None and environment.loader.searchpath == [str(d) for d in self.template_dirs]:
            environment.globals.update(site=site, config=site.config)
            self.env = environment

    def template_names(self) -> list[str]:
        return self.env.list_templates()

    def template_source(self, name: str) -> str | None:
        try:
            source, _, _ = self.env.loader.get_source(self.env, name)
        except jinja2.TemplateNotFound:
            return None
        return source

    @cached_property
    def env(self) -> TrackingEnvironment:
        env = TrackingEnvironment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.template_dirs]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=self.reloading,
        )
        env.filters["format_date"] = _format_date
        env.globals["site"] = self.site
        env.globals["config"] = self.site.config
        env.globals["feed"] = feeds.FEED_HELPERS
        return env

    def render_tracked(self, route: Route) -> tuple[str, set]:
        """The page, and the model attributes it read (tracking.py)."""
        with self.env.recording() as reads:
            return self.render(route), reads

    def render(self, route: Route) -> str:
        try:
            template = self.env.get_template(route.template)
            return template.render(self._context(route))
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateFailure(error(self._display_path(exc.filename), exc.lineno, None,
                                        f"template syntax: {exc.message}")) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateFailure(error(route.source, None, None, f"template '{exc.name}' not found "
                                        f"(looked in {', '.join(self._display_path(str(d)) for d in self.template_dirs)})")) from None
        except Exception as exc:  # noqa: BLE001 - any failure inside a template is the template's problem
            filename, line = _template_frame(exc)
            raise TemplateFailure(error(self._display_path(filename) if filename else route.template, line, None,
                                        f"template: {_describe(exc)} (while rendering {route.route})")) from None

    def _context(self, route: Route) -> dict[str, Any]:
        here = self.site.languages[route.lang]
        return {
            **route.context,
            "lang": route.lang,
            "here": here,
            "t": TrackedStrings(here.strings, self.env),
            "route": route,
            "canonical": self.urls.permalink(route.route),
            "alternates": route.alternates,
            "url_for": self._url_for(route.lang),
        }

    def _url_for(self, current_lang: str) -> Callable[..., str]:
        urls = self.urls
        named: dict[str, Callable[..., str]] = {
            "home": lambda lang, page=1: urls.home(lang, page),
            "archives": lambda lang: urls.archives(lang),
            "categories": lambda lang: urls.terms(lang, "categories"),
            "tags": lambda lang: urls.terms(lang, "tags"),
            "search": lambda lang: urls.search(lang),
            "feed": lambda lang: urls.feed(lang),
            "static": lambda lang, path: urls.static(path),
        }

        def url_for(name: str, *args: Any, lang: str = current_lang, absolute: bool = False, **kwargs: Any) -> str:
            """`url_for('home', page=2)`, `url_for('static', 'css/main.css')`, `url_for('archives', lang='en')`."""
            if name not in named:
                raise ValueError(f"url_for: unknown name '{name}' (known: {', '.join(named)})")
            route = named[name](lang, *args, **kwargs)
            return urls.permalink(route) if absolute else urls.url(route)

        return url_for

    def _display_path(self, filename: str | None) -> str:
        if not filename:
            return "templates"
        path = Path(filename).resolve()
        try:
            return path.relative_to(self.site_dir.resolve()).as_posix()
        except ValueError:
            return str(path)  # a built-in theme template


@jinja2.pass_context
def _format_date(context, value, fmt: str | None = None) -> str:
    if value is None:
        return ""
    language = context.environment.getattr(context["here"], "language")  # a tracked read
    return context["t"].format_date(value, fmt or language.date_format or None)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".j2")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _describe(exc: BaseException) -> str:
    message = str(exc) or type(exc).__name__
    return message if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {message}"

