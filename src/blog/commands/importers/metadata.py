"""Read what Hexo and Hugo read: front matter (YAML `---`, TOML `+++`, JSON `{…}` or `;;;`, and
Hexo's YAML without an opening `---`) and config files, as plain Python values.

YAML is read the way js-yaml and Go read it (YAML 1.2): only true/false are booleans, so a title
`No` or `on` stays text, and dates stay text for the converter to normalise. A block that does
not parse is read line by line (`key: value`), with a note saying so, rather than lost.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Yaml12Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader with YAML 1.2 booleans and no timestamps."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))

_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_HEXO_CLOSE = re.compile(r"^(?:-{3,}|;{3,})[ \t]*$", re.MULTILINE)
_SALVAGE_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*(.*)$")
_SALVAGE_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*)$")


@dataclass
class FrontMatter:
    data: dict[str, Any]
    body: str
    problem: str | None = None  # why the block was read line by line, or was not a mapping


def load_yaml(text: str) -> Any:
    """Raise ValueError with a short reason on bad YAML."""
    try:
        return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1} of the block)" if mark is not None else ""
        raise ValueError(f"{getattr(exc, 'problem', None) or 'invalid YAML'}{where}") from None
    except (TypeError, OverflowError, RecursionError) as exc:  # e.g. a list used as a key
        raise ValueError(f"invalid YAML ({exc})") from None


def load_toml(text: str) -> Any:
    try:
        return plain(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(str(exc)) from None


def read_front_matter(text: str, *, hexo: bool) -> FrontMatter:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    first_line = text.split("\n", 1)[0].rstrip()
    if first_line in ("---", "+++") or (hexo and first_line == ";;;"):
        opening_end = text.find("\n") + 1
        close = (_TOML_CLOSE if first_line == "+++" else _HEXO_CLOSE if hexo else _YAML_CLOSE).search(text, opening_end)
        if opening_end and close is not None:
            block = text[opening_end:close.start()]
            kind = {"---": "yaml", "+++": "toml", ";;;": "json"}[first_line]
            return _parsed(block, kind, text, close.end())
    if text.startswith("{"):
        try:
            data, end = json.JSONDecoder().raw_decode(text)
            return _result(plain(data), text, end, None)
        except ValueError:
            pass
    if hexo:  # Hexo also takes everything above the first `---` line when it reads as a mapping
        close = _HEXO_CLOSE.search(text)
        if close is not None and close.start() > 0:
            try:
                data = load_yaml(text[:close.start()])
            except ValueError:
                data = None
            if isinstance(data, dict) and data:
                return _result(plain(data), text, close.end(), None)
    return FrontMatter({}, text)


def _parsed(block: str, kind: str, text: str, end: int) -> FrontMatter:
    try:
        if kind == "toml":
            data = load_toml(block)
        else:
            data = json.loads("{" + block + "}") if kind == "json" else load_yaml(block)
        problem = None
    except ValueError as exc:
        data, problem = salvage(block), f"its {kind.upper()} does not parse ({exc}); it was read line by line"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        data, problem = {}, f"its {kind.upper()} is not a set of 'key: value' lines; it was ignored"
    return _result(plain(data), text, end, problem)


def _result(data: dict, text: str, end: int, problem: str | None) -> FrontMatter:
    if text.startswith("\n", end):  # the closing fence's own line end
        end += 1
    return FrontMatter(data, text[end:], problem)


def salvage(block: str) -> dict[str, Any]:
    """`key: value` and `key = value` lines, and `- item` lines under a key, all as text."""
    data: dict[str, Any] = {}
    key = None
    for line in block.split("\n"):
        item = _SALVAGE_ITEM.match(line)
        if item and key is not None:
            if not isinstance(data.get(key), list):
                data[key] = []
            data[key].append(_unquote(item.group(1)))
            continue
        found = _SALVAGE_KEY.match(line)
        if found:
            key, value = found.group(1), found.group(2).strip()
            data[key] = _unquote(value) if value else None
    return data


def _unquote(value: str) -> Any:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        return [_unquote(part) for part in value[1:-1].split(",") if part.strip()]
    return value


def plain(value: Any) -> Any:
    """Only str, int, float, bool, None, list and dict: TOML dates become text, keys become text."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def load_config_file(path) -> tuple[dict[str, Any], str | None]:
    """A config file by its suffix; (data, problem)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"cannot be read ({exc})"
    try:
        if path.suffix == ".toml":
            data = load_toml(text)
        elif path.suffix == ".json":
            data = plain(json.loads(text))
        else:
            data = plain(load_yaml(text))
    except ValueError as exc:
        return {}, f"does not parse ({exc})"
    return (data, None) if isinstance(data, dict) else ({}, "is not a mapping of settings")


def as_text(value: Any) -> str:
    """A config value that should be text: numbers become text, anything else nothing."""
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
